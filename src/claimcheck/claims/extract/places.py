"""Which places a draft names, read as a reader would: "the Iraqi border" is Iraq's land
boundary with the other place's country, "the capital" the capital of the country the sentence
is about, "Tiny Przewodów" is Przewodów and "the dam of Kakhovka" the Kakhovka dam.

Every name is resolved by the gazetteer's own rules (claimcheck.gazetteer.places.Gazetteer:
the places file first, then the built-in world layer, then the GeoNames index when one is
given): this module only decides which words to look up. The rules, in order, for a phrase:

1. the phrase as written (and earlier mentions: "the border post" after "the al-Tanf border
   post"): every place it names, as the places file's own rules resolve it;
2. a border ("the Iraqi border", "the border with Ukraine", "the Russia-Ukraine border", "the
   border"): the two countries named; with one named, the other is the other place's country,
   else another country the sentence names, else the named country's land boundary nearest
   the other place; with none named, the other place's country and one the sentence names;
   a region counts as its country ("the border with Kursk Oblast" is Russia's);
3. a coast ("the coast of Japan", "Taiwan's shores", "its coast"): that country's coast;
4. a country, its territory or a part of it ("Russia", "Armenian territory", "the Jordanian
   side", "southern Lebanon"): the country (`country:CC`);
5. "the capital" (", Kyiv" or "capital Ramadi" if the sentence names it): else the capital of
   the other place's country, or of the first country the sentence names, or of the country
   the sentences just before name;
6. the name inside the phrase: "the port of Aden" -> Aden, "the dam of Kakhovka" -> Kakhovka
   dam, "Yemen's Hodeidah", "the Polish town of Przewodow", "Tiny Przewodów", "Kharkiv city",
   "Pivdennoukrainsk plant" (a places-file name that starts with the name and has the noun);
   never a town for a natural feature of its name ("the Dnipro river" is not Dnipro).

Where a name the rules 2-6 read fits several places, the ones in a country the sentence names
are kept, if any (a name as written keeps all its candidates, for the reviewer to choose);
`narrowing.Narrowing._narrow` has the other ways a sentence says which (an area that locates
the name, a place much nearer, one by far the largest). The rules 2-6 are in `place_rules`.
Nothing is guessed: a phrase none of these resolve keeps no place, and the draft says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from claimcheck.claims.extract.asides import _AREA_AFTER
from claimcheck.claims.extract.candidates import (
    _country_of,
    _much_nearest,
    _much_nearest_pair,
    _one_country,
    _plain,
)
from claimcheck.claims.extract.countries import country_code
from claimcheck.claims.extract.mentions import _Mentions
from claimcheck.claims.extract.model import Draft
from claimcheck.claims.extract.narrowing import Narrowing
from claimcheck.claims.extract.patterns import _PROPER_RE
from claimcheck.claims.extract.phrases import (
    _ANTECEDENT_REACH,
    _AREA,
    _ARTICLE,
    _BORDER,
    _COAST,
    _FACILITY,
    _IT,
    _NOUN_OF_NAME,
    _OPENING_REACH,
    _REGION_PHRASE,
    _SETTLEMENT,
    _VOLCANO,
    _border_id,
    _strip_qualifiers,
    volcano_named_before,
)
from claimcheck.claims.extract.place_rules import _Context
from claimcheck.claims.extract.sentences import split_sentences
from claimcheck.gazetteer.places import Place, PlaceKind, PlaceRef

#: The kinds of draft measured from their reference's edge, for which a neighbouring country is
#: its border (`PlaceReader._across`); a depth "inside" a country is the country's.
_FROM_A_LINE = frozenset({"distance", "direction_distance", "near"})


@dataclass
class PlaceReader(Narrowing):
    """Resolves the subject and reference of each draft of one text (see the module rules)."""

    mentions: _Mentions

    def context(
        self,
        sentence: str,
        speaker: tuple[int, int] = (0, 0),
        earlier: Callable[[], list[str]] | None = None,
        start: int = 0,
    ) -> _Context:
        """What the rules need to know about one sentence (read once for all its drafts);
        `speaker` is where the attribution is in it ("a Syrian source told SANA"); `earlier`
        gives the countries the sentences just before it name, latest first; `start` is where
        the sentence starts in the text."""
        return _Context(sentence, speaker, self._named_once, earlier, start, self._named_in)

    def _named_in(self, text: str) -> list[str]:
        """The countries of the names a text writes whose places, one or several, are all in
        one country ("Topoli": three villages, all Ukrainian; "Kilis Province", by Kilis), in
        text order: where the sentence is, for "the border"."""
        found: list[str] = []
        for m in _PROPER_RE.finditer(text):
            area = _AREA.fullmatch(m.group())
            name = _strip_qualifiers(area["name"] if area else m.group())
            key = _plain(name)
            if len(key) < 3 or country_code(name) is not None:
                continue
            resolution = self.gazetteer.resolve(PlaceRef(name))
            places = [p for p in resolution.places if key in {_plain(n) for n in p.names}]
            one = _one_country(self.gazetteer, tuple(p.id for p in places)) if places else None
            code = _country_of(one)
            if code and code not in found:
                found.append(code)
        return found

    def _named_once(self, text: str) -> list[Place]:
        """The places a text names that its names fit one place each ("Bakersfield", not
        "Donetsk", which fits two), in text order: where the sentence is, for `_narrow`."""
        found: list[Place] = []
        for m in _PROPER_RE.finditer(text):
            places: list[Place] = []
            for name in dict.fromkeys((m.group(), _strip_qualifiers(m.group()))):
                key = _plain(name)
                if len(key) < 3 or country_code(name) is not None:
                    break
                # called so, letter for letter (by its name or an alias), not by a spelling
                # or a skeleton the name merely shares ("Å" for "A", "Ángeles" for "Angeles")
                resolution = self.gazetteer.resolve(PlaceRef(name))
                places = [p for p in resolution.places if key in {_plain(n) for n in p.names}]
                if places:
                    break
            if len(places) == 1 and places[0] not in found:
                found.append(places[0])
        return found

    def read(self, draft: Draft, context: _Context) -> Draft:
        """The draft with the ids its subject and reference name, read in its sentence."""
        notes: list[str] = []

        far: dict[str, str] = {}

        def look_up(role: str, phrase: str | None, other: Place | None) -> tuple[str, ...]:
            # a place another draft of the sentence dropped as a far namesake is none here
            found = self._ids(phrase, draft.start, context, other)
            if (
                found
                and all(i.startswith("country:") for i in found)
                and self._by_skeleton(phrase or "", imported=False)
            ):
                return ()  # a country is written by its name: "Asni" is no skeleton of China
            dropped = {i: why for i, (why, by) in context.far.items() if by is not draft}
            for i in (i for i in found if i in dropped):
                far[role] = f"{role} {phrase!r} {dropped[i]}"
            return tuple(i for i in found if i not in dropped)

        subject = look_up("subject", draft.subject, None)
        subject = self._narrow("subject", draft.subject, subject, context, (), [])
        of_subject = self._one(subject) or _one_country(self.gazetteer, subject)
        if draft.subject and self._by_skeleton(draft.subject):
            of_subject = None
        reference = look_up("reference", draft.reference, of_subject)
        if draft.subject and not subject and reference:
            subject = look_up("subject", draft.subject, self._one(reference))
        reference = self._narrow("reference", draft.reference, reference, context, subject, notes)
        subject = look_up("subject", draft.subject, self._one(reference))
        notes += far.values()
        subject = self._narrow("subject", draft.subject, subject, context, reference, notes)
        subject, reference = self._pair(draft, subject, reference, notes)
        subject = self._namesakes("subject", draft.subject, subject, reference, draft, context,
                                  notes)  # fmt: skip
        reference = self._namesakes("reference", draft.reference, reference, subject, draft,
                                    context, notes)  # fmt: skip
        if draft.kind in _FROM_A_LINE:
            reference = self._across(draft.reference, reference, subject, notes)
        if draft.kind == "direction_distance" and draft.reference is None and subject:
            unwritten = self._unwritten(draft, subject, context, notes)
            if unwritten is not None:
                draft, reference = replace(draft, reference=unwritten[0]), unwritten[1]
        for role, phrase, ids in (("subject", draft.subject, subject),
                                  ("reference", draft.reference, reference)):  # fmt: skip
            if phrase and (_ARTICLE.sub("", phrase.strip()), ids) in self._read_as:
                why = self._read_as[_ARTICLE.sub("", phrase.strip()), ids]
                notes.append(f"{role} {phrase!r} read as {why}")
            elif phrase and len(ids) == 1 and _SETTLEMENT.fullmatch(_ARTICLE.sub("", phrase)):
                place = self.gazetteer.get(ids[0])
                name = place.name if place else ids[0]
                notes.append(f"{role} {phrase!r} read as {name}, the place named before it")
            elif phrase and len(ids) == 1 and _IT.fullmatch(phrase):
                place = self.gazetteer.get(ids[0])
                name = place.name if place else ids[0]
                notes.append(f"{role} {phrase!r} read as {name}, the place its sentence is about")
            elif phrase and not ids and _REGION_PHRASE.fullmatch(_ARTICLE.sub("", phrase)):
                # flagged, not silently left: the reviewer adds the area or names a place
                notes.append(f"{role} {phrase!r} is a region, not the city it is named after")
        notes.sort(key=lambda n: not n.startswith("subject"))
        return replace(
            draft, subject_ids=subject, reference_ids=reference, place_notes=tuple(notes)
        )

    def _by_skeleton(self, phrase: str, imported: bool = True) -> bool:
        """Whether a name fits only imported places (or, not `imported`, any), and only by a
        transliteration ("Hiri" by Herāt's consonants), not letter for letter: a guess too
        weak to say which country's border or capital the sentence means (as for
        `_named_in`); the place itself stays a candidate, and a places-file place is the
        reviewer's choice. A country is never one of those guesses: "Asni" is not China."""
        text = _ARTICLE.sub("", phrase.strip())
        found = self.gazetteer.resolve(PlaceRef(text))
        ours = not imported or all(p.id.startswith("geonames:") for p in found.places)
        return found.how == "transliteration" and ours and country_code(text) is None

    def _pair(
        self, draft: Draft, subject: tuple[str, ...], reference: tuple[str, ...],
        notes: list[str],
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:  # fmt: skip
        """Two names that each still fit several imported places: the pair much the nearest
        each other, if one is ("Springfield is 20 miles from Decatur"), with a note for each.
        Why: a writer who gives one figure between two towns means two towns near enough to
        measure between; of a pair of namesakes, the nearer pair is the one a reader takes."""
        if len(subject) < 2 or len(reference) < 2:
            return subject, reference
        places = [[self.gazetteer.get(i) for i in ids] for ids in (subject, reference)]
        if any(p is None or not p.id.startswith("geonames:") for ps in places for p in ps):
            return subject, reference
        subjects = [p for p in places[0] if p is not None]
        references = [p for p in places[1] if p is not None]
        pair = _much_nearest_pair(subjects, references, self.gazetteer)
        if pair is None:
            return subject, reference
        for role, phrase, ids, chosen, other in (
            ("subject", draft.subject, subject, pair[0], pair[1]),
            ("reference", draft.reference, reference, pair[1], pair[0]),
        ):
            notes.append(
                f"{role} {phrase!r}: of {len(ids)} places, kept {chosen.id}: with {other.id}, "
                f"the pair of the two names' places much the nearest each other"
            )
        return (pair[0].id,), (pair[1].id,)

    def _across(
        self, phrase: str | None, ids: tuple[str, ...], subject: tuple[str, ...], notes: list[str]
    ) -> tuple[str, ...]:
        """A country a place across its land border is "N miles from" is that border: "Lviv
        is 50 miles away from Poland" is `border:PL-UA`. Why: a writer measures to the nearest
        of the country, which from a neighbour is the border they share; the verdict layer
        measures to a country's outline, the same line there, but the border says what is
        meant, and a `near` or a direction from it reads as the writer's. A place in no
        neighbour of it (or in it) keeps the country."""
        country = self._one(ids)
        place = self._one(subject)
        if country is None or not country.id.startswith("country:") or place is None:
            return ids
        code, own = _country_of(country), _country_of(place)
        border = self._world(_border_id(code, own)) if code and own else ()
        if border:
            notes.append(
                f"reference {phrase!r} read as {border[0]}: the edge of {country.name} nearest "
                f"a place in {own} is the border they share"
            )
        return border or ids

    def _unwritten(
        self, draft: Draft, subject: tuple[str, ...], context: _Context, notes: list[str]
    ) -> tuple[str, tuple[str, ...]] | None:
        """The place a direction with no "of" is from: "the eastern city of Van and town of
        Ercis, some 100 km to the north" is 100 km north of Van, the place the sentence names
        last before its subject (a whole name that fits one point place, or of several the one
        much the nearest the subject; not the speaker). Why: a reader measures "to the north"
        from the place just named, as "the town" is the place named before it. None when the
        sentence names no such place before its subject (the reviewer names it)."""
        place = self._one(subject)
        end = draft.start - context.start
        if place is None or end <= 0:
            return None
        speaker = context.speaker
        for m in reversed(list(_PROPER_RE.finditer(context.sentence, 0, end))):
            if speaker[0] <= m.start() < speaker[1] or m.end() > end:
                continue
            name = _strip_qualifiers(m.group())
            if country_code(name) is not None or len(_plain(name)) < 3:
                continue
            if _AREA_AFTER.match(context.sentence, m.end()) or _AREA.fullmatch(name):
                continue  # "the Donetsk region" is no town to measure from
            resolution = self.gazetteer.resolve(PlaceRef(name))
            fits = [
                p for p in resolution.places
                if p.kind is PlaceKind.POINT and p.id != place.id
                and _plain(name) in {_plain(n) for n in p.names}
            ]  # fmt: skip
            chosen = fits[0] if len(fits) == 1 else None
            if len(fits) > 1:
                chosen = _much_nearest(fits, place, self.gazetteer)
            if chosen is not None:
                notes.append(
                    f"reference not written: read as {chosen.name}, the place the sentence "
                    f"names before {draft.subject}"
                )
                return name, (chosen.id,)
        return None

    def _ids(
        self, phrase: str | None, before: int, context: _Context, other: Place | None
    ) -> tuple[str, ...]:
        if not phrase:
            return ()
        named = self._noun_of_name(phrase, context)
        if named:
            return named
        found = self.mentions.ids(phrase, before)
        if found and not any(c.isupper() for c in phrase):
            # a common noun ("town") matches a name only by its spelling, never by its
            # consonants ("Taiwan"): the places file's weaker match is for names; and "the
            # wall" is not Wall, South Dakota: a place a common noun fits only because case
            # is ignored is no place the writer named (an earlier mention, "the al-Tanf border
            # post" for "the border post", still is)
            resolution = self.gazetteer.resolve(PlaceRef(phrase))
            direct = {p.id for p in resolution.places}
            written = {n for p in resolution.places for n in p.names}
            bare = _ARTICLE.sub("", phrase.strip())
            # a place's id is what the reviewer calls it ("epicentre"): written, whatever case
            written |= {bare} & self.gazetteer.places.keys()
            if resolution.how == "transliteration" or (
                set(found) <= direct and bare not in written
            ):
                found = ()
        if found:
            return found
        text = _ARTICLE.sub("", phrase.strip())
        region = self._region(text, other, context)
        if region is not None:
            return region
        for rule in (self._border, self._country, self._coast, self._capital, self._name):
            ids = rule(text, context, other)
            if ids:
                return ids
            if rule == self._coast and _COAST.search(text):
                return ()  # "the Pacific coast" is a coast, never a town called Pacific
            if rule == self._border and _BORDER.match(text):
                return ()  # "the Kansas border" is a state line, never a town called Kansas
        apposed = self._apposed_name(phrase, context)
        if apposed:
            return apposed
        if _SETTLEMENT.fullmatch(text):
            town = self._antecedent(before, other, text)
            if town is not None:
                return (town.id,)
        if _IT.fullmatch(text):
            opened = self._opened_with(before)
            return (opened.id,) if opened is not None else ()
        if _FACILITY.fullmatch(text):
            return self._facility(phrase, text, before, other)
        if _VOLCANO.fullmatch(text):
            return self._volcano(text, before)
        return ()

    def _volcano(self, text: str, before: int) -> tuple[str, ...]:
        """ "the volcano" is the volcano the text named before it (`volcano_named_before`):
        the place called so with "Mount" ("Mount Merapi"), or the places-file place its bare
        name fits ("Merapi", "Kanlaon"), never an imported town of that name (Canlaon City is
        not the Kanlaon volcano)."""
        self._read_as.pop((text, ()), None)
        named = volcano_named_before(self.mentions.text, before)
        if named is None:
            return ()
        written, name = named
        ids = (self._resolve(written) if written else ()) or tuple(
            i for i in self._resolve(name) if ":" not in i
        )
        self._read_as[text, ids] = f"{written or name}, the volcano named before it"
        return ids

    def _facility(
        self, phrase: str, text: str, before: int, other: Place | None
    ) -> tuple[str, ...]:
        """ "the plant" is the places-file place of that kind the article named last, within
        _ANTECEDENT_REACH characters before it ("... the Zaporizhzhia nuclear power plant ...
        Nikopol, 10 km from the plant"); where the text named none, the only one in the places
        file, or the one much the nearest (three times) the claim's other place: the places
        file is the story's own list, and a reader of the article knows which plant it is
        about (the note says so)."""
        words = text.casefold().split()
        kind = [
            p for p in self.gazetteer
            if ":" not in p.id and p.kind is PlaceKind.POINT
            and set(words) <= {w for n in p.names for w in n.casefold().split()}
        ]  # fmt: skip
        if not kind:
            return ()
        start = max(0, before - _ANTECEDENT_REACH)
        last: tuple[int, Place] | None = None
        for place in kind:
            for name in place.names:
                first = re.escape(name.split()[0])
                pattern = rf"\b{first}\b(?:[\s-]+[\w.’'-]+){{0,4}}?[\s-]+{re.escape(words[-1])}\b"
                for m in re.finditer(pattern, self.mentions.text[start:before], re.IGNORECASE):
                    if last is None or m.end() > last[0]:
                        last = (m.end(), place)
        if last is not None:
            chosen, why = last[1], f"the {words[-1]} the text named before it"
        elif len(kind) == 1:
            chosen, why = kind[0], f"the only {words[-1]} in the places file"
        else:
            nearest = _much_nearest(kind, other, self.gazetteer) if other else None
            if nearest is None or other is None:
                return ()
            chosen = nearest
            why = f"of the places file's {len(kind)} {text}s, much the nearest to {other.name}"
        self._read_as[text, (chosen.id,)] = f"{chosen.name}, {why}"
        return (chosen.id,)

    def _apposed_name(self, phrase: str, context: _Context) -> tuple[str, ...]:
        """ "5 miles from one of Cuba's largest cities, Santiago de Cuba": a description the
        sentence follows with a name, as "the capital, Kyiv", is the place that name is."""
        if phrase[:1].isupper():
            return ()
        m = re.search(
            rf"{re.escape(phrase)}\s*,\s*(?P<name>{_PROPER_RE.pattern})", context.sentence
        )
        return self._resolve(_strip_qualifiers(m["name"])) if m else ()

    def _noun_of_name(self, phrase: str, context: _Context) -> tuple[str, ...]:
        """ "the dam of Kakhovka" is the Kakhovka dam, not the town, when the gazetteer has the
        dam: a name the sentence writes as "<noun> of <name>" is first looked up with its noun
        ("the city of Kherson" is Kherson: no place is called "Kherson city")."""
        for m in _NOUN_OF_NAME.finditer(context.sentence):
            if m["name"] == phrase:
                found = self._resolve(f"{m['name']} {m['noun']}")
                found = found or self._prefixed(m["name"], m["noun"])
                if found:
                    return found
        return ()

    def _antecedent(
        self, before: int, other: Place | None = None, noun: str = "town"
    ) -> Place | None:
        """The town "the town" is: the last place the text names, in the _ANTECEDENT_REACH
        characters before it, that a whole name fits alone and that is a point (a town, not a
        country or a region): "Shebekino ... enter the town" is Shebekino. A name several
        towns are called counts when one of them is much the nearest the claim's other place
        (`_much_nearest`): "Jasper, trying to protect the town about 365 kilometres west of
        Edmonton" is the Jasper in Alberta, as `_narrow` reads a name written out."""
        text = self.mentions.text
        start = max(0, before - _ANTECEDENT_REACH)
        for m in reversed(list(_PROPER_RE.finditer(text, start, before))):
            towns = self._towns_called(m.group())
            if len(towns) == 1:
                return towns[0]
            nearest = _much_nearest(towns, other, self.gazetteer) if other and towns else None
            if nearest is not None and other is not None:
                self._read_as[noun, (nearest.id,)] = (
                    f"{nearest.name}, the place named before it (of the {len(towns)} so called, "
                    f"much the nearest to {other.name})"
                )
                return nearest
        return None

    def _opened_with(self, before: int) -> Place | None:
        """The place "it" is: the town the sentence before it opens with ("Muridke is a small
        city ... It's about 20 miles from Lahore"; "The target, Muridke, is ... Just 40
        kilometers from Lahore, it serves"), or the sentence "it" is in, if it starts earlier.
        A sentence about something else ("The US Geological Survey said the quake was ... It
        was about 26 kilometers from Nurdagi") leaves "it" unread, for the reviewer."""
        text = self.mentions.text
        start = max(0, before - _ANTECEDENT_REACH)
        spans = split_sentences(text[start:before])
        if spans and not text[start + spans[-1][1] - 1 : before].strip(" ").endswith(
            (".", "!", "?")
        ):
            # "it" is in a sentence that starts before it: that sentence, then the one before
            spans = spans[-2:]
        else:
            spans = spans[-1:]
        for first, _ in reversed(spans):
            opening = start + first
            for m in _PROPER_RE.finditer(text, opening, min(before, opening + _OPENING_REACH)):
                town = self._town_called(m.group())
                if town is not None:
                    return town
        return None

    def _town_called(self, name: str) -> Place | None:
        """The one point place a whole name fits alone (a town, not a country or a region)."""
        towns = self._towns_called(name)
        return towns[0] if len(towns) == 1 else None

    def _towns_called(self, name: str) -> list[Place]:
        """The places a whole name fits, if every one is a point (towns, not a country or a
        region)."""
        if country_code(name) is not None or len(_plain(name)) < 3:
            return []
        resolution = self.gazetteer.resolve(PlaceRef(name))
        places = [p for p in resolution.places if _plain(name) in {_plain(n) for n in p.names}]
        return places if all(p.kind is PlaceKind.POINT for p in places) else []
