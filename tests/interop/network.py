"""Processes for interop tests: c-toxcore peers (peer.py) and tox-bootstrapd, on loopback only.

    CToxPeer      one c-toxcore peer process with a blocking API (wait_event, command, stop)
    Bootstrapd    one tox-bootstrapd with the safe config (no LAN discovery, no TCP relay, no IPv6)
    LocalNetwork  one Bootstrapd plus any number of peers bootstrapped from it
    PortAllocator fresh UDP ports, never handed out twice in a test run

Every process is started in its own session and stopped for sure (SIGTERM, then SIGKILL of its
process group) by `stop()`; the fixtures at the bottom stop everything at test end, also on failure.
See docs/interop-harness.md.
"""

from __future__ import annotations

import ipaddress
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.interop import ctox

PEER_SCRIPT = Path(__file__).with_name("peer.py")
BOOTSTRAPD = os.environ.get("TOXGUI_TOX_BOOTSTRAPD") or "/usr/bin/tox-bootstrapd"
LOOPBACK = "127.0.0.1"

Event = dict[str, Any]
Predicate = Callable[[Event], bool]


class InteropUnavailable(Exception):
    """c-toxcore or tox-bootstrapd is not installed."""


class UnsafeNetwork(Exception):
    """Starting c-toxcore here could touch the host network."""


# --- gates -----------------------------------------------------------------------------------------


def missing_tools() -> list[str]:
    """What the interop tests need and this machine lacks (empty when all is there)."""
    missing = []
    if ctox.library_path() is None:
        missing.append("libtoxcore.so.2 (Debian package libtoxcore2)")
    if not os.access(BOOTSTRAPD, os.X_OK):
        missing.append("tox-bootstrapd (Debian package toxcore-utils)")
    if shutil.which("timeout") is None:
        missing.append("timeout (coreutils)")
    return missing


def network_unsafe_reason() -> str | None:
    """Why c-toxcore must not start here, or None.

    c-toxcore binds every interface and has no bind-address option.  As root the suite must run
    inside the private network namespace made by scripts/run-tests.sh (`unshare -n`, only `lo`).
    """
    if os.geteuid() != 0:
        return None
    if not os.environ.get("TOXGUI_IN_NETNS"):
        return (
            "refusing to start c-toxcore as root outside the private network namespace "
            "(it binds every interface): run the interop tests via `make test` or "
            "`sh scripts/run-tests.sh tests/interop`"
        )
    others = [name for _, name in socket.if_nameindex() if name != "lo"]
    if others and os.environ.get("TOXGUI_NAT_LAB") == "1" and _lab_only(others):
        return None  # the NAT lab's own namespaces (tests/natlab): 198.18.0.0/15 and no uplink
    if others:
        return (
            f"TOXGUI_IN_NETNS is set but interfaces {others} are visible: this is not the private "
            "network namespace; run via `make test`"
        )
    return None


def _lab_only(interfaces: list[str]) -> bool:
    """Every address on these interfaces is in 198.18.0.0/15 (benchmark networks, routed nowhere)
    or link-local IPv6, so they can only be the NAT lab's veth pairs."""
    try:
        out = subprocess.run(["ip", "-j", "addr", "show"], capture_output=True, text=True, timeout=5).stdout
        links = json.loads(out)
    except (OSError, ValueError, subprocess.SubprocessError):
        return False
    lab = ipaddress.ip_network("198.18.0.0/15")
    for link in links:
        if link.get("ifname") == "lo":
            continue
        for a in link.get("addr_info", []):
            ip = ipaddress.ip_address(a.get("local", "0.0.0.0"))
            if not (ip in lab or (ip.version == 6 and ip.is_link_local)):
                return False
    return True


def ensure_safe() -> None:
    reason = network_unsafe_reason()
    if reason is not None:
        raise UnsafeNetwork(reason)


# --- ports -----------------------------------------------------------------------------------------


