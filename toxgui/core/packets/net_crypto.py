"""net_crypto packets (c-toxcore 0.2.18 net_crypto.c), protocol notes section 5.

* 0x18 cookie request (145): ``our DHT pk | nonce | sbox(K)[our long-term pk | 32 zero bytes | echo_id (8)]``
  where K = beforenm(peer DHT pk, our DHT sk); the response uses the same K.
* 0x19 cookie response (161): ``nonce | sbox(K)[cookie (112) | echo_id (8)]``
* cookie (112): ``nonce | sbox(cookie key)[time u64 | requester long-term pk | requester DHT pk]``.
  c-toxcore memcpy's a host-order u64 (little-endian on every platform it ships on); only the
  cookie's creator ever reads it, so toxgui writes and reads it **little-endian**.
* 0x1a handshake (385): ``cookie | nonce | box(our lt sk, peer lt pk)[base nonce | session pk |
  sha512(cookie) | other cookie]``.  The base nonce is the one *we* encrypt our data with.
* 0x1b crypto data: ``low 2 bytes of the nonce (BE) | sbox(session key, full nonce)[buffer_start
  u32 BE | packet_number u32 BE | (1373 - len(data)) % 8 zero bytes | data]``.
* the request packet (data id 1) and kill packet (data id 2).

Cookie timestamps are whole seconds from the `now` the caller passes (c-toxcore's mono_time).
"""

from __future__ import annotations

import struct
from collections.abc import Iterable

from toxgui.core.crypto import KeyPair, SharedKeyCache, decrypt, encrypt, nonce_add, sha512
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
from toxgui.core.wire import MAC_SIZE, NONCE_SIZE, PUBLIC_KEY_SIZE, Reader, u16, u32

# --- sizes and ids (net_crypto.h / net_crypto.c) ---------------------------------------------

COOKIE_TIMEOUT = 15
ECHO_ID_SIZE = 8
SHA512_SIZE = 64
COOKIE_DATA_SIZE = PUBLIC_KEY_SIZE * 2  # 64
COOKIE_CONTENTS_SIZE = 8 + COOKIE_DATA_SIZE  # 72
COOKIE_SIZE = NONCE_SIZE + COOKIE_CONTENTS_SIZE + MAC_SIZE  # 112
COOKIE_REQUEST_PLAIN_SIZE = COOKIE_DATA_SIZE + ECHO_ID_SIZE  # 72
COOKIE_REQUEST_SIZE = 1 + PUBLIC_KEY_SIZE + NONCE_SIZE + COOKIE_REQUEST_PLAIN_SIZE + MAC_SIZE  # 145
COOKIE_RESPONSE_PLAIN_SIZE = COOKIE_SIZE + ECHO_ID_SIZE  # 120
COOKIE_RESPONSE_SIZE = 1 + NONCE_SIZE + COOKIE_RESPONSE_PLAIN_SIZE + MAC_SIZE  # 161
HANDSHAKE_PLAIN_SIZE = NONCE_SIZE + PUBLIC_KEY_SIZE + SHA512_SIZE + COOKIE_SIZE  # 232
HANDSHAKE_SIZE = 1 + COOKIE_SIZE + NONCE_SIZE + HANDSHAKE_PLAIN_SIZE + MAC_SIZE  # 385

MAX_CRYPTO_PACKET_SIZE = 1400
CRYPTO_DATA_PACKET_MIN_SIZE = 1 + 2 + 4 + 4 + MAC_SIZE  # 27: a data packet must be longer
MAX_CRYPTO_DATA_SIZE = MAX_CRYPTO_PACKET_SIZE - CRYPTO_DATA_PACKET_MIN_SIZE  # 1373
CRYPTO_MAX_PADDING = 8
DATA_NUM_THRESHOLD = 21845
CRYPTO_PACKET_BUFFER_SIZE = 32768

PACKET_ID_PADDING = 0
PACKET_ID_REQUEST = 1
PACKET_ID_KILL = 2
LOSSLESS_RANGE = range(16, 192)  # 16-159 core/Messenger, 160-191 custom
LOSSY_RANGE = range(192, 255)  # 192-199 A/V, 200-254 custom; 255 is not valid in 0.2.18

