"""The rules that read one phrase as a place, in words the gazetteer is asked about: a border
by the countries it joins, a coast, a country or its territory, "the capital", a name with its
nouns ("the dam of Kakhovka"). `places.PlaceReader` applies them in order (its module docstring
lists them); `_Context` is what a sentence says about where it is."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from claimcheck.claims.extract.candidates import _borders, _country_of, _position
from claimcheck.claims.extract.countries import (
    capital_of,
    countries_in,
    country_code,
    subdivision,
)
from claimcheck.claims.extract.model import Draft
from claimcheck.claims.extract.phrases import (
    _AFTER_PREPOSITION,
    _AREA,
    _BORDER,
    _BORDER_WITH,
    _CAPITAL,
    _CAPITAL_NAMED,
    _COAST,
    _FEATURE,
    _NAME_AND_NOUNS,
    _NOUN_OF_NAME,
    _PART_OF,
    _REGION_PHRASE,
    _TERRITORY,
    _TOWN_OF,
    _border_id,
    _codes,
    _strip_qualifiers,
)
from claimcheck.gazetteer.names import normalize
from claimcheck.gazetteer.places import Gazetteer, Place, PlaceRef
from claimcheck.gazetteer.world import world_layer

#: A facility's kind after a town's name: the facility, never the town (`PhraseRules._name`).
_PLANT_NOUN = re.compile(
    r"\b(?:plant|power\s+station|reactor|dam|airport|airbase|air\s+base|airfield)$"
)

#: How a border's words split into the names of what it joins ("Texas-Mexico", "Kansas").
_STATE_PARTS = re.compile(r"\s*[-–/]\s*|\s+and\s+")


@dataclass
class PhraseRules:
    """The phrase rules and the look-ups they share, over one gazetteer."""

    gazetteer: Gazetteer
    _prefixes: dict[str, list[tuple[tuple[str, ...], str]]] = field(
        default_factory=dict, init=False
    )
    #: why a phrase was read as the place it was, where the phrase alone does not say: a
    #: facility named by its kind alone, a border chosen by a place the sentence names
    _read_as: dict[tuple[str, tuple[str, ...]], str] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        for place in self.gazetteer:
            for name in place.names:
                words = tuple(normalize(name).split())
                if words:
                    self._prefixes.setdefault(words[0], []).append((words, place.id))

    def _one(self, ids: tuple[str, ...]) -> Place | None:
        return self.gazetteer.get(ids[0]) if len(ids) == 1 else None

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
        words = [w for part in (*parts, m["with"]) if part for w in _STATE_PARTS.split(part)]
        if any(subdivision(w) for w in words):
            return ()  # "the Kansas border" is a state line, which no layer has
        named = [c for part in parts if part for c in _codes(part) or self._area_codes(part)]
        withs = (_codes(m["with"]) or self._area_codes(m["with"])) if m["with"] else []
        if len(named) + len(withs) >= 2:
            return self._world(_border_id(*(named + withs)[:2]))
        known = (named + withs)[:1]
        others = [c for c in (_country_of(other), *context.countries) if c and c not in known]
        if (len(others) < 2 and not known) or (not others and known):
            # the countries of the places the sentence names ("an incursion into the Kharkiv
            # region") tell where it is when it names too few countries itself
            # (a name that fits several places, all in one country, says that country too)
            for code in [*map(_country_of, context.named()), *context.named_countries()]:
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
            return self._nearest_border(known[0], other, text, context)
        if len(others) >= 2:
            found = self._world(_border_id(others[0], others[1]))
            if found:
                return found
        found = self._nearest_border(others[0], other, text, context) if others else ()
        # with no other place and no named one, "the border" lists no country's every border
        return found if other is not None or len(found) == 1 else ()

    def _region(
        self, text: str, other: Place | None, context: _Context | None = None
    ) -> tuple[str, ...] | None:
        """A region ("Ukraine's northern Kharkiv region", "Kherson Oblast") is never the city
        it is named after: seen from a place in another country it is that country's border
        with it (the nearest of the region to a place across the border; "Maslova Pristan,
        some 15 kilometers from Ukraine's northern Kharkiv region" is 15 km from the
        Russia-Ukraine boundary), else no place the gazetteer has (it has no regions). Where
        the other place is not known, the country of the places the sentence names, if one
        other country ("The town is located some 150 km from Ukraine's Sumy Oblast and hosts
        the Kursk Nuclear Power Plant": the plant is in Russia, so `border:RU-UA`). None: the
        phrase is no region."""
        m = _REGION_PHRASE.fullmatch(text)
        if m is None:
            return None
        codes = self._area_codes(m["area"])
        code = _country_of(other)
        if code is None and other is None and codes and context is not None:
            named = {_country_of(p) for p in context.named()} - {None, codes[0]}
            code = named.pop() if len(named) == 1 else None
        if codes and code and code != codes[0]:
            return self._world(_border_id(codes[0], code))
        return ()

    def _coast(self, text: str, context: _Context, other: Place | None) -> tuple[str, ...]:
        m = _COAST.search(text)
        if m is None:
            return ()
        owner = m["of"] or m["owner"] or ""
        codes = _codes(owner) or [c for c in (_country_of(other), *context.countries) if c]
        # "the Pacific coast in Fukushima Prefecture": an owner that is no country (a sea, a
        # region) leaves the country to the places the sentence names
        codes = codes or [c for c in map(_country_of, context.named()) if c]
        codes = codes or [
            c for a in _AREA.finditer(context.sentence) for c in self._area_codes(a.group())
        ]
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
            # "the Kurdish capital Erbil" is Erbil or, if the gazetteer lacks it, no place: not
            # the capital of the other place's country (Baghdad) in its stead
            return self._resolve(named.group(1))
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
        town = _TOWN_OF.match(text)
        if town and (town["owner"] or re.search(rf"\bthe\s+{re.escape(text)}", context.sentence)):
            found = self._resolve(text) or self._resolve(town["name"])
            if found:
                return found
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
            if _FEATURE.search(nouns) or _PLANT_NOUN.search(nouns):
                # "the Dnipro river" is not the city of Dnipro: a river, a valley or a sea
                # the gazetteer does not have is not the town named after it, nor is "the
                # Kursk nuclear power plant" the city of Kursk
                continue
            found = self._resolve(name)
            if found:
                return found
        return self._before_state(text)

    def _before_state(self, text: str) -> tuple[str, ...]:
        """ "LAKE CHARLES LOUISIANA", as a hurricane advisory writes a town and its state with
        no comma between: the places so called in that state, as "Lake Charles, Louisiana" is
        read (`Narrowing._narrow`); none when the gazetteer has no such place there ("Port
        Washington" is not a place called "Port" in Washington)."""
        words = text.split()
        for size in (2, 1):
            state = subdivision(" ".join(words[-size:])) if len(words) > size else None
            if state is None:
                continue
            code, admin1 = state
            # an index row's admin is GeoNames' code ("LA"), a places-file entry's "US.LA"
            admins = (admin1, f"{code}.{admin1}")
            head = [self.gazetteer.get(i) for i in self._resolve(" ".join(words[:-size]))]
            return tuple(
                p.id for p in head
                if p is not None and _country_of(p) == code and p.admin in admins
            )  # fmt: skip
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

    def _nearest_border(
        self, code: str, other: Place | None, text: str = "", context: _Context | None = None
    ) -> tuple[str, ...]:
        """The named country's land boundary nearest the other place (geodesic, to the
        boundaries' vertices: enough to choose between neighbours tens of km apart); where the
        other place is not known, nearest the first place in that country the sentence names
        ("a drone strike on a house in Khiam about six kilometres from the border": Lebanon's
        border nearest Khiam, `border:IL-LB`), with a note saying so. Why: a writer who says
        "the border" means the one by the places the sentence is about."""
        if other is None and context is not None:
            by = next((p for p in context.named() if _country_of(p) == code), None)
            found = self._nearest_border(code, by) if by is not None else ()
            if len(found) == 1:
                self._read_as[text, found] = (
                    f"{found[0]}, the border of {code} nearest {by.name if by else ''}, "
                    f"which the sentence names"
                )
                return found
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
        start: int = 0,
        named_in: Callable[[str], list[str]] | None = None,
    ) -> None:
        self.sentence = sentence
        #: where the sentence starts in the text, and where its speaker is in it
        self.start = start
        self.speaker = speaker
        self._earlier = earlier
        self._about = sentence[: speaker[0]] + " " + sentence[speaker[1] :]
        self._countries: list[str] | None = None
        self._across: list[str] | None = None
        self._named_once = named_once
        self._named_in = named_in
        self._named_countries: list[str] | None = None
        self._named: list[Place] | None = None
        #: the ids a draft of the sentence dropped as far namesakes: the sentence talks about
        #: one place of a name, so its other drafts drop them too (`PlaceReader.read`)
        self.far: dict[str, tuple[str, Draft]] = {}

    @property
    def countries(self) -> list[str]:
        if self._countries is None:
            self._countries = countries_in(self._about)
        return self._countries

    def across(self) -> list[str]:
        """The countries the sentence names only as the other side of a border ("the border
        with Ukraine"): the place it is about is not in them."""
        if self._across is None:
            inside = countries_in(_BORDER_WITH.sub("", self._about))
            self._across = [
                code
                for m in _BORDER_WITH.finditer(self._about)
                for code in countries_in(m["other"])
                if code not in inside
            ]
        return self._across

    def earlier(self) -> list[str]:
        """The countries the sentences just before this one name, latest first."""
        return self._earlier() if self._earlier else []

    def named_countries(self) -> list[str]:
        """The countries of the names the sentence writes whose places are all in one country
        (read when first asked)."""
        if self._named_countries is None:
            self._named_countries = self._named_in(self._about) if self._named_in else []
        return self._named_countries

    def named(self) -> list[Place]:
        """The places the sentence names, each fitting one place (read when first asked)."""
        if self._named is None:
            self._named = self._named_once(self._about) if self._named_once else []
        return self._named
