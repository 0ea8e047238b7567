"""The place model: cited places with an honest uncertainty, and how claims refer to them.

A place is a point, a line (a border), a polygon (a country), a zone (a geodesic circle around
another place) or unknown (an event site that only the claims locate). Coordinates are always
written latitude first: `lat`/`lon` keys for points, `lat_lon` pairs for lines and polygons.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from claimcheck.errors import Kind, Problem
from claimcheck.files.limits import MAX_NAME_CHARS
from claimcheck.frozen import frozen
from claimcheck.gazetteer.names import (
    HOW_ORDER,
    UNVOCALISED,
    normalize,
    rank,
    spelling,
    vowels_agree,
)
from claimcheck.grammar.countries import same_country
from claimcheck.grammar.units import Length

LatLon = tuple[float, float]

#: What a claim or place id may be: ASCII letters, digits and `. _ : -`, starting with a letter
#: or digit, at most 100 characters (e.g. `al-tanf-garrison`, `geonames:172344`). Ids appear in
#: every output, as CI annotation titles, at the start of `file:line` findings and as HTML
#: anchors; one plain word cannot carry a newline, a quote or a control character into them.
#: "GeoNames 1172451", "geonames.org/1172451", "GeoNames 168566 and 447557" in a source
_CITED_GEONAMES = re.compile(r"geonames(?:\.org/|\s+)(\d+(?:(?:\s*,\s*|\s+and\s+)\d+)*)", re.I)
#: `geonames:ID`, how a claim names a GeoNames row
GEONAMES_REF = re.compile(r"geonames:(\d+)", re.I)
#: The most resolutions `Gazetteer.resolve` keeps by reference before starting afresh (each
#: holds its reference alive): ten times the references of 100,000 claims.
_MAX_CACHED_REFS = 2_000_000
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,99}")
ID_RULE = (
    "letters, digits and . _ : - only, starting with a letter or digit, at most 100 characters"
)


def id_problem(value: str) -> str | None:
    """Why `value` cannot be an id, or None when it can."""
    if ID_PATTERN.fullmatch(value):
        return None
    shown = repr(value if len(value) <= 60 else value[:60] + "…")
    return f"id {shown} is not a valid id: use {ID_RULE} (e.g. 'al-tanf-garrison')"


class PlaceKind(Kind):
    POINT = "point"
    LINE = "line"
    POLYGON = "polygon"
    ZONE = "zone"
    UNKNOWN = "unknown"


#: What "near" means when neither the claim nor the place says: the distance (m) within which
#: a reader would accept "near", by kind. A border or front line is tens of km long and "near
#: the border" is said of places a few tens of km away; a town or base is a point.
NEAR_DEFAULT_M: dict[PlaceKind, float] = {
    PlaceKind.POINT: 10_000.0,
    PlaceKind.LINE: 25_000.0,
    PlaceKind.POLYGON: 25_000.0,
    PlaceKind.ZONE: 10_000.0,
}


@frozen
class Source:
    """Where a coordinate or a quote comes from."""

    title: str
    url: str | None = None
    date: str | None = None
    publisher: str | None = None

    def __str__(self) -> str:
        parts = [self.title]
        if self.publisher:
            parts.append(self.publisher)
        if self.date:
            parts.append(self.date)
        if self.url:
            parts.append(self.url)
        return ", ".join(parts)


@frozen
class Place:
    """One gazetteer entry. Which geometry fields are set depends on `kind`."""

    id: str
    name: str
    kind: PlaceKind
    source: Source
    aliases: tuple[str, ...] = ()
    country: str | None = None
    admin: str | None = None
    #: POINT: position in decimal degrees, WGS84
    lat: float | None = None
    lon: float | None = None
    #: the place's extent or how sure its position is (m); for a zone, how sure its edge is
    uncertainty_m: float = 0.0
    #: LINE: vertices; POLYGON: outer ring (edges are geodesics between vertices)
    vertices: tuple[LatLon, ...] = ()
    #: POLYGON: holes
    holes: tuple[tuple[LatLon, ...], ...] = ()
    #: LINE: further pieces of the same line (a border broken by a lake, an exclave's border)
    more_lines: tuple[tuple[LatLon, ...], ...] = ()
    #: POLYGON: further polygons, each (outer ring, *holes): a country's islands
    more_polygons: tuple[tuple[tuple[LatLon, ...], ...], ...] = ()
    #: ZONE: the id of the centre place and the radius as declared
    centre: str | None = None
    radius: Length | None = None
    #: overrides NEAR_DEFAULT_M for this place
    near_m: float | None = None
    note: str | None = None
    #: 1-based line of the entry in its file
    line: int = 0
    path: str = ""
    #: ids of places that knowingly share a name with this one (silences the collision lint)
    ambiguous_with: tuple[str, ...] = ()
    #: people living there, where the source says (GeoNames rows): how a reader tells the
    #: Los Angeles a story means from the villages of that name
    population: int | None = None
    #: POLYGON from the world layers: the parts of its outline that are land boundaries (with
    #: another country, land without a code, or land the edition leaves without a polygon); the
    #: rest is sea coast. None when the polygon does not say (a places file's own polygons)
    land_edges: tuple[tuple[LatLon, ...], ...] | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def geonames_ids(self) -> frozenset[int]:
        """GeoNames ids this place cites in its source title or url: the rows it was reviewed
        from, so `geonames:ID` (what `extract` drafts for an imported place) means this place."""
        text = f"{self.source.title} {self.source.url or ''}"
        return frozenset(int(n) for group in _CITED_GEONAMES.findall(text)
                         for n in re.findall(r"\d+", group))  # fmt: skip

    @property
    def lines(self) -> tuple[tuple[LatLon, ...], ...]:
        """LINE: every piece, each a line of vertices."""
        return (self.vertices, *self.more_lines) if self.vertices else ()

    @property
    def polygons(self) -> tuple[tuple[tuple[LatLon, ...], ...], ...]:
        """POLYGON: every polygon, each (outer ring, *holes)."""
        if not self.vertices:
            return ()
        return ((self.vertices, *self.holes), *self.more_polygons)

    @property
    def has_position(self) -> bool:
        return self.kind is not PlaceKind.UNKNOWN

    @property
    def near_threshold_m(self) -> float:
        if self.near_m is not None:
            return self.near_m
        return NEAR_DEFAULT_M.get(self.kind, NEAR_DEFAULT_M[PlaceKind.POINT])


@frozen
class PlaceRef:
    """How a claim names a place: an id or a name, optionally narrowed by country or admin."""

    text: str
    country: str | None = None
    admin: str | None = None
    line: int = 0
    column: int = 0
    #: the data path of the claim field that names it, e.g. "claims[3].from", for messages
    key: str = field(default="", compare=False)

    def __str__(self) -> str:
        narrowing = ", ".join(x for x in (self.admin, self.country) if x)
        return f"{self.text} ({narrowing})" if narrowing else self.text


@frozen
class Resolution:
    """The places a reference can mean, and how it was matched."""

    ref: PlaceRef
    places: tuple[Place, ...]
    #: "id"; for names the most literal claimcheck.gazetteer.names kind among the places ("exact",
    #: "alias", "transliteration"); "" when nothing matched (fuzzy matches never resolve)
    how: str

    @property
    def place(self) -> Place | None:
        return self.places[0] if len(self.places) == 1 else None

    @property
    def ambiguous(self) -> bool:
        return len(self.places) > 1


class PlaceFallback(Protocol):
    """Where a reference that the places file does not know is looked up next (an import)."""

    def resolve(self, ref: PlaceRef) -> tuple[tuple[Place, ...], str]: ...

    def suggest(self, text: str, limit: int) -> list[str]: ...


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """The key under which names match; see claimcheck.gazetteer.names for the full rules.

    Cached: indexing, resolving and contradiction checks ask for the same names many times.
    """
    return normalize(name)


def same_spelling(query: str, names: Iterable[str]) -> bool:
    """Whether a name equals the query but for case, diacritics, punctuation, article, script.

    Arabic script writes no short vowels, so an Arabic-script name is spelled like any
    romanisation with its consonants, unless the place also has a romanised name with those
    consonants whose vowels disagree ("حماة" does not make "Hima" a spelling of Hama).
    Names that are the query romanised otherwise ("Tadmor", "Tadmur") are a weaker match
    (`transliterates`): they count only when no place matches this way.
    """
    romanised, arabic = _sharing_key(query, names)
    if UNVOCALISED.search(query):
        return bool(romanised or arabic)
    spelled = spelling(query)
    if any(spelling(n) == spelled for n in (*romanised, *arabic)):
        return True
    return bool(arabic) and all(vowels_agree(query, n) for n in romanised)


def transliterates(query: str, names: Iterable[str]) -> bool:
    """Whether a name shares the query's key and writes the same vowels in another
    romanisation (claimcheck.gazetteer.names.vowels_agree): "Dayr az Zawr" for "Deir ez-Zor",
    but never "Hima" for "Hama", which share only their consonants."""
    romanised, arabic = _sharing_key(query, names)
    if UNVOCALISED.search(query) or not romanised:
        return bool(romanised or arabic)
    return any(vowels_agree(query, n) for n in romanised)


def _sharing_key(query: str, names: Iterable[str]) -> tuple[list[str], list[str]]:
    """The names with the query's match key: (romanised, in Arabic script)."""
    key = name_key(query)
    sharing = [n for n in names if name_key(n) == key]
    arabic = [n for n in sharing if UNVOCALISED.search(n)]
    return [n for n in sharing if not UNVOCALISED.search(n)], arabic


