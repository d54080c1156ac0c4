"""friend_connection packets (ids 16-18), carried as lossless net_crypto data (notes §6).

* 16 ALIVE: the id byte; c-toxcore sends it every 8 s and reads any length as alive.
* 17 SHARE_RELAYS: up to 3 packed nodes (c-toxcore sends TCP types 130/138; its reader also
  takes UDP types, and so does this one).  Every byte must belong to a node.
* 18 FRIEND_REQUESTS: ``nospam (4 raw bytes) | message (1..1016)``, the same rule as the onion
  friend request (total > 5 and <= 1021 bytes).
"""

from __future__ import annotations

from enum import IntEnum
from typing import ClassVar

from toxgui.core.errors import ProtocolError
from toxgui.core.packets._common import need_len
from toxgui.core.packets._registry import decoder
from toxgui.core.packets.net_crypto import MAX_CRYPTO_DATA_SIZE
from toxgui.core.record import record
from toxgui.core.spec import MAX_FRIEND_REQUEST_LENGTH, NOSPAM_SIZE
from toxgui.core.wire import PackedNode, decode_nodes, encode_nodes


class FriendConnectionId(IntEnum):
    ALIVE = 16
    SHARE_RELAYS = 17
    FRIEND_REQUESTS = 18


MAX_SHARED_RELAYS = 3
FRIEND_PING_INTERVAL = 8
FRIEND_CONNECTION_TIMEOUT = 32
SHARE_RELAYS_INTERVAL = 120


@record(frozen=True, slots=True)
class Alive:
    ID: ClassVar[int] = FriendConnectionId.ALIVE

    def encode(self) -> bytes:
        return bytes([self.ID])

    @classmethod
    def decode(cls, data: bytes) -> Alive:
        if not data or data[0] != cls.ID:
            raise ProtocolError("not an ALIVE packet")
        if len(data) > MAX_CRYPTO_DATA_SIZE:
            raise ProtocolError("ALIVE too long")
        return cls()


@record(frozen=True, slots=True)
class ShareRelays:
    nodes: tuple[PackedNode, ...]
    ID: ClassVar[int] = FriendConnectionId.SHARE_RELAYS

    def __post_init__(self) -> None:
        if len(self.nodes) > MAX_SHARED_RELAYS:
            raise ProtocolError("more than 3 shared relays")

    def encode(self) -> bytes:
        return bytes([self.ID]) + encode_nodes(self.nodes)

    @classmethod
    def decode(cls, data: bytes) -> ShareRelays:
        if not data or data[0] != cls.ID:
            raise ProtocolError("not a SHARE_RELAYS packet")
        return cls(tuple(decode_nodes(data[1:], allow_tcp=True, max_count=MAX_SHARED_RELAYS)))


@record(frozen=True, slots=True)
class FriendRequests:
    """A friend request over an established connection (lossless id 18)."""

    nospam: bytes
    message: bytes
    ID: ClassVar[int] = FriendConnectionId.FRIEND_REQUESTS

    def __post_init__(self) -> None:
        need_len(self.nospam, NOSPAM_SIZE, "nospam")
        if not isinstance(self.message, bytes) or not 1 <= len(self.message) <= MAX_FRIEND_REQUEST_LENGTH:
            raise ProtocolError(f"friend request message of {len(self.message)} bytes")

    def encode(self) -> bytes:
        return bytes([self.ID]) + self.nospam + self.message

    @classmethod
    def decode(cls, data: bytes) -> FriendRequests:
        if not data or data[0] != cls.ID:
            raise ProtocolError("not a FRIEND_REQUESTS packet")
        return cls(data[1 : 1 + NOSPAM_SIZE], data[1 + NOSPAM_SIZE :])


FriendConnectionPacket = Alive | ShareRelays | FriendRequests

_BY_ID: dict[int, type[Alive] | type[ShareRelays] | type[FriendRequests]] = {
    FriendConnectionId.ALIVE: Alive,
    FriendConnectionId.SHARE_RELAYS: ShareRelays,
    FriendConnectionId.FRIEND_REQUESTS: FriendRequests,
}


FRIEND_CONNECTION_IDS: frozenset[int] = frozenset(_BY_ID)


def is_friend_connection_packet(data: bytes) -> bool:
    return bool(data) and data[0] in _BY_ID


def decode_friend_connection(data: bytes) -> FriendConnectionPacket:
    if not data or data[0] not in _BY_ID:
        raise ProtocolError("not a friend_connection packet (ids 16-18)")
    return _BY_ID[data[0]].decode(data)


decoder("friend_connection.packet")(decode_friend_connection)
decoder("friend_connection.Alive")(Alive.decode)
decoder("friend_connection.ShareRelays")(ShareRelays.decode)
decoder("friend_connection.FriendRequests")(FriendRequests.decode)
