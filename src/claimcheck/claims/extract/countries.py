"""Countries as articles name them: "Iraq", "the Iraqi border", "Yemen's Hodeidah", "the capital".

Country names come from the built-in world layer (claimcheck.gazetteer.world: Natural Earth's
names and aliases) and `SHORT_NAMES`; adjectives of nationality from `DEMONYMS`, English usage
written down here. The states, provinces and territories of the United States, Canada and
Australia (`data/subdivisions.json`, ISO 3166-2 with GeoNames' admin1 codes, built by
scripts/build_subdivisions.py) say their country too: "Missouri" is in the United States.
"The capital" of a country is GeoNames' capital (`data/capitals.json`, built by
scripts/build_capitals.py): a name and a GeoNames id, never a coordinate, resolved like any
other name.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from claimcheck.gazetteer.names import normalize, spelling
from claimcheck.gazetteer.places import PlaceKind
from claimcheck.gazetteer.world import world_layer

#: English adjectives of nationality (and a few nouns used as adjectives) -> ISO 3166-1 alpha-2.
DEMONYMS: dict[str, str] = {
    "afghan": "AF", "albanian": "AL", "algerian": "DZ", "american": "US", "angolan": "AO",
    "argentine": "AR", "argentinian": "AR", "armenian": "AM", "australian": "AU",
    "austrian": "AT", "azerbaijani": "AZ", "azeri": "AZ", "bahraini": "BH",
    "bangladeshi": "BD", "belarusian": "BY", "belgian": "BE", "bolivian": "BO",
    "bosnian": "BA", "brazilian": "BR", "british": "GB", "bulgarian": "BG", "burmese": "MM",
    "burundian": "BI", "cambodian": "KH", "cameroonian": "CM", "canadian": "CA",
    "chadian": "TD", "chilean": "CL", "chinese": "CN", "colombian": "CO", "congolese": "CD",
    "croatian": "HR", "cuban": "CU", "cypriot": "CY", "czech": "CZ", "danish": "DK",
    "djiboutian": "DJ", "dutch": "NL", "ecuadorian": "EC", "egyptian": "EG", "emirati": "AE",
    "eritrean": "ER", "estonian": "EE", "ethiopian": "ET", "finnish": "FI", "french": "FR",
    "georgian": "GE", "german": "DE", "ghanaian": "GH", "greek": "GR", "guatemalan": "GT",
    "guinean": "GN", "haitian": "HT", "honduran": "HN", "hungarian": "HU", "icelandic": "IS",
    "indian": "IN", "indonesian": "ID", "iranian": "IR", "iraqi": "IQ", "irish": "IE",
    "israeli": "IL", "italian": "IT", "ivorian": "CI", "jamaican": "JM", "japanese": "JP",
    "jordanian": "JO", "kazakh": "KZ", "kenyan": "KE", "kosovan": "XK", "kosovar": "XK",
    "kuwaiti": "KW", "kyrgyz": "KG", "lao": "LA", "laotian": "LA", "latvian": "LV",
    "lebanese": "LB", "liberian": "LR", "libyan": "LY", "lithuanian": "LT",
    "luxembourgish": "LU", "macedonian": "MK", "malagasy": "MG", "malawian": "MW",
    "malaysian": "MY", "malian": "ML", "maltese": "MT", "mauritanian": "MR", "mexican": "MX",
    "moldovan": "MD", "mongolian": "MN", "montenegrin": "ME", "moroccan": "MA",
    "mozambican": "MZ", "namibian": "NA", "nepalese": "NP", "nepali": "NP", "nigerian": "NG",
    "nigerien": "NE", "norwegian": "NO", "omani": "OM", "pakistani": "PK", "palestinian": "PS",
    "panamanian": "PA", "paraguayan": "PY", "peruvian": "PE", "filipino": "PH",
    "philippine": "PH", "polish": "PL", "portuguese": "PT", "qatari": "QA", "romanian": "RO",
    "russian": "RU", "rwandan": "RW", "saudi": "SA", "senegalese": "SN", "serbian": "RS",
    "singaporean": "SG", "slovak": "SK", "slovenian": "SI", "somali": "SO",
    "south african": "ZA", "south korean": "KR", "north korean": "KP", "south sudanese": "SS",
    "spanish": "ES", "sri lankan": "LK", "sudanese": "SD", "swedish": "SE", "swiss": "CH",
    "syrian": "SY", "taiwanese": "TW", "tajik": "TJ", "tanzanian": "TZ", "thai": "TH",
    "togolese": "TG", "tunisian": "TN", "turkish": "TR", "turkmen": "TM", "ugandan": "UG",
    "ukrainian": "UA", "uruguayan": "UY", "uzbek": "UZ", "venezuelan": "VE",
    "vietnamese": "VN", "yemeni": "YE", "zambian": "ZM", "zimbabwean": "ZW",
}  # fmt: skip

#: Names articles use that Natural Earth's names and aliases do not spell out.
SHORT_NAMES: dict[str, str] = {
    "china": "CN", "us": "US", "u.s": "US", "usa": "US", "america": "US",
    "united states": "US", "uk": "GB", "britain": "GB", "great britain": "GB",
    "gaza": "PS", "gaza strip": "PS", "west bank": "PS", "burma": "MM", "czechia": "CZ",
    "turkiye": "TR", "türkiye": "TR", "ivory coast": "CI", "congo": "CD", "korea": "KR",
}  # fmt: skip

#: A country named or implied by a word run: "Iraq", "Iraqi", "Yemen's", "South Korea".
_COUNTRY_WORDS = re.compile(r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*")
_POSSESSIVE = re.compile(r"[’']s$")


@cache
def _country_names() -> dict[str, str]:
    """Spelling of every country name and alias in the world layer -> ISO code.

    By spelling, vowels kept, not by the consonant skeleton that place names match on: a
    country's names are few and fixed, and skeletons collide ("Romania" and "Armenia" are
    both "rmn"; "An" is Niue's "n")."""
    names: dict[str, str] = {}
    for feature in world_layer().features().values():
        if feature.kind is PlaceKind.POLYGON and feature.country:
            for name in (feature.name, *feature.aliases):
                names.setdefault(spelling(name), feature.country)
    return names


