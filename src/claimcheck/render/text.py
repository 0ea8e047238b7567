"""Output for people: one block per claim, coloured by verdict on a terminal."""

from __future__ import annotations

from collections.abc import Sequence

import click

from claimcheck.analysis.contradictions import Contradiction
from claimcheck.analysis.locate import Feasibility
from claimcheck.analysis.verdicts import AngleCheck, Check, Verdict
from claimcheck.api import Dataset, VerifyReport
from claimcheck.claims.model import VerdictKind
from claimcheck.errors import Level, Problem
from claimcheck.render.findings import check_summary, verify_summary
from claimcheck.render.safe import clean, guard
from claimcheck.render.wording import count

COLOURS = {
    VerdictKind.CONSISTENT: "green",
    VerdictKind.INCONSISTENT: "red",
    VerdictKind.INCONCLUSIVE: "yellow",
    VerdictKind.UNVERIFIABLE: "magenta",
}


def measured_text(check: Check) -> str:
    m = check.measured
    if isinstance(check, AngleCheck):
        return f"bearing {m.best % 360:.1f}° (±{m.half_width:.1f}°)"
    unit = check.unit
    u = unit.metres
    if m.low == m.high:
        text = f"{m.best / u:,.2f} {unit.value}"
    else:
        text = f"{m.best / u:,.1f} {unit.value}, interval {m.low / u:,.1f}–{m.high / u:,.1f}"
    if unit.value != "km":
        text += f"  ({m.best / 1000:,.1f} km)"
    return text


def margin_text(check: Check) -> str:
    if isinstance(check, AngleCheck):
        return f"{check.margin:+.1f}° from the sector's edge"
    value = check.margin / check.unit.metres
    side = "inside" if check.margin >= 0 else "outside"
    return f"{value:+,.1f} {check.unit.value} ({side} the claimed range)"


def _label(kind: VerdictKind, color: bool) -> str:
    text = kind.value.upper()
    return click.style(text, fg=COLOURS[kind], bold=True) if color else text


def _status(verdict: Verdict, color: bool) -> str:
    expect = verdict.claim.expect
    if expect is None:
        return ""
    if verdict.expected:
        return "  (as expected)"
    text = f"  (EXPECTED {expect.value})"
    return click.style(text, fg="red", bold=True) if color else text


def _check_lines(checks: Sequence[Check], pad: str) -> list[str]:
    lines = []
    for check in checks:
        lines.append(f"{pad}{check.quantity:<9} measured {measured_text(check)}")
        lines.append(f"{pad}{'':<9} claimed  {clean(check.claimed)}; margin {margin_text(check)}")
    return lines


def _block(verdict: Verdict, color: bool) -> list[str]:
    claim = verdict.claim
    lines = [
        f"{_label(verdict.verdict, color)}  {clean(claim.id)}{_status(verdict, color)}",
        f'  quote     "{clean(claim.quote)}"',
        f"  claimant  {clean(claim.claimant)}; {clean(claim.source)}",
        *_check_lines(verdict.checks, "  "),
        f"  why       {clean(verdict.reason)}",
    ]
    for candidate in verdict.candidates:
        places = clean(", ".join(f"{role} {pid}" for role, pid in candidate.places))
        lines.append(f"  - {_label(candidate.verdict, color)}  {places}")
        lines.extend(
            _check_lines(candidate.checks, "      ") or [f"      why {clean(candidate.reason)}"]
        )
    return lines


def _imported_lines(report: VerifyReport, verdict: Verdict) -> list[str]:
    """Which places of the verdict came from a GeoNames index, with licence and rule."""
    return [
        clean(
            f'  imported  {p.id} "{p.name}" (GeoNames, {p.licence}; '
            f"uncertainty {p.uncertainty_m / 1000:g} km by {p.rule})"
        )
        for p in report.imported.get(verdict.claim.id, ())
    ]


def _world_lines(report: VerifyReport, verdict: Verdict) -> list[str]:
    """Which built-in world features the verdict uses, each with its citation."""
    return [
        f'  world     {p.id} "{p.name}" ({p.source.title}; '
        f"uncertainty {p.uncertainty_m / 1000:g} km)"
        for p in report.world.get(verdict.claim.id, ())
    ]


