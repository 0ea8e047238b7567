"""An interactive Leaflet map in one self-contained HTML file, drawn with no network.

folium loads Leaflet from CDNs: offline, an empty page. Here the vendored Leaflet 1.9.4
(vendor/leaflet/, BSD-2-Clause) is inlined, and so is `claimcheck map --format geojson`'s data.
Base tiles are optional: without a tile URL the page makes no request at all (its CSP forbids
any). Data reaches the page only through `textContent` and DOM nodes, never innerHTML,
and the embedded JSON holds no "<", so no quote can inject markup or end a script element.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from html import escape
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from claimcheck.api import VerifyReport
from claimcheck.errors import UsageError
from claimcheck.render import basemap, geojson, safe
from claimcheck.render.basemap import LAND_SOURCE, TOWN_SOURCE, Extent, Town
from claimcheck.render.labels import Box, Placed, Spot, fit_zoom, mercator_px, place
from claimcheck.render.view import (
    BOUNDARY,
    COAST,
    LAND,
    SEA,
    TOWN,
    contains,
    extent_of,
    focus_extent,
    label_items,
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
#: The map area (CSS px) the default view and its labels are computed for, and the room the
#: legend takes on the right; a smaller window zooms out, and the page's declutter pass hides
#: whatever would then collide.
REFERENCE_PX = (1200, 760)
PADDING_PX = (50, 20, 350, 40)  # left, top, right, bottom
#: The label font: 12 px, one line of 16 px; a character is at most ~7.2 px wide on average.
LABEL_CHAR_PX, LABEL_HEIGHT_PX = 7.2, 16.0

_CSS = (
    """
