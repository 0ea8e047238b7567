"""Checks: one measured quantity against one claimed condition, decided at a stated confidence.

The decision rule (docs/rules.md, "The decision"), in the spirit of ILAC-G8:09/2019 and
ISO 14253-1:2017 (conformity decided on the probability that a requirement is met, not on the
best estimate alone; JCGM 106:2012 calls it the conformance probability):

- consistent when the probability that the claim holds is at least the confidence (95 %);
- inconsistent when the quantity lies on one side of the claimed interval, below it or above
  it, with at least that probability: ISO 14253-1 proves non-conformance only by a result
  outside the specification zone on one side. A figure more precise than the places can test
  has a small probability wherever the truth is, but no side that the data favour;
- inconclusive in between.

A figure with two readings (grammar.precision) is consistent only if it holds under its strict
reading, inconsistent only if it fails under its lenient one; in between, the reading decides,
and the reason says which. Each check keeps the best estimate (the quantity at the stated
positions) and the worst case (every error at its bound at once) as information.
"""

from __future__ import annotations

import math
from decimal import Decimal
from functools import cache

from claimcheck.analysis.territory import TerritoryEdge
from claimcheck.claims.model import VerdictKind
from claimcheck.frozen import frozen
from claimcheck.geo.measure import Measured, Nearest
from claimcheck.geo.probability import Spread
from claimcheck.grammar.interval import Interval, written_end
from claimcheck.grammar.units import Unit


@frozen
class Sides:
    """P(the quantity lies below the claimed interval) and P(above it): its outside, one side
    at a time. A compass sector's or an area's part's outside is one piece: they have none."""

    below: float
    above: float

    def worse(self) -> tuple[str, float]:
        """The side more likely, and its probability."""
        return ("below", self.below) if self.below >= self.above else ("above", self.above)


@frozen
class Chance:
    """The probability that a check's condition holds, under each reading of its figure."""

    #: under the strictest reading
    strict: float
    #: under the most lenient reading (equal to `strict` for a figure with one reading)
    lenient: float
    confidence: Decimal
    #: the outside of the lenient and of the strict interval, side by side (lengths only)
    sides: Sides | None = None
    strict_sides: Sides | None = None

    @property
    def verdict(self) -> VerdictKind:
        level = float(self.confidence)
        if self.strict >= level:
            return VerdictKind.CONSISTENT
        if self.fails(self.lenient, self.sides):
            return VerdictKind.INCONSISTENT
        return VerdictKind.INCONCLUSIVE

    def fails(self, p: float, sides: Sides | None) -> bool:
        """Shown wrong: on one side of the interval with the confidence; for an outside in one
        piece, P(holds) at most one minus the confidence, which is the same thing."""
        level = float(self.confidence)
        return p <= 1.0 - level if sides is None else max(sides.below, sides.above) >= level

    @property
    def strict_fails(self) -> bool:
        """The strict reading alone would give inconsistent."""
        return self.fails(self.strict, self.strict_sides)

    @property
    def split(self) -> bool:
        """Outside the interval with the confidence, yet on no one side with it: the figure is
        finer than the data can test (what the rule before one-sided sides called wrong)."""
        level = float(self.confidence)
        return (
            self.sides is not None
            and self.lenient <= 1.0 - level
            and not self.fails(self.lenient, self.sides)
        )

    @property
    def two_readings(self) -> bool:
        return abs(self.strict - self.lenient) > 1e-12


