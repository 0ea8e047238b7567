"""Search the gazetteer (and optionally an imported GeoNames index) for a name.

Behind `claimcheck places search`: every candidate with why it matched (exact, alias,
transliteration, fuzzy score), never one place picked for the user. The reviewed places file
wins over the index: a GeoNames row that a place already cites ("GeoNames 172344") is not listed
again. `near` adds the geodesic distance to each candidate as a tie-break between equal matches.
"""

from __future__ import annotations

from dataclasses import replace

from claimcheck.errors import UsageError
from claimcheck.files.limits import MAX_NAME_CHARS, too_many
from claimcheck.frozen import frozen
from claimcheck.gazetteer.names import HOW_ORDER, Match, fuzzy_score, rank
from claimcheck.gazetteer.places import (
    Gazetteer,
    Place,
    PlaceKind,
    Source,
    same_spelling,
    transliterates,
)
from claimcheck.geo.distance import measure_between
from claimcheck.grammar.countries import find_country, same_country
from claimcheck.lookup.index import LICENCE, DbMatch, GazetteerDb


@frozen
class Candidate:
    """One place a searched name can mean, from the places file or the GeoNames index."""

    id: str
    name: str
    match: Match
    kind: str
    source: Source
    #: "places" (the reviewed file) or "geonames" (an imported index)
    origin: str
    lat: float | None = None
    lon: float | None = None
    uncertainty_m: float | None = None
    country: str | None = None
    admin: str | None = None
    geonameid: int | None = None
    licence: str | None = None
    #: geodesic distance (m) to the --near place, when asked and measurable
    distance_m: float | None = None
    path: str = ""
    line: int = 0


def search(
    query: str,
    gazetteer: Gazetteer,
    db: GazetteerDb | None = None,
    near: Place | None = None,
    country: str | None = None,
    limit: int = 10,
) -> list[Candidate]:
    """Candidates best first: score, then how literal the match, then distance to `near`.

    Candidates tied with the last one kept are all kept: a cut-off never hides one of several
    equally good places.
    """
    if limit < 1:
        raise UsageError("--limit must be at least 1")
    if len(query) > MAX_NAME_CHARS:
        raise UsageError(f"a name of {too_many('characters', len(query), MAX_NAME_CHARS)}")
    code = find_country(country) if country else None
    wanted = code.code if code else (country.upper() if country else None)
    pool = [p for p in gazetteer if country is None or same_country(p.country or "", country)]
    found = [
        _from_place(
            _as_resolved(query, m, gazetteer.places[m.place_id].names), gazetteer.places[m.place_id]
        )
        for m in rank(query, [(p.id, p.names) for p in pool], limit)
    ]
    if db is not None:
        found += [
            _from_db(replace(m, match=_as_resolved(query, m.match, (m.match.matched_name,))))
            for m in db.search(query, limit, wanted)
            if not gazetteer.citing(m.place.geonameid)  # reviewed: listed from the file
        ]
    if near is not None:
        found = [_with_distance(c, near, gazetteer) for c in found]
    found.sort(key=_order)
    kept = found[:limit]
    if kept:
        last = _order(kept[-1])[:2]
        kept += [c for c in found[limit:] if _order(c)[:2] == last]
    return kept


def _as_resolved(query: str, match: Match, names: tuple[str, ...]) -> Match:
    """A key match is called a transliteration only where a claim would resolve to it: a name
    that shares only the consonants ("Hima" for "Hama") is shown as the near miss it is."""
    if match.how != "transliteration" or same_spelling(query, names):
        return match
    if transliterates(query, names):
        return match
    return replace(match, how="fuzzy", score=fuzzy_score(query, match.matched_name))


def _order(c: Candidate) -> tuple[float, int, float, int, str]:
    distance = c.distance_m if c.distance_m is not None else float("inf")
    return (-c.match.score, HOW_ORDER[c.match.how], distance, c.origin != "places", c.id)


def _from_place(match: Match, place: Place) -> Candidate:
    return Candidate(
        id=place.id,
        name=place.name,
        match=match,
        kind=place.kind.value,
        source=place.source,
        origin="places",
        lat=place.lat,
        lon=place.lon,
        uncertainty_m=place.uncertainty_m if place.has_position else None,
        country=place.country,
        admin=place.admin,
        path=place.path,
        line=place.line,
    )


def _from_db(found: DbMatch) -> Candidate:
    p = found.place
    return Candidate(
        id=f"geonames:{p.geonameid}",
        name=p.name,
        match=found.match,
        kind=p.kind,
        source=p.source,
        origin="geonames",
        lat=p.lat,
        lon=p.lon,
        country=p.country or None,
        admin=p.admin1 or None,
        geonameid=p.geonameid,
        licence=LICENCE,
    )


def _with_distance(c: Candidate, near: Place, gazetteer: Gazetteer) -> Candidate:
    if c.origin == "places":
        target = gazetteer.places[c.id]
    elif c.lat is not None and c.lon is not None:
        target = Place(c.id, c.name, PlaceKind.POINT, c.source, lat=c.lat, lon=c.lon)
    else:
        return c
    if not target.has_position:
        return c
    try:
        result = measure_between(near, target, gazetteer)
    except UsageError:  # two areas: no single distance (one of them must be a point)
        return c
    return replace(c, distance_m=result.distance.best)
