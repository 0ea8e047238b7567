"""Reported claims: who said what, where, and the one checkable thing it asserts.

The assertion kind follows from the keys a claim uses, so the YAML reads like the sentence:
`distance: more than 45 mi` + `from: al-tanf-crossing` (+ `along: road`); `inside: tanf-zone`
(+ `part: north-east`, `depth: about 100 km`); `near: border`; `direction: north-east` +
`from:`; `zone:` + `radius: 34 mi`. A top-level `defaults:` block sets the file's policy
(claims.policy).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from claimcheck.claims.meaning import (
    Assertion,
    DirectionAssertion,
    DistanceAssertion,
    InsideAssertion,
    NearAssertion,
    ZoneRadiusAssertion,
)
from claimcheck.claims.policy import Policy, read_policy
from claimcheck.errors import DataError, Kind, Level, ParseError, Problem, shown
from claimcheck.files import yamlfile
from claimcheck.files.keylines import KeyLines
from claimcheck.files.limits import MAX_CLAIMS
from claimcheck.frozen import frozen
from claimcheck.gazetteer.places import (
    Gazetteer,
    PlaceKind,
    PlaceRef,
    Source,
    unknown_place_hint,
)
from claimcheck.gazetteer.reader import read_id, read_length, read_source
from claimcheck.grammar.directions import Direction, parse_direction, parse_half_width
from claimcheck.grammar.relations import Requirement, parse_requirement
from claimcheck.grammar.routes import parse_route


class VerdictKind(Kind):
    CONSISTENT = "consistent"
    INCONSISTENT = "inconsistent"
    INCONCLUSIVE = "inconclusive"
    UNVERIFIABLE = "unverifiable"


@frozen
class Claim:
    """One reported claim and what it asserts."""

    id: str
    quote: str
    claimant: str
    source: Source
    assertion: Assertion
    #: the quote in English, for a quote in another language (shown under it in every output)
    translation: str | None = None
    #: the verdict a reviewer accepted, if any
    expect: VerdictKind | None = None
    #: "person" or "organization", when the claims file says which the claimant is
    claimant_type: str | None = None
    note: str | None = None
    line: int = 0
    #: 1-based column of the claim's keys (all keys of a block mapping share it)
    column: int = 0
    path: str = ""
    #: 1-based line of each key, so reports can point at the field
    key_lines: KeyLines = KeyLines((), (), 0)

    @property
    def kind(self) -> str:
        """The stable JSON name of the assertion kind."""
        return self.assertion.kind

    def place_refs(self) -> tuple[PlaceRef, ...]:
        return self.assertion.place_refs()


CLAIM_KEYS = (
    *("id", "quote", "translation", "claimant", "claimant_type", "source", "subject"),
    *("distance", "from", "direction", "direction_tolerance", "tolerance", "along", "inside"),
    *("part", "depth", "outside", "near", "within", "zone", "radius", "expect", "note", "status"),
)
#: What `claimant_type:` may say: who made the claim (ClaimReview's Person or Organization).
CLAIMANT_TYPES = ("person", "organization")
#: `status: draft` marks a claim nobody has reviewed yet (`extract --append` writes it)
DRAFT = "draft"
#: Keys that decide the assertion kind; exactly one group must be present.
#: what a grammar parser returns (_parsed)
_T = TypeVar("_T")
_KIND_KEYS = ("distance", "direction", "inside", "outside", "near", "radius")
#: The keys each assertion kind reads, beyond those of every claim (_EVERY_CLAIM). Any other
#: claim key on it would be silently ignored (`within:` on a distance claim), so it is an error;
#: so are `direction_tolerance` without `direction` and `tolerance` without `within` (on a near
#: claim) or `depth` (on an inside claim).
KEYS_BY_KIND: dict[str, tuple[str, ...]] = {
    "distance": (
        "subject",
        "distance",
        "from",
        "direction",
        "direction_tolerance",
        "tolerance",
        "along",
    ),
    "direction": ("subject", "direction", "from", "direction_tolerance"),
    "inside": ("subject", "inside", "part", "depth", "tolerance"),
    "outside": ("subject", "outside"),
    "near": ("subject", "near", "within", "tolerance"),
    "radius": ("zone", "radius", "tolerance"),
}
_EVERY_CLAIM = (
    *("id", "quote", "translation", "claimant", "claimant_type", "source", "expect", "note"),
    "status",
)
#: the keys a claim of each kind may have that need no further check (a tolerance needs its
#: figure or direction)
_PLAIN_KEYS = {
    kind: frozenset(_EVERY_CLAIM + keys) - {"tolerance", "direction_tolerance"}
    for kind, keys in KEYS_BY_KIND.items()
}


def _place_ref(entry: yamlfile.Entry, key: str) -> PlaceRef | None:
    value = entry.data.get(key)
    if value is None:
        return None
    pos = entry.data.where(key)
    if isinstance(value, str) and value.strip():
        text = entry.text(key)  # the length check
        if text is None:
            return None
        return PlaceRef(text, line=pos.line, column=pos.column, key=entry.field(key))
    if isinstance(value, yamlfile.YMap):
        sub = yamlfile.Entry(value, entry.path, entry.field(key), entry.problems)
        sub.item = entry.item
        sub.check_keys(("name", "country", "admin"))
        name = sub.text("name", required=True)
        if name is None:
            return None
        return PlaceRef(
            name, sub.text("country"), sub.text("admin"), pos.line, pos.column, entry.field(key)
        )
    entry.problem(key, f"{key!r} must name a place (an id or a name)")
    return None


def _requirement(entry: yamlfile.Entry, key: str) -> Requirement | None:
    text = entry.text(key)
    if text is None:
        return None
    tolerance = entry.text("tolerance")
    try:
        if key == "within":  # `within: 2 km` is a limit, not a bare (exact) figure
            try:
                return parse_requirement(f"within {text}", tolerance)
            except ParseError:
                pass
        return parse_requirement(text, tolerance)
    except ParseError as exc:
        entry.problem(key, str(exc))
        return None


def _parsed(entry: yamlfile.Entry, key: str, parse: Callable[[str], _T]) -> _T | None:
    """The field read by a grammar parser; its ParseError is a problem at the key."""
    text = entry.text(key)
    if text is None:
        return None
    try:
        return parse(text)
    except ParseError as exc:
        entry.problem(key, str(exc))
        return None


def _direction(entry: yamlfile.Entry) -> Direction | None:
    width = _parsed(entry, "direction_tolerance", parse_half_width)
    if width is None and entry.has("direction_tolerance"):
        return None
    return _parsed(entry, "direction", lambda text: parse_direction(text, width))


def _part(entry: yamlfile.Entry) -> Direction | None:
    """ "north-east" in "north-eastern Jordan": an 8-point compass name."""
    text = entry.text("part")
    if text is None:
        return None
    cleaned = text.strip().lower().removesuffix("ern")
    try:
        part = parse_direction(cleaned, four_point=False)
    except ValueError as exc:
        entry.problem("part", str(exc))
        return None
    if len(part.name) > 2:
        entry.problem("part", f"a part is one of the 8 compass points (N, NE, …), not {text!r}")
        return None
    return part


def _assertion(entry: yamlfile.Entry) -> Assertion | None:
    present = [k for k in _KIND_KEYS if entry.has(k)]
    if "distance" in present and "direction" in present:
        present.remove("direction")
    if len(present) != 1:
        what = "none" if not present else " and ".join(repr(k) for k in present)
        entry.problem(
            None,
            f"a claim asserts exactly one thing (found {what}): use 'distance' + 'from', "
            "'direction' + 'from', 'inside', 'outside', 'near', or 'zone' + 'radius'",
        )
        return None
    kind = present[0]
    _check_unused_keys(entry, kind)
    if kind == "radius":
        zone = _place_ref(entry, "zone")
        if zone is None:
            entry.problem(None, "a 'radius' claim needs 'zone:' naming the zone")
        requirement = _requirement(entry, "radius")
        return ZoneRadiusAssertion(zone, requirement) if zone and requirement else None
    subject = _place_ref(entry, "subject")
    if subject is None and not entry.has("subject"):
        entry.problem(None, "missing required field 'subject': the place the claim is about")
    if kind in ("inside", "outside"):
        area = _place_ref(entry, kind)
        part = _part(entry)
        if entry.has("part") and part is None:
            return None
        depth = _requirement(entry, "depth") if entry.has("depth") else None
        if entry.has("depth") and depth is None:
            return None
        if subject and area:
            return InsideAssertion(subject, area, kind == "inside", part, depth)
        return None
    if kind == "near":
        reference = _place_ref(entry, "near")
        threshold = _requirement(entry, "within") if entry.has("within") else None
        return NearAssertion(subject, reference, threshold) if subject and reference else None
    reference = _place_ref(entry, "from")
    if reference is None and not entry.has("from"):
        entry.problem(None, f"a {kind!r} claim needs 'from:' naming the reference place")
    direction = _direction(entry)
    if kind == "direction":
        if subject and reference and direction:
            return DirectionAssertion(subject, reference, direction)
        return None
    requirement = _requirement(entry, "distance")
    along = _parsed(entry, "along", parse_route)
    if entry.has("along") and along is None:
        return None
    if subject and reference and requirement:
        return DistanceAssertion(subject, reference, requirement, direction, along)
    return None


def _check_unused_keys(entry: yamlfile.Entry, kind: str) -> None:
    """A key that the claim's kind does not read is an error naming the key and the kind."""
    used = KEYS_BY_KIND[kind]
    written = entry.data.keys()
    if written <= _PLAIN_KEYS[kind]:  # the usual claim: one set operation
        return
    for key in written:
        if key in _EVERY_CLAIM or key not in CLAIM_KEYS:
            continue  # unknown keys are check_keys' problem
        if key not in used:
            owners = " or ".join(_a(k) for k, keys in KEYS_BY_KIND.items() if key in keys)
            entry.problem(
                key,
                f"{key!r} does not apply to {_a(kind)} claim, which would ignore it (it belongs "
                f"to {owners} claim): remove it, or write the claim that uses it",
            )
    needs = {
        "direction_tolerance": "direction",
        "tolerance": {"near": "within", "inside": "depth"}.get(kind, ""),
    }
    for key, needed in needs.items():
        if needed and key in entry.data and key in used and needed not in entry.data:
            entry.problem(key, f"{key!r} applies only with {needed!r}: add it, or remove {key!r}")


