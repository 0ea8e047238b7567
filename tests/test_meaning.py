"""claims.meaning: each kind's one statement, and the three analyses agreeing on it.

Small in-memory places with no uncertainty, so a claim about a known point is either consistent
or inconsistent, and the same claim about an unknown place gives a region that contains that
point exactly when the verdict is consistent; the contradiction constraint's interval holds the
point's distance (or bearing) exactly then too.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

from claimcheck.analysis import contradictions, measuring
from claimcheck.analysis.contradictions import constraints_of
from claimcheck.analysis.locate import constraints as locate_constraints
from claimcheck.analysis.locate import constraints_for
from claimcheck.analysis.verdicts import AngleCheck, LengthCheck, Verdict, evaluate
from claimcheck.claims.meaning import (
    Assertion,
    DirectionAssertion,
    DistanceAssertion,
    InsideAssertion,
    NearAssertion,
    Quantity,
    ZoneRadiusAssertion,
    zone_centre_interval,
)
from claimcheck.claims.model import Claim, VerdictKind
from claimcheck.gazetteer.places import Gazetteer, Place, PlaceKind, PlaceRef, Source
from claimcheck.geo import geodesic as geodesy
from claimcheck.geo.lines import signed_distance_to_polygons_m
from claimcheck.geo.measure import Measurer
from claimcheck.grammar.directions import parse_direction
from claimcheck.grammar.interval import Interval
from claimcheck.grammar.relations import parse_requirement
from claimcheck.grammar.units import parse_length

SOURCE = Source("test")
LAT, LON = 33.5, 38.6


def _point(pid: str, azimuth: float = 0.0, km: float = 0.0) -> Place:
    lat, lon = geodesy.forward(LAT, LON, azimuth, km * 1000) if km else (LAT, LON)
    return Place(pid, pid, PlaceKind.POINT, SOURCE, lat=lat, lon=lon)


CORNERS = tuple(geodesy.forward(LAT, LON, az, 42_000) for az in (45.0, 135.0, 225.0, 315.0))
PLACES = [
    _point("ref"),
    Place("zone", "zone", PlaceKind.ZONE, SOURCE, centre="ref", radius=parse_length("50 km")),
    Place("square", "square", PlaceKind.POLYGON, SOURCE, vertices=CORNERS),
    Place("unknown", "unknown", PlaceKind.UNKNOWN, SOURCE),
    _point("north-20", 0.0, 20),
    _point("north-100", 0.0, 100),
    _point("east-40", 90.0, 40),
    _point("south-west-8", 225.0, 8),
]
GAZETTEER = Gazetteer({p.id: p for p in PLACES})
SUBJECTS = ["north-20", "north-100", "east-40", "south-west-8"]
REF, ZONE, SQUARE = PlaceRef("ref"), PlaceRef("zone"), PlaceRef("square")

#: One assertion per kind (and per reading of a kind), about a given subject.
KINDS: dict[str, Callable[[PlaceRef], Assertion]] = {
    "distance": lambda s: DistanceAssertion(s, REF, parse_requirement("more than 45 km")),
    "distance to a zone's edge": lambda s: DistanceAssertion(
        s, ZONE, parse_requirement("less than 20 km")
    ),
    "distance and direction": lambda s: DistanceAssertion(
        s, REF, parse_requirement("less than 60 km"), parse_direction("north")
    ),
    "direction": lambda s: DirectionAssertion(s, REF, parse_direction("north")),
    "inside a zone": lambda s: InsideAssertion(s, ZONE, True),
    "outside a zone": lambda s: InsideAssertion(s, ZONE, False),
    "inside a polygon": lambda s: InsideAssertion(s, SQUARE, True),
    "deep inside a polygon": lambda s: InsideAssertion(
        s, SQUARE, True, depth=parse_requirement("more than 15 km")
    ),
    "inside a zone, at a depth": lambda s: InsideAssertion(
        s, ZONE, True, depth=parse_requirement("between 25 and 40 km")
    ),
    "outside a polygon": lambda s: InsideAssertion(s, SQUARE, False),
    "near, stated": lambda s: NearAssertion(s, REF, parse_requirement("within 30 km")),
    "near, the reference's default": lambda s: NearAssertion(s, REF, None),
}


def _claim(assertion: Assertion) -> Claim:
    return Claim("c", "quote", "claimant", SOURCE, assertion)


def _verdict(kind: str, subject: str) -> Verdict:
    (verdict,) = evaluate([_claim(KINDS[kind](PlaceRef(subject)))], GAZETTEER)
    return verdict


@pytest.mark.parametrize("kind", KINDS)
def test_conditions_have_the_kinds_quantities(kind: str) -> None:
    assertion = KINDS[kind](PlaceRef("north-20"))
    reference = GAZETTEER.get(assertion.reference.text)
    conditions = assertion.conditions(reference)
    assert tuple(c.quantity for c in conditions) == assertion.quantities
    (verdict,) = evaluate([_claim(assertion)], GAZETTEER)
    assert [c.quantity for c in verdict.checks] == [c.name for c in conditions]
    for check, condition in zip(verdict.checks, conditions, strict=True):
        is_angle = condition.quantity is Quantity.AZIMUTH
        assert isinstance(check, AngleCheck if is_angle else LengthCheck)


@pytest.mark.parametrize("subject", SUBJECTS)
@pytest.mark.parametrize("kind", KINDS)
def test_region_holds_the_subject_exactly_when_the_verdict_is_consistent(
    kind: str, subject: str
) -> None:
    verdict = _verdict(kind, subject)
    assert verdict.verdict in (VerdictKind.CONSISTENT, VerdictKind.INCONSISTENT), verdict.reason
    unknown = GAZETTEER.get("unknown")
    assert unknown is not None
    claim = _claim(KINDS[kind](PlaceRef("unknown")))
    (constraint,), skipped = constraints_for(unknown, [claim], GAZETTEER)
    assert not skipped
    place = GAZETTEER.get(subject)
    assert place is not None and place.lat is not None and place.lon is not None
    inside = constraint.shape.margin_m(place.lat, place.lon) > 0
    assert inside == (verdict.verdict is VerdictKind.CONSISTENT), constraint.description


@pytest.mark.parametrize("subject", SUBJECTS)
@pytest.mark.parametrize("kind", KINDS)
def test_contradiction_interval_holds_the_distance_exactly_when_the_check_is_consistent(
    kind: str, subject: str
) -> None:
    verdict = _verdict(kind, subject)
    found = constraints_of(verdict.claim, GAZETTEER)
    # every check is a constraint; a depth inside a polygon is a distance (0) and a depth
    assert len(found) == len(verdict.checks) + (kind == "deep inside a polygon")
    place = GAZETTEER.get(subject)
    assert place is not None and place.lat is not None and place.lon is not None
    holds = []
    for constraint in found:
        reference = GAZETTEER.get(constraint.reference)
        assert reference is not None
        if constraint.quantity == "depth":
            signed = signed_distance_to_polygons_m(place.lat, place.lon, reference.polygons)
            holds.append(constraint.acceptable.contains(-signed.signed_distance_m))
        elif constraint.quantity == "direction":
            azimuth = Measurer(GAZETTEER).distance(place, reference).azimuth_deg
            assert azimuth is not None
            sector = constraint.acceptable
            holds.append(sector.contains(azimuth) or sector.contains(azimuth + 360.0))
        else:
            distance = Measurer(GAZETTEER).distance(place, reference).distance.best
            holds.append(constraint.acceptable.contains(distance))
    consistent = all(c.verdict is VerdictKind.CONSISTENT for c in verdict.checks)
    assert all(holds) == consistent, [c.statement for c in found]


def test_a_zone_radius_is_compared_but_locates_nothing() -> None:
    claim = _claim(ZoneRadiusAssertion(ZONE, parse_requirement("about 30 mi")))
    (verdict,) = evaluate([claim], GAZETTEER)
    (check,) = verdict.checks
    (constraint,) = constraints_of(claim, GAZETTEER)
    assert (constraint.quantity, constraint.acceptable) == ("radius", check.acceptable)
    zone = GAZETTEER.get("zone")
    assert zone is not None
    assert constraints_for(zone, [claim], GAZETTEER)[1][0].reason == "it does not locate a place"


@pytest.mark.parametrize(
    ("edge", "centre"),
    [
        (Interval(-math.inf, 0.0), Interval(0.0, 50.0)),
        (Interval(0.0, math.inf, low_open=True), Interval(50.0, math.inf, low_open=True)),
        (Interval(-80.0, -10.0), Interval(0.0, 40.0)),
    ],
)
def test_zone_centre_interval(edge: Interval, centre: Interval) -> None:
    assert zone_centre_interval(edge, 50.0) == centre


@pytest.mark.parametrize(
    "table",
    [measuring.MEASURE, contradictions._CONSTRAIN, locate_constraints._LOCATING],
    ids=["verdicts", "contradictions", "locate"],
)
def test_every_analysis_knows_every_quantity(table: dict[Quantity, object]) -> None:
    assert set(table) == set(Quantity)
