"""Run every benchmark and print a table of figures against their targets.

Each ratio is measured in this run, against a floor measured in the same run on the same
interpreter, so the figures compare across machines:

- cold `claimcheck verify` on the bundled data vs `python -c "import pyproj, shapely, click, yaml"`;
- verifying a generated 10,000-claim file vs parsing it (claims and places) with CSafeLoader;
- 100,000 claims: wall time and the child's peak memory (must finish);
- point-to-line, extract (precision/recall and speed) and gazetteer benchmarks: each
  `bench/*.py` that defines `run()`; extraction speed is against reading and splitting the same
  article into sentences, and 1 MB against 100 KB.

    python bench/run.py            # everything (about a minute)
    python bench/run.py --quick    # fewer repetitions, no 100,000-claim run
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from generate import generate  # noqa: E402  (bench/ is not a package)

#: Other benchmarks, by file: each exposes run() -> list[dict] with name, value, unit, target.
EXPECTED = {
    "bench_point_to_line.py": "point-to-line",
    "extract_eval.py": "extract",
    "bench_extract.py": "extract speed",
    "bench_gazetteer.py": "gazetteer",
}
#: How a bare numeric target reads, per file: a ceiling unless the file says it is a floor
#: (extraction precision and recall). Targets written as "<= 20" or ">= 0.9" say it themselves.
AT_LEAST = {"extract_eval.py"}
OWN = {"run.py", "generate.py"}
VERIFY = "import sys; from claimcheck.cli.app.app import main; sys.exit(main())"

Row = dict[str, Any]


def _child_env(pycache: str) -> dict[str, str]:
    """Children cache bytecode (in a temp dir), as an installed package has it compiled.

    PYTHONDONTWRITEBYTECODE would otherwise make every cold run recompile claimcheck's source
    (~30 ms) while the floor's libraries ship compiled bytecode.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = pycache
    return env


