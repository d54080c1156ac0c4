"""NetCrypto: cookies, handshakes and encrypted data sessions (c-toxcore 0.2.18 net_crypto.c).

Sans-I/O.  Registered on the node for packet kinds 0x18-0x1b.  Connections are keyed by the
friend's long-term key; incoming UDP is matched to a connection by its source address, exactly as
c-toxcore does.  The layer above (friend_connection) is told about everything through the
`Hooks` object it installs:

- `state(change, now)`: the connection moved (a `SessionChange`; state None = gone, with a
  `CloseReason`: killed, timed out, replaced);
- `data(pk, data, now)` / `lossy(pk, data, now)`: packets, lossless ones strictly in order;
- `acked(pk, now)`: the peer acknowledged lossless packets (delivery receipts come from here);
- `accept(pk, dht_key, addr, now) -> bool`: a handshake arrived for which we have no
  connection; accept it only for a friend (c-toxcore handle_new_connections);
- `new_dht_key(pk, dht_key, now)`: a handshake from the friend names another DHT key (the friend
  restarted).

Validation of a handshake, exactly as c-toxcore (handle_crypto_handshake): the size is 385; the
cookie opens with our cookie key and is at most 15 s old; an existing connection's long-term key
must equal the cookie's; the box opens with the long-term key named in the cookie; the SHA-512
inside equals the cookie's hash.  A handshake for a connection that is already ESTABLISHED, or
one that fails any check, is dropped and the live session is left alone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from toxgui.core.context import NodeContext, RelayRoute, Route
from toxgui.core.crypto import KeyPair, nonce_add
from toxgui.core.errors import ProtocolError
from toxgui.core.net_crypto import _codec as codec
from toxgui.core.net_crypto.buffers import (
    LOSSLESS_END,
    LOSSLESS_START,
    LOSSY_END,
    LOSSY_START,
    PACKET_ID_KILL,
    PACKET_ID_REQUEST,
    BufferFull,
    SentPacket,
    dist,
)
from toxgui.core.net_crypto.congestion import Congestion
from toxgui.core.net_crypto.session import (
    ACK_DELAY,
    MAX_TRIES,
    SEND_INTERVAL,
    TIMEOUT_REASON,
    CloseReason,
    ConnState,
    CryptoConnection,
    SessionChange,
)
from toxgui.core.record import record
from toxgui.core.tcp.client import TcpConnections
from toxgui.core.wire import NONCE_SIZE, SYMMETRIC_KEY_SIZE, normalize_addr

log = logging.getLogger(__name__)

# Packets a waiting message may take out beyond the congestion window (what is queued ahead of it,
# and itself): a chat message during a transfer to a peer that acknowledges only every 50 ms
# (c-toxcore) went out only at the next acknowledgement, 50-80 ms late.
MESSAGE_RESERVE = 64


class SessionError(Exception):
    """A write that cannot happen: no session, not established, or the window is full."""


@record
class Hooks:
    state: Callable[[SessionChange, float], None] = lambda change, now: None
    data: Callable[[bytes, bytes, float], None] = lambda pk, d, now: None
    lossy: Callable[[bytes, bytes, float], None] = lambda pk, d, now: None
    acked: Callable[[bytes, float], None] = lambda pk, now: None
    accept: Callable[[bytes, bytes, Route, float], bool] = lambda pk, dht, addr, now: False
    new_dht_key: Callable[[bytes, bytes, float], None] = lambda pk, dht, now: None


class NetCrypto:
    KINDS = (codec.COOKIE_REQUEST, codec.COOKIE_RESPONSE, codec.HANDSHAKE, codec.DATA)

    def __init__(self, ctx: NodeContext) -> None:
        self.ctx = ctx
        self.cookie_key = ctx.rng.bytes(SYMMETRIC_KEY_SIZE)
        self.conns: dict[bytes, CryptoConnection] = {}
        self._by_addr: dict[Route, bytes] = {}  # sessions by the route their packets come from
        # Our TCP relays (set by the node): a session without a direct UDP path goes through
        # them.  Packets through any relay from a peer's DHT key count as one route.
        self.relays: TcpConnections | None = None
        self.hooks = Hooks()
        self._now = 0.0
        self.counters: dict[str, int] = {}  # keyed by fixed strings only

    # --- helpers ------------------------------------------------------------------------------

    def _count(self, what: str) -> None:
        self.counters[what] = self.counters.get(what, 0) + 1

    def _reject(self, what: str) -> None:
        self._count(what)
        self.ctx.drop(what)

    def _new_cookie(self, real_pk: bytes, dht_pk: bytes, now: float) -> bytes:
        return codec.make_cookie(self.cookie_key, self.ctx.rng.bytes(NONCE_SIZE), now, real_pk, dht_pk)

    def _set_addr(self, conn: CryptoConnection, addr: Route | None, now: float) -> None:
        if isinstance(addr, RelayRoute):
            return  # every session is reachable by its DHT key through relays (see _make)
        if isinstance(addr, tuple):
            addr = normalize_addr(addr)
        if conn.addr is not None and self._by_addr.get(conn.addr) == conn.public_key:
            del self._by_addr[conn.addr]
        conn.addr = addr
        conn.addr_set = now if addr is not None else None
        if addr is not None and conn.temp_unsent:
            # The last cookie request or handshake found no route: send it now that there is
            # one, not a second after that failed try.
            conn.temp_sent_at = None
            conn.temp_unsent = False
        if addr is not None:
            old = self._by_addr.get(addr)
            if old is not None and old != conn.public_key and old in self.conns:
                self.conns[old].addr = None
            self._by_addr[addr] = conn.public_key

    # --- commands -----------------------------------------------------------------------------

    def connect(self, pk: bytes, dht_key: bytes, now: float, addr: Route | None = None) -> CryptoConnection:
        """Start (or keep) a connection attempt to friend `pk` whose DHT key is `dht_key`."""
        conn = self.conns.get(pk)
        if conn is not None:
            if conn.dht_key == dht_key:
                if addr is not None and conn.addr != addr:
                    self.set_addr(pk, addr, now)
                return conn
            self.kill(pk, now, CloseReason.NEW_DHT_KEY)
        conn = self._make(pk, dht_key, now)
        self._build_cookie_request(conn)
        if addr is not None:
            self._set_addr(conn, addr, now)
        self.hooks.state(SessionChange(pk, conn.state), now)
        self._pump(conn, now)
        return conn

    def _make(self, pk: bytes, dht_key: bytes, now: float) -> CryptoConnection:
        conn = CryptoConnection(
            public_key=pk,
            dht_key=dht_key,
            session=KeyPair.generate(self.ctx.rng),
            sent_nonce=self.ctx.rng.bytes(NONCE_SIZE),
            echo_id=self.ctx.rng.bytes(codec.ECHO_SIZE),
            created=now,
        )
        self.conns[pk] = conn
        self._by_addr[_via_relay(dht_key)] = pk
        return conn

    def set_addr(self, pk: bytes, addr: Route | None, now: float) -> None:
        conn = self.conns.get(pk)
        if conn is None or conn.addr == addr:
            return
        self._set_addr(conn, addr, now)
        self.hooks.state(SessionChange(pk, conn.state), now)
        self._pump(conn, now)

    def kill(self, pk: bytes, now: float, reason: CloseReason = CloseReason.KILLED, send_kill: bool = True) -> None:
        conn = self.conns.pop(pk, None)
        if conn is None:
            return
        if send_kill and conn.state == ConnState.ESTABLISHED and conn.addr is not None:
            self._send_data(conn, conn.send.end, bytes([PACKET_ID_KILL]), now)
        if conn.addr is not None and self._by_addr.get(conn.addr) == pk:
            del self._by_addr[conn.addr]
        if self._by_addr.get(_via_relay(conn.dht_key)) == pk:
            del self._by_addr[_via_relay(conn.dht_key)]
        log.debug("session with %s closed: %s", pk.hex()[:8], reason)
        self._count(f"closed: {reason}")
        self.hooks.state(SessionChange(pk, None, reason), now)

    def state(self, pk: bytes) -> ConnState | None:
        conn = self.conns.get(pk)
        return conn.state if conn else None

    def write(self, pk: bytes, data: bytes, now: float, congestion_controlled: bool = False) -> int:
        """Queue a lossless packet (id 16..191); returns its packet number."""
        conn = self.conns.get(pk)
        if conn is None or conn.state != ConnState.ESTABLISHED:
            raise SessionError("no established session")
        if not data or not LOSSLESS_START <= data[0] <= LOSSLESS_END or len(data) > codec.MAX_DATA:
            raise ValueError("lossless packet: id 16..191, 1..1373 bytes")
        try:
            n = conn.send.push(data, congestion_controlled)
        except BufferFull as e:
            raise SessionError("send window full") from e
        if conn.cc is None:
            self._pump(conn, now)
        elif not congestion_controlled:
            self._send_pending(conn, now)  # at once, unless the window is full
        # else (file data): the timer, due at once while there are send tokens, sends every
        # chunk written meanwhile in one pass, rather than a pass per chunk
        return n

    def write_lossy(self, pk: bytes, data: bytes, now: float) -> None:
        conn = self.conns.get(pk)
        if conn is None or conn.state != ConnState.ESTABLISHED:
            raise SessionError("no established session")
        if not data or not LOSSY_START <= data[0] <= LOSSY_END or len(data) > codec.MAX_DATA:
            raise ValueError("lossy packet: id 192..254, 1..1373 bytes")
        self._send_data(conn, conn.send.end, data, now)

    def is_acknowledged(self, pk: bytes, number: int) -> bool:
        conn = self.conns.get(pk)
        return conn is not None and conn.send.is_acknowledged(number)

    def send_window_free(self, pk: bytes) -> int:
        conn = self.conns.get(pk)
        return conn.send.free_slots if conn else 0

    def send_rate(self, pk: bytes) -> float:
        """The session's current send rate, packets per second (0 without a session)."""
        conn = self.conns.get(pk)
        return conn.cc.rate if conn is not None and conn.cc is not None else 0.0

    def ack_gap(self, pk: bytes) -> float:
        """How long the peer lately let pass between acknowledgements while packets were in
        flight, s (0 without a session)."""
        conn = self.conns.get(pk)
        return conn.cc.ack_gap() if conn is not None and conn.cc is not None else 0.0

    def send_backlog(self, pk: bytes) -> int:
        """Packets of the session waiting to be (re)sent (congestion-controlled ones wait for
        send tokens)."""
        conn = self.conns.get(pk)
        return conn.send.pending_count if conn else 0

    # --- outgoing -----------------------------------------------------------------------------

    def _route(self, conn: CryptoConnection, data: bytes, now: float, temp: bool = False) -> bool:
        """c-toxcore send_packet_to: over UDP while the peer's packets arrive there directly (8 s);
        otherwise through our relays, with the UDP address, if any, probed as well (cookie
        requests and handshakes always, short packets at most every 4 s)."""
        udp = conn.addr
        if udp is not None and conn.direct(now):  # the common case, per packet: no relay lookup
            self.ctx.send(data, udp)
            return True
        relays = self.relays
        if relays is None or not relays.can_reach(conn.dht_key):
            if udp is None:
                return False
            self.ctx.send(data, udp)
            return True
        self.ctx.send(data, _via_relay(conn.dht_key))
        if udp is not None and (temp or (len(data) < UDP_PROBE_SIZE and now - conn.udp_probed >= UDP_PROBE_INTERVAL)):
            conn.udp_probed = now
            self.ctx.send(data, udp)
        return True

    def _build_cookie_request(self, conn: CryptoConnection) -> None:
        conn.temp_packet = codec.encode_cookie_request(
            self.ctx.dht_keys, conn.dht_key, self.ctx.rng.bytes(NONCE_SIZE), self.ctx.long_term.public,
            conn.echo_id, self.ctx.keys,
        )
        conn.temp_sends = 0
        conn.temp_sent_at = None

    def _build_handshake(self, conn: CryptoConnection, cookie: bytes, now: float) -> None:
        other = self._new_cookie(conn.public_key, conn.dht_key, now)
        conn.temp_packet = codec.create_handshake(
            self.ctx.long_term, conn.public_key, cookie, self.ctx.rng.bytes(NONCE_SIZE),
            conn.sent_nonce, conn.session.public, other, self.ctx.keys,
        )
        conn.temp_sends = 0
        conn.temp_sent_at = None

    def _send_temp(self, conn: CryptoConnection, now: float) -> None:
        if conn.temp_packet is None:
            return
        if conn.temp_sends >= MAX_TRIES:
            self.kill(conn.public_key, now, TIMEOUT_REASON[conn.state])
            return
        if self._route(conn, conn.temp_packet, now, temp=True):
            conn.temp_sends += 1
            conn.temp_sent_at = now
            conn.temp_unsent = False
            self.hooks.state(SessionChange(conn.public_key, conn.state), now)  # fresh attempt counts upstairs
        else:
            conn.temp_sent_at = now  # no route yet: look again in a second, no try counted
            conn.temp_unsent = True

    def _send_data(self, conn: CryptoConnection, number: int, data: bytes, now: float) -> bool:
        if conn.shared is None:
            return False
        pkt = codec.encode_data(conn.shared, conn.sent_nonce, conn.recv.start, number, data)
        if not self._route(conn, pkt, now):
            return False
        conn.sent_nonce = nonce_add(conn.sent_nonce, 1)
        return True

    def _transmit(self, conn: CryptoConnection, n: int, now: float) -> None:
        p = conn.send.get(n)
        if p is None:
            return
        if self._send_data(conn, n, p.data, now):
            if p.sends:
                conn.packets_resent += 1
            p.sends += 1
            conn.send.mark_sent(n, now)
            if p.first_sent is None:
                p.first_sent = now
            conn.packets_sent += 1
            if conn.cc is not None:
                conn.cc.on_sent(now, 1, controlled=p.congestion_controlled or p.sends > 1)

    def _send_request(self, conn: CryptoConnection, now: float) -> None:
        if self._send_data(conn, conn.send.end, conn.recv.request_packet(codec.MAX_DATA), now):
            conn.last_request_sent = now
            conn.ack_due = None

    def _pump(self, conn: CryptoConnection, now: float) -> None:
        """Send whatever is due on this connection now."""
        if conn.public_key not in self.conns:
            return
        if conn.temp_packet is not None and (
            conn.temp_sent_at is None or now >= conn.temp_sent_at + SEND_INTERVAL
        ):
            self._send_temp(conn, now)
            if conn.public_key not in self.conns:
                return
        if conn.state not in (ConnState.NOT_CONFIRMED, ConnState.ESTABLISHED):
            return
        if conn.state == ConnState.ESTABLISHED:
            self._send_pending(conn, now)
        due = conn.last_request_sent is None or now >= conn.last_request_sent + conn.request_interval()
        if due or (conn.ack_due is not None and now >= conn.ack_due):
            self._send_request(conn, now)

    def _send_pending(self, conn: CryptoConnection, now: float) -> None:
        cc = conn.cc
        if cc is None:
            return
        if not conn.send.has_pending:
            cc.update(now, conn.rtt, limited=False, recent_rtt=conn.recent_rtt)
            return
        tokens = cc.allowance(now)
        room = cc.window(conn.rtt, now) - (len(conn.send.slots) - conn.send.pending_count)
        cc.set_window_full(room <= 0, now)  # then only an acknowledgement (or SEND_POLL) helps
        by_rate = False
        # Oldest first: messages need room in the window, file data room and a token, resends a
        # token only.  The peer asked for those again, and a request packet names at most
        # about 1370: after a longer run of losses the rest still count as in flight, and a
        # window held full by them would hold the resends that free it (and every message
        # behind them) for good.
        send = conn.send
        while True:
            n = send.oldest_pending()
            if n is None:
                break
            p = send.slots[n]
            if room <= 0 and not p.sends:
                break
            if p.congestion_controlled or p.sends:
                if tokens <= 0:
                    by_rate = True
                    break
                tokens -= 1
            self._transmit(conn, n, now)
            if p.sent_at is None:
                break  # no route: nothing more can go now
            room -= 1
        age = send.urgent_age() if send.has_pending else None
        if age is not None:
            # A message waits behind what the window or the rate holds back: it goes now, with
            # whatever is ahead of it (it is delivered only after those), up to MESSAGE_RESERVE
            # packets beyond the window.  Tokens still count: the rate stays the same on average.
            extra = room + MESSAGE_RESERVE
            while extra > 0:
                n = send.oldest_pending()
                if n is None or send.slots[n].age > age:
                    break
                self._transmit(conn, n, now)
                if send.slots[n].sent_at is None:
                    break  # no route
                extra -= 1
                room -= 1
        if room <= 0 and send.has_pending:
            cc.set_window_full(True, now)
        # the rate grows only when it, not the window, holds packets back
        cc.update(now, conn.rtt, limited=by_rate, recent_rtt=conn.recent_rtt)

    # --- incoming -----------------------------------------------------------------------------

    def handle(self, data: bytes, addr: Route, now: float) -> None:
        self._now = now
        if isinstance(addr, RelayRoute) and data[0] != codec.COOKIE_REQUEST:
            addr = _via_relay(addr.peer_dht_key)
        kind = data[0]
        if kind == codec.COOKIE_REQUEST:
            self._on_cookie_request(data, addr, now)
        elif kind == codec.COOKIE_RESPONSE:
            self._on_cookie_response(data, addr, now)
        elif kind == codec.HANDSHAKE:
            self._on_handshake(data, addr, now)
        elif kind == codec.DATA:
            self._on_data(data, addr, now)

    def _on_cookie_request(self, data: bytes, addr: Route, now: float) -> None:
        rng = self.ctx.rng
        resp = codec.answer_cookie_request(
            data, self.ctx.dht_keys, self.cookie_key, now, rng.bytes(NONCE_SIZE), rng.bytes(NONCE_SIZE), self.ctx.keys
        )
        self.ctx.send(resp, addr)
        self._count("cookie requests answered")

    def _on_cookie_response(self, data: bytes, addr: Route, now: float) -> None:
        pk = self._by_addr.get(addr)
        conn = self.conns.get(pk) if pk else None
        if conn is None or conn.state != ConnState.COOKIE_REQUESTING:
            self._reject("cookie response: no connection waiting for one")
            return
        cookie = codec.open_cookie_response(data, self.ctx.dht_keys, conn.dht_key, conn.echo_id, self.ctx.keys)
        self._build_handshake(conn, cookie, now)
        conn.state = ConnState.HANDSHAKE_SENT
        self._send_temp(conn, now)
        self.hooks.state(SessionChange(conn.public_key, conn.state), now)

    def _open_handshake(self, data: bytes, now: float, expected_pk: bytes | None) -> codec.HandshakeInfo:
        """Checks (1)-(5) of c-toxcore's handle_crypto_handshake, counted by the reason they fail."""
        try:
            return codec.open_handshake(data, self.ctx.long_term, self.cookie_key, now, expected_pk, self.ctx.keys)
        except ProtocolError as e:
            self._count(f"handshake refused: {e.code}")
            raise

    def _on_handshake(self, data: bytes, addr: Route, now: float) -> None:
        pk = self._by_addr.get(addr)
        conn = self.conns.get(pk) if pk else None
        if conn is not None:
            hs = self._open_handshake(data, now, conn.public_key)
            conn.handshakes_received += 1
            if hs.peer_dht_pk == conn.dht_key:
                if conn.state == ConnState.ESTABLISHED:
                    self._reject("handshake: session already established")
                    return
                answer = hs.other_cookie if conn.state == ConnState.COOKIE_REQUESTING else None
                self._adopt(conn, hs.base_nonce, hs.session_pk, answer, now)
                return
            # A valid, fresh handshake from the friend with another DHT key: the friend restarted
            # (perhaps on the same address).  The old session is dead; start over with this one.
            self._count("handshake: new DHT key")
            self.kill(conn.public_key, now, CloseReason.NEW_DHT_KEY)
            self.hooks.new_dht_key(conn.public_key, hs.peer_dht_pk, now)
            self._new_connection(hs, addr, now)
            return
        self._new_connection(self._open_handshake(data, now, None), addr, now)

    def _new_connection(self, hs: codec.HandshakeInfo, addr: Route, now: float) -> None:
        """c-toxcore handle_new_connection_handshake: a handshake not matched by address."""
        real_pk, dht_pk, base, session_pk, other = (
            hs.peer_real_pk, hs.peer_dht_pk, hs.base_nonce, hs.session_pk, hs.other_cookie
        )
        conn = self.conns.get(real_pk)
        if conn is not None:
            if conn.dht_key != dht_pk:
                self._count("handshake: new DHT key")
                self.kill(real_pk, now, CloseReason.NEW_DHT_KEY)
                self.hooks.new_dht_key(real_pk, dht_pk, now)
                conn = self.conns.get(real_pk)  # the hook may already have made a new one
                if conn is not None and conn.dht_key != dht_pk:
                    self.kill(real_pk, now, CloseReason.NEW_DHT_KEY)
                    conn = None
            if conn is not None:
                if conn.state not in (ConnState.COOKIE_REQUESTING, ConnState.HANDSHAKE_SENT):
                    self._reject("handshake: session already in progress")
                    return
                conn.handshakes_received += 1
                self._set_addr(conn, addr, now)
                self._adopt(conn, base, session_pk, other, now)
                return
        if not self.hooks.accept(real_pk, dht_pk, addr, now):
            self._reject("handshake: not a friend, or a connection exists")
            return
        conn = self._make(real_pk, dht_pk, now)
        conn.handshakes_received += 1
        self._set_addr(conn, addr, now)
        self._adopt(conn, base, session_pk, other, now)

    def _adopt(self, conn: CryptoConnection, base: bytes, session_pk: bytes, answer_cookie: bytes | None,
               now: float) -> None:
        conn.recv_nonce = base
        conn.peer_session_pk = session_pk
        conn.shared = self.ctx.keys.get(conn.session, session_pk)
        if answer_cookie is not None:
            self._build_handshake(conn, answer_cookie, now)
        changed = conn.state != ConnState.NOT_CONFIRMED
        conn.state = ConnState.NOT_CONFIRMED
        if answer_cookie is not None:
            self._send_temp(conn, now)
        if changed:
            self.hooks.state(SessionChange(conn.public_key, conn.state), now)
        self._pump(conn, now)

    def _on_data(self, data: bytes, addr: Route, now: float) -> None:
        pk = self._by_addr.get(addr)
        conn = self.conns.get(pk) if pk else None
        if conn is None or conn.state not in (ConnState.NOT_CONFIRMED, ConnState.ESTABLISHED):
            self._reject("data: no session for this address")
            return
        assert conn.shared is not None and conn.recv_nonce is not None
        try:
            ack, number, body, stored = codec.decode_data(data, conn.shared, conn.recv_nonce)
        except ProtocolError:
            self._count("data: bad MAC or size")
            raise
        stale = ack != conn.send.start and dist(conn.send.start, ack) > len(conn.send)
        freed = conn.send.acknowledge(ack)
        if freed is None:
            self._reject("data: acknowledgement outside the send window")
            return
        conn.recv_nonce = stored
        if isinstance(addr, tuple):
            conn.direct_recv = now
        conn.last_recv = now
        conn.packets_received += 1
        kind = body[0]
        if kind == PACKET_ID_KILL:
            self.kill(conn.public_key, now, CloseReason.PEER_KILLED, send_kill=False)
            return
        if conn.state == ConnState.NOT_CONFIRMED:
            conn.state = ConnState.ESTABLISHED
            conn.temp_packet = None
            conn.established_at = now
            conn.cc = Congestion(now)
            self.hooks.state(SessionChange(conn.public_key, conn.state), now)
            if conn.public_key not in self.conns:
                return
        acked = list(freed)
        if kind == PACKET_ID_REQUEST:
            if stale:
                # written against an older window start: its slot offsets no longer line up
                self._count("data: request packet overtaken by a newer acknowledgement")
                return
            for p in freed:  # the cumulative acknowledgement in this packet counts too
                if p.sends == 1 and p.sent_at is not None and p.sent_at > conn.latest_acked_sent:
                    conn.latest_acked_sent = p.sent_at
            more, marked, lost_sent_at = conn.send.handle_request(
                body, now, conn.resend_guard(), conn.latest_acked_sent
            )
            acked += more
            if marked and conn.cc is not None:
                conn.cc.on_congestion(now, lost_sent_at)
            conn.recv.set_end(number)
        elif LOSSLESS_START <= kind <= LOSSLESS_END:
            if not conn.recv.add(number, body):
                self._count("data: duplicate or outside the window")
            if conn.ack_due is None:
                conn.ack_due = now + ACK_DELAY
            for d in conn.recv.pop_ready():
                self.hooks.data(conn.public_key, d, now)
                if self.conns.get(conn.public_key) is not conn:
                    return
        elif LOSSY_START <= kind <= LOSSY_END:
            conn.recv.set_end(number)
            self.hooks.lossy(conn.public_key, body, now)
        else:
            self._reject("data: reserved packet id")
            return
        if acked:
            self._on_acked(conn, acked, now)
        if self.conns.get(conn.public_key) is conn:
            self._pump(conn, now)

    def _on_acked(self, conn: CryptoConnection, acked: list[SentPacket], now: float) -> None:
        for p in acked:
            if p.sends == 1 and p.sent_at is not None and p.sent_at > conn.latest_acked_sent:
                conn.latest_acked_sent = p.sent_at
            if p.sends == 1 and p.sent_at is not None:
                conn.add_rtt_sample(max(now - p.sent_at, 0.0001), now)
        if conn.cc is not None:
            conn.cc.on_acked(now, len(acked), in_flight=len(conn.send.slots) > conn.send.pending_count)
        self.hooks.acked(conn.public_key, now)

    # --- timers -------------------------------------------------------------------------------

    def get_timer(self) -> float | None:
        times = [t for t in (c.next_wake(self._now) for c in self.conns.values()) if t is not None]
        return min(times) if times else None

    def handle_timer(self, now: float) -> None:
        self._now = now
        for conn in list(self.conns.values()):
            if self.conns.get(conn.public_key) is conn:
                self._pump(conn, now)


UDP_PROBE_SIZE = 96  # c-toxcore: packets this short also go to the UDP address while relayed ...
UDP_PROBE_INTERVAL = 4.0  # ... at most this often


def _via_relay(peer_dht_key: bytes) -> RelayRoute:
    """A peer through whichever of our relays reaches it (the relay is picked when sending)."""
    return RelayRoute(b"", peer_dht_key)
