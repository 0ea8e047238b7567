"""YAML read as plain values that remember where they stand in the file.

PyYAML's loaders keep the last of two duplicate keys without a word, expand alias bombs and,
outside the safe loader, build arbitrary objects from tags. We read the file's events with the C
parser (5x faster than the pure-Python one) and build plain values from them as they come
(`Builder`), never holding PyYAML's node tree: a tree of nodes and marks is 30 times the file's
size, the values with their positions a fraction of that. Duplicate keys, aliases and unknown
tags become Problems with file:line:column; every value, position and message is the one that
composing the node tree and building from it gave. Mappings and lists remember their positions
(`YMap`, `YList`); `from_plain` gives data that never was a file the same shape.
claimcheck.files.yamlfile reads files into these.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

import yaml
from yaml.composer import ComposerError
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    MappingEndEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from claimcheck.errors import DataError, Problem
from claimcheck.files.keylines import KeyLines

#: the C parser where PyYAML has it (it reads and checks the syntax; we build)
Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
#: the implicit resolvers (tag, regex) that may type a plain scalar, by its first character:
#: the safe loader tries those listed under the value's first character, in order, and
#: otherwise gives a string (it has no path and no wildcard resolvers)
_RESOLVERS: dict[str, list[tuple[str, Any]]] = {
    k: v for k, v in Parser.yaml_implicit_resolvers.items() if k is not None
}
assert not Parser.yaml_path_resolvers and None not in Parser.yaml_implicit_resolvers
#: the first characters under which a resolver may type a plain scalar as the merge key `<<`
_MERGE_FIRST = frozenset(
    k for k, v in _RESOLVERS.items() if any(t == "tag:yaml.org,2002:merge" for t, _ in v)
)

#: Deeper than any claims or places file needs; keeps the builder far from Python's stack limit.
MAX_DEPTH = 64
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"
_ALIAS = "anchors and aliases (&name, *name) are not allowed here"


class Position(NamedTuple):
    """1-based line and column of a node in its file (a tuple: one per key, millions in big
    files)."""

    line: int
    column: int


class YMap(dict[str, Any]):
    """A mapping that remembers where it and each of its keys stand in the file.

    The positions are plain numbers, 0-based line and column of the mapping and then of each
    key in the order the keys were read (a dict keeps that order): 16 bytes a key, where a
    dict of Position tuples was ~100 (most of what loading held beyond the values). A key's
    place in that order is found by a scan for the few keys of a claim or place, and through an
    index, built when first asked, for a mapping with many (every key of a hostile mapping with
    100,000 unknown keys gets an error, each with its position).
    """

    __slots__ = ("_index", "_marks")
    #: line, column of the mapping, then of each key, in the keys' order
    _marks: array[int]
    #: key -> its place in that order, for a mapping of more than _SCAN_KEYS keys
    _index: dict[str, int] | None

    @property
    def position(self) -> Position:
        marks = self._marks
        return _new_tuple(Position, (marks[0] + 1, marks[1] + 1))

    def where(self, key: str) -> Position:
        """Where `key` is written; the mapping's own position for a key it does not hold."""
        marks = self._marks
        at = 0
        if key in self:
            if len(self) <= _SCAN_KEYS:
                at = 2 * list(self).index(key) + 2
            else:
                index = self._index
                if index is None or len(index) != len(self):
                    index = self._index = {k: i for i, k in enumerate(self)}
                at = 2 * index[key] + 2
        if at + 1 >= len(marks):  # a key added after reading: it was never in the file
            at = 0
        return _new_tuple(Position, (marks[at] + 1, marks[at + 1] + 1))

    @property
    def key_positions(self) -> dict[str, Position]:
        return {key: self.where(key) for key in self}

    def key_lines(self) -> KeyLines:
        """(key, line) for each key, in the file's order."""
        marks = self._marks
        return KeyLines(tuple(self), marks[2::2], marks[0])


