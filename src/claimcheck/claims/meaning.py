"""What each assertion kind means: the subject positions where it holds, stated once.

Every kind says, as `Condition`s, which quantity of the subject is measured relative to which
place (its `reference`: the place it is measured from, the area, or the zone) and the interval that
quantity must lie in, with the unit the claim was written in. The analyses derive from this one
statement: verdicts measure the quantity and compare it with the interval, contradictions compare
the intervals of claims about the same pair and quantity before any coordinate is used, and
`locate` turns the interval around the reference into a region. Adding a kind is one class here
(plus its grammar in `claims.model`, and tests); changing what "near" means changes one method.

It sits at the claims layer because stating a meaning needs places (a zone's radius, a place's
"near" threshold) and the relation grammar, but no geodesy: the places' uncertainty enters where
a quantity is measured (as a probability) or a region built, not here.

A figure can be read more or less strictly (grammar.precision): each condition carries its most
lenient interval (`acceptable`, what contradictions and regions use: where the claim *can* hold)
and its strictest (`strict`); verdicts need both. `about` is the least slack of a hedged figure,
a claims file's policy.
"""

from __future__ import annotations

import math
from decimal import Decimal
from functools import lru_cache
from typing import ClassVar

from claimcheck.errors import Kind
from claimcheck.frozen import frozen
from claimcheck.gazetteer.places import Place, PlaceKind, PlaceRef
from claimcheck.grammar.directions import DIRECTION_WORDS, Direction
from claimcheck.grammar.interval import Interval
from claimcheck.grammar.precision import ABOUT_FRACTION
from claimcheck.grammar.relations import Requirement
from claimcheck.grammar.routes import CIRCUITY, Route
from claimcheck.grammar.units import Unit


class Quantity(Kind):
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
    #: which part of an area the subject is in ("north-eastern Jordan"): for a polygon the
    #: corner tile or outer third of its bounding box (geo.parts), for a zone the sector seen
    #: from its centre
    PART = "part"


@frozen
class Condition:
    """One quantity and the interval where an assertion holds, with how the claim words it.

    The three wordings are those each analysis has always printed; they differ in where the
    reference goes ("more than 45 mi" in a verdict, "is more than 45 mi from {ref}" in a
    contradiction, "more than 45 mi: within … of X" for a region).
    """

    #: the name reports give the check: distance, near, inside, outside, direction or radius
    name: str
    quantity: Quantity
    #: metres (signed for AREA); for AZIMUTH degrees clockwise from north: the compass sector;
    #: under the figure's most lenient reading
    acceptable: Interval
    #: the unit the figure is written in; None for AZIMUTH, which is in degrees
    unit: Unit | None
    #: the claim as a verdict restates it: "more than 45 mi", "inside the 34 mi radius"
    claimed: str
    #: the claim as said of the subject, with a {ref} slot: "is more than 45 mi from {ref}"
    predicate: str
    #: how a region's description starts: "more than 45 mi", "near", "inside"
    label: str
    #: AZIMUTH and PART: the compass sector as written
    direction: Direction | None = None
    #: under the figure's strictest reading; None when it has one reading (= acceptable)
    strict: Interval | None = None
    #: how the figure's readings were set, for reasons: "'150 km' read to tens: …"
    readings: str = ""
    #: a distance along a road, river or rail: `acceptable` is then where the geodesic makes
    #: the route possible (no longer than the claim), `strict` where it is also plausible
    route: Route | None = None
    #: AREA of a world country: its sea coast is no boundary with another country, so only its
    #: land boundaries (and other countries' land across the water) bound it at full weight
    #: (the coast rule, analysis.territory; docs/rules.md)
    coast_rule: bool = False
    #: for a route: the claimed figure (m), to show the route's circuity
    figure_m: float = 0.0

    @property
    def strictest(self) -> Interval:
        return self.acceptable if self.strict is None else self.strict


