"""`claimcheck places add`: find a place in a gazetteer and turn it into a cited entry.

The sources: `geonames` (an index built by `places import geonames`, offline), `wikidata` and
`nominatim` (online, opt-in: claimcheck.lookup.wikidata, claimcheck.lookup.nominatim). Each
gives candidates; the command never picks one of several by itself.

Uncertainty. None of the sources says how large a place is or how sure its point is, so the
entry's uncertainty comes from one rule, the one `verify --gazetteer-db` uses for imported rows
(claimcheck.lookup.fallback.UNCERTAINTY_BY_CODE, by GeoNames feature code): a capital, an
administrative seat or a city 5 km, a town, village or named locality 2 km, anything else
(a camp, a base, no class at all) 5 km. Wikidata's and OpenStreetMap's classes are mapped onto
those codes (`WIKIDATA_CLASSES`, `OSM_PLACE_TYPES`), and the entry's note says which rule
applied.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable

from anyascii import anyascii

from claimcheck.errors import UsageError
from claimcheck.frozen import frozen
from claimcheck.gazetteer.names import spelling
from claimcheck.lookup.fallback import resolving, uncertainty_for_code
from claimcheck.lookup.index import LICENCE, DbPlace, GazetteerDb

SOURCES = ("geonames", "wikidata", "nominatim")
ONLINE = ("wikidata", "nominatim")
#: scripts whose names become aliases: those of English, Arabic, Russian and Ukrainian
ALIAS_SCRIPTS = ("LATIN", "ARABIC", "CYRILLIC")
MAX_ALIASES = 12


@frozen
class Found:
    """One place a source offers for a name, with everything its entry needs."""

    #: "geonames", "wikidata" or "nominatim"
    source: str
    #: the source's own id: "163808", "Q64", "node/240109189"
    source_id: str
    name: str
    lat: float
    lon: float
    #: what the source calls it, e.g. "P.PPLA2", "Q515 (city)", "place=city"
    feature: str
    #: the GeoNames feature code it is sized as by the one rule ("" for none)
    code: str
    url: str
    #: the citation's title, e.g. 'GeoNames 163808 "Palmyra" (P.PPLA2)'
    title: str
    publisher: str
    licence: str
    #: the day the data is of: when an online source answered, or the date of the GeoNames
    #: dump an index was built from ("" when the index does not know it)
    retrieved: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    admin: str | None = None
    population: int | None = None
    #: how the name matched: exact, alias, transliteration, fuzzy, search (the service ranked it)
    how: str = "search"
    #: for an index's row, where it came from: "ru.sqlite, an index of RU.zip, GeoNames' dump
    #: of 2025-11-30" ("" for an online source, which `source` names)
    origin: str = ""

    @property
    def id(self) -> str:
        prefix = {"geonames": "geonames", "wikidata": "wikidata", "nominatim": "osm"}[self.source]
        return f"{prefix}:{self.source_id}"

    def uncertainty(self) -> tuple[float, str]:
        """Metres, and the rule that gave them, in words."""
        metres, rule = uncertainty_for_code(self.code)
        if self.source != "geonames" and self.code:
            rule = f"{self.feature} read as GeoNames {self.code}: {rule}"
        elif self.source != "geonames":
            rule = f"{self.feature}: {rule}"
        return metres, rule


def is_alias(name: str, primary: str) -> bool:
    """A name worth listing: in a script the tool's users read, not a code, not the name itself.

    Latin names must start with a capital: GeoNames writes its machine transliterations of other
    scripts in lower case ("bylghwrwd" for Belgorod), and no report spells a place that way.
    """
    if not name or name == primary or re.fullmatch(r"[A-Z0-9]{2,5}|[\d\W]+", name):
        return False
    if name[0].isascii() and name[0].islower():
        return False
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(unicodedata.name(c, "").startswith(ALIAS_SCRIPTS) for c in letters)


def _script(name: str) -> str:
    letter = next((c for c in name if c.isalpha()), None)
    return unicodedata.name(letter, "").split(" ")[0] if letter else ""


def pick_aliases(names: Iterable[str], primary: str) -> tuple[str, ...]:
    """Names in Latin, Arabic or Cyrillic script, one per spelling and script (the first
    MAX_ALIASES): "Белгород" stays beside "Belgorod", "BELGOROD" does not."""
    seen = {(_script(primary), spelling(primary))}
    out: list[str] = []
    for name in names:
        key = (_script(name), spelling(name))
        if is_alias(name, primary) and key not in seen:
            seen.add(key)
            out.append(name)
    return tuple(out[:MAX_ALIASES])


# --- GeoNames (the imported index) -------------------------------------------------------------


def geonames_candidates(db: GazetteerDb, name: str, country: str | None) -> list[Found]:
    """The rows a claim naming `name` would resolve to (`fallback.resolving`: spelled alike,
    else the same name romanised otherwise); else the rows sharing its consonants ("Belgorad"
    for Belgorod); else the near misses."""
    explicit = re.fullmatch(r"(?i)geonames:(\d+)", name.strip())
    if explicit:
        row = db.get(int(explicit.group(1)))
        if row is None:
            raise UsageError(f"{name}: not in {db.path}")
        return [_geonames_found(db, row, "id")]
    matches = db.search(name, 50, country)
    # as when a claim names a place: "Tyre" is Tyre, not Tur or Tureni; "Hodeidah" is
    # Al Hudaydah (alias "El-Hodeidah"), not Hadadah, which shares only its consonants
    certain = [m for m in matches if m.match.how != "fuzzy"]
    chosen = resolving(db, name, matches) or certain or matches[:10]
    return [_geonames_found(db, m.place, m.match.how, name) for m in chosen]


def _geonames_found(db: GazetteerDb, row: DbPlace, how: str, asked: str = "") -> Found:
    """The row as an entry, named as asked when that is one of its names: "Hodeidah", as the
    reports write it, not GeoNames' "Al Ḩudaydah" (kept as an alias and in the citation); the
    Pylos shipwreck trial's every sentence said "Pýlos" where every quote says "Pylos"."""
    names = [name for name, _ in db.listed_names(row.geonameid)]
    shown = _shown_name(asked.strip(), names, row.name, how)
    feature = f"{row.feature_class}.{row.feature_code}".strip(".")
    dated = db.meta.get("dump_date", "")  # an index built before dumps were dated has none
    return Found(
        source="geonames",
        source_id=str(row.geonameid),
        name=shown,
        lat=row.lat,
        lon=row.lon,
        feature=feature or "no feature class",
        code=row.feature_code,
        url=f"https://www.geonames.org/{row.geonameid}",
        title=f'GeoNames {row.geonameid} "{row.name}"' + (f" ({feature})" if feature else ""),
        publisher="GeoNames",
        licence=LICENCE,
        retrieved=dated,
        aliases=pick_aliases(names, shown),
        country=row.country or None,
        admin=_admin_name(db, row),
        population=row.population or None,
        how=how,
        origin=f"{os.path.basename(db.path)}, an index of {db.meta.get('source', '?')}, "
        + (f"GeoNames' dump of {dated}" if dated else "a GeoNames dump of unknown date"),
    )


