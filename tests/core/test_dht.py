"""The DHT layer on its own: lists, reply validation, answers, routing, schedule, NAT ping.

These tests drive the sans-I/O core directly: no socket is opened and nothing is sent. The few
non-loopback addresses below (private ranges and the 198.51.100.0/24 documentation range) are
only values handed to the core, to check its LAN/WAN rules.
"""

from __future__ import annotations

import itertools

import pytest

from tests.sim.simnet import SeededRng
from toxgui.core.context import NodeConfig, NodeContext
from toxgui.core.crypto import KeyPair, precompute, sha256
from toxgui.core.dht import Dht, bucket_index
from toxgui.core.dht.constants import BAD_NODE_TIMEOUT, FLUSH_SPACING, GET_NODE_INTERVAL, PING_INTERVAL, PING_TIMEOUT
from toxgui.core.dht.lists import CloseList, SearchList, key_int
from toxgui.core.errors import ProtocolError
from toxgui.core.events import DhtStatus
from toxgui.core.packets import dht as P
from toxgui.core.packets.kinds import CryptoRequestId, PacketKind
from toxgui.core.wire import Addr, PackedNode


class Harness:
    """One Dht on a bare NodeContext; datagrams in and out by hand."""

    def __init__(self, seed: int = 1, config: NodeConfig | None = None, dht_secret: bytes | None = None) -> None:
        rng = SeededRng(f"dht-test/{seed}")
        dht_keys = KeyPair.from_secret(dht_secret) if dht_secret else KeyPair.generate(rng)
        self.ctx = NodeContext(rng, config or NodeConfig(), KeyPair.generate(rng), dht_keys)
        self.handlers: dict[int, object] = {}
        self.dht = Dht(self.ctx, self._register)
        self.pk = dht_keys.public

    def _register(self, kinds, handler) -> None:  # type: ignore[no-untyped-def]
        for k in kinds:
            self.handlers[k] = handler

    def feed(self, data: bytes, addr: Addr, now: float) -> str | None:
        """Deliver a datagram; returns the drop reason, or None if it was accepted."""
        handler = self.handlers.get(data[0])
        if handler is None:
            return "unknown kind"
        try:
            handler(data, addr, now)  # type: ignore[operator]
        except ProtocolError as e:
            return str(e)
        return None

    def out(self, kind: int | None = None) -> list[tuple[bytes, Addr]]:
        got, self.ctx.outbox = self.ctx.outbox, []
        return [(d, a) for d, a in got if kind is None or d[0] == kind]

    def tick(self, now: float) -> None:
        assert self.dht.get_timer() is not None
        self.dht.handle_timer(now)


class Peer:
    """A hand-driven DHT peer: crafts and opens packets with its own DHT key."""

    def __init__(self, label: str, addr: Addr, secret: bytes | None = None) -> None:
        self.keys = KeyPair.from_secret(secret or sha256(label.encode()))
        self.pk = self.keys.public
        self.addr = addr

    def k(self, other: bytes) -> bytes:
        return precompute(other, self.keys.secret)

    def ping_request(self, to: bytes, ping_id: bytes = b"pingid01") -> bytes:
        return P.seal_ping(0, self.pk, self.k(to), bytes(24), ping_id)

    def ping_response(self, to: bytes, ping_id: bytes) -> bytes:
        return P.seal_ping(1, self.pk, self.k(to), bytes(24), ping_id)

    def get_nodes(self, to: bytes, searched: bytes, ping_id: bytes = b"getnode1") -> bytes:
        return P.seal_get_nodes(self.pk, self.k(to), bytes(24), searched, ping_id)

    def send_nodes(self, to: bytes, nodes: list[PackedNode], ping_id: bytes) -> bytes:
        return P.seal_send_nodes(self.pk, self.k(to), bytes(24), tuple(nodes), ping_id)

    def open(self, wire: bytes) -> tuple[P.DhtPacket, bytes]:
        pkt = P.DhtPacket.decode(wire)
        return pkt, pkt.open(self.k(pkt.sender))

    def node(self) -> PackedNode:
        return PackedNode(self.addr[0], self.addr[1], self.pk)


def key_with_prefix(base: bytes, bit: int, salt: int) -> bytes:
    """A key equal to `base` up to `bit`, differing at `bit` (random-ish after)."""
    b = key_int(base)
    flipped = b ^ (1 << (255 - bit))
    low_mask = (1 << (255 - bit)) - 1
    tail = key_int(sha256(b"%d" % salt)) & low_mask
    return ((flipped & ~low_mask) | tail).to_bytes(32, "big")


