"""Nodes A, B, C: routing somebody else's onion requests and the replies back."""

from __future__ import annotations

import pytest

from tests.sim.simnet import SeededRng
from toxgui.core.crypto import KeyPair, encrypt
from toxgui.core.errors import ProtocolError
from toxgui.core.node import ToxNode
from toxgui.core.onion.constants import RELAY_SECRET_LIFETIME
from toxgui.core.packets import onion as P
from toxgui.core.packets.kinds import PacketKind
from toxgui.core.wire import Addr, TcpClient

CLIENT: Addr = ("10.0.0.100", 33445)
ZERO = bytes(32)


def make(label: str) -> ToxNode:
    rng = SeededRng(label)
    return ToxNode(KeyPair.generate(rng), rng.bytes(4), rng)


def deliver(nodes: dict[Addr, ToxNode], first: list[tuple[bytes, Addr, Addr]], now: float) -> list[tuple[bytes, Addr]]:
    """Move datagrams between nodes until quiet; returns what went to addresses that are not nodes."""
    queue = list(first)
    outside: list[tuple[bytes, Addr]] = []
    hops = 0
    while queue:
        data, src, dst = queue.pop(0)
        hops += 1
        assert hops < 100
        node = nodes.get(dst)
        if node is None:
            outside.append((data, dst))
            continue
        node.receive_datagram(data, src, now)
        queue += [(d, dst, to) for d, to in node.datagrams_to_send()]
    return outside


def setup() -> tuple[dict[Addr, ToxNode], list[ToxNode], P.OnionPath, KeyPair]:
    nodes = {(f"10.0.0.{i + 1}", 33445): make(f"relay{i}") for i in range(4)}
    a, b, c, d = nodes.values()
    client_dht = KeyPair.from_secret(b"c" * 32)
    hops = [P.OnionNode(n.dht_public_key, addr) for addr, n in list(nodes.items())[:3]]
    path = P.OnionPath.create(hops, client_dht, SeededRng("client"))
    return nodes, [a, b, c, d], path, client_dht


def announce_through(nodes: dict[Addr, ToxNode], path: P.OnionPath, d_node: ToxNode, d_addr: Addr,
                     me: KeyPair, now: float) -> list[tuple[bytes, Addr]]:
    req = P.seal_announce_request(me, d_node.dht_public_key, b"\x01" * 24,
                                  P.AnnouncePayload(ZERO, me.public, ZERO, b"sendback"))
    pkt = P.build_onion_request(path, d_addr, req.encode(), b"\x02" * 24)
    assert len(pkt.encode()) == 403
    return deliver(nodes, [(pkt.encode(), CLIENT, path.nodes[0].addr)], now)


def test_request_reaches_d_and_reply_comes_back_bare_from_a() -> None:
    nodes, (a, b, c, d), path, _ = setup()
    d_addr = ("10.0.0.4", 33445)
    me = KeyPair.from_secret(b"m" * 32)
    out = announce_through(nodes, path, d, d_addr, me, 5.0)
    assert len(out) == 1
    data, to = out[0]
    assert to == CLIENT and data[0] == PacketKind.ANNOUNCE_RESPONSE
    result = P.open_announce_response(P.AnnounceResponse.decode(data), me, d.dht_public_key)
    assert result.is_stored == P.IS_STORED_NO
    assert [x.onion.relay.relayed for x in (a, b, c)] == [2, 2, 2]
    assert d.onion.store.answered == 1


def test_repeated_node_in_a_path_works() -> None:
    nodes, (a, _b, _c, d), _, client_dht = setup()
    a_addr = ("10.0.0.1", 33445)
    hop = P.OnionNode(a.dht_public_key, a_addr)
    path = P.OnionPath.create([hop, hop, hop], client_dht, SeededRng("same"))
    out = announce_through(nodes, path, d, ("10.0.0.4", 33445), KeyPair.from_secret(b"m" * 32), 1.0)
    assert len(out) == 1 and out[0][1] == CLIENT
    assert a.onion.relay.relayed == 6


