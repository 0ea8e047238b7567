"""Building the GeoNames index (claimcheck.lookup.index) from dumps as geonames.org serves them.

A dump is read as downloaded, zipped or not (`allCountries.zip`, `SY.zip`, `alternateNamesV2.zip`,
or the `.txt` inside), streamed row by row: memory grows with the distinct names, not the rows.
The load runs as close to SQLite's own speed as Python lets it: one transaction, journal and
sync off (the file is written beside the index and renamed into place), prepared statements
fed a batch of rows at a time, indexes built after the rows are in, and a row per place, its
names kept as GeoNames writes them. Names are spelled in bulk: a batch's names not seen before
are spelled together (claimcheck.gazetteer.names.spellings, each rule one pass over them all);
each spelling's places are gathered as numpy columns and packed at the end, and its match key
and trigram postings are worked out in bulk at the end, the trigrams with numpy.
alternateNamesV2 adds the names a place lacks (its links and codes are not names); which are
new is decided by SQLite against a temporary table of the places' own names.
"""

from __future__ import annotations

import io
import itertools
import math
import os
import sqlite3
import sys
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import IO, Any

import numpy as np
import numpy.typing as npt

from claimcheck.errors import DataError, Problem
from claimcheck.files.atomic import atomic_path
from claimcheck.files.yamlfile import STDIN, gc_paused
from claimcheck.frozen import frozen
from claimcheck.gazetteer.names import keys_of_spellings, spellings
from claimcheck.lookup.index import ALTERNATE_BASE, LICENCE, POSITION_BITS, SCHEMA_VERSION

GEONAMES_COLUMNS = 19
ALTERNATE_COLUMNS = 10
#: alternateNamesV2 "isolanguage" values that are codes or links, not names
_NOT_NAMES = frozenset({"link", "post", "iata", "icao", "faac", "fr_1793", "wkdt", "unlc", "tcid"})
_MAX_PROBLEMS = 20
#: GeoNames ids are below this (13 million in 2026): a posting packs one in 32 bits
_MAX_GEONAMEID = 1 << 32
#: rows between two progress reports (a few hundred KB of a dump)
_PROGRESS_ROWS = 4096
#: rows inserted at a time (their places and names)
_BATCH_ROWS = 10_000
#: spellings whose trigrams are worked out at a time
_TRIGRAM_CHUNK = 1_000_000
#: names remembered with their spelling id; past this the cache starts again (the world's dump
#: has tens of millions of distinct names, which would not fit)
_NAME_CACHE = 2_000_000

_Ints = npt.NDArray[np.int64]

#: called with the number of bytes read since its last call; the calls add up to `dump_size`
Progress = Callable[[int], None]


@frozen
class ImportStats:
    """What an import wrote (rows, names, spellings) and how long it took."""

    rows: int
    names: int
    spellings: int
    seconds: float


def import_geonames(
    path: str,
    out: str,
    alternate_names: str | None = None,
    country: str | None = None,
    progress: Progress | None = None,
) -> ImportStats:
    """Build the index at `out` atomically (claimcheck.files.atomic: a temp file beside it,
    then os.replace), with the mode a new file gets from the umask.

    `path` and `alternate_names` are .txt files, the .zip files that hold them, or "-" for a
    .txt on standard input. `progress` is called with the bytes read (a zip's uncompressed)
    since its last call, adding up to exactly `dump_size` of the files (standard input is not
    counted). Bad rows raise DataError naming file and line; nothing is written then.
    """
    start = time.perf_counter()
    with atomic_path(out) as (temp, _):
        con = sqlite3.connect(temp, isolation_level=None)
        try:
            builder = _Builder(con, country.upper() if country else None, progress)
            # the batches are hundreds of thousands of acyclic objects, each a collection's work
            with gc_paused():
                builder.build(path, alternate_names)
        finally:
            con.close()
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
    return ImportStats(builder.rows, builder.names, builder.spellings, time.perf_counter() - start)


def dump_size(*paths: str | None) -> int:
    """Bytes the import will read from these files (uncompressed, for a zip's member)."""
    total = 0
    for path in paths:
        if path is None or path == STDIN:
            continue
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                total += zf.getinfo(_member(zf, path)).file_size
        else:
            total += os.path.getsize(path)
    return total


