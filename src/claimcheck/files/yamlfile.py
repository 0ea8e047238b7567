"""Safe YAML reading that keeps line numbers and refuses what PyYAML would let through.

PyYAML's loaders keep the last of two duplicate keys without a word, expand alias bombs and,
outside the safe loader, build arbitrary objects from tags. We compose the node tree with the
C parser (5x faster than the pure-Python one), then build plain values ourselves: duplicate
keys, aliases and unknown tags become Problems with file:line:column.
"""

from __future__ import annotations

import difflib
import gc
import math
import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import yaml

from claimcheck.errors import DataError, Level, Problem

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
#: Deeper than any claims or places file needs; keeps the builder far from Python's stack limit.
MAX_DEPTH = 64
#: How alike (difflib ratio) an unknown key must be to a known one for "did you mean": typos
#: score 0.73 and up ('distnce' 0.93, 'qoute' 0.80, 'near_to' 0.73); at difflib's default of
#: 0.6, unrelated words got suggestions ('elevation' -> 'lat_lon' 0.62, 'population' 0.59).
KEY_SIMILARITY = 0.7
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


@dataclass(frozen=True, slots=True)
class Position:
    """1-based line and column of a node in its file (slots: one per key, millions in big files)."""

    line: int
    column: int


class YMap(dict[str, Any]):
    """A mapping that remembers where it and each of its keys stand in the file."""

    position: Position
    key_positions: dict[str, Position]

    def where(self, key: str) -> Position:
        return self.key_positions.get(key, self.position)


class YList(list[Any]):
    """A sequence that remembers where it and each of its items stand in the file."""

    position: Position
    item_positions: list[Position]


def _pos(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.constructor = yaml.constructor.SafeConstructor()
        self.seen: set[int] = set()
        self.depth = 0

    def problem(self, node: yaml.Node, message: str, field: str = "") -> None:
        p = _pos(node)
        self.problems.append(Problem(self.path, p.line, p.column, field, message))

    def build(self, node: yaml.Node, field: str) -> Any:
        if id(node) in self.seen:
            self.problem(node, "anchors and aliases (&name, *name) are not allowed here", field)
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, field)
        if self.depth >= MAX_DEPTH:
            self.problem(node, f"nested more than {MAX_DEPTH} levels deep", field)
            return None
        self.depth += 1
        try:
            if isinstance(node, yaml.SequenceNode):
                return self.sequence(node, field)
            if isinstance(node, yaml.MappingNode):
                return self.mapping(node, field)
        finally:
            self.depth -= 1
        self.problem(node, "unexpected YAML node", field)
        return None

    def scalar(self, node: yaml.ScalarNode, field: str) -> Any:
        if node.tag not in _SCALAR_TAGS:
            self.problem(node, f"YAML tag {node.tag!r} is not allowed: remove it", field)
            return None
        if node.tag in (_STR, "tag:yaml.org,2002:timestamp"):
            return node.value
        try:
            return self.constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            self.problem(node, f"cannot read {node.value!r}: {exc}", field)
            return None

    def sequence(self, node: yaml.SequenceNode, field: str) -> YList:
        if node.tag != _SEQ:
            self.problem(node, f"YAML tag {node.tag!r} is not allowed: remove it", field)
        out = YList(self.build(item, f"{field}[{i}]") for i, item in enumerate(node.value))
        out.position = _pos(node)
        out.item_positions = [_pos(item) for item in node.value]
        return out

    def mapping(self, node: yaml.MappingNode, field: str) -> YMap:
        if node.tag != _MAP:
            self.problem(node, f"YAML tag {node.tag!r} is not allowed: remove it", field)
        out = YMap()
        out.position = _pos(node)
        out.key_positions = {}
        for key_node, value_node in node.value:
            if (
                not isinstance(key_node, yaml.ScalarNode)
                or key_node.tag == "tag:yaml.org,2002:merge"
            ):
                self.problem(key_node, "keys must be plain words", field)
                continue
            key = str(key_node.value)
            sub = f"{field}.{key}" if field else key
            if key in out.key_positions:
                first = out.key_positions[key]
                self.problem(
                    key_node,
                    f"duplicate key {key!r} (first at line {first.line}): YAML would keep only "
                    "the last one; remove one of them",
                    sub,
                )
                continue
            out.key_positions[key] = _pos(key_node)
            out[key] = self.build(value_node, sub)
        return out


