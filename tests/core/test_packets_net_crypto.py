"""net_crypto codecs: sizes (self-check 6), cookies and handshake (self-check 9), data packets
and nonce recovery (self-check 4), the request packet codec (self-check 8)."""

import random
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toxgui.core.crypto import KeyPair, SharedKeyCache, nonce_add, precompute, sha512
from toxgui.core.errors import ProtocolError
from toxgui.core.packets import net_crypto as nc
from toxgui.core.packets.net_crypto import (
    CookieContents,
    CookieRequest,
    CookieRequestPlain,
    CookieResponse,
    CookieResponsePlain,
    CryptoData,
    DataPlain,
    Handshake,
    HandshakePlain,
    decode_request,
    encode_request,
)


class CountingRng:
    def __init__(self, seed: int = 1) -> None:
        self.state = seed

    def bytes(self, n: int) -> bytes:
        out = bytearray()
        while len(out) < n:
            self.state = (self.state * 6364136223846793005 + 1442695040888963407) % 2**64
            out += self.state.to_bytes(8, "big")
        return bytes(out[:n])


keys = st.binary(min_size=32, max_size=32)
nonces = st.binary(min_size=24, max_size=24)
u32s = st.integers(0, 2**32 - 1)
NOW = 1_700_000_000.5


def test_sizes() -> None:
    assert nc.COOKIE_REQUEST_SIZE == 145
    assert nc.COOKIE_RESPONSE_SIZE == 161
    assert nc.COOKIE_SIZE == 112
    assert nc.HANDSHAKE_SIZE == 385
    assert (nc.MAX_CRYPTO_PACKET_SIZE, nc.CRYPTO_DATA_PACKET_MIN_SIZE, nc.MAX_CRYPTO_DATA_SIZE) == (1400, 27, 1373)


# --- round trips ------------------------------------------------------------------------------


@given(keys, nonces, st.binary(min_size=88, max_size=88))
def test_cookie_request_round_trip(pk: bytes, nonce: bytes, ct: bytes) -> None:
    p = CookieRequest(pk, nonce, ct)
    raw = p.encode()
    assert len(raw) == 145 and raw[0] == 0x18
    assert CookieRequest.decode(raw) == p


@given(keys, st.binary(min_size=8, max_size=8))
def test_cookie_request_plain_round_trip(pk: bytes, echo: bytes) -> None:
    p = CookieRequestPlain(pk, echo)
    raw = p.encode()
    assert raw[32:64] == bytes(32) and len(raw) == 72
    assert CookieRequestPlain.decode(raw) == p
    # the middle 32 bytes are not checked by the reader
    assert CookieRequestPlain.decode(raw[:32] + b"\xff" * 32 + raw[64:]) == p


@given(nonces, st.binary(min_size=136, max_size=136))
def test_cookie_response_round_trip(nonce: bytes, ct: bytes) -> None:
    p = CookieResponse(nonce, ct)
    raw = p.encode()
    assert len(raw) == 161 and raw[0] == 0x19
    assert CookieResponse.decode(raw) == p


@given(st.binary(min_size=112, max_size=112), st.binary(min_size=8, max_size=8))
def test_cookie_response_plain_round_trip(cookie: bytes, echo: bytes) -> None:
    p = CookieResponsePlain(cookie, echo)
    assert CookieResponsePlain.decode(p.encode()) == p


@given(st.integers(0, 2**64 - 1), keys, keys)
def test_cookie_contents_round_trip_little_endian_time(t: int, real: bytes, dht: bytes) -> None:
    c = CookieContents(t, real, dht)
    raw = c.encode()
    assert raw[:8] == struct.pack("<Q", t)
    assert CookieContents.decode(raw) == c


@given(st.binary(min_size=112, max_size=112), nonces, st.binary(min_size=248, max_size=248))
def test_handshake_round_trip(cookie: bytes, nonce: bytes, ct: bytes) -> None:
    p = Handshake(cookie, nonce, ct)
    raw = p.encode()
    assert len(raw) == 385 and raw[0] == 0x1A
    assert Handshake.decode(raw) == p


