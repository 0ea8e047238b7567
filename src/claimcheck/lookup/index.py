"""An embedded SQLite index of a GeoNames dump, searchable by name in milliseconds.

`claimcheck places import geonames` builds it from the GeoNames dump format (19 tab-separated
columns, optionally with alternateNamesV2); `claimcheck places search --db` searches it next to
the reviewed places file. The reviewed file stays the source of truth: an imported row has no
cited uncertainty, so it enters a verdict only through `verify --gazetteer-db`, sized by rule
and flagged (claimcheck.lookup.fallback); it is a candidate that a reviewer copies into
places.yaml, citing its GeoNames id (GeoNames data is licensed CC BY 4.0).

Names are stored once per distinct spelling (real dumps repeat names: Syria alone has five
"Ash Shāmīyah" rows), each spelling with its match key (gazetteer.names, indexed: exact and
transliteration hits) and its trigrams in a postings table (trigram -> packed spelling ids).
A fuzzy lookup counts the trigrams each spelling shares with the query and lets
gazetteer.names.rank order the best few. SQLite's FTS5 trigram tokenizer was tried first: an
OR of the query's trigrams is ranked by bm25 over the whole union of postings (about 90 ms per
lookup on 100,000 rows), and FTS5 cannot count shared trigrams, which is what finds near misses.
"""

from __future__ import annotations

import io
import math
import os
import sqlite3
import sys
import time
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TextIO

from claimcheck.errors import DataError, Problem, UsageError
from claimcheck.files.atomic import atomic_path
from claimcheck.files.yamlfile import STDIN
from claimcheck.gazetteer.names import HOW_ORDER, Match, key_of_spelling, rank, spelling
from claimcheck.gazetteer.places import Source

SCHEMA_VERSION = "1"
LICENCE = "CC BY 4.0"
GEONAMES_COLUMNS = 19
ALTERNATE_COLUMNS = 10
#: alternateNamesV2 "isolanguage" values that are codes or links, not names
_NOT_NAMES = frozenset({"link", "post", "iata", "icao", "faac", "fr_1793", "wkdt", "unlc", "tcid"})
#: distinct spellings taken from the trigram counts before gazetteer.names.rank orders them
FUZZY_CANDIDATES = 16
_MAX_PROBLEMS = 20
_BATCH = 5000

Progress = Callable[[int], None]


@dataclass(frozen=True)
class DbPlace:
    """One GeoNames row, as imported."""

    geonameid: int
    name: str
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country: str
    admin1: str
    population: int

    @property
    def source(self) -> Source:
        return Source(
            f'GeoNames {self.geonameid} "{self.name}"',
            url=f"https://www.geonames.org/{self.geonameid}",
            publisher=f"GeoNames, {LICENCE}",
        )

    @property
    def kind(self) -> str:
        code = f"{self.feature_class}.{self.feature_code}".strip(".")
        return f"point (GeoNames {code})" if code else "point"


@dataclass(frozen=True)
class DbMatch:
    place: DbPlace
    match: Match


@dataclass(frozen=True)
class ImportStats:
    rows: int
    names: int
    spellings: int
    seconds: float


# --- building ----------------------------------------------------------------------------------


def import_geonames(
    path: str,
    out: str,
    alternate_names: str | None = None,
    country: str | None = None,
    progress: Progress | None = None,
) -> ImportStats:
    """Build the index at `out` atomically (claimcheck.files.atomic: a temp file beside it,
    then os.replace), with the mode a new file gets from the umask.

    `progress` is called with the number of characters read since its last call. Bad rows
    raise DataError naming file and line; nothing is written then.
    """
    start = time.perf_counter()
    with atomic_path(out) as (temp, _):
        con = sqlite3.connect(temp)
        try:
            builder = _Builder(con)
            builder.build(path, alternate_names, country, progress)
        finally:
            con.close()
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
    return ImportStats(
        builder.rows, builder.names, len(builder.spellings), time.perf_counter() - start
    )


