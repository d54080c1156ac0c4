"""The asyncio runtime: the transports, one timer handle, the sans-I/O node fed from them.

The node sends to and receives from `Route`s.  A UDP address (a `(host, port)` tuple) goes out
on the runtime's UDP socket; any other kind of route goes to the transport registered for its
type (`register_transport`), and a transport hands what it receives to `deliver`, so every
transport feeds the same node.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import Callable

from toxgui.core.context import Route
from toxgui.core.events import Event
from toxgui.core.node import ToxNode

TransportSend = Callable[[bytes, Route], None]

log = logging.getLogger(__name__)

PORT_RANGE = (33445, 33545)
# Datagrams read per wake-up of the loop: asyncio reads one per callback, so under load most of a
# datagram's cost was the loop's round and a pump; reading what is already queued (at most this
# many) and pumping once keeps a fast sender from overflowing the socket buffer.
RECV_BATCH = 64
RECV_SIZE = 65536


class _Protocol(asyncio.DatagramProtocol):
    def __init__(self, runtime: ToxRuntime) -> None:
        self.runtime = runtime

    def datagram_received(self, data: bytes, addr: tuple[str | int, ...]) -> None:
        self.runtime._on_datagram(data, addr)

    def error_received(self, exc: Exception) -> None:
        log.debug("UDP error: %s", exc)


class ToxRuntime:
    """Drives a ToxNode on the running asyncio loop (plain asyncio or qasync)."""

    def __init__(
        self,
        node: ToxNode,
        port: int | None = None,
        bind_host: str | None = None,
        ipv6: bool = False,
    ) -> None:
        self.node = node
        self.port = port
        self.ipv6 = ipv6
        self.bind_host = bind_host if bind_host is not None else ("::" if ipv6 else "0.0.0.0")
        self.transport: asyncio.DatagramTransport | None = None
        self._sock: socket.socket | None = None
        self.udp_port: int = 0
        self._timer: asyncio.Handle | None = None
        self._timer_when: float | None = None
        self._subscribers: list[Callable[[Event], None]] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._transports: dict[type, TransportSend] = {}
        self.unroutable = 0  # datagrams for a kind of route no transport serves
        self._pump_hooks: list[Callable[[], None]] = []
        self._running = False

    def register_transport(self, route_type: type, send: TransportSend) -> None:
        """Datagrams the node sends to a route of `route_type` go to `send(data, route)`."""
        self._transports[route_type] = send

    def add_pump_hook(self, fn: Callable[[], None]) -> None:
        """`fn()` runs in every pump, after the node's datagrams went out (the TCP glue takes the
        node's connection commands there)."""
        self._pump_hooks.append(fn)

    def deliver(self, data: bytes, route: Route) -> None:
        """A datagram that arrived on a registered transport, from `route`."""
        self.node.receive_datagram(data, route, self.now)
        self.pump()

    def subscribe(self, fn: Callable[[Event], None]) -> None:
        self._subscribers.append(fn)

    @property
    def now(self) -> float:
        assert self._loop is not None
        return self._loop.time()

    async def start(self) -> int:
        self._loop = asyncio.get_running_loop()
        if not self.node.config.udp:  # --no-udp: no socket at all, only TCP relays
            self._running = True
            self.udp_port = 0
            self.pump()
            return 0
        ports = [self.port] if self.port else list(range(PORT_RANGE[0], PORT_RANGE[1] + 1))
        last: OSError | None = None
        for p in ports:
            try:
                sock = self._make_socket(p)
            except OSError as e:
                last = e
                continue
            self.transport, _ = await self._loop.create_datagram_endpoint(
                lambda: _Protocol(self), sock=sock
            )
            self._sock = sock
            self.udp_port = sock.getsockname()[1]
            self.node.set_local_address(self.bind_host, self.udp_port)
            self._running = True
            self.pump()
            return self.udp_port
        raise OSError(f"no free UDP port in {ports[0]}..{ports[-1]}: {last}")

    def _make_socket(self, port: int) -> socket.socket:
        family = socket.AF_INET6 if is_v6(self.bind_host) else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_DGRAM)
        try:
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 23)
            sock.bind((self.bind_host, port))
            sock.setblocking(False)
        except OSError:
            sock.close()
            raise
        return sock

    async def stop(self, goodbye: bool = True) -> None:
        """Stop; with `goodbye`, first a kill packet on every session (c-toxcore's tox_kill), so
        friends see us offline at once."""
        if self._timer:
            self._timer.cancel()
            self._timer = None
        if self._running:
            if goodbye and self._loop is not None:
                self.node.shutdown(self.now)
            self.pump()
            if self._timer:
                self._timer.cancel()
                self._timer = None
            self._running = False
        if self.transport:
            self.transport.close()
            self.transport = None
            self._sock = None

    def _on_datagram(self, data: bytes, addr: tuple[str | int, ...]) -> None:
        node, loop = self.node, self._loop
        assert loop is not None
        node.receive_datagram(data, (str(addr[0]), int(addr[1])), loop.time())
        sock = self._sock
        if sock is not None:
            for _ in range(RECV_BATCH - 1):
                try:
                    data, addr = sock.recvfrom(RECV_SIZE)
                except OSError:  # drained (BlockingIOError); the transport reports real errors
                    break
                node.receive_datagram(data, (str(addr[0]), int(addr[1])), loop.time())
        self.pump()

    def _fire(self) -> None:
        self._timer = None
        self.node.handle_timer(self.now)
        self.pump()

    def _send_queued(self) -> None:
        v6 = is_v6(self.bind_host)
        for data, route in self.node.datagrams_to_send():
            if not isinstance(route, tuple):
                send = self._transports.get(type(route))
                if send is None:
                    self.unroutable += 1
                else:
                    send(data, route)
                continue
            if self.transport is None:
                self.unroutable += 1
                continue
            dest = route
            if v6 and not is_v6(route[0]):
                dest = ("::ffff:" + route[0], route[1])
            try:
                self.transport.sendto(data, dest)
            except OSError as e:  # unreachable family, buffer full: the protocol retries
                log.debug("sendto %s failed: %s", route, e)

    def pump(self) -> None:
        """Send what the node queued, deliver its events (a subscriber may queue more: that is
        sent too) and re-arm the one timer."""
        if not self._running or self._loop is None:
            return
        self._send_queued()
        delivered = False
        while (ev := self.node.next_event()) is not None:
            delivered = True
            for fn in self._subscribers:
                try:
                    fn(ev)
                except Exception:
                    log.exception("event subscriber failed on %s", type(ev).__name__)
        if delivered:
            self._send_queued()
        for hook in self._pump_hooks:
            hook()
        deadline = self.node.get_timer()
        # qasync's handles have no when(): remember the deadline the timer was armed for.
        if self._timer is not None and deadline != self._timer_when:
            self._timer.cancel()
            self._timer = None
        if deadline is not None and self._timer is None:
            self._timer_when = deadline
            self._timer = self._loop.call_at(max(deadline, self._loop.time()), self._fire)


def is_v6(host: str) -> bool:
    return ":" in host
