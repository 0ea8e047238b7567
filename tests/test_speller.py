"""The name side of an import: spelling ids and postings, whatever the batches."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claimcheck.lookup.index import ALTERNATE_BASE, POSITION_BITS, own_names
from claimcheck.lookup.speller import Spelled, Speller

DUMP = Path(__file__).parent / "data" / "geonames" / "LY-Derna.txt"


def _columns(lines: list[str]) -> tuple[list[int], list[str], list[str], list[str]]:
    rows = [line.split("\t") for line in lines]
    return (
        [int(r[0]) for r in rows],
        [r[1] for r in rows],
        [r[2] for r in rows],
        [r[3] for r in rows],
    )


def _spelled(
    batch: int,
) -> tuple[list[str], dict[tuple[int, int], tuple[int, int]], list[tuple[int, int, str]]]:
    """Every spelling in id order, each posting's spelling id and name number, every new name
    with its spelling id and number."""
    speller = Speller()
    lines = DUMP.read_text("utf-8").splitlines()
    spellings: list[str] = []
    posted: dict[tuple[int, int], tuple[int, int]] = {}
    names: list[tuple[int, int, str]] = []
    for first in range(0, len(lines), batch):
        out = speller.places(*_columns(lines[first : first + batch]))
        spellings += out.new_spellings
        names += zip(out.new_name_ids, out.new_name_numbers, out.new_names, strict=True)
        columns = (out.spelling_ids.tolist(), out.postings.tolist(), out.numbers.tolist())
        for sid, entry, number in zip(*columns, strict=True):
            posted[entry >> POSITION_BITS, entry & ((1 << POSITION_BITS) - 1)] = (sid, number)
    return spellings, posted, names


@pytest.mark.parametrize("batch", [1, 3, 10])
def test_ids_and_postings_do_not_depend_on_the_batches(batch: int) -> None:
    assert _spelled(batch) == _spelled(1000)


def test_each_name_of_a_place_is_posted_once_where_it_first_stands() -> None:
    lines = DUMP.read_text("utf-8").splitlines()
    ids, names, ascii_names, alternates = _columns(lines)
    out = Speller().places(ids, names, ascii_names, alternates)
    posted = {(e >> POSITION_BITS, e & ((1 << POSITION_BITS) - 1)) for e in out.postings.tolist()}
    expected = set()
    for gid, *columns in zip(ids, names, ascii_names, alternates, strict=True):
        listed = own_names(*columns)
        expected |= {(gid, listed.index(n)) for n in set(listed) - {""}}
    assert posted == expected
    assert out.names == len(expected)


def test_alternate_names_are_posted_at_their_rows() -> None:
    speller = Speller()
    out = speller.alternates([7, 7, 9], ["Tanf", "التنف", "Tanf"], first_row=5)
    assert isinstance(out, Spelled)
    assert (out.postings & ((1 << POSITION_BITS) - 1)).tolist() == [
        ALTERNATE_BASE + 5,
        ALTERNATE_BASE + 6,
        ALTERNATE_BASE + 7,
    ]
    assert (out.postings >> POSITION_BITS).tolist() == [7, 7, 9]
    assert out.new_names == ["Tanf", "التنف"]  # each new name once
    assert np.array_equal(out.spelling_ids, np.array(out.new_name_ids)[[0, 1, 0]])
    assert out.new_name_numbers == [0, 0]  # each the first name of its spelling


def test_a_name_is_numbered_under_its_spelling_in_the_order_names_are_met() -> None:
    speller = Speller()
    first = speller.alternates([1, 2], ["Ash Shāmīyah", "Ash Shamiyah"], first_row=1)
    again = speller.alternates([3, 4], ["ash-Shamiyah", "Ash Shāmīyah"], first_row=3)
    assert len(set(first.new_name_ids + again.new_name_ids)) == 1  # one spelling
    assert first.new_name_numbers + again.new_name_numbers == [0, 1, 2]
    assert again.numbers.tolist() == [2, 0]  # the name met before keeps its number
