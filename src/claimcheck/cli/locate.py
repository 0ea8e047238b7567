"""`claimcheck locate`: where an unknown place can be, given the claims about it.

Exit codes: 0 some point satisfies every claim, 1 none does (the output names a smallest
conflicting set), 2 bad input or usage.
"""

from __future__ import annotations

import sys

import click

from claimcheck import api
from claimcheck.analysis import locate as core
from claimcheck.cli.completion import complete_unknown_place_id
from claimcheck.cli.options import (
    EXIT_ATTENTION,
    EXIT_OK,
    claims_option,
    echo,
    format_option,
    places_option,
    reporting_errors,
)
from claimcheck.errors import UsageError
from claimcheck.render.locate import RENDERERS, render_text
from claimcheck.render.naming import sentence_labels


@click.command()
@click.argument("place", required=False, shell_complete=complete_unknown_place_id)
@claims_option
@places_option
@click.option(
    "--by",
    "by",
    type=click.Choice(["claimant"]),
    default=None,
    help="Also give one region per claimant's account.",
)
@click.option(
    "--where",
    "where",
    multiple=True,
    metavar="TEXT",
    help="An extra constraint in the claims' words, e.g. 'more than 45 mi from 33.4369,38.8364'.",
)
@click.option(
    "--window",
    default="250 km",
    show_default=True,
    help="Regions are computed within this distance of the claims' centre.",
)
@format_option("text", "json", "geojson")
def locate(
    place: str | None,
    claims_path: str,
    places_path: str,
    by: str | None,
    where: tuple[str, ...],
    window: str,
    fmt: str,
) -> None:
    """Map where an unknown place can be: the region each claim allows, and their intersection.

    Exits 0 when some point satisfies every claim, 1 when none does (a smallest conflicting set
    of claims is named), 2 on bad input.

    \b
    Example:
      claimcheck locate strike-site-2017-06-06 --by claimant
      claimcheck locate --where "more than 45 mi from 33.4369,38.8364" \\
                        --where "within 55 km of al-tanf-garrison" --format json
    """
    with reporting_errors("text" if fmt == "text" else "json"):
        if place is None and not where:
            raise UsageError("name an unknown PLACE, or give at least one --where constraint")
        window_m = core.parse_window(window)
        dataset = api.load_dataset(claims_path, places_path)
        gazetteer = dataset.gazetteer
        claims = list(dataset.claims) if place is not None else []
        place_id = core.unknown_place(gazetteer, place).id if place is not None else None
        if where:
            extra, gazetteer = core.where_claims(where, gazetteer, place_id)
            claims += extra
        result = core.locate(
            place_id or core.WHERE_PLACE_ID,
            claims,
            gazetteer,
            by_claimant=by == "claimant",
            window_m=window_m,
            about=dataset.policy.about,
        )
    if fmt == "text":
        echo(render_text(result, sentence_labels(gazetteer)))
    else:
        echo(RENDERERS[fmt](result))
    sys.exit(EXIT_OK if result.feasible else EXIT_ATTENTION)
