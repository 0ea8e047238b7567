"""Where a set of constraints can all hold: regions, conflicts and the result of `locate`."""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from claimcheck.analysis.contradictions import find_contradictions
from claimcheck.analysis.locate.constraints import Constraint, Skipped, constraints_for
from claimcheck.analysis.locate.frame import (
    _area_km2,
    _exclusive,
    _intersect,
    _is_empty,
    _largest_agreeing,
    _lon_lat_shape,
    _normalize_lon,
    _smallest_conflict,
    _solve,
    _to_lat_lon,
)
from claimcheck.analysis.locate.shapes import DEFAULT_WINDOW_M, _Frame
from claimcheck.analysis.locate.where import _WHERE_SOURCE
from claimcheck.claims.model import Claim
from claimcheck.errors import UsageError, shown
from claimcheck.frozen import frozen
from claimcheck.gazetteer.places import Gazetteer, LatLon, Place, PlaceKind, PlaceRef
from claimcheck.geo.geojson import finish_geometry, pole_wound
from claimcheck.grammar.precision import ABOUT_FRACTION

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry


@frozen
class PlaceFit:
    """A known point place inside a region, or within its uncertainty of the edge."""

    id: str
    #: "inside" or "edge" (outside, but within the place's uncertainty of the region)
    status: str
    #: distance from the place's position to the region's edge; positive inside
    edge_m: float
    uncertainty_m: float


@frozen
class Region:
    """Where a set of claims can all be true (clipped to the window)."""

    label: str
    claim_ids: tuple[str, ...]
    claimants: tuple[str, ...]
    feasible: bool
    area_km2: float
    #: south, west, north, east in degrees; west > east when it crosses the antimeridian
    extent: tuple[float, float, float, float] | None
    representative_point: LatLon | None
    #: polygons, each (outer ring, *holes) of (lat, lon); longitudes continuous (may pass ±180)
    polygons: tuple[tuple[tuple[LatLon, ...], ...], ...]
    #: True when the region reaches the window's edge: the claims leave it unbounded there
    clipped: bool
    places: tuple[PlaceFit, ...]


@frozen
class Conflict:
    """A set of claims that cannot all hold, and what each claim's removal leaves."""

    claim_ids: tuple[str, ...]
    claimants: tuple[str, ...]
    #: True when no smaller set conflicts (exhaustive search); False: minimal (none can be dropped)
    smallest: bool
    #: for each claim of the set, the region the others allow (labelled "without ID")
    remaining: tuple[Region, ...]


@frozen
class LocateResult:
    """Where one unknown place can be: its constraints, the region they allow, and any conflict."""

    place_id: str
    constraints: tuple[Constraint, ...]
    skipped: tuple[Skipped, ...]
    overall: Region
    conflict: Conflict | None
    #: one region per claimant, in order of first appearance (empty unless asked for)
    accounts: tuple[Region, ...]
    frame_centre: LatLon
    window_m: float
    #: when not every claim can hold: each largest set of them that can, with its region
    #: (frame._largest_agreeing; empty when all hold or the search gave up)
    agreeing: tuple[Region, ...] = ()

    @property
    def feasible(self) -> bool:
        return self.overall.feasible


def _place_fits(geom: BaseGeometry, frame: _Frame, gazetteer: Gazetteer) -> tuple[PlaceFit, ...]:
    from shapely import Point

    points = [
        p
        for p in gazetteer
        if p.kind is PlaceKind.POINT and p.lat is not None and p.source != _WHERE_SOURCE
    ]
    if not points or geom.is_empty:
        return ()
    dists = frame.distances([(p.lat, p.lon) for p in points])  # type: ignore[misc]
    fits = []
    # the claims' edges only: where the window clips the region is not an edge of any claim
    boundary = geom.boundary.difference(frame.window.exterior.buffer(1.0))
    for place, dist in zip(points, dists, strict=True):
        if dist > frame.window_m + place.uncertainty_m:
            continue
        ((x, y),) = frame.xy([(place.lat, place.lon)])  # type: ignore[list-item]
        point = Point(x, y)
        edge = float(boundary.distance(point)) if not boundary.is_empty else math.inf
        if geom.contains(point):
            fits.append(PlaceFit(place.id, "inside", edge, place.uncertainty_m))
        elif edge <= place.uncertainty_m:
            fits.append(PlaceFit(place.id, "edge", -edge, place.uncertainty_m))
    return tuple(sorted(fits, key=lambda f: (f.status != "inside", -f.edge_m, f.id)))


