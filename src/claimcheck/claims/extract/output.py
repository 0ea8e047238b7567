"""Drafts as claims-file YAML or JSON, and appended to a claims file keeping every byte."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from claimcheck.claims.extract.model import ConversionCheck, Draft
from claimcheck.errors import DataError, UsageError
from claimcheck.files import yamlfile
from claimcheck.frozen import frozen
from claimcheck.grammar.units import (
    format_decimal,
)

#: The drafts of one article, and the title they cite it by ("articles/a.txt").
Article = tuple[str, Sequence[Draft]]


def to_json(drafts: Sequence[Draft]) -> str:
    return json.dumps({"claims": [d.as_json() for d in drafts]}, indent=2, ensure_ascii=False)


def articles_json(articles: Sequence[Article]) -> str:
    """The drafts of several articles; each claim also names its `source`, the article its
    `start`/`end` offsets are into."""
    claims = [{"source": title, **d.as_json()} for title, drafts in articles for d in drafts]
    return json.dumps({"claims": claims}, indent=2, ensure_ascii=False)


#: Characters JSON leaves raw but YAML forbids (C1 controls, DEL) or reads as line breaks, and
#: bidirectional controls, which reorder what a terminal or an editor shows (docs/robustness.md)
_YAML_UNSAFE = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufffe\uffff]"
)


def conversion_words(c: ConversionCheck) -> str:
    """Whether the text's conversion is the figure rounded as the conversion is written: "the
    text's 50 mi is 75 km rounded to the nearest 10 mi", "… is NOT … (4.3 mi would be)"."""
    unit = c.converted.unit.value
    step = format_decimal(c.step.normalize())
    nearest = "a whole number" if c.step == 1 else f"the nearest {step} {unit}"
    if c.ok:
        return f"the text's {c.converted} is {c.stated} rounded to {nearest}"
    places = len(step.partition(".")[2])
    rounded = round(c.exact / float(c.step)) * float(c.step)
    return (
        f"the text's {c.converted} is NOT {c.stated} rounded to {nearest} "
        f"({rounded:.{places}f} {unit} would be)"
    )


def _yaml_scalar(value: str) -> str:
    if re.fullmatch(r"[A-Za-z0-9][\w .,'’()/–-]*", value) and not value.endswith(" "):
        return value
    quoted = json.dumps(value, ensure_ascii=False)
    quoted = _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)
    return quoted.replace("##[", "#\\u0023[")  # a CI runner's legacy command, even mid-line


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-")


def _draft_id(draft: Draft) -> str:
    figure = f"{format_decimal(draft.value)}{draft.unit}" if draft.value is not None else ""
    parts = [draft.subject or "", draft.kind.replace("_", "-"), draft.reference or "", figure]
    # 90 characters leave room for a "-NN" that makes it unique: ids are at most 100
    # (claimcheck.gazetteer.places.ID_PATTERN)
    return ("extract-" + "-".join(p for p in (_slug(x) for x in parts) if p))[:90].rstrip("-")


def _place_value(name: str, ids: tuple[str, ...]) -> str:
    return ids[0] if len(ids) == 1 else name


def yaml_entries(
    drafts: Sequence[Draft], source_title: str, taken_ids: Iterable[str] = ()
) -> tuple[str, list[Draft]]:
    """Claims-file entries (without `expect:`) for every complete draft, and the drafts left
    out because they lack a place; ids are unique against `taken_ids` and each other."""
    body, left_out = _entries([(source_title, d) for d in drafts], set(taken_ids))
    return body, [d for _, d in left_out]


def _entries(
    drafts: Iterable[tuple[str, Draft]], used: set[str]
) -> tuple[str, list[tuple[str, Draft]]]:
    """`yaml_entries` for drafts that each cite their own article; adds the ids to `used`."""
    #: per base id, the suffix it last got (1: none): every lower one is taken, and stays so
    suffixes: dict[str, int] = {}
    lines: list[str] = []
    left_out: list[tuple[str, Draft]] = []
    for source_title, d in drafts:
        entry = _entry(d, source_title)
        if entry is None:
            left_out.append((source_title, d))
            continue
        base = _draft_id(d)
        n = suffixes.get(base, 1)
        claim_id = base if n == 1 else f"{base}-{n}"
        while claim_id in used:
            n += 1
            claim_id = f"{base}-{n}"
        suffixes[base] = n
        used.add(claim_id)
        lines.append(f"  - id: {claim_id}")
        for key, value in entry:
            if key == "source":
                lines += ["    source:", f"      title: {value}"]
            else:
                lines.append(f"    {key}: {value}")
        lines.append("")
    return "\n".join(lines), left_out