class YList(list[Any]):
    """A sequence that remembers where it and each of its items stand in the file.

    Read from a file, the positions are kept as plain numbers until first asked for (a long
    line's vertices are millions of items, and almost never need them).
    """

    __slots__ = ("_item_positions", "_marks", "_position")
    #: 0-based line and column where the list starts, then where each item does, until their
    #: positions are asked for (16 bytes an item; a parser's mark is 80, a Position 84)
    _marks: array[int] | None
    _position: Position | None
    _item_positions: list[Position] | None

    @property
    def position(self) -> Position:
        if self._position is None:
            marks = self._marks
            assert marks is not None  # set with the positions' marks, or positions
            self._position = _new_tuple(Position, (marks[0] + 1, marks[1] + 1))
        return self._position

    @position.setter
    def position(self, value: Position) -> None:
        self._position = value

    @property
    def item_positions(self) -> list[Position]:
        if self._item_positions is None:
            marks = self._marks
            assert marks is not None
            self._item_positions = [
                _new_tuple(Position, (line + 1, column + 1))
                for line, column in zip(marks[2::2], marks[3::2], strict=True)
            ]
            if self._position is None:  # worked out before its numbers go
                self._position = _new_tuple(Position, (marks[0] + 1, marks[1] + 1))
            self._marks = None
        return self._item_positions

    @item_positions.setter
    def item_positions(self, value: list[Position]) -> None:
        self._item_positions = value


_new_tuple = tuple.__new__
_intern = sys.intern
#: a mapping with at most this many keys finds a key's position by a scan, without an index
_SCAN_KEYS = 32
_TWO = array("l", (0, 0))


def _pos(mark: Any) -> Position:
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


def _tag(event: Any) -> str:
    """The node's tag, as PyYAML's composer resolves it for the safe loader."""
    tag = event.tag
    if tag is not None and tag != "!":
        return str(tag)
    if event.__class__ is ScalarEvent:
        if event.implicit[0]:
            value = event.value
            for resolved, regexp in _RESOLVERS.get(value[:1], ()):
                if regexp.match(value):
                    return str(resolved)
        return _STR
    return _SEQ if event.__class__ is SequenceStartEvent else _MAP


class _Anchor:
    """Where an anchored node starts; whether it was built; its events if it was not (a key,
    or under a key that was refused), for an alias to build it as composing would have."""

    __slots__ = ("events", "mark", "seen", "start")

    def __init__(self, mark: Any, seen: bool, events: list[Any] | None, start: int) -> None:
        self.mark = mark
        self.seen = seen
        #: the node's events are events[start:] (and, after them, those of the nodes after it)
        self.events = events
        self.start = start

    def first(self) -> Any:
        return self.events[self.start] if self.events is not None else None


