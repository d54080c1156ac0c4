"""A registry of every total decoder, so one fuzz test can throw junk at all of them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

F = TypeVar("F", bound=Callable[[bytes], object])

DECODERS: dict[str, Callable[[bytes], object]] = {}


def register_decoder(name: str, fn: Callable[[bytes], object]) -> None:
    if name in DECODERS:
        raise ValueError(f"decoder {name!r} registered twice")
    DECODERS[name] = fn


def decoder(name: str) -> Callable[[F], F]:
    """Decorator: register a `bytes -> value` decoder that raises only ProtocolError."""

    def wrap(fn: F) -> F:
        register_decoder(name, fn)
        return fn

    return wrap
