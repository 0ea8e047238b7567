"""`--format github`: workflow-command annotations, escaped exactly as @actions/core escapes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck import api as engine
from claimcheck.cli import main
from claimcheck.errors import Problem
from claimcheck.render import github
from claimcheck.render.findings import Finding

DATA = Path(__file__).parent / "data"
CLAIMS = str(DATA / "ci" / "claims.yaml")
PLACES = str(DATA / "ci" / "places.yaml")


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("plain", "plain", "plain"),
        ("100%", "100%25", "100%25"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("a: b, c", "a: b, c", "a%3A b%2C c"),
        ("%3A", "%253A", "%253A"),  # % first, so an escape in the input stays literal
        ("::error::x", "::error::x", "%3A%3Aerror%3A%3Ax"),
    ],
)
def test_escaping_matches_the_actions_toolkit(text: str, data: str, prop: str) -> None:
    assert github.escape_data(text) == data
    assert github.escape_property(text) == prop


def test_annotation_carries_file_line_col_and_title() -> None:
    finding = Finding("data/claims.yaml", 7, 3, "error", "x", "x: 45%, really", "50%\r\n")
    assert github.annotation(finding) == (
        "::error file=data/claims.yaml,line=7,col=3,title=x%3A 45%25%2C really::50%25 "
    )


def test_a_finding_is_one_inert_line_whatever_the_data_held() -> None:
    """A line break in data becomes a space before escaping, so no annotation spans lines."""
    finding = Finding("c.yaml", 1, 1, "error", "x", "t\x1b[2J", "two\nlines ##[error]x")
    assert github.annotation(finding) == (
        "::error file=c.yaml,line=1,col=1,title=t\\x1b[2J::two lines ##\\[error]x"
    )


def test_unknown_line_and_column_are_left_out() -> None:
    finding = Finding("gone.yaml", 0, 0, "error", "", "claimcheck", "cannot read file")
    assert github.annotation(finding) == "::error file=gone.yaml,title=claimcheck::cannot read file"


def test_verify(tmp_path: Path) -> None:
    report = engine.verify(engine.load_dataset(CLAIMS, PLACES))
    why = {v.claim.id: github.escape_data(v.reason) for v in report.verdicts}
    (contradiction,) = report.contradictions
    f = f"file={CLAIMS}"
    assert github.render_verify(report).splitlines() == [
        f"::warning {f},line=11,col=5,title=garrison-about-31km contradicts garrison-about-24km"
        f"::contradicts garrison-about-24km (line 2): {contradiction.reason}",
        f"::error {f},line=18,col=5,"
        "title=garrison-about-31km%3A inconclusive%2C expected inconsistent"
        f"::verdict inconclusive, but expect: inconsistent: {why['garrison-about-31km']}",
        f"::notice {f},line=20,col=5,title=garrison-more-than-10km%3A consistent"
        f"::verdict consistent (no expect: locks it): {why['garrison-more-than-10km']}",
        "::notice title=claimcheck::3 claims: 1 consistent, 1 inconsistent, 1 inconclusive; "
        "1 contradiction; 1 need attention: garrison-about-31km",
    ]


def test_problems() -> None:
    problems = [Problem("c.yaml", 3, 7, "claims[0].distance", "cannot read 'far'", item="a")]
    assert github.render_problems(problems) == (
        "::error file=c.yaml,line=3,col=7,title=a::claims[0].distance: cannot read 'far'\n"
        "::notice title=claimcheck::1 error: nothing was verified; fix the input and run again"
    )


@pytest.mark.parametrize(
    ("env", "github_output"),
    [("true", True), (None, False), ("false", False), ("0", False), ("", False)],
)
def test_auto_means_github_under_github_actions(env: str | None, github_output: bool) -> None:
    result = CliRunner().invoke(
        main,
        ["verify", "--claims", CLAIMS, "--places", PLACES, "--format", "auto"],
        env={"GITHUB_ACTIONS": env},
    )
    assert result.exit_code == 1
    assert result.stdout.startswith("::warning file=") is github_output
