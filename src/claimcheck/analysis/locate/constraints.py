"""Claims to constraints: each claim about the unknown place as the region where it holds.

A claim becomes the set of points where it *could* be true: the known place's uncertainty r
widens every region (a point within r of the stated position may be the true one), so
"more than 45 mi from X" with r = 8 km keeps every point farther than 72.4 − 8 km from X, and
"inside a 55 km zone" whose centre is known to 7 km and edge to 2.5 km admits 64.5 km. A direction
sector is widened the same way: every point within r of the geodesic sector.

The unknown place may be either end of a claim. A distance is symmetric. A direction *from* the
unknown place ("the garrison is 20 km north of Tower 22", Tower 22 unknown) puts it where the
known place lies in that direction: the azimuth at the unknown place towards the known one, on the
geodesic (the back azimuth), lies in the sector. A part of an area ("north-eastern Jordan") is
its corner tile or outer third (geo.parts), or for a zone the sector seen from its centre.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from claimcheck.analysis.locate.shapes import (
    Area,
    BackSector,
    Band,
    CoastCells,
    Disc,
    Inter,
    Not,
    Sector,
    Shape,
    Union,
)
from claimcheck.analysis.territory import sea_shift_m
from claimcheck.claims.meaning import Condition, Quantity, zone_centre_interval
from claimcheck.claims.model import Claim
from claimcheck.frozen import frozen
from claimcheck.gazetteer.places import Gazetteer, LatLon, Place, PlaceKind, PlaceRef
from claimcheck.geo.parts import PART_RULES, PART_TILES, Box, is_corner
from claimcheck.grammar.directions import Direction
from claimcheck.grammar.interval import Interval
from claimcheck.grammar.precision import ABOUT_FRACTION


@frozen
class Constraint:
    """One claim about the unknown place, as the region where it could be true."""

    id: str
    claimant: str
    quote: str
    #: how the region was derived, e.g. "within 64.5 km of al-tanf-garrison (…)"
    description: str
    shape: Shape


@frozen
class Skipped:
    """A claim about the place that cannot constrain it, and why."""

    id: str
    claimant: str
    reason: str
    #: the claim was drawn, but not all of it (the reason says which part)
    partial: bool = False


def _km(metres: float) -> str:
    return f"{metres / 1000:,.1f} km"


def _plus_minus(metres: float) -> str:
    """ "±5.0 km", or in metres below a kilometre: a position a source gives to the second of
    arc is ±39 m, which "±0.0 km" hid (the Aktau crash trial)."""
    return f"±{metres:,.0f} m" if metres < 1000 else f"±{_km(metres)}"


def _uncertainty_note(parts: Sequence[tuple[str, float]]) -> str:
    used = [f"{label} {_plus_minus(m)}" for label, m in parts if m > 0]
    return f", widened by {' and '.join(used)}" if used else ""


def _ring(lat: float, lon: float, low_m: float, high_m: float) -> Shape:
    """Points whose distance from (lat, lon) lies in [low_m, high_m] (high may be infinite)."""
    parts: list[Shape] = []
    if math.isfinite(high_m):
        parts.append(Disc(lat, lon, max(0.0, high_m)))
    if low_m > 0:
        parts.append(Not(Disc(lat, lon, low_m)))
    return parts[0] if len(parts) == 1 else Inter(tuple(parts))


def _span(low_m: float, high_m: float, what: str) -> str:
    """ "within 64.5 km of X", "more than 64.4 km from X", "10.0–20.0 km from X"."""
    if low_m <= 0 and not math.isfinite(high_m):
        return f"any distance from {what}"
    if low_m <= 0:
        return f"within {_km(high_m)} of {what}"
    if not math.isfinite(high_m):
        return f"more than {_km(low_m)} from {what}"
    return f"{_km(low_m)}–{_km(high_m)} from {what}"


def _zone_centre(zone: Place, gazetteer: Gazetteer) -> Place:
    centre = gazetteer.get(zone.centre or "")
    assert centre is not None and centre.lat is not None  # checked when the places were loaded
    return centre


def _distance_shape(ref: Place, acceptable: Interval, gazetteer: Gazetteer) -> tuple[Shape, str]:
    """Points whose distance to `ref` (0 inside a zone or polygon) could lie in `acceptable`."""
    low, high = acceptable.low, acceptable.high
    if ref.kind is PlaceKind.POINT:
        assert ref.lat is not None and ref.lon is not None
        u = ref.uncertainty_m
        lo, hi = low - u, high + u
        note = _uncertainty_note([(ref.id, u)])
        return _ring(ref.lat, ref.lon, lo, hi), f"{_span(lo, hi, ref.id)}{note}"
    if ref.kind is PlaceKind.ZONE:
        centre = _zone_centre(ref, gazetteer)
        assert ref.radius is not None and centre.lat is not None and centre.lon is not None
        u = centre.uncertainty_m + ref.uncertainty_m
        radius = ref.radius.metres
        lo = radius + low - u if low - u > 0 else 0.0
        hi = radius + high + u
        note = _uncertainty_note([(centre.id, centre.uncertainty_m), ("edge", ref.uncertainty_m)])
        text = f"{_span(lo, hi, centre.id)} (zone {ref.id}, radius {_km(radius)}){note}"
        return _ring(centre.lat, centre.lon, lo, hi), text
    u = ref.uncertainty_m
    lo, hi = low - u, high + u
    note = _uncertainty_note([(ref.id, u)])
    if ref.kind is PlaceKind.LINE:
        near: Shape = _any(tuple(Band(line, hi) for line in ref.lines))
        far: Shape | None = _any(tuple(Band(line, lo) for line in ref.lines)) if lo > 0 else None
    else:
        near = _any(tuple(_area_band(rings, hi) for rings in ref.polygons))
        far = _any(tuple(_area_band(rings, lo) for rings in ref.polygons)) if lo > 0 else None
    parts: list[Shape] = []
    if math.isfinite(hi):
        parts.append(near)
    if far is not None:
        parts.append(Not(far))
    shape = parts[0] if len(parts) == 1 else Inter(tuple(parts))
    return shape, f"{_span(lo, hi, ref.id)}{note}"


def _any(shapes: tuple[Shape, ...]) -> Shape:
    """One shape, or the union of a place's pieces (a border's parts, a country's islands)."""
    return shapes[0] if len(shapes) == 1 else Union(shapes)


