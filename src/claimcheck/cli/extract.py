"""`claimcheck extract`: draft claims from an article for a person to review."""

from __future__ import annotations

import os
import sys

import click

from claimcheck.claims import extract as core
from claimcheck.cli.options import echo, format_option, places_option, reporting_errors
from claimcheck.errors import UsageError
from claimcheck.files.atomic import write_text_atomic
from claimcheck.files.yamlfile import read_text
from claimcheck.gazetteer.reader import load_places
from claimcheck.render.safe import json_text
from claimcheck.render.wording import count


def _read_article(path: str) -> str:
    """The article as text: a UTF-8 file, or standard input for "-"."""
    return sys.stdin.read() if path == "-" else read_text(path)


@click.command("extract")
@click.argument("article", type=str)
@places_option
@format_option("yaml", "json")
@click.option(
    "--append",
    "append_path",
    type=click.Path(dir_okay=False, exists=True),
    help="Add the drafts to this claims file (existing bytes untouched; quotes already there "
    "are skipped).",
)
@click.pass_context
def extract(
    ctx: click.Context, article: str, places_path: str, fmt: str, append_path: str | None
) -> None:
    """Draft the distance, zone, border and direction claims in ARTICLE (a path, or - for stdin).

    The drafts are claims-file entries without `expect:`: a reviewer checks each one, names the
    places the gazetteer could not resolve, and only then runs `claimcheck verify`.

    \b
    Example:
      claimcheck extract article.txt
      claimcheck extract article.txt --format json
      claimcheck extract article.txt --append data/claims.yaml
    """
    with reporting_errors("text"):
        if article == places_path == "-":
            raise UsageError("the article and the places cannot both come from standard input")
        text = _read_article(article)
        default_places = (
            ctx.get_parameter_source("places_path") is click.core.ParameterSource.DEFAULT
        )
        gazetteer = None
        if not (default_places and not os.path.exists(places_path)):
            gazetteer = load_places(places_path)
        drafts = core.extract(text, gazetteer)
        title = "standard input" if article == "-" else article
        if append_path is not None:
            existing = read_text(append_path)
            result = core.append_to(existing, append_path, drafts, title)
            if result.added:
                write_text_atomic(append_path, result.text)
            added = count(result.added, "claim")
            echo(
                f"appended {added} to {append_path}; skipped {result.skipped} already there, "
                f"{result.left_out} without a place",
                err=True,
            )
            sys.exit(0)
    if fmt == "json":
        echo(json_text(core.to_json(drafts)))
    else:
        echo(core.to_yaml(drafts, title).rstrip("\n"))
