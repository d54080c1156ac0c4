"""What every layer of one node shares: `NodeContext` (keys, Rng, shared-key cache, outbox,
events, counters) and the `Route` a datagram travels.

This module sits at the bottom of the core's layers: it imports only the crypto, wire and error
modules, so every layer can take a NodeContext without importing the node that composes them.

A `Route` is where a packet comes from or goes to: a UDP address (`(host, port)`, the `Addr`
tuple), a peer through a TCP relay (`RelayRoute`), the stream to a relay (`TcpStream`), or a
client of our own relay (`TcpClient`).  The core treats routes
as opaque, hashable values; the runtime owns one transport per kind of route and hands every
datagram, whatever transport it came in on, to the same node.
"""

from __future__ import annotations

from collections import Counter, OrderedDict, deque
from collections.abc import Callable
from dataclasses import field

from toxgui.core.crypto import KeyPair, Rng, SharedKeyCache
from toxgui.core.events import Event
from toxgui.core.record import record
from toxgui.core.wire import Addr, TcpClient


@record(frozen=True, slots=True)
class RelayRoute:
    """A peer reached through a TCP relay we are connected to: the relay's key and the peer's
    DHT key (a relay knows its clients by their DHT keys).  Packets for it go as routed data
    when the relay has linked us, else out of band."""

    relay_public_key: bytes
    peer_dht_key: bytes


@record(frozen=True, slots=True)
class TcpStream:
    """The byte stream of one of our TCP connections to a relay (its number, given by the core):
    what goes there is already framed and encrypted."""

    number: int


Route = Addr | RelayRoute | TcpClient | TcpStream  # TcpClient: a client of our own relay (onion replies)


def is_udp(route: Route) -> bool:
    return isinstance(route, tuple)


class KeyAgreementBudget:
    """New key agreements allowed per source host: a token bucket each.  Every packet from a new
    sender key costs one Curve25519 agreement (about 164 us here); c-toxcore spends it for any
    source without limit, so one host could keep a node busy with random keys.  Honest peers
    stay far below the rate (their keys repeat and are cached)."""

    RATE = 1000.0  # per second, per host
    BURST = 2000.0
    MAX_SOURCES = 4096

    def __init__(self) -> None:
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # host -> (tokens, at)

    def admit(self, host: str, now: float) -> bool:
        tokens, at = self._buckets.pop(host, (self.BURST, now))
        tokens = min(self.BURST, tokens + (now - at) * self.RATE)
        ok = tokens >= 1.0
        self._buckets[host] = (tokens - 1.0 if ok else tokens, now)
        if len(self._buckets) > self.MAX_SOURCES:
            self._buckets.popitem(last=False)
        return ok


@record
class NodeConfig:
    ipv6: bool = False
    lan_discovery: bool = False
    # False: no UDP at all (--no-udp, or a proxy): the DHT is idle, the onion runs through our
    # TCP relays, and friends are reached through relays only.
    udp: bool = True
    # Largest number of datagrams a node may queue between two pumps; a bound on memory under
    # floods and on runaway loops.
    max_outbox: int = 10_000


@record
class Stats:
    received: int = 0
    sent: int = 0
    dropped_malformed: int = 0
    dropped_unknown: int = 0
    dropped_outbox_full: int = 0
    internal_errors: int = 0
    key_agreements_refused: int = 0  # over a source host's KeyAgreementBudget
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
            "key_agreements_refused": self.key_agreements_refused,
        }


class NodeContext:
    """What every layer of one node shares."""

    def __init__(self, rng: Rng, config: NodeConfig, long_term: KeyPair, dht_keys: KeyPair) -> None:
        self.rng = rng
        self.config = config
        self.long_term = long_term
        self.dht_keys = dht_keys
        self.keys = SharedKeyCache(miss_guard=self._admit_key_agreement)
        self.stats = Stats()
        # The datagram being handled (set by the node around each handler): new key agreements
        # are charged to its source.
        self.source: Route | None = None
        self.now = 0.0
        self.key_budget = KeyAgreementBudget()
        self.outbox: list[tuple[bytes, Route]] = []
        # Packets for a peer behind a relay go to the node's relay connections (which frame them
        # for a TcpStream); without any, they are dropped and counted.
        self.relay_send: Callable[[bytes, RelayRoute], bool] | None = None
        self.events: deque[Event] = deque()

    def _admit_key_agreement(self) -> bool:
        src = self.source
        if not isinstance(src, tuple):
            return True  # our own initiative (a timer, a command), or a relay's peer
        if self.key_budget.admit(src[0], self.now):
            return True
        self.stats.key_agreements_refused += 1
        return False

    def send(self, data: bytes, route: Route) -> None:
        if isinstance(route, RelayRoute):
            if self.relay_send is None or not self.relay_send(data, route):
                self.stats.drop_reasons["no relay for the route"] += 1
            return
        if isinstance(route, tuple) and not self.config.udp:
            self.stats.drop_reasons["UDP off"] += 1
            return
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
