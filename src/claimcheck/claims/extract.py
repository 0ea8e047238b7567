"""Draft claims from article text: figures, comparators, directions, zones, places, claimants.

The figures and comparators are read with the same grammar as the data files
(`claimcheck.grammar.units`, `claimcheck.grammar.relations`,
`claimcheck.grammar.directions.DIRECTION_WORDS`), so a drafted
`distance: more than 45 mi` means exactly what the reviewer's claims file means. Extraction is a
set of rules over one sentence at a time; it proposes, a person decides. Figures that are not
separations (speeds, areas, altitudes, sizes of objects, journeys) are left out on purpose.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import Any

from claimcheck.errors import UsageError
from claimcheck.gazetteer.places import Gazetteer, PlaceRef
from claimcheck.grammar.directions import COMPASS_16, DIRECTION_WORDS, parse_direction
from claimcheck.grammar.relations import (
    RELATION_PATTERN,
    RELATION_SUFFIXES,
    Relation,
    Requirement,
    about_tolerance,
    parse_requirement,
)
from claimcheck.grammar.units import (
    NUMBER_PATTERN,
    UNIT_PATTERN,
    Length,
    format_decimal,
    parse_length,
)

_ARABIC_PREFIX = r"(?:al|as|ash|at|ad|ar|az|an|el|ad|ed)-"
_NAME_WORD = rf"(?:{_ARABIC_PREFIX})?[A-Z][\w’'-]*"
_PROPER_RE = re.compile(rf"{_NAME_WORD}(?:\s+(?:(?:of|al|el|ez|az)\s+)?{_NAME_WORD})*")
#: Capitalised words that are not places: sentence openers, pronouns, nationalities, outlets.
_NOT_PLACES = frozenset(
    """a an the but and it its he she they we i on in at by as yet however meanwhile then this
    that these those there his her their our us uk un eu isis is sana sputnik reuters syrian
    iraqi jordanian russian american british norwegian turkish iranian israeli kurdish
    french lebanese saudi arab coalition monday tuesday wednesday thursday friday saturday
    sunday january february march april may june july august september october november
    december according officials residents witnesses""".split()  # noqa: SIM905
)
#: Common nouns that name what a claim is about when no place name is given.
_EVENT_NOUNS = (
    r"convoy|strike|air strike|airstrike|attack|camp|village|town|base|site|checkpoint|outpost"
    r"|garrison|position|column|force|forces|troops|militia|unit|crossing|shelling|raid|bombing"
    r"|compound|refugee camp|oil field|airfield|airport|city|settlement|post|target|shell"
    r"|tank|drone|vehicle|runway|boat|ship|aircraft|jet|sniper|fighter|rebel"
)
_EVENT_RE = re.compile(
    rf"\b(?:(?:the|a|an)\s+)?(?:{_NAME_WORD}\s+|(?:militia|rebel|aid|army|refugee)\s+)?"
    rf"(?:{_EVENT_NOUNS})s?\b",
    re.IGNORECASE,
)
_ZONE_NOUN = r"(?:buffer zone|zone|radius|perimeter|cordon|buffer|belt|no-go area)"
#: Words that cannot sit between a figure and the zone it qualifies ("34-mile exclusion zone").
_NOT_MODIFIER = r"(?!(?:inside|into|within|from|of|the|a|an|in|around|to|and)\b)"
_FIGURE_ADJECTIVE = re.compile(
    rf"^(?:{NUMBER_PATTERN})\s*-?\s*(?:{UNIT_PATTERN})\s+", re.IGNORECASE
)

_DIRECTION_PATTERN = "|".join(
    sorted((re.escape(w) for w in DIRECTION_WORDS), key=len, reverse=True)
)
_DIRECTION_ABBREV = "|".join(sorted((s for s in COMPASS_16 if len(s) > 1), key=len, reverse=True))
_DIRECTION_RE = rf"(?:(?i:{_DIRECTION_PATTERN})|\b(?:{_DIRECTION_ABBREV})\b)"

#: Words that end a place phrase after "from"/"of": clause words and other prepositions.
_STOP_WORDS = frozenset(
    """and where which who while but on in at after before when near according said says told
    as since because that to towards into by during for than or if although though whereas
    was were is are had has have would could will last this yesterday earlier later""".split()  # noqa: SIM905
)
_PREPOSITION_TAIL = re.compile(
    rf"""\s*(?:(?:away|further|farther|deep)\s+)?
    (?:
      (?P<inside>inside|into|within)\s
    | (?:to\s+the\s+)?(?P<dir>{_DIRECTION_RE})(?:\s+(?:of|from)\b)
    | (?P<away_from>away\s+from|from|short\s+of|outside|beyond|off)\s
    | (?P<of>of)\s
    | (?P<away>away)\b
    )""",
    re.VERBOSE,
)
#: Matched at the position after a figure, so without "^" (which would only match at 0).
_REJECT_TAIL = re.compile(
    r"""(?:[²³2]|\s*(?:
        per\b|an\s+hour|a\s+hour|a\s+day|an?\s+minute|/|-?\s*per-|
        -?\s*(?:long|wide|high|tall|deep|thick)\b|across\b|in\s+(?:length|width|diameter|height)\b|
        above\b|below\s+(?:sea|ground)|altitude|up\b|overhead|of\s+(?:road|track|trench|wall|fence
        |pipeline|tunnel|frontline|front\s+line|the\s+border\b(?!\s+post)|border\b|coastline)
    ))""",
    re.VERBOSE | re.IGNORECASE,
)
_REJECT_HEAD = re.compile(
    r"""(?:[£$€¥]\s*|\b(?:
        altitude\s+of|height\s+of|flying\s+at|flew\s+at|cruising\s+at|climbed\s+to|descended\s+to
        |length\s+of|stretch(?:es|ed|ing)?|measur(?:es|ed|ing)|span(?:s|ned|ning)?|covering
        |drove|driven|drive|walked|walk|travell?ed|travell?ing|marched|flew|fled|trekked
        |advanced|moved|ran|hiked|covered|journey(?:ed)?|long|wide|convoy\s+of|column\s+of
        |queue\s+of|line\s+of|range\s+of|visibility\s+of|road\s+of|track\s+of
    )\s+(?:(?:a|an|the|some|about|around|nearly|almost|over|more\s+than)\s+)?)$""",
    re.VERBOSE | re.IGNORECASE,
)
_ATTRIBUTION_VERBS = (
    r"told|said|says|claimed|claims|stated|states|reported|reports|announced|added|insisted"
    r"|alleged|confirmed|maintained|estimated|warned|insists|say"
)
_ATTRIBUTION_RE = re.compile(
    rf"(?:^|(?<=[,;:“\"])\s*|\b(?:but|and|yet|while|however,?)\s+)"
    rf"(?P<who>(?:[\w’'.-]+\s+){{0,9}}?[\w’'.-]+)\s+(?P<verb>{_ATTRIBUTION_VERBS})\b"
    rf"(?:(?<=told)\s+(?P<to>(?:the\s+|a\s+)?(?:[\w’'.-]+\s+){{0,3}}?"
    rf"(?:agency|reporters|journalists|television|TV|radio|newspaper|channel)\b"
    rf"|(?-i:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)))?",
    re.IGNORECASE,
)
_ACCORDING_RE = re.compile(r"\baccording\s+to\s+(?P<who>[^,.;]+)", re.IGNORECASE)
_SAID_AFTER_RE = re.compile(
    rf"\b(?:{_ATTRIBUTION_VERBS})\s+(?P<who>(?:a|an|the)\s+[^,.;“\"]+?)\s*[.;]?$", re.IGNORECASE
)
_PRONOUNS = frozenset(["it", "he", "she", "they", "the source", "the statement", "the spokesman"])
_WHO_PREFIXES = re.compile(
    r"^(?:(?:but|and|yet|while|however|meanwhile|on \w+|yesterday|today),?\s+)+", re.IGNORECASE
)
_WHO_STRIP = re.compile(
    r"^(?:an?\s+|the\s+)?(?:statement|communique|communiqué|press release)\s+"
    r"(?:from|by|issued by)\s+",
    re.IGNORECASE,
)
_INSIDE_RE = re.compile(
    rf"\b(?P<verb>inside|within|violated|entered|breached|into)\s+(?P<area>(?:the\s+)?"
    rf"(?:[\w’'-]+\s+){{0,3}}?(?:territory|{_ZONE_NOUN}|airspace))\b",
    re.IGNORECASE,
)
_NEAR_RE = re.compile(
    r"\b(?P<verb>near|close\s+to|not\s+far\s+from|on\s+the\s+outskirts\s+of|next\s+to)\s+"
    r"(?P<ref>(?:the\s+)?[^,.;“\"]+)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ConversionCheck:
    """A figure with its conversion in brackets, "55 kilometres (34 miles)", and whether the
    converted figure is the stated one correctly rounded at the precision it is written with."""

    stated: Length
    converted: Length
    #: the stated figure in the converted unit, unrounded
    exact: float
    ok: bool


@dataclass(frozen=True)
class Draft:
    """One proposed claim: what the sentence asserts, where it says it, who says it."""

    kind: str
    quote: str
    start: int
    end: int
    subject: str | None
    reference: str | None
    relation: Relation | None
    value: Decimal | None
    unit: str | None
    direction: str | None
    claimant: str | None
    #: upper figure of a "between" range
    high: Decimal | None = None
    conversion: ConversionCheck | None = None
    #: gazetteer ids the subject and reference resolve to ([] = unresolved)
    subject_ids: tuple[str, ...] = ()
    reference_ids: tuple[str, ...] = ()

    @property
    def requirement(self) -> Requirement | None:
        """The figure as the claims-file grammar reads it ("more than 45 mi")."""
        text = self.requirement_text
        return parse_requirement(text) if text else None

    @property
    def requirement_text(self) -> str | None:
        if self.value is None or self.unit is None or self.relation is None:
            return None
        value = format_decimal(self.value)
        if self.relation is Relation.BETWEEN and self.high is not None:
            return f"between {value} and {format_decimal(self.high)} {self.unit}"
        if self.relation is Relation.EXACTLY:
            return f"{value} {self.unit}"
        return f"{self.relation.value.replace('_', ' ')} {value} {self.unit}"

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "subject": self.subject,
            "reference": self.reference,
            "relation": self.relation.value if self.relation else None,
            "value": _number(self.value),
            "unit": self.unit,
            "direction": self.direction,
            "claimant": self.claimant,
            "high": _number(self.high),
            "subject_ids": list(self.subject_ids),
            "reference_ids": list(self.reference_ids),
            "conversion": None,
        }
        if self.conversion is not None:
            c = self.conversion
            out["conversion"] = {
                "value": _number(c.converted.value),
                "unit": c.converted.unit.value,
                "exact": round(c.exact, 3),
                "ok": c.ok,
            }
        return out


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


_ABBREVIATIONS = frozenset(
    """approx c mr mrs ms dr st gen lt col maj capt no sgt u.s vs etc""".split()  # noqa: SIM905
)


_LINE = re.compile(r"[^\n]+")
_END_MARK = re.compile(r"[.!?][\"”’)]*(?=\s+[\"“‘(]?[A-Z0-9])")
#: The word before a full stop ("etc", "U.S"), matched on the line reversed from the stop back,
#: so that finding it costs the word's length, not the length of the line before it.
_WORD_BACKWARDS = re.compile(r"[\w.]*")


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
            if length and body[stop - length : stop].lower().rstrip(".") in _ABBREVIATIONS:
                continue
            end = line.start() + end_mark.end()
            spans.append((start, end))
            start = end
            while start < line.end() and text[start].isspace():
                start += 1
        if start < line.end():
            spans.append((start, line.end()))
    return [(s, e) for s, e in spans if text[s:e].strip()]


@lru_cache(maxsize=1)
def _figure_re() -> re.Pattern[str]:
    return re.compile(
        rf"""(?<![\w.,£$€¥])
        (?:(?P<rel>{RELATION_PATTERN})\s+(?:(?:a|an)\s+(?=\d))?)?
        (?:(?P<range_word>between|from)\s+)?
        (?:(?P<low>{NUMBER_PATTERN})\s*(?P<low_unit>{UNIT_PATTERN})?\s*
           (?P<range_sep>and|to|(?<![a-z])-|–)\s*)?
        (?P<number>{NUMBER_PATTERN})(?P<join>\s*-\s*|\s*)(?P<unit>{UNIT_PATTERN})(?![a-z])
        (?:\s*\(\s*(?:(?:{RELATION_PATTERN})\s+)?(?P<cnum>{NUMBER_PATTERN})\s*-?\s*
           (?P<cunit>{UNIT_PATTERN})\s*\))?
        (?:\s+(?P<suffix>{"|".join(re.escape(s) for s in RELATION_SUFFIXES)})\b)?""",
        re.VERBOSE | re.IGNORECASE,
    )


def extract(text: str, gazetteer: Gazetteer | None = None) -> list[Draft]:
    """Every claim the text appears to make, in text order. Nothing here verifies anything."""
    spans = split_sentences(text)
    drafts: list[Draft] = []
    previous: str | None = None
    for start, end in spans:
        attribution = _attribution(text[start:end], start, previous)
        claimant = attribution[0] if attribution else None
        previous = claimant or previous
        drafts.extend(_sentence_drafts(text, start, end, attribution, claimant))
    if gazetteer is not None:
        mentions = _Mentions(text, gazetteer)
        drafts = [_resolve(d, mentions) for d in drafts]
    return drafts


def _sentence_drafts(
    text: str, s_start: int, s_end: int, attribution: tuple[str, int, int] | None,
    claimant: str | None,
) -> Iterator[Draft]:  # fmt: skip
    sentence = text[s_start:s_end]
    skip = (attribution[1] - s_start, attribution[2] - s_start) if attribution else (0, 0)
    words = _Sentence(sentence, skip)
    figures = _Spans()
    depths = _Spans()
    previous: Draft | None = None
    for m in _figure_re().finditer(sentence):
        draft = _figure_draft(words, m, claimant)
        if draft is None:
            continue
        if previous is not None and previous.subject and draft.kind != "zone_radius":
            between = sentence[previous.end : m.start()].strip(" ,")
            if between.lower() in ("", "and", "but", "while", "or"):
                draft = replace(draft, subject=previous.subject, start=m.start())
        figures.add(m.start(), m.end())
        if draft.kind == "inside":
            depths.add(m.start(), draft.end)
        previous = draft
        yield _shift(draft, s_start, text)
    for m in _INSIDE_RE.finditer(sentence):
        if m.start() in depths:
            continue
        by_verb = m["verb"].lower() in ("violated", "entered", "breached")
        subject = words.subject(m.start(), first=by_verb)
        yield _shift(
            Draft("inside", "", subject[1] if subject else m.start(), m.end(),
                  subject[0] if subject else None, _strip_article(m["area"]),
                  None, None, None, None, claimant),
            s_start, text,
        )  # fmt: skip
    for m in _NEAR_RE.finditer(sentence):
        ref, ref_end = _phrase(sentence, m.start("ref"))
        if not ref or m.start() in figures:
            continue
        subject = words.subject(m.start())
        yield _shift(
            Draft("near", "", subject[1] if subject else m.start(), ref_end,
                  subject[0] if subject else None, ref, None, None, None, None, claimant),
            s_start, text,
        )  # fmt: skip


def _shift(draft: Draft, offset: int, text: str) -> Draft:
    start, end = draft.start + offset, draft.end + offset
    quote = " ".join(text[start:end].split())
    return Draft(
        draft.kind, quote, start, end, draft.subject, draft.reference, draft.relation,
        draft.value, draft.unit, draft.direction, draft.claimant, draft.high, draft.conversion,
    )  # fmt: skip


def _figure_draft(words: _Sentence, m: re.Match[str], claimant: str | None) -> Draft | None:
    # The rules read the sentence where it is, before the figure up to m.start() (endpos) and
    # after it from m.end() (pos), never a copy of the rest of it: a figure in a long sentence
    # then costs what it costs in a short one.
    sentence, at, after = words.text, m.start(), m.end()
    if _REJECT_TAIL.match(sentence, after) or _REJECT_HEAD.search(
        sentence, words.back(at, _REJECT_HEAD_WORDS, _REJECT_HEAD_LONGEST), at
    ):
        return None
    if m["low"] is not None and m["range_word"] is None and m["range_sep"] in ("and",):
        return None
    requirement = _requirement(m)
    if requirement is None:
        return None
    relation = requirement.relation
    conversion = _conversion(m, requirement)
    base = Draft(
        "distance", "", m.start(), m.end(), None, None, relation, requirement.figure.value,
        requirement.unit.value, None, claimant,
        high=requirement.high.value if requirement.high else None, conversion=conversion,
    )  # fmt: skip
    zone = _ZONE_AFTER.match(sentence, after)
    if zone and not (relation is Relation.WITHIN and _OF_AROUND.match(sentence, zone.end())):
        reference = _strip_article(zone["zone"])
        if reference.lower() == "radius":
            around = _AROUND.match(sentence, zone.end())
            zone_phrase = words.zone
            if zone_phrase is None and around:
                place, _ = _phrase(sentence, around.end())
                zone_phrase = f"zone around {place}" if place else None
            reference = zone_phrase or reference
        return replace(base, kind="zone_radius", end=zone.end(), reference=reference)
    in_radius = _IN_RADIUS.match(sentence, after)
    head_zone = _HEAD_ZONE.search(sentence, words.within(at, _HEAD_ZONE_REACH), at)
    if in_radius or head_zone:
        zone_phrase = words.zone or "zone"
        end = in_radius.end() if in_radius else after
        start = head_zone.start() if head_zone else at
        return replace(base, kind="zone_radius", start=start, end=end, reference=zone_phrase)
    prep = _PREPOSITION_TAIL.match(sentence, after)
    if prep is None:
        return None
    if prep["of"] and relation is not Relation.WITHIN:
        return None
    ref, ref_end = _phrase(sentence, prep.end()) if not prep["away"] else (None, prep.end())
    subject = words.subject(at)
    quote_start = subject[1] if subject else at
    end = ref_end if ref else prep.end()
    found = replace(base, start=quote_start, end=end, reference=ref,
                    subject=subject[0] if subject else None)  # fmt: skip
    if prep["inside"]:
        # "12 km inside Syrian territory" is a depth; "5 km within the zone" is not English
        if not ref or prep["inside"].lower() == "within":
            return None
        return replace(found, kind="inside")
    if prep["dir"]:
        direction = parse_direction(prep["dir"]).name
        return replace(found, kind="direction_distance", direction=direction)
    return found


def _requirement(m: re.Match[str]) -> Requirement | None:
    """Read the matched figure with the claims-file grammar: one grammar, not two."""
    unit = m["unit"]
    if m["low"] is not None:
        low_unit = f" {m['low_unit']}" if m["low_unit"] else ""
        text = f"between {m['low']}{low_unit} and {m['number']} {unit}"
    else:
        rel = m["rel"] or ""
        text = f"{rel} {m['number']} {unit}".strip()
    try:
        requirement = parse_requirement(text)
    except ValueError:
        return None
    if m["suffix"] and not m["rel"] and requirement.relation is Relation.EXACTLY:
        return Requirement(RELATION_SUFFIXES[m["suffix"].lower()], requirement.figure)
    return requirement


def _conversion(m: re.Match[str], requirement: Requirement) -> ConversionCheck | None:
    if m["cnum"] is None or m["low"] is not None:
        return None
    converted = parse_length(f"{m['cnum']} {m['cunit']}")
    stated = requirement.figure
    exact = stated.metres / converted.unit.metres
    half_step = float(about_tolerance(converted, Relation.EXACTLY).value)
    ok = abs(exact - float(converted.value)) <= half_step + 1e-9
    return ConversionCheck(stated, converted, exact, ok)


def _zone_in(sentence: str) -> str | None:
    zone = re.search(
        r"\b(?:(?!the\b|a\b|an\b)[\w-]+\s+)?(?:zone|perimeter|cordon|buffer zone)\b",
        sentence,
        re.IGNORECASE,
    )
    return _strip_article(zone.group()) if zone else None


def _strip_article(phrase: str) -> str:
    """ "the 34-mile exclusion zone" -> "exclusion zone": the name, without article or size."""
    phrase = re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(), flags=re.IGNORECASE)
    return _FIGURE_ADJECTIVE.sub("", phrase)


def _phrase(text: str, start: int) -> tuple[str | None, int]:
    """The place phrase starting at `start`: words up to a clause boundary, at most six."""
    words: list[tuple[str, int]] = []
    for w in _PHRASE_WORD.finditer(text, start):
        gap = text[words[-1][1] if words else start : w.start()]
        if words and _CLAUSE_MARK.search(gap):
            break
        if not words and _CLAUSE_MARK.search(gap):
            break
        token = w.group()
        if token.lower() in _STOP_WORDS or len(words) >= 6:
            break
        if words and _DIGITS.match(token):
            break
        words.append((token, w.end()))
    if not words:
        return None, start
    phrase = _strip_article(text[start : words[-1][1]].strip().rstrip("’'"))
    if not phrase or phrase.lower() in ("the", "a", "an"):
        return None, start
    return phrase, words[-1][1]


_PHRASE_WORD = re.compile(r"[^\s,.;:!?()\"“”‘]+(?:’s|'s)?")
_CLAUSE_MARK = re.compile(r"[,.;:!?()\"“”]")


_DIGITS = re.compile(r"^\d")


_WORD_RUN = re.compile(r"\S+")
#: How far into a sentence its rules simply read it from the start (`_Sentence`).
_SHORT = 1000
#: An `_EVENT_RE` match spans at most this many words: "the Tanf refugee camp".
_EVENT_WORDS = 4
#: A `_REJECT_HEAD` match spans at most 4 words ("convoy of more than") of at most 10 letters
#: ("visibility", "travelling"), which bounds how far back from a figure it can start (here
#: with a margin).
_REJECT_HEAD_WORDS = 4 + 1
_REJECT_HEAD_LONGEST = 10 + 6
_ZONE_AFTER = re.compile(
    rf"\s*(?P<zone>(?:{_NOT_MODIFIER}[\w-]+\s+){{0,2}}?{_ZONE_NOUN})\b", re.IGNORECASE
)
_OF_AROUND = re.compile(r"\s+(?:of|around)\b")
_AROUND = re.compile(r"\s+(?:around|of|from)\s+")
_IN_RADIUS = re.compile(r"\s*in\s+radius\b", re.IGNORECASE)
#: "the zone ... extends": before a figure; the match, trailing space aside, is at most
#: _HEAD_ZONE_REACH characters ("buffer zone", 40 characters, "stretching").
_HEAD_ZONE = re.compile(
    rf"\b{_ZONE_NOUN}\b[^.;]{{0,40}}?\b(?:of|extends?|extending|stretch(?:es|ing)?|reaching"
    rf"|reaches|is|was|runs?)\s*$",
    re.IGNORECASE,
)
_HEAD_ZONE_REACH = 11 + 40 + 10
_SPEAKS = re.compile(r"\s*(?:said|told|says|claimed|reported)\b", re.IGNORECASE)
#: "Syrian troops": a single capitalised word that qualifies a group or event noun
_GROUP_NOUN = re.compile(rf"\s+(?:troops|forces|army|officials|{_EVENT_NOUNS})s?\b", re.IGNORECASE)


def _subject(
    sentence: str, before: int, skip: tuple[int, int], first: bool = False
) -> tuple[str, int] | None:
    """The place or thing the claim is about: the nearest name or noun phrase before the figure
    (or, for "X violated the zone", the first one after the attribution)."""
    candidates = [
        c for m in _PROPER_RE.finditer(sentence, 0, before)
        if (c := _proper_candidate(sentence, m, before, skip))
    ]  # fmt: skip
    candidates += [
        c for e in _EVENT_RE.finditer(sentence, 0, before) if (c := _event_candidate(e, skip))
    ]
    if not candidates:
        return None
    if first:
        after = [c for c in candidates if c[1] >= skip[1]] or candidates
        return min(after, key=lambda c: c[1])
    return max(candidates, key=_reach)


def _proper_candidate(
    sentence: str, m: re.Match[str], end: int, skip: tuple[int, int]
) -> tuple[str, int] | None:
    """The subject a capitalised phrase offers when the head ends at `end`: none if it is the
    attribution, the speaker ("Reuters said") or qualifies a noun ("Syrian troops")."""
    if skip[0] <= m.start() < skip[1]:
        return None
    words = m.group().strip("’'-").split()
    while words and words[0].lower() in _NOT_PLACES:
        words = words[1:]
    while words and words[-1].lower() in _NOT_PLACES:
        words = words[:-1]
    if not words:
        return None
    if _SPEAKS.match(sentence, m.end(), end):
        return None
    if len(words) == 1 and _GROUP_NOUN.match(sentence, m.end(), end):
        return None
    return " ".join(words), m.start() + m.group().find(words[0])


def _event_candidate(e: re.Match[str], skip: tuple[int, int]) -> tuple[str, int] | None:
    return None if skip[0] <= e.start() < skip[1] else (_strip_article(e.group()), e.start())


def _reach(candidate: tuple[str, int]) -> int:
    return candidate[1] + len(candidate[0])


class _Ranked:
    """Subject candidates in text order (None: a match that offers none) and, for every prefix
    of them, the ones the subject rule picks: the first that reaches furthest, the first of all,
    the first at or after the attribution's end."""

    def __init__(self, after: int) -> None:
        self.after = after
        self.candidates: list[tuple[str, int] | None] = []
        #: furthest[i]: index of the first candidate reaching furthest among candidates[:i]
        self.furthest = [-1]
        self.first: int | None = None
        self.first_after: int | None = None

    def add(self, candidate: tuple[str, int] | None) -> None:
        i, best = len(self.candidates), self.furthest[-1]
        self.candidates.append(candidate)
        if candidate is not None:
            if best < 0 or _reach(candidate) > _reach(self._at(best)):
                best = i
            if self.first is None:
                self.first = i
            if self.first_after is None and candidate[1] >= self.after:
                self.first_after = i
        self.furthest.append(best)

    def _at(self, i: int) -> tuple[str, int]:
        found = self.candidates[i]
        assert found is not None  # the indices kept only ever point at candidates
        return found

    def reaching_furthest(self, n: int, more: list[tuple[str, int]]) -> tuple[str, int] | None:
        """Of the first n candidates, then `more`: the first that reaches furthest."""
        best = self._at(self.furthest[n]) if self.furthest[n] >= 0 else None
        for c in more:
            if best is None or _reach(c) > _reach(best):
                best = c
        return best

    def earliest(self, n: int, more: list[tuple[str, int]], after: bool) -> tuple[str, int] | None:
        """Of the first n candidates, then `more`: the first (at or after the attribution)."""
        i = self.first_after if after else self.first
        if i is not None and i < n:
            return self._at(i)
        return next((c for c in more if not after or c[1] >= self.after), None)


