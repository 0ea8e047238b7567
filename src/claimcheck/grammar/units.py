"""Length units and written figures ("45 miles", "34-mile", "55km", "1,200 m", "half a mile").

One grammar serves the data files, `--where` constraints and `extract`, so a figure means the
same thing wherever a user writes it.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

from claimcheck.errors import Kind, ParseError, shown
from claimcheck.frozen import frozen


class UnitError(ParseError):
    """A figure or unit that cannot be read."""


class Unit(Kind):
    """A length unit; the value is its symbol, as written in JSON output."""

    M = "m"
    KM = "km"
    MI = "mi"
    NMI = "nmi"
    YD = "yd"
    FT = "ft"

    @property
    def metres(self) -> float:
        """Exact length of one unit in metres (international yard and mile, 1959)."""
        return _METRES[self]


_METRES = {
    Unit.M: 1.0,
    Unit.KM: 1000.0,
    Unit.MI: 1609.344,
    Unit.NMI: 1852.0,
    Unit.YD: 0.9144,
    Unit.FT: 0.3048,
}

#: The units a figure in each unit is often converted from in news copy ("50 km (31 miles)"):
#: a figure may keep digits its original never had (grammar.precision.converted_reading).
#: Nautical miles are left out: rare in converted copy, they would read the USGS's own "37 km"
#: as 20 nmi converted.
CONVERTED_FROM: dict[Unit, tuple[Unit, ...]] = {
    Unit.MI: (Unit.KM,),
    Unit.KM: (Unit.MI,),
    Unit.NMI: (),
    Unit.M: (Unit.FT, Unit.YD),
    Unit.FT: (Unit.M,),
    Unit.YD: (Unit.M,),
}

#: Every written form, lower case, mapped to its unit. Plurals and British/US spellings included.
UNIT_WORDS: dict[str, Unit] = {
    **dict.fromkeys(["m", "metre", "metres", "meter", "meters"], Unit.M),
    **dict.fromkeys(
        ["km", "kms", "kilometre", "kilometres", "kilometer", "kilometers", "klicks"], Unit.KM
    ),
    **dict.fromkeys(["mi", "mile", "miles", "statute mile", "statute miles"], Unit.MI),
    **dict.fromkeys(
        ["nmi", "nm", "nautical mile", "nautical miles", "nautical-mile", "nautical-miles"],
        Unit.NMI,
    ),
    **dict.fromkeys(["yd", "yds", "yard", "yards"], Unit.YD),
    **dict.fromkeys(["ft", "foot", "feet"], Unit.FT),
}

#: Numbers written as words, as reporters use them for small figures.
NUMBER_WORDS: dict[str, Decimal] = {
    word: Decimal(i)
    for i, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {
    "a": Decimal(1),
    "an": Decimal(1),
    "half a": Decimal("0.5"),
    "half an": Decimal("0.5"),
    "thirty": Decimal(30),
    "forty": Decimal(40),
    "fifty": Decimal(50),
    "sixty": Decimal(60),
    "seventy": Decimal(70),
    "eighty": Decimal(80),
    "ninety": Decimal(90),
    "a hundred": Decimal(100),
    "one hundred": Decimal(100),
}
#: Dozens and hundreds as numbers ("more than a dozen km"); bare, "a dozen" is a vague range.
NUMBER_WORDS |= {"a dozen": Decimal(12), "half a dozen": Decimal(6)} | {
    f"{word} hundred": NUMBER_WORDS[word] * 100
    for word in ("two", "three", "four", "five", "six", "seven", "eight", "nine")
}
NUMBER_WORDS |= {"a thousand": Decimal(1000), "one thousand": Decimal(1000)}
#: Fractions as words, spaced or hyphenated to the unit: "a quarter-mile", "a half-mile",
#: "three-quarter mile" (a "quarter mile" is a quarter of a mile: Merriam-Webster, "quarter").
NUMBER_WORDS |= {
    "a quarter": Decimal("0.25"), "quarter": Decimal("0.25"), "a half": Decimal("0.5"),
    "half": Decimal("0.5"), "three-quarter": Decimal("0.75"), "three quarter": Decimal("0.75"),
    "a quarter of a": Decimal("0.25"), "three quarters of a": Decimal("0.75"),
    "three-quarters of a": Decimal("0.75"),
}  # fmt: skip
#: "one and a half", "two and a half miles": a whole number and a half, so that "a half" in
#: them is never read alone as 0.5.
NUMBER_WORDS |= {
    f"{word} and a half": NUMBER_WORDS[word] + Decimal("0.5")
    for word in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
}
#: Compound number words: "twenty-five", "forty five".
NUMBER_WORDS |= {
    f"{tens}{sep}{unit}": NUMBER_WORDS[tens] + NUMBER_WORDS[unit]
    for tens in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
    for unit in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
    for sep in ("-", " ")
}

_UNIT_ALTERNATION = "|".join(sorted((re.escape(w) for w in UNIT_WORDS), key=len, reverse=True))
_NUMBER_WORD_ALTERNATION = "|".join(
    sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True)
)
#: A number in digits ("45", "1,200", "2.5") or in words ("two", "half a").
NUMBER_PATTERN = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:{_NUMBER_WORD_ALTERNATION}))"
)
#: A unit word; a hyphen or no space may join it to the number ("34-mile", "55km").
UNIT_PATTERN = rf"(?:{_UNIT_ALTERNATION})"
FIGURE_RE = re.compile(
    rf"(?P<number>{NUMBER_PATTERN})\s*-?\s*(?P<unit>{UNIT_PATTERN})(?![a-z])", re.IGNORECASE
)


#: No two points of the WGS84 ellipsoid are farther apart than half its meridian, 20,003.93 km
#: (Karney, "Algorithms for geodesics", 2013): no distance, radius, tolerance or uncertainty is
#: longer, so a longer figure is a typo (or 400 digits that would overflow to infinity).
MAX_LENGTH_M = 20_003_931.5
#: MAX_LENGTH_M as messages state the valid range.
MAX_LENGTH_TEXT = "20,004 km"


@frozen
class Length:
    """A length as written: the figure keeps its decimal text, so its precision is known."""

    value: Decimal
    unit: Unit

    @property
    def metres(self) -> float:
        return float(self.value) * self.unit.metres

    @property
    def km(self) -> float:
        return self.metres / 1000.0

    def __str__(self) -> str:
        return f"{format_decimal(self.value)} {self.unit.value}"


def format_decimal(value: Decimal) -> str:
    """Write a Decimal as the user wrote it, never in exponent notation ("1200", not "1.2E+3")."""
    return format(value, "f")


def parse_number(text: str) -> Decimal:
    """Read "45", "1,200", "2.5", "two" or "half a" as an exact Decimal."""
    cleaned = text.strip().lower()
    if cleaned in NUMBER_WORDS:
        return NUMBER_WORDS[cleaned]
    try:
        value = Decimal(cleaned.replace(",", ""))
    except InvalidOperation:
        raise UnitError(f"{shown(text)} is not a number") from None
    if not value.is_finite():
        raise UnitError(f"{shown(text)} is not a finite number")
    return value


def known_units() -> str:
    """The units claimcheck reads, for error messages."""
    symbols = ", ".join(u.value for u in Unit)
    return f"{symbols} (or written out: metres, kilometres, miles, nautical miles, yards, feet)"


def parse_unit(text: str) -> Unit:
    """Read a unit word; the error lists the accepted symbols."""
    unit = UNIT_WORDS.get(text.strip().lower())
    if unit is None:
        raise UnitError(f"unknown unit {text!r}: use one of {known_units()}")
    return unit


@cache
def _figure_word_re() -> re.Pattern[str]:
    """A figure and the word after it, which should be its unit ("45 leagues", "30-league",
    "two leagues"); "a" and "an" are left out, as "a stone's throw" has no figure to speak of.
    Compiled on first use (~2 ms): only a figure that cannot be read needs it."""
    return re.compile(
        r"(?:(?<![\w.,])\d[\d,]*(?:\.\d+)?|\b(?:"
        + "|".join(
            sorted(
                (re.escape(w) for w in NUMBER_WORDS if w not in ("a", "an")), key=len, reverse=True
            )
        )
        + r")\b)\s*-?\s*([^\W\d_]+)",
        re.IGNORECASE,
    )


#: Words that may follow a figure without being its unit ("between 30 and 40 km").
_NOT_UNITS = frozenset({"and", "to", "or"})


def unknown_unit(text: str) -> str | None:
    """Why `text` cannot be read when a figure in it has a word that is no unit after it
    ("unknown unit 'leagues': use one of ...") or none at all, else None."""
    for match in _figure_word_re().finditer(text):
        word = match.group(1).lower()
        if word in _NOT_UNITS or word in UNIT_WORDS or word in NUMBER_WORDS:
            continue
        rest = text[match.start(1) :].lower()
        if any(rest.startswith(w) for w in UNIT_WORDS if " " in w):
            continue  # "nautical miles", "statute mile"
        return f"unknown unit {match.group(1)!r}: use one of {known_units()}"
    bare = _BARE_FIGURE_RE.search(text)
    if bare is not None:
        return f"the figure {bare.group(1)} has no unit: add one of {known_units()}"
    return None


#: A figure that ends the text, with no unit after it ("more than 45").
_BARE_FIGURE_RE = re.compile(r"(?<![\w.,])(\d[\d,]*(?:\.\d+)?)\s*$")


@lru_cache(maxsize=4096)
def parse_length(text: str) -> Length:
    """Read a whole string such as "45 mi", "34-mile", "55km" or "half a mile" as a Length."""
    match = FIGURE_RE.fullmatch(text.strip())
    if match is None and FIGURE_RE.fullmatch(text.strip().lstrip("-−").lstrip()):
        raise UnitError(f"cannot read {shown(text)}: distances are never negative")
    if match is None:
        why = unknown_unit(text) or "write a number and a unit, e.g. '45 mi' or '55 km'"
        raise UnitError(f"cannot read {shown(text)} as a length: {why}")
    value = parse_number(match["number"])
    if value < 0:
        raise UnitError(f"cannot read {shown(text)}: distances are never negative")
    return checked_length(Length(value, parse_unit(match["unit"])), text)


def checked_length(length: Length, text: str) -> Length:
    """`length` if no longer than any distance on Earth (MAX_LENGTH_M); UnitError otherwise."""
    metres = length.metres
    if not math.isfinite(metres) or metres > MAX_LENGTH_M:
        raise UnitError(
            f"{shown(text)} is longer than any distance on Earth: lengths run from 0 to "
            f"{MAX_LENGTH_TEXT} (half the meridian, the farthest two points can be apart)"
        )
    return length


def rounding_step(value: Decimal, fives: bool = True) -> Decimal:
    """The rounding step a writer most plausibly used to arrive at `value`.

    The last significant digit sets the step (34 -> 1, 2.5 -> 0.1, 1,200 -> 100, 70 -> 10).
    With `fives`, a final 5 means rounding to fives (45 -> 5, 2.5 -> 0.5), as in "about 45
    miles"; a stated conversion such as "55 km (35 miles)" is read without it.
    """
    if value == 0:
        return Decimal(1)
    _sign, digits, exponent = value.normalize().as_tuple()
    step = Decimal(1).scaleb(int(exponent))
    if fives and digits[-1] == 5 and len(digits) > 1:
        step *= 5
    return step
