"""Tables derived from the world layers at build time (scripts/build_world.py writes them).

- The cell table behind the swapped-lat/lon lint (claimcheck.gazetteer.cells): the globe cut
  into CELL_DEG x CELL_DEG cells, each holding the codes of the countries whose stored outline
  comes within CELL_MARGIN_M of some point of the cell. A position "reaches" a country when its
  cell holds the code: O(1) per place, with no geometry read when `check` or `verify` runs.
- The land gaps: the areas no country polygon covers that are not sea (the disputed areas the
  German point-of-view edition leaves without a polygon, such as the Golan Heights and Abyei).
  Their edges count as "coast" in the world layers (the rest of an outline), but they are land:
  the coast rule for `inside:` a country (docs/rules.md) must treat them as land boundaries.

Why CELL_DEG = 0.25: a position counts as reaching a country up to one cell (27.6 km north-south,
27.8 km x cos(latitude) east-west) plus CELL_MARGIN_M beyond its outline. That is less, each
way, than the 0.5 degree margin the bounding boxes this table replaces allowed around every box
(55 km, and 55.7 km x cos(latitude)) everywhere below 77 degrees of latitude, so the check is no
looser than before where people live (and far tighter for a country whose box took in its
neighbours); a finer grid would warn about offshore positions and small islands the 1:10m
outlines leave out. The table is 68 kB compressed, and a lookup decompresses one row of it.
Why CELL_MARGIN_M = 6 km: the world layers' own uncertainty (Natural Earth at 1:10,000,000 by
the U.S. National Map Accuracy Standards, 5,080 m, plus the simplification: 5.4 km, see
claimcheck.gazetteer.world) rounded up to the kilometre, so a position on a coast or a border
that the simplified outline misses by its stated uncertainty still reaches the country.
"""

from __future__ import annotations

import json
import math
import zlib
from typing import Any

import numpy as np

#: cell size, degrees of latitude and of longitude
CELL_DEG = 0.25
#: a cell holds a country whose outline comes this close (m) to any point of it
CELL_MARGIN_M = 6_000.0
#: metres in a degree of latitude, at its shortest (the equator), so the margin errs wide
M_PER_DEG_LAT = 110_574.0
M_PER_DEG_LON_EQUATOR = 111_320.0
#: an uncovered area larger than this (square degrees) is the Caspian Sea, the one inland sea
#: with no country polygon over it: its shores are coasts, not land gaps
INLAND_SEA_DEG2 = 10.0

Point = tuple[float, float]  # (lon, lat)


def country_geometries(
    countries: dict[str, Any], arcs: list[list[Point]]
) -> tuple[list[str], list[Any]]:
    """Each country's stored polygons as one valid shapely geometry, by code."""
    import shapely
    from shapely.geometry import MultiPolygon, Polygon

    codes = sorted(countries)
    geometries = []
    for code in codes:
        polys = []
        for rings in countries[code]["polygons"]:
            coords = [_ring(refs, arcs) for refs in rings]
            polys.append(Polygon(coords[0], coords[1:]))
        geometries.append(shapely.make_valid(MultiPolygon(polys)))
    return codes, geometries


def _ring(refs: list[int], arcs: list[list[Point]]) -> list[Point]:
    out: list[Point] = []
    for ref in refs:
        arc = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
        out.extend(arc[1:] if out and out[-1] == arc[0] else arc)
    return out


