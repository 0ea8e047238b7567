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
  function claimList(claims) {
    var list = node("ul");
    claims.forEach(function (c) {
      list.append(node("li", c.title + ": " + c.verdict + " (" + c.label + ")"));
    });
    return list;
  }
  function popup(p) {
    var box = node("div", undefined, "cc-popup");
    box.append(node("b", p.title || p.label || p.name || p.layer));
    if (p.layer === "measurement") {
      box.append(rows([["verdict", p.verdict], ["measured", p.measured],
        ["the claim", p.claimed], ["margin", p.margin], ["quote", "\u201c" + p.quote + "\u201d"]]));
      if (p.same_line) {
        box.append(node("p", "Drawn side by side with the other claims that measure the same " +
          "two places:"));
        box.append(claimList(p.same_line));
      }
      if (p.same_track) {
        box.append(node("p", "Drawn beside the lines of claims that leave the same place the " +
          "same way, which would run on top of it:"));
        box.append(claimList(p.same_track));
      }
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

  // Lines of claims on one track (the same two places, or one place and the same way out of
  // it) are drawn side by side, `offset` line spacings from the bundle's middle, at every
  // zoom: on one track only the last would show.
  var SPACING_PX = data.view.spacing, shifted = [];
  groups.forEach(function (group) {
    group.eachLayer(function (layer) {
      var offset = layer.feature.properties.offset;
      if (offset) { shifted.push({layer: layer, px: offset * SPACING_PX,
                                  latlngs: layer.getLatLngs()}); }
    });
  });
  function shift(latlngs, px, zoom) {
    if (latlngs.length && !(latlngs[0] instanceof L.LatLng)) {
      return latlngs.map(function (part) { return shift(part, px, zoom); });
    }
    var pts = latlngs.map(function (ll) { return map.project(ll, zoom); });
    return pts.map(function (pt, i) {
      var a = pts[Math.max(i - 1, 0)], b = pts[Math.min(i + 1, pts.length - 1)];
      var dx = b.x - a.x, dy = b.y - a.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
      return map.unproject(L.point(pt.x - dy / len * px, pt.y + dx / len * px), zoom);
    });
  }
  function sideBySide() {
    var zoom = map.getZoom();
    shifted.forEach(function (s) { s.layer.setLatLngs(shift(s.latlngs, s.px, zoom)); });
  }

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
      if (l.kind !== "country") {  // a country's name stays on its land, or hides
        RINGS.forEach(function (ring) {
          DIRS.forEach(function (dir) { tries.push(spot(l.item, dir, ring)); });
        });
      }
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
      } else if (e.symbol === "line" || e.symbol === "dashed" || e.symbol === "parallel") {
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
  if (data.view.corner === "top-left") { document.body.classList.add("cc-overview-top"); }
  var overview = L.map(inset, {zoomControl: false, attributionControl: false, dragging: false,
    scrollWheelZoom: false, doubleClickZoom: false, boxZoom: false, keyboard: false,
    touchZoom: false, zoomSnap: 0.25});
  // Every place and the whole frame of the main view, whatever the window's size.
  overview.fitBounds(L.latLngBounds(data.view.full).extend(map.getBounds()), {padding: [8, 8]});
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
  map.on("zoomend", sideBySide);
  sideBySide();
  function sync() { if (frameBox) { frameBox.setBounds(map.getBounds()); } declutter(); }
  map.on("moveend zoomend resize overlayadd overlayremove baselayerchange", sync);
  sync();
  document.body.setAttribute("data-drawn", String(drawn));
})();
