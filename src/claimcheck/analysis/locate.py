"""Where could an unknown place be? Each claim about it becomes a geodesic region; we intersect.

A claim becomes the set of points where it *could* be true: the known place's uncertainty r
widens every region (a point within r of the stated position may be the true one), so
"more than 45 mi from X" with r = 8 km keeps every point farther than 72.4 − 8 km from X, and
"inside a 55 km zone" whose centre is known to 7 km and edge to 2.5 km admits 64.5 km. A direction
sector is widened the same way: every point within r of the geodesic sector.

Regions are built from a few primitives (geodesic disc, band along a line of geodesic edges,
polygon, geodesic sector) combined by union, intersection and complement, each both as a
shapely geometry in one azimuthal-equidistant frame (`geometry.local_aeqd`) and as an exact
geodesic "margin" (how far inside the point is), which the tests use as the brute-force truth.

Edge error bound. Every vertex of every region lies on its true geodesic boundary (computed with
Karney's geodesics, < 1 mm; the aeqd transform is exact to the mm): circle points by
`geodesic_circle`, band edges by offsetting densified vertices perpendicular to the geodesic,
sector rays along geodesics. Only the straight chords between vertices stray from the boundary:
circles get enough vertices for a sagitta ≤ CHORD_TOLERANCE_M and lines are densified every
DENSIFY_M (sagitta < 1 m). Within 250 km of the frame centre the frame's scale is below 1.0003,
so edges lie within about 10 m of the true boundary: EDGE_TOLERANCE_M (100 m) is what we promise
and test for regions up to 500 km across (the default window).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import reduce
from typing import TYPE_CHECKING, Any

from claimcheck.claims.model import (
    Claim,
    DirectionAssertion,
    DistanceAssertion,
    InsideAssertion,
    NearAssertion,
)
from claimcheck.errors import UsageError
from claimcheck.gazetteer.places import Gazetteer, LatLon, Place, PlaceKind, PlaceRef, Source
from claimcheck.geo import geodesic as geodesy
from claimcheck.grammar.directions import Direction, parse_direction
from claimcheck.grammar.relations import Interval, RelationError, parse_requirement
from claimcheck.grammar.units import UnitError, parse_length

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from claimcheck.geo.lines import LocalAeqd

#: What we promise (and test): region edges lie within this of the true geodesic boundary.
EDGE_TOLERANCE_M = 100.0
#: Sagitta allowed for the chords of a circle polygon.
CHORD_TOLERANCE_M = 5.0
#: Longest chord along a line, a band edge or a sector ray.
DENSIFY_M = 2_000.0
#: Regions are computed within this distance of the frame centre (500 km across).
DEFAULT_WINDOW_M = 250_000.0
#: geometry.LocalAeqd: within 500 km of the frame's centre, planar distance ≤ 1.0011 × geodesic
_AEQD_EXCESS = 0.0011
#: chord error allowed for a buffer's round caps and joins
_BUFFER_SAGITTA_M = 10.0
#: widest band built as a planar buffer: its error stays within EDGE_TOLERANCE_M / 2
_BUFFER_MAX_WIDTH_M = (EDGE_TOLERANCE_M / 2 - _BUFFER_SAGITTA_M) / _AEQD_EXCESS
#: Below this area (m² in the frame) a region counts as empty: it is a touching edge at most.
_EMPTY_AREA_M2 = 1.0
#: Exhaustive search for the smallest conflicting set stops beyond this many subsets.
_MAX_SUBSETS = 5_000


# --- primitives: each is a shapely geometry in the frame and an exact geodesic margin ---------


@dataclass(frozen=True)
class _Frame:
    """The shared planar frame and the window every region is clipped to."""

    aeqd: LocalAeqd
    lat: float
    lon: float
    window_m: float
    window: BaseGeometry

    def xy(self, points: Sequence[LatLon]) -> Any:
        """An (n, 2) array of frame coordinates, which shapely takes without a Python loop."""
        import numpy as np

        lat_lon = np.asarray(points, dtype=float).reshape(-1, 2)
        xs, ys = self.aeqd.to_xy.transform(lat_lon[:, 1], lat_lon[:, 0])
        return np.column_stack((xs, ys))

    def distances(self, points: Sequence[LatLon]) -> list[float]:
        """Geodesic distances (m) from the frame centre."""
        n = len(points)
        dists, _az = geodesy.inverse_many(
            [self.lat] * n, [self.lon] * n, [p[0] for p in points], [p[1] for p in points]
        )
        return dists


def _circle_vertices(radius_m: float) -> int:
    """Vertices for a chord sagitta r(1 − cos(π/n)) ≤ CHORD_TOLERANCE_M."""
    n = math.pi / math.acos(max(-1.0, 1.0 - CHORD_TOLERANCE_M / radius_m))
    return min(20_000, max(32, math.ceil(n)))


@dataclass(frozen=True)
class Disc:
    """Points within radius_m (geodesic) of a centre."""

    lat: float
    lon: float
    radius_m: float

    def margin_m(self, lat: float, lon: float) -> float:
        return self.radius_m - geodesy.distance_m(self.lat, self.lon, lat, lon)

    def anchors(self) -> list[LatLon]:
        return [(self.lat, self.lon)]

    def build(self, frame: _Frame) -> BaseGeometry:
        from shapely import Polygon

        from claimcheck.geo.lines import geodesic_circle

        if self.radius_m <= 0.0:
            return Polygon()
        offset = geodesy.distance_m(frame.lat, frame.lon, self.lat, self.lon)
        if offset + frame.window_m <= self.radius_m:
            return frame.window
        if offset - frame.window_m >= self.radius_m:
            return Polygon()
        ring = geodesic_circle(self.lat, self.lon, self.radius_m, _circle_vertices(self.radius_m))
        return Polygon(frame.xy(ring))


@dataclass(frozen=True)
class Band:
    """Points within width_m of a line of geodesic edges (a ring when closed)."""

    vertices: tuple[LatLon, ...]
    width_m: float
    closed: bool = False

    @property
    def _line(self) -> list[LatLon]:
        if self.closed and self.vertices[0] != self.vertices[-1]:
            return [*self.vertices, self.vertices[0]]
        return list(self.vertices)

    def margin_m(self, lat: float, lon: float) -> float:
        from claimcheck.geo.lines import distance_to_line_m

        return self.width_m - distance_to_line_m(lat, lon, self._line)

    def anchors(self) -> list[LatLon]:
        return []

    def build(self, frame: _Frame) -> BaseGeometry:
        """A planar buffer where its error is provably small, else strips and vertex discs."""
        import shapely
        from shapely import Polygon

        if self.width_m <= 0.0:
            return Polygon()
        line = self._line
        if self.width_m <= _BUFFER_MAX_WIDTH_M:
            return self._buffer(line, frame)
        reach = frame.window_m + self.width_m + DENSIFY_M
        dists = frame.distances(line)
        parts: list[BaseGeometry] = []
        for (lat, lon), dist in zip(line, dists, strict=True):
            if dist <= reach:
                parts.append(Disc(lat, lon, self.width_m).build(frame))
        for i in range(len(line) - 1):
            length = geodesy.distance_m(*line[i], *line[i + 1])
            if min(dists[i], dists[i + 1]) > reach + length:
                continue
            strip = self._strip(line[i], line[i + 1], frame)
            if strip is not None:
                parts.append(strip)
        return shapely.union_all(parts) if parts else Polygon()

    def _buffer(self, line: list[LatLon], frame: _Frame) -> BaseGeometry:
        """shapely's buffer of the projected, densified line: ~10x faster than strips.

        In the frame, planar distance is at least the geodesic one and at most
        `_AEQD_EXCESS` longer (geometry.LocalAeqd), and the buffer's arcs are chords with
        sagitta `_BUFFER_SAGITTA_M`; both only shrink the band, by at most
        width × _AEQD_EXCESS + _BUFFER_SAGITTA_M, which `_BUFFER_MAX_WIDTH_M` keeps within
        half of EDGE_TOLERANCE_M.
        """
        from shapely import LineString

        from claimcheck.geo.lines import densify

        path = densify(line, DENSIFY_M)
        angle = math.acos(1.0 - _BUFFER_SAGITTA_M / self.width_m)
        quad_segs = max(8, math.ceil(math.pi / (4.0 * angle)))
        return LineString(frame.xy(path)).buffer(self.width_m, quad_segs=quad_segs)

    def _strip(self, a: LatLon, b: LatLon, frame: _Frame) -> BaseGeometry | None:
        from shapely import Polygon

        from claimcheck.geo.lines import densify

        points = densify([a, b], DENSIFY_M)
        if len(points) < 2 or points[0] == points[-1]:
            return None
        geod = geodesy.wgs84()
        lats = [p[0] for p in points]
        lons = [p[1] for p in points]
        fwd, back, _dist = geod.inv(lons[:-1], lats[:-1], lons[1:], lats[1:])
        # forward azimuth at each vertex along the edge; at the end, the reversed back azimuth
        azimuths = [float(x) for x in fwd] + [float(back[-1]) + 180.0]
        n = len(points)
        width = [self.width_m] * n
        left_lon, left_lat, _b = geod.fwd(lons, lats, [az - 90.0 for az in azimuths], width)
        right_lon, right_lat, _b = geod.fwd(lons, lats, [az + 90.0 for az in azimuths], width)
        left = list(zip(left_lat, left_lon, strict=True))
        right = list(zip(right_lat, right_lon, strict=True))
        strip = Polygon(frame.xy([*left, *reversed(right)]))
        return strip if strip.is_valid else strip.buffer(0)


@dataclass(frozen=True)
class Area:
    """The inside of a polygon with geodesic edges: rings[0] outer, the rest holes."""

    rings: tuple[tuple[LatLon, ...], ...]

    def margin_m(self, lat: float, lon: float) -> float:
        from claimcheck.geo.lines import signed_distance_to_polygon_m

        return -signed_distance_to_polygon_m(lat, lon, self.rings).signed_distance_m

    def anchors(self) -> list[LatLon]:
        return []

    def build(self, frame: _Frame) -> BaseGeometry:
        from shapely import Polygon

        from claimcheck.geo.lines import densify

        outer, *holes = (frame.xy(densify([*ring, ring[0]], DENSIFY_M)) for ring in self.rings)
        polygon = Polygon(outer, holes)
        return polygon if polygon.is_valid else polygon.buffer(0)


@dataclass(frozen=True)
class Sector:
    """Points whose azimuth from the apex lies within centre ± half-width (a geodesic sector)."""

    lat: float
    lon: float
    centre_deg: float
    half_width_deg: float
    #: how far the rays are drawn (beyond the window)
    reach_m: float

    def rays(self) -> tuple[tuple[LatLon, LatLon], tuple[LatLon, LatLon]]:
        ends = [
            geodesy.forward(self.lat, self.lon, self.centre_deg + s * self.half_width_deg,
                            self.reach_m)
            for s in (-1.0, 1.0)
        ]  # fmt: skip
        apex = (self.lat, self.lon)
        return (apex, ends[0]), (apex, ends[1])

    def margin_m(self, lat: float, lon: float) -> float:
        from claimcheck.geo.lines import distance_to_line_m

        if self.half_width_deg >= 180.0:
            return math.inf
        to_rays = min(distance_to_line_m(lat, lon, list(ray)) for ray in self.rays())
        inv = geodesy.inverse(self.lat, self.lon, lat, lon)
        off = abs((inv.azimuth_deg - self.centre_deg + 180.0) % 360.0 - 180.0)
        return to_rays if inv.distance_m > 0 and off <= self.half_width_deg else -to_rays

    def anchors(self) -> list[LatLon]:
        return [(self.lat, self.lon)]

    def build(self, frame: _Frame) -> BaseGeometry:
        from shapely import Polygon

        if self.half_width_deg >= 180.0:
            return frame.window
        geod = geodesy.wgs84()
        steps = max(2, math.ceil(self.reach_m / DENSIFY_M) + 1)
        arcs = [self.reach_m * i / (steps - 1) for i in range(steps)]

        def ray(azimuth: float) -> list[LatLon]:
            lons, lats, _b = geod.fwd([self.lon] * steps, [self.lat] * steps, [azimuth] * steps,
                                      arcs)  # fmt: skip
            return list(zip((float(x) for x in lats), (float(x) for x in lons), strict=True))

        low = self.centre_deg - self.half_width_deg
        high = self.centre_deg + self.half_width_deg
        count = 721
        arc_az = [low + (high - low) * i / (count - 1) for i in range(count)]
        lons, lats, _b = geod.fwd([self.lon] * count, [self.lat] * count, arc_az,
                                  [self.reach_m] * count)  # fmt: skip
        arc = list(zip((float(x) for x in lats), (float(x) for x in lons), strict=True))
        outline = [*ray(low), *arc[1:-1], *reversed(ray(high))]
        polygon = Polygon(frame.xy(outline))
        return polygon if polygon.is_valid else polygon.buffer(0)


@dataclass(frozen=True)
class Union:
    parts: tuple[Shape, ...]

    def margin_m(self, lat: float, lon: float) -> float:
        return max((p.margin_m(lat, lon) for p in self.parts), default=-math.inf)

    def anchors(self) -> list[LatLon]:
        return [a for p in self.parts for a in p.anchors()]

    def build(self, frame: _Frame) -> BaseGeometry:
        import shapely

        return shapely.union_all([p.build(frame) for p in self.parts])


@dataclass(frozen=True)
class Inter:
    """Intersection; with no parts, the whole window."""

    parts: tuple[Shape, ...]

    def margin_m(self, lat: float, lon: float) -> float:
        return min((p.margin_m(lat, lon) for p in self.parts), default=math.inf)

    def anchors(self) -> list[LatLon]:
        return [a for p in self.parts for a in p.anchors()]

    def build(self, frame: _Frame) -> BaseGeometry:
        return reduce(lambda a, b: a.intersection(b), (p.build(frame) for p in self.parts),
                      frame.window)  # fmt: skip


@dataclass(frozen=True)
class Not:
    """Complement (within the window)."""

    part: Shape

    def margin_m(self, lat: float, lon: float) -> float:
        return -self.part.margin_m(lat, lon)

    def anchors(self) -> list[LatLon]:
        return self.part.anchors()

    def build(self, frame: _Frame) -> BaseGeometry:
        return frame.window.difference(self.part.build(frame))


Shape = Disc | Band | Area | Sector | Union | Inter | Not


# --- claims to constraints --------------------------------------------------------------------


@dataclass(frozen=True)
class Constraint:
    """One claim about the unknown place, as the region where it could be true."""

    id: str
    claimant: str
    quote: str
    #: how the region was derived, e.g. "within 64.5 km of al-tanf-garrison (…)"
    description: str
    shape: Shape


@dataclass(frozen=True)
class Skipped:
    """A claim about the place that cannot constrain it, and why."""

    id: str
    claimant: str
    reason: str


def _km(metres: float) -> str:
    return f"{metres / 1000:,.1f} km"


def _uncertainty_note(parts: Sequence[tuple[str, float]]) -> str:
    used = [f"{label} ±{_km(m)}" for label, m in parts if m > 0]
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
        near: Shape = Band(ref.vertices, hi)
        far: Shape | None = Band(ref.vertices, lo) if lo > 0 else None
    else:
        rings = (ref.vertices, *ref.holes)
        near = Union((Area(rings), *(Band(r, hi, closed=True) for r in rings)))
        far = Union((Area(rings), *(Band(r, lo, closed=True) for r in rings))) if lo > 0 else None
    parts: list[Shape] = []
    if math.isfinite(hi):
        parts.append(near)
    if far is not None:
        parts.append(Not(far))
    shape = parts[0] if len(parts) == 1 else Inter(tuple(parts))
    return shape, f"{_span(lo, hi, f'the {ref.kind.value} {ref.id}')}{note}"


def _inside_shape(area: Place, inside: bool, gazetteer: Gazetteer) -> tuple[Shape, str]:
    word = "inside" if inside else "outside"
    if area.kind is PlaceKind.ZONE:
        centre = _zone_centre(area, gazetteer)
        assert area.radius is not None and centre.lat is not None and centre.lon is not None
        u = centre.uncertainty_m + area.uncertainty_m
        radius = area.radius.metres
        note = _uncertainty_note([(centre.id, centre.uncertainty_m), ("edge", area.uncertainty_m)])
        edge = radius + u if inside else radius - u
        span = _span(0.0, edge, centre.id) if inside else _span(edge, math.inf, centre.id)
        text = f"{word} {area.id}: {span} (radius {_km(radius)}){note}"
        disc = Disc(centre.lat, centre.lon, max(0.0, edge))
        return (disc if inside else Not(disc)), text
    rings = (area.vertices, *area.holes)
    u = area.uncertainty_m
    bands = tuple(Band(r, u, closed=True) for r in rings)
    note = _uncertainty_note([(area.id, u)])
    if inside:
        return Union((Area(rings), *bands)), f"inside the polygon {area.id}{note}"
    core = Inter((Area(rings), *(Not(b) for b in bands)))
    return Not(core), f"outside the polygon {area.id}{note}"


def _sector_shape(apex: Place, direction: Direction, reach_m: float) -> tuple[Shape, str]:
    assert apex.lat is not None and apex.lon is not None
    sector = Sector(apex.lat, apex.lon, direction.centre_deg, direction.half_width_deg, reach_m)
    u = apex.uncertainty_m
    text = f"{direction} of {apex.id}" + _uncertainty_note([(apex.id, u)])
    if u <= 0 or direction.half_width_deg >= 180.0:
        return sector, text
    rays = tuple(Band(ray, u) for ray in sector.rays())
    return Union((sector, Disc(apex.lat, apex.lon, u), *rays)), text


#: How far sector rays are drawn: past the window's far side for any apex within 3000 km of the
#: frame centre (the window is at most 1000 km), so the sector's far arc never enters it.
_SECTOR_REACH_M = 4_000_000.0


def _claim_shape(claim: Claim, unknown: Place, gazetteer: Gazetteer) -> tuple[Shape, str] | str:
    """The claim's region, or why it cannot constrain `unknown`."""
    a = claim.assertion
    if isinstance(a, InsideAssertion):
        readings = _unique(gazetteer, a.subject)
        if readings is not unknown:
            return "its subject is not this place"
        return _over_readings(gazetteer, a.area, lambda p: _inside_shape(p, a.inside, gazetteer))
    if not isinstance(a, (DistanceAssertion, DirectionAssertion, NearAssertion)):
        return "it does not locate a place"
    subject_is_unknown = _unique(gazetteer, a.subject) is unknown
    reference_is_unknown = _unique(gazetteer, a.reference) is unknown
    if subject_is_unknown == reference_is_unknown:
        return "it does not relate this place to a known one"
    other_ref = a.reference if subject_is_unknown else a.subject
    if isinstance(a, NearAssertion):

        def near(p: Place) -> tuple[Shape, str]:
            if a.threshold is not None:
                acceptable = a.threshold.acceptable()
            else:
                threshold = p.near_threshold_m if subject_is_unknown else unknown.near_threshold_m
                acceptable = Interval(0.0, threshold)
            shape, text = _distance_shape(p, acceptable, gazetteer)
            return shape, f"near: {text}"

        return _over_readings(gazetteer, other_ref, near)
    direction = a.direction
    if direction is not None and not subject_is_unknown:
        return "a direction *from* an unknown place is not supported"

    def located(p: Place) -> tuple[Shape, str]:
        shapes: list[Shape] = []
        texts: list[str] = []
        if isinstance(a, DistanceAssertion):
            shape, text = _distance_shape(p, a.requirement.acceptable(), gazetteer)
            shapes.append(shape)
            texts.append(f"{a.requirement}: {text}")
        if direction is not None:
            apex = _zone_centre(p, gazetteer) if p.kind is PlaceKind.ZONE else p
            if apex.kind is not PlaceKind.POINT:
                raise _NotLocatable(f"a direction from the {p.kind.value} {p.id!r} is not defined")
            shape, text = _sector_shape(apex, direction, _SECTOR_REACH_M)
            shapes.append(shape)
            texts.append(text)
        return (shapes[0] if len(shapes) == 1 else Inter(tuple(shapes))), "; ".join(texts)

    return _over_readings(gazetteer, other_ref, located)


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
    place: Place, claims: Iterable[Claim], gazetteer: Gazetteer
) -> tuple[list[Constraint], list[Skipped]]:
    """The claims that name `place` unambiguously, as constraints; the rest of them, skipped."""
    constraints: list[Constraint] = []
    skipped: list[Skipped] = []
    for claim in claims:
        if all(_unique(gazetteer, ref) is not place for ref in claim.place_refs()):
            continue
        result = _claim_shape(claim, place, gazetteer)
        if isinstance(result, str):
            skipped.append(Skipped(claim.id, claim.claimant, result))
        else:
            shape, text = result
            constraints.append(Constraint(claim.id, claim.claimant, claim.quote, text, shape))
    return constraints, skipped