def _area_band(rings: tuple[tuple[LatLon, ...], ...], width_m: float) -> Shape:
    """A polygon and every point within width_m of its boundary."""
    return Union((Area(rings), *(Band(r, width_m, closed=True) for r in rings)))


def _area_shape(c: Condition, area: Place, gazetteer: Gazetteer) -> tuple[Shape, str]:
    """Points on the claimed side of an area's edge, widened by the area's uncertainty."""
    if area.kind is PlaceKind.ZONE:
        centre = _zone_centre(area, gazetteer)
        assert area.radius is not None and centre.lat is not None and centre.lon is not None
        u = centre.uncertainty_m + area.uncertainty_m
        radius = area.radius.metres
        note = _uncertainty_note([(centre.id, centre.uncertainty_m), ("edge", area.uncertainty_m)])
        at_centre = zone_centre_interval(c.acceptable, radius)
        lo, hi = at_centre.low - u, at_centre.high + u
        parts: list[Shape] = []
        if math.isfinite(hi):
            parts.append(Disc(centre.lat, centre.lon, max(0.0, hi)))
        if at_centre.low > 0:
            parts.append(Not(Disc(centre.lat, centre.lon, max(0.0, lo))))
        shape = parts[0] if len(parts) == 1 else Inter(tuple(parts))
        span = _span(lo, hi, centre.id)
        return shape, f"{c.label} {area.id}: {span} (radius {_km(radius)}){note}"
    u = area.uncertainty_m
    text = f"{c.label} {area.id}{_uncertainty_note([(area.id, u)])}"
    if c.coast_rule:
        shift = sea_shift_m(0.0, area)  # the located point is exact
        note = (
            f", under the coast rule: near the sea coast the edge is the coast moved out "
            f"{_km(shift)}, a land boundary or the median line with another country's land "
            "(docs/rules.md)"
        )
        return _coast_rule_shape(c.acceptable, area, u, shift), text + note
    if math.isfinite(c.acceptable.high):  # inside (signed distance ≤ 0), or within u of it
        inside = _any(tuple(_area_band(rings, u) for rings in area.polygons))
        return _deep(inside, c.acceptable, area, u), text
    cores = tuple(
        Inter((Area(rings), *(Not(Band(r, u, closed=True)) for r in rings)))
        for rings in area.polygons
    )
    return Not(_any(cores)), text


