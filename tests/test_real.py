"""Published claims from real stories (tests/data/real/): each story verifies as its `expect:`.

Each directory holds one story's places and claims, every quote copied from a published page
with its address, every coordinate from a cited page. `expect:` is the verdict a careful reviewer
would publish; a change of code that changes one fails here, as `claimcheck verify` would in CI.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from claimcheck.cli.app import main

REAL = Path(__file__).parent / "data" / "real"
STORIES = sorted(p.name for p in REAL.iterdir() if (p / "claims.yaml").exists())


def _load(story: str, name: str) -> list[dict[str, object]]:
    data = yaml.safe_load((REAL / story / f"{name}.yaml").read_text(encoding="utf-8"))
    entries: list[dict[str, object]] = data[name]
    return entries


@pytest.mark.parametrize("story", STORIES)
def test_story_verifies_as_expected(story: str) -> None:
    claims, places = REAL / story / "claims.yaml", REAL / story / "places.yaml"
    result = CliRunner().invoke(
        main, ["verify", "--claims", str(claims), "--places", str(places)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "all as expected" in result.stdout


@pytest.mark.parametrize("story", STORIES)
def test_every_claim_is_quoted_sourced_and_expected(story: str) -> None:
    places = _load(story, "places")
    unknown = {p["id"] for p in places if p.get("kind") == "unknown"}
    # a name several places share, which the quote does not tell apart, is unverifiable too
    names = [n for p in places for n in {p["name"], *p.get("aliases", [])}]
    unknown |= {n for n in names if names.count(n) > 1}
    for claim in _load(story, "claims"):
        assert claim.get("quote") and claim.get("claimant"), claim["id"]
        source = claim["source"]
        assert isinstance(source, dict) and str(source.get("url", "")).startswith("http"), claim
        # unverifiable only where the story has no cited position for the place it names
        verdicts = {"consistent", "inconsistent", "inconclusive"}
        if claim.get("subject") in unknown:
            verdicts.add("unverifiable")
        assert claim.get("expect") in verdicts, claim["id"]


@pytest.mark.parametrize("story", STORIES)
def test_every_place_cites_a_page(story: str) -> None:
    for place in _load(story, "places"):
        if place.get("kind") == "unknown":  # located by the accounts, not cited
            continue
        source = place["source"]
        assert isinstance(source, dict) and str(source.get("url", "")).startswith("http"), place


def test_the_first_reports_put_the_explosion_at_przewodow() -> None:
    """locate on the accounts: a back azimuth (Hrubieszów north of the site) and a distance
    from a line whose direction is named as not drawn; the village lies inside."""
    story = REAL / "przewodow"
    args = ["--claims", str(story / "accounts.yaml"), "--places", str(story / "places.yaml")]
    runner = CliRunner()
    located = runner.invoke(main, ["locate", "explosion-site", *args], catch_exceptions=False)
    assert located.exit_code == 0, located.stdout
    assert "the back azimuth, on the geodesic" in located.stdout
    assert "inside  przewodow " in located.stdout
    assert "inside  przewodow-impact-site " in located.stdout
    verified = runner.invoke(main, ["verify", *args], catch_exceptions=False)
    assert verified.exit_code == 0, verified.stdout
    assert (
        "in part   de-wikipedia-less-than-seven-km-west-of-the-border: not drawn: its "
        "direction" in verified.stdout
    )


def test_at_least_thirty_claims_from_three_stories() -> None:
    counts = {story: len(_load(story, "claims")) for story in STORIES}
    assert len(counts) >= 3 and "al-tanf" not in counts
    assert sum(counts.values()) >= 30, counts


def test_a_side_of_the_border_is_reported_as_decided() -> None:
    """Ukrinform's "south of the Ukrainian border": Dumitra's bearing from the border's nearest
    point is 210°, on its southern side (90°-270°) but outside the 157.5°-202.5° sector of
    "south"; the report says the side, and no worst case of ±0.0° for a bearing it has none."""
    story = REAL / "romania-drone"
    args = ["--claims", str(story / "claims.yaml"), "--places", str(story / "places.yaml")]
    report = CliRunner().invoke(main, ["report", *args], catch_exceptions=False)
    assert report.exit_code == 0, report.stdout
    assert (
        "| the south side: bearings 90°–270° from the nearest point | 60.3° inside that side's "
        "180° |" in report.stdout
    )
    assert "157.5°" not in report.stdout and "±0.0°" not in report.stdout
    assert (
        "(south-south-west). It is on the south side of the line if that bearing is within 90° "
        "of due south (90° to 270°" in report.stdout
    )


@pytest.mark.parametrize(
    ("story", "line"),
    [
        (
            "romania-drone",
            "claimed  in the N part of the area; north of 46.73° in country:RO: the outer third",
        ),
        ("lebanon-strikes", "why       the claim can hold ("),  # "at once" only for several
    ],
)
def test_the_text_reads_as_written(story: str, line: str) -> None:
    """A part's bounds are not preceded by a second "the"; one claim is "the claim", not
    "all 1 claims", and holds, not "holds at once"."""
    claims, places = REAL / story / "claims.yaml", REAL / story / "places.yaml"
    result = CliRunner().invoke(
        main, ["verify", "--claims", str(claims), "--places", str(places)], catch_exceptions=False
    )
    assert line in result.stdout
    assert "the the " not in result.stdout and "all 1 claims" not in result.stdout


def test_a_cardinal_part_is_the_whole_outer_third() -> None:
    """Nabatieh lies in Lebanon's south-west tile, and "southern Lebanon" counts it (Frank 1991)."""
    story = REAL / "lebanon-strikes"
    args = ["--claims", str(story / "claims.yaml"), "--places", str(story / "places.yaml")]
    report = CliRunner().invoke(main, ["report", *args], catch_exceptions=False)
    assert report.exit_code == 0, report.stdout
    assert "lies in the south-western part of Lebanon" in report.stdout
    assert "“Southern” Lebanon is taken as the southern third of Lebanon's bounding box" in (
        report.stdout
    )
    assert "Frank 1991" in report.stdout
