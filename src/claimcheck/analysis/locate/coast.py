"""The coast rule (analysis.territory) as `locate` draws it: a world country's outline split into
its sea coast and its land boundaries, the two kinds of edge the rule tells apart.

`verify` decides `inside:` (or `outside:`, or a depth in) a world country by the rule's signed
distance S at the subject: the nearest of its land boundaries, its coast moved out to sea by
`territory.sea_shift_m`, and the median line with any other country's land, wherever the
nearest edge of the outline is sea coast (else the plain signed distance to the outline).
`locate` draws where S, widened by the country's uncertainty as every area is, lies in the
claim's interval; the cells where S is measured from the coast are
`shapes.CoastCells`, built from these runs, and `constraints` cuts them to the rule's bands.
"""

from __future__ import annotations

import itertools

from claimcheck.gazetteer.places import LatLon, Place


def _pair(a: LatLon, b: LatLon) -> tuple[LatLon, LatLon]:
    return (a, b) if a <= b else (b, a)


def outline_runs(
    country: Place,
) -> tuple[list[tuple[LatLon, ...]], list[tuple[LatLon, ...]], frozenset[LatLon]]:
    """The outline's sea-coast runs, its land-boundary lines (`land_edges`, from the same
    vertices) and the vertices on a land boundary (where a run of coast meets one)."""
    land = list(country.land_edges or ())
    land_pairs = {_pair(line[i], line[i + 1]) for line in land for i in range(len(line) - 1)}
    sea: list[tuple[LatLon, ...]] = []
    for polygon in country.polygons:
        for ring in polygon:
            closed = [*ring, ring[0]] if ring[0] != ring[-1] else list(ring)
            run: list[LatLon] = []
            for a, b in itertools.pairwise(closed):
                if _pair(a, b) in land_pairs:
                    if len(run) > 1:
                        sea.append(tuple(run))
                    run = []
                    continue
                run = run or [a]
                run.append(b)
            if len(run) > 1:
                sea.append(tuple(run))
    return sea, land, frozenset(v for line in land for v in line)
