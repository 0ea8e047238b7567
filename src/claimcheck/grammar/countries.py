"""Countries by code or name, and their bounding boxes.

`country: SY`, `country: syr` and `country: Syria` (or سوريا, Syrie, Сирия) are the same
country: ISO 3166-1 alpha-2 and alpha-3 codes and the names Natural Earth gives in English and
27 other languages, matched without regard to case, accents or spacing. The boxes come from
Natural Earth 1:10m Admin 0 countries 5.1.1 (countries.json, written by
scripts/gen_country_boxes.py, which says how): one box per group of nearby parts, so France's
box does not take in French Guiana; a box with west > east crosses the antimeridian.

The swapped-lat/lon lint (claimcheck.gazetteer.cells) tests positions against the countries'
outlines; `box_position_warning` is its fallback for the few territories the world layers do
not have as countries (the Sovereign Base Areas, Guantanamo Bay, the Spratly Islands, ...).
"""

from __future__ import annotations

import difflib
import json
import unicodedata
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from claimcheck.frozen import frozen

#: A position this close (degrees) outside every box of its country is not reported: boxes are
#: drawn from 1:10m outlines, and a point offshore or on a small island they leave out is fine.
BBOX_MARGIN_DEG = 0.5

#: (south, north, west, east) in degrees; west > east when the box crosses the antimeridian.
Box = tuple[float, float, float, float]


@frozen
class Country:
    """A country as Natural Earth draws it: its code, English name and bounding boxes."""

    #: ISO 3166-1 alpha-2 (Natural Earth's ADM0_A3 where ISO has none)
    code: str
    name: str
    boxes: tuple[Box, ...]


def country_key(text: str) -> str:
    """How a code or name is looked up: case, accents, punctuation spacing and width folded."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.replace(".", " ").split())


@cache
def _table() -> dict[str, Any]:
    text = resources.files("claimcheck.grammar").joinpath("countries.json").read_text("utf-8")
    table: dict[str, Any] = json.loads(text)
    return table


@lru_cache(maxsize=4096)
def find_country(text: str) -> Country | None:
    """The country a code or name means, or None (unknown, or a name two countries share)."""
    table = _table()
    code = table["names"].get(country_key(text))
    if code is None:
        return None
    entry = table["countries"][code]
    return Country(code, entry["name"], tuple(tuple(b) for b in entry["boxes"]))


def same_country(a: str, b: str) -> bool:
    """Whether two `country:` values name the same country ("SY" and "Syria" do)."""
    if a.casefold() == b.casefold():
        return True
    found_a, found_b = find_country(a), find_country(b)
    return found_a is not None and found_b is not None and found_a.code == found_b.code


def unknown_country(text: str) -> str | None:
    """Why `text` names no country (with a suggestion), or None when it names one."""
    if find_country(text) is not None:
        return None
    unchecked = "its positions are not checked against the country's outline"
    shared = _table()["ambiguous"].get(country_key(text))
    if shared:
        return f"{text!r} can mean {' or '.join(shared)}: write the ISO code ({unchecked})"
    names = _table()["names"]
    close = difflib.get_close_matches(country_key(text), list(names), n=1, cutoff=0.8)
    hint = ""
    if close:
        code = names[close[0]]
        hint = f": did you mean {_table()['countries'][code]['name']!r} ({code})?"
    return (
        f"unknown country {text!r}{hint} (write an ISO 3166 code such as SY, or a name such as "
        f"Syria); {unchecked}"
    )


def label(found: Country, written: str) -> str:
    """How a warning names the country: its code, or the name as written and its code."""
    if found.code.casefold() == written.casefold():
        return found.code
    return f"{written} ({found.code})"


def box_position_warning(lat: float, lon: float, country: str) -> str | None:
    """A warning when a position lies well outside its country's boxes, else None.

    Catches swapped lat/lon and wrong-country typos; it cannot prove a position is inside the
    country. An unknown country is not checked here (see `unknown_country`).
    """
    found = find_country(country)
    if found is None or any(_in_box(lat, lon, box) for box in found.boxes):
        return None
    where = f"{lat:.4g}, {lon:.4g} lies outside {label(found, country)}'s bounding box"
    if len(found.boxes) > 1:
        where += "es"
    largest = max(found.boxes, key=_box_size)
    extent = f"{_deg(largest[0], 'N', 'S')}–{_deg(largest[1], 'N', 'S')}, " + (
        f"{_deg(largest[2], 'E', 'W')}–{_deg(largest[3], 'E', 'W')}"
    )
    where += f" ({extent})" if len(found.boxes) == 1 else f" (the largest: {extent})"
    if any(_in_box(lon, lat, box) for box in found.boxes):
        return f"{where}: swapped lat/lon? {lon:.4g}, {lat:.4g} would be inside"
    return f"{where}: swapped lat/lon or wrong country?"


def _in_box(lat: float, lon: float, box: Box) -> bool:
    south, north, west, east = box
    m = BBOX_MARGIN_DEG
    if not south - m <= lat <= north + m:
        return False
    width = (east - west) % 360.0 if west != east else 0.0
    if west == -180.0 and east == 180.0:
        return True
    return (lon - (west - m)) % 360.0 <= width + 2 * m


def _box_size(box: Box) -> float:
    south, north, west, east = box
    return (north - south) * ((east - west) % 360.0)


def _deg(value: float, positive: str, negative: str) -> str:
    return f"{abs(value):.1f}°{positive if value >= 0 else negative}"
