"""The onion client: paths, self-announce, friend search schedule, sendbacks, no busy loop."""

from __future__ import annotations

from tests.sim.simnet import SeededRng, VirtualNetwork
from toxgui.app.waiting import waiting_for
from toxgui.core.crypto import KeyPair
from toxgui.core.node import ToxNode
from toxgui.core.onion import constants as C
from toxgui.core.onion.paths import Path, PathPool
from toxgui.core.packets import onion as P
from toxgui.core.packets.kinds import PacketKind
from toxgui.core.toxid import ToxId
from toxgui.core.wire import PackedNode


def network(n: int, seed: int, loss: float = 0.0) -> tuple[VirtualNetwork, list[ToxNode]]:
    net = VirtualNetwork(seed=seed, loss=loss)
    nodes = [net.create_node() for _ in range(n)]
    for x in nodes[1:]:
        x.bootstrap(*net.addr_of(nodes[0]), nodes[0].dht_public_key, net.now)
        net.kick(x)
    return net, nodes


def test_path_timeouts_and_lifetime() -> None:
    rng = SeededRng("paths")
    node = ToxNode(KeyPair.generate(rng), rng.bytes(4), rng)
    ids = iter(range(1, 100))
    pool = PathPool(node.ctx, lambda: next(ids))
    hops = [PackedNode("10.0.0.1", 1, KeyPair.generate(rng).public)]  # one node: drawn three times
    p = pool.build(0.0, hops)
    assert isinstance(p, Path) and len({h.public_key for h in p.nodes}) == 1
    for _ in range(C.PATH_FREE_USES + C.PATH_MAX_NO_RESPONSE_USES - 1):
        p.used(0.0)
    assert p.alive(100.0)  # one use short of the limit
    p.used(1.0)
    assert p.alive(1.0 + C.PATH_FIRST_TIMEOUT - 0.1)
    assert not p.alive(1.0 + C.PATH_FIRST_TIMEOUT)
    p.success(2.0)
    for _ in range(C.PATH_MAX_NO_RESPONSE_USES):
        p.used(3.0)
    assert p.alive(3.0 + C.PATH_FIRST_TIMEOUT) and not p.alive(3.0 + C.PATH_TIMEOUT)
    q = pool.build(0.0, hops)
    assert q is not None and q.path_id != p.path_id
    assert q.alive(C.PATH_MAX_LIFETIME - 1) and not q.alive(C.PATH_MAX_LIFETIME)
    assert pool.build(0.0, []) is None


def test_announces_without_a_startup_wait_and_with_the_same_path() -> None:
    net, nodes = network(6, seed=31)
    net.run_until(lambda: all(x.onion.client.announced_at is not None for x in nodes), timeout=10)
    # c-toxcore waits 3 s before its first announce and is stored after ~5 s even on loopback;
    # here one onion round trip is 8 hops of 10-80 ms and the DHT needs ~1.5 s to verify nodes.
    assert max(x.onion.client.announced_at or 99 for x in nodes) < 4.0
    for x in nodes:
        c = x.onion.client
        stored = [n for n in c.self_nodes if n.stored]
        assert stored
        # Each ping_id is bound to the third hop it was issued through: the node kept the path.
        for n in stored:
            assert c.pools["self"].by_id(n.path_id, net.now) is not None


def test_reannounce_uses_the_ping_id_and_the_path_of_the_answer() -> None:
    net, nodes = network(4, seed=32)
    x = nodes[1]
    c = x.onion.client
    sent: list[tuple[bytes, int]] = []
    orig = c._send_announce

    def spy(target, node_pk, node_addr, ping_id, path_id, now, pool):  # type: ignore[no-untyped-def]
        ok = orig(target, node_pk, node_addr, ping_id, path_id, now, pool)
        if ok and target is None:
            last = list(c.sendbacks.values())[-1]
            sent.append((ping_id, last.path_id))
        return ok

    c._send_announce = spy  # type: ignore[method-assign]
    net.run_until(lambda: c.announced_at is not None, timeout=10)
    with_id = [(pid, path) for pid, path in sent if pid != bytes(32)]
    assert with_id, "re-announced with a ping_id"
    stored = {n.path_id for n in c.self_nodes if n.stored}
    assert stored <= {path for _, path in with_id}


