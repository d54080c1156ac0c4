"""Proxies for our TCP relay connections: SOCKS5 (RFC 1928, no authentication) and HTTP CONNECT.

`ProxySpec.parse("socks5://HOST:PORT")` or `"http://HOST:PORT"`.  A `Tunnel` is the negotiation
as a small state machine: `opening()` gives the first bytes to write to the proxy, `feed()` takes
what the proxy answers and returns (done, bytes to write next, bytes past the proxy's answer).
It raises `ProxyError` when the proxy refuses.

Names are never resolved here: the relay's host goes to the proxy as given, so with a host name
the proxy resolves it (SOCKS5 address type 3, or the CONNECT line).  c-toxcore resolves every
name locally first and leaks it to the local resolver; this does better for Tor users.  Unlike
c-toxcore, the SOCKS5 reply is read by its address type (a proxy may answer an IPv6 request with
an IPv4 address), and the HTTP answer up to its blank line, so no proxy bytes are taken for the
relay's handshake.
"""

from __future__ import annotations

import ipaddress
import struct

from toxgui.core.record import record

MAX_HTTP_ANSWER = 8192


class ProxyError(Exception):
    pass


@record(frozen=True, slots=True)
class ProxySpec:
    kind: str  # "socks5" or "http"
    host: str
    port: int

    @classmethod
    def parse(cls, text: str) -> ProxySpec:
        kind, sep, rest = text.partition("://")
        kind = kind.lower()
        if not sep or kind not in ("socks5", "http"):
            raise ValueError(f"proxy {text!r}: expected socks5://HOST:PORT or http://HOST:PORT")
        rest = rest.rstrip("/")
        if rest.startswith("["):
            host, _, port_s = rest[1:].partition("]:")
        else:
            host, _, port_s = rest.rpartition(":")
        try:
            port = int(port_s)
        except ValueError:
            port = 0
        if not host or not 0 < port < 65536:
            raise ValueError(f"proxy {text!r}: expected socks5://HOST:PORT or http://HOST:PORT")
        return cls(kind, host, port)

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.kind}://{host}:{self.port}"


class Tunnel:
    """Asking a proxy for a connection to (host, port)."""

    def __init__(self, spec: ProxySpec, host: str, port: int) -> None:
        self.spec = spec
        self.host = host
        self.port = port
        self._buf = bytearray()
        self._step = 0

    def opening(self) -> bytes:
        if self.spec.kind == "socks5":
            return b"\x05\x01\x00"  # version 5, one method: no authentication
        target = f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"
        return f"CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n\r\n".encode()

    def feed(self, data: bytes) -> tuple[bool, bytes, bytes]:
        self._buf += data
        if self.spec.kind == "socks5":
            return self._socks5()
        return self._http()

    def _socks5(self) -> tuple[bool, bytes, bytes]:
        buf = self._buf
        if self._step == 0:
            if len(buf) < 2:
                return False, b"", b""
            if buf[0] != 5 or buf[1] != 0:
                raise ProxyError("the SOCKS5 proxy wants authentication (not supported) or is not SOCKS5")
            del buf[:2]
            self._step = 1
            return False, self._socks5_request(), b""
        if len(buf) < 5:
            return False, b"", b""
        if buf[0] != 5:
            raise ProxyError("not a SOCKS5 answer")
        if buf[1] != 0:
            raise ProxyError(f"the SOCKS5 proxy refused the connection (code {buf[1]})")
        atyp = buf[3]
        if atyp == 1:
            need = 4 + 4 + 2
        elif atyp == 4:
            need = 4 + 16 + 2
        elif atyp == 3:
            need = 4 + 1 + buf[4] + 2
        else:
            raise ProxyError("a SOCKS5 answer with an unknown address type")
        if len(buf) < need:
            return False, b"", b""
        rest = bytes(buf[need:])
        buf.clear()
        return True, b"", rest

    def _socks5_request(self) -> bytes:
        port = struct.pack(">H", self.port)
        try:
            ip = ipaddress.ip_address(self.host)
        except ValueError:
            name = self.host.encode("idna")
            if not 0 < len(name) < 256:
                raise ProxyError("a host name too long for SOCKS5") from None
            return b"\x05\x01\x00\x03" + bytes([len(name)]) + name + port  # the proxy resolves it
        if isinstance(ip, ipaddress.IPv4Address):
            return b"\x05\x01\x00\x01" + ip.packed + port
        return b"\x05\x01\x00\x04" + ip.packed + port

    def _http(self) -> tuple[bool, bytes, bytes]:
        buf = self._buf
        end = buf.find(b"\r\n\r\n")
        if end < 0:
            if len(buf) > MAX_HTTP_ANSWER:
                raise ProxyError("an HTTP proxy answer without an end")
            return False, b"", b""
        status = bytes(buf[:buf.find(b"\r\n")]).split()
        if len(status) < 2 or not status[0].startswith(b"HTTP/") or status[1] != b"200":
            line = b" ".join(status).decode("latin-1")[:80]
            raise ProxyError(f"the HTTP proxy refused the connection: {line}")
        rest = bytes(buf[end + 4:])
        buf.clear()
        return True, b"", rest
