"""An interactive Leaflet map in one self-contained HTML file, drawn with no network.

folium loads Leaflet from CDNs, so a newsroom laptop offline would show an empty page. Here the
vendored Leaflet 1.9.4 (vendor/leaflet/, BSD-2-Clause) is inlined, and so is the same GeoJSON
that `claimcheck map --format geojson` writes, so the two never disagree. Base tiles are
optional: without a tile URL the page makes no request at all (its Content-Security-Policy
forbids any). Data reaches the page only through `textContent` and DOM nodes, never innerHTML,
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
from claimcheck.render import geojson, safe
from claimcheck.render.html_report import COLOURS

#: The overlays of the layer control, bottom to top, keyed by the features' `layer` property.
LAYERS = (
    ("region", "Feasible regions"),
    ("polygon", "Areas"),
    ("zone", "Zones"),
    ("border", "Borders"),
    ("measurement", "Measured distances"),
    ("place", "Places"),
)

_CSS = """
html,body{margin:0;height:100%;font:14px/1.4 system-ui,sans-serif;color:#222}
body{display:flex;flex-direction:column}
h1{margin:0;padding:6px 12px;font-size:16px;border-bottom:1px solid #bbb;background:#fff}
#map{flex:1;background:#f4f1ea}
.cc-popup dl{margin:4px 0 0;display:grid;grid-template-columns:auto 1fr;gap:2px 8px}
.cc-popup dt{font-weight:600}.cc-popup dd{margin:0}.cc-popup ul{margin:4px 0 0;padding-left:18px}
.cc-legend{background:#fff;padding:6px 9px;border-radius:4px;font-size:12px;
box-shadow:0 1px 5px rgba(0,0,0,.4)}
.cc-legend span{display:inline-block;width:16px;height:4px;margin-right:5px;vertical-align:middle}
.leaflet-tooltip.cc-label{background:none;border:0;box-shadow:none;padding:0 2px;font-size:12px;
text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 3px #fff}
.leaflet-tooltip.cc-label::before{display:none}
""".strip()

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
    box.append(node("b", p.title || p.name || p.id || p.layer));
    if (p.layer === "measurement") {
      box.append(rows([["verdict", p.verdict], ["measured", p.measured],
        ["claimed", p.claimed], ["margin", p.margin], ["quote", "\u201c" + p.quote + "\u201d"]]));
    } else {
      box.append(rows([["kind", p.kind], ["radius", p.radius], ["source", p.source]]));
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
      return {className: className, radius: 5, color: "#ffffff", weight: 1.5, opacity: 1,
              fillColor: p["marker-color"] || "#333333", fillOpacity: 1};
    }
    var filled = p.fill !== undefined;
    return {className: className, color: p.stroke || "#555555", weight: p["stroke-width"] || 2,
            opacity: 1, fill: filled, fillColor: p.fill, fillOpacity: p["fill-opacity"],
            dashArray: p.layer === "measurement" ? "6 4" : null};
  }

  var map = L.map("map", {attributionControl: false, zoomSnap: 0.25});
  if (data.tiles) {
    L.control.attribution().addTo(map);
    L.tileLayer(data.tiles.url, {attribution: data.tiles.attribution, maxZoom: 18}).addTo(map);
  }
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
        if (p.layer === "place") {
          layer.bindTooltip(node("span", p.title || p.id),
            {permanent: true, direction: "right", offset: [6, 0], className: "cc-label"});
        } else if (p.label) {
          layer.bindTooltip(node("span", p.label), {sticky: true});
        }
        drawn += 1;
      }
    }).addTo(map);
    overlays[entry[1] + " (" + features.length + ")"] = group;
    groups.push(group);
  });
  var layers = L.control.layers(null, overlays, {collapsed: false}).addTo(map);
  L.control.scale({maxWidth: 150}).addTo(map);
  var legend = L.control({position: "bottomright"});
  legend.onAdd = function () {
    var box = node("div", undefined, "cc-legend");
    box.append(node("div", "measured distance, by verdict:"));
    data.legend.forEach(function (entry) {
      var line = node("div"), swatch = node("span");
      swatch.style.background = entry[1];
      line.append(swatch, document.createTextNode(entry[0]));
      box.append(line);
    });
    return box;
  };
  legend.addTo(map);
  // Fit the data into the part of the map that the controls on the right do not cover.
  var right = Math.max(layers.getContainer().offsetWidth, legend.getContainer().offsetWidth);
  var bounds = L.featureGroup(groups).getBounds();
  if (bounds.isValid()) {
    map.fitBounds(bounds, {paddingTopLeft: [60, 20], paddingBottomRight: [right + 30, 50]});
  } else {
    map.setView(data.centre, 2);
  }
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


def render(
    report: VerifyReport,
    regions: Iterable[Mapping[str, Any]] = (),
    title: str = "Distance claims on the map",
    tiles: str | None = None,
    attribution: str = "",
) -> str:
    """The page; `tiles` is a Leaflet URL template for a base map, `attribution` plain text."""
    collection = geojson.feature_collection(report, regions)
    lon, lat = centre_of(collection)
    img_src = tile_source(tiles) if tiles else "'none'"
    data = {
        "collection": collection,
        "layers": LAYERS,
        "legend": [(kind.value, colour) for kind, colour in COLOURS.items()],
        "centre": [lat, lon],
        # Leaflet writes attributions with innerHTML: escaped here, it stays text.
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
<script>{leaflet_js}</script>
<script type="application/json" id="claimcheck-data">{_embedded_json(data)}</script>
<script>{_JS}</script>
</body>
</html>
"""
