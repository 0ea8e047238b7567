"""render.locate: `locate`'s text, JSON and GeoJSON from a result, the same as the command
prints; names come from the labels given, ids stay in the JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck import api
from claimcheck.analysis.locate import LocateResult, locate
from claimcheck.cli import main
from claimcheck.render.locate import RENDERERS, render_text
from claimcheck.render.naming import sentence_labels

DATA = Path(__file__).parent / "data" / "locate"
FILES = ["--claims", str(DATA / "seed-claims.yaml"), "--places", str(DATA / "seed-places.yaml")]
STRIKE = "strike-site-2017-06-06"


@pytest.fixture(scope="module")
def dataset() -> api.Dataset:
    return api.load(str(DATA / "seed-claims.yaml"), str(DATA / "seed-places.yaml"))


@pytest.fixture(scope="module")
def result(dataset: api.Dataset) -> LocateResult:
    return locate(STRIKE, list(dataset.claims), dataset.gazetteer)


@pytest.mark.parametrize("fmt", ["text", "json", "geojson"])
def test_the_command_prints_what_the_renderer_gives(
    dataset: api.Dataset, result: LocateResult, fmt: str
) -> None:
    printed = CliRunner().invoke(main, ["locate", STRIKE, *FILES, "--format", fmt]).output
    if fmt == "text":
        assert printed == render_text(result, sentence_labels(dataset.gazetteer)) + "\n"
    else:
        assert json.loads(printed) == json.loads(RENDERERS[fmt](result))


def test_names_come_from_the_labels_and_ids_stay_without_them(
    dataset: api.Dataset, result: LocateResult
) -> None:
    named = render_text(result, sentence_labels(dataset.gazetteer))
    assert "within 64.5 km of the al-Tanf garrison" in named
    assert "within 64.5 km of al-tanf-garrison" in render_text(result)
    assert '"al-tanf-garrison"' in RENDERERS["json"](result)


def test_one_claim_is_one_region_and_holds_not_at_once() -> None:
    """A trial on the 2016 Fox Creek wildfire, one claim locating it: "1 claim, each the
    region ..." and "FEASIBLE  the claim can hold at once" read as written for several."""
    lebanon = Path("tests/data/real/lebanon-strikes")
    args = ["--claims", str(lebanon / "claims.yaml"), "--places", str(lebanon / "places.yaml")]
    verify = CliRunner().invoke(main, ["verify", *args]).stdout
    (place,) = re.findall(r"LOCATABLE  (\S+)", verify)
    out = CliRunner().invoke(main, ["locate", place, *args]).stdout
    assert ": 1 claim, the region where it could be true" in out
    assert "FEASIBLE  the claim can hold\n" in out


MAGIC_SEAS = Path(__file__).parent / "data" / "real" / "magic-seas"


def test_a_region_left_by_a_smaller_conflicting_set_says_the_other_claims_are_not_applied() -> None:
    """The Magic Seas trial: nine claims, and the smallest conflict is two of them (UKMTO's
    south-west, UNN's south-east). "without ukmto-...: UNN" read as if dropping UKMTO left a
    place where the site can be, yet seven other claims (60 NM, 51 miles, near Bab el-Mandeb)
    were never applied there. The seed story's set is all three claims: nothing to say."""
    dataset = api.load(str(MAGIC_SEAS / "claims.yaml"), str(MAGIC_SEAS / "places.yaml"))
    text = render_text(locate("magic-seas-attack-site", list(dataset.claims), dataset.gazetteer))
    assert (
        "  without ukmto-51nmi-sw-of-hodeidah, by the set's other claim alone (7 claims outside"
        " the set not applied; they may fail there): UNN\n"
    ) in text
    assert "outside the set" not in render_text(_seed())


def _seed() -> LocateResult:
    dataset = api.load(str(DATA / "seed-claims.yaml"), str(DATA / "seed-places.yaml"))
    return locate(STRIKE, list(dataset.claims), dataset.gazetteer)


def test_locate_names_the_largest_sets_that_can_hold_together() -> None:
    """The Magic Seas story: one set of 4 of the 9 claims, its region printed; the seed story:
    three pairs, each the "without" region already printed, named, not printed twice."""
    dataset = api.load(str(MAGIC_SEAS / "claims.yaml"), str(MAGIC_SEAS / "places.yaml"))
    result = locate("magic-seas-attack-site", list(dataset.claims), dataset.gazetteer)
    (region,) = result.agreeing
    assert len(region.claim_ids) == 4
    assert "wikipedia-54nmi-sw-of-al-hudaydah" not in region.claim_ids
    text = render_text(result)
    assert "  largest sets that can hold together (4 of 9 claims; docs/rules.md" in text
    assert json.loads(RENDERERS["json"](result))["agreeing"][0]["claims"] == list(region.claim_ids)
    seed = render_text(_seed())
    assert seed.count("the region 'without ") == 3