class PortAllocator:
    """Hands out UDP ports from [first, last], each at most once (restarts need new ports: a 0.2.18
    node that saw a peer on ip:port may never hand out that address again after the peer restarts
    with a new DHT key).  A port is only returned if binding it on 127.0.0.1 succeeds right now."""

    def __init__(self, first: int, last: int = 60999) -> None:
        self._next = first
        self._last = last
        self._lock = threading.Lock()
        self.issued: list[int] = []

    def _free(self, port: int) -> bool:
        for kind in (socket.SOCK_DGRAM, socket.SOCK_STREAM):
            s = socket.socket(socket.AF_INET, kind)
            try:
                s.bind((LOOPBACK, port))
            except OSError:
                return False
            finally:
                s.close()
        return True

    def allocate(self) -> int:
        with self._lock:
            while self._next <= self._last:
                port = self._next
                self._next += 1
                if self._free(port):
                    self.issued.append(port)
                    return port
        raise RuntimeError("no free UDP port left in the interop range")


def _run_offset() -> int:
    # Inside a private namespace nothing else binds, but runs outside one (non-root) may overlap:
    # spread them by pid so two concurrent runs rarely start on the same ports.
    return (os.getpid() % 64) * 200


PORTS = PortAllocator(34100 + _run_offset())


# --- process plumbing ------------------------------------------------------------------------------


def _kill_group(proc: subprocess.Popen[bytes], grace: float) -> None:
    """Stop a process started with start_new_session=True: SIGTERM its group, then SIGKILL.

    The group is only signalled while its leader is alive and not yet reaped, so the group id is
    still ours.  (`timeout`, the bootstrapd's leader, passes SIGTERM on and exits only after its
    child did, killing the child itself 5 s later if needed.)
    """
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            pass
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            continue
    if proc.poll() is None:
        raise RuntimeError(f"process {proc.pid} survived SIGKILL")


class _LineReader(threading.Thread):
    """Reads a pipe line by line into a callback, until EOF."""

    def __init__(self, stream: Any, on_line: Callable[[bytes], None], name: str) -> None:
        super().__init__(name=name, daemon=True)
        self._stream = stream
        self._on_line = on_line

    def run(self) -> None:
        try:
            for line in iter(self._stream.readline, b""):
                self._on_line(line)
        except (OSError, ValueError):
            pass
        finally:
            self._on_line(b"")  # EOF marker


# --- c-toxcore peer --------------------------------------------------------------------------------


class PeerTimeout(AssertionError):
    """wait_event / command ran out of time."""


class PeerCommandError(Exception):
    """The peer answered a command with an error event."""

    def __init__(self, event: Event) -> None:
        super().__init__(f"{event.get('cmd')}: {event.get('error')}: {event.get('message')}")
        self.event = event
        self.error = event.get("error")


def _describe(match: str | Predicate | None, fields: dict[str, Any]) -> str:
    if callable(match):
        what = getattr(match, "__name__", "predicate")
    else:
        what = repr(match) if match else "any event"
    if fields:
        what += " with " + ", ".join(f"{k}={v!r}" for k, v in fields.items())
    return what


