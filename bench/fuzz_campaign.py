"""Fuzz campaign: structural and byte mutations of real data through every command.

Mutants are made from the bundled data, the polar and antimeridian polygons, the assertion-kind
fixtures, a GeoJSON places file and the seed article; structural mutations rewrite the parsed
YAML or JSON (a key dropped, a value swapped for a hostile one, vertices shuffled, a ring wound
round a pole, a figure in two units, ...), byte mutations insert, delete and duplicate YAML
tokens. Each mutant goes through check, verify (text and JSON), locate, map (GeoJSON and HTML),
report, distance, places search, places show and extract. A run is a crash if it prints a
traceback or exits other than 0, 1 or 2; a hang if it outlives the timeout; a bad output if its
JSON does not parse, holds NaN or Infinity, or its text shows "inf km" or "nan km".

Every run is a fork of a worker that has already imported claimcheck (so the campaign measures
claimcheck, not Python's start-up); its peak memory is the child's ru_maxrss, which includes the
worker's own (reported as the baseline). A second, smaller set of mutants is made from large
inputs (2,000 generated claims; a 100,000-vertex line) for the peak memory on large inputs.
Deterministic for a seed; workers in parallel.

    python bench/fuzz_campaign.py                       # 2,400 mutants, about 26,000 runs
    python bench/fuzz_campaign.py --mutants 50 --large 2 --jobs 2
"""

from __future__ import annotations

import argparse
import copy
import json
import multiprocessing
import os
import random
import re
import resource
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
#: (claims, places) seeds, relative to the repository
SEEDS = [
    ("data/claims.yaml", "data/places.yaml"),
    ("tests/data/rings/polar-claims.yaml", "tests/data/rings/polar-places.yaml"),
    ("tests/data/rings/antimeridian-claims.yaml", "tests/data/rings/antimeridian-places.yaml"),
    ("tests/data/kinds/claims.yaml", "tests/data/kinds/places.yaml"),
    ("tests/data/geojson/claims.yaml", "tests/data/geojson/al-tanf.geojson"),
    ("tests/data/countries/claims.yaml", "tests/data/countries/places.yaml"),
]
ARTICLE = "tests/data/extract/seed-article.txt"
TIMEOUT_S = 60.0
#: YAML tokens for byte mutations (as tests/test_fuzz.py uses)
TOKENS = [
    ":", ": ", "-", "- ", " ", "  ", "\t", "\n", "\r\n", "[", "]", "{", "}", ",", "&a ", "*a",
    "!!python/object ", "'", '"', "#", "? ", "|", ">", "\x00", "\ufeff", "\x85", "\u2028", "é",
    "ش", "~", "null", ".nan", "-.inf", "1e999", "95", "-5", "180.5", "km", "mi", "more than ",
    "between 3 km and ", "less than 0 ", "<<: *a\n", "---\n", "x" * 600,
]  # fmt: skip
#: values that a structural mutation puts in place of another
HOSTILE: list[Any] = [
    None, "", " ", 0, -1, 0.0, -0.0, 1e308, -1e308, float("nan"), float("inf"), 10**400,
    "9" * 400 + " km", "less than 0 km", "at least 0 km", "between 30 km and 40 miles",
    "between 40 and 30 km", "30,000 km", "20,004 km", "0 km", "0 m", "-5 km", "1e9 km", "nan km",
    "inf mi", "about 34 furlongs", "within 5 km", "north-east", "NNW", "upwards", "\x1b[2J",
    "a\nb", "::error::x", "\u202e", "ش" * 50, "x" * 600, [], {}, [[]], [[0, 0]], True,
    "Hima", "Damscus", "Rikbin camp", "Syria", "Syira", "IR", "polygon", "line", "zone",
    "unknown", "point", "33.5, 38.6", "95, 200", "33°30′21″N 38°37′04″E",
]  # fmt: skip
#: values that keep a file valid but move it somewhere odd: figures, directions, coordinates
PLAUSIBLE: list[Any] = [
    "about 45 mi", "more than 100 km", "less than 5 km", "within 2 km", "between 10 and 20 km",
    "between 30 km and 40 miles", "34-mile", "at most 500 m", "roughly 12 nmi", "up to 20,000 km",
    "north", "south-west", "ENE", "55 km", "1 km", "100 m", "8 km", "20,000 km", 0.0, 89.9999,
    -89.9999, 179.9999, -180.0, 180.0, 33.5, 38.6, -33.9, 151.2,
]  # fmt: skip
COMMANDS = [
    "check", "verify", "verify-json", "locate", "map-geojson", "map-html", "map-png", "report",
    "distance", "places-search", "places-show", "extract",
]  # fmt: skip