def make_known(h: Harness, peer: Peer, now: float) -> None:
    """Bootstrap to the peer and answer the get-nodes with one node: the peer becomes good."""
    h.dht.bootstrap(peer.addr, peer.pk, now)
    req = next(d for d, a in h.out(PacketKind.NODES_REQUEST) if a == peer.addr)
    _, plain = peer.open(req)
    gn = P.GetNodes.decode(plain)
    filler = Peer(f"filler-of-{peer.pk.hex()}", ("10.9.9.9", 1))
    assert h.feed(peer.send_nodes(h.pk, [filler.node()], gn.ping_id), peer.addr, now) is None


# --- geometry ---------------------------------------------------------------------------------


def test_bucket_index() -> None:
    me = bytes(32)
    assert bucket_index(me, me) == 127
    assert bucket_index(me, b"\x80" + bytes(31)) == 0
    assert bucket_index(me, b"\x04" + bytes(31)) == 5
    assert bucket_index(me, bytes(15) + b"\x01" + bytes(16)) == 127
    assert bucket_index(me, bytes(15) + b"\x02" + bytes(16)) == 126
    for bit in (0, 1, 7, 8, 63, 100, 126):
        assert bucket_index(me, key_with_prefix(me, bit, bit)) == bit
    assert bucket_index(me, key_with_prefix(me, 127, 1)) == 127
    assert bucket_index(me, key_with_prefix(me, 200, 1)) == 127


def test_close_list_good_nodes_never_evicted_bad_slot_taken() -> None:
    me = sha256(b"me")
    cl = CloseList(me)
    keys = [key_with_prefix(me, 3, i) for i in range(9)]
    for i, k in enumerate(keys[:8]):
        assert cl.add(k, ("10.0.0.1", 1000 + i), now=0.0)
    assert len(cl.buckets[3]) == 8
    assert not cl.addable(keys[8], now=100.0)
    assert not cl.add(keys[8], ("10.0.0.1", 2000), now=100.0)
    # one node refreshed at t=100 stays good; the others go bad at 122 s
    cl.seen(keys[0], ("10.0.0.1", 1000), now=100.0)
    assert not cl.addable(keys[8], now=121.9)
    assert cl.addable(keys[8], now=BAD_NODE_TIMEOUT)
    assert cl.add(keys[8], ("10.0.0.1", 2000), now=BAD_NODE_TIMEOUT)
    assert cl.get(keys[8]) is not None and cl.get(keys[0]) is not None
    assert len(cl.buckets[3]) == 8 and len(cl) == 8
    # other buckets are independent
    assert cl.add(key_with_prefix(me, 4, 99), ("10.0.0.2", 1), now=130.0)


def test_close_list_ipv4_ipv6_tracked_separately_and_rekey() -> None:
    me = sha256(b"me")
    cl = CloseList(me)
    k = key_with_prefix(me, 2, 1)
    cl.add(k, ("10.0.0.1", 1), now=0.0)
    cl.seen(k, ("fd00::1", 2), now=50.0)
    c = cl.get(k)
    assert c is not None
    assert c.v4.addr == ("10.0.0.1", 1) and c.v4.timestamp == 0.0
    assert c.v6.addr == ("fd00::1", 2) and c.v6.timestamp == 50.0
    assert c.good(150.0)  # IPv6 still good, IPv4 not
    assert not c.v4.good(150.0)
    # the same address shows up with a new key: the node restarted
    k2 = key_with_prefix(me, 5, 2)
    assert cl.seen(k2, ("10.0.0.1", 1), now=60.0)
    assert cl.get(k) is None and cl.get(k2) is not None


def test_search_list_keeps_closest() -> None:
    target = sha256(b"friend")
    sl = SearchList(target)
    far = [key_with_prefix(target, 1, i) for i in range(8)]
    for i, k in enumerate(far):
        assert sl.replace(k, ("10.0.0.1", i + 1), now=0.0)
    near = key_with_prefix(target, 30, 1)
    farther = key_with_prefix(target, 0, 1)
    assert not sl.store_ok(farther, now=1.0)
    assert not sl.replace(farther, ("10.0.0.2", 1), now=1.0)
    assert sl.store_ok(near, now=1.0)
    assert sl.replace(near, ("10.0.0.2", 2), now=1.0)
    assert sl.get(near) is not None and len(sl.clients) == 8
    # sorted: farthest first, so the closest is last
    assert sl.clients[-1].public_key == near


# --- reply validation -------------------------------------------------------------------------


