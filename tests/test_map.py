"""`claimcheck map`: RFC 7946 GeoJSON, the self-contained HTML map, and the PNG/SVG figure."""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.render import geojson

HOSTILE = [
    "--claims",
    "tests/data/publish/claims.yaml",
    "--places",
    "tests/data/publish/places.yaml",
]


def run(*args: str) -> bytes:
    result = CliRunner().invoke(main, ["map", *args])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def _positions(coords: Any) -> list[list[float]]:
    if coords and isinstance(coords[0], (int, float)):
        return [coords]
    return [p for c in coords for p in _positions(c)]


def assert_rfc7946(doc: dict[str, Any]) -> None:
    """The RFC 7946 rules a validator checks: lon/lat ranges, closed CCW rings, no crs."""
    from shapely.geometry import LinearRing, shape

    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    for feature in doc["features"]:
        assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        for lon, lat in _positions(geometry["coordinates"]):
            assert -180 <= lon <= 180 and -90 <= lat <= 90
        polygons = {"Polygon": [geometry["coordinates"]], "MultiPolygon": geometry["coordinates"]}
        for rings in polygons.get(geometry["type"], []):
            for i, ring in enumerate(rings):
                assert ring[0] == ring[-1] and len(ring) >= 4
                assert LinearRing(ring).is_ccw == (i == 0)  # exterior CCW, holes CW
        assert shape(geometry).is_valid


def test_geojson_of_the_bundled_data() -> None:
    doc = json.loads(run())
    assert_rfc7946(doc)
    layers = Counter(f["properties"]["layer"] for f in doc["features"])
    assert layers["zone"] == 1 and layers["border"] >= 2 and layers["place"] >= 10
    assert layers["measurement"] >= 8 and layers["region"] >= 1
    zone = next(f for f in doc["features"] if f["properties"]["layer"] == "zone")
    assert len(zone["geometry"]["coordinates"][0]) == geojson.CIRCLE_POINTS + 1
    labels = [f["properties"]["label"] for f in doc["features"] if "measured" in f["properties"]]
    assert any(label.startswith("140.0 mi") and "more than 45 mi" in label for label in labels)


def test_measured_distance_is_a_densified_geodesic_of_the_right_length() -> None:
    from claimcheck.geo import geodesic as geodesy

    doc = json.loads(run())
    line = next(
        f
        for f in doc["features"]
        if f["properties"].get("places")
        == {"subject": "ash-shamiyah-homs", "reference": "al-tanf-crossing"}
    )
    points = line["geometry"]["coordinates"]
    steps = [geodesy.distance_m(a[1], a[0], b[1], b[0]) for a, b in itertools.pairwise(points)]
    assert max(steps) <= geojson.MAX_SEGMENT_M + 1
    assert sum(steps) == pytest.approx(225_400, abs=100)  # "140.0 mi ... (225.4 km)"


@pytest.mark.parametrize("lon", [179.9, -179.9])
def test_a_circle_across_the_antimeridian_is_split(lon: float) -> None:
    geometry = geojson.circle_geometry(10.0, lon, 50_000)
    assert geometry["type"] == "MultiPolygon" and len(geometry["coordinates"]) == 2
    assert_rfc7946(
        {
            "type": "FeatureCollection",
            "features": [{"type": "Feature", "geometry": geometry, "properties": {}}],
        }
    )


def test_a_line_across_the_antimeridian_is_split() -> None:
    geometry = geojson.line_geometry([(0.0, 179.0), (1.0, -179.0)])
    assert geometry["type"] == "MultiLineString"
    ends = sorted(p[0] for part in geometry["coordinates"] for p in part if abs(p[0]) == 180)
    assert ends == [-180.0, 180.0]


def _vendored(name: str) -> str:
    from importlib import resources

    folder = resources.files("claimcheck.render") / "vendor" / "leaflet"
    return (folder / name).read_text("utf-8")


def _own_markup(text: str) -> tuple[str, dict[str, Any]]:
    """The page minus the inlined Leaflet and the data block, and the data block parsed."""
    for name in ("leaflet.css", "leaflet.js"):
        body = _vendored(name).replace("//# sourceMappingURL=leaflet.js.map", "")
        assert body in text, name
        text = text.replace(body, "")
    head, rest = text.split('<script type="application/json" id="claimcheck-data">')
    data, tail = rest.split("</script>", 1)
    assert "<" not in data  # nor "</script>" nor "<!--": the block cannot be ended early
    return head + tail, json.loads(data)


