"""The world layers shipped with claimcheck: every country, land boundary and coast.

Built by scripts/build_world.py from Natural Earth 1:10m Admin 0 countries v5.1.1, German
point-of-view edition (public domain; how a disputed area is drawn depends on the edition).
Claims name them by id, with no places-file entry: `country:JO`, `border:IQ-SY` (the two ISO
3166-1 alpha-2 codes in either order) and `coast:SY`; or by name ("Jordan", "Иордания",
"Iraq–Syria border") when the places file does not know the name. A place in the places file
with the same id replaces the built-in one (`check` warns about it).

- A country is its Natural Earth polygons (islands included).
- A land boundary is the run of edges two countries' polygons share; one line, or several
  pieces where the boundary is broken (a lake, an exclave).
- A coast is the rest of a country's outline: the sea coast, and the shore of any water that
  no country polygon covers (the Caspian), and the edge of the disputed areas this edition
  leaves without a polygon (the Golan Heights, Abyei, the Southern Patagonian Ice Field,
  Rincón de Artigas).

Uncertainty. Natural Earth states no positional accuracy of its own; it publishes these data
"at 1:10,000,000 scale". By the U.S. National Map Accuracy Standards (1947; USGS Fact Sheet
171-99), 90 % of well-defined points on a map at a publication scale of 1:20,000 or smaller lie
within 1/50 inch of their true position on the map: at 1:10,000,000 that is 5,080 m on the
ground. The build simplified the lines within a stated tolerance and measured the largest
distance of Natural Earth's own line from the stored one; every feature's uncertainty is the
sum of the two, rounded up to 100 m (`UNCERTAINTY_M`).

Nothing is read until a claim names a world feature or a name the places file does not know:
the names and topology (world.json, about 140 kB) on the first such look-up, the vertices
(world.bin) when a feature is first built.
"""

from __future__ import annotations

import json
import lzma
import math
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from claimcheck.errors import Level, Problem
from claimcheck.frozen import frozen
from claimcheck.gazetteer.names import rank
from claimcheck.gazetteer.places import (
    WORLD_PREFIXES,
    Gazetteer,
    LatLon,
    Place,
    PlaceKind,
    PlaceRef,
    Source,
)

#: The dataset, in words a report can print (the edition decides how disputed areas are drawn)
TITLE = "Natural Earth 1:10m Admin 0 countries v5.1.1 (German point-of-view edition)"
LICENCE = "public domain"
CITATION = f"{TITLE}, {LICENCE}"
URL = "https://www.naturalearthdata.com/downloads/10m-cultural-vectors/10m-admin-0-countries/"
#: 1/50 inch at 1:10,000,000 (U.S. National Map Accuracy Standards, USGS Fact Sheet 171-99)
NMAS_M = 0.0254 / 50 * 10_000_000
NMAS_SOURCE = "U.S. National Map Accuracy Standards (1947), https://pubs.usgs.gov/fs/1999/0171/"
#: a stored coordinate (a multiple of _QUANTUM degrees) lies under this far from the computed one
_STORAGE_M = 1.0
#: what `path` says for a built-in place
WORLD_PATH = "<world>"
#: coordinates are stored in units of this many degrees
_QUANTUM = 1e-5
_ID = re.compile(r"(?i)(country|border|coast):([a-z]{2})(?:-([a-z]{2}))?")
PREFIXES = WORLD_PREFIXES


def canonical_id(text: str) -> str | None:
    """`border:SY-IQ` -> `border:IQ-SY`; None when the text is not a world id."""
    m = _ID.fullmatch(text.strip())
    if m is None:
        return None
    kind, a, b = m.group(1).lower(), m.group(2).upper(), m.group(3)
    if kind == "border":
        if b is None:
            return None
        first, second = sorted((a, b.upper()))
        return f"border:{first}-{second}"
    return None if b is not None else f"{kind}:{a}"


@cache
def country_names() -> dict[str, str]:
    """Each country's name by its ISO code: world_names.json (4 KB, written beside the index by
    scripts/build_world.py), so that naming a country does not decode the index's every alias
    (~5 ms, measured)."""
    data = resources.files("claimcheck.gazetteer").joinpath("data/world_names.json")
    names: dict[str, str] = json.loads(data.read_text("utf-8"))
    return names


@cache
def _index() -> dict[str, Any]:
    text = resources.files("claimcheck.gazetteer").joinpath("data/world.json").read_text("utf-8")
    index: dict[str, Any] = json.loads(text)
    return index


