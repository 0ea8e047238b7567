"""Generate a large, realistic claims file and gazetteer for benchmarks.

Places are points scattered over the Syria-Iraq-Jordan border region, each with a source and an
uncertainty, plus a few zones; claims use every assertion kind and many written forms of
relations and units, as a newsroom's real file would. Output is deterministic for a given seed.

    python bench/generate.py 10000 /tmp/bench   # writes claims.yaml and places.yaml there
"""

from __future__ import annotations

import argparse
import os
import random
import zipfile
from dataclasses import dataclass
from pathlib import Path

#: Roughly the al-Tanf / Badia region: where the seed story's places are.
LAT_RANGE = (32.0, 36.5)
LON_RANGE = (36.0, 42.0)
DIRECTIONS = ("north", "south-east", "west", "NNE", "east-north-east", "south-west")
UNITS = ("km", "mi", "miles", "kilometres", "nmi", "m")
BUNDLED_PLACES = Path(__file__).resolve().parents[1] / "data" / "places.yaml"


@dataclass(frozen=True)
class Generated:
    """Where the files went and how many entries each holds."""

    claims_path: str
    places_path: str
    claims: int
    places: int


def _place(i: int, rng: random.Random) -> str:
    lat = rng.uniform(*LAT_RANGE)
    lon = rng.uniform(*LON_RANGE)
    unc = rng.choice(("500 m", "1 km", "2 km", "5 km", "8 km"))
    return (
        f"  - id: p{i:06d}\n"
        f"    name: Generated place {i}\n"
        f"    aliases: [Place {i}]\n"
        f"    country: SY\n"
        f"    lat: {lat:.5f}\n"
        f"    lon: {lon:.5f}\n"
        f"    uncertainty: {unc}\n"
        f"    source:\n"
        f"      title: Benchmark generator, place {i}\n"
        f"      url: https://example.org/places/{i}\n"
    )


def _zone(z: int, centre: int, rng: random.Random) -> str:
    radius = rng.choice((25, 34, 55, 70))
    return (
        f"  - id: zone{z:03d}\n"
        f"    name: Generated zone {z}\n"
        f"    kind: zone\n"
        f"    centre: p{centre:06d}\n"
        f"    radius: {radius} km\n"
        f"    uncertainty: 1 km\n"
        f"    source: Benchmark generator, zone {z}\n"
    )


def _figure(rng: random.Random) -> str:
    n = rng.choice((5, 10, 12, 20, 24, 34, 45, 55, 70, 100, 150))
    unit = rng.choice(UNITS)
    if unit == "m":
        n *= 1000
    form = rng.randrange(8)
    if form == 0:
        return f"more than {n} {unit}"
    if form == 1:
        return f"about {n} {unit}"
    if form == 2:
        return f"less than {n} {unit}"
    if form == 3:
        return f"between {n} and {n * 2} {unit}"
    if form == 4:
        return f"at least {n} {unit}"
    if form == 5:
        return f"within {n} {unit}"
    if form == 6:
        return f"roughly {n} {unit}"
    return f"{n} {unit}"


def _claim(i: int, n_places: int, n_zones: int, rng: random.Random) -> str:
    a, b = rng.sample(range(n_places), 2)
    head = (
        f"  - id: c{i:06d}\n"
        f"    claimant: Generated claimant {i % 97}\n"
        f"    source:\n"
        f"      title: Benchmark report {i // 10}\n"
        f"      date: 2017-06-{1 + i % 28:02d}\n"
        f"    subject: p{a:06d}\n"
    )
    kind = rng.randrange(10)
    if kind < 6:
        figure = _figure(rng)
        return (
            head + f"    quote: the strike hit place {a}, {figure} from place {b}\n"
            f"    distance: {figure}\n"
            f"    from: p{b:06d}\n"
        )
    if kind < 7:
        figure, direction = _figure(rng), rng.choice(DIRECTIONS)
        return (
            head + f"    quote: place {a} lies {figure} {direction} of place {b}\n"
            f"    distance: {figure}\n"
            f"    direction: {direction}\n"
            f"    from: p{b:06d}\n"
        )
    if kind < 8:
        direction = rng.choice(DIRECTIONS)
        return (
            head + f"    quote: place {a} is {direction} of place {b}\n"
            f"    direction: {direction}\n"
            f"    from: p{b:06d}\n"
        )
    if kind < 9:
        return head + f"    quote: near place {b}\n    near: p{b:06d}\n"
    zone = rng.randrange(n_zones)
    word = rng.choice(("inside", "outside"))
    return head + f"    quote: place {a} was {word} the zone\n    {word}: zone{zone:03d}\n"


