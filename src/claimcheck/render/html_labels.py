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
from claimcheck.render.view import label_items

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
    """The claims' lines, outlines and places in pixels, which a country's name and the
    overview keep off if they can (uncertainty circles left out: they surround the places)."""
    import shapely
    from shapely.geometry import shape

    parts = []
    for f in collection["features"]:
        if f["properties"].get("layer") == "uncertainty":
            continue
        geom = shapely.transform(shape(f["geometry"]), to_px)
        if geom.geom_type == "Point":
            parts.append(geom.buffer(6.0))
        else:
            parts.append(geom.boundary if geom.geom_type.endswith("Polygon") else geom)
    return shapely.GeometryCollection(parts)


#: Where the page may put its overview with its caption (map.css), as the box it hides in px
#: from the map area's left edge and from its top (a negative y: from its bottom): bottom left
#: above the scale, or top left below the zoom buttons. The first is preferred.
OVERVIEW_CORNERS = {"bottom-left": (0.0, -224.0, 252.0, 0.0), "top-left": (0.0, 78.0, 252.0, 282.0)}


def _overview_box(view: Box, corner: str) -> Box:
    x0, y0, x1, y1 = OVERVIEW_CORNERS[corner]
    top = view.y1 if y0 < 0 else view.y0
    return Box(view.x0 + x0, top + y0, view.x0 + x1, top + y1)


def overview_corner(
    collection: Mapping[str, Any], base: Sequence[Mapping[str, Any]], focus: Extent, zoom: float
) -> str:
    """The corner where the overview hides least at the default view: none of the claims'
    lines and places and of the base layer's borders and coasts (`base`, basemap features) if
    a corner is free of them; a place counts as a line across the map, a claim's line thrice
    its length, a border or coast its length."""
    import shapely
    from shapely.geometry import shape

    to_px = _mercator(zoom)
    view = _view_box(focus, zoom)
    claims = _drawn(collection, to_px)
    lines = [shapely.transform(shape(f["geometry"]), to_px) for f in base
             if f["properties"]["layer"] != "land"]  # fmt: skip

    def hidden(corner: str) -> float:
        b = _overview_box(view, corner)
        window = shapely.box(b.x0, b.y0, b.x1, b.y1)
        cost = sum(view.x1 - view.x0 for g in claims.geoms
                   if g.geom_type == "Polygon" and g.intersects(window))  # fmt: skip
        cost += 3 * shapely.intersection(claims, window).length
        return cost + sum(shapely.intersection(line, window).length for line in lines)

    return min(OVERVIEW_CORNERS, key=hidden)


def _view_box(focus: Extent, zoom: float) -> Box:
    """The default view's map area at `zoom` in Web Mercator px, less the legend's room."""
    west, south, east, north = focus
    x0, y0 = mercator_px(north, west, zoom)
    x1, y1 = mercator_px(south, east, zoom)
    left, top, right, bottom = PADDING_PX
    half_w = (REFERENCE_PX[0] - left - right) / 2
    half_h = (REFERENCE_PX[1] - top - bottom) / 2
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return Box(cx - half_w - left, cy - half_h - top, cx + half_w + 30, cy + half_h + bottom)


def view_extent(focus: Extent, zoom: float) -> Extent:
    """(west, south, east, north) of the whole reference map area at the default view, the
    legend's room included: what the base layer must cover, and the overview frames."""
    box = _view_box(focus, zoom)
    right = box.x1 - 30 + PADDING_PX[2]
    north, west = mercator_lat_lon(box.x0, box.y0, zoom)
    south, east = mercator_lat_lon(right, box.y1, zoom)
    return west, south, east, north


def default_view_labels(
    collection: Mapping[str, Any], towns: list[Town], focus: Extent, zoom: float, inset: bool,
    countries: Sequence[Mapping[str, Any]] = (), corner: str = "bottom-left",
) -> list[Any]:  # fmt: skip
    """Every label with the offset placed for the default view (px at `zoom`); a country
    (basemap.countries_in) is named on its part of the view, or left out when it has none."""
    items = label_items(collection, towns, countries)
    view = _view_box(focus, zoom)
    overview = _overview_box(view, corner)
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