_SCHEMA = """
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA locking_mode = EXCLUSIVE;
PRAGMA cache_size = -65536;
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places(
    geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL,
    lon REAL NOT NULL, feature_class TEXT, feature_code TEXT, country TEXT,
    admin1 TEXT, population INTEGER, asciiname TEXT NOT NULL, alternatenames TEXT NOT NULL);
CREATE TABLE alternates(geonameid INTEGER NOT NULL, name TEXT NOT NULL);
CREATE TABLE spellings(
    id INTEGER PRIMARY KEY, spelling TEXT NOT NULL, key TEXT NOT NULL, places BLOB NOT NULL);
CREATE TABLE spelling_names(spelling_id INTEGER NOT NULL, name TEXT NOT NULL);
CREATE TABLE trigrams(tri TEXT PRIMARY KEY, ids BLOB NOT NULL) WITHOUT ROWID;
"""
#: alternate names that a place imported here lacks: SQLite decides, through the places' own
#: names (a temporary table kept only when alternate names are imported)
_NEW_ALTERNATES = """
INSERT INTO new_alternates
SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM places WHERE geonameid = ?1)
AND NOT EXISTS (SELECT 1 FROM own_names WHERE geonameid = ?1 AND name = ?2)
"""


class _Builder:
    """One pass over the dump (places and their names), one over the alternate names.

    A place's row keeps its names as GeoNames writes them; what the import adds is, for each
    distinct spelling, its postings: every (place, name's position) with a name spelled so,
    gathered as numpy columns and packed at the end (index.postings).
    """

    def __init__(self, con: sqlite3.Connection, country: str | None, progress: Progress | None):
        self.con = con
        self.country = country
        self.progress = progress
        self.rows = self.names = 0
        #: name as written -> spelling id (a cache; see _NAME_CACHE)
        self.spelling_of: dict[str, int] = {}
        #: spelled -> spelling id, which is its place in this dict's order (from 1)
        self.spelling_ids: dict[str, int] = {}
        #: each batch's postings: spelling ids, and (GeoNames id << POSITION_BITS) | position
        self.posted: list[tuple[_Ints, _Ints]] = []
        #: whether the places' own names are kept for the alternate names to be checked against
        self.keep_own = False
        #: rows written to `alternates`
        self.alternates = 0

    @property
    def spellings(self) -> int:
        return len(self.spelling_ids)

    def build(self, path: str, alternate_names: str | None) -> None:
        con = self.con
        con.executescript(_SCHEMA)
        con.execute("BEGIN")
        if alternate_names:
            self.keep_own = True
            con.execute("CREATE TEMP TABLE own_names(geonameid INTEGER, name TEXT)")
        with _dump(path, self.progress) as lines:
            self._load(lines, path)
        if alternate_names:
            self._load_alternates(alternate_names)
        spelled = list(self.spelling_ids)
        keys = (
            key
            for first in range(0, len(spelled), _TRIGRAM_CHUNK)
            for key in keys_of_spellings(spelled[first : first + _TRIGRAM_CHUNK])
        )
        con.executemany(
            "INSERT INTO spellings VALUES (?, ?, ?, ?)",
            zip(itertools.count(1), spelled, keys, _packed(self.posted, len(spelled))),
        )
        con.executemany("INSERT INTO trigrams VALUES (?, ?)", _postings(spelled))
        con.execute("CREATE INDEX spellings_key ON spellings(key)")
        con.execute("CREATE INDEX spelling_names_id ON spelling_names(spelling_id)")
        con.execute("CREATE INDEX alternates_place ON alternates(geonameid)")
        meta = {
            "schema": SCHEMA_VERSION,
            "source": os.path.basename(path),
            "dump_date": dump_date(path),
            "alternate_names": os.path.basename(alternate_names or ""),
            "country": self.country or "",
            "licence": LICENCE,
        }
        con.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        con.execute("COMMIT")

    def _load(self, lines: Iterable[str], path: str) -> None:
        """The dump's places, inserted a batch of rows at a time, with their names' postings."""
        places: list[tuple[object, ...]] = []
        only = self.country
        for line_no, fields in _rows(lines, path, GEONAMES_COLUMNS):
            place = _place(fields, path, line_no)
            if only and place[6] != only:
                continue
            places.append(place)
            if len(places) >= _BATCH_ROWS:
                self._insert(places)
                places = []
        self._insert(places)

    def _insert(self, places: list[tuple[Any, ...]]) -> None:
        """A batch of places, and the postings of their names.

        A place's names are its name and ASCII name (its own) and its alternate names, each
        distinct name posted once, at the position where it first stands (index.own_names).
        Names are met place by place and position by position, and a spelling's id is the order
        in which it is first met.
        """
        if not places:
            return
        self.con.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", places)
        count = len(places)
        alternates = [p[10] for p in places]
        extra = np.fromiter(map(str.count, alternates, itertools.repeat(",")), np.int64, count) + 1
        # every name of the batch, a column at a time: names, ASCII names, alternate names
        names = [p[1] for p in places] + [p[9] for p in places] + ",".join(alternates).split(",")
        whose = np.arange(count, dtype=np.int64)
        starts = np.repeat(np.cumsum(extra) - extra, extra)
        position = np.concatenate(
            (
                np.zeros(count, np.int64),
                np.ones(count, np.int64),
                np.arange(len(names) - 2 * count, dtype=np.int64) - starts + 2,
            )
        )
        whose = np.concatenate((whose, whose, np.repeat(whose, extra)))
        number = {name: i for i, name in enumerate(dict.fromkeys(names))}
        nid = np.fromiter(map(number.__getitem__, names), np.int64, len(names))
        met = np.lexsort((position, whose))  # as a reader meets them
        # each (place, name) once, where it first stands; "" is no name
        _, first = np.unique((whose[met] << 32) | nid[met], return_index=True)
        kept = met[first]
        kept = kept[nid[kept] != number.get("", -1)]
        # the batch's distinct names in the order they are first met
        _, seen = np.unique(nid[met], return_index=True)
        distinct = list(number)
        ordered = [distinct[i] for i in nid[met][np.sort(seen)].tolist() if distinct[i]]
        spelling_of = self._spell(ordered)
        sid = np.fromiter(map(spelling_of.get, distinct, itertools.repeat(0)), np.int64)
        ids = np.fromiter((p[0] for p in places), np.int64, count)
        self.posted.append((sid[nid[kept]], (ids[whose[kept]] << POSITION_BITS) | position[kept]))
        if self.keep_own:
            rows = zip(
                ids[whose[kept]].tolist(), map(names.__getitem__, kept.tolist()), strict=True
            )
            self.con.executemany("INSERT INTO own_names VALUES (?, ?)", rows)
        self.rows += count
        self.names += len(kept)

    def _load_alternates(self, path: str) -> None:
        """The alternateNamesV2 names that the imported places lack, each at the next row of
        `alternates` (its position in the place's list: ALTERNATE_BASE + that row)."""
        con = self.con
        con.execute("CREATE INDEX own_names_place ON own_names(geonameid, name)")
        con.execute("CREATE TEMP TABLE new_alternates(geonameid INTEGER, name TEXT)")
        with _dump(path, self.progress) as lines:
            con.executemany(_NEW_ALTERNATES, _alternates(lines, path))
        new = con.execute("SELECT DISTINCT geonameid, name FROM new_alternates")
        while batch := new.fetchmany(_BATCH_ROWS):
            con.executemany("INSERT INTO alternates VALUES (?, ?)", batch)
            names = [name for _, name in batch]
            spelling_of = self._spell(names)
            sid = np.fromiter(map(spelling_of.__getitem__, names), np.int64, len(names))
            gid = np.fromiter((gid for gid, _ in batch), np.int64, len(batch))
            rows = np.arange(self.alternates + 1, self.alternates + 1 + len(batch), dtype=np.int64)
            self.posted.append((sid, (gid << POSITION_BITS) | (ALTERNATE_BASE + rows)))
            self.alternates += len(batch)
            self.names += len(batch)

    def _spell(self, names: list[str]) -> dict[str, int]:
        """Name -> spelling id for these names: the names not yet seen are spelled together
        (gazetteer.names.spellings), a spelling first met getting the next id, and listed under
        it in `spelling_names`."""
        cache = self.spelling_of
        if len(cache) >= _NAME_CACHE:
            cache.clear()
        # (no name is empty: `_insert` and `_alternates` leave empty names out)
        new = list(dict.fromkeys(itertools.filterfalse(cache.__contains__, names)))
        spelled = spellings(new)
        ids = self.spelling_ids
        fresh = list(itertools.filterfalse(ids.__contains__, dict.fromkeys(spelled)))
        ids.update(zip(fresh, itertools.count(len(ids) + 1)))
        sid = list(map(ids.__getitem__, spelled))
        cache.update(zip(new, sid, strict=True))
        self.con.executemany("INSERT INTO spelling_names VALUES (?, ?)", zip(sid, new, strict=True))
        return cache


