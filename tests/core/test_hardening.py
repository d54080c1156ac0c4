"""Regression tests for defects found by the adversarial review (security.md F1, F4, F5; the
architecture review's remove_friend and drop-counter findings; last_seen)."""

from __future__ import annotations

import random
import tracemalloc

import pytest

from tests.sim.simnet import SeededRng, VirtualNetwork
from tests.sim.test_sessions import connect, events, pair
from toxgui.core.crypto import LOW_ORDER_KEYS, KeyPair
from toxgui.core.events import Message
from toxgui.core.friends import Friend
from toxgui.core.node import ToxNode
from toxgui.core.packets import dht as P
from toxgui.core.packets.kinds import PacketKind
from toxgui.core.spec import Transport
from toxgui.core.wire import PackedNode

# Packet kinds whose handler does a key agreement with a key taken from the packet.
KEYED_KINDS = (0x00, 0x01, 0x02, 0x04, 0x18, 0x19, 0x1A, 0x20, 0x80, 0x81, 0x82, 0x83, 0x85, 0x86)


def make(seed: str) -> ToxNode:
    rng = SeededRng(seed)
    return ToxNode(KeyPair.generate(rng), rng.bytes(4), rng)


def low_order_datagrams(r: random.Random, count: int) -> list[bytes]:
    out = []
    for i in range(count):
        kind = KEYED_KINDS[i % len(KEYED_KINDS)]
        size = r.choice([33, 57, 82, 113, 124, 227, 300, 385, 600, 1000, 1400])
        body = bytearray(r.randbytes(size - 1))
        key = r.choice(LOW_ORDER_KEYS)
        at = r.choice([0, 24, 32]) if size > 90 else 0
        body[at : at + 32] = key
        out.append(bytes([kind]) + bytes(body))
    return out


def test_low_order_keys_are_counted_drops_not_internal_errors(caplog: pytest.LogCaptureFixture) -> None:
    node = make("low-order")
    r = random.Random(1)
    for data in low_order_datagrams(r, 3000):
        node.receive_datagram(data, ("127.0.0.1", 33445), 1.0)
    node.handle_timer(2.0)
    assert node.stats.internal_errors == 0
    assert node.stats.drop_reasons[f"{PacketKind.PING_REQUEST:#04x}: low-order key"] > 0
    assert not [rec for rec in caplog.records if rec.exc_info]


def test_node_lists_skip_low_order_keys_and_keep_the_rest() -> None:
    good = [PackedNode("127.0.0.1", 33445 + i, bytes([i + 1]) * 32) for i in range(3)]
    bad = PackedNode("127.0.0.1", 40000, LOW_ORDER_KEYS[0])
    plain = P.SendNodes((good[0], bad, good[1], good[2]), bytes(8)).encode()
    decoded = list(P.SendNodes.decode(plain).nodes)  # the decoder is faithful
    assert P.usable_nodes(decoded) == good  # the DHT uses the rest of the list
    # a DHT that is told of such a node never builds a packet for it
    node = make("skip")
    assert node.dht.bootstrap(("127.0.0.1", 40000), LOW_ORDER_KEYS[2], 0.0) is False
    assert node.dht.send_ping(("127.0.0.1", 40000), LOW_ORDER_KEYS[3], 0.0) is False
    assert node.stats.internal_errors == 0


def test_drop_reasons_stay_bounded_whatever_the_lengths() -> None:
    node = make("junk")
    r = random.Random(2)
    kinds = [0x00, 0x01, 0x02, 0x04, 0x18, 0x19, 0x1A, 0x1B, 0x20, 0x80, 0x83, 0x84, 0x85, 0x86, 0x8C]
    tracemalloc.start()
    for i in range(30_000):
        size = 1 + (i * 7919) % 1499
        node.receive_datagram(bytes([kinds[i % len(kinds)]]) + r.randbytes(size - 1), ("127.0.0.1", 1 + i % 60000), 1.0)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # one key per (kind, fixed reason code): a few dozen, not one per length
    assert len(node.stats.drop_reasons) < 80, sorted(node.stats.drop_reasons)
    assert len(node.net_crypto.counters) < 30, sorted(node.net_crypto.counters)
    assert node.stats.internal_errors == 0
    assert peak < 16 * 1024 * 1024


def test_one_friend_failing_does_not_starve_the_others(caplog: pytest.LogCaptureFixture) -> None:
    net = VirtualNetwork(seed=61)
    a, b = pair(net)
    c = net.create_node()
    a.friends.add(Friend(c.public_key), net.now)
    c.friends.add(Friend(a.public_key), net.now)
    # the first friend in a's list: servicing it raises (a bug), every tick
    victim = next(iter(a.friends))
    original = a.friend_connection._service

    def service(f: Friend, now: float) -> None:
        if f is victim:
            raise RuntimeError("a bug while servicing one friend")
        original(f, now)

    a.friend_connection._service = service  # type: ignore[method-assign]
    other = b if victim.public_key == c.public_key else c
    connect(net, a, other)
    net.run_for(40)  # past the 32 s timeout: ALIVE must keep flowing to the healthy friend
    assert a.messenger.is_online(other.public_key)
    assert a.stats.internal_errors >= 30
    assert len([rec for rec in caplog.records if rec.exc_info]) == 1  # logged once, counted always


