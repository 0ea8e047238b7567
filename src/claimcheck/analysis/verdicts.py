"""Verdicts: a measured interval against the interval a claim allows.

- consistent: every value in the measured interval satisfies the claim;
- inconsistent: none does;
- inconclusive: some do; the result says how far the uncertainty must shrink to decide;
- unverifiable: a place is unknown, has no position, or its name fits several places.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from claimcheck.claims.meaning import Condition, Quantity, zone_centre_interval
from claimcheck.claims.model import Claim, VerdictKind
from claimcheck.gazetteer.places import Gazetteer, Place, PlaceKind, Resolution
from claimcheck.geo.measure import (
    Measured,
    Measurer,
    Nearest,
    NotMeasurable,
    azimuth_uncertainty_deg,
)
from claimcheck.grammar.directions import compass
from claimcheck.grammar.relations import Interval
from claimcheck.grammar.units import Unit

#: Worst first: the overall verdict of a claim with several checks is the worst of them.
SEVERITY = (
    VerdictKind.INCONSISTENT,
    VerdictKind.UNVERIFIABLE,
    VerdictKind.INCONCLUSIVE,
    VerdictKind.CONSISTENT,
)


@dataclass(frozen=True)
class LengthCheck:
    """One measured length against one claimed condition."""

    #: the condition's name: "distance", "inside", "outside", "near" or "radius"
    quantity: str
    verdict: VerdictKind
    #: metres
    measured: Measured
    acceptable: Interval
    #: how the claim states it, e.g. "more than 45 mi"
    claimed: str
    #: unit the claim was written in
    unit: Unit
    #: signed distance from the best estimate to the nearest threshold; > 0 satisfies the claim
    margin: float
    #: for inconclusive: the uncertainty (half-width) would have to fall below this to decide
    decide_below: float | None
    reason: str
    nearest: Nearest | None = None


@dataclass(frozen=True)
class AngleCheck:
    """One measured azimuth against a claimed compass sector, in degrees."""

    #: always "direction"
    quantity: str
    verdict: VerdictKind
    #: azimuth from the reference, degrees
    measured: Measured
    #: the sector, degrees clockwise from north
    acceptable: Interval
    claimed: str
    #: degrees from the sector's edge; > 0 inside
    margin: float
    decide_below: float | None
    reason: str


#: What a check is; the type carries its unit (metres or degrees), so formats need not ask.
Check = LengthCheck | AngleCheck


@dataclass(frozen=True)
class Verdict:
    """The outcome for one claim (or one candidate reading of an ambiguous claim)."""

    claim: Claim
    verdict: VerdictKind
    reason: str
    checks: tuple[Check, ...] = ()
    #: ids of the places used, by role ("subject", "reference", "zone", "area")
    places: tuple[tuple[str, str], ...] = ()
    #: for an ambiguous claim: one verdict per candidate reading
    candidates: tuple[Verdict, ...] = ()

    @property
    def expected(self) -> bool:
        """True unless the claim has an `expect:` that this verdict does not match."""
        return self.claim.expect is None or self.claim.expect is self.verdict


def decide(measured: Measured, acceptable: Interval) -> VerdictKind:
    span = Interval(measured.low, measured.high)
    if acceptable.includes(span):
        return VerdictKind.CONSISTENT
    if not acceptable.overlaps(span):
        return VerdictKind.INCONSISTENT
    return VerdictKind.INCONCLUSIVE


def margin(best: float, acceptable: Interval) -> float:
    """Signed distance from `best` to the nearest threshold: positive when `best` satisfies."""
    bounds = [b for b in (acceptable.low, acceptable.high) if math.isfinite(b)]
    if acceptable.low == 0.0 and not acceptable.low_open:
        bounds.remove(0.0)  # "within" has no lower threshold to speak of
    if not bounds:
        return math.inf
    gap = min(abs(best - b) for b in bounds)
    return gap if acceptable.contains(best) else -gap


def _fmt(value_m: float, unit: Unit) -> str:
    return f"{value_m / unit.metres:,.1f} {unit.value}"


def _length_check(
    quantity: str,
    measured: Measured,
    acceptable: Interval,
    claimed: str,
    unit: Unit,
    what: str,
    nearest: Nearest | None = None,
) -> LengthCheck:
    verdict = decide(measured, acceptable)
    m = margin(measured.best, acceptable)
    span = _fmt(measured.best, unit)
    if measured.low != measured.high:
        span += f" [{_fmt(measured.low, unit)}–{_fmt(measured.high, unit)}]"
    decide_below = None
    if verdict is VerdictKind.CONSISTENT:
        reason = f"{what} is {span}: all of it is {claimed}"
    elif verdict is VerdictKind.INCONSISTENT:
        reason = f"{what} is {span}: none of it is {claimed}"
    else:
        decide_below = abs(m)
        reason = (
            f"{what} is {span}, which straddles {claimed}; the uncertainty "
            f"(±{_fmt(measured.half_width, unit)}) must fall below {_fmt(abs(m), unit)} to decide"
        )
    return LengthCheck(
        quantity, verdict, measured, acceptable, claimed, unit, m, decide_below, reason, nearest
    )


def _direction_check(
    azimuth: float, uncertainty_m: float, distance_m: float, condition: Condition
) -> AngleCheck:
    direction = condition.direction
    assert direction is not None  # every AZIMUTH condition carries its sector
    delta = azimuth_uncertainty_deg(distance_m, uncertainty_m)
    diff = (azimuth - direction.centre_deg + 180.0) % 360.0 - 180.0
    # Work in "degrees off the sector's centre line", so the sector is one plain interval.
    off = abs(diff)
    measured = Measured(off, max(0.0, off - delta), min(180.0, off + delta))
    acceptable = Interval(0.0, direction.half_width_deg)
    verdict = decide(measured, acceptable)
    m = direction.half_width_deg - off
    sector = f"{direction.name} (±{direction.half_width_deg:g}°)"
    bearing = f"bearing {azimuth:.1f}° ({compass(azimuth)}) ±{delta:.1f}°"
    decide_below = None
    if verdict is VerdictKind.CONSISTENT:
        reason = f"{bearing} lies within {sector}"
    elif verdict is VerdictKind.INCONSISTENT:
        beyond = off - direction.half_width_deg
        reason = f"{bearing} lies outside {sector}, {beyond:.1f}° beyond its edge"
    else:
        decide_below = abs(m)
        reason = f"{bearing} straddles the edge of {sector}"
    return AngleCheck(
        condition.name,
        verdict,
        Measured(azimuth, azimuth - delta, azimuth + delta),
        condition.acceptable,
        condition.claimed,
        m,
        decide_below,
        reason,
    )


def worst(kinds: Iterable[VerdictKind]) -> VerdictKind:
    found = set(kinds)
    return next(k for k in SEVERITY if k in found)


class Evaluator:
    """Turns claims into verdicts against one gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.measurer = Measurer(gazetteer)

    def evaluate(self, claims: Sequence[Claim]) -> list[Verdict]:
        resolved = [self._resolve(c) for c in claims]
        self.measurer.prefetch(
            (readings[-1], readings[0])
            for claim, res in zip(claims, resolved, strict=True)
            for readings in itertools.product(*(r.places for r in res))
            if len(readings) == 2
        )
        return [self._verdict(c, res) for c, res in zip(claims, resolved, strict=True)]

    def _resolve(self, claim: Claim) -> list[Resolution]:
        return [self.gazetteer.resolve(ref) for ref in claim.place_refs()]

    def _verdict(self, claim: Claim, resolutions: list[Resolution]) -> Verdict:
        missing = [r for r in resolutions if not r.places]
        if missing:
            names = ", ".join(repr(str(r.ref)) for r in missing)
            return Verdict(claim, VerdictKind.UNVERIFIABLE, f"unknown place {names}")
        ambiguous = [r for r in resolutions if r.ambiguous]
        if ambiguous:
            readings = [
                self._reading(claim, places)
                for places in itertools.product(*(r.places for r in resolutions))
            ]
            names = "; ".join(
                f"{r.ref.text!r} fits {len(r.places)} places ({', '.join(p.id for p in r.places)})"
                for r in ambiguous
            )
            tally = ", ".join(
                f"{sum(v.verdict is k for v in readings)} {k.value}"
                for k in VerdictKind
                if any(v.verdict is k for v in readings)
            )
            return Verdict(
                claim,
                VerdictKind.UNVERIFIABLE,
                f"ambiguous: {names}; name the place by id, country or admin area. "
                f"Candidate readings: {tally}",
                candidates=tuple(readings),
            )
        return self._reading(claim, tuple(r.places[0] for r in resolutions))

    def _reading(self, claim: Claim, places: tuple[Place, ...]) -> Verdict:
        used = tuple(zip(claim.assertion.roles, (p.id for p in places), strict=True))
        unknown = [p for p in places if not p.has_position]
        if unknown:
            ids = ", ".join(p.id for p in unknown)
            return Verdict(
                claim,
                VerdictKind.UNVERIFIABLE,
                f"{ids} has no coordinates: `claimcheck locate {unknown[0].id}` shows where the "
                "claims put it",
                places=used,
            )
        try:
            checks = self._checks(claim, places)
        except NotMeasurable as exc:
            return Verdict(claim, VerdictKind.UNVERIFIABLE, str(exc), places=used)
        overall = worst(c.verdict for c in checks)
        reason = "; ".join(c.reason for c in checks)
        return Verdict(claim, overall, reason, tuple(checks), used)

    def _checks(self, claim: Claim, places: tuple[Place, ...]) -> list[Check]:
        """Each condition of the claim, measured: the subject first, the reference last."""
        subject, reference = places[0], places[-1]
        return [
            _MEASURE[c.quantity](self.measurer, c, subject, reference)
            for c in claim.assertion.conditions(reference)
        ]


