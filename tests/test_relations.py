from __future__ import annotations

import math
import re

import pytest

from claimcheck.grammar import relations
from claimcheck.grammar.interval import Interval
from claimcheck.grammar.relations import Relation, RelationError, parse_requirement

MI = 1609.344


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("more than 45 mi", Relation.MORE_THAN),
        ("over 45 miles", Relation.MORE_THAN),
        ("beyond 45 mi", Relation.MORE_THAN),
        ("at least 45 mi", Relation.AT_LEAST),
        ("less than 5 km", Relation.LESS_THAN),
        ("under 5 km", Relation.LESS_THAN),
        ("at most 5 km", Relation.AT_MOST),
        ("up to 5 km", Relation.AT_MOST),
        ("within 5 km", Relation.WITHIN),
        ("about 34 mi", Relation.ABOUT),
        ("approximately 34 mi", Relation.ABOUT),
        ("around 34 mi", Relation.ABOUT),
        ("some 34 mi", Relation.ABOUT),
        ("nearly 34 mi", Relation.ABOUT),
        ("roughly 55 km", Relation.ABOUT),
        ("exactly 34 mi", Relation.EXACTLY),
        ("34-mile", Relation.EXACTLY),
        ("between 30 and 40 km", Relation.BETWEEN),
        ("30 to 40 km", Relation.BETWEEN),
        ("between 30 km and 40 km", Relation.BETWEEN),
    ],
)
def test_relation_words(text: str, relation: Relation) -> None:
    assert parse_requirement(text).relation is relation


@pytest.mark.parametrize(
    ("text", "low_m", "high_m", "low_open", "high_open"),
    [
        ("more than 45 mi", 45 * MI, math.inf, True, False),
        ("at least 45 mi", 45 * MI, math.inf, False, False),
        ("less than 5 km", 0.0, 5000.0, False, True),
        ("within 5 km", 0.0, 5000.0, False, False),
        ("about 45 mi", 42.5 * MI, 47.5 * MI, False, False),  # rounded to fives: ±2.5
        ("about 34 mi", 32.3 * MI, 35.7 * MI, False, False),  # 5% floor: ±1.7
        ("34 mi", 33.5 * MI, 34.5 * MI, False, False),  # bare = correctly rounded: ±0.5
        ("about 70 km", 65000.0, 75000.0, False, False),  # trailing zero: ±5
        ("between 30 and 40 km", 30000.0, 40000.0, False, False),
        # "just over": more than the figure, by no more than "about" allows (docs/rules.md)
        ("just over 100 km", 100000.0, 125000.0, True, False),
        ("just under 100 km", 75000.0, 100000.0, False, True),
        ("just  Over 45 mi", 45 * MI, 47.5 * MI, True, False),
        # "nearly", "almost": slightly short of the figure (AHD "almost", WordNet "nearly")
        ("nearly 100 km", 75000.0, 100000.0, False, True),
        ("almost 25 km", 22500.0, 25000.0, False, True),
    ],
)
def test_acceptable_intervals(
    text: str, low_m: float, high_m: float, low_open: bool, high_open: bool
) -> None:
    got = parse_requirement(text).acceptable()
    assert got.low == pytest.approx(low_m)
    assert got.high == pytest.approx(high_m)
    assert (got.low_open, got.high_open) == (low_open, high_open)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("just over 100 km", "just over 100 km (+25 km)"),
        ("just under 150 km", "just under 150 km (−7.5 or −25 km)"),
        ("nearly 100 km", "nearly 100 km (−25 km)"),  # in the claim's own word
        ("Almost 15 km", "almost 15 km (−0.75 or −2.5 km)"),
    ],
)
def test_just_over_and_under_show_their_one_sided_slack(text: str, shown: str) -> None:
    assert str(parse_requirement(text)) == shown


def test_explicit_tolerance_overrides_the_rule() -> None:
    got = parse_requirement("about 45 mi", tolerance="±1 mi").acceptable()
    assert (got.low, got.high) == pytest.approx((44 * MI, 46 * MI))


def test_rounded_conversion_is_accepted_and_misconversion_is_not() -> None:
    radius_m = 55_000.0
    assert parse_requirement("34 mi").acceptable().contains(radius_m)
    assert not parse_requirement("35 mi").acceptable().contains(radius_m)


@pytest.mark.parametrize(
    ("text", "tolerance", "fragment"),
    [
        ("farther than 45", None, "cannot read"),
        ("more than 45 furlongs", None, "cannot read"),
        ("between 40 and 30 km", None, "ends below where it starts"),
        ("more than 45 mi", "1 mi", "only applies to 'about'"),
        ("about 45 mi", "a bit", "tolerance"),
    ],
)
def test_bad_relations(text: str, tolerance: str | None, fragment: str) -> None:
    with pytest.raises(RelationError, match=fragment):
        parse_requirement(text, tolerance)


KNOWN = "use one of m, km, mi, nmi, yd, ft (or written out: metres, kilometres, miles"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("more than 45 leagues", f"unknown unit 'leagues': {KNOWN}"),
        ("between 30 and 40 leagues", f"unknown unit 'leagues': {KNOWN}"),
        ("within two furlongs", f"unknown unit 'furlongs': {KNOWN}"),
        ("about 1,200 paces", f"unknown unit 'paces': {KNOWN}"),
        ("more than 45", "the figure 45 has no unit: add one of m, km, mi"),
        ("a stone's throw", "write a relation"),  # no figure: the relation is what is missing
    ],
)
def test_an_unknown_unit_is_named_with_the_units_known(text: str, message: str) -> None:
    with pytest.raises(RelationError) as info:
        parse_requirement(text)
    assert str(info.value).startswith(f"cannot read {text!r}: {message}")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("less than 0 km", "can never hold: no distance is less than 0"),
        ("under 0 mi", "can never hold"),
        ("at least 0 km", "always holds: every distance is at least 0"),
        ("more than 30,000 km", "longer than any distance on Earth"),
        ("between 10 and 30,000 km", "longer than any distance on Earth"),
        ("about " + "9" * 400 + " km", "(403 characters) is longer than any distance on Earth"),
    ],
)
def test_absurd_figures_are_errors_that_say_the_valid_range(text: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=re.escape(fragment)):
        parse_requirement(text)


def test_a_range_in_two_units_is_shown_as_it_is_checked() -> None:
    requirement = parse_requirement("between 30 km and 40 miles")
    assert str(requirement) == "between 30 km and 40 mi (30–64.4 km)"
    assert requirement.acceptable() == Interval(30_000.0, 40 * MI)
    assert str(parse_requirement("between 30 and 40 miles")) == "between 30 and 40 mi"
    assert str(parse_requirement("30 km to 40 km")) == "between 30 and 40 km"


@pytest.mark.parametrize(
    ("text", "digit_at"),
    [("several km", 8), ("about a few mi", 7), ("a dozen km", 0), ("tens of km", 10)],
)
@pytest.mark.parametrize("digit", ["5", "٣"])
def test_the_vague_pattern_never_matches_a_text_with_a_digit(
    text: str, digit_at: int, digit: str
) -> None:
    """What lets parse_requirement leave it uncompiled for figures written in digits."""
    assert relations._vague_re().fullmatch(text) is not None
    assert relations._vague_re().fullmatch(text[:digit_at] + digit + text[digit_at:]) is None