# --- ad-hoc constraints: --where ---------------------------------------------------------------

#: The synthetic unknown place that --where constraints locate when no PLACE is given.
WHERE_PLACE_ID = "where"
WHERE_CLAIMANT = "--where"
#: the source of the points a --where names by coordinates (they are not gazetteer places)
_WHERE_SOURCE = Source("--where")
_SPLIT_RE = re.compile(r"\s+(?:from|of)\s+", re.IGNORECASE)
_INSIDE_RE = re.compile(r"(?P<word>inside|outside|within)\s+(?:of\s+)?(?P<place>.+)", re.I)
_NEAR_RE = re.compile(r"near\s+(?P<place>.+)", re.IGNORECASE)


def _coordinates(text: str) -> LatLon | None:
    """A position ("33.4369,38.8364", DMS, hemisphere letters), or None when it is a name."""
    from claimcheck.grammar.coords import CoordinateError, parse_position

    try:
        point = parse_position(text)
    except CoordinateError as exc:
        raise UsageError(f"--where: {text!r}: {exc}") from exc
    return None if point is None else (point.lat, point.lon)


def _place_ref(text: str, gazetteer: Gazetteer, extra: dict[str, Place]) -> PlaceRef:
    """A place id or name, or "lat,lon" (then a point with no uncertainty is added)."""
    name = text.strip()
    point = _coordinates(name)
    if point is not None:
        key = f"{point[0]:g},{point[1]:g}"
        extra.setdefault(key, Place(key, key, PlaceKind.POINT, _WHERE_SOURCE,
                                    lat=point[0], lon=point[1]))  # fmt: skip
        return PlaceRef(key)
    if not gazetteer.resolve(PlaceRef(name)).places:
        raise UsageError(f"--where: unknown place {name!r}: use a place id, a name or 'lat,lon'")
    return PlaceRef(name)


