"""The package layout is the design: one-way layers, no import circles, modules that fit a screen.

grammar -> files -> gazetteer -> claims | geo -> lookup -> analysis -> api -> render -> cli;
errors, frozen (the models' decorator) and background (work in a second process) sit below
them all. Function-local imports count: they would only hide a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parent.parent / "src"
PACKAGE = SRC / "claimcheck"
#: layer rank of each top-level module or package; a module imports only ranks <= its own
LAYERS = {
    "errors": 0,
    "frozen": 0,
    "background": 0,
    "grammar": 1,
    "files": 2,
    "gazetteer": 3,
    "claims": 4,
    "geo": 4,
    "lookup": 5,
    "analysis": 6,
    "api": 7,
    "render": 8,
    "cli": 9,
    "__main__": 10,
}
#: claims and geo share a rank but are independent of each other
APART = {frozenset({"claims", "geo"})}
MAX_LINES = 500


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    targets = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            candidates = [base, *(f"{base}.{a.name}" for a in node.names)]
        elif isinstance(node, ast.Import):
            candidates = [a.name for a in node.names]
        else:
            continue
        targets |= {c for c in candidates if c in MODULES and c != name}
    return targets


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _layer(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_every_module_has_a_layer() -> None:
    assert {_layer(n) for n in MODULES} - {""} <= set(LAYERS)


@pytest.mark.parametrize("name", sorted(n for n in MODULES if _layer(n)))
def test_imports_go_down_the_layers(name: str) -> None:
    mine = _layer(name)
    for target in GRAPH[name]:
        theirs = _layer(target)
        if not theirs:  # the package root: __version__ and the lazy re-exports
            continue
        assert LAYERS[theirs] <= LAYERS[mine], f"{name} imports {target}, a higher layer"
        assert frozenset({mine, theirs}) not in APART, f"{name} imports {target}"


def test_no_import_circles() -> None:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in GRAPH[v]:
            if w.startswith(v + ".") or v.startswith(w + "."):
                continue  # a package and its own modules
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    assert circles == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_fit_an_afternoon(name: str) -> None:
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{name} has {lines} lines"
