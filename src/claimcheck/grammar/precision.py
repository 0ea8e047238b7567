"""How precisely a written figure is meant: its readings, from a cited model of how people round.

A figure such as "150 km" is not a point: a writer rounds, and a reader knows it. The model, with
its sources (docs/rules.md lists them in full):

- **Scale granularity** (Krifka 2009, "Approximate interpretations of number words"; Solt 2014,
  "An alternative theory of imprecision"): a number is read on a scale of steps, and the truth
  lies within half a step of it. The steps people use are powers of ten and their halves
  (1, 5, 10, 50, 100, …): Jansen & Pollmann 2001 ("On round numbers") find 10-ness and 5-ness
  among the properties that make a number round.
- **The finest reading** is the step of the figure's last significant digit: "70" is rounded to
  tens (65–75), "34" to whole numbers, "2.5" to tenths. A writer who knew 71 would have written 71.
- **The coarsest reading** is the largest step the number is a whole multiple of, at least twice:
  "150" on a scale of fifties (125–175), "100" on one of fifties (75–125). At least twice, because
  a figure that is the first step of its scale ("100" counted in hundreds, 50–150) is not what
  anyone means by it.
- **Pragmatic halos** (Lasersohn 1999): how far a figure may stray is set by the reading; an
  exactifier ("exactly", "precisely") shrinks it to the figure's written digits, trailing zeros
  included.
- **Round and hedged** (Williams & Power 2013, "Hedging and rounding in numerical expressions",
  reading studies): readers take unhedged round numbers as approximations and unhedged non-round
  ones as precise; a hedge before a round number changes little, before a non-round one it moves
  the reading towards approximate. So a bare figure gets its coarse reading only when it is round
  (a whole multiple of ten), and "about" always gets it, with at least a stated fraction of the
  figure (5 % unless a claims file's `defaults:` says otherwise).
- **A cap**: no reading allows more than a quarter of the figure either way (`HALO_CAP`); that is
  the widest halo the two-steps rule gives, so it only ever bites on "1", "10", "100", … .

Where the fine and the coarse reading differ, a value between them is decided by the reading,
not by the data: verdicts call that band inconclusive and say which reading decides.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from claimcheck.frozen import frozen

#: No reading allows more than this fraction of the figure either side.
HALO_CAP = Decimal("0.25")
#: The least slack of a hedged figure ("about 34 mi" is 34 ± 1.7 mi), unless a file says otherwise.
ABOUT_FRACTION = Decimal("0.05")
_TEN = Decimal(10)


@frozen
class Reading:
    """One way to read a figure: how far the truth may lie from it, in the figure's unit."""

    half_width: Decimal
    #: why: "to tens", "to fifties", "5 % for 'about'", "capped at 25 % of the figure"
    why: str


@frozen
class Readings:
    """The finest and the coarsest reading of a figure (equal when it has one reading)."""

    fine: Reading
    coarse: Reading

    @property
    def ambiguous(self) -> bool:
        return self.fine.half_width != self.coarse.half_width


def last_digit_step(value: Decimal) -> Decimal:
    """The step of the last significant digit: 34 -> 1, 70 -> 10, 1,200 -> 100, 2.5 -> 0.1."""
    if value == 0:
        return Decimal(1)
    return Decimal(1).scaleb(int(value.normalize().as_tuple().exponent))


def written_step(value: Decimal) -> Decimal:
    """The step of the last written digit, trailing zeros included: 100 -> 1, 2.50 -> 0.01."""
    return Decimal(1).scaleb(min(0, int(value.as_tuple().exponent)))


def is_round(value: Decimal) -> bool:
    """A whole multiple of ten: the numbers readers take as approximations when unhedged."""
    return value != 0 and value % _TEN == 0


def _levels(fine: Decimal, value: Decimal) -> list[Decimal]:
    """Scale steps from `fine` up to the figure: 1, 5, 10, 50, … times `fine`'s power of ten."""
    steps = []
    power = fine
    while power <= value:
        steps += [power, power * 5]
        power *= _TEN
    return [s for s in steps if s <= value]


