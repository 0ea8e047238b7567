"""One formatter module per output format; the registry drives the CLI's --format choices.

Each module defines `render_verify(report, color) -> str` and
`render_problems(problems, color, outcome) -> str` (and `render_check(dataset, color) -> str` for
`claimcheck check`); modules are imported only when chosen, so the CLI's start-up pays for one
formatter at most. "auto" is not a module: the CLI resolves it with `resolve()`.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from types import ModuleType

FORMATTERS: dict[str, str] = {
    "text": "claimcheck.render.text",
    "json": "claimcheck.render.json",
    "parsable": "claimcheck.render.parsable",
    "github": "claimcheck.render.github",
    "junit": "claimcheck.render.junit",
}

#: what --format accepts: every registered format, then "auto"
CHOICES: tuple[str, ...] = (*FORMATTERS, "auto")


def resolve(name: str, environ: Mapping[str, str]) -> str:
    """Resolve "auto": annotations under GitHub Actions (which sets GITHUB_ACTIONS=true), else
    text; any other value ("false", "0", empty) is not GitHub Actions."""
    if name != "auto":
        return name
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


def formatter(name: str) -> ModuleType:
    return importlib.import_module(FORMATTERS[name])