@dataclass
class Tally:
    """What a batch of runs found."""

    runs: int = 0
    crashes: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    bad_outputs: list[str] = field(default_factory=list)
    exits: Counter[int] = field(default_factory=Counter)
    by_command: dict[str, Counter[int]] = field(default_factory=dict)
    peak_mb: float = 0.0
    seconds: float = 0.0

    def add(self, other: Tally) -> None:
        self.runs += other.runs
        self.crashes += other.crashes
        self.hangs += other.hangs
        self.bad_outputs += other.bad_outputs
        self.exits.update(other.exits)
        for command, exits in other.by_command.items():
            self.by_command.setdefault(command, Counter()).update(exits)
        self.peak_mb = max(self.peak_mb, other.peak_mb)
        self.seconds = max(self.seconds, other.seconds)


# --- mutation ----------------------------------------------------------------------------------


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a parsed tree (keys and indices)."""
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _paths(value, (*prefix, i))
    return out


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        node = node[step]
    return node


def _mutate_value(value: Any, rng: random.Random, tree: Any) -> Any:
    roll = rng.random()
    if isinstance(value, (int, float)) and not isinstance(value, bool) and roll < 0.5:
        return rng.choice([-value, value * 1e6, value + 360, value + 180, 90, -90, 180, -180,
                           179.9999999, value + rng.uniform(-1, 1)])  # fmt: skip
    if isinstance(value, str) and roll < 0.4:
        return rng.choice([value.upper(), value + " mi", "more than " + value, value[::-1],
                           value + "\n::error::x", value * 3, value.replace("a", "i")])  # fmt: skip
    if isinstance(value, list) and value and roll < 0.6:
        return _mutate_list(value, rng)
    if roll < 0.65:
        return copy.deepcopy(rng.choice(PLAUSIBLE))
    if roll < 0.85:
        return copy.deepcopy(rng.choice(HOSTILE))
    return copy.deepcopy(_get(tree, rng.choice(_paths(tree))))  # a value from elsewhere


def _mutate_list(value: list[Any], rng: random.Random) -> list[Any]:
    out = copy.deepcopy(value)
    op = rng.randrange(8)
    if op == 0 and len(out) > 1:
        i, j = rng.sample(range(len(out)), 2)
        out[i], out[j] = out[j], out[i]  # a bow-tie, if these are vertices
    elif op == 1:
        out = out[: rng.randint(0, 3)]
    elif op == 2:
        out.insert(rng.randrange(len(out) + 1), copy.deepcopy(rng.choice(out)))
    elif op == 3:
        out.reverse()
    elif op == 4 and all(isinstance(p, list) and len(p) == 2 for p in out):
        out = [[p[1], p[0]] for p in out]  # swapped lat/lon
    elif op == 5 and all(isinstance(p, list) and len(p) == 2 for p in out):
        n = max(3, len(out))
        out = [[80.0, -180 + 360 * i / n] for i in range(n)]  # round the pole
    elif op == 6 and all(isinstance(p, list) and len(p) == 2 for p in out):
        out = [[p[0], (p[1] + 180.0) if isinstance(p[1], (int, float)) else p[1]] for p in out]
    else:
        out = out * rng.randint(2, 5)
    return out


def mutate_tree(tree: Any, rng: random.Random) -> Any:
    """A few structural edits of a parsed YAML or JSON document."""
    tree = copy.deepcopy(tree)
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        paths = [p for p in _paths(tree) if p]
        if not paths:
            break
        path = rng.choice(paths)
        parent, last = _get(tree, path[:-1]), path[-1]
        op = rng.random()
        if op < 0.15 and isinstance(parent, dict):
            del parent[last]
        elif op < 0.25 and isinstance(parent, list):
            parent.insert(rng.randrange(len(parent) + 1), copy.deepcopy(parent[last]))
        elif op < 0.30 and isinstance(parent, dict):
            parent[rng.choice(["within", "tolerance", "from", "holes", "radius", "near", "zone",
                               "direction", "country", "expect", "kind"])] = copy.deepcopy(
                rng.choice(HOSTILE))  # fmt: skip
        else:
            parent[last] = _mutate_value(parent[last], rng, tree)
    return tree


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        at = rng.randint(0, len(out))
        token = rng.choice(TOKENS).encode("utf-8")
        op = rng.randrange(4)
        if op == 0:
            out[at:at] = token
        elif op == 1:
            del out[at : at + rng.randint(1, 40)]
        elif op == 2:
            out[at : at + len(token)] = token
        else:
            out[at:at] = out[at : at + rng.randint(1, 200)]
    return bytes(out)


def _dump(tree: Any, as_json: bool) -> bytes:
    if as_json:
        return json.dumps(tree, ensure_ascii=False).encode("utf-8")
    return yaml.safe_dump(tree, allow_unicode=True, sort_keys=False).encode("utf-8")


def _load(data: bytes, as_json: bool) -> Any:
    try:
        return json.loads(data) if as_json else yaml.safe_load(data)
    except Exception:  # a mutant may not parse at all; that is the point
        return None


def make_mutant(
    seed: int, base: tuple[bytes, bytes, bytes, bool], directory: str
) -> dict[str, Any]:
    """Write one mutant (claims, places, article) and pick the names and ids commands use."""
    rng = random.Random(seed)
    claims, places, article, places_json = base
    for which in rng.sample(["claims", "places", "article"], rng.randint(1, 2)):
        structural = rng.random() < 0.65
        if which == "claims":
            tree = _load(claims, False)
            claims = (
                _dump(mutate_tree(tree, rng), False)
                if structural and tree
                else mutate_bytes(claims, rng)
            )
        elif which == "places":
            tree = _load(places, places_json)
            places = (
                _dump(mutate_tree(tree, rng), places_json)
                if structural and tree
                else mutate_bytes(places, rng)
            )
        else:
            article = mutate_bytes(article, rng)
    suffix = ".geojson" if places_json else ".yaml"
    paths = {
        "claims": os.path.join(directory, "claims.yaml"),
        "places": os.path.join(directory, "places" + suffix),
        "article": os.path.join(directory, "article.txt"),
    }
    for key, data in (("claims", claims), ("places", places), ("article", article)):
        with open(paths[key], "wb") as out:
            out.write(data)
    ids, names, unknown = _place_names(_load(places, places_json), places_json)
    return {
        **paths,
        "a": rng.choice(ids) if ids else "al-tanf-crossing",
        "b": rng.choice(ids) if ids else "33.5,38.6",
        "name": rng.choice(names) if names else "Tanf",
        "unknown": rng.choice(unknown) if unknown else None,
    }


def _place_names(tree: Any, as_json: bool) -> tuple[list[str], list[str], list[str]]:
    ids: list[str] = []
    names: list[str] = []
    unknown: list[str] = []
    items = (
        (tree or {}).get("features" if as_json else "places") if isinstance(tree, dict) else None
    )
    for item in items if isinstance(items, list) else []:
        props = item.get("properties") if as_json and isinstance(item, dict) else item
        if not isinstance(props, dict):
            continue
        if (
            isinstance(props.get("id"), str)
            and props["id"].strip()
            and not props["id"].startswith("-")
        ):
            ids.append(props["id"])
            kind = props.get("kind")
            if kind == "unknown" or (as_json and item.get("geometry") is None):
                unknown.append(props["id"])
        if isinstance(props.get("name"), str) and props["name"].strip():
            names.append(props["name"])
    return ids, names, unknown


def argv_for(command: str, m: dict[str, Any]) -> list[str]:
    files = ["--claims", m["claims"], "--places", m["places"]]
    out = {
        "check": ["check", *files],
        "verify": ["verify", *files],
        "verify-json": ["verify", *files, "--format", "json"],
        "locate": ["locate", m["unknown"], *files]
        if m["unknown"]
        else ["locate", *files, "--where", f"within 50 km of {m['a']}"],
        "map-geojson": ["map", *files, "--format", "geojson"],
        "map-html": ["map", *files, "--format", "html"],
        "map-png": ["map", *files, "--format", "png"],
        "report": ["report", *files],
        "distance": ["distance", "--places", m["places"], "--", m["a"], m["b"]],
        "places-search": ["places", "search", "--places", m["places"], "--", m["name"]],
        "places-show": ["places", "show", "--places", m["places"], "--", m["a"]],
        "extract": ["extract", m["article"], "--places", m["places"]],
    }[command]
    return out


# --- running -----------------------------------------------------------------------------------


def run_forked(argv: list[str], timeout: float) -> tuple[int | None, float, float, bytes, bytes]:
    """(exit code or None on timeout, seconds, peak MB, stdout, stderr) of main(argv) in a fork."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        pid = os.fork()
        if pid == 0:  # the child: claimcheck's main, with its output in the files
            code = 1
            try:
                os.dup2(out.fileno(), 1)
                os.dup2(err.fileno(), 2)
                devnull = os.open(os.devnull, os.O_RDONLY)
                os.dup2(devnull, 0)
                from claimcheck.cli import main

                main(args=argv, prog_name="claimcheck")
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            except BaseException:
                traceback.print_exc()
                code = 70  # a crash, whatever main would have exited with
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        code: int | None = None
        usage = None
        while True:
            done, status, usage = os.wait4(pid, os.WNOHANG)
            if done:
                code = os.waitstatus_to_exitcode(status)
                break
            if time.perf_counter() - start > timeout:
                os.kill(pid, signal.SIGKILL)
                _done, _status, usage = os.wait4(pid, 0)
                break
            time.sleep(0.002)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        # ru_maxrss: KiB on Linux
        return code, seconds, usage.ru_maxrss / 1024, out.read(), err.read()