def test_vendored_leaflet_is_1_9_4_and_safe_to_inline() -> None:
    js = _vendored("leaflet.js")
    assert 't.version="1.9.4"' in js
    assert "</script" not in js.lower() and "<!--" not in js
    assert "BSD 2-Clause" in _vendored("LICENSE")


def test_html_map_is_self_contained_and_escapes_the_data() -> None:
    from claimcheck.render import html_map

    text = run("--format", "html", *HOSTILE).decode()
    assert text.count("<script") == 3  # Leaflet, the data block and the drawing code
    own, data = _own_markup(text)
    assert not re.search(r"https?://|\bsrc=|\bhref=|url\(|@import", own)
    assert "img-src &#x27;none&#x27;" in own  # and the CSP forbids any request
    assert data["tiles"] is None
    quotes = [f["properties"].get("quote") for f in data["collection"]["features"]]
    assert any(q and q.startswith("<script>alert") for q in quotes)  # kept as text, for textContent
    assert "innerHTML" not in html_map.script()  # data reaches the page through DOM nodes only
    assert "bindPopup(function" in html_map.script() and "textContent" in html_map.script()


@pytest.mark.parametrize(
    "url, source",
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tile.example.org:8080/{z}/{x}/{y}.png", "https://*.tile.example.org:8080"),
        ("http://tiles.{r}.example/{z}/{x}/{y}", "http:"),
    ],
)
def test_html_map_with_base_tiles(url: str, source: str) -> None:
    attribution = "<b>© OpenStreetMap</b> contributors"
    text = run("--format", "html", "--tiles", url, "--tile-attribution", attribution).decode()
    own, data = _own_markup(text)
    assert data["tiles"] == {
        "url": url,
        "attribution": "&lt;b&gt;© OpenStreetMap&lt;/b&gt; contributors",  # Leaflet: innerHTML
    }
    assert f'img-src {source}">' in own
    assert re.findall(r"https?://\S+", own) == ([source + '">'] if "//" in source else [])


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "html", "--tiles", "ftp://tiles.example/{z}/{x}/{y}.png"],
        ["--format", "html", "--tiles", "https://tiles.example/tile.png"],
        ["--format", "html", "--tiles", "https://t.example/{z}/{x}/{y}.png; script-src *"],
        ["--format", "png", "--tiles", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"],
    ],
)
def test_bad_tiles_option_exits_2(args: list[str]) -> None:
    result = CliRunner().invoke(main, ["map", *args])
    assert result.exit_code == 2 and "--tiles" in result.output
    assert "Traceback" not in result.output


def test_html_map_escapes_its_title() -> None:
    from claimcheck import api as engine
    from claimcheck.render import html_map

    report = engine.verify(engine.load_dataset(HOSTILE[1], HOSTILE[3]))
    text = html_map.render(report, title="<b>map</b>")
    assert "<b>map" not in text and "&lt;b&gt;map" in text


@pytest.mark.parametrize("fmt, magic", [("png", b"\x89PNG\r\n\x1a\n"), ("svg", b"<?xml")])
def test_static_figure(fmt: str, magic: bytes, tmp_path: Path) -> None:
    target = tmp_path / f"map.{fmt}"
    result = CliRunner().invoke(main, ["map", "--format", fmt, "-o", str(target)])
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    assert data.startswith(magic)
    if fmt == "png":
        from PIL import Image

        with Image.open(target) as image:
            width, height = image.size
        assert width == round(3.35 * 300)  # one column at 300 dpi
        assert height > width  # the map above, its legend below
    else:
        text = data.decode()
        assert "al-Tanf border crossing" in text and "km" in text  # labels, scale bar
        assert "al-tanf-crossing" not in text  # names, never ids
        for entry in ("Legend", "Place a claim names", "stated uncertainty",
                      "Measured distance: fits the claim", "Zone: al-Tanf deconfliction zone",
                      "By claims 3 and 5, if claim 1 is wrong", "Overview: every place",
                      "Land (Natural Earth)",
                      "Border between countries (Natural Earth)"):  # fmt: skip
            assert entry in text, entry


def test_figure_escapes_nothing_it_should_not_draw(tmp_path: Path) -> None:
    target = tmp_path / "hostile.svg"
    result = CliRunner().invoke(main, ["map", "--format", "svg", "-o", str(target), *HOSTILE])
    assert result.exit_code == 0, result.output
    assert "<script" not in target.read_text()


