"""One figure in its sentence: what it measures (a distance, a depth, a zone's radius), from
what, in which direction; or nothing, when it is a speed, a size, an altitude or a journey."""

from __future__ import annotations

import re
from dataclasses import replace

from claimcheck.claims.extract.countries import country_code
from claimcheck.claims.extract.model import Draft
from claimcheck.claims.extract.patterns import (
    _AROUND_TAIL,
    _BETWEEN_REACH,
    _COMPOUND_ZONE,
    _DEPTH_OF,
    _DEPTH_REACH,
    _DISTANCE_FROM_TO,
    _GROWN_REACH,
    _GROWN_TO,
    _IN_NAME,
    _INCURSION_TAIL,
    _NOT_PLACES,
    _PREPOSITION_TAIL,
    _PROPER_RE,
    _REJECT_HEAD,
    _REJECT_TAIL,
    _SEPARATED_BY,
    _SEPARATED_REACH,
    _SHARED_REFERENCE,
    _STOP_WORDS,
    _TIME_OPENERS,
    _TO_PLACE,
)
from claimcheck.claims.extract.subjects import (
    _AROUND,
    _CLAUSE_MARK,
    _DIGITS,
    _HEAD_ZONE,
    _HEAD_ZONE_REACH,
    _IN_RADIUS,
    _OF_AROUND,
    _PHRASE_WORD,
    _REJECT_HEAD_LONGEST,
    _REJECT_HEAD_WORDS,
    _Sentence,
    _strip_article,
)
from claimcheck.claims.extract.values import conversion, other_unit, read_requirements
from claimcheck.grammar.directions import parse_direction
from claimcheck.grammar.relations import (
    Relation,
    Requirement,
)
from claimcheck.grammar.routes import ROUTE_WORDS
from claimcheck.grammar.units import UNIT_PATTERN

#: What a height reaches into, never an area a place is inside (the Hunga Tonga trial: "ash
#: ... reached 20km into the sky" was drafted as 20 km inside "sky").
_ABOVE_GROUND = re.compile(
    r"(?:the\s+)?(?:sky|skies|air|atmosphere|stratosphere|mesosphere|troposphere|space"
    r"|clouds?|heavens)",
    re.IGNORECASE,
)
#: A sentence that opens on where its subject is: "Situated 45 miles from Kharkiv, Vovchansk".
_SITUATED = re.compile(
    r"\s*(?:Situated|Located|Lying|Sitting|Based|Positioned)\s+"
    r"(?:(?:just|only|some|about|around|roughly|approximately)\s+)?$"
)
_NAME_AFTER_COMMA = re.compile(rf"\s*,\s*(?P<name>{_PROPER_RE.pattern})")
#: A figure that opens its sentence ("Some 600 km northeast of Kherson") has nothing before it
#: to be about; "in the town of Horlivka" right after its reference names the place it is about.
_OPENS = re.compile(r"\s*(?:[A-Za-z]+\s+)?")
_IN_TOWN_OF = re.compile(
    rf"\s*,?\s+in\s+the\s+(?:town|city|village|settlement)\s+of\s+(?P<name>{_PROPER_RE.pattern})"
)
#: A sentence that opens on a line and how far away it is: "The Iraqi border is only".
_LINE_IS = re.compile(
    r"""\s*(?P<line>(?:the\s+)?(?:[\w’'-]+\s+){0,2}?(?:border|frontier|coast|coastline
    |front\s*line|frontline|line\s+of\s+contact))\s+(?:is|was|lies|lay|runs|ran)\s+
    (?:(?:only|just|now|still|less\s+than|more\s+than|about|some|barely)\s+)*$""",
    re.VERBOSE | re.IGNORECASE,
)

_OF = re.compile(r"\s+of\s", re.IGNORECASE)
#: A compound that names a stretch of land, not a zone around a place: "a 100-km strip of".
_STRETCH = re.compile(r"\b(?:strip|corridor|belt|area)$", re.IGNORECASE)

