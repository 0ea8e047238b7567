"""How big an input may be: limits far above any real use, so hostile or broken input fails fast.

Each limit is checked before the work it bounds and fails with exit 2 and a message that names
it; docs/robustness.md lists them with what they cost. Real files are far smaller: the bundled
gazetteer is 26 places, the longest real border in the tests 10,036 vertices, place names a few
dozen characters.
"""

from __future__ import annotations

#: Bytes in one claims, places (YAML or GeoJSON) or article file. Loading YAML takes about 50
#: bytes of memory per byte of file (PyYAML's node tree), so this bounds memory near 3 GB.
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Claims in one claims file (a newsroom's file holds hundreds).
MAX_CLAIMS = 100_000
#: Places in one places file.
MAX_PLACES = 200_000
#: Vertices of one line or polygon, all rings together.
MAX_VERTICES = 1_000_000
#: Holes in one polygon.
MAX_HOLES = 10_000
#: Characters in an id, a name, an alias, a country, an admin area, a place reference or a
#: figure ("more than 45 mi"): the longest place names are under 100.
MAX_NAME_CHARS = 500
#: Aliases of one place.
MAX_ALIASES = 1_000


def too_many(what: str, count: int, limit: int) -> str:
    """The message for a count over its limit."""
    return f"{count:,} {what}: more than the limit of {limit:,} (see docs/robustness.md)"
