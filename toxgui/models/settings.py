"""Application settings, kept with QSettings in an INI file inside a given config directory."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

FILE_NAME = "toxgui.ini"


def _bool(v: Any, default: bool) -> bool:
    if v is None:
        return default
    if isinstance(v, bool):
        return v
    return str(v).strip().lower() in ("1", "true", "yes", "on")


class AppSettings(QObject):
    """Typed access to toxgui.ini; `changed` fires after `save`-style setters."""

    changed = Signal()

    DEFAULTS: ClassVar[dict[str, Any]] = {
        "network/bootstrap_nodes": "",
        "network/ipv6": True,
        "network/udp": True,
        "network/lan_discovery": True,
        "network/port": 0,
        "network/proxy": "",
        "ui/notifications": True,
        "ui/close_to_tray": True,
        "ui/language": "",
        "ui/theme": "system",
        "ui/sound": True,
        "ui/muted": "",
        "files/download_dir": "",
    }
    ALIASES = "aliases"  # group: public key (hex) = nickname
    NOTES = "notes"  # group: public key (hex) = a private note about the friend

    def __init__(self, config_dir: Path | str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.config_dir = Path(config_dir)
        self.config_dir.mkdir(parents=True, exist_ok=True)
        self.path = self.config_dir / FILE_NAME
        self._q = QSettings(str(self.path), QSettings.Format.IniFormat)

    def _get(self, key: str) -> Any:
        return self._q.value(key, self.DEFAULTS[key])

    def _set(self, key: str, value: Any) -> None:
        self._q.setValue(key, value)

    # --- network ------------------------------------------------------------------------------

    @property
    def bootstrap_nodes(self) -> str:
        """Path of a nodes JSON file (the nodes.tox.chat format), or "" for the bundled list."""
        return str(self._get("network/bootstrap_nodes") or "")

    @bootstrap_nodes.setter
    def bootstrap_nodes(self, path: str) -> None:
        self._set("network/bootstrap_nodes", str(path))

    @property
    def ipv6(self) -> bool:
        return _bool(self._q.value("network/ipv6"), True)

    @ipv6.setter
    def ipv6(self, on: bool) -> None:
        self._set("network/ipv6", bool(on))

    @property
    def udp(self) -> bool:
        return _bool(self._q.value("network/udp"), True)

    @udp.setter
    def udp(self, on: bool) -> None:
        self._set("network/udp", bool(on))

    @property
    def proxy(self) -> str:
        """socks5://HOST:PORT or http://HOST:PORT, or empty (no proxy)."""
        v = self._q.value("network/proxy")
        return v if isinstance(v, str) else ""

    @proxy.setter
    def proxy(self, url: str) -> None:
        self._set("network/proxy", url.strip())

    @property
    def lan_discovery(self) -> bool:
        return _bool(self._q.value("network/lan_discovery"), True)

    @lan_discovery.setter
    def lan_discovery(self, on: bool) -> None:
        self._set("network/lan_discovery", bool(on))

    @property
    def port(self) -> int:
        """UDP port; 0 means the first free one in 33445..33545."""
        try:
            p = int(self._get("network/port") or 0)
        except (TypeError, ValueError):
            return 0
        return p if 0 <= p <= 65535 else 0

    @port.setter
    def port(self, p: int) -> None:
        self._set("network/port", int(p))

    # --- interface ----------------------------------------------------------------------------

    @property
    def notifications(self) -> bool:
        return _bool(self._q.value("ui/notifications"), True)

    @notifications.setter
    def notifications(self, on: bool) -> None:
        self._set("ui/notifications", bool(on))

    @property
    def close_to_tray(self) -> bool:
        return _bool(self._q.value("ui/close_to_tray"), True)

    @close_to_tray.setter
    def close_to_tray(self, on: bool) -> None:
        self._set("ui/close_to_tray", bool(on))

    @property
    def language(self) -> str:
        """ "" follows the system locale; else a locale name such as "de" or "en"."""
        return str(self._get("ui/language") or "")

    @language.setter
    def language(self, name: str) -> None:
        self._set("ui/language", str(name))

    @property
    def sound(self) -> bool:
        """Whether notifications ask the desktop for a sound."""
        return _bool(self._q.value("ui/sound"), True)

    @sound.setter
    def sound(self, on: bool) -> None:
        self._set("ui/sound", bool(on))

    def muted(self) -> set[bytes]:
        """Friends (public keys) whose messages show no notification."""
        out = set()
        for part in str(self._get("ui/muted") or "").split():
            try:
                out.add(bytes.fromhex(part))
            except ValueError:
                continue
        return out

    def is_muted(self, pk: bytes) -> bool:
        return pk in self.muted()

    def set_muted(self, pk: bytes, on: bool) -> None:
        """Saved at once (a space-separated list of hex keys in the ini file)."""
        keys = self.muted()
        (keys.add if on else keys.discard)(pk)
        self._set("ui/muted", " ".join(sorted(k.hex().upper() for k in keys)))
        self._q.sync()

    @property
    def download_dir(self) -> str:
        """Where accepted files go ("" = the desktop's downloads folder)."""
        return str(self._get("files/download_dir") or "")

    @download_dir.setter
    def download_dir(self, path: str) -> None:
        self._set("files/download_dir", path)

    def auto_accept(self, pk: bytes) -> int:
        """Files from this friend up to this many MB are accepted without asking (0: ask)."""
        try:
            return max(0, int(self._q.value(f"auto_accept/{pk.hex().upper()}", 0) or 0))
        except (TypeError, ValueError):
            return 0

    def set_auto_accept(self, pk: bytes, mb: int) -> None:
        """Saved at once; 0 turns it off."""
        key = f"auto_accept/{pk.hex().upper()}"
        if mb > 0:
            self._set(key, int(mb))
        else:
            self._q.remove(key)
        self._q.sync()

    def aliases(self) -> dict[bytes, str]:
        """Local nicknames of friends."""
        out = {}
        self._q.beginGroup(self.ALIASES)
        try:
            for key in self._q.childKeys():
                try:
                    out[bytes.fromhex(key)] = str(self._q.value(key) or "")
                except ValueError:
                    continue
        finally:
            self._q.endGroup()
        return {k: v for k, v in out.items() if v}

    def note(self, pk: bytes) -> str:
        """A private note about a friend (qTox's "note"), "" for none."""
        v = self._q.value(f"{self.NOTES}/{pk.hex().upper()}")
        return v if isinstance(v, str) else ""

    def set_note(self, pk: bytes, note: str) -> None:
        """Saved at once; "" removes the note."""
        key = f"{self.NOTES}/{pk.hex().upper()}"
        if note.strip():
            self._set(key, note.strip())
        else:
            self._q.remove(key)
        self._q.sync()

    def set_alias(self, pk: bytes, alias: str) -> None:
        """Saved at once; "" removes the nickname."""
        key = f"{self.ALIASES}/{pk.hex().upper()}"
        if alias:
            self._set(key, alias)
        else:
            self._q.remove(key)
        self._q.sync()

    @property
    def theme(self) -> str:
        """ "system" follows the desktop's colour scheme; else "light" or "dark"."""
        v = str(self._get("ui/theme") or "system")
        return v if v in ("system", "light", "dark") else "system"

    @theme.setter
    def theme(self, name: str) -> None:
        self._set("ui/theme", name if name in ("system", "light", "dark") else "system")

    def geometry(self) -> bytes | None:
        v = self._q.value("ui/geometry")
        if isinstance(v, QByteArray):
            return bytes(v.data())
        return None  # absent, or not what saveGeometry gives (an old pickled value): ignored

    def set_geometry(self, data: bytes) -> None:
        """Stored as Qt's byte array (`@ByteArray(...)` in the ini file), as saveGeometry gives
        it, never as a pickled Python object."""
        self._set("ui/geometry", QByteArray(data))

    def sync(self) -> None:
        self._q.sync()
        self.changed.emit()
