"""Places by name in a reader's sentences: each place's label (namesakes told apart), the article
a sentence needs, and the engine's ids replaced by names.

Every output names places through these few functions, so a name reads the same in `verify`'s
text, `locate`'s, the reports and the maps. They live apart from render.words (the rest of the
wording) because the text outputs need only them, and import nothing that a command with
eight claims would not load anyway.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Mapping

from claimcheck.gazetteer import world
from claimcheck.gazetteer.places import Gazetteer, Place
from claimcheck.gazetteer.world import WORLD_PATH


def country_name(code: str | None) -> str | None:
    """A country's name from its ISO 3166-1 alpha-2 code, e.g. "KW" -> "Kuwait"."""
    return world.country_names().get(code.upper()) if code else None


def place_labels(gazetteer: Gazetteer) -> dict[str, str]:
    """Each place's name, for the file's places and those found outside it (built-in world
    features, imports); places that share a name get their admin area (and their country,
    where it differs from most of their namesakes'): "Ash Shāmīyah (Homs)"; a built-in
    feature, "(built in)": "Iraq–Syria border (built in)"."""
    groups: dict[str, list[Place]] = {}
    for place in (*gazetteer, *gazetteer.looked_up()):
        groups.setdefault(place.name.casefold(), []).append(place)
    labels = {}
    for places in groups.values():
        if len(places) == 1:
            labels[places[0].id] = places[0].name
            continue
        usual = Counter(p.country for p in places).most_common(1)[0][0]
        for p in places:
            parts = [p.admin] if p.admin else []
            if p.country and p.country != usual:
                parts.append(country_name(p.country) or p.country)
            if p.path == WORLD_PATH:
                parts.append("built in")
            labels[p.id] = f"{p.name} ({', '.join(parts)})" if parts else p.name
        counts = Counter(labels[p.id] for p in places)
        for p in places:  # still alike: the id is the only thing that tells them apart
            if counts[labels[p.id]] > 1:
                labels[p.id] = f"{labels[p.id]} [{p.id}]"
    return labels


def sentence_labels(gazetteer: Gazetteer) -> dict[str, str]:
    """`place_labels` as a sentence reads them: "the distance from the al-Tanf garrison to …"."""
    return {pid: definite(name) for pid, name in place_labels(gazetteer).items()}


#: Head nouns that make a place's name a description that takes "the": "the Poland–Ukraine
#: border", "the al-Tanf garrison", "the Kakhovka Dam", "the coast of Syria".
_COMMON_HEADS = frozenset(
    [
        "airport",
        "base",
        "border",
        "bridge",
        "camp",
        "coast",
        "crossing",
        "dam",
        "desert",
        "epicenter",
        "epicentre",
        "dryer",
        "field",
        "garrison",
        "line",
        "outpost",
        "plant",
        "port",
        "recommendation",
        "reservoir",
        "river",
        "site",
        "station",
        "tripoint",
        "zone",
    ]
)


#: Nouns that make a description only before "of": "the centre of the storm", "the center of
#: Hurricane Idalia", where "Kingdom Centre", a building's name, stays bare.
_OF_HEADS = frozenset(["center", "centre"])


#: An airport's own name, its noun capitalised, takes no article: "We flew from Heathrow Airport.
#: (We say 'the airport' when we're not using its name.)" (Perfect English Grammar, "'The' and
#: 'no article' for places in a city"; R. Murphy, English Grammar in Use, "Names with and without
#: the": "Kennedy Airport"). The Aktau crash trial's report read "the Aktau International Airport".
#: A lower-case "airport" after a town ("the Kramatorsk airport") is a description and keeps it.
_NAMED_AIRPORT = frozenset(["Airport"])


#: Country names that take "the" in a sentence: those with a common noun for the state or its
#: parts, and plural ones ("Use the if the country's name includes a common noun … one important
#: exception is 'the Philippines'": Cambridge University Press, Grammar and Beyond newsletter,
#: "Using the with the names of countries", November 2011)
_STATE_NOUNS = frozenset(
    [
        "republic",
        "kingdom",
        "states",
        "emirates",
        "islands",
        "isles",
        "federation",
        "union",
        "lands",
        "territories",
    ]
)
_PLURAL_COUNTRIES = frozenset(["netherlands", "philippines", "maldives", "seychelles", "comoros"])


