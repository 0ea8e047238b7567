"""`claimcheck distance A B`: the geodesic distance and bearing between two places or points."""

from __future__ import annotations

import os
from typing import Any

import click

from claimcheck.cli.completion import complete_place_id
from claimcheck.cli.options import (
    SignedArgs,
    echo,
    format_option,
    places_option,
    reporting_errors,
)
from claimcheck.errors import UsageError
from claimcheck.gazetteer.places import Gazetteer, Place, PlaceKind
from claimcheck.gazetteer.reader import load_places, with_world
from claimcheck.geo.distance import DistanceResult, measure_between, resolve_endpoint
from claimcheck.grammar.units import Unit
from claimcheck.render.safe import clean, dumps, guard

_UNITS = (Unit.KM, Unit.MI, Unit.NMI)


@click.command(cls=SignedArgs)
@click.argument("a", shell_complete=complete_place_id)
@click.argument("b", shell_complete=complete_place_id)
@places_option
@format_option("text", "json")
@click.pass_context
def distance(ctx: click.Context, a: str, b: str, places_path: str, fmt: str) -> None:
    """Geodesic distance on WGS84 from A to B, with its interval, azimuth and compass point.

    A and B are each a place id, a place name, or coordinates "lat,lon" (latitude first; a
    southern or western coordinate may start with a minus sign: -33.86,151.21).
    For a line, polygon or zone the distance is to its nearest point (0 inside), which is
    printed. The interval comes from the places' uncertainties. Exits 2 when a name fits
    several places (they are listed) or is unknown. Where the default places file does not
    exist (a new story's folder), coordinates and the built-in countries, borders and coasts
    still work.

    \b
    Example:
      claimcheck distance al-tanf-garrison al-tanf-crossing
      claimcheck distance 33.5058,38.6178 iraq-syria-border --format json
      claimcheck distance -33.86,151.21 51.5,-0.13
    """
    with reporting_errors(fmt):
        default = ctx.get_parameter_source("places_path") is click.core.ParameterSource.DEFAULT
        if default and not os.path.exists(places_path):
            # a new story's folder: two coordinates, or a built-in border, need no places file
            gazetteer = with_world(Gazetteer({}, "<no places file>"))
            try:
                ends = resolve_endpoint(a, gazetteer), resolve_endpoint(b, gazetteer)
            except UsageError as e:
                raise UsageError(
                    f"{e} ({places_path}, the default of --places, does not exist in this "
                    "folder: give your places file with --places PATH)"
                ) from e
        else:
            gazetteer = load_places(places_path)
            ends = resolve_endpoint(a, gazetteer), resolve_endpoint(b, gazetteer)
        result = measure_between(*ends, gazetteer)
    echo(render_json(result) if fmt == "json" else render_text(result))


def _place_text(place: Place) -> str:
    if place.kind is PlaceKind.POINT:
        where = f"{place.lat:.5f}, {place.lon:.5f}"
        if place.uncertainty_m:
            where += f", ±{place.uncertainty_m / 1000:g} km"
        name = clean(place.id)
        return f"{name}  ({where})" if place.id != f"{place.lat:g},{place.lon:g}" else where
    return f"{clean(place.id)}  ({place.kind.value}, ±{place.uncertainty_m / 1000:g} km)"


def _lengths(metres: float) -> str:
    return ", ".join(f"{metres / u.metres:,.2f} {u.value}" for u in _UNITS)


def render_text(result: DistanceResult) -> str:
    d = result.distance
    lines = [
        f"from      {_place_text(result.a)}",
        f"to        {_place_text(result.b)}",
        f"distance  {_lengths(d.best)}",
    ]
    if d.low != d.high:
        span = ", ".join(
            f"{d.low / u.metres:,.2f}–{d.high / u.metres:,.2f} {u.value}" for u in _UNITS
        )
        lines.append(f"interval  {span}  (from the places' uncertainties)")
    if result.azimuth_deg is not None:
        lines.append(f"azimuth   {result.azimuth_deg:.1f}°  ({result.compass})")
    if result.nearest is not None:
        lines.append(
            f"nearest   {result.nearest.lat:.5f}, {result.nearest.lon:.5f}  "
            f"(on {clean(result.nearest_on)})"
        )
    if result.inside is not None:
        lines.append(f"inside    {'yes' if result.inside else 'no'} ({clean(result.nearest_on)})")
    return guard("\n".join(lines))


def _place_dict(place: Place) -> dict[str, Any]:
    out: dict[str, Any] = {"id": place.id, "name": place.name, "kind": place.kind.value}
    if place.kind is PlaceKind.POINT:
        out.update(lat=place.lat, lon=place.lon)
    out["uncertainty_m"] = place.uncertainty_m
    return out


def render_json(result: DistanceResult) -> str:
    d = result.distance
    doc: dict[str, Any] = {
        "a": _place_dict(result.a),
        "b": _place_dict(result.b),
        "distance_m": round(d.best, 3),
        "distance_min_m": round(d.low, 3),
        "distance_max_m": round(d.high, 3),
        **{f"distance_{u.value}": round(d.best / u.metres, 4) for u in _UNITS},
        "azimuth_deg": None if result.azimuth_deg is None else round(result.azimuth_deg, 4),
        "compass": result.compass,
        "nearest": (
            None
            if result.nearest is None
            else {"lat": round(result.nearest.lat, 7), "lon": round(result.nearest.lon, 7)}
        ),
        "nearest_on": result.nearest_on,
        "inside": result.inside,
    }
    return dumps(doc, indent=2)