def _a(kind: str) -> str:
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind!r}"


def _read_claim(entry: yamlfile.Entry) -> Claim | None:
    claim_id = read_id(entry)
    entry.check_keys(CLAIM_KEYS)
    quote = entry.text("quote", required=True)
    claimant = entry.text("claimant", required=True)
    claimant_type = entry.text("claimant_type")
    if claimant_type is not None and claimant_type not in CLAIMANT_TYPES:
        entry.problem(
            "claimant_type",
            f"unknown claimant_type {claimant_type!r}: use {' or '.join(CLAIMANT_TYPES)}",
        )
    source = read_source(entry, required=True)
    if entry.has("tolerance"):
        read_length(entry, "tolerance")
    assertion = _assertion(entry)
    status = entry.text("status")
    if status is not None and status != DRAFT:
        entry.problem("status", f"unknown status {status!r}: the only one is 'draft' (delete the "
                      "line once the claim is reviewed)")  # fmt: skip
    expect = None
    expect_text = entry.text("expect")
    if expect_text is not None:
        try:
            expect = VerdictKind(expect_text)
        except ValueError:
            kinds = ", ".join(v.value for v in VerdictKind)
            entry.problem("expect", f"unknown verdict {expect_text!r}: use one of {kinds}")
    if None in (claim_id, quote, claimant, source, assertion):
        return None
    assert claim_id and quote and claimant and source and assertion  # narrowed for mypy
    return Claim(
        id=claim_id,
        quote=quote,
        claimant=claimant,
        source=source,
        assertion=assertion,
        translation=entry.text("translation"),
        expect=expect,
        claimant_type=claimant_type,
        note=entry.text("note"),
        line=entry.line(),
        column=entry.data.position.column,
        path=entry.path,
        key_lines=entry.data.key_lines(),
    )


