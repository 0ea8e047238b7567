"""How far "A is north of B" and "B is south of A" can disagree: the meridians' convergence.

The bearing of B seen from A (the geodesic's azimuth at A) and the bearing of A seen from B
turned round by 180° differ by γ = α₂ − α₁, the change of the geodesic's azimuth along it. On a
sphere, Napier's analogies in the triangle of A, B and the pole give tan(γ/2) = tan(Δλ/2) · sin
φₘ / cos(Δφ/2) (I. Todhunter, *Spherical Trigonometry*, 5th ed., 1886), and since cos(Δφ/2) −
sin φₘ = 2 sin(θ₁/2) sin(θ₂/2) ≥ 0 for the colatitudes θ, |γ| ≤ |Δλ|: the azimuth turns by no
more than the longitudes differ. An ellipsoid's geodesic is a great circle of the auxiliary
sphere with the same azimuths, whose longitude difference ω₁₂ exceeds λ₁₂ by f · sin α₀ ·
I₃(σ₁₂), at most f · σ₁₂ (C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87, 2013, eq.
8), so |γ| ≤ |Δλ| + f · σ₁₂ on WGS84; tests/test_convergence.py checks it on Karney's GeodTest.
"""

from __future__ import annotations

import math

#: WGS84 (NIMA TR8350.2, 3rd ed., 2000, table 3.1): semi-major axis (m) and flattening
WGS84_A_M = 6_378_137.0
WGS84_F = 1 / 298.257223563
#: the semi-minor axis (m): an arc length s spans at most s / b radians of the auxiliary sphere
WGS84_B_M = WGS84_A_M * (1 - WGS84_F)
#: the least radius of curvature of a meridian, a(1 − e²), at the equator: a shift of s metres
#: moves the latitude by at most s / M_MIN radians
_M_MIN_M = WGS84_A_M * (1 - WGS84_F * (2 - WGS84_F))
#: the largest radius of curvature, at the poles: a / √(1 − e²)
_R_MAX_M = WGS84_A_M / math.sqrt(1 - WGS84_F * (2 - WGS84_F))


def convergence_bound_deg(
    lat1_deg: float,
    lon1_deg: float,
    spread1_m: float,
    lat2_deg: float,
    lon2_deg: float,
    spread2_m: float,
) -> float | None:
    """The most the azimuth of a geodesic from place 1 to place 2 can turn along it (|γ|, in
    degrees), each place anywhere within its spread (metres) of the position given.

    None when no bound follows: a spread that reaches a pole (every longitude), or longitudes
    that may differ by 180° or more.
    """
    span1 = _longitude_span_deg(lat1_deg, spread1_m)
    span2 = _longitude_span_deg(lat2_deg, spread2_m)
    if span1 is None or span2 is None:
        return None
    dlon = abs((lon2_deg - lon1_deg + 180.0) % 360.0 - 180.0) + span1 + span2
    if dlon >= 180.0:
        return None
    # the geodesic is no longer than the meridian arc and then the parallel joining the two
    # points, each at most the largest radius of curvature, a / √(1 − e²), times its angle
    path_m = _R_MAX_M * math.radians(abs(lat2_deg - lat1_deg) + dlon)
    arc_m = path_m + spread1_m + spread2_m
    return dlon + math.degrees(WGS84_F * arc_m / WGS84_B_M)


def _longitude_span_deg(lat_deg: float, spread_m: float) -> float | None:
    """How far the longitude can move within `spread_m` of a point: a parallel's radius is
    N cos φ ≥ a cos φ, taken at the latitude furthest from the equator the spread reaches."""
    furthest = abs(lat_deg) + math.degrees(spread_m / _M_MIN_M)
    if furthest >= 90.0:
        return None
    return math.degrees(spread_m / (WGS84_A_M * math.cos(math.radians(furthest))))