def test_node_c_forwards_only_announce_and_data_requests() -> None:
    nodes, (_a, _b, c, d), path, _ = setup()
    inner = P._inner_layers(path, ("10.0.0.4", 33445), b"\x00" + bytes(100), b"\x02" * 24)
    bad = P.OnionRequest0(b"\x02" * 24, path.public_key1, encrypt(path.key1, b"\x02" * 24, inner))
    out = deliver(nodes, [(bad.encode(), CLIENT, path.nodes[0].addr)], 1.0)
    assert out == []
    assert c.stats.dropped_malformed == 1
    assert d.stats.received == 0


def test_return_key_rotates_every_two_hours() -> None:
    nodes, (a, b, c, d), path, _ = setup()
    d_addr = ("10.0.0.4", 33445)
    me = KeyPair.from_secret(b"m" * 32)
    # Replies built at t=0 still pass just after one rotation (previous key kept) ...
    req = P.seal_announce_request(me, d.dht_public_key, b"\x01" * 24,
                                  P.AnnouncePayload(ZERO, me.public, ZERO, b"sendback"))
    pkt = P.build_onion_request(path, d_addr, req.encode(), b"\x02" * 24).encode()
    a.receive_datagram(pkt, CLIENT, 0.0)
    [(p1, _to_b)] = a.datagrams_to_send()
    b.receive_datagram(p1, ("10.0.0.1", 33445), 0.0)
    [(p2, _to_c)] = b.datagrams_to_send()
    c.receive_datagram(p2, ("10.0.0.2", 33445), 0.0)
    [(p3, _to_d)] = c.datagrams_to_send()
    d.receive_datagram(p3, ("10.0.0.3", 33445), 0.0)
    [(r3, _)] = d.datagrams_to_send()
    later = RELAY_SECRET_LIFETIME + 1
    for n in (a, b, c):
        n.handle_timer(later)
    out = deliver(nodes, [(r3, d_addr, ("10.0.0.3", 33445))], later)
    assert len(out) == 1 and out[0][1] == CLIENT
    # ... but not after a second rotation.
    even_later = 2 * RELAY_SECRET_LIFETIME + 2
    for n in (a, b, c):
        n.handle_timer(even_later)
    out = deliver(nodes, [(r3, d_addr, ("10.0.0.3", 33445))], even_later)
    assert out == []
    assert c.stats.dropped_malformed >= 1


def test_a_tcp_relay_client_is_node_a_s_sender() -> None:
    """Our TCP relay's client sends ``nonce | IPP(B) | t2.pk | B layer`` (no A layer); the node
    sends the 0x81 to B with a RET1 that names the client, and the reply from B comes back to
    that client, bare, as a datagram for the relay's route."""
    nodes, (a, _b, _c, d), path, _ = setup()
    me = KeyPair.from_secret(b"m" * 32)
    req = P.seal_announce_request(me, d.dht_public_key, b"\x01" * 24,
                                  P.AnnouncePayload(ZERO, me.public, ZERO, b"sendback"))
    request = P.build_onion_request_tcp(path, ("10.0.0.4", 33445), req.encode(), b"\x02" * 24)
    assert len(request) + 1 == 355  # the TCP payload of an announce request (verified live)
    client = TcpClient(7, 0x1234567890)
    a.onion.relay.handle_tcp_request(request, client, CLIENT, 3.0)
    first = [(data, ("10.0.0.1", 33445), to) for data, to in a.datagrams_to_send()]
    assert [(d_[0], to) for d_, _, to in first] == [(PacketKind.ONION_SEND_1, path.nodes[1].addr)]
    out = deliver(nodes, first, 3.0)
    assert len(out) == 1
    data, to = out[0]
    assert to == client and data[0] == PacketKind.ANNOUNCE_RESPONSE
    assert P.open_announce_response(P.AnnounceResponse.decode(data), me, d.dht_public_key).is_stored == P.IS_STORED_NO
    # a client may not make the relay send into a network it is not on
    with pytest.raises(ProtocolError):
        a.onion.relay.handle_tcp_request(request, client, ("198.51.100.7", 5000), 3.0)
