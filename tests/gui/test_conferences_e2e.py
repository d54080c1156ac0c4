"""Group chats end to end in the desktop app: two real in-process toxgui nodes on loopback (no
LAN discovery, no bootstrap; each told the other's address), each with ClientBackend, a Session
and a MainWindow on the qasync loop.  Alice creates a group chat with the New group chat dialog
and invites Bob from its page; Bob joins from the invites box; messages typed in either composer
reach both pages, each shown exactly once, with its sender."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from bench import profiles as P
from toxgui.app.gui_backend import ClientBackend
from toxgui.app.service import ClientOptions, ToxClient
from toxgui.models.roles import Role
from toxgui.models.session import Session
from toxgui.models.settings import AppSettings
from toxgui.store.history import History
from toxgui.store.profile import Profile
from toxgui.ui.main_window import MainWindow

pytestmark = [pytest.mark.timeout(120)]

TIMEOUT = 45.0


async def until(cond: Callable[[], Any], what: str, within: float = TIMEOUT) -> Any:
    """Poll `cond` on the running loop until it is truthy; fail with `what` after `within` s."""
    deadline = time.monotonic() + within
    while True:
        value = cond()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


def shown(w: MainWindow) -> list[tuple[str, str]]:
    m = w.conference_page.chat_view.model()
    if m is None:
        return []
    return [(str(m.index(i, 0).data(Role.Sender)), str(m.index(i, 0).data(Role.Text))) for i in range(m.rowCount())]


def type_and_send(w: MainWindow, text: str) -> None:
    """Type `text` into the page's composer as key presses (QTest.keyClicks only knows ASCII),
    then press Return."""
    box = w.conference_page.composer.input
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(box, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(box, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier))


async def test_group_chat_between_two_toxgui_apps(tmp_path: Path, qapp) -> None:
    a, b = P.new_identity("Alice"), P.new_identity("Bob")
    P.befriend(a, b)
    paths = [P.write_toxgui(a, tmp_path / "a.tox"), P.write_toxgui(b, tmp_path / "b.tox")]
    opts = ClientOptions(bind_host="127.0.0.1", ipv6=False, lan_discovery=False, persist_queue=False)
    clients: list[ToxClient] = []
    sessions: list[Session] = []
    windows: list[MainWindow] = []
    try:
        for i, path in enumerate(paths):
            c = ToxClient(Profile.load(path), opts)
            await c.start()
            clients.append(c)
            s = Session(ClientBackend(c), History(tmp_path / f"h{i}.db"))
            sessions.append(s)
            w = MainWindow(s, AppSettings(tmp_path / f"config{i}"))
            w.show()
            windows.append(w)
        ca, cb = clients
        sa, sb = sessions
        wa, wb = windows
        ca.set_route(cb.public_key, cb.dht_key, "127.0.0.1", cb.udp_port)
        cb.set_route(ca.public_key, ca.dht_key, "127.0.0.1", ca.udp_port)
        await until(lambda: (r := sa.contacts.get(cb.public_key)) and r.online, "Alice sees Bob online")
        await until(lambda: (r := sb.contacts.get(ca.public_key)) and r.online, "Bob sees Alice online")

        dlg = wa.ask_new_conference()
        dlg.setTextValue("Zimmer")
        dlg.accept()
        cid = await until(lambda: wa.current_conference, "Alice's new group chat open")
        menu = wa.ask_invite()
        assert menu is not None
        (bob,) = [x for x in menu.actions() if x.text() == "Bob"]
        bob.trigger()
        menu.close()

        await until(lambda: wb.invite_box.isVisible(), "Bob's invite shown")
        assert "Alice" in wb.invite_box.list.item(0).text()
        wb.invite_box.join_btn.click()
        assert wb.current_conference == cid
        both = {ca.public_key, cb.public_key}
        for s in sessions:
            await until(lambda s=s: (r := s.conferences.get(cid)) and r.joined
                        and {p.public_key for p in r.peers} == both, "both members listed")
        await until(lambda: (r := sb.conferences.get(cid)) and r.title == "Zimmer", "Bob learns the title")
        peers_b = {p.name: p for p in sb.conferences.get(cid).peers}  # type: ignore[union-attr]
        assert peers_b["Alice"].connected  # a direct link: Alice introduced Bob

        type_and_send(wa, "hallo Bob")
        type_and_send(wb, "hallo Alice 👋")
        for w in windows:
            await until(lambda w=w: {"hallo Bob", "hallo Alice 👋"} <= {t for _, t in shown(w)}, "both messages")
        type_and_send(wa, "ende")  # after this one has gone round, any duplicate would have too
        for w in windows:
            await until(lambda w=w: "ende" in {t for _, t in shown(w)}, "the last message")
        for w in windows:
            rows = shown(w)
            assert sorted(rows) == sorted([("Alice", "hallo Bob"), ("Bob", "hallo Alice 👋"), ("Alice", "ende")]), rows
        # kept in each history, under the conference's own key
        assert len(sa.conference_chat(cid).rows()) == 3
        assert wb.conference_page.peers.count() == 2
        wb.conference_page.links_btn.setChecked(True)  # the links pane, from the service's facts
        assert "Alice: connected to us directly over UDP" in wb.conference_page.links.text()
    finally:
        for w in windows:
            w.hide()
            w.deleteLater()
        for s in sessions:
            s.close()
        for c in clients:
            await c.stop()
            c.profile.close()
