"""The command line: parse options, call the library, format. Nothing here measures anything.

Exit codes: 0 every verdict as expected, 1 a verdict needs attention, 2 bad input or usage.
Subcommands are imported on first use so `claimcheck verify` pays only for what it runs.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

import click

from claimcheck import __version__
from claimcheck.errors import ClaimcheckError, DataError, Problem
from claimcheck.render import CHOICES as FORMAT_CHOICES

EXIT_OK, EXIT_ATTENTION, EXIT_BAD_INPUT = 0, 1, 2

#: command name -> "module:function"; each module holds one command and its options.
COMMANDS: dict[str, str] = {
    "verify": "claimcheck.cli.app:verify",
    "extract": "claimcheck.cli.extract:extract",
    "check": "claimcheck.cli.check:check",
    "schema": "claimcheck.cli.schema:schema",
    "distance": "claimcheck.cli.distance:distance",
    "report": "claimcheck.cli.report:report",
    "map": "claimcheck.cli.map:map_command",
    "locate": "claimcheck.cli.locate:locate",
    "places": "claimcheck.cli.places:places",
}


class InputError(click.ClickException):
    """Bad data or usage: exit 2, never a traceback."""

    exit_code = EXIT_BAD_INPUT


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


def use_color() -> bool | None:
    """None lets click decide (colour on a terminal only); NO_COLOR always wins."""
    return False if os.environ.get("NO_COLOR") else None


def echo(text: str, err: bool = False) -> None:
    click.echo(text, err=err, color=use_color())


def wants_color(err: bool = False) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    stream = sys.stderr if err else sys.stdout
    return stream.isatty()


def fail_with_problems(problems: list[Problem], fmt: str) -> NoReturn:
    """Print every problem in the chosen format and exit 2."""
    from claimcheck.render import formatter

    text = formatter(fmt).render_problems(problems, wants_color(err=fmt == "text"))
    if fmt == "text":
        echo(text, err=True)
    else:
        echo(text)
    sys.exit(EXIT_BAD_INPUT)


@contextmanager
def reporting_errors(fmt: str = "text") -> Iterator[None]:
    """Turn the library's errors into exit 2 with a message, never a traceback."""
    try:
        yield
    except DataError as exc:
        fail_with_problems(exc.problems, fmt)
    except ClaimcheckError as exc:
        raise InputError(str(exc)) from exc


def claims_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--claims",
        "claims_path",
        default="data/claims.yaml",
        show_default=True,
        type=click.Path(dir_okay=False),
        help="Claims file (YAML).",
    )(func)


def places_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--places",
        "places_path",
        default="data/places.yaml",
        show_default=True,
        type=click.Path(dir_okay=False),
        help="Places file (YAML, or GeoJSON: .geojson/.json).",
    )(func)


def gazetteer_db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--gazetteer-db",
        "gazetteer_db",
        default=None,
        type=click.Path(dir_okay=False),
        help="GeoNames index (from `places import geonames`) for places the places file lacks.",
    )(func)


def format_option(*names: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--format NAME; "auto" (when offered) arrives already resolved to github or text."""

    def resolve(ctx: click.Context, param: click.Parameter, value: str) -> str:
        from claimcheck.render import resolve

        return resolve(value, os.environ)

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(names),
            default=names[0],
            show_default=True,
            callback=resolve,
            help="Output format (auto: github under GitHub Actions, else text).",
        )(func)

    return decorate


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimcheck")
def main() -> None:
    """Check disputed distance claims in news reports against a cited gazetteer.

    Distances are geodesics on the WGS84 ellipsoid; every answer is an interval.

    \b
    Example:
      claimcheck verify --claims data/claims.yaml --places data/places.yaml
    """


def parse_verdicts(ctx: click.Context, param: click.Parameter, value: str) -> tuple[Any, ...]:
    """Read a comma list of verdict names ("inconclusive,unverifiable") as VerdictKinds."""
    from claimcheck.claims.model import VerdictKind

    known = {k.value: k for k in VerdictKind}
    names = [n.strip().lower() for n in value.split(",") if n.strip()]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise click.BadParameter(
            f"unknown verdict {unknown[0]!r}: use a comma list of {', '.join(known)}"
        )
    return tuple(known[n] for n in names)


@main.command()
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
    from claimcheck import api as engine
    from claimcheck.render import formatter

    with reporting_errors(fmt):
        dataset = engine.load_dataset(claims_path, places_path, gazetteer_db)
        report = engine.verify(dataset, fail_on)
        if update_expect:
            from claimcheck.claims import lock

            verdicts = {v.claim.id: v.verdict.value for v in report.verdicts}
            changes = lock.write_expect(claims_path, verdicts)
            report = lock.locked(report)
    output = formatter(fmt).render_verify(report, wants_color() and fmt == "text")
    if output:  # a clean run in a findings-only format prints nothing
        echo(output)
    if update_expect:
        for change in changes:
            echo(f"{claims_path}: {change}", err=True)
        echo(f"{claims_path}: {len(changes)} expect: value(s) written", err=True)
    sys.exit(EXIT_OK if report.ok else EXIT_ATTENTION)
