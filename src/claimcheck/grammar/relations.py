"""Relations between a measured quantity and a claimed figure: "more than 45 mi", "about 34 mi".

A relation and its figure become an Interval of acceptable values; the verdict is then plain
interval logic. The tolerance of "about" is derived from how the figure was written (see
`about_tolerance`), because "about 45 miles" and "about 34 miles" promise different precision.
"""

from __future__ import annotations

import math
import re
from dataclasses import field
from decimal import Decimal
from functools import cache, lru_cache

from claimcheck.errors import Kind, ParseError, shown
from claimcheck.frozen import frozen
from claimcheck.grammar.interval import Interval
from claimcheck.grammar.precision import (
    ABOUT_FRACTION,
    Reading,
    Readings,
    converted_reading,
    exact_reading,
    readings,
)
from claimcheck.grammar.units import (
    CONVERTED_FROM,
    NUMBER_PATTERN,
    NUMBER_WORDS,
    UNIT_PATTERN,
    Length,
    Unit,
    UnitError,
    checked_length,
    format_decimal,
    parse_length,
    parse_number,
    parse_unit,
    unknown_unit,
)
from claimcheck.grammar.vague import VAGUE_PATTERN, vague_quantity


class Relation(Kind):
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
            "just under",
            "just over",
            "close to",
            "~",
        ],
        Relation.ABOUT,
    ),
    **dict.fromkeys(["exactly", "precisely"], Relation.EXACTLY),
}

#: "Just over x" is "over x" (more than x: Cambridge Advanced Learner's Dictionary, "over") and
#: "about x" at once: the reading of "about x" on the side the words name (docs/rules.md).
SIDE_WORDS: dict[Relation, str] = {
    Relation.MORE_THAN: "just over",
    Relation.LESS_THAN: "just under",
}
#: "Nearly x" and "almost x" are "slightly short of x, not quite x" (American Heritage
#: Dictionary, "almost"; WordNet 3.0, "nearly"): "just under x", in their own words.
NOT_QUITE = ("nearly", "almost")
_SIDES = {words: side for side, words in SIDE_WORDS.items()} | dict.fromkeys(
    NOT_QUITE, Relation.LESS_THAN
)

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


class RelationError(ParseError):
    """A relation phrase that cannot be read."""


