"""Opening a profile's history for the widgets: the key derivation (slow: run it in an executor)
and the database, so no widget touches the store."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from toxgui.core.encryptsave import EncryptSaveError, WrongPassword
from toxgui.core.savedata import SaveDataError
from toxgui.store.history import History as History
from toxgui.store.history import HistoryError as HistoryError
from toxgui.store.history import HistoryKeyError, derive_key, history_path
from toxgui.store.profile import PasswordRequired, ProfileLocked


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