def cell_table(codes: list[str], geometries: list[Any]) -> tuple[dict[str, Any], bytes]:
    """The cell table: its description (JSON) and its cells (one zlib stream per row).

    Each cell is a little-endian uint16: 0 for no country, else 1 + the index of its set of
    codes in `sets`. Rows run south to north, cells in a row west to east from 180 degrees W.
    """
    import shapely

    rows, cols = round(180 / CELL_DEG), round(360 / CELL_DEG)
    i, j = np.meshgrid(np.arange(rows), np.arange(cols), indexing="ij")
    cell = (i * cols + j).ravel()
    south = (-90.0 + i * CELL_DEG).ravel()
    west = (-180.0 + j * CELL_DEG).ravel()
    dlat = CELL_MARGIN_M / M_PER_DEG_LAT
    low, high = np.maximum(south - dlat, -90.0), np.minimum(south + CELL_DEG + dlat, 90.0)
    widest = np.maximum(np.abs(low), np.abs(high))
    with np.errstate(divide="ignore"):
        dlon = CELL_MARGIN_M / (M_PER_DEG_LON_EQUATOR * np.cos(np.radians(widest)))
    dlon = np.where(widest > 89.0, 360.0, dlon)  # near a pole: every longitude is close
    left, right = west - dlon, west + CELL_DEG + dlon
    # a box past the antimeridian is also queried shifted by 360 degrees
    boxes, owners = [shapely.box(left, low, right, high)], [cell]
    for past, shift in ((left < -180.0, 360.0), (right > 180.0, -360.0)):
        boxes.append(shapely.box(left[past] + shift, low[past], right[past] + shift, high[past]))
        owners.append(cell[past])
    tree = shapely.STRtree(np.concatenate(boxes))
    owner = np.concatenate(owners)
    found: dict[int, set[str]] = {}
    hits_geometry, hits_box = tree.query(geometries, predicate="intersects")
    for g, b in zip(hits_geometry.tolist(), hits_box.tolist(), strict=True):
        found.setdefault(int(owner[b]), set()).add(codes[g])
    sets = sorted({" ".join(sorted(s)) for s in found.values()})
    number = {s: k + 1 for k, s in enumerate(sets)}
    grid = np.zeros(rows * cols, dtype="<u2")
    for c, s in found.items():
        grid[c] = number[" ".join(sorted(s))]
    streams = [zlib.compress(row.tobytes(), 9) for row in grid.reshape(rows, cols)]
    starts = [0]
    for stream in streams:
        starts.append(starts[-1] + len(stream))
    about = {
        "cell_deg": CELL_DEG,
        "margin_m": CELL_MARGIN_M,
        "rows": rows,
        "cols": cols,
        "sets": sets,
        "row_starts": starts,
    }
    return about, b"".join(streams)


def land_gap_arcs(
    countries: dict[str, Any], coasts: dict[str, Any], uncoded: dict[str, Any], arcs: list[Any]
) -> list[int]:
    """The coast arcs that border land no polygon covers (not sea), sorted.

    The areas no polygon covers are the faces the coast arcs enclose that lie in no country or
    uncoded land; all but the Caspian (the one larger than INLAND_SEA_DEG2) are counted as land,
    which errs towards land boundaries: a lagoon's sliver counts too, and near it the coast rule
    simply does not apply.
    """
    import shapely
    from shapely.ops import polygonize, unary_union

    coast = sorted({r if r >= 0 else ~r for runs in coasts.values() for run in runs for r in run}
                   | {r if r >= 0 else ~r for land in uncoded.values()
                      for run in land["coasts"] for r in run})  # fmt: skip
    lines = [shapely.LineString(arcs[a]) for a in coast]
    faces = list(polygonize(unary_union(lines)))
    _, covered = country_geometries(countries, arcs)
    _, lands = country_geometries(
        {name: {"polygons": land["polygons"]} for name, land in uncoded.items()}, arcs
    )
    cover = unary_union(covered + lands)
    gaps = [
        f
        for f in faces
        if f.area < INLAND_SEA_DEG2 and not cover.contains(f.representative_point())
    ]
    if not gaps:
        return []
    edges = unary_union([g.boundary for g in gaps])
    shapely.prepare(edges)
    out = []
    for a, line in zip(coast, lines, strict=True):
        middle = line.interpolate(0.5, normalized=True)
        if edges.distance(middle) < 1e-7:
            out.append(a)
    return out


def write_cells(about: dict[str, Any], blob: bytes, source: dict[str, Any], out: str) -> None:
    about = {**about, "source": source, "generated_by": "scripts/build_world.py"}
    with open(f"{out}/world_cells.json", "w", encoding="utf-8") as handle:
        json.dump(about, handle, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        handle.write("\n")
    with open(f"{out}/world_cells.bin", "wb") as handle:
        handle.write(blob)


def cells_summary(about: dict[str, Any], blob: bytes) -> str:
    return (
        f"cells: {about['rows']} x {about['cols']} of {about['cell_deg']} degrees, "
        f"{len(about['sets'])} sets of codes, {len(blob):,} bytes; margin "
        f"{math.ceil(about['margin_m'])} m"
    )