html,body{margin:0;height:100%%;font:14px/1.4 system-ui,sans-serif;color:#222}
body{display:flex;flex-direction:column}
h1{margin:0;padding:6px 12px;font-size:16px;border-bottom:1px solid #bbb;background:#fff}
#map{flex:1;background:%(sea)s}
.cc-popup dl{margin:4px 0 0;display:grid;grid-template-columns:auto 1fr;gap:2px 8px}
.cc-popup dt{font-weight:600}.cc-popup dd{margin:0}.cc-popup ul{margin:4px 0 0;padding-left:18px}
.cc-legend{background:#fff;padding:6px 9px;border-radius:4px;font-size:12px;max-width:300px;
box-shadow:0 1px 5px rgba(0,0,0,.4)}
.cc-legend h2{font-size:13px;margin:0 0 4px}
.cc-legend div{display:flex;align-items:flex-start;gap:6px;margin:2px 0}
.cc-sym{flex:none;display:inline-block;box-sizing:border-box;width:20px;height:12px;
margin-top:2px}
.cc-sym-dot{width:9px;height:9px;border-radius:50%%;margin:4px 6px 0 5px}
.cc-sym-square{width:6px;height:6px;margin:5px 7px 0 7px}
.cc-sym-ring{width:13px;height:13px;border:1px dashed;border-radius:50%%;margin:1px 4px 0 3px}
.cc-sym-line,.cc-sym-dashed{height:0;border-top:2.5px solid;margin-top:8px}
.cc-sym-dashed{border-top-style:dashed}.cc-sym-fill{border:1.5px solid}
.cc-legend .cc-legend-heading{font-weight:600;margin-top:4px}
.cc-label-icon{overflow:visible}.cc-lw{position:relative;width:0;height:0}
.cc-label{position:absolute;white-space:nowrap;font-size:12px;line-height:16px;padding:0 2px;
pointer-events:none;text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 3px #fff}
.cc-label-place{font-weight:600}.cc-label-other-place{color:#555}
.cc-label-region{font-style:italic;color:#5a3a00}.cc-label-zone{color:#16457a}
.cc-label-town{color:#555;font-size:11px}
.cc-leader{position:absolute;height:1px;background:#444;transform-origin:0 0}
#overview{position:absolute;left:10px;bottom:34px;width:230px;height:170px;z-index:800;
border:1px solid #888;box-shadow:0 1px 5px rgba(0,0,0,.4);background:%(sea)s}
#overview-caption{position:absolute;left:10px;bottom:206px;z-index:800;font-size:11px;
background:#fff;padding:0 4px;border:1px solid #888}
.leaflet-control-layers-toggle{background-image:none!important;width:auto!important;
padding:0 8px;line-height:36px;text-decoration:none;color:#222}
.leaflet-control-layers-toggle::after{content:"Layers"}.leaflet-tooltip.cc-hover{font-size:12px}
""".strip()
    % {"sea": SEA}
)

_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("claimcheck-data").textContent);

  function node(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined) { e.textContent = text; }
    if (className) { e.className = className; }
    return e;
  }
  function rows(pairs) {
    var dl = node("dl");
    pairs.forEach(function (pair) {
      if (pair[1] === undefined || pair[1] === null || pair[1] === "") { return; }
      dl.append(node("dt", pair[0]), node("dd", String(pair[1])));
    });
    return dl;
  }
  function popup(p) {
    var box = node("div", undefined, "cc-popup");
    box.append(node("b", p.title || p.label || p.name || p.layer));
    if (p.layer === "measurement") {
      box.append(rows([["verdict", p.verdict], ["measured", p.measured],
        ["the claim", p.claimed], ["margin", p.margin], ["quote", "\u201c" + p.quote + "\u201d"]]));
    } else if (p.layer === "region") {
      box.append(node("p", p.meaning));
    } else {
      box.append(rows([["kind", p.kind], ["radius", p.radius],
        ["uncertainty", p.uncertainty], ["source", p.source]]));
      if (p.claims && p.claims.length) {
        var list = node("ul");
        p.claims.forEach(function (c) { list.append(node("li", c.claim + ": " + c.verdict)); });
        box.append(list);
      }
    }
    return box;
  }
  function style(f) {
    var p = f.properties, className = "cc-" + p.layer;
    if (f.geometry.type === "Point") {
      return {className: className, radius: p.used ? 5 : 4, color: "#ffffff", weight: 1.5,
              opacity: 1, fillColor: p["marker-color"] || "#333333", fillOpacity: 1};
    }
    var filled = p.fill !== undefined;
    return {className: className, color: p.stroke || "#555555", weight: p["stroke-width"] || 2,
            opacity: p.layer === "uncertainty" ? 0.55 : 1, fill: filled, fillColor: p.fill,
            fillOpacity: p["fill-opacity"],
            dashArray: {measurement: "6 4", uncertainty: "3 3"}[p.layer] || null};
  }
  // Land is one filled area; borders and coasts are lines of their own, drawn over it.
  function baseStyle(f) {
    var layer = f.properties.layer;
    if (layer === "land") {
      return {className: "cc-land", stroke: false, fillColor: data.base.land, fillOpacity: 1,
              interactive: false};
    }
    return {className: "cc-" + layer, color: data.base[layer], weight: layer === "coast" ? 0.8 : 1,
            fill: false, interactive: false};
  }

  var map = L.map("map", {zoomSnap: 0.25, attributionControl: false});
  L.control.attribution({prefix: false}).addAttribution(data.credits).addTo(map);
  map.createPane("cc-base").style.zIndex = 250;
  map.createPane("cc-labels").style.zIndex = 640;
  var baseLayers = {};
  if (data.tiles) {
    L.tileLayer(data.tiles.url, {attribution: data.tiles.attribution, maxZoom: 18}).addTo(map);
  }
  var countries = L.geoJSON(data.base.countries, {pane: "cc-base", style: baseStyle});
  if (!data.tiles) { countries.addTo(map); }
  baseLayers["Land, borders and coasts"] = countries;
  var towns = L.layerGroup(data.base.towns.map(function (t) {
    return L.circleMarker([t[1], t[2]], {pane: "cc-base", className: "cc-town", radius: 2.5,
      color: data.base.town, fillColor: data.base.town, fillOpacity: 1, weight: 0,
      interactive: false});
  })).addTo(map);
  baseLayers["Towns"] = towns;

  var overlays = {}, groups = [], drawn = 0;
  data.layers.forEach(function (entry) {
    var features = data.collection.features.filter(function (f) {
      return f.properties.layer === entry[0];
    });
    if (!features.length) { return; }
    var group = L.geoJSON(features, {
      style: style,
      pointToLayer: function (f, latlng) { return L.circleMarker(latlng, style(f)); },
      onEachFeature: function (f, layer) {
        var p = f.properties;
        layer.bindPopup(function () { return popup(p); }, {maxWidth: 360});
        var hover = p.layer === "measurement" ? p.title + ": " + p.label : (p.title || p.label);
        if (hover) {
          layer.bindTooltip(node("span", hover), {sticky: true, className: "cc-hover"});
        }
        drawn += 1;
      }
    }).addTo(map);
    overlays[entry[1] + " (" + features.length + ")"] = group;
    groups.push(group);
  });

  // Labels: placed in Python for the default view; declutter() hides what collides elsewhere.
  var labels = data.labels.map(function (item) {
    var wrap = node("div", undefined, "cc-lw");
    var text = node("span", item.text, "cc-label cc-label-" + item.kind);
    var line = node("div", undefined, "cc-leader");
    wrap.append(line, text);
    text.setAttribute("data-kind", item.kind);
    var marker = L.marker([item.lat, item.lon], {pane: "cc-labels", interactive: false,
      keyboard: false,
      icon: L.divIcon({html: wrap, className: "cc-label-icon", iconSize: [0, 0]})});
    var entry = {marker: marker, wrap: wrap, text: text, line: line, kind: item.kind,
                 item: item};
    moveTo(entry, item);
    return entry;
  });
  var labelLayer = L.layerGroup(labels.map(function (l) { return l.marker; })).addTo(map);
  overlays["Labels"] = labelLayer;
  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }
  // Spots tried around a point when the placed one collides (as render/labels.py tries them).
  var DIRS = [[1, 0], [-1, 0], [1, -1], [1, 1], [-1, -1], [-1, 1], [0, -1], [0, 1]];
  var RINGS = [5, 22, 40, 60];
  function spot(item, dir, ring) {
    var gap = ring + 5, d = dir[0] && dir[1] ? gap * Math.SQRT1_2 : gap;
    var dx = dir[0] > 0 ? d : dir[0] < 0 ? -d - item.w : -item.w / 2;
    var dy = dir[1] > 0 ? d : dir[1] < 0 ? -d - item.h : -item.h / 2;
    return {dx: dx, dy: dy, leader: ring > RINGS[0]};
  }
  function moveTo(l, where) {
    l.text.style.left = where.dx + "px";
    l.text.style.top = where.dy + "px";
    var tx = Math.max(where.dx, Math.min(0, where.dx + l.item.w));
    var ty = Math.max(where.dy, Math.min(0, where.dy + l.item.h));
    l.line.style.display = where.leader ? "" : "none";
    l.line.style.width = Math.sqrt(tx * tx + ty * ty) + "px";
    l.line.style.transform = "rotate(" + Math.atan2(ty, tx) + "rad)";
  }
  function declutter() {
    var frame = document.getElementById("map").getBoundingClientRect(), kept = [];
    var cover = Array.prototype.map.call(
      document.querySelectorAll(
        ".cc-legend, .leaflet-control-layers, .leaflet-control-zoom, #overview, #overview-caption"),
      function (e) { return e.getBoundingClientRect(); });
    function free(r) {
      return !(r.left < frame.left || r.right > frame.right || r.top < frame.top ||
        r.bottom > frame.bottom) && !kept.some(function (k) { return overlaps(r, k); }) &&
        !cover.some(function (k) { return overlaps(r, k); });
    }
    labels.forEach(function (l) {
      if (!map.hasLayer(l.marker)) { return; }
      var kindShown = l.kind !== "town" || map.hasLayer(towns);
      l.wrap.style.display = kindShown ? "" : "none";
      if (!kindShown) { return; }
      var at = map.latLngToContainerPoint(l.marker.getLatLng());
      var x = frame.left + at.x, y = frame.top + at.y, pin = {left: x, right: x, top: y, bottom: y};
      if (cover.some(function (k) { return overlaps(pin, k); })) {  // under the overview: in it
        l.wrap.style.display = "none"; return;
      }
      var tries = [l.item];
      RINGS.forEach(function (ring) {
        DIRS.forEach(function (dir) { tries.push(spot(l.item, dir, ring)); });
      });
      for (var i = 0; i < tries.length; i += 1) {
        moveTo(l, tries[i]);
        var r = l.text.getBoundingClientRect();
        if (free(r)) { kept.push(r); return; }
      }
      l.wrap.style.display = "none";
    });
    document.body.setAttribute("data-labels-shown", String(kept.length));
  }

  L.control.layers(baseLayers, overlays, {collapsed: true}).addTo(map);
  var legend = L.control({position: "topright"});
  legend.onAdd = function () {
    var box = node("div", undefined, "cc-legend");
    box.append(node("h2", "Legend"));
    data.legend.forEach(function (e) {
      if (e.symbol === "heading") {
        var head = node("div", e.text, "cc-legend-heading");
        head.setAttribute("data-legend", e.text);
        box.append(head);
        return;
      }
      // Symbols are styled boxes: the page needs no image and no SVG namespace.
      var line = node("div"), mark = node("span", undefined, "cc-sym cc-sym-" + e.symbol);
      var colour = e.stroke;
      if (e.symbol === "dot" || e.symbol === "square") {
        mark.style.background = e.fill;
      } else if (e.symbol === "ring") {
        mark.style.borderColor = colour;
      } else if (e.symbol === "line" || e.symbol === "dashed") {
        mark.style.borderTopColor = colour;
      } else {
        mark.style.background = e.fill;
        mark.style.borderColor = colour;
      }
      line.append(mark, node("span", e.text));
      line.setAttribute("data-legend", e.text);
      box.append(line);
    });
    return box;
  };
  legend.addTo(map);
  L.control.scale({maxWidth: 150}).addTo(map);

  // The default view: the claims that matter; everything else is in the overview.
  var right = legend.getContainer().offsetWidth;
  var focus = L.latLngBounds(data.view.focus);
  map.fitBounds(focus, {paddingTopLeft: [50, 20], paddingBottomRight: [right + 30, 40],
                        maxZoom: data.view.zoom});

  // An overview only when something lies outside the default view.
  var inset = document.getElementById("overview"), frameBox = null;
  if (!data.view.overview) {
    inset.remove(); document.getElementById("overview-caption").remove();
  } else {
  var overview = L.map(inset, {zoomControl: false, attributionControl: false, dragging: false,
    scrollWheelZoom: false, doubleClickZoom: false, boxZoom: false, keyboard: false,
    touchZoom: false, zoomSnap: 0.25});
  overview.fitBounds(L.latLngBounds(data.view.full), {padding: [8, 8]});
  L.geoJSON(data.base.overview, {style: baseStyle}).addTo(overview);
  data.collection.features.forEach(function (f) {
    var p = f.properties;
    if (p.layer === "zone") {
      L.geoJSON(f, {style: {color: p.stroke, weight: 1, fillOpacity: 0.1, interactive: false}})
        .addTo(overview);
    } else if (p.layer === "place") {
      var c = f.geometry.coordinates;
      L.circleMarker([c[1], c[0]], {radius: 2.5, weight: 0, fillOpacity: 1, interactive: false,
        fillColor: p["marker-color"], className: "cc-overview-place"}).addTo(overview);
    }
  });
  frameBox = L.rectangle(map.getBounds(), {color: "#c00", weight: 1.5, fill: false,
    interactive: false, className: "cc-overview-frame"}).addTo(overview);
  }
  function sync() { if (frameBox) { frameBox.setBounds(map.getBounds()); } declutter(); }
  map.on("moveend zoomend resize overlayadd overlayremove baselayerchange", sync);
  sync();
  document.body.setAttribute("data-drawn", String(drawn));
})();
""".strip()


def _vendor(name: str) -> str:
    return (resources.files("claimcheck.render") / "vendor" / "leaflet" / name).read_text("utf-8")


def _embedded_json(value: Any) -> str:
    """JSON safe inside <script>: no "<" at all, so neither "</script>" nor "<!--" can occur."""
    return safe.dumps(value).replace("<", "\\u003c")


def centre_of(collection: Mapping[str, Any]) -> tuple[float, float]:
    """(lon, lat) at the middle of the features' extent; lon/lat order as in GeoJSON."""
    lons: list[float] = []
    lats: list[float] = []

    def walk(c: Any) -> None:
        if c and isinstance(c[0], (int, float)):
            lons.append(float(c[0]))
            lats.append(float(c[1]))
        else:
            for part in c:
                walk(part)

    for feature in collection["features"]:
        walk(feature["geometry"]["coordinates"])
    if not lons:
        return 0.0, 0.0
    return (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2


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


def _labels(
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
    # The main map's base layer around the default view, the overview's coarser around all.
    around = surround(focus, 1.5)
    countries = basemap.features_in(around, (around[2] - around[0]) / 2500)
    overview = surround(full, 1.0)
    coarse = basemap.features_in(overview, (overview[2] - overview[0]) / 400)
    towns = towns_apart(basemap.towns_in(padded(focus, 0.3), limit=30), collection)
    left, top, right, bottom = PADDING_PX
    zoom = fit_zoom(*focus, REFERENCE_PX[0] - left - right, REFERENCE_PX[1] - top - bottom)
    img_src = tile_source(tiles) if tiles else "'none'"
    # The base layer's sources, those drawn only (a map at the pole has no land to credit).
    drawn = [source for source, shown in ((LAND_SOURCE, countries or coarse), (TOWN_SOURCE, towns))
             if shown]  # fmt: skip
    credits = "; ".join(f"{what}: {source}, {licence}" for what, source, licence in drawn)
    base_layers = {f["properties"]["layer"] for f in countries} if not tiles else set()
    data = {
        "collection": collection,
        "layers": LAYERS,
        "legend": [vars(e) for e in legend(collection, bool(towns), base_layers)],
        "labels": _labels(collection, towns, focus, zoom, inset),
        "view": {"focus": _bounds(focus), "full": _bounds(full), "zoom": zoom, "overview": inset},
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
<style>{_CSS}</style>
</head>
<body>
<h1>{escape(title)}</h1>
<div id="map" role="region" aria-label="{escape(title)}"></div>
<div id="overview-caption">Overview: every place</div>
<div id="overview" aria-hidden="true"></div>
<script>{leaflet_js}</script>
<script type="application/json" id="claimcheck-data">{_embedded_json(data)}</script>
<script>{_JS}</script>
</body>
</html>
"""
