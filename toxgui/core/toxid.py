"""The Tox ID: long-term public key (32) | nospam (4 raw bytes) | checksum (2).

Every reason an ID is refused is its own exception class, so the UI can say exactly what is wrong.
"""

from __future__ import annotations

import string

from toxgui.core.record import record
from toxgui.core.spec import NOSPAM_SIZE
from toxgui.core.wire import PUBLIC_KEY_SIZE

TOX_ID_SIZE = 38
TOX_ID_HEX_LEN = 76

_HEX = frozenset(string.hexdigits)


class ToxIdError(ValueError):
    """Base class: the text is not a usable Tox ID."""


class ToxIdEmpty(ToxIdError):
    def __init__(self) -> None:
        super().__init__("the Tox ID is empty")


class ToxIdLength(ToxIdError):
    def __init__(self, got: int) -> None:
        self.got = got
        super().__init__(f"a Tox ID has {TOX_ID_HEX_LEN} hexadecimal characters, this has {got}")


class ToxIdCharacters(ToxIdError):
    def __init__(self, bad: str, position: int) -> None:
        self.bad = bad
        self.position = position
        super().__init__(f"{bad!r} at position {position + 1} is not a hexadecimal character")


class ToxIdChecksum(ToxIdError):
    def __init__(self) -> None:
        super().__init__("the checksum does not match: a character was mistyped or the ID is cut")


class ToxIdBadKey(ToxIdError):
    def __init__(self) -> None:
        super().__init__("the public key in this Tox ID is not a valid key (last byte ≥ 128)")


class ToxIdIsOwn(ToxIdError):
    def __init__(self) -> None:
        super().__init__("this is your own Tox ID")


def checksum(data36: bytes) -> bytes:
    """XOR each byte into c[i % 2] (c-toxcore data_checksum)."""
    c = [0, 0]
    for i, b in enumerate(data36):
        c[i % 2] ^= b
    return bytes(c)


def public_key_valid(pk: bytes) -> bool:
    """c-toxcore public_key_valid: the top bit of the last byte must be clear."""
    return len(pk) == PUBLIC_KEY_SIZE and pk[31] < 128


@record(frozen=True, slots=True)
class ToxId:
    public_key: bytes
    nospam: bytes

    def __post_init__(self) -> None:
        if len(self.public_key) != PUBLIC_KEY_SIZE:
            raise ValueError("public key must be 32 bytes")
        if len(self.nospam) != NOSPAM_SIZE:
            raise ValueError("nospam must be 4 bytes")

    @property
    def checksum(self) -> bytes:
        return checksum(self.public_key + self.nospam)

    def to_bytes(self) -> bytes:
        return self.public_key + self.nospam + self.checksum

    def __str__(self) -> str:
        return self.to_bytes().hex().upper()

    @classmethod
    def from_bytes(cls, data: bytes) -> ToxId:
        if len(data) != TOX_ID_SIZE:
            raise ToxIdLength(len(data) * 2)
        tid = cls(bytes(data[:32]), bytes(data[32:36]))
        if tid.checksum != data[36:38]:
            raise ToxIdChecksum()
        return tid

    @classmethod
    def parse(cls, text: str, own_public_key: bytes | None = None) -> ToxId:
        """Parse user input: tolerates whitespace and a `tox:` prefix; each failure is distinct."""
        t = "".join(text.split())
        if t.lower().startswith("tox:"):
            t = t[4:]
        if not t:
            raise ToxIdEmpty()
        for i, ch in enumerate(t):
            if ch not in _HEX:
                raise ToxIdCharacters(ch, i)
        if len(t) != TOX_ID_HEX_LEN:
            raise ToxIdLength(len(t))
        tid = cls.from_bytes(bytes.fromhex(t))
        if not public_key_valid(tid.public_key):
            raise ToxIdBadKey()
        if own_public_key is not None and tid.public_key == own_public_key:
            raise ToxIdIsOwn()
        return tid


def short_key(pk: bytes) -> str:
    """Redacted form of a public key for logs: first 8 hex characters."""
    return pk[:4].hex().upper()
