"""The words and patterns extraction reads: place names, zone nouns, directions, attribution."""

from __future__ import annotations

import re

from claimcheck.grammar.directions import COMPASS_16, DIRECTION_WORDS
from claimcheck.grammar.units import (
    NUMBER_PATTERN,
    UNIT_PATTERN,
)

_ARABIC_PREFIX = r"(?:al|as|ash|at|ad|ar|az|an|el|ad|ed)-"


_NAME_WORD = rf"(?:{_ARABIC_PREFIX})?[A-Z][\w’'-]*"


#: A number that is part of a name ("Tower 22", "Fukushima No. 1", "PP 14"), not a figure: no
#: unit follows it.
_NAME_NUMBER = rf"(?:No\.\s*)?\d+[A-Za-z]?\b(?![.,]\d)(?!\s*-?\s*(?:{UNIT_PATTERN})(?![a-z]))"


_PROPER_RE = re.compile(
    rf"{_NAME_WORD}(?:\s+(?:(?:of|al|el|ez|az)\s+)?(?:{_NAME_NUMBER}|{_NAME_WORD}))*"
)


#: Capitalised words that are not places: sentence openers, pronouns, nationalities, outlets.
_NOT_PLACES = frozenset(
    """a an the but and it its he she they we i on in at by as yet however meanwhile then this
    that these those there his her their our us uk un eu isis is sana sputnik reuters syrian
    iraqi jordanian russian american british norwegian turkish iranian israeli kurdish
    french lebanese saudi arab coalition monday tuesday wednesday thursday friday saturday
    sunday january february march april may june july august september october november
    december according officials residents witnesses situated located lying based although
    though whereas because unless it's it’s just only merely some about around nearly almost
    roughly""".split()  # noqa: SIM905
)


#: A clock time just before a phrase: "1:43 p.m.", "11pm", "06:00", "0600".
_CLOCK_BEFORE = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.\s?m\.|[ap]m|[AP]M)\s*$|\b\d{1,2}:\d{2}\s*$"
    r"|\b[01]\d[0-5]\d\s*$|\b2[0-3][0-5]\d\s*$"
)
#: A time zone's abbreviation: "CDT", "GMT", "UTC", "MSK".
_ZONE_ABBREVIATIONS = r"[A-Z]{1,4}T|UTC|MSK"
_ZONE_ABBREVIATION = re.compile(_ZONE_ABBREVIATIONS)


def _time_zone(sentence: str, start: int, words: list[str]) -> bool:
    """ "at 1:43 p.m. Eastern Time", "at 1 a.m. CDT": a time zone, no place ("Eastern Time"
    was drafted as the subject of a Costa Rica earthquake); "Greenwich Mean Time" too, wherever
    it stands. A name after a clock time stays a name: "at 11 a.m. Kharkiv came under fire"."""
    if words[-1] == "Time":
        return True
    clock = _CLOCK_BEFORE.search(sentence, max(0, start - 16), start) is not None
    return clock and len(words) == 1 and _ZONE_ABBREVIATION.fullmatch(words[0]) is not None


#: Words before "fire" that make it shooting, not a blaze: "came under fire", "opened fire",
#: "returned fire", "live fire", "artillery fire".
_GUNFIRE = (
    "under", "live", "opened", "open", "return", "returned", "cease", "artillery", "rocket",
    "mortar", "sniper", "heavy", "enemy", "tank", "naval", "friendly",
)  # fmt: skip
#: Common nouns that name what a claim is about when no place name is given.
_EVENT_NOUNS = (
    r"convoy|strike|air strike|airstrike|attack|camp|village|town|base|site|checkpoint|outpost"
    r"|garrison|position|column|force|forces|troops|militia|unit|crossing|shelling|raid|bombing"
    r"|compound|refugee camp|oil field|airfield|airport|city|settlement|post|target|shell"
    r"|tank|drone|vehicle|runway|boat|ship|aircraft|jet|plane|airliner|helicopter|flight|sniper|fighter|rebel"
    # "a report of an incident 51NM southwest of Hodeidah" (UKMTO's notices, as relayed)
    r"|incident|vessel|tanker|freighter|bulker|bulk carrier|cargo ship"
    r"|quake|earthquake|epicentre|epicenter|tremor"
    # "a volcano erupted about 4 kilometers northeast of the town of Grindavik"
    r"|volcano|eruption|fissure"
    # "the storm was located about 55 miles north of Lake Charles" (CBS on Hurricane Laura)
    r"|storm|tropical storm|hurricane|typhoon|cyclone"
    # "an out-of-control wildfire burning about 10 km north of Fox Creek" (CBC, 2016); not
    # the verb ("North Korea fires a missile"), nor gunfire ("came under fire", "live fire")
    r"|wildfire|bushfire|forest fire|blaze|"
    + "".join(f"(?<!{word}[ -])" for word in _GUNFIRE)
    + r"fire(?!s)"
)