#: Before a figure: "a perimeter of", "the circumference of": the length of a line around a
#: place (Merriam-Webster, "perimeter": "the boundary of a closed plane figure; its length"), at
#: most _PERIMETER_REACH characters back.
_PERIMETER_OF = re.compile(r"\b(?:perimeter|circumference)\s+of\s+$", re.IGNORECASE)
_PERIMETER_REACH = 20

#: After a number in a place phrase: a unit, so the number is a figure, not part of a name.
_UNIT_AFTER = re.compile(rf"\s*-?\s*(?:{UNIT_PATTERN})(?![a-z])", re.IGNORECASE)


def figure_drafts(
    words: _Sentence, m: re.Match[str], claimant: str | None, unit: str | None = None
) -> list[Draft]:
    """The drafts one figure makes: none, one, or two for "25 km and 30 km from the border";
    `unit` is the one a figure written without its unit takes from the figure before it (then
    only with a direction or before a place: "and 20 from the same unit" is a count).

    The rules read the sentence where it is, before the figure up to m.start() (endpos) and
    after it from m.end() (pos), never a copy of the rest of it: a figure in a long sentence
    then costs what it costs in a short one.
    """
    sentence, at, after = words.text, m.start(), m.end()
    head = words.back(at, _REJECT_HEAD_WORDS, _REJECT_HEAD_LONGEST)
    incursion = _INCURSION_TAIL.match(sentence, after) or _in_country(sentence, after)
    requirements = read_requirements(m, unit)
    if not requirements:
        return []
    # "have moved within 4 km (2.5 miles) east of Mosul": where the movers now are, not how far
    # they went ("moved 4 km" is a journey)
    position = requirements[0].relation is Relation.WITHIN
    if _REJECT_HEAD.search(sentence, head, at) and not incursion and not position:
        return []
    if _PERIMETER_OF.search(sentence, words.within(at, _PERIMETER_REACH), at) and not (
        _AROUND.match(sentence, after)
    ):
        # "a blaze with a perimeter of around 60 km" is the length of its edge; "a perimeter of
        # 5 km around the plant" is a zone's radius
        return []
    compound = _COMPOUND_ZONE.match(sentence, after)
    if compound and _STRETCH.search(compound["zone"]) and _OF.match(sentence, compound.end()):
        # "a roughly 100-km strip of Syrian territory" is the size of a territory, not how far
        # anything is from anything
        return []
    # "a 3 km stretch of the border" is a length, but "within 20 km of the border" a distance
    within_of = requirements[0].relation is Relation.WITHIN and _OF.match(sentence, after)
    if _REJECT_TAIL.match(sentence, after) and not compound and not within_of:
        return []
    drafts = []
    for requirement in requirements:
        draft = _figure_draft(words, m, claimant, requirement, compound)
        if draft is None or (unit and not draft.direction and not place_like(draft.reference)):
            continue
        drafts.extend(_each_listed(words, at, draft))
    return drafts


#: Before a figure: places listed as one subject ("the towns of Nikopol and Marhanets, each
#: about", "The settlements of Stroivka and Topoli, lying little more than"), at most
#: _LISTED_REACH characters back: the figure is each one's.
_LISTED = re.compile(
    rf"""\b(?:towns|cities|villages|settlements|communities|districts)\s+of\s+
    (?P<names>{_PROPER_RE.pattern}(?:\s*,\s*{_PROPER_RE.pattern})*\s*,?\s+and\s+
    {_PROPER_RE.pattern})\s*,\s*(?:(?:each|both|all)(?:\s+of\s+them)?\s+)?
    (?:(?:lying|located|situated|which\s+are|are|which\s+lie|lie)\s+)?
    (?:(?:just|only|little|some|a|about|roughly)\s+)*$""",
    re.VERBOSE,
)
_LISTED_REACH = 200
#: ... or names joined by "and" with "each", "both" or "all" after them, no noun before ("Drones
#: hit Kursk and Belgorod, both within 100 km of the border"): the word says the figure is each
#: one's.
_LISTED_EACH = re.compile(
    rf"""(?P<names>{_PROPER_RE.pattern}(?:\s*,\s*{_PROPER_RE.pattern})*\s*,?\s+and\s+
    {_PROPER_RE.pattern})\s*,\s*(?:each|both|all)(?:\s+of\s+them)?\s+
    (?:(?:lying|located|situated|which\s+are|are|which\s+lie|lie)\s+)?
    (?:(?:just|only|little|some|a|about|roughly)\s+)*$""",
    re.VERBOSE,
)

