"""Coordinates as people paste them: decimal pairs, DMS and hemisphere letters.

Without hemisphere letters a pair is read latitude first, longitude second: the order that
Google Maps, OpenStreetMap and Wikipedia's decimal display copy out. Letters (N/S, E/W, either
case, before or after each number) fix the axis whatever the order. Every rejection says why
and how to write the coordinate instead, because a silently swapped pair still parses.
"""

from __future__ import annotations

import math
import re

from claimcheck.errors import ParseError
from claimcheck.frozen import frozen


class CoordinateError(ParseError):
    """Text that is not a coordinate pair; the message says how to fix it."""


@frozen
class LatLon:
    """A WGS84 position in decimal degrees; `lon` is in [-180, 180)."""

    lat: float
    lon: float


_EXAMPLES = "write e.g. '33.50583, 38.61778' or '33°30′21″N 38°37′04″E'"

# One token each. Seconds come before minutes so that '' and ′′ (two minute marks) are seconds.
_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
    | (?P<number>[-+−]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))
    | (?P<sec>''|′′|’’|[″"”“ʺ])
    | (?P<min>[′'’‘´ʹ])
    | (?P<deg>[°º˚])
    | (?P<hemi>[NSEWnsew])
    | (?P<sep>[,;])
    """,
    re.VERBOSE,
)
_NOT_FINITE = re.compile(r"(?<![a-z])(?:nan|inf(?:inity)?)(?![a-z])", re.IGNORECASE)
_UNITS = ("deg", "min", "sec")
_UNIT_NAMES = {"deg": "degrees", "min": "minutes", "sec": "seconds"}


@frozen
class _Item:
    """One token of a written coordinate: a number, a hemisphere letter or a separator."""

    kind: str  # "number", "hemi" or "sep"
    text: str  # numbers without their unit mark, hemisphere letters upper-cased
    start: int
    end: int
    unit: str | None = None  # numbers: "deg", "min", "sec", or None when unmarked


@frozen
class _Half:
    """Latitude or longitude as written: its numbers, its hemisphere letter, its source text."""

    numbers: tuple[_Item, ...]
    hemi: str | None
    text: str


#: what a pasted coordinate pair is made of (digits, signs, marks, separators, N/S/E/W)
_POSITION_CHARS = re.compile(r"[\d\s.,;:+\-−°º˚′'’‘´ʹ″\"”“ʺNSEWnsew]+")


def parse_position(text: str) -> LatLon | None:
    """A position when `text` is written like one ("33.4369,38.8364", DMS, N/E letters), else
    None, so the caller treats it as a place name. Text made of coordinate characters that does
    not parse raises CoordinateError: a swapped or ambiguous pair is never guessed.
    """
    if not _POSITION_CHARS.fullmatch(text) or not any(c.isdigit() for c in text):
        return None
    return parse_coordinates(text)


def parse_coordinates(text: str) -> LatLon:
    """Read one position; raise CoordinateError with the reason and a fix."""
    if not text.strip():
        raise CoordinateError(f"no coordinates given: {_EXAMPLES}")
    not_finite = _NOT_FINITE.search(text)
    if not_finite:
        raise CoordinateError(f"{not_finite.group()!r} is not a finite number: {_EXAMPLES}")
    lat_half, lon_half = _lat_lon_halves(text)
    lat, lon = _degrees(lat_half), _degrees(lon_half)
    if not -90 <= lat <= 90:
        if lat_half.hemi is None and -90 <= lon <= 90:
            letters = ("N" if lon >= 0 else "S") + "/" + ("E" if lat >= 0 else "W")
            raise CoordinateError(
                f"latitude {lat_half.text} is out of range: did you swap lat/lon? write "
                f"'{lon_half.text}, {lat_half.text}' or add {letters} letters"
            )
        raise CoordinateError(f"latitude {lat_half.text} is out of range: it must be within ±90°")
    if not -360 <= lon <= 360:
        raise CoordinateError(f"longitude {lon_half.text} is out of range: it must be within ±180°")
    return LatLon(lat, _wrap(lon))


def written_steps(text: str) -> tuple[float, float]:
    """The step of the last digit written in the latitude and in the longitude, in degrees:
    (0.1, 0.1) for '29.8N 93.3W', (1/3600, 1/3600) for whole seconds. A position cannot be
    known more closely than its digits say (claimcheck.gazetteer.digits sizes that). Raises
    CoordinateError as parse_coordinates does."""
    parse_coordinates(text)  # every check, with its message
    lat_half, lon_half = _lat_lon_halves(text)
    return _step(lat_half), _step(lon_half)


def _step(half: _Half) -> float:
    """Degrees per unit of the last digit of the half's last number (degrees, minutes or
    seconds: the numbers come in that order)."""
    last = half.numbers[-1].text
    decimals = len(last.partition(".")[2])
    return 10.0**-decimals / 60 ** (len(half.numbers) - 1)


def _lat_lon_halves(text: str) -> tuple[_Half, _Half]:
    """Latitude's half, then longitude's: in the written order unless the letters say otherwise."""
    lat_half, lon_half = _halves(_items(text), text)
    if lat_half.hemi and lon_half.hemi:
        axes = {_axis(lat_half.hemi), _axis(lon_half.hemi)}
        if len(axes) == 1:
            marked, other = ("N/S", "E or W") if axes == {"lat"} else ("E/W", "N or S")
            raise CoordinateError(
                f"both numbers are marked {marked}: one of {lat_half.text!r} and "
                f"{lon_half.text!r} must be {other}"
            )
        if _axis(lat_half.hemi) == "lon":
            lat_half, lon_half = lon_half, lat_half
    return lat_half, lon_half


def _items(text: str) -> list[_Item]:
    """Numbers (with their unit marks), hemisphere letters and separators; nothing else."""
    items: list[_Item] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            rest = text[pos:].split()
            raise CoordinateError(
                f"unexpected {rest[0] if rest else text[pos]!r} at column {pos + 1}: give only "
                f"the two coordinates; {_EXAMPLES}"
            )
        kind, token = m.lastgroup or "", m.group()
        if kind in _UNITS:
            prev = items[-1] if items else None
            if prev is None or prev.kind != "number" or prev.unit is not None:
                raise CoordinateError(f"{token!r} at column {pos + 1} does not follow a number")
            items[-1] = _Item("number", prev.text, prev.start, m.end(), kind)
        elif kind == "number":
            items.append(_Item(kind, token.replace("−", "-"), m.start(), m.end()))
        elif kind != "space":
            items.append(_Item(kind, token.upper(), m.start(), m.end()))
        pos = m.end()
    return items


def _halves(items: list[_Item], text: str) -> tuple[_Half, _Half]:
    """Split at the hemisphere letters, else at the separator, else at the degree marks."""
    seps = [i for i, item in enumerate(items) if item.kind == "sep"]
    hemis = [i for i, item in enumerate(items) if item.kind == "hemi"]
    if len(seps) > 1:
        raise CoordinateError(
            f"{len(seps)} commas or semicolons: separate latitude and longitude with one, and "
            "write decimals with a point (33.5, not 33,5)"
        )
    if hemis:
        if len(hemis) != 2:
            letters = "".join(items[i].text for i in hemis)
            raise CoordinateError(
                f"hemisphere letters {letters!r}: give one for each number (33.5N 38.6E) or none "
                "(33.5, 38.6)"
            )
        if seps:  # allowed only next to a letter, between the halves: 33.5N, 38.6E / S 1, W 2
            s = seps[0]
            if s - 1 != hemis[0] and s + 1 != hemis[1]:
                raise CoordinateError(
                    f"a separator inside a coordinate at column {items[s].start + 1}: write "
                    "decimals with a point (33.5, not 33,5)"
                )
            items = items[:s] + items[s + 1 :]
            hemis = [i for i, item in enumerate(items) if item.kind == "hemi"]
        h1, h2 = hemis
        if h1 == 0:  # N33.5 E38.6
            spans = [(1, h2, h1), (h2 + 1, len(items), h2)]
        elif h2 == len(items) - 1:  # 33.5N 38.6E
            spans = [(0, h1, h1), (h1 + 1, h2, h2)]
        else:
            raise CoordinateError(
                "put both hemisphere letters before their numbers (N33.5 E38.6) or both after "
                "(33.5N 38.6E)"
            )
        first, second = (_half(items[a:b], items[h], text) for a, b, h in spans)
        return first, second
    if seps:
        s = seps[0]
        return _half(items[:s], None, text), _half(items[s + 1 :], None, text)
    starts = [i for i, item in enumerate(items) if item.unit == "deg"]
    if starts:
        if len(starts) != 2 or starts[0] != 0:
            raise CoordinateError(
                f"expected two values marked °, found {len(starts)}: separate latitude and "
                "longitude with a comma or add N/S and E/W letters"
            )
        split = starts[1]
    elif len(items) == 2:
        split = 1
    else:
        raise CoordinateError(
            f"cannot tell where the latitude ends in {len(items)} bare numbers: separate "
            "latitude and longitude with a comma or add N/S and E/W letters"
        )
    return _half(items[:split], None, text), _half(items[split:], None, text)


def _half(items: list[_Item], hemi: _Item | None, text: str) -> _Half:
    numbers = tuple(item for item in items if item.kind == "number")
    spans = [*items, hemi] if hemi else items
    if not numbers:
        where = f"for {hemi.text!r}" if hemi else "on one side of the separator"
        raise CoordinateError(f"no number {where}: {_EXAMPLES}")
    source = text[min(i.start for i in spans) : max(i.end for i in spans)]
    return _Half(numbers, hemi.text if hemi else None, source)


def _axis(letter: str) -> str:
    return "lat" if letter in "NS" else "lon"


def _degrees(half: _Half) -> float:
    """Signed decimal degrees from degrees[, minutes[, seconds]], marked or in that order."""
    if len(half.numbers) > 3:
        raise CoordinateError(
            f"{half.text!r} has {len(half.numbers)} numbers: at most degrees, minutes, seconds"
        )
    total = 0.0
    for i, number in enumerate(half.numbers):
        unit = _UNITS[i]
        if number.unit not in (None, unit):
            raise CoordinateError(
                f"{half.text!r} has {_UNIT_NAMES[number.unit]} where {_UNIT_NAMES[unit]} belong: "
                "write degrees°, minutes′ and seconds″ in that order"
            )
        value = float(number.text)
        if i > 0 and number.text[0] in "+-":
            raise CoordinateError(f"{half.text!r}: {_UNIT_NAMES[unit]} cannot carry a sign")
        if i > 0 and value >= 60:
            raise CoordinateError(
                f"{half.text!r}: {_UNIT_NAMES[unit]} {number.text} must be below 60"
            )
        if i < len(half.numbers) - 1 and not value.is_integer():
            raise CoordinateError(
                f"{half.text!r}: only the last of degrees, minutes and seconds may have decimals"
            )
        total += abs(value) / 60**i
    negative = half.numbers[0].text[0] == "-"
    if negative and half.hemi:
        raise CoordinateError(
            f"{half.text!r} has both a minus sign and a hemisphere letter: drop the minus "
            "sign (S and W already mean negative)"
        )
    return -total if negative or half.hemi in ("S", "W") else total


def _wrap(lon: float) -> float:
    """Longitude in [-180, 180); values already there are returned unchanged (no rounding)."""
    return lon if -180 <= lon < 180 else (lon + 180) % 360 - 180


def format_dms(lat: float, lon: float) -> str:
    """Degrees, minutes and seconds to 0.1″ (about 3 m), hemisphere letters last."""
    if not (math.isfinite(lat) and math.isfinite(lon)) or not -90 <= lat <= 90:
        raise CoordinateError(f"cannot format {lat}, {lon}: not a position")
    return f"{_dms(lat, 'N', 'S')} {_dms(_wrap(lon), 'E', 'W')}"


def _dms(value: float, positive: str, negative: str) -> str:
    tenths = round(abs(value) * 36000)  # tenths of a second, so rounding carries into minutes
    degrees, rest = divmod(tenths, 36000)
    minutes, tenths = divmod(rest, 600)
    letter = negative if value < 0 and (degrees or minutes or tenths) else positive
    return f"{degrees}°{minutes:02d}′{tenths // 10:02d}.{tenths % 10}″{letter}"
