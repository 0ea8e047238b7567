"""GeoNames dumps as downloaded: zipped or not, with alternateNamesV2, progress to 100 %."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from claimcheck.errors import DataError
from claimcheck.lookup import importer, speller
from claimcheck.lookup.dumps import dump_size
from claimcheck.lookup.importer import import_geonames
from claimcheck.lookup.index import GazetteerDb

FIXTURE = Path(__file__).parent / "data" / "geonames" / "SY-IQ-KW-notes.txt"
#: alternateNamesV2 rows (test-only alternate ids): an Arabic name, a link, a name the dump
#: already has, a name for a place not imported, and the same new name twice
ALTERNATES = (
    "1\t172344\tar\tالتنف\t\t\t\t\t\t\n"
    "2\t172344\tlink\thttps://en.wikipedia.org/wiki/Al-Tanf\t\t\t\t\t\t\n"
    "3\t172344\ten\tAt Tanf\t\t\t\t\t\t\n"
    "4\t1\ten\tNowhere\t\t\t\t\t\t\n"
    "5\t172344\tfr\tAt-Tanf\t\t\t\t\t\t\n"
    "6\t172344\tde\tAt-Tanf\t\t\t\t\t\t\n"
)


def _zip(path: Path, member: str, text: str, *others: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(member, text)
        for other in others:
            zf.writestr(other, "not the dump\n")
    return path


def _table(path: str, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(path)
    try:
        return sorted(con.execute(sql).fetchall())
    finally:
        con.close()


def _many_rows(count: int) -> str:
    """The fixture's rows over and over, each copy under new GeoNames ids."""
    rows = FIXTURE.read_text("utf-8").splitlines()
    out = []
    for i in range(count):
        fields = rows[i % len(rows)].split("\t")
        fields[0] = str(20_000_000 + i)
        out.append("\t".join(fields) + "\n")
    return "".join(out)


def test_a_zipped_dump_imports_as_its_text(tmp_path: Path) -> None:
    text = FIXTURE.read_text("utf-8")
    dumps = {
        "txt": FIXTURE,
        "zip": _zip(tmp_path / "SY.zip", "SY.txt", text, "readme.txt"),
        "zip named otherwise": _zip(tmp_path / "download.zip", "SY-IQ.txt", text, "readme.txt"),
    }
    tables = set()
    for name, dump in dumps.items():
        out = str(tmp_path / f"{name}.sqlite")
        stats = import_geonames(str(dump), out)
        assert (stats.rows, stats.names) == (19, 30), name
        rows = _table(out, "SELECT * FROM places") + _table(out, "SELECT * FROM spellings")
        tables.add(tuple(rows))
    assert len(tables) == 1


def test_alternate_names_add_only_new_names_of_imported_places(tmp_path: Path) -> None:
    zipped = _zip(
        tmp_path / "alternateNamesV2.zip",
        "alternateNamesV2.txt",
        ALTERNATES,
        "iso-languagecodes.txt",
    )
    for alternates in (zipped, tmp_path / "alternateNamesV2.txt"):
        alternates.parent.joinpath("alternateNamesV2.txt").write_text(ALTERNATES, "utf-8")
        out = str(tmp_path / f"{alternates.suffix}.sqlite")
        stats = import_geonames(str(FIXTURE), out, str(alternates))
        assert stats.names == 32  # 30 from the dump, then التنف and At-Tanf once each
        with GazetteerDb(out) as gaz:
            names = gaz.listed_names(172344)
            assert names == [("At Tanf", True), ("التنف", False), ("At-Tanf", False)]
            assert [m.place.geonameid for m in gaz.search("التنف")] == [172344]


@pytest.mark.parametrize("zipped", [False, True])
def test_progress_ends_at_exactly_the_dump_size(tmp_path: Path, zipped: bool) -> None:
    text = _many_rows(10_000)  # several reports, not one at the end
    dump = tmp_path / "SY.txt"
    dump.write_text(text, "utf-8")
    if zipped:
        dump = _zip(tmp_path / "SY.zip", "SY.txt", text)
    steps: list[int] = []
    stats = import_geonames(str(dump), str(tmp_path / "p.sqlite"), progress=steps.append)
    assert stats.rows == 10_000
    assert len(steps) > 2 and all(step >= 0 for step in steps)
    assert sum(steps) == dump_size(str(dump)) == len(text.encode("utf-8"))