def _bootstrap_request(h: Harness, peer: Peer, now: float) -> bytes:
    assert h.dht.bootstrap(peer.addr, peer.pk, now)
    (req, to), *_ = h.out(PacketKind.NODES_REQUEST)
    assert to == peer.addr and len(req) == P.GET_NODES_SIZE
    pkt, plain = peer.open(req)
    assert pkt.sender == h.pk
    gn = P.GetNodes.decode(plain)
    assert gn.searched == h.pk
    return gn.ping_id


def test_send_nodes_accepted_from_exactly_the_asked_node() -> None:
    h = Harness()
    p = Peer("p", ("10.0.0.2", 33445))
    other = Peer("o", ("10.0.0.3", 33445))
    ping_id = _bootstrap_request(h, p, 0.0)
    reply = p.send_nodes(h.pk, [other.node()], ping_id)
    assert h.feed(reply, ("10.0.0.9", 33445), 0.1) is not None  # wrong address
    assert h.dht.close.get(p.pk) is None
    forged = other.send_nodes(h.pk, [other.node()], ping_id)
    assert "another key" in (h.feed(forged, p.addr, 0.1) or "")  # right address, wrong key
    assert h.dht.close.get(other.pk) is None
    assert h.feed(reply, p.addr, 0.2) is None
    assert h.dht.close.get(p.pk) is not None
    assert "unknown or used" in (h.feed(reply, p.addr, 0.3) or "")  # used once
    # the named node is queued for a get-nodes on the next tick
    h.out()
    h.tick(1.0)
    assert other.addr in [a for _, a in h.out(PacketKind.NODES_REQUEST)]


def test_send_nodes_expired_zero_nodes_and_tcp_refused() -> None:
    h = Harness()
    p = Peer("p", ("10.0.0.2", 33445))
    n = Peer("n", ("10.0.0.3", 33445))
    ping_id = _bootstrap_request(h, p, 0.0)
    empty = p.send_nodes(h.pk, [], ping_id)
    assert len(empty) == 82
    assert h.feed(empty, p.addr, 0.1) is not None  # zero nodes: ignored
    assert h.dht.close.get(p.pk) is None
    tcp = bytes([1]) + PackedNode("10.0.0.3", 1, n.pk, tcp=True).encode() + ping_id
    with_tcp = P.DhtPacket.seal(4, p.pk, p.k(h.pk), bytes(24), tcp).encode()
    assert h.feed(with_tcp, p.addr, 0.1) is not None
    assert h.dht.close.get(p.pk) is None
    late = p.send_nodes(h.pk, [n.node()], ping_id)
    assert "expired" in (h.feed(late, p.addr, PING_TIMEOUT) or "")
    assert h.dht.close.get(p.pk) is None
    # a fresh request within the window works
    h.out()
    ping_id2 = _bootstrap_request(h, p, 10.0)
    assert h.feed(p.send_nodes(h.pk, [n.node()], ping_id2), p.addr, 10.0 + PING_TIMEOUT - 0.01) is None
    assert h.dht.close.get(p.pk) is not None


def test_ping_response_validation() -> None:
    h = Harness()
    p = Peer("p", ("10.0.0.2", 33445))
    q = Peer("q", ("10.0.0.4", 33445))
    assert h.dht.send_ping(p.addr, p.pk, 0.0)
    ((req, to),) = h.out(PacketKind.PING_REQUEST)
    assert to == p.addr and len(req) == 82
    _, plain = p.open(req)
    ping = P.Ping.decode(plain)
    assert ping.kind == 0
    assert h.feed(p.ping_response(h.pk, ping.ping_id), ("10.0.0.5", 33445), 1.0) is not None
    assert h.feed(q.ping_response(h.pk, ping.ping_id), p.addr, 1.0) is not None
    assert h.feed(p.ping_response(h.pk, b"xxxxxxxx"), p.addr, 1.0) is not None
    # a ping *request* echoing the id is not a response
    assert h.dht.close.get(p.pk) is None
    assert h.feed(p.ping_response(h.pk, ping.ping_id), p.addr, 1.0) is None
    assert h.dht.close.get(p.pk) is not None
    assert h.feed(p.ping_response(h.pk, ping.ping_id), p.addr, 1.1) is not None
    # get-nodes ids and ping ids are separate: a ping id does not validate a send-nodes
    assert h.dht.send_ping(q.addr, q.pk, 2.0)
    ((req, _),) = h.out(PacketKind.PING_REQUEST)
    _, plain = q.open(req)
    assert h.feed(q.send_nodes(h.pk, [p.node()], P.Ping.decode(plain).ping_id), q.addr, 2.1) is not None


