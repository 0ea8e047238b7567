"""claimcheck: verify disputed distance claims in news reports, geodesically on WGS84.

The library's front door is `claimcheck.api`; its names are re-exported here, imported on first
use so that `claimcheck --help` does not pay for the geodesy.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

#: names re-exported from claimcheck.api
__all__ = ["Dataset", "VerifyReport", "from_data", "load", "loads", "verify"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("claimcheck.api"), name)
    raise AttributeError(f"module 'claimcheck' has no attribute {name!r}")