#: ... or names joined by "and" before the plural noun ("the Sigrang Garang, Kutagunggung and
#: Sukanalu villages located three kilometers away"): the noun says each name is one.
_LISTED_BEFORE_NOUN = re.compile(
    rf"""(?P<names>{_PROPER_RE.pattern}(?:\s*,\s*{_PROPER_RE.pattern})*\s*,?\s+and\s+
    {_PROPER_RE.pattern})\s+(?:towns|cities|villages|settlements|communities|districts)\s*,?\s+
    (?:(?:lying|located|situated|which\s+are|are|which\s+lie|lie)\s+)?
    (?:(?:just|only|little|some|a|about|roughly)\s+)*$""",
    re.VERBOSE,
)


#: ... or names joined by "and" that start the sentence, with a plural verb ("Fox Creek and
#: Little Smoky are about 250 km northwest of Edmonton", CBC 2016): each is that far, unless
#: the figure is between them ("Bakhmut and Soledar are 10 km apart": see `_each_listed`).
_LISTED_ARE = re.compile(
    rf"""(?P<names>{_PROPER_RE.pattern}(?:\s*,\s*{_PROPER_RE.pattern})*\s*,?\s+and\s+
    {_PROPER_RE.pattern})\s+(?:are|lie|sit)\s+
    (?:(?:just|only|little|some|a|about|roughly|approximately|around|nearly|almost)\s+)*$""",
    re.VERBOSE,
)


#: After a figure: a second one joined by "and", or "respectively": each name has its own
#: figure ("Homs and Hama lie 160 and 210 km north of Damascus respectively").
_PAIRED = re.compile(r"[^.;]*?(?:\band\s+(?:about\s+|some\s+)?\d|\brespectively\b)")


def _listed_are(text: str, at: int) -> re.Match[str] | None:
    """`_LISTED_ARE` before the figure at `at`, unless each name has its own (`_PAIRED`)."""
    listed = _LISTED_ARE.match(text, 0, at)
    return None if listed is None or _PAIRED.match(text, at) else listed


def _each_listed(words: _Sentence, at: int, draft: Draft) -> list[Draft]:
    """One draft per place of a listed subject (`_LISTED`), else the draft itself."""
    start = words.within(at, _LISTED_REACH)
    text = words.text
    listed = (
        _LISTED.search(text, start, at)
        or _LISTED_EACH.search(text, start, at)
        or _LISTED_BEFORE_NOUN.search(text, start, at)
        or _listed_are(text, at)
    )
    if listed is None:
        return [draft]
    names = [n.strip() for n in re.split(r",|\band\b", listed["names"]) if n.strip()]
    if (
        draft.subject is not None
        and draft.subject not in names
        and listed.re is not (_LISTED_BEFORE_NOUN)
    ) or draft.reference in names:  # "A and B are 10 km apart" is one distance, between them
        return [draft]
    start = min(draft.start, listed.start("names"))
    return [replace(draft, subject=name, start=start) for name in names]


