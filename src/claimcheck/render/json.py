"""Machine-readable output. Keys documented in docs/json.md are stable; new keys may be added."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from claimcheck.analysis.checks import Chance
from claimcheck.analysis.contradictions import Contradiction
from claimcheck.analysis.locate import Feasibility
from claimcheck.analysis.verdicts import AngleCheck, Check, LengthCheck, PartCheck, Verdict
from claimcheck.api import Dataset, VerifyReport
from claimcheck.errors import Problem
from claimcheck.gazetteer.places import Source
from claimcheck.grammar.interval import Interval
from claimcheck.render import safe


def _num(value: float, digits: int = 4) -> float | None:
    """JSON has no infinity: unbounded ends become null."""
    return round(value, digits) if math.isfinite(value) else None


def source_dict(source: Source) -> dict[str, Any]:
    return {"title": source.title, "url": source.url, "date": source.date,
            "publisher": source.publisher}  # fmt: skip


def _probability(chance: Chance | None) -> dict[str, Any]:
    """P(the claim holds): under its lenient reading, and its strict one (equal for one reading);
    a length's P(below) and P(above) its lenient interval, which decide inconsistent."""
    sides = None if chance is None else chance.sides
    return {
        "probability": None if chance is None else round(chance.lenient, 4),
        "probability_strict": None if chance is None else round(chance.strict, 4),
        "probability_below": None if sides is None else round(sides.below, 4),
        "probability_above": None if sides is None else round(sides.above, 4),
    }


def _measured_km(check: LengthCheck) -> dict[str, float | None]:
    m = check.measured
    return {"best": _num(m.best / 1000), "min": _num(m.low / 1000), "max": _num(m.high / 1000)}


def check_dict(check: Check) -> dict[str, Any]:
    out: dict[str, Any] = {
        "quantity": check.quantity,
        "verdict": check.verdict.value,
        "claimed": check.claimed,
        "reason": check.reason,
        **_probability(check.chance),
    }
    if isinstance(check, PartCheck):
        out["part"] = {"found": check.found or "middle", "bounds": check.bounds}
        return out
    if isinstance(check, AngleCheck):
        out["azimuth_deg"] = {
            "best": _num(check.measured.best % 360, 2),
            "min": _num(check.measured.low, 2),
            "max": _num(check.measured.high, 2),
        }
        out["acceptable_deg"] = _sector_dict(check.acceptable)
        if check.strict is not None:
            out["strict_deg"] = _sector_dict(check.strict)
        out["margin_deg"] = _num(check.margin, 2)
        out["decide_below_deg"] = (
            _num(check.decide_below, 2) if check.decide_below is not None else None
        )
        return out
    m = check.measured
    out["measured_km"] = _measured_km(check)
    u = check.unit.metres
    out["unit"] = check.unit.value
    out["measured"] = {"best": _num(m.best / u), "min": _num(m.low / u),
                       "max": _num(m.high / u)}  # fmt: skip
    out["margin"] = _num(check.margin / u)
    out["acceptable_km"] = {"min": _num(check.acceptable.low / 1000),
                            "max": _num(check.acceptable.high / 1000)}  # fmt: skip
    if check.strict is not None:
        out["strict_km"] = {"min": _num(check.strict.low / 1000),
                            "max": _num(check.strict.high / 1000)}  # fmt: skip
    out["margin_km"] = _num(check.margin / 1000)
    out["decide_below_km"] = (
        _num(check.decide_below / 1000) if check.decide_below is not None else None
    )
    capability = None if check.ends is None else check.ends.capability
    out["capability_index"] = None if capability is None else round(capability, 4)
    if check.nearest is not None:
        out["nearest"] = {"lat": round(check.nearest.lat, 7), "lon": round(check.nearest.lon, 7)}
    if check.road_factor is not None:
        low, high = check.road_factor
        out["road_factor"] = {
            "min": _num(low, 3),
            "max": None if math.isinf(high) else _num(high, 3),
        }
    return out


def verdict_dict(verdict: Verdict, report: VerifyReport | None = None) -> dict[str, Any]:
    claim = verdict.claim
    first = next((c for c in verdict.checks if isinstance(c, LengthCheck)), None)
    out: dict[str, Any] = {
        "id": claim.id,
        "verdict": verdict.verdict.value,
        "expect": claim.expect.value if claim.expect else None,
        "expected": verdict.expected,
        "kind": claim.kind,
        "line": claim.line,
        "quote": claim.quote,
        "claimant": claim.claimant,
        "source": source_dict(claim.source),
        "places": dict(verdict.places),
        "measured_km": None,
        "margin_km": None,
        "probability": None,
        "reason": verdict.reason,
        "checks": [check_dict(c) for c in verdict.checks],
    }
    deciding = verdict.deciding
    if deciding is not None and deciding.chance is not None:
        out["probability"] = round(deciding.chance.lenient, 4)
    if claim.translation:
        out["translation"] = claim.translation
    if verdict.policy_note:
        out["policy_note"] = verdict.policy_note
    if first is not None:
        out["measured_km"] = _measured_km(first)
        out["margin_km"] = _num(first.margin / 1000)
    if report is not None:
        out["needs_attention"] = report.needs_attention(verdict)
        if report.dataset.gazetteer.fallback is not None:  # run with --gazetteer-db
            out["imported"] = imported_list(report, verdict)
        if verdict.claim.id in report.world:
            out["world"] = world_list(report, verdict)
    if verdict.candidates:
        out["candidates"] = [verdict_dict(c) for c in verdict.candidates]
    return out


