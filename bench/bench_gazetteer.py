"""Benchmark look-ups in a GeoNames index built from a generated dump (bench/generate.py).

No dump can be downloaded here, so one is generated in the exact format, shaped like the Syrian
dump: romanised names with diacritics, ASCII names, Latin and Arabic alternate names, zipped as
geonames.org serves it (`generate.geonames_dump`). The import itself is timed by bench/run.py,
against its floors; this file times what a user waits for afterwards:

- an exact (or transliteration) look-up of a row's name, median of 1,000;
- a fuzzy look-up (one letter changed), median and 95th percentile of 1,000; target <= 5 ms,
  the look-up target for the world's index, here on 100,000 rows (the world's 13 million were
  not measured: no dump of that size is reachable from here).

Run: python bench/bench_gazetteer.py [ROWS]
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

from claimcheck.lookup.importer import import_geonames
from claimcheck.lookup.index import GazetteerDb
from generate import geonames_dump  # bench/ is on the path (bench/run.py puts it there)

ROWS = 100_000
LOOKUPS = 1_000
MAX_LOOKUP_MS = 5.0


def _typo(rng: random.Random, name: str) -> str:
    """One letter replaced (not the first): the near miss a reader types."""
    i = rng.randrange(1, len(name))
    return name[:i] + rng.choice("aeiklmnrst") + name[i + 1 :]


def _times_ms(search: Callable[[str], object], queries: list[str]) -> list[float]:
    search(queries[0])  # warm the page cache and the lazy imports
    times = []
    for query in queries:
        start = time.perf_counter()
        search(query)
        times.append((time.perf_counter() - start) * 1000)
    return times


def run(rows: int = ROWS) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as tmp:
        made = geonames_dump(tmp, rows)
        db = os.path.join(tmp, "geonames.sqlite")
        stats = import_geonames(made.dump_path, db, made.alternates_path)
        rng = random.Random(6)
        names = [rng.choice(made.ascii_names) for _ in range(LOOKUPS)]
        typos = [_typo(rng, name) for name in names]
        with GazetteerDb(db) as gaz:
            exact = _times_ms(lambda q: gaz.search(q, limit=5), names)
            fuzzy = _times_ms(lambda q: gaz.search(q, limit=5), typos)
    where = f"{rows:,} rows, {stats.names:,} names"
    return [
        {"name": f"exact look-up, median of {LOOKUPS:,} ({where})",
         "value": statistics.median(exact), "unit": "ms", "target": f"<= {MAX_LOOKUP_MS:g}"},
        {"name": f"fuzzy look-up, median of {LOOKUPS:,}", "value": statistics.median(fuzzy),
         "unit": "ms", "target": f"<= {MAX_LOOKUP_MS:g}"},
        {"name": "fuzzy look-up, 95th percentile",
         "value": statistics.quantiles(fuzzy, n=20)[-1], "unit": "ms"},
    ]  # fmt: skip


if __name__ == "__main__":
    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else ROWS), indent=2))
