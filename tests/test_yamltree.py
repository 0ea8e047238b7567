"""The YAML builder: values, positions and problems as composing PyYAML's node tree gave them,
read from the parser's events without holding that tree."""

from __future__ import annotations

import os
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import yaml

from claimcheck.errors import DataError
from claimcheck.files import yamlfile
from claimcheck.files.yamltree import Builder, YList, YMap, from_plain

sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
from generate import generate  # bench/ is no package: on the path above


def problems(text: str) -> list[tuple[int, int, str, str]]:
    with pytest.raises(DataError) as info:
        yamlfile.load("f.yaml", text)
    return [(p.line, p.column, p.field, p.message) for p in info.value.problems]


ALIAS = "anchors and aliases (&name, *name) are not allowed here"


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: -2.5\nc: [x, 'y', \"z\"]\nd: {e: null, f: ~}\ng: true\nh: No\n",
        "a: 0b101\nb: 1_000\nc: 0o17\nd: 012\ne: 1e400\nf: -.inf\ng: 0x1F\nh: 6.0e+3\n",
        "- 1\n- - 2\n  - [3, {x: y}]\n- !!str 4\n- !!int '5'\n- |\n  block\n- >-\n  folded\n",
        "a: &x 1\nb: [&y two]\n",  # anchors without aliases are allowed
    ],
)
def test_values_are_those_of_safe_load(text: str) -> None:
    assert yamlfile.load("f.yaml", text) == yaml.safe_load(text)


def test_positions_of_keys_items_and_collections() -> None:
    data = yamlfile.load("f.yaml", "a: 1\nlist:\n  - x\n  - {k: v}\n  - [1, 2]\n")
    assert isinstance(data, YMap) and tuple(data.position) == (1, 1)
    assert [tuple(data.where(k)) for k in data] == [(1, 1), (2, 1)]
    items = data["list"]
    assert isinstance(items, YList) and tuple(items.position) == (3, 3)
    assert [tuple(p) for p in items.item_positions] == [(3, 5), (4, 5), (5, 5)]
    assert tuple(items[1].position) == (4, 5) and tuple(items[2].position) == (5, 5)
    assert data.key_lines().pairs() == (("a", 1), ("list", 2))
    assert {k: tuple(p) for k, p in data.key_positions.items()} == {"a": (1, 1), "list": (2, 1)}
    assert tuple(data.where("absent")) == (1, 1)  # a key not in the file: the mapping's place


def test_positions_skip_refused_and_duplicate_keys() -> None:
    """Keys' positions are kept in the keys' order: a refused or repeated key has none."""
    text = "a: 1\n[x]: 2\nb: 3\na: 4\n  \nc: 5\n"
    with pytest.raises(DataError):
        yamlfile.load("f.yaml", text)
    builder = Builder("f.yaml", yaml.CSafeLoader(text).get_event)
    _found, data = builder.document()
    assert [p.line for p in builder.problems] == [2, 4]
    assert "first at line 1" in builder.problems[1].message
    assert data.key_lines().pairs() == (("a", 1), ("b", 3), ("c", 6))


def test_plain_data_has_position_zero_everywhere() -> None:
    data = from_plain({"a": {"b": 1}, "c": [1]}, "<data>")
    assert data.key_lines().pairs() == (("a", 0), ("c", 0))
    assert tuple(data["a"].where("b")) == (0, 0) and tuple(data.position) == (0, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an alias is a problem where the node it names was written, under the alias's field
        ("a: &x 1\nb: *x\n", [(1, 4, "b", ALIAS)]),
        ("a: &x [1, 2]\nb: *x\n", [(1, 4, "b", ALIAS)]),
        ("a: [&s 1, *s, *s]\n", [(1, 5, "a[1]", ALIAS), (1, 5, "a[2]", ALIAS)]),
        ("- &m {a: 1}\n- *m\n", [(1, 3, "[1]", ALIAS)]),
        # a node under a refused key was never built: its first alias builds it
        ("a: 1\na: &x [1]\nb: *x\nc: *x\n", [
            (2, 1, "a", "duplicate key 'a' (first at line 1): YAML would keep only the last "
             "one; remove one of them"),
            (2, 4, "c", ALIAS),
        ]),
        ("? [a]\n: &y {z: 1}\nq: *y\nr: *y\n",
         [(1, 3, "", "keys must be plain words"), (2, 3, "r", ALIAS)]),
        ("? &k [1]\n: 1\n? *k\n: 2\n",
         [(1, 3, "", "keys must be plain words"), (1, 3, "", "keys must be plain words")]),
        ("<<: {a: 1}\n", [(1, 1, "", "keys must be plain words")]),
        ("a: !!binary aGVsbG8=\n",
         [(1, 4, "a", "YAML tag 'tag:yaml.org,2002:binary' is not allowed: remove it")]),
        # what PyYAML's composer refuses, with its message and position
        ("a: &x 1\nb: &x 2\n", [(2, 4, "", "YAML syntax error: second occurrence")]),
        ("a: *nope\n", [(1, 4, "", "YAML syntax error: found undefined alias")]),
        ("a: 1\n---\nb: 2\n", [(2, 1, "", "YAML syntax error: but found another document")]),
        ("# nothing\n", [(1, 1, "", "the file is empty: no YAML document in it")]),
    ],
)  # fmt: skip
def test_problems(text: str, expected: list[tuple[int, int, str, str]]) -> None:
    assert problems(text) == expected


