"""The desktop app end to end against a real c-toxcore 0.2.18 peer, offscreen.

The app's composition root (`toxgui.app.gui.amain`, what `python -m toxgui` runs) on the test's
qasync loop: the real profile chooser, MainWindow, add-friend dialog, dashboard and composer, with
`ClientBackend` over a real `ToxClient` bound to 127.0.0.1 (LAN discovery off, IPv6 off) that
bootstraps from the harness's local tox-bootstrapd. Everything is driven through the widgets (typed keys, clicked buttons), and the
test waits on conditions with a deadline, never on a nested Qt event loop.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import PySide6.QtWidgets  # bind PySide6 before anything imports qasync
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from tests.interop import ctox
from tests.interop.network import CToxPeer, LocalNetwork, missing_tools, network_unsafe_reason
from tests.interop.network import local_network as local_network  # the fixture
from toxgui.app.gui import amain
from toxgui.app.gui_backend import ClientBackend
from toxgui.app.options import parse_args
from toxgui.app.service import ToxClient
from toxgui.core.events import Event, Progress, Stage
from toxgui.core.savedata import FRIEND_CONFIRMED
from toxgui.models.contacts import STAGES
from toxgui.models.roles import Role
from toxgui.store.history import History, State, history_path
from toxgui.store.profile import Profile
from toxgui.ui.dialogs.profile_chooser import ProfileChooser
from toxgui.ui.main_window import MainWindow

assert PySide6.QtWidgets

pytestmark = [pytest.mark.interop, pytest.mark.gui, pytest.mark.timeout(300)]

TIMEOUT = 90.0
UDP = int(ctox.Connection.UDP)
REQUEST_TEXT = "Hi, it's Alice from toxgui ✓"
OUT_TEXT = "Hello c-toxcore, this is toxgui 👋"
IN_TEXT = "Hello toxgui, c-toxcore here — Grüße"


@pytest.fixture(autouse=True)
def _interop_gate() -> None:
    """The same gate as tests/interop: skip (or fail when required) without c-toxcore, and
    refuse to start c-toxcore as root outside the private network namespace."""
    missing = missing_tools()
    try:
        if not missing:
            ctox.check_version()
    except (OSError, RuntimeError) as e:
        missing.append(str(e))
    if missing:
        message = "c-toxcore interop needs: " + ", ".join(missing)
        if os.environ.get("TOXGUI_REQUIRE_INTEROP") == "1":
            pytest.fail(message + " (TOXGUI_REQUIRE_INTEROP=1)", pytrace=False)
        pytest.skip(message)
    reason = network_unsafe_reason()
    if reason is not None:
        pytest.fail(reason, pytrace=False)


async def until(cond: Callable[[], Any], what: str, within: float = TIMEOUT) -> Any:
    """Poll `cond` on the running loop (small asyncio sleeps) until it is truthy."""
    deadline = time.monotonic() + within
    while True:
        value = cond()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {within:g} s waiting for {what}")
        await asyncio.sleep(0.05)


async def peer_event(peer: CToxPeer, name: str, within: float = TIMEOUT, **fields: Any) -> dict[str, Any]:
    return await asyncio.to_thread(peer.wait_event, name, within, **fields)


def top_level(kind: type[QWidget]) -> Any:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()), None)


def type_text(widget: QWidget, text: str) -> None:
    """Type `text` as key presses into `widget` (QTest.keyClicks only knows ASCII)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def dashboard_stage(window: MainWindow) -> Stage:
    """The stage the dashboard's stepper shows as current (or done, for Established)."""
    model = window.dashboard.stages
    states = [model.index(i, 0).data(Role.StageState) for i in range(model.rowCount())]
    if "current" in states:
        return model.index(states.index("current"), 0).data(Role.ToxProgress)
    done = [i for i, s in enumerate(states) if s == "done"]
    return model.index(done[-1], 0).data(Role.ToxProgress)


def dedup(seq: list[Stage]) -> list[Stage]:
    return [s for i, s in enumerate(seq) if i == 0 or seq[i - 1] != s]