def _region(
    label: str,
    members: Sequence[Constraint],
    geom: BaseGeometry,
    frame: _Frame,
    gazetteer: Gazetteer,
) -> Region:
    claimants = tuple(dict.fromkeys(c.claimant for c in members))
    ids = tuple(c.id for c in members)
    if _is_empty(geom):
        return Region(label, ids, claimants, False, 0.0, None, None, (), False, ())
    polygons = _to_lat_lon(geom, frame)
    lats = [lat for poly in polygons for lat, _lon in poly[0]]
    lats += [p for poly in polygons if (p := pole_wound([(x, y) for y, x in poly[0]])) is not None]
    lons = [lon for poly in polygons for _lat, lon in poly[0]]
    west, east = min(lons), max(lons)
    if east - west >= 360.0:
        extent = (min(lats), -180.0, max(lats), 180.0)
    else:
        extent = (min(lats), _normalize_lon(west), max(lats), _normalize_lon(east))
    rep = geom.representative_point()
    rep_lat, rep_lon = frame.aeqd.lat_lon(rep.x, rep.y)
    clipped = bool(geom.intersects(frame.window.exterior.buffer(1.0)))
    return Region(
        label,
        ids,
        claimants,
        True,
        _area_km2(polygons),
        extent,
        (rep_lat, _normalize_lon(rep_lon)),
        tuple(polygons),
        clipped,
        _place_fits(geom, frame, gazetteer),
    )


def locate_constraints(
    place_id: str,
    constraints: Sequence[Constraint],
    skipped: Sequence[Skipped],
    gazetteer: Gazetteer,
    by_claimant: bool = False,
    window_m: float = DEFAULT_WINDOW_M,
    contradicting: Collection[tuple[str, str]] = (),
) -> LocateResult:
    """Intersect the constraints (overall and, if asked, per claimant); explain an empty result,
    with the largest sets of claims that can hold together (`contradicting`: pairs of claim ids
    that cannot, analysis.contradictions, though their regions meet)."""
    if not constraints:
        raise UsageError(
            f"no claim locates {place_id!r}" + "".join(f"; {s.id}: {s.reason}" for s in skipped)
        )
    frame, geoms, intersection = _solve(constraints, window_m)
    overall = _region("all claims", constraints, intersection, frame, gazetteer)
    conflict = None
    agreeing: tuple[Region, ...] = ()
    if not overall.feasible:
        exclusive = _exclusive(constraints, contradicting)
        agreeing = tuple(
            _region(
                f"claims {', '.join(constraints[i].id for i in subset)}",
                [constraints[i] for i in subset],
                _intersect([geoms[i] for i in subset], frame.window),
                frame,
                gazetteer,
            )
            for subset in _largest_agreeing(geoms, frame.window, exclusive)
        )
        indices, smallest = _smallest_conflict(geoms, frame.window)
        members = [constraints[i] for i in indices]
        remaining = tuple(
            _region(
                f"without {constraints[i].id}",
                [constraints[j] for j in indices if j != i],
                _intersect([geoms[j] for j in indices if j != i], frame.window),
                frame,
                gazetteer,
            )
            for i in indices
        )
        conflict = Conflict(
            tuple(c.id for c in members),
            tuple(dict.fromkeys(c.claimant for c in members)),
            smallest,
            remaining,
        )
    accounts: tuple[Region, ...] = ()
    if by_claimant:
        claimants = dict.fromkeys(c.claimant for c in constraints)
        accounts = tuple(
            _region(
                claimant,
                [c for c in constraints if c.claimant == claimant],
                _intersect(
                    [g for c, g in zip(constraints, geoms, strict=True) if c.claimant == claimant],
                    frame.window,
                ),
                frame,
                gazetteer,
            )
            for claimant in claimants
        )
    return LocateResult(
        place_id,
        tuple(constraints),
        tuple(skipped),
        overall,
        conflict,
        accounts,
        (frame.lat, _normalize_lon(frame.lon)),
        window_m,
        agreeing,
    )


def unknown_place(gazetteer: Gazetteer, text: str) -> Place:
    """The unknown place a user names (id or unambiguous name); UsageError otherwise."""
    resolution = gazetteer.resolve(PlaceRef(text))
    if not resolution.places:
        raise UsageError(f"unknown place {shown(text)}: name a place of kind 'unknown' by its id")
    if resolution.ambiguous:
        ids = ", ".join(p.id for p in resolution.places)
        raise UsageError(f"{text!r} fits several places ({ids}): name it by id")
    place = resolution.places[0]
    if place.has_position:
        raise UsageError(
            f"{place.id!r} is a {place.kind.value} with coordinates: `locate` finds where an "
            "unknown place (kind: unknown) can be"
        )
    return place


def locate(
    place_id: str,
    claims: Sequence[Claim],
    gazetteer: Gazetteer,
    by_claimant: bool = False,
    window_m: float = DEFAULT_WINDOW_M,
    about: Decimal = ABOUT_FRACTION,
) -> LocateResult:
    """Where the unknown place `place_id` can be, given every claim that names it.

    `about` is the least slack of a hedged figure (the claims file's policy).
    """
    place = unknown_place(gazetteer, place_id)
    constraints, skipped = constraints_for(place, claims, gazetteer, about)
    ids = {c.id for c in constraints}
    about_it = [c for c in claims if c.id in ids]
    contradicting = {
        c.claim_ids for c in find_contradictions(about_it, gazetteer, about) if not c.conditional
    }
    return locate_constraints(
        place.id, constraints, skipped, gazetteer, by_claimant, window_m, contradicting
    )


def geojson_geometry(region: Region) -> dict[str, Any] | None:
    """The region as a GeoJSON geometry: lon/lat, right-hand rule, cut at the antimeridian."""
    if not region.polygons:
        return None
    return finish_geometry(_lon_lat_shape(region.polygons))