@frozen
class Requirement:
    """A relation with its figure(s), as the claim states it: "more than 45 mi"."""

    relation: Relation
    figure: Length
    #: upper figure, for BETWEEN only
    high: Length | None = None
    #: explicit tolerance for ABOUT/EXACTLY; None means read from the figure (grammar.precision)
    tolerance: Length | None = None
    #: True when written with "exactly" or "precisely": the written digits count
    exactifier: bool = False
    #: for a vague quantity ("several km"), the word; the range is BETWEEN its bounds
    vague: str | None = None
    #: "just over" (MORE_THAN) or "just under" (LESS_THAN): ABOUT, on that side of the figure
    side: Relation | None = None
    #: the word an ABOUT figure is hedged with when it is not "about" ("roughly", "some"): read
    #: the same, but quoted as the claim words it. Takes no part in equality.
    hedge: str | None = field(default=None, compare=False)

    @property
    def unit(self) -> Unit:
        return self.figure.unit

    def readings(self, about: Decimal = ABOUT_FRACTION) -> Readings | None:
        """How precisely the figure is meant, for ABOUT and EXACTLY; None for the others.

        `about` is the least slack of a hedged figure, as a fraction of it (a file's policy).
        """
        if self.relation not in (Relation.ABOUT, Relation.EXACTLY):
            return None
        if self.tolerance is not None:
            half = Decimal(repr(self.tolerance.metres / self.unit.metres))
            stated = Reading(half, "as the claim states")
            return Readings(stated, stated)
        if self.exactifier:
            return exact_reading(self.figure.value)
        return figure_readings(self.figure, self.relation is Relation.ABOUT, about)

    def acceptable(self, about: Decimal = ABOUT_FRACTION) -> Interval:
        """The lengths (m) for which the claim is true under its most lenient reading."""
        return _interval(self, about, coarse=True)

    def strict(self, about: Decimal = ABOUT_FRACTION) -> Interval:
        """The lengths (m) for which the claim is true under its strictest reading."""
        return _interval(self, about, coarse=False)

    def interval(self, about: Decimal, coarse: bool) -> Interval:
        """See `acceptable` and `strict` (which cache it: files repeat a few figures)."""
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
        found = self.readings(about)
        assert found is not None  # ABOUT and EXACTLY always have readings
        half = float((found.coarse if coarse else found.fine).half_width) * self.unit.metres
        if self.side is Relation.MORE_THAN:
            return Interval(x, x + half, low_open=True)
        if self.side is Relation.LESS_THAN:
            return Interval(max(0.0, x - half), x, high_open=True)
        return Interval(max(0.0, x - half), x + half)

    def describe(self, about: Decimal = ABOUT_FRACTION) -> str:
        """The claim with the slack it allows: "about 45 mi (±2.25 or ±2.5 mi)"."""
        return _describe(self, about)

    def wording(self, about: Decimal) -> str:
        """See `describe` (which caches it)."""
        words = self.relation.value.replace("_", " ")
        unit = self.unit.value
        if self.relation is Relation.BETWEEN and self.high is not None:
            low = format_decimal(self.figure.value)
            if self.vague is not None:
                return f"{self.vague} {unit} (between {low} and {self.high})"
            if self.figure.unit is not self.high.unit:
                # two units: both as written, and the interval that is checked in one unit
                return (
                    f"between {self.figure} and {self.high} "
                    f"({_km(self.figure.metres)}–{_km(self.high.metres)} km)"
                )
            return f"between {low} and {self.high}"
        found = self.readings(about)
        if found is None:
            return f"{words} {self.figure}"
        prefix = "" if self.relation is Relation.EXACTLY and not self.exactifier else f"{words} "
        sign = "±"
        if self.side is not None:
            prefix, sign = (
                (self.hedge or SIDE_WORDS[self.side]) + " ",
                "+" if self.side is Relation.MORE_THAN else "−",
            )
        slack = f"{sign}{float(found.fine.half_width):.3g}"
        if found.ambiguous:
            slack += f" or {sign}{float(found.coarse.half_width):.3g}"
        return f"{prefix}{self.figure} ({slack} {unit})"

    def __str__(self) -> str:
        return self.describe()


@lru_cache(maxsize=4096)
def figure_readings(figure: Length, hedged: bool, about: Decimal) -> Readings:
    """A figure's readings, its coarse one widened where it may be a rounder figure converted
    from another unit ("about 31 mi" may be "about 50 km"; grammar.precision)."""
    found = readings(figure.value, hedged, about)
    for partner in CONVERTED_FROM[figure.unit]:
        ratio = Decimal(repr(figure.unit.metres)) / Decimal(repr(partner.metres))
        wider = converted_reading(figure.value, ratio, partner.value, hedged, about)
        if wider is not None and wider.half_width > found.coarse.half_width:
            found = Readings(found.fine, wider)
    return found


@lru_cache(maxsize=4096)
def _interval(requirement: Requirement, about: Decimal, coarse: bool) -> Interval:
    return requirement.interval(about, coarse)


@lru_cache(maxsize=4096)
def _describe(requirement: Requirement, about: Decimal) -> str:
    return requirement.wording(about)


def _km(metres: float) -> str:
    """Kilometres to 0.1, without a trailing ".0" ("30", "64.4")."""
    return f"{metres / 1000:,.1f}".removesuffix(".0")


def about_tolerance(figure: Length, relation: Relation = Relation.ABOUT) -> Length:
    """The half-width "about X" (its most lenient reading) or a bare "X" (its strictest) allows.

    `extract` reads a stated conversion such as "55 km (35 miles)" with the bare, strict reading:
    35 ± 0.5 mi, so 55 km (34.18 mi) is a misconversion.
    """
    found = readings(figure.value, relation is Relation.ABOUT)
    reading = found.coarse if relation is Relation.ABOUT else found.fine
    return Length(reading.half_width, figure.unit)


#: A minus sign before a figure, not a hyphen inside one ("34-mile", "30-40").
_NEGATIVE_RE = re.compile(r"(?<![\w.])[-−]\s*\d")


#: "just 5 km", "only 10 km": a minimiser says the distance is small, not that it is rounded, so
#: the figure is read as if bare ("just under" and "just over" are relations, above).
_EMPHASIS_RE = re.compile(r"^(?:just|only|merely)\s+(?!under\b|over\b)", re.IGNORECASE)


