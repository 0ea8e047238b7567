"""schema.org ClaimReview JSON-LD, one review per claim, for fact-check publishing.

Rating scale (documented in docs/commands/report.md): worstRating 1, bestRating 4, in the
engine's own severity order: inconsistent 1, unverifiable 2, inconclusive 3, consistent 4.
`alternateName` carries the verdict in words, which is what readers and search engines show.
A source URL that is not http(s) (`javascript:`, `data:`) is left out, as the HTML and Markdown
reports leave it out of their links.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimcheck.api import VerifyReport
from claimcheck.errors import UsageError
from claimcheck.gazetteer.places import Source
from claimcheck.render import safe
from claimcheck.render.summary import BEST_RATING, RATING, WORST_RATING, ClaimSummary, summarize

SCHEMA_CONTEXT = "https://schema.org"


@dataclass(frozen=True)
class Publisher:
    """Who publishes the reviews: the ClaimReview's `author`; `url` is the review page."""

    name: str
    url: str

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise UsageError("ClaimReview needs a publisher name (--publisher-name)")
        if not self.url.lower().startswith(("https://", "http://")):
            raise UsageError(
                f"ClaimReview needs the publisher's http(s) URL (--publisher-url), got {self.url!r}"
            )


def _appearance(source: Source) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "headline": source.title}
    url = safe.web_url(source.url)
    if url:
        work["url"] = url
    if source.date:
        work["datePublished"] = source.date
    if source.publisher:
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
    return work


def review(summary: ClaimSummary, publisher: Publisher, date: str | None = None) -> dict[str, Any]:
    """One ClaimReview; the claimant is an Organization (the data does not say person or body)."""
    item: dict[str, Any] = {
        "@type": "Claim",
        "author": {"@type": "Organization", "name": summary.claimant},
        "appearance": _appearance(summary.source),
    }
    if summary.source.date:
        item["datePublished"] = summary.source.date
    out: dict[str, Any] = {
        "@type": "ClaimReview",
        "url": f"{publisher.url.split('#')[0]}#{summary.id}",
        "claimReviewed": summary.quote,
        "itemReviewed": item,
        "author": {"@type": "Organization", "name": publisher.name, "url": publisher.url},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATING[summary.verdict],
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": summary.verdict_words,
        },
        "reviewBody": summary.reason,
    }
    if date:
        out["datePublished"] = date
    return out


def render(report: VerifyReport, publisher: Publisher, date: str | None = None) -> str:
    """A JSON-LD document with one ClaimReview per claim in its @graph."""
    doc = {
        "@context": SCHEMA_CONTEXT,
        "@graph": [review(s, publisher, date) for s in summarize(report)],
    }
    # "</" never appears raw, so the document can also be pasted into a <script> element.
    return safe.dumps(doc, indent=2).replace("</", "<\\/") + "\n"
