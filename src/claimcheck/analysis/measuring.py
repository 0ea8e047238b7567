"""Each condition of a claim, measured: a draft check that asks its probabilities of a batch.

Drafts are made for every claim first and the probabilities solved together (geo.probability:
one vectorised pass, whatever the number of claims); then each draft becomes its check.

Directions from places that are not points:
- from a zone: from its centre;
- from a polygon: from its nearest point, for a subject outside it (the outward normal of the
  nearest edge, or the direction from the nearest vertex);
- from a line ("west of the border"): the side of the line the direction names. The subject is
  on it when its azimuth from the line's nearest point lies within 90° of the direction; a
  direction within its sector's half-width of the line's own course names no side.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal

from claimcheck.analysis.checks import (
    AngleCheck,
    Chance,
    Check,
    LengthCheck,
    Limits,
    PartCheck,
    Sides,
    decision_text,
    margin,
    route_decision_text,
)
from claimcheck.analysis.territory import TerritoryEdge, edge_text, territory_edge
from claimcheck.claims.meaning import Condition, Quantity, zone_centre_interval
from claimcheck.frozen import frozen
from claimcheck.gazetteer.places import Place, PlaceKind
from claimcheck.geo import geodesic as geodesy
from claimcheck.geo.measure import (
    Measured,
    Measurer,
    Nearest,
    NotMeasurable,
    azimuth_uncertainty_deg,
)
from claimcheck.geo.parts import PART_RULES, TILE_NAMES, Box, in_part, is_corner, part_terms
from claimcheck.geo.probability import Batch, Spread, SpreadKind
from claimcheck.grammar.directions import Direction, compass
from claimcheck.grammar.interval import Interval
from claimcheck.grammar.routes import CIRCUITY, Route
from claimcheck.grammar.units import Unit

_ABOVE = Interval(0.0, math.inf, low_open=True)


#: What a draft asked of the batch for one reading: P(holds) alone (a direction, a part: their
#: outside is one piece), or for a length P(below) and P(above) its interval, whose
#: complement P(holds) is (docs/rules.md, "The decision").
Asked = int | tuple[int, int]


def _answer(batch: Batch, asked: Asked) -> tuple[float, Sides | None]:
    results = batch.results
    if isinstance(asked, int):
        return results[asked], None
    below, above = results[asked[0]], results[asked[1]]
    inside = 1.0 - below - above
    return (inside if inside > 0.0 else 0.0), Sides(below, above)


@frozen
class Draft:
    """A check waiting for its probabilities: under the strict and the lenient reading."""

    strict: Asked
    lenient: Asked
    build: Callable[[Chance], Check]

    def finish(self, batch: Batch, confidence: Decimal) -> Check:
        lenient, sides = _answer(batch, self.lenient)
        if self.strict == self.lenient:
            return self.build(Chance(lenient, lenient, confidence, sides, sides))
        strict, strict_sides = _answer(batch, self.strict)
        return self.build(Chance(strict, lenient, confidence, sides, strict_sides))


@frozen
class Context:
    """What every measurement needs: the measurer and the batch the probabilities go to."""

    measurer: Measurer
    batch: Batch


def _fmt(value_m: float, unit: Unit) -> str:
    return f"{value_m / unit.metres:,.1f} {unit.value}"


def _unit(condition: Condition) -> Unit:
    assert condition.unit is not None  # every length condition has its figure's unit
    return condition.unit


def _route_text(c: Condition, best_m: float) -> str:
    """How the route's length compares with the geodesic, and the circuity rule."""
    assert c.route is not None
    circuity = CIRCUITY[c.route]
    factor = f"{c.figure_m / best_m:.2f}×" if best_m > 0 else "unbounded×"
    return (
        f"; by {c.route.value} the claimed figure is {factor} the geodesic: a route is "
        f"possible when no shorter than the geodesic, plausible up to {circuity.most:g}× it "
        f"({circuity.source})"
    )


