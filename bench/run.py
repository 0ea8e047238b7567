"""Print every figure of the speed table, each next to its floor measured in the same run.

Each figure is a pair of whole processes, claimcheck's and its floor's, run alternately (after
one unmeasured pair that warms the caches) and summarised by medians: wall time, as the issue
states its targets, and the children's CPU time (user + system), which a machine shared with
other work disturbs far less. The ratio is ours / floor; goals are on the wall-time ratio.

    python bench/run.py            # every figure, 11 runs each (about 20 minutes)
    python bench/run.py --quick    # 3 runs each, without the 100,000-claim figure

Then the other benchmarks: each bench/*.py that defines `run()` (point-to-line, extract precision,
recall and speed, GeoNames look-ups, the geodesic crossover). Children cache bytecode in a
temporary directory, as an installed package has its modules compiled.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from generate import generate, geonames_dump, lines_places  # noqa: E402  (bench/ is no package)

#: Other benchmarks, by file: each exposes run() -> list[dict] with name, value, unit, target.
EXPECTED = {
    "bench_point_to_line.py": "point-to-line",
    "extract_eval.py": "extract",
    "bench_extract.py": "extract speed",
    "bench_gazetteer.py": "GeoNames",
    "bench_geodesic.py": "geodesic",
}
#: How a bare numeric target reads, per file: a ceiling unless the file says it is a floor
#: (extraction precision and recall). Targets written as "<= 20" or ">= 0.9" say it themselves.
AT_LEAST = {"extract_eval.py"}
OWN = {"run.py", "generate.py", "floors.py"}
#: the `claimcheck` program as its console script runs it (claimcheck.cli.run)
CLAIMCHECK = [sys.executable, "-c", "from claimcheck.cli import run; run()"]
IMPORT_FLOOR = [sys.executable, "-c", "import pyproj, shapely, click, yaml"]
FLOORS = [sys.executable, str(BENCH / "floors.py")]

Row = dict[str, Any]


@dataclass(frozen=True)
class Run:
    """One child process: wall time (s), CPU time of the child (s), peak memory (MB)."""

    wall_s: float
    cpu_s: float
    peak_mb: float


@dataclass(frozen=True)
class Figure:
    """One row of the table: our command against its floor or peer."""

    name: str
    floor_name: str
    ours: list[str]
    floor: list[str]
    #: the ratio (ours / floor, wall time) not to exceed
    goal: float
    #: also compare peak memory, not to exceed this ratio
    memory_goal: float | None = None
    #: run before each of our runs and each floor run (e.g. remove an output file)
    reset: Callable[[], None] | None = None
    #: processes our command works in at once: with more than one, its CPU time is theirs
    #: added up, so only the wall time can meet a goal (the CPU ratio is shown as such)
    processes: int = 1


def _env(pycache: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = pycache
    return env


def _pss_kib(pid: int) -> int:
    """A process's proportional set size: its pages, those it shares counted in part."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            return next((int(line.split()[1]) for line in rollup if line.startswith("Pss:")), 0)
    except (OSError, ValueError):
        return 0


def _tree_peak(pid: int, done: threading.Event, peak_kib: list[int]) -> None:
    """Sample the memory of `pid` and its children, added up, until `done` (every 50 ms)."""
    while not done.wait(0.05):
        try:
            with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as children:
                pids = [pid, *map(int, children.read().split())]
        except OSError:
            continue
        peak_kib[0] = max(peak_kib[0], sum(_pss_kib(p) for p in pids))


