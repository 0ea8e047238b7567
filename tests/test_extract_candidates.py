"""claimcheck.claims.extract.candidates: which of a name's places a reader means, on the
evaluation's gazetteer (real GeoNames rows, bench/extract_eval.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.claims.extract import Draft, extract
from claimcheck.claims.extract.candidates import _dwarfs_the_rest
from claimcheck.gazetteer.places import Gazetteer, Place, PlaceKind, Source

ROOT = Path(__file__).resolve().parent.parent


def _only(text: str, gazetteer: Gazetteer) -> Draft:
    (draft,) = [d for d in extract(text, gazetteer) if d.value is not None]
    return draft


def _town(population: int | None) -> Place:
    return Place(f"geonames:{population}", "X", PlaceKind.POINT, Source("t"), lat=0.0, lon=0.0,
                 population=population)  # fmt: skip


@pytest.mark.parametrize(
    ("populations", "dwarf"),
    [
        ((710_052, 656, 1_073), 710_052),  # Zaporizhzhya the city and two villages
        ((60_127, 9_763), None),  # two towns a writer might each mean (6x, not 100x)
        ((14_000, 10), None),  # under GeoNames' major-city bar of 15,000
        ((20_000, None), 20_000),  # unknown counts as none
    ],
)
def test_a_place_dwarfs_the_rest_at_a_hundred_times(
    populations: tuple[int | None, ...], dwarf: int | None
) -> None:
    found = _dwarfs_the_rest([_town(p) for p in populations])
    assert (found.population if found else None) == dwarf


def test_the_city_a_spelling_names_for_a_village_is_the_city(articles_index: Gazetteer) -> None:
    """GeoNames spells the city "Zaporizhzhya" and a village of 656 "Zaporizhzhia"."""
    draft = _only("Orikhiv is in a vast plain located around 60 kilometres (37 miles) from the "
                  "city of Zaporizhzhia.", articles_index)  # fmt: skip
    assert draft.reference_ids == ("geonames:687700",)


def test_a_demonym_border_is_the_one_nearest_a_known_subject(articles_index: Gazetteer) -> None:
    draft = _only("Hooded gunmen attacked a shop in the northeastern town of Wajir, about 100km "
                  "from the Somali border.", articles_index)  # fmt: skip
    assert draft.reference_ids == ("border:KE-SO",)


def test_a_demonym_border_with_nothing_to_be_near_lists_each(articles_index: Gazetteer) -> None:
    draft = _only("The town is about 100 kilometers from the Somali border.", articles_index)
    assert draft.reference_ids == ("border:DJ-SO", "border:ET-SO", "border:KE-SO")


def test_a_subject_of_one_country_names_the_border(articles_index: Gazetteer) -> None:
    """Three villages are called Topoli, all in Ukraine: "the Russian border" is Russia's with
    Ukraine, and then the Topoli by it is the one meant."""
    drafts = [d for d in extract("The settlements of Stroivka and Topoli, lying little more "
                                 "than a kilometer from the Russian border, remained empty.",
                                 articles_index) if d.subject == "Topoli"]  # fmt: skip
    assert [(d.subject_ids, d.reference_ids) for d in drafts] == [
        (("geonames:691393",), ("border:RU-UA",))
    ]