def test_answers_after_ten_seconds_are_dropped() -> None:
    net, nodes = network(4, seed=33)
    x = nodes[2]
    c = x.onion.client
    # Hold back every reply to x for 11 s: the sendbacks are gone by then.
    held: list[tuple[bytes, tuple[str, int]]] = []
    addr = net.addr_of(x)
    x_recv = x.receive_datagram

    def hold(data: bytes, src: tuple[str, int], now: float) -> None:
        if data[:1] == bytes([PacketKind.ANNOUNCE_RESPONSE]):
            held.append((data, src))
            return
        x_recv(data, src, now)

    x.receive_datagram = hold  # type: ignore[method-assign]
    net.run_until(lambda: bool(held), timeout=10)
    x.receive_datagram = x_recv  # type: ignore[method-assign]
    before = x.stats.drop_reasons["0x84: unknown or expired sendback"]
    responses = c.counters["responses"]
    net.run_until(net.now + C.SENDBACK_TIMEOUT + 1)
    for data, src in held:
        net.inject(src, addr, data)
    net.run_for(0.1)
    assert x.stats.drop_reasons["0x84: unknown or expired sendback"] >= before + len(held)
    assert c.counters["responses"] >= responses  # live traffic goes on
    assert x.stats.internal_errors == 0


def test_friend_search_backs_off_and_is_bounded() -> None:
    net, nodes = network(8, seed=34)
    x = nodes[3]
    ghost = KeyPair.from_secret(b"g" * 32)  # never online
    x.add_friend(ToxId(ghost.public, b"\x00\x00\x00\x00"), "are you there?", net.now)
    net.kick(x)
    net.run_until(600.0)
    f = x.friends.get(ghost.public)
    assert f is not None
    s = x.onion.client.searches[ghost.public]
    # Fast rounds first, then exponential back-off capped at SEARCH_MAX_INTERVAL.
    assert C.SEARCH_FAST_ROUNDS < s.round < C.SEARCH_FAST_ROUNDS + 20
    assert f.next_search is not None and f.next_search - net.now <= C.SEARCH_MAX_INTERVAL
    assert f.search_attempts == s.round
    line = waiting_for(f.facts(net.now))
    assert "not announced yet" in line and f"of {C.MAX_SEARCH_NODES} nodes answered" in line
    # Bounded traffic: at most 16 requests per round (8 listed nodes + 8 random path nodes).
    assert s.requests <= 16 * (s.round + 12)
    # No busy loop: the whole node woke up at most a few times per second on average.
    assert net.stats.timers < len(nodes) * 600 * 4


def test_idle_node_without_dht_nodes_waits_quietly() -> None:
    net = VirtualNetwork(seed=35)
    lone = net.create_node()
    net.run_until(120.0)
    assert net.stats.sent == 0
    assert net.stats.timers <= 120 * 3
    assert lone.onion.client.announced_at is None


def test_onion_data_round_trip_between_two_clients() -> None:
    net, nodes = network(6, seed=36)
    a, b = nodes[1], nodes[4]
    got: list[tuple[bytes, bytes]] = []
    b.onion.client.on_data(0x42, lambda pk, payload, now: got.append((pk, payload)))
    a.onion.client.add_search(b.public_key, net.now)
    net.kick(a)
    net.run_until(lambda: a.onion.client.is_found(b.public_key, net.now), timeout=20)
    assert a.onion.client.send_onion_data(b.public_key, b"\x42hello", net.now) >= 1
    net.kick(a)
    net.run_until(lambda: bool(got), timeout=5)
    assert got[0] == (a.public_key, b"\x42hello")
    assert P.ONION_CLIENT_MAX_DATA_SIZE == 1021


def test_a_path_that_stopped_answering_times_out_even_while_used() -> None:
    """c-toxcore stops refreshing a path's time of use after ONION_PATH_MAX_NO_RESPONSE_USES
    unanswered uses; refreshing it on every use kept a dead path alive while it was used."""
    p = Path(1, None, created=0.0, last_used=0.0)  # type: ignore[arg-type]
    p.success(0.0)
    t = 0.0
    for _ in range(60):  # used every second, never answered again
        t += 1.0
        if not p.alive(t):
            break
        p.used(t)
    assert not p.alive(t) and t < C.PATH_TIMEOUT + C.PATH_MAX_NO_RESPONSE_USES + 2
    q = Path(2, None, created=0.0, last_used=0.0)  # type: ignore[arg-type]
    for i in range(1, 60):  # answered after every use: stays alive
        q.used(float(i))
        q.success(float(i))
    assert q.alive(60.0)


