"""Compass directions as people write them: "north-east", "NE", "NNW", "east of"."""

from __future__ import annotations

import re
from functools import lru_cache

from claimcheck.errors import ParseError
from claimcheck.frozen import frozen


class DirectionError(ParseError):
    """A direction word that is not a compass point."""


#: 16-point compass, clockwise from north; 8-point names are the even entries.
COMPASS_16 = (
    "N",
    "NNE",
    "NE",
    "ENE",
    "E",
    "ESE",
    "SE",
    "SSE",
    "S",
    "SSW",
    "SW",
    "WSW",
    "W",
    "WNW",
    "NW",
    "NNW",
)
#: Written direction names ("north-east", "northeast") -> compass symbol; shared with extract.
DIRECTION_WORDS = {
    "north": "N", "south": "S", "east": "E", "west": "W",
    "north-east": "NE", "northeast": "NE", "north east": "NE",
    "north-west": "NW", "northwest": "NW", "north west": "NW",
    "south-east": "SE", "southeast": "SE", "south east": "SE",
    "south-west": "SW", "southwest": "SW", "south west": "SW",
    "north-north-east": "NNE", "east-north-east": "ENE", "east-south-east": "ESE",
    "south-south-east": "SSE", "south-south-west": "SSW", "west-south-west": "WSW",
    "west-north-west": "WNW", "north-north-west": "NNW",
    # the two-word spellings news agencies and weather services also write
    "north-northeast": "NNE", "east-northeast": "ENE", "east-southeast": "ESE",
    "south-southeast": "SSE", "south-southwest": "SSW", "west-southwest": "WSW",
    "west-northwest": "WNW", "north-northwest": "NNW",
}  # fmt: skip


#: A cardinal name ("north") read on a four-point compass: any bearing nearer it than the next
#: cardinal point, the 90° cones of A. U. Frank's cone-shaped directions ("Qualitative spatial
#: reasoning about cardinal directions", Auto-Carto 10, 1991); on an eight-point compass ±22.5°.
FOUR_POINT_HALF_WIDTH_DEG = 45.0


@frozen
class Direction:
    """A compass direction as a sector of azimuths: centre ± half-width, in degrees."""

    name: str
    centre_deg: float
    half_width_deg: float
    #: a second, coarser reading: a cardinal name on a four-point compass (±45°, "Newcastle is
    #: north of Sydney" at 27°); None when the name has one reading (an intercardinal or
    #: 16-point name, a stated `direction_tolerance:`, a part of an area)
    coarse_half_width_deg: float | None = None

    @property
    def widest_half_width_deg(self) -> float:
        """The half-width of the most lenient reading: where the claim can hold."""
        return self.coarse_half_width_deg or self.half_width_deg

    def __str__(self) -> str:
        coarse = self.coarse_half_width_deg
        wider = "" if coarse is None else f", or ± {coarse:g}°"
        return f"{self.name} ({self.centre_deg:g}° ± {self.half_width_deg:g}°{wider})"


@lru_cache(maxsize=1024)
def parse_direction(
    text: str, half_width_deg: float | None = None, four_point: bool = True
) -> Direction:
    """Read "north-east", "NE" or "NNE"; 8-point names get ±22.5°, 16-point ones ±11.25°, and a
    cardinal name also its four-point reading, ±45° (`four_point`; not for a stated width)."""
    cleaned = " ".join(text.strip().lower().replace("_", "-").split())
    cleaned = cleaned.removesuffix(" of")
    symbol = DIRECTION_WORDS.get(cleaned, cleaned.upper())
    if symbol not in COMPASS_16:
        raise DirectionError(
            f"unknown direction {text!r}: use a compass point such as 'north-east' or 'NNW'"
        )
    index = COMPASS_16.index(symbol)
    default = 22.5 if len(symbol) <= 2 else 11.25
    width = default if half_width_deg is None else _half_width(half_width_deg)
    cardinal = four_point and half_width_deg is None and len(symbol) == 1
    return Direction(symbol, index * 22.5, width, FOUR_POINT_HALF_WIDTH_DEG if cardinal else None)


def _half_width(degrees: float) -> float:
    if not 0 < degrees <= 180:
        raise DirectionError(f"direction tolerance {degrees:g}° must lie in (0, 180]")
    return degrees


#: a half-width as people write it: "90", "90°", "22.5 degrees", "45 deg"
_ANGLE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(?:°|º|deg|degrees?)?\s*", re.IGNORECASE)


def parse_half_width(text: str) -> float:
    """A direction's half-width in degrees, written as a number, with a degree sign or with the
    word ("90", "90°", "22.5 degrees"): `direction_tolerance:` reads as people write angles."""
    match = _ANGLE.fullmatch(text)
    if match is None:
        raise DirectionError(
            f"direction tolerance {text!r} is not an angle: write the degrees either side of the "
            "direction, e.g. 45 or 45°"
        )
    return _half_width(float(match[1]))


def compass(azimuth_deg: float) -> str:
    """16-point compass name of an azimuth in degrees (any azimuth: it is normalised first)."""
    return COMPASS_16[int(((azimuth_deg % 360.0) + 11.25) // 22.5) % 16]
