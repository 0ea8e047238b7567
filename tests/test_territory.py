"""The coast rule for `inside:`/`outside:` a built-in country (analysis.territory)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck import api
from claimcheck.analysis.territory import TERRITORIAL_SEA_M, territory_edge
from claimcheck.cli import main
from claimcheck.gazetteer.places import Place, PlaceKind, Source
from claimcheck.gazetteer.world import world_layer

COAST = Path(__file__).parent / "data" / "coast"


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, object]]:
    result = CliRunner().invoke(
        main,
        ["verify", "--claims", str(COAST / "claims.yaml"), "--places", str(COAST / "places.yaml"),
         "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output  # every verdict as expected
    return {r["id"]: r for r in json.loads(result.stdout)["results"]}


def _reason(result: dict[str, object]) -> str:
    checks = result["checks"]
    assert isinstance(checks, list)
    return str(checks[0]["reason"])


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [("odesa-in-ukraine", "consistent"), ("odesa-outside-ukraine", "inconsistent"),
     ("latakia-in-syria", "consistent"), ("haifa-in-israel", "consistent"),
     ("belem-in-brazil", "consistent")],
)  # fmt: skip
def test_a_town_on_the_coast_is_in_its_country_and_the_reason_says_why(
    results: dict[str, dict[str, object]], claim: str, verdict: str
) -> None:
    """Odesa was inconclusive (68 %): 1.8 km from the 1:10m coast, town ±5 km and coast ±5.4 km.
    Belém's position lies 0.5 km on the water side of that coast."""
    assert results[claim]["verdict"] == verdict
    reason = _reason(results[claim])
    assert "nearer its sea coast than any land boundary" in reason
    assert "the coast rule (the sea side of a coast is no other country's land" in reason
    assert "UNCLOS arts. 2-3" in reason and "docs/rules.md" in reason


def test_odesa_is_decided_by_its_coast_moved_out_by_the_uncertainties(
    results: dict[str, dict[str, object]],
) -> None:
    reason = _reason(results["odesa-in-ukraine"])
    assert reason.startswith("odesa is 1.8 km inside country:UA's outline")
    assert "(47.6 km)" in reason  # the nearest land boundary, with Moldova
    assert "its coast moved out 10.4 km (negative inside), is -12.2 km" in reason


@pytest.mark.parametrize("claim", ["rafah-in-palestine", "tijuana-in-mexico"])
def test_a_town_near_a_land_boundary_stays_uncertain(
    results: dict[str, dict[str, object]], claim: str
) -> None:
    """Rafah (on the Egyptian boundary) and Tijuana (on the US one) are on or near a coast too,
    but their nearest edge is a land boundary: the rule does not apply."""
    assert results[claim]["verdict"] == "inconclusive"
    assert "coast rule" not in _reason(results[claim])


def test_another_country_across_the_water_keeps_it_uncertain(
    results: dict[str, dict[str, object]],
) -> None:
    """Helsingborg is 4 km across the Øresund from Denmark: the median line decides."""
    assert results["helsingborg-in-sweden"]["verdict"] == "inconclusive"
    assert "the median line with country:DK's land" in _reason(results["helsingborg-in-sweden"])


def _point(lat: float, lon: float, uncertainty_m: float = 5000.0) -> Place:
    return Place("p", "P", PlaceKind.POINT, Source("test"), lat=lat, lon=lon,
                 uncertainty_m=uncertainty_m)  # fmt: skip


def _country(code: str) -> Place:
    layer = world_layer()
    feature = layer.knows(f"country:{code}")
    assert feature is not None
    return layer.place(feature)


def test_inside_another_countrys_outline_the_rule_does_not_apply() -> None:
    # Tijuana's position, asked of the United States: in Mexico, across a land boundary
    us = _country("US")
    assert territory_edge(_point(32.503, -117.004), us, 4000.0) is None


def test_far_out_at_sea_is_outside_and_the_shift_is_at_most_12_nmi() -> None:
    ua = _country("UA")
    # 60 km south of Odesa, in the Black Sea; a place known to 50 km
    found = territory_edge(_point(45.95, 30.744, 50_000.0), ua, 41_000.0)
    assert found is not None
    assert found.sea_shift_m == TERRITORIAL_SEA_M
    assert found.signed_m == pytest.approx(41_000.0 - TERRITORIAL_SEA_M)


def test_a_places_file_polygon_keeps_the_plain_signed_distance() -> None:
    places = """places:
  - {id: town, name: Town, lat: 0.5, lon: 0.5, uncertainty: 1 km, source: t}
  - id: area
    name: Area
    kind: polygon
    lat_lon: [[0, 0], [0, 1], [1, 1], [1, 0]]
    uncertainty: 1 km
    source: t
"""
    claims = """claims:
  - {id: c, quote: q, claimant: c, source: {title: t}, subject: town, inside: area}
"""
    report = api.verify(api.loads(claims, places))
    reason = report.verdicts[0].checks[0].reason
    assert reason.startswith("the signed distance from town to the boundary of area")
    assert "coast rule" not in reason
