"""geo.probability: the probability that a claim holds, against a brute-force Monte Carlo.

The oracle (tests/oracles.py) samples each place's true position uniformly on its geodesic disc
with pyproj and measures geodesics between the samples: 100,000 samples per case, so its
standard error is at most 0.16 percentage points and the one-point tolerance is six of them.
The cases are random (seeded): distances, directions and zones, with places from 0.2 to 300 km
apart and uncertainties up to 10 km, many closer together than their uncertainties. A few run in
the fast suite; all of them (60) in the slow one.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pytest

from claimcheck.analysis.verdicts import evaluate
from claimcheck.claims.meaning import (
    Assertion,
    DirectionAssertion,
    DistanceAssertion,
    InsideAssertion,
)
from claimcheck.claims.model import Claim
from claimcheck.gazetteer.places import Gazetteer, Place, PlaceKind, PlaceRef, Source
from claimcheck.geo import geodesic as geodesy
from claimcheck.geo import probability
from claimcheck.geo.probability import below, in_wedge, within
from claimcheck.grammar.directions import Direction
from claimcheck.grammar.interval import Interval
from claimcheck.grammar.relations import Relation, Requirement
from claimcheck.grammar.units import Length, Unit
from oracles import disc_samples, monte_carlo_geodesic

SOURCE = Source("test")
SAMPLES = 100_000
TOLERANCE = 0.01


@dataclass(frozen=True)
class Case:
    kind: str
    ref: tuple[float, float, float]
    subject: tuple[float, float, float]
    #: distance: (low km, high km); direction: (centre deg, half-width deg); zone: (R km, edge km)
    params: tuple[float, float]

    def __str__(self) -> str:
        return f"{self.kind}-{self.params}-{self.ref[2]:.0f}/{self.subject[2]:.0f}m"


def _cases(count: int, seed: int = 20240128) -> list[Case]:
    rng = random.Random(seed)
    out = []
    kinds = ("distance", "more-than", "direction", "zone")
    for i in range(count):
        lat, lon = rng.uniform(30.0, 52.0), rng.uniform(20.0, 45.0)
        d_m = rng.choice((200.0, 500.0, 1_000.0, 2_000.0, 5_000.0, 12_000.0, 40_000.0, 300_000.0))
        a, b = rng.uniform(0.0, 10_000.0), rng.uniform(0.0, 10_000.0)
        if i % 5 == 0:
            b = 0.0
        slat, slon = geodesy.forward(lat, lon, rng.uniform(0, 360), d_m)
        spread = (a + b) / 2 + 1.0
        kind = kinds[i % len(kinds)]
        if kind == "distance":
            low = max(0.0, d_m + rng.uniform(-1.5, 0.5) * spread)
            params = (low / 1000, (low + rng.uniform(0.2, 2.0) * spread) / 1000)
        elif kind == "more-than":
            params = (max(0.0, d_m + rng.uniform(-1.0, 1.0) * spread) / 1000, math.inf)
        elif kind == "direction":
            azimuth = geodesy.inverse(lat, lon, slat, slon).azimuth_deg
            params = ((azimuth + rng.uniform(-40.0, 40.0)) % 360.0, rng.choice((11.25, 22.5, 45.0)))
        else:
            radius = max(100.0, d_m + rng.uniform(-1.0, 1.0) * spread)
            params = (radius / 1000, rng.uniform(0.0, 3.0))
        out.append(Case(kind, (lat, lon, b), (slat, slon, a), params))
    return out


CASES = _cases(60)


def _km(value: float) -> Length:
    return Length(Decimal(repr(round(value, 6))), Unit.KM)


def _assertion(case: Case) -> Assertion:
    subject, ref = PlaceRef("subject"), PlaceRef("ref")
    low, high = case.params
    if case.kind == "distance":
        return DistanceAssertion(subject, ref, Requirement(Relation.BETWEEN, _km(low), _km(high)))
    if case.kind == "more-than":
        return DistanceAssertion(subject, ref, Requirement(Relation.MORE_THAN, _km(low)))
    if case.kind == "direction":
        return DirectionAssertion(subject, ref, Direction("X", low, high))
    return InsideAssertion(subject, PlaceRef("zone"), True)


def _places(case: Case) -> Gazetteer:
    (rlat, rlon, rr), (slat, slon, sr) = case.ref, case.subject
    places = [
        Place("ref", "ref", PlaceKind.POINT, SOURCE, lat=rlat, lon=rlon, uncertainty_m=rr),
        Place("subject", "subject", PlaceKind.POINT, SOURCE, lat=slat, lon=slon, uncertainty_m=sr),
    ]
    if case.kind == "zone":
        radius, edge_km = case.params
        places.append(
            Place("zone", "zone", PlaceKind.ZONE, SOURCE, centre="ref", radius=_km(radius),
                  uncertainty_m=edge_km * 1000)
        )  # fmt: skip
    return Gazetteer({p.id: p for p in places})


def engine_probability(case: Case) -> float:
    claim = Claim("c", "quote", "claimant", SOURCE, _assertion(case))
    (verdict,) = evaluate([claim], _places(case))
    (check,) = verdict.checks
    assert check.chance is not None
    return check.chance.lenient


def monte_carlo_probability(case: Case, seed: int = 7) -> float:
    rng = np.random.default_rng(seed)
    distances, azimuths = monte_carlo_geodesic(case.ref, case.subject, SAMPLES, rng)
    low, high = case.params
    if case.kind == "distance":
        return float(np.mean((distances >= low * 1000) & (distances <= high * 1000)))
    if case.kind == "more-than":
        return float(np.mean(distances > low * 1000))
    if case.kind == "direction":
        off = np.abs((azimuths - low + 180.0) % 360.0 - 180.0)
        return float(np.mean(off <= high))
    radius, edge_km = case.params
    edges = radius * 1000 + rng.uniform(-edge_km * 1000, edge_km * 1000, SAMPLES)
    return float(np.mean(distances <= edges))


@pytest.mark.parametrize("case", CASES[:8], ids=str)
def test_probability_agrees_with_monte_carlo_sample(case: Case) -> None:
    assert engine_probability(case) == pytest.approx(monte_carlo_probability(case), abs=TOLERANCE)


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=str)
def test_probability_agrees_with_monte_carlo(case: Case) -> None:
    assert engine_probability(case) == pytest.approx(monte_carlo_probability(case), abs=TOLERANCE)


def test_the_cases_include_places_closer_than_their_uncertainty() -> None:
    def apart_m(c: Case) -> float:
        return geodesy.distance_m(c.ref[0], c.ref[1], c.subject[0], c.subject[1])

    close = [c for c in CASES if apart_m(c) < c.ref[2] + c.subject[2]]
    assert len(close) >= 15


def test_polygon_inside_agrees_with_monte_carlo_near_an_edge() -> None:
    """The signed distance is linearised at the nearest point: exact for a straight edge."""
    corners = ((33.0, 38.0), (33.0, 39.0), (34.0, 39.0), (34.0, 38.0))
    square = Place("square", "square", PlaceKind.POLYGON, SOURCE, vertices=corners,
                   uncertainty_m=3_000.0)  # fmt: skip
    subject = Place("s", "s", PlaceKind.POINT, SOURCE, lat=33.5, lon=38.99, uncertainty_m=4_000.0)
    claim = Claim("c", "q", "c", SOURCE, InsideAssertion(PlaceRef("s"), PlaceRef("square"), True))
    (verdict,) = evaluate([claim], Gazetteer({"square": square, "s": subject}))
    (check,) = verdict.checks
    assert check.chance is not None
    rng = np.random.default_rng(3)
    _lats, lons = disc_samples(33.5, 38.99, 4_000.0, SAMPLES, rng)
    _shift_lats, shift_lon = disc_samples(33.5, 39.0, 3_000.0, SAMPLES, rng)
    # the square moved rigidly by the sampled shift: compare with the shifted east edge
    east_edge = 39.0 + (shift_lon - 39.0)
    inside = lons <= east_edge
    assert check.chance.lenient == pytest.approx(float(np.mean(inside)), abs=TOLERANCE)


@pytest.mark.parametrize(("a", "b"), [(1.0, 0.0), (0.0, 2.0), (3.0, 1.0), (2.0, 2.0)])
def test_the_displacement_density_integrates_to_one(a: float, b: float) -> None:
    assert within([5.0], [a], [b], [1e9])[0] == pytest.approx(1.0, abs=1e-4)
    assert within([0.0], [a], [b], [a + b])[0] == pytest.approx(1.0, abs=1e-4)
    assert below([a], [b], [0.0])[0] == pytest.approx(0.5, abs=1e-6)


@pytest.mark.parametrize("width", [10.0, 90.0, 200.0, 360.0])
def test_a_sector_seen_from_the_same_point_holds_in_proportion_to_its_width(width: float) -> None:
    assert in_wedge([0.0], [1.0], [1.0], [0.0], [width])[0] == pytest.approx(
        width / 360.0, abs=1e-3
    )


def test_no_uncertainty_is_certainty() -> None:
    assert within([5.0], [0.0], [0.0], [5.0])[0] == 1.0
    assert within([5.0], [0.0], [0.0], [4.9])[0] == 0.0
    assert in_wedge([5.0], [0.0], [0.0], [-10.0], [10.0])[0] == 1.0
    assert in_wedge([5.0], [0.0], [0.0], [20.0], [40.0])[0] == 0.0


def test_settled_rows_skip_the_quadrature_and_change_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`within` skips rows whose answer is certainly 0 or 1; the quadrature gives those exactly,
    and every other row bit for bit as when computed with them (nearly settled rows too)."""
    rng = np.random.default_rng(17)
    skipped = 0
    for _ in range(100):
        m = int(rng.integers(1, 2_000))
        d = rng.uniform(0, 2e5, m) * rng.choice([1e-3, 1, 10], m)
        a = rng.choice([0, 1, 100, 2_000, 8_000], m) * rng.uniform(0.5, 1.5, m)
        b = rng.choice([0, 1, 100, 2_000, 8_000], m) * rng.uniform(0.5, 1.5, m)
        gap = rng.choice([0.0, 1e-7, 1e-6, 0.5, 1.0, 1.0000001, 1.00001, 2.0, 10.0], m)
        t = d + rng.choice([-1, 1], m) * (a + b) * gap + rng.normal(0, 1e-9, m)
        fast = probability.within(d, a, b, t)
        with monkeypatch.context() as patched:
            patched.setattr(probability, "_SETTLED", math.inf)  # nothing settled: all integrated
            full = probability.within(d, a, b, t)
        assert np.array_equal(fast, full)
        skipped += int(np.sum(np.abs(t - d) - (a + b) > probability._SETTLED * (a + b + t + d)))
    assert skipped > 10_000


