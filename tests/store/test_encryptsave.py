"""toxencryptsave (self-check 3): the KDF vector, the layout, round trips and refusals."""

from __future__ import annotations

import random

import pytest

from toxgui.core import encryptsave as es
from toxgui.core.errors import ProtocolError

SALT = bytes.fromhex("B1C209EE506CF020C4D6EBC044513B604B394ACF09534FEA0841FACA66D2687F")
KEY = bytes.fromhex("7afa9545368aa25c40fdc0e235080788faf93786ebff504f03e2f6d9ef091701")


class SeededRng:
    def __init__(self, seed: int) -> None:
        self._r = random.Random(seed)

    def bytes(self, n: int) -> bytes:
        return self._r.randbytes(n)


def test_kdf_vector_hunter2() -> None:
    assert es.derive_key("hunter2", SALT) == KEY
    assert es.derive_key(b"hunter2", SALT) == KEY


def test_kdf_matches_libsodium_scrypt() -> None:
    import hashlib

    from nacl.pwhash import scrypt

    pw = hashlib.sha256(b"hunter2").digest()
    assert scrypt.kdf(32, pw, SALT, opslimit=2 * 524288, memlimit=16777216) == KEY


def test_layout_overhead_and_magic() -> None:
    rng = SeededRng(1)
    plain = b"some profile bytes" * 7
    enc = es.encrypt_with_key(plain, KEY, SALT, rng)
    assert len(enc) == len(plain) + 80 == len(plain) + es.ENCRYPTION_EXTRA_LENGTH
    assert enc[:8] == b"toxEsave"
    assert enc[8:40] == SALT
    assert es.is_encrypted(enc)
    assert not es.is_encrypted(plain)
    assert not es.is_encrypted(b"toxEsa")
    assert es.get_salt(enc) == SALT
    assert es.decrypt_with_key(enc, KEY) == plain
    assert es.decrypt(enc, "hunter2") == plain


def test_round_trip_with_passphrase_and_fresh_salt_and_nonce() -> None:
    rng = SeededRng(2)
    a = es.encrypt(b"hello", "pässwörd", rng)
    b = es.encrypt(b"hello", "pässwörd", rng)
    assert a[8:40] != b[8:40]  # salt
    assert a[40:64] != b[40:64]  # nonce
    assert es.decrypt(a, "pässwörd") == es.decrypt(b, "pässwörd") == b"hello"


def test_salt_and_nonce_come_from_the_rng() -> None:
    assert es.encrypt(b"x", "pw", SeededRng(3)) == es.encrypt(b"x", "pw", SeededRng(3))


def test_empty_passphrase_is_allowed() -> None:
    enc = es.encrypt(b"data", "", SeededRng(4))
    assert es.decrypt(enc, "") == b"data"


def test_same_key_reuses_salt_with_new_nonce() -> None:
    rng = SeededRng(5)
    pk = es.PassKey.derive("pw", rng)
    a = es.encrypt_with_key(b"one", pk.key, pk.salt, rng)
    b = es.encrypt_with_key(b"one", pk.key, pk.salt, rng)
    assert a[8:40] == b[8:40] == pk.salt
    assert a[40:64] != b[40:64]
    assert es.PassKey.for_data("pw", a) == pk


def test_wrong_password() -> None:
    enc = es.encrypt(b"secret profile", "right", SeededRng(6))
    with pytest.raises(es.WrongPassword, match="wrong password"):
        es.decrypt(enc, "wrong")


def test_truncated() -> None:
    enc = es.encrypt(b"secret profile", "right", SeededRng(7))
    for cut in (8, 40, 64, 80):
        with pytest.raises(es.EncryptedTruncatedError, match="truncated"):
            es.decrypt(enc[:cut], "right")


def test_tampered_ciphertext_fails_authentication() -> None:
    enc = bytearray(es.encrypt(b"secret profile", "right", SeededRng(8)))
    enc[-1] ^= 1
    with pytest.raises(es.WrongPassword):
        es.decrypt(bytes(enc), "right")


def test_not_encrypted() -> None:
    with pytest.raises(es.NotEncryptedError, match="not an encrypted"):
        es.decrypt(b"\0\0\0\0\x1f\x1b\xed\x15" + bytes(100), "pw")


def test_errors_are_protocol_errors() -> None:
    for c in (es.WrongPassword, es.EncryptedTruncatedError, es.NotEncryptedError):
        assert issubclass(c, es.EncryptSaveError) and issubclass(c, ProtocolError)


def test_refuses_empty_plaintext() -> None:
    with pytest.raises(ValueError):
        es.encrypt_with_key(b"", KEY, SALT, SeededRng(9))


def test_passkey_repr_hides_key() -> None:
    pk = es.PassKey(KEY, SALT)
    assert KEY.hex() not in repr(pk) and KEY.hex()[:12] not in str(pk)
