"""A claims file's own policy: the `defaults:` block that sets the confidence and "about".

    defaults:
      confidence: 90 %   # consistent when P ≥ 90 %, inconsistent when P ≤ 10 %
      about: 10 %        # the least slack of a hedged figure ("about 24 km" is 24 ± 2.4 km)

Without the block the built-in policy applies (95 %, 5 %). Every verdict the file's policy
changes says so, with the file and line of the block.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from claimcheck.errors import Problem
from claimcheck.files import yamlfile
from claimcheck.frozen import frozen
from claimcheck.grammar.precision import ABOUT_FRACTION, HALO_CAP

#: The keys of a `defaults:` block.
POLICY_KEYS = ("confidence", "about")
_PERCENT_RE = re.compile(r"\s*(?P<number>[0-9]+(?:\.[0-9]+)?)\s*%\s*")


@frozen
class Policy:
    """The decision rule's confidence and the slack of "about", and where they were set."""

    #: consistent when P(holds) ≥ confidence, inconsistent when P(holds) ≤ 1 − confidence
    confidence: Decimal = Decimal("0.95")
    #: the least slack of a hedged figure, as a fraction of it
    about: Decimal = ABOUT_FRACTION
    #: "claims.yaml:3" where a file set it; empty for the built-in policy
    origin: str = ""

    def describe(self) -> str:
        """ "confidence 95 %, 'about' at least ±5 %" """
        return f"confidence {_percent(self.confidence)}, 'about' at least ±{_percent(self.about)}"

    @property
    def is_default(self) -> bool:
        return (self.confidence, self.about) == (DEFAULT_POLICY.confidence, DEFAULT_POLICY.about)


def _percent(value: Decimal) -> str:
    return f"{(value * 100).normalize():f} %"


DEFAULT_POLICY = Policy()


def _fraction(entry: yamlfile.Entry, key: str) -> Decimal | None:
    """ "90 %", "90%" or 0.9 as a Decimal fraction; a problem (and None) otherwise."""
    value = entry.data.get(key)
    if isinstance(value, bool) or value is None:
        entry.problem(key, f"{key!r} must be a percentage such as '95 %'")
        return None
    if isinstance(value, (int, float)):
        try:
            return Decimal(repr(value))
        except InvalidOperation:
            pass
    match = _PERCENT_RE.fullmatch(str(value))
    if match is None:
        entry.problem(key, f"cannot read {value!r} as a percentage: write e.g. '95 %'")
        return None
    return Decimal(match["number"]) / 100


def read_policy(data: Any, path: str, problems: list[Problem]) -> Policy:
    """The policy of a loaded claims file (its `defaults:` block), problems appended."""
    if not isinstance(data, yamlfile.YMap) or "defaults" not in data:
        return DEFAULT_POLICY
    block = data["defaults"]
    line = data.where("defaults").line
    if not isinstance(block, yamlfile.YMap):
        problems.append(Problem(path, line, 1, "defaults", "'defaults' must be a mapping"))
        return DEFAULT_POLICY
    entry = yamlfile.Entry(block, path, "defaults", problems)
    entry.check_keys(POLICY_KEYS)
    confidence, about = DEFAULT_POLICY.confidence, DEFAULT_POLICY.about
    if entry.has("confidence"):
        value = _fraction(entry, "confidence")
        if value is not None and not Decimal("0.5") < value < 1:
            entry.problem("confidence", "confidence must lie between 50 % and 100 % (exclusive)")
        elif value is not None:
            confidence = value
    if entry.has("about"):
        value = _fraction(entry, "about")
        if value is not None and not 0 < value <= HALO_CAP:
            entry.problem("about", f"'about' must lie in (0 %, {_percent(HALO_CAP)}]")
        elif value is not None:
            about = value
    return Policy(confidence, about, f"{path}:{line}")
