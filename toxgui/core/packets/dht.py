"""DHT packets (c-toxcore 0.2.18 DHT.c, ping.c, LAN_discovery.c, bootstrap_node_packets.c).

Wire layouts (protocol notes §3):

* envelope, kinds 0x00/0x01/0x02/0x04: ``kind | sender DHT pk (32) | nonce (24) | sbox[plain]``
* ping request/response plain: ``type (== kind) | ping_id (8)``; exactly 82 bytes on the wire
* get-nodes plain: ``searched pk (32) | ping_id (8)``; exactly 113 bytes on the wire
* send-nodes plain: ``count (<= 4) | count packed UDP nodes | ping_id (8)``; 82 + node bytes
* DHT request 0x20: ``0x20 | receiver DHT pk | sender DHT pk | nonce | box[request_id | data]``,
  at most 1024 bytes, at least one data byte
* NAT ping data (inside a 0x20 with request_id 0xfe): ``type (0 req / 1 resp) | ping_id (8)``
* LAN discovery 0x21: ``0x21 | DHT pk``; exactly 33 bytes
* bootstrap info 0xf0: request is any 78-byte packet starting 0xf0; reply ``0xf0 | version u32 BE
  | motd (0..256)``

Ping ids are 8 opaque bytes: c-toxcore copies a host-order uint64 in and out, so they are echoed
and never interpreted.
"""

from __future__ import annotations

import functools

from toxgui.core.crypto import decrypt, encrypt
from toxgui.core.errors import ProtocolError
from toxgui.core.packets._registry import decoder
from toxgui.core.packets.kinds import PacketKind
from toxgui.core.record import record
from toxgui.core.wire import (
    FAMILY_UDP_IPV4,
    FAMILY_UDP_IPV6,
    MAC_SIZE,
    NONCE_SIZE,
    PUBLIC_KEY_SIZE,
    PackedNode,
    Reader,
    is_low_order,
    u32,
)

DHT_PING_ID_SIZE = 8
ENVELOPE_HEADER_SIZE = 1 + PUBLIC_KEY_SIZE + NONCE_SIZE  # 57
ENVELOPE_OVERHEAD = ENVELOPE_HEADER_SIZE + MAC_SIZE  # 73
PING_PLAIN_SIZE = 1 + DHT_PING_ID_SIZE
PING_SIZE = ENVELOPE_OVERHEAD + PING_PLAIN_SIZE  # 82
GET_NODES_PLAIN_SIZE = PUBLIC_KEY_SIZE + DHT_PING_ID_SIZE
GET_NODES_SIZE = ENVELOPE_OVERHEAD + GET_NODES_PLAIN_SIZE  # 113
SEND_NODES_BASE_SIZE = ENVELOPE_OVERHEAD + 1 + DHT_PING_ID_SIZE  # 82 (+ node bytes)
MAX_SENT_NODES = 4
PACKED_NODE_SIZE_IP4 = 39
PACKED_NODE_SIZE_IP6 = 51
SEND_NODES_MAX_SIZE = SEND_NODES_BASE_SIZE + MAX_SENT_NODES * PACKED_NODE_SIZE_IP6  # 286

CRYPTO_REQUEST_HEADER_SIZE = 1 + 2 * PUBLIC_KEY_SIZE + NONCE_SIZE  # 89
MAX_CRYPTO_REQUEST_SIZE = 1024
# request_id plus at least one data byte must be inside the box.
MIN_CRYPTO_REQUEST_SIZE = CRYPTO_REQUEST_HEADER_SIZE + MAC_SIZE + 2  # 107
MAX_CRYPTO_REQUEST_DATA = MAX_CRYPTO_REQUEST_SIZE - CRYPTO_REQUEST_HEADER_SIZE - MAC_SIZE - 1  # 918

NAT_PING_REQUEST = 0
NAT_PING_RESPONSE = 1
NAT_PING_SIZE = 1 + DHT_PING_ID_SIZE

