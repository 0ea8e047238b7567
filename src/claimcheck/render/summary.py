"""The facts every published format shows for a claim, as plain strings, computed once.

Markdown, HTML, ClaimReview and the map popups all say the same thing about a claim; building
the wording here keeps them from drifting apart. Claims are named by their number in the claims
file and by what they say, places by their names (namesakes told apart): never by ids. Nothing
here is escaped: each format escapes for itself.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from claimcheck.analysis.contradictions import Contradiction
from claimcheck.analysis.locate import Feasibility
from claimcheck.analysis.verdicts import Check, LengthCheck, Verdict
from claimcheck.api import VerifyReport
from claimcheck.claims.meaning import stated_figure
from claimcheck.claims.model import VerdictKind
from claimcheck.frozen import frozen
from claimcheck.gazetteer.places import Gazetteer, PlaceKind, Source
from claimcheck.grammar.interval import Interval
from claimcheck.grammar.units import Unit
from claimcheck.render.naming import definite, place_labels
from claimcheck.render.reasons import check_why
from claimcheck.render.reviewed import claim_reviewed
from claimcheck.render.sentence import verdict_sentence
from claimcheck.render.words import (
    VERDICT_LABEL,
    VERDICT_MEANING,
    agreed_places,
    claimed_words,
    compass_words,
    hedged_figure,
    interval_words,
    margin_words,
    measured_words,
    probability_words,
    readable,
    requirement_words,
    span_words,
    statement,
    units_spelled,
)


@frozen
class CheckRow:
    """One measured quantity against the claimed figure, worded for readers."""

    quantity: str
    verdict: VerdictKind
    measured: str
    claimed: str
    margin: str
    #: the probability that the check holds, worded ("97 %"; both readings when they differ)
    probability: str


@frozen
class Reading:
    """One candidate reading of an ambiguous claim."""

    places: str
    verdict: VerdictKind
    checks: tuple[CheckRow, ...]
    reason: str


@frozen
class ClaimSummary:
    """What a reader needs to know about one claim's verdict."""

    #: 1-based position in the claims file: how readers refer to a claim
    number: int
    id: str
    #: the claim restated with the gazetteer's names: the report's heading
    statement: str
    quote: str
    claimant: str
    #: "person" or "organization" when the claims file says so
    claimant_type: str | None
    source: Source
    verdict: VerdictKind
    expect: VerdictKind | None
    expected: bool
    checks: tuple[CheckRow, ...]
    #: why the verdict is what it is, in sentences without ids
    why: str
    readings: tuple[Reading, ...]
    contradictions: tuple[str, ...]
    #: ids of every place the claim or one of its readings uses
    places: tuple[str, ...]
    #: the verdict for this claim in a sentence, with its probability ("the data contradict
    #: the claim: it holds with probability 3.7 %, at most 5 %")
    verdict_meaning: str = ""
    #: the claim in a short sentence from its data (ClaimReview's claimReviewed)
    reviewed: str = ""
    #: the quote in English, when the claims file gives it for a quote in another language
    translation: str | None = None

    @property
    def verdict_label(self) -> str:
        return VERDICT_LABEL[self.verdict]


def check_row(check: Check) -> CheckRow:
    """A check worded for readers, every figure with its unit."""
    return CheckRow(
        check.quantity, check.verdict, measured_words(check), claimed_words(check),
        margin_words(check), probability_words(check),
    )  # fmt: skip


def claim_numbers(report: VerifyReport) -> dict[str, int]:
    """Claim id -> its 1-based position in the claims file (the same when a report shows some)."""
    return {c.id: i for i, c in enumerate(report.dataset.claims, start=1)}


def _places_of(verdict: Verdict) -> tuple[str, ...]:
    ids = [pid for _role, pid in verdict.places]
    ids += [pid for c in verdict.candidates for _role, pid in c.places]
    return tuple(dict.fromkeys(ids))


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _numbers(numbers: list[int]) -> str:
    """ "claim 3", "claims 1 and 5", "claims 1, 3 and 5"."""
    text = [str(n) for n in sorted(numbers)]
    if len(text) == 1:
        return f"claim {text[0]}"
    return f"claims {', '.join(text[:-1])} and {text[-1]}"


