"""`claimcheck check`: validates both files without measuring, in every output format."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck import api as engine
from claimcheck.cli import main
from claimcheck.render import FORMATTERS

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"
CLAIMS = str(DATA / "ci" / "claims.yaml")
PLACES = str(DATA / "ci" / "places.yaml")
BAD_CLAIMS = str(DATA / "schema" / "claims" / "bad" / "unknown-key.yaml")
BAD_PLACES = str(DATA / "schema" / "places" / "bad" / "uncertainty-without-unit.yaml")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_bundled_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out, _ = run("check")
    assert code == 0
    assert out.startswith("data/claims.yaml: ") and out.endswith(" places: valid\n")


def test_check_never_measures(monkeypatch: pytest.MonkeyPatch) -> None:
    def measuring(*args: object) -> None:
        raise AssertionError("check must not verify")

    monkeypatch.setattr(engine, "verify", measuring)
    code, out, _ = run("check", "--claims", CLAIMS, "--places", PLACES)
    assert (code, out) == (0, f"{CLAIMS}: 3 claims, {PLACES}: 6 places: valid\n")


@pytest.mark.parametrize("fmt", [*FORMATTERS, "auto"])
def test_every_format_reports_valid_files(fmt: str) -> None:
    code, out, _ = run("check", "--claims", CLAIMS, "--places", PLACES, "--format", fmt)
    assert code == 0
    if fmt == "json":
        assert json.loads(out)["status"] == "ok"
    if fmt == "junit":
        assert len(ET.fromstring(out).findall("testsuite/testcase")) == 3
    if fmt == "parsable":
        assert out == ""


def test_bad_claims_parsable() -> None:
    code, out, _ = run("check", "--claims", BAD_CLAIMS, "--places", PLACES, "--format", "parsable")
    assert code == 2
    assert out == (
        f"{BAD_CLAIMS}:10:5: [error] rukban-near: claims[0].expected: unknown key 'expected': "
        "did you mean 'expect'?\n"
    )


def test_bad_places_github_points_at_the_line() -> None:
    code, out, _ = run("check", "--claims", CLAIMS, "--places", BAD_PLACES, "--format", "github")
    assert code == 2
    first = out.splitlines()[0]
    assert first.startswith(f"::error file={BAD_PLACES},line=8,col=5,title=al-walid-crossing::")


def test_bad_data_in_text_goes_to_stderr() -> None:
    code, out, err = run("check", "--claims", BAD_CLAIMS, "--places", PLACES)
    assert (code, out) == (2, "")
    assert f"{BAD_CLAIMS}:10:5: [error] claims[0].expected: unknown key 'expected'" in err


def test_verify_and_check_offer_every_registered_format() -> None:
    from claimcheck.cli.check import check

    verify = main.get_command(None, "verify")  # type: ignore[arg-type]
    for command in (verify, check):
        assert command is not None
        (option,) = [p for p in command.params if p.name == "fmt"]
        assert list(option.type.choices) == [*FORMATTERS, "auto"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("value", ["bogus", "consistent,maybe"])
def test_fail_on_refuses_unknown_verdicts(value: str) -> None:
    code, _, err = run("verify", "--claims", CLAIMS, "--places", PLACES, "--fail-on", value)
    assert code == 2
    assert "unknown verdict" in err


def test_pre_commit_hook_runs_verify_on_claims_and_places_files() -> None:
    import re

    from claimcheck.files import yamlfile

    (hook,) = yamlfile.load(str(ROOT / ".pre-commit-hooks.yaml"))
    assert (hook["id"], hook["entry"], hook["language"]) == (
        "claimcheck",
        "claimcheck verify",
        "python",
    )
    assert hook["pass_filenames"] is False
    matches = re.compile(hook["files"]).search
    for path in (
        "data/claims.yaml",
        "places.yaml",
        "newsroom/2017/claims.yml",
        "data/places.geojson",  # `--places data/places.geojson` must not be skipped
        "data/al-tanf.geojson",
        "data/places.json",
    ):
        assert matches(path), path
    for path in ("data/myclaims.yaml", "claims.yaml.bak", "docs/places.md", "package.json"):
        assert not matches(path), path


def test_example_workflow_annotates_changes_to_the_data() -> None:
    from claimcheck.files import yamlfile

    workflow = yamlfile.load(str(ROOT / "docs" / "github-workflow.yml"))
    triggers = workflow["on"]
    for event in ("push", "pull_request"):
        assert triggers[event]["paths"] == ["**/claims.yaml", "**/places.yaml", "**/*.geojson"]
    steps = workflow["jobs"]["claimcheck"]["steps"]
    assert not any("run" in s for s in steps)  # nothing installed by name: the action does it
    (action,) = [s for s in steps if s["uses"].endswith("/claimcheck@COMMIT-SHA")]
    assert set(action["with"]) == {"claims", "places"}


def test_the_action_installs_from_its_own_checkout_and_passes_inputs_safely() -> None:
    """action.yml: pip installs github.action_path (the pinned commit), never a PyPI name; an
    input reaches the shell only as an environment variable (no script injection)."""
    import re

    from claimcheck.files import yamlfile

    action = yamlfile.load(str(ROOT / "action.yml"))
    assert action["runs"]["using"] == "composite"
    runs = [s for s in action["runs"]["steps"] if "run" in s]
    install, check, verify = (s["run"] for s in runs)
    assert install == ('python -m pip install --disable-pip-version-check --quiet "$ACTION_PATH"')
    assert runs[0]["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert check.startswith("claimcheck check ") and verify.startswith("claimcheck verify ")
    assert all(r.endswith("--format github") for r in (check, verify))
    for step in runs:
        assert "${{" not in step["run"], step["run"]
    assert not re.search(r"pip install\s+['\"]?(geo)?claimcheck", install)
    assert set(action["inputs"]) == {"claims", "places", "fail-on", "python-version"}
