"""What every command shares: exit codes, colour, error reporting and the common options.

Exit codes: 0 every verdict as expected, 1 a verdict needs attention, 2 bad input or usage.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

import click

from claimcheck.claims.model import VerdictKind
from claimcheck.errors import ClaimcheckError, DataError, Problem
from claimcheck.render import formatter, resolve

EXIT_OK, EXIT_ATTENTION, EXIT_BAD_INPUT = 0, 1, 2


class InputError(click.ClickException):
    """Bad data or usage: exit 2, never a traceback."""

    exit_code = EXIT_BAD_INPUT


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


def strict_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--strict",
        is_flag=True,
        help="Treat claims marked `status: draft` as errors (exit 2) instead of listing them.",
    )(func)


def format_option(*names: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--format NAME; "auto" (when offered) arrives already resolved to github or text."""

    def resolve_auto(ctx: click.Context, param: click.Parameter, value: str) -> str:
        return resolve(value, os.environ)

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(names),
            default=names[0],
            show_default=True,
            callback=resolve_auto,
            help="Output format (auto: github under GitHub Actions, else text).",
        )(func)

    return decorate


def parse_verdicts(ctx: click.Context, param: click.Parameter, value: str) -> tuple[Any, ...]:
    """Read a comma list of verdict names ("inconclusive,unverifiable") as VerdictKinds."""
    known = {k.value: k for k in VerdictKind}
    names = [n.strip().lower() for n in value.split(",") if n.strip()]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise click.BadParameter(
            f"unknown verdict {unknown[0]!r}: use a comma list of {', '.join(known)}"
        )
    return tuple(known[n] for n in names)
