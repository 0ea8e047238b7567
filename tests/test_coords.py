from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.grammar.coords import (
    CoordinateError,
    LatLon,
    format_dms,
    parse_coordinates,
    written_steps,
)

TANF_DMS = (33 + 30 / 60 + 21 / 3600, 38 + 37 / 60 + 4 / 3600)


@pytest.mark.parametrize(
    ("text", "lat", "lon"),
    [
        ("33.50583, 38.61778", 33.50583, 38.61778),
        ("33.50583 38.61778", 33.50583, 38.61778),
        ("33.50583,38.61778", 33.50583, 38.61778),
        ("-33.5; -70.6", -33.5, -70.6),
        ("−33.5, +70.6", -33.5, 70.6),  # U+2212 minus
        ("33°30′21″N 38°37′04″E", *TANF_DMS),
        ("33°30'21\"N, 38°37'04\"E", *TANF_DMS),
        ("33°30’21”N 38°37’04”E", *TANF_DMS),
        ("33°30′21''N 38°37′04''E", *TANF_DMS),
        ("33º30′21″N 38º37′04″E", *TANF_DMS),  # ordinal º for °
        ("33 30 21 N 38 37 04 E", *TANF_DMS),
        ("33 30 21, 38 37 04", *TANF_DMS),
        ("33°30′21″ 38°37′04″", *TANF_DMS),
        ("38°37′04″E 33°30′21″N", *TANF_DMS),
        ("N33°28'56.58\" E038°39'14.63\"", 33 + 28/60 + 56.58/3600, 38 + 39/60 + 14.63/3600),
        ("33°30.35′N 38°37.07′E", 33 + 30.35 / 60, 38 + 37.07 / 60),
        ("33 30.35 N 38 37.07 E", 33 + 30.35 / 60, 38 + 37.07 / 60),
        ("33.5058N 38.6178E", 33.5058, 38.6178),
        ("33.5058n 38.6178e", 33.5058, 38.6178),
        ("33.5058° N, 38.6178° E", 33.5058, 38.6178),
        ("38.6178E 33.5058N", 33.5058, 38.6178),
        ("S 12.5, W 77.1", -12.5, -77.1),
        ("12°30′S 77°06′W", -12.5, -77.1),
        ("0 N 0 E", 0.0, 0.0),
        ("90, 180", 90.0, -180.0),
        ("-90, -180", -90.0, -180.0),
        ("10, 200", 10.0, -160.0),
        ("10N 350E", 10.0, -10.0),
    ],
)  # fmt: skip
def test_notations(text: str, lat: float, lon: float) -> None:
    got = parse_coordinates(text)
    assert got.lat == pytest.approx(lat, abs=1e-9)
    assert got.lon == pytest.approx(lon, abs=1e-9)


def test_result_is_a_latlon() -> None:
    assert parse_coordinates("33.5, 38.6") == LatLon(33.5, 38.6)


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ("", ["no coordinates"]),
        ("   ", ["no coordinates"]),
        ("120.5, 38.6", ["latitude 120.5 is out of range", "did you swap lat/lon?",
                         "write '38.6, 120.5' or add N/E letters"]),
        ("-120.5, -38.6", ["did you swap", "write '-38.6, -120.5' or add S/W letters"]),
        ("120.5N 38.6E", ["latitude 120.5N is out of range", "±90"]),
        ("95, 120", ["latitude 95 is out of range", "±90"]),
        ("33.5, 400", ["longitude 400 is out of range"]),
        ("33 75 N 38 E", ["minutes 75 must be below 60"]),
        ("33°30′60″N 38°E", ["seconds 60 must be below 60"]),
        ("nan, 38.6", ["'nan' is not a finite number"]),
        ("33.5, -inf", ["'inf' is not a finite number"]),
        ("33.5, Infinity", ["'Infinity' is not a finite number"]),
        ("33.5N 38.6S", ["both numbers are marked N/S", "must be E or W"]),
        ("33.5E 38.6W", ["both numbers are marked E/W", "must be N or S"]),
        ("33.5, 38.6 approx", ["unexpected 'approx' at column 12"]),
        ("33.5, 38.6 (info)", ["unexpected '(info)'"]),
        ("33.5N 38.6E N", ["hemisphere letters 'NEN'"]),
        ("33.5N 38.6", ["hemisphere letters 'N'", "one for each number"]),
        ("33,5 38,6", ["decimals with a point"]),
        ("33,5N 38.6E", ["decimals with a point"]),
        ("33.5N, E38.6", ["both hemisphere letters before", "or both after"]),
        ("33.5 38.6 12", ["cannot tell where the latitude ends", "comma"]),
        ("33 30 21 38 37 04", ["cannot tell where the latitude ends"]),
        ("33°30′ 38°37′ 12°", ["expected two values marked °, found 3"]),
        ("-33.5S 38.6E", ["minus sign and a hemisphere letter"]),
        ("33.5°30′N 38°E", ["only the last of degrees, minutes and seconds may have decimals"]),
        ("33°-30′N 38°E", ["minutes cannot carry a sign"]),
        ("33′ 38′", ["minutes where degrees belong"]),
        ("33°30″N 38°E", ["seconds where minutes belong"]),
        ("33 30 21 5 N 38 E", ["at most degrees, minutes, seconds"]),
        ("° 33, 38", ["'°' at column 1 does not follow a number"]),
        ("33.5, ", ["no number on one side of the separator"]),
        ("N 33.5 38.6 E", ["no number for 'E'"]),
        ("٣٣٫٥, ٣٨٫٦", ["unexpected"]),
    ],
)  # fmt: skip
def test_errors_say_why_and_how_to_fix(text: str, fragments: list[str]) -> None:
    with pytest.raises(CoordinateError) as info:
        parse_coordinates(text)
    for fragment in fragments:
        assert fragment in str(info.value)


