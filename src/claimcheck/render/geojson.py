"""GeoJSON (RFC 7946) of the places, zones, measured distances and feasible regions.

RFC 7946 wants [lon, lat] positions, counterclockwise exterior rings (clockwise holes), and
geometries that cross the antimeridian cut into pieces on either side of it. Edges are geodesics
in this package, so lines, rings and circles are densified before they are drawn straight.
Properties follow the simplestyle convention (`stroke`, `fill`, `marker-color`) that GitHub and
geojson.io use, and carry each claim's verdict for popups.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from claimcheck.analysis.verdicts import Check, LengthCheck, Verdict
from claimcheck.api import VerifyReport
from claimcheck.gazetteer.places import Gazetteer, LatLon, Place, PlaceKind
from claimcheck.geo import geodesic as geodesy
from claimcheck.geo.geojson import DIGITS, finish_geometry
from claimcheck.geo.lines import densify, geodesic_circle
from claimcheck.render.html_report import COLOURS
from claimcheck.render.summary import CheckRow, check_row, summarize

#: Longest straight piece drawn for a geodesic edge (m): the drawn line strays < 1 m from it.
MAX_SEGMENT_M = 5_000.0
#: Vertices of a zone circle: 360 points keep every edge within 10 m of a 200 km circle.
CIRCLE_POINTS = 360
_STYLE = {
    "border": {"stroke": "#555555", "stroke-width": 2},
    "polygon": {"stroke": "#555555", "fill": "#999999", "fill-opacity": 0.1},
    "zone": {"stroke": "#2166ac", "fill": "#2166ac", "fill-opacity": 0.12},
    "region": {"stroke": "#e08214", "fill": "#fdb863", "fill-opacity": 0.35},
}


@dataclass(frozen=True)
class Measurement:
    """A measured distance drawn as a geodesic between two points, with its claim's figure."""

    claim_id: str
    verdict: Verdict
    check: Check
    start: LatLon
    end: LatLon


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


def polygon_geometry(rings: Sequence[Sequence[LatLon]]) -> dict[str, Any]:
    """A polygon with geodesic edges: rings[0] outer, the rest holes, each (lat, lon)."""
    from shapely import Polygon

    closed = [[*r, r[0]] if tuple(r[0]) != tuple(r[-1]) else list(r) for r in rings]
    # Unwrapping can leave the last position a rounding error off the first: close exactly.
    outer, *holes = (
        [*p[:-1], p[0]] for p in (_positions(densify(r, MAX_SEGMENT_M)) for r in closed)
    )
    return finish_geometry(Polygon(outer, holes))


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
    """A geodesic circle as a polygon of CIRCLE_POINTS vertices."""
    from shapely import Polygon

    positions = _positions(geodesic_circle(lat, lon, radius_m, CIRCLE_POINTS))
    return finish_geometry(Polygon([*positions, positions[0]]))  # closed exactly, after unwrapping


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
                if ends is not None:
                    out.append(Measurement(top.claim.id, verdict, check, *ends))
    return out


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
    """For popups: the claims that use each place, with their verdicts."""
    out: dict[str, list[dict[str, str]]] = {}
    for top in report.verdicts:
        for verdict in (top, *top.candidates):
            for _role, pid in verdict.places:
                entry = {"claim": top.claim.id, "verdict": verdict.verdict.value}
                if entry not in out.setdefault(pid, []):
                    out[pid].append(entry)
    return out


def _label(row: CheckRow) -> str:
    return f"{row.measured}; claimed {row.claimed}"


def _place_feature(
    place: Place, gazetteer: Gazetteer, claims: list[dict[str, str]]
) -> dict[str, Any] | None:
    props: dict[str, Any] = {
        "id": place.id,
        "name": place.name,
        "kind": place.kind.value,
        "source": str(place.source),
        "claims": claims,
    }
    if place.kind is PlaceKind.POINT:
        assert place.lat is not None and place.lon is not None
        props.update(layer="place", uncertainty_m=place.uncertainty_m, title=place.name)
        props["marker-color"] = "#333333"
        geometry = _point(place.lat, place.lon)
    elif place.kind is PlaceKind.LINE:
        props.update(layer="border", title=place.name, **_STYLE["border"])
        geometry = lines_geometry(place.lines)
    elif place.kind is PlaceKind.POLYGON:
        props.update(layer="polygon", title=place.name, **_STYLE["polygon"])
        geometry = polygons_geometry(place.polygons)
    elif place.kind is PlaceKind.ZONE:
        centre = _centre(place, gazetteer)
        if centre is None or centre.lat is None or centre.lon is None or place.radius is None:
            return None
        props.update(layer="zone", radius=str(place.radius), title=f"{place.name} ({place.radius})")
        props.update(_STYLE["zone"])
        geometry = circle_geometry(centre.lat, centre.lon, place.radius.metres)
    else:
        return None
    return {"type": "Feature", "geometry": geometry, "properties": props}


def _measurement_feature(m: Measurement, quote: str) -> dict[str, Any]:
    row = check_row(m.check)
    colour = COLOURS[m.check.verdict]
    props = {
        "layer": "measurement",
        "claim": m.claim_id,
        "title": f"{m.claim_id}: {m.check.quantity}",
        "verdict": m.check.verdict.value,
        "places": dict(m.verdict.places),
        "measured": row.measured,
        "claimed": row.claimed,
        "margin": row.margin,
        "label": _label(row),
        "quote": quote,
        "stroke": colour,
        "stroke-width": 2,
    }
    return {"type": "Feature", "geometry": line_geometry((m.start, m.end)), "properties": props}


def _region_feature(feature: Mapping[str, Any]) -> dict[str, Any]:
    """A feasible region from `locate`, re-cut and re-oriented so the whole file obeys RFC 7946."""
    from shapely.geometry import shape

    props = {"layer": "region", **_STYLE["region"], **dict(feature.get("properties") or {})}
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
    claims = _claims_by_place(report)

    def places(*kinds: PlaceKind) -> list[dict[str, Any]]:
        chosen = (p for p in gazetteer if p.kind in kinds)
        found = (_place_feature(p, gazetteer, claims.get(p.id, [])) for p in chosen)
        return [f for f in found if f is not None]

    # Drawing order, bottom to top: areas, borders, measured distances, points.
    features = [_region_feature(r) for r in regions]
    features += places(PlaceKind.POLYGON, PlaceKind.ZONE)
    features += places(PlaceKind.LINE)
    features += [_measurement_feature(m, quotes[m.claim_id]) for m in measurements(report)]
    features += places(PlaceKind.POINT)
    return {"type": "FeatureCollection", "features": features}


def render(report: VerifyReport, regions: Iterable[Mapping[str, Any]] = ()) -> str:
    return json.dumps(feature_collection(report, regions), ensure_ascii=False, indent=1) + "\n"
