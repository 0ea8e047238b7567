"""Where the HTML map's labels go at its default view, placed in Python so that the page opens
with no two labels overlapping (render.labels places them in Web Mercator pixels at the zoom
Leaflet's fitBounds will choose); the page's own declutter pass handles other views.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from claimcheck.render.basemap import Extent, Town
from claimcheck.render.country_labels import area_px, country_spot
from claimcheck.render.labels import (
    TILE_PX,
    Box,
    Placed,
    Spot,
    fit_zoom,
    mercator_lat_lon,
    mercator_px,
    place,
)
from claimcheck.render.view import label_items, positions

#: The map area (CSS px) the default view and its labels are computed for, and the room the
#: legend takes on the right; a smaller window zooms out, and the page's declutter pass hides
#: whatever would then collide.
REFERENCE_PX = (1200, 760)
PADDING_PX = (50, 20, 350, 40)  # left, top, right, bottom
#: The label font: 12 px, one line of 16 px; a character is at most ~7.2 px wide on average.
LABEL_CHAR_PX, LABEL_HEIGHT_PX = 7.2, 16.0
#: A country's name: 11 px capitals spaced by 0.25 em (map.css .cc-label-country).
COUNTRY_CHAR_PX = 11.5


def _mercator(zoom: float) -> Any:
    """(n, 2) arrays of (lon, lat) to Web Mercator pixels at `zoom`, as mercator_px."""
    import numpy as np

    scale = TILE_PX * 2.0**zoom

    def to_px(lonlat: Any) -> Any:
        phi = np.radians(np.clip(lonlat[:, 1], -85.0511287798, 85.0511287798))
        x = scale * (lonlat[:, 0] + 180.0) / 360.0
        y = scale * (1.0 - np.log(np.tan(phi) + 1.0 / np.cos(phi)) / np.pi) / 2.0
        return np.column_stack([x, y])

    return to_px


def _drawn(collection: Mapping[str, Any], to_px: Any) -> Any:
    """The claims' lines and places in pixels, which a country's name keeps off if it can."""
    import numpy as np
    import shapely

    parts = []
    for f in collection["features"]:
        xy = to_px(np.array(positions(f["geometry"]["coordinates"])))
        if f["geometry"]["type"] == "Point":
            parts.append(shapely.Point(xy[0]).buffer(6.0))
        elif f["properties"].get("layer") != "uncertainty":
            parts.append(shapely.LineString(xy) if len(xy) > 1 else shapely.Point(xy[0]))
    return shapely.GeometryCollection(parts)


def default_view_labels(
    collection: Mapping[str, Any], towns: list[Town], focus: Extent, zoom: float, inset: bool,
    countries: Sequence[Mapping[str, Any]] = (),
) -> list[Any]:  # fmt: skip
    """Every label with the offset placed for the default view (px at `zoom`); a country
    (basemap.countries_in) is named on its part of the view, or left out when it has none."""
    items = label_items(collection, towns, countries)
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
    to_px = _mercator(zoom)
    drawn = _drawn(collection, to_px) if countries else None
    spots, kept = [], []
    for item in items:
        if item.kind == "country":
            area = area_px(countries[int(item.key[1:])]["geometry"], to_px, view)
            width = COUNTRY_CHAR_PX * len(item.text) + 4
            country = None if area is None else country_spot(
                item.key, area, width, LABEL_HEIGHT_PX, drawn)  # fmt: skip
            if country is not None:
                spots.append(country)
                kept.append(item)
            continue
        x, y = mercator_px(item.lat, item.lon, zoom)
        width = LABEL_CHAR_PX * len(item.text) + 4
        spots.append(
            Spot(item.key, x, y, width, LABEL_HEIGHT_PX, 3.0 if item.kind == "town" else 5.0)
        )
        kept.append(item)
    placed = place(spots, view, blocked=[overview] if inset else [])
    out = []
    for item, spot in zip(kept, spots, strict=True):
        where = placed.get(item.key, Placed(item.key, spot.marker + 4, -spot.height / 2, False))
        lat, lon = item.lat, item.lon
        if item.kind == "country":  # pinned at its box's middle, where the page puts it back
            box = where.box(spot) if item.key in placed else Box(spot.x, spot.y, spot.x, spot.y)
            lat, lon = mercator_lat_lon((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2, zoom)
            where = Placed(item.key, -spot.width / 2, -spot.height / 2, False)
        out.append(
            {"lat": lat, "lon": lon, "text": item.text, "kind": item.kind,
             "dx": round(where.dx, 1), "dy": round(where.dy, 1), "leader": where.leader,
             "w": round(spot.width, 1), "h": spot.height, "placed": item.key in placed}
        )  # fmt: skip
    return out


def default_zoom(focus: Extent) -> float:
    """The zoom Leaflet's fitBounds picks for the focus extent in the reference map area."""
    left, top, right, bottom = PADDING_PX
    return fit_zoom(*focus, REFERENCE_PX[0] - left - right, REFERENCE_PX[1] - top - bottom)
