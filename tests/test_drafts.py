"""Drafts (`status: draft`) never break a file: listed with what they lack, not verified, the
exit code as if they were absent; --strict makes each one an error."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck import api
from claimcheck.cli import main
from claimcheck.errors import DataError, Level

ROOT = Path(__file__).parent.parent
PLACES = ROOT / "data" / "places.yaml"
CLAIMS = """\
claims:
  - id: reviewed
    quote: q
    claimant: c
    source: s
    subject: al-tanf-garrison
    near: al-walid-crossing
    expect: inconsistent
  - id: draft-unknown-place
    quote: q
    claimant: c
    source: s
    subject: Zarqa junction
    distance: about 27 km
    from: border:JO-SY
    status: draft
  - id: draft-complete
    quote: q
    claimant: c
    source: s
    subject: rukban-camp
    near: border:JO-SY
    status: draft
"""


@pytest.fixture
def claims(tmp_path: Path) -> Path:
    path = tmp_path / "claims.yaml"
    path.write_text(CLAIMS, encoding="utf-8")
    return path


def test_drafts_are_set_aside_with_what_they_lack(claims: Path) -> None:
    dataset = api.load_dataset(str(claims), str(PLACES))
    assert [c.id for c in dataset.claims] == ["reviewed"]
    assert [d.id for d in dataset.drafts] == ["draft-unknown-place", "draft-complete"]
    unknown, complete = dataset.drafts
    assert len(unknown.problems) == 1
    assert "claimcheck places add 'Zarqa junction'" in unknown.problems[0].message
    assert complete.problems == ()
    warnings = [w for w in dataset.warnings if w.item.startswith("draft-")]
    assert all(w.level is Level.WARNING for w in warnings)
    assert [w.line for w in warnings] == [9, 13, 17]


@pytest.mark.parametrize("expect", ["inconsistent", "consistent"])
def test_check_and_verify_exit_as_if_the_drafts_were_absent(
    claims: Path, tmp_path: Path, expect: str
) -> None:
    claims.write_text(CLAIMS.replace("expect: inconsistent", f"expect: {expect}"), "utf-8")
    alone = tmp_path / "alone.yaml"
    alone.write_text(claims.read_text("utf-8").split("  - id: draft-unknown-place")[0], "utf-8")
    runner = CliRunner()
    args = ["--claims", str(claims), "--places", str(PLACES)]
    check = runner.invoke(main, ["check", *args], env={"NO_COLOR": "1"})
    assert check.exit_code == 0
    assert "1 claim (2 drafts not verified)" in check.output
    verify = runner.invoke(main, ["verify", *args], env={"NO_COLOR": "1"})
    without = runner.invoke(main, ["verify", "--claims", str(alone), "--places", str(PLACES)])
    assert verify.exit_code == without.exit_code == (0 if expect == "inconsistent" else 1)
    assert "1 claim (2 drafts not verified): 1 inconsistent" in verify.output
    assert "draft-complete' is a draft, not verified: review it" in verify.output


@pytest.mark.parametrize("command", ["check", "verify"])
def test_strict_makes_every_draft_an_error(claims: Path, command: str) -> None:
    result = CliRunner().invoke(
        main, [command, "--claims", str(claims), "--places", str(PLACES), "--strict"]
    )
    assert result.exit_code == 2
    assert result.output.count("is a draft (--strict)") == 2
    assert "names unknown place 'Zarqa junction'" in result.output


def test_strict_through_the_api(claims: Path) -> None:
    with pytest.raises(DataError):
        api.load(str(claims), str(PLACES), strict=True)
    reviewed = CLAIMS.split("  - id: draft-unknown-place")[0]
    assert api.loads(reviewed, PLACES.read_text("utf-8"), strict=True).drafts == ()
