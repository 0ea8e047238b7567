"""Compass directions as people write them: "north-east", "NE", "NNW", "east of"."""

from __future__ import annotations

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


@frozen
class Direction:
    """A compass direction as a sector of azimuths: centre ± half-width, in degrees."""

    name: str
    centre_deg: float
    half_width_deg: float

    def __str__(self) -> str:
        return f"{self.name} ({self.centre_deg:g}° ± {self.half_width_deg:g}°)"


@lru_cache(maxsize=1024)
def parse_direction(text: str, half_width_deg: float | None = None) -> Direction:
    """Read "north-east", "NE" or "NNE"; 8-point names get ±22.5°, 16-point ones ±11.25°."""
    cleaned = " ".join(text.strip().lower().replace("_", "-").split())
    cleaned = cleaned.removesuffix(" of")
    symbol = DIRECTION_WORDS.get(cleaned, cleaned.upper())
    if symbol not in COMPASS_16:
        raise DirectionError(
            f"unknown direction {text!r}: use a compass point such as 'north-east' or 'NNW'"
        )
    index = COMPASS_16.index(symbol)
    default = 22.5 if len(symbol) <= 2 else 11.25
    width = default if half_width_deg is None else half_width_deg
    if not 0 < width <= 180:
        raise DirectionError(f"direction tolerance {width}° must lie in (0, 180]")
    return Direction(symbol, index * 22.5, width)


def compass(azimuth_deg: float) -> str:
    """16-point compass name of an azimuth in degrees (any azimuth: it is normalised first)."""
    return COMPASS_16[int(((azimuth_deg % 360.0) + 11.25) // 22.5) % 16]
