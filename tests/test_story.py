"""docs/story.md, run as a reader would: every command in order (its `mkdir` too), in an empty
directory with the repository's tests/ folder, the claims file written from the page, the draft
reviewed where the page says so; each command must print the lines the page shows."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import main

ROOT = Path(__file__).parent.parent
PAGE = ROOT / "docs" / "story.md"


def _steps(text: str) -> list[tuple[str, str, list[str]]]:
    """("yaml", text, []) for the claims file, ("run", command, shown lines) for each command."""
    steps: list[tuple[str, str, list[str]]] = []
    for kind, block in re.findall(r"```(console|yaml)\n(.*?)```", text, flags=re.S):
        if kind == "yaml":
            steps.append(("yaml", block, []))
            continue
        lines = block.splitlines()
        for i, line in enumerate(lines):
            if line.startswith("$ mkdir "):
                steps.append(("mkdir", line[len("$ mkdir ") :], []))
            elif line.startswith("$ claimcheck "):
                shown = []
                for follow in lines[i + 1 :]:
                    if follow.startswith("$ "):
                        break
                    shown.append(follow)
                steps.append(("run", line[2:], shown))
    return steps


def test_the_page_has_the_whole_story() -> None:
    steps = _steps(PAGE.read_text(encoding="utf-8"))
    commands = [s[1].split()[1:3] for s in steps if s[0] == "run"]
    assert ["places", "import"] in commands and ["verify", "--claims"] in commands
    assert [s[0] for s in steps].count("yaml") == 1


def test_the_story_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tests").symlink_to(ROOT / "tests")
    claims = tmp_path / "story" / "claims.yaml"
    for kind, text, shown in _steps(PAGE.read_text(encoding="utf-8")):
        if kind == "mkdir":
            (tmp_path / text).mkdir()
            continue
        if kind == "yaml":
            claims.write_text(text, encoding="utf-8")
            continue
        if text.startswith("claimcheck verify"):  # the page's step 4: the draft reviewed
            claims.write_text(claims.read_text("utf-8").replace("    status: draft\n", ""), "utf-8")
        result = CliRunner().invoke(main, shlex.split(text)[1:], env={"NO_COLOR": "1"})
        assert result.exception is None or isinstance(result.exception, SystemExit), text
        actual = {line.rstrip() for line in result.output.splitlines()}
        missing = [s for s in shown if s.strip() and "…" not in s and s.rstrip() not in actual]
        assert not missing, f"{text}: the page shows lines it does not print: {missing}"
    assert "status: draft" not in claims.read_text(encoding="utf-8")
