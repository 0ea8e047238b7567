"""Which claims' lines a map draws side by side: lines that would run on one track at its scale.

Two dashed lines on one track read as one solid line, or show only the colour drawn last. The
same two points are one track at any scale; at a map's scale (`apart_km`, the ground two line
spacings cover) so are places closer than that (a village and the impact site 0.6 km from it)
and lines out of one place the same way (from the Al Haouz epicentre, Rabat and Larache lie
0.11° apart: 0.7 km at Rabat). Shared by the HTML map and the PNG/SVG figure.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right, insort
from collections.abc import Mapping, Sequence
from typing import Any

from claimcheck.frozen import frozen
from claimcheck.geo import geodesic

Point = tuple[float, float]  # (lon, lat), to 10⁻⁴°
#: Kilometres in a degree of latitude, at least (110.57 at the equator): places further apart
#: in latitude than apart_km / this are further apart than apart_km.
_KM_PER_DEG_LAT = 110.0


@frozen
class SharedLine:
    """A measured line that runs on one track with other claims' lines: the same two points,
    or one point shared and the same way out of it, so nearly that on the map the shorter line
    lies on the longer one. Drawn on one track they hide each other, so each is drawn beside
    the others, `slot` steps from the bundle's middle, and its popup lists them all."""

    #: offset from the bundle's middle in line spacings (-1.5, -0.5, 0.5, 1.5 for four), to
    #: the left of the line as it is drawn from its first point (a line drawn towards the hub
    #: has its slot negated, so that the bundle's lines keep apart whichever way each runs);
    #: the lines are in order of their bearing from the hub, so that none crosses another
    slot: float
    #: the features' indexes in the collection, in drawing order, this one included
    members: tuple[int, ...]
    #: the (lon, lat) every member starts or ends at (for lines on the same two points, the
    #: lesser of the two), to 10⁻⁴°; an end within the tolerance of another stands for both
    hub: Point
    #: the line's other end, as the hub
    far: Point


def line_ends(geometry: Mapping[str, Any]) -> tuple[Point, Point]:
    """A line's first and last (lon, lat), to 10⁻⁴° (about 10 m), however its coordinates nest
    (a line cut at the antimeridian)."""
    first, last = geometry["coordinates"], geometry["coordinates"]
    while not isinstance(first[0], (int, float)):
        first, last = first[0], last[-1]
    return (round(first[0], 4), round(first[1], 4)), (round(last[0], 4), round(last[1], 4))


@frozen
class _Ray:
    """A measured line seen from one of its ends (the hub): its far end, bearing, length, and
    the bearing of its own middle (of a line whose ends stand in for others nearby, the side
    of the track it is on)."""

    index: int
    far: Point
    azimuth_deg: float
    length_km: float
    middle_deg: float


def _turn(a: float, b: float) -> float:
    """The signed angle (degrees, clockwise positive) from bearing a to bearing b."""
    return (b - a + 180.0) % 360.0 - 180.0


def _together(a: _Ray, b: _Ray, apart_km: float) -> bool:
    """Whether two lines out of one hub run on one track: the same far end, or the same way
    out with the shorter line's far end within `apart_km` of the longer (their gap there is
    the shorter's length times the sine of the angle between them: a plane approximation,
    which is what a tolerance of a fraction of a millimetre on the page needs), and the
    shorter line at least `apart_km` long: a stub shorter than the lines are wide is under
    them all, whichever way it goes."""
    near, far = sorted((a, b), key=lambda r: r.length_km)
    if near.far == far.far:
        return True
    turn = math.radians(abs(_turn(a.azimuth_deg, b.azimuth_deg)))
    return turn < math.pi / 2 and near.length_km * math.sin(turn) <= apart_km <= near.length_km


def shared_lines(collection: Mapping[str, Any], apart_km: float = 0.0) -> dict[int, SharedLine]:
    """By feature index, every measured line that runs on one track with another. With no
    `apart_km`, lines on the same two ends; with it (the ground distance two line spacings
    cover at a map's scale), also lines whose ends lie within `apart_km` of each other (a
    village and the impact site 0.6 km from it are one point on the map) and lines out of one
    end whose far ends lie within `apart_km` of the other line."""
    ends = {i: line_ends(f["geometry"]) for i, f in enumerate(collection["features"])
            if f["properties"].get("layer") == "measurement"}  # fmt: skip
    snap = _snapped(sorted({p for pair in ends.values() for p in pair}), apart_km)
    drawn = {i: (snap[a], snap[b]) for i, (a, b) in ends.items() if snap[a] != snap[b]}
    at: dict[Point, list[int]] = {}
    for i, pair in drawn.items():
        for p in pair:
            at.setdefault(p, []).append(i)
    out: dict[int, SharedLine] = {}
    # the busiest place first: the hub of every line on one track out of it
    for hub in sorted(at, key=lambda p: (-len(at[p]), p)):
        free = [i for i in at[hub] if i not in out]
        if len(free) < 2:
            continue
        rays = _rays(hub, free, drawn, ends)
        for bundle in _bundles(rays, apart_km):
            # lines on the same two points are told apart from the lesser end, whichever the
            # busier: the same on every map
            start = min(hub, bundle[0].far) if len({r.far for r in bundle}) == 1 else hub
            # rightmost first, as seen from the start (its slot is the rightmost of the line
            # drawn from there), and on one bearing the shorter first, so that the lines to
            # one place keep together; the lines on the same two points in their own order
            look = 1.0 if start == hub else -1.0
            reference = bundle[0].middle_deg
            ordered = sorted(bundle, key=lambda r: (
                -look * round(_turn(reference, r.middle_deg), 6), r.length_km, r.index
            ))  # fmt: skip
            members = tuple(sorted(r.index for r in bundle))
            middle = (len(ordered) - 1) / 2
            for k, ray in enumerate(ordered):
                side = 1.0 if drawn[ray.index][0] == start else -1.0
                far = ray.far if start == hub else hub
                out[ray.index] = SharedLine(side * (k - middle), members, start, far)
    return out


