"""claimcheck.render.naming: places by name, as every output names them."""

from __future__ import annotations

import pytest

from claimcheck.render import naming
from claimcheck.render.naming import definite, named

LABELS = {"al-tanf-crossing": "al-Tanf border crossing", "geonames:167300": "Maqhá"}


def test_country_names() -> None:
    assert naming.country_name("KW") == "Kuwait"
    assert naming.country_name("sy") == "Syria"
    assert naming.country_name(None) is None
    assert naming.country_name("XX") is None


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


@pytest.mark.parametrize(
    ("name", "in_a_sentence"),
    [
        # a Hurricane Laura report read "is inside United States of America" and "the coast of
        # United Kingdom": names with a common noun for the state, and plural ones, take "the"
        ("United States of America", "the United States of America"),
        ("coast of United Kingdom", "the coast of the United Kingdom"),
        ("Netherlands", "the Netherlands"),
        ("Czech Republic", "the Czech Republic"),
        ("Democratic Republic of the Congo", "the Democratic Republic of the Congo"),
        ("Solomon Islands", "the Solomon Islands"),
        ("United Arab Emirates", "the United Arab Emirates"),
        ("The Gambia", "The Gambia"),  # Natural Earth writes its article
        ("coast of Syria", "the coast of Syria"),
        ("Syria", "Syria"),
        ("Union Square", "Union Square"),  # the noun must end the name or come before "of"
        ("Kingdom Centre", "Kingdom Centre"),
        ("Tower 22", "Tower 22"),
    ],
)
def test_country_names_take_the_article_a_sentence_needs(name: str, in_a_sentence: str) -> None:
    assert definite(name) == in_a_sentence


@pytest.mark.parametrize(
    ("name", "in_a_sentence"),
    [
        # the Grindavík story's report read "an area … where eruption site of 18 December 2023
        # can be" (trial5)
        ("eruption site of 18 December 2023", "the eruption site of 18 December 2023"),
        ("site of the coalition air strike", "the site of the coalition air strike"),
        ("al-Tanf garrison", "the al-Tanf garrison"),
        ("al-Shamiyah", "al-Shamiyah"),  # a proper name in lower case stays as it is
        ("Port Arthur", "Port Arthur"),
        # a trial on the 2016 Fox Creek wildfire: "Fox Creek wildfire has no coordinates"
        ("Fox Creek wildfire", "the Fox Creek wildfire"),
        # the Pylos shipwreck trial: "Shipwreck is 47 nautical miles south-west of Pýlos", "no
        # source gives a position for shipwreck": a one-word name in lower case is a noun too
        ("shipwreck", "the shipwreck"),
        ("plane", "the plane"),
        ("Pylos", "Pylos"),
        # the Aktau crash trial's report read "the Aktau International Airport"
        ("Aktau International Airport", "Aktau International Airport"),
        ("Kramatorsk airport", "the Kramatorsk airport"),
        ("Ras al-Khaimah", "Ras al-Khaimah"),  # a particle in lower case is no head noun
        ("Sant Julià de Lòria", "Sant Julià de Lòria"),
        ("les Escaldes", "les Escaldes"),
        ("Hurricane Laura's centre", "Hurricane Laura's centre"),  # a possessive determines it
        ("quake's epicentre", "the quake's epicentre"),  # ... a proper name's, not a noun's
        # a trial on Hurricane Idalia: "no source gives a position for center of Hurricane Idalia"
        ("center of Hurricane Idalia", "the center of Hurricane Idalia"),
        ("centre of the storm", "the centre of the storm"),
    ],
)
def test_a_description_takes_the(name: str, in_a_sentence: str) -> None:
    assert definite(name) == in_a_sentence