def _km(metres: float) -> str:
    return f"{metres / 1000:,.1f} km"


def zone_centre_interval(edge: Interval, radius_m: float) -> Interval:
    """Distances from a zone's centre at which the signed distance to its edge lies in `edge`."""
    low = radius_m + edge.low
    if low > 0:
        return Interval(low, radius_m + edge.high, edge.low_open, edge.high_open)
    return Interval(0.0, radius_m + edge.high, False, edge.high_open)


def _readings_text(requirement: Requirement, about: Decimal) -> str:
    """ "'150 km' read to tens (±5 km) or to fifties (±25 km)"; empty for one reading."""
    found = requirement.readings(about)
    if found is None:
        return ""
    unit = requirement.unit.value
    fine = f"{found.fine.why} (±{float(found.fine.half_width):.3g} {unit})"
    if not found.ambiguous:
        return f"'{requirement.figure}' read {fine}"
    coarse = f"{found.coarse.why} (±{float(found.coarse.half_width):.3g} {unit})"
    return f"'{requirement.figure}' read {fine} or {coarse}"


def _measure(
    name: str,
    quantity: Quantity,
    requirement: Requirement,
    about: Decimal,
    claimed: str,
    predicate: str,
    label: str,
) -> Condition:
    """A length condition with both readings of its figure."""
    lenient, strict = requirement.acceptable(about), requirement.strict(about)
    return Condition(
        name, quantity, lenient, requirement.unit, claimed, predicate, label,
        strict=None if strict == lenient else strict,
        readings=_readings_text(requirement, about),
    )  # fmt: skip


@lru_cache(maxsize=1 << 15)  # verdicts and contradictions ask for each claim's conditions
def _distance(requirement: Requirement, about: Decimal, along: Route | None = None) -> Condition:
    text = requirement.describe(about)
    if along is None:
        return _measure(
            "distance", Quantity.DISTANCE, requirement, about, text, f"is {text} from {{ref}}", text
        )
    # A route is no shorter than the geodesic and at most `most` times it: the geodesic lies in
    # [route / most, route]. Possible: geodesic ≤ the claim's longest reading; plausible also
    # geodesic ≥ its shortest reading over the largest plausible circuity.
    lenient, strict = requirement.acceptable(about), requirement.strict(about)
    most = CIRCUITY[along].most
    claimed = f"{text} by {along.value}"
    return Condition(
        "distance", Quantity.DISTANCE, Interval(0.0, lenient.high), requirement.unit, claimed,
        f"is {claimed} from {{ref}}", claimed,
        strict=Interval(strict.low / most, strict.high),
        readings=_readings_text(requirement, about), route=along,
        figure_m=requirement.figure.metres,
    )  # fmt: skip


@lru_cache(maxsize=1 << 12)
def _azimuth(direction: Direction) -> Condition:
    """A compass sector; a cardinal name with both readings, as a figure has (grammar.directions:
    an eight-point compass is the strict one, a four-point one the lenient one)."""
    centre, strict, widest = (
        direction.centre_deg, direction.half_width_deg, direction.widest_half_width_deg
    )  # fmt: skip
    readings = ""
    if direction.coarse_half_width_deg is not None:
        word = next(w for w, symbol in DIRECTION_WORDS.items() if symbol == direction.name)
        readings = (
            f"'{word}' read on an eight-point compass (±{strict:g}°) or a four-point one "
            f"(±{widest:g}°)"
        )
    return Condition(
        "direction", Quantity.AZIMUTH, Interval(centre - widest, centre + widest), None,
        f"{direction} from the reference", f"is {direction} of {{ref}}", str(direction),
        direction, strict=None if not readings else Interval(centre - strict, centre + strict),
        readings=readings,
    )  # fmt: skip


