"""A live node under a flood of random and mutated datagrams.

The bulk (10^5) goes straight into `receive_datagram`, emptying the outbox the way the runtime
does; a paced real-UDP portion goes to a ToxRuntime bound to 127.0.0.1.  Afterwards: nothing was
raised, every datagram is accounted for in the stats (drops counted), no internal error, every
DHT queue within its bound, and the node still answers a ping.
"""

from __future__ import annotations

import asyncio
import random
import socket
import time

import pytest

from tests.sim.simnet import SeededRng
from toxgui.core.crypto import KeyPair, precompute
from toxgui.core.errors import ProtocolError
from toxgui.core.node import NodeConfig, ToxNode
from toxgui.core.packets import dht as P
from toxgui.core.wire import PackedNode
from toxgui.net.runtime import ToxRuntime

# Every kind a 0.2.18 node sends or accepts, plus a few it does not know.
KINDS = [0x00, 0x01, 0x02, 0x04, 0x18, 0x19, 0x1A, 0x1B, 0x20, 0x21, 0x80, 0x81, 0x82, 0x83, 0x84]
KINDS += [0x85, 0x86, 0x87, 0x88, 0x8C, 0x8D, 0x8E, 0x93, 0xF0, 0x03, 0x55, 0xFF]
TYPICAL = {0x00: 82, 0x01: 82, 0x02: 113, 0x04: 121, 0x18: 145, 0x19: 161, 0x1A: 385, 0x20: 120, 0x21: 33}
TYPICAL |= {0x80: 403, 0x81: 386, 0x82: 350, 0x83: 177, 0x84: 121, 0x85: 200, 0x86: 150, 0x8C: 200, 0xF0: 78}


class Fuzzer:
    def __init__(self, seed: int, target_dht_pk: bytes) -> None:
        self.r = random.Random(seed)
        self.target = target_dht_pk
        self.peers = [KeyPair.from_secret(self.r.randbytes(32)) for _ in range(16)]
        self.valid = self._valid_samples()

    def _valid_samples(self) -> list[bytes]:
        out = []
        for kp in self.peers:
            k = precompute(self.target, kp.secret)
            n = self.r.randbytes(24)
            host = "10." + ".".join(str(b) for b in self.r.randbytes(3))
            node = PackedNode(host, 33445, self.r.randbytes(32))
            out += [
                P.seal_ping(0, kp.public, k, n, self.r.randbytes(8)),
                P.seal_ping(1, kp.public, k, n, self.r.randbytes(8)),
                P.seal_get_nodes(kp.public, k, n, self.r.randbytes(32), self.r.randbytes(8)),
                P.seal_send_nodes(kp.public, k, n, (node, node), self.r.randbytes(8)),
                P.CryptoRequest.create(kp.public, k, self.target, n, 0xFE, P.NatPing(0, bytes(8)).encode()).encode(),
                P.CryptoRequest.create(kp.public, k, self.target, n, 0x9C, self.r.randbytes(100)).encode(),
                P.CryptoRequest.create(kp.public, k, self.r.randbytes(32), n, 0x9C, b"route me").encode(),
                P.LanDiscovery(kp.public).encode(),
                P.bootstrap_info_request(),
            ]
        return out

    def datagram(self) -> bytes:
        r = self.r
        choice = r.random()
        if choice < 0.25:  # random body behind a real kind, at a typical or random length
            kind = r.choice(KINDS)
            n = TYPICAL.get(kind, r.randrange(1, 600)) if r.random() < 0.6 else r.randrange(0, 1500)
            return bytes([kind]) + r.randbytes(max(0, n - 1))
        if choice < 0.35:  # pure noise
            return r.randbytes(r.randrange(0, 200))
        d = bytearray(r.choice(self.valid))
        how = r.randrange(7)
        if how == 0:  # flip bits
            for _ in range(r.randrange(1, 6)):
                i = r.randrange(len(d))
                d[i] ^= 1 << r.randrange(8)
        elif how == 1:  # truncate
            del d[r.randrange(len(d)) :]
        elif how == 2:  # extend
            d += r.randbytes(r.randrange(1, 64))
        elif how == 3:  # retarget the kind
            d[0] = r.choice(KINDS)
        elif how == 4:  # splice two valid packets
            other = r.choice(self.valid)
            cut = r.randrange(len(d))
            d = d[:cut] + other[cut:]
        elif how == 5:  # corrupt the sender key (the box no longer opens)
            d[1:33] = r.randbytes(32)
        # how == 6: a valid packet unchanged (replays, requests from strangers)
        return bytes(d)


def _node(seed: str) -> ToxNode:
    rng = SeededRng(seed)
    return ToxNode(KeyPair.generate(rng), rng.bytes(4), rng, NodeConfig(ipv6=False, lan_discovery=False))


