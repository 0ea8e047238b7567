"""Shared test configuration: hypothesis profiles.

The fast profile keeps property tests at 200 examples each; run the long one before a release with
HYPOTHESIS_PROFILE=long (10,000 examples each).
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("fast", max_examples=200, deadline=None)
settings.register_profile("long", max_examples=10_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))
