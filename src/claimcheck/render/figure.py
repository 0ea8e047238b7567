"""A static map for print (PNG or SVG) with matplotlib: places, zones, borders, measured
distances and a scale bar, sized for one column (8.5 cm) of a page.

The figure is drawn in an azimuthal equidistant frame centred on the data (`local_aeqd`), where
distances from the centre are true and the scale bar errs by under 0.2 % within 600 km of it.
It draws the same features as the GeoJSON output.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from claimcheck.api import VerifyReport
from claimcheck.geo.lines import local_aeqd
from claimcheck.render import geojson
from claimcheck.render.html_map import centre_of

#: One column of a two-column page, in inches (8.5 cm), and the print resolution.
COLUMN_WIDTH_IN = 3.35
DPI = 300


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


def _without_cuts(
    ring: Sequence[Sequence[float]], xs: list[float], ys: list[float]
) -> tuple[list[float], list[float]]:
    """The outline with a gap (NaN) along edges that only cutting at the antimeridian or closing
    a ring through a pole made: both ends on longitude ±180° or on latitude ±90°."""
    out_x, out_y = xs[:1], ys[:1]
    for i in range(1, len(xs)):
        (lon0, lat0), (lon1, lat1) = ring[i - 1][:2], ring[i][:2]
        if (abs(lon0) == abs(lon1) == 180.0) or (abs(lat0) == abs(lat1) == 90.0):
            out_x.append(math.nan)
            out_y.append(math.nan)
        out_x.append(xs[i])
        out_y.append(ys[i])
    return out_x, out_y


def _nice(length: float) -> float:
    """The largest 1, 2 or 5 × 10ⁿ not above `length`."""
    base = 10.0 ** math.floor(math.log10(length))
    return next(m * base for m in (5, 2, 1) if m * base <= length)


class _Labeller:
    """Places each label at the first of a few offsets where it overlaps no earlier label."""

    OFFSETS = (
        (3, 3, "left"),
        (3, -7, "left"),
        (-3, 3, "right"),
        (-3, -7, "right"),
        (0, 6, "center"),
    )

    def __init__(self, ax: Any) -> None:
        self.ax = ax
        self.renderer = ax.figure.canvas.get_renderer()
        self.taken: list[Any] = []

    def add(self, text: str, x: float, y: float, **style: Any) -> None:
        for dx, dy, ha in self.OFFSETS:
            label = self.ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points",
                                     ha=ha, zorder=6, **style)  # fmt: skip
            box = label.get_window_extent(self.renderer)
            if not any(box.overlaps(other) for other in self.taken):
                self.taken.append(box)
                return
            label.remove()


def _draw(
    ax: Any, collection: Mapping[str, Any], frame: Any, named: set[str], limits: Any = None
) -> None:
    """One panel: every feature, labels for `named` points and for measurements in view."""
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path

    def km(ring: Sequence[Sequence[float]]) -> tuple[list[float], list[float]]:
        xs, ys = frame.to_xy.transform([p[0] for p in ring], [p[1] for p in ring])
        return [x / 1000 for x in xs], [y / 1000 for y in ys]

    labels: list[tuple[str, float, float, dict[str, Any]]] = []
    for feature in collection["features"]:
        p, g = feature["properties"], feature["geometry"]
        layer = p.get("layer")
        if g["type"] == "Point":
            x, y = km([g["coordinates"]])
            ax.plot(x, y, "o", ms=2.2, color="#222" if p["id"] in named else "#999", zorder=5)
            if p["id"] in named:
                labels.append((p["id"], x[0], y[0], {"fontsize": 4.5}))
            continue
        for part in _parts(g):
            rings = [km(r) for r in part]
            if g["type"] in ("Polygon", "MultiPolygon"):
                verts = [(x, y) for xs, ys in rings for x, y in zip(xs, ys, strict=True)]
                codes = [
                    c for xs, _ys in rings for c in [Path.MOVETO] + [Path.LINETO] * (len(xs) - 1)
                ]
                ax.add_patch(PathPatch(Path(verts, codes), facecolor=p.get("fill", "#999"),
                                       alpha=max(0.15, float(p.get("fill-opacity", 0.1))),
                                       edgecolor="none", zorder=1))  # fmt: skip
            for ring, (xs, ys) in zip(part, rings, strict=True):
                dashed = layer == "measurement"
                xs, ys = _without_cuts(ring, xs, ys)
                ax.plot(xs, ys, color=p.get("stroke", "#555"), lw=0.8, ls="--" if dashed else "-",
                        zorder=3 if dashed else 2)  # fmt: skip
            if layer == "measurement":
                xs, ys = rings[0]
                figure = p["measured"].split("  ")[0].split(",")[0]
                style = {"fontsize": 4.2, "color": p["stroke"]}
                labels.insert(0, (figure, xs[len(xs) // 2], ys[len(xs) // 2], style))
    ax.set_aspect("equal")
    if limits is not None:
        ax.set_xlim(limits[0], limits[1])
        ax.set_ylim(limits[2], limits[3])
    else:
        ax.margins(0.12)
        ax.autoscale_view()
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    labeller = _Labeller(ax)
    for text, lx, ly, style in labels:
        if x0 <= lx <= x1 and y0 <= ly <= y1:
            labeller.add(text, lx, ly, **style)
    bar = _nice((x1 - x0) / 4)
    bx, by = x0 + 0.05 * (x1 - x0), y0 + 0.06 * (y1 - y0)
    ax.plot([bx, bx + bar], [by, by], color="#000", lw=1.5, solid_capstyle="butt", zorder=7)
    ax.annotate(f"{bar:g} km", (bx + bar / 2, by), xytext=(0, 2), textcoords="offset points",
                ha="center", fontsize=5, zorder=7)  # fmt: skip
    ax.set_xticks([])
    ax.set_yticks([])


def _detail_limits(collection: Mapping[str, Any], frame: Any) -> tuple[float, ...] | None:
    """The zones' extent widened by half, in km: where the dispute is, and the places crowd."""
    xs: list[float] = []
    ys: list[float] = []
    for feature in collection["features"]:
        if feature["properties"].get("layer") in ("zone", "region"):
            for part in _parts(feature["geometry"]):
                for ring in part:
                    x, y = frame.to_xy.transform([p[0] for p in ring], [p[1] for p in ring])
                    xs += [v / 1000 for v in x]
                    ys += [v / 1000 for v in y]
    if not xs:
        return None
    half = 0.75 * max(max(xs) - min(xs), max(ys) - min(ys))
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return (cx - half, cx + half, cy - half, cy + half)


