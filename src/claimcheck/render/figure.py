"""A static map for print (PNG or SVG) with matplotlib, one column (8.5 cm) wide: the claims
that matter on an offline base layer, an overview inset with every place, and a legend that
explains every layer and colour in words.

The map is drawn in an azimuthal equidistant frame centred on the claims (`local_aeqd`): distances
from the centre are true and the scale bar errs by under 0.2 % within 600 km of it; a zone
around a pole is a closed circle there, as it should be. Labels are placed by
`render.labels` from their measured text boxes, so none overlaps another.
"""

from __future__ import annotations

import io
import itertools
import math
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from claimcheck.api import VerifyReport
from claimcheck.geo.aeqd import local_aeqd
from claimcheck.render import basemap, geojson
from claimcheck.render.country_labels import area_px, country_spot, country_text
from claimcheck.render.figure_layout import (
    CORNERS,
    INSET,
    drawn_px,
    hidden,
    measured_px,
    square_around,
)
from claimcheck.render.labels import Box, Spot, place, reach
from claimcheck.render.tracks import SharedLine, shared_lines
from claimcheck.render.view import (
    BOUNDARY,
    COAST,
    LAND,
    SEA,
    TOWN,
    LegendEntry,
    extent_of,
    focus_extent,
    label_items,
    legend,
    padded,
    positions,
    surround,
    towns_apart,
)

#: One column of a two-column page, in inches (8.5 cm), and the print resolution.
COLUMN_WIDTH_IN = 3.35
DPI = 300
#: The main view's width, a fraction of the figure's.
_MAP_WIDTH = 0.96
_LABEL_PT = {"place": 4.6, "other-place": 4.0, "region": 4.0, "zone": 4.2, "town": 3.8,
             "country": 4.4, "line": 3.8}  # fmt: skip
#: Each kind of label's look; its box is measured in the same style before it is placed.
_LABEL_STYLE: dict[str, dict[str, str]] = {
    "place": {"fontweight": "bold", "color": "#111"},
    "other-place": {"color": "#555"},
    "region": {"fontstyle": "italic", "color": "#5a3a00"},
    "zone": {"color": "#16457a"},
    "town": {"color": "#555"},
    "country": {"color": "#8a8378"},
    "line": {"color": "#333"},
}


def _parts(geometry: Mapping[str, Any]) -> list[list[list[list[float]]]]:
    """Every geometry as a list of polygons/lines, each a list of rings of [lon, lat]."""
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "LineString":
        return [[coords]]
    if kind in ("MultiLineString", "Polygon"):
        return [coords] if kind == "Polygon" else [[c] for c in coords]
    if kind == "MultiPolygon":
        return list(coords)
    return []


def _nice(length: float) -> float:
    """The largest 1, 2 or 5 × 10ⁿ not above `length`."""
    base = 10.0 ** math.floor(math.log10(length))
    return next(m * base for m in (5, 2, 1) if m * base <= length)


class _Frame:
    """Lon/lat to km in the map's azimuthal equidistant frame."""

    def __init__(self, lat: float, lon: float) -> None:
        self.aeqd = local_aeqd(lat, lon)

    def km(self, ring: Sequence[Sequence[float]]) -> tuple[list[float], list[float]]:
        xs, ys = self.aeqd.to_xy.transform([p[0] for p in ring], [p[1] for p in ring])
        return [x / 1000 for x in xs], [y / 1000 for y in ys]


def _polygon(
    ax: Any, frame: _Frame, rings: Sequence[Sequence[Sequence[float]]], **style: Any
) -> None:
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path

    verts: list[tuple[float, float]] = []
    codes: list[Any] = []
    for ring in rings:
        xs, ys = frame.km(ring)
        verts += list(zip(xs, ys, strict=True))
        codes += [Path.MOVETO] + [Path.LINETO] * (len(xs) - 1)
    ax.add_patch(PathPatch(Path(verts, codes), **style))


