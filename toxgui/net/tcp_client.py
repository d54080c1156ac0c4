"""Our TCP connections to relays, on the event loop: the sockets behind the core's
`TcpConnections` (toxgui/core/tcp/client.py).

With a proxy (SOCKS5 or HTTP CONNECT, toxgui/net/proxy.py) every connection is a tunnel
through it, negotiated before the node is told the connection is open.

After every pump the node's commands are carried out (open connection N to HOST:PORT, close N);
bytes the node sends to `TcpStream(N)` are written to that socket, and what arrives is handed
back with `node.tcp_received`.  Connecting is bounded by the core's 10 s handshake deadline.
"""

from __future__ import annotations

import asyncio
import logging

from toxgui.core.context import Route, TcpStream
from toxgui.net.proxy import ProxyError, ProxySpec, Tunnel
from toxgui.net.runtime import ToxRuntime

log = logging.getLogger(__name__)


class _Stream(asyncio.Protocol):
    def __init__(self, glue: TcpRelayConnections, number: int, tunnel: Tunnel | None) -> None:
        self.glue = glue
        self.number = number
        self.transport: asyncio.Transport | None = None
        self.tunnel = tunnel  # the proxy negotiation, until it is done

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        if self.tunnel is not None:
            transport.write(self.tunnel.opening())
            return
        self._opened()

    def _opened(self) -> None:
        rt = self.glue.runtime
        rt.node.tcp_opened(self.number, rt.now)
        rt.pump()

    def data_received(self, data: bytes) -> None:
        if self.tunnel is not None:
            try:
                done, reply, data = self.tunnel.feed(data)
            except ProxyError as e:
                log.info("TCP relay through %s: %s", self.tunnel.spec, e)
                self.glue.proxy_refusals += 1
                self.tunnel = None
                if self.transport is not None:
                    self.transport.abort()
                return
            if reply and self.transport is not None:
                self.transport.write(reply)
            if not done:
                return
            self.tunnel = None
            self._opened()
            if not data:
                return
        rt = self.glue.runtime
        rt.node.tcp_received(self.number, data, rt.now)
        rt.pump()

    def connection_lost(self, exc: Exception | None) -> None:
        glue = self.glue
        if glue._streams.pop(self.number, None) is not None:
            rt = glue.runtime
            rt.node.tcp_closed(self.number, rt.now, "connection lost")
            rt.pump()


class TcpRelayConnections:
    """The glue for outgoing relay connections of one runtime."""

    def __init__(self, runtime: ToxRuntime, proxy: ProxySpec | None = None) -> None:
        self.runtime = runtime
        self.proxy = proxy  # every relay connection goes through it
        self.proxy_refusals = 0
        self._streams: dict[int, _Stream] = {}
        self._connecting: dict[int, asyncio.Task[None]] = {}
        runtime.register_transport(TcpStream, self._write)
        runtime.add_pump_hook(self._commands)

    def _commands(self) -> None:
        for what, number, host, port in self.runtime.node.tcp_commands():
            if what == "open":
                self._connecting[number] = asyncio.get_running_loop().create_task(self._open(number, host, port))
            else:
                self._close(number)

    async def _open(self, number: int, host: str, port: int) -> None:
        loop = asyncio.get_running_loop()
        proxy = self.proxy
        stream = _Stream(self, number, None if proxy is None else Tunnel(proxy, host, port))
        self._streams[number] = stream
        try:
            if proxy is None:
                await loop.create_connection(lambda: stream, host, port)
            else:
                await loop.create_connection(lambda: stream, proxy.host, proxy.port)
        except OSError as e:
            log.debug("TCP relay %s:%d: %s", host, port, e)
            if self._streams.pop(number, None) is not None:
                rt = self.runtime
                rt.node.tcp_closed(number, rt.now, "connection refused" if isinstance(e, ConnectionRefusedError)
                                   else "connect failed")
                rt.pump()
        finally:
            self._connecting.pop(number, None)

    def _write(self, data: bytes, route: Route) -> None:
        assert isinstance(route, TcpStream)
        s = self._streams.get(route.number)
        if s is not None and s.transport is not None and not s.transport.is_closing():
            s.transport.write(data)

    def _close(self, number: int) -> None:
        task = self._connecting.pop(number, None)
        if task is not None:
            task.cancel()
        s = self._streams.pop(number, None)
        if s is not None and s.transport is not None:
            s.transport.abort()

    async def stop(self) -> None:
        """Close every connection, after what is already written (the goodbye) went out."""
        for task in list(self._connecting.values()):
            task.cancel()
        self._connecting.clear()
        streams = list(self._streams.values())
        self._streams.clear()
        for st in streams:
            if st.transport is not None:
                st.transport.close()
