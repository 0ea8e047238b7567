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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
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
    rf"""^\s*(?:(?:away|further|farther|deep)\s+)?
    (?:
      (?P<inside>inside|into|within)\s
    | (?:to\s+the\s+)?(?P<dir>{_DIRECTION_RE})(?:\s+(?:of|from)\b)
    | (?P<away_from>away\s+from|from|short\s+of|outside|beyond|off)\s
    | (?P<of>of)\s
    | (?P<away>away)\b
    )""",
    re.VERBOSE,
)
_REJECT_TAIL = re.compile(
    r"""^(?:[²³2]|\s*(?:
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


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in `text`; a line break always ends a sentence."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for end_mark in re.finditer(r"[.!?][\"”’)]*(?=\s+[\"“‘(]?[A-Z0-9])", line.group()):
            word = re.search(r"([\w.]+)[.!?]$", line.group()[: end_mark.start() + 1])
            if word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS:
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
        drafts = [_resolve(d, gazetteer, text) for d in drafts]
    return drafts


def _sentence_drafts(
    text: str, s_start: int, s_end: int, attribution: tuple[str, int, int] | None,
    claimant: str | None,
) -> Iterator[Draft]:  # fmt: skip
    sentence = text[s_start:s_end]
    skip = (attribution[1] - s_start, attribution[2] - s_start) if attribution else (0, 0)
    figures: list[tuple[int, int]] = []
    depths: list[tuple[int, int]] = []
    previous: Draft | None = None
    for m in _figure_re().finditer(sentence):
        draft = _figure_draft(sentence, m, skip, claimant)
        if draft is None:
            continue
        if previous is not None and previous.subject and draft.kind != "zone_radius":
            between = sentence[previous.end : m.start()].strip(" ,")
            if between.lower() in ("", "and", "but", "while", "or"):
                draft = replace(draft, subject=previous.subject, start=m.start())
        figures.append((m.start(), m.end()))
        if draft.kind == "inside":
            depths.append((m.start(), draft.end))
        previous = draft
        yield _shift(draft, s_start, text)
    for m in _INSIDE_RE.finditer(sentence):
        if any(a <= m.start() <= b for a, b in depths):
            continue
        by_verb = m["verb"].lower() in ("violated", "entered", "breached")
        subject = _subject(sentence, m.start(), skip, first=by_verb)
        yield _shift(
            Draft("inside", "", subject[1] if subject else m.start(), m.end(),
                  subject[0] if subject else None, _strip_article(m["area"]),
                  None, None, None, None, claimant),
            s_start, text,
        )  # fmt: skip
    for m in _NEAR_RE.finditer(sentence):
        ref, ref_end = _phrase(sentence, m.start("ref"))
        if not ref or any(a <= m.start() <= b for a, b in figures):
            continue
        subject = _subject(sentence, m.start(), skip)
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


def _figure_draft(
    sentence: str, m: re.Match[str], skip: tuple[int, int], claimant: str | None
) -> Draft | None:
    head, tail = sentence[: m.start()], sentence[m.end() :]
    if _REJECT_TAIL.match(tail) or _REJECT_HEAD.search(head):
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
    zone = re.match(
        rf"^\s*(?P<zone>(?:{_NOT_MODIFIER}[\w-]+\s+){{0,2}}?{_ZONE_NOUN})\b", tail, re.IGNORECASE
    )
    if zone and not (
        relation is Relation.WITHIN and re.match(r"\s+(?:of|around)\b", tail[zone.end() :])
    ):
        reference = _strip_article(zone["zone"])
        if reference.lower() == "radius":
            around = re.match(r"\s+(?:around|of|from)\s+", tail[zone.end() :])
            zone_phrase = _zone_in(sentence)
            if zone_phrase is None and around:
                place, _ = _phrase(tail, zone.end() + around.end())
                zone_phrase = f"zone around {place}" if place else None
            reference = zone_phrase or reference
        return replace(base, kind="zone_radius", end=m.end() + zone.end(), reference=reference)
    in_radius = re.match(r"^\s*in\s+radius\b", tail, re.IGNORECASE)
    head_zone = re.search(
        rf"\b{_ZONE_NOUN}\b[^.;]{{0,40}}?\b(?:of|extends?|extending|stretch(?:es|ing)?|reaching"
        rf"|reaches|is|was|runs?)\s*$",
        head,
        re.IGNORECASE,
    )
    if in_radius or head_zone:
        zone_phrase = _zone_in(sentence) or "zone"
        end = m.end() + (in_radius.end() if in_radius else 0)
        start = head_zone.start() if head_zone else m.start()
        return replace(base, kind="zone_radius", start=start, end=end, reference=zone_phrase)
    prep = _PREPOSITION_TAIL.match(tail)
    if prep is None:
        return None
    if prep["of"] and relation is not Relation.WITHIN:
        return None
    ref, ref_end = _phrase(tail, prep.end()) if not prep["away"] else (None, prep.end())
    subject = _subject(sentence, m.start(), skip)
    quote_start = subject[1] if subject else m.start()
    end = m.end() + (ref_end if ref else prep.end())
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
    for w in re.finditer(r"[^\s,.;:!?()\"“”‘]+(?:’s|'s)?", text[start:]):
        gap = text[start + (words[-1][1] if words else 0) : start + w.start()]
        if words and re.search(r"[,.;:!?()\"“”]", gap):
            break
        if not words and re.search(r"[,.;:!?()\"“”]", gap):
            break
        token = w.group()
        if token.lower() in _STOP_WORDS or len(words) >= 6:
            break
        if words and _DIGITS.match(token):
            break
        words.append((token, w.end()))
    if not words:
        return None, start
    phrase = _strip_article(text[start : start + words[-1][1]].strip().rstrip("’'"))
    if not phrase or phrase.lower() in ("the", "a", "an"):
        return None, start
    return phrase, start + words[-1][1]


_DIGITS = re.compile(r"^\d")


def _subject(
    sentence: str, before: int, skip: tuple[int, int], first: bool = False
) -> tuple[str, int] | None:
    """The place or thing the claim is about: the nearest name or noun phrase before the figure
    (or, for "X violated the zone", the first one after the attribution)."""
    head = sentence[:before]
    candidates: list[tuple[str, int]] = []
    for m in _PROPER_RE.finditer(head):
        if skip[0] <= m.start() < skip[1]:
            continue
        words = m.group().strip("’'-").split()
        while words and words[0].lower() in _NOT_PLACES:
            words = words[1:]
        while words and words[-1].lower() in _NOT_PLACES:
            words = words[:-1]
        if not words:
            continue
        follow = head[m.end() :]
        if re.match(r"\s*(?:said|told|says|claimed|reported)\b", follow, re.IGNORECASE):
            continue
        if len(words) == 1 and re.match(
            rf"\s+(?:troops|forces|army|officials|{_EVENT_NOUNS})s?\b", follow, re.IGNORECASE
        ):
            continue
        candidates.append((" ".join(words), m.start() + m.group().find(words[0])))
    for e in _EVENT_RE.finditer(head):
        if not skip[0] <= e.start() < skip[1]:
            candidates.append((_strip_article(e.group()), e.start()))
    if not candidates:
        return None
    if first:
        after = [c for c in candidates if c[1] >= skip[1]] or candidates
        return min(after, key=lambda c: c[1])
    return max(candidates, key=lambda c: c[1] + len(c[0]))


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


def _resolve(draft: Draft, gazetteer: Gazetteer, text: str) -> Draft:
    subject_ids = _ids(draft.subject, gazetteer, text[: draft.start])
    reference_ids = _ids(draft.reference, gazetteer, text[: draft.start])
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


def _earlier_mentions(name: str, earlier: str) -> list[str]:
    pattern = rf"((?:{_NAME_WORD}\s+){{1,3}}){re.escape(name)}\b"
    return [f"{m.group(1)}{name}" for m in reversed(list(re.finditer(pattern, earlier)))]


# --- output ------------------------------------------------------------------------------------


def to_json(drafts: Sequence[Draft]) -> str:
    return json.dumps({"claims": [d.as_json() for d in drafts]}, indent=2, ensure_ascii=False)


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
    used = set(taken_ids)
    lines: list[str] = []
    left_out: list[Draft] = []
    for d in drafts:
        entry = _entry(d, source_title)
        if entry is None:
            left_out.append(d)
            continue
        base = _draft_id(d)
        claim_id, n = base, 2
        while claim_id in used:
            claim_id, n = f"{base}-{n}", n + 1
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
    entry.append(("status", "draft"))
    return entry


def to_yaml(drafts: Sequence[Draft], source_title: str) -> str:
    body, left_out = yaml_entries(drafts, source_title)
    comments = "".join(f"# left out (no place found): {d.kind} {d.quote!r}\n" for d in left_out)
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
    fresh = [d for d in drafts if not any(_norm(d.quote) in q or q in _norm(d.quote)
                                          for q in quotes if q)]  # fmt: skip
    body, left_out = yaml_entries(fresh, source_title, ids)
    added = len(fresh) - len(left_out)
    separator = "\n" if existing.endswith("\n") and not existing.endswith("\n\n") else ""
    if existing and not existing.endswith("\n"):
        separator = "\n\n"
    text = existing + (separator + body if added else "")
    merged = yamlfile.load(path, text)
    if len(merged["claims"]) != len(items) + added:
        raise UsageError(f"{path}: the new entries would not join its 'claims:' list")
    return AppendResult(text, added, len(drafts) - len(fresh), len(left_out))


def _norm(quote: str) -> str:
    return " ".join(quote.casefold().replace("’", "'").split())