def _where_assertion(
    text: str, subject: PlaceRef, gazetteer: Gazetteer, extra: dict[str, Place]
) -> DistanceAssertion | DirectionAssertion | InsideAssertion | NearAssertion:
    cleaned = " ".join(text.split())
    inside = _INSIDE_RE.fullmatch(cleaned)
    if inside and inside["word"].lower() != "within":
        area = _place_ref(inside["place"], gazetteer, extra)
        return InsideAssertion(subject, area, inside["word"].lower() == "inside")
    near = _NEAR_RE.fullmatch(cleaned)
    if near:
        return NearAssertion(subject, _place_ref(near["place"], gazetteer, extra), None)
    for split in _SPLIT_RE.finditer(cleaned):
        head, place = cleaned[: split.start()], cleaned[split.end() :]
        try:
            return DirectionAssertion(
                subject, _place_ref(place, gazetteer, extra), parse_direction(head)
            )
        except ValueError:
            pass
        words = head.split()
        for cut in range(len(words), max(0, len(words) - 4), -1):
            figure, compass = " ".join(words[:cut]), " ".join(words[cut:])
            try:
                requirement = parse_requirement(figure)
                direction = parse_direction(compass) if compass else None
            except (RelationError, UnitError, ValueError):
                continue
            ref = _place_ref(place, gazetteer, extra)
            return DistanceAssertion(subject, ref, requirement, direction)
    raise UsageError(
        f"--where {text!r}: write e.g. 'more than 45 mi from al-tanf-crossing', "
        "'within 55 km of 33.44,38.84', 'north-west of al-tanf-garrison', "
        "'inside tanf-deconfliction-zone' or 'near iraq-syria-border'"
    )


