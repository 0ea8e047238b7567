"""Each check explained for a reader: what was measured, how the claim's words were read (with
the source of every rule), and how the probability gives the verdict.

The engine's own reasons (analysis.checks) are terse and name places by id; these sentences say
the same things in plain English with units, so a fact-checking desk can publish them. Nothing
here is escaped: each format escapes for itself.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from claimcheck.analysis.checks import AngleCheck, Check, LengthCheck, PartCheck, percent
from claimcheck.analysis.verdicts import Verdict
from claimcheck.claims.model import VerdictKind
from claimcheck.grammar.directions import COMPASS_16
from claimcheck.grammar.relations import Interval
from claimcheck.grammar.routes import CIRCUITY, Route
from claimcheck.grammar.units import Unit
from claimcheck.grammar.vague import VAGUE_QUANTITIES
from claimcheck.render.words import (
    compass_words,
    definite,
    degree_limits,
    figure,
    interval_words,
    length,
    part_adjective,
    span_words,
)

#: Scale steps as grammar.precision names them, as numbers.
_STEPS = {"tenths": "0.1", "halves": "0.5", "units": "1", "fives": "5", "tens": "10",
          "fifties": "50", "hundreds": "100", "five hundreds": "500",
          "thousands": "1,000"}  # fmt: skip

#: The source of each reading rule (docs/rules.md, "Reading a figure", gives them in full).
FINE_SOURCE = "Krifka 2009: a figure is read to the step of its last digit"
COARSE_SOURCE = "Krifka 2009; Jansen & Pollmann 2001: round numbers are read on a coarser scale"
ABOUT_SOURCE = (
    "Williams & Power 2013; the floor is claimcheck's default unless a claims file sets it"
)
CAP_SOURCE = "claimcheck's rule, docs/rules.md"
EXACT_SOURCE = "Lasersohn 1999: “exactly” narrows a figure to its written digits"
NEAR_SOURCE = "claimcheck's default (docs/rules.md); no published standard defines “near”"
PARTS_SOURCE = (
    "internal cardinal directions, Liu, Wang, Jin & Wu 2005; equal thirds are claimcheck's choice"
)
BAND_SOURCE = (
    "a cardinal direction as a half-plane, Frank 1991; thirds as in Liu, Wang, Jin & Wu 2005"
)
DECISION_SOURCE = "ILAC-G8:09/2019"
SIDE_SOURCE = "Cambridge Advanced Learner's Dictionary"


def _pct(fraction: float) -> str:
    return f"{fraction * 100:g} %"


def _rule_words(why: str, unit: Unit, coarse: bool, about: str) -> str:
    """ "as rounded to tens, capped at 25 % of the figure" -> plain words with sources."""
    parts = []
    rounded = re.search(r"rounded to ([a-z ]+?)(?:,|$)", why)
    steps = re.search(r"rounded to steps of ([\d.]+)", why)
    step = steps.group(1) if steps else _STEPS.get(rounded.group(1), "") if rounded else ""
    if step:
        source = COARSE_SOURCE if coarse else FINE_SOURCE
        parts.append(f"as rounded to the nearest {step} {unit.value} ({source})")
    elif "for 'about'" in why:
        parts.append(
            f"“about” as allowing at least {about} of the figure either way ({ABOUT_SOURCE})"
        )
    elif "exact" in why:
        parts.append(f"as exact to its last written digit ({EXACT_SOURCE})")
    elif "claim states" in why:
        parts.append("with the tolerance the claim states")
    if "capped" in why:
        parts.append(f"but never more than a quarter of the figure either way ({CAP_SOURCE})")
    return ", ".join(parts)


def reading_words(check: LengthCheck, about: str = "5 %") -> str:
    """How the claim's figure was read, with its range and the rule's source: one sentence."""
    unit = check.unit
    claimed = figure(check.claimed)
    vague = next((w for w in VAGUE_QUANTITIES if claimed.lower().startswith(w + " ")), None)
    if vague is not None:
        q = VAGUE_QUANTITIES[vague]
        return f"“{claimed}” is read as {q.low:f} to {q.high:f} {unit.value} ({q.source})."
    default = re.search(r"the default for a (\w+)", check.claimed)
    if check.quantity == "near" and default:
        return (
            f"“Near”, with no figure, is read as {interval_words(check.acceptable, unit)}, "
            f"the default for a {default.group(1)} ({NEAR_SOURCE})."
        )
    found = re.fullmatch(
        r"'(.+?)' read (as .+?) \(±[^)]*\)(?: or (as .+?) \(±[^)]*\))?", check.readings
    )
    if not found:
        return f"The claim needs {interval_words(check.acceptable, unit)}."
    fine = _rule_words(found.group(2), unit, coarse=False, about=about)
    side = re.match(r"just (over|under) ", claimed)
    if side is not None:
        more = side.group(1) == "over"
        bound = f"{'more' if more else 'less'} than {found.group(1)}"
        fine = (
            f"{bound} (“{side.group(1)}” is “{'more' if more else 'less'} than”: {SIDE_SOURCE}) "
            f"by no more than “about {found.group(1)}” allows, {fine}"
        )
    if found.group(3) is None:
        span = _span(check.acceptable.low, check.acceptable.high, unit)
        return (
            f"“{claimed}” is read as {span}: {fine}."
            if side
            else (f"“{claimed}” is read as {span}, {fine}.")
        )
    coarse = _rule_words(found.group(3), unit, coarse=True, about=about)
    strict = check.strict or check.acceptable
    return (
        f"“{claimed}” can be read two ways: strictly as {_span(strict.low, strict.high, unit)}, "
        f"{fine}; leniently as {_span(check.acceptable.low, check.acceptable.high, unit)}, "
        f"{coarse}."
    )


def _span(low_m: float, high_m: float, unit: Unit) -> str:
    return f"{_num(low_m / unit.metres)} to {_num(high_m / unit.metres)} {unit.value}"


def _num(value: float) -> str:
    return f"{round(value, 3):,.3f}".rstrip("0").rstrip(".")


def decision_words(check: Check, best_fits: bool) -> str:
    """How the probability gives the verdict, with the rule: a sentence."""
    chance = check.chance
    if chance is None:
        return ""
    level, low = _pct(float(chance.confidence)), _pct(1 - float(chance.confidence))
    verdict = check.verdict
    if chance.two_readings and not _route(check):
        p = (
            f"Read strictly, the claim holds with probability {percent(chance.strict)}; read "
            f"leniently, with probability {percent(chance.lenient)}"
        )
        if verdict is VerdictKind.CONSISTENT:
            return f"{p}: at least {level} even read strictly, so it is consistent."
        if verdict is VerdictKind.INCONSISTENT:
            return f"{p}: at most {low} even read leniently, so it is inconsistent."
        lenient_ok = chance.lenient >= float(chance.confidence)
        strict_bad = chance.strict <= 1 - float(chance.confidence)
        if lenient_ok or strict_bad:
            how = ("consistent read leniently" if lenient_ok else "inconclusive read leniently") + (
                ", inconsistent read strictly" if strict_bad else ", inconclusive read strictly"
            )
            return f"{p}: {how}. The reading decides, so it is inconclusive{_lean(best_fits)}."
        return (
            f"{p}: between {low} and {level} either way, so it is inconclusive{_lean(best_fits)}."
        )
    if _route(check):
        assert isinstance(check, LengthCheck)
        route = _route(check)
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
    if verdict is VerdictKind.INCONSISTENT:
        return f"{p}: at most {low}, so it is inconsistent."
    return f"{p}: between {low} and {level}, so it is inconclusive{_lean(best_fits)}."


def _lean(best_fits: bool) -> str:
    if best_fits:
        return (
            f". The best estimate fits the claim, so it is probably right, but the data cannot "
            f"show it at the required confidence (a conditional pass, {DECISION_SOURCE})"
        )
    return (
        f". The best estimate does not fit the claim, so it is probably wrong, but the data "
        f"cannot show it at the required confidence (a conditional fail, {DECISION_SOURCE})"
    )


def _route(check: Check) -> Route | None:
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
    route = _route(check)
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
              about: str = "5 %") -> str:  # fmt: skip
    """One check explained in sentences a reader can follow."""

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
            f"{reading_words(check, about)} The claim {verb} it."
        )
    if check.quantity in ("inside", "outside") and check.nearest is not None:  # a polygon
        return _area_why(check, subject, other)
    if check.quantity in ("inside", "outside"):  # a zone, measured from its centre
        what = f"The distance from {subject} to the centre of {other}"
        wanted = f"The claim needs {interval_words(check.acceptable, unit)} from the centre."
    else:
        nearest = "the nearest point of " if check.nearest is not None else ""
        what = f"The distance from {subject} to {nearest}{other}"
        wanted = route_words(check) if _route(check) else reading_words(check, about)
    measured = f"{what} is {length(m.best, unit)}"
    if m.low != m.high:
        measured += " between the stated positions" + _uncertain(m.low, m.high, unit)
    return f"{measured}. {wanted} {decision_words(check, check.margin > 0)}"


def _area_why(check: LengthCheck, subject: str, area: str) -> str:
    m, unit = check.measured, check.unit

    def where(signed_m: float) -> str:
        side = "inside" if signed_m <= 0 else "outside"
        return f"{abs(signed_m) / unit.metres:,.1f} {unit.value} {side}"

    text = f"At its stated position, {subject} is {where(m.best)} the edge of {area}"
    if m.low != m.high:
        text += (
            "; with each place anywhere within its stated uncertainty, it could be anywhere from "
            f"{where(m.low)} to {where(m.high)}"
        )
    return f"{text}. {decision_words(check, check.margin > 0)}"


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
    width = (check.acceptable.high - check.acceptable.low) % 360 or 360
    points = {45.0: "an eight-point", 22.5: "a sixteen-point", 90.0: "a four-point"}.get(width, "a")
    return (
        f"Seen from {other}, {subject} lies at a bearing of {bearing:.1f}° ({word}){spread}. "
        f"“{claimed[:1].upper() + claimed[1:]}” covers bearings {check.acceptable.low % 360:g}° "
        f"to {check.acceptable.high % 360:g}°, the {width:g}° sector of {points} compass "
        "(claimcheck's rule, docs/rules.md). " + decision_words(check, check.margin > 0)
    )


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


def reading_rules(about: str) -> str:
    """The reading rules and their sources, closing the paragraph (docs/rules.md has them)."""
    return (
        "A bare figure is read to the step of its last digit (Krifka 2009); a round or hedged one "
        "also on a coarser scale of fives, tens and fifties (Krifka 2009; Jansen & Pollmann 2001; "
        f"Williams & Power 2013), “about” allowing at least {about} of the figure either way "
        "(claimcheck's default, unless the claims file sets its own), and no reading allows more "
        "than a quarter of the figure (claimcheck's rule). Vague words (“a few”, “several”) take "
        "the ranges of docs/rules.md, each from a dictionary; a compass point covers its sector "
        "(45° for the eight main points); a route is compared with the straight line by the "
        "circuity of roads, rivers and railways (docs/rules.md)."
    )


def range_words(check: Check, labels: Mapping[str, str]) -> str:
    """How a check's claim was read, with its range, for the methods: "“20 km” as 15 to 25 km"."""
    if isinstance(check, PartCheck):
        if not check.limits:
            return f"“{check.claimed}” as {check.bounds}"
        part, area = part_adjective(check.part), labels.get(check.area, check.area)
        return f"“in {part} {area}” as {_part_how(check, part, area)}"
    if isinstance(check, AngleCheck):
        name = check.claimed.split(" (")[0]
        return (
            f"“{compass_words(name)}” as bearings {check.acceptable.low % 360:g}° to "
            f"{check.acceptable.high % 360:g}°"
        )
    unit = check.unit
    wanted = interval_words(check.acceptable, unit)
    if check.quantity in ("inside", "outside"):
        if check.nearest is None:  # a zone: measured from its centre
            return f"“{check.quantity}” a zone as {wanted} from its centre"
        edge = "0 km or less" if check.quantity == "inside" else "more than 0 km"
        return f"“{check.quantity}” an area as a signed distance of {edge} to its edge"
    default = re.search(r"the default for a (\w+)", check.claimed)
    if check.quantity == "near" and default:
        return f"“near” with no figure as {wanted}, the default for a {default.group(1)}"
    claimed = figure(check.claimed)
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
    if _route(check):
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
    if kind is VerdictKind.INCONSISTENT:
        return f"the data contradict the claim: {what} holds with probability {p}, at most {low}"
    if chance.two_readings and (
        chance.lenient >= float(chance.confidence) or chance.strict <= 1 - float(chance.confidence)
    ):
        return (
            f"the data cannot settle the claim: {what} holds with probability {p}, so how its "
            "figure is read decides"
        )
    return (
        f"the data cannot settle the claim: {what} holds with probability {p}, between {low} and "
        f"{level}"
    )