@given(nonces, keys, st.binary(min_size=64, max_size=64), st.binary(min_size=112, max_size=112))
def test_handshake_plain_round_trip(base: bytes, spk: bytes, h: bytes, other: bytes) -> None:
    p = HandshakePlain(base, spk, h, other)
    assert len(p.encode()) == 232
    assert HandshakePlain.decode(p.encode()) == p


data_bytes = st.binary(min_size=1, max_size=1373).filter(lambda d: d[0] != 0)


@given(u32s, u32s, data_bytes)
def test_data_plain_round_trip_and_padding(start: int, number: int, data: bytes) -> None:
    p = DataPlain(start, number, data)
    raw = p.encode()
    padding = (1373 - len(data)) % 8
    assert raw[:8] == struct.pack(">II", start, number)
    assert raw[8 : 8 + padding] == bytes(padding)
    assert len(raw) == 8 + padding + len(data)
    assert DataPlain.decode(raw) == p
    assert len(raw) + 1 + 2 + 16 <= 1400


@given(st.integers(0, 0xFFFF), st.binary(min_size=25, max_size=1397))
def test_crypto_data_round_trip(low: int, ct: bytes) -> None:
    p = CryptoData(low, ct)
    raw = p.encode()
    assert raw[0] == 0x1B and raw[1:3] == struct.pack(">H", low)
    assert CryptoData.decode(raw) == p


def test_data_limits() -> None:
    with pytest.raises(ProtocolError):
        CryptoData.decode(b"\x1b" + bytes(26))  # 27 bytes: not longer than the minimum
    assert len(CryptoData.decode(b"\x1b" + bytes(27)).encode()) == 28
    with pytest.raises(ProtocolError):
        CryptoData.decode(b"\x1b" + bytes(1400))
    with pytest.raises(ProtocolError):
        DataPlain(0, 0, bytes(1374))
    with pytest.raises(ProtocolError):
        DataPlain(0, 0, b"\x00abc")  # data must not start with padding
    with pytest.raises(ProtocolError):
        DataPlain(0, 0, b"")
    with pytest.raises(ProtocolError):
        DataPlain.decode(bytes(8) + bytes(5))  # all padding
    with pytest.raises(ProtocolError):
        DataPlain.decode(bytes(8))
    assert DataPlain.decode(bytes(8) + bytes(3) + b"\x02").data == nc.KILL_PACKET
    assert nc.is_lossless(16) and nc.is_lossless(191) and not nc.is_lossless(192)
    assert nc.is_lossy(192) and nc.is_lossy(254) and not nc.is_lossy(255) and not nc.is_lossless(255)
    assert not nc.is_lossless(1) and not nc.is_lossy(15)


# --- cookies and the handshake ------------------------------------------------------------------


class Peer:
    def __init__(self, rng: CountingRng) -> None:
        self.real = KeyPair.generate(rng)
        self.dht = KeyPair.generate(rng)
        self.cookie_key = rng.bytes(32)
        self.session = KeyPair.generate(rng)
        self.base_nonce = rng.bytes(24)
        self.cache = SharedKeyCache()


def cookie_for(rng: CountingRng, requester: Peer, responder: Peer, now: float) -> bytes:
    echo = rng.bytes(8)
    req = nc.seal_cookie_request(requester.dht, responder.dht.public, rng.bytes(24), CookieRequestPlain(requester.real.public, echo))
    assert len(req.encode()) == 145
    resp = nc.answer_cookie_request(
        CookieRequest.decode(req.encode()), responder.dht, responder.cookie_key, now, rng.bytes(24), rng.bytes(24)
    )
    assert len(resp.encode()) == 161
    plain = nc.open_cookie_response(CookieResponse.decode(resp.encode()), requester.dht, responder.dht.public, echo)
    assert len(plain.cookie) == 112
    with pytest.raises(ProtocolError):
        nc.open_cookie_response(resp, requester.dht, responder.dht.public, bytes(x ^ 0xFF for x in echo))
    return plain.cookie


def handshake(rng: CountingRng, sender: Peer, receiver: Peer, cookie: bytes, now: float) -> Handshake:
    other = nc.make_cookie(sender.cookie_key, rng.bytes(24), now, receiver.real.public, receiver.dht.public)
    return nc.create_handshake(
        sender.real, receiver.real.public, cookie, rng.bytes(24), sender.base_nonce, sender.session.public, other
    )


