"""The gazetteer: cited places with an honest uncertainty, and how claims refer to them.

A place is a point, a line (a border), a polygon (a country), a zone (a geodesic circle around
another place) or unknown (an event site that only the claims locate). Coordinates are always
written latitude first: `lat`/`lon` keys for points, `lat_lon` pairs for lines and polygons.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from typing import Any

from claimcheck import yamlfile
from claimcheck.problems import DataError, Level, Problem
from claimcheck.units import Length, UnitError, parse_length

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

    def __str__(self) -> str:
        narrowing = ", ".join(x for x in (self.admin, self.country) if x)
        return f"{self.text} ({narrowing})" if narrowing else self.text


@dataclass(frozen=True)
class Resolution:
    """The places a reference can mean, and how it was matched."""

    ref: PlaceRef
    places: tuple[Place, ...]
    #: "id", "name" or "" when nothing matched
    how: str

    @property
    def place(self) -> Place | None:
        return self.places[0] if len(self.places) == 1 else None

    @property
    def ambiguous(self) -> bool:
        return len(self.places) > 1


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """The key under which names match; see claimcheck.names for the full rules.

    Cached: indexing, resolving and contradiction checks ask for the same names many times.
    """
    from claimcheck.names import normalize

    return normalize(name)


@dataclass
class Gazetteer:
    """All places by id, with a name index that never picks one place silently."""

    places: dict[str, Place] = field(default_factory=dict)
    path: str = ""
    #: lint findings that do not stop the data being used
    warnings: tuple[Problem, ...] = ()
    _by_name: dict[str, list[str]] = field(default_factory=dict, repr=False)

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
        return self.places.get(place_id)

    def resolve(self, ref: PlaceRef) -> Resolution:
        """Every place the reference can mean; ids win over names, order never decides."""
        if ref.text in self.places:
            return Resolution(ref, (self.places[ref.text],), "id")
        ids = self._by_name.get(name_key(ref.text), [])
        found = [self.places[i] for i in sorted(set(ids))]
        if ref.country:
            found = [p for p in found if (p.country or "").upper() == ref.country.upper()]
        if ref.admin:
            found = [p for p in found if (p.admin or "").casefold() == ref.admin.casefold()]
        return Resolution(ref, tuple(found), "name" if found else "")


PLACE_KEYS = (
    "id",
    "name",
    "kind",
    "aliases",
    "country",
    "admin",
    "lat",
    "lon",
    "uncertainty",
    "lat_lon",
    "holes",
    "centre",
    "radius",
    "near",
    "source",
    "note",
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
    geometry_keys = {"lat", "lon", "uncertainty", "lat_lon", "holes", "centre", "radius"}
    needed = {
        PlaceKind.POINT: {"lat", "lon", "uncertainty"},
        PlaceKind.LINE: {"lat_lon", "uncertainty"},
        PlaceKind.POLYGON: {"lat_lon", "uncertainty"},
        PlaceKind.ZONE: {"centre", "radius", "uncertainty"},
        PlaceKind.UNKNOWN: set(),
    }[kind]
    optional = {"holes"} if kind is PlaceKind.POLYGON else set()
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
        lat, lon = entry.number("lat"), entry.number("lon")
        if lat is not None and lon is not None and check_lat_lon(entry, "lat", lat, lon):
            geometry = {"lat": lat, "lon": lon}
    elif kind in (PlaceKind.LINE, PlaceKind.POLYGON):
        minimum = 2 if kind is PlaceKind.LINE else 3
        vertices = _read_pairs(entry, "lat_lon", entry.data.get("lat_lon"), minimum)
        if kind is PlaceKind.POLYGON and len(vertices) > 3 and vertices[0] == vertices[-1]:
            vertices = vertices[:-1]
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
        **geometry,
        **common,
    )


def parse_places(data: Any, path: str) -> Gazetteer:
    """Build the gazetteer from a loaded places file; raises DataError with every problem."""
    problems: list[Problem] = []
    if not isinstance(data, yamlfile.YMap) or not isinstance(data.get("places"), list):
        line = data.position.line if isinstance(data, (yamlfile.YMap, yamlfile.YList)) else 0
        raise DataError(
            [Problem(path, line, 1, "places", "expected a top-level 'places:' list of places")]
        )
    top = yamlfile.Entry(data, path, "", problems)
    top.check_keys(("places",))
    places: dict[str, Place] = {}
    items: yamlfile.YList = data["places"]
    for i, item in enumerate(items):
        if not isinstance(item, yamlfile.YMap):
            pos = items.item_positions[i]
            problems.append(
                Problem(path, pos.line, pos.column, f"places[{i}]", "expected a mapping")
            )
            continue
        entry = yamlfile.Entry(item, path, f"places[{i}]", problems)
        place = _read_place(entry)
        if place is None:
            continue
        if place.id in places:
            first = places[place.id].line
            entry.problem("id", f"duplicate place id {place.id!r} (first at line {first})")
            continue
        places[place.id] = place
    problems.extend(_check_zones(places.values()))
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


def load_places(path: str) -> Gazetteer:
    """Read and validate a places file (YAML)."""
    return parse_places(yamlfile.load(path), path)
