"""render.regions: the words of each region drawn on the maps say what the region is."""

from __future__ import annotations

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


def test_a_smaller_conflicting_set_is_named_as_what_the_regions_apply() -> None:
    """The Magic Seas trial's map headed two bands "Where the Magic Seas attack site can be",
    though each applies two of nine claims and the other seven put the site elsewhere."""
    words = _words(REAL / "magic-seas")
    assert {w["group"] for w in words} == {
        "Where the Magic Seas attack site can be by claims 1 and 7 alone"
    }
    assert words[0]["meaning"].endswith(
        "Claims 2, 3, 4, 5, 6, 8 and 9 are not applied here and may fail."
    )
    assert [w["label"] for w in words] == [
        "Claim 7 holds (claim 1 wrong)",
        "Claim 1 holds (claim 7 wrong)",
    ]


def test_a_conflict_of_every_claim_keeps_its_heading() -> None:
    """The seed strike site: its three claims are the conflicting set."""
    seed = Path(__file__).parent / "data" / "locate"
    words = _words(seed, "seed-claims.yaml", "seed-places.yaml")
    assert words and {w["group"] for w in words} == {
        "Where the site of the coalition air strike of 6 June 2017 can be"
    }
    assert all("not applied" not in w["meaning"] for w in words)
