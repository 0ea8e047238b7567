"""Benchmark the GeoNames import and fuzzy search on a generated 100,000-row dump.

No dump can be downloaded here, so one is generated in the exact 19-column format: seeded
Arabic-style names (prefixes such as Tall/Bir/Khirbat, the article in its sun-letter forms,
stems with macrons in `name` and without in `asciiname`, 0-3 alternate names), coordinates in
Syria and Iraq, feature classes P/H/T/S. Stems come from a 5,000-word lexicon, so full names
repeat as they do in real dumps (the importer spells each distinct name once); the import
figure therefore depends on that repetition. Measured:

- import rate (rows/s) of `import_geonames`, target >= 50,000;
- median time of 1,000 fuzzy lookups (a name with one letter changed), target <= 2 ms.

Run: python bench/bench_gazetteer.py
"""

from __future__ import annotations

import json
import os
import random
import statistics
import tempfile
import time
from typing import Any

from claimcheck.lookup.importer import import_geonames
from claimcheck.lookup.index import GazetteerDb

ROWS = 100_000
#: distinct stems: names are built from a lexicon, so full names repeat as in real dumps
STEMS = 5_000
LOOKUPS = 1_000
MIN_ROWS_PER_S = 50_000.0
MAX_LOOKUP_MS = 2.0

_PREFIXES = ["", "", "", "Tall", "Bir", "Khirbat", "Jabal", "Wadi", "Ayn", "Qaryat", "Tal'at"]
_SUN = {"t", "d", "r", "z", "s", "n"}
_CONSONANTS = [
    "b",
    "t",
    "th",
    "j",
    "h",
    "kh",
    "d",
    "r",
    "z",
    "s",
    "sh",
    "f",
    "q",
    "k",
    "l",
    "m",
    "n",
    "w",
    "y",
]
_VOWELS = [("a", "a"), ("i", "i"), ("u", "u"), ("ā", "a"), ("ī", "i"), ("ū", "u")]
_CODES = [("P", "PPL"), ("P", "PPLL"), ("H", "WAD"), ("T", "HLL"), ("S", "FRM"), ("L", "LCTY")]


def _stem(rng: random.Random) -> tuple[str, str]:
    name, ascii_name = "", ""
    for _ in range(rng.randint(2, 3)):
        c = rng.choice(_CONSONANTS)
        v, plain = rng.choice(_VOWELS)
        name, ascii_name = name + c + v, ascii_name + c + plain
    tail = rng.choice(["", "", "h", "n", "r", "yah"])
    return (name + tail).capitalize(), (ascii_name + tail).capitalize()


def _name(rng: random.Random, lexicon: list[tuple[str, str]]) -> tuple[str, str]:
    name, ascii_name = rng.choice(lexicon)
    if rng.random() < 0.5:
        first = ascii_name[0].lower()
        article = f"a{first}" if first in _SUN and rng.random() < 0.7 else "al"
        name, ascii_name = f"{article.capitalize()} {name}", f"{article.capitalize()} {ascii_name}"
    prefix = rng.choice(_PREFIXES)
    if prefix:
        name, ascii_name = f"{prefix} {name}", f"{prefix} {ascii_name}"
    return name, ascii_name


def generate_dump(path: str, rows: int = ROWS, seed: int = 2017) -> list[str]:
    """Write a GeoNames-format file; return every row's ascii name (the lookup pool)."""
    rng = random.Random(seed)
    lexicon = [_stem(rng) for _ in range(STEMS)]
    pool: list[str] = []
    with open(path, "w", encoding="utf-8") as out:
        for i in range(rows):
            name, ascii_name = _name(rng, lexicon)
            alternates = ",".join(_name(rng, lexicon)[1] for _ in range(rng.randint(0, 3)))
            fclass, fcode = rng.choice(_CODES)
            country = rng.choice(["SY", "IQ"])
            lat, lon = rng.uniform(32.3, 37.2), rng.uniform(35.8, 47.0)
            fields = [
                str(1_000_000 + i), name, ascii_name, alternates, f"{lat:.5f}", f"{lon:.5f}",
                fclass, fcode, country, "", f"{rng.randint(1, 14):02d}", "", "", "",
                str(rng.choice([0, 0, 0, 120, 2500])), "", str(rng.randint(150, 900)),
                "Asia/Damascus" if country == "SY" else "Asia/Baghdad", "2017-06-06",
            ]  # fmt: skip
            out.write("\t".join(fields) + "\n")
            pool.append(ascii_name)
    return pool


def _typo(rng: random.Random, name: str) -> str:
    """One letter replaced (not the first): the near miss a reader types."""
    i = rng.randrange(1, len(name))
    return name[:i] + rng.choice("aeiklmnrst") + name[i + 1 :]


def run() -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as tmp:
        dump = os.path.join(tmp, "SYIQ.txt")
        db = os.path.join(tmp, "geonames.sqlite")
        pool = generate_dump(dump)
        start = time.perf_counter()
        stats = import_geonames(dump, db)
        rate = stats.rows / (time.perf_counter() - start)
        rng = random.Random(6)
        queries = [_typo(rng, rng.choice(pool)) for _ in range(LOOKUPS)]
        times: list[float] = []
        with GazetteerDb(db) as gaz:
            gaz.search(queries[0])  # warm the page cache and the lazy imports
            for q in queries:
                t0 = time.perf_counter()
                gaz.search(q, limit=5)
                times.append((time.perf_counter() - t0) * 1000)
    return [
        {
            "name": f"GeoNames import ({ROWS:,} rows, {stats.names:,} names)",
            "value": round(rate),
            "unit": "rows/s",
            "target": f">= {MIN_ROWS_PER_S:g}",
        },
        {
            "name": f"fuzzy lookup, median of {LOOKUPS:,}",
            "value": round(statistics.median(times), 3),
            "unit": "ms",
            "target": f"<= {MAX_LOOKUP_MS}",
        },
        {
            "name": "fuzzy lookup, 95th percentile",
            "value": round(statistics.quantiles(times, n=20)[-1], 3),
            "unit": "ms",
            "target": "",
        },
    ]


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