@frozen
class DraftClaim:
    """A claim marked `status: draft`: listed with what it lacks, never verified."""

    id: str
    path: str
    line: int
    column: int
    #: the claims-file field of its status, e.g. "claims[9].status"
    field: str
    #: what keeps it from being verified as written (none: it only awaits review)
    problems: tuple[Problem, ...] = ()

    def warnings(self) -> list[Problem]:
        """The draft as lint warnings: one line for the draft, one for each thing it lacks."""
        todo = (
            f"{len(self.problems)} thing(s) to fix below, then review it"
            if self.problems
            else "review it"
        )
        head = Problem(
            self.path,
            self.line,
            self.column,
            self.field,
            f"claim {self.id!r} is a draft, not verified: {todo} and delete 'status: draft'",
            Level.WARNING,
            self.id,
        )
        return [head, *(dataclasses.replace(p, level=Level.WARNING) for p in self.problems)]


def read_claims(
    data: Any, path: str, gazetteer: Gazetteer, strict: bool = False
) -> tuple[list[Claim], list[DraftClaim], Policy]:
    """Claims, drafts and the file's policy (`defaults:`) from a loaded claims file; every
    place a claim names must exist.

    A draft (`status: draft`) is set aside with its problems instead of failing the file.
    `strict` makes every draft an error, as if the marking were not there plus one problem
    saying it is still a draft.
    """
    problems: list[Problem] = []
    claims: list[Claim] = []
    drafts: list[DraftClaim] = []
    seen: dict[str, int] = {}
    policy = read_policy(data, path, problems)
    for entry in yamlfile.entries(
        data, path, "claims", problems, also=("defaults",), limit=MAX_CLAIMS
    ):
        is_draft = entry.data.get("status") == DRAFT
        own: list[Problem] = []
        if is_draft:
            entry = yamlfile.Entry(entry.data, entry.path, entry.prefix, own)
        claim = _read_claim(entry)
        if claim is None:
            own.extend(_unknown_places_in(entry, gazetteer))
        elif claim.id in seen:
            entry.problem("id", f"duplicate claim id {claim.id!r} (first at line {seen[claim.id]})")
            claim = None
        else:
            seen[claim.id] = claim.line
            own.extend(_check_references(claim, gazetteer))
        if is_draft and not strict:
            pos = entry.data.position
            status = entry.field("status")
            draft = DraftClaim(entry.item or entry.prefix, path, pos.line, pos.column, status,
                               tuple(sorted(own)))  # fmt: skip
            drafts.append(draft)
            continue
        if is_draft:
            entry.problem("status", f"claim {entry.item!r} is a draft (--strict): review it, then "
                          "delete 'status: draft'")  # fmt: skip
        problems.extend(own)
        if claim is not None and not own:
            claims.append(claim)
    if problems:
        raise DataError(problems)
    return claims, drafts, policy


