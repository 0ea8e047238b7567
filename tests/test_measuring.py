"""analysis.measuring: directions from lines and areas, and parts of areas ("north-eastern")."""

from __future__ import annotations

import math

import numpy as np
import pytest

from claimcheck.analysis.checks import LengthCheck
from claimcheck.analysis.measuring import road_factor
from claimcheck.analysis.verdicts import Verdict, evaluate
from claimcheck.claims.meaning import (
    Assertion,
    DirectionAssertion,
    DistanceAssertion,
    InsideAssertion,
)
from claimcheck.claims.model import Claim, VerdictKind
from claimcheck.gazetteer.places import Gazetteer, Place, PlaceKind, PlaceRef, Source
from claimcheck.geo.parts import Box
from claimcheck.grammar.directions import parse_direction
from claimcheck.grammar.interval import Interval
from claimcheck.grammar.relations import parse_requirement
from oracles import disc_samples

SOURCE = Source("test")
C, X, N, U = (VerdictKind.CONSISTENT, VerdictKind.INCONSISTENT, VerdictKind.INCONCLUSIVE,
              VerdictKind.UNVERIFIABLE)  # fmt: skip


def _point(pid: str, lat: float, lon: float, uncertainty_m: float = 1_000.0) -> Place:
    return Place(pid, pid, PlaceKind.POINT, SOURCE, lat=lat, lon=lon, uncertainty_m=uncertainty_m)


PLACES = Gazetteer(
    {
        p.id: p
        for p in [
            # a border running due north along 38.5° E, and one running south-west to north-east
            Place("border", "border", PlaceKind.LINE, SOURCE,
                  vertices=((33.0, 38.5), (34.0, 38.5)), uncertainty_m=500.0),
            Place("diagonal", "diagonal", PlaceKind.LINE, SOURCE,
                  vertices=((33.0, 38.0), (34.0, 39.2)), uncertainty_m=500.0),
            Place("square", "square", PlaceKind.POLYGON, SOURCE,
                  vertices=((33.0, 38.0), (33.0, 39.0), (34.0, 39.0), (34.0, 38.0)),
                  uncertainty_m=500.0),
            _point("west-5km", 33.5, 38.446),
            _point("north-west", 33.8, 38.4),
            _point("east-of-square", 33.5, 39.06),
            _point("beyond-ne-corner", 34.04, 39.05),
            _point("in-ne", 33.9, 38.9),
            _point("in-middle", 33.5, 38.5),
            _point("on-ne-edge", 33.667, 38.8, 5_000.0),
        ]
    }
)  # fmt: skip


def _verdict(assertion: Assertion) -> Verdict:
    (verdict,) = evaluate([Claim("c", "q", "c", SOURCE, assertion)], PLACES)
    return verdict


def _direction(subject: str, reference: str, direction: str) -> Verdict:
    return _verdict(
        DirectionAssertion(PlaceRef(subject), PlaceRef(reference), parse_direction(direction))
    )


@pytest.mark.parametrize(
    ("subject", "reference", "direction", "expected"),
    [
        ("west-5km", "border", "west", C),  # on the western side
        ("west-5km", "border", "east", X),
        ("west-5km", "border", "north-west", C),  # NW names the western side of a N–S line
        ("north-west", "diagonal", "west", C),  # W names the north-west side of a SW–NE line
        ("north-west", "diagonal", "south", X),
        ("east-of-square", "square", "east", C),  # from the nearest edge: its outward normal
        ("east-of-square", "square", "north", X),
        ("beyond-ne-corner", "square", "north-east", C),  # from the nearest vertex
    ],
)
def test_directions_from_lines_and_areas(
    subject: str, reference: str, direction: str, expected: VerdictKind
) -> None:
    verdict = _direction(subject, reference, direction)
    assert verdict.verdict is expected, verdict.reason


def test_a_direction_along_the_line_names_no_side() -> None:
    verdict = _direction("west-5km", "border", "north")
    assert verdict.verdict is U
    assert "names no side" in verdict.reason


def test_inside_an_area_a_direction_points_to_part() -> None:
    verdict = _direction("in-ne", "square", "north-east")
    assert verdict.verdict is U
    assert "part: NE" in verdict.reason


def test_less_than_7_km_west_of_the_border() -> None:
    """The Przewodów shape: a distance and a direction, both from a line."""
    assertion = DistanceAssertion(
        PlaceRef("west-5km"), PlaceRef("border"), parse_requirement("less than 7 km"),
        parse_direction("west"),
    )  # fmt: skip
    verdict = _verdict(assertion)
    assert [c.quantity for c in verdict.checks] == ["distance", "direction"]
    assert verdict.verdict is C, verdict.reason
    assert "the side facing W" in verdict.reason


