"""Where each key of a mapping is written, kept cheaply until a report asks."""

from __future__ import annotations

from collections.abc import Iterator, Sequence


class KeyLines:
    """(key, 1-based line) of each key of a mapping, in the file's order, as a tuple of pairs
    compares and hashes. Kept as the parser's numbers until read: every claim keeps its keys'
    lines for the reports that point at a field, which most runs never ask for (10,000 claims:
    ~3 ms kept, ~15 ms as pairs)."""

    __slots__ = ("_keys", "_lines", "_start")

    def __init__(self, keys: tuple[str, ...], lines: Sequence[int], start_line: int) -> None:
        #: the keys; the 0-based lines of those read from the file; the mapping's own line,
        #: which keys added after reading are given
        self._keys, self._lines, self._start = keys, lines, start_line

    def pairs(self) -> tuple[tuple[str, int], ...]:
        lines = [line + 1 for line in self._lines]
        lines += [self._start + 1] * (len(self._keys) - len(lines))  # keys added after reading
        return tuple(zip(self._keys, lines, strict=False))

    def __iter__(self) -> Iterator[tuple[str, int]]:
        return iter(self.pairs())

    def __eq__(self, other: object) -> bool:
        return self.pairs() == other.pairs() if isinstance(other, KeyLines) else NotImplemented

    def __hash__(self) -> int:
        return hash(self.pairs())

    def __repr__(self) -> str:
        return f"KeyLines({self.pairs()!r})"