@settings(max_examples=30)
@given(st.integers(0, 2**63))
def test_cookie_handshake_and_data_between_two_peers(seed: int) -> None:
    rng = CountingRng(seed)
    a, b = Peer(rng), Peer(rng)
    # A asks B for a cookie, then sends its handshake on it
    cookie = cookie_for(rng, a, b, NOW)
    contents = nc.open_cookie(b.cookie_key, cookie, NOW + 3)
    assert (contents.real_pk, contents.dht_pk, contents.time) == (a.real.public, a.dht.public, int(NOW))
    hs_a = handshake(rng, a, b, cookie, NOW + 1)
    assert len(hs_a.encode()) == 385
    info_b = nc.open_handshake(Handshake.decode(hs_a.encode()), b.real, b.cookie_key, NOW + 2, cache=b.cache)
    assert (info_b.peer_real_pk, info_b.peer_dht_pk) == (a.real.public, a.dht.public)
    assert (info_b.base_nonce, info_b.session_pk) == (a.base_nonce, a.session.public)
    # B answers on A's "other cookie" without a cookie round trip
    hs_b = handshake(rng, b, a, info_b.other_cookie, NOW + 2)
    info_a = nc.open_handshake(hs_b, a.real, a.cookie_key, NOW + 3, expected_real_pk=b.real.public)
    assert (info_a.peer_real_pk, info_a.peer_dht_pk, info_a.base_nonce) == (b.real.public, b.dht.public, b.base_nonce)
    # both derive the same session key; each encrypts with its own base nonce
    key_a = precompute(info_a.session_pk, a.session.secret)
    key_b = precompute(info_b.session_pk, b.session.secret)
    assert key_a == key_b
    pkt = nc.seal_crypto_data(key_a, a.base_nonce, DataPlain(0, 0, b"\x18"))
    plain, stored = nc.open_crypto_data(CryptoData.decode(pkt.encode()), key_b, info_b.base_nonce)
    assert plain == DataPlain(0, 0, b"\x18") and stored == info_b.base_nonce


def test_cookie_lifetime() -> None:
    key = bytes(range(32))
    cookie = nc.make_cookie(key, bytes(24), 1000.9, bytes(32), b"\x01" * 32)
    assert nc.open_cookie(key, cookie, 1000.0).time == 1000
    assert nc.open_cookie(key, cookie, 1015.99).time == 1000  # 15 s still valid
    with pytest.raises(ProtocolError, match="expired"):
        nc.open_cookie(key, cookie, 1016.0)
    with pytest.raises(ProtocolError, match="future"):
        nc.open_cookie(key, cookie, 999.99)
    with pytest.raises(ProtocolError):
        nc.open_cookie(bytes(32), cookie, 1000)  # somebody else's cookie key
    with pytest.raises(ProtocolError):
        nc.open_cookie(key, cookie[:-1], 1000)


def test_handshake_validation() -> None:
    rng = CountingRng(77)
    a, b = Peer(rng), Peer(rng)
    cookie = cookie_for(rng, a, b, NOW)
    hs = handshake(rng, a, b, cookie, NOW)
    assert nc.open_handshake(hs, b.real, b.cookie_key, NOW + 15).peer_real_pk == a.real.public
    # a cookie older than 15 s
    with pytest.raises(ProtocolError, match="expired"):
        nc.open_handshake(hs, b.real, b.cookie_key, NOW + 16)
    # a cookie naming another long-term key while we expect this peer
    with pytest.raises(ProtocolError, match="another long-term key"):
        nc.open_handshake(hs, b.real, b.cookie_key, NOW, expected_real_pk=KeyPair.generate(rng).public)
    # a wrong SHA-512 inside an otherwise valid box
    other = nc.make_cookie(a.cookie_key, rng.bytes(24), NOW, b.real.public, b.dht.public)
    bad_plain = HandshakePlain(a.base_nonce, a.session.public, sha512(b"not the cookie"), other)
    n = rng.bytes(24)
    bad = Handshake(cookie, n, nc.encrypt(precompute(b.real.public, a.real.secret), n, bad_plain.encode()))
    with pytest.raises(ProtocolError, match="hash"):
        nc.open_handshake(bad, b.real, b.cookie_key, NOW)
    # the box must open with the key named in the cookie
    c = Peer(rng)
    forged = nc.create_handshake(c.real, b.real.public, cookie, rng.bytes(24), c.base_nonce, c.session.public, other)
    with pytest.raises(ProtocolError):
        nc.open_handshake(forged, b.real, b.cookie_key, NOW)
    # a cookie made by someone else's cookie key
    with pytest.raises(ProtocolError):
        nc.open_handshake(hs, b.real, a.cookie_key, NOW)


