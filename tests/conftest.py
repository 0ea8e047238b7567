"""Shared test configuration: hypothesis profiles.

The fast profile (the default, and what CI runs) keeps property and fuzz tests at 200 examples
each. Run the long one before a release with HYPOTHESIS_PROFILE=long: 10,000 examples each, so
the twelve fuzz targets in tests/test_fuzz.py see 120,000 inputs, and any single input that takes
over 2 s fails (the deadline).
"""

from __future__ import annotations

import os
from datetime import timedelta

from hypothesis import settings

settings.register_profile("fast", max_examples=200, deadline=None)
settings.register_profile("long", max_examples=10_000, deadline=timedelta(seconds=2))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))
