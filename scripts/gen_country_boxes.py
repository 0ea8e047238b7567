"""Write src/claimcheck/grammar/countries.json: every country's bounding boxes, codes and names.

The swapped-lat/lon lint (claimcheck.grammar.countries) checks each place against the boxes of
its `country:`. Source: Natural Earth 1:10m Admin 0 countries, version 5.1.1, the German
point-of-view edition (ne_10m_admin_0_countries_deu), public domain (naturalearthdata.com), as
kept in the shared data folder (ne10m-admin0-countries-5.1.1.geojson.gz).

A country is the features that share its ISO 3166-1 alpha-2 code (ISO_A2_EH; ADM0_A3 where
Natural Earth has none, such as the Sovereign Base Areas), so France includes Clipperton. Each
polygon part gets the box of its vertices (Natural Earth draws edges straight in lon/lat, so the
vertices bound the part), and parts whose boxes come within MERGE_DEG of each other are merged,
which gathers archipelagos into a few boxes while French Guiana stays apart from France. Natural
Earth cuts polygons at the antimeridian; merging joins the two sides again, so a box may cross it
(west > east: Russia, Fiji, the Aleutians). Boxes are rounded outwards to 0.01°.

Codes (alpha-2 and alpha-3) and names (NAME, NAME_LONG, ADMIN, NAME_EN and every NAME_xx) are
keys under claimcheck.grammar.countries.country_key (case, accents and spacing folded). A code
always means its own country (Vietnamese "Áo", Austria, folds to Angola's AO); a name that two
countries share is listed as ambiguous instead.

Usage: python scripts/gen_country_boxes.py PATH/TO/ne10m-admin0-countries-5.1.1.geojson.gz
"""

from __future__ import annotations

import gzip
import json
import math
import sys
from pathlib import Path
from typing import Any

from claimcheck.grammar.countries import country_key

OUT = Path(__file__).resolve().parents[1] / "src" / "claimcheck" / "grammar" / "countries.json"
SOURCE = (
    "Natural Earth 1:10m Admin 0 countries, version 5.1.1, German point-of-view edition "
    "(ne_10m_admin_0_countries_deu), public domain, https://www.naturalearthdata.com"
)
#: Parts whose boxes come this close (degrees) share one box.
MERGE_DEG = 1.0
#: The main feature of a code gives its name: a sovereign country before its dependencies.
TYPE_ORDER = {"Sovereign country": 0, "Country": 1, "Disputed": 2, "Indeterminate": 3}

Arc = tuple[float, float]  # (west longitude, width eastwards), degrees
Box = tuple[float, float, Arc]  # (south, north, longitudes)


def _arc_near(a: Arc, b: Arc, margin: float) -> bool:
    def inside(lon: float, arc: Arc) -> bool:
        return (lon - (arc[0] - margin)) % 360.0 <= arc[1] + 2.0 * margin

    return inside(a[0], b) or inside(b[0], a)


def _arc_union(a: Arc, b: Arc) -> Arc:
    """The shorter of the two arcs that start at one and reach round the other."""
    best = min(
        ((s[0], max(s[1], (o[0] - s[0]) % 360.0 + o[1])) for s, o in ((a, b), (b, a))),
        key=lambda arc: arc[1],
    )
    return (-180.0, 360.0) if best[1] >= 360.0 else best


def merged(boxes: list[Box]) -> list[Box]:
    """Merge boxes that come within MERGE_DEG of each other until none do."""
    boxes = list(boxes)
    changed = True
    while changed:
        changed = False
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                (s1, n1, a1), (s2, n2, a2) = boxes[i], boxes[j]
                if s1 - MERGE_DEG <= n2 and s2 - MERGE_DEG <= n1 and _arc_near(a1, a2, MERGE_DEG):
                    boxes[i] = (min(s1, s2), max(n1, n2), _arc_union(a1, a2))
                    del boxes[j]
                    changed = True
                    break
            if changed:
                break
    return boxes


def _outwards(box: Box) -> list[float]:
    south, north, (west, width) = box
    east = west + width
    if width >= 360.0:
        west, east = -180.0, 180.0
    down = [math.floor(south * 100) / 100, math.ceil(north * 100) / 100]
    lons = [math.floor(west * 100) / 100, math.ceil(east * 100) / 100]
    lons = [lon if -180.0 <= lon <= 180.0 else (lon + 180.0) % 360.0 - 180.0 for lon in lons]
    return [round(v, 2) for v in (*down, *lons)]


def main(path: str) -> None:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        features: list[dict[str, Any]] = json.load(handle)["features"]
    parts: dict[str, list[Box]] = {}
    main_feature: dict[str, dict[str, Any]] = {}
    codes: dict[str, str] = {}
    names: dict[str, set[str]] = {}
    for feature in features:
        props = feature["properties"]
        code = props["ISO_A2_EH"] if props["ISO_A2_EH"] != "-99" else props["ADM0_A3"]
        geometry = feature["geometry"]
        polygons = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            lons = [lon for lon, _lat in polygon[0]]
            lats = [lat for _lon, lat in polygon[0]]
            box = (min(lats), max(lats), (min(lons), max(lons) - min(lons)))
            parts.setdefault(code, []).append(box)
        rank = TYPE_ORDER.get(props["TYPE"], 9)
        if code not in main_feature or rank < TYPE_ORDER.get(main_feature[code]["TYPE"], 9):
            main_feature[code] = props
        for written in (code, props["ISO_A3_EH"], props["ADM0_A3"]):
            if written != "-99":
                codes.setdefault(country_key(written), code)
        written_names = [props["NAME"], props["NAME_LONG"], props["ADMIN"]]
        written_names += [v for k, v in props.items() if k.startswith("NAME_")]
        for name in written_names:
            if isinstance(name, str) and name.strip():
                names.setdefault(country_key(name), set()).add(code)
    countries = {
        code: {
            "name": main_feature[code]["NAME"],
            "boxes": sorted(_outwards(b) for b in merged(parts[code])),
        }
        for code in sorted(parts)
    }
    # a code always means its country: Vietnamese "Áo" (Austria) folds to AO, Angola's code
    names = {key: found for key, found in names.items() if key not in codes}
    unique = codes | {key: next(iter(found)) for key, found in names.items() if len(found) == 1}
    unique = dict(sorted(unique.items()))
    ambiguous = {key: sorted(found) for key, found in sorted(names.items()) if len(found) > 1}
    lines = [
        "{",
        f'"source": {json.dumps(SOURCE)},',
        '"generated_by": "scripts/gen_country_boxes.py",',
        f'"merge_deg": {MERGE_DEG},',
        '"countries": {',
        ",\n".join(
            f"{json.dumps(c)}: {json.dumps(v, ensure_ascii=False)}" for c, v in countries.items()
        ),
        "},",
        f'"names": {json.dumps(unique, ensure_ascii=False, sort_keys=True)},',
        f'"ambiguous": {json.dumps(ambiguous, ensure_ascii=False, sort_keys=True)}',
        "}",
    ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    boxes = sum(len(c["boxes"]) for c in countries.values())
    print(f"{len(countries)} countries, {boxes} boxes, {len(unique)} names -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
