"""Each claim kind on small fixtures (tests/data/kinds), plus the sector property."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.analysis.verdicts import Verdict, evaluate
from claimcheck.claims.model import (
    Claim,
    DirectionAssertion,
    VerdictKind,
    load_claims,
)
from claimcheck.gazetteer.places import Gazetteer, Place, PlaceKind, PlaceRef, Source
from claimcheck.gazetteer.reader import load_places
from claimcheck.geo import geodesic as geodesy
from claimcheck.grammar.directions import COMPASS_16, parse_direction

KINDS = Path(__file__).parent / "data" / "kinds"


@pytest.fixture(scope="module")
def verdicts() -> dict[str, Verdict]:
    gazetteer = load_places(str(KINDS / "places.yaml"))
    claims = load_claims(str(KINDS / "claims.yaml"), gazetteer)
    return {v.claim.id: v for v in evaluate(claims, gazetteer)}


def _ids() -> list[str]:
    gazetteer = load_places(str(KINDS / "places.yaml"))
    return [c.id for c in load_claims(str(KINDS / "claims.yaml"), gazetteer)]


@pytest.mark.parametrize("claim_id", _ids())
def test_each_kind_gets_its_expected_verdict(verdicts: dict[str, Verdict], claim_id: str) -> None:
    verdict = verdicts[claim_id]
    assert verdict.claim.expect is not None
    assert verdict.verdict is verdict.claim.expect, verdict.reason


def test_near_reports_measured_distance_and_threshold(verdicts: dict[str, Verdict]) -> None:
    (default,) = verdicts["near-line-default"].checks
    (explicit,) = verdicts["near-line-explicit"].checks
    assert default.measured.best == pytest.approx(3_260, abs=10)
    assert default.acceptable.high == 25_000
    assert "the default threshold for a line" in default.claimed
    assert explicit.acceptable.high == 2_000
    assert default.nearest is not None


def test_distance_and_direction_are_both_reported(verdicts: dict[str, Verdict]) -> None:
    distance, direction = verdicts["distance-and-direction"].checks
    assert (distance.quantity, distance.verdict) == ("distance", VerdictKind.INCONSISTENT)
    assert (direction.quantity, direction.verdict) == ("direction", VerdictKind.CONSISTENT)


def test_zone_inside_carries_all_three_uncertainties(verdicts: dict[str, Verdict]) -> None:
    (check,) = verdicts["zone-inside-inconclusive"].checks
    # maqha ±5 km, the garrison (centre) ±7 km, the zone's edge ±2.5 km
    assert check.measured.half_width == pytest.approx(14_500)


@pytest.mark.parametrize(
    ("claim_id", "radius_mi"), [("zone-radius-34mi", 34.18), ("zone-radius-35mi", 34.18)]
)
def test_zone_radius_is_the_declared_radius(
    verdicts: dict[str, Verdict], claim_id: str, radius_mi: float
) -> None:
    (check,) = verdicts[claim_id].checks
    assert check.measured.best / 1609.344 == pytest.approx(radius_mi, abs=0.005)


def test_garrison_to_crossing_known_answer() -> None:
    inv = geodesy.inverse(33.50583, 38.61778, 33.43694, 38.83639)
    assert inv.distance_m / 1000 == pytest.approx(21.71, abs=0.005)


def _direction_verdict(lat: float, lon: float, azimuth: float, distance_m: float,
                       name: str) -> VerdictKind:  # fmt: skip
    lat2, lon2 = geodesy.forward(lat, lon, azimuth, distance_m)
    source = Source("test")
    ref = Place("ref", "ref", PlaceKind.POINT, source, lat=lat, lon=lon)
    subject = Place("subject", "subject", PlaceKind.POINT, source, lat=lat2, lon=lon2)
    claim = Claim("c", "q", "test", source, DirectionAssertion(
        PlaceRef("subject"), PlaceRef("ref"), parse_direction(name)))  # fmt: skip
    gazetteer = Gazetteer({"ref": ref, "subject": subject})
    return evaluate([claim], gazetteer)[0].verdict


@given(
    lat=st.floats(-80, 80),
    lon=st.floats(-180, 180),
    index=st.integers(0, 15),
    offset=st.floats(-0.98, 0.98),
    distance_m=st.floats(100, 2_000_000),
)
def test_sector_consistent_with_geod_fwd(
    lat: float, lon: float, index: int, offset: float, distance_m: float
) -> None:
    """A point placed by Geod.fwd inside a sector is in it when the places are exact."""
    name = COMPASS_16[index]
    half = 22.5 if len(name) <= 2 else 11.25
    azimuth = (index * 22.5 + offset * half) % 360
    assert _direction_verdict(lat, lon, azimuth, distance_m, name) is VerdictKind.CONSISTENT


@given(
    lat=st.floats(-80, 80),
    index=st.integers(0, 15),
    beyond=st.floats(1.02, 3.9),
    distance_m=st.floats(100, 2_000_000),
)
def test_sector_inconsistent_outside(
    lat: float, index: int, beyond: float, distance_m: float
) -> None:
    """Outside the widest reading: a cardinal name's four-point sector (±45°), else its own."""
    name = COMPASS_16[index]
    widest = 45.0 if len(name) == 1 else 22.5 if len(name) == 2 else 11.25
    azimuth = (index * 22.5 + beyond * widest) % 360
    assert _direction_verdict(lat, 10.0, azimuth, distance_m, name) is VerdictKind.INCONSISTENT


@given(
    lat=st.floats(-80, 80),
    index=st.sampled_from([0, 4, 8, 12]),
    between=st.floats(0.03, 0.97),
    side=st.sampled_from([-1, 1]),
    distance_m=st.floats(1_000, 2_000_000),
)
def test_a_cardinal_name_between_its_two_readings_is_inconclusive(
    lat: float, index: int, between: float, side: int, distance_m: float
) -> None:
    """ "Newcastle is north of Sydney" at 27°: outside north's eight-point sector (±22.5°), inside
    its four-point one (±45°); with exact places the reading decides."""
    azimuth = (index * 22.5 + side * (22.5 + between * 22.5)) % 360
    verdict = _direction_verdict(lat, 10.0, azimuth, distance_m, COMPASS_16[index])
    assert verdict is VerdictKind.INCONCLUSIVE
