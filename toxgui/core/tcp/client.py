"""Our connections to TCP relays (c-toxcore TCP_client.c and TCP_connection.c 0.2.18), sans-I/O.

`TcpConnections` keeps a few relays connected and, on each, a slot for every peer (by DHT key)
we want to reach through it.  The node hands it packets for a `RelayRoute`: they go as routed
data when the relay has linked both sides, else out of band (OOB, at most 1024 bytes), as
c-toxcore does.  What arrives comes back as (packet, RelayRoute) for the node's handlers.

The glue owns the sockets: it takes `commands()` (open HOST:PORT as connection N, close N),
writes what the core sends to a `TcpStream(N)` route, and calls `receive(N, bytes)` and
`closed(N)`.  Timers: handshake deadline 10 s, a ping every 30 s answered within 10 s, and
reconnection with backoff (at once after a connection that had worked).

Rules the relay enforces and this code keeps (pitfalls of the protocol notes, part 2 §1.14):
log in with the DHT key; never send to a slot we do not hold or disconnect one we do not hold;
send the first frame (a ping) at once so the relay confirms us; frames leave in the order they
were sealed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import field

from toxgui.core.context import NodeContext, RelayRoute, TcpStream
from toxgui.core.crypto import KeyPair, precompute, rand_below
from toxgui.core.errors import ProtocolError
from toxgui.core.record import record
from toxgui.core.tcp import protocol as T
from toxgui.core.tcp.protocol import Tcp
from toxgui.core.wire import NONCE_SIZE, PUBLIC_KEY_SIZE, PackedNode, is_ip

MAX_RELAYS = 8  # relays we keep connected at most (c-toxcore settles near 3, keeps saved ones)
MAX_KNOWN_RELAYS = 64  # relays remembered (from bootstrap, friends, saved data)
MAX_PEERS_PER_RELAY = 64  # slots we ask for on one relay (the protocol allows 240)
BACKOFF_FIRST = 1.0
BACKOFF_MAX = 120.0
CONNECTING, HANDSHAKE, CONNECTED, DOWN = "connecting", "handshake", "connected", "down"


@record(eq=False)
class RelayLink:
    """One relay and our connection to it (if any)."""

    node: PackedNode  # tcp=True: host, TCP port, the relay's key
    state: str = DOWN
    number: int = 0  # the connection's number while one is open
    opened_at: float = 0.0
    stream: T.SecureStream | None = None
    hs_buf: bytearray = field(default_factory=bytearray)
    temp: KeyPair | None = field(default=None, repr=False)
    base_nonce: bytes = field(default=b"", repr=False)
    slots: dict[int, bytes] = field(default_factory=dict)  # connection id -> peer DHT key
    by_peer: dict[bytes, int] = field(default_factory=dict)
    online: set[bytes] = field(default_factory=set)  # peers the relay has linked to us
    asked: set[bytes] = field(default_factory=set)  # routing requests not yet answered
    ping_id: bytes | None = None
    ping_at: float = 0.0
    retry_at: float = 0.0
    backoff: float = BACKOFF_FIRST
    last_error: str = ""
    rtt: float | None = None
    _ping_sent: float = 0.0

    @property
    def public_key(self) -> bytes:
        return self.node.public_key


class TcpConnections:
    def __init__(self, ctx: NodeContext) -> None:
        self.ctx = ctx
        self.relays: dict[bytes, RelayLink] = {}  # by the relay's key
        self._by_number: dict[int, RelayLink] = {}
        self._next_number = 0
        self._wanted: dict[bytes, set[bytes]] = {}  # peer DHT key -> relays to route to it on
        self._commands: list[tuple[str, int, str, int]] = []  # ("open", n, host, port) / ("close", n, "", 0)
        self.counters: Counter[str] = Counter()  # fixed keys only
        self.enabled = True
        self.connected_listeners: list[Callable[[float], None]] = []  # a relay came up (now)

    # --- relays -------------------------------------------------------------------------------

    def add_relay(self, host: str, port: int, public_key: bytes, now: float) -> RelayLink | None:
        """Remember a relay and connect to it if we have room (tox_add_tcp_relay)."""
        if len(public_key) != PUBLIC_KEY_SIZE or not 0 < port < 65536 or public_key == self.ctx.dht_keys.public:
            return None
        link = self.relays.get(public_key)
        if link is None:
            if len(self.relays) >= MAX_KNOWN_RELAYS:
                return None
            link = self.relays[public_key] = RelayLink(PackedNode(host, port, public_key, tcp=True))
        elif link.state == DOWN and (link.node.host, link.node.port) != (host, port):
            link.node = PackedNode(host, port, public_key, tcp=True)
        if link.state == DOWN and self._open_count() < MAX_RELAYS and now >= link.retry_at:
            self._open(link, now)
        return link

    def _open_count(self) -> int:
        return sum(1 for r in self.relays.values() if r.state != DOWN)

    def _open(self, link: RelayLink, now: float) -> None:
        if not self.enabled:
            return
        self._next_number += 1
        n = self._next_number
        link.number, link.state, link.opened_at = n, CONNECTING, now
        link.stream, link.hs_buf = None, bytearray()
        link.temp, link.base_nonce = T.new_temp(self.ctx.rng)
        link.slots, link.by_peer, link.online, link.asked = {}, {}, set(), set()
        link.ping_id = None
        self._by_number[n] = link
        self._commands.append(("open", n, link.node.host, link.node.port))
        self.counters["connections opened"] += 1

    def connected_relays(self, shareable: bool = False) -> list[PackedNode]:
        """Relays we are connected to; `shareable`: only those at an IP address (a host name
        given for a proxy to resolve cannot go into a packed node)."""
        return [r.node for r in self.relays.values()
                if r.state == CONNECTED and (not shareable or is_ip(r.node.host))]

    def commands(self) -> list[tuple[str, int, str, int]]:
        out, self._commands = self._commands, []
        return out

    def close_all(self) -> None:
        for link in self.relays.values():
            if link.state != DOWN:
                self._down(link, "shutdown", 0.0, retry=False)
        self.enabled = False

    # --- the glue's inputs --------------------------------------------------------------------

    def opened(self, number: int, now: float) -> None:
        """The TCP connection is up (or the proxy tunnel): send our handshake."""
        link = self._by_number.get(number)
        if link is None or link.state != CONNECTING or link.temp is None:
            return
        link.state = HANDSHAKE
        hello = T.client_handshake(self.ctx.dht_keys, link.public_key, link.temp, link.base_nonce,
                                   self.ctx.rng.bytes(NONCE_SIZE))
        self.ctx.send(hello, TcpStream(number))

    def closed(self, number: int, now: float, reason: str = "connection closed") -> None:
        link = self._by_number.get(number)
        if link is not None and link.number == number and link.state != DOWN:
            self._down(link, reason, now, retry=True)

    def receive(self, number: int, data: bytes, now: float) -> list[tuple[bytes, RelayRoute]]:
        """Bytes from relay connection `number`: the packets they carry, for the node."""
        link = self._by_number.get(number)
        if link is None or link.state == DOWN:
            return []
        out: list[tuple[bytes, RelayRoute]] = []
        try:
            if link.state == HANDSHAKE:
                need = T.SERVER_HANDSHAKE_SIZE - len(link.hs_buf)
                link.hs_buf += data[:need]
                data = data[need:]
                if len(link.hs_buf) < T.SERVER_HANDSHAKE_SIZE:
                    return out
                self._handshake_done(link, now)
            elif link.state != CONNECTED:
                return out
            if data and link.stream is not None:
                for payload in link.stream.feed(data):
                    self._packet(link, payload, now, out)
                    if link.state != CONNECTED:
                        break
        except ProtocolError as e:
            self._down(link, e.code, now, retry=True)
        return out

    def _handshake_done(self, link: RelayLink, now: float) -> None:
        assert link.temp is not None
        temp_pk, relay_nonce = T.open_server_handshake(bytes(link.hs_buf), self.ctx.dht_keys, link.public_key)
        link.stream = T.SecureStream(precompute(temp_pk, link.temp.secret), link.base_nonce, relay_nonce)
        link.temp, link.hs_buf = None, bytearray()
        link.state = CONNECTED
        link.backoff = BACKOFF_FIRST
        link.last_error = ""
        self.counters["relays connected"] += 1
        self._ping(link, now)  # the first frame confirms us on the relay
        for listener in list(self.connected_listeners):
            listener(now)
        for peer, relays in self._wanted.items():
            if link.public_key in relays:
                self._ask(link, peer)

    # --- peers --------------------------------------------------------------------------------

    def want(self, peer_dht: bytes, relay: PackedNode, now: float) -> None:
        """Route to this peer on this relay (connecting to the relay if needed)."""
        if relay.public_key == self.ctx.dht_keys.public or peer_dht == self.ctx.dht_keys.public:
            return
        link = self.add_relay(relay.host, relay.port, relay.public_key, now)
        if link is None:
            return
        relays = self._wanted.setdefault(peer_dht, set())
        relays.add(link.public_key)
        if link.state == CONNECTED:
            self._ask(link, peer_dht)

    def want_on_connected(self, peer_dht: bytes, now: float, at_most: int = 3) -> None:
        """Route to this peer on (up to `at_most` of) the relays we are connected to."""
        for node in self.connected_relays()[:at_most]:
            self.want(peer_dht, node, now)

    def forget_peer(self, peer_dht: bytes) -> None:
        """No more routing to this peer: free its slots (a disconnect notification each)."""
        self._wanted.pop(peer_dht, None)
        for link in self.relays.values():
            link.asked.discard(peer_dht)
            cid = link.by_peer.pop(peer_dht, None)
            if cid is not None:
                link.slots.pop(cid, None)
                link.online.discard(peer_dht)
                if link.state == CONNECTED:
                    self._frame(link, T.disconnect_notification(cid))

    def can_reach(self, peer_dht: bytes) -> bool:
        """Whether a packet for this peer can go through a relay now (routed or OOB)."""
        return any(r.state == CONNECTED and (peer_dht in r.by_peer or peer_dht in r.asked)
                   for r in self.relays.values())

    def peer_status(self, peer_dht: bytes) -> list[dict[str, object]]:
        """For the dashboard: every relay tried for this peer, and how far the link got."""
        out: list[dict[str, object]] = []
        wanted = self._wanted.get(peer_dht, set())
        for r in self.relays.values():
            if r.public_key not in wanted and peer_dht not in r.by_peer and peer_dht not in r.asked:
                continue
            link = ("online" if peer_dht in r.online else "registered" if peer_dht in r.by_peer
                    else "asked" if peer_dht in r.asked else "waiting for the relay")
            out.append({"host": r.node.host, "port": r.node.port, "relay": r.state, "link": link,
                        "rtt_ms": None if r.rtt is None else round(r.rtt * 1000, 1)})
        return out

    def peer_relays(self, peer_dht: bytes) -> list[RelayLink]:
        """Relays on which the peer is linked to us now."""
        return [r for r in self.relays.values() if r.state == CONNECTED and peer_dht in r.online]

    def _ask(self, link: RelayLink, peer: bytes) -> None:
        if peer in link.by_peer or peer in link.asked or len(link.by_peer) + len(link.asked) >= MAX_PEERS_PER_RELAY:
            return
        link.asked.add(peer)
        self._frame(link, T.routing_request(peer))

    # --- sending ------------------------------------------------------------------------------

    def send(self, data: bytes, route: RelayRoute) -> bool:
        """A packet for a peer behind a relay: routed on a relay that links us (this one first),
        else OOB on every connected relay where we asked for the peer, or this one."""
        peer = route.peer_dht_key
        link = self.relays.get(route.relay_public_key)
        candidates = ([link] if link is not None else []) + [r for r in self.relays.values() if r is not link]
        for r in candidates:
            if r.state == CONNECTED and peer in r.online:
                cid = r.by_peer[peer]
                return self._frame(r, T.routed(cid, data))
        if len(data) > T.MAX_OOB_DATA:
            self.counters["dropped: too long for OOB"] += 1
            return False
        sent = False
        for r in candidates:
            if r.state == CONNECTED and (r is link or peer in r.by_peer or peer in r.asked):
                sent = self._frame(r, T.oob_send(peer, data)) or sent
        if not sent:
            self.counters["dropped: no relay"] += 1
        return sent

    def send_onion(self, relay_pk: bytes, request: bytes) -> bool:
        link = self.relays.get(relay_pk)
        if link is None or link.state != CONNECTED:
            return False
        return self._frame(link, T.onion_request(request))

    def is_connected(self, relay_pk: bytes) -> bool:
        link = self.relays.get(relay_pk)
        return link is not None and link.state == CONNECTED

    def random_connected(self) -> RelayLink | None:
        live = [r for r in self.relays.values() if r.state == CONNECTED]
        return live[rand_below(self.ctx.rng, len(live))] if live else None

    def _frame(self, link: RelayLink, payload: bytes) -> bool:
        if link.stream is None or link.state != CONNECTED:
            return False
        self.ctx.send(link.stream.seal(payload), TcpStream(link.number))
        return True

    def _ping(self, link: RelayLink, now: float) -> None:
        pid = self.ctx.rng.bytes(8)
        if pid == bytes(8):
            pid = b"\x01" + pid[1:]
        link.ping_id = pid
        link._ping_sent = now
        link.ping_at = now + T.PING_TIMEOUT
        self._frame(link, T.ping(pid))

    # --- receiving ----------------------------------------------------------------------------

    def _packet(self, link: RelayLink, p: bytes, now: float, out: list[tuple[bytes, RelayRoute]]) -> None:
        kind, n = p[0], len(p)
        if kind >= T.FIRST_CONNECTION_ID:
            peer = link.slots.get(kind)
            if peer is None or n < 2:
                self.counters["routed: unknown slot"] += 1
                return
            out.append((p[1:], RelayRoute(link.public_key, peer)))
        elif kind == Tcp.ROUTING_RESPONSE:
            if n != 2 + PUBLIC_KEY_SIZE:
                raise ProtocolError("routing response size", code="tcp routing response size")
            cid, peer = p[1], p[2:]
            link.asked.discard(peer)
            if cid == 0:
                self.counters["routing refused"] += 1
                return
            if cid < T.FIRST_CONNECTION_ID or cid in link.slots:
                return  # c-toxcore ignores a response for a slot in use
            if peer not in self._wanted or link.public_key not in self._wanted[peer]:
                self._frame(link, T.disconnect_notification(cid))  # no longer wanted: give it back
                return
            link.slots[cid] = peer
            link.by_peer[peer] = cid
        elif kind == Tcp.CONNECT_NOTIFICATION:
            if n != 2:
                raise ProtocolError("notification size", code="tcp notification size")
            peer = link.slots.get(p[1])
            if peer is not None:
                link.online.add(peer)
                self.counters["links up"] += 1
        elif kind == Tcp.DISCONNECT_NOTIFICATION:
            if n != 2:
                raise ProtocolError("notification size", code="tcp notification size")
            peer = link.slots.get(p[1])
            if peer is not None:
                link.online.discard(peer)
        elif kind == Tcp.PING:
            if n != 9:
                raise ProtocolError("ping size", code="tcp ping size")
            self._frame(link, T.pong(p[1:]))
        elif kind == Tcp.PONG:
            if n != 9:
                raise ProtocolError("pong size", code="tcp ping size")
            if link.ping_id is not None and p[1:] == link.ping_id:
                link.rtt = now - link._ping_sent
                link.ping_id = None
                link.ping_at = now + T.PING_INTERVAL
        elif kind == Tcp.OOB_RECV:
            if n <= 1 + PUBLIC_KEY_SIZE:
                raise ProtocolError("OOB size", code="tcp oob size")
            sender, data = p[1:1 + PUBLIC_KEY_SIZE], p[1 + PUBLIC_KEY_SIZE:]
            if data[0] == 0x1A and sender not in link.by_peer:
                # an inbound handshake: route back to the sender on this relay (c-toxcore
                # attaches the relay to the new connection and sends a routing request)
                self._wanted.setdefault(sender, set()).add(link.public_key)
                self._ask(link, sender)
            out.append((data, RelayRoute(link.public_key, sender)))
        elif kind == Tcp.ONION_RESPONSE:
            if n < 2:
                raise ProtocolError("onion response size", code="tcp onion response size")
            out.append((p[1:], RelayRoute(link.public_key, link.public_key)))
        elif kind == Tcp.FORWARDING:
            self.counters["forwarding: ignored"] += 1
        else:
            raise ProtocolError("packet a relay never sends", code="tcp unexpected packet")

    # --- timers -------------------------------------------------------------------------------

    def get_timer(self) -> float | None:
        times: list[float] = []
        for link in self.relays.values():
            if link.state in (CONNECTING, HANDSHAKE):
                times.append(link.opened_at + T.HANDSHAKE_TIMEOUT)
            elif link.state == CONNECTED:
                times.append(link.ping_at)
        if self._open_count() < MAX_RELAYS and self.enabled:
            times += [r.retry_at for r in self.relays.values() if r.state == DOWN and r.retry_at > 0]
        return min(times) if times else None

    def handle_timer(self, now: float) -> None:
        for link in list(self.relays.values()):
            if link.state in (CONNECTING, HANDSHAKE):
                if now >= link.opened_at + T.HANDSHAKE_TIMEOUT:
                    self._down(link, "handshake timeout", now, retry=True)
            elif link.state == CONNECTED and now >= link.ping_at:
                if link.ping_id is not None:
                    self._down(link, "ping timeout", now, retry=True)
                else:
                    self._ping(link, now)
        for link in self.relays.values():
            if (link.state == DOWN and 0 < link.retry_at <= now and self._open_count() < MAX_RELAYS
                    and self.enabled):
                self._open(link, now)

    def _down(self, link: RelayLink, reason: str, now: float, retry: bool) -> None:
        was_up = link.state == CONNECTED
        if link.state != DOWN:
            self._commands.append(("close", link.number, "", 0))
        self._by_number.pop(link.number, None)
        link.state = DOWN
        link.stream = None
        link.online, link.slots, link.by_peer, link.asked = set(), {}, {}, set()
        link.last_error = reason
        self.counters[f"down: {reason}"] += 1
        if not retry:
            link.retry_at = 0.0
            return
        if was_up:
            link.retry_at = now  # it worked: reconnect at once (c-toxcore does)
        else:
            link.retry_at = now + link.backoff
            link.backoff = min(BACKOFF_MAX, link.backoff * 2)

    # --- what the dashboard shows -------------------------------------------------------------

    def status(self) -> list[dict[str, object]]:
        return [{"host": r.node.host, "port": r.node.port, "public_key": r.public_key.hex().upper(),
                 "state": r.state, "peers": len(r.online), "rtt_ms": None if r.rtt is None else round(r.rtt * 1000, 1),
                 **({"error": r.last_error} if r.last_error and r.state != CONNECTED else {})}
                for r in self.relays.values()]
