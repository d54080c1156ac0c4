"""Bootstrap node lists in the nodes.tox.chat JSON format, and bootstrapping a runtime from them.

    {"last_scan": ..., "nodes": [{"ipv4": "1.2.3.4" | "host.name" | "-", "ipv6": "..." | "-",
      "port": 33445, "public_key": "64 HEX", "tcp_ports": [...], "status_udp": true, ...}]}

`load_nodes(path)` reads any such file; `bundled_nodes()` the public list shipped in
resources/bootstrap_nodes.json (for real users only: tests and benchmarks never touch it).
Host names are resolved with the event loop's getaddrinfo, so the sans-I/O core only ever sees
IP literals.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import os
import random
import socket
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toxgui.net.runtime import ToxRuntime

log = logging.getLogger(__name__)

BUNDLED_PATH = Path(__file__).resolve().parents[2] / "resources" / "bootstrap_nodes.json"
RESOLVE_TIMEOUT = 5.0
_NO_ADDRESS = {"", "-", "NONE", "none", "null"}


class NodesFileError(ValueError):
    """The file is not a nodes list at all (individual bad entries are skipped instead)."""


@dataclass(frozen=True, slots=True)
class BootstrapNode:
    ipv4: str | None  # IPv4 literal or host name
    ipv6: str | None  # IPv6 literal or host name
    port: int
    public_key: bytes = field(repr=False)
    tcp_ports: tuple[int, ...] = ()
    status_udp: bool | None = None
    maintainer: str = ""
    location: str = ""

    @property
    def key_hex(self) -> str:
        return self.public_key.hex().upper()


def _address(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    v = value.strip()
    return None if v in _NO_ADDRESS else v


def _port(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 65536:
        return None
    return value


def parse_nodes(doc: Any) -> list[BootstrapNode]:
    """Nodes from a parsed nodes.tox.chat document; malformed entries are skipped."""
    if isinstance(doc, str | bytes):
        try:
            doc = json.loads(doc)
        except ValueError as e:
            raise NodesFileError(f"not JSON: {e}") from e
    if not isinstance(doc, dict) or not isinstance(doc.get("nodes"), list):
        raise NodesFileError('expected an object with a "nodes" list')
    out: list[BootstrapNode] = []
    seen: set[tuple[bytes, int]] = set()
    for i, entry in enumerate(doc["nodes"]):
        if not isinstance(entry, dict):
            log.debug("nodes[%d]: not an object", i)
            continue
        port = _port(entry.get("port"))
        key_text = entry.get("public_key")
        try:
            key = bytes.fromhex(key_text) if isinstance(key_text, str) else b""
        except ValueError:
            key = b""
        ipv4, ipv6 = _address(entry.get("ipv4")), _address(entry.get("ipv6"))
        if port is None or len(key) != 32 or (ipv4 is None and ipv6 is None):
            log.debug("nodes[%d]: skipped (port, key or address missing)", i)
            continue
        if (key, port) in seen:
            continue
        seen.add((key, port))
        tcp = entry.get("tcp_ports")
        tcp_ports = tuple(p for p in (tcp if isinstance(tcp, list) else []) if _port(p) is not None)
        status = entry.get("status_udp")
        out.append(
            BootstrapNode(
                ipv4=ipv4,
                ipv6=ipv6,
                port=port,
                public_key=key,
                tcp_ports=tcp_ports,
                status_udp=status if isinstance(status, bool) else None,
                maintainer=str(entry.get("maintainer") or ""),
                location=str(entry.get("location") or ""),
            )
        )
    return out


def load_nodes(path: str | os.PathLike[str]) -> list[BootstrapNode]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise NodesFileError(f"{path}: not UTF-8") from e
    return parse_nodes(text)


def bundled_nodes() -> list[BootstrapNode]:
    """The public bootstrap list shipped with toxgui (for real users; never used by tests)."""
    return load_nodes(BUNDLED_PATH)


def choose(nodes: list[BootstrapNode], count: int, rng: random.Random | None = None) -> list[BootstrapNode]:
    """Up to `count` nodes at random, those last seen answering UDP first."""
    r = rng or random.SystemRandom()
    up = [n for n in nodes if n.status_udp is not False]
    down = [n for n in nodes if n.status_udp is False]
    r.shuffle(up)
    r.shuffle(down)
    return (up + down)[:count]


def _literal(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return None


async def resolve(node: BootstrapNode, ipv6: bool) -> list[tuple[str, int]]:
    """IP addresses to send to: literals as they are, host names through getaddrinfo."""
    loop = asyncio.get_running_loop()
    wanted: list[tuple[str, int]] = [(node.ipv4, socket.AF_INET)] if node.ipv4 else []
    if ipv6 and node.ipv6:
        wanted.append((node.ipv6, socket.AF_INET6))
    out: list[tuple[str, int]] = []
    for host, family in wanted:
        lit = _literal(host)
        if lit is not None:
            if (":" in lit) == (family == socket.AF_INET6) and (lit, node.port) not in out:
                out.append((lit, node.port))
            continue
        try:
            infos = await asyncio.wait_for(
                loop.getaddrinfo(host, node.port, family=family, type=socket.SOCK_DGRAM), RESOLVE_TIMEOUT
            )
        except (OSError, TimeoutError) as e:
            log.info("bootstrap node %s: cannot resolve: %s", host, e)
            continue
        for info in infos[:2]:
            addr = (str(info[4][0]), node.port)
            if addr not in out:
                out.append(addr)
    return out


async def bootstrap_from(runtime: ToxRuntime, nodes: list[BootstrapNode], count: int = 8) -> int:
    """Resolve up to `count` of `nodes` and bootstrap the runtime's node from them.

    Returns the number of (address, key) pairs handed to the DHT.
    """
    sent = 0
    for node in choose(nodes, count):
        for host, port in await resolve(node, ipv6=runtime.ipv6):
            if runtime.node.bootstrap(host, port, node.public_key, runtime.now):
                sent += 1
        runtime.pump()
    return sent