@frozen
class Limits:
    """A two-sided claimed interval as a reason shows it, and what the places' uncertainty says
    of its width (worked out when a reason or an output asks: most checks never do)."""

    #: metres, as shown (a zone's from its centre)
    low_m: float
    high_m: float
    unit: Unit
    #: how the measured quantity depends on the places, and the interval's width in its terms
    spread: Spread
    width_m: float

    @property
    def low(self) -> str:
        """The lower end as a reason writes it: "62.55 km"."""
        return self._end(self.low_m)

    @property
    def high(self) -> str:
        return self._end(self.high_m)

    def _end(self, value_m: float) -> str:
        """To the precision the reason gives the interval's half-width (grammar.interval)."""
        unit = self.unit.metres
        return f"{written_end(value_m / unit, self.width_m / 2 / unit)} {self.unit.value}"

    @property
    def capability(self) -> float | None:
        """JCGM 106:2012's measurement capability index C_m = (T_U − T_L)/(4u); None for a
        quantity without uncertainty."""
        u = self.spread.standard_uncertainty()
        return self.width_m / (4 * u) if u > 0 else None

    @property
    def resolution(self) -> str:
        """The sentence that says the places are too loose to test the figure, when C_m < 1:
        the range is then narrower than 2U (U = 2u), so no result lies inside it with its
        uncertainty, ISO 14253-1's proof of conformity (docs/rules.md, "The decision"); ""."""
        c_m = self.capability
        if c_m is None or c_m >= 1.0:
            return ""
        spread, unit = self.spread, self.unit
        radii = [_radius(r) for r in (spread.a, spread.b) if r > 0]
        places = f"the places are known only to ±{' and ±'.join(radii)}" if radii else ""
        jitter = _radius(spread.jitter)
        edge = f"the zone's edge {'to' if places else 'is known only to'} ±{jitter}"
        known = ", ".join(x for x in (places, edge if spread.jitter > 0 else "") if x)
        u = _length(spread.standard_uncertainty(), unit)
        low = self.low.removesuffix(f" {unit.value}")
        return (
            f"{known}, too loosely to test a figure read as {low}–{self.high}: its range is "
            f"narrower than four standard uncertainties of the measurement (u = {u}; "
            f"measurement capability index C_m = {c_m:.2g}, under 1, JCGM 106:2012, 7.6)"
        )


@frozen
class LengthCheck:
    """One measured length against one claimed condition."""

    #: the condition's name: "distance", "inside", "outside", "near" or "radius"
    quantity: str
    verdict: VerdictKind
    #: metres: the best estimate and the worst-case interval
    measured: Measured
    #: under the figure's most lenient reading
    acceptable: Interval
    #: how the claim states it, e.g. "more than 45 mi"
    claimed: str
    #: unit the claim was written in
    unit: Unit
    #: signed distance from the best estimate to the nearest threshold; > 0 satisfies the claim
    margin: float
    #: for inconclusive: the worst-case half-width would have to fall below this to decide
    decide_below: float | None
    reason: str
    nearest: Nearest | None = None
    chance: Chance | None = None
    #: under the figure's strictest reading, when it differs from `acceptable`
    strict: Interval | None = None
    #: how the figure's readings were set (grammar.precision), for reasons; "" when it has none
    readings: str = ""
    #: a route's claimed length (m), to show its circuity; 0 for a straight line
    figure_m: float = 0.0
    #: for inside/outside a built-in country measured by the coast rule: which edge decided
    territory: TerritoryEdge | None = None
    #: an inconsistent straight-line distance between two points that the claim overshoots by
    #: no more than a road could: the claim's range over the geodesic, within roads' plausible
    #: circuity (a hint that the report may have meant the road distance; the verdict stands)
    road_factor: tuple[float, float] | None = None
    #: a two-sided interval's ends as the reason writes them, and whether the places can test
    #: it (None for a bound such as "more than 45 mi", whose outside is one side)
    ends: Limits | None = None

    @property
    def probability(self) -> float | None:
        return None if self.chance is None else self.chance.lenient


@frozen
class AngleCheck:
    """One measured azimuth against a claimed compass sector (or side, or part), in degrees."""

    #: "direction" or "part"
    quantity: str
    verdict: VerdictKind
    #: azimuth from the reference (or its nearest point), degrees: best and worst case
    measured: Measured
    #: the sector, degrees clockwise from north
    acceptable: Interval
    claimed: str
    #: degrees from the sector's edge; > 0 inside
    margin: float
    decide_below: float | None
    reason: str
    chance: Chance | None = None
    #: the side of a line the direction names: the bearing from the line's nearest point must
    #: lie within 90° of the direction, and `margin` is taken from that half-circle's edge
    side: bool = False
    #: a cardinal name's strict (eight-point) sector, when `acceptable` is its four-point one
    strict: Interval | None = None

    @property
    def probability(self) -> float | None:
        return None if self.chance is None else self.chance.lenient


def margin(best: float, acceptable: Interval) -> float:
    """Signed distance from `best` to the nearest threshold: positive when `best` satisfies."""
    bounds = [b for b in (acceptable.low, acceptable.high) if math.isfinite(b)]
    if acceptable.low == 0.0 and not acceptable.low_open:
        bounds.remove(0.0)  # "within" has no lower threshold to speak of
    if not bounds:
        return math.inf
    gap = min(abs(best - b) for b in bounds)
    return gap if acceptable.contains(best) else -gap


