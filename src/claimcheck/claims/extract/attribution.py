"""Who a sentence says is speaking: "X told Y", "X said", "according to X", "as reported by X"."""

from __future__ import annotations

import re

from claimcheck.claims.extract.patterns import (
    _ACCORDING_RE,
    _AS_BY_RE,
    _ATTRIBUTION_RE,
    _PRONOUNS,
    _PROPER_RE,
    _SAID_AFTER_RE,
    _WHO_PREFIXES,
    _WHO_STRIP,
)
from claimcheck.claims.extract.sentences import _figure_re


def _attribution(sentence: str, offset: int, previous: str | None) -> tuple[str, int, int] | None:
    """Who the sentence says is speaking: "X told Y", "X said", "according to X"."""
    passive = _AS_BY_RE.search(sentence)
    if passive:
        return passive["who"].strip(), offset + passive.start(), offset + passive.end()
    for m in _ATTRIBUTION_RE.finditer(sentence):
        if _in_a_name(m["who"], m["verb"]):
            continue
        who = _WHO_PREFIXES.sub("", m["who"]).strip()
        who = _WHO_STRIP.sub("", who)
        if m["aside"] and not _speaker_aside(who, m["aside_words"]):
            continue
        if m["aside"] and not _RELATIVE.match(m["aside_words"]):
            # "Local authorities, including the Japan Meteorological Agency": the apposition
            # says who spoke; a relative clause ("which is run by the Royal Navy") says more
            # about them and is no part of the name; "The head of Pokrovsk's military
            # administration, Sergiy Dobryak," names the one the title describes
            aside = m["aside_words"].strip()
            titled = who.lower().startswith("the ") and _PROPER_RE.fullmatch(aside)
            who = aside if titled else f"{who}, {aside}"
        if (
            not who
            or who.lower() in _ARTICLES
            # "the incident, which it said went": a relative clause's pronoun is no speaker
            or _RELATIVE.match(who)
            or len(who.split()) > 9
            or _PASSIVE.search(who)
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


#: A form of "be" before the verb, an adverb of time or manner between or none: the verb is
#: passive and names no speaker ("The 22 crew of the ... bulker Magic Seas were today reported
#: safely rescued", Marine Log, 2025, was drafted with the claimant "000 dwt ... were today").
_PASSIVE = re.compile(
    r"\b(?:was|were|is|are|been|be|being)"
    r"(?:\s+(?:\w+ly|today|yesterday|tonight|now|later|earlier|also|first|then|since))?$",
    re.IGNORECASE,
)
#: An apposition that is a relative clause, not a name: "which is run by", "who works in".
_RELATIVE = re.compile(r"\s*(?:which|who|whose|whom|where|that)\b", re.IGNORECASE)
#: "The noted volcanologist said", "but no reports of damage": a determiner alone is no speaker
#: ("noted" is an adjective there, "reports" a noun).
_ARTICLES = frozenset(("the", "a", "an", "no"))


def _speaker_aside(who: str, aside: str) -> bool:
    """Whether "X, aside, said" names a speaker X: X opens on a name or "the" ("a prominent
    Ukrainian-born, pro-Russian military blogger, said" is the middle of a longer apposition),
    and neither has a figure in it ("One resident near Tracy, which is 80 miles east of San
    Francisco, said": where Tracy is, is the writer's)."""
    opens = who[:1].isupper() or who.lower().startswith("the ")
    return opens and not any(_figure_re().search(part) for part in (who, aside))


def _in_a_name(who: str, verb: str) -> bool:
    """A capitalised verb word after a capitalised word is a word of a name, not a verb:
    "according to the United States Geological Survey" (ABC/Reuters on the 2023 Morocco
    earthquake) has no speaker "the United"."""
    return verb[:1].isupper() and who.split()[-1][:1].isupper()


#: An announcement's content clause: "X announced (on Wednesday) that ...".
_ANNOUNCED_THAT = re.compile(r"\bannounced\b[^,;:.“”\"]{0,40}?\bthat\b", re.IGNORECASE)
#: Before a figure: an apposition that opens on a comma after a name ("Sudzha, located 10 km
#: from the border,"; "the town of Vouhledar, 50 km south of").
_APPOSITION_OPENS = re.compile(
    r"[A-Z][\w’'-]*\s*,\s*(?:(?:located|situated|lying|some|about|around|roughly|approximately"
    r"|just|only|nearly|less\s+than|more\s+than)\s+)*$"
)


def writers_aside(sentence: str, speaker: tuple[int, int], at: int) -> bool:
    """Whether the figure at `at` is in an apposition the writer set into an announcement it
    reports: "The Ukrainian army announced on Wednesday that it was withdrawing from the town
    of Vouhledar, 50 km south of ..." - the army announced the withdrawal; where Vouhledar is,
    is the article's own words (the claimant is the article, not the army)."""
    if at < speaker[1]:
        return False
    announced = _ANNOUNCED_THAT.search(sentence, speaker[0], at)
    return announced is not None and _APPOSITION_OPENS.search(sentence, 0, at) is not None
