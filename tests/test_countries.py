"""Countries by code or name, and the swapped-lat/lon warning, for every country."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.gazetteer.places import PlaceRef
from claimcheck.gazetteer.reader import load_places
from claimcheck.grammar.countries import (
    _table,
    box_position_warning,
    find_country,
    same_country,
    unknown_country,
)

DATA = Path(__file__).parent / "data"
COUNTRIES = DATA / "countries"
NATURAL_EARTH = Path("/work/shared/data/ne10m-admin0-countries-5.1.1.geojson.gz")


@pytest.mark.parametrize(
    ("text", "code"),
    [("SY", "SY"), ("sy", "SY"), ("SYR", "SY"), ("Syria", "SY"), ("SYRIA", "SY"),
     ("سوريا", "SY"), ("Syrie", "SY"), ("Сирия", "SY"), ("IR", "IR"), ("Iran", "IR"),
     ("Côte d'Ivoire", "CI"), ("cote d'ivoire", "CI"), ("United States of America", "US"),
     ("AO", "AO"), ("Russia", "RU"), ("Fiji", "FJ")],
)  # fmt: skip
def test_codes_and_names_in_any_case_and_language(text: str, code: str) -> None:
    found = find_country(text)
    assert found is not None and found.code == code


def test_a_code_always_means_its_own_country() -> None:
    """Vietnamese "Áo" (Austria) folds to "ao": the code AO stays Angola's."""
    found = find_country("AO")
    assert found is not None and found.name == "Angola"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("Syira", "did you mean 'Syria' (SY)?"), ("Atlantis", "unknown country 'Atlantis'"),
     ("Saint-Martin", "can mean MF or SX")],
)  # fmt: skip
def test_an_unknown_country_says_so(text: str, fragment: str) -> None:
    message = unknown_country(text)
    assert message is not None and fragment in message
    assert unknown_country("Syria") is None


def test_same_country_by_code_or_name() -> None:
    assert same_country("SY", "Syria") and same_country("syr", "سوريا")
    assert not same_country("SY", "IQ") and not same_country("Atlantis", "SY")


@pytest.mark.parametrize(
    ("lat", "lon", "country"),
    [
        (35.69611, 51.42306, "IR"),  # Tehran
        (33.5000340, 36.2999959, "Syria"),  # Damascus, by name
        (64.7337, 177.5141, "RU"),  # Anadyr, east of the antimeridian's other side
        (65.0, -175.0, "RU"),  # Chukotka west of 180
        (54.71, 20.51, "RU"),  # Kaliningrad
        (-18.1416, 178.4419, "FJ"),  # Suva
        (-16.7, -179.9, "FJ"),  # Fiji east of 180
        (51.88, -176.66, "US"),  # Adak, Aleutians
        (52.93, 173.18, "US"),  # Attu, Aleutians west of 180
        (21.3, -157.85, "US"),  # Honolulu
        (4.93, -52.33, "FR"),  # Cayenne, French Guiana
        (-89.0, 0.0, "AQ"),
    ],
)
def test_positions_inside_their_country_are_quiet(lat: float, lon: float, country: str) -> None:
    assert box_position_warning(lat, lon, country) is None


def test_a_swapped_position_warns_for_every_country() -> None:
    """The centre of each country's largest box is quiet, and swapped it warns, unless the
    swap is no latitude (|lon| > 90: an error when read) or lands in the country's boxes too."""
    quiet_when_swapped = []
    for code, entry in _table()["countries"].items():
        south, north, west, east = max(
            entry["boxes"], key=lambda b: (b[1] - b[0]) * ((b[3] - b[2]) % 360)
        )
        lat, lon = (south + north) / 2, (west + (east - west) % 360 / 2 + 180) % 360 - 180
        assert box_position_warning(lat, lon, code) is None, code
        if abs(lon) <= 90 and box_position_warning(lon, lat, code) is None:
            quiet_when_swapped.append(code)
    # countries near the line lat = lon, whose box holds its own swap
    assert len(quiet_when_swapped) <= 6, quiet_when_swapped  # EG, GE, NG, TD


