"""A deterministic simulator for real ToxNode objects: virtual clock, virtual network.

Nodes are real `ToxNode`s (real crypto, real codecs).  Addresses such as ("10.0.0.7", 33445) are
only dictionary keys; no packet leaves the process.  Everything random (latency, loss,
duplication, reordering, and each node's own `Rng`) comes from the seed, so one seed always
gives the same run, datagram for datagram.  A failed wait names its seed so it can be replayed.

    net = VirtualNetwork(seed=7, loss=0.1)
    a, b = net.create_node(), net.create_node()
    b.bootstrap(*net.addr_of(a), a.dht_public_key, net.now)
    net.kick(b)
    net.run_until(lambda: a.dht.good >= 1, timeout=30)

The network mirrors what the asyncio runtime does after every input: it takes the node's
datagrams, delivers its events into `trace`, and re-arms the node's single timer.
"""

from __future__ import annotations

import hashlib
import heapq
import random
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from toxgui.core.crypto import KeyPair
from toxgui.core.events import Event
from toxgui.core.node import NodeConfig, ToxNode
from toxgui.core.wire import Addr

_TIMER = 0
_DGRAM = 1


class SeededRng:
    """The core's `Rng` protocol over `random.Random(seed).randbytes` (tests only)."""

    def __init__(self, seed: int | str) -> None:
        self._r = random.Random(seed)

    def bytes(self, n: int) -> bytes:
        return self._r.randbytes(n)


class SimulationTimeout(AssertionError):
    pass


class BusyLoop(AssertionError):
    pass


@dataclass
class NetStats:
    sent: int = 0
    delivered: int = 0
    lost: int = 0
    blocked: int = 0
    duplicated: int = 0
    no_such_host: int = 0
    overflowed: int = 0  # dropped at a full receive queue (see `VirtualNetwork.limit`)
    timers: int = 0
    by_kind: dict[int, int] = field(default_factory=dict)