@cache
def _points() -> Any:
    """All stored vertices as (lon, lat) integer pairs, in units of _QUANTUM degrees."""
    import numpy as np

    raw = resources.files("claimcheck.gazetteer").joinpath("data/world.bin").read_bytes()
    deltas = np.frombuffer(lzma.decompress(raw), dtype="<i4").reshape(-1, 2)
    starts = np.asarray(_index()["arc_starts"])
    # Each arc's first vertex is absolute, the rest differences: one running sum over all
    # arcs, less the sum carried in from the arcs before.
    total = np.cumsum(deltas, axis=0, dtype=np.int64)
    carried = np.zeros((len(starts) - 1, 2), dtype=np.int64)
    carried[1:] = total[starts[1:-1] - 1]
    return total - np.repeat(carried, np.diff(starts), axis=0)


def uncertainty_m() -> float:
    """Natural Earth's scale accuracy plus the simplification's measured deviation (m)."""
    deviation = float(_index()["max_deviation_m"])
    return math.ceil((NMAS_M + deviation + _STORAGE_M) / 100.0) * 100.0


def uncertainty_rule() -> str:
    """How `uncertainty_m` is set, in sentences a report's methods can print."""
    deviation = _index()["max_deviation_m"]
    return (
        f"Natural Earth states no positional accuracy of its own and publishes these data at "
        f"1:10,000,000. By the U.S. National Map Accuracy Standards (1947; USGS Fact Sheet "
        f"171-99), 90 % of well-defined points on a map at that scale lie within 1/50 inch of "
        f"their true position: {NMAS_M:,.0f} m on the ground. claimcheck's simplified lines lie "
        f"at most {deviation:,} m from Natural Earth's, and their stored coordinates under "
        f"{_STORAGE_M:g} m from those; the sum, rounded up to the next 100 m, is "
        f"{uncertainty_m() / 1000:g} km"
    )


def _arc(ref: int) -> list[LatLon]:
    points = _points()
    starts = _index()["arc_starts"]
    i = ref if ref >= 0 else ~ref
    chunk = points[starts[i] : starts[i + 1]]
    if ref < 0:
        chunk = chunk[::-1]
    return [(round(lat * _QUANTUM, 5), round(lon * _QUANTUM, 5)) for lon, lat in chunk.tolist()]


def _chain(refs: list[int]) -> tuple[LatLon, ...]:
    out: list[LatLon] = []
    for ref in refs:
        arc = _arc(ref)
        out.extend(arc[1:] if out and out[-1] == arc[0] else arc)
    return tuple(out)


def _ring(refs: list[int]) -> tuple[LatLon, ...]:
    ring = _chain(refs)
    return ring[:-1] if len(ring) > 3 and ring[0] == ring[-1] else ring


@frozen
class Feature:
    """One world feature's identity, before its geometry is read."""

    id: str
    name: str
    kind: PlaceKind
    aliases: tuple[str, ...] = ()
    country: str | None = None


def _note(feature: Feature, parts: int) -> str:
    what = {
        "country": "the country's polygons",
        "border": "the edges the two countries' polygons share",
        "coast": "the country's outline less its land boundaries",
    }[feature.id.split(":")[0]]
    pieces = f", {parts} pieces" if parts > 1 else ""
    deviation = _index()["max_deviation_m"]
    return (
        f"built in: {what}{pieces}. Uncertainty {uncertainty_m() / 1000:g} km = Natural Earth's "
        f"1:10,000,000 scale by the {NMAS_SOURCE} (1/50 inch on the map: {NMAS_M:,.0f} m) + "
        f"simplification (at most {deviation} m from Natural Earth's line)"
    )


