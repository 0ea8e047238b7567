"""Measure where the array engine starts to pay for numpy's import: the crossover in geo.geodesic.

A process that solves n geodesics in GeographicLib's pure Python pays n × t_python; with the
array engine (claimcheck.geo.karney) it pays numpy's import once, plus n × t_numpy in vectorised
calls. The break-even is import / (t_python − t_numpy), for the inverse problem and for the
direct one. The constant `CROSSOVER` should lie between them (within a factor of two: machines
differ). A command that has loaded numpy already (for a region or a line) pays less.

Then where PROJ starts to pay for pyproj's import (with numpy loaded) in a region's many small
calls: import / t_python for a call of a few geodesics, which `PROJ_CROSSOVER` should lie near.

Run: python bench/bench_geodesic.py
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import time
from typing import Any

from claimcheck.geo import karney
from claimcheck.geo.geodesic import CROSSOVER, PROJ_CROSSOVER, GeographicLibEngine, ProjEngine

GEODESICS = 2_000
#: geodesics in each of a region's small calls (a ring's few vertices)
SMALL = 4
IMPORTS = 7
_PRELUDE = (
    "import os; os.environ.setdefault('OPENBLAS_NUM_THREADS', '1'); import time; "
    "import geographiclib.geodesic; "
)
_NUMPY = _PRELUDE + "t = time.perf_counter(); import claimcheck.geo.karney; "
_PROJ = _PRELUDE + "import claimcheck.geo.karney; t = time.perf_counter(); import pyproj; "


def _import_s(code: str) -> float:
    """Median time of an import, each in a fresh process, with OpenBLAS on one thread as the
    command line sets it."""
    runs = [
        float(subprocess.run([sys.executable, "-c", code + "print(time.perf_counter() - t)"],
                             capture_output=True, check=True, text=True).stdout)
        for _ in range(IMPORTS)
    ]  # fmt: skip
    return statistics.median(runs)


def _per_geodesic_in_small_calls_s(solve: Any, *columns: list[float]) -> float:
    start = time.perf_counter()
    for i in range(0, len(columns[0]), SMALL):
        solve(*(c[i : i + SMALL] for c in columns))
    return (time.perf_counter() - start) / len(columns[0])


def _per_geodesic_s(solve: Any, *columns: list[float]) -> float:
    start = time.perf_counter()
    solve(*columns)
    return (time.perf_counter() - start) / len(columns[0])


def run() -> list[dict[str, Any]]:
    rng = random.Random(17)
    lat1 = [rng.uniform(-80, 80) for _ in range(GEODESICS)]
    lon1 = [rng.uniform(-180, 180) for _ in range(GEODESICS)]
    lat2 = [rng.uniform(-80, 80) for _ in range(GEODESICS)]
    lon2 = [rng.uniform(-180, 180) for _ in range(GEODESICS)]
    azimuth = [rng.uniform(0, 360) for _ in range(GEODESICS)]
    distance = [rng.uniform(0, 2e6) for _ in range(GEODESICS)]
    python = GeographicLibEngine()
    imported = _import_s(_NUMPY)
    proj_imported = _import_s(_PROJ)
    small = (
        _per_geodesic_in_small_calls_s(python.inverse, lat1, lon1, lat2, lon2),
        _per_geodesic_in_small_calls_s(ProjEngine().inverse, lat1, lon1, lat2, lon2),
    )
    proj_crossing = proj_imported / (small[0] - small[1])
    inverse = (
        _per_geodesic_s(python.inverse, lat1, lon1, lat2, lon2),
        _per_geodesic_s(karney.inverse, lat1, lon1, lat2, lon2),
    )
    direct = (
        _per_geodesic_s(python.direct, lat1, lon1, azimuth, distance),
        _per_geodesic_s(karney.direct, lat1, lon1, azimuth, distance),
    )
    crossings = [imported / (py - pj) for py, pj in (inverse, direct)]
    low, high = min(crossings) / 2, max(crossings) * 2
    return [
        {
            "name": "array engine's import (numpy), fresh process",
            "value": imported * 1e3,
            "unit": "ms",
        },
        {"name": "inverse, GeographicLib (Python)", "value": inverse[0] * 1e6, "unit": "µs"},
        {"name": "inverse, over numpy arrays", "value": inverse[1] * 1e6, "unit": "µs"},
        {"name": "direct, GeographicLib (Python)", "value": direct[0] * 1e6, "unit": "µs"},
        {"name": "direct, over numpy arrays", "value": direct[1] * 1e6, "unit": "µs"},
        {"name": "break-even, inverse", "value": round(crossings[0]), "unit": "geodesics"},
        {"name": "break-even, direct", "value": round(crossings[1]), "unit": "geodesics"},
        {
            "name": "CROSSOVER in geo/geodesic.py",
            "value": CROSSOVER,
            "unit": "geodesics",
            "target": f"{low:.0f}–{high:.0f}",
            "ok": low <= CROSSOVER <= high,
        },
        {"name": "pyproj's import, numpy loaded", "value": proj_imported * 1e3, "unit": "ms"},
        {"name": f"inverse in calls of {SMALL}, Python", "value": small[0] * 1e6, "unit": "µs"},
        {"name": f"inverse in calls of {SMALL}, PROJ", "value": small[1] * 1e6, "unit": "µs"},
        {"name": "break-even, PROJ", "value": round(proj_crossing), "unit": "geodesics"},
        {
            "name": "PROJ_CROSSOVER in geo/geodesic.py",
            "value": PROJ_CROSSOVER,
            "unit": "geodesics",
            "target": f"{proj_crossing / 2:.0f}–{proj_crossing * 2:.0f}",
            "ok": proj_crossing / 2 <= PROJ_CROSSOVER <= proj_crossing * 2,
        },
    ]


if __name__ == "__main__":
    print(json.dumps(run(), indent=2, ensure_ascii=False))
