"""Benchmark point-to-line distance on 10,000-vertex lines: time per query and error.

Two lines: a seeded random wiggly line about 1000 km long, and the Natural Earth Iraq–Syria border
densified to about 10,000 vertices. 200 query points lie within 200 km of each line. Timed are the
public `nearest_on_line` (which prepares the line on every call) and a reused `Polyline`; the error
is taken against `brute_force_distance_to_line_m` on a subset of the queries.

Run: python bench/bench_point_to_line.py
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from claimcheck.geo.geodesic import distance_m, forward
from claimcheck.geo.lines import Polyline, densify, nearest_on_line

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from oracles import brute_force_distance_to_line_m  # the tests' oracle

BORDER = (
    Path(__file__).resolve().parents[1] / "tests/data/ne10m-boundaries-iraq-jordan-syria.geojson"
)
VERTICES = 10_000
QUERIES = 200
CHECKED = 30
MAX_MS = 20.0
MAX_ERROR_M = 1.0

LatLon = tuple[float, float]


def wiggly_line(rng: np.random.Generator) -> list[LatLon]:
    """A 100 m-step random walk whose heading wanders around north-east: ~1000 km, 10k vertices."""
    vertices = [(30.0, 35.0)]
    heading = 45.0
    for _ in range(VERTICES - 1):
        heading += rng.normal(0.0, 8.0) + 0.02 * (45.0 - heading)
        vertices.append(forward(*vertices[-1], heading % 360.0, 100.0))
    return vertices


def border_line() -> list[LatLon]:
    """The Iraq–Syria boundary (its two long parts, joined end to start), densified."""
    collection = json.loads(BORDER.read_text(encoding="utf-8"))
    (feature,) = [
        f
        for f in collection["features"]
        if {f["properties"]["adm0_a3_l"], f["properties"]["adm0_a3_r"]} == {"IRQ", "SYR"}
    ]
    first, second, _connector = feature["geometry"]["coordinates"]
    coarse = [(lat, lon) for lon, lat in first + second]
    length = sum(distance_m(*a, *b) for a, b in pairwise(coarse))
    return densify(coarse, length / VERTICES)


def query_points(rng: np.random.Generator, vertices: list[LatLon]) -> list[LatLon]:
    """Points up to 200 km in random directions from random vertices."""
    return [
        forward(*vertices[rng.integers(len(vertices))], rng.uniform(0, 360), rng.uniform(0, 2e5))
        for _ in range(QUERIES)
    ]


def time_ms(query: Callable[[float, float], object], points: list[LatLon]) -> list[float]:
    times = []
    for point in points:
        start = time.perf_counter()
        query(*point)
        times.append((time.perf_counter() - start) * 1000.0)
    return times


def bench_line(name: str, vertices: list[LatLon], points: list[LatLon]) -> list[dict[str, Any]]:
    line = Polyline.from_lat_lon(vertices)
    calls = time_ms(lambda lat, lon: nearest_on_line(lat, lon, vertices), points)
    reused = time_ms(line.nearest, points)
    error = max(
        abs(line.nearest(*p).distance_m - brute_force_distance_to_line_m(*p, vertices))
        for p in points[:CHECKED]
    )
    target = f"<= {MAX_MS:g}"
    return [
        {"name": f"{name}: vertices", "value": len(vertices), "unit": "", "target": ""},
        {"name": f"{name}: nearest_on_line median", "value": statistics.median(calls),
         "unit": "ms", "target": target},
        {"name": f"{name}: nearest_on_line p95", "value": float(np.percentile(calls, 95)),
         "unit": "ms", "target": target},
        {"name": f"{name}: reused Polyline median", "value": statistics.median(reused),
         "unit": "ms", "target": target},
        {"name": f"{name}: max error vs brute force ({CHECKED} queries)", "value": error,
         "unit": "m", "target": f"<= {MAX_ERROR_M:g}"},
    ]  # fmt: skip


def run() -> list[dict[str, Any]]:
    """Rows of name, value, unit, target for bench/run.py."""
    rng = np.random.default_rng(20240611)
    rows = []
    for name, vertices in [("wiggly ~1000 km", wiggly_line(rng)), ("NE Iraq–Syria", border_line())]:
        rows += bench_line(name, vertices, query_points(rng, vertices))
    return rows


if __name__ == "__main__":
    table = run()
    width = max(len(row["name"]) for row in table)
    print(f"{'measure':<{width}}  {'value':>10}  unit  target")
    for row in table:
        value = row["value"]
        shown = f"{value:>10.4g}" if isinstance(value, float) else f"{value:>10}"
        print(f"{row['name']:<{width}}  {shown}  {row['unit']:<4}  {row['target']}")
