"""Natural Earth admin-0 countries (GeoJSON, lon/lat) to `places.yaml` entries (lat, lon).

Used to write the borders and country outlines of tests/data/real/ from the German point-of-view
edition of Natural Earth 1:10m Admin 0 countries 5.1.1 (public domain, from
https://www.naturalearthdata.com/downloads/10m-cultural-vectors/):
a land border is the run of vertices two countries' polygons share, a country is its largest
polygon's outer ring. Kept so the conversion can be checked and redone.

Usage:
    python scripts/ne_countries_to_yaml.py COUNTRIES.geojson.gz border PL UA
    python scripts/ne_countries_to_yaml.py COUNTRIES.geojson.gz polygon JO
"""

from __future__ import annotations

import gzip
import json
import sys
from typing import Any

LatLon = tuple[float, float]


def _rings(feature: dict[str, Any]) -> list[list[LatLon]]:
    """The outer rings of a country's polygons, largest first, as (lat, lon)."""
    geometry = feature["geometry"]
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    rings = [[(lat, lon) for lon, lat in polygon[0]] for polygon in polygons]
    return sorted(rings, key=len, reverse=True)


def shared_run(a: list[LatLon], b: list[LatLon]) -> list[LatLon]:
    """The longest run of consecutive vertices of ring `a` that are also vertices of `b`."""
    common = set(b)
    ring = a[:-1] if a[0] == a[-1] else a
    n = len(ring)
    start = next((i for i in range(n) if ring[i] not in common), 0)  # begin outside the run
    best: list[LatLon] = []
    run: list[LatLon] = []
    for k in range(1, n + 1):
        vertex = ring[(start + k) % n]
        if vertex in common:
            run.append(vertex)
            continue
        best = max(best, run, key=len)
        run = []
    return max(best, run, key=len)


def _yaml(points: list[LatLon]) -> str:
    return "\n".join(f"      - [{lat:.6f}, {lon:.6f}]" for lat, lon in points)


def main(argv: list[str]) -> int:
    path, command, *codes = argv
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        data = json.load(handle)
    by_code = {f["properties"]["ISO_A2_EH"]: f for f in data["features"]}
    if command == "border":
        first, second = (_rings(by_code[c]) for c in codes)
        run = shared_run(first[0], [v for ring in second for v in ring])
        print(f"    # {len(run)} shared vertices of {codes[0]} and {codes[1]}\n    lat_lon:")
        print(_yaml(run))
        return 0
    (ring, *_rest) = _rings(by_code[codes[0]])
    print(f"    # outer ring of {codes[0]}: {len(ring)} vertices\n    lat_lon:")
    print(_yaml(ring[:-1] if ring[0] == ring[-1] else ring))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
