"""`claimcheck locate`'s output: the regions each claim allows and where they meet, as text for
a reader, JSON and GeoJSON. Computes nothing: every figure is analysis.locate's."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from claimcheck.analysis.locate import (
    EDGE_TOLERANCE_M,
    LocateResult,
    PlaceFit,
    Region,
    geojson_geometry,
)
from claimcheck.render.naming import named
from claimcheck.render.safe import clean, dumps, guard
from claimcheck.render.wording import count, every


def _num(value: float, digits: int = 3) -> float | None:
    return round(value, digits) if math.isfinite(value) else None


def _point(point: tuple[float, float] | None) -> dict[str, float] | None:
    return None if point is None else {"lat": round(point[0], 6), "lon": round(point[1], 6)}


def _fit_dict(fit: PlaceFit) -> dict[str, Any]:
    return {
        "id": fit.id,
        "status": fit.status,
        "edge_km": _num(fit.edge_m / 1000),
        "uncertainty_km": _num(fit.uncertainty_m / 1000),
    }


def region_dict(region: Region) -> dict[str, Any]:
    """A region's stable JSON keys (the geometry is RFC 7946 GeoJSON)."""
    extent = None
    if region.extent is not None:
        keys = ("south", "west", "north", "east")
        extent = {k: round(v, 6) for k, v in zip(keys, region.extent, strict=True)}
    return {
        "label": region.label,
        "claims": list(region.claim_ids),
        "claimants": list(region.claimants),
        "feasible": region.feasible,
        "area_km2": round(region.area_km2, 1),
        "extent": extent,
        "representative_point": _point(region.representative_point),
        "clipped": region.clipped,
        "places": [_fit_dict(f) for f in region.places],
        "geometry": geojson_geometry(region),
    }


def result_dict(result: LocateResult) -> dict[str, Any]:
    """The JSON document: the overall region's keys at the top, the details after them."""
    overall = region_dict(result.overall)
    conflict = result.conflict
    return {
        "place": result.place_id,
        "feasible": overall["feasible"],
        "area_km2": overall["area_km2"],
        "representative_point": overall["representative_point"],
        "geometry": overall["geometry"],
        "conflict": list(conflict.claim_ids) if conflict else [],
        "extent": overall["extent"],
        "clipped": overall["clipped"],
        "places": overall["places"],
        "constraints": [
            {"id": c.id, "claimant": c.claimant, "quote": c.quote, "region": c.description}
            for c in result.constraints
        ],
        "skipped": [
            {"id": s.id, "claimant": s.claimant, "reason": s.reason, "partial": s.partial}
            for s in result.skipped
        ],
        "conflict_detail": None
        if conflict is None
        else {
            "claims": list(conflict.claim_ids),
            "claimants": list(conflict.claimants),
            "smallest": conflict.smallest,
            "remaining": [region_dict(r) for r in conflict.remaining],
        },
        "agreeing": [region_dict(r) for r in result.agreeing],
        "accounts": [region_dict(r) for r in result.accounts],
        "frame": {
            "lat": round(result.frame_centre[0], 6),
            "lon": round(result.frame_centre[1], 6),
            "window_km": _num(result.window_m / 1000),
        },
        "edge_tolerance_m": EDGE_TOLERANCE_M,
    }


def render_json(result: LocateResult) -> str:
    """One line: the geometries would make an indented document thousands of lines long."""
    return dumps(result_dict(result))


def render_geojson(result: LocateResult) -> str:
    """A FeatureCollection: the overall region, each account's, and what each conflict leaves."""
    features = []
    roles = [("all claims", result.overall)]
    roles += [("account", r) for r in result.accounts]
    if result.conflict is not None:
        roles += [("without", r) for r in result.conflict.remaining]
    for role, region in roles:
        props = region_dict(region)
        geometry = props.pop("geometry")
        if geometry is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {"place": result.place_id, "role": role, **props},
            }
        )
    return dumps({"type": "FeatureCollection", "features": features})


