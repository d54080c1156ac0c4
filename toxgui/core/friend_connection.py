"""friend_connection: one net_crypto session per friend, kept alive (c-toxcore friend_connection.c).

- For every friend whose DHT key is known it keeps a net_crypto connection going, seeded with the
  friend's address (from the DHT, from `set_route`, or from the friend's own handshake), and
  moves the friend through the ToxProgress stages:
  AcquiringIPAddress -> AcquiringCookie -> AwaitingHandshake -> AwaitingSessionPacket ->
  Established.  Any loss of the session goes back to AcquiringIPAddress (DHT key still known) or
  AwaitingDHTKey (key forgotten).  A cookie request that is never answered marks the address
  stale: it is not used again until STALE_RETRY seconds passed or a new address turned up.
- ALIVE (16) every 8 s while connected; nothing from the friend for 32 s kills the session.
- TCP relays: while a friend is not connected, its session may run through our relays: the
  friend's relays (from its DHTPK and SHARE_RELAYS, the 3 most recent) and ours are asked to
  link us to the friend's DHT key.  SHARE_RELAYS (17) with up to 3 of our connected relays goes
  out when the session comes up and every 120 s (c-toxcore friend_connection.c).
- FRIEND_REQUESTS (18): friend requests over an existing session, both ways.
- A handshake naming a new DHT key (the friend restarted) tears the old session down and starts a
  new one for the new key.

Layers above plug in side by side, never replacing each other:
- `register(packet_ids, handler)`: lossless packets by their first byte (messenger: 24-65; file
  transfers: 80-82; conferences: 96-99), `handler(pk, data, now)`; lossy ones the same way;
- `on_status(listener)`: `listener(pk, online, now)` when a friend's session comes up or ends;
- `on_acked(listener)`: `listener(pk, now)` when the friend acknowledged lossless packets;
- `on_friend_request(listener)`: `listener(pk, payload, now)` for id 18, payload as through the
  onion (`0x20 | nospam | message`);
- `hold(pk, dht_key, now)` / `release(pk, now)`: a layer that needs a session with a key that is
  not a friend (a conference member, as c-toxcore's group.c opens friend_connections to non-friend
  peers seeded with their DHT key) holds it; the record lives in `extras` beside the friends (no
  stage events for it) and goes, with its session, when the last holder releases it.

Rules written once (h11 style): the friend's stage follows its net_crypto connection state
(`_stage_for`), and only this module moves a friend between AcquiringIPAddress and Established;
the onion layer owns AwaitingDHTKey.  One friend's failure in the tick is counted and never stops
the others being serviced.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import field

from toxgui.core.context import NodeContext, Route
from toxgui.core.dht import Dht
from toxgui.core.errors import NotAFriend, ProtocolError
from toxgui.core.events import FriendConnection
from toxgui.core.friends import Friend, FriendList
from toxgui.core.net_crypto import CloseReason, ConnState, NetCrypto, SessionChange, SessionError
from toxgui.core.net_crypto.session import SEND_INTERVAL
from toxgui.core.packets import friend_connection as fcp
from toxgui.core.packets.kinds import CryptoRequestId
from toxgui.core.record import record
from toxgui.core.spec import Stage, Transport
from toxgui.core.wire import Addr, PackedNode, normalize_addr

log = logging.getLogger(__name__)

PacketHandler = Callable[[bytes, bytes, float], None]  # (friend pk, packet, now)
StatusListener = Callable[[bytes, bool, float], None]  # (friend pk, online, now)
AckListener = Callable[[bytes, float], None]

PING_INTERVAL = float(fcp.FRIEND_PING_INTERVAL)
CONNECTION_TIMEOUT = float(fcp.FRIEND_CONNECTION_TIMEOUT)
TICK = 1.0
STALE_RETRY = 10.0
MAX_RELAYS = 24
SHARE_RELAYS_INTERVAL = 120.0
RELAYS_TRIED = 3  # of a friend's relays, the most recent ones we route to it on

_STAGE_BY_STATE = {
    ConnState.HANDSHAKE_SENT: Stage.AwaitingHandshake,
    ConnState.NOT_CONFIRMED: Stage.AwaitingSessionPacket,
    ConnState.ESTABLISHED: Stage.Established,
}



@record
class Link:
    """What friend_connection knows about one friend beyond the Friend record."""

    online: bool = False  # net_crypto session ESTABLISHED
    ping_sent: float | None = None
    ping_recv: float | None = None
    relays: list[PackedNode] = field(default_factory=list)
    relays_shared: float | None = None  # when we last sent SHARE_RELAYS
    relay_dht: bytes | None = None  # the DHT key our relays were asked to link us to
    stale_addr: Addr | None = None
    stale_at: float | None = None
    dht_searching: bytes | None = None
    failed: bool = False  # servicing this friend raised (a bug): logged once


class FriendConnections:
    def __init__(self, ctx: NodeContext, friends: FriendList, net_crypto: NetCrypto, dht: Dht) -> None:
        self.ctx = ctx
        self.friends = friends
        self.nc = net_crypto
        self.dht = dht
        self.links: dict[bytes, Link] = {}
        self.extras: dict[bytes, Friend] = {}  # held non-friends (conference members)
        self._holds: dict[bytes, int] = {}
        self._packet_handlers: dict[int, PacketHandler] = {}
        self._status_listeners: list[StatusListener] = []
        self._ack_listeners: list[AckListener] = []
        self._request_listeners: list[PacketHandler] = []
        self._next_tick: float | None = 0.0
        h = net_crypto.hooks
        h.state = self._on_state
        h.data = self._on_data
        h.lossy = self._on_lossy
        h.acked = self._on_acked
        h.accept = self._accept
        h.new_dht_key = self._on_new_dht_key
        self._searching: dict[bytes, bytes] = {}  # DHT key searched -> friend's public key
        dht.on_search_found(self._on_dht_found)

    # --- the seams for the layers above ------------------------------------------------------

    def register(self, packet_ids: Iterable[int], handler: PacketHandler) -> None:
        """Lossless or lossy packets whose first byte is in `packet_ids` go to `handler`.  An id
        has one owner: registering it twice is a programming error."""
        for pid in packet_ids:
            if not 0 <= pid <= 255 or pid in fcp.FRIEND_CONNECTION_IDS:
                raise ValueError(f"packet id {pid} is not free for a layer above friend_connection")
            if pid in self._packet_handlers:
                raise ValueError(f"packet id {pid} is already registered")
            self._packet_handlers[pid] = handler

    def on_status(self, listener: StatusListener) -> None:
        self._status_listeners.append(listener)

    def on_acked(self, listener: AckListener) -> None:
        self._ack_listeners.append(listener)

    def on_friend_request(self, listener: PacketHandler) -> None:
        self._request_listeners.append(listener)

    # --- friend lifecycle ---------------------------------------------------------------------

    def friend_added(self, friend: Friend, now: float) -> None:
        # a Link is made when there is something to keep (the DHT key, a session)
        extra = self.extras.pop(friend.public_key, None)
        if extra is not None and friend.dht_key is None and extra.dht_key is not None:
            friend.dht_key, friend.dht_key_learned, friend.dht_key_source = extra.dht_key, now, extra.dht_key_source

    def friend_removed(self, public_key: bytes, now: float) -> None:
        f = self.friends.get(public_key)
        if public_key in self._holds and f is not None:
            # a conference still holds the session (c-toxcore's friend_connection lock count):
            # it stays, as a held non-friend
            self.extras[public_key] = Friend(
                public_key, stage=f.stage, stage_entered=now, dht_key=f.dht_key, dht_key_learned=f.dht_key_learned,
                dht_key_source=f.dht_key_source, address=f.address, address_learned=f.address_learned,
            )
            return
        self.remove(public_key, now)

    def record(self, pk: bytes) -> Friend | None:
        """The friend, or the held non-friend, with this key."""
        return self.friends.get(pk) or self.extras.get(pk)

    # --- sessions held for layers above (conference members who are not friends) -------------

    def hold(self, pk: bytes, dht_key: bytes | None, now: float) -> None:
        """Keep a session with `pk` going until the matching `release`.  For a key that is not a
        friend, `dht_key` seeds the session (c-toxcore set_dht_temp_pk on a fresh connection)."""
        self._holds[pk] = self._holds.get(pk, 0) + 1
        if pk in self.friends or pk == self.ctx.long_term.public:
            return
        rec = self.extras.get(pk)
        if rec is None:
            rec = self.extras[pk] = Friend(pk, stage=Stage.AwaitingDHTKey, stage_entered=now)
            if dht_key is not None:
                self._learn_dht_key(rec, dht_key, now, "conference")
            self._service(rec, now)

    def release(self, pk: bytes, now: float) -> None:
        n = self._holds.get(pk, 0) - 1
        if n > 0:
            self._holds[pk] = n
            return
        self._holds.pop(pk, None)
        if pk in self.extras and pk not in self.friends:
            del self.extras[pk]
            self.remove(pk, now)

    def held(self, pk: bytes) -> bool:
        return pk in self._holds

    def dht_key_of(self, pk: bytes) -> bytes | None:
        """The DHT key the session with `pk` uses (or the one we know for it)."""
        conn = self.nc.conns.get(pk)
        if conn is not None:
            return conn.dht_key
        rec = self.record(pk)
        return rec.dht_key if rec is not None else None

    def _on_dht_found(self, dht_key: bytes, addr: Addr, now: float) -> None:
        """The DHT just reached a friend's DHT key: use the address now, not at the next tick."""
        pk = self._searching.get(dht_key)
        f = self.record(pk) if pk is not None else None
        if f is None or f.dht_key != dht_key or self.link(f.public_key).online:
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
            raise NotAFriend()
        if addr is not None:
            addr = normalize_addr(addr)  # a host that is not an IP literal: ProtocolError, stored nowhere
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
        self.nc.kill(pk, now, CloseReason.FRIEND_REMOVED)
        ln = self.links.pop(pk, None)
        if ln and ln.relay_dht is not None and self.nc.relays is not None:
            self.nc.relays.forget_peer(ln.relay_dht)
        if ln and ln.dht_searching:
            self.dht.remove_search(ln.dht_searching)
            self._searching.pop(ln.dht_searching, None)

    def shutdown(self, now: float) -> None:
        """A kill packet on every established session, and every connection closed."""
        for pk in list(self.nc.conns):
            self.nc.kill(pk, now, CloseReason.SHUTDOWN)

    # --- facts and stages ---------------------------------------------------------------------

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
            self.dht.remove_search(ln.dht_searching)
            self._searching.pop(ln.dht_searching, None)
        ln.dht_searching = f.dht_key
        if f.dht_key is not None:
            self._searching[f.dht_key] = f.public_key
            self.dht.add_search(f.dht_key)

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
            relayed = self.nc.relays is not None and self.nc.relays.can_reach(conn.dht_key)
            return Stage.AcquiringCookie if conn.addr is not None or relayed else Stage.AcquiringIPAddress
        return _STAGE_BY_STATE[st]

    def _update(self, f: Friend, now: float, force: bool = False) -> None:
        """Move the friend to the stage its session is in, refresh the facts, emit progress."""
        if self.friends.get(f.public_key) is not f:
            return  # a held non-friend: no stages to report
        stage = self._stage_for(f)
        if stage == Stage.AwaitingDHTKey and f.stage == Stage.AwaitingDHTKey:
            return  # the onion layer owns this stage and its facts
        conn = self.nc.conns.get(f.public_key)
        ln = self.link(f.public_key)
        changed = stage != f.stage
        self.friends.set_stage(f, stage, now)
        if conn is not None:
            f.stage_attempts = conn.temp_sends
            f.next_retry = (
                (conn.temp_sent_at + SEND_INTERVAL) if conn.temp_packet is not None and conn.temp_sent_at else None
            )
            if conn.last_recv is not None:
                f.last_packet = conn.last_recv
            f.session = conn.state.name.lower()
            f.rtt_ms = round(conn.rtt * 1000, 3) if conn.state == ConnState.ESTABLISHED else None
            f.udp_direct = conn.direct(now)  # a packet from the friend within 8 s
        else:
            f.session = None
            f.rtt_ms = None
            f.udp_direct = False
        f.stale_address = ln.stale_addr
        tcp = self.nc.relays
        f.relays = tcp.peer_status(f.dht_key) if tcp is not None and f.dht_key is not None else []
        if not changed and force:
            self.friends.touch(f, now)

    # --- the tick -----------------------------------------------------------------------------

    def get_timer(self) -> float | None:
        return self._next_tick

    def handle_timer(self, now: float) -> None:
        self._next_tick = now + TICK
        for f in [*self.friends, *(e for pk, e in list(self.extras.items()) if pk not in self.friends)]:
            self._service_guarded(f, now)

    def dht_key_learned(self, f: Friend, old: bytes | None, now: float) -> None:
        """A DHTPK brought the friend's (new) DHT key: start its search and session now, not at
        the next tick, so the DHT's answer finds them waiting."""
        self._service_guarded(f, now)

    def _service_guarded(self, f: Friend, now: float) -> None:
        try:
            self._service(f, now)
        except Exception:
            # A bug met with one friend must not starve the others (or repeat a traceback
            # every second): count every time, log the first.
            self.ctx.stats.internal_errors += 1
            ln = self.link(f.public_key)
            if not ln.failed:
                ln.failed = True
                log.exception("internal error servicing a friend's connection")

    def _service(self, f: Friend, now: float) -> None:
        pk = f.public_key
        ln = self.link(pk)
        if f.dht_key is not None and ln.dht_searching != f.dht_key:
            self._track_search(f)
        conn = self.nc.conns.get(pk)
        if conn is not None and f.dht_key is not None and conn.dht_key != f.dht_key:
            self.nc.kill(pk, now, CloseReason.NEW_DHT_KEY)
            conn = None
        tcp = self.nc.relays
        if tcp is not None and ln.relay_dht is not None and ln.relay_dht != f.dht_key:
            tcp.forget_peer(ln.relay_dht)  # the friend restarted: its old key is no one
            ln.relay_dht = None
        if ln.online:
            f.seen_at = now
            if tcp is not None and (ln.relays_shared is None or now - ln.relays_shared >= SHARE_RELAYS_INTERVAL):
                self._share_relays(f, ln, now)
            if tcp is not None and conn is not None and not conn.direct(now):
                # Through a relay: keep looking for a direct path (the DHT's answer for the
                # friend's address); net_crypto probes it and moves to UDP once packets come back
                # that way, the same session, so nothing is lost or sent twice.
                addr = self._fresh_addr(f, now)
                if addr is not None and conn.addr != addr:
                    self.nc.set_addr(pk, addr, now)
                    conn = self.nc.conns.get(pk)
            transport = f.connection
            if conn is not None and f.dht_key is not None:
                relayed = tcp is not None and not conn.direct(now) and tcp.can_reach(f.dht_key)
                transport = Transport.TCP if relayed else Transport.UDP
            if f.connection != transport and f.connection != Transport.NONE:
                f.connection = transport
                self.ctx.emit(FriendConnection(f.public_key, transport))
                self._update(f, now, force=True)
            if ln.ping_sent is None or now - ln.ping_sent >= PING_INTERVAL:
                try:
                    self.nc.write(pk, fcp.Alive().encode(), now)
                    ln.ping_sent = now
                except SessionError:
                    pass
            if ln.ping_recv is not None and now - ln.ping_recv > CONNECTION_TIMEOUT:
                self.nc.kill(pk, now, CloseReason.FRIEND_TIMEOUT)
                return
        elif f.dht_key is not None:  # any friend status, as c-toxcore's friend_connection
            if tcp is not None:
                ln.relay_dht = f.dht_key
                for node in ln.relays[-RELAYS_TRIED:]:
                    tcp.want(f.dht_key, node, now)
                tcp.want_on_connected(f.dht_key, now)
            addr = self._fresh_addr(f, now)
            if conn is None:
                self.nc.connect(pk, f.dht_key, now, addr)
            elif addr is not None and conn.addr is None:
                self.nc.set_addr(pk, addr, now)
        self._update(f, now)

    def _share_relays(self, f: Friend, ln: Link, now: float) -> None:
        """SHARE_RELAYS: up to 3 of our connected relays, each also attached to the friend, so
        both sides route to each other on a relay both use."""
        tcp = self.nc.relays
        ln.relays_shared = now
        if tcp is None or f.dht_key is None:
            return
        ours = tcp.connected_relays(shareable=True)[:fcp.MAX_SHARED_RELAYS]
        if not ours:
            return
        for node in ours:
            tcp.want(f.dht_key, node, now)
        try:
            self.nc.write(f.public_key, fcp.ShareRelays(tuple(ours)).encode(), now)
        except SessionError:
            pass

    def learn_relays(self, pk: bytes, nodes: Iterable[PackedNode], now: float) -> None:
        """TCP relays a friend named (in its DHTPK or SHARE_RELAYS): remembered (24 at most) and,
        while the friend is not connected, used."""
        f = self.record(pk)
        if f is None:
            return
        ln = self.link(pk)
        fresh = False
        for node in nodes:
            if not node.tcp:
                continue
            if node in ln.relays:
                ln.relays.remove(node)
            ln.relays.append(node)
            fresh = True
        del ln.relays[:-MAX_RELAYS]
        tcp = self.nc.relays
        if fresh and tcp is not None and f.dht_key is not None and not ln.online:
            self._service(f, now)  # the session can start through the relays now, not at the tick

    def _fresh_addr(self, f: Friend, now: float) -> Addr | None:
        """The friend's address to try: the DHT's answer first, then what we were told."""
        ln = self.link(f.public_key)
        if f.dht_key is not None:
            found = self.dht.friend_addresses(f.dht_key)
            if found:
                addr = found[0]
                if addr != ln.stale_addr or (ln.stale_at is not None and now - ln.stale_at >= STALE_RETRY):
                    self._learn_addr(f, addr, now)
        if f.address is None:
            return None
        if f.address == ln.stale_addr and ln.stale_at is not None and now - ln.stale_at < STALE_RETRY:
            return None
        return f.address

    # --- net_crypto hooks ---------------------------------------------------------------------

    def _on_state(self, change: SessionChange, now: float) -> None:
        pk, state = change.public_key, change.state
        f = self.record(pk)
        ln = self.link(pk)
        if state == ConnState.ESTABLISHED and not ln.online:
            ln.online = True
            ln.ping_recv = now
            ln.ping_sent = None
            ln.stale_addr = None
            conn = self.nc.conns[pk]
            if f is not None:
                f.sessions += 1
                relayed = not conn.direct(now) and self.nc.relays is not None and self.nc.relays.can_reach(conn.dht_key)
                f.connection = Transport.TCP if relayed else Transport.UDP
                f.seen_at = now
                if isinstance(conn.addr, tuple):  # a UDP address (not a relay)
                    self._learn_addr(f, conn.addr, now)
                self._update(f, now)
            for listener in list(self._status_listeners):
                listener(pk, True, now)
            if f is not None and self.nc.conns.get(pk) is conn:
                self._service(f, now)  # the first ALIVE at once
            return
        if state is None:
            was_online = ln.online
            ln.online = False
            if change.reason == CloseReason.COOKIE_TIMEOUT and f is not None:
                f.cookie_timeouts += 1
                ln.stale_addr = f.address
                ln.stale_at = now
            if f is not None:
                if was_online:
                    f.seen_at = now
                f.connection = Transport.NONE
                self._update(f, now, force=True)
            if was_online:
                for listener in list(self._status_listeners):
                    listener(pk, False, now)
            return
        if f is not None:
            self._update(f, now, force=state is not None)

    def _on_data(self, pk: bytes, data: bytes, now: float) -> None:
        ln = self.link(pk)
        if fcp.is_friend_connection_packet(data):
            try:
                pkt = fcp.decode_friend_connection(data)
            except ProtocolError as e:
                self.ctx.drop(f"friend_connection: {e.code}")
                return
            if isinstance(pkt, fcp.Alive):
                ln.ping_recv = now
            elif isinstance(pkt, fcp.ShareRelays):
                self.learn_relays(pk, pkt.nodes, now)
                f = self.record(pk)
                tcp = self.nc.relays
                if tcp is not None and f is not None and f.dht_key is not None:
                    for node in pkt.nodes:  # the friend routes to us there: route back (c-toxcore)
                        tcp.want(f.dht_key, node, now)
            elif isinstance(pkt, fcp.FriendRequests):
                payload = bytes([CryptoRequestId.FRIEND_REQUEST]) + pkt.nospam + pkt.message
                for listener in list(self._request_listeners):
                    listener(pk, payload, now)
            return
        handler = self._packet_handlers.get(data[0]) if data else None
        if handler is None:
            self.ctx.drop("friend_connection: unhandled packet id")
            return
        handler(pk, data, now)

    def _on_lossy(self, pk: bytes, data: bytes, now: float) -> None:
        handler = self._packet_handlers.get(data[0]) if data else None
        if handler is not None:
            handler(pk, data, now)

    def _on_acked(self, pk: bytes, now: float) -> None:
        for listener in list(self._ack_listeners):
            listener(pk, now)

    def _accept(self, pk: bytes, dht_key: bytes, route: Route, now: float) -> bool:
        """An inbound handshake with no connection: accept friends (any friend status) and held
        non-friends (conference members), as c-toxcore accepts any friend_connection entry."""
        f = self.record(pk)
        if f is None or pk in self.nc.conns:
            return False
        self._learn_dht_key(f, dht_key, now, "handshake")
        if isinstance(route, tuple):
            self._learn_addr(f, route, now)
        return True

    def _on_new_dht_key(self, pk: bytes, dht_key: bytes, now: float) -> None:
        f = self.record(pk)
        if f is None:
            return
        self.nc.kill(pk, now, CloseReason.NEW_DHT_KEY)
        self._learn_dht_key(f, dht_key, now, "handshake")

