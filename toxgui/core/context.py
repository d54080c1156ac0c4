"""What every layer of one node shares: `NodeContext` (keys, Rng, shared-key cache, outbox,
events, counters) and the `Route` a datagram travels.

This module sits at the bottom of the core's layers: it imports only the crypto, wire and error
modules, so every layer can take a NodeContext without importing the node that composes them.

A `Route` is where a packet comes from or goes to: today a UDP address (`(host, port)`, the
`Addr` tuple); next, a connection through a TCP relay (`RelayRoute`).  The core treats routes
as opaque, hashable values; the runtime owns one transport per kind of route and hands every
datagram, whatever transport it came in on, to the same node.
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field

from toxgui.core.crypto import KeyPair, Rng, SharedKeyCache
from toxgui.core.events import Event
from toxgui.core.wire import Addr


@dataclass(frozen=True, slots=True)
class RelayRoute:
    """A peer reached through a TCP relay: the relay's public key and the relay's connection id
    for that peer (TCP relays are not implemented yet; the type fixes the seam)."""

    relay_public_key: bytes
    connection_id: int


Route = Addr | RelayRoute


def is_udp(route: Route) -> bool:
    return isinstance(route, tuple)


@dataclass
class NodeConfig:
    ipv6: bool = False
    lan_discovery: bool = False
    # Largest number of datagrams a node may queue between two pumps; a bound on memory under
    # floods and on runaway loops.
    max_outbox: int = 10_000


@dataclass
class Stats:
    received: int = 0
    sent: int = 0
    dropped_malformed: int = 0
    dropped_unknown: int = 0
    dropped_outbox_full: int = 0
    internal_errors: int = 0
    by_kind: Counter[int] = field(default_factory=Counter)
    # Keyed by fixed reason codes ("0x18: malformed", "messenger: before ONLINE"), never by text
    # a peer can vary, so the number of keys is bounded whatever arrives.
    drop_reasons: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, object]:
        return {
            "received": self.received,
            "sent": self.sent,
            "dropped_malformed": self.dropped_malformed,
            "dropped_unknown": self.dropped_unknown,
            "dropped_outbox_full": self.dropped_outbox_full,
            "internal_errors": self.internal_errors,
        }


class NodeContext:
    """What every layer of one node shares."""

    def __init__(self, rng: Rng, config: NodeConfig, long_term: KeyPair, dht_keys: KeyPair) -> None:
        self.rng = rng
        self.config = config
        self.long_term = long_term
        self.dht_keys = dht_keys
        self.keys = SharedKeyCache()
        self.stats = Stats()
        self.outbox: list[tuple[bytes, Route]] = []
        self.events: deque[Event] = deque()

    def send(self, data: bytes, route: Route) -> None:
        if len(self.outbox) >= self.config.max_outbox:
            self.stats.dropped_outbox_full += 1
            return
        self.outbox.append((data, route))

    def emit(self, event: Event) -> None:
        self.events.append(event)

    def drop(self, reason: str) -> None:
        """Count a dropped packet.  `reason` is a fixed code (a literal or an error's `code`),
        never an exception's message."""
        self.stats.dropped_malformed += 1
        self.stats.drop_reasons[reason] += 1
