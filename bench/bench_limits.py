"""Limits: a 1,000,000-vertex line with "near" claims, and inputs past the limits, as processes.

Each command runs as a fresh process; its wall time and peak memory (ru_maxrss from wait4) are
compared with loading the same places file in a process that does nothing else, measured just
before it (a shared machine drifts), and with the YAML parse alone. The line meanders over
~1,400 km (deterministic), with 1 km uncertainty; one claim says a known point is "near" it,
another that an unknown site is, so verify, locate and map all measure against the line.

    python bench/bench_limits.py                   # 1,000,000 vertices (a few minutes)
    python bench/bench_limits.py --vertices 200000
"""

from __future__ import annotations

import argparse
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MAIN = "import sys; from claimcheck.cli.app import main; sys.exit(main())"
LOAD = "import sys; from claimcheck.gazetteer.reader import load_places; load_places(sys.argv[1])"
PARSE = (
    "import sys, yaml; yaml.compose(open(sys.argv[1], encoding='utf-8'), Loader=yaml.CSafeLoader)"
)

Row = dict[str, Any]


def write_line(directory: str, vertices: int, seed: int = 2017) -> tuple[str, str]:
    """places.yaml (a point, an unknown site and the long line) and claims.yaml."""
    rng = random.Random(seed)
    waves = [(rng.uniform(0.0, 2 * math.pi), 2.0**k) for k in range(1, 18)]
    places = os.path.join(directory, "places.yaml")
    claims = os.path.join(directory, "claims.yaml")
    with open(places, "w", encoding="utf-8") as out:
        out.write(
            "places:\n"
            "  - {id: town, lat: 33.3, lon: 40.0, uncertainty: 1 km, source: bench}\n"
            "  - {id: site, kind: unknown, source: bench}\n"
            "  - id: long-line\n    kind: line\n    uncertainty: 1 km\n    source: bench\n"
            "    lat_lon:\n"
        )
        for i in range(vertices):
            t = i / vertices
            wiggle = 0.5 * sum(math.sin(phase + t * f * 2 * math.pi) / f for phase, f in waves)
            out.write(f"      - [{33.0 + wiggle:.6f}, {36.0 + t * 14.0:.6f}]\n")
    with open(claims, "w", encoding="utf-8") as out:
        out.write(
            "claims:\n"
            "  - {id: town-near, quote: q, claimant: c, source: s, subject: town,\n"
            "     near: long-line}\n"
            "  - {id: site-near, quote: q, claimant: c, source: s, subject: site,\n"
            "     near: long-line, within: 30 km}\n"
        )
    return places, claims


def child(code: str, *args: str) -> tuple[float, float, int]:
    """(seconds, peak MB, exit code) of `python -c code args` as a fresh process."""
    cmd = [sys.executable, "-c", code, *args]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    assert proc.stderr is not None
    proc.stderr.close()
    # ru_maxrss is in KiB on Linux, bytes on macOS
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return elapsed, peak, os.waitstatus_to_exitcode(status)


def long_line(directory: str, vertices: int) -> list[Row]:
    places, claims = write_line(directory, vertices)
    size_mb = os.path.getsize(places) / 1e6
    parse_s, parse_mb, _ = child(PARSE, places)
    load_s, load_mb, _ = child(LOAD, places)
    rows: list[Row] = [
        {"name": f"{vertices:,}-vertex line: places file", "value": size_mb, "unit": "MB"},
        {"name": "  YAML parse alone (CSafeLoader compose)", "value": parse_s, "unit": "s"},
        {"name": "  YAML parse alone: peak memory", "value": parse_mb, "unit": "MB"},
        {"name": "  load_places (parse, check, simplify)", "value": load_s, "unit": "s"},
        {"name": "  load_places: peak memory", "value": load_mb, "unit": "MB"},
        {"name": "  load_places: peak memory / file size", "value": load_mb / size_mb, "unit": "x"},
    ]
    files = ["--claims", claims, "--places", places]
    commands = {
        "check": ["check", *files],
        "verify": ["verify", *files],
        "locate site": ["locate", "site", *files],
        "map --format geojson": ["map", "--format", "geojson", *files],
        "map --format html": ["map", "--format", "html", *files],
        "distance town long-line": ["distance", "town", "long-line", "--places", places],
    }
    for label, argv in commands.items():
        load_s, load_mb, _ = child(LOAD, places)  # again, next to the command: the machine drifts
        seconds, peak, code = child(MAIN, *argv)
        rows += [
            {"name": f"  {label}", "value": seconds, "unit": "s", "target": "exit 0/1",
             "ok": code in (0, 1)},
            {"name": "    time / load_places", "value": seconds / load_s, "unit": "x",
             "target": "<= 3"},
            {"name": "    peak memory / load_places", "value": peak / load_mb, "unit": "x",
             "target": "<= 1.5"},
        ]  # fmt: skip
    return rows


