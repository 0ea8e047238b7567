"""`@frozen` makes the class `@dataclass(frozen=True)` makes: the same behaviour, method by
method."""

from __future__ import annotations

import copy
import dataclasses
import importlib
import inspect
import math
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import claimcheck.frozen as frozen_module
from claimcheck.frozen import frozen
from test_layers import MODULES


def _pair(body: dict[str, Any], eq: bool = True, order: bool = False) -> tuple[type, type]:
    """The same class body made by dataclasses and by @frozen."""
    made = []
    for decorate in (dataclass(frozen=True, eq=eq, order=order), frozen(eq=eq, order=order)):
        namespace = {k: copy.copy(v) for k, v in body.items()}
        made.append(decorate(type("Model", (), namespace)))
    return made[0], made[1]


BODIES: dict[str, dict[str, Any]] = {
    "plain": {"__annotations__": {"a": "int", "b": "str"}, "__doc__": "Two fields."},
    "defaults": {
        "__annotations__": {"a": "int", "b": "float", "c": "list[int]", "d": "str"},
        "b": 1.5,
        "c": field(default_factory=list),
        "d": field(default="x", compare=False, repr=False),
    },
    "outside init": {
        "__annotations__": {"a": "int", "b": "dict[str, int]", "c": "int", "d": "int"},
        "b": field(default_factory=dict, init=False, repr=False),
        "c": field(default=3, init=False),
        "d": field(default=4, hash=False),
    },
    "no fields": {"__doc__": "Nothing."},
    "one field": {"__annotations__": {"x": "float"}},
    "post init": {
        "__annotations__": {"a": "int", "b": "int"},
        "b": field(default=0, init=False),
        "__post_init__": lambda self: object.__setattr__(self, "b", self.a * 2),
    },
    "own eq": {
        "__annotations__": {"a": "int"},
        "__eq__": lambda self, other: isinstance(other, type(self)),
    },
    "own hash": {"__annotations__": {"a": "int"}, "__hash__": lambda self: 7},
    "own repr": {"__annotations__": {"a": "int"}, "__repr__": lambda self: "mine"},
    "class var": {"__annotations__": {"a": "int", "K": "ClassVar[int]"}, "K": 3},
}
ARGS: dict[str, list[tuple[tuple[Any, ...], dict[str, Any]]]] = {
    "plain": [((1, "x"), {}), ((1, "y"), {}), ((), {"a": 1, "b": "x"})],
    "defaults": [((1,), {}), ((1, 2.0, [3]), {}), ((1,), {"d": "other"}), ((2,), {})],
    "outside init": [((1,), {}), ((1,), {"d": 9}), ((2,), {})],
    "no fields": [((), {})],
    "one field": [((1.0,), {}), ((math.nan,), {}), ((2.0,), {})],
    "post init": [((1,), {}), ((2,), {})],
    "own eq": [((1,), {}), ((2,), {})],
    "own hash": [((1,), {}), ((2,), {})],
    "own repr": [((1,), {})],
    "class var": [((1,), {}), ((2,), {})],
}


def _hash(obj: Any) -> Any:
    try:
        return hash(obj)
    except TypeError as exc:
        return str(exc)


@pytest.mark.parametrize("eq", [True, False])
@pytest.mark.parametrize("name", sorted(BODIES))
def test_same_behaviour_as_dataclasses(name: str, eq: bool) -> None:
    reference, ours = _pair(BODIES[name], eq)
    assert str(inspect.signature(ours)) == str(inspect.signature(reference))
    assert ours.__doc__ == reference.__doc__
    assert ours.__match_args__ == reference.__match_args__  # type: ignore[attr-defined]
    assert [f.name for f in dataclasses.fields(ours)] == [
        f.name for f in dataclasses.fields(reference)
    ]
    assert dataclasses.is_dataclass(ours)
    assert ours.__dataclass_params__.frozen  # type: ignore[attr-defined]
    assert (ours.__hash__ is None) == (reference.__hash__ is None)
    made = [(reference(*a, **k), ours(*a, **k)) for a, k in ARGS[name]]
    for ref, mine in made:
        assert repr(mine) == repr(ref).replace(reference.__qualname__, ours.__qualname__)
        assert vars(mine) == vars(ref)
        if eq:
            assert _hash(mine) == _hash(ref)
        for attribute in [*vars(ref), "new"]:
            with pytest.raises(dataclasses.FrozenInstanceError) as want:
                setattr(ref, attribute, 0)
            with pytest.raises(dataclasses.FrozenInstanceError) as got:
                setattr(mine, attribute, 0)
            assert str(got.value) == str(want.value)
            with pytest.raises(dataclasses.FrozenInstanceError) as want:
                delattr(ref, attribute)
            with pytest.raises(dataclasses.FrozenInstanceError) as got:
                delattr(mine, attribute)
            assert str(got.value) == str(want.value)
        assert vars(dataclasses.replace(mine)) == vars(dataclasses.replace(ref))
        assert vars(copy.deepcopy(mine)) == vars(ref)
        assert mine != ref
    for ref_a, mine_a in made:
        for ref_b, mine_b in made:
            assert (mine_a == mine_b) == (ref_a == ref_b)
            assert (mine_a != mine_b) == (ref_a != ref_b)


