"""Byte-level helpers shared by every packet codec.

`Reader` turns short reads into `ProtocolError`, so decoders written on it are total.
Also here: the packed-node format (DHT replies, onion replies, DHTPK, savedata) and the
19-byte onion IP_Port, both used by several packet families.
"""

from __future__ import annotations

import ipaddress
import struct
from functools import lru_cache
from typing import Literal

from toxgui.core.errors import ProtocolError
from toxgui.core.record import record
from toxgui.core.spec import NONCE_SIZE as NONCE_SIZE  # the sizes, re-exported for the codecs
from toxgui.core.spec import PUBLIC_KEY_SIZE as PUBLIC_KEY_SIZE
from toxgui.core.spec import SECRET_KEY_SIZE as SECRET_KEY_SIZE

Addr = tuple[str, int]

MAC_SIZE = 16
SYMMETRIC_KEY_SIZE = 32  # a secret key for secretbox / HMAC (cookie keys, ping_id secrets)


class Reader:
    """Sequential reader over a bytes object; every failure is a ProtocolError."""

    __slots__ = ("_data", "_pos")

    def __init__(self, data: bytes, pos: int = 0) -> None:
        self._data = bytes(data)
        self._pos = pos

    @property
    def remaining(self) -> int:
        return len(self._data) - self._pos

    @property
    def pos(self) -> int:
        return self._pos

    def take(self, n: int) -> bytes:
        if n < 0 or self._pos + n > len(self._data):
            raise ProtocolError(f"truncated: wanted {n} bytes, {self.remaining} left")
        out = self._data[self._pos : self._pos + n]
        self._pos += n
        return out

    def rest(self) -> bytes:
        out = self._data[self._pos :]
        self._pos = len(self._data)
        return out

    def u8(self) -> int:
        return self.take(1)[0]

    def u16(self) -> int:
        return int(struct.unpack(">H", self.take(2))[0])

    def u32(self) -> int:
        return int(struct.unpack(">I", self.take(4))[0])

    def u64(self) -> int:
        return int(struct.unpack(">Q", self.take(8))[0])

    def u32le(self) -> int:
        return int(struct.unpack("<I", self.take(4))[0])

    def u16le(self) -> int:
        return int(struct.unpack("<H", self.take(2))[0])

    def key(self) -> bytes:
        return self.take(PUBLIC_KEY_SIZE)

    def nonce(self) -> bytes:
        return self.take(NONCE_SIZE)

    def end(self) -> None:
        if self.remaining:
            raise ProtocolError(f"{self.remaining} trailing bytes")


def u16(v: int) -> bytes:
    return struct.pack(">H", v)


def u32(v: int) -> bytes:
    return struct.pack(">I", v)


def u64(v: int) -> bytes:
    return struct.pack(">Q", v)


def expect_len(data: bytes, n: int, what: str) -> None:
    if len(data) != n:
        raise ProtocolError(f"{what}: expected {n} bytes, got {len(data)}")


def check_key(key: bytes, what: str = "key") -> bytes:
    if not isinstance(key, bytes | bytearray) or len(key) != PUBLIC_KEY_SIZE:
        raise ProtocolError(f"{what}: must be {PUBLIC_KEY_SIZE} bytes")
    return bytes(key)


# --- addresses ------------------------------------------------------------------------------

FAMILY_UDP_IPV4 = 2
FAMILY_UDP_IPV6 = 10
FAMILY_TCP_IPV4 = 130
FAMILY_TCP_IPV6 = 138



# The Curve25519 points of small order (their u-coordinates), compared with the top bit cleared,
# exactly the list libsodium's crypto_scalarmult refuses (has_small_order in scalarmult
# curve25519/ref10/x25519_ref10.c): 0, 1, two points of order 8, p-1, p and p+1.
_SMALL_ORDER = frozenset(bytes.fromhex(h) for h in (
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0100000000000000000000000000000000000000000000000000000000000000",
    "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
    "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
))
LOW_ORDER_KEYS: tuple[bytes, ...] = tuple(sorted(_SMALL_ORDER))  # for tests and fuzz corpora


def is_low_order(public_key: bytes) -> bool:
    """Whether no shared key exists with `public_key` (cheap: no key agreement)."""
    if len(public_key) != PUBLIC_KEY_SIZE:
        return False
    return public_key[:31] + bytes([public_key[31] & 0x7F]) in _SMALL_ORDER


@lru_cache(maxsize=4096)  # called for every datagram received; peers' addresses repeat
def normalize_host(host: str) -> str:
    """Canonical text form of an IP address; IPv4-mapped IPv6 becomes plain IPv4."""
    try:
        ip = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError as e:
        raise ProtocolError(f"not an IP address: {host!r}") from e
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ip)


def normalize_addr(addr: Addr) -> Addr:
    return (normalize_host(addr[0]), int(addr[1]))


def is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def is_ipv6(host: str) -> bool:
    return ":" in host