def coarsest_step(value: Decimal) -> Decimal:
    """The largest scale step that the figure is at least two whole steps of (150 -> 50)."""
    fine = last_digit_step(value)
    best = fine
    for step in _levels(fine, value):
        count = value / step
        if count >= 2 and count == count.to_integral_value():
            best = max(best, step)
    return best


def _significant(value: Decimal) -> int:
    """Significant digits: 31 -> 2, 50 -> 1, 15.5 -> 3."""
    return len(value.normalize().as_tuple().digits)


def _pct(fraction: Decimal) -> str:
    return f"{(fraction * 100).normalize():f} %"


def _step_name(step: Decimal) -> str:
    names = {Decimal("0.1"): "tenths", Decimal("0.5"): "halves", Decimal(1): "whole numbers",
             Decimal(5): "fives", Decimal(10): "tens", Decimal(50): "fifties",
             Decimal(100): "hundreds", Decimal(500): "five hundreds",
             Decimal(1000): "thousands"}  # fmt: skip
    return names.get(step.normalize(), f"steps of {step.normalize():f}")


def _reading(
    value: Decimal, step: Decimal, floor: Decimal = Decimal(0), hedge: str = ""
) -> Reading:
    half = step / 2
    why = f"as rounded to {_step_name(step)}"
    if floor > half:
        half, why = floor, f"as 'about' allows, at least {hedge} of the figure either way"
    cap = value * HALO_CAP
    if half > cap:
        half, why = cap, f"{why}, capped at {_pct(HALO_CAP)} of the figure"
    return Reading(half, why)


@lru_cache(maxsize=4096)
def readings(value: Decimal, hedged: bool, about_fraction: Decimal = ABOUT_FRACTION) -> Readings:
    """The readings of a bare figure (`hedged` False) or of one after "about" and its kin."""
    fine_step = last_digit_step(value)
    coarse_step = coarsest_step(value) if hedged or is_round(value) else fine_step
    floor = value * about_fraction if hedged else Decimal(0)
    hedge = _pct(about_fraction)
    return Readings(
        _reading(value, fine_step, floor, hedge), _reading(value, coarse_step, floor, hedge)
    )


def exact_reading(value: Decimal) -> Readings:
    """ "exactly 100 km": the written digits count, trailing zeros included (100 ± 0.5)."""
    step = written_step(value)
    reading = Reading(step / 2, f"as exact to its last written digit ({step.normalize():f})")
    return Readings(reading, reading)


def converted_reading(
    value: Decimal, ratio: Decimal, partner: str, hedged: bool, about_fraction: Decimal
) -> Reading | None:
    """The reading of a figure that may be a rounder figure in another unit, converted.

    News copy converts units and keeps digits the original never had (docs/rules.md, "A
    converted figure", cites Rentoul 2022 and Language Log): "about 31 miles" may be "about 50
    km" (31.07 mi). `ratio` is one unit of the figure in `partner` units (1 mi = 1.609344 km).
    The candidate is the coarsest figure in `partner` units that converts to the written digits
    and has fewer significant digits than the figure ("8 km" is not read as "5 mi"); its coarse
    reading, around the written figure, is returned (the caller keeps it where it is the wider).
    A round figure (a whole multiple of ten) is read as approximate already: None, as when no
    figure in `partner` units fits.
    """
    if is_round(value):
        return None
    step = last_digit_step(value)
    low, high = (value - step / 2) * ratio, (value + step / 2) * ratio
    best: Decimal | None = None  # the coarsest grain's candidate: grains come finest first
    for grain in _levels(Decimal(1).scaleb(-3), high):
        candidate = (value * ratio / grain).to_integral_value() * grain
        if (
            candidate > 0
            and low <= candidate < high
            and candidate / grain >= 2
            and _significant(candidate) < _significant(value)
        ):
            best = candidate
    if best is None:
        return None
    figure = best.normalize()
    theirs = readings(figure, hedged, about_fraction).coarse
    half = theirs.half_width / ratio + abs(figure / ratio - value)
    width = theirs.half_width.normalize()
    why = (
        f"as a conversion of {figure:f} {partner} read {theirs.why}"
        f" ({figure:f} ± {width:f} {partner})"
    )
    return Reading(half, why)
