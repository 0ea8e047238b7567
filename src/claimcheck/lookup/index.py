"""An embedded SQLite index of a GeoNames dump, searchable by name in milliseconds.

`claimcheck places import geonames` builds it (claimcheck.lookup.importer) from GeoNames dumps
(19 tab-separated columns, optionally with alternateNamesV2); `claimcheck places search --db`
searches it next to the reviewed places file. The reviewed file stays the source of truth: an
imported row has no cited uncertainty, so it enters a verdict only through `verify
--gazetteer-db`, sized by rule and flagged (claimcheck.lookup.fallback); it is a candidate that
a reviewer copies into places.yaml, citing its GeoNames id (GeoNames data is licensed CC BY 4.0).

A place's names are kept as GeoNames writes them, in its row (name, ASCII name, alternate names),
plus the alternateNamesV2 names it lacks in `alternates`. Each distinct spelling of a name
(gazetteer.names; real dumps repeat names: Syria alone has five "Ash Shāmīyah" rows) has its
match key (indexed: exact and transliteration hits), the names written that way, numbered, and
its places packed as postings: for each (place, name), the GeoNames id, where the name stands
in the place's list and the name's number, so a look-up reads no place row to know which name
matched. Trigrams are postings too (trigram -> packed spelling ids).
A fuzzy lookup counts the trigrams each spelling shares with the query and lets
gazetteer.names.rank order the best few. SQLite's FTS5 trigram tokenizer was tried first: an
OR of the query's trigrams is ranked by bm25 over the whole union of postings (about 90 ms per
lookup on 100,000 rows), and FTS5 cannot count shared trigrams, which is what finds near misses.
A row per place rather than per name is what brings the import near SQLite's own speed
(docs/performance.md, "The eleventh round").
"""

from __future__ import annotations

import itertools
import os
import sqlite3
from array import array
from collections.abc import Collection, Iterator

from claimcheck.errors import UsageError
from claimcheck.files.yamlfile import STDIN
from claimcheck.frozen import frozen
from claimcheck.gazetteer.names import HOW_ORDER, How, Match, key_of_spelling, rank, spelling
from claimcheck.gazetteer.places import Source

SCHEMA_VERSION = "2"
LICENCE = "CC BY 4.0"
#: distinct spellings taken from the trigram counts before gazetteer.names.rank orders them
FUZZY_CANDIDATES = 16
#: a posting is two int64: (GeoNames id << POSITION_BITS) | the name's position in its place's
#: list, then the name's number among the names written with its spelling (spelling_names)
POSITION_BITS = 31
#: positions from here on are alternateNamesV2 names: ALTERNATE_BASE + their row in `alternates`
ALTERNATE_BASE = 1 << 30
_POSITION = (1 << POSITION_BITS) - 1
#: the columns of DbPlace, in its order
_PLACE_COLUMNS = (
    "geonameid, name, lat, lon, feature_class, feature_code, country, admin1, population"
)


@frozen
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


@frozen
class DbMatch:
    """One place of the index that a search found, with how its name matched."""

    place: DbPlace
    match: Match


def own_names(name: str, asciiname: str, alternatenames: str) -> list[str]:
    """A place's names by position: its name, its ASCII name, then its alternate names (a
    name's position is where it first stands here; "" and repeats are never looked up)."""
    return [name, asciiname, *alternatenames.split(",")]


def postings(blob: bytes) -> Iterator[tuple[int, int, int]]:
    """(GeoNames id, position, the name's number under its spelling) of each posting."""
    entries = array("q", blob)
    for entry, number in zip(entries[::2], entries[1::2], strict=True):
        yield entry >> POSITION_BITS, entry & _POSITION, number