def _packed(posted: list[tuple[_Ints, _Ints]], spellings: int) -> Iterator[bytes]:
    """Each spelling's postings (index.postings), packed, in spelling id order from 1."""
    sid = np.concatenate([s for s, _ in posted] or [np.zeros(0, np.int64)])
    entry = np.concatenate([e for _, e in posted] or [np.zeros(0, np.int64)])
    order = np.lexsort((entry, sid))
    packed = entry[order].tobytes()
    bounds = np.searchsorted(sid[order], np.arange(1, spellings + 2)).tolist()
    for start, end in itertools.pairwise(bounds):
        yield packed[8 * start : 8 * end]


def _postings(spelled: list[str]) -> Iterator[tuple[str, bytes]]:
    """(trigram, the ids of the spellings that have it, packed) in trigram order, for index's
    trigram table: `index.trigrams` of every spelling, worked out in bulk with numpy (the
    spellings are ASCII: a trigram is three bytes) a chunk of spellings at a time."""
    parts: dict[bytes, list[bytes]] = {}
    for first in range(0, len(spelled), _TRIGRAM_CHUNK):
        chunk = spelled[first : first + _TRIGRAM_CHUNK]
        # b"\n" before each spelling and after the last: no spelling holds one, and each
        # stands for the space a spelling is padded with
        text = np.frombuffer(("\n" + "\n".join(chunk) + "\n").encode("ascii"), np.uint8)
        breaks = text == ord("\n")
        owner = np.cumsum(breaks, dtype=np.uint64) + np.uint64(first)  # spelling id at each byte
        code = np.where(breaks, np.uint64(ord(" ")), text.astype(np.uint64))
        trigram = (code[:-2] << np.uint64(16)) | (code[1:-1] << np.uint64(8)) | code[2:]
        inside = ~breaks[1:-1]  # a trigram centred on a break spans two spellings
        pairs = np.sort((trigram[inside] << np.uint64(32)) | owner[:-2][inside])
        if not len(pairs):  # spellings without letters ("-" spells "") have no trigrams
            continue
        pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))]  # once per spelling
        grams = pairs >> np.uint64(32)
        ids = (pairs & np.uint64(0xFFFFFFFF)).astype(np.int32).tobytes()
        starts = np.flatnonzero(np.concatenate(([True], grams[1:] != grams[:-1]))).tolist()
        ends = [*starts[1:], len(grams)]
        for gram, start, end in zip(grams[starts].tolist(), starts, ends, strict=True):
            parts.setdefault(gram.to_bytes(3, "big"), []).append(ids[4 * start : 4 * end])
    for gram in sorted(parts):
        yield gram.decode("ascii"), b"".join(parts[gram])


