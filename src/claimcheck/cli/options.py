"""What every command shares: exit codes, colour, error reporting and the common options.

Exit codes: 0 every verdict as expected, 1 a verdict needs attention, 2 bad input or usage.

Colour, in order: --color/--no-color; NO_COLOR set (not empty) turns it off; FORCE_COLOR set
(not empty) turns it on; TERM=dumb turns it off; else colour only on a terminal.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shlex
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

import click

from claimcheck.errors import ClaimcheckError, DataError, Problem, UsageError, shown
from claimcheck.files.atomic import write_bytes_atomic
from claimcheck.render import formatter, resolve
from claimcheck.render.safe import lines

EXIT_OK, EXIT_ATTENTION, EXIT_BAD_INPUT = 0, 1, 2


class InputError(click.ClickException):
    """Bad data or usage: exit 2, never a traceback."""

    exit_code = EXIT_BAD_INPUT


def wants_color(err: bool = False) -> bool:
    """Whether output to stdout (or stderr) is coloured; see the module's docstring."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None and ctx.color is not None:
        return ctx.color
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    stream = sys.stderr if err else sys.stdout
    return stream.isatty()


def echo(text: str, err: bool = False) -> None:
    """Print a line; colour codes are kept only where colour is wanted.

    Text without an escape character has no colour code to strip, so click is not asked to
    strip them (a regex over the whole text: ~7 ms for 10,000 claims' verdicts). Data cannot
    bring one in: render.safe.clean writes every control character as a visible escape."""
    click.echo(text, err=err, color=wants_color(err) or "\x1b" not in text)


def color_option(func: Callable[..., Any]) -> Callable[..., Any]:
    def store(ctx: click.Context, param: click.Parameter, value: bool | None) -> bool | None:
        if value is not None:
            ctx.color = value
        return value

    return click.option(
        "--color/--no-color",
        "color",
        default=None,
        expose_value=False,
        is_eager=True,
        callback=store,
        help="Colour the text output, or not [default: on a terminal; NO_COLOR, FORCE_COLOR "
        "and TERM=dumb are respected].",
    )(func)


#: What a command did not do when its input was refused, for the errors' last line.
OUTCOMES = {
    "extract": "no draft was written",
    "places": "nothing was changed",
    "distance": "nothing was measured",
    "schema": "nothing was written",
}


#: The options whose default is a path under data/, and the files in the current folder that a
#: user who runs a bare command there probably means (tried in order)
DEFAULT_PATHS = {
    "claims_path": ("--claims", ("claims.yaml", "claims.yml")),
    "places_path": ("--places", ("places.yaml", "places.yml", "places.geojson")),
}


def missing_default_hints(problems: list[Problem], ctx: click.Context | None) -> list[Problem]:
    """Problems that say a default path (data/claims.yaml) cannot be read, told what was looked
    for and, when the current folder has claims.yaml or places.yaml, the options that name them:
    a bare `claimcheck verify` next to those files should not leave the user guessing."""
    if ctx is None:
        return problems
    problems = _new_places_hint(problems, ctx)
    missing: dict[str, str] = {}  # default path -> option
    suggest: list[str] = []
    for name, (option, candidates) in DEFAULT_PATHS.items():
        value = ctx.params.get(name)
        if (
            value is None
            or ctx.get_parameter_source(name) is not click.core.ParameterSource.DEFAULT
        ):
            continue
        if os.path.exists(value):
            continue
        missing[value] = option
        found = next((c for c in candidates if os.path.isfile(c)), None)
        if found:
            suggest.append(f"{option} {found}")
    if not missing:
        return problems
    if suggest:
        files = " and ".join(s.split()[1] for s in suggest)
        advice = f"; this folder has {files}: run with {' '.join(suggest)}"
    else:
        advice = "; give the file's path with " + " and ".join(
            f"{option} PATH" for option in missing.values()
        )
    out = []
    for problem in problems:
        named = missing.get(problem.path)
        if named and problem.message.startswith("cannot read file"):
            note = f" (the default of {named}, relative to the current folder{advice})"
            problem = dataclasses.replace(problem, message=problem.message + note)
        out.append(problem)
    return out


