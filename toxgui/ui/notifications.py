"""Desktop notifications: the freedesktop notification service over D-Bus where the desktop
has one, else the tray icon's balloon messages, else nothing (then `available()` is False).

On D-Bus, QtDBus finds the service (org.freedesktop.Notifications on the session bus) and
receives its ActionInvoked and NotificationClosed signals; a click on a notification
(action "default") emits `activated` with the key the notification was shown for, so the window
opens that chat. The Notify call itself goes through `gdbus call` (GLib's command line tool,
present wherever GLib is): Notify takes a uint32 and an a{sv} of hints, and PySide6 can marshal
neither (a Python int is sent as an int16/int32), which a GLib-based server (GNOME Shell, dunst,
xfce4-notifyd) rejects. The call runs as a QProcess, never blocking the window, and is killed
after CALL_TIMEOUT_MS.
"""

from __future__ import annotations

import html
import logging
import re
import shutil

from PySide6.QtCore import SLOT, QObject, QProcess, QTimer, Signal, Slot
from PySide6.QtWidgets import QSystemTrayIcon

from toxgui.ui.tray import Tray

try:
    from PySide6.QtDBus import QDBusConnection, QDBusMessage
except ImportError:  # pragma: no cover - a PySide6 build without QtDBus: tray only
    QDBusConnection = None  # type: ignore[assignment,misc]
    QDBusMessage = None  # type: ignore[assignment,misc]

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
APP_ID = "io.github.toxgui.ToxGui"
SOUND = "message-new-instant"  # freedesktop sound naming spec


def gvariant_string(text: str) -> str:
    """`text` as a GVariant text-format string literal (what `gdbus call` parses)."""
    out = []
    for ch in text:
        if ch in "'\\":
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


class Notifier(QObject):
    """Shows notifications and reports clicks; `available()` says whether anything can show
    them. `bus` and `address` choose the D-Bus connection (default: the session bus)."""

    activated = Signal(bytes)  # the key given to notify(): a friend's public key, or b"" for requests
    sent = Signal(int)  # a notification's id, once the service has it (tests wait on this)
    CALL_TIMEOUT_MS = 5000

    def __init__(self, tray: Tray | None = None, parent: QObject | None = None, *,
                 bus: QDBusConnection | None = None, address: str | None = None, use_dbus: bool = True) -> None:
        super().__init__(parent)
        self.tray = tray
        self.address = address
        self._ids: dict[int, bytes] = {}
        self._procs: set[QProcess] = set()
        self._tray_key: bytes | None = None
        self._gdbus = shutil.which("gdbus")
        self._bus = None
        if use_dbus and QDBusConnection is not None and self._gdbus:
            self._bus = bus if bus is not None else QDBusConnection.sessionBus()
        self.dbus = self._bus is not None and self._probe()
        if self.dbus:
            assert self._bus is not None
            # slots that take the whole message (whatever the argument types)
            for signal, slot in (("ActionInvoked", "_action(QDBusMessage)"), ("NotificationClosed", "_closed(QDBusMessage)")):
                self._bus.connect(SERVICE, PATH, INTERFACE, signal, self, SLOT(slot))  # type: ignore[call-overload]
        if tray is not None:
            tray.icon.messageClicked.connect(self._tray_clicked)

    def _probe(self) -> bool:
        assert self._bus is not None
        if not self._bus.isConnected():
            return False
        reply = self._bus.interface().isServiceRegistered(SERVICE)
        return bool(reply.isValid() and reply.value())

    def available(self) -> bool:
        return self.dbus or (self.tray is not None and QSystemTrayIcon.supportsMessages())

    def notify(self, title: str, body: str, key: bytes = b"", sound: bool = True) -> bool:
        """Show a notification; a click on it emits `activated(key)`. False when nothing can
        show one."""
        if self.dbus:
            self._notify_dbus(title, body, key, sound)
            return True
        if self.tray is not None and self.tray.notify(title, body):
            self._tray_key = key
            return True
        return False

    def _notify_dbus(self, title: str, body: str, key: bytes, sound: bool) -> None:
        hints = [f"'desktop-entry': <{gvariant_string(APP_ID)}>", "'category': <'im.received'>"]
        hints.append(f"'sound-name': <{gvariant_string(SOUND)}>" if sound else "'suppress-sound': <true>")
        # servers read a subset of HTML in the body (body-markup): a friend's text shows as written
        args = [
            gvariant_string("toxgui"), "uint32 0", gvariant_string(APP_ID), gvariant_string(title),
            gvariant_string(html.escape(body, quote=False)),
            f"[{gvariant_string('default')}, {gvariant_string(self.tr('Open'))}]",
            "{" + ", ".join(hints) + "}", "int32 -1",
        ]
        where = ["--address", self.address] if self.address else ["--session"]
        proc = QProcess(self)
        proc.setProgram(self._gdbus or "gdbus")
        proc.setArguments(["call", *where, "--dest", SERVICE, "--object-path", PATH,
                           "--method", f"{INTERFACE}.Notify", *args])
        timer = QTimer(proc)
        timer.setSingleShot(True)
        timer.timeout.connect(proc.kill)

        def done(code: int, _status: QProcess.ExitStatus) -> None:
            out = bytes(proc.readAllStandardOutput().data()).decode("utf-8", "replace")
            m = re.search(r"uint32 (\d+)", out)
            if code == 0 and m:
                nid = int(m.group(1))
                self._ids[nid] = key
                self.sent.emit(nid)
            else:
                log.warning("notification not shown: %s", bytes(proc.readAllStandardError().data())[:200])
            self._procs.discard(proc)
            proc.deleteLater()

        proc.finished.connect(done)
        self._procs.add(proc)
        proc.start()
        timer.start(self.CALL_TIMEOUT_MS)

    @Slot(QDBusMessage)
    def _action(self, msg: QDBusMessage) -> None:
        args = msg.arguments()
        if len(args) >= 2 and args[1] == "default" and int(args[0]) in self._ids:
            self.activated.emit(self._ids.pop(int(args[0])))

    @Slot(QDBusMessage)
    def _closed(self, msg: QDBusMessage) -> None:
        args = msg.arguments()
        if args:
            self._ids.pop(int(args[0]), None)

    def _tray_clicked(self) -> None:
        if self._tray_key is not None:
            self.activated.emit(self._tray_key)
            self._tray_key = None

    def close(self) -> None:
        for proc in list(self._procs):
            proc.kill()
            proc.waitForFinished(1000)
        self._procs.clear()
