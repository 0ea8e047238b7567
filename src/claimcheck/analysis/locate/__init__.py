"""Where could an unknown place be? Each claim about it becomes a geodesic region; we intersect.

Modules, bottom up: `coast` (a world country's outline as sea coast and land boundaries, for
the coast rule), `shapes` (primitives: disc, band, area, sector, the coast's cells and their
combinations),
`where` (the --where grammar), `constraints` (claims to regions), `frame` (the shared planar
frame and intersections), `regions` (results of `locate`) and `feasibility` (what `verify` asks).
"""

from claimcheck.analysis.locate.constraints import (
    Constraint,
    Skipped,
    _sector_shape,
    constraints_for,
)
from claimcheck.analysis.locate.feasibility import Feasibility, check_unknown_places
from claimcheck.analysis.locate.frame import _lon_lat_shape, make_frame
from claimcheck.analysis.locate.regions import (
    Conflict,
    LocateResult,
    PlaceFit,
    Region,
    geojson_geometry,
    locate,
    locate_constraints,
    unknown_place,
)
from claimcheck.analysis.locate.shapes import (
    DEFAULT_WINDOW_M,
    EDGE_TOLERANCE_M,
    Area,
    BackSector,
    Band,
    Disc,
    Inter,
    Not,
    Sector,
    Shape,
    Union,
    _Frame,
)
from claimcheck.analysis.locate.where import WHERE_PLACE_ID, parse_window, where_claims

__all__ = [
    "DEFAULT_WINDOW_M",
    "EDGE_TOLERANCE_M",
    "WHERE_PLACE_ID",
    "Area",
    "BackSector",
    "Band",
    "Conflict",
    "Constraint",
    "Disc",
    "Feasibility",
    "Inter",
    "LocateResult",
    "Not",
    "PlaceFit",
    "Region",
    "Sector",
    "Shape",
    "Skipped",
    "Union",
    "_Frame",
    "_lon_lat_shape",
    "_sector_shape",
    "check_unknown_places",
    "constraints_for",
    "geojson_geometry",
    "locate",
    "locate_constraints",
    "make_frame",
    "parse_window",
    "unknown_place",
    "where_claims",
]
