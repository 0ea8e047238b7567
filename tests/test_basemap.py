"""render.basemap: the offline base layer, clipped to a map's extent, from the gazetteer's own
world layers (one copy of Natural Earth in the package)."""

from __future__ import annotations

import pytest
from shapely import clip_by_rect
from shapely.geometry import MultiLineString, Point, box, shape

from claimcheck.gazetteer import world
from claimcheck.render import basemap

AROUND_TANF = (34.0, 30.0, 42.0, 37.0)


def _ids(features: list[dict], layer: str) -> set[str]:  # type: ignore[type-arg]
    return {f["properties"]["id"] for f in features if f["properties"]["layer"] == layer}


def test_land_borders_and_coasts_are_clipped_to_the_extent() -> None:
    features = basemap.features_in(AROUND_TANF)
    assert features[0]["properties"]["layer"] == "land"  # drawn first, under the lines
    assert {"border:IQ-SY", "border:JO-SY", "border:IQ-JO", "border:JO-SA"} <= _ids(
        features, "boundary"
    )
    assert {"coast:SY", "coast:LB", "coast:IL"} <= _ids(features, "coast")
    assert not any("FR" in i for i in _ids(features, "boundary") | _ids(features, "coast"))
    window = box(*AROUND_TANF)
    for feature in features:
        assert window.buffer(1e-9).covers(shape(feature["geometry"]))


@pytest.mark.parametrize(
    ("lon", "lat", "land"),
    # al-Tanf; the Mediterranean; the Caspian, which no country polygon covers
    [(38.8, 33.4, True), (34.0, 34.5, False), (51.0, 42.0, False), (48.0, 40.0, True)],
)
def test_land_is_where_the_countries_are(lon: float, lat: float, land: bool) -> None:
    extent = (lon - 3.0, lat - 3.0, lon + 3.0, lat + 3.0)
    area = shape(basemap.features_in(extent)[0]["geometry"])
    assert area.contains(Point(lon, lat)) is land


def test_the_border_is_drawn_with_the_vertices_claims_measure_against() -> None:
    """One data source: the map's Iraq–Syria border is the gazetteer's `border:IQ-SY`."""
    feature = next(
        f for f in basemap.features_in(AROUND_TANF) if f["properties"].get("id") == "border:IQ-SY"
    )
    place = world.world_layer().place(world.world_layer().features()["border:IQ-SY"])
    lines = MultiLineString([[(lon, lat) for lat, lon in line] for line in place.lines])
    theirs = clip_by_rect(lines, *AROUND_TANF)
    # nothing simplified away at tolerance 0: only rounded to 0.001°
    assert shape(feature["geometry"]).hausdorff_distance(theirs) < 0.001


def test_land_no_claim_can_name_is_still_land() -> None:
    """Natural Earth's features without an ISO code (Bir Tawil, Akrotiri) are land too."""
    area = shape(basemap.features_in((33.0, 21.5, 34.5, 22.5))[0]["geometry"])
    assert area.contains(Point(33.6, 21.85))  # Bir Tawil
    cyprus = shape(basemap.features_in((32.5, 34.4, 34.1, 35.3))[0]["geometry"])
    assert cyprus.contains(Point(32.95, 34.6))  # Akrotiri


def test_an_extent_across_the_antimeridian_finds_both_sides() -> None:
    coasts = _ids(basemap.features_in((170.0, 60.0, -170.0, 70.0)), "coast")
    assert {"coast:RU", "coast:US"} <= coasts


def test_simplifying_keeps_the_page_small() -> None:
    def vertices(features: list[dict]) -> int:  # type: ignore[type-arg]
        return len(str([f["geometry"]["coordinates"] for f in features]))

    fine = basemap.features_in(AROUND_TANF)
    coarse = basemap.features_in(AROUND_TANF, 0.05)
    assert vertices(coarse) < vertices(fine) / 3


def test_major_towns_largest_first_and_apart() -> None:
    towns = basemap.towns_in((35.0, 32.0, 45.0, 37.0), limit=10)
    assert towns[0].name == "Baghdad"
    assert [t.population for t in towns] == sorted((t.population for t in towns), reverse=True)
    assert "Sadr City" not in {t.name for t in towns}  # a district within 25 km of Baghdad


def test_a_map_of_the_world_leaves_out_islands_too_small_to_see() -> None:
    """At an overview's tolerance (0.9°: 360° over a 400 px inset) an island under a few
    pixels is left out, so the page does not carry every reef; continents stay."""
    coarse = basemap.features_in((-180.0, -85.0, 180.0, 85.0), 0.9)
    every_polygon = sum(len(o.rings) for o in world.outlines())
    assert len(shape(coarse[0]["geometry"]).geoms) < every_polygon / 50
    land = shape(coarse[0]["geometry"])
    assert land.contains(Point(-1.5, 52.5)) and land.contains(Point(134.0, -25.0))
    assert not land.contains(Point(-20.0, 40.0))  # the Atlantic
