"""Small pieces shared by the packet codecs: field checks, shared-key lookup, fixed fuzz keys.

Codec dataclasses validate their fields in `__post_init__` and raise `ProtocolError` (a
`ValueError`), so a decoder that builds one can never leak any other exception, and a caller
that builds an invalid packet by hand is told at once.
"""

from __future__ import annotations

from toxgui.core.crypto import KeyPair, SharedKeyCache, precompute
from toxgui.core.errors import ProtocolError
from toxgui.core.wire import NONCE_SIZE, PUBLIC_KEY_SIZE


def need_len(value: bytes, n: int, what: str) -> None:
    if not isinstance(value, bytes) or len(value) != n:
        raise ProtocolError(f"{what}: must be {n} bytes")


def need_key(value: bytes, what: str) -> None:
    need_len(value, PUBLIC_KEY_SIZE, what)


def need_nonce(value: bytes, what: str = "nonce") -> None:
    need_len(value, NONCE_SIZE, what)


def need_range(value: int, lo: int, hi: int, what: str) -> None:
    """lo <= value <= hi."""
    if not isinstance(value, int) or not lo <= value <= hi:
        raise ProtocolError(f"{what}: {value!r} outside {lo}..{hi}")


def need_kind(data: bytes, kind: int, what: str) -> None:
    if not data or data[0] != kind:
        raise ProtocolError(f"{what}: packet kind is not 0x{kind:02x}")


def shared_key(ours: KeyPair, their_public: bytes, cache: SharedKeyCache | None) -> bytes:
    """beforenm(their pk, our sk), through the cache when one is given."""
    if len(their_public) != PUBLIC_KEY_SIZE:
        raise ProtocolError("bad public key size")
    if cache is not None:
        return cache.get(ours, their_public)
    return precompute(their_public, ours.secret)