KILL_PACKET = bytes([PACKET_ID_KILL])


def is_lossless(packet_id: int) -> bool:
    return packet_id in LOSSLESS_RANGE


def is_lossy(packet_id: int) -> bool:
    return packet_id in LOSSY_RANGE


# --- cookie -----------------------------------------------------------------------------------


@record(frozen=True, slots=True)
class CookieContents:
    """What a cookie holds: creation time (whole seconds) and the requester's two keys."""

    time: int
    real_pk: bytes
    dht_pk: bytes

    def __post_init__(self) -> None:
        need_range(self.time, 0, 2**64 - 1, "cookie time")
        need_key(self.real_pk, "cookie long-term key")
        need_key(self.dht_pk, "cookie DHT key")

    def encode(self) -> bytes:
        return struct.pack("<Q", self.time) + self.real_pk + self.dht_pk

    @classmethod
    def decode(cls, data: bytes) -> CookieContents:
        if len(data) != COOKIE_CONTENTS_SIZE:
            raise ProtocolError(f"cookie contents of {len(data)} bytes")
        (t,) = struct.unpack("<Q", data[:8])
        return cls(int(t), data[8:40], data[40:72])


def make_cookie(cookie_key: bytes, nonce: bytes, now: float, real_pk: bytes, dht_pk: bytes) -> bytes:
    """A 112-byte cookie for (requester long-term pk, requester DHT pk), stamped int(now)."""
    need_nonce(nonce)
    contents = CookieContents(int(now), real_pk, dht_pk)
    return nonce + encrypt(cookie_key, nonce, contents.encode())


def open_cookie(cookie_key: bytes, cookie: bytes, now: float) -> CookieContents:
    """Open a cookie we made; refused when older than 15 s or stamped in the future."""
    need_len(cookie, COOKIE_SIZE, "cookie")
    contents = CookieContents.decode(decrypt(cookie_key, cookie[:NONCE_SIZE], cookie[NONCE_SIZE:]))
    t = int(now)
    if contents.time + COOKIE_TIMEOUT < t:
        raise ProtocolError("cookie expired", code="cookie expired")
    if t < contents.time:
        raise ProtocolError("cookie from the future", code="cookie from the future")
    return contents


# --- cookie request (0x18) --------------------------------------------------------------------


@record(frozen=True, slots=True)
class CookieRequestPlain:
    """``long-term pk | 32 bytes (zero when sent, ignored when read) | echo_id (8)``."""

    real_pk: bytes
    echo_id: bytes

    def __post_init__(self) -> None:
        need_key(self.real_pk, "requester long-term key")
        need_len(self.echo_id, ECHO_ID_SIZE, "echo_id")

    def encode(self) -> bytes:
        return self.real_pk + bytes(PUBLIC_KEY_SIZE) + self.echo_id

    @classmethod
    def decode(cls, data: bytes) -> CookieRequestPlain:
        if len(data) != COOKIE_REQUEST_PLAIN_SIZE:
            raise ProtocolError(f"cookie request plaintext of {len(data)} bytes")
        return cls(data[:32], data[64:72])


@record(frozen=True, slots=True)
class CookieRequest:
    """0x18, 145 bytes: ``sender DHT pk | nonce | sbox(K)[CookieRequestPlain]``."""

    dht_pk: bytes
    nonce: bytes
    ciphertext: bytes

    KIND = PacketKind.COOKIE_REQUEST

    def __post_init__(self) -> None:
        need_key(self.dht_pk, "sender DHT key")
        need_nonce(self.nonce)
        need_len(self.ciphertext, COOKIE_REQUEST_PLAIN_SIZE + MAC_SIZE, "cookie request ciphertext")

    def encode(self) -> bytes:
        return bytes([self.KIND]) + self.dht_pk + self.nonce + self.ciphertext

    @classmethod
    def decode(cls, data: bytes) -> CookieRequest:
        need_kind(data, cls.KIND, "cookie request")
        if len(data) != COOKIE_REQUEST_SIZE:
            raise ProtocolError(f"cookie request of {len(data)} bytes")
        r = Reader(data, 1)
        return cls(r.key(), r.nonce(), r.rest())