#: A weekday or a month after a noun is when, not a name: "the storm Monday".
_CALENDAR = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April"
    r"|May|June|July|August|September|October|November|December)\b"
)
#: Words before an event noun that are not its modifier: "a 5.3 magnitude earthquake" (the
#: magnitude is no part of the subject's name), "the seismic depth and epicenter" (a
#: conjunction or a preposition starts no name; a determiner stays, as readers quote it: "its
#: epicenter", "this town").
_NOT_EVENT_MODIFIER = (
    r"(?!(?:magnitude|the|a|an|and|or|but|nor|of|with|from|near|by|at|in|on|to|for|as|than"
    r"|whose|which|where)\b)"
)
#: A name of up to three capitalised words, none of them an article: "Hunga Tonga-Hunga Ha'apai"
#: (the Hunga Tonga trial drafted "Ha'apai underwater volcano"), never "CA The" of a dateline.
_NAME_RUN = rf"(?!(?:The|A|An)\b){_NAME_WORD}(?:\s+(?!(?:The|A|An)\b){_NAME_WORD}){{0,2}}"
#: "the Zamzam displacement camp": a capitalised name may come before the noun's modifier.
_EVENT_RE = re.compile(
    rf"\b(?:(?:the|a|an)\s+)?"
    # "the eye of the storm", "the epicentre of the quake": the event's centre, as below
    rf"(?P<centre>(?:cent(?:er|re)|eye|epicent(?:er|re))\s+of\s+(?:(?:the|a|an)\s+)?)?"
    rf"(?:(?-i:{_NAME_RUN})\s+(?=(?!(?:the|a|an)\b)\S+\s+(?:{_EVENT_NOUNS})s?\b))?"
    rf"(?:{_NOT_EVENT_MODIFIER}{_NAME_WORD}\s+|(?:militia|rebel|aid|army|refugee)\s+)?"
    rf"(?:{_EVENT_NOUNS})s?\b"
    # "the center of Hurricane Laura": only when the centre is written, the storm's name with it
    rf"(?(centre)(?:(?<=storm)|(?<=hurricane)|(?<=typhoon)|(?<=cyclone))\s+(?!{_CALENDAR})(?-i:[A-Z][a-z]+\b))?"
    # "the hurricane's center", "the storm's eye", "the town's centre": the event's centre is
    # one thing, where the figure is measured from, not the whole storm
    rf"(?:['’]s\s+(?:cent(?:er|re)|eye|epicent(?:er|re))\b)?",
    re.IGNORECASE,
)


_ZONE_NOUN = r"(?:buffer zone|zone|radius|perimeter|cordon|buffer|belt|no-go area)"


#: Words that cannot sit between a figure and the zone it qualifies ("34-mile exclusion zone").
_NOT_MODIFIER = r"(?!(?:inside|into|within|from|of|the|a|an|in|around|to|and)\b)"


_FIGURE_ADJECTIVE = re.compile(
    rf"^(?:{NUMBER_PATTERN})\s*-?\s*(?:{UNIT_PATTERN})\s+", re.IGNORECASE
)


_DIRECTION_PATTERN = "|".join(
    sorted((re.escape(w) for w in DIRECTION_WORDS), key=len, reverse=True)
)


_DIRECTION_ABBREV = "|".join(sorted((s for s in COMPASS_16 if len(s) > 1), key=len, reverse=True))


