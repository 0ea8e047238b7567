"""The compass parts of an area ("north-eastern Jordan"), and the probability of being in one.

A polygon's bounding box is cut into thirds by two parallels and two meridians, as in the
internal cardinal directions of Liu, Wang, Jin & Wu (2005, "On internal cardinal direction
relations", COSIT, LNCS 3693, doi:10.1007/11556114_18), whose ICD-9 model partitions an area's
minimum bounding rectangle into a middle and eight compass parts. An intercardinal part
("north-eastern") is its corner tile, as in ICD-9. A cardinal part ("southern") is the whole
outer third on that side, three tiles: the projection-based reading of a cardinal direction as
a half-plane (Frank 1991, "Qualitative spatial reasoning about cardinal directions",
Auto-Carto 10), because a reader calls a place in the south-west corner "in southern Lebanon"
too; ICD-9's middle tile alone made such claims fail. Equal thirds are this project's choice
(the paper fits the middle's size to a cognitive experiment). The outer parts run on beyond the
box: whether the subject is inside the area at all is its own check.

A tile is bounded by at most three of the lines; near the subject each is straight, so the
probability of being in a tile is a sum of half-plane and quarter-plane probabilities
(geo.probability), with the lines' offsets measured geodesically from the subject.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from claimcheck.frozen import frozen
from claimcheck.gazetteer.places import LatLon
from claimcheck.geo import geodesic as geodesy
from claimcheck.geo.probability import Spread, SpreadKind, Term
from claimcheck.grammar.interval import Interval

#: For each 8-point compass part: the rows and the columns of the tiles it covers, as
#: (first, last), row 2 north, column 2 east. Cardinal: an outer third; intercardinal: a corner.
PART_TILES = {
    "N": ((2, 2), (0, 2)), "NE": ((2, 2), (2, 2)), "E": ((0, 2), (2, 2)),
    "SE": ((0, 0), (2, 2)), "S": ((0, 0), (0, 2)), "SW": ((0, 0), (0, 0)),
    "W": ((0, 2), (0, 0)), "NW": ((2, 2), (0, 0)),
}  # fmt: skip
#: How each kind of part is defined, with its source, for reasons and reports.
PART_RULES = {
    True: "a corner tile of the bounding box cut in thirds (ICD-9, Liu et al. 2005)",
    False: "the outer third of the bounding box on that side (cardinal directions as half-planes, "
    "Frank 1991)",
}


#: The compass name of each tile of the grid, (row, column) -> "NE"; "" for the middle.
TILE_NAMES = {
    (2, 0): "NW", (2, 1): "N", (2, 2): "NE", (1, 0): "W", (1, 1): "",
    (1, 2): "E", (0, 0): "SW", (0, 1): "S", (0, 2): "SE",
}  # fmt: skip


def is_corner(part: str) -> bool:
    """True for an intercardinal part ("NE"), which is one tile, not a band of three."""
    (row_low, row_high), (column_low, column_high) = PART_TILES[part]
    return row_low == row_high and column_low == column_high


def in_part(part: str, row: int, column: int) -> bool:
    """Whether the tile at (row, column) belongs to the compass part."""
    (row_low, row_high), (column_low, column_high) = PART_TILES[part]
    return row_low <= row <= row_high and column_low <= column <= column_high


_ABOVE = Interval(0.0, math.inf, low_open=True)


@frozen
class Box:
    """A bounding box in degrees, cut into thirds: the parallels and meridians of the tiles."""

    south: float
    west: float
    north: float
    east: float

    @classmethod
    def around(cls, vertices: Sequence[LatLon]) -> Box:
        lats = [v[0] for v in vertices]
        lons = [v[1] for v in vertices]
        return cls(min(lats), min(lons), max(lats), max(lons))

    @property
    def parallels(self) -> tuple[float, float]:
        third = (self.north - self.south) / 3
        return self.south + third, self.south + 2 * third

    @property
    def meridians(self) -> tuple[float, float]:
        third = (self.east - self.west) / 3
        return self.west + third, self.west + 2 * third

    def tile_of(self, lat: float, lon: float) -> tuple[int, int]:
        row = sum(lat > p for p in self.parallels)
        column = sum(lon > m for m in self.meridians)
        return row, column

    def describe(self, part: str) -> str:
        """ "north of 31.98° and east of 37.84°"; a band says only its one bound"""
        rows, columns = PART_TILES[part]
        low_lat, high_lat = self.parallels
        low_lon, high_lon = self.meridians
        bounds = []
        if rows == (2, 2):
            bounds.append(f"north of {high_lat:.2f}°")
        elif rows == (0, 0):
            bounds.append(f"south of {low_lat:.2f}°")
        if columns == (2, 2):
            bounds.append(f"east of {high_lon:.2f}°")
        elif columns == (0, 0):
            bounds.append(f"west of {low_lon:.2f}°")
        return " and ".join(bounds)


def _north_of(lat: float, lon: float, parallel: float) -> float:
    """Signed distance (m) from the parallel to the point, north positive."""
    d = geodesy.distance_m(parallel, lon, lat, lon)
    return d if lat >= parallel else -d


def _east_of(lat: float, lon: float, meridian: float) -> float:
    """Signed distance (m) from the meridian to the point along its parallel, east positive."""
    d = geodesy.distance_m(lat, meridian, lat, lon)
    return d if lon >= meridian else -d


def _half(offset: float, a: float, b: float) -> Spread:
    return Spread(SpreadKind.NORMAL, offset, a, b)


def _corner(north_m: float, east_m: float, a: float, b: float) -> Spread:
    """The subject as seen from a tile corner north_m south and east_m west of it."""
    azimuth = math.degrees(math.atan2(east_m, north_m)) % 360.0
    return Spread(SpreadKind.AZIMUTH, math.hypot(north_m, east_m), a, b, azimuth=azimuth)


def part_terms(lat: float, lon: float, box: Box, part: str, a: float, b: float) -> list[Term]:
    """Terms whose sum is P(the subject, uncertain by a, the box by b, lies in the part)."""
    (row, _), (column, _) = PART_TILES[part]
    low_lat, high_lat = box.parallels
    low_lon, high_lon = box.meridians
    north = {2: _north_of(lat, lon, high_lat), 0: -_north_of(lat, lon, low_lat)}
    east = {2: _east_of(lat, lon, high_lon), 0: -_east_of(lat, lon, low_lon)}
    if is_corner(part):  # one quarter plane
        quarter = Interval(0.0, 90.0)
        return [(1.0, _corner(north[row], east[column], a, b), quarter)]
    if part in ("N", "S"):  # a half plane beyond one parallel
        return [(1.0, _half(north[row], a, b), _ABOVE)]
    return [(1.0, _half(east[column], a, b), _ABOVE)]
