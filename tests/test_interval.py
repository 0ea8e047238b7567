"""Intervals of lengths: intersection and inclusion, open and closed ends; how ends are written."""

from __future__ import annotations

import math

import pytest

from claimcheck.grammar.interval import Interval, written_end


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (Interval(0, 10), Interval(10, 20), Interval(10, 10)),
        (Interval(0, 10, high_open=True), Interval(10, 20), None),
        (Interval(0, 10), Interval(10, 20, low_open=True), None),
        (Interval(0, 10), Interval(5, math.inf, low_open=True), Interval(5, 10, low_open=True)),
        (Interval(0, 4), Interval(5, 6), None),
    ],
)
def test_interval_intersection(a: Interval, b: Interval, expected: Interval | None) -> None:
    assert a.intersection(b) == expected
    assert b.intersection(a) == expected
    assert a.overlaps(b) is (expected is not None)


def test_interval_includes() -> None:
    assert Interval(0, 10).includes(Interval(2, 3))
    assert not Interval(0, 10, high_open=True).includes(Interval(2, 10))


@pytest.mark.parametrize(
    ("value", "half", "written"),
    [
        (11.8832, 4.1168, "11.88"),  # "16 kilometres (10 miles)": 10 mi read leniently
        (20.1168, 4.1168, "20.12"),
        (33.5, 0.5, "33.5"),  # "34 mi" to the nearest mile
        (62.55, 0.05, "62.55"),
        (52.25, 2.75, "52.25"),  # "about 55 km" (±5 %)
        (1234.5678, 250.0, "1,235"),
        (120.0, 5.0, "120"),
        (0.25, 0.0, "0.25"),  # no width: three decimals at most
    ],
)
def test_an_end_is_written_to_its_half_widths_precision(
    value: float, half: float, written: str
) -> None:
    assert written_end(value, half) == written