LAN_DISCOVERY_SIZE = 1 + PUBLIC_KEY_SIZE  # 33
BOOTSTRAP_INFO_REQUEST_SIZE = 78
MAX_MOTD_LENGTH = 256

DHT_ENVELOPE_KINDS = frozenset(
    {
        PacketKind.PING_REQUEST,
        PacketKind.PING_RESPONSE,
        PacketKind.NODES_REQUEST,
        PacketKind.NODES_RESPONSE,
    }
)


# Packed nodes repeat endlessly in DHT traffic; parsing IP text is the slow part, so both
# directions are memoised (pure functions of their arguments).
_encode_node = functools.lru_cache(maxsize=8192)(PackedNode.encode)


@functools.lru_cache(maxsize=8192)
def _node_from_bytes(chunk: bytes) -> PackedNode:
    r = Reader(chunk)
    node = PackedNode.read(r, allow_tcp=False)
    r.end()
    return node


def decode_udp_nodes(data: bytes, max_count: int = MAX_SENT_NODES) -> list[PackedNode]:
    """Concatenated packed UDP nodes; a TCP or unknown family, or a stray byte, rejects all."""
    out: list[PackedNode] = []
    pos = 0
    while pos < len(data):
        family = data[pos]
        if family == FAMILY_UDP_IPV4:
            size = PACKED_NODE_SIZE_IP4
        elif family == FAMILY_UDP_IPV6:
            size = PACKED_NODE_SIZE_IP6
        else:
            raise ProtocolError(f"node family {family} where only UDP nodes are allowed")
        if len(out) >= max_count:
            raise ProtocolError(f"more than {max_count} nodes")
        if pos + size > len(data):
            raise ProtocolError("truncated packed node")
        out.append(_node_from_bytes(bytes(data[pos : pos + size])))
        pos += size
    return out


def usable_nodes(nodes: list[PackedNode]) -> list[PackedNode]:
    """Without the nodes whose key is of small order: no shared key exists with them, so one
    such node is skipped and the rest of its list kept (c-toxcore's key agreement fails for it
    alone)."""
    return [n for n in nodes if not is_low_order(n.public_key)]


def _need(value: bytes, n: int, what: str) -> bytes:
    if not isinstance(value, bytes | bytearray) or len(value) != n:
        raise ProtocolError(f"{what}: must be {n} bytes")
    return bytes(value)


# --- the envelope ------------------------------------------------------------------------------


@record(frozen=True, slots=True)
class DhtPacket:
    """``kind | sender DHT pk | nonce | sbox(K, nonce)[plain]``, K = beforenm(receiver, sender)."""

    kind: int
    sender: bytes
    nonce: bytes
    cipher: bytes

    def __post_init__(self) -> None:
        if self.kind not in DHT_ENVELOPE_KINDS:
            raise ProtocolError(f"not a DHT envelope kind: {self.kind!r}")
        _need(self.sender, PUBLIC_KEY_SIZE, "sender key")
        _need(self.nonce, NONCE_SIZE, "nonce")
        if not isinstance(self.cipher, bytes) or len(self.cipher) <= MAC_SIZE:
            raise ProtocolError("DHT packet: ciphertext too short")

    def encode(self) -> bytes:
        return bytes([self.kind]) + self.sender + self.nonce + self.cipher

    @classmethod
    def decode(cls, data: bytes) -> DhtPacket:
        r = Reader(data)
        kind = r.u8()
        sender = r.key()
        nonce = r.nonce()
        cipher = r.rest()
        return cls(kind, sender, nonce, cipher)

    @classmethod
    def seal(cls, kind: int, sender: bytes, shared_key: bytes, nonce: bytes, plain: bytes) -> DhtPacket:
        return cls(kind, sender, nonce, encrypt(shared_key, nonce, plain))

    def open(self, shared_key: bytes) -> bytes:
        return decrypt(shared_key, self.nonce, self.cipher)


decoder("dht.envelope")(DhtPacket.decode)


