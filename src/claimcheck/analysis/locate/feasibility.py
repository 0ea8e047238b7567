"""For `verify`: can every claim about an unknown place hold at once?"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claimcheck.analysis.locate.constraints import Constraint, constraints_for
from claimcheck.analysis.locate.frame import (
    _area_km2,
    _is_empty,
    _smallest_conflict,
    _solve,
    _to_lat_lon,
)
from claimcheck.analysis.locate.shapes import DEFAULT_WINDOW_M
from claimcheck.claims.model import Claim
from claimcheck.gazetteer.places import Gazetteer


@dataclass(frozen=True)
class Feasibility:
    """For `verify`: can every claim about an unknown place hold at once?"""

    place_id: str
    claim_ids: tuple[str, ...]
    feasible: bool
    #: a smallest (or minimal) set of claims that cannot all hold; empty when feasible
    conflict: tuple[str, ...]
    conflict_claimants: tuple[str, ...]
    area_km2: float


def check_unknown_places(claims: Sequence[Claim], gazetteer: Gazetteer) -> tuple[Feasibility, ...]:
    """One Feasibility per unknown place that at least one claim locates."""
    out = []
    for place in gazetteer:
        if place.has_position:
            continue
        constraints, _skipped = constraints_for(place, claims, gazetteer)
        if not constraints:
            continue
        # Only what verify reports: no per-subset regions, places inside or extents.
        frame, geoms, intersection = _solve(constraints, DEFAULT_WINDOW_M)
        feasible = not _is_empty(intersection)
        members: list[Constraint] = []
        if not feasible:
            indices, _smallest = _smallest_conflict(geoms, frame.window)
            members = [constraints[i] for i in indices]
        out.append(
            Feasibility(
                place.id,
                tuple(c.id for c in constraints),
                feasible,
                tuple(c.id for c in members),
                tuple(dict.fromkeys(c.claimant for c in members)),
                _area_km2(_to_lat_lon(intersection, frame)) if feasible else 0.0,
            )
        )
    return tuple(out)