def parse_claims(data: Any, path: str, gazetteer: Gazetteer) -> list[Claim]:
    """Build claims from a loaded claims file and check every place they name exists.

    Drafts (`status: draft`) are left out; `read_claims` returns them too.
    """
    return read_claims(data, path, gazetteer)[0]


#: Keys whose value names a place.
_PLACE_REF_KEYS = ("subject", "from", "inside", "outside", "near", "zone")


def _unknown_place(path: str, claim_id: str, ref: PlaceRef, gazetteer: Gazetteer) -> Problem:
    hint = unknown_place_hint(ref, gazetteer)
    return Problem(
        path,
        ref.line,
        ref.column,
        ref.key or "place",
        f"claim {claim_id!r} names unknown place {shown(str(ref))}{hint}",
        item=claim_id,
    )


def _unknown_places_in(entry: yamlfile.Entry, gazetteer: Gazetteer) -> Iterable[Problem]:
    """Unknown places of a claim that has other errors too, so one run reports them all."""
    scratch = yamlfile.Entry(entry.data, entry.path, entry.prefix, [])  # its problems are known
    for key in _PLACE_REF_KEYS:
        ref = _place_ref(scratch, key)
        if ref is not None and not gazetteer.resolve(ref).places:
            yield _unknown_place(entry.path, entry.item, ref, gazetteer)


def _check_references(claim: Claim, gazetteer: Gazetteer) -> Iterable[Problem]:
    """Unknown places are input errors; ambiguous names are not (the verdict shows them)."""
    for ref in claim.place_refs():
        resolution = gazetteer.resolve(ref)
        if not resolution.places:
            yield _unknown_place(claim.path, claim.id, ref, gazetteer)
            continue
        a = claim.assertion
        kinds = {p.kind for p in resolution.places}
        if isinstance(a, ZoneRadiusAssertion) and kinds != {PlaceKind.ZONE}:
            yield Problem(
                claim.path,
                ref.line,
                ref.column,
                "zone",
                f"claim {claim.id!r}: {ref.text!r} is not a zone",
                item=claim.id,
            )
        if (
            isinstance(a, InsideAssertion)
            and ref is a.area
            and not kinds <= {PlaceKind.ZONE, PlaceKind.POLYGON}
        ):
            yield Problem(
                claim.path,
                ref.line,
                ref.column,
                "inside" if a.inside else "outside",
                f"claim {claim.id!r}: {ref.text!r} is not a zone or polygon",
                item=claim.id,
            )


def load_claims(path: str, gazetteer: Gazetteer) -> list[Claim]:
    """Read and validate a claims file against the gazetteer."""
    return parse_claims(yamlfile.load(path), path, gazetteer)