def _entry(d: Draft, source_title: str) -> list[tuple[str, str]] | None:
    claimant = d.claimant or "unattributed (the article's own words)"
    entry = [
        ("quote", _yaml_scalar(d.quote)),
        ("claimant", _yaml_scalar(claimant)),
        ("source", _yaml_scalar(f"{source_title}, characters {d.start}–{d.end}")),
    ]
    notes = []
    reference = _place_value(d.reference, d.reference_ids) if d.reference else None
    subject = _place_value(d.subject, d.subject_ids) if d.subject else None
    for role, name, ids in (("subject", d.subject, d.subject_ids), ("reference", d.reference,
                                                                     d.reference_ids)):  # fmt: skip
        if name and not ids:
            notes.append(f"{role} {name!r} is not in the gazetteer")
        elif name and len(ids) > 1 and not any(n.startswith(f"{role} ") for n in d.place_notes):
            notes.append(f"{role} {name!r} fits {len(ids)} places")
    notes += d.place_notes
    if d.conversion is not None:
        c = d.conversion
        notes.append(f"conversion {c.stated} = {c.exact:.2f} {c.converted.unit.value}; "
                     f"{conversion_words(c)}")  # fmt: skip
    if d.kind == "zone_radius":
        if reference is None or d.requirement_text is None:
            return None
        entry += [("zone", _yaml_scalar(reference)), ("radius", d.requirement_text)]
    elif d.kind == "inside":
        if subject is None or reference is None:
            return None
        entry += [("subject", _yaml_scalar(subject)), ("inside", _yaml_scalar(reference))]
        if d.requirement_text:  # "12 km inside Syrian territory": how deep inside
            entry.append(("depth", d.requirement_text))
    elif d.kind == "near":
        if subject is None or reference is None:
            return None
        entry += [("subject", _yaml_scalar(subject)), ("near", _yaml_scalar(reference))]
    else:
        if subject is None or reference is None or d.requirement_text is None:
            return None
        entry += [("subject", _yaml_scalar(subject)), ("distance", d.requirement_text)]
        if d.direction:
            entry.append(("direction", d.direction))
        entry.append(("from", _yaml_scalar(reference)))
        if d.along:
            entry.append(("along", d.along))
    notes.insert(0, "drafted by claimcheck extract: review before use")
    entry.append(("note", _yaml_scalar("; ".join(notes))))
    entry.append(("status", "draft"))
    return entry


def to_yaml(drafts: Sequence[Draft], source_title: str) -> str:
    return articles_yaml([(source_title, drafts)], name_articles=False)


def articles_yaml(articles: Sequence[Article], name_articles: bool = True) -> str:
    """One claims file from the drafts of several articles, each entry citing its own article;
    drafts left out for lack of a place are listed in comments (naming their article too)."""
    body, left_out = _entries(((t, d) for t, drafts in articles for d in drafts), set())
    comments = "".join(f"# {line}\n" for line in left_out_lines(left_out, name_articles))
    return f"{comments}claims:\n{body}" if body else f"{comments}claims: []\n"


def left_out_lines(left_out: Sequence[tuple[str, Draft]], name_articles: bool) -> list[str]:
    """ "left out (a place is missing): distance '5 km away'", one a draft, naming its article when
    there are several. "Rabat, 300 and 370 kilometers away" is two figures in one quote: each
    line then names its figure, or the two read as one line printed twice."""
    quotes = Counter((title, d.kind, d.quote) for title, d in left_out)
    return [
        f"left out (a place is missing): {d.kind}"
        + (
            f" {d.requirement_text}"
            if quotes[title, d.kind, d.quote] > 1 or d.direction is not None
            else ""
        )
        + (f" {d.direction}" if d.direction is not None else "")
        + f" {d.quote!r}"
        + _why_left_out(d)
        + (f" in {title!r}" if name_articles else "")
        for title, d in left_out
    ]


