"""The packet shapes this layer needs, as thin calls into the shared codecs
(toxgui/core/packets/net_crypto.py), so the session code reads as the protocol does."""

from __future__ import annotations

from collections.abc import Iterable

from toxgui.core.crypto import KeyPair, SharedKeyCache
from toxgui.core.packets import net_crypto as p
from toxgui.core.packets.kinds import PacketKind

COOKIE_REQUEST = int(PacketKind.COOKIE_REQUEST)
COOKIE_RESPONSE = int(PacketKind.COOKIE_RESPONSE)
HANDSHAKE = int(PacketKind.CRYPTO_HANDSHAKE)
DATA = int(PacketKind.CRYPTO_DATA)
MAX_DATA = p.MAX_CRYPTO_DATA_SIZE  # 1373
ECHO_SIZE = p.ECHO_ID_SIZE

make_cookie = p.make_cookie
HandshakeInfo = p.HandshakeInfo


def encode_cookie_request(
    our_dht: KeyPair, peer_dht_pk: bytes, nonce: bytes, real_pk: bytes, echo_id: bytes, cache: SharedKeyCache
) -> bytes:
    plain = p.CookieRequestPlain(real_pk, echo_id)
    return p.seal_cookie_request(our_dht, peer_dht_pk, nonce, plain, cache).encode()


def answer_cookie_request(
    data: bytes, our_dht: KeyPair, cookie_key: bytes, now: float, n1: bytes, n2: bytes, cache: SharedKeyCache
) -> bytes:
    req = p.CookieRequest.decode(data)
    return p.answer_cookie_request(req, our_dht, cookie_key, now, n1, n2, cache).encode()


def open_cookie_response(
    data: bytes, our_dht: KeyPair, peer_dht_pk: bytes, echo_id: bytes, cache: SharedKeyCache
) -> bytes:
    resp = p.CookieResponse.decode(data)
    return p.open_cookie_response(resp, our_dht, peer_dht_pk, echo_id, cache).cookie


def create_handshake(
    our_real: KeyPair, peer_real_pk: bytes, peer_cookie: bytes, nonce: bytes, base_nonce: bytes,
    session_pk: bytes, other_cookie: bytes, cache: SharedKeyCache,
) -> bytes:
    return p.create_handshake(
        our_real, peer_real_pk, peer_cookie, nonce, base_nonce, session_pk, other_cookie, cache
    ).encode()


def open_handshake(
    data: bytes, our_real: KeyPair, cookie_key: bytes, now: float, expected: bytes | None, cache: SharedKeyCache
) -> p.HandshakeInfo:
    return p.open_handshake(p.Handshake.decode(data), our_real, cookie_key, now, expected, cache)


def encode_data(shared: bytes, nonce: bytes, buffer_start: int, number: int, data: bytes) -> bytes:
    return p.seal_crypto_data(shared, nonce, p.DataPlain(buffer_start, number, data)).encode()


def decode_data(packet: bytes, shared: bytes, recv_nonce: bytes) -> tuple[int, int, bytes, bytes]:
    """(buffer_start, packet number, data, the new stored receive nonce)."""
    plain, stored = p.open_crypto_data(p.CryptoData.decode(packet), shared, recv_nonce)
    return plain.buffer_start, plain.packet_number, plain.data, stored


def encode_request(start: int, end: int, received: Iterable[int], max_size: int) -> bytes:
    return p.encode_request(start, end, received, max_size)


def decode_request(data: bytes, start: int, end: int) -> p.RequestResult:
    return p.decode_request(data, start, end)
