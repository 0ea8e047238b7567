"""`claimcheck extract`: draft claims from articles for a person to review."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

import click

from claimcheck.claims import extract as core
from claimcheck.cli.options import (
    echo,
    format_option,
    gazetteer_db_option,
    places_option,
    reporting_errors,
)
from claimcheck.errors import UsageError
from claimcheck.files.atomic import write_text_atomic
from claimcheck.files.yamlfile import read_text
from claimcheck.gazetteer.places import Gazetteer
from claimcheck.gazetteer.reader import load_places, with_world
from claimcheck.grammar.units import FIGURE_RE
from claimcheck.lookup.fallback import DbFallback
from claimcheck.lookup.index import GazetteerDb
from claimcheck.render.safe import json_text
from claimcheck.render.wording import count

#: What a folder given as ARTICLE is read for.
ARTICLE_SUFFIXES = (".txt", ".md")
STDIN = "-"


def _read_article(path: str) -> str:
    """The article as text: a UTF-8 file, or standard input for "-"."""
    return sys.stdin.read() if path == STDIN else read_text(path)


def article_paths(arguments: Sequence[str]) -> list[str]:
    """The files the ARTICLE arguments name, in order: a folder stands for its *.txt and *.md
    files (not hidden ones, not subfolders), sorted by name; "-" is standard input, once."""
    if list(arguments).count(STDIN) > 1:
        raise UsageError("standard input (-) can be read only once")
    paths: list[str] = []
    for argument in arguments:
        if argument == STDIN or not os.path.isdir(argument):
            paths.append(argument)
            continue
        try:
            listed = os.listdir(argument)
        except OSError as exc:
            raise UsageError(f"{argument}: cannot read folder: {exc.strerror or exc}") from exc
        names = sorted(
            name
            for name in listed
            if name.lower().endswith(ARTICLE_SUFFIXES)
            and not name.startswith(".")
            and os.path.isfile(os.path.join(argument, name))
        )
        if not names:
            raise UsageError(f"{argument}: no .txt or .md files in this folder")
        paths += [os.path.join(argument, name) for name in names]
    return paths


def _unread_figure(text: str) -> str | None:
    """Why a text that gives a distance drafted nothing: the rules read English news phrasing,
    and a Spanish "a unos 3 km ... del aeropuerto de Aktau" (the Aktau crash trial) came back as
    an empty `claims: []`, as if the text had no figure. None when it gives none."""
    figure = FIGURE_RE.search(text)
    if figure is None:
        return None
    return (
        f"nothing drafted, though it gives a distance ({figure.group()!r}): extract reads the "
        'phrasings of English news ("3 km from X", "north of X"); type a claim it cannot '
        "read, such as one in another language, by hand (docs/data.md, Claims), its English "
        "under translation:"
    )


def _title(path: str) -> str:
    """How a draft cites its article: the path as given, or "standard input"."""
    return "standard input" if path == STDIN else path


def _on_terminal() -> bool:
    return sys.stderr.isatty()


@contextmanager
def _progress(paths: list[str]) -> Iterator[Iterable[str]]:
    """The paths to go through, with a progress bar for several on a terminal only: never in
    a CI log or a pipe, where it would be noise."""
    if len(paths) < 2 or not _on_terminal():
        yield paths
        return
    with click.progressbar(
        paths, label="drafting", file=sys.stderr, item_show_func=_progress_item
    ) as bar:
        yield bar


def _progress_item(path: str | None) -> str | None:
    return _title(path) if path is not None else None


@click.command("extract")
@click.argument("articles", nargs=-1, required=True, metavar="ARTICLE...")
@places_option
@gazetteer_db_option
@format_option("yaml", "json")
@click.option(
    "--append",
    "append_path",
    type=click.Path(dir_okay=False),
    help="Add the drafts to this claims file (existing bytes untouched; quotes already there "
    "are skipped; a new file is created).",
)
@click.pass_context
def extract(
    ctx: click.Context,
    articles: tuple[str, ...],
    places_path: str,
    gazetteer_db: str | None,
    fmt: str,
    append_path: str | None,
) -> None:
    """Draft the distance, zone, border and direction claims in each ARTICLE: a text file, a
    folder (its *.txt and *.md files, in name order; not subfolders), or - for stdin.

    The drafts are claims-file entries without `expect:`: a reviewer checks each one, names the
    places the gazetteer could not resolve, and only then runs `claimcheck verify`. Each draft
    cites the file it came from and where in it ("a.txt, characters 15–50"). Places are read
    from the places file, the built-in countries, borders and coasts ("the Iraqi border" is
    border:IQ-XX), and the GeoNames index given with --gazetteer-db.

    \b
    Example:
      claimcheck extract article.txt
      claimcheck extract article.txt --format json
      claimcheck extract a.txt b.txt articles/
      claimcheck extract articles/ --append data/claims.yaml
      claimcheck extract article.txt --gazetteer-db geonames.sqlite
    """
    with reporting_errors("text"):
        if STDIN in articles and places_path == STDIN:
            raise UsageError("the article and the places cannot both come from standard input")
        paths = article_paths(articles)
        default_places = (
            ctx.get_parameter_source("places_path") is click.core.ParameterSource.DEFAULT
        )
        if default_places and not os.path.exists(places_path):
            gazetteer = with_world(Gazetteer({}, "<no places file>"))
        elif places_path != STDIN and not os.path.lexists(places_path):
            # a new story's places file, which `places add` will create: its hints name it
            gazetteer = with_world(Gazetteer({}, places_path))
            also = f" and {gazetteer_db}" if gazetteer_db else ""
            echo(
                f"{places_path} does not exist yet: places come from the built-in world "
                f"layers{also} only (claimcheck places add creates the file)",
                err=True,
            )
        else:
            gazetteer = load_places(places_path)
        fallback = DbFallback(GazetteerDb(gazetteer_db), gazetteer) if gazetteer_db else None
        gazetteer.fallback = fallback
        drafted: list[core.Article] = []
        try:
            with _progress(paths) as items:
                for path in items:
                    text = _read_article(path)
                    drafted.append((_title(path), core.extract(text, gazetteer)))
                    if not drafted[-1][1] and (unread := _unread_figure(text)):
                        echo(f"{_title(path)}: {unread}", err=True)
        finally:
            if fallback is not None:
                fallback.close()
        # one file named on its own reads as it always has; several name their file throughout
        several = len(articles) > 1 or paths != list(articles)
        if append_path is not None:
            existing = read_text(append_path) if os.path.exists(append_path) else ""
            result = core.append_articles(existing, append_path, drafted)
            if result.added:
                write_text_atomic(append_path, result.text)
            added = count(result.added, "claim")
            echo(
                f"appended {added} to {append_path}; skipped {result.skipped} already there, "
                f"{result.left_out} without a place",
                err=True,
            )
            for line in result.left_out_lines:  # which ones, as the YAML's comments say
                echo(f"  {line}", err=True)
            sys.exit(0)
    if not several:
        ((title, drafts),) = drafted
        echo(
            json_text(core.to_json(drafts))
            if fmt == "json"
            else core.to_yaml(drafts, title).rstrip("\n")
        )
    elif fmt == "json":
        echo(json_text(core.articles_json(drafted)))
    else:
        echo(core.articles_yaml(drafted).rstrip("\n"))
