"""Two namesakes as references: at which separations two distances to them can both hold.

With separation D between the two places, distances x and y to them are possible together
exactly when |x − y| ≤ D ≤ x + y (the triangle inequality, which points on a surface can meet
with equality); analysis.contradictions compares that range with the measured separation.
"""

from __future__ import annotations

from claimcheck.geo.measure import Measured
from claimcheck.grammar.interval import Interval


def separation_needed(x: Interval, y: Interval) -> tuple[float, float, bool]:
    """The separations D for which some distances in x and y satisfy |dx − dy| ≤ D ≤ dx + dy.

    Returns (least D, greatest D, whether the least is excluded). Only called for disjoint
    intervals, so the least D is the gap between them.
    """
    lower, upper = (x, y) if x.high <= y.low else (y, x)
    gap = upper.low - lower.high
    strict = lower.high_open or upper.low_open
    return gap, x.high + y.high, strict


def holds_at(d: float, need_low: float, need_high: float, strict: bool) -> bool:
    above = d > need_low if strict else d >= need_low
    return above and d <= need_high


def both_can_hold(
    separation: Measured, need_low: float, need_high: float, strict: bool
) -> bool | None:
    if holds_at(separation.low, need_low, need_high, strict) and holds_at(
        separation.high, need_low, need_high, strict
    ):
        return True
    if separation.high < need_low or (strict and separation.high == need_low):
        return False
    if separation.low > need_high:
        return False
    return None
