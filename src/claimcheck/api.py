"""The front door: load claims and places from files, YAML text or plain data; verify them.

Everything a renderer shows is computed here, once, into one immutable `VerifyReport`:
verdicts, contradictions, the feasibility of each unknown place, the imported places each claim
relies on and (when asked for) the located regions. Renderers and the CLI compute nothing.

    >>> from claimcheck import api
    >>> dataset = api.from_data(claims={"claims": [...]}, places={"places": [...]})
    >>> report = api.verify(dataset)
    >>> [(v.claim.id, v.verdict.value) for v in report.verdicts]
"""

from __future__ import annotations

import dataclasses
import os
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import field
from typing import Any

from claimcheck.analysis.contradictions import Contradiction, find_contradictions
from claimcheck.analysis.locate import (
    Feasibility,
    LocateResult,
    check_unknown_places,
    constraints_for,
    locate_constraints,
)
from claimcheck.analysis.verdicts import Verdict, evaluate
from claimcheck.background import Beside
from claimcheck.claims.model import Claim, DraftClaim, VerdictKind, read_claims
from claimcheck.claims.policy import DEFAULT_POLICY, Policy
from claimcheck.errors import DataError, Problem, UsageError
from claimcheck.files import yamlfile, yamltree
from claimcheck.frozen import frozen
from claimcheck.gazetteer.places import Gazetteer, Place
from claimcheck.gazetteer.reader import load_places, parse_places
from claimcheck.gazetteer.world import WORLD_PATH, world_places
from claimcheck.lookup.fallback import DbFallback, ImportedPlace, imported_for, reliance_warnings
from claimcheck.lookup.index import GazetteerDb

#: what in-memory inputs are called in problems, where a file would be named
CLAIMS_SOURCE, PLACES_SOURCE = "<claims>", "<places>"

PathLike = str | os.PathLike[str]

#: files from which the places are worth reading in a process beside the claims' parsing: at
#: 128 KiB each, the time overlapped (~14 ms of claims; places take ~43 ms) is twice what the
#: fork (~4 ms) and unpickling the gazetteer (~20 ns a byte of places) add (docs/performance.md)
SPLIT_FILE_BYTES = 128 * 1024
#: claims from which finding their contradictions is worth a process beside the evaluation:
#: ~15 µs a claim, so 1,000 claims take ~15 ms, over three times the fork's round trip
SPLIT_CLAIMS = 1000


@frozen
class Dataset:
    """A places file and a claims file, loaded and cross-checked."""

    gazetteer: Gazetteer
    claims: tuple[Claim, ...]
    claims_path: str
    places_path: str
    #: lint findings, and one or more per draft (what it lacks)
    warnings: tuple[Problem, ...] = ()
    #: claims marked `status: draft`: listed in the warnings, never verified
    drafts: tuple[DraftClaim, ...] = ()
    #: the claims file's `defaults:` (confidence, slack of "about"), or the built-in policy
    policy: Policy = DEFAULT_POLICY


@frozen
class VerifyReport:
    """Everything `claimcheck verify` found, in claim order; what every renderer reads."""

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
    #: claim id -> the places from an imported GeoNames index that the claim relies on
    imported: Mapping[str, tuple[ImportedPlace, ...]] = field(default_factory=dict)
    #: where each unknown place can be, by place id; empty unless `verify(..., regions=True)`
    regions: Mapping[str, LocateResult] = field(default_factory=dict)
    #: claim id -> the built-in world features (claimcheck.gazetteer.world) the claim relies on
    world: Mapping[str, tuple[Place, ...]] = field(default_factory=dict)

    def needs_attention(self, verdict: Verdict) -> bool:
        return not verdict.expected or verdict.verdict in self.fail_on

    @property
    def ok(self) -> bool:
        return not any(self.needs_attention(v) for v in self.verdicts)

    def locked(self, skipped: Collection[str] = ()) -> VerifyReport:
        """The report as it reads once every verdict is locked as its claim's `expect:`, except
        those of the `skipped` claim ids (which `--update-expect` could not write)."""
        verdicts = tuple(
            v
            if v.claim.id in skipped
            else dataclasses.replace(v, claim=dataclasses.replace(v.claim, expect=v.verdict))
            for v in self.verdicts
        )
        return dataclasses.replace(self, verdicts=verdicts)

    def restricted(self, claim_ids: Sequence[str]) -> VerifyReport:
        """The report of some claims only (as `report --only` shows them): their verdicts, the
        contradictions and unknown places that involve them; the dataset stays whole."""
        keep = set(claim_ids)
        return dataclasses.replace(
            self,
            verdicts=tuple(v for v in self.verdicts if v.claim.id in keep),
            contradictions=tuple(c for c in self.contradictions if keep & set(c.claim_ids)),
            locations=tuple(f for f in self.locations if keep & set(f.claim_ids)),
            imported={k: v for k, v in self.imported.items() if k in keep},
        )

    @property
    def counts(self) -> dict[str, int]:
        tally = Counter(v.verdict for v in self.verdicts)
        return {k.value: tally.get(k, 0) for k in VerdictKind}


