"""claimcheck.render.words: the engine's wording for the published reports."""

from __future__ import annotations

from claimcheck.render.words import readable

LABELS = {"al-tanf-crossing": "al-Tanf border crossing", "geonames:167300": "Maqhá"}


def test_readable_drops_the_command_the_text_output_keeps() -> None:
    text = "al-tanf-crossing has no coordinates: `claimcheck locate al-tanf-crossing` shows where"
    assert readable(text, LABELS) == "al-Tanf border crossing has no coordinates"