def _length_draft(
    ctx: Context,
    c: Condition,
    what: str,
    measured: Measured,
    spread: Spread,
    shown: Interval | None = None,
    nearest: Nearest | None = None,
    territory: TerritoryEdge | None = None,
    points: bool = False,
) -> Draft:
    """A length check; `shown` is the interval to display when it is not `c.acceptable` (a zone
    measured from its centre); `points`: a distance between two points, which a road joins."""
    unit = _unit(c)
    lenient = ctx.batch.ask_outside(spread, c.acceptable)
    strict = lenient if c.strict is None else ctx.batch.ask_outside(spread, c.strict)
    display = c.acceptable if shown is None else shown
    ends = None
    acceptable = c.acceptable
    if c.route is None and acceptable.low > spread.least() and acceptable.high < math.inf:
        width = acceptable.high - acceptable.low  # two-sided: its ends decide (ISO 14253-1)
        ends = Limits(display.low, display.high, unit, spread, width)

    def build(chance: Chance) -> Check:
        verdict = chance.verdict
        m = margin(measured.best, display)
        span = f"{what} is {_fmt(measured.best, unit)}"
        if measured.low != measured.high:
            low = f"{measured.low / unit.metres:,.1f}"
            span += f" (worst case {low}–{_fmt(measured.high, unit)})"
        if c.route is not None:
            span += _route_text(c, measured.best)
        if c.route is not None:
            decision = route_decision_text(chance, c.claimed, c.readings)
        else:
            strict_range = display if c.strict is None or shown is not None else c.strict
            best = (strict_range.contains(measured.best), display.contains(measured.best))
            decision = decision_text(chance, c.claimed, c.readings, spread.fixed, best, ends)
        road = None
        if points and c.route is None and verdict is verdict.INCONSISTENT:
            road = road_factor(display, measured.best)
        reason = f"{span}; {decision}{road_text(road)}"
        decide_below = abs(m) if verdict is verdict.INCONCLUSIVE else None
        return LengthCheck(
            c.name, verdict, measured, display, c.claimed, unit, m, decide_below, reason,
            nearest, chance, None if c.strict is None or shown is not None else c.strict,
            c.readings, c.figure_m if c.route is not None else 0.0, territory, road, ends,
        )  # fmt: skip

    return Draft(strict, lenient, build)


def road_factor(claimed: Interval, geodesic_m: float) -> tuple[float, float] | None:
    """The claimed range over the straight line, where the claim is longer than the straight
    line and a road could be that long (no more than roads' plausible circuity); else None."""
    most = CIRCUITY[Route.ROAD].most
    if geodesic_m <= 0 or claimed.low <= geodesic_m or claimed.low > most * geodesic_m:
        return None
    return claimed.low / geodesic_m, claimed.high / geodesic_m


def road_text(factor: tuple[float, float] | None) -> str:
    """The road hint for a reason: what the claim would be if it meant the road distance."""
    if factor is None:
        return ""
    low, high = factor
    times = f"at least {low:.2f}×" if math.isinf(high) else f"{low:.2f}–{high:.2f}×"
    return (
        f"; a road could be that long ({times} the straight line, within roads' plausible "
        f"circuity of up to {CIRCUITY[Route.ROAD].most:g}×, docs/rules.md): if the report "
        "meant the distance by road, say so with `along: road`"
    )


def _distance(ctx: Context, c: Condition, subject: Place, reference: Place) -> Draft:
    dist = ctx.measurer.distance(subject, reference)
    what = f"the distance from {subject.id} to {reference.id}"
    if reference.kind is PlaceKind.ZONE:
        what = f"the distance from {subject.id} to the edge of {reference.id}"
    points = subject.kind is PlaceKind.POINT and reference.kind is PlaceKind.POINT
    return _length_draft(
        ctx, c, what, dist.distance, dist.spread, nearest=dist.nearest, points=points
    )


