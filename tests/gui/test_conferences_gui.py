"""Conferences in the models and the session: list, messages with senders (ours shown once),
peers, invites, history under its own key space (encrypted with the profile's key)."""

from __future__ import annotations

from pathlib import Path

import nacl.utils
import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtTest import QAbstractItemModelTester

from tests.gui.fake_backend import FakeBackend, key_for
from toxgui.core.events import ConferenceTitle
from toxgui.models.conferences import HISTORY_PREFIX, ConferenceChatModel, history_key
from toxgui.models.roles import Role
from toxgui.models.session import Session
from toxgui.models.settings import AppSettings
from toxgui.store.history import History
from toxgui.ui.dialogs.add_friend import AddFriendDialog
from toxgui.ui.main_window import MainWindow


def test_new_conference_is_listed_and_own_message_shown_once(session: Session, backend: FakeBackend) -> None:
    QAbstractItemModelTester(session.conferences)
    cid = session.new_conference("Team")
    row = session.conferences.get(cid)
    assert row is not None and row.title == "Team" and row.joined
    assert [(p.name, p.is_self) for p in row.peers] == [("Alice", True)]
    chat = session.conference_chat(cid)
    QAbstractItemModelTester(chat)
    session.send_conference_text(cid, "hello all")
    session.send_conference_text(cid, "/me waves")
    rows = chat.rows()
    assert [(r.sender, r.text, r.kind, r.outgoing) for r in rows] == [
        ("Alice", "hello all", "normal", True), ("Alice", "waves", "action", True)]
    assert session.conferences.get(cid).unread == 0  # type: ignore[union-attr]


def test_incoming_messages_count_unread_until_opened(session: Session, backend: FakeBackend) -> None:
    cid = session.new_conference("Team")
    bob = key_for("bob")
    backend.conference_peer(cid, bob, "Bob")
    backend.conference_deliver(cid, bob, "Bob", "hi")
    backend.conference_deliver(cid, bob, "Bob", "there")
    assert session.conferences.get(cid).unread == 2  # type: ignore[union-attr]
    assert session.total_unread() == 2
    session.set_active_conference(cid)
    assert session.total_unread() == 0
    backend.conference_deliver(cid, bob, "Bob", "again")
    assert session.total_unread() == 0
    assert [(r.sender, r.sender_key, r.text) for r in session.conference_chat(cid).rows()] == [
        ("Bob", bob, "hi"), ("Bob", bob, "there"), ("Bob", bob, "again")]


def test_peers_and_title_follow_events(session: Session, backend: FakeBackend) -> None:
    cid = session.new_conference("")
    bob, carol = key_for("bob"), key_for("carol")
    backend.conference_peer(cid, bob, "Bob", connected=True)
    backend.conference_peer(cid, carol, "Carol", connected=False)
    peers = {p.name: p for p in session.conferences.get(cid).peers}  # type: ignore[union-attr]
    assert peers["Bob"].connected and not peers["Carol"].connected and peers["Alice"].is_self
    session.set_conference_title(cid, "Renamed")
    assert session.conferences.get(cid).title == "Renamed"  # type: ignore[union-attr]
    backend.emit(ConferenceTitle(cid, "By Bob"))
    assert session.conferences.get(cid).display_title == "By Bob"  # type: ignore[union-attr]


def test_invite_accept_joins_and_decline_drops(session: Session, backend: FakeBackend) -> None:
    bob = backend.add_friend_direct("Bob")
    backend.connect(bob)
    cid = b"\x07" * 32
    backend.incoming_conference_invite(bob, cid)
    assert len(session.conference_invites) == 1
    assert "Bob" in str(session.conference_invites.data(session.conference_invites.index(0, 0)))
    joined = session.accept_conference_invite(cid)
    assert joined == cid and len(session.conference_invites) == 0
    assert not session.conferences.get(cid).joined  # type: ignore[union-attr]
    backend.conference_peer(cid, bob, "Bob")
    assert session.conferences.get(cid).joined  # type: ignore[union-attr]
    other = b"\x08" * 32
    backend.incoming_conference_invite(bob, other)
    session.decline_conference_invite(other)
    assert len(session.conference_invites) == 0 and other not in session.conferences


def test_invite_friend_and_leave(session: Session, backend: FakeBackend) -> None:
    bob = backend.add_friend_direct("Bob")
    backend.connect(bob)
    cid = session.new_conference("T")
    session.invite_to_conference(cid, bob)
    assert backend.conference_invites_sent == [(cid, bob)]
    session.leave_conference(cid)
    assert cid not in session.conferences and cid not in backend.confs