def percent(p: float) -> str:
    """A probability as people read it: "97 %", "4.9 %", "< 0.1 %", "> 99.9 %". Next to 50 %
    a tenth more ("49.7 %"): the reasons say "likely wrong" under 50 % and "likely right" over,
    and "holds with probability 50 % … more likely wrong than right" read as a contradiction.
    Next to the built-in levels a hundredth more ("94.96 %"), for the same reason."""
    if p < 0.001:
        return "< 0.1 %" if p > 0 else "0 %"
    if p > 0.999:
        return "> 99.9 %" if p < 1 else "100 %"
    digits = 1 if p < 0.1 or p > 0.9 or (p != 0.5 and round(p * 100) == 50) else 0
    text = f"{p * 100:.{digits}f} %"
    if text in ("5.0 %", "95.0 %") and p not in (0.05, 0.95):  # the built-in levels: say the side
        return f"{p * 100:.2f} %"
    return text


@cache  # every reason states its file's two levels: two values, asked twice a claim
def _level(fraction: Decimal) -> str:
    return f"{(fraction * 100).normalize():f} %"


def _conditional(best: tuple[bool, bool] | None, chance: Chance, coarse: bool = False) -> str:
    """For an inconclusive check, where the best estimate lies: ILAC-G8:09/2019 4.2.3 calls a
    result inside the limits but not shown at the confidence a conditional pass (outside: fail).
    "Likely right" (or wrong) only where the probability agrees: a best estimate inside the
    limits with P 28 % is a conditional pass, yet more likely wrong than right. `coarse`: the
    figure is finer than the places can test, so its probability speaks of its precision, not
    of its truth: no lean."""
    if best is None:
        return ""
    low, high = min(chance.strict, chance.lenient), max(chance.strict, chance.lenient)
    odds = "likely right" if low > 0.5 else "likely wrong" if high < 0.5 else "either way"
    if coarse:
        odds = "either way"
    under_strict, under_lenient = best
    if under_strict:
        lean = {"likely right": ": likely right", "likely wrong": ", yet likely wrong"}
        return f"; the best estimate satisfies the claim (a conditional pass{lean.get(odds, '')})"
    if under_lenient:
        return "; the best estimate satisfies only the lenient reading"
    lean = {"likely wrong": ": likely wrong", "likely right": ", yet likely right"}
    return (
        f"; the best estimate does not satisfy the claim (a conditional fail{lean.get(odds, '')})"
    )


def _length(value_m: float, unit: Unit) -> str:
    return f"{value_m / unit.metres:,.3g} {unit.value}"


def _radius(value_m: float) -> str:
    """A place's uncertainty as the data give it: "152 m" under a kilometre, else "5 km"."""
    return f"{value_m:,.0f} m" if value_m < 1000 else f"{value_m / 1000:,.3g} km"


def _sides_text(chance: Chance, ends: Limits) -> str:
    """Where the quantity lies outside the lenient interval, side by side."""
    assert chance.sides is not None
    below, above = percent(chance.sides.below), percent(chance.sides.above)
    return f"P(below {ends.low}) = {below}, P(above {ends.high}) = {above}"


def _head(chance: Chance, claimed: str, readings: str, model: str) -> str:
    """The probability a reason decides on: "P(about 8 km (±0.5 km)) = 3.9 % (…)", or under
    each reading of a figure that has two."""
    if not chance.two_readings:
        p = percent(chance.lenient)
        equals = "" if p[0] in "<>" else "= "
        lead = f"{readings}; " if readings else ""
        return f"{lead}P({claimed}) {equals}{p} ({model})"
    strict, lenient = percent(chance.strict), percent(chance.lenient)
    return f"{readings}: P = {strict} read strictly, {lenient} read leniently ({model})"


