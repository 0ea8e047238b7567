"""Searching an imported GeoNames index: which row of a place is shown, on any index build."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from claimcheck.lookup.importer import import_geonames
from claimcheck.lookup.index import GazetteerDb
from oracles import db_search_reading_every_row

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


DUMPS = sorted(FIXTURE.parent.glob("*.txt"))


@pytest.mark.parametrize("dump", DUMPS, ids=[d.stem for d in DUMPS])
def test_reading_only_the_spellings_that_rank_finds_what_reading_every_row_found(
    tmp_path: Path, dump: Path
) -> None:
    """Every name of the fixture, and the same with one letter changed, with and without a
    country, as the look-up read them when it ranked the rows of every candidate spelling."""
    out = str(tmp_path / "index.sqlite")
    import_geonames(str(dump), out)
    with GazetteerDb(out) as gaz:
        names = [name for (name,) in gaz.con.execute("SELECT DISTINCT name FROM names")]
        countries = [c for (c,) in gaz.con.execute("SELECT DISTINCT country FROM places")]
        queries = names + [name[:1] + "x" + name[2:] for name in names if len(name) > 2]
        for query in queries:
            for country, limit in [(None, 1), (None, 5), (countries[0], 5)]:
                found = [
                    (m.place.geonameid, m.match.matched_name, m.match.how, m.match.score)
                    for m in gaz.search(query, limit, country)
                ]
                assert found == db_search_reading_every_row(gaz, query, limit, country), query
