"""Output for people: one block per claim, coloured by verdict on a terminal."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import click

from claimcheck.analysis.checks import Chance, percent
from claimcheck.analysis.contradictions import Contradiction
from claimcheck.analysis.locate import Feasibility
from claimcheck.analysis.verdicts import AngleCheck, Check, PartCheck, Verdict
from claimcheck.api import Dataset, VerifyReport
from claimcheck.claims.model import VerdictKind
from claimcheck.errors import Level, Problem
from claimcheck.render.findings import check_summary, contradiction_pairs, verify_summary
from claimcheck.render.naming import named, sentence_labels
from claimcheck.render.safe import clean, guard
from claimcheck.render.wording import count, every

COLOURS = {
    VerdictKind.CONSISTENT: "green",
    VerdictKind.INCONSISTENT: "red",
    VerdictKind.INCONCLUSIVE: "yellow",
    VerdictKind.UNVERIFIABLE: "magenta",
}


def measured_text(check: Check) -> str:
    """The best estimate, with the worst case as information."""
    if isinstance(check, PartCheck):
        return f"in the {check.found or 'middle'} part"
    m = check.measured
    if isinstance(check, AngleCheck):
        if m.low == m.high:
            return f"bearing {m.best % 360:.1f}°"
        return f"bearing {m.best % 360:.1f}° (worst case ±{m.half_width:.1f}°)"
    unit = check.unit
    u = unit.metres
    # the kilometres next to the figure they convert, and the worst case with its unit:
    # "44.5 mi, worst case 36.4–52.6  (71.6 km)" read as if the worst case were 71.6 km
    km = f" ({m.best / 1000:,.1f} km)" if unit.value != "km" else ""
    if m.low == m.high:
        return f"{m.best / u:,.2f} {unit.value}{km}"
    return (
        f"{m.best / u:,.1f} {unit.value}{km}, worst case {m.low / u:,.1f}–{m.high / u:,.1f} "
        f"{unit.value}"
    )


def probability_text(check: Check) -> str:
    """ "97 %", or "2.0 % strict, 99 % lenient" for a figure with two readings."""
    chance = check.chance
    if chance is None:
        return ""
    if not chance.two_readings:
        return percent(chance.lenient)
    return f"{percent(chance.strict)} strict, {percent(chance.lenient)} lenient"


def margin_text(check: Check) -> str:
    if isinstance(check, PartCheck):
        return check.bounds
    if isinstance(check, AngleCheck):
        which = "the sector's edge" if check.strict is None else "the four-point sector's edge"
        return f"{check.margin:+.1f}° from {which}"
    value = check.margin / check.unit.metres
    side = "inside" if check.margin >= 0 else "outside"
    where = f"{side} the claimed range"
    if (
        check.margin >= 0
        and check.strict is not None
        and not check.strict.contains(check.measured.best)
    ):
        # the margin is the lenient range's: "inside the claimed range" alone would say the best
        # estimate fits "150 mi" read strictly (145-155 mi) when 156.6 mi does not
        where = "inside the lenient range, outside the strict one"
    return f"{value:+,.1f} {check.unit.value} ({where})"


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


def _check_lines(
    checks: Sequence[Check],
    pad: str,
    places: Sequence[tuple[str, str]],
    labels: Mapping[str, str],
) -> list[str]:
    """Measured, claimed and probability of each check; `places` and `labels` name the place a
    direction is seen from."""
    lines = []
    for check in checks:
        lines.append(f"{pad}{check.quantity:<9} measured {measured_text(check)}")
        claimed = f"{clean(_named_reference(check.claimed, places, labels))}; " + (
            margin_text(check)  # the part's bounds, which start "the"
            if isinstance(check, PartCheck)
            else f"margin {margin_text(check)}"
        )
        lines.append(f"{pad}{'':<9} claimed  {claimed}")
        lines.append(f"{pad}{'':<9} P(holds) {probability_text(check)}")
    return lines


def _own_labels(
    verdict: Verdict, labels: Mapping[str, str], centres: Mapping[str, str]
) -> dict[str, str]:
    """The names of the places a claim's reason can name: its own (every reading's, for an
    ambiguous one) and a zone's centre (`centres`: zone id to centre id). Naming by these few,
    not every place of the file, keeps the text output of 10,000 claims about as fast."""
    ids = [pid for _role, pid in verdict.places]
    ids += [pid for reading in verdict.candidates for _role, pid in reading.places]
    if centres:
        ids += [centres[pid] for pid in ids if pid in centres]
    return {pid: labels[pid] for pid in ids if pid in labels}


def _named_reference(
    text: str, places: Sequence[tuple[str, str]], labels: Mapping[str, str]
) -> str:
    """The engine's "SE (135° ± 22.5°) from the reference" as a reader needs it, "… from
    Marrakesh": the place the claim or reading measures from (`places`: its (role, place id)
    pairs), looked for only where the text needs it."""
    if " from the reference" not in text:
        return text
    for role, pid in places:
        if role == "reference" and pid in labels:
            return text.replace(" from the reference", f" from {labels[pid]}")
    return text


def _block(verdict: Verdict, color: bool, labels: Mapping[str, str]) -> list[str]:
    """One claim's block; `labels`: its places' names, which the reasons use as the reports do."""
    claim = verdict.claim
    # a sentence: its first letter a capital ("The site of … has no coordinates")
    why = clean(named(_named_reference(verdict.reason, verdict.places, labels), labels))
    lines = [
        f"{_label(verdict.verdict, color)}  {clean(claim.id)}{_status(verdict, color)}",
        f'  quote     "{clean(claim.quote)}"',
        *([f'  English   "{clean(claim.translation)}"'] if claim.translation else []),
        f"  claimant  {clean(claim.claimant)}",
        f"  source    {clean(claim.source)}",
        *_check_lines(verdict.checks, "  ", verdict.places, labels),
        f"  why       {why[:1].upper()}{why[1:]}",
    ]
    for candidate in verdict.candidates:
        places = clean(", ".join(f"{role} {pid}" for role, pid in candidate.places))
        lines.append(f"  - {_label(candidate.verdict, color)}  {places}")
        why = clean(named(_named_reference(candidate.reason, candidate.places, labels), labels))
        lines.extend(
            _check_lines(candidate.checks, "      ", candidate.places, labels)
            or [f"      why {why[:1].upper()}{why[1:]}"]
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


def _row_probability(chance: Chance) -> str:
    """ "97 %", or "24–100 %" (strict–lenient) when the reading of the figure decides: the
    lenient value alone would show 100 % beside an *inconclusive* verdict."""
    if not chance.two_readings:
        return percent(chance.lenient)
    return f"{percent(chance.strict).removesuffix(' %')}–{percent(chance.lenient)}"


def _row_figures(verdict: Verdict, labels: Mapping[str, str]) -> tuple[str, str, str, str]:
    """Measured, margin, probability and claimed of the deciding check, for the summary table;
    `labels` name the place a direction is seen from."""
    check = verdict.deciding
    if check is None:
        if verdict.candidates:
            return (count(len(verdict.candidates), "reading"), "", "", "")
        return ("—", "", "", "")
    p = _row_probability(check.chance) if check.chance is not None else ""
    claimed = clean(_named_reference(check.claimed, verdict.places, labels))
    if isinstance(check, PartCheck):
        return (check.found or "middle", "", p, claimed)
    if isinstance(check, AngleCheck):
        return (f"{check.measured.best % 360:.0f}°", f"{check.margin:+.1f}°", p, claimed)
    u = check.unit.metres
    m = check.measured
    measured = f"{m.best / u:,.1f}"
    if m.low != m.high:
        measured += f" [{m.low / u:,.1f}–{m.high / u:,.1f}]"
    return (
        f"{measured} {check.unit.value}",
        f"{check.margin / u:+,.1f} {check.unit.value}",
        p,
        claimed,
    )


def _table(report: VerifyReport, color: bool, own: Sequence[Mapping[str, str]]) -> list[str]:
    """The summary table; `own`: each verdict's places' names (_own_labels)."""
    rows = [("VERDICT", "CLAIM", "MEASURED", "MARGIN", "P(HOLDS)", "CLAIMED")]
    kinds: list[VerdictKind | None] = [None]
    for verdict, labels in zip(report.verdicts, own, strict=True):
        measured, margin, p, claimed = _row_figures(verdict, labels)
        mark = "" if verdict.expected else " !"
        row = (verdict.verdict.value + mark, clean(verdict.claim.id), measured, margin, p, claimed)
        rows.append(row)
        kinds.append(verdict.verdict)
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = []
    for row, kind in zip(rows, kinds, strict=True):
        cells = [row[i].ljust(widths[i]) for i in range(5)]
        if color and kind is not None:
            cells[0] = click.style(cells[0], fg=COLOURS[kind], bold=True)
        lines.append("  ".join([*cells, row[5]]).rstrip())
    return lines


def _contradiction_lines(
    pair: Sequence[Contradiction], color: bool, labels: Mapping[str, str]
) -> list[str]:
    """One block for a pair of claims, with a `why` line for each quantity they disagree on
    (a distance and a bearing): the pair is the contradiction, as the summary counts it."""
    first = pair[0]
    label = "CONTRADICTION?" if first.conditional else "CONTRADICTION"
    if color:
        label = click.style(label, fg="yellow" if first.conditional else "red", bold=True)
    kind = "conditional: only under one reading of the references" if first.conditional else ""
    head = f"{label}  {clean(' × '.join(first.claim_ids))}"
    whys = [clean(named(c.reason, labels)) for c in pair]
    return [
        f"{head}  ({kind})" if kind else head,
        f"  about     {clean(named(first.subject, labels))}",
        *(
            f"  {'why' if n == 0 else '':10}{why[:1].upper()}{why[1:]}"
            for n, why in enumerate(whys)
        ),
    ]


def _location_lines(location: Feasibility, color: bool, labels: Mapping[str, str]) -> list[str]:
    claims = clean(", ".join(location.claim_ids))
    skipped = [
        f"  {'in part' if s.partial else 'skipped'}   {clean(s.id)}: "
        + clean(named(s.reason, labels))
        for s in location.skipped
    ]
    if location.feasible is None:
        label = click.style("UNLOCATED", fg="yellow", bold=True) if color else "UNLOCATED"
        return [
            f"{label}  {clean(location.place_id)}  (no claim about it can be drawn as a region)",
            *skipped,
        ]
    if location.feasible:
        label = click.style("LOCATABLE", fg="green", bold=True) if color else "LOCATABLE"
        n = len(location.claim_ids)
        at_once = " at once" if n > 1 else ""
        why = f"{every(n)} can hold{at_once} ({location.area_km2:,.0f} km²)"  # as `locate` says
    else:
        label = click.style("NOWHERE", fg="red", bold=True) if color else "NOWHERE"
        conflict = ", ".join(location.conflict)
        why = f"no point satisfies {every(len(location.claim_ids))}"
        if set(location.conflict) != set(location.claim_ids):
            m = len(location.conflict)
            why += f"; these {m} cannot {'both' if m == 2 else 'all'} hold"
        why += f": {conflict}"
        why = clean(why + f" ({'; '.join(location.conflict_claimants)})")
    place_id = clean(location.place_id)
    return [
        f"{label}  {place_id}  (`claimcheck locate {place_id}`)",
        f"  claims    {claims}",
        f"  why       {why}",
        *_agreeing_lines(location),
        *skipped,
    ]


def _agreeing_lines(location: Feasibility) -> list[str]:
    """ "at most 4 of the 9 claims can hold together: a, b, c, d": which accounts agree."""
    sets = location.agreeing
    if not sets:
        return []
    n, total = len(sets[0]), len(location.claim_ids)
    if n == 1:
        return [f"  agree     no two of the {total} claims can hold together"]
    ways = f", in {len(sets)} ways" if len(sets) > 1 else ""
    listed = "; or ".join(", ".join(s) for s in sets)
    return [
        f"  agree     at most {n} of the {total} claims can hold together{ways}: {clean(listed)}"
    ]


def policy_lines(report: VerifyReport) -> list[str]:
    """The claims file's own policy, when it sets one (the built-in one is in docs/rules.md)."""
    policy = report.dataset.policy
    if not policy.origin:
        return []
    return [f"policy: {policy.describe()}, from the claims file's defaults ({policy.origin})", ""]


