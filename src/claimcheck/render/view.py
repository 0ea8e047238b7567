"""What a map shows first: the extent of the claims that matter, the full extent for the
overview, the labels worth naming, and the legend, in names people read.

The default view holds the places the claims name outright, their zones and the regions where
an unknown place can be; places that are only one reading of an ambiguous name (a namesake
1,000 km away) and places no claim uses stay in the overview. Shared by the HTML map and the
PNG/SVG figure, so both show the same thing.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from claimcheck.claims.model import VerdictKind
from claimcheck.frozen import frozen
from claimcheck.geo import geodesic
from claimcheck.render.basemap import Extent, Town
from claimcheck.render.html_report import COLOURS
from claimcheck.render.words import VERDICT_LABEL

#: How a verdict reads in the legend, next to its colour.
_MEASURED = {
    VerdictKind.CONSISTENT: "fits the claim",
    VerdictKind.INCONCLUSIVE: "partly fits the claim (inconclusive)",
    VerdictKind.INCONSISTENT: "does not fit the claim",
    VerdictKind.UNVERIFIABLE: "cannot be checked",
}
LAND, SEA, COAST = "#f4f1ea", "#d5e5ef", "#8fb0c4"
BOUNDARY, TOWN = "#9b8f7a", "#6b6b6b"


def positions(coords: Any) -> list[tuple[float, float]]:
    """Every (lon, lat) of a GeoJSON geometry's coordinates, however nested."""
    if coords and isinstance(coords[0], (int, float)):
        return [(float(coords[0]), float(coords[1]))]
    return [p for c in coords for p in positions(c)]


def extent_of(features: Iterable[Mapping[str, Any]]) -> Extent | None:
    """(west, south, east, north) of the features' positions, or None when there are none."""
    points = [p for f in features for p in positions(f["geometry"]["coordinates"])]
    if not points:
        return None
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return min(lons), min(lats), max(lons), max(lats)


def contains(outer: Extent, inner: Extent) -> bool:
    """True when the `inner` extent lies wholly within the `outer` one."""
    return (
        outer[0] <= inner[0]
        and outer[1] <= inner[1]
        and inner[2] <= outer[2]
        and (inner[3] <= outer[3])
    )


def _in_focus(feature: Mapping[str, Any]) -> bool:
    p = feature["properties"]
    layer = p.get("layer")
    if layer in ("zone", "region"):
        return True
    if layer in ("place", "uncertainty"):
        return bool(p.get("focus"))
    return layer == "measurement" and not p.get("candidate")


def focus_extent(collection: Mapping[str, Any]) -> Extent | None:
    """The extent of what the claims name outright (everything, if they name nothing)."""
    features = collection["features"]
    return extent_of([f for f in features if _in_focus(f)]) or extent_of(features)


def padded(extent: Extent, fraction: float, least_deg: float = 0.05) -> Extent:
    west, south, east, north = extent
    dx = max((east - west) * fraction, least_deg)
    dy = max((north - south) * fraction, least_deg)
    return (max(-180.0, west - dx), max(-85.0, south - dy), min(180.0, east + dx),
            min(85.0, north + dy))  # fmt: skip


def surround(extent: Extent, fraction: float) -> Extent:
    """The extent widened by `fraction` of its larger side on every side: a base layer that
    reaches the edges of a map whose shape differs from the extent's (a wide view of a tall
    extent would otherwise show bare background, which reads as sea)."""
    west, south, east, north = extent
    return padded(extent, 0.0, fraction * max(east - west, north - south, 0.05))


def towns_apart(
    towns: Sequence[Town], collection: Mapping[str, Any], apart_km: float = 15.0
) -> list[Town]:
    """The towns that are not a place of the claims' map already (Deir ez-Zor twice)."""
    points = [
        f["geometry"]["coordinates"]
        for f in collection["features"]
        if f["properties"].get("layer") == "place"
    ]
    return [
        t
        for t in towns
        if all(
            geodesic.inverse(t.lat, t.lon, lat, lon).distance_m > apart_km * 1000
            for lon, lat in points
        )
    ]


