"""The README's console examples are real: each shown output line is what the command prints.

Blocks that depend on files made by an earlier step (/tmp/...), or pipe into another program,
are skipped; elided output is marked "…" in the README and not compared.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import main

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _examples() -> list[tuple[str, list[str]]]:
    """(command line, shown output lines) for every `$ claimcheck …` in a console block."""
    examples = []
    for block in re.findall(r"```console\n(.*?)```", README, flags=re.S):
        lines = block.splitlines()
        for i, line in enumerate(lines):
            if not line.startswith("$ claimcheck "):
                continue
            output = []
            for follow in lines[i + 1 :]:
                if follow.startswith("$ "):
                    break
                output.append(follow)
            examples.append((line[2:], output))
    return examples


def _runnable(command: str) -> bool:
    return not any(
        token in command
        for token in ("/tmp/", "|", "\\", " -o ", "#", "claims.yaml --places places.yaml")
    )


EXAMPLES = [(cmd, out) for cmd, out in _examples() if _runnable(cmd)]


def test_the_readme_has_examples_to_check() -> None:
    assert len(EXAMPLES) >= 8


@pytest.mark.parametrize(("command", "shown"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_example_output_is_real(
    command: str, shown: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    args = shlex.split(command)[1:]
    result = CliRunner().invoke(main, args, env={"NO_COLOR": "1"})
    assert "Traceback" not in result.output
    actual = {line.rstrip() for line in result.output.splitlines()}
    missing = [
        line for line in shown if line.strip() and "…" not in line and line.rstrip() not in actual
    ]
    assert not missing, f"{command}: README shows lines the command does not print: {missing}"
