"""Ad-hoc constraints for `locate --where`: "more than 45 mi from 33.44,38.84" as claims."""

from __future__ import annotations

import re
from collections.abc import Sequence

from claimcheck.claims.meaning import (
    DirectionAssertion,
    DistanceAssertion,
    InsideAssertion,
    NearAssertion,
)
from claimcheck.claims.model import Claim
from claimcheck.errors import ParseError, UsageError, shown
from claimcheck.gazetteer.places import Gazetteer, LatLon, Place, PlaceKind, PlaceRef, Source
from claimcheck.grammar.coords import CoordinateError, parse_position
from claimcheck.grammar.directions import parse_direction
from claimcheck.grammar.relations import parse_requirement
from claimcheck.grammar.units import UnitError, parse_length

#: The synthetic unknown place that --where constraints locate when no PLACE is given.
WHERE_PLACE_ID = "where"
WHERE_CLAIMANT = "--where"
#: the source of the points a --where names by coordinates (they are not gazetteer places)
_WHERE_SOURCE = Source("--where")
_SPLIT_RE = re.compile(r"\s+(?:from|of)\s+", re.IGNORECASE)
_INSIDE_RE = re.compile(r"(?P<word>inside|outside|within)\s+(?:of\s+)?(?P<place>.+)", re.I)
_NEAR_RE = re.compile(r"near\s+(?P<place>.+)", re.IGNORECASE)


def _coordinates(text: str) -> LatLon | None:
    """A position ("33.4369,38.8364", DMS, hemisphere letters), or None when it is a name."""
    try:
        point = parse_position(text)
    except CoordinateError as exc:
        raise UsageError(f"--where: {text!r}: {exc}") from exc
    return None if point is None else (point.lat, point.lon)


def _place_ref(text: str, gazetteer: Gazetteer, extra: dict[str, Place]) -> PlaceRef:
    """A place id or name, or "lat,lon" (then a point with no uncertainty is added)."""
    name = text.strip()
    point = _coordinates(name)
    if point is not None:
        key = f"{point[0]:g},{point[1]:g}"
        extra.setdefault(key, Place(key, key, PlaceKind.POINT, _WHERE_SOURCE,
                                    lat=point[0], lon=point[1]))  # fmt: skip
        return PlaceRef(key)
    if not gazetteer.resolve(PlaceRef(name)).places:
        raise UsageError(f"--where: unknown place {name!r}: use a place id, a name or 'lat,lon'")
    return PlaceRef(name)


def _where_assertion(
    text: str, subject: PlaceRef, gazetteer: Gazetteer, extra: dict[str, Place]
) -> DistanceAssertion | DirectionAssertion | InsideAssertion | NearAssertion:
    cleaned = " ".join(text.split())
    inside = _INSIDE_RE.fullmatch(cleaned)
    if inside and inside["word"].lower() != "within":
        area = _place_ref(inside["place"], gazetteer, extra)
        return InsideAssertion(subject, area, inside["word"].lower() == "inside")
    near = _NEAR_RE.fullmatch(cleaned)
    if near:
        return NearAssertion(subject, _place_ref(near["place"], gazetteer, extra), None)
    reason: str | None = None  # why the figure, when there is one, could not be read
    for split in _SPLIT_RE.finditer(cleaned):
        head, place = cleaned[: split.start()], cleaned[split.end() :]
        try:
            return DirectionAssertion(
                subject, _place_ref(place, gazetteer, extra), parse_direction(head)
            )
        except ParseError:
            pass
        words = head.split()
        for cut in range(len(words), max(0, len(words) - 4), -1):
            figure, compass = " ".join(words[:cut]), " ".join(words[cut:])
            try:
                requirement = parse_requirement(figure)
            except ParseError as exc:
                if reason is None and not compass and any(c.isdigit() for c in figure):
                    reason = str(exc)  # what is wrong with the figure as written, e.g. its unit
                continue
            try:
                direction = parse_direction(compass) if compass else None
            except ParseError as exc:
                reason = str(exc)  # the figure reads: the words after it are the problem
                continue
            ref = _place_ref(place, gazetteer, extra)
            return DistanceAssertion(subject, ref, requirement, direction)
    if reason is not None:
        raise UsageError(f"--where {shown(text)}: {reason}")
    raise UsageError(
        f"--where {shown(text)}: write e.g. 'more than 45 mi from al-tanf-crossing', "
        "'within 55 km of 33.44,38.84', 'north-west of al-tanf-garrison', "
        "'inside tanf-deconfliction-zone' or 'near iraq-syria-border'"
    )


def where_claims(
    texts: Sequence[str], gazetteer: Gazetteer, place_id: str | None = None
) -> tuple[list[Claim], Gazetteer]:
    """--where constraints as claims (ids where-1, where-2, …) about `place_id` (or a new unknown).

    Returns the claims and the gazetteer they resolve against (with any "lat,lon" points and the
    synthetic unknown place added).
    """
    extra: dict[str, Place] = {}
    subject_id = place_id or WHERE_PLACE_ID
    if place_id is None:
        extra[subject_id] = Place(subject_id, "the place --where describes", PlaceKind.UNKNOWN,
                                  _WHERE_SOURCE)  # fmt: skip
    claims = []
    for i, text in enumerate(texts, 1):
        assertion = _where_assertion(text, PlaceRef(subject_id), gazetteer, extra)
        claims.append(Claim(f"where-{i}", text, WHERE_CLAIMANT, _WHERE_SOURCE, assertion))
    if not extra:
        return claims, gazetteer
    merged = Gazetteer({**gazetteer.places, **extra}, gazetteer.path, gazetteer.warnings,
                       world=gazetteer.world)  # fmt: skip
    return claims, merged


def parse_window(text: str) -> float:
    """The --window length in metres."""
    try:
        metres = parse_length(text).metres
    except UnitError as exc:
        raise UsageError(f"--window: {exc}") from exc
    if not 0 < metres <= 1_000_000:
        raise UsageError("--window must be positive and at most 1000 km")
    return metres
