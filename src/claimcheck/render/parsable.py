"""One finding per line, `file:line:col: [level] id: message`, as yamllint's parsable format.

Editors and CI problem matchers read this directly. A clean run prints nothing; colour is never
used, so the lines stay machine-readable.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from claimcheck.api import Dataset, VerifyReport
from claimcheck.errors import Problem
from claimcheck.render import safe
from claimcheck.render.findings import (
    Finding,
    problem_findings,
    verify_findings,
)


def line(finding: Finding) -> str:
    label = f"{finding.label}: " if finding.label else ""
    where = f"{finding.path}:{finding.line}:{finding.column}"
    return f"{where}: [{finding.level}] {label}{finding.message}"


def _lines(findings: Iterable[Finding]) -> str:
    return safe.guard("\n".join(line(f) for f in findings))


def render_verify(report: VerifyReport, color: bool = False) -> str:
    return _lines(verify_findings(report))


def render_problems(
    problems: Sequence[Problem], color: bool = False, outcome: str = "nothing was verified"
) -> str:
    return _lines(problem_findings(problems))


def render_check(dataset: Dataset, color: bool = False) -> str:
    return _lines(problem_findings(dataset.warnings))
