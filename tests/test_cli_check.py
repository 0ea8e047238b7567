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
    for path in ("data/claims.yaml", "places.yaml", "newsroom/2017/claims.yml"):
        assert matches(path), path
    for path in ("data/myclaims.yaml", "claims.yaml.bak", "docs/places.md"):
        assert not matches(path), path


def test_example_workflow_annotates_changes_to_the_data() -> None:
    from claimcheck.files import yamlfile

    workflow = yamlfile.load(str(ROOT / "docs" / "github-workflow.yml"))
    triggers = workflow["on"]
    for event in ("push", "pull_request"):
        assert triggers[event]["paths"] == ["**/claims.yaml", "**/places.yaml"]
    runs = [s["run"] for s in workflow["jobs"]["claimcheck"]["steps"] if "run" in s]
    assert [r.split(" --")[0] for r in runs[1:]] == ["claimcheck check", "claimcheck verify"]
    assert all(r.endswith("--format github") for r in runs[1:])
