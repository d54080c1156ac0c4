"""Routing onion packets for others: nodes A, B and C of somebody else's path.

A request layer (0x80, 0x81, 0x82) is peeled with our DHT key and forwarded with a return block
sealed under our relay secret; a response layer (0x8c, 0x8d, 0x8e) opens that block and goes
back one hop.  Node C forwards only 0x83/0x85 payloads, and every hop passes back only 0x84/0x86
replies (the codecs enforce both).  The relay secret rotates every 2 h (c-toxcore onion.c); the
previous one is still tried so replies in flight at the switch are not lost.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import TypeVar

from toxgui.core.context import NodeContext
from toxgui.core.errors import ProtocolError
from toxgui.core.onion.constants import RELAY_SECRET_LIFETIME
from toxgui.core.packets import onion as P
from toxgui.core.packets.kinds import PacketKind
from toxgui.core.wire import NONCE_SIZE, SYMMETRIC_KEY_SIZE, Addr, TcpClient, is_lan

REQUEST_KINDS = (PacketKind.ONION_SEND_INITIAL, PacketKind.ONION_SEND_1, PacketKind.ONION_SEND_2)
RESPONSE_KINDS = (PacketKind.ONION_RECV_3, PacketKind.ONION_RECV_2, PacketKind.ONION_RECV_1)



def forwardable(dest: Addr, source: Addr) -> bool:
    """Where a relay may send what a peer asked it to: never to port 0 or to an address no
    host has (unspecified, multicast, broadcast), and never from the internet into a private
    network (a LAN or loopback destination only for a sender on a LAN or loopback address).
    c-toxcore forwards anywhere; refusing these costs honest peers nothing."""
    host, port = dest
    if port == 0:
        return False
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    if ip.is_unspecified or ip.is_multicast or host == "255.255.255.255":
        return False
    return not is_lan(host) or is_lan(source[0])

R = TypeVar("R")
T = TypeVar("T")


class OnionRelay:
    def __init__(self, ctx: NodeContext) -> None:
        self.ctx = ctx
        self._secret = ctx.rng.bytes(SYMMETRIC_KEY_SIZE)
        self._previous: bytes | None = None
        self._rotated_at: float | None = None
        self.relayed = 0
        self.refused = 0  # requests to a destination a relay must not forward to

    # --- secret rotation ------------------------------------------------------------------------

    def _rotate(self, now: float) -> None:
        if self._rotated_at is None:
            self._rotated_at = now
        elif now - self._rotated_at >= RELAY_SECRET_LIFETIME:
            self._previous = self._secret
            self._secret = self.ctx.rng.bytes(SYMMETRIC_KEY_SIZE)
            self._rotated_at = now

    def get_timer(self) -> float | None:
        return None if self._rotated_at is None else self._rotated_at + RELAY_SECRET_LIFETIME

    def handle_timer(self, now: float) -> None:
        self._rotate(now)

    def _open(self, fn: Callable[[R, bytes], T], packet: R) -> T:
        """Open with the current relay secret, else with the one it replaced."""
        try:
            return fn(packet, self._secret)
        except ProtocolError:
            if self._previous is None:
                raise
            return fn(packet, self._previous)

    # --- handlers -------------------------------------------------------------------------------

    def handle_request(self, data: bytes, addr: Addr, now: float) -> None:
        self._rotate(now)
        ctx = self.ctx
        nonce = ctx.rng.bytes(NONCE_SIZE)
        kind = data[0]
        out: bytes
        if kind == PacketKind.ONION_SEND_INITIAL:
            to, p1 = P.relay_request_0(P.OnionRequest0.decode(data), ctx.dht_keys, self._secret, addr, nonce,
                                       ctx.keys)
            out = p1.encode()
        elif kind == PacketKind.ONION_SEND_1:
            to, p2 = P.relay_request_1(P.OnionRequest1.decode(data), ctx.dht_keys, self._secret, addr, nonce,
                                       ctx.keys)
            out = p2.encode()
        else:
            to, out = P.relay_request_2(P.OnionRequest2.decode(data), ctx.dht_keys, self._secret, addr, nonce,
                                        ctx.keys)
        if not forwardable(to, addr):
            self.refused += 1
            raise ProtocolError("onion relay destination refused", code="relay destination refused")
        self.relayed += 1
        ctx.send(out, to)

    def handle_response(self, data: bytes, addr: Addr, now: float) -> None:
        self._rotate(now)
        kind = data[0]
        out: bytes
        if kind == PacketKind.ONION_RECV_3:
            to, r2 = self._open(P.relay_response_3, P.OnionResponse3.decode(data))
            out = r2.encode()
        elif kind == PacketKind.ONION_RECV_2:
            to, r1 = self._open(P.relay_response_2, P.OnionResponse2.decode(data))
            out = r1.encode()
        else:
            back, out = self._open(P.relay_response_1, P.OnionResponse1.decode(data))
            self.relayed += 1
            self.ctx.send(out, back)  # a UDP address, or a client of our TCP relay
            return
        self.relayed += 1
        self.ctx.send(out, to)

    def handle_tcp_request(self, request: bytes, client: TcpClient, source: Addr, now: float) -> None:
        """A client of our TCP relay asks us to be node A of its path (payload 8 of the TCP
        protocol, without the id byte); `source` is its TCP address, for the same destination
        rules as over UDP.  The reply comes back as a 0x8e whose RET1 names the client."""
        self._rotate(now)
        to, p1 = P.relay_tcp_request(request, self._secret, client, self.ctx.rng.bytes(NONCE_SIZE))
        if not forwardable(to, source):
            self.refused += 1
            raise ProtocolError("onion relay destination refused", code="relay destination refused")
        self.relayed += 1
        self.ctx.send(p1.encode(), to)
