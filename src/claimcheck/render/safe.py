"""Data made safe to show: no control characters, and no line that a CI runner would execute.

Claims and places files are data, often written by other people. A quote, a claimant or a
place name may hold a newline followed by `::error::…` or `::stop-commands::…` (a line the
GitHub Actions runner executes, even in plain text output), `##[error]` (the runner's older
command syntax, recognised anywhere in a line), a terminal escape sequence (clear the screen,
set the window title, hide what follows), a carriage return that overwrites what came before,
or a bidi control that reorders what a reader sees. Every human-facing format (text, parsable,
github, junit, markdown, html) passes each string from the data through `clean`; JSON outputs
go through `dumps`, which keeps every value but writes those characters as escapes.
"""

from __future__ import annotations

import json
import re
from typing import Any

#: Characters that end a line somewhere: CR, LF and the ones Unicode and YAML add (VT, FF, the
#: information separators, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR), and TAB. In a one-line
#: field each becomes a space, so data can never start a line of its own.
_BREAKS = "\t\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029"
#: Bidi controls (Unicode UAX #9): marks, embeddings, overrides and isolates.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
#: Every C0 and C1 control, DEL, and the bidi controls: shown as a visible escape instead.
_CONTROL = re.compile(f"\r\n|[{_BREAKS}]|[\x00-\x1f\x7f-\x9f{_BIDI}]")
#: The runner's legacy command prefix, acted on wherever it appears in a line.
LEGACY_COMMAND = "##["
#: A line the runner reads as a workflow command: `::name…::` after leading blanks.
_COMMAND_LINE = re.compile(r"^(\s*)::", re.M)
#: Whether a line after the first is one (`guard`'s quick test).
_COMMAND_AFTER_BREAK = re.compile(r"\n\s*::")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\r\n" or char in _BREAKS:
        return " "
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(value: object) -> str:
    """One field of data as one line of inert text.

    Line breaks and tabs become spaces; every other control character (C0, C1, DEL, bidi) is
    written as an escape such as `\\x1b`, so it can neither move the cursor nor start a line;
    `##[` is broken as `##\\[`. Text without any of these comes back unchanged.
    """
    text = str(value)
    if text.isprintable() and LEGACY_COMMAND not in text:  # the usual case, at C speed
        return text
    text = _CONTROL.sub(_visible, text)
    if LEGACY_COMMAND in text:
        text = text.replace(LEGACY_COMMAND, "##\\[")
    return text


def guard(block: str) -> str:
    """A rendered block in which no line starts with `::` (a backslash goes before it).

    For output whose fields are already clean: what is left is a line the layout itself
    starts with a value from outside the data files, such as a path named on the command line.
    """
    # `"::" in block` scans at half the speed of this search: text is full of single colons
    if not (block.lstrip().startswith("::") or _COMMAND_AFTER_BREAK.search(block)):
        return block
    return _COMMAND_LINE.sub(lambda m: f"{m.group(1)}\\::", block)


def lines(block: str) -> str:
    """A block whose line breaks are the layout's own (a message of several lines), each line
    cleaned and guarded."""
    return guard("\n".join(clean(line) for line in block.split("\n")))


_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{_BIDI}\u2028\u2029]")


def json_text(text: str) -> str:
    """JSON text with C1 controls, DEL, bidi controls and U+2028/U+2029 written as \\u escapes,
    and `##[` as `#\\u0023[`: the same values once parsed, nothing a terminal or runner acts on.

    json.dumps(ensure_ascii=False) already escapes C0 controls; these are the characters it
    leaves raw. They can only occur inside JSON strings, so escaping them anywhere is safe.
    """
    text = _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text.replace(LEGACY_COMMAND, "#\\u0023[")


def dumps(value: Any, **options: Any) -> str:
    """json.dumps (UTF-8 text, not \\u-escaped) made safe for a terminal or CI log."""
    return json_text(json.dumps(value, ensure_ascii=False, **options))


def web_url(url: str | None) -> str | None:
    """`url` when it is an http(s) address, else None: a `javascript:`, `data:` or `file:` source
    URL from the data never becomes a link, in any published format."""
    if url and url.strip().lower().startswith(("https://", "http://")):
        return url.strip()
    return None