def seal_cookie_request(
    our_dht: KeyPair,
    peer_dht_pk: bytes,
    nonce: bytes,
    plain: CookieRequestPlain,
    cache: SharedKeyCache | None = None,
) -> CookieRequest:
    key = shared_key(our_dht, peer_dht_pk, cache)
    return CookieRequest(our_dht.public, nonce, encrypt(key, nonce, plain.encode()))


def open_cookie_request(
    packet: CookieRequest, our_dht: KeyPair, cache: SharedKeyCache | None = None
) -> CookieRequestPlain:
    key = shared_key(our_dht, packet.dht_pk, cache)
    return CookieRequestPlain.decode(decrypt(key, packet.nonce, packet.ciphertext))


# --- cookie response (0x19) -------------------------------------------------------------------


@record(frozen=True, slots=True)
class CookieResponsePlain:
    cookie: bytes
    echo_id: bytes

    def __post_init__(self) -> None:
        need_len(self.cookie, COOKIE_SIZE, "cookie")
        need_len(self.echo_id, ECHO_ID_SIZE, "echo_id")

    def encode(self) -> bytes:
        return self.cookie + self.echo_id

    @classmethod
    def decode(cls, data: bytes) -> CookieResponsePlain:
        if len(data) != COOKIE_RESPONSE_PLAIN_SIZE:
            raise ProtocolError(f"cookie response plaintext of {len(data)} bytes")
        return cls(data[:COOKIE_SIZE], data[COOKIE_SIZE:])


@record(frozen=True, slots=True)
class CookieResponse:
    """0x19, 161 bytes: ``nonce | sbox(K)[cookie | echo_id]``."""

    nonce: bytes
    ciphertext: bytes

    KIND = PacketKind.COOKIE_RESPONSE

    def __post_init__(self) -> None:
        need_nonce(self.nonce)
        need_len(self.ciphertext, COOKIE_RESPONSE_PLAIN_SIZE + MAC_SIZE, "cookie response ciphertext")

    def encode(self) -> bytes:
        return bytes([self.KIND]) + self.nonce + self.ciphertext

    @classmethod
    def decode(cls, data: bytes) -> CookieResponse:
        need_kind(data, cls.KIND, "cookie response")
        if len(data) != COOKIE_RESPONSE_SIZE:
            raise ProtocolError(f"cookie response of {len(data)} bytes")
        return cls(data[1 : 1 + NONCE_SIZE], data[1 + NONCE_SIZE :])


def answer_cookie_request(
    request: CookieRequest,
    our_dht: KeyPair,
    cookie_key: bytes,
    now: float,
    cookie_nonce: bytes,
    response_nonce: bytes,
    cache: SharedKeyCache | None = None,
) -> CookieResponse:
    """The stateless responder: open the request, make a cookie for (its long-term pk, its DHT
    pk), and return it with the echo_id under the same shared key."""
    key = shared_key(our_dht, request.dht_pk, cache)
    plain = CookieRequestPlain.decode(decrypt(key, request.nonce, request.ciphertext))
    cookie = make_cookie(cookie_key, cookie_nonce, now, plain.real_pk, request.dht_pk)
    body = CookieResponsePlain(cookie, plain.echo_id).encode()
    return CookieResponse(response_nonce, encrypt(key, response_nonce, body))


def open_cookie_response(
    packet: CookieResponse,
    our_dht: KeyPair,
    peer_dht_pk: bytes,
    echo_id: bytes | None = None,
    cache: SharedKeyCache | None = None,
) -> CookieResponsePlain:
    """Requester side; with `echo_id` given, a response echoing anything else is refused."""
    key = shared_key(our_dht, peer_dht_pk, cache)
    plain = CookieResponsePlain.decode(decrypt(key, packet.nonce, packet.ciphertext))
    if echo_id is not None and plain.echo_id != echo_id:
        raise ProtocolError("cookie response echo_id does not match", code="cookie response echo_id does not match")
    return plain


