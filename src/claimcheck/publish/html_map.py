"""An interactive map in one self-contained HTML file: inline SVG drawn by inline JavaScript.

Leaflet via folium loads its scripts from CDNs, so a newsroom laptop offline would show an empty
page; this map has no external assets at all. It draws the same GeoJSON as `claimcheck map
--format geojson` (so the two never disagree) with pan (drag), zoom (wheel or buttons), a scale
bar and a popup per feature that gives each claim's verdict. Text from the data reaches the page
only through `textContent`, and the embedded JSON has every "<" escaped, so no quote can inject
markup or script.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from html import escape
from typing import Any

from claimcheck import geodesy
from claimcheck.engine import VerifyReport
from claimcheck.publish import geojson
from claimcheck.publish.html_report import COLOURS

_CSS = """
html,body{margin:0;height:100%;font:14px/1.4 system-ui,sans-serif;color:#222}
#map{position:absolute;inset:0;background:#f4f1ea;cursor:grab}
#map:active{cursor:grabbing}
.panel{position:absolute;background:#fff;border:1px solid #999;border-radius:4px;padding:6px 9px;
box-shadow:0 1px 4px rgba(0,0,0,.3)}
#legend{left:10px;bottom:10px;font-size:12px}#legend span{display:inline-block;width:14px;
height:4px;margin-right:5px;vertical-align:middle}
#popup{right:10px;top:10px;max-width:24rem;display:none;white-space:pre-wrap}
#popup b{display:block;margin-bottom:3px}#close{float:right;cursor:pointer;border:0;
background:none;font-size:16px}
#zoom{left:10px;top:10px;padding:0}#zoom button{display:block;width:30px;height:30px;border:0;
background:#fff;font-size:18px;cursor:pointer}
#title{left:50px;top:10px;font-weight:600}
text{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round;fill:#222}
""".strip()

_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("claimcheck-data").textContent);
  var fc = data.features, NS = "http://www.w3.org/2000/svg";
  var svg = document.getElementById("map"), popup = document.getElementById("popup");
  var k = Math.cos(data.centre[1] * Math.PI / 180);
  function px(c) { return [(c[0] - data.centre[0]) * k, -(c[1] - data.centre[1])]; }
  function ring(r) { return r.map(function (c, i) { var p = px(c);
    return (i ? "L" : "M") + p[0].toFixed(5) + " " + p[1].toFixed(5); }).join(""); }
  function pathData(g) {
    switch (g.type) {
      case "LineString": return ring(g.coordinates);
      case "MultiLineString": return g.coordinates.map(ring).join("");
      case "Polygon": return g.coordinates.map(function (r) { return ring(r) + "Z"; }).join("");
      case "MultiPolygon": return g.coordinates.map(function (p) {
        return p.map(function (r) { return ring(r) + "Z"; }).join(""); }).join("");
    }
    return "";
  }
  var minx = Infinity, miny = Infinity, maxx = -Infinity, maxy = -Infinity;
  function grow(c) { if (typeof c[0] === "number") { var p = px(c);
      minx = Math.min(minx, p[0]); maxx = Math.max(maxx, p[0]);
      miny = Math.min(miny, p[1]); maxy = Math.max(maxy, p[1]); }
    else { c.forEach(grow); } }
  fc.forEach(function (f) { grow(f.geometry.coordinates); });
  var pad = 0.05 * Math.max(maxx - minx, maxy - miny, 0.1);
  var view = [minx - pad, miny - pad, maxx - minx + 2 * pad, maxy - miny + 2 * pad];
  var world = document.createElementNS(NS, "g"), points = [];
  svg.appendChild(world);
  function show(f) {
    var p = f.properties, lines = [];
    popup.replaceChildren();
    var close = document.createElement("button"); close.id = "close"; close.textContent = "\u00d7";
    close.onclick = function () { popup.style.display = "none"; };
    var title = document.createElement("b"); title.textContent = p.title || p.id || p.layer;
    popup.append(close, title);
    if (p.layer === "measurement") {
      lines.push("verdict: " + p.verdict, "measured: " + p.measured, "claimed: " + p.claimed,
                 "margin: " + p.margin, "quote: \u201c" + p.quote + "\u201d");
    } else {
      if (p.kind) { lines.push(p.kind + (p.radius ? ", radius " + p.radius : "")); }
      (p.claims || []).forEach(function (c) { lines.push(c.claim + ": " + c.verdict); });
      if (p.source) { lines.push("source: " + p.source); }
      if (p.label) { lines.push(p.label); }
    }
    var body = document.createElement("div"); body.textContent = lines.join("\n");
    popup.append(body); popup.style.display = "block";
  }
  fc.forEach(function (f) {
    var p = f.properties, g = f.geometry, el;
    if (g.type === "Point") {
      el = document.createElementNS(NS, "circle"); var c = px(g.coordinates);
      el.setAttribute("cx", c[0]); el.setAttribute("cy", c[1]);
      el.setAttribute("fill", p["marker-color"] || "#333"); el.setAttribute("stroke", "#fff");
      var label = document.createElementNS(NS, "text"); label.textContent = p.title || p.id;
      label.setAttribute("x", c[0]); label.setAttribute("y", c[1]);
      points.push([el, label]);
    } else {
      el = document.createElementNS(NS, "path"); el.setAttribute("d", pathData(g));
      el.setAttribute("stroke", p.stroke || "#555");
      el.setAttribute("stroke-width", p["stroke-width"] || 2);
      el.setAttribute("fill", p.fill || "none");
      el.setAttribute("fill-opacity", p["fill-opacity"] === undefined ? 0 : p["fill-opacity"]);
      el.setAttribute("fill-rule", "evenodd");
      el.setAttribute("vector-effect", "non-scaling-stroke");
      if (p.layer === "measurement") { el.setAttribute("stroke-dasharray", "6 3"); }
    }
    el.setAttribute("class", "feature layer-" + p.layer);
    el.style.cursor = "pointer";
    el.addEventListener("click", function (e) { e.stopPropagation(); show(f); });
    world.appendChild(el);
  });
  points.forEach(function (pl) { world.appendChild(pl[1]); });
  var scale = document.getElementById("scale"), scaleText = document.getElementById("scale-text");
  function redraw() {
    svg.setAttribute("viewBox", view.join(" "));
    var upp = Math.max(view[2] / svg.clientWidth, view[3] / svg.clientHeight) || view[2] / 800;
    points.forEach(function (pl) {
      pl[0].setAttribute("r", 4 * upp); pl[0].setAttribute("stroke-width", upp);
      pl[1].setAttribute("font-size", 12 * upp);
      pl[1].setAttribute("dx", 6 * upp); pl[1].setAttribute("dy", -4 * upp);
      pl[1].style.strokeWidth = 3 * upp;
    });
    var metresPerPx = upp * data.metres_per_degree_lat, target = 120 * metresPerPx;
    var nice = Math.pow(10, Math.floor(Math.log10(target)));
    [5, 2, 1].some(function (m) { if (m * nice <= target) { nice *= m; return true; } });
    scale.style.width = (nice / metresPerPx) + "px";
    scaleText.textContent = nice >= 1000 ? (nice / 1000) + " km" : nice + " m";
  }
  function zoom(f, cx, cy) {
    var x = view[0] + cx * view[2], y = view[1] + cy * view[3];
    view = [x - (x - view[0]) * f, y - (y - view[1]) * f, view[2] * f, view[3] * f]; redraw();
  }
  svg.addEventListener("wheel", function (e) { e.preventDefault();
    var r = svg.getBoundingClientRect();
    var cx = (e.clientX - r.left) / r.width, cy = (e.clientY - r.top) / r.height;
    zoom(e.deltaY > 0 ? 1.25 : 0.8, cx, cy);
  }, {passive: false});
  var drag = null;
  svg.addEventListener("pointerdown", function (e) {
    drag = [e.clientX, e.clientY, view.slice()]; });
  window.addEventListener("pointerup", function () { drag = null; });
  window.addEventListener("pointermove", function (e) { if (!drag) { return; }
    var upp = Math.max(view[2] / svg.clientWidth, view[3] / svg.clientHeight);
    view[0] = drag[2][0] - (e.clientX - drag[0]) * upp;
    view[1] = drag[2][1] - (e.clientY - drag[1]) * upp; redraw(); });
  document.getElementById("zoom-in").onclick = function () { zoom(0.66, 0.5, 0.5); };
  document.getElementById("zoom-out").onclick = function () { zoom(1.5, 0.5, 0.5); };
  window.addEventListener("resize", redraw);
  redraw();
  document.body.setAttribute("data-drawn", String(fc.length));
})();
""".strip()


def _embedded_json(value: Any) -> str:
    """JSON safe inside <script>: no "<" at all, so neither "</script>" nor "<!--" can occur."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")


def _centre(collection: Mapping[str, Any]) -> tuple[float, float]:
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


def render(
    report: VerifyReport,
    regions: Iterable[Mapping[str, Any]] = (),
    title: str = "Distance claims on the map",
) -> str:
    collection = geojson.feature_collection(report, regions)
    lon, lat = _centre(collection)
    # One degree of latitude at the map's centre, measured on WGS84, sets the scale bar.
    lat0 = max(-89.0, min(89.0, lat))
    metres_per_degree = geodesy.distance_m(lat0 - 0.5, lon, lat0 + 0.5, lon)
    data = {**collection, "centre": [lon, lat], "metres_per_degree_lat": metres_per_degree}
    legend = "".join(
        f'<div><span style="background:{colour}"></span>{kind.value}</div>'
        for kind, colour in COLOURS.items()
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>{escape(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<svg id="map" xmlns="http://www.w3.org/2000/svg" width="100%" height="100%"
 preserveAspectRatio="xMidYMid meet" role="img" aria-label="{escape(title)}"></svg>
<div id="title" class="panel">{escape(title)}</div>
<div id="zoom" class="panel"><button id="zoom-in" title="Zoom in">+</button>
<button id="zoom-out" title="Zoom out">&minus;</button></div>
<div id="legend" class="panel"><div>measured distance, by verdict:</div>{legend}
<div style="margin-top:4px"><span id="scale" style="background:#222;height:3px"></span>
<span id="scale-text" style="width:auto;height:auto;background:none"></span></div></div>
<div id="popup" class="panel"></div>
<script type="application/json" id="claimcheck-data">{_embedded_json(data)}</script>
<script>{_JS}</script>
</body>
</html>
"""