def _unit(condition: Condition) -> Unit:
    assert condition.unit is not None  # every length condition has its figure's unit
    return condition.unit


def _distance(m: Measurer, c: Condition, subject: Place, reference: Place) -> Check:
    dist = m.distance(subject, reference)
    what = f"the distance from {subject.id} to {reference.id}"
    return _length_check(
        c.name, dist.distance, c.acceptable, c.claimed, _unit(c), what, dist.nearest
    )


def _area(m: Measurer, c: Condition, subject: Place, area: Place) -> Check:
    """A zone is measured from its centre (its edge is declared, not drawn); a polygon, signed."""
    if area.kind is PlaceKind.ZONE:
        assert area.radius is not None
        dist = m.to_zone_centre(subject, area)
        acceptable = zone_centre_interval(c.acceptable, area.radius.metres)
        what = f"the distance from {subject.id} to the centre of {area.id}"
        return _length_check(c.name, dist.distance, acceptable, c.claimed, _unit(c), what)
    if subject.kind is not PlaceKind.POINT:
        raise NotMeasurable(f"{subject.id!r} is a {subject.kind.value}, not a point")
    signed = m.signed_to_polygon(subject, area)
    what = f"the signed distance from {subject.id} to the boundary of {area.id} (negative inside)"
    return _length_check(
        c.name, signed.distance, c.acceptable, c.claimed, _unit(c), what, signed.nearest
    )


