"""Two toxgui nodes on the simulated network: sessions, stages, messages, loss, restarts."""

from __future__ import annotations

import pytest

from tests.sim.simnet import VirtualNetwork
from toxgui.core.events import FriendConnection, Message, Progress, Receipt, Stage
from toxgui.core.friends import Friend
from toxgui.core.net_crypto import ConnState
from toxgui.core.node import ToxNode
from toxgui.core.wire import PackedNode

SEED_ORDER = [
    Stage.AcquiringCookie,
    Stage.AwaitingHandshake,
    Stage.AwaitingSessionPacket,
    Stage.Established,
]


def _ensure_sessions(node: ToxNode) -> ToxNode:
    return node  # every ToxNode has its session layers


def pair(net: VirtualNetwork) -> tuple[ToxNode, ToxNode]:
    a = _ensure_sessions(net.create_node())
    b = _ensure_sessions(net.create_node())
    a.friends.add(Friend(b.public_key), net.now)
    b.friends.add(Friend(a.public_key), net.now)
    net.kick(a)
    net.kick(b)
    return a, b


def events(net: VirtualNetwork, node: ToxNode, kind: type) -> list:
    addr = net.addr_of(node)
    return [e for _, ad, e in net.trace if ad == addr and isinstance(e, kind)]


def stages(net: VirtualNetwork, node: ToxNode) -> list[Stage]:
    out: list[Stage] = []
    for e in events(net, node, Progress):
        if not out or out[-1] != e.stage:
            out.append(e.stage)
    return out


def online(a: ToxNode, b: ToxNode) -> bool:
    return a.messenger.is_online(b.public_key) and b.messenger.is_online(a.public_key)


def connect(net: VirtualNetwork, a: ToxNode, b: ToxNode, timeout: float = 30.0) -> float:
    t0 = net.now
    a.friend_connection.set_route(b.public_key, b.dht_public_key, net.addr_of(b), net.now)
    net.kick(a)
    net.run_until(lambda: online(a, b), timeout=timeout)
    return net.now - t0


def test_one_side_knows_the_route_both_reach_established() -> None:
    net = VirtualNetwork(seed=11)
    a, b = pair(net)
    took = connect(net, a, b)
    assert took < 2.0
    # the initiator walks every stage in the seed's order
    assert stages(net, a) == SEED_ORDER
    # the answering side jumps in with the inbound handshake
    assert stages(net, b) == [Stage.AwaitingSessionPacket, Stage.Established]
    ca = a.net_crypto.conns[b.public_key]
    cb = b.net_crypto.conns[a.public_key]
    assert ca.state == cb.state == ConnState.ESTABLISHED
    assert ca.shared == cb.shared
    fa = a.friends.get(b.public_key)
    assert fa is not None and fa.stage == Stage.Established and fa.connection == "udp"
    assert fa.facts(net.now).address == "{}:{}".format(*net.addr_of(b))
    assert [e.status for e in events(net, a, FriendConnection)] == ["udp"]
    assert a.stats.internal_errors == b.stats.internal_errors == 0


def test_simultaneous_open_matching_session_keys() -> None:
    net = VirtualNetwork(seed=5, latency=(0.05, 0.05))
    a, b = pair(net)
    a.friend_connection.set_route(b.public_key, b.dht_public_key, net.addr_of(b), net.now)
    b.friend_connection.set_route(a.public_key, a.dht_public_key, net.addr_of(a), net.now)
    net.kick(a)
    net.kick(b)
    net.run_until(lambda: online(a, b), timeout=30)
    ca = a.net_crypto.conns[b.public_key]
    cb = b.net_crypto.conns[a.public_key]
    assert ca.shared == cb.shared
    assert ca.peer_session_pk == cb.session.public and cb.peer_session_pk == ca.session.public
    # both sides sent cookie requests and handshakes: a true simultaneous open
    assert net.stats.by_kind[0x18] >= 2 and net.stats.by_kind[0x1A] >= 2
    for node in (a, b):
        assert stages(net, node)[:2] == [Stage.AcquiringCookie, Stage.AwaitingHandshake]
        assert stages(net, node)[-1] == Stage.Established