def _row_figures(verdict: Verdict) -> tuple[str, str, str]:
    """Measured, claimed and margin of the first check, for the summary table."""
    if not verdict.checks:
        if verdict.candidates:
            return (count(len(verdict.candidates), "reading"), "", "")
        return ("—", "", "")
    check = verdict.checks[0]
    if isinstance(check, AngleCheck):
        return (f"{check.measured.best % 360:.0f}°", clean(check.claimed), f"{check.margin:+.1f}°")
    u = check.unit.metres
    m = check.measured
    measured = f"{m.best / u:,.1f}"
    if m.low != m.high:
        measured += f" [{m.low / u:,.1f}–{m.high / u:,.1f}]"
    return (
        f"{measured} {check.unit.value}",
        clean(check.claimed),
        f"{check.margin / u:+,.1f} {check.unit.value}",
    )


def _table(report: VerifyReport, color: bool) -> list[str]:
    rows = [("VERDICT", "CLAIM", "MEASURED", "MARGIN", "CLAIMED")]
    kinds: list[VerdictKind | None] = [None]
    for verdict in report.verdicts:
        measured, claimed, margin = _row_figures(verdict)
        mark = "" if verdict.expected else " !"
        rows.append(
            (verdict.verdict.value + mark, clean(verdict.claim.id), measured, margin, claimed)
        )
        kinds.append(verdict.verdict)
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = []
    for row, kind in zip(rows, kinds, strict=True):
        cells = [row[i].ljust(widths[i]) for i in range(4)]
        if color and kind is not None:
            cells[0] = click.style(cells[0], fg=COLOURS[kind], bold=True)
        lines.append("  ".join([*cells, row[4]]).rstrip())
    return lines


def _contradiction_lines(contradiction: Contradiction, color: bool) -> list[str]:
    label = "CONTRADICTION?" if contradiction.conditional else "CONTRADICTION"
    if color:
        label = click.style(label, fg="yellow" if contradiction.conditional else "red", bold=True)
    kind = (
        "conditional: only under one reading of the references" if contradiction.conditional else ""
    )
    head = f"{label}  {clean(' × '.join(contradiction.claim_ids))}"
    return [
        f"{head}  ({kind})" if kind else head,
        f"  about     {clean(contradiction.subject)}",
        f"  why       {clean(contradiction.reason)}",
    ]


def _location_lines(location: Feasibility, color: bool) -> list[str]:
    claims = clean(", ".join(location.claim_ids))
    if location.feasible:
        label = click.style("LOCATABLE", fg="green", bold=True) if color else "LOCATABLE"
        n = len(location.claim_ids)
        why = f"all {n} claims can hold at once ({location.area_km2:,.0f} km²)"
    else:
        label = click.style("NOWHERE", fg="red", bold=True) if color else "NOWHERE"
        conflict = ", ".join(location.conflict)
        why = f"no point satisfies them all; these cannot all hold: {conflict}"
        why = clean(why + f" ({'; '.join(location.conflict_claimants)})")
    place_id = clean(location.place_id)
    return [
        f"{label}  {place_id}  (`claimcheck locate {place_id}`)",
        f"  claims    {claims}",
        f"  why       {why}",
    ]


def render_verify(report: VerifyReport, color: bool = False) -> str:
    out: list[str] = [*_table(report, color), ""]
    for verdict in report.verdicts:
        out.extend(_block(verdict, color))
        out.extend(_imported_lines(report, verdict))
        out.extend(_world_lines(report, verdict))
        out.append("")
    for contradiction in report.contradictions:
        out.extend(_contradiction_lines(contradiction, color))
        out.append("")
    for location in report.locations:
        out.extend(_location_lines(location, color))
        out.append("")
    out.append(verify_summary(report))
    for warning in report.dataset.warnings:
        out.append(clean(warning))
    return guard("\n".join(out))


def render_problems(problems: Sequence[Problem], color: bool = False) -> str:
    lines = []
    for problem in problems:
        text = clean(problem)
        if color:
            fg = "red" if problem.level is Level.ERROR else "yellow"
            text = click.style(text, fg=fg)
        lines.append(text)
    errors = sum(p.level is Level.ERROR for p in problems)
    lines.append(f"{count(errors, 'error')}: nothing was verified; fix the input and run again")
    return guard("\n".join(lines))


def render_check(dataset: Dataset, color: bool = False) -> str:
    """`claimcheck check` on valid files: what was read, then any lint warnings."""
    lines = [check_summary(dataset)]
    for warning in dataset.warnings:
        text = clean(warning)
        lines.append(click.style(text, fg="yellow") if color else text)
    return guard("\n".join(lines))
