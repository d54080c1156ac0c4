"""Item models (checked with Qt's QAbstractItemModelTester) and the session's event handling."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QModelIndex, Qt

from tests.gui.conftest import wait_signal
from tests.gui.fake_backend import FakeBackend, key_for, tox_id_for
from toxgui.core.events import Stage
from toxgui.core.toxid import ToxIdChecksum
from toxgui.models.backend import MAX_MESSAGE_LENGTH, Backend, split_message
from toxgui.models.chat import ChatModel
from toxgui.models.contacts import ContactFilterProxy, ContactListModel, ContactRow
from toxgui.models.dashboard import ConnectionDashboard, StageListModel, describe
from toxgui.models.requests import FriendRequestModel
from toxgui.models.roles import Role
from toxgui.models.session import Session
from toxgui.store.history import Direction, History, Kind, State


def test_fake_backend_implements_protocol() -> None:
    assert isinstance(FakeBackend(), Backend)


# --- split_message -------------------------------------------------------------------------


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=4000), st.integers(4, 1400))
def test_split_message_parts_fit_and_rejoin(text: str, limit: int) -> None:
    parts = split_message(text, limit)
    assert "".join(parts) == text
    assert all(0 < len(p.encode()) <= limit for p in parts)


def test_split_message_prefers_whitespace() -> None:
    text = ("word " * 400).strip()
    parts = split_message(text)
    assert len(parts) == 2
    assert parts[0].endswith(" ") and len(parts[0].encode()) <= MAX_MESSAGE_LENGTH
    # without whitespace: cut at a character boundary (3-byte characters)
    parts = split_message("€" * 1000)
    assert [len(p) for p in parts] == [457, 457, 86]


_DB_NUMBERS = itertools.count()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=6000).filter(
    lambda t: t.strip() and not t.startswith("/")))
def test_every_caller_splits_a_message_identically(text: str, tmp_path: Path, qapp) -> None:
    """The GUI's session, the core's messenger and the one splitter cut any text at the same
    places (the GUI and the core once disagreed on "a " + "x" * 2000 and on no-break spaces)."""
    from tests.sim.simnet import VirtualNetwork
    from tests.sim.test_sessions import pair

    want = split_message(text)
    assert "".join(want) == text and all(0 < len(p.encode()) <= MAX_MESSAGE_LENGTH for p in want)
    net = VirtualNetwork(seed=1)
    a, b = pair(net)
    a.send_message(b.public_key, text, "normal", net.now)
    assert [m.data.decode() for m in a.messenger.outgoing()[b.public_key]] == want
    backend = FakeBackend()
    pk = backend.add_friend_direct("Bob")
    db = tmp_path / f"split-{next(_DB_NUMBERS)}.db"
    session = Session(backend, History(db))
    session.send_text(pk, text)
    backend.connect(pk)
    assert [sent[1] for sent in backend.sent] == want
    session.history.close()


def test_the_splitters_used_to_disagree_here() -> None:
    assert [len(p.encode()) for p in split_message("a " + "x" * 2000)] == [1372, 630]
    nbsp = "\u00a0".join(["word"] * 400)
    assert all(not p.endswith("\u00a0") for p in split_message(nbsp)[:-1])  # not a break point


# --- models under QAbstractItemModelTester -------------------------------------------------


def test_contact_model_and_proxy(qtmodeltester, qapp) -> None:
    model = ContactListModel()
    proxy = ContactFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(model, force_py=False)
    a, b, c = key_for("a"), key_for("b"), key_for("c")
    model.upsert(ContactRow(a, name="zoe"))
    model.upsert(ContactRow(b, name="Adam", status_message="hiking"))
    model.upsert(ContactRow(c, name="mia"))
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)

    def order() -> list[str]:
        return [proxy.index(i, 0).data() for i in range(proxy.rowCount())]

    assert order() == ["Adam", "mia", "zoe"]
    model.update(a, connection="udp")  # online first
    assert order() == ["zoe", "Adam", "mia"]
    assert model.index_of(a).data(Role.Presence) == "online"
    model.update(a, user_status="busy")
    assert model.index_of(a).data(Role.Presence) == "busy"
    proxy.set_search("HIK")
    assert order() == ["Adam"]
    proxy.set_search(key_for("c").hex()[:10])
    assert order() == ["mia"]
    proxy.set_search("")
    model.update(b, stage=Stage.AcquiringCookie, unread=3)
    ix = model.index_of(b)
    assert ix.data(Role.StageIndex) == 2 and ix.data(Role.Unread) == 3
    assert model.remove(c) and order() == ["zoe", "Adam"]
    qtmodeltester.check(proxy)


def test_contact_model_emits_only_changed_roles(qapp) -> None:
    model = ContactListModel()
    pk = key_for("x")
    model.upsert(ContactRow(pk))
    seen: list[list[int]] = []
    model.dataChanged.connect(lambda a, b, roles: seen.append(list(roles)))
    model.update(pk, unread=1)
    model.update(pk, unread=1)  # no change, no signal
    assert [sorted(r) for r in seen] == [sorted([int(Role.Unread), int(Qt.ItemDataRole.AccessibleTextRole)])]


def test_chat_model_pages_and_states(qtmodeltester, history: History) -> None:
    pk = key_for("friend")
    history.add_many((pk, Direction.IN, f"m{i}", Kind.NORMAL, 100.0 + i, State.DELIVERED) for i in range(120))
    qtmodeltester.check(ChatModel(history, pk, page=50))  # the tester itself fetches all pages
    model = ChatModel(history, pk, page=50)
    assert model.rowCount() == 50 and model.index(0, 0).data() == "m70"
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 120 and not model.canFetchMore(QModelIndex())
    assert [model.index(i, 0).data() for i in (0, 119)] == ["m0", "m119"]
    m = history.add_outgoing(pk, "new", ts=999.0)
    model.append(m)
    model.append(m)  # idempotent
    assert model.rowCount() == 121
    assert model.index(120, 0).data(Role.DeliveryState) == State.PENDING
    assert model.set_state(m.id, State.DELIVERED)
    assert model.index(120, 0).data(Role.DeliveryState) == State.DELIVERED
    qtmodeltester.check(model)


def test_request_and_stage_models(qtmodeltester, qapp) -> None:
    reqs = FriendRequestModel()
    reqs.add(key_for("r1"), "hi", 1.0)
    reqs.add(key_for("r2"), "hello", 2.0)
    reqs.add(key_for("r1"), "hi again", 3.0)
    qtmodeltester.check(reqs)
    assert len(reqs) == 2 and reqs.index(0, 0).data(Role.Message) == "hi again"
    assert reqs.remove(key_for("r2")) and not reqs.remove(key_for("r2"))
    stages = StageListModel()
    stages.set_state(Stage.AcquiringCookie, {Stage.AwaitingDHTKey: 1.0, Stage.AcquiringCookie: 5.0})
    qtmodeltester.check(stages)
    states = [stages.index(i, 0).data(Role.StageState) for i in range(6)]
    assert states == ["done", "done", "current", "todo", "todo", "todo"]
    assert stages.index(2, 0).data(Role.Entered) == 5.0 and stages.index(4, 0).data(Role.Entered) is None


# --- session ------------------------------------------------------------------------------


def test_session_add_friend_and_validation(session: Session, backend: FakeBackend) -> None:
    with pytest.raises(ToxIdChecksum):
        session.add_friend(tox_id_for("bob")[:-1] + "0", "hi")
    with pytest.raises(ValueError, match="empty"):
        session.add_friend(tox_id_for("bob"), "")
    pk = session.add_friend(tox_id_for("bob"), "hi bob")
    assert session.is_friend(pk) and len(session.contacts) == 1
    with pytest.raises(ValueError, match="already"):
        session.add_friend(tox_id_for("bob"), "hi again")


def test_session_requests_accept_decline(session: Session, backend: FakeBackend) -> None:
    counts: list[int] = []
    session.request_count_changed.connect(counts.append)
    carol = backend.incoming_request("carol", "Carol here")
    dave = backend.incoming_request("dave", "Dave here")
    assert len(session.requests) == 2
    session.accept_request(carol)
    assert session.is_friend(carol) and carol not in session.requests
    session.decline_request(dave)
    assert not session.is_friend(dave) and len(session.requests) == 0
    assert counts == [1, 2, 1, 0]


def test_session_queue_flushes_on_connect_and_receipts(session: Session, backend: FakeBackend) -> None:
    pk = backend.add_friend_direct("Bob")
    chat = session.chat(pk)
    ids = session.send_text(pk, "are you there?")
    assert chat.index(0, 0).data(Role.DeliveryState) == State.PENDING and backend.sent == []
    backend.connect(pk)
    assert [s[1] for s in backend.sent] == ["are you there?"]
    assert session.history.get(ids[0]).state == State.SENT
    backend.receipt(pk, backend.sent[0][3])
    assert chat.index(0, 0).data(Role.DeliveryState) == State.DELIVERED
    # a sent message without receipt goes back to pending when the link drops, and is resent
    session.send_text(pk, "/me waves")
    assert backend.sent[-1][1:3] == ("waves", "action")
    backend.disconnect(pk)
    assert chat.index(1, 0).data(Role.DeliveryState) == State.PENDING
    assert chat.index(1, 0).data(Role.Kind) == "action"
    backend.connect(pk)
    assert [s[1] for s in backend.sent] == ["are you there?", "waves", "waves"]


def test_session_long_message_is_split(session: Session, backend: FakeBackend) -> None:
    pk = backend.add_echo_friend()
    text = "x" * (MAX_MESSAGE_LENGTH * 2 + 10)
    ids = session.send_text(pk, text)
    assert len(ids) == 3 and "".join(s[1] for s in backend.sent) == text


def test_session_queue_survives_restart(tmp_path: Path, qapp) -> None:
    backend = FakeBackend()
    pk = backend.add_friend_direct("Bob")
    h = History(tmp_path / "p.db")
    s = Session(backend, h)
    s.send_text(pk, "see you later")
    s.close()
    backend2 = FakeBackend()
    backend2.add_friend_direct("Bob")
    h2 = History(tmp_path / "p.db")
    s2 = Session(backend2, h2)
    assert s2.chat(pk).index(0, 0).data(Role.DeliveryState) == State.PENDING
    backend2.connect(pk)
    assert [x[1] for x in backend2.sent] == ["see you later"]
    s2.close()


def test_session_incoming_unread_typing_names(session: Session, backend: FakeBackend) -> None:
    pk = backend.add_friend_direct("Bob", "at work")
    row = session.contacts.get(pk)
    assert row is not None and row.name == "Bob" and row.status_message == "at work"
    backend.connect(pk)
    backend.friend_typing(pk, True)
    assert session.contacts.get(pk).typing
    backend.deliver(pk, "hello")
    backend.deliver(pk, "pokes you", "action")
    row = session.contacts.get(pk)
    assert row.unread == 2 and not row.typing
    session.set_active_chat(pk)
    assert session.contacts.get(pk).unread == 0
    rows = session.chat(pk).rows()
    assert [(r.text, r.kind, r.outgoing) for r in rows] == [
        ("hello", "normal", False),
        ("pokes you", "action", False),
    ]
    backend.set_friend_status(pk, "away")
    assert session.contacts.get(pk).presence == "away"
    session.set_typing(pk, True)
    assert backend.typing[pk] is True


def test_session_stage_log_and_dashboard(session: Session, backend: FakeBackend) -> None:
    t = [1000.0]
    session.clock = lambda: t[0]
    pk = backend.add_friend_direct("Bob")
    dash = ConnectionDashboard(session, clock=lambda: t[0])
    dash.set_friend(pk)
    changes: list[int] = []
    dash.changed.connect(lambda: changes.append(1))
    reads = backend.facts_reads
    t[0] = 1005.0
    backend.advance(pk)
    t[0] = 1010.0
    backend.advance(pk)
    assert backend.facts_reads == reads + 2 and len(changes) == 2
    assert dash.stages.current() == Stage.AcquiringCookie
    log = session.stage_log(pk)
    assert log[Stage.AcquiringIPAddress] == 1005.0 and log[Stage.AcquiringCookie] == 1010.0
    assert "127.0.0.1:33447" in dash.summary()
    backend.disconnect(pk)  # Progress + FriendConnection: two reads
    assert set(session.stage_log(pk)) == {Stage.AwaitingDHTKey}
    assert backend.facts_reads == reads + 4
    other = backend.add_friend_direct("Carol")
    backend.advance(other)  # events for another friend do not touch this dashboard's facts
    assert backend.facts_reads == reads + 4


def test_describe_says_what_is_awaited() -> None:
    now = 1000.0
    facts = {"stage": Stage.AwaitingDHTKey, "announce_nodes": 4, "next_search": now + 3}
    s = describe("Alice", facts, {"onion_paths": 2}, now)
    assert s == "Looking for Alice's current DHT key on the onion: asked 4 node(s), next search in 3 s."
    assert "onion paths" in describe("Alice", facts, {"onion_paths": 0}, now)
    facts = {
        "stage": Stage.AcquiringCookie,
        "attempts": 2,
        "next_retry": now + 1.2,
        "address": "10.0.0.2:33445",
    }
    assert describe("Alice", facts, {}, now) == (
        "Alice is at 10.0.0.2:33445. Asking for a cookie to start the handshake: attempt 2, next retry in 2 s."
    )
    facts = {
        "stage": Stage.Established,
        "transport": "udp",
        "address": "10.0.0.2:33445",
        "last_packet": now - 5,
    }
    assert describe("Alice", facts, {}, now) == "Connected to Alice over UDP at 10.0.0.2:33445. Last packet 5 s ago."


async def test_echo_friend_roundtrip_on_qasync(session: Session, backend: FakeBackend) -> None:
    pk = backend.add_echo_friend()
    chat = session.chat(pk)
    t0 = time.monotonic()
    delivered = wait_signal(session.message_state_changed, lambda p, mid, st: st == State.DELIVERED)
    echoed = wait_signal(session.message_received)  # listening from the start: the echo follows the
    ids = session.send_text(pk, "ping")  # receipt by 20 ms, which a busy loop may take to resume us
    await delivered
    assert chat.index(0, 0).data(Role.DeliveryState) == State.DELIVERED and ids
    await echoed
    assert [r.text for r in chat.rows()] == ["ping", "ping"] and not chat.rows()[1].outgoing
    assert time.monotonic() - t0 < 2


def test_session_with_queueing_backend_hands_over_at_once_and_never_resends(qapp, tmp_path: Path) -> None:
    backend = FakeBackend(queueing=True)
    pk = backend.add_friend_direct("Bob")
    s = Session(backend, History(tmp_path / "q.db"))
    assert s.backend_queues
    chat = s.chat(pk)
    s.send_text(pk, "while you were away")
    assert chat.index(0, 0).data(Role.DeliveryState) == State.SENT and backend.sent == []
    backend.connect(pk)  # the backend transmits its own queue
    assert [m[1] for m in backend.sent] == ["while you were away"]
    backend.disconnect(pk)
    backend.connect(pk)
    assert len(backend.sent) == 1  # no duplicate from the session
    backend.receipt(pk, backend.sent[0][3])
    assert chat.index(0, 0).data(Role.DeliveryState) == State.DELIVERED
    s.close()


def test_session_learns_that_a_backend_queues(qapp, tmp_path: Path) -> None:
    backend = FakeBackend(queueing=True)
    del backend.queues_messages  # undeclared: found out when it takes a message for an offline friend
    pk = backend.add_friend_direct("Bob")
    s = Session(backend, History(tmp_path / "q.db"))
    assert not s.backend_queues
    s.send_text(pk, "hi")
    assert s.backend_queues and s.chat(pk).rows()[0].state == State.SENT
    s.close()


def test_session_requeues_unconfirmed_after_restart_for_refusing_backend(qapp, tmp_path: Path) -> None:
    backend = FakeBackend()
    pk = backend.add_friend_direct("Bob")
    backend.connect(pk)
    s = Session(backend, History(tmp_path / "r.db"))
    s.send_text(pk, "lost in flight")
    assert len(backend.sent) == 1
    s.close()
    backend2 = FakeBackend()
    backend2.add_friend_direct("Bob")
    s2 = Session(backend2, History(tmp_path / "r.db"))
    assert s2.chat(pk).rows()[0].state == State.PENDING
    backend2.connect(pk)
    assert [m[1] for m in backend2.sent] == ["lost in flight"]
    s2.close()


def test_dashboard_countdowns_never_read_in_now_and_failing_search_says_offline() -> None:
    from toxgui.models.dashboard import OFFLINE_AFTER_SEARCHES, describe, fmt_next

    now = 1000.0
    assert fmt_next(-3.0, "search") == "searching now" and fmt_next(0.2, "retry") == "retrying now"
    assert fmt_next(3.0, "search") == "next search in 3 s"
    facts = {"stage": Stage.AwaitingDHTKey, "announce_nodes": 0, "search_attempts": 2, "next_search": now - 5}
    text = describe("Alice", facts, {"onion_paths": 2}, now)
    assert text == "Looking for Alice's current DHT key on the onion: searching now."
    assert "in now" not in text
    facts["search_attempts"] = OFFLINE_AFTER_SEARCHES + 2
    facts["next_search"] = now + 30
    offline = describe("Alice", facts, {"onion_paths": 2}, now)
    assert offline.startswith("Alice seems to be offline: 12 onion searches found no node that Alice announced to.")
    assert "Last seen: never" in offline and offline.endswith("next search in 30 s.")
    facts["last_seen"] = time.time() - 180
    assert "Last seen: 3 min ago" in describe("Alice", facts, {"onion_paths": 2}, now)


def test_window_geometry_is_stored_as_a_qt_byte_array(qapp, tmp_path) -> None:
    from toxgui.models.settings import AppSettings

    s = AppSettings(tmp_path / "cfg")
    s.set_geometry(b"\x01\xd9\xd0\xcb geometry")
    s.sync()
    ini = next((tmp_path / "cfg").rglob("*.ini")).read_text(encoding="utf-8", errors="replace")
    assert "@ByteArray(" in ini and "pickle" not in ini.lower() and "@Variant" not in ini
    assert AppSettings(tmp_path / "cfg").geometry() == b"\x01\xd9\xd0\xcb geometry"


def test_dates_under_the_c_locale_are_readable(qapp) -> None:
    import re

    from PySide6.QtCore import QDateTime, QLocale

    from toxgui.ui.locale import display_locale

    before = QLocale()
    try:
        QLocale.setDefault(QLocale.c())  # LANG=C.UTF-8: Qt's own C formats read "30 11 2026 00:53"
        text = display_locale().toString(QDateTime.fromSecsSinceEpoch(1_796_000_000), QLocale.FormatType.ShortFormat)
        assert not re.search(r"\d+ \d+ \d{4}", text), text
        assert "2026" in text
    finally:
        QLocale.setDefault(before)


def test_password_strength_is_an_entropy_estimate() -> None:
    from toxgui.ui.dialogs.profile_chooser import password_strength, strength_text

    assert strength_text(password_strength("secret1")) == "Weak password"  # a word and a digit
    assert strength_text(password_strength("aaaaaaaaaaaaaaaa")) == "Weak password"
    assert strength_text(password_strength("Password2024")) == "Weak password"
    assert strength_text(password_strength("xK9#mQ2$pL7!vB4&")) == "Strong password"  # 16 random characters
    assert strength_text(password_strength("correct horse battery staple")) != "Weak password"  # four words
    assert password_strength("correct horse") > password_strength("abc") > 0
