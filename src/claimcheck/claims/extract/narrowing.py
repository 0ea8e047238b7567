"""Of several places a name fits, the ones a reader would take, and why: those called by that
very name, in a country the sentence names, in the area the sentence locates the name by, much
the nearest to the claim's other place or to another place the sentence names, or by far the
largest (`Narrowing._narrow`; the measures are in `candidates`)."""

from __future__ import annotations

import re

from claimcheck.claims.extract.candidates import (
    _by_far_largest,
    _country_of,
    _dwarfs_the_rest,
    _largest_reason,
    _much_nearest,
    _position,
    _same_area,
)
from claimcheck.claims.extract.countries import capital_country, country_code, state_at
from claimcheck.claims.extract.model import Draft
from claimcheck.claims.extract.patterns import _PROPER_RE
from claimcheck.claims.extract.phrases import _AREA, _ARTICLE, _BORDER_WITH, _strip_qualifiers
from claimcheck.claims.extract.place_rules import PhraseRules, _Context
from claimcheck.gazetteer.names import normalize
from claimcheck.gazetteer.places import Place
from claimcheck.grammar.units import Unit

#: "Moscow-held Donetsk", "Russian-occupied Melitopol": held by a power named by its country,
#: demonym or capital.
_HELD_BY = re.compile(r"\b(?P<by>[A-Z][\w]+)-(?:held|controlled|occupied|run)\b")


