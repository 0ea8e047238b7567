"""claimcheck.render.findings: the verify summary says what was compared, and with what."""

from __future__ import annotations

from typing import Any

import pytest

from claimcheck import api
from claimcheck.analysis.locate import Feasibility
from claimcheck.render.findings import verify_summary
from claimcheck.render.text import _agreeing_lines, render_verify

PLACES: dict[str, Any] = {
    "places": [
        {"id": "a", "name": "A", "lat": 33.0, "lon": 38.0, "uncertainty": "1 km",
         "source": {"title": "test"}},
        {"id": "b", "name": "B", "lat": 33.0, "lon": 38.5, "uncertainty": "1 km",
         "source": {"title": "test"}},
    ]
}  # fmt: skip


def _claim(n: int, expect: str | None) -> dict[str, Any]:
    claim = {"id": f"c{n}", "quote": "q", "claimant": "c", "source": {"title": "t"},
             "subject": "a", "distance": "about 47 km", "from": "b"}  # fmt: skip
    return claim if expect is None else {**claim, "expect": expect}


@pytest.mark.parametrize(
    ("expects", "tail"),
    [
        ([None, None], "no claim has an expect: yet (--update-expect records these verdicts)"),
        (["consistent", None], "the rest as expected; 1 claim without an expect:"),
        (["consistent", "consistent"], "all as expected"),
        (["consistent", "inconsistent"], "1 need attention: c1"),
    ],
)
def test_the_summary_never_says_as_expected_of_claims_with_no_expect(
    expects: list[str | None], tail: str
) -> None:
    claims = {"claims": [_claim(n, e) for n, e in enumerate(expects)]}
    report = api.verify(api.load(claims, PLACES))
    assert verify_summary(report).endswith(f"; {tail}")


@pytest.mark.parametrize(
    ("story", "note"),
    [
        ("data", "; 1 conditional contradiction; "),
        ("tests/data/real/morocco-earthquake", "; 10 contradictions; "),
        ("tests/data/real/kakhovka", "; "),
        ("tests/data/real/magic-seas", "; 18 contradictions; "),  # 20 records, 18 pairs
    ],
)
def test_the_summary_counts_the_contradictions_listed_above_it(story: str, note: str) -> None:
    report = api.verify(api.load(f"{story}/claims.yaml", f"{story}/places.yaml"))
    line = verify_summary(report)
    assert note in line and ("contradiction" in line) == bool(report.contradictions)


def test_a_pair_that_disagrees_on_two_counts_is_one_contradiction_with_two_reasons() -> None:
    """The Magic Seas trial: Maritime Career's "about 60 nautical miles southwest" and UNN's "51
    nautical miles southeast" disagree on the distance and on the bearing; verify printed two
    CONTRADICTION blocks for the pair and counted two. Now one block, one why line per count,
    and the summary counts the blocks it printed."""
    story = "tests/data/real/magic-seas"
    report = api.verify(api.load(f"{story}/claims.yaml", f"{story}/places.yaml"))
    out = render_verify(report)
    pair = "maritimecareer-60nmi-sw-of-hodeida × unn-51nmi-se-of-hodeidah"
    (block,) = [b for b in out.split("\n\n") if b.startswith(f"CONTRADICTION  {pair}")]
    lines = block.splitlines()
    assert lines[2].startswith("  why       ") and "no bearing satisfies both" in lines[2]
    assert lines[3].startswith(" " * 12) and "no distance satisfies both" in lines[3]
    blocks = out.count("\nCONTRADICTION")
    assert len(report.contradictions) > blocks and f"; {blocks} contradictions; " in out


def test_a_place_no_point_fits_lists_the_claims_that_can_hold_together() -> None:
    story = "tests/data/real/magic-seas"
    out = render_verify(api.verify(api.load(f"{story}/claims.yaml", f"{story}/places.yaml")))
    assert (
        "  agree     at most 4 of the 9 claims can hold together: ukmto-51nmi-sw-of-hodeidah, "
        "ifpnews-94km-sw-of-hodeidah, headpost-100km-sw-of-hodeida, wbx-52nmi-sw-of-hodeidah\n"
    ) in out


def test_when_no_two_claims_can_hold_together_the_line_says_so() -> None:
    """Largest sets of one claim each are no agreement to list."""
    location = Feasibility("site", ("a", "b", "c"), False, ("a", "b"), ("A", "B"), 0.0, (),
                           (("a",), ("b",), ("c",)))  # fmt: skip
    assert _agreeing_lines(location) == ["  agree     no two of the 3 claims can hold together"]
