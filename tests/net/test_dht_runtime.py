"""The DHT over real UDP on 127.0.0.1: runtimes bootstrapping from each other and from a nodes file.

No public node is ever contacted: the bundled list is only parsed.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from toxgui.core.crypto import KeyPair, SystemRng
from toxgui.core.events import DhtStatus, Event
from toxgui.core.node import NodeConfig, ToxNode
from toxgui.net import bootstrap as B
from toxgui.net.runtime import ToxRuntime


class Live:
    def __init__(self) -> None:
        rng = SystemRng()
        self.node = ToxNode(KeyPair.generate(rng), rng.bytes(4), rng, NodeConfig(ipv6=False, lan_discovery=False))
        self.rt = ToxRuntime(self.node, port=None, bind_host="127.0.0.1")
        self.status: list[DhtStatus] = []
        self.changed = asyncio.Event()
        self.rt.subscribe(self._on)

    def _on(self, ev: Event) -> None:
        if isinstance(ev, DhtStatus):
            self.status.append(ev)
            self.changed.set()

    async def until(self, cond: Callable[[], bool], within: float) -> None:
        end = asyncio.get_running_loop().time() + within
        while not cond():
            self.changed.clear()
            await asyncio.wait_for(self.changed.wait(), max(0.01, end - asyncio.get_running_loop().time()))

    @property
    def entry(self) -> dict[str, object]:
        return {
            "ipv4": "127.0.0.1",
            "ipv6": "-",
            "port": self.rt.udp_port,
            "public_key": self.node.dht_public_key.hex().upper(),
            "status_udp": True,
        }


@pytest.mark.timeout(60)
async def test_three_runtimes_find_each_other(tmp_path: Path) -> None:
    nodes = [Live() for _ in range(3)]
    for n in nodes:
        await n.rt.start()
    try:
        assert all(n.rt.transport.get_extra_info("sockname")[0] == "127.0.0.1" for n in nodes)  # type: ignore[union-attr]
        # b and c know only a, from a nodes file
        path = tmp_path / "nodes.json"
        path.write_text(json.dumps({"nodes": [nodes[0].entry]}))
        entries = B.load_nodes(path)
        for n in nodes[1:]:
            assert await B.bootstrap_from(n.rt, entries) == 1
        for n in nodes:
            await n.until(lambda n=n: bool(n.status) and n.status[-1].good >= 2, 15.0)
        keys = {n.node.dht_public_key for n in nodes}
        for n in nodes:
            good = {c.public_key for c in n.node.dht.close.by_key.values() if c.good(n.rt.now)}
            assert good == keys - {n.node.dht_public_key}
            assert n.node.stats.internal_errors == 0
        # DhtStatus events are rate-limited to one per second of runtime time
        times = [e for e in nodes[0].status]
        assert len(times) <= 1 + int(nodes[0].rt.now)
    finally:
        for n in nodes:
            await n.rt.stop()


def test_parse_nodes_file_formats_and_bad_entries() -> None:
    key = "AB" * 32
    doc = {
        "last_scan": 1,
        "nodes": [
            {
                "ipv4": "198.18.2.1",
                "ipv6": "-",
                "port": 33445,
                "public_key": key,
                "tcp_ports": [443, 33445],
                "status_udp": True,
                "maintainer": "m",
                "location": "XX",
            },
            {"ipv4": "NONE", "ipv6": "2001:db8::1", "port": 3389, "public_key": "CD" * 32, "status_udp": False},
            {"ipv4": "node.example", "ipv6": "node.example", "port": 33445, "public_key": "EF" * 32},
            {"ipv4": "198.18.2.2", "port": 0, "public_key": key},  # bad port
            {"ipv4": "198.18.2.3", "port": 33445, "public_key": "zz"},  # bad key
            {"ipv4": "-", "ipv6": "-", "port": 33445, "public_key": "12" * 32},  # no address
            {"ipv4": "198.18.2.1", "port": 33445, "public_key": key},  # duplicate
            "not an object",
        ],
    }
    nodes = B.parse_nodes(json.dumps(doc))
    assert [(n.ipv4, n.ipv6, n.port) for n in nodes] == [
        ("198.18.2.1", None, 33445),
        (None, "2001:db8::1", 3389),
        ("node.example", "node.example", 33445),
    ]
    assert nodes[0].public_key == bytes.fromhex(key) and nodes[0].tcp_ports == (443, 33445)
    assert nodes[1].status_udp is False and nodes[2].status_udp is None
    assert B.choose(nodes, 3)[-1].status_udp is False  # nodes seen down go last
    for bad in ("[]", "{}", '{"nodes": 3}', "not json"):
        with pytest.raises(B.NodesFileError):
            B.parse_nodes(bad)


def test_bundled_public_list_parses_without_network() -> None:
    nodes = B.bundled_nodes()
    assert len(nodes) >= 10
    assert all(len(n.public_key) == 32 and 0 < n.port < 65536 for n in nodes)
    assert B.BUNDLED_RESOURCE[-1] == "bootstrap_nodes.json"


async def test_resolve_literals_without_dns() -> None:
    n = B.BootstrapNode(ipv4="127.0.0.1", ipv6="::1", port=33445, public_key=bytes(32))
    assert await B.resolve(n, ipv6=False) == [("127.0.0.1", 33445)]
    assert await B.resolve(n, ipv6=True) == [("127.0.0.1", 33445), ("::1", 33445)]
    mixed = B.BootstrapNode(ipv4="::1", ipv6=None, port=1, public_key=bytes(32))
    assert await B.resolve(mixed, ipv6=True) == []  # an IPv6 literal in the ipv4 field is ignored