def load(
    claims: PathLike | Mapping[str, Any],
    places: PathLike | Mapping[str, Any],
    gazetteer_db: PathLike | None = None,
    *,
    strict: bool = False,
) -> Dataset:
    """Load claims and places, each from a file path ("-": standard input, for one of them)
    or from plain data (a loaded mapping).

    Raises DataError with the problems of both inputs when either is bad. Drafts (`status:
    draft`) are set aside with what they lack (`Dataset.drafts`), unless `strict`: then each
    draft is an error.
    """
    claims_input = _Input.of(claims, CLAIMS_SOURCE)
    places_input = _Input.of(places, PLACES_SOURCE)
    if claims_input.name == places_input.name == yamlfile.STDIN and claims_input.is_path:
        raise UsageError("claims and places cannot both come from standard input (-)")
    db = os.fspath(gazetteer_db) if gazetteer_db is not None else None
    with yamlfile.gc_paused():
        return _load(claims_input, places_input, db, strict)


def loads(claims_yaml: str, places_yaml: str, *, strict: bool = False) -> Dataset:
    """Load claims and places from YAML text, exactly as from files (positions included)."""
    return load(
        _parsed(claims_yaml, CLAIMS_SOURCE, "claims"),
        _parsed(places_yaml, PLACES_SOURCE, "places"),
        strict=strict,
    )


from_data = load


def load_dataset(
    claims_path: str, places_path: str, gazetteer_db: str | None = None, strict: bool = False
) -> Dataset:
    """Load both files (the CLI's entry); see `load`.

    With `gazetteer_db` (an index from `places import geonames`), a claim's reference that the
    places file does not know is looked up there (claimcheck.lookup.fallback); each claim that
    relies on an imported place gets a warning.
    """
    return load(claims_path, places_path, gazetteer_db, strict=strict)


def verify(
    dataset: Dataset, fail_on: Sequence[VerdictKind] = (), *, regions: bool = False
) -> VerifyReport:
    """Measure every claim and give its verdict; list the claims that contradict each other.

    With `regions`, also solve where each unknown place can be (what maps draw); verify alone
    needs only whether the claims about it can all hold.
    """
    claims, gazetteer, policy = dataset.claims, dataset.gazetteer, dataset.policy

    def pairs() -> tuple[tuple[Contradiction, ...], tuple[Feasibility, ...]]:
        contradictions = tuple(find_contradictions(claims, gazetteer, policy.about))
        if regions:  # solved below, with the regions
            return contradictions, ()
        return contradictions, check_unknown_places(
            claims, gazetteer, policy.about, _direct(contradictions)
        )

    # an index of imported places is an open database, which a forked child must not share
    worth_it = len(claims) >= SPLIT_CLAIMS and gazetteer.fallback is None
    with yamlfile.gc_paused(), Beside(pairs, worth_it) as beside:
        verdicts = tuple(evaluate(claims, gazetteer, policy))
        contradictions, locations = beside.result()
        located: dict[str, LocateResult] = {}
        if regions:  # each unknown place solved once: its regions tell its feasibility too
            direct = _direct(contradictions)
            located = _regions(dataset, direct)
            locations = check_unknown_places(claims, gazetteer, policy.about, direct, located)
        return VerifyReport(
            dataset,
            verdicts,
            frozenset(fail_on),
            contradictions,
            locations,
            _imported(dataset),
            located,
            _world(dataset),
        )


def _direct(contradictions: Sequence[Contradiction]) -> set[tuple[str, str]]:
    """The pairs of claims that cannot both hold whatever their references mean."""
    return {c.claim_ids for c in contradictions if not c.conditional}


