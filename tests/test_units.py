from __future__ import annotations

from decimal import Decimal

import pytest

from claimcheck.grammar.units import MAX_LENGTH_M, Unit, UnitError, parse_length, rounding_step


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("45 mi", "45", Unit.MI),
        ("45 miles", "45", Unit.MI),
        ("34-mile", "34", Unit.MI),
        ("55km", "55", Unit.KM),
        ("55 kilometres", "55", Unit.KM),
        ("55 kilometers", "55", Unit.KM),
        ("1 mile", "1", Unit.MI),
        ("1,200 m", "1200", Unit.M),
        ("2.5 nmi", "2.5", Unit.NMI),
        ("300 yards", "300", Unit.YD),
        ("30,000 feet", "30000", Unit.FT),
        ("two kilometres", "2", Unit.KM),
        ("half a mile", "0.5", Unit.MI),
        ("a mile", "1", Unit.MI),
        ("a quarter-mile", "0.25", Unit.MI),
        ("a half-mile", "0.5", Unit.MI),
        ("three-quarter mile", "0.75", Unit.MI),
    ],
)
def test_written_forms(text: str, value: str, unit: Unit) -> None:
    length = parse_length(text)
    assert length.value == Decimal(value)
    assert length.unit is unit


@pytest.mark.parametrize(
    ("unit", "metres"),
    [(Unit.M, 1.0), (Unit.KM, 1000.0), (Unit.MI, 1609.344), (Unit.NMI, 1852.0),
     (Unit.YD, 0.9144), (Unit.FT, 0.3048)],
)  # fmt: skip
def test_unit_lengths_are_the_international_definitions(unit: Unit, metres: float) -> None:
    assert unit.metres == metres


def test_length_converts_to_km() -> None:
    assert parse_length("34 mi").km == pytest.approx(54.717696)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("45 leagues", "cannot read"), ("mi", "cannot read"), ("", "cannot read"),
     ("-5 km", "cannot read")],
)  # fmt: skip
def test_bad_lengths(text: str, fragment: str) -> None:
    with pytest.raises(UnitError, match=fragment):
        parse_length(text)


@pytest.mark.parametrize(
    ("figure", "step"),
    [("34", "1"), ("45", "5"), ("55", "5"), ("70", "10"), ("1200", "100"), ("2.5", "0.5"),
     ("5", "1"), ("0.4", "0.1")],
)  # fmt: skip
def test_rounding_step(figure: str, step: str) -> None:
    assert rounding_step(Decimal(figure)) == Decimal(step)


@pytest.mark.parametrize(("figure", "step"), [("35", "1"), ("2.5", "0.1"), ("70", "10")])
def test_rounding_step_without_fives(figure: str, step: str) -> None:
    assert rounding_step(Decimal(figure), fives=False) == Decimal(step)


@pytest.mark.parametrize(
    "text",
    ["9" * 400 + " km", "1" + "0" * 308 + " m", "20,100 km", "30,000 km", "12,500 mi", "1e9 km"],
)
def test_a_length_longer_than_any_distance_on_earth_is_refused(text: str) -> None:
    with pytest.raises(UnitError) as info:
        parse_length(text)
    message = str(info.value)
    assert "0 to 20,004 km" in message or "cannot read" in message
    assert len(message) < 300  # a 400-digit figure is not repeated in full


@pytest.mark.parametrize("text", ["20,000 km", "20003.9 km", "12,429 mi", "0 km", "0.5 m"])
def test_lengths_up_to_half_the_meridian_are_read(text: str) -> None:
    assert 0 <= parse_length(text).metres <= MAX_LENGTH_M


def test_the_limit_is_half_the_wgs84_meridian() -> None:
    from pyproj import Geod

    pole_to_pole = Geod(ellps="WGS84").inv(0.0, -90.0, 0.0, 90.0)[2]
    assert pytest.approx(pole_to_pole, abs=1.0) == MAX_LENGTH_M