def where_claims(
    texts: Sequence[str], gazetteer: Gazetteer, place_id: str | None = None
) -> tuple[list[Claim], Gazetteer]:
    """--where constraints as claims (ids where-1, where-2, …) about `place_id` (or a new unknown).

    Returns the claims and the gazetteer they resolve against (with any "lat,lon" points and the
    synthetic unknown place added).
    """
    extra: dict[str, Place] = {}
    subject_id = place_id or WHERE_PLACE_ID
    if place_id is None:
        extra[subject_id] = Place(subject_id, "the place --where describes", PlaceKind.UNKNOWN,
                                  _WHERE_SOURCE)  # fmt: skip
    claims = []
    for i, text in enumerate(texts, 1):
        assertion = _where_assertion(text, PlaceRef(subject_id), gazetteer, extra)
        claims.append(Claim(f"where-{i}", text, WHERE_CLAIMANT, _WHERE_SOURCE, assertion))
    if not extra:
        return claims, gazetteer
    merged = Gazetteer({**gazetteer.places, **extra}, gazetteer.path, gazetteer.warnings)
    return claims, merged


def parse_window(text: str) -> float:
    """The --window length in metres."""
    try:
        metres = parse_length(text).metres
    except UnitError as exc:
        raise UsageError(f"--window: {exc}") from exc
    if not 0 < metres <= 1_000_000:
        raise UsageError("--window must be positive and at most 1000 km")
    return metres