class _Subjects:
    """The subject for every figure of a sentence, from one scan of the sentence.

    Scanning the sentence up to each figure again was quadratic in the length of a sentence
    with many figures (a list of distances with no full stop). The sentence's names and event
    nouns are read once, as far as the figures need. For a figure at `before`: a name that ends
    by then (`_PROPER_RE` has no look-ahead, so cutting the text cannot change it) and an event
    noun that starts five words earlier or more (it spans at most four) are those of
    sentence[:before] too; the few just before the figure are matched again, cut there. The
    "X said" check after a name reads at most two words, so it too is redone only near the cut.
    """

    def __init__(self, sentence: _Sentence) -> None:
        self.sentence = sentence
        self._names = _PROPER_RE.finditer(sentence.text)
        self.names: list[re.Match[str]] = []
        self.name_ends: list[int] = []
        #: from which `before` on a name's "X said" check reads the same as in the whole text
        self.settled: list[int] = []
        self.ranked_names = _Ranked(sentence.skip[1])
        self._events = _EVENT_RE.finditer(sentence.text)
        self.events: list[re.Match[str]] = []
        self.event_starts: list[int] = []
        self.ranked_events = _Ranked(sentence.skip[1])

    def _read_names(self, before: int) -> None:
        """Read the names up to the first that ends after `before`."""
        text, skip = self.sentence.text, self.sentence.skip
        while not (self.name_ends and self.name_ends[-1] > before):
            m = next(self._names, None)
            if m is None:
                return
            self.names.append(m)
            self.name_ends.append(m.end())
            self.settled.append(self.sentence.ahead(m.end(), 2) + 1)
            self.ranked_names.add(_proper_candidate(text, m, len(text), skip))

    def _read_events(self, start: int) -> None:
        """Read the event nouns up to the first that starts at or after `start`."""
        while not (self.event_starts and self.event_starts[-1] >= start):
            e = next(self._events, None)
            if e is None:
                return
            self.events.append(e)
            self.event_starts.append(e.start())
            self.ranked_events.add(_event_candidate(e, self.sentence.skip))

    def find(self, before: int, first: bool) -> tuple[str, int] | None:
        text, skip = self.sentence.text, self.sentence.skip
        self._read_names(before)
        whole = bisect_right(self.name_ends, before)
        n_names = min(whole, bisect_right(self.settled, before))
        again = self.names[n_names:whole]
        if whole < len(self.names) and self.names[whole].start() < before:
            again += _PROPER_RE.finditer(text, self.names[whole].start(), before)
        names = [c for m in again if (c := _proper_candidate(text, m, before, skip))]
        settled = self.sentence.back(before, _EVENT_WORDS + 1, len(text))
        self._read_events(settled)
        n_events = bisect_left(self.event_starts, settled)
        restart = max(settled, self.events[n_events - 1].end()) if n_events else settled
        events = [
            c for e in _EVENT_RE.finditer(text, restart, before) if (c := _event_candidate(e, skip))
        ]
        if first:
            for after in (True, False):
                found = [
                    c
                    for c in (
                        self.ranked_names.earliest(n_names, names, after),
                        self.ranked_events.earliest(n_events, events, after),
                    )
                    if c
                ]
                if found:
                    return min(found, key=lambda c: c[1])
            return None
        found = [
            c
            for c in (
                self.ranked_names.reaching_furthest(n_names, names),
                self.ranked_events.reaching_furthest(n_events, events),
            )
            if c
        ]
        return max(found, key=_reach) if found else None


