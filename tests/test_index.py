"""Searching an imported GeoNames index: which row of a place is shown, on any index build."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from claimcheck.lookup.importer import import_geonames
from claimcheck.lookup.index import GazetteerDb

FIXTURE = Path(__file__).parent / "data" / "geonames" / "SY-IQ-KW-notes.txt"
QUERIES = ["Shamiya", "Ash Shamiyah", "ash shāmīyah", "Abu Kamel", "Damascsu", "التنف", "Tanf"]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = str(tmp_path_factory.mktemp("index") / "geonames.sqlite")
    import_geonames(str(FIXTURE), out)
    return out


def _results(path: str, query: str) -> list[tuple[int, str, str, float]]:
    with GazetteerDb(path) as gaz:
        found = gaz.search(query, limit=3)
    return [(m.place.geonameid, m.match.matched_name, m.match.how, m.match.score) for m in found]


def test_of_equally_good_names_a_place_shows_its_first(db: str) -> None:
    # "Ash Shāmīyah" and "Ash Shamiyah" share a spelling: both transliterate "Shamiya" alike,
    # and the name the dump gives first is the one shown, for each of the six tied places.
    found = _results(db, "Shamiya")
    assert [gid for gid, *_ in found] == [98629, 168566, 172825, 285721, 447557, 8338237]
    assert {(name, how) for _, name, how, _ in found} == {("Ash Shāmīyah", "transliteration")}
    assert {name for _, name, *_ in _results(db, "Ash Shamiyah")} == {"Ash Shamiyah"}


@pytest.mark.parametrize("query", QUERIES)
def test_an_index_without_the_covering_index_finds_the_same(
    db: str, tmp_path: Path, query: str
) -> None:
    """Indexes built before names_spelling covered its columns still answer, identically."""
    older = tmp_path / "older.sqlite"
    older.write_bytes(Path(db).read_bytes())
    con = sqlite3.connect(older)
    con.execute("DROP INDEX names_spelling")
    con.execute("CREATE INDEX names_spelling ON names(spelling_id)")
    con.commit()
    con.close()
    assert _results(str(older), query) == _results(db, query)