def _run(
    cmd: list[str], env: dict[str, str], cwd: Path, allowed: tuple[int, ...], tree: bool = False
) -> Run:
    """One process, timed; an exit code outside `allowed` stops the benchmark (a crashed floor
    would otherwise count as a fast one). With `tree` (a command that forks), its peak memory
    is also sampled as its processes' added up, and is the larger of that and its own."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    done, tree_kib = threading.Event(), [0]
    sampler = threading.Thread(target=_tree_peak, args=(proc.pid, done, tree_kib))
    if tree and sys.platform.startswith("linux"):
        sampler.start()
    assert proc.stderr is not None
    errors = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    done.set()
    if sampler.is_alive():
        sampler.join()
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in allowed:
        raise RuntimeError(f"{cmd} exited {proc.returncode}: {errors.decode()[-500:]}")
    # ru_maxrss is in KiB on Linux, bytes on macOS.
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Run(wall, usage.ru_utime + usage.ru_stime, max(peak, tree_kib[0] / 1024))


def measure(figure: Figure, repeat: int, env: dict[str, str]) -> Row:
    """Alternate our command and the floor `repeat` times (after one warm-up pair); medians."""
    ours: list[Run] = []
    floor: list[Run] = []
    for i in range(repeat + 1):
        # claimcheck may answer 1 ("needs attention") on generated data; a floor must succeed
        for cmd, runs, allowed in ((figure.ours, ours, (0, 1)), (figure.floor, floor, (0,))):
            if figure.reset:
                figure.reset()
            tree = runs is ours and figure.processes > 1 and figure.memory_goal is not None
            run = _run(cmd, env, ROOT, allowed, tree)
            if i:
                runs.append(run)

    def median(runs: list[Run], field: str) -> float:
        return statistics.median(getattr(r, field) for r in runs)

    row: Row = {
        "name": figure.name,
        "floor_name": figure.floor_name,
        "ours_s": median(ours, "wall_s"),
        "floor_s": median(floor, "wall_s"),
        "ours_cpu_s": median(ours, "cpu_s"),
        "floor_cpu_s": median(floor, "cpu_s"),
        "goal": figure.goal,
        "runs": repeat,
        "processes": figure.processes,
    }
    row["ratio"] = row["ours_s"] / row["floor_s"]
    row["cpu_ratio"] = row["ours_cpu_s"] / row["floor_cpu_s"]
    if figure.memory_goal is not None:
        row["ours_mb"], row["floor_mb"] = median(ours, "peak_mb"), median(floor, "peak_mb")
        row["memory_ratio"] = row["ours_mb"] / row["floor_mb"]
        row["memory_goal"] = figure.memory_goal
    return row


def _removing(*paths: str) -> Callable[[], None]:
    def reset() -> None:
        for path in paths:
            if os.path.exists(path):
                os.remove(path)

    return reset


def figures(tmp: str, quick: bool) -> list[Figure]:
    """The speed issue's table, on data generated into `tmp`."""
    ten = generate(10_000, os.path.join(tmp, "10k"))
    lines = lines_places(os.path.join(tmp, "lines"))
    dump = geonames_dump(os.path.join(tmp, "geonames"), 100_000)
    verify = [*CLAIMCHECK, "verify"]
    table = [
        Figure("`claimcheck verify`, bundled data", "`import pyproj, shapely, click, yaml`",
               verify, IMPORT_FLOOR, 1.0),
        Figure("`claimcheck --help`", "same", [*CLAIMCHECK, "--help"], IMPORT_FLOOR, 0.3),
        Figure("`claimcheck distance` POINT POINT, two 10,000-vertex lines in the places",
               "same",
               [*CLAIMCHECK, "distance", "al-tanf-crossing", "al-tanf-garrison", "--places",
                lines], IMPORT_FLOOR, 1.1),
        Figure(f"`verify` on 10,000 claims ({ten.places:,} places)",
               "`yaml.load(..., CSafeLoader)` of both files",
               [*verify, "--claims", ten.claims_path, "--places", ten.places_path],
               [*FLOORS, "yaml", ten.claims_path, ten.places_path], 1.2, processes=2),
    ]  # fmt: skip
    if not quick:
        hundred = generate(100_000, os.path.join(tmp, "100k"))
        table.append(
            Figure(f"`verify` on 100,000 claims ({hundred.places:,} places)", "same",
                   [*verify, "--claims", hundred.claims_path, "--places", hundred.places_path],
                   [*FLOORS, "yaml", hundred.claims_path, hundred.places_path], 1.2,
                   memory_goal=2.0, processes=2)
        )  # fmt: skip
    ours_db = os.path.join(tmp, "ours.sqlite")
    import_cmd = [*CLAIMCHECK, "places", "import", "geonames", dump.dump_path, "-o", ours_db]
    table.append(
        Figure("`places import geonames`, 100,000 rows (SY.zip)",
               "sqlite3 executemany of the rows and names, name index",
               import_cmd, [*FLOORS, "sqlite", dump.dump_path, os.path.join(tmp, "floor.sqlite")],
               1.5, processes=2)
    )  # fmt: skip
    peer = shutil.which("sqlite-utils")
    if peer:
        txt = os.path.join(tmp, "geonames", "SY.txt")
        with zipfile.ZipFile(dump.dump_path) as zf, open(txt, "wb") as out:
            out.write(zf.read("SY.txt"))
        peer_db = os.path.join(tmp, "peer.sqlite")
        table.append(
            Figure("same", "`sqlite-utils insert --tsv --no-headers` of SY.txt", import_cmd,
                   [peer, "insert", peer_db, "places", txt, "--tsv", "--no-headers"], 1.0,
                   reset=_removing(peer_db), processes=2)
        )  # fmt: skip
    return table


