"""Onion paths: three DHT nodes and the keys that stay fixed for the path's life.

Two pools of six paths (self-announce and friend search) as in c-toxcore.  A path is drawn
with replacement from the pool of path nodes, so on a tiny network the same node may appear
twice in one path; that works (each hop only peels one layer).

A path dies when it was used PATH_MAX_NO_RESPONSE_USES times without a reply and the last use is
older than its timeout (4 s for a path that never answered, 10 s otherwise), or after 20 min.
"""

from __future__ import annotations

from collections.abc import Callable

from toxgui.core.context import NodeContext
from toxgui.core.crypto import rand_below
from toxgui.core.onion.constants import (
    PATH_FIRST_TIMEOUT,
    PATH_FREE_USES,
    PATH_MAX_LIFETIME,
    PATH_MAX_NO_RESPONSE_USES,
    PATH_TIMEOUT,
    PATHS_PER_POOL,
)
from toxgui.core.packets import onion as P
from toxgui.core.record import record
from toxgui.core.wire import PackedNode


@record
class Path:
    path_id: int
    onion: P.OnionPath
    created: float
    last_used: float
    last_success: float | None = None
    tries: int = -PATH_FREE_USES
    relay: bytes | None = None  # a TCP relay of ours as node A (then nodes[0] is only its key)

    @property
    def nodes(self) -> tuple[P.OnionNode, P.OnionNode, P.OnionNode]:
        return self.onion.nodes

    def alive(self, now: float) -> bool:
        if now - self.created >= PATH_MAX_LIFETIME:
            return False
        timeout = PATH_FIRST_TIMEOUT if self.last_success is None else PATH_TIMEOUT
        return not (self.tries >= PATH_MAX_NO_RESPONSE_USES and now - self.last_used >= timeout)

    def used(self, now: float) -> None:
        # As c-toxcore (onion_client.c random_path): the time of use stops moving once the path
        # went PATH_MAX_NO_RESPONSE_USES uses without an answer, so a path that no longer answers
        # times out even while it keeps being used.  (Refreshing it on every use kept such a path
        # alive for its whole 20-minute life, and the announcement sent through it was lost.)
        if self.tries < PATH_MAX_NO_RESPONSE_USES:
            self.last_used = now
        self.tries += 1

    def success(self, now: float) -> None:
        self.tries = 0
        self.last_success = now


class PathPool:
    """PATHS_PER_POOL slots; a dead or empty slot is rebuilt when it is drawn."""

    def __init__(self, ctx: NodeContext, next_id: Callable[[], int]) -> None:
        self.ctx = ctx
        self._next_id = next_id
        # A relay to be node A of new paths (c-toxcore: while the DHT is not connected), or None;
        # and whether a path's relay is still connected.
        self.tcp_first_hop: Callable[[], bytes | None] = lambda: None
        self.relay_up: Callable[[bytes], bool] = lambda pk: False
        self.udp_paths: Callable[[], bool] = lambda: True  # False without UDP: a relay or nothing
        self.slots: list[Path | None] = [None] * PATHS_PER_POOL
        self.built = 0

    def by_id(self, path_id: int | None, now: float) -> Path | None:
        if path_id is None:
            return None
        for p in self.slots:
            if p is not None and p.path_id == path_id:
                return p if self._usable(p, now) else None
        return None

    def _usable(self, p: Path, now: float) -> bool:
        return p.alive(now) and (p.relay is None or self.relay_up(p.relay))

    def choose(self, now: float, nodes: list[PackedNode]) -> Path | None:
        i = rand_below(self.ctx.rng, PATHS_PER_POOL)
        p = self.slots[i]
        if p is not None and self._usable(p, now):
            return p
        p = self.build(now, nodes)
        if p is not None:
            self.slots[i] = p
        return p

    def build(self, now: float, nodes: list[PackedNode]) -> Path | None:
        if not nodes:
            return None
        rng = self.ctx.rng
        hops = [P.OnionNode(n.public_key, n.addr) for n in (nodes[rand_below(rng, len(nodes))] for _ in range(3))]
        relay = self.tcp_first_hop()
        if relay is None and not self.udp_paths():
            return None  # no UDP and no relay connected yet: a path now would only be lost
        if relay is not None:
            hops[0] = P.OnionNode(relay, ("0.0.0.0", 0))  # reached over TCP: no address
        onion = P.OnionPath.create(hops, self.ctx.dht_keys, rng, self.ctx.keys)
        self.built += 1
        return Path(self._next_id(), onion, created=now, last_used=now, relay=relay)

    def alive_count(self, now: float) -> int:
        return sum(1 for p in self.slots if p is not None and self._usable(p, now))
