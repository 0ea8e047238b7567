"""Where each key of a mapping is written, kept cheaply until a report asks."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from claimcheck.frozen import frozen


@frozen(eq=False)
class KeyLines:
    """(key, 1-based line) of each key of a mapping, in the file's order, compared and hashed
    as those pairs. Kept as the parser's numbers until read: every claim keeps its keys' lines
    for the reports that point at a field, which most runs never ask for (10,000 claims: ~3 ms
    kept, ~15 ms as pairs)."""

    names: tuple[str, ...]
    #: the 0-based lines of the keys (`names`) read from the file (a copy no one else holds)
    lines: Sequence[int]
    #: the mapping's own 0-based line, which keys added after reading are given
    start_line: int

    def pairs(self) -> tuple[tuple[str, int], ...]:
        lines = [line + 1 for line in self.lines]
        lines += [self.start_line + 1] * (len(self.names) - len(lines))  # keys added later
        return tuple(zip(self.names, lines, strict=False))

    def __iter__(self) -> Iterator[tuple[str, int]]:
        return iter(self.pairs())

    def __eq__(self, other: object) -> bool:
        return self.pairs() == other.pairs() if isinstance(other, KeyLines) else NotImplemented

    def __hash__(self) -> int:
        return hash(self.pairs())

    def __repr__(self) -> str:
        return f"KeyLines({self.pairs()!r})"
