"""Each check explained for a reader: what was measured, how the claim's words were read (with
the source of every rule), and how the probability gives the verdict.

The engine's own reasons (analysis.checks) are terse and name places by id; these sentences say
the same things in plain English with units, so a fact-checking desk can publish them. Nothing
here is escaped: each format escapes for itself.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping

from claimcheck.analysis.checks import AngleCheck, Check, LengthCheck, PartCheck, percent
from claimcheck.analysis.territory import TerritoryEdge
from claimcheck.claims.model import VerdictKind
from claimcheck.grammar.countries import find_country
from claimcheck.grammar.directions import COMPASS_16
from claimcheck.grammar.interval import Interval
from claimcheck.grammar.routes import CIRCUITY, Route
from claimcheck.grammar.units import Unit
from claimcheck.render.readings import reading_words
from claimcheck.render.words import (
    compass_words,
    definite,
    degree_limits,
    depth,
    figure,
    interval_words,
    length,
    part_adjective,
    side_words,
    span_words,
)

PARTS_SOURCE = (
    "internal cardinal directions, Liu, Wang, Jin & Wu 2005; equal thirds are claimcheck's choice"
)
BAND_SOURCE = (
    "a cardinal direction as a half-plane, Frank 1991; thirds as in Liu, Wang, Jin & Wu 2005"
)
DECISION_SOURCE = "ILAC-G8:09/2019"
#: a cardinal name read on four points as well as eight (grammar.directions)
FOUR_POINT_SOURCE = "a cardinal name's 90° cone, Frank 1991"


def _pct(fraction: float) -> str:
    return f"{fraction * 100:g} %"


def decision_words(check: Check, best_fits: bool | None) -> str:
    """How the probability gives the verdict, with the rule: a sentence. `best_fits`: whether
    the best estimate satisfies the claim (None: under one of its readings only)."""
    chance = check.chance
    if chance is None:
        return ""
    level, low = _pct(float(chance.confidence)), _pct(1 - float(chance.confidence))
    verdict = check.verdict
    one, both, loose = side_words(check)
    true = "distance" if check.quantity in ("distance", "near", "radius") else "value"
    two = isinstance(check, (LengthCheck, AngleCheck)) and check.strict is not None
    if two and chance.two_readings:
        assert isinstance(check, (LengthCheck, AngleCheck))
        what = "direction" if isinstance(check, AngleCheck) else "figure"
        if _fits_strict(check) != best_fits:  # one reading fits, one does not
            best_fits = None
        p = (
            f"Read strictly, the claim holds with probability {percent(chance.strict)}; read "
            f"leniently, with probability {percent(chance.lenient)}"
        )
        if verdict is VerdictKind.CONSISTENT:
            return f"{p}: at least {level} even read strictly, so it is consistent."
        if verdict is VerdictKind.INCONSISTENT and one:
            return f"{p}; read leniently, the true {true} is {one}, so it is inconsistent."
        if verdict is VerdictKind.INCONSISTENT:
            return f"{p}: at most {low} even read leniently, so it is inconsistent."
        lenient_ok = chance.lenient >= float(chance.confidence)
        strict_bad = chance.strict_fails
        if lenient_ok or strict_bad:
            how = ("consistent read leniently" if lenient_ok else "inconclusive read leniently") + (
                ", inconsistent read strictly" if strict_bad else ", inconclusive read strictly"
            )
            lean = _lean(best_fits, chance.strict, chance.lenient, what=what)
            return f"{p}: {how}. The reading decides, so it is inconclusive{lean}."
        lean = _lean(best_fits, chance.strict, chance.lenient, what=what, coarse=bool(loose))
        if chance.split or chance.strict <= 1 - float(chance.confidence):
            return (
                f"{p}, but neither reading puts the true {true} on one side of the figure with "
                f"{level}, so it is inconclusive{lean}.{loose}"
            )
        return f"{p}: between {low} and {level} either way, so it is inconclusive{lean}.{loose}"
    if route_of(check):
        assert isinstance(check, LengthCheck)
        route = route_of(check)
        assert route is not None
        most = CIRCUITY[route].most
        possible = (
            "With each place anywhere within its uncertainty, the claimed length is no shorter "
            f"than the straight line with probability {percent(chance.lenient)}"
        )
        if verdict is VerdictKind.INCONSISTENT:
            return f"{possible}: at most {low}, so it is inconsistent."
        p = (
            f"{possible}, and also no more than {most:g} times it with probability "
            f"{percent(chance.strict)}"
        )
        if verdict is VerdictKind.CONSISTENT:
            return f"{p}: at least {level}, so it is consistent."
        return f"{p}: between {low} and {level}, so it is inconclusive."
    p = (
        "With each place anywhere within its uncertainty, the claim holds with probability "
        f"{percent(chance.lenient)}"
    )
    if verdict is VerdictKind.CONSISTENT:
        return f"{p}: at least {level}, so it is consistent."
    if verdict is VerdictKind.INCONSISTENT and one:
        return (
            f"{p}, and the true {true} is {one}: on one side of the claim, so it is inconsistent."
        )
    if verdict is VerdictKind.INCONSISTENT:
        return f"{p}: at most {low}, so it is inconsistent."
    lean = _lean(best_fits, chance.lenient, chance.lenient, coarse=bool(loose))
    if chance.split:
        return (
            f"{p}, but the true {true} is {both}: on neither side with {level}, so it is "
            f"inconclusive{lean}.{loose}"
        )
    return f"{p}: between {low} and {level}, so it is inconclusive{lean}.{loose}"


def _lean(
    best_fits: bool | None, *probabilities: float, what: str = "figure", coarse: bool = False
) -> str:
    """Which way the best estimate leans, and what the probability (each reading's) says:
    "probably right" only when the claim holds with probability over 50 %, not for a best
    estimate that fits while the claim holds with 41 %. `best_fits` None: it fits one reading
    of the figure (or the direction: `what`) and not the other. `coarse`: the figure is finer
    than the places can test, so its probability speaks of its precision: no "probably"."""
    low, high = min(probabilities), max(probabilities)
    if best_fits is None:
        return (
            ". The best estimate fits the claim read leniently but not read strictly, so "
            f"whether the claim is right depends on how its {what} is read"
        )
    if coarse:
        fits, kind = ("fits", "pass") if best_fits else ("does not fit", "fail")
        return f". The best estimate {fits} the claim (a conditional {kind}, {DECISION_SOURCE})"
    if best_fits and low > 0.5:
        return (
            f". The best estimate fits the claim, so it is probably right, but the data cannot "
            f"show it at the required confidence (a conditional pass, {DECISION_SOURCE})"
        )
    if not best_fits and high < 0.5:
        return (
            f". The best estimate does not fit the claim, so it is probably wrong, but the data "
            f"cannot show it at the required confidence (a conditional fail, {DECISION_SOURCE})"
        )
    if high < 0.5:
        odds = "it is more likely wrong than right"
    elif low > 0.5:
        odds = "it is more likely right than wrong"
    elif low == high:
        odds = "it is as likely wrong as right"
    else:
        odds = f"whether it is more likely right or wrong depends on how its {what} is read"
    fits, kind = ("fits", "pass") if best_fits else ("does not fit", "fail")
    return (
        f". The best estimate {fits} the claim (a conditional {kind}, {DECISION_SOURCE}), but "
        f"with each place anywhere within its uncertainty {odds}"
    )


def route_of(check: Check) -> Route | None:
    """The route a length claim names ("… by road"), or None for a straight line."""
    if not isinstance(check, LengthCheck):
        return None
    found = re.search(r" by (road|river|rail)$", check.claimed)
    return Route(found.group(1)) if found else None


def _uncertain(low: float, high: float, unit: Unit) -> str:
    return (
        f", and at worst anywhere from {low / unit.metres:,.1f} to {high / unit.metres:,.1f} "
        f"{unit.value} given the places' stated uncertainty"
    )


def route_words(check: LengthCheck) -> str:
    """The claimed route against the straight line, with the circuity rule and its source."""
    route = route_of(check)
    assert route is not None
    circuity = CIRCUITY[route]
    along = {Route.ROAD: "by road", Route.RIVER: "along the river", Route.RAIL: "by rail"}[route]
    factor = check.figure_m / check.measured.best if check.measured.best > 0 else math.inf
    what = {Route.ROAD: "A road", Route.RIVER: "A river's course", Route.RAIL: "A railway"}[route]
    return (
        f"The claim gives {figure(check.claimed)} {along}, {factor:.2f} times the straight line "
        f"at the stated positions. {what} between two places is never shorter than the straight "
        f"line and seldom more than {circuity.most:g} times it ({circuity.source})."
    )


def check_why(check: Check, places: Mapping[str, str], labels: Mapping[str, str],
              about: str = "5 %", written: str | None = None) -> str:  # fmt: skip
    """One check explained in sentences a reader can follow. `written`: the claim's figure as
    it words it, for a check of that figure (see reading_words)."""

    def name(role: str) -> str:
        pid = places.get(role, "")
        return definite(labels.get(pid, pid)) if pid else ""

    subject = name("subject")
    other = name("reference") or name("area") or name("zone")
    if isinstance(check, PartCheck):
        return _part_why(check, subject, other)
    if isinstance(check, AngleCheck):
        return _angle_why(check, subject, other)
    unit = check.unit
    m = check.measured
    if check.quantity == "radius":
        verb = "fits" if check.verdict is VerdictKind.CONSISTENT else "does not fit"
        return (
            f"The declared radius of {name('zone')} is {length(m.best, unit, exact=True)}. "
            f"{reading_words(check, about, written)} The claim {verb} it."
        )
    if check.quantity in ("inside", "outside") and check.nearest is not None:  # a polygon
        wanted = reading_words(check, about, written) if depth(check) else ""
        return _area_why(check, subject, other, wanted)
    if check.quantity in ("inside", "outside"):  # a zone, measured from its centre
        what = f"The distance from {subject} to the centre of {other}"
        wanted = f"The claim needs {interval_words(check.acceptable, unit)} from the centre."
    else:
        nearest = "the nearest point of " if check.nearest is not None else ""
        what = f"The distance from {subject} to {nearest}{other}"
        wanted = route_words(check) if route_of(check) else reading_words(check, about, written)
    measured = f"{what} is {length(m.best, unit)}"
    if m.low != m.high:
        measured += " between the stated positions" + _uncertain(m.low, m.high, unit)
    return f"{measured}. {wanted} {decision_words(check, check.margin > 0)}{_road(check)}"


def _road(check: LengthCheck) -> str:
    """For a straight-line distance the claim overshoots: a road could be that long."""
    if check.road_factor is None:
        return ""
    low, high = check.road_factor
    # two decimals, as verify's reason: EFE's "370 kilometers" from Rabat (355.6 km) is 1.03 to
    # 1.05 times the straight line, which one decimal wrote "1.0 to 1.1", as if no detour
    times = f"at least {low:.2f} times" if math.isinf(high) else f"{low:.2f} to {high:.2f} times"
    return (
        f" A road between them could be that long, though: the claim is {times} the "
        "straight-line distance, within the detour roads plausibly make (up to twice it; "
        "docs/rules.md), so if the report meant the distance by road it may hold."
    )


def _area_why(check: LengthCheck, subject: str, area: str, wanted: str = "") -> str:
    """Where the subject is from the area's edge; `wanted`: how a stated depth was read."""
    m, unit = check.measured, check.unit

    def where(signed_m: float) -> str:
        side = "inside" if signed_m <= 0 else "outside"
        return f"{abs(signed_m) / unit.metres:,.1f} {unit.value} {side}"

    if check.territory is not None:
        tail = _area_tail(check, where, wanted)
        return f"{_coast_words(check.territory, subject, area, where)} {tail}"
    text = f"At its stated position, {subject} is {where(m.best)} the edge of {area}"
    if m.low != m.high:
        text += (
            "; with each place anywhere within its stated uncertainty, it could be anywhere from "
            f"{where(m.low)} to {where(m.high)}"
        )
    return f"{text}. {wanted + ' ' if wanted else ''}{decision_words(check, check.margin > 0)}"


def _coast_words(
    found: TerritoryEdge, subject: str, area: str, where: Callable[[float], str]
) -> str:
    """The coast rule in words: the drawn outline, why the coast does not count in full, and
    which edge was measured instead (docs/rules.md, "Inside a country on the coast")."""
    land = (
        "it has no land boundary"
        if math.isinf(found.land_m)
        else f"its nearest land boundary is {found.land_m / 1000:,.1f} km away"
    )
    text = (
        f"At its stated position, {subject} is {where(found.outline_m)} the coastline of {area} "
        f"as Natural Earth draws it, and {land}. The sea off a coast is no other country's land: "
        f"up to 12 nautical miles out it is {area}'s own territorial sea (UN Convention on the "
        f"Law of the Sea, arts. 2–3). So the coast counts as the edge of {area} only "
        f"{found.sea_shift_m / 1000:,.1f} km out to sea, as far as the place and the coast may be "
        "off together (docs/rules.md)"
    )
    if found.edge == "land boundary":
        edge = "its nearest land boundary"
    elif found.edge == "coast":
        edge = "that line"
    else:
        other = find_country(found.edge)
        name = definite(other.name) if other is not None else found.edge
        edge = f"the line halfway to {name}'s coast across the water (art. 15)"
    return f"{text}; the nearest edge that could put {subject} in another country is {edge}."


def _area_tail(check: LengthCheck, where: Callable[[float], str], wanted: str = "") -> str:
    """Where the subject is from the edge measured, how a depth was read, and the decision."""
    m = check.measured
    text = f"Measured from that edge, it is {where(m.best)}"
    if m.low != m.high:
        text += (
            f", and with each place anywhere within its uncertainty from {where(m.low)} to "
            f"{where(m.high)}"
        )
    return f"{text}. {wanted + ' ' if wanted else ''}{decision_words(check, check.margin > 0)}"


def _fits_strict(check: LengthCheck | AngleCheck) -> bool:
    """Whether the best estimate satisfies the strict reading (an arc, for a direction)."""
    strict, best = check.strict, check.measured.best
    assert strict is not None
    if isinstance(check, AngleCheck):
        off = abs(((best - (strict.low + strict.high) / 2) + 180.0) % 360.0 - 180.0)
        return off <= (strict.high - strict.low) / 2
    return bool(strict.low <= best <= strict.high)


def _angle_why(check: AngleCheck, subject: str, other: str) -> str:
    m = check.measured
    bearing = m.best % 360
    word = compass_words(compass_symbol(bearing))
    claimed = compass_words(check.claimed.split(" (")[0])
    if check.side:
        centre = (check.acceptable.low + check.acceptable.high) / 2
        low, high = (centre - 90) % 360, (centre + 90) % 360 or 360
        return (
            f"From the nearest point of {other}, {subject} lies at a bearing of {bearing:.1f}° "
            f"({word}). It is on the {claimed} side of the line if that bearing is within 90° of "
            f"due {claimed} ({low:g}° to {high:g}°; claimcheck's rule, docs/rules.md). "
            + decision_words(check, check.margin > 0)
        )
    spread = (
        f"; with each place anywhere within its stated uncertainty, it could be up to "
        f"{m.half_width:.1f}° either way"
        if m.half_width
        else ""
    )
    sectors = [_sector_words(check.acceptable)]
    if check.strict is not None:
        sectors.insert(0, _sector_words(check.strict))
    covers = " or, read leniently, ".join(sectors)
    rule = "claimcheck's rule"
    if check.strict is not None:
        rule = f"{FOUR_POINT_SOURCE}; {rule}"
    return (
        f"Seen from {other}, {subject} lies at a bearing of {bearing:.1f}° ({word}){spread}. "
        f"“{claimed[:1].upper() + claimed[1:]}” covers bearings {covers} ({rule}, "
        "docs/rules.md). " + decision_words(check, check.margin > 0)
    )


def _sector_words(sector: Interval) -> str:
    """ "337.5° to 22.5°, the 45° sector of an eight-point compass"."""
    width = (sector.high - sector.low) % 360 or 360
    points = {45.0: "an eight-point", 22.5: "a sixteen-point", 90.0: "a four-point"}.get(width, "a")
    low, high = sector.low % 360, sector.high % 360
    return f"{low:g}° to {high:g}°, the {width:g}° sector of {points} compass"


def compass_symbol(azimuth: float) -> str:
    """The nearest of the 16 compass points: 356° -> "N"."""
    return COMPASS_16[round(azimuth / 22.5) % 16]


def _part_how(check: PartCheck, want: str, area: str) -> str:
    """How a polygon's part is bounded, in words, with its rule's source."""
    if check.corner:
        return (
            f"the {want} tile of {area}'s bounding box cut into thirds ({PARTS_SOURCE}): "
            f"{degree_limits(check.limits)}"
        )
    return (
        f"the {want} third of {area}'s bounding box, all three tiles on that "
        f"side ({BAND_SOURCE}): {degree_limits(check.limits)}"
    )


def _part_why(check: PartCheck, subject: str, area: str) -> str:
    found = part_adjective(check.found) if check.found else "middle"
    want = part_adjective(check.part) if check.part else check.claimed
    if check.limits:
        how = f"“{want[:1].upper() + want[1:]}” {area} is taken as {_part_how(check, want, area)}."
    else:
        how = f"“{want[:1].upper() + want[1:]}” {area} is taken as {check.bounds}."
    return (
        f"At its stated position, {subject} lies in the {found} part of {area}. {how} "
        + decision_words(check, check.inside)
    )


def range_words(check: Check, labels: Mapping[str, str], written: str | None = None) -> str:
    """How a check's claim was read, with its range, for the methods: "“20 km” as 15 to 25 km".
    `written`: the figure as the claim words it, where its hedge is not "about" (reading_words)."""
    if isinstance(check, PartCheck):
        if not check.limits:
            return f"“{check.claimed}” as {check.bounds}"
        part, area = part_adjective(check.part), labels.get(check.area, check.area)
        return f"“in {part} {area}” as {_part_how(check, part, area)}"
    if isinstance(check, AngleCheck):
        name = check.claimed.split(" (")[0]
        low, high = check.acceptable.low % 360, check.acceptable.high % 360
        as_read = f"“{compass_words(name)}” as bearings {low:g}° to {high or 360:g}°"
        if check.strict is None:
            return as_read
        strict_low, strict_high = check.strict.low % 360, check.strict.high % 360
        return (
            f"“{compass_words(name)}” as bearings {strict_low:g}° to {strict_high or 360:g}° "
            f"(an eight-point compass) or {low:g}° to {high or 360:g}° (a four-point one)"
        )
    unit = check.unit
    wanted = interval_words(check.acceptable, unit)
    if check.quantity in ("inside", "outside"):
        if check.nearest is None:  # a zone: measured from its centre
            return f"“{check.quantity}” a zone as {wanted} from its centre"
        edge = "0 km or less" if check.quantity == "inside" else "more than 0 km"
        return f"“{check.quantity}” an area as a signed distance of {edge} to its edge"
    default = re.search(r"the default threshold for a (\w+)", check.claimed)
    if check.quantity == "near" and default:
        return f"“near” with no figure as {wanted}, the default for a {default.group(1)}"
    claimed = written or figure(check.claimed)
    route = re.search(r" by (road|river|rail)$", check.claimed)
    if route and check.strict is not None:
        return (
            f"“{claimed} by {route.group(1)}” as a route the straight line between its ends can "
            f"be no longer than ({interval_words(check.acceptable, unit)}) and, to be plausible, "
            f"no shorter than ({interval_words(Interval(check.strict.low, math.inf), unit)})"
        )
    if check.strict is not None:
        return (
            f"“{claimed}” as {span_words(check.strict, unit)} read strictly and "
            f"{span_words(check.acceptable, unit)} read leniently"
        )
    return f"“{claimed}” as {span_words(check.acceptable, unit)}"