@pytest.mark.parametrize("name", sorted(n for n in BODIES if n not in ("one field",)))
def test_same_order_as_dataclasses(name: str) -> None:
    reference, ours = _pair(BODIES[name], order=True)
    made = [(reference(*a, **k), ours(*a, **k)) for a, k in ARGS[name]]
    for ref_a, mine_a in made:
        for ref_b, mine_b in made:
            for op in ("__lt__", "__le__", "__gt__", "__ge__"):
                assert getattr(mine_a, op)(mine_b) == getattr(ref_a, op)(ref_b)
            assert mine_a.__lt__(ref_b) is NotImplemented
    assert sorted(m for _, m in made) == [m for _, m in sorted(made, key=lambda p: p[0])]


def test_order_needs_eq_and_its_own_comparisons() -> None:
    with pytest.raises(ValueError, match="eq must be true"):
        frozen(eq=False, order=True)(type("Model", (), {}))
    body = {"__annotations__": {"a": "int"}, "__lt__": lambda self, other: True}
    with pytest.raises(TypeError, match="Cannot overwrite attribute __lt__"):
        frozen(order=True)(type("Model", (), body))


def test_pickles() -> None:
    from claimcheck.errors import Problem
    from claimcheck.grammar.interval import Interval

    value = Interval(1.0, 2.0)
    assert pickle.loads(pickle.dumps(value)) == value
    assert pickle.loads(pickle.dumps(Problem("f", 1, 2, "x", "m"))) == Problem("f", 1, 2, "x", "m")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"__annotations__": {"a": "int"}, "a": field(kw_only=True)}, "keyword-only"),
    ],
)
def test_refuses_what_it_does_not_offer(body: dict[str, Any], message: str) -> None:
    with pytest.raises(TypeError, match=message):
        frozen(type("Model", (), body))


def _models() -> list[type]:
    found = []
    for name in sorted(MODULES):
        if name == "claimcheck.__main__":
            continue
        module = importlib.import_module(name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and value.__module__ == name
                and dataclasses.is_dataclass(value)
                and value.__dataclass_params__.frozen  # type: ignore[attr-defined]
            ):
                found.append(value)
    return found


MODELS = _models()


@pytest.mark.parametrize("model", MODELS, ids=lambda m: f"{m.__module__}.{m.__qualname__}")
def test_every_model_has_the_signature_dataclasses_gives_it(model: type) -> None:
    """Each model class rebuilt by dataclasses from its own fields: the same __init__."""
    params = model.__dataclass_params__  # type: ignore[attr-defined]
    reference = dataclasses.make_dataclass(
        model.__name__,
        [(f.name, f.type, copy.copy(f)) for f in dataclasses.fields(model)],
        frozen=True,
        eq=params.eq,
        order=params.order,
    )
    assert str(inspect.signature(model)) == str(inspect.signature(reference))
    assert model.__match_args__ == reference.__match_args__  # type: ignore[attr-defined]
    assert (model.__hash__ is None) == (reference.__hash__ is None)


def test_models_are_found() -> None:
    assert len(MODELS) > 80


def test_models_are_made_by_frozen() -> None:
    """A new model made by @dataclass(frozen=True) would cost every command's start-up again."""
    package = Path(frozen_module.__file__).parent
    made = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if path.name != "frozen.py" and "@dataclass(frozen=True" in path.read_text(encoding="utf-8")
    ]
    assert made == []
