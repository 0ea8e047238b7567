"""A self-contained HTML report: one file, inline CSS, no scripts, no external assets.

Every string from the data files is made inert (claimcheck.render.safe) and goes through
html.escape, so a quote that contains `<script>` shows those characters; source URLs become links
only when they are http(s).
"""

from __future__ import annotations

import html

from claimcheck.api import VerifyReport
from claimcheck.claims.model import VerdictKind
from claimcheck.gazetteer.places import Source
from claimcheck.render.methods import PlaceRow, methods, places_table
from claimcheck.render.safe import clean, web_url
from claimcheck.render.summary import CheckRow, ClaimSummary, headline, summarize

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
table.places{font-size:.8rem}
""".strip()


def escape(text: str) -> str:
    """Text from the data as HTML that shows it: no markup, no control characters."""
    return html.escape(clean(text))


def _badge(kind: VerdictKind) -> str:
    return f'<span class="verdict" style="background:{COLOURS[kind]}">{kind.value}</span>'


def _link(url: str | None, text: str) -> str:
    label = escape(text)
    link = web_url(url)
    return f'<a href="{escape(link)}">{label}</a>' if link else label


def _source(source: Source) -> str:
    extra = [escape(x) for x in (source.publisher, source.date) if x]
    return ", ".join([_link(source.url, source.title), *extra])


def _table(rows: tuple[CheckRow, ...]) -> str:
    if not rows:
        return ""
    head = "".join(
        f"<th>{h}</th>"
        for h in ("check", "verdict", "measured", "claim's range", "margin", "probability it holds")
    )
    body = "".join(
        f"<tr><td>{escape(r.quantity)}</td><td>{_badge(r.verdict)}</td>"
        f"<td>{escape(r.measured)}</td><td>{escape(r.claimed)}</td><td>{escape(r.margin)}</td>"
        f"<td>{escape(r.probability)}</td></tr>"
        for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _claimant(s: ClaimSummary) -> str:
    kind = {"person": " (a person)", "organization": " (an organization)"}
    return escape(s.claimant) + kind.get(s.claimant_type or "", "")


def _claim(s: ClaimSummary) -> str:
    parts = [
        f'<section id="{escape(s.id)}">',
        f"<h2>{s.number}. {escape(s.statement)}</h2>",
        f"<p>{_badge(s.verdict)} {escape(s.verdict_meaning)}.</p>",
        f"<blockquote>{escape(s.quote)}</blockquote>",
        "<dl>",
        *([f"<dt>In English</dt><dd>{escape(s.translation)}</dd>"] if s.translation else []),
        f"<dt>Claimant</dt><dd>{_claimant(s)}</dd>",
        f"<dt>Source</dt><dd>{_source(s.source)}</dd>",
        f"<dt>Why</dt><dd>{escape(s.why)}</dd>",
        "</dl>",
        _table(s.checks),
    ]
    if not s.expected and s.expect is not None:
        parts.append(
            f"<p><strong>Note:</strong> a reviewer recorded this claim as "
            f"{escape(s.expect.value)}; the data now gives {escape(s.verdict.value)}.</p>"
        )
    if s.readings:
        parts.append("<h3>Each place the name could mean</h3><ul>")
        for r in s.readings:
            detail = _table(r.checks) or f"<p>{escape(r.reason)}</p>"
            parts.append(f"<li>{escape(r.places)}: {_badge(r.verdict)}{detail}</li>")
        parts.append("</ul>")
    if s.contradictions:
        items = "".join(f"<li>{escape(c)}</li>" for c in s.contradictions)
        parts.append(f"<h3>Conflicts with other claims</h3><ul>{items}</ul>")
    parts.append("</section>")
    return "\n".join(p for p in parts if p)


def _places(rows: list[PlaceRow]) -> str:
    if not rows:
        return ""
    head = "".join(
        f"<th>{h}</th>" for h in ("place", "position", "uncertainty", "source", "claims")
    )
    body = "".join(
        f"<tr><td>{escape(r.name)}</td><td>{escape(r.position)}</td>"
        f"<td>{escape(r.uncertainty)}</td><td>{_source(r.source)}</td>"
        f"<td>{escape(r.claims)}</td></tr>"
        for r in rows
    )
    note = (
        "<p>Claims in parentheses use the place as one reading of an ambiguous name.</p>\n"
        if any("(" in r.claims for r in rows)
        else ""
    )
    return (
        f'<h2 id="places">Places</h2>\n{note}'
        f'<table class="places"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    )


def render(report: VerifyReport, title: str = "Distance claims: verdicts") -> str:
    summaries = summarize(report)
    paragraphs = methods(report, summaries)
    text = "\n".join(f"<p><strong>{escape(h)}.</strong> {escape(t)}</p>" for h, t in paragraphs)
    body = "\n".join(_claim(s) for s in summaries)
    places = _places(places_table(report, summaries))
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
<p>{escape(headline(report))}</p>
{body}
{places}
<h2 id="methods">Methods</h2>
{text}
</body>
</html>
"""
