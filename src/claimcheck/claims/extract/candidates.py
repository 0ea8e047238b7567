"""How a reader chooses among the places a name fits: the one much the nearest to another
place, the one by far the largest; and where a place is, for that (`places.PlaceReader`)."""

from __future__ import annotations

import unicodedata

from claimcheck.gazetteer.places import Gazetteer, Place, PlaceKind


def _country_of(place: Place | None) -> str | None:
    if place is None:
        return None
    if place.country:
        return place.country.upper()
    if place.id.startswith("country:"):
        return place.id[8:].upper()
    return None


_WHOLE_FEATURES = frozenset({"country", "border", "coast"})


def _position(place: Place | None, gazetteer: Gazetteer) -> tuple[float, float] | None:
    """A point of the place (lat, lon): a point's own, a zone's centre, a shape's first vertex."""
    if place is None or place.id.split(":", 1)[0] in _WHOLE_FEATURES:
        # a country, a border or a coast is no one point: its first vertex says nothing
        return None
    if place.kind is PlaceKind.POINT and place.lat is not None and place.lon is not None:
        return place.lat, place.lon
    if place.kind is PlaceKind.ZONE and place.centre:
        return _position(gazetteer.get(place.centre), gazetteer)
    if place.vertices:
        return place.vertices[0]
    return None


def _much_nearest(places: list[Place], other: Place, gazetteer: Gazetteer) -> Place | None:
    """The one place at least three times nearer `other` than the next (None if none is).
    A border or a coast is as near as the nearest of its vertices ("Krasnopillia village is
    some 10 km west of the Russia-Ukraine border": the Krasnopillia by that border, not the
    one 500 km from it)."""
    at = _position(other, gazetteer)
    line = [v for part in other.lines for v in part] if other.id.split(":", 1)[0] in (
        "border", "coast") else []  # fmt: skip
    points = [_position(p, gazetteer) for p in places]
    if (at is None and not line) or any(q is None for q in points):
        return None
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    ends = [at] if at is not None else line
    dist = []
    for q in points:
        assert q is not None  # checked above
        _, _, d = geod.inv([q[1]] * len(ends), [q[0]] * len(ends), [e[1] for e in ends],
                           [e[0] for e in ends])  # fmt: skip
        dist.append(float(min(d)))
    ranked = sorted(zip(dist, range(len(places)), strict=True))
    if ranked[0][0] * 3 < ranked[1][0]:
        return places[ranked[0][1]]
    return None


def _much_nearest_pair(
    subjects: list[Place], references: list[Place], gazetteer: Gazetteer
) -> tuple[Place, Place] | None:
    """Of two names' candidates, the one pair at least three times nearer each other than any
    other pair ("Springfield is 20 miles from Decatur": the two in one state, not the one of
    each in different states); None if no pair is, or a candidate has no point."""
    a = [_position(p, gazetteer) for p in subjects]
    b = [_position(p, gazetteer) for p in references]
    if any(q is None for q in (*a, *b)):
        return None
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    ranked = []
    for i, p in enumerate(a):
        assert p is not None  # checked above
        _, _, d = geod.inv([p[1]] * len(b), [p[0]] * len(b), [q[1] for q in b if q],
                           [q[0] for q in b if q])  # fmt: skip
        ranked += [(float(dist), i, j) for j, dist in enumerate(d)]
    ranked.sort()
    if len(ranked) > 1 and ranked[0][0] * 3 < ranked[1][0]:
        return subjects[ranked[0][1]], references[ranked[0][2]]
    return None


#: A place "by far the largest" of a name's candidates has at least this many times the people
#: of every other (unknown counts as none) ...
_LARGEST_RATIO = 5
#: ... and at least this many people: GeoNames' own bar for its list of major cities
#: (cities15000), so a village never wins over villages whose size is unknown.
_LARGEST_MIN = 15000


def _by_far_largest(places: list[Place]) -> Place | None:
    """The candidate a reader takes a bare name for when one is a city and the rest villages
    ("Los Angeles": the city of 3.9 million, not the 15 villages of that name)."""
    ranked = sorted(places, key=lambda p: p.population or 0, reverse=True)
    top, runner_up = ranked[0].population or 0, ranked[1].population or 0
    if top >= _LARGEST_MIN and top >= _LARGEST_RATIO * runner_up:
        return ranked[0]
    return None


#: A candidate with at least this many times the people of every other (and at least
#: _LARGEST_MIN) is the place meant even when another is spelled letter for letter as written:
#: "Zaporizhzhia" is the city of 710,052 GeoNames spells "Zaporizhzhya", not the village of 656
#: it spells "Zaporizhzhia". Transliterations of one name differ by a letter, so the spelling
#: says little; two orders of magnitude is a city against villages, never two towns a writer
#: might each mean (5 times, `_LARGEST_RATIO`, decides only among the places spelled alike).
_DWARFS_RATIO = 100


def _dwarfs_the_rest(places: list[Place]) -> Place | None:
    """The one candidate with `_DWARFS_RATIO` times the people of every other, if any."""
    ranked = sorted(places, key=lambda p: p.population or 0, reverse=True)
    if len(ranked) < 2:
        return None
    top, runner_up = ranked[0].population or 0, ranked[1].population or 0
    return ranked[0] if top >= _LARGEST_MIN and top >= _DWARFS_RATIO * runner_up else None


def _borders(feature_id: str, code: str) -> bool:
    """Whether a world-layer feature is one of the country's land borders."""
    return feature_id.startswith("border:") and code in feature_id[7:].split("-")


def _one_country(gazetteer: Gazetteer, ids: tuple[str, ...]) -> Place | None:
    """The first of a name's candidates when all are in one country ("Topoli": three villages,
    all Ukrainian), so a border the sentence names with it is that country's; else None."""
    places = [gazetteer.get(i) for i in ids]
    codes = {_country_of(p) for p in places}
    return places[0] if len(codes) == 1 and None not in codes else None


def _same_area(place: Place, area: Place) -> bool:
    """Whether two places are in one country and one first-level admin area (GeoNames' code)."""
    return bool(
        place.admin and place.admin == area.admin and _country_of(place) == _country_of(area)
    )


def _largest_reason(place: Place) -> str:
    return (
        f"by far the largest (population {place.population:,} in GeoNames, at least "
        f"{_LARGEST_RATIO} times any other)"
    )


def _plain(name: str) -> str:
    """A name as written, case and diacritics aside: "Bakersfield", "Kharkiv"."""
    folded = unicodedata.normalize("NFKD", name.replace("’", "'"))
    return " ".join("".join(c for c in folded if not unicodedata.combining(c)).casefold().split())