def _area(ctx: Context, c: Condition, subject: Place, area: Place) -> Draft:
    """A zone is measured from its centre (its edge is declared, not drawn); a polygon, signed."""
    m = ctx.measurer
    if area.kind is PlaceKind.ZONE:
        assert area.radius is not None
        dist = m.to_zone_centre(subject, area)
        shown = zone_centre_interval(c.acceptable, area.radius.metres)
        what = f"the distance from {subject.id} to the centre of {area.id}"
        return _length_draft(ctx, c, what, dist.distance, dist.spread, shown)
    if subject.kind is not PlaceKind.POINT:
        raise NotMeasurable(f"{subject.id!r} is a {subject.kind.value}, not a point")
    signed = m.signed_to_polygon(subject, area)
    edge = territory_edge(subject, area, signed.distance.best) if c.coast_rule else None
    if edge is not None:
        a, b = subject.uncertainty_m, area.uncertainty_m
        spread = Spread(SpreadKind.NORMAL, edge.signed_m, a, b)
        measured = Measured.around(edge.signed_m, a + b, floor=None)
        nearest = edge.nearest or signed.nearest
        return _length_draft(ctx, c, edge_text(subject, area, edge), measured, spread,
                             nearest=nearest, territory=edge)  # fmt: skip
    what = f"the signed distance from {subject.id} to the boundary of {area.id} (negative inside)"
    return _length_draft(ctx, c, what, signed.distance, signed.spread, nearest=signed.nearest)


def _radius(ctx: Context, c: Condition, zone: Place, _zone: Place) -> Draft:
    assert zone.radius is not None
    radius = zone.radius.metres
    what = f"the declared radius of {zone.id} ({zone.radius})"
    spread = Spread(SpreadKind.RADIAL, radius, 0.0, 0.0)
    return _length_draft(ctx, c, what, Measured(radius, radius, radius), spread)


def _angle_draft(
    ctx: Context,
    c: Condition,
    azimuth: float,
    worst_deg: float,
    spread: Spread | None,
    sector: Interval,
    how: str,
    half_width: float | None = None,
    claimed: str | None = None,
    side: bool = False,
    strict: tuple[Spread | None, Interval] | None = None,
) -> Draft:
    """An angle check: the claim holds with the probability that `spread` lies in `sector`
    (degrees, or (0, ∞) for a side); `spread` None when it certainly fails. The margin is taken
    from a sector `half_width` either side of the direction (its own widest, unless given).
    `strict`: the spread and sector of a cardinal name's strict reading (claims.meaning)."""
    direction = c.direction
    assert direction is not None  # every AZIMUTH condition carries its sector
    batch = ctx.batch
    index = batch.ask(spread, sector) if spread is not None else batch.ask_sum([])
    strict_index = index
    if strict is not None:
        strict_spread, strict_sector = strict
        strict_index = (
            batch.ask(strict_spread, strict_sector)
            if strict_spread is not None
            else batch.ask_sum([])
        )
    off = abs((azimuth - direction.centre_deg + 180.0) % 360.0 - 180.0)
    m = (direction.widest_half_width_deg if half_width is None else half_width) - off
    inside_strict = (m if strict is None else direction.half_width_deg - off) > 0
    acceptable, shown = c.acceptable, c.claimed
    if half_width is not None:
        # a side of a line: what the check shows is the half-plane it decided on, not the
        # ±22.5° compass sector, so that no output puts a bearing "inside" a sector it is not in
        centre = direction.centre_deg
        acceptable = Interval(centre - half_width, centre + half_width)
        shown = f"{direction.name} (the side facing {centre:g}° ± {half_width:g}°) from the line"

    def build(chance: Chance) -> Check:
        verdict = chance.verdict
        bearing = f"bearing {azimuth:.1f}° ({compass(azimuth)}) {how}"
        if worst_deg:
            bearing += f", worst case ±{worst_deg:.1f}°"
        exact = spread is None or spread.fixed
        readings = c.readings if strict is not None else ""
        decision = decision_text(
            chance, claimed or c.claimed, readings, exact=exact, best=(inside_strict, m > 0)
        )
        reason = f"{bearing}; {decision}"
        measured = Measured(azimuth, azimuth - worst_deg, azimuth + worst_deg)
        decide_below = abs(m) if verdict is verdict.INCONCLUSIVE else None
        return AngleCheck(
            c.name, verdict, measured, acceptable, shown, m, decide_below, reason, chance, side,
            None if strict is None else c.strict,
        )  # fmt: skip

    return Draft(strict_index, index, build)