@frozen
class DistanceAssertion:
    """`subject` lies at `requirement` from `reference` (optionally also in a direction).

    With `along`, the figure is a route length (by road, river or rail), not the geodesic.
    """

    kind: ClassVar[str] = "distance"
    roles: ClassVar[tuple[str, ...]] = ("subject", "reference")

    subject: PlaceRef
    reference: PlaceRef
    requirement: Requirement
    direction: Direction | None = None
    along: Route | None = None

    def place_refs(self) -> tuple[PlaceRef, ...]:
        return (self.subject, self.reference)

    @property
    def quantities(self) -> tuple[Quantity, ...]:
        return (Quantity.DISTANCE,) + ((Quantity.AZIMUTH,) if self.direction else ())

    def conditions(
        self, reference: Place | None, about: Decimal = ABOUT_FRACTION
    ) -> tuple[Condition, ...]:
        """The distance, measured to the reference's nearest point; the sector, if stated."""
        distance = _distance(self.requirement, about, self.along)
        if self.direction is None:
            return (distance,)
        return (distance, _azimuth(self.direction))


@frozen
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

    def conditions(
        self, reference: Place | None, about: Decimal = ABOUT_FRACTION
    ) -> tuple[Condition, ...]:
        """The azimuth from the reference lies in the compass sector."""
        return (_azimuth(self.direction),)


@frozen
class InsideAssertion:
    """`subject` lies inside (or outside) an area: a zone or a polygon.

    With `part` ("in north-eastern Jordan"), inside and in that part of the area too. With
    `depth` ("100 km inside Pakistan"), inside by that much: the signed distance to the edge is
    the depth, negated.
    """

    kind: ClassVar[str] = "inside"
    roles: ClassVar[tuple[str, ...]] = ("subject", "area")

    subject: PlaceRef
    area: PlaceRef
    inside: bool
    part: Direction | None = None
    depth: Requirement | None = None

    @property
    def quantities(self) -> tuple[Quantity, ...]:
        return (Quantity.AREA,) + ((Quantity.PART,) if self.part else ())

    @property
    def reference(self) -> PlaceRef:
        return self.area

    def place_refs(self) -> tuple[PlaceRef, ...]:
        return (self.subject, self.area)

    def conditions(
        self, reference: Place | None, about: Decimal = ABOUT_FRACTION
    ) -> tuple[Condition, ...]:
        """The signed distance to the area's edge is ≤ 0 (inside) or > 0 (outside).

        Needs the area: a zone's figure is its radius, in the unit it was declared in.
        """
        if reference is None:
            return ()
        side = self._side(reference, about)
        if self.part is None:
            return (side,)
        part = self.part
        return (
            side,
            Condition(
                "part", Quantity.PART, Interval(0.0, 0.0), None,
                f"in the {part.name} part of the area", f"is in the {part.name} part of {{ref}}",
                f"in the {part.name} part", part,
            ),
        )  # fmt: skip

    def _side(self, reference: Place, about: Decimal) -> Condition:
        """A zone: the distance from its centre against its radius. A polygon: the signed
        distance to its edge; for a country of the world layers, whose edges are known to be
        land boundaries or sea coast, under the coast rule: a subject on the coast is outside
        only across a land boundary or another country's water (analysis.territory)."""
        if self.depth is not None:
            return self._depth(self.depth, reference, about)
        word = "inside" if self.inside else "outside"
        side = Interval(-math.inf, 0.0) if self.inside else Interval(0.0, math.inf, low_open=True)
        relation = "≤" if self.inside else ">"
        if reference.kind is PlaceKind.ZONE:
            radius = reference.radius
            assert radius is not None  # every zone declares one
            return Condition(
                word, Quantity.AREA, side, radius.unit, f"{word} the {radius} radius",
                f"is {word} {{ref}} ({relation} {radius} from its centre {reference.centre})",
                word,
            )  # fmt: skip
        return Condition(
            word, Quantity.AREA, side, Unit.KM, f"{word} (signed distance {relation} 0)",
            f"is {word} {{ref}}", word, coast_rule=reference.land_edges is not None,
        )  # fmt: skip

    def _depth(self, depth: Requirement, reference: Place, about: Decimal) -> Condition:
        """Inside by `depth`: the same signed distance as inside, in the depth's interval
        negated, with both readings of the figure."""
        text = depth.describe(about)
        claimed = f"{text} inside"
        lenient, strict = _negated(depth.acceptable(about)), _negated(depth.strict(about))
        edge = f"signed distance {_span(lenient)}"
        if reference.kind is PlaceKind.ZONE and reference.radius is not None:
            edge = f"of the {reference.radius} radius, measured from {reference.centre}"
        return Condition(
            "inside", Quantity.AREA, lenient, depth.unit,
            f"{claimed} ({edge})", f"is {claimed} {{ref}}", claimed,
            strict=None if strict == lenient else strict,
            readings=_readings_text(depth, about),
            coast_rule=reference.kind is not PlaceKind.ZONE and reference.land_edges is not None,
        )  # fmt: skip


