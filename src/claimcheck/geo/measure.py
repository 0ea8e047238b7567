"""Measurements between places: the best estimate, the worst case, and the distribution.

A place's uncertainty is a radius: the true position lies within it. Each measurement gives
- the best estimate, the quantity at the stated positions (GUM 4.1.4);
- the worst case, as information: the distance between two uncertain places lies in
  [d - r1 - r2, d + r1 + r2] (clamped at 0), a direction within asin((r1 + r2) / d);
- a `Spread`: how the quantity depends on where the places truly are, from which
  geo.probability computes the probability that a claim holds.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

from claimcheck.frozen import frozen
from claimcheck.gazetteer.places import Gazetteer, Place, PlaceKind
from claimcheck.geo import geodesic as geodesy
from claimcheck.geo.probability import Spread, SpreadKind

if TYPE_CHECKING:
    from claimcheck.geo.lines import Polyline


class NotMeasurable(Exception):
    """The places exist but this measurement has no meaning for them (e.g. line to line)."""


@frozen
class Measured:
    """A measured quantity: best estimate and the interval the truth lies in."""

    best: float
    low: float
    high: float

    @classmethod
    def around(cls, best: float, uncertainty: float, floor: float | None = 0.0) -> Measured:
        low = best - uncertainty
        if floor is not None:
            low = max(floor, low)
        return cls(best, low, best + uncertainty)

    @property
    def half_width(self) -> float:
        return (self.high - self.low) / 2


@frozen
class Nearest:
    """Where a distance to a line, polygon or zone edge was measured to."""

    lat: float
    lon: float
    #: True when it is a vertex of the line or ring (an end, or the outside of a bend)
    at_vertex: bool = False


#: A nearest point this close (as a fraction of its edge) to an end counts as the vertex.
_VERTEX_FRACTION = 1e-9


@frozen
class PointDistance:
    """A place-to-place distance (m) with the azimuth from the reference, where defined."""

    distance: Measured
    #: how the distance depends on the places' true positions
    spread: Spread
    #: forward azimuth from reference to subject, degrees in [0, 360); None for lines
    azimuth_deg: float | None = None
    #: the nearest point on a line, polygon boundary or zone edge
    nearest: Nearest | None = None


class Measurer:
    """Measures between places, with point-to-point pairs solved in one vectorised call."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._pairs: dict[tuple[str, str], geodesy.Inverse] = {}
        self._polylines: dict[str, Polyline] = {}

    def polyline(self, line: Place) -> Polyline:
        """A line prepared once for repeated queries (about 5x faster than from scratch)."""
        prepared = self._polylines.get(line.id)
        if prepared is None:
            from claimcheck.geo.lines import Polyline

            prepared = self._polylines[line.id] = Polyline.from_parts(line.lines)
        return prepared

    def anchor(self, place: Place) -> Place:
        """The point a zone is measured from: its centre."""
        if place.kind is PlaceKind.ZONE and place.centre is not None:
            centre = self.gazetteer.get(place.centre)
            if centre is not None:
                return centre
        return place

    def prefetch(self, pairs: Iterable[tuple[Place, Place]]) -> None:
        """Solve many point-to-point inverse problems at once (far faster batched)."""
        todo: dict[tuple[str, str], tuple[Place, Place]] = {}
        for ref, subject in pairs:
            a, b = self.anchor(ref), self.anchor(subject)
            if a.kind is PlaceKind.POINT and b.kind is PlaceKind.POINT:
                key = (a.id, b.id)
                if key not in self._pairs:
                    todo[key] = (a, b)
        if not todo:
            return
        values = list(todo.values())
        dists, azis = geodesy.inverse_many(
            [a.lat for a, _ in values],  # type: ignore[misc]
            [a.lon for a, _ in values],  # type: ignore[misc]
            [b.lat for _, b in values],  # type: ignore[misc]
            [b.lon for _, b in values],  # type: ignore[misc]
        )
        for key, dist, az in zip(todo, dists, azis, strict=True):
            self._pairs[key] = geodesy.Inverse(dist, az)

    def inverse(self, ref: Place, subject: Place) -> geodesy.Inverse:
        """Distance and azimuth from point `ref` to point `subject`."""
        key = (ref.id, subject.id)
        cached = self._pairs.get(key)
        if cached is None:
            assert ref.lat is not None and ref.lon is not None
            assert subject.lat is not None and subject.lon is not None
            cached = geodesy.inverse(ref.lat, ref.lon, subject.lat, subject.lon)
            self._pairs[key] = cached
        return cached

    def distance(self, subject: Place, reference: Place) -> PointDistance:
        """Distance from a point to a point, line, polygon (0 inside) or zone (0 inside)."""
        if subject.kind is not PlaceKind.POINT:
            raise NotMeasurable(
                f"{subject.id!r} is a {subject.kind.value}: distances are measured from a point"
            )
        kind = reference.kind
        if kind is PlaceKind.POINT:
            inv = self.inverse(reference, subject)
            u = subject.uncertainty_m + reference.uncertainty_m
            spread = Spread(
                SpreadKind.RADIAL, inv.distance_m, subject.uncertainty_m, reference.uncertainty_m
            )
            return PointDistance(Measured.around(inv.distance_m, u), spread, inv.azimuth_deg)
        if kind is PlaceKind.ZONE:
            centre = self.anchor(reference)
            inv = self.inverse(centre, subject)
            assert reference.radius is not None
            radius = reference.radius.metres
            edge = max(0.0, inv.distance_m - radius)
            u = subject.uncertainty_m + centre.uncertainty_m + reference.uncertainty_m
            # The nearest edge point lies on the geodesic from the centre through the subject
            # (triangle inequality); at the centre itself every edge point is equally near.
            nearest = None
            if inv.distance_m > 0:
                assert centre.lat is not None and centre.lon is not None
                nearest = Nearest(*geodesy.forward(centre.lat, centre.lon, inv.azimuth_deg, radius))
            spread = Spread(
                SpreadKind.RADIAL, inv.distance_m, subject.uncertainty_m, centre.uncertainty_m,
                offset=radius, jitter=reference.uncertainty_m, floor=True,
            )  # fmt: skip
            return PointDistance(Measured.around(edge, u), spread, inv.azimuth_deg, nearest)
        if kind is PlaceKind.LINE:
            assert subject.lat is not None and subject.lon is not None
            near = self.polyline(reference).nearest(subject.lat, subject.lon)
            u = subject.uncertainty_m + reference.uncertainty_m
            at_vertex = not _VERTEX_FRACTION < near.fraction < 1 - _VERTEX_FRACTION
            spread = Spread(
                SpreadKind.NORMAL, near.distance_m, subject.uncertainty_m,
                reference.uncertainty_m, folded=True,
            )  # fmt: skip
            return PointDistance(
                Measured.around(near.distance_m, u),
                spread,
                nearest=Nearest(near.lat, near.lon, at_vertex),
            )
        if kind is PlaceKind.POLYGON:
            signed = self.signed_to_polygon(subject, reference)
            d = signed.distance
            clamped = Measured(max(0.0, d.best), max(0.0, d.low), max(0.0, d.high))
            spread = dataclasses.replace(signed.spread, floor=True)
            return PointDistance(clamped, spread, nearest=signed.nearest)
        raise NotMeasurable(f"{reference.id!r} has no position")

    def signed_to_polygon(self, subject: Place, polygon: Place) -> PointDistance:
        """Signed distance to the polygon's boundary: negative inside, positive outside."""
        from claimcheck.geo.lines import signed_distance_to_polygons_m

        assert subject.lat is not None and subject.lon is not None
        result = signed_distance_to_polygons_m(subject.lat, subject.lon, polygon.polygons)
        u = subject.uncertainty_m + polygon.uncertainty_m
        fraction = result.nearest.fraction
        at_vertex = not _VERTEX_FRACTION < fraction < 1 - _VERTEX_FRACTION
        spread = Spread(
            SpreadKind.NORMAL, result.signed_distance_m, subject.uncertainty_m,
            polygon.uncertainty_m,
        )  # fmt: skip
        return PointDistance(
            Measured.around(result.signed_distance_m, u, floor=None),
            spread,
            nearest=Nearest(result.nearest.lat, result.nearest.lon, at_vertex),
        )

    def to_zone_centre(self, subject: Place, zone: Place) -> PointDistance:
        """Distance from a point to a zone's centre, widened by the zone edge's uncertainty."""
        if subject.kind is not PlaceKind.POINT:
            raise NotMeasurable(f"{subject.id!r} is a {subject.kind.value}, not a point")
        centre = self.anchor(zone)
        inv = self.inverse(centre, subject)
        u = subject.uncertainty_m + centre.uncertainty_m + zone.uncertainty_m
        assert zone.radius is not None
        spread = Spread(
            SpreadKind.RADIAL, inv.distance_m, subject.uncertainty_m, centre.uncertainty_m,
            offset=zone.radius.metres, jitter=zone.uncertainty_m,
        )  # fmt: skip
        return PointDistance(Measured.around(inv.distance_m, u), spread, inv.azimuth_deg)


def azimuth_uncertainty_deg(distance_m: float, uncertainty_m: float) -> float:
    """How far the true azimuth can stray when either end may move by `uncertainty_m` in all."""
    if uncertainty_m <= 0:
        return 0.0
    if distance_m <= uncertainty_m:
        return 180.0
    return math.degrees(math.asin(uncertainty_m / distance_m))