def test_the_old_message_for_syria() -> None:
    warning = box_position_warning(38.61778, 33.50583, "sy")
    assert warning == (
        "38.62, 33.51 lies outside SY's bounding box (32.3°N–37.3°N, 35.7°E–42.4°E): "
        "swapped lat/lon? 33.51, 38.62 would be inside"
    )
    assert box_position_warning(33.5, 138.6, "Syria") == (
        "33.5, 138.6 lies outside Syria (SY)'s bounding box (32.3°N–37.3°N, 35.7°E–42.4°E): "
        "swapped lat/lon or wrong country?"
    )


def test_tehran_swapped_warns_and_a_country_name_narrows_like_its_code() -> None:
    """The review's case: Tehran swapped, `country: IR`, "about 700 km from Baghdad" was
    inconsistent at 2,127 km with no warning; `country: Syria` disabled the check."""
    result = CliRunner().invoke(
        main,
        ["verify", "--claims", str(COUNTRIES / "claims.yaml"),
         "--places", str(COUNTRIES / "places.yaml"), "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    warnings = {w["id"]: w["message"] for w in doc["warnings"]}
    assert "lies more than 6 km outside IR's outline" in warnings["tehran-swapped"]
    assert "swapped lat/lon? 35.7, 51.42 would be inside" in warnings["tehran-swapped"]
    assert "lies more than 6 km outside syria (SY)'s outline" in warnings["damascus-swapped"]
    assert "did you mean 'Syria' (SY)?" in warnings["misspelled-country"]
    assert "damascus" not in warnings
    verdicts = {r["id"]: r["verdict"] for r in doc["results"]}
    assert verdicts["damascus-by-country-name"] == "consistent"


def test_a_name_narrows_a_reference_given_by_code() -> None:
    gazetteer = load_places(str(COUNTRIES / "places.yaml"))
    for country in ("SY", "syr", "Syria", "سوريا"):
        ref = PlaceRef("Damascus", country=country)
        assert [p.id for p in gazetteer.resolve(ref).places] == ["damascus"]
    assert gazetteer.resolve(PlaceRef("Damascus", country="IQ")).places == ()


def test_the_natural_earth_border_lies_in_both_neighbours_boxes() -> None:
    codes = {"SYR": "SY", "IRQ": "IQ", "JOR": "JO"}
    geojson = json.loads((DATA / "ne10m-boundaries-iraq-jordan-syria.geojson").read_text())
    for feature in geojson["features"]:
        props = feature["properties"]
        for line in feature["geometry"]["coordinates"]:
            for lon, lat in line:
                for side in ("adm0_a3_l", "adm0_a3_r"):
                    assert box_position_warning(lat, lon, codes[props[side]]) is None


def test_the_table_cites_its_source() -> None:
    table = _table()
    assert "Natural Earth 1:10m Admin 0 countries, version 5.1.1" in table["source"]
    assert table["generated_by"] == "scripts/gen_country_boxes.py"
    assert len(table["countries"]) == 245


@pytest.mark.skipif(not NATURAL_EARTH.exists(), reason="Natural Earth source not available")
def test_every_vertex_of_natural_earth_lies_in_its_countrys_boxes() -> None:
    """The generated boxes hold every vertex they were made from (no margin needed)."""
    with gzip.open(NATURAL_EARTH, "rt", encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    for feature in features[::5]:
        props = feature["properties"]
        code = props["ISO_A2_EH"] if props["ISO_A2_EH"] != "-99" else props["ADM0_A3"]
        geometry = feature["geometry"]
        polygons = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            for lon, lat in polygon[0][::25]:
                assert box_position_warning(lat, lon, code) is None, (code, lat, lon)


def test_places_search_narrows_by_a_country_name() -> None:
    result = CliRunner().invoke(main, ["places", "search", "Shamiyah", "--country", "Syria"])
    assert result.exit_code == 0, result.output
    assert "ash-shamiyah-homs" in result.stdout and "al-shamiya-iraq" not in result.stdout
