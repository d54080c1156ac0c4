"""Widget flows, offscreen: profile chooser, add friend, requests, chat, dashboard, settings."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.gui.conftest import wait_signal
from tests.gui.fake_backend import FakeBackend, key_for, tox_id_for
from toxgui import i18n
from toxgui.core.encryptsave import WrongPassword
from toxgui.core.events import Stage
from toxgui.core.toxid import (
    ToxId,
    ToxIdBadKey,
    ToxIdCharacters,
    ToxIdChecksum,
    ToxIdIsOwn,
    ToxIdLength,
)
from toxgui.models.contacts import short_id
from toxgui.models.roles import Role
from toxgui.models.session import Session
from toxgui.models.settings import AppSettings
from toxgui.store.history import Direction, History, Kind, State, file_bytes
from toxgui.ui.app_gui import run_gui
from toxgui.ui.dialogs.add_friend import AddFriendDialog, tox_id_problem
from toxgui.ui.dialogs.profile_chooser import OpenedProfile, ProfileChooser, password_strength
from toxgui.ui.dialogs.settings import SettingsDialog
from toxgui.ui.main_window import MainWindow
from toxgui.ui.qr import qr_pixmap, qr_svg

# --- profile chooser -------------------------------------------------------------------------


class Profiles:
    """Stand-ins for the profile callables: plain files, "toxEsave" magic when encrypted."""

    def __init__(self) -> None:
        self.threads: list[str] = []
        self.busy_seen: list[bool] = []
        self.chooser: ProfileChooser | None = None

    def create(self, path: Path, name: str, password: str | None) -> dict[str, Any]:
        self.threads.append(threading.current_thread().name)
        self.busy_seen.append(bool(self.chooser and self.chooser.busy))
        time.sleep(0.2)  # stands for the slow key derivation, in the executor thread
        path.write_bytes((b"toxEsave" if password else b"\x00\x00\x00\x00") + name.encode())
        return {"name": name}

    def load(self, path: Path, password: str | None) -> dict[str, Any]:
        self.threads.append(threading.current_thread().name)
        data = path.read_bytes()
        if data.startswith(b"toxEsave") and password != "correct horse":
            raise WrongPassword()
        return {"name": data[8:].decode()}


async def test_create_profile_runs_off_the_loop(qtbot, tmp_path: Path) -> None:
    prof = Profiles()
    chooser = ProfileChooser([tmp_path], prof.create, prof.load)
    qtbot.addWidget(chooser)
    prof.chooser = chooser
    assert chooser.pages.currentIndex() == 0  # no profiles yet: "new profile" page
    task = asyncio.ensure_future(chooser.run())
    chooser.name_edit.setText("Alice")
    chooser.pw_edit.setText("correct horse")
    chooser.pw2_edit.setText("correct hors")
    chooser.create_btn.click()
    assert "do not match" in chooser.new_error.text() and not chooser.busy
    chooser.pw2_edit.setText("correct horse")
    assert password_strength("correct horse") > password_strength("abc") > 0
    ticks = 0

    def tick() -> None:
        nonlocal ticks
        ticks += 1
        if not task.done():
            loop.call_later(0.02, tick)

    loop = asyncio.get_running_loop()
    tick()
    chooser.create_btn.click()
    assert chooser.busy and chooser.busy_box.isVisibleTo(chooser)
    opened = await asyncio.wait_for(task, 10)
    assert isinstance(opened, OpenedProfile)
    assert opened.path == tmp_path / "Alice.tox" and opened.path.exists()
    assert opened.encrypted and opened.history.encrypted
    assert prof.threads and prof.threads[0] != threading.main_thread().name
    assert prof.busy_seen == [True]
    assert ticks >= 5, "the event loop was blocked during key derivation"
    opened.history.close()


async def test_open_profile_wrong_password_inline_and_file_untouched(qtbot, tmp_path: Path) -> None:
    prof = Profiles()
    path = tmp_path / "bob.tox"
    path.write_bytes(b"toxEsaveBob")
    before = path.read_bytes()
    (tmp_path / "plain.tox").write_bytes(b"\x00\x00\x00\x00plain")
    chooser = ProfileChooser([tmp_path], prof.create, prof.load)
    qtbot.addWidget(chooser)
    assert chooser.pages.currentIndex() == 1 and chooser.profile_list.count() == 2
    task = asyncio.ensure_future(chooser.run())
    for i in range(chooser.profile_list.count()):
        if chooser.profile_list.item(i).data(Qt.ItemDataRole.UserRole).endswith("bob.tox"):
            chooser.profile_list.setCurrentRow(i)
    assert chooser.open_pw.isVisibleTo(chooser)
    chooser.load_btn.click()
    assert "password" in chooser.open_error.text()  # empty password refused before any work
    chooser.open_pw.setText("wrong")
    chooser.load_btn.click()
    assert chooser._task is not None
    await asyncio.wait_for(chooser._task, 10)
    assert chooser.open_error.text() == "Wrong password. Check it (capital letters count) and try again."
    assert not task.done() and chooser.isVisible() and not chooser.busy
    assert path.read_bytes() == before
    chooser.open_pw.setText("correct horse")
    chooser.load_btn.click()
    opened = await asyncio.wait_for(task, 10)
    assert opened is not None and opened.data == {"name": "Bob"} and opened.history.encrypted
    assert path.read_bytes() == before
    opened.history.close()


async def test_chooser_cancel_returns_none(qtbot, tmp_path: Path) -> None:
    prof = Profiles()
    chooser = ProfileChooser([tmp_path], prof.create, prof.load)
    qtbot.addWidget(chooser)
    task = asyncio.ensure_future(chooser.run())
    await asyncio.sleep(0)
    chooser.reject()
    assert await asyncio.wait_for(task, 5) is None


# --- main window fixtures ------------------------------------------------------------------------


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(tmp_path / "config")


@pytest.fixture
def window(qtbot, session: Session, settings: AppSettings) -> MainWindow:
    w = MainWindow(session, settings)
    qtbot.addWidget(w)
    w.show()
    return w


# --- add friend ------------------------------------------------------------------------------


def _bad_key_id() -> str:
    pk = bytes(31) + b"\xff"
    return str(ToxId(pk, b"\x00\x00\x00\x01"))


def test_add_friend_validation_messages(window: MainWindow, session: Session, backend: FakeBackend) -> None:
    dlg = window.open_add_friend()
    good = tox_id_for("bob")
    flipped = good[:-1] + ("0" if good[-1] != "0" else "1")
    cases = [
        ("ABC", ToxIdLength(3)),
        (good + "00", ToxIdLength(78)),
        (good[:10] + "xz" + good[12:], ToxIdCharacters("x", 10)),
        (flipped, ToxIdChecksum()),
        (_bad_key_id(), ToxIdBadKey()),
        (backend.tox_id, ToxIdIsOwn()),
    ]
    for text, err in cases:
        dlg.id_edit.setText(text)
        assert dlg.id_hint.text() == tox_id_problem(err), text
        assert dlg.id_hint.objectName() == "ErrorText"
        assert not dlg.send_btn.isEnabled()
    assert "position 11" in tox_id_problem(ToxIdCharacters("x", 10))
    dlg.id_edit.setText("")
    assert dlg.id_hint.objectName() == "HintText" and not dlg.send_btn.isEnabled()
    dlg.id_edit.setText("  tox:" + good.lower() + " ")
    assert dlg.id_hint.objectName() == "OkText" and dlg.send_btn.isEnabled()
    dlg.message.setPlainText("ü" * 600)  # 1200 bytes
    assert not dlg.send_btn.isEnabled() and "1200" in dlg.msg_hint.text()
    dlg.message.setPlainText("")
    assert not dlg.send_btn.isEnabled()
    assert "Alice" in AddFriendDialog(session).message.toPlainText()  # default request message
    dlg.message.setPlainText("Hi Bob")
    dlg.send_btn.click()
    assert backend.requests_sent == [(key_for("bob"), "Hi Bob")]
    assert session.is_friend(key_for("bob")) and dlg.result.objectName() == "OkText"
    dlg.id_edit.setText(good)
    assert dlg.id_hint.text() == f"You are already friends with {short_id(key_for('bob'))}."  # no name yet
    dlg.id_edit.setText(good[:64])  # a public key pasted instead of the Tox ID
    assert dlg.id_hint.text().startswith("This is a public key (64 characters), not a Tox ID")


def test_tox_uri_opens_prefilled_dialog(window: MainWindow) -> None:
    dlg = window.open_tox_uri("tox:" + tox_id_for("carol"))
    assert dlg is not None and dlg.isVisible() and dlg.tabs.currentIndex() == AddFriendDialog.TAB_ADD
    assert dlg.id_edit.text() == tox_id_for("carol") and dlg.send_btn.isEnabled()
    dlg = window.open_tox_uri("tox://" + tox_id_for("dave") + "?message=hi")
    assert dlg is not None and dlg.id_edit.text() == tox_id_for("dave")


def test_tox_uri_of_a_friend_opens_their_chat(window: MainWindow, backend: FakeBackend) -> None:
    pk = backend.add_friend_direct("Echo")
    assert window.open_tox_uri("tox:" + str(ToxId(pk, b"\x00\x00\x00\x07"))) is None
    assert window.current == pk  # the chat, not a dialog that would add them twice


def test_requests_inbox_accept_and_decline(window: MainWindow, session: Session, backend: FakeBackend) -> None:
    carol = backend.incoming_request("carol", "Carol from the meetup")
    dave = backend.incoming_request("dave", "Dave here")
    assert window.requests_btn.toolTip() == "2 friend request(s) waiting"
    dlg = window.open_add_friend(AddFriendDialog.TAB_REQUESTS)
    assert dlg.tabs.tabText(AddFriendDialog.TAB_REQUESTS) == "Requests (2)"
    assert "Carol from the meetup" in dlg.req_msg.text()
    dlg.accept_btn.click()
    assert session.is_friend(carol) and len(session.requests) == 1
    assert dlg.tabs.tabText(AddFriendDialog.TAB_REQUESTS) == "Requests (1)"
    dlg.req_view.setCurrentIndex(session.requests.index(0, 0))
    dlg.decline_btn.click()
    assert not session.is_friend(dave) and len(session.requests) == 0
    assert dlg.req_stack.currentIndex() == 0  # the empty state


def test_my_id_copy_and_qr(window: MainWindow, backend: FakeBackend) -> None:
    dlg = window.open_add_friend(AddFriendDialog.TAB_MY_ID)
    dlg.copy_btn.click()
    assert QApplication.clipboard().text() == backend.tox_id
    pm = dlg.qr.pixmap()
    assert not pm.isNull() and pm.width() == pm.height() >= 150
    assert qr_svg("tox:" + backend.tox_id).startswith(b"<svg")
    assert not qr_pixmap("x").isNull()


def test_remove_friend_asks_first(window: MainWindow, session: Session, backend: FakeBackend) -> None:
    pk = backend.add_friend_direct("Bob")
    box = window.confirm_remove_friend(pk)
    cancel = box.button(QMessageBox.StandardButton.Cancel)
    danger = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    assert danger.property("danger") is True and cancel.icon().isNull()  # red is for Remove only
    assert box.defaultButton() is cancel
    cancel.click()
    assert session.is_friend(pk)
    box = window.confirm_remove_friend(pk)
    remove = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    remove.click()
    assert not session.is_friend(pk)


# --- chat -------------------------------------------------------------------------------------


async def test_send_message_then_receipt_marks_delivered(
    window: MainWindow, session: Session, backend: FakeBackend
) -> None:
    pk = backend.add_echo_friend()
    assert window.select_friend(pk) and window.current == pk
    window.composer.input.setPlainText("hello echo")
    assert backend.typing.get(pk) is True  # typing notification while composing
    delivered = wait_signal(session.message_state_changed, lambda p, m, st: st == State.DELIVERED)
    echoed = wait_signal(session.message_received)
    window.composer.send.click()
    assert backend.typing[pk] is False and window.composer.input.toPlainText() == ""
    model = window.chat_view.source
    assert model is not None and model.rowCount() == 1 and model.index(0, 0).data() == "hello echo"
    assert model.index(0, 0).data(Role.DeliveryState) == State.SENT
    await delivered
    assert model.index(0, 0).data(Role.DeliveryState) == State.DELIVERED
    assert window.chat_view.state_text(State.DELIVERED) == "Delivered"
    await echoed
    assert model.rowCount() == 2 and not model.index(1, 0).data(Role.Outgoing)
    assert session.contacts.get(pk).unread == 0  # the open chat does not count as unread


def test_queued_message_is_pending_until_friend_connects(
    window: MainWindow, session: Session, backend: FakeBackend
) -> None:
    pk = backend.add_friend_direct("Bob")
    window.select_friend(pk)
    assert "offline" in window.composer.hint.text()
    window.composer.input.setPlainText("/me waves")
    window.composer.submit()
    model = window.chat_view.source
    assert model.index(0, 0).data(Role.DeliveryState) == State.PENDING
    assert model.index(0, 0).data(Role.Kind) == "action" and model.index(0, 0).data() == "waves"
    assert window.chat_view.state_text(State.PENDING) == "Queued: will be sent when Bob is online"
    assert backend.sent == []
    backend.connect(pk)
    assert backend.sent[0][1:3] == ("waves", "action")
    assert model.index(0, 0).data(Role.DeliveryState) == State.SENT
    assert window.composer.hint.isHidden()


def test_long_input_is_split_at_1372_bytes(window: MainWindow, session: Session, backend: FakeBackend) -> None:
    pk = backend.add_echo_friend()
    window.select_friend(pk)
    text = "word " * 600  # 3000 bytes
    window.composer.input.setPlainText(text)
    assert "3 messages" in window.composer.hint.text()
    window.composer.submit()
    assert [len(s[1].encode()) <= 1372 for s in backend.sent] == [True, True, True]
    assert "".join(s[1] for s in backend.sent) == text


def test_incoming_message_counts_unread_and_typing(window: MainWindow, session: Session, backend: FakeBackend) -> None:
    bob = backend.add_friend_direct("Bob")
    carol = backend.add_friend_direct("Carol")
    backend.connect(bob)
    backend.connect(carol)
    window.select_friend(bob)
    backend.friend_typing(bob, True)
    assert window.typing_label.text() == "Bob is typing…"
    backend.deliver(carol, "psst")
    assert session.contacts.get(carol).unread == 1 and window.windowTitle() == "(1) toxgui"
    window.select_friend(carol)
    assert session.contacts.get(carol).unread == 0 and window.windowTitle() == "toxgui"


def test_contact_list_sorted_and_filtered(window: MainWindow, session: Session, backend: FakeBackend) -> None:
    for name in ("zoe", "Adam", "mia"):
        backend.add_friend_direct(name)
    backend.connect(key_for("mia"))
    proxy = session.contacts_proxy

    def names() -> list[str]:
        return [proxy.index(i, 0).data() for i in range(proxy.rowCount())]

    assert names() == ["mia", "Adam", "zoe"]
    window.search.setText("ZO")
    assert names() == ["zoe"]
    assert window.select_friend(key_for("Adam")) and window.search.text() == ""


async def test_history_paging_10000_messages_opens_fast(
    qtbot, tmp_path: Path, backend: FakeBackend, settings: AppSettings
) -> None:
    pk = backend.add_friend_direct("Bob")
    hist = History(tmp_path / "big.db")
    now = time.time() - 20_000
    hist.add_many(
        (pk, Direction(i % 2), f"message number {i}", Kind.NORMAL, now + i, State.DELIVERED) for i in range(10_000)
    )
    session = Session(backend, hist)
    w = MainWindow(session, settings)
    qtbot.addWidget(w)
    w.show()
    t0 = time.perf_counter()
    w.select_friend(pk)
    opened_s = time.perf_counter() - t0
    model = w.chat_view.source
    assert model is not None and model.rowCount() == model.page == 50
    assert model.index(49, 0).data() == "message number 9999"
    assert opened_s < 1.0, opened_s
    await asyncio.sleep(0.05)  # let the view lay out (one loop turn, not waiting for an event)
    view = w.chat_view
    view.scrollToTop()
    rows_before = model.rowCount()
    assert view.fetch_older() and model.rowCount() == rows_before + 50
    assert model.index(0, 0).data() == "message number 9900"
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 10_000 and model.index(0, 0).data() == "message number 0"
    session.close()


# --- dashboard --------------------------------------------------------------------------------


def test_dashboard_updates_on_progress_events(window: MainWindow, session: Session, backend: FakeBackend) -> None:
    pk = backend.add_friend_direct("Carol")
    backend.set_dht(40, 25, onion_paths=2, announced=True)
    backend.set_stage(pk, Stage.AwaitingDHTKey, announce_nodes=4, search_attempts=2, next_search=time.time() + 3)
    window.select_friend(pk)
    window.header.dash_btn.click()
    panel = window.dash_panel
    assert panel.isVisible() and panel.ticker.isActive() and panel.ticker.interval() == 1000
    assert panel.summary.text().startswith("Looking for Carol's current DHT key on the onion: asked 4 node(s)")
    assert window.dashboard.stages.current() == Stage.AwaitingDHTKey
    backend.advance(pk)
    assert window.dashboard.stages.current() == Stage.AcquiringIPAddress
    assert "Found Carol's DHT key" in panel.summary.text()
    backend.advance(pk)
    assert panel.summary.text().startswith("Carol is at 127.0.0.1:33447")
    assert panel.details.values[panel.k_addr].text() == "127.0.0.1:33447 (fresh)"
    assert "attempt 1" in panel.stepper.detail(2)
    backend.connect(pk)
    assert panel.summary.text().startswith("Connected to Carol over UDP at 127.0.0.1:33447")
    assert panel.own.values[panel.k_nodes].text() == "40 known, 25 good"
    backend.set_dht(50, 30)
    assert panel.own.values[panel.k_nodes].text() == "50 known, 30 good"
    window.header.dash_btn.click()
    assert not panel.isVisible() and not panel.ticker.isActive()


def test_dashboard_never_shows_a_stale_fact(qtbot, window: MainWindow, session: Session,
                                             backend: FakeBackend) -> None:
    """Facts that change with no event (a packet arrived, a search became due) show within a
    second while the panel is visible; its timer stops while it is hidden."""
    pk = backend.add_friend_direct("Dora")
    backend.set_dht(40, 25, onion_paths=2, announced=True)
    backend.connect(pk)
    window.select_friend(pk)
    window.header.dash_btn.click()
    panel = window.dash_panel
    facts = backend._friends[pk].facts
    facts["last_packet"] = time.time() - 50
    qtbot.waitUntil(lambda: panel.details.values[panel.k_last].text() in ("50 s ago", "51 s ago", "52 s ago"),
                    timeout=3000)
    facts["last_packet"] = time.time()  # a packet, and no event says so
    qtbot.waitUntil(lambda: panel.details.values[panel.k_last].text() == "just now", timeout=3000)
    window.header.dash_btn.click()
    assert not panel.ticker.isActive()  # hidden: nothing is read


# --- settings ----------------------------------------------------------------------------------


def test_settings_persist(qtbot, tmp_path: Path) -> None:
    cfg = tmp_path / "cfg"
    s = AppSettings(cfg)
    assert s.ipv6 and s.udp and s.port == 0 and s.bootstrap_nodes == ""
    nodes = tmp_path / "nodes.json"
    nodes.write_text(json.dumps({"nodes": [{"ipv4": "127.0.0.1", "port": 33445, "public_key": "00" * 32}]}))
    dlg = SettingsDialog(s)
    qtbot.addWidget(dlg)
    dlg.nodes.setText(str(tmp_path / "missing.json"))
    assert not dlg.save() and "Cannot read" in dlg.nodes_error.text()
    (tmp_path / "bad.json").write_text("{nope")
    dlg.nodes.setText(str(tmp_path / "bad.json"))
    assert not dlg.save() and dlg.nodes_error.text() == "The file is not valid JSON."
    dlg.nodes.setText(str(nodes))
    dlg.ipv6.setChecked(False)
    dlg.udp.setChecked(False)
    dlg.lan.setChecked(False)
    dlg.port.setValue(33500)
    dlg.language.setCurrentIndex(dlg.language.findData("de"))
    assert dlg.save()
    again = AppSettings(cfg)
    assert (again.bootstrap_nodes, again.ipv6, again.udp, again.lan_discovery, again.port, again.language) == (
        str(nodes),
        False,
        False,
        False,
        33500,
        "de",
    )
    assert not dlg.tray.isEnabled()  # offscreen has no system tray


# --- the whole thing -------------------------------------------------------------------------


async def test_run_gui_end_to_end(tmp_path: Path) -> None:
    prof = Profiles()
    backends: list[FakeBackend] = []
    windows: list[MainWindow] = []

    def factory(opened: OpenedProfile, settings: AppSettings) -> FakeBackend:
        b = FakeBackend(name=opened.data["name"])
        b.add_echo_friend()
        backends.append(b)
        return b

    app = QApplication.instance()
    task = asyncio.ensure_future(
        run_gui(
            app,
            factory,
            profile_dirs=[tmp_path],
            create_profile=prof.create,
            load_profile=prof.load,
            config_dir=tmp_path / "cfg",
            uri="tox:" + tox_id_for("zed"),
            on_window=windows.append,
        )
    )
    chooser = None
    for _ in range(100):
        await asyncio.sleep(0)
        chooser = next((w for w in app.topLevelWidgets() if isinstance(w, ProfileChooser) and w.isVisible()), None)
        if chooser:
            break
    assert chooser is not None
    chooser.name_edit.setText("Alice")
    chooser.create_btn.click()
    for _ in range(500):
        if windows:
            break
        await asyncio.sleep(0.01)
    win = windows[0]
    assert win.isVisible() and win.add_dialog is not None and win.add_dialog.isVisible()
    assert win.add_dialog.id_edit.text() == tox_id_for("zed")
    assert not app.quitOnLastWindowClosed()
    win.request_quit()
    assert await asyncio.wait_for(task, 10) == 0
    assert backends[0].closed
    assert not shiboken6.isValid(win)  # deleted before run_gui returned
    assert b"toxgui history" not in file_bytes(tmp_path / "Alice.db")  # unencrypted: no key check


def test_queued_in_backend_shows_as_waiting_while_offline(qtbot, tmp_path: Path, settings: AppSettings) -> None:
    backend = FakeBackend(queueing=True)
    pk = backend.add_friend_direct("Bob")
    session = Session(backend, History(tmp_path / "q.db"))
    w = MainWindow(session, settings)
    qtbot.addWidget(w)
    w.select_friend(pk)
    w.composer.input.setPlainText("later")
    w.composer.submit()
    assert w.chat_view.source.rows()[0].state == State.SENT  # the backend holds it
    assert w.chat_view.state_text(State.SENT) == "Queued: will be sent when Bob is online"
    backend.connect(pk)
    assert w.chat_view.state_text(State.SENT) == "Sent, not yet confirmed by Bob"
    session.close()


async def test_scrolling_to_the_top_pages_in_older_history_in_place(
    qtbot, tmp_path: Path, backend: FakeBackend, settings: AppSettings
) -> None:
    pk = backend.add_friend_direct("Bob")
    hist = History(tmp_path / "scroll.db")
    hist.add_many((pk, Direction.IN, f"line {i}", Kind.NORMAL, 1_000_000.0 + i, State.DELIVERED) for i in range(300))
    session = Session(backend, hist)
    w = MainWindow(session, settings)
    qtbot.addWidget(w)
    w.resize(900, 600)
    w.show()
    w.select_friend(pk)
    view = w.chat_view
    model = view.source
    assert model is not None and model.rowCount() == 50
    await asyncio.sleep(0.05)  # one layout pass
    sb = view.verticalScrollBar()
    assert sb.maximum() > 0 and sb.value() == sb.maximum()  # opens at the newest message
    top_row_before = model.index(0, 0).data()
    inserted = wait_signal(model.rowsInserted)
    sb.setValue(0)  # the user scrolls to the top
    await inserted
    assert model.rowCount() == 100 and model.index(50, 0).data() == top_row_before
    await asyncio.sleep(0.05)
    assert sb.value() > 0  # the view kept the old top line in place instead of jumping
    session.close()


def test_edit_own_name_status_message_and_status(window: MainWindow, backend: FakeBackend) -> None:
    header = window.self_header
    header.name.begin_edit()
    header.name.edit.setText("Alice Liddell")
    header.name.edit.returnPressed.emit()
    assert backend.name == "Alice Liddell" and header.name.label.text() == "Alice Liddell"
    header.status.begin_edit()
    header.status.edit.setText("down the rabbit hole")
    header.status.edit.returnPressed.emit()
    assert backend.status_message == "down the rabbit hole"
    header.status_actions["busy"].trigger()
    assert backend.user_status == "busy" and "Busy" in header.status_btn.toolTip()


# --- peer-controlled text is never markup ----------------------------------------------------

HOSTILE_NAME = "<font color=#ff0000>XXXXXXXXXXXX</font>"
HOSTILE_STATUS = "<img src='/nonexistent.png' width=3000 height=3000>"


def _red_pixels(widget) -> int:
    img = widget.grab().toImage()
    red = 0
    for y in range(0, img.height(), 2):
        for x in range(0, img.width(), 2):
            c = img.pixelColor(x, y)
            if c.red() > 200 and c.green() < 60 and c.blue() < 60:
                red += 1
    return red


def test_hostile_names_and_statuses_render_as_text(
    window: MainWindow, session: Session, backend: FakeBackend
) -> None:
    from PySide6.QtCore import Qt

    from toxgui.ui.plain import PlainLabel

    bob = backend.add_friend_direct(HOSTILE_NAME, HOSTILE_STATUS)
    backend.connect(bob)
    window.select_friend(bob)
    header = window.header
    assert header.name.textFormat() == Qt.TextFormat.PlainText and header.name.text() == HOSTILE_NAME
    assert HOSTILE_STATUS in header.sub.text() and header.sub.textFormat() == Qt.TextFormat.PlainText
    hint = header.minimumSizeHint()
    assert hint.width() < 1000 and hint.height() < 300, hint  # the <img> was 3203x3037
    assert _red_pixels(header) == 0
    backend.friend_typing(bob, True)
    assert window.typing_label.textFormat() == Qt.TextFormat.PlainText
    assert window.typing_label.text().startswith(HOSTILE_NAME)
    # the contact list's tooltip shows the name literally
    tip = session.contacts.data(session.contacts.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert "&lt;font" in tip and "<font" not in tip
    # every label of the window and its dialogs reads its text as plain text
    dlg = window.open_add_friend(AddFriendDialog.TAB_REQUESTS)
    backend.incoming_request("mallory", "<b>bold</b><img width=3000 height=3000 src='x'>")
    labels = [*window.findChildren(PlainLabel), *dlg.findChildren(PlainLabel)]
    from toxgui.ui.main_window import EditableLabel

    # (an empty EditableLabel shows its own escaped placeholder in italics, our text)
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels
                          if not isinstance(label.parent(), EditableLabel))
    assert "<b>bold</b>" in dlg.req_msg.text() and dlg.req_msg.textFormat() == Qt.TextFormat.PlainText


async def test_new_profile_goes_exactly_where_profile_path_says(qtbot, tmp_path: Path) -> None:
    """`toxgui --profile PATH` with no file at PATH: the profile created is PATH itself, not
    NAME.tox beside it."""
    prof = Profiles()
    target = tmp_path / "bots" / "my-bot.tox"
    target.parent.mkdir()
    chooser = ProfileChooser([target.parent, tmp_path], prof.create, prof.load, new_profile_path=target)
    qtbot.addWidget(chooser)
    prof.chooser = chooser
    task = asyncio.ensure_future(chooser.run())
    chooser.name_edit.setText("Alice")
    chooser.create_btn.click()
    opened = await asyncio.wait_for(task, 10)
    assert opened.path == target and target.exists()
    assert not (target.parent / "Alice.tox").exists()
    opened.history.close()


def test_offline_friend_shows_when_it_was_last_seen(
    window: MainWindow, session: Session, backend: FakeBackend
) -> None:
    from PySide6.QtCore import Qt

    from toxgui.models.roles import Role

    bob = backend.add_friend_direct("Bob")
    window.select_friend(bob)
    assert "Never seen online" in window.header.sub.text()
    backend.connect(bob)
    backend.disconnect(bob)
    row = session.contacts.get(bob)
    assert row is not None and row.last_seen > 0
    assert "Last seen just now" in window.header.sub.text() or "Last seen" in window.header.sub.text()
    ix = session.contacts.index(0, 0)
    assert ix.data(Role.LastSeen) == row.last_seen
    assert "Last seen" in ix.data(Qt.ItemDataRole.ToolTipRole)
    # three days later, in English as the app always runs it (the English catalogue supplies
    # the plural forms; conftest removes it after the test)
    i18n.install_translators(QApplication.instance(), "en")
    session.contacts.update(bob, last_seen=row.last_seen - 3 * 86400)
    window.select_friend(bob)
    assert "Last seen 3 days ago" in window.header.sub.full_text()


def test_a_search_with_no_match_says_so(window: MainWindow, backend: FakeBackend) -> None:
    assert window.no_contacts.isVisibleTo(window) and "No friends yet" in window.no_contacts.text()
    backend.add_friend_direct("Bob")
    assert not window.no_contacts.isVisibleTo(window) and window.contact_list.isVisibleTo(window)
    window.search.setText("zzz")
    assert window.no_contacts.isVisibleTo(window) and window.no_contacts.text() == "No friend matches “zzz”."
    assert not window.contact_list.isVisibleTo(window)
    window.search.setText("bo")
    assert not window.no_contacts.isVisibleTo(window) and window.contact_list.isVisibleTo(window)


def test_dashboard_shows_relays_and_tcp_only(window: MainWindow, session: Session, backend: FakeBackend) -> None:
    """A friend reached through a relay says so, with the relay and its health; "Our network"
    lists our relays and says plainly when we are TCP-only."""
    pk = backend.add_friend_direct("Erin")
    backend.dht.update(udp_enabled=False, tcp_relays=[
        {"host": "127.0.0.1", "port": 443, "public_key": "AB" * 32, "state": "connected", "peers": 1, "rtt_ms": 12.0},
        {"host": "127.0.0.9", "port": 33445, "public_key": "CD" * 32, "state": "down", "peers": 0,
         "rtt_ms": None, "error": "connection refused"},
    ])
    backend.set_dht(0, 0, onion_paths=3, announced=True)
    relays = [{"host": "127.0.0.1", "port": 443, "relay": "connected", "link": "online", "rtt_ms": 12.0},
              {"host": "127.0.0.9", "port": 33445, "relay": "down", "link": "asked", "rtt_ms": None}]
    backend.set_stage(pk, Stage.Established, relays=relays)
    backend.connect(pk, "tcp")
    window.select_friend(pk)
    window.header.dash_btn.click()
    panel = window.dash_panel
    assert panel.details.values[panel.k_transport].text() == "TCP via relay 127.0.0.1:443 (relay answers in 12 ms)"
    assert panel.details.values[panel.k_friend_relays].text() == (
        "127.0.0.1:443: linked to the friend\n127.0.0.9:33445: we are not connected to it")
    assert panel.summary.text().startswith("Connected to Erin through the TCP relay 127.0.0.1:443")
    assert panel.own_summary.text().startswith("TCP only (UDP is off): online through our TCP relays (1 connected)")
    assert panel.own.values[panel.k_port].text() == "off (TCP only)"
    assert panel.own.values[panel.k_relays].text() == (
        "1 of 2 connected\n127.0.0.1:443 connected, 12 ms\n127.0.0.9:33445 down (connection refused)")


def test_settings_proxy_field(qtbot, tmp_path: Path) -> None:
    """The proxy field takes socks5:// or http:// with a port (or nothing), says what is wrong
    otherwise, and is what the node is started with next time (with the Use UDP box)."""
    s = AppSettings(tmp_path / "cfg")
    assert s.proxy == ""
    dlg = SettingsDialog(s)
    qtbot.addWidget(dlg)
    dlg.proxy.setText("tor:9050")
    assert not dlg.save() and "socks5://HOST:PORT" in dlg.proxy_error.text()
    dlg.proxy.setText("socks5://[::1]:70000")
    assert not dlg.save()
    dlg.proxy.setText(" socks5://127.0.0.1:9050 ")
    dlg.udp.setChecked(False)
    assert dlg.save() and not dlg.proxy_error.isVisible()
    again = AppSettings(tmp_path / "cfg")
    assert again.proxy == "socks5://127.0.0.1:9050" and not again.udp
