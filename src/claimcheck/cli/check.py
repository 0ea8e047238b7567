"""`claimcheck check`: validate the claims and places files without measuring anything.

The same loading `verify` does first (schema, references, lint), so CI can fail fast on a typo
before any geodesy runs.
"""

from __future__ import annotations

import sys

import click

from claimcheck import api
from claimcheck.cli.options import (
    EXIT_OK,
    claims_option,
    color_option,
    echo,
    format_option,
    gazetteer_db_option,
    places_option,
    reporting_errors,
    strict_option,
    wants_color,
)
from claimcheck.render import CHOICES, formatter


@click.command()
@claims_option
@places_option
@gazetteer_db_option
@color_option
@format_option(*CHOICES)
@strict_option
def check(
    claims_path: str, places_path: str, gazetteer_db: str | None, fmt: str, strict: bool
) -> None:
    """Check that the claims and places files are valid, without measuring anything.

    Exits 0 when both files can be used (warnings are printed but do not fail), 2 when either
    has an error; every problem names its file, line and field. Claims marked `status: draft`
    are listed with what they lack and do not count, unless --strict.

    \b
    Example:
      claimcheck check
      claimcheck check --claims my/claims.yaml --places my/places.yaml --format parsable
      claimcheck check --gazetteer-db geonames.sqlite   # warns about imported places
      claimcheck check --strict                         # a draft is an error
    """
    with reporting_errors(fmt):
        dataset = api.load_dataset(claims_path, places_path, gazetteer_db, strict)
    output = formatter(fmt).render_check(dataset, wants_color() and fmt == "text")
    if output:
        echo(output)
    sys.exit(EXIT_OK)
