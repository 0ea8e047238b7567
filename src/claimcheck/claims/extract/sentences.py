"""Sentences found in linear time: abbreviations and decimal points do not end one."""

from __future__ import annotations

import re
from functools import lru_cache

from claimcheck.claims.extract.patterns import _DIRECTION_RE, _ZONE_ABBREVIATIONS
from claimcheck.grammar.relations import (
    RELATION_PATTERN,
    RELATION_SUFFIXES,
)
from claimcheck.grammar.units import (
    NUMBER_PATTERN,
    UNIT_PATTERN,
)

_ABBREVIATIONS = frozenset(
    """approx c mr mrs ms dr st gen lt col maj capt no sgt u.s vs etc""".split()  # noqa: SIM905
)


_LINE = re.compile(r"[^\n]+")


_END_MARK = re.compile(r"[.!?][\"”’)]*(?=\s+[\"“‘(]?[A-Z0-9])")


#: The word before a full stop ("etc", "U.S"), matched on the line reversed from the stop back,
#: so that finding it costs the word's length, not the length of the line before it.
_WORD_BACKWARDS = re.compile(r"[\w.]*")

#: A clock time's zone after "a.m." or "p.m." continues the sentence: "at 1 a.m. CDT, the
#: storm was ...", "at 1:43 p.m. Eastern Time"; any other capital after one may start the next.
_CLOCK_WORDS = frozenset({"a.m", "p.m"})
_ZONE_AFTER = re.compile(
    rf"\s+(?:{_ZONE_ABBREVIATIONS}|(?:[A-Z][a-z]+\s+){{1,3}}Time|local\s+time)\b"
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in `text`; a line break always ends a sentence."""
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        start = line.start()
        body = line.group()
        backwards = body[::-1]
        for end_mark in _END_MARK.finditer(body):
            stop = end_mark.start()
            word = _WORD_BACKWARDS.match(backwards, len(body) - stop)
            length = word.end() - word.start() if word else 0
            word_before = body[stop - length : stop].lower().rstrip(".") if length else ""
            if word_before in _ABBREVIATIONS:
                continue
            if word_before in _CLOCK_WORDS and _ZONE_AFTER.match(body, end_mark.end()):
                continue
            end = line.start() + end_mark.end()
            spans.append((start, end))
            start = end
            while start < line.end() and text[start].isspace():
                start += 1
        if start < line.end():
            spans.append((start, line.end()))
    return [(s, e) for s, e in spans if text[s:e].strip()]


@lru_cache(maxsize=2)
def _figure_re(unit_left_out: bool = False) -> re.Pattern[str]:
    """A figure with its comparator, range and stated conversion. "400 (240 miles) northwest of
    Damascus" leaves the first figure's unit out (`elided`): the figure read is the one in
    brackets, the only one with a unit, and the bracket closes the figure.

    "a mile and a half" (`and_half`) is 1.5 miles. With `unit_left_out`, a number with no unit
    and a direction "of" or "from" after it: the second of "110 kilometres northeast of Cairns,
    and 330 north of Townsville", whose unit is the first's (read only right after a figure,
    `drafts._sentence_drafts`)."""
    unit = (
        rf"(?P<unit>)(?=\s+(?:{_DIRECTION_RE})\s+(?:of|from)\b|\s+from\b)"
        if unit_left_out
        else rf"(?P<unit>{UNIT_PATTERN})(?![a-z])"
    )
    return re.compile(
        rf"""(?<![\w.,£$€¥/])
        (?:(?P<rel>{RELATION_PATTERN})\s+(?:(?:just|only|some|about|around|roughly
           |approximately)\s+)?(?:(?:a|an)\s+(?=\d))?)?
        (?:(?P<range_word>between|from)\s+)?
        (?:(?P<low>{NUMBER_PATTERN})\s*(?P<low_unit>{UNIT_PATTERN})?\s*
           (?P<range_sep>and|to|(?<![a-z])-|–)\s*(?!\s*a\s+(?:half|quarter)\b))?
        # "1 and a half miles": not 0.5 miles (a wrong figure is worse than none)
        (?!(?<=\band\s)a\s+(?:half|quarter)\b)(?<!\band\sa\s)
        (?:(?P<elided>\d[\d,.]*)\s*\(\s*(?={NUMBER_PATTERN}\s*-?\s*{UNIT_PATTERN}\s*\)))?
        (?P<number>{NUMBER_PATTERN})(?P<join>\s*-\s*|\s*){unit}
        (?(elided)\s*\))
        (?P<and_half>\s+and\s+a\s+half(?![-\w]))?
        (?:\s*[(\[]\s*(?:(?:{RELATION_PATTERN})\s+)?(?P<cnum>{NUMBER_PATTERN})\s*-?\s*
           (?P<cunit>{UNIT_PATTERN})\.?\s*[)\]]
         |\s*[(\[]\s*(?:{UNIT_PATTERN})\s*[)\]]
         |\s*(?:/|\.{{3}})\s*(?=\d)(?:(?P<slow>{NUMBER_PATTERN})\s*(?:-|–|to)\s*)?(?P<snum>{NUMBER_PATTERN})
           \s*(?P<sunit>{UNIT_PATTERN})(?![a-z]))?
        (?:\s+(?P<suffix>{"|".join(re.escape(s) for s in RELATION_SUFFIXES)})\b)?""",
        re.VERBOSE | re.IGNORECASE,
    )
