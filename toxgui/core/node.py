"""ToxNode: the whole sans-I/O Tox node, composed of layers.

The aioquic shape (design.md §2.3): inputs are `receive_datagram(data, addr, now)`,
`handle_timer(now)` and commands; outputs are `datagrams_to_send()`, `get_timer()` and
`next_event()`.  Nothing here reads a clock, touches a socket or draws randomness except through
the injected `Rng`.

Layers (DHT, onion, net_crypto, messenger) share one `NodeContext`: the outbox, the event queue,
the Rng, the shared-key cache and the drop counters.  Each layer registers the packet kinds it
handles and exposes `get_timer()` / `handle_timer(now)`.
"""

from __future__ import annotations

import logging
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from toxgui.core.crypto import KeyPair, Rng, SharedKeyCache
from toxgui.core.dht import Dht
from toxgui.core.errors import ProtocolError
from toxgui.core.events import Event
from toxgui.core.wire import Addr, normalize_addr

if TYPE_CHECKING:
    from toxgui.core.dhtpk import DhtPkExchange
    from toxgui.core.friend_requests import FriendRequests
    from toxgui.core.friends import Friend, FriendList
    from toxgui.core.onion import Onion

log = logging.getLogger(__name__)

Handler = Callable[[bytes, Addr, float], None]


class Layer(Protocol):
    def get_timer(self) -> float | None: ...

    def handle_timer(self, now: float) -> None: ...


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
        self.outbox: list[tuple[bytes, Addr]] = []
        self.events: deque[Event] = deque()

    def send(self, data: bytes, addr: Addr) -> None:
        if len(self.outbox) >= self.config.max_outbox:
            self.stats.dropped_outbox_full += 1
            return
        self.outbox.append((data, addr))

    def emit(self, event: Event) -> None:
        self.events.append(event)

    def drop(self, reason: str) -> None:
        self.stats.dropped_malformed += 1
        self.stats.drop_reasons[reason] += 1


