"""Refreshing the public bootstrap list: served from a loopback HTTP server only (never the real
site); a malformed, huge or slow answer leaves the last good list in use."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from toxgui.net import bootstrap as B

DAY = 24 * 3600.0


def _doc(n: int, port0: int = 33445) -> bytes:
    nodes = [
        {"ipv4": f"127.0.0.{i + 1}", "ipv6": "-", "port": port0 + i, "public_key": f"{i + 1:064X}",
         "status_udp": True, "tcp_ports": [443]}
        for i in range(n)
    ]
    return json.dumps({"last_scan": 1, "nodes": nodes}).encode()


class Server:
    """Answers GET / with whatever `mode` says; counts requests."""

    def __init__(self) -> None:
        self.mode = "good"
        self.body = _doc(6)
        self.requests = 0
        self.stop = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a: object) -> None:
                pass

            def do_GET(self) -> None:
                outer.requests += 1
                mode = outer.mode
                if mode == "huge":  # no Content-Length: the client must stop reading itself
                    self.send_response(200)
                    self.end_headers()
                    for _ in range(64):  # 4 MiB at most
                        if outer.stop.is_set():
                            return
                        try:
                            self.wfile.write(b" " * 65536)
                        except OSError:
                            return
                    return
                if mode == "slow":  # a byte every 0.2 s, bounded
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(outer.body)))
                    self.end_headers()
                    for b in outer.body[:100]:
                        if outer.stop.wait(0.2):
                            return
                        try:
                            self.wfile.write(bytes([b]))
                            self.wfile.flush()
                        except OSError:
                            return
                    return
                body = {"good": outer.body, "malformed": b'{"nodes": [', "schema": _bad_schema(),
                        "declared_huge": b"{}"}[mode]
                self.send_response(200)
                self.send_header("Content-Length", str(len(body) if mode != "declared_huge" else 50_000_000))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except OSError:
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/json"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


def _bad_schema() -> bytes:
    # Well-formed JSON, but every entry is unusable: short keys, bad ports, no address.
    nodes = [{"ipv4": "198.18.3.4", "port": 33445, "public_key": "AB" * 31},
             {"ipv4": "198.18.3.4", "port": 70000, "public_key": "AB" * 32},
             {"ipv4": "-", "ipv6": "-", "port": 1, "public_key": "CD" * 32},
             {"ipv4": "198.18.3.5", "port": 1, "public_key": "not hex" * 9}]
    return json.dumps({"nodes": nodes}).encode()


@pytest.fixture
def server() -> Iterator[Server]:
    s = Server()
    try:
        yield s
    finally:
        s.close()


def _keys(nodes: list[B.BootstrapNode]) -> set[bytes]:
    return {n.public_key for n in nodes}


async def test_good_list_is_cached_and_used_then_not_refetched_within_a_day(server: Server, tmp_path: Path) -> None:
    assert B.current_nodes(tmp_path) == B.bundled_nodes()  # nothing cached yet: the bundled list
    t0 = 1_800_000_000.0
    assert await B.refresh(tmp_path, server.url, now=t0) == "updated"
    assert server.requests == 1
    assert _keys(B.current_nodes(tmp_path)) == {bytes.fromhex(f"{i + 1:064X}") for i in range(6)}
    assert await B.refresh(tmp_path, server.url, now=t0 + DAY - 60) == "not due"
    assert server.requests == 1
    server.body = _doc(8)
    assert await B.refresh(tmp_path, server.url, now=t0 + DAY + 1) == "updated"
    assert server.requests == 2 and len(B.current_nodes(tmp_path)) == 8


@pytest.mark.parametrize("mode", ["malformed", "schema", "huge", "declared_huge", "slow"])
async def test_bad_answer_keeps_the_last_good_list(server: Server, tmp_path: Path, mode: str) -> None:
    t0 = 1_800_000_000.0
    assert await B.refresh(tmp_path, server.url, now=t0) == "updated"
    good = (tmp_path / B.CACHE_FILE).read_bytes()
    server.mode = mode
    started = time.monotonic()
    result = await B.refresh(tmp_path, server.url, now=t0 + DAY + 1, fetch_timeout=1.0, max_bytes=256 * 1024)
    took = time.monotonic() - started
    assert result == "failed"
    assert server.requests == 2
    assert took < 5.0, took  # a slow or endless answer is cut off at the deadline
    assert (tmp_path / B.CACHE_FILE).read_bytes() == good
    assert len(B.current_nodes(tmp_path)) == 6
    # A failure is retried after an hour, not at once.
    assert await B.refresh(tmp_path, server.url, now=t0 + DAY + 60, fetch_timeout=1.0) == "not due"
    assert server.requests == 2


async def test_failure_without_a_cached_copy_falls_back_to_the_bundled_list(server: Server, tmp_path: Path) -> None:
    server.mode = "malformed"
    assert await B.refresh(tmp_path, server.url, now=1.0e9) == "failed"
    assert not (tmp_path / B.CACHE_FILE).exists()
    assert B.current_nodes(tmp_path) == B.bundled_nodes()


def test_a_damaged_cache_file_is_ignored(tmp_path: Path) -> None:
    (tmp_path / B.CACHE_FILE).write_bytes(b"\x00garbage")
    assert B.current_nodes(tmp_path) == B.bundled_nodes()
    (tmp_path / B.CACHE_FILE).write_bytes(_doc(2))  # valid JSON, too few nodes to trust
    assert B.current_nodes(tmp_path) == B.bundled_nodes()


async def test_no_public_bootstrap_forbids_fetching_anything_but_loopback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TOXGUI_NO_PUBLIC_BOOTSTRAP", "1")
    fetched: list[str] = []
    monkeypatch.setattr(B, "_fetch", lambda url, *a: fetched.append(url) or b"")
    assert await B.refresh(tmp_path, force=True) == "disabled"  # the real site
    assert await B.refresh(tmp_path, "http://198.18.100.7/json", force=True) == "disabled"
    assert fetched == []
    assert os.listdir(tmp_path) == []  # not even the state file
    assert B.refresh_allowed("http://127.0.0.1:8/json") and B.refresh_allowed("http://[::1]:8/")
    monkeypatch.setenv("TOXGUI_NO_PUBLIC_BOOTSTRAP", "0")
    assert B.refresh_allowed(B.PUBLIC_NODES_URL)
