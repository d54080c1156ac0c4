"""Onion packets (c-toxcore 0.2.18 onion.c, onion_announce.c, onion_client.c).

Wire layouts, as in the protocol notes section 4:

* 0x80 ``nonce | our DHT pk | sbox(kA)[IPP(B) | t2.pk | sbox(kB)[IPP(C) | t3.pk |
  sbox(kC)[IPP(D) | payload]]]``
* 0x81 ``nonce | t2.pk | <B layer> | RET1``      (A -> B)
* 0x82 ``nonce | t3.pk | <C layer> | RET2``      (B -> C)
* C -> D: ``payload | RET3``; payload starts with 0x83 or 0x85
* 0x8c ``RET3 | reply`` (D -> C), 0x8d ``RET2 | reply`` (C -> B), 0x8e ``RET1 | reply`` (B -> A),
  then A sends the bare reply (0x84 or 0x86) to us.
* RET1 = ``nonce | sbox(relay key)[IPP(prev)]`` (59), RET2 adds RET1 (118), RET3 adds RET2 (177).
* 0x83 announce request (177), 0x84 announce response (82 + node bytes),
  0x85 onion data request, 0x86 onion data response.

The dataclasses are the wire forms (encrypted parts kept as bytes).  The `seal_*`, `open_*`,
`build_*` and `relay_*` functions do the crypto layers; every failure is a `ProtocolError`.
Keys: functions take our `KeyPair` plus an optional `SharedKeyCache` for the beforenm step.
"""

from __future__ import annotations

from dataclasses import field

from toxgui.core.crypto import KeyPair, Rng, SharedKeyCache, decrypt, encrypt
from toxgui.core.errors import ProtocolError
from toxgui.core.packets._common import (
    need_key,
    need_kind,
    need_len,
    need_nonce,
    need_range,
    shared_key,
)
from toxgui.core.packets._registry import decoder
from toxgui.core.packets.kinds import PacketKind
from toxgui.core.record import record
from toxgui.core.wire import (
    MAC_SIZE,
    NONCE_SIZE,
    ONION_IPPORT_SIZE,
    PUBLIC_KEY_SIZE,
    Addr,
    PackedNode,
    Reader,
    TcpClient,
    decode_ipport,
    decode_nodes,
    decode_return_ipport,
    encode_ipport,
    encode_nodes,
)

# --- sizes (onion.h, onion_announce.h) -------------------------------------------------------

ONION_MAX_PACKET_SIZE = 1400
RETURN_1_SIZE = NONCE_SIZE + ONION_IPPORT_SIZE + MAC_SIZE  # 59
RETURN_2_SIZE = NONCE_SIZE + ONION_IPPORT_SIZE + MAC_SIZE + RETURN_1_SIZE  # 118
RETURN_3_SIZE = NONCE_SIZE + ONION_IPPORT_SIZE + MAC_SIZE + RETURN_2_SIZE  # 177
SEND_BASE = PUBLIC_KEY_SIZE + ONION_IPPORT_SIZE + MAC_SIZE  # 67
SEND_3 = NONCE_SIZE + SEND_BASE + RETURN_2_SIZE  # 209
SEND_2 = NONCE_SIZE + SEND_BASE * 2 + RETURN_1_SIZE  # 217
SEND_1 = NONCE_SIZE + SEND_BASE * 3  # 225
ONION_MAX_DATA_SIZE = ONION_MAX_PACKET_SIZE - (SEND_1 + 1)  # 1174: largest payload for D
ONION_RESPONSE_MAX_DATA_SIZE = ONION_MAX_PACKET_SIZE - (1 + RETURN_3_SIZE)  # 1222

ONION_PING_ID_SIZE = 32
SENDBACK_SIZE = 8
MAX_SENT_NODES = 4
ANNOUNCE_PLAIN_SIZE = ONION_PING_ID_SIZE + PUBLIC_KEY_SIZE * 2 + SENDBACK_SIZE  # 104
ANNOUNCE_REQUEST_SIZE = 1 + NONCE_SIZE + PUBLIC_KEY_SIZE + ANNOUNCE_PLAIN_SIZE + MAC_SIZE  # 177
ANNOUNCE_RESPONSE_MIN_SIZE = 1 + SENDBACK_SIZE + NONCE_SIZE + 1 + ONION_PING_ID_SIZE + MAC_SIZE  # 82
ANNOUNCE_RESPONSE_MAX_SIZE = ANNOUNCE_RESPONSE_MIN_SIZE + MAX_SENT_NODES * 51  # 286

