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
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, NamedTuple

import yaml

from claimcheck.errors import DataError, Level, Problem

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
#: the implicit resolvers (tag, regex) that may type a plain scalar, by its first character
_RESOLVERS: dict[str, list[tuple[str, Any]]] = {
    k: v for k, v in _BaseLoader.yaml_implicit_resolvers.items() if k is not None
}


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader, resolving scalars' tags without PyYAML's general-purpose `resolve`.

    Composing a file spends a third of its time there. For a scalar it tries, in order, the
    implicit resolvers listed under the value's first character, and otherwise gives a string;
    that is all it does for the safe loader, which has no path and no wildcard resolvers. This
    does the same with less work per scalar; collections keep PyYAML's `resolve`.
    """

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is not yaml.ScalarNode:
            return str(super().resolve(kind, value, implicit))
        if implicit[0]:
            for tag, regexp in _RESOLVERS.get(value[:1], ()):
                if regexp.match(value):
                    return tag
        return _STR


assert not _BaseLoader.yaml_path_resolvers and None not in _BaseLoader.yaml_implicit_resolvers

#: Deeper than any claims or places file needs; keeps the builder far from Python's stack limit.
MAX_DEPTH = 64
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


class Position(NamedTuple):
    """1-based line and column of a node in its file (a tuple: one per key, millions in big
    files)."""

    line: int
    column: int


class YMap(dict[str, Any]):
    """A mapping that remembers where it and each of its keys stand in the file."""

    __slots__ = ("key_positions", "position")
    position: Position
    key_positions: dict[str, Position]

    def where(self, key: str) -> Position:
        return self.key_positions.get(key, self.position)


class YList(list[Any]):
    """A sequence that remembers where it and each of its items stand in the file.

    Read from a file, the positions are worked out when first asked for, from the nodes (a
    long line's vertices are tens of thousands of items, and almost never need them).
    """

    __slots__ = ("_item_positions", "_nodes", "_position")
    _nodes: tuple[yaml.Node, list[yaml.Node]] | None
    _position: Position | None
    _item_positions: list[Position] | None

    @property
    def position(self) -> Position:
        if self._position is None:
            assert self._nodes is not None  # set with the positions' nodes, or positions
            self._position = _pos(self._nodes[0])
        return self._position

    @position.setter
    def position(self, value: Position) -> None:
        self._position = value

    @property
    def item_positions(self) -> list[Position]:
        if self._item_positions is None:
            assert self._nodes is not None
            self._item_positions = [_pos(item) for item in self._nodes[1]]
            self._nodes = None
        return self._item_positions

    @item_positions.setter
    def item_positions(self, value: list[Position]) -> None:
        self._item_positions = value


_new_tuple = tuple.__new__


def _pos(node: yaml.Node) -> Position:
    mark = node.start_mark
    return _new_tuple(Position, (mark.line + 1, mark.column + 1))


#: A field's data path, built only when a problem names it: a string at the top, else the
#: parent's path and this key (a str) or index (an int).
FieldPath = str | tuple[Any, str | int]


def _field_text(field: FieldPath) -> str:
    if isinstance(field, str):
        return field
    parent, key = field
    text = _field_text(parent)
    if isinstance(key, int):
        return f"{text}[{key}]"
    return f"{text}.{key}" if text else key


_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"


class _Builder:
    """Plain values from the node tree: one pass, in file order, each problem where it stands.

    Scalars are converted here for the common forms (plain decimal ints, anything Python's
    float() reads as YAML does) and by PyYAML's SafeConstructor for the rest, so every value
    is what `yaml.safe_load` would give.
    """

    def __init__(self, path: str, may_alias: bool = True) -> None:
        self.path = path
        #: an alias is written `*name`: without a "*" in the text, no node can occur twice
        self.may_alias = may_alias
        self.problems: list[Problem] = []
        self.constructor = yaml.constructor.SafeConstructor()
        self.seen: set[int] = set()
        self.depth = 0

    def problem(self, node: yaml.Node, message: str, field: FieldPath = "") -> None:
        p = _pos(node)
        self.problems.append(Problem(self.path, p.line, p.column, _field_text(field), message))

    def build(self, node: yaml.Node, field: FieldPath) -> Any:
        if self.may_alias:
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

    def scalar(self, node: yaml.ScalarNode, field: FieldPath) -> Any:
        tag, value = node.tag, node.value
        if tag in (_STR, _TIMESTAMP):
            return value
        if tag == _FLOAT:
            try:
                return float(value)  # equals SafeConstructor's reading whenever it succeeds
            except ValueError:
                pass
        elif tag == _INT and value.isdigit() and (value[0] != "0" or len(value) == 1):
            return int(value)  # a leading 0 would make it octal in YAML 1.1
        if tag not in _SCALAR_TAGS:
            self.problem(node, f"YAML tag {tag!r} is not allowed: remove it", field)
            return None
        try:
            return self.constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            self.problem(node, f"cannot read {value!r}: {exc}", field)
            return None

    def sequence(self, node: yaml.SequenceNode, field: FieldPath) -> YList:
        if node.tag != _SEQ:
            self.problem(node, f"YAML tag {node.tag!r} is not allowed: remove it", field)
        items = node.value
        values = []
        for i, item in enumerate(items):
            # `build` inlined for the scalars of a sequence (a [lat, lon] pair, a list of
            # names): the same checks and values, one call per item fewer
            if item.__class__ is yaml.ScalarNode and not self.may_alias:
                values.append(self.scalar(item, (field, i)))
            else:
                values.append(self.build(item, (field, i)))
        out = YList(values)
        out._nodes, out._position, out._item_positions = (node, items), None, None
        return out

    def mapping(self, node: yaml.MappingNode, field: FieldPath) -> YMap:
        if node.tag != _MAP:
            self.problem(node, f"YAML tag {node.tag!r} is not allowed: remove it", field)
        out = YMap()
        out.position = _pos(node)
        positions: dict[str, Position] = {}
        out.key_positions = positions
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE:
                self.problem(key_node, "keys must be plain words", field)
                continue
            key = str(key_node.value)
            if key in positions:
                first = positions[key]
                self.problem(
                    key_node,
                    f"duplicate key {key!r} (first at line {first.line}): YAML would keep only "
                    "the last one; remove one of them",
                    (field, key),
                )
                continue
            positions[key] = _pos(key_node)
            out[key] = self.build(value_node, (field, key))
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
        seq._nodes, seq._position, seq._item_positions = None, _NOWHERE, [_NOWHERE] * len(seq)
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


def read_text(path: str) -> str:
    """Read a UTF-8 text file (a BOM is allowed); every failure becomes a DataError.

    Data files and articles alike: UTF-16, binary and undecodable bytes are named by position.
    """
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DataError([Problem(path, 0, 0, "", f"cannot read file: {reason}")]) from exc
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
    builder = _Builder(path, may_alias="*" in text)
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
        known = _known(allowed) if isinstance(allowed, tuple) else frozenset(allowed)
        if self.data.keys() <= known:  # one set operation for the usual case
            return
        allowed = list(allowed)
        for key in self.data:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
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


def entries(data: Any, path: str, key: str, problems: list[Problem]) -> Iterator[Entry]:
    """One Entry per mapping in the file's top-level `key:` list; anything else is a Problem."""
    if not isinstance(data, YMap) or not isinstance(data.get(key), list):
        line = data.position.line if isinstance(data, (YMap, YList)) else 0
        raise DataError([Problem(path, line, 1, key, f"expected a top-level '{key}:' list")])
    Entry(data, path, "", problems).check_keys((key,))
    items: YList = data[key]
    for i, item in enumerate(items):
        if isinstance(item, YMap):
            yield Entry(item, path, f"{key}[{i}]", problems)
        else:
            pos = items.item_positions[i]
            problems.append(
                Problem(path, pos.line, pos.column, f"{key}[{i}]", "expected a mapping")
            )
