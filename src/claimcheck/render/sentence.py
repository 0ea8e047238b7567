"""The verdict for one claim in a sentence, with the probability that decided it and the rule
(docs/rules.md, "The decision"): the report's heading line and ClaimReview's explanation."""

from __future__ import annotations

from claimcheck.analysis.checks import percent
from claimcheck.analysis.verdicts import Verdict
from claimcheck.claims.model import VerdictKind
from claimcheck.render.reasons import route_of
from claimcheck.render.words import side_words


def _pct(fraction: float) -> str:
    return f"{fraction * 100:g} %"


#: What a check of a claim with several is about, for the verdict's sentence.
_WHAT = {
    "distance": "its distance",
    "direction": "its direction",
    "near": "“near”",
    "inside": "“inside”",
    "outside": "“outside”",
    "part": "the part of the area it names",
    "radius": "its radius",
}


def verdict_sentence(verdict: Verdict) -> str:
    """The verdict for one claim in a sentence, with the probability that decided it; "" when
    no check decided it (a claim that could not be measured)."""
    check = verdict.deciding
    if check is None or check.chance is None:
        return ""
    chance = check.chance
    level, low = _pct(float(chance.confidence)), _pct(1 - float(chance.confidence))
    what = _WHAT.get(check.quantity, "it") if len(verdict.checks) > 1 else "it"
    kind = verdict.verdict
    if route_of(check):
        if kind is VerdictKind.CONSISTENT:
            return (
                "the data support the claim: the route it gives is possible and of a plausible "
                f"length with probability {percent(chance.strict)}, at least the {level} required"
            )
        if kind is VerdictKind.INCONSISTENT:
            return (
                "the data contradict the claim: the route it gives would be shorter than the "
                f"straight line (possible with probability {percent(chance.lenient)})"
            )
        return (
            "the data cannot settle the claim: the route it gives is possible with probability "
            f"{percent(chance.lenient)} and of a plausible length with probability "
            f"{percent(chance.strict)}"
        )
    if chance.two_readings:
        p = f"{percent(chance.strict)} read strictly and {percent(chance.lenient)} read leniently"
    else:
        p = percent(chance.lenient)
    if kind is VerdictKind.CONSISTENT:
        return (
            f"the data support the claim: {what} holds with probability {p}, at least the "
            f"{level} required"
        )
    one, _, loose = side_words(check)
    if kind is VerdictKind.INCONSISTENT:
        true = "distance" if check.quantity in ("distance", "near", "radius") else "value"
        side = f"; the true {true} is {one}, at least {level}" if one else f", at most {low}"
        return f"the data contradict the claim: {what} holds with probability {p}{side}"
    if chance.split:
        return (
            f"the data cannot settle the claim: {what} holds with probability {p}, but the "
            "places are known too loosely to tell whether its figure is too high or too low"
        )
    if chance.two_readings and (chance.lenient >= float(chance.confidence) or chance.strict_fails):
        return (
            f"the data cannot settle the claim: {what} holds with probability {p}, so how its "
            "figure is read decides"
        )
    coarse = ", and the places are known too loosely to test a figure this fine" if loose else ""
    return (
        f"the data cannot settle the claim: {what} holds with probability {p}, between {low} and "
        f"{level}{coarse}"
    )