@record(frozen=True, slots=True)
class PackedNode:
    """A node as carried on the wire: transport, IP, port and public key."""

    host: str
    port: int
    public_key: bytes
    tcp: bool = False

    @property
    def addr(self) -> Addr:
        return (self.host, self.port)

    def encode(self) -> bytes:
        ip = ipaddress.ip_address(self.host)
        if isinstance(ip, ipaddress.IPv4Address):
            family = FAMILY_TCP_IPV4 if self.tcp else FAMILY_UDP_IPV4
        else:
            family = FAMILY_TCP_IPV6 if self.tcp else FAMILY_UDP_IPV6
        if not 0 <= self.port <= 0xFFFF:
            raise ProtocolError("port out of range")
        return bytes([family]) + ip.packed + u16(self.port) + check_key(self.public_key)

    @classmethod
    def read(cls, r: Reader, allow_tcp: bool) -> PackedNode:
        family = r.u8()
        if family in (FAMILY_UDP_IPV4, FAMILY_TCP_IPV4):
            host = str(ipaddress.IPv4Address(r.take(4)))
        elif family in (FAMILY_UDP_IPV6, FAMILY_TCP_IPV6):
            host = normalize_host(str(ipaddress.IPv6Address(r.take(16))))
        else:
            raise ProtocolError(f"unknown node family {family}")
        tcp = family >= 128
        if tcp and not allow_tcp:
            raise ProtocolError("TCP node where only UDP nodes are allowed")
        port = r.u16()
        return cls(host, port, r.key(), tcp)


def encode_nodes(nodes: list[PackedNode] | tuple[PackedNode, ...]) -> bytes:
    return b"".join(n.encode() for n in nodes)


def decode_nodes(data: bytes, allow_tcp: bool, max_count: int | None = None) -> list[PackedNode]:
    """Decode concatenated packed nodes; every byte must be used."""
    r = Reader(data)
    out: list[PackedNode] = []
    while r.remaining:
        out.append(PackedNode.read(r, allow_tcp))
        if max_count is not None and len(out) > max_count:
            raise ProtocolError(f"more than {max_count} nodes")
    return out


ONION_IPPORT_SIZE = 19


FAMILY_TCP_CLIENT = 11  # a return-path address only we read: one of our relay's TCP clients


@record(frozen=True, slots=True)
class TcpClient:
    """One client of our own TCP relay, as an onion return path names it (we are its node A):
    the connection's number and a random identifier, so a reply for a connection that has since
    closed, and whose number was reused, reaches no one."""

    number: int
    ident: int


def encode_ipport(addr: Addr | TcpClient) -> bytes:
    """The 19-byte onion IP_Port: family, 16-byte address field, BE port."""
    if isinstance(addr, TcpClient):
        return (bytes([FAMILY_TCP_CLIENT]) + addr.number.to_bytes(4, "big") + addr.ident.to_bytes(8, "big")
                + bytes(6))
    ip = ipaddress.ip_address(addr[0])
    if isinstance(ip, ipaddress.IPv4Address):
        return bytes([FAMILY_UDP_IPV4]) + ip.packed + bytes(12) + u16(addr[1])
    return bytes([FAMILY_UDP_IPV6]) + ip.packed + u16(addr[1])


def decode_return_ipport(data: bytes) -> Addr | TcpClient:
    """A return block's IP_Port: a UDP address, or one of our relay's TCP clients."""
    expect_len(data, ONION_IPPORT_SIZE, "onion IP_Port")
    if data[0] == FAMILY_TCP_CLIENT:
        return TcpClient(int.from_bytes(data[1:5], "big"), int.from_bytes(data[5:13], "big"))
    return decode_ipport(data)


def decode_ipport(data: bytes) -> Addr:
    expect_len(data, ONION_IPPORT_SIZE, "onion IP_Port")
    family = data[0]
    if family == FAMILY_UDP_IPV4:
        host = str(ipaddress.IPv4Address(data[1:5]))
    elif family == FAMILY_UDP_IPV6:
        host = normalize_host(str(ipaddress.IPv6Address(data[1:17])))
    else:
        raise ProtocolError(f"unknown onion IP_Port family {family}")
    return (host, int.from_bytes(data[17:19], "big"))


def is_lan(host: str) -> bool:
    """c-toxcore's ip_is_lan: private, link-local, CGNAT and loopback ranges count as LAN."""
    try:
        ip = ipaddress.ip_address(normalize_host(host))
    except ProtocolError:
        return False
    if isinstance(ip, ipaddress.IPv4Address):
        b = ip.packed
        if b[0] in (10, 127):
            return True
        if b[0] == 172 and 16 <= b[1] <= 31:
            return True
        if b[0] == 192 and b[1] == 168:
            return True
        if b[0] == 169 and b[1] == 254 and 0 < b[2] < 255:
            return True
        return b[0] == 100 and (b[1] & 0xC0) == 0x40
    if ip.is_loopback:
        return True
    if ip.packed[0] == 0xFE and (ip.packed[1] & 0xC0) == 0x80:
        return True
    return ip.packed[0] == 0xFF and ip.packed[1] < 3 and ip.packed[15] == 1


Family = Literal[4, 6]
