"""The floors that bench/run.py measures claimcheck against, each run as its own process.

    python bench/floors.py yaml FILE...          # yaml.load(..., CSafeLoader) of each file
    python bench/floors.py sqlite DUMP OUT       # plain sqlite3 load of a GeoNames dump

`sqlite` is the floor for `places import geonames`: the dump read as the import reads it (zipped
or not), its rows and their names inserted with executemany, and an index on the names, with
journal and sync off as for a file that is renamed into place. No match keys, no trigrams:
what any import of the same rows and names into SQLite costs.
"""

from __future__ import annotations

import io
import os
import sqlite3
import sys
import zipfile
from collections.abc import Iterator


def yaml_floor(paths: list[str]) -> None:
    import yaml

    for path in paths:
        with open(path, encoding="utf-8") as handle:
            yaml.load(handle, Loader=yaml.CSafeLoader)


def _lines(path: str) -> Iterator[str]:
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            member = os.path.splitext(os.path.basename(path))[0] + ".txt"
            with io.TextIOWrapper(zf.open(member), encoding="utf-8", newline="\n") as text:
                yield from text
    else:
        with open(path, encoding="utf-8", newline="\n") as text:
            yield from text


def sqlite_floor(dump: str, out: str) -> None:
    if os.path.exists(out):
        os.remove(out)
    con = sqlite3.connect(out)
    con.executescript(
        """
        PRAGMA journal_mode = OFF;
        PRAGMA synchronous = OFF;
        CREATE TABLE places(
            geonameid INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL, feature_class TEXT,
            feature_code TEXT, country TEXT, admin1 TEXT, population INTEGER);
        CREATE TABLE names(geonameid INTEGER, name TEXT);
        """
    )
    names: list[tuple[int, str]] = []

    def places() -> Iterator[tuple[object, ...]]:
        for line in _lines(dump):
            f = line.rstrip("\n").split("\t")
            geonameid = int(f[0])
            names.extend((geonameid, n) for n in {f[1], f[2], *f[3].split(",")} - {""})
            population = int(f[14]) if f[14].isdigit() else 0
            yield geonameid, f[1], float(f[4]), float(f[5]), f[6], f[7], f[8], f[10], population

    con.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", places())
    con.executemany("INSERT INTO names VALUES (?, ?)", names)
    con.execute("CREATE INDEX names_name ON names(name)")
    con.commit()
    con.close()


if __name__ == "__main__":
    kind, *args = sys.argv[1:]
    if kind == "yaml":
        yaml_floor(args)
    elif kind == "sqlite":
        sqlite_floor(*args)
    else:
        sys.exit(f"unknown floor {kind!r}: yaml or sqlite")
