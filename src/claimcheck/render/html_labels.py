"""Where the HTML map's labels go at its default view, placed in Python so that the page opens
with no two labels overlapping (render.labels places them in Web Mercator pixels at the zoom
Leaflet's fitBounds will choose); the page's own declutter pass handles other views.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from claimcheck.render.basemap import Extent, Town
from claimcheck.render.labels import Box, Placed, Spot, fit_zoom, mercator_px, place
from claimcheck.render.view import label_items

#: The map area (CSS px) the default view and its labels are computed for, and the room the
#: legend takes on the right; a smaller window zooms out, and the page's declutter pass hides
#: whatever would then collide.
REFERENCE_PX = (1200, 760)
PADDING_PX = (50, 20, 350, 40)  # left, top, right, bottom
#: The label font: 12 px, one line of 16 px; a character is at most ~7.2 px wide on average.
LABEL_CHAR_PX, LABEL_HEIGHT_PX = 7.2, 16.0


def default_view_labels(
    collection: Mapping[str, Any], towns: list[Town], focus: Extent, zoom: float, inset: bool
) -> list[Any]:
    """Every label with the offset placed for the default view (px at `zoom`)."""
    items = label_items(collection, towns)
    west, south, east, north = focus
    x0, y0 = mercator_px(north, west, zoom)
    x1, y1 = mercator_px(south, east, zoom)
    left, top, right, bottom = PADDING_PX
    half_w = (REFERENCE_PX[0] - left - right) / 2
    half_h = (REFERENCE_PX[1] - top - bottom) / 2
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    view = Box(cx - half_w - left, cy - half_h - top, cx + half_w + 30, cy + half_h + bottom)
    # The overview inset and its caption, bottom left (see _CSS), with a margin.
    overview = Box(view.x0, view.y1 - 34 - 190, view.x0 + 252, view.y1)
    spots = []
    for item in items:
        x, y = mercator_px(item.lat, item.lon, zoom)
        width = LABEL_CHAR_PX * len(item.text) + 4
        spots.append(
            Spot(item.key, x, y, width, LABEL_HEIGHT_PX, 3.0 if item.kind == "town" else 5.0)
        )
    placed = place(spots, view, blocked=[overview] if inset else [])
    out = []
    for item, spot in zip(items, spots, strict=True):
        where = placed.get(item.key, Placed(item.key, spot.marker + 4, -spot.height / 2, False))
        out.append(
            {"lat": item.lat, "lon": item.lon, "text": item.text, "kind": item.kind,
             "dx": round(where.dx, 1), "dy": round(where.dy, 1), "leader": where.leader,
             "w": round(spot.width, 1), "h": spot.height, "placed": item.key in placed}
        )  # fmt: skip
    return out


def default_zoom(focus: Extent) -> float:
    """The zoom Leaflet's fitBounds picks for the focus extent in the reference map area."""
    left, top, right, bottom = PADDING_PX
    return fit_zoom(*focus, REFERENCE_PX[0] - left - right, REFERENCE_PX[1] - top - bottom)
