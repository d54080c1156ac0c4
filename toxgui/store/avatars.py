"""Avatars on disk, where qTox keeps them: `avatars/<PUBLIC KEY>.png` in the profile folder (the
Tox Client Standard), one per friend and one for us, named by the upper-case hex public key.

Beside an encrypted profile they are written `toxEsave`-encrypted with the profile's key (as
qTox does), so no picture reaches the disk in the clear.  Files are 0600 and replaced
atomically.
"""

from __future__ import annotations

import os
from pathlib import Path

from toxgui.core.crypto import Rng, sha256
from toxgui.core.encryptsave import EncryptSaveError, PassKey, decrypt_with_key, encrypt_with_key, is_encrypted
from toxgui.store.paths import new_temp_file

AVATARS_DIR = "avatars"
MAX_AVATAR_SIZE = 64 * 1024  # qTox's limit; larger offers are refused
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class AvatarStore:
    def __init__(self, folder: Path, passkey: PassKey | None, rng: Rng) -> None:
        self.folder = folder
        self.passkey = passkey
        self.rng = rng
        self._hashes: dict[bytes, bytes | None] = {}

    def path(self, pk: bytes) -> Path:
        return self.folder / f"{pk.hex().upper()}.png"

    def load(self, pk: bytes) -> bytes | None:
        """The avatar, or None when there is none (or it cannot be read)."""
        try:
            raw = self.path(pk).read_bytes()
        except OSError:
            return None
        if self.passkey is not None:
            if not is_encrypted(raw):
                return None  # never trust a clear file beside an encrypted profile
            try:
                return decrypt_with_key(raw, self.passkey.key)
            except EncryptSaveError:
                return None
        return raw

    def hash(self, pk: bytes) -> bytes | None:
        """SHA-256 of the stored avatar (what c-toxcore clients use as its file id)."""
        if pk not in self._hashes:
            data = self.load(pk)
            self._hashes[pk] = None if data is None else sha256(data)
        return self._hashes[pk]

    def save(self, pk: bytes, data: bytes) -> Path:
        target = self.path(pk)
        self.folder.mkdir(parents=True, exist_ok=True)
        raw = data
        if self.passkey is not None:
            raw = encrypt_with_key(data, self.passkey.key, self.passkey.salt, self.rng)
        fd, tmp = new_temp_file(self.folder, target.name)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(raw)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._hashes[pk] = sha256(data)
        return target

    def remove(self, pk: bytes) -> bool:
        """Forget an avatar; True if there was one."""
        self._hashes[pk] = None
        try:
            self.path(pk).unlink()
        except FileNotFoundError:
            return False
        return True
