"""Checks on places that do not stop the data being used: shared names, implausible coordinates."""

from __future__ import annotations

from collections.abc import Iterable

from claimcheck.errors import Level, Problem
from claimcheck.gazetteer.cells import position_warning
from claimcheck.gazetteer.places import Place, name_key
from claimcheck.grammar.countries import same_country, unknown_country


def lint_places(places: Iterable[Place]) -> list[Problem]:
    """Checks that do not stop the data being used: shared names, implausible coordinates.

    Two places that share a name (by match key) and the same country and admin area cannot be
    told apart by a claim except by id, so each such pair is a warning unless one of the two
    lists the other in `ambiguous_with` (the data knows). A point or vertex its country's outline
    does not reach is a warning (usually swapped lat/lon: gazetteer.cells), and so is a country
    that claimcheck.grammar.countries does not know, since then nothing is checked.
    """
    by_id = {p.id: p for p in places}
    by_key: dict[str, set[str]] = {}
    for place in by_id.values():
        for name in place.names:
            by_key.setdefault(name_key(name), set()).add(place.id)
    problems: list[Problem] = []

    def warn(place: Place, field_name: str, message: str, level: Level = Level.WARNING) -> None:
        problems.append(Problem(place.path, place.line, 1, field_name, message, level, place.id))

    for place in by_id.values():
        shared: dict[str, str] = {}
        for name in place.names:
            for sharer in by_key.get(name_key(name), ()):
                if sharer != place.id:
                    shared.setdefault(sharer, name)
        for other_id in place.ambiguous_with:
            if other_id not in by_id:
                warn(place, "ambiguous_with", f"unknown place {other_id!r}", Level.ERROR)
            elif other_id not in shared:
                warn(place, "ambiguous_with", f"{other_id!r} shares no name with {place.id!r}")
        for other_id, name in sorted(shared.items()):
            other = by_id[other_id]
            other_name = next(n for n in other.names if name_key(n) == name_key(name))
            if (other.line, other.path) >= (place.line, place.path) or _distinguishable(
                place, other
            ):
                continue
            if other_id in place.ambiguous_with or place.id in other.ambiguous_with:
                continue
            warn(
                place,
                "aliases",
                f"{place.id!r} ({name!r}) and {other_id!r} (line {other.line}, {other_name!r}) "
                "share a name and the same country and admin area: a claim can tell them apart "
                "only by id. "
                f"Add country/admin, or list {other_id!r} in ambiguous_with if that is intended",
            )
        if place.country:
            unknown = unknown_country(place.country)
            if unknown:
                warn(place, "country", f"{place.id!r}: {unknown}")
                continue
            points = [(place.lat, place.lon)] if place.lat is not None else list(place.vertices)
            for lat, lon in points:
                assert lat is not None and lon is not None
                message = position_warning(lat, lon, place.country)
                if message:
                    warn(place, "country", f"{place.id!r}: {message}")
                    break
    return problems


def _distinguishable(a: Place, b: Place) -> bool:
    """Whether a claim's country and admin narrowing can tell two places apart."""
    if (a.admin or "").casefold() != (b.admin or "").casefold():
        return True
    return not same_country(a.country or "", b.country or "")
