from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.claims.model import (
    CLAIM_KEYS,
    KEYS_BY_KIND,
    DistanceAssertion,
    InsideAssertion,
    VerdictKind,
    ZoneRadiusAssertion,
    load_claims,
)
from claimcheck.errors import DataError
from claimcheck.gazetteer.reader import load_places
from claimcheck.grammar.directions import parse_direction
from claimcheck.grammar.relations import Relation

ROOT = Path(__file__).parent.parent
PLACES = str(ROOT / "data" / "places.yaml")

CLAIM = """\
  - id: sana
    quote: the air strike hit al-Shamiyah, more than 45 miles from the border post
    claimant: SANA
    source:
      title: Seed article
      url: https://example.org/a
    subject: maqha-ash-shuhaymi
    distance: more than 45 mi
    from: al-tanf-crossing
    expect: inconclusive
"""


def load(tmp_path: Path, body: str) -> list:  # type: ignore[type-arg]
    path = tmp_path / "claims.yaml"
    path.write_text("claims:\n" + body, encoding="utf-8")
    return load_claims(str(path), load_places(PLACES))


def test_distance_claim(tmp_path: Path) -> None:
    (claim,) = load(tmp_path, CLAIM)
    assert isinstance(claim.assertion, DistanceAssertion)
    assert claim.assertion.requirement.relation is Relation.MORE_THAN
    assert claim.expect is VerdictKind.INCONCLUSIVE
    assert claim.source.url == "https://example.org/a"
    assert claim.kind == "distance"
    assert dict(claim.key_lines)["expect"] == 11


@pytest.mark.parametrize("kind", ["person", "organization"])
def test_claimant_type(tmp_path: Path, kind: str) -> None:
    (claim,) = load(
        tmp_path, CLAIM.replace("claimant: SANA\n", f"claimant: SANA\n    claimant_type: {kind}\n")
    )
    assert claim.claimant_type == kind
    (plain,) = load(tmp_path, CLAIM)
    assert plain.claimant_type is None


def test_bundled_claims_cover_zone_radius_and_inside() -> None:
    claims = load_claims(str(ROOT / "data" / "claims.yaml"), load_places(PLACES))
    kinds = {type(c.assertion) for c in claims}
    assert {DistanceAssertion, InsideAssertion, ZoneRadiusAssertion} <= kinds


@pytest.mark.parametrize(
    ("old", "new", "line", "fragment"),
    [
        ("    claimant: SANA\n", "", 2, "missing required field 'claimant'"),
        ("more than 45 mi", "more than 45 furlongs", 9, "cannot read"),
        ("from: al-tanf-crossing", "from: al-tanf-crosing", 10, "did you mean 'al-tanf-crossing'"),
        ("from: al-tanf-crossing", "from: Atlantis", 10, "unknown place 'Atlantis'"),
        ("expect: inconclusive", "expect: maybe", 11, "unknown verdict 'maybe'"),
        ("    expect: inconclusive\n", "    expect: inconclusive\n    expect: consistent\n", 12,
         "duplicate key 'expect'"),
        ("distance:", "distanse:", 9, "did you mean 'distance'"),
        ("    claimant: SANA\n", "    claimant: SANA\n    claimant_type: agency\n", 5,
         "unknown claimant_type 'agency': use person or organization"),
        ("    subject: maqha-ash-shuhaymi\n", "    subject: maqha-ash-shuhaymi\n    inside: "
         "tanf-deconfliction-zone\n", 2, "exactly one thing"),
    ],
)  # fmt: skip
def test_bad_claims(tmp_path: Path, old: str, new: str, line: int, fragment: str) -> None:
    with pytest.raises(DataError) as info:
        load(tmp_path, CLAIM.replace(old, new))
    hits = [p for p in info.value.problems if fragment in p.message]
    assert hits, info.value
    assert hits[0].line == line


def test_duplicate_claim_ids(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="duplicate claim id 'sana' \\(first at line 2\\)"):
        load(tmp_path, CLAIM + CLAIM)


def test_aliases_are_refused(tmp_path: Path) -> None:
    body = CLAIM.replace("claimant: SANA", "claimant: &who SANA") + CLAIM.replace(
        "id: sana", "id: b"
    ).replace("claimant: SANA", "claimant: *who")
    with pytest.raises(DataError, match="anchors and aliases"):
        load(tmp_path, body)


@pytest.mark.parametrize(
    ("text", "name", "centre", "width"),
    [("north-east", "NE", 45.0, 22.5), ("NNW", "NNW", 337.5, 11.25), ("west of", "W", 270.0, 22.5),
     ("South West", "SW", 225.0, 22.5), ("north", "N", 0.0, 22.5)],
)  # fmt: skip
def test_directions(text: str, name: str, centre: float, width: float) -> None:
    d = parse_direction(text)
    assert (d.name, d.centre_deg, d.half_width_deg) == (name, centre, width)