def test_malformed_and_self_packets_dropped() -> None:
    h = Harness()
    p = Peer("p", ("10.0.0.2", 33445))
    good = p.ping_request(h.pk)
    assert h.feed(good[:-1], p.addr, 0.0) is not None
    assert h.feed(good + b"\x00", p.addr, 0.0) is not None
    tampered = good[:-1] + bytes([good[-1] ^ 1])
    assert h.feed(tampered, p.addr, 0.0) is not None
    me = Peer("me", p.addr, secret=h.ctx.dht_keys.secret)
    assert "own DHT key" in (h.feed(me.ping_request(h.pk), p.addr, 0.0) or "")
    assert h.out() == []


# --- answering --------------------------------------------------------------------------------


def test_ping_answered_and_pinged_back() -> None:
    h = Harness()
    p = Peer("p", ("10.0.0.2", 33445))
    assert h.feed(p.ping_request(h.pk, b"ABCDEFGH"), p.addr, 0.0) is None
    ((resp, to),) = h.out()
    assert to == p.addr and len(resp) == 82 and resp[0] == 1
    _pkt, plain = p.open(resp)
    assert P.Ping.decode(plain) == P.Ping(1, b"ABCDEFGH")
    # to-ping batch: within 2 s we ping the node that contacted us
    h.tick(0.0)
    pings = h.out(PacketKind.PING_REQUEST)
    assert [a for _, a in pings] == [p.addr]


def test_get_nodes_answered_with_four_closest_good() -> None:
    h = Harness()
    peers = [Peer(f"n{i}", (f"10.0.1.{i + 1}", 33445)) for i in range(10)]
    for i, pe in enumerate(peers):
        make_known(h, pe, now=float(i))
    h.out()
    asker = Peer("asker", ("10.0.2.1", 33445))
    target = sha256(b"target")
    assert h.feed(asker.get_nodes(h.pk, target, b"12345678"), asker.addr, 20.0) is None
    ((resp, to),) = h.out(PacketKind.NODES_RESPONSE)
    assert to == asker.addr
    _, plain = asker.open(resp)
    sn = P.SendNodes.decode(plain)
    assert sn.ping_id == b"12345678"
    want = sorted(peers, key=lambda pe: key_int(pe.pk) ^ key_int(target))[:4]
    assert [n.public_key for n in sn.nodes] == [pe.pk for pe in want]
    assert all(n.addr == next(pe.addr for pe in peers if pe.pk == n.public_key) for n in sn.nodes)
    # later, the first three peers have gone bad: only good nodes are handed out
    assert h.feed(asker.get_nodes(h.pk, target, b"22345678"), asker.addr, 3.0 + BAD_NODE_TIMEOUT) is None
    ((resp, _),) = h.out(PacketKind.NODES_RESPONSE)
    sn = P.SendNodes.decode(asker.open(resp)[1])
    assert {n.public_key for n in sn.nodes}.isdisjoint({pe.pk for pe in peers[:4]})


def test_lan_addresses_only_for_lan_requesters() -> None:
    h = Harness()
    lan = Peer("lan", ("127.0.0.5", 33445))
    wan = Peer("wan", ("198.51.100.7", 33445))
    make_known(h, lan, 0.0)
    make_known(h, wan, 0.0)
    h.out()
    for asker_addr, expect in (
        (("203.0.113.9", 33445), {wan.pk}),
        (("127.0.0.1", 40000), {wan.pk, lan.pk}),  # 127/8 is LAN: loopback gets loopback nodes
        (("192.168.1.20", 33445), {wan.pk, lan.pk}),
    ):
        asker = Peer("asker" + asker_addr[0], asker_addr)
        assert h.feed(asker.get_nodes(h.pk, asker.pk), asker_addr, 1.0) is None
        ((resp, _),) = h.out(PacketKind.NODES_RESPONSE)
        sn = P.SendNodes.decode(asker.open(resp)[1])
        assert {n.public_key for n in sn.nodes} == expect


def test_get_nodes_from_node_with_nothing_known_gives_empty_reply() -> None:
    h = Harness()
    asker = Peer("asker", ("10.0.2.1", 33445))
    assert h.feed(asker.get_nodes(h.pk, asker.pk), asker.addr, 0.0) is None
    ((resp, _),) = h.out(PacketKind.NODES_RESPONSE)
    assert len(resp) == 82


