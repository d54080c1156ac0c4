"""The public node list gives TCP relays too: up to 3 nodes, port 443 preferred, names left to a
proxy when there is one."""

from __future__ import annotations

import asyncio
from typing import Any

from toxgui.net.bootstrap import BootstrapNode, bootstrap_from, relay_port

KEY = bytes(range(32))


class FakeNode:
    def __init__(self) -> None:
        self.udp: list[tuple[str, int]] = []
        self.relays: list[tuple[str, int]] = []

    def bootstrap(self, host: str, port: int, key: bytes, now: float) -> bool:
        self.udp.append((host, port))
        return True

    def add_tcp_relay(self, host: str, port: int, key: bytes, now: float) -> bool:
        self.relays.append((host, port))
        return True


class FakeRuntime:
    def __init__(self) -> None:
        self.node = FakeNode()
        self.now = 0.0
        self.ipv6 = False

    def pump(self) -> None:
        pass


def _node(i: int, host: str, tcp: tuple[int, ...], status_tcp: bool | None = True) -> BootstrapNode:
    return BootstrapNode(host, None, 33445, bytes([i]) * 32, tcp_ports=tcp, status_udp=True, status_tcp=status_tcp)


def test_relay_port_prefers_443() -> None:
    assert relay_port(_node(1, "127.0.0.1", (3389, 443, 33445))) == 443
    assert relay_port(_node(1, "127.0.0.1", (5555,))) == 5555
    assert relay_port(_node(1, "127.0.0.1", ())) is None
    assert relay_port(_node(1, "127.0.0.1", (443,), status_tcp=False)) is None


def test_three_relays_from_the_list_and_names_go_to_the_proxy() -> None:
    nodes = [_node(i, f"127.0.0.{i}", (33445, 443)) for i in range(1, 6)] + [_node(9, "tox.example", (443,))]
    rt: Any = FakeRuntime()
    asyncio.run(bootstrap_from(rt, nodes[:5]))
    assert len(rt.node.relays) == 3 and all(p == 443 for _, p in rt.node.relays)
    assert len(rt.node.udp) == 5
    rt = FakeRuntime()
    asyncio.run(bootstrap_from(rt, [nodes[-1]], resolve_names=False))
    assert rt.node.relays == [("tox.example", 443)]  # the proxy resolves it
    assert rt.node.udp == []  # nothing looked up locally
