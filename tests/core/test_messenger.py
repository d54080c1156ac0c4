"""Messenger: message splitting, ONLINE gating, the outgoing queue and its receipts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.sim.simnet import VirtualNetwork
from tests.sim.test_sessions import connect, events, pair
from toxgui.core.events import FriendConnection, Message, Receipt
from toxgui.core.messenger import PACKET_IDS
from toxgui.core.spec import MAX_MESSAGE_LENGTH
from toxgui.core.spec import split_utf8 as _split


def split_message(text: str) -> list[bytes]:
    return _split(text.encode())


def test_split_short_and_exact() -> None:
    assert split_message("x") == [b"x"]
    assert split_message("é" * 686) == ["é".encode() * 686]  # exactly 1372 bytes
    assert split_message("") == []


def test_split_prefers_whitespace_and_never_cuts_a_character() -> None:
    text = ("word " * 400).strip()
    parts = split_message(text)
    assert b"".join(parts).decode() == text
    assert all(len(p) <= MAX_MESSAGE_LENGTH for p in parts)
    assert all(p.endswith(b" ") for p in parts[:-1])
    snow = "☃" * 1000  # 3 bytes each, no whitespace
    parts = split_message(snow)
    assert [len(p) for p in parts] == [1371, 1371, 258]
    assert "".join(p.decode() for p in parts) == snow


@given(st.text(min_size=1, max_size=4000))
def test_split_round_trip(text: str) -> None:
    parts = split_message(text)
    assert all(1 <= len(p) <= MAX_MESSAGE_LENGTH for p in parts)
    assert "".join(p.decode("utf-8") for p in parts) == text


def test_nothing_reaches_messenger_before_online() -> None:
    net = VirtualNetwork(seed=41)
    a, b = pair(net)
    # a's Messenger is cut off, so a never says ONLINE
    a.friend_connection._status_listeners.clear()
    for pid in PACKET_IDS:
        a.friend_connection._packet_handlers[pid] = lambda pk, data, now: None
    a.friend_connection.set_route(b.public_key, b.dht_public_key, net.addr_of(b), net.now)
    net.kick(a)
    net.run_until(lambda: a.friend_connection.is_online(b.public_key)
                  and b.friend_connection.is_online(a.public_key), timeout=10)
    a.net_crypto.write(b.public_key, b"\x40early", net.now)
    net.kick(a)
    net.run_for(1)
    assert events(net, b, Message) == []
    assert not b.messenger.is_online(a.public_key)
    assert b.stats.drop_reasons["messenger: packet before ONLINE"] >= 1
    # ONLINE opens the gate
    a.net_crypto.write(b.public_key, b"\x18", net.now)
    a.net_crypto.write(b.public_key, b"\x40now", net.now)
    net.kick(a)
    net.run_until(lambda: events(net, b, Message), timeout=5)
    assert [m.text for m in events(net, b, Message)] == ["now"]


def test_in_flight_messages_are_resent_after_the_session_drops() -> None:
    net = VirtualNetwork(seed=42)
    a, b = pair(net)
    connect(net, a, b)
    net.block(net.addr_of(a), net.addr_of(b))
    ids = a.send_message(b.public_key, "through the outage", "normal", net.now)
    net.kick(a)
    net.run_until(lambda: not a.messenger.is_online(b.public_key), timeout=40)
    assert events(net, a, Receipt) == []
    assert [m.id for m in a.messenger.outgoing()[b.public_key]] == ids
    net.unblock(net.addr_of(a), net.addr_of(b))
    net.run_until(lambda: [r.id for r in events(net, a, Receipt)] == ids, timeout=60)
    assert events(net, b, Message)[-1].text == "through the outage"
    assert [e.status for e in events(net, a, FriendConnection)] == ["udp", "none", "udp"]
    assert a.messenger.outgoing() == {}


def test_restore_queue_keeps_ids_and_order() -> None:
    net = VirtualNetwork(seed=43)
    a, b = pair(net)
    a.messenger.restore(b.public_key, [(7, "normal", b"seven", 0.0), (5, "action", b"five", 0.0)], net.now)
    assert a.messenger.next_id == 8
    connect(net, a, b)
    net.run_until(lambda: len(events(net, a, Receipt)) == 2, timeout=10)
    assert [r.id for r in events(net, a, Receipt)] == [5, 7]
    assert [(m.kind, m.text) for m in events(net, b, Message)] == [("action", "five"), ("normal", "seven")]


def test_friend_connection_packets_alive_relays_and_requests() -> None:
    from toxgui.core.packets import friend_connection as fcp
    from toxgui.core.wire import PackedNode

    net = VirtualNetwork(seed=44)
    a, b = pair(net)
    connect(net, a, b)
    got: list[tuple[bytes, bytes, bytes]] = []
    b.friend_connection.on_friend_request(lambda pk, payload, now: got.append((pk, payload[1:5], payload[5:])))
    relay = PackedNode("10.1.2.3", 443, bytes(range(32)), tcp=True)
    a.net_crypto.write(b.public_key, fcp.ShareRelays((relay,)).encode(), net.now)
    a.friend_connection.send_friend_request(b.public_key, b"\x01\x02\x03\x04", b"hi there", net.now)
    net.kick(a)
    net.run_until(lambda: got, timeout=5)
    assert got == [(a.public_key, b"\x01\x02\x03\x04", b"hi there")]
    assert b.friend_connection.links[a.public_key].relays == [relay]
    # ALIVE every 8 s keeps the session up well past the 32 s timeout
    net.run_for(100)
    assert a.messenger.is_online(b.public_key) and b.messenger.is_online(a.public_key)
    assert a.friends.get(b.public_key).sessions == 1
