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
    for claim in _load(story, "claims"):
        assert claim.get("quote") and claim.get("claimant"), claim["id"]
        source = claim["source"]
        assert isinstance(source, dict) and str(source.get("url", "")).startswith("http"), claim
        assert claim.get("expect") in {"consistent", "inconsistent", "inconclusive"}, claim["id"]


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
