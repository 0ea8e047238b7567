"""The name side of a GeoNames import: spelling ids and postings, worked out in a second process.

`places import geonames` reads and writes the places in one process while this one spells
their names (importer): each does about half of the work, so the import takes about the time
of the longer half on a machine with two CPUs (docs/performance.md, "The eleventh round").
A `Speller` keeps the state that must see every batch in order (which names and spellings
have been met, their ids, and the spellings' trigrams) and answers each batch with plain
arrays and lists; it touches no file. The importer runs one in a worker process (`start`,
then `places` and `alternates` for each batch, in order, then `trigram_rows`), or in its own
process on a machine with one CPU (`reset`, then the same calls): one code path either way.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

from claimcheck.frozen import frozen
from claimcheck.gazetteer.names import keys_of_spellings, spellings
from claimcheck.lookup.index import ALTERNATE_BASE, POSITION_BITS

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Ints = npt.NDArray[np.int64]

#: names remembered with their spelling id; past this the cache starts again (the world's dump
#: has tens of millions of distinct names, which would not fit)
NAME_CACHE = 2_000_000
#: a name's code: its spelling id << NUMBER_BITS | its number among that spelling's names
NUMBER_BITS = 32
_NUMBER = (1 << NUMBER_BITS) - 1


@frozen
class Spelled:
    """What a batch adds to the index: its postings (spelling id, GeoNames id << POSITION_BITS
    | position, and the name's number under its spelling: index.postings), the names met for
    the first time with their spelling ids and numbers (`spelling_names`), the spellings met
    for the first time, in id order, with their match keys, and how many distinct names of
    places the batch had."""

    spelling_ids: Ints
    postings: Ints
    numbers: Ints
    new_names: list[str]
    new_name_ids: list[int]
    new_name_numbers: list[int]
    new_spellings: list[str]
    new_keys: list[str]
    names: int


class Speller:
    """Spelling ids for the names of one import's batches, given in the order they are met."""

    def __init__(self) -> None:
        #: name as written -> its code (spelling id and number; a cache, see NAME_CACHE)
        self.code_of: dict[str, int] = {}
        #: spelled -> spelling id, which is its place in this dict's order (from 1)
        self.spelling_ids: dict[str, int] = {}
        #: names numbered under each spelling so far, by spelling id
        self.numbered: list[int] = [0]
        #: the trigram postings of the spellings so far
        self.trigrams = Trigrams()

    def places(
        self, ids: list[int], names: list[str], ascii_names: list[str], alternates: list[str]
    ) -> Spelled:
        """A batch of places, a column each (GeoNames id, name, ASCII name, alternate names).

        A place's names are its name and ASCII name (its own) and its alternate names, each
        distinct name posted once, at the position where it first stands (index.own_names).
        Names are met place by place and position by position, and a spelling's id is the
        order in which it is first met.
        """
        import numpy as np  # in the worker: the importer's process forks it before numpy

        count = len(ids)
        extra = np.fromiter(map(str.count, alternates, itertools.repeat(",")), np.int64, count) + 1
        # every name of the batch, a column at a time: names, ASCII names, alternate names
        every = names + ascii_names + ",".join(alternates).split(",")
        whose = np.arange(count, dtype=np.int64)
        starts = np.repeat(np.cumsum(extra) - extra, extra)
        position = np.concatenate(
            (
                np.zeros(count, np.int64),
                np.ones(count, np.int64),
                np.arange(len(every) - 2 * count, dtype=np.int64) - starts + 2,
            )
        )
        whose = np.concatenate((whose, whose, np.repeat(whose, extra)))
        number = {name: i for i, name in enumerate(dict.fromkeys(every))}
        nid = np.fromiter(map(number.__getitem__, every), np.int64, len(every))
        met = np.lexsort((position, whose))  # as a reader meets them
        # each (place, name) once, where it first stands; "" is no name
        _, first = np.unique((whose[met] << 32) | nid[met], return_index=True)
        kept = met[first]
        kept = kept[nid[kept] != number.get("", -1)]
        # the batch's distinct names in the order they are first met
        _, seen = np.unique(nid[met], return_index=True)
        distinct = list(number)
        ordered = [distinct[i] for i in nid[met][np.sort(seen)].tolist() if distinct[i]]
        new, codes, fresh = self._spell(ordered)
        code = np.fromiter(map(self.code_of.get, distinct, itertools.repeat(0)), np.int64)[
            nid[kept]
        ]
        gid = np.array(ids, dtype=np.int64)[whose[kept]]
        posted = (gid << POSITION_BITS) | position[kept]
        return _spelled(code, posted, new, codes, fresh)

    def alternates(self, ids: list[int], names: list[str], first_row: int) -> Spelled:
        """alternateNamesV2 names new to their places, written to `alternates` from row
        `first_row` on (their positions: ALTERNATE_BASE + row)."""
        import numpy as np  # in the worker: the importer's process forks it before numpy

        new, codes, fresh = self._spell(list(dict.fromkeys(names)))
        code = np.fromiter(map(self.code_of.__getitem__, names), np.int64, len(names))
        rows = np.arange(first_row, first_row + len(names), dtype=np.int64)
        posted = (np.array(ids, dtype=np.int64) << POSITION_BITS) | (ALTERNATE_BASE + rows)
        return _spelled(code, posted, new, codes, fresh)

    def _spell(self, names: list[str]) -> tuple[list[str], list[int], list[str]]:
        """Of these distinct names, those not yet seen, spelled together (gazetteer.names.
        spellings), with their codes, a spelling first met getting the next id and a name the
        next number under its spelling; and the new spellings."""
        cache = self.code_of
        if len(cache) >= NAME_CACHE:
            cache.clear()  # a name met again is numbered again: spelling_names lists it twice
        # (names are distinct, and none is empty: `places` and the importer leave them out)
        new = list(itertools.filterfalse(cache.__contains__, names))
        spelled = spellings(new)
        ids = self.spelling_ids
        fresh = list(itertools.filterfalse(ids.__contains__, dict.fromkeys(spelled)))
        ids.update(zip(fresh, itertools.count(len(ids) + 1)))
        numbered = self.numbered
        numbered += [0] * len(fresh)
        codes = []
        for sid in map(ids.__getitem__, spelled):
            codes.append(sid << NUMBER_BITS | numbered[sid])
            numbered[sid] += 1
        cache.update(zip(new, codes, strict=True))
        self.trigrams.add(fresh, len(ids) - len(fresh))
        return new, codes, fresh


class Trigrams:
    """The trigram table (trigram -> the ids of the spellings that have it, packed; index.
    trigrams of every spelling), gathered a batch of new spellings at a time with numpy (the
    spellings are ASCII: a trigram is three bytes)."""

    def __init__(self) -> None:
        self.parts: dict[bytes, list[bytes]] = {}

    def add(self, spelled: list[str], before: int) -> None:
        """New spellings, whose ids follow the `before` spellings already added."""
        import numpy as np  # in the worker: the importer's process forks it before numpy

        # b"\n" before each spelling and after the last: no spelling holds one, and each
        # stands for the space a spelling is padded with
        text = np.frombuffer(("\n" + "\n".join(spelled) + "\n").encode("ascii"), np.uint8)
        breaks = text == ord("\n")
        owner = np.cumsum(breaks, dtype=np.uint64) + np.uint64(before)  # spelling id at each byte
        code = np.where(breaks, np.uint64(ord(" ")), text.astype(np.uint64))
        trigram = (code[:-2] << np.uint64(16)) | (code[1:-1] << np.uint64(8)) | code[2:]
        inside = ~breaks[1:-1]  # a trigram centred on a break spans two spellings
        pairs = np.sort((trigram[inside] << np.uint64(32)) | owner[:-2][inside])
        if not len(pairs):  # spellings without letters ("-" spells "") have no trigrams
            return
        pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))]  # once per spelling
        grams = pairs >> np.uint64(32)
        ids = (pairs & np.uint64(0xFFFFFFFF)).astype(np.int32).tobytes()
        starts = np.flatnonzero(np.concatenate(([True], grams[1:] != grams[:-1]))).tolist()
        ends = [*starts[1:], len(grams)]
        parts = self.parts
        for gram, start, end in zip(grams[starts].tolist(), starts, ends, strict=True):
            parts.setdefault(gram.to_bytes(3, "big"), []).append(ids[4 * start : 4 * end])

    def rows(self) -> Iterator[tuple[str, bytes]]:
        """(trigram, packed ids) in trigram order, each trigram's ids in id order."""
        for gram in sorted(self.parts):
            yield gram.decode("ascii"), b"".join(self.parts[gram])


