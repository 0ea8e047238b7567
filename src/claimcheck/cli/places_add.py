"""`claimcheck places add NAME`: find a place and append it, cited, to the places file."""

from __future__ import annotations

import codecs
import importlib
import os
import sys

import click

from claimcheck.cli.options import EXIT_ATTENTION, echo, places_option, reporting_errors
from claimcheck.errors import UsageError
from claimcheck.files.atomic import write_bytes_atomic
from claimcheck.files.yamlfile import read_text
from claimcheck.gazetteer.append import Entry, append_entry, no_places_yet, render
from claimcheck.gazetteer.places import Gazetteer, PlaceRef
from claimcheck.gazetteer.reader import load_places
from claimcheck.lookup.add import (
    ONLINE,
    SOURCES,
    Found,
    NewPlace,
    choose,
    free_id,
    geonames_candidates,
    new_place,
)
from claimcheck.lookup.at_position import at_entry, unknown_entry
from claimcheck.lookup.index import GazetteerDb
from claimcheck.render.wording import count

#: --from SOURCE -> the module that asks it, imported on first use as claimcheck.cli.app imports
#: commands: their HTTP client (urllib, http.client, ssl) was most of what `places add` imported
ONLINE_SOURCES: dict[str, str] = {
    "wikidata": "claimcheck.lookup.wikidata",
    "nominatim": "claimcheck.lookup.nominatim",
}


