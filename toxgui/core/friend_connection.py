"""friend_connection: one net_crypto session per friend, kept alive (c-toxcore friend_connection.c).

- For every friend whose DHT key is known it keeps a net_crypto connection going, seeded with the
  friend's address (from the DHT, from `set_route`, or from the friend's own handshake), and
  moves the friend through the ToxProgress stages:
  AcquiringIPAddress -> AcquiringCookie -> AwaitingHandshake -> AwaitingSessionPacket ->
  Established.  Any loss of the session goes back to AcquiringIPAddress (DHT key still known) or
  AwaitingDHTKey (key forgotten).  A cookie request that is never answered marks the address
  stale: it is not used again until STALE_RETRY seconds passed or a new address turned up.
- ALIVE (16) every 8 s while connected; nothing from the friend for 32 s kills the session.
- SHARE_RELAYS (17) are parsed and kept (we run no relay, so we share none).
- FRIEND_REQUESTS (18): friend requests over an existing session, both ways.
- A handshake naming a new DHT key (the friend restarted) tears the old session down and starts a
  new one for the new key.

Messenger sits on top through `hooks`: status(pk, online, now), packet(pk, data, now),
lossy(pk, data, now), acked(pk, now), friend_request(pk, nospam, message, now).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from toxgui.core.errors import ProtocolError
from toxgui.core.events import Stage
from toxgui.core.friends import Friend, FriendList
from toxgui.core.net_crypto import ConnState, NetCrypto, SessionError
from toxgui.core.node import NodeContext
from toxgui.core.packets import friend_connection as fcp
from toxgui.core.wire import Addr, PackedNode

PING_INTERVAL = float(fcp.FRIEND_PING_INTERVAL)
CONNECTION_TIMEOUT = float(fcp.FRIEND_CONNECTION_TIMEOUT)
TICK = 1.0
STALE_RETRY = 10.0
MAX_RELAYS = 24

_STAGE_BY_STATE = {
    ConnState.HANDSHAKE_SENT: Stage.AwaitingHandshake,
    ConnState.NOT_CONFIRMED: Stage.AwaitingSessionPacket,
    ConnState.ESTABLISHED: Stage.Established,
}

_WAITING = {
    Stage.AwaitingDHTKey: "waiting to learn the friend's DHT key through the onion",
    Stage.AcquiringIPAddress: "searching the DHT for the friend's IP address",
    Stage.AcquiringCookie: "asking the friend for a cookie (a reply proves the address works)",
    Stage.AwaitingHandshake: "waiting for the friend's handshake",
    Stage.AwaitingSessionPacket: "waiting for the first encrypted packet of the session",
    Stage.Established: "",
}


@dataclass
class Link:
    """What friend_connection knows about one friend beyond the Friend record."""

    online: bool = False  # net_crypto session ESTABLISHED
    ping_sent: float | None = None
    ping_recv: float | None = None
    relays: list[PackedNode] = field(default_factory=list)
    stale_addr: Addr | None = None
    stale_at: float | None = None
    dht_searching: bytes | None = None
    sessions: int = 0
    cookie_timeouts: int = 0


@dataclass
class FcHooks:
    status: Callable[[bytes, bool, float], None] = lambda pk, online, now: None
    packet: Callable[[bytes, bytes, float], None] = lambda pk, data, now: None
    lossy: Callable[[bytes, bytes, float], None] = lambda pk, data, now: None
    acked: Callable[[bytes, float], None] = lambda pk, now: None
    friend_request: Callable[[bytes, bytes, bytes, float], None] = lambda pk, nospam, msg, now: None


class FriendConnections:
    def __init__(self, ctx: NodeContext, friends: FriendList, net_crypto: NetCrypto, dht: object = None) -> None:
        self.ctx = ctx
        self.friends = friends
        self.nc = net_crypto
        self.dht = dht
        self.links: dict[bytes, Link] = {}
        self.hooks = FcHooks()
        self._next_tick: float | None = 0.0
        h = net_crypto.hooks
        h.state = self._on_state
        h.data = self._on_data
        h.lossy = lambda pk, d, now: self.hooks.lossy(pk, d, now)
        h.acked = lambda pk, now: self.hooks.acked(pk, now)
        h.accept = self._accept
        h.new_dht_key = self._on_new_dht_key
        self._searching: dict[bytes, bytes] = {}  # DHT key searched -> friend's public key
        found = getattr(dht, "on_search_found", None)
        if found is not None:
            found(self._on_dht_found)

    def _on_dht_found(self, dht_key: bytes, addr: Addr, now: float) -> None:
        """The DHT just reached a friend's DHT key: use the address now, not at the next tick."""
        pk = self._searching.get(dht_key)
        f = self.friends.get(pk) if pk is not None else None
        if f is None or f.dht_key != dht_key or self.link(pk).online:  # type: ignore[arg-type]
            return
        conn = self.nc.conns.get(f.public_key)
        if conn is None or conn.addr is None:
            self._service(f, now)

    def link(self, pk: bytes) -> Link:
        ln = self.links.get(pk)
        if ln is None:
            ln = self.links[pk] = Link()
        return ln

    def is_online(self, pk: bytes) -> bool:
        ln = self.links.get(pk)
        return bool(ln and ln.online)

    # --- commands -----------------------------------------------------------------------------

    def set_route(self, pk: bytes, dht_key: bytes, addr: Addr | None, now: float, source: str = "manual") -> None:
        """Tell the session layer where friend `pk` is: their DHT key and (optionally) address.

        The onion layer sets `friend.dht_key` itself; this is the direct way (tests, a known
        peer).  A different DHT key than before tears the old session down (the friend restarted).
        """
        f = self.friends.get(pk)
        if f is None:
            raise KeyError("not a friend")
        self._learn_dht_key(f, dht_key, now, source)
        if addr is not None:
            self._learn_addr(f, addr, now)
        self._service(f, now)

    def send_packet(self, pk: bytes, data: bytes, now: float) -> int:
        """A lossless packet for the friend; raises SessionError when not connected."""
        return self.nc.write(pk, data, now)

    def send_friend_request(self, pk: bytes, nospam: bytes, message: bytes, now: float) -> int:
        return self.nc.write(pk, fcp.FriendRequests(nospam, message).encode(), now)

    def remove(self, pk: bytes, now: float) -> None:
        self.nc.kill(pk, now, reason="friend removed")
        ln = self.links.pop(pk, None)
        if ln and ln.dht_searching and self.dht is not None:
            self._dht_call("remove_search", ln.dht_searching)
            self._searching.pop(ln.dht_searching, None)

    # --- facts and stages ---------------------------------------------------------------------

    def _dht_call(self, name: str, *args: object) -> object:
        fn = getattr(self.dht, name, None) if self.dht is not None else None
        if fn is None:
            return None
        try:
            return fn(*args)
        except Exception:  # the DHT's problem; sessions carry on with what they know
            self.ctx.stats.internal_errors += 1
            return None

    def _learn_dht_key(self, f: Friend, dht_key: bytes, now: float, source: str) -> None:
        if f.dht_key == dht_key:
            f.dht_key_learned = now
            return
        old = f.dht_key
        f.dht_key = dht_key
        f.dht_key_learned = now
        f.dht_key_source = source
        if old is not None:
            # the friend restarted: the old address and session are worthless
            f.address = None
            f.address_learned = None
        self._track_search(f)

    def _track_search(self, f: Friend) -> None:
        ln = self.link(f.public_key)
        if ln.dht_searching == f.dht_key:
            return
        if ln.dht_searching is not None:
            self._dht_call("remove_search", ln.dht_searching)
            self._searching.pop(ln.dht_searching, None)
        ln.dht_searching = f.dht_key
        if f.dht_key is not None:
            self._searching[f.dht_key] = f.public_key
        if f.dht_key is not None:
            self._dht_call("add_search", f.dht_key)

    def _learn_addr(self, f: Friend, addr: Addr, now: float) -> None:
        if f.address != addr:
            f.address = addr
            ln = self.link(f.public_key)
            if ln.stale_addr == addr:
                ln.stale_addr = None
        f.address_learned = now

    def _stage_for(self, f: Friend) -> Stage:
        if f.dht_key is None:
            return Stage.AwaitingDHTKey
        st = self.nc.state(f.public_key)
        if st is None:
            return Stage.AcquiringIPAddress
        if st == ConnState.COOKIE_REQUESTING:
            conn = self.nc.conns[f.public_key]
            return Stage.AcquiringCookie if conn.addr is not None else Stage.AcquiringIPAddress
        return _STAGE_BY_STATE[st]

    def _update(self, f: Friend, now: float, force: bool = False) -> None:
        """Move the friend to the stage its session is in, refresh the facts, emit progress."""
        stage = self._stage_for(f)
        if stage == Stage.AwaitingDHTKey and f.stage == Stage.AwaitingDHTKey:
            return  # the onion layer owns this stage and its facts
        conn = self.nc.conns.get(f.public_key)
        ln = self.link(f.public_key)
        changed = stage != f.stage
        self.friends.set_stage(f, stage, now, _WAITING[stage])
        extra = f.extra
        if conn is not None:
            f.stage_attempts = conn.temp_sends
            f.next_retry = (conn.temp_sent_at + 1.0) if conn.temp_packet is not None and conn.temp_sent_at else None
            if conn.last_recv is not None:
                f.last_packet = conn.last_recv
            extra["session"] = conn.state.name.lower()
            extra["rtt_ms"] = round(conn.rtt * 1000, 3) if conn.state == ConnState.ESTABLISHED else None
            extra["udp_direct"] = conn.direct(now)  # a packet from the friend within 8 s
        else:
            extra["session"] = None
            extra["rtt_ms"] = None
            extra["udp_direct"] = False
        extra["sessions"] = ln.sessions
        extra["cookie_timeouts"] = ln.cookie_timeouts
        extra["stale_address"] = f"{ln.stale_addr[0]}:{ln.stale_addr[1]}" if ln.stale_addr else None
        if stage == Stage.AcquiringIPAddress and ln.stale_addr is not None:
            f.waiting_for = (
                "the last known address did not answer; searching the DHT for a fresh one"
            )
        if not changed and force:
            self.friends.touch(f, now)

    # --- the tick -----------------------------------------------------------------------------

    def get_timer(self) -> float | None:
        return self._next_tick

    def handle_timer(self, now: float) -> None:
        self._next_tick = now + TICK
        for f in self.friends:
            self._service(f, now)

    def _service(self, f: Friend, now: float) -> None:
        pk = f.public_key
        ln = self.link(pk)
        if f.dht_key is not None and ln.dht_searching != f.dht_key:
            self._track_search(f)
        conn = self.nc.conns.get(pk)
        if conn is not None and f.dht_key is not None and conn.dht_key != f.dht_key:
            self.nc.kill(pk, now, reason="new DHT key")
            conn = None
        if ln.online:
            if ln.ping_sent is None or now - ln.ping_sent >= PING_INTERVAL:
                try:
                    self.nc.write(pk, fcp.Alive().encode(), now)
                    ln.ping_sent = now
                except SessionError:
                    pass
            if ln.ping_recv is not None and now - ln.ping_recv > CONNECTION_TIMEOUT:
                self.nc.kill(pk, now, reason="friend timed out (no ALIVE for 32 s)")
                return
        elif f.dht_key is not None:  # any friend status, as c-toxcore's friend_connection
            addr = self._fresh_addr(f, now)
            if conn is None:
                self.nc.connect(pk, f.dht_key, now, addr)
            elif addr is not None and conn.addr is None:
                self.nc.set_addr(pk, addr, now)
        self._update(f, now)

    def _fresh_addr(self, f: Friend, now: float) -> Addr | None:
        """The friend's address to try: the DHT's answer first, then what we were told."""
        ln = self.link(f.public_key)
        if f.dht_key is not None and self.dht is not None:
            found = self._dht_call("friend_addresses", f.dht_key)
            if isinstance(found, list | tuple) and found:
                addr = tuple(found[0])  # type: ignore[arg-type]
                if addr != ln.stale_addr or (ln.stale_at is not None and now - ln.stale_at >= STALE_RETRY):
                    self._learn_addr(f, (str(addr[0]), int(addr[1])), now)
        if f.address is None:
            return None
        if f.address == ln.stale_addr and ln.stale_at is not None and now - ln.stale_at < STALE_RETRY:
            return None
        return f.address

    # --- net_crypto hooks ---------------------------------------------------------------------

    def _on_state(self, pk: bytes, state: ConnState | None, now: float) -> None:
        f = self.friends.get(pk)
        ln = self.link(pk)
        if state == ConnState.ESTABLISHED and not ln.online:
            ln.online = True
            ln.sessions += 1
            ln.ping_recv = now
            ln.ping_sent = None
            ln.stale_addr = None
            conn = self.nc.conns[pk]
            if f is not None:
                f.connection = "udp"
                if conn.addr is not None:
                    self._learn_addr(f, conn.addr, now)
                self._update(f, now)
            self.hooks.status(pk, True, now)
            if f is not None and self.nc.conns.get(pk) is conn:
                self._service(f, now)  # the first ALIVE at once
            return
        if state is None:
            was_online = ln.online
            ln.online = False
            reason = self.nc.last_close_reason
            if "cookie_requesting timed out" in reason and f is not None:
                ln.cookie_timeouts += 1
                ln.stale_addr = f.address
                ln.stale_at = now
            if f is not None:
                f.connection = "none"
                self._update(f, now, force=True)
            if was_online:
                self.hooks.status(pk, False, now)
            return
        if f is not None:
            self._update(f, now, force=state is not None)

    def _on_data(self, pk: bytes, data: bytes, now: float) -> None:
        ln = self.link(pk)
        if fcp.is_friend_connection_packet(data):
            try:
                pkt = fcp.decode_friend_connection(data)
            except ProtocolError as e:
                self.ctx.drop(f"friend_connection: {e}")
                return
            if isinstance(pkt, fcp.Alive):
                ln.ping_recv = now
            elif isinstance(pkt, fcp.ShareRelays):
                for node in pkt.nodes:
                    if node not in ln.relays:
                        ln.relays.append(node)
                del ln.relays[:-MAX_RELAYS]
            elif isinstance(pkt, fcp.FriendRequests):
                self.hooks.friend_request(pk, pkt.nospam, pkt.message, now)
            return
        self.hooks.packet(pk, data, now)

    def _accept(self, pk: bytes, dht_key: bytes, addr: Addr, now: float) -> bool:
        """An inbound handshake with no connection: accept friends only (any friend status)."""
        f = self.friends.get(pk)
        if f is None or pk in self.nc.conns:
            return False
        self._learn_dht_key(f, dht_key, now, "handshake")
        self._learn_addr(f, addr, now)
        return True

    def _on_new_dht_key(self, pk: bytes, dht_key: bytes, now: float) -> None:
        f = self.friends.get(pk)
        if f is None:
            return
        self.nc.kill(pk, now, reason="new DHT key")
        self._learn_dht_key(f, dht_key, now, "handshake")

