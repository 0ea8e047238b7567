"""`claimcheck report`: Markdown, HTML and ClaimReview on the bundled data, and escaping."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from claimcheck import api as engine
from claimcheck.claims.model import VerdictKind
from claimcheck.cli import main
from claimcheck.render import claimreview, markdown

HOSTILE = [
    "--claims",
    "tests/data/publish/claims.yaml",
    "--places",
    "tests/data/publish/places.yaml",
]
PUBLISHER = ["--publisher-name", "Example Checks", "--publisher-url", "https://example.org/c"]
BUNDLED_IDS = [c.id for c in engine.load_dataset("data/claims.yaml", "data/places.yaml").claims]


def run(*args: str) -> str:
    result = CliRunner().invoke(main, ["report", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


BUNDLED = engine.load_dataset("data/claims.yaml", "data/places.yaml")
PLACE_IDS = [p.id for p in BUNDLED.gazetteer]


def _visible(text: str, fmt: str) -> str:
    """What a reader sees: without anchors, tags and link targets."""
    if fmt == "html":
        text = html.unescape(re.sub(r"<[^>]*>", " ", text.split("<body>")[1]))
    else:
        text = re.sub(r'<a id="[^"]*"></a>', "", text)
        text = re.sub(r"\]\(<[^>]*>\)", "]", text)
    return text


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_report_reads_as_a_publishable_check(fmt: str) -> None:
    text = _visible(run("--format", fmt), fmt)
    for number, heading in enumerate(
        ("The site of the coalition air strike of 6 June 2017 is inside the al-Tanf deconfliction "
         "zone", "The al-Tanf deconfliction zone has a radius of 34 mi"),
        start=1,
    ):  # fmt: skip
        assert f"{number}. {heading}" in text
    for claim_id in BUNDLED_IDS:  # claims are numbered and restated, never named by id
        assert claim_id not in text
    for place_id in PLACE_IDS:
        assert place_id not in text
    assert "`" not in text and not re.search(r"claimcheck [a-z]", text)  # no command lines
    assert "as expected" not in text
    assert not re.search(r"interval \d", text)
    assert not re.search(r"(?i)\b(\w+): \1\b", text)  # no doubled verdict
    assert re.search(r"30\.8 km, worst case 22\.8.38\.8 km", text)  # ranges carry their unit
    assert "Ash Shāmīyah (Homs)" in text and "Ash Shāmīyah (Capital, Kuwait)" in text
    assert "the article's reporter (a person)" in text


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_methods_and_places_come_from_the_data(fmt: str) -> None:
    text = _visible(run("--format", fmt), fmt)
    methods = text.split("Methods")[-1]
    for needle in ("WGS84", "PROJ", "GeographicLib", "5 places cite Wikipedia (CC BY-SA 4.0)",
                   "6 places cite GeoNames (CC BY 4.0)", "2 places cite Natural Earth (public "
                   "domain)", "“about 24 km” as 22.8 to 25.2 km (claim 7)",
                   "within 25 km, the default for a line", "claims 7 and 8"):  # fmt: skip
        assert needle in methods, needle
    places = text.split("Places")[1]
    assert re.search(r"al-Tanf border crossing\W+33\.4369° N, 38\.8364° E\W+±8 km", places)
    assert "Deir ez-Zor" not in text  # in the places file, but no claim uses it


MEMORY_PLACES = {
    "places": [
        {"id": "a", "name": "Alpha", "lat": 10.0, "lon": 20.0, "uncertainty": "2 km",
         "source": "from memory, not checked"},
        {"id": "b", "name": "Beta", "lat": 10.1, "lon": 20.0, "uncertainty": "1 km",
         "source": {"title": "GeoNames 1", "url": "https://www.geonames.org/1"}},
    ]
}  # fmt: skip
MEMORY_CLAIMS = {
    "claims": [
        {"id": "c1", "quote": "Alpha is more than 5 km from Beta", "claimant": "A. Person",
         "claimant_type": "person", "source": "an interview", "subject": "a",
         "distance": "more than 5 km", "from": "b"},
    ]
}  # fmt: skip


def test_methods_say_only_what_the_data_holds() -> None:
    report = engine.verify(engine.from_data(MEMORY_CLAIMS, MEMORY_PLACES))
    text = markdown.render(report)
    methods = text.split("## Methods")[1]
    assert "“from memory, not checked”" in methods
    assert "1 place cites GeoNames (CC BY 4.0)" in methods
    for absent in (
        "Wikipedia",
        "Natural Earth",
        "bearing",
        "zone",
        "several places",
        "Inconclusive",
    ):
        assert absent not in methods, absent
    assert "Alpha" in text.split("## Places")[1]


@pytest.mark.parametrize(
    ("args", "numbers"),
    [
        (["--only", "inconsistent"], [7]),
        (["--only", "consistent,inconsistent"], [2, 6, 7]),
        (["--claims-matching", "WIKIPEDIA"], [6, 7]),
        (["--only", "inconclusive", "--claims-matching", "unhcr"], [8]),
    ],
)
def test_only_and_claims_matching_choose_the_claims(args: list[str], numbers: list[int]) -> None:
    text = run(*args)
    assert re.findall(r"^## (\d+)\.", text, re.M) == [str(n) for n in numbers]
    assert text.splitlines()[2].startswith(f"{len(numbers)} of 8 claims")


def test_html_report_is_self_contained() -> None:
    text = run("--format", "html")
    assert "<script" not in text
    assert not re.search(r"<(link|img|iframe)\b", text)
    assert not re.search(r"\bsrc=|@import|url\(", text)


def test_output_file_is_written_and_stdout_stays_empty(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    result = CliRunner().invoke(main, ["report", "-o", str(target)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("# Distance claims")
    assert not [p for p in tmp_path.iterdir() if p.name != "report.md"]  # no temp file left


def test_markdown_escapes_scripts_and_links() -> None:
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").render(run("--format", "markdown", *HOSTILE))
    assert "<script" not in html and "<b>" not in html and "<img" not in html
    assert "evil.example" in html  # shown as text...
    assert 'href="https://evil' not in html and "javascript:" not in html.split("href=")[-1]
    assert not re.search(r'href="(?!https://en\.wikipedia)', html)  # ...never as a link
    assert "<h1>" in html and html.count("<h1>") == 1  # "# A heading?" stays text
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in html.replace("&#x27;", "'")
    assert "<ol" not in html  # a quote starting "1." is not a list


def test_html_escapes_scripts_and_links() -> None:
    text = run("--format", "html", *HOSTILE)
    assert "<script" not in text and "<img" not in text and "<b>" not in text
    assert "&lt;script&gt;" in text
    assert "javascript:" not in text.replace("[co](javascript:alert(1))", "")
    assert 'href="https://evil' not in text


# --- ClaimReview -----------------------------------------------------------------------------

SCHEMA = "https://schema.org/"


def _loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Serves schema.org's context from here: the tests never touch the network."""
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": {"@context": {"@vocab": SCHEMA, "url": {"@type": "@id"}}},
    }


