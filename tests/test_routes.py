"""grammar.routes and route verdicts: a road, river or rail distance against the geodesic."""

from __future__ import annotations

import pytest

from claimcheck.analysis.verdicts import Verdict, evaluate
from claimcheck.claims.meaning import DistanceAssertion
from claimcheck.claims.model import Claim, VerdictKind
from claimcheck.gazetteer.places import Gazetteer, Place, PlaceKind, PlaceRef, Source
from claimcheck.geo import geodesic as geodesy
from claimcheck.grammar.relations import parse_requirement
from claimcheck.grammar.routes import CIRCUITY, Route, RouteError, parse_route

SOURCE = Source("test")


@pytest.mark.parametrize(
    ("text", "route"),
    [("road", Route.ROAD), ("by road", Route.ROAD), ("upstream", Route.RIVER),
     ("River", Route.RIVER), ("rail", Route.RAIL)],
)  # fmt: skip
def test_route_words(text: str, route: Route) -> None:
    assert parse_route(text) is route


def test_unknown_route_names_the_choices() -> None:
    with pytest.raises(RouteError, match="road, river, rail"):
        parse_route("by camel")


def test_every_route_cites_its_circuity() -> None:
    for circuity in CIRCUITY.values():
        assert 1.0 < circuity.typical < circuity.most
        assert circuity.source


def _verdict(figure: str, geodesic_km: float, along: Route) -> Verdict:
    lat, lon = geodesy.forward(50.0, 24.0, 0.0, geodesic_km * 1000)
    places = Gazetteer(
        {
            "a": Place("a", "a", PlaceKind.POINT, SOURCE, lat=50.0, lon=24.0, uncertainty_m=200),
            "b": Place("b", "b", PlaceKind.POINT, SOURCE, lat=lat, lon=lon, uncertainty_m=200),
        }
    )
    assertion = DistanceAssertion(PlaceRef("b"), PlaceRef("a"), parse_requirement(figure),
                                  along=along)  # fmt: skip
    (verdict,) = evaluate([Claim("c", "q", "c", SOURCE, assertion)], places)
    return verdict


@pytest.mark.parametrize(
    ("figure", "geodesic_km", "along", "expected", "why"),
    [
        ("45 km", 40.0, Route.ROAD, VerdictKind.CONSISTENT, "1.13× the geodesic"),
        ("45 km", 50.0, Route.ROAD, VerdictKind.INCONSISTENT, "shorter than the geodesic"),
        ("150 km", 40.0, Route.ROAD, VerdictKind.INCONCLUSIVE, "implausibly long"),
        ("150 km", 60.0, Route.RIVER, VerdictKind.CONSISTENT, "2.50× the geodesic"),
    ],
)
def test_a_route_is_impossible_plausible_or_implausibly_long(
    figure: str, geodesic_km: float, along: Route, expected: VerdictKind, why: str
) -> None:
    verdict = _verdict(figure, geodesic_km, along)
    assert verdict.verdict is expected, verdict.reason
    assert why in verdict.reason
    assert f"by {along.value}" in verdict.reason
