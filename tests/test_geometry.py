"""Tests for claimcheck.geo.lines: nearest points on geodesic lines, polygons, frames."""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from pyproj import Geod

from claimcheck.geo.aeqd import local_aeqd
from claimcheck.geo.geodesic import distance_m, forward, inverse
from claimcheck.geo.lines import (
    NearestPoint,
    Polyline,
    densify,
    distance_to_line_m,
    geodesic_circle,
    nearest_on_line,
    point_in_polygon,
    signed_distance_to_polygon_m,
)
from oracles import brute_force_distance_to_line_m

DATA = Path(__file__).parent / "data" / "ne10m-boundaries-iraq-jordan-syria.geojson"

LatLon = tuple[float, float]
#: PROJ's geodesics, as the oracle the package's own are checked against
ORACLE = Geod(ellps="WGS84")


def midpoint(a: LatLon, b: LatLon) -> LatLon:
    lon, lat = ORACLE.npts(a[1], a[0], b[1], b[0], 1)[0]
    return lat, lon


def assert_on_its_segment(found: NearestPoint, vertices: list[LatLon]) -> None:
    """The reported point lies on the reported edge, at the reported fraction of it."""
    vertices = vertices * 2 if len(vertices) == 1 else vertices  # a lone vertex: one empty edge
    a, b = vertices[found.segment_index], vertices[found.segment_index + 1]
    length = distance_m(*a, *b)
    to_a, to_b = distance_m(*a, found.lat, found.lon), distance_m(found.lat, found.lon, *b)
    assert to_a + to_b == pytest.approx(length, abs=1e-3)
    assert 0.0 <= found.fraction <= 1.0
    if length > 0:
        assert found.fraction * length == pytest.approx(to_a, abs=1e-3)


def check_against_brute_force(point: LatLon, vertices: list[LatLon]) -> NearestPoint:
    """|ours − reference| ≤ 1 m, and ours is never worse than the reference (an upper bound)."""
    found = nearest_on_line(*point, vertices)
    reference = brute_force_distance_to_line_m(*point, vertices)
    assert found.distance_m <= reference + 1e-3
    assert reference - found.distance_m <= 1.0
    assert distance_m(*point, found.lat, found.lon) == pytest.approx(found.distance_m, abs=1e-3)
    assert_on_its_segment(found, vertices)
    return found


# --- nearest point on a line -------------------------------------------------------------------

SIX_HUNDRED_KM = [(30.0, 10.0), (33.3, 15.0)]  # 599 km
ACROSS_ANTIMERIDIAN = [(-16.0, 178.0), (-18.0, -177.0)]
OVER_THE_POLE = [(88.0, -30.0), (88.5, 150.0)]
NEAR_THE_POLE = [(87.0, -60.0), (88.0, 60.0), (86.5, 170.0)]


@pytest.mark.parametrize(
    ("point", "vertices"),
    [
        pytest.param((33.0, 11.0), SIX_HUNDRED_KM, id="600km-segment"),
        pytest.param((31.0, 14.0), SIX_HUNDRED_KM, id="600km-segment-other-side"),
        pytest.param((-17.5, 179.9), ACROSS_ANTIMERIDIAN, id="antimeridian-east"),
        pytest.param((-16.2, -178.5), ACROSS_ANTIMERIDIAN, id="antimeridian-west"),
        pytest.param((89.9, 45.0), OVER_THE_POLE, id="pole-89.9"),
        pytest.param((90.0, 0.0), OVER_THE_POLE, id="at-the-pole"),
        pytest.param((89.9, -100.0), NEAR_THE_POLE, id="pole-polyline"),
        pytest.param((10.0, 30.0), [(0.0, 0.0), (20.0, 45.0)], id="5000km-segment"),
        pytest.param((-40.0, 100.0), [(0.0, 0.0), (20.0, 45.0)], id="far-side-of-the-earth"),
        pytest.param(
            (0.0, 0.0), [(0.0, 170.0), (10.0, -165.0)], id="farthest-point-inside-the-segment"
        ),
        pytest.param((33.4, 38.9), [(33.0, 38.0), (33.0, 38.0)], id="degenerate-segment"),
        pytest.param((33.4, 38.9), [(33.0, 38.0)], id="single-vertex"),
        pytest.param(
            (33.4, 38.9),
            [(33.0, 38.0), (33.0, 38.0), (33.5, 38.5), (33.5, 38.5), (33.2, 39.5)],
            id="repeated-vertices",
        ),
    ],
)
def test_nearest_matches_brute_force(point: LatLon, vertices: list[LatLon]) -> None:
    check_against_brute_force(point, vertices)


