"""Contradictions between claims, found from what they say before any coordinate is used.

Each claim becomes a constraint on one quantity: the distance between a pair of places, a
zone's radius, or the direction of one place seen from another. Two claims contradict when
they constrain the same quantity and their acceptable intervals do not meet. Checking pairs is
enough: by Helly's theorem in one dimension, a set of intervals with no common point always
holds two that do not meet, so every contradictory set contains a contradictory pair, and each
report names exactly two claims. Directions are arcs of a circle, for which that holds while
each arc is shorter than 120°: arcs that meet pairwise then all lie within one arc shorter than
the circle, which is an interval (every compass sector qualifies; only a `direction_tolerance:`
of 60° or more could hide a contradictory three).

How claims become distance constraints (no coordinates involved):

- inside / outside a zone: distance to the zone's centre ≤ R, or > R, with R the zone's
  *declared* radius (the zone's edge uncertainty is a measurement matter, left to the verdicts);
- a distance to a zone, or "near" a zone: measured to its edge, so shifted by R onto the centre;
- inside / outside a polygon: distance to the polygon (0 inside) is 0, or more than 0; a depth
  inside ("30 km inside") is also compared with the other claims' depths inside that polygon;
- "near" without `within:`: the reference's threshold (its `near:` or the default for its kind);
- a direction ("south-east of Marrakesh"): the compass sector that the bearing of the subject,
  seen from the reference, must lie in. Whatever the reference (a point, a zone's centre, a
  polygon's nearest point), that bearing is one value, so two sectors that do not meet cannot
  both hold. "B is north of A" against "A is north of B" compares the second turned round: the
  bearing of A seen from B, plus 180°, differs from that of B seen from A by the meridians'
  convergence, which this part bounds from the two places' coordinates and uncertainties
  (geo.convergence: at most their longitude difference, a fraction of a degree for places a
  few dozen km apart), widening the turned sector by it, so only between two places with
  coordinates. Sides of a line ("west of the border") are not compared: which sides agree
  depends on the line's course near the subject.

A *conditional* contradiction holds only under one reading of the references: an ambiguous
name ("from al-Tanf" fits three places) read as the other claim's reference, or two different
places that share a name ("al-Tanf" the crossing and "al-Tanf" the garrison) taken as one. For
namesakes, whether both claims can hold depends on how far apart the two places are, and that
part does use coordinates: with separation D, distances x and y to the two places are possible
together exactly when |x − y| ≤ D ≤ x + y (the triangle inequality, which points on a surface
can meet with equality), so the report gives the separations that allow both claims and
compares them with the measured separation and its uncertainty.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from claimcheck.analysis.separation import both_can_hold, holds_at, separation_needed
from claimcheck.claims.meaning import Condition, Quantity, depth_of, zone_centre_interval
from claimcheck.claims.model import Claim
from claimcheck.frozen import frozen
from claimcheck.gazetteer.places import Gazetteer, Place, PlaceKind, PlaceRef, name_key
from claimcheck.geo import geodesic as geodesy
from claimcheck.geo.convergence import convergence_bound_deg
from claimcheck.geo.measure import Measured
from claimcheck.grammar.interval import Interval
from claimcheck.grammar.precision import ABOUT_FRACTION


@frozen
class Constraint:
    """What one claim says about one quantity (metres; a direction in degrees), with no
    coordinates involved."""

    claim_id: str
    #: "distance" between `subject` and `reference`, "radius" of the zone `subject`, "depth" of
    #: `subject` inside `reference`, or "direction" of `subject` seen from `reference`
    quantity: str
    #: identity keys: a place id, or the sorted candidate ids of an ambiguous name
    subject: str
    reference: str
    acceptable: Interval
    #: the claim restated, e.g. "strike-site is more than 45 mi from al-tanf-crossing"
    statement: str
    #: the point place(s) the reference can be: one, or each candidate of an ambiguous name
    reference_places: tuple[Place, ...] = ()
    #: a direction seen from the other place: the claim's sector turned round by 180° and
    #: widened by this many degrees of the meridians' convergence (geo.convergence)
    turned_deg: float | None = None


@frozen
class Contradiction:
    """Two claims that no value of one quantity can satisfy together.

    Fields are in a canonical order (claims sorted by id), so the same pair of claims gives an
    equal Contradiction whatever order the claims file lists them in.
    """

    #: the two claim ids, sorted
    claim_ids: tuple[str, str]
    #: the place both claims are about (for a radius: the zone)
    subject: str
    reason: str
    #: True when it holds only if two different places that share a name were one place
    conditional: bool
    #: the reference place(s): one for a direct contradiction, the two namesakes if conditional
    references: tuple[str, ...] = ()
    #: each claim's acceptable interval (m; degrees for a direction), aligned with claim_ids
    acceptable: tuple[Interval, Interval] | None = None
    #: each claim restated as a constraint, aligned with claim_ids
    statements: tuple[str, str] = ("", "")
    #: conditional only: separation (m) of the two namesakes, from coordinates, with uncertainty
    separation: Measured | None = None
    #: conditional only: the least and greatest separation (m) at which both claims can hold
    separation_needed: tuple[float, float] | None = None
    #: conditional only: True if both can hold at every separation the uncertainty allows,
    #: False if at none, None if it depends on where in that range the truth lies
    both_can_hold: bool | None = None
    #: what no value satisfies for both: "distance", "radius", "depth" or "direction"
    quantity: str = "distance"
    #: per claim, aligned with claim_ids: the degrees its direction's sector was widened by
    #: when turned round to be seen from its subject (Constraint.turned_deg), else None
    turned_deg: tuple[float | None, float | None] = (None, None)


def find_contradictions(
    claims: Sequence[Claim], gazetteer: Gazetteer, about: Decimal = ABOUT_FRACTION
) -> list[Contradiction]:
    """Every contradictory pair of claims, direct ones first, each in canonical order.

    Each claim is taken at its most lenient reading (`about`: the file's slack for "about").
    """
    constraints = [c for claim in claims for c in constraints_of(claim, gazetteer, about)]
    constraints += [
        turned
        for c in constraints
        if c.quantity == "direction"
        for turned in _turned(c, gazetteer.get(c.subject), gazetteer.get(c.reference))
    ]
    found = set(_direct(constraints)) | set(_conditional(constraints))
    return sorted(found, key=lambda c: (c.conditional, c.claim_ids, c.references, c.reason))


def constraints_of(
    claim: Claim, gazetteer: Gazetteer, about: Decimal = ABOUT_FRACTION
) -> list[Constraint]:
    """The constraints a claim's conditions put on distances or a radius (none for a direction).

    A condition that needs its reference (a "near" without `within:`, an area) is compared
    only when the reference names one place.
    """
    a = claim.assertion
    reference = _single(gazetteer, a.reference)
    return [
        constraint
        for condition in a.conditions(reference, about)
        for constraint in _CONSTRAIN[condition.quantity](
            claim.id, condition, a.subject, a.reference, gazetteer
        )
    ]


def _radius(
    claim_id: str, c: Condition, _subject: PlaceRef, ref: PlaceRef, gazetteer: Gazetteer
) -> list[Constraint]:
    zone = _single(gazetteer, ref)
    if zone is None:
        return []
    return [Constraint(claim_id, "radius", zone.id, "", c.acceptable, f"{zone.id} {c.predicate}")]


def _area(
    claim_id: str, c: Condition, subject: PlaceRef, ref: PlaceRef, gazetteer: Gazetteer
) -> list[Constraint]:
    """Inside or outside as a distance: to a zone's centre, or to a polygon (0 inside)."""
    area = _single(gazetteer, ref)
    if area is None:
        return []
    subject_key, subject_text = _identity(gazetteer, subject)
    statement = f"{subject_text} {c.predicate.format(ref=area.id)}"
    if area.kind is PlaceKind.ZONE and area.radius is not None and area.centre is not None:
        centre = gazetteer.get(area.centre)
        interval = zone_centre_interval(c.acceptable, area.radius.metres)
        return [Constraint(claim_id, "distance", subject_key, area.centre, interval, statement,
                           _points([centre]))]  # fmt: skip
    if area.kind is PlaceKind.POLYGON:
        signed = c.acceptable  # the distance to a polygon is its signed distance, floored at 0
        if signed.high <= 0:  # inside, at any depth: at distance 0
            return [
                Constraint(claim_id, "distance", subject_key, area.id, Interval(0.0, 0.0),
                           statement),
                *_depth(claim_id, signed, subject_key, area.id, statement),
            ]  # fmt: skip
        interval = Interval(
            max(0.0, signed.low), signed.high, signed.low_open and signed.low >= 0,
            signed.high_open,
        )  # fmt: skip
        return [Constraint(claim_id, "distance", subject_key, area.id, interval, statement)]
    return []


def _depth(
    claim_id: str, signed: Interval, subject: str, area: str, statement: str
) -> list[Constraint]:
    """A stated depth inside a polygon ("30 km inside"): compared with other depths only,
    since every depth is the distance 0 that other claims on the polygon are compared by."""
    depth = depth_of(signed)
    return [] if depth is None else [Constraint(claim_id, "depth", subject, area, depth, statement)]


def _distance(
    claim_id: str, c: Condition, subject: PlaceRef, ref: PlaceRef, gazetteer: Gazetteer
) -> list[Constraint]:
    """A distance constraint; to a zone, moved onto its centre so it meets inside/outside."""
    subject_key, subject_text = _identity(gazetteer, subject)
    interval = c.acceptable
    reference = _single(gazetteer, ref)
    if reference is not None and reference.kind is PlaceKind.ZONE:
        if reference.radius is None or reference.centre is None:
            return []
        centre = gazetteer.get(reference.centre)
        shifted = _edge_to_centre(interval, reference.radius.metres)
        statement = (
            f"{subject_text} {c.predicate.format(ref=reference.id)} (its edge: "
            f"{_interval_text(shifted)} from its centre {reference.centre})"
        )
        return [Constraint(claim_id, "distance", subject_key, reference.centre, shifted,
                           statement, _points([centre]))]  # fmt: skip
    resolution = gazetteer.resolve(ref)
    if any(p.kind is PlaceKind.ZONE for p in resolution.places):
        return []  # an ambiguous name that may be a zone: its distance is not comparable
    ref_key, ref_text = _identity(gazetteer, ref)
    statement = f"{subject_text} {c.predicate.format(ref=ref_text)}"
    return [Constraint(claim_id, "distance", subject_key, ref_key, interval, statement,
                       _points(resolution.places))]  # fmt: skip


def _direction(
    claim_id: str, c: Condition, subject: PlaceRef, ref: PlaceRef, gazetteer: Gazetteer
) -> list[Constraint]:
    """The sector the subject's bearing from the reference lies in; none from a line, whose
    sides depend on its course (see the module's docstring)."""
    places = gazetteer.resolve(ref).places
    if any(p.kind is PlaceKind.LINE for p in places):
        return []
    subject_key, subject_text = _identity(gazetteer, subject)
    ref_key, ref_text = _identity(gazetteer, ref)
    statement = f"{subject_text} {c.predicate.format(ref=ref_text)}"
    return [Constraint(claim_id, "direction", subject_key, ref_key, c.acceptable, statement)]


def _turned(c: Constraint, subject: Place | None, ref: Place | None) -> list[Constraint]:
    """The direction seen from its subject: the sector turned round and widened by the bound on
    the convergence (rounded up to 0.1°), between two points only, and one way round (the
    subject's key after the reference's) so that each pair of claims is compared once."""
    if subject is None or ref is None or c.subject < c.reference:
        return []
    if subject.kind is not PlaceKind.POINT or ref.kind is not PlaceKind.POINT:
        return []
    assert subject.lat is not None and subject.lon is not None
    assert ref.lat is not None and ref.lon is not None
    bound = convergence_bound_deg(subject.lat, subject.lon, subject.uncertainty_m, ref.lat,
                                  ref.lon, ref.uncertainty_m)  # fmt: skip
    if bound is None:
        return []
    widen = math.ceil(bound * 10) / 10
    low, high = c.acceptable.low + 180.0 - widen, c.acceptable.high + 180.0 + widen
    return [dataclasses.replace(c, subject=c.reference, reference=c.subject,
                                acceptable=Interval(low, high), turned_deg=widen)]  # fmt: skip


def _no_distance(
    _claim_id: str, _c: Condition, _subject: PlaceRef, _ref: PlaceRef, _gazetteer: Gazetteer
) -> list[Constraint]:
    """A part of an area constrains no distance."""
    return []


#: How each quantity becomes constraints on a distance or a radius.
_CONSTRAIN: dict[
    Quantity, Callable[[str, Condition, PlaceRef, PlaceRef, Gazetteer], list[Constraint]]
] = {
    Quantity.DISTANCE: _distance,
    Quantity.AREA: _area,
    Quantity.AZIMUTH: _direction,
    Quantity.PART: _no_distance,
    Quantity.RADIUS: _radius,
}


def _edge_to_centre(interval: Interval, radius_m: float) -> Interval:
    """A distance to a zone's edge (0 inside) as a distance to its centre."""
    high = interval.high + radius_m
    if interval.low > 0 or interval.low_open:
        return Interval(interval.low + radius_m, high, interval.low_open, interval.high_open)
    return Interval(0.0, high, False, interval.high_open)


def _single(gazetteer: Gazetteer, ref: PlaceRef) -> Place | None:
    return gazetteer.resolve(ref).place


def _points(places: Iterable[Place | None]) -> tuple[Place, ...]:
    return tuple(p for p in places if p is not None and p.kind is PlaceKind.POINT)


def _identity(gazetteer: Gazetteer, ref: PlaceRef) -> tuple[str, str]:
    """(key, display): a place's id, or for an ambiguous name its candidate ids and the name.

    Two claims that name a place the same ambiguous way are taken to mean the same place.
    """
    places = gazetteer.resolve(ref).places
    if len(places) == 1:
        return places[0].id, places[0].id
    if not places:
        return f"?{ref}", str(ref)
    return " | ".join(sorted(p.id for p in places)), f"{ref} (ambiguous)"


def _pair(c: Constraint) -> tuple[str, str, str]:
    """The quantity a constraint is about; a distance does not depend on which end is which,
    a direction does."""
    if c.quantity == "direction":
        return c.quantity, c.subject, c.reference
    low, high = sorted((c.subject, c.reference))
    return c.quantity, low, high


def _meet(x: Constraint, y: Constraint) -> bool:
    """Whether some value satisfies both: intervals that overlap, or for a direction, arcs of
    the circle whose centres are no further apart than their half-widths together (closed, as
    a verdict reads a sector: a bearing on the edge of both satisfies both)."""
    a, b = x.acceptable, y.acceptable
    if x.quantity != "direction":
        return a.overlaps(b)
    gap = abs(((a.low + a.high - b.low - b.high) / 2 + 180.0) % 360.0 - 180.0)  # centres
    return gap <= (a.high - a.low) / 2 + (b.high - b.low) / 2


def _ordered(a: Constraint, b: Constraint) -> tuple[Constraint, Constraint]:
    return (a, b) if (a.claim_id, a.statement) <= (b.claim_id, b.statement) else (b, a)


def _direct(constraints: Iterable[Constraint]) -> Iterable[Contradiction]:
    groups: dict[tuple[str, str, str], list[Constraint]] = defaultdict(list)
    for c in constraints:
        groups[_pair(c)].append(c)
    for group in groups.values():
        for x, y in itertools.combinations(group, 2):
            both_turned = x.turned_deg is not None and y.turned_deg is not None
            if x.claim_id == y.claim_id or both_turned or _meet(x, y):
                continue  # (two turned round: their own sectors were compared as written)
            a, b = _ordered(x, y)
            subject = a.subject if a.subject == b.subject else min(a.subject, b.subject)
            what = a.quantity
            reason = (
                f"{_said(a)}, but {_said(b)}: "
                f"no {'bearing' if what == 'direction' else what} satisfies both"
            )
            references = tuple(sorted({a.reference, b.reference} - {subject, ""}))
            yield Contradiction(
                (a.claim_id, b.claim_id), subject, reason, False, references,
                (a.acceptable, b.acceptable), (a.statement, b.statement), quantity=what,
                turned_deg=(a.turned_deg, b.turned_deg),
            )  # fmt: skip


def _said(c: Constraint) -> str:
    """ "A is N (0° ± 22.5°) of B [claim: bearing 337.5–22.5°]", with the turn when turned."""
    if c.quantity != "direction":
        return f"{c.statement} [{c.claim_id}: {_interval_text(c.acceptable)}]"
    if c.turned_deg is None:
        return f"{c.statement} [{c.claim_id}: {_sector_text(c.acceptable)}]"
    return (
        f"{c.statement} [{c.claim_id}: so {c.subject} is at {_sector_text(c.acceptable)} from "
        f"{c.reference}, turned round and widened by {c.turned_deg:g}° for the meridians' "
        "convergence]"
    )


def _conditional(constraints: Sequence[Constraint]) -> Iterable[Contradiction]:
    """Pairs about one subject whose references may be one place: a shared name, or a reading."""
    by_subject: dict[str, list[Constraint]] = defaultdict(list)
    for c in constraints:
        if c.quantity == "distance" and c.reference_places:
            by_subject[c.subject].append(c)
    keys: dict[str, frozenset[str]] = {}  # place id -> its names' match keys, asked per pair
    for subject, group in by_subject.items():
        for x, y in itertools.combinations(group, 2):
            same = x.reference == y.reference  # then a direct contradiction covers the pair
            if same or x.claim_id == y.claim_id or x.acceptable.overlaps(y.acceptable):
                continue
            a, b = _ordered(x, y)
            for ra, rb in itertools.product(a.reference_places, b.reference_places):
                if ra.id == rb.id:
                    if len(a.reference_places) > 1 or len(b.reference_places) > 1:
                        yield _one_reading(subject, a, b, ra)
                    continue  # one place for both: a direct contradiction, reported as such
                for place in (ra, rb):
                    if place.id not in keys:
                        keys[place.id] = frozenset(name_key(n) for n in place.names)
                common = keys[ra.id] & keys[rb.id]
                if common:  # the name as `ra` writes it
                    shared = next(n for n in sorted(ra.names) if name_key(n) in common)
                    yield _namesakes(subject, a, b, ra, rb, shared)


def _both_statements(a: Constraint, b: Constraint) -> str:
    return (
        f"{a.statement} [{a.claim_id}: {_interval_text(a.acceptable)}] and {b.statement} "
        f"[{b.claim_id}: {_interval_text(b.acceptable)}]"
    )


def _one_reading(subject: str, a: Constraint, b: Constraint, place: Place) -> Contradiction:
    """An ambiguous reference that, read as the other claim's reference, contradicts it."""
    reason = (
        f"{_both_statements(a, b)} contradict if the ambiguous name means {place.id}: "
        f"no distance from {place.id} satisfies both"
    )
    return Contradiction(
        (a.claim_id, b.claim_id), subject, reason, True, (place.id,),
        (a.acceptable, b.acceptable), (a.statement, b.statement),
        Measured(0.0, 0.0, 0.0), None, False,
    )  # fmt: skip


def _namesakes(
    subject: str, a: Constraint, b: Constraint, ra: Place, rb: Place, shared: str
) -> Contradiction:
    """Two namesakes as references: whether both claims can hold depends on their separation."""
    assert ra.lat is not None and ra.lon is not None and rb.lat is not None and rb.lon is not None
    d = geodesy.inverse(ra.lat, ra.lon, rb.lat, rb.lon).distance_m
    separation = Measured.around(d, ra.uncertainty_m + rb.uncertainty_m)
    need_low, need_high, strict = separation_needed(a.acceptable, b.acceptable)
    both = both_can_hold(separation, need_low, need_high, strict)
    needs = f"at least {_km(need_low)}"
    if math.isfinite(need_high):
        needs += f" and at most {_km(need_high)}"
    best_ok = holds_at(separation.best, need_low, need_high, strict)
    if both is True:
        outcome = "so both claims can hold"
    elif both is False:
        outcome = "so the claims cannot both hold even so"
    elif best_ok:
        outcome = (
            "so both can hold at the best estimate of the separation, but not at every "
            "separation the uncertainty allows"
        )
    else:
        outcome = (
            "so they cannot both hold at the best estimate of the separation, but may within "
            "its uncertainty"
        )
    reason = (
        f"{_both_statements(a, b)} would contradict if {ra.id} and {rb.id} were one place "
        f"(both are called {shared!r}). They are {_km(separation.best)} apart "
        f"({_range_km(separation.low, separation.high)} with their uncertainties; this part uses "
        f"their coordinates). Both claims can hold only if the two are {needs} apart, {outcome}."
    )
    return Contradiction(
        (a.claim_id, b.claim_id), subject, reason, True, (ra.id, rb.id),
        (a.acceptable, b.acceptable), (a.statement, b.statement),
        separation, (need_low, need_high), both,
    )  # fmt: skip


def _km(metres: float) -> str:
    return f"{metres / 1000:,.1f} km"


def _range_km(low: float, high: float) -> str:
    return f"{low / 1000:,.1f}–{_km(high)}"


def _sector_text(sector: Interval) -> str:
    """A compass sector as bearings clockwise from north: "bearing 112.5–157.5°", "bearing
    337.5–22.5°" across north."""
    return f"bearing {sector.low % 360:g}–{sector.high % 360:g}°"


def _interval_text(interval: Interval) -> str:
    """An acceptable interval in km, as a reader would write it: "> 72.4 km", "≤ 55.0 km"."""
    low, high = interval.low, interval.high
    if not math.isfinite(high):
        return f"{'>' if interval.low_open else '≥'} {_km(low)}"
    if low == 0 and not interval.low_open:
        if high == 0:
            return "0 km"
        return f"{'<' if interval.high_open else '≤'} {_km(high)}"
    return _range_km(low, high)