class _Sentence:
    """One sentence, with what its rules look up more than once computed once for all of them:
    where its words are (to bound how far back a rule can match), its subjects, its zone.

    Up to _SHORT characters into it, the rules read the sentence from its start as written
    (that is cheapest); further in, through the word index and `_Subjects`, which give the same
    answers at a cost that does not grow with the length of the sentence.
    """

    def __init__(self, text: str, skip: tuple[int, int]) -> None:
        self.text = text
        #: the attribution's span ("a Syrian source told SANA"): never a subject
        self.skip = skip

    @cached_property
    def _runs(self) -> tuple[list[int], list[int]]:
        """Where the words (runs of non-space) start and where they end."""
        runs = list(_WORD_RUN.finditer(self.text))
        return [r.start() for r in runs], [r.end() for r in runs]

    def back(self, end: int, words: int, longest: int) -> int:
        """Where a match ending at `end` can start at the earliest if it spans at most `words`
        words (runs of non-space) of at most `longest` characters each, and space between."""
        if end <= _SHORT:
            return 0
        starts, ends = self._runs
        start = end
        for i in range(bisect_left(starts, end) - 1, -1, -1):
            if words == 0:
                break
            words -= 1
            start = max(starts[i], min(ends[i], end) - longest)
            if start > starts[i]:
                break  # a longer word can only be the first, cut
        return start

    def ahead(self, start: int, words: int) -> int:
        """Where the `words`-th word that ends after `start` ends (the end, if fewer)."""
        ends = self._runs[1]
        i = bisect_right(ends, start) + words - 1
        return ends[i] if i < len(ends) else len(self.text)

    def within(self, end: int, reach: int) -> int:
        """Where a match ending at `end` can start at the earliest if, trailing white space
        aside, it is at most `reach` characters long."""
        if end <= _SHORT:
            return 0
        starts, ends = self._runs
        i = bisect_left(starts, end) - 1
        return max(0, min(ends[i], end) - reach) if i >= 0 else end

    @cached_property
    def _subjects(self) -> _Subjects:
        return _Subjects(self)

    def subject(self, before: int, first: bool = False) -> tuple[str, int] | None:
        if before <= _SHORT:
            return _subject(self.text, before, self.skip, first)
        return self._subjects.find(before, first)

    @cached_property
    def zone(self) -> str | None:
        return _zone_in(self.text)


