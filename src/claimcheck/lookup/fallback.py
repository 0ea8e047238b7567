"""Claims that rely on places from an imported GeoNames index (`verify --gazetteer-db`).

The reviewed places file stays the source of truth: the index is asked only about a reference
whose id and name the file does not know at all (`Gazetteer.fallback`). Only
certain matches count: an explicit `geonames:ID`, or an exact or transliteration match of the
name; a fuzzy near miss is a "did you mean", never a place. Several matching rows become
candidate readings, exactly like an ambiguous name in the file. A row that a reviewed place
already cites ("GeoNames 172344") is replaced by that reviewed place.

A GeoNames row is a point with no stated uncertainty, so an imported place gets one by rule,
from its feature code (`UNCERTAINTY_BY_CODE`); every verdict that uses one says so, and
`check` warns so that a reviewer copies the place into the file with a cited uncertainty.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from claimcheck.errors import Level, Problem
from claimcheck.frozen import frozen
from claimcheck.gazetteer.names import HOW_ORDER
from claimcheck.gazetteer.places import (
    GEONAMES_REF,
    Gazetteer,
    Place,
    PlaceKind,
    PlaceRef,
    Source,
    same_spelling,
    transliterates,
)
from claimcheck.grammar.countries import find_country
from claimcheck.lookup.index import LICENCE, DbMatch, DbPlace, GazetteerDb

if TYPE_CHECKING:  # claims are only read here: `places add` uses this module but no claim
    from claimcheck.claims.model import Claim

#: GeoNames feature code -> uncertainty (m) of the row's single point. GeoNames gives one point
#: per place, usually the centre as its source gazetteer (often NGA GNS, rounded to the nearest
#: arc-minute, ~1.8 km) recorded it. A capital or an administrative seat (PPLC, PPLA..PPLA4,
#: PPLG) is a city whose built-up area reaches several km from that point: 5 km. A populated
#: place (PPL) or populated locality (PPLL) is a village or a named spot: 2 km covers the
#: rounding and a village's extent. Everything else (no code, wells, areas, hills, camps) gets
#: the cautious 5 km: the code does not say how large the feature is.
UNCERTAINTY_BY_CODE: dict[str, float] = {
    "PPLC": 5000.0,
    "PPLA": 5000.0,
    "PPLA2": 5000.0,
    "PPLA3": 5000.0,
    "PPLA4": 5000.0,
    "PPLG": 5000.0,
    "PPL": 2000.0,
    "PPLL": 2000.0,
}
DEFAULT_UNCERTAINTY_M = 5000.0


@frozen
class ImportedPlace:
    """A place a claim relies on that came from the index, with the rule that sized it."""

    place: Place
    geonameid: int
    name: str
    uncertainty_m: float
    #: why that uncertainty, e.g. "feature code PPLL" or "default (no feature code)"
    rule: str
    licence: str = LICENCE

    @property
    def id(self) -> str:
        return self.place.id


def uncertainty_rule(row: DbPlace) -> tuple[float, str]:
    """The uncertainty (m) of an imported row and the rule that gave it."""
    return uncertainty_for_code(row.feature_code)


def uncertainty_for_code(feature_code: str) -> tuple[float, str]:
    """The uncertainty (m) that `UNCERTAINTY_BY_CODE` gives a GeoNames feature code, and why."""
    code = feature_code.strip().upper()
    if code in UNCERTAINTY_BY_CODE:
        return UNCERTAINTY_BY_CODE[code], f"feature code {code}"
    if code:
        return DEFAULT_UNCERTAINTY_M, f"default (feature code {code})"
    return DEFAULT_UNCERTAINTY_M, "default (no feature code)"


def imported_place(row: DbPlace, db_path: str) -> ImportedPlace:
    metres, rule = uncertainty_rule(row)
    source = Source(
        f"GeoNames {row.geonameid} (imported from {os.path.basename(db_path)}), {LICENCE}",
        url=f"https://www.geonames.org/{row.geonameid}",
    )
    place = Place(
        id=f"geonames:{row.geonameid}",
        name=row.name,
        kind=PlaceKind.POINT,
        source=source,
        country=row.country or None,
        admin=row.admin1 or None,
        lat=row.lat,
        lon=row.lon,
        uncertainty_m=metres,
        note=f"imported; uncertainty {metres / 1000:g} km by {rule}",
        path=db_path,
        population=row.population or None,
    )
    return ImportedPlace(place, row.geonameid, row.name, metres, rule)


def resolving(db: GazetteerDb, query: str, matches: list[DbMatch]) -> list[DbMatch]:
    """The rows a claim naming `query` resolves to: names spelled alike, else names that are
    the query romanised otherwise (the same vowels). A row that shares only the consonants
    ("Ḩadādah" for "Hodeidah", "Hima" for "Hama") is a near miss, never a place; `places add`
    offers the same rows as `verify` resolves to."""
    certain = [m for m in matches if m.match.how != "fuzzy"]
    names = {m.place.geonameid: db.names(m.place.geonameid) for m in certain}
    alike = [m for m in certain if same_spelling(query, names[m.place.geonameid])]
    return alike or [m for m in certain if transliterates(query, names[m.place.geonameid])]


class DbFallback:
    """The index as a Gazetteer fallback; remembers every place it handed out.

    `close` ends the lookups (the claims have been resolved by then; later resolutions of the
    same references come from the gazetteer's cache) but keeps what was imported.
    """

    #: how many rows a name may match before the rest are cut (each is a candidate reading)
    MAX_MATCHES = 100

    def __init__(self, db: GazetteerDb, gazetteer: Gazetteer) -> None:
        self.db: GazetteerDb | None = db
        self.path = db.path
        self.imported: dict[str, ImportedPlace] = {}
        self.gazetteer = gazetteer  # its reviewed places stand for the rows they cite

    def close(self) -> None:
        if self.db is not None:
            self.db.con.close()
            self.db = None

    def resolve(self, ref: PlaceRef) -> tuple[tuple[Place, ...], str]:
        if self.db is None:
            return (), ""
        explicit = GEONAMES_REF.fullmatch(ref.text.strip())
        if explicit:
            row = self.db.get(int(explicit.group(1)))
            return (tuple(self._places(row)) if row else ()), "id"
        matches = resolving(
            self.db,
            ref.text,
            [
                m
                for m in self.db.search(ref.text, self.MAX_MATCHES, _country_code(ref.country))
                if not ref.admin or m.place.admin1.casefold() == ref.admin.casefold()
            ],
        )
        if not matches:
            return (), ""
        places: dict[str, Place] = {}
        for m in matches:
            for place in self._places(m.place):
                places[place.id] = place
        how = min((m.match.how for m in matches), key=HOW_ORDER.__getitem__)
        return tuple(places[i] for i in sorted(places)), how

    def _places(self, row: DbPlace) -> list[Place]:
        """The reviewed places that cite the row, else the row imported."""
        reviewed = self.gazetteer.citing(row.geonameid)
        if reviewed:
            return list(reviewed)
        found = self.imported.setdefault(
            f"geonames:{row.geonameid}", imported_place(row, self.path)
        )
        return [found.place]

    def suggest(self, text: str, limit: int) -> list[str]:
        if self.db is None:
            return []
        return [f"geonames:{m.place.geonameid}" for m in self.db.search(text, limit)][:limit]


def imported_for(gazetteer: Gazetteer, refs: tuple[PlaceRef, ...]) -> list[ImportedPlace]:
    """The imported places that these references resolve to (every candidate), in id order."""
    fallback = gazetteer.fallback
    if not isinstance(fallback, DbFallback):
        return []
    ids = {p.id for ref in refs for p in gazetteer.resolve(ref).places}
    return [fallback.imported[i] for i in sorted(ids) if i in fallback.imported]


def reliance_warnings(gazetteer: Gazetteer, claims: tuple[Claim, ...]) -> list[Problem]:
    """One warning per claim that relies on an imported place (the `check` nudge to review)."""
    problems = []
    for claim in claims:
        found = imported_for(gazetteer, claim.place_refs())
        if not found:
            continue
        names = ", ".join(f'{p.id} "{p.name}"' for p in found)
        problems.append(
            Problem(
                claim.path,
                claim.line,
                1,
                "place",
                f"claim {claim.id!r} relies on imported GeoNames place {names} "
                f"({LICENCE}; uncertainty by rule, not cited): copy it into places.yaml with "
                "a cited uncertainty",
                Level.WARNING,
                claim.id,
            )
        )
    return problems


def _country_code(country: str | None) -> str | None:
    """GeoNames rows carry ISO codes: `country: Syria` searches for SY."""
    if country is None:
        return None
    found = find_country(country)
    return found.code if found is not None else country
