"""Long lines and rings simplified within a small part of their uncertainty, before any geodesy.

A border traced at full resolution can hold a million vertices, far more than its stated
uncertainty can tell apart. A line or polygon with more than SIMPLIFY_ABOVE vertices is
simplified by Douglas–Peucker to a tolerance of SIMPLIFY_FRACTION of its uncertainty, and that
tolerance is added to its uncertainty: every distance to the simplified place differs from the
distance to the original by at most the tolerance, so every interval still holds the truth.

Why the bound holds. The vertices are projected into an azimuthal equidistant frame centred on
them, where no scale is below 1, so a planar distance is never shorter than the geodesic one.
Douglas–Peucker keeps every dropped vertex within t/2 of its chord in the plane, and a chord
spans only vertices within t/2 of it, so by convexity the original path stays within t/2 of
the chord and the chord within t/2 of the path. Edges are geodesics, whose image strays from the
planar chord by about L²·ρ/(12·R²) (length L, distance ρ from the frame's centre); chords are kept
short enough that twice that is at most t/4, for the chords and for the original edges alike.
So the original and the simplified lines are within t/2 + t/4 + t/4 = t of each other
(Hausdorff), and a distance to one differs from a distance to the other by at most t.
tests/test_simplify.py checks it against brute force.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from typing import Any

from claimcheck.gazetteer.places import LatLon, Place, PlaceKind
from claimcheck.gazetteer.rings import wgs84_geod

#: Lines or rings with more vertices than this are simplified (the longest real border in the
#: tests has 10,036).
SIMPLIFY_ABOVE = 20_000
#: The simplification tolerance as a fraction of the place's uncertainty.
SIMPLIFY_FRACTION = 0.05
#: A frame reaching farther than this from its centre (m) is split in two, so the bound holds.
MAX_FRAME_M = 3_000_000.0
_R = 6_371_008.8


def simplified(place: Place) -> tuple[Place, str | None]:
    """The place, simplified if it is a long line or polygon; and a note saying what was done."""
    rings = (place.vertices, *place.holes)
    count = sum(len(r) for r in rings)
    if place.kind not in (PlaceKind.LINE, PlaceKind.POLYGON) or count <= SIMPLIFY_ABOVE:
        return place, None
    tolerance = SIMPLIFY_FRACTION * place.uncertainty_m
    if tolerance <= 0.0:
        return place, None
    closed = place.kind is PlaceKind.POLYGON
    outer, *holes = (simplify_vertices(r, tolerance, closed) for r in rings)
    kept = len(outer) + sum(len(h) for h in holes)
    uncertainty = place.uncertainty_m + tolerance
    note = (
        f"{place.id!r}: {count:,} vertices simplified to {kept:,} within {tolerance:,.0f} m "
        f"({SIMPLIFY_FRACTION:.0%} of its uncertainty), which is added to it: "
        f"±{uncertainty / 1000:,.3g} km"
    )
    return dataclasses.replace(
        place, vertices=outer, holes=tuple(holes), uncertainty_m=uncertainty
    ), note


def simplify_vertices(
    vertices: Sequence[LatLon], tolerance_m: float, closed: bool = False
) -> tuple[LatLon, ...]:
    """A subset of the (lat, lon) vertices, first and last kept, within tolerance_m of the
    original line (see the module docstring). `closed`: a ring, open or closed, returned open."""
    import numpy as np

    points = list(vertices)
    if closed and points[0] != points[-1]:
        points.append(points[0])
    if len(points) < 3:
        return tuple(vertices)
    lats = np.array([p[0] for p in points], dtype=float)
    lons = np.array([p[1] for p in points], dtype=float)
    keep = _keep(lats, lons, tolerance_m)
    out = [points[i] for i in np.flatnonzero(keep)]
    if closed:
        out = out[:-1]
    return tuple(out)


def _keep(lats: Any, lons: Any, tolerance_m: float) -> Any:
    """Which vertices Douglas–Peucker keeps, splitting the line while a frame reaches too far."""
    import numpy as np

    x, y, reach = _frame(lats, lons)
    n = lats.size
    if reach > MAX_FRAME_M and n > 3:
        middle = n // 2
        return np.concatenate(
            [
                _keep(lats[: middle + 1], lons[: middle + 1], tolerance_m)[:-1],
                _keep(lats[middle:], lons[middle:], tolerance_m),
            ]
        )
    # twice the stray L²·ρ/(12·R²) of a chord of length L at most t/4
    max_chord = math.sqrt(12.0 * _R**2 * tolerance_m / (8.0 * max(reach, 1.0)))
    return _douglas_peucker(x, y, tolerance_m / 2.0, max_chord)


def _douglas_peucker(x: Any, y: Any, tolerance: float, max_chord: float) -> Any:
    """Douglas–Peucker in the plane, also splitting every chord longer than max_chord."""
    import numpy as np

    n = x.size
    keep = np.zeros(n, dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    tol2, max2 = tolerance * tolerance, max_chord * max_chord
    while stack:
        i, j = stack.pop()
        if j <= i + 1:
            continue
        dx, dy = x[j] - x[i], y[j] - y[i]
        chord2 = dx * dx + dy * dy
        px, py = x[i + 1 : j] - x[i], y[i + 1 : j] - y[i]
        if chord2 > 0.0:
            along = np.clip((px * dx + py * dy) / chord2, 0.0, 1.0)
            d2 = (px - along * dx) ** 2 + (py - along * dy) ** 2
        else:
            d2 = px * px + py * py
        k = int(np.argmax(d2))
        if d2[k] > tol2:
            m = i + 1 + k
        elif chord2 > max2:
            m = (i + j) // 2
        else:
            continue
        keep[m] = True
        stack.append((i, m))
        stack.append((m, j))
    return keep


def _frame(lats: Any, lons: Any) -> tuple[Any, Any, float]:
    """(x, y) in metres in an azimuthal equidistant frame centred on the vertices' mean on the
    unit sphere, and the farthest vertex's distance from that centre (m)."""
    import numpy as np

    phi, lam = np.radians(lats), np.radians(lons)
    cx, cy, cz = (
        (np.cos(phi) * np.cos(lam)).sum(),
        (np.cos(phi) * np.sin(lam)).sum(),
        np.sin(phi).sum(),
    )
    norm = math.sqrt(cx * cx + cy * cy + cz * cz)
    if norm < 1e-9 * lats.size:
        return np.zeros_like(lats), np.zeros_like(lons), math.inf
    lat0 = math.degrees(math.asin(max(-1.0, min(1.0, cz / norm))))
    lon0 = math.degrees(math.atan2(cy, cx))
    n = lats.size
    az, _back, dist = wgs84_geod().inv(np.full(n, lon0), np.full(n, lat0), lons, lats)
    rad, dist = np.radians(az), np.asarray(dist)
    return dist * np.sin(rad), dist * np.cos(rad), float(dist.max())