@frozen
class SharedLine:
    """A measured line that runs on one track with other claims' lines: the same two points,
    or one point shared and the same way out of it, so nearly that on the map the shorter line
    lies on the longer one (Rabat and Larache seen from the Al Haouz epicentre, 0.1° apart).
    Drawn on one track they hide each other (the last colour drawn is all a reader sees, or
    two dash patterns read as one solid line), so each is drawn beside the others, `slot` steps
    from the bundle's middle, and its popup lists them all."""

    #: offset from the bundle's middle in line spacings (-1.5, -0.5, 0.5, 1.5 for four), to
    #: the left of the line as it is drawn from its first point (a line drawn towards the hub
    #: has its slot negated, so that the bundle's lines keep apart whichever way each runs);
    #: the lines are in order of their bearing from the hub, so that none crosses another
    slot: float
    #: the features' indexes in the collection, in drawing order, this one included
    members: tuple[int, ...]
    #: the (lon, lat) every member starts or ends at (for lines on the same two points, the
    #: lesser of the two), to 10⁻⁴°; an end within the tolerance of another stands for both
    hub: tuple[float, float]
    #: the line's other end, as the hub
    far: tuple[float, float]


def _ends(geometry: Mapping[str, Any]) -> tuple[tuple[float, float], tuple[float, float]]:
    """A line's first and last (lon, lat), to 10⁻⁴° (about 10 m)."""
    points = positions(geometry["coordinates"])
    first, last = ((round(lon, 4), round(lat, 4)) for lon, lat in (points[0], points[-1]))
    return first, last


@frozen
class _Ray:
    """A measured line seen from one of its ends (the hub): its far end, bearing, length, and
    the bearing of its own middle (of a line whose ends stand in for others nearby, the side
    of the track it is on)."""

    index: int
    far: tuple[float, float]
    azimuth_deg: float
    length_km: float
    middle_deg: float


def _turn(a: float, b: float) -> float:
    """The signed angle (degrees, clockwise positive) from bearing a to bearing b."""
    return (b - a + 180.0) % 360.0 - 180.0


def _together(a: _Ray, b: _Ray, apart_km: float) -> bool:
    """Whether two lines out of one hub run on one track: the same far end, or the same way
    out with the shorter line's far end within `apart_km` of the longer (their gap there is
    the shorter's length times the sine of the angle between them: a plane approximation,
    which is what a tolerance of a fraction of a millimetre on the page needs), and the
    shorter line at least `apart_km` long: a stub shorter than the lines are wide is under
    them all, whichever way it goes."""
    near, far = sorted((a, b), key=lambda r: r.length_km)
    if near.far == far.far:
        return True
    turn = math.radians(abs(_turn(a.azimuth_deg, b.azimuth_deg)))
    return turn < math.pi / 2 and near.length_km * math.sin(turn) <= apart_km <= near.length_km


