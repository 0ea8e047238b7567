"""The gazetteer: cited places with an honest uncertainty, and how claims refer to them.

A place is a point, a line (a border), a polygon (a country), a zone (a geodesic circle around
another place) or unknown (an event site that only the claims locate). Coordinates are always
written latitude first: `lat`/`lon` keys for points, `lat_lon` pairs for lines and polygons.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from typing import Any, Protocol

from claimcheck.errors import DataError, Level, Problem
from claimcheck.files import yamlfile
from claimcheck.grammar.units import Length, UnitError, parse_length

LatLon = tuple[float, float]


class PlaceKind(Enum):
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def has_position(self) -> bool:
        return self.kind is not PlaceKind.UNKNOWN

    @property
    def near_threshold_m(self) -> float:
        if self.near_m is not None:
            return self.near_m
        return NEAR_DEFAULT_M.get(self.kind, NEAR_DEFAULT_M[PlaceKind.POINT])


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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
    from claimcheck.gazetteer.names import normalize

    return normalize(name)


@lru_cache(maxsize=1 << 16)
def _spelling(name: str) -> str:
    from claimcheck.gazetteer.names import spelling

    return spelling(name)


# Arabic script writes no short vowels, so its spelling can never contradict a romanisation's.
_UNVOCALISED = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def same_spelling(query: str, names: Iterable[str]) -> bool:
    """Whether a name equals the query but for case, diacritics, punctuation, article, script.

    Names that share only the consonant key and write different vowels ("Hama", "Hima") are
    a weaker match: they count only when no place matches this way.
    """
    spelled = _spelling(query)
    unvocalised = bool(_UNVOCALISED.search(query))
    return any(
        _spelling(n) == spelled or unvocalised or _UNVOCALISED.search(n) is not None
        for n in names
        if name_key(n) == name_key(query)
    )


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
    _fallen_back: dict[str, Place] = field(default_factory=dict, init=False, repr=False)
    #: (text, country, admin) -> (place ids, how): claims repeat a handful of names
    _resolved: dict[tuple[str, str, str], tuple[tuple[str, ...], str]] = field(
        default_factory=dict, init=False, repr=False
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

    def get(self, place_id: str) -> Place | None:
        return self.places.get(place_id) or self._fallen_back.get(place_id)

    def resolve(self, ref: PlaceRef) -> Resolution:
        """Every place the reference can mean; ids win over names, order never decides.

        A name resolves through its match key (claimcheck.gazetteer.names), narrowed by the reference's
        country and admin area. Places whose name is spelled like the query (ignoring case,
        diacritics, punctuation, the article and script) beat places that share only the
        consonant key; every place of the best kind is kept. Fuzzy matches never resolve: they
        are suggestions (`suggest`).
        """
        if ref.text in self.places:
            return Resolution(ref, (self.places[ref.text],), "id")
        cache_key = (ref.text, (ref.country or "").upper(), (ref.admin or "").casefold())
        cached = self._resolved.get(cache_key)
        if cached is None:
            cached = self._resolve_name(ref)
            if self.fallback is not None and name_key(ref.text) not in self._by_name:
                found, how = self.fallback.resolve(ref)
                for place in found:
                    if place.id not in self.places:
                        self._fallen_back.setdefault(place.id, place)
                cached = (tuple(p.id for p in found), how)
            self._resolved[cache_key] = cached
        ids, how = cached
        return Resolution(ref, tuple(self.places.get(i) or self._fallen_back[i] for i in ids), how)

    def _resolve_name(self, ref: PlaceRef) -> tuple[tuple[str, ...], str]:
        from claimcheck.gazetteer.names import HOW_ORDER, rank

        key = name_key(ref.text)
        if not key:
            return (), ""
        found = [self.places[i] for i in sorted(set(self._by_name.get(key, [])))]
        if ref.country:
            found = [p for p in found if (p.country or "").upper() == ref.country.upper()]
        if ref.admin:
            found = [p for p in found if (p.admin or "").casefold() == ref.admin.casefold()]
        spelled_alike = [p for p in found if same_spelling(ref.text, p.names)]
        found = spelled_alike or found
        if not found:
            return (), ""
        matches = rank(ref.text, [(p.id, p.names) for p in found], len(found), fuzzy=False)
        how = min((m.how for m in matches if m.how != "fuzzy"), key=HOW_ORDER.__getitem__)
        return tuple(p.id for p in found), how

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        """Near misses for an unknown name, best first ("did you mean"), by rapidfuzz score."""
        from claimcheck.gazetteer.names import rank

        matches = rank(text, [(p.id, (p.id, *p.names)) for p in self], limit=limit)
        close = [m.place_id for m in matches[:limit]]
        if self.fallback is not None:
            close += [i for i in self.fallback.suggest(text, limit) if i not in close]
        return close[:limit]


#: Keys that hold a place's geometry; which of them a place needs depends on its kind.
GEOMETRY_KEYS = ("lat", "lon", "coordinates", "uncertainty", "lat_lon", "holes", "centre", "radius")
PLACE_KEYS = (
    "id",
    "name",
    "kind",
    "aliases",
    "country",
    "admin",
    *GEOMETRY_KEYS,
    "near",
    "source",
    "note",
    "ambiguous_with",
)


def read_source(entry: yamlfile.Entry, required: bool) -> Source | None:
    """A `source:` is a citation string or a mapping with title, url, date, publisher."""
    value = entry.data.get("source")
    if value is None:
        if required:
            entry.problem(None, "missing required field 'source': cite where this comes from")
        return None
    if isinstance(value, str):
        if not value.strip():
            entry.problem("source", "'source' is empty: cite where this comes from")
            return None
        return Source(title=value.strip())
    if not isinstance(value, yamlfile.YMap):
        entry.problem("source", "'source' must be a citation or a mapping with a title")
        return None
    sub = yamlfile.Entry(value, entry.path, entry.field("source"), entry.problems)
    sub.item = entry.item
    sub.check_keys(("title", "url", "date", "publisher"))
    title = sub.text("title", required=True)
    if title is None:
        return None
    return Source(title, sub.text("url"), sub.text("date"), sub.text("publisher"))


def read_length(entry: yamlfile.Entry, key: str, required: bool = False) -> Length | None:
    """A length written with its unit ("3 km"); bare numbers are refused as ambiguous."""
    value = entry.data.get(key)
    if value is None:
        if required:
            entry.problem(None, f"missing required field {key!r} (a length such as '3 km')")
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        entry.problem(key, f"{key!r} needs a unit: write e.g. '{value} km' or '{value} m'")
        return None
    if not isinstance(value, str):
        entry.problem(key, f"{key!r} must be a length such as '3 km'")
        return None
    try:
        return parse_length(value)
    except UnitError as exc:
        entry.problem(key, str(exc))
        return None


def check_lat_lon(entry: yamlfile.Entry, key: str, lat: float, lon: float) -> bool:
    """Range-check one coordinate pair, with the hint that catches swapped lat/lon."""
    if not -90.0 <= lat <= 90.0:
        hint = " (did you swap lat and lon?)" if -90.0 <= lon <= 90.0 else ""
        entry.problem(key, f"latitude {lat} is outside -90..90{hint}")
        return False
    if not -180.0 <= lon <= 180.0:
        entry.problem(key, f"longitude {lon} is outside -180..180")
        return False
    return True


def _read_pairs(entry: yamlfile.Entry, key: str, value: Any, minimum: int) -> tuple[LatLon, ...]:
    if not isinstance(value, list) or len(value) < minimum:
        entry.problem(key, f"{key!r} must be a list of at least {minimum} [lat, lon] pairs")
        return ()
    pairs: list[LatLon] = []
    for i, pair in enumerate(value):
        if isinstance(pair, str):
            point = _parse_coordinates(entry, key, pair, f"{key}[{i}]: ")
            if point is None:
                return ()
            pairs.append(point)
            continue
        ok = (
            isinstance(pair, list)
            and len(pair) == 2
            and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in pair)
            and all(math.isfinite(float(x)) for x in pair)
        )
        if not ok:
            entry.problem(key, f"{key}[{i}] must be a pair of finite numbers [lat, lon]")
            return ()
        lat, lon = float(pair[0]), float(pair[1])
        if not check_lat_lon(entry, key, lat, lon):
            return ()
        pairs.append((lat, lon))
    return tuple(pairs)


def _parse_coordinates(
    entry: yamlfile.Entry, key: str, text: str, prefix: str = ""
) -> LatLon | None:
    """A position in any notation claimcheck.grammar.coords reads ("33°30′21″N 38°37′04″E", ...)."""
    from claimcheck.grammar.coords import CoordinateError, parse_coordinates

    try:
        point = parse_coordinates(text)
    except CoordinateError as exc:
        entry.problem(key, f"{prefix}{text!r}: {exc}")
        return None
    return point.lat, point.lon


def _read_point(entry: yamlfile.Entry) -> dict[str, Any]:
    """`lat` + `lon`, or `coordinates:` in a notation that people paste."""
    if "coordinates" in entry.data:
        for key in ("lat", "lon"):
            if key in entry.data:
                entry.problem(key, f"give either 'coordinates' or 'lat'/'lon', not both ({key!r})")
        text = entry.text("coordinates")
        point = _parse_coordinates(entry, "coordinates", text) if text is not None else None
        return {"lat": point[0], "lon": point[1]} if point else {}
    for key in ("lat", "lon"):
        if entry.data.get(key) is None:
            entry.problem(
                None,
                f"missing required field {key!r} (or 'coordinates') for a place of kind 'point'",
            )
    lat, lon = entry.number("lat"), entry.number("lon")
    if lat is not None and lon is not None and check_lat_lon(entry, "lat", lat, lon):
        return {"lat": lat, "lon": lon}
    return {}


def _read_place(entry: yamlfile.Entry) -> Place | None:
    entry.check_keys(PLACE_KEYS)
    place_id = entry.text("id", required=True)
    name = entry.text("name") or place_id
    kind_text = entry.text("kind") or "point"
    try:
        kind = PlaceKind(kind_text)
    except ValueError:
        kinds = ", ".join(k.value for k in PlaceKind)
        entry.problem("kind", f"unknown kind {kind_text!r}: use one of {kinds}")
        return None
    source = read_source(entry, required=True)
    aliases = entry.texts("aliases")
    common: dict[str, Any] = {
        "country": entry.text("country"),
        "admin": entry.text("admin"),
        "note": entry.text("note"),
        "line": entry.line(),
        "path": entry.path,
    }
    near = read_length(entry, "near")
    if near is not None:
        common["near_m"] = near.metres
    geometry_keys = set(GEOMETRY_KEYS)
    needed = {
        PlaceKind.POINT: {"uncertainty"},
        PlaceKind.LINE: {"lat_lon", "uncertainty"},
        PlaceKind.POLYGON: {"lat_lon", "uncertainty"},
        PlaceKind.ZONE: {"centre", "radius", "uncertainty"},
        PlaceKind.UNKNOWN: set(),
    }[kind]
    optional = {
        PlaceKind.POINT: {"lat", "lon", "coordinates"},
        PlaceKind.POLYGON: {"holes"},
    }.get(kind, set())
    for key in sorted(geometry_keys - needed - optional):
        if key in entry.data:
            entry.problem(key, f"{key!r} does not apply to a place of kind {kind.value!r}")
    for key in sorted(needed):
        if entry.data.get(key) is None:
            entry.problem(
                None, f"missing required field {key!r} for a place of kind {kind.value!r}"
            )
    uncertainty = read_length(entry, "uncertainty") if "uncertainty" in needed else None
    geometry: dict[str, Any] = {}
    if kind is PlaceKind.POINT:
        geometry = _read_point(entry)
    elif kind in (PlaceKind.LINE, PlaceKind.POLYGON):
        minimum = 2 if kind is PlaceKind.LINE else 3
        vertices = _read_pairs(entry, "lat_lon", entry.data.get("lat_lon"), minimum)
        if kind is PlaceKind.POLYGON and len(vertices) > 3 and vertices[0] == vertices[-1]:
            vertices = vertices[:-1]
        if vertices and len(set(vertices)) < minimum:
            entry.problem(
                "lat_lon", f"a {kind.value} needs at least {minimum} different [lat, lon] vertices"
            )
            return None
        geometry = {"vertices": vertices}
        if kind is PlaceKind.POLYGON and "holes" in entry.data:
            holes = entry.data["holes"]
            if isinstance(holes, list):
                geometry["holes"] = tuple(_read_pairs(entry, "holes", h, 3) for h in holes)
            else:
                entry.problem("holes", "'holes' must be a list of rings of [lat, lon] pairs")
    elif kind is PlaceKind.ZONE:
        centre = entry.text("centre")
        if centre is not None and centre == place_id:
            entry.problem("centre", f"zone {place_id!r} cannot be centred on itself")
        geometry = {"centre": centre, "radius": read_length(entry, "radius")}
    if place_id is None or source is None:
        return None
    return Place(
        id=place_id,
        name=name or place_id,
        kind=kind,
        source=source,
        aliases=aliases,
        uncertainty_m=uncertainty.metres if uncertainty else 0.0,
        ambiguous_with=entry.texts("ambiguous_with"),
        **geometry,
        **common,
    )


def parse_places(data: Any, path: str) -> Gazetteer:
    """Build the gazetteer from a loaded places file; raises DataError with every problem."""
    problems: list[Problem] = []
    places: dict[str, Place] = {}
    for entry in yamlfile.entries(data, path, "places", problems):
        place = _read_place(entry)
        if place is None:
            continue
        if place.id in places:
            first = places[place.id].line
            entry.problem("id", f"duplicate place id {place.id!r} (first at line {first})")
            continue
        places[place.id] = place
    problems.extend(_check_zones(places.values()))
    problems.extend(lint_places(places.values()))
    errors = [p for p in problems if p.level is Level.ERROR]
    if errors:
        raise DataError(errors)
    return Gazetteer(places, path, warnings=tuple(sorted(problems)))


def _check_zones(places: Iterable[Place]) -> Iterator[Problem]:
    by_id = {p.id: p for p in places}
    for place in by_id.values():
        if place.kind is not PlaceKind.ZONE or place.centre is None:
            continue
        centre = by_id.get(place.centre)
        if centre is None:
            yield Problem(
                place.path,
                place.line,
                1,
                "centre",
                f"zone {place.id!r}: unknown centre place {place.centre!r}",
                item=place.id,
            )
        elif centre.kind is not PlaceKind.POINT:
            yield Problem(
                place.path,
                place.line,
                1,
                "centre",
                f"zone {place.id!r}: the centre "
                f"{centre.id!r} must be a point, not a {centre.kind.value}",
                item=place.id,
            )


def lint_places(places: Iterable[Place]) -> list[Problem]:
    """Checks that do not stop the data being used: shared names, implausible coordinates.

    Two places that share a name (by match key) and the same country and admin area cannot be
    told apart by a claim except by id, so each such pair is a warning unless one of the two
    lists the other in `ambiguous_with` (the data knows). A point or vertex outside its
    country's bounding box is a warning: usually swapped lat/lon.
    """
    from claimcheck.grammar.coords import country_bbox_warning

    by_id = {p.id: p for p in places}
    by_key: dict[str, set[str]] = {}
    for place in by_id.values():
        for name in place.names:
            by_key.setdefault(name_key(name), set()).add(place.id)
    problems: list[Problem] = []

    def warn(place: Place, field_name: str, message: str, level: Level = Level.WARNING) -> None:
        problems.append(Problem(place.path, place.line, 1, field_name, message, level, place.id))

    for place in by_id.values():
        shared: dict[str, str] = {}
        for name in place.names:
            for sharer in by_key.get(name_key(name), ()):
                if sharer != place.id:
                    shared.setdefault(sharer, name)
        for other_id in place.ambiguous_with:
            if other_id not in by_id:
                warn(place, "ambiguous_with", f"unknown place {other_id!r}", Level.ERROR)
            elif other_id not in shared:
                warn(place, "ambiguous_with", f"{other_id!r} shares no name with {place.id!r}")
        for other_id, name in sorted(shared.items()):
            other = by_id[other_id]
            other_name = next(n for n in other.names if name_key(n) == name_key(name))
            if (other.line, other.path) >= (place.line, place.path) or _distinguishable(
                place, other
            ):
                continue
            if other_id in place.ambiguous_with or place.id in other.ambiguous_with:
                continue
            warn(
                place,
                "aliases",
                f"{place.id!r} ({name!r}) and {other_id!r} (line {other.line}, {other_name!r}) "
                "share a name and the same country and admin area: a claim can tell them apart "
                "only by id. "
                f"Add country/admin, or list {other_id!r} in ambiguous_with if that is intended",
            )
        if place.country:
            points = [(place.lat, place.lon)] if place.lat is not None else list(place.vertices)
            for lat, lon in points:
                assert lat is not None and lon is not None
                message = country_bbox_warning(lat, lon, place.country)
                if message:
                    warn(place, "country", f"{place.id!r}: {message}")
                    break
    return problems


def _distinguishable(a: Place, b: Place) -> bool:
    """Whether a claim's country and admin narrowing can tell two places apart."""
    return ((a.country or "").upper(), (a.admin or "").casefold()) != (
        (b.country or "").upper(),
        (b.admin or "").casefold(),
    )


def load_places(path: str) -> Gazetteer:
    """Read and validate a places file: YAML, or a GeoJSON FeatureCollection (.geojson/.json)."""
    from claimcheck.gazetteer.geojson import is_geojson, load_geojson_places

    if is_geojson(path):
        return load_geojson_places(path)
    return parse_places(yamlfile.load(path), path)