#: A compass point written as one capital letter, as bulletins write it ("65 km S",
#: "65 KM E OF PORT ARTHUR"): only right after a figure (every use of `_DIRECTION_RE` is), never
#: an initial's letter ("S.E.") or a word's.
_COMPASS_LETTER = r"\b(?-i:[NSEW])(?![\w’'-]|\.\w)"


_DIRECTION_RE = rf"(?:(?i:{_DIRECTION_PATTERN})|\b(?:{_DIRECTION_ABBREV})\b|{_COMPASS_LETTER})"


#: Words that end a place phrase after "from"/"of": clause words and other prepositions.
_STOP_WORDS = frozenset(
    """and where which who while but on in at after before when near according said says told
    as since because that to towards into by during for than or if although though whereas
    was were is are had has have would could will last this yesterday earlier later along
    via respectively about around approximately roughly nearly""".split()  # noqa: SIM905
)


#: Lower-case words that open a time phrase after a place: "56km west of the town of
#: Oukaimeden just after 11pm" (ABC News, from Reuters, on the 2023 Morocco earthquake) names
#: Oukaimeden, not "Oukaimeden just". Lower case only: a name may start with a capital "Early".
_TIME_OPENERS = frozenset(
    ["just", "shortly", "soon", "late", "early", "overnight", "today", "tonight"]
)


#: Path words between a figure and its preposition: "lies 3 km inland from", "20 km downstream
#: from", "5 km back from the line", "12 nautical miles out to sea off".
_PATH_WORDS = (
    r"away|distant|further|farther|deep|back|out\s+to\s+sea|offshore|inland|downstream|upstream"
    r"|upriver|downriver|uphill|downhill|further\s+(?:inland|out|south|north|east|west)"
    # the geodesic said in words: "60 km as the crow flies from Aleppo"
    r"|as\s+the\s+crow\s+flies|in\s+a\s+straight\s+line"
    # "each about 10 kilometers and across the Dnieper River from the plant"
    r"|(?:and\s+)?across\s+the\s+(?:[A-Z][\w’'-]*\s+){1,2}(?i:river|lake|bay|strait|sea)"
    # the route said in words: "95 kilometres by road north of", "25 km (15 miles)by road from"
    r"|by\s+(?:road|rail)"
    # "a mile down the road from", "40 km up the coast from", "3 miles across the river from",
    # "10 miles out from the harbour"
    r"|(?:up|down|along)\s+the\s+(?:road|street|coast|river|valley|highway|track)"
    r"|across\s+the\s+(?:river|lake|bay|valley|road|street)|out(?=\s+from\b)"
    # "some 25 km due south of Kharkiv": exactly that way
    r"|due(?=\s+(?:north|south|east|west))"
)


#: After a direction: another figure and direction of one reference ("19 kilometres west and 10
#: kilometres north of Highway 63"); the first direction is from that reference too.
_SHARED_REFERENCE = (
    rf"\s+and\s+(?:(?:some|about|around|roughly|nearly)\s+)?(?:{NUMBER_PATTERN})\s*-?\s*"
    rf"(?:{UNIT_PATTERN})\s+(?:{_DIRECTION_RE})\s+(?:of|from)\s+"
)


