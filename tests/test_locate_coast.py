"""`locate` under the coast rule: a world country's `inside:` drawn as `verify` decides it
(analysis.territory), from the coast's Voronoi cells (analysis.locate.coast, shapes.CoastCells)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import shapely

from claimcheck import api
from claimcheck.analysis.locate import EDGE_TOLERANCE_M, Disc, locate, make_frame
from claimcheck.analysis.locate.coast import outline_runs
from claimcheck.analysis.locate.shapes import CoastCells
from claimcheck.analysis.territory import sea_shift_m, territory_edge
from claimcheck.gazetteer.places import Place, PlaceKind, Source
from claimcheck.gazetteer.world import world_layer
from claimcheck.geo.lines import signed_distance_to_polygons_m

COAST = Path(__file__).parent / "data" / "coast"
ODESA = (46.486, 30.744)


def _country(code: str) -> Place:
    layer = world_layer()
    feature = layer.knows(f"country:{code}")
    assert feature is not None
    return layer.place(feature)


def _rule_signed_m(country: Place, lat: float, lon: float) -> float:
    """What `verify` measures for a located point (exact: no uncertainty of its own)."""
    outline = signed_distance_to_polygons_m(lat, lon, country.polygons).signed_distance_m
    point = Place("p", "p", PlaceKind.POINT, Source("test"), lat=lat, lon=lon)
    edge = territory_edge(point, country, outline)
    return outline if edge is None else edge.signed_m


def test_the_outline_splits_into_sea_coast_and_land_boundaries() -> None:
    ukraine = _country("UA")
    sea, land, junctions = outline_runs(ukraine)
    assert sea and land and junctions
    edges = sum(len(ring) for polygon in ukraine.polygons for ring in polygon)
    assert sum(len(r) - 1 for r in sea) + sum(len(line) - 1 for line in land) == edges


def test_coast_cells_agree_with_their_geodesic_margin() -> None:
    """Off Odesa and up to Moldova and Romania: the cells drawn against their exact margin."""
    cells = CoastCells(_country("UA"), 10_200.0)
    frame = make_frame([Disc(*ODESA, 1000.0)], 60_000.0)
    geom = cells.build(frame)
    xs, ys = np.meshgrid(np.linspace(-55e3, 55e3, 23), np.linspace(-55e3, 55e3, 23))
    xs, ys = xs.ravel(), ys.ravel()
    keep = shapely.contains_xy(frame.window, xs, ys)
    inside = outside = 0
    for x, y, got in zip(xs[keep], ys[keep], shapely.contains_xy(geom, xs[keep], ys[keep]),
                         strict=True):  # fmt: skip
        margin = cells.margin_m(*frame.aeqd.lat_lon(float(x), float(y)))
        inside += margin > 0
        outside += margin <= 0
        assert bool(got) == (margin > 0) or abs(margin) <= EDGE_TOLERANCE_M, (x, y, margin)
    assert inside > 20 and outside > 20


def _locate(place: str):  # type: ignore[no-untyped-def]
    data = api.load(str(COAST / "locate-claims.yaml"), str(COAST / "locate-places.yaml"))
    return locate(place, data.claims, data.gazetteer)


def test_inside_reaches_out_to_sea_as_far_as_verify_holds_it() -> None:
    """South-east of Odesa is the sea: drawn from the outline, "in Ukraine" reaches 5.4 km out
    (the coast's uncertainty); under the coast rule, the coast moved out by that shift and
    widened again, 10.8 km: the area (55 km² from the outline) more than triples."""
    region = _locate("strike-site").overall
    assert region.feasible and 150 < region.area_km2 < 250
    ukraine = _country("UA")
    u = ukraine.uncertainty_m
    ring = np.asarray(region.polygons[0][0])
    beyond = [
        signed_distance_to_polygons_m(lat, lon, ukraine.polygons).signed_distance_m
        for lat, lon in ring[:: max(1, len(ring) // 200)]
    ]
    assert max(beyond) > u + 4000  # past where the plain outline stops
    assert max(beyond) <= sea_shift_m(0.0, ukraine) + u + EDGE_TOLERANCE_M


def test_outside_keeps_off_the_coast_that_verify_counts_as_ukraine() -> None:
    """ "Outside Ukraine", within 15 km of Odesa: from the outline, the sea and a 5.4 km strip
    of the land (737 km²); under the rule that strip is deeper than any uncertainty reaches."""
    region = _locate("ship").overall
    assert region.feasible and 400 < region.area_km2 < 550


@pytest.mark.parametrize(("place", "inside"), [("strike-site", True), ("ship", False)])
def test_every_point_of_the_area_is_one_where_verify_would_hold_the_claim(
    place: str, inside: bool
) -> None:
    """The one definition, analysis.territory, at a grid of points of the area: each is in (or
    out of) Ukraine by the rule, within the widening every area gets (the country's
    uncertainty)."""
    ukraine = _country("UA")
    u = ukraine.uncertainty_m + EDGE_TOLERANCE_M
    region = _locate(place).overall
    polygon = shapely.Polygon([(lon, lat) for lat, lon in region.polygons[0][0]])
    west, south, east, north = polygon.bounds
    lons, lats = np.meshgrid(np.linspace(west, east, 25), np.linspace(south, north, 25))
    within = shapely.contains_xy(polygon, lons.ravel(), lats.ravel())
    points = list(zip(lats.ravel()[within], lons.ravel()[within], strict=True))
    assert len(points) > 50
    for lat, lon in points:
        signed = _rule_signed_m(ukraine, float(lat), float(lon))
        assert (signed <= u) if inside else (signed >= -u), (lat, lon, signed)
