"""Distances along a route ("45 km by road", "150 km upstream") and how long a route may be.

A route between two points is never shorter than the geodesic between them, and seldom much
longer: the ratio of route to geodesic length, its circuity (detour index), is studied in
transport geography and hydrology. A claimed route length is therefore *impossible* when it is
shorter than the geodesic, *plausible* up to the largest factor below, and *implausibly long*
beyond it. docs/rules.md gives the sources in full.
"""

from __future__ import annotations

from claimcheck.errors import Kind, ParseError
from claimcheck.frozen import frozen


class RouteError(ParseError):
    """An `along:` value that names no route."""


class Route(Kind):
    """What a distance is measured along; values are the `along:` words in a claims file."""

    ROAD = "road"
    RIVER = "river"
    RAIL = "rail"


@frozen
class Circuity:
    """Route length over geodesic length: what is typical, and the most that is plausible."""

    typical: float
    most: float
    source: str


CIRCUITY: dict[Route, Circuity] = {
    Route.ROAD: Circuity(
        1.2, 2.0,
        "road circuity ≈ 1.2 (Newell 1980; O'Sullivan & Morrall 1996: 1.21–1.23; measured "
        "nationally by Ballou et al. 2002), car trips in the Swiss travel survey 1.47–1.54; "
        "over 2× is implausible here",
    ),
    Route.RAIL: Circuity(
        1.3, 2.0,
        "public-transport detour ≈ 1.33 (Swiss travel survey); over 2× is implausible here",
    ),
    Route.RIVER: Circuity(
        1.5, 3.0,
        "river sinuosity: single channels of 1.5 or more are 'meandering' (Leopold & Wolman "
        "1957, via Wikipedia 'Meander'), and sinuosity classes top out near 3 (SWAT+ channel "
        "inputs); over 3× is implausible here",
    ),
}  # fmt: skip

#: Words a quote uses for each route, for the grammar's "by road" and "upstream".
ROUTE_WORDS: dict[str, Route] = {
    "road": Route.ROAD,
    "by road": Route.ROAD,
    "drive": Route.ROAD,
    "river": Route.RIVER,
    "upstream": Route.RIVER,
    "downstream": Route.RIVER,
    "rail": Route.RAIL,
    "by rail": Route.RAIL,
    "train": Route.RAIL,
}


def parse_route(text: str) -> Route:
    """Read an `along:` value ("road", "river", "rail", "by road", "upstream")."""
    route = ROUTE_WORDS.get(" ".join(text.lower().split()))
    if route is None:
        words = ", ".join(r.value for r in Route)
        raise RouteError(f"unknown route {text!r}: use one of {words} (default: straight line)")
    return route
