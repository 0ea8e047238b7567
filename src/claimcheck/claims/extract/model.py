"""What extraction proposes: a Draft per figure, with the conversion it checked."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from claimcheck.frozen import frozen
from claimcheck.grammar.relations import (
    SIDE_WORDS,
    Relation,
    Requirement,
    parse_requirement,
)
from claimcheck.grammar.units import (
    Length,
    format_decimal,
)


@frozen
class ConversionCheck:
    """A figure with its conversion in brackets, "55 kilometres (34 miles)", and whether the
    converted figure is the stated one correctly rounded at the precision it is written with."""

    stated: Length
    converted: Length
    #: the stated figure in the converted unit, unrounded
    exact: float
    ok: bool
    #: the step the converted figure is read as rounded to (10 for "50 miles", 0.1 for "4.5")
    step: Decimal


@frozen
class Draft:
    """One proposed claim: what the sentence asserts, where it says it, who says it."""

    kind: str
    quote: str
    start: int
    end: int
    subject: str | None
    reference: str | None
    relation: Relation | None
    value: Decimal | None
    unit: str | None
    direction: str | None
    claimant: str | None
    #: upper figure of a "between" range
    high: Decimal | None = None
    conversion: ConversionCheck | None = None
    #: gazetteer ids the subject and reference resolve to ([] = unresolved)
    subject_ids: tuple[str, ...] = ()
    reference_ids: tuple[str, ...] = ()
    #: how a place was read when the phrase alone did not say ("'Nikopol' fits 3 places; ...")
    place_notes: tuple[str, ...] = ()
    #: unit of `high` when it differs from `unit` ("between 30 km and 40 miles")
    high_unit: str | None = None
    #: "just over"/"just under": the side of an "about" figure (grammar.relations.SIDE_WORDS)
    side: Relation | None = None
    #: the writer's hedge where it is not "about" ("some 40 km", "nearly 100 km"), kept so the
    #: draft, and the report made from it, words the figure as the article does
    hedge: str | None = None
    #: the route the text measures along ("95 kilometres by road": road), `along:` in a claim
    along: str | None = None

    @property
    def requirement(self) -> Requirement | None:
        """The figure as the claims-file grammar reads it ("more than 45 mi")."""
        text = self.requirement_text
        return parse_requirement(text) if text else None

    @property
    def requirement_text(self) -> str | None:
        if self.value is None or self.unit is None or self.relation is None:
            return None
        value = format_decimal(self.value)
        if self.relation is Relation.BETWEEN and self.high is not None:
            high = format_decimal(self.high)
            if self.high_unit:
                return f"between {value} {self.unit} and {high} {self.high_unit}"
            return f"between {value} and {high} {self.unit}"
        if self.relation is Relation.EXACTLY:
            return f"{value} {self.unit}"
        if self.side is not None:
            return f"{self.hedge or SIDE_WORDS[self.side]} {value} {self.unit}"
        if self.relation is Relation.ABOUT and self.hedge:
            return f"{self.hedge} {value} {self.unit}"
        return f"{self.relation.value.replace('_', ' ')} {value} {self.unit}"

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "subject": self.subject,
            "reference": self.reference,
            "relation": self.relation.value if self.relation else None,
            "value": _number(self.value),
            "unit": self.unit,
            "direction": self.direction,
            "along": self.along,
            "claimant": self.claimant,
            "high": _number(self.high),
            "high_unit": self.high_unit,
            "subject_ids": list(self.subject_ids),
            "reference_ids": list(self.reference_ids),
            "conversion": None,
        }
        if self.conversion is not None:
            c = self.conversion
            out["conversion"] = {
                "value": _number(c.converted.value),
                "unit": c.converted.unit.value,
                "exact": round(c.exact, 3),
                "ok": c.ok,
            }
        return out


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