# --- handshake (0x1a) -------------------------------------------------------------------------


@record(frozen=True, slots=True)
class HandshakePlain:
    """``base nonce | session pk | sha512(outer cookie) | other cookie`` (232 bytes)."""

    base_nonce: bytes
    session_pk: bytes
    cookie_hash: bytes
    other_cookie: bytes

    def __post_init__(self) -> None:
        need_nonce(self.base_nonce, "base nonce")
        need_key(self.session_pk, "session public key")
        need_len(self.cookie_hash, SHA512_SIZE, "cookie hash")
        need_len(self.other_cookie, COOKIE_SIZE, "other cookie")

    def encode(self) -> bytes:
        return self.base_nonce + self.session_pk + self.cookie_hash + self.other_cookie

    @classmethod
    def decode(cls, data: bytes) -> HandshakePlain:
        if len(data) != HANDSHAKE_PLAIN_SIZE:
            raise ProtocolError(f"handshake plaintext of {len(data)} bytes")
        r = Reader(data)
        return cls(r.nonce(), r.key(), r.take(SHA512_SIZE), r.take(COOKIE_SIZE))


@record(frozen=True, slots=True)
class Handshake:
    """0x1a, 385 bytes: ``cookie (112) | nonce | box(lt keys)[HandshakePlain]``."""

    cookie: bytes
    nonce: bytes
    ciphertext: bytes

    KIND = PacketKind.CRYPTO_HANDSHAKE

    def __post_init__(self) -> None:
        need_len(self.cookie, COOKIE_SIZE, "cookie")
        need_nonce(self.nonce)
        need_len(self.ciphertext, HANDSHAKE_PLAIN_SIZE + MAC_SIZE, "handshake ciphertext")

    def encode(self) -> bytes:
        return bytes([self.KIND]) + self.cookie + self.nonce + self.ciphertext

    @classmethod
    def decode(cls, data: bytes) -> Handshake:
        need_kind(data, cls.KIND, "handshake")
        if len(data) != HANDSHAKE_SIZE:
            raise ProtocolError(f"handshake of {len(data)} bytes")
        r = Reader(data, 1)
        return cls(r.take(COOKIE_SIZE), r.nonce(), r.rest())


@record(frozen=True, slots=True)
class HandshakeInfo:
    """A handshake that passed every check: what the peer told us."""

    peer_real_pk: bytes  # from the cookie
    peer_dht_pk: bytes  # from the cookie
    base_nonce: bytes  # the peer's outgoing nonce = our receive nonce
    session_pk: bytes
    other_cookie: bytes  # a cookie of the peer's we can answer with


def create_handshake(
    our_real: KeyPair,
    peer_real_pk: bytes,
    peer_cookie: bytes,
    nonce: bytes,
    base_nonce: bytes,
    session_pk: bytes,
    other_cookie: bytes,
    cache: SharedKeyCache | None = None,
) -> Handshake:
    """Our handshake on top of the peer's cookie.  `other_cookie` is made with *our* cookie key
    for (peer long-term pk, peer DHT pk): ``make_cookie(our_cookie_key, n, now, peer_real, peer_dht)``."""
    need_len(peer_cookie, COOKIE_SIZE, "peer cookie")
    plain = HandshakePlain(base_nonce, session_pk, sha512(peer_cookie), other_cookie)
    key = shared_key(our_real, peer_real_pk, cache)
    return Handshake(peer_cookie, nonce, encrypt(key, nonce, plain.encode()))


def open_handshake(
    packet: Handshake,
    our_real: KeyPair,
    cookie_key: bytes,
    now: float,
    expected_real_pk: bytes | None = None,
    cache: SharedKeyCache | None = None,
) -> HandshakeInfo:
    """handle_crypto_handshake: cookie opens and is fresh (15 s), names `expected_real_pk` when
    given, the box opens with the long-term key from the cookie, and the SHA-512 matches."""
    contents = open_cookie(cookie_key, packet.cookie, now)
    if expected_real_pk is not None and contents.real_pk != expected_real_pk:
        raise ProtocolError("handshake cookie names another long-term key", code="handshake cookie names another long-term key")
    key = shared_key(our_real, contents.real_pk, cache)
    plain = HandshakePlain.decode(decrypt(key, packet.nonce, packet.ciphertext))
    if plain.cookie_hash != sha512(packet.cookie):
        raise ProtocolError("handshake cookie hash does not match", code="handshake cookie hash does not match")
    return HandshakeInfo(
        contents.real_pk, contents.dht_pk, plain.base_nonce, plain.session_pk, plain.other_cookie
    )


