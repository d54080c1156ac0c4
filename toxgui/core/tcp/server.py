"""A TCP relay server (c-toxcore TCP_server.c 0.2.18), sans-I/O.

The glue owns the sockets and numbers each accepted connection; it calls `accept`, `receive`
and `closed`, and `tick` about once a second.  What the server does goes out through the
`RelaySink` it was given: bytes to write, connections to close, onion requests for the node's
onion relay (we are the client's node A; replies come back through `onion_reply`).

What a client may do, and what it costs it (the rules of c-toxcore's relay, which its clients
rely on):

* routing request for a DHT key: a slot 16..255 is reserved; when both sides have asked for each
  other, both get a connect notification and routed data flows (ids rewritten per side);
* routed data to a slot not in use, a disconnect for a slot not in use, a frame that does not
  decrypt, a too-long frame, a pong with id 0, a packet type a client never sends: the
  connection is closed;
* OOB to a key connected here is passed on with the sender's key; to any other key, dropped;
* pings every 30 s, closed without a pong within 10 s.

Better than c-toxcore, and harmless for its clients: a connection must finish its handshake
and send its first frame within 10 s (c-toxcore keeps half-open connections until a ring of 256
wraps round), the number of connections is capped (at the cap, the oldest half-open one is
dropped for a new one; only when every connection is a client is a new one refused), and so is
what each one may have waiting to be written: past a soft limit, data is dropped (the
end-to-end protocols resend); past a hard limit, the slow reader is disconnected.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import field
from typing import Protocol

from toxgui.core.crypto import KeyPair, Rng, precompute, rand_u64
from toxgui.core.errors import ProtocolError
from toxgui.core.record import record
from toxgui.core.tcp import protocol as T
from toxgui.core.tcp.protocol import Tcp
from toxgui.core.wire import NONCE_SIZE, PUBLIC_KEY_SIZE, Addr, TcpClient


class RelaySink(Protocol):
    def write(self, number: int, data: bytes) -> None: ...

    def close(self, number: int) -> None: ...

    def backlog(self, number: int) -> int:
        """Bytes accepted for `number` and not yet written to its socket."""
        ...

    def onion_request(self, request: bytes, client: TcpClient, source: Addr) -> None:
        """Be node A for this client's onion request (may raise ProtocolError)."""
        ...


@record
class RelayLimits:
    max_connections: int = 512
    soft_backlog: int = 64 * 1024  # data frames are dropped while this much waits to be written
    hard_backlog: int = 256 * 1024  # ... and the connection is closed past this
    handshake_timeout: float = T.HANDSHAKE_TIMEOUT
    ping_interval: float = T.PING_INTERVAL
    ping_timeout: float = T.PING_TIMEOUT


HANDSHAKING, UNCONFIRMED, CONFIRMED = 0, 1, 2


@record(eq=False, slots=True)
class _Slot:
    peer_pk: bytes
    other: _Conn | None = None  # set while online: the peer's connection ...
    other_id: int = 0  # ... and its id for us there


@record(eq=False)
class _Conn:
    number: int
    peer: Addr
    created: float
    ident: int
    state: int = HANDSHAKING
    hs: bytearray = field(default_factory=bytearray)
    stream: T.SecureStream | None = None
    pk: bytes = b""
    slots: list[_Slot | None] = field(default_factory=lambda: [None] * T.NUM_CLIENT_CONNECTIONS)
    ping_id: bytes | None = None
    ping_at: float = 0.0  # when the next ping is due, or when the one out times out
    closed: bool = False


