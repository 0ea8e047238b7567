"""Words for readers: figures with their units, claims restated, and each check explained without
ids or command lines (places by name come from render.naming).

The report, ClaimReview and the maps all speak through this module, so what a reader sees about
a place or a check is worded once. Nothing here is escaped: each format escapes for itself.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from claimcheck.analysis.checks import LengthCheck, percent
from claimcheck.analysis.verdicts import AngleCheck, Check, PartCheck, Verdict
from claimcheck.claims.meaning import (
    DirectionAssertion,
    DistanceAssertion,
    InsideAssertion,
    NearAssertion,
    ZoneRadiusAssertion,
    depth_of,
    stated_figure,
)
from claimcheck.claims.model import Claim, VerdictKind
from claimcheck.gazetteer.places import Place, PlaceKind
from claimcheck.grammar.directions import COMPASS_16
from claimcheck.grammar.interval import Interval, written_end
from claimcheck.grammar.relations import Requirement
from claimcheck.grammar.units import Unit
from claimcheck.render.naming import definite, named

#: The verdict as a reader's word, and what it means, for headings and legends.
VERDICT_LABEL: dict[VerdictKind, str] = {
    VerdictKind.CONSISTENT: "Consistent",
    VerdictKind.INCONSISTENT: "Inconsistent",
    VerdictKind.INCONCLUSIVE: "Inconclusive",
    VerdictKind.UNVERIFIABLE: "Unverifiable",
}
VERDICT_MEANING: dict[VerdictKind, str] = {
    VerdictKind.CONSISTENT: "the claim holds with probability at least the confidence (95 %)",
    VerdictKind.INCONSISTENT: (
        "the claim fails with probability at least the confidence (95 %), on one side of its figure"
    ),
    VerdictKind.INCONCLUSIVE: (
        "neither: the data do not place the truth inside the claim, nor on one side of it, "
        "with that confidence, or how its figure is read decides"
    ),
    VerdictKind.UNVERIFIABLE: "the claim cannot be measured as written",
}

_COMPASS_WORDS = dict(
    zip(
        COMPASS_16,
        (
            "north", "north-north-east", "north-east", "east-north-east",
            "east", "east-south-east", "south-east", "south-south-east",
            "south", "south-south-west", "south-west", "west-south-west",
            "west", "west-north-west", "north-west", "north-north-west",
        ),
        strict=True,
    )
)  # fmt: skip


def compass_words(symbol: str) -> str:
    """ "WNW" -> "west-north-west"."""
    return _COMPASS_WORDS.get(symbol, symbol)


def length(metres: float, unit: Unit, exact: bool = False) -> str:
    """ "30.8 km"; miles also in km: "140.0 mi (225.4 km)". `exact`: a declared value."""
    value = metres / unit.metres
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if exact else f"{value:,.1f}"
    out = f"{text} {unit.value}"
    if unit is not Unit.KM and unit is not Unit.M:
        out += f" ({metres / 1000:,.1f} km)"
    return out


def span(low_m: float, high_m: float, unit: Unit) -> str:
    """ "22.8–38.8 km": a range with its unit."""
    u = unit.metres
    return f"{low_m / u:,.1f}–{high_m / u:,.1f} {unit.value}"


def uncertainty(place: Place) -> str:
    """ "±8 km", "±100 m"; for a zone, how sure its edge is."""
    if place.kind is PlaceKind.UNKNOWN:
        return "position unknown"
    metres = place.uncertainty_m
    text = f"±{metres:,.0f} m" if metres < 1000 else f"±{metres / 1000:,.3g} km"
    return f"edge {text}" if place.kind is PlaceKind.ZONE else text


def interval_words(interval: Interval, unit: Unit) -> str:
    """What an acceptable interval asks for, with its unit: "more than 45 mi"."""
    u = unit.metres

    def fig(m: float) -> str:
        return f"{round(m / u, 3):,.3f}".rstrip("0").rstrip(".") + f" {unit.value}"

    if math.isinf(interval.high):
        return f"{'more than' if interval.low_open else 'at least'} {fig(interval.low)}"
    if interval.low <= 0.0 and not interval.low_open:
        return f"{'less than' if interval.high_open else 'at most'} {fig(interval.high)}"
    low, high = ends(interval.low, interval.high, unit)
    return f"between {low} {unit.value} and {high} {unit.value}"


def ends(low_m: float, high_m: float, unit: Unit) -> tuple[str, str]:
    """A two-sided range's ends in `unit`, to the precision of its half-width
    (claimcheck.grammar.interval.written_end): as verdicts' reasons write them."""
    half = (high_m - low_m) / 2 / unit.metres
    return written_end(low_m / unit.metres, half), written_end(high_m / unit.metres, half)


