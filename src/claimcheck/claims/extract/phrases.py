"""How a phrase names a place, in words: a border ("the Iraqi border", "the border with Kursk
Oblast"), a coast, a country's territory or part ("southern Lebanon"), "the capital", a name
with its nouns ("the port of Aden", "Kharkiv city"), a region ("the Sumy region") and the
words that qualify a name rather than name it ("Tiny", "Polish"). `places.PlaceReader` looks
the words these find up in the gazetteer."""

from __future__ import annotations

import re

from claimcheck.claims.extract.countries import countries_in, country_code
from claimcheck.claims.extract.patterns import _NAME_WORD, _PROPER_RE

_BORDER = re.compile(
    r"""^(?:(?:the|a|its|their|this|that|shared|common|[\w’'-]+[’']s)\s+)*
    (?:(?P<pair>[\w’'.]+(?:\s[\w’'.]+)?\s*[-–/]\s*[\w’'.]+(?:\s[\w’'.]+)?)\s+
      |(?P<adj>[\w’'.]+(?:\s[\w’'.]+)?)\s+)?
    (?:land\s+|state\s+|international\s+)?(?:border|frontier|boundary)
    (?:\s+(?:with|of)\s+(?P<with>[\w’'. -]+)
      |\s+between\s+(?P<a>[\w’'.-]+(?:\s[\w’'.-]+)?)\s+and\s+(?P<b>[\w’'.-]+(?:\s[\w’'.-]+)?))?$""",
    re.VERBOSE | re.IGNORECASE,
)
_COAST = re.compile(
    r"""(?:(?P<owner>[\w’'.]+(?:\s[\w’'.]+)?)\s+)?
    (?:coast|coastline|shore|shores|coastal\s+waters)\b(?:\s+of\s+(?P<of>[\w’'. ]+))?""",
    re.VERBOSE | re.IGNORECASE,
)
_TERRITORY = re.compile(
    r"""^(?P<owner>[\w’'.]+(?:\s[\w’'.]+)?)\s+(?:territory|soil|airspace|side|land|mainland)$""",
    re.IGNORECASE,
)
_CAPITAL = re.compile(r"\bcapital\b", re.IGNORECASE)
_CAPITAL_NAMED = re.compile(
    rf"\bcapital(?:\s+city)?\s*,?\s+(?:of\s+\w+\s*,\s*)?({_PROPER_RE.pattern})"
)
#: "port of Aden", "dam of Kakhovka", "city of Kherson": a generic noun, then the name.
_NOUN_OF_NAME = re.compile(rf"\b(?P<noun>[a-z][\w-]*)\s+of\s+(?P<name>{_PROPER_RE.pattern})")
#: "the Port of Hodeidah", "Yemen’s Port of Hodeidah" (WBX, 2025): a town's generic noun in a
#: title's capitals, then its name. With "the" or an owner before it, the noun is no part of a
#: name ("Port of Spain" is one), so the place is the name after "of".
_TOWN_OF = re.compile(
    rf"^(?:(?P<owner>{_NAME_WORD})['’]s\s+)?(?:Port|City|Town|Village)\s+of\s+"
    rf"(?P<name>{_PROPER_RE.pattern})$"
)
#: A name and the lowercase nouns after it: "Zamzam displacement camp", "Kharkiv city".
_NAME_AND_NOUNS = re.compile(rf"(?P<name>{_PROPER_RE.pattern})(?P<nouns>(?:\s+[a-z][\w-]*)*)")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
#: "areas on the Turkish border": where a border phrase inside a longer one starts.
_AFTER_PREPOSITION = re.compile(r"\b(?:on|along|near|at|by|across)\s+(?:the\s+)?", re.I)


def _codes(text: str) -> list[str]:
    """The countries named in a border's words: "Russia-Ukraine", "Iraqi", "Syria"."""
    codes = []
    for part in re.split(r"\s*[-–/]\s*|\s+and\s+", text.strip()):
        code = country_code(part) or next(iter(countries_in(part, states=False)), None)
        if code and code not in codes:
            codes.append(code)
    return codes


def _border_id(a: str, b: str) -> str | None:
    return None if a == b else f"border:{min(a, b)}-{max(a, b)}"


#: "southern Lebanon", "north-eastern Syria", "central Ukraine": a part of a country is in
#: that country (`country:LB` for "3 km into southern Lebanon").
_PART_OF = re.compile(
    r"^(?i:(?:north|south)(?:ern)?-?(?:east|west)?(?:ern)?|east(?:ern)?|west(?:ern)?"
    r"|central)\s+(?=[A-Z])"
)
#: Natural features: a name followed by one of these is the feature, never a town of that name.
_FEATURE = re.compile(
    r"\b(?:rivers?|lakes?|sea|valley|mountains?|hills?|bay|gulf|strait|canal|island|peninsula"
    r"|desert|plain|reservoir|creek|basin|delta|heights)\b",
    re.IGNORECASE,
)