def _within(area: Place, signed_m: float) -> Shape:
    """Points whose signed distance to the area's outline is at most `signed_m`."""
    rings = tuple(ring for rings in area.polygons for ring in rings)
    inside = _any(tuple(Area(rings) for rings in area.polygons))
    if signed_m >= 0:
        return Union((inside, *(Band(r, signed_m, closed=True) for r in rings)))
    return Inter((inside, Not(_any(tuple(Band(r, -signed_m, closed=True) for r in rings)))))


def _coast_rule_shape(signed: Interval, area: Place, u: float, shift: float) -> Shape:
    """Where the coast rule's signed distance S (analysis.territory), widened by u, lies in
    `signed`: a point of the region is one where the verdict holds. Where S is measured from
    the outline it is the plain signed distance; in the coast's cells it is the nearest of the
    coast moved out by the shift, the land boundaries and the median lines, so S ≤ x there
    wherever the outline is within shift + x (x ≥ 0; nearer the coast than any other country,
    so the median line is no nearer). For a depth (x < 0) the plain part alone is drawn (the
    rule only adds to it near the coast), and what is too deep is taken away wherever the rule
    may make it so: both ways the region keeps only points where the claim holds. `shift`:
    territory.sea_shift_m for the located point, which is exact."""
    high, low = signed.high + u, signed.low - u
    bands = [shift + bound for bound in (high, low) if math.isfinite(bound)]
    cells = CoastCells(area, max(abs(b) for b in (shift, *bands)))  # as far as the bands reach
    parts: list[Shape] = []
    if math.isfinite(high):
        parts.append(_within(area, high))
        if high >= 0:
            parts[0] = Union((parts[0], Inter((cells, _within(area, shift + high)))))
    if math.isfinite(low):  # take away where S < low: the plain part, and the coast's cells
        parts.append(Not(Union((_within(area, low), Inter((cells, _within(area, shift + low)))))))
    return parts[0] if len(parts) == 1 else Inter(tuple(parts))


def _deep(inside: Shape, signed: Interval, area: Place, u: float) -> Shape:
    """Inside, at the stated depth ("30 km inside"): within its deepest reading of some edge
    and beyond its shallowest reading of every edge, each widened by the area's uncertainty."""
    rings = tuple(ring for rings in area.polygons for ring in rings)
    parts = [inside]
    if math.isfinite(signed.low):
        parts.append(_any(tuple(Band(r, -signed.low + u, closed=True) for r in rings)))
    if -signed.high - u > 0:
        parts.append(Not(_any(tuple(Band(r, -signed.high - u, closed=True) for r in rings))))
    return parts[0] if len(parts) == 1 else Inter(tuple(parts))


def _widest(direction: Direction) -> str:
    """The sector a region draws: a cardinal name's four-point one, where the claim can hold."""
    if direction.coarse_half_width_deg is None:
        return str(direction)
    return (
        f"{direction.name} ({direction.centre_deg:g}° ± {direction.coarse_half_width_deg:g}°, "
        "its four-point reading)"
    )


def _sector_shape(apex: Place, direction: Direction, reach_m: float) -> tuple[Shape, str]:
    assert apex.lat is not None and apex.lon is not None
    sector = Sector(
        apex.lat, apex.lon, direction.centre_deg, direction.widest_half_width_deg, reach_m
    )
    u = apex.uncertainty_m
    text = f"{_widest(direction)} of {apex.id}" + _uncertainty_note([(apex.id, u)])
    if u <= 0 or direction.widest_half_width_deg >= 180.0:
        return sector, text
    rays = tuple(Band(ray, u) for ray in sector.rays())
    return Union((sector, Disc(apex.lat, apex.lon, u), *rays)), text


#: How far sector rays are drawn: past the window's far side for any apex within 3000 km of the
#: frame centre (the window is at most 1000 km), so the sector's far arc never enters it.
_SECTOR_REACH_M = 4_000_000.0


def _distance_region(c: Condition, place: Place, gazetteer: Gazetteer) -> tuple[Shape, str]:
    shape, text = _distance_shape(place, c.acceptable, gazetteer)
    return shape, f"{c.label}: {text}"