# --- crypto data (0x1b) -----------------------------------------------------------------------


@record(frozen=True, slots=True)
class DataPlain:
    """Decrypted data packet: acknowledgement point, sequence number and the data itself."""

    buffer_start: int
    packet_number: int
    data: bytes

    def __post_init__(self) -> None:
        need_range(self.buffer_start, 0, 2**32 - 1, "buffer_start")
        need_range(self.packet_number, 0, 2**32 - 1, "packet_number")
        if not 1 <= len(self.data) <= MAX_CRYPTO_DATA_SIZE:
            raise ProtocolError(f"crypto data of {len(self.data)} bytes")
        if self.data[0] == PACKET_ID_PADDING:
            raise ProtocolError("crypto data must not start with 0x00")

    @property
    def packet_id(self) -> int:
        return self.data[0]

    def encode(self) -> bytes:
        padding = bytes((MAX_CRYPTO_DATA_SIZE - len(self.data)) % CRYPTO_MAX_PADDING)
        return u32(self.buffer_start) + u32(self.packet_number) + padding + self.data

    @classmethod
    def decode(cls, data: bytes) -> DataPlain:
        if len(data) <= 8:
            raise ProtocolError("crypto data plaintext too short")
        r = Reader(data)
        buffer_start = r.u32()
        number = r.u32()
        body = r.rest().lstrip(b"\x00")
        if not body:
            raise ProtocolError("crypto data is all padding")
        return cls(buffer_start, number, body)


@record(frozen=True, slots=True)
class CryptoData:
    """0x1b: ``nonce low 16 bits (BE) | sbox(session key, nonce)[DataPlain]``; 27 < size <= 1400."""

    nonce_low: int
    ciphertext: bytes

    KIND = PacketKind.CRYPTO_DATA

    def __post_init__(self) -> None:
        need_range(self.nonce_low, 0, 0xFFFF, "nonce low bits")
        size = 3 + len(self.ciphertext)
        if not CRYPTO_DATA_PACKET_MIN_SIZE < size <= MAX_CRYPTO_PACKET_SIZE:
            raise ProtocolError(f"crypto data packet of {size} bytes")

    def encode(self) -> bytes:
        return bytes([self.KIND]) + u16(self.nonce_low) + self.ciphertext

    @classmethod
    def decode(cls, data: bytes) -> CryptoData:
        need_kind(data, cls.KIND, "crypto data")
        r = Reader(data, 1)
        return cls(r.u16(), r.rest())


def receive_nonce(stored: bytes, nonce_low: int) -> tuple[bytes, int]:
    """The nonce to try for a data packet: (stored + diff, diff) with
    diff = (packet's 16 bits - low 16 bits of the stored receive nonce) mod 65536."""
    need_nonce(stored)
    diff = (nonce_low - int.from_bytes(stored[-2:], "big")) % 65536
    return nonce_add(stored, diff), diff


def advance_receive_nonce(stored: bytes, diff: int) -> bytes:
    """After a packet decrypted: move the stored nonce on by 21845 when diff > 43690."""
    if diff > DATA_NUM_THRESHOLD * 2:
        return nonce_add(stored, DATA_NUM_THRESHOLD)
    return stored


def seal_crypto_data(session_key: bytes, nonce: bytes, plain: DataPlain) -> CryptoData:
    """Encrypt with our full send nonce (the caller then increments it by 1)."""
    need_nonce(nonce)
    return CryptoData(int.from_bytes(nonce[-2:], "big"), encrypt(session_key, nonce, plain.encode()))


