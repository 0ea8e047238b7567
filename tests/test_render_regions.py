"""render.regions: the words of each region drawn on the maps say what the region is."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from claimcheck import api
from claimcheck.render.regions import locate_regions

REAL = Path(__file__).parent / "data" / "real"


def _words(
    folder: Path, claims: str = "claims.yaml", places: str = "places.yaml"
) -> list[dict[str, str]]:
    dataset = api.load_dataset(str(folder / claims), str(folder / places))
    report = api.verify(dataset, regions=True)
    return [f["properties"] for f in locate_regions(report)]


def test_the_largest_agreeing_set_is_drawn_as_verify_names_it() -> None:
    """The Magic Seas trial's map drew claims 1 and 7 (a smallest conflict, the other seven not
    applied); a fact-checker asks where the accounts that agree put the site, which verify's
    `agree` line and the report name: claims 1, 2, 3 and 6, the other five wrong."""
    words = _words(REAL / "magic-seas")
    assert [(w["group"], w["label"]) for w in words] == [
        (
            "Where the Magic Seas attack site can be if the fewest claims are wrong (5 of 9)",
            "By claims 1, 2, 3 and 6, if claims 4, 5, 7, 8 and 9 are wrong",
        )
    ]
    assert words[0]["meaning"] == (
        "No point fits all 9 claims; at most 4 can hold together, in 1 way. If claims 4, 5, 7, 8 "
        "and 9 are wrong, claims 1, 2, 3 and 6 put the Magic Seas attack site here."
    )


def test_the_regions_agreeing_sets_are_verifys() -> None:
    """Each figure from one reference is widened on its own, so 51 and 54 nautical miles from
    Hodeidah meet; verify's contradictions keep them apart, and the map's regions use them."""
    folder = REAL / "magic-seas"
    report = api.verify(
        api.load_dataset(str(folder / "claims.yaml"), str(folder / "places.yaml")), regions=True
    )
    (location,) = report.locations
    assert [r.claim_ids for r in report.regions[location.place_id].agreeing] == list(
        location.agreeing
    )


def test_a_smaller_conflicting_set_is_named_when_no_agreeing_set_is_found() -> None:
    """When the search for agreeing sets gives up, the map falls back to a smallest conflicting
    set; the Magic Seas trial's map headed its two bands "Where the Magic Seas attack site can
    be", though each applies two of nine claims and the other seven put the site elsewhere."""
    folder = REAL / "magic-seas"
    report = api.verify(
        api.load_dataset(str(folder / "claims.yaml"), str(folder / "places.yaml")), regions=True
    )
    gave_up = {
        place: dataclasses.replace(result, agreeing=()) for place, result in report.regions.items()
    }
    words = [f["properties"] for f in locate_regions(dataclasses.replace(report, regions=gave_up))]
    assert {w["group"] for w in words} == {
        "Where the Magic Seas attack site can be by claims 1 and 7 alone"
    }
    assert words[0]["meaning"].endswith(
        "Claims 2, 3, 4, 5, 6, 8 and 9 are not applied here and may fail."
    )
    assert [w["label"] for w in words] == [
        "By claim 7, if claim 1 is wrong",
        "By claim 1, if claim 7 is wrong",
    ]


def test_a_conflict_of_every_claim_names_the_agreeing_pairs() -> None:
    """The seed strike site: any two of its three claims can hold, in 3 ways."""
    seed = Path(__file__).parent / "data" / "locate"
    words = _words(seed, "seed-claims.yaml", "seed-places.yaml")
    assert len(words) == 3 and {w["group"] for w in words} == {
        "Where the site of the coalition air strike of 6 June 2017 can be if the fewest claims "
        "are wrong (1 of 3)"
    }
    assert all("in 3 ways" in w["meaning"] for w in words)
