"""What in a sentence only says where a place is, and so is not what a figure is about: an
apposition ("Vovchansk, a town"), an area that locates a place ("Kupiansk in Kharkiv Oblast"),
an aside in commas or brackets, a relative clause, a river the place lies on. `subjects` finds
the nearest fitting name before a figure; these rules take it back to the place meant."""

from __future__ import annotations

import re

from claimcheck.claims.extract.countries import country_code, state_at
from claimcheck.claims.extract.patterns import (
    _EVENT_NOUNS,
    _FIGURE_ADJECTIVE,
    _NOT_PLACES,
    _PROPER_RE,
    _time_zone,
)
from claimcheck.claims.extract.phrases import _FEATURE


def _strip_article(phrase: str) -> str:
    """ "the 34-mile exclusion zone" -> "exclusion zone": the name, without article or size."""
    phrase = re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(), flags=re.IGNORECASE)
    return _FIGURE_ADJECTIVE.sub("", phrase)


#: "sits along the", "on the western bank of the", "on the the opposite bank of the": what
#: comes before a natural feature a place lies on (at most _ON_FEATURE_REACH characters).
_ON_FEATURE = re.compile(
    r"\b(?i:on|along|astride|beside|across)\s+(?:(?i:the)\s+)+(?:[\w-]+\s+(?i:and)\s+)?"
    r"(?:[\w-]+\s+)?"
    r"(?:(?i:banks?|shores?|side|edge)\s+of\s+(?:(?i:the)\s+)+)?$"
)
_ON_FEATURE_REACH = 60
_FEATURE_WORD = re.compile(rf"(?:\s+{_FEATURE.pattern})?", re.IGNORECASE)
#: ", a city on the", ", a port town on the": an apposition's noun (up to three words) that puts
#: the place before it on what is named next, a sea or river named without "sea" or "river".
_APPOSED_ON = re.compile(
    r",\s*(?i:a|an)\s+(?:[a-z][\w-]*\s+){1,3}(?i:on|along|astride|beside)\s+(?i:the)\s+$"
)


def _lies_on(sentence: str, m: re.Match[str]) -> bool:
    """Whether a name is a river, a lake or another natural feature that the place before it
    lies on ("Qayyarah lies on the western bank of the Tigris river, about 60 km south of
    Mosul"): where the place is, not what the figure is about."""
    start = max(0, m.start() - _ON_FEATURE_REACH)
    after = _FEATURE_WORD.match(sentence, m.end())
    if not _FEATURE.search(m.group()) and not (after and after.group()):
        # "Derna, a city on the Mediterranean 150 miles east of Benghazi": a bare name is a
        # feature the place lies on when an apposition's noun puts the place on it
        return _APPOSED_ON.search(sentence, start, m.start()) is not None
    return _ON_FEATURE.search(sentence, start, m.start()) is not None


#: A journey's verb, then its origin or destination: "flying from Azerbaijan to Russia", "en
#: route from Baku to Grozny, the capital of Russia's Chechnya", "bound for Katherine".
_ROUTE_BEFORE = re.compile(
    r"\b(?:fl(?:y|ies|ying|ew|own)|travell?(?:s|ing|ed)?|sail(?:s|ing|ed)?|head(?:s|ing|ed)"
    r"|bound|en\s+route|on\s+(?:its|their|her|his)\s+way|divert(?:s|ing|ed)|return(?:s|ing|ed))"
    r"(?:\s+(?:from|to|for)\s+[^.;:!?]*?)?\s+(?:from|to|for)\s+(?:(?i:the)\s+)?"
    r"(?:[^.;:!?]{0,40}?,\s+the\s+capital\s+of\s+)?$",
    re.IGNORECASE,
)
_ROUTE_REACH = 120
#: ", 530 kilometres to the south-west": a figure in apposition to the name is about it.
_FIGURE_APPOSED = re.compile(r"\s*,\s*(?:[A-Za-z]+\s+){0,2}\d")


