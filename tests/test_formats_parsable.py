"""`--format parsable`: `file:line:col: [level] id: message`, one finding a line, like yamllint."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck import api as engine
from claimcheck.claims.model import VerdictKind
from claimcheck.cli import main
from claimcheck.errors import Level, Problem
from claimcheck.render import parsable

DATA = Path(__file__).parent / "data"
CLAIMS = str(DATA / "ci" / "claims.yaml")
PLACES = str(DATA / "ci" / "places.yaml")


@pytest.fixture(scope="module")
def report() -> engine.VerifyReport:
    return engine.verify(engine.load_dataset(CLAIMS, PLACES))


def reasons(report: engine.VerifyReport) -> dict[str, str]:
    return {v.claim.id: v.reason for v in report.verdicts}


def test_verify_points_each_finding_at_its_claim(report: engine.VerifyReport) -> None:
    why = reasons(report)
    (contradiction,) = report.contradictions
    assert parsable.render_verify(report).splitlines() == [
        f"{CLAIMS}:11:5: [warning] garrison-about-31km: contradicts garrison-about-24km "
        f"(line 2): {contradiction.reason}",
        # an unexpected verdict points at the `expect:` line, not the claim's first line
        f"{CLAIMS}:18:5: [error] garrison-about-31km: verdict inconclusive, but expect: "
        f"inconsistent: {why['garrison-about-31km']}",
        f"{CLAIMS}:20:5: [notice] garrison-more-than-10km: verdict consistent "
        f"(no expect: locks it): {why['garrison-more-than-10km']}",
    ]


def test_fail_on_turns_an_expected_verdict_into_an_error_at_the_claim_line(
    report: engine.VerifyReport,
) -> None:
    failing = engine.verify(report.dataset, [VerdictKind.INCONSISTENT])
    lines = parsable.render_verify(failing).splitlines()
    assert lines[0] == (
        f"{CLAIMS}:2:5: [error] garrison-about-24km: verdict inconsistent is listed in "
        f"--fail-on: {reasons(report)['garrison-about-24km']}"
    )


def test_problems() -> None:
    problems = [
        Problem("p.yaml", 12, 5, "places[1].uncertainty", "needs a unit", Level.ERROR, "al-x"),
        Problem("c.yaml", 3, 7, "claims[0].distance", "cannot read 'far'"),
        Problem("gone.yaml", 0, 0, "", "cannot read file: No such file or directory"),
        Problem("p.yaml", 40, 3, "places[4]", "unusual", Level.WARNING),
    ]
    assert parsable.render_problems(problems) == (
        "p.yaml:12:5: [error] al-x: places[1].uncertainty: needs a unit\n"
        "c.yaml:3:7: [error] claims[0].distance: cannot read 'far'\n"
        "gone.yaml:0:0: [error] cannot read file: No such file or directory\n"
        "p.yaml:40:3: [warning] places[4]: unusual"
    )


def test_clean_run_prints_nothing(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["verify", "--claims", CLAIMS, "--places", PLACES, "--format", "parsable"]
    )
    assert result.exit_code == 1
    assert result.stdout.count("\n") == 3
    clean = tmp_path / "claims.yaml"
    first, _contradicting, unlocked = Path(CLAIMS).read_text("utf-8").split("\n\n")
    clean.write_text(f"{first}\n\n{unlocked}    expect: consistent\n", "utf-8")
    result = CliRunner().invoke(
        main, ["verify", "--claims", str(clean), "--places", PLACES, "--format", "parsable"]
    )
    assert (result.exit_code, result.stdout) == (0, "")


def test_claims_that_cannot_all_locate_a_place_warn_at_the_last_of_them() -> None:
    root = Path(__file__).parent.parent
    claims = str(root / "data" / "claims.yaml")
    report = engine.verify(engine.load_dataset(claims, str(root / "data" / "places.yaml")))
    (location,) = [loc for loc in report.locations if not loc.feasible]
    lines = {v.claim.id: v.claim.line for v in report.verdicts}
    last = max(location.conflict, key=lines.__getitem__)
    expected = (
        f"{claims}:{lines[last]}:5: [warning] {last}: no point satisfies "
        f"{', '.join(location.conflict)} together "
        f"(`claimcheck locate {location.place_id}` maps them)"
    )
    assert expected in parsable.render_verify(report).splitlines()
