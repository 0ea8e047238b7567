"""A Markdown report for editors: every claim with its verdict, figures and sources.

All text that comes from the data files is escaped, so a quote that contains `<script>` or
`[text](url)` renders as those characters, never as HTML or a link.
"""

from __future__ import annotations

import re

from claimcheck.api import VerifyReport
from claimcheck.gazetteer.places import Source
from claimcheck.render.summary import CheckRow, ClaimSummary, methods, summarize

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
    escaped = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    if not leads_line:
        return escaped
    return _LEADING_MARKER.sub(lambda m: "\\" + m[1] if m[1] else f"{m[2]}\\{m[3]}", escaped)


def _url(url: str) -> str:
    """A link destination in angle brackets, where only <, > and newlines would break out."""
    return "<" + re.sub(r"[<>\s]", lambda m: f"%{ord(m.group()):02X}", url) + ">"


def _source(source: Source) -> str:
    title = escape(source.title)
    url = source.url or ""
    text = f"[{title}]({_url(url)})" if url.lower().startswith(("https://", "http://")) else title
    extra = [escape(x) for x in (source.publisher, source.date) if x]
    return ", ".join([text, *extra])


def _table(rows: tuple[CheckRow, ...]) -> list[str]:
    if not rows:
        return []
    lines = [
        "| check | verdict | measured | claimed | margin | P(holds) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        cells = (r.quantity, r.verdict.value, r.measured, r.claimed, r.margin, r.probability)
        lines.append("| " + " | ".join(escape(c) for c in cells) + " |")
    return [*lines, ""]


def _claim(s: ClaimSummary) -> list[str]:
    status = ""
    if s.expect is not None:
        status = " (as expected)" if s.expected else f" (expected {s.expect.value})"
    lines = [
        f"## {escape(s.id)}: {s.verdict.value}",
        "",
        f"> {escape(s.quote, leads_line=True)}",
        "",
        f"- **Claimant:** {escape(s.claimant)}",
        f"- **Source:** {_source(s.source)}",
        f"- **Verdict:** {s.verdict.value}{status}: {escape(s.verdict_words)}",
        "",
        *_table(s.checks),
        f"**Why:** {escape(s.reason)}",
        "",
    ]
    if s.readings:
        lines += ["**Candidate readings:**", ""]
        for reading in s.readings:
            lines.append(f"- {reading.verdict.value}: {escape(reading.places)}")
            lines += ["", *("  " + x if x else x for x in _table(reading.checks))]
            if not reading.checks:
                lines += [f"  {escape(reading.reason)}", ""]
    if s.contradictions:
        lines += ["**Contradictions:**", ""]
        lines += [f"- {escape(c)}" for c in s.contradictions]
        lines.append("")
    return lines


def render(report: VerifyReport, title: str = "Distance claims: verdicts") -> str:
    summaries = summarize(report)
    counts = ", ".join(f"{n} {k}" for k, n in report.counts.items() if n)
    lines = [f"# {escape(title)}", "", f"{len(summaries)} claims: {counts}.", ""]
    for s in summaries:
        lines += _claim(s)
    lines += ["## Methods", ""]
    for heading, text in methods(report.dataset.policy):
        lines += [f"**{heading}.** {escape(text)}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