_NOWHERE = Position(0, 0)


def from_plain(data: Any, path: str) -> Any:
    """Plain Python data (dicts, lists, scalars) as if read from a file, for in-memory loading.

    Positions are 0 (no file); problems name the data path instead (`claims[3].distance`).
    Raises DataError for what no YAML file could hold: non-string keys, other Python objects.
    """
    problems: list[Problem] = []
    value = _plain(data, "", path, problems, 0)
    if problems:
        raise DataError(problems)
    return value


def _plain(value: Any, field: str, path: str, problems: list[Problem], depth: int) -> Any:
    if isinstance(value, Mapping):
        if depth >= MAX_DEPTH:
            problems.append(Problem(path, 0, 0, field, f"nested more than {MAX_DEPTH} levels deep"))
            return None
        out = YMap()
        out.position, out.key_positions = _NOWHERE, {}
        for key, item in value.items():
            if not isinstance(key, str):
                problems.append(Problem(path, 0, 0, field, f"keys must be strings, not {key!r}"))
                continue
            out[key] = _plain(item, f"{field}.{key}" if field else key, path, problems, depth + 1)
        return out
    if isinstance(value, (list, tuple)):
        seq = YList(
            _plain(item, f"{field}[{i}]", path, problems, depth + 1) for i, item in enumerate(value)
        )
        seq.position, seq.item_positions = _NOWHERE, [_NOWHERE] * len(seq)
        return seq
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    problems.append(
        Problem(path, 0, 0, field, f"{type(value).__name__} is not a YAML value: use str or number")
    )
    return None


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building large acyclic trees.

    Loading 10,000 claims allocates ~10^6 objects; each full collection walks all of them, which
    tripled load time. Reference counting still frees everything; the collector resumes after.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


#: The path that means standard input, as for most command-line tools.
STDIN = "-"


def read_bytes(path: str) -> bytes:
    """A file's bytes (standard input's for "-"); a failure to read becomes a DataError."""
    if path == STDIN:
        return sys.stdin.buffer.read()
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DataError([Problem(path, 0, 0, "", f"cannot read file: {reason}")]) from exc


def read_text(path: str) -> str:
    """Read a UTF-8 text file (a BOM is allowed); every failure becomes a DataError.

    Data files and articles alike: UTF-16, binary and undecodable bytes are named by position.
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
    with gc_paused():
        return _load(path, text)


def _load(path: str, text: str) -> Any:
    try:
        node = yaml.compose(text, Loader=_Loader)
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
    if node is None:
        raise DataError([Problem(path, 1, 1, "", "the file is empty: no YAML document in it")])
    builder = _Builder(path)
    value = builder.build(node, "")
    if builder.problems:
        raise DataError(builder.problems)
    return value


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

    def check_keys(self, allowed: Iterable[str]) -> None:
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
        value = self.data.get(key)
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
        return text

    def number(self, key: str, required: bool = False) -> float | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(None, f"missing required field {key!r}")
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problem(key, f"{key!r} must be a number, not {_kind(value)}")
            return None
        number = float(value)
        if not math.isfinite(number):
            self.problem(key, f"{key!r} must be a finite number, not {value}")
            return None
        return number

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(key, f"{key!r} must be a list of names")
            return ()
        return tuple(value)


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    return repr(value)


def entries(
    data: Any, path: str, key: str, problems: list[Problem], also: tuple[str, ...] = ()
) -> Iterator[Entry]:
    """One Entry per mapping in the file's top-level `key:` list; anything else is a Problem.

    `also` names other top-level keys the file may have (a claims file's `defaults:`).
    """
    if not isinstance(data, YMap) or not isinstance(data.get(key), list):
        line = data.position.line if isinstance(data, (YMap, YList)) else 0
        raise DataError([Problem(path, line, 1, key, f"expected a top-level '{key}:' list")])
    Entry(data, path, "", problems).check_keys((key, *also))
    items: YList = data[key]
    for i, item in enumerate(items):
        if isinstance(item, YMap):
            yield Entry(item, path, f"{key}[{i}]", problems)
        else:
            pos = items.item_positions[i]
            problems.append(
                Problem(path, pos.line, pos.column, f"{key}[{i}]", "expected a mapping")
            )
