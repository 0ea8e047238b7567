"""`claimcheck report`: the verdicts as a Markdown or HTML report, or ClaimReview JSON-LD."""

from __future__ import annotations

import datetime

import click

from claimcheck import api
from claimcheck.cli.options import (
    claims_option,
    echo,
    format_option,
    places_option,
    reporting_errors,
)
from claimcheck.errors import UsageError
from claimcheck.files.atomic import write_text_atomic
from claimcheck.render import claimreview, html_report, markdown

#: (publisher name, url) come from these options or, as a small config, the environment.
PUBLISHER_ENV = ("CLAIMCHECK_PUBLISHER_NAME", "CLAIMCHECK_PUBLISHER_URL")


def write_output(text: str, output: str | None) -> None:
    """To the file atomically (never half-written), or to stdout."""
    if output is None:
        click.echo(text, nl=False)
        return

    write_text_atomic(output, text)


@click.command()
@claims_option
@places_option
@format_option("markdown", "html", "claimreview")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here, not stdout.")
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
def report(
    claims_path: str,
    places_path: str,
    fmt: str,
    output: str | None,
    title: str,
    publisher_name: str | None,
    publisher_url: str | None,
    review_date: str | None,
) -> None:
    """Publish the verdicts: a report for editors, or schema.org ClaimReview for a website.

    Markdown and HTML give, per claim, the quote, claimant and source, the verdict, the measured
    figure (best estimate and worst case) against the claimed one, the margin, the probability
    that the claim holds and any contradictions, then the methods and the decision policy.
    The HTML is one self-contained file. Exits 0 when written, 2 on bad input.

    \b
    Example:
      claimcheck report --format html -o report.html
      claimcheck report --format claimreview --publisher-name "Example Checks" \\
          --publisher-url https://example.org/checks/al-tanf
    """
    with reporting_errors():
        dataset = api.load_dataset(claims_path, places_path)
        result = api.verify(dataset)
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
        write_output(text, output)
    if output:
        echo(f"wrote {output}", err=True)