def trigrams(spelled: str) -> list[str]:
    """Trigrams of a spelling padded with a space each side, so short names have some."""
    padded = f" {spelled} "
    return [padded[i : i + 3] for i in range(len(padded) - 2)]


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
            # read through a memory map, not read() calls: a look-up that returns many places
            # visits many pages (SQLite caps the size at what its build allows)
            self.con.execute("PRAGMA mmap_size = 17179869184")
            meta = dict(self.con.execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError as exc:
            raise UsageError(f"{path}: not a claimcheck gazetteer index ({exc})") from exc
        if meta.get("schema") != SCHEMA_VERSION:
            raise UsageError(
                f"{path}: index schema {meta.get('schema')!r}, not {SCHEMA_VERSION!r}: rebuild it "
                "with `claimcheck places import geonames`"
            )
        self.path = path
        self.meta = meta

    def __enter__(self) -> GazetteerDb:
        return self

    def __exit__(self, *exc: object) -> None:
        self.con.close()

    def get(self, geonameid: int) -> DbPlace | None:
        sql = f"SELECT {_PLACE_COLUMNS} FROM places WHERE geonameid = ?"
        row = self.con.execute(sql, (geonameid,)).fetchone()
        return DbPlace(*row) if row else None

    def names(self, geonameid: int) -> list[str]:
        """Every name of a row: its own and its alternate names, in alphabetical order."""
        return sorted(name for name, _ in self.listed_names(geonameid))

    def listed_names(self, geonameid: int) -> list[tuple[str, bool]]:
        """A row's names as GeoNames lists them, each once, with whether it is the row's own
        (its name or ASCII name): then its alternate names, then alternateNamesV2's."""
        sql = "SELECT name, asciiname, alternatenames FROM places WHERE geonameid = ?"
        row = self.con.execute(sql, (geonameid,)).fetchone()
        if row is None:
            return []
        listed: dict[str, bool] = {}
        for position, name in enumerate(own_names(*row)):
            if name and name not in listed:
                listed[name] = position < 2
        sql = "SELECT name FROM alternates WHERE geonameid = ? ORDER BY rowid"
        return [*listed.items(), *((n, False) for (n,) in self.con.execute(sql, (geonameid,)))]

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
        # Only the postings of spellings with a name that ranks: the others' would be read for
        # nothing, and a look-up tied with hundreds of places reads thousands. How a name
        # ranks does not depend on the other names ranked, so the names of all the candidate
        # spellings are ranked once, whatever the country.
        sql = (
            "SELECT spelling_id, name FROM spelling_names "
            f"WHERE spelling_id IN ({_marks(ids)}) ORDER BY spelling_id, number"
        )
        written: dict[int, list[str]] = {}
        for sid, name in self.con.execute(sql, list(ids)):
            written.setdefault(sid, []).append(name)
        distinct = sorted({name for names in written.values() for name in names})
        by_name = {m.place_id: m for m in rank(query, [(n, [n]) for n in distinct], len(distinct))}
        ids = {sid for sid, names in written.items() if not by_name.keys().isdisjoint(names)}
        if not ids:
            return []
        sql = f"SELECT id, places FROM spellings WHERE id IN ({_marks(ids)})"
        posted = [
            (sid, gid, at, written[sid][number])
            for sid, blob in self.con.execute(sql, list(ids))
            for gid, at, number in postings(blob)
        ]
        inside = self._in_country({gid for _, gid, _, _ in posted}, country) if country else None
        # How well each name matches, worked out once per name and whether it is primary (an
        # exact name that is not primary is an alias).
        level_of: dict[tuple[str, bool], tuple[float, int, How]] = {}
        for name, m in by_name.items():
            alias: How = m.how if m.how != "exact" else "alias"
            level_of[name, False] = (-m.score, HOW_ORDER[alias], alias)
            level_of[name, True] = (-m.score, HOW_ORDER[m.how], m.how)
        # Each place's best name; of equally good names, the first by spelling id, then by
        # where it stands in the place's list.
        best: dict[int, tuple[tuple[float, int, int, int], str, How]] = {}
        for sid, gid, at, name in posted:
            level = level_of.get((name, at < 2))
            if level is None or (inside is not None and gid not in inside):
                continue
            rank_key = (level[0], level[1], sid, at)
            held = best.get(gid)
            if held is None or rank_key < held[0]:
                best[gid] = (rank_key, name, level[2])
        # Best first: score, how, then the GeoNames id (zero-filled, so in numeric order);
        # Match objects are made only for the places kept.
        ordered = sorted(
            (key[0], key[1], str(gid).zfill(12), gid, name, how)
            for gid, (key, name, how) in best.items()
        )
        kept = ordered[:limit]
        if kept:  # and every place tied with the last one kept
            last = kept[-1][:2]
            kept += itertools.takewhile(lambda entry: entry[:2] == last, ordered[limit:])
        places = {p.geonameid: p for p in self._places([entry[3] for entry in kept])}
        return [
            DbMatch(places[gid], Match(str(gid), name, how, -score))
            for score, _, _, gid, name, how in kept
        ]

    def _places(self, ids: list[int]) -> list[DbPlace]:
        sql = f"SELECT {_PLACE_COLUMNS} FROM places WHERE geonameid IN ({_marks(ids)})"
        return [DbPlace(*row) for row in self.con.execute(sql, ids)]

    def _in_country(self, ids: set[int], country: str) -> set[int]:
        """Those of these places that are in `country`."""
        # one parameter, however many places: SQLite caps the number of parameters
        sql = (
            "SELECT geonameid FROM places "
            "WHERE geonameid IN (SELECT value FROM json_each(?)) AND country = ?"
        )
        params = [f"[{','.join(map(str, ids))}]", country.upper()]
        return {gid for (gid,) in self.con.execute(sql, params)}

    def _fuzzy_ids(self, spelled: str) -> list[int]:
        """The spellings sharing the most trigrams with the query (the candidates to score)."""
        import numpy as np

        grams = sorted(set(trigrams(spelled)))
        sql = f"SELECT ids FROM trigrams WHERE tri IN ({_marks(grams)})"
        blobs = [b for (b,) in self.con.execute(sql, grams)]
        if not blobs:
            return []
        hits = np.concatenate([np.frombuffer(b, dtype=np.int32) for b in blobs])
        counts = np.bincount(hits)
        # A one-letter change costs a name at most three of its trigrams.
        found = np.flatnonzero(counts >= max(1, int(counts.max()) - 3))
        if len(found) > FUZZY_CANDIDATES:
            found = found[np.argsort(-counts[found], kind="stable")[:FUZZY_CANDIDATES]]
        return [int(i) for i in found]


def _marks(values: Collection[object]) -> str:
    """SQL parameters for `values`, for IN (...)."""
    return ",".join("?" * len(values))