def _azimuth(m: Measurer, c: Condition, subject: Place, reference: Place) -> Check:
    dist = m.distance(subject, reference)
    if dist.azimuth_deg is None:
        raise NotMeasurable(
            f"a direction from the {reference.kind.value} {reference.id!r} is not defined"
        )
    u = subject.uncertainty_m + m.anchor(reference).uncertainty_m
    return _direction_check(dist.azimuth_deg, u, dist.distance.best, c)


def _radius(m: Measurer, c: Condition, zone: Place, _zone: Place) -> Check:
    assert zone.radius is not None
    radius = zone.radius.metres
    what = f"the declared radius of {zone.id} ({zone.radius})"
    return _length_check(
        c.name, Measured(radius, radius, radius), c.acceptable, c.claimed, _unit(c), what
    )


#: How each quantity is measured between the subject and the reference.
_MEASURE: dict[Quantity, Callable[[Measurer, Condition, Place, Place], Check]] = {
    Quantity.DISTANCE: _distance,
    Quantity.AREA: _area,
    Quantity.AZIMUTH: _azimuth,
    Quantity.RADIUS: _radius,
}


def evaluate(claims: Sequence[Claim], gazetteer: Gazetteer) -> list[Verdict]:
    """Verdicts for every claim, in the order given."""
    return Evaluator(gazetteer).evaluate(claims)
