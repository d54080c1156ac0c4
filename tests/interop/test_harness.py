"""Proof tests of the interop harness itself: c-toxcore peers on a loopback network."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.interop import ctox
from tests.interop.network import (
    PORTS,
    Bootstrapd,
    CToxPeer,
    LocalNetwork,
    PeerCommandError,
    PeerTimeout,
)

UDP = int(ctox.Connection.UDP)
CONNECT_TIMEOUT = 60.0  # measured: about 9.6 s on loopback (onion timers), so leave a wide margin


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _procs_mentioning(text: str) -> list[int]:
    """Pids of live processes whose command line contains `text`."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                if text.encode() in f.read():
                    found.append(int(entry))
        except OSError:
            pass
    return found


def test_bootstrapd_key_and_port(bootstrapd: Bootstrapd) -> None:
    assert bootstrapd.alive
    assert len(bootstrapd.public_key_bytes) == 32
    assert bootstrapd.keys_path.read_bytes()[:32] == bootstrapd.public_key_bytes
    host, port = bootstrapd.addr
    assert host == "127.0.0.1"
    # the daemon holds its UDP port
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        with pytest.raises(OSError):
            s.bind((host, port))
    finally:
        s.close()
    # the safe config really is the one in use
    conf = bootstrapd.config_path.read_text()
    for line in ("enable_lan_discovery = false", "enable_tcp_relay = false", "enable_ipv6 = false",
                 "enable_motd = false", "bootstrap_nodes = (  )"):
        assert line in conf
    assert any("'enable_tcp_relay': false" in line for line in bootstrapd.output)


def test_bootstrapd_stop_kills_the_daemon(tmp_path) -> None:
    node = Bootstrapd(tmp_path / "b")
    pid = node.proc.pid
    try:
        assert node.alive
    finally:
        node.stop()
    assert not node.alive
    assert not _pid_alive(pid)
    assert _procs_mentioning(str(node.config_path)) == []  # the daemon under `timeout` too
    # the same workdir keeps the key across restarts (on a new port)
    again = Bootstrapd(tmp_path / "b")
    try:
        assert again.public_key == node.public_key
        assert again.port != node.port
    finally:
        again.stop()


def test_ports_are_never_reused() -> None:
    got = [PORTS.allocate() for _ in range(5)]
    assert len(set(got)) == 5
    assert all(p not in got for p in [PORTS.allocate() for _ in range(3)])


def test_peer_ready_commands_and_errors(ctox_peers, tmp_path) -> None:
    peer: CToxPeer = ctox_peers(label="solo")
    assert peer.udp_port == peer.port
    assert len(peer.tox_id) == 76 and peer.tox_id.startswith(peer.public_key)
    assert len(peer.dht_id) == 64 and peer.dht_id != peer.public_key

    peer.command("set_name", text="Ünïcode name")
    peer.command("set_status_message", text="status here")
    peer.command("set_status", status=int(ctox.UserStatus.BUSY))
    info = peer.command("self_info")
    assert (info["name"], info["status_message"], info["status"]) == ("Ünïcode name", "status here", 2)
    assert info["tox_id"] == peer.tox_id

    with pytest.raises(PeerCommandError) as err:
        peer.add_friend(peer.tox_id, "me")
    assert err.value.error == "OWN_KEY"
    with pytest.raises(PeerCommandError) as err:
        peer.send_message(7, "nobody")
    assert err.value.error == "FRIEND_NOT_FOUND"
    with pytest.raises(PeerCommandError):
        peer.command("no_such_command")

    path = tmp_path / "solo.tox"
    data = peer.get_savedata(path)
    assert path.read_bytes() == data and len(data) > 100

    with pytest.raises(PeerTimeout) as timed_out:
        peer.wait_event("friend_message", timeout=0.3)
    assert "solo" in str(timed_out.value) and "friend_message" in str(timed_out.value)


def test_peer_exits_when_stdin_closes_or_lifetime_ends(ctox_peers) -> None:
    peer = ctox_peers(label="closing")
    assert peer.stop() == 0
    assert peer.find_events("exit", reason="stdin closed")

    short = ctox_peers(label="short", lifetime=1.0)
    ev = short.wait_event("exit", timeout=15)
    assert ev["reason"] == "lifetime"
    short.proc.wait(10)
    assert short.proc.returncode == 0


def test_peer_stop_kills_a_stuck_peer(ctox_peers) -> None:
    peer = ctox_peers(label="stuck")
    os.kill(peer.proc.pid, signal.SIGSTOP)  # cannot read stdin any more
    started = time.monotonic()
    peer.stop(grace=1.0)
    assert not peer.alive
    assert time.monotonic() - started < 10


