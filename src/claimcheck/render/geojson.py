"""GeoJSON (RFC 7946) of the places, zones, measured distances and feasible regions.

RFC 7946 wants [lon, lat] positions, counterclockwise exterior rings (clockwise holes), and
geometries that cross the antimeridian cut into pieces on either side of it. Edges are geodesics
in this package, so lines, rings and circles are densified before they are drawn straight.
Properties follow the simplestyle convention (`stroke`, `fill`, `marker-color`) that GitHub and
geojson.io use, and carry each claim's verdict for popups.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from claimcheck.analysis.verdicts import Check, LengthCheck, Verdict
from claimcheck.api import VerifyReport
from claimcheck.claims.model import VerdictKind
from claimcheck.frozen import frozen
from claimcheck.gazetteer.places import Gazetteer, LatLon, Place, PlaceKind
from claimcheck.geo import geodesic as geodesy
from claimcheck.geo.geojson import DIGITS, finish_geometry
from claimcheck.geo.lines import densify, geodesic_circle
from claimcheck.render import safe
from claimcheck.render.html_report import COLOURS
from claimcheck.render.naming import place_labels
from claimcheck.render.summary import CheckRow, check_row, claim_numbers, summarize
from claimcheck.render.words import VERDICT_LABEL, agreed_places, uncertainty

#: Longest straight piece drawn for a geodesic edge (m): the drawn line strays < 1 m from it.
MAX_SEGMENT_M = 5_000.0
#: Vertices of a zone circle: 360 points keep every edge within 10 m of a 200 km circle.
CIRCLE_POINTS = 360
_STYLE = {
    "border": {"stroke": "#555555", "stroke-width": 2},
    "polygon": {"stroke": "#555555", "fill": "#999999", "fill-opacity": 0.1},
    "zone": {"stroke": "#2166ac", "fill": "#2166ac", "fill-opacity": 0.12},
    "region": {"stroke": "#e08214", "fill": "#fdb863", "fill-opacity": 0.35},
    "uncertainty": {"stroke": "#333333", "fill": "#333333", "fill-opacity": 0.06},
}


@frozen
class Measurement:
    """A measured distance drawn as a geodesic between two points, with its claim's figure."""

    claim_id: str
    verdict: Verdict
    check: Check
    start: LatLon
    end: LatLon
    #: the claim's verdict (`verdict` is one of its readings when the name is ambiguous)
    top: Verdict


def _unwrap(lons: list[float]) -> list[float]:
    """Longitudes made continuous (no jump over 180°), so a crossing shows as |lon| > 180."""
    out = [lons[0]]
    for lon in lons[1:]:
        out.append(out[-1] + (lon - out[-1] + 180.0) % 360.0 - 180.0)
    return out


def _positions(vertices: Sequence[LatLon]) -> list[tuple[float, float]]:
    """(lat, lon) vertices as continuous (lon, lat) positions: the one place the order flips."""
    lons = _unwrap([lon for _lat, lon in vertices])
    return [(lon, lat) for lon, (lat, _lon) in zip(lons, vertices, strict=True)]


def line_geometry(vertices: Sequence[LatLon]) -> dict[str, Any]:
    """A geodesic polyline through (lat, lon) vertices, densified and cut at the antimeridian."""
    from shapely import LineString

    return finish_geometry(LineString(_positions(densify(vertices, MAX_SEGMENT_M))))


def _cut(rings: Sequence[Sequence[LatLon]]) -> dict[str, Any]:
    """Rings of (lat, lon) as RFC 7946 wants them (§3.1.9): cut at the antimeridian, and a ring
    around a pole closed along the edge of the map through the pole, by the `antimeridian`
    package, so a zone at 89.5° N covers the pole instead of becoming a thin band."""
    from shapely import union_all

    outer, *holes = ([(lon, lat) for lat, lon in (*r, r[0])] for r in rings)
    fixed = _smaller_side(outer)
    if holes:  # each ring on its own: a hole around a pole is a cap cut out of the outer ring
        fixed = fixed.difference(union_all([_smaller_side(hole) for hole in holes]))
    return finish_geometry(fixed)