#: a measurement printed as infinite or not a number ("margin +inf km"), not a quote saying so
_NOT_FINITE = re.compile(r"(?:margin|measured|interval|distance)\b[^\n]{0,40}?[-+]?\b(?:inf|nan)\b")


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} in JSON")


def _bad_output(command: str, stdout: bytes) -> str | None:
    text = stdout.decode("utf-8", "replace")
    if command in ("verify-json", "map-geojson") and stdout.strip():
        try:
            doc = json.loads(text, parse_constant=_refuse_constant)
        except ValueError as exc:
            return f"JSON: {str(exc)[:80]}"
        return _bad_geojson(doc) if command == "map-geojson" else None
    found = _NOT_FINITE.search(text)
    return f"prints {found.group()!r}" if found else None


def _bad_geojson(doc: Any) -> str | None:
    """What breaks RFC 7946 in a map: positions out of range, empty or unclosed rings."""

    def positions(coords: Any) -> list[Any]:
        if coords and isinstance(coords[0], (int, float)):
            return [coords]
        return [p for c in coords for p in positions(c)]

    for feature in doc.get("features", []):
        geometry = feature.get("geometry") or {}
        coords = geometry.get("coordinates")
        if not coords:
            return f"empty {geometry.get('type')} for {feature.get('properties', {}).get('id')}"
        if any(not (-180 <= p[0] <= 180 and -90 <= p[1] <= 90) for p in positions(coords)):
            return "a position out of range"
        rings = {"Polygon": [coords], "MultiPolygon": coords}.get(geometry.get("type"), [])
        if any(len(r) < 4 or r[0] != r[-1] for polygon in rings for r in polygon):
            return "a ring with fewer than 4 positions or not closed"
    return None


