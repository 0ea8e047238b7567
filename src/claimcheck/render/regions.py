"""Feasible regions from `claimcheck locate`, as GeoJSON features for the maps.

For every unknown place that the claims locate, the region where all of them can hold at once.
"""

from __future__ import annotations

from typing import Any

from claimcheck.analysis.locate import Region, geojson_geometry
from claimcheck.api import VerifyReport


def locate_regions(report: VerifyReport) -> list[dict[str, Any]]:
    """Features for each unknown place the claims locate: where all of them can hold or, when
    they conflict, where each claim of the conflict leaves it once that claim is dropped."""
    features = []
    for place_id, result in report.regions.items():
        regions = [result.overall]
        if not result.overall.feasible and result.conflict is not None:
            regions = list(result.conflict.remaining)
        for region in regions:
            geometry = geojson_geometry(region) if region.feasible else None
            if geometry is not None:
                features.append(_feature(place_id, region, geometry))
    return features


def _feature(place_id: str, region: Region, geometry: dict[str, Any]) -> dict[str, Any]:
    properties = {
        "id": place_id,
        "title": f"where {place_id} can be: {region.label} ({region.area_km2:,.0f} km²)",
        "label": region.label,
        "claims": [{"claim": c, "verdict": "holds here"} for c in region.claim_ids],
        "area_km2": round(region.area_km2, 1),
        "clipped": region.clipped,
    }
    return {"type": "Feature", "geometry": geometry, "properties": properties}