def _sector(direction: Direction) -> Interval:
    return Interval(
        direction.centre_deg - direction.half_width_deg,
        direction.centre_deg + direction.half_width_deg,
    )


def _azimuth(ctx: Context, c: Condition, subject: Place, reference: Place) -> Draft:
    m = ctx.measurer
    direction = c.direction
    assert direction is not None
    if subject.kind is not PlaceKind.POINT:
        raise NotMeasurable(f"{subject.id!r} is a {subject.kind.value}, not a point")
    if reference.kind is PlaceKind.LINE:
        return _side(ctx, c, subject, reference, direction)
    if reference.kind is PlaceKind.POLYGON:
        return _from_area(ctx, c, subject, reference, direction)
    anchor = m.anchor(reference)
    dist = m.distance(subject, anchor)
    assert dist.azimuth_deg is not None  # point to point
    d = dist.distance.best
    a, b = subject.uncertainty_m, anchor.uncertainty_m
    if d == 0 and a + b == 0:
        raise NotMeasurable(f"{subject.id!r} is at {anchor.id!r}: no direction between them")
    spread = Spread(SpreadKind.AZIMUTH, d, a, b, azimuth=dist.azimuth_deg)
    worst = azimuth_uncertainty_deg(d, a + b)
    strict = None if c.strict is None else (spread, c.strict)
    return _angle_draft(
        ctx, c, dist.azimuth_deg, worst, spread, c.acceptable, f"from {anchor.id}", strict=strict
    )


def _nearest_azimuth(subject: Place, nearest: Nearest) -> float:
    assert subject.lat is not None and subject.lon is not None
    return geodesy.inverse(nearest.lat, nearest.lon, subject.lat, subject.lon).azimuth_deg


def _side(ctx: Context, c: Condition, subject: Place, line: Place, direction: Direction) -> Draft:
    dist = ctx.measurer.distance(subject, line)
    nearest = dist.nearest
    assert nearest is not None
    s = dist.distance.best
    if s == 0:
        raise NotMeasurable(f"{subject.id!r} lies on {line.id!r}: on neither side of it")
    azimuth = _nearest_azimuth(subject, nearest)
    off = abs((azimuth - direction.centre_deg + 180.0) % 360.0 - 180.0)
    if abs(off - 90.0) < direction.half_width_deg:
        course = compass(azimuth + 90.0)
        raise NotMeasurable(
            f"{line.id!r} runs {course}–{compass(azimuth - 90.0)} at its nearest point to "
            f"{subject.id!r}, so '{direction.name} of' it names no side of it"
        )
    signed = s if off < 90.0 else -s
    spread = Spread(SpreadKind.NORMAL, signed, subject.uncertainty_m, line.uncertainty_m)
    side = Interval(direction.centre_deg - 90.0, direction.centre_deg + 90.0)
    return _angle_draft(
        ctx, c, azimuth, 0.0, spread, _ABOVE,
        f"from the nearest point of {line.id}, {s / 1000:,.1f} km away: the side facing "
        f"{direction.name} is where that bearing lies within 90° of {direction.centre_deg:g}° "
        f"({side.low % 360:g}°–{side.high % 360:g}°)",
        half_width=90.0, claimed=f"on the side of {line.id} facing {direction.name}", side=True,
    )  # fmt: skip


