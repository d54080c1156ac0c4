"""The desktop app keeps one persistent outgoing queue: the service's outbox (toxgui/store/
outbox.py). The history database records each message and its state for display; it never
re-sends. A message written to an offline friend survives a restart of the app and reaches the
friend exactly once."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bench import profiles as P
from tests.gui.conftest import wait_signal
from toxgui.app.gui_backend import ClientBackend
from toxgui.app.service import ClientOptions, ToxClient
from toxgui.core.events import Event, Message
from toxgui.models.session import Session
from toxgui.store.history import History, State
from toxgui.store.profile import Profile

OPTS = dict(bind_host="127.0.0.1", ipv6=False, lan_discovery=False)


async def test_offline_message_survives_restart_and_arrives_once(qapp, tmp_path: Path) -> None:
    a, b = P.new_identity("Alice"), P.new_identity("Bob")
    P.befriend(a, b)
    pa, pb = P.write_toxgui(a, tmp_path / "alice.tox"), P.write_toxgui(b, tmp_path / "bob.tox")
    db = tmp_path / "alice.db"

    # Alice's app, Bob offline: the message goes to the service (queued), the history says sent.
    alice = ToxClient(Profile.load(pa), ClientOptions(**OPTS))  # type: ignore[arg-type]
    await alice.start()
    session = Session(ClientBackend(alice), History(db))
    (hid,) = session.send_text(b.public_key, "written while Bob was away")
    assert session.history.get(hid).state == State.SENT  # type: ignore[union-attr]
    queued = alice.outbox.load()
    assert [m[2] for m in queued[b.public_key]] == [b"written while Bob was away"]
    session.close()
    await alice.stop()
    alice.profile.close()

    # Restart: the outbox puts the message back in the messenger; the session hands over nothing.
    alice = ToxClient(Profile.load(pa), ClientOptions(**OPTS))  # type: ignore[arg-type]
    await alice.start()
    backend = ClientBackend(alice)
    handed: list[str] = []
    send = backend.send_message
    backend.send_message = lambda pk, text, kind="normal": handed.append(text) or send(pk, text, kind)  # type: ignore[method-assign]
    session = Session(backend, History(db))
    assert handed == []

    bob = ToxClient(Profile.load(pb), ClientOptions(**OPTS))  # type: ignore[arg-type]
    got: list[str] = []
    marker = asyncio.Event()

    def on_bob(ev: Event) -> None:
        if isinstance(ev, Message):
            got.append(ev.text)
            if ev.text == "marker":
                marker.set()

    bob.subscribe(on_bob)
    await bob.start()
    try:
        delivered = wait_signal(session.message_state_changed, lambda pk, mid, st: mid == hid and st == State.DELIVERED,
                                timeout=30)
        alice.set_route(bob.public_key, bob.dht_key, "127.0.0.1", bob.udp_port)
        bob.set_route(alice.public_key, alice.dht_key, "127.0.0.1", alice.udp_port)
        await delivered
        # A marker after it: the messenger delivers in order, so a duplicate would be in before it.
        session.send_text(b.public_key, "marker")
        await asyncio.wait_for(marker.wait(), 30)
        assert got.count("written while Bob was away") == 1, got
        assert handed == ["marker"]
    finally:
        session.close()
        await bob.stop()
        bob.profile.close()
        await alice.stop()
        alice.profile.close()