def test_history_is_kept_per_conference_encrypted_and_apart(tmp_path: Path, qapp) -> None:
    key = nacl.utils.random(32)
    db = tmp_path / "h.db"
    backend = FakeBackend()
    s = Session(backend, History(db, key=key))
    cid = s.new_conference("Kept")
    bob = key_for("bob")
    backend.conference_peer(cid, bob, "Bob")
    backend.conference_deliver(cid, bob, "Bob", "secret words")
    s.send_conference_text(cid, "mine")
    s.close()
    assert b"secret words" not in db.read_bytes()
    h = History(db, key=key)
    try:
        assert history_key(cid) in h.peers() and history_key(cid).startswith(HISTORY_PREFIX)
        assert bob not in h.peers() and cid not in h.peers()
        rows = ConferenceChatModel(h, cid).rows()
        assert [(r.sender, r.text, r.outgoing) for r in rows] == [("Bob", "secret words", False), ("Alice", "mine", True)]
    finally:
        h.close()


# --- the main window ---------------------------------------------------------------------------


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(tmp_path / "config")


@pytest.fixture
def window(qtbot, session: Session, settings: AppSettings) -> MainWindow:
    w = MainWindow(session, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_new_group_chat_dialog_creates_lists_and_opens_it(window: MainWindow, session: Session, qtbot) -> None:
    assert window.new_group_btn.isVisible() and window.new_group_btn.accessibleName()
    dlg = window.ask_new_conference()
    dlg.setTextValue("Weekend")
    dlg.accept()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 2, timeout=2000)
    (row,) = session.conferences.rows()
    assert row.title == "Weekend"
    assert window.conference_page.title.full_text() == "Weekend"
    assert window.conference_list.model().rowCount() == 1


def test_conference_page_shows_each_message_once_with_sender_and_peers(
        window: MainWindow, session: Session, backend: FakeBackend, qtbot) -> None:
    cid = session.new_conference("Team")
    bob = key_for("bob")
    backend.conference_peer(cid, bob, "Bob", connected=True)
    backend.conference_peer(cid, key_for("carol"), "Carol", connected=False)
    assert window.select_conference(cid)
    page = window.conference_page
    qtbot.keyClicks(page.composer.input, "hello group")
    qtbot.keyClick(page.composer.input, Qt.Key.Key_Return)
    backend.conference_deliver(cid, bob, "Bob", "hi Alice")
    view_model = page.chat_view.model()
    texts = [view_model.index(i, 0).data(Role.Text) for i in range(view_model.rowCount())]
    senders = [view_model.index(i, 0).data(Role.Sender) for i in range(view_model.rowCount())]
    assert texts == ["hello group", "hi Alice"] and senders == ["Alice", "Bob"]
    backend.conference_deliver(cid, bob, "Bob", "and more")
    drawn = [page.chat_view.itemDelegate().geometry(view_model.index(i, 0)).layout.text() for i in range(3)]
    # the sender's name above a message from another member, once per run of their messages
    assert drawn == ["hello group", "Bob\u2028hi Alice", "and more"]
    peers = [page.peers.item(i).text() for i in range(page.peers.count())]
    assert peers[0].startswith("Alice") and "Bob · direct" in peers and "Carol · through others" in peers
    assert session.total_unread() == 0  # the conference is open
    page.links_btn.setChecked(True)
    assert "Bob: connected to us directly (one of the members closest to us by key)." in page.links.text()
    assert "Carol: reached through other members" in page.links.text()


def test_unread_conference_counts_in_the_title(window: MainWindow, session: Session, backend: FakeBackend) -> None:
    cid = session.new_conference("Team")
    backend.conference_deliver(cid, key_for("bob"), "Bob", "one")
    assert session.conferences.get(cid).unread == 1  # type: ignore[union-attr]
    assert window.windowTitle() == "(1) toxgui"
    window.select_conference(cid)
    assert window.windowTitle() == "toxgui"


def test_invite_from_friend_menu_and_page(window: MainWindow, session: Session, backend: FakeBackend) -> None:
    bob = backend.add_friend_direct("Bob")
    backend.connect(bob)
    cid = session.new_conference("Team")
    window.select_conference(cid)
    menu = window.ask_invite()
    assert menu is not None
    (action,) = [a for a in menu.actions() if a.text() == "Bob"]
    action.trigger()
    assert backend.conference_invites_sent == [(cid, bob)]
    window._contact_menu(window.contact_list.visualRect(session.contacts_proxy.index(0, 0)).center())
    (sub,) = [a.menu() for a in window.contact_menu.actions() if a.menu() is not None]
    (team,) = sub.actions()
    team.trigger()
    assert backend.conference_invites_sent == [(cid, bob), (cid, bob)]


def test_rename_and_leave_with_confirmation(window: MainWindow, session: Session, backend: FakeBackend) -> None:
    cid = session.new_conference("Old")
    window.select_conference(cid)
    dlg = window.ask_conference_title()
    assert dlg is not None
    dlg.setTextValue("New")
    dlg.accept()
    assert session.conferences.get(cid).title == "New"  # type: ignore[union-attr]
    assert window.conference_page.title.full_text() == "New"
    box = window.confirm_leave_conference()
    assert box is not None
    box.reject()  # Cancel keeps it
    assert cid in session.conferences
    box = window.confirm_leave_conference()
    assert box is not None
    (leave,) = [b for b in box.buttons() if b.text() == "Leave"]
    leave.click()
    assert cid not in session.conferences and cid not in backend.confs
    assert window.stack.currentIndex() == 0


