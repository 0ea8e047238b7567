"""Places from a GeoJSON FeatureCollection, as QGIS or geojson.io export them.

Geometry maps to the place kinds: Point, LineString, Polygon (outer ring + holes), a
MultiPolygon of one part, and a null geometry (an unknown place). A MultiPolygon of several
parts is refused: a place holds one outer ring, and measuring to the nearest of several parts
would need every distance rule to learn multi-part geometry. Properties: `id` (or the feature's
`id`), `name`, `aliases`, `uncertainty_m`, `source`, `country`, `admin`, `note`,
`ambiguous_with`; other properties (QGIS adds `fid` and the like) are ignored.

GeoJSON positions are [lon, lat]; they are flipped here and nowhere else.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

from claimcheck.errors import DataError, Level, Problem
from claimcheck.files.yamlfile import read_text
from claimcheck.gazetteer.lint import lint_places
from claimcheck.gazetteer.places import Gazetteer, LatLon, Place, PlaceKind, Source, id_problem

_EXTENSIONS = (".geojson", ".json")
_FEATURES = re.compile(r'"features"\s*:\s*\[')


def is_geojson(path: str) -> bool:
    """By extension, else by content: a JSON object that names a FeatureCollection early on."""
    if path.lower().endswith(_EXTENSIONS):
        return True
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False  # the YAML loader reports the unreadable file
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and b"FeatureCollection" in head


def load_geojson_places(path: str) -> Gazetteer:
    """Read and validate a GeoJSON places file; raises DataError naming file and feature."""
    import json

    text = read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError([Problem(path, exc.lineno, exc.colno, "", f"not JSON: {exc.msg}")]) from exc
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        raise DataError(
            [Problem(path, 1, 1, "type", "expected a GeoJSON FeatureCollection with 'features'")]
        )
    features: list[Any] = data["features"]
    lines = feature_lines(text, features)
    crs = crs_problem(path, data, lines)
    if crs is not None:
        raise DataError([crs])
    problems: list[Problem] = []
    places: dict[str, Place] = {}
    for i, feature in enumerate(features):
        reader = _FeatureReader(path, i, lines[i], problems)
        place = reader.read(feature)
        if place is None:
            continue
        if place.id in places:
            first = places[place.id].line
            reader.problem(
                "properties.id", f"duplicate place id {place.id!r} (first at line {first})"
            )
            continue
        places[place.id] = place
    problems.extend(lint_places(places.values()))
    if any(p.level is Level.ERROR for p in problems):
        raise DataError([p for p in problems if p.level is Level.ERROR])
    return Gazetteer(places, path, warnings=tuple(sorted(problems)))


#: `crs` names that mean WGS84 longitude, latitude (GeoJSON 2008's default and its aliases).
_WGS84_NAMES = re.compile(r"(?i)(?:OGC:(?:1\.3:)?CRS84|EPSG:(?::)?4326|\bCRS84\b|WGS ?84)$")
_EXPORT = "export the layer in EPSG:4326 (QGIS: Export > Save Features As..., CRS EPSG:4326)"


def crs_problem(path: str, data: dict[str, Any], lines: list[int]) -> Problem | None:
    """One problem for a file that is not in WGS84 longitude, latitude, instead of one per feature.

    RFC 7946 (section 4) fixes GeoJSON positions as WGS84 longitude, latitude in degrees and
    drops the `crs` member of the 2008 format. A file whose `crs` names another system, or at
    least half of whose positions cannot be degrees in either order (|x| > 360 or |y| > 180,
    as the metres of a projection such as EPSG:3857 Web Mercator), is in another CRS. A few
    such positions, or [lat, lon] written the wrong way round, get a message each.
    """
    crs = data.get("crs")
    if isinstance(crs, dict):
        props = crs.get("properties")
        name = props.get("name") if isinstance(props, dict) else None
        if isinstance(name, str) and not _WGS84_NAMES.search(name.strip()):
            return Problem(
                path, 1, 1, "crs",
                f"'crs' names {name!r}: GeoJSON (RFC 7946) positions are WGS84 longitude, "
                f"latitude in degrees; {_EXPORT}",
            )  # fmt: skip
    outside = total = 0
    first: tuple[int, list[Any]] | None = None
    for i, feature in enumerate(data["features"]):
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        for position in _positions(
            geometry.get("coordinates") if isinstance(geometry, dict) else None
        ):
            total += 1
            if abs(position[0]) > 360 or abs(position[1]) > 180:  # no degrees, in either order
                outside += 1
                first = first or (i, position)
    if first is None or outside * 2 < total:
        return None  # in range, or a few bad positions: each gets its own message
    index, position = first
    return Problem(
        path, lines[index], 1 if lines[index] else 0, f"features[{index}].geometry.coordinates",
        f"{outside} of {total} positions cannot be longitude, latitude in degrees "
        f"(the first: {position}): they are in another CRS's units, such as the "
        f"metres of EPSG:3857 (Web Mercator). GeoJSON (RFC 7946) positions are WGS84 longitude, "
        f"latitude; {_EXPORT}",
    )  # fmt: skip


def _positions(coords: Any) -> Iterator[list[Any]]:
    """Every [x, y, ...] position of numbers in a nested coordinates array."""
    if not isinstance(coords, list):
        return
    if len(coords) >= 2 and all(
        isinstance(c, (int, float)) and not isinstance(c, bool) and math.isfinite(c)
        for c in coords[:2]
    ):
        yield coords
        return
    for part in coords:
        yield from _positions(part)


def feature_lines(text: str, features: list[Any]) -> list[int]:
    """The 1-based line where each feature starts (0 for all if the layout defeats us).

    `json` keeps no positions, so the features array is walked again with raw_decode; the
    result is used only if it decodes to exactly the features already read.
    """
    import json

    decoder = json.JSONDecoder()
    match = _FEATURES.search(text)
    if match is None:
        return [0] * len(features)
    starts: list[int] = []
    pos, line, counted = match.end(), 1, 0
    try:
        for feature in features:
            while text[pos] in " \t\r\n,":
                pos += 1
            obj, end = decoder.raw_decode(text, pos)
            if obj != feature:
                return [0] * len(features)
            line += text.count("\n", counted, pos)
            counted = pos
            starts.append(line)
            pos = end
    except (ValueError, IndexError):
        return [0] * len(features)
    return starts


class _FeatureReader:
    """Reads one feature into a Place, collecting problems with file, line and feature index."""

    def __init__(self, path: str, index: int, line: int, problems: list[Problem]) -> None:
        self.path, self.index, self.line, self.problems = path, index, line, problems
        self.item = ""

    def problem(self, field: str, message: str) -> None:
        self.problems.append(
            Problem(
                self.path,
                self.line,
                1 if self.line else 0,
                f"features[{self.index}].{field}",
                message,
                item=self.item,
            )
        )

    def read(self, feature: Any) -> Place | None:
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            self.problem("type", "expected a GeoJSON Feature")
            return None
        props = feature.get("properties") or {}
        if not isinstance(props, dict):
            self.problem("properties", "'properties' must be an object")
            return None
        raw_id = props.get("id", feature.get("id"))
        if (
            not isinstance(raw_id, (str, int))
            or isinstance(raw_id, bool)
            or not str(raw_id).strip()
        ):
            self.problem("properties.id", "missing 'id': how claims refer to this place")
            return None
        place_id = str(raw_id).strip()
        why = id_problem(place_id)
        if why is not None:
            self.problem("properties.id", why)
            return None
        self.item = place_id
        name = self._text(props, "name") or place_id
        aliases = self._texts(props, "aliases")
        source = self._source(props.get("source"))
        geometry = self._geometry(feature.get("geometry"))
        uncertainty = self._uncertainty(
            props, geometry is not None and geometry[0] is not PlaceKind.UNKNOWN
        )
        if source is None or geometry is None or uncertainty is None:
            return None
        kind, fields = geometry
        return Place(
            id=place_id,
            name=name,
            kind=kind,
            source=source,
            aliases=aliases,
            country=self._text(props, "country"),
            admin=self._text(props, "admin"),
            uncertainty_m=uncertainty,
            note=self._text(props, "note"),
            line=self.line,
            path=self.path,
            ambiguous_with=self._texts(props, "ambiguous_with"),
            **fields,
        )

    def _text(self, props: dict[str, Any], key: str) -> str | None:
        value = props.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.problem(f"properties.{key}", f"{key!r} must be text")
            return None
        return str(value).strip()

    def _texts(self, props: dict[str, Any], key: str) -> tuple[str, ...]:
        value = props.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(f"properties.{key}", f"{key!r} must be a list of names")
            return ()
        return tuple(value)

    def _source(self, value: Any) -> Source | None:
        if isinstance(value, str) and value.strip():
            return Source(value.strip())
        if (
            isinstance(value, dict)
            and isinstance(value.get("title"), str)
            and value["title"].strip()
        ):
            extra = {k: str(value[k]) for k in ("url", "date", "publisher") if value.get(k)}
            return Source(value["title"].strip(), **extra)
        self.problem(
            "properties.source",
            "missing 'source': cite where this comes from (a citation, or an object with a title)",
        )
        return None

    def _uncertainty(self, props: dict[str, Any], needed: bool) -> float | None:
        value = props.get("uncertainty_m")
        if value is None:
            if needed:
                self.problem(
                    "properties.uncertainty_m",
                    "missing 'uncertainty_m': the radius (metres) that covers the place's extent "
                    "and how sure its position is",
                )
                return None
            return 0.0
        if (
            not isinstance(value, (int, float))
            or isinstance(value, bool)
            or not math.isfinite(value)
            or value < 0
        ):
            self.problem(
                "properties.uncertainty_m", "'uncertainty_m' must be a number of metres ≥ 0"
            )
            return None
        return float(value)

    def _geometry(self, geometry: Any) -> tuple[PlaceKind, dict[str, Any]] | None:
        if geometry is None:
            return PlaceKind.UNKNOWN, {}
        if not isinstance(geometry, dict):
            self.problem("geometry", "'geometry' must be an object or null")
            return None
        kind = geometry.get("type")
        coords = geometry.get("coordinates")
        if kind == "Point":
            point = self._position(coords, "geometry.coordinates")
            return (PlaceKind.POINT, {"lat": point[0], "lon": point[1]}) if point else None
        if kind == "LineString":
            line = self._positions(coords, "geometry.coordinates", 2)
            return (PlaceKind.LINE, {"vertices": line}) if line else None
        if kind == "MultiPolygon":
            if not isinstance(coords, list) or len(coords) != 1:
                parts = len(coords) if isinstance(coords, list) else 0
                self.problem(
                    "geometry",
                    f"a MultiPolygon of {parts} parts: a place holds one polygon (an outer ring "
                    "and its holes); split it into one feature per part, or dissolve the parts",
                )
                return None
            return self._polygon(coords[0], "geometry.coordinates[0]")
        if kind == "Polygon":
            return self._polygon(coords, "geometry.coordinates")
        self.problem(
            "geometry.type",
            f"unsupported geometry {kind!r}: use Point, LineString, Polygon or MultiPolygon",
        )
        return None

    def _polygon(self, rings: Any, field: str) -> tuple[PlaceKind, dict[str, Any]] | None:
        if not isinstance(rings, list) or not rings:
            self.problem(field, "a Polygon needs a list of rings (the outer ring first)")
            return None
        read: list[tuple[LatLon, ...]] = []
        for r, ring in enumerate(rings):
            vertices = self._positions(ring, f"{field}[{r}]", 4)
            if not vertices:
                return None
            if vertices[0] != vertices[-1]:
                self.problem(
                    f"{field}[{r}]",
                    "ring is not closed: GeoJSON rings end with their first position",
                )
                return None
            read.append(vertices[:-1])
        return PlaceKind.POLYGON, {"vertices": read[0], "holes": tuple(read[1:])}

    def _positions(self, value: Any, field: str, minimum: int) -> tuple[LatLon, ...]:
        if not isinstance(value, list) or len(value) < minimum:
            self.problem(field, f"expected at least {minimum} [lon, lat] positions")
            return ()
        out: list[LatLon] = []
        for i, position in enumerate(value):
            point = self._position(position, f"{field}[{i}]")
            if point is None:
                return ()
            out.append(point)
        return tuple(out)

    def _position(self, value: Any, field: str) -> LatLon | None:
        """[lon, lat] (an altitude is ignored) as (lat, lon), catching the [lat, lon] mistake."""
        ok = (
            isinstance(value, list)
            and len(value) in (2, 3)
            and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in value)
            and all(math.isfinite(x) for x in value)
        )
        if not ok:
            self.problem(field, "expected a position [lon, lat] of finite numbers")
            return None
        lon, lat = float(value[0]), float(value[1])
        if not -90 <= lat <= 90:
            if -90 <= lon <= 90 and -180 <= lat <= 180:
                self.problem(
                    field,
                    f"latitude {lat} is out of range: this looks like [lat, lon]; GeoJSON "
                    f"positions are [lon, lat]: write [{lat}, {lon}]",
                )
            else:
                self.problem(field, f"latitude {lat} is outside -90..90")
            return None
        if not -180 <= lon <= 180:
            self.problem(field, f"longitude {lon} is outside -180..180")
            return None
        return lat, lon