@lru_cache(maxsize=4096)
def parse_requirement(text: str, tolerance: str | None = None) -> Requirement:
    """Read "more than 45 mi", "within 55 km", "between 30 and 40 km" or a bare "34 mi".

    A bare figure means EXACTLY: true when the truth rounds to it at its written precision.
    Claims repeat a few figures, so each text is read once (a Requirement is immutable; an
    unreadable text raises every time).
    """
    cleaned = _EMPHASIS_RE.sub("", " ".join(text.strip().split()))
    tol = _parse_tolerance(tolerance)
    single = _SINGLE_RE.fullmatch(cleaned)
    between = None if single is not None else _between_re().fullmatch(cleaned)
    if between is not None:
        unit = parse_unit(between["unit"])
        low_unit = parse_unit(between["low_unit"]) if between["low_unit"] else unit
        low = checked_length(Length(parse_number(between["low"]), low_unit), text)
        high = checked_length(Length(parse_number(between["high"]), unit), text)
        if high.metres < low.metres:
            raise RelationError(f"{text!r}: the range ends below where it starts")
        return Requirement(Relation.BETWEEN, low, high=high, tolerance=tol)
    vague = _vague(cleaned, tol)
    if vague is not None:
        return vague
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
    exactifier = relation is Relation.EXACTLY and single["rel"] is not None
    word = " ".join(single["rel"].lower().split()) if single["rel"] else ""
    side = _SIDES.get(word)
    hedge = (
        word
        if relation is Relation.ABOUT
        and word not in SIDE_WORDS.values()
        and re.fullmatch(r"[a-z ]+", word)
        else None
    )
    requirement = Requirement(
        relation, figure, tolerance=tol, exactifier=exactifier, side=side,
        hedge=hedge if hedge != "about" else None,
    )  # fmt: skip
    return _checkable(requirement, text)


def _checkable(requirement: Requirement, text: str) -> Requirement:
    """The requirement, unless no distance or every distance meets it: nothing to check then."""
    if requirement.figure.value == 0 and requirement.relation is Relation.LESS_THAN:
        raise RelationError(f"{shown(text)} can never hold: no distance is less than 0")
    if requirement.figure.value == 0 and requirement.relation is Relation.AT_LEAST:
        raise RelationError(f"{shown(text)} always holds: every distance is at least 0")
    return requirement


def _vague(cleaned: str, tolerance: Length | None) -> Requirement | None:
    """ "several km", "about a few miles", "dozens of kilometres": the word's documented range.

    The pattern is words, spaces and punctuation only, so a text holding a digit never matches
    it; most figures are written in digits, and then the pattern (~3 ms to compile) is not
    compiled at all.
    """
    if any(c.isdigit() for c in cleaned):
        return None
    match = _vague_re().fullmatch(cleaned)
    if match is None:
        return None
    relation = RELATION_WORDS[match["rel"].lower()] if match["rel"] else None
    if relation not in (None, Relation.ABOUT):
        if " ".join(match["word"].lower().split()) in NUMBER_WORDS:
            return None  # "more than a dozen km": the word as its number, 12
        raise RelationError(
            f"cannot read {cleaned!r}: a vague quantity ({match['word']!r}) is a range already; "
            "write it bare, or give a figure after the relation"
        )
    if tolerance is not None:
        raise RelationError(f"a tolerance does not apply to a vague quantity ({match['word']!r})")
    found = vague_quantity(match["word"])
    assert found is not None  # the pattern lists exactly the table's words
    word, entry = found
    unit = parse_unit(match["unit"])
    return Requirement(
        Relation.BETWEEN, Length(entry.low, unit), high=Length(entry.high, unit), vague=word
    )


@cache
def _vague_re() -> re.Pattern[str]:
    return re.compile(
        rf"(?:(?P<rel>{RELATION_PATTERN})\s+)?(?P<word>{VAGUE_PATTERN})\s+(?P<unit>{UNIT_PATTERN})",
        re.IGNORECASE,
    )


def _parse_tolerance(text: str | None) -> Length | None:
    if text is None:
        return None
    cleaned = text.strip().lstrip("±").removeprefix("+/-").strip()
    try:
        return parse_length(cleaned)
    except UnitError as exc:
        raise RelationError(f"tolerance: {exc}") from exc
