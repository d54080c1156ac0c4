"""DHT scenarios on the simulator: convergence under loss, determinism, partitions, routing.

Convergence measure: for every node, how many of the 8 nodes whose DHT keys are XOR-closest to
its own key (computed by brute force over the whole network) sit in its close list as good nodes.
c-toxcore's geometry cannot always reach 100 %: a bucket full of good nodes admits nobody, so a
near node can be shut out of a full bucket.  The tests print the fraction and wall time.
"""

from __future__ import annotations

import random
import time

import pytest

from tests.sim.simnet import SimulationTimeout, VirtualNetwork
from toxgui.core.dht.lists import key_int
from toxgui.core.node import ToxNode


def build(net: VirtualNetwork, n: int, seed: int, spacing: float = 0.0) -> list[ToxNode]:
    """n nodes, each bootstrapped from one random earlier node (optionally joining one by one)."""
    pick = random.Random(f"bootstrap/{seed}")
    nodes: list[ToxNode] = []
    for i in range(n):
        if spacing:
            net.run_until(i * spacing)
        node = net.create_node()
        if nodes:
            b = nodes[pick.randrange(len(nodes))]
            node.bootstrap(*net.addr_of(b), b.dht_public_key, net.now)
            net.kick(node)
        nodes.append(node)
    return nodes


def closest_fraction(net: VirtualNetwork, nodes: list[ToxNode], k: int = 8) -> float:
    ints = [(key_int(n.dht_public_key), n.dht_public_key) for n in nodes]
    hit = total = 0
    for node in nodes:
        me = key_int(node.dht_public_key)
        best = sorted((ki ^ me, pk) for ki, pk in ints if ki != me)[:k]
        for _, pk in best:
            total += 1
            c = node.dht.close.get(pk)
            hit += c is not None and c.good(net.now)
    return hit / total


def converge(n: int, seed: int, loss: float, horizon: float, want: float) -> tuple[float, float, float]:
    """Run until the fraction reaches `want` (checked every 5 virtual s) or `horizon`."""
    t0 = time.perf_counter()
    net = VirtualNetwork(seed=seed, loss=loss)
    nodes = build(net, n, seed)
    frac = 0.0
    while net.now < horizon:
        net.run_until(net.now + 5.0)
        frac = closest_fraction(net, nodes)
        if frac >= want:
            break
    wall = time.perf_counter() - t0
    errors = sum(node.stats.internal_errors for node in nodes)
    print(
        f"\n{n} nodes, loss {loss:.0%}, seed {seed}: {frac:.4f} of the 8-closest sets in place at "
        f"t={net.now:.0f} s virtual; wall {wall:.1f} s; {net.stats.delivered} datagrams; "
        f"internal errors {errors}"
    )
    assert errors == 0, f"seed={seed}"
    return frac, net.now, wall


def test_dht_converges_100_nodes_10pct_loss() -> None:
    frac, t, _ = converge(100, seed=11, loss=0.10, horizon=150.0, want=0.95)
    assert frac >= 0.95, f"only {frac:.3f} after {t} s (seed=11)"


@pytest.mark.slow
@pytest.mark.timeout(3600)
def test_dht_converges_500_nodes_10pct_loss() -> None:
    frac, t, _ = converge(500, seed=5, loss=0.10, horizon=300.0, want=0.96)
    assert frac >= 0.95, f"only {frac:.3f} after {t} s (seed=5)"


def test_same_seed_same_trace_different_seed_different_trace() -> None:
    def run(seed: int) -> tuple[str, list[tuple[float, tuple[str, int], str]]]:
        net = VirtualNetwork(seed=seed, loss=0.1, dup=0.05, reorder=0.1)
        build(net, 12, seed)
        net.run_until(25.0)
        return net.trace_digest(), [(t, a, repr(e)) for t, a, e in net.trace]

    d1, tr1 = run(3)
    d2, tr2 = run(3)
    d3, _ = run(4)
    assert d1 == d2 and tr1 == tr2
    assert d1 != d3


def test_lossy_duplicating_reordering_network_still_converges() -> None:
    net = VirtualNetwork(seed=21, loss=0.2, dup=0.2, reorder=0.2, latency=(0.005, 0.3))
    nodes = build(net, 30, 21, spacing=0.2)
    net.run_until(lambda: closest_fraction(net, nodes) >= 0.95, timeout=180.0, poll=5.0)
    assert sum(n.stats.internal_errors for n in nodes) == 0
    assert net.stats.duplicated > 0 and net.stats.lost > 0


def test_partition_heals() -> None:
    net = VirtualNetwork(seed=8)
    nodes = build(net, 24, 8)
    net.run_until(lambda: closest_fraction(net, nodes) >= 0.95, timeout=60.0, poll=2.0)
    left = [net.addr_of(n) for n in nodes[:12]]
    right = [net.addr_of(n) for n in nodes[12:]]
    net.partition(left, right)
    net.run_for(150.0)  # across the cut everything goes bad (122 s), not yet killed (182 s)
    a = nodes[0]
    across = {n.dht_public_key for n in nodes[12:]}
    assert not any(c.good(net.now) for c in a.dht.close.by_key.values() if c.public_key in across)
    net.heal()
    net.run_until(lambda: closest_fraction(net, nodes) >= 0.95, timeout=120.0, poll=2.0)


def test_search_finds_node_and_dht_request_is_routed() -> None:
    net = VirtualNetwork(seed=31, loss=0.05)
    nodes = build(net, 40, 31)
    net.run_until(30.0)
    a, b = nodes[3], nodes[37]
    got: list[tuple[bytes, bytes]] = []
    b.dht.on_crypto_request(0x42, lambda pk, data, addr, now: got.append((pk, data)))
    a.dht.add_search(b.dht_public_key, net.now)
    net.kick(a)
    net.run_until(lambda: net.addr_of(b) in a.dht.friend_addresses(b.dht_public_key), timeout=30.0)
    # nodes that reported b: a DHT request through them reaches b
    net.run_until(lambda: len(a.dht.nodes_reporting(b.dht_public_key)) >= 2, timeout=60.0)
    via = a.dht.nodes_reporting(b.dht_public_key)
    assert a.dht.send_crypto_request(b.dht_public_key, 0x42, b"routed hello", via) == len(via)
    net.kick(a)
    net.run_until(lambda: bool(got), timeout=5.0)
    assert got[0] == (a.dht_public_key, b"routed hello")
    assert sum(n.dht.counters.requests_routed for n in nodes) >= 1


def test_timeout_names_the_seed() -> None:
    net = VirtualNetwork(seed=99)
    build(net, 2, 99)
    with pytest.raises(SimulationTimeout, match="seed=99"):
        net.run_until(lambda: False, timeout=3.0)
