"""claimcheck.claims.extract.values: a matched figure's value and conversion, read with the
claims-file grammar (docs/commands/extract.md, "What it reads")."""

from __future__ import annotations

import pytest

from claimcheck.claims.extract import extract


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The camp is a mile and a half from the border.", 1.5, "mi"),
        ("The town is two kilometres and a half from the border.", 2.5, "km"),
        ("The town is about 10 km (6 miles) from the border.", 10, "km"),
    ],
)
def test_a_figure_and_a_half(text: str, value: float, unit: str) -> None:
    (draft,) = [d for d in extract(text) if d.value is not None]
    assert (float(draft.value or 0), draft.unit) == (value, unit)


def test_and_a_half_hour_is_no_half_of_the_figure() -> None:
    """ "3 km and a half-hour drive": the half belongs to the hour, not to the 3 km."""
    assert [d.value for d in extract("It is 3 km and a half-hour drive from the border.")] == []


def test_a_conversion_is_checked_against_the_figure() -> None:
    (draft,) = extract("The town is 55 kilometres (34 miles) from the border.")
    assert draft.conversion is not None and draft.conversion.ok