_PREPOSITION_TAIL = re.compile(
    # "16 km. south of Gaza": a unit's full stop before a lowercase word ends no sentence
    rf"""(?:\.(?=\s+[a-z]))?\s*(?:(?P<path>{_PATH_WORDS})\s+)?
    (?:
      (?P<inside>inside|into|within)\s
    | (?:to\s+the\s+)?(?P<dir>{_DIRECTION_RE})(?:\s+(?i:of|from)\b
      # "29 kilometres (18 miles) north-northeast Zindah Jan": "of" left out before a name
      |(?P<no_of>(?=\s+(?-i:[A-Z][a-z]))))
    | (?P<away_from>away\s+from|from|short\s+of|outside(?:\s+of)?|beyond|off|out\s+of|behind)\s
    | (?P<over>over|across|past)\s+(?=(?:the\s+|a\s+)?(?:[\w-]+\s+){{0,2}}?
        (?:line|border|frontier|boundary|fence|berm)\b)
    | (?P<of>of)\s
    | (?:to\s+the\s+)(?P<bare_dir>{_DIRECTION_RE})\b
    | (?<!further\s)(?<!farther\s)(?P<end_dir>{_DIRECTION_RE})(?=\s*(?:[.,;:)]|$)
      # "Nuku'alofa, is located 65 km S on the island of Tongatapu" (the Global Volcanism
      # Program's style): an abbreviation with no "of" after it ends the figure's phrase
      |(?<=[A-Z])(?!\s+(?i:of|from)\b)
      # "some 60 miles south in Rome": the place the figure puts there follows
      |(?P<in_at>(?=\s+(?:in|at)\s+(?-i:[A-Z])))
      # "19 kilometres west and 10 kilometres north of Highway 63": one reference for both
      |{_SHARED_REFERENCE})
    | (?P<away>away|inland|offshore|out\s+to\s+sea|downstream|upstream)\b
    # "some 12 kilometres to the state capital": "to" for "from" after a distance
    | (?P<to>to)\s+(?=the\s+(?!(?:{_DIRECTION_RE})\b)|(?-i:[A-Z]))
    )""",
    re.VERBOSE,
)


#: "advanced 10 km into", "pushed 300 m over the line": an incursion, not a journey, even
#: after a verb of movement (`_REJECT_HEAD`).
_INCURSION_TAIL = re.compile(
    r"\s*(?:deep\s+)?(?:into|inside|over\s+the|across\s+the)\b", re.IGNORECASE
)
#: "advanced 35 kilometres in Russia": an incursion too when "in" names a country (checked by
#: its name, `figures._in_country`); "advanced 35 km in two days" is a journey.
_IN_NAME = re.compile(r"\s+in\s+(?P<name>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})")


#: A zone written as a compound with its size: "a 30-40km-deep zone", "a one-kilometre-wide
#: security buffer zone", "an N km deep safe zone", "the original 3 kilometer evacuation order".
_COMPOUND_ZONE = re.compile(
    r"""\s*-?\s*(?:(?:wide|deep)\s*-?\s*)?
    (?P<zone>(?:(?!(?:inside|into|within|from|of|the|a|an|in|around|to|and|or)\b)[\w-]+\s+){0,2}?
    (?:buffer\s+zone|zone|radius|perimeter|cordon|buffer|belt|no-go\s+area|area|strip|corridor
      |evacuation\s+order))\b""",
    re.VERBOSE | re.IGNORECASE,
)


#: Before a figure: a zone changed to a new size ("expanded to 10 kilometers", "widens to 24
#: nautical miles", "tried to limit it to 10km"). At most _GROWN_REACH characters.
_GROWN_TO = re.compile(
    r"""\b(?:expand|extend|widen|increas|enlarg|limit|reduc|narrow|shrink|shrank|grow|grew
    |rais|cut|push|pushed)\w*\s+(?:(?:it|that|this|them|the\s+zone|the\s+area)\s+)?
    (?:out\s+)?to\s+(?:(?:just|only|some)\s+)?$""",
    re.VERBOSE | re.IGNORECASE,
)
_GROWN_REACH = 40


#: After a figure: "the 20km surrounding Fukushima", "15 km around the plant".
_AROUND_TAIL = re.compile(r"\s+(?:surrounding|around)\s+", re.IGNORECASE)


#: Before a figure: a depth with no place named ("removed to the depth of 30 kilometers"); an
#: earthquake's "at a depth of 10 km" is not one. At most _DEPTH_REACH characters.
_DEPTH_OF = re.compile(r"\b(?:to|up\s+to)\s+(?:a|the)\s+depth\s+of\s+$", re.IGNORECASE)
_DEPTH_REACH = 30


#: Before a figure: "separated ... by only 600 metres or less". At most _SEPARATED_REACH.
_SEPARATED_BY = re.compile(r"\bseparated\b[^.;,]{0,80}?\bby\s+(?:only\s+|just\s+)?$", re.I)
_SEPARATED_REACH = 110


