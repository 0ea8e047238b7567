"""Where the figure's overview and the countries' names go, from what its main view has drawn
(read back from matplotlib): the overview in the corner where it hides least, showing the main
view's whole frame; the names off the lines and places.
"""

from __future__ import annotations

import re
from typing import Any

#: Where an overview inset may go (its lower-left corner, axes fraction), in order of preference;
#: bottom right last, where the scale bar is (it moves to the bottom left then).
CORNERS = ((0.01, 0.01), (0.01, 0.65), (0.69, 0.65), (0.69, 0.01))
#: The inset's size (axes fraction), and the margin and title above it that it hides too.
INSET, _INSET_MARGIN, _INSET_TITLE = 0.3, 0.01, 0.04


def inset_box(corner: tuple[float, float]) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) in axes fraction of what an overview at `corner` hides."""
    cx, cy = corner
    m = _INSET_MARGIN
    return cx - m, cy - m, cx + INSET + m, cy + INSET + m + _INSET_TITLE


def hidden(ax: Any, corner: tuple[float, float]) -> float:
    """How much an overview at `corner` would hide of what the main view draws: each place or
    town counts as much as a line across the view, a claim's line or outline thrice its length
    there (axes fraction), a border or coast its length."""
    import shapely

    window = shapely.box(*inset_box(corner))
    to_axes = ax.transAxes.inverted()
    total = 0.0
    for line in ax.get_lines():
        xy = to_axes.transform(line.get_transform().transform(line.get_xydata()))
        if line.get_linestyle() in ("None", "none", " ", ""):  # markers: places and towns
            total += float(shapely.contains_xy(window, xy[:, 0], xy[:, 1]).sum())
        elif len(xy) > 1:
            weight = 1.0 if line.get_zorder() < 1 else 3.0
            total += weight * shapely.intersection(shapely.LineString(xy), window).length
    return total


def drawn_px(ax: Any, height: float) -> Any:
    """What the map draws over the land (its places, towns and lines; not the base layer), as
    one shapely geometry in display pixels with y down."""
    import shapely

    parts = []
    for line in ax.get_lines():
        if line.get_zorder() < 1:
            continue
        xy = line.get_transform().transform(line.get_xydata())
        xy[:, 1] = height - xy[:, 1]
        if line.get_linestyle() in ("None", "none", " ", "") or len(xy) == 1:
            radius = line.get_markersize() * line.figure.dpi / 144  # half the marker, in px
            parts += [shapely.Point(p).buffer(radius) for p in xy]
        else:
            parts.append(shapely.LineString(xy))
    return shapely.GeometryCollection(parts)


def measured_px(ax: Any, height: float) -> dict[int, Any]:
    """Each claim's measured line as drawn (its pieces, side-by-side shift included), by its
    feature's index (gid `measurement-<index>[-<piece>]`), in display pixels with y down."""
    import shapely

    pieces: dict[int, list[Any]] = {}
    for line in ax.get_lines():
        found = re.fullmatch(r"measurement-(\d+)(?:-\d+)?", line.get_gid() or "")
        if found:
            xy = line.get_transform().transform(line.get_xydata())
            xy[:, 1] = height - xy[:, 1]
            pieces.setdefault(int(found[1]), []).append(shapely.LineString(xy))
    return {i: shapely.MultiLineString(parts) for i, parts in pieces.items()}


def square_around(
    a: tuple[float, float, float, float], b: tuple[float, float, float, float]
) -> tuple[float, float, float, float]:
    """x and y limits (x0, x1, y0, y1) that hold both, with a margin, as a square: the
    overview shows every place and the whole frame of the main view."""
    x0, x1 = min(a[0], b[0]), max(a[1], b[1])
    y0, y1 = min(a[2], b[2]), max(a[3], b[3])
    half = max(x1 - x0, y1 - y0) * 0.53
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    return mx - half, mx + half, my - half, my + half