def shared_lines(collection: Mapping[str, Any], apart_km: float = 0.0) -> dict[int, SharedLine]:
    """By feature index, every measured line that runs on one track with another. With no
    `apart_km`, lines on the same two ends; with it (the ground distance two line spacings
    cover at a map's scale), also lines whose ends lie within `apart_km` of each other (a
    village and the impact site 0.6 km from it are one point on the map) and lines out of one
    end whose far ends lie within `apart_km` of the other line."""
    ends = {i: _ends(f["geometry"]) for i, f in enumerate(collection["features"])
            if f["properties"].get("layer") == "measurement"}  # fmt: skip
    snap = _snapped(sorted({p for pair in ends.values() for p in pair}), apart_km)
    drawn = {i: (snap[a], snap[b]) for i, (a, b) in ends.items() if snap[a] != snap[b]}
    out: dict[int, SharedLine] = {}
    # the busiest place first: the hub of every line on one track out of it
    touching = Counter(p for pair in drawn.values() for p in pair)
    for hub in sorted(touching, key=lambda p: (-touching[p], p)):
        rays = []
        for i, (first, last) in drawn.items():
            if i not in out and hub in (first, last):
                far = last if first == hub else first
                to = geodesic.inverse(hub[1], hub[0], far[1], far[0])
                lat, lon = _middle(*sorted(ends[i]))
                middle_deg = geodesic.inverse(hub[1], hub[0], lat, lon).azimuth_deg
                rays.append(_Ray(i, far, to.azimuth_deg, to.distance_m / 1000, middle_deg))
        for bundle in _bundles(rays, apart_km):
            # lines on the same two points are told apart from the lesser end, whichever the
            # busier: the same on every map
            start = min(hub, bundle[0].far) if len({r.far for r in bundle}) == 1 else hub
            # rightmost first, as seen from the start (its slot is the rightmost of the line
            # drawn from there), and on one bearing the shorter first, so that the lines to
            # one place keep together; the lines on the same two points in their own order
            look = 1.0 if start == hub else -1.0
            reference = bundle[0].middle_deg
            ordered = sorted(bundle, key=lambda r: (
                -look * round(_turn(reference, r.middle_deg), 6), r.length_km, r.index
            ))  # fmt: skip
            members = tuple(sorted(r.index for r in bundle))
            middle = (len(ordered) - 1) / 2
            for k, ray in enumerate(ordered):
                side = 1.0 if drawn[ray.index][0] == start else -1.0
                far = ray.far if start == hub else hub
                out[ray.index] = SharedLine(side * (k - middle), members, start, far)
    return out