def _region_lines(region: Region, pad: str) -> list[str]:
    if not region.feasible:
        return [f"{pad}no point satisfies {clean(' + '.join(region.claim_ids))}"]
    assert region.extent is not None and region.representative_point is not None
    south, west, north, east = region.extent
    lat, lon = region.representative_point
    lines = [
        f"{pad}area     {region.area_km2:,.0f} km²"
        + ("  (open: the claims do not bound it inside the window)" if region.clipped else ""),
        f"{pad}extent   lat {south:.3f} to {north:.3f}, lon {west:.3f} to {east:.3f}",
        f"{pad}point    {lat:.4f}, {lon:.4f}  (a point inside)",
    ]
    inside = [f for f in region.places if f.status == "inside"]
    edge = [f for f in region.places if f.status == "edge"]
    label = "places"
    for fit in inside:
        depth = f"{fit.edge_m / 1000:,.1f} km" if math.isfinite(fit.edge_m) else "unbounded"
        lines.append(
            f"{pad}{label:<8} inside  {clean(fit.id)}  ({depth} from the edge; "
            f"position ±{fit.uncertainty_m / 1000:g} km)"
        )
        label = ""
    for fit in edge:
        lines.append(
            f"{pad}{label:<8} edge    {clean(fit.id)}  ({-fit.edge_m / 1000:,.1f} km outside; "
            f"position ±{fit.uncertainty_m / 1000:g} km)"
        )
        label = ""
    return lines


def render_text(result: LocateResult, labels: Mapping[str, str] | None = None) -> str:
    """The regions in words; `labels` (place id -> name as a sentence reads it) names the places
    of each claim's region as verify's reasons do."""
    lat, lon = result.frame_centre
    n = len(result.constraints)
    place_id = clean(result.place_id)
    out = [
        f"LOCATE  {place_id}: {count(n, 'claim')}, {'each ' if n > 1 else ''}the region where "
        "it could be true (widened by the known places' uncertainty)",
        f"  frame   azimuthal equidistant at {lat:.4f}, {lon:.4f}; window "
        f"{result.window_m / 1000:g} km around it; edges within {EDGE_TOLERANCE_M:g} m of "
        "the geodesic boundary",
    ]
    for c in result.constraints:
        out.append(f"  - {clean(c.id)}  [{clean(c.claimant)}]")
        out.append(f"      {clean(named(c.description, labels or {}))}")
    for s in result.skipped:
        if not s.partial:  # a partly drawn claim says what it left out among the regions
            out.append(f"  - {clean(s.id)}  [{clean(s.claimant)}]  not used: {clean(s.reason)}")
    out.append("")
    overall = result.overall
    if overall.feasible:
        out.append(f"FEASIBLE  {every(n)} can hold{' at once' if n > 1 else ''}")
        out.extend(_region_lines(overall, "  "))
    else:
        out.append(f"CONFLICT  no point satisfies {every(n)}")
    conflict = result.conflict
    if conflict is not None:
        size = len(conflict.claim_ids)
        how = "smallest" if conflict.smallest else "minimal"
        proof = (
            f"no set of {size - 1} conflicts" if conflict.smallest and size > 1 else "irreducible"
        )
        out.append(f"  {how} conflicting set ({count(size, 'claim')}; {proof}):")
        for cid in conflict.claim_ids:
            claimant = next(c.claimant for c in result.constraints if c.id == cid)
            out.append(f"    {clean(cid)}  [{clean(claimant)}]")
        outside = n - size
        for region in conflict.remaining:
            out.append(
                clean(f"  {region.label}{_set_aside(size, outside)}: {'; '.join(region.claimants)}")
            )
            out.extend(_region_lines(region, "    "))
    if result.agreeing:
        most = len(result.agreeing[0].claim_ids)
        out.append(f"  largest sets that can hold together ({most} of {n} claims; {RULE}):")
        drawn = {frozenset(r.claim_ids): r.label for r in conflict.remaining} if conflict else {}
        for region in result.agreeing:
            same = drawn.get(frozenset(region.claim_ids))
            if same:  # a region printed above: named, not printed twice
                out.append(clean(f"  {region.label}: the region {same!r} above"))
                continue
            out.append(clean(f"  {region.label}: {'; '.join(region.claimants)}"))
            out.extend(_region_lines(region, "    "))
    for region in result.accounts:
        out.append("")
        out.append(clean(f"ACCOUNT  {region.label}: {', '.join(region.claim_ids)}"))
        out.extend(_region_lines(region, "  "))
    return guard("\n".join(out))


#: where the rule for the largest sets is written
RULE = "docs/rules.md, Which accounts agree"


def _set_aside(size: int, outside: int) -> str:
    """What a "without ID" region leaves out when the conflicting set is not every claim: it
    applies only the set's other claims, so the claims outside the set may fail there."""
    if outside == 0:
        return ""
    others = "claim" if size == 2 else "claims"
    they = "it" if outside == 1 else "they"
    return (
        f", by the set's other {others} alone ({count(outside, 'claim')} outside the set not "
        f"applied; {they} may fail there)"
    )


RENDERERS = {"text": render_text, "json": render_json, "geojson": render_geojson}
