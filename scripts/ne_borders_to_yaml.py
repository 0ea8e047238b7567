"""Turn Natural Earth boundary lines (GeoJSON, lon/lat) into `places.yaml` line entries (lat, lon).

Used once to write the border entries of data/places.yaml from
ne10m-boundaries-iraq-jordan-syria.geojson; kept so the conversion can be checked and redone.
It also prints the largest gap between each straight lon/lat edge (how Natural Earth draws
them) and the geodesic between the same vertices (how claimcheck measures), which the
entries' uncertainty must cover.

Usage: python scripts/ne_borders_to_yaml.py PATH/TO/ne10m-boundaries-iraq-jordan-syria.geojson
"""

from __future__ import annotations

import itertools
import json
import sys

from pyproj import Geod

GEOD = Geod(ellps="WGS84")


def chain(parts: list[list[list[float]]]) -> list[tuple[float, float]]:
    """Join MultiLineString parts (in any order) that share end points into one (lat, lon) path."""
    todo = [[(lat, lon) for lon, lat in part] for part in parts]
    out = todo.pop(0)
    while todo:
        for i, part in enumerate(todo):
            if part[0] == out[-1]:
                out = out + part[1:]
            elif part[-1] == out[0]:
                out = part + out[1:]
            else:
                continue
            todo.pop(i)
            break
        else:
            raise SystemExit(f"parts do not join: {len(todo)} left over")
    return out


def max_straight_vs_geodesic_m(path: list[tuple[float, float]]) -> float:
    """Largest distance from a lon/lat-straight edge's midpoint to the geodesic's midpoint."""
    worst = 0.0
    for (la1, lo1), (la2, lo2) in itertools.pairwise(path):
        az, _, dist = GEOD.inv(lo1, la1, lo2, la2)
        glon, glat, _ = GEOD.fwd(lo1, la1, az, dist / 2)
        _, _, gap = GEOD.inv(glon, glat, (lo1 + lo2) / 2, (la1 + la2) / 2)
        worst = max(worst, gap)
    return worst


def main(path: str) -> None:
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    for feature in data["features"]:
        props = feature["properties"]
        left, right = props["adm0_left"], props["adm0_right"]
        line = chain(feature["geometry"]["coordinates"])
        length = sum(GEOD.inv(a[1], a[0], b[1], b[0])[2] for a, b in itertools.pairwise(line))
        gap = max_straight_vs_geodesic_m(line)
        print(
            f"# {left}-{right}: {len(line)} vertices, {length / 1000:.1f} km, "
            f"straight-vs-geodesic gap up to {gap:.0f} m"
        )
        print("    lat_lon:")
        for lat, lon in line:
            print(f"      - [{lat:.7f}, {lon:.7f}]")


if __name__ == "__main__":
    main(sys.argv[1])
