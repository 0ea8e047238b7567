from __future__ import annotations

import copy
import json
import math
from pathlib import Path
from typing import Any

import pytest

from claimcheck.errors import DataError
from claimcheck.gazetteer.geojson import feature_lines, is_geojson
from claimcheck.gazetteer.places import PlaceKind, PlaceRef
from claimcheck.gazetteer.reader import load_places

FIXTURE = Path(__file__).parent / "data" / "geojson" / "al-tanf.geojson"


def collection() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text("utf-8"))
    return data


def write(tmp_path: Path, data: Any, name: str = "places.geojson") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return str(path)


def test_fixture_loads_every_geometry_kind_latitude_first() -> None:
    gaz = load_places(str(FIXTURE))
    kinds = {p.id: p.kind for p in gaz}
    assert kinds == {
        "al-tanf-garrison": PlaceKind.POINT,
        "al-walid-crossing": PlaceKind.POINT,
        "iraq-jordan-border-north": PlaceKind.LINE,
        "tanf-triangle": PlaceKind.POLYGON,
        "strike-site-2017-06-06": PlaceKind.UNKNOWN,
    }
    garrison = gaz.places["al-tanf-garrison"]
    assert (garrison.lat, garrison.lon, garrison.uncertainty_m) == (33.50583, 38.61778, 7000.0)
    assert garrison.source.url == "https://en.wikipedia.org/wiki/Al-Tanf_(U.S._military_base)"
    assert gaz.places["tanf-triangle"].vertices[0] == (33.3716851, 38.7745114)
    assert len(gaz.places["tanf-triangle"].vertices) == 3  # the closing position is dropped
    assert gaz.warnings == ()
    assert [p.id for p in gaz.resolve(PlaceRef("Al Waleed")).places] == ["al-walid-crossing"]


def test_feature_lines_point_at_each_feature() -> None:
    text = FIXTURE.read_text("utf-8")
    lines = feature_lines(text, collection()["features"])
    source = text.splitlines()
    assert all(source[n - 1].strip() == "{" for n in lines)
    assert lines == sorted(lines) and len(set(lines)) == len(lines)


def test_a_one_part_multipolygon_is_a_polygon(tmp_path: Path) -> None:
    data = collection()
    geometry = data["features"][3]["geometry"]
    geometry.update(type="MultiPolygon", coordinates=[geometry["coordinates"]])
    place = load_places(write(tmp_path, data)).places["tanf-triangle"]
    assert place.kind is PlaceKind.POLYGON and len(place.vertices) == 3


def _broken(change: str) -> dict[str, Any]:
    data = collection()
    f = data["features"]
    if change == "lat-lon order":
        f[0]["geometry"]["coordinates"] = [33.50583, 98.61778]
    elif change == "unclosed ring":
        f[3]["geometry"]["coordinates"][0].pop()
        f[3]["geometry"]["coordinates"][0].append([38.80, 33.40])
    elif change == "multipolygon":
        ring = f[3]["geometry"]["coordinates"]
        f[3]["geometry"] = {"type": "MultiPolygon", "coordinates": [ring, copy.deepcopy(ring)]}
    elif change == "no source":
        del f[1]["properties"]["source"]
    elif change == "no uncertainty":
        del f[2]["properties"]["uncertainty_m"]
    elif change == "geometry type":
        f[2]["geometry"]["type"] = "GeometryCollection"
    elif change == "duplicate id":
        f[1]["properties"]["id"] = "al-tanf-garrison"
    elif change == "no id":
        del f[4]["properties"]["id"]
    return data


@pytest.mark.parametrize(
    ("change", "index", "fragment"),
    [
        ("lat-lon order", 0, "this looks like [lat, lon]; GeoJSON positions are [lon, lat]"),
        ("unclosed ring", 3, "ring is not closed"),
        ("multipolygon", 3, "a MultiPolygon of 2 parts"),
        ("no source", 1, "missing 'source'"),
        ("no uncertainty", 2, "missing 'uncertainty_m'"),
        ("geometry type", 2, "unsupported geometry 'GeometryCollection'"),
        ("duplicate id", 1, "duplicate place id 'al-tanf-garrison'"),
        ("no id", 4, "missing 'id'"),
    ],
)
def test_errors_name_file_line_and_feature(
    tmp_path: Path, change: str, index: int, fragment: str
) -> None:
    data = _broken(change)
    path = write(tmp_path, data)
    with pytest.raises(DataError) as info:
        load_places(path)
    (problem,) = info.value.problems
    assert fragment in problem.message
    assert problem.path == path
    assert problem.field.startswith(f"features[{index}]")
    text = Path(path).read_text("utf-8")
    assert problem.line == feature_lines(text, data["features"])[index] > 0
    assert f"{path}:{problem.line}:1: [error] features[{index}]" in str(problem)