@cache
def _country_skeletons() -> dict[str, str]:
    """Consonant skeleton -> ISO code, for the skeletons only one country has: a script that
    writes no vowels ("سوريا") can only be matched this way."""
    codes: dict[str, set[str]] = {}
    for feature in world_layer().features().values():
        if feature.kind is PlaceKind.POLYGON and feature.country:
            for name in (feature.name, *feature.aliases):
                codes.setdefault(normalize(name), set()).add(feature.country)
    return {key: next(iter(found)) for key, found in codes.items() if len(found) == 1}


def country_code(word: str) -> str | None:
    """The country a name, short name, adjective or possessive means ("Yemen’s" -> YE)."""
    text = _POSSESSIVE.sub("", word.strip().strip(".,;:")).strip()
    if not text:
        return None
    lower = text.lower()
    if lower in DEMONYMS:
        return DEMONYMS[lower]
    if lower in SHORT_NAMES:
        return SHORT_NAMES[lower]
    if not text[:1].isupper():
        return None
    found = _country_names().get(spelling(text))
    if found is None and not text.isascii():
        found = _country_skeletons().get(normalize(text))
    return found


def countries_in(text: str, states: bool = True) -> list[str]:
    """The countries a sentence names or implies, in order of first mention, each once (a
    state says its country: "New Mexico" is in the United States, not Mexico; with `states`
    false it names none, as in "the Kansas border", a state line)."""
    found: list[str] = []
    for run in _COUNTRY_WORDS.finditer(text):
        words = run.group().split()
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + 3), i, -1):
                span = " ".join(words[i:j])
                # a state is a whole run of capitals, a compass word before it or not
                # ("Southern California"): not "Lake Victoria", "Washington Post"
                whole = j == len(words) and all(w.lower() in _COMPASS for w in words[:i])
                state = subdivision(span) if whole else None
                code = country_code(span) or (state[0] if state and states else None)
                if code:
                    if code not in found:
                        found.append(code)
                    i = j
                    break
            else:
                i += 1
    return found


#: Compass words that may open a state's run of capitals ("Southern California").
_COMPASS = frozenset(
    [
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
    ]
)


@cache
def _subdivisions() -> dict[str, tuple[str, str]]:
    text = resources.files("claimcheck.claims.extract").joinpath("data/subdivisions.json")
    table = json.loads(text.read_text("utf-8"))["subdivisions"]
    return {name: (row["country"], row["admin1"]) for name, row in table.items()}


@cache
def _states_written() -> re.Pattern[str]:
    names = sorted(_subdivisions(), key=len, reverse=True)
    # not the start of a longer name: "Kansas City", "Victoria Falls", "New York Times"
    return re.compile(rf"(?:{'|'.join(map(re.escape, names))})(?!\w)(?![ \t]+[A-Z])")


def state_at(text: str, at: int, end: int | None = None) -> tuple[str, int, tuple[str, str]] | None:
    """The state, province or territory written at `at`, or whose abbreviation `at` is inside
    ("Y" of "N.Y."), as written ("Fla.", "Victoria"), where it starts, and its country and
    admin1 code; it must reach `end` when given ("Kansas City" is no state)."""
    for start in (at, at - 2, at - 3):
        m = _states_written().match(text, start) if start >= 0 else None
        if m is not None and m.end() > at and (end is None or m.end() >= end):
            return m.group(), m.start(), _subdivisions()[m.group()]
    return None


def subdivision(word: str) -> tuple[str, str] | None:
    """The country and GeoNames admin1 code of a state, province or territory named in full
    ("Missouri" -> US, MO; "Victoria's" -> AU, 07), None for any other word (an abbreviation,
    "Mo.", is read only after a town: `state_at`)."""
    text = _POSSESSIVE.sub("", word.strip().strip(".,;:")).strip()
    return _subdivisions().get(text) if text[:1].isupper() else None


@cache
def _capitals() -> dict[str, dict[str, object]]:
    text = resources.files("claimcheck.claims.extract").joinpath("data/capitals.json")
    table: dict[str, dict[str, object]] = json.loads(text.read_text("utf-8"))
    return table


def capital_of(code: str) -> tuple[str, int | None] | None:
    """The capital's name and GeoNames id (None when GeoNames has no single such row)."""
    entry = _capitals().get(code.upper())
    if entry is None:
        return None
    geonameid = entry.get("geonameid")
    return str(entry["name"]), int(geonameid) if isinstance(geonameid, int) else None


def capital_country(name: str) -> str | None:
    """The country whose capital `name` is ("Moscow" -> RU), by GeoNames' table of capitals:
    a capital names its government ("Moscow-held Donetsk")."""
    key = name.casefold()
    for code, entry in _capitals().items():
        if str(entry["name"]).casefold() == key:
            return code
    return None
