"""`claimcheck report`: Markdown, HTML and ClaimReview on the bundled data, and escaping."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from claimcheck import api as engine
from claimcheck.cli import main
from claimcheck.render import summary

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


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_report_has_every_claim_and_the_methods(fmt: str) -> None:
    text = run("--format", fmt)
    for claim_id in BUNDLED_IDS:
        assert claim_id in text
    for needle in ("WGS84", "pyproj", "GeographicLib", "Natural Earth", "public domain",
                   "GeoNames", "CC BY 4.0", "Wikipedia", "CC BY-SA", "margin"):  # fmt: skip
        assert needle in text
    assert "34.18 mi" in text  # the measured zone radius against "34-mile"
    assert "contradiction with" in text  # the engine's contradictions are reported


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
        assert _value(rating, "worstRating") == 1 and _value(rating, "bestRating") == 4
        assert 1 <= _value(rating, "ratingValue") <= 4
        assert _value(rating, "alternateName") in summary.VERDICT_WORDS.values()


def test_claimreview_rating_follows_the_verdict_and_carries_the_source_date() -> None:
    text = run("--format", "claimreview", *PUBLISHER, *HOSTILE)
    first, second = json.loads(text)["@graph"]
    assert first["reviewRating"]["ratingValue"] == 1  # inconsistent
    assert first["reviewRating"]["alternateName"].startswith("Inconsistent")
    assert second["reviewRating"]["ratingValue"] == 4  # consistent
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


def test_rating_scale_is_the_engine_severity_order() -> None:
    from claimcheck.claims.model import VerdictKind

    order = sorted(VerdictKind, key=summary.RATING.__getitem__)
    assert [k.value for k in order] == [
        "inconsistent",
        "unverifiable",
        "inconclusive",
        "consistent",
    ]