def _smaller_side(ring: list[tuple[float, float]]) -> Any:
    """The ring's region as claimcheck means it, the smaller of the two it bounds, whichever way
    the ring runs: the `antimeridian` package reads a clockwise ring as the rest of the world."""
    import antimeridian
    from shapely import Polygon

    sides = [antimeridian.fix_polygon(Polygon(r), fix_winding=False) for r in (ring, ring[::-1])]
    return min(sides, key=lambda side: side.area)


def polygon_geometry(rings: Sequence[Sequence[LatLon]]) -> dict[str, Any]:
    """A polygon with geodesic edges: rings[0] outer, the rest holes, each (lat, lon)."""
    open_rings = [list(r[:-1]) if tuple(r[0]) == tuple(r[-1]) else list(r) for r in rings]
    dense = [densify([*r, r[0]], MAX_SEGMENT_M)[:-1] for r in open_rings]
    return _cut(dense)


def lines_geometry(lines: Sequence[Sequence[LatLon]]) -> dict[str, Any]:
    """A line of one piece or several (a border broken by a lake) as one geometry."""
    if len(lines) == 1:
        return line_geometry(lines[0])
    from shapely import MultiLineString

    return finish_geometry(
        MultiLineString([_positions(densify(line, MAX_SEGMENT_M)) for line in lines])
    )


def polygons_geometry(polygons: Sequence[Sequence[Sequence[LatLon]]]) -> dict[str, Any]:
    """A polygon of one piece or several (a country and its islands) as one geometry."""
    if len(polygons) == 1:
        return polygon_geometry(polygons[0])
    from shapely import union_all
    from shapely.geometry import shape

    return finish_geometry(union_all([shape(polygon_geometry(rings)) for rings in polygons]))


def circle_geometry(lat: float, lon: float, radius_m: float) -> dict[str, Any]:
    """A geodesic circle as a polygon of CIRCLE_POINTS vertices (counterclockwise)."""
    return _cut([geodesic_circle(lat, lon, radius_m, CIRCLE_POINTS)])


def _point(lat: float, lon: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [round(lon, DIGITS), round(lat, DIGITS)]}


def _centre(place: Place, gazetteer: Gazetteer) -> Place | None:
    """The point a zone is drawn around, or the place itself."""
    if place.kind is PlaceKind.ZONE and place.centre:
        return gazetteer.get(place.centre)
    return place


def measurements(report: VerifyReport) -> list[Measurement]:
    """Every measured length with two drawable ends, candidates of ambiguous claims included.

    A distance to a line or polygon ends at the nearest boundary point; to a zone, at the edge
    on the way to its centre; a zone's radius runs north from the centre.
    """
    gazetteer = report.dataset.gazetteer
    out: list[Measurement] = []
    for top in report.verdicts:
        for verdict in (top, *top.candidates):
            roles = {role: gazetteer.get(pid) for role, pid in verdict.places}
            for check in verdict.checks:
                ends = _ends(check, roles, gazetteer)
                if ends is not None and not _same_point(*ends):
                    out.append(Measurement(top.claim.id, verdict, check, *ends, top))
    return out


def _same_point(a: LatLon, b: LatLon) -> bool:
    """Ends that round to one position (10⁻⁶°, 0.1 m) draw no line: a point at a zone's centre
    measured to it, say; its marker shows it."""
    return abs(a[0] - b[0]) < 10.0**-DIGITS and abs(a[1] - b[1]) < 10.0**-DIGITS