@pytest.mark.parametrize("lat", [89.5, -89.5])
def test_a_zone_around_a_pole_covers_the_pole(lat: float) -> None:
    """RFC 7946 §3.1.9: the circle is closed through the pole, not a thin band beside it."""
    from shapely.geometry import Point, shape

    geometry = geojson.circle_geometry(lat, 10.0, 300_000)
    polygon = shape(geometry)
    assert polygon.is_valid
    _west, south, _east, north = polygon.bounds
    assert (north if lat > 0 else -south) == 90.0
    assert abs(south if lat > 0 else north) == pytest.approx(86.81, abs=0.01)  # 300 km from it
    assert polygon.covers(Point(123.0, 89.9 if lat > 0 else -89.9))  # any longitude near the pole


def test_place_uncertainties_are_geodesic_circles_of_the_stated_radius() -> None:
    from claimcheck.geo.geodesic import inverse

    doc = json.loads(run())
    circles = {f["properties"]["id"]: f for f in doc["features"]
               if f["properties"]["layer"] == "uncertainty"}  # fmt: skip
    crossing = circles["al-tanf-crossing"]["geometry"]["coordinates"][0]
    distances = [inverse(33.43694, 38.83639, lat, lon).distance_m for lon, lat in crossing]
    assert min(distances) == pytest.approx(8000, abs=1) and max(distances) == pytest.approx(
        8000, abs=1
    )


def test_namesakes_get_distinct_labels_and_regions_say_where_they_come_from() -> None:
    doc = json.loads(run())
    labels = [f["properties"]["label"] for f in doc["features"]
              if f["properties"]["layer"] == "place"]  # fmt: skip
    assert len(labels) == len(set(labels))
    assert "Ash Shāmīyah (Homs)" in labels and "Ash Shāmīyah (Latakia)" in labels
    regions = [f["properties"] for f in doc["features"] if f["properties"]["layer"] == "region"]
    assert [r["label"] for r in regions] == [
        "By claims 1 and 3, if claim 5 is wrong",
        "By claims 1 and 5, if claim 3 is wrong",
        "By claims 3 and 5, if claim 1 is wrong",
    ]
    assert regions[0]["meaning"].startswith(
        "No point fits all 3 claims; at most 2 can hold together, in 3 ways. If claim 5 is wrong"
    )


def test_the_default_view_is_the_claims_not_the_outliers() -> None:
    from claimcheck.render import view

    doc = json.loads(run())
    west, south, east, north = view.focus_extent(doc)
    assert west > 37.5 and east < 41.5 and south > 32.5 and north < 35.0  # al-Tanf to al-Qa'im
    full = view.extent_of(doc["features"])
    assert full is not None and full[2] > 47.9  # Kuwait's Ash Shāmīyah: only in the overview


POLAR = ["--claims", "tests/data/polar/claims.yaml", "--places", "tests/data/polar/places.yaml"]


@pytest.mark.parametrize("fmt", ["geojson", "html", "svg"])
def test_a_story_at_the_pole_draws_in_every_format(fmt: str, tmp_path: Path) -> None:
    target = tmp_path / f"polar.{fmt}"
    result = CliRunner().invoke(main, ["map", "--format", fmt, "-o", str(target), *POLAR])
    assert result.exit_code == 0, result.output
    if fmt == "geojson":
        doc = json.loads(target.read_text())
        assert_rfc7946(doc)
        (zone,) = [f for f in doc["features"] if f["properties"]["layer"] == "zone"]
        assert max(lat for _lon, lat in _positions(zone["geometry"]["coordinates"])) == 90.0


def test_the_figure_strokes_no_edge_that_cutting_added() -> None:
    from claimcheck.render.figure import _drawn_edges

    ring = [[170.0, 87.0], [180.0, 87.0], [180.0, 90.0], [-180.0, 90.0], [-180.0, 87.0],
            [-170.0, 87.0]]  # fmt: skip
    assert _drawn_edges(ring) == [[[170.0, 87.0], [180.0, 87.0]], [[-180.0, 87.0], [-170.0, 87.0]]]