def test_route_to_a_host_that_is_not_an_ip_is_refused_and_stored_nowhere() -> None:
    from toxgui.core.errors import ProtocolError

    net = VirtualNetwork(seed=62)
    a, b = pair(net)
    with pytest.raises(ProtocolError):
        a.friend_connection.set_route(b.public_key, b.dht_public_key, ("no-such-host", 33445), net.now)
    f = a.friends.get(b.public_key)
    assert f is not None and f.address is None
    net.run_for(3)
    assert a.stats.internal_errors == 0


def test_removed_friend_added_again_gets_nothing_queued_before_the_removal() -> None:
    net = VirtualNetwork(seed=63)
    a, b = pair(net)
    a.send_message(b.public_key, "queued before the removal", "normal", net.now)
    assert a.messenger.outgoing()
    assert a.remove_friend(b.public_key, net.now)
    assert not a.messenger.outgoing() and b.public_key not in a.messenger.peers
    assert b.public_key not in a.onion.client.searches and b.public_key not in a.friend_connection.links
    a.friends.add(Friend(b.public_key), net.now)
    connect(net, a, b)
    a.send_message(b.public_key, "after adding again", "normal", net.now)
    net.kick(a)
    net.run_until(lambda: bool(events(net, b, Message)), timeout=10)
    net.run_for(2)
    assert [m.text for m in events(net, b, Message)] == ["after adding again"]


def test_last_seen_follows_the_friend_while_online_and_is_kept_after() -> None:
    net = VirtualNetwork(seed=64)
    a, b = pair(net)
    f = a.friends.get(b.public_key)
    assert f is not None and f.last_seen == 0
    wall0 = 1_800_000_000.0
    mono0 = net.now
    assert a.export_friends(net.now, wall0)[0].last_seen == 0  # never seen
    connect(net, a, b)
    assert f.connection == Transport.UDP
    now = net.now
    assert a.export_friends(now, wall0 + (now - mono0))[0].last_seen == int(wall0 + (now - mono0))
    net.remove(b)
    net.run_until(lambda: f.connection == Transport.NONE, timeout=60)
    gone_at = net.now
    net.run_for(100)
    seen = a.export_friends(net.now, wall0 + (net.now - mono0))[0].last_seen
    # when it was last seen online, not now and not never
    assert 0 < seen <= int(wall0 + (gone_at - mono0)) and seen < int(wall0 + (net.now - mono0)) - 90


def test_onion_relay_refuses_destinations_a_relay_must_not_reach() -> None:
    from toxgui.core.onion.relay import forwardable

    wan = ("203.0.113.7", 33445)
    assert forwardable(("198.51.100.1", 33445), wan)
    assert not forwardable(("198.51.100.1", 0), wan)  # port 0
    assert not forwardable(("0.0.0.0", 33445), wan) and not forwardable(("::", 33445), wan)
    assert not forwardable(("224.0.0.1", 33445), wan) and not forwardable(("255.255.255.255", 33445), wan)
    # from the internet into a private network: refused; from the LAN (or loopback): as before
    for private in ("127.0.0.1", "10.0.0.5", "192.168.1.1", "172.16.0.9", "::1"):
        assert not forwardable((private, 33445), wan)
        assert forwardable((private, 33445), ("127.0.0.1", 40000))


def test_new_key_agreements_per_source_host_are_bounded() -> None:
    from toxgui.core.context import KeyAgreementBudget
    from toxgui.core.crypto import precompute

    node = make("budget")
    rng = SeededRng("senders")

    def ping_from(sender: KeyPair) -> bytes:
        shared = precompute(node.dht_public_key, sender.secret)
        return P.seal_ping(PacketKind.PING_REQUEST, sender.public, shared, rng.bytes(24), rng.bytes(8))

    t = 10.0
    for _ in range(5000):  # pings from 5000 fresh keys, one host, within 0.5 s
        node.receive_datagram(ping_from(KeyPair.generate(rng)), ("127.0.0.2", 40000), t)
        t += 0.0001
    refused = node.stats.key_agreements_refused
    assert refused > 0
    assert 5000 - refused <= KeyAgreementBudget.BURST + KeyAgreementBudget.RATE * 0.5 + 1
    assert node.stats.drop_reasons[f"{PacketKind.PING_REQUEST:#04x}: key agreement budget"] == refused
    assert node.stats.internal_errors == 0
    # another host is not affected
    node.datagrams_to_send()
    node.receive_datagram(ping_from(KeyPair.generate(rng)), ("127.0.0.3", 40000), t)
    assert [route for _, route in node.datagrams_to_send()] == [("127.0.0.3", 40000)]
    # and the first host is served again a moment later
    node.receive_datagram(ping_from(KeyPair.generate(rng)), ("127.0.0.2", 40000), t + 1.0)
    assert [route for _, route in node.datagrams_to_send()] == [("127.0.0.2", 40000)]
