"""The `claimcheck` command group: commands are imported on first use.

So `claimcheck --help` and each command pay only for what they run. Nothing here measures
anything; the commands call the library (claimcheck.api) and a renderer.
"""

from __future__ import annotations

import importlib

import click

from claimcheck import __version__

#: command name -> "module:function"; each module holds one command and its options.
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


class LazyGroup(click.Group):
    """A click group whose commands are imported only when they run (or when --help lists them)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, _, attr = target.partition(":")
        command = getattr(importlib.import_module(module), attr)
        assert isinstance(command, click.Command)
        return command


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