def test_a_search_for_our_own_key_names_us_when_nothing_else_is_known() -> None:
    """A friend asking us for our own key, before we know any node, gets a reply naming us at
    the address we are bound to (a reply with no node is ignored by c-toxcore and by us), but
    only an address the asker can use: a LAN one goes only to a LAN asker."""
    h = Harness()
    asker = Peer("asker", ("10.0.2.1", 33445))
    far = Peer("far", ("203.0.113.9", 33445))
    h.dht.local_addr = ("10.0.2.7", 33446)
    assert h.dht.self_address() == ("10.0.2.7", 33446)
    assert h.feed(asker.get_nodes(h.pk, h.pk), asker.addr, 0.0) is None
    ((resp, _),) = h.out(PacketKind.NODES_RESPONSE)
    _, plain = asker.open(resp)
    nodes = P.open_send_nodes(P.DhtPacket.decode(resp), asker.k(h.pk)).nodes
    assert len(plain) > 1 and nodes == (PackedNode("10.0.2.7", 33446, h.pk),)
    assert h.feed(far.get_nodes(h.pk, h.pk), far.addr, 0.0) is None
    ((resp, _),) = h.out(PacketKind.NODES_RESPONSE)
    assert len(resp) == 82  # a LAN address means nothing to a far node
    assert h.feed(asker.get_nodes(h.pk, asker.pk), asker.addr, 0.0) is None  # another key: no
    ((resp, _),) = h.out(PacketKind.NODES_RESPONSE)
    assert len(resp) == 82
    h.dht.local_addr = None
    assert h.dht.self_address() is None and h.dht.self_node() is None


def test_self_address_prefers_what_close_nodes_report() -> None:
    h = Harness()
    h.dht.local_addr = ("10.0.2.7", 33446)
    p = Peer("p", ("10.0.0.2", 33445))
    ping_id = _bootstrap_request(h, p, 0.0)
    seen_as = PackedNode("198.51.100.4", 40000, h.pk)
    assert h.feed(p.send_nodes(h.pk, [seen_as], ping_id), p.addr, 0.1) is None
    assert h.dht.self_address() == ("198.51.100.4", 40000)
    assert h.dht.self_node() == seen_as


# --- DHT requests (0x20) ----------------------------------------------------------------------


def test_crypto_request_routing_and_dispatch() -> None:
    h = Harness()
    receiver = Peer("receiver", ("10.0.0.7", 33445))
    sender = Peer("sender", ("10.0.0.8", 33445))
    stranger = Peer("stranger", ("10.0.0.9", 33445))
    make_known(h, receiver, 0.0)
    h.out()
    # for a key in our close list: forwarded unchanged
    req = P.CryptoRequest.create(sender.pk, sender.k(receiver.pk), receiver.pk, bytes(24), 0x9C, b"hello")
    wire = req.encode()
    assert h.feed(wire, sender.addr, 1.0) is None
    assert h.out() == [(wire, receiver.addr)]
    assert h.dht.counters.requests_routed == 1
    # for a key we do not know: dropped
    req2 = P.CryptoRequest.create(sender.pk, sender.k(stranger.pk), stranger.pk, bytes(24), 0x9C, b"x")
    assert h.feed(req2.encode(), sender.addr, 1.0) is not None
    assert h.out() == []
    # for us: dispatched by request_id
    got: list[tuple[bytes, bytes, Addr, float]] = []
    h.dht.on_crypto_request(0x9C, lambda pk, data, addr, now: got.append((pk, data, addr, now)))
    mine = P.CryptoRequest.create(sender.pk, sender.k(h.pk), h.pk, bytes(24), 0x9C, b"dhtpk data")
    assert h.feed(mine.encode(), ("10.0.0.1", 5), 2.0) is None
    assert got == [(sender.pk, b"dhtpk data", ("10.0.0.1", 5), 2.0)]
    # an id nobody registered: dropped
    other = P.CryptoRequest.create(sender.pk, sender.k(h.pk), h.pk, bytes(24), 0x42, b"?")
    assert "no handler" in (h.feed(other.encode(), sender.addr, 2.0) or "")
    # oversize: dropped before anything else
    assert h.feed(wire + bytes(1024 - len(wire) + 1), sender.addr, 2.0) is not None


def test_send_crypto_request_opens_at_receiver() -> None:
    h = Harness()
    receiver = Peer("receiver", ("10.0.0.7", 33445))
    n = h.dht.send_crypto_request(receiver.pk, 0x9C, b"payload", [("10.0.0.1", 1), ("10.0.0.2", 2)])
    assert n == 2
    out = h.out()
    assert [a for _, a in out] == [("10.0.0.1", 1), ("10.0.0.2", 2)]
    assert out[0][0] == out[1][0]
    req = P.CryptoRequest.decode(out[0][0])
    assert req.receiver == receiver.pk and req.sender == h.pk
    assert req.open(receiver.k(h.pk)) == (0x9C, b"payload")


