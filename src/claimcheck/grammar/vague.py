"""Vague quantities ("several kilometres", "a few miles", "dozens of km") as documented ranges.

Each word maps to the smallest and largest count it is taken to mean, with the source of the
reading. Dictionaries give the lower ends ("several": more than two); the upper ends are this
project's reading, chosen so the words do not overlap the next coarser expression ("a dozen",
"tens of", "hundreds of"), and stated as such. A hedge before a vague word ("about a few km")
changes nothing: the word is already a range. docs/rules.md lists the table.
"""

from __future__ import annotations

import re
from decimal import Decimal

from claimcheck.frozen import frozen


@frozen
class VagueQuantity:
    """A word for a count that is a range, with where the range comes from."""

    low: Decimal
    high: Decimal
    source: str


_MW = "Merriam-Webster"
#: The words, longest first where one is a prefix of another; values are counts of the unit.
VAGUE_QUANTITIES: dict[str, VagueQuantity] = {
    "a couple of": VagueQuantity(
        Decimal(2),
        Decimal(3),
        f"{_MW}, 'couple' (2; also 'an indefinite small number: few'); at most 3 here",
    ),
    "a couple": VagueQuantity(
        Decimal(2),
        Decimal(3),
        f"{_MW}, 'couple' (adjective, used with 'a': two; also few); at most 3 here",
    ),
    "a few": VagueQuantity(
        Decimal(2),
        Decimal(5),
        "WordNet, 'few' ('a small but indefinite number'); 2 to 5 here, below 'several'",
    ),
    "several": VagueQuantity(
        Decimal(3),
        Decimal(9),
        f"{_MW}, 'several' ('more than two but fewer than many'); at most 9 here, below 'a dozen'",
    ),
    "half a dozen": VagueQuantity(
        Decimal("4.5"),
        Decimal("7.5"),
        f"{_MW}, 'dozen' (a group of 12; also an indefinite small number): 6, read as a round "
        "count (± 25 %)",
    ),
    "a dozen": VagueQuantity(
        Decimal(9),
        Decimal(15),
        f"{_MW}, 'dozen' (a group of 12; also an indefinite small number): 12, read as a round "
        "count (± 25 %)",
    ),
    "dozens of": VagueQuantity(
        Decimal(24),
        Decimal(144),
        "Wiktionary, 'dozen' (plural: more than ten or twelve, less than one or two hundred); "
        "two dozen to a dozen dozen here",
    ),
    "tens of": VagueQuantity(
        Decimal(20),
        Decimal(99),
        "English Reference, 'tens' (a quantity between twenty and ninety-nine)",
    ),
    "several tens of": VagueQuantity(
        Decimal(30),
        Decimal(90),
        "'several' (3 to 9 here) tens: three tens to nine tens, composed from the two entries",
    ),
    "hundreds of": VagueQuantity(
        Decimal(200),
        Decimal(999),
        "by analogy with 'tens of': two hundred to nine hundred and ninety-nine",
    ),
}
#: The sources' addresses, for docs/rules.md and the reasons that cite them.
VAGUE_SOURCE_URLS = {
    "a couple of": "https://www.merriam-webster.com/dictionary/couple",
    "a couple": "https://www.merriam-webster.com/dictionary/couple",
    "a few": "http://en.3dict.net/word/few",
    "several": "http://www.merriam-webster.com/dictionary/several",
    "half a dozen": "http://www.merriam-webster.com/dictionary/dozen",
    "a dozen": "http://www.merriam-webster.com/dictionary/dozen",
    "dozens of": "https://en.wiktionary.org/wiki/dozen",
    "tens of": "https://englishreference.com/word/tens",
    "several tens of": "",
    "hundreds of": "",
}

VAGUE_PATTERN = "|".join(
    re.escape(w).replace(r"\ ", r"\s+") for w in sorted(VAGUE_QUANTITIES, key=len, reverse=True)
)


def vague_quantity(text: str) -> tuple[str, VagueQuantity] | None:
    """The table entry for a vague word as written ("A  few" -> "a few"), or None."""
    key = " ".join(text.lower().split())
    entry = VAGUE_QUANTITIES.get(key)
    return None if entry is None else (key, entry)