def test_descent_converges_where_newton_steps_overshoot() -> None:
    """Some 10,000 km from a long edge, near the pole of its great circle, the distance along the
    edge is nearly flat and spherical Newton steps overshoot by kilometres."""
    point, (a, b) = (-2.44, -10.66), [(-7.92, 79.78), (-5.77, -100.82)]
    found = nearest_on_line(*point, [a, b])
    lons, lats = np.array(ORACLE.npts(a[1], a[0], b[1], b[0], 200_000)).T  # every 95 m
    reference = float(
        np.min(
            ORACLE.inv(np.full_like(lons, point[1]), np.full_like(lats, point[0]), lons, lats)[2]
        )
    )
    assert found.distance_m <= reference + 1e-3
    assert reference - found.distance_m <= 1.0


def test_point_beyond_the_end_is_nearest_to_the_endpoint() -> None:
    vertices = [(10.0, 10.0), (10.5, 10.5)]
    found = check_against_brute_force((11.5, 11.7), vertices)
    assert (found.segment_index, found.fraction) == (0, 1.0)
    assert found.distance_m == pytest.approx(distance_m(11.5, 11.7, 10.5, 10.5), abs=1e-6)


@pytest.mark.parametrize("vertices", [SIX_HUNDRED_KM, ACROSS_ANTIMERIDIAN, OVER_THE_POLE])
def test_point_on_the_line_is_at_distance_zero(vertices: list[LatLon]) -> None:
    found = nearest_on_line(*midpoint(*vertices), vertices)
    assert found.distance_m < 1e-3
    assert found.fraction == pytest.approx(0.5, abs=1e-6)


def test_nearest_is_on_the_geodesic_not_the_lon_lat_chord() -> None:
    """A lon/lat straight line and the geodesic part by kilometres on a 600 km edge."""
    lat, lon = midpoint(*SIX_HUNDRED_KM)
    chord_lat, chord_lon = 31.65, 12.5  # midpoint of the straight lon/lat chord
    assert distance_m(lat, lon, chord_lat, chord_lon) > 1000.0
    assert distance_to_line_m(lat, lon, SIX_HUNDRED_KM) < 1e-3
    assert distance_to_line_m(chord_lat, chord_lon, SIX_HUNDRED_KM) > 1000.0


def iraq_syria_parts() -> list[list[LatLon]]:
    """The Natural Earth Iraq–Syria boundary, as (lat, lon) lines (GeoJSON stores lon, lat)."""
    collection = json.loads(DATA.read_text(encoding="utf-8"))
    (feature,) = [
        f
        for f in collection["features"]
        if {f["properties"]["adm0_a3_l"], f["properties"]["adm0_a3_r"]} == {"IRQ", "SYR"}
    ]
    return [[(lat, lon) for lon, lat in part] for part in feature["geometry"]["coordinates"]]


@pytest.mark.parametrize(
    ("point", "expected_m"),
    [
        pytest.param((33.4332, 38.9374), 1915.42, id="al-Walid-enwiki"),
        pytest.param((33.43694, 38.83639), 3258.48, id="al-Tanf-dewiki"),
    ],
)
def test_distance_to_iraq_syria_border(point: LatLon, expected_m: float) -> None:
    parts = iraq_syria_parts()
    found = min((nearest_on_line(*point, part) for part in parts), key=lambda f: f.distance_m)
    reference = min(brute_force_distance_to_line_m(*point, part) for part in parts)
    assert abs(found.distance_m - reference) <= 1.0
    assert found.distance_m == pytest.approx(expected_m, abs=0.01)
    nearest_vertex = min(distance_m(*point, *v) for part in parts for v in part)
    assert nearest_vertex - found.distance_m > 100.0  # the answer is on an edge, not a vertex


