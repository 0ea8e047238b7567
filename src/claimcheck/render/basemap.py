"""The offline base layer under the maps: land, land borders and coasts, and major towns,
clipped to the map's extent.

Where the layer comes from is one function, `_source`. Land, borders and coasts are the
gazetteer's own world layers (claimcheck.gazetteer.world: Natural Earth 1:10m Admin 0
countries), so a border a claim names as `border:IQ-SY` is drawn with the very vertices it was
measured against, and the package holds that data once. Towns are GeoNames' (render/data/,
built by scripts/basemap_data.py, which says how).
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from importlib import resources
from typing import Any

from claimcheck.frozen import frozen
from claimcheck.gazetteer import world
from claimcheck.geo import geodesic

#: (west, south, east, north) in degrees; west > east when the extent crosses the antimeridian.
Extent = tuple[float, float, float, float]

#: Where each base layer comes from, for attributions: (what, source, licence).
LAND_SOURCE = (
    "Land, borders and coasts",
    "Natural Earth 1:10m v5.1.1 (German point-of-view edition)",
    "public domain",
)
TOWN_SOURCE = ("Towns", "GeoNames", "CC BY 4.0")
#: world.Outline line layers and the map layer each becomes
_LINES = {"border": "boundary", "land-border": "boundary", "coast": "coast", "land-coast": "coast"}
_SCALE = 1000.0
#: islands under (this × the tolerance)² and line pieces under this × the tolerance are left out
_SPECK = 3.0


@frozen
class Town:
    """A town of the offline base layer, from GeoNames."""

    name: str
    lat: float
    lon: float
    population: int
    country: str
    geonameid: int


@frozen
class _World:
    """The offline base layer, read once: the world's outlines and the towns."""

    outlines: tuple[world.Outline, ...]
    towns: tuple[Town, ...]


@cache
def _source() -> _World:
    """The whole base layer, read once: the one place that knows where it comes from."""
    raw = (resources.files("claimcheck.render") / "data" / "towns.json.gz").read_bytes()
    towns = tuple(
        Town(name, lat / _SCALE, lon / _SCALE, pop, cc, gid)
        for name, lat, lon, pop, cc, gid in json.loads(gzip.decompress(raw))
    )
    return _World(world.outlines(), towns)


def _boxes(extent: Extent) -> list[tuple[float, float, float, float]]:
    west, south, east, north = extent
    if west <= east:
        return [(west, south, east, north)]
    return [(west, south, 180.0, north), (-180.0, south, east, north)]


@cache
def _geometry(outline: world.Outline) -> Any:
    """The outline as shapely, made valid (a few simplified countries cross themselves), built
    once: a page draws the same country in its main view and its overview."""
    import shapely

    if outline.rings:
        shapes = [shapely.Polygon(rings[0], rings[1:]) for rings in outline.polygons()]
        geom = shapely.MultiPolygon(shapes)
        return geom if geom.is_valid else geom.buffer(0)
    return shapely.MultiLineString(list(outline.lines()))


def _only(geom: Any, kind: str) -> list[Any]:
    """The parts of a geometry of one type: clipping can leave points, and lines where an
    outline touches the box."""
    return [g for g in getattr(geom, "geoms", [geom]) if g.geom_type == kind and not g.is_empty]


def _feature(geom: Any, props: dict[str, str]) -> dict[str, Any]:
    import shapely

    geometry = json.loads(shapely.to_geojson(geom))
    return {"type": "Feature", "geometry": geometry, "properties": props}


def features_in(extent: Extent, tolerance_deg: float = 0.0) -> list[dict[str, Any]]:
    """GeoJSON features of the land, land borders and coasts that reach into the extent,
    clipped to it: the land as one area (layer "land"; the countries dissolved, so their shared
    edges are not drawn twice), then each land border ("boundary") and coast ("coast").

    `tolerance_deg` simplifies further (for a map of a large area), so the page stays small;
    islands and line pieces smaller than a few times it (a pixel or two on the map) are left
    out, or a map of the world would carry every reef.
    """
    import shapely

    least = _SPECK * tolerance_deg
    out = []
    for box in _boxes(extent):
        window = shapely.box(*box)
        land, lines = [], []
        for outline in _source().outlines:
            bounds = outline.bounds
            if bounds[0] > box[2] or bounds[2] < box[0] or bounds[1] > box[3] or bounds[3] < box[1]:
                continue
            geom = _geometry(outline)
            if not geom.intersects(window):
                continue
            clipped = shapely.clip_by_rect(geom, *box)
            if outline.rings:
                land += _only(clipped, "Polygon")
                continue
            if tolerance_deg:
                clipped = clipped.simplify(tolerance_deg)
            parts = [p for p in _only(clipped, "LineString") if p.length >= least]
            if parts:
                lines.append(
                    _feature(shapely.set_precision(shapely.MultiLineString(parts), 0.001),
                             {"layer": _LINES[outline.layer], "name": outline.name,
                              "id": outline.id})
                )  # fmt: skip
        if land:
            # Dissolved before simplifying. The countries share their edges exactly (one
            # topology, scripts/build_world.py), which the fast coverage union needs.
            merged = shapely.coverage_union_all(land)
            if not merged.is_valid:
                merged = shapely.union_all(land)
            merged = shapely.MultiPolygon(
                [p for p in _only(merged, "Polygon") if p.area >= least * least]
            )
            if tolerance_deg:
                merged = merged.simplify(tolerance_deg, preserve_topology=True)
            areas = _only(shapely.set_precision(merged, 0.001), "Polygon")
            if areas:
                out.append(_feature(shapely.MultiPolygon(areas), {"layer": "land"}))
        out += lines
    return sorted(out, key=lambda f: f["properties"]["layer"] != "land")


def countries_in(extent: Extent, tolerance_deg: float = 0.0) -> list[dict[str, Any]]:
    """GeoJSON features (layer "country", with its name and id) of each country's land inside
    the extent, clipped to it: what a map names its countries from."""
    import shapely

    out = []
    for box in _boxes(extent):
        window = shapely.box(*box)
        for outline in _source().outlines:
            bounds = outline.bounds
            if (
                outline.layer != "country"
                or bounds[0] > box[2]
                or bounds[2] < box[0]
                or (bounds[1] > box[3] or bounds[3] < box[1])
            ):
                continue
            geom = _geometry(outline)
            if not geom.intersects(window):
                continue
            clipped = shapely.clip_by_rect(geom, *box)
            if tolerance_deg:
                clipped = clipped.simplify(tolerance_deg, preserve_topology=True)
            areas = _only(clipped, "Polygon")
            if areas:
                props = {"layer": "country", "name": outline.name, "id": outline.id}
                out.append(_feature(shapely.MultiPolygon(areas), props))
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
