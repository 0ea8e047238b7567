"""Regions for unknown places: checked against brute-force geodesic membership, not against
themselves. `margin_m` of each shape is computed from geodesic distances only (pyproj's Geod and
geometry.nearest_on_line), independent of the shapely geometry in the aeqd frame."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import numpy as np
import pytest
import shapely
from pyproj import Geod
from shapely.geometry import Point, shape
from shapely.geometry.polygon import orient

from claimcheck import api as engine
from claimcheck.analysis.locate import (
    DEFAULT_WINDOW_M,
    EDGE_TOLERANCE_M,
    Area,
    BackSector,
    Band,
    Constraint,
    Disc,
    Inter,
    Not,
    Shape,
    Union,
    _Frame,
    _lon_lat_shape,
    _sector_shape,
    check_unknown_places,
    geojson_geometry,
    locate,
    locate_constraints,
    make_frame,
    where_claims,
)
from claimcheck.analysis.locate.frame import _largest_agreeing
from claimcheck.claims.model import (
    Claim,
    DirectionAssertion,
    DistanceAssertion,
    InsideAssertion,
    NearAssertion,
)
from claimcheck.errors import UsageError
from claimcheck.gazetteer.places import Gazetteer, Place, PlaceKind, PlaceRef, Source
from claimcheck.geo import geodesic as geodesy
from claimcheck.geo.lines import geodesic_circle
from claimcheck.grammar.directions import parse_direction as direction
from claimcheck.grammar.relations import parse_requirement
from claimcheck.render.text import render_verify

DATA = Path(__file__).parent / "data" / "locate"
#: PROJ's geodesic areas, the oracle for region areas
ORACLE = Geod(ellps="WGS84")
SEED = engine.load_dataset(str(DATA / "seed-claims.yaml"), str(DATA / "seed-places.yaml"))
STRIKE = "strike-site-2017-06-06"

LINE = ((33.0, 38.0), (33.6, 38.9), (34.4, 39.2))
RING = ((33.2, 38.2), (33.3, 39.1), (34.0, 39.0), (33.9, 38.3))
APEX = Place(
    "apex", "apex", PlaceKind.POINT, Source("test"), lat=33.5, lon=38.6, uncertainty_m=8000
)

SCENARIOS: dict[str, Shape] = {
    "disc": Disc(33.50583, 38.61778, 64_500.0),
    "annulus": Inter((Disc(33.44, 38.84, 150_000.0), Not(Disc(33.44, 38.84, 64_400.0)))),
    "disc 480 km across, 60°N": Disc(60.0, 25.0, 240_000.0),
    "band along a bent line": Band(LINE, 26_000.0),
    "band between 20 and 60 km of a line": Inter((Band(LINE, 60_000.0), Not(Band(LINE, 20_000.0)))),
    "polygon widened by 3 km": Union((Area((RING,)), Band(RING, 3000.0, closed=True))),
    "north-west sector widened by 8 km": _sector_shape(APEX, direction("north-west"), 2e6)[0],
    "where the apex lies north-east, 60°N": BackSector(60.0, 25.0, 45.0, 22.5, 2e6),
    "disc across the antimeridian": Disc(-16.5, 179.9, 80_000.0),
}


def _build(shape_: Shape) -> tuple[_Frame, shapely.Geometry]:
    frame = make_frame([shape_], DEFAULT_WINDOW_M)
    return frame, shape_.build(frame).intersection(frame.window)


def edge_errors(shape_: Shape, frame: _Frame, geom: shapely.Geometry, limit: int = 300) -> list:
    """|true geodesic margin| at the midpoints of the region's edges (the window's edge excluded).

    Vertices lie on the true boundary by construction; chords stray most at their midpoints.
    """
    window_edge = frame.window.exterior
    mids = []
    for poly in getattr(geom, "geoms", [geom]):
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)
            for (x0, y0), (x1, y1) in itertools.pairwise(xy):
                mid = ((x0 + x1) / 2, (y0 + y1) / 2)
                if window_edge.distance(Point(mid)) > 1.0:
                    mids.append(mid)
    step = max(1, len(mids) // limit)
    return [abs(shape_.margin_m(*frame.aeqd.lat_lon(x, y))) for x, y in mids[::step]]


def grid_disagreements(
    shape_: Shape, frame: _Frame, geom: shapely.Geometry, n: int = 50
) -> tuple[int, int, list[float]]:
    """(points inside, points outside, |margin| of every point where shapely and geodesy differ).

    An n × n grid over the region's bounding box grown by a fifth, within the window.
    """
    minx, miny, maxx, maxy = geom.bounds
    grow_x, grow_y = (maxx - minx) / 10, (maxy - miny) / 10
    minx, miny, maxx, maxy = minx - grow_x, miny - grow_y, maxx + grow_x, maxy + grow_y
    xs, ys = np.meshgrid(np.linspace(minx, maxx, n), np.linspace(miny, maxy, n))
    xs, ys = xs.ravel(), ys.ravel()
    keep = shapely.contains_xy(frame.window, xs, ys)
    xs, ys = xs[keep], ys[keep]
    computed = shapely.contains_xy(geom, xs, ys)
    inside = outside = 0
    bad = []
    for x, y, got in zip(xs, ys, computed, strict=True):
        margin = shape_.margin_m(*frame.aeqd.lat_lon(float(x), float(y)))
        inside += margin >= 0
        outside += margin < 0
        if bool(got) != (margin >= 0):
            bad.append(abs(margin))
    return inside, outside, bad


@pytest.mark.parametrize("name", SCENARIOS)
def test_region_edges_lie_within_the_tolerance_of_the_geodesic_boundary(name: str) -> None:
    frame, geom = _build(SCENARIOS[name])
    errors = edge_errors(SCENARIOS[name], frame, geom)
    assert len(errors) > 50
    assert max(errors) <= EDGE_TOLERANCE_M


@pytest.mark.parametrize("name", SCENARIOS)
def test_grid_membership_agrees_with_brute_force_geodesics(name: str) -> None:
    frame, geom = _build(SCENARIOS[name])
    inside, outside, bad = grid_disagreements(SCENARIOS[name], frame, geom)
    assert inside > 20 and outside > 20  # the grid sees both sides of the boundary
    assert all(err <= EDGE_TOLERANCE_M for err in bad), bad


def test_edge_check_catches_a_coarse_circle() -> None:
    """The edge test is not vacuous: a 12-gon for a 100 km circle strays 3.4 km inside."""
    disc = Disc(33.5, 38.6, 100_000.0)
    frame = make_frame([disc])
    coarse = shapely.Polygon(frame.xy(geodesic_circle(33.5, 38.6, 100_000.0, 12)))
    assert max(edge_errors(disc, frame, coarse)) > 3000


def test_seed_accounts_conflict_and_each_is_feasible() -> None:
    result = locate(STRIKE, SEED.claims, SEED.gazetteer, by_claimant=True)
    assert not result.feasible
    assert result.conflict is not None and result.conflict.smallest
    assert set(result.conflict.claim_ids) == {
        "coalition-zone-violated",
        "article-near-iraqi-border",
        "sana-strike-site-45mi",
    }
    assert all(r.feasible for r in result.conflict.remaining)
    coalition, reporter, sana = result.accounts
    assert coalition.claim_ids == ("coalition-zone-violated",) and not coalition.clipped
    # inside 55 km + 7 km + 2.5 km of the garrison: π·64.5² ≈ 13,070 km²
    assert coalition.area_km2 == pytest.approx(math.pi * 64.5**2, rel=2e-3)
    assert sana.clipped and reporter.clipped
    # the 250 km window minus the 64.4 km disc around the crossing
    assert sana.area_km2 == pytest.approx(math.pi * (250**2 - 64.4**2), rel=2e-3)
    for region in (*result.accounts, *result.conflict.remaining):
        assert _lon_lat_shape(region.polygons).is_valid
    fits = {(r.label, f.id): f for r in result.accounts for f in r.places}
    assert fits[(coalition.label, "maqha-ash-shuhaymi")].status == "inside"
    assert fits[(sana.label, "maqha-ash-shuhaymi")].status == "inside"
    assert (sana.label, "al-tanf-garrison") not in fits
    without_reporter = result.conflict.remaining[1]
    assert without_reporter.label == "without article-near-iraqi-border"
    assert [f.id for f in without_reporter.places] == ["maqha-ash-shuhaymi"]


def _constraint(cid: str, shape_: Shape, claimant: str = "test") -> Constraint:
    return Constraint(cid, claimant, cid, cid, shape_)


def test_single_claim_is_its_own_region() -> None:
    result = locate_constraints("x", [_constraint("a", Disc(10.0, 20.0, 30_000.0))], [],
                                SEED.gazetteer)  # fmt: skip
    assert result.feasible and result.conflict is None
    assert result.overall.area_km2 == pytest.approx(math.pi * 30**2, rel=1e-3)
    lat, lon = result.overall.representative_point
    assert geodesy.distance_m(10.0, 20.0, lat, lon) < 30_000.0
    south, west, north, east = result.overall.extent
    assert south < 10.0 < north and west < 20.0 < east


def test_empty_intersection_names_the_two_claims_and_what_each_leaves() -> None:
    constraints = [
        _constraint("near-a", Disc(33.0, 38.0, 20_000.0), "A"),
        _constraint("wide", Disc(33.3, 38.3, 200_000.0), "C"),
        _constraint("near-b", Disc(33.0, 39.0, 20_000.0), "B"),
    ]
    result = locate_constraints("x", constraints, [], SEED.gazetteer)
    assert not result.feasible and result.overall.area_km2 == 0.0
    assert result.overall.representative_point is None
    assert result.conflict is not None
    assert result.conflict.claim_ids == ("near-a", "near-b")
    assert result.conflict.claimants == ("A", "B")
    labels = [(r.label, r.claimants) for r in result.conflict.remaining]
    assert labels == [("without near-a", ("B",)), ("without near-b", ("A",))]


def test_many_claims_find_the_smallest_conflict() -> None:
    """22 discs around a common point, each consistent with the others, plus one that is not."""
    centre = (33.5, 38.5)
    constraints = []
    for i in range(22):
        lat, lon = geodesy.forward(*centre, i * 360 / 22, 30_000.0)
        constraints.append(_constraint(f"c{i}", Disc(lat, lon, 40_000.0 + 500 * i)))
    constraints.append(_constraint("far", Not(Disc(*centre, 35_000.0))))
    result = locate_constraints("x", constraints[:22], [], SEED.gazetteer)
    assert result.feasible and 0 < result.overall.area_km2 < math.pi * 15**2
    result = locate_constraints("x", constraints, [], SEED.gazetteer)
    assert not result.feasible
    assert result.conflict is not None and result.conflict.smallest
    assert len(result.conflict.claim_ids) == 3 and "far" in result.conflict.claim_ids


def _rings(geometry: dict) -> list[list[list[float]]]:
    polys = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    return polys


def test_antimeridian_region_is_split_and_follows_the_right_hand_rule() -> None:
    result = locate_constraints("x", [_constraint("a", Disc(-16.5, 179.9, 80_000.0))], [],
                                SEED.gazetteer)  # fmt: skip
    region = result.overall
    assert region.area_km2 == pytest.approx(math.pi * 80**2, rel=1e-3)
    _south, west, _north, east = region.extent
    assert west > east  # RFC 7946 §5.2: a bbox across the antimeridian
    geometry = geojson_geometry(region)
    assert geometry is not None and geometry["type"] == "MultiPolygon"
    parts = _rings(geometry)
    assert len(parts) == 2
    for rings in parts:
        lons = [p[0] for ring in rings for p in ring]
        assert all(-180.0 <= lon <= 180.0 for lon in lons)
        polygon = shape({"type": "Polygon", "coordinates": rings})
        assert polygon.is_valid and polygon.exterior.is_ccw
    total = sum(
        abs(ORACLE.geometry_area_perimeter(shape({"type": "Polygon", "coordinates": r}))[0])
        for r in parts
    )
    assert total / 1e6 == pytest.approx(region.area_km2, rel=1e-3)


def test_geojson_of_an_annulus_has_a_clockwise_hole() -> None:
    annulus = Inter((Disc(33.44, 38.84, 100_000.0), Not(Disc(33.44, 38.84, 40_000.0))))
    region = locate_constraints("x", [_constraint("a", annulus)], [], SEED.gazetteer).overall
    geometry = geojson_geometry(region)
    assert geometry is not None and geometry["type"] == "Polygon"
    polygon = shape(geometry)
    assert polygon.is_valid and polygon.exterior.is_ccw
    assert len(polygon.interiors) == 1 and not polygon.interiors[0].is_ccw
    assert polygon.equals(orient(polygon, 1.0))
    assert region.area_km2 == pytest.approx(math.pi * (100**2 - 40**2), rel=1e-3)


@pytest.mark.parametrize(
    ("text", "kind", "reference"),
    [
        ("more than 45 mi from 33.4369,38.8364", DistanceAssertion, "33.4369,38.8364"),
        ("within 55 km of al-Tanf garrison", DistanceAssertion, "al-Tanf garrison"),
        ("between 30 and 40 km from al-tanf-crossing", DistanceAssertion, "al-tanf-crossing"),
        ("north-west of al-tanf-garrison", DirectionAssertion, "al-tanf-garrison"),
        ("about 24 km west of al-walid-crossing", DistanceAssertion, "al-walid-crossing"),
        ("near iraq-syria-border", NearAssertion, "iraq-syria-border"),
        ("inside tanf-deconfliction-zone", InsideAssertion, "tanf-deconfliction-zone"),
        ("outside exclusion zone", InsideAssertion, "exclusion zone"),
    ],
)
def test_where_uses_the_claims_grammar(text: str, kind: type, reference: str) -> None:
    (claim,), gazetteer = where_claims([text], SEED.gazetteer)
    assert isinstance(claim.assertion, kind)
    assert claim.id == "where-1" and claim.claimant == "--where"
    ref = (
        claim.assertion.area
        if isinstance(claim.assertion, InsideAssertion)
        else (claim.assertion.reference)
    )
    assert ref.text == reference
    assert gazetteer.resolve(ref).places


def test_an_ambiguous_reference_allows_any_of_its_readings() -> None:
    """'al-Tanf' fits the crossing, the garrison and the locality: the region is their union."""
    claims, gazetteer = where_claims(["within 10 km of al-Tanf"], SEED.gazetteer)
    result = locate("where", claims, gazetteer)
    (constraint,) = result.constraints
    assert constraint.description.startswith("any of 3 readings of 'al-Tanf'")
    single = math.pi * (10 + 8) ** 2  # the crossing's disc alone, widened by its 8 km
    assert single < result.overall.area_km2 < 3 * single


def test_where_direction_with_a_distance_keeps_both() -> None:
    (claim,), _g = where_claims(["about 24 km west of al-walid-crossing"], SEED.gazetteer)
    assert isinstance(claim.assertion, DistanceAssertion)
    assert claim.assertion.direction is not None and claim.assertion.direction.name == "W"


@pytest.mark.parametrize(
    "text",
    ["somewhere nice", "more than 45 mi from nowhere-at-all", "within 5 km of 95.0,10.0"],
)
def test_where_refuses_what_it_cannot_read(text: str) -> None:
    with pytest.raises(UsageError):
        where_claims([text], SEED.gazetteer)


def test_where_region_matches_the_widened_claims() -> None:
    claims, gazetteer = where_claims(
        ["more than 45 mi from 33.4369,38.8364", "within 55 km of al-tanf-garrison"],
        SEED.gazetteer,
    )
    result = locate("where", claims, gazetteer)
    assert result.feasible
    lat, lon = result.overall.representative_point
    # a bare coordinate has no uncertainty; the garrison's 7 km widens its 55 km
    assert geodesy.distance_m(33.4369, 38.8364, lat, lon) > 45 * 1609.344
    assert geodesy.distance_m(33.50583, 38.61778, lat, lon) <= 62_000.0


def test_verify_reports_whether_the_claims_about_each_unknown_place_can_hold() -> None:
    (check,) = check_unknown_places(SEED.claims, SEED.gazetteer)
    assert check.place_id == STRIKE and not check.feasible
    assert set(check.conflict) == {
        "coalition-zone-violated",
        "article-near-iraqi-border",
        "sana-strike-site-45mi",
    }
    assert len(check.conflict_claimants) == 3
    report = engine.verify(SEED)
    assert report.locations == (check,)


def test_back_sector_edges_follow_the_geodesic_back_azimuth_not_the_reversed_forward_one() -> None:
    sector = BackSector(60.0, 25.0, 90.0, 22.5, 600_000.0)
    first, _second = sector.rays()
    lat, lon = first[-1]  # 600 km out, where the apex lies at 67.5° from here
    assert geodesy.inverse(lat, lon, 60.0, 25.0).azimuth_deg == pytest.approx(67.5, abs=1e-6)
    naive = geodesy.forward(60.0, 25.0, 67.5 + 180.0, 600_000.0)
    assert geodesy.distance_m(lat, lon, *naive) > 10_000.0  # meridians converge at 60° N


def _unknown_and_garrison() -> Gazetteer:
    places = [
        Place("tower", "tower", PlaceKind.UNKNOWN, Source("test")),
        Place("garrison", "garrison", PlaceKind.POINT, Source("test"), lat=33.5, lon=38.6,
              uncertainty_m=1_000.0),
        Place("border", "border", PlaceKind.LINE, Source("test"),
              vertices=((33.0, 38.8), (34.0, 38.8)), uncertainty_m=500.0),
    ]  # fmt: skip
    return Gazetteer({p.id: p for p in places})


def _claim(claim_id: str, assertion: DistanceAssertion | DirectionAssertion) -> Claim:
    return Claim(claim_id, "q", "claimant", Source("test"), assertion)


def test_a_claim_whose_reference_is_the_unknown_place_locates_it() -> None:
    """ "the garrison is 20 km north of the tower": distance as is, direction reversed."""
    gazetteer = _unknown_and_garrison()
    claim = _claim("north", DistanceAssertion(
        PlaceRef("garrison"), PlaceRef("tower"), parse_requirement("about 20 km"),
        direction("north"),
    ))  # fmt: skip
    result = locate("tower", [claim], gazetteer)
    assert result.feasible and not result.skipped
    lat, lon = result.overall.representative_point
    back = geodesy.inverse(lat, lon, 33.5, 38.6)
    assert 17_000 < back.distance_m < 23_000
    assert abs((back.azimuth_deg + 180.0) % 360.0 - 180.0) < 22.5 + 5.0  # north, give or take 1 km


def test_verify_names_every_claim_a_region_could_not_use() -> None:
    gazetteer = _unknown_and_garrison()
    claims = [
        _claim("near", DistanceAssertion(PlaceRef("tower"), PlaceRef("garrison"),
                                         parse_requirement("less than 30 km"))),
        _claim("west-of-border", DirectionAssertion(PlaceRef("tower"), PlaceRef("border"),
                                                    direction("west"))),
    ]  # fmt: skip
    (location,) = check_unknown_places(claims, gazetteer)
    assert location.claim_ids == ("near",)
    (skipped,) = location.skipped
    assert skipped.id == "west-of-border"
    assert "not from 'border', a line" in skipped.reason
    dataset = engine.Dataset(gazetteer, tuple(claims), "c.yaml", "p.yaml")
    text = render_verify(engine.verify(dataset))
    assert "  skipped   west-of-border: locate draws directions between points only" in text


SEAS = Path(__file__).parent / "data" / "real" / "magic-seas"
UKMTO, IFP, HEADPOST, WBX = (
    "ukmto-51nmi-sw-of-hodeidah",
    "ifpnews-94km-sw-of-hodeidah",
    "headpost-100km-sw-of-hodeida",
    "wbx-52nmi-sw-of-hodeidah",
)


def test_the_largest_sets_of_claims_that_can_hold_together() -> None:
    """The Magic Seas trial: nine accounts of one attack site cannot all hold, and the report
    said only that, nine times. The largest set that can is four of them. No two of the seed
    story's three claims conflict, all three do: every pair of them is a largest set."""
    report = engine.verify(engine.load(str(SEAS / "claims.yaml"), str(SEAS / "places.yaml")))
    (seas,) = report.locations
    assert seas.agreeing == ((UKMTO, IFP, HEADPOST, WBX),)
    seed = engine.verify(engine.load("data/claims.yaml", "data/places.yaml"))
    (strike,) = seed.locations
    assert len(strike.agreeing) == 3 and all(len(s) == 2 for s in strike.agreeing)
    assert set(itertools.chain(*strike.agreeing)) == set(strike.claim_ids)


