"""The distance between any two things a user can name: place ids, place names or coordinates.

Behind `claimcheck distance`. A and B may each be a point, a line, a polygon or a zone, as long as
one of them is a point: the distance to a line, polygon or zone is to its nearest point (0
inside a polygon or zone), and that nearest point is reported. The azimuth is the forward
azimuth at A's end of the measured geodesic, i.e. from A (or its nearest point) towards B (or
its nearest point).
"""

from __future__ import annotations

from claimcheck.errors import UsageError, shown
from claimcheck.frozen import frozen
from claimcheck.gazetteer.places import (
    Gazetteer,
    Place,
    PlaceKind,
    PlaceRef,
    Source,
    suggest_place,
)
from claimcheck.geo import geodesic as geodesy
from claimcheck.geo.measure import Measured, Measurer, Nearest, NotMeasurable
from claimcheck.grammar.coords import CoordinateError, parse_position
from claimcheck.grammar.directions import compass


@frozen
class DistanceResult:
    """Geodesic distance (m) from A to B, with its interval from the places' uncertainties."""

    a: Place
    b: Place
    distance: Measured
    #: forward azimuth (degrees in [0, 360)) from A's end towards B's; None when they coincide
    azimuth_deg: float | None
    #: the nearest point of whichever of A, B is a line, polygon or zone
    nearest: Nearest | None = None
    #: id of the place `nearest` lies on
    nearest_on: str | None = None
    #: for a polygon or zone: whether the point lies inside it (the distance is then 0)
    inside: bool | None = None

    @property
    def compass(self) -> str | None:
        return None if self.azimuth_deg is None else compass(self.azimuth_deg)


def parse_lat_lon(text: str) -> tuple[float, float] | None:
    """Coordinates in any notation claimcheck.grammar.coords reads; None when the text is a name."""
    try:
        point = parse_position(text)
    except CoordinateError as exc:
        raise UsageError(f"{shown(text)} is neither a place nor coordinates: {exc}") from exc
    return None if point is None else (point.lat, point.lon)


def resolve_endpoint(text: str, gazetteer: Gazetteer) -> Place:
    """A place id, else coordinates "lat,lon", else a unique place name; UsageError otherwise."""
    place = gazetteer.get(text)
    if place is None and not gazetteer.resolve(PlaceRef(text)).places:
        lat_lon = parse_lat_lon(text)
        if lat_lon is not None:
            lat, lon = lat_lon
            return Place(
                id=f"{lat:g},{lon:g}",
                name=f"{lat:g}, {lon:g}",
                kind=PlaceKind.POINT,
                source=Source("coordinates given on the command line"),
                lat=lat,
                lon=lon,
            )
    if place is None:
        resolution = gazetteer.resolve(PlaceRef(text))
        if resolution.ambiguous:
            listing = "; ".join(_describe(p) for p in resolution.places)
            raise UsageError(
                f"{text!r} fits {len(resolution.places)} places: {listing}. Name one by its id"
            )
        if resolution.place is None:
            raise UsageError(f"unknown place {shown(text)}{suggest_place(text, gazetteer)}")
        place = resolution.place
    if not place.has_position:
        raise UsageError(f"{place.id!r} has no coordinates: it is an event that claims locate")
    return place


def _describe(place: Place) -> str:
    where = ", ".join(x for x in (place.admin, place.country) if x)
    return f"{place.id} ({place.name}{', ' + where if where else ''})"


def measure_between(a: Place, b: Place, gazetteer: Gazetteer) -> DistanceResult:
    """Distance and azimuth from A to B; one of them must be a point."""
    measurer = Measurer(gazetteer)
    if a.kind is PlaceKind.POINT and b.kind is PlaceKind.POINT:
        inv = measurer.inverse(a, b)
        azimuth = inv.azimuth_deg if inv.distance_m > 0 else None
        return DistanceResult(
            a, b, Measured.around(inv.distance_m, a.uncertainty_m + b.uncertainty_m), azimuth
        )
    if a.kind is not PlaceKind.POINT and b.kind is not PlaceKind.POINT:
        raise UsageError(
            f"{a.id!r} is a {a.kind.value} and {b.id!r} a {b.kind.value}: give a point for A or B"
        )
    point, area = (a, b) if a.kind is PlaceKind.POINT else (b, a)
    try:
        measured = measurer.distance(point, area)
    except NotMeasurable as exc:
        raise UsageError(str(exc)) from exc
    inside = _inside(measurer, point, area)
    azimuth = None
    near = measured.nearest
    assert point.lat is not None and point.lon is not None
    if near is not None and (near.lat, near.lon) != (point.lat, point.lon):
        start, end = ((point.lat, point.lon), (near.lat, near.lon))
        if point is b:
            start, end = end, start
        azimuth = geodesy.inverse(*start, *end).azimuth_deg
    return DistanceResult(a, b, measured.distance, azimuth, near, area.id, inside)


def _inside(measurer: Measurer, point: Place, area: Place) -> bool | None:
    if area.kind is PlaceKind.POLYGON:
        return measurer.signed_to_polygon(point, area).distance.best <= 0
    if area.kind is PlaceKind.ZONE:
        assert area.radius is not None
        centre_distance = measurer.to_zone_centre(point, area).distance.best
        return centre_distance <= area.radius.metres
    return None
