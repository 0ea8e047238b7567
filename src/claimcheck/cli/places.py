"""`claimcheck places`: search, show, add, import; each subcommand is imported on first use.

So `places show` does not pay for the online sources of `places add` nor for the importer.
"""

from __future__ import annotations

import click

from claimcheck.cli.app import LazyGroup

#: subcommand -> "module:function", as claimcheck.cli.app.COMMANDS
SUBCOMMANDS: dict[str, str] = {
    "search": "claimcheck.cli.places_search:search",
    "show": "claimcheck.cli.places_search:show",
    "add": "claimcheck.cli.places_add:add",
    "import": "claimcheck.cli.places_import:import_group",
}
#: subcommand -> the first sentence of its help, as `claimcheck places --help` lists it
SUMMARIES: dict[str, str] = {
    "search": "List every place NAME can mean, best first, with why it matched.",
    "show": "Print one place in full: PLACE_ID from the places file, or geonames:ID with --db.",
    "add": "Find NAME in a gazetteer and append it to the places file, cited.",
    "import": "Build a searchable index from a gazetteer dump.",
}


@click.group(cls=LazyGroup, lazy=SUBCOMMANDS, summaries=SUMMARIES)
def places() -> None:
    """Search the gazetteer, show one place, add one from a gazetteer, or import GeoNames.

    \b
    Example:
      claimcheck places search "At Tanf"
      claimcheck places add "Ar Rutbah" --country IQ
      claimcheck places show al-tanf-garrison
      claimcheck places import geonames SY.zip -o geonames.sqlite
    """
