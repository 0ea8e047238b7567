"""Geodesics on the WGS84 ellipsoid, via pyproj's Geod (Karney's GeographicLib).

Every function here takes latitude before longitude in its signature and names it so; pyproj
itself wants lon, lat, and `wgs84().inv` calls are the only place the order flips. Distances are
in metres, azimuths in degrees clockwise from true north.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyproj import Geod


@cache
def wgs84() -> Geod:
    """Build the WGS84 Geod once, on first use, so that importing this module stays cheap."""
    from pyproj import Geod

    return Geod(ellps="WGS84")


@dataclass(frozen=True)
class Inverse:
    """The solution of the inverse geodesic problem between two points."""

    distance_m: float
    #: forward azimuth at the first point, degrees in [0, 360)
    azimuth_deg: float


def normalize_azimuth(azimuth_deg: float) -> float:
    """Map pyproj's (-180, 180] azimuths onto [0, 360), where compass sectors are defined."""
    value = azimuth_deg % 360.0
    return 0.0 if value == 360.0 else value


def inverse(lat1: float, lon1: float, lat2: float, lon2: float) -> Inverse:
    """Geodesic distance (m) and forward azimuth from point 1 to point 2."""
    az, _back, dist = wgs84().inv(lon1, lat1, lon2, lat2, return_back_azimuth=False)
    return Inverse(distance_m=float(dist), azimuth_deg=normalize_azimuth(float(az)))


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Geodesic distance in metres between two points given as lat, lon."""
    return inverse(lat1, lon1, lat2, lon2).distance_m


def inverse_many(
    lat1: Sequence[float], lon1: Sequence[float], lat2: Sequence[float], lon2: Sequence[float]
) -> tuple[list[float], list[float]]:
    """Vectorised inverse problem: (distances in m, forward azimuths in [0, 360)).

    One call into pyproj for all pairs: about twice as fast as a loop of scalar calls.
    """
    if not lat1:
        return [], []
    az, _back, dist = wgs84().inv(lon1, lat1, lon2, lat2, return_back_azimuth=False)
    return [float(d) for d in dist], [normalize_azimuth(float(a)) for a in az]


def forward(lat: float, lon: float, azimuth_deg: float, distance_m: float) -> tuple[float, float]:
    """The point (lat, lon) reached from (lat, lon) along azimuth for distance_m metres."""
    lon2, lat2, _back = wgs84().fwd(lon, lat, azimuth_deg, distance_m)
    return float(lat2), float(lon2)