def from_to(low_m: float, high_m: float, unit: Unit) -> str:
    """A two-sided range as a reader says it: "7.5 to 12.5 km"."""
    low, high = ends(low_m, high_m, unit)
    return f"{low} to {high} {unit.value}"


def span_words(interval: Interval, unit: Unit) -> str:
    """A range as a reader says it: "7.5 to 12.5 km"; "less than 7 km" when open-ended."""
    if math.isinf(interval.high) or (interval.low <= 0.0 and not interval.low_open):
        return interval_words(interval, unit)
    return from_to(interval.low, interval.high, unit)


def requirement_words(requirement: Requirement) -> str:
    """The figure as the claim states it, without the tolerance: "about 24 km", "34 mi" (a bare
    figure reads as "exactly" with its rounding; the range it allows is given elsewhere), with
    the claim's own hedge ("roughly 55 km", read as "about"; "just over 100 km" has its own
    side); a vague quantity as its word ("a few km": its range is claimcheck's, given elsewhere)."""
    text = re.sub(r"^exactly ", "", re.sub(r" \([±+−][^)]*\)$", "", str(requirement)))
    if requirement.vague is not None:  # "a few km", not claimcheck's "(between 2 and 5 km)"
        text = re.sub(r" \(between [^)]*\)$", "", text)
    if requirement.hedge:
        text = re.sub(r"^about ", requirement.hedge + " ", text)
    return text


def hedged_figure(claim: Claim) -> str | None:
    """The claim's figure as it words it where its hedge is not "about" ("some 20 km"), for
    sentences built from a check's text, which says "about" for every hedge; else None."""
    a = claim.assertion
    requirement = stated_figure(a)
    if requirement is None or not requirement.hedge:
        return None
    return requirement_words(requirement)


def figure(claimed: str) -> str:
    """The figure as the claim words it: "about 20 mi (±5 mi) by river" -> "about 20 mi",
    "several km (between 3 and 9 km)" -> "several km", "exactly 34 mi" -> "34 mi"."""
    text = re.sub(r" by (road|river|rail)$| inside \(signed distance [^)]*\)$", "", claimed)
    return re.sub(r"^exactly ", "", re.sub(r" \(([±+−]|between )[^)]*\)", "", text))


def _name(
    role: str, places: Mapping[str, str], refs: Mapping[str, str], labels: Mapping[str, str]
) -> str:
    pid = places.get(role)
    return definite(labels.get(pid, pid)) if pid else f"“{refs[role]}”"


#: How a claim says its route: "45 km by road from", "about 20 mi along the river from".
_ALONG = {"road": "by road", "river": "along the river", "rail": "by rail"}


def statement(claim: Claim, places: Mapping[str, str], labels: Mapping[str, str]) -> str:
    """The claim restated with the places it names: "the al-Tanf garrison is about 24 km west of
    the al-Walid border crossing". `places`: role -> place id where the claim names one place."""
    a = claim.assertion
    refs = dict(zip(a.roles, (r.text for r in a.place_refs()), strict=True))

    def name(role: str) -> str:
        return _name(role, places, refs, labels)

    if isinstance(a, ZoneRadiusAssertion):
        return f"{name('zone')} has a radius of {requirement_words(a.requirement)}"
    subject = name("subject")
    if "," in subject:  # an appositive ("the site …, as the first reports put it,") closes
        subject += ","
    if isinstance(a, DistanceAssertion):
        figure_words = requirement_words(a.requirement)
        if a.along is not None:
            figure_words += " " + _ALONG[a.along.value]
        direction = f" {compass_words(a.direction.name)} of" if a.direction else " from"
        return f"{subject} is {figure_words}{direction} {name('reference')}"
    if isinstance(a, DirectionAssertion):
        return f"{subject} is {compass_words(a.direction.name)} of {name('reference')}"
    if isinstance(a, InsideAssertion):
        depth = f"{requirement_words(a.depth)} " if a.depth else ""
        if a.part is not None and a.inside:
            return f"{subject} is {depth}in {part_adjective(a.part.name)} {name('area')}"
        return f"{subject} is {depth}{'inside' if a.inside else 'outside'} {name('area')}"
    assert isinstance(a, NearAssertion)
    figure_words = f" ({requirement_words(a.threshold)})" if a.threshold else ""
    return f"{subject} is near {name('reference')}{figure_words}"