def decision_text(
    chance: Chance,
    claimed: str,
    readings: str = "",
    exact: bool = False,
    best: tuple[bool, bool] | None = None,
    ends: Limits | None = None,
) -> str:
    """Why the probability gives the verdict, with the rule: the last clause of every reason.

    `exact`: the measurement has no uncertainty (a zone's declared radius, places with none).
    `best`: whether the best estimate satisfies the strict and the lenient reading; an
    inconclusive reason says so (ILAC-G8's conditional pass or fail). `ends`: a two-sided
    interval's ends, whose sides decide inconsistent (ISO 14253-1), and the resolution.
    """
    high, low = _level(chance.confidence), _level(1 - chance.confidence)
    model = "no uncertainty" if exact else "places uniform within their uncertainty"
    verdict = chance.verdict
    sided = ends is not None and chance.sides is not None
    resolution = ends.resolution if ends is not None and verdict is VerdictKind.INCONCLUSIVE else ""
    coarse = bool(resolution)
    after = f"; {resolution}" if coarse else ""
    if sided and verdict is not VerdictKind.CONSISTENT:
        assert ends is not None and chance.sides is not None
        side, p_side = chance.sides.worse()
        bound = ends.low if side == "below" else ends.high
        head = _head(chance, claimed, readings, model)
        if verdict is VerdictKind.INCONSISTENT:
            even = "even read leniently, " if chance.two_readings else ""
            return (
                f"{head}; {even}{side} {bound} with P = {percent(p_side)}, at least {high} on "
                f"one side: inconsistent"
            )
        if chance.split:
            return (
                f"{head}, but {_sides_text(chance, ends)}: on neither side with at least "
                f"{high}: inconclusive{after}{_conditional(best, chance, coarse)}"
            )
    text = _head(chance, claimed, readings, model)
    if not chance.two_readings:
        rule = {
            VerdictKind.CONSISTENT: f"at least {high}",
            VerdictKind.INCONSISTENT: f"at most {low}",
            VerdictKind.INCONCLUSIVE: f"between {low} and {high}",
        }[verdict]
        text += f", {rule}: {verdict.value}"
        if verdict is VerdictKind.INCONCLUSIVE:
            text += after + _conditional(best, chance, coarse)
        return text
    if verdict is VerdictKind.CONSISTENT:
        return f"{text}; even the strict reading gives at least {high}: consistent"
    if verdict is VerdictKind.INCONSISTENT:
        return f"{text}; even the lenient reading gives at most {low}: inconsistent"
    level = float(chance.confidence)
    strict_kind = "inconsistent" if chance.strict_fails else "inconclusive"
    lenient_kind = "consistent" if chance.lenient >= level else "inconclusive"
    ends_text = after + _conditional(best, chance, coarse)
    if strict_kind == lenient_kind and chance.strict <= 1.0 - level:  # the strict one split
        return (
            f"{text}; read strictly at most {low}, but on neither side with at least {high}; "
            f"read leniently between {low} and {high}: inconclusive{ends_text}"
        )
    if strict_kind == lenient_kind:
        return f"{text}; between {low} and {high} either way: inconclusive{ends_text}"
    return (
        f"{text}; the reading decides (strict: {strict_kind}, lenient: {lenient_kind}): "
        f"inconclusive{ends_text}"
    )


@frozen
class PartCheck:
    """Whether the subject is in the claimed part of an area ("north-eastern Jordan")."""

    #: always "part"
    quantity: str
    verdict: VerdictKind
    #: the part the subject's stated position is in, e.g. "NE"
    found: str
    #: how the claimed part is bounded, with its rule: "north of 31.98° and east of 37.84° in …"
    bounds: str
    claimed: str
    reason: str
    chance: Chance | None = None
    #: the claimed part ("S") and the area's id
    part: str = ""
    area: str = ""
    #: a polygon's part as parallels and meridians ("south of 33.60°"); "" for a zone's sector
    limits: str = ""
    #: an intercardinal part is a corner tile; a cardinal one the outer third (geo.parts)
    corner: bool = False
    #: whether the subject's stated position is in the claimed part
    inside: bool = False

    @property
    def probability(self) -> float | None:
        return None if self.chance is None else self.chance.lenient


#: What a check is; the type carries its unit (metres or degrees), so formats need not ask.
Check = LengthCheck | AngleCheck | PartCheck


def route_decision_text(chance: Chance, claimed: str, readings: str = "") -> str:
    """The decision for a route length: possible (no shorter than the geodesic), plausible."""
    high, low = _level(chance.confidence), _level(1 - chance.confidence)
    level = float(chance.confidence)
    possible, plausible = percent(chance.lenient), percent(chance.strict)
    model = "places uniform within their uncertainty"
    lead = f"{readings}; " if readings else ""
    facts = f"P(possible) = {possible}, P(plausible) = {plausible} ({model})"
    verdict = chance.verdict
    if verdict is VerdictKind.CONSISTENT:
        return f"{lead}{facts}: plausible with at least {high}: consistent"
    if verdict is VerdictKind.INCONSISTENT:
        return (
            f"{lead}{facts}: shorter than the geodesic, possible with at most {low}: inconsistent"
        )
    if chance.strict <= 1.0 - level and chance.lenient >= level:
        return f"{lead}{facts}: possible but implausibly long: inconclusive"
    return f"{lead}{facts}: inconclusive"