def test_swapped_order_inside_the_latitude_range_is_caught_by_the_country_box(
    tmp_path: Path,
) -> None:
    data = collection()
    data["features"][0]["geometry"]["coordinates"] = [33.50583, 38.61778]  # [lat, lon]
    (warning,) = load_places(write(tmp_path, data)).warnings
    assert "swapped lat/lon?" in warning.message and warning.line > 0


def test_invalid_json_reports_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.geojson"
    path.write_text('{"type": "FeatureCollection",\n "features": [\n  {"type": }\n]}\n', "utf-8")
    with pytest.raises(DataError) as info:
        load_places(str(path))
    assert info.value.problems[0].line == 3


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("p.geojson", "{}", True),
        ("p.JSON", "{}", True),
        ("places", '{"type": "FeatureCollection", "features": []}', True),
        ("places.yaml", "places: []", False),
        ("places", "{places: []}", False),
    ],
)
def test_geojson_is_detected_by_extension_or_content(
    tmp_path: Path, name: str, text: str, expected: bool
) -> None:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    assert is_geojson(str(path)) is expected


def test_an_empty_collection_is_an_empty_gazetteer(tmp_path: Path) -> None:
    assert len(load_places(write(tmp_path, {"type": "FeatureCollection", "features": []}))) == 0


def test_not_a_feature_collection(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="expected a GeoJSON FeatureCollection"):
        load_places(write(tmp_path, {"type": "Feature"}))


def _mercator(lon: float, lat: float) -> list[float]:
    """EPSG:3857 (Web Mercator) metres of a WGS84 position, as QGIS exports them."""
    r = 6378137.0
    return [r * math.radians(lon), r * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))]


def _project(coords: Any) -> Any:
    if isinstance(coords[0], (int, float)):
        return _mercator(coords[0], coords[1])
    return [_project(c) for c in coords]


def test_a_projected_file_gets_one_message_about_its_crs(tmp_path: Path) -> None:
    data = collection()
    for feature in data["features"]:
        if feature["geometry"] is not None:
            feature["geometry"]["coordinates"] = _project(feature["geometry"]["coordinates"])
    with pytest.raises(DataError) as info:
        load_places(write(tmp_path, data))
    (problem,) = info.value.problems  # one, not one per feature or position
    assert problem.field == "features[0].geometry.coordinates"
    assert "positions cannot be longitude, latitude in degrees" in problem.message
    assert "EPSG:3857 (Web Mercator)" in problem.message
    assert "RFC 7946" in problem.message and "EPSG:4326" in problem.message


@pytest.mark.parametrize(
    ("name", "accepted"),
    [
        ("urn:ogc:def:crs:OGC:1.3:CRS84", True),
        ("urn:ogc:def:crs:EPSG::4326", True),
        ("EPSG:4326", True),
        ("urn:ogc:def:crs:EPSG::3857", False),
        ("urn:ogc:def:crs:EPSG::32637", False),
    ],
)
def test_a_crs_member_must_name_wgs84(tmp_path: Path, name: str, accepted: bool) -> None:
    data = {"crs": {"type": "name", "properties": {"name": name}}, **collection()}
    path = write(tmp_path, data)
    if accepted:
        assert len(load_places(path)) == 5
        return
    with pytest.raises(DataError) as info:
        load_places(path)
    (problem,) = info.value.problems
    assert (problem.line, problem.field) == (1, "crs")
    assert problem.message.startswith(f"'crs' names {name!r}: GeoJSON (RFC 7946) positions")


def test_a_few_bad_positions_or_swapped_ones_still_get_a_message_each(tmp_path: Path) -> None:
    """[lat, lon] east of 90°E (Sydney) is not a CRS: each feature says "looks like [lat, lon]"."""
    data = collection()
    for feature in data["features"]:
        if feature["geometry"] and feature["geometry"]["type"] == "Point":
            feature["geometry"]["coordinates"] = [-33.86, 151.21]
    with pytest.raises(DataError) as info:
        load_places(write(tmp_path, data))
    assert len(info.value.problems) == 2
    assert all("looks like [lat, lon]" in p.message for p in info.value.problems)