def units_spelled(text: str) -> str:
    """Miles and nautical miles written out, as the reports word them and a reader expects in a
    sentence ("51 nautical miles", "1 mile"); the tables keep the symbols (mi, nmi)."""
    text = re.sub(r"\b1 mi\b", "1 mile", text)
    text = re.sub(r"(\d) nmi\b", r"\1 nautical miles", text)
    return re.sub(r"(\d) mi\b", r"\1 miles", text)


def part_adjective(symbol: str) -> str:
    """A compass part as an adjective: "NE" -> "north-eastern", "N" -> "northern"."""
    words = compass_words(symbol)
    return words + "ern" if words.split("-")[-1] in ("north", "south", "east", "west") else words


def agreed_places(verdict: Verdict) -> dict[str, str]:
    """Role -> place id for the roles every reading agrees on (all roles if not ambiguous)."""
    if not verdict.candidates:
        return dict(verdict.places)
    readings = [dict(c.places) for c in verdict.candidates]
    first = readings[0]
    return {r: pid for r, pid in first.items() if all(x.get(r) == pid for x in readings)}


def probability_words(check: Check) -> str:
    """ "97 %", or "2.0 % read strictly, 99 % leniently" for a figure with two readings."""
    chance = check.chance
    if chance is None:
        return ""
    if not chance.two_readings:
        return percent(chance.lenient)
    return f"{percent(chance.strict)} read strictly, {percent(chance.lenient)} leniently"


def side_words(check: Check) -> tuple[str, str, str]:
    """For a two-sided figure (docs/rules.md, "The decision"): the side it is most likely
    outside on ("above 25.2 km with probability 95.1 %"), both sides, and the sentence that
    says the places are known too loosely to test it ("" where they can); all "" for a bound,
    a direction or a part."""
    ends = check.ends if isinstance(check, LengthCheck) else None
    chance = check.chance
    if ends is None or chance is None or chance.sides is None:
        return "", "", ""
    side, p = chance.sides.worse()
    one = f"{side} {ends.low if side == 'below' else ends.high} with probability {percent(p)}"
    both = (
        f"below {ends.low} with probability {percent(chance.sides.below)} and above "
        f"{ends.high} with {percent(chance.sides.above)}"
    )
    loose = f" {ends.resolution[0].upper()}{ends.resolution[1:]}." if ends.resolution else ""
    return one, both, loose


def measured_words(check: Check) -> str:
    """The measurement with its range and units: "30.8 km, worst case 22.8–38.8 km"."""
    if isinstance(check, PartCheck):
        return f"in the {part_adjective(check.found) if check.found else 'middle'} part"
    m = check.measured
    if isinstance(check, AngleCheck):
        bearing = m.best % 360
        words = f"bearing {bearing:.1f}° ({compass_words(_compass(bearing))})"
        if check.side:
            return f"{words} from the line's nearest point"
        return f"{words}, ±{m.half_width:.1f}° at worst" if m.half_width else words
    if check.quantity in ("inside", "outside") and check.nearest is not None:  # signed
        best = _signed(m.best, check.unit)
        if m.low == m.high:
            return f"{best} the edge"
        return f"{best} the edge, worst case {_signed(m.low, check.unit)} to " + _signed(
            m.high, check.unit
        )
    if m.low == m.high:
        return length(m.best, check.unit, exact=True)
    return f"{length(m.best, check.unit)}, worst case {span(m.low, m.high, check.unit)}"