@pytest.mark.parametrize("fmt", ["geojson", "png"])
def test_a_measurement_of_zero_length_draws_no_line(tmp_path: Path, fmt: str) -> None:
    """The zone's centre is inside its zone at distance 0: an empty LineString crashed the
    figure (found by bench/fuzz_campaign.py)."""
    claims = tmp_path / "claims.yaml"
    claims.write_text(
        "claims:\n  - {id: centre-in-zone, quote: q, claimant: c, source: s,\n"
        "     subject: al-tanf-garrison, inside: tanf-deconfliction-zone}\n",
        encoding="utf-8",
    )
    out = tmp_path / f"map.{fmt}"
    result = CliRunner().invoke(
        main, ["map", "--claims", str(claims), "--format", fmt, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    if fmt == "geojson":
        doc = json.loads(out.read_text(encoding="utf-8"))
        assert_rfc7946(doc)
        assert all(f["geometry"]["coordinates"] for f in doc["features"])


@pytest.mark.parametrize(
    "story, corner",
    [
        ("tests/data/real/petropavlovka", "top-left"),
        ("tests/data/real/tower-22", "top-left"),
        ("tests/data/real/przewodow", "bottom-left"),
    ],
)
def test_the_html_overview_goes_where_it_hides_no_line(story: str, corner: str) -> None:
    """Bottom left, unless the claims' lines, places, borders or coasts run there and the top
    left is free of them: in petropavlovka the Russia-Ukraine border and the measured lines'
    ends are bottom left, in tower-22 the Jordan-Syria border of the places file."""
    from claimcheck import api
    from claimcheck.render import basemap, html_labels, html_map
    from claimcheck.render.view import focus_extent, padded, surround

    report = api.verify(api.load_dataset(f"{story}/claims.yaml", f"{story}/places.yaml"))
    collection = geojson.feature_collection(report)
    focus = padded(focus_extent(collection), 0.05)
    zoom = html_labels.default_zoom(focus)
    base = basemap.features_in(surround(html_labels.view_extent(focus, zoom), 0.25))
    assert html_labels.overview_corner(collection, base, focus, zoom) == corner
    assert f'"corner": "{corner}"' in html_map.render(report)


def test_a_line_whose_claim_fails_on_its_direction_says_so(tmp_path: Path) -> None:
    """A distance that partly fits, of a claim its direction makes inconsistent: the line keeps
    the distance's colour, and its title and `fails_on` say the claim fails on its direction."""
    places = tmp_path / "places.yaml"
    places.write_text(
        "places:\n"
        "  - {id: marrakesh, name: Marrakesh, lat: 31.63416, lon: -7.99994, uncertainty: 5 km,\n"
        "     source: GeoNames 2542997}\n"
        "  - {id: epicentre, name: epicentre, lat: 31.110, lon: -8.440, uncertainty: 8 km,\n"
        "     source: USGS us7000kufc}\n",
        encoding="utf-8",
    )
    claims = tmp_path / "claims.yaml"
    claims.write_text(
        "claims:\n"
        "  - {id: se, quote: about 46 miles southeast of Marrakech, claimant: WaPo,\n"
        "     source: t, subject: epicentre, distance: about 46 mi, direction: SE,\n"
        "     from: marrakesh}\n",
        encoding="utf-8",
    )
    out = tmp_path / "map.geojson"
    result = CliRunner().invoke(
        main, ["map", "--claims", str(claims), "--places", str(places), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    (line,) = [
        f["properties"]
        for f in json.loads(out.read_text(encoding="utf-8"))["features"]
        if f["properties"].get("layer") == "measurement"
    ]
    assert (line["verdict"], line["fails_on"]) == ("inconclusive", ["direction"])
    assert line["title"] == "Claim 1: distance (the claim fails on its direction)"


def test_a_line_that_measures_one_reading_says_so_in_its_title(tmp_path: Path) -> None:
    """The bundled claim 4 fits seven pairs of places: each line's title (the HTML map's hover
    and popup) says it is one reading, so a green line does not read as the claim holding."""
    out = tmp_path / "map.geojson"
    assert CliRunner().invoke(main, ["map", "-o", str(out)]).exit_code == 0
    lines = [
        f["properties"]
        for f in json.loads(out.read_text(encoding="utf-8"))["features"]
        if f["properties"].get("layer") == "measurement"
    ]
    readings = [p for p in lines if p["candidate"]]
    assert readings and {p["number"] for p in readings} == {4}
    assert all(p["title"] == "Claim 4 (one reading of the name): distance" for p in readings)
    assert not any("reading" in p["title"] for p in lines if not p["candidate"])
