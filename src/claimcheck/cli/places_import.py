"""`claimcheck places import geonames`: build a searchable index from a GeoNames dump."""

from __future__ import annotations

import os
import sys
import tempfile
from typing import Any

import click

from claimcheck.cli.options import echo, reporting_errors
from claimcheck.errors import UsageError
from claimcheck.lookup.dumps import dump_size
from claimcheck.lookup.importer import import_geonames
from claimcheck.lookup.index import LICENCE

#: show a progress bar for inputs at least this large (bytes), and only on a terminal
PROGRESS_MIN_BYTES = 8 << 20


@click.group(name="import")
def import_group() -> None:
    """Build a searchable index from a gazetteer dump."""


@import_group.command()
@click.argument("dump", type=click.Path(dir_okay=False, exists=True, allow_dash=True))
@click.option(
    "--alternate-names",
    type=click.Path(dir_okay=False, exists=True, allow_dash=True),
    help="GeoNames alternateNamesV2 (.zip as downloaded, or the .txt in it; - reads standard "
    "input): names in other scripts and languages for the same places.",
)
@click.option("--country", help="Import only places in this country (ISO code).")
@click.option(
    "-o",
    "--output",
    default="geonames.sqlite",
    show_default=True,
    type=click.Path(dir_okay=False, allow_dash=True),
    help="The index to write (replaced atomically); - writes the SQLite file to stdout.",
)
def geonames(dump: str, alternate_names: str | None, country: str | None, output: str) -> None:
    """Index a GeoNames dump as downloaded: SY.zip, allCountries.zip, or the .txt inside (- reads
    the .txt from standard input).

    The dump format is 19 tab-separated columns. The index answers `places search --db` in
    milliseconds. It is a search aid: places.yaml stays the reviewed source of truth, and a
    GeoNames place (data CC BY 4.0) goes into it with its GeoNames id as the source and an
    uncertainty a reviewer chose. On a terminal a progress bar shows the bytes read.

    \b
    Example:
      claimcheck places import geonames SY.zip --alternate-names alternateNamesV2.zip \\
          --country SY -o geonames.sqlite
      claimcheck places import geonames allCountries.zip -o world.sqlite
      unzip -p SY.zip SY.txt | claimcheck places import geonames - -o geonames.sqlite
    """
    with reporting_errors():
        if dump == alternate_names == "-":
            raise UsageError("the dump and --alternate-names cannot both come from stdin (-)")
        if output != "-":
            stats = _import(dump, output, alternate_names, country)
        elif sys.stdout.isatty():
            raise UsageError("-o - writes a binary SQLite file: redirect stdout to a file")
        else:
            with tempfile.TemporaryDirectory() as scratch:
                built = os.path.join(scratch, "geonames.sqlite")
                stats = _import(dump, built, alternate_names, country)
                stdout = sys.stdout.buffer
                with open(built, "rb") as handle:
                    while chunk := handle.read(1 << 20):
                        stdout.write(chunk)
    where = "stdout" if output == "-" else output
    echo(
        f"{where}: {stats.rows:,} places, {stats.names:,} names ({stats.spellings:,} spellings) "
        f"in {stats.seconds:.1f} s. GeoNames data is {LICENCE}: cite geonames.org",
        err=True,
    )


def _import(dump: str, output: str, alternate_names: str | None, country: str | None) -> Any:
    """import_geonames, with a progress bar for a large input when stderr is a terminal.

    The bar counts the bytes of the files (a zip's as unzipped); standard input has no size, so
    it is not counted and the bar still ends at 100 %.
    """
    size = dump_size(*(p for p in (dump, alternate_names) if p != "-"))
    if not (stderr_is_tty() and size >= PROGRESS_MIN_BYTES):
        return import_geonames(dump, output, alternate_names, country)
    with click.progressbar(length=size, label="importing", file=sys.stderr) as bar:
        return import_geonames(dump, output, alternate_names, country, bar.update)


def stderr_is_tty() -> bool:
    return sys.stderr.isatty()
