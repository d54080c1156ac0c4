"""Opening a profile's history for the widgets: the key derivation (slow: run it in an executor)
and the database, so no widget touches the store."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from toxgui.core.encryptsave import EncryptSaveError, WrongPassword, is_encrypted
from toxgui.core.savedata import SaveData, SaveDataError
from toxgui.store.history import History as History
from toxgui.store.history import HistoryError as HistoryError
from toxgui.store.history import HistoryKeyError, derive_key, history_path
from toxgui.store.profile import PasswordRequired, ProfileExists, ProfileLock, ProfileLocked, atomic_write


def history_key(profile_path: Path, password: str | None) -> bytes | None:
    """The history's key for a profile's password (None without one).  Slow (Argon2id)."""
    if not password:
        return None
    return derive_key(password, History.kdf_salt(history_path(profile_path)))


def load_problem(e: BaseException) -> str:
    """A clear, translated sentence for why a profile did not open (never the raw exception
    text, which is English and written for logs)."""
    if isinstance(e, (WrongPassword, HistoryKeyError)):
        return QCoreApplication.translate("Profiles", "Wrong password. Check it (capital letters count) and try again.")
    if isinstance(e, PasswordRequired):
        return QCoreApplication.translate("Profiles", "This profile is password protected: enter its password.")
    if isinstance(e, ProfileLocked):
        return QCoreApplication.translate("Profiles", "This profile is already open in another program (%1).").replace("%1", e.owner)
    if isinstance(e, (EncryptSaveError, SaveDataError)):
        return QCoreApplication.translate("Profiles", "This file cannot be opened: it is damaged or it is not a Tox profile.")
    if isinstance(e, HistoryError):
        return QCoreApplication.translate("Profiles", "The chat history next to this profile cannot be opened: %1").replace("%1", str(e))
    if isinstance(e, OSError):
        return QCoreApplication.translate("Profiles", "The file cannot be read: %1").replace("%1", e.strerror or str(e))
    text = str(e) or type(e).__name__
    return text[:1].upper() + text[1:]


def open_history(profile_path: Path, key: bytes | None) -> History:
    """The history database beside the profile, opened with `key` (HistoryError if it is wrong)."""
    return History(history_path(profile_path), key=key)


# --- managing profile files (only while the profile is not open: each takes its lock) -----------


def companions(profile_path: Path) -> list[Path]:
    """The profile and the files that belong to it: the history (with SQLite's -wal and -shm)
    and the outgoing queue (snapshot and journal)."""
    p = Path(profile_path)
    db = history_path(p)
    return [p, db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"),
            p.with_name(p.stem + ".queue.json"), p.with_name(p.stem + ".queue.journal")]


def profile_problem(e: BaseException) -> str:
    """A translated sentence for a failed rename, delete, export or import."""
    if isinstance(e, ProfileLocked):
        return load_problem(e)
    if isinstance(e, (ProfileExists, FileExistsError)):
        return QCoreApplication.translate("Profiles", "A profile with that name is already there.")
    if isinstance(e, (EncryptSaveError, SaveDataError, ValueError)):
        return QCoreApplication.translate("Profiles", "This file is not a Tox profile.")
    if isinstance(e, OSError):
        return QCoreApplication.translate("Profiles", "The file cannot be read or written: %1").replace(
            "%1", e.strerror or str(e))
    return load_problem(e)


def rename_profile(profile_path: Path, new_name: str) -> Path:
    """Rename a profile and its files to NEW_NAME.tox (and NEW_NAME.db …) in the same folder;
    returns the new path. Refuses when the profile is open (its lock) or a file of the new name
    exists; a rename that fails part-way is undone."""
    old = Path(profile_path)
    new = old.with_name(new_name + ".tox")
    if new.name == old.name:
        return old
    if os.sep in new_name or not new_name.strip() or new_name.startswith("."):
        raise ValueError(f"not a usable profile name: {new_name!r}")
    pairs = [(a, b) for a, b in zip(companions(old), companions(new), strict=True) if a.exists()]
    if any(b.exists() for b in companions(new)):
        raise ProfileExists(new)
    lock = ProfileLock.acquire(old)
    done: list[tuple[Path, Path]] = []
    try:
        for a, b in pairs:
            os.rename(a, b)
            done.append((a, b))
    except BaseException:
        for a, b in reversed(done):
            os.rename(b, a)
        raise
    finally:
        lock.release()
    return new


def delete_profile(profile_path: Path) -> None:
    """Delete a profile and its files (refused while it is open: its lock)."""
    lock = ProfileLock.acquire(Path(profile_path))
    try:
        for f in companions(Path(profile_path)):
            f.unlink(missing_ok=True)
    finally:
        lock.release()


def check_profile_bytes(data: bytes) -> None:
    """ValueError or a SaveDataError unless `data` is a Tox profile (an encrypted one is taken
    as it is: its password is checked when it is opened)."""
    if is_encrypted(data):
        return
    SaveData.parse(data)


def export_profile(profile_path: Path, target: Path) -> None:
    """Copy the .tox file (encrypted stays encrypted) to `target`, atomically."""
    data = Path(profile_path).read_bytes()
    check_profile_bytes(data)
    atomic_write(Path(target), data)


def import_profile(source: Path, folder: Path) -> Path:
    """Copy a .tox file from elsewhere into `folder` (never over an existing profile); returns
    the new profile's path."""
    src = Path(source)
    data = src.read_bytes()
    check_profile_bytes(data)
    target = Path(folder) / (src.stem + ".tox")
    Path(folder).mkdir(parents=True, exist_ok=True)
    try:
        atomic_write(target, data, exclusive=True)
    except FileExistsError:
        raise ProfileExists(target) from None
    return target