def _load(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(f"bench_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
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
    "<": lambda v, t: v < t,
    ">=": lambda v, t: v >= t,
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


def _seconds(value: float) -> str:
    return f"{value * 1000:,.0f} ms" if value < 10 else f"{value:,.1f} s"


def speed_table(rows: list[Row]) -> str:
    lines = [
        "| figure | floor or peer | ours | floor | ratio | CPU ratio | goal | |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in rows:
        # met only if both hold: on a shared machine either ratio alone can flatter; a command
        # in several processes adds up their CPU time, which says what it costs, not how long
        # it takes, so only its wall time is held to the goal
        judged = r["ratio"] if r["processes"] > 1 else max(r["ratio"], r["cpu_ratio"])
        ok = "ok" if judged <= r["goal"] else "MISS"
        cpu = f"{r['cpu_ratio']:.2f}×" + (
            f" ({r['processes']} processes)" if r["processes"] > 1 else ""
        )
        goal = "keep ahead" if r["floor_name"].startswith("`sqlite-utils") else f"≤ {r['goal']:g}×"
        lines.append(
            f"| {r['name']} | {r['floor_name']} | {_seconds(r['ours_s'])} | "
            f"{_seconds(r['floor_s'])} | {r['ratio']:.2f}× | {cpu} | {goal} | "
            f"{ok} |"
        )
        if "memory_ratio" in r:
            ok = "ok" if r["memory_ratio"] <= r["memory_goal"] else "MISS"
            lines.append(
                f"| same: peak memory | same | {r['ours_mb']:,.0f} MB | {r['floor_mb']:,.0f} MB "
                f"| {r['memory_ratio']:.2f}× | | ≤ {r['memory_goal']:g}× | {ok} |"
            )
    return "\n".join(lines)


def table(rows: list[Row]) -> str:
    lines = ["| benchmark | value | target | |", "| --- | ---: | ---: | --- |"]
    for row in rows:
        unit = row.get("unit", "")
        value = f"{_fmt(row.get('value', ''))} {unit}".strip()
        target = str(row.get("target", ""))
        lines.append(f"| {row.get('name', '?')} | {value} | {target} | {verdict(row)} |")
    return "\n".join(lines)


def machine() -> str:
    """CPU model (from /proc/cpuinfo where there is one), logical CPUs, Python, OS."""
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            model = next(
                line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")
            )
    except (OSError, StopIteration):
        pass
    python = f"{platform.python_implementation()} {platform.python_version()}"
    return f"{model}, {os.cpu_count()} logical CPUs; {python}; {platform.system()}"


def _chosen(figure: Figure, only: list[str] | None) -> bool:
    """Whether --only names the figure (a "same" row goes with the figure above it)."""
    name = figure.name.lower() if figure.name != "same" else figure.floor_name.lower()
    return not only or any(words.lower() in name for words in only)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs each; skip 100,000 claims")
    parser.add_argument("--repeat", type=int, default=None, help="runs per median (default 11)")
    parser.add_argument("--only-speed", action="store_true", help="skip the other benchmarks")
    parser.add_argument(
        "--only",
        action="append",
        metavar="WORDS",
        help="only the speed figures whose name contains WORDS (any case; repeatable), e.g. "
        "--only bundled --only '10,000 claims'",
    )
    args = parser.parse_args()
    repeat = args.repeat or (3 if args.quick else 11)
    with tempfile.TemporaryDirectory(prefix="claimcheck-bench-") as tmp:
        env = _env(os.path.join(tmp, "pycache"))
        chosen = [f for f in figures(tmp, args.quick) if _chosen(f, args.only)]
        speed = [measure(f, repeat, env) for f in chosen]
    print(f"{machine()}; {repeat} alternating runs a figure, medians")
    print(speed_table(speed))
    missed = any(r["ratio"] > r["goal"] for r in speed)
    missed |= any(r.get("memory_ratio", 0) > r.get("memory_goal", 1) for r in speed)
    if not args.only_speed:
        extra, notes = others()
        print()
        print(table(extra))
        for note in notes:
            print(f"note: {note}")
        missed |= any(verdict(r) == "MISS" for r in extra)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
