"""How a claim's figure was read, for a reader: its range and the source of every rule that set
it (docs/rules.md, "Reading a figure"). Used by the reasons and by the methods paragraph."""

from __future__ import annotations

import re

from claimcheck.analysis.checks import LengthCheck
from claimcheck.claims.meaning import depth_of
from claimcheck.grammar.relations import NOT_QUITE
from claimcheck.grammar.units import Unit
from claimcheck.grammar.vague import VAGUE_QUANTITIES
from claimcheck.render.words import depth, figure, from_to, interval_words

#: Scale steps as grammar.precision names them, as numbers.
_STEPS = {"tenths": "0.1", "halves": "0.5", "whole numbers": "1", "fives": "5", "tens": "10",
          "fifties": "50", "hundreds": "100", "five hundreds": "500",
          "thousands": "1,000"}  # fmt: skip

#: The source of each reading rule (docs/rules.md, "Reading a figure", gives them in full).
FINE_SOURCE = "Krifka 2009: a figure is read to the step of its last digit"
COARSE_SOURCE = "Krifka 2009; Jansen & Pollmann 2001: round numbers are read on a coarser scale"
ABOUT_SOURCE = (
    "Williams & Power 2013; the floor is claimcheck's default unless a claims file sets it"
)
CAP_SOURCE = "claimcheck's rule, docs/rules.md"
EXACT_SOURCE = "Lasersohn 1999: “exactly” narrows a figure to its written digits"
NEAR_SOURCE = "claimcheck's default, docs/rules.md; no published standard defines “near”"
SIDE_SOURCE = "Cambridge Advanced Learner's Dictionary"
NOT_QUITE_SOURCE = "American Heritage Dictionary, “almost”; WordNet 3.0, “nearly”"
CONVERTED_SOURCE = (
    "news copy keeps digits a converted figure never had: Rentoul 2022, Language Log; "
    "docs/rules.md, “A converted figure”"
)


def _rule_words(why: str, unit: Unit, coarse: bool, about: str) -> str:
    """ "as rounded to tens, capped at 25 % of the figure" -> plain words with sources."""
    converted = re.fullmatch(r"as a conversion of (\S+ \S+) read (.+) \((.+)\)", why)
    if converted:
        original = _rule_words(converted.group(2), Unit(converted.group(1).split()[1]), True, about)
        return (
            f"as {converted.group(1)} converted ({CONVERTED_SOURCE}), "
            f"{converted.group(3)} read {original}"
        )
    parts = []
    rounded = re.search(r"rounded to ([a-z ]+?)(?:,|$)", why)
    steps = re.search(r"rounded to steps of ([\d.]+)", why)
    step = steps.group(1) if steps else _STEPS.get(rounded.group(1), "") if rounded else ""
    if step:
        source = COARSE_SOURCE if coarse else FINE_SOURCE
        parts.append(f"as rounded to the nearest {step} {unit.value} ({source})")
    elif "'about' allows" in why:
        parts.append(
            f"“about” as allowing at least {about} of the figure either way ({ABOUT_SOURCE})"
        )
    elif "exact" in why:
        parts.append(f"as exact to its last written digit ({EXACT_SOURCE})")
    elif "claim states" in why:
        parts.append("with the tolerance the claim states")
    if "capped" in why:
        parts.append(f"but never more than a quarter of the figure either way ({CAP_SOURCE})")
    return ", ".join(parts)


def reading_words(check: LengthCheck, about: str = "5 %", written: str | None = None) -> str:
    """How the claim's figure was read, with its range and the rule's source: one sentence.
    `written`: the figure as the claim words it ("just over 100 km"), if the check's own text
    (which says "about" for every hedge) is not."""
    unit = check.unit
    claimed = written or figure(check.claimed)
    acceptable, strict = check.acceptable, check.strict or check.acceptable
    deep = depth(check)
    if deep is not None:  # "30 km inside": its figure is the depth, read as any distance is
        acceptable, strict = deep, depth_of(strict) or deep
    vague = next((w for w in VAGUE_QUANTITIES if claimed.lower().startswith(w + " ")), None)
    if vague is not None:
        q = VAGUE_QUANTITIES[vague]
        return f"“{claimed}” is read as {q.low:f} to {q.high:f} {unit.value} ({q.source})."
    default = re.search(r"the default threshold for a (\w+)", check.claimed)
    if check.quantity == "near" and default:
        return (
            f"“Near”, with no figure, is read as {interval_words(acceptable, unit)}, "
            f"the default for a {default.group(1)} ({NEAR_SOURCE})."
        )
    found = re.fullmatch(
        r"'(.+?)' read (as .+?) \(±[^)]*\)(?: or (as .+?) \(±[^)]*\))?", check.readings
    )
    if not found:
        return f"The claim needs {interval_words(acceptable, unit)}."
    fine = _rule_words(found.group(2), unit, coarse=False, about=about)
    hedge = re.match(r"(\D+?) \d", claimed)
    if hedge and hedge.group(1).lower() not in ("about", "just over", "just under", *NOT_QUITE):
        fine = fine.replace("“about” as allowing", f"“{hedge.group(1)}” read as “about”, allowing")
    side = re.match(r"(?:just (over|under)|(nearly|almost)) ", claimed, re.IGNORECASE)
    if side is not None:
        more = side.group(1) == "over"
        bound = f"{'more' if more else 'less'} than {found.group(1)}"
        meaning = (
            f"“{side.group(1)}” is “{'more' if more else 'less'} than”: {SIDE_SOURCE}"
            if side.group(1)
            else f"“{side.group(2).lower()}” is “slightly short of, not quite”: {NOT_QUITE_SOURCE}"
        )
        fine = f"{bound} ({meaning}) by no more than “about {found.group(1)}” allows, {fine}"
    if found.group(3) is None:
        span = from_to(acceptable.low, acceptable.high, unit)
        return (
            f"“{claimed}” is read as {span}: {fine}."
            if side
            else (f"“{claimed}” is read as {span}, {fine}.")
        )
    coarse = _rule_words(found.group(3), unit, coarse=True, about=about)
    if hedge and hedge.group(1).lower() not in ("about", "just over", "just under"):
        coarse = coarse.replace(
            "“about” as allowing", f"“{hedge.group(1)}” read as “about”, allowing"
        )
    return (
        f"“{claimed}” can be read two ways: strictly as {from_to(strict.low, strict.high, unit)}, "
        f"{fine}; leniently as {from_to(acceptable.low, acceptable.high, unit)}, "
        f"{coarse}."
    )


def reading_rules(about: str) -> str:
    """The reading rules and their sources, closing the paragraph (docs/rules.md has them)."""
    return (
        "A bare figure is read to the step of its last digit (Krifka 2009); a round or hedged one "
        "also on a coarser scale of fives, tens and fifties (Krifka 2009; Jansen & Pollmann 2001; "
        f"Williams & Power 2013), “about” allowing at least {about} of the figure either way "
        "(claimcheck's default, unless the claims file sets its own), and no reading allows more "
        "than a quarter of the figure (claimcheck's rule); a figure that is not round may also "
        "be a rounder one in another unit, converted (Rentoul 2022). Vague words (“a few”, "
        "“several”) take the ranges of docs/rules.md, each from a dictionary; a compass point "
        "covers its sector (45° for the eight main points); a route is compared with the straight "
        "line by the circuity of roads, rivers and railways (docs/rules.md)."
    )