def dump_date(path: str) -> str:
    """The day GeoNames wrote the dump, as its zip records it (YYYY-MM-DD); "" for a plain text
    file or standard input, whose dates say when a copy was made, not what it is a copy of."""
    if path == STDIN or not zipfile.is_zipfile(path):
        return ""
    with zipfile.ZipFile(path) as zf:
        year, month, day = zf.getinfo(_member(zf, path)).date_time[:3]
    if (year, month, day) == _NO_ZIP_DATE:
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"


#: what a zip entry written without a date carries (the zip format's earliest)
_NO_ZIP_DATE = (1980, 1, 1)


def _member(zf: zipfile.ZipFile, path: str) -> str:
    """The dump inside a GeoNames zip: `SY.txt` in `SY.zip`, else its one other .txt file."""
    stem = os.path.splitext(os.path.basename(path))[0]
    names = zf.namelist()
    if f"{stem}.txt" in names:
        return f"{stem}.txt"
    dumps = [n for n in names if n.endswith(".txt") and n not in _NOT_DUMPS]
    if len(dumps) != 1:
        listing = ", ".join(names) or "nothing"
        raise DataError(
            [Problem(path, 0, 0, "", f"which file is the dump? the zip holds {listing}")]
        )
    return dumps[0]


#: what geonames.org zips hold beside the dump
_NOT_DUMPS = frozenset({"readme.txt", "iso-languagecodes.txt"})


