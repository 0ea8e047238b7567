from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from claimcheck.errors import DataError, UsageError
from claimcheck.lookup.importer import import_geonames
from claimcheck.lookup.index import GazetteerDb, trigrams

FIXTURE = Path(__file__).parent / "data" / "geonames" / "SY-IQ-KW-notes.txt"
SHAMIYAH_IDS = {98629, 168566, 447557, 172825, 8338237, 285721}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("db") / "geonames.sqlite")
    stats = import_geonames(str(FIXTURE), path)
    assert stats.rows == 19
    return path


def test_fixture_rows_have_19_columns() -> None:
    rows = FIXTURE.read_text("utf-8").splitlines()
    assert len(rows) == 19
    assert {len(r.split("\t")) for r in rows} == {19}


@pytest.mark.parametrize(
    ("query", "ids", "how"),
    [
        ("At Tanf", {172344}, "exact"),
        ("al-Tanf", {172344}, "transliteration"),
        ("التنف", {172344}, "transliteration"),
        ("Ash Shamiyah", SHAMIYAH_IDS, "exact"),
        ("al-Shamiyah", SHAMIYAH_IDS, "transliteration"),
        ("Damascus", {170654}, "exact"),
        ("Rukbam camp", {11428685}, "fuzzy"),
    ],
)
def test_search_finds_every_spelling(db: str, query: str, ids: set[int], how: str) -> None:
    with GazetteerDb(db) as gaz:
        found = gaz.search(query, limit=len(ids))
    assert {m.place.geonameid for m in found} == ids
    assert {m.match.how for m in found} == {how}


def test_ties_at_the_limit_are_all_kept(db: str) -> None:
    with GazetteerDb(db) as gaz:
        assert len(gaz.search("Ash Shamiyah", limit=1)) == len(SHAMIYAH_IDS)


def test_country_filter_and_get(db: str) -> None:
    with GazetteerDb(db) as gaz:
        found = gaz.search("Ash Shamiyah", country="kw")
        place = gaz.get(285721)
    assert [m.place.geonameid for m in found] == [285721]
    assert place is not None and (place.lat, place.lon, place.country) == (29.3472, 47.9617, "KW")
    assert place.source.url == "https://www.geonames.org/285721"
    assert "CC BY 4.0" in str(place.source)


def test_alternate_names_and_country(tmp_path: Path) -> None:
    # alternateNamesV2 rows: test-only ids; the names are the aliases data/places.yaml gives
    alternates = tmp_path / "alternateNamesV2.txt"
    alternates.write_text(
        "1\t172344\tar\tالتنف\t\t\t\t\t\t\n"
        "2\t172344\tlink\thttps://en.wikipedia.org/wiki/Al-Tanf\t\t\t\t\t\t\n"
        "3\t98629\ten\tAl-Shamiya\t\t\t\t\t\t\n",
        encoding="utf-8",
    )
    out = str(tmp_path / "sy.sqlite")
    stats = import_geonames(str(FIXTURE), out, str(alternates), country="SY")
    assert stats.rows == 14  # the SY rows; 98629 is in Iraq, so its alternate is skipped
    with GazetteerDb(out) as gaz:
        names = set(gaz.names(172344))
        assert gaz.get(98629) is None
        assert [m.match.how for m in gaz.search("التنف")] == ["alias"]
    assert names == {"At Tanf", "التنف"}  # the link row is not a name


@pytest.mark.parametrize(
    ("row", "fragment"),
    [
        ("1\tx\tx", "expected 19 tab-separated columns, found 3"),
        ("x" + "\t" * 18, "geonameid, latitude and longitude"),
        ("1\tA\tA\t\t95\t38" + "\t" * 13, "out of range"),
        ("4294967296\tA\tA\t\t33\t38" + "\t" * 13, "geonameid 4294967296 is out of range"),
    ],
)
def test_bad_rows_name_file_and_line_and_write_nothing(
    tmp_path: Path, row: str, fragment: str
) -> None:
    good = FIXTURE.read_text("utf-8").splitlines()[0]
    dump = tmp_path / "bad.txt"
    dump.write_text(f"{good}\n{row}\n", encoding="utf-8")
    out = tmp_path / "out.sqlite"
    with pytest.raises(DataError) as info:
        import_geonames(str(dump), str(out))
    (problem,) = info.value.problems
    assert (problem.path, problem.line) == (str(dump), 2)
    assert fragment in problem.message
    assert os.listdir(tmp_path) == ["bad.txt"]  # no index, no temp file left behind


def test_a_failed_import_keeps_the_old_index(tmp_path: Path, db: str) -> None:
    out = tmp_path / "keep.sqlite"
    import_geonames(str(FIXTURE), str(out))
    before = out.read_bytes()
    bad = tmp_path / "bad.txt"
    bad.write_text("1\tx\n", encoding="utf-8")
    with pytest.raises(DataError):
        import_geonames(str(bad), str(out))
    assert out.read_bytes() == before


def test_opening_something_else_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such gazetteer index"):
        GazetteerDb(str(tmp_path / "missing.sqlite"))
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).close()
    with pytest.raises(UsageError, match="not a claimcheck gazetteer index"):
        GazetteerDb(str(other))


def test_progress_reports_every_byte_read(tmp_path: Path) -> None:
    """Bytes, not characters: the fixture's diacritics once left the bar short of 100 %."""
    steps: list[int] = []
    import_geonames(str(FIXTURE), str(tmp_path / "p.sqlite"), progress=steps.append)
    assert sum(steps) == FIXTURE.stat().st_size > len(FIXTURE.read_text("utf-8"))


def test_trigrams_are_padded_so_short_names_have_some() -> None:
    assert trigrams("tnf") == [" tn", "tnf", "nf "]


def test_the_index_gets_the_mode_the_umask_gives_not_0600(tmp_path: Path) -> None:
    out = tmp_path / "g.sqlite"
    old = os.umask(0o022)
    try:
        import_geonames(str(FIXTURE), str(out))
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    assert sorted(os.listdir(tmp_path)) == ["g.sqlite"]