ONION_DATA_REQUEST_MIN_SIZE = 1 + PUBLIC_KEY_SIZE + NONCE_SIZE + PUBLIC_KEY_SIZE + MAC_SIZE  # 105
ONION_DATA_RESPONSE_MIN_SIZE = 1 + NONCE_SIZE + PUBLIC_KEY_SIZE + MAC_SIZE  # 73
DATA_IN_RESPONSE_MIN_SIZE = PUBLIC_KEY_SIZE + MAC_SIZE  # 48
MAX_DATA_REQUEST_SIZE = ONION_MAX_DATA_SIZE - ONION_DATA_REQUEST_MIN_SIZE  # 1069
ONION_CLIENT_MAX_DATA_SIZE = MAX_DATA_REQUEST_SIZE - DATA_IN_RESPONSE_MIN_SIZE  # 1021
# A receiver drops any 0x86 longer than MAX_DATA_REQUEST_SIZE (handle_data_response), so the
# largest inner `id | data` that actually arrives is 1069 - 121 = 948 bytes, although c-toxcore
# lets a sender build up to ONION_CLIENT_MAX_DATA_SIZE.
ONION_DATA_RESPONSE_MAX_SIZE = MAX_DATA_REQUEST_SIZE  # 1069
# toxgui itself is liberal in what it accepts: everything a c-toxcore sender can build
# (a 0x85 of up to 1174 bytes, re-framed without the destination key), so a friend request
# of the full 1016 bytes from a c-toxcore peer reaches us.
ONION_DATA_RESPONSE_ACCEPT_SIZE = ONION_MAX_DATA_SIZE - PUBLIC_KEY_SIZE  # 1142
ONION_DATA_DELIVERABLE_INNER_SIZE = (
    ONION_DATA_RESPONSE_MAX_SIZE - ONION_DATA_RESPONSE_MIN_SIZE - DATA_IN_RESPONSE_MIN_SIZE
)  # 948

_FORWARDED_BY_C = (PacketKind.ANNOUNCE_REQUEST, PacketKind.ONION_DATA_REQUEST)
_REPLY_KINDS = (PacketKind.ANNOUNCE_RESPONSE, PacketKind.ONION_DATA_RESPONSE)


def _check_reply(reply: bytes) -> None:
    if not reply or reply[0] not in _REPLY_KINDS:
        raise ProtocolError("onion reply must start with 0x84 or 0x86")


# --- return blocks ---------------------------------------------------------------------------

_RETURN_SIZES = {RETURN_1_SIZE: 0, RETURN_2_SIZE: RETURN_1_SIZE, RETURN_3_SIZE: RETURN_2_SIZE}


def make_return(return_key: bytes, nonce: bytes, addr: Addr | TcpClient, inner: bytes = b"") -> bytes:
    """A relay's return block: ``nonce | sbox(return_key, nonce)[IPP(addr) | inner]``.

    `inner` is empty for RET1, RET1 for RET2 and RET2 for RET3.
    """
    need_nonce(nonce)
    if len(inner) not in (0, RETURN_1_SIZE, RETURN_2_SIZE):
        raise ProtocolError("inner return block has a bad size")
    return nonce + encrypt(return_key, nonce, encode_ipport(addr) + inner)


def open_return(return_key: bytes, block: bytes) -> tuple[Addr | TcpClient, bytes]:
    """Open a RET1/RET2/RET3 block made with our key: (previous hop, inner block).  Only a RET1
    of ours names a TCP client; the relay code checks which it expects."""
    inner_size = _RETURN_SIZES.get(len(block))
    if inner_size is None:
        raise ProtocolError(f"return block of {len(block)} bytes")
    plain = decrypt(return_key, block[:NONCE_SIZE], block[NONCE_SIZE:])
    return decode_return_ipport(plain[:ONION_IPPORT_SIZE]), plain[ONION_IPPORT_SIZE:]


def _udp(to: Addr | TcpClient) -> Addr:
    if isinstance(to, TcpClient):
        raise ProtocolError("a TCP client in a return block that cannot hold one")
    return to


# --- request layers (0x80, 0x81, 0x82) --------------------------------------------------------


