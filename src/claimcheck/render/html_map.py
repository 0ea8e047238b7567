"""An interactive Leaflet map in one self-contained HTML file, drawn with no network.

folium loads Leaflet from CDNs: offline, an empty page. Here the vendored Leaflet 1.9.4
(vendor/leaflet/, BSD-2-Clause) is inlined, and so is `claimcheck map --format geojson`'s data.
Base tiles are optional: without a tile URL the page makes no request at all (its CSP forbids
any). Data reaches the page only through `textContent` and DOM nodes, never innerHTML,
and the embedded JSON holds no "<", so no quote can inject markup or end a script element.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from html import escape
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from claimcheck.api import VerifyReport
from claimcheck.errors import UsageError
from claimcheck.render import basemap, geojson, safe
from claimcheck.render.basemap import LAND_SOURCE, TOWN_SOURCE, Extent
from claimcheck.render.html_labels import (
    default_view_labels,
    default_zoom,
    overview_corner,
    view_extent,
)
from claimcheck.render.labels import TILE_PX
from claimcheck.render.tracks import SharedLine, shared_lines
from claimcheck.render.view import (
    BOUNDARY,
    COAST,
    LAND,
    SEA,
    TOWN,
    contains,
    extent_of,
    focus_extent,
    legend,
    padded,
    surround,
    towns_apart,
)

#: The overlays of the layer control, bottom to top, keyed by the features' `layer` property.
LAYERS = (
    ("region", "Where an unknown place can be"),
    ("polygon", "Areas"),
    ("zone", "Zones"),
    ("uncertainty", "How far off each place may be"),
    ("border", "Borders from the places file"),
    ("measurement", "Measured distances"),
    ("place", "Places"),
)

#: How far apart (CSS px) lines on one track are drawn, side by side, at every zoom (map.js).
LINE_SPACING_PX = 4.5
#: The sphere of Web Mercator (EPSG:3857), in km: a pixel at zoom z covers 2πR·cos(lat) /
#: (256·2^z) of ground.
_MERCATOR_RADIUS_KM = 6378.137


def _vendor(name: str) -> str:
    return (resources.files("claimcheck.render") / "vendor" / "leaflet" / name).read_text("utf-8")


def _static(name: str) -> str:
    """The page's own script or style sheet (static/), as written."""
    return (resources.files("claimcheck.render") / "static" / name).read_text("utf-8").strip()


def script() -> str:
    """The page's script: it draws the embedded data with Leaflet and places the labels."""
    return _static("map.js")


def style() -> str:
    return _static("map.css").replace("{{SEA}}", SEA)


def _embedded_json(value: Any) -> str:
    """JSON safe inside <script>: no "<" at all, so neither "</script>" nor "<!--" can occur."""
    return safe.dumps(value).replace("<", "\\u003c")


def tile_source(url: str) -> str:
    """The CSP source that lets the page load tiles from a Leaflet URL template, and no more."""
    parts = urlsplit(url)
    if (
        parts.scheme not in ("http", "https")
        or not all(key in url for key in ("{z}", "{x}", "{y}"))
        or re.search(r"[\s'\";,<>]", url)
    ):
        raise UsageError(
            f"--tiles wants an http(s) URL template with {{z}}, {{x}} and {{y}}, not {url!r}"
        )
    host = parts.netloc
    if host.startswith("{s}."):
        host = "*." + host[4:]  # CSP allows a wildcard as the leftmost label only
    if not re.fullmatch(r"(\*\.)?[A-Za-z0-9.-]+(:\d+)?", host):
        return f"{parts.scheme}:"
    return f"{parts.scheme}://{host}"


def _side_by_side(
    collection: Mapping[str, Any], shared: Mapping[int, SharedLine]
) -> dict[str, Any]:  # fmt: skip
    """The collection with each line on one track with other claims' lines (`shared`) told its
    `offset` (in line spacings) and, for its popup, the claims on the same two points
    (`same_line`) and the others on its track (`same_track`: the same way out of one place)."""
    features = list(collection["features"])
    for i, line in shared.items():
        claims = {
            j: {key: features[j]["properties"][key] for key in ("title", "verdict", "label")}
            for j in line.members
        }
        same = [j for j in line.members if shared[j].far == line.far and shared[j].hub == line.hub]
        properties = {**features[i]["properties"], "offset": line.slot}
        if len(same) > 1:
            properties["same_line"] = [claims[j] for j in same]
        if len(same) < len(line.members):
            properties["same_track"] = [claims[j] for j in line.members if j not in same]
        features[i] = {**features[i], "properties": properties}
    return {**collection, "features": features}


