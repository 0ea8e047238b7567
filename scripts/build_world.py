"""Build the world layers shipped in src/claimcheck/gazetteer/data/ from Natural Earth.

Input: Natural Earth 1:10m Admin 0 countries v5.1.1, German point-of-view edition
(`ne_10m_admin_0_countries_deu`), as GeoJSON (shared/data/ne10m-admin0-countries-5.1.1.geojson.gz;
public domain). Output: `world.json` (names, topology, provenance) and `world.bin` (the vertices);
`world_cells.json` and `world_cells.bin`, the cell table of the swapped-lat/lon lint, and in
world.json `land_gaps`, the coast arcs that border land no polygon covers (scripts/world_cells.py
says how and why).

- Countries: the polygons of each ISO 3166-1 alpha-2 code (ISO_A2_EH: ISO_A2 is -99 for
  France and Norway). Names: NAME_EN, NAME, NAME_LONG, ADMIN, NAME_AR, NAME_RU, NAME_UK, and
  the NAME_xx of the territory's official languages in CLDR (via babel) where Natural Earth has
  that field.
- Land boundaries: the edges two countries' polygons share (Natural Earth's polygons share
  their vertices along a boundary).
- Coasts: the rest of a country's outline, less the cuts along the antimeridian and the pole.
  That is the sea coast and the shore of any water no country polygon covers (the Caspian).
- Land without a code (Akrotiri, Dhekelia, Bir Tawil, Guantanamo Bay, the Spratly Islands,
  Scarborough Reef): no claim can name it, but the maps' base layer draws it as land, with its
  coast and its edges with countries (`uncoded`), so the map shows no sea where there is none.

The outlines are cut into arcs at every junction, so a boundary is stored once and the two
countries and the boundary line stay identical after simplification. Natural Earth draws edges
straight in lon/lat and claimcheck measures along geodesics, so long edges are first sampled
every DENSIFY_DEG along the straight line; Douglas-Peucker then keeps vertices until every sample
lies within --tolerance of the simplified geodesic edges (on the sphere, then checked on WGS84
with claimcheck.geo.lines; the largest distance found is written into world.json).
Coordinates are stored at 1e-5 degrees (at most 0.8 m off), delta-coded int32, xz-compressed.

Usage: python scripts/build_world.py ../shared/data/ne10m-admin0-countries-5.1.1.geojson.gz
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import lzma
import math
import os
import sys
from collections import defaultdict
from typing import Any

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "src"))

from world_cells import (  # noqa: E402
    cell_table,
    cells_summary,
    country_geometries,
    land_gap_arcs,
    write_cells,
)

from claimcheck.geo.lines import Polyline  # noqa: E402

OUT = os.path.join(ROOT, "src", "claimcheck", "gazetteer", "data")
R = 6_371_008.8
#: straight lon/lat edges longer than this are sampled along the straight line first
DENSIFY_DEG = 0.05
#: no simplified edge longer than this, so sphere and ellipsoid paths stay metres apart
MAX_EDGE_M = 100_000.0
QUANTUM = 1e-5
#: Natural Earth name fields by language code (CLDR codes)
NAME_FIELDS = {
    "ar": "NAME_AR", "bn": "NAME_BN", "de": "NAME_DE", "el": "NAME_EL", "en": "NAME_EN",
    "es": "NAME_ES", "fa": "NAME_FA", "fr": "NAME_FR", "he": "NAME_HE", "hi": "NAME_HI",
    "hu": "NAME_HU", "id": "NAME_ID", "it": "NAME_IT", "ja": "NAME_JA", "ko": "NAME_KO",
    "nl": "NAME_NL", "pl": "NAME_PL", "pt": "NAME_PT", "ru": "NAME_RU", "sv": "NAME_SV",
    "tr": "NAME_TR", "uk": "NAME_UK", "ur": "NAME_UR", "vi": "NAME_VI", "zh": "NAME_ZH",
}  # fmt: skip
ALWAYS = ("NAME_EN", "NAME", "NAME_LONG", "ADMIN", "NAME_AR", "NAME_RU", "NAME_UK")

Point = tuple[float, float]  # (lon, lat) as in the GeoJSON


def polygons(feature: dict[str, Any]) -> list[list[list[Point]]]:
    geometry = feature["geometry"]
    polys = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [[[tuple(p) for p in ring] for ring in poly] for poly in polys]


def open_ring(ring: list[Point]) -> list[Point]:
    """Vertices without the closing repeat and without consecutive duplicates."""
    out = [p for i, p in enumerate(ring) if i == 0 or p != ring[i - 1]]
    return out[:-1] if len(out) > 1 and out[0] == out[-1] else out


def is_cut(a: Point, b: Point) -> bool:
    """An edge along the antimeridian or the south pole: where Natural Earth cuts, not a coast."""
    return (abs(a[0]) == 180.0 and a[0] == b[0]) or (a[1] == b[1] == -90.0)


def names_of(props: dict[str, Any], code: str) -> tuple[str, list[str]]:
    from babel.languages import get_official_languages

    fields = list(ALWAYS)
    for lang in get_official_languages(code, de_facto=True):
        field = NAME_FIELDS.get(lang)
        if field and field not in fields:
            fields.append(field)
    names: list[str] = []
    for field in fields:
        value = (props.get(field) or "").strip()
        if value and value not in names:
            names.append(value)
    return names[0], names[1:]


class Topology:
    """Every feature ring cut into arcs at junctions and at changes of neighbour."""

    def __init__(self, features: list[dict[str, Any]]) -> None:
        self.codes = [f["properties"]["ISO_A2_EH"] for f in features]
        self.rings: list[tuple[int, int, int, list[Point]]] = []  # feature, polygon, ring, points
        owners: dict[frozenset[Point], set[int]] = defaultdict(set)
        degree: dict[Point, set[Point]] = defaultdict(set)
        for i, feature in enumerate(features):
            for p, poly in enumerate(polygons(feature)):
                for r, ring in enumerate(poly):
                    points = open_ring(ring)
                    self.rings.append((i, p, r, points))
                    for a, b in zip(points, points[1:] + points[:1], strict=True):
                        owners[frozenset((a, b))].add(i)
                        degree[a].add(b)
                        degree[b].add(a)
        self.owners = owners
        self.junction = {v for v, near in degree.items() if len(near) > 2}
        self.arcs: list[list[Point]] = []
        self.arc_class: list[str] = []
        self._arc_key: dict[frozenset[frozenset[Point]], int] = {}
        #: (feature, polygon, ring) -> [(arc ref, class)], ref ~i for reversed
        self.ring_arcs: dict[tuple[int, int, int], list[tuple[int, str]]] = {}
        for i, p, r, points in self.rings:
            self.ring_arcs[(i, p, r)] = self._cut(i, points)

    def edge_class(self, i: int, a: Point, b: Point) -> str:
        others = self.owners[frozenset((a, b))] - {i}
        if not others:
            return "cut" if is_cut(a, b) else "coast"
        codes = {self.codes[j] for j in others}
        if codes == {self.codes[i]}:
            return "interior"
        code = sorted(codes)[0]
        return "other" if code == "-99" or self.codes[i] == "-99" else code

    def _cut(self, i: int, points: list[Point]) -> list[tuple[int, str]]:
        n = len(points)
        classes = [self.edge_class(i, points[k], points[(k + 1) % n]) for k in range(n)]
        cuts = [k for k in range(n) if classes[k - 1] != classes[k] or points[k] in self.junction]
        if not cuts:  # a ring of one arc: start at its smallest vertex, so both sides agree
            start = min(range(n), key=lambda k: points[k])
            cuts = [start]
        out = []
        for c, start in enumerate(cuts):
            end = cuts[(c + 1) % len(cuts)]
            length = (end - start) % n or n
            chain = [points[(start + k) % n] for k in range(length + 1)]
            out.append((self._arc(chain), classes[start]))
        return out

    def _arc(self, chain: list[Point]) -> int:
        key = frozenset(frozenset(e) for e in itertools.pairwise(chain))
        found = self._arc_key.get(key)
        if found is None:
            self._arc_key[key] = len(self.arcs)
            self.arcs.append(chain)
            return len(self.arcs) - 1
        stored = self.arcs[found]
        return found if stored[:2] == chain[:2] else ~found


def densify(chain: list[Point]) -> list[Point]:
    out = [chain[0]]
    for a, b in itertools.pairwise(chain):
        steps = math.ceil(max(abs(b[0] - a[0]), abs(b[1] - a[1])) / DENSIFY_DEG)
        out += [(a[0] + (b[0] - a[0]) * k / steps, a[1] + (b[1] - a[1]) * k / steps)
                for k in range(1, steps)]  # fmt: skip
        out.append(b)
    return out


def unit(points: list[Point]) -> np.ndarray:
    lon, lat = np.radians(np.array(points)).T
    return np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))


def simplify(chain: list[Point], tolerance_m: float) -> list[int]:
    """Douglas-Peucker on the sphere: indices into `chain` to keep (ends always kept)."""
    xyz = unit(chain)
    n = len(chain)
    keep = {0, n - 1}
    stack = [(0, n - 1)]
    tol, max_edge = tolerance_m / R, MAX_EDGE_M / R
    while stack:
        i, j = stack.pop()
        if j <= i + 1:
            continue
        a, b, pts = xyz[i], xyz[j], xyz[i + 1 : j]
        normal = np.cross(a, b)
        size = np.linalg.norm(normal)
        to_a = np.arccos(np.clip(pts @ a, -1, 1))
        if size < 1e-12:  # a closed arc: distance to its one end
            dist = to_a
        else:
            nrm = normal / size
            dist = np.abs(np.arcsin(np.clip(pts @ nrm, -1, 1)))
            outside = (np.cross(a, pts) @ normal < 0) | (np.cross(pts, b) @ normal < 0)
            to_b = np.arccos(np.clip(pts @ b, -1, 1))
            dist = np.where(outside, np.minimum(to_a, to_b), dist)
        k = int(np.argmax(dist))
        seg = math.atan2(size, float(a @ b))
        if dist[k] > tol or seg > max_edge:
            m = i + 1 + k if dist[k] > tol else (i + j) // 2
            keep.add(m)
            stack += [(i, m), (m, j)]
    return sorted(keep)


def build(
    path: str, tolerance_m: float, verify_every: int
) -> tuple[dict[str, Any], bytes, dict[str, Any], bytes]:
    """world.json's index and world.bin's vertices; world_cells.json and world_cells.bin."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    topo = Topology(features)
    dense = [densify(arc) for arc in topo.arcs]
    kept = [simplify(d, tolerance_m) for d in dense]
    # rings that simplification would collapse keep their arcs whole
    for refs in topo.ring_arcs.values():
        arcs = [r if r >= 0 else ~r for r, _ in refs]
        if len({dense[a][k] for a in arcs for k in kept[a]}) < 3:
            for a in arcs:
                kept[a] = list(range(len(dense[a])))
    simplified = [[d[k] for k in ks] for d, ks in zip(dense, kept, strict=True)]
    worst = verify(dense, simplified, verify_every)
    arcs_q = [np.round(np.array(a) / QUANTUM).astype(np.int64) for a in simplified]
    starts = [0]
    for a in arcs_q:
        starts.append(starts[-1] + len(a))
    deltas = np.concatenate([np.vstack((a[:1], np.diff(a, axis=0))) for a in arcs_q])
    blob = lzma.compress(deltas.astype("<i4").tobytes(), preset=9 | lzma.PRESET_EXTREME)
    index = _index(features, topo)
    index["arc_starts"] = starts
    index["simplify_tolerance_m"] = tolerance_m
    index["max_deviation_m"] = math.ceil(worst)
    index["vertices"] = int(starts[-1])
    index["source_vertices"] = sum(len(r[3]) for r in topo.rings)
    stored = [[(float(lon), float(lat)) for lon, lat in a * QUANTUM] for a in arcs_q]
    index["land_gaps"] = land_gap_arcs(
        index["countries"], index["coasts"], index["uncoded"], stored
    )
    cells, cells_blob = cell_table(*country_geometries(index["countries"], stored))
    return index, blob, cells, cells_blob