def check_envelope_size(kind: int, size: int) -> None:
    """The exact / bounded wire sizes c-toxcore enforces before decrypting."""
    if kind in (PacketKind.PING_REQUEST, PacketKind.PING_RESPONSE):
        if size != PING_SIZE:
            raise ProtocolError(f"ping: expected {PING_SIZE} bytes, got {size}")
    elif kind == PacketKind.NODES_REQUEST:
        if size != GET_NODES_SIZE:
            raise ProtocolError(f"get-nodes: expected {GET_NODES_SIZE} bytes, got {size}")
    elif kind == PacketKind.NODES_RESPONSE:
        # A reply with zero nodes (exactly 82 bytes) is ignored, as in c-toxcore.
        if size <= SEND_NODES_BASE_SIZE:
            raise ProtocolError("send-nodes: no nodes")
        if size > SEND_NODES_MAX_SIZE:
            raise ProtocolError("send-nodes: too long")
    else:
        raise ProtocolError(f"not a DHT envelope kind: {kind}")


# --- plaintexts --------------------------------------------------------------------------------


@record(frozen=True, slots=True)
class Ping:
    """Ping request (kind 0) or response (kind 1) plaintext: ``type | ping_id``."""

    kind: int
    ping_id: bytes

    def __post_init__(self) -> None:
        if self.kind not in (PacketKind.PING_REQUEST, PacketKind.PING_RESPONSE):
            raise ProtocolError(f"ping type must be 0 or 1, got {self.kind!r}")
        _need(self.ping_id, DHT_PING_ID_SIZE, "ping_id")

    def encode(self) -> bytes:
        return bytes([self.kind]) + self.ping_id

    @classmethod
    def decode(cls, plain: bytes) -> Ping:
        r = Reader(plain)
        kind = r.u8()
        ping_id = r.take(DHT_PING_ID_SIZE)
        r.end()
        return cls(kind, ping_id)


decoder("dht.ping_plain")(Ping.decode)


@record(frozen=True, slots=True)
class GetNodes:
    """Get-nodes plaintext: ``searched pk | ping_id``."""

    searched: bytes
    ping_id: bytes

    def __post_init__(self) -> None:
        _need(self.searched, PUBLIC_KEY_SIZE, "searched key")
        _need(self.ping_id, DHT_PING_ID_SIZE, "ping_id")

    def encode(self) -> bytes:
        return self.searched + self.ping_id

    @classmethod
    def decode(cls, plain: bytes) -> GetNodes:
        r = Reader(plain)
        searched = r.key()
        ping_id = r.take(DHT_PING_ID_SIZE)
        r.end()
        return cls(searched, ping_id)


decoder("dht.get_nodes_plain")(GetNodes.decode)


@record(frozen=True, slots=True)
class SendNodes:
    """Send-nodes plaintext: ``count | packed UDP nodes | ping_id``.

    The decoder takes c-toxcore's checks: count <= 4, count equal to the nodes parsed, every byte
    used, and no TCP node anywhere (one makes the whole reply invalid).
    """

    nodes: tuple[PackedNode, ...]
    ping_id: bytes

    def __post_init__(self) -> None:
        if len(self.nodes) > MAX_SENT_NODES:
            raise ProtocolError(f"send-nodes: more than {MAX_SENT_NODES} nodes")
        if any(n.tcp for n in self.nodes):
            raise ProtocolError("send-nodes: TCP node")
        _need(self.ping_id, DHT_PING_ID_SIZE, "ping_id")

    def encode(self) -> bytes:
        return bytes([len(self.nodes)]) + b"".join(_encode_node(n) for n in self.nodes) + self.ping_id

    @classmethod
    def decode(cls, plain: bytes) -> SendNodes:
        if len(plain) < 1 + DHT_PING_ID_SIZE:
            raise ProtocolError("send-nodes: plaintext too short")
        count = plain[0]
        if count > MAX_SENT_NODES:
            raise ProtocolError(f"send-nodes: count {count} > {MAX_SENT_NODES}")
        nodes = decode_udp_nodes(plain[1:-DHT_PING_ID_SIZE])
        if len(nodes) != count:
            raise ProtocolError(f"send-nodes: count byte {count} but {len(nodes)} nodes")
        return cls(tuple(nodes), plain[-DHT_PING_ID_SIZE:])