def _spelled(
    code: Ints, posted: Ints, new: list[str], codes: list[int], fresh: list[str]
) -> Spelled:
    """A batch's answer, from each posting's name code and the names met for the first time."""
    return Spelled(
        code >> NUMBER_BITS,
        posted,
        code & _NUMBER,
        new,
        [c >> NUMBER_BITS for c in codes],
        [c & _NUMBER for c in codes],
        fresh,
        keys_of_spellings(fresh),
        len(posted),
    )


# --- where the importer runs it: a worker process, or its own with one CPU ------------------

#: the Speller of the import under way (`reset` and `start` make it)
_speller = Speller()


def reset() -> None:
    """A fresh Speller, for a new import."""
    global _speller
    _speller = Speller()


def start() -> None:
    """Start a worker process: a fresh Speller, and no garbage collection (its batches are
    hundreds of thousands of acyclic objects, each a collection's work, as in the importer's
    process). Ctrl-C is left to the importer's process, which ends this one once the batch in
    hand is done (no traceback from here); and this one ends if that one is killed, rather
    than wait for work forever."""
    reset()
    gc.disable()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_end_with, args=(parent.sentinel,), daemon=True).start()


def _end_with(sentinel: int) -> None:
    """Wait for the importer's process to end, then end this one."""
    multiprocessing.connection.wait([sentinel])
    os._exit(1)


def ready() -> None:
    """Nothing: answered once the worker has started."""


def places(
    ids: list[int], names: list[str], ascii_names: list[str], alternates: list[str]
) -> Spelled:
    """`Speller.places` of the import under way."""
    return _speller.places(ids, names, ascii_names, alternates)


def alternates(ids: list[int], names: list[str], first_row: int) -> Spelled:
    """`Speller.alternates` of the import under way."""
    return _speller.alternates(ids, names, first_row)


def trigram_rows() -> list[tuple[str, bytes]]:
    """The trigram table of the import under way, once every batch is in."""
    return list(_speller.trigrams.rows())
