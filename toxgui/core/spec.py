"""The protocol's vocabulary in one place: limits, enums and the one message splitter.

Every tier (core, application, models, widgets) takes these names from here, so a limit or an
enum value is written once.  This module imports nothing from toxgui.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum

# --- sizes (c-toxcore 0.2.18) -----------------------------------------------------------------

PUBLIC_KEY_SIZE = 32
SECRET_KEY_SIZE = 32
NONCE_SIZE = 24
NOSPAM_SIZE = 4
MAX_NAME_LENGTH = 128  # TOX_MAX_NAME_LENGTH
MAX_STATUS_MESSAGE_LENGTH = 1007  # TOX_MAX_STATUS_MESSAGE_LENGTH
MAX_MESSAGE_LENGTH = 1372  # TOX_MAX_MESSAGE_LENGTH: one MESSAGE/ACTION packet's text
MAX_FRIEND_REQUEST_LENGTH = 1016  # TOX_MAX_FRIEND_REQUEST_LENGTH
MAX_FILENAME_LENGTH = 255  # TOX_MAX_FILENAME_LENGTH
FILE_ID_LENGTH = 32  # TOX_FILE_ID_LENGTH


class UserStatus(IntEnum):
    """A user's presence as the USERSTATUS packet carries it; `name` is the JSON/UI spelling."""

    ONLINE = 0
    AWAY = 1
    BUSY = 2

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: object) -> UserStatus:
        """From a label (`"away"`) or a wire byte; ValueError for anything else."""
        if isinstance(value, str):
            for s in cls:
                if s.label == value:
                    return s
            raise ValueError(f"status must be one of {', '.join(USER_STATUSES)}, not {value!r}")
        if isinstance(value, int) and not isinstance(value, bool):
            return cls(value)
        raise ValueError(f"status must be one of {', '.join(USER_STATUSES)}")

    @classmethod
    def from_wire(cls, value: int) -> UserStatus:
        """A stored or received byte; out-of-range values read as online (c-toxcore does the same)."""
        return cls(value) if 0 <= value < len(cls) else cls.ONLINE


USER_STATUSES: tuple[str, ...] = tuple(s.label for s in UserStatus)


class MessageKind(StrEnum):
    NORMAL = "normal"
    ACTION = "action"


MESSAGE_KINDS: tuple[str, ...] = tuple(k.value for k in MessageKind)


class Transport(StrEnum):
    """How a friend is connected (the headless `friend_connection` status)."""

    NONE = "none"
    UDP = "udp"
    TCP = "tcp"


class Stage(StrEnum):
    """A friend's connection stage (ToxProgress), in the order a connection comes up."""

    AwaitingDHTKey = "AwaitingDHTKey"
    AcquiringIPAddress = "AcquiringIPAddress"
    AcquiringCookie = "AcquiringCookie"
    AwaitingHandshake = "AwaitingHandshake"
    AwaitingSessionPacket = "AwaitingSessionPacket"
    Established = "Established"


# --- the one message splitter ----------------------------------------------------------------

_BREAKS = (b" ", b"\n", b"\t")


def split_utf8(raw: bytes, limit: int = MAX_MESSAGE_LENGTH) -> list[bytes]:
    """Pieces of at most `limit` bytes, cut at UTF-8 character boundaries, preferring to cut just
    after a space, newline or tab in the second half of a piece.  `b"".join(pieces) == raw`."""
    if limit < 4:
        raise ValueError("limit must leave room for one UTF-8 character")
    out: list[bytes] = []
    while len(raw) > limit:
        cut = limit
        while cut > 0 and (raw[cut] & 0xC0) == 0x80:
            cut -= 1
        ws = max(raw.rfind(b, 0, cut) for b in _BREAKS)
        if ws >= cut // 2:
            cut = ws + 1
        out.append(raw[:cut])
        raw = raw[cut:]
    if raw:
        out.append(raw)
    return out


def split_message(text: str, limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """`text` in pieces of at most `limit` UTF-8 bytes, cut exactly where the core cuts what it
    sends (`split_utf8`); `"".join(pieces) == text`, and no text gives no pieces."""
    return [p.decode("utf-8") for p in split_utf8(text.encode("utf-8"), limit)]
