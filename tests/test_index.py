"""Searching an imported GeoNames index: which name of a place is shown, which index it reads."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from claimcheck.errors import UsageError
from claimcheck.lookup.importer import import_geonames
from claimcheck.lookup.index import GazetteerDb
from oracles import db_search_reading_every_row

FIXTURE = Path(__file__).parent / "data" / "geonames" / "SY-IQ-KW-notes.txt"


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


def test_an_index_of_the_older_schema_asks_to_be_rebuilt(db: str, tmp_path: Path) -> None:
    older = tmp_path / "older.sqlite"
    older.write_bytes(Path(db).read_bytes())
    con = sqlite3.connect(older)
    con.execute("UPDATE meta SET value = '1' WHERE key = 'schema'")
    con.commit()
    con.close()
    rebuild = "index schema '1', not '2': rebuild it with `claimcheck places import geonames`"
    with pytest.raises(UsageError, match=rebuild):
        GazetteerDb(str(older))


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
        places = [gid for (gid,) in gaz.con.execute("SELECT geonameid FROM places")]
        names = sorted({name for gid in places for name in gaz.names(gid)})
        countries = [c for (c,) in gaz.con.execute("SELECT DISTINCT country FROM places")]
        queries = names + [name[:1] + "x" + name[2:] for name in names if len(name) > 2]
        for query in queries:
            for country, limit in [(None, 1), (None, 5), (countries[0], 5)]:
                found = [
                    (m.place.geonameid, m.match.matched_name, m.match.how, m.match.score)
                    for m in gaz.search(query, limit, country)
                ]
                assert found == db_search_reading_every_row(gaz, query, limit, country), query