@record(frozen=True, slots=True)
class OnionRequest0:
    """0x80, us -> A: ``nonce | sender DHT pk | sbox(kA, nonce)[layer for A]``."""

    nonce: bytes
    public_key: bytes
    ciphertext: bytes

    KIND = PacketKind.ONION_SEND_INITIAL

    def __post_init__(self) -> None:
        need_nonce(self.nonce)
        need_key(self.public_key, "sender public key")
        size = 1 + NONCE_SIZE + PUBLIC_KEY_SIZE + len(self.ciphertext)
        if not 1 + SEND_1 < size <= ONION_MAX_PACKET_SIZE:
            raise ProtocolError(f"0x80 packet of {size} bytes")

    def encode(self) -> bytes:
        return bytes([self.KIND]) + self.nonce + self.public_key + self.ciphertext

    @classmethod
    def decode(cls, data: bytes) -> OnionRequest0:
        need_kind(data, cls.KIND, "onion request 0")
        r = Reader(data, 1)
        return cls(r.nonce(), r.key(), r.rest())


@record(frozen=True, slots=True)
class OnionRequest1:
    """0x81, A -> B: ``nonce | t2.pk | sbox(kB, nonce)[layer for B] | RET1``."""

    nonce: bytes
    public_key: bytes
    ciphertext: bytes
    ret: bytes

    KIND = PacketKind.ONION_SEND_1

    def __post_init__(self) -> None:
        need_nonce(self.nonce)
        need_key(self.public_key, "temporary public key")
        need_len(self.ret, RETURN_1_SIZE, "RET1")
        size = 1 + NONCE_SIZE + PUBLIC_KEY_SIZE + len(self.ciphertext) + RETURN_1_SIZE
        if not 1 + SEND_2 < size <= ONION_MAX_PACKET_SIZE:
            raise ProtocolError(f"0x81 packet of {size} bytes")

    def encode(self) -> bytes:
        return bytes([self.KIND]) + self.nonce + self.public_key + self.ciphertext + self.ret

    @classmethod
    def decode(cls, data: bytes) -> OnionRequest1:
        need_kind(data, cls.KIND, "onion request 1")
        if len(data) <= 1 + SEND_2:
            raise ProtocolError("0x81 packet too short")
        r = Reader(data[: len(data) - RETURN_1_SIZE], 1)
        return cls(r.nonce(), r.key(), r.rest(), data[len(data) - RETURN_1_SIZE :])


@record(frozen=True, slots=True)
class OnionRequest2:
    """0x82, B -> C: ``nonce | t3.pk | sbox(kC, nonce)[IPP(D) | payload] | RET2``."""

    nonce: bytes
    public_key: bytes
    ciphertext: bytes
    ret: bytes

    KIND = PacketKind.ONION_SEND_2

    def __post_init__(self) -> None:
        need_nonce(self.nonce)
        need_key(self.public_key, "temporary public key")
        need_len(self.ret, RETURN_2_SIZE, "RET2")
        size = 1 + NONCE_SIZE + PUBLIC_KEY_SIZE + len(self.ciphertext) + RETURN_2_SIZE
        if not 1 + SEND_3 < size <= ONION_MAX_PACKET_SIZE:
            raise ProtocolError(f"0x82 packet of {size} bytes")

    def encode(self) -> bytes:
        return bytes([self.KIND]) + self.nonce + self.public_key + self.ciphertext + self.ret

    @classmethod
    def decode(cls, data: bytes) -> OnionRequest2:
        need_kind(data, cls.KIND, "onion request 2")
        if len(data) <= 1 + SEND_3:
            raise ProtocolError("0x82 packet too short")
        r = Reader(data[: len(data) - RETURN_2_SIZE], 1)
        return cls(r.nonce(), r.key(), r.rest(), data[len(data) - RETURN_2_SIZE :])


# --- response layers (0x8c, 0x8d, 0x8e) -------------------------------------------------------


def _decode_response(data: bytes, kind: int, ret_size: int) -> tuple[bytes, bytes]:
    need_kind(data, kind, f"onion response 0x{kind:02x}")
    if not 1 + ret_size < len(data) <= ONION_MAX_PACKET_SIZE:
        raise ProtocolError(f"onion response of {len(data)} bytes")
    return data[1 : 1 + ret_size], data[1 + ret_size :]


def _check_response(ret: bytes, ret_size: int, reply: bytes) -> None:
    need_len(ret, ret_size, "return block")
    _check_reply(reply)
    if 1 + ret_size + len(reply) > ONION_MAX_PACKET_SIZE:
        raise ProtocolError("onion response too long")