def _from_area(
    ctx: Context, c: Condition, subject: Place, polygon: Place, direction: Direction
) -> Draft:
    signed = ctx.measurer.signed_to_polygon(subject, polygon)
    s = signed.distance.best
    if s <= 0:
        raise NotMeasurable(
            f"{subject.id!r} is inside {polygon.id!r}: a direction from an area is measured "
            f"from outside it (for a part of the area, write 'part: {direction.name}')"
        )
    nearest = signed.nearest
    assert nearest is not None
    azimuth = _nearest_azimuth(subject, nearest)
    a, b = subject.uncertainty_m, polygon.uncertainty_m
    how = f"from the nearest point of {polygon.id}, {s / 1000:,.1f} km away"
    if nearest.at_vertex:
        from_vertex = Spread(SpreadKind.AZIMUTH, s, a, b, azimuth=azimuth)
        worst = azimuth_uncertainty_deg(s, a + b)
        strict = None if c.strict is None else (from_vertex, c.strict)
        return _angle_draft(ctx, c, azimuth, worst, from_vertex, c.acceptable,
                            f"{how} (a vertex)", strict=strict)  # fmt: skip

    # From an edge the bearing is its outward normal for as long as the subject stays outside.
    def normal(sector: Interval) -> tuple[Spread | None, Interval]:
        if (azimuth - sector.low) % 360.0 <= sector.high - sector.low:
            return Spread(SpreadKind.NORMAL, s, a, b), _ABOVE
        return None, sector

    return _angle_draft(
        ctx, c, azimuth, 0.0, *normal(c.acceptable),
        f"{how} (the edge's outward normal, while the subject stays outside)",
        strict=None if c.strict is None else normal(c.strict),
    )  # fmt: skip


def _part(ctx: Context, c: Condition, subject: Place, area: Place) -> Draft:
    part = c.direction
    assert part is not None
    if subject.kind is not PlaceKind.POINT:
        raise NotMeasurable(f"{subject.id!r} is a {subject.kind.value}, not a point")
    assert subject.lat is not None and subject.lon is not None
    m = ctx.measurer
    if area.kind is PlaceKind.ZONE:
        centre = m.anchor(area)
        dist = m.distance(subject, centre)
        assert dist.azimuth_deg is not None
        spread = Spread(
            SpreadKind.AZIMUTH, dist.distance.best, subject.uncertainty_m, centre.uncertainty_m,
            azimuth=dist.azimuth_deg,
        )  # fmt: skip
        index = ctx.batch.ask(spread, _sector(part))
        found = compass(dist.azimuth_deg)
        sector = _sector(part)
        bounds = f"the sector {sector.low % 360:g}°–{sector.high % 360:g}° seen from {centre.id}"
        inside_part = found == part.name
        limits = ""
    else:
        box = Box.around(area.vertices)
        terms = part_terms(
            subject.lat, subject.lon, box, part.name, subject.uncertainty_m, area.uncertainty_m
        )
        index = ctx.batch.ask_sum(terms)
        row, column = box.tile_of(subject.lat, subject.lon)
        found = TILE_NAMES[(row, column)]
        inside_part = in_part(part.name, row, column)
        limits = box.describe(part.name)
        bounds = f"{limits} in {area.id}: {PART_RULES[is_corner(part.name)]}"

    def build(chance: Chance) -> Check:
        where = (
            f"{subject.id} is in the {found} part" if found else f"{subject.id} is in the middle"
        )
        decision = decision_text(chance, c.claimed, best=(inside_part, inside_part))
        reason = f"{where}; the {part.name} part is {bounds}; {decision}"
        return PartCheck(
            "part", chance.verdict, found, bounds, c.claimed, reason, chance,
            part=part.name, area=area.id, limits=limits, corner=is_corner(part.name),
            inside=inside_part,
        )  # fmt: skip

    return Draft(index, index, build)


#: How each quantity is measured between the subject and the reference.
MEASURE: dict[Quantity, Callable[[Context, Condition, Place, Place], Draft]] = {
    Quantity.DISTANCE: _distance,
    Quantity.AREA: _area,
    Quantity.AZIMUTH: _azimuth,
    Quantity.RADIUS: _radius,
    Quantity.PART: _part,
}
