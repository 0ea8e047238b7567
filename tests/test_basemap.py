"""render.basemap: the offline base layer, clipped to a map's extent."""

from __future__ import annotations

from shapely.geometry import box, shape

from claimcheck.render import basemap

AROUND_TANF = (36.0, 31.0, 42.0, 36.0)


def test_countries_are_clipped_to_the_extent() -> None:
    features = basemap.countries_in(AROUND_TANF)
    names = {f["properties"]["name"] for f in features}
    assert {"Syria", "Iraq", "Jordan"} <= names
    assert "France" not in names
    window = box(*AROUND_TANF)
    for feature in features:
        assert window.buffer(1e-9).covers(shape(feature["geometry"]))


def test_an_extent_across_the_antimeridian_finds_both_sides() -> None:
    names = {f["properties"]["name"] for f in basemap.countries_in((170.0, 60.0, -170.0, 70.0))}
    assert {"Russia", "United States"} <= names


def test_major_towns_largest_first_and_apart() -> None:
    towns = basemap.towns_in((35.0, 32.0, 45.0, 37.0), limit=10)
    assert towns[0].name == "Baghdad"
    assert [t.population for t in towns] == sorted((t.population for t in towns), reverse=True)
    assert "Sadr City" not in {t.name for t in towns}  # a district within 25 km of Baghdad


def test_country_names() -> None:
    assert basemap.country_name("KW") == "Kuwait"
    assert basemap.country_name("sy") == "Syria"
    assert basemap.country_name(None) is None