# --- regions ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlaceFit:
    """A known point place inside a region, or within its uncertainty of the edge."""

    id: str
    #: "inside" or "edge" (outside, but within the place's uncertainty of the region)
    status: str
    #: distance from the place's position to the region's edge; positive inside
    edge_m: float
    uncertainty_m: float


@dataclass(frozen=True)
class Region:
    """Where a set of claims can all be true (clipped to the window)."""

    label: str
    claim_ids: tuple[str, ...]
    claimants: tuple[str, ...]
    feasible: bool
    area_km2: float
    #: south, west, north, east in degrees; west > east when it crosses the antimeridian
    extent: tuple[float, float, float, float] | None
    representative_point: LatLon | None
    #: polygons, each (outer ring, *holes) of (lat, lon); longitudes continuous (may pass ±180)
    polygons: tuple[tuple[tuple[LatLon, ...], ...], ...]
    #: True when the region reaches the window's edge: the claims leave it unbounded there
    clipped: bool
    places: tuple[PlaceFit, ...]


@dataclass(frozen=True)
class Conflict:
    """A set of claims that cannot all hold, and what each claim's removal leaves."""

    claim_ids: tuple[str, ...]
    claimants: tuple[str, ...]
    #: True when no smaller set conflicts (exhaustive search); False: minimal (none can be dropped)
    smallest: bool
    #: for each claim of the set, the region the others allow (labelled "without ID")
    remaining: tuple[Region, ...]


