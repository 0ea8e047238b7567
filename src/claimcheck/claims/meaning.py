"""What each assertion kind means: the subject positions where it holds, stated once.

Every kind says, as `Condition`s, which quantity of the subject is measured relative to which
place (its `reference`: the place it is measured from, the area, or the zone) and the interval that
quantity must lie in, with the unit the claim was written in. The analyses derive from this one
statement: verdicts measure the quantity and compare it with the interval, contradictions compare
the intervals of claims about the same pair and quantity before any coordinate is used, and
`locate` turns the interval around the reference into a region. Adding a kind is one class here
(plus its grammar in `claims.model`, and tests); changing what "near" means changes one method.

It sits at the claims layer because stating a meaning needs places (a zone's radius, a place's
"near" threshold) and the relation grammar, but no geodesy: the places' uncertainty widens the
interval where a quantity is measured or a region built, not here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import ClassVar

from claimcheck.gazetteer.places import Place, PlaceKind, PlaceRef
from claimcheck.grammar.directions import Direction
from claimcheck.grammar.relations import Interval, Requirement
from claimcheck.grammar.units import Unit


class Quantity(Enum):
    """What is measured about the subject, relative to the reference."""

    #: distance to the reference's nearest point: a point, a line, an area's edge (0 inside)
    DISTANCE = "distance"
    #: signed distance to an area's edge, negative inside (a zone's edge is its radius from the
    #: centre, so for a zone this is the distance to the centre less the radius)
    AREA = "area"
    #: azimuth of the subject seen from the reference, degrees clockwise from north
    AZIMUTH = "azimuth"
    #: the declared radius of the reference zone: no subject position is involved
    RADIUS = "radius"


@dataclass(frozen=True)
class Condition:
    """One quantity and the interval where an assertion holds, with how the claim words it.

    The three wordings are those each analysis has always printed; they differ in where the
    reference goes ("more than 45 mi" in a verdict, "is more than 45 mi from {ref}" in a
    contradiction, "more than 45 mi: within … of X" for a region).
    """

    #: the name reports give the check: distance, near, inside, outside, direction or radius
    name: str
    quantity: Quantity
    #: metres (signed for AREA); for AZIMUTH degrees clockwise from north: the compass sector
    acceptable: Interval
    #: the unit the figure is written in; None for AZIMUTH, which is in degrees
    unit: Unit | None
    #: the claim as a verdict restates it: "more than 45 mi", "inside the 34 mi radius"
    claimed: str
    #: the claim as said of the subject, with a {ref} slot: "is more than 45 mi from {ref}"
    predicate: str
    #: how a region's description starts: "more than 45 mi", "near", "inside"
    label: str
    #: AZIMUTH only: the compass sector as written
    direction: Direction | None = None


def _km(metres: float) -> str:
    return f"{metres / 1000:,.1f} km"


def zone_centre_interval(edge: Interval, radius_m: float) -> Interval:
    """Distances from a zone's centre at which the signed distance to its edge lies in `edge`."""
    low = radius_m + edge.low
    if low > 0:
        return Interval(low, radius_m + edge.high, edge.low_open, edge.high_open)
    return Interval(0.0, radius_m + edge.high, False, edge.high_open)


# Conditions depend only on the requirement or direction, which claims share (their parsers
# are cached); verdicts and contradictions both ask for them.
@lru_cache(maxsize=4096)
def _distance(requirement: Requirement) -> Condition:
    return Condition(
        "distance", Quantity.DISTANCE, requirement.acceptable(), requirement.unit,
        str(requirement), f"is {requirement} from {{ref}}", str(requirement),
    )  # fmt: skip


@lru_cache(maxsize=1024)
def _azimuth(direction: Direction) -> Condition:
    sector = Interval(
        direction.centre_deg - direction.half_width_deg,
        direction.centre_deg + direction.half_width_deg,
    )
    return Condition(
        "direction", Quantity.AZIMUTH, sector, None, f"{direction} from the reference",
        f"is {direction} of {{ref}}", str(direction), direction,
    )  # fmt: skip


@dataclass(frozen=True)
class DistanceAssertion:
    """`subject` lies at `requirement` from `reference` (optionally also in a direction)."""

    kind: ClassVar[str] = "distance"
    roles: ClassVar[tuple[str, ...]] = ("subject", "reference")

    subject: PlaceRef
    reference: PlaceRef
    requirement: Requirement
    direction: Direction | None = None

    def place_refs(self) -> tuple[PlaceRef, ...]:
        return (self.subject, self.reference)

    @property
    def quantities(self) -> tuple[Quantity, ...]:
        return (Quantity.DISTANCE,) + ((Quantity.AZIMUTH,) if self.direction else ())

    def conditions(self, reference: Place | None) -> tuple[Condition, ...]:
        """The distance, measured to the reference's nearest point; the sector, if stated."""
        if self.direction is None:
            return (_distance(self.requirement),)
        return (_distance(self.requirement), _azimuth(self.direction))