@dataclass
class Gazetteer:
    """All places by id, with a name index that never picks one place silently."""

    places: dict[str, Place] = field(default_factory=dict)
    path: str = ""
    #: lint findings that do not stop the data being used
    warnings: tuple[Problem, ...] = ()
    _by_name: dict[str, list[str]] = field(default_factory=dict, repr=False)
    #: consulted only for a reference whose id and name this file does not know at all; the
    #: places it returns are kept apart (`get` finds them), never in `places` or the name
    #: index, so the file always wins
    fallback: PlaceFallback | None = field(default=None, repr=False)
    #: the built-in world layer (claimcheck.gazetteer.world: countries, land boundaries,
    #: coasts), asked before `fallback` and under the same rule: the file always wins, and a
    #: file place with the same id replaces the built-in one
    world: PlaceFallback | None = field(default=None, repr=False)
    _fallen_back: dict[str, Place] = field(default_factory=dict, init=False, repr=False)
    #: (text, country, admin) -> (places, how): claims repeat a handful of names
    _resolved: dict[tuple[str, str, str], tuple[tuple[Place, ...], str]] = field(
        default_factory=dict, init=False, repr=False
    )
    #: id(ref) -> its resolution (which holds the ref, so the id is not reused while cached):
    #: loading, verdicts, contradictions and reports resolve each claim's references again
    _by_ref: dict[int, Resolution] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    #: GeoNames id -> the file's places citing that row (built on the first `geonames:` ref)
    _by_geonames: dict[int, tuple[Place, ...]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for place in self.places.values():
            self._index(place)

    def _index(self, place: Place) -> None:
        for name in {name_key(n) for n in place.names}:
            self._by_name.setdefault(name, []).append(place.id)

    def __iter__(self) -> Iterator[Place]:
        return iter(self.places.values())

    def __len__(self) -> int:
        return len(self.places)

    def looked_up(self) -> tuple[Place, ...]:
        """The places found outside the file so far (built-in world features, imports)."""
        return tuple(self._fallen_back.values())

    def get(self, place_id: str) -> Place | None:
        found = self.places.get(place_id) or self._fallen_back.get(place_id)
        if found is None and self.world is not None:
            places, how = self.world.resolve(PlaceRef(place_id))
            if len(places) == 1 and how == "id":  # `border:SY-IQ` finds `border:IQ-SY`
                place = places[0]
                found = self.places.get(place.id) or self._fallen_back.setdefault(place.id, place)
        return found

    def resolve(self, ref: PlaceRef) -> Resolution:
        """Every place the reference can mean; ids win over names, order never decides.

        A name resolves through its match key (claimcheck.gazetteer.names), narrowed by the
        reference's country and admin area. Places whose name is spelled like the query
        (ignoring case, diacritics, punctuation, the article and script) beat places whose name
        is the query in another romanisation; every place of the best kind is kept. A name that
        shares only the consonants ("Hima" for "Hama") never resolves, nor does a fuzzy match:
        both are suggestions (`suggest`) in the error.
        """
        found = self._by_ref.get(id(ref))
        if found is not None and found.ref is ref:
            return found
        if len(self._by_ref) >= _MAX_CACHED_REFS:
            self._by_ref.clear()
        found = self._by_ref[id(ref)] = self._resolve(ref)
        return found

    def _resolve(self, ref: PlaceRef) -> Resolution:
        if ref.text in self.places:
            return Resolution(ref, (self.places[ref.text],), "id")
        row = GEONAMES_REF.fullmatch(ref.text.strip())
        if row is not None:
            citing = self.citing(int(row.group(1)))
            if citing:  # the row as this file reviewed it: the file always wins
                return Resolution(ref, citing, "id")
        if len(ref.text) > MAX_NAME_CHARS:  # no name is this long: do not spend time matching
            return Resolution(ref, (), "")
        cache_key = (ref.text, (ref.country or "").upper(), (ref.admin or "").casefold())
        cached = self._resolved.get(cache_key)
        if cached is None:
            ids, how = self.match_name(ref)
            if name_key(ref.text) not in self._by_name:
                for layer in (self.world, self.fallback):
                    if layer is None:
                        continue
                    found, how = layer.resolve(ref)
                    for place in found:
                        if place.id not in self.places:
                            self._fallen_back.setdefault(place.id, place)
                    ids = tuple(p.id for p in found)
                    if found:
                        break
            places = tuple(self.places.get(i) or self._fallen_back[i] for i in ids)
            cached = self._resolved[cache_key] = (places, how)
        return Resolution(ref, *cached)

    def citing(self, geonameid: int) -> tuple[Place, ...]:
        """The file's places that cite GeoNames row `geonameid` as their source (reviewed
        entries: a claim's `geonames:ID` and an index's row mean them)."""
        if self._by_geonames is None:
            by_id: dict[int, list[Place]] = {}
            for place in self:
                for gid in place.geonames_ids:
                    by_id.setdefault(gid, []).append(place)
            self._by_geonames = {gid: tuple(found) for gid, found in by_id.items()}
        return self._by_geonames.get(geonameid, ())

    def match_name(self, ref: PlaceRef) -> tuple[tuple[str, ...], str]:
        """The ids of this gazetteer's own places that the reference's name can mean, and how."""
        key = name_key(ref.text)
        if not key:
            return (), ""
        found = [self.places[i] for i in sorted(set(self._by_name.get(key, [])))]
        if ref.country:
            found = [p for p in found if same_country(p.country or "", ref.country)]
        if ref.admin:
            found = [p for p in found if (p.admin or "").casefold() == ref.admin.casefold()]
        spelled_alike = [p for p in found if same_spelling(ref.text, p.names)]
        found = spelled_alike or [p for p in found if transliterates(ref.text, p.names)]
        if not found:
            return (), ""
        matches = rank(ref.text, [(p.id, p.names) for p in found], len(found), fuzzy=False)
        how = min((m.how for m in matches if m.how != "fuzzy"), key=HOW_ORDER.__getitem__)
        return tuple(p.id for p in found), how

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        """Near misses for an unknown name, best first ("did you mean"), by rapidfuzz score."""
        if len(text) > MAX_NAME_CHARS:
            return []
        matches = rank(text, [(p.id, (p.id, *p.names)) for p in self], limit=limit)
        close = [m.place_id for m in matches[:limit]]
        for layer in (self.world, self.fallback):
            if layer is not None:
                close += [i for i in layer.suggest(text, limit) if i not in close]
        return close[:limit]


def suggest_place(text: str, gazetteer: Gazetteer) -> str:
    """ "did you mean" from the fuzzy ranking; a near miss is never resolved silently."""
    close = gazetteer.suggest(text)
    if not close:
        return ": add it to the places file"
    return f": did you mean {' or '.join(repr(c) for c in close)}?"


#: how a claim names a built-in world feature (claimcheck.gazetteer.world); no lookup adds one
WORLD_PREFIXES = ("country:", "border:", "coast:")


def add_command(ref: PlaceRef, places_path: str = "") -> str:
    """The `claimcheck places add` command that looks a missing place up and cites it."""
    words = ["claimcheck", "places", "add", ref.text]
    if ref.country:
        words += ["--country", ref.country]
    if places_path and not places_path.startswith("<"):
        words += ["--places", places_path]
    return shlex.join(words)


def unknown_place_hint(ref: PlaceRef, gazetteer: Gazetteer) -> str:
    """What to do about a reference nothing resolves: the near misses, and the exact command
    that finds the place in a gazetteer and appends it, cited, to the places file."""
    close = gazetteer.suggest(ref.text)
    guess = f": did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    if ref.text.strip().lower().startswith(WORLD_PREFIXES):
        return guess or ": no such built-in country, land boundary or coast"
    command = add_command(ref, gazetteer.path)
    if close:
        return f"{guess} If it is another place, add it: {command}"
    if ref.text.islower() and ref.text.replace(" ", "").replace("-", "").isalpha():
        # a common noun ("plane", "epicentre"), which no gazetteer names: the event's own site
        unknown = shlex.join(["claimcheck", "places", "add", ref.text, "--unknown",
                              "--source-title", "REPORT"])  # fmt: skip
        if gazetteer.path and not gazetteer.path.startswith("<"):
            unknown += f" --places {shlex.quote(gazetteer.path)}"
        return (
            f": add it: {unknown} if it is the site of the event the report tells of (no "
            f"gazetteer gives its position; `claimcheck locate` finds where the claims put it), "
            f"or look it up: {command}"
        )
    return f": add it: {command}"