def _on_route(sentence: str, m: re.Match[str]) -> bool:
    """Whether a name is where a journey began or was to end ("An Embraer passenger plane
    flying from Azerbaijan to Russia crashed near the city of Aktau", the Aktau crash trial):
    the thing travelling is what the figure is about, unless the figure is in apposition to the
    name ("bound for Katherine, 530 kilometres to the south-west")."""
    before = _ROUTE_BEFORE.search(sentence, max(0, m.start() - _ROUTE_REACH), m.start())
    return before is not None and not _FIGURE_APPOSED.match(sentence, m.end())


def _in_brackets(sentence: str, m: re.Match[str]) -> bool:
    """Whether a name is in brackets: "Kupyansk is the second largest railway hub in the
    region (after Kharkiv) located just 40 kilometers from the border" is about Kupyansk; the
    bracket is an aside. (Whether they close is read from the whole sentence, so that a name's
    candidacy is the same wherever the figure is: `_Subjects` reads it once.) Square brackets
    too: "struck at 12:18 PDT [19:18 UTC/GMT] 20 km east of Maricopa" was drafted about "GMT"."""
    return any(
        sentence.rfind(left, 0, m.start()) > sentence.rfind(right, 0, m.start())
        and sentence.find(right, m.end()) >= 0
        for left, right in ("()", "[]")
    )


#: "Vovchansk, a town", "Kharkiv, Ukraine's second largest city", "Shevchenko, a village":
#: the name before an apposition whose head noun the subject rule found. The name is at most
#: _APPOSED_REACH characters before the noun.
_APPOSED = re.compile(
    rf"(?P<name>{_PROPER_RE.pattern})\s*,\s*(?:(?:a|an|the|one\s+of)\b|[\w’'-]+[’']s\b)"
    r"[^,;:.()“”\"]{0,80}$"
)
_APPOSED_REACH = 150
#: "Afgoye which once used to be Al-Shabaab stronghold is an agricultural and strategic town
#: located ...", "Muridke is a small city in Pakistan, near Lahore": a name, perhaps a
#: relative clause with no commas, then "is a/an" and the noun the subject rule found; the
#: noun says what the name is.
_RELATIVE_IS = re.compile(
    rf"(?P<name>{_PROPER_RE.pattern})\s+(?:(?:which|that)\s[^,;:.()“”\"]{{0,80}}?)?"
    r"\b(?:is|was)\s+(?:(?:a|an)\s+[^,;:.()“”\"]{0,60})?$"  # the noun found may hold its "a"
)
#: the same, when the noun found starts with its article ("Vovchansk, | a town")
_APPOSED_BEFORE_ARTICLE = re.compile(rf"(?P<name>{_PROPER_RE.pattern})\s*,\s*$")
_ARTICLE_AT = re.compile(r"(?:a|an|the)\s", re.IGNORECASE)
#: "Iraq's second-largest city": an apposition's noun that opens on its owner's name
_POSSESSIVE_NOUN = re.compile(r"[\w-]+[’']s\s+[a-z]")


_PEOPLE_OF = re.compile(r"(?P<word>\w+)\s+of\s+(?=[A-Z])")


def _apposed(sentence: str, found: tuple[str, int]) -> tuple[str, int]:
    """The name an apposition describes, when the subject rule found the apposition's noun."""
    name, at = found
    if not name[:1].islower() and not _POSSESSIVE_NOUN.match(name):
        return found
    relative = _RELATIVE_IS.search(sentence, max(0, at - _APPOSED_REACH), at)
    if relative is not None and relative["name"].lower() not in _NOT_PLACES:
        return relative["name"], relative.start("name")
    article = _ARTICLE_AT.match(sentence, at) or _POSSESSIVE_NOUN.match(name)
    pattern = _APPOSED_BEFORE_ARTICLE if article else _APPOSED
    m = pattern.search(sentence, max(0, at - _APPOSED_REACH), at)
    if m is None or m["name"].lower() in _NOT_PLACES:
        return found
    if _time_zone(sentence, m.start("name"), m["name"].split()):  # "at 1 a.m. CDT, the storm"
        return found
    # "Residents of Shebekino, a town of 40,000": the name, not the people of it
    head = _PEOPLE_OF.match(m["name"])
    if head is not None and head["word"].lower() in _NOT_PLACES:
        return m["name"][head.end() :], m.start("name") + head.end()
    return m["name"], m.start("name")


