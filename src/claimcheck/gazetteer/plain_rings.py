"""A pure-Python certificate that a small polygon without holes is valid: no numpy, no shapely.

claimcheck.gazetteer.rings checks every polygon when a places file is read, with shapely
(GEOS) on the ring densified into an azimuthal equidistant frame; that costs loading numpy,
shapely and pyproj (about a quarter of a second) for any command on any file holding a
polygon. Most polygons in a places file are a handful of vertices drawn by hand around a base,
a district or a zone, and plainly valid. For those this module builds the same frame with
GeographicLib (the same algorithm as pyproj's, to nanometres) and checks the same rules by
itself, with margins: it certifies a ring only when every rule holds by far more than the two
frames can differ (TOLERANCE_M), and otherwise answers "not certain", and the full check
decides, with its own messages. So the answer for a ring never changes, only what it costs.

The rules, as in rings.py: the ring reaches no farther than MAX_REACH_M from the frame's centre;
it encloses an area (4πA / P² ≥ MIN_ROUNDNESS); and it neither crosses nor touches itself. The
last holds when every two edges that do not share a vertex stay more than TOLERANCE_M apart, and
every two that do meet only there (neither end of one lies within TOLERANCE_M of the other).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise

from claimcheck.gazetteer.places import LatLon

#: Densified rings with more points than this go to the full check: pairs of edges are
#: compared one by one here (a few ms for this many).
MAX_POINTS = 256
#: How far apart (m) edges must stay, and how long every piece must be, to be certain: far
#: above the nanometres by which GeographicLib's frame and pyproj's can differ, and far above
#: the rounding of the planar arithmetic at a frame's scale (10^7 m).
TOLERANCE_M = 0.1
_MIN_PIECE_M = 1.0


def plainly_valid(
    ring: Sequence[LatLon],
    centre: LatLon,
    densify_m: float,
    max_reach_m: float,
    min_roundness: float,
) -> bool:
    """True when the ring (distinct vertices, not closed) certainly passes every check of
    claimcheck.gazetteer.rings in the frame centred at `centre`; False when not certain."""
    xy = _frame_points(ring, centre, densify_m, max_reach_m)
    if xy is None:
        return False
    closed = [*xy, xy[0]]
    twice_area = 0.0
    perimeter = 0.0
    for (x1, y1), (x2, y2) in pairwise(closed):
        twice_area += x1 * y2 - x2 * y1
        piece = math.hypot(x2 - x1, y2 - y1)
        if piece < _MIN_PIECE_M:
            return False
        perimeter += piece
    area = abs(twice_area) / 2.0
    if 4.0 * math.pi * area <= min_roundness * perimeter**2 * (1.0 + 1e-6):
        return False
    return _simple(closed)


def _frame_points(
    ring: Sequence[LatLon], centre: LatLon, densify_m: float, max_reach_m: float
) -> list[tuple[float, float]] | None:
    """The ring's vertices and densified points, (x east, y north) metres from the centre."""
    from geographiclib.geodesic import Geodesic

    geod = Geodesic.WGS84
    points: list[LatLon] = []
    for (lat1, lon1), (lat2, lon2) in pairwise([*ring, ring[0]]):
        edge = geod.Inverse(lat1, lon1, lat2, lon2)
        pieces = max(1, math.ceil(edge["s12"] / densify_m))
        if len(points) + pieces > MAX_POINTS:
            return None
        points.append((lat1, lon1))
        for step in range(1, pieces):
            at = geod.Direct(lat1, lon1, edge["azi1"], edge["s12"] * step / pieces)
            points.append((at["lat2"], at["lon2"]))
    xy = []
    for lat, lon in points:
        seen = geod.Inverse(centre[0], centre[1], lat, lon)
        if seen["s12"] > max_reach_m - 1.0:
            return None
        azimuth = math.radians(seen["azi1"])
        xy.append((seen["s12"] * math.sin(azimuth), seen["s12"] * math.cos(azimuth)))
    return xy


def _simple(closed: list[tuple[float, float]]) -> bool:
    """No two edges of the closed ring touch, but neighbours at their shared vertex."""
    n = len(closed) - 1
    edges = list(pairwise(closed))
    boxes = [
        (min(a[0], b[0]) - TOLERANCE_M, max(a[0], b[0]) + TOLERANCE_M,
         min(a[1], b[1]) - TOLERANCE_M, max(a[1], b[1]) + TOLERANCE_M)
        for a, b in edges
    ]  # fmt: skip
    for i in range(n):
        a, b = edges[i]
        # neighbours: the far end of each must stay off the other edge
        c = edges[(i + 1) % n][1]
        if _point_segment_m(c, a, b) <= TOLERANCE_M or _point_segment_m(a, b, c) <= TOLERANCE_M:
            return False
        x0, x1, y0, y1 = boxes[i]
        for j in range(i + 2, n):
            if i == 0 and j == n - 1:
                continue  # the closing edge is the first one's other neighbour
            u0, u1, v0, v1 = boxes[j]
            if u0 > x1 or u1 < x0 or v0 > y1 or v1 < y0:
                continue
            if not _apart(a, b, *edges[j]):
                return False
    return True


def _apart(
    a: tuple[float, float], b: tuple[float, float], c: tuple[float, float], d: tuple[float, float]
) -> bool:
    """Segments ab and cd are more than TOLERANCE_M apart."""
    ends = min(
        _point_segment_m(a, c, d), _point_segment_m(b, c, d),
        _point_segment_m(c, a, b), _point_segment_m(d, a, b),
    )  # fmt: skip
    if ends <= TOLERANCE_M:
        return False
    # no end is near the other segment, so they are apart unless they cross properly
    crosses = _side(a, b, c) != _side(a, b, d) and _side(c, d, a) != _side(c, d, b)
    return not crosses


def _side(a: tuple[float, float], b: tuple[float, float], p: tuple[float, float]) -> bool:
    return (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) > 0.0


def _point_segment_m(
    p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]
) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0.0 else ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2
    t = max(0.0, min(1.0, t))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)
