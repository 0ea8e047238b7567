"""Intervals of lengths: what a claimed figure allows, and what a measurement gives.

Apart from `relations` (which reads "more than 45 mi" into one, with the grammar's regular
expressions), so that what only measures (`claimcheck distance`, the probabilities) imports the
interval and not the grammar that reads claims.
"""

from __future__ import annotations

from claimcheck.frozen import frozen


@frozen
class Interval:
    """A set of lengths in metres, each end open or closed; `high` may be infinite."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def contains(self, value: float) -> bool:
        above = value > self.low if self.low_open else value >= self.low
        below = value < self.high if self.high_open else value <= self.high
        return above and below

    def includes(self, other: Interval) -> bool:
        """True when every value of `other` (a closed interval) lies in this one."""
        return self.contains(other.low) and self.contains(other.high)

    def intersection(self, other: Interval) -> Interval | None:
        """The values in both, or None; at equal ends the open one wins."""
        if (self.low, self.low_open) >= (other.low, other.low_open):
            low, low_open = self.low, self.low_open
        else:
            low, low_open = other.low, other.low_open
        if (self.high, not self.high_open) <= (other.high, not other.high_open):
            high, high_open = self.high, self.high_open
        else:
            high, high_open = other.high, other.high_open
        if low < high or (low == high and not low_open and not high_open):
            return Interval(low, high, low_open, high_open)
        return None

    def overlaps(self, other: Interval) -> bool:
        return self.intersection(other) is not None
