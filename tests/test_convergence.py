"""geo.convergence: the bound on how far a geodesic's azimuth turns holds on Karney's GeodTest."""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import pytest

from claimcheck.geo import geodesic as geodesy
from claimcheck.geo.convergence import convergence_bound_deg

DATA = Path(__file__).parent / "data" / "GeodTest-short.dat.gz"


def _turn(azi1: float, azi2: float) -> float:
    return abs((azi2 - azi1 + 180.0) % 360.0 - 180.0)


def _rows() -> list[list[float]]:
    with gzip.open(DATA, "rt") as handle:
        return [[float(x) for x in line.split()[:7]] for line in handle]


def test_the_bound_holds_on_every_geodesic_of_geodtest() -> None:
    """GeodTest's azimuths at both ends are exact to its digits: each geodesic's turn is within
    the bound, which is given for all but the lines whose longitudes differ by 180° or more."""
    bounded = 0
    for lat1, lon1, azi1, lat2, lon2, azi2, _s12 in _rows():
        bound = convergence_bound_deg(lat1, lon1, 0.0, lat2, lon2, 0.0)
        if bound is None:
            assert (
                abs((lon2 - lon1 + 180.0) % 360.0 - 180.0) >= 180.0 - 1e-9
                or max(abs(lat1), abs(lat2)) >= 90.0
            )
            continue
        bounded += 1
        assert _turn(azi1, azi2) <= bound + 1e-9
    assert bounded > 9_000


@pytest.mark.parametrize("seed", range(5))
def test_the_bound_holds_for_places_anywhere_within_their_spread(seed: int) -> None:
    """Two places moved anywhere within their spreads: the turn stays within the bound given
    for their stated positions."""
    rng = random.Random(seed)
    for _ in range(200):
        lat1, lon1 = rng.uniform(-80, 80), rng.uniform(-180, 180)
        lat2, lon2 = lat1 + rng.uniform(-3, 3), lon1 + rng.uniform(-3, 3)
        spread1, spread2 = rng.uniform(0, 50_000), rng.uniform(0, 50_000)
        bound = convergence_bound_deg(lat1, lon1, spread1, lat2, lon2, spread2)
        assert bound is not None
        for _ in range(5):
            a = geodesy.forward(lat1, lon1, rng.uniform(0, 360), rng.uniform(0, spread1))
            b = geodesy.forward(lat2, lon2, rng.uniform(0, 360), rng.uniform(0, spread2))
            there = geodesy.inverse(*a, *b).azimuth_deg
            back = geodesy.inverse(*b, *a).azimuth_deg
            assert _turn(there, back + 180.0) <= bound


def test_nuku_alofa_and_the_volcano() -> None:
    """The Hunga Tonga story's two places (tests/data/real): 0.2° of longitude apart, so their
    bearings turned round agree to within about that."""
    bound = convergence_bound_deg(-21.13683, -175.20114, 5_000, -20.536, -175.382, 2_200)
    assert bound is not None and 0.17 < bound < 0.35


@pytest.mark.parametrize(
    ("lat1", "lon1", "spread1", "lat2", "lon2"),
    [
        (89.99, 0.0, 5_000, 80.0, 10.0),
        (0.0, 0.0, 50_000, 0.0, 179.9),
        (10.0, 0.0, 0.0, 10.0, 180.0),
    ],
)
def test_no_bound_near_a_pole_or_half_the_world_apart(
    lat1: float, lon1: float, spread1: float, lat2: float, lon2: float
) -> None:
    assert convergence_bound_deg(lat1, lon1, spread1, lat2, lon2, 0.0) is None