def _apex(place: Place, gazetteer: Gazetteer) -> Place:
    apex = _zone_centre(place, gazetteer) if place.kind is PlaceKind.ZONE else place
    if apex.kind is not PlaceKind.POINT:
        raise _NotLocatable(
            f"locate draws directions between points only, not from {place.id!r}, a "
            f"{place.kind.value} (its side or nearest point)"
        )
    return apex


def _sector_region(c: Condition, place: Place, gazetteer: Gazetteer) -> tuple[Shape, str]:
    apex = _apex(place, gazetteer)
    assert c.direction is not None  # every AZIMUTH condition carries its sector
    return _sector_shape(apex, c.direction, _SECTOR_REACH_M)


def _back_sector_region(c: Condition, place: Place, gazetteer: Gazetteer) -> tuple[Shape, str]:
    """The unknown place is the reference: the known subject lies in the direction from it."""
    apex = _apex(place, gazetteer)
    direction = c.direction
    assert direction is not None and apex.lat is not None and apex.lon is not None
    sector = BackSector(
        apex.lat, apex.lon, direction.centre_deg, direction.widest_half_width_deg, _SECTOR_REACH_M
    )
    u = apex.uncertainty_m
    text = (
        f"{apex.id} lies {_widest(direction)} of it (the back azimuth, on the geodesic)"
        + _uncertainty_note([(apex.id, u)])
    )
    if u <= 0 or direction.widest_half_width_deg >= 180.0:
        return sector, text
    rays = tuple(Band(tuple(ray), u) for ray in sector.rays())
    return Union((sector, Disc(apex.lat, apex.lon, u), *rays)), text


def _tile_ring(box: Box, part: str) -> tuple[LatLon, ...]:
    """The part's tiles as a ring densified along its parallels (0.1°): its geodesic edges follow
    them."""
    (row_low, row_high), (column_low, column_high) = PART_TILES[part]
    lats = (box.south, *box.parallels, box.north)
    lons = (box.west, *box.meridians, box.east)
    south, north = lats[row_low], lats[row_high + 1]
    west, east = lons[column_low], lons[column_high + 1]
    steps = max(1, math.ceil((east - west) / 0.1))
    along = [west + (east - west) * i / steps for i in range(steps + 1)]
    return (*((south, x) for x in along), *((north, x) for x in reversed(along)))


def _part_region(c: Condition, area: Place, gazetteer: Gazetteer) -> tuple[Shape, str]:
    part = c.direction
    assert part is not None
    if area.kind is PlaceKind.ZONE:
        shape, text = _sector_shape(_zone_centre(area, gazetteer), part, _SECTOR_REACH_M)
        return shape, f"in the {part.name} part of {area.id}: {text}"
    box = Box.around(area.vertices)
    ring = _tile_ring(box, part.name)
    u = area.uncertainty_m
    tile: Shape = Area((ring,))
    if u > 0:
        tile = Union((tile, Band(ring, u, closed=True)))
    rule = PART_RULES[is_corner(part.name)]
    text = f"in the {part.name} part of {area.id} ({box.describe(part.name)}: {rule})"
    return tile, text + _uncertainty_note([(area.id, u)])


def _relates(subject_is_unknown: bool, reference_is_unknown: bool) -> str | None:
    if subject_is_unknown == reference_is_unknown:
        return "it does not relate this place to a known one"
    return None


def _subject_only(subject_is_unknown: bool, _reference_is_unknown: bool) -> str | None:
    return None if subject_is_unknown else "its subject is not this place"


def _nowhere(_subject_is_unknown: bool, _reference_is_unknown: bool) -> str | None:
    return "it does not locate a place"


Region = Callable[[Condition, Place, Gazetteer], tuple[Shape, str]]


@frozen
class _Locating:
    """How a quantity locates the unknown place: which end it may be, and the region."""

    #: why a claim cannot locate the place, given which ends are the unknown place; None if it can
    why_not: Callable[[bool, bool], str | None]
    #: the region around the known place when the unknown one is the subject (None: nowhere)
    region: Region | None
    #: the region when the unknown place is the reference (None when only the subject locates)
    reverse: Region | None = None