class App:
    """The app's own composition root, `toxgui.app.gui.amain`, as `python -m toxgui --profile
    DIR/me.tox --bootstrap BOOTSTRAPD --bind 127.0.0.1 --no-lan --no-ipv6` runs it (HOME is a
    temporary folder, so settings start fresh), on the test's qasync loop."""

    def __init__(self, tmp: Path, net: LocalNetwork) -> None:
        self.profiles = tmp / "profiles"
        self.profiles.mkdir()
        host, port, key = net.bootstrapd.node
        args = parse_args(
            [
                "--profile",
                str(self.profiles / "me.tox"),
                "--bootstrap",
                f"{host}:{port}:{key}",
                "--bind",
                "127.0.0.1",
                "--no-lan",
                "--no-ipv6",
            ]
        )
        self.events: list[Event] = []
        self.task = asyncio.ensure_future(amain(QApplication.instance(), args))  # type: ignore[arg-type]

    @property
    def window(self) -> MainWindow | None:
        return top_level(MainWindow)

    def client(self) -> ToxClient:
        window = self.window
        assert window is not None
        backend = window.session.backend
        assert isinstance(backend, ClientBackend)
        return backend.client

    async def close(self) -> int | None:
        if self.task.done():
            return self.task.result()
        window = self.window
        if window is not None:
            window.request_quit()
        else:
            chooser = top_level(ProfileChooser)
            if chooser is not None:
                chooser.reject()
        return await asyncio.wait_for(self.task, 30)


@pytest.fixture
def gui_app(
    tmp_path: Path, local_network: LocalNetwork, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[], App]]:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "TOXGUI_PROFILE_DIR"):
        monkeypatch.delenv(var, raising=False)
    apps: list[App] = []

    def make() -> App:
        app = App(tmp_path, local_network)
        apps.append(app)
        return app

    yield make
    for app in apps:
        if not app.task.done():
            app.task.cancel()