def verify(dense: list[list[Point]], simplified: list[list[Point]], every: int) -> float:
    """The largest WGS84 distance of a sample of Natural Earth's line from the simplified one."""
    worst = 0.0
    for d, s in zip(dense, simplified, strict=True):
        if len(s) == len(d):
            continue
        line = Polyline.from_lat_lon([(lat, lon) for lon, lat in s])
        for lon, lat in d[::every]:
            worst = max(worst, line.nearest(lat, lon).distance_m)
    return worst


def _index(features: list[dict[str, Any]], topo: Topology) -> dict[str, Any]:
    by_code: dict[str, list[int]] = defaultdict(list)
    for i, code in enumerate(topo.codes):
        if code != "-99":
            by_code[code].append(i)
    countries: dict[str, Any] = {}
    borders: dict[str, list[list[int]]] = defaultdict(list)
    coasts: dict[str, list[list[int]]] = defaultdict(list)
    uncoded: dict[str, Any] = {}
    for i, code in enumerate(topo.codes):
        if code != "-99":
            continue
        land: dict[str, Any] = {"polygons": [], "coasts": [], "boundaries": []}
        for (j, _p, r), refs in topo.ring_arcs.items():
            if j != i:
                continue
            if r == 0:
                land["polygons"].append([])
            land["polygons"][-1].append([ref for ref, _ in refs])
            for cls, runs in _runs(refs).items():
                if cls in ("coast", "other"):
                    land["coasts" if cls == "coast" else "boundaries"] += runs
        uncoded[features[i]["properties"]["NAME"]] = land
    for code, members in sorted(by_code.items()):
        main = max(members, key=lambda i: sum(len(r) for p in polygons(features[i]) for r in p))
        name, aliases = names_of(features[main]["properties"], code)
        polys: dict[tuple[int, int], list[list[int]]] = {}
        for (i, p, _r), refs in topo.ring_arcs.items():
            if i not in members:
                continue
            polys.setdefault((i, p), []).append([ref for ref, _ in refs])
            for cls, runs in _runs(refs).items():
                if cls == "coast":
                    coasts[code] += runs
                elif len(cls) == 2 and code < cls:
                    borders[f"{code}-{cls}"] += runs
        countries[code] = {"name": name, "aliases": aliases, "polygons": list(polys.values())}
    return {
        "countries": countries,
        "borders": dict(sorted(borders.items())),
        "coasts": dict(sorted(coasts.items())),
        "uncoded": dict(sorted(uncoded.items())),
    }