#: A region named by a place and the word for what it is: "Kursk Oblast", "the Sumy region".
_AREA = re.compile(
    rf"(?:the\s+)?(?P<name>{_PROPER_RE.pattern})\s+(?i:oblast|region|province|governorate"
    r"|district|county|prefecture|raion|rayon|krai|okrug|voivodeship)"
)

#: "the border with Ukraine's northern Chernigov Region": the words after "with" name the
#: country on the other side of the border from the place the sentence is about.
_BORDER_WITH = re.compile(
    r"\b(?i:border|frontier|boundary)\s+with\s+(?P<other>[^,.;:()“”\"—–]{1,60})"
)

#: A region as a whole phrase, with its owner and a compass word before it: "Ukraine's
#: northern Kharkiv region", "Kherson Oblast" (`PhraseRules._region`).
_REGION_PHRASE = re.compile(
    rf"(?:[\w-]+[’']s\s+)?(?:(?i:(?:north|south)(?:ern)?-?(?:east|west)?(?:ern)?|east(?:ern)?"
    rf"|west(?:ern)?|central)\s+)?(?P<area>{_AREA.pattern})"
)

#: "the plant", "the nuclear power plant", "the dam": a facility named by its kind alone, in
#: lowercase (`PlaceReader._facility`); the last word is the kind, the others narrow it.
_FACILITY = re.compile(
    r"(?:[a-z][\w-]*\s+){0,3}(?:plant|station|reactor|dam|base|airbase|airfield|airport|camp"
    r"|crossing|garrison|facility)"
)

#: "the town": a settlement the text has named before (`PlaceReader._antecedent`) ...
_SETTLEMENT = re.compile(
    r"(?:(?:entire|whole|same)\s+)?(?:town|city|village|hamlet|settlement)", re.IGNORECASE
)
#: "the volcano": the volcano the text has named before (`volcano_named_before`) ...
_VOLCANO = re.compile(r"(?:(?:same|active)\s+)?volcano", re.IGNORECASE)
#: ... named as a volcano or a mountain: "Mount Merapi", "Mt. Ruang", "Volcán de Fuego",
#: "Gunung Semeru", "the Kanlaon volcano", "Taal Volcano", "the Hunga Tonga-Hunga Ha'apai
#: underwater volcano" (one lowercase word between)
_VOLCANO_NAMED = re.compile(
    rf"\b(?:(?:Mount|Mt\.?|Mont|Monte|Volc[aá]n(?:\s+de)?|Gunung)\s+(?P<after>{_PROPER_RE.pattern})"
    rf"|(?P<before>{_PROPER_RE.pattern})\s+(?:[a-z]+\s+)?(?i:volcano)\b)"
)


def volcano_named_before(text: str, before: int) -> tuple[str | None, str] | None:
    """The last volcano the text names in the _ANTECEDENT_REACH characters before `before`:
    its name with "Mount" as written ("Mount Merapi"; None for "the Kanlaon volcano") and its
    bare name ("Merapi", "Kanlaon"). Why: "the volcano", as "the town", is the one the article is
    about, named before it; a volcano is named with "Mount", "Volcán" or "volcano", which a town
    is not."""
    last = None
    for m in _VOLCANO_NAMED.finditer(text, max(0, before - _ANTECEDENT_REACH), before):
        last = m
    if last is None:
        return None
    if last["after"]:
        return last.group().strip(), _strip_qualifiers(last["after"])
    return None, _strip_qualifiers(last["before"])


#: "it" as the subject of a figure ("It's about 20 miles from Lahore"): the place the sentence
#: before opens with (`PlaceReader._opened_with`), if it opens with one ...
_IT = re.compile(r"it", re.IGNORECASE)
#: ... within this many characters of that sentence's start ("The target, Muridke, is ...")
_OPENING_REACH = 25
#: ... within this many characters before it (a paragraph or two)
_ANTECEDENT_REACH = 1500


def _strip_qualifiers(name: str) -> str:
    """A name without the capitalised words that qualify it rather than name it: "Tiny",
    "Polish", "Yemen's", "Ukrainian-held", "Chinese"."""
    words = name.split()
    while len(words) > 1 and (
        country_code(words[0]) is not None
        or words[0].lower() in _QUALIFIERS
        or re.search(r"-(?:held|controlled|occupied|run|backed)$", words[0], re.IGNORECASE)
    ):
        words = words[1:]
    return " ".join(words)


#: Capitalised words that open a sentence or a headline and qualify the name after them.
_QUALIFIERS = frozenset(
    """tiny small little big large remote nearby neighbouring neighboring besieged occupied
    embattled eastern western northern southern central coastal frontline border greater
    the a an""".split()  # noqa: SIM905
)