async def test_gui_befriends_and_chats_with_ctoxcore(gui_app: Callable[[], App], local_network: LocalNetwork) -> None:
    peer: CToxPeer = await asyncio.to_thread(local_network.spawn_peer, "bob", auto_accept=True)
    app = gui_app()
    try:
        # --- a new profile, typed into the chooser
        chooser: ProfileChooser = await until(lambda: top_level(ProfileChooser), "the profile chooser", 10)
        assert chooser.pages.currentIndex() == 0  # no profiles yet: the "new profile" page
        QTest.keyClicks(chooser.name_edit, "Alice")
        QTest.mouseClick(chooser.create_btn, Qt.MouseButton.LeftButton)
        window: MainWindow = await until(lambda: app.window, "the main window", 30)
        assert window.session.backend.name == "Alice"
        client = app.client()
        client.subscribe(app.events.append)
        assert client.options.bootstrap and not client.options.lan_discovery and not client.options.ipv6
        assert client.runtime.transport.get_extra_info("sockname")[0] == "127.0.0.1"

        # --- the dashboard: record the stage its stepper shows every time it changes
        shown: list[Stage] = []

        def record() -> None:
            if window.dashboard.public_key is not None:
                shown.append(dashboard_stage(window))

        window.dashboard.changed.connect(record)

        # --- add the c-toxcore peer by Tox ID in the add-friend dialog
        QTest.mouseClick(window.add_btn, Qt.MouseButton.LeftButton)
        dlg = await until(
            lambda: window.add_dialog is not None and window.add_dialog.isVisible() and window.add_dialog,
            "the add-friend dialog",
            5,
        )
        assert not dlg.send_btn.isEnabled()
        QTest.keyClicks(dlg.id_edit, peer.tox_id)
        assert dlg.id_hint.objectName() == "OkText", dlg.id_hint.text()
        dlg.message.selectAll()
        QTest.keyClick(dlg.message, Qt.Key.Key_Delete)
        type_text(dlg.message, REQUEST_TEXT)
        assert dlg.send_btn.isEnabled()
        t0 = time.monotonic()
        QTest.mouseClick(dlg.send_btn, Qt.MouseButton.LeftButton)
        assert dlg.result.objectName() == "OkText", dlg.result.text()
        ppk = bytes.fromhex(peer.public_key)
        assert window.session.is_friend(ppk)
        QTest.mouseClick(dlg.findChild(PySide6.QtWidgets.QDialogButtonBox).buttons()[0], Qt.MouseButton.LeftButton)
        await until(lambda: not dlg.isVisible(), "the dialog to close", 5)

        # the new (only) friend is selected; show the dashboard beside the chat
        await until(lambda: window.current == ppk, "the new friend selected", 5)
        QTest.mouseClick(window.header.dash_btn, Qt.MouseButton.LeftButton)
        assert window.dash_panel.isVisible()
        assert window.dashboard.public_key == ppk

        # --- c-toxcore gets the request with our text and accepts it (auto_accept)
        req = await peer_event(peer, "friend_request", public_key=client.public_key.hex().upper())
        assert req["text"] == REQUEST_TEXT
        fnum = int(req["accepted"])
        took_request = time.monotonic() - t0

        # --- the dashboard steps through the stages to Established
        await until(lambda: shown and shown[-1] == Stage.Established, "the dashboard to show Established")
        await peer_event(peer, "friend_connection", friend=fnum, status=UDP)
        row = await until(lambda: (r := window.session.contacts.get(ppk)) and r.online and r, "the friend online")
        took_online = time.monotonic() - t0
        displayed = dedup(shown)
        reported = dedup([e.stage for e in app.events if isinstance(e, Progress) and e.public_key == ppk])
        assert displayed[0] == Stage.AwaitingDHTKey, displayed
        assert displayed[-1] == Stage.Established, displayed
        assert len(set(displayed)) >= 3, displayed
        assert all(s in STAGES for s in displayed)
        # what the dashboard showed is what the protocol reported, from the stage it opened on
        # (c-toxcore learns our DHT key with the request and may start the handshake itself, so
        # some stages can pass between two events)
        assert displayed == reported[reported.index(displayed[0]) :], (displayed, reported)
        # the stepper now shows every stage done, the last one entered just now
        stages = window.dashboard.stages
        assert [stages.index(i, 0).data(Role.StageState) for i in range(stages.rowCount())] == ["done"] * 6
        assert window.dash_panel.stepper.subtitle(5).startswith("entered ")
        assert "Connected to" in window.dash_panel.summary.text()
        assert window.header.sub.text().startswith("Online"), window.header.sub.text()
        assert row.connection == "udp"

        # --- toxgui -> c-toxcore: typed into the composer, Enter sends
        type_text(window.composer.input, OUT_TEXT)
        QTest.keyClick(window.composer.input, Qt.Key.Key_Return)
        assert window.composer.input.toPlainText() == ""
        got = await peer_event(peer, "friend_message", friend=fnum)
        assert got["text"] == OUT_TEXT and not got["action"]
        chat = window.chat_view.source
        assert chat is not None
        mine = [r for r in chat.rows() if r.outgoing]
        assert [r.text for r in mine] == [OUT_TEXT]
        await until(lambda: chat.rows()[chat.row_of(mine[0].id)].state == State.DELIVERED, "the delivered tick")
        ix = window.chat_view.model().index(chat.row_of(mine[0].id), 0)
        assert State(int(ix.data(Role.DeliveryState))) == State.DELIVERED
        assert window.chat_view.state_text(State.DELIVERED) == "Delivered"

        # --- c-toxcore -> toxgui: shown in the chat pane
        await asyncio.to_thread(peer.send_message, fnum, IN_TEXT)
        await until(lambda: any(not r.outgoing and r.text == IN_TEXT for r in chat.rows()), "the peer's message")
        texts = [
            window.chat_view.model().index(i, 0).data(Role.Text) for i in range(window.chat_view.model().rowCount())
        ]
        assert texts == [OUT_TEXT, IN_TEXT]
        print(
            f"\nrequest at c-toxcore {took_request:.1f} s after the click; online {took_online:.1f} s; "
            f"dashboard showed {[str(s) for s in displayed]}; reported {[str(s) for s in reported]}"
        )

        # --- quit through the window; the history survives in SQLite
        assert await app.close() == 0
    finally:
        await app.close()
    db = history_path(app.profiles / "me.tox")
    assert db.exists()
    with History(db) as h:
        msgs = h.latest(ppk, 10)
    assert [(m.outgoing, m.text) for m in msgs] == [(True, OUT_TEXT), (False, IN_TEXT)]
    assert msgs[0].state == State.DELIVERED
    saved = Profile.load(app.profiles / "me.tox", lock=False)
    assert [(f.public_key, f.status) for f in saved.savedata.friends] == [(ppk, FRIEND_CONFIRMED)]