@dataclass
class WorldLayer:
    """The built-in features as a Gazetteer layer (claimcheck.gazetteer.places.PlaceFallback)."""

    _features: dict[str, Feature] = field(default_factory=dict, init=False, repr=False)
    _names: Gazetteer | None = field(default=None, init=False, repr=False)
    _built: dict[str, Place] = field(default_factory=dict, init=False, repr=False)

    def features(self) -> dict[str, Feature]:
        if not self._features:
            index = _index()
            countries = index["countries"]
            for code, c in countries.items():
                self._add(Feature(f"country:{code}", c["name"], PlaceKind.POLYGON,
                                  tuple(c["aliases"]), code))  # fmt: skip
            for pair in index["borders"]:
                a, b = pair.split("-")
                na, nb = countries[a]["name"], countries[b]["name"]
                self._add(Feature(f"border:{pair}", f"{na}–{nb} border", PlaceKind.LINE,
                                  (f"{nb}–{na} border",)))  # fmt: skip
            for code in index["coasts"]:
                name = countries[code]["name"]
                self._add(Feature(f"coast:{code}", f"coast of {name}", PlaceKind.LINE,
                                  (f"{name} coast",), code))  # fmt: skip
        return self._features

    def _add(self, feature: Feature) -> None:
        self._features[feature.id] = feature

    def _name_index(self) -> Gazetteer:
        """The names alone (no geometry), matched by the places file's own rules."""
        if self._names is None:
            stubs = {
                f.id: Place(f.id, f.name, f.kind, Source(CITATION), f.aliases, f.country)
                for f in self.features().values()
            }
            self._names = Gazetteer(stubs, WORLD_PATH)
        return self._names

    def knows(self, place_id: str) -> Feature | None:
        """The feature a world id names (any code order, any case), without building it."""
        wanted = canonical_id(place_id)
        return self.features().get(wanted) if wanted else None

    def place(self, feature: Feature) -> Place:
        built = self._built.get(feature.id)
        if built is None:
            built = self._built[feature.id] = _build(feature)
        return built

    def resolve(self, ref: PlaceRef) -> tuple[tuple[Place, ...], str]:
        text = ref.text.strip()
        if text.lower().startswith(PREFIXES):
            feature = self.knows(text)
            return ((self.place(feature),), "id") if feature else ((), "")
        ids, how = self._name_index().match_name(ref)
        return tuple(self.place(self.features()[i]) for i in ids), how

    def suggest(self, text: str, limit: int) -> list[str]:
        """Near misses among world ids, for a reference written as one (`border:IQ-SYR`)."""
        if not text.strip().lower().startswith(PREFIXES):
            return []
        ids = list(self.features())
        return [m.place_id for m in rank(text, [(i, (i,)) for i in ids], limit)][:limit]


def _build(feature: Feature) -> Place:
    kind, code = feature.id.split(":")
    index = _index()
    common: dict[str, Any] = {
        "id": feature.id,
        "name": feature.name,
        "kind": feature.kind,
        "source": Source(CITATION, url=URL, publisher="Natural Earth"),
        "aliases": feature.aliases,
        "country": feature.country,
        "uncertainty_m": uncertainty_m(),
        "path": WORLD_PATH,
    }
    if kind == "country":
        rings = index["countries"][code]["polygons"]
        polys = [tuple(_ring(r) for r in polygon) for polygon in rings]
        polys.sort(key=lambda p: -len(p[0]))
        (outer, *holes), *more = polys
        return Place(vertices=outer, holes=tuple(holes), more_polygons=tuple(more),
                     note=_note(feature, len(polys)), land_edges=_land_edges(code, rings),
                     **common)  # fmt: skip
    chains = index["borders" if kind == "border" else "coasts"][code]
    lines = sorted((_chain(c) for c in chains), key=lambda line: -len(line))
    return Place(vertices=lines[0], more_lines=tuple(lines[1:]), note=_note(feature, len(lines)),
                 **common)  # fmt: skip


def _land_edges(code: str, rings: list[list[list[int]]]) -> tuple[tuple[LatLon, ...], ...]:
    """The country's outline less its sea coast, as lines: runs of arcs around each ring that
    are not coast, or that border land no polygon covers (world.json's `land_gaps`)."""
    index = _index()
    gaps = set(index["land_gaps"])
    sea = {
        r if r >= 0 else ~r
        for run in index["coasts"].get(code, [])
        for r in run
        if (r if r >= 0 else ~r) not in gaps
    }
    lines: list[tuple[LatLon, ...]] = []
    for polygon in rings:
        for ring in polygon:
            land = [(r if r >= 0 else ~r) not in sea for r in ring]
            if all(land):
                lines.append(_chain(ring))
                continue
            start = land.index(False)  # begin at sea, so no run of land wraps around
            run: list[int] = []
            for k in range(len(ring)):
                ref = ring[(start + k) % len(ring)]
                if land[(start + k) % len(ring)]:
                    run.append(ref)
                elif run:
                    lines.append(_chain(run))
                    run = []
            if run:
                lines.append(_chain(run))
    return tuple(lines)


@cache
def _arcs() -> list[Any]:
    """Every stored arc as an (n, 2) array of (lon, lat) degrees."""
    import numpy as np

    return np.split(_points() * _QUANTUM, _index()["arc_starts"][1:-1])


