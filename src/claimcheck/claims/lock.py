"""The verdict lock: write current verdicts into a claims file as `expect:`, changing nothing else.

A line edit at the positions the YAML parser reports, not a YAML round trip: an existing
`expect:` value is replaced in place (its quotes and any trailing comment kept), a missing one
is inserted after the claim's last line at the claim's indentation. ruamel.yaml's round trip
re-indents sequences and re-wraps some scalars, so it cannot promise byte-for-byte; this can.
The edited text is parsed again and compared with the original: if anything besides `expect:`
values would change, nothing is written. A claim written flow-style on one line (`{id: x, ...}`)
is left as it is, with a warning; the other claims are still locked. The file is written only
if it still holds the bytes that were verified (an edit made while `verify` ran is never
overwritten with a verdict about the old text).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from claimcheck.errors import DataError, Level, Problem
from claimcheck.files import yamlfile
from claimcheck.files.atomic import changed_on_disk, write_bytes_atomic
from claimcheck.frozen import frozen

#: One line with its break; PyYAML counts exactly these as line breaks.
_LINE = re.compile(
    "[^\r\n\x85\u2028\u2029]*(?:\r\n|[\r\n\x85\u2028\u2029])|[^\r\n\x85\u2028\u2029]+\\Z"
)
_BREAK = re.compile("(?:\r\n|[\r\n\x85\u2028\u2029])$")
_KEY = re.compile(r"""(?:expect|'expect'|"expect")[ \t]*:[ \t]*""")
_VALUE = re.compile(r"""'(?:[^']|'')*'|"(?:[^"\\]|\\.)*"|[^\s#,{}\[\]]+""")


@frozen
class ExpectChange:
    """One `expect:` written: old is None when the claim had none."""

    claim_id: str
    #: 1-based line of the `expect:` in the new text
    line: int
    old: str | None
    new: str

    def __str__(self) -> str:
        was = f"was {self.old}" if self.old is not None else "added"
        return f"line {self.line}: {self.claim_id}: expect: {self.new} ({was})"


@frozen
class LockPlan:
    """The claims file's new text with each claim's verdict as its expect:, and what changed."""

    text: str
    changes: tuple[ExpectChange, ...]
    #: claims left as they were, each with a warning saying why (a flow-style claim)
    skipped: tuple[Problem, ...] = ()


def split_lines(text: str) -> list[str]:
    """Lines with their breaks; "".join() gives the text back."""
    return _LINE.findall(text)


def _refuse(path: str, line: int, column: int, field: str, item: str, why: str) -> DataError:
    message = f"cannot write expect: here ({why}); set it by hand"
    return DataError([Problem(path, line, column, field, message, item=item)])


def _without_expect(data: Any) -> Any:
    claims = [
        {k: v for k, v in item.items() if k != "expect"} if isinstance(item, dict) else item
        for item in data["claims"]
    ]
    return {**data, "claims": claims}


def plan_expect(text: str, path: str, verdicts: Mapping[str, str]) -> LockPlan:
    """The claims file `text` with `expect: VERDICT` for each claim id in `verdicts`.

    A flow-style claim is skipped with a warning. Raises DataError when a claim is missing or
    its `expect:` cannot be edited on one line.
    """
    data = yamlfile.load(path, text)
    if not isinstance(data, yamlfile.YMap) or not isinstance(data.get("claims"), list):
        raise DataError([Problem(path, 0, 0, "claims", "expected a top-level 'claims:' list")])
    lines = split_lines(text)
    replaced: dict[int, tuple[str, str]] = {}  # 0-based index -> (id, new line)
    inserted: dict[int, tuple[str, str]] = {}  # 0-based index to insert after -> (id, verdict)
    old_values: dict[str, str | None] = {}
    found: set[str] = set()
    skipped: list[Problem] = []
    for i, item in enumerate(data["claims"]):
        claim_id = item.get("id") if isinstance(item, yamlfile.YMap) else None
        if not isinstance(claim_id, str) or claim_id not in verdicts:
            continue
        found.add(claim_id)
        new, field = verdicts[claim_id], f"claims[{i}].expect"
        pos = item.position
        if lines[pos.line - 1][pos.column - 1] == "{":
            if item.get("expect") != new:  # already locked: nothing to say
                skipped.append(_skip(path, pos.line, pos.column, field, claim_id, new))
            continue
        if "expect" in item.key_positions:
            at = item.key_positions["expect"]
            line = lines[at.line - 1]
            key = _KEY.match(line, at.column - 1)
            if key is None:
                raise _refuse(path, at.line, at.column, field, claim_id, "an unusual key")
            old = item.get("expect")
            old_values[claim_id] = old if isinstance(old, str) else None
            if old == new:
                continue
            replaced[at.line - 1] = (claim_id, _set_value(line, key.end(), new, old is None))
            if replaced[at.line - 1][1] == line:
                raise _refuse(path, at.line, at.column, field, claim_id, "no value on its line")
            continue
        indent = pos.column - 1
        last = max(p.line for p in item.key_positions.values()) - 1
        end = last
        for j in range(last + 1, len(lines)):
            stripped = lines[j].strip()
            if not stripped:
                continue
            if len(lines[j]) - len(lines[j].lstrip(" ")) <= indent:
                break
            end = j
        old_values[claim_id] = None
        inserted[end] = (claim_id, " " * indent + f"expect: {new}")
    missing = sorted(set(verdicts) - found)
    if missing:
        raise DataError(
            [Problem(path, 0, 0, "claims", f"no claim with id {m!r} in this file") for m in missing]
        )
    left = {p.item for p in skipped}
    written = {k: v for k, v in verdicts.items() if k not in left}
    new_text, changes = _apply(lines, replaced, inserted, old_values, written)
    _check_only_expect_changed(path, data, new_text, written)
    return LockPlan(new_text, changes, tuple(skipped))