# --- schedule ---------------------------------------------------------------------------------


def test_schedule_bootstrap_ticks_then_intervals() -> None:
    h = Harness()
    peers = [Peer(f"s{i}", (f"10.0.3.{i + 1}", 33445)) for i in range(3)]
    for pe in peers:
        make_known(h, pe, 0.0)
    h.out()
    sent_at: list[tuple[float, Addr, bytes]] = []
    t = 0.0
    while t <= 130.0:
        h.tick(t)
        for d, a in h.out(PacketKind.NODES_REQUEST):
            if a in {pe.addr for pe in peers}:
                pe = next(x for x in peers if x.addr == a)
                searched = P.GetNodes.decode(pe.open(d)[1]).searched
                sent_at.append((t, a, searched))
                # keep them good: answer everything
                ping_id = P.GetNodes.decode(pe.open(d)[1]).ping_id
                filler = Peer("f" + str(t), ("10.0.9.9", 2))
                h.feed(pe.send_nodes(h.pk, [filler.node()], ping_id), a, t)
        h.out()
        assert h.dht.get_timer() is not None and h.dht.get_timer() > t  # never busy
        t += 1.0
    own = [(t, a) for t, a, s in sent_at if s == h.pk]
    # every node gets a get-nodes for our key every 60 s
    for pe in peers:
        times = [t for t, a in own if a == pe.addr]
        assert times[0] == 0.0
        assert any(abs(x - PING_INTERVAL) < 1.01 for x in times)
    # first 5 ticks: a random get-nodes each tick (on top of the 60 s sweep)
    assert len({t for t, _ in own if t < 5}) == 5
    # afterwards: roughly one random one per 20 s
    random_ones = [t for t, _ in own if 5 <= t < 59]
    assert 2 <= len(random_ones) <= 3
    assert all(b - a >= GET_NODE_INTERVAL - 1e-9 for a, b in itertools.pairwise(random_ones))
    # the two fake search lists are served too
    fakes = set(h.dht.fake_keys)
    assert len(fakes) == 2 and fakes <= {s for _, _, s in sent_at}


def test_dht_status_events_on_change_at_most_once_a_second() -> None:
    h = Harness()
    p1, p2 = Peer("a", ("10.0.0.2", 1)), Peer("b", ("10.0.0.3", 1))
    make_known(h, p1, 0.0)
    h.tick(0.0)
    make_known(h, p2, 0.2)
    h.tick(0.5)  # not yet due: no tick, no event
    h.tick(1.0)
    evs = list(h.ctx.events)
    assert all(isinstance(e, DhtStatus) for e in evs)
    assert [(e.known, e.good) for e in evs] == [(1, 1), (2, 2)]
    h.ctx.events.clear()
    h.tick(2.0)
    assert not h.ctx.events  # no change, no event
    h.tick(200.0)  # everyone bad
    assert [(e.known, e.good) for e in h.ctx.events] == [(2, 0)]


def test_bootstrap_retried_until_answered() -> None:
    h = Harness()
    p = Peer("p", ("10.0.0.2", 33445))
    h.dht.bootstrap(p.addr, p.pk, 0.0)
    h.out()
    retries = []
    for t in range(0, 40):
        h.tick(float(t))
        retries += [t for _, a in h.out(PacketKind.NODES_REQUEST) if a == p.addr]
    assert retries[:3] == [2, 6, 14]  # back-off 2, 4, 8 s
    make_known(h, p, 40.0)
    h.tick(41.0)
    assert p.pk not in h.dht._bootstrap_retry
    assert h.dht.close.get(p.pk) is not None


# --- searches, NAT ping, hole punching ----------------------------------------------------------