class CToxPeer:
    """A c-toxcore 0.2.18 peer in its own process (tests/interop/peer.py).

    Events are read by a thread into a history.  `wait_event` returns the oldest matching event not
    yet returned by an earlier `wait_event` (so it also finds events that arrived before the call,
    and waiting twice for "friend_message" gives the first and then the second message).
    """

    def __init__(
        self,
        *,
        port: int | None = None,
        bootstrap: list[tuple[str, int, str]] | None = None,
        savedata_file: str | os.PathLike[str] | None = None,
        auto_accept: bool = False,
        ipv6: bool = False,
        lifetime: float = 600.0,
        label: str = "peer",
        log_dir: str | os.PathLike[str] | None = None,
        ready_timeout: float = 30.0,
        tcp_relays: list[tuple[str, int, str]] | None = None,
        udp: bool = True,
        hole_punching: bool = False,
        prefix: list[str] | None = None,
    ) -> None:
        ensure_safe()
        self.label = label
        self.port = port if port is not None else PORTS.allocate()
        self.savedata_file = os.fspath(savedata_file) if savedata_file is not None else None
        argv = [*(prefix or []), sys.executable, "-u", str(PEER_SCRIPT), "--port", str(self.port),
                "--lifetime", str(lifetime)]
        if hole_punching:
            argv.append("--hole-punching")
        if self.savedata_file:
            argv += ["--savedata-file", self.savedata_file]
        for host, bport, key in bootstrap or []:
            argv += ["--bootstrap", f"{host}:{bport}:{key}"]
        for host, rport, key in tcp_relays or []:
            argv += ["--tcp-relay", f"{host}:{rport}:{key}"]
        if not udp:
            argv.append("--no-udp")
        if auto_accept:
            argv.append("--auto-accept")
        if ipv6:
            argv.append("--ipv6")
        self.argv = argv
        self._cond = threading.Condition()
        self._events: list[Event] = []
        self._taken: set[int] = set()  # indexes into _events returned by wait_event
        self._first_open = 0  # every index below this one is in _taken
        self._eof = False
        self._stderr_tail: list[str] = []
        self._next_id = 0
        self._log_path = Path(log_dir) / f"{label}-{self.port}.stderr" if log_dir else None
        self._stderr_file = open(self._log_path, "wb") if self._log_path else None  # noqa: SIM115
        self.started_at = time.time()
        self.proc = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        self._stdout_reader = _LineReader(self.proc.stdout, self._on_stdout, f"{label}-stdout")
        self._stderr_reader = _LineReader(self.proc.stderr, self._on_stderr, f"{label}-stderr")
        self._stdout_reader.start()
        self._stderr_reader.start()
        try:
            self.ready = self.wait_event("ready", timeout=ready_timeout)
        except BaseException:
            self.stop()
            raise
        self.tox_id: str = self.ready["tox_id"]
        self.public_key: str = self.ready["public_key"]
        self.dht_id: str = self.ready["dht_id"]
        self.udp_port: int = self.ready["udp_port"]

    # reading

    def _on_stdout(self, line: bytes) -> None:
        with self._cond:
            if not line:
                self._eof = True
            else:
                try:
                    ev = json.loads(line)
                except ValueError:
                    ev = {"event": "garbage", "t": time.time(), "line": line.decode(errors="replace")}
                self._events.append(ev)
            self._cond.notify_all()

    def _on_stderr(self, line: bytes) -> None:
        if not line:
            return
        if self._stderr_file is not None:
            self._stderr_file.write(line)
            self._stderr_file.flush()
        with self._cond:
            self._stderr_tail.append(line.decode(errors="replace").rstrip())
            del self._stderr_tail[:-20]

    @property
    def events(self) -> list[Event]:
        """Every event received so far (a copy)."""
        with self._cond:
            return list(self._events)

    def find_events(self, match: str | Predicate | None = None, **fields: Any) -> list[Event]:
        """All received events that match, whether or not wait_event already returned them."""
        with self._cond:
            return [e for e in self._events if _matches(e, match, fields)]

    def wait_event(
        self, match: str | Predicate | None = None, timeout: float = 60.0, **fields: Any
    ) -> Event:
        """Block until an event matches, then return it (and never return it again).

        `match` is an event name ("friend_message") or a predicate on the event dict; keyword
        arguments must equal the event's fields (`wait_event("friend_connection", status=2)`).
        Raises PeerTimeout with the recent events, exit code and stderr when `timeout` passes.
        """
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                while self._first_open in self._taken:
                    self._first_open += 1
                for i in range(self._first_open, len(self._events)):
                    ev = self._events[i]
                    if i not in self._taken and _matches(ev, match, fields):
                        self._taken.add(i)
                        return ev
                left = deadline - time.monotonic()
                if left <= 0 or self._eof:
                    break
                self._cond.wait(min(left, 0.5))
        raise PeerTimeout(self._failure(f"waiting {timeout:g} s for {_describe(match, fields)}"))

    def _failure(self, what: str) -> str:
        with self._cond:
            recent = self._events[-15:]
            tail = list(self._stderr_tail)
            eof = self._eof
        code = self.proc.poll()
        state = f"exited with {code}" if code is not None else ("stdout closed" if eof else "running")
        lines = [f"c-toxcore peer {self.label!r} (port {self.port}, {state}): gave up {what}"]
        lines.append("recent events:" if recent else "no events received")
        lines += [f"  {json.dumps(e)}" for e in recent]
        if tail:
            lines.append("stderr tail:")
            lines += [f"  {t}" for t in tail]
        return "\n".join(lines)

    # commands

    def send(self, cmd: str, **args: Any) -> int:
        """Send a command without waiting; returns its id (the result event carries it)."""
        with self._cond:
            self._next_id += 1
            cid = self._next_id
        if self.proc.stdin is None or self.proc.poll() is not None:
            raise PeerCommandError({"cmd": cmd, "error": "DEAD", "message": self._failure(f"sending {cmd}")})
        self.proc.stdin.write((json.dumps({"cmd": cmd, "id": cid, **args}) + "\n").encode())
        self.proc.stdin.flush()
        return cid

    def command(self, cmd: str, timeout: float = 15.0, **args: Any) -> Event:
        """Run a command and return its result event; raises PeerCommandError on an error event."""
        cid = self.send(cmd, **args)
        ev = self.wait_event(
            lambda e: e.get("id") == cid and e.get("event") in ("result", "error"), timeout=timeout
        )
        if ev["event"] == "error":
            raise PeerCommandError(ev)
        return ev

    # conveniences over command()

    def add_friend(self, tox_id: str, message: str = "hello") -> int:
        return int(self.command("add_friend", tox_id=tox_id, text=message)["friend"])

    def add_friend_norequest(self, public_key: str) -> int:
        return int(self.command("add_friend_norequest", public_key=public_key)["friend"])

    def send_message(self, friend: int, text: str, action: bool = False) -> int:
        return int(self.command("send_message", friend=friend, text=text, action=action)["message_id"])

    def friend_list(self) -> list[Event]:
        return list(self.command("friend_list")["friends"])

    def get_savedata(self, path: str | os.PathLike[str] | None = None) -> bytes:
        ev = self.command("get_savedata", path=os.fspath(path) if path else None)
        return Path(ev["path"]).read_bytes()

    @property
    def node(self) -> tuple[str, int, str]:
        """(host, port, dht_id): use this peer as a bootstrap node (its DHT key is per start)."""
        return (LOOPBACK, self.udp_port, self.dht_id)

    # lifecycle

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self, grace: float = 5.0) -> int | None:
        """Close stdin (the peer exits), then SIGTERM/SIGKILL its process group.  Idempotent."""
        if self.proc.stdin is not None and not self.proc.stdin.closed:
            try:
                self.proc.stdin.close()
            except OSError:
                pass
        try:
            self.proc.wait(grace)
        except subprocess.TimeoutExpired:
            pass
        _kill_group(self.proc, grace)
        self._stdout_reader.join(5)
        self._stderr_reader.join(5)
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()
        if self._stderr_file is not None and not self._stderr_file.closed:
            self._stderr_file.close()
        return self.proc.returncode

    def __enter__(self) -> CToxPeer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"<CToxPeer {self.label} port={self.port} pk={self.public_key[:16]}>"


