"""`claimcheck places search` and `places show`: look names up, show one place in full."""

from __future__ import annotations

import os
import sys
from typing import Any

import click
from click.core import ParameterSource

from claimcheck.cli.completion import complete_place_id
from claimcheck.cli.options import (
    EXIT_ATTENTION,
    EXIT_OK,
    echo,
    format_option,
    places_option,
    reporting_errors,
)
from claimcheck.errors import UsageError
from claimcheck.gazetteer.places import Gazetteer, Place, PlaceKind, Source, suggest_place
from claimcheck.gazetteer.reader import load_places, with_world
from claimcheck.geo.distance import resolve_endpoint
from claimcheck.grammar.coords import format_dms
from claimcheck.lookup.index import LICENCE, GazetteerDb
from claimcheck.lookup.search import search as run_search
from claimcheck.render.safe import clean, dumps, guard


def db_option(func: Any) -> Any:
    return click.option(
        "--db",
        "--gazetteer-db",
        "db_path",
        type=click.Path(dir_okay=False),
        help="Also search a GeoNames index built by `places import geonames`.",
    )(func)


@click.command()
@click.argument("name")
@click.option(
    "--near",
    shell_complete=complete_place_id,
    help="Order equal matches by geodesic distance to this place or point.",
)
@click.option("--country", help="Only places in this country (ISO code, e.g. SY).")
@click.option("--limit", default=10, show_default=True, help="Candidates to list (ties kept).")
@places_option
@db_option
@format_option("text", "json")
def search(
    name: str,
    near: str | None,
    country: str | None,
    limit: int,
    places_path: str,
    db_path: str | None,
    fmt: str,
) -> None:
    """List every place NAME can mean, best first, with why it matched.

    A match is exact (the place's name), alias, transliteration (same name but for spelling,
    article or script: "At Tanf" = "al-Tanf" = "التنف") or fuzzy (a near miss, with its
    rapidfuzz score). Exits 1 when nothing matches.

    \b
    Example:
      claimcheck places search "Ash Shamiyah" --near al-tanf-crossing
      claimcheck places search Shamiya --db geonames.sqlite --country SY --format json
    """
    with reporting_errors(fmt):
        source = click.get_current_context().get_parameter_source("places_path")
        if db_path and source is ParameterSource.DEFAULT and not os.path.exists(places_path):
            # a new story's folder has no data/places.yaml yet: search the index alone
            gazetteer = with_world(Gazetteer({}, "<no places file>"))
        else:
            gazetteer = load_places(places_path)
        near_place = resolve_endpoint(near, gazetteer) if near else None
        db = _open_db(db_path)
        try:
            found = run_search(name, gazetteer, db, near_place, country, limit)
        finally:
            if db is not None:
                db.con.close()
    if fmt == "json":
        echo(dumps({"query": name, "candidates": [_json(c) for c in found]}, indent=2))
    elif found:
        echo(_table(found, near_place is not None))
    else:
        echo(clean(f"no place matches {name!r}"), err=True)
    sys.exit(EXIT_OK if found else EXIT_ATTENTION)


@click.command()
@click.argument("place_id", shell_complete=complete_place_id)
@places_option
@db_option
@format_option("text", "json")
def show(place_id: str, places_path: str, db_path: str | None, fmt: str) -> None:
    """Print one place in full: PLACE_ID from the places file, or geonames:ID with --db.

    \b
    Example:
      claimcheck places show al-tanf-garrison
      claimcheck places show geonames:172344 --db geonames.sqlite
    """
    with reporting_errors(fmt):
        if place_id.startswith("geonames:"):
            doc = _show_geonames(place_id, db_path)
        else:
            gazetteer = load_places(places_path)
            place = gazetteer.get(place_id)
            if place is None:
                raise UsageError(
                    f"unknown place id {place_id!r}{suggest_place(place_id, gazetteer)}"
                )
            doc = _place_doc(place)
    if fmt == "json":
        echo(dumps(doc, indent=2))
    else:
        echo(_show_text(doc))


def _open_db(path: str | None) -> Any:
    if path is None:
        return None

    return GazetteerDb(path)


def _coords(lat: float | None, lon: float | None) -> str:
    return "—" if lat is None or lon is None else f"{lat:.5f}, {lon:.5f}"


def _how(c: Any) -> str:
    m = c.match
    return f"fuzzy {m.score:g}" if m.how == "fuzzy" else m.how