def _shown_name(asked: str, names: list[str], main: str, how: str) -> str:
    """One of the row's names as asked (in its own capitals), or the asked romanisation of one
    when written with capitals ("Hodeidah" for "Al Ḩudaydah"); else the row's main name."""
    if how not in NAMED_AS_ASKED:
        return main
    own = next((n for n in names if n.casefold() == asked.casefold()), None)
    if own is not None:
        return own
    return asked if how == "transliteration" and asked != asked.lower() else main


def _admin_name(db: GazetteerDb, row: DbPlace) -> str | None:
    """The first-order division's name when the index has its ADM1 row, else COUNTRY.CODE."""
    if not row.admin1:
        return None
    sql = (
        "SELECT name FROM places WHERE country = ? AND admin1 = ? AND feature_code = 'ADM1' "
        "ORDER BY geonameid LIMIT 1"
    )
    found = db.con.execute(sql, (row.country, row.admin1)).fetchone()
    return str(found[0]) if found else f"{row.country}.{row.admin1}"


# --- choosing ------------------------------------------------------------------------------------


def choose(candidates: list[Found], pick: str | None) -> Found | None:
    """The candidate `pick` names (a 1-based number or an id), the only certain one, or None.

    Raises UsageError when `pick` names none of them.
    """
    if pick is not None:
        if pick.isdecimal():
            n = int(pick)
            if not 1 <= n <= len(candidates):
                raise UsageError(f"--pick {pick}: choose 1 to {len(candidates)}")
            return candidates[n - 1]
        for c in candidates:
            if c.id.lower() == pick.strip().lower():
                return c
        raise UsageError(f"--pick {pick}: not one of the candidates listed")
    certain = [c for c in candidates if c.how != "fuzzy"]
    if len(candidates) == 1 and certain:
        return candidates[0]
    return None


