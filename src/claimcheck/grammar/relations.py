"""Relations between a measured quantity and a claimed figure: "more than 45 mi", "about 34 mi".

A relation and its figure become an Interval of acceptable values; the verdict is then plain
interval logic. The tolerance of "about" is derived from how the figure was written (see
`about_tolerance`), because "about 45 miles" and "about 34 miles" promise different precision.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from functools import cache, cached_property, lru_cache

from claimcheck.errors import ParseError
from claimcheck.grammar.units import (
    NUMBER_PATTERN,
    UNIT_PATTERN,
    Length,
    Unit,
    UnitError,
    format_decimal,
    parse_length,
    parse_number,
    parse_unit,
    rounding_step,
    unknown_unit,
)


class Relation(Enum):
    """How a claimed figure relates to the truth; values are the stable JSON names."""

    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    LESS_THAN = "less_than"
    AT_MOST = "at_most"
    WITHIN = "within"
    ABOUT = "about"
    EXACTLY = "exactly"
    BETWEEN = "between"


#: Every written form of a relation, lower case. Longest forms are tried first.
RELATION_WORDS: dict[str, Relation] = {
    **dict.fromkeys(
        [
            "more than",
            "over",
            "beyond",
            "greater than",
            "further than",
            "farther than",
            "in excess of",
            "upwards of",
            "well over",
            "well beyond",
        ],
        Relation.MORE_THAN,
    ),
    **dict.fromkeys(
        ["at least", "no less than", "not less than", "a minimum of"], Relation.AT_LEAST
    ),
    **dict.fromkeys(
        ["less than", "under", "below", "fewer than", "closer than", "short of", "well under"],
        Relation.LESS_THAN,
    ),
    **dict.fromkeys(
        [
            "at most",
            "up to",
            "no more than",
            "not more than",
            "a maximum of",
            "no further than",
            "no farther than",
        ],
        Relation.AT_MOST,
    ),
    "within": Relation.WITHIN,
    **dict.fromkeys(
        [
            "about",
            "approximately",
            "approx.",
            "approx",
            "around",
            "some",
            "nearly",
            "almost",
            "roughly",
            "circa",
            "c.",
            "just",
            "just under",
            "just over",
            "close to",
            "~",
        ],
        Relation.ABOUT,
    ),
    **dict.fromkeys(["exactly", "precisely"], Relation.EXACTLY),
}

#: Relations written after the figure ("45 miles or more").
RELATION_SUFFIXES: dict[str, Relation] = {
    "or more": Relation.AT_LEAST,
    "or further": Relation.AT_LEAST,
    "or less": Relation.AT_MOST,
    "or so": Relation.ABOUT,
}

RELATION_PATTERN = "|".join(sorted((re.escape(w) for w in RELATION_WORDS), key=len, reverse=True))
_SINGLE_RE = re.compile(
    rf"(?:(?P<rel>{RELATION_PATTERN})\s+)?(?P<figure>{NUMBER_PATTERN}\s*-?\s*{UNIT_PATTERN})",
    re.IGNORECASE,
)
_BETWEEN_PATTERN = (
    rf"(?:between\s+|from\s+)?(?P<low>{NUMBER_PATTERN})\s*(?P<low_unit>{UNIT_PATTERN})?"
    rf"\s*(?:and|to|(?<![a-z])-|–)\s*(?P<high>{NUMBER_PATTERN})\s*-?\s*(?P<unit>{UNIT_PATTERN})"
)


@cache
def _between_re() -> re.Pattern[str]:
    """Compiled on first use (~3 ms): most claims state one figure, not a range."""
    return re.compile(_BETWEEN_PATTERN, re.IGNORECASE)


#: Floor on the tolerance of "about", as a fraction of the figure (see `about_tolerance`).
ABOUT_MIN_FRACTION = Decimal("0.05")


class RelationError(ParseError):
    """A relation phrase that cannot be read."""


@dataclass(frozen=True)
class Interval:
    """A set of lengths in metres, each end open or closed; `high` may be infinite."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def contains(self, value: float) -> bool:
        above = value > self.low if self.low_open else value >= self.low
        below = value < self.high if self.high_open else value <= self.high
        return above and below

    def includes(self, other: Interval) -> bool:
        """True when every value of `other` (a closed interval) lies in this one."""
        return self.contains(other.low) and self.contains(other.high)

    def intersection(self, other: Interval) -> Interval | None:
        """The values in both, or None; at equal ends the open one wins."""
        if (self.low, self.low_open) >= (other.low, other.low_open):
            low, low_open = self.low, self.low_open
        else:
            low, low_open = other.low, other.low_open
        if (self.high, not self.high_open) <= (other.high, not other.high_open):
            high, high_open = self.high, self.high_open
        else:
            high, high_open = other.high, other.high_open
        if low < high or (low == high and not low_open and not high_open):
            return Interval(low, high, low_open, high_open)
        return None

    def overlaps(self, other: Interval) -> bool:
        return self.intersection(other) is not None


