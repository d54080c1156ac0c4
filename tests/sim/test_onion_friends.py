"""Friend finding across a simulated network of toxgui nodes only (no c-toxcore node).

Every node adds 3 friends by Tox ID; every request must arrive exactly once, be accepted, and
both sides of every pair must learn each other's current DHT key within a bounded virtual time.
"""

from __future__ import annotations

import random
import statistics
import time
from dataclasses import dataclass, field

import pytest

from tests.sim.simnet import VirtualNetwork
from toxgui.core.events import Event, FriendRequest
from toxgui.core.node import ToxNode
from toxgui.core.toxid import ToxId
from toxgui.core.wire import Addr


@dataclass
class Outcome:
    pairs: list[tuple[int, int]]
    times: list[float]
    requests: dict[tuple[int, bytes], int] = field(default_factory=dict)
    wall: float = 0.0
    nodes: list[ToxNode] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def worst(self) -> float:
        return max(self.times)


def choose_pairs(n: int, per_node: int, seed: int) -> list[tuple[int, int]]:
    """Each node i sends `per_node` requests to distinct others (no pair in both directions)."""
    r = random.Random(seed)
    pairs: set[tuple[int, int]] = set()
    for i in range(n):
        mine = 0
        while mine < per_node:
            j = r.randrange(n)
            if j != i and (i, j) not in pairs and (j, i) not in pairs:
                pairs.add((i, j))
                mine += 1
    return sorted(pairs)


def run_friend_finding(n: int, loss: float, seed: int, timeout: float, per_node: int = 3) -> Outcome:
    t0 = time.monotonic()
    net = VirtualNetwork(seed=seed, loss=loss)
    nodes = [net.create_node() for _ in range(n)]
    index = {net.addr_of(x): i for i, x in enumerate(nodes)}
    seeds = nodes[:3]
    for x in nodes:
        for s in seeds:
            if s is not x:
                x.bootstrap(*net.addr_of(s), s.dht_public_key, net.now)
        net.kick(x)
    pairs = choose_pairs(n, per_node, seed)
    for i, j in pairs:
        b = nodes[j]
        nodes[i].add_friend(ToxId(b.public_key, b.nospam), f"hello from node {i} \N{WAVING HAND SIGN}", net.now)
        net.kick(nodes[i])

    requests: dict[tuple[int, bytes], int] = {}
    to_accept: list[tuple[int, bytes]] = []

    def listen(now: float, addr: Addr, ev: Event) -> None:
        if isinstance(ev, FriendRequest):
            key = (index[addr], ev.public_key)
            requests[key] = requests.get(key, 0) + 1
            to_accept.append(key)

    net.listeners.append(listen)
    learned: dict[tuple[int, int], float] = {}

    def all_learned() -> bool:
        while to_accept:
            j, pk = to_accept.pop()
            nodes[j].accept_request(pk, net.now)
            net.kick(nodes[j])
        for i, j in pairs:
            if (i, j) in learned:
                continue
            a, b = nodes[i], nodes[j]
            fa, fb = a.friends.get(b.public_key), b.friends.get(a.public_key)
            if fa is not None and fb is not None and fa.dht_key == b.dht_public_key \
                    and fb.dht_key == a.dht_public_key:
                assert fa.dht_key_learned is not None and fb.dht_key_learned is not None
                learned[(i, j)] = max(fa.dht_key_learned, fb.dht_key_learned)
        return len(learned) == len(pairs)

    net.run_until(all_learned, timeout=timeout, poll=0.05)
    out = Outcome(pairs, sorted(learned.values()), requests, time.monotonic() - t0, nodes)
    assert sum(x.stats.internal_errors for x in nodes) == 0
    return out


def check(out: Outcome, n: int, bound: float) -> None:
    pks = [x.public_key for x in out.nodes]
    expected = {(j, pks[i]) for i, j in out.pairs}
    assert set(out.requests) == expected, "every request arrives"
    assert all(c == 1 for c in out.requests.values()), "and is announced exactly once"
    assert len(out.times) == len(out.pairs)
    assert out.worst <= bound
    print(f"\n{n} nodes, {len(out.pairs)} pairs: DHT keys both ways, median {out.median:.2f} s, "
          f"worst {out.worst:.2f} s virtual ({out.wall:.1f} s wall)")


def test_twelve_nodes_find_each_other_without_loss() -> None:
    out = run_friend_finding(12, loss=0.0, seed=11, timeout=60)
    check(out, 12, bound=30)


def test_twenty_nodes_find_each_other_at_ten_percent_loss() -> None:
    out = run_friend_finding(20, loss=0.1, seed=12, timeout=120)
    check(out, 20, bound=60)


@pytest.mark.slow
def test_hundred_nodes_three_friends_each_at_ten_percent_loss() -> None:
    out = run_friend_finding(100, loss=0.1, seed=13, timeout=300)
    check(out, 100, bound=90)
