"""One formatter module per output format; the registry drives the CLI's --format choices.

Each module defines `render_verify(report, color) -> str` and
`render_problems(problems, color) -> str`; modules are imported only when chosen, so the CLI's
start-up pays for one formatter at most.
"""

from __future__ import annotations

import importlib
from types import ModuleType

FORMATTERS: dict[str, str] = {
    "text": "claimcheck.formats.text",
    "json": "claimcheck.formats.json",
}


def formatter(name: str) -> ModuleType:
    return importlib.import_module(FORMATTERS[name])