@frozen
class Outline:
    """A world feature as a map draws it, read without building a Place: the same vertices the
    claims measure against, as (n, 2) arrays of (lon, lat) degrees (GeoJSON order), built only
    when asked for (a map draws a handful of the ~800)."""

    #: "country", "border" or "coast"; "land" for land with no ISO code (Akrotiri, Bir Tawil),
    #: "land-coast" and "land-border" for its coast and its edges with countries
    layer: str
    #: the feature's id (`border:IQ-SY`); "" for land with no code, which no claim can name
    id: str
    name: str
    #: (west, south, east, north) in degrees
    bounds: tuple[float, float, float, float]
    #: an area's polygons, each its rings (outer first), as arc refs (~i: arc i reversed)
    rings: tuple[tuple[tuple[int, ...], ...], ...] = ()
    #: a line's pieces, as arc refs
    runs: tuple[tuple[int, ...], ...] = ()

    def polygons(self) -> tuple[tuple[Any, ...], ...]:
        """Each polygon's rings (outer first), closed."""
        return tuple(_lonlat_chains(rings) for rings in self.rings)

    def lines(self) -> tuple[Any, ...]:
        return _lonlat_chains(self.runs)


def _lonlat_chains(chains: tuple[tuple[int, ...], ...]) -> tuple[Any, ...]:
    import numpy as np

    arcs = _arcs()
    out = []
    for refs in chains:
        parts: list[Any] = []
        for ref in refs:
            arc = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
            if parts and (parts[-1][-1] == arc[0]).all():
                arc = arc[1:]
            parts.append(arc)
        out.append(np.concatenate(parts))
    return tuple(out)


@cache
def outlines() -> tuple[Outline, ...]:
    """Every country, land boundary and coast, and the land no claim can name, for the maps'
    base layer (claimcheck.render.basemap); read once."""
    import numpy as np

    index = _index()
    degrees = _points() * _QUANTUM
    starts = index["arc_starts"][:-1]
    lows, highs = np.minimum.reduceat(degrees, starts), np.maximum.reduceat(degrees, starts)

    def bounds(chains: list[list[int]]) -> tuple[float, float, float, float]:
        arcs = [r if r >= 0 else ~r for refs in chains for r in refs]
        (west, south), (east, north) = lows[arcs].min(axis=0), highs[arcs].max(axis=0)
        return float(west), float(south), float(east), float(north)

    def area(layer: str, fid: str, name: str, polygons: list[list[list[int]]]) -> Outline:
        rings = tuple(tuple(tuple(ring) for ring in poly) for poly in polygons)
        return Outline(layer, fid, name, bounds([poly[0] for poly in polygons]), rings)

    def line(layer: str, fid: str, name: str, chains: list[list[int]]) -> Outline:
        return Outline(layer, fid, name, bounds(chains), runs=tuple(tuple(c) for c in chains))

    features = world_layer().features()
    out = [area("country", f"country:{code}", country["name"], country["polygons"])
           for code, country in index["countries"].items()]  # fmt: skip
    for layer in ("border", "coast"):
        for key, chains in index[f"{layer}s"].items():
            fid = f"{layer}:{key}"
            out.append(line(layer, fid, features[fid].name, chains))
    for name, land in index["uncoded"].items():
        out.append(area("land", "", name, land["polygons"]))
        out += [line(layer, "", name, land[key])
                for layer, key in (("land-coast", "coasts"), ("land-border", "boundaries"))
                if land[key]]  # fmt: skip
    return tuple(out)


@cache
def world_layer() -> WorldLayer:
    """The one shared layer: its index and vertices are read once per process."""
    return WorldLayer()


def override_warnings(gazetteer: Gazetteer, layer: WorldLayer) -> list[Problem]:
    """A warning for each place in the file that replaces a built-in feature of the same id."""
    problems = []
    for place in gazetteer:
        if not place.id.lower().startswith(PREFIXES):
            continue
        feature = layer.knows(place.id)
        if feature is None:
            continue
        same = "" if feature.id == place.id else f" (written {place.id!r})"
        problems.append(
            Problem(
                place.path,
                place.line,
                1,
                "id",
                f"place {feature.id!r}{same} replaces the built-in {feature.name!r} "
                f"({CITATION}) in every claim that names it",
                Level.WARNING,
                place.id,
            )
        )
    return problems


def world_places(gazetteer: Gazetteer, refs: tuple[PlaceRef, ...]) -> list[Place]:
    """The built-in places these references resolve to (every candidate), in id order."""
    found = {p.id: p for ref in refs for p in gazetteer.resolve(ref).places}
    return [found[i] for i in sorted(found) if found[i].path == WORLD_PATH]