def test_search_finds_friend_and_reports() -> None:
    h = Harness()
    friend = Peer("friend", ("198.51.100.50", 40000))
    relays = [Peer(f"r{i}", (f"10.0.4.{i + 1}", 33445)) for i in range(4)]
    found: list[tuple[bytes, Addr, float]] = []
    h.dht.on_search_found(lambda k, a, t: found.append((k, a, t)))
    for r in relays:
        make_known(h, r, 0.0)
    h.dht.add_search(friend.pk, 0.0)
    assert friend.pk in h.dht.searched_keys
    h.out()
    h.tick(1.0)
    reqs = [(d, a) for d, a in h.out(PacketKind.NODES_REQUEST)]
    answered = 0
    for d, a in reqs:
        r = next((x for x in relays if x.addr == a), None)
        if r is None:
            continue
        gn = P.GetNodes.decode(r.open(d)[1])
        if gn.searched != friend.pk:
            continue
        # each relay reports the friend at a different port of the same public IP
        reported = PackedNode("198.51.100.50", 40000 + relays.index(r), friend.pk)
        assert h.feed(r.send_nodes(h.pk, [reported], gn.ping_id), a, 1.1) is None
        answered += 1
    assert answered == 4
    assert sorted(h.dht.nodes_reporting(friend.pk)) == sorted(r.addr for r in relays)
    assert sorted(p for _, p in h.dht.reported_addresses(friend.pk)) == [40000 + i for i in range(4)]
    assert h.dht.friend_addresses(friend.pk) == []
    # a DHT request to the friend goes through every reporting node
    assert h.dht.route_to_search(friend.pk, 0x9C, b"x") == 4
    h.out()

    # NAT ping request via the reporters on the next tick (>= 4 reports, no direct contact)
    h.tick(2.0)
    nat = [(d, a) for d, a in h.out(PacketKind.CRYPTO)]
    assert sorted(a for _, a in nat) == sorted(r.addr for r in relays)
    req = P.CryptoRequest.decode(nat[0][0])
    rid, data = req.open(friend.k(h.pk))
    assert rid == CryptoRequestId.NAT_PING
    our_ping = P.NatPing.decode(data)
    assert our_ping.type == 0
    # the friend answers with our id and sends its own request
    resp = P.CryptoRequest.create(
        friend.pk, friend.k(h.pk), h.pk, bytes(24), 0xFE, P.NatPing(1, our_ping.ping_id).encode()
    )
    assert h.feed(resp.encode(), relays[0].addr, 2.1) is None
    theirs = P.CryptoRequest.create(
        friend.pk, friend.k(h.pk), h.pk, bytes(24), 0xFE, P.NatPing(0, b"theirs!!").encode()
    )
    assert h.feed(theirs.encode(), relays[1].addr, 2.2) is None
    ((back, via),) = h.out(PacketKind.CRYPTO)
    assert via in [r.addr for r in relays]
    assert P.NatPing.decode(P.CryptoRequest.decode(back).open(friend.k(h.pk))[1]) == P.NatPing(1, b"theirs!!")
    # a replayed response with the old id is refused (the id was renewed)
    assert h.feed(resp.encode(), relays[0].addr, 2.3) is not None
    # punching: the reported ports differ, so 48 guessed ports of that IP get a ping each
    h.tick(6.0)
    pings = [a for _, a in h.out(PacketKind.PING_REQUEST)]
    assert len(pings) == 48 and all(a[0] == "198.51.100.50" for a in pings)
    assert {40000, 40001, 40002, 40003} <= {p for _, p in pings}
    # the friend answers a ping from its real address: found
    h.dht.send_ping(friend.addr, friend.pk, 6.5)
    ((d, _),) = h.out(PacketKind.PING_REQUEST)
    pid = P.Ping.decode(friend.open(d)[1]).ping_id
    assert h.feed(friend.ping_response(h.pk, pid), friend.addr, 6.6) is None
    assert found and found[-1][:2] == (friend.pk, friend.addr)
    assert h.dht.friend_addresses(friend.pk) == [friend.addr]
    assert h.dht.route_to_search(friend.pk, 0x9C, b"x") == 0  # direct contact now


def test_nat_ping_from_unknown_key_dropped() -> None:
    h = Harness()
    s = Peer("s", ("10.0.0.2", 1))
    req = P.CryptoRequest.create(s.pk, s.k(h.pk), h.pk, bytes(24), 0xFE, P.NatPing(0, bytes(8)).encode())
    assert h.feed(req.encode(), s.addr, 0.0) is not None
    assert h.out() == []


def test_add_remove_search_nesting_and_bounds() -> None:
    h = Harness()
    k = sha256(b"k")
    h.dht.add_search(k)
    h.dht.add_search(k)
    h.dht.remove_search(k)
    assert k in h.dht.searched_keys
    h.dht.remove_search(k)
    assert k not in h.dht.searched_keys
    with pytest.raises(ValueError):
        h.dht.add_search(h.dht.fake_keys[0])
    h.dht.remove_search(h.dht.fake_keys[0])  # fakes stay
    assert len(h.dht.fake_keys) == 2