class _Wording:
    """Everything the summaries of one report share: names, numbers, feasibility."""

    def __init__(self, report: VerifyReport) -> None:
        self.report = report
        self.gazetteer: Gazetteer = report.dataset.gazetteer
        self.labels = place_labels(self.gazetteer)
        self.numbers = claim_numbers(report)
        self.refs = {**self.labels, **{cid: f"claim {n}" for cid, n in self.numbers.items()}}
        self.locations: Mapping[str, Feasibility] = {f.place_id: f for f in report.locations}
        self.about = f"{(report.dataset.policy.about * 100).normalize():f} %"
        self.claims = {c.id: c for c in report.dataset.claims}

    def label(self, place_id: str) -> str:
        """The place's name as it reads in a sentence ("the Poland–Ukraine border")."""
        return definite(self.labels.get(place_id, place_id))

    def why(self, v: Verdict) -> str:
        if v.candidates:
            return self._ambiguous(v)
        if v.checks:
            places = dict(v.places)
            written = hedged_figure(v.claim)
            return " ".join(
                check_why(c, places, self.labels, self.about,
                          written if isinstance(c, LengthCheck) else None)
                for c in v.checks
            )  # fmt: skip
        unknown = [pid for _r, pid in v.places if self._unknown(pid)]
        if unknown:
            return self._no_position(unknown[0], v.claim.id)
        return readable(v.reason, self.refs).rstrip(".") + "."

    def _unknown(self, place_id: str) -> bool:
        place = self.gazetteer.get(place_id)
        return place is not None and place.kind is PlaceKind.UNKNOWN

    def unverifiable(self, v: Verdict) -> str:
        """Why a claim with no deciding check cannot be measured, in a clause."""
        unknown = [pid for _r, pid in v.places if self._unknown(pid)]
        if unknown:
            return "the claim cannot be measured: no source gives a position for " + self.label(
                unknown[0]
            )
        if v.candidates:
            return "the claim cannot be measured: a place it names fits several places"
        return VERDICT_MEANING[v.verdict]

    def _no_position(self, place_id: str, claim_id: str) -> str:
        text = f"No source gives a position for {self.label(place_id)}, so this claim cannot be "
        text += "measured on its own."
        found = self.locations.get(place_id)
        if found is None or len(found.claim_ids) < 2:
            return text
        about = _numbers([self.numbers[c] for c in found.claim_ids])
        both = len(found.claim_ids) == 2
        each = "both" if both else "all"
        if found.feasible:
            return text + (
                f" Taken together, {about} can {each} hold: they leave an area of about "
                f"{found.area_km2:,.0f} km² where {self.label(place_id)} can be."
            )
        if set(found.conflict) == set(found.claim_ids):
            them = "both" if both else "them all"
            text += f" Taken together, {about} cannot {each} hold: no position satisfies {them}."
        else:
            conflict = _numbers([self.numbers[c] for c in found.conflict])
            text += (
                f" Taken together, {about} cannot {each} hold: no position satisfies {conflict} "
                "at once."
            )
        return text + self._agreeing(found.agreeing, claim_id)

    def _agreeing(self, sets: tuple[tuple[str, ...], ...], claim_id: str) -> str:
        """ "At most 4 of them can hold together: claims 1, 2, 3 and 6, this claim among them."
        (which accounts agree; several ways when the largest sets tie)."""
        if not sets:
            return ""
        if len(sets[0]) == 1:
            return " No two of them can hold together."
        ways = [_numbers([self.numbers[c] for c in s]).removeprefix("claims ") for s in sets]
        inside = sum(claim_id in s for s in sets)
        head = f" At most {len(sets[0])} of them can hold together"
        if len(ways) == 1:
            among = "this claim among them" if inside else "not this claim"
            return f"{head}: claims {ways[0]}, {among}."
        listed = f"{', '.join(ways[:-1])}, or {ways[-1]}"
        if inside == len(sets):
            where = "this claim is in every one of them"
        elif not inside:
            where = "this claim is in none of them"
        else:  # "is in 1 of them" read as tool output (the Pylos shipwreck trial)
            where = f"this claim is in {_SMALL.get(inside, str(inside))} of these sets"
        return f"{head}, in {len(ways)} ways (claims {listed}); {where}."

    def _ambiguous(self, v: Verdict) -> str:
        claim = v.claim
        agreed = agreed_places(v)
        refs = dict(zip(claim.assertion.roles, claim.assertion.place_refs(), strict=True))
        names = []
        for role, ref in refs.items():
            if role in agreed:
                continue
            ids = {dict(c.places).get(role) for c in v.candidates}
            names.append(f"“{ref.text}” is the name of {len(ids)} places in the table of places")
        head = "; ".join(names) + ", and the claim does not say which it means."
        parts = []
        for kind in (VerdictKind.CONSISTENT, VerdictKind.INCONCLUSIVE, VerdictKind.INCONSISTENT,
                     VerdictKind.UNVERIFIABLE):  # fmt: skip
            readings = [c for c in v.candidates if c.verdict is kind]
            if readings:
                which = ", ".join(self._reading_places(c, agreed) for c in readings)
                word = VERDICT_LABEL[kind].lower()
                parts.append(f"{word} for {len(readings)} ({which})")
        return f"{head} Read as each of them, the claim is {_join(parts)}."

    def _reading_places(self, reading: Verdict, agreed: Mapping[str, str]) -> str:
        return " and ".join(self.label(pid) for role, pid in reading.places if role not in agreed)

    def reading(self, reading: Verdict, agreed: Mapping[str, str]) -> Reading:
        rows = tuple(check_row(c) for c in reading.checks)
        unknown = [pid for _r, pid in reading.places if self._unknown(pid)]
        if reading.checks:
            reason = " ".join(
                check_why(c, dict(reading.places), self.labels, self.about) for c in reading.checks
            )
        elif unknown:
            reason = _capital(f"{self.label(unknown[0])} has no cited position to measure from.")
        else:
            reason = readable(reading.reason, self.refs)
        return Reading(self._reading_places(reading, agreed), reading.verdict, rows, reason)

    def contradictions(self) -> dict[str, tuple[str, ...]]:
        """The engine's contradictions in words, under each of the two claims they involve, in
        the order of the other claim's number (a reader looks claim 4 up before claim 8)."""
        found: dict[str, list[tuple[int, str]]] = {}
        for c in self.report.contradictions:
            for claim_id, other in (c.claim_ids, c.claim_ids[::-1]):
                text = self._conflict(c, claim_id, other)
                found.setdefault(claim_id, []).append((self.numbers[other], text))
        return {k: tuple(t for _, t in sorted(v, key=lambda x: x[0])) for k, v in found.items()}

    def _conflict(self, c: Contradiction, claim_id: str, other: str) -> str:
        """ "Claim 6 says the same distance is 10 km (7.5 to 12.5 km); this claim, …"."""
        n = self.numbers[other]
        if c.conditional and len(c.references) == 2 and c.separation is not None:
            return self._namesakes(c, n)
        if c.conditional and len(c.references) == 1:
            return (
                f"Claim {n} conflicts with this one if the name it shares with it means "
                f"{self.label(c.references[0])}: no distance satisfies both."
            )
        if c.conditional or c.acceptable is None:
            return f"Claim {n}: {readable(c.reason, self.refs)}"
        intervals = dict(zip(c.claim_ids, c.acceptable, strict=True))
        what = c.quantity
        if what == "direction" and any(c.turned_deg):
            return self._turned(c, claim_id, other, intervals)
        if what == "direction":
            return (
                f"Claim {n} puts {self.label(c.subject)} "
                f"{self._sector(other, intervals[other], c.references)}; this claim, "
                f"{self._sector(claim_id, intervals[claim_id], ())}: no bearing satisfies both, "
                "so at most one of them can be right."
            )
        return (
            f"Claim {n} says the same {what} is {self._figure(other, intervals[other])}; this "
            f"claim, {self._figure(claim_id, intervals[claim_id])}: no {what} satisfies both, "
            "so at most one of them can be right."
        )

    def _turned(
        self, c: Contradiction, claim_id: str, other: str, intervals: dict[str, Interval]
    ) -> str:
        """Opposite views ("A is north of B", "B is north of A"): the turned claim's sector is
        the bearing of `c.subject` from the other place, widened for the convergence."""
        seen_from = c.references[0]
        turned = dict(zip(c.claim_ids, c.turned_deg, strict=True))

        def says(claim: str) -> str:
            if turned[claim] is None:
                where = self._sector(claim, intervals[claim], (seen_from,))
                return f"puts {self.label(c.subject)} {where}"
            return (
                f"puts {self.label(seen_from)} {self._compass(claim)} of {self.label(c.subject)}, "
                f"so {self.label(c.subject)} lies at {_bearings(intervals[claim])} from "
                f"{self.label(seen_from)} (turned round, allowing {turned[claim]:g}° for the "
                "meridians' convergence)"
            )

        return (
            f"Claim {self.numbers[other]} {says(other)}; this claim {says(claim_id)}: no bearing "
            "satisfies both, so at most one of them can be right."
        )

    def _sector(self, claim_id: str, sector: Interval, references: tuple[str, ...]) -> str:
        """ "south-east of Marrakesh (bearings 112.5° to 157.5°)", the place only when given."""
        of = f" of {self.label(references[0])}" if references else ""
        return f"{self._compass(claim_id)}{of} ({_bearings(sector)})"

    def _compass(self, claim_id: str) -> str:
        """The claim's direction in words: "south-east"."""
        direction = getattr(self.claims[claim_id].assertion, "direction", None)
        assert direction is not None  # a direction contradiction comes from claims with one
        return compass_words(direction.name)

    def _namesakes(self, c: Contradiction, n: int) -> str:
        """Two places that share a name: the claims conflict only if they were one place."""
        a, b = (self.label(pid) for pid in c.references)
        sep = c.separation
        assert sep is not None
        text = (
            f"Claim {n} would conflict with this one only if {a} and {b}, which share a name, "
            f"were one place. They are {sep.best / 1000:,.1f} km apart ({sep.low / 1000:,.1f} to "
            f"{sep.high / 1000:,.1f} km given their uncertainty)"
        )
        if c.separation_needed is None:
            return text + "."
        low, high = c.separation_needed
        needs = f"at least {low / 1000:,.1f} km"
        if math.isfinite(high):
            needs += f" and at most {high / 1000:,.1f} km"
        best_ok = low <= sep.best <= high
        outcome = {
            True: "so both can hold",
            False: "so the two claims cannot both hold even so",
            None: (
                "so both can hold at the best estimate of that separation, though not at every "
                "separation its uncertainty allows"
                if best_ok
                else "so they cannot both hold at the best estimate of that separation, though "
                "they may within its uncertainty"
            ),
        }[c.both_can_hold]
        return f"{text}; both claims can hold only if they are {needs} apart, {outcome}."

    def _figure(self, claim_id: str, interval: Interval) -> str:
        """A claim's figure as written, with the range it was read as: "10 km (7.5 to 12.5 km)"."""
        claim = self.claims[claim_id]
        a = claim.assertion
        requirement = stated_figure(a)
        if requirement is None:
            return interval_words(interval, Unit.KM)
        along = getattr(a, "along", None)
        words = requirement_words(requirement)
        if along is not None:
            straight = interval_words(interval, requirement.unit)
            if requirement.unit not in (Unit.KM, Unit.M):
                straight += f", or {interval.high / 1000:,.1f} km,"
            return f"{words} by {along.value} (so {straight} in a straight line)"
        span = span_words(interval, requirement.unit)
        if requirement.unit not in (Unit.KM, Unit.M):  # in km too, to compare with the other
            span += f", {interval.low / 1000:,.1f} to {interval.high / 1000:,.1f} km"
        return words if span == words else f"{words} ({span})"  # not "less than 7 km (less …)"


