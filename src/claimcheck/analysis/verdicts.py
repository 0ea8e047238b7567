"""Verdicts: the probability that a claim holds, decided at a stated confidence.

- consistent: the claim holds with probability at least the confidence (95 % unless the claims
  file's `defaults:` says otherwise);
- inconsistent: it holds with probability at most one minus the confidence;
- inconclusive: in between (or the figure's reading decides); the best estimate, the worst case
  and the probability are all shown;
- unverifiable: a place is unknown, has no position, or its name fits several places.

analysis.checks states the decision rule, analysis.measuring how each quantity is measured, and
geo.probability how the places' uncertainty becomes a probability.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterable, Sequence

from claimcheck.analysis.checks import AngleCheck, Check, LengthCheck, PartCheck, margin
from claimcheck.analysis.measuring import MEASURE, Context, Draft
from claimcheck.claims.model import Claim, VerdictKind
from claimcheck.claims.policy import DEFAULT_POLICY, Policy
from claimcheck.frozen import frozen
from claimcheck.gazetteer.places import Gazetteer, Place, Resolution
from claimcheck.geo.measure import Measurer, NotMeasurable
from claimcheck.geo.probability import Batch

__all__ = [
    "SEVERITY",
    "AngleCheck",
    "Check",
    "LengthCheck",
    "PartCheck",
    "Verdict",
    "evaluate",
    "margin",
    "worst",
]

#: Worst first: the overall verdict of a claim with several checks is the worst of them.
SEVERITY = (
    VerdictKind.INCONSISTENT,
    VerdictKind.UNVERIFIABLE,
    VerdictKind.INCONCLUSIVE,
    VerdictKind.CONSISTENT,
)


@frozen
class Verdict:
    """The outcome for one claim (or one candidate reading of an ambiguous claim)."""

    claim: Claim
    verdict: VerdictKind
    reason: str
    checks: tuple[Check, ...] = ()
    #: ids of the places used, by role ("subject", "reference", "zone", "area")
    places: tuple[tuple[str, str], ...] = ()
    #: for an ambiguous claim: one verdict per candidate reading
    candidates: tuple[Verdict, ...] = ()
    #: when the claims file's policy (`defaults:`) changed this verdict: how, and from what
    policy_note: str = ""

    @property
    def expected(self) -> bool:
        """True unless the claim has an `expect:` that this verdict does not match."""
        return self.claim.expect is None or self.claim.expect is self.verdict

    @property
    def deciding(self) -> Check | None:
        """The check that gave the verdict: the first of the worst."""
        return next((c for c in self.checks if c.verdict is self.verdict), None)


def worst(kinds: Iterable[VerdictKind]) -> VerdictKind:
    found = set(kinds)
    return next(k for k in SEVERITY if k in found)


#: A verdict waiting for the batch of probabilities to be solved.
Pending = Callable[[Batch], Verdict]


class Evaluator:
    """Turns claims into verdicts against one gazetteer, under one policy."""

    def __init__(self, gazetteer: Gazetteer, policy: Policy = DEFAULT_POLICY) -> None:
        self.gazetteer = gazetteer
        self.policy = policy
        self.measurer = Measurer(gazetteer)

    def evaluate(self, claims: Sequence[Claim]) -> list[Verdict]:
        resolved = [self._resolve(c) for c in claims]
        self.measurer.prefetch(
            (readings[-1], readings[0])
            for claim, res in zip(claims, resolved, strict=True)
            for readings in itertools.product(*(r.places for r in res))
            if len(readings) == 2
        )
        batch = Batch()
        ctx = Context(self.measurer, batch)  # one for every claim: they share the batch
        pending = [self._verdict(c, res, ctx) for c, res in zip(claims, resolved, strict=True)]
        batch.solve()
        return [p(batch) for p in pending]

    def _resolve(self, claim: Claim) -> list[Resolution]:
        return [self.gazetteer.resolve(ref) for ref in claim.place_refs()]

    def _verdict(self, claim: Claim, resolutions: list[Resolution], ctx: Context) -> Pending:
        missing = [r for r in resolutions if not r.places]
        if missing:
            names = ", ".join(repr(str(r.ref)) for r in missing)
            return _ready(Verdict(claim, VerdictKind.UNVERIFIABLE, f"unknown place {names}"))
        ambiguous = [r for r in resolutions if r.ambiguous]
        if not ambiguous:
            return self._reading(claim, tuple(r.places[0] for r in resolutions), ctx)
        readings = [
            self._reading(claim, places, ctx)
            for places in itertools.product(*(r.places for r in resolutions))
        ]
        names = "; ".join(
            f"{r.ref.text!r} fits {len(r.places)} places ({', '.join(p.id for p in r.places)})"
            for r in ambiguous
        )

        def finish(solved: Batch) -> Verdict:
            candidates = [p(solved) for p in readings]
            tally = ", ".join(
                f"{sum(v.verdict is k for v in candidates)} {k.value}"
                for k in VerdictKind
                if any(v.verdict is k for v in candidates)
            )
            return Verdict(
                claim,
                VerdictKind.UNVERIFIABLE,
                f"ambiguous: {names}; name the place by id, country or admin area. "
                f"Candidate readings: {tally}",
                candidates=tuple(candidates),
            )

        return finish

    def _reading(self, claim: Claim, places: tuple[Place, ...], ctx: Context) -> Pending:
        used = tuple(zip(claim.assertion.roles, (p.id for p in places), strict=True))
        unknown = [p for p in places if not p.has_position]
        if unknown:
            ids = ", ".join(p.id for p in unknown)
            return _ready(
                Verdict(
                    claim,
                    VerdictKind.UNVERIFIABLE,
                    f"{ids} has no coordinates: `claimcheck locate {unknown[0].id}` shows where "
                    "the claims put it",
                    places=used,
                )
            )
        try:
            drafts = self._drafts(claim, places, ctx)
        except NotMeasurable as exc:
            return _ready(Verdict(claim, VerdictKind.UNVERIFIABLE, str(exc), places=used))
        confidence = self.policy.confidence

        def finish(solved: Batch) -> Verdict:
            checks = tuple(d.finish(solved, confidence) for d in drafts)
            overall = worst(c.verdict for c in checks)
            return Verdict(claim, overall, "; ".join(c.reason for c in checks), checks, used)

        return finish

    def _drafts(self, claim: Claim, places: tuple[Place, ...], ctx: Context) -> list[Draft]:
        """Each condition of the claim, measured: the subject first, the reference last."""
        subject, reference = places[0], places[-1]
        return [
            MEASURE[c.quantity](ctx, c, subject, reference)
            for c in claim.assertion.conditions(reference, self.policy.about)
        ]


def _ready(verdict: Verdict) -> Pending:
    return lambda _batch: verdict


def evaluate(
    claims: Sequence[Claim], gazetteer: Gazetteer, policy: Policy = DEFAULT_POLICY
) -> list[Verdict]:
    """Verdicts for every claim, in the order given.

    Under a claims file's own policy, each verdict that the built-in policy would have given
    differently says so (`policy_note`, and at the end of its reason).
    """
    verdicts = Evaluator(gazetteer, policy).evaluate(claims)
    if policy.is_default:
        return verdicts
    built_in = Evaluator(gazetteer).evaluate(claims)
    return [_noted(v, b, policy) for v, b in zip(verdicts, built_in, strict=True)]


def _noted(verdict: Verdict, built_in: Verdict, policy: Policy) -> Verdict:
    if verdict.verdict is built_in.verdict:
        return verdict
    note = (
        f"the claims file's defaults ({policy.origin}: {policy.describe()}) give this verdict; "
        f"the built-in policy ({DEFAULT_POLICY.describe()}) gives {built_in.verdict.value}"
    )
    return dataclasses.replace(verdict, reason=f"{verdict.reason}; {note}", policy_note=note)
