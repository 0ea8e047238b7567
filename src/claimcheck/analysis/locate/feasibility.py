"""For `verify`: can every claim about an unknown place hold at once?"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType

from claimcheck.analysis.locate.constraints import Constraint, Skipped, constraints_for
from claimcheck.analysis.locate.frame import (
    _area_km2,
    _exclusive,
    _is_empty,
    _largest_agreeing,
    _smallest_conflict,
    _solve,
    _to_lat_lon,
)
from claimcheck.analysis.locate.regions import LocateResult
from claimcheck.analysis.locate.shapes import DEFAULT_WINDOW_M
from claimcheck.claims.model import Claim
from claimcheck.frozen import frozen
from claimcheck.gazetteer.places import Gazetteer
from claimcheck.grammar.precision import ABOUT_FRACTION


@frozen
class Feasibility:
    """For `verify`: can every claim about an unknown place hold at once?"""

    place_id: str
    #: the claims whose regions were intersected
    claim_ids: tuple[str, ...]
    #: None when no claim about the place could be drawn as a region
    feasible: bool | None
    #: a smallest (or minimal) set of claims that cannot all hold; empty when feasible
    conflict: tuple[str, ...]
    conflict_claimants: tuple[str, ...]
    area_km2: float
    #: the claims about the place that no region could use, and why
    skipped: tuple[Skipped, ...] = ()
    #: when they cannot all hold: every largest set of them that can (empty if the search gave
    #: up, past _MAX_SUBSETS sets of one size)
    agreeing: tuple[tuple[str, ...], ...] = ()


def check_unknown_places(
    claims: Sequence[Claim],
    gazetteer: Gazetteer,
    about: Decimal = ABOUT_FRACTION,
    contradicting: Collection[tuple[str, str]] = (),
    located: Mapping[str, LocateResult] = MappingProxyType({}),
) -> tuple[Feasibility, ...]:
    """One Feasibility per unknown place that at least one claim names. `contradicting`: pairs
    of claim ids that cannot both hold (analysis.contradictions), which no agreeing set holds.
    `located`: the regions already solved for some places (a map's), which tell it too."""
    out = []
    for place in gazetteer:
        if place.has_position:
            continue
        if place.id in located:
            out.append(_told(located[place.id]))
            continue
        constraints, skipped = constraints_for(place, claims, gazetteer, about)
        if not constraints:
            if skipped:
                out.append(Feasibility(place.id, (), None, (), (), 0.0, tuple(skipped)))
            continue
        # Only what verify reports: no per-subset regions, places inside or extents.
        frame, geoms, intersection = _solve(constraints, DEFAULT_WINDOW_M)
        feasible = not _is_empty(intersection)
        members: list[Constraint] = []
        agreeing: tuple[tuple[str, ...], ...] = ()
        if not feasible:
            indices, _smallest = _smallest_conflict(geoms, frame.window)
            members = [constraints[i] for i in indices]
            exclusive = _exclusive(constraints, contradicting)
            agreeing = tuple(
                tuple(constraints[i].id for i in subset)
                for subset in _largest_agreeing(geoms, frame.window, exclusive)
            )
        out.append(
            Feasibility(
                place.id,
                tuple(c.id for c in constraints),
                feasible,
                tuple(c.id for c in members),
                tuple(dict.fromkeys(c.claimant for c in members)),
                _area_km2(_to_lat_lon(intersection, frame)) if feasible else 0.0,
                tuple(skipped),
                agreeing,
            )
        )
    return tuple(out)


def _told(result: LocateResult) -> Feasibility:
    """What a place's solved regions tell of its feasibility: the same solve, the same sets."""
    conflict = result.conflict
    return Feasibility(
        result.place_id,
        tuple(c.id for c in result.constraints),
        result.feasible,
        conflict.claim_ids if conflict else (),
        conflict.claimants if conflict else (),
        result.overall.area_km2,
        tuple(result.skipped),
        tuple(region.claim_ids for region in result.agreeing),
    )