@frozen
class _Input:
    """One input: a path to read, or data already loaded (named `name` in problems)."""

    name: str
    data: Any = None
    is_path: bool = False

    @classmethod
    def of(cls, value: PathLike | Mapping[str, Any], default_name: str) -> _Input:
        if isinstance(value, (str, os.PathLike)):
            return cls(os.fspath(value), is_path=True)
        if isinstance(value, yamlfile.YMap):  # from `loads`: keeps its positions
            return cls(default_name, value)
        return cls(default_name, yamltree.from_plain(value, default_name))

    def loaded(self) -> Any:
        return yamlfile.load(self.name) if self.is_path else self.data

    def gazetteer(self) -> Gazetteer:
        return load_places(self.name) if self.is_path else parse_places(self.data, self.name)

    def size(self) -> int:
        """Bytes to read; 0 for data already loaded, standard input or a file not there."""
        if not self.is_path or self.name == yamlfile.STDIN:
            return 0
        try:
            return os.stat(self.name).st_size
        except OSError:  # told as a problem when the file is read
            return 0


def _worth_splitting(claims: _Input, places: _Input) -> bool:
    return min(claims.size(), places.size()) >= SPLIT_FILE_BYTES


def _attempt(load: Callable[[], Any]) -> Any:
    """What `load` returns, or the DataError it raises."""
    try:
        return load()
    except DataError as exc:
        return exc


def _parsed(text: str, name: str, key: str) -> Any:
    data = yamlfile.load(name, text)
    if not isinstance(data, yamlfile.YMap):
        raise DataError([Problem(name, 1, 1, key, f"expected a top-level '{key}:' list")])
    return data


def _load(claims: _Input, places: _Input, gazetteer_db: str | None, strict: bool) -> Dataset:
    split = _worth_splitting(claims, places)
    with Beside(places.gazetteer, split) as beside:
        # the claims are parsed meanwhile; their problems are told where they would be serially
        claims_read = _attempt(claims.loaded) if split else None
        try:
            gazetteer = beside.result()
        except DataError as exc:  # the places' problems come first, then the claims' own
            claims_read = _attempt(claims.loaded) if claims_read is None else claims_read
            more = claims_read.problems if isinstance(claims_read, DataError) else []
            raise DataError([*exc.problems, *more]) from exc
    fallback = DbFallback(GazetteerDb(gazetteer_db), gazetteer) if gazetteer_db else None
    gazetteer.fallback = fallback
    try:
        claims_data = claims.loaded() if claims_read is None else claims_read
        if isinstance(claims_data, DataError):
            raise claims_data
        parsed, drafts, policy = read_claims(claims_data, claims.name, gazetteer, strict)
    finally:
        if fallback is not None:
            fallback.close()
    warnings = [*gazetteer.warnings, *(w for d in drafts for w in d.warnings())]
    if fallback is not None:
        warnings += reliance_warnings(gazetteer, tuple(parsed))
    return Dataset(gazetteer, tuple(parsed), claims.name, places.name, tuple(sorted(warnings)),
                   tuple(drafts), policy)  # fmt: skip


def _imported(dataset: Dataset) -> dict[str, tuple[ImportedPlace, ...]]:
    if dataset.gazetteer.fallback is None:  # no gazetteer index: nothing was imported
        return {}
    found = {c.id: tuple(imported_for(dataset.gazetteer, c.place_refs())) for c in dataset.claims}
    return {claim_id: places for claim_id, places in found.items() if places}


def _world(dataset: Dataset) -> dict[str, tuple[Place, ...]]:
    """For each claim, the built-in features it relies on: each verdict cites them."""
    # every claim's references were resolved by `evaluate`: built-in features are among the
    # places found outside the file, or no claim relies on one
    if not any(p.path == WORLD_PATH for p in dataset.gazetteer.looked_up()):
        return {}
    found = {c.id: tuple(world_places(dataset.gazetteer, c.place_refs())) for c in dataset.claims}
    return {claim_id: places for claim_id, places in found.items() if places}


def _regions(dataset: Dataset, contradicting: set[tuple[str, str]]) -> dict[str, LocateResult]:
    """Where each unknown place that some claim locates can be; the pairs that contradict are
    verify's, so the largest agreeing sets drawn are the ones verify names."""
    regions = {}
    for place in dataset.gazetteer:
        if place.has_position:
            continue
        constraints, skipped = constraints_for(
            place, dataset.claims, dataset.gazetteer, dataset.policy.about
        )
        if constraints:
            regions[place.id] = locate_constraints(
                place.id, constraints, skipped, dataset.gazetteer, contradicting=contradicting
            )
    return regions
