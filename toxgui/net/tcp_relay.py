"""Our TCP relay on the event loop: one listening socket, one asyncio Protocol per connection,
all feeding the sans-I/O `RelayServer` (toxgui/core/tcp/server.py).

The relay's key is the node's DHT key (as with tox-bootstrapd and c-toxcore's in-client relay),
so it changes on every start.  Onion requests from its clients go to the node's onion relay (we
are their node A); the replies come back as datagrams for a `TcpClient` route, which this
module registers with the runtime.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging

from toxgui.core.crypto import SystemRng
from toxgui.core.errors import ProtocolError
from toxgui.core.tcp.server import RelayLimits, RelayServer
from toxgui.core.wire import Addr, TcpClient, normalize_host
from toxgui.net.runtime import ToxRuntime

log = logging.getLogger(__name__)

TICK = 1.0  # handshake deadlines and pings are checked this often
LISTEN_BACKLOG = 256


class _Conn(asyncio.Protocol):
    def __init__(self, relay: TcpRelay) -> None:
        self.relay = relay
        self.number = next(relay._numbers)
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        peer = transport.get_extra_info("peername") or ("0.0.0.0", 0)
        try:
            host = normalize_host(str(peer[0]))
        except ProtocolError:
            host = "0.0.0.0"
        relay = self.relay
        if not relay.server.accept(self.number, (host, int(peer[1])), relay.runtime.now):
            transport.abort()
            return
        relay._conns[self.number] = self

    def data_received(self, data: bytes) -> None:
        self.relay.server.receive(self.number, data, self.relay.runtime.now)
        self.relay.runtime.pump()  # onion requests the node was given

    def connection_lost(self, exc: Exception | None) -> None:
        relay = self.relay
        if relay._conns.pop(self.number, None) is not None:
            relay.server.closed(self.number)


class TcpRelay:
    """`--tcp-relay-port`: a relay for anyone, on the node's DHT key."""

    def __init__(self, runtime: ToxRuntime, port: int, host: str | None = None,
                 limits: RelayLimits | None = None) -> None:
        self.runtime = runtime
        self.port = port
        self.host = host if host is not None else runtime.bind_host
        self.server = RelayServer(runtime.node.ctx.dht_keys, SystemRng(), self, limits)
        self._numbers = itertools.count(1)
        self._conns: dict[int, _Conn] = {}
        self._listener: asyncio.Server | None = None
        self._tick: asyncio.TimerHandle | None = None
        self.onion_refused = 0

    @property
    def public_key(self) -> bytes:
        return self.runtime.node.dht_public_key

    async def start(self) -> int:
        loop = asyncio.get_running_loop()
        self._listener = await loop.create_server(lambda: _Conn(self), self.host, self.port, backlog=LISTEN_BACKLOG,
                                                  reuse_address=True)
        self.port = self._listener.sockets[0].getsockname()[1]
        self.runtime.register_transport(TcpClient, self._onion_reply)
        self._tick = loop.call_later(TICK, self._on_tick)
        log.info("TCP relay listening on %s:%d", self.host, self.port)
        return self.port

    async def stop(self) -> None:
        if self._tick is not None:
            self._tick.cancel()
            self._tick = None
        if self._listener is not None:
            self._listener.close()
            for c in list(self._conns.values()):
                if c.transport is not None:
                    c.transport.abort()
            self._conns.clear()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._listener.wait_closed(), 2.0)
            self._listener = None

    def status(self) -> dict[str, object]:
        return {"port": self.port, "public_key": self.public_key.hex().upper(), **self.server.status(),
                "counters": dict(self.server.counters)}

    def _on_tick(self) -> None:
        self.server.tick(self.runtime.now)
        self._tick = asyncio.get_running_loop().call_later(TICK, self._on_tick)

    def _onion_reply(self, data: bytes, route: object) -> None:
        assert isinstance(route, TcpClient)
        self.server.onion_reply(route, data)

    # --- RelaySink ----------------------------------------------------------------------------

    def write(self, number: int, data: bytes) -> None:
        c = self._conns.get(number)
        if c is not None and c.transport is not None:
            c.transport.write(data)

    def close(self, number: int) -> None:
        c = self._conns.pop(number, None)
        if c is not None and c.transport is not None:
            c.transport.abort()

    def backlog(self, number: int) -> int:
        c = self._conns.get(number)
        return 0 if c is None or c.transport is None else c.transport.get_write_buffer_size()

    def onion_request(self, request: bytes, client: TcpClient, source: Addr) -> None:
        self.runtime.node.onion.relay.handle_tcp_request(request, client, source, self.runtime.now)