@click.command()
@click.argument("name")
@click.option("--country", help="Only places in this country (ISO code, e.g. SY).")
@click.option(
    "--from",
    "source",
    type=click.Choice(SOURCES),
    default="geonames",
    show_default=True,
    help="Where to look: an imported GeoNames index (offline), Wikidata or Nominatim (online).",
)
@click.option("--online", is_flag=True, help="Allow --from wikidata or nominatim to go online.")
@click.option("--pick", help="Which candidate: its number in the list, or its id (geonames:ID).")
@click.option(
    "--db",
    "--gazetteer-db",
    "db_path",
    default="geonames.sqlite",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The GeoNames index (from `places import geonames`) for --from geonames.",
)
@click.option("--base-url", help="The online service's URL (default: its public one).")
@click.option(
    "--at",
    "at",
    metavar="COORDINATES",
    help="Add NAME at the position a source gives (e.g. '29.8N 93.3W'), cited with "
    "--source-title; no gazetteer is asked.",
)
@click.option(
    "--unknown",
    is_flag=True,
    help="Add NAME as a place no source locates (an epicentre, a strike site: kind: unknown), "
    "cited with --source-title; `claimcheck locate` finds where the claims put it.",
)
@click.option("--source-title", help="With --at or --unknown: the source that gives the place.")
@click.option("--source-url", help="With --at or --unknown: the source's URL.")
@click.option("--source-date", help="With --at or --unknown: the source's date (YYYY-MM-DD).")
@click.option(
    "--uncertainty",
    help="With --at: the radius, e.g. '20 km' (default: what the position's digits leave open).",
)
@click.option(
    "--id",
    "place_id",
    help="The new place's id (default: a slug of NAME when NAME is one of the place's names, "
    "else of its main name).",
)
@click.option("--dry-run", is_flag=True, help="Print the entry instead of appending it.")
@places_option
def add(
    name: str,
    country: str | None,
    source: str,
    online: bool,
    pick: str | None,
    db_path: str,
    base_url: str | None,
    at: str | None,
    unknown: bool,
    source_title: str | None,
    source_url: str | None,
    source_date: str | None,
    uncertainty: str | None,
    place_id: str | None,
    dry_run: bool,
    places_path: str,
) -> None:
    """Find NAME in a gazetteer and append it to the places file, cited.

    The entry gets the place's name, aliases in Latin, Arabic and Cyrillic script, country and
    admin area, coordinates, an uncertainty by its class (a capital or city 5 km, a town or
    village 2 km, anything else 5 km: the rule `verify --gazetteer-db` uses) and its source's
    id, URL and retrieval date; the file's existing bytes are kept (a missing file is created).
    When several places match,
    they are listed and nothing is written (exit 1): choose with --pick. NAME may also be an
    id, e.g. geonames:172344. Wikidata and Nominatim are asked only with --online, identifying
    you by CLAIMCHECK_CONTACT (an email or URL) as their usage policies require; answers are
    cached, Nominatim at most once a second.

    With --at, NAME is added at the position a source gives (an agency's epicentre or storm
    centre), written as the source wrote it and cited with --source-title (and --source-url,
    --source-date); its uncertainty is what the position's digits leave open (docs/data.md, "A
    position a source gives") unless --uncertainty says more. With --unknown, NAME is a place
    no source locates (kind: unknown), cited with the report that speaks of it: `claimcheck
    locate` shows where the claims put it.

    \b
    Example:
      claimcheck places add "Ar Rutbah" --country IQ
      claimcheck places add Nikopol --country UA --pick 1
      claimcheck places add Berlin --from wikidata --online
      claimcheck places add "Laura's centre" --at "29.8N 93.3W" --source-title "NHC advisory"
      claimcheck places add epicentre --unknown --source-title "Reuters, 9 September 2023"
    """
    with reporting_errors():
        given = {"--country": country, "--pick": pick, "--online": online, "--base-url": base_url}
        if at is None and not unknown:
            for flag, value in (
                ("--source-title", source_title),
                ("--source-url", source_url),
                ("--source-date", source_date),
                ("--uncertainty", uncertainty),
            ):
                if value is not None:
                    goes = "--at" if flag == "--uncertainty" else "--at or --unknown"
                    raise UsageError(f"{flag} goes with {goes} (a place a source gives)")
        else:
            mode = "--at" if at is not None else "--unknown"
            if at is not None and unknown:
                raise UsageError(
                    "--at gives a position and --unknown says none is known: choose one"
                )
            if unknown and uncertainty is not None:
                given["--uncertainty"] = uncertainty  # no position, so nothing to be uncertain of
            used = [flag for flag, value in given.items() if value]
            if used:
                raise UsageError(
                    f"{mode} adds a place as a source gives it: {used[0]} does not apply"
                )
            new_file, gazetteer = _places_file(places_path)
            _refuse_same_name(name, gazetteer)
            new_id = place_id or free_id(name, None, (p.id for p in gazetteer))
            if at is not None:
                entry, why = at_entry(
                    name, at, source_title, source_url, source_date, uncertainty, new_id
                )
                what = f"at {at.strip()}; {why}"
            else:
                entry = unknown_entry(name, source_title, source_url, source_date, new_id)
                what = (
                    f"kind: unknown; `claimcheck locate {entry.id}` shows where the claims put it"
                )
            if dry_run:
                echo(render(entry).rstrip("\n"))
                return
            line = _append(places_path, new_file, entry)
            echo(f"{places_path}:{line}: added {entry.id} ({what})")
            return
        if source in ONLINE and not online:
            raise UsageError(
                f"--from {source} looks {name!r} up online: add --online (nothing is sent "
                "without it)"
            )
        new_file, gazetteer = _places_file(places_path)
        candidates = _candidates(name, country, source, db_path, base_url)
        if not candidates:
            where = db_path if source == "geonames" else source
            echo(
                f"no place matches {name!r} in {where}; a place whose position a source "
                f"gives (a strait, a cape) is added with --at COORDINATES --source-title TITLE, "
                f"and an event site no source locates (an epicentre, a strike site) with "
                f"--unknown --source-title TITLE, for `claimcheck locate` to place by the claims",
                err=True,
            )
            sys.exit(EXIT_ATTENTION)
        found = choose(candidates, pick)
        if found is None:
            echo(_listing(candidates))
            if all(c.how == "fuzzy" for c in candidates):
                # a near miss is another name: often a namesake across a border, never a pick
                # to make by default
                misses = count(len(candidates), "near miss", "near misses")
                message = (
                    f"no place is called {name!r}; {misses} with other names: nothing added; "
                    "--pick one only if it is the same place"
                )
            else:
                message = (
                    f"{count(len(candidates), 'candidate')} for {name!r}: nothing added; choose "
                    "one with --pick N or --pick ID"
                )
            echo(message, err=True)
            sys.exit(EXIT_ATTENTION)
        _refuse_duplicate(found, gazetteer)
        ids = (p.id for p in gazetteer)
        new = new_place(found, name, ids, place_id)
        entry = _entry(new)
        if dry_run:
            echo(render(entry).rstrip("\n"))
            return
        line = _append(places_path, new_file, entry)
    echo(
        f"{places_path}:{line}: added {new.id} ({found.title}; uncertainty "
        f"{new.uncertainty_m / 1000:g} km by {new.rule})"
    )