def _expanded(text: str) -> list[dict[str, Any]]:
    from pyld import jsonld

    doc = json.loads(text)
    nodes: list[dict[str, Any]] = jsonld.expand(doc, {"documentLoader": _loader})
    return nodes


def _value(node: dict[str, Any], key: str) -> Any:
    (item,) = node[SCHEMA + key]
    return item.get("@value", item.get("@id", item))


def test_claimreview_parses_as_json_ld_with_the_required_fields() -> None:
    text = run("--format", "claimreview", *PUBLISHER, "--date", "2026-11-25")
    reviews = [n for n in _expanded(text) if SCHEMA + "ClaimReview" in n.get("@type", [])]
    assert len(reviews) == len(BUNDLED_IDS)
    for review, claim_id in zip(reviews, BUNDLED_IDS, strict=True):
        assert _value(review, "url") == f"https://example.org/c#{claim_id}"
        assert _value(review, "claimReviewed")
        assert _value(review, "datePublished") == "2026-11-25"
        author = _value(review, "author")
        assert _value(author, "name") == "Example Checks"
        item = _value(review, "itemReviewed")
        assert item["@type"] == [SCHEMA + "Claim"]
        assert _value(_value(item, "author"), "name")
        appearance = _value(item, "appearance")
        assert appearance["@type"] == [SCHEMA + "CreativeWork"]
        assert _value(appearance, "headline")
        rating = _value(review, "reviewRating")
        assert _value(rating, "alternateName") in claimreview.RATING_NAME.values()
        body = _value(review, "reviewBody")
        assert "`" not in body and claim_id not in body
        assert not any(place_id in body for place_id in PLACE_IDS)


def test_claimreview_ratings_are_short_and_unverifiable_is_off_the_scale() -> None:
    graph = json.loads(run("--format", "claimreview", *PUBLISHER))["@graph"]
    ratings = {r["url"].split("#")[1]: r["reviewRating"] for r in graph}
    unverifiable = ratings["coalition-zone-violated"]
    assert unverifiable["alternateName"] == "Unverifiable"
    assert "ratingValue" not in unverifiable and "bestRating" not in unverifiable
    assert ratings["coalition-zone-radius-34mi"] == {
        "@type": "Rating", "alternateName": "Accurate", "ratingValue": 3, "bestRating": 3,
        "worstRating": 1,
        "ratingExplanation": (
            "The data support the claim: it holds with probability 100 %, at least the 95 % "
            "required"
        ),
    }  # fmt: skip
    assert ratings["wikipedia-garrison-24km-west-of-walid"]["ratingValue"] == 1  # inconsistent
    assert all(len(r["alternateName"]) <= 12 for r in ratings.values())


