"""Avatars on disk: where qTox keeps them, 0600, atomic, encrypted beside an encrypted profile."""

from __future__ import annotations

import hashlib
from pathlib import Path

from toxgui.core.crypto import SystemRng
from toxgui.core.encryptsave import PassKey, is_encrypted
from toxgui.store.avatars import PNG_MAGIC, AvatarStore

PK = bytes(range(32))
PICTURE = PNG_MAGIC + b"pixels" * 100


def test_plain_profile_keeps_plain_png_named_by_key(tmp_path: Path) -> None:
    store = AvatarStore(tmp_path / "avatars", None, SystemRng())
    assert store.load(PK) is None and store.hash(PK) is None
    path = store.save(PK, PICTURE)
    assert path == tmp_path / "avatars" / (PK.hex().upper() + ".png")
    assert path.read_bytes() == PICTURE and path.stat().st_mode & 0o777 == 0o600
    assert store.hash(PK) == hashlib.sha256(PICTURE).digest()
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary left
    assert store.remove(PK) and store.load(PK) is None and not store.remove(PK)


def test_encrypted_profile_never_writes_the_picture_in_the_clear(tmp_path: Path) -> None:
    key = PassKey.derive_with_salt("secret", b"s" * 32)
    store = AvatarStore(tmp_path, key, SystemRng())
    path = store.save(PK, PICTURE)
    raw = path.read_bytes()
    assert is_encrypted(raw) and b"pixels" not in raw
    assert AvatarStore(tmp_path, key, SystemRng()).load(PK) == PICTURE
    wrong = PassKey.derive_with_salt("other", b"s" * 32)
    assert AvatarStore(tmp_path, wrong, SystemRng()).load(PK) is None
    path.write_bytes(PICTURE)  # a clear file planted beside an encrypted profile is not trusted
    assert AvatarStore(tmp_path, key, SystemRng()).load(PK) is None
