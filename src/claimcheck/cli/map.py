"""`claimcheck map`: places, zones, borders, measured distances and feasible regions on a map."""

from __future__ import annotations

import click

from claimcheck import api
from claimcheck.cli.options import (
    claims_option,
    echo,
    format_option,
    output_format,
    places_option,
    reporting_errors,
    write_output,
)
from claimcheck.errors import UsageError
from claimcheck.render import figure, geojson, html_map
from claimcheck.render.regions import locate_regions

#: The format a file name's ending asks for, when --format is not given.
SUFFIXES = {".geojson": "geojson", ".json": "geojson", ".html": "html", ".htm": "html",
            ".png": "png", ".svg": "svg"}  # fmt: skip


@click.command(name="map")
@claims_option
@places_option
@format_option("geojson", "html", "png", "svg")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write here (atomically), not to stdout; - is stdout. Without --format, the name's "
    "ending chooses it: .geojson or .json, .html, .png, .svg.",
)
@click.option(
    "--no-regions",
    is_flag=True,
    help="Leave out the feasible regions that `locate` computes for unknown places.",
)
@click.option(
    "--tiles",
    metavar="URL",
    help="HTML only: a base map as a tile URL template with {z}/{x}/{y} (default: none, "
    "so the page makes no network request).",
)
@click.option(
    "--tile-attribution",
    metavar="TEXT",
    default="",
    help="HTML only: the attribution the tile provider requires, shown as plain text.",
)
def map_command(
    claims_path: str,
    places_path: str,
    fmt: str,
    output: str | None,
    no_regions: bool,
    tiles: str | None,
    tile_attribution: str,
) -> None:
    """Draw the claims: GeoJSON (RFC 7946), an interactive HTML map, or a PNG/SVG figure.

    Zones are geodesic circles, borders and measured distances geodesic lines, each distance
    labelled with its figure and coloured by verdict; unknown places show where the claims
    allow them to be. The HTML map needs no network. PNG and SVG need the `maps` extra
    (from the checkout: pip install '.[maps]'). Exits 0 when written, 2 on bad input.

    \b
    Example:
      claimcheck map -o claims.geojson
      claimcheck map --format html -o map.html
      claimcheck map --format html -o map.html \\
        --tiles 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' \\
        --tile-attribution '© OpenStreetMap contributors'
      claimcheck map -o docs/map.png
    """
    with reporting_errors():
        fmt = output_format(fmt, output, SUFFIXES)
        if tiles and fmt != "html":
            raise UsageError("--tiles is for --format html only")
        dataset = api.load_dataset(claims_path, places_path)
        result = api.verify(dataset, regions=not no_regions)
        regions = locate_regions(result)
        data: bytes
        if fmt == "geojson":
            data = geojson.render(result, regions).encode()
        elif fmt == "html":
            data = html_map.render(
                result, regions, tiles=tiles, attribution=tile_attribution
            ).encode()
        else:
            import importlib.util

            if importlib.util.find_spec("matplotlib") is None:
                raise UsageError(
                    f"--format {fmt} needs matplotlib: install the maps extra from the "
                    "checkout, pip install '.[maps]'"
                )

            data = figure.render(result, fmt, regions)
        write_output(data, output)
    if output and output != "-":
        echo(f"wrote {output}", err=True)
