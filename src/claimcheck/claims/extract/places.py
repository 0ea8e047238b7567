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
`PlaceReader._narrow` has the other ways a sentence says which (an area that locates the name,
a place much nearer, one by far the largest).
Nothing is guessed: a phrase none of these resolve keeps no place, and the draft says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from claimcheck.claims.extract.candidates import (
    _borders,
    _by_far_largest,
    _country_of,
    _dwarfs_the_rest,
    _largest_reason,
    _much_nearest,
    _one_country,
    _plain,
    _position,
    _same_area,
)
from claimcheck.claims.extract.countries import capital_of, countries_in, country_code
from claimcheck.claims.extract.mentions import _Mentions
from claimcheck.claims.extract.model import Draft
from claimcheck.claims.extract.patterns import _PROPER_RE
from claimcheck.claims.extract.phrases import (
    _AFTER_PREPOSITION,
    _ANTECEDENT_REACH,
    _AREA,
    _ARTICLE,
    _BORDER,
    _CAPITAL,
    _CAPITAL_NAMED,
    _COAST,
    _FEATURE,
    _NAME_AND_NOUNS,
    _NOUN_OF_NAME,
    _PART_OF,
    _SETTLEMENT,
    _TERRITORY,
    _border_id,
    _codes,
    _strip_qualifiers,
)
from claimcheck.gazetteer.names import normalize
from claimcheck.gazetteer.places import Gazetteer, Place, PlaceKind, PlaceRef
from claimcheck.gazetteer.world import world_layer


