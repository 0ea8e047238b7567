"""Known answers for the geodesic core: Karney's GeodTest set and a pyproj documented pair."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest

from claimcheck.geo import geodesic as geodesy

DATA = Path(__file__).parent / "data"


def _geodtest() -> np.ndarray:
    with gzip.open(DATA / "GeodTest-short.dat.gz", "rt") as handle:
        return np.loadtxt(handle, usecols=(0, 1, 2, 3, 4, 5, 6))


def test_geodtest_distances_to_a_micrometre() -> None:
    """All 10,000 geodesics of GeodTest-short (CC0, Karney): s12 is exact in the file."""
    t = _geodtest()
    lat1, lon1, lat2, lon2, s12 = t[:, 0], t[:, 1], t[:, 3], t[:, 4], t[:, 6]
    dist, _az = geodesy.inverse_many(lat1.tolist(), lon1.tolist(), lat2.tolist(), lon2.tolist())
    assert np.max(np.abs(np.array(dist) - s12)) < 1e-6


def test_geodtest_forward_azimuths_on_the_random_block() -> None:
    """Lines 1-2000 are random geodesics, where azimuths are well conditioned."""
    t = _geodtest()[:2000]
    _dist, az = geodesy.inverse_many(t[:, 0].tolist(), t[:, 1].tolist(), t[:, 3].tolist(),
                                     t[:, 4].tolist())  # fmt: skip
    expected = np.mod(t[:, 2], 360.0)
    diff = (np.array(az) - expected + 180.0) % 360.0 - 180.0
    assert np.max(np.abs(diff)) < 1e-9


def test_forward_lands_on_the_test_endpoint() -> None:
    lat1, lon1, azi1, lat2, lon2, _azi2, s12 = _geodtest()[7]
    lat, lon = geodesy.forward(lat1, lon1, azi1, s12)
    assert lat == pytest.approx(lat2, abs=1e-9)
    assert (lon - lon2 + 180) % 360 - 180 == pytest.approx(0, abs=1e-9)


def test_pyproj_documented_boston_portland() -> None:
    """pyproj's test_geod.py: Boston to Portland on WGS84 is 4164074.239 m."""
    boston = (42.0 + 15.0 / 60.0, -71.0 - 7.0 / 60.0)
    portland = (45.0 + 31.0 / 60.0, -123.0 - 41.0 / 60.0)
    assert geodesy.distance_m(*boston, *portland) == pytest.approx(4164074.239, abs=1e-3)


@pytest.mark.parametrize(
    ("lat1", "lon1", "lat2", "lon2", "expected_m"),
    [
        (33.5, 38.6, 33.5, 38.6, 0.0),  # coincident points
        (0.0, 179.5, 0.0, -179.5, 111319.491),  # across the antimeridian: 1 degree of equator
        (90.0, 0.0, -90.0, 0.0, 20003931.459),  # pole to pole: half a meridian
    ],
)
def test_edge_cases(lat1: float, lon1: float, lat2: float, lon2: float, expected_m: float) -> None:
    assert geodesy.distance_m(lat1, lon1, lat2, lon2) == pytest.approx(expected_m, abs=1e-3)


@pytest.mark.parametrize(
    ("raw", "expected"), [(-180.0, 180.0), (-90.0, 270.0), (0.0, 0.0), (180.0, 180.0), (-0.0, 0.0)]
)
def test_normalize_azimuth_maps_onto_0_360(raw: float, expected: float) -> None:
    assert geodesy.normalize_azimuth(raw) == pytest.approx(expected, abs=1e-9)
    assert 0.0 <= geodesy.normalize_azimuth(raw) < 360.0


def test_inverse_azimuth_is_forward_not_back() -> None:
    """Due north from the equator: forward azimuth 0, not the back azimuth 180."""
    assert geodesy.inverse(0.0, 10.0, 1.0, 10.0).azimuth_deg == pytest.approx(0.0, abs=1e-9)


def test_seed_known_answer_garrison_to_crossing() -> None:
    """Wikipedia's garrison point to German Wikipedia's crossing point: 21.7 km (notes)."""
    d = geodesy.distance_m(33.50583, 38.61778, 33.43694, 38.83639)
    assert d == pytest.approx(21_710, abs=10)
