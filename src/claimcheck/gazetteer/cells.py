"""The swapped-lat/lon warning, from the world layers' outlines by way of a precomputed table.

A place whose `country:` (an ISO code or a name) does not reach its position, but does reach the
position with latitude and longitude exchanged, is "swapped lat/lon?"; one that reaches neither
is "swapped lat/lon or wrong country?". A country reaches a position when its Natural Earth
outline (as the world layers store it) comes within the table's margin (6 km) of some point of
the position's 0.25-degree cell: scripts/build_world.py writes the table (world_cells.json and
world_cells.bin, see scripts/world_cells.py for the resolution and margin and why) so that this
check reads two rows of it per place and never the outlines themselves.

A country the world layers do not have (Natural Earth's six territories without an ISO code,
such as the Sovereign Base Areas) is checked against its bounding boxes instead.
"""

from __future__ import annotations

import json
import math
import sys
import zlib
from array import array
from functools import cache
from importlib import resources
from typing import Any

from claimcheck.grammar.countries import box_position_warning, find_country, label

#: metres in a degree of latitude at its shortest (the equator), so reaches err wide
_M_PER_DEG_LAT = 110_574.0


@cache
def _about() -> dict[str, Any]:
    text = resources.files("claimcheck.gazetteer").joinpath("data/world_cells.json")
    about: dict[str, Any] = json.loads(text.read_text("utf-8"))
    return about


@cache
def _blob() -> bytes:
    return resources.files("claimcheck.gazetteer").joinpath("data/world_cells.bin").read_bytes()


@cache
def _sets() -> tuple[frozenset[str], ...]:
    """Each cell value's country codes (value 0: none)."""
    return (frozenset(), *(frozenset(s.split()) for s in _about()["sets"]))


@cache
def _codes() -> frozenset[str]:
    return frozenset().union(*_sets())


@cache
def _row(row: int) -> array[int]:
    starts = _about()["row_starts"]
    cells = array("H", zlib.decompress(_blob()[starts[row] : starts[row + 1]]))
    if sys.byteorder == "big":
        cells.byteswap()
    return cells


def reaches(code: str, lat: float, lon: float) -> bool:
    """Whether the country's outline comes within the margin of the position's cell."""
    if not (-90.0 <= lat <= 90.0 and math.isfinite(lon)):
        return False
    about = _about()
    size = about["cell_deg"]
    row = min(int((lat + 90.0) // size), about["rows"] - 1)
    col = int(((lon + 180.0) % 360.0) // size) % about["cols"]
    return code in _sets()[_row(row)[col]]


def codes_near(lat: float, lon: float, radius_m: float) -> frozenset[str]:
    """Every country whose outline may come within `radius_m` of the position: those of the
    cells that reach that far (a country missing from them lies farther off)."""
    about = _about()
    size, rows, cols = about["cell_deg"], about["rows"], about["cols"]
    dlat = radius_m / _M_PER_DEG_LAT
    widest = min(abs(lat) + dlat, 90.0)
    dlon = 180.0 if widest > 89.0 else dlat / math.cos(math.radians(widest))
    row = min(int((lat + 90.0) // size), rows - 1)
    col = int(((lon + 180.0) % 360.0) // size) % cols
    reach_rows = math.ceil(dlat / size)
    reach_cols = min(math.ceil(dlon / size), cols // 2)
    found: set[str] = set()
    for r in range(max(row - reach_rows, 0), min(row + reach_rows, rows - 1) + 1):
        cells = _row(r)
        for c in range(col - reach_cols, col + reach_cols + 1):
            found |= _sets()[cells[c % cols]]
    return frozenset(found)


def margin_km() -> float:
    return float(_about()["margin_m"]) / 1000.0


def position_warning(lat: float, lon: float, country: str) -> str | None:
    """A warning when `country` does not reach the position, else None.

    Catches swapped lat/lon and wrong-country typos; it cannot prove a position is inside the
    country. An unknown country is not checked here (see grammar.countries.unknown_country).
    """
    found = find_country(country)
    if found is None:
        return None
    if found.code not in _codes():
        return box_position_warning(lat, lon, country)
    if reaches(found.code, lat, lon):
        return None
    where = (
        f"{lat:.4g}, {lon:.4g} lies more than {margin_km():g} km outside "
        f"{label(found, country)}'s outline (Natural Earth 1:10m)"
    )
    if reaches(found.code, lon, lat):
        return f"{where}: swapped lat/lon? {lon:.4g}, {lat:.4g} would be inside"
    return f"{where}: swapped lat/lon or wrong country?"