@pytest.mark.parametrize("bad", [[], [(91.0, 0.0), (0.0, 0.0)], [(0.0, float("nan"))]])
def test_nearest_rejects_bad_vertices(bad: list[LatLon]) -> None:
    with pytest.raises(ValueError):
        nearest_on_line(0.0, 0.0, bad)


def test_nearest_rejects_bad_point() -> None:
    with pytest.raises(ValueError):
        nearest_on_line(-90.5, 0.0, SIX_HUNDRED_KM)


latitudes = st.floats(-90.0, 90.0)
longitudes = st.floats(-180.0, 180.0)
azimuths = st.floats(0.0, 360.0)


@st.composite
def random_segments(draw: st.DrawFn) -> tuple[LatLon, list[LatLon]]:
    """A geodesic segment up to 3000 km long and a point within 3000 km of its start."""
    start = (draw(latitudes), draw(longitudes))
    end = forward(*start, draw(azimuths), draw(st.floats(0.0, 3_000_000.0)))
    point = forward(*start, draw(azimuths), draw(st.floats(0.0, 3_000_000.0)))
    return point, [start, end]


@pytest.mark.slow
@given(random_segments())
def test_random_segments_match_brute_force(case: tuple[LatLon, list[LatLon]]) -> None:
    check_against_brute_force(*case)


@st.composite
def random_lines(draw: st.DrawFn) -> tuple[LatLon, list[LatLon]]:
    """A random walk of up to 8 vertices (steps up to 500 km, zero included) and a nearby point."""
    vertices = [(draw(latitudes), draw(longitudes))]
    for _ in range(draw(st.integers(0, 7))):
        step = draw(st.one_of(st.just(0.0), st.floats(0.0, 500_000.0)))
        vertices.append(forward(*vertices[-1], draw(azimuths), step))
    point = forward(*vertices[0], draw(azimuths), draw(st.floats(0.0, 2_000_000.0)))
    return point, vertices


@given(random_lines())
def test_nearest_is_no_farther_than_any_vertex(case: tuple[LatLon, list[LatLon]]) -> None:
    point, vertices = case
    found = nearest_on_line(*point, vertices)
    assert found.distance_m <= min(distance_m(*point, *v) for v in vertices) + 1e-6
    assert distance_m(*point, found.lat, found.lon) == pytest.approx(found.distance_m, abs=1e-3)
    assert_on_its_segment(found, vertices)


def test_polyline_can_be_reused() -> None:
    line = Polyline.from_lat_lon(NEAR_THE_POLE)
    for point in [(89.9, -100.0), (85.0, 0.0)]:
        assert line.nearest(*point) == nearest_on_line(*point, NEAR_THE_POLE)


# --- densify and circles -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("vertices", "max_segment_m"),
    [
        pytest.param(SIX_HUNDRED_KM, 10_000.0, id="600km"),
        pytest.param(ACROSS_ANTIMERIDIAN, 7_000.0, id="antimeridian"),
        pytest.param(OVER_THE_POLE, 1_000.0, id="pole"),
        pytest.param([(1.0, 1.0), (1.0, 1.0), (1.0, 1.001)], 500.0, id="repeat-and-short"),
        pytest.param([(1.0, 1.0)], 500.0, id="single-vertex"),
    ],
)
def test_densify_keeps_vertices_and_follows_geodesics(
    vertices: list[LatLon], max_segment_m: float
) -> None:
    dense = densify(vertices, max_segment_m)
    assert all(v in dense for v in vertices)
    assert (dense[0], dense[-1]) == (vertices[0], vertices[-1])
    pieces = [distance_m(*a, *b) for a, b in itertools.pairwise(dense)]
    assert max(pieces, default=0.0) <= max_segment_m + 1e-6
    length = sum(distance_m(*a, *b) for a, b in itertools.pairwise(vertices))
    assert sum(pieces) == pytest.approx(length, abs=1e-3)
    assert max(nearest_on_line(*p, vertices).distance_m for p in dense) < 1e-3