def _places_file(places_path: str) -> tuple[bool, Gazetteer]:
    """Whether the places file is still to be made, and its places (none when it is)."""
    new_file = not os.path.exists(places_path)
    if new_file or no_places_yet(read_text(places_path)):  # a header of comments, no places
        return new_file, Gazetteer({}, places_path)
    return new_file, load_places(places_path)


def _append(places_path: str, new_file: bool, entry: Entry) -> int:
    """Append the entry, keeping the file's bytes (and its BOM); the entry's first line."""
    existing = "" if new_file else read_text(places_path)
    text, line = append_entry(existing, places_path, entry)
    bom = b""
    if not new_file:
        with open(places_path, "rb") as handle:
            bom = codecs.BOM_UTF8 if handle.read(3) == codecs.BOM_UTF8 else b""
    write_bytes_atomic(places_path, bom + text.encode("utf-8"))
    return line


def _candidates(
    name: str, country: str | None, source: str, db_path: str, base_url: str | None
) -> list[Found]:
    if source in ONLINE_SOURCES:
        online = importlib.import_module(ONLINE_SOURCES[source])
        found: list[Found] = online.candidates(name, country, online.base_url(base_url))
        return found
    with GazetteerDb(db_path) as db:
        return geonames_candidates(db, name, country)


def _listing(candidates: list[Found]) -> str:
    rows = [("#", "ID", "NAME", "COUNTRY", "ADMIN", "COORDINATES", "CLASS", "MATCH")]
    for i, c in enumerate(candidates, 1):
        rows.append((str(i), c.id, c.name, c.country or "—", c.admin or "—",
                     f"{c.lat:.5f}, {c.lon:.5f}", c.feature, c.how))  # fmt: skip
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip()
                     for r in rows)  # fmt: skip


def _refuse_duplicate(found: Found, gazetteer: Gazetteer) -> None:
    """The same GeoNames row or source URL is already cited by a place in the file."""
    if found.source == "geonames":
        citing = gazetteer.citing(int(found.source_id))
        if citing:
            raise UsageError(
                f"{found.id} is already in the places file as {citing[0].id!r} (its source "
                f"cites GeoNames {found.source_id}); claims may name it {citing[0].id!r} or "
                f"{found.id}"
            )
    for place in gazetteer:
        if place.source.url and place.source.url == found.url:
            raise UsageError(f"{found.id} is already in the places file as {place.id!r}")


def _refuse_same_name(name: str, gazetteer: Gazetteer) -> None:
    """A position added under a name the file already gives a place would make every claim
    that names it ambiguous (unverifiable), so the user chooses: that entry, or another name."""
    ids, _how = gazetteer.match_name(PlaceRef(name))
    if ids:
        raise UsageError(
            f"{name!r} already names {ids[0]!r} in the places file: nothing added (a second "
            "place of that name would make every claim naming it ambiguous); edit that entry, "
            "or add this one under a name of its own"
        )


def _entry(new: NewPlace) -> Entry:
    f = new.found
    return Entry(
        id=new.id,
        name=f.name,
        aliases=f.aliases,
        country=f.country,
        admin=f.admin,
        lat=f.lat,
        lon=f.lon,
        uncertainty=f"{new.uncertainty_m / 1000:g} km",
        source_title=f"{f.title}, {f.licence}",
        source_url=f.url,
        source_date=f.retrieved,
        publisher=f.publisher,
        note=new.note,
    )