def test_cookie_request_keys_are_dht_keys() -> None:
    rng = CountingRng(5)
    a, b = Peer(rng), Peer(rng)
    req = nc.seal_cookie_request(a.dht, b.dht.public, rng.bytes(24), CookieRequestPlain(a.real.public, bytes(8)))
    assert req.dht_pk == a.dht.public
    assert nc.open_cookie_request(req, b.dht) == CookieRequestPlain(a.real.public, bytes(8))
    with pytest.raises(ProtocolError):
        nc.open_cookie_request(req, b.real)


# --- data nonces ------------------------------------------------------------------------------


@given(st.integers(0, 2**192 - 1), st.integers(0, 65535))
def test_nonce_recovery_within_window(stored: int, ahead: int) -> None:
    s = stored.to_bytes(24, "big")
    sent = nonce_add(s, ahead)
    nonce, diff = nc.receive_nonce(s, int.from_bytes(sent[-2:], "big"))
    assert (nonce, diff) == (sent, ahead)


@settings(max_examples=20)
@given(st.integers(0, 2**192 - 1), st.lists(st.integers(1, 21845), min_size=1, max_size=200))
def test_receiver_keeps_up_with_a_long_stream(start: int, steps: list[int]) -> None:
    """Packets arrive in order with gaps of up to 21845 lost packets: every nonce is recovered."""
    stored = start.to_bytes(24, "big")
    sent = stored
    for step in steps:
        sent = nonce_add(sent, step)
        nonce, diff = nc.receive_nonce(stored, int.from_bytes(sent[-2:], "big"))
        assert nonce == sent
        stored = nc.advance_receive_nonce(stored, diff)
        assert 0 <= (int.from_bytes(sent, "big") - int.from_bytes(stored, "big")) % 2**192 <= 43690


def test_open_crypto_data_recovers_and_advances() -> None:
    key = bytes(range(32))
    base = bytes(22) + b"\xff\xf0"
    sent = nonce_add(base, 50_000)
    pkt = nc.seal_crypto_data(key, sent, DataPlain(7, 9, b"\x40hi"))
    assert pkt.nonce_low == int.from_bytes(sent[-2:], "big")
    plain, stored = nc.open_crypto_data(pkt, key, base)
    assert plain == DataPlain(7, 9, b"\x40hi")
    assert stored == nonce_add(base, 21845)
    with pytest.raises(ProtocolError):
        nc.open_crypto_data(pkt, bytes(32), base)
    # a packet from before the stored nonce is out of reach (it would need 2**16 - k ahead)
    old = nc.seal_crypto_data(key, nonce_add(base, -1), DataPlain(7, 9, b"\x40hi"))
    with pytest.raises(ProtocolError):
        nc.open_crypto_data(old, key, base)


def test_max_data_packet_is_1400_bytes() -> None:
    key = bytes(range(32))
    for n in (1373, 1372, 1366, 1365, 1):
        pkt = nc.seal_crypto_data(key, bytes(24), DataPlain(0, 0, b"\x10" + bytes(n - 1)))
        assert len(pkt.encode()) == 27 + (1373 - n) % 8 + n <= 1400


# --- request packets --------------------------------------------------------------------------

U32 = 2**32


def ref_encode(start: int, end: int, present: set[int], max_size: int = 1373) -> bytes:
    """Slot-by-slot generate_request_packet, written from the protocol notes (5.5)."""
    out = [1]
    n = 1
    i = start
    while i != end:
        if i not in present:
            out.append(n)
            n = 0
            if len(out) >= max_size:
                break
        elif n == 255:
            out.append(0)
            n = 0
            if len(out) >= max_size:
                break
        n += 1
        i = (i + 1) % U32
    return bytes(out)


