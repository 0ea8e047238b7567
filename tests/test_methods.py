"""render.methods: the methods and the table of places say what the data holds, and only that;
a verdict that used the built-in world layers cites them, with their edition, licence and the
rule that sets their uncertainty."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from claimcheck import api
from claimcheck.gazetteer import world
from claimcheck.render import claimreview, html_report, markdown, methods
from claimcheck.render.summary import summarize

#: every story with a claims and a places file in the repository
STORIES = ["data", "tests/data/world", "tests/data/kinds", "tests/data/polar", "tests/data/publish",
           "tests/data/real/grindavik-eruption"]  # fmt: skip
WORLD = "tests/data/world"


def _report(story: str) -> api.VerifyReport:
    return api.verify(api.load_dataset(f"{story}/claims.yaml", f"{story}/places.yaml"))


def _plural(n: int) -> str:
    return f"{n} place cites" if n == 1 else f"{n} places cite"


@pytest.mark.parametrize("story", STORIES)
def test_the_methods_name_exactly_the_sources_the_places_cite(story: str) -> None:
    """Each dataset the places' sources point to is named with its count, each source that
    points to none (or a second work after a semicolon) is quoted as written, the world
    layers are cited when and only when a claim used one, and nothing else is named."""
    report = _report(story)
    summaries = summarize(report)
    rows = methods.places_table(report, summaries)
    paragraphs = dict(methods.methods(report, summaries))
    places = paragraphs["Places"]
    text = " ".join(paragraphs.values())
    from_file = [r for r in rows if not r.built_in]
    # a place with no position is not counted with a dataset: its source is quoted apart
    known = [r for r in from_file if r.position != "not known"]
    cited = {name: sum(r.dataset == name for r in known) for name, _m, _l in methods.DATASETS}
    for name, n in cited.items():
        assert (f"{_plural(n)} {name} (" in places) is (n > 0), name
        if n == 0:
            assert f"cite {name}" not in text and f"cites {name}" not in text, name
    quoted = {r.source.title for r in from_file if not r.dataset or r not in known}
    quoted |= {part for r in from_file for part in methods.also_cited(r.source)}
    assert set(re.findall(r"“([^”]*)”", places)) == quoted
    built_in = [r for r in rows if r.built_in]
    assert (world.TITLE in text) is bool(built_in)
    assert ("Natural Earth" in text) is bool(built_in or cited["Natural Earth"])
    for name in ("Wikipedia", "GeoNames"):
        assert (f"cite {name}" in text or f"cites {name}" in text) is (cited[name] > 0), name


def test_a_place_no_source_locates_is_not_counted_with_the_sources_of_positions() -> None:
    """The Grindavík eruption site cites the caption that names it: the Places paragraph quotes
    it where it says no source gives a position, not as one of the places' sources."""
    places = dict(methods.methods(*_with_summaries(_report("tests/data/real/grindavik-eruption"))))
    assert places["Places"].startswith("The claims shown use 3 places. 2 places cite GeoNames")
    assert "another source" not in places["Places"]
    assert (
        "No source gives a position for the eruption site of 18 December 2023; its entry cites "
        "the report that names it: “EPA caption (Iceland Civil Defense handout), citing the "
        "Icelandic Meteorological Office”."
    ) in places["Places"]


def test_a_story_without_world_features_reads_as_before() -> None:
    """No world paragraph, and the places paragraph speaks of the file's entries only."""
    paragraphs = dict(methods.methods(*_with_summaries(_report("data"))))
    assert list(paragraphs) == ["Places", "Measurement", "Reading the claims", "Uncertainty",
                                "Verdicts"]  # fmt: skip
    places = paragraphs["Places"]
    assert "Each place with a position carries the uncertainty radius its entry" in places
    assert "built" not in " ".join(paragraphs.values())


def _with_summaries(report: api.VerifyReport) -> tuple[api.VerifyReport, list]:  # type: ignore[type-arg]
    return report, summarize(report)


def test_the_world_paragraph_is_true_of_the_world_layers() -> None:
    report = _report(WORLD)
    summaries = summarize(report)
    paragraphs = dict(methods.methods(report, summaries))
    assert list(paragraphs)[:2] == ["Places", "Borders, countries and coasts"]
    text = paragraphs["Borders, countries and coasts"]
    # the features and the claims that use them, from what the verdicts carry
    used = {p.id: p for places in report.world.values() for p in places}
    assert sorted(used) == ["border:IQ-SY", "coast:SY", "country:SY"]
    numbers = sorted(s.number for s in summaries if s.id in report.world)
    assert numbers == [1, 2, 3, 4, 6]
    assert (
        "used by claims 1, 2, 3, 4 and 6: the Iraq–Syria border, Syria and the coast of Syria."
        in text
    )
    assert f"from {world.TITLE}, public domain" in text
    # the uncertainty each feature carries, and the rule's figures, from the data
    (uncertainty_m,) = {p.uncertainty_m for p in used.values()}
    assert f"Positional uncertainty {uncertainty_m / 1000:g} km for every feature" in text
    deviation = world._index()["max_deviation_m"]
    assert f"{world.NMAS_M:,.0f} m on the ground" in text
    assert f"at most {deviation:,} m from Natural Earth's" in text
    assert math.ceil((world.NMAS_M + deviation + 1) / 100) * 100 == uncertainty_m
    assert f"rounded up to the next 100 m, is {uncertainty_m / 1000:g} km" in text
    places = paragraphs["Places"]
    assert "8 places: 5 from the places file and 3 of claimcheck's built-in world" in places
    assert "Each place from the places file with a position carries" in places


