"""The facts every published format shows for a claim, as plain strings, computed once.

Markdown, HTML, ClaimReview and the map popups all say the same thing about a claim; building
the wording here keeps them from drifting apart. Nothing here is escaped: each format escapes
for itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimcheck.analysis.verdicts import SEVERITY, Check, Verdict
from claimcheck.api import VerifyReport
from claimcheck.claims.model import VerdictKind
from claimcheck.claims.policy import Policy
from claimcheck.gazetteer.places import Source
from claimcheck.render.text import margin_text, measured_text, probability_text

#: The verdict in words, for readers (ClaimReview's `alternateName`, report headings).
VERDICT_WORDS: dict[VerdictKind, str] = {
    VerdictKind.CONSISTENT: "Consistent with the geodesic measurement",
    VerdictKind.INCONSISTENT: "Inconsistent with the geodesic measurement",
    VerdictKind.INCONCLUSIVE: "Inconclusive: neither likely enough nor unlikely enough to decide",
    VerdictKind.UNVERIFIABLE: "Unverifiable: a place is unknown, unlocated or ambiguous",
}

#: Numeric rating, best = 4: the engine's own severity order (the `worst` rule), so a claim's
#: rating is the rating of its worst check. inconsistent 1, unverifiable 2, inconclusive 3,
#: consistent 4.
WORST_RATING, BEST_RATING = 1, len(SEVERITY)
RATING: dict[VerdictKind, int] = {kind: i + 1 for i, kind in enumerate(SEVERITY)}


@dataclass(frozen=True)
class CheckRow:
    """One measured quantity against the claimed figure, worded."""

    quantity: str
    verdict: VerdictKind
    measured: str
    claimed: str
    margin: str
    #: P(the claim holds), as `verify` words it
    probability: str = ""


@dataclass(frozen=True)
class Reading:
    """One candidate reading of an ambiguous claim."""

    places: str
    verdict: VerdictKind
    checks: tuple[CheckRow, ...]
    reason: str


@dataclass(frozen=True)
class ClaimSummary:
    """What a reader needs to know about one claim's verdict."""

    id: str
    quote: str
    claimant: str
    source: Source
    verdict: VerdictKind
    expect: VerdictKind | None
    expected: bool
    checks: tuple[CheckRow, ...]
    reason: str
    readings: tuple[Reading, ...]
    contradictions: tuple[str, ...]

    @property
    def verdict_words(self) -> str:
        return VERDICT_WORDS[self.verdict]


def check_row(check: Check) -> CheckRow:
    """A check worded as `claimcheck verify` words it."""
    return CheckRow(
        check.quantity,
        check.verdict,
        measured_text(check),
        check.claimed,
        margin_text(check),
        probability_text(check),
    )


def _rows(verdict: Verdict) -> tuple[CheckRow, ...]:
    return tuple(check_row(c) for c in verdict.checks)


def contradictions_by_claim(report: VerifyReport) -> dict[str, tuple[str, ...]]:
    """The engine's contradictions in words, under each of the two claims they involve."""
    found: dict[str, list[str]] = {}
    for c in report.contradictions:
        other = {a: b for a, b in (c.claim_ids, c.claim_ids[::-1])}
        for claim_id in c.claim_ids:
            kind = "conditional contradiction" if c.conditional else "contradiction"
            found.setdefault(claim_id, []).append(f"{kind} with {other[claim_id]}: {c.reason}")
    return {k: tuple(v) for k, v in found.items()}


def summarize(report: VerifyReport) -> list[ClaimSummary]:
    """One summary per claim, in the order of the claims file."""
    contradictions = contradictions_by_claim(report)
    out = []
    for v in report.verdicts:
        claim = v.claim
        readings = tuple(
            Reading(
                ", ".join(f"{role} {pid}" for role, pid in c.places), c.verdict, _rows(c), c.reason
            )
            for c in v.candidates
        )
        out.append(
            ClaimSummary(
                id=claim.id,
                quote=claim.quote,
                claimant=claim.claimant,
                source=claim.source,
                verdict=v.verdict,
                expect=claim.expect,
                expected=v.expected,
                checks=_rows(v),
                reason=v.reason,
                readings=readings,
                contradictions=contradictions.get(claim.id, ()),
            )
        )
    return out


#: The methods section, as (heading, paragraph) pairs; the formats lay it out.
METHODS: tuple[tuple[str, str], ...] = (
    (
        "Geodesy",
        "Distances are geodesics on the WGS84 ellipsoid, computed with pyproj's Geod "
        "(Karney's algorithm, GeographicLib): never haversine, never planar degrees.",
    ),
    (
        "Figures",
        "A figure is read as people round (Krifka 2009; Lasersohn 1999; Solt 2014; Williams & "
        "Power 2013): to the step of its last significant digit, and, when it is round or "
        'hedged ("about"), also to the coarsest scale step it is two or more of (1, 5, 10, '
        '50, …), never more than 25 % of the figure either way; "about" allows at least 5 % '
        "of the figure. Where the two readings disagree, the reading decides and the verdict "
        'is inconclusive. Limits ("more than 45 miles") are read exactly.',
    ),
    (
        "Uncertainty",
        "Each place has an uncertainty radius r: its true position is taken as uniformly "
        "distributed on the disc of radius r (the maximum-entropy choice of GUM Supplement 1, "
        "JCGM 101:2008, 6.4.2, for a quantity known only by its bounds). The probability that a "
        "claim holds is propagated exactly, by quadrature, and checked against Monte Carlo. A "
        "claim is consistent when it holds with probability at least 95 %, inconsistent when at "
        "most 5 %, and inconclusive in between (a decision rule in the spirit of ILAC-G8:09/2019 "
        "and ISO 14253-1); it is unverifiable when a place is unknown, has no coordinates, or a "
        "name fits several places. The best estimate (at the stated positions) and the worst "
        "case (every error at its bound at once) are shown as information.",
    ),
    (
        "Data sources",
        "Every coordinate in the gazetteer cites its source. Borders: Natural Earth 1:10m "
        "admin-0 boundary lines (public domain). Localities: GeoNames (CC BY 4.0). Place "
        "coordinates from Wikipedia articles (CC BY-SA 4.0).",
    ),
)


def methods(policy: Policy) -> tuple[tuple[str, str], ...]:
    """The methods section, with the claims file's own policy when it sets one."""
    if not policy.origin:
        return METHODS
    own = (
        "Policy",
        f"The claims file sets its own policy ({policy.origin}): {policy.describe()}. Each "
        "verdict it changes says so.",
    )
    return (*METHODS, own)
