"""A self-contained HTML report: one file, inline CSS, no scripts, no external assets.

Every string from the data files goes through html.escape, so a quote that contains `<script>`
shows those characters; source URLs become links only when they are http(s).
"""

from __future__ import annotations

from html import escape

from claimcheck.api import VerifyReport
from claimcheck.claims.model import VerdictKind
from claimcheck.gazetteer.places import Source
from claimcheck.render.summary import CheckRow, ClaimSummary, methods, summarize

#: Verdict colours, also used by the maps.
COLOURS: dict[VerdictKind, str] = {
    VerdictKind.CONSISTENT: "#1b7837",
    VerdictKind.INCONSISTENT: "#b2182b",
    VerdictKind.INCONCLUSIVE: "#b35806",
    VerdictKind.UNVERIFIABLE: "#762a83",
}

_CSS = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:52rem;margin:2rem auto;
padding:0 1rem;color:#222}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2.2rem;border-top:1px solid #ddd;
padding-top:1rem}
blockquote{margin:.5rem 0;padding:.2rem 1rem;border-left:4px solid #bbb;font-style:italic}
table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
.verdict{display:inline-block;padding:0 .5rem;border-radius:.3rem;color:#fff;font-weight:600;
text-transform:uppercase;font-size:.85rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.5rem 0}
dt{font-weight:600}dd{margin:0}
""".strip()


def _badge(kind: VerdictKind) -> str:
    return f'<span class="verdict" style="background:{COLOURS[kind]}">{kind.value}</span>'


def _link(url: str | None, text: str) -> str:
    label = escape(text)
    if url and url.lower().startswith(("https://", "http://")):
        return f'<a href="{escape(url)}">{label}</a>'
    return label


def _source(source: Source) -> str:
    extra = [escape(x) for x in (source.publisher, source.date) if x]
    return ", ".join([_link(source.url, source.title), *extra])


def _table(rows: tuple[CheckRow, ...]) -> str:
    if not rows:
        return ""
    headings = ("check", "verdict", "measured", "claimed", "margin", "P(holds)")
    head = "".join(f"<th>{h}</th>" for h in headings)
    body = "".join(
        f"<tr><td>{escape(r.quantity)}</td><td>{_badge(r.verdict)}</td>"
        f"<td>{escape(r.measured)}</td><td>{escape(r.claimed)}</td><td>{escape(r.margin)}</td>"
        f"<td>{escape(r.probability)}</td></tr>"
        for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _claim(s: ClaimSummary) -> str:
    status = ""
    if s.expect is not None:
        status = " (as expected)" if s.expected else f" (expected {escape(s.expect.value)})"
    parts = [
        f'<section id="{escape(s.id)}">',
        f"<h2>{escape(s.id)} {_badge(s.verdict)}</h2>",
        f"<blockquote>{escape(s.quote)}</blockquote>",
        "<dl>",
        f"<dt>Claimant</dt><dd>{escape(s.claimant)}</dd>",
        f"<dt>Source</dt><dd>{_source(s.source)}</dd>",
        f"<dt>Verdict</dt><dd>{escape(s.verdict_words)}{status}</dd>",
        f"<dt>Why</dt><dd>{escape(s.reason)}</dd>",
        "</dl>",
        _table(s.checks),
    ]
    if s.readings:
        parts.append("<h3>Candidate readings</h3><ul>")
        for r in s.readings:
            detail = _table(r.checks) or f"<p>{escape(r.reason)}</p>"
            parts.append(f"<li>{_badge(r.verdict)} {escape(r.places)}{detail}</li>")
        parts.append("</ul>")
    if s.contradictions:
        items = "".join(f"<li>{escape(c)}</li>" for c in s.contradictions)
        parts.append(f"<h3>Contradictions</h3><ul>{items}</ul>")
    parts.append("</section>")
    return "\n".join(p for p in parts if p)


def render(report: VerifyReport, title: str = "Distance claims: verdicts") -> str:
    summaries = summarize(report)
    counts = ", ".join(f"{n} {k}" for k, n in report.counts.items() if n)
    sections = methods(report.dataset.policy)
    methods_html = "\n".join(
        f"<p><strong>{escape(h)}.</strong> {escape(t)}</p>" for h, t in sections
    )
    body = "\n".join(_claim(s) for s in summaries)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{escape(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<h1>{escape(title)}</h1>
<p>{len(summaries)} claims: {escape(counts)}.</p>
{body}
<h2>Methods</h2>
{methods_html}
</body>
</html>
"""