#: Before a figure: "the distance from A to B was", "the enemy's distance from the city of
#: Jermuk to the border was". At most _BETWEEN_REACH characters.
_DISTANCE_FROM_TO = re.compile(
    r"""\bdistance\s+(?:from|between)\s+(?P<a>[^,;:.]{1,80}?)\s+(?:to|and)\s+
    (?P<b>[^,;:.]{1,80}?)\s+(?:is|was|are|were|of|stood\s+at|stands\s+at)\s+
    (?:(?:about|around|some|only|just|roughly|approximately)\s+)?$""",
    re.VERBOSE | re.IGNORECASE,
)
_BETWEEN_REACH = 200


#: After a place phrase that follows "from": "12 kilometers from Nikopol to the plant".
_TO_PLACE = re.compile(r"\s+to\s+(?=\S)", re.IGNORECASE)


#: Matched at the position after a figure, so without "^" (which would only match at 0).
_REJECT_TAIL = re.compile(
    r"""(?:[²³2]|\s*(?:
        per\b|an\s+hour|a\s+hour|a\s+day|an?\s+minute|/|-?\s*per-|
        -?\s*(?:long|wide|high|tall|deep(?!\s+(?:into|inside|within)\b)|thick)\b|across\b(?!\s+the\s+
        (?:line|border|frontier|boundary|(?:river|lake|bay|valley|road|street)\s+from\b))
        |in\s+(?:length|width|diameter|height)\b|above\b|below\s+(?:sea|ground)|stretching\b
        |spanning\b|altitude|up\b(?!\s+the\s+(?:road|street|coast|river|valley|highway|track)\s+from\b)
        |overhead|of\s+(?:road|track|trench|wall|fence
        |pipeline|tunnel|frontline|front\s+line|the\s+border\b(?!\s+post)|border\b|coastline)
    ))""",
    re.VERBOSE | re.IGNORECASE,
)


_REJECT_HEAD = re.compile(
    r"""(?:[£$€¥]\s*|\b(?:
        altitude\s+of|height\s+of|flying\s+at|flew\s+at|cruising\s+at|climbed\s+to|descended\s+to
        |length\s+of|stretch(?:es|ed|ing)?|measur(?:es|ed|ing)|span(?:s|ned|ning)?|covering
        |drove|driven|drive|walked|walk|travell?ed|travell?ing|marched|flew|fled|trekked
        |advanced|moved|ran|hiked|covered|journey(?:ed)?|long|wide|convoy\s+of|column\s+of
        |queue\s+of|line\s+of|range\s+of|visibility\s+of|road\s+of|track\s+of
    )\s+(?:(?:a|an|the|some|about|around|nearly|almost|over|more\s+than)\s+)?)$""",
    re.VERBOSE | re.IGNORECASE,
)


_ATTRIBUTION_VERBS = (
    r"told|said|says|claimed|claims|stated|states|reported|reports|announced|added|insisted"
    r"|alleged|confirmed|maintained|estimated|warned|insists|say"
    # the stand-ins for "said" a copy desk meets (J. McIntyre, "What's said is said", The
    # Baltimore Sun, 2011: stated, noted, added, claimed, explained) and "indicated"
    # (Merriam-Webster, "indicate", 2b: "to state or express briefly"); not "declared" ("declared
    # a 30-mile zone"), nor "indicates" ("a map ... indicates seven earthquakes")
    r"|noted|explained|indicated"
)


_ATTRIBUTION_RE = re.compile(
    rf"(?:^|(?<=[,;:“\"])\s*|\b(?:but|and|yet|while|however,?)\s+)"
    # "The Icelandic Meteorological and Seismological Office (MET) reported": the name's
    # abbreviation in brackets is part of it
    rf"(?P<who>(?:[\w’'.-]+\s+){{0,9}}?[\w’'.-]+(?:\s+\((?-i:[A-Z][\w.&-]*)\))?)"
    # "Local authorities, including the Japan Meteorological Agency, indicated that": an
    # apposition set off by commas between the speaker and the verb
    rf"(?P<aside>\s*,\s*(?P<aside_words>[^,;:.“”\"()]{{3,80}}?)\s*,)?"
    # "Initial reports said": a verb word followed by another is the speaker's noun
    rf"\s+(?P<verb>{_ATTRIBUTION_VERBS})\b(?!\s+(?:{_ATTRIBUTION_VERBS})\b)"
    rf"(?:(?<=told)\s+(?P<to>(?:the\s+|a\s+)?(?:[\w’'.-]+\s+){{0,3}}?"
    rf"(?:agency|reporters|journalists|television|TV|radio|newspaper|channel)\b"
    rf"|(?-i:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)))?",
    re.IGNORECASE,
)


