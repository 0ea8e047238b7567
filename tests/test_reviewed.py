"""ClaimReview's claimReviewed: a short, faithful summary of each claim, from its data alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimcheck import api
from claimcheck.render.reviewed import SHORT_CHARS, shorter_names
from claimcheck.render.summary import summarize

REAL = sorted(p for p in Path("tests/data/real").iterdir() if p.is_dir())
STORIES = [Path("data"), *REAL]


def _reviewed(claims: str, places: str) -> dict[str, str]:
    report = api.verify(api.load_dataset(claims, places))
    return {s.id: s.reviewed for s in summarize(report)}


@pytest.mark.parametrize("story", STORIES, ids=[p.name for p in STORIES])
def test_every_summary_of_the_stories_is_short(story: Path) -> None:
    reviewed = _reviewed(str(story / "claims.yaml"), str(story / "places.yaml"))
    too_long = {k: v for k, v in reviewed.items() if len(v) > SHORT_CHARS}
    assert not too_long
    assert all(v[0].isupper() and not re.search(r"\([±+−]", v) and "“" not in v
               for v in reviewed.values())  # fmt: skip


@pytest.mark.parametrize(
    "story, claim, expected",
    [
        # a name that fits several places, as the claim writes it; miles spelled out
        ("data", "sana-shamiyah-45mi",
         "Al-Shamiyah is more than 45 miles from the al-Tanf border crossing"),
        # the figure as the claim words it: no tolerance read into it
        ("data", "wikipedia-garrison-24km-west-of-walid",
         "The al-Tanf garrison is about 24 km west of the al-Walid border crossing"),
        # too long with the place's name (77): its alias "Fukushima Daiichi" instead
        ("tests/data/real/fukushima", "wikipedia-iitate-39-km-northwest",
         "Iitate is about 39 km north-west of Fukushima Daiichi"),
        # a vague figure without claimcheck's range for it
        ("tests/data/real/przewodow", "visegrad24-dobrotvir-several-km",
         "The Dobrotvir power station is several km from Przewodów"),
        ("tests/data/real/tower-22", "biden-northeast-jordan",
         "Tower 22 is in north-eastern Jordan"),
        # too long with the place's name: the name the quote uses, though a namesake shares it
        ("tests/data/real/petropavlovka", "ilgiornale-140km-from-border",
         "Petropavlovka is 140 km from the Russia–Ukraine border"),
        # a one-sided hedge without its slack
        ("tests/data/real/romania-drone", "ukrinform-dumitra-just-over-100km-south-of-border",
         "Dumitra is just over 100 km south of the Romania–Ukraine border"),
    ],
)  # fmt: skip
def test_summaries_say_what_the_claim_says(story: str, claim: str, expected: str) -> None:
    reviewed = _reviewed(f"{story}/claims.yaml", f"{story}/places.yaml")
    assert reviewed[claim] == expected


PLACES = """
places:
  - id: plant
    name: The Very Long Official Name of the Nuclear Power Generating Station
    aliases: [{aliases}]
    lat: 37.42
    lon: 141.03
    uncertainty: 1 km
    source: {{title: test}}
  - id: village
    name: Iitate
    aliases: [Station]
    lat: 37.68
    lon: 140.73
    uncertainty: 1 km
    source: {{title: test}}
"""
CLAIMS = """
claims:
  - id: c
    quote: Iitate is 40 km from the plant
    claimant: test
    source: {title: test}
    subject: village
    distance: 40 km
    from: plant
"""


@pytest.mark.parametrize(
    "aliases, expected",
    [
        # no shorter name: it stays long, still naming both places
        ("", "Iitate is 40 km from The Very Long Official Name of the Nuclear Power "
             "Generating Station"),
        # an alias in another script, or one another place goes by, is not used
        ("福島第一原子力発電所, Station", "Iitate is 40 km from The Very Long Official Name of "
                                           "the Nuclear Power Generating Station"),
        # the longest alias that makes it fit
        ("Nuclear Power Generating Station, NPGS", "Iitate is 40 km from the Nuclear "
                                                   "Power Generating Station"),
        # but first the name the claim's quote uses
        ("Nuclear Power Generating Station, the plant", "Iitate is 40 km from the plant"),
    ],
)  # fmt: skip
def test_a_long_name_gives_way_only_to_a_shorter_name_of_the_same_place(
    aliases: str, expected: str
) -> None:
    report = api.verify(api.loads(CLAIMS, PLACES.format(aliases=aliases)))
    (summary,) = summarize(report)
    assert summary.reviewed == expected


def test_a_gazetteer_s_names_in_other_languages_do_not_shorten_a_summary() -> None:
    """Lake Charles's entry has GeoNames' alternate names as aliases; "Lejk Charls" (a
    romanisation from Serbian) is shorter, and once shortened a summary to 75 characters. Only
    a name the quote uses, or a short form sharing a word with the name, may stand for it."""
    laura = Path("tests/data/real/hurricane-laura")
    gazetteer = api.load_dataset(str(laura / "claims.yaml"), str(laura / "places.yaml")).gazetteer
    place = gazetteer.get("lake-charles")
    assert place is not None and "Lejk Charls" in place.names
    assert shorter_names(place, gazetteer, "Lake Charles", "a quote") == []
    assert shorter_names(place, gazetteer, "Lake Charles", "Lejk Charls said") == ["Lejk Charls"]
    seas = Path("tests/data/real/magic-seas")
    yemen = api.load_dataset(str(seas / "claims.yaml"), str(seas / "places.yaml")).gazetteer
    hodeidah = yemen.get("hodeidah")
    assert hodeidah is not None
    offered = shorter_names(hodeidah, yemen, hodeidah.name, "a quote")
    assert "Hudaida" in offered and "Al Xudayda" not in offered  # the same name; another's
    centre = gazetteer.get("laura-centre-0100cdt")
    assert centre is not None
    assert shorter_names(centre, gazetteer, centre.name, "a quote") == ["Hurricane Laura's centre"]