def render_verify(report: VerifyReport, color: bool = False) -> str:
    labels = sentence_labels(report.dataset.gazetteer)
    centres = {p.id: p.centre for p in report.dataset.gazetteer if p.centre}
    own = [_own_labels(verdict, labels, centres) for verdict in report.verdicts]
    out: list[str] = [*policy_lines(report), *_table(report, color, own), ""]
    for verdict, names in zip(report.verdicts, own, strict=True):
        out.extend(_block(verdict, color, names))
        out.extend(_imported_lines(report, verdict))
        out.extend(_world_lines(report, verdict))
        out.append("")
    for pair in contradiction_pairs(report).values():
        out.extend(_contradiction_lines(pair, color, labels))
        out.append("")
    for location in report.locations:
        out.extend(_location_lines(location, color, labels))
        out.append("")
    out.append(verify_summary(report))
    for warning in report.dataset.warnings:
        out.append(clean(warning))
    return guard("\n".join(out))


def render_problems(
    problems: Sequence[Problem], color: bool = False, outcome: str = "nothing was verified"
) -> str:
    lines = []
    for problem in problems:
        text = clean(problem)
        if color:
            fg = "red" if problem.level is Level.ERROR else "yellow"
            text = click.style(text, fg=fg)
        lines.append(text)
    errors = sum(p.level is Level.ERROR for p in problems)
    lines.append(f"{count(errors, 'error')}: {outcome}; fix the input and run again")
    return guard("\n".join(lines))


def render_check(dataset: Dataset, color: bool = False) -> str:
    """`claimcheck check` on valid files: what was read, then any lint warnings."""
    lines = [check_summary(dataset)]
    for warning in dataset.warnings:
        text = clean(warning)
        lines.append(click.style(text, fg="yellow") if color else text)
    return guard("\n".join(lines))
