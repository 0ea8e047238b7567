"""Reading a YAML places file: every place checked, every problem named with file and line.

GeoJSON places files are read by claimcheck.gazetteer.geojson; `load_places` picks the reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from claimcheck.errors import DataError, Level, Problem, shown
from claimcheck.files import yamlfile
from claimcheck.files.limits import MAX_HOLES, MAX_PLACES, MAX_VERTICES, too_many
from claimcheck.gazetteer.digits import overclaim
from claimcheck.gazetteer.geojson import is_geojson, load_geojson_places
from claimcheck.gazetteer.lint import lint_places
from claimcheck.gazetteer.places import Gazetteer, LatLon, Place, PlaceKind, Source, id_problem
from claimcheck.gazetteer.rings import long_edge, ring_problems
from claimcheck.gazetteer.simplify import simplified
from claimcheck.gazetteer.world import override_warnings, world_layer
from claimcheck.grammar.coords import CoordinateError, parse_coordinates
from claimcheck.grammar.coords import LatLon as Position
from claimcheck.grammar.units import MAX_LENGTH_TEXT, Length, UnitError, parse_length

#: longer text in `lat`/`lon` is not read as a coordinate nor repeated whole in the error
_MAX_COORDINATE_CHARS = 100
#: a decimal number written as text (`lat: "33.5"`)
_DECIMAL = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
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


def read_id(entry: yamlfile.Entry) -> str | None:
    """The entry's `id:`, which must match ID_PATTERN (claimcheck.gazetteer.places).

    A bad id is recorded at its line and field and left off the entry's later problems, so it
    is never echoed as a label.
    """
    value = entry.text("id", required=True)
    if value is None:
        return None
    why = id_problem(value)
    if why is not None:
        entry.item = ""
        entry.problem("id", why)
        return None
    return value


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


def read_length(
    entry: yamlfile.Entry, key: str, required: bool = False, positive: bool = False
) -> Length | None:
    """A length written with its unit ("3 km"); bare numbers are refused as ambiguous.

    Lengths run from 0 to MAX_LENGTH_M (half the meridian); with `positive`, 0 is refused too
    (a zone of radius 0, "near" meaning 0 km).
    """
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
        length = parse_length(value)
    except UnitError as exc:
        entry.problem(key, str(exc))
        return None
    if positive and length.value == 0:
        entry.problem(key, f"{key!r} must be more than 0 (and at most {MAX_LENGTH_TEXT})")
        return None
    return length


def check_lat_lon(
    entry: yamlfile.Entry, keys: tuple[str, str], lat: float, lon: float, prefix: str = ""
) -> bool:
    """Range-check one coordinate pair, with the hint that catches swapped lat/lon.

    `keys` are the fields that hold the latitude and the longitude (the same key for a
    `lat_lon` pair), so each problem is reported on the line of the value that is wrong.
    """
    lat_key, lon_key = keys
    if not -90.0 <= lat <= 90.0:
        hint = " (did you swap lat and lon?)" if -90.0 <= lon <= 90.0 else ""
        entry.problem(lat_key, f"{prefix}latitude {lat} is outside -90..90{hint}")
        return False
    if not -180.0 <= lon <= 180.0:
        entry.problem(lon_key, f"{prefix}longitude {lon} is outside -180..180")
        return False
    return True


_NUMBERS = (float, int)


def _read_pairs(entry: yamlfile.Entry, key: str, value: Any, minimum: int) -> tuple[LatLon, ...]:
    if not isinstance(value, list) or len(value) < minimum:
        entry.problem(key, f"{key!r} must be a list of at least {minimum} [lat, lon] pairs")
        return ()
    if len(value) > MAX_VERTICES:
        entry.problem(key, f"{key!r}: {too_many('vertices', len(value), MAX_VERTICES)}")
        return ()
    pairs: list[LatLon] = []
    for i, pair in enumerate(value):
        if pair.__class__ is yamlfile.YList and len(pair) == 2:
            lat, lon = pair
            # the common case, checked in one go: two floats (not bools) within range
            if (
                lat.__class__ in _NUMBERS
                and lon.__class__ in _NUMBERS
                and -90.0 <= lat <= 90.0
                and -180.0 <= lon <= 180.0
            ):
                pairs.append((float(lat), float(lon)))
                continue
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
            and all(yamlfile.is_finite(x) for x in pair)
        )
        if not ok:
            entry.problem(key, f"{key}[{i}] must be a pair of finite numbers [lat, lon]"
                          + _vertex_hint(pair))  # fmt: skip
            return ()
        lat, lon = float(pair[0]), float(pair[1])
        if not check_lat_lon(entry, (key, key), lat, lon, f"{key}[{i}]: "):
            return ()
        pairs.append((lat, lon))
    return tuple(pairs)


def _vertex_hint(pair: Any) -> str:
    """For a vertex typed as two texts (`[33°53'N, 35°30'E]`): the decimals, or the one string
    in any notation that a vertex may also be."""
    if not isinstance(pair, list) or len(pair) != 2 or not any(isinstance(x, str) for x in pair):
        return ""
    text = _pasted_pair(pair[0], pair[1])
    position = _position(text) if text is not None and len(text) <= _MAX_COORDINATE_CHARS else None
    if text is None or position is None:
        return ""
    lat = f"{position.lat:.5f}".rstrip("0").rstrip(".")
    lon = f"{position.lon:.5f}".rstrip("0").rstrip(".")
    return f", not text: write [{lat}, {lon}], or the vertex as one string: {_quoted(text)}"


def _distinct(vertices: tuple[LatLon, ...], count: int) -> bool:
    """Whether there are at least `count` different vertices (stops as soon as there are)."""
    seen: set[LatLon] = set()
    for vertex in vertices:
        seen.add(vertex)
        if len(seen) >= count:
            return True
    return False


def _parse_coordinates(
    entry: yamlfile.Entry, key: str, text: str, prefix: str = ""
) -> LatLon | None:
    """A position in any notation claimcheck.grammar.coords reads ("33°30′21″N 38°37′04″E", ...)."""
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
    written = [key for key in ("lat", "lon") if isinstance(entry.data.get(key), str)]
    for key in written:
        entry.problem(key, _degrees_as_text(entry.data, key))
    lat = None if "lat" in written else entry.number("lat")
    lon = None if "lon" in written else entry.number("lon")
    if lat is not None and lon is not None and check_lat_lon(entry, ("lat", "lon"), lat, lon):
        return {"lat": lat, "lon": lon}
    return {}


def _degrees_as_text(data: dict[str, Any], key: str) -> str:
    """Why `lat: 33°53'N` is refused and what to write instead: `lat` and `lon` take decimal
    degrees only, while `coordinates:` reads the notations people paste (DMS, N/S/E/W)."""
    text = data[key].strip()
    example = "33.88333" if key == "lat" else "35.5"
    generic = (
        f"write e.g. {key}: {example}, or replace lat and lon with "
        'coordinates: "33°53′N 35°30′E", which reads degrees, minutes and seconds'
    )
    if len(text) > _MAX_COORDINATE_CHARS:
        return f"{key!r} must be a number in decimal degrees, not {shown(text)}: {generic}"
    pair = _pasted_pair(data.get("lat"), data.get("lon"))
    if pair is not None:
        position = _position(pair)
    elif key == "lat":
        position = _position(f"{text} 0E") or _position(f"{text}, 0")
    else:
        position = _position(f"0N {text}") or _position(f"0, {text}")
    message = f"{key!r} must be a number in decimal degrees, not {text!r}"
    if _DECIMAL.fullmatch(text):
        return f"{message}: write {key}: {text}, without quotes"
    if position is None:
        return f"{message}: {generic}"
    decimal = f"{getattr(position, key):.5f}".rstrip("0").rstrip(".")
    if pair is None:
        return f"{message}: write {key}: {decimal}"
    return f"{message}: write {key}: {decimal}, or replace lat and lon with coordinates: " + (
        _quoted(pair)
    )


def _quoted(text: str) -> str:
    """`text` as a YAML scalar a user can paste: in double quotes unless it holds one."""
    return f'"{text}"' if '"' not in text else f"'{text}'" if "'" not in text else text


def _pasted_pair(lat: Any, lon: Any) -> str | None:
    """`lat` and `lon` written as one `coordinates:` text, when both are there and it reads."""
    if isinstance(lat, bool) or isinstance(lon, bool):
        return None
    if not isinstance(lat, (str, int, float)) or not isinstance(lon, (str, int, float)):
        return None
    lettered = (
        f"{abs(lat)}{'N' if lat >= 0 else 'S'}" if not isinstance(lat, str) else lat.strip(),
        f"{abs(lon)}{'E' if lon >= 0 else 'W'}" if not isinstance(lon, str) else lon.strip(),
    )
    for pair in (" ".join(lettered), f"{str(lat).strip()}, {str(lon).strip()}"):
        if _position(pair) is not None:
            return pair
    return None


def _position(text: str) -> Position | None:
    try:
        return parse_coordinates(text)
    except CoordinateError:
        return None


def _check_rings(
    entry: yamlfile.Entry, outer: tuple[LatLon, ...], holes: tuple[tuple[LatLon, ...], ...]
) -> None:
    """A polygon whose rings do not bound one area is an error (claimcheck.gazetteer.rings)."""
    if not all(holes):
        return  # a hole that could not be read has its own problem already
    for problem in ring_problems((outer, *holes)):
        if problem.ring == 0:
            entry.problem("lat_lon", str(problem))
        else:
            entry.item_problem("holes", problem.ring - 1, str(problem))


def _read_place(entry: yamlfile.Entry) -> Place | None:
    place_id = read_id(entry)
    entry.check_keys(PLACE_KEYS)
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
    near = read_length(entry, "near", positive=True)
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
        written = entry.data.get("coordinates")
        if geometry and uncertainty and isinstance(written, str):
            note = overclaim(written, geometry["lat"], uncertainty.metres)
            if note:
                entry.problem("uncertainty", note, Level.WARNING)
    elif kind in (PlaceKind.LINE, PlaceKind.POLYGON):
        minimum = 2 if kind is PlaceKind.LINE else 3
        vertices = _read_pairs(entry, "lat_lon", entry.data.get("lat_lon"), minimum)
        if kind is PlaceKind.POLYGON and len(vertices) > 3 and vertices[0] == vertices[-1]:
            vertices = vertices[:-1]
        if vertices and not _distinct(vertices, minimum):
            entry.problem(
                "lat_lon", f"a {kind.value} needs at least {minimum} different [lat, lon] vertices"
            )
            return None
        geometry = {"vertices": vertices}
        edge = long_edge(vertices) if kind is PlaceKind.LINE and vertices else None
        if edge:
            entry.problem("lat_lon", f"the line {edge}")
        if kind is PlaceKind.POLYGON and "holes" in entry.data:
            holes = entry.data["holes"]
            total = len(vertices) + sum(len(h) for h in holes if isinstance(h, list))
            if isinstance(holes, list) and len(holes) > MAX_HOLES:
                entry.problem("holes", too_many("holes", len(holes), MAX_HOLES))
            elif isinstance(holes, list) and total > MAX_VERTICES:
                entry.problem("holes", too_many("vertices in all rings", total, MAX_VERTICES))
            elif isinstance(holes, list):
                geometry["holes"] = tuple(_read_pairs(entry, "holes", h, 3) for h in holes)
            else:
                entry.problem("holes", "'holes' must be a list of rings of [lat, lon] pairs")
        if kind is PlaceKind.POLYGON and vertices:
            _check_rings(entry, vertices, geometry.get("holes", ()))
    elif kind is PlaceKind.ZONE:
        centre = entry.text("centre")
        if centre is not None and centre == place_id:
            entry.problem("centre", f"zone {place_id!r} cannot be centred on itself")
        geometry = {"centre": centre, "radius": read_length(entry, "radius", positive=True)}
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
    for entry in yamlfile.entries(data, path, "places", problems, limit=MAX_PLACES):
        place = _read_place(entry)
        if place is None:
            continue
        place, note = simplified(place)
        if note:
            entry.problem("lat_lon", note, Level.WARNING)
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
    return with_world(Gazetteer(places, path, warnings=tuple(sorted(problems))))


def with_world(gazetteer: Gazetteer) -> Gazetteer:
    """The gazetteer with the built-in world layer behind it, and a warning per override."""
    layer = world_layer()
    gazetteer.world = layer
    overrides = override_warnings(gazetteer, layer)
    if overrides:
        gazetteer.warnings = tuple(sorted((*gazetteer.warnings, *overrides)))
    return gazetteer


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
    """Read and validate a places file: YAML, or a GeoJSON FeatureCollection (.geojson/.json)."""
    if is_geojson(path):
        return with_world(load_geojson_places(path))
    with yamlfile.gc_paused():  # a long line is tens of thousands of objects, all kept
        return parse_places(yamlfile.load(path), path)