def test_a_zip_without_a_dump_is_a_data_error(tmp_path: Path) -> None:
    empty = _zip(tmp_path / "x.zip", "readme.txt", "")
    with pytest.raises(DataError, match="which file is the dump"):
        import_geonames(str(empty), str(tmp_path / "x.sqlite"))


def test_bad_rows_in_a_zip_name_the_zip_and_line(tmp_path: Path) -> None:
    dump = _zip(tmp_path / "SY.zip", "SY.txt", FIXTURE.read_text("utf-8") + "1\tx\n")
    with pytest.raises(DataError) as info:
        import_geonames(str(dump), str(tmp_path / "x.sqlite"))
    (problem,) = info.value.problems
    assert (problem.path, problem.line) == (str(dump), 20)


def test_a_name_without_letters_spells_nothing_and_has_no_trigrams(tmp_path: Path) -> None:
    row = "1\t-\t-\t\t33.5\t38.6\t\t\tSY\t\t\t\t\t\t0\t\t\t\t\n"
    dump = tmp_path / "SY.txt"
    dump.write_text(row + row.replace("1\t-\t-\t", "2\tA\tA\t", 1), "utf-8")
    out = str(tmp_path / "x.sqlite")
    assert import_geonames(str(dump), out).spellings == 2
    assert _table(out, "SELECT spelling, key FROM spellings") == [("", ""), ("a", "")]
    assert _table(out, "SELECT tri FROM trigrams") == [(" a ",)]


#: indexes of the fixtures as `import_geonames` builds them (tests/data/geonames/index, SQLite's
#: own dump of every table and row), and the look-ups of the index it built before, a row per
#: name (schema 1; tests/data/geonames/answers)
INDEXES = FIXTURE.parent / "index"
ANSWERS = FIXTURE.parent / "answers"
BUILDS = [
    ("SY-IQ-KW-notes", False),
    ("SY-IQ-KW-notes", True),
    ("RU-UA-Shebekino", False),
    ("RO-LB-stories", False),
    ("LY-Derna", False),
    ("YE-Hodeidah", False),
]


def _build(tmp_path: Path, dump: str, alternates: bool) -> str:
    names = tmp_path / "alternateNamesV2.txt"
    names.write_text(ALTERNATES, "utf-8")
    out = str(tmp_path / "x.sqlite")
    import_geonames(str(FIXTURE.parent / f"{dump}.txt"), out, str(names) if alternates else None)
    return out


def _dump(path: str) -> str:
    con = sqlite3.connect(path)
    try:
        return "".join(f"{line}\n" for line in con.iterdump())
    finally:
        con.close()


@pytest.mark.parametrize(("dump", "alternates"), BUILDS[:4])
def test_the_index_is_built_byte_for_byte_as_before(
    tmp_path: Path, dump: str, alternates: bool
) -> None:
    """Same tables, rows, spelling ids and keys, postings byte for byte: a spelling id decides
    which near misses a fuzzy look-up takes first, so a change of order shows here."""
    built = _dump(_build(tmp_path, dump, alternates))
    expected = INDEXES / f"{dump}{'+alternates' if alternates else ''}.sql"
    assert built == expected.read_text("utf-8")