#: A distance locates either end from the other, a direction either end by its back azimuth;
#: an area or its part, only the subject.
_LOCATING: dict[Quantity, _Locating] = {
    Quantity.DISTANCE: _Locating(_relates, _distance_region, _distance_region),
    Quantity.AZIMUTH: _Locating(_relates, _sector_region, _back_sector_region),
    Quantity.AREA: _Locating(_subject_only, _area_shape),
    Quantity.PART: _Locating(_subject_only, _part_region),
    Quantity.RADIUS: _Locating(_nowhere, None),
}


def _claim_shape(
    claim: Claim, unknown: Place, gazetteer: Gazetteer, about: Decimal
) -> tuple[Shape, str, str] | str:
    """The claim's region, its description and what of it was not drawn (or ""); or why it
    cannot constrain `unknown` at all."""
    a = claim.assertion
    subject_is_unknown = _unique(gazetteer, a.subject) is unknown
    reference_is_unknown = _unique(gazetteer, a.reference) is unknown
    for quantity in a.quantities:
        why = _LOCATING[quantity].why_not(subject_is_unknown, reference_is_unknown)
        if why is not None:
            return why
    other_ref = a.reference if subject_is_unknown else a.subject
    undrawn: dict[str, None] = {}

    def located(p: Place) -> tuple[Shape, str]:
        regions, failures = [], []
        for c in a.conditions(p if subject_is_unknown else unknown, about):
            spec = _LOCATING[c.quantity]
            region = spec.region if subject_is_unknown else spec.reverse
            assert region is not None  # quantities that cannot locate were turned away above
            try:
                regions.append(region(c, p, gazetteer))
            except _NotLocatable as exc:  # e.g. a direction from a line: draw the rest
                failures.append(f"its {c.name}: {exc}")
        if not regions:
            raise _NotLocatable(failures[0].split(": ", 1)[1])
        undrawn.update(dict.fromkeys(failures))
        shapes = [shape for shape, _text in regions]
        shape = shapes[0] if len(shapes) == 1 else Inter(tuple(shapes))
        return shape, "; ".join(text for _shape, text in regions)

    result = _over_readings(gazetteer, other_ref, located)
    if isinstance(result, str):
        return result
    return (*result, "; ".join(undrawn))


class _NotLocatable(Exception):
    """A reading that gives no region (e.g. a direction from a line)."""


def _unique(gazetteer: Gazetteer, ref: PlaceRef) -> Place | None:
    return gazetteer.resolve(ref).place


def _over_readings(
    gazetteer: Gazetteer, ref: PlaceRef, build: Callable[[Place], tuple[Shape, str]]
) -> tuple[Shape, str] | str:
    """One reading: its region. Several (an ambiguous name): the union, since any may be meant."""
    places = gazetteer.resolve(ref).places
    if not places:
        return f"{ref.text!r} is not in the places file"
    unknown = [p.id for p in places if not p.has_position]
    if unknown:
        return f"{', '.join(unknown)} has no coordinates"
    try:
        built = [build(p) for p in places]
    except _NotLocatable as exc:
        return str(exc)
    if len(built) == 1:
        return built[0]
    ids = ", ".join(p.id for p in places)
    text = f"any of {len(places)} readings of {ref.text!r} ({ids}): " + " | ".join(
        t for _s, t in built
    )
    return Union(tuple(s for s, _t in built)), text


def constraints_for(
    place: Place, claims: Iterable[Claim], gazetteer: Gazetteer, about: Decimal = ABOUT_FRACTION
) -> tuple[list[Constraint], list[Skipped]]:
    """The claims that name `place` unambiguously, as constraints; the rest of them, skipped.

    `about` is the least slack of a hedged figure (the claims file's policy).
    """
    constraints: list[Constraint] = []
    skipped: list[Skipped] = []
    for claim in claims:
        if all(_unique(gazetteer, ref) is not place for ref in claim.place_refs()):
            continue
        result = _claim_shape(claim, place, gazetteer, about)
        if isinstance(result, str):
            skipped.append(Skipped(claim.id, claim.claimant, result))
            continue
        shape, text, undrawn = result
        if undrawn:  # used, but not all of it: say which part and why
            text += f" (not drawn: {undrawn})"
            skipped.append(Skipped(claim.id, claim.claimant, f"not drawn: {undrawn}", True))
        constraints.append(Constraint(claim.id, claim.claimant, claim.quote, text, shape))
    return constraints, skipped