@record(frozen=True, slots=True)
class OnionResponse3:
    """0x8c, D -> C: ``RET3 | reply``."""

    ret: bytes
    reply: bytes

    KIND = PacketKind.ONION_RECV_3

    def __post_init__(self) -> None:
        _check_response(self.ret, RETURN_3_SIZE, self.reply)

    def encode(self) -> bytes:
        return bytes([self.KIND]) + self.ret + self.reply

    @classmethod
    def decode(cls, data: bytes) -> OnionResponse3:
        return cls(*_decode_response(data, cls.KIND, RETURN_3_SIZE))


@record(frozen=True, slots=True)
class OnionResponse2:
    """0x8d, C -> B: ``RET2 | reply``."""

    ret: bytes
    reply: bytes

    KIND = PacketKind.ONION_RECV_2

    def __post_init__(self) -> None:
        _check_response(self.ret, RETURN_2_SIZE, self.reply)

    def encode(self) -> bytes:
        return bytes([self.KIND]) + self.ret + self.reply

    @classmethod
    def decode(cls, data: bytes) -> OnionResponse2:
        return cls(*_decode_response(data, cls.KIND, RETURN_2_SIZE))


@record(frozen=True, slots=True)
class OnionResponse1:
    """0x8e, B -> A: ``RET1 | reply``."""

    ret: bytes
    reply: bytes

    KIND = PacketKind.ONION_RECV_1

    def __post_init__(self) -> None:
        _check_response(self.ret, RETURN_1_SIZE, self.reply)

    def encode(self) -> bytes:
        return bytes([self.KIND]) + self.ret + self.reply

    @classmethod
    def decode(cls, data: bytes) -> OnionResponse1:
        return cls(*_decode_response(data, cls.KIND, RETURN_1_SIZE))


# --- building a request from a path -----------------------------------------------------------


@record(frozen=True, slots=True)
class OnionNode:
    """One hop of a path: its DHT public key and UDP address."""

    public_key: bytes
    addr: Addr

    def __post_init__(self) -> None:
        need_key(self.public_key, "node public key")


@record(frozen=True, slots=True)
class OnionPath:
    """Three nodes A, B, C and the keys that stay fixed for the path's life (create_onion_path).

    key1 = beforenm(A.pk, our DHT sk); key2/key3 come from two fresh keypairs t2, t3 whose
    public halves travel in the packet.
    """

    nodes: tuple[OnionNode, OnionNode, OnionNode]
    public_key1: bytes
    public_key2: bytes
    public_key3: bytes
    key1: bytes = field(repr=False)
    key2: bytes = field(repr=False)
    key3: bytes = field(repr=False)

    @classmethod
    def create(
        cls,
        nodes: tuple[OnionNode, OnionNode, OnionNode] | list[OnionNode],
        dht: KeyPair,
        rng: Rng,
        cache: SharedKeyCache | None = None,
    ) -> OnionPath:
        if len(nodes) != 3:
            raise ValueError("an onion path has exactly 3 nodes")
        a, b, c = nodes
        t2 = KeyPair.generate(rng)
        t3 = KeyPair.generate(rng)
        return cls(
            nodes=(a, b, c),
            public_key1=dht.public,
            public_key2=t2.public,
            public_key3=t3.public,
            key1=shared_key(dht, a.public_key, cache),
            key2=shared_key(t2, b.public_key, None),
            key3=shared_key(t3, c.public_key, None),
        )


def _check_payload(payload: bytes) -> None:
    if not payload:
        raise ProtocolError("empty onion payload")
    if len(payload) > ONION_MAX_DATA_SIZE:
        raise ProtocolError(f"onion payload of {len(payload)} bytes (max {ONION_MAX_DATA_SIZE})")


def _inner_layers(path: OnionPath, dest: Addr, payload: bytes, nonce: bytes) -> bytes:
    """``IPP(B) | t2.pk | sbox(kB)[IPP(C) | t3.pk | sbox(kC)[IPP(D) | payload]]``."""
    _check_payload(payload)
    need_nonce(nonce)
    layer_c = encrypt(path.key3, nonce, encode_ipport(dest) + payload)
    layer_b = encrypt(path.key2, nonce, encode_ipport(path.nodes[2].addr) + path.public_key3 + layer_c)
    return encode_ipport(path.nodes[1].addr) + path.public_key2 + layer_b


def build_onion_request(path: OnionPath, dest: Addr, payload: bytes, nonce: bytes) -> OnionRequest0:
    """The 0x80 packet that carries `payload` to `dest` through `path` (one nonce, all layers)."""
    inner = _inner_layers(path, dest, payload, nonce)
    return OnionRequest0(nonce, path.public_key1, encrypt(path.key1, nonce, inner))