def open_crypto_data(packet: CryptoData, session_key: bytes, recv_nonce: bytes) -> tuple[DataPlain, bytes]:
    """Decrypt with the recovered nonce: (plain, the new stored receive nonce)."""
    nonce, diff = receive_nonce(recv_nonce, packet.nonce_low)
    plain = DataPlain.decode(decrypt(session_key, nonce, packet.ciphertext))
    return plain, advance_receive_nonce(recv_nonce, diff)


# --- request packet (data id 1) ---------------------------------------------------------------

_U32 = 1 << 32


def _window(start: int, end: int) -> int:
    need_range(start, 0, _U32 - 1, "window start")
    need_range(end, 0, _U32 - 1, "window end")
    size = (end - start) % _U32
    if size > CRYPTO_PACKET_BUFFER_SIZE:
        raise ProtocolError(f"window of {size} packets")
    return size


def encode_request(
    start: int, end: int, received: Iterable[int], max_size: int = MAX_CRYPTO_DATA_SIZE
) -> bytes:
    """generate_request_packet over our receive window [start, end) (mod 2**32).

    `received` holds the packet numbers present in the window.  c-toxcore walks the window with
    a counter that restarts at 1 after every byte it writes, so the bytes come out as: a 0 for
    every 255 present slots in a row, and for each missing slot (present slots since the last
    byte) % 255 + 1.  The result (id byte included) is cut at `max_size` bytes.
    """
    size = _window(start, end)
    out = bytearray([PACKET_ID_REQUEST])
    if size == 0 or max_size <= 1:
        return bytes(out)
    present = {(x - start) % _U32 for x in received}
    missing = sorted(set(range(size)) - present)
    pos = 0
    for stop in [*missing, size]:
        run = stop - pos  # present slots before `stop`
        out += bytes(run // 255)
        if stop < size:
            out.append(run % 255 + 1)
        if len(out) >= max_size:
            return bytes(out[:max_size])
        pos = stop + 1
    return bytes(out)


@record(frozen=True, slots=True)
class RequestResult:
    """A request packet read against our send window: numbers the peer has (free them) and
    numbers it asks for again.  Numbers past the end of the request are in neither."""

    acknowledged: tuple[int, ...]
    resend: tuple[int, ...]


def decode_request(data: bytes, start: int, end: int) -> RequestResult:
    """handle_request_packet over our send window [start, end) (mod 2**32).

    Every byte starts with c-toxcore's counter back at 1, so a byte k >= 1 means "k - 1 slots
    the peer has, then one it lacks" and a 0 means "255 slots the peer has".  Slots are walked
    until the bytes or the window run out; what lies beyond is neither freed nor requested.
    """
    size = _window(start, end)
    if not data or data[0] != PACKET_ID_REQUEST:
        raise ProtocolError("not a request packet")
    acked: list[int] = []
    resend: list[int] = []
    pos = 0
    for b in data[1:]:
        if pos >= size:
            break
        if b == 0:
            acked.extend(range(pos, min(pos + 255, size)))
            pos += 255
            continue
        held = b - 1
        if pos + held >= size:
            acked.extend(range(pos, size))
            break
        acked.extend(range(pos, pos + held))
        resend.append(pos + held)
        pos += held + 1
    return RequestResult(
        tuple((start + i) % _U32 for i in acked),
        tuple((start + i) % _U32 for i in resend),
    )


# --- registered decoders ----------------------------------------------------------------------

decoder("net_crypto.cookie_request")(CookieRequest.decode)
decoder("net_crypto.cookie_request_plain")(CookieRequestPlain.decode)
decoder("net_crypto.cookie_response")(CookieResponse.decode)
decoder("net_crypto.cookie_response_plain")(CookieResponsePlain.decode)
decoder("net_crypto.cookie_contents")(CookieContents.decode)
decoder("net_crypto.handshake")(Handshake.decode)
decoder("net_crypto.handshake_plain")(HandshakePlain.decode)
decoder("net_crypto.crypto_data")(CryptoData.decode)
decoder("net_crypto.data_plain")(DataPlain.decode)