def test_messages_names_statuses_typing_both_ways() -> None:
    net = VirtualNetwork(seed=3)
    a, b = pair(net)
    a.set_name(b"alice", net.now)
    connect(net, a, b)
    net.run_for(1.0)
    assert b.friends.get(a.public_key).name == b"alice"
    b.set_name("bøb".encode(), net.now)
    b.set_status_message(b"out for lunch", net.now)
    b.set_status(2, net.now)
    b.set_typing(a.public_key, True, net.now)
    ids = a.send_message(b.public_key, "hi ☃", "normal", net.now)
    ids += a.send_message(b.public_key, "waves", "action", net.now)
    net.kick(a)
    net.kick(b)
    fa = a.friends.get(b.public_key)
    net.run_until(lambda: len(events(net, a, Receipt)) == 2 and fa.user_status == 2
                  and a.messenger.peer(b.public_key).friend_typing, timeout=10)
    assert (fa.name, fa.status_message, fa.user_status) == ("bøb".encode(), b"out for lunch", 2)
    assert [(m.kind, m.text) for m in events(net, b, Message)] == [("normal", "hi ☃"), ("action", "waves")]
    assert [r.id for r in events(net, a, Receipt)] == ids
    assert a.messenger.peer(b.public_key).friend_typing is True


def test_offline_queue_is_sent_when_the_session_comes_up() -> None:
    net = VirtualNetwork(seed=4)
    a, b = pair(net)
    ids = a.send_message(b.public_key, "x" * 3000, "normal", net.now)
    assert len(ids) == 3  # split: 1372 + 1372 + 256
    net.run_for(5)
    assert events(net, a, Receipt) == []
    connect(net, a, b)
    net.run_until(lambda: len(events(net, a, Receipt)) == 3, timeout=10)
    assert "".join(m.text for m in events(net, b, Message)) == "x" * 3000
    assert a.messenger.outgoing() == {}


@pytest.mark.slow
def test_thousand_messages_each_way_with_loss_reordering_and_jitter() -> None:
    net = VirtualNetwork(seed=20, latency=(0.01, 0.12), loss=0.2, reorder=0.1, reorder_delay=0.2)
    a, b = pair(net)
    connect(net, a, b, timeout=60)
    n = 1000
    ids_a: list[int] = []
    ids_b: list[int] = []
    for i in range(n):
        ids_a += a.send_message(b.public_key, f"a{i}", "normal", net.now)
        ids_b += b.send_message(a.public_key, f"b{i}", "normal", net.now)
    net.kick(a)
    net.kick(b)
    t0 = net.now

    def done() -> bool:
        return all(len(events(net, x, k)) >= n for x in (a, b) for k in (Receipt, Message))

    net.run_until(done, timeout=300, poll=0.5)
    assert [m.text for m in events(net, b, Message)] == [f"a{i}" for i in range(n)]
    assert [m.text for m in events(net, a, Message)] == [f"b{i}" for i in range(n)]
    assert [r.id for r in events(net, a, Receipt)] == ids_a
    assert [r.id for r in events(net, b, Receipt)] == ids_b
    assert net.stats.lost > 0
    assert net.now - t0 < 60
    # one session throughout: loss never cost the connection
    assert a.friends.get(b.public_key).sessions == 1
    assert a.stats.internal_errors == b.stats.internal_errors == 0


def test_cookie_timeout_falls_back_to_acquiring_ip_address() -> None:
    net = VirtualNetwork(seed=6)
    a, b = pair(net)
    gone = net.addr_of(b)
    net.remove(b)  # the peer is gone: nobody answers at its address
    a.friend_connection.set_route(b.public_key, b.dht_public_key, gone, net.now)
    net.kick(a)
    fa = a.friends.get(b.public_key)
    net.run_until(lambda: fa.stage == Stage.AcquiringIPAddress, timeout=20)
    assert stages(net, a) == [Stage.AcquiringCookie, Stage.AcquiringIPAddress]
    assert 7.0 <= net.now <= 10.0  # 8 cookie requests a second apart
    assert net.stats.by_kind[0x18] == 8
    facts = fa.facts(net.now)
    assert facts.stale_address == "{}:{}".format(*gone) and facts.cookie_timeouts == 1
    # the stale address is left alone for a while, then tried again
    net.run_for(5)
    assert net.stats.by_kind[0x18] == 8
    net.run_until(lambda: fa.stage == Stage.AcquiringCookie, timeout=10)


def test_kill_packet_takes_the_friend_offline_at_once() -> None:
    net = VirtualNetwork(seed=7)
    a, b = pair(net)
    connect(net, a, b)
    b.net_crypto.kill(a.public_key, net.now, reason="quitting")
    net.kick(b)
    t0 = net.now
    net.run_until(lambda: not a.messenger.is_online(b.public_key), timeout=5)
    assert net.now - t0 < 0.5
    assert events(net, a, FriendConnection)[-1].status == "none"
    assert a.friends.get(b.public_key).stage == Stage.AcquiringIPAddress