def build_onion_request_tcp(path: OnionPath, dest: Addr, payload: bytes, nonce: bytes) -> bytes:
    """The onion request for a TCP relay acting as node A: ``nonce | IPP(B) | t2.pk | <B layer>``."""
    return nonce + _inner_layers(path, dest, payload, nonce)


# --- what a relay does ------------------------------------------------------------------------


def relay_request_0(
    packet: OnionRequest0,
    dht: KeyPair,
    return_key: bytes,
    source: Addr,
    ret_nonce: bytes,
    cache: SharedKeyCache | None = None,
) -> tuple[Addr, OnionRequest1]:
    """Node A: peel the 0x80 layer, add RET1; returns (B's address, the 0x81 to send there)."""
    plain = decrypt(shared_key(dht, packet.public_key, cache), packet.nonce, packet.ciphertext)
    r = Reader(plain)
    to = decode_ipport(r.take(ONION_IPPORT_SIZE))
    ret1 = make_return(return_key, ret_nonce, source)
    return to, OnionRequest1(packet.nonce, r.key(), r.rest(), ret1)


def relay_request_1(
    packet: OnionRequest1,
    dht: KeyPair,
    return_key: bytes,
    source: Addr,
    ret_nonce: bytes,
    cache: SharedKeyCache | None = None,
) -> tuple[Addr, OnionRequest2]:
    """Node B: peel the 0x81 layer, wrap RET1 into RET2; returns (C's address, the 0x82)."""
    plain = decrypt(shared_key(dht, packet.public_key, cache), packet.nonce, packet.ciphertext)
    r = Reader(plain)
    to = decode_ipport(r.take(ONION_IPPORT_SIZE))
    ret2 = make_return(return_key, ret_nonce, source, packet.ret)
    return to, OnionRequest2(packet.nonce, r.key(), r.rest(), ret2)


def relay_request_2(
    packet: OnionRequest2,
    dht: KeyPair,
    return_key: bytes,
    source: Addr,
    ret_nonce: bytes,
    cache: SharedKeyCache | None = None,
) -> tuple[Addr, bytes]:
    """Node C: peel the last layer; returns (D's address, ``payload | RET3``).

    Only payloads starting with 0x83 or 0x85 are forwarded (c-toxcore handle_send_2).
    """
    plain = decrypt(shared_key(dht, packet.public_key, cache), packet.nonce, packet.ciphertext)
    r = Reader(plain)
    to = decode_ipport(r.take(ONION_IPPORT_SIZE))
    payload = r.rest()
    if not payload or payload[0] not in _FORWARDED_BY_C:
        raise ProtocolError("node C forwards only 0x83 and 0x85 payloads")
    return to, payload + make_return(return_key, ret_nonce, source, packet.ret)


def split_relayed(data: bytes) -> tuple[bytes, bytes]:
    """What node D receives from C: ``payload | RET3`` -> (payload, RET3)."""
    if len(data) <= RETURN_3_SIZE:
        raise ProtocolError("relayed onion payload too short")
    return data[:-RETURN_3_SIZE], data[-RETURN_3_SIZE:]


def make_response(ret3: bytes, reply: bytes) -> OnionResponse3:
    """Node D: the 0x8c that sends `reply` back along the path RET3 describes."""
    if len(reply) > ONION_RESPONSE_MAX_DATA_SIZE:
        raise ProtocolError("onion reply too long")
    return OnionResponse3(ret3, reply)


def relay_response_3(packet: OnionResponse3, return_key: bytes) -> tuple[Addr, OnionResponse2]:
    """Node C: open RET3; returns (B's address, the 0x8d)."""
    to, inner = open_return(return_key, packet.ret)
    return _udp(to), OnionResponse2(inner, packet.reply)


def relay_response_2(packet: OnionResponse2, return_key: bytes) -> tuple[Addr, OnionResponse1]:
    """Node B: open RET2; returns (A's address, the 0x8e)."""
    to, inner = open_return(return_key, packet.ret)
    return _udp(to), OnionResponse1(inner, packet.reply)


def relay_tcp_request(request: bytes, return_key: bytes, client: TcpClient, ret_nonce: bytes) -> tuple[Addr, OnionRequest1]:
    """A TCP relay as node A: its client's ``nonce | IPP(B) | t2.pk | B layer`` (no A layer: the
    TCP session already encrypts it) becomes the 0x81 for B, with a RET1 naming the client."""
    r = Reader(request)
    nonce = r.nonce()
    to = decode_ipport(r.take(ONION_IPPORT_SIZE))
    public_key = r.key()
    return to, OnionRequest1(nonce, public_key, r.rest(), make_return(return_key, ret_nonce, client))