def test_invite_box_join_and_decline(window: MainWindow, session: Session, backend: FakeBackend, qtbot) -> None:
    bob = backend.add_friend_direct("Bob")
    backend.connect(bob)
    assert not window.invite_box.isVisible()
    cid = b"\x05" * 32
    backend.incoming_conference_invite(bob, cid)
    assert window.invite_box.isVisible() and window.invite_box.list.count() == 1
    assert "Bob" in window.invite_box.list.item(0).text()
    window.invite_box.join_btn.click()
    assert not window.invite_box.isVisible()
    assert window.current_conference == cid and window.stack.currentIndex() == 2
    backend.conference_peer(cid, bob, "Bob")
    assert "joining" not in window.conference_page.sub.full_text()
    backend.incoming_conference_invite(bob, b"\x06" * 32)
    window.invite_box.decline_btn.click()
    assert not window.invite_box.isVisible() and b"\x06" * 32 not in session.conferences


class _Notes(QObject):
    activated = Signal(bytes)

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[tuple[str, str, bytes]] = []

    def notify(self, title: str, body: str, key: bytes, sound: bool) -> None:
        self.shown.append((title, body, key))

    def close(self) -> None:
        pass


def test_conference_message_notifies_and_the_click_opens_it(
        qtbot, session: Session, backend: FakeBackend, settings: AppSettings) -> None:
    notes = _Notes()
    w = MainWindow(session, settings, notifier=notes)  # type: ignore[arg-type]
    qtbot.addWidget(w)
    cid = session.new_conference("Team")
    session.send_conference_text(cid, "mine")  # our own: no notification
    backend.conference_deliver(cid, key_for("bob"), "Bob", "news")
    assert notes.shown == [("Team", "Bob: news", cid)]
    notes.activated.emit(cid)
    assert w.current_conference == cid and w.stack.currentIndex() == 2


def test_links_name_the_transport_of_a_friend_member(window: MainWindow, session: Session, backend: FakeBackend) -> None:
    bob = backend.add_friend_direct("Bob")
    backend.connect(bob, "tcp")
    cid = session.new_conference("Team")
    backend.conference_peer(cid, bob, "Bob", connected=True)
    window.select_conference(cid)
    window.conference_page.links_btn.setChecked(True)
    assert "Bob: connected to us directly over TCP (one of the members closest to us by key)." in \
        window.conference_page.links.text()


def test_invites_in_the_requests_tab_join_from_there(window: MainWindow, session: Session, backend: FakeBackend) -> None:
    bob = backend.add_friend_direct("Bob")
    backend.connect(bob)
    cid = b"\x09" * 32
    backend.incoming_conference_invite(bob, cid)
    assert "1 group chat invite" in window.requests_btn.toolTip()
    dlg = window.open_add_friend(AddFriendDialog.TAB_REQUESTS)
    assert dlg.tabs.tabText(dlg.TAB_REQUESTS) == "Requests (1)"
    assert dlg.invites.isVisible() and "Bob invites you" in dlg.invites.list.item(0).text()
    dlg.invites.join_btn.click()
    assert not dlg.isVisible()
    assert window.current_conference == cid and len(session.conference_invites) == 0
    assert "group chat" not in window.requests_btn.toolTip()


def test_a_new_session_lists_the_backends_conferences_with_their_history(tmp_path: Path, qapp) -> None:
    backend = FakeBackend()
    s = Session(backend, History(tmp_path / "h.db"))
    cid = s.new_conference("Kept")
    backend.conference_deliver(cid, key_for("bob"), "Bob", "before the restart")
    s.close()
    s2 = Session(backend, History(tmp_path / "h.db"))  # as after a restart: the profile kept the conference
    try:
        row = s2.conferences.get(cid)
        assert row is not None and row.title == "Kept" and [p.is_self for p in row.peers] == [True]
        assert [r.text for r in s2.conference_chat(cid).rows()] == ["before the restart"]
    finally:
        s2.close()


def test_switching_between_a_friend_chat_and_a_group_chat(
        window: MainWindow, session: Session, backend: FakeBackend) -> None:
    bob = backend.add_friend_direct("Bob")
    cid = session.new_conference("Team")
    assert window.select_friend(bob) and window.stack.currentIndex() == 1
    window.composer.input.setPlainText("draft for Bob")
    window.select_conference(cid)
    assert window.stack.currentIndex() == 2 and window.current is None
    assert session.active_chat is None and session.active_conference == cid
    assert window.select_friend(bob) and window.stack.currentIndex() == 1
    assert window.current_conference is None and session.active_conference is None
    assert window.composer.draft() == "draft for Bob"
    assert not window.conference_list.currentIndex().isValid()
