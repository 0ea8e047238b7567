"""Shell completion of place ids from the places file: apart from claimcheck.cli.options, so
that only the commands taking a place id import the places reader for it."""

from __future__ import annotations

import click
from click.shell_completion import CompletionItem

from claimcheck.errors import ClaimcheckError
from claimcheck.gazetteer.places import PlaceKind
from claimcheck.gazetteer.reader import load_places


def complete_place_id(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """The ids in the places file named on the command line (or the default) that start with
    what was typed; nothing when that file cannot be read."""
    return _place_ids(ctx, incomplete, unknown_only=False)


def complete_unknown_place_id(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """As complete_place_id, for the places of kind unknown (what `locate` maps)."""
    return _place_ids(ctx, incomplete, unknown_only=True)


def _place_ids(ctx: click.Context, incomplete: str, unknown_only: bool) -> list[CompletionItem]:
    path = ctx.params.get("places_path") or "data/places.yaml"
    if path == "-":
        return []
    try:
        gazetteer = load_places(path)
    except ClaimcheckError:
        return []
    return [
        CompletionItem(place.id, help=place.name)
        for place in gazetteer
        if place.id.startswith(incomplete) and (not unknown_only or place.kind is PlaceKind.UNKNOWN)
    ]
