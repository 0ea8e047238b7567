"""Who a sentence says is speaking: "X told Y", "X said", "according to X"."""

from __future__ import annotations

import re

from claimcheck.claims.extract.patterns import (
    _ACCORDING_RE,
    _ATTRIBUTION_RE,
    _PRONOUNS,
    _SAID_AFTER_RE,
    _WHO_PREFIXES,
    _WHO_STRIP,
)


def _attribution(sentence: str, offset: int, previous: str | None) -> tuple[str, int, int] | None:
    """Who the sentence says is speaking: "X told Y", "X said", "according to X"."""
    for m in _ATTRIBUTION_RE.finditer(sentence):
        who = _WHO_PREFIXES.sub("", m["who"]).strip()
        who = _WHO_STRIP.sub("", who)
        if (
            not who
            or len(who.split()) > 9
            or re.search(r"\b(?:was|were|is|are|been|be)$", who, re.IGNORECASE)
        ):
            continue
        if who.lower() in _PRONOUNS:
            if previous is None and " " not in who:
                continue
            who = previous or who
        elif m["to"] and m["verb"].lower() == "told":
            to = m["to"].strip()
            if to.lower() not in ("reporters", "journalists"):
                who = f"{who}, via {to}"
        return who, offset + m.start("who"), offset + m.end()
    according = _ACCORDING_RE.search(sentence)
    if according:
        return according["who"].strip(), offset + according.start(), offset + according.end()
    after = _SAID_AFTER_RE.search(sentence)
    if after:
        return after["who"].strip(), offset + after.start(), offset + after.end()
    return None
