"""From sentences to drafts: each figure with its relation, unit, subject and reference."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from claimcheck.claims.extract.mentions import _Mentions, _resolve
from claimcheck.claims.extract.model import ConversionCheck, Draft
from claimcheck.claims.extract.patterns import (
    _INSIDE_RE,
    _NEAR_RE,
    _PREPOSITION_TAIL,
    _REJECT_HEAD,
    _REJECT_TAIL,
    _STOP_WORDS,
)
from claimcheck.claims.extract.sentences import _figure_re, split_sentences
from claimcheck.claims.extract.subjects import (
    _AROUND,
    _CLAUSE_MARK,
    _DIGITS,
    _HEAD_ZONE,
    _HEAD_ZONE_REACH,
    _IN_RADIUS,
    _OF_AROUND,
    _PHRASE_WORD,
    _REJECT_HEAD_LONGEST,
    _REJECT_HEAD_WORDS,
    _ZONE_AFTER,
    _attribution,
    _Sentence,
    _Spans,
    _strip_article,
)
from claimcheck.gazetteer.places import Gazetteer
from claimcheck.grammar.directions import parse_direction
from claimcheck.grammar.relations import (
    RELATION_SUFFIXES,
    Relation,
    Requirement,
    about_tolerance,
    parse_requirement,
)
from claimcheck.grammar.units import (
    parse_length,
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
