"""toxencryptsave: password-protected `.tox` files, as qTox, toxic, uTox and c-toxcore write them.

Layout: `"toxEsave" (8) | salt (32) | nonce (24) | MAC (16) | ciphertext`, 80 bytes of overhead.
Key: scrypt(SHA-256(passphrase), salt, N=16384, r=8, p=2) -> 32 bytes (libsodium's
scryptsalsa208sha256 with 2 x OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE), used directly as a
XSalsa20-Poly1305 secretbox key.

`derive_key` is deliberately slow (about 0.1 s): callers run it off the event loop.  Salt and nonce
come from the injected Rng.
"""

from __future__ import annotations

from dataclasses import field

from nacl import bindings as nb
from nacl.exceptions import CryptoError

from toxgui.core.crypto import Rng, sha256
from toxgui.core.errors import ProtocolError
from toxgui.core.record import record

MAGIC = b"toxEsave"
MAGIC_SIZE = 8
SALT_SIZE = 32
NONCE_SIZE = 24
MAC_SIZE = 16
KEY_SIZE = 32
HEADER_SIZE = MAGIC_SIZE + SALT_SIZE + NONCE_SIZE  # 64
ENCRYPTION_EXTRA_LENGTH = HEADER_SIZE + MAC_SIZE  # 80

SCRYPT_N = 16384
SCRYPT_R = 8
SCRYPT_P = 2
_SCRYPT_MAXMEM = 64 * 1024 * 1024


class EncryptSaveError(ProtocolError):
    """An encrypted profile could not be opened; subclasses say why."""


class NotEncryptedError(EncryptSaveError):
    def __init__(self) -> None:
        super().__init__("the data is not an encrypted Tox profile (no toxEsave header)")


class EncryptedTruncatedError(EncryptSaveError):
    def __init__(self, got: int) -> None:
        self.got = got
        super().__init__(
            f"the encrypted Tox profile is truncated: {got} bytes, "
            f"but the header and MAC alone take {ENCRYPTION_EXTRA_LENGTH} and some data must follow"
        )


class WrongPassword(EncryptSaveError):
    """The MAC did not verify: the password is wrong (or the ciphertext was altered)."""

    def __init__(self) -> None:
        super().__init__(
            "wrong password: the profile could not be decrypted with it (or the file is damaged)"
        )


def _pw(passphrase: bytes | str) -> bytes:
    return passphrase.encode("utf-8") if isinstance(passphrase, str) else bytes(passphrase)


def is_encrypted(data: bytes) -> bool:
    """True when the data starts with the toxEsave magic (tox_is_data_encrypted)."""
    return bytes(data[:MAGIC_SIZE]) == MAGIC


def get_salt(data: bytes) -> bytes:
    """The salt of an encrypted blob (bytes 8..40)."""
    if not is_encrypted(data):
        raise NotEncryptedError()
    if len(data) < MAGIC_SIZE + SALT_SIZE:
        raise EncryptedTruncatedError(len(data))
    return bytes(data[MAGIC_SIZE : MAGIC_SIZE + SALT_SIZE])


def derive_key(passphrase: bytes | str, salt: bytes) -> bytes:
    """scrypt(SHA-256(passphrase), salt, N=16384, r=8, p=2) -> 32-byte key.  Slow (~0.1 s)."""
    if len(salt) != SALT_SIZE:
        raise ValueError(f"salt must be {SALT_SIZE} bytes")
    # hashlib loads OpenSSL's libcrypto (about 4 MB resident); only an encrypted profile needs it.
    # import here: for scrypt
    import hashlib

    pre = sha256(_pw(passphrase))
    return hashlib.scrypt(
        pre, salt=bytes(salt), n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, maxmem=_SCRYPT_MAXMEM, dklen=KEY_SIZE
    )


@record(frozen=True, slots=True)
class PassKey:
    """A derived key and the salt it was derived with (Tox_Pass_Key).  The key never prints."""

    key: bytes = field(repr=False)
    salt: bytes

    @classmethod
    def derive(cls, passphrase: bytes | str, rng: Rng) -> PassKey:
        """Fresh random salt, then derive (slow)."""
        salt = rng.bytes(SALT_SIZE)
        return cls(derive_key(passphrase, salt), salt)

    @classmethod
    def derive_with_salt(cls, passphrase: bytes | str, salt: bytes) -> PassKey:
        return cls(derive_key(passphrase, salt), bytes(salt))

    @classmethod
    def for_data(cls, passphrase: bytes | str, data: bytes) -> PassKey:
        """The key that opens `data` if the passphrase is right (uses the salt in the file)."""
        return cls.derive_with_salt(passphrase, get_salt(data))

    def __repr__(self) -> str:
        return f"PassKey(salt={self.salt[:4].hex()}…)"


def encrypt_with_key(data: bytes, key: bytes, salt: bytes, rng: Rng) -> bytes:
    """Encrypt with an already derived key (fresh random nonce; the salt is stored as given)."""
    if not data:
        raise ValueError("toxencryptsave does not encrypt empty data")
    if len(key) != KEY_SIZE:
        raise ValueError(f"key must be {KEY_SIZE} bytes")
    if len(salt) != SALT_SIZE:
        raise ValueError(f"salt must be {SALT_SIZE} bytes")
    nonce = rng.bytes(NONCE_SIZE)
    boxed = bytes(nb.crypto_secretbox_easy(bytes(data), nonce, bytes(key)))
    return MAGIC + bytes(salt) + nonce + boxed


def encrypt(data: bytes, passphrase: bytes | str, rng: Rng) -> bytes:
    """Fresh salt and nonce from the Rng, derive (slow), encrypt."""
    salt = rng.bytes(SALT_SIZE)
    return encrypt_with_key(data, derive_key(passphrase, salt), salt, rng)


def _check_layout(data: bytes) -> None:
    if not is_encrypted(data):
        raise NotEncryptedError()
    if len(data) <= ENCRYPTION_EXTRA_LENGTH:
        raise EncryptedTruncatedError(len(data))


def decrypt_with_key(data: bytes, key: bytes) -> bytes:
    """Open an encrypted blob with a derived key; WrongPassword when the MAC fails."""
    data = bytes(data)
    _check_layout(data)
    nonce = data[MAGIC_SIZE + SALT_SIZE : HEADER_SIZE]
    try:
        return bytes(nb.crypto_secretbox_open_easy(data[HEADER_SIZE:], nonce, bytes(key)))
    except CryptoError as e:
        raise WrongPassword() from e


def decrypt(data: bytes, passphrase: bytes | str) -> bytes:
    """Derive the key from the file's salt (slow) and open the blob."""
    _check_layout(bytes(data))
    return decrypt_with_key(data, derive_key(passphrase, get_salt(data)))