class VirtualNetwork:
    """Discrete-event network: one heap of (time, seq, event), all randomness from `seed`.

    latency: (min, max) one-way delay in seconds, uniform.
    loss: probability a datagram is dropped.  dup: probability it is delivered twice.
    reorder: probability a datagram is held back by an extra `reorder_delay`.

    `limit(addr, rate, queue)` gives a node a receiver that takes at most `rate` datagrams per
    second through a queue of `queue` datagrams, as a busy process reading its socket does: what
    arrives at a full queue is dropped (`stats.overflowed`), the rest waits its turn.
    """

    def __init__(
        self,
        seed: int,
        latency: tuple[float, float] = (0.01, 0.08),
        loss: float = 0.0,
        dup: float = 0.0,
        reorder: float = 0.0,
        reorder_delay: float = 0.3,
        host_prefix: str = "10.0",
    ) -> None:
        self.seed = seed
        self.rng = random.Random(f"net/{seed}")
        self.latency = latency
        self.loss = loss
        self.dup = dup
        self.reorder = reorder
        self.reorder_delay = reorder_delay
        self.host_prefix = host_prefix
        self.now = 0.0
        self.nodes: dict[Addr, ToxNode] = {}
        self.trace: list[tuple[float, Addr, Event]] = []
        self.stats = NetStats()
        self.blocked: set[frozenset[Addr]] = set()
        self._groups: dict[Addr, int] | None = None
        self._q: list[tuple[float, int, int, Addr, Addr | None, bytes]] = []
        self._seq = 0
        self._timer_at: dict[Addr, float] = {}
        self._addr_of: dict[int, Addr] = {}
        self._same_time_fires: dict[Addr, tuple[float, int]] = {}
        self._digest = hashlib.sha256()
        self._created = 0
        self._limits: dict[Addr, tuple[float, int]] = {}
        self._queued: dict[Addr, deque[float]] = {}  # departure times of datagrams in each queue
        self.listeners: list[Callable[[float, Addr, Event], None]] = []
        self.taps: list[Callable[[float, Addr, Addr, bytes], None]] = []

    # --- building the network -----------------------------------------------------------------

    def next_addr(self) -> Addr:
        i = self._created + 1
        return (f"{self.host_prefix}.{i // 250}.{i % 250 + 1}", 33445)

    def rng_for(self, label: str) -> SeededRng:
        return SeededRng(f"{self.seed}/{label}")

    def create_node(
        self,
        addr: Addr | None = None,
        config: NodeConfig | None = None,
        long_term: KeyPair | None = None,
        factory: Callable[[KeyPair, bytes, SeededRng, NodeConfig], ToxNode] | None = None,
    ) -> ToxNode:
        """A ToxNode with a seeded Rng (seed + its creation index), added at `addr`."""
        addr = addr or self.next_addr()
        rng = self.rng_for(f"node{self._created}")
        self._created += 1
        keys = long_term or KeyPair.generate(rng)
        nospam = rng.bytes(4)
        cfg = config or NodeConfig()
        node = factory(keys, nospam, rng, cfg) if factory else ToxNode(keys, nospam, rng, cfg)
        self.add(addr, node)
        return node

    def add(self, addr: Addr, node: ToxNode) -> None:
        if addr in self.nodes:
            raise ValueError(f"{addr} is taken")
        self.nodes[addr] = node
        self._addr_of[id(node)] = addr
        self._drain(addr)

    def remove(self, node_or_addr: ToxNode | Addr) -> None:
        """Take a node off the network (its queued datagrams and timers are discarded)."""
        addr = self.addr_of(node_or_addr) if isinstance(node_or_addr, ToxNode) else node_or_addr
        node = self.nodes.pop(addr)
        self._addr_of.pop(id(node), None)
        self._timer_at.pop(addr, None)

    def addr_of(self, node: ToxNode) -> Addr:
        return self._addr_of[id(node)]

    def kick(self, node: ToxNode) -> None:
        """Call after driving a node directly (a command): collect its output, re-arm its timer."""
        self._drain(self.addr_of(node))

    # --- impairments --------------------------------------------------------------------------

    def block(self, a: Addr, b: Addr) -> None:
        self.blocked.add(frozenset((a, b)))

    def unblock(self, a: Addr, b: Addr) -> None:
        self.blocked.discard(frozenset((a, b)))

    def partition(self, *groups: list[Addr]) -> None:
        """Only nodes in the same group can talk; nodes in no group reach nobody."""
        self._groups = {a: i for i, g in enumerate(groups) for a in g}

    def heal(self) -> None:
        self._groups = None
        self.blocked.clear()

    def limit(self, addr: Addr, rate: float, queue: int) -> None:
        """`addr` reads at most `rate` datagrams per second from a queue of `queue`."""
        self._limits[addr] = (rate, queue)
        self._queued[addr] = deque()

    def inject(self, src: Addr, dst: Addr, data: bytes, delay: float = 0.0) -> None:
        """Deliver a datagram as if `src` had sent it (src need not be a node)."""
        self._push(self.now + delay, _DGRAM, dst, src, bytes(data))

    # --- running ------------------------------------------------------------------------------

    def run_until(
        self,
        until: float | Callable[[], bool],
        timeout: float | None = None,
        poll: float = 0.0,
    ) -> float:
        """Run to virtual time `until`, or until the predicate holds (within `timeout` seconds).

        The predicate is checked after every event (or at most once per `poll` virtual seconds).
        Returns the virtual time reached; a timeout raises SimulationTimeout naming the seed.
        """
        if not callable(until):
            self._run(float(until), None, 0.0)
            return self.now
        if timeout is None:
            raise ValueError("a predicate needs a timeout")
        end = self.now + timeout
        if until():
            return self.now
        if self._run(end, until, poll):
            return self.now
        raise SimulationTimeout(
            f"condition not met within {timeout} virtual seconds (seed={self.seed}, t={self.now:.3f})"
        )

    def run_for(self, seconds: float) -> float:
        return self.run_until(self.now + seconds)

    def _run(self, t_end: float, pred: Callable[[], bool] | None, poll: float) -> bool:
        next_check = self.now
        q = self._q
        while q and q[0][0] <= t_end:
            t, _, kind, dst, src, data = heapq.heappop(q)
            self.now = max(self.now, t)
            node = self.nodes.get(dst)
            if kind == _TIMER:
                if node is None or self._timer_at.get(dst) != t:
                    continue  # stale: the node re-armed or left
                del self._timer_at[dst]
                self._check_busy(dst)
                self.stats.timers += 1
                node.handle_timer(self.now)
            else:
                if node is None:
                    self.stats.no_such_host += 1
                    continue
                assert src is not None
                self.stats.delivered += 1
                self._digest.update(f"{self.now:.9f}|{src}|{dst}|".encode() + data)
                for tap in self.taps:
                    tap(self.now, src, dst, data)
                node.receive_datagram(data, src, self.now)
            self._drain(dst)
            if pred is not None and self.now >= next_check:
                next_check = self.now + poll
                if pred():
                    return True
        self.now = max(self.now, t_end)
        return pred() if pred is not None else True

    def _check_busy(self, addr: Addr) -> None:
        t, n = self._same_time_fires.get(addr, (None, 0))
        n = n + 1 if t == self.now else 1
        self._same_time_fires[addr] = (self.now, n)
        if n > 100:
            raise BusyLoop(f"{addr} fired its timer {n} times at t={self.now} (seed={self.seed})")

    # --- plumbing (what the asyncio runtime's pump() does) ------------------------------------

    def _drain(self, addr: Addr) -> None:
        node = self.nodes.get(addr)
        if node is None:
            return
        for data, dst in node.datagrams_to_send():
            self._transmit(addr, dst, data)
        while (ev := node.next_event()) is not None:
            self.trace.append((self.now, addr, ev))
            for fn in self.listeners:
                fn(self.now, addr, ev)
        deadline = node.get_timer()
        if deadline is not None:
            deadline = max(deadline, self.now)
            if self._timer_at.get(addr) != deadline:
                self._timer_at[addr] = deadline
                self._push(deadline, _TIMER, addr, None, b"")
        else:
            self._timer_at.pop(addr, None)

    def _transmit(self, src: Addr, dst: Addr, data: bytes) -> None:
        st = self.stats
        st.sent += 1
        if data:
            st.by_kind[data[0]] = st.by_kind.get(data[0], 0) + 1
        if frozenset((src, dst)) in self.blocked or (
            self._groups is not None and self._groups.get(src, -1) != self._groups.get(dst, -2)
        ):
            st.blocked += 1
            return
        r = self.rng
        if self.loss and r.random() < self.loss:
            st.lost += 1
            return
        copies = 1
        if self.dup and r.random() < self.dup:
            copies = 2
            st.duplicated += 1
        for _ in range(copies):
            delay = r.uniform(*self.latency)
            if self.reorder and r.random() < self.reorder:
                delay += self.reorder_delay
            at = self.now + delay
            limit = self._limits.get(dst)
            if limit is not None:
                rate, size = limit
                q = self._queued[dst]
                while q and q[0] <= at:
                    q.popleft()
                if len(q) >= size:
                    st.overflowed += 1
                    continue
                at = max(at, q[-1] if q else at) + 1.0 / rate
                q.append(at)
            self._push(at, _DGRAM, dst, src, data)

    def _push(self, t: float, kind: int, dst: Addr, src: Addr | None, data: bytes) -> None:
        self._seq += 1
        heapq.heappush(self._q, (t, self._seq, kind, dst, src, data))

    # --- results ------------------------------------------------------------------------------

    def trace_digest(self) -> str:
        """SHA-256 over every delivered datagram (time, source, destination, bytes) so far."""
        return self._digest.copy().hexdigest()

    def events_of(self, node: ToxNode, kind: type[Event] | None = None) -> list[Event]:
        addr = self.addr_of(node)
        return [e for _, a, e in self.trace if a == addr and (kind is None or isinstance(e, kind))]
