"""Where each label goes so that no two overlap: a greedy placement, the same for every map.

Labels are placed in order of importance (the places the claims name first, towns last), each
at the first of a fixed list of spots around its point where its box overlaps no label placed
before it, no point marker and nothing outside the view; farther spots get a leader line back
to the point. A label with no free spot is left out (the HTML map shows it on hover). Works in
any pixel frame with y pointing down: the figure's display pixels, or Web Mercator pixels at
the HTML map's default zoom.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from claimcheck.frozen import frozen

#: Leaflet's tile size: one Web Mercator pixel at zoom z is 1/(256·2^z) of the world's width.
TILE_PX = 256.0


@frozen
class Box:
    """The box a label covers, in pixels."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )

    def inside(self, other: Box) -> bool:
        return (
            self.x0 >= other.x0
            and self.y0 >= other.y0
            and self.x1 <= other.x1
            and self.y1 <= other.y1
        )


@frozen
class Spot:
    """A label to place: its point (px), its text box size (px) and how far markers reach."""

    key: str
    x: float
    y: float
    width: float
    height: float
    #: radius (px) of the point's marker, kept clear
    marker: float = 4.0
    #: where the box may go instead of the spots around the point, in order: top-left corners
    #: relative to the point (px), none with a leader. An area's name (a country) has no marker
    #: and goes where its box lies on the area.
    candidates: tuple[tuple[float, float], ...] = ()
    #: what the box keeps off where a spot allows (a shapely geometry in the same frame): other
    #: claims' lines under a line's label read as labelled by it
    clear_of: Any = None


@frozen
class Placed:
    """Where a label went: its box's top-left corner relative to the point (px)."""

    key: str
    dx: float
    dy: float
    #: True when the label sits away from its point and needs a line back to it
    leader: bool

    def box(self, spot: Spot) -> Box:
        x0, y0 = spot.x + self.dx, spot.y + self.dy
        return Box(x0, y0, x0 + spot.width, y0 + spot.height)


#: Directions tried around a point, in order: right, left, above-right, below-right,
#: above-left, below-left, above, below (unit vectors, y down).
_DIRECTIONS = ((1, 0), (-1, 0), (1, -1), (1, 1), (-1, -1), (-1, 1), (0, -1), (0, 1))
#: Distances (px) from the point; the first is beside the marker, the others need a leader.
_RINGS = (5.0, 22.0, 40.0, 60.0)


def _offset(direction: tuple[int, int], ring: float, spot: Spot) -> tuple[float, float]:
    """Top-left corner of the box for a spot `ring` px away in `direction`."""
    ux, uy = direction
    gap = ring + spot.marker
    if ux > 0:
        dx = gap if uy == 0 else gap * math.sqrt(0.5)
    elif ux < 0:
        dx = -(gap if uy == 0 else gap * math.sqrt(0.5)) - spot.width
    else:
        dx = -spot.width / 2
    if uy == 0:
        dy = -spot.height / 2
    elif uy < 0:
        dy = -(gap if ux == 0 else gap * math.sqrt(0.5)) - spot.height
    else:
        dy = gap if ux == 0 else gap * math.sqrt(0.5)
    return dx, dy


def place(
    spots: Sequence[Spot],
    view: Box | None = None,
    markers: Iterable[tuple[float, float]] = (),
    blocked: Iterable[Box] = (),
) -> dict[str, Placed]:
    """Place `spots` in their order; returns the placed ones by key. `blocked`: boxes no label
    may cover (a legend, an inset)."""
    taken: list[Box] = list(blocked)
    dots = [Box(x - 4, y - 4, x + 4, y + 4) for x, y in markers]
    dots += [Box(s.x - s.marker, s.y - s.marker, s.x + s.marker, s.y + s.marker)
             for s in spots if not s.candidates]  # fmt: skip
    out: dict[str, Placed] = {}
    for spot in spots:
        if view is not None and not (view.x0 <= spot.x <= view.x1 and view.y0 <= spot.y <= view.y1):
            continue
        for placed in _tries(spot):
            box = placed.box(spot)
            if view is not None and not box.inside(view):
                continue
            if any(box.overlaps(b) for b in taken) or any(box.overlaps(d) for d in dots):
                continue
            out[spot.key] = placed
            taken.append(box)
            break
    return out


def reach(spot: Spot) -> Box:
    """The box every spot a label may take around its point lies in."""
    r = _RINGS[-1] + spot.marker
    return Box(spot.x - r - spot.width, spot.y - r - spot.height, spot.x + r + spot.width,
               spot.y + r + spot.height)  # fmt: skip


def _tries(spot: Spot) -> Iterator[Placed]:
    """Where a label may go, best first: its own candidates, or ring after ring around it;
    those whose box meets `clear_of` after all the others."""
    if spot.candidates:
        yield from (Placed(spot.key, dx, dy, False) for dx, dy in spot.candidates)
        return
    tries = [
        Placed(spot.key, *_offset(direction, ring, spot), ring > _RINGS[0])
        for ring in _RINGS
        for direction in _DIRECTIONS
    ]
    if spot.clear_of is None:
        yield from tries
        return
    import shapely

    boxes = [t.box(spot) for t in tries]
    meets = [shapely.box(b.x0, b.y0, b.x1, b.y1).intersects(spot.clear_of) for b in boxes]
    yield from (t for t, m in zip(tries, meets, strict=True) if not m)
    yield from (t for t, m in zip(tries, meets, strict=True) if m)


def mercator_px(lat: float, lon: float, zoom: float) -> tuple[float, float]:
    """Web Mercator pixel coordinates at `zoom`, as Leaflet computes them (y down)."""
    scale = TILE_PX * 2.0**zoom
    lat = max(-85.0511287798, min(85.0511287798, lat))
    phi = math.radians(lat)
    x = scale * (lon + 180.0) / 360.0
    y = scale * (1.0 - math.log(math.tan(phi) + 1.0 / math.cos(phi)) / math.pi) / 2.0
    return x, y


def mercator_lat_lon(x: float, y: float, zoom: float) -> tuple[float, float]:
    """(lat, lon) of Web Mercator pixel coordinates at `zoom` (mercator_px undone)."""
    scale = TILE_PX * 2.0**zoom
    lon = x / scale * 360.0 - 180.0
    lat = math.degrees(math.atan(math.sinh(math.pi * (1.0 - 2.0 * y / scale))))
    return lat, lon


def fit_zoom(
    west: float, south: float, east: float, north: float, width: float, height: float,
    snap: float = 0.25,
) -> float:  # fmt: skip
    """The zoom at which Leaflet's fitBounds shows the extent in width × height px (snapped)."""
    x0, y0 = mercator_px(north, west, 0.0)
    x1, y1 = mercator_px(south, east if east >= west else east + 360.0, 0.0)
    span_x, span_y = max(x1 - x0, 1e-9), max(y1 - y0, 1e-9)
    zoom = math.log2(min(width / span_x, height / span_y))
    return math.floor(zoom / snap) * snap
