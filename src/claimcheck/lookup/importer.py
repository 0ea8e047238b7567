"""Building the GeoNames index (claimcheck.lookup.index) from dumps as geonames.org serves them.

A dump is streamed row by row (claimcheck.lookup.dumps): memory grows with the distinct names,
not the rows. The load runs as close to SQLite's own speed as Python lets it: one transaction,
journal and sync off (the file is written beside the index and renamed into place), prepared
statements fed a batch of rows at a time, indexes built after the rows are in, and a row per
place, its names kept as GeoNames writes them. The names are spelled by a Speller
(claimcheck.lookup.speller) in a second process while this one reads the next rows and writes
the places; each spelling's places come back as numpy columns, packed at the end.
alternateNamesV2 adds the names a place lacks (its links and codes are not names); which are
new is decided by SQLite against a temporary table of the places' own names.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import sqlite3
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from claimcheck.files.atomic import atomic_path
from claimcheck.files.yamlfile import gc_paused
from claimcheck.frozen import frozen
from claimcheck.lookup import speller
from claimcheck.lookup.dumps import (
    GEONAMES_COLUMNS,
    Progress,
    alternate_names,
    dump_date,
    dump_lines,
    place_row,
    rows,
)
from claimcheck.lookup.index import LICENCE, SCHEMA_VERSION, own_names
from claimcheck.lookup.speller import Spelled

if TYPE_CHECKING:
    from claimcheck.lookup.speller import Ints

#: rows inserted at a time (their places and names)
_BATCH_ROWS = 10_000
#: batches the speller may have in hand before the reader waits for the oldest (their names
#: wait in between, pickled)
_AHEAD = 2
#: a forked speller starts at once with the modules already imported; elsewhere Python's default
_START = "fork" if "fork" in multiprocessing.get_all_start_methods() else None


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
    with _speller() as workers, atomic_path(out) as (temp, _):
        con = sqlite3.connect(temp, isolation_level=None)
        try:
            builder = _Builder(con, country.upper() if country else None, progress, workers)
            # the batches are hundreds of thousands of acyclic objects, each a collection's work
            with gc_paused():
                builder.build(path, alternate_names)
        finally:
            con.close()
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
    return ImportStats(builder.rows, builder.names, builder.spellings, time.perf_counter() - start)


@contextmanager
def _speller() -> Iterator[Executor]:
    """Where the names are spelled: a worker process with a Speller (claimcheck.lookup.speller)
    when this process may use two CPUs or more, else this process (handing batches to a process
    that shares the one CPU would only add the cost of handing them over).

    The worker is started at once: forked before this process has threads (numpy's start
    some; Python 3.12 warns of forking then), an open index, signal handlers of its own, or
    output waiting in a buffer (a forked child flushes its copy as it ends). It finishes the
    batch in hand and ends with the import.
    """
    if _cpus() < 2:
        speller.reset()
        yield _Here()
        return
    sys.stdout.flush()
    sys.stderr.flush()
    workers = ProcessPoolExecutor(
        1, mp_context=multiprocessing.get_context(_START), initializer=speller.start
    )
    try:
        workers.submit(speller.ready).result()
        yield workers
    finally:
        workers.shutdown(cancel_futures=True)


def _cpus() -> int:
    """The CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


_T = TypeVar("_T")


class _Here(Executor):
    """Runs each call at once, in this process: the speller's calls on a machine with one CPU."""

    def submit(self, fn: Callable[..., _T], /, *args: Any, **kwargs: Any) -> Future[_T]:
        done: Future[_T] = Future()
        try:
            done.set_result(fn(*args, **kwargs))
        except Exception as exc:  # raised where the result is asked for, as from a worker
            done.set_exception(exc)
        return done


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
CREATE TABLE spelling_names(
    spelling_id INTEGER NOT NULL, number INTEGER NOT NULL, name TEXT NOT NULL,
    PRIMARY KEY (spelling_id, number)) WITHOUT ROWID;
