"""Words that depend on a number: "1 claim", "2 claims", never "1 claims" or "claim(s)"."""

from __future__ import annotations


def count(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and its noun, agreeing: count(1, "claim") == "1 claim"; count(0, "claim") == "0 claims".

    `plural` for nouns that do not take an "s" (count(2, "vertex", "vertices")).
    """
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def every(n: int, noun: str = "claim") -> str:
    """All of `n` things, as a sentence says it: "the claim", "both claims", "all 3 claims"."""
    if n == 1:
        return f"the {noun}"
    return f"both {noun}s" if n == 2 else f"all {n} {noun}s"