def _bearings(sector: Interval) -> str:
    """ "bearings 112.5° to 157.5°", clockwise from north, across it where it needs."""
    return f"bearings {sector.low % 360:g}° to {sector.high % 360:g}°"


#: small counts as a sentence writes them
_SMALL = dict(
    enumerate(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"])
)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def summarize(report: VerifyReport) -> list[ClaimSummary]:
    """One summary per claim in the report, in the order of the claims file."""
    wording = _Wording(report)
    contradictions = wording.contradictions()
    out = []
    for v in report.verdicts:
        claim = v.claim
        agreed = agreed_places(v)
        out.append(
            ClaimSummary(
                number=wording.numbers[claim.id],
                id=claim.id,
                statement=_capital(units_spelled(statement(claim, agreed, wording.labels))),
                quote=claim.quote,
                claimant=claim.claimant,
                claimant_type=claim.claimant_type,
                source=claim.source,
                verdict=v.verdict,
                expect=claim.expect,
                expected=v.expected,
                checks=tuple(check_row(c) for c in v.checks),
                why=wording.why(v),
                readings=tuple(wording.reading(c, agreed) for c in v.candidates),
                contradictions=contradictions.get(claim.id, ()),
                places=_places_of(v),
                verdict_meaning=verdict_sentence(v) or wording.unverifiable(v),
                reviewed=claim_reviewed(claim, agreed, wording.labels, report.dataset.gazetteer),
                translation=claim.translation,
            )
        )
    return out


def headline(report: VerifyReport) -> str:
    """ "8 claims: 2 consistent, 2 inconclusive and 4 unverifiable." (of N when filtered)."""
    shown, total = len(report.verdicts), len(report.dataset.claims)
    counts = [f"{n} {k}" for k, n in report.counts.items() if n]
    of = f"{shown} of {total} claims" if shown != total else _count(total, "claim")
    return f"{of}: {_join(counts) if counts else 'none'}."
