"""Polygon rings that bound one area: checked when a places file is read, before any measurement.

A polygon's edges are geodesics, and each ring encloses the smaller of the two regions it bounds
(claimcheck.geo.lines). Such a ring is checked in an azimuthal equidistant frame centred on the
outer ring (the mean of its vertices on the unit sphere), with every edge densified so no piece is
longer than DENSIFY_M: there the drawn chords stray under a metre from the geodesics (about
L²·ρ/(12·R²) for a piece of length L at ρ from the centre), and the frame has no seam, so a ring
around a pole or across the antimeridian is an ordinary planar ring. The planar checks are
shapely's (GEOS) validity rules: a ring must not cross or touch itself, must enclose an area,
and holes must lie inside the outer ring without overlapping each other. No edge, of a ring or
a line, may be longer than a quarter of the meridian (`long_edge`). A bow-tie, a hole outside
its ring or crossing it and three vertices on one geodesic are all errors, because measuring to
them gives wrong answers (a hole outside the ring was measured to as if it were a boundary).

Kept apart from the readers so that a reader that defers building geometry can still call it
for every polygon it loads. A small ring without holes is first certified in pure Python
(claimcheck.gazetteer.plain_rings): numpy, shapely and pyproj are loaded only for the rings
that certificate cannot clear, which then get the full check and its messages.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import cache
from itertools import pairwise
from operator import sub
from typing import Any

from claimcheck.frozen import frozen
from claimcheck.gazetteer.places import LatLon
from claimcheck.gazetteer.plain_rings import plainly_valid

#: Longest straight piece of a densified edge in the checking frame (m).
DENSIFY_M = 5_000.0
#: How far from the frame's centre a vertex may be (m): a quarter of the meridian. A polygon must
#: fit in a hemisphere, where "the smaller region" is unambiguous and the frame undistorted enough.
MAX_REACH_M = 10_000_000.0
#: Longest edge (m): a quarter of the meridian.
MAX_EDGE_M = 10_000_000.0
#: The sphere that bounds an edge before any geodesic is solved: geodesic distance is at most
#: 1.0045 times the great-circle distance on it (claimcheck.geo.lines derives the bound).
_MEAN_RADIUS_M = 6_371_008.8
_SPHERE_TO_WGS84_MAX = 1.0045
#: |Δlat| + |Δlon| (degrees) below which an edge is surely shorter than MAX_EDGE_M: that sum
#: bounds the great-circle angle, and this angle on the sphere above, times 1.0045, is 9,975 km.
_CLEAR_DEG = 89.3
#: Below this isoperimetric quotient 4πA/P² (1 for a circle, about π·w/L for a thin w × L
#: rectangle) a ring encloses no real area: thinner than a 1:3,000 sliver, its vertices lie on or
#: next to one geodesic ([33, 38], [33.1, 38.1], [33.2, 38.2]), or it doubles back on itself.
MIN_ROUNDNESS = 1e-3
_WHERE = re.compile(r"\[(-?[\d.e+-]+) (-?[\d.e+-]+)\]")


@frozen
class RingProblem:
    """Why a polygon's rings do not bound one area."""

    #: 0 for the outer ring, i + 1 for holes[i]
    ring: int
    #: what is wrong, said of the ring: "crosses or touches itself near 33.5, 38.5"
    message: str

    def __str__(self) -> str:
        return f"{'the outer ring' if self.ring == 0 else 'the hole'} {self.message}"


def distinct_vertices(ring: Sequence[LatLon]) -> tuple[LatLon, ...]:
    """The ring without its closing vertex and without consecutive repeats."""
    out: list[LatLon] = []
    for vertex in ring:
        if not out or vertex != out[-1]:
            out.append(vertex)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return tuple(out)