def test_claims_that_contradict_are_never_together_though_their_regions_meet() -> None:
    """51 and 54 nautical miles from one port: each region is widened by the port's uncertainty,
    so they meet, but one distance cannot be both (analysis.contradictions)."""
    dataset = engine.load(str(SEAS / "claims.yaml"), str(SEAS / "places.yaml"))
    wiki = "wikipedia-54nmi-sw-of-al-hudaydah"
    (regions_only,) = check_unknown_places(dataset.claims, dataset.gazetteer)
    assert any(UKMTO in s and wiki in s for s in regions_only.agreeing)
    (seas,) = engine.verify(dataset).locations
    assert not any(UKMTO in s and wiki in s for s in seas.agreeing)


def test_places_whose_claims_all_hold_name_no_agreeing_sets() -> None:
    grindavik = Path(__file__).parent / "data" / "real" / "grindavik-eruption"
    report = engine.verify(
        engine.load(str(grindavik / "claims.yaml"), str(grindavik / "places.yaml"))
    )
    assert all(loc.feasible and loc.agreeing == () for loc in report.locations)


def test_the_agreeing_search_gives_up_rather_than_run_on() -> None:
    """Sixteen regions no two of which meet: the sets of one size pass 5,000 before a pair is
    reached, so the search names none rather than try 8,008 sets of ten."""
    boxes = [shapely.box(10.0 * i, 0.0, 10.0 * i + 1.0, 1.0) for i in range(16)]
    window = shapely.box(-1.0, -1.0, 200.0, 2.0)
    assert _largest_agreeing(boxes, window, set()) == ()
    assert _largest_agreeing(boxes[:4], window, set()) == ((0,), (1,), (2,), (3,))
    # two that meet, and a pair of them known to contradict
    meet = [shapely.box(0.0, 0.0, 2.0, 1.0), shapely.box(1.0, 0.0, 3.0, 1.0), boxes[5]]
    assert _largest_agreeing(meet, window, set()) == ((0, 1),)
    assert _largest_agreeing(meet, window, {(0, 1)}) == ((0,), (1,), (2,))


@pytest.mark.parametrize(("uncertainty_m", "text"), [(39.0, "±39 m"), (1_600.0, "±1.6 km")])
def test_a_small_widening_is_written_in_metres(uncertainty_m: float, text: str) -> None:
    """The Aktau crash trial: an airport given to the second of arc (±39 m) read "widened by the
    airport ±0.0 km", as if nothing widened the region."""
    airport = Place("airport", "airport", PlaceKind.POINT, Source("test"), lat=43.86,
                    lon=51.09194, uncertainty_m=uncertainty_m)  # fmt: skip
    site = Place("site", "site", PlaceKind.UNKNOWN, Source("test"))
    gazetteer = Gazetteer({p.id: p for p in (airport, site)})
    claim = _claim("c", DistanceAssertion(
        PlaceRef("site"), PlaceRef("airport"), parse_requirement("3 km"), None,
    ))  # fmt: skip
    (constraint,) = locate("site", [claim], gazetteer).constraints
    assert constraint.description.endswith(f"widened by airport {text}")