#: longest slug made from a name (an id may be 100 characters: room for -CC and -N after it)
_SLUG_CHARS = 40


def slug(name: str) -> str:
    """The name as an id's words, cut at a word's end within _SLUG_CHARS characters
    ("epicentre-of-the-16-april-2005", not "...-2005-earthquak"), a first word that is longer
    cut where it must."""
    full = re.sub(r"[^a-z0-9]+", "-", anyascii(name).lower()).strip("-")
    if len(full) <= _SLUG_CHARS:
        return full or "place"
    cut = full[: _SLUG_CHARS + 1].rsplit("-", 1)[0]
    return (cut if "-" in full[: _SLUG_CHARS + 1] else full[:_SLUG_CHARS]) or "place"


#: matches by which the name asked for is one of the place's names: as written, one of its
#: other names, or a transliteration of one ("Derna" for GeoNames' "Darnah")
NAMED_AS_ASKED = ("exact", "alias", "transliteration")


def id_name(found: Found, asked: str) -> str:
    """The name the new place's id is made from: the one asked for when it is one of the
    place's names, since the claims that call it so then find it by id ("derna", not GeoNames'
    main name "darnah"); else (a near miss, a service's ranking, an id) the main name."""
    return asked if found.how in NAMED_AS_ASKED else found.name


def unique_id(found: Found, asked: str, taken: Iterable[str]) -> str:
    return free_id(id_name(found, asked), found.country, taken)


def free_id(name: str, country: str | None, taken: Iterable[str]) -> str:
    """A slug of the name that no place in the file has yet: with the country's code, then a
    number (-2, -3, …), when it is taken."""
    used = set(taken)
    base = slug(name)
    if base not in used:
        return base
    with_country = f"{base}-{country.lower()}" if country else base
    candidate, n = with_country, 2
    while candidate in used:
        candidate, n = f"{with_country}-{n}", n + 1
    return candidate


@frozen
class NewPlace:
    """The entry `places add` appends, field by field."""

    id: str
    found: Found
    uncertainty_m: float
    rule: str
    via: str

    @property
    def note(self) -> str:
        return (
            f"Added by claimcheck places add from {self.via}; uncertainty "
            f"{self.uncertainty_m / 1000:g} km by {self.rule}, the rule in "
            "docs/commands/places.md, 'Claims that rely on imported places'. Review the point "
            "and the uncertainty against another source."
        )


def new_place(found: Found, asked: str, taken: Iterable[str], place_id: str | None) -> NewPlace:
    """The entry for `found`, asked for as `asked`; `place_id` (`--id`) wins over the slug."""
    metres, rule = found.uncertainty()
    via = found.origin or found.source
    return NewPlace(place_id or unique_id(found, asked, taken), found, metres, rule, via)
