"""Notifications over D-Bus, against a session bus this test starts (dbus-daemon) with a fake
notification server on it (tests/gui/fake_notifications.py, GLib, so argument types are checked
as GNOME's server checks them); the tray fallback; per-friend mute; and how Settings shows that
nothing can notify."""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtDBus import QDBusConnection

from tests.gui.fake_backend import FakeBackend
from toxgui.models.session import Session
from toxgui.models.settings import AppSettings
from toxgui.ui import style
from toxgui.ui.dialogs.add_friend import AddFriendDialog
from toxgui.ui.dialogs.settings import SettingsDialog
from toxgui.ui.main_window import MainWindow
from toxgui.ui.notifications import Notifier, gvariant_string

SYSTEM_PYTHON = "/usr/bin/python3"
FAKE = Path(__file__).with_name("fake_notifications.py")


def _has_gi() -> bool:
    if not Path(SYSTEM_PYTHON).exists():
        return False
    return subprocess.run([SYSTEM_PYTHON, "-c", "import gi; from gi.repository import Gio"],
                          capture_output=True, check=False, timeout=30).returncode == 0


def _lines(stream: Any, q: queue.Queue[str]) -> None:
    for line in stream:
        q.put(line.rstrip("\n"))


class Bus:
    """A private session bus and the fake server on it; `calls` holds what the server got."""

    def __init__(self, tmp: Path) -> None:
        self.daemon = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        out: queue.Queue[str] = queue.Queue()
        threading.Thread(target=_lines, args=(self.daemon.stdout, out), daemon=True).start()
        self.address = out.get(timeout=10)
        env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=self.address)
        self.fake: subprocess.Popen[str] | None = None
        self.calls: queue.Queue[str] = queue.Queue()
        self.env = env
        self.n = 0

    def start_server(self) -> None:
        self.fake = subprocess.Popen([SYSTEM_PYTHON, str(FAKE)], env=self.env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        threading.Thread(target=_lines, args=(self.fake.stdout, self.calls), daemon=True).start()
        assert json.loads(self.calls.get(timeout=20)) == "ready"

    def tell(self, line: str) -> None:
        assert self.fake is not None and self.fake.stdin is not None
        self.fake.stdin.write(line + "\n")
        self.fake.stdin.flush()

    def connection(self) -> QDBusConnection:
        self.n += 1
        return QDBusConnection.connectToBus(self.address, f"toxgui-test-{id(self)}-{self.n}")

    def close(self) -> None:
        """Stop the server (end of its input), then the bus; each bounded to 5 s."""
        if self.fake is not None:
            if self.fake.stdin is not None:
                self.fake.stdin.close()
            try:
                self.fake.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.fake.kill()
                self.fake.wait(timeout=5)
        self.daemon.terminate()
        self.daemon.wait(timeout=5)
        for proc in (self.fake, self.daemon):
            if proc is not None and proc.stdout is not None:
                proc.stdout.close()


def _missing(what: str) -> None:
    """Skip on a developer machine without the tool; under CI (.ci/run installs it) fail."""
    if os.environ.get("CI"):
        pytest.fail(f"{what}; .ci/run installs it")
    pytest.skip(what)


@pytest.fixture
def bus(tmp_path: Path) -> Iterator[Bus]:
    if not shutil.which("dbus-daemon"):
        _missing("dbus-daemon is not installed")
    if not shutil.which("gdbus"):
        _missing("gdbus (libglib2.0-bin) is not installed")
    b = Bus(tmp_path)
    try:
        yield b
    finally:
        b.close()


@pytest.fixture
def server(bus: Bus) -> Bus:
    if not _has_gi():
        _missing("the fake notification server needs python3-gi")
    bus.start_server()
    return bus


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(tmp_path / "config")


def _window(qtbot, session: Session, settings: AppSettings, notifier: Notifier) -> MainWindow:
    w = MainWindow(session, settings, notifier=notifier)
    qtbot.addWidget(w)
    w.show()
    return w


def _next_notify(qtbot, server: Bus) -> dict[str, Any]:
    got: list[dict[str, Any]] = []

    def arrived() -> bool:
        while not server.calls.empty():
            call = json.loads(server.calls.get())
            if isinstance(call, dict) and call.get("method") == "Notify":
                got.append(call)
        return bool(got)

    qtbot.waitUntil(arrived, timeout=10000)
    return got[0]


def test_message_notification_goes_over_dbus_and_a_click_opens_the_chat(
    qtbot, server: Bus, session: Session, settings: AppSettings, backend: FakeBackend
) -> None:
    alice = backend.add_friend_direct("Alice")
    bob = backend.add_friend_direct("Bob")
    notifier = Notifier(None, bus=server.connection(), address=server.address)
    assert notifier.dbus and notifier.available()
    w = _window(qtbot, session, settings, notifier)
    w.select_friend(bob)
    with qtbot.waitSignal(notifier.sent, timeout=10000) as sent:
        backend.deliver(alice, "<b>hi</b> & bye")
    call = _next_notify(qtbot, server)
    assert call["signature"] == "(susssasa{sv}i)"
    app, replaces, icon, summary, body, actions, hints, timeout = call["args"]
    assert (app, replaces, summary, timeout) == ("toxgui", 0, "Alice", -1)
    assert body == "&lt;b&gt;hi&lt;/b&gt; &amp; bye"  # body-markup: shown as written
    assert actions[0] == "default"
    assert hints["sound-name"] == "message-new-instant" and hints["desktop-entry"] == icon
    with qtbot.waitSignal(notifier.activated, timeout=10000) as clicked:
        server.tell(f"invoke {sent.args[0]} default")
    assert clicked.args == [alice]
    assert w.current == alice


def test_friend_request_click_opens_the_requests(qtbot, server: Bus, session: Session, settings: AppSettings,
                                                 backend: FakeBackend) -> None:
    notifier = Notifier(None, bus=server.connection(), address=server.address)
    w = _window(qtbot, session, settings, notifier)
    with qtbot.waitSignal(notifier.sent, timeout=10000) as sent:
        backend.incoming_request("carol", "it's Carol")
    assert _next_notify(qtbot, server)["args"][4] == "it's Carol"
    with qtbot.waitSignal(notifier.activated, timeout=10000):
        server.tell(f"invoke {sent.args[0]} default")
    assert w.add_dialog is not None and w.add_dialog.isVisible()
    assert w.add_dialog.tabs.currentIndex() == AddFriendDialog.TAB_REQUESTS


def test_mute_per_friend_from_the_context_menu_is_kept(qtbot, server: Bus, session: Session,
                                                       settings: AppSettings, backend: FakeBackend) -> None:
    alice = backend.add_friend_direct("Alice")
    bob = backend.add_friend_direct("Bob")
    notifier = Notifier(None, bus=server.connection(), address=server.address)
    w = _window(qtbot, session, settings, notifier)
    row = w.session.contacts_proxy.mapFromSource(w.session.contacts.index_of(alice))
    w._contact_menu(w.contact_list.visualRect(row).center())
    mute = next(a for a in w.contact_menu.actions() if a.isCheckable())
    assert not mute.isChecked()
    mute.trigger()
    w.contact_menu.close()
    assert AppSettings(settings.config_dir).is_muted(alice)  # saved at once
    settings.sound = False
    backend.deliver(alice, "muted, not shown")
    backend.deliver(bob, "shown")  # the only notification the server gets
    call = _next_notify(qtbot, server)
    assert call["args"][3:5] == ["Bob", "shown"]
    assert call["args"][6].get("suppress-sound") is True and "sound-name" not in call["args"][6]


def test_without_a_service_or_tray_nothing_notifies_and_settings_shows_it(
    qtbot, bus: Bus, themed: style.ThemeController, session: Session, settings: AppSettings
) -> None:
    notifier = Notifier(None, bus=bus.connection(), address=bus.address)  # a bus with no server on it
    assert not notifier.dbus and not notifier.available()
    assert not notifier.notify("x", "y")
    w = _window(qtbot, session, settings, notifier)
    dlg = w.open_settings()
    qtbot.waitExposed(dlg)
    assert not dlg.notify.isEnabled() and not dlg.sound.isEnabled() and not dlg.notify.isChecked()
    enabled = SettingsDialog(settings, w, can_notify=True)
    qtbot.addWidget(enabled)
    enabled.show()
    qtbot.waitExposed(enabled)
    assert enabled.notify.isEnabled()

    def look(d: SettingsDialog) -> Any:
        r = QRect(d.notify.mapTo(d, QPoint(0, 0)), d.notify.size())
        return d.grab(r).toImage()

    assert dlg.notify.text() == enabled.notify.text()
    assert look(dlg) != look(enabled)  # the disabled box is drawn differently, not just inert
    enabled.close()
    dlg.reject()


def test_gvariant_string_quoting() -> None:
    assert gvariant_string("it's") == "'it\\'s'"
    assert gvariant_string("a\\b") == "'a\\\\b'"
    assert gvariant_string("line\nbreak") == "'line\\u000abreak'"
    assert gvariant_string("Grüße 👋") == "'Grüße 👋'"
