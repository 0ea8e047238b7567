"""render.summary: what each claim's section of a report says about the claims it conflicts
with, in words, for every quantity a contradiction can be about."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimcheck import api
from claimcheck.render.summary import summarize

KINDS = Path("tests/data/kinds")


@pytest.fixture(scope="module")
def conflicts() -> dict[str, tuple[str, ...]]:
    report = api.verify(api.load(str(KINDS / "contradictions.yaml"), str(KINDS / "places.yaml")))
    return {s.id: s.contradictions for s in summarize(report)}


@pytest.mark.parametrize(
    ("claim_id", "sentence"),
    [
        (
            "g-rukban-south-of-garrison",
            "Claim 16 puts the Rukban camp north of the al-Tanf garrison (bearings 315° to 45°); "
            "this claim, south (bearings 135° to 225°): no bearing satisfies both, so at most one "
            "of them can be right.",
        ),
        (
            "g-garrison-north-of-rukban",
            "Claim 16 puts the Rukban camp north of the al-Tanf garrison, so the al-Tanf garrison "
            "lies at bearings 134.8° to 225.2° from the Rukban camp (turned round, allowing 0.2° "
            "for the meridians' convergence); this claim puts the al-Tanf garrison north of the "
            "Rukban camp (bearings 315° to 45°): no bearing satisfies both, so at most one of "
            "them can be right.",
        ),
        (
            "b-radius-34mi",
            "Claim 5 says the same radius is 36 mi (35.5 to 36.5 mi, 57.1 to 58.7 km); this "
            "claim, 34 mi (33.5 to 34.5 mi, 53.9 to 55.5 km): no radius satisfies both, so at "
            "most one of them can be right.",
        ),
    ],
)
def test_a_conflict_names_its_quantity(
    conflicts: dict[str, tuple[str, ...]], claim_id: str, sentence: str
) -> None:
    assert sentence in conflicts[claim_id]


def test_a_claim_with_no_conflict_has_none(conflicts: dict[str, tuple[str, ...]]) -> None:
    assert conflicts["g-rukban-west-of-border"] == ()


def test_a_claims_conflicts_are_listed_by_the_other_claims_number() -> None:
    """The Magic Seas trial: claim 1's conflicts read "Claim 8 ..., Claim 4 ..., Claim 7 ...,
    Claim 5 ..." (the order of the claims' ids); a reader looks them up by number."""
    real = Path("tests/data/real/magic-seas")
    report = api.verify(api.load(str(real / "claims.yaml"), str(real / "places.yaml")))
    first = next(s for s in summarize(report) if s.id == "ukmto-51nmi-sw-of-hodeidah")
    assert [c.split()[1] for c in first.contradictions] == ["4", "5", "7", "8"]


def test_a_heading_writes_miles_and_nautical_miles_out() -> None:
    """The Magic Seas report's headings read "51 nmi south-west of …" and "51 mi from …" where
    the reports (and an editor) write nautical miles and miles; the tables keep the symbols."""
    real = Path("tests/data/real/magic-seas")
    report = api.verify(api.load(str(real / "claims.yaml"), str(real / "places.yaml")))
    statements = [s.statement for s in summarize(report)]
    assert (
        statements[0] == "The Magic Seas attack site is 51 nautical miles south-west of Al Ḩudaydah"
    )
    assert statements[7] == "The Magic Seas attack site is 51 miles from Al Ḩudaydah"
    assert not any(re.search(r"\d (mi|nmi)\b", s) for s in statements)


def test_a_claim_about_a_place_no_point_fits_says_which_accounts_agree() -> None:
    """The Magic Seas report said "Taken together, claims 1, ... 9 cannot all hold" in each of
    nine sections and never which accounts agree; now each says the largest set that can hold
    together and whether this claim is in it."""
    real = Path("tests/data/real/magic-seas")
    report = api.verify(api.load(str(real / "claims.yaml"), str(real / "places.yaml")))
    why = {s.number: s.why for s in summarize(report)}
    most = "At most 4 of them can hold together: claims 1, 2, 3 and 6"
    assert why[1].endswith(f"{most}, this claim among them.")
    assert why[7].endswith(f"{most}, not this claim.")
    seed = api.verify(api.load("data/claims.yaml", "data/places.yaml"))
    first = next(s for s in summarize(seed) if s.number == 1)
    assert first.why.endswith(
        "At most 2 of them can hold together, in 3 ways (claims 1 and 3, 1 and 5, or 3 and 5); "
        "this claim is in two of these sets."
    )