def test_to_ping_queue_bounded_and_closest_kept() -> None:
    h = Harness()
    askers = [Peer(f"q{i}", (f"10.1.{i // 200}.{i % 200 + 1}", 33445)) for i in range(100)]
    for a in askers:
        h.feed(a.ping_request(h.pk), a.addr, 0.0)
    h.out()
    assert len(h.dht._to_ping) == 32
    kept = {k for k, _ in h.dht._to_ping}
    closest = sorted(askers, key=lambda a: key_int(a.pk) ^ key_int(h.pk))[:32]
    # farthest-replacement keeps the closest ones (buckets permitting)
    assert len(kept & {a.pk for a in closest}) >= 24
    h.tick(0.0)
    assert len(h.out(PacketKind.PING_REQUEST)) <= 32


def test_lan_discovery_off_by_default_and_on_when_configured() -> None:
    h = Harness()
    p = Peer("p", ("192.168.1.9", 33445))
    lan = P.LanDiscovery(p.pk).encode()
    assert h.feed(lan, p.addr, 0.0) == "unknown kind"
    h.tick(0.0)
    assert h.out(PacketKind.LAN_DISCOVERY) == []
    h2 = Harness(config=NodeConfig(lan_discovery=True))
    h2.tick(0.0)
    sent = h2.out(PacketKind.LAN_DISCOVERY)
    assert len(sent) == 11 and all(len(d) == 33 for d, _ in sent)
    assert h2.feed(lan, ("203.0.113.1", 33445), 0.0) is not None  # not from a LAN address
    assert h2.feed(lan, p.addr, 0.0) is None
    ((_req, to),) = h2.out(PacketKind.NODES_REQUEST)
    assert to == p.addr


def test_ping_array_bounded() -> None:
    h = Harness()
    p = Peer("p", ("10.0.0.2", 1))
    first = None
    for _i in range(600):
        h.dht.send_ping(p.addr, p.pk, 0.0)
        ((d, _),) = h.out()
        if first is None:
            first = P.Ping.decode(p.open(d)[1]).ping_id
    assert len(h.dht._pings) == 512
    assert first is not None
    assert h.feed(p.ping_response(h.pk, first), p.addr, 0.1) is not None  # evicted


def test_named_nodes_asked_promptly_but_spaced() -> None:
    sp = FLUSH_SPACING
    h = Harness()
    p = Peer("p", ("10.0.0.2", 33445))
    x, y = Peer("x", ("10.0.0.3", 33445)), Peer("y", ("10.0.0.4", 33445))
    ping_id = _bootstrap_request(h, p, 0.0)
    h.dht.handle_timer(0.0)  # the first whole-second tick
    h.out()
    assert h.feed(p.send_nodes(h.pk, [x.node()], ping_id), p.addr, sp / 2) is None
    assert h.dht.get_timer() == sp  # not the next tick at 1.0; FLUSH_SPACING after the tick's flush
    h.dht.handle_timer(sp)
    asked = [a for _, a in h.out(PacketKind.NODES_REQUEST)]
    assert x.addr in asked and p.addr in asked  # x was named; p is new in our lists
    ping_id2 = _bootstrap_request(h, p, sp * 1.2)
    assert h.feed(p.send_nodes(h.pk, [y.node()], ping_id2), p.addr, sp * 1.4) is None
    assert h.dht.get_timer() == pytest.approx(2 * sp)  # flushes are at least FLUSH_SPACING apart
    h.dht.handle_timer(sp * 1.6)
    assert h.out() == []
    h.dht.handle_timer(2 * sp)
    assert y.addr in [a for _, a in h.out(PacketKind.NODES_REQUEST)]
    assert h.dht.get_timer() == 1.0


def test_bucket_refresh_looks_up_random_keys_in_roomy_buckets() -> None:
    h = Harness()
    peers = [Peer(f"b{i}", (f"10.0.5.{i + 1}", 33445)) for i in range(6)]
    for pe in peers:
        make_known(h, pe, 0.0)
    h.out()
    own_and_fake = {h.pk, *h.dht.fake_keys}
    top = max(i for i, b in enumerate(h.dht.close.buckets) if b)
    refresh: list[tuple[bytes, Addr]] = []
    for t in range(12):
        h.tick(float(t))
        for d, a in h.out(PacketKind.NODES_REQUEST):
            pe = next((x for x in peers if x.addr == a), None)
            if pe is None:
                continue  # the filler nodes named in make_known's replies
            searched = P.GetNodes.decode(pe.open(d)[1]).searched
            if searched not in own_and_fake:
                refresh.append((searched, a))
    assert len(refresh) == 10  # one per tick for the first 10 ticks, then every 20 s
    for searched, a in refresh:
        assert bucket_index(h.pk, searched) <= top + 1
        # asked of the known node closest to the random key
        best = min(peers, key=lambda pe: key_int(pe.pk) ^ key_int(searched))
        assert a == best.addr