@pytest.mark.parametrize("rho_m", [100_000.0, 300_000.0, 700_000.0])
def test_densified_pieces_are_straight_in_a_local_frame(rho_m: float) -> None:
    """A 1 km geodesic piece at distance ρ bows at most L²·ρ/(12·R²) off its chord in aeqd."""
    frame = local_aeqd(40.0, 20.0)
    bound = 1000.0**2 * rho_m / (12 * 6_371_000.0**2) * 1.01
    for azimuth, heading in itertools.product(range(0, 360, 30), range(0, 180, 30)):
        a = forward(40.0, 20.0, azimuth, rho_m)
        b = forward(*a, heading, 1000.0)
        xa, ya = frame.xy(*a)
        xb, yb = frame.xy(*b)
        xm, ym = frame.xy(*midpoint(a, b))
        bow = abs((xb - xa) * (ym - ya) - (yb - ya) * (xm - xa)) / math.hypot(xb - xa, yb - ya)
        assert bow <= bound


def test_densify_rejects_non_positive_spacing() -> None:
    with pytest.raises(ValueError):
        densify(SIX_HUNDRED_KM, 0.0)


@pytest.mark.parametrize(
    "centre", [(33.43694, 38.83639), (0.0, 180.0), (89.5, 10.0), (-90.0, 0.0)], ids=str
)
def test_geodesic_circle(centre: LatLon) -> None:
    ring = geodesic_circle(*centre, 72_000.0, 64)
    assert len(ring) == 64
    assert all(distance_m(*centre, *p) == pytest.approx(72_000.0, abs=1e-6) for p in ring)
    lats, lons = zip(*ring, strict=True)
    area, _ = ORACLE.polygon_area_perimeter(lons, lats)
    assert area > 0  # counterclockwise
    assert point_in_polygon(*centre, [ring])


# --- polygons ----------------------------------------------------------------------------------

SQUARE_ON_ANTIMERIDIAN = [(-1.0, 179.0), (-1.0, -179.0), (1.0, -179.0), (1.0, 179.0)]
ANNULUS = [geodesic_circle(33.0, 38.0, 100_000.0, 90), geodesic_circle(33.0, 38.0, 40_000.0, 45)]


@pytest.mark.parametrize(
    ("point", "rings", "inside"),
    [
        pytest.param((0.0, 180.0), [SQUARE_ON_ANTIMERIDIAN], True, id="antimeridian-centre"),
        pytest.param((0.5, -179.5), [SQUARE_ON_ANTIMERIDIAN], True, id="antimeridian-west"),
        pytest.param((0.0, 178.0), [SQUARE_ON_ANTIMERIDIAN], False, id="antimeridian-outside"),
        pytest.param((0.0, 0.0), [SQUARE_ON_ANTIMERIDIAN], False, id="antipode-outside"),
        pytest.param((0.0, 180.0), [SQUARE_ON_ANTIMERIDIAN[::-1]], True, id="clockwise-input"),
        pytest.param(
            (0.0, 180.0), [[*SQUARE_ON_ANTIMERIDIAN, SQUARE_ON_ANTIMERIDIAN[0]]], True, id="closed"
        ),
        pytest.param((90.0, 0.0), [geodesic_circle(90.0, 0.0, 2e5, 32)], True, id="polar-cap"),
        pytest.param((88.0, 0.0), [geodesic_circle(90.0, 0.0, 2e5, 32)], False, id="off-cap"),
        pytest.param((-90.0, 0.0), [geodesic_circle(90.0, 0.0, 2e5, 32)], False, id="south-pole"),
        pytest.param((33.0, 38.0), ANNULUS, False, id="in-the-hole"),
        pytest.param((33.5, 38.0), ANNULUS, True, id="in-the-annulus"),
        pytest.param((34.0, 38.0), ANNULUS, False, id="beyond-the-outer-ring"),
        pytest.param(SQUARE_ON_ANTIMERIDIAN[2], [SQUARE_ON_ANTIMERIDIAN], True, id="on-vertex"),
        pytest.param(ANNULUS[1][0], ANNULUS, True, id="on-hole-vertex"),
    ],
)
def test_point_in_polygon(point: LatLon, rings: list[list[LatLon]], inside: bool) -> None:
    assert point_in_polygon(*point, rings) is inside
    signed = signed_distance_to_polygon_m(*point, rings).signed_distance_m
    assert (signed <= 0) if inside else (signed > 0)


