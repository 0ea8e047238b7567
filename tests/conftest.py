"""Shared test configuration: hypothesis profiles, and the extraction evaluation's gazetteer.

The fast profile (the default, and what CI runs) keeps property and fuzz tests at 200 examples
each. Run the long one before a release with HYPOTHESIS_PROFILE=long: 10,000 examples each, so
the twelve fuzz targets in tests/test_fuzz.py see 120,000 inputs, and any single input that takes
over 2 s fails (the deadline).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import settings

from claimcheck.gazetteer.places import Gazetteer

settings.register_profile("fast", max_examples=200, deadline=None)
settings.register_profile("long", max_examples=10_000, deadline=timedelta(seconds=2))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))


@pytest.fixture(scope="session")
def extract_eval() -> ModuleType:
    """bench/extract_eval.py, which owns the labelled sets and the gazetteer they are scored on."""
    path = Path(__file__).resolve().parent.parent / "bench" / "extract_eval.py"
    spec = importlib.util.spec_from_file_location("extract_eval", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def articles_index(extract_eval: ModuleType) -> Iterator[Gazetteer]:
    """The evaluation's gazetteer: the article places, the world, the articles' GeoNames rows."""
    with extract_eval.articles_gazetteer() as gazetteer:
        yield gazetteer