def test_coordinate_error_is_a_value_error() -> None:
    assert issubclass(CoordinateError, ValueError)


@pytest.mark.parametrize(
    ("lat", "lon", "text"),
    [
        (*TANF_DMS, "33°30′21.0″N 38°37′04.0″E"),
        (-12.5, -77.1, "12°30′00.0″S 77°06′00.0″W"),
        (0.0, 0.0, "0°00′00.0″N 0°00′00.0″E"),
        (-1e-9, 190.0, "0°00′00.0″N 170°00′00.0″W"),
        (33.999999999, 38.0, "34°00′00.0″N 38°00′00.0″E"),  # rounding carries
    ],
)
def test_format_dms(lat: float, lon: float, text: str) -> None:
    assert format_dms(lat, lon) == text


@pytest.mark.parametrize(("lat", "lon"), [(91.0, 0.0), (math.nan, 0.0), (0.0, math.inf)])
def test_format_dms_rejects_non_positions(lat: float, lon: float) -> None:
    with pytest.raises(CoordinateError):
        format_dms(lat, lon)


@given(
    st.floats(min_value=-90, max_value=90, allow_nan=False),
    st.floats(min_value=-180, max_value=180, allow_nan=False, exclude_max=True),
)
def test_format_dms_round_trips_within_a_twentieth_of_a_second(lat: float, lon: float) -> None:
    back = parse_coordinates(format_dms(lat, lon))
    tolerance = 0.05 / 3600 + 1e-12
    assert abs(back.lat - lat) <= tolerance
    assert abs((back.lon - lon + 180) % 360 - 180) <= tolerance  # 180°00′00.0″E wraps to -180
    assert -180 <= back.lon < 180


# arbitrary text, and text made of coordinate characters (which reaches the deeper checks)
@given(st.text() | st.text(alphabet="0123456789.-+ ,;°′″'\"NSEWnsew"))
def test_arbitrary_text_raises_only_coordinate_error(text: str) -> None:
    try:
        got = parse_coordinates(text)
    except CoordinateError:
        return
    assert -90 <= got.lat <= 90 and -180 <= got.lon < 180


@pytest.mark.parametrize(
    ("text", "steps"),
    [
        ("29.8N 93.3W", (0.1, 0.1)),  # the National Hurricane Center's positions
        ("93.3W 29.8N", (0.1, 0.1)),  # letters fix the axes: the steps follow them
        ("33.50583, 38.61778", (1e-5, 1e-5)),
        ("-33.9,18.4", (0.1, 0.1)),
        ("33.5, 38", (0.1, 1.0)),
        ("33°30′21″N 38°37′04″E", (1 / 3600, 1 / 3600)),
        ("33°30′N 38°37.5′E", (1 / 60, 0.1 / 60)),
        ("N33 E38", (1.0, 1.0)),
        ("33.50, 38.60", (0.01, 0.01)),  # a trailing zero is a digit written
    ],
)
def test_written_steps_are_the_last_digit_of_each_axis(
    text: str, steps: tuple[float, float]
) -> None:
    assert written_steps(text) == pytest.approx(steps, rel=1e-12)


def test_written_steps_refuse_what_parse_coordinates_refuses() -> None:
    with pytest.raises(CoordinateError, match="both numbers are marked N/S"):
        written_steps("29.8N 93.3S")