class _Spans:
    """Spans added in order of their start; whether a position is inside one (ends included)."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._furthest: list[int] = []

    def add(self, start: int, end: int) -> None:
        self._starts.append(start)
        self._furthest.append(max(end, self._furthest[-1]) if self._furthest else end)

    def __contains__(self, at: int) -> bool:
        i = bisect_right(self._starts, at) - 1
        return i >= 0 and self._furthest[i] >= at


def _attribution(sentence: str, offset: int, previous: str | None) -> tuple[str, int, int] | None:
    """Who the sentence says is speaking: "X told Y", "X said", "according to X"."""
    for m in _ATTRIBUTION_RE.finditer(sentence):
        who = _WHO_PREFIXES.sub("", m["who"]).strip()
        who = _WHO_STRIP.sub("", who)
        if (
            not who
            or len(who.split()) > 9
            or re.search(r"\b(?:was|were|is|are|been|be)$", who, re.IGNORECASE)
        ):
            continue
        if who.lower() in _PRONOUNS:
            if previous is None and " " not in who:
                continue
            who = previous or who
        elif m["to"] and m["verb"].lower() == "told":
            to = m["to"].strip()
            if to.lower() not in ("reporters", "journalists"):
                who = f"{who}, via {to}"
        return who, offset + m.start("who"), offset + m.end()
    according = _ACCORDING_RE.search(sentence)
    if according:
        return according["who"].strip(), offset + according.start(), offset + according.end()
    after = _SAID_AFTER_RE.search(sentence)
    if after:
        return after["who"].strip(), offset + after.start(), offset + after.end()
    return None


def _resolve(draft: Draft, mentions: _Mentions) -> Draft:
    subject_ids = mentions.ids(draft.subject, draft.start)
    reference_ids = mentions.ids(draft.reference, draft.start)
    return Draft(
        draft.kind, draft.quote, draft.start, draft.end, draft.subject, draft.reference,
        draft.relation, draft.value, draft.unit, draft.direction, draft.claimant, draft.high,
        draft.conversion, subject_ids, reference_ids,
    )  # fmt: skip


def _ids(name: str | None, gazetteer: Gazetteer, earlier: str) -> tuple[str, ...]:
    """Gazetteer ids a phrase means; "the border post" takes its name from an earlier mention
    such as "the al-Tanf border post", as a reader would."""
    if not name:
        return ()
    for candidate in (name, *_earlier_mentions(name, earlier)):
        found = gazetteer.resolve(PlaceRef(candidate)).places
        if found:
            return tuple(p.id for p in found)
    return ()


def _mention_re(name: str) -> re.Pattern[str]:
    """One to three capitalised words, then the name: "the al-Tanf border post"."""
    return re.compile(rf"((?:{_NAME_WORD}\s+){{1,3}}){re.escape(name)}\b")


def _earlier_mentions(name: str, earlier: str) -> list[str]:
    return [f"{m.group(1)}{name}" for m in reversed(list(_mention_re(name).finditer(earlier)))]


#: Every word that follows white space, where a name's mention can go on (`_Mentions`).
_WORD_AFTER_SPACE = re.compile(r"(?<=\s)\w*")
_LEADING_WORD = re.compile(r"\w*")
#: The one to three "word, white space" steps `_mention_re` may take before a name, matched on
#: the text reversed from the name back: where a mention of the name can start, at the earliest.
#: The word just before the name has a capital (it is, or ends, a `_NAME_WORD`), or there is
#: no mention: most names ("from the border") need no scan at all.
_WORDS_BACKWARDS = re.compile(r"\s+(?=[\w’'-]*[A-Z])[\w’'-]+(?:\s+[\w’'-]+){0,2}")


@dataclass(frozen=True)
class _Regions:
    """The stretches of text where mentions of one name can be found, in text order (disjoint),
    with the ids of the latest mention that resolves up to the end of each stretch."""

    starts: list[int]
    ends: list[int]
    latest: list[tuple[str, ...]]


class _Mentions:
    """`_ids` for every draft of one text, without rescanning the text before each draft.

    Scanning all the text before every draft for earlier mentions made extraction quadratic in
    the article's length. Here the text's words are indexed once; a name's possible mentions are
    looked up in the index, scanned (with the same pattern) once around each occurrence, and a
    draft takes the latest one before it. Only the stretch a draft's start cuts through is
    scanned again, since a mention there may end where the draft starts. Same answers as `_ids`.
    """

    def __init__(self, text: str, gazetteer: Gazetteer) -> None:
        self._text = text
        self._gazetteer = gazetteer
        self._backwards = ""
        self._words: dict[str, list[int]] = {}
        self._regions: dict[str, _Regions] = {}
        self._found: dict[str, tuple[str, ...]] = {}
        self._patterns: dict[str, re.Pattern[str]] = {}

    def ids(self, name: str | None, before: int) -> tuple[str, ...]:
        """The gazetteer ids `name` means, read in the text before offset `before`."""
        if not name:
            return ()
        ids = self._lookup(name)
        if ids:
            return ids
        if name[0].isspace():
            # the pattern would find such a name inside a run of white space, which the
            # regions do not cover; the rules never draft one (their phrases are stripped)
            return _ids(name, self._gazetteer, self._text[:before])
        regions = self._regions.get(name) or self._find(name)
        text, cut = self._text, before
        # a mention ending exactly at `before` may exist only in the cut text ("Tanf|ield")
        start = before - len(name)
        if start > 0 and text.startswith(name, start):
            cut = min(cut, self._earliest(start, before))
        after = bisect_right(regions.ends, before)
        if after < len(regions.starts) and regions.starts[after] < before:
            cut = min(cut, regions.starts[after])
        done = bisect_right(regions.ends, cut)
        if done < len(regions.starts) and regions.starts[done] < cut:
            cut = regions.starts[done]
        if cut < before:
            for m in reversed(list(self._pattern(name).finditer(text, cut, before))):
                ids = self._lookup(f"{m.group(1)}{name}")
                if ids:
                    return ids
        return regions.latest[done - 1] if done else ()

    def _pattern(self, name: str) -> re.Pattern[str]:
        """Compiled only for a name that has a word before it somewhere (most have none)."""
        pattern = self._patterns.get(name)
        if pattern is None:
            pattern = self._patterns[name] = _mention_re(name)
        return pattern

    def _lookup(self, name: str) -> tuple[str, ...]:
        ids = self._found.get(name)
        if ids is None:
            ids = tuple(p.id for p in self._gazetteer.resolve(PlaceRef(name)).places)
            self._found[name] = ids
        return ids

    def _earliest(self, start: int, end: int) -> int:
        """Where a mention of the name at `start` can begin (`end` if no word precedes it)."""
        steps = _WORDS_BACKWARDS.match(self._backwards, len(self._text) - start)
        return start - (steps.end() - steps.start()) if steps else end

    def _find(self, name: str) -> _Regions:
        text = self._text
        if not self._backwards:
            self._backwards = text[::-1]
            for word in _WORD_AFTER_SPACE.finditer(text):
                self._words.setdefault(word.group(), []).append(word.start())
        # a mention puts white space before the name, so the name starts a word of the index
        key = _LEADING_WORD.match(name)
        spans = []
        for start in self._words.get(key.group() if key else "", []):
            if text.startswith(name, start):
                # +1: the \b after the name looks at the next character
                end = min(len(text), start + len(name) + 1)
                earliest = self._earliest(start, end)
                if earliest < end:
                    spans.append((earliest, end))
        spans.sort()
        starts: list[int] = []
        ends: list[int] = []
        for lo, hi in spans:
            if ends and lo < ends[-1]:
                ends[-1] = max(ends[-1], hi)
            else:
                starts.append(lo)
                ends.append(hi)
        latest: list[tuple[str, ...]] = []
        found: tuple[str, ...] = ()
        for lo, hi in zip(starts, ends, strict=True):
            for m in self._pattern(name).finditer(text, lo, hi):
                found = self._lookup(f"{m.group(1)}{name}") or found
            latest.append(found)
        regions = _Regions(starts, ends, latest)
        self._regions[name] = regions
        return regions


# --- output ------------------------------------------------------------------------------------


#: The drafts of one article, and the title they cite it by ("articles/a.txt").
Article = tuple[str, Sequence[Draft]]


def to_json(drafts: Sequence[Draft]) -> str:
    return json.dumps({"claims": [d.as_json() for d in drafts]}, indent=2, ensure_ascii=False)


def articles_json(articles: Sequence[Article]) -> str:
    """The drafts of several articles; each claim also names its `source`, the article its
    `start`/`end` offsets are into."""
    claims = [{"source": title, **d.as_json()} for title, drafts in articles for d in drafts]
    return json.dumps({"claims": claims}, indent=2, ensure_ascii=False)


#: Characters JSON leaves raw but YAML forbids (C1 controls, DEL) or reads as line breaks.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def _yaml_scalar(value: str) -> str:
    if re.fullmatch(r"[A-Za-z0-9][\w .,'’()/–-]*", value) and not value.endswith(" "):
        return value
    quoted = json.dumps(value, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-")


def _draft_id(draft: Draft) -> str:
    figure = f"{format_decimal(draft.value)}{draft.unit}" if draft.value is not None else ""
    parts = [draft.subject or "", draft.kind.replace("_", "-"), draft.reference or "", figure]
    return "extract-" + "-".join(p for p in (_slug(x) for x in parts) if p)


def _place_value(name: str, ids: tuple[str, ...]) -> str:
    return ids[0] if len(ids) == 1 else name


def yaml_entries(
    drafts: Sequence[Draft], source_title: str, taken_ids: Iterable[str] = ()
) -> tuple[str, list[Draft]]:
    """Claims-file entries (without `expect:`) for every complete draft, and the drafts left
    out because they lack a place; ids are unique against `taken_ids` and each other."""
    body, left_out = _entries([(source_title, d) for d in drafts], set(taken_ids))
    return body, [d for _, d in left_out]


def _entries(
    drafts: Iterable[tuple[str, Draft]], used: set[str]
) -> tuple[str, list[tuple[str, Draft]]]:
    """`yaml_entries` for drafts that each cite their own article; adds the ids to `used`."""
    #: per base id, the suffix it last got (1: none): every lower one is taken, and stays so
    suffixes: dict[str, int] = {}
    lines: list[str] = []
    left_out: list[tuple[str, Draft]] = []
    for source_title, d in drafts:
        entry = _entry(d, source_title)
        if entry is None:
            left_out.append((source_title, d))
            continue
        base = _draft_id(d)
        n = suffixes.get(base, 1)
        claim_id = base if n == 1 else f"{base}-{n}"
        while claim_id in used:
            n += 1
            claim_id = f"{base}-{n}"
        suffixes[base] = n
        used.add(claim_id)
        lines.append(f"  - id: {claim_id}")
        for key, value in entry:
            if key == "source":
                lines += ["    source:", f"      title: {value}"]
            else:
                lines.append(f"    {key}: {value}")
        lines.append("")
    return "\n".join(lines), left_out


def _entry(d: Draft, source_title: str) -> list[tuple[str, str]] | None:
    claimant = d.claimant or "unattributed (the article's own words)"
    entry = [
        ("quote", _yaml_scalar(d.quote)),
        ("claimant", _yaml_scalar(claimant)),
        ("source", _yaml_scalar(f"{source_title}, characters {d.start}–{d.end}")),
    ]
    notes = []
    reference = _place_value(d.reference, d.reference_ids) if d.reference else None
    subject = _place_value(d.subject, d.subject_ids) if d.subject else None
    for role, name, ids in (("subject", d.subject, d.subject_ids), ("reference", d.reference,
                                                                     d.reference_ids)):  # fmt: skip
        if name and not ids:
            notes.append(f"{role} {name!r} is not in the gazetteer")
        elif name and len(ids) > 1:
            notes.append(f"{role} {name!r} fits {len(ids)} places")
    if d.conversion is not None:
        c = d.conversion
        verdict = "correct" if c.ok else "NOT a correct rounding"
        notes.append(f"conversion {c.stated} = {c.exact:.2f} {c.converted.unit.value}; "
                     f"the text's {c.converted} is {verdict}")  # fmt: skip
    if d.kind == "zone_radius":
        if reference is None or d.requirement_text is None:
            return None
        entry += [("zone", _yaml_scalar(reference)), ("radius", d.requirement_text)]
    elif d.kind == "inside":
        if subject is None or reference is None:
            return None
        entry += [("subject", _yaml_scalar(subject)), ("inside", _yaml_scalar(reference))]
        if d.requirement_text:
            notes.append(f"the text puts it {d.requirement_text} inside")
    elif d.kind == "near":
        if subject is None or reference is None:
            return None
        entry += [("subject", _yaml_scalar(subject)), ("near", _yaml_scalar(reference))]
    else:
        if subject is None or reference is None or d.requirement_text is None:
            return None
        entry += [("subject", _yaml_scalar(subject)), ("distance", d.requirement_text)]
        if d.direction:
            entry.append(("direction", d.direction))
        entry.append(("from", _yaml_scalar(reference)))
    notes.insert(0, "drafted by claimcheck extract: review before use")
    entry.append(("note", _yaml_scalar("; ".join(notes))))
    return entry


def to_yaml(drafts: Sequence[Draft], source_title: str) -> str:
    return articles_yaml([(source_title, drafts)], name_articles=False)


def articles_yaml(articles: Sequence[Article], name_articles: bool = True) -> str:
    """One claims file from the drafts of several articles, each entry citing its own article;
    drafts left out for lack of a place are listed in comments (naming their article too)."""
    body, left_out = _entries(((t, d) for t, drafts in articles for d in drafts), set())
    comments = "".join(
        f"# left out (no place found): {d.kind} {d.quote!r}"
        + (f" in {title!r}\n" if name_articles else "\n")
        for title, d in left_out
    )
    return f"{comments}claims:\n{body}" if body else f"{comments}claims: []\n"


@dataclass(frozen=True)
class AppendResult:
    text: str
    added: int
    skipped: int
    left_out: int


def append_to(existing: str, path: str, drafts: Sequence[Draft], source_title: str) -> AppendResult:
    """The claims file with new entries added after every existing byte; drafts whose quote is
    already in the file, or left out for lack of a place, are not added."""
    return append_articles(existing, path, [(source_title, drafts)])


def append_articles(existing: str, path: str, articles: Sequence[Article]) -> AppendResult:
    """`append_to` for the drafts of several articles, each entry citing its own article."""
    from claimcheck.files import yamlfile

    data = yamlfile.load(path, existing)
    items = data.get("claims") if isinstance(data, yamlfile.YMap) else None
    if not isinstance(items, list) or re.search(r"^claims:\s*\[", existing, re.MULTILINE):
        raise UsageError(f"{path}: expected a block 'claims:' list to append to")
    last_key = list(data)[-1]
    if last_key != "claims":
        raise UsageError(f"{path}: 'claims:' must be the last top-level key to append to it")
    quotes = [_norm(str(c.get("quote", ""))) for c in items if isinstance(c, dict)]
    ids = [str(c.get("id")) for c in items if isinstance(c, dict)]
    drafts = [(title, d) for title, article in articles for d in article]
    fresh = [(title, d) for title, d in drafts if not _quoted(_norm(d.quote), quotes)]
    body, left_out = _entries(fresh, set(ids))
    added = len(fresh) - len(left_out)
    separator = "\n" if existing.endswith("\n") and not existing.endswith("\n\n") else ""
    if existing and not existing.endswith("\n"):
        separator = "\n\n"
    text = existing + (separator + body if added else "")
    merged = yamlfile.load(path, text)
    if len(merged["claims"]) != len(items) + added:
        raise UsageError(f"{path}: the new entries would not join its 'claims:' list")
    return AppendResult(text, added, len(drafts) - len(fresh), len(left_out))


def _quoted(quote: str, quotes: list[str]) -> bool:
    return any(quote in q or q in quote for q in quotes if q)


def _norm(quote: str) -> str:
    return " ".join(quote.casefold().replace("’", "'").split())
