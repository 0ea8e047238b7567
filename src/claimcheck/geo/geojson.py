"""GeoJSON geometry finishing (RFC 7946), shared by the maps and the regions of `locate`.

It lives below both: `analysis.locate` turns regions into GeoJSON and `render.geojson` draws
places and measurements, and neither may import the other's layer upward.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

LonLat = tuple[float, float]

#: 6 decimals of a degree is 0.1 m, far below any uncertainty in the gazetteer.
DIGITS = 6


def finish_geometry(geom: Any) -> dict[str, Any]:
    """Cut at the antimeridian, orient rings by the right-hand rule, round, as a GeoJSON dict."""
    import numpy as np
    import shapely
    from shapely.geometry import mapping
    from shapely.geometry.polygon import orient

    minx, _miny, maxx, _maxy = geom.bounds
    if minx < -180.0 or maxx > 180.0:
        pieces: list[Any] = []
        for shift in (-360.0, 0.0, 360.0):
            window = shapely.box(-180.0 - shift, -90.0, 180.0 - shift, 90.0)
            offset = np.array([shift, 0.0])
            piece = shapely.transform(geom.intersection(window), lambda xy, o=offset: xy + o)
            if not piece.is_empty:
                pieces.extend(getattr(piece, "geoms", [piece]))
        geom = shapely.union_all(pieces) if len(pieces) > 1 else pieces[0]
    if geom.geom_type != "Point":
        geom = shapely.set_precision(geom, 10.0**-DIGITS)  # may re-wind rings: orient after it
    if geom.geom_type == "Polygon":
        geom = orient(geom, 1.0)
    elif geom.geom_type == "MultiPolygon":
        geom = shapely.MultiPolygon([orient(p, 1.0) for p in geom.geoms])
    out: dict[str, Any] = json.loads(json.dumps(mapping(geom)))
    return _round(out)


def _round(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, DIGITS)
    if isinstance(value, list):
        return [_round(v) for v in value]
    if isinstance(value, dict):
        return {k: _round(v) for k, v in value.items()}
    return value


def pole_wound(ring: Sequence[LonLat]) -> float | None:
    """The pole (latitude ±90) that a closed ring of continuous longitudes winds around, or None.

    Unwrapped, a ring around a pole ends a whole turn (±360°) from where it starts. Of the two
    regions it bounds, the smaller, which is the one claimcheck means, holds the pole on the side
    of the ring's mean latitude.
    """
    if len(ring) < 2 or abs(ring[-1][0] - ring[0][0]) < 180.0:
        return None
    return 90.0 if sum(lat for _lon, lat in ring) >= 0.0 else -90.0


def lon_lat_polygon(rings: Sequence[Sequence[LonLat]]) -> Any:
    """(outer, *holes) rings of continuous (lon, lat) as one planar shapely shape, pole caps too.

    A ring that winds around a pole is closed through it (up to the pole along its last meridian,
    back down along its first), so a polar cap is an ordinary planar polygon spanning 360° of
    longitude; `finish_geometry` then cuts it at the antimeridian. Holes are subtracted in every
    turn of longitude (shifted by ±360°), wherever their unwrapping started.
    """
    import shapely

    if not any(pole_wound(ring) for ring in rings):
        outer, *holes = rings
        turns = [360.0 * round((outer[0][0] - hole[0][0]) / 360.0) for hole in holes]
        return shapely.Polygon(
            outer,
            [[(lon + t, lat) for lon, lat in hole] for hole, t in zip(holes, turns, strict=True)],
        )
    shell, *cutouts = (_closed_through_pole(ring) for ring in rings)
    shape = shapely.Polygon(shell)
    if not shape.is_valid:
        shape = shape.buffer(0)
    if not cutouts:
        return shape
    copies = [
        shapely.Polygon([(lon + shift, lat) for lon, lat in hole])
        for hole in cutouts
        for shift in (-360.0, 0.0, 360.0)
    ]
    return shape.difference(shapely.union_all([c if c.is_valid else c.buffer(0) for c in copies]))


def _closed_through_pole(ring: Sequence[LonLat]) -> list[LonLat]:
    pole = pole_wound(ring)
    if pole is None:
        return list(ring)
    (first_lon, first_lat), (last_lon, _last_lat) = ring[0], ring[-1]
    return [*ring, (last_lon, pole), (first_lon, pole), (first_lon, first_lat)]
