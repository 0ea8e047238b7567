"""render.labels: greedy label placement, the same for the figure and the HTML map."""

from __future__ import annotations

import itertools

import pytest

from claimcheck.render.labels import Box, Spot, fit_zoom, mercator_lat_lon, mercator_px, place


def _spots(n: int, gap: float) -> list[Spot]:
    return [Spot(f"s{i}", 100 + gap * i, 100.0, 60.0, 12.0) for i in range(n)]


@pytest.mark.parametrize("gap", [2.0, 10.0, 40.0])
def test_placed_labels_never_overlap_each_other_or_a_marker(gap: float) -> None:
    spots = _spots(8, gap)
    placed = place(spots, Box(0, 0, 600, 400))
    boxes = [placed[s.key].box(s) for s in spots if s.key in placed]
    assert len(boxes) >= 6
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b)
    for box, spot in itertools.product(boxes, spots):
        assert not box.overlaps(Box(spot.x - 4, spot.y - 4, spot.x + 4, spot.y + 4))


def test_a_lone_label_sits_beside_its_point_and_crowded_ones_get_leaders() -> None:
    lone = place([Spot("a", 50, 50, 30, 10)])["a"]
    assert lone.dx > 0 and not lone.leader
    crowded = place(_spots(12, 1.0), Box(0, 0, 600, 400))
    assert any(p.leader for p in crowded.values())


def test_labels_stay_in_view_and_out_of_blocked_boxes() -> None:
    spots = [Spot("edge", 595, 200, 50, 10)]
    (placed,) = place(spots, Box(0, 0, 600, 400)).values()
    assert placed.box(spots[0]).inside(Box(0, 0, 600, 400))
    assert place(spots, Box(0, 0, 600, 400), blocked=[Box(0, 0, 600, 400)]) == {}


def test_placement_is_deterministic() -> None:
    spots = _spots(10, 5.0)
    assert place(spots, Box(0, 0, 600, 400)) == place(spots, Box(0, 0, 600, 400))


def test_web_mercator_pixels_match_leaflet() -> None:
    assert mercator_px(0.0, 0.0, 0.0) == pytest.approx((128.0, 128.0))
    x, y = mercator_px(85.0511287798, 180.0, 1.0)
    assert (x, y) == pytest.approx((512.0, 0.0), abs=1e-6)
    zoom = fit_zoom(38.0, 33.0, 41.0, 35.0, 800, 700)
    assert zoom % 0.25 == 0
    x0, _ = mercator_px(0, 38.0, zoom)
    x1, _ = mercator_px(0, 41.0, zoom)
    assert x1 - x0 <= 800 < (x1 - x0) * 2**0.25


@pytest.mark.parametrize(
    "lat, lon, zoom", [(50.5, 39.1, 8.25), (-33.9, 151.2, 3.0), (0.0, 0.0, 0.0)]
)
def test_mercator_pixels_go_back_to_the_point(lat: float, lon: float, zoom: float) -> None:
    back = mercator_lat_lon(*mercator_px(lat, lon, zoom), zoom)
    assert back == pytest.approx((lat, lon), abs=1e-9)


def test_a_spot_with_candidates_goes_to_the_first_free_one_and_is_no_marker() -> None:
    """An area's name (a country) tries only its own boxes, has no leader, and does not keep
    other labels off its point."""
    country = Spot("c", 50, 50, 40, 10, 0.0, ((-20, -5), (-20, 10)))
    place_ = Spot("p", 10, 10, 30, 10)
    placed = place([place_, Spot("q", 48, 55, 10, 10, 1.0), country], Box(0, 0, 200, 200))
    assert placed["c"].dy == 10 and not placed["c"].leader
    beside = place([Spot("p", 40, 50, 30, 10), Spot("c", 50, 50, 40, 10, 0.0, ((-20, -5),))])
    assert beside["p"].dx == 9.0  # right beside its point, over the country's point


def test_a_label_keeps_off_what_it_should_where_a_spot_allows() -> None:
    """A line's label beside its point would cover another claim's line running just right of
    it: it goes to the left instead, the next spot that is clear; with no clear spot, the
    first free one as before."""
    import shapely

    other = shapely.LineString([(110, 0), (110, 200)])  # 10 px right of the point
    spot = Spot("m1", 100, 100, 40, 10, clear_of=other)
    placed = place([spot])["m1"]
    assert placed.box(spot).x1 <= 100 and not placed.leader
    everywhere = shapely.box(0, 0, 400, 400)
    beside = place([Spot("m1", 100, 100, 40, 10, clear_of=everywhere)])["m1"]
    assert beside == place([Spot("m1", 100, 100, 40, 10)])["m1"]