def relay_response_1(packet: OnionResponse1, return_key: bytes) -> tuple[Addr | TcpClient, bytes]:
    """Node A: open RET1; returns (the original sender, the bare 0x84/0x86 reply)."""
    to, _ = open_return(return_key, packet.ret)
    return to, packet.reply


# --- announce request (0x83) ------------------------------------------------------------------


@record(frozen=True, slots=True)
class AnnouncePayload:
    """The 104 plaintext bytes of an announce request."""

    ping_id: bytes
    searched_pk: bytes
    data_pk: bytes
    sendback: bytes

    def __post_init__(self) -> None:
        need_len(self.ping_id, ONION_PING_ID_SIZE, "ping_id")
        need_key(self.searched_pk, "searched public key")
        need_key(self.data_pk, "data public key")
        need_len(self.sendback, SENDBACK_SIZE, "sendback")

    def encode(self) -> bytes:
        return self.ping_id + self.searched_pk + self.data_pk + self.sendback

    @classmethod
    def decode(cls, data: bytes) -> AnnouncePayload:
        if len(data) != ANNOUNCE_PLAIN_SIZE:
            raise ProtocolError(f"announce plaintext of {len(data)} bytes")
        r = Reader(data)
        return cls(r.take(ONION_PING_ID_SIZE), r.key(), r.key(), r.take(SENDBACK_SIZE))


@record(frozen=True, slots=True)
class AnnounceRequest:
    """0x83: ``nonce | sender pk | box(sender sk, D pk, nonce)[AnnouncePayload]``, 177 bytes."""

    nonce: bytes
    sender_pk: bytes
    ciphertext: bytes

    KIND = PacketKind.ANNOUNCE_REQUEST

    def __post_init__(self) -> None:
        need_nonce(self.nonce)
        need_key(self.sender_pk, "sender public key")
        need_len(self.ciphertext, ANNOUNCE_PLAIN_SIZE + MAC_SIZE, "announce ciphertext")

    def encode(self) -> bytes:
        return bytes([self.KIND]) + self.nonce + self.sender_pk + self.ciphertext

    @classmethod
    def decode(cls, data: bytes) -> AnnounceRequest:
        need_kind(data, cls.KIND, "announce request")
        if len(data) != ANNOUNCE_REQUEST_SIZE:
            raise ProtocolError(f"announce request of {len(data)} bytes")
        r = Reader(data, 1)
        return cls(r.nonce(), r.key(), r.rest())


def seal_announce_request(
    sender: KeyPair,
    node_pk: bytes,
    nonce: bytes,
    payload: AnnouncePayload,
    cache: SharedKeyCache | None = None,
) -> AnnounceRequest:
    """Encrypt an announce request to node D (sender = our long-term or a friend-search keypair)."""
    key = shared_key(sender, node_pk, cache)
    return AnnounceRequest(nonce, sender.public, encrypt(key, nonce, payload.encode()))


def open_announce_request(
    packet: AnnounceRequest, node: KeyPair, cache: SharedKeyCache | None = None
) -> AnnouncePayload:
    """Node D: decrypt an announce request with its DHT keypair."""
    key = shared_key(node, packet.sender_pk, cache)
    return AnnouncePayload.decode(decrypt(key, packet.nonce, packet.ciphertext))


def decode_relayed_announce(data: bytes) -> tuple[AnnounceRequest, bytes]:
    """Node D: an announce request as C delivers it (``0x83 ... | RET3``, 354 bytes)."""
    if len(data) != ANNOUNCE_REQUEST_SIZE + RETURN_3_SIZE:
        raise ProtocolError(f"relayed announce request of {len(data)} bytes")
    payload, ret3 = split_relayed(data)
    return AnnounceRequest.decode(payload), ret3


# --- announce response (0x84) -----------------------------------------------------------------

IS_STORED_NO = 0
IS_STORED_OTHER = 1  # the searched key is announced here; `key` is its data pk
IS_STORED_SELF = 2  # we are announced here; `key` is a ping_id