def definite(name: str) -> str:
    """A place's name as it reads in a sentence: with "the" when it is a description ("the
    Poland–Ukraine border", "the site of …", a name ending in a common noun written in lower
    case: "the Fox Creek wildfire", "the shipwreck") or a country whose name takes it ("the
    United Kingdom", "the coast of the Netherlands"), as is when it is a proper name ("Tower
    22", "Ras al-Khaimah")."""
    bare = re.sub(r"\s*[(\[].*$", "", name).strip()
    words = bare.split()
    if not words or words[0].lower() in ("the", "a", "an"):
        return name
    first, last = words[0], words[-1]
    if first.lower() in _COMMON_HEADS | _OF_HEADS and len(words) > 1 and words[1] == "of":
        return f"the {first.lower()} of {definite(name[len(first) + 4 :])}"
    if last in _NAMED_AIRPORT and first[:1].isupper():
        return name  # "Aktau International Airport", as "Heathrow Airport": no article
    # a proper name's possessive determines the noun ("Hurricane Laura's centre"); a common
    # noun's does not ("the quake's epicentre")
    owned = any(w[:1].isupper() and w.endswith(("'s", "’s", "s'", "s’")) for w in words[:-1])
    # a proper name is written with a capital (Chicago Manual of Style, 17th ed., 8.1), so a
    # last word in lower case is a common noun: "Fox Creek wildfire", or a name that is only
    # one, such as the event site `places add --unknown` is offered for ("shipwreck", "plane")
    if not owned and (last.lower() in _COMMON_HEADS or (last.isalpha() and last.islower())):
        return "the " + name  # a head noun, or any word in lower case: "Fox Creek wildfire"
    if first[:1].islower() and any(
        w.lower() in _COMMON_HEADS and after == "of" for w, after in itertools.pairwise(words)
    ):
        return "the " + name  # a description written in lower case: "eruption site of …"
    lower = [w.lower() for w in words]
    # the noun ends the name ("Czech Republic") or is followed by "of" ("Republic of the Congo",
    # "United States of America"), so "Union Square" stays as it is
    heads = [w for i, w in enumerate(lower) if i + 1 == len(lower) or lower[i + 1] == "of"]
    if bare.lower() in _PLURAL_COUNTRIES or _STATE_NOUNS.intersection(heads):
        return "the " + name
    return name


#: the characters of an id (claimcheck.gazetteer.places.ID_PATTERN) besides letters and digits
_JOINS = "_-.:"
_CODE = re.compile(r"(`[^`]*`)")
#: up to this many labels, each is looked for in the text; beyond, the text's words in them
_FEW = 16


def _words(text: str) -> list[str]:
    """The text's words without the brackets, quotes and punctuation around them."""
    for mark in "()[]{}'\",;!?":
        text = text.replace(mark, " ")
    return text.replace(". ", " ").replace(": ", " ").rstrip(".:").split()


def named(text: str, labels: Mapping[str, str]) -> str:
    """Engine wording with the ids in `labels` replaced by their names (and the quotes around
    an id dropped): the one way every output names places in the engine's reasons. An id counts
    where it stands as a word (no id character touches it); ids inside a command line
    (`claimcheck locate ID`) stay, since the command needs them. The text output names every
    claim's reason by the claim's own places: string methods, no regex, keep that cheap."""
    if "`" in text:
        parts = _CODE.split(text)  # text, `command`, text, …
        parts[::2] = [named(part, labels) for part in parts[::2]]
        return "".join(parts)
    if len(labels) <= _FEW:
        hits: Iterable[str] = [pid for pid in labels if pid in text]
    else:
        hits = labels.keys() & _words(text)
    spans = []
    n = len(text)
    for pid in hits:
        start = text.find(pid)
        while start >= 0:
            end = start + len(pid)
            before = text[start - 1] if start else " "
            after = text[end] if end < n else " "
            if (
                after in ".:"
                and end + 1 < n
                and (text[end + 1] in _JOINS or text[end + 1].isalnum())
            ):
                after = "-"  # "pid.x": part of a longer id
            if (
                before not in _JOINS
                and not before.isalnum()
                and (after in ".:" or (after not in _JOINS and not after.isalnum()))
            ):
                if before == "'" and (start < 2 or not text[start - 2].isalnum()):
                    start -= 1
                if after == "'" and (end + 1 >= n or not text[end + 1].isalnum()):
                    end += 1
                spans.append((start, -end, labels[pid]))  # at a start, the longest id first
            start = text.find(pid, end)
    if not spans:
        return text
    spans.sort()
    out: list[str] = []
    at = 0
    for start, neg_end, label in spans:
        if start >= at:  # not inside an id already named
            out += (text[at:start], label)
            at = -neg_end
    out.append(text[at:])
    return "".join(out)
