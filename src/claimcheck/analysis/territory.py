"""`inside:` a country of the world layers, near its sea coast: the edges that can put a subject
in another country.

The coast rule (docs/rules.md, "Inside a country on the coast"). A country's outline has two
kinds of edge: land boundaries, across which lies another country, and sea coast, across which
lies water that is no country's land. Natural Earth's 1:10m coast is known to ±5,080 m (U.S.
National Map Accuracy Standards at 1:10,000,000), so a town 2 km from it may lie on either side
of the drawn line; but the water side is not another country: a town on land is in the country
whichever side of the generalised line it falls, and a point truly in the water near the coast is
in the country's territorial sea, over which its sovereignty extends (UNCLOS art. 2), up to
12 nautical miles from the coast (art. 3). So where the nearest edge is sea coast, the coast
counts as an edge only beyond the distance by which the place and the coast may be off (their
uncertainties added, at most 12 nmi); the other edges are the country's land boundaries and
any other country's land across the water, whose maritime boundary is taken as the median line
(UNCLOS art. 15). Nothing changes for a subject whose nearest edge is a land boundary, or which
lies inside another country's outline.
"""

from __future__ import annotations

import math

from claimcheck.frozen import frozen
from claimcheck.gazetteer.cells import codes_near
from claimcheck.gazetteer.places import Place
from claimcheck.gazetteer.world import world_layer
from claimcheck.geo.lines import Polyline, signed_distance_to_polygons_m
from claimcheck.geo.measure import Nearest

#: 12 nautical miles: the territorial sea's greatest breadth (UNCLOS art. 3)
TERRITORIAL_SEA_M = 12 * 1852.0
RULE = (
    "the coast rule (the sea side of a coast is no other country's land, so the coast counts "
    "only beyond the place's and the coast's uncertainties added, at most the 12 nmi territorial "
    "sea (UNCLOS arts. 2-3); land boundaries, and other countries' land across the water to the "
    "median line (art. 15), count in full; docs/rules.md)"
)
#: a nearest edge point this close to a land boundary is on it (a boundary's end on the coast)
_ON_BOUNDARY_M = 1.0


@frozen
class TerritoryEdge:
    """Where the subject stands relative to the edges that can put it in another country."""

    #: signed distance (m) to the nearest such edge, negative inside
    signed_m: float
    #: signed distance (m) to the country's outline, as measured without the rule
    outline_m: float
    #: distance (m) to its land boundaries (inf for a country that has none)
    land_m: float
    #: how far (m) beyond the coast the coast counts: the uncertainties added, at most 12 nmi
    sea_shift_m: float
    #: which edge decided: "land boundary", "coast" or another country's code
    edge: str
    nearest: Nearest | None


def sea_shift_m(subject_uncertainty_m: float, country: Place) -> float:
    """How far beyond the drawn coast the coast counts as an edge: the place's and the coast's
    uncertainties added, at most the territorial sea (12 nmi)."""
    return min(subject_uncertainty_m + country.uncertainty_m, TERRITORIAL_SEA_M)


def neighbours(country: Place, lat: float, lon: float, radius_m: float) -> list[tuple[str, Place]]:
    """The other countries of the world layers (code, place) whose outline may come within
    `radius_m` of the position: those whose land, or water to the median line, can put it in
    another country."""
    layer = world_layer()
    found = []
    for code in sorted(codes_near(lat, lon, radius_m) - {country.country or ""}):
        feature = layer.knows(f"country:{code}")
        if feature is not None:
            found.append((code, layer.place(feature)))
    return found


def territory_edge(subject: Place, country: Place, outline_m: float) -> TerritoryEdge | None:
    """The coast rule's signed distance, or None where it does not apply: the nearest edge is a
    land boundary, the subject lies in another country's outline, or the country's edges are not
    known (a places file's own polygon)."""
    if country.land_edges is None or subject.lat is None or subject.lon is None:
        return None
    lat, lon = subject.lat, subject.lon
    land_m, land_nearest = math.inf, None
    if country.land_edges:
        found = Polyline.from_parts(country.land_edges).nearest(lat, lon)
        land_m, land_nearest = found.distance_m, Nearest(found.lat, found.lon)
    if land_m <= abs(outline_m) + _ON_BOUNDARY_M:
        return None
    shift = sea_shift_m(subject.uncertainty_m, country)
    edges: list[tuple[float, str, Nearest | None]] = [
        (land_m, "land boundary", land_nearest),
        (shift - outline_m, "coast", None),
    ]
    for code, neighbour in neighbours(country, lat, lon, 2 * shift - outline_m):
        other = signed_distance_to_polygons_m(lat, lon, neighbour.polygons)
        if other.signed_distance_m <= 0:
            return None
        median = (other.signed_distance_m - outline_m) / 2
        edges.append((median, code, None))
    distance, edge, nearest = min(edges, key=lambda e: e[0])
    return TerritoryEdge(-distance, outline_m, land_m, shift, edge, nearest)


def edge_text(subject: Place, country: Place, found: TerritoryEdge) -> str:
    """What was measured, for the reason: why the coast did not count in full, and which edge
    decided."""
    side = "inside" if found.outline_m <= 0 else "outside"
    land = "none" if math.isinf(found.land_m) else _km(found.land_m)
    which = {
        "land boundary": "its nearest land boundary",
        "coast": f"its coast moved out {_km(found.sea_shift_m)}",
    }.get(found.edge, f"the median line with country:{found.edge}'s land")
    return (
        f"{subject.id} is {_km(abs(found.outline_m))} {side} {country.id}'s outline and nearer "
        f"its sea coast than any land boundary ({land}); by {RULE}, the signed distance to the "
        f"nearest edge that can put it in another country, {which} (negative inside),"
    )


def _km(metres: float) -> str:
    return f"{metres / 1000:,.1f} km"