BIG_TRIANGLE = [(10.0, 170.0), (14.0, -174.0), (20.0, 175.0)]  # 1800 km edges, antimeridian


@pytest.mark.parametrize("edge", [0, 1, 2])
@pytest.mark.parametrize("orientation", [1, -1], ids=["ccw", "cw"])
@pytest.mark.parametrize("offset_m", [1.0, -1.0], ids=["1m-left", "1m-right"])
def test_polygon_one_metre_from_a_long_geodesic_edge(
    edge: int, orientation: int, offset_m: float
) -> None:
    """1 m either side of an edge's midpoint, where the lon/lat chord is kilometres away."""
    ring = BIG_TRIANGLE[::orientation]
    a, b = ring[edge], ring[(edge + 1) % 3]
    mid = midpoint(a, b)
    along = (inverse(*mid, *b).azimuth_deg - inverse(*mid, *a).azimuth_deg) % 360.0
    assert along == pytest.approx(180.0, abs=1e-6)  # a and b are on opposite sides of mid
    left = (inverse(*mid, *b).azimuth_deg - 90.0) % 360.0
    point = forward(*mid, left, offset_m)
    lats, lons = zip(*ring, strict=True)
    ccw = ORACLE.polygon_area_perimeter(lons, lats)[0] > 0
    inside = (offset_m > 0) == ccw  # the interior is on the left of a counterclockwise ring
    assert point_in_polygon(*point, [ring]) is inside
    result = signed_distance_to_polygon_m(*point, [ring])
    assert result.signed_distance_m == pytest.approx(-offset_m if ccw else offset_m, abs=1e-3)
    assert (result.ring_index, result.nearest.segment_index) == (0, edge)


def test_signed_distance_picks_the_nearest_ring() -> None:
    hole = ANNULUS[1]
    result = signed_distance_to_polygon_m(33.0, 38.0, ANNULUS)
    assert result.ring_index == 1
    assert result.signed_distance_m == pytest.approx(
        distance_to_line_m(33.0, 38.0, [*hole, hole[0]]), abs=1e-9
    )
    assert 39_000.0 < result.signed_distance_m < 40_000.0


@pytest.mark.parametrize(
    "rings",
    [[], [[(0.0, 0.0), (1.0, 1.0)]], [SQUARE_ON_ANTIMERIDIAN, []]],
    ids=["no-ring", "2-vertices", "empty-hole"],
)
@pytest.mark.parametrize("function", [point_in_polygon, signed_distance_to_polygon_m])
def test_polygon_rejects_bad_rings(
    function: Callable[..., object], rings: list[list[LatLon]]
) -> None:
    with pytest.raises(ValueError):
        function(20.0, 20.0, rings)  # outside the outer ring: holes must be checked anyway


