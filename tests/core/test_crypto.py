"""Crypto helpers: nonce arithmetic (self-check 4), PyNaCl equivalence (self-check 5), caches."""

import hashlib
import hmac

import pytest
from hypothesis import given
from hypothesis import strategies as st
from nacl.public import Box, PrivateKey, PublicKey
from nacl.secret import SecretBox

from toxgui.core.crypto import (
    KeyPair,
    SharedKeyCache,
    SystemRng,
    decrypt,
    decrypt_from,
    encrypt,
    encrypt_to,
    hmac_sha512_256,
    nonce_add,
    nonce_increment,
    precompute,
    public_from_secret,
    rand_below,
    rand_u64,
    sha256,
    sha512,
)
from toxgui.core.errors import ProtocolError
from toxgui.core.packets.net_crypto import advance_receive_nonce, receive_nonce

ZERO = bytes(24)


def tail(n: int) -> bytes:
    return n.to_bytes(24, "big")


class CountingRng:
    """Deterministic Rng for tests."""

    def __init__(self, seed: int = 1) -> None:
        self.state = seed

    def bytes(self, n: int) -> bytes:
        out = bytearray()
        while len(out) < n:
            self.state = (self.state * 6364136223846793005 + 1442695040888963407) % 2**64
            out += self.state.to_bytes(8, "big")
        return bytes(out[:n])


# --- self-check 4: nonce arithmetic ----------------------------------------------------------


def test_increment_from_zero() -> None:
    assert nonce_increment(ZERO) == tail(1)
    assert nonce_increment(ZERO)[-1] == 1


def test_many_increments() -> None:
    n = tail(1)
    for _ in range(0x1F4):
        n = nonce_increment(n)
    assert n == tail(0x1F5)
    assert n[-2:] == b"\x01\xf5"


def test_add_numbers() -> None:
    n = nonce_add(ZERO, 0x1F5)
    n = nonce_add(n, 0x1F5)
    n = nonce_add(n, 0x12345678)
    assert n[-4:] == bytes.fromhex("12345A62")
    assert n == tail(0x1F5 * 2 + 0x12345678)


def test_wraps_to_zero() -> None:
    assert nonce_increment(b"\xff" * 24) == ZERO
    assert nonce_add(b"\xff" * 24, 2) == tail(1)


def test_carry_propagates_through_every_byte() -> None:
    n = bytes([7]) + b"\xff" * 23
    assert nonce_increment(n) == bytes([8]) + bytes(23)


def test_data_nonce_recovery_with_carry() -> None:
    stored = bytes(20) + b"\x00\x00\xff\xfe"
    nonce, diff = receive_nonce(stored, 0x0001)
    assert diff == 3
    assert nonce == bytes(20) + b"\x00\x01\x00\x01"
    # diff 3 is small: the stored nonce stays put
    assert advance_receive_nonce(stored, diff) == stored


def test_data_nonce_recovery_advances_only_past_threshold() -> None:
    stored = tail(100_000)
    low = 100_000 % 65536
    assert receive_nonce(stored, low) == (stored, 0)
    assert advance_receive_nonce(stored, 43690) == stored
    assert advance_receive_nonce(stored, 43691) == tail(100_000 + 21845)
    nonce, diff = receive_nonce(stored, (low + 50_000) % 65536)
    assert diff == 50_000
    assert nonce == tail(150_000)


@given(st.integers(0, 2**192 - 1), st.integers(0, 65535))
def test_recovered_nonce_has_the_packet_low_bits(base: int, low: int) -> None:
    nonce, diff = receive_nonce(tail(base), low)
    assert int.from_bytes(nonce[-2:], "big") == low
    assert 0 <= diff < 65536
    assert int.from_bytes(nonce, "big") == (base + diff) % 2**192


# --- self-check 5: crypto equivalence ---------------------------------------------------------


