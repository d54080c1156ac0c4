"""toxgui's DHT among c-toxcore 0.2.18 nodes on loopback.

(a) A toxgui node bootstraps from a tox-bootstrapd alone and, within 10 s, holds the bootstrapd
    and all 8 c-toxcore peers as good nodes in its lists.
(b) A fresh c-toxcore peer whose only bootstrap entry is the toxgui node reaches the network: its
    own DHT fills with other nodes (we ask it with get-nodes and read its answers), and it finds a
    friend elsewhere on the network and connects to it (friend_connection UDP on both sides).

toxgui binds 127.0.0.1 with LAN discovery off; the c-toxcore peers run with LAN discovery off.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import pytest

from tests.interop import ctox
from tests.interop.network import CToxPeer, LocalNetwork
from toxgui.core.crypto import KeyPair, SystemRng
from toxgui.core.node import NodeConfig, ToxNode
from toxgui.core.wire import Addr, PackedNode
from toxgui.net.runtime import ToxRuntime

UDP = int(ctox.Connection.UDP)


class Toxgui:
    def __init__(self) -> None:
        rng = SystemRng()
        self.node = ToxNode(KeyPair.generate(rng), rng.bytes(4), rng, NodeConfig(ipv6=False, lan_discovery=False))
        self.runtime = ToxRuntime(self.node, port=None, bind_host="127.0.0.1", ipv6=False)

    @property
    def now(self) -> float:
        return self.runtime.now

    def good_keys(self) -> set[bytes]:
        dht = self.node.dht
        now = self.now
        keys = {c.public_key for c in dht.close.by_key.values() if c.good(now)}
        for sl in dht.searches.values():
            keys |= {c.public_key for c in sl.clients if c.good(now)}
        return keys

    async def wait(self, cond: Callable[[], bool], within: float, what: str) -> float:
        t0 = time.monotonic()
        while not cond():
            if time.monotonic() - t0 > within:
                raise AssertionError(f"toxgui: {what} not within {within} s")
            await asyncio.sleep(0.05)  # polling our own state; the runtime works meanwhile
        return time.monotonic() - t0


async def _spawn(net: LocalNetwork, n: int) -> list[CToxPeer]:
    return list(await asyncio.gather(*(asyncio.to_thread(net.spawn_peer, f"c{i}") for i in range(n))))


@pytest.mark.timeout(180)
async def test_toxgui_fills_its_lists_from_a_ctoxcore_network(local_network: LocalNetwork) -> None:
    peers = await _spawn(local_network, 8)
    bsd = local_network.bootstrapd
    network = {bsd.public_key_bytes} | {bytes.fromhex(p.dht_id) for p in peers}
    assert len(network) == 9
    t = Toxgui()
    await t.runtime.start()
    try:
        t.node.bootstrap(*bsd.addr, bsd.public_key_bytes, t.now)
        t.runtime.pump()
        took = await t.wait(lambda: network <= t.good_keys(), 30.0, "all 9 c-toxcore nodes good in the lists")
        print(
            f"\ntoxgui DHT: all 9 c-toxcore nodes good after {took:.2f} s; "
            f"known={t.node.dht.known} good={t.node.dht.good} close={len(t.node.dht.close)}"
        )
        # they came from c-toxcore's replies and pings, and toxgui answered c-toxcore in turn
        assert t.node.dht.counters.replies_accepted >= 9
        assert t.node.dht.counters.get_nodes_answered + t.node.dht.counters.pings_answered > 0
        assert t.node.stats.internal_errors == 0
    finally:
        await t.runtime.stop()


@pytest.mark.timeout(240)
async def test_ctoxcore_peer_bootstraps_from_toxgui_alone(local_network: LocalNetwork, ctox_peers) -> None:  # type: ignore[no-untyped-def]
    peers = await _spawn(local_network, 6)
    bsd = local_network.bootstrapd
    t = Toxgui()
    await t.runtime.start()
    try:
        t.node.bootstrap(*bsd.addr, bsd.public_key_bytes, t.now)
        t.runtime.pump()
        others = {bsd.public_key_bytes} | {bytes.fromhex(p.dht_id) for p in peers}
        await t.wait(lambda: len(others & t.good_keys()) >= 5, 15.0, "toxgui joined the network")

        # Y: an ordinary peer of the network.  X: its only bootstrap entry is toxgui.
        y = await asyncio.to_thread(local_network.spawn_peer, "Y")
        me: tuple[str, int, str] = ("127.0.0.1", t.runtime.udp_port, t.node.dht_public_key.hex().upper())
        t0 = time.monotonic()
        x = await asyncio.to_thread(ctox_peers, bootstrap=[me], label="X")
        x_pk = bytes.fromhex(x.dht_id)
        x_addr: Addr = ("127.0.0.1", x.udp_port)
        others.add(bytes.fromhex(y.dht_id))

        # Ask X which nodes it knows (get-nodes for random keys and its own), and read its replies.
        reported: set[bytes] = set()

        def on_nodes(replier: bytes, addr: Addr, nodes: list[PackedNode], now: float) -> None:
            if replier == x_pk:
                reported.update(n.public_key for n in nodes)

        t.node.dht.on_send_nodes(on_nodes)

        async def probe_x() -> None:
            rng = SystemRng()
            while True:
                for searched in (x_pk, rng.bytes(32), rng.bytes(32), *list(others)[:3]):
                    t.node.dht.get_nodes(x_addr, x_pk, searched, t.now)
                t.runtime.pump()
                await asyncio.sleep(0.5)

        prober = asyncio.create_task(probe_x())
        try:
            took = await t.wait(lambda: len(reported & others) >= 4, 30.0, "X to know 4 other nodes")
        finally:
            prober.cancel()
        print(
            f"\nc-toxcore X (bootstrapped from toxgui only) reported {len(reported & others)} other "
            f"network nodes after {took:.2f} s"
        )
        assert x_pk in t.good_keys()

        # X and Y become friends; X can only find Y through what toxgui handed it.
        fx = await asyncio.to_thread(x.add_friend, y.tox_id, "via toxgui")
        req = await asyncio.to_thread(y.wait_event, "friend_request", 60, public_key=x.public_key)
        fy = (
            int(req["accepted"])
            if req.get("accepted") is not None
            else await asyncio.to_thread(y.add_friend_norequest, x.public_key)
        )
        await asyncio.to_thread(x.wait_event, "friend_connection", 90, friend=fx, status=UDP)
        await asyncio.to_thread(y.wait_event, "friend_connection", 90, friend=fy, status=UDP)
        print(f"X and Y friend_connection UDP {time.monotonic() - t0:.2f} s after X started")
        conn = await asyncio.to_thread(x.wait_event, "self_connection", 30)
        assert conn["status"] != int(ctox.Connection.NONE)
        assert t.node.stats.internal_errors == 0
    finally:
        await t.runtime.stop()
