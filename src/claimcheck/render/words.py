"""Words for readers: places by name (namesakes told apart), figures with their units, claims
restated, and each check explained without ids or command lines.

The report, ClaimReview and the maps all speak through this module, so what a reader sees about
a place or a check is worded once. Nothing here is escaped: each format escapes for itself.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping

from claimcheck.analysis.checks import percent
from claimcheck.analysis.verdicts import AngleCheck, Check, PartCheck, Verdict
from claimcheck.claims.meaning import (
    DirectionAssertion,
    DistanceAssertion,
    InsideAssertion,
    NearAssertion,
    ZoneRadiusAssertion,
)
from claimcheck.claims.model import Claim, VerdictKind
from claimcheck.gazetteer.places import Gazetteer, Place, PlaceKind
from claimcheck.gazetteer.world import WORLD_PATH
from claimcheck.grammar.directions import COMPASS_16
from claimcheck.grammar.relations import Interval, Requirement
from claimcheck.grammar.units import Unit
from claimcheck.render.basemap import country_name

#: The verdict as a reader's word, and what it means, for headings and legends.
VERDICT_LABEL: dict[VerdictKind, str] = {
    VerdictKind.CONSISTENT: "Consistent",
    VerdictKind.INCONSISTENT: "Inconsistent",
    VerdictKind.INCONCLUSIVE: "Inconclusive",
    VerdictKind.UNVERIFIABLE: "Unverifiable",
}
VERDICT_MEANING: dict[VerdictKind, str] = {
    VerdictKind.CONSISTENT: "the claim holds with probability at least the confidence (95 %)",
    VerdictKind.INCONSISTENT: "the claim holds with probability at most 5 %",
    VerdictKind.INCONCLUSIVE: (
        "the claim holds with a probability in between, or the figure's rounding decides"
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


def place_labels(gazetteer: Gazetteer) -> dict[str, str]:
    """Each place's name, for the file's places and those found outside it (built-in world
    features, imports); places that share a name get their admin area (and their country,
    where it differs from most of their namesakes'): "Ash Shāmīyah (Homs)"; a built-in
    feature, "(built in)": "Iraq–Syria border (built in)"."""
    groups: dict[str, list[Place]] = {}
    for place in (*gazetteer, *gazetteer.looked_up()):
        groups.setdefault(place.name.casefold(), []).append(place)
    labels = {}
    for places in groups.values():
        if len(places) == 1:
            labels[places[0].id] = places[0].name
            continue
        usual = Counter(p.country for p in places).most_common(1)[0][0]
        for p in places:
            parts = [p.admin] if p.admin else []
            if p.country and p.country != usual:
                parts.append(country_name(p.country) or p.country)
            if p.path == WORLD_PATH:
                parts.append("built in")
            labels[p.id] = f"{p.name} ({', '.join(parts)})" if parts else p.name
        counts = Counter(labels[p.id] for p in places)
        for p in places:  # still alike: the id is the only thing that tells them apart
            if counts[labels[p.id]] > 1:
                labels[p.id] = f"{labels[p.id]} [{p.id}]"
    return labels


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
        return f"{m / u:,.4g} {unit.value}"

    if math.isinf(interval.high):
        return f"{'more than' if interval.low_open else 'at least'} {fig(interval.low)}"
    if interval.low <= 0.0 and not interval.low_open:
        return f"{'less than' if interval.high_open else 'at most'} {fig(interval.high)}"
    return f"between {fig(interval.low)} and {fig(interval.high)}"


def requirement_words(requirement: Requirement) -> str:
    """The figure as the claim states it, without the tolerance: "about 24 km", "34 mi" (a bare
    figure reads as "exactly" with its rounding; the range it allows is given elsewhere)."""
    return re.sub(r"^exactly ", "", re.sub(r" \(±[^)]*\)$", "", str(requirement)))


def _name(
    role: str, places: Mapping[str, str], refs: Mapping[str, str], labels: dict[str, str]
) -> str:
    pid = places.get(role)
    return labels.get(pid, pid) if pid else f"“{refs[role]}”"


def statement(claim: Claim, places: Mapping[str, str], labels: dict[str, str]) -> str:
    """The claim restated with the places it names: "al-Tanf garrison is about 24 km west of
    al-Walid border crossing". `places`: role -> place id where the claim names one place."""
    a = claim.assertion
    refs = dict(zip(a.roles, (r.text for r in a.place_refs()), strict=True))

    def name(role: str) -> str:
        return _name(role, places, refs, labels)

    if isinstance(a, ZoneRadiusAssertion):
        return f"{name('zone')} has a radius of {requirement_words(a.requirement)}"
    subject = name("subject")
    if isinstance(a, DistanceAssertion):
        direction = f" {compass_words(a.direction.name)} of" if a.direction else " from"
        return f"{subject} is {requirement_words(a.requirement)}{direction} {name('reference')}"
    if isinstance(a, DirectionAssertion):
        return f"{subject} is {compass_words(a.direction.name)} of {name('reference')}"
    if isinstance(a, InsideAssertion):
        return f"{subject} is {'inside' if a.inside else 'outside'} {name('area')}"
    assert isinstance(a, NearAssertion)
    figure = f" ({requirement_words(a.threshold)})" if a.threshold else ""
    return f"{subject} is near {name('reference')}{figure}"


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


def measured_words(check: Check) -> str:
    """The measurement with its range and units: "30.8 km (22.8–38.8 km)"."""
    if isinstance(check, PartCheck):
        return f"in the {check.found or 'middle'} part"
    m = check.measured
    if isinstance(check, AngleCheck):
        bearing = m.best % 360
        words = f"bearing {bearing:.1f}° ({compass_words(_compass(bearing))})"
        return f"{words}, ±{m.half_width:.1f}° at worst" if m.half_width else words
    if m.low == m.high:
        return length(m.best, check.unit, exact=True)
    return f"{length(m.best, check.unit)}, worst case {span(m.low, m.high, check.unit)}"


def _compass(azimuth: float) -> str:
    return COMPASS_16[round(azimuth / 22.5) % 16]


def margin_words(check: Check) -> str:
    """How far the best estimate is from the claim's nearest limit, and on which side."""
    if isinstance(check, PartCheck):
        return ""
    if isinstance(check, AngleCheck):
        side = "inside" if check.margin >= 0 else "outside"
        return f"{abs(check.margin):.1f}° {side} the compass sector"
    if math.isinf(check.margin):
        return "no limit to be near"
    side = "inside" if check.margin >= 0 else "outside"
    return (
        f"{abs(check.margin) / check.unit.metres:,.1f} {check.unit.value} {side} the claimed range"
    )


def claimed_words(check: Check) -> str:
    """What the claim asks of the measured quantity, with its unit."""
    if isinstance(check, PartCheck):
        return f"{check.claimed}: {check.bounds}"
    if isinstance(check, AngleCheck):
        low, high = check.acceptable.low % 360, check.acceptable.high % 360
        return f"{compass_words(check.claimed.split(' (')[0])}: bearings {low:g}°–{high:g}°"
    return interval_words(check.acceptable, check.unit)


def check_why(check: Check, places: Mapping[str, str], labels: dict[str, str]) -> str:
    """One check explained in a sentence a reader can follow."""

    def name(role: str) -> str:
        pid = places.get(role, "")
        return labels.get(pid, pid)

    subject = name("subject")
    other = name("reference") or name("area") or name("zone")
    if isinstance(check, PartCheck):
        head = (
            f"{subject} lies in the {check.found or 'middle'} part of {other}; the claim's part "
            f"is {check.bounds}"
        )
        inside = bool(check.found) and f"in the {check.found} part" in check.claimed
        return head + _probability_clause(check, inside)
    if isinstance(check, AngleCheck):
        m = check.measured
        # no worst case for the side of a line: its chance comes from the signed distance
        worst = (
            f", ±{m.half_width:.1f}° at worst given the places' uncertainty" if m.half_width else ""
        )
        head = (
            f"Seen from {other}, {subject} lies at a bearing of {m.best % 360:.1f}° "
            f"({compass_words(_compass(m.best % 360))}){worst}; the claim's direction covers "
            f"bearings {check.acceptable.low % 360:g}° to {check.acceptable.high % 360:g}°"
        )
        return head + _probability_clause(check, check.margin > 0)
    unit = check.unit
    m = check.measured
    wanted = interval_words(check.acceptable, unit)
    if check.quantity in ("inside", "outside") and check.nearest is not None:  # a polygon
        wanted = "0 km or less (inside)" if check.quantity == "inside" else "more than 0 km"
    if check.quantity == "radius":
        verb = "fits" if check.verdict is VerdictKind.CONSISTENT else "does not fit"
        return (
            f"The declared radius of {name('zone')} is {length(m.best, unit, exact=True)}; the "
            f"claim, read as {wanted}, {verb} it."
        )
    if check.quantity in ("inside", "outside") and check.nearest is None:  # a zone
        what = f"The distance from {subject} to the centre of {other}"
    elif check.quantity in ("inside", "outside"):
        what = f"The distance from {subject} to the edge of {other} (negative inside)"
    elif check.nearest is not None:
        what = f"The distance from {subject} to the nearest point of {other}"
    else:
        what = f"The distance from {subject} to {other}"
    if m.low == m.high:
        measured = f"is {length(m.best, unit)}"
    else:
        measured = (
            f"is {length(m.best, unit)} between the stated positions, and at worst anywhere from "
            f"{m.low / unit.metres:,.1f} to {m.high / unit.metres:,.1f} {unit.value} given the "
            "places' stated uncertainty"
        )
    route = re.search(r" by (road|river|rail)$", check.claimed)
    if route:
        wanted = f"{requirement_words_of(check.claimed)} along a {route.group(1)}"
        head = (
            f"{what} {measured}; the claim gives {wanted}, which can be no shorter than the "
            "straight line and is rarely much longer"
        )
        return head + _probability_clause(check, check.margin > 0, route=True)
    if check.strict is not None:
        wanted += f" ({interval_words(check.strict, unit)} read strictly)"
    head = f"{what} {measured}; the claim needs {wanted}"
    return head + _probability_clause(check, check.margin > 0)


def requirement_words_of(claimed: str) -> str:
    """ "about 20 mi (±5 mi) by river" -> "about 20 mi"."""
    return re.sub(r" \(±[^)]*\)", "", re.sub(r" by (road|river|rail)$", "", claimed))


def _probability_clause(check: Check, best_fits: bool, route: bool = False) -> str:
    """How likely the claim is, with each place anywhere within its uncertainty, and the rule."""
    chance = check.chance
    if chance is None:
        return "."
    level = percent(float(chance.confidence))
    low = percent(1.0 - float(chance.confidence))
    if route:
        p = (
            f". The route is possible with probability {percent(chance.lenient)} and of a usual "
            f"length with probability {percent(chance.strict)}"
        )
    elif chance.two_readings:
        p = (
            f". With each place anywhere within its uncertainty, the claim holds with probability "
            f"{percent(chance.strict)} read strictly and {percent(chance.lenient)} read leniently"
        )
    else:
        p = (
            f". With each place anywhere within its uncertainty, the claim holds with probability "
            f"{percent(chance.lenient)}"
        )
    if check.verdict is VerdictKind.CONSISTENT:
        return f"{p}: at least {level}, so it is consistent."
    if check.verdict is VerdictKind.INCONSISTENT:
        return f"{p}: at most {low}, so it is inconsistent."
    lean = "likely right" if best_fits else "likely wrong"
    return (
        f"{p}: between {low} and {level}, so it is inconclusive (the best estimate "
        f"{'fits' if best_fits else 'does not fit'} the claim: {lean}, not shown)."
    )


def readable(text: str, labels: Mapping[str, str]) -> str:
    """Engine wording with ids replaced by names (claim ids by "claim N"), hints dropped."""
    text = re.sub(r":? ?`claimcheck [^`]*`[^;.]*", "", text)
    if not labels:
        return text
    ids = sorted(labels, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])'?(" + "|".join(map(re.escape, ids)) + r")'?(?![\w-])")
    return pattern.sub(lambda m: labels[m.group(1)], text)