def _matches(ev: Event, match: str | Predicate | None, fields: dict[str, Any]) -> bool:
    if isinstance(match, str):
        if ev.get("event") != match:
            return False
    elif match is not None and not match(ev):
        return False
    return all(ev.get(k) == v for k, v in fields.items())


# --- tox-bootstrapd --------------------------------------------------------------------------------

_BOOTSTRAPD_CONF = """\
port = {port}
keys_file_path = "{dir}/keys"
pid_file_path = "{dir}/pid"
enable_ipv6 = false
enable_ipv4_fallback = true
enable_lan_discovery = false
enable_tcp_relay = {tcp_on}
tcp_relay_ports = [{tcp_ports}]
enable_motd = false
motd = "local test node"
bootstrap_nodes = ( {nodes} )
"""


class Bootstrapd:
    """tox-bootstrapd on 127.0.0.1:port with LAN discovery, TCP relay, IPv6 and motd off and no
    bootstrap nodes except `nodes` (local ones), under `timeout -k 5 LIFETIME` (900 s unless
    `lifetime` says otherwise: a soak needs it up for longer).

    Its key persists in workdir/keys (bytes 0..31 public, 32..63 secret), so a restart in the same
    workdir keeps the key.
    """

    def __init__(
        self,
        workdir: str | os.PathLike[str],
        *,
        port: int | None = None,
        nodes: list[tuple[str, int, str]] | None = None,
        ready_timeout: float = 15.0,
        lifetime: float = 900.0,
        tcp_relay: bool = False,
        tcp_port: int | None = None,
    ) -> None:
        ensure_safe()
        self.workdir = Path(workdir)
        # With `tcp_relay`, also a TCP relay on a fresh port (tox-bootstrapd binds it on every
        # interface: the interop tests run in a private network namespace).
        self.tcp_port: int | None = (tcp_port or PORTS.allocate()) if tcp_relay else None
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.host = LOOPBACK
        self.port = port if port is not None else PORTS.allocate()
        node_text = ", ".join(
            f'{{ address = "{h}" port = {p} public_key = "{k}" }}' for h, p, k in (nodes or [])
        )
        self.config_path = self.workdir / "bootstrapd.conf"
        conf = _BOOTSTRAPD_CONF.format(port=self.port, dir=self.workdir, nodes=node_text,
                                       tcp_on="true" if self.tcp_port else "false",
                                       tcp_ports=self.tcp_port or "")
        self.config_path.write_text(conf)
        self.keys_path = self.workdir / "keys"
        self.log_path = self.workdir / "bootstrapd.log"
        self._log = open(self.log_path, "ab")  # noqa: SIM115
        self._cond = threading.Condition()
        self._lines: list[str] = []
        self._eof = False
        self.proc = subprocess.Popen(
            ["timeout", "-k", "5", str(int(lifetime)), BOOTSTRAPD, f"--config={self.config_path}", "--foreground",
             "--log-backend=stdout"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._reader = _LineReader(self.proc.stdout, self._on_line, "bootstrapd")
        self._reader.start()
        try:
            printed = self._wait_for_key(ready_timeout)
        except BaseException:
            self.stop()
            raise
        key_file = self.keys_path.read_bytes()[:32].hex().upper()
        if printed != key_file:
            self.stop()
            raise RuntimeError(f"tox-bootstrapd printed key {printed} but {self.keys_path} holds {key_file}")
        self.public_key: str = printed

    def _on_line(self, line: bytes) -> None:
        if line:
            self._log.write(line)
            self._log.flush()
        with self._cond:
            if line:
                self._lines.append(line.decode(errors="replace").rstrip())
            else:
                self._eof = True
            self._cond.notify_all()

    def _wait_for_key(self, timeout: float) -> str:
        # "Public Key:" is printed after the UDP socket is bound, so the node is reachable now.
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for line in self._lines:
                    if line.startswith("Public Key:"):
                        return line.split(":", 1)[1].strip().upper()
                left = deadline - time.monotonic()
                if left <= 0 or self._eof:
                    break
                self._cond.wait(min(left, 0.5))
            lines = "\n  ".join(self._lines[-20:])
        raise RuntimeError(f"tox-bootstrapd on port {self.port} did not print its key; output:\n  {lines}")

    @property
    def addr(self) -> tuple[str, int]:
        return (self.host, self.port)

    @property
    def public_key_bytes(self) -> bytes:
        return bytes.fromhex(self.public_key)

    @property
    def node(self) -> tuple[str, int, str]:
        """(host, port, public_key hex), the form CToxPeer(bootstrap=[...]) takes."""
        return (self.host, self.port, self.public_key)

    @property
    def output(self) -> list[str]:
        with self._cond:
            return list(self._lines)

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        _kill_group(self.proc, 10.0)
        self._reader.join(5)
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        if not self._log.closed:
            self._log.close()

    def __enter__(self) -> Bootstrapd:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"<Bootstrapd {self.host}:{self.port} pk={self.public_key[:16]}>"


# --- a local network -------------------------------------------------------------------------------


class LocalNetwork:
    """One tox-bootstrapd and the c-toxcore peers spawned from it; `close()` stops them all."""

    def __init__(self, workdir: str | os.PathLike[str], bootstrapd_lifetime: float = 900.0,
                 tcp_relay: bool = False) -> None:
        self.workdir = Path(workdir)
        self.peers: list[CToxPeer] = []
        self.bootstrapd = Bootstrapd(self.workdir / "bootstrapd", lifetime=bootstrapd_lifetime, tcp_relay=tcp_relay)

    def spawn_peer(
        self,
        label: str | None = None,
        *,
        bootstrap: list[tuple[str, int, str]] | None = None,
        **kwargs: Any,
    ) -> CToxPeer:
        """Start a peer bootstrapped from the bootstrapd (plus `bootstrap`), on a fresh port.

        kwargs go to CToxPeer: savedata_file, auto_accept, ipv6, lifetime, port, ready_timeout,
        tcp_relays, udp.
        """
        label = label or f"peer{len(self.peers)}"
        nodes = [self.bootstrapd.node, *(bootstrap or [])]
        kwargs.setdefault("log_dir", self.workdir)
        peer = CToxPeer(bootstrap=nodes, label=label, **kwargs)
        self.peers.append(peer)
        return peer

    def spawn_peers(self, n: int, **kwargs: Any) -> list[CToxPeer]:
        return [self.spawn_peer(**kwargs) for _ in range(n)]

    def befriend(
        self, a: CToxPeer, b: CToxPeer, message: str = "hello", timeout: float = 60.0
    ) -> tuple[int, int]:
        """a sends a friend request to b, b accepts it; wait until both see the other connected.

        Returns (b's friend number on a, a's friend number on b).  b must not auto-accept.
        """
        fa = a.add_friend(b.tox_id, message)
        req = b.wait_event("friend_request", timeout=timeout, public_key=a.public_key)
        if req.get("accepted") is not None:
            fb = int(req["accepted"])
        else:
            fb = b.add_friend_norequest(a.public_key)
        a.wait_event("friend_connection", timeout=timeout, friend=fa, status=int(ctox.Connection.UDP))
        b.wait_event("friend_connection", timeout=timeout, friend=fb, status=int(ctox.Connection.UDP))
        return fa, fb

    def close(self) -> None:
        errors: list[BaseException] = []
        for peer in self.peers:
            try:
                peer.stop()
            except BaseException as e:  # keep stopping the others
                errors.append(e)
        try:
            self.bootstrapd.stop()
        except BaseException as e:
            errors.append(e)
        if errors:
            raise errors[0]

    def __enter__(self) -> LocalNetwork:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- pytest fixtures (re-exported by tests/interop/conftest.py) ------------------------------------


@pytest.fixture
def local_network(tmp_path: Path) -> Iterator[LocalNetwork]:
    """A tox-bootstrapd on loopback; spawn c-toxcore peers with `local_network.spawn_peer()`."""
    net = LocalNetwork(tmp_path / "net")
    try:
        yield net
    finally:
        net.close()


@pytest.fixture
def bootstrapd(tmp_path: Path) -> Iterator[Bootstrapd]:
    """A lone tox-bootstrapd on loopback."""
    node = Bootstrapd(tmp_path / "bootstrapd")
    try:
        yield node
    finally:
        node.stop()


@pytest.fixture
def ctox_peers(tmp_path: Path) -> Iterator[Callable[..., CToxPeer]]:
    """A factory of CToxPeer (same arguments) whose peers are all stopped at test end."""
    started: list[CToxPeer] = []

    def make(**kwargs: Any) -> CToxPeer:
        kwargs.setdefault("log_dir", tmp_path)
        kwargs.setdefault("label", f"peer{len(started)}")
        peer = CToxPeer(**kwargs)
        started.append(peer)
        return peer

    try:
        yield make
    finally:
        for peer in started:
            peer.stop()