decoder("dht.send_nodes_plain")(SendNodes.decode)


# --- full DHT packets (helpers over envelope + plaintext) --------------------------------------


def seal_ping(kind: int, sender: bytes, shared_key: bytes, nonce: bytes, ping_id: bytes) -> bytes:
    return DhtPacket.seal(kind, sender, shared_key, nonce, Ping(kind, ping_id).encode()).encode()


def seal_get_nodes(sender: bytes, shared_key: bytes, nonce: bytes, searched: bytes, ping_id: bytes) -> bytes:
    plain = GetNodes(searched, ping_id).encode()
    return DhtPacket.seal(PacketKind.NODES_REQUEST, sender, shared_key, nonce, plain).encode()


def seal_send_nodes(
    sender: bytes, shared_key: bytes, nonce: bytes, nodes: tuple[PackedNode, ...], ping_id: bytes
) -> bytes:
    plain = SendNodes(tuple(nodes), ping_id).encode()
    return DhtPacket.seal(PacketKind.NODES_RESPONSE, sender, shared_key, nonce, plain).encode()


def open_ping(packet: DhtPacket, shared_key: bytes) -> Ping:
    ping = Ping.decode(packet.open(shared_key))
    if ping.kind != packet.kind:
        raise ProtocolError("ping type byte does not match the packet kind")
    return ping


def open_get_nodes(packet: DhtPacket, shared_key: bytes) -> GetNodes:
    return GetNodes.decode(packet.open(shared_key))


def open_send_nodes(packet: DhtPacket, shared_key: bytes) -> SendNodes:
    return SendNodes.decode(packet.open(shared_key))


# --- the DHT request 0x20 ----------------------------------------------------------------------


@record(frozen=True, slots=True)
class CryptoRequest:
    """``0x20 | receiver DHT pk | sender DHT pk | nonce | box(sender sk, receiver pk)[id | data]``.

    Routed by the receiver key: a node that is not the receiver forwards it unchanged to the
    receiver if the receiver is in its close list.
    """

    receiver: bytes
    sender: bytes
    nonce: bytes
    cipher: bytes

    def __post_init__(self) -> None:
        _need(self.receiver, PUBLIC_KEY_SIZE, "receiver key")
        _need(self.sender, PUBLIC_KEY_SIZE, "sender key")
        _need(self.nonce, NONCE_SIZE, "nonce")
        size = CRYPTO_REQUEST_HEADER_SIZE + len(self.cipher)
        if size < MIN_CRYPTO_REQUEST_SIZE:
            raise ProtocolError("DHT request: too short")
        if size > MAX_CRYPTO_REQUEST_SIZE:
            raise ProtocolError("DHT request: too long")

    def encode(self) -> bytes:
        return bytes([PacketKind.CRYPTO]) + self.receiver + self.sender + self.nonce + self.cipher

    @classmethod
    def decode(cls, data: bytes) -> CryptoRequest:
        r = Reader(data)
        if r.u8() != PacketKind.CRYPTO:
            raise ProtocolError("DHT request: kind is not 0x20")
        receiver = r.key()
        sender = r.key()
        nonce = r.nonce()
        return cls(receiver, sender, nonce, r.rest())

    @classmethod
    def create(
        cls, sender: bytes, shared_key: bytes, receiver: bytes, nonce: bytes, request_id: int, data: bytes
    ) -> CryptoRequest:
        """Box ``request_id | data`` with K = beforenm(receiver pk, sender sk)."""
        if not 0 <= request_id <= 0xFF:
            raise ProtocolError("request_id out of range")
        if not data:
            raise ProtocolError("DHT request: needs at least one data byte")
        if len(data) > MAX_CRYPTO_REQUEST_DATA:
            raise ProtocolError("DHT request: data too long")
        return cls(receiver, sender, nonce, encrypt(shared_key, nonce, bytes([request_id]) + data))

    def open(self, shared_key: bytes) -> tuple[int, bytes]:
        """Decrypt with K = beforenm(sender pk, receiver sk); returns (request_id, data)."""
        plain = decrypt(shared_key, self.nonce, self.cipher)
        if len(plain) < 2:
            raise ProtocolError("DHT request: no data after request_id")
        return plain[0], plain[1:]


