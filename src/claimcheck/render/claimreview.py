"""schema.org ClaimReview JSON-LD, one review per claim, for fact-check publishing.

Follows Google's fact-check structured data guidance (Search Central, "Fact check (ClaimReview)
structured data") and schema.org's ClaimReview, Claim and Rating: the required `claimReviewed`
(a short summary of the claim, built from its data by render.reviewed; the quote itself is the
Claim's `text`),
`reviewRating` (with its required `alternateName`) and `url`; the recommended `author`,
`datePublished` and `itemReviewed` (a Claim with its author, appearance and date). The textual
rating is the one search results show, so it is a short word a fact-checker would publish
(`RATING_NAME`). The numeric scale measures truthfulness only: inconsistent 1, inconclusive 2,
consistent 3. An unverifiable claim is not on it (the data cannot place it anywhere between
false and true), so its Rating has `alternateName` and no `ratingValue`, which the guidance
allows (a numeric rating is recommended, not required). `citation` lists the sources of the
places the verdict used, as the report's table of places gives them: a built-in world layer
(claimcheck.gazetteer.world) as the Dataset it is, any other source as a CreativeWork.
docs/commands/report.md lists which data field each property comes from.
A source URL that is not http(s) (`javascript:`, `data:`) is left out, as the HTML and Markdown
reports leave it out of their links.
"""

from __future__ import annotations

from typing import Any

from claimcheck.api import VerifyReport
from claimcheck.claims.model import VerdictKind
from claimcheck.errors import UsageError
from claimcheck.frozen import frozen
from claimcheck.gazetteer import world
from claimcheck.gazetteer.places import Source
from claimcheck.render import safe
from claimcheck.render.methods import PlaceRow, places_table
from claimcheck.render.summary import ClaimSummary, summarize

SCHEMA_CONTEXT = "https://schema.org"

#: The short rating readers and search results see, by verdict. Accurate / Inaccurate say
#: whether the claimed figure fits what the cited sources allow, without judging intent;
#: Unproven: the sources' uncertainty allows both; Unverifiable: the claim cannot be measured
#: as written (a place has no position, or a name fits several places).
RATING_NAME: dict[VerdictKind, str] = {
    VerdictKind.CONSISTENT: "Accurate",
    VerdictKind.INCONSISTENT: "Inaccurate",
    VerdictKind.INCONCLUSIVE: "Unproven",
    VerdictKind.UNVERIFIABLE: "Unverifiable",
}
#: Truthfulness on a numeric scale, worst 1 to best 3; unverifiable is not on it.
RATING: dict[VerdictKind, int] = {
    VerdictKind.INCONSISTENT: 1,
    VerdictKind.INCONCLUSIVE: 2,
    VerdictKind.CONSISTENT: 3,
}
WORST_RATING, BEST_RATING = min(RATING.values()), max(RATING.values())


@frozen
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


def _cited(row: PlaceRow) -> dict[str, Any]:
    """A place's source as schema.org: a built-in world layer is a Dataset."""
    source = row.source
    if row.built_in:
        return {
            "@type": "Dataset",
            "name": world.TITLE,
            "url": world.URL,
            "license": {"@type": "CreativeWork", "name": world.LICENCE},
            "publisher": {"@type": "Organization", "name": "Natural Earth"},
        }
    work: dict[str, Any] = {"@type": "CreativeWork", "name": source.title}
    url = safe.web_url(source.url)
    if url:
        work["url"] = url
    if source.date:
        work["datePublished"] = source.date
    if source.publisher:
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
    return work


def citations(report: VerifyReport, summary: ClaimSummary) -> list[dict[str, Any]]:
    """Each source of the places the verdict used, once, in the order the places are used."""
    found: dict[str, dict[str, Any]] = {}
    for row in places_table(report, [summary]):
        work = _cited(row)
        found.setdefault(safe.dumps(work), work)
    return list(found.values())


def _rating(summary: ClaimSummary) -> dict[str, Any]:
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": RATING_NAME[summary.verdict]}
    if summary.verdict in RATING:
        rating.update(
            ratingValue=RATING[summary.verdict], bestRating=BEST_RATING, worstRating=WORST_RATING
        )
    rating["ratingExplanation"] = summary.verdict_meaning[0].upper() + summary.verdict_meaning[1:]
    return rating


def review(
    summary: ClaimSummary,
    publisher: Publisher,
    date: str | None = None,
    cited: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """One ClaimReview. The claimant is a Person when the claims file says `claimant_type:
    person`, else an Organization (the default: most claimants are bodies). `cited`: the
    sources of the places the verdict used (`citations`)."""
    kind = "Person" if summary.claimant_type == "person" else "Organization"
    item: dict[str, Any] = {
        "@type": "Claim",
        "author": {"@type": kind, "name": summary.claimant},
        "appearance": _appearance(summary.source),
        "text": summary.quote,
    }
    if summary.source.date:
        item["datePublished"] = summary.source.date
    out: dict[str, Any] = {
        "@type": "ClaimReview",
        "url": f"{publisher.url.split('#')[0]}#{summary.id}",
        "name": summary.statement,
        "claimReviewed": summary.reviewed,
        "itemReviewed": item,
        "author": {"@type": "Organization", "name": publisher.name, "url": publisher.url},
        "reviewRating": _rating(summary),
        "reviewBody": summary.why,
    }
    if cited:
        out["citation"] = cited
    if date:
        out["datePublished"] = date
    return out


def render(report: VerifyReport, publisher: Publisher, date: str | None = None) -> str:
    """A JSON-LD document with one ClaimReview per claim in its @graph."""
    doc = {
        "@context": SCHEMA_CONTEXT,
        "@graph": [review(s, publisher, date, citations(report, s)) for s in summarize(report)],
    }
    # "</" never appears raw, so the document can also be pasted into a <script> element.
    return safe.dumps(doc, indent=2).replace("</", "<\\/") + "\n"
