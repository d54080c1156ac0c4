"""Crypto over PyNaCl (libsodium), in the shapes the Tox protocol uses.

Everything Tox encrypts is NaCl crypto_box with a precomputed key (`crypto_box_beforenm`), so the
one primitive here is `encrypt(key, nonce, plain)` / `decrypt(key, nonce, cipher)` over a 32-byte
shared key, plus a bounded cache of those shared keys.  Randomness comes from an injected `Rng`
so the core stays deterministic under test.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import field
from typing import Protocol

from nacl import bindings as nb
from nacl.exceptions import CryptoError

from toxgui.core.errors import LowOrderKey, ProtocolError
from toxgui.core.record import record
from toxgui.core.wire import LOW_ORDER_KEYS as LOW_ORDER_KEYS
from toxgui.core.wire import MAC_SIZE, NONCE_SIZE, PUBLIC_KEY_SIZE
from toxgui.core.wire import is_low_order as is_low_order

_NONCE_MOD = 1 << (8 * NONCE_SIZE)


class Rng(Protocol):
    """Source of random bytes; production wraps libsodium, tests a seeded PRNG."""

    def bytes(self, n: int) -> bytes: ...


class SystemRng:
    """libsodium's CSPRNG."""

    def bytes(self, n: int) -> bytes:
        return bytes(nb.randombytes(n))


def rand_u64(rng: Rng) -> int:
    return int.from_bytes(rng.bytes(8), "big")


def rand_below(rng: Rng, n: int) -> int:
    """Uniform integer in [0, n) from the Rng (n > 0)."""
    if n <= 0:
        raise ValueError("n must be positive")
    return int.from_bytes(rng.bytes(8), "big") % n


def public_from_secret(secret_key: bytes) -> bytes:
    return bytes(nb.crypto_scalarmult_base(secret_key))


@record(frozen=True, slots=True)
class KeyPair:
    public: bytes
    secret: bytes = field(repr=False)

    @classmethod
    def generate(cls, rng: Rng) -> KeyPair:
        sk = rng.bytes(32)
        return cls(public_from_secret(sk), sk)

    @classmethod
    def from_secret(cls, secret: bytes) -> KeyPair:
        return cls(public_from_secret(secret), bytes(secret))


def precompute(their_public: bytes, our_secret: bytes) -> bytes:
    """crypto_box_beforenm: the shared key for a (their pk, our sk) pair.

    libsodium refuses a key of small order (all zeros and a few other points), as c-toxcore's
    encrypt_precompute does; that is a peer's bad input, a `LowOrderKey` (a ProtocolError)."""
    if len(their_public) != PUBLIC_KEY_SIZE:
        raise ProtocolError("bad public key size")
    try:
        return bytes(nb.crypto_box_beforenm(their_public, our_secret))
    except (RuntimeError, CryptoError) as e:  # nacl raises its own RuntimeError subclass here
        raise LowOrderKey() from e


def usable_public_key(their_public: bytes, ours: KeyPair) -> bool:
    """Whether a shared key with `their_public` exists (False for low-order points)."""
    try:
        precompute(their_public, ours.secret)
    except ProtocolError:
        return False
    return True


def encrypt(shared_key: bytes, nonce: bytes, plain: bytes) -> bytes:
    """MAC(16) | ciphertext, as c-toxcore's encrypt_data_symmetric.  Empty plaintexts refused."""
    if not plain:
        raise ValueError("c-toxcore neither encrypts nor decrypts empty plaintexts")
    return bytes(nb.crypto_box_easy_afternm(plain, nonce, shared_key))


def decrypt(shared_key: bytes, nonce: bytes, cipher: bytes) -> bytes:
    """Open MAC|ciphertext; anything that does not authenticate is a ProtocolError."""
    if len(cipher) <= MAC_SIZE:
        raise ProtocolError("ciphertext too short")
    try:
        return bytes(nb.crypto_box_open_easy_afternm(cipher, nonce, shared_key))
    except CryptoError as e:
        raise ProtocolError("decryption failed") from e


def encrypt_to(their_public: bytes, our_secret: bytes, nonce: bytes, plain: bytes) -> bytes:
    return encrypt(precompute(their_public, our_secret), nonce, plain)


def decrypt_from(their_public: bytes, our_secret: bytes, nonce: bytes, cipher: bytes) -> bytes:
    return decrypt(precompute(their_public, our_secret), nonce, cipher)


class SharedKeyCache:
    """LRU of precomputed shared keys, keyed by (our public key, their public key)."""

    def __init__(self, capacity: int = 4096, miss_guard: Callable[[], bool] | None = None) -> None:
        self.capacity = capacity
        self._keys: OrderedDict[tuple[bytes, bytes], bytes] = OrderedDict()
        self.hits = 0
        self.misses = 0
        # Asked before every new key agreement (164 us each); False refuses it (ProtocolError).
        self.miss_guard = miss_guard

    def get(self, ours: KeyPair, their_public: bytes) -> bytes:
        k = (ours.public, their_public)
        v = self._keys.get(k)
        if v is not None:
            self.hits += 1
            self._keys.move_to_end(k)
            return v
        self.misses += 1
        if self.miss_guard is not None and not self.miss_guard():
            raise ProtocolError("too many new keys from this source", code="key agreement budget")
        v = precompute(their_public, ours.secret)
        self._keys[k] = v
        if len(self._keys) > self.capacity:
            self._keys.popitem(last=False)
        return v

    def __len__(self) -> int:
        return len(self._keys)


# --- nonces ---------------------------------------------------------------------------------


def nonce_add(nonce: bytes, n: int = 1) -> bytes:
    """The 24-byte nonce as one big-endian number, plus n, wrapping (increment_nonce_number)."""
    return ((int.from_bytes(nonce, "big") + n) % _NONCE_MOD).to_bytes(NONCE_SIZE, "big")


def nonce_increment(nonce: bytes) -> bytes:
    return nonce_add(nonce, 1)


# The hashes come from libsodium, already loaded for everything else, not from hashlib: hashlib
# and hmac load OpenSSL's libcrypto (about 4 MB resident) into a process that needs nothing else
# from it.


def sha256(data: bytes) -> bytes:
    digest: bytes = nb.crypto_hash_sha256(data)
    return digest


def sha512(data: bytes) -> bytes:
    digest: bytes = nb.crypto_hash_sha512(data)
    return digest


_HMAC_BLOCK = 128  # SHA-512's block size
_IPAD = bytes(b ^ 0x36 for b in range(256))
_OPAD = bytes(b ^ 0x5C for b in range(256))


def hmac_sha512_256(key: bytes, data: bytes) -> bytes:
    """crypto_auth (HMAC-SHA-512 truncated to 32 bytes), as c-toxcore's timed_auth uses: RFC 2104
    HMAC over libsodium's SHA-512."""
    if len(key) > _HMAC_BLOCK:
        key = sha512(key)
    key = key.ljust(_HMAC_BLOCK, b"\0")
    return sha512(key.translate(_OPAD) + sha512(key.translate(_IPAD) + data))[:32]