@record(frozen=True, slots=True)
class AnnounceResult:
    """Plaintext of an announce response: ``is_stored | ping_id or data pk | 0-4 UDP nodes``."""

    is_stored: int
    key: bytes
    nodes: tuple[PackedNode, ...] = ()

    def __post_init__(self) -> None:
        need_range(self.is_stored, 0, 2, "is_stored")
        need_len(self.key, ONION_PING_ID_SIZE, "ping_id / data public key")
        if len(self.nodes) > MAX_SENT_NODES:
            raise ProtocolError("more than 4 nodes in an announce response")
        if any(n.tcp for n in self.nodes):
            raise ProtocolError("TCP node in an announce response")

    def encode(self) -> bytes:
        return bytes([self.is_stored]) + self.key + encode_nodes(self.nodes)

    @classmethod
    def decode(cls, data: bytes) -> AnnounceResult:
        r = Reader(data)
        is_stored = r.u8()
        key = r.take(ONION_PING_ID_SIZE)
        nodes = decode_nodes(r.rest(), allow_tcp=False, max_count=MAX_SENT_NODES)
        return cls(is_stored, key, tuple(nodes))


@record(frozen=True, slots=True)
class AnnounceResponse:
    """0x84: ``sendback (8) | nonce | box(D sk, requester pk, nonce)[AnnounceResult]``."""

    sendback: bytes
    nonce: bytes
    ciphertext: bytes

    KIND = PacketKind.ANNOUNCE_RESPONSE

    def __post_init__(self) -> None:
        need_len(self.sendback, SENDBACK_SIZE, "sendback")
        need_nonce(self.nonce)
        size = 1 + SENDBACK_SIZE + NONCE_SIZE + len(self.ciphertext)
        if not ANNOUNCE_RESPONSE_MIN_SIZE <= size <= ANNOUNCE_RESPONSE_MAX_SIZE:
            raise ProtocolError(f"announce response of {size} bytes")

    def encode(self) -> bytes:
        return bytes([self.KIND]) + self.sendback + self.nonce + self.ciphertext

    @classmethod
    def decode(cls, data: bytes) -> AnnounceResponse:
        need_kind(data, cls.KIND, "announce response")
        r = Reader(data, 1)
        return cls(r.take(SENDBACK_SIZE), r.nonce(), r.rest())


def seal_announce_response(
    node: KeyPair,
    requester_pk: bytes,
    sendback: bytes,
    nonce: bytes,
    result: AnnounceResult,
    cache: SharedKeyCache | None = None,
) -> AnnounceResponse:
    """Node D: encrypt the answer to an announce request from `requester_pk`."""
    key = shared_key(node, requester_pk, cache)
    return AnnounceResponse(sendback, nonce, encrypt(key, nonce, result.encode()))


def open_announce_response(
    packet: AnnounceResponse,
    requester: KeyPair,
    node_pk: bytes,
    cache: SharedKeyCache | None = None,
) -> AnnounceResult:
    """Decrypt a 0x84 with the keypair the request was sent with and D's DHT pk."""
    key = shared_key(requester, node_pk, cache)
    return AnnounceResult.decode(decrypt(key, packet.nonce, packet.ciphertext))


# --- onion data (0x85 request, 0x86 response) -------------------------------------------------


@record(frozen=True, slots=True)
class OnionDataRequest:
    """0x85 to node D: ``dest long-term pk | nonce | eph pk | box(eph sk, dest data pk)[inner]``.

    inner = ``sender long-term pk | box(sender sk, dest long-term pk, same nonce)[id | data]``.
    """

    dest_pk: bytes
    nonce: bytes
    eph_pk: bytes
    ciphertext: bytes

    KIND = PacketKind.ONION_DATA_REQUEST

    def __post_init__(self) -> None:
        need_key(self.dest_pk, "destination public key")
        need_nonce(self.nonce)
        need_key(self.eph_pk, "ephemeral public key")
        size = ONION_DATA_REQUEST_MIN_SIZE - MAC_SIZE + len(self.ciphertext)
        if not ONION_DATA_REQUEST_MIN_SIZE < size <= ONION_MAX_DATA_SIZE:
            raise ProtocolError(f"onion data request of {size} bytes")

    def encode(self) -> bytes:
        return bytes([self.KIND]) + self.dest_pk + self.nonce + self.eph_pk + self.ciphertext

    @classmethod
    def decode(cls, data: bytes) -> OnionDataRequest:
        need_kind(data, cls.KIND, "onion data request")
        r = Reader(data, 1)
        return cls(r.key(), r.nonce(), r.key(), r.rest())

    def to_response(self) -> bytes:
        """Node D's re-framing for the stored return path: ``0x86 | nonce | eph pk | ciphertext``.

        Up to 1142 bytes; note a c-toxcore receiver only accepts responses of at most 1069.
        """
        return bytes([PacketKind.ONION_DATA_RESPONSE]) + self.nonce + self.eph_pk + self.ciphertext


