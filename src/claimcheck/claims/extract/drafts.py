"""From sentences to drafts: each figure with its relation, unit, subject and reference."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import partial

from claimcheck.claims.extract.attribution import _attribution, writers_aside
from claimcheck.claims.extract.countries import countries_in
from claimcheck.claims.extract.figures import _phrase, figure_drafts
from claimcheck.claims.extract.mentions import _Mentions
from claimcheck.claims.extract.model import Draft
from claimcheck.claims.extract.patterns import _ACROSS_RE, _INSIDE_RE, _NEAR_RE, _PROPER_RE
from claimcheck.claims.extract.places import PlaceReader
from claimcheck.claims.extract.sentences import _figure_re, split_sentences
from claimcheck.claims.extract.subjects import (
    _Sentence,
    _Spans,
    _strip_article,
)
from claimcheck.gazetteer.places import Gazetteer
from claimcheck.grammar.directions import COMPASS_16


def extract(text: str, gazetteer: Gazetteer | None = None) -> list[Draft]:
    """Every claim the text appears to make, in text order. Nothing here verifies anything."""
    spans = split_sentences(text)
    drafts: list[Draft] = []
    previous: str | None = None
    # an empty places file is still a gazetteer: the world layers and an index stand behind it
    reader = PlaceReader(gazetteer, _Mentions(text, gazetteer)) if gazetteer is not None else None
    named: dict[int, list[str]] = {}

    def earlier(i: int) -> list[str]:
        """The countries the _EARLIER sentences before the i-th name, latest first."""
        found: list[str] = []
        for j in range(i - 1, max(-1, i - 1 - _EARLIER), -1):
            if j not in named:
                named[j] = countries_in(text[spans[j][0] : spans[j][1]])
            found += [c for c in named[j] if c not in found]
        return found

    for n, (start, end) in enumerate(spans):
        attribution = _attribution(text[start:end], start, previous)
        claimant = attribution[0] if attribution else None
        previous = claimant or previous
        found = _respectively(
            text, start, end, list(_sentence_drafts(text, start, end, attribution, claimant))
        )
        for i, draft in enumerate(found):
            if draft.subject is None and draft.reference and drafts and _is_away(draft):
                # "The Iraqi border is only 10 kilometers away" is about the place before it
                found[i] = replace(draft, subject=drafts[-1].subject)
        if reader is not None and found:
            speaker = (attribution[1] - start, attribution[2] - start) if attribution else (0, 0)
            context = reader.context(text[start:end], speaker, partial(earlier, n), start)
            read = [reader.read(d, context) for d in found]
            if context.far:
                # a name one draft dropped as a far namesake is dropped in the drafts before it
                read = [reader.read(d, context) for d in found]
            found = read
        drafts.extend(found)
    return drafts


#: How many sentences back a reader still has in mind which countries a story is about.
_EARLIER = 10


def _sentence_drafts(
    text: str, s_start: int, s_end: int, attribution: tuple[str, int, int] | None,
    claimant: str | None,
) -> Iterator[Draft]:  # fmt: skip
    sentence = _sentence_case(text[s_start:s_end])
    skip = (attribution[1] - s_start, attribution[2] - s_start) if attribution else (0, 0)
    words = _Sentence(sentence, skip)
    figures = _Spans()
    depths = _Spans()
    previous: Draft | None = None
    for found in _figure_re().finditer(sentence):
        m: re.Match[str] | None = found
        unit: str | None = None
        while m is not None:
            at = m.start()
            aside = claimant is not None and writers_aside(sentence, skip, m.start())
            last = previous
            for draft in figure_drafts(words, m, None if aside else claimant, unit):
                if (
                    previous is not None
                    and draft.kind != "zone_radius"
                    and (previous.subject or _SIDE_BY_SIDE.fullmatch(sentence, previous.end, at))
                    and _JOINED.fullmatch(sentence, previous.end, at)
                ):
                    # one subject for both; figures side by side, as a bulletin lists positions,
                    # share it also when it is not written ("ABOUT 30 MI...50 KM SSW OF LAKE
                    # CHARLES LOUISIANA ABOUT 40 MI...65 KM E OF PORT ARTHUR": not Lake Charles)
                    draft = replace(draft, subject=previous.subject, start=at)
                figures.add(m.start(), m.end())
                if draft.kind == "inside":
                    depths.add(m.start(), draft.end)
                previous = draft
                yield _shift(draft, s_start, text)
            # "110 kilometres northeast of Cairns, and 330 north of Townsville": the next
            # figure, its unit left out, is in the unit of the one just read
            read = previous if previous is not last else None
            after = _AND_NEXT.match(sentence, read.end) if read is not None else None
            m = _figure_re(unit_left_out=True).match(sentence, after.end()) if after else None
            unit = read.unit if read is not None else None
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
    for m in _ACROSS_RE.finditer(sentence):
        subject = words.subject(m.start())
        yield _shift(
            Draft("near", "", subject[1] if subject else m.start(), m.end("ref"),
                  subject[0] if subject else None, _strip_article(m["ref"]), None, None, None,
                  None, claimant),
            s_start, text,
        )  # fmt: skip
    for m in _NEAR_RE.finditer(sentence):
        ref, ref_end = _phrase(sentence, m.start("ref"))
        if not ref or m.start() in figures or _COORDINATE.match(ref) or ref[:1].isdigit():
            continue
        subject = words.subject(m.start())
        yield _shift(
            Draft("near", "", subject[1] if subject else m.start(), ref_end,
                  subject[0] if subject else None, ref, None, None, None, None, claimant),
            s_start, text,
        )  # fmt: skip


#: "The center of Hurricane Laura was located near latitude 29.8 North, longitude 93.3 West"
#: (a National Hurricane Center advisory): a position in coordinates, which the reviewer makes
#: a place of (docs/data.md), not a place called "latitude"; nor is "moving toward the north
#: near 15 mph" near a place: before a number "near" is "nearly" (Merriam-Webster, "near",
#: adverb 2: almost, nearly).
_COORDINATE = re.compile(r"(?:latitude|longitude)\b", re.IGNORECASE)


#: A list of names: "Casablanca and Rabat", "Homs, Hama and Idlib".
_NAMES = re.compile(
    rf"(?P<names>{_PROPER_RE.pattern}(?:\s*,\s*{_PROPER_RE.pattern})*,?\s+and\s+"
    rf"{_PROPER_RE.pattern})\s*,?\s*$"
)
_RESPECTIVELY = re.compile(r"\s*,?\s*respectively\b", re.IGNORECASE)


def _respectively(text: str, start: int, end: int, found: list[Draft]) -> list[Draft]:
    """ "in Casablanca and Rabat, 300 and 370 kilometers away, respectively" (EFE on the 2023
    Morocco earthquake): the figures go to the names in order, as "respectively" says
    (Merriam-Webster: "in the order given"), not both to Rabat, the name nearest them."""
    figures = [d for d in found if d.value is not None and d.subject]
    tail = next((m for d in figures if (m := _RESPECTIVELY.match(text, d.end))), None)
    if tail is None:
        return found
    # the figures of the list: one quote, one subject, ending on "respectively"
    group = [d for d in figures if d.end == tail.start()]
    head = min(group, key=lambda d: d.start)
    subject = head.subject or ""
    # the names end on the name the quote opens with ("Rabat, 300 and 370"), or just before it
    limit = head.start + len(subject) if text.startswith(subject, head.start) else head.start
    listed = _NAMES.search(text, start, limit)
    if listed is None:
        return found
    names = [n.group() for n in _PROPER_RE.finditer(listed["names"])]
    if len(group) != len(names) or any(d.subject != subject for d in group):
        return found
    paired = {
        id(d): replace(d, subject=name, start=listed.start(), end=tail.end(),
                       quote=" ".join(text[listed.start() : tail.end()].split()))
        for d, name in zip(group, names, strict=True)
    }  # fmt: skip
    return [paired.get(id(d), d) for d in found]


#: What joins a figure to the next one in a list: a comma, "and" or "or", or both.
_AND_NEXT = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")


#: Nothing but a space or a comma between two figures' phrases (`_JOINED`'s least).
_SIDE_BY_SIDE = re.compile(r"[\s,]*")
#: What joins a figure to the one before it so that both are about the same place: nothing,
#: "and", "but", or the name the first one's reference is ("90 km southeast of the region
#: capital, Sumy, and some eight km from the border": both figures are about the village), or
#: its state, abbreviated as AP style writes it ("5 miles east-northeast of Madison, Fla., and
#: 25 miles south of Valdosta": both about the storm, Yahoo News on Hurricane Idalia).
_JOINED = re.compile(rf"[\s,]*(?:(?:{_PROPER_RE.pattern}\.?[\s,]+)?(?i:and|but|while|or)\b[\s,]*)?")


#: Words that are never a place's name, kept in lowercase when a sentence in capitals is read
#: (`_sentence_case`): English function words, the verbs and comparators of a distance, units
#: and compass words, and the words of a hurricane advisory's set phrases ("the center of",
#: "hurricane-force winds extend outward up to", "moving toward the north near", "maximum
#: sustained winds", "minimum central pressure": the National Hurricane Center's public
#: advisory).
_NEVER_NAMES = frozenset(
    """a an the of from to in on at near by and or but with within into off is are was were be
    been lies lie lay located situated sits about around some nearly almost approximately
    roughly more less than over under up just only away some north south east west northeast
    northwest southeast southwest northern southern eastern western central km kilometres
    kilometers kilometre kilometer miles mile metres meters nautical feet foot yards
    nm mi
    center centre eye winds wind extend extends outward moving toward towards maximum
    sustained minimum central pressure gusts estimated present movement""".split()  # noqa: SIM905
)
_CAPS_WORD = re.compile(r"(?<![\d.])[A-Za-z]+")  # "139.4E" is a coordinate, not a name


def _sentence_case(sentence: str) -> str:
    """A sentence written all in capitals ("ABOUT 1530 KILOMETRES SOUTH-SOUTHWEST OF
    MELBOURNE", a weather or seismic bulletin) read as if in ordinary case: its function words,
    units and compass words in lowercase, every other word capitalised (it may be a name), so
    that the rules, which tell names by their capitals, read it. Same length, same offsets."""
    if any(c.islower() for c in sentence) or len(_CAPS_WORD.findall(sentence)) < 3:
        return sentence
    lowered = sentence.lower()
    if len(lowered) != len(sentence):
        return sentence

    def cased(w: re.Match[str]) -> str:
        word = w.group()
        if word.upper() in COMPASS_16:
            return word.upper()  # "SSW", "E": a compass point, as bulletins abbreviate it
        if word in _NEVER_NAMES or lowered.startswith("...", w.end()):
            return word  # "LOCATION...29.8N 93.3W": a bulletin's field, no name
        return word.capitalize()

    return _CAPS_WORD.sub(cased, lowered)


def _shift(draft: Draft, offset: int, text: str) -> Draft:
    start, end = draft.start + offset, draft.end + offset
    quote = " ".join(text[start:end].split())
    return Draft(
        draft.kind, quote, start, end, draft.subject, draft.reference, draft.relation,
        draft.value, draft.unit, draft.direction, draft.claimant, draft.high, draft.conversion,
        high_unit=draft.high_unit, side=draft.side, hedge=draft.hedge, along=draft.along,
    )  # fmt: skip


def _is_away(draft: Draft) -> bool:
    """A figure measured from a line to what the text was just about ("... is 10 km away")."""
    return draft.kind == "distance" and draft.quote.rstrip(" .").lower().endswith("away")
