"""Bootstrap node lists in the nodes.tox.chat JSON format, and bootstrapping a runtime from them.

    {"last_scan": ..., "nodes": [{"ipv4": "1.2.3.4" | "host.name" | "-", "ipv6": "..." | "-",
      "port": 33445, "public_key": "64 HEX", "tcp_ports": [...], "status_udp": true, ...}]}

`load_nodes(path)` reads any such file; `bundled_nodes()` the public list shipped inside the
package (toxgui/resources/bootstrap_nodes.json, a snapshot; for real users only: tests and
benchmarks never touch it).  Host names are resolved with the event loop's getaddrinfo, so the
sans-I/O core only ever sees IP literals.

The bundled list ages, so `refresh()` fetches the public list (the JSON nodes.tox.chat serves)
at most once a day, checks it (size, JSON, schema, keys, enough usable nodes) and keeps the last
good copy in the user's cache folder; `current_nodes()` is that copy, else the bundled one.  A
malformed, huge or slow answer changes nothing.  With TOXGUI_NO_PUBLIC_BOOTSTRAP=1 (tests,
benchmarks) `refresh()` fetches nothing from anywhere but loopback.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import os
import socket
import time
import urllib.parse
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toxgui.core.record import record
from toxgui.net.runtime import ToxRuntime

if TYPE_CHECKING:
    import random

# urllib.request (with http.client, email and ssl), importlib.resources, tempfile and random are
# imported where they are used: a node given its bootstrap nodes never fetches, reads the bundled
# list or writes the cache, and a headless process should not carry them (several MB resident).

log = logging.getLogger(__name__)

BUNDLED_RESOURCE = ("resources", "bootstrap_nodes.json")  # inside the toxgui package
RESOLVE_TIMEOUT = 5.0

PUBLIC_NODES_URL = "https://nodes.tox.chat/json"
CACHE_FILE = "bootstrap_nodes.json"
STATE_FILE = "bootstrap_refresh.json"
REFRESH_INTERVAL_S = 24 * 3600.0  # after a good fetch: at most once a day
RETRY_INTERVAL_S = 3600.0  # after a failed one
FETCH_TIMEOUT_S = 20.0  # the whole answer, headers to last byte
MAX_LIST_BYTES = 1 << 20  # the real list is about 40 KiB
MIN_USABLE_NODES = 4
_NO_ADDRESS = {"", "-", "NONE", "none", "null"}


class NodesFileError(ValueError):
    """The file is not a nodes list at all (individual bad entries are skipped instead)."""


@record(frozen=True, slots=True)
class BootstrapNode:
    ipv4: str | None  # IPv4 literal or host name
    ipv6: str | None  # IPv6 literal or host name
    port: int
    public_key: bytes = field(repr=False)
    tcp_ports: tuple[int, ...] = ()
    status_udp: bool | None = None
    status_tcp: bool | None = None
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
        status_tcp = entry.get("status_tcp")
        out.append(
            BootstrapNode(
                ipv4=ipv4,
                ipv6=ipv6,
                port=port,
                public_key=key,
                tcp_ports=tcp_ports,
                status_udp=status if isinstance(status, bool) else None,
                status_tcp=status_tcp if isinstance(status_tcp, bool) else None,
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


def bundled_text() -> str:
    from importlib import resources

    return resources.files("toxgui").joinpath(*BUNDLED_RESOURCE).read_text(encoding="utf-8")


def bundled_nodes() -> list[BootstrapNode]:
    """The public bootstrap list shipped with toxgui (for real users; never used by tests)."""
    return parse_nodes(bundled_text())


# --- the refreshed copy ------------------------------------------------------------------------


class RefreshError(ValueError):
    """The fetched list was refused (the message says why); the last good copy stays in use."""


def default_cache_dir() -> Path:
    import platformdirs

    return platformdirs.user_cache_path("toxgui", appauthor=False)


def check_list(body: bytes, max_bytes: int = MAX_LIST_BYTES) -> list[BootstrapNode]:
    """The usable nodes of a fetched list, or RefreshError when it is not one worth keeping."""
    if len(body) > max_bytes:
        raise RefreshError(f"too large ({len(body)} bytes)")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise RefreshError("not UTF-8") from e
    try:
        nodes = parse_nodes(text)
    except NodesFileError as e:
        raise RefreshError(str(e)) from e
    usable = [n for n in nodes if n.ipv4 or n.ipv6]
    if len(usable) < MIN_USABLE_NODES:
        raise RefreshError(f"only {len(usable)} usable nodes (need {MIN_USABLE_NODES})")
    return usable


def cached_nodes(cache_dir: Path | None = None) -> list[BootstrapNode] | None:
    """The last good fetched list, or None (none yet, or unreadable: then it is ignored)."""
    path = (cache_dir or default_cache_dir()) / CACHE_FILE
    try:
        return check_list(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, RefreshError) as e:
        log.warning("cached bootstrap list %s ignored: %s", path, e)
        return None


def current_nodes(cache_dir: Path | None = None) -> list[BootstrapNode]:
    """The last good refreshed list, else the bundled snapshot."""
    return cached_nodes(cache_dir) or bundled_nodes()


def public_bootstrap_allowed() -> bool:
    """Tests and benchmarks set TOXGUI_NO_PUBLIC_BOOTSTRAP=1: never touch the public network."""
    return os.environ.get("TOXGUI_NO_PUBLIC_BOOTSTRAP", "") not in ("1", "true", "yes")


def _loopback_url(url: str) -> bool:
    host = urllib.parse.urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def refresh_allowed(url: str) -> bool:
    """TOXGUI_NO_PUBLIC_BOOTSTRAP=1 allows fetching from loopback only (the tests' server)."""
    return public_bootstrap_allowed() or _loopback_url(url)


def _fetch(url: str, timeout: float, max_bytes: int) -> bytes:
    """GET `url` (blocking; runs in a worker thread). Refuses more than `max_bytes` and stops
    reading once `timeout` has passed since the request started."""
    import urllib.request

    deadline = time.monotonic() + timeout
    req = urllib.request.Request(url, headers={"User-Agent": "toxgui", "Accept": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        if resp.status != 200:
            raise RefreshError(f"HTTP {resp.status}")
        length = resp.headers.get("Content-Length")
        if length is not None and length.isdigit() and int(length) > max_bytes:
            raise RefreshError(f"too large (Content-Length {length})")
        chunks: list[bytes] = []
        size = 0
        while True:
            if time.monotonic() > deadline:
                raise RefreshError(f"too slow (over {timeout:g} s)")
            chunk = resp.read1(16384)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise RefreshError(f"too large (over {max_bytes} bytes)")
            chunks.append(chunk)
        return b"".join(chunks)


def _write_atomic(path: Path, data: bytes) -> None:
    """mkstemp in the target folder (a fresh name, O_EXCL, 0600: never a planted symlink),
    fsync, rename over."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _read_state(cache_dir: Path) -> dict[str, Any]:
    try:
        state = json.loads((cache_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def refresh_due(cache_dir: Path, now: float) -> bool:
    state = _read_state(cache_dir)
    last = state.get("last_attempt")
    if not isinstance(last, int | float) or isinstance(last, bool) or last > now:
        return True
    wait = REFRESH_INTERVAL_S if state.get("ok") else RETRY_INTERVAL_S
    return now - last >= wait


async def refresh(
    cache_dir: Path | None = None,
    url: str = PUBLIC_NODES_URL,
    *,
    now: float | None = None,
    force: bool = False,
    fetch_timeout: float = FETCH_TIMEOUT_S,
    max_bytes: int = MAX_LIST_BYTES,
) -> str:
    """Fetch the public list into the cache if due; returns what happened:

    "disabled" (TOXGUI_NO_PUBLIC_BOOTSTRAP=1 and not loopback: nothing fetched), "not due" (a
    good copy is less than a day old, or a failure less than an hour), "updated", or "failed"
    (the last good copy, or the bundled list, stays in use).
    """
    if not refresh_allowed(url):
        return "disabled"
    cache = cache_dir or default_cache_dir()
    now = time.time() if now is None else now
    if not force and not refresh_due(cache, now):
        return "not due"
    loop = asyncio.get_running_loop()
    ok = False
    try:
        # The worker thread stops reading at its own deadline; wait_for bounds our wait even if
        # a single read blocks (the thread then ends at its socket timeout, its result unused).
        body = await asyncio.wait_for(loop.run_in_executor(None, _fetch, url, fetch_timeout, max_bytes), fetch_timeout + 1.0)
        nodes = check_list(body, max_bytes)
        _write_atomic(cache / CACHE_FILE, body)
        ok = True
        log.info("bootstrap list refreshed: %d nodes", len(nodes))
    except (OSError, ValueError, TimeoutError) as e:  # URLError is an OSError; RefreshError a ValueError
        log.info("bootstrap list not refreshed: %s", e)
    try:
        _write_atomic(cache / STATE_FILE, json.dumps({"last_attempt": now, "ok": ok}).encode())
    except OSError as e:
        log.info("cannot record the bootstrap refresh: %s", e)
    return "updated" if ok else "failed"


def choose(nodes: list[BootstrapNode], count: int, rng: random.Random | None = None) -> list[BootstrapNode]:
    """Up to `count` nodes at random, those last seen answering UDP first."""
    import random

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


async def bootstrap_public(runtime: ToxRuntime, cache_dir: Path | None = None,
                           resolve_names: bool = True) -> asyncio.Task[str]:
    """Bootstrap from the current public list; returns the background refresh task (the caller
    cancels it when it stops). Only for real users: callers check public_bootstrap_allowed().
    `resolve_names` False (behind a proxy): host names are never looked up here."""
    await bootstrap_from(runtime, current_nodes(cache_dir), resolve_names=resolve_names)

    async def _refresh() -> str:
        try:
            return await refresh(cache_dir)
        except Exception:  # never let a refresh problem reach the client
            log.exception("bootstrap list refresh failed")
            return "failed"

    return asyncio.create_task(_refresh(), name="bootstrap-refresh")


PREFERRED_TCP_PORTS = (443, 33445, 3389)  # 443 passes most firewalls


def relay_port(node: BootstrapNode) -> int | None:
    """The TCP relay port to use on a node of the list (443 first), or None."""
    if node.status_tcp is False or not node.tcp_ports:
        return None
    for p in PREFERRED_TCP_PORTS:
        if p in node.tcp_ports:
            return p
    return node.tcp_ports[0]


async def bootstrap_from(runtime: ToxRuntime, nodes: list[BootstrapNode], count: int = 8, relays: int = 3,
                         resolve_names: bool = True) -> int:
    """Resolve up to `count` of `nodes` and bootstrap the runtime's node from them, and connect
    to up to `relays` of them as TCP relays (as qTox does; without UDP they are the only way in).

    Returns the number of (address, key) pairs handed to the DHT.
    """
    sent = 0
    added = 0
    for node in choose(nodes, count):
        if resolve_names:
            addrs = await resolve(node, ipv6=runtime.ipv6)
        else:
            addrs = [(lit, node.port) for lit in (_literal(h) for h in (node.ipv4, node.ipv6) if h) if lit]
        for host, port in addrs:
            if runtime.node.bootstrap(host, port, node.public_key, runtime.now):
                sent += 1
        tcp = relay_port(node)
        if tcp is not None and added < relays:
            # behind a proxy the name goes to the proxy as it is; else the address we resolved
            relay_host = node.ipv4 if not resolve_names and node.ipv4 else (addrs[0][0] if addrs else None)
            if relay_host and runtime.node.add_tcp_relay(relay_host, tcp, node.public_key, runtime.now):
                added += 1
        runtime.pump()
    return sent
