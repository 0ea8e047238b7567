"""A Markdown report for editors: every claim with its verdict, figures and sources.

All text that comes from the data files is escaped, so a quote that contains `<script>` or
`[text](url)` renders as those characters, never as HTML or a link.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from claimcheck.api import VerifyReport
from claimcheck.gazetteer.places import Source
from claimcheck.render.methods import PlaceRow, methods, places_table
from claimcheck.render.safe import clean, web_url
from claimcheck.render.summary import CheckRow, ClaimSummary, headline, summarize

#: CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that can start
#: markup in the middle of a line (emphasis, code, links, images, HTML, entities, table cells,
#: strikethrough). Escaped text never starts a line here, so list and heading markers are safe.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#!|~&])")


#: A block marker where escaped text leads a line ("- ", "+ ", "= ", "1. ", "1) ").
_LEADING_MARKER = re.compile(r"^(?:([-+=])|(\d+)([.)]))")


def escape(text: str, leads_line: bool = False) -> str:
    """Text as Markdown that renders as itself: whitespace folded, markup characters escaped.

    `leads_line`: the text starts a line (after a block quote's "> "), where a list or heading
    marker would also act.
    """
    escaped = _SPECIAL.sub(r"\\\1", " ".join(clean(text).split()))
    if not leads_line:
        return escaped
    return _LEADING_MARKER.sub(lambda m: "\\" + m[1] if m[1] else f"{m[2]}\\{m[3]}", escaped)


#: What would break out of a link destination in angle brackets (<, >, line breaks), blanks and
#: control characters; each is percent-encoded.
_URL_UNSAFE = re.compile("[<>\\s\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _url(url: str) -> str:
    """A link destination in angle brackets, with nothing in it that could break out."""
    return "<" + _URL_UNSAFE.sub(lambda m: quote(m.group()), url) + ">"


def _source(source: Source) -> str:
    title = escape(source.title)
    url = web_url(source.url)
    text = f"[{title}]({_url(url)})" if url else title
    extra = [escape(x) for x in (source.publisher, source.date) if x]
    return ", ".join([text, *extra])


def _table(rows: tuple[CheckRow, ...]) -> list[str]:
    if not rows:
        return []
    lines = [
        "| check | verdict | measured | claim's range | margin | probability it holds |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        cells = (r.quantity, r.verdict.value, r.measured, r.claimed, r.margin, r.probability)
        lines.append("| " + " | ".join(escape(c) for c in cells) + " |")
    return [*lines, ""]


def _claimant(s: ClaimSummary) -> str:
    kind = {"person": " (a person)", "organization": " (an organization)"}
    return escape(s.claimant) + kind.get(s.claimant_type or "", "")


def _claim(s: ClaimSummary) -> list[str]:
    lines = [
        f'<a id="{escape_id(s.id)}"></a>',
        "",
        f"## {s.number}. {escape(s.statement)}",
        "",
        f"**{s.verdict_label}:** {escape(s.verdict_meaning)}.",
        "",
        f"> {escape(s.quote, leads_line=True)}",
        "",
        *([f"- **In English:** {escape(s.translation)}"] if s.translation else []),
        f"- **Claimant:** {_claimant(s)}",
        f"- **Source:** {_source(s.source)}",
        "",
        *_table(s.checks),
        f"**Why:** {escape(s.why)}",
        "",
    ]
    if not s.expected and s.expect is not None:
        lines += [
            f"**Note:** a reviewer recorded this claim as {s.expect.value}; the data now gives "
            f"{s.verdict.value}.",
            "",
        ]
    if s.readings:
        lines += ["**Each place the name could mean:**", ""]
        for reading in s.readings:
            lines.append(f"- {escape(reading.places)}: {reading.verdict.value}")
            lines += ["", *("  " + x if x else x for x in _table(reading.checks))]
            if not reading.checks:
                lines += [f"  {escape(reading.reason)}", ""]
    if s.contradictions:
        lines += ["**Conflicts with other claims:**", ""]
        lines += [f"- {escape(c)}" for c in s.contradictions]
        lines.append("")
    return lines


def escape_id(text: str) -> str:
    """An anchor id: only characters that need no escaping in an attribute."""
    return re.sub(r"[^A-Za-z0-9_.:-]", "-", text)


def _places(rows: list[PlaceRow]) -> list[str]:
    if not rows:
        return []
    lines = [
        "## Places",
        "",
        *(
            ["Claims in parentheses use the place as one reading of an ambiguous name.", ""]
            if any("(" in r.claims for r in rows)
            else []
        ),
        "| place | position | uncertainty | source | claims |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        cells = [escape(r.name), escape(r.position), escape(r.uncertainty), _source(r.source),
                 escape(r.claims)]  # fmt: skip
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def render(report: VerifyReport, title: str = "Distance claims: verdicts") -> str:
    summaries = summarize(report)
    lines = [f"# {escape(title)}", "", escape(headline(report)), ""]
    for s in summaries:
        lines += _claim(s)
    lines += _places(places_table(report, summaries))
    lines += ["## Methods", ""]
    for heading, text in methods(report, summaries):
        lines += [f"**{heading}.** {escape(text)}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
