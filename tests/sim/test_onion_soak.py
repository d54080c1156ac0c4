"""Soak: our onion announcement on a network whose nodes die and are replaced, for two virtual
hours.  Paths through dead nodes break; the announcement must never stay at zero for more than
15 s while live nodes exist (a long-running node once lost it for about 110 s: a path that no
longer answered stayed alive while it was used, because each use refreshed its timeout)."""

from __future__ import annotations

import random
import time

import pytest

from tests.sim.simnet import VirtualNetwork
from toxgui.core.node import ToxNode

HOURS = 2.0
CHURN_EVERY = 120.0  # virtual seconds between churn rounds
WARM_UP = 60.0


def soak(seed: int, hours: float = HOURS, size: int = 14, churn: int = 2) -> dict[str, float]:
    t0 = time.monotonic()
    net = VirtualNetwork(seed=seed, loss=0.02)
    r = random.Random(seed)
    nodes: list[ToxNode] = [net.create_node() for _ in range(size)]
    me = nodes[-1]
    for x in nodes[1:]:
        x.bootstrap(*net.addr_of(nodes[0]), nodes[0].dht_public_key, net.now)
        net.kick(x)
    zero_since: float | None = None
    longest_zero = 0.0
    samples: list[int] = []
    next_churn = net.now + CHURN_EVERY
    end = net.now + hours * 3600
    while net.now < end:
        net.run_for(1.0)
        n = me.onion.client.announced_nodes
        samples.append(n)
        if net.now > WARM_UP:
            if n == 0:
                zero_since = net.now if zero_since is None else zero_since
                longest_zero = max(longest_zero, net.now - zero_since)
            else:
                zero_since = None
        if net.now >= next_churn:
            next_churn += CHURN_EVERY
            others = [x for x in nodes if x is not me]
            for gone in r.sample(others, churn):  # nodes die: every path through them breaks
                net.remove(gone)
                nodes.remove(gone)
            alive = [x for x in nodes if x is not me]
            for _ in range(churn):  # and new ones join
                x = net.create_node()
                via = r.choice(alive)
                x.bootstrap(*net.addr_of(via), via.dht_public_key, net.now)
                net.kick(x)
                nodes.append(x)
    return {
        "longest_zero_s": longest_zero,
        "min_after_warm_up": min(samples[int(WARM_UP):]),
        "median": sorted(samples)[len(samples) // 2],
        "paths_built": float(sum(p.built for p in me.onion.client.pools.values())),
        "wall_s": time.monotonic() - t0,
    }


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_announcement_survives_two_hours_of_churn() -> None:
    out = soak(seed=11)
    print(f"\nonion soak, {HOURS} virtual hours: {out}")
    assert out["longest_zero_s"] <= 15.0, out