def test_the_side_of_a_line_is_shown_as_the_half_plane_it_is_decided_on() -> None:
    """What every output prints (the claimed range, the margin) is the side, 270° ± 90°, not
    the ±22.5° sector of "west": a bearing of 250° is on the west side, 70° from its edge."""
    assertion = DistanceAssertion(
        PlaceRef("west-5km"), PlaceRef("diagonal"), parse_requirement("less than 30 km"),
        parse_direction("west"),
    )  # fmt: skip
    direction = _verdict(assertion).checks[1]
    assert (direction.acceptable.low, direction.acceptable.high) == (180.0, 360.0)
    assert direction.claimed.startswith("W (the side facing 270° ± 90°)")
    bearing = direction.measured.best % 360
    assert 180.0 < bearing < 360.0 and direction.margin == pytest.approx(90 - abs(bearing - 270))


@pytest.mark.parametrize(
    ("subject", "expected"), [("in-ne", C), ("in-middle", X), ("on-ne-edge", N)]
)
def test_in_the_north_eastern_part(subject: str, expected: VerdictKind) -> None:
    verdict = _verdict(
        InsideAssertion(PlaceRef(subject), PlaceRef("square"), True, parse_direction("NE"))
    )
    assert [c.quantity for c in verdict.checks] == ["inside", "part"]
    assert verdict.checks[1].verdict is expected, verdict.reason
    assert "ICD-9" in verdict.reason


def test_part_probability_agrees_with_monte_carlo() -> None:
    verdict = _verdict(
        InsideAssertion(PlaceRef("on-ne-edge"), PlaceRef("square"), True, parse_direction("NE"))
    )
    part = verdict.checks[1]
    assert part.chance is not None
    rng = np.random.default_rng(11)
    lats, lons = disc_samples(33.667, 38.8, 5_000.0, 200_000, rng)
    shift_lats, shift_lons = disc_samples(33.5, 38.5, 500.0, 200_000, rng)
    box = Box(33.0, 38.0, 34.0, 39.0)
    north, east = box.parallels[1], box.meridians[1]
    inside = (lats - (shift_lats - 33.5) > north) & (lons - (shift_lons - 38.5) > east)
    assert part.chance.lenient == pytest.approx(float(np.mean(inside)), abs=0.01)


@pytest.mark.parametrize(
    ("claimed_km", "geodesic_km", "expected"),
    [
        ((35.0, 45.0), 28.5, (35 / 28.5, 45 / 28.5)),  # "some 40 km from Lahore": a road fits
        ((75.0, 125.0), 70.7, (75 / 70.7, 125 / 70.7)),
        ((45.0, math.inf), 30.0, (1.5, math.inf)),  # "more than 45 km": at least 1.5×
        ((25.0, 35.0), 28.5, None),  # the straight line itself can meet it
        ((10.0, 20.0), 28.5, None),  # shorter than the straight line: no road is shorter
        ((70.0, 90.0), 28.5, None),  # more than twice the straight line: no plausible road
    ],
)
def test_a_road_could_be_that_long(
    claimed_km: tuple[float, float], geodesic_km: float, expected: tuple[float, float] | None
) -> None:
    claimed = Interval(claimed_km[0] * 1000, claimed_km[1] * 1000)
    found = road_factor(claimed, geodesic_km * 1000)
    assert found == (None if expected is None else pytest.approx(expected))


def test_the_road_hint_is_given_only_where_the_straight_line_fails() -> None:
    """Between two points: an inconsistent straight line a road could meet gets the hint, in
    its reason and as `road_factor`; a consistent one, a line and an inside claim do not."""
    places = [_point("a", 31.80258, 74.25772), _point("b", 31.558, 74.35071)]  # Muridke, Lahore
    gazetteer = Gazetteer({p.id: p for p in places})

    def check(figure: str) -> LengthCheck:
        claim = Claim(
            "c",
            "q",
            "x",
            Source("s"),
            DistanceAssertion(PlaceRef("a"), PlaceRef("b"), parse_requirement(figure)),
        )
        (verdict,) = evaluate([claim], gazetteer)
        (found,) = verdict.checks
        assert isinstance(found, LengthCheck)
        return found

    road = check("about 40 km")
    assert road.verdict is VerdictKind.INCONSISTENT and road.road_factor is not None
    assert "a road could be that long (1.2" in road.reason and "`along: road`" in road.reason
    for figure in ("about 28 km", "about 90 km", "about 10 km"):
        assert check(figure).road_factor is None
        assert "road" not in check(figure).reason