@dataclass(frozen=True)
class LocateResult:
    place_id: str
    constraints: tuple[Constraint, ...]
    skipped: tuple[Skipped, ...]
    overall: Region
    conflict: Conflict | None
    #: one region per claimant, in order of first appearance (empty unless asked for)
    accounts: tuple[Region, ...]
    frame_centre: LatLon
    window_m: float

    @property
    def feasible(self) -> bool:
        return self.overall.feasible


def _frame_centre(shapes: Sequence[Shape], fallback: Sequence[LatLon]) -> LatLon:
    """The mean of the constraints' centres and apexes, taken on the unit sphere."""
    points = [a for s in shapes for a in s.anchors()] or list(fallback)
    if not points:
        raise UsageError("the constraints name no place with coordinates")
    x = y = z = 0.0
    for lat, lon in points:
        phi, lam = math.radians(lat), math.radians(lon)
        x += math.cos(phi) * math.cos(lam)
        y += math.cos(phi) * math.sin(lam)
        z += math.sin(phi)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def _line_points(shape: Shape) -> list[LatLon]:
    if isinstance(shape, Band):
        return list(shape.vertices)
    if isinstance(shape, Area):
        return list(shape.rings[0])
    if isinstance(shape, Not):
        return _line_points(shape.part)
    if isinstance(shape, (Union, Inter)):
        return [p for part in shape.parts for p in _line_points(part)]
    return []


def make_frame(shapes: Sequence[Shape], window_m: float = DEFAULT_WINDOW_M) -> _Frame:
    """The aeqd frame centred on the constraints, and the window disc around its centre."""
    from shapely import Polygon

    from claimcheck.geo.lines import geodesic_circle, local_aeqd

    fallback = [p for s in shapes for p in _line_points(s)]
    lat, lon = _frame_centre(shapes, fallback)
    aeqd = local_aeqd(lat, lon)
    ring = geodesic_circle(lat, lon, window_m, _circle_vertices(window_m))
    xs, ys = aeqd.to_xy.transform([p[1] for p in ring], [p[0] for p in ring])
    return _Frame(aeqd, lat, lon, window_m, Polygon(list(zip(xs, ys, strict=True))))


def _is_empty(geom: BaseGeometry) -> bool:
    return bool(geom.is_empty or geom.area < _EMPTY_AREA_M2)


def _disjoint_boxes(a: BaseGeometry, b: BaseGeometry) -> bool:
    ax0, ay0, ax1, ay1 = a.bounds
    bx0, by0, bx1, by1 = b.bounds
    return bool(ax0 > bx1 or bx0 > ax1 or ay0 > by1 or by0 > ay1)


def _intersect(geoms: Sequence[BaseGeometry], window: BaseGeometry) -> BaseGeometry:
    """The intersection of the geometries (the window when there are none)."""
    from shapely import Polygon

    result = window
    for geom in geoms:
        if result.is_empty or geom.is_empty or _disjoint_boxes(result, geom):
            return Polygon()
        result = result.intersection(geom)
    return result


def _polygons(geom: BaseGeometry) -> list[Any]:
    return [
        g for g in getattr(geom, "geoms", [geom]) if g.geom_type == "Polygon" and not g.is_empty
    ]


def _unwrap(lons: Sequence[float], near: float) -> list[float]:
    """Continuous longitudes (no 360° jumps), starting within 180° of `near`."""
    out: list[float] = []
    previous = near
    for lon in lons:
        # whole turns only, so a closed ring stays exactly closed
        previous = lon + 360.0 * round((previous - lon) / 360.0)
        out.append(previous)
    return out