def _base(ax: Any, frame: _Frame, base: Iterable[Mapping[str, Any]], lw: float) -> None:
    """The land as one area, with borders and coasts drawn over it."""
    ax.set_facecolor(SEA)
    colour = {"boundary": BOUNDARY, "coast": COAST}
    for feature in base:
        layer = feature["properties"]["layer"]
        for rings in _parts(feature["geometry"]):
            if layer == "land":
                _polygon(ax, frame, rings, facecolor=LAND, edgecolor="none", zorder=0)
                continue
            for line in rings:
                xs, ys = frame.km(line)
                ax.plot(xs, ys, color=colour[layer], lw=lw, zorder=0.5)


#: How far apart (pt) lines of claims that measure the same two places are drawn, side by side.
LINE_SPACING_PT = 1.1


def _beside(ax: Any, frame: _Frame, geometry: Mapping[str, Any], slot: float) -> Any:
    """The data transform moved `slot` line spacings to the left of the line's direction from
    its first point to its last (view.SharedLine), so that lines on one track all show."""
    from matplotlib.transforms import offset_copy

    points = positions(geometry["coordinates"])
    xs, ys = frame.km([points[0], points[-1]])
    dx, dy = xs[1] - xs[0], ys[1] - ys[0]
    length = math.hypot(dx, dy) or 1.0
    shift = slot * LINE_SPACING_PT
    return offset_copy(ax.transData, fig=ax.figure, x=-dy / length * shift,
                       y=dx / length * shift, units="points")  # fmt: skip


def _features(
    ax: Any, frame: _Frame, collection: Mapping[str, Any], shared: Mapping[int, SharedLine]
) -> None:
    """Every feature of the claims' GeoJSON, in its drawing order, the lines on one track
    (`shared`) side by side. A measured line has the gid `measurement-<its index in the
    collection>` (an id in the SVG; a line cut in pieces numbers the later ones `-1`, `-2`)."""
    for index, feature in enumerate(collection["features"]):
        p, g = feature["properties"], feature["geometry"]
        layer = p.get("layer")
        if g["type"] == "Point":
            x, y = frame.km([g["coordinates"]])
            ax.plot(x, y, "o", ms=2.4 if p.get("used") else 1.8, color=p["marker-color"],
                    mec="white", mew=0.3, zorder=6)  # fmt: skip
            continue
        pieces = 0  # a measured line's pieces, numbered so that each id is once in the SVG
        for rings in _parts(g):
            if g["type"] in ("Polygon", "MultiPolygon"):
                _polygon(ax, frame, rings, facecolor=p.get("fill", "#999"),
                         alpha=max(0.12, float(p.get("fill-opacity", 0.1))),
                         edgecolor="none", zorder=1)  # fmt: skip
            dashed = {"measurement": (0, (3, 2)), "uncertainty": (0, (1.5, 1.5))}
            width = 0.4 if layer == "uncertainty" else 0.7
            order = 4 if layer == "measurement" else 2
            extra: dict[str, Any] = {}
            if layer == "measurement" and index in shared:
                extra["transform"] = _beside(ax, frame, g, shared[index].slot)
            for run in (run for ring in rings for run in _drawn_edges(ring)):
                if layer == "measurement":
                    extra["gid"] = f"measurement-{index}" + (f"-{pieces}" if pieces else "")
                    pieces += 1
                xs, ys = frame.km(run)
                ax.plot(xs, ys, color=p.get("stroke", "#555"), lw=width,
                        ls=dashed.get(layer, "-"), zorder=order, **extra)  # fmt: skip


def _down(fig: Any, box: Any) -> Box:
    """A display box (y up, from the figure's bottom) as a Box with y down."""
    height = fig.bbox.height
    return Box(box.x0, height - box.y1, box.x1, height - box.y0)


def _cut_edge(a: Sequence[float], b: Sequence[float]) -> bool:
    """An edge RFC 7946 cutting added (along the antimeridian or a pole), not the shape's own."""
    return (abs(a[0]) == 180.0 and a[0] == b[0]) or (abs(a[1]) == 90.0 and a[1] == b[1])