#: "according to the U.S. Geological Survey": an initial's full stop does not end the name
_ACCORDING_RE = re.compile(
    r"\baccording\s+to\s+(?P<who>(?:[^,.;]|(?<=\b[A-Z])\.(?=\s*[A-Z]))+)", re.IGNORECASE
)
#: "as reported by the United States Geological Survey": the passive names its speaker after
#: "by" (an article on the 2024 Costa Rica earthquake had the claimant "as")
_AS_BY_RE = re.compile(rf"\bas\s+(?:{_ATTRIBUTION_VERBS})\s+by\s+(?P<who>[^,.;]+)", re.IGNORECASE)


_SAID_AFTER_RE = re.compile(
    rf"\b(?:{_ATTRIBUTION_VERBS})\s+(?P<who>(?:a|an|the)\s+[^,.;“\"]+?)\s*[.;]?$", re.IGNORECASE
)


_PRONOUNS = frozenset(["it", "he", "she", "they", "the source", "the statement", "the spokesman"])


_WHO_PREFIXES = re.compile(
    r"^(?:(?:but|and|yet|while|however|meanwhile|as|on \w+|yesterday|today),?\s+)+",
    re.IGNORECASE,
)


_WHO_STRIP = re.compile(
    r"^(?:an?\s+|the\s+)?(?:statement|communique|communiqué|press release)\s+"
    r"(?:from|by|issued by)\s+",
    re.IGNORECASE,
)


_INSIDE_RE = re.compile(
    rf"\b(?P<verb>inside|within|violated|entered|breached|into)\s+(?P<area>(?:the\s+)?"
    rf"(?:[\w’'-]+\s+){{0,3}}?(?:territory|{_ZONE_NOUN}|airspace))\b",
    re.IGNORECASE,
)


_NEAR_RE = re.compile(
    # "nowhere near", "not near", "not close to" deny nearness: no near claim
    r"(?<!\bnowhere\s)(?<!\bnot\s)"
    r"\b(?P<verb>near|close\s+to|not\s+far\s+from|on\s+the\s+outskirts\s+of|next\s+to"
    # "a village ... located on the Azerbaijani border": a place said to lie on a border
    # "Metula is right on the border with Lebanon" ("the focus is on the border" is none)
    r"|(?:located|situated|lying|sitting|lies|sits|(?:is|are|was|were)(?=\s+(?:right|just"
    r"|directly)\s))\s+(?:right\s+|just\s+|directly\s+)?on"
    r"(?=\s+(?:the\s+)?(?:[\w’'.-]+\s+){0,2}(?:border|frontier)\b))\s+"
    r"(?P<ref>(?:the\s+)?[^,.;“\"]+)",
    re.IGNORECASE,
)


#: "Sumy lies just across the border from Russia's Kursk region", "Hiri, which lies just across
#: the border from Al Qaim", "on the other side of the border from": a place that lies across a
#: border from another is near that border (its draft is a `near` of "the border"; the place
#: after "from" is on the other side, so the border is the one between their countries).
_ACROSS_RE = re.compile(
    r"(?:\b(?:lies|lie|lay|lying|located|situated|sits|sitting|is|are|was|were)\s+|,\s*)"
    r"(?:just\s+|right\s+|directly\s+|immediately\s+)?"
    r"(?:across|on\s+the\s+other\s+side\s+of)\s+(?P<ref>the\s+(?:border|frontier))"
    r"\s+(?:from|with)\s+(?P<other>[^,.;:()“”\"]{1,60})",
    re.IGNORECASE,
)