def _figure_draft(
    words: _Sentence, m: re.Match[str], claimant: str | None, requirement: Requirement,
    compound: re.Match[str] | None,
) -> Draft | None:  # fmt: skip
    sentence, at, after = words.text, m.start(), m.end()
    relation = requirement.relation
    base = Draft(
        "distance", "", m.start(), m.end(), None, None, relation, requirement.figure.value,
        requirement.unit.value, None, claimant,
        high=requirement.high.value if requirement.high else None,
        conversion=conversion(m, requirement), high_unit=other_unit(requirement),
        side=requirement.side, hedge=requirement.hedge,
    )  # fmt: skip
    zone = _zone_draft(words, m, base, compound)
    if zone is not None:
        return zone
    between = _DISTANCE_FROM_TO.search(sentence, words.within(at, _BETWEEN_REACH), at)
    if between:
        a, b = _strip_article(between["a"]), _strip_article(between["b"])
        return replace(base, start=between.start(), subject=a, reference=b)
    apart = _APART.match(sentence, after)
    pair = _PAIR.search(sentence, words.within(at, _PAIR_REACH), at) if apart else None
    if apart and pair:
        # "Mosul and Erbil are about 80 km apart": from the first to the second
        return replace(base, start=pair.start(), end=apart.end(), subject=pair["a"],
                       reference=pair["b"])  # fmt: skip
    prep = _PREPOSITION_TAIL.match(sentence, after)
    in_country = _in_country(sentence, after)
    if prep is None and in_country is not None:
        subject = words.subject(at)
        return replace(base, kind="inside", start=subject[1] if subject else at,
                       end=in_country.end(), subject=subject[0] if subject else None,
                       reference=in_country["name"])  # fmt: skip
    if prep is None:
        return _bare_figure(words, m, base)
    if prep["of"] and relation is not Relation.WITHIN:
        return None
    if prep["to"] and not _to_place(sentence, at, prep.end(), relation):
        return None
    if prep["no_of"] is not None:
        # "north-northeast Zindah Jan" with "of" left out: only before a place's name
        ref, ref_end = _phrase(sentence, prep.end())
        if ref is None or not _names_a_place(ref):
            return None
    elif prep["end_dir"] and (shared := _SHARED.match(sentence, prep.end())):
        # "19 kilometres west and 10 kilometres north of Highway 63": the second's reference
        ref, ref_end = _phrase(sentence, shared.end())
    elif prep["away"] or prep["bare_dir"] or prep["end_dir"]:
        ref, ref_end = None, prep.end()
        line_first = _LINE_IS.match(sentence, 0, at)
        if line_first and prep["away"]:
            # "The Iraqi border is only 10 kilometers away": away from what the text is about
            line = _strip_article(line_first["line"])
            return replace(base, start=line_first.start("line"), end=prep.end(), reference=line)
    else:
        ref, ref_end = _phrase(sentence, prep.end())
    subject = words.subject(at)
    if prep["in_at"] is not None:
        # "Tremors were felt some 60 miles south in Rome": Rome is what lies 60 miles south;
        # "10 km south in March" is no place
        in_place = _IN_PLACE.match(sentence, prep.end())
        if in_place is None or not _names_a_place(in_place["name"]):
            return None
        subject = (in_place["name"], in_place.start("name"))
    if _SITUATED.match(sentence, 0, at) and ref:
        # "Situated 45 miles from Kharkiv, Vovchansk has ...": the subject follows
        after_ref = _NAME_AFTER_COMMA.match(sentence, ref_end)
        subject = (after_ref["name"], after_ref.start("name")) if after_ref else None
    if subject is None and ref and _OPENS.fullmatch(sentence, 0, at):
        # "Some 600 km northeast of Kherson in the town of Horlivka, ...": named after it
        in_town = _IN_TOWN_OF.match(sentence, ref_end)
        subject = (in_town["name"], in_town.start("name")) if in_town else None
        # "About 6 km from the border, Shebekino was hit": the name the main clause opens on
        # (not "Ukrainian forces": a people is no place)
        after_ref = _NAME_AFTER_COMMA.match(sentence, ref_end) if subject is None else None
        if after_ref is not None and _names_a_place(after_ref["name"]):
            subject = (after_ref["name"], after_ref.start("name"))
    quote_start = subject[1] if subject else at
    end = ref_end if ref else prep.end()
    if subject and subject[1] > at:
        quote_start, end = at, subject[1] + len(subject[0])
    found = replace(base, start=quote_start, end=end, reference=ref,
                    subject=subject[0] if subject else None,
                    along=_route(prep["path"]))  # fmt: skip
    if prep["inside"]:
        # "12 km inside Syrian territory" is a depth; "5 km within the zone" is not English;
        # "the plume reached 20km into the sky" is a height, in no area
        if not ref or prep["inside"].lower() == "within" or _ABOVE_GROUND.fullmatch(ref):
            return None
        return replace(found, kind="inside")
    if prep["dir"] or prep["bare_dir"] or prep["end_dir"]:
        direction = parse_direction(prep["dir"] or prep["bare_dir"] or prep["end_dir"]).name
        return replace(found, kind="direction_distance", direction=direction)
    if prep["away_from"] and ref:
        to = _TO_PLACE.match(sentence, ref_end)
        target = _phrase(sentence, to.end()) if to else (None, ref_end)
        if to and target[0]:
            # "12 kilometers from Nikopol to the plant": from one place to the other
            return replace(found, start=at, subject=ref, reference=target[0], end=target[1])
    return found


