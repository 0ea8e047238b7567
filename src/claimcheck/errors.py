"""Problems found in input files, and the one exception hierarchy that carries them to the CLI.

ClaimcheckError
├── ParseError   a phrase the grammar cannot read (UnitError, RelationError, CoordinateError,
│                DirectionError); also a ValueError
├── DataError    an input file that cannot be used; carries every Problem found
└── UsageError   a command-line argument or API call that cannot be used
"""

from __future__ import annotations

import dataclasses
from enum import Enum
from typing import Any

from claimcheck.frozen import frozen


class Kind(Enum):
    """An Enum whose members hash as objects do, in C: Enum's own hash is a Python call (on
    the member's name), and verdicts, units and relations are looked up in dicts and sets for
    every claim. Members are singletons that compare by identity, so equal means same hash.

    `value` is a plain property: Enum's own descriptor takes ~3 times as long, and reports
    read a verdict's, unit's or relation's value several times a claim (100,000 reads at
    10,000 claims)."""

    __hash__ = object.__hash__

    @property
    def value(self) -> Any:
        return self._value_


class Level(Kind):
    ERROR = "error"
    WARNING = "warning"


@frozen(order=True)
class Problem:
    """One thing wrong with an input file, at a 1-based position (0 = whole file)."""

    #: file as the user named it
    path: str
    #: 1-based line; 0 when the problem concerns the whole file
    line: int
    #: 1-based column; 0 when unknown
    column: int
    #: the YAML field (or data path) the problem is about, e.g. "claims[3].distance"
    field: str = dataclasses.field(compare=False)
    message: str = dataclasses.field(compare=False)
    level: Level = dataclasses.field(default=Level.ERROR, compare=False)
    #: the claim or place id, when known
    item: str = dataclasses.field(default="", compare=False)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path
        label = f" {self.field}:" if self.field else ""
        return f"{where}: [{self.level.value}]{label} {self.message}"


class ClaimcheckError(Exception):
    """Base of every error that claimcheck reports to the user without a traceback."""


class ParseError(ClaimcheckError, ValueError):
    """A phrase or value the grammar cannot read: a unit, a relation, a coordinate, a direction.

    A ValueError too, so code that validates input with `except ValueError` keeps working.
    """


class DataError(ClaimcheckError):
    """Input that cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(ClaimcheckError):
    """A command-line argument that cannot be used (exit 2)."""


def shown(text: str, limit: int = 80) -> str:
    """`text` quoted for a message, cut in the middle when long: an error never repeats
    megabytes of someone's input back at them (nor hides that it was long)."""
    if len(text) <= limit:
        return repr(text)
    return f"{text[: limit - 20] + '…' + text[-10:]!r} ({len(text):,} characters)"
