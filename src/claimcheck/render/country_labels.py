"""Where a map names the countries it shows: on each country's land inside the view, in the
same collision-free placement as every other label (render.labels), after the places.

A border drawn with nothing on either side does not say which side is which; the name goes
where its box lies wholly on that country's part of the view if it can (nearest the part's
pole of inaccessibility, the point farthest from its edges), else where most of it does, its
middle always on the country. Works in the placement's pixel frame (y down).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from claimcheck.render.labels import Box, Spot

#: A country's part of the view smaller than this many times the label's height squared (a
#: speck at the view's edge) is not named.
LEAST_AREA_HEIGHTS2 = 1.0
#: How many positions on a country's part are tried, at most.
_TRIES = 400
#: Names up to this long are spaced out (R U S S I A); longer ones would run across the map.
_SPACED_UP_TO = 12


def country_text(name: str) -> str:
    """A country's name as the map prints it: in capitals, letters spaced when it is short."""
    upper = name.upper()
    if len(name) > _SPACED_UP_TO:
        return upper
    return "\u2009\u2009".join("\u2009".join(word) for word in upper.split())


def area_px(
    geometry: dict[str, Any], to_px: Callable[[Any], Any], view: Box
) -> Any | None:  # fmt: skip
    """A country's land (GeoJSON, lon/lat) in pixels, clipped to the view; None when none of it
    is inside. `to_px` maps an (n, 2) array of (lon, lat) to pixels (y down)."""
    import shapely
    from shapely.geometry import shape

    land = shapely.transform(shape(geometry), to_px)
    if not land.is_valid:
        land = land.buffer(0)
    clipped = shapely.clip_by_rect(land, view.x0, view.y0, view.x1, view.y1)
    return None if clipped.is_empty or clipped.area == 0 else clipped


def country_spot(
    key: str, area: Any, width: float, height: float, avoid: Any | None = None
) -> Spot | None:
    """The label of a country whose part of the view (pixels) is `area`, for a text box of
    width × height px: its point is the part's pole of inaccessibility, its candidates the
    boxes centred on points of the part, best first (off what `avoid` holds, the lines and
    points drawn, where it can). None for a speck."""
    import numpy as np
    import shapely
    from shapely.ops import polylabel

    if area.area < LEAST_AREA_HEIGHTS2 * height * height:
        return None
    parts = [g for g in getattr(area, "geoms", [area]) if g.geom_type == "Polygon"]
    largest = max(parts, key=lambda g: g.area)
    pole = polylabel(largest, tolerance=max(1.0, height / 4))
    x0, y0, x1, y1 = area.bounds
    step = max(height / 2, ((x1 - x0) * (y1 - y0) / _TRIES) ** 0.5)
    xs, ys = np.meshgrid(np.arange(x0, x1 + step, step), np.arange(y0, y1 + step, step))
    centres = np.vstack([[pole.x, pole.y], np.column_stack([xs.ravel(), ys.ravel()])])
    inside = shapely.contains_xy(area, centres[:, 0], centres[:, 1])
    inside[0] = True  # the pole lies on the part by construction
    centres = centres[inside]
    boxes = shapely.box(centres[:, 0] - width / 2, centres[:, 1] - height / 2,
                        centres[:, 0] + width / 2, centres[:, 1] + height / 2)  # fmt: skip
    on_land = shapely.area(shapely.intersection(boxes, area)) / (width * height)
    far = np.hypot(centres[:, 0] - pole.x, centres[:, 1] - pole.y)
    crossed = np.zeros(len(centres)) if avoid is None else shapely.intersects(boxes, avoid)
    # Wholly on the country (to 5 %) first, then clear of lines, then nearest the pole.
    order = np.lexsort((far, crossed, -np.round(np.minimum(on_land, 0.95) * 20)))
    candidates = tuple(
        (float(centres[i, 0] - pole.x - width / 2), float(centres[i, 1] - pole.y - height / 2))
        for i in order
    )
    return Spot(key, float(pole.x), float(pole.y), width, height, 0.0, candidates)