class _Builder:
    """Reads the dump into batched inserts, one spelling row per distinct spelled name."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.rows = self.names = 0
        self.spelling_of: dict[str, int] = {}  # name as written -> spelling id
        self.spellings: dict[str, int] = {}  # spelled -> spelling id
        self.postings: dict[str, array[int]] = {}
        self.place_batch: list[tuple[object, ...]] = []
        self.name_batch: list[tuple[int, str, int, bool]] = []
        self.seen: dict[int, set[str]] = {}

    def build(
        self, path: str, alternate_names: str | None, country: str | None, progress: Progress | None
    ) -> None:
        self.con.executescript(
            """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE places(
                geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL,
                lon REAL NOT NULL, feature_class TEXT, feature_code TEXT, country TEXT,
                admin1 TEXT, population INTEGER);
            CREATE TABLE spellings(
                id INTEGER PRIMARY KEY, spelling TEXT NOT NULL, key TEXT NOT NULL);
            CREATE TABLE names(
                geonameid INTEGER NOT NULL, name TEXT NOT NULL, spelling_id INTEGER NOT NULL,
                is_primary INTEGER NOT NULL);
            CREATE TABLE trigrams(tri TEXT PRIMARY KEY, ids BLOB NOT NULL) WITHOUT ROWID;
            """
        )
        only = country.upper() if country else None
        with _open(path) as handle:
            for line_no, fields in _rows(handle, path, GEONAMES_COLUMNS, progress):
                place = _place(fields, path, line_no)
                if only and place[6] != only:
                    continue
                self.place_batch.append(place)
                primary = {fields[1], fields[2]} - {""}
                names = primary | set(fields[3].split(",")) - {""}
                self.seen[place[0]] = names
                for name in names:
                    self.add_name(place[0], name, name in primary)
                if len(self.name_batch) >= _BATCH:
                    self.flush()
        if alternate_names:
            with _open(alternate_names) as handle:
                for _, fields in _rows(handle, alternate_names, ALTERNATE_COLUMNS, progress):
                    gid = int(fields[1]) if fields[1].isdigit() else -1
                    known = self.seen.get(gid)
                    name = fields[3]
                    if known is None or fields[2] in _NOT_NAMES or not name or name in known:
                        continue
                    known.add(name)
                    self.add_name(gid, name, False)
        self.flush()
        self.rows = len(self.seen)
        self.con.executemany(
            "INSERT INTO spellings VALUES (?, ?, ?)",
            ((i, s, key_of_spelling(s)) for s, i in self.spellings.items()),
        )
        self.con.executemany(
            "INSERT INTO trigrams VALUES (?, ?)",
            ((tri, ids.tobytes()) for tri, ids in self.postings.items()),
        )
        self.con.execute("CREATE INDEX spellings_key ON spellings(key)")
        self.con.execute("CREATE INDEX names_spelling ON names(spelling_id)")
        self.con.execute("CREATE INDEX names_place ON names(geonameid)")
        meta = {
            "schema": SCHEMA_VERSION,
            "source": os.path.basename(path),
            "alternate_names": os.path.basename(alternate_names or ""),
            "country": only or "",
            "licence": LICENCE,
        }
        self.con.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        self.con.commit()

    def add_name(self, geonameid: int, name: str, primary: bool) -> None:
        sid = self.spelling_of.get(name)
        if sid is None:
            spelled = spelling(name)
            sid = self.spellings.get(spelled)
            if sid is None:
                sid = self.spellings[spelled] = len(self.spellings) + 1
                for tri in set(trigrams(spelled)):
                    posting = self.postings.get(tri)
                    if posting is None:
                        posting = self.postings[tri] = array("i")
                    posting.append(sid)
            self.spelling_of[name] = sid
        self.names += 1
        self.name_batch.append((geonameid, name, sid, primary))

    def flush(self) -> None:
        self.con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?)", self.place_batch)
        self.con.executemany("INSERT INTO names VALUES (?, ?, ?, ?)", self.name_batch)
        self.place_batch, self.name_batch = [], []


def trigrams(spelled: str) -> list[str]:
    """Trigrams of a spelling padded with a space each side, so short names have some."""
    padded = f" {spelled} "
    return [padded[i : i + 3] for i in range(len(padded) - 2)]


def _open(path: str) -> TextIO:
    """The dump as text; "-" is standard input (e.g. `unzip -p SY.zip SY.txt | ...`)."""
    if path == STDIN:
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", newline="\n")
    try:
        return open(path, encoding="utf-8", newline="\n")
    except OSError as exc:
        raise DataError([Problem(path, 0, 0, "", f"cannot read file: {exc.strerror}")]) from exc


def _rows(
    handle: TextIO, path: str, columns: int, progress: Progress | None
) -> Iterator[tuple[int, list[str]]]:
    """Tab-separated rows with exactly `columns` fields; comment lines (#) are skipped."""
    problems: list[Problem] = []
    pending = 0
    try:
        for line_no, line in enumerate(handle, 1):
            pending += len(line)
            if progress and pending >= 1 << 20:
                progress(pending)
                pending = 0
            if line.startswith("#") or not line.strip():
                continue
            fields = line.rstrip("\r\n").split("\t")
            if len(fields) != columns:
                problems.append(
                    Problem(
                        path,
                        line_no,
                        1,
                        "",
                        f"expected {columns} tab-separated columns, found {len(fields)}",
                    )
                )
                if len(problems) >= _MAX_PROBLEMS:
                    break
                continue
            yield line_no, fields
    except UnicodeDecodeError as exc:
        raise DataError([Problem(path, 0, 0, "", f"not UTF-8 text: {exc.reason}")]) from exc
    if progress and pending:
        progress(pending)
    if problems:
        raise DataError(problems)


def _place(
    fields: list[str], path: str, line_no: int
) -> tuple[int, str, float, float, str, str, str, str, int]:
    try:
        geonameid = int(fields[0])
        lat, lon = float(fields[4]), float(fields[5])
    except ValueError as exc:
        raise DataError(
            [Problem(path, line_no, 1, "", f"geonameid, latitude and longitude: {exc}")]
        ) from exc
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise DataError(
            [Problem(path, line_no, 1, "", f"latitude {lat}, longitude {lon} are out of range")]
        )
    population = int(fields[14]) if fields[14].isdigit() else 0
    return (geonameid, fields[1], lat, lon, fields[6], fields[7], fields[8], fields[10], population)


# --- searching -----------------------------------------------------------------------------------


class GazetteerDb:
    """A read-only handle on an index built by `import_geonames`."""

    def __init__(self, path: str) -> None:
        if path == STDIN:
            raise UsageError("a gazetteer index is a SQLite file: give its path, not -")
        if not os.path.isfile(path):
            raise UsageError(f"{path}: no such gazetteer index (build one with `places import`)")
        try:
            self.con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            meta = dict(self.con.execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError as exc:
            raise UsageError(f"{path}: not a claimcheck gazetteer index ({exc})") from exc
        if meta.get("schema") != SCHEMA_VERSION:
            raise UsageError(f"{path}: index schema {meta.get('schema')!r}; rebuild it")
        self.path = path
        self.meta = meta

    def __enter__(self) -> GazetteerDb:
        return self

    def __exit__(self, *exc: object) -> None:
        self.con.close()

    def get(self, geonameid: int) -> DbPlace | None:
        row = self.con.execute("SELECT * FROM places WHERE geonameid = ?", (geonameid,)).fetchone()
        return DbPlace(*row) if row else None

    def search(self, query: str, limit: int = 10, country: str | None = None) -> list[DbMatch]:
        """Places ranked by gazetteer.names.rank: exact, alias, transliteration, then fuzzy.

        Places tied with the last one kept are all returned, as `rank` does.
        """
        spelled = spelling(query)
        if not spelled:
            return []
        sql = "SELECT id FROM spellings WHERE key = ?"
        ids = {i for (i,) in self.con.execute(sql, (key_of_spelling(spelled),))}
        ids.update(self._fuzzy_ids(spelled))
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        where = " AND p.country = ?" if country else ""
        rows = self.con.execute(
            "SELECT n.geonameid, n.name, n.is_primary FROM names n JOIN places p USING (geonameid) "
            f"WHERE n.spelling_id IN ({marks}){where}",
            [*ids, *([country.upper()] if country else [])],
        ).fetchall()
        distinct = sorted({name for _, name, _ in rows})
        by_name = {m.place_id: m for m in rank(query, [(n, [n]) for n in distinct], len(distinct))}
        best: dict[int, Match] = {}
        for gid, name, primary in rows:
            m = by_name.get(name)
            if m is None:
                continue
            how = m.how if m.how != "exact" or primary else "alias"
            found = Match(str(gid), name, how, m.score)
            if gid not in best or _order(found) < _order(best[gid]):
                best[gid] = found
        ordered = sorted(best.values(), key=_order)
        kept = ordered[:limit]
        if kept:
            last = _order(kept[-1])[:2]
            kept += [m for m in ordered[limit:] if _order(m)[:2] == last]
        places = {p.geonameid: p for p in self._places([int(m.place_id) for m in kept])}
        return [DbMatch(places[int(m.place_id)], m) for m in kept]

    def _places(self, ids: list[int]) -> list[DbPlace]:
        marks = ",".join("?" * len(ids))
        sql = f"SELECT * FROM places WHERE geonameid IN ({marks})"
        return [DbPlace(*row) for row in self.con.execute(sql, ids)]

    def _fuzzy_ids(self, spelled: str) -> list[int]:
        """The spellings sharing the most trigrams with the query (the candidates to score)."""
        import numpy as np

        grams = sorted(set(trigrams(spelled)))
        marks = ",".join("?" * len(grams))
        blobs = [
            b
            for (b,) in self.con.execute(f"SELECT ids FROM trigrams WHERE tri IN ({marks})", grams)
        ]
        if not blobs:
            return []
        hits = np.concatenate([np.frombuffer(b, dtype=np.int32) for b in blobs])
        counts = np.bincount(hits)
        # A one-letter change costs a name at most three of its trigrams.
        found = np.flatnonzero(counts >= max(1, int(counts.max()) - 3))
        if len(found) > FUZZY_CANDIDATES:
            found = found[np.argsort(-counts[found], kind="stable")[:FUZZY_CANDIDATES]]
        return [int(i) for i in found]


def _order(m: Match) -> tuple[float, int, str]:
    return (-m.score, HOW_ORDER[m.how], m.place_id.zfill(12))