@dataclass(frozen=True)
class DirectionAssertion:
    """`subject` lies in `direction` from `reference`, distance unstated."""

    kind: ClassVar[str] = "direction"
    roles: ClassVar[tuple[str, ...]] = ("subject", "reference")
    quantities: ClassVar[tuple[Quantity, ...]] = (Quantity.AZIMUTH,)

    subject: PlaceRef
    reference: PlaceRef
    direction: Direction

    def place_refs(self) -> tuple[PlaceRef, ...]:
        return (self.subject, self.reference)

    def conditions(self, reference: Place | None) -> tuple[Condition, ...]:
        """The azimuth from the reference lies in the compass sector."""
        return (_azimuth(self.direction),)


@dataclass(frozen=True)
class InsideAssertion:
    """`subject` lies inside (or outside) an area: a zone or a polygon."""

    kind: ClassVar[str] = "inside"
    roles: ClassVar[tuple[str, ...]] = ("subject", "area")
    quantities: ClassVar[tuple[Quantity, ...]] = (Quantity.AREA,)

    subject: PlaceRef
    area: PlaceRef
    inside: bool

    @property
    def reference(self) -> PlaceRef:
        return self.area

    def place_refs(self) -> tuple[PlaceRef, ...]:
        return (self.subject, self.area)

    def conditions(self, reference: Place | None) -> tuple[Condition, ...]:
        """The signed distance to the area's edge is ≤ 0 (inside) or > 0 (outside).

        Needs the area: a zone's figure is its radius, in the unit it was declared in.
        """
        if reference is None:
            return ()
        word = "inside" if self.inside else "outside"
        side = Interval(-math.inf, 0.0) if self.inside else Interval(0.0, math.inf, low_open=True)
        relation = "≤" if self.inside else ">"
        if reference.kind is PlaceKind.ZONE:
            radius = reference.radius
            assert radius is not None  # every zone declares one
            return (
                Condition(
                    word, Quantity.AREA, side, radius.unit, f"{word} the {radius} radius",
                    f"is {word} {{ref}} ({relation} {radius} from its centre {reference.centre})",
                    word,
                ),
            )  # fmt: skip
        return (
            Condition(
                word, Quantity.AREA, side, Unit.KM, f"{word} (signed distance {relation} 0)",
                f"is {word} {{ref}}", word,
            ),
        )  # fmt: skip


@dataclass(frozen=True)
class NearAssertion:
    """`subject` is near `reference`: within the threshold (claim's, place's, or default)."""

    kind: ClassVar[str] = "near"
    roles: ClassVar[tuple[str, ...]] = ("subject", "reference")
    quantities: ClassVar[tuple[Quantity, ...]] = (Quantity.DISTANCE,)

    subject: PlaceRef
    reference: PlaceRef
    threshold: Requirement | None

    def place_refs(self) -> tuple[PlaceRef, ...]:
        return (self.subject, self.reference)

    def conditions(self, reference: Place | None) -> tuple[Condition, ...]:
        """The distance is within the claim's threshold or, unstated, the reference's own.

        Without a stated threshold it needs the reference (its `near:` or its kind's default).
        """
        if self.threshold is not None:
            t = self.threshold
            return (
                Condition(
                    "near", Quantity.DISTANCE, t.acceptable(), t.unit, f"near ({t})",
                    f"is near {{ref}} ({t})", "near",
                ),
            )  # fmt: skip
        if reference is None:
            return ()
        limit = reference.near_threshold_m
        source = (
            "this place's"
            if reference.near_m is not None
            else f"the default for a {reference.kind.value}"
        )
        return (
            Condition(
                "near", Quantity.DISTANCE, Interval(0.0, limit), Unit.KM,
                f"near (within {_km(limit)}, {source} threshold)",
                f"is near {{ref}} (within {_km(limit)})", "near",
            ),
        )  # fmt: skip


@dataclass(frozen=True)
class ZoneRadiusAssertion:
    """A zone's radius is as the claim states ("the 34-mile exclusion zone")."""

    kind: ClassVar[str] = "zone_radius"
    roles: ClassVar[tuple[str, ...]] = ("zone",)
    quantities: ClassVar[tuple[Quantity, ...]] = (Quantity.RADIUS,)

    zone: PlaceRef
    requirement: Requirement

    @property
    def subject(self) -> PlaceRef:
        return self.zone

    @property
    def reference(self) -> PlaceRef:
        return self.zone

    def place_refs(self) -> tuple[PlaceRef, ...]:
        return (self.zone,)

    def conditions(self, reference: Place | None) -> tuple[Condition, ...]:
        """The zone's declared radius meets the requirement."""
        req = self.requirement
        return (
            Condition(
                "radius", Quantity.RADIUS, req.acceptable(), req.unit, str(req),
                f"has a radius of {req}", str(req),
            ),
        )  # fmt: skip


Assertion = (
    DistanceAssertion | DirectionAssertion | InsideAssertion | NearAssertion | ZoneRadiusAssertion
)