@pytest.mark.parametrize(
    ("claims", "heading"),
    [
        ("  - {id: a, quote: q, claimant: c, source: s, subject: palmyra, near: border:IQ-SY}",
         "Borders"),
        ("  - {id: a, quote: q, claimant: c, source: s, subject: palmyra, inside: country:SY}",
         "Countries"),
    ],
)  # fmt: skip
def test_the_world_paragraph_says_only_what_the_claims_used(claims: str, heading: str) -> None:
    places = Path(WORLD, "places.yaml").read_text(encoding="utf-8")
    report = api.verify(api.loads("claims:\n" + claims + "\n", places))
    paragraphs = dict(methods.methods(*_with_summaries(report)))
    text = paragraphs[heading]
    assert ("land border" in text) is (heading == "Borders")
    assert ("country is its polygons" in text) is (heading == "Countries")
    assert "coast" not in text
    assert paragraphs["Places"].startswith("The claims shown use 2 places: 1 from the places")


@pytest.mark.parametrize("render", [markdown.render, html_report.render])
def test_reports_cite_the_world_layers_and_name_them_without_ids(render) -> None:  # type: ignore[no-untyped-def]
    text = render(_report(WORLD))
    assert "Borders, countries and coasts" in text
    assert world.TITLE in text
    for heading in ("The al-Tanf border crossing is near the Iraq–Syria border",
                    "The al-Tanf garrison is inside Syria",
                    "Palmyra is more than 100 km from the coast of Syria"):  # fmt: skip
        assert heading in text, heading
    assert not re.search(r"(border|country|coast):[A-Z]{2}", text)
    assert "line of 76 points in 2 pieces" in text  # the coast's two pieces, every vertex


def test_a_world_feature_that_shares_a_name_with_a_file_place_is_told_apart() -> None:
    claims = "claims:\n  - {id: a, quote: q, claimant: c, source: s, subject: palmyra, near: border:IQ-SY}\n"  # noqa: E501
    places = Path("data/places.yaml").read_text(encoding="utf-8")  # has its own Iraq–Syria border
    text = markdown.render(api.verify(api.loads(claims, places)))
    assert "## 1. Palmyra is near the Iraq–Syria border (built in)" in text
    assert "border:IQ-SY" not in text


def test_claimreview_cites_the_sources_of_the_places_each_verdict_used() -> None:
    report = _report(WORLD)
    publisher = claimreview.Publisher("Desk", "https://example.org/c")
    graph = json.loads(claimreview.render(report, publisher))["@graph"]
    by_claim = {r["url"].split("#")[1]: r.get("citation", []) for r in graph}
    dataset = [c for c in by_claim["tanf-garrison-in-syria"] if c["@type"] == "Dataset"]
    assert dataset == [
        {
            "@type": "Dataset",
            "name": world.TITLE,
            "url": world.URL,
            "license": {"@type": "CreativeWork", "name": "public domain"},
            "publisher": {"@type": "Organization", "name": "Natural Earth"},
        }
    ]
    for claim_id, cited in by_claim.items():
        uses_world = claim_id in report.world
        assert any(c["@type"] == "Dataset" for c in cited) is uses_world, claim_id
    walid = by_claim["wikipedia-garrison-24km-west-of-walid"]
    assert [c["name"] for c in walid] == [
        'English Wikipedia, "Al-Tanf (U.S. military base)" (33°30′21″N 38°37′04″E)',
        'English Wikipedia, "Al Waleed border crossing" (33°26′00″N 38°56′15″E)',
    ]
    assert by_claim["article-near-iraqi-border"][0] == {
        "@type": "CreativeWork",
        "name": 'Seed article (shared/seed-article.txt); "Tuesday night" is 6 June 2017',
    }


@pytest.mark.parametrize("shown", [{"inconclusive"}, {"consistent", "inconclusive"}])
def test_inconclusive_names_both_bounds_whatever_else_is_shown(shown: set[str]) -> None:
    """A report whose claims were all inconclusive or inconsistent (the Hunga Tonga trial) said
    'Inconclusive means the claim holds with a probability between those' with no 'those'."""
    report = _report("tests/data/kinds")
    summaries = [s for s in summarize(report) if s.verdict.value in shown]
    verdicts = dict(methods.methods(report, summaries))["Verdicts"]
    assert (
        "Inconclusive means neither: the claim holds with a probability under 95 %, yet the "
        "truth lies on neither side of its figure with 95 %" in verdicts
    )
    assert "between those" not in verdicts