def mutant_runs(job: tuple[int, str, int]) -> Tally:
    """All commands on mutant `index` of kind `kind` ("small" or "large")."""
    index, kind, seed = job
    bases = _BASES[kind]
    tally = Tally()
    directory = tempfile.mkdtemp(prefix="claimcheck-fuzz-")
    try:
        mutant = make_mutant(seed * 1_000_003 + index, bases[index % len(bases)], directory)
        for command in COMMANDS:
            argv = argv_for(command, mutant)
            code, seconds, peak, stdout, stderr = run_forked(argv, TIMEOUT_S)
            tally.runs += 1
            tally.peak_mb = max(tally.peak_mb, peak)
            tally.seconds = max(tally.seconds, seconds)
            label = f"{kind} mutant {index} {command}"
            if code is None:
                tally.hangs.append(label)
                continue
            tally.exits[code] += 1
            tally.by_command.setdefault(command, Counter())[code] += 1
            if b"Traceback" in stderr or code not in (0, 1, 2):
                tail = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["?"]
                tally.crashes.append(f"{label}: exit {code}: {tail[0][:200]}")
                _keep(directory, label)
            reason = _bad_output(command, stdout)
            if reason:
                tally.bad_outputs.append(f"{label}: {reason}")
                _keep(directory, label)
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    return tally