def _to_lat_lon(geom: BaseGeometry, frame: _Frame) -> list[tuple[tuple[LatLon, ...], ...]]:
    polygons = []
    for polygon in _polygons(geom):
        rings = []
        for ring in (polygon.exterior, *polygon.interiors):
            xs, ys = ring.xy
            lons, lats = frame.aeqd.to_lon_lat.transform(list(xs), list(ys))
            unwrapped = _unwrap([float(x) for x in lons], frame.lon)
            rings.append(tuple(zip((float(y) for y in lats), unwrapped, strict=True)))
        polygons.append(tuple(rings))
    return polygons


def _lon_lat_shape(polygons: Sequence[tuple[tuple[LatLon, ...], ...]]) -> Any:
    """Shapely (Multi)Polygon in continuous lon/lat, rings oriented by the right-hand rule."""
    from shapely import MultiPolygon, Polygon
    from shapely.geometry.polygon import orient

    parts = [
        orient(Polygon([(lon, lat) for lat, lon in outer],
                       [[(lon, lat) for lat, lon in hole] for hole in holes]), 1.0)
        for outer, *holes in polygons
    ]  # fmt: skip
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def _area_km2(polygons: Sequence[tuple[tuple[LatLon, ...], ...]]) -> float:
    if not polygons:
        return 0.0
    area, _perimeter = geodesy.wgs84().geometry_area_perimeter(_lon_lat_shape(polygons))
    return abs(float(area)) / 1e6


def _normalize_lon(lon: float) -> float:
    return (lon + 180.0) % 360.0 - 180.0


def _place_fits(geom: BaseGeometry, frame: _Frame, gazetteer: Gazetteer) -> tuple[PlaceFit, ...]:
    from shapely import Point

    points = [
        p
        for p in gazetteer
        if p.kind is PlaceKind.POINT and p.lat is not None and p.source != _WHERE_SOURCE
    ]
    if not points or geom.is_empty:
        return ()
    dists = frame.distances([(p.lat, p.lon) for p in points])  # type: ignore[misc]
    fits = []
    # the claims' edges only: where the window clips the region is not an edge of any claim
    boundary = geom.boundary.difference(frame.window.exterior.buffer(1.0))
    for place, dist in zip(points, dists, strict=True):
        if dist > frame.window_m + place.uncertainty_m:
            continue
        ((x, y),) = frame.xy([(place.lat, place.lon)])  # type: ignore[list-item]
        point = Point(x, y)
        edge = float(boundary.distance(point)) if not boundary.is_empty else math.inf
        if geom.contains(point):
            fits.append(PlaceFit(place.id, "inside", edge, place.uncertainty_m))
        elif edge <= place.uncertainty_m:
            fits.append(PlaceFit(place.id, "edge", -edge, place.uncertainty_m))
    return tuple(sorted(fits, key=lambda f: (f.status != "inside", -f.edge_m, f.id)))


def _region(
    label: str,
    members: Sequence[Constraint],
    geom: BaseGeometry,
    frame: _Frame,
    gazetteer: Gazetteer,
) -> Region:
    claimants = tuple(dict.fromkeys(c.claimant for c in members))
    ids = tuple(c.id for c in members)
    if _is_empty(geom):
        return Region(label, ids, claimants, False, 0.0, None, None, (), False, ())
    polygons = _to_lat_lon(geom, frame)
    lats = [lat for poly in polygons for lat, _lon in poly[0]]
    lons = [lon for poly in polygons for _lat, lon in poly[0]]
    west, east = min(lons), max(lons)
    if east - west >= 360.0:
        extent = (min(lats), -180.0, max(lats), 180.0)
    else:
        extent = (min(lats), _normalize_lon(west), max(lats), _normalize_lon(east))
    rep = geom.representative_point()
    rep_lat, rep_lon = frame.aeqd.lat_lon(rep.x, rep.y)
    clipped = bool(geom.intersects(frame.window.exterior.buffer(1.0)))
    return Region(
        label,
        ids,
        claimants,
        True,
        _area_km2(polygons),
        extent,
        (rep_lat, _normalize_lon(rep_lon)),
        tuple(polygons),
        clipped,
        _place_fits(geom, frame, gazetteer),
    )


def _smallest_conflict(
    geoms: Sequence[BaseGeometry], window: BaseGeometry
) -> tuple[tuple[int, ...], bool]:
    """Indices of a smallest conflicting subset (by increasing size), else a minimal one."""
    n = len(geoms)
    for size in range(1, n + 1):
        if math.comb(n, size) > _MAX_SUBSETS:
            break
        for subset in itertools.combinations(range(n), size):
            if _is_empty(_intersect([geoms[i] for i in subset], window)):
                return subset, True
    keep = list(range(n))
    for i in range(n):
        trial = [j for j in keep if j != i]
        if _is_empty(_intersect([geoms[j] for j in trial], window)):
            keep = trial
    return tuple(keep), False


def _solve(
    constraints: Sequence[Constraint], window_m: float
) -> tuple[_Frame, list[BaseGeometry], BaseGeometry]:
    """The shared frame, each constraint's region in it, and their intersection."""
    frame = make_frame([c.shape for c in constraints], window_m)
    geoms = [c.shape.build(frame).intersection(frame.window) for c in constraints]
    return frame, geoms, _intersect(geoms, frame.window)