def _table(found: list[Any], with_distance: bool) -> str:
    rows = [["MATCH", "PLACE", "NAME", "KIND", "COORDINATES", *(["NEAR"] if with_distance else []),
             "SOURCE"]]  # fmt: skip
    for c in found:
        where = _coords(c.lat, c.lon)
        if c.uncertainty_m:
            where += f" ±{c.uncertainty_m / 1000:g} km"
        near = ["—" if c.distance_m is None else f"{c.distance_m / 1000:,.1f} km"]
        source = c.source.title + (f" ({c.licence})" if c.licence else "")
        cells = [_how(c), c.id, c.match.matched_name, c.kind, where,
                 *(near if with_distance else []), source]  # fmt: skip
        rows.append([clean(cell) for cell in cells])
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    return guard(
        "\n".join(
            "  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=False)) + "  " + r[-1]
            for r in rows
        )
    )


def _source_doc(source: Source) -> dict[str, Any]:
    return {k: v for k, v in vars(source).items() if v is not None}


def _json(c: Any) -> dict[str, Any]:
    return {
        "id": c.id,
        "name": c.name,
        "matched_name": c.match.matched_name,
        "how": c.match.how,
        "score": c.match.score,
        "kind": c.kind,
        "lat": c.lat,
        "lon": c.lon,
        "uncertainty_m": c.uncertainty_m,
        "country": c.country,
        "admin": c.admin,
        "origin": c.origin,
        "geonameid": c.geonameid,
        "licence": c.licence,
        "distance_km": None if c.distance_m is None else round(c.distance_m / 1000, 3),
        "source": _source_doc(c.source),
    }


def _place_doc(place: Place) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": place.id,
        "name": place.name,
        "aliases": list(place.aliases),
        "kind": place.kind.value,
        "country": place.country,
        "admin": place.admin,
    }
    if place.kind is PlaceKind.POINT:
        assert place.lat is not None and place.lon is not None
        doc.update(lat=place.lat, lon=place.lon, dms=format_dms(place.lat, place.lon))
    if place.vertices:
        doc["lat_lon"] = [list(v) for v in place.vertices]
    if place.holes:
        doc["holes"] = [[list(v) for v in hole] for hole in place.holes]
    if place.kind is PlaceKind.ZONE:
        doc.update(centre=place.centre, radius_m=place.radius.metres if place.radius else None)
    doc.update(
        uncertainty_m=place.uncertainty_m if place.has_position else None,
        near_m=place.near_m,
        ambiguous_with=list(place.ambiguous_with),
        source=_source_doc(place.source),
        note=place.note,
        defined_at=f"{place.path}:{place.line}" if place.line else place.path,
    )
    return doc


def _show_geonames(place_id: str, db_path: str | None) -> dict[str, Any]:
    if db_path is None:
        raise UsageError(f"{place_id}: give the index with --db PATH")
    number = place_id.removeprefix("geonames:")
    if not number.isdecimal():
        raise UsageError(f"{place_id!r}: write geonames:NUMBER, e.g. geonames:172344")
    with GazetteerDb(db_path) as db:
        p = db.get(int(number))
        if p is None:
            raise UsageError(f"{place_id}: not in {db_path}")
        listed = sorted(db.listed_names(p.geonameid), key=lambda entry: (not entry[1], entry[0]))
        names = [name for name, _ in listed]
    return {
        "id": place_id,
        "name": p.name,
        "aliases": [n for n in names if n != p.name],
        "kind": p.kind,
        "country": p.country or None,
        "admin": p.admin1 or None,
        "lat": p.lat,
        "lon": p.lon,
        "dms": format_dms(p.lat, p.lon),
        "uncertainty_m": None,
        "geonameid": p.geonameid,
        "licence": LICENCE,
        "source": _source_doc(p.source),
        "note": "imported, not reviewed: GeoNames gives no uncertainty; copy it into the "
        "places file with one before a claim relies on it",
    }


def _show_text(doc: dict[str, Any]) -> str:
    lines = []
    for key, value in doc.items():
        if value is None or value == [] or key == "lat":
            continue
        if key == "lon":
            lines.append(f"{'position':<15}{doc['lat']:.5f}, {value:.5f}")
            continue
        if key == "source":
            value = str(Source(**value))
        elif key in ("lat_lon", "holes"):
            value = f"{len(value)} {'vertices' if key == 'lat_lon' else 'holes'}"
        elif key in ("uncertainty_m", "near_m", "radius_m"):
            key, value = key.removesuffix("_m"), f"{value / 1000:g} km"
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        lines.append(f"{key.replace('_', ' '):<15}{clean(value)}")
    return guard("\n".join(lines))