def render(
    report: VerifyReport,
    fmt: str = "png",
    regions: Iterable[Mapping[str, Any]] = (),
    labels: Sequence[str] | None = None,
) -> bytes:
    """The figure as PNG or SVG bytes: an overview and, when there is a zone, a detail panel
    around it. `labels`: place ids to name (default: the places the claims use)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    collection = geojson.feature_collection(report, regions)
    lon0, lat0 = centre_of(collection)
    frame = local_aeqd(lat0, lon0)
    used = {pid for v in report.verdicts for _role, pid in v.places}
    used |= {pid for v in report.verdicts for c in v.candidates for _role, pid in c.places}
    named = set(labels) if labels is not None else used
    detail = _detail_limits(collection, frame)
    plt.rcParams.update({"font.size": 5.5, "svg.fonttype": "none", "svg.hashsalt": "claimcheck"})
    rows = 2 if detail else 1
    fig, axes = plt.subplots(rows, 1, figsize=(COLUMN_WIDTH_IN, COLUMN_WIDTH_IN * 0.8 * rows),
                             dpi=DPI, squeeze=False)  # fmt: skip
    _draw(axes[0][0], collection, frame, named)
    axes[0][0].set_title("Places, zones and measured distances (WGS84 geodesics)", fontsize=6)
    if detail:
        _draw(axes[1][0], collection, frame, named, detail)
        axes[1][0].set_title("Detail around the zone", fontsize=6)
    fig.tight_layout(pad=0.3)
    out = io.BytesIO()
    metadata = {"Software": None} if fmt == "png" else {"Date": None}
    fig.savefig(out, format=fmt, metadata=metadata)
    plt.close(fig)
    return out.getvalue()