#: Words that make a name an area that says where another place is ("Kharkiv Oblast", "the
#: Sumy region", "Idlib province"): in "Kupiansk in Kharkiv Oblast is 40 km from the border"
#: the figure is about Kupiansk; the oblast only locates it.
_AREA_WORDS = (
    r"oblast|region|province|governorate|district|county|state|prefecture|raion|rayon|krai"
    r"|okrug|voivodeship|municipality|department|emirate|canton"
)
_AREA_NAME = re.compile(rf"\b(?i:{_AREA_WORDS})$")
_AREA_AFTER = re.compile(rf"\s+(?i:{_AREA_WORDS})\b")
#: "in northeastern Ukraine", "in the south of": how an area is introduced after a place.
_COMPASS_ADJECTIVE = (
    r"(?:north|south)(?:ern)?-?(?:east|west)?(?:ern)?|east(?:ern)?|west(?:ern)?|central"
)
#: "a village of about 15,000": how many live in the place an apposition describes.
_OF_PEOPLE = (
    r"(?:\s+of\s+(?:(?:about|some|around|roughly|nearly|almost)\s+)?[\d,.]+(?:\s+people)?)?"
)
#: A place, then what comes between it and the area that locates it: "in", "in the", "in
#: northeastern", "in Ukraine's", "in Armenia's southeastern", or a comma ("Tyre, Lebanon";
#: "Kupiansk, Kharkiv Oblast"); or an apposition's noun ("Bilopillya, a village in the Sumy
#: region").
_LOCATED_BY = re.compile(
    rf"(?:(?P<name>{_PROPER_RE.pattern})(?:{_AREA_AFTER.pattern})?"
    rf"|(?P<noun>\b(?i:a|an|the)\s+(?:[a-z][\w-]*\s+)?(?i:{_EVENT_NOUNS})){_OF_PEOPLE})"
    r"(?:\s*,\s*(?:(?:the|a|an)\s+)?|\s*,?\s+in\s+(?:the\s+)?"
    # "Kupiansk is located in the Kharkiv region, about 40 km from": the area says where it is;
    # so does it in an aside, "Kupiansk, located in the Kharkiv region, about 40 km from"
    r"|\s+(?:is|was|lies|lay|sits)\s+(?:(?:located|situated)\s+)?in\s+(?:the\s+)?"
    r"|\s*,\s*(?:located|situated|lying)\s+in\s+(?:the\s+)?)"
    rf"(?:[\w’'-]+[’']s\s+)?(?:(?i:{_COMPASS_ADJECTIVE})\s+)?(?:[\w’'-]+[’']s\s+)?$"
)
#: "Baalbek, in the Bekaa valley, lies 100 km north of the border", "Tal Afar, west of Mosul,
#: is 60 km from": a place, then an aside that says where it is, set off by commas; the figure
#: is about the place, not the aside.
_ASIDE_BEFORE = re.compile(
    rf"(?P<name>{_PROPER_RE.pattern})\s*,\s+(?:(?:in|on|near|at|outside)\s+(?:the\s+)?"
    rf"(?:(?i:{_COMPASS_ADJECTIVE})\s+)?|(?i:{_COMPASS_ADJECTIVE})\s+of\s+(?:the\s+)?)$"
)
#: "Qayyarah, which has an airfield, lies 60 km south of Mosul": a noun inside a relative
#: clause set off by commas describes the place before it; the figure is about the place. The
#: place may be a thing the story tells of: "The boat, which had left Tobruk, sank about 50
#: miles from Pylos" is about the boat, not Tobruk (the Pylos shipwreck trial).
_RELATIVE_BEFORE = re.compile(
    rf"(?:(?P<name>{_PROPER_RE.pattern})"
    rf"|(?P<noun>\b(?i:a|an|the)\s+(?:[a-z][\w-]*\s+)?(?i:{_EVENT_NOUNS})))"
    r"\s*,\s+(?:which|where|whose)\b[^,.;:()“”\"]{0,60}$"
)
#: "Rio Bravo, Tamaulipas, Mexico": a place written as an address, town, region, country; a
#: figure after the country is about the town (the region is named without "state").
_ADDRESS = re.compile(rf"(?P<name>{_PROPER_RE.pattern})\s*,\s*{_PROPER_RE.pattern}\s*,\s*$")
_ASIDE_AFTER = re.compile(r"[^,.;:()“”\"]{0,40},")
_LOCATED_REACH = 150


