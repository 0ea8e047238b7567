"""claimcheck.claims.extract.values: a matched figure's value and conversion, read with the
claims-file grammar (docs/commands/extract.md, "What it reads")."""

from __future__ import annotations

import pytest

from claimcheck.claims.extract import extract
from claimcheck.claims.extract.output import conversion_words


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


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # "the text's 50 mi is correct" said nothing of how it was rounded (Morocco trial)
        ("It was around 75 km (50 miles) southwest of Marrakech.",
         "the text's 50 mi is 75 km rounded to the nearest 10 mi"),
        ("The town is 55 kilometres (34 miles) from the border.",
         "the text's 34 mi is 55 km rounded to a whole number"),
        ("The town is 55 kilometres (35 miles) from the border.",
         "the text's 35 mi is NOT 55 km rounded to a whole number (34 mi would be)"),
        ("It is only about 7 km (4.5 miles) north of the border.",
         "the text's 4.5 mi is NOT 7 km rounded to the nearest 0.1 mi (4.3 mi would be)"),
    ],
)  # fmt: skip
def test_a_conversion_says_how_it_was_rounded(text: str, words: str) -> None:
    (draft,) = [d for d in extract(text) if d.conversion is not None]
    assert draft.conversion is not None
    assert conversion_words(draft.conversion) == words
