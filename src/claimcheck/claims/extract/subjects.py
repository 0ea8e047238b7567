"""Which place a figure is about: the nearest fitting name before it, ranked, never guessed."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cached_property

from claimcheck.claims.extract.asides import (
    _apposed,
    _in_brackets,
    _lies_on,
    _located,
    _on_route,
    _strip_article,
)
from claimcheck.claims.extract.countries import country_code
from claimcheck.claims.extract.patterns import (
    _EVENT_NOUNS,
    _EVENT_RE,
    _NOT_MODIFIER,
    _NOT_PLACES,
    _PROPER_RE,
    _ZONE_NOUN,
    _time_zone,
)
from claimcheck.grammar.directions import COMPASS_16


def _zone_in(sentence: str) -> str | None:
    zone = re.search(
        r"\b(?:(?!the\b|a\b|an\b)[\w-]+\s+)?(?:zone|perimeter|cordon|buffer zone)\b",
        sentence,
        re.IGNORECASE,
    )
    return _strip_article(zone.group()) if zone else None


#: A word of a place phrase. An initialism's full stops do not end the phrase ("the U.S.-Mexico
#: border", "the U.K."): capitals each followed by a full stop, two or more, then maybe a hyphen
#: and the rest of a compound.
_PHRASE_WORD = re.compile(
    r"No\.(?=\s*\d)|(?:[A-Z]\.){2,}(?:[-–][^\s,.;:!?()\"“”‘\[\]]+)?"
    r"|[^\s,.;:!?()\"“”‘\[\]]+(?:’s|'s)?"
)


_CLAUSE_MARK = re.compile(r"[,.;:!?()\"“”]")


_DIGITS = re.compile(r"^\d")


_WORD_RUN = re.compile(r"\S+")


#: How far into a sentence its rules simply read it from the start (`_Sentence`).
_SHORT = 1000


#: An `_EVENT_RE` match spans at most this many words: "the Tanf refugee camp", "the centre of
#: the Hunga Tonga-Hunga Ha'apai refugee camp", "the center of Hurricane Laura", "the tropical
#: storm's eye" (an article, "centre of the", a name of three words, a modifier, a noun of two,
#: the storm's name or "'s centre").
_EVENT_WORDS = 12


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


#: "Syrian troops": a single capitalised word that qualifies a group or event noun; and
#: "in Pakistani territory": a country's ground says where the thing before it is, it is not
#: what the figure is about
_GROUP_NOUN = re.compile(
    rf"\s+(?:troops|forces|army|officials|territory|soil|airspace|{_EVENT_NOUNS})s?\b",
    re.IGNORECASE,
)


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
        return _pronoun(sentence, before, skip)
    if first:
        after = [c for c in candidates if c[1] >= skip[1]] or candidates
        return min(after, key=lambda c: c[1])
    return max(candidates, key=_reach)


#: "it" as the subject: before the figure ("It's about 20 miles from Lahore"), or after a
#: figure that opens the sentence ("Just 40 kilometers from Lahore, it serves as ...")
_PRONOUN_BEFORE = re.compile(
    r"(?:^|[,;]\s*|\b(?:and|but)\s+)(?P<it>[Ii]t)(?:['’]s|\s+is|\s+was|\s+lies)\b"
)
_PRONOUN_AFTER = re.compile(r",\s*(?P<it>it)\s+(?:is|lies|serves|sits|was|has)\b")
#: what may come before a figure that opens a sentence: one word ("Just", "Some") at most
_OPENING = re.compile(r"\s*(?:[A-Za-z]+\s+)?")


def _pronoun(sentence: str, before: int, skip: tuple[int, int]) -> tuple[str, int] | None:
    """ "it" as the subject, for the places reader to resolve like "the town" (the place the
    text named before it); None when the sentence has no such "it"."""
    m = _PRONOUN_BEFORE.search(sentence, 0, before)
    if m is None and _OPENING.fullmatch(sentence, 0, before):
        m = _PRONOUN_AFTER.search(sentence, before)
    if m is None or skip[0] <= m.start("it") < skip[1]:
        return None
    return "it", m.start("it")


def _proper_candidate(
    sentence: str, m: re.Match[str], end: int, skip: tuple[int, int]
) -> tuple[str, int] | None:
    """The subject a capitalised phrase offers when the head ends at `end`: none if it is the
    attribution, the speaker ("Reuters said") or qualifies a noun ("Syrian troops")."""
    if skip[0] <= m.start() < skip[1] or _in_brackets(sentence, m):
        return None
    words = m.group().strip("’'-").split()
    if words[0] in COMPASS_16:
        # "10 km SSW, and", "25.7 km SSE of Lomas (population 0) and 73.7 km": a compass point
        # and the place it is measured from, the figure before's, not this one's subject
        return None
    # "Residents of Shebekino": a sentence's capitalised first noun and its "of" are no name
    while words and (words[0].lower() in _NOT_PLACES or words[0][0].isdigit() or words[0] == "of"):
        words = words[1:]
    while words and words[-1].lower() in _NOT_PLACES:
        words = words[:-1]
    if not words or _time_zone(sentence, m.start(), words):
        return None
    if _SPEAKS.match(sentence, m.end(), end) or _lies_on(sentence, m) or _on_route(sentence, m):
        return None
    if _STORM_NAME.match(m.group()) and _CENTRE_OF.search(sentence, 0, m.start()):
        return None  # "the center of Hurricane Laura": the centre is the subject (`_EVENT_RE`)
    if len(words) == 1 and (_GROUP_NOUN.match(sentence, m.end(), end) or _plural_demonym(words[0])):
        return None
    capital = _capital_of(sentence, m, end, words)
    if capital is not None:
        return capital
    plant = _PLANT_AFTER.match(sentence, m.end(), end)
    if plant is not None and words[-1] == m.group().strip("’'-").split()[-1]:
        # "Russia's Kursk nuclear power plant lies around 60 km away": the plant, not Kursk
        words.append(plant["nouns"])
    return " ".join(words), m.start() + m.group().find(words[0])


#: "Tonga's capital lies …", "The capital of Tonga is …": the capital, not the country (the
#: Hunga Tonga trial drafted both about `country:TO`); places.PlaceReader reads the phrase as
#: that country's capital.
_CAPITAL_AFTER = re.compile(r"\s+capital\b")
_CAPITAL_BEFORE = re.compile(r"\bcapital\s+of\s+$", re.IGNORECASE)


def _capital_of(
    sentence: str, m: re.Match[str], end: int, words: list[str]
) -> tuple[str, int] | None:
    """The capital a country's name stands in: "Tonga's capital", "the capital of Tonga"."""
    if len(words) != 1:
        return None
    owner = words[0][:-2] if words[0].endswith(("'s", "’s")) else ""
    if owner and country_code(owner) is not None and _CAPITAL_AFTER.match(sentence, m.end(), end):
        return f"{words[0]} capital", m.start()
    before = _CAPITAL_BEFORE.search(sentence, max(0, m.start() - 12), m.start())
    if before is not None and country_code(words[0]) is not None:  # not "state capital of X"
        return f"capital of {words[0]}", before.start()
    return None