#: After a direction: "in Rome", "at Lakeside", the place the figure puts there.
_IN_PLACE = re.compile(rf"\s+(?:in|at)\s+(?P<name>{_PROPER_RE.pattern})")
_SHARED = re.compile(_SHARED_REFERENCE, re.IGNORECASE)


#: The end of a phrase that names a place by what it is: "the state capital", "the border".
_PLACE_NOUN = re.compile(
    r"\b(?:capital|city|town|village|border|frontier|coast|airport|base|camp|plant|crater|port"
    r"|harbou?r|station)$",
    re.IGNORECASE,
)


_FOR = re.compile(r"\bfor\s+$", re.IGNORECASE)
#: "shells landed as close as 500 metres to the plant": nearness said before the figure
_CLOSE_AS = re.compile(r"\bclose\s+as\s+$", re.IGNORECASE)


def _to_place(sentence: str, at: int, start: int, relation: Relation) -> bool:
    """Whether "to" after a figure reads as "from" ("some 12 kilometres to the state capital"):
    only with a hedge, a comparator or "as close as" (a measured distance, not an amount
    something grew by, "rose 2 metres to the highest level", nor a stretch, "backed up for
    about 5 km to the border") and before a name or a place noun."""
    ref, _ = _phrase(sentence, start)
    hedged = relation is not Relation.EXACTLY or _CLOSE_AS.search(sentence, 0, at)
    if not hedged or _FOR.search(sentence, 0, at):
        return False
    return place_like(ref)


def place_like(phrase: str | None) -> bool:
    """Whether a reference phrase names a place: a name ("Maiduguri") or a place noun ("the
    state capital"), not "the highest level" or "the same unit"."""
    if phrase is None:
        return False
    return bool(_PLACE_NOUN.search(phrase)) or (phrase[:1].isupper() and _names_a_place(phrase))


def _route(path: str | None) -> str | None:
    """The route a path word names ("by road": road, `along:` in a claims file), if any."""
    route = ROUTE_WORDS.get(" ".join(path.lower().split())) if path else None
    return route.value if route else None


#: After a figure: "apart" (`_PAIR` before it names the two places).
_APART = re.compile(r"\s+apart\b", re.IGNORECASE)
#: Before a figure and "apart": two places joined by "and", then a verb or a comma ("Mosul and
#: Erbil are about", "Mosul and Erbil, some"), at most _PAIR_REACH characters.
_PAIR = re.compile(
    rf"(?P<a>{_PROPER_RE.pattern})\s+and\s+(?P<b>{_PROPER_RE.pattern})"
    r"(?:\s*,\s*|\s+(?:are|were|is|was|lie|lay|sit|stand|stood)\s+)"
    r"(?:(?:only|just|now|still|located|situated)\s+)*$"
)
_PAIR_REACH = 160


def _names_a_place(name: str) -> bool:
    """Whether a name that opens a clause may be a place: not a country's people ("Ukrainian
    forces"), a country, a pronoun or a weekday (`_NOT_PLACES`)."""
    first = name.split()[0]
    return first.lower() not in _NOT_PLACES and country_code(first) is None


def _in_country(sentence: str, after: int) -> re.Match[str] | None:
    """ "in Russia" after a figure: a country's name, so the figure is how far inside it."""
    m = _IN_NAME.match(sentence, after)
    return m if m is not None and country_code(m["name"]) is not None else None