def _keep(directory: str, label: str) -> None:
    """Copy a failing mutant where it can be replayed."""
    target = Path(tempfile.gettempdir()) / "claimcheck-fuzz-failures" / label.replace(" ", "-")
    if not target.exists():
        shutil.copytree(directory, target)


_BASES: dict[str, list[tuple[bytes, bytes, bytes, bool]]] = {}


def _read(path: str) -> bytes:
    return (ROOT / path).read_bytes()


def load_bases(directory: str, large: bool) -> None:
    """The seed inputs; with `large`, also a 2,000-claim file and a 100,000-vertex line."""
    article = _read(ARTICLE)
    _BASES["small"] = [(_read(c), _read(p), article, p.endswith(".geojson")) for c, p in SEEDS]
    if not large:
        return
    sys.path.insert(0, str(BENCH))
    from bench_limits import write_line
    from generate import generate

    made = generate(2_000, os.path.join(directory, "generated"))
    line_places, line_claims = write_line(directory, 100_000)
    _BASES["large"] = [
        (Path(made.claims_path).read_bytes(), Path(made.places_path).read_bytes(), article, False),
        (Path(line_claims).read_bytes(), Path(line_places).read_bytes(), article, False),
    ]


def _worker_init() -> None:
    import claimcheck.cli.app  # noqa: F401  (forked runs start with claimcheck imported)

    for name in ("check", "verify", "locate", "map", "report", "distance", "places", "extract"):
        __import__(f"claimcheck.cli.{name}")
    import matplotlib

    from claimcheck.render import figure, geojson, html_map  # noqa: F401

    matplotlib.use("Agg")
    import matplotlib.pyplot


def campaign(mutants: int, large: int, jobs: int, seed: int) -> dict[str, Any]:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="claimcheck-fuzz-bases-") as tmp:
        load_bases(tmp, large > 0)
        _worker_init()
        baseline_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        jobs_list = [(i, "small", seed) for i in range(mutants)]
        jobs_list += [(i, "large", seed) for i in range(large)]
        small, big = Tally(), Tally()
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(jobs) as pool:
            for (_i, kind, _s), tally in zip(
                jobs_list, pool.imap(mutant_runs, jobs_list, chunksize=4), strict=True
            ):
                (small if kind == "small" else big).add(tally)
    by_command: dict[str, Counter[int]] = {}
    for tally in (small, big):
        for command, exits in tally.by_command.items():
            by_command.setdefault(command, Counter()).update(exits)
    return {
        "seed": seed,
        "mutants": mutants,
        "large_mutants": large,
        "commands": COMMANDS,
        "runs": small.runs + big.runs,
        "crashes": small.crashes + big.crashes,
        "hangs": small.hangs + big.hangs,
        "bad_outputs": small.bad_outputs + big.bad_outputs,
        "exit_codes": dict(sorted((small.exits + big.exits).items())),
        "exit_codes_by_command": {
            c: dict(sorted(e.items())) for c, e in sorted(by_command.items())
        },
        "peak_mb_small": round(small.peak_mb, 1),
        "peak_mb_large": round(big.peak_mb, 1),
        "worker_baseline_mb": round(baseline_mb, 1),
        "slowest_run_s": round(max(small.seconds, big.seconds), 2),
        "wall_s": round(time.perf_counter() - started, 1),
        "timeout_s": TIMEOUT_S,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=int, default=2_400)
    parser.add_argument("--large", type=int, default=24, help="mutants of the large inputs")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    result = campaign(args.mutants, args.large, args.jobs, args.seed)
    print(json.dumps(result, indent=1, ensure_ascii=False))
    return 1 if result["crashes"] or result["hangs"] or result["bad_outputs"] else 0


if __name__ == "__main__":
    sys.exit(main())
