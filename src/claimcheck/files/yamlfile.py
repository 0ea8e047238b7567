"""Safe YAML reading that keeps line numbers and refuses what PyYAML would let through.

PyYAML's loaders keep the last of two duplicate keys without a word, expand alias bombs and,
outside the safe loader, build arbitrary objects from tags: claimcheck.files.yamltree builds the
plain values instead, with their positions. `Entry` reads one mapping's fields, recording a
Problem with file, line and column for each bad one.
"""

from __future__ import annotations

import difflib
import gc
import math
import os
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import yaml

from claimcheck.errors import DataError, Level, Problem, shown
from claimcheck.files.limits import (
    MAX_ALIASES,
    MAX_FILE_BYTES,
    MAX_NAME_CHARS,
    too_many,
)
from claimcheck.files.yamltree import Builder, Parser, YList, YMap

#: How alike (difflib ratio) an unknown key must be to a known one for "did you mean": typos
#: score 0.73 and up ('distnce' 0.93, 'qoute' 0.80, 'near_to' 0.73); at difflib's default of
#: 0.6, unrelated words got suggestions ('elevation' -> 'lat_lon' 0.62, 'population' 0.59).
KEY_SIMILARITY = 0.7


@contextmanager
def gc_paused(until_exit: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while building large acyclic trees.

    Loading 10,000 claims allocates ~10^6 objects; each full collection walks all of them, which
    tripled load time. Reference counting still frees everything; the collector resumes after.
    When it resumes, its youngest generation holds everything built meanwhile, and its next
    collection walks it all once more; a command whose objects live until the process ends
    (`until_exit`) moves them out of the collector's sight first (gc.freeze).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if until_exit:
                gc.freeze()
            gc.enable()


#: The path that means standard input, as for most command-line tools.
STDIN = "-"


def read_bytes(path: str) -> bytes:
    """A file's bytes (standard input's for "-"); a failure to read becomes a DataError.

    A file over MAX_FILE_BYTES is refused before it is read; a pipe, which has no size to
    check, when it has sent more.
    """
    try:
        if path == STDIN:
            return _within_limit(path, sys.stdin.buffer.read(MAX_FILE_BYTES + 1))
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_FILE_BYTES:
                message = f"the file is {too_many('bytes', size, MAX_FILE_BYTES)}"
                raise DataError([Problem(path, 0, 0, "", message)])
            # read what the file holds (asking for the limit would allocate all of it first),
            # then whatever it has grown by since, up to just past the limit
            raw = handle.read(size + 1)
            if len(raw) > size:
                raw += handle.read(MAX_FILE_BYTES + 1 - len(raw))
            return _within_limit(path, raw)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DataError([Problem(path, 0, 0, "", f"cannot read file: {reason}")]) from exc


def _within_limit(path: str, raw: bytes) -> bytes:
    if len(raw) > MAX_FILE_BYTES:
        message = f"the input is more than the limit of {MAX_FILE_BYTES:,} bytes"
        raise DataError([Problem(path, 0, 0, "", message)])
    return raw


def read_text(path: str) -> str:
    """Read a UTF-8 text file (a BOM is allowed); every failure becomes a DataError.

    Data files and articles alike: UTF-16, binary and undecodable bytes are named by position;
    a file over MAX_FILE_BYTES is refused before it is read.
    """
    return decode(path, read_bytes(path))


def decode(path: str, raw: bytes) -> str:
    """The text of a file's bytes as read_text reads it (UTF-8, a BOM allowed)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError([Problem(path, 1, 1, "", "this file is UTF-16: save it as UTF-8")])
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, column = _line_column(raw, nul)
        raise DataError([Problem(path, line, column, "", "this is a binary file, not text")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _line_column(raw, exc.start)
        message = f"not UTF-8 text (byte 0x{raw[exc.start]:02x}): save the file as UTF-8"
        raise DataError([Problem(path, line, column, "", message)]) from exc


def _line_column(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of a byte offset."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, offset - line_start + 1


def load(path: str, text: str | None = None) -> Any:
    """Parse one YAML document into plain values (YMap/YList keep positions).

    Raises DataError listing every problem found.
    """
    if text is None:
        text = read_text(path)
    elif len(text) > MAX_FILE_BYTES:
        message = f"the text is {too_many('characters', len(text), MAX_FILE_BYTES)}"
        raise DataError([Problem(path, 0, 0, "", message)])
    with gc_paused():
        return _load(path, text)


def _load(path: str, text: str) -> Any:
    parser = None
    try:
        parser = Parser(text)  # the pure-Python parser checks the characters here
        builder = Builder(path, parser.get_event)
        found, value = builder.document()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        message = f"YAML syntax error: {exc.problem or exc.context}"
        if "\t" in text and "tab" in str(exc.problem):
            message += " (YAML forbids tabs for indentation: use spaces)"
        if "mapping values are not allowed" in str(exc.problem):
            message += (
                " (a value that contains ': ' must be quoted: write key: \"text: more text\")"
            )
        raise DataError([Problem(path, line, col, "", message)]) from exc
    except yaml.reader.ReaderError as exc:
        before = text.lstrip("\ufeff")[: exc.position]
        line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
        message = f"character #x{exc.character:04x} is not allowed in YAML: {exc.reason}"
        raise DataError([Problem(path, line, column, "", message)]) from exc
    except yaml.YAMLError as exc:
        raise DataError([Problem(path, 1, 1, "", f"YAML error: {exc}")]) from exc
    except RecursionError as exc:  # only the pure-Python parser recurses
        raise DataError([Problem(path, 1, 1, "", "YAML nested too deeply")]) from exc
    finally:
        if parser is not None:
            parser.dispose()
    if not found:
        raise DataError([Problem(path, 1, 1, "", "the file is empty: no YAML document in it")])
    if builder.problems:
        raise DataError(builder.problems)
    return value


#: Fields of free text, not names or figures: they are never matched, so any length goes.
PROSE_KEYS = frozenset({"quote", "claimant", "note", "title", "url", "publisher"})


class Entry:
    """Typed access to one mapping in a data file, recording a Problem for each bad field.

    Readers return None after recording a problem, so one pass reports every error in a file.
    """

    def __init__(self, data: YMap, path: str, prefix: str, problems: list[Problem]) -> None:
        self.data = data
        self.path = path
        self.prefix = prefix
        self.problems = problems
        self.item = str(data.get("id", "")) if isinstance(data.get("id"), str) else ""

    def field(self, key: str) -> str:
        return f"{self.prefix}.{key}"

    def line(self, key: str | None = None) -> int:
        return (self.data.where(key) if key else self.data.position).line

    def problem(self, key: str | None, message: str, level: Level = Level.ERROR) -> None:
        pos = self.data.where(key) if key else self.data.position
        self.problems.append(
            Problem(
                self.path,
                pos.line,
                pos.column,
                self.field(key) if key else self.prefix,
                message,
                level,
                self.item,
            )
        )

    def item_problem(self, key: str, index: int, message: str) -> None:
        """A problem with item `index` of the list under `key`, at that item's line."""
        items = self.data.get(key)
        positions = getattr(items, "item_positions", ())
        pos = positions[index] if index < len(positions) else self.data.where(key)
        self.problems.append(
            Problem(
                self.path, pos.line, pos.column, f"{self.field(key)}[{index}]", message,
                item=self.item,
            )
        )  # fmt: skip

    def check_keys(self, allowed: Iterable[str]) -> None:
        known = _known(allowed) if isinstance(allowed, tuple) else frozenset(allowed)
        if self.data.keys() <= known:  # one set operation for the usual case
            return
        allowed = list(allowed)
        for key in self.data:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=KEY_SIMILARITY)
                hint = (
                    f": did you mean {close[0]!r}?" if close else f" (known: {', '.join(allowed)})"
                )
                self.problem(key, f"unknown key {key!r}{hint}")

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None

    def text(self, key: str, required: bool = False) -> str | None:
        """The field as text; a name or figure (any key but PROSE_KEYS) at most MAX_NAME_CHARS."""
        value = self.data.get(key)
        if type(value) is str:  # the usual field, in one test (160,000 on 10,000 claims)
            text = value.strip()
            if text and len(text) <= MAX_NAME_CHARS:
                return text
        if value is None:
            if required:
                self.problem(None, f"missing required field {key!r}")
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(key, f"{key!r} must be text, not {_kind(value)}")
            return None
        text = str(value).strip()
        if not text:
            if required:
                self.problem(key, f"{key!r} is empty")
            return None
        if key not in PROSE_KEYS and not self._short(key, text):
            return None
        return text

    def _short(self, key: str, text: str) -> bool:
        if len(text) <= MAX_NAME_CHARS:
            return True
        self.problem(key, f"{key!r}: {too_many('characters', len(text), MAX_NAME_CHARS)}")
        return False

    def number(self, key: str, required: bool = False) -> float | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(None, f"missing required field {key!r}")
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problem(key, f"{key!r} must be a number, not {_kind(value)}")
            return None
        if not is_finite(value):
            written = str(value) if len(str(value)) <= 40 else shown(str(value))
            self.problem(key, f"{key!r} must be a finite number, not {written}")
            return None
        return float(value)

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(key, f"{key!r} must be a list of names")
            return ()
        if len(value) > MAX_ALIASES:
            self.problem(key, f"{key!r}: {too_many('names', len(value), MAX_ALIASES)}")
            return ()
        if not all(self._short(key, v) for v in value):
            return ()
        return tuple(value)


