"""Messenger packets: the lossless/lossy data carried inside net_crypto (Messenger.c, notes §7).

Each packet is ``id (1) | payload``; the id is the first byte of the net_crypto data.  The
decoders apply c-toxcore's receiver rules, so a decoded value is one c-toxcore would act on:

| id | packet | rule |
|----|--------|------|
| 24 | ONLINE | exactly the id byte |
| 25 | OFFLINE | exactly the id byte |
| 48 | NICKNAME | 0..128 bytes |
| 49 | STATUSMESSAGE | 0..1007 bytes |
| 50 | USERSTATUS | 1 byte, < 3 |
| 51 | TYPING | 1 byte; any non-zero value means typing (as c-toxcore reads it) |
| 64/65 | MESSAGE/ACTION | 1..1372 bytes |
| 69 | MSI | 1+ bytes, opaque |
| 80 | FILE_SENDREQUEST | ``file_number | kind u32 BE | size u64 BE | file_id (32) | filename 0..255`` |
| 81 | FILE_CONTROL | ``send_receive (0/1) | file_number | control (0..3) | [position u64 BE, seek only]`` |
| 82 | FILE_DATA | ``file_number | 0..1371 bytes`` |

Texts stay bytes here (c-toxcore passes them on unchecked); decoding UTF-8 is the caller's
choice.  Other ids (conferences, custom packets) decode to `RawPacket`.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import ClassVar

from toxgui.core.errors import ProtocolError
from toxgui.core.packets._common import need_len, need_range
from toxgui.core.packets._registry import decoder
from toxgui.core.packets.net_crypto import MAX_CRYPTO_DATA_SIZE
from toxgui.core.record import record
from toxgui.core.spec import (
    FILE_ID_LENGTH,
    MAX_FILENAME_LENGTH,
    MAX_MESSAGE_LENGTH,
    MAX_NAME_LENGTH,
    MAX_STATUS_MESSAGE_LENGTH,
)
from toxgui.core.wire import Reader, u32, u64


class MessengerId(IntEnum):
    ONLINE = 24
    OFFLINE = 25
    NICKNAME = 48
    STATUSMESSAGE = 49
    USERSTATUS = 50
    TYPING = 51
    MESSAGE = 64
    ACTION = 65
    MSI = 69
    FILE_SENDREQUEST = 80
    FILE_CONTROL = 81
    FILE_DATA = 82
    INVITE_CONFERENCE = 96
    ONLINE_PACKET = 97
    DIRECT_CONFERENCE = 98
    MESSAGE_CONFERENCE = 99
    REJOIN_CONFERENCE = 100
    LOSSY_CONFERENCE = 199


class UserStatusKind(IntEnum):
    NONE = 0
    AWAY = 1
    BUSY = 2


class FileControlKind(IntEnum):
    ACCEPT = 0
    PAUSE = 1
    KILL = 2
    SEEK = 3


class FileKind(IntEnum):
    DATA = 0
    AVATAR = 1


MAX_FILE_DATA_SIZE = MAX_CRYPTO_DATA_SIZE - 2  # 1371
MAX_PAYLOAD = MAX_CRYPTO_DATA_SIZE - 1  # 1372: the id byte takes one of the 1373


def _split(data: bytes, packet_id: int, what: str) -> bytes:
    if not data or data[0] != packet_id:
        raise ProtocolError(f"{what}: packet id is not {packet_id}")
    if len(data) > MAX_CRYPTO_DATA_SIZE:
        raise ProtocolError(f"{what}: {len(data)} bytes")
    return data[1:]


def _bounded(value: bytes, lo: int, hi: int, what: str) -> None:
    if not isinstance(value, bytes) or not lo <= len(value) <= hi:
        raise ProtocolError(f"{what}: length must be {lo}..{hi}")


@record(frozen=True, slots=True)
class Online:
    ID: ClassVar[int] = MessengerId.ONLINE

    def encode(self) -> bytes:
        return bytes([self.ID])

    @classmethod
    def decode(cls, data: bytes) -> Online:
        if _split(data, cls.ID, "ONLINE"):
            raise ProtocolError("ONLINE must be exactly 1 byte")
        return cls()


@record(frozen=True, slots=True)
class Offline:
    ID: ClassVar[int] = MessengerId.OFFLINE

    def encode(self) -> bytes:
        return bytes([self.ID])

    @classmethod
    def decode(cls, data: bytes) -> Offline:
        if _split(data, cls.ID, "OFFLINE"):
            raise ProtocolError("OFFLINE must be exactly 1 byte")
        return cls()


@record(frozen=True, slots=True)
class Nickname:
    name: bytes
    ID: ClassVar[int] = MessengerId.NICKNAME

    def __post_init__(self) -> None:
        _bounded(self.name, 0, MAX_NAME_LENGTH, "name")

    def encode(self) -> bytes:
        return bytes([self.ID]) + self.name

    @classmethod
    def decode(cls, data: bytes) -> Nickname:
        return cls(_split(data, cls.ID, "NICKNAME"))


@record(frozen=True, slots=True)
class StatusMessage:
    message: bytes
    ID: ClassVar[int] = MessengerId.STATUSMESSAGE

    def __post_init__(self) -> None:
        _bounded(self.message, 0, MAX_STATUS_MESSAGE_LENGTH, "status message")

    def encode(self) -> bytes:
        return bytes([self.ID]) + self.message

    @classmethod
    def decode(cls, data: bytes) -> StatusMessage:
        return cls(_split(data, cls.ID, "STATUSMESSAGE"))


@record(frozen=True, slots=True)
class UserStatus:
    status: int  # UserStatusKind
    ID: ClassVar[int] = MessengerId.USERSTATUS

    def __post_init__(self) -> None:
        need_range(self.status, 0, 2, "user status")

    def encode(self) -> bytes:
        return bytes([self.ID, self.status])

    @classmethod
    def decode(cls, data: bytes) -> UserStatus:
        body = _split(data, cls.ID, "USERSTATUS")
        if len(body) != 1:
            raise ProtocolError("USERSTATUS must carry exactly 1 byte")
        return cls(body[0])


@record(frozen=True, slots=True)
class Typing:
    typing: bool
    ID: ClassVar[int] = MessengerId.TYPING

    def encode(self) -> bytes:
        return bytes([self.ID, 1 if self.typing else 0])

    @classmethod
    def decode(cls, data: bytes) -> Typing:
        body = _split(data, cls.ID, "TYPING")
        if len(body) != 1:
            raise ProtocolError("TYPING must carry exactly 1 byte")
        return cls(body[0] != 0)


@record(frozen=True, slots=True)
class Message:
    """MESSAGE (64); `Action` is the same for "/me"."""

    text: bytes
    ID: ClassVar[int] = MessengerId.MESSAGE

    def __post_init__(self) -> None:
        _bounded(self.text, 1, MAX_MESSAGE_LENGTH, "message")

    def encode(self) -> bytes:
        return bytes([self.ID]) + self.text

    @classmethod
    def decode(cls, data: bytes) -> Message:
        return cls(_split(data, cls.ID, "MESSAGE"))


@record(frozen=True, slots=True)
class Action:
    text: bytes
    ID: ClassVar[int] = MessengerId.ACTION

    def __post_init__(self) -> None:
        _bounded(self.text, 1, MAX_MESSAGE_LENGTH, "action")

    def encode(self) -> bytes:
        return bytes([self.ID]) + self.text

    @classmethod
    def decode(cls, data: bytes) -> Action:
        return cls(_split(data, cls.ID, "ACTION"))


@record(frozen=True, slots=True)
class Msi:
    """ToxAV call signalling, opaque here."""

    data: bytes
    ID: ClassVar[int] = MessengerId.MSI

    def __post_init__(self) -> None:
        _bounded(self.data, 1, MAX_PAYLOAD, "MSI")

    def encode(self) -> bytes:
        return bytes([self.ID]) + self.data

    @classmethod
    def decode(cls, data: bytes) -> Msi:
        return cls(_split(data, cls.ID, "MSI"))


@record(frozen=True, slots=True)
class FileSendRequest:
    file_number: int
    kind: int  # FileKind; any u32 on the wire
    size: int  # 2**64 - 1 = unknown size (a stream)
    file_id: bytes
    filename: bytes = b""
    ID: ClassVar[int] = MessengerId.FILE_SENDREQUEST

    def __post_init__(self) -> None:
        need_range(self.file_number, 0, 255, "file number")
        need_range(self.kind, 0, 2**32 - 1, "file kind")
        need_range(self.size, 0, 2**64 - 1, "file size")
        need_len(self.file_id, FILE_ID_LENGTH, "file id")
        _bounded(self.filename, 0, MAX_FILENAME_LENGTH, "file name")

    def encode(self) -> bytes:
        head = bytes([self.ID, self.file_number]) + u32(self.kind) + u64(self.size)
        return head + self.file_id + self.filename

    @classmethod
    def decode(cls, data: bytes) -> FileSendRequest:
        r = Reader(_split(data, cls.ID, "FILE_SENDREQUEST"))
        return cls(r.u8(), r.u32(), r.u64(), r.take(FILE_ID_LENGTH), r.rest())


@record(frozen=True, slots=True)
class FileControl:
    """`send_receive` is 1 when the control's sender is the file's receiver; `position` is
    present exactly for SEEK."""

    send_receive: int
    file_number: int
    control: int  # FileControlKind
    position: int | None = None
    ID: ClassVar[int] = MessengerId.FILE_CONTROL

    def __post_init__(self) -> None:
        need_range(self.send_receive, 0, 1, "send_receive")
        need_range(self.file_number, 0, 255, "file number")
        need_range(self.control, 0, 3, "file control")
        if self.control == FileControlKind.SEEK:
            if self.position is None:
                raise ProtocolError("SEEK needs a position")
            need_range(self.position, 0, 2**64 - 1, "seek position")
        elif self.position is not None:
            raise ProtocolError("only SEEK carries a position")

    def encode(self) -> bytes:
        head = bytes([self.ID, self.send_receive, self.file_number, self.control])
        return head if self.position is None else head + u64(self.position)

    @classmethod
    def decode(cls, data: bytes) -> FileControl:
        r = Reader(_split(data, cls.ID, "FILE_CONTROL"))
        send_receive, number, control = r.u8(), r.u8(), r.u8()
        position = r.u64() if control == FileControlKind.SEEK else None
        r.end()
        return cls(send_receive, number, control, position)


@record(frozen=True, slots=True)
class FileData:
    """A chunk; full chunks are exactly 1371 bytes and a shorter one ends the transfer."""

    file_number: int
    data: bytes
    ID: ClassVar[int] = MessengerId.FILE_DATA

    def __post_init__(self) -> None:
        need_range(self.file_number, 0, 255, "file number")
        _bounded(self.data, 0, MAX_FILE_DATA_SIZE, "file data")

    def encode(self) -> bytes:
        return bytes([self.ID, self.file_number]) + self.data

    @classmethod
    def decode(cls, data: bytes) -> FileData:
        body = _split(data, cls.ID, "FILE_DATA")
        if not body:
            raise ProtocolError("FILE_DATA without a file number")
        return cls(body[0], body[1:])


@record(frozen=True, slots=True)
class RawPacket:
    """Any other lossless or lossy id (conferences, custom packets), kept as bytes."""

    packet_id: int
    payload: bytes

    def __post_init__(self) -> None:
        need_range(self.packet_id, 1, 255, "packet id")
        _bounded(self.payload, 0, MAX_PAYLOAD, "payload")

    def encode(self) -> bytes:
        return bytes([self.packet_id]) + self.payload

    @classmethod
    def decode(cls, data: bytes) -> RawPacket:
        if not data:
            raise ProtocolError("empty packet")
        if len(data) > MAX_CRYPTO_DATA_SIZE:
            raise ProtocolError("packet too long")
        return cls(data[0], data[1:])


MessengerPacket = (
    Online
    | Offline
    | Nickname
    | StatusMessage
    | UserStatus
    | Typing
    | Message
    | Action
    | Msi
    | FileSendRequest
    | FileControl
    | FileData
    | RawPacket
)

_BY_ID: dict[int, Callable[[bytes], MessengerPacket]] = {
    cls.ID: cls.decode
    for cls in (
        Online,
        Offline,
        Nickname,
        StatusMessage,
        UserStatus,
        Typing,
        Message,
        Action,
        Msi,
        FileSendRequest,
        FileControl,
        FileData,
    )
}


def decode_messenger(data: bytes) -> MessengerPacket:
    """Decode by the id byte; ids without a codec here come back as `RawPacket`."""
    if not data:
        raise ProtocolError("empty packet")
    decode = _BY_ID.get(data[0])
    if decode is None:
        return RawPacket.decode(data)
    return decode(data)


decoder("messenger.packet")(decode_messenger)
for _cls in (Online, Offline, Nickname, StatusMessage, UserStatus, Typing, Message, Action, Msi, FileSendRequest,
             FileControl, FileData):
    decoder(f"messenger.{_cls.__name__}")(_cls.decode)
