"""Intervals of lengths: what a claimed figure allows, and what a measurement gives.

Apart from `relations` (which reads "more than 45 mi" into one, with the grammar's regular
expressions), so that what only measures (`claimcheck distance`, the probabilities) imports the
interval and not the grammar that reads claims.
"""

from __future__ import annotations

import math

from claimcheck.frozen import frozen

#: significant digits of a range's half-width, to which both its ends are written
HALF_WIDTH_DIGITS = 3


def written_end(value: float, half_width: float) -> str:
    """One end of a two-sided range, in the range's unit, to the precision of its half-width
    (three significant digits): "±4.12 km" has ends 11.88 and 20.12, not 11.8832 and 20.1168;
    "±0.5 mi" has 33.5 and 34.5. Thousands separated, trailing zeros dropped."""
    if half_width > 0 and math.isfinite(half_width):
        decimals = max(0, HALF_WIDTH_DIGITS - 1 - math.floor(math.log10(half_width)))
    else:
        decimals = HALF_WIDTH_DIGITS
    text = f"{value:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


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
