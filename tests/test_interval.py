"""Intervals of lengths: intersection and inclusion, open and closed ends."""

from __future__ import annotations

import math

import pytest

from claimcheck.grammar.interval import Interval


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
