"""One running window per user: a second start of toxgui, or a `tox:` link the desktop opens with
`toxgui %u`, hands over to the window already running instead of failing on the profile lock.

The running app listens on a local socket named after the user and the config folder
(`toxgui-<uid>-<hash>`, in $XDG_RUNTIME_DIR when there is one, else Qt's temporary folder), so
instances with different config folders (tests, portable setups) never meet. A new start
connects there and sends one JSON line, `{"uri": "tox:..." | null, "profile": PATH | null}`; the
running side answers `ok` on a line of its own, brings its window to the front and opens the link
in the add-friend dialog, and the new start exits. A message that is not such a line (not JSON,
wrong types, larger than `MAX_MESSAGE`, unfinished when the sender closes or after
`READ_TIMEOUT_MS`) is dropped and counted; the server keeps listening.

A socket left by a toxgui that was killed is removed only after connecting to it failed.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

from toxgui.core.record import record

log = logging.getLogger(__name__)

MAX_MESSAGE = 64 * 1024  # bytes of the JSON line, newline excluded
ACK = b"ok\n"
CONNECT_TIMEOUT = 2.0  # seconds the new start waits to connect
ACK_TIMEOUT = 5.0  # seconds the new start waits for the answer
READ_TIMEOUT_MS = 5000  # the running side drops a connection without a whole line by then
MAX_CONNECTIONS = 8  # connections the running side serves at once; more are closed
PROBE_TIMEOUT_MS = 500  # connecting to a name in use before calling it stale
_SUN_PATH_MAX = 100  # a Unix socket path must fit in sockaddr_un.sun_path (108 bytes on Linux)


class Window(Protocol):
    """What the running side needs of the main window."""

    def bring_to_front(self) -> None: ...

    def open_tox_uri(self, uri: str) -> object: ...


@record(frozen=True, slots=True)
class HandOver:
    """One message from a new start."""

    uri: str | None
    profile: str | None


def server_name(config_dir: Path) -> str:
    """The socket for this user and config folder: a path in $XDG_RUNTIME_DIR (private to the
    user) when that exists and the path fits a socket address, else a name Qt puts in its
    temporary folder."""
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    digest = hashlib.sha256(os.fsencode(Path(config_dir).expanduser().resolve())).hexdigest()[:16]
    name = f"toxgui-{user}-{digest}"
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if os.path.isabs(runtime) and os.path.isdir(runtime):
        path = os.path.join(runtime, name)
        if len(os.fsencode(path)) <= _SUN_PATH_MAX:
            return path
    return name


def encode(message: HandOver) -> bytes:
    return json.dumps({"uri": message.uri, "profile": message.profile}).encode() + b"\n"


def decode(line: bytes) -> HandOver:
    """The message of one line (without its newline); ValueError when it is not one."""
    try:
        obj = json.loads(line)
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    uri, profile = obj.get("uri"), obj.get("profile")
    if not (uri is None or isinstance(uri, str)) or not (profile is None or isinstance(profile, str)):
        raise ValueError("uri and profile must be strings or null")
    return HandOver(uri or None, profile or None)


class SingleInstance(QObject):
    """The hand-over, both sides: `hand_over()` for a new start, `listen(window)` for the running
    app. `received` is emitted with each accepted `HandOver` after the window got it, `dropped`
    with the reason for each connection dropped."""

    received = Signal(object)
    dropped = Signal(str)

    def __init__(self, config_dir: Path | None = None, *, name: str | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        if name is None:
            if config_dir is None:
                raise ValueError("a config folder or a name is needed")
            name = server_name(config_dir)
        self.name = name
        self.server: QLocalServer | None = None
        self.window: Window | None = None
        self.accepted = 0  # messages handed to the window
        self.malformed = 0  # connections dropped: bad message, too large, unfinished, too slow
        self._buffers: dict[QLocalSocket, bytearray] = {}

    # --- the new start ---------------------------------------------------------------------

    async def hand_over(self, uri: str | None, profile: str | None = None, *,
                        connect_timeout: float = CONNECT_TIMEOUT, ack_timeout: float = ACK_TIMEOUT) -> bool:
        """Give `uri` (and the profile asked for) to the running toxgui. True once it answered;
        False when none runs or it does not answer in time (then start normally)."""
        data = encode(HandOver(uri, profile))
        if len(data) - 1 > MAX_MESSAGE:
            log.warning("single instance: the link is too long to hand over")
            return False
        loop = asyncio.get_running_loop()
        connected: asyncio.Future[bool] = loop.create_future()
        answered: asyncio.Future[bytes | None] = loop.create_future()
        received = bytearray()
        sock = QLocalSocket(self)

        def on_connected() -> None:
            if not connected.done():
                connected.set_result(True)

        def on_error(_error: QLocalSocket.LocalSocketError) -> None:
            if not connected.done():
                connected.set_result(False)
            elif not answered.done():
                answered.set_result(None)

        def on_ready_read() -> None:
            received.extend(bytes(sock.read(MAX_MESSAGE).data()))
            if b"\n" in received and not answered.done():
                answered.set_result(bytes(received.split(b"\n", 1)[0]))

        def on_disconnected() -> None:
            if not answered.done():
                answered.set_result(None)

        sock.connected.connect(on_connected)
        sock.errorOccurred.connect(on_error)
        sock.readyRead.connect(on_ready_read)
        sock.disconnected.connect(on_disconnected)
        try:
            sock.connectToServer(self.name)
            if sock.state() == QLocalSocket.LocalSocketState.ConnectedState:
                on_connected()
            try:
                if not await asyncio.wait_for(connected, connect_timeout):
                    log.debug("single instance: nobody on %s (%s)", self.name, sock.errorString())
                    return False
                sock.write(data)
                sock.flush()
                line = await asyncio.wait_for(answered, ack_timeout)
            except TimeoutError:
                log.warning("single instance: the toxgui on %s did not answer in time", self.name)
                return False
            if line is None or line.strip() != ACK.strip():
                log.warning("single instance: unexpected answer on %s", self.name)
                return False
            log.info("single instance: handed over to the running toxgui")
            return True
        finally:
            for signal in (sock.connected, sock.errorOccurred, sock.readyRead, sock.disconnected):
                signal.disconnect()
            sock.abort()
            sock.deleteLater()

    # --- the running app -------------------------------------------------------------------

    def listen(self, window: Window) -> bool:
        """Serve later starts for `window`. False (and a logged warning) when the name is held
        by another running toxgui or cannot be used."""
        self.window = window
        if self.server is not None:
            return True
        # First whether a toxgui answers there: Qt's listen() with access options binds beside
        # the name and renames over it, which would silently take a live instance's name.
        if self._answers():
            log.warning("single instance: another toxgui already listens on %s", self.name)
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.setMaxPendingConnections(MAX_CONNECTIONS)
        server.newConnection.connect(self._accept)
        ok = server.listen(self.name)
        if not ok and server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
            # Nobody answered: a socket left by a toxgui that was killed.
            log.info("single instance: removing the stale socket %s", self.name)
            QLocalServer.removeServer(self.name)
            ok = server.listen(self.name)
        if not ok:
            log.warning("single instance: cannot listen on %s: %s", self.name, server.errorString())
            server.deleteLater()
            return False
        self.server = server
        return True

    def close(self) -> None:
        """Stop listening (the socket file goes) and drop open connections. Idempotent."""
        if self.server is not None:
            self.server.close()
            self.server.deleteLater()
            self.server = None
        for sock in list(self._buffers):
            self._forget(sock)
            sock.abort()
        self.window = None

    def _answers(self) -> bool:
        """Whether something accepts connections on our name (a running toxgui, not a stale file)."""
        probe = QLocalSocket()
        try:
            probe.connectToServer(self.name)
            return probe.waitForConnected(PROBE_TIMEOUT_MS)
        finally:
            probe.abort()
            probe.deleteLater()

    def _accept(self) -> None:
        assert self.server is not None
        while (sock := self.server.nextPendingConnection()) is not None:
            if len(self._buffers) >= MAX_CONNECTIONS:
                log.debug("single instance: too many connections, one closed")
                sock.abort()
                sock.deleteLater()
                continue
            self._buffers[sock] = bytearray()
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(lambda s=sock: self._closed(s))
            QTimer.singleShot(READ_TIMEOUT_MS, sock, lambda s=sock: self._timed_out(s))
            self._read(sock)  # bytes may have arrived with the connection

    def _read(self, sock: QLocalSocket) -> None:
        buf = self._buffers.get(sock)
        if buf is None:
            return
        room = MAX_MESSAGE + 1 - len(buf)  # one byte more than a line may hold: the newline
        if room > 0:
            buf.extend(bytes(sock.read(room).data()))
        end = buf.find(b"\n")
        if end < 0:
            if len(buf) > MAX_MESSAGE:
                self._reject(sock, f"no newline in {MAX_MESSAGE} bytes")
            return
        try:
            message = decode(bytes(buf[:end]))
        except ValueError as e:  # includes bytes that are not UTF-8
            self._reject(sock, str(e))
            return
        self._forget(sock)
        sock.write(ACK)
        sock.disconnectFromServer()  # after the answer is written
        self._deliver(message)

    def _deliver(self, message: HandOver) -> None:
        self.accepted += 1
        log.info("single instance: a new start handed over (link: %s, profile: %s)",
                 message.uri or "none", message.profile or "none")
        window = self.window
        if window is not None:
            window.bring_to_front()
            if message.uri:
                window.open_tox_uri(message.uri)
        self.received.emit(message)

    def _reject(self, sock: QLocalSocket, why: str) -> None:
        self.malformed += 1
        log.debug("single instance: message dropped: %s", why)
        self._forget(sock)
        sock.abort()
        self.dropped.emit(why)

    def _timed_out(self, sock: QLocalSocket) -> None:
        if sock in self._buffers:
            self._reject(sock, f"no whole line within {READ_TIMEOUT_MS} ms")

    def _closed(self, sock: QLocalSocket) -> None:
        if sock in self._buffers:
            self._read(sock)  # what came with the close
        buf = self._buffers.get(sock)
        if buf is not None:
            if buf:
                self._reject(sock, "closed in the middle of a message")
            self._forget(sock)
        sock.deleteLater()

    def _forget(self, sock: QLocalSocket) -> None:
        self._buffers.pop(sock, None)
