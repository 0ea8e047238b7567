"""The library entry points behind the CLI: load, check and verify, returning plain data."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from claimcheck.analysis.contradictions import Contradiction, find_contradictions
from claimcheck.analysis.locate import Feasibility, check_unknown_places
from claimcheck.analysis.verdicts import Verdict, evaluate
from claimcheck.claims.model import Claim, VerdictKind, load_claims
from claimcheck.errors import DataError, Problem
from claimcheck.gazetteer.places import Gazetteer
from claimcheck.gazetteer.reader import load_places


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


def load_dataset(claims_path: str, places_path: str, gazetteer_db: str | None = None) -> Dataset:
    """Load both files; raises DataError with the problems of both when either is bad.

    With `gazetteer_db` (an index from `places import geonames`), a claim's reference that the
    places file does not know is looked up there (claimcheck.lookup.fallback); each claim that
    relies on an imported place gets a warning.
    """
    from claimcheck.files.yamlfile import gc_paused

    with gc_paused():
        return _load_dataset(claims_path, places_path, gazetteer_db)


def _load_dataset(claims_path: str, places_path: str, gazetteer_db: str | None) -> Dataset:
    try:
        gazetteer = load_places(places_path)
    except DataError as exc:
        problems = list(exc.problems)
        try:
            from claimcheck.files import yamlfile

            yamlfile.load(claims_path)
        except DataError as claims_exc:
            problems.extend(claims_exc.problems)
        raise DataError(problems) from exc
    if gazetteer_db is None:
        claims = tuple(load_claims(claims_path, gazetteer))
        return Dataset(gazetteer, claims, claims_path, places_path, gazetteer.warnings)
    from claimcheck.lookup.fallback import DbFallback, reliance_warnings
    from claimcheck.lookup.index import GazetteerDb

    fallback = DbFallback(GazetteerDb(gazetteer_db), gazetteer)
    gazetteer.fallback = fallback
    try:
        claims = tuple(load_claims(claims_path, gazetteer))
    finally:
        fallback.close()
    warnings = (*gazetteer.warnings, *reliance_warnings(gazetteer, claims))
    return Dataset(gazetteer, claims, claims_path, places_path, tuple(sorted(warnings)))


def verify(dataset: Dataset, fail_on: Sequence[VerdictKind] = ()) -> VerifyReport:
    """Measure every claim and give its verdict; list the claims that contradict each other."""
    from claimcheck.files.yamlfile import gc_paused

    with gc_paused():
        return VerifyReport(
            dataset,
            tuple(evaluate(dataset.claims, dataset.gazetteer)),
            frozenset(fail_on),
            tuple(find_contradictions(dataset.claims, dataset.gazetteer)),
            check_unknown_places(dataset.claims, dataset.gazetteer),
        )
