"""grammar.vague and number words: "several kilometres", "a few miles", "forty-five miles"."""

from __future__ import annotations

from decimal import Decimal

import pytest

from claimcheck.grammar.relations import Relation, RelationError, parse_requirement
from claimcheck.grammar.vague import VAGUE_QUANTITIES, VAGUE_SOURCE_URLS

KM, MI = 1000.0, 1609.344


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("several kilometres", 3 * KM, 9 * KM),
        ("a few km", 2 * KM, 5 * KM),
        ("a couple of miles", 2 * MI, 3 * MI),
        ("a couple miles", 2 * MI, 3 * MI),
        ("about a dozen miles", 9 * MI, 15 * MI),  # a hedge before a vague word adds nothing
        ("a dozen km", 9 * KM, 15 * KM),
        ("dozens of km", 24 * KM, 144 * KM),
        ("tens of kilometres", 20 * KM, 99 * KM),
        ("several tens of kilometres", 30 * KM, 90 * KM),  # not "several" of "tens"
        ("Several  Kilometers", 3 * KM, 9 * KM),
    ],
)
def test_vague_quantities_are_documented_ranges(text: str, low: float, high: float) -> None:
    requirement = parse_requirement(text)
    assert requirement.relation is Relation.BETWEEN
    got = requirement.acceptable()
    assert (got.low, got.high) == pytest.approx((low, high))
    assert requirement.vague is not None and requirement.vague in str(requirement)


def test_every_vague_word_has_a_source() -> None:
    for word, entry in VAGUE_QUANTITIES.items():
        assert entry.source and entry.low < entry.high
        assert word in VAGUE_SOURCE_URLS


@pytest.mark.parametrize(
    ("text", "relation", "value"),
    [
        ("forty-five miles", Relation.EXACTLY, "45"),
        ("about forty five miles", Relation.ABOUT, "45"),
        ("more than a dozen km", Relation.MORE_THAN, "12"),
        ("over two hundred km", Relation.MORE_THAN, "200"),
        ("under half a dozen miles", Relation.LESS_THAN, "6"),
        ("a thousand km", Relation.EXACTLY, "1000"),
    ],
)
def test_number_words(text: str, relation: Relation, value: str) -> None:
    requirement = parse_requirement(text)
    assert (requirement.relation, requirement.figure.value) == (relation, Decimal(value))


def test_a_limit_on_a_vague_word_is_refused_with_the_fix() -> None:
    with pytest.raises(RelationError, match="is a range already"):
        parse_requirement("more than a few km")
