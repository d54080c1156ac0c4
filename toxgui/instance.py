"""One running window per profile: a second `toxgui` (or a `tox:` link the desktop opens with
`toxgui %u`) hands its link over to the running window instead of failing on the profile lock.

The running app listens on a QLocalServer whose socket lives in the user's runtime folder
($XDG_RUNTIME_DIR/toxgui/, else a per-user temp folder), named after the profile (`default`
without --profile, `demo-…` for --demo so a demo never takes over a real window).  A new start
first tries to connect there; if someone answers it sends one JSON line
`{"uri": "tox:…" | null}`, waits for `ok`, and exits 0.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

TIMEOUT_MS = 2000
MAX_MESSAGE = 8192


def runtime_dir() -> Path:
    base = os.environ.get("XDG_RUNTIME_DIR")
    path = Path(base) / "toxgui" if base else Path(tempfile.gettempdir()) / f"toxgui-{os.getuid()}"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def instance_key(profile: str | None, demo: bool = False) -> str:
    """`default`, or a digest of the profile's absolute path; `demo-` in front for --demo."""
    key = "default"
    if profile:
        key = hashlib.sha256(str(Path(profile).expanduser().resolve()).encode()).hexdigest()[:16]
    return f"demo-{key}" if demo else key


def socket_path(key: str) -> str:
    return str(runtime_dir() / f"{key}.sock")


def hand_over(key: str, uri: str | None, timeout_ms: int = TIMEOUT_MS) -> bool:
    """Give `uri` to the instance already running for `key`. False when none answers."""
    sock = QLocalSocket()
    sock.connectToServer(socket_path(key))
    if not sock.waitForConnected(timeout_ms):
        return False
    try:
        sock.write((json.dumps({"uri": uri}) + "\n").encode())
        if not sock.waitForBytesWritten(timeout_ms):
            return False
        while sock.canReadLine() is False:
            if not sock.waitForReadyRead(timeout_ms):
                return False
        return bytes(sock.readLine().data()).strip() == b"ok"
    finally:
        sock.disconnectFromServer()


class InstanceServer(QObject):
    """Listens for later starts; `link_received` carries their tox: link (or "" for none)."""

    link_received = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self, key: str) -> bool:
        path = socket_path(key)
        if self.server.listen(path):
            return True
        # A socket file left by a crashed instance (nobody answered hand_over): replace it.
        QLocalServer.removeServer(path)
        ok = self.server.listen(path)
        if not ok:
            log.warning("single instance: cannot listen on %s: %s", path, self.server.errorString())
        return ok

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while (sock := self.server.nextPendingConnection()) is not None:
            self._buffers[sock] = b""
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(lambda s=sock: self._drop(s))

    def _drop(self, sock: QLocalSocket) -> None:
        self._buffers.pop(sock, None)
        sock.deleteLater()

    def _read(self, sock: QLocalSocket) -> None:
        if sock not in self._buffers:
            return
        data = self._buffers[sock] + bytes(sock.readAll().data())
        if b"\n" not in data:
            if len(data) > MAX_MESSAGE:
                log.warning("single instance: oversized message dropped")
                self._buffers.pop(sock, None)
                sock.abort()
            else:
                self._buffers[sock] = data
            return
        self._buffers.pop(sock, None)
        line = data.split(b"\n", 1)[0]
        try:
            msg = json.loads(line)
            uri = msg.get("uri") if isinstance(msg, dict) else None
        except ValueError:
            log.warning("single instance: unreadable message dropped")
            sock.abort()
            return
        sock.write(b"ok\n")
        sock.flush()
        log.info("single instance: handed over by a new start (link: %s)", uri or "none")
        self.link_received.emit(uri if isinstance(uri, str) else "")


class LinkForwarder:
    """Forwards handed-over links to the main window, holding them until it shows."""

    def __init__(self, server: InstanceServer) -> None:
        self.window: object | None = None
        self.pending: list[str] = []
        self.opened: list[str] = []
        server.link_received.connect(self.on_link)

    def on_link(self, uri: str) -> None:
        w = self.window
        if w is None:
            if uri:
                self.pending.append(uri)
            return
        w.show()  # type: ignore[attr-defined]
        w.raise_()  # type: ignore[attr-defined]
        w.activateWindow()  # type: ignore[attr-defined]
        if uri:
            self._open(uri)

    def on_window(self, window: object) -> None:
        self.window = window
        pending, self.pending = self.pending, []
        for uri in pending:
            self._open(uri)

    def _open(self, uri: str) -> None:
        self.opened.append(uri)
        self.window.open_tox_uri(uri)  # type: ignore[union-attr]
