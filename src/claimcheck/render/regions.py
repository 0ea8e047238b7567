"""Feasible regions from `claimcheck locate`, as GeoJSON features for the maps.

For every unknown place that the claims locate, the region where all of them can hold at once;
when they cannot, the regions of the largest sets of claims that can hold together (the fewest
claims wrong: what verify's `agree` line and the report name), or, when that search gave up,
the region each claim's removal from a smallest conflicting set leaves. Each feature says, in
words, which claims it comes from and what it means, and where its label goes.
"""

from __future__ import annotations

from typing import Any

from claimcheck.analysis.locate import LocateResult, Region, geojson_geometry
from claimcheck.api import VerifyReport
from claimcheck.render.naming import definite, place_labels
from claimcheck.render.summary import claim_numbers

#: One colour per region of a place (outline, fill), so overlapping regions stay apart.
PALETTE = (
    ("#e08214", "#fdb863"),
    ("#8073ac", "#b2abd2"),
    ("#35978f", "#80cdc1"),
    ("#c51b7d", "#f1b6da"),
    ("#7f3b08", "#e0a96d"),
)


def _numbers(numbers: list[int]) -> str:
    text = [str(n) for n in sorted(numbers)]
    if len(text) == 1:
        return f"claim {text[0]}"
    return f"claims {', '.join(text[:-1])} and {text[-1]}"


def _hold(numbers: list[int]) -> str:
    """ "claim 1 holds", "claims 1 and 3 both hold", "claims 1, 3 and 5 all hold"."""
    return _numbers(numbers) + {1: " holds", 2: " both hold"}.get(len(numbers), " all hold")


def _wrong(numbers: list[int]) -> str:
    """ "claim 5 is wrong", "claims 4 and 7 are wrong"."""
    return f"{_numbers(numbers)} {'is' if len(numbers) == 1 else 'are'} wrong"


def _if_wrong(ids: list[int], wrong: list[int]) -> str:
    """A region's label: the claims that put the place there, on the condition it rests on
    ("By claims 1 and 3, if claim 5 is wrong"); "Claims 1 and 3 hold (claim 5 wrong)" read as a
    verdict on claim 5 (the Aktau crash trial)."""
    return f"By {_numbers(ids)}, if {_wrong(wrong)}"


def locate_regions(report: VerifyReport) -> list[dict[str, Any]]:
    """Features for each unknown place the claims locate: where all of them can hold or, when
    they conflict, where each largest set that can hold together puts it (else where each claim
    of a smallest conflict leaves it once that claim is dropped)."""
    numbers = claim_numbers(report)
    labels = place_labels(report.dataset.gazetteer)
    features = []
    for place_id, result in report.regions.items():
        regions = [result.overall]
        if not result.overall.feasible:
            if result.agreeing:
                regions = list(result.agreeing)
            elif result.conflict is not None:
                regions = list(result.conflict.remaining)
        drawn = 0
        for region in regions:
            geometry = geojson_geometry(region) if region.feasible else None
            if geometry is not None:
                colours = PALETTE[drawn % len(PALETTE)]
                words = _words(labels.get(place_id, place_id), region, result, numbers)
                features.append(_feature(place_id, region, geometry, colours, words))
                drawn += 1
    return features


def _words(
    name: str, region: Region, result: LocateResult, numbers: dict[str, int]
) -> dict[str, str]:
    """The region's legend label, title and meaning."""
    ids = [numbers[c] for c in region.claim_ids]
    held, name = _numbers(ids), definite(name)
    area = f"{region.area_km2:,.0f} km²"
    put = "puts" if len(ids) == 1 else "put"
    if result.overall.feasible:
        return {
            "label": _hold(ids).capitalize(),
            "group": f"Where {name} can be",
            "title": f"Where {name} can be if {_hold(ids)} ({area})",
            "meaning": f"Every point here fits {held}{' at once' if len(ids) > 1 else ''}.",
        }
    if region in result.agreeing:
        return _agreeing_words(name, ids, result, numbers, area)
    assert result.conflict is not None
    conflict = [numbers[c] for c in result.conflict.claim_ids]
    dropped = sorted(set(conflict) - set(ids))
    # a conflicting set smaller than the claims: its regions apply its claims only, so the
    # heading says so (the Magic Seas trial's map read "Where the Magic Seas attack site can
    # be" over two bands that seven other claims put elsewhere)
    outside = sorted(set(numbers[c.id] for c in result.constraints) - set(conflict))
    alone = f" by {_numbers(conflict)} alone" if outside else ""
    aside = (
        f" {_numbers(outside).capitalize()} {'is' if len(outside) == 1 else 'are'} not applied "
        "here and may fail."
        if outside
        else ""
    )
    return {
        "label": _if_wrong(ids, dropped),
        "group": f"Where {name} can be{alone}",
        "title": f"Where {name} can be if {_hold(ids)} ({area})",
        "meaning": (
            f"{_numbers(conflict).capitalize()} cannot {'both' if len(conflict) == 2 else 'all'} "
            f"hold. If {_wrong(dropped)}, "
            f"{held} {put} {name} here.{aside}"
        ),
    }


def _agreeing_words(
    name: str, ids: list[int], result: LocateResult, numbers: dict[str, int], area: str
) -> dict[str, str]:
    """A largest set of claims that can hold together (docs/rules.md, Which accounts agree)."""
    every = sorted(numbers[c.id] for c in result.constraints)
    wrong = sorted(set(every) - set(ids))
    ways = len(result.agreeing)
    how = "in 1 way" if ways == 1 else f"in {ways} ways"
    return {
        "label": _if_wrong(ids, wrong),
        "group": (
            f"Where {name} can be if the fewest claims are wrong ({len(wrong)} of {len(every)})"
        ),
        "title": f"Where {name} can be if {_hold(ids)} ({area})",
        "meaning": (
            f"No point fits all {len(every)} claims; at most {len(ids)} can hold together, "
            f"{how}. If {_wrong(wrong)}, "
            f"{_numbers(ids)} put{'s' if len(ids) == 1 else ''} {name} here."
        ),
    }


def _feature(
    place_id: str,
    region: Region,
    geometry: dict[str, Any],
    colours: tuple[str, str],
    words: dict[str, str],
) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "id": place_id,
        **words,
        "claims": [{"claim": c, "verdict": "holds here"} for c in region.claim_ids],
        "area_km2": round(region.area_km2, 1),
        "clipped": region.clipped,
        "stroke": colours[0],
        "fill": colours[1],
        "fill-opacity": 0.35,
    }
    if region.representative_point is not None:
        lat, lon = region.representative_point
        properties["label_at"] = [round(lon, 4), round(lat, 4)]
    return {"type": "Feature", "geometry": geometry, "properties": properties}