@contextmanager
def _dump(path: str, progress: Progress | None) -> Iterator[Iterator[str]]:
    """The dump's lines, read as UTF-8 from the file or from its zip, reporting progress."""
    if path == STDIN:  # e.g. `unzip -p SY.zip SY.txt | ...`; it has no size to show progress of
        text = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", newline="\n")
        try:
            yield iter(text)
        finally:
            text.detach()
        return
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                member = _member(zf, path)
                with zf.open(member) as raw:
                    yield from _read(raw, zf.getinfo(member).file_size, progress)
        else:
            with open(path, "rb") as raw:
                yield from _read(raw, os.path.getsize(path), progress)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DataError([Problem(path, 0, 0, "", f"cannot read file: {reason}")]) from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile) as exc:
        raise DataError([Problem(path, 0, 0, "", f"cannot read the zip: {exc}")]) from exc


def _read(raw: IO[bytes], size: int, progress: Progress | None) -> Iterator[Iterator[str]]:
    with io.TextIOWrapper(raw, encoding="utf-8", newline="\n") as text:
        yield _lines(text, raw, size, progress)


def _lines(text: IO[str], raw: IO[bytes], size: int, progress: Progress | None) -> Iterator[str]:
    if progress is None:
        yield from text
        return
    reported = 0
    for count, line in enumerate(text, 1):
        if count % _PROGRESS_ROWS == 0:
            position = raw.tell()
            progress(position - reported)
            reported = position
        yield line
    progress(size - reported)  # what the decoder had read ahead, and the rest: 100 % exactly


def _rows(lines: Iterable[str], path: str, columns: int) -> Iterator[tuple[int, list[str]]]:
    """Tab-separated rows with exactly `columns` fields; comment lines (#) are skipped."""
    problems: list[Problem] = []
    try:
        for line_no, line in enumerate(lines, 1):
            if line[:1] == "#" or line.isspace():
                continue
            fields = line.rstrip("\r\n").split("\t")
            if len(fields) == columns:
                yield line_no, fields
                continue
            found = f"expected {columns} tab-separated columns, found {len(fields)}"
            problems.append(Problem(path, line_no, 1, "", found))
            if len(problems) >= _MAX_PROBLEMS:
                break
    except UnicodeDecodeError as exc:
        raise DataError([Problem(path, 0, 0, "", f"not UTF-8 text: {exc.reason}")]) from exc
    if problems:
        raise DataError(problems)


def _alternates(lines: Iterable[str], path: str) -> Iterator[tuple[int, str]]:
    """(geonameid, name) of each alternateNamesV2 row that is a name, not a code or a link."""
    for _line_no, fields in _rows(lines, path, ALTERNATE_COLUMNS):
        name = fields[3]
        if name and fields[2] not in _NOT_NAMES and fields[1].isdecimal():
            yield int(fields[1]), name


def _place(
    fields: list[str], path: str, line_no: int
) -> tuple[int, str, float, float, str, str, str, str, int, str, str]:
    """A row of `places`: the index's columns, then the names GeoNames lists after the name."""
    try:
        geonameid = int(fields[0])
        lat, lon = float(fields[4]), float(fields[5])
    except ValueError as exc:
        raise DataError(
            [Problem(path, line_no, 1, "", f"geonameid, latitude and longitude: {exc}")]
        ) from exc
    if not 0 <= geonameid < _MAX_GEONAMEID:
        raise DataError([Problem(path, line_no, 1, "", f"geonameid {geonameid} is out of range")])
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise DataError(
            [
                Problem(
                    path,
                    line_no,
                    1,
                    "",
                    f"latitude {lat}, longitude {lon} are out of range",
                )
            ]
        )
    population = int(fields[14]) if fields[14].isdecimal() else 0
    return (
        geonameid,
        fields[1],
        lat,
        lon,
        fields[6],
        fields[7],
        fields[8],
        fields[10],
        population,
        fields[2],
        fields[3],
    )