def test_many_friends_share_a_search_budget() -> None:
    """1000 friends searched at once: the first SEARCH_ROUNDS_PER_SECOND start at once, the others
    one after another within the budget, and the interval stretches to 1000 /
    SEARCH_ROUNDS_PER_SECOND s; one friend alone keeps the 1 s interval and starts at once."""
    rng = SeededRng("budget")
    node = ToxNode(KeyPair.generate(rng), rng.bytes(4), rng)
    client = node.onion.client
    one = client.add_search(KeyPair.generate(rng).public, 0.0)
    assert one.next_round == 0.0 and client._search_interval(one) == C.SEARCH_FIRST_INTERVAL
    searches = [client.add_search(KeyPair.generate(rng).public, 0.0) for _ in range(999)]
    first = 1000 / C.SEARCH_ROUNDS_PER_SECOND
    assert client._search_interval(one) == first
    starts = [s.next_round for s in searches]
    assert max(starts) <= first
    per_second = [sum(1 for t in starts if i <= t < i + 1) for i in range(int(first) + 1)]
    assert max(per_second) <= C.SEARCH_ROUNDS_PER_SECOND + 1, per_second  # +1: slot edges in floating point
    # a friend added later, alone, is searched at once
    late = client.add_search(KeyPair.generate(rng).public, 500.0)
    assert late.next_round == 500.0


def test_requests_take_more_paths_only_while_most_go_unanswered() -> None:
    """Without loss each request takes one path (as in c-toxcore); when most go unanswered, 2 or 3
    paths (each onion round trip needs 8 datagrams to live); back to one once answers return."""
    net, nodes = network(8, seed=37)
    net.run_until(lambda: all(x.onion.client.announced_at is not None for x in nodes), timeout=20)
    net.run_for(10)
    c = nodes[1].onion.client
    assert c.copies(net.now) == 1 and c.counters["extra_copies"] == 0
    ratio = c.answer_ratio(net.now)
    assert ratio is not None and ratio >= 0.5
    others = [net.addr_of(x) for x in nodes if x is not nodes[1]]
    for o in others:  # nothing it sends arrives any more
        net.block(net.addr_of(nodes[1]), o)
    net.run_until(lambda: c.copies(net.now) == C.MAX_COPIES, timeout=120)
    before = c.counters["extra_copies"]
    net.run_for(20)
    assert c.counters["extra_copies"] > before  # the copies go out
    for o in others:
        net.unblock(net.addr_of(nodes[1]), o)
    net.run_until(lambda: c.copies(net.now) == 1, timeout=300)


def test_a_friend_announcing_on_our_own_store_is_searched_for_at_once() -> None:
    """A friend that comes online announces to the nodes closest to it, ours among them in a
    small network: the search goes out that instant, not at its next round (up to 1 s later)."""
    net, nodes = network(4, seed=37)
    a = nodes[1]
    c = a.onion.client
    net.run_until(lambda: c.announced_at is not None, timeout=10)
    b_keys = KeyPair.from_secret(b"b" * 32)
    stranger = KeyPair.from_secret(b"s" * 32)
    a.add_friend(ToxId(b_keys.public, b"\x00\x00\x00\x00"), "hi", net.now)
    net.kick(a)
    net.run_for(2.5)  # a few rounds that find nothing: the next is up to a second away
    heard: list[tuple[bytes, float]] = []
    due: list[float] = []  # when the search's next round was due, as the announcement landed

    def hear(pk: bytes, now: float) -> None:
        heard.append((pk, now))
        if pk in c.searches:
            due.append(c.searches[pk].next_round)

    a.onion.store.announced_handlers.insert(0, hear)  # before the client's own handler
    searched: list[float] = []
    orig = c._send_announce

    def spy(target, node_pk, node_addr, ping_id, path_id, now, pool):  # type: ignore[no-untyped-def]
        if target == b_keys.public:
            searched.append(now)
        return orig(target, node_pk, node_addr, ping_id, path_id, now, pool)

    c._send_announce = spy  # type: ignore[method-assign]
    # Someone who is not a friend announcing here changes nothing.
    x = net.create_node(long_term=stranger)
    x.bootstrap(*net.addr_of(nodes[0]), nodes[0].dht_public_key, net.now)
    net.kick(x)
    net.run_until(lambda: any(pk == stranger.public for pk, _ in heard), timeout=15)
    assert c.counters["announced_nearby"] == 0
    b = net.create_node(long_term=b_keys)
    b.bootstrap(*net.addr_of(nodes[0]), nodes[0].dht_public_key, net.now)
    net.kick(b)
    net.run_until(lambda: any(pk == b_keys.public for pk, _ in heard), timeout=15)
    at = next(t for pk, t in heard if pk == b_keys.public)
    assert c.counters["announced_nearby"] == 1
    assert due[-1] > at  # the next round was due later
    net.run_until(lambda: any(t >= at for t in searched), timeout=C.SEARCH_FIRST_INTERVAL)
    assert min(t for t in searched if t >= at) == at  # it went out the moment the announcement landed
    net.run_until(lambda: c.is_found(b_keys.public, net.now), timeout=5)
    net.run_for(40.0)  # b re-announces (same data key): that is no news
    assert sum(1 for pk, _ in heard if pk == b_keys.public) == 1
    assert c.counters["announced_nearby"] == 1
