"""The DHT public-key packet (DHTPK, id 0x9c) and the onion friend request (id 0x20).

DHTPK payload (onion_client.c send_dhtpk_announce), the same for both transports:
``0x9c | no_replay (u64 BE) | our DHT pk (32) | up to 4 packed nodes (TCP types allowed)``,
41 to 41 + 4*51 bytes.

* Transport A (onion): the payload is the inner ``id | data`` of a 0x85/0x86 (see onion.py).
* Transport B (DHT request 0x20 with request_id 0x9c): the bytes after the request_id are
  ``our long-term pk | nonce | box(our long-term sk, friend long-term pk, nonce)[payload]``.
  The 0x20 envelope itself belongs to the DHT codecs; `seal_dht_dhtpk`/`open_dht_dhtpk`
  produce and consume only those inner bytes.  The receiver must also check that the
  envelope's sender DHT pk equals `DhtPk.dht_pk` (`check_dht_sender`).

Friend request over the onion (friend_requests.c): ``0x20 | nospam (4 raw bytes) | message``,
with a 1..1016-byte message.
"""

from __future__ import annotations

from toxgui.core.crypto import KeyPair, SharedKeyCache, decrypt, encrypt
from toxgui.core.errors import ProtocolError
from toxgui.core.packets._common import need_key, need_len, need_nonce, need_range, shared_key
from toxgui.core.packets._registry import decoder
from toxgui.core.packets.kinds import CryptoRequestId
from toxgui.core.record import record
from toxgui.core.spec import MAX_FRIEND_REQUEST_LENGTH, NOSPAM_SIZE
from toxgui.core.wire import (
    MAC_SIZE,
    NONCE_SIZE,
    PUBLIC_KEY_SIZE,
    PackedNode,
    Reader,
    decode_nodes,
    encode_nodes,
    u64,
)

MAX_DHTPK_NODES = 4
DHTPK_MIN_SIZE = 1 + 8 + PUBLIC_KEY_SIZE  # 41
DHTPK_MAX_SIZE = DHTPK_MIN_SIZE + MAX_DHTPK_NODES * 51  # 245
DHT_DHTPK_OVERHEAD = PUBLIC_KEY_SIZE + NONCE_SIZE + MAC_SIZE  # 72: lt pk | nonce | MAC

FRIEND_REQUEST_MAX_SIZE = 1 + NOSPAM_SIZE + MAX_FRIEND_REQUEST_LENGTH  # 1021


@record(frozen=True, slots=True)
class DhtPk:
    """DHTPK payload: no_replay must strictly increase per friend (the receiver checks)."""

    no_replay: int
    dht_pk: bytes
    nodes: tuple[PackedNode, ...] = ()

    ID = CryptoRequestId.DHTPK

    def __post_init__(self) -> None:
        need_range(self.no_replay, 0, 2**64 - 1, "no_replay")
        need_key(self.dht_pk, "DHT public key")
        if len(self.nodes) > MAX_DHTPK_NODES:
            raise ProtocolError("more than 4 nodes in a DHTPK packet")

    def encode(self) -> bytes:
        return bytes([self.ID]) + u64(self.no_replay) + self.dht_pk + encode_nodes(self.nodes)

    @classmethod
    def decode(cls, data: bytes) -> DhtPk:
        if not DHTPK_MIN_SIZE <= len(data) <= DHTPK_MAX_SIZE:
            raise ProtocolError(f"DHTPK payload of {len(data)} bytes")
        if data[0] != cls.ID:
            raise ProtocolError("DHTPK payload does not start with 0x9c")
        r = Reader(data, 1)
        no_replay = r.u64()
        dht_pk = r.key()
        nodes = decode_nodes(r.rest(), allow_tcp=True, max_count=MAX_DHTPK_NODES)
        return cls(no_replay, dht_pk, tuple(nodes))


@record(frozen=True, slots=True)
class DhtDhtPk:
    """The data after request_id 0x9c in a DHT request: ``lt pk | nonce | box[DhtPk]``."""

    sender_pk: bytes
    nonce: bytes
    ciphertext: bytes

    def __post_init__(self) -> None:
        need_key(self.sender_pk, "sender long-term public key")
        need_nonce(self.nonce)
        if not DHTPK_MIN_SIZE + MAC_SIZE <= len(self.ciphertext) <= DHTPK_MAX_SIZE + MAC_SIZE:
            raise ProtocolError(f"DHTPK ciphertext of {len(self.ciphertext)} bytes")

    def encode(self) -> bytes:
        return self.sender_pk + self.nonce + self.ciphertext

    @classmethod
    def decode(cls, data: bytes) -> DhtDhtPk:
        r = Reader(data)
        return cls(r.key(), r.nonce(), r.rest())


def seal_dht_dhtpk(
    ours: KeyPair,
    friend_real_pk: bytes,
    nonce: bytes,
    payload: DhtPk,
    cache: SharedKeyCache | None = None,
) -> bytes:
    """The `data` bytes that follow request_id 0x9c inside a DHT request (send_dht_dhtpk)."""
    key = shared_key(ours, friend_real_pk, cache)
    return DhtDhtPk(ours.public, nonce, encrypt(key, nonce, payload.encode())).encode()


def open_dht_dhtpk(
    data: bytes, ours: KeyPair, cache: SharedKeyCache | None = None
) -> tuple[bytes, DhtPk]:
    """Consume those bytes with our long-term keypair: (sender long-term pk, DhtPk).

    The caller still checks that the sender is a friend and that the envelope's sender DHT pk
    equals `DhtPk.dht_pk` (see `check_dht_sender`).
    """
    wrapped = DhtDhtPk.decode(data)
    key = shared_key(ours, wrapped.sender_pk, cache)
    return wrapped.sender_pk, DhtPk.decode(decrypt(key, wrapped.nonce, wrapped.ciphertext))


def check_dht_sender(envelope_sender_dht_pk: bytes, payload: DhtPk) -> None:
    """c-toxcore handle_dht_dhtpk: the DHT request's sender key must be the announced DHT key."""
    if envelope_sender_dht_pk != payload.dht_pk:
        raise ProtocolError("DHTPK over the DHT from a key other than the one it announces")


@record(frozen=True, slots=True)
class FriendRequest:
    """Onion friend request payload: ``0x20 | nospam (4 raw bytes) | message (1..1016)``."""

    nospam: bytes
    message: bytes

    ID = CryptoRequestId.FRIEND_REQUEST

    def __post_init__(self) -> None:
        need_len(self.nospam, NOSPAM_SIZE, "nospam")
        if not 1 <= len(self.message) <= MAX_FRIEND_REQUEST_LENGTH:
            raise ProtocolError(f"friend request message of {len(self.message)} bytes")

    def encode(self) -> bytes:
        return bytes([self.ID]) + self.nospam + self.message

    @classmethod
    def decode(cls, data: bytes) -> FriendRequest:
        if not data or data[0] != cls.ID:
            raise ProtocolError("friend request does not start with 0x20")
        if not 1 + NOSPAM_SIZE < len(data) <= FRIEND_REQUEST_MAX_SIZE:
            raise ProtocolError(f"friend request of {len(data)} bytes")
        return cls(data[1 : 1 + NOSPAM_SIZE], data[1 + NOSPAM_SIZE :])


decoder("dhtpk.payload")(DhtPk.decode)
decoder("dhtpk.dht_data")(DhtDhtPk.decode)
decoder("dhtpk.friend_request")(FriendRequest.decode)
