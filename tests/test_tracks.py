"""render.tracks: which claims' lines a map draws side by side."""

from __future__ import annotations

import itertools
import random
from typing import Any

from claimcheck.render.tracks import _bundles, _Ray, _together, line_ends, shared_lines
from claimcheck.render.view import label_items, legend

# From the Al Haouz epicentre, Rabat and Larache lie 0.11° apart: 356 and 500 km away.
EPICENTRE, RABAT, LARACHE = (-8.44, 31.11), (-6.83255, 34.01325), (-6.15572, 35.19321)
CASABLANCA = (-7.61138, 33.58831)  # 9° off the same way


def _numbered(number: int, *points: tuple[float, float]) -> dict[str, Any]:
    """A measured line of claim `number` through `points` (lon, lat)."""
    places = {"a": str(points[0]), "b": str(points[-1])}
    return {"type": "Feature",
            "geometry": {"type": "LineString", "coordinates": [list(p) for p in points]},
            "properties": {"layer": "measurement", "verdict": "consistent", "number": number,
                           "places": places}}  # fmt: skip


def test_lines_out_of_one_place_on_one_track_are_drawn_side_by_side() -> None:
    """The gap between the Rabat and Larache lines at Rabat is 0.67 km: under a map's
    tolerance they are one track, and the line that bears left of the other goes on the left,
    so the two never cross; Casablanca's line, 9° off, stays where it is."""
    collection = {"features": [_numbered(10, EPICENTRE, LARACHE),
                               _numbered(11, EPICENTRE, CASABLANCA),
                               _numbered(12, RABAT, EPICENTRE)]}  # fmt: skip
    assert shared_lines(collection) == {}  # no tolerance: only lines on the same two points
    assert shared_lines(collection, apart_km=0.5) == {}
    shared = shared_lines(collection, apart_km=1.0)
    assert sorted(shared) == [0, 2]
    assert shared[0].members == (0, 2) and shared[0].hub == EPICENTRE
    assert (shared[0].far, shared[2].far) == ((-6.1557, 35.1932), (-6.8326, 34.0132))
    # Larache bears 24.58° from the epicentre, Rabat 24.69°: Larache's line is on the left
    # (+0.5 as drawn out of the epicentre), Rabat's on the right, as drawn towards the
    # epicentre its slot negated.
    assert shared[0].slot == 0.5 and shared[2].slot == 0.5
    texts = [e.text for e in legend(collection, towns=False, base=(), shared=shared)]
    assert (
        "Lines side by side: claims that measure the same two places or would run on one "
        "track, one line each in its measured distance's colour"
    ) in texts


def test_places_closer_than_the_tolerance_are_one_point() -> None:
    """Przewodów and the grain dryer 0.6 km from it, each measured to the border (5 km east):
    on a 100 km map their lines are one track, drawn side by side in the order they lie (the
    dryer's line, south of the village's, on the right as both run east) and labelled once."""
    village, dryer = (23.9275, 50.4744), (23.9343, 50.471)
    border_north, border_south = (24.0082, 50.4771), (24.0085, 50.4734)
    collection = {"features": [_numbered(1, dryer, border_south),
                               _numbered(5, village, border_north)]}  # fmt: skip
    assert shared_lines(collection) == {}
    shared = shared_lines(collection, apart_km=1.0)
    assert shared[0].slot < shared[1].slot  # the dryer's on the right, the village's left
    (label,) = label_items(collection, lines=True, shared=shared)
    assert label.text == "Claims 1 and 5"


def test_a_line_cut_at_the_antimeridian_ends_where_it_is_drawn() -> None:
    pieces = [[[179.5, 10.0], [180.0, 10.1]], [[-180.0, 10.1], [-179.25, 10.2]]]
    cut = {"type": "MultiLineString", "coordinates": pieces}
    assert line_ends(cut) == ((179.5, 10.0), (-179.25, 10.2))


def test_the_bearing_window_finds_every_pair_that_runs_together() -> None:
    """Rays are compared only with those within the angle a line of their length may turn and
    stay within the tolerance: the same bundles as comparing every pair."""
    rng = random.Random(7)
    rays = [_Ray(i, (round(rng.uniform(0, 1), 4), 0.0), rng.choice([10.0, 10.5, 200.0])
                 + rng.uniform(0, 3), rng.uniform(0.5, 300), 0.0) for i in range(300)]  # fmt: skip
    group = list(range(len(rays)))

    def root(k: int) -> int:
        while group[k] != k:
            k = group[k]
        return k

    for a, b in itertools.combinations(range(len(rays)), 2):
        if _together(rays[a], rays[b], 2.0):
            group[root(b)] = root(a)
    brute: dict[int, list[int]] = {}
    for k in range(len(rays)):
        brute.setdefault(root(k), []).append(k)
    expected = sorted(g for g in brute.values() if len(g) > 1)
    assert expected  # the case has bundles
    assert sorted([r.index for r in g] for g in _bundles(rays, 2.0)) == expected