def ring_problems(rings: Sequence[Sequence[LatLon]]) -> list[RingProblem]:
    """Everything that keeps (outer ring, *holes) of (lat, lon) from bounding one area."""
    cleaned = [distinct_vertices(r) for r in rings]
    problems = [
        RingProblem(i, f"needs at least 3 different [lat, lon] vertices, has {len(set(r))}")
        for i, r in enumerate(cleaned)
        if len(set(r)) < 3
    ]
    if problems or not cleaned:
        return problems
    for i, ring in enumerate(cleaned):
        edge = long_edge(ring, closed=True)
        if edge:
            problems.append(RingProblem(i, edge))
    if problems:
        return problems
    frame = _Frame.around(cleaned[0])
    if frame is None:
        return [RingProblem(0, "runs around a whole great circle: a polygon must fit in a "
                               "hemisphere")]  # fmt: skip
    centre = (frame.lat, frame.lon)
    if len(cleaned) == 1 and plainly_valid(
        cleaned[0], centre, DENSIFY_M, MAX_REACH_M, MIN_ROUNDNESS
    ):  # most polygons: small, no holes, plainly valid (no numpy, shapely or pyproj)
        return []
    planar: list[Any] = []
    for i, ring in enumerate(cleaned):
        xy, reach = frame.ring(ring)
        if reach > MAX_REACH_M:
            problems.append(
                RingProblem(i, f"reaches {reach / 1000:,.0f} km from the polygon's centre: a "
                               f"polygon must fit in a hemisphere ({MAX_REACH_M / 1000:,.0f} km)")
            )  # fmt: skip
            return problems
        problem = _ring_shape_problem(xy, frame)
        if problem:
            problems.append(RingProblem(i, problem))
        planar.append(xy)
    if problems:
        return problems
    return _hole_problems(planar, frame)


def long_edge(vertices: Sequence[LatLon], closed: bool = False) -> str | None:
    """Why an edge is too long to mean one path, or None: a geodesic between nearly antipodal
    points is not unique, and one over a quarter of the meridian is rarely what a map draws.

    Edges are first bounded on the sphere (a geodesic is at most 1.0045 times the great circle
    between the same geodetic coordinates, R = 6,371,008.8 m), with numpy and no geodesic; only
    an edge that bound cannot clear is solved, by GeographicLib. Before that, in pure Python, a
    looser bound clears almost every edge of real data: the great-circle angle between two
    points is at most |Δlat| + |Δlon| (along the meridian, then the parallel), so an edge with
    |Δlat| + |Δlon| ≤ _CLEAR_DEG cannot be too long and needs neither numpy nor a geodesic.
    """
    points = [*vertices, vertices[0]] if closed else list(vertices)
    if len(points) < 2:
        return None
    # The bound over the whole line first, at C speed: the largest |Δlat| plus the largest
    # |Δlon| bounds every edge's |Δlat| + |Δlon| (real lines: every edge is short).
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    steps = (max(map(abs, map(sub, c[1:], c[:-1]))) for c in (lats, lons))
    if sum(steps) <= _CLEAR_DEG:
        return None
    if all(
        abs(a[0] - b[0]) + min(d := abs(a[1] - b[1]) % 360.0, 360.0 - d) <= _CLEAR_DEG
        for a, b in pairwise(points)
    ):
        return None
    import numpy as np

    phi = np.radians(np.array([p[0] for p in points], dtype=float))
    lam = np.radians(np.array([p[1] for p in points], dtype=float))
    xyz = np.column_stack((np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)))
    a, b = xyz[:-1], xyz[1:]
    angles = np.arctan2(np.linalg.norm(np.cross(a, b), axis=1), np.sum(a * b, axis=1))
    for i in np.flatnonzero(angles * _MEAN_RADIUS_M * _SPHERE_TO_WGS84_MAX > MAX_EDGE_M):
        length = _geodesic_m(points[int(i)], points[int(i) + 1])
        if length > MAX_EDGE_M:
            j = (int(i) + 1) % len(vertices) if closed else int(i) + 1
            return (
                f"has an edge of {length / 1000:,.0f} km (vertices {int(i)} to {j}): edges are "
                f"geodesics, which are unique and as maps draw them only when shorter than "
                f"{MAX_EDGE_M / 1000:,.0f} km; add vertices between them"
            )
    return None


def _geodesic_m(a: LatLon, b: LatLon) -> float:
    from geographiclib.geodesic import Geodesic

    return float(Geodesic.WGS84.Inverse(a[0], a[1], b[0], b[1], Geodesic.DISTANCE)["s12"])


def _ring_shape_problem(xy: Any, frame: _Frame) -> str | None:
    import shapely

    ring = shapely.LinearRing(xy)
    area = shapely.make_valid(shapely.Polygon(ring)).area  # a bow-tie's lobes would cancel
    if 4.0 * math.pi * area < MIN_ROUNDNESS * ring.length**2:
        return (
            "encloses no area (it is thinner than a 1:3,000 sliver): its vertices lie on or next "
            "to one line, or it doubles back on itself"
        )
    if not ring.is_valid:
        return f"crosses or touches itself{frame.near(shapely.is_valid_reason(ring))}"
    return None