def _negated(depth: Interval) -> Interval:
    """A depth inside (m, positive) as a signed distance to the edge (negative inside), and
    back: the negation is its own inverse."""
    return Interval(-depth.high, -depth.low, depth.high_open, depth.low_open)


def depth_of(signed: Interval) -> Interval | None:
    """The depth inside (positive) an inside condition's signed interval states, or None for
    the plain "inside" (≤ 0), which states none."""
    if math.isinf(signed.low) and signed.high == 0:
        return None
    return _negated(signed)


def _span(signed: Interval) -> str:
    """ "-105.0 to -95.0 km", "≤ -100.0 km": a signed interval as the reasons print it."""
    if math.isinf(signed.low):
        return f"{'<' if signed.high_open else '≤'} {signed.high / 1000:,.1f} km"
    return f"{signed.low / 1000:,.1f} to {signed.high / 1000:,.1f} km"


@frozen
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

    def conditions(
        self, reference: Place | None, about: Decimal = ABOUT_FRACTION
    ) -> tuple[Condition, ...]:
        """The distance is within the claim's threshold or, unstated, the reference's own.

        Without a stated threshold it needs the reference (its `near:` or its kind's default).
        """
        if self.threshold is not None:
            t = self.threshold
            text = t.describe(about)
            return (
                _measure(
                    "near", Quantity.DISTANCE, t, about, f"near ({text})",
                    f"is near {{ref}} ({text})", "near",
                ),
            )  # fmt: skip
        if reference is None:
            return ()
        limit = reference.near_threshold_m
        source = (
            "this place's threshold"
            if reference.near_m is not None
            else f"the default threshold for a {reference.kind.value}"
        )
        return (
            Condition(
                "near", Quantity.DISTANCE, Interval(0.0, limit), Unit.KM,
                f"near (within {_km(limit)}, {source})",
                f"is near {{ref}} (within {_km(limit)})", "near",
            ),
        )  # fmt: skip


@frozen
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

    def conditions(
        self, reference: Place | None, about: Decimal = ABOUT_FRACTION
    ) -> tuple[Condition, ...]:
        """The zone's declared radius meets the requirement."""
        req = self.requirement
        text = req.describe(about)
        return (
            _measure("radius", Quantity.RADIUS, req, about, text, f"has a radius of {text}", text),
        )


Assertion = (
    DistanceAssertion | DirectionAssertion | InsideAssertion | NearAssertion | ZoneRadiusAssertion
)


def stated_figure(assertion: Assertion) -> Requirement | None:
    """The figure a claim states, whatever its kind: a distance, a radius, a "near" threshold
    or a depth inside; None for a bare direction, inside or near."""
    if isinstance(assertion, DistanceAssertion | ZoneRadiusAssertion):
        return assertion.requirement
    if isinstance(assertion, NearAssertion):
        return assertion.threshold
    if isinstance(assertion, InsideAssertion):
        return assertion.depth
    return None
