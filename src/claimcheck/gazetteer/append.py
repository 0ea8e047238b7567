"""Append one place to a YAML places file, keeping every existing byte (comments included).

Like the verdict lock (claims/lock.py) and `extract --append`: text is added after the last
byte, never re-serialised; the result is parsed again and must hold the old places unchanged
plus exactly the new one, else nothing is written. The caller writes it atomically.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from claimcheck.errors import DataError, UsageError
from claimcheck.files import yamlfile
from claimcheck.frozen import frozen

#: a URL that YAML reads back as written, unquoted (no spaces, no comment marks)
_URL = re.compile(r"https?://[^\s#'\"]+")
#: scalars YAML reads back as the same string without quotes
_PLAIN = re.compile(r"[^\W\d_][\w .,;'’()/–=+&-]*")


@frozen
class Entry:
    """A place as the file will hold it; every value already a string for YAML."""

    id: str
    name: str
    aliases: tuple[str, ...]
    country: str | None
    admin: str | None
    #: None for a place no source locates (`kind: unknown`), which has no uncertainty either
    lat: float | None
    lon: float | None
    uncertainty: str | None
    source_title: str
    source_url: str
    source_date: str
    publisher: str
    note: str
    #: the position as a source wrote it (`places add --at`), kept as text so that its digits
    #: say how closely the source knew it (gazetteer.digits); else `lat` and `lon` are written
    coordinates: str | None = None


def scalar(value: str) -> str:
    """The value as YAML: plain when that reads back the same, else quoted."""
    if _PLAIN.fullmatch(value) and not value.endswith(" "):
        return value
    if "'" not in value and value.isprintable():
        return f"'{value}'"
    return json.dumps(value, ensure_ascii=False)


def _flow(values: Sequence[str]) -> str:
    return "[" + ", ".join(v if re.fullmatch(r"[\w .'’–-]+", v) and v.strip() == v
                           and not v[0].isdigit() else json.dumps(v, ensure_ascii=False)
                           for v in values) + "]"  # fmt: skip


def render(entry: Entry) -> str:
    """The entry as the lines of a block-style list item, two-space indented like the files."""
    lines = [f"  - id: {scalar(entry.id)}", f"    name: {scalar(entry.name)}"]
    if entry.aliases:
        lines.append(f"    aliases: {_flow(entry.aliases)}")
    if entry.country:
        lines.append(f"    country: {scalar(entry.country)}")
    if entry.admin:
        lines.append(f"    admin: {scalar(entry.admin)}")
    if entry.coordinates:
        lines.append(f"    coordinates: {scalar(entry.coordinates)}")
    elif entry.lat is not None and entry.lon is not None:
        lines += [f"    lat: {entry.lat:.5f}", f"    lon: {entry.lon:.5f}"]
    else:
        lines.append("    kind: unknown")
    if entry.uncertainty is not None:
        lines.append(f"    uncertainty: {entry.uncertainty}")
    lines += ["    source:", f"      title: {scalar(entry.source_title)}"]
    if entry.source_url:
        url = entry.source_url
        lines.append(f"      url: {url if _URL.fullmatch(url) else scalar(url)}")
    if entry.source_date:
        lines.append(f"      date: {entry.source_date}")
    if entry.publisher:
        lines.append(f"      publisher: {scalar(entry.publisher)}")
    lines.append(f"    note: {scalar(entry.note)}")
    return "\n".join(lines) + "\n"


def no_places_yet(text: str) -> bool:
    """Whether a places file holds nothing but comments, blank lines and at most a bare
    `places:`: a file started with a header, which `places add` fills like a new one."""
    lines = [ln.strip() for ln in text.lstrip("\ufeff").splitlines()]
    content = [ln for ln in lines if ln and not ln.startswith("#")]
    return not content or (
        len(content) == 1 and bool(re.fullmatch(r"places:\s*(#.*)?", content[0]))
    )


def append_entry(existing: str, path: str, entry: Entry) -> tuple[str, int]:
    """The file's text with the entry added after its last byte, and the entry's first line.

    Raises UsageError when the file is not a block `places:` list that ends the file, or when
    the result would not read back as the old places plus this one.
    """
    if no_places_yet(existing) and not re.search(r"^places:", existing, re.M):
        # empty, or a header of comments: the list starts after them
        existing += ("\n" if existing and not existing.endswith("\n") else "") + "places:\n"
    data = yamlfile.load(path, existing)
    items = data.get("places", ()) if isinstance(data, yamlfile.YMap) else None
    if items is None:  # `places:` with nothing under it yet
        items = []
    if not isinstance(items, (list, tuple)) or re.search(r"^places:\s*\[", existing, re.M):
        raise UsageError(f"{path}: expected a block 'places:' list to append to")
    if not isinstance(data, yamlfile.YMap) or list(data)[-1] != "places":
        raise UsageError(f"{path}: 'places:' must be the last top-level key to append to it")
    if any(isinstance(p, dict) and p.get("id") == entry.id for p in items):
        raise UsageError(f"{path}: a place with id {entry.id!r} is already there (use --id)")
    separator = "\n" if existing.endswith("\n") else "\n\n"
    if existing.endswith("\n\n") or not items:
        separator = "" if existing.endswith("\n") else "\n"
    text = existing + separator + yamlfile.at_item_indent(render(entry), existing, list(items))
    try:
        merged = yamlfile.load(path, text)
    except DataError as exc:
        raise UsageError(f"{path}: the new entry would not join its 'places:' list") from exc
    new_items = merged.get("places") if isinstance(merged, yamlfile.YMap) else None
    if (
        not isinstance(new_items, list)
        or len(new_items) != len(items) + 1
        or list(new_items[:-1]) != list(items)
        or new_items[-1].get("id") != entry.id
    ):
        raise UsageError(f"{path}: the new entry would not join its 'places:' list")
    line = text.count("\n", 0, len(existing) + len(separator)) + 1
    return text, line