def _union(a: Extent, b: Extent) -> Extent:
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


def _bounds(extent: Extent) -> list[list[float]]:
    west, south, east, north = extent
    return [[south, west], [north, east]]


def render(
    report: VerifyReport,
    regions: Iterable[Mapping[str, Any]] = (),
    title: str = "Distance claims on the map",
    tiles: str | None = None,
    attribution: str = "",
) -> str:
    """The page; `tiles` is a Leaflet URL template for a base map, `attribution` plain text."""
    collection = geojson.feature_collection(report, regions)
    focus = padded(focus_extent(collection) or (-10.0, -10.0, 10.0, 10.0), 0.05)
    everything = extent_of(collection["features"]) or focus
    full, inset = padded(everything, 0.05), not contains(focus, everything)
    zoom = default_zoom(focus)
    # The main map's base layer around the whole default view (a tall focus shown wide would
    # otherwise end in bare background, which reads as sea) and far enough around the focus to
    # zoom out; the overview's coarser around all of it and the main view's frame.
    shown = view_extent(focus, zoom)
    around = _union(surround(focus, 1.5), surround(shown, 0.25))
    countries = basemap.features_in(around, (around[2] - around[0]) / 2500)
    full = _union(full, shown)
    overview = surround(full, 1.0)
    coarse = basemap.features_in(overview, (overview[2] - overview[0]) / 400)
    towns = towns_apart(basemap.towns_in(padded(focus, 0.3), limit=30), collection)
    img_src = tile_source(tiles) if tiles else "'none'"
    # The base layer's sources, those drawn only (a map at the pole has no land to credit).
    drawn = [source for source, shown in ((LAND_SOURCE, countries or coarse), (TOWN_SOURCE, towns))
             if shown]  # fmt: skip
    credits = "; ".join(f"{what}: {source}, {licence}" for what, source, licence in drawn)
    base_layers = {f["properties"]["layer"] for f in countries} if not tiles else set()
    corner = overview_corner(collection, countries, focus, zoom) if inset else "bottom-left"
    # lines that would run on one track at the default view: within two spacings of each other
    middle = math.radians((focus[1] + focus[3]) / 2)
    km_per_px = 2 * math.pi * _MERCATOR_RADIUS_KM * math.cos(middle) / (TILE_PX * 2.0**zoom)
    shared = shared_lines(collection, apart_km=2 * LINE_SPACING_PX * km_per_px)
    data = {
        "collection": _side_by_side(collection, shared),
        "layers": LAYERS,
        "legend": [vars(e) for e in legend(collection, bool(towns), base_layers, shared)],
        "labels": default_view_labels(
            collection,
            towns,
            focus,
            zoom,
            inset,
            basemap.countries_in(around) if not tiles else [],
            corner,
        ),
        "view": {
            "focus": _bounds(focus),
            "full": _bounds(full),
            "zoom": zoom,
            "overview": inset,
            "corner": corner,
            "spacing": LINE_SPACING_PX,
        },
        "base": {
            "countries": {"type": "FeatureCollection", "features": countries},
            "overview": {"type": "FeatureCollection", "features": coarse},
            "towns": [[t.name, t.lat, t.lon] for t in towns],
            "land": LAND,
            "boundary": BOUNDARY,
            "coast": COAST,
            "town": TOWN,
        },
        # Leaflet writes attributions with innerHTML: escaped here, they stay text.
        "credits": escape(credits),
        "tiles": {"url": tiles, "attribution": escape(attribution)} if tiles else None,
    }
    leaflet_js = _vendor("leaflet.js").replace("//# sourceMappingURL=leaflet.js.map", "")
    csp = (
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
        f"img-src {img_src}"
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{escape(csp)}">
<title>{escape(title)}</title>
<style>{_vendor("leaflet.css")}</style>
<style>{style()}</style>
</head>
<body>
<h1>{escape(title)}</h1>
<div id="map" role="region" aria-label="{escape(title)}"></div>
<div id="overview-caption">Overview: every place</div>
<div id="overview" aria-hidden="true"></div>
<script>{leaflet_js}</script>
<script type="application/json" id="claimcheck-data">{_embedded_json(data)}</script>
<script>{script()}</script>
</body>
</html>
"""
