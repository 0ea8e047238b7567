"""`claimcheck locate` end to end: text, JSON and GeoJSON output and the exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from shapely.geometry import shape

from claimcheck.cli import main

DATA = Path(__file__).parent / "data" / "locate"
FILES = ["--claims", str(DATA / "seed-claims.yaml"), "--places", str(DATA / "seed-places.yaml")]
STRIKE = "strike-site-2017-06-06"
CONFLICT = ["coalition-zone-violated", "article-near-iraqi-border", "sana-strike-site-45mi"]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["locate", *args, *FILES])
    return result.exit_code, result.output


def test_seed_by_claimant_text_names_the_conflict_and_each_account() -> None:
    code, out = run(STRIKE, "--by", "claimant")
    assert code == 1
    assert "CONFLICT  no point satisfies all 3 claims" in out
    assert "smallest conflicting set (3 claims; no set of 2 conflicts)" in out
    assert "ACCOUNT  US-led Operation Inherent Resolve coalition (statement)" in out
    assert "ACCOUNT  Syrian armed forces source, via SANA: sana-strike-site-45mi" in out
    assert "within 64.5 km of the al-Tanf garrison" in out
    assert "more than 64.4 km from the al-Tanf border crossing" in out
    assert "inside  maqha-ash-shuhaymi" in out


def test_seed_json_keeps_the_stable_keys() -> None:
    code, out = run(STRIKE, "--by", "claimant", "--format", "json")
    assert code == 1
    doc = json.loads(out)
    stable = ["place", "feasible", "area_km2", "representative_point", "geometry", "conflict"]
    assert list(doc)[:6] == stable
    assert doc["feasible"] is False and doc["geometry"] is None
    assert doc["conflict"] == CONFLICT
    assert [a["claims"] for a in doc["accounts"]] == [[c] for c in CONFLICT]
    coalition = doc["accounts"][0]
    assert coalition["geometry"]["type"] == "Polygon" and not coalition["clipped"]
    assert {"south", "west", "north", "east"} == set(coalition["extent"])


def test_where_json_is_feasible_with_a_representative_point() -> None:
    code, out = run(
        "--where",
        "more than 45 mi from 33.4369,38.8364",
        "--where",
        "within 55 km of al-Tanf garrison",
        "--format",
        "json",
    )
    assert code == 0
    doc = json.loads(out)
    assert doc["feasible"] is True and doc["conflict"] == []
    assert 500 < doc["area_km2"] < 2000
    point = doc["representative_point"]
    region = shape(doc["geometry"])
    inside = shape({"type": "Point", "coordinates": [point["lon"], point["lat"]]})
    assert region.is_valid and region.contains(inside)


def test_where_conflict_lists_the_where_ids() -> None:
    code, out = run(
        "--where", "within 10 km of 33.0,38.0", "--where", "within 10 km of 34.0,39.0",
        "--format", "json",
    )  # fmt: skip
    assert code == 1
    doc = json.loads(out)
    assert doc["feasible"] is False and doc["area_km2"] == 0.0
    assert doc["conflict"] == ["where-1", "where-2"]


def test_where_adds_to_the_claims_about_a_place() -> None:
    code, out = run(STRIKE, "--where", "north-west of al-tanf-garrison", "--format", "json")
    doc = json.loads(out)
    assert code == 1
    assert [c["id"] for c in doc["constraints"]] == [*CONFLICT, "where-1"]


def _assert_rfc7946(geometry: dict) -> None:
    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    for rings in polygons:
        polygon = shape({"type": "Polygon", "coordinates": rings})
        assert polygon.is_valid and polygon.exterior.is_ccw
        assert all(not hole.is_ccw for hole in polygon.interiors)
        assert all(-180 <= x <= 180 and -90 <= y <= 90 for ring in rings for x, y in ring)


def test_seed_geojson_is_a_valid_feature_collection() -> None:
    code, out = run(STRIKE, "--by", "claimant", "--format", "geojson")
    assert code == 1
    doc = json.loads(out)
    assert doc["type"] == "FeatureCollection"
    roles = [f["properties"]["role"] for f in doc["features"]]
    assert roles == ["account"] * 3 + ["without"] * 3
    for feature in doc["features"]:
        _assert_rfc7946(feature["geometry"])


def test_geojson_splits_a_region_at_the_antimeridian() -> None:
    code, out = run("--where", "within 50 km of -16.5,179.95", "--format", "geojson")
    assert code == 0
    (feature,) = json.loads(out)["features"]
    assert feature["geometry"]["type"] == "MultiPolygon"
    assert len(feature["geometry"]["coordinates"]) == 2
    _assert_rfc7946(feature["geometry"])
    extent = feature["properties"]["extent"]
    assert extent["west"] > extent["east"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "name an unknown PLACE"),
        (("al-tanf-garrison",), "with coordinates"),
        (("no-such-place",), "unknown place"),
        (("--where", "somewhere nice"), "write e.g."),
        ((STRIKE, "--window", "5"), "--window"),
        (("badiyat-al-sham",), "no claim locates"),
        (("--where", "north of iraq-syria-border"), "a line (its side or nearest point)"),
        # a figure that does not read says why, as in a claims file
        (("--where", "within 5 furlongs of 33,38"),
         "--where 'within 5 furlongs of 33,38': cannot read 'within 5 furlongs': unknown unit "
         "'furlongs': use one of m, km, mi, nmi, yd, ft"),
        (("--where", "less than 0 km from 33,38"),
         "'less than 0 km' can never hold: no distance is less than 0"),
        (("--where", "within 30,000 km of 33,38"),
         "'30,000 km' is longer than any distance on Earth"),
        (("--where", "about 5 km nrth of 33,38"), "unknown direction 'nrth'"),
        (("--where", "within " + "9" * 400 + " km of 33,38"), "(419 characters): "),
    ],
)  # fmt: skip
def test_bad_usage_exits_2(args: tuple[str, ...], message: str) -> None:
    code, out = run(*args)
    assert code == 2
    assert message in out
    assert "Traceback" not in out
