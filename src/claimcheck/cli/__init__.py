"""The command line: thin commands over the library, one module per command."""

from claimcheck.cli.app import main

__all__ = ["main"]