def _middle(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    """The (lat, lon) halfway along the geodesic from a to b, both (lon, lat)."""
    to = geodesic.inverse(a[1], a[0], b[1], b[0])
    return geodesic.forward(a[1], a[0], to.azimuth_deg, to.distance_m / 2)


def _snapped(
    points: Sequence[tuple[float, float]], apart_km: float
) -> dict[tuple[float, float], tuple[float, float]]:  # fmt: skip
    """Each point's stand-in: the first point before it within `apart_km`, or itself."""
    out: dict[tuple[float, float], tuple[float, float]] = {}
    kept: list[tuple[float, float]] = []
    for p in points:
        near = (
            next((q for q in kept
                  if geodesic.distance_m(p[1], p[0], q[1], q[0]) <= apart_km * 1000), None)
            if apart_km > 0 else None
        )  # fmt: skip
        if near is None:
            kept.append(p)
        out[p] = near or p
    return out


def _bundles(rays: Sequence[_Ray], apart_km: float) -> list[list[_Ray]]:
    """The rays out of one hub grouped by running together (a chain of pairs that do), each
    group of two or more in index order."""
    group = list(range(len(rays)))

    def root(k: int) -> int:
        while group[k] != k:
            k = group[k]
        return k

    for a, b in itertools.combinations(range(len(rays)), 2):
        if _together(rays[a], rays[b], apart_km):
            group[root(b)] = root(a)
    found: dict[int, list[_Ray]] = {}
    for k, ray in enumerate(rays):
        found.setdefault(root(k), []).append(ray)
    return [g for g in found.values() if len(g) > 1]


@frozen
class LabelItem:
    """A label a map may draw: its point, text, and rank (lower is placed first)."""

    key: str
    lat: float
    lon: float
    text: str
    rank: int
    #: "place", "other-place", "region", "zone", "country", "town" or "line"
    kind: str
    #: a line's label: the indexes of the measured lines it names
    lines: tuple[int, ...] = ()


def label_items(
    collection: Mapping[str, Any],
    towns: Sequence[Any] = (),
    countries: Sequence[Mapping[str, Any]] = (),
    lines: bool = False,
    shared: Mapping[int, SharedLine] | None = None,
) -> list[LabelItem]:
    """Every label worth drawing, most important first: places the claims name, the regions,
    the measured lines (`lines`: a printed figure has no hover to say which claim a line is),
    places only a reading uses, the zones, places no claim uses, the countries (features of
    basemap.countries_in; key `c<index>`, at a point on the land), towns."""
    from shapely.geometry import shape

    items = (
        _line_labels(collection, shared_lines(collection) if shared is None else shared)
        if lines
        else []
    )
    for i, f in enumerate(collection["features"]):
        p, g = f["properties"], f["geometry"]
        layer = p.get("layer")
        if layer == "place":
            lon, lat = g["coordinates"]
            rank, kind = (
                (0, "place")
                if p.get("focus")
                else (2, "place")
                if p.get("used")
                else (4, "other-place")
            )
            items.append(LabelItem(f"p{i}", lat, lon, p["label"], rank, kind))
        elif layer == "region" and "label_at" in p:
            lon, lat = p["label_at"]
            items.append(LabelItem(f"r{i}", lat, lon, p["label"], 1, "region"))
        elif layer == "zone":
            lon, lat = max(positions(g["coordinates"]), key=lambda q: q[1])
            items.append(LabelItem(f"z{i}", lat, lon, p["title"], 3, "zone"))
    for i, country in enumerate(countries):
        point = shape(country["geometry"]).point_on_surface()
        items.append(LabelItem(f"c{i}", point.y, point.x, country["properties"]["name"], 5,
                               "country"))  # fmt: skip
    items += [LabelItem(f"t{i}", t.lat, t.lon, t.name, 6, "town") for i, t in enumerate(towns)]
    return sorted(items, key=lambda item: (item.rank, item.key))


def _line_labels(
    collection: Mapping[str, Any], shared: Mapping[int, SharedLine]
) -> list[LabelItem]:  # fmt: skip
    """One label per measured line, or per bundle of lines between the same two points (drawn
    side by side, whichever places' names they join): "Claim 1", "Claims 1, 3 and 4", numbered
    as the report numbers claims, at the middle vertex of the line. Lines on one track to
    different far ends (`shared`) are labelled by stretches out of their hub: the stretch all
    run on with every claim ("Claims 10 and 12", epicentre to Rabat), then each farther one
    with the claims that go on ("Claim 10", Rabat to Larache)."""
    features = collection["features"]
    # by bundle (or the two points of a line alone), the lines to each far end
    tracks: dict[Any, dict[Any, list[int]]] = {}
    for i, f in enumerate(features):
        if f["properties"].get("layer") == "measurement":
            line = shared.get(i)
            key = line.members if line else frozenset(_ends(f["geometry"]))
            tracks.setdefault(key, {}).setdefault(line.far if line else None, []).append(i)
    items = []
    for groups in (list(track.values()) for track in tracks.values()):
        if len(groups) == 1:
            points = positions(features[groups[0][0]]["geometry"]["coordinates"])
            items.append(_line_label(features, groups[0], groups[0][0], points[len(points) // 2]))
            continue
        lon, lat = shared[groups[0][0]].hub
        rays = [geodesic.inverse(lat, lon, far[1], far[0])
                for far in (shared[g[0]].far for g in groups)]  # fmt: skip
        order = sorted(range(len(groups)), key=lambda k: rays[k].distance_m)
        start = 0.0
        for n, k in enumerate(order):
            ray = rays[k]
            # the middle of the stretch on the geodesic out of the hub
            middle_lat, middle_lon = geodesic.forward(
                lat, lon, ray.azimuth_deg, (start + ray.distance_m) / 2
            )
            on = sorted(i for m in order[n:] for i in groups[m])
            items.append(_line_label(features, on, groups[k][0], (middle_lon, middle_lat)))
            start = ray.distance_m
    return sorted(items, key=lambda item: int(item.key[1:]))


def _line_label(
    features: Sequence[Mapping[str, Any]], indexes: Sequence[int], key: int,
    at: tuple[float, float],
) -> LabelItem:  # fmt: skip
    """The label of the lines `indexes` at `at` (lon, lat): their claims' numbers, and the
    other checks that make a claim wrong though its line is coloured by its distance."""
    numbers: list[int] = []
    fails: dict[str, list[int]] = {}
    for i in indexes:
        p = features[i]["properties"]
        if p["number"] not in numbers:
            numbers.append(p["number"])
        for quantity in p.get("fails_on", ()):
            failed = fails.setdefault(quantity, [])
            if p["number"] not in failed:
                failed.append(p["number"])
    text = f"Claim {_and(numbers)}" if len(numbers) == 1 else f"Claims {_and(numbers)}"
    notes = [f"{_and(n)}: {q} does not fit" for q, n in fails.items()]
    if notes:
        text += f" ({'; '.join(notes)})" if len(numbers) > 1 else f" ({notes[0].split(': ')[1]})"
    return LabelItem(f"m{key}", at[1], at[0], text, 1, "line", tuple(indexes))


def _and(numbers: Sequence[int]) -> str:
    """ "7", "7 and 8", "1, 3 and 4"."""
    words = [str(n) for n in sorted(numbers)]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


@frozen
class LegendEntry:
    """One line of a legend: a symbol and what it means."""

    #: "fill", "line", "dashed", "parallel" (dashed lines side by side), "dot", "ring",
    #: "square", or "heading" (a title, no symbol)
    symbol: str
    stroke: str
    fill: str
    text: str


def legend(
    collection: Mapping[str, Any], towns: bool, base: Iterable[str],
    shared: Mapping[int, SharedLine] | None = None,
) -> list[LegendEntry]:  # fmt: skip
    """An entry for every layer and colour the map draws, in the order they are drawn on top.
    `base`: the base layers drawn ("land", "boundary", "coast", as render.basemap gives);
    `shared`: the lines drawn side by side (shared_lines of the collection by default)."""
    features = collection["features"]
    props = [f["properties"] for f in features]
    layers = {p.get("layer") for p in props}
    out = []
    if any(p.get("layer") == "place" and p.get("used") for p in props):
        out.append(LegendEntry("dot", "#ffffff", "#222222", "Place a claim names"))
    if any(p.get("layer") == "place" and not p.get("used") for p in props):
        out.append(LegendEntry("dot", "#ffffff", "#8c8c8c", "Other place in the places file"))
    if "uncertainty" in layers:
        out.append(LegendEntry("ring", "#333333", "#33333311",
                               "How far off a place may be (its stated uncertainty)"))  # fmt: skip
    verdicts = [VerdictKind(p["verdict"]) for p in props if p.get("layer") == "measurement"]
    for kind in VERDICT_LABEL:
        if kind in verdicts:
            out.append(LegendEntry("dashed", COLOURS[kind], "",
                                   f"Measured distance: {_MEASURED[kind]}"))  # fmt: skip
    shared = shared_lines(collection) if shared is None else shared
    if shared:
        # lines not on the same two points: they would run on one track at the map's scale
        track = any(len({frozenset(_ends(features[m]["geometry"])) for m in line.members}) > 1
                    for line in shared.values())  # fmt: skip
        out.append(LegendEntry("parallel", "#555555", "",
                               "Lines side by side: claims that measure the same two places"
                               + (" or would run on one track" if track else "")
                               + ", one line each in its measured distance's colour"))  # fmt: skip
    for p in props:
        if p.get("layer") == "zone":
            out.append(LegendEntry("fill", p["stroke"], p["fill"], f"Zone: {p['title']}"))
    if "border" in layers:
        out.append(LegendEntry("line", "#555555", "", "Border or line from the places file"))
    if "polygon" in layers:
        out.append(LegendEntry("fill", "#555555", "#999999", "Area from the places file"))
    group = None
    for p in props:
        if p.get("layer") == "region":
            if p.get("group") != group:
                group = p.get("group")
                out.append(LegendEntry("heading", "", "", f"{group}:"))
            out.append(LegendEntry("fill", p["stroke"], p["fill"], p["label"]))
    if towns:
        out.append(LegendEntry("square", TOWN, TOWN, "Town of 100,000 people or more (GeoNames)"))
    drawn = set(base)
    if "boundary" in drawn:
        out.append(LegendEntry("line", BOUNDARY, "", "Border between countries (Natural Earth)"))
    if "coast" in drawn:
        out.append(LegendEntry("line", COAST, "", "Coast (Natural Earth)"))
    if "land" in drawn:
        out.append(LegendEntry("fill", LAND, LAND, "Land (Natural Earth)"))
    if "land" in drawn and "coast" in drawn:  # water shows only beyond a coast in the view
        out.append(LegendEntry("fill", SEA, SEA, "Sea"))
    return out