def _skip(path: str, line: int, column: int, field: str, item: str, verdict: str) -> Problem:
    message = (
        f"expect: not written: a flow-style {{…}} claim cannot be edited line by line; "
        f"set 'expect: {verdict}' by hand, or write the claim as a block mapping"
    )
    return Problem(path, line, column, field, message, Level.WARNING, item)


def _set_value(line: str, start: int, new: str, empty: bool) -> str:
    """`line` with the value that starts at `start` replaced by `new`, in the same quotes.

    Returns `line` unchanged when there is no value to replace on it.
    """
    value = _VALUE.match(line, start)
    if value is not None:
        token = value.group()
        quote = token[0] if token[0] in "'\"" else ""
        return line[: value.start()] + quote + new + quote + line[value.end() :]
    rest = line[start:]
    if not empty or not (rest.strip() == "" or rest.startswith("#")):
        return line
    # `expect:` with no value (null): the value goes right after the colon, spacing kept.
    colon = line.rindex(":", 0, start) + 1
    return line[:colon] + " " + new + line[colon:]


def _apply(
    lines: list[str],
    replaced: dict[int, tuple[str, str]],
    inserted: dict[int, tuple[str, str]],
    old_values: Mapping[str, str | None],
    verdicts: Mapping[str, str],
) -> tuple[str, tuple[ExpectChange, ...]]:
    default_break = next((m.group() for line in lines if (m := _BREAK.search(line))), "\n")
    out: list[str] = []
    changes: list[ExpectChange] = []
    for index, line in enumerate(lines):
        if index in replaced:
            claim_id, line = replaced[index]
            changes.append(ExpectChange(claim_id, len(out) + 1, old_values[claim_id],
                                        verdicts[claim_id]))  # fmt: skip
        out.append(line)
        if index in inserted:
            claim_id, new_line = inserted[index]
            brk = _BREAK.search(line)
            if brk is None:  # the file's last line had no break: give it one, none to ours
                out[-1] = line + default_break
                out.append(new_line)
            else:
                out.append(new_line + brk.group())
            changes.append(ExpectChange(claim_id, len(out), None, verdicts[claim_id]))
    return "".join(out), tuple(changes)


def _check_only_expect_changed(
    path: str, old: yamlfile.YMap, new_text: str, verdicts: Mapping[str, str]
) -> None:
    try:
        new = yamlfile.load(path, new_text)
    except DataError as exc:
        raise _refuse(path, 0, 0, "claims", "", f"the edit would not parse: {exc}") from exc
    if _without_expect(new) != _without_expect(old):
        raise _refuse(path, 0, 0, "claims", "", "the edit would change more than expect:")
    for before, after in zip(old["claims"], new["claims"], strict=True):
        if not isinstance(after, yamlfile.YMap):
            continue
        want = verdicts.get(after.get("id", ""), before.get("expect"))
        if after.get("expect") != want:
            line = after.position.line
            raise _refuse(path, line, 0, "expect", str(after.get("id", "")), "unusual layout")


def write_expect(path: str, verdicts: Mapping[str, str], verified: bytes | None = None) -> LockPlan:
    """Rewrite the claims file at `path` atomically (keeping a BOM if it has one).

    `verified`: the bytes the verdicts came from. If the file holds other bytes now, or by the
    time it would be replaced, nothing is written: DataError, run again.
    """
    raw = yamlfile.read_bytes(path)
    if verified is not None and raw != verified:
        raise changed_on_disk(path)
    plan = plan_expect(yamlfile.decode(path, raw), path, verdicts)
    if plan.changes:
        bom = _BOM if raw.startswith(_BOM) else b""
        write_bytes_atomic(path, bom + plan.text.encode("utf-8"), unchanged_from=raw)
    return plan


_BOM = b"\xef\xbb\xbf"