def simplification_error(vertices: int) -> Row:
    """Largest change, over 200 points, of the distance to the line once simplified."""
    from claimcheck.gazetteer.simplify import SIMPLIFY_FRACTION, simplify_vertices
    from claimcheck.geo.lines import Polyline

    with tempfile.TemporaryDirectory() as tmp:
        places, _claims = write_line(tmp, vertices)
        from claimcheck.files import yamlfile

        raw = yamlfile.load(places)["places"][2]["lat_lon"]
    line = [(float(a), float(b)) for a, b in raw]
    tolerance = SIMPLIFY_FRACTION * 1000.0
    simple = simplify_vertices(line, tolerance)
    full, short = Polyline.from_lat_lon(line), Polyline.from_lat_lon(simple)
    rng = random.Random(1)
    worst = 0.0
    for _ in range(200):
        lat, lon = rng.uniform(31.0, 35.0), rng.uniform(35.0, 51.0)
        worst = max(
            worst, abs(full.nearest(lat, lon).distance_m - short.nearest(lat, lon).distance_m)
        )
    return {
        "name": f"  simplified to {len(simple):,} vertices: largest distance change (200 points)",
        "value": worst,
        "unit": "m",
        "target": f"<= {tolerance:g}",
    }


def past_the_limits(directory: str) -> list[Row]:
    """Inputs past a limit fail fast, with exit 2."""
    from claimcheck.files.limits import MAX_FILE_BYTES

    name = os.path.join(directory, "long-name.yaml")
    with open(name, "w", encoding="utf-8") as out:
        out.write("places:\n  - {id: p, name: " + "x" * 5_000_000 + ", lat: 33, lon: 38, ")
        out.write("uncertainty: 1 km, source: s}\n")
    huge = os.path.join(directory, "huge.yaml")
    with open(huge, "wb") as out:
        out.truncate(MAX_FILE_BYTES + 1)
    claims = os.path.join(directory, "p-claims.yaml")
    with open(claims, "w", encoding="utf-8") as out:
        out.write("claims:\n  - {id: c, quote: q, claimant: c, source: s, subject: p, near: p}\n")
    rows: list[Row] = []
    for label, places in (("a 5 MB place name", name), ("a file over the size limit", huge)):
        seconds, peak, code = child(MAIN, "check", "--claims", claims, "--places", places)
        rows.append({"name": f"{label}: check", "value": seconds, "unit": "s",
                     "target": "exit 2", "ok": code == 2})  # fmt: skip
        rows.append({"name": f"  {label}: peak memory", "value": peak, "unit": "MB"})
    return rows


def run(vertices: int = 1_000_000) -> list[Row]:
    """Processes first, while this one is small (a child's peak counts what it inherits)."""
    with tempfile.TemporaryDirectory(prefix="claimcheck-limits-") as tmp:
        rows = long_line(tmp, vertices) + past_the_limits(tmp)
    return [*rows, simplification_error(vertices)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vertices", type=int, default=1_000_000)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from run import table

    print(f"python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} CPUs")
    print(table(run(args.vertices)))


if __name__ == "__main__":
    main()