def _new_places_hint(problems: list[Problem], ctx: click.Context) -> list[Problem]:
    """A places file named on the command line that does not exist yet: a new story's, which
    `places add` creates (extract reads the built-in layers without it)."""
    path = ctx.params.get("places_path")
    if (
        not path
        or ctx.get_parameter_source("places_path") is click.core.ParameterSource.DEFAULT
        or os.path.lexists(path)
    ):
        return problems
    note = (
        f" (a new story? `claimcheck places add NAME --places {shlex.quote(path)}` creates it "
        "with a cited place)"
    )
    return [
        dataclasses.replace(p, message=p.message + note)
        if p.path == path and p.message.startswith("cannot read file")
        else p
        for p in problems
    ]


def fail_with_problems(problems: list[Problem], fmt: str) -> NoReturn:
    """Print every problem in the chosen format and exit 2."""
    ctx = click.get_current_context(silent=True)
    problems = missing_default_hints(problems, ctx)
    words = ctx.command_path.split() if ctx is not None else []
    outcome = OUTCOMES.get(words[1] if len(words) > 1 else "", "nothing was verified")
    text = formatter(fmt).render_problems(problems, wants_color(err=fmt == "text"), outcome)
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
        raise InputError(lines(str(exc))) from exc


def write_output(data: bytes, output: str | None) -> None:
    """To the file atomically (never half-written), or to stdout (no -o, or -o -)."""
    if output is None or output == "-":
        click.echo(data, nl=False)
        return
    write_bytes_atomic(output, data)


def claims_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--claims",
        "claims_path",
        default="data/claims.yaml",
        show_default=True,
        type=click.Path(dir_okay=False),
        help="Claims file (YAML; - reads standard input).",
    )(func)


def places_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--places",
        "places_path",
        default="data/places.yaml",
        show_default=True,
        type=click.Path(dir_okay=False),
        help="Places file (YAML, or GeoJSON: .geojson/.json; - reads YAML from standard input).",
    )(func)


def gazetteer_db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    # `--db` too: the places commands' name for the same file, which users carry over
    return click.option(
        "--gazetteer-db",
        "--db",
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
            help="Output format"
            + (" (auto: github under GitHub Actions, else text)." if "auto" in names else "."),
        )(func)

    return decorate


def output_format(fmt: str, output: str | None, suffixes: dict[str, str]) -> str:
    """--format as given, else the one `-o`'s file name ends in: `-o map.png` draws a PNG.

    A --format the file name contradicts is refused: a GeoJSON file named map.png opens as a
    broken image, and the user asked for a picture.
    """
    if not output or output == "-":
        return fmt
    suffix = os.path.splitext(output)[1].lower()
    wanted = suffixes.get(suffix)
    if wanted is None or wanted == fmt:
        return fmt
    source = click.get_current_context().get_parameter_source("fmt")
    if source is click.core.ParameterSource.DEFAULT:
        return wanted
    raise UsageError(
        f"--format {fmt} writes {fmt}, but -o {shown(output)} ends in {suffix}, which is "
        f"--format {wanted}: change one of them"
    )


#: An argument that starts with a minus sign but is a number: a southern or western coordinate
#: written first ("-33.86,151.21", "-0.5 38.2"), never an option (no option name starts so).
_SIGNED_NUMBER = re.compile(r"-\.?\d")


class SignedArgs(click.Command):
    """A command whose arguments may start with a minus sign, like "-33.86,151.21".

    Click reads any word that starts with "-" as an option, so `distance -33.86,151.21 x` fails
    with "No such option '-3'". Here such a word (a minus, then a digit) is an argument: when
    one is among the arguments, the options are moved first and the arguments after a "--".
    An option's value (`--near -33.9,18.4`) is left with its option.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, arguments_last(self, ctx, args))


def arguments_last(command: click.Command, ctx: click.Context, args: list[str]) -> list[str]:
    """`args` with the options first and the arguments after "--", when an argument is signed.

    Unchanged when no argument starts with a minus sign followed by a digit.
    """
    values: dict[str, int] = {}  # option name -> how many words follow it
    for param in command.get_params(ctx):
        if isinstance(param, click.Option):
            takes = 0 if param.is_flag or param.count else param.nargs
            values.update((name, takes) for name in param.opts)
            values.update((name, 0) for name in param.secondary_opts)
    options: list[str] = []
    arguments: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            arguments += args[i + 1 :]
            break
        if arg.startswith("-") and len(arg) > 1 and not _SIGNED_NUMBER.match(arg):
            takes = 0 if "=" in arg else values.get(arg, 0)
            options += args[i : i + 1 + takes]
            i += 1 + takes
            continue
        arguments.append(arg)
        i += 1
    if not any(_SIGNED_NUMBER.match(a) for a in arguments):
        return args
    return [*options, "--", *arguments]