class Builder:
    """Plain values from the parser's events: one pass, in file order, each problem where it
    stands.

    Scalars are converted here for the common forms (plain decimal ints, anything Python's
    float() reads as YAML does) and by PyYAML's SafeConstructor for the rest, so every value
    is what `yaml.safe_load` would give. What PyYAML's composer refuses (an undefined alias, a
    duplicate anchor, a second document) raises its ComposerError, with its message and marks.
    """

    def __init__(self, path: str, events: Callable[[], Any]) -> None:
        self.path = path
        self.next_event = events
        self.problems: list[Problem] = []
        self.anchors: dict[str, _Anchor] = {}
        self.replaying = False
        self.depth = 0

    def document(self) -> tuple[bool, Any]:
        """(whether the stream holds a document, its value); one document at most."""
        get = self.next_event
        get()  # the stream's start
        if get().__class__ is StreamEndEvent:
            return False, None
        root = get()
        value = self.build(root, "")
        get()  # the document's end
        event = get()
        if event.__class__ is not StreamEndEvent:
            raise ComposerError(
                "expected a single document in the stream", root.start_mark,
                "but found another document", event.start_mark,
            )  # fmt: skip
        return True, value

    def problem(self, mark: Any, message: str, field: FieldPath = "") -> None:
        p = _pos(mark)
        self.problems.append(Problem(self.path, p.line, p.column, _field_text(field), message))

    def anchor(
        self, event: Any, seen: bool, events: list[Any] | None = None, start: int = 0
    ) -> None:
        name = event.anchor
        if self.replaying and name in self.anchors:  # built now, from the events kept
            self.anchors[name].seen = True
            return
        if name in self.anchors:
            raise ComposerError(
                "found duplicate anchor; first occurrence", self.anchors[name].mark,
                "second occurrence", event.start_mark,
            )  # fmt: skip
        self.anchors[name] = _Anchor(event.start_mark, seen, events, start)

    def aliased(self, event: Any) -> _Anchor:
        anchor = self.anchors.get(event.anchor)
        if anchor is None:
            raise ComposerError(None, None, "found undefined alias", event.start_mark)
        return anchor

    def build(self, event: Any, field: FieldPath) -> Any:
        cls = event.__class__
        if cls is ScalarEvent:
            if event.anchor is not None:
                self.anchor(event, True, [event])
            return self.scalar(event, field)
        if cls is AliasEvent:
            return self.alias(event, field)
        if event.anchor is not None:
            self.anchor(event, True)
        if self.depth >= MAX_DEPTH:
            self.problem(event.start_mark, f"nested more than {MAX_DEPTH} levels deep", field)
            self.skip(event, noted=True)
            return None
        self.depth += 1
        try:
            if cls is SequenceStartEvent:
                return self.sequence(event, field)
            return self.mapping(event, field)
        finally:
            self.depth -= 1

    def alias(self, event: Any, field: FieldPath) -> Any:
        """A node met twice is a problem where it was first written; a node composed but not
        built (a key; under a key refused) is built here, from its events."""
        anchor = self.aliased(event)
        if anchor.seen:
            self.problem(anchor.mark, _ALIAS, field)
            return None
        assert anchor.events is not None
        events = iter(anchor.events[anchor.start :])
        saved, replaying = self.next_event, self.replaying
        self.next_event, self.replaying = events.__next__, True
        try:
            return self.build(next(events), field)
        finally:
            self.next_event, self.replaying = saved, replaying

    def skip(self, event: Any, noted: bool = False) -> None:
        """Read past a node not built, keeping the events of anchored nodes in it (`noted`:
        the first event's anchor is known already)."""
        kept: list[Any] = [event]
        if not noted:
            self.note(event, kept, 0)
        if not isinstance(event, CollectionStartEvent):
            return
        depth = 1
        while depth:
            event = self.next_event()
            kept.append(event)
            if isinstance(event, CollectionStartEvent):
                depth += 1
            elif isinstance(event, (SequenceEndEvent, MappingEndEvent)):
                depth -= 1
            self.note(event, kept, len(kept) - 1)

    def note(self, event: Any, kept: list[Any], start: int) -> None:
        if event.__class__ is AliasEvent:
            self.aliased(event)  # undefined: an error, built or not
        elif getattr(event, "anchor", None) is not None:
            self.anchor(event, False, kept, start)

    def scalar(self, event: Any, field: FieldPath) -> Any:
        tag, value = event.tag, event.value
        if tag is None or tag == "!":  # `_tag` inlined: one call fewer for every scalar
            tag = _STR
            if event.implicit[0]:
                for resolved, regexp in _RESOLVERS.get(value[:1], ()):
                    if regexp.match(value):
                        tag = resolved
                        break
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
            self.problem(event.start_mark, f"YAML tag {tag!r} is not allowed: remove it", field)
            return None
        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        try:
            return yaml.constructor.SafeConstructor().construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            self.problem(event.start_mark, f"cannot read {value!r}: {exc}", field)
            return None

    def sequence(self, start: Any, field: FieldPath) -> YList:
        tag = _tag(start)
        if tag != _SEQ:
            self.problem(start.start_mark, f"YAML tag {tag!r} is not allowed: remove it", field)
        out = YList()
        mark = start.start_mark
        marks = _TWO[:]  # copied, then set: half the time of array("l", (line, column))
        marks[0], marks[1] = mark.line, mark.column
        out._marks, out._position, out._item_positions = marks, None, None
        get, append, at = self.next_event, out.append, marks.append
        i = 0
        while True:
            item = get()
            cls = item.__class__
            if cls is SequenceEndEvent:
                return out
            if cls is ScalarEvent and item.anchor is None:
                append(self.scalar(item, (field, i)))  # `build` inlined: a [lat, lon] pair
                mark = item.start_mark
            else:
                append(self.build(item, (field, i)))
                # an alias's item is the node it names, which starts where that was written
                mark = self.aliased(item).mark if cls is AliasEvent else item.start_mark
            at(mark.line)
            at(mark.column)
            i += 1

    def mapping(self, start: Any, field: FieldPath) -> YMap:
        tag = _tag(start)
        if tag != _MAP:
            self.problem(start.start_mark, f"YAML tag {tag!r} is not allowed: remove it", field)
        out = YMap()
        mark = start.start_mark
        marks = _TWO[:]  # as in `sequence`
        marks[0], marks[1] = mark.line, mark.column
        out._marks, out._index = marks, None
        get, at = self.next_event, marks.append
        order: dict[str, int] | None = None
        while True:
            key_event = get()
            cls = key_event.__class__
            if cls is MappingEndEvent:
                return out
            key_scalar = key_event
            if cls is AliasEvent:  # the key is the node the alias names (never built)
                key_scalar = self.aliased(key_event).first() or key_event
            elif cls is ScalarEvent and key_event.anchor is not None:
                self.anchor(key_event, False, [key_event])
            if key_scalar.__class__ is not ScalarEvent or (
                # a plain key is `<<` only if it starts as the merge key does
                (key_scalar.tag is not None or key_scalar.value[:1] in _MERGE_FIRST)
                and _tag(key_scalar) == _MERGE
            ):
                mark = self.aliased(key_event).mark if cls is AliasEvent else key_event.start_mark
                self.problem(mark, "keys must be plain words", field)
                if cls is not AliasEvent:
                    self.skip(key_event)
                self.skip(get())
                continue
            key = _intern(str(key_scalar.value))  # one string for each key written many times
            if key in out:
                if order is None:  # from the first duplicate on, each key's place is kept
                    order = {k: i for i, k in enumerate(out)}
                self.problem(
                    key_scalar.start_mark,
                    f"duplicate key {key!r} (first at line {marks[2 * order[key] + 2] + 1}): YAML "
                    "would keep only the last one; remove one of them",
                    (field, key),
                )
                self.skip(get())
                continue
            if order is not None:
                order[key] = len(out)
            key_mark: Any = key_scalar.start_mark
            at(key_mark.line)
            at(key_mark.column)
            out[key] = self.build(get(), (field, key))


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
        out._marks = marks = array("l", (-1, -1))  # position 0, 0: no file
        out._index = None
        for key, item in value.items():
            if not isinstance(key, str):
                problems.append(Problem(path, 0, 0, field, f"keys must be strings, not {key!r}"))
                continue
            marks.extend((-1, -1))
            out[key] = _plain(item, f"{field}.{key}" if field else key, path, problems, depth + 1)
        return out
    if isinstance(value, (list, tuple)):
        seq = YList(
            _plain(item, f"{field}[{i}]", path, problems, depth + 1) for i, item in enumerate(value)
        )
        seq._marks, seq._position, seq._item_positions = None, _NOWHERE, [_NOWHERE] * len(seq)
        return seq
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    problems.append(
        Problem(path, 0, 0, field, f"{type(value).__name__} is not a YAML value: use str or number")
    )
    return None
