"""JUnit XML for CI test reports: one testcase per claim, failures for verdicts needing attention.

Invalid data gives one testcase per problem, each with an <error>. The XML is built with
ElementTree (so it is always well formed) after removing the control characters XML 1.0 forbids.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from claimcheck.api import Dataset, VerifyReport
from claimcheck.errors import Level, Problem
from claimcheck.render import safe
from claimcheck.render.findings import (
    check_summary,
    claim_finding,
    contradiction_findings,
    location_findings,
    problem_finding,
    verify_summary,
)

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    """Lines of inert text (claimcheck.render.safe) that XML 1.0 can hold."""
    return _NOT_XML.sub("\ufffd", safe.lines(text))


def _attr(text: str) -> str:
    """One inert line for an attribute."""
    return _NOT_XML.sub("\ufffd", safe.clean(text))


def _element(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    child = ET.SubElement(parent, tag, {k: _attr(v) for k, v in attrs.items()})
    if text is not None:
        child.text = _clean(text)
    return child


def _document(name: str, cases: list[ET.Element], log: Sequence[str]) -> str:
    root = ET.Element("testsuites")
    failures = sum(c.find("failure") is not None for c in cases)
    errors = sum(c.find("error") is not None for c in cases)
    counts = {"tests": str(len(cases)), "failures": str(failures), "errors": str(errors)}
    suite = _element(root, "testsuite", name=name, skipped="0", **counts)
    root.attrib.update(counts)
    suite.extend(cases)
    if log:
        _element(suite, "system-out", "\n".join(log))
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode")


def _case(name: str, path: str, line: int) -> ET.Element:
    case = ET.Element("testcase")
    for key, value in (("name", name), ("classname", path), ("file", path)):
        case.set(key, _attr(value))
    if line:
        case.set("line", str(line))
    return case


def render_verify(report: VerifyReport, color: bool = False) -> str:
    cases = []
    for verdict in report.verdicts:
        claim = verdict.claim
        case = _case(claim.id, claim.path, claim.line)
        finding = claim_finding(report, verdict)
        if finding is not None and finding.level == "error":
            _element(
                case,
                "failure",
                f"{finding.path}:{finding.line}: {finding.message}",
                message=finding.title,
                type=verdict.verdict.value,
            )
        else:
            _element(case, "system-out", safe.clean(f"{verdict.verdict.value}: {verdict.reason}"))
        cases.append(case)
    informative = [*contradiction_findings(report), *location_findings(report)]
    log = [
        verify_summary(report),
        *(f"{f.path}:{f.line}: {f.message}" for f in informative),
        *(safe.clean(p) for p in report.dataset.warnings),
    ]
    return _document("claimcheck verify", cases, log)


def render_problems(
    problems: Sequence[Problem], color: bool = False, outcome: str = "nothing was verified"
) -> str:
    cases = []
    for problem in problems:
        finding = problem_finding(problem)
        case = _case(finding.label or problem.path, problem.path, problem.line)
        tag = "error" if problem.level is Level.ERROR else "system-out"
        attrs = {"message": problem.message, "type": "invalid-data"} if tag == "error" else {}
        _element(case, tag, safe.clean(problem), **attrs)
        cases.append(case)
    return _document("claimcheck", cases, [f"{outcome}; fix the input and run again"])


def render_check(dataset: Dataset, color: bool = False) -> str:
    cases = [_case(c.id, c.path, c.line) for c in dataset.claims]
    log = [check_summary(dataset), *(safe.clean(p) for p in dataset.warnings)]
    return _document("claimcheck check", cases, log)
