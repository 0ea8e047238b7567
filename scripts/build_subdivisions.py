"""Write claimcheck/claims/extract/data/subdivisions.json: the states, provinces and territories
that news writes after a town ("East Prairie, Missouri"; "Medford, Oregon"; "Sunbury,
Victoria"), for `claimcheck extract`.

Names and ISO codes from ISO 3166-2 as Debian's `iso-codes` package ships it
(/usr/share/iso-codes/json/iso_3166-2.json, LGPL-2.1; `apt-get install iso-codes`): the
first-level subdivisions of the United States (states and the District of Columbia, not the
outlying areas, which are their own entries in ISO 3166-1), Canada and Australia. Each is given
the code GeoNames writes in its `admin1` column, which `claimcheck places import geonames`
keeps: for the United States the ISO code's second part ("MO"); for Canada and Australia
GeoNames' own numbers, written out here from GeoNames' admin1CodesASCII.txt (CC BY 4.0,
www.geonames.org: "CA.08 Ontario", "AU.07 Victoria"). A name that is also a country's
("Georgia") is left out: the country rules read it. The AP Stylebook's abbreviations of the
states ("Fla.", "N.Y.") are entries too, written with their full stops.

Usage: python scripts/build_subdivisions.py [ISO_3166_2_JSON] OUT.json
"""

from __future__ import annotations

import json
import sys
from typing import Any

#: GeoNames admin1 codes of Canada's and Australia's subdivisions (admin1CodesASCII.txt), by
#: their ISO 3166-2 code.
GEONAMES_ADMIN1 = {
    "CA-AB": "01", "CA-BC": "02", "CA-MB": "03", "CA-NB": "04", "CA-NL": "05", "CA-NS": "07",
    "CA-ON": "08", "CA-PE": "09", "CA-QC": "10", "CA-SK": "11", "CA-YT": "12", "CA-NT": "13",
    "CA-NU": "14",
    "AU-ACT": "01", "AU-NSW": "02", "AU-NT": "03", "AU-QLD": "04", "AU-SA": "05",
    "AU-TAS": "06", "AU-VIC": "07", "AU-WA": "08",
}  # fmt: skip
#: The AP Stylebook's abbreviations of state names after a town ("Daytona Beach, Fla."; its
#: "state names" entry, as Brown University's style guide lists them,
#: brown.edu/university-identity/content/state-names): eight states are never abbreviated.
AP_ABBREVIATIONS = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California",
    "Colo.": "Colorado", "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida",
    "Ga.": "Georgia", "Ill.": "Illinois", "Ind.": "Indiana", "Kan.": "Kansas", "Ky.": "Kentucky",
    "La.": "Louisiana", "Md.": "Maryland", "Mass.": "Massachusetts", "Mich.": "Michigan",
    "Minn.": "Minnesota", "Miss.": "Mississippi", "Mo.": "Missouri", "Mont.": "Montana",
    "Neb.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire", "N.J.": "New Jersey",
    "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina", "N.D.": "North Dakota",
    "Okla.": "Oklahoma", "Ore.": "Oregon", "Pa.": "Pennsylvania", "R.I.": "Rhode Island",
    "S.C.": "South Carolina", "S.D.": "South Dakota", "Tenn.": "Tennessee", "Vt.": "Vermont",
    "Va.": "Virginia", "Wash.": "Washington", "W.Va.": "West Virginia", "Wis.": "Wisconsin",
    "Wyo.": "Wyoming",
}  # fmt: skip
#: ISO 3166-2 types kept: the first level, not the outlying areas
TYPES = {"State", "District", "Province", "Territory"}
COUNTRY_NAMES = {"Georgia"}


def subdivisions(iso: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    """Name -> {"country", "iso", "admin1"}."""
    out: dict[str, dict[str, str]] = {}
    for row in iso:
        code = row["code"]
        country, _, part = code.partition("-")
        if country not in ("US", "CA", "AU") or row["type"] not in TYPES:
            continue
        if row["name"] in COUNTRY_NAMES:
            continue
        admin1 = part if country == "US" else GEONAMES_ADMIN1[code]
        out[row["name"]] = {"country": country, "iso": code, "admin1": admin1}
    # Georgia is left out by its name, but "Ga." after a town is only ever the state
    georgia = next(r for r in iso if r["code"] == "US-GA")
    states = {**out, "Georgia": {"country": "US", "iso": georgia["code"], "admin1": "GA"}}
    for short, name in AP_ABBREVIATIONS.items():
        out[short] = states[name]
    return dict(sorted(out.items()))


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    source = args[0] if len(args) > 1 else "/usr/share/iso-codes/json/iso_3166-2.json"
    out_path = args[-1]
    with open(source, encoding="utf-8") as handle:
        iso = json.load(handle)["3166-2"]
    table = {
        "source": "ISO 3166-2 (Debian iso-codes 4.15.0, iso_3166-2.json); admin1: GeoNames "
        "admin1CodesASCII.txt (CC BY 4.0); abbreviations: AP Stylebook, state names; written "
        "by scripts/build_subdivisions.py",
        "subdivisions": subdivisions(iso),
    }
    with open(out_path, "w", encoding="utf-8", newline="\n") as handle:
        json.dump(table, handle, ensure_ascii=False, indent=0, sort_keys=True)
        handle.write("\n")
    print(f"{out_path}: {len(table['subdivisions'])} subdivisions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
