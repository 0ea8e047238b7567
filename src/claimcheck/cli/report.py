"""`claimcheck report`: the verdicts as a Markdown or HTML report, or ClaimReview JSON-LD."""

from __future__ import annotations

import datetime

import click

from claimcheck import api
from claimcheck.claims.model import VerdictKind
from claimcheck.cli.options import (
    claims_option,
    echo,
    format_option,
    output_format,
    places_option,
    reporting_errors,
    write_output,
)
from claimcheck.cli.verdicts import parse_verdicts
from claimcheck.errors import UsageError
from claimcheck.render import claimreview, html_report, markdown

#: (publisher name, url) come from these options or, as a small config, the environment.
PUBLISHER_ENV = ("CLAIMCHECK_PUBLISHER_NAME", "CLAIMCHECK_PUBLISHER_URL")


#: The format a file name's ending asks for, when --format is not given.
SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
            ".json": "claimreview", ".jsonld": "claimreview"}  # fmt: skip


@click.command()
@claims_option
@places_option
@format_option("markdown", "html", "claimreview")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write here (atomically), not to stdout; - is stdout. Without --format, the name's "
    "ending chooses it: .md, .html, .json or .jsonld (ClaimReview).",
)
@click.option(
    "--title",
    default="Distance claims: verdicts",
    show_default=True,
    help="Report title (markdown, html).",
)
@click.option(
    "--publisher-name",
    envvar=PUBLISHER_ENV[0],
    help=f"ClaimReview author: who publishes the reviews [env {PUBLISHER_ENV[0]}].",
)
@click.option(
    "--publisher-url",
    envvar=PUBLISHER_ENV[1],
    help=f"ClaimReview url: the page the reviews appear on [env {PUBLISHER_ENV[1]}].",
)
@click.option(
    "--date", "review_date", help="ClaimReview datePublished, YYYY-MM-DD [default: today]."
)
@click.option(
    "--only",
    metavar="VERDICTS",
    default="",
    callback=parse_verdicts,
    help="Only claims with these verdicts, a comma list (e.g. inconsistent,inconclusive).",
)
@click.option(
    "--claims-matching",
    "matching",
    metavar="TEXT",
    help="Only claims whose quote, claimant, source or id contains TEXT (any case).",
)
def report(
    claims_path: str,
    places_path: str,
    fmt: str,
    output: str | None,
    title: str,
    publisher_name: str | None,
    publisher_url: str | None,
    review_date: str | None,
    only: tuple[VerdictKind, ...],
    matching: str | None,
) -> None:
    """Publish the verdicts: a report for editors, or schema.org ClaimReview for a website.

    Markdown and HTML give, per claim, what it says, the quote, claimant and source, the
    verdict and why, the measured figure (best estimate and worst case) against the claim's range
    with the probability that it holds, and the claims it conflicts with; then a table of the
    places used and the methods, written from the places' sources and the rules those claims
    needed, with the decision policy. The HTML is one self-contained file. --only and
    --claims-matching choose the claims shown. Exits 0 when written, 2 on bad input.

    \b
    Example:
      claimcheck report -o report.html
      claimcheck report --only inconsistent,inconclusive --claims-matching Wikipedia
      claimcheck report --format claimreview --publisher-name "Example Checks" \\
          --publisher-url https://example.org/checks/al-tanf
    """
    with reporting_errors():
        fmt = output_format(fmt, output, SUFFIXES)
        dataset = api.load_dataset(claims_path, places_path)
        result = _chosen(api.verify(dataset), only, matching)
        if fmt == "markdown":
            text = markdown.render(result, title)
        elif fmt == "html":
            text = html_report.render(result, title)
        else:
            if not publisher_name or not publisher_url:
                raise UsageError(
                    "--format claimreview needs --publisher-name and --publisher-url "
                    f"(or {PUBLISHER_ENV[0]} and {PUBLISHER_ENV[1]})"
                )
            date = review_date or datetime.date.today().isoformat()
            try:
                datetime.date.fromisoformat(date)
            except ValueError as exc:
                raise UsageError(f"--date {date!r} is not a YYYY-MM-DD date") from exc
            publisher = claimreview.Publisher(publisher_name, publisher_url)
            text = claimreview.render(result, publisher, date)
        write_output(text.encode(), output)
    if output and output != "-":
        echo(f"wrote {output}", err=True)


def _chosen(
    result: api.VerifyReport, only: tuple[VerdictKind, ...], matching: str | None
) -> api.VerifyReport:
    """The claims the options ask for (all by default), in file order."""
    needle = matching.casefold() if matching else None
    keep = []
    for v in result.verdicts:
        c = v.claim
        if only and v.verdict not in only:
            continue
        text = " ".join((c.id, c.quote, c.claimant, str(c.source))).casefold()
        if needle is not None and needle not in text:
            continue
        keep.append(c.id)
    if len(keep) == len(result.verdicts):
        return result
    return result.restricted(keep)
