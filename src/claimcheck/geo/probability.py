"""The probability that a claim holds, from the places' uncertainty as a distribution.

A place's `uncertainty` r is a radius that bounds where its reference point is. With nothing known
but that bound, the point is taken as uniformly distributed on the disc of radius r around the
stated position: the principle of maximum entropy, which GUM Supplement 1 (JCGM 101:2008, 6.4.2)
applies to a quantity known only by its limits (a rectangular distribution), taken to the plane.
Places are independent.

Every quantity a verdict measures depends on the two places through the relative displacement
D = e_subject − e_reference, the difference of two independent uniform discs of radii a and b.
D is radially symmetric, with the density of |D| in closed form (the area of the lens where two
discs of radii a and b, ρ apart, overlap, over π²a²b²). So each probability is a one-dimensional
integral over ρ = |D| of that density times the share of the circle |D| = ρ on which the claim
holds, and that share is an arccosine or an arc overlap. The integral is done by Gauss-Legendre
quadrature on pieces split at every kink of the integrand, for all queries at once in numpy: no
sampling, no Python loop per claim. The result is the propagation of distributions of JCGM 101
done by quadrature instead of Monte Carlo; tests/test_probability.py checks it against a brute-
force Monte Carlo on WGS84 geodesics (100,000 samples per case).

The geometry is local: within a few tens of km of a point the ellipsoid is a plane to well under a
metre, and D's distribution does not depend on direction, so the change of azimuth along a long
geodesic does not matter. Quantities measured to a line or a polygon are linearised at the nearest
point (GUM, JCGM 100:2008, 5.1.2): the distance changes by the component of D along the normal,
exactly so for a straight edge.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from claimcheck.errors import Kind
from claimcheck.frozen import frozen
from claimcheck.grammar.interval import Interval

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]

#: The margin, relative to the lengths involved, by which `within` takes a probability as
#: settled (0 or 1) without its quadrature: far above the rounding of t² − d² − ρ².
_SETTLED = 1e-6
#: Gauss-Legendre nodes per piece of the radial integral, and for a zone edge's uniform jitter.
_NODES = 8
_EDGE_NODES = 8


#: Gauss-Legendre rules on [-1, 1], by number of nodes: the positive nodes and their weights
#: (the rule is symmetric about 0). Abramowitz & Stegun, Handbook of Mathematical Functions,
#: table 25.4, to the bit as numpy.polynomial.legendre.leggauss computes them
#: (tests/test_probability.py checks): importing numpy.polynomial for them cost ~3 ms a run.
_LEGENDRE: dict[int, tuple[tuple[float, ...], tuple[float, ...]]] = {
    8: (
        (0.18343464249564978, 0.525532409916329, 0.7966664774136267, 0.9602898564975362),
        (0.36268378337836166, 0.3137066458778869, 0.22238103445337443, 0.10122853629037706),
    ),
}


@cache
def _gauss(n: int) -> tuple[FloatArray, FloatArray]:
    """The n nodes of the Gauss-Legendre rule, in increasing order, and their weights."""
    import numpy as np

    half, weights = _LEGENDRE[n]
    return (
        np.array([-x for x in reversed(half)] + list(half)),
        np.array([*reversed(weights), *weights]),
    )


def _lens_density(a: FloatArray, b: FloatArray, rho: FloatArray) -> FloatArray:
    """Density of |D| at rho for D = difference of uniform discs of radii a, b (a + b > 0)."""
    import numpy as np

    small, big = np.minimum(a, b), np.maximum(a, b)
    with np.errstate(divide="ignore", invalid="ignore"):
        ca = np.clip((rho**2 + a**2 - b**2) / (2 * rho * a), -1.0, 1.0)
        cb = np.clip((rho**2 + b**2 - a**2) / (2 * rho * b), -1.0, 1.0)
        kite = (-rho + a + b) * (rho + a - b) * (rho - a + b) * (rho + a + b)
        lens = a**2 * np.arccos(ca) + b**2 * np.arccos(cb) - 0.5 * np.sqrt(np.maximum(kite, 0.0))
        lens = np.where(rho <= big - small, math.pi * small**2, lens)
        lens = np.where(rho >= a + b, 0.0, lens)
        both = 2 * rho * lens / (math.pi * a**2 * b**2)
        one = np.where(rho <= big, 2 * rho / big**2, 0.0)
    return np.where(small > 0, both, one)


def _integrate(
    a: FloatArray, b: FloatArray, breaks: FloatArray, share: Callable[[FloatArray], FloatArray]
) -> FloatArray:
    """∫ density(ρ)·share(ρ) dρ over [0, a + b], split at `breaks` (shape (m, k))."""
    import numpy as np

    reach = (a + b)[:, None]
    cuts = np.sort(np.concatenate([np.zeros_like(reach), np.clip(breaks, 0.0, reach), reach], 1), 1)
    low, high = cuts[:, :-1], cuts[:, 1:]
    nodes, weights = _gauss(_NODES)
    half = (high - low) / 2
    rho = low[:, :, None] + half[:, :, None] * (nodes + 1.0)
    m = len(a)
    density = _lens_density(a[:, None, None], b[:, None, None], rho) * weights * half[:, :, None]
    # Normalised by the quadrature of the density itself, so that the quadrature error of its
    # edge (where it falls off as (a + b − ρ)^1.5) cancels: symmetric cases come out exact.
    total = density.reshape(m, -1).sum(1)
    values = (density * share(rho)).reshape(m, -1).sum(1)
    return np.clip(values / total, 0.0, 1.0)


@frozen(eq=False)
class _Within:
    """|d·u + D| ≤ t: the point at distance d, moved by D, is within t of the origin."""

    d: FloatArray
    t: FloatArray

    def __call__(self, rho: FloatArray) -> FloatArray:
        import numpy as np

        d, t = self.d[:, None, None], self.t[:, None, None]
        with np.errstate(divide="ignore", invalid="ignore"):
            c = (t**2 - d**2 - rho**2) / (2 * d * rho)
        share = 1.0 - np.arccos(np.clip(np.nan_to_num(c, nan=1.0), -1.0, 1.0)) / math.pi
        return np.where(d * rho > 0, share, (d + rho <= t).astype(float))


@frozen(eq=False)
class _Below:
    """n·D ≤ x for a fixed unit vector n."""

    x: FloatArray

    def __call__(self, rho: FloatArray) -> FloatArray:
        import numpy as np

        x = self.x[:, None, None]
        with np.errstate(divide="ignore", invalid="ignore"):
            c = np.clip(np.nan_to_num(x / rho, nan=1.0, posinf=1.0, neginf=-1.0), -1.0, 1.0)
        return 1.0 - np.arccos(c) / math.pi


@frozen(eq=False)
class _Wedge:
    """The angle of d·u + D, measured from u, lies in [low, high] (radians, high − low ≤ π)."""

    d: FloatArray
    low: FloatArray
    high: FloatArray

    def __call__(self, rho: FloatArray) -> FloatArray:
        import numpy as np

        d = self.d[:, None, None]
        low, high = self.low[:, None, None], self.high[:, None, None]
        # Two half-planes through the origin: left of the ray at `low`, right of the one at
        # `high`. On the circle d·u + ρ·e(θ) each holds on an arc of θ: n·(d, 0) + ρ cos(θ − θn)
        # ≥ 0, centred on the normal's angle θn, of half-width arccos(−n_x·d/ρ).
        with np.errstate(divide="ignore", invalid="ignore"):
            c1 = np.nan_to_num(np.sin(low) * d / rho, nan=0.0, posinf=2.0, neginf=-2.0)
            c2 = np.nan_to_num(-np.sin(high) * d / rho, nan=0.0, posinf=2.0, neginf=-2.0)
        w1 = np.arccos(np.clip(c1, -1.0, 1.0))
        w2 = np.arccos(np.clip(c2, -1.0, 1.0))
        centre1, centre2 = low + math.pi / 2, high - math.pi / 2
        return _arc_overlap(centre1, w1, centre2, w2) / (2 * math.pi)


def _arc_overlap(c1: FloatArray, w1: FloatArray, c2: FloatArray, w2: FloatArray) -> FloatArray:
    """Length of the intersection of arcs [c1 ± w1] and [c2 ± w2] on the circle."""
    import numpy as np

    delta = np.remainder(c2 - c1 + math.pi, 2 * math.pi) - math.pi
    total = np.zeros(np.broadcast(c1, w1, c2, w2).shape)
    for turn in (-2 * math.pi, 0.0, 2 * math.pi):
        lo = np.maximum(-w1, delta + turn - w2)
        hi = np.minimum(w1, delta + turn + w2)
        total = total + np.maximum(0.0, hi - lo)
    total = np.where(w1 >= math.pi, 2 * w2, total)
    return np.where(w2 >= math.pi, 2 * w1, total)


def within(d: FloatArray, a: FloatArray, b: FloatArray, t: FloatArray) -> FloatArray:
    """P(|d·u + D| ≤ t): the distance between the true points is at most t (metres)."""
    import numpy as np

    d, a, b, t = (np.asarray(v, dtype=float) for v in (d, a, b, t))
    out = np.where(d <= t, 1.0, 0.0)
    out = np.where((a + b > 0) & (t <= 0), 0.0, out)
    # Where D, which never exceeds a + b, cannot carry the distance across t (|t − d| > a + b
    # by a clear margin), every share of the quadrature is exactly 1 or 0 and so is its result,
    # which `out` already holds: most rows of a large file, skipped.
    settled = np.abs(t - d) - (a + b) > _SETTLED * (a + b + t + d)
    random = (a + b > 0) & (t > 0) & np.isfinite(t) & ~settled
    if random.any():
        i = np.flatnonzero(random)
        breaks = np.stack([np.abs(a[i] - b[i]), np.abs(t[i] - d[i]), t[i] + d[i]], 1)
        out[i] = _integrate(a[i], b[i], breaks, _Within(d[i], t[i]))
    return out


def below(a: FloatArray, b: FloatArray, x: FloatArray) -> FloatArray:
    """P(n·D ≤ x): the component of D along a fixed direction is at most x (metres)."""
    import numpy as np

    a, b, x = (np.asarray(v, dtype=float) for v in (a, b, x))
    out = np.where(x >= 0, 1.0, 0.0)
    random = (a + b > 0) & np.isfinite(x)
    if random.any():
        i = np.flatnonzero(random)
        breaks = np.stack([np.abs(a[i] - b[i]), np.abs(x[i])], 1)
        out[i] = _integrate(a[i], b[i], breaks, _Below(x[i]))
    return out


def in_wedge(
    d: FloatArray, a: FloatArray, b: FloatArray, low_deg: FloatArray, high_deg: FloatArray
) -> FloatArray:
    """P(the azimuth of d·u + D, less u's, lies in [low, high] degrees): a compass sector.

    Sectors wider than 180° are one minus their complement; 360° or more is certain.
    """
    import numpy as np

    d, a, b = (np.asarray(v, dtype=float) for v in (d, a, b))
    low, high = np.radians(np.asarray(low_deg, float)), np.radians(np.asarray(high_deg, float))
    width = high - low
    wide = width > math.pi
    low, high = np.where(wide, high, low), np.where(wide, low + 2 * math.pi, high)
    # with no uncertainty: whether u itself (angle 0) lies in the sector
    fixed = np.where(np.remainder(-low, 2 * math.pi) <= high - low, 1.0, 0.0)
    out = np.where(d > 0, fixed, (high - low) / (2 * math.pi))
    random = a + b > 0
    if random.any():
        i = np.flatnonzero(random)
        breaks = np.stack(
            [np.abs(a[i] - b[i]), np.abs(np.sin(low[i]) * d[i]), np.abs(np.sin(high[i]) * d[i])], 1
        )
        out[i] = _integrate(a[i], b[i], breaks, _Wedge(d[i], low[i], high[i]))
    out = np.where(wide, 1.0 - out, out)
    return np.where(width >= 2 * math.pi, 1.0, out)


def edge_nodes(centre: float, half_width: float) -> tuple[list[float], list[float]]:
    """Gauss-Legendre nodes and weights (summing to 1) for a uniform jitter centre ± half_width."""
    if half_width <= 0:
        return [centre], [1.0]
    nodes, weights = _gauss(_EDGE_NODES)
    return [centre + half_width * float(x) for x in nodes], [float(w) / 2 for w in weights]


def as_array(values: Sequence[float]) -> FloatArray:
    import numpy as np

    return np.asarray(values, dtype=float)


class SpreadKind(Kind):
    """How a measured quantity depends on the relative displacement D of the two places."""

    #: |d·u + D| − (offset + jitter): a distance between points, or to a zone's edge
    RADIAL = "radial"
    #: s + n·D: a signed distance to a straight edge (folded: |s + n·D|, to a line)
    NORMAL = "normal"
    #: the azimuth of d·u + D: a direction from a point
    AZIMUTH = "azimuth"


@frozen
class Spread:
    """A measured quantity as a function of where the places truly are (metres, degrees).

    `a` and `b` are the uncertainty radii of the subject and the reference (or their anchors).
    """

    kind: SpreadKind
    #: RADIAL, AZIMUTH: distance d between the points; NORMAL: the signed offset s
    value: float
    a: float
    b: float
    #: RADIAL: subtracted from |d·u + D| (a zone's radius), give or take a uniform `jitter`
    offset: float = 0.0
    jitter: float = 0.0
    #: NORMAL: the quantity is |s + n·D|
    folded: bool = False
    #: the quantity is max(0, ·): a distance to an area, 0 inside
    floor: bool = False
    #: AZIMUTH: the azimuth at the stated positions, degrees
    azimuth: float = 0.0

    @property
    def fixed(self) -> bool:
        return self.a + self.b + self.jitter <= 0

    def least(self) -> float:
        """The smallest value the quantity can take: below it, no probability lies."""
        if self.floor or self.folded:
            return 0.0
        if self.kind is SpreadKind.RADIAL:
            return -(self.offset + self.jitter)
        return -math.inf

    def standard_uncertainty(self) -> float:
        """u of a length, linearised (GUM, JCGM 100:2008, 5.1.2): each place's disc of radius r
        moves the quantity along one axis, with variance r²/4 (a uniform disc's), and a zone
        edge's uniform jitter ±j adds j²/3 (a rectangular distribution's, GUM 4.3.7)."""
        return math.sqrt((self.a**2 + self.b**2) / 4 + self.jitter**2 / 3)

    def best(self) -> float:
        """The quantity at the stated positions (GUM 4.1.4: the model at the input estimates)."""
        if self.kind is SpreadKind.AZIMUTH:
            return self.azimuth
        q = self.value - self.offset if self.kind is SpreadKind.RADIAL else self.value
        q = abs(q) if self.folded else q
        return max(0.0, q) if self.floor else q


#: One term of a probability: coefficient × P(spread's quantity in interval).
Term = tuple[float, Spread, Interval]


class Batch:
    """Probabilities asked one by one, solved together in a few vectorised calls."""

    def __init__(self) -> None:
        self._terms: list[list[Term]] = []
        self.results: list[float] = []
        #: the below slots of sided queries (ask_outside); each one's above slot follows it
        self._sided: list[int] = []

    def ask(self, spread: Spread, interval: Interval) -> int:
        """The index of P(quantity ∈ interval), available in `results` after `solve`."""
        return self.ask_sum([(1.0, spread, interval)])

    def ask_outside(self, spread: Spread, interval: Interval) -> tuple[int, int]:
        """The indices of P(quantity below `interval`) and P(quantity above it): the two sides
        of its outside, each one-sided (ISO 14253-1 proves non-conformance on one side). They
        come from the very rows that P(quantity ∈ interval) takes, each row a bound's: the
        upper bound's rows give P(quantity ≤ high), the lower bound's P(quantity < low), so
        P(∈ interval) is 1 − P(below) − P(above)."""
        below = self.ask(spread, interval)
        self._sided.append(below)
        return below, self.ask_sum([])

    def ask_sum(self, terms: list[Term]) -> int:
        self._terms.append(terms)
        return len(self._terms) - 1

    def solve(self) -> None:
        calls: dict[str, _Calls] = {k: _Calls() for k in ("within", "below", "wedge")}
        fixed = [0.0] * len(self._terms)
        sided = set(self._sided)
        for index, terms in enumerate(self._terms):
            upper = index + 1 if index in sided else index
            for coef, spread, interval in terms:
                if not spread.fixed:
                    _plan(index, upper, coef, spread, interval, calls, fixed)
                elif upper == index:
                    fixed[index] += coef * _fixed_holds(spread, interval)
                else:
                    at_most, under = _fixed_sides(spread, interval)
                    fixed[upper] += coef * at_most
                    fixed[index] -= coef * under
        if not any(c.rows for c in calls.values()):  # nothing uncertain: numpy is not needed
            for low in self._sided:
                fixed[low], fixed[low + 1] = -fixed[low], 1.0 - fixed[low + 1]
            self.results = [min(1.0, max(0.0, p + 0.0)) for p in fixed]
            return
        import numpy as np

        total = np.asarray(fixed, dtype=float)
        total += calls["within"].run(len(self._terms), lambda x: within(*x))
        total += calls["below"].run(len(self._terms), lambda x: below(*x))
        total += calls["wedge"].run(len(self._terms), lambda x: in_wedge(*x))
        if self._sided:  # P(≤ high) and −P(< low) become the two sides
            lows = np.asarray(self._sided)
            total[lows], total[lows + 1] = -total[lows], 1.0 - total[lows + 1]
        self.results = [float(p) for p in np.clip(total, 0.0, 1.0) + 0.0]  # no −0.0


@dataclass
class _Calls:
    """Arguments of one vectorised function, with the query each row adds into and its weight."""

    rows: list[tuple[float, ...]] = field(default_factory=list)
    into: list[int] = field(default_factory=list)
    weight: list[float] = field(default_factory=list)

    def add(self, index: int, weight: float, *args: float) -> None:
        self.rows.append(args)
        self.into.append(index)
        self.weight.append(weight)

    def run(self, n: int, fn: Callable[[list[FloatArray]], FloatArray]) -> FloatArray:
        import numpy as np

        out = np.zeros(n)
        if self.rows:
            columns = [np.asarray(c, dtype=float) for c in zip(*self.rows, strict=True)]
            np.add.at(out, np.asarray(self.into), np.asarray(self.weight) * fn(columns))
        return out


def _fixed_sides(spread: Spread, interval: Interval) -> tuple[float, float]:
    """For a quantity without uncertainty: whether it is at most the interval's upper end, and
    whether it is below its lower end."""
    q = spread.best()
    at_most = q < interval.high if interval.high_open else q <= interval.high
    under = q <= interval.low if interval.low_open else q < interval.low
    return float(at_most), float(under)


def _fixed_holds(spread: Spread, interval: Interval) -> float:
    if spread.kind is SpreadKind.AZIMUTH:
        offset = (spread.azimuth - interval.low) % 360.0
        return float(offset <= interval.high - interval.low)
    return float(interval.contains(spread.best()))


def _plan(
    index: int,
    upper: int,
    coef: float,
    s: Spread,
    interval: Interval,
    calls: dict[str, _Calls],
    fixed: list[float],
) -> None:
    """Add rows of the vectorised calls (and constants to `fixed`) whose weighted sum is
    coef × P(quantity ∈ interval): the upper bound's into `upper`, the lower bound's into
    `index` (the same slot, unless the sides are asked apart: Batch.ask_outside)."""
    lo, hi = interval.low, interval.high
    if s.kind is SpreadKind.AZIMUTH:
        calls["wedge"].add(index, coef, s.value, s.a, s.b, lo - s.azimuth, hi - s.azimuth)
        return
    if s.floor and lo <= 0:
        lo = -math.inf  # max(0, q) ≥ lo always holds
    if s.kind is SpreadKind.RADIAL:
        nodes, weights = edge_nodes(s.offset, s.jitter)
        for node, w in zip(nodes, weights, strict=True):
            if math.isfinite(hi):
                calls["within"].add(upper, coef * w, s.value, s.a, s.b, hi + node)
            else:
                fixed[upper] += coef * w
            if math.isfinite(lo) and lo + node > 0:
                calls["within"].add(index, -coef * w, s.value, s.a, s.b, lo + node)
        return
    # each bound with its sign and the slot it adds into: the upper bound's side or the lower's
    pieces = [((hi, coef, upper), (lo, -coef, index))]
    if s.folded:  # |q| ∈ [lo, hi]: q ∈ [lo, hi] or q ∈ [−hi, −lo]
        pieces = (
            [((hi, coef, upper), (-hi, -coef, upper))]
            if lo <= 0
            else [
                ((hi, coef, upper), (lo, -coef, index)),
                ((-lo, coef, index), (-hi, -coef, upper)),
            ]
        )
    for piece in pieces:
        for bound, sign, into in piece:
            if math.isinf(bound):
                fixed[into] += sign if bound > 0 else 0.0
            else:
                calls["below"].add(into, sign, s.a, s.b, bound - s.value)
