"""Benchmark `claimcheck extract` on generated articles of 10 KB, 100 KB and 1 MB.

The text is news-like and deterministic: the labelled and held-out sentences of
tests/data/extract and the seed article's lines, shuffled into paragraphs by a seeded generator,
with figures changed and some place names replaced by generated ones (so a longer article also
names more places, as a real one does). Each size is timed as the command does the work: read
the file, draft with the bundled gazetteer (data/places.yaml, loaded once, not timed), render the
YAML. The floor is reading the same file and splitting it into sentences with the module's own
`split_sentences`, measured in the same run, so the ratios compare across machines. Times are
CPU time of this process (median of 3), so that other work on the machine does not count.
Targets:

- 1 MB extracted in under 5 s;
- the 1 MB time within 12x the 100 KB time (linear: 10x; quadratic would be 100x).

Run: python bench/bench_extract.py
"""

from __future__ import annotations

import json
import os
import random
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from claimcheck.claims.extract import extract, split_sentences, to_yaml
from claimcheck.gazetteer.reader import load_places

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "extract"
PLACES = ROOT / "data" / "places.yaml"
SIZES = {"10 KB": 10_000, "100 KB": 100_000, "1 MB": 1_000_000}
MAX_1MB_S = 5.0
MAX_GROWTH = 12.0

#: Place names in the sentences that may be swapped for a generated one.
_SWAPPABLE = re.compile(
    r"\b(?:Palmyra|Rukban|Jarablus|Hama|Qusayr|Mayadin|Bukamal|Tiyas|Manbij|Raqqa|Tell Abyad"
    r"|Deir Ezzor|Damascus|Hasakah|Shaddadi|Qamishli|Kobani|Homs|Idlib|Aleppo)\b"
)
_PREFIXES = ("", "", "Tall ", "Bir ", "Khirbat ", "Ayn ", "al-", "Jabal ")
_SYLLABLES = ("ba", "da", "ha", "ja", "ka", "ma", "na", "qa", "ra", "sa", "sha", "ta", "za",
              "bi", "di", "ri", "mu", "nu", "ru")  # fmt: skip
_NUMBER = re.compile(r"\b\d+(?:,\d{3})*\b")


def sentences() -> list[str]:
    """The sentences the text is built from: labelled, held-out and the seed article's."""
    texts = []
    for name in ("labelled.yaml", "heldout.yaml"):
        with open(DATA / name, encoding="utf-8") as handle:
            texts += [s["text"] for s in yaml.safe_load(handle)["sentences"]]
    seed = (DATA / "seed-article.txt").read_text(encoding="utf-8")
    return texts + [line for line in seed.splitlines() if line.strip()]


def _place(rng: random.Random) -> str:
    stem = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))
    return rng.choice(_PREFIXES) + stem.capitalize()


def _vary(sentence: str, rng: random.Random, places: list[str]) -> str:
    """The sentence with its figures changed and, one time in three, a place renamed."""
    if rng.random() < 1 / 3:
        sentence = _SWAPPABLE.sub(lambda _: rng.choice(places), sentence, count=1)
    return _NUMBER.sub(lambda m: _figure(rng, int(m.group().replace(",", ""))), sentence)


def _figure(rng: random.Random, n: int) -> str:
    """A figure of the same size as `n`, so that a year stays a year and a mile a mile."""
    return str(rng.randint(max(1, n // 2), n + n // 2 + 1))


def article(size: int, seed: int = 18) -> str:
    """About `size` characters of paragraphs of 2-6 sentences, the same for the same seed.

    New place names keep appearing (about one every few paragraphs), as in a long report.
    """
    rng = random.Random(seed)
    pool = sentences()
    places = [_place(rng)]
    paragraphs: list[str] = []
    length = 0
    while length < size:
        if rng.random() < 0.3:
            places.append(_place(rng))
        paragraph = " ".join(_vary(rng.choice(pool), rng, places) for _ in range(rng.randint(2, 6)))
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:size].rstrip() + "\n"


def read_and_split(path: str) -> float:
    """The floor: what any extractor has to do, read the text and find its sentences."""
    start = time.process_time()
    with open(path, encoding="utf-8") as handle:
        split_sentences(handle.read())
    return time.process_time() - start


def read_and_extract(path: str) -> float:
    """What `claimcheck extract PATH` does once its gazetteer is loaded (fresh each time: the
    gazetteer caches what it resolved, and a second run must not find the names waiting)."""
    gazetteer = load_places(str(PLACES))
    start = time.process_time()
    with open(path, encoding="utf-8") as handle:
        to_yaml(extract(handle.read(), gazetteer), path)
    return time.process_time() - start


def _median_pair(
    a: Callable[[], float], b: Callable[[], float], repeat: int
) -> tuple[float, float]:
    """Interleave the two measurements so that machine noise hits both alike."""
    xs, ys = [], []
    for _ in range(repeat):
        xs.append(a())
        ys.append(b())
    return statistics.median(xs), statistics.median(ys)


def run(sizes: dict[str, int] | None = None, repeat: int = 3) -> list[dict[str, Any]]:
    sizes = sizes or SIZES
    read_and_extract(str(DATA / "seed-article.txt"))  # compile the regexes once, as import does
    rows: list[dict[str, Any]] = []
    times: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="claimcheck-bench-extract-") as tmp:
        for label, size in sizes.items():
            path = os.path.join(tmp, f"article-{size}.txt")
            text = article(size)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
            took, floor = _median_pair(
                partial(read_and_extract, path), partial(read_and_split, path), repeat
            )
            times[label] = took
            rows += [
                {
                    "name": f"{label} article ({len(text.encode()):,} bytes): read, draft, YAML",
                    "value": took,
                    "unit": "s",
                    "target": f"<= {MAX_1MB_S:g}" if size == 1_000_000 else "",
                },
                {"name": "  throughput", "value": len(text) / took / 1000, "unit": "KB/s"},
                {
                    "name": "  floor: read and split into sentences",
                    "value": floor * 1000,
                    "unit": "ms",
                },
                {"name": "  ratio extract / floor", "value": took / floor, "unit": "x"},
            ]
    if "100 KB" in times and "1 MB" in times:
        rows.append(
            {
                "name": "growth: 1 MB time / 100 KB time (linear 10)",
                "value": times["1 MB"] / times["100 KB"],
                "unit": "x",
                "target": f"<= {MAX_GROWTH:g}",
            }
        )
    return rows


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