def _why_left_out(draft: Draft) -> str:
    """What a direction left out lacks: a bulletin's "LOCATION...29.8N 93.3W ABOUT 30 MI SSW OF
    LAKE CHARLES" writes no subject (the storm's centre is its heading's), a volcano's page "is
    located 65 km S" no reference (the volcano the page is about), so the reviewer knows which
    place to name. So does any figure's: "an incident 51 miles from Hodeidah" named its
    reference, and "no place found" read as if Hodeidah were not found (the Magic Seas trial)."""
    if draft.reference is None:
        if draft.direction is not None:
            return ": no reference (no place is written after the direction)"
        return ": no reference (the sentence does not say from where)"
    if draft.subject is None:
        return ": no subject (the sentence does not say what lies there)"
    return ""


@frozen
class AppendResult:
    """The claims file with the drafts appended, and how many were added, skipped or left out."""

    text: str
    added: int
    skipped: int
    left_out: int
    #: which drafts were left out, as `articles_yaml`'s comments say it
    left_out_lines: tuple[str, ...] = ()


#: An empty claims list on its key's line, as `extract` writes one when it drafts nothing.
_EMPTY_CLAIMS = re.compile(r"^claims:[ \t]*(?:\[[ \t]*\])?(?=[ \t]*(?:#.*)?$)", re.MULTILINE)


def append_to(existing: str, path: str, drafts: Sequence[Draft], source_title: str) -> AppendResult:
    """The claims file with new entries added after every existing byte; drafts whose quote is
    already in the file, or left out for lack of a place, are not added."""
    return append_articles(existing, path, [(source_title, drafts)])


def append_articles(existing: str, path: str, articles: Sequence[Article]) -> AppendResult:
    """`append_to` for the drafts of several articles, each entry citing its own article (an
    empty or new file becomes a claims file holding them)."""
    new = not existing.strip()
    if new:
        existing = "claims:\n"
    data = {"claims": []} if new else yamlfile.load(path, existing)
    items = data.get("claims") if isinstance(data, dict) else None
    empty = _EMPTY_CLAIMS.search(existing)
    if items in (None, []) and empty is not None:  # "claims: []" (extract's own) or "claims:"
        existing = existing[: empty.start()] + "claims:" + existing[empty.end() :]
        items = []
    if not isinstance(items, list) or re.search(r"^claims:\s*\[", existing, re.MULTILINE):
        raise UsageError(f"{path}: expected a block 'claims:' list to append to")
    last_key = list(data)[-1]
    if last_key != "claims":
        raise UsageError(f"{path}: 'claims:' must be the last top-level key to append to it")
    quotes = [_norm(str(c.get("quote", ""))) for c in items if isinstance(c, dict)]
    ids = [str(c.get("id")) for c in items if isinstance(c, dict)]
    drafts = [(title, d) for title, article in articles for d in article]
    fresh = [(title, d) for title, d in drafts if not _quoted(_norm(d.quote), quotes)]
    body, left_out = _entries(fresh, set(ids))
    added = len(fresh) - len(left_out)
    lines = tuple(left_out_lines(left_out, name_articles=len(articles) > 1))
    separator = "\n" if existing.endswith("\n") and not existing.endswith("\n\n") else ""
    if new:
        separator = ""
    if existing and not existing.endswith("\n"):
        separator = "\n\n"
    if not added:  # nothing to join: the file stays as it is
        return AppendResult(
            existing if not new else "", 0, len(drafts) - len(fresh), len(left_out), lines
        )
    text = existing + separator + yamlfile.at_item_indent(body, existing, items)
    try:
        merged = yamlfile.load(path, text)
    except DataError as exc:
        raise UsageError(f"{path}: the new entries would not join its 'claims:' list") from exc
    if len(merged["claims"]) != len(items) + added:
        raise UsageError(f"{path}: the new entries would not join its 'claims:' list")
    return AppendResult(text, added, len(drafts) - len(fresh), len(left_out), lines)


def _quoted(quote: str, quotes: list[str]) -> bool:
    return any(quote in q or q in quote for q in quotes if q)


def _norm(quote: str) -> str:
    return " ".join(quote.casefold().replace("’", "'").split())
