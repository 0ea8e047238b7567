"""The pure-Python certificate for small rings: it clears only rings the full check passes.

A ring it certifies skips the shapely check, so a wrong certificate would let an invalid polygon
through: each case, and a few hundred random rings, are checked against the full check with the
certificate switched off. It must also clear ordinary rings, or it would save nothing.
"""

from __future__ import annotations

import math
import random
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck.gazetteer import rings
from claimcheck.gazetteer.places import LatLon
from claimcheck.gazetteer.plain_rings import plainly_valid
from claimcheck.gazetteer.rings import (
    DENSIFY_M,
    MAX_REACH_M,
    MIN_ROUNDNESS,
    _Frame,
    distinct_vertices,
    ring_problems,
)

DATA = Path(__file__).parent / "data"
SQUARE = [(33.0, 38.0), (33.0, 38.2), (33.2, 38.2), (33.2, 38.0)]


def certified(ring: list[LatLon]) -> bool:
    cleaned = distinct_vertices(ring)
    frame = _Frame.around(cleaned)
    assert frame is not None
    return plainly_valid(cleaned, (frame.lat, frame.lon), DENSIFY_M, MAX_REACH_M, MIN_ROUNDNESS)


def full_check(ring: list[LatLon], monkeypatch: pytest.MonkeyPatch) -> list[rings.RingProblem]:
    with monkeypatch.context() as patched:
        patched.setattr(rings, "plainly_valid", lambda *_args: False)
        return ring_problems([ring])


@pytest.mark.parametrize(
    ("ring", "expected"),
    [
        (SQUARE, True),
        (SQUARE[::-1], True),
        ([(33.0, 38.0), (33.0, 38.1), *SQUARE[1:]], True),  # a vertex in the middle of an edge
        ([(-16, 179.5), (-16, -179.5), (-17, -179.5), (-17, 179.5)], True),  # the antimeridian
        ([(89, 0), (89, 90), (89, 180), (89, -90)], True),  # around the North Pole
        ([(80, 0), (80, 90), (80, 180), (80, -90)], False),  # 1,100 points densified: not tried
        ([(33, 38), (34, 39), (33, 39), (34, 38)], False),  # a bow-tie
        ([(33, 38), (33, 38.5), (34, 39), (33, 38.5)], False),  # doubles back
        ([(33.0, 38.0), (33.1, 38.1), (33.2, 38.2)], False),  # three vertices on one geodesic
        ([(33.0, 38.0), (33.0, 38.2), (33.00001, 38.1)], False),  # a sliver
        # a vertex touching the opposite edge: invalid, and closer than the tolerance
        ([(33.0, 38.0), (33.0, 38.2), (33.2, 38.2), (33.0, 38.1), (33.2, 38.0)], False),
        ([(0, lon) for lon in range(0, 360, 1)][:300], False),  # too many points: not tried
    ],
)  # fmt: skip
def test_cases(ring: list[LatLon], expected: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    assert certified(ring) is expected
    if expected:
        assert full_check(ring, monkeypatch) == []


def _random_ring(rng: random.Random) -> tuple[list[LatLon], float]:
    """Around a random centre, 3-12 vertices at random bearings and distances (1-300 km): in
    bearing order a star-shaped (valid) ring, shuffled mostly a self-crossing one."""
    lat0, lon0 = rng.uniform(-70, 70), rng.uniform(-180, 180)
    n = rng.randint(3, 12)
    bearings = sorted(rng.uniform(0, 360) for _ in range(n))
    if rng.random() < 0.4:
        rng.shuffle(bearings)
    scale = rng.choice((1_000.0, 20_000.0, 300_000.0))
    ring = []
    for bearing in bearings:
        reach = scale * rng.uniform(0.2, 1.0) / 111_000.0  # degrees, roughly
        lat = lat0 + reach * math.cos(math.radians(bearing))
        lon = lon0 + reach * math.sin(math.radians(bearing)) / math.cos(math.radians(lat0))
        ring.append((round(lat, 6), round((lon + 180.0) % 360.0 - 180.0, 6)))
    return ring, scale


def test_certifies_only_rings_the_full_check_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(16)
    small = cleared = 0
    for _ in range(300):
        ring, scale = _random_ring(rng)
        if len(set(ring)) < 3:
            continue
        problems = full_check(ring, monkeypatch)
        if certified(ring):
            assert problems == [], ring
        # rings up to ~100 km across densify to fewer than MAX_POINTS: valid ones are cleared
        if not problems and scale < 100_000.0:
            small += 1
            cleared += certified(ring)
    assert small > 50
    assert cleared == small


def test_a_small_polygon_loads_neither_numpy_shapely_nor_pyproj() -> None:
    code = (
        "import sys\n"
        "from claimcheck.gazetteer.reader import load_places\n"
        f"gazetteer = load_places({str(DATA / 'kinds' / 'places.yaml')!r})\n"
        "assert gazetteer.get('garrison-walid-rukban-triangle') is not None\n"
        "print(sorted(m for m in ('numpy', 'shapely', 'pyproj') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