def _zone_draft(
    words: _Sentence, m: re.Match[str], base: Draft, compound: re.Match[str] | None
) -> Draft | None:
    """A zone's radius or depth: "the 34-mile exclusion zone", "a 30-40km-deep zone", "the
    zone extends 55 km", "expanded to 10 kilometers", "the 20km surrounding Fukushima"."""
    sentence, at, after = words.text, m.start(), m.end()
    zone = compound
    if zone and not (base.relation is Relation.WITHIN and _OF_AROUND.match(sentence, zone.end())):
        reference = _strip_article(re.sub(r"^(?:wide|deep)\b\s*-?\s*", "", zone["zone"]))
        if reference.lower() == "radius":
            around = _AROUND.match(sentence, zone.end())
            zone_phrase = words.zone
            if zone_phrase is None and around:
                place, _ = _phrase(sentence, around.end())
                zone_phrase = f"zone around {place}" if place else None
            reference = zone_phrase or reference
        return replace(base, kind="zone_radius", end=zone.end(), reference=reference)
    around_tail = _AROUND_TAIL.match(sentence, after)
    if around_tail and base.relation is not Relation.WITHIN:
        place, end = _phrase(sentence, around_tail.end())
        # a number is no place: "at a depth of 10 kilometres around 12:50 pm local time"
        if place and not place[:1].isdigit():
            return replace(base, kind="zone_radius", end=end, reference=f"zone around {place}")
    in_radius = _IN_RADIUS.match(sentence, after)
    head_zone = _HEAD_ZONE.search(sentence, words.within(at, _HEAD_ZONE_REACH), at)
    grown = _GROWN_TO.search(sentence, words.within(at, _GROWN_REACH), at)
    if (
        in_radius
        or head_zone
        or (grown and (words.zone_like or not _PREPOSITION_TAIL.match(sentence, after)))
    ):
        zone_phrase = words.zone or "zone"
        end = in_radius.end() if in_radius else after
        start = head_zone.start() if head_zone else at
        return replace(base, kind="zone_radius", start=start, end=end, reference=zone_phrase)
    return None


def _bare_figure(words: _Sentence, m: re.Match[str], base: Draft) -> Draft | None:
    """A figure with no place after it that still states a distance: "within 100 km",
    "separated by only 600 metres", "removed to the depth of 30 kilometers"."""
    sentence, at = words.text, m.start()
    stated = (
        base.relation is Relation.WITHIN
        or _SEPARATED_BY.search(sentence, words.within(at, _SEPARATED_REACH), at)
        or _DEPTH_OF.search(sentence, words.within(at, _DEPTH_REACH), at)
    )
    if not stated:
        return None
    subject = words.subject(at)
    return replace(
        base, start=subject[1] if subject else at, subject=subject[0] if subject else None
    )


_ARTICLES = frozenset(("the", "a", "an"))
_BEFORE_ARTICLE = frozenset(("of", "and", "with", "between"))


def _phrase(text: str, start: int) -> tuple[str | None, int]:
    """The place phrase starting at `start`: words up to a clause boundary, at most six. A
    number belongs to the phrase after a name ("Tower 22", "Fukushima No. 1"), unless a unit
    follows it (then it is the next figure)."""
    words: list[tuple[str, int]] = []
    for w in _PHRASE_WORD.finditer(text, start):
        gap = text[words[-1][1] if words else start : w.start()]
        if _CLAUSE_MARK.search(gap):
            break
        token = w.group()
        if not token.strip("-–—"):  # a dash standing alone sets off a clause (" - and ...")
            break
        between = token.lower() == "and" and any(t.lower() == "between" for t, _ in words)
        if (token.lower() in _STOP_WORDS and not between) or len(words) >= 6:
            break
        if words and token in _TIME_OPENERS:
            break
        if words and token.lower() in _ARTICLES and words[-1][0].lower() not in _BEFORE_ARTICLE:
            # "Twenty yards north of the U.S.-Mexico border the steel fence forms": an article
            # after a place's words starts the next clause (not "of the", "border with the")
            break
        if words and _DIGITS.match(token):
            named = words[-1][0][:1].isupper()
            if not named or _UNIT_AFTER.match(text, w.start() + len(token.rstrip(".,"))):
                break
        words.append((token, w.end()))
    if not words:
        return None, start
    phrase = _strip_article(text[start : words[-1][1]].strip().rstrip("’'"))
    if not phrase or phrase.lower() in ("the", "a", "an"):
        return None, start
    return phrase, words[-1][1]
