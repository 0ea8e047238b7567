"""claims.policy: a claims file's own `defaults:` (confidence, "about"), validated and shown."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck import api
from claimcheck.claims.policy import DEFAULT_POLICY
from claimcheck.cli import main
from claimcheck.errors import DataError

PLACES = str(Path(__file__).parent / "data" / "ci" / "places.yaml")
CLAIM = """\
  - id: garrison-about-27km
    quote: about 27 km from al-Walid (a test figure)
    claimant: test fixture
    source: English Wikipedia coordinates of both places
    subject: al-tanf-garrison
    distance: more than 27 km
    from: al-walid-crossing
"""


def _write(tmp_path: Path, defaults: str) -> str:
    path = tmp_path / "claims.yaml"
    path.write_text(f"{defaults}claims:\n{CLAIM}", "utf-8")
    return str(path)


def test_without_a_block_the_built_in_policy_applies(tmp_path: Path) -> None:
    dataset = api.load_dataset(_write(tmp_path, ""), PLACES)
    assert dataset.policy == DEFAULT_POLICY


def test_the_block_sets_confidence_and_about_and_says_where(tmp_path: Path) -> None:
    path = _write(tmp_path, "# policy\ndefaults:\n  confidence: 90 %\n  about: 0.1\n")
    policy = api.load_dataset(path, PLACES).policy
    assert (policy.confidence, policy.about) == (Decimal("0.9"), Decimal("0.1"))
    assert policy.origin == f"{path}:2"


@pytest.mark.parametrize(
    ("block", "line", "message"),
    [
        ("defaults:\n  confidence: 120 %\n", 2, "between 50 % and 100 %"),
        ("defaults:\n  about: 40 %\n", 2, "'about' must lie in (0 %, 25 %]"),
        ("defaults:\n  about: lots\n", 2, "cannot read 'lots' as a percentage"),
        ("defaults:\n  confidance: 90 %\n", 2, "did you mean 'confidence'"),
        ("defaults: strict\n", 1, "'defaults' must be a mapping"),
    ],
)
def test_a_bad_block_is_an_input_error_with_its_line(
    tmp_path: Path, block: str, line: int, message: str
) -> None:
    path = _write(tmp_path, block)
    with pytest.raises(DataError) as caught:
        api.load_dataset(path, PLACES)
    (problem,) = caught.value.problems
    assert (problem.line, message in problem.message) == (line, True), problem


def test_a_verdict_the_policy_changes_says_so(tmp_path: Path) -> None:
    built_in = api.verify(api.load_dataset(_write(tmp_path, ""), PLACES))
    (before,) = built_in.verdicts
    assert before.verdict.value == "inconclusive" and not before.policy_note
    path = _write(tmp_path, "defaults:\n  confidence: 80 %\n")
    (after,) = api.verify(api.load_dataset(path, PLACES)).verdicts
    assert after.verdict.value == "consistent"
    assert f"the claims file's defaults ({path}:1: confidence 80 %" in after.reason
    assert "the built-in policy (confidence 95 %, 'about' at least ±5 %) gives inconclusive" in (
        after.policy_note
    )


def test_the_policy_is_printed_in_text_json_and_reports(tmp_path: Path) -> None:
    path = _write(tmp_path, "defaults:\n  confidence: 80 %\n")
    runner = CliRunner()
    text = runner.invoke(main, ["verify", "--claims", path, "--places", PLACES]).stdout
    assert text.startswith(f"policy: confidence 80 %, 'about' at least ±5 %, from the claims "
                           f"file's defaults ({path}:1)")  # fmt: skip
    doc = json.loads(
        runner.invoke(
            main, ["verify", "--claims", path, "--places", PLACES, "--format", "json"]
        ).stdout
    )
    assert doc["defaults"] == {"confidence": 0.8, "about": 0.05, "origin": f"{path}:1"}
    assert "policy_note" in doc["results"][0]
    report = runner.invoke(
        main, ["report", "--claims", path, "--places", PLACES, "--format", "markdown"]
    ).stdout
    assert "The claims file sets its own policy (" in report
    assert "claims.yaml:1): confidence 80 %" in report
