"""The YAML node tree as plain values that remember where they stand in the file.

PyYAML's loaders keep the last of two duplicate keys without a word, expand alias bombs and,
outside the safe loader, build arbitrary objects from tags. We compose the node tree with the
C parser (5x faster than the pure-Python one), then build plain values ourselves (`Builder`):
duplicate keys, aliases and unknown tags become Problems with file:line:column. Mappings and
lists remember their positions (`YMap`, `YList`); `from_plain` gives data that never was a file
the same shape. claimcheck.files.yamlfile reads files into these.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

import yaml

from claimcheck.errors import DataError, Problem

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


class Loader(_BaseLoader):  # type: ignore[misc, valid-type]
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


class Builder:
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
