"""What a map shows first: the extent of the claims that matter, the full extent for the
overview, the labels worth naming, and the legend, in names people read.

The default view holds the places the claims name outright, their zones and the regions where
an unknown place can be; places that are only one reading of an ambiguous name (a namesake
1,000 km away) and places no claim uses stay in the overview. Shared by the HTML map and the
PNG/SVG figure, so both show the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from claimcheck.claims.model import VerdictKind
from claimcheck.frozen import frozen
from claimcheck.geo import geodesic
from claimcheck.render.basemap import Extent, Town
from claimcheck.render.html_report import COLOURS
from claimcheck.render.tracks import SharedLine, line_ends, shared_lines
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
            key = line.members if line else frozenset(line_ends(f["geometry"]))
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
    """The label of the lines `indexes` at `at` (lon, lat): their claims' numbers, the claims
    whose lines here are only readings of an ambiguous name, and the other checks that make a
    claim wrong though its line is coloured by its distance."""
    numbers: list[int] = []
    outright: set[int] = set()
    fails: dict[str, list[int]] = {}
    for i in indexes:
        p = features[i]["properties"]
        if p["number"] not in numbers:
            numbers.append(p["number"])
        if not p.get("candidate"):
            outright.add(p["number"])
        for quantity in p.get("fails_on", ()):
            failed = fails.setdefault(quantity, [])
            if p["number"] not in failed:
                failed.append(p["number"])
    text = f"Claim {_and(numbers)}" if len(numbers) == 1 else f"Claims {_and(numbers)}"
    readings = [n for n in numbers if n not in outright]
    notes = [f"{_and(readings)}: {READING}"] if readings else []
    notes += [f"{_and(n)}: {q} does not fit" for q, n in fails.items()]
    if notes:
        alone = "; ".join(note.split(": ", 1)[1] for note in notes)
        text += f" ({'; '.join(notes)})" if len(numbers) > 1 else f" ({alone})"
    return LabelItem(f"m{key}", at[1], at[0], text, 1, "line", tuple(indexes))


def _claim_key(collection: Mapping[str, Any]) -> list[LegendEntry]:
    """The claims the labels number ("Claim 7", "Claims 1 and 3 both hold (claim 5 wrong)"),
    each with its claimant and what it says: a printed map has no popup, and "Claim 7" alone
    tells an editor nothing (the Magic Seas trial)."""
    numbers: set[int] = set()
    for f in collection["features"]:
        p = f["properties"]
        if p.get("layer") == "measurement" and "number" in p:
            numbers.add(p["number"])
        elif p.get("layer") == "region":  # its label names claims by number, and nothing else
            numbers.update(int(n) for n in re.findall(r"\d+", p.get("label", "")))
    key = [c for c in collection.get("claims", ()) if c["number"] in numbers]
    if not key:
        return []
    return [
        LegendEntry("heading", "", "", "The claims, numbered as in the report:"),
        *(LegendEntry("heading", "", "", f"{c['number']}. {_opening(c['claimant'])}: "
                      f"{c['summary']}") for c in key),
    ]  # fmt: skip


#: lower-case words that open a claimant as a phrase, not a name: articles, and the word that
#: opens `extract`'s claimant for an article's own words ("unattributed (the article's …)")
_PHRASE_OPENINGS = ("the", "a", "an", "unattributed")


def _opening(claimant: str) -> str:
    """A claimant that opens a line: "The article's reporter", but a name as its owner writes
    it ("tvnewswatch", not "Tvnewswatch")."""
    first, _, rest = claimant.partition(" ")
    return f"{first.capitalize()} {rest}" if first in _PHRASE_OPENINGS else claimant


#: what a line label adds for a line that measures one place an ambiguous name may mean
READING = "one reading"


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
    if any(p.get("layer") == "measurement" and p.get("candidate") for p in props):
        out.append(LegendEntry("heading", "", "", f"Claim N ({READING}): a name the claim uses "
                               "fits several places; the line measures one of them"))  # fmt: skip
    shared = shared_lines(collection) if shared is None else shared
    if shared:
        # lines not on the same two points: they would run on one track at the map's scale
        track = any(len({frozenset(line_ends(features[m]["geometry"])) for m in line.members}) > 1
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
    return out + _claim_key(collection)
