"""A sample of the fuzz campaign (bench/fuzz_campaign.py): 50 mutants through every command.

The whole campaign (2,400 mutants) runs from bench/; docs/robustness.md has its figures. This
sample keeps the script working and catches a regression on the mutants it makes first.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"

pytestmark = pytest.mark.slow


def _campaign_module() -> ModuleType:
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location("fuzz_campaign", BENCH / "fuzz_campaign.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_campaign"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_fifty_mutants_through_every_command_crash_nothing() -> None:
    campaign = _campaign_module()
    result = campaign.campaign(mutants=50, large=0, jobs=2, seed=16)
    assert result["runs"] == 50 * len(campaign.COMMANDS)
    assert result["crashes"] == []
    assert result["hangs"] == []
    assert result["bad_outputs"] == []
    assert set(result["exit_codes"]) <= {0, 1, 2}
    assert result["exit_codes"].get(0, 0) > result["runs"] // 10  # mutants reach the verdicts


def test_mutants_are_deterministic(tmp_path: Path) -> None:
    campaign = _campaign_module()
    campaign.load_bases(str(tmp_path), large=False)
    base = campaign._BASES["small"][0]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = campaign.make_mutant(7, base, str(tmp_path / "a"))
    second = campaign.make_mutant(7, base, str(tmp_path / "b"))
    for key in ("claims", "places", "article"):
        assert Path(first[key]).read_bytes() == Path(second[key]).read_bytes()
    assert {k: v for k, v in first.items() if k not in ("claims", "places", "article")} == {
        k: v for k, v in second.items() if k not in ("claims", "places", "article")
    }