def ref_decode(data: bytes, start: int, end: int) -> tuple[list[int], list[int]]:
    """Slot-by-slot handle_request_packet."""
    acked: list[int] = []
    resend: list[int] = []
    body = list(data[1:])
    n = 1
    i = start
    while i != end and body:
        if n == body[0]:
            resend.append(i)
            body.pop(0)
            n = 0
        else:
            acked.append(i)
        if n == 255:
            n = 1
            if body[0] != 0:
                raise ProtocolError("marker")
            body.pop(0)
        else:
            n += 1
        i = (i + 1) % U32
    return acked, resend


def test_request_self_check_vectors() -> None:
    # window [1, 6), slots 1 and 4 missing
    raw = encode_request(1, 6, {2, 3, 5})
    assert raw == bytes([1, 1, 3])
    res = decode_request(raw, 1, 6)
    assert res.acknowledged == (2, 3)
    assert res.resend == (1, 4)
    # 600 slots present, then one gap: two 0-byte "+255" markers
    raw = encode_request(0, 601, set(range(600)))
    assert raw == bytes([1, 0, 0, 600 - 510 + 1])
    res = decode_request(raw, 0, 601)
    assert res.acknowledged == tuple(range(600)) and res.resend == (600,)
    # a bare request acknowledges nothing
    assert decode_request(b"\x01", 0, 1000) == nc.RequestResult((), ())
    assert encode_request(5, 5, set()) == b"\x01"
    assert encode_request(0, 10, set(range(10))) == b"\x01"


@st.composite
def windows(draw):
    start = draw(st.one_of(u32s, st.integers(U32 - 700, U32 - 1)))
    size = draw(st.integers(0, 1500))
    density = draw(st.sampled_from([0.0, 0.5, 0.9, 0.99, 1.0]))
    rnd = random.Random(draw(st.integers(0, 2**32)))
    present = {(start + i) % U32 for i in range(size) if rnd.random() < density}
    return start, (start + size) % U32, present


@given(windows(), st.sampled_from([1373, 5, 2]))
def test_encode_request_matches_the_slot_walk(window, max_size: int) -> None:
    start, end, present = window
    assert encode_request(start, end, present, max_size) == ref_encode(start, end, present, max_size)


@given(windows(), st.lists(st.one_of(st.integers(0, 255), st.integers(0, 4)), max_size=40))
def test_decode_request_matches_the_slot_walk(window, body: list[int]) -> None:
    start, end, _ = window
    raw = bytes([1, *body])
    acked, resend = ref_decode(raw, start, end)
    res = decode_request(raw, start, end)
    assert res.acknowledged == tuple(acked)
    assert res.resend == tuple(resend)


@given(windows())
def test_request_round_trip(window) -> None:
    start, end, present = window
    size = (end - start) % U32
    slots = [(start + i) % U32 for i in range(size)]
    missing = [s for s in slots if s not in present]
    raw = encode_request(start, end, present)
    res = decode_request(raw, start, end)
    if len(raw) < 1373:
        assert list(res.resend) == missing
    else:
        # A full-size request packet lists the first holes only; the rest wait for the next one.
        assert list(res.resend) == missing[: len(res.resend)]
        return
    assert set(res.acknowledged) <= present
    # every present slot before the last gap is acknowledged; after it, all but at most 254
    assert len(present) - len(res.acknowledged) < 255
    if missing:
        last = slots.index(missing[-1])
        assert {s for s in slots[:last] if s in present} <= set(res.acknowledged)


def test_request_window_limits() -> None:
    with pytest.raises(ProtocolError):
        decode_request(b"\x01\x01", 0, 40000)
    with pytest.raises(ProtocolError):
        decode_request(b"\x02", 0, 10)
    with pytest.raises(ProtocolError):
        decode_request(b"", 0, 10)
    # a full window with every slot missing fills exactly 1373 bytes
    raw = encode_request(0, 32768, set())
    assert len(raw) == 1373 and set(raw[1:]) == {1}
