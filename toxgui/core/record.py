"""`record`: the project's dataclass decorator.

It is `dataclasses.dataclass` with one difference: every record class shares one `__repr__`
instead of getting its own.  On Python 3.11 `dataclass` compiles a new `__repr__` (and a wrapper
guarding against recursion) for each class, about 2.5 kB per class, 0.27 MB of a headless
process's 22 MB for the classes it loads (docs/benchmarks.md, memory).  The shared one prints the
same text: `QualifiedName(field=value!r, ...)` over the fields marked `repr=True`, so a
`field(repr=False)` keeps a secret key out of logs exactly as before, and `...` where a record
contains itself.  A class that writes its own `__repr__` keeps it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import Field, dataclass, field, fields
from reprlib import recursive_repr
from typing import Any, TypeVar, dataclass_transform, overload

_T = TypeVar("_T")

__all__ = ["record"]


@recursive_repr()
def _record_repr(self: Any) -> str:
    shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)
    return f"{type(self).__qualname__}({shown})"


@overload
def record(cls: type[_T], /) -> type[_T]: ...


@overload
def record(*, eq: bool = True, frozen: bool = False, slots: bool = False) -> Callable[[type[_T]], type[_T]]: ...


@dataclass_transform(field_specifiers=(field, Field))
def record(
    cls: type[_T] | None = None, /, *, eq: bool = True, frozen: bool = False, slots: bool = False,
) -> type[_T] | Callable[[type[_T]], type[_T]]:
    """`@dataclass` (with `eq`, `frozen` and `slots` as there) and the shared `__repr__`."""

    def wrap(c: type[_T]) -> type[_T]:
        own_repr = "__repr__" in c.__dict__
        made = dataclass(c, repr=False, eq=eq, frozen=frozen, slots=slots)
        if not own_repr:
            made.__repr__ = _record_repr  # type: ignore[method-assign]
        return made

    return wrap if cls is None else wrap(cls)