def test_direction_errors() -> None:
    with pytest.raises(ValueError, match="unknown direction"):
        parse_direction("up")


@pytest.mark.parametrize(
    ("written", "width"),
    [("90", 90.0), ("90°", 90.0), ("22.5 degrees", 22.5), ("45 Deg", 45.0), ("180", 180.0)],
)
def test_direction_tolerance_reads_as_people_write_angles(
    tmp_path: Path, written: str, width: float
) -> None:
    body = CLAIM.replace(
        "    expect:", f"    direction: north\n    direction_tolerance: {written}\n    expect:"
    )
    (claim,) = load(tmp_path, body)
    assert claim.assertion.direction.half_width_deg == width


@pytest.mark.parametrize(
    ("written", "fragment"),
    [("wide", "'wide' is not an angle"), ("0", "must lie in (0, 180]"),
     ("200°", "200° must lie in (0, 180]"), (".nan", "'nan' is not an angle")],
)  # fmt: skip
def test_a_bad_direction_tolerance_is_reported_at_its_key(
    tmp_path: Path, written: str, fragment: str
) -> None:
    body = CLAIM.replace(
        "    expect:", f"    direction: north\n    direction_tolerance: {written}\n    expect:"
    )
    with pytest.raises(DataError) as info:
        load(tmp_path, body)
    (problem,) = info.value.problems
    assert problem.field == "claims[0].direction_tolerance"
    assert fragment in problem.message


def test_unknown_places_are_reported_with_the_claims_other_errors(tmp_path: Path) -> None:
    body = CLAIM.replace("more than 45 mi", "more than 45 furlongs").replace(
        "subject: maqha-ash-shuhaymi", "subject: Atlantis"
    )
    with pytest.raises(DataError) as info:
        load(tmp_path, body)
    messages = [(p.line, p.message) for p in info.value.problems]
    assert any(line == 8 and "unknown place 'Atlantis'" in m for line, m in messages)
    assert any(line == 9 and "cannot read" in m for line, m in messages)


@pytest.mark.parametrize(
    ("old", "new", "key", "fragment"),
    [
        ("    expect:", "    within: 5 km\n    expect:", "within",
         "'within' does not apply to a 'distance' claim, which would ignore it (it belongs to "
         "a 'near' claim)"),
        ("    expect:", "    radius: 5 km\n    zone: tanf-deconfliction-zone\n    expect:",
         "radius", "exactly one thing"),
        ("    expect:", "    zone: tanf-deconfliction-zone\n    expect:", "zone",
         "'zone' does not apply to a 'distance' claim"),
        ("    expect:", "    direction_tolerance: 10\n    expect:", "direction_tolerance",
         "'direction_tolerance' applies only with 'direction'"),
        ("    distance: more than 45 mi\n    from: al-tanf-crossing\n",
         "    inside: tanf-deconfliction-zone\n    tolerance: 1 km\n", "tolerance",
         "'tolerance' applies only with 'depth'"),
        ("    distance: more than 45 mi\n    from: al-tanf-crossing\n",
         "    outside: tanf-deconfliction-zone\n    depth: 5 km\n", "depth",
         "'depth' does not apply to an 'outside' claim"),
        ("    distance: more than 45 mi\n    from: al-tanf-crossing\n",
         "    outside: tanf-deconfliction-zone\n    tolerance: 1 km\n", "tolerance",
         "'tolerance' does not apply to an 'outside' claim"),
        ("    distance: more than 45 mi\n    from: al-tanf-crossing\n",
         "    near: al-tanf-crossing\n    tolerance: 1 km\n", "tolerance",
         "'tolerance' applies only with 'within'"),
        ("    distance: more than 45 mi\n    from: al-tanf-crossing\n",
         "    near: al-tanf-crossing\n    from: al-tanf-crossing\n", "from",
         "'from' does not apply to a 'near' claim"),
    ],
)  # fmt: skip
def test_a_key_the_claims_kind_does_not_use_is_an_error(
    tmp_path: Path, old: str, new: str, key: str, fragment: str
) -> None:
    with pytest.raises(DataError) as info:
        load(tmp_path, CLAIM.replace(old, new))
    hits = [p for p in info.value.problems if fragment in p.message]
    assert hits, info.value
    if "exactly one thing" not in fragment:
        assert hits[0].field == f"claims[0].{key}"


@pytest.mark.parametrize("kind", sorted(KEYS_BY_KIND))
def test_every_key_a_kind_uses_is_a_claim_key(kind: str) -> None:
    assert set(KEYS_BY_KIND[kind]) <= set(CLAIM_KEYS)
