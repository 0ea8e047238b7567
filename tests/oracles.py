"""Slow reference answers the tests check the fast code against; never shipped in the package.

Written against pyproj directly, not claimcheck's helpers, so a bug there cannot hide here.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import numpy as np
from pyproj import Geod

_WGS84 = Geod(ellps="WGS84")


def _between(
    a: tuple[float, float], b: tuple[float, float], count: int
) -> list[tuple[float, float]]:
    """count equally spaced (lat, lon) points strictly between a and b on their geodesic."""
    if count < 1:
        return []
    return [(y, x) for x, y in _WGS84.npts(a[1], a[0], b[1], b[0], count)]


def _distances_m(lat: float, lon: float, points: np.ndarray) -> np.ndarray:
    n = len(points)
    return np.asarray(
        _WGS84.inv(np.full(n, lon), np.full(n, lat), points[:, 1], points[:, 0])[2], dtype=float
    )


def brute_force_distance_to_line_m(
    lat: float,
    lon: float,
    vertices_lat_lon: Sequence[tuple[float, float]],
    coarse_m: float = 1000.0,
    fine_m: float = 0.5,
) -> float:
    """The minimum over dense samples of every edge, in metres (the oracle for nearest_on_line).

    Each edge is sampled every `coarse_m`; every point of an edge lies within half a coarse
    spacing of a sample, so only samples within one coarse spacing of the best can neighbour the
    true minimum, and the stretch around each of those is resampled every `fine_m`. The result
    overestimates the true distance by at most about fine_m / 2.
    """
    vertices = [(float(a), float(b)) for a, b in vertices_lat_lon]
    edges = [np.array([vertices[0]])]
    for a, b in itertools.pairwise(vertices):
        length = _WGS84.inv(a[1], a[0], b[1], b[0])[2]
        edges.append(np.array([a, *_between(a, b, math.ceil(length / coarse_m) - 1), b]))
    best = min(float(_distances_m(lat, lon, edge).min()) for edge in edges)
    for edge in edges:
        dists = _distances_m(lat, lon, edge)
        for j in np.flatnonzero(dists <= best + coarse_m):
            lo, hi = edge[max(j - 1, 0)], edge[min(j + 1, len(edge) - 1)]
            span = _WGS84.inv(lo[1], lo[0], hi[1], hi[0])[2]
            fine = _between((lo[0], lo[1]), (hi[0], hi[1]), math.ceil(span / fine_m) - 1)
            if fine:
                best = min(best, float(_distances_m(lat, lon, np.array(fine)).min()))
    return best


def disc_samples(
    lat: float, lon: float, radius_m: float, n: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """n points uniform on the geodesic disc of radius_m around (lat, lon): (lats, lons)."""
    if radius_m <= 0:
        return np.full(n, lat), np.full(n, lon)
    azimuths = rng.uniform(0.0, 360.0, n)
    distances = radius_m * np.sqrt(rng.uniform(0.0, 1.0, n))
    lons, lats, _back = _WGS84.fwd(np.full(n, lon), np.full(n, lat), azimuths, distances)
    return np.asarray(lats, dtype=float), np.asarray(lons, dtype=float)


def monte_carlo_geodesic(
    reference: tuple[float, float, float],
    subject: tuple[float, float, float],
    n: int,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Brute force: distances (m) and azimuths (deg, [0, 360)) from a true reference point to a
    true subject point, each uniform on its disc; `reference`/`subject` are (lat, lon, radius_m).
    """
    rlat, rlon = disc_samples(*reference, n, rng)
    slat, slon = disc_samples(*subject, n, rng)
    azimuths, _back, distances = _WGS84.inv(rlon, rlat, slon, slat)
    return np.asarray(distances, dtype=float), np.mod(np.asarray(azimuths, dtype=float), 360.0)
