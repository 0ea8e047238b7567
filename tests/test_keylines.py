"""KeyLines: each key's line, kept as the parser's numbers, read as (key, line) pairs."""

from __future__ import annotations

from array import array

import pytest

from claimcheck.files import yamlfile
from claimcheck.files.keylines import KeyLines


def test_pairs_are_one_based_in_the_files_order() -> None:
    lines = KeyLines(("id", "quote"), array("l", [4, 6]), 4)
    assert lines.pairs() == (("id", 5), ("quote", 7))
    assert dict(lines) == {"id": 5, "quote": 7}


def test_a_key_added_after_reading_gets_the_mappings_line() -> None:
    data = yamlfile.load("f.yaml", "x: 1\nclaim:\n  a: 1\n  b: 2\n")
    claim = data["claim"]
    claim["added"] = 3
    assert claim.key_lines().pairs() == (("a", 3), ("b", 4), ("added", 3))


@pytest.mark.parametrize(
    ("other", "equal"),
    [
        (KeyLines(("a", "b"), [0, 2], 0), True),
        (KeyLines(("a", "b"), array("l", [0, 2]), 7), True),  # the same pairs
        (KeyLines(("a", "b"), [0, 3], 0), False),
        (KeyLines(("a",), [0], 0), False),
    ],
)
def test_compares_and_hashes_as_its_pairs(other: KeyLines, equal: bool) -> None:
    lines = KeyLines(("a", "b"), array("l", [0, 2]), 0)
    assert (lines == other) is equal
    assert (hash(lines) == hash(other)) is equal
    assert lines != lines.pairs()  # a KeyLines is not a tuple: compared only with its kind
    assert repr(lines) == "KeyLines((('a', 1), ('b', 3)))"
