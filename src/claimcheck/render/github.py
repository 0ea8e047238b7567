"""GitHub Actions workflow commands: each finding becomes an annotation on its file and line.

`::error file=…,line=…,col=…,title=…::message`, escaped exactly as @actions/core's
`escapeData` and `escapeProperty` do, so a quote with a comma, a colon or a newline cannot break
the command. Properties with no value (line 0, column 0) are left out, as the toolkit does.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from claimcheck.api import Dataset, VerifyReport
from claimcheck.errors import Level, Problem
from claimcheck.render.findings import (
    Finding,
    check_summary,
    problem_findings,
    verify_findings,
    verify_summary,
)
from claimcheck.render.wording import count


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, properties: Iterable[tuple[str, str | int]] = ()) -> str:
    """One workflow command; falsy property values are dropped like the toolkit drops them."""
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties if v)
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def annotation(finding: Finding) -> str:
    properties = (
        ("file", finding.path),
        ("line", finding.line),
        ("col", finding.column),
        ("title", finding.title),
    )
    return command(finding.level, finding.message, properties)


def _lines(findings: Iterable[Finding], summary: str) -> str:
    """Annotations first, then the run's summary as a notice for the job's summary page."""
    summary_line = command("notice", summary, [("title", "claimcheck")])
    return "\n".join([*(annotation(f) for f in findings), summary_line])


def render_verify(report: VerifyReport, color: bool = False) -> str:
    return _lines(verify_findings(report), verify_summary(report))


def render_problems(
    problems: Sequence[Problem], color: bool = False, outcome: str = "nothing was verified"
) -> str:
    errors = sum(p.level is Level.ERROR for p in problems)
    summary = f"{count(errors, 'error')}: {outcome}; fix the input and run again"
    return _lines(problem_findings(problems), summary)


def render_check(dataset: Dataset, color: bool = False) -> str:
    return _lines(problem_findings(dataset.warnings), check_summary(dataset))
