"""`@frozen`: claimcheck's immutable models, as `@dataclass(frozen=True)` makes them, made faster.

Python 3.10 and 3.11's `dataclasses` compile six methods from source for each frozen class
(`__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__`, `__delattr__`): ~0.35 ms a class,
~30 ms of every `claimcheck verify`, which imports 80-odd models before it reads a byte. Here
`dataclasses` still does everything but the methods (fields, defaults, `__match_args__`,
`__dataclass_fields__`, so `dataclasses.replace` and `dataclasses.fields` work as before);
only `__init__` is compiled (it runs for every object built, so it stays a plain function),
and the other five are closures over the class's field names that behave exactly as the
compiled ones do: the same comparisons, the same hash values, the same repr, the same
`FrozenInstanceError` (tests/test_frozen.py checks them against `dataclasses`, feature by
feature and on every model class).
"""

from __future__ import annotations

import dataclasses
import inspect
import reprlib
from collections.abc import Callable
from dataclasses import MISSING, FrozenInstanceError
from operator import attrgetter
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
    # __init__ writes the instance's dict: no slots, no descriptor in a field's place, no field
    # named like __init__'s own names
    if "__slots__" in own or any(
        f.name == "self" or f.name.startswith("__") or hasattr(type(own.get(f.name)), "__set__")
        for f in fields
    ):
        raise TypeError(f"{cls.__qualname__}: @frozen needs plain fields without slots")
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    if order and not eq:
        raise ValueError("eq must be true if order is true")  # as dataclasses says
    params.init, params.repr, params.eq, params.order, params.frozen = True, True, eq, order, True
    methods: dict[str, Any] = {"__init__": _init(cls, fields), **_frozen(cls, fields)}
    methods["__repr__"] = _repr(tuple(f.name for f in fields if f.repr))
    if eq:
        compared = tuple(f.name for f in fields if f.compare)
        methods["__eq__"] = _eq(compared)
        if order:
            for name in _ORDER:
                if name in own:  # as dataclasses refuses
                    raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}")
                methods[name] = _compare(name, compared)
        if not explicit_hash:
            hashed = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
            cls.__hash__ = _hash(hashed)  # type: ignore[method-assign]
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
    env: dict[str, Any] = {"__factory": _FACTORY}
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
            lines.append(f"__fields[{f.name!r}] = {value}")
    if hasattr(cls, "__post_init__"):
        lines.append("self.__post_init__()")
    # the instance's dict written directly: what object.__setattr__ (which dataclasses calls
    # for a frozen class) would do for a class without slots or descriptors of its fields,
    # at half the cost
    body = "\n ".join(["__fields = self.__dict__", *lines])
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


def _values(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving an object's values of `names` as one tuple, as dataclasses' methods
    build it (attrgetter of one name gives the value alone)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _eq(names: tuple[str, ...]) -> Any:
    values = _values(names)

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    return __eq__


#: the comparisons order=True adds, each comparing the fields' values as one tuple
_ORDER = {"__lt__": tuple.__lt__, "__le__": tuple.__le__, "__gt__": tuple.__gt__,
          "__ge__": tuple.__ge__}  # fmt: skip


def _compare(name: str, names: tuple[str, ...]) -> Any:
    values, test = _values(names), _ORDER[name]

    def compare(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return test(values(self), values(other))
        return NotImplemented

    return compare


def _hash(names: tuple[str, ...]) -> Any:
    values = _values(names)

    def __hash__(self: Any) -> int:
        return hash(values(self))

    return __hash__


def _repr(names: tuple[str, ...]) -> Any:
    @reprlib.recursive_repr()
    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({shown})"

    return __repr__