def test_silent_peer_times_out_within_32_seconds() -> None:
    net = VirtualNetwork(seed=8)
    a, b = pair(net)
    connect(net, a, b)
    t0 = net.now
    net.remove(b)
    net.run_until(lambda: not a.messenger.is_online(b.public_key), timeout=40)
    assert 24.0 <= net.now - t0 <= 33.0


def test_restarted_peer_new_dht_key_and_port_reconnects() -> None:
    net = VirtualNetwork(seed=9)
    a, b = pair(net)
    connect(net, a, b)
    old_shared = a.net_crypto.conns[b.public_key].shared
    # b restarts: same long-term key, new DHT key, new address; it knows where a is
    long_term = b.ctx.long_term
    net.remove(b)
    b2 = _ensure_sessions(net.create_node(long_term=long_term))
    b2.friends.add(Friend(a.public_key), net.now)
    b2.friend_connection.set_route(a.public_key, a.dht_public_key, net.addr_of(a), net.now)
    net.kick(b2)
    net.run_until(lambda: a.messenger.is_online(b2.public_key) and b2.messenger.is_online(a.public_key)
                  and a.net_crypto.conns[b.public_key].dht_key == b2.dht_public_key, timeout=40)
    ca = a.net_crypto.conns[b.public_key]
    assert ca.shared != old_shared and ca.addr == net.addr_of(b2)
    assert a.friends.get(b.public_key).dht_key == b2.dht_public_key
    ids = a.send_message(b.public_key, "welcome back", "normal", net.now)
    net.kick(a)
    net.run_until(lambda: [r.id for r in events(net, a, Receipt)] == ids, timeout=10)


def test_peer_restarting_on_the_same_address_is_taken_back_at_once() -> None:
    net = VirtualNetwork(seed=10)
    a, b = pair(net)
    connect(net, a, b)
    addr, long_term = net.addr_of(b), b.ctx.long_term
    net.remove(b)
    b2 = _ensure_sessions(net.create_node(addr=addr, long_term=long_term))
    b2.friends.add(Friend(a.public_key), net.now)
    t0 = net.now
    b2.friend_connection.set_route(a.public_key, a.dht_public_key, net.addr_of(a), net.now)
    net.kick(b2)
    net.run_until(lambda: b2.messenger.is_online(a.public_key)
                  and a.net_crypto.conns[b.public_key].dht_key == b2.dht_public_key
                  and a.messenger.is_online(b.public_key), timeout=40)
    # not after the 32 s ALIVE timeout of the old session: the new handshake replaced it
    assert net.now - t0 < 3.0
    assert a.friends.get(b.public_key).sessions == 2


def test_a_dht_key_from_the_onion_leads_to_a_session_without_waiting_for_a_tick() -> None:
    """Friends who learn each other's DHT key through the onion (DHTPK) reach Established within
    a few round trips of that moment: the key starts the search and the session at once, the
    DHTPK names the sender itself as a node (its bound address), so the friend's first ping finds
    it, and the cookie request waiting for an address goes out when the address arrives, none of
    them at the next one-second tick."""
    net = VirtualNetwork(seed=23, latency=(0.005, 0.01))
    seeds = [net.create_node() for _ in range(4)]
    a, b = net.create_node(), net.create_node()
    for x in (*seeds, a, b):
        x.set_local_address(*net.addr_of(x))
        for s in seeds:
            if s is not x:
                x.bootstrap(*net.addr_of(s), s.dht_public_key, net.now)
        net.kick(x)
    a.friends.add(Friend(b.public_key), net.now)
    b.friends.add(Friend(a.public_key), net.now)
    net.kick(a)
    net.kick(b)
    net.run_until(lambda: online(a, b), timeout=60)
    me = PackedNode(*net.addr_of(a), a.dht_public_key)
    assert me in a.dhtpk.payload(net.now).nodes
    for x, y in ((a, b), (b, a)):
        f = x.friends.get(y.public_key)
        assert f is not None and f.dht_key == y.dht_public_key and f.dht_key_learned is not None
        est = [t for t, ad, e in net.trace
               if ad == net.addr_of(x) and isinstance(e, Progress) and e.stage == Stage.Established]
        assert est, "each side reports Established"
        # Round trips here are 10-20 ms: ping, cookie, handshake, session, with the DHT's 50 ms
        # flush spacing, is far below the 1 s tick that used to gate each step.
        assert est[0] - f.dht_key_learned < 0.3
    assert a.stats.internal_errors == b.stats.internal_errors == 0