@dataclass(frozen=True)
class Requirement:
    """A relation with its figure(s), as the claim states it: "more than 45 mi"."""

    relation: Relation
    figure: Length
    #: upper figure, for BETWEEN only
    high: Length | None = None
    #: explicit tolerance for ABOUT/EXACTLY; None means derived from the figure
    tolerance: Length | None = None

    @property
    def unit(self) -> Unit:
        return self.figure.unit

    def acceptable(self) -> Interval:
        """The lengths (m) for which the claim is true."""
        return self._acceptable

    # A requirement is immutable and parsed once per distinct text (`parse_requirement` is
    # cached), so what derives from it is worked out once too: claims repeat a few figures.
    @cached_property
    def _acceptable(self) -> Interval:
        x = self.figure.metres
        rel = self.relation
        if rel is Relation.MORE_THAN:
            return Interval(x, math.inf, low_open=True)
        if rel is Relation.AT_LEAST:
            return Interval(x, math.inf)
        if rel is Relation.LESS_THAN:
            return Interval(0.0, x, high_open=True)
        if rel in (Relation.AT_MOST, Relation.WITHIN):
            return Interval(0.0, x)
        if rel is Relation.BETWEEN:
            assert self.high is not None  # set by the parser for every BETWEEN
            return Interval(x, self.high.metres)
        tol = self.tolerance_m
        return Interval(max(0.0, x - tol), x + tol)

    @cached_property
    def tolerance_m(self) -> float:
        """Half-width of the band for ABOUT and EXACTLY, in metres; 0 for other relations."""
        if self.relation not in (Relation.ABOUT, Relation.EXACTLY):
            return 0.0
        if self.tolerance is not None:
            return self.tolerance.metres
        return about_tolerance(self.figure, self.relation).metres

    def __str__(self) -> str:
        return self._text

    @cached_property
    def _text(self) -> str:
        words = self.relation.value.replace("_", " ")
        if self.relation is Relation.BETWEEN and self.high is not None:
            low = format_decimal(self.figure.value)
            return f"between {low} and {self.high}"
        if self.relation in (Relation.ABOUT, Relation.EXACTLY):
            tol = self.tolerance_m / self.unit.metres
            return f"{words} {self.figure} (±{tol:.3g} {self.unit.value})"
        return f"{words} {self.figure}"


def about_tolerance(figure: Length, relation: Relation = Relation.ABOUT) -> Length:
    """The half-width that "about X" (or a bare, rounded "X") promises.

    A figure correctly rounded to its last digit is within half a step of the truth: "34"
    within 0.5, "70" within 5. EXACTLY (and a bare figure, as in a unit conversion) gets exactly
    that, so "55 km (35 miles)" is a misconversion. ABOUT also reads a final 5 as rounding to
    fives ("about 45" within 2.5) and admits approximation beyond rounding: at least 5% of the
    figure ("about 34" within 1.7).
    """
    if relation is Relation.ABOUT:
        half_step = rounding_step(figure.value) / 2
        half_step = max(half_step, figure.value * ABOUT_MIN_FRACTION)
    else:
        half_step = rounding_step(figure.value, fives=False) / 2
    return Length(half_step, figure.unit)


#: A minus sign before a figure, not a hyphen inside one ("34-mile", "30-40").
_NEGATIVE_RE = re.compile(r"(?<![\w.])[-−]\s*\d")


@lru_cache(maxsize=4096)
def parse_requirement(text: str, tolerance: str | None = None) -> Requirement:
    """Read "more than 45 mi", "within 55 km", "between 30 and 40 km" or a bare "34 mi".

    A bare figure means EXACTLY: true when the truth rounds to it at its written precision.
    """
    cleaned = " ".join(text.strip().split())
    tol = _parse_tolerance(tolerance)
    single = _SINGLE_RE.fullmatch(cleaned)
    between = None if single is not None else _between_re().fullmatch(cleaned)
    if between is not None:
        unit = parse_unit(between["unit"])
        low_unit = parse_unit(between["low_unit"]) if between["low_unit"] else unit
        low = Length(parse_number(between["low"]), low_unit)
        high = Length(parse_number(between["high"]), unit)
        if high.metres < low.metres:
            raise RelationError(f"{text!r}: the range ends below where it starts")
        return Requirement(Relation.BETWEEN, low, high=high, tolerance=tol)
    if single is None and _NEGATIVE_RE.search(cleaned):
        raise RelationError(f"cannot read {text!r}: distances are never negative")
    if single is None and (why := unknown_unit(cleaned)) is not None:
        raise RelationError(f"cannot read {text!r}: {why}")
    if single is None:
        words = ", ".join(sorted({"more than", "at least", "less than", "within", "about"}))
        raise RelationError(
            f"cannot read {text!r}: write a relation ({words}, …) then a figure and unit, "
            "e.g. 'more than 45 mi'"
        )
    relation = RELATION_WORDS[single["rel"].lower()] if single["rel"] else Relation.EXACTLY
    try:
        figure = parse_length(single["figure"])
    except UnitError as exc:
        raise RelationError(str(exc)) from exc
    if tol is not None and relation not in (Relation.ABOUT, Relation.EXACTLY):
        raise RelationError(
            f"a tolerance only applies to 'about' or a bare figure, not to {single['rel']!r}"
        )
    return Requirement(relation, figure, tolerance=tol)


def _parse_tolerance(text: str | None) -> Length | None:
    if text is None:
        return None
    cleaned = text.strip().lstrip("±").removeprefix("+/-").strip()
    try:
        return parse_length(cleaned)
    except UnitError as exc:
        raise RelationError(f"tolerance: {exc}") from exc
