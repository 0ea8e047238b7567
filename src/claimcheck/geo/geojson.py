"""GeoJSON geometry finishing (RFC 7946), shared by the maps and the regions of `locate`.

It lives below both: `analysis.locate` turns regions into GeoJSON and `render.geojson` draws
places and measurements, and neither may import the other's layer upward.
"""

from __future__ import annotations

import json
from typing import Any

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