def _ends(
    check: Check, roles: Mapping[str, Place | None], gazetteer: Gazetteer
) -> tuple[LatLon, LatLon] | None:
    if not isinstance(check, LengthCheck):
        return None
    if check.quantity == "radius":
        zone = roles.get("zone")
        centre = _centre(zone, gazetteer) if zone else None
        if zone is None or centre is None or centre.lat is None or centre.lon is None:
            return None
        start = (centre.lat, centre.lon)
        return start, geodesy.forward(centre.lat, centre.lon, 0.0, check.measured.best)
    subject = roles.get("subject")
    other = roles.get("reference") or roles.get("area")
    if subject is None or other is None or subject.lat is None or subject.lon is None:
        return None
    start = (subject.lat, subject.lon)
    if check.nearest is not None:
        return start, (check.nearest.lat, check.nearest.lon)
    anchor = _centre(other, gazetteer)
    if anchor is None or anchor.lat is None or anchor.lon is None:
        return None
    end = (anchor.lat, anchor.lon)
    if other.kind is PlaceKind.ZONE and check.quantity in ("distance", "near"):
        # The figure is the distance to the zone's edge: stop there, on the way to the centre.
        inv = geodesy.inverse(anchor.lat, anchor.lon, subject.lat, subject.lon)
        assert other.radius is not None
        if inv.distance_m > other.radius.metres:
            end = geodesy.forward(anchor.lat, anchor.lon, inv.azimuth_deg, other.radius.metres)
    return start, end


def _claims_by_place(report: VerifyReport) -> dict[str, list[dict[str, str]]]:
    """For popups: the claims that use each place, by number, with their verdicts."""
    numbers = claim_numbers(report)
    out: dict[str, list[dict[str, str]]] = {}
    for top in report.verdicts:
        for verdict in (top, *top.candidates):
            for _role, pid in verdict.places:
                reading = " (one reading of the name)" if verdict is not top else ""
                entry = {
                    "claim": f"claim {numbers[top.claim.id]}{reading}",
                    "verdict": VERDICT_LABEL[verdict.verdict].lower(),
                }
                if entry not in out.setdefault(pid, []):
                    out[pid].append(entry)
    return out


def _focus(report: VerifyReport) -> set[str]:
    """The places the claims name outright (not only as one reading of an ambiguous name)."""
    return {pid for v in report.verdicts for pid in agreed_places(v).values()}


def _label(row: CheckRow) -> str:
    return f"{row.measured}; the claim: {row.claimed}"


def _place_feature(
    place: Place, gazetteer: Gazetteer, claims: list[dict[str, str]], label: str, focus: bool
) -> dict[str, Any] | None:
    props: dict[str, Any] = {
        "id": place.id,
        "name": place.name,
        "label": label,
        "title": label,
        "kind": place.kind.value,
        "source": str(place.source),
        "claims": claims,
        "used": bool(claims),
        "focus": focus,
    }
    if place.kind is PlaceKind.POINT:
        assert place.lat is not None and place.lon is not None
        props.update(layer="place", uncertainty_m=place.uncertainty_m)
        props["uncertainty"] = uncertainty(place)
        props["marker-color"] = "#222222" if claims else "#8c8c8c"
        geometry = _point(place.lat, place.lon)
    elif place.kind is PlaceKind.LINE:
        props.update(
            layer="border", title=place.name, uncertainty=uncertainty(place), **_STYLE["border"]
        )
        geometry = lines_geometry(place.lines)
    elif place.kind is PlaceKind.POLYGON:
        props.update(
            layer="polygon", title=place.name, uncertainty=uncertainty(place), **_STYLE["polygon"]
        )
        geometry = polygons_geometry(place.polygons)
    elif place.kind is PlaceKind.ZONE:
        centre = _centre(place, gazetteer)
        if centre is None or centre.lat is None or centre.lon is None or place.radius is None:
            return None
        props.update(layer="zone", radius=str(place.radius), title=f"{label} ({place.radius})")
        props.update(uncertainty=uncertainty(place), **_STYLE["zone"])
        geometry = circle_geometry(centre.lat, centre.lon, place.radius.metres)
    else:
        return None
    return {"type": "Feature", "geometry": geometry, "properties": props}


def _uncertainty_feature(place: Place, label: str, focus: bool) -> dict[str, Any] | None:
    """A geodesic circle of the place's stated uncertainty around it."""
    if place.kind is not PlaceKind.POINT or place.uncertainty_m <= 0:
        return None
    assert place.lat is not None and place.lon is not None
    props = {
        "layer": "uncertainty",
        "id": place.id,
        "title": f"{label}: position {uncertainty(place)}",
        "focus": focus,
        **_STYLE["uncertainty"],
    }
    geometry = circle_geometry(place.lat, place.lon, place.uncertainty_m)
    return {"type": "Feature", "geometry": geometry, "properties": props}


