"""Conferences in the models and the session: list, messages with senders (ours shown once),
peers, invites, history under its own key space (encrypted with the profile's key)."""

from __future__ import annotations

from pathlib import Path

import nacl.utils
from PySide6.QtTest import QAbstractItemModelTester

from tests.gui.fake_backend import FakeBackend, key_for
from toxgui.core.events import ConferenceTitle
from toxgui.models.conferences import HISTORY_PREFIX, ConferenceChatModel, history_key
from toxgui.models.session import Session
from toxgui.store.history import History


def test_new_conference_is_listed_and_own_message_shown_once(session: Session, backend: FakeBackend) -> None:
    QAbstractItemModelTester(session.conferences)
    cid = session.new_conference("Team")
    row = session.conferences.get(cid)
    assert row is not None and row.title == "Team" and row.joined
    assert [p.name for p in row.peers] == ["Alice"]
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