def _runs(refs: list[tuple[int, str]]) -> dict[str, list[list[int]]]:
    """Consecutive arcs of one class around a ring, as chains of arc refs."""
    runs: dict[str, list[list[int]]] = defaultdict(list)
    previous = None
    for ref, cls in refs:
        if cls == previous:
            runs[cls][-1].append(ref)
        else:
            runs[cls].append([ref])
        previous = cls
    first_cls, last_cls = refs[0][1], refs[-1][1]
    if len(refs) > 1 and first_cls == last_cls and len(runs[first_cls]) > 1:
        runs[first_cls][0] = runs[first_cls].pop() + runs[first_cls][0]
    return runs


def country_names(index: dict[str, Any]) -> dict[str, str]:
    """world_names.json: each country's name by its code, apart from the index, so that naming
    a namesake's country ("Ash Shāmīyah (Capital, Kuwait)") does not decode every alias."""
    return {code: c["name"] for code, c in sorted(index["countries"].items())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", help="ne10m-admin0-countries-5.1.1.geojson.gz")
    parser.add_argument("--tolerance", type=float, default=250.0, help="metres (default 250)")
    parser.add_argument("--verify-every", type=int, default=1, help="check every Nth sample")
    parser.add_argument("--out", default=OUT)
    args = parser.parse_args(argv)
    index, blob, cells, cells_blob = build(args.source, args.tolerance, args.verify_every)
    index["source"] = SOURCE
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "world.json"), "w", encoding="utf-8") as handle:
        json.dump(index, handle, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        handle.write("\n")
    with open(os.path.join(args.out, "world_names.json"), "w", encoding="utf-8") as handle:
        json.dump(country_names(index), handle, ensure_ascii=False, separators=(",", ":"))
        handle.write("\n")
    with open(os.path.join(args.out, "world.bin"), "wb") as handle:
        handle.write(blob)
    write_cells(cells, cells_blob, SOURCE, args.out)
    print(
        f"{len(index['countries'])} countries, {len(index['borders'])} land boundaries, "
        f"{len(index['coasts'])} coasts; {index['vertices']:,} vertices "
        f"(from {index['source_vertices']:,}); largest deviation {index['max_deviation_m']} m; "
        f"world.bin {len(blob):,} bytes; {len(index['land_gaps'])} arcs border land gaps; "
        f"{cells_summary(cells, cells_blob)}",
        file=sys.stderr,
    )
    return 0


SOURCE = {
    "title": "Natural Earth 1:10m Admin 0 countries v5.1.1 (German point-of-view edition), "
    "public domain",
    "url": "https://www.naturalearthdata.com/downloads/10m-cultural-vectors/10m-admin-0-countries/",
    "file": "ne_10m_admin_0_countries_deu",
}

if __name__ == "__main__":
    raise SystemExit(main())