@dataclass
class PlaceReader:
    """Resolves the subject and reference of each draft of one text (see the module rules)."""

    gazetteer: Gazetteer
    mentions: _Mentions
    _prefixes: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for place in self.gazetteer:
            for name in place.names:
                words = tuple(normalize(name).split())
                if words:
                    self._prefixes.setdefault(words[0], []).append((words, place.id))

    def context(
        self,
        sentence: str,
        speaker: tuple[int, int] = (0, 0),
        earlier: Callable[[], list[str]] | None = None,
    ) -> _Context:
        """What the rules need to know about one sentence (read once for all its drafts);
        `speaker` is where the attribution is in it ("a Syrian source told SANA"); `earlier`
        gives the countries the sentences just before it name, latest first."""
        return _Context(sentence, speaker, self._named_once, earlier)

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
        subject = self._ids(draft.subject, draft.start, context, None)
        subject = self._narrow("subject", draft.subject, subject, context, (), [])
        of_subject = self._one(subject) or _one_country(self.gazetteer, subject)
        reference = self._ids(draft.reference, draft.start, context, of_subject)
        if draft.subject and not subject and reference:
            subject = self._ids(draft.subject, draft.start, context, self._one(reference))
        reference = self._narrow("reference", draft.reference, reference, context, subject, notes)
        subject = self._ids(draft.subject, draft.start, context, self._one(reference))
        subject = self._narrow("subject", draft.subject, subject, context, reference, notes)
        for role, phrase, ids in (("subject", draft.subject, subject),
                                  ("reference", draft.reference, reference)):  # fmt: skip
            if phrase and len(ids) == 1 and _SETTLEMENT.fullmatch(_ARTICLE.sub("", phrase)):
                place = self.gazetteer.get(ids[0])
                name = place.name if place else ids[0]
                notes.append(f"{role} {phrase!r} read as {name}, the place named before it")
        notes.sort(key=lambda n: not n.startswith("subject"))
        return replace(
            draft, subject_ids=subject, reference_ids=reference, place_notes=tuple(notes)
        )

    def _one(self, ids: tuple[str, ...]) -> Place | None:
        return self.gazetteer.get(ids[0]) if len(ids) == 1 else None

    def _ids(
        self, phrase: str | None, before: int, context: _Context, other: Place | None
    ) -> tuple[str, ...]:
        if not phrase:
            return ()
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
            if resolution.how == "transliteration" or (
                set(found) <= direct and _ARTICLE.sub("", phrase.strip()) not in written
            ):
                found = ()
        if found:
            return found
        text = _ARTICLE.sub("", phrase.strip())
        for rule in (self._border, self._country, self._coast, self._capital, self._name):
            ids = rule(text, context, other)
            if ids:
                return ids
        if _SETTLEMENT.fullmatch(text):
            named = self._antecedent(before)
            if named is not None:
                return (named.id,)
        return ()

    def _antecedent(self, before: int) -> Place | None:
        """The town "the town" is: the last place the text names, in the _ANTECEDENT_REACH
        characters before it, that a whole name fits alone and that is a point (a town, not a
        country or a region): "Shebekino ... enter the town" is Shebekino."""
        text = self.mentions.text
        start = max(0, before - _ANTECEDENT_REACH)
        for m in reversed(list(_PROPER_RE.finditer(text, start, before))):
            name = m.group()
            if country_code(name) is not None or len(_plain(name)) < 3:
                continue
            resolution = self.gazetteer.resolve(PlaceRef(name))
            places = [p for p in resolution.places if _plain(name) in {_plain(n) for n in p.names}]
            if len(places) == 1 and places[0].kind is PlaceKind.POINT:
                return places[0]
        return None

    def _narrow(
        self, role: str, phrase: str | None, ids: tuple[str, ...], context: _Context,
        other_ids: tuple[str, ...], notes: list[str],
    ) -> tuple[str, ...]:  # fmt: skip
        """Of several places a name fits, the ones a reader would take, and a note saying so:
        those called by that name (not only by an alias), in a country the sentence names,
        or the one much nearer the claim's other place than any other. Only imported places
        are narrowed by their name."""
        if len(ids) < 2 or not phrase:
            return ids
        places = [p for p in (self.gazetteer.get(i) for i in ids) if p is not None]
        keys = {normalize(_ARTICLE.sub("", phrase))}
        keys |= {normalize(_strip_qualifiers(m.group())) for m in _PROPER_RE.finditer(phrase)}
        # a reviewed places file lists a name's candidates on purpose; an index's alternate
        # names are what GeoNames collected (Jermuk is also an alternate name of Mets Sepasar)
        imported = all(p.id.startswith("geonames:") for p in places)
        called = [p for p in places if imported and normalize(p.name) in keys]
        dwarf = _dwarfs_the_rest(places) if imported else None
        steps = [
            ("called so", called if dwarf is None or dwarf in called else []),
            ("in a country the sentence names",
             [p for p in places if _country_of(p) in context.countries]),
        ]  # fmt: skip
        located = self._located_by(phrase, context, {p.id for p in places})
        if located is not None:
            area, around = located
            # the area's own admin area if the index says so, else its country
            same_area = [p for p in places if any(_same_area(p, a) for a in around)]
            same_country = [
                p for p in places if any(_country_of(p) == _country_of(a) for a in around)
            ]
            steps.append((f"in {area}, as the sentence says", same_area or same_country))
        why: list[str] = []
        for reason, kept in steps:
            if kept and len(kept) < len(places):
                places, why = kept, [*why, reason]
                kept_ids = {p.id for p in kept}
                steps = [(r, [p for p in k if p.id in kept_ids]) for r, k in steps]
        other = self._one(other_ids)
        if len(places) > 1 and other is not None:
            nearest = _much_nearest(places, other, self.gazetteer)
            if nearest is not None:
                places, why = [nearest], [*why, f"much the nearest to {other.name}"]
        candidates = {p.id for p in places}
        for named in context.named() if len(places) > 1 else []:
            if named.id in candidates or normalize(named.name) in keys:
                continue
            nearest = _much_nearest(places, named, self.gazetteer)
            if nearest is not None:
                places = [nearest]
                why = [*why, f"much the nearest to {named.name}, which the sentence names"]
                break
        largest = _by_far_largest(places) if len(places) > 1 else None
        if largest is not None:
            places, why = [largest], [*why, _largest_reason(largest)]
        if not why:
            return ids
        chosen = ", ".join(p.id for p in places)
        notes.append(f"{role} {phrase!r} fits {len(ids)} places; kept {chosen}: {', '.join(why)}")
        return tuple(p.id for p in places)

    def _located_by(
        self, phrase: str, context: _Context, candidates: set[str]
    ) -> tuple[str, list[Place]] | None:
        """The area the sentence locates a name by, and the places that area's name fits:
        "Borova in Kharkiv Oblast" (Kharkiv), "Punta Gorda, Florida". A country is left to the
        country rule; the name's own candidates are no area of it."""
        for m in _PROPER_RE.finditer(phrase):
            name = _strip_qualifiers(m.group())
            after = re.search(
                rf"(?<![\w-]){re.escape(name)}\s*(?:,|\s+in)\s+(?:the\s+)?"
                rf"(?P<area>{_PROPER_RE.pattern})",
                context.sentence,
            )
            if after is None:
                continue
            area = _AREA.fullmatch(after["area"])
            key = area["name"] if area else after["area"]
            if country_code(key) is not None:
                continue
            around = [self.gazetteer.get(i) for i in self._resolve(key) if i not in candidates]
            places = [p for p in around if p is not None]
            if places:
                return after["area"], places
        return None

    # --- the rules ------------------------------------------------------------------------

    def _border(self, text: str, context: _Context, other: Place | None) -> tuple[str, ...]:
        m = _BORDER.match(text)
        for tail in _AFTER_PREPOSITION.finditer(text) if m is None else ():
            m = _BORDER.match(text, tail.end())
            if m is not None:
                break
        if m is None:
            return ()
        parts = (m["pair"], m["adj"], m["a"], m["b"])
        named = [c for part in parts if part for c in _codes(part) or self._area_codes(part)]
        withs = (_codes(m["with"]) or self._area_codes(m["with"])) if m["with"] else []
        if len(named) + len(withs) >= 2:
            return self._world(_border_id(*(named + withs)[:2]))
        known = (named + withs)[:1]
        others = [c for c in (_country_of(other), *context.countries) if c and c not in known]
        if (len(others) < 2 and not known) or (not others and known):
            # the countries of the places the sentence names ("an incursion into the Kharkiv
            # region") tell where it is when it names too few countries itself
            for place in context.named():
                code = _country_of(place)
                if code and code not in known and code not in others:
                    others.append(code)
        if (len(others) < 2 and not known) or (not others and known):
            # then the countries the sentences just before it name, as a reader remembers them
            for code in context.earlier():
                if code not in known and code not in others:
                    others.append(code)
        if known:
            for code in others:
                found = self._world(_border_id(known[0], code))
                if found:
                    return found
            return self._nearest_border(known[0], other)
        if len(others) >= 2:
            found = self._world(_border_id(others[0], others[1]))
            if found:
                return found
        return self._nearest_border(others[0], other) if others and other else ()

    def _coast(self, text: str, context: _Context, other: Place | None) -> tuple[str, ...]:
        m = _COAST.search(text)
        if m is None:
            return ()
        owner = m["of"] or m["owner"] or ""
        codes = _codes(owner) or [c for c in (_country_of(other), *context.countries) if c]
        return self._world(f"coast:{codes[0]}") if codes else ()

    def _country(self, text: str, context: _Context, other: Place | None) -> tuple[str, ...]:
        text = _PART_OF.sub("", text)
        m = _TERRITORY.match(text)
        owner = m["owner"] if m else text
        if owner.lower() in ("its", "their") and context.countries:
            return self._world(f"country:{context.countries[0]}")
        code = country_code(owner)
        if code is None or (m is None and owner[:1].islower()):
            return ()
        return self._world(f"country:{code}")

    def _capital(self, text: str, context: _Context, other: Place | None) -> tuple[str, ...]:
        if not _CAPITAL.search(text):
            return ()
        named = _CAPITAL_NAMED.search(context.sentence)
        if named:
            found = self._resolve(named.group(1))
            if found:
                return found
        # "the Lebanese capital", "Syria's capital": the country in the phrase itself first
        codes = [c for c in (*countries_in(text), _country_of(other), *context.countries) if c]
        # as a reader remembers which country a story is in: "the capital" of the sentences
        # just before, when this one names no country
        codes = codes or context.earlier()[:1]
        capital = capital_of(codes[0]) if codes else None
        if capital is None:
            return ()
        name, geonameid = capital
        if geonameid is not None:
            found = self._resolve(f"geonames:{geonameid}")
            if found:
                return found
        found = self._resolve(name)
        in_country = tuple(i for i in found if _country_of(self.gazetteer.get(i)) == codes[0])
        return in_country or found

    def _name(self, text: str, context: _Context, other: Place | None) -> tuple[str, ...]:
        of_name = [m for m in _NOUN_OF_NAME.finditer(context.sentence) if m["name"] == text]
        for m in [*_NOUN_OF_NAME.finditer(text), *of_name]:
            found = self._resolve(f"{m['name']} {m['noun']}") or self._prefixed(
                m["name"], m["noun"]
            )
            if found:
                return found
        for m in _NAME_AND_NOUNS.finditer(text):
            name = _strip_qualifiers(m["name"])
            if not name or country_code(name) is not None:
                continue
            nouns = m["nouns"].strip()
            candidates = [f"{name} {nouns}"] if nouns else []
            for candidate in candidates:
                found = self._resolve(candidate) or self._prefixed(name, nouns)
                if found:
                    return found
            if _FEATURE.search(nouns):
                # "the Dnipro river" is not the city of Dnipro: a river, a valley or a sea
                # the gazetteer does not have is not the town named after it
                continue
            found = self._resolve(name)
            if found:
                return found
        return ()

    # --- look-ups -------------------------------------------------------------------------

    def _resolve(self, name: str) -> tuple[str, ...]:
        """The places a name read out of a phrase means: by id, name or alias, never by its
        consonants alone (a phrase's leftovers are not names a writer chose)."""
        resolution = self.gazetteer.resolve(PlaceRef(name))
        written = name[:1].isupper() and any(c.islower() for c in name)
        if resolution.how not in ("id", "exact", "alias") and not (
            written and resolution.how == "transliteration"
        ):
            return ()
        return tuple(p.id for p in resolution.places)

    def _world(self, place_id: str | None) -> tuple[str, ...]:
        if place_id is None:
            return ()
        place = self.gazetteer.get(place_id)
        return (place.id,) if place is not None else ()

    def _prefixed(self, name: str, nouns: str) -> tuple[str, ...]:
        """Places-file places whose name starts with `name` and has every one of `nouns`:
        "Pivdennoukrainsk plant" -> "Pivdennoukrainsk Nuclear Power Plant"."""
        wanted = normalize(name).split()
        head = normalize(nouns).split()[-1:]
        if not wanted or not head:
            return ()
        hits = {
            place_id
            for words, place_id in self._prefixes.get(wanted[0], [])
            if tuple(words[: len(wanted)]) == tuple(wanted) and head[0] in words[len(wanted) :]
        }
        return tuple(sorted(hits))

    def _area_codes(self, text: str) -> list[str]:
        """The country of a region a border is named by ("the border with Kursk Oblast" is
        Russia's): the one country of every place the region's name fits, with the word that
        makes it a region ("Oblast", "region", "province") left out."""
        m = _AREA.fullmatch(text.strip())
        if m is None:
            return []
        codes = {_country_of(self.gazetteer.get(i)) for i in self._resolve(m["name"])}
        code = codes.pop() if len(codes) == 1 else None
        return [code] if code else []

    def _nearest_border(self, code: str, other: Place | None) -> tuple[str, ...]:
        """The named country's land boundary nearest the other place (geodesic, to the
        boundaries' vertices: enough to choose between neighbours tens of km apart)."""
        at = _position(other, self.gazetteer)
        if at is None:  # nothing to be nearest to ("the Somali border"): each, for the reviewer
            return tuple(sorted(f for f in world_layer().features() if _borders(f, code)))
        from pyproj import Geod

        geod = Geod(ellps="WGS84")
        best: tuple[float, str] | None = None
        for feature_id in world_layer().features():
            if not _borders(feature_id, code):
                continue
            place = self.gazetteer.get(feature_id)
            if place is None:
                continue
            lats = [lat for line in place.lines for lat, _ in line]
            lons = [lon for line in place.lines for _, lon in line]
            _, _, dist = geod.inv([at[1]] * len(lons), [at[0]] * len(lats), lons, lats)
            nearest = float(min(dist))
            if best is None or nearest < best[0]:
                best = (nearest, place.id)
        return (best[1],) if best else ()


class _Context:
    """What a sentence says about where it is: the countries it names, in order (who speaks
    is left out: "a Syrian source" says nothing about where a place is)."""

    def __init__(
        self,
        sentence: str,
        speaker: tuple[int, int] = (0, 0),
        named_once: Callable[[str], list[Place]] | None = None,
        earlier: Callable[[], list[str]] | None = None,
    ) -> None:
        self.sentence = sentence
        self._earlier = earlier
        self._about = sentence[: speaker[0]] + " " + sentence[speaker[1] :]
        self._countries: list[str] | None = None
        self._named_once = named_once
        self._named: list[Place] | None = None

    @property
    def countries(self) -> list[str]:
        if self._countries is None:
            self._countries = countries_in(self._about)
        return self._countries

    def earlier(self) -> list[str]:
        """The countries the sentences just before this one name, latest first."""
        return self._earlier() if self._earlier else []

    def named(self) -> list[Place]:
        """The places the sentence names, each fitting one place (read when first asked)."""
        if self._named is None:
            self._named = self._named_once(self._about) if self._named_once else []
        return self._named
