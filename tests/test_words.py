"""Places named in the engine's wording: the one way text output and reports do it."""

from __future__ import annotations

import pytest

from claimcheck.render.words import named, readable

LABELS = {"al-tanf-crossing": "al-Tanf border crossing", "geonames:167300": "Maqhá"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "the distance from geonames:167300 to al-tanf-crossing is 43.2 mi.",
            "the distance from Maqhá to al-Tanf border crossing is 43.2 mi.",
        ),
        ("'al-tanf-crossing' fits", "al-Tanf border crossing fits"),  # the quotes go with the id
        ("(al-tanf-crossing), [geonames:167300: x]", "(al-Tanf border crossing), [Maqhá: x]"),
        ("éal-tanf-crossing and al-tanf-crossings", "éal-tanf-crossing and al-tanf-crossings"),
        ("al-tanf-crossing-2 and xal-tanf-crossing", "al-tanf-crossing-2 and xal-tanf-crossing"),
        (  # a command needs the id
            "al-tanf-crossing: `claimcheck locate al-tanf-crossing` shows it",
            "al-Tanf border crossing: `claimcheck locate al-tanf-crossing` shows it",
        ),
        ("no place here", "no place here"),
    ],
)
@pytest.mark.parametrize("others", [0, 40])  # a claim's own few places, or a whole file's
def test_named_replaces_ids_outside_commands(text: str, expected: str, others: int) -> None:
    labels = {**LABELS, **{f"place-{i}": f"Place {i}" for i in range(others)}}
    assert named(text, labels) == expected


def test_readable_drops_the_command_the_text_output_keeps() -> None:
    text = "al-tanf-crossing has no coordinates: `claimcheck locate al-tanf-crossing` shows where"
    assert readable(text, LABELS) == "al-Tanf border crossing has no coordinates"