def _hole_problems(planar: list[Any], frame: _Frame) -> list[RingProblem]:
    import shapely

    shell, *holes = (shapely.Polygon(xy) for xy in planar)
    problems: list[RingProblem] = []
    for i, hole in enumerate(holes):
        if shell.covers(hole):
            continue
        if shell.intersection(hole).area <= 0.0:
            problems.append(RingProblem(i + 1, "lies outside the outer ring"))
        else:
            problems.append(RingProblem(i + 1, "crosses the outer ring"))
    if problems or not holes:
        return problems
    tree = shapely.STRtree(holes)
    first, second = tree.query(holes, predicate="intersects")
    for a, b in sorted({(int(a), int(b)) for a, b in zip(first, second, strict=True) if a < b}):
        if holes[a].intersection(holes[b]).area > 0.0:
            problems.append(RingProblem(b + 1, f"overlaps holes[{a}]"))
    if problems:
        return problems
    polygon = shapely.Polygon(planar[0], planar[1:])
    if not polygon.is_valid:  # a hole along the ring, holes cutting the area in two, ...
        reason = shapely.is_valid_reason(polygon)
        what = reason.split("[")[0].lower()
        problems.append(RingProblem(1, f"makes the polygon invalid ({what}){frame.near(reason)}: "
                                       "holes must lie inside the ring and apart, touching it "
                                       "and each other at single points at most"))  # fmt: skip
    return problems


@frozen
class _Frame:
    """An azimuthal equidistant frame on WGS84: (x east, y north) metres from its centre."""

    lat: float
    lon: float

    @classmethod
    def around(cls, ring: Sequence[LatLon]) -> _Frame | None:
        """Centred at the mean of the vertices on the unit sphere; None if that mean vanishes."""
        x = y = z = 0.0
        for lat, lon in ring:
            phi, lam = math.radians(lat), math.radians(lon)
            x += math.cos(phi) * math.cos(lam)
            y += math.cos(phi) * math.sin(lam)
            z += math.sin(phi)
        norm = math.sqrt(x * x + y * y + z * z)
        if norm < 1e-9 * len(ring):
            return None
        return cls(math.degrees(math.asin(max(-1.0, min(1.0, z / norm)))),
                   math.degrees(math.atan2(y, x)))  # fmt: skip

    def ring(self, ring: Sequence[LatLon]) -> tuple[Any, float]:
        """The closed, densified ring in the frame ((n, 2) array), and its farthest reach (m)."""
        import numpy as np

        geod = wgs84_geod()
        lats = np.array([p[0] for p in ring] + [ring[0][0]], dtype=float)
        lons = np.array([p[1] for p in ring] + [ring[0][1]], dtype=float)
        az, _back, length = geod.inv(lons[:-1], lats[:-1], lons[1:], lats[1:])
        pieces = np.maximum(1, np.ceil(np.asarray(length) / DENSIFY_M)).astype(np.int64)
        edge = np.repeat(np.arange(pieces.size), pieces)
        step = np.arange(edge.size) - np.repeat(np.cumsum(pieces) - pieces, pieces)
        along = np.asarray(length)[edge] * step / pieces[edge]
        d_lons, d_lats, _ = geod.fwd(lons[:-1][edge], lats[:-1][edge], np.asarray(az)[edge], along)
        d_lons = np.where(step == 0, lons[:-1][edge], d_lons)  # the vertices themselves, exactly
        d_lats = np.where(step == 0, lats[:-1][edge], d_lats)
        d_lats, d_lons = np.append(d_lats, lats[0]), np.append(d_lons, lons[0])
        n = d_lats.size
        az0, _back, dist = geod.inv(np.full(n, self.lon), np.full(n, self.lat), d_lons, d_lats)
        rad, dist = np.radians(az0), np.asarray(dist)
        return np.column_stack((dist * np.sin(rad), dist * np.cos(rad))), float(dist.max())

    def near(self, reason: str) -> str:
        """' near LAT, LON' for the [x y] that a GEOS validity reason names, else ''."""
        found = _WHERE.search(reason)
        if found is None:
            return ""
        x, y = float(found.group(1)), float(found.group(2))
        lon, lat, _back = wgs84_geod().fwd(self.lon, self.lat, math.degrees(math.atan2(x, y)),
                                      math.hypot(x, y))  # fmt: skip
        return f" near {lat:.5f}, {lon:.5f}"


@cache
def wgs84_geod() -> Any:
    """The WGS84 Geod, built on first use (claimcheck.geo.geodesic is a layer above)."""
    from pyproj import Geod

    return Geod(ellps="WGS84")
