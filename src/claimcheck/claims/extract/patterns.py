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


_PROPER_RE = re.compile(rf"{_NAME_WORD}(?:\s+(?:(?:of|al|el|ez|az)\s+)?{_NAME_WORD})*")


#: Capitalised words that are not places: sentence openers, pronouns, nationalities, outlets.
_NOT_PLACES = frozenset(
    """a an the but and it its he she they we i on in at by as yet however meanwhile then this
    that these those there his her their our us uk un eu isis is sana sputnik reuters syrian
    iraqi jordanian russian american british norwegian turkish iranian israeli kurdish
    french lebanese saudi arab coalition monday tuesday wednesday thursday friday saturday
    sunday january february march april may june july august september october november
    december according officials residents witnesses""".split()  # noqa: SIM905
)


#: Common nouns that name what a claim is about when no place name is given.
_EVENT_NOUNS = (
    r"convoy|strike|air strike|airstrike|attack|camp|village|town|base|site|checkpoint|outpost"
    r"|garrison|position|column|force|forces|troops|militia|unit|crossing|shelling|raid|bombing"
    r"|compound|refugee camp|oil field|airfield|airport|city|settlement|post|target|shell"
    r"|tank|drone|vehicle|runway|boat|ship|aircraft|jet|sniper|fighter|rebel"
)


_EVENT_RE = re.compile(
    rf"\b(?:(?:the|a|an)\s+)?(?:{_NAME_WORD}\s+|(?:militia|rebel|aid|army|refugee)\s+)?"
    rf"(?:{_EVENT_NOUNS})s?\b",
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


_DIRECTION_RE = rf"(?:(?i:{_DIRECTION_PATTERN})|\b(?:{_DIRECTION_ABBREV})\b)"


#: Words that end a place phrase after "from"/"of": clause words and other prepositions.
_STOP_WORDS = frozenset(
    """and where which who while but on in at after before when near according said says told
    as since because that to towards into by during for than or if although though whereas
    was were is are had has have would could will last this yesterday earlier later""".split()  # noqa: SIM905
)


_PREPOSITION_TAIL = re.compile(
    rf"""\s*(?:(?:away|further|farther|deep)\s+)?
    (?:
      (?P<inside>inside|into|within)\s
    | (?:to\s+the\s+)?(?P<dir>{_DIRECTION_RE})(?:\s+(?:of|from)\b)
    | (?P<away_from>away\s+from|from|short\s+of|outside|beyond|off)\s
    | (?P<of>of)\s
    | (?P<away>away)\b
    )""",
    re.VERBOSE,
)


#: Matched at the position after a figure, so without "^" (which would only match at 0).
_REJECT_TAIL = re.compile(
    r"""(?:[²³2]|\s*(?:
        per\b|an\s+hour|a\s+hour|a\s+day|an?\s+minute|/|-?\s*per-|
        -?\s*(?:long|wide|high|tall|deep|thick)\b|across\b|in\s+(?:length|width|diameter|height)\b|
        above\b|below\s+(?:sea|ground)|altitude|up\b|overhead|of\s+(?:road|track|trench|wall|fence
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
)


_ATTRIBUTION_RE = re.compile(
    rf"(?:^|(?<=[,;:“\"])\s*|\b(?:but|and|yet|while|however,?)\s+)"
    rf"(?P<who>(?:[\w’'.-]+\s+){{0,9}}?[\w’'.-]+)\s+(?P<verb>{_ATTRIBUTION_VERBS})\b"
    rf"(?:(?<=told)\s+(?P<to>(?:the\s+|a\s+)?(?:[\w’'.-]+\s+){{0,3}}?"
    rf"(?:agency|reporters|journalists|television|TV|radio|newspaper|channel)\b"
    rf"|(?-i:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)))?",
    re.IGNORECASE,
)


_ACCORDING_RE = re.compile(r"\baccording\s+to\s+(?P<who>[^,.;]+)", re.IGNORECASE)


_SAID_AFTER_RE = re.compile(
    rf"\b(?:{_ATTRIBUTION_VERBS})\s+(?P<who>(?:a|an|the)\s+[^,.;“\"]+?)\s*[.;]?$", re.IGNORECASE
)


_PRONOUNS = frozenset(["it", "he", "she", "they", "the source", "the statement", "the spokesman"])


_WHO_PREFIXES = re.compile(
    r"^(?:(?:but|and|yet|while|however|meanwhile|on \w+|yesterday|today),?\s+)+", re.IGNORECASE
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
    r"\b(?P<verb>near|close\s+to|not\s+far\s+from|on\s+the\s+outskirts\s+of|next\s+to)\s+"
    r"(?P<ref>(?:the\s+)?[^,.;“\"]+)",
    re.IGNORECASE,
)