def is_finite(number: float) -> bool:
    """Not NaN or infinite, and for an int small enough to be a float (not 10**400)."""
    try:
        return math.isfinite(number)
    except OverflowError:
        return False


@lru_cache(maxsize=64)
def _known(allowed: tuple[str, ...]) -> frozenset[str]:
    """The allowed keys as a set; readers pass the same tuple of keys for every entry."""
    return frozenset(allowed)


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    return repr(value)


def entries(
    data: Any,
    path: str,
    key: str,
    problems: list[Problem],
    also: tuple[str, ...] = (),
    limit: int | None = None,
) -> Iterator[Entry]:
    """One Entry per mapping in the file's top-level `key:` list; anything else is a Problem.

    `also` names other top-level keys the file may have (a claims file's `defaults:`). More
    than `limit` entries is a DataError before any is read.
    """
    if not isinstance(data, YMap) or not isinstance(data.get(key), list):
        line = data.position.line if isinstance(data, (YMap, YList)) else 0
        raise DataError([Problem(path, line, 1, key, f"expected a top-level '{key}:' list")])
    Entry(data, path, "", problems).check_keys((key, *also))
    items: YList = data[key]
    if limit is not None and len(items) > limit:
        line = data.where(key).line
        raise DataError([Problem(path, line, 1, key, too_many(key, len(items), limit))])
    for i, item in enumerate(items):
        if isinstance(item, YMap):
            yield Entry(item, path, f"{key}[{i}]", problems)
        else:
            pos = items.item_positions[i]
            problems.append(
                Problem(path, pos.line, pos.column, f"{key}[{i}]", "expected a mapping")
            )


def at_item_indent(entries: str, existing: str, items: list[Any]) -> str:
    """List entries written with `  - ` (claimcheck's own files indent their items by 2),
    re-indented to match how `existing` indents its first item's `- ` (PyYAML writes them at
    column 0), so that entries appended to the file join its list."""
    if not items or not isinstance(items[0], YMap):
        return entries
    line = existing.splitlines()[items[0].position.line - 1]
    dash = re.match(r"( *)- ", line)
    shift = (len(dash.group(1)) if dash else 2) - 2
    if shift == 0:
        return entries
    return "\n".join(
        (" " * shift + line if shift > 0 else line[-shift:]) if line else line
        for line in entries.split("\n")
    )
