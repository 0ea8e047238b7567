"""`@frozen`: claimcheck's immutable models, as `@dataclass(frozen=True)` makes them, made faster.

Python 3.10 and 3.11's `dataclasses` compile six methods from source for each frozen class
(`__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__`, `__delattr__`): ~0.35 ms a class,
~30 ms of every `claimcheck verify`, which imports 80-odd models before it reads a byte. Here
`dataclasses` still does everything but the methods (fields, defaults, `__match_args__`,
`__dataclass_fields__`, so `dataclasses.replace` and `dataclasses.fields` work as before).
`__init__` is compiled at once (it runs for every object built); `__eq__`, `__hash__` and the
order comparisons are compiled from the same text as dataclasses' on their first call (most
models are never compared in a run); `__repr__`, `__setattr__` and `__delattr__`, never hot,
are closures over the field names. All behave exactly as dataclasses' do: the same
comparisons, hash values, repr and `FrozenInstanceError` (tests/test_frozen.py checks them
against `dataclasses`, feature by feature and on every model class).
"""

from __future__ import annotations

import dataclasses
import inspect
import reprlib
from collections.abc import Callable
from dataclasses import MISSING, FrozenInstanceError
from typing import TYPE_CHECKING, Any, TypeVar, overload

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:

    def dataclass_transform(**_options: Any) -> Callable[[Any], Any]:
        """Type checkers' marker (typing_extensions, PEP 681): nothing to do at run time."""
        return lambda decorator: decorator


T = TypeVar("T")


@overload
def frozen(cls: type[T], /) -> type[T]: ...


@overload
def frozen(*, eq: bool = True, order: bool = False) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def frozen(cls: type[T] | None = None, /, *, eq: bool = True, order: bool = False) -> Any:
    """The class as `@dataclass(frozen=True, eq=eq, order=order)` makes it (`kw_only`, `slots`
    and `InitVar` are not offered: no model uses them)."""

    def wrap(cls: type[T]) -> type[T]:
        return _make(cls, eq, order)

    return wrap if cls is None else wrap(cls)


def _make(cls: type[T], eq: bool, order: bool) -> type[T]:
    documented = bool(cls.__doc__)
    own = dict(cls.__dict__)
    class_hash = own.get("__hash__", MISSING)
    explicit_hash = not (class_hash is MISSING or (class_hash is None and "__eq__" in own))
    dataclasses.dataclass(cls, init=False, repr=False, eq=False)  # fields only: no method
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    if any(f.kw_only for f in fields):
        raise TypeError(f"{cls.__qualname__}: @frozen does not offer keyword-only fields")
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    if order and not eq:
        raise ValueError("eq must be true if order is true")  # as dataclasses says
    params.init, params.repr, params.eq, params.order, params.frozen = True, True, eq, order, True
    methods: dict[str, Any] = {"__init__": _init(cls, fields), **_frozen(cls, fields)}
    methods["__repr__"] = _repr(tuple(f.name for f in fields if f.repr))
    if eq:
        compared = _tuple("self", fields, "compare")
        methods["__eq__"] = _later(cls, "__eq__", _comparison("__eq__", "==", compared))
        if order:
            for name, op in _ORDER.items():
                if name in own:  # as dataclasses refuses
                    raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}")
                methods[name] = _later(cls, name, _comparison(name, op, compared))
        if not explicit_hash:
            hashed = _tuple("self", fields, "hash")
            source = f"def __hash__(self):\n return hash({hashed})"
            cls.__hash__ = _later(cls, "__hash__", source)  # type: ignore[method-assign]
    for name, method in methods.items():
        if name not in own:  # a method the class writes itself stays, as with dataclasses
            method.__qualname__ = f"{cls.__qualname__}.{name}"
            setattr(cls, name, method)
    if not documented:  # dataclasses names the class by its signature, as known only now
        cls.__doc__ = cls.__name__ + str(inspect.signature(cls)).replace(" -> None", "")
    return cls


class _Factory:
    """What a parameter with a default factory holds when no value was given."""

    def __repr__(self) -> str:
        return "<factory>"  # as dataclasses shows it in a signature


_FACTORY = _Factory()


def _init(cls: type, fields: tuple[dataclasses.Field[Any], ...]) -> Any:
    """`__init__`, compiled from the lines `dataclasses` writes for a frozen class."""
    env: dict[str, Any] = {"__set": object.__setattr__, "__factory": _FACTORY}
    params, lines = [], []
    for f in fields:
        default = f"__default_{f.name}"
        if f.default is not MISSING:
            env[default] = f.default
            # outside __init__, the class attribute holds the default, as with dataclasses
            param, value = f"{f.name}={default}", f.name if f.init else ""
        elif f.default_factory is not MISSING:
            env[default] = f.default_factory
            param = f"{f.name}=__factory"
            value = f"{default}() if {f.name} is __factory else {f.name}"
            value = value if f.init else f"{default}()"
        else:  # a field outside __init__ without a default is left unset, as dataclasses does
            param, value = f.name, f.name if f.init else ""
        if f.init:
            params.append(param)
        if value:
            lines.append(f"__set(self, {f.name!r}, {value})")
    if hasattr(cls, "__post_init__"):
        lines.append("self.__post_init__()")
    # object.__setattr__, as dataclasses writes it: writing self.__dict__ would be faster here,
    # but makes CPython give the instance a dict of its own, and every later read of a field
    # twice as slow
    body = "\n ".join(lines or ["pass"])
    namespace: dict[str, Any] = {}
    exec(f"def __init__(self, {', '.join(params)}):\n {body}", env, namespace)
    init = namespace["__init__"]
    init.__annotations__ = {f.name: f.type for f in fields if f.init} | {"return": None}
    return init


def _frozen(cls: type, fields: tuple[dataclasses.Field[Any], ...]) -> dict[str, Any]:
    names = frozenset(f.name for f in fields)

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)  # type: ignore[arg-type]

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)  # type: ignore[arg-type]

    return {"__setattr__": __setattr__, "__delattr__": __delattr__}


#: the comparisons order=True adds, and their operators
_ORDER = {"__lt__": "<", "__le__": "<=", "__gt__": ">", "__ge__": ">="}


def _tuple(name: str, fields: tuple[dataclasses.Field[Any], ...], role: str) -> str:
    """The tuple of the fields that take part in comparisons or in the hash, as dataclasses
    writes it: "(self.a,self.b,)"."""
    if role == "compare":
        chosen = [f for f in fields if f.compare]
    else:
        chosen = [f for f in fields if (f.compare if f.hash is None else f.hash)]
    return f"({''.join(f'{name}.{f.name},' for f in chosen)})"


def _comparison(name: str, op: str, compared: str) -> str:
    other = compared.replace("(self.", "(other.").replace(",self.", ",other.")
    return (
        f"def {name}(self, other):\n"
        f" if other.__class__ is self.__class__:\n"
        f"  return {compared} {op} {other}\n"
        f" return NotImplemented"
    )


def _later(cls: type, name: str, source: str) -> Any:
    """A stand-in for a method that compiles it from `source` (what dataclasses compiles) on
    its first call and puts it in its own place: most models are never compared or hashed in
    a run, and those that are, are compared as fast as dataclasses' own."""

    def stand_in(self: Any, *args: Any) -> Any:
        namespace: dict[str, Any] = {}
        exec(source, {}, namespace)
        method = namespace[name]
        method.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, method)
        return method(self, *args)

    return stand_in


def _repr(names: tuple[str, ...]) -> Any:
    @reprlib.recursive_repr()
    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({shown})"

    return __repr__
