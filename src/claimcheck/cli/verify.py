"""`claimcheck verify`: a verdict for every claim, as the data and the rules give it."""

from __future__ import annotations

import sys
from typing import Any

import click

from claimcheck import api
from claimcheck.claims import lock
from claimcheck.cli.options import (
    EXIT_ATTENTION,
    EXIT_OK,
    claims_option,
    echo,
    format_option,
    gazetteer_db_option,
    parse_verdicts,
    places_option,
    reporting_errors,
    wants_color,
)
from claimcheck.files.yamlfile import gc_paused
from claimcheck.render import CHOICES as FORMAT_CHOICES
from claimcheck.render import formatter


@click.command()
@claims_option
@places_option
@gazetteer_db_option
@format_option(*FORMAT_CHOICES)
@click.option(
    "--fail-on",
    "fail_on",
    default="",
    metavar="VERDICTS",
    callback=parse_verdicts,
    help="Comma list of verdicts that fail the run too, e.g. inconclusive,unverifiable.",
)
@click.option(
    "--update-expect",
    is_flag=True,
    help="Write each claim's verdict into the claims file as its expect: (nothing else changes).",
)
def verify(
    claims_path: str,
    places_path: str,
    gazetteer_db: str | None,
    fmt: str,
    fail_on: tuple[Any, ...],
    update_expect: bool,
) -> None:
    """Give a verdict for every claim: consistent, inconsistent, inconclusive or unverifiable.

    Exits 0 when every claim with an `expect:` got that verdict, 1 when one did not (or got a
    verdict listed in --fail-on), 2 when an input file is bad.

    \b
    Example:
      claimcheck verify
      claimcheck verify --claims my/claims.yaml --places my/places.yaml --format json
      claimcheck verify --format github --fail-on inconclusive,unverifiable
      claimcheck verify --update-expect     # accept the current verdicts
      claimcheck verify --gazetteer-db geonames.sqlite   # names the places file lacks
    """
    with reporting_errors(fmt):
        dataset = api.load_dataset(claims_path, places_path, gazetteer_db)
        report = api.verify(dataset, fail_on)
        if update_expect:
            verdicts = {v.claim.id: v.verdict.value for v in report.verdicts}
            changes = lock.write_expect(claims_path, verdicts)
            report = report.locked()
    with gc_paused():  # the report's objects are all alive until exit: nothing to collect
        output = formatter(fmt).render_verify(report, wants_color() and fmt == "text")
    if output:  # a clean run in a findings-only format prints nothing
        echo(output)
    if update_expect:
        for change in changes:
            echo(f"{claims_path}: {change}", err=True)
        echo(f"{claims_path}: {len(changes)} expect: value(s) written", err=True)
    sys.exit(EXIT_OK if report.ok else EXIT_ATTENTION)