decoder("dht.crypto_request")(CryptoRequest.decode)


@record(frozen=True, slots=True)
class NatPing:
    """NAT ping data (request_id 0xfe): ``type | ping_id``."""

    type: int
    ping_id: bytes

    def __post_init__(self) -> None:
        if self.type not in (NAT_PING_REQUEST, NAT_PING_RESPONSE):
            raise ProtocolError(f"NAT ping type must be 0 or 1, got {self.type!r}")
        _need(self.ping_id, DHT_PING_ID_SIZE, "ping_id")

    def encode(self) -> bytes:
        return bytes([self.type]) + self.ping_id

    @classmethod
    def decode(cls, data: bytes) -> NatPing:
        r = Reader(data)
        t = r.u8()
        ping_id = r.take(DHT_PING_ID_SIZE)
        r.end()
        return cls(t, ping_id)


decoder("dht.nat_ping")(NatPing.decode)


# --- LAN discovery and bootstrap info ----------------------------------------------------------


@record(frozen=True, slots=True)
class LanDiscovery:
    dht_key: bytes

    def __post_init__(self) -> None:
        _need(self.dht_key, PUBLIC_KEY_SIZE, "DHT key")

    def encode(self) -> bytes:
        return bytes([PacketKind.LAN_DISCOVERY]) + self.dht_key

    @classmethod
    def decode(cls, data: bytes) -> LanDiscovery:
        r = Reader(data)
        if r.u8() != PacketKind.LAN_DISCOVERY:
            raise ProtocolError("LAN discovery: kind is not 0x21")
        key = r.key()
        r.end()
        return cls(key)


decoder("dht.lan_discovery")(LanDiscovery.decode)


def bootstrap_info_request() -> bytes:
    return bytes([PacketKind.BOOTSTRAP_INFO]) + bytes(BOOTSTRAP_INFO_REQUEST_SIZE - 1)


@decoder("dht.bootstrap_info_request")
def decode_bootstrap_info_request(data: bytes) -> None:
    """Any 78-byte packet whose first byte is 0xf0 (the rest is ignored)."""
    if len(data) != BOOTSTRAP_INFO_REQUEST_SIZE or data[0] != PacketKind.BOOTSTRAP_INFO:
        raise ProtocolError("bootstrap info request: must be 78 bytes starting 0xf0")


@record(frozen=True, slots=True)
class BootstrapInfo:
    """Reply: ``0xf0 | version u32 BE | motd`` (0..256 bytes, not padded)."""

    version: int
    motd: bytes

    def __post_init__(self) -> None:
        if not isinstance(self.version, int) or not 0 <= self.version <= 0xFFFFFFFF:
            raise ProtocolError("bootstrap info: version out of range")
        if len(self.motd) > MAX_MOTD_LENGTH:
            raise ProtocolError("bootstrap info: motd too long")

    def encode(self) -> bytes:
        return bytes([PacketKind.BOOTSTRAP_INFO]) + u32(self.version) + self.motd

    @classmethod
    def decode(cls, data: bytes) -> BootstrapInfo:
        r = Reader(data)
        if r.u8() != PacketKind.BOOTSTRAP_INFO:
            raise ProtocolError("bootstrap info: kind is not 0xf0")
        version = r.u32()
        return cls(version, r.rest())


decoder("dht.bootstrap_info")(BootstrapInfo.decode)