@given(st.binary(min_size=1, max_size=300), st.binary(min_size=24, max_size=24), st.integers(0, 2**32))
def test_box_equals_precomputed(msg: bytes, nonce: bytes, seed: int) -> None:
    rng = CountingRng(seed)
    a = KeyPair.generate(rng)
    b = KeyPair.generate(rng)
    box_ct = Box(PrivateKey(a.secret), PublicKey(b.public)).encrypt(msg, nonce).ciphertext
    k = precompute(b.public, a.secret)
    assert bytes(box_ct) == bytes(SecretBox(k).encrypt(msg, nonce).ciphertext)
    assert bytes(box_ct) == encrypt(k, nonce, msg) == encrypt_to(b.public, a.secret, nonce, msg)
    assert len(box_ct) == len(msg) + 16
    # the other side opens it with its own secret and our public key
    assert Box(PrivateKey(b.secret), PublicKey(a.public)).decrypt(box_ct, nonce) == msg
    assert decrypt_from(a.public, b.secret, nonce, box_ct) == msg
    assert precompute(a.public, b.secret) == k


def test_refuses_empty_plaintext_and_bare_mac() -> None:
    k = bytes(range(32))
    with pytest.raises(ValueError):
        encrypt(k, ZERO, b"")
    with pytest.raises(ProtocolError):
        decrypt(k, ZERO, bytes(16))
    with pytest.raises(ProtocolError):
        decrypt(k, ZERO, b"")


def test_decrypt_failures_are_protocol_errors() -> None:
    k = bytes(range(32))
    ct = encrypt(k, ZERO, b"hello")
    assert decrypt(k, ZERO, ct) == b"hello"
    bad = bytearray(ct)
    bad[-1] ^= 1
    with pytest.raises(ProtocolError):
        decrypt(k, ZERO, bytes(bad))
    with pytest.raises(ProtocolError):
        decrypt(k, tail(1), ct)
    with pytest.raises(ProtocolError):
        decrypt(bytes(32), ZERO, ct)
    with pytest.raises(ProtocolError):
        decrypt(k, b"short", ct)


def test_keypair_derivation_and_repr_hides_secret() -> None:
    kp = KeyPair.generate(CountingRng(7))
    assert kp.public == public_from_secret(kp.secret) == bytes(PrivateKey(kp.secret).public_key)
    assert KeyPair.from_secret(kp.secret) == kp
    assert kp.secret.hex() not in repr(kp)
    assert str(list(kp.secret)) not in repr(kp)


def test_shared_key_cache() -> None:
    rng = CountingRng(3)
    ours = KeyPair.generate(rng)
    peers = [KeyPair.generate(rng).public for _ in range(3)]
    cache = SharedKeyCache(capacity=2)
    assert cache.get(ours, peers[0]) == precompute(peers[0], ours.secret)
    assert cache.get(ours, peers[0]) == precompute(peers[0], ours.secret)
    assert (cache.hits, cache.misses) == (1, 1)
    cache.get(ours, peers[1])
    cache.get(ours, peers[2])  # evicts peers[0], the least recently used
    assert len(cache) == 2
    cache.get(ours, peers[0])
    assert cache.misses == 4
    with pytest.raises(ProtocolError):
        cache.get(ours, b"short")


def test_hashes_and_hmac() -> None:
    assert sha256(b"abc") == hashlib.sha256(b"abc").digest()
    assert sha512(b"abc") == hashlib.sha512(b"abc").digest()
    key = bytes(range(32))
    assert hmac_sha512_256(key, b"data") == hmac.new(key, b"data", hashlib.sha512).digest()[:32]
    assert len(hmac_sha512_256(key, b"data")) == 32
    # libsodium's hashes and the HMAC over them agree with hashlib/hmac for every key length
    # (empty, short, one block, longer than a block: hashed first) and message length
    for n in (0, 1, 31, 32, 33, 127, 128, 129, 200, 1000):
        data = bytes(range(256)) * 4
        assert sha256(data[:n]) == hashlib.sha256(data[:n]).digest()
        assert sha512(data[:n]) == hashlib.sha512(data[:n]).digest()
        for k in (0, 1, 32, 64, 127, 128, 129, 300):
            key = bytes((i * 7 + k) & 0xFF for i in range(k))
            assert hmac_sha512_256(key, data[:n]) == hmac.new(key, data[:n], hashlib.sha512).digest()[:32]


def test_system_rng_and_helpers() -> None:
    rng = SystemRng()
    assert len(rng.bytes(24)) == 24
    assert rng.bytes(32) != rng.bytes(32)
    assert 0 <= rand_u64(rng) < 2**64
    assert all(0 <= rand_below(rng, 5) < 5 for _ in range(50))
    with pytest.raises(ValueError):
        rand_below(rng, 0)