class ToxNode:
    # Set by toxgui.core.onion.wiring.attach (friend finding).
    friends: FriendList
    onion: Onion
    dhtpk: DhtPkExchange
    friend_requests: FriendRequests

    def __init__(
        self,
        long_term: KeyPair,
        nospam: bytes,
        rng: Rng,
        config: NodeConfig | None = None,
    ) -> None:
        self.config = config or NodeConfig()
        self.nospam = nospam
        self.ctx = NodeContext(rng, self.config, long_term, KeyPair.generate(rng))
        self._handlers: dict[int, Handler] = {}
        self._layers: list[Layer] = []
        self.dht = Dht(self.ctx, self.register)
        self.add_layer(self.dht)
        # Friend finding: onion relay/store/client, DHTPK exchange, friend requests, friend list.
        from toxgui.core.onion import wiring as _onion_wiring

        _onion_wiring.attach(self)
        # Sessions: net_crypto, friend_connection, messenger (node.net_crypto, node.messenger).
        from toxgui.core.net_crypto import wiring as _session_wiring

        _session_wiring.attach(self)

    # --- composition --------------------------------------------------------------------------

    def register(self, kinds: list[int] | tuple[int, ...], handler: Handler) -> None:
        for k in kinds:
            self._handlers[k] = handler

    def add_layer(self, layer: Layer) -> None:
        self._layers.append(layer)

    # --- identity -----------------------------------------------------------------------------

    @property
    def public_key(self) -> bytes:
        return self.ctx.long_term.public

    @property
    def dht_public_key(self) -> bytes:
        return self.ctx.dht_keys.public

    @property
    def stats(self) -> Stats:
        return self.ctx.stats

    # --- friends (toxgui.core.onion.wiring) --------------------------------------------------

    def add_friend(self, tox_id: object, message: bytes | str, now: float) -> Friend:
        """Add a friend by Tox ID and send a friend request; see wiring.add_friend for errors."""
        from toxgui.core.onion import wiring as _w

        return _w.add_friend(self, tox_id, message, now)  # type: ignore[arg-type]

    def accept_request(self, public_key: bytes | str, now: float) -> Friend:
        from toxgui.core.onion import wiring as _w

        return _w.accept_request(self, public_key, now)

    def decline_request(self, public_key: bytes | str) -> None:
        from toxgui.core.onion import wiring as _w

        _w.decline_request(self, public_key)

    def remove_friend(self, public_key: bytes | str, now: float = 0.0) -> bool:
        """Forget a friend (session, onion search, request retries, DHT-key exchange, record)."""
        from toxgui.core.onion import wiring as _w

        return _w.remove_friend(self, public_key, now)

    def set_nospam(self, nospam: bytes) -> None:
        from toxgui.core.onion import wiring as _w

        _w.set_nospam(self, nospam)

    def load_friends(self, records: list[object], now: float = 0.0) -> None:
        from toxgui.core.onion import wiring as _w

        _w.load_friends(self, records, now)

    def export_friends(self) -> list[object]:
        from toxgui.core.onion import wiring as _w

        return _w.export_friends(self)

    # --- sessions and chat (toxgui.core.net_crypto.wiring) ----------------------------------------

    def send_message(self, public_key: bytes, text: str | bytes, kind: str, now: float) -> list[int]:
        """Queue a message (kind "normal" or "action"); split above 1372 bytes.  Returns the ids
        later `Receipt` events carry, one per piece."""
        return self.messenger.send_message(public_key, text, kind, now)  # type: ignore[attr-defined, no-any-return]

    def set_name(self, name: bytes, now: float) -> None:
        self.messenger.set_name(name, now)  # type: ignore[attr-defined]

    def set_status_message(self, text: bytes, now: float) -> None:
        self.messenger.set_status_message(text, now)  # type: ignore[attr-defined]

    def set_status(self, status: int, now: float) -> None:
        """0 online, 1 away, 2 busy."""
        self.messenger.set_status(status, now)  # type: ignore[attr-defined]

    def set_typing(self, public_key: bytes, on: bool, now: float) -> None:
        self.messenger.set_typing(public_key, on, now)  # type: ignore[attr-defined]

    # --- inputs -------------------------------------------------------------------------------

    def bootstrap(self, host: str, port: int, public_key: bytes, now: float) -> bool:
        """Bootstrap the DHT from a node at an IP literal (resolve names in net/ first)."""
        return self.dht.bootstrap((host, port), public_key, now)

    def receive_datagram(self, data: bytes, addr: Addr, now: float) -> None:
        st = self.ctx.stats
        st.received += 1
        if not data:
            self.ctx.drop("empty")
            return
        kind = data[0]
        st.by_kind[kind] += 1
        handler = self._handlers.get(kind)
        if handler is None:
            st.dropped_unknown += 1
            return
        try:
            handler(data, normalize_addr(addr), now)
        except ProtocolError as e:
            self.ctx.drop(f"{kind:#04x}: {e}")
        except Exception:
            # A bug, not bad input: count it (tests assert the count stays 0) and keep serving.
            st.internal_errors += 1
            log.exception("internal error handling packet kind %#04x", kind)

    def handle_timer(self, now: float) -> None:
        for layer in self._layers:
            t = layer.get_timer()
            if t is not None and t <= now:
                try:
                    layer.handle_timer(now)
                except Exception:
                    self.ctx.stats.internal_errors += 1
                    log.exception("internal error in timer of %s", type(layer).__name__)

    # --- outputs ------------------------------------------------------------------------------

    def datagrams_to_send(self) -> list[tuple[bytes, Addr]]:
        out = self.ctx.outbox
        self.ctx.outbox = []
        self.ctx.stats.sent += len(out)
        return out

    def next_event(self) -> Event | None:
        return self.ctx.events.popleft() if self.ctx.events else None

    def get_timer(self) -> float | None:
        times = [t for t in (layer.get_timer() for layer in self._layers) if t is not None]
        return min(times) if times else None