@record(frozen=True, slots=True)
class OnionDataResponse:
    """0x86 as the destination receives it: ``nonce | eph pk | box(...)[inner]``; 121 < size <= 1142.

    c-toxcore 0.2.18 drops responses over 1069 bytes; toxgui accepts all a c-toxcore sender builds.
    """

    nonce: bytes
    eph_pk: bytes
    ciphertext: bytes

    KIND = PacketKind.ONION_DATA_RESPONSE

    def __post_init__(self) -> None:
        need_nonce(self.nonce)
        need_key(self.eph_pk, "ephemeral public key")
        size = 1 + NONCE_SIZE + PUBLIC_KEY_SIZE + len(self.ciphertext)
        lo = ONION_DATA_RESPONSE_MIN_SIZE + DATA_IN_RESPONSE_MIN_SIZE
        if not lo < size <= ONION_DATA_RESPONSE_ACCEPT_SIZE:
            raise ProtocolError(f"onion data response of {size} bytes")

    def encode(self) -> bytes:
        return bytes([self.KIND]) + self.nonce + self.eph_pk + self.ciphertext

    @classmethod
    def decode(cls, data: bytes) -> OnionDataResponse:
        need_kind(data, cls.KIND, "onion data response")
        r = Reader(data, 1)
        return cls(r.nonce(), r.key(), r.rest())


@record(frozen=True, slots=True)
class OnionData:
    """What an onion data packet carries once both layers are open."""

    sender_pk: bytes
    payload: bytes  # id (1) | data

    def __post_init__(self) -> None:
        need_key(self.sender_pk, "sender public key")
        if not 1 <= len(self.payload) <= ONION_CLIENT_MAX_DATA_SIZE:
            raise ProtocolError(f"onion data payload of {len(self.payload)} bytes")

    @property
    def kind(self) -> int:
        return self.payload[0]

    @property
    def data(self) -> bytes:
        return self.payload[1:]


def seal_onion_data_request(
    *,
    dest_real_pk: bytes,
    dest_data_pk: bytes,
    sender: KeyPair,
    eph: KeyPair,
    nonce: bytes,
    payload: bytes,
    cache: SharedKeyCache | None = None,
) -> OnionDataRequest:
    """Build a 0x85 (send_onion_data + create_data_request).  `eph` must be fresh per packet."""
    OnionData(sender.public, payload)  # validates the size
    inner = sender.public + encrypt(shared_key(sender, dest_real_pk, cache), nonce, payload)
    outer = encrypt(shared_key(eph, dest_data_pk, None), nonce, inner)
    return OnionDataRequest(dest_real_pk, nonce, eph.public, outer)


def open_onion_data_response(
    packet: OnionDataResponse,
    data_keys: KeyPair,
    real_keys: KeyPair,
    cache: SharedKeyCache | None = None,
) -> OnionData:
    """Open a 0x86 with our onion data keypair, then with our long-term keypair."""
    inner = decrypt(shared_key(data_keys, packet.eph_pk, None), packet.nonce, packet.ciphertext)
    if len(inner) <= DATA_IN_RESPONSE_MIN_SIZE:
        raise ProtocolError("onion data inner part too short")
    sender_pk = inner[:PUBLIC_KEY_SIZE]
    payload = decrypt(shared_key(real_keys, sender_pk, cache), packet.nonce, inner[PUBLIC_KEY_SIZE:])
    return OnionData(sender_pk, payload)


# --- registered decoders ----------------------------------------------------------------------

decoder("onion.request_0")(OnionRequest0.decode)
decoder("onion.request_1")(OnionRequest1.decode)
decoder("onion.request_2")(OnionRequest2.decode)
decoder("onion.response_3")(OnionResponse3.decode)
decoder("onion.response_2")(OnionResponse2.decode)
decoder("onion.response_1")(OnionResponse1.decode)
decoder("onion.announce_request")(AnnounceRequest.decode)
decoder("onion.announce_request_relayed")(decode_relayed_announce)
decoder("onion.announce_payload")(AnnouncePayload.decode)
decoder("onion.announce_response")(AnnounceResponse.decode)
decoder("onion.announce_result")(AnnounceResult.decode)
decoder("onion.data_request")(OnionDataRequest.decode)
decoder("onion.data_response")(OnionDataResponse.decode)
