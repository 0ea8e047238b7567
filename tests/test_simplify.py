"""Long lines and rings are simplified within their tolerance: distances move by at most it."""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest

from claimcheck.errors import Level
from claimcheck.gazetteer.places import Place, PlaceKind, Source
from claimcheck.gazetteer.reader import load_places
from claimcheck.gazetteer.simplify import (
    SIMPLIFY_ABOVE,
    SIMPLIFY_FRACTION,
    simplified,
    simplify_vertices,
)
from claimcheck.geo.lines import Polyline, signed_distance_to_polygon_m


def wiggly(
    n: int, start: tuple[float, float], length_deg: float, seed: int
) -> list[tuple[float, float]]:
    """A meandering line of n vertices heading east: waves from ~100 m to ~500 km, and noise."""
    rng = random.Random(seed)
    waves = [(rng.uniform(0, 2 * math.pi), 2.0**k) for k in range(1, 16)]
    out = []
    for i in range(n):
        t = i / (n - 1)
        y = 0.5 * sum(math.sin(p + t * f * 2 * math.pi) / f for p, f in waves)
        out.append((start[0] + y + rng.gauss(0, 1e-5), start[1] + t * length_deg))
    return out


def queries(line: list[tuple[float, float]], count: int, seed: int) -> list[tuple[float, float]]:
    """Points near the line (where distances are sensitive) and farther off."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        lat, lon = rng.choice(line)
        spread = rng.choice((0.001, 0.01, 0.1, 1.0))
        out.append((lat + rng.uniform(-spread, spread), lon + rng.uniform(-spread, spread)))
    return out


@pytest.mark.parametrize(
    ("n", "start", "length_deg", "tolerance_m"),
    [
        (30_000, (33.0, 36.0), 8.0, 50.0),
        pytest.param(30_000, (33.0, 36.0), 8.0, 5.0, marks=pytest.mark.slow),
        # across the antimeridian
        pytest.param(30_000, (-17.0, 175.0), 10.0, 50.0, marks=pytest.mark.slow),
        # 3,300 km long: split into frames
        pytest.param(30_000, (60.0, 10.0), 60.0, 200.0, marks=pytest.mark.slow),
    ],
)
def test_distances_to_a_simplified_line_move_by_at_most_the_tolerance(
    n: int, start: tuple[float, float], length_deg: float, tolerance_m: float
) -> None:
    line = wiggly(n, start, length_deg, seed=n)
    line = [(lat, (lon + 180) % 360 - 180) for lat, lon in line]
    simple = simplify_vertices(line, tolerance_m)
    assert simple[0] == line[0] and simple[-1] == line[-1]
    assert set(simple) <= set(line)
    assert len(simple) < n
    full, short = Polyline.from_lat_lon(line), Polyline.from_lat_lon(simple)
    worst = max(
        abs(full.nearest(lat, lon).distance_m - short.nearest(lat, lon).distance_m)
        for lat, lon in queries(line, 100, seed=1)
    )
    assert worst <= tolerance_m


def test_a_simplified_ring_keeps_signed_distances_within_the_tolerance() -> None:
    n = 25_000
    ring = [
        (33.0 + 0.5 * math.sin(a) + 0.01 * math.sin(37 * a), 38.0 + 0.6 * math.cos(a))
        for a in (2 * math.pi * i / n for i in range(n))
    ]
    simple = simplify_vertices(ring, 20.0, closed=True)
    assert len(simple) < n / 5 and simple[0] == ring[0]
    for lat, lon in queries(ring, 60, seed=2):
        a = signed_distance_to_polygon_m(lat, lon, [ring]).signed_distance_m
        b = signed_distance_to_polygon_m(lat, lon, [simple]).signed_distance_m
        assert abs(a - b) <= 20.0


def _line(n: int, uncertainty_m: float) -> Place:
    return Place(
        "long", "long", PlaceKind.LINE, Source("test"), uncertainty_m=uncertainty_m,
        vertices=tuple(wiggly(n, (33.0, 36.0), 5.0, seed=3)),
    )  # fmt: skip


def test_only_long_lines_are_simplified_and_their_uncertainty_grows_by_the_tolerance() -> None:
    short = _line(SIMPLIFY_ABOVE, 1000.0)
    assert simplified(short) == (short, None)
    exact = _line(SIMPLIFY_ABOVE + 1, 0.0)  # no uncertainty: nothing to simplify within
    assert simplified(exact) == (exact, None)
    place, note = simplified(_line(SIMPLIFY_ABOVE + 1, 1000.0))
    assert place.uncertainty_m == 1000.0 * (1 + SIMPLIFY_FRACTION)
    assert len(place.vertices) < SIMPLIFY_ABOVE / 3
    assert note is not None and f"{SIMPLIFY_ABOVE + 1:,} vertices simplified to" in note
    assert "within 50 m (5% of its uncertainty), which is added to it: ±1.05 km" in note


def test_loading_a_long_line_simplifies_it_with_a_warning(tmp_path: Path) -> None:
    vertices = wiggly(SIMPLIFY_ABOVE + 5_000, (33.0, 36.0), 6.0, seed=4)
    path = tmp_path / "places.yaml"
    path.write_text(
        "places:\n  - id: border\n    kind: line\n    uncertainty: 2 km\n    source: test\n"
        "    lat_lon:\n" + "".join(f"      - [{a:.6f}, {b:.6f}]\n" for a, b in vertices),
        encoding="utf-8",
    )
    gazetteer = load_places(str(path))
    (warning,) = gazetteer.warnings
    assert warning.level is Level.WARNING and warning.line == 6
    assert warning.field == "places[0].lat_lon" and "simplified" in warning.message
    assert gazetteer.places["border"].uncertainty_m == 2100.0