def generate(n_claims: int, directory: str, seed: int = 2017) -> Generated:
    """Write claims.yaml and places.yaml with `n_claims` claims into `directory`."""
    rng = random.Random(seed)
    n_places = max(50, n_claims // 5)
    n_zones = max(1, n_places // 200)
    os.makedirs(directory, exist_ok=True)
    places_path = os.path.join(directory, "places.yaml")
    claims_path = os.path.join(directory, "claims.yaml")
    with open(places_path, "w", encoding="utf-8") as out:
        out.write("places:\n")
        for i in range(n_places):
            out.write(_place(i, rng))
        for z in range(n_zones):
            out.write(_zone(z, rng.randrange(n_places), rng))
    with open(claims_path, "w", encoding="utf-8") as out:
        out.write("claims:\n")
        for i in range(n_claims):
            out.write(_claim(i, n_places, n_zones, rng))
    return Generated(claims_path, places_path, n_claims, n_places + n_zones)


def lines_places(directory: str, lines: int = 2, vertices: int = 10_000, seed: int = 2017) -> str:
    """The bundled places plus `lines` lines of `vertices` vertices each; returns the path.

    Each line is a random walk of ~100 m steps across the region, written as the bundled
    borders are (`- [lat, lon]`, seven decimals). For `distance` between two bundled points:
    the command must still read and check every vertex, and should build nothing from them.
    """
    rng = random.Random(seed)
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, "places-lines.yaml")
    with open(BUNDLED_PLACES, encoding="utf-8") as handle:
        bundled = handle.read().rstrip("\n")
    with open(path, "w", encoding="utf-8") as out:
        out.write(bundled + "\n")
        for k in range(lines):
            lat, lon = rng.uniform(*LAT_RANGE), rng.uniform(*LON_RANGE)
            out.write(
                f"  - id: long-line-{k}\n    name: Long line {k}\n    kind: line\n"
                f"    uncertainty: 1 km\n    source: Benchmark generator, line {k}\n    lat_lon:\n"
            )
            for _ in range(vertices):
                lat += rng.uniform(-0.0009, 0.0009)
                lon += rng.uniform(-0.0009, 0.0009)
                out.write(f"      - [{lat:.7f}, {lon:.7f}]\n")
    return path


# --- GeoNames dumps -----------------------------------------------------------------------------

#: Arabic-style place-name parts: (romanised with macrons, ASCII, Arabic script)
_GN_PREFIXES = [("", "", ""), ("", "", ""), ("", "", ""), ("Tall", "Tall", "تل"),
                ("Bi’r", "Bir", "بئر"), ("Khirbat", "Khirbat", "خربة"),
                ("Jabal", "Jabal", "جبل"), ("Wādī", "Wadi", "وادي"), ("‘Ayn", "Ayn", "عين"),
                ("Qaryat", "Qaryat", "قرية")]  # fmt: skip
_GN_CONSONANTS = [("b", "ب"), ("t", "ت"), ("th", "ث"), ("j", "ج"), ("ḩ", "ح"), ("kh", "خ"),
                  ("d", "د"), ("r", "ر"), ("z", "ز"), ("s", "س"), ("sh", "ش"), ("f", "ف"),
                  ("q", "ق"), ("k", "ك"), ("l", "ل"), ("m", "م"), ("n", "ن"), ("w", "و"),
                  ("y", "ي")]  # fmt: skip
#: (romanised, ASCII, Arabic): short vowels are not written in Arabic script, long ones are
_GN_VOWELS = [("a", "a", ""), ("i", "i", ""), ("u", "u", ""), ("ā", "a", "ا"), ("ī", "i", "ي"),
              ("ū", "u", "و")]  # fmt: skip
_GN_SUN = {"t", "th", "d", "r", "z", "s", "sh", "n"}
_GN_CODES = [("P", "PPL"), ("P", "PPLL"), ("H", "WAD"), ("T", "HLL"), ("S", "FRM"), ("L", "LCTY")]
_GN_LANGUAGES = ["ar", "ar", "en", "fr", "", "link"]


@dataclass(frozen=True)
class GeneratedDump:
    """A GeoNames-format dump and its alternateNamesV2 file, zipped as geonames.org serves them."""

    dump_path: str
    alternates_path: str
    rows: int
    #: every row's ASCII name: the pool that lookup benchmarks draw their queries from
    ascii_names: tuple[str, ...]


def _gn_stem(rng: random.Random) -> tuple[str, str, str, str]:
    """(romanised, ASCII, Arabic, first consonant) of a 2-3 syllable stem."""
    roman = ascii_ = arabic = ""
    first = ""
    for _ in range(rng.randint(2, 3)):
        (c, c_ar), (v, v_ascii, v_ar) = rng.choice(_GN_CONSONANTS), rng.choice(_GN_VOWELS)
        first = first or c
        roman, ascii_, arabic = (
            roman + c + v,
            ascii_ + c.replace("ḩ", "h") + v_ascii,
            arabic + c_ar + v_ar,
        )
    tail, tail_ar = rng.choice(
        [("", ""), ("", ""), ("ah", "ة"), ("n", "ن"), ("r", "ر"), ("īyah", "ية")]
    )
    ascii_tail = tail.replace("ī", "i")
    return (roman + tail).capitalize(), (ascii_ + ascii_tail).capitalize(), arabic + tail_ar, first


def _gn_name(rng: random.Random, lexicon: list[tuple[str, str, str, str]]) -> tuple[str, str, str]:
    roman, ascii_, arabic, first = rng.choice(lexicon)
    if rng.random() < 0.5:
        article = f"A{first}" if first in _GN_SUN and rng.random() < 0.7 else "Al"
        roman, ascii_, arabic = f"{article} {roman}", f"{article} {ascii_}", f"ال{arabic}"
    prefix = rng.choice(_GN_PREFIXES)
    if prefix[0]:
        roman, ascii_ = f"{prefix[0]} {roman}", f"{prefix[1]} {ascii_}"
        arabic = f"{prefix[2]} {arabic}"
    return roman, ascii_, arabic


def geonames_dump(directory: str, rows: int = 100_000, seed: int = 2017) -> GeneratedDump:
    """Write `rows` rows shaped like the Syrian GeoNames dump, zipped, and their alternate names.

    Like SY.txt: a romanised `name` with diacritics, its ASCII `asciiname`, 0-3 alternate names in
    Latin script plus the Arabic-script name in most rows, coordinates in Syria and Iraq,
    feature classes P/H/T/S/L. Stems come from a 5,000-word lexicon, so full names repeat as they
    do in real dumps (the importer spells each distinct name once). alternateNamesV2 adds, for
    about half the rows, names in Arabic, English, French or no language, and links (which are
    not names). Both files are written as .txt inside a .zip named as geonames.org names them.
    """
    rng = random.Random(seed)
    lexicon = [_gn_stem(rng) for _ in range(5_000)]
    os.makedirs(directory, exist_ok=True)
    dump_txt, alt_txt = [], []
    pool = []
    alternate_id = 1
    for i in range(rows):
        geonameid = 1_000_000 + i
        roman, ascii_, arabic = _gn_name(rng, lexicon)
        alternates = [_gn_name(rng, lexicon)[1] for _ in range(rng.randint(0, 3))]
        if rng.random() < 0.8:
            alternates.append(arabic)
        fclass, fcode = rng.choice(_GN_CODES)
        country = rng.choice(["SY", "IQ"])
        lat, lon = rng.uniform(32.3, 37.2), rng.uniform(35.8, 47.0)
        fields = [
            str(geonameid), roman, ascii_, ",".join(alternates), f"{lat:.5f}", f"{lon:.5f}",
            fclass, fcode, country, "", f"{rng.randint(1, 14):02d}", "", "", "",
            str(rng.choice([0, 0, 0, 120, 2500])), "", str(rng.randint(150, 900)),
            "Asia/Damascus" if country == "SY" else "Asia/Baghdad", "2017-06-06",
        ]  # fmt: skip
        dump_txt.append("\t".join(fields) + "\n")
        pool.append(ascii_)
        if rng.random() < 0.5:
            for _ in range(rng.randint(1, 3)):
                language = rng.choice(_GN_LANGUAGES)
                if language == "link":
                    name = f"https://en.wikipedia.org/wiki/{ascii_.replace(' ', '_')}"
                elif language == "ar":
                    name = _gn_name(rng, lexicon)[2]
                else:
                    name = _gn_name(rng, lexicon)[0]
                preferred = "1" if rng.random() < 0.1 else ""
                alt_txt.append(
                    f"{alternate_id}\t{geonameid}\t{language}\t{name}\t{preferred}\t\t\t\t\t\n"
                )
                alternate_id += 1
    dump_path = os.path.join(directory, "SY.zip")
    alternates_path = os.path.join(directory, "alternateNamesV2.zip")
    with zipfile.ZipFile(dump_path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("SY.txt", "".join(dump_txt))
        zf.writestr("readme.txt", "Generated by bench/generate.py in the GeoNames dump format.\n")
    with zipfile.ZipFile(alternates_path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("alternateNamesV2.txt", "".join(alt_txt))
        zf.writestr("iso-languagecodes.txt", "ISO 639-3\tISO 639-2\tISO 639-1\tLanguage Name\n")
    return GeneratedDump(dump_path, alternates_path, rows, tuple(pool))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claims", type=int, help="number of claims")
    parser.add_argument("directory", help="where to write claims.yaml and places.yaml")
    parser.add_argument("--seed", type=int, default=2017)
    args = parser.parse_args()
    made = generate(args.claims, args.directory, args.seed)
    print(f"{made.claims} claims in {made.claims_path}; {made.places} places in {made.places_path}")


if __name__ == "__main__":
    main()
