"""What a CI log should flag, as file:line findings, shared by the parsable/github/junit formats.

A verify report becomes one finding per claim that needs attention (an error at the `expect:`
line when the verdict changed, else at the claim's line), one notice per claim whose verdict is
not locked by an `expect:`, and the data's lint warnings. Claims whose verdict is as expected
produce nothing: a clean run prints no findings.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from claimcheck.analysis.contradictions import Contradiction
from claimcheck.analysis.verdicts import Verdict
from claimcheck.api import Dataset, VerifyReport
from claimcheck.errors import Problem
from claimcheck.frozen import frozen
from claimcheck.render import safe
from claimcheck.render.wording import count


@frozen
class Finding:
    """One message tied to a place in a file; line and column 0 mean unknown."""

    path: str
    line: int
    column: int
    #: "error", "warning" or "notice"
    level: str
    #: the claim or place id (or the field, when no id is known); may be empty
    label: str
    #: a one-line headline, e.g. "sana-shamiyah-45mi: inconsistent, expected unverifiable"
    title: str
    message: str

    def __post_init__(self) -> None:
        """Every text field one inert line (claimcheck.render.safe), whatever the data held."""
        for name in ("path", "label", "title", "message"):
            object.__setattr__(self, name, safe.clean(getattr(self, name)))


def key_line(verdict: Verdict, key: str) -> int:
    """Line of a claim's key, falling back to the claim's own line."""
    return dict(verdict.claim.key_lines).get(key, verdict.claim.line)


def claim_finding(report: VerifyReport, verdict: Verdict) -> Finding | None:
    """The finding for one claim, or None when its verdict is as expected and locked."""
    claim = verdict.claim
    kind = verdict.verdict.value

    def make(level: str, line: int, title: str, message: str) -> Finding:
        return Finding(claim.path, line, claim.column, level, claim.id, title, message)

    if not verdict.expected:
        assert claim.expect is not None  # only a claim with `expect:` can be unexpected
        expect = claim.expect.value
        return make(
            "error",
            key_line(verdict, "expect"),
            f"{claim.id}: {kind}, expected {expect}",
            f"verdict {kind}, but expect: {expect}: {verdict.reason}",
        )
    if report.needs_attention(verdict):
        return make(
            "error",
            claim.line,
            f"{claim.id}: {kind} (--fail-on)",
            f"verdict {kind} is listed in --fail-on: {verdict.reason}",
        )
    if claim.expect is None:
        return make(
            "notice",
            claim.line,
            f"{claim.id}: {kind}",
            f"verdict {kind} (no expect: locks it): {verdict.reason}",
        )
    return None


def problem_finding(problem: Problem) -> Finding:
    label = problem.item or problem.field
    message = problem.message
    if problem.item and problem.field:
        message = f"{problem.field}: {message}"
    return Finding(
        problem.path,
        problem.line,
        problem.column,
        problem.level.value,
        label,
        label or "claimcheck",
        message,
    )


def contradiction_findings(report: VerifyReport) -> Iterator[Finding]:
    """A warning at the later claim of each pair: informative, it never fails the run."""
    claims = {v.claim.id: v.claim for v in report.verdicts}
    for c in report.contradictions:
        first, second = sorted((claims[i] for i in c.claim_ids), key=lambda k: (k.path, k.line))
        verb = "may contradict" if c.conditional else "contradicts"
        yield Finding(
            second.path,
            second.line,
            second.column,
            "warning",
            second.id,
            f"{second.id} {verb} {first.id}",
            f"{verb} {first.id} (line {first.line}): {c.reason}",
        )


def location_findings(report: VerifyReport) -> Iterator[Finding]:
    """A warning when no point satisfies all the claims that locate an unknown place."""
    claims = {v.claim.id: v.claim for v in report.verdicts}
    for location in report.locations:
        if location.feasible is not False:
            continue
        ids = location.conflict or location.claim_ids
        last = max((claims[i] for i in ids), key=lambda k: (k.path, k.line))
        yield Finding(
            last.path,
            last.line,
            last.column,
            "warning",
            last.id,
            f"{location.place_id}: claims cannot all hold",
            f"no point satisfies {', '.join(ids)} together "
            f"(`claimcheck locate {location.place_id}` maps them)",
        )


def verify_findings(report: VerifyReport) -> list[Finding]:
    """Every finding of a verify run, in file and line order."""
    found = [f for f in (claim_finding(report, v) for v in report.verdicts) if f is not None]
    found.extend(contradiction_findings(report))
    found.extend(location_findings(report))
    found.extend(problem_finding(p) for p in report.dataset.warnings)
    return sorted(found, key=lambda f: (f.path, f.line, f.column))


def problem_findings(problems: Sequence[Problem]) -> Iterator[Finding]:
    return (problem_finding(p) for p in problems)


def verify_summary(report: VerifyReport) -> str:
    counts = ", ".join(f"{n} {k}" for k, n in report.counts.items() if n)
    attention = [v.claim.id for v in report.verdicts if report.needs_attention(v)]
    unlocked = sum(v.claim.expect is None for v in report.verdicts)
    if attention:
        tail = f"{len(attention)} need attention: " + ", ".join(attention)
    elif unlocked == len(report.verdicts):
        # "as expected" would claim a review that has not happened yet
        tail = "no claim has an expect: yet (--update-expect records these verdicts)"
    elif unlocked:
        tail = f"the rest as expected; {count(unlocked, 'claim')} without an expect:"
    else:
        tail = "all as expected"
    return safe.clean(
        f"{count(len(report.verdicts), 'claim')}{drafts_note(report.dataset)}: {counts}; "
        f"{contradictions_note(report)}{tail}"
    )


def contradiction_pairs(
    report: VerifyReport,
) -> dict[tuple[tuple[str, str], bool], list[Contradiction]]:
    """The contradictions by pair of claims (and whether conditional), in the order found: a
    pair that disagrees on a distance and a bearing is one contradiction with two reasons."""
    pairs: dict[tuple[tuple[str, str], bool], list[Contradiction]] = {}
    for c in report.contradictions:
        pairs.setdefault((c.claim_ids, c.conditional), []).append(c)
    return pairs


def contradictions_note(report: VerifyReport) -> str:
    """ "2 contradictions; ", "1 conditional contradiction; ": what was listed above the line
    (a summary that leaves them out reads as if there were none), by pair of claims."""
    found = list(contradiction_pairs(report))
    conditional = sum(conditional for _ids, conditional in found)
    direct = len(found) - conditional
    if direct and conditional:
        return f"{count(direct, 'contradiction')} and {conditional} conditional; "
    if direct:
        return f"{count(direct, 'contradiction')}; "
    return f"{count(conditional, 'conditional contradiction')}; " if conditional else ""


def drafts_note(dataset: Dataset) -> str:
    """ " (2 drafts not verified)" when the claims file has drafts."""
    n = len(dataset.drafts)
    return f" ({count(n, 'draft')} not verified)" if n else ""


def check_summary(dataset: Dataset) -> str:
    return safe.clean(
        f"{dataset.claims_path}: {count(len(dataset.claims), 'claim')}{drafts_note(dataset)}, "
        f"{dataset.places_path}: {count(len(dataset.gazetteer), 'place')}: valid"
    )