@pytest.mark.slow
def test_two_peers_become_friends_and_exchange_messages(local_network: LocalNetwork) -> None:
    a = local_network.spawn_peer("A")
    b = local_network.spawn_peer("B")
    request = "Hi B, this is A: let us be friends"

    fa = a.add_friend(b.tox_id, request)  # a's friend number for b
    req = b.wait_event("friend_request", timeout=CONNECT_TIMEOUT)
    assert req["public_key"] == a.public_key
    assert req["text"] == request
    fb = b.add_friend_norequest(a.public_key)  # b's friend number for a

    a.wait_event("friend_connection", timeout=CONNECT_TIMEOUT, friend=fa, status=UDP)
    b.wait_event("friend_connection", timeout=CONNECT_TIMEOUT, friend=fb, status=UDP)

    text_ab = "Hello from A → B ✓"
    mid = a.send_message(fa, text_ab)
    got = b.wait_event("friend_message", timeout=CONNECT_TIMEOUT, friend=fb)
    assert got["text"] == text_ab
    assert bytes.fromhex(got["text_hex"]) == text_ab.encode()
    assert got["public_key"] == a.public_key and got["action"] is False
    a.wait_event("read_receipt", timeout=CONNECT_TIMEOUT, friend=fa, message_id=mid)

    text_ba = "and back from B"
    mid = b.send_message(fb, text_ba, action=True)
    got = a.wait_event("friend_message", timeout=CONNECT_TIMEOUT, friend=fa)
    assert got["text"] == text_ba and got["action"] is True
    b.wait_event("read_receipt", timeout=CONNECT_TIMEOUT, friend=fb, message_id=mid)

    # name, status message, status and typing reach the friend
    b.command("set_name", text="Bee")
    b.command("set_status_message", text="busy bee")
    b.command("set_status", status=int(ctox.UserStatus.AWAY))
    b.command("set_typing", friend=fb, typing=True)
    assert a.wait_event("friend_name", timeout=30, friend=fa, name="Bee")
    assert a.wait_event("friend_status_message", timeout=30, friend=fa, status_message="busy bee")
    assert a.wait_event("friend_status", timeout=30, friend=fa, status=int(ctox.UserStatus.AWAY))
    assert a.wait_event("friend_typing", timeout=30, friend=fa, typing=True)
    friends = a.friend_list()
    assert [(f["public_key"], f["name"], f["connection"]) for f in friends] == [(b.public_key, "Bee", UDP)]


@pytest.mark.slow
def test_auto_accept_and_restart_from_savedata(local_network: LocalNetwork, tmp_path) -> None:
    a = local_network.spawn_peer("A", savedata_file=tmp_path / "a.tox")
    b = local_network.spawn_peer("B", auto_accept=True)
    fa, fb = local_network.befriend(a, b, "auto please")
    assert b.find_events("friend_request", accepted=fb)

    a.get_savedata()
    old_port, old_pk = a.port, a.public_key
    a.stop()
    assert not a.alive
    # restart from the saved profile, on a new port (never reuse: 0.2.18 DHT trap)
    a2 = local_network.spawn_peer("A2", savedata_file=tmp_path / "a.tox")
    assert a2.public_key == old_pk and a2.port != old_port
    assert [f["public_key"] for f in a2.friend_list()] == [b.public_key]
    a2.wait_event("friend_connection", timeout=CONNECT_TIMEOUT, friend=fa, status=UDP)
    mid = a2.send_message(fa, "back again")
    assert b.wait_event("friend_message", timeout=CONNECT_TIMEOUT, friend=fb)["text"] == "back again"
    a2.wait_event("read_receipt", timeout=CONNECT_TIMEOUT, friend=fa, message_id=mid)


def test_local_network_close_stops_everything(tmp_path) -> None:
    net = LocalNetwork(tmp_path / "n")
    peers = net.spawn_peers(2)
    pids = [p.proc.pid for p in peers] + [net.bootstrapd.proc.pid]
    net.close()
    assert not any(_pid_alive(pid) for pid in pids)
    assert _procs_mentioning(str(tmp_path)) == []


# --- the safety gates of conftest.py, proven in a child pytest run --------------------------------

_ROOT = Path(__file__).resolve().parents[2]
_PROBE = "tests/interop/test_harness.py::test_ports_are_never_reused"


def _child_pytest(env_changes: dict[str, str | None]) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    for key, value in env_changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rsfE", "-p", "no:cacheprovider", _PROBE],
        cwd=_ROOT, env=env, capture_output=True, text=True, timeout=120,
    )


def test_gate_skips_without_libtoxcore() -> None:
    res = _child_pytest(
        {"TOXGUI_LIBTOXCORE": "/nonexistent/libtoxcore.so.2", "TOXGUI_REQUIRE_INTEROP": None}
    )
    assert "1 skipped" in res.stdout, res.stdout
    assert "libtoxcore.so.2" in res.stdout


def test_gate_fails_without_tools_when_interop_is_required() -> None:
    res = _child_pytest(
        {"TOXGUI_TOX_BOOTSTRAPD": "/nonexistent/tox-bootstrapd", "TOXGUI_REQUIRE_INTEROP": "1"}
    )
    assert res.returncode != 0
    assert "1 error" in res.stdout and "tox-bootstrapd" in res.stdout, res.stdout


@pytest.mark.skipif(os.geteuid() != 0, reason="the namespace gate only applies to root")
def test_gate_refuses_root_outside_the_namespace() -> None:
    # the child still runs in this private namespace, so nothing is at risk if the gate broke
    res = _child_pytest({"TOXGUI_IN_NETNS": None})
    assert res.returncode != 0
    assert "refusing to start c-toxcore as root" in res.stdout and "make test" in res.stdout, res.stdout