def fails_elsewhere(verdict: Verdict, check: Check) -> list[str]:
    """The quantities of the claim's other checks that fail when this one does not: a line
    drawn in its distance's colour ("partly fits") of a claim that its direction makes
    inconsistent (the Washington Post's epicentre "about 46 miles southeast of Marrakech",
    south-west of it) must say so, or the map shows a wrong claim as an open one."""
    if check.verdict is VerdictKind.INCONSISTENT:
        return []
    return [
        c.quantity
        for c in verdict.checks
        if c is not check and c.verdict is VerdictKind.INCONSISTENT
    ]


def _measurement_feature(m: Measurement, quote: str, number: int) -> dict[str, Any]:
    row = check_row(m.check)
    colour = COLOURS[m.check.verdict]
    fails = fails_elsewhere(m.verdict, m.check)
    candidate = m.verdict is not m.top
    title = f"Claim {number}{' (one reading of the name)' if candidate else ''}: {row.quantity}"
    if fails:
        title += f" (the claim fails on its {' and '.join(fails)})"
    props = {
        "layer": "measurement",
        "claim": m.claim_id,
        "number": number,
        "title": title,
        "fails_on": fails,
        "verdict": m.check.verdict.value,
        "places": dict(m.verdict.places),
        "measured": row.measured,
        "claimed": row.claimed,
        "margin": row.margin,
        "label": _label(row),
        "quote": quote,
        "candidate": candidate,
        "stroke": colour,
        "stroke-width": 2,
    }
    return {"type": "Feature", "geometry": line_geometry((m.start, m.end)), "properties": props}


def _region_feature(feature: Mapping[str, Any]) -> dict[str, Any]:
    """A feasible region from `locate`, re-cut and re-oriented so the whole file obeys RFC 7946."""
    from shapely.geometry import shape

    props = {**_STYLE["region"], **dict(feature.get("properties") or {})}
    props["layer"] = "region"
    return {
        "type": "Feature",
        "geometry": finish_geometry(shape(feature["geometry"])),
        "properties": props,
    }


def feature_collection(
    report: VerifyReport, regions: Iterable[Mapping[str, Any]] = ()
) -> dict[str, Any]:
    """Places, zones, borders, measured distances and (optionally) feasible regions.

    `regions` are GeoJSON Feature mappings ([lon, lat] positions), e.g. from `locate`.
    """
    gazetteer = report.dataset.gazetteer
    quotes = {s.id: s.quote for s in summarize(report)}
    numbers = claim_numbers(report)
    claims = _claims_by_place(report)
    labels = place_labels(gazetteer)
    focus = _focus(report)

    def places(*kinds: PlaceKind) -> list[dict[str, Any]]:
        chosen = (p for p in gazetteer if p.kind in kinds)
        found = (
            _place_feature(p, gazetteer, claims.get(p.id, []), labels[p.id], p.id in focus)
            for p in chosen
        )
        return [f for f in found if f is not None]

    circles = (_uncertainty_feature(p, labels[p.id], p.id in focus) for p in gazetteer)
    # Drawing order, bottom to top: areas, uncertainties, borders, measured distances, points.
    features = [_region_feature(r) for r in regions]
    features += places(PlaceKind.POLYGON, PlaceKind.ZONE)
    features += [c for c in circles if c is not None]
    features += places(PlaceKind.LINE)
    features += [
        _measurement_feature(m, quotes[m.claim_id], numbers[m.claim_id])
        for m in measurements(report)
    ]
    features += places(PlaceKind.POINT)
    return {"type": "FeatureCollection", "features": features}


def render(report: VerifyReport, regions: Iterable[Mapping[str, Any]] = ()) -> str:
    return safe.dumps(feature_collection(report, regions), indent=1) + "\n"