@st.composite
def star_polygons(draw: st.DrawFn) -> tuple[LatLon, list[LatLon], LatLon]:
    """A star-shaped ring (3-12 vertices, radii 10-300 km) in either orientation, and a point."""
    centre = (draw(st.floats(-80.0, 80.0)), draw(longitudes))
    count = draw(st.integers(3, 12))
    # gaps between azimuths stay under 180°, so the ring winds once around its centre
    gaps = np.array(draw(st.lists(st.floats(1.0, 1.9), min_size=count, max_size=count)))
    cuts = draw(azimuths) + np.cumsum(360.0 * gaps / gaps.sum())
    ring = [forward(*centre, az, draw(st.floats(10_000.0, 300_000.0))) for az in cuts]
    if draw(st.booleans()):
        ring.reverse()
    point = forward(*centre, draw(azimuths), draw(st.floats(0.0, 400_000.0)))
    return centre, ring, point


@pytest.mark.slow
@given(star_polygons())
def test_point_in_polygon_matches_planar_topology(
    case: tuple[LatLon, list[LatLon], LatLon],
) -> None:
    """Shapely on the ring densified to 1 km in an aeqd frame is a reference good to ~1 mm here.

    The ring lies within 300 km of the frame's centre, where a 1 km chord strays under 0.7 mm
    from the geodesic's image (see `densify`); points within 5 cm of the boundary are skipped.
    """
    from shapely.geometry import Point, Polygon

    centre, ring, point = case
    result = signed_distance_to_polygon_m(*point, [ring])
    assume(abs(result.signed_distance_m) > 0.05)
    frame = local_aeqd(*centre)
    planar = Polygon([frame.xy(*p) for p in densify([*ring, ring[0]], 1000.0)])
    assert planar.is_valid
    expected = planar.contains(Point(frame.xy(*point)))
    assert point_in_polygon(*point, [ring]) is expected
    assert (result.signed_distance_m < 0) is expected


# --- local azimuthal equidistant frame ---------------------------------------------------------


@pytest.mark.parametrize(
    "centre", [(33.43694, 38.83639), (85.0, 0.0), (0.0, 180.0), (-60.0, -170.0)], ids=str
)
def test_local_aeqd_distance_error_within_500_km(centre: LatLon) -> None:
    """Radial distances are exact; other distances are overestimated by at most 0.11%."""
    rng = np.random.default_rng(7)
    n = 5000
    az = rng.uniform(0.0, 360.0, (2, n))
    radius = 500_000.0 * np.sqrt(rng.uniform(0.0, 1.0, (2, n)))
    radius[:, 0], az[:, 0] = 500_000.0, (0.0, 180.0)  # the worst case: a full diameter
    lons, lats, _ = ORACLE.fwd(np.full((2, n), centre[1]), np.full((2, n), centre[0]), az, radius)
    frame = local_aeqd(*centre)
    x, y = frame.to_xy.transform(lons, lats)
    np.testing.assert_allclose(np.hypot(x, y), radius, rtol=0, atol=1e-3)
    planar = np.hypot(x[0] - x[1], y[0] - y[1])
    geodesic = np.asarray(ORACLE.inv(lons[0], lats[0], lons[1], lats[1])[2])
    excess = planar / geodesic - 1.0
    assert excess.min() >= -1e-12
    assert excess.max() <= 1.1e-3
    back_lon, back_lat = frame.to_lon_lat.transform(x, y)
    assert np.max(np.asarray(ORACLE.inv(back_lon, back_lat, lons, lats)[2])) < 1e-6


def test_local_aeqd_axes_are_east_and_north() -> None:
    frame = local_aeqd(33.0, 38.0)
    x, y = frame.xy(*forward(33.0, 38.0, 90.0, 1000.0))
    assert (x, y) == (pytest.approx(1000.0, abs=1e-6), pytest.approx(0.0, abs=1e-6))
    x, y = frame.xy(*forward(33.0, 38.0, 0.0, 1000.0))
    assert (x, y) == (pytest.approx(0.0, abs=1e-6), pytest.approx(1000.0, abs=1e-6))
    lat, lon = frame.lat_lon(0.0, 0.0)
    assert (lat, lon) == (pytest.approx(33.0, abs=1e-12), pytest.approx(38.0, abs=1e-12))
