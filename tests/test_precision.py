"""grammar.precision: the readings of a written figure, from the cited model of rounding."""

from __future__ import annotations

from decimal import Decimal

import pytest

from claimcheck.grammar.precision import (
    HALO_CAP,
    coarsest_step,
    converted_reading,
    is_round,
    last_digit_step,
    readings,
    written_step,
)
from claimcheck.grammar.relations import parse_requirement

KM, MI = 1000.0, 1609.344


@pytest.mark.parametrize(
    ("figure", "last", "coarsest"),
    [
        ("34", "1", "1"),
        ("35", "1", "5"),
        ("70", "10", "10"),
        ("100", "100", "100"),
        ("150", "10", "50"),
        ("200", "100", "100"),
        ("500", "100", "100"),  # 500 is one step of five hundreds: not read that coarsely
        ("1200", "100", "100"),
        ("2.5", "0.1", "0.5"),
    ],
)
def test_steps(figure: str, last: str, coarsest: str) -> None:
    value = Decimal(figure)
    assert last_digit_step(value) == Decimal(last)
    assert coarsest_step(value) == Decimal(coarsest)


ROUND = [("70", True), ("100", True), ("35", False), ("45", False), ("2.5", False), ("1200", True)]


@pytest.mark.parametrize(("figure", "round_"), ROUND)
def test_round_numbers_are_whole_multiples_of_ten(figure: str, round_: bool) -> None:
    assert is_round(Decimal(figure)) is round_


def test_trailing_zeros_count_only_after_exactly() -> None:
    assert written_step(Decimal("100")) == 1
    assert written_step(Decimal("2.50")) == Decimal("0.01")


@pytest.mark.parametrize(
    ("figure", "hedged", "fine", "coarse"),
    [
        ("34", False, "0.5", "0.5"),  # not round: precise (Williams & Power 2013)
        ("35", False, "0.5", "0.5"),  # not round: no reading to fives unhedged
        ("35", True, "1.75", "2.5"),  # hedged: 5 % or to fives
        ("70", False, "5", "5"),
        ("100", False, "25", "25"),  # to hundreds would be ±50: capped at 25 %
        ("150", False, "5", "25"),  # round: to tens or to fifties
        ("150", True, "7.5", "25"),  # hedged: at least 5 % of the figure
        ("500", True, "50", "50"),
    ],
)
def test_readings(figure: str, hedged: bool, fine: str, coarse: str) -> None:
    found = readings(Decimal(figure), hedged)
    assert (found.fine.half_width, found.coarse.half_width) == (Decimal(fine), Decimal(coarse))


@pytest.mark.parametrize("figure", ["1", "10", "100", "20", "150", "999", "45", "2.5"])
@pytest.mark.parametrize("hedged", [False, True])
def test_no_reading_exceeds_the_cap(figure: str, hedged: bool) -> None:
    found = readings(Decimal(figure), hedged)
    assert found.coarse.half_width <= Decimal(figure) * HALO_CAP
    assert found.fine.half_width <= found.coarse.half_width


def test_the_file_policy_widens_about() -> None:
    assert readings(Decimal("24"), True, Decimal("0.1")).fine.half_width == Decimal("2.4")


@pytest.mark.parametrize(
    ("text", "true_m", "holds_strict", "holds_lenient"),
    [
        ("100 km", 71 * KM, False, False),
        ("70 km", 71 * KM, True, True),
        ("about 150 km", 122.8 * KM, False, False),
        ("about 500 km", 540 * KM, True, True),
        ("34 mi", 55 * KM, True, True),  # the 34-mile zone: 55 km is 34.18 mi
        ("35 mi", 55 * KM, False, False),  # the 35-mile zone: a misconversion
        ("about 45 mi", 43.2 * MI, True, True),
        ("about 150 km", 140 * KM, False, True),  # the band the reading decides
    ],
)
def test_acceptance_intervals(
    text: str, true_m: float, holds_strict: bool, holds_lenient: bool
) -> None:
    """Issue 13, item 1, at the level of the intervals each reading allows."""
    requirement = parse_requirement(text)
    assert requirement.strict().contains(true_m) is holds_strict
    assert requirement.acceptable().contains(true_m) is holds_lenient


def test_exactly_counts_every_written_digit() -> None:
    got = parse_requirement("exactly 100 km").acceptable()
    assert (got.low, got.high) == (99_500.0, 100_500.0)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("150 km", "150 km (±5 or ±25 km)"),
        ("about 45 mi", "about 45 mi (±2.25 or ±2.5 mi)"),
        ("34-mile", "34 mi (±0.5 mi)"),
        ("exactly 34 mi", "exactly 34 mi (±0.5 mi)"),
    ],
)
def test_a_requirement_shows_the_slack_of_each_reading(text: str, words: str) -> None:
    assert str(parse_requirement(text)) == words


MI_IN_KM = Decimal("1.609344")


@pytest.mark.parametrize(
    ("figure", "ratio", "partner", "hedged", "original", "half"),
    [
        # "about 31 miles": 50 km (31.07 mi) read to tens, ±5 km, and the 0.07 mi rounded off
        ("31", MI_IN_KM, "km", True, "50 km", "3.1754"),
        ("31", MI_IN_KM, "km", False, "50 km", "3.1754"),
        # Rentoul's "15.5 miles": 25 km, bare, read to whole numbers
        ("15.5", MI_IN_KM, "km", False, "25 km", "0.3450"),
        # "about 62 miles": 100 km, read to hundreds and capped at a quarter, ±25 km
        ("62", MI_IN_KM, "km", True, "100 km", "15.6714"),
        # km from miles: "about 8 km" is 5 mi converted (8.05 km), one significant digit each
        ("8", 1 / MI_IN_KM, "mi", True, None, None),
        # a round figure is read as approximate already
        ("40", 1 / MI_IN_KM, "mi", True, None, None),
        # 28 mi is 45 km converted, but both have two significant digits
        ("28", MI_IN_KM, "km", True, None, None),
        # 33 mi is 53.1 km: no rounder figure converts to it
        ("33", MI_IN_KM, "km", True, None, None),
    ],
)
def test_a_figure_may_be_a_rounder_one_converted(
    figure: str, ratio: Decimal, partner: str, hedged: bool, original: str | None, half: str | None
) -> None:
    got = converted_reading(Decimal(figure), ratio, partner, hedged, Decimal("0.05"))
    if original is None:
        assert got is None
        return
    assert got is not None
    assert got.why.startswith(f"as a conversion of {original} ")
    assert got.half_width.quantize(Decimal("0.0001")) == Decimal(half)


def test_nautical_miles_are_no_figure_a_km_figure_was_converted_from() -> None:
    """The USGS's "37 km" (Port Vila, 17 December 2024) is 20 nmi to the digit; nautical miles
    are rare in converted copy, so it keeps its own reading."""
    assert str(parse_requirement("37 km")) == "37 km (±0.5 km)"
    assert str(parse_requirement("16 km")) == "16 km (±0.5 or ±4.12 km)"  # 10 miles converted


def test_a_converted_figure_widens_only_the_coarse_reading() -> None:
    """The fine reading stays the figure's own; the band between them is the reading's to decide."""
    requirement = parse_requirement("about 31 mi")
    assert str(requirement) == "about 31 mi (±1.55 or ±3.18 mi)"
    assert requirement.strict().contains(26.4 * MI) is False
    assert requirement.acceptable().contains(28.0 * MI) is True
    assert str(parse_requirement("about 30 mi")) == "about 30 mi (±5 mi)"