def _rays(
    hub: Point, indexes: Sequence[int], drawn: Mapping[int, tuple[Point, Point]],
    ends: Mapping[int, tuple[Point, Point]],
) -> list[_Ray]:  # fmt: skip
    """The lines `indexes` seen from the hub, their geodesics solved together."""
    fars = [b if a == hub else a for a, b in (drawn[i] for i in indexes)]
    dist, azimuth = geodesic.inverse_many(hub[1], hub[0], [f[1] for f in fars],
                                          [f[0] for f in fars])  # fmt: skip
    # each line's own middle, from its lesser end, so that lines on the same points agree
    starts, stops = zip(*(sorted(ends[i]) for i in indexes), strict=True)
    lats, lons = [p[1] for p in starts], [p[0] for p in starts]
    length, heading = geodesic.inverse_many(lats, lons, [p[1] for p in stops],
                                            [p[0] for p in stops])  # fmt: skip
    mid_lats, mid_lons, _ = geodesic.forward_many(lats, lons, heading, [d / 2 for d in length])
    _, middle = geodesic.inverse_many(hub[1], hub[0], mid_lats, mid_lons)
    rows = zip(indexes, fars, azimuth, dist, middle, strict=True)
    return [_Ray(i, f, a, d / 1000, m) for i, f, a, d, m in rows]


def _snapped(points: Sequence[Point], apart_km: float) -> dict[Point, Point]:
    """Each point's stand-in: the first point kept before it within `apart_km`, or itself
    (kept). Only points within apart_km in latitude are measured."""
    if apart_km <= 0:
        return {p: p for p in points}
    window = apart_km / _KM_PER_DEG_LAT
    out: dict[Point, Point] = {}
    kept: list[Point] = []
    by_lat: list[tuple[float, int]] = []  # (lat, index in kept), sorted
    for p in points:
        lo = bisect_left(by_lat, (p[1] - window, -1))
        hi = bisect_right(by_lat, (p[1] + window, len(kept)))
        near = next((kept[k] for k in sorted(k for _lat, k in by_lat[lo:hi])
                     if _east_west_km(p, kept[k]) <= apart_km
                     and geodesic.distance_m(p[1], p[0], kept[k][1], kept[k][0])
                     <= apart_km * 1000), None)  # fmt: skip
        if near is None:
            insort(by_lat, (p[1], len(kept)))
            kept.append(p)
        out[p] = near or p
    return out


def _east_west_km(a: Point, b: Point) -> float:
    """At most the distance between a and b: their difference in longitude along the parallel
    of the one nearer a pole (a degree there is at least 111.32 km times its cosine on the
    sphere; 0.99 of it covers the ellipsoid)."""
    dlon = abs(a[0] - b[0]) % 360.0
    poleward = math.radians(min(90.0, max(abs(a[1]), abs(b[1]))))
    return min(dlon, 360.0 - dlon) * 111.32 * 0.99 * math.cos(poleward)


def _bundles(rays: Sequence[_Ray], apart_km: float) -> list[list[_Ray]]:
    """The rays out of one hub grouped by running together (a chain of pairs that do), each
    group of two or more in index order. Each ray is compared with the rays at most the angle
    off it at which a line of its length would leave the tolerance (sorted by bearing)."""
    group = list(range(len(rays)))

    def root(k: int) -> int:
        while group[k] != k:
            group[k] = group[group[k]]
            k = group[k]
        return k

    first: dict[Point, int] = {}
    for k, ray in enumerate(rays):  # to the same far end: one track
        group[root(k)] = root(first.setdefault(ray.far, k))
    order = sorted(range(len(rays)), key=lambda k: rays[k].azimuth_deg)
    for pos, k in enumerate(order):
        near = rays[k]
        if apart_km <= 0 or near.length_km < apart_km:
            continue
        reach = math.degrees(math.asin(min(1.0, apart_km / near.length_km)))
        for step in (1, -1):
            for m in range(1, len(order)):
                other = rays[order[(pos + step * m) % len(order)]]
                if abs(_turn(near.azimuth_deg, other.azimuth_deg)) > reach:
                    break
                if other.length_km >= near.length_km and _together(near, other, apart_km):
                    group[root(order[(pos + step * m) % len(order)])] = root(k)
    found: dict[int, list[_Ray]] = {}
    for k, ray in enumerate(rays):
        found.setdefault(root(k), []).append(ray)
    return [g for g in found.values() if len(g) > 1]