def _signed(metres: float, unit: Unit) -> str:
    """A signed distance to an area's edge: "1.9 km inside", "0.1 km outside"."""
    side = "inside" if metres <= 0 else "outside"
    return f"{abs(metres) / unit.metres:,.1f} {unit.value} {side}"


def _compass(azimuth: float) -> str:
    return COMPASS_16[round(azimuth / 22.5) % 16]


def margin_words(check: Check) -> str:
    """How far the best estimate is from the claim's nearest limit, and on which side."""
    if isinstance(check, PartCheck):
        return ""
    side = "inside" if check.margin >= 0 else "outside"
    if isinstance(check, AngleCheck):
        what = "that side's 180°" if check.side else "the compass sector"
        return f"{abs(check.margin):.1f}° {side} {what}"
    if math.isinf(check.margin):
        return "no limit to be near"
    if check.quantity in ("inside", "outside") and check.nearest is not None and not depth(check):
        return f"{abs(check.margin) / check.unit.metres:,.1f} {check.unit.value} from the edge"
    return (
        f"{abs(check.margin) / check.unit.metres:,.1f} {check.unit.value} {side} the claimed range"
    )


def claimed_words(check: Check) -> str:
    """What the claim asks of the measured quantity, with its unit."""
    if isinstance(check, PartCheck):
        found = re.search(r"in the (\w+) part", check.claimed)
        part = part_adjective(found.group(1)) if found else check.claimed
        if check.limits:  # a polygon's part: its parallels and meridians (the rule is in Why)
            return f"the {part} part: {degree_limits(check.limits)}"
        sector = re.sub(r" seen from \S+$", " seen from its centre", check.bounds.split(": ")[0])
        return f"the {part} part: {sector}"
    if isinstance(check, AngleCheck):
        name = compass_words(check.claimed.split(" (")[0])
        if check.side:
            centre = (check.acceptable.low + check.acceptable.high) / 2
            low, high = (centre - 90) % 360, (centre + 90) % 360 or 360
            return f"the {name} side: bearings {low:g}°–{high:g}° from the nearest point"
        low, high = check.acceptable.low % 360, check.acceptable.high % 360
        if check.strict is not None:
            strict_low, strict_high = check.strict.low % 360, check.strict.high % 360
            return f"{name}: bearings {strict_low:g}°–{strict_high:g}° (or {low:g}°–{high:g}°)"
        return f"{name}: bearings {low:g}°–{high:g}°"
    deep = depth(check)
    if deep is not None:
        return f"{interval_words(deep, check.unit)} inside"
    if check.quantity in ("inside", "outside") and check.nearest is not None:
        return f"{check.quantity} the area"
    return interval_words(check.acceptable, check.unit)


def depth(check: Check) -> Interval | None:
    """An inside check's stated depth ("30 km inside": 25 to 35 km), positive; None for a
    plain inside or outside, or any other check."""
    if check.quantity != "inside" or isinstance(check, AngleCheck | PartCheck):
        return None
    if check.nearest is None:  # a zone: its checks measure from the centre, not the edge
        return None
    return depth_of(check.acceptable)


#: a command line the engine suggests ("`claimcheck locate ID`"), with the words after it
_HINT = re.compile(r":? ?`claimcheck [^`]*`[^;.]*")


def readable(text: str, labels: Mapping[str, str]) -> str:
    """Engine wording for the published reports: ids replaced by names (claim ids by "claim N"
    when `labels` has them), command lines dropped."""
    return named(_HINT.sub("", text), labels)


def degree_limits(limits: str) -> str:
    """ "north of 31.98° and east of 37.84°" -> "north of 31.98° N and east of 37.84° E"."""

    def mark(m: re.Match[str]) -> str:
        value = float(m.group(2))
        hemisphere = (
            ("N" if value >= 0 else "S")
            if m.group(1) in ("north", "south")
            else ("E" if value >= 0 else "W")
        )
        return f"{m.group(1)} of {abs(value):g}° {hemisphere}"

    return re.sub(r"(north|south|east|west) of (-?[\d.]+)°", mark, limits)
