"""The `claimcheck` command group: commands (and `places` subcommands) are imported on first use.

So `claimcheck --help` and each command pay only for what they run. Nothing here measures
anything; the commands call the library (claimcheck.api) and a renderer.
"""

from __future__ import annotations

import gc
import importlib
import os
from types import ModuleType
from typing import Any

import click

from claimcheck import __version__

# One BLAS thread, unless the user chose: numpy's OpenBLAS starts a pool of threads when it is
# imported, which takes half of numpy's import (~60 ms of a 0.13 s import on 2 CPUs), and no
# command multiplies matrices big enough to use them. Set before any command imports numpy.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

#: command name -> "module:function"; each module holds one command and its options.
#: The exit code after Ctrl-C: 128 + SIGINT, as shells report a process the signal ended (the
#: others, 0, 1 and 2, are in claimcheck.cli.options, which this light module does not import).
INTERRUPTED = 130

COMMANDS: dict[str, str] = {
    "verify": "claimcheck.cli.verify:verify",
    "extract": "claimcheck.cli.extract:extract",
    "check": "claimcheck.cli.check:check",
    "schema": "claimcheck.cli.schema:schema",
    "distance": "claimcheck.cli.distance:distance",
    "report": "claimcheck.cli.report:report",
    "map": "claimcheck.cli.map:map_command",
    "locate": "claimcheck.cli.locate:locate",
    "places": "claimcheck.cli.places:places",
}
#: command name -> the first sentence of its help, as `claimcheck --help` lists it. Kept here so
#: that listing imports no command (tests/test_cli.py checks each against the command's own).
SUMMARIES: dict[str, str] = {
    "verify": (
        "Give a verdict for every claim: consistent, inconsistent, inconclusive or unverifiable."
    ),
    "extract": (
        "Draft the distance, zone, border and direction claims in each ARTICLE: a text file, a "
        "folder (its *.txt and *.md files, in name order; not subfolders), or - for stdin."
    ),
    "check": "Check that the claims and places files are valid, without measuring anything.",
    "schema": "Print the JSON Schema for a claims or places file.",
    "distance": (
        "Geodesic distance on WGS84 from A to B, with its interval, azimuth and compass point."
    ),
    "report": (
        "Publish the verdicts: a report for editors, or schema.org ClaimReview for a website."
    ),
    "map": ("Draw the claims: GeoJSON (RFC 7946), an interactive HTML map, or a PNG/SVG figure."),
    "locate": (
        "Map where an unknown place can be: the region each claim allows, and their intersection."
    ),
    "places": (
        "Search the gazetteer, show one place, add one from a gazetteer, or import GeoNames."
    ),
}


class LazyGroup(click.Group):
    """A click group whose commands are imported only when they run (or show their own help).

    `lazy` maps each command's name to "module:function" (one module per command, or per few
    subcommands that share their imports) and `summaries` to the first sentence of its help, so
    the group's own help lists them without importing any (tests/test_cli.py checks each against
    the command's own help). `claimcheck` is one, `claimcheck places` another.
    """

    def __init__(
        self,
        *args: Any,
        lazy: dict[str, str] | None = None,
        summaries: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = COMMANDS if lazy is None else lazy
        self.summaries = SUMMARIES if summaries is None else summaries

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.lazy)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = self.lazy.get(cmd_name)
        if target is None:
            return None
        module, _, attr = target.partition(":")
        command = getattr(_import_quietly(module), attr)
        assert isinstance(command, click.Command)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        """Ctrl-C exits 130 (128 + SIGINT, as shells report it), not click's 1, which CI would
        read as "a verdict needs attention"."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("interrupted: nothing was written", err=True)
            raise click.exceptions.Exit(INTERRUPTED) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from SUMMARIES, shortened as click shortens a command's own help."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [(name, _shorten(self.summaries[name], limit)) for name in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _import_quietly(module: str) -> ModuleType:
    """A command's module, imported with the cyclic garbage collector paused, and what it built
    then moved out of the collector's sight (gc.freeze).

    A command's imports build ~10^5 objects (classes, functions, tables; numpy's) that live until
    the process ends: each collection during the imports walks them all and frees next to
    nothing (10-25 ms of the ~0.2 s `claimcheck verify` takes), and each later full collection
    would walk them again.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return importlib.import_module(module)
    finally:
        if collecting:
            gc.freeze()
            gc.enable()


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    if limit < len("..."):
        return "..."
    import textwrap

    return textwrap.shorten(text, limit, placeholder="...", break_on_hyphens=False)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimcheck")
def main() -> None:
    """Check disputed distance claims in news reports against a cited gazetteer.

    Distances are geodesics on the WGS84 ellipsoid; every answer is an interval.

    A claims, places or article file may be - (standard input); -o - is standard output.

    \b
    Example:
      claimcheck verify --claims data/claims.yaml --places data/places.yaml

    \b
    Shell completion (commands, options, files and place ids), e.g. for bash:
      eval "$(_CLAIMCHECK_COMPLETE=bash_source claimcheck)"
    """
