"""The library entry points behind the CLI: load, check and verify, returning plain data."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from claimcheck.claims import Claim, VerdictKind, load_claims
from claimcheck.contradictions import Contradiction, find_contradictions
from claimcheck.locate import Feasibility, check_unknown_places
from claimcheck.places import Gazetteer, load_places
from claimcheck.problems import DataError, Problem
from claimcheck.verdicts import Verdict, evaluate


@dataclass(frozen=True)
class Dataset:
    """A places file and a claims file, loaded and cross-checked."""

    gazetteer: Gazetteer
    claims: tuple[Claim, ...]
    claims_path: str
    places_path: str
    warnings: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class VerifyReport:
    """Everything `claimcheck verify` found, in claim order."""

    dataset: Dataset
    verdicts: tuple[Verdict, ...]
    #: verdicts that also count as needing attention (e.g. from --fail-on)
    fail_on: frozenset[VerdictKind] = field(default_factory=frozenset)
    #: pairs of claims that cannot both be true; informative only, they never change `ok`
    #: (a contradiction that matters shows up as a claim's verdict against its `expect:`)
    contradictions: tuple[Contradiction, ...] = ()
    #: for each unknown place that claims locate: can all its claims hold at once? informative
    #: only, like contradictions
    locations: tuple[Feasibility, ...] = ()

    def needs_attention(self, verdict: Verdict) -> bool:
        return not verdict.expected or verdict.verdict in self.fail_on

    @property
    def ok(self) -> bool:
        return not any(self.needs_attention(v) for v in self.verdicts)

    @property
    def counts(self) -> dict[str, int]:
        tally = Counter(v.verdict for v in self.verdicts)
        return {k.value: tally.get(k, 0) for k in VerdictKind}


def load_dataset(claims_path: str, places_path: str) -> Dataset:
    """Load both files; raises DataError with the problems of both when either is bad."""
    from claimcheck.yamlfile import gc_paused

    with gc_paused():
        return _load_dataset(claims_path, places_path)


def _load_dataset(claims_path: str, places_path: str) -> Dataset:
    try:
        gazetteer = load_places(places_path)
    except DataError as exc:
        problems = list(exc.problems)
        try:
            from claimcheck import yamlfile

            yamlfile.load(claims_path)
        except DataError as claims_exc:
            problems.extend(claims_exc.problems)
        raise DataError(problems) from exc
    claims = load_claims(claims_path, gazetteer)
    return Dataset(gazetteer, tuple(claims), claims_path, places_path, gazetteer.warnings)


def verify(dataset: Dataset, fail_on: Sequence[VerdictKind] = ()) -> VerifyReport:
    """Measure every claim and give its verdict; list the claims that contradict each other."""
    from claimcheck.yamlfile import gc_paused

    with gc_paused():
        return VerifyReport(
            dataset,
            tuple(evaluate(dataset.claims, dataset.gazetteer)),
            frozenset(fail_on),
            tuple(find_contradictions(dataset.claims, dataset.gazetteer)),
            check_unknown_places(dataset.claims, dataset.gazetteer),
        )
