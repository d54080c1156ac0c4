"""The proxy negotiation (SOCKS5 and HTTP CONNECT) byte by byte, and proxy URLs."""

from __future__ import annotations

import pytest

from toxgui.net.proxy import ProxyError, ProxySpec, Tunnel


def test_proxy_urls() -> None:
    assert ProxySpec.parse("socks5://127.0.0.1:1080") == ProxySpec("socks5", "127.0.0.1", 1080)
    assert ProxySpec.parse("HTTP://[::1]:8888/") == ProxySpec("http", "::1", 8888)
    assert str(ProxySpec("http", "::1", 8888)) == "http://[::1]:8888"
    for bad in ("socks4://h:1", "127.0.0.1:1080", "socks5://h", "socks5://h:0", "http://:80", "socks5://h:x"):
        with pytest.raises(ValueError):
            ProxySpec.parse(bad)


def test_socks5_with_an_ip_and_a_name_the_proxy_resolves() -> None:
    t = Tunnel(ProxySpec("socks5", "p", 1), "127.0.0.1", 33445)
    assert t.opening() == b"\x05\x01\x00"
    assert t.feed(b"\x05") == (False, b"", b"")
    assert t.feed(b"\x00") == (False, b"\x05\x01\x00\x01\x7f\x00\x00\x01\x82\xa5", b"")
    # an answer with an IPv6 bound address, read by its type, then the relay's first bytes
    done, reply, rest = t.feed(b"\x05\x00\x00\x04" + bytes(16) + b"\x00\x00" + b"relay")
    assert (done, reply, rest) == (True, b"", b"relay")
    t = Tunnel(ProxySpec("socks5", "p", 1), "relay.example", 443)
    t.feed(b"\x05\x00")
    t2 = Tunnel(ProxySpec("socks5", "p", 1), "relay.example", 443)
    assert t2.feed(b"\x05\x00")[1] == b"\x05\x01\x00\x03\x0drelay.example\x01\xbb"
    v6 = Tunnel(ProxySpec("socks5", "p", 1), "::1", 80)
    assert v6.feed(b"\x05\x00")[1] == b"\x05\x01\x00\x04" + bytes(15) + b"\x01\x00\x50"


@pytest.mark.parametrize("answer", [b"\x05\xff", b"\x04\x00"])
def test_socks5_refusals(answer: bytes) -> None:
    with pytest.raises(ProxyError):
        Tunnel(ProxySpec("socks5", "p", 1), "127.0.0.1", 1).feed(answer)


def test_socks5_connect_refused() -> None:
    t = Tunnel(ProxySpec("socks5", "p", 1), "127.0.0.1", 1)
    t.feed(b"\x05\x00")
    with pytest.raises(ProxyError, match="code 5"):
        t.feed(b"\x05\x05\x00\x01" + bytes(6))


def test_http_connect() -> None:
    t = Tunnel(ProxySpec("http", "p", 1), "::1", 443)
    assert t.opening() == b"CONNECT [::1]:443 HTTP/1.1\r\nHost: [::1]:443\r\n\r\n"
    assert t.feed(b"HTTP/1.0 200 Connection established\r\nProxy-agent: x\r\n") == (False, b"", b"")
    assert t.feed(b"\r\nXY") == (True, b"", b"XY")
    with pytest.raises(ProxyError, match="403"):
        Tunnel(ProxySpec("http", "p", 1), "h", 1).feed(b"HTTP/1.1 403 Forbidden\r\n\r\n")
    with pytest.raises(ProxyError):
        Tunnel(ProxySpec("http", "p", 1), "h", 1).feed(b"x" * 9000)