CREATE TABLE trigrams(tri TEXT PRIMARY KEY, ids BLOB NOT NULL) WITHOUT ROWID;
"""
#: alternate names that a place imported here lacks: SQLite decides, through the places' own
#: names (a temporary table kept only when alternate names are imported)
_NEW_ALTERNATES = """
INSERT INTO new_alternates
SELECT a.geonameid, a.name FROM (SELECT ? AS geonameid, ? AS name) a
WHERE EXISTS (SELECT 1 FROM places p WHERE p.geonameid = a.geonameid)
AND NOT EXISTS (SELECT 1 FROM own_names o WHERE o.geonameid = a.geonameid AND o.name = a.name)
"""


class _Builder:
    """One pass over the dump (places and their names), one over the alternate names.

    A place's row keeps its names as GeoNames writes them; what the import adds is, for each
    distinct spelling, its names and its postings: every (place, name's position) with a name
    spelled so, packed at the end (index.postings). The names are spelled by a Speller in a
    worker process while this one reads and writes the next batch of places.
    """

    def __init__(
        self,
        con: sqlite3.Connection,
        country: str | None,
        progress: Progress | None,
        workers: Executor,
    ):
        self.con = con
        self.country = country
        self.progress = progress
        self.workers = workers
        self.rows = self.names = 0
        #: the batches sent to the speller, oldest first
        self.pending: deque[Future[Spelled]] = deque()
        #: every spelling, in id order (from 1), and its match key
        self.spelled: list[str] = []
        self.keys: list[str] = []
        #: each batch's postings: spelling ids, (GeoNames id << POSITION_BITS) | position, and
        #: the names' numbers under their spellings
        self.posted: list[tuple[Ints, Ints, Ints]] = []
        #: whether the places' own names are kept for the alternate names to be checked against
        self.keep_own = False
        #: rows written to `alternates`
        self.alternates = 0

    @property
    def spellings(self) -> int:
        return len(self.spelled)

    def build(self, path: str, alternate_names: str | None) -> None:
        con = self.con
        con.executescript(_SCHEMA)
        con.execute("BEGIN")
        if alternate_names:
            self.keep_own = True
            con.execute("CREATE TEMP TABLE own_names(geonameid INTEGER, name TEXT)")
        with dump_lines(path, self.progress) as lines:
            self._load(lines, path)
        if alternate_names:
            self._load_alternates(alternate_names)
        while self.pending:
            self._receive()
        trigrams = self.workers.submit(speller.trigram_rows)  # while this process packs
        spelled = self.spelled
        postings = _packed(self.posted, len(spelled))
        con.executemany(
            "INSERT INTO spellings VALUES (?, ?, ?, ?)",
            zip(range(1, len(spelled) + 1), spelled, self.keys, postings, strict=True),
        )
        con.executemany("INSERT INTO trigrams VALUES (?, ?)", trigrams.result())
        con.execute("CREATE INDEX spellings_key ON spellings(key)")
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
        """The dump's places, inserted a batch of rows at a time, their names sent to be spelled."""
        places: list[tuple[Any, ...]] = []
        only = self.country
        for line_no, fields in rows(lines, path, GEONAMES_COLUMNS):
            place = place_row(fields, path, line_no)
            if only and place[6] != only:
                continue
            places.append(place)
            if len(places) >= _BATCH_ROWS:
                self._insert(places)
                places = []
        self._insert(places)

    def _insert(self, places: list[tuple[Any, ...]]) -> None:
        if not places:
            return
        self.con.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", places)
        ids = [p[0] for p in places]
        names = [p[1] for p in places]
        ascii_names = [p[9] for p in places]
        alternates = [p[10] for p in places]
        if self.keep_own:
            rows = _own_names(ids, names, ascii_names, alternates)
            self.con.executemany("INSERT INTO own_names VALUES (?, ?)", rows)
        self._send(self.workers.submit(speller.places, ids, names, ascii_names, alternates))
        self.rows += len(places)

    def _load_alternates(self, path: str) -> None:
        """The alternateNamesV2 names that the imported places lack, each at the next row of
        `alternates` (its position in the place's list: index.ALTERNATE_BASE + that row)."""
        con = self.con
        con.execute("CREATE INDEX own_names_place ON own_names(geonameid, name)")
        con.execute("CREATE TEMP TABLE new_alternates(geonameid INTEGER, name TEXT)")
        with dump_lines(path, self.progress) as lines:
            con.executemany(_NEW_ALTERNATES, alternate_names(lines, path))
        new = con.execute("SELECT DISTINCT geonameid, name FROM new_alternates")
        while batch := new.fetchmany(_BATCH_ROWS):
            con.executemany("INSERT INTO alternates VALUES (?, ?)", batch)
            ids = [gid for gid, _ in batch]
            names = [name for _, name in batch]
            self._send(self.workers.submit(speller.alternates, ids, names, self.alternates + 1))
            self.alternates += len(batch)

    def _send(self, spelling: Future[Spelled]) -> None:
        """A batch is being spelled; take in the oldest ones while too many are."""
        self.pending.append(spelling)
        while len(self.pending) > _AHEAD:
            self._receive()

    def _receive(self) -> None:
        """The oldest batch sent, spelled: its new names listed under their spellings, and its
        new spellings with their match keys."""
        spelled = self.pending.popleft().result()
        rows = zip(spelled.new_name_ids, spelled.new_name_numbers, spelled.new_names, strict=True)
        self.con.executemany("INSERT INTO spelling_names VALUES (?, ?, ?)", rows)
        self.keys += spelled.new_keys
        self.spelled += spelled.new_spellings
        self.posted.append((spelled.spelling_ids, spelled.postings, spelled.numbers))
        self.names += spelled.names


def _own_names(
    ids: list[int], names: list[str], ascii_names: list[str], alternates: list[str]
) -> Iterator[tuple[int, str]]:
    """(GeoNames id, name) of every name of these places (index.own_names: some twice)."""
    for gid, *columns in zip(ids, names, ascii_names, alternates, strict=True):
        for name in own_names(*columns):
            yield gid, name


def _packed(posted: list[tuple[Ints, Ints, Ints]], spellings: int) -> Iterator[bytes]:
    """Each spelling's postings (index.postings), packed, in spelling id order from 1."""
    import numpy as np  # (not before the speller has forked: see _speller)

    sid, entry, number = (
        np.concatenate([batch[i] for batch in posted] or [np.zeros(0, np.int64)]) for i in range(3)
    )
    order = np.lexsort((entry, sid))
    pairs = np.empty(2 * len(order), np.int64)
    pairs[0::2], pairs[1::2] = entry[order], number[order]
    packed = pairs.tobytes()
    bounds = np.searchsorted(sid[order], np.arange(1, spellings + 2)).tolist()
    for start, end in itertools.pairwise(bounds):
        yield packed[16 * start : 16 * end]
