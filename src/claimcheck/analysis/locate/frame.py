"""The shared frame, intersections, and conversions of frame geometry back to lat/lon."""

from __future__ import annotations

import itertools
import math
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

from claimcheck.analysis.locate.constraints import Constraint
from claimcheck.analysis.locate.shapes import (
    DEFAULT_WINDOW_M,
    Area,
    Band,
    Inter,
    Not,
    Shape,
    Union,
    _circle_vertices,
    _Frame,
)
from claimcheck.errors import UsageError
from claimcheck.gazetteer.places import LatLon
from claimcheck.geo import geodesic as geodesy
from claimcheck.geo.geojson import lon_lat_polygon

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry


#: Below this area (m² in the frame) a region counts as empty: it is a touching edge at most.
_EMPTY_AREA_M2 = 1.0
#: Exhaustive search for the smallest conflicting set stops beyond this many subsets.
_MAX_SUBSETS = 5_000


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

    from claimcheck.geo.aeqd import local_aeqd
    from claimcheck.geo.lines import geodesic_circle

    fallback = [p for s in shapes for p in _line_points(s)]
    lat, lon = _frame_centre(shapes, fallback)
    vertices = _circle_vertices(window_m)
    # The window ring goes out and back (2 geodesics a vertex), and each shape's outline about
    # as many again: thousands, so the whole job runs on the vectorised engine.
    geodesy.expect(2 * vertices * (1 + len(shapes)))
    aeqd = local_aeqd(lat, lon)
    ring = geodesic_circle(lat, lon, window_m, vertices)
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
    from shapely import MultiPolygon
    from shapely.geometry.polygon import orient

    shapes = (
        lon_lat_polygon([[(lon, lat) for lat, lon in r] for r in rings]) for rings in polygons
    )
    parts = [orient(p, 1.0) for shape in shapes for p in getattr(shape, "geoms", [shape])]
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def _area_km2(polygons: Sequence[tuple[tuple[LatLon, ...], ...]]) -> float:
    """Geodesic area: each part's outer ring (counterclockwise) plus its holes (clockwise)."""
    if not polygons:
        return 0.0
    shape = _lon_lat_shape(polygons)
    area = 0.0
    for part in getattr(shape, "geoms", [shape]):
        for ring in (part.exterior, *part.interiors):
            lons, lats = ring.xy
            area += geodesy.polygon_area_m2(lats, lons)
    return abs(area) / 1e6


def _normalize_lon(lon: float) -> float:
    return (lon + 180.0) % 360.0 - 180.0


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


def _largest_agreeing(
    geoms: Sequence[BaseGeometry], window: BaseGeometry, exclusive: Collection[tuple[int, int]]
) -> tuple[tuple[int, ...], ...]:
    """Indices of every largest set of regions that meet (a maximum feasible subsystem), when
    they do not all meet: which accounts can all be true together. `exclusive`: pairs (i < j)
    known not to hold together though their regions meet (two figures for one distance from
    one reference, whose regions are each widened by its uncertainty). Sets that hold a pair
    that cannot hold are never intersected; the search is exhaustive, or gives up (returns ())
    past _MAX_SUBSETS sets of one size, or _MAX_SUBSETS intersections in all."""
    n = len(geoms)
    apart = set(exclusive) | {
        pair
        for pair in itertools.combinations(range(n), 2)
        if pair not in exclusive and _is_empty(_intersect([geoms[i] for i in pair], window))
    }
    budget = _MAX_SUBSETS
    for size in range(n - 1, 0, -1):
        if math.comb(n, size) > _MAX_SUBSETS:
            return ()
        found = []
        for subset in itertools.combinations(range(n), size):
            if any(pair in apart for pair in itertools.combinations(subset, 2)):
                continue
            budget -= 1
            if budget < 0:
                return ()
            if not _is_empty(_intersect([geoms[i] for i in subset], window)):
                found.append(subset)
        if found:
            return tuple(found)
    return ()


def _exclusive(
    constraints: Sequence[Constraint], contradicting: Collection[tuple[str, str]]
) -> set[tuple[int, int]]:
    """The pairs of claim ids that cannot both hold, as the constraints' indices (i < j), for
    `_largest_agreeing`; pairs naming a claim that is not among the constraints are dropped."""
    index = {c.id: i for i, c in enumerate(constraints)}
    return {
        (min(index[a], index[b]), max(index[a], index[b]))
        for a, b in contradicting
        if a in index and b in index
    }


def _solve(
    constraints: Sequence[Constraint], window_m: float
) -> tuple[_Frame, list[BaseGeometry], BaseGeometry]:
    """The shared frame, each constraint's region in it, and their intersection."""
    frame = make_frame([c.shape for c in constraints], window_m)
    geoms = [c.shape.build(frame).intersection(frame.window) for c in constraints]
    return frame, geoms, _intersect(geoms, frame.window)