#: The lowercase nouns of a facility named after a place: "Kursk nuclear power plant",
#: "Kramatorsk airport" (`_proper_candidate`; `place_rules.PhraseRules._name` never reads
#: such a facility as its town).
_PLANT_AFTER = re.compile(
    r"\s+(?P<nouns>(?:[a-z][\w-]*\s+){0,3}?(?:plant|power\s+station|reactor|dam|airport"
    r"|airbase|air\s+base|airfield))\b"
)


#: A storm's name: "Hurricane Laura", "Typhoon Haiyan", "Tropical Storm Alberto".
_STORM_NAME = re.compile(r"(?:Hurricane|Typhoon|Cyclone|(?:Tropical\s+)?Storm)\s", re.IGNORECASE)
#: Just before a name: "the center of", "the eye of".
_CENTRE_OF = re.compile(r"\b(?:cent(?:er|re)|eye|epicent(?:er|re))\s+of\s+(?:the\s+)?$", re.I)


def _event_candidate(e: re.Match[str], skip: tuple[int, int]) -> tuple[str, int] | None:
    return None if skip[0] <= e.start() < skip[1] else (_strip_article(e.group()), e.start())


def _plural_demonym(word: str) -> bool:
    """ "Syrians", "Iraqis": people, not a place ("Al-Rukban Camp, an unorganized gathering of
    displaced Syrians, has emerged near the Jordanian border" is about the camp); a country
    whose name ends in s ("Philippines", "Bahamas") is still a place."""
    return word.endswith("s") and country_code(word) is None and country_code(word[:-1]) is not None


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
            found = _subject(self.text, before, self.skip, first)
        else:
            found = self._subjects.find(before, first)
        if found is None:
            return None
        apposed = _apposed(self.text, found)
        if self.skip[0] <= apposed[1] < self.skip[1]:
            # "According to the USGS, the epicenter was ...": the speaker is no apposition's name
            apposed = found
        return _located(self.text, apposed)

    @cached_property
    def zone(self) -> str | None:
        return _zone_in(self.text)

    @cached_property
    def zone_like(self) -> bool:
        """Whether the sentence is about a zone at all ("the evacuation order was expanded")."""
        return _ZONE_WORD.search(self.text) is not None


_ZONE_WORD = re.compile(
    r"\b(?:zone|radius|perimeter|cordon|buffer|evacuation|exclusion|no-go|safe\s+area)\b",
    re.IGNORECASE,
)


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
