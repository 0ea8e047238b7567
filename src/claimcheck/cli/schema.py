"""`claimcheck schema claims|places`: print the JSON Schema shipped inside the package.

Editors use it through the `# yaml-language-server: $schema=…` line at the top of a data file;
other repositories can save it with `claimcheck schema claims > claims.schema.json`.
"""

from __future__ import annotations

from importlib.resources import files

import click

from claimcheck.cli.options import echo

SCHEMAS = ("claims", "places")


def schema_text(name: str) -> str:
    """The schema for a claims or places file, as shipped (JSON text)."""
    return (files("claimcheck.files") / "schemas" / f"{name}.schema.json").read_text("utf-8")


@click.command()
@click.argument("which", type=click.Choice(SCHEMAS))
def schema(which: str) -> None:
    """Print the JSON Schema for a claims or places file.

    The schema checks structure (keys, types, required fields, coordinate ranges); `claimcheck
    check` also checks figures, units and that every place a claim names exists.

    \b
    Example:
      claimcheck schema claims > claims.schema.json
    """
    echo(schema_text(which).rstrip("\n"))
