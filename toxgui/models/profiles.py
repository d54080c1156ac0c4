"""Opening a profile's history for the widgets: the key derivation (slow: run it in an executor)
and the database, so no widget touches the store."""

from __future__ import annotations

from pathlib import Path

from toxgui.store.history import History as History
from toxgui.store.history import HistoryError as HistoryError
from toxgui.store.history import derive_key, history_path


def history_key(profile_path: Path, password: str | None) -> bytes | None:
    """The history's key for a profile's password (None without one).  Slow (Argon2id)."""
    if not password:
        return None
    return derive_key(password, History.kdf_salt(history_path(profile_path)))


def open_history(profile_path: Path, key: bytes | None) -> History:
    """The history database beside the profile, opened with `key` (HistoryError if it is wrong)."""
    return History(history_path(profile_path), key=key)