def _is_area(sentence: str, name: str, at: int) -> bool:
    """Whether a name is a country or an area that locates places ("Kharkiv Oblast", "the Sumy
    region", "Missouri" or "Mo.": a state, province or territory by its name), by its words:
    the subject rule reads the text, not the gazetteer."""
    return (
        country_code(name) is not None
        or state_at(sentence, at, at + len(name)) is not None
        or _AREA_NAME.search(name) is not None
        or _AREA_AFTER.match(sentence, at + len(name)) is not None
    )


def _located(sentence: str, found: tuple[str, int]) -> tuple[str, int]:
    """The place an area locates, when the subject rule found the area: "a garrison at al-Tanf
    in Syria is 20 km north of Tower 22" is about al-Tanf; "Kupiansk in Kharkiv Oblast is 40 km
    from the border" about Kupiansk; "Bilopillya, a village in the Sumy region in northeastern
    Ukraine, less than 10 km from the border" about Bilopillya (an area within an area, then
    the apposition's name); "Nairobi, the Kenyan capital, is 600 km from" about Nairobi, and
    "Baalbek, in the Bekaa valley, lies 100 km north of" about Baalbek (an aside in commas
    that says where the place is). Where no place is found before the areas, the subject is
    as found."""
    name, at = found
    address = _ADDRESS.search(sentence, max(0, at - _LOCATED_REACH), at)
    if address is not None and country_code(name) is not None:
        return address["name"], address.start("name")
    relative = _RELATIVE_BEFORE.search(sentence, max(0, at - _LOCATED_REACH), at)
    if relative is not None and relative["noun"]:
        return _strip_article(relative["noun"]), relative.start("noun")
    if relative is not None and relative["name"].lower() not in _NOT_PLACES:
        return relative["name"], relative.start("name")
    if not _is_area(sentence, name, at) and _ASIDE_AFTER.match(sentence, at + len(name)):
        aside = _ASIDE_BEFORE.search(sentence, max(0, at - _LOCATED_REACH), at)
        if aside is not None and aside["name"].lower() not in _NOT_PLACES:
            return aside["name"], aside.start("name")
    state = state_at(sentence, at, at + len(name))
    if state is not None:  # "Albany, N.Y.": the abbreviation starts before its last letter
        at = state[1]
    while _is_area(sentence, name, at):
        m = _LOCATED_BY.search(sentence, max(0, at - _LOCATED_REACH), at)
        if m is None:
            # "The Kursk region is 100 km from": the region, never the city it is named after
            area = _AREA_AFTER.match(sentence, at + len(name))
            return (sentence[at : area.end()], at) if area and at == found[1] else found
        if m["noun"]:
            return _apposed(sentence, (_strip_article(m["noun"]), m.start("noun")))
        if m["name"].lower() in _NOT_PLACES:
            return found
        name, at = m["name"], m.start("name")
    return name, at