def test_claimreview_author_is_a_person_when_the_claims_file_says_so() -> None:
    graph = json.loads(run("--format", "claimreview", *PUBLISHER))["@graph"]
    authors = {r["url"].split("#")[1]: r["itemReviewed"]["author"] for r in graph}
    assert authors["article-near-iraqi-border"] == {
        "@type": "Person", "name": "the article's reporter"
    }  # fmt: skip
    assert authors["wikipedia-zone-radius-55km"]["@type"] == "Organization"


def test_claimreview_rating_follows_the_verdict_and_carries_the_source_date() -> None:
    text = run("--format", "claimreview", *PUBLISHER, *HOSTILE)
    first, second = json.loads(text)["@graph"]
    assert first["reviewRating"]["ratingValue"] == 1  # inconsistent
    assert first["reviewRating"]["alternateName"] == "Inaccurate"
    assert second["reviewRating"]["ratingValue"] == 3  # consistent
    assert first["itemReviewed"]["datePublished"] == "2017-06-07"
    assert "</" not in text  # safe to paste into a <script type="application/ld+json">


@pytest.mark.parametrize(
    "extra",
    [
        [],
        ["--publisher-name", "X"],
        ["--publisher-name", "X", "--publisher-url", "ftp://x"],
        [*PUBLISHER, "--date", "yesterday"],
    ],
)
def test_claimreview_without_a_publisher_is_a_usage_error(extra: list[str]) -> None:
    result = CliRunner().invoke(main, ["report", "--format", "claimreview", *extra])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_the_numeric_scale_orders_truthfulness_only() -> None:
    order = sorted(claimreview.RATING, key=claimreview.RATING.__getitem__)
    assert order == [VerdictKind.INCONSISTENT, VerdictKind.INCONCLUSIVE, VerdictKind.CONSISTENT]
    assert VerdictKind.UNVERIFIABLE not in claimreview.RATING
    assert set(claimreview.RATING_NAME) == set(VerdictKind)


@pytest.mark.parametrize("story", ["data", "tests/data/kinds", "tests/data/world"])
@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_every_story_reads_without_ids_or_command_lines(story: str, fmt: str) -> None:
    claims, places = f"{story}/claims.yaml", f"{story}/places.yaml"
    dataset = engine.load_dataset(claims, places)
    text = _visible(run("--format", fmt, "--claims", claims, "--places", places), fmt)
    text = text.split("Places")[0]  # the places table quotes sources as written
    for claim in dataset.claims:
        assert claim.id not in text
    for place in dataset.gazetteer:
        assert f" {place.id} " not in text and f"'{place.id}'" not in text
    assert "`" not in text and "claimcheck " not in text
    assert "interval " not in text and "within within" not in text
    assert "(as expected)" not in text


AKTAU = ["--claims", "tests/data/real/aktau-crash/claims.yaml",
         "--places", "tests/data/real/aktau-crash/places.yaml"]  # fmt: skip
SAHAFATI_ENGLISH = (
    "it had to make an emergency landing about two miles from the Kazakh city of Aktau"
)


@pytest.mark.parametrize(
    ("fmt", "shown"),
    [
        ("markdown", f"- **In English:** {SAHAFATI_ENGLISH}"),
        ("html", f"<dt>In English</dt><dd>{SAHAFATI_ENGLISH}</dd>"),
    ],
)
def test_a_quote_in_another_language_shows_its_translation(fmt: str, shown: str) -> None:
    """The Aktau crash trial: an Arabic quote stood alone in the report, its translation in a
    `note:` that no output shows; the claim's `translation:` is shown under the quote."""
    out = run(*AKTAU, "--format", fmt)
    assert shown in out
    assert out.count("In English") == 2  # the Arabic and the Spanish quote, not the English ones


def test_verify_shows_the_translation_under_the_quote() -> None:
    result = CliRunner().invoke(main, ["verify", *AKTAU], catch_exceptions=False)
    lines = result.stdout.splitlines()
    at = lines.index(f'  English   "{SAHAFATI_ENGLISH}"')
    assert lines[at - 1].startswith('  quote     "اضطرت')
    as_json = CliRunner().invoke(main, ["verify", *AKTAU, "--format", "json"])
    by_id = {r["id"]: r for r in json.loads(as_json.stdout)["results"]}
    assert by_id["sahafati-landing-two-miles-from-aktau"]["translation"] == SAHAFATI_ENGLISH
    assert "translation" not in by_id["trend-crash-3km-from-airport"]
