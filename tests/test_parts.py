"""The compass parts of an area (claimcheck.geo.parts): intercardinal parts are corner tiles
(ICD-9), cardinal parts the whole outer third on their side (Frank 1991)."""

from __future__ import annotations

import pytest

from claimcheck.geo.parts import PART_TILES, Box, in_part, is_corner

BOX = Box(south=30.0, west=30.0, north=33.0, east=33.0)  # parallels 31, 32; meridians 31, 32


@pytest.mark.parametrize(
    ("part", "tiles"),
    [
        ("S", {(0, 0), (0, 1), (0, 2)}),
        ("N", {(2, 0), (2, 1), (2, 2)}),
        ("E", {(0, 2), (1, 2), (2, 2)}),
        ("W", {(0, 0), (1, 0), (2, 0)}),
        ("SW", {(0, 0)}),
        ("NE", {(2, 2)}),
        ("SE", {(0, 2)}),
        ("NW", {(2, 0)}),
    ],
)
def test_a_part_covers_its_tiles(part: str, tiles: set[tuple[int, int]]) -> None:
    covered = {
        (row, column) for row in range(3) for column in range(3) if in_part(part, row, column)
    }
    assert covered == tiles
    assert is_corner(part) == (len(tiles) == 1)


def test_the_middle_is_in_no_part() -> None:
    assert not any(in_part(part, 1, 1) for part in PART_TILES)


@pytest.mark.parametrize(
    ("part", "text"),
    [
        ("S", "south of 31.00°"),
        ("E", "east of 32.00°"),
        ("SW", "south of 31.00° and west of 31.00°"),
        ("NE", "north of 32.00° and east of 32.00°"),
    ],
)
def test_a_part_is_described_by_its_bounds_only(part: str, text: str) -> None:
    assert BOX.describe(part) == text


@pytest.mark.parametrize(
    ("lat", "lon", "parts"),
    [
        (30.5, 30.5, {"S", "W", "SW"}),  # a south-west corner is southern and western too
        (30.5, 31.5, {"S"}),
        (32.5, 32.5, {"N", "E", "NE"}),
        (31.5, 31.5, set()),
    ],
)
def test_a_point_is_in_the_parts_of_its_tile(lat: float, lon: float, parts: set[str]) -> None:
    row, column = BOX.tile_of(lat, lon)
    assert {part for part in PART_TILES if in_part(part, row, column)} == parts
