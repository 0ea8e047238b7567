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
    color_option,
    echo,
    format_option,
    gazetteer_db_option,
    places_option,
    reporting_errors,
    strict_option,
    wants_color,
)
from claimcheck.cli.verdicts import parse_verdicts
from claimcheck.errors import UsageError
from claimcheck.files import yamlfile
from claimcheck.render import CHOICES as FORMAT_CHOICES
from claimcheck.render import formatter
from claimcheck.render.safe import clean
from claimcheck.render.wording import count


@click.command()
@claims_option
@places_option
@gazetteer_db_option
@color_option
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
@strict_option
def verify(
    claims_path: str,
    places_path: str,
    gazetteer_db: str | None,
    fmt: str,
    fail_on: tuple[Any, ...],
    update_expect: bool,
    strict: bool,
) -> None:
    """Give a verdict for every claim: consistent, inconsistent, inconclusive or unverifiable.

    Exits 0 when every claim with an `expect:` got that verdict, 1 when one did not (or got a
    verdict listed in --fail-on), 2 when an input file is bad. Claims marked `status: draft`
    are listed with what they lack and not verified; the exit code is as if they were absent,
    unless --strict makes each draft an error.

    \b
    Example:
      claimcheck verify
      claimcheck verify --claims my/claims.yaml --places my/places.yaml --format json
      claimcheck verify --format github --fail-on inconclusive,unverifiable
      claimcheck verify --update-expect     # accept the current verdicts
      claimcheck verify --gazetteer-db geonames.sqlite   # names the places file lacks
    """
    # The collector stays paused for the whole command: loading and verifying build one large
    # tree that lives until exit, and each time the collector resumed it scanned all of it
    # again (a tenth of the time on 10,000 claims). Reference counting frees everything else.
    with yamlfile.gc_paused(until_exit=True):
        with reporting_errors(fmt):
            if update_expect and claims_path == yamlfile.STDIN:
                raise UsageError("--update-expect writes the claims file: give its path, not -")
            # the bytes the verdicts come from: --update-expect writes only if the file still
            # holds them
            verified = yamlfile.read_bytes(claims_path) if update_expect else None
            dataset = api.load_dataset(claims_path, places_path, gazetteer_db, strict)
            report = api.verify(dataset, fail_on)
            if update_expect:
                verdicts = {v.claim.id: v.verdict.value for v in report.verdicts}
                plan = lock.write_expect(claims_path, verdicts, verified)
                report = report.locked(skipped={p.item for p in plan.skipped})
        output = formatter(fmt).render_verify(report, wants_color() and fmt == "text")
    if output:  # a clean run in a findings-only format prints nothing
        echo(output)
    if update_expect:
        for change in plan.changes:
            echo(f"{claims_path}: {change}", err=True)
        for problem in plan.skipped:
            echo(clean(problem), err=True)
        echo(f"{claims_path}: {count(len(plan.changes), 'expect: value')} written", err=True)
    sys.exit(EXIT_OK if report.ok else EXIT_ATTENTION)