class RelayServer:
    """The relay's state: every connection, and who is routed to whom."""

    def __init__(self, keys: KeyPair, rng: Rng, sink: RelaySink, limits: RelayLimits | None = None) -> None:
        self.keys = keys  # our DHT key pair: a relay's key is its DHT key
        self.rng = rng
        self.sink = sink
        self.limits = limits or RelayLimits()
        self._conns: dict[int, _Conn] = {}
        self._by_pk: dict[bytes, _Conn] = {}  # confirmed clients by their DHT key
        self.counters: Counter[str] = Counter()  # fixed keys only

    # --- what the glue calls ----------------------------------------------------------------

    @property
    def connections(self) -> int:
        return len(self._conns)

    @property
    def clients(self) -> int:
        """Connections past the handshake."""
        return len(self._by_pk)

    def accept(self, number: int, peer: Addr, now: float) -> bool:
        """A new TCP connection; False: refuse it (close it at once).  At the cap, the oldest
        connection still in its handshake makes room (as c-toxcore's ring of half-open
        connections does), so a flood of connections that never finish cannot lock out clients."""
        if len(self._conns) >= self.limits.max_connections:
            oldest = next((c for c in self._conns.values() if c.state != CONFIRMED), None)
            if oldest is None:
                self.counters["refused: too many connections"] += 1
                return False
            self._kill(oldest, "evicted while half-open")
        self._conns[number] = _Conn(number, peer, now, rand_u64(self.rng))
        self.counters["accepted"] += 1
        return True

    def receive(self, number: int, data: bytes, now: float) -> None:
        c = self._conns.get(number)
        if c is None:
            return
        try:
            if c.state == HANDSHAKING:
                need = T.CLIENT_HANDSHAKE_SIZE - len(c.hs)
                c.hs += data[:need]
                data = data[need:]
                if len(c.hs) < T.CLIENT_HANDSHAKE_SIZE:
                    return
                self._handshake(c)
            if data and c.stream is not None:
                for payload in c.stream.feed(data):
                    if c.closed:
                        return
                    if c.state == UNCONFIRMED:
                        self._confirm(c, now)
                    self._packet(c, payload, now)
        except ProtocolError as e:
            self._kill(c, e.code)

    def closed(self, number: int) -> None:
        """The socket is gone (the peer closed it, or an error)."""
        c = self._conns.get(number)
        if c is not None:
            self._forget(c)

    def onion_reply(self, client: TcpClient, reply: bytes) -> None:
        """A 0x84/0x86 reply whose return path names one of our clients."""
        c = self._conns.get(client.number)
        if c is None or c.ident != client.ident or c.state != CONFIRMED or not reply:
            self.counters["onion reply: client gone"] += 1
            return
        if reply[0] not in (0x84, 0x86) or len(reply) > T.MAX_PAYLOAD - 1:
            self.counters["onion reply: malformed"] += 1
            return
        self._send(c, T.onion_response(reply), priority=False)
        self.counters["onion replies"] += 1

    def tick(self, now: float) -> None:
        """Handshake deadlines, pings and ping timeouts (call about once a second)."""
        lim = self.limits
        for c in list(self._conns.values()):
            if c.state != CONFIRMED:
                if now - c.created >= lim.handshake_timeout:
                    self._kill(c, "handshake timeout")
            elif now >= c.ping_at:
                if c.ping_id is not None:
                    self._kill(c, "ping timeout")
                else:
                    c.ping_id = self._new_ping_id()
                    c.ping_at = now + lim.ping_timeout
                    self._send(c, T.ping(c.ping_id), priority=True)

    def status(self) -> dict[str, int]:
        routed = sum(1 for c in self._by_pk.values() for s in c.slots if s is not None and s.other is not None)
        return {"connections": len(self._conns), "clients": len(self._by_pk), "links": routed // 2}

    # --- handshake ----------------------------------------------------------------------------

    def _handshake(self, c: _Conn) -> None:
        hello = T.open_client_handshake(bytes(c.hs), self.keys)
        c.hs = bytearray()
        temp, base_nonce = T.new_temp(self.rng)
        shared = precompute(hello.temp_pk, temp.secret)
        c.pk = hello.client_pk
        c.stream = T.SecureStream(shared, send_nonce=base_nonce, recv_nonce=hello.base_nonce)
        c.state = UNCONFIRMED
        self.sink.write(c.number, T.server_handshake(self.keys, c.pk, temp, base_nonce, self.rng.bytes(NONCE_SIZE)))

    def _confirm(self, c: _Conn, now: float) -> None:
        old = self._by_pk.get(c.pk)
        if old is not None:
            self._kill(old, "replaced by a newer connection")
        c.state = CONFIRMED
        c.ping_at = now + self.limits.ping_interval
        self._by_pk[c.pk] = c
        self.counters["confirmed"] += 1

    def _new_ping_id(self) -> bytes:
        while True:
            pid = self.rng.bytes(8)
            if pid != bytes(8):
                return pid

    # --- packets from a client ----------------------------------------------------------------

    def _packet(self, c: _Conn, p: bytes, now: float) -> None:
        kind = p[0]
        n = len(p)
        if kind >= T.FIRST_CONNECTION_ID:
            self._routed(c, kind, p[1:])
        elif kind == Tcp.ROUTING_REQUEST:
            if n != 1 + PUBLIC_KEY_SIZE:
                raise ProtocolError("routing request size", code="tcp routing request size")
            self._route(c, p[1:])
        elif kind == Tcp.CONNECT_NOTIFICATION:
            if n != 2:
                raise ProtocolError("connect notification size", code="tcp notification size")
        elif kind == Tcp.DISCONNECT_NOTIFICATION:
            if n != 2:
                raise ProtocolError("disconnect notification size", code="tcp notification size")
            self._unroute(c, p[1])
        elif kind == Tcp.PING:
            if n != 9:
                raise ProtocolError("ping size", code="tcp ping size")
            self._send(c, T.pong(p[1:]), priority=True)
        elif kind == Tcp.PONG:
            if n != 9:
                raise ProtocolError("pong size", code="tcp ping size")
            if p[1:] == bytes(8):
                raise ProtocolError("pong with id 0", code="tcp pong 0")
            if c.ping_id is not None and p[1:] == c.ping_id:
                c.ping_id = None
                c.ping_at = now + self.limits.ping_interval
        elif kind == Tcp.OOB_SEND:
            if not 1 + PUBLIC_KEY_SIZE < n <= 1 + PUBLIC_KEY_SIZE + T.MAX_OOB_DATA:
                raise ProtocolError("OOB size", code="tcp oob size")
            dest = self._by_pk.get(p[1:1 + PUBLIC_KEY_SIZE])
            if dest is None or dest is c:
                self.counters["oob: destination not here"] += 1
                return
            if self._send(dest, T.oob_recv(c.pk, p[1 + PUBLIC_KEY_SIZE:]), priority=False):
                self.counters["oob relayed"] += 1
        elif kind == Tcp.ONION_REQUEST:
            if n < T.ONION_REQUEST_MIN:
                raise ProtocolError("onion request too short", code="tcp onion request size")
            try:
                self.sink.onion_request(p[1:], TcpClient(c.number, c.ident), c.peer)
                self.counters["onion requests"] += 1
            except ProtocolError:
                self.counters["onion request: refused"] += 1
        elif kind == Tcp.FORWARD_REQUEST:
            self.counters["forward request: not served"] += 1  # NGC announcements: not ours to run
        else:  # 1, 9, 11, 12..15: nothing a client sends
            raise ProtocolError("packet a client never sends", code="tcp unexpected packet")

    def _route(self, c: _Conn, pk: bytes) -> None:
        if pk == c.pk:
            self._send(c, T.routing_response(0, pk), priority=True)
            return
        free = None
        for i, s in enumerate(c.slots):
            if s is not None and s.peer_pk == pk:
                self._send(c, T.routing_response(i + T.FIRST_CONNECTION_ID, pk), priority=True)
                return
            if s is None and free is None:
                free = i
        if free is None:
            self.counters["routing: no free slot"] += 1
            self._send(c, T.routing_response(0, pk), priority=True)
            return
        slot = c.slots[free] = _Slot(pk)
        my_id = free + T.FIRST_CONNECTION_ID
        self._send(c, T.routing_response(my_id, pk), priority=True)
        other = self._by_pk.get(pk)
        if other is None or other.closed:
            return
        for j, s in enumerate(other.slots):
            if s is not None and s.peer_pk == c.pk:
                other_id = j + T.FIRST_CONNECTION_ID
                slot.other, slot.other_id = other, other_id
                s.other, s.other_id = c, my_id
                self._send(c, T.connect_notification(my_id), priority=True)
                self._send(other, T.connect_notification(other_id), priority=True)
                self.counters["links made"] += 1
                return

    def _unroute(self, c: _Conn, conn_id: int) -> None:
        i = conn_id - T.FIRST_CONNECTION_ID
        if i < 0 or c.slots[i] is None:
            raise ProtocolError("disconnect for a slot not in use", code="tcp bad slot")
        slot = c.slots[i]
        c.slots[i] = None
        assert slot is not None
        self._offline(slot)

    def _offline(self, slot: _Slot) -> None:
        """Tell the other end of an online slot that it is gone; its slot stays registered."""
        other = slot.other
        slot.other = None
        if other is None or other.closed:
            return
        theirs = other.slots[slot.other_id - T.FIRST_CONNECTION_ID]
        if theirs is not None:
            theirs.other = None
            self._send(other, T.disconnect_notification(slot.other_id), priority=True)

    def _routed(self, c: _Conn, conn_id: int, data: bytes) -> None:
        slot = c.slots[conn_id - T.FIRST_CONNECTION_ID]
        if slot is None:
            raise ProtocolError("data for a slot not in use", code="tcp bad slot")
        if slot.other is None or not data:
            self.counters["routed: peer not online"] += 1
            return
        if self._send(slot.other, T.routed(slot.other_id, data), priority=False):
            self.counters["routed"] += 1

    # --- writing and closing --------------------------------------------------------------------

    def _send(self, c: _Conn, payload: bytes, priority: bool) -> bool:
        if c.closed or c.stream is None:
            return False
        backlog = self.sink.backlog(c.number)
        if backlog > self.limits.hard_backlog:
            self._kill(c, "slow reader")
            return False
        if not priority and backlog > self.limits.soft_backlog:
            self.counters["dropped: backlog"] += 1
            return False
        self.sink.write(c.number, c.stream.seal(payload))
        return True

    def _kill(self, c: _Conn, reason: str) -> None:
        if c.closed:
            return
        self.counters[f"closed: {reason}"] += 1
        self._forget(c)
        self.sink.close(c.number)

    def _forget(self, c: _Conn) -> None:
        if c.closed:
            return
        c.closed = True
        self._conns.pop(c.number, None)
        if self._by_pk.get(c.pk) is c:
            del self._by_pk[c.pk]
        for s in c.slots:
            if s is not None:
                self._offline(s)
        c.slots = []
