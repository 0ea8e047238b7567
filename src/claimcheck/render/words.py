"""Words for readers: places by name (namesakes told apart), figures with their units, claims
restated, and each check explained without ids or command lines.

The report, ClaimReview and the maps all speak through this module, so what a reader sees about
a place or a check is worded once. Nothing here is escaped: each format escapes for itself.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

from claimcheck.analysis.checks import percent
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
from claimcheck.gazetteer.places import Gazetteer, Place, PlaceKind
from claimcheck.gazetteer.world import WORLD_PATH
from claimcheck.grammar.directions import COMPASS_16
from claimcheck.grammar.interval import Interval
from claimcheck.grammar.relations import Requirement
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
        "the claim holds with a probability between those, or how its figure is read decides"
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
        return f"{round(m / u, 3):,.3f}".rstrip("0").rstrip(".") + f" {unit.value}"

    if math.isinf(interval.high):
        return f"{'more than' if interval.low_open else 'at least'} {fig(interval.low)}"
    if interval.low <= 0.0 and not interval.low_open:
        return f"{'less than' if interval.high_open else 'at most'} {fig(interval.high)}"
    return f"between {fig(interval.low)} and {fig(interval.high)}"


def span_words(interval: Interval, unit: Unit) -> str:
    """A range as a reader says it: "7.5 to 12.5 km"; "less than 7 km" when open-ended."""
    if math.isinf(interval.high) or (interval.low <= 0.0 and not interval.low_open):
        return interval_words(interval, unit)
    u = unit.metres

    def num(m: float) -> str:
        return f"{round(m / u, 3):,.3f}".rstrip("0").rstrip(".")

    return f"{num(interval.low)} to {num(interval.high)} {unit.value}"


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


#: Head nouns that make a place's name a description that takes "the": "the Poland–Ukraine
#: border", "the al-Tanf garrison", "the Kakhovka Dam", "the coast of Syria".
_COMMON_HEADS = frozenset(
    [
        "airport",
        "base",
        "border",
        "bridge",
        "camp",
        "coast",
        "crossing",
        "dam",
        "desert",
        "epicenter",
        "epicentre",
        "dryer",
        "field",
        "garrison",
        "line",
        "outpost",
        "plant",
        "port",
        "recommendation",
        "reservoir",
        "river",
        "site",
        "station",
        "tripoint",
        "zone",
    ]
)


#: Country names that take "the" in a sentence: those with a common noun for the state or its
#: parts, and plural ones ("Use the if the country's name includes a common noun … one important
#: exception is 'the Philippines'": Cambridge University Press, Grammar and Beyond newsletter,
#: "Using the with the names of countries", November 2011)
_STATE_NOUNS = frozenset(
    [
        "republic",
        "kingdom",
        "states",
        "emirates",
        "islands",
        "isles",
        "federation",
        "union",
        "lands",
        "territories",
    ]
)
_PLURAL_COUNTRIES = frozenset(["netherlands", "philippines", "maldives", "seychelles", "comoros"])


def definite(name: str) -> str:
    """A place's name as it reads in a sentence: with "the" when it is a description ("the
    Poland–Ukraine border", "the site of …") or a country whose name takes it ("the United
    Kingdom", "the coast of the Netherlands"), as is when it is a proper name ("Tower 22")."""
    bare = re.sub(r"\s*[(\[].*$", "", name).strip()
    words = bare.split()
    if not words or words[0].lower() in ("the", "a", "an"):
        return name
    first, last = words[0], words[-1]
    if first.lower() in _COMMON_HEADS and len(words) > 1 and words[1] == "of":
        return f"the {first.lower()} of {definite(name[len(first) + 4 :])}"
    if last.lower() in _COMMON_HEADS:
        return "the " + name
    lower = [w.lower() for w in words]
    # the noun ends the name ("Czech Republic") or is followed by "of" ("Republic of the Congo",
    # "United States of America"), so "Union Square" stays as it is
    heads = [w for i, w in enumerate(lower) if i + 1 == len(lower) or lower[i + 1] == "of"]
    if bare.lower() in _PLURAL_COUNTRIES or _STATE_NOUNS.intersection(heads):
        return "the " + name
    return name


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


#: the characters of an id (claimcheck.gazetteer.places.ID_PATTERN) besides letters and digits
_JOINS = "_-.:"
#: a command line the engine suggests ("`claimcheck locate ID`"), with the words after it
_HINT = re.compile(r":? ?`claimcheck [^`]*`[^;.]*")
_CODE = re.compile(r"(`[^`]*`)")
#: up to this many labels, each is looked for in the text; beyond, the text's words in them
_FEW = 16


def _words(text: str) -> list[str]:
    """The text's words without the brackets, quotes and punctuation around them."""
    for mark in "()[]{}'\",;!?":
        text = text.replace(mark, " ")
    return text.replace(". ", " ").replace(": ", " ").rstrip(".:").split()


def named(text: str, labels: Mapping[str, str]) -> str:
    """Engine wording with the ids in `labels` replaced by their names (and the quotes around
    an id dropped): the one way every output names places in the engine's reasons. An id counts
    where it stands as a word (no id character touches it); ids inside a command line
    (`claimcheck locate ID`) stay, since the command needs them. The text output names every
    claim's reason by the claim's own places: string methods, no regex, keep that cheap."""
    if "`" in text:
        parts = _CODE.split(text)  # text, `command`, text, …
        parts[::2] = [named(part, labels) for part in parts[::2]]
        return "".join(parts)
    if len(labels) <= _FEW:
        hits: Iterable[str] = [pid for pid in labels if pid in text]
    else:
        hits = labels.keys() & _words(text)
    spans = []
    n = len(text)
    for pid in hits:
        start = text.find(pid)
        while start >= 0:
            end = start + len(pid)
            before = text[start - 1] if start else " "
            after = text[end] if end < n else " "
            if (
                after in ".:"
                and end + 1 < n
                and (text[end + 1] in _JOINS or text[end + 1].isalnum())
            ):
                after = "-"  # "pid.x": part of a longer id
            if (
                before not in _JOINS
                and not before.isalnum()
                and (after in ".:" or (after not in _JOINS and not after.isalnum()))
            ):
                if before == "'" and (start < 2 or not text[start - 2].isalnum()):
                    start -= 1
                if after == "'" and (end + 1 >= n or not text[end + 1].isalnum()):
                    end += 1
                spans.append((start, -end, labels[pid]))  # at a start, the longest id first
            start = text.find(pid, end)
    if not spans:
        return text
    spans.sort()
    out: list[str] = []
    at = 0
    for start, neg_end, label in spans:
        if start >= at:  # not inside an id already named
            out += (text[at:start], label)
            at = -neg_end
    out.append(text[at:])
    return "".join(out)


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