def locate_constraints(
    place_id: str,
    constraints: Sequence[Constraint],
    skipped: Sequence[Skipped],
    gazetteer: Gazetteer,
    by_claimant: bool = False,
    window_m: float = DEFAULT_WINDOW_M,
) -> LocateResult:
    """Intersect the constraints (overall and, if asked, per claimant); explain an empty result."""
    if not constraints:
        raise UsageError(
            f"no claim locates {place_id!r}" + "".join(f"; {s.id}: {s.reason}" for s in skipped)
        )
    frame, geoms, intersection = _solve(constraints, window_m)
    overall = _region("all claims", constraints, intersection, frame, gazetteer)
    conflict = None
    if not overall.feasible:
        indices, smallest = _smallest_conflict(geoms, frame.window)
        members = [constraints[i] for i in indices]
        remaining = tuple(
            _region(
                f"without {constraints[i].id}",
                [constraints[j] for j in indices if j != i],
                _intersect([geoms[j] for j in indices if j != i], frame.window),
                frame,
                gazetteer,
            )
            for i in indices
        )
        conflict = Conflict(
            tuple(c.id for c in members),
            tuple(dict.fromkeys(c.claimant for c in members)),
            smallest,
            remaining,
        )
    accounts: tuple[Region, ...] = ()
    if by_claimant:
        claimants = dict.fromkeys(c.claimant for c in constraints)
        accounts = tuple(
            _region(
                claimant,
                [c for c in constraints if c.claimant == claimant],
                _intersect(
                    [g for c, g in zip(constraints, geoms, strict=True) if c.claimant == claimant],
                    frame.window,
                ),
                frame,
                gazetteer,
            )
            for claimant in claimants
        )
    return LocateResult(
        place_id,
        tuple(constraints),
        tuple(skipped),
        overall,
        conflict,
        accounts,
        (frame.lat, _normalize_lon(frame.lon)),
        window_m,
    )


def unknown_place(gazetteer: Gazetteer, text: str) -> Place:
    """The unknown place a user names (id or unambiguous name); UsageError otherwise."""
    resolution = gazetteer.resolve(PlaceRef(text))
    if not resolution.places:
        raise UsageError(f"unknown place {text!r}: name a place of kind 'unknown' by its id")
    if resolution.ambiguous:
        ids = ", ".join(p.id for p in resolution.places)
        raise UsageError(f"{text!r} fits several places ({ids}): name it by id")
    place = resolution.places[0]
    if place.has_position:
        raise UsageError(
            f"{place.id!r} is a {place.kind.value} with coordinates: `locate` finds where an "
            "unknown place (kind: unknown) can be"
        )
    return place


def locate(
    place_id: str,
    claims: Sequence[Claim],
    gazetteer: Gazetteer,
    by_claimant: bool = False,
    window_m: float = DEFAULT_WINDOW_M,
) -> LocateResult:
    """Where the unknown place `place_id` can be, given every claim that names it."""
    place = unknown_place(gazetteer, place_id)
    constraints, skipped = constraints_for(place, claims, gazetteer)
    return locate_constraints(place.id, constraints, skipped, gazetteer, by_claimant, window_m)


# --- verify integration -------------------------------------------------------------------------


@dataclass(frozen=True)
class Feasibility:
    """For `verify`: can every claim about an unknown place hold at once?"""

    place_id: str
    claim_ids: tuple[str, ...]
    feasible: bool
    #: a smallest (or minimal) set of claims that cannot all hold; empty when feasible
    conflict: tuple[str, ...]
    conflict_claimants: tuple[str, ...]
    area_km2: float


def check_unknown_places(claims: Sequence[Claim], gazetteer: Gazetteer) -> tuple[Feasibility, ...]:
    """One Feasibility per unknown place that at least one claim locates."""
    out = []
    for place in gazetteer:
        if place.has_position:
            continue
        constraints, _skipped = constraints_for(place, claims, gazetteer)
        if not constraints:
            continue
        # Only what verify reports: no per-subset regions, places inside or extents.
        frame, geoms, intersection = _solve(constraints, DEFAULT_WINDOW_M)
        feasible = not _is_empty(intersection)
        members: list[Constraint] = []
        if not feasible:
            indices, _smallest = _smallest_conflict(geoms, frame.window)
            members = [constraints[i] for i in indices]
        out.append(
            Feasibility(
                place.id,
                tuple(c.id for c in constraints),
                feasible,
                tuple(c.id for c in members),
                tuple(dict.fromkeys(c.claimant for c in members)),
                _area_km2(_to_lat_lon(intersection, frame)) if feasible else 0.0,
            )
        )
    return tuple(out)


# --- GeoJSON (RFC 7946) -------------------------------------------------------------------------


def geojson_geometry(region: Region) -> dict[str, Any] | None:
    """The region as a GeoJSON geometry: lon/lat, right-hand rule, cut at the antimeridian."""
    from claimcheck.render.geojson import finish_geometry

    if not region.polygons:
        return None
    return finish_geometry(_lon_lat_shape(region.polygons))