@pytest.mark.parametrize("n", sorted(probability._LEGENDRE))
def test_the_gauss_legendre_table_is_numpys_rule_to_the_bit(n: int) -> None:
    nodes, weights = probability._gauss(n)
    want_nodes, want_weights = np.polynomial.legendre.leggauss(n)
    assert nodes.tolist() == want_nodes.tolist()
    assert weights.tolist() == want_weights.tolist()
    assert nodes.dtype == weights.dtype == np.float64


@pytest.mark.parametrize(
    ("kind", "value", "a", "b", "jitter", "low", "high"),
    [
        (probability.SpreadKind.RADIAL, 63300.0, 2400.0, 5000.0, 0.0, 62550.0, 62650.0),
        (probability.SpreadKind.RADIAL, 3000.0, 4000.0, 2000.0, 0.0, 1000.0, 6000.0),
        (probability.SpreadKind.RADIAL, 40000.0, 5000.0, 0.0, 2500.0, -3000.0, 1000.0),
        (probability.SpreadKind.NORMAL, -80000.0, 5000.0, 5400.0, 0.0, -85000.0, -78000.0),
    ],
)
def test_the_sides_are_the_complement_of_holding(
    kind: probability.SpreadKind, value: float, a: float, b: float, jitter: float,
    low: float, high: float,
) -> None:  # fmt: skip
    """P(below) + P(inside) + P(above) = 1, from the same quadrature (docs/rules.md, "The
    decision"): asking the two sides adds the rows asking the interval would."""
    offset = value if jitter else 0.0  # a zone's edge: the distance less its radius
    spread = probability.Spread(kind, value, a, b, offset=offset, jitter=jitter)
    interval = Interval(low, high)
    batch = probability.Batch()
    inside = batch.ask(spread, interval)
    below, above = batch.ask_outside(spread, interval)
    batch.solve()
    total = batch.results[below] + batch.results[inside] + batch.results[above]
    assert total == pytest.approx(1.0, abs=1e-12)
    assert 0.0 < batch.results[below] < 1.0 and 0.0 < batch.results[above] < 1.0


def test_a_bound_has_no_side_beyond_its_open_end() -> None:
    spread = probability.Spread(probability.SpreadKind.RADIAL, 60000.0, 5000.0, 5000.0)
    batch = probability.Batch()
    sides = batch.ask_outside(spread, Interval(72400.0, math.inf, low_open=True))
    within_sides = batch.ask_outside(spread, Interval(0.0, 55000.0))
    batch.solve()
    assert batch.results[sides[1]] == 0.0 and batch.results[within_sides[0]] == 0.0
