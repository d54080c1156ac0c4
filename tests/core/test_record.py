"""toxgui.core.record: dataclasses with one shared `__repr__` that prints what dataclass's would."""

from __future__ import annotations

import dataclasses
from dataclasses import field

import pytest

from toxgui.core.crypto import KeyPair
from toxgui.core.record import record


def _pair(**options: bool) -> tuple[type, type]:
    """The same class made by `record` and by `dataclass` (repr on)."""

    def body() -> dict[str, object]:
        return {"__annotations__": {"name": "str", "secret": "bytes", "items": "list[object]"},
                "secret": field(default=b"", repr=False), "items": field(default_factory=list)}

    return (record(type("Thing", (), body()), **options),
            dataclasses.dataclass(type("Thing", (), body()), **options))


@pytest.mark.parametrize("options", [{}, {"frozen": True, "slots": True}, {"slots": True}, {"eq": False}])
def test_the_text_is_dataclass_s_own(options: dict[str, bool]) -> None:
    mine, theirs = _pair(**options)
    a, b = mine("x", b"key", [1, "two"]), theirs("x", b"key", [1, "two"])
    assert repr(a) == repr(b) == "Thing(name='x', items=[1, 'two'])"
    # the rest is dataclass's own: the same methods (equality, hashing, immutability), the same slots
    assert set(vars(mine)) == set(vars(theirs))
    assert (mine.__hash__ is None) == (theirs.__hash__ is None)
    assert (a == mine("x", b"key", [1, "two"])) == (b == theirs("x", b"key", [1, "two"]))
    assert dataclasses.is_dataclass(a)


def test_a_record_that_holds_itself_prints_dots() -> None:
    mine, theirs = _pair()
    a, b = mine("x"), theirs("x")
    a.items.append(a)
    b.items.append(b)
    assert repr(a) == repr(b) == "Thing(name='x', items=[...])"


def test_secrets_stay_out_and_a_class_s_own_repr_is_kept() -> None:
    assert "secret" not in repr(KeyPair(b"p" * 32, b"s" * 32))
    assert b"s".hex() * 32 not in repr(KeyPair(b"p" * 32, b"s" * 32))

    @record
    class Own:
        value: int

        def __repr__(self) -> str:
            return "<hidden>"

    assert repr(Own(1)) == "<hidden>"


def test_every_record_shares_one_repr() -> None:
    from toxgui.core.packets import dht, onion

    assert type(onion.AnnounceRequest).__repr__ is type.__repr__  # the class itself: untouched
    reprs = {cls.__repr__ for mod in (dht, onion) for cls in vars(mod).values()
             if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == mod.__name__}
    assert len(reprs) == 1