def imported_list(report: VerifyReport, verdict: Verdict) -> list[dict[str, Any]]:
    """The GeoNames places a verdict relies on, with licence and the uncertainty's rule."""
    return [
        {
            "id": p.id,
            "geonameid": p.geonameid,
            "name": p.name,
            "licence": p.licence,
            "uncertainty_m": p.uncertainty_m,
            "rule": p.rule,
        }
        for p in report.imported.get(verdict.claim.id, ())
    ]


def world_list(report: VerifyReport, verdict: Verdict) -> list[dict[str, Any]]:
    """The built-in world features a verdict relies on, each with its citation."""
    return [
        {
            "id": p.id,
            "name": p.name,
            "kind": p.kind.value,
            "uncertainty_m": p.uncertainty_m,
            "source": source_dict(p.source),
        }
        for p in report.world.get(verdict.claim.id, ())
    ]


def problem_dict(problem: Problem) -> dict[str, Any]:
    return {
        "path": problem.path,
        "line": problem.line,
        "column": problem.column,
        "field": problem.field,
        "level": problem.level.value,
        "id": problem.item or None,
        "message": problem.message,
    }


def _interval_dict(interval: Interval) -> dict[str, Any]:
    return {"min": _num(interval.low / 1000), "max": _num(interval.high / 1000),
            "min_open": interval.low_open, "max_open": interval.high_open}  # fmt: skip


def _sector_dict(sector: Interval) -> dict[str, Any]:
    """Bearings clockwise from north, each in [0, 360): across north, `min` exceeds `max`."""
    return {"min": _num(sector.low % 360), "max": _num(sector.high % 360)}


def _range_km(best: float | None, low: float, high: float) -> dict[str, Any]:
    out = {"min": _num(low / 1000), "max": _num(high / 1000)}
    return out if best is None else {"best": _num(best / 1000), **out}


def contradiction_dict(contradiction: Contradiction) -> dict[str, Any]:
    c = contradiction
    sep = c.separation
    return {
        "claims": list(c.claim_ids),
        "subject": c.subject,
        "references": list(c.references),
        "conditional": c.conditional,
        "reason": c.reason,
        "statements": list(c.statements),
        "quantity": c.quantity,
        "acceptable_km": (
            [_interval_dict(i) for i in c.acceptable]
            if c.acceptable and c.quantity != "direction"
            else None
        ),
        "acceptable_deg": (
            [_sector_dict(i) for i in c.acceptable]
            if c.acceptable and c.quantity == "direction"
            else None
        ),
        "turned_deg": list(c.turned_deg) if c.quantity == "direction" else None,
        "separation_km": None if sep is None else _range_km(sep.best, sep.low, sep.high),
        "separation_needed_km": (
            None if c.separation_needed is None else _range_km(None, *c.separation_needed)
        ),
        "both_can_hold": c.both_can_hold,
    }


def location_dict(location: Feasibility) -> dict[str, Any]:
    return {
        "place": location.place_id,
        "claims": list(location.claim_ids),
        "feasible": location.feasible,
        "area_km2": round(location.area_km2, 1),
        "conflict": list(location.conflict),
        "conflict_claimants": list(location.conflict_claimants),
        # every largest set of the claims that can hold together, when not all can
        "agreeing": [list(ids) for ids in location.agreeing],
        "skipped": [
            {"claim": s.id, "reason": s.reason, "partial": s.partial} for s in location.skipped
        ],
    }


def defaults_dict(report: VerifyReport) -> dict[str, Any]:
    """The decision policy in force: the claims file's `defaults:` or the built-in one."""
    policy = report.dataset.policy
    return {
        "confidence": float(policy.confidence),
        "about": float(policy.about),
        "origin": policy.origin or None,
    }


def render_verify(report: VerifyReport, color: bool = False) -> str:
    doc = {
        "results": [verdict_dict(v, report) for v in report.verdicts],
        "contradictions": [contradiction_dict(c) for c in report.contradictions],
        "locations": [location_dict(x) for x in report.locations],
        "defaults": defaults_dict(report),
        "summary": {
            "claims": len(report.verdicts),
            **report.counts,
            "unexpected": sum(not v.expected for v in report.verdicts),
            "needs_attention": sum(report.needs_attention(v) for v in report.verdicts),
            "ok": report.ok,
        },
        "warnings": [problem_dict(p) for p in report.dataset.warnings],
    }
    return safe.dumps(doc, indent=2)


def render_problems(
    problems: Sequence[Problem], color: bool = False, outcome: str = "nothing was verified"
) -> str:
    errors = [problem_dict(p) for p in problems]
    return safe.dumps({"status": "error", "errors": errors}, indent=2)


def render_check(dataset: Dataset, color: bool = False) -> str:
    doc = {
        "status": "ok",
        "claims": len(dataset.claims),
        "places": len(dataset.gazetteer),
        "warnings": [problem_dict(p) for p in dataset.warnings],
    }
    return safe.dumps(doc, indent=2)