def test_a_key_named_by_an_alias_is_the_text_it_names() -> None:
    # a scalar key is never built, so an alias to it is its text (as composing gave)
    assert yamlfile.load("f.yaml", "&k a: 1\nb: *k\n") == {"a": 1, "b": "a"}


def test_nesting_deeper_than_the_limit_is_a_problem_not_a_crash() -> None:
    found = problems("x: " + "[" * 70 + "]" * 70 + "\n")
    assert len(found) == 1 and found[0][3] == "nested more than 64 levels deep"
    deep = "[" * 100_000 + "]" * 100_000  # the parser's own limit comes first
    assert problems(deep) == [(1, 1001, "", "YAML syntax error: exceeded maximum nesting depth")]


def test_loading_holds_a_small_multiple_of_the_file(tmp_path: Path) -> None:
    """Issue 16: PyYAML's node tree alone is ~37x the file; the values and their positions are
    held, the tree never is, and the keys' positions are numbers (~7.5x at 10,000 claims; a
    dict of Position tuples a mapping made it 12x)."""
    generated = generate(2_000, str(tmp_path))
    size = os.path.getsize(generated.claims_path)
    tracemalloc.start()
    try:
        data: Any = yamlfile.load(generated.claims_path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(data["claims"]) == 2_000
    assert peak < 10 * size, f"{peak / size:.1f}x the file"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<<: 1\n", [(1, 1)]),
        ("!!merge <<: 1\n", [(1, 1)]),
        ("!!merge x: 1\n", [(1, 1)]),
        ("? <<\n: 1\n", [(1, 3)]),
        ("a: {<<: {b: 1}}\n", [(1, 5)]),
        ("'<<': 1\n", {"<<": 1}),
        ("!!str <<: 1\n", {"<<": 1}),
        ("<<x: 1\nno: 2\ntrue: 3\n~: 4\n", {"<<x": 1, "no": 2, "true": 3, "~": 4}),
    ],
)
def test_only_the_merge_key_is_refused(text: str, expected: Any) -> None:
    """`<<` (plain or tagged !!merge) is refused; quoted, re-tagged or longer keys are words, and
    keys that other resolvers would type (`no`, `true`, `~`) are their text."""
    if isinstance(expected, dict):
        assert yamlfile.load("f.yaml", text) == expected
    else:
        assert [(line, column) for line, column, _f, _m in problems(text)] == expected


@pytest.mark.parametrize("count", [3, 32, 33, 200])
def test_positions_of_many_keys_and_their_duplicates(count: int) -> None:
    """Small mappings find a key's position by a scan, large ones through an index: the same
    positions either way, and a duplicate names the first one's line."""
    text = "".join(f"k{i}: {i}\n" for i in range(count)) + "k1: again\nlast: 1\n"
    builder = Builder("f.yaml", yaml.CSafeLoader(text).get_event)
    _found, data = builder.document()
    assert [data.where(f"k{i}").line for i in range(count)] == list(range(1, count + 1))
    assert data.where("last").line == count + 2 and data.where("absent").line == 1
    assert data.key_lines().pairs()[-1] == ("last", count + 2)
    assert [(p.line, p.message[:28]) for p in builder.problems] == [
        (count + 1, "duplicate key 'k1' (first at")
    ]
    assert "(first at line 2)" in builder.problems[0].message