def _drawn_edges(ring: Sequence[Sequence[float]]) -> list[list[Sequence[float]]]:
    """A ring or line as runs of edges to stroke, without the edges the cutting added: in this
    map's frame the pieces join again, and those edges would cross a zone around a pole."""
    runs: list[list[Sequence[float]]] = [[ring[0]]]
    for a, b in itertools.pairwise(ring):
        if _cut_edge(a, b):
            runs.append([b])
        else:
            runs[-1].append(b)
    return [run for run in runs if len(run) > 1]


def _labels(
    ax: Any, frame: _Frame, collection: Mapping[str, Any], towns: Sequence[Any],
    countries: Sequence[Mapping[str, Any]], inset: Any | None, scale_bar: Sequence[Any],
    shared: Mapping[int, SharedLine],
) -> None:  # fmt: skip
    """Labels placed from their measured boxes in display pixels; leader lines where moved.
    `countries`: basemap.countries_in features, each named on its part of the view."""
    import numpy as np
    import shapely

    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    px_per_pt = fig.dpi / 72.0
    height = fig.bbox.height  # display y points up; the placement works with y down

    def to_px(lonlat: Any) -> Any:
        xs, ys = frame.aeqd.to_xy.transform(lonlat[:, 0], lonlat[:, 1])
        px = ax.transData.transform(np.column_stack([xs, ys]) / 1000)
        px[:, 1] = height - px[:, 1]
        return px

    view = _down(fig, ax.get_window_extent(renderer))
    furniture = [*scale_bar, *([] if inset is None else [inset])]
    blocked = [_furniture_box(fig, artist, renderer) for artist in furniture]
    drawn = drawn_px(ax, height)
    measured = measured_px(ax, height)  # the claims' lines, which a line's label keeps off
    keys, lines = list(measured), list(measured.values())
    tree = shapely.STRtree(lines)
    spots, texts = [], {}
    for item in label_items(collection, towns, countries, lines=True, shared=shared):
        size = _LABEL_PT[item.kind]
        text = country_text(item.text) if item.kind == "country" else item.text
        probe = ax.text(0, 0, text, fontsize=size, **_LABEL_STYLE[item.kind])
        box = probe.get_window_extent(renderer)
        probe.remove()
        if item.kind == "country":
            area = area_px(countries[int(item.key[1:])]["geometry"], to_px, view)
            if area is None:
                continue
            spot = country_spot(item.key, area, box.width, box.height, drawn)
            if spot is None:
                continue
            kx, ky = ax.transData.inverted().transform((spot.x, height - spot.y))
        else:
            (kx,), (ky,) = frame.km([(item.lon, item.lat)])
            if not (x0 <= kx <= x1 and y0 <= ky <= y1):
                continue
            dx, dy = ax.transData.transform((kx, ky))
            if any(b.x0 <= dx <= b.x1 and b.y0 <= height - dy <= b.y1 for b in blocked):
                continue  # under the overview, which shows it
            spot = Spot(item.key, dx, height - dy, box.width, box.height, 2.5 * px_per_pt)
            if item.kind == "line":  # off the other claims' lines it could cover
                around = reach(spot)
                near = tree.query(shapely.box(around.x0, around.y0, around.x1, around.y1))
                spot = replace(spot, clear_of=shapely.GeometryCollection(
                    [lines[k] for k in near if keys[k] not in item.lines]))  # fmt: skip
        spots.append(spot)
        texts[item.key] = (item, text, kx, ky, size)
    placed = place(spots, view, blocked=blocked)
    for spot in spots:
        where = placed.get(spot.key)
        if where is None:
            continue
        item, text, kx, ky, size = texts[spot.key]
        # Offset of the box's top-left corner, in points, with y up.
        ox, oy = where.dx / px_per_pt, -where.dy / px_per_pt
        arrow = {"arrowstyle": "-", "lw": 0.3, "color": "#444", "shrinkA": 0, "shrinkB": 1.5}
        # A light backing keeps a label legible over lines; a country's name stays quiet,
        # under everything else.
        ax.annotate(
            text, (kx, ky), xytext=(ox, oy), textcoords="offset points", ha="left",
            va="top", fontsize=size, zorder=3 if item.kind == "country" else 8,
            arrowprops=arrow if where.leader else None, gid=f"label-{item.kind}-{spot.key}",
            bbox=None if item.kind == "country" else _BACKING, **_LABEL_STYLE[item.kind],
        )  # fmt: skip


