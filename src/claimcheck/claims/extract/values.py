"""The value of a matched figure, read with the claims-file grammar (one grammar, not two):
its requirements ("25 km and 30 km" is two) and the conversion written after it, checked."""

from __future__ import annotations

import re
from decimal import Decimal

from claimcheck.claims.extract.model import ConversionCheck
from claimcheck.errors import ParseError
from claimcheck.grammar.relations import (
    RELATION_SUFFIXES,
    Relation,
    Requirement,
    about_tolerance,
    parse_requirement,
)
from claimcheck.grammar.units import format_decimal, parse_length, parse_number


def read_requirements(m: re.Match[str], left_out: str | None = None) -> list[Requirement]:
    """Read the matched figure with the claims-file grammar: one grammar, not two. "25 km and
    30 km" (no "between") is two figures, each with the comparator written before the first."""
    unit = m["unit"] or left_out
    rel = m["rel"] or ""
    number = m["number"]
    if m["and_half"]:
        try:  # "a mile and a half", "two kilometres and a half": the number and a half
            number = format_decimal(parse_number(number) + Decimal("0.5"))
        except ParseError:
            return []
    if m["low"] is not None and m["range_word"] is None and m["range_sep"].lower() == "and":
        low_unit = m["low_unit"] or unit
        texts = [f"{rel} {m['low']} {low_unit}", f"{rel} {number} {unit}"]
    elif m["low"] is not None:
        low_unit = f" {m['low_unit']}" if m["low_unit"] else ""
        texts = [f"between {m['low']}{low_unit} and {number} {unit}"]
    else:
        texts = [f"{rel} {number} {unit}"]
    requirements = []
    for text in texts:
        try:
            requirement = parse_requirement(text.strip())
        except ValueError:
            return []
        if m["suffix"] and not m["rel"] and requirement.relation is Relation.EXACTLY:
            requirement = Requirement(RELATION_SUFFIXES[m["suffix"].lower()], requirement.figure)
        requirements.append(requirement)
    return requirements


def other_unit(requirement: Requirement) -> str | None:
    """The unit of a range's top when it is not its bottom's, so the draft keeps both."""
    high = requirement.high
    return high.unit.value if high is not None and high.unit is not requirement.unit else None


def conversion(m: re.Match[str], requirement: Requirement) -> ConversionCheck | None:
    """The conversion written after the figure, "20 km (12 miles)" or "40 km/ 25 miles", checked
    against it; none for a range on either side ("10-15 km/ 6–9 miles" is read as its first)."""
    number, unit = (m["cnum"], m["cunit"]) if m["cnum"] else (m["snum"], m["sunit"])
    if number is None or m["low"] is not None or m["slow"] is not None:
        return None
    try:
        converted = parse_length(f"{number} {unit}")
    except ParseError:  # a stated conversion longer than the Earth is no conversion to check
        return None
    stated = requirement.figure
    exact = stated.metres / converted.unit.metres
    half_step = about_tolerance(converted, Relation.EXACTLY).value
    ok = abs(exact - float(converted.value)) <= float(half_step) + 1e-9
    return ConversionCheck(stated, converted, exact, ok, 2 * half_step)