def _assert_still_answers(node: ToxNode, now: float) -> None:
    asker = KeyPair.from_secret(bytes(range(32)))
    ping = P.seal_ping(0, asker.public, precompute(node.dht_public_key, asker.secret), bytes(24), b"STILLOK!")
    node.datagrams_to_send()
    node.receive_datagram(ping, ("198.18.200.1", 40000), now)
    replies = [d for d, a in node.datagrams_to_send() if a == ("198.18.200.1", 40000) and d[0] == 1]
    assert len(replies) == 1 and len(replies[0]) == 82
    pkt = P.DhtPacket.decode(replies[0])
    assert P.open_ping(pkt, precompute(node.dht_public_key, asker.secret)).ping_id == b"STILLOK!"


def _assert_bounded(node: ToxNode) -> None:
    dht = node.dht
    assert len(dht._to_ping) <= 32
    assert len(dht._pings) <= 512 and len(dht._get_nodes) <= 512
    assert len(dht._to_bootstrap) <= 8
    assert all(len(b) <= 8 for b in dht.close.buckets)
    assert all(len(sl.clients) <= 8 and len(sl.to_bootstrap) <= 4 for sl in dht.searches.values())


def test_hundred_thousand_datagrams_into_a_node() -> None:
    node = _node("fuzz-direct")
    fz = Fuzzer(1, node.dht_public_key)
    n = 100_000
    now = 0.0
    t0 = time.perf_counter()
    for i in range(n):
        src = (f"10.{fz.r.randrange(256)}.{fz.r.randrange(256)}.{fz.r.randrange(1, 255)}", 33445)
        node.receive_datagram(fz.datagram(), src, now)
        if i % 50 == 0:  # the runtime's pump: outputs leave, timers fire
            node.datagrams_to_send()
            while node.next_event() is not None:
                pass
            now += 0.05
            t = node.get_timer()
            if t is not None and t <= now:
                node.handle_timer(now)
    wall = time.perf_counter() - t0
    st = node.stats
    print(
        f"\n{n} datagrams in {wall:.1f} s: malformed/refused {st.dropped_malformed}, unknown kind "
        f"{st.dropped_unknown}, internal errors {st.internal_errors}; top drop reasons "
        f"{st.drop_reasons.most_common(4)}"
    )
    assert st.received == n
    assert st.internal_errors == 0
    assert st.dropped_malformed + st.dropped_unknown >= n * 0.7
    assert st.dropped_unknown >= 1 and st.dropped_malformed >= 1
    _assert_bounded(node)
    _assert_still_answers(node, now + 1.0)


@pytest.mark.timeout(120)
async def test_fuzz_over_real_udp_then_ping() -> None:
    node = _node("fuzz-udp")
    rt = ToxRuntime(node, port=None, bind_host="127.0.0.1")
    port = await rt.start()
    fz = Fuzzer(2, node.dht_public_key)
    loop = asyncio.get_running_loop()
    arrived = asyncio.Event()
    receive = node.receive_datagram

    def counting_receive(data: bytes, addr: tuple[str, int], now: float) -> None:
        receive(data, addr, now)
        arrived.set()

    node.receive_datagram = counting_receive  # type: ignore[method-assign]

    async def caught_up(lag: int, within: float) -> None:
        end = loop.time() + within
        while node.stats.received < sent - lag:
            arrived.clear()
            await asyncio.wait_for(arrived.wait(), max(0.01, end - loop.time()))

    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.setblocking(False)
    try:
        n = 10_000
        sent = 0
        for _ in range(n):
            data = fz.datagram()
            if not data:
                continue  # an empty datagram on the wire is still a datagram, but keep counts exact
            sock.sendto(data, ("127.0.0.1", port))
            sent += 1
            if sent % 100 == 0:
                await caught_up(200, 10.0)  # pace the sender: never more than ~300 in flight
        await caught_up(0, 10.0)
        st = node.stats
        print(f"\nUDP: sent {sent}, received {st.received}, dropped {st.dropped_malformed + st.dropped_unknown}")
        assert st.received == sent
        assert st.internal_errors == 0
        _assert_bounded(node)
        # and it still answers a ping, over the same socket
        asker = KeyPair.from_secret(bytes(range(1, 33)))
        k = precompute(node.dht_public_key, asker.secret)
        sock.sendto(P.seal_ping(0, asker.public, k, bytes(24), b"UDP-PING"), ("127.0.0.1", port))
        end = loop.time() + 10
        answered = False
        while not answered:
            data, addr = await asyncio.wait_for(loop.sock_recvfrom(sock, 2048), max(0.1, end - loop.time()))
            if data[:1] == b"\x01" and len(data) == 82 and P.DhtPacket.decode(data).sender == node.dht_public_key:
                try:
                    answered = P.open_ping(P.DhtPacket.decode(data), k).ping_id == b"UDP-PING"
                except ProtocolError:
                    continue  # the answer to one of the fuzzer's own valid pings
        assert addr == ("127.0.0.1", port)
    finally:
        sock.close()
        await rt.stop()