def _wall(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{cmd} exited {done.returncode}: {done.stderr.decode()[-500:]}")
    return elapsed


def _median_pair(
    a: Callable[[], float], b: Callable[[], float], repeat: int
) -> tuple[float, float]:
    """Interleave the two measurements so that machine noise hits both alike."""
    a()
    b()
    xs, ys = [], []
    for _ in range(repeat):
        xs.append(a())
        ys.append(b())
    return statistics.median(xs), statistics.median(ys)


def cold_start(directory: str, repeat: int) -> list[Row]:
    """Wall time of fresh processes; the first (unmeasured) pair warms the bytecode cache."""
    env = _child_env(os.path.join(directory, "pycache"))
    floor_cmd = [sys.executable, "-c", "import pyproj, shapely, click, yaml"]
    verify_cmd = [sys.executable, "-c", VERIFY, "verify"]
    verify, floor = _median_pair(
        lambda: _wall(verify_cmd, ROOT, env), lambda: _wall(floor_cmd, ROOT, env), repeat
    )
    return [
        {"name": "cold verify, bundled data", "value": verify * 1000, "unit": "ms"},
        {"name": "  import pyproj, shapely, click, yaml", "value": floor * 1000, "unit": "ms"},
        {
            "name": "  ratio verify / import floor",
            "value": verify / floor,
            "unit": "x",
            "target": "<= 1.3",
        },
    ]


def _verify_in_process(claims: str, places: str) -> float:
    from claimcheck import api as engine
    from claimcheck.render import formatter

    start = time.perf_counter()
    report = engine.verify(engine.load_dataset(claims, places))
    formatter("json").render_verify(report, False)
    return time.perf_counter() - start


def _parse_floor(*paths: str) -> float:
    import yaml

    start = time.perf_counter()
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            yaml.load(handle, Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def ten_thousand(directory: str, repeat: int) -> list[Row]:
    made = generate(10_000, os.path.join(directory, "10k"))
    verify, floor = _median_pair(
        lambda: _verify_in_process(made.claims_path, made.places_path),
        lambda: _parse_floor(made.claims_path, made.places_path),
        repeat,
    )
    from claimcheck.files.yamlfile import gc_paused

    with gc_paused():
        paused = statistics.median(
            _parse_floor(made.claims_path, made.places_path) for _ in range(repeat)
        )
    return [
        {"name": f"verify 10,000 claims ({made.places:,} places)", "value": verify, "unit": "s"},
        {"name": "  yaml CSafeLoader parse of the same files", "value": floor, "unit": "s"},
        {
            "name": "  ratio verify / parse floor",
            "value": verify / floor,
            "unit": "x",
            "target": "<= 1.5",
        },
        # verify pauses the cyclic GC while it builds; the same trick speeds up the bare parse.
        {"name": "  (info) the same parse with the GC paused", "value": paused, "unit": "s"},
        {"name": "  (info) ratio verify / GC-paused parse", "value": verify / paused, "unit": "x"},
    ]


def hundred_thousand(directory: str) -> list[Row]:
    made = generate(100_000, os.path.join(directory, "100k"))
    cmd = [sys.executable, "-c", VERIFY, "verify", "--format", "json"]
    cmd += ["--claims", made.claims_path, "--places", made.places_path]
    start = time.perf_counter()
    env = _child_env(os.path.join(directory, "pycache"))
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in KiB on Linux, bytes on macOS.
    peak_mb = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return [
        {
            "name": "verify 100,000 claims (finishes)",
            "value": elapsed,
            "unit": "s",
            "target": "exit 0/1",
            "ok": code in (0, 1),
        },
        {"name": "  peak memory (child maxrss)", "value": peak_mb, "unit": "MB"},
    ]


def _load(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(f"bench_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def others() -> tuple[list[Row], list[str]]:
    """Rows from every other bench/*.py with a run(), and a note for each expected one absent."""
    rows: list[Row] = []
    notes = [
        f"{label}: skipped, bench/{name} is not there yet"
        for name, label in EXPECTED.items()
        if not (BENCH / name).exists()
    ]
    for path in sorted(BENCH.glob("*.py")):
        if path.name in OWN:
            continue
        label = EXPECTED.get(path.name, path.stem)
        try:
            module = _load(path)
            if not callable(getattr(module, "run", None)):
                continue
            for row in module.run():
                target = row.get("target")
                if isinstance(target, (int, float)) and not isinstance(target, bool):
                    op = ">=" if path.name in AT_LEAST else "<="
                    row = {**row, "target": f"{op} {target:g}"}
                rows.append({**row, "name": f"{label}: {row.get('name', '?')}"})
        except Exception as exc:  # one broken benchmark must not hide the others
            notes.append(f"bench/{path.name}: failed: {type(exc).__name__}: {exc}")
    return rows, notes


_OPS: dict[str, Callable[[float, float], bool]] = {
    "<=": lambda v, t: v <= t,
    "≤": lambda v, t: v <= t,
    "<": lambda v, t: v < t,
    ">=": lambda v, t: v >= t,
    "≥": lambda v, t: v >= t,
    ">": lambda v, t: v > t,
}


def verdict(row: Row) -> str:
    """ok or MISS for a row whose target is "OP NUMBER" (or which says "ok" itself)."""
    if "ok" in row:
        return "ok" if row["ok"] else "MISS"
    value, target = row.get("value"), str(row.get("target", "")).split()
    if len(target) != 2 or target[0] not in _OPS or not isinstance(value, (int, float)):
        return ""
    try:
        limit = float(target[1])
    except ValueError:
        return ""
    return "ok" if _OPS[target[0]](float(value), limit) else "MISS"


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 10 else f"{value:,.1f}"
    return str(value)


def table(rows: list[Row]) -> str:
    lines = ["| benchmark | value | target | |", "| --- | ---: | ---: | --- |"]
    for row in rows:
        unit = row.get("unit", "")
        value = f"{_fmt(row.get('value', ''))} {unit}".strip()
        target = str(row.get("target", ""))
        lines.append(f"| {row.get('name', '?')} | {value} | {target} | {verdict(row)} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats; skip 100,000 claims")
    parser.add_argument("--repeat", type=int, default=None, help="repetitions per median")
    args = parser.parse_args()
    repeat = args.repeat or (3 if args.quick else 7)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="claimcheck-bench-") as tmp:
        rows += cold_start(tmp, repeat)
        rows += ten_thousand(tmp, max(1, repeat // 2))
        if not args.quick:
            rows += hundred_thousand(tmp)
    extra, notes = others()
    rows += extra
    print(f"python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} CPUs")
    print(table(rows))
    for note in notes:
        print(f"note: {note}")
    return 1 if any(verdict(r) == "MISS" for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
