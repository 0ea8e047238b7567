"""Region primitives: each a shapely geometry in one frame and an exact geodesic margin.

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

import math
from collections.abc import Sequence
from functools import reduce
from typing import TYPE_CHECKING, Any

from claimcheck.analysis.locate.coast import outline_runs
from claimcheck.analysis.territory import neighbours
from claimcheck.frozen import frozen
from claimcheck.gazetteer.places import LatLon, Place
from claimcheck.geo import geodesic as geodesy

# claimcheck.geo.lines imports numpy when loaded (~140 ms), so, like shapely, it is imported where
# a region is built: `check`, and `verify` on claims with no unknown place, never load it.
if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from claimcheck.geo.aeqd import LocalAeqd


#: What we promise (and test): region edges lie within this of the true geodesic boundary.
EDGE_TOLERANCE_M = 100.0
#: Sagitta allowed for the chords of a circle polygon.
CHORD_TOLERANCE_M = 5.0
#: Longest chord along a line, a band edge or a sector ray.
DENSIFY_M = 2_000.0
#: Spacing of the outline points whose Voronoi cells draw CoastCells.
CELL_SPACING_M = 200.0
#: Regions are computed within this distance of the frame centre (500 km across).
DEFAULT_WINDOW_M = 250_000.0
#: geometry.LocalAeqd: within 500 km of the frame's centre, planar distance ≤ 1.0011 × geodesic
_AEQD_EXCESS = 0.0011
#: chord error allowed for a buffer's round caps and joins
_BUFFER_SAGITTA_M = 10.0
#: widest band built as a planar buffer: its error stays within EDGE_TOLERANCE_M / 2
_BUFFER_MAX_WIDTH_M = (EDGE_TOLERANCE_M / 2 - _BUFFER_SAGITTA_M) / _AEQD_EXCESS


@frozen
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


@frozen
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


@frozen
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
        lats = [p[0] for p in points]
        lons = [p[1] for p in points]
        _dist, starts, ends = geodesy.inverse_ends(lats[:-1], lons[:-1], lats[1:], lons[1:])
        # forward azimuth at each vertex along the edge; at the end, the one there
        azimuths = [*starts, ends[-1]]
        left_lat, left_lon, _a = geodesy.forward_many(
            lats, lons, [az - 90.0 for az in azimuths], self.width_m
        )
        right_lat, right_lon, _a = geodesy.forward_many(
            lats, lons, [az + 90.0 for az in azimuths], self.width_m
        )
        left = list(zip(left_lat, left_lon, strict=True))
        right = list(zip(right_lat, right_lon, strict=True))
        strip = Polygon(frame.xy([*left, *reversed(right)]))
        return strip if strip.is_valid else strip.buffer(0)


@frozen
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


@frozen
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
        steps = max(2, math.ceil(self.reach_m / DENSIFY_M) + 1)
        arcs = [self.reach_m * i / (steps - 1) for i in range(steps)]

        def ray(azimuth: float) -> list[LatLon]:
            lats, lons, _az = geodesy.forward_many(self.lat, self.lon, azimuth, arcs)
            return list(zip(lats, lons, strict=True))

        low = self.centre_deg - self.half_width_deg
        high = self.centre_deg + self.half_width_deg
        count = 721
        arc_az = [low + (high - low) * i / (count - 1) for i in range(count)]
        lats, lons, _az = geodesy.forward_many(self.lat, self.lon, arc_az, self.reach_m)
        arc = list(zip(lats, lons, strict=True))
        outline = [*ray(low), *arc[1:-1], *reversed(ray(high))]
        polygon = Polygon(frame.xy(outline))
        return polygon if polygon.is_valid else polygon.buffer(0)


@frozen
class BackSector:
    """Points from which the apex lies within centre ± half-width: "the apex is north of here".

    The direction is the azimuth at the point towards the apex, on the geodesic: not the
    forward azimuth from the apex turned by 180°, which differs by the meridians' convergence
    (about 0.4° per 100 km east-west at 33° N).
    """

    lat: float
    lon: float
    centre_deg: float
    half_width_deg: float
    reach_m: float

    def _azimuth_at(self, lat: float, lon: float) -> tuple[float, float]:
        """(azimuth at the point towards the apex, distance)."""
        inv = geodesy.inverse(lat, lon, self.lat, self.lon)
        return inv.azimuth_deg, inv.distance_m

    def margin_m(self, lat: float, lon: float) -> float:
        if self.half_width_deg >= 180.0:
            return math.inf
        azimuth, distance = self._azimuth_at(lat, lon)
        off = abs((azimuth - self.centre_deg + 180.0) % 360.0 - 180.0)
        gap = distance * math.sin(math.radians(min(90.0, abs(self.half_width_deg - off))))
        return gap if distance > 0 and off <= self.half_width_deg else -gap

    def anchors(self) -> list[LatLon]:
        return [(self.lat, self.lon)]

    def points(self, towards_deg: Sequence[float], distances_m: Sequence[float]) -> list[LatLon]:
        """The points at each distance from which the apex lies at each azimuth (vectorised)."""
        n = len(distances_m)
        target = [float(t) for t in towards_deg]
        heading = [t + 180.0 for t in target]  # first guess: straight away from the apex
        for _ in range(8):
            lats, lons, ends = geodesy.forward_many(
                [self.lat] * n, [self.lon] * n, heading, distances_m
            )
            back = [a + 180.0 for a in ends]  # the azimuth at the end point back to the apex
            errors = [
                ((float(b) - t + 180.0) % 360.0) - 180.0 for b, t in zip(back, target, strict=True)
            ]
            heading = [h - e for h, e in zip(heading, errors, strict=True)]
            if max((abs(e) for e in errors), default=0.0) < 1e-9:
                break
        return list(zip((float(y) for y in lats), (float(x) for x in lons), strict=True))

    def rays(self) -> tuple[list[LatLon], list[LatLon]]:
        steps = max(2, math.ceil(self.reach_m / DENSIFY_M) + 1)
        arcs = [self.reach_m * i / (steps - 1) for i in range(steps)]
        edges = (self.centre_deg - self.half_width_deg, self.centre_deg + self.half_width_deg)
        first, second = (self.points([e] * steps, arcs) for e in edges)
        return first, second

    def build(self, frame: _Frame) -> BaseGeometry:
        from shapely import Polygon

        if self.half_width_deg >= 180.0:
            return frame.window
        low, high = self.rays()
        count = 721
        arc_deg = [
            self.centre_deg - self.half_width_deg + 2 * self.half_width_deg * i / (count - 1)
            for i in range(count)
        ]
        arc = self.points(arc_deg, [self.reach_m] * count)
        outline = [*low, *arc[1:-1], *reversed(high)]
        polygon = Polygon(frame.xy(outline))
        return polygon if polygon.is_valid else polygon.buffer(0)


@frozen
class Union:
    """A region made of several shapes: a point is inside when it is inside any of them."""

    parts: tuple[Shape, ...]

    def margin_m(self, lat: float, lon: float) -> float:
        return max((p.margin_m(lat, lon) for p in self.parts), default=-math.inf)

    def anchors(self) -> list[LatLon]:
        return [a for p in self.parts for a in p.anchors()]

    def build(self, frame: _Frame) -> BaseGeometry:
        import shapely

        return shapely.union_all([p.build(frame) for p in self.parts])


@frozen
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


@frozen
class Not:
    """Complement (within the window)."""

    part: Shape

    def margin_m(self, lat: float, lon: float) -> float:
        return -self.part.margin_m(lat, lon)

    def anchors(self) -> list[LatLon]:
        return self.part.anchors()

    def build(self, frame: _Frame) -> BaseGeometry:
        return frame.window.difference(self.part.build(frame))


@frozen
class CoastCells:
    """Points nearer a world country's sea coast than its land boundaries and any other country,
    in no other country: where the coast rule (analysis.territory) measures from the coast.
    Drawn within `reach_m` of the outline (either side) as the Voronoi cells of the outlines'
    points every CELL_SPACING_M (a point's distance to a densified line exceeds the line's by
    under CELL_SPACING_M / 2, so a cell's edge strays less from the true one near the coast,
    and far less beyond: within EDGE_TOLERANCE_M)."""

    country: Place
    reach_m: float

    def margin_m(self, lat: float, lon: float) -> float:
        from claimcheck.geo.lines import distance_to_line_m, signed_distance_to_polygons_m

        sea, land, _junctions = outline_runs(self.country)
        near = min((distance_to_line_m(lat, lon, list(r)) for r in sea), default=math.inf)
        far = min((distance_to_line_m(lat, lon, list(r)) for r in land), default=math.inf)
        for _code, other in neighbours(self.country, lat, lon, min(near, far)):
            signed = signed_distance_to_polygons_m(lat, lon, other.polygons).signed_distance_m
            if signed <= 0:
                return signed
            far = min(far, signed)
        return far - near

    def anchors(self) -> list[LatLon]:
        return []

    def build(self, frame: _Frame) -> BaseGeometry:
        import numpy as np
        import shapely
        from shapely import MultiPoint, Polygon

        from claimcheck.geo.lines import densify

        reach = frame.window_m + 2 * self.reach_m + CELL_SPACING_M
        sea, land, junctions = outline_runs(self.country)
        others = [p for _code, p in neighbours(self.country, frame.lat, frame.lon, reach)]
        rings = [ring for other in others for polygon in other.polygons for ring in polygon]

        def points(lines: list[tuple[LatLon, ...]], closed: bool = False) -> list[LatLon]:
            """The lines' points every CELL_SPACING_M, on the edges that can come within reach."""
            out: list[LatLon] = []
            for line in lines:
                whole = [*line, line[0]] if closed else list(line)
                if len(whole) < 2:
                    continue
                dists = frame.distances(whole)
                lats, lons = [p[0] for p in whole], [p[1] for p in whole]
                lengths, _az = geodesy.inverse_many(lats[:-1], lons[:-1], lats[1:], lons[1:])
                run: list[LatLon] = []
                for i, length in enumerate(lengths):
                    if min(dists[i], dists[i + 1]) - length <= reach:
                        run = run or [whole[i]]
                        run.append(whole[i + 1])
                    elif run:
                        out.extend(densify(run, CELL_SPACING_M))
                        run = []
                if run:
                    out.extend(densify(run, CELL_SPACING_M))
            return out

        near = [p for p in points(sea) if p not in junctions]
        if not near:
            return Polygon()
        far = points(land) + points(rings, closed=True)
        xy = np.vstack([frame.xy(far), frame.xy(near)]) if far else frame.xy(near)
        _unique, first = np.unique(np.round(xy, 3), axis=0, return_index=True)
        kept = np.sort(first)  # a point on both lists is a land point
        cells = shapely.voronoi_polygons(MultiPoint(xy[kept]), extend_to=frame.window,
                                         ordered=True).geoms  # fmt: skip
        coast = shapely.coverage_union_all([cells[i] for i, k in enumerate(kept) if k >= len(far)])
        for other in others:
            coast = coast.difference(Union(tuple(Area(p) for p in other.polygons)).build(frame))
        return coast.intersection(frame.window)


Shape = Disc | Band | Area | Sector | BackSector | CoastCells | Union | Inter | Not