@pytest.mark.parametrize(("dump", "alternates"), BUILDS)
def test_look_ups_answer_as_the_index_with_a_row_per_name_did(
    tmp_path: Path, dump: str, alternates: bool
) -> None:
    """Every name of the fixture and the same with one letter changed, with and without a
    country, and every place's names in order, as schema 1 (a row per name) answered them."""
    answers = json.loads(
        (ANSWERS / f"{dump}{'+alternates' if alternates else ''}.json").read_text("utf-8")
    )
    with GazetteerDb(_build(tmp_path, dump, alternates)) as gaz:
        for asked, expected in answers["search"].items():
            query, country, limit = asked.rsplit("|", 2)
            found = gaz.search(query, int(limit), None if country == "None" else country)
            got = [
                [m.place.geonameid, m.match.matched_name, m.match.how, m.match.score] for m in found
            ]
            assert got == expected, asked
        for gid, expected in answers["listed"].items():
            assert [[n, int(own)] for n, own in gaz.listed_names(int(gid))] == expected, gid


def test_small_batches_build_the_same_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches of 3 rows: many in the speller's hands at once, and answered in order."""
    whole = _build(tmp_path, "RU-UA-Shebekino", False)
    monkeypatch.setattr(importer, "_BATCH_ROWS", 3)
    (tmp_path / "b").mkdir()
    batched = _build(tmp_path / "b", "RU-UA-Shebekino", False)
    assert _dump(batched) == _dump(whole)


def test_with_one_cpu_the_names_are_spelled_here_to_the_same_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = _build(tmp_path, "RU-UA-Shebekino", True)
    monkeypatch.setattr(importer, "_cpus", lambda: 1)
    monkeypatch.setattr(importer, "ProcessPoolExecutor", None)  # no worker process
    (tmp_path / "here").mkdir()
    assert _dump(_build(tmp_path / "here", "RU-UA-Shebekino", True)) == _dump(whole)


@pytest.mark.parametrize("cpus", [1, 2])
def test_a_failure_in_the_speller_leaves_no_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cpus: int
) -> None:
    def broken(names: list[str]) -> list[str]:
        raise ValueError("the speller failed")

    if cpus > 1 and importer._START != "fork":
        pytest.skip("a worker started anew has no patch")
    monkeypatch.setattr(importer, "_cpus", lambda: cpus)
    monkeypatch.setattr(speller, "spellings", broken)  # a forked worker has it too
    with pytest.raises(ValueError, match="the speller failed"):
        import_geonames(str(FIXTURE), str(tmp_path / "x.sqlite"))
    assert list(tmp_path.iterdir()) == []


def test_digits_int_cannot_read_are_not_numbers(tmp_path: Path) -> None:
    """ "²" passes str.isdigit() but not int(): a population or an alternate name's GeoNames id
    written so crashed the import with a traceback; now they read as no population and no place."""
    fields = FIXTURE.read_text("utf-8").splitlines()[0].split("\t")
    fields[14] = "²"
    dump = tmp_path / "dump.txt"
    dump.write_text("\t".join(fields) + "\n", encoding="utf-8")
    alternates = tmp_path / "alternates.txt"
    alternates.write_text(f"1\t²\ten\tSquared\t\t\t\t\t\t\n1\t{fields[0]}\ten\tKept\t\t\t\t\t\t\n")
    out = tmp_path / "index.sqlite"
    import_geonames(str(dump), str(out), alternate_names=str(alternates))
    assert _table(str(out), "SELECT population FROM places") == [(0,)]
    with GazetteerDb(str(out)) as gaz:
        names = gaz.names(int(fields[0]))
    assert "Kept" in names and "Squared" not in names


_WORKER_THEN_SLEEP = """
import sys, time
from claimcheck.lookup import importer
with importer._speller() as workers:
    print(next(iter(workers._processes)), flush=True)
    time.sleep(60)
"""


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"  # a zombie has ended; only its parent's reaping is left


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_speller_ends_when_the_import_is_killed() -> None:
    """`kill -9` of the import (or a CI timeout's) must not leave its worker waiting forever."""
    with subprocess.Popen(
        [sys.executable, "-c", _WORKER_THEN_SLEEP], stdout=subprocess.PIPE, text=True
    ) as parent:
        assert parent.stdout is not None
        worker = int(parent.stdout.readline())
        assert _running(worker)
        parent.kill()
    for _ in range(100):  # up to 10 s; it ends at once
        if not _running(worker):
            break
        time.sleep(0.1)
    assert not _running(worker)
