"""Benchmark look-ups in a GeoNames index built from a generated dump (bench/generate.py).

No dump can be downloaded here, so one is generated in the exact format, shaped like the Syrian
dump: romanised names with diacritics, ASCII names, Latin and Arabic alternate names, zipped as
geonames.org serves it (`generate.geonames_dump`), with its alternateNamesV2. The import itself
is timed by bench/run.py, against its floors; this file times what a user waits for afterwards,
on indexes of 100,000 and 1,000,000 rows:

- an exact (or transliteration) look-up of a row's name, median of 1,000;
- a fuzzy look-up (one letter changed), median and 95th percentile of 1,000 (and the 95th
  percentile of their CPU time, which other work on a shared machine disturbs less);
- the postings a look-up reads (median): the (place, name) pairs of the spellings it scores,
  what its time grows with.

The target, <= 5 ms, is the look-up target for the world's index (about 13 million rows), which
cannot be built here (no network reaches geonames.org). The generator's names come from a
5,000-stem lexicon, so past about a million rows a bigger dump adds rows to the same spellings
rather than new spellings: rows read per look-up, and with them its time, grow in proportion
to the dump, which makes the generated world a worst case (docs/performance.md).

Run: python bench/bench_gazetteer.py [ROWS...]
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

from claimcheck.gazetteer.names import key_of_spelling, spelling
from claimcheck.lookup.importer import import_geonames
from claimcheck.lookup.index import GazetteerDb
from generate import geonames_dump  # bench/ is on the path (bench/run.py puts it there)

ROWS = (100_000, 1_000_000)
LOOKUPS = 1_000
MAX_LOOKUP_MS = 5.0


def _typo(rng: random.Random, name: str) -> str:
    """One letter replaced (not the first): the near miss a reader types."""
    i = rng.randrange(1, len(name))
    return name[:i] + rng.choice("aeiklmnrst") + name[i + 1 :]


def _times_ms(
    search: Callable[[str], object], queries: list[str]
) -> tuple[list[float], list[float]]:
    """Each look-up's wall time and CPU time (its thread's: the machine may be shared), in ms."""
    search(queries[0])  # warm the page cache and the lazy imports
    wall, cpu = [], []
    for query in queries:
        start, start_cpu = time.perf_counter(), time.thread_time()
        search(query)
        cpu.append((time.thread_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return wall, cpu


def _postings_read(gaz: GazetteerDb, query: str) -> int:
    """Postings of the spellings a look-up scores (its key's and the fuzzy candidates)."""
    spelled = spelling(query)
    sql = "SELECT id FROM spellings WHERE key = ?"
    ids = {i for (i,) in gaz.con.execute(sql, (key_of_spelling(spelled),))}
    ids.update(gaz._fuzzy_ids(spelled))
    marks = ",".join("?" * len(ids))
    sql = f"SELECT total(length(places)) / 16 FROM spellings WHERE id IN ({marks})"
    return int(gaz.con.execute(sql, list(ids)).fetchone()[0])


def measure(rows: int) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as tmp:
        made = geonames_dump(tmp, rows)
        db = os.path.join(tmp, "geonames.sqlite")
        stats = import_geonames(made.dump_path, db, made.alternates_path)
        rng = random.Random(6)
        names = [rng.choice(made.ascii_names) for _ in range(LOOKUPS)]
        typos = [_typo(rng, name) for name in names]
        with GazetteerDb(db) as gaz:
            exact, _ = _times_ms(lambda q: gaz.search(q, limit=5), names)
            fuzzy, fuzzy_cpu = _times_ms(lambda q: gaz.search(q, limit=5), typos)
            read = statistics.median(_postings_read(gaz, q) for q in typos[:200])
    where = f"{rows:,} rows, {stats.names:,} names, {stats.spellings:,} spellings"
    return [
        {"name": f"exact look-up, median of {LOOKUPS:,} ({where})",
         "value": statistics.median(exact), "unit": "ms", "target": f"<= {MAX_LOOKUP_MS:g}"},
        {"name": f"fuzzy look-up, median of {LOOKUPS:,} ({rows:,} rows)",
         "value": statistics.median(fuzzy), "unit": "ms", "target": f"<= {MAX_LOOKUP_MS:g}"},
        {"name": f"fuzzy look-up, 95th percentile ({rows:,} rows)",
         "value": statistics.quantiles(fuzzy, n=20)[-1], "unit": "ms",
         "target": f"<= {MAX_LOOKUP_MS:g}"},
        {"name": f"same, CPU time ({rows:,} rows)",
         "value": statistics.quantiles(fuzzy_cpu, n=20)[-1], "unit": "ms"},
        {"name": f"postings a fuzzy look-up reads, median ({rows:,} rows)", "value": read,
         "unit": "postings"},
    ]  # fmt: skip


def run(sizes: tuple[int, ...] = ROWS) -> list[dict[str, Any]]:
    return [row for rows in sizes for row in measure(rows)]


if __name__ == "__main__":
    print(json.dumps(run(tuple(int(a) for a in sys.argv[1:]) or ROWS), indent=2))