class Narrowing(PhraseRules):
    """The phrase rules, and the narrowing of a name's candidates by what the sentence says."""

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
        across = context.across()
        steps = [
            ("called so", called if dwarf is None or dwarf in called else []),
            ("in a country the sentence names",
             [p for p in places if _country_of(p) in context.countries
              and _country_of(p) not in across]),
        ]  # fmt: skip
        if across and not _BORDER_WITH.search(phrase):
            # "Klimovo ... 10km from the border with Ukraine's northern Chernigov Region":
            # the place is across the border from the country named after "with"
            steps.append((f"across the border from {', '.join(across)}",
                          [p for p in places if _country_of(p) not in across]))  # fmt: skip
        held = _HELD_BY.search(phrase)
        holder = (country_code(held["by"]) or capital_country(held["by"])) if held else None
        if holder is not None:
            # "Moscow-held Donetsk" is held by Russia, so it is not the Donetsk in Russia
            steps.insert(0, (f"held by {held['by'] if held else ''}, so not in {holder}",
                             [p for p in places if _country_of(p) != holder]))  # fmt: skip
        also = self._also_called(phrase, context)
        if also is not None:
            # "Artemovsk (Bakhmut)": the place both names fit, before any other reason
            alt, fits = also
            steps.insert(0, (f"also called {alt}, as the sentence says",
                             [p for p in places if p.id in fits]))  # fmt: skip
        state = _in_state(phrase, context)
        if state is not None:
            # "Medford, Oregon": the state's admin area if the index says so, else its country
            name, (code, admin1) = state
            in_country = [p for p in places if _country_of(p) == code]
            in_state = [p for p in in_country if p.admin == admin1]
            steps.append((f"in {name}, as the sentence says", in_state or in_country))
        located = None if state else self._located_by(phrase, context, {p.id for p in places})
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
        own = _country_of(other) if other and not other.id.startswith("country:") else None
        home = [p for p in places if own and _country_of(p) == own] if imported else []
        if other is not None and home and len(home) < len(places):
            # "Fort Nelson, 1,600 kilometres northeast of Vancouver": the Vancouver in Canada,
            # when nothing the sentence says chose another: a town abroad is named with its
            # country ("Rio Bravo, Tamaulipas, Mexico, ... from Donna, Texas")
            places, why = home, [*why, f"in {own}, as {other.name} is"]
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

    def _also_called(self, phrase: str, context: _Context) -> tuple[str, set[str]] | None:
        """The other name the sentence gives a name in brackets, and the places it fits:
        "five kilometers west of Artemovsk (Bakhmut)" (or "Bakhmut (Artemovsk)")."""
        name = re.escape(_ARTICLE.sub("", phrase.strip()))
        alt = rf"(?P<alt>{_PROPER_RE.pattern})"
        m = re.search(rf"(?<![\w-]){name}\s*\(\s*{alt}\s*\)", context.sentence) or re.search(
            rf"{alt}\s*\(\s*{name}\s*\)", context.sentence
        )
        if m is None:
            return None
        return m["alt"], set(self._resolve(m["alt"]))

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

    def _namesakes(
        self, role: str, phrase: str | None, ids: tuple[str, ...], other_ids: tuple[str, ...],
        draft: Draft, context: _Context, notes: list[str],
    ) -> tuple[str, ...]:  # fmt: skip
        """None of a name's imported candidates when every one is more than _NAMESAKE_RATIO
        times farther from the claim's other place than the figure the sentence gives: "Police
        and residents in Balad, 30 km north of Mogadishu" is not the Balad in Iraq, 3,000 km
        away, though that is the only Balad the index has; the meant place is missing. "Near"
        (or "on the outskirts of") with no figure is the other place's "near" distance
        (docs/rules.md, "Near"). A places-file place is never dropped (the reviewer chose it);
        the ids dropped are kept in `context.far`: the sentence's other drafts drop them too."""
        other = self._one(other_ids)
        at = _position(other, self.gazetteer) if other else None
        figure, measure = _metres(draft), "the text's figure"
        if figure is None and draft.kind == "near" and other is not None:
            figure = other.near_threshold_m
            measure = f"what 'near' {other.name} is ({round(figure / 1000):,} km)"
        if not phrase or not ids or at is None or other is None or figure is None:
            return ids
        places = [self.gazetteer.get(i) for i in ids]
        points = [_position(p, self.gazetteer) for p in places]
        if any(p is None or not p.id.startswith("geonames:") for p in places) or None in points:
            return ids
        from pyproj import Geod

        geod = Geod(ellps="WGS84")
        far = [geod.inv(q[1], q[0], at[1], at[0])[2] for q in points if q is not None]
        if min(far) <= figure * _NAMESAKE_RATIO:
            return ids
        why = (
            f"fits only {len(ids)} place(s) {round(min(far) / 1000):,} km or more from "
            f"{other.name}, over {_NAMESAKE_RATIO} times {measure}: a namesake, not "
            f"taken (add the place meant to the places file)"
        )
        notes.append(f"{role} {phrase!r} {why}")
        context.far.update(dict.fromkeys(ids, (why, draft)))
        return ()


def _in_state(phrase: str, context: _Context) -> tuple[str, tuple[str, str]] | None:
    """The state, province or territory the sentence writes after a name ("East Prairie,
    Missouri", "Sunbury in Victoria", "Medford, Ore."), with its country and admin1 code. Why: US,
    Canadian and Australian news writes a town's state after it, set off by commas (the AP
    Stylebook's "state names" entry), because so many towns share a name."""
    for m in _PROPER_RE.finditer(phrase):
        name = _strip_qualifiers(m.group())
        after = re.search(rf"(?<![\w-]){re.escape(name)}\s*(?:,|\s+in)\s+", context.sentence)
        state = state_at(context.sentence, after.end()) if after else None
        if state is not None:
            return state[0], state[2]
    return None


#: A name's only candidates are namesakes, not the place meant, when the nearest is this many
#: times farther from the other place than the figure: more than a figure misprinted by a digit
#: (10 times) or read in the wrong one of km, miles and nautical miles (under 2 times).
_NAMESAKE_RATIO = 20


def _metres(draft: Draft) -> float | None:
    """The largest figure of a draft in metres (the top of a range), None without one."""
    if draft.value is None or draft.unit is None:
        return None
    value, unit = draft.value, draft.unit
    if draft.high is not None:
        value, unit = draft.high, draft.high_unit or draft.unit
    return float(value) * Unit(unit).metres