#: What keeps a label legible over lines (text stays text in the SVG)
_BACKING = {"boxstyle": "square,pad=0", "fc": "white", "alpha": 0.6, "ec": "none"}
#: How far (pt) every label keeps from the map's furniture (the scale bar, the overview): a
#: country's name set right against the bar read as part of it (a Costa Rica trial).
FURNITURE_CLEARANCE_PT = 1.5


def _furniture_box(fig: Any, artist: Any, renderer: Any) -> Box:
    """What a piece of furniture covers (display px, y down), grown by the clearance labels
    keep. A line's window extent is that of its points alone (a horizontal scale bar's is 0 px
    high), so its stroke's half width is added."""
    from matplotlib.lines import Line2D

    box = _down(fig, artist.get_tightbbox(renderer))
    grow = FURNITURE_CLEARANCE_PT * fig.dpi / 72.0
    if isinstance(artist, Line2D):
        grow += artist.get_linewidth() * fig.dpi / 72.0 / 2
    return Box(box.x0 - grow, box.y0 - grow, box.x1 + grow, box.y1 + grow)


def _scale_bar(ax: Any, left: bool = False) -> list[Any]:
    """In the bottom right corner, or the bottom left when the overview is there; returns its
    artists, which labels keep clear of. Its figure has a label's light backing: a claim's line
    ran through "50 km" on the bundled map."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    bar = _nice((x1 - x0) / 5)
    bx = x0 + 0.05 * (x1 - x0) if left else x1 - 0.05 * (x1 - x0) - bar
    by = y0 + 0.05 * (y1 - y0)
    (line,) = ax.plot([bx, bx + bar], [by, by], color="#000", lw=1.2, solid_capstyle="butt",
                      zorder=9)  # fmt: skip
    text = ax.annotate(f"{bar:g} km", (bx + bar / 2, by), xytext=(0, 1.5),
                       textcoords="offset points", ha="center", fontsize=4.5, zorder=9,
                       bbox=_BACKING)  # fmt: skip
    return [line, text]


def _limits(
    frame: _Frame, extent: tuple[float, float, float, float], aspect: float = 1.0
) -> tuple[float, float, float, float]:
    """x and y limits (km) that hold the extent, widened to `aspect` (height / width)."""
    west, south, east, north = extent
    edge = [(west + (east - west) * i / 8, lat) for i in range(9) for lat in (south, north)]
    edge += [(lon, south + (north - south) * i / 8) for i in range(9) for lon in (west, east)]
    xs, ys = frame.km(edge)
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    width, height = x1 - x0, y1 - y0
    if height / width < aspect:
        grow = (width * aspect - height) / 2
        y0, y1 = y0 - grow, y1 + grow
    else:
        grow = (height / aspect - width) / 2
        x0, x1 = x0 - grow, x1 + grow
    return x0, x1, y0, y1


def _legend(fig: Any, entries: Sequence[LegendEntry], top: float) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles, texts = [], []
    for e in entries:
        if e.symbol == "heading":
            handle: Any = Patch(facecolor="none", edgecolor="none")
        elif e.symbol == "fill":
            handle = Patch(facecolor=e.fill, edgecolor=e.stroke, lw=0.5)
        elif e.symbol in ("line", "dashed"):
            handle = Line2D(
                [], [], color=e.stroke, lw=0.8, ls=(0, (3, 2)) if e.symbol == "dashed" else "-"
            )
        elif e.symbol == "parallel":  # two dashed lines, one above the other
            handle = Patch(facecolor="none", edgecolor=e.stroke, lw=0.6, ls=(0, (3, 2)))
        elif e.symbol == "ring":
            handle = Line2D([], [], marker="o", ms=4, mfc="none", mec=e.stroke, mew=0.4, ls="none")
        else:
            handle = Line2D([], [], marker="s" if e.symbol == "square" else "o", ms=2.4, ls="none",
                            color=e.fill)  # fmt: skip
        handles.append(handle)
        texts.append("\n".join(textwrap.wrap(e.text, 58)))
    fig.legend(handles, texts, loc="upper left", bbox_to_anchor=(0.02, top), ncol=1,
               fontsize=4.3, frameon=False, handlelength=2.0, borderaxespad=0,
               labelspacing=0.35, title="Legend", title_fontsize=5, alignment="left")  # fmt: skip


def render(
    report: VerifyReport,
    fmt: str = "png",
    regions: Iterable[Mapping[str, Any]] = (),
) -> bytes:
    """The figure as PNG or SVG bytes."""
    import matplotlib.pyplot as plt

    fig = draw(geojson.feature_collection(report, regions))
    out = io.BytesIO()
    metadata = {"Software": None} if fmt == "png" else {"Date": None}
    fig.savefig(out, format=fmt, metadata=metadata)
    plt.close(fig)
    return out.getvalue()


def draw(collection: Mapping[str, Any]) -> Any:
    """The matplotlib Figure of the claims' GeoJSON (geojson.feature_collection); the caller
    closes it (pyplot.close)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    focus = padded(focus_extent(collection) or (-10.0, -10.0, 10.0, 10.0), 0.06)
    full = padded(extent_of(collection["features"]) or focus, 0.08)
    frame = _Frame((focus[1] + focus[3]) / 2, (focus[0] + focus[2]) / 2)
    around = surround(focus, 1.5)
    base = basemap.features_in(around, (around[2] - around[0]) / 1500)
    towns = towns_apart(basemap.towns_in(padded(focus, 0.1), limit=20), collection)
    map_h = COLUMN_WIDTH_IN * 0.92
    x0, x1, y0, y1 = _limits(frame, focus, map_h / (_MAP_WIDTH * COLUMN_WIDTH_IN))
    # only the towns in the view: the legend must not list a town that the frame cuts off
    towns = [t for t in towns if _in_view(frame, t.lon, t.lat, (x0, x1, y0, y1))]
    # An overview only when something lies outside the main view, in the corner it hides
    # least of.
    overview = not all(
        x0 <= x <= x1 and y0 <= y <= y1
        for f in collection["features"]
        for x, y in zip(*frame.km(positions(f["geometry"]["coordinates"])), strict=True)
    )
    # the legend names the base layers the map shows: in the main view, or in an overview
    shown = {
        f["properties"]["layer"] for f in base
        if overview or _meets(frame, f, (x0, x1, y0, y1))
    }  # fmt: skip
    # lines that would run on one track at this scale: within two spacings of each other
    km_per_pt = (x1 - x0) / (_MAP_WIDTH * COLUMN_WIDTH_IN * 72)
    shared = shared_lines(collection, apart_km=2 * LINE_SPACING_PT * km_per_pt)
    entries = legend(collection, towns=bool(towns), base=shown, shared=shared)
    plt.rcParams.update({"font.size": 5.0, "svg.fonttype": "none", "svg.hashsalt": "claimcheck"})
    legend_h = 0.11 + 0.085 * sum(1 + e.text.count(" ") // 10 for e in entries)
    height = map_h + legend_h + 0.25
    fig = plt.figure(figsize=(COLUMN_WIDTH_IN, height), dpi=DPI)
    ax = fig.add_axes((0.02, 1 - (map_h + 0.2) / height, _MAP_WIDTH, map_h / height))
    ax.set_title("Distance claims on the map (WGS84 geodesics)", fontsize=6, pad=3)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal", adjustable="box")
    _base(ax, frame, base, 0.3)
    for town in towns:
        tx, ty = frame.km([(town.lon, town.lat)])
        ax.plot(tx, ty, "s", ms=1.3, color=TOWN, zorder=5)
    _features(ax, frame, collection, shared)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_xticks([])
    ax.set_yticks([])
    inset, corner = None, (0.0, 1.0)
    if overview:
        corner = min(CORNERS, key=lambda c: hidden(ax, c))  # fmt: skip
        inset = _overview(ax, frame, collection, full, (x0, x1), (y0, y1), corner)
    bar = _scale_bar(ax, left=inset is not None and corner[0] > 0.5 and corner[1] < 0.5)
    _labels(ax, frame, collection, towns, basemap.countries_in(around), inset, bar, shared)
    _legend(fig, entries, 1 - (map_h + 0.28) / height)
    return fig


def _in_view(frame: _Frame, lon: float, lat: float, box: tuple[float, float, float, float]) -> bool:
    """Whether a point is inside the view (x0, x1, y0, y1, km)."""
    (x,), (y,) = frame.km([(lon, lat)])
    return box[0] <= x <= box[1] and box[2] <= y <= box[3]


def _meets(
    frame: _Frame, feature: Mapping[str, Any], box: tuple[float, float, float, float]
) -> bool:
    """Whether a base feature has a vertex in the view (x0, x1, y0, y1, km): a land polygon
    that covers the view has none there but is drawn, so polygons count by their bounds."""
    x0, x1, y0, y1 = box
    xs, ys = frame.km(positions(feature["geometry"]["coordinates"]))
    if feature["geometry"]["type"] in ("Polygon", "MultiPolygon"):
        return min(xs) <= x1 and max(xs) >= x0 and min(ys) <= y1 and max(ys) >= y0
    return any(x0 <= x <= x1 and y0 <= y <= y1 for x, y in zip(xs, ys, strict=True))


def _overview(
    ax: Any, frame: _Frame, collection: Mapping[str, Any], full: tuple[float, float, float, float],
    xlim: tuple[float, float], ylim: tuple[float, float], corner: tuple[float, float],
) -> Any:  # fmt: skip
    """An inset at `corner` (axes fraction): every place, and the main view as a red frame."""
    inset = ax.inset_axes((*corner, INSET, INSET))
    ox0, ox1, oy0, oy1 = square_around(_limits(frame, full, 1.0), (*xlim, *ylim))
    inset.set_xlim(ox0, ox1)
    inset.set_ylim(oy0, oy1)
    inset.set_aspect("equal", adjustable="box")
    _base(inset, frame, basemap.features_in(surround(full, 1.0), (full[2] - full[0]) / 300), 0.2)
    for feature in collection["features"]:
        p, g = feature["properties"], feature["geometry"]
        if p.get("layer") == "place":
            x, y = frame.km([g["coordinates"]])
            inset.plot(x, y, "o", ms=1.0, color=p["marker-color"], zorder=5)
        elif p.get("layer") == "zone":
            for rings in _parts(g):
                for run in _drawn_edges(rings[0]):
                    xs, ys = frame.km(run)
                    inset.plot(xs, ys, color=p["stroke"], lw=0.3, zorder=4)
    frame_x = [xlim[0], xlim[1], xlim[1], xlim[0], xlim[0]]
    frame_y = [ylim[0], ylim[0], ylim[1], ylim[1], ylim[0]]
    inset.plot(frame_x, frame_y, color="#c00", lw=0.5, zorder=6)
    inset.set_xticks([])
    inset.set_yticks([])
    for spine in inset.spines.values():
        spine.set_linewidth(0.4)
    inset.set_title("Overview: every place", fontsize=3.8, pad=1)
    return inset
