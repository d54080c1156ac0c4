"""toxgui as a TCP relay for c-toxcore clients (`--tcp-relay-port`).

Two c-toxcore peers with UDP off, whose only TCP relay is toxgui's, become friends and chat: each
announces itself and searches for the other on the onion through the relay (toxgui is node A of
every path; the bootstrap node and toxgui are B and C over UDP), finds the relay in the other's
DHT public-key announcement, and the session runs as routed data through the relay.  Nothing but
the relay joins them: neither has a UDP socket.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.interop import ctox
from tests.interop.network import PORTS, Bootstrapd, CToxPeer, LocalNetwork
from toxgui.app.service import ClientOptions, ToxClient
from toxgui.core.events import Event, FriendConnection, Message, Receipt
from toxgui.core.savedata import SaveData
from toxgui.net.proxy import ProxySpec
from toxgui.store.profile import Profile

TCP = int(ctox.Connection.TCP)


async def _wait(peer: CToxPeer, name: str, within: float, **fields: object) -> dict:
    return await asyncio.to_thread(peer.wait_event, name, within, **fields)


class Recorder:
    """toxgui's events, and a way to wait for one (woken by each event, with a timeout)."""

    def __init__(self, client: ToxClient) -> None:
        self.events: list[Event] = []
        self._changed = asyncio.Event()
        client.subscribe(self._on)

    def _on(self, ev: Event) -> None:
        self.events.append(ev)
        self._changed.set()

    async def until(self, cond: Callable[[], object], within: float, what: str) -> None:
        deadline = time.monotonic() + within
        while not cond():
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"toxgui: no {what} within {within} s")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), min(left, 0.5))

    def has(self, pred: Callable[[Event], bool]) -> bool:
        return any(pred(e) for e in self.events)


async def befriend_over_tcp(client: ToxClient, rec: Recorder, peer: CToxPeer, message: str) -> tuple[int, float]:
    """toxgui sends the request, the c-toxcore peer accepts; both see the other online over TCP.
    Returns the peer's friend number for toxgui and the seconds from the request to online."""
    t0 = time.monotonic()
    ppk = bytes.fromhex(peer.public_key)
    client.add_friend(peer.tox_id, message)
    req = await _wait(peer, "friend_request", 90, public_key=client.public_key.hex().upper())
    assert req["text"] == message
    fnum = await asyncio.to_thread(peer.add_friend_norequest, client.public_key.hex())
    await _wait(peer, "friend_connection", 90, friend=fnum, status=TCP)
    await rec.until(lambda: client.node.messenger.is_online(ppk), 60, "session with the friend")
    took = time.monotonic() - t0
    conns = [e for e in rec.events if isinstance(e, FriendConnection) and e.public_key == ppk]
    assert conns and conns[-1].status == "tcp"
    return fnum, took


async def chat_both_ways(client: ToxClient, rec: Recorder, peer: CToxPeer, fnum: int, rounds: int = 5) -> None:
    """Messages both ways, each with its receipt."""
    for i in range(rounds):
        ids = client.send_message(peer.public_key, f"to c {i} ✓")
        msg = await _wait(peer, "friend_message", 20, friend=fnum)
        assert msg["text"] == f"to c {i} ✓"
        await rec.until(lambda ids=ids: rec.has(lambda e: isinstance(e, Receipt) and e.id == ids[0]), 20, "receipt")
        mid = peer.send_message(fnum, f"to toxgui {i}")
        await rec.until(lambda i=i: rec.has(lambda e: isinstance(e, Message) and e.text == f"to toxgui {i}"),
                        20, "message")
        await _wait(peer, "read_receipt", 20, friend=fnum, message_id=mid)


@pytest.mark.timeout(240)
async def test_two_tcp_only_ctoxcore_peers_chat_through_toxguis_relay(local_network: LocalNetwork,
                                                                       tmp_path: Path) -> None:
    boot = local_network.bootstrapd.node
    relay = ToxClient(Profile.create(tmp_path / "relay.tox", name="relay"),
                      ClientOptions(bind_host="127.0.0.1", ipv6=False, lan_discovery=False, persist_queue=False,
                                    bootstrap=[(boot[0], boot[1], bytes.fromhex(boot[2]))], tcp_relay_port=0))
    await relay.start()
    try:
        assert relay.tcp_relay is not None
        relay_node = ("127.0.0.1", relay.tcp_relay.port, relay.dht_key.hex())
        udp_node = ("127.0.0.1", relay.udp_port, relay.dht_key.hex())
        t0 = time.monotonic()
        a, b = [await asyncio.to_thread(local_network.spawn_peer, label, bootstrap=[udp_node], udp=False,
                                        tcp_relays=[relay_node]) for label in ("a", "b")]
        assert a.udp_port is None and b.udp_port is None  # no UDP socket at all
        fa = a.add_friend(b.tox_id, "over a relay")
        req = await _wait(b, "friend_request", 90, public_key=a.public_key)
        assert req["text"] == "over a relay"
        fb = await asyncio.to_thread(b.add_friend_norequest, a.public_key)
        await _wait(a, "friend_connection", 90, friend=fa, status=TCP)
        await _wait(b, "friend_connection", 90, friend=fb, status=TCP)
        took = time.monotonic() - t0
        for i in range(5):
            mid = a.send_message(fa, f"a->b {i} ✓")
            got = await _wait(b, "friend_message", 20, friend=fb)
            assert got["text"] == f"a->b {i} ✓"
            await _wait(a, "read_receipt", 20, friend=fa, message_id=mid)
            mid = b.send_message(fb, f"b->a {i}")
            got = await _wait(a, "friend_message", 20, friend=fa)
            assert got["text"] == f"b->a {i}"
            await _wait(b, "read_receipt", 20, friend=fb, message_id=mid)
        st = relay.tcp_relay.status()
        counters = relay.tcp_relay.server.counters
        print(f"\nrelay: {st}; friends online over TCP {took:.1f} s after start; counters {dict(counters)}")
        assert st["clients"] == 2 and st["links"] >= 1
        assert counters["onion requests"] > 0 and counters["onion replies"] > 0
        assert counters["routed"] >= 20  # 10 messages and 10 receipts at least, as routed data
        assert relay.node.stats.internal_errors == 0
        assert not any(k.startswith("closed:") for k in counters), dict(counters)
    finally:
        await relay.stop()
        relay.profile.close()


@pytest.mark.timeout(240)
async def test_toxgui_with_udp_reaches_a_tcp_only_ctoxcore_friend_through_a_bootstrapd_relay(tmp_path: Path) -> None:
    """tox-bootstrapd with its TCP relay on; a c-toxcore friend with UDP off; toxgui with UDP on
    connected to the same relay: friend request, the session over the relay (routed data after
    OOB cookie and handshake), messages both ways with receipts, `friend_connection` `tcp`."""
    net = await asyncio.to_thread(LocalNetwork, tmp_path / "net", tcp_relay=True)
    client = None
    try:
        bd = net.bootstrapd
        assert bd.tcp_port is not None
        key = bytes.fromhex(bd.public_key)
        client = ToxClient(Profile.create(tmp_path / "me.tox", name="toxgui"),
                           ClientOptions(bind_host="127.0.0.1", ipv6=False, lan_discovery=False, persist_queue=False,
                                         bootstrap=[(bd.host, bd.port, key)], tcp_relays=[(bd.host, bd.tcp_port, key)]))
        rec = Recorder(client)
        await client.start()
        peer = await asyncio.to_thread(net.spawn_peer, "c", udp=False,
                                       tcp_relays=[(bd.host, bd.tcp_port, bd.public_key)],
                                       bootstrap=[("127.0.0.1", client.udp_port, client.dht_key.hex())])
        assert peer.udp_port is None
        fnum, took = await befriend_over_tcp(client, rec, peer, "hello over TCP")
        await chat_both_ways(client, rec, peer, fnum)
        relays = client.node.tcp.status()
        print(f"\ntoxgui <-> TCP-only c-toxcore: online {took:.1f} s after the request; relays {relays}; "
              f"tcp counters {dict(client.node.tcp.counters)}")
        assert relays[0]["state"] == "connected" and relays[0]["peers"] == 1
        assert client.node.stats.internal_errors == 0
    finally:
        if client is not None:
            await client.stop()
            client.profile.close()
        await asyncio.to_thread(net.close)


@pytest.mark.timeout(240)
async def test_toxgui_without_udp_reaches_a_ctoxcore_friend_through_a_bootstrapd_relay(tmp_path: Path) -> None:
    """toxgui with UDP off (`--no-udp`): no UDP socket; its onion paths start at the relay (hops
    B and C are the bootstrap nodes, reached by the relay over UDP), its DHTPK names the relay,
    and the c-toxcore friend (UDP on) comes to it there.  Friend request, messages both ways
    with receipts, `friend_connection` `tcp`."""
    net = await asyncio.to_thread(LocalNetwork, tmp_path / "net", tcp_relay=True)
    client = None
    try:
        bd = net.bootstrapd
        assert bd.tcp_port is not None
        key = bytes.fromhex(bd.public_key)
        peer = await asyncio.to_thread(net.spawn_peer, "c")
        client = ToxClient(Profile.create(tmp_path / "me.tox", name="toxgui"),
                           ClientOptions(bind_host="127.0.0.1", ipv6=False, lan_discovery=False, persist_queue=False,
                                         udp=False, bootstrap=[(bd.host, bd.port, key)],
                                         tcp_relays=[(bd.host, bd.tcp_port, key)]))
        rec = Recorder(client)
        assert await client.start() == 0
        fnum, took = await befriend_over_tcp(client, rec, peer, "hello without UDP")
        await chat_both_ways(client, rec, peer, fnum)
        st = client.node.stats
        print(f"\ntoxgui without UDP <-> c-toxcore: online {took:.1f} s after the request; relays "
              f"{client.node.tcp.status()}; onion {client.node.onion.client.counters}; "
              f"UDP datagrams refused {st.drop_reasons['UDP off']}")
        assert client.runtime.transport is None  # no UDP socket was ever opened
        assert st.internal_errors == 0
    finally:
        if client is not None:
            await client.stop()
            client.profile.close()
        await asyncio.to_thread(net.close)


class ProxyProcess:
    """microsocks (SOCKS5) or tinyproxy (HTTP CONNECT) on 127.0.0.1, its output kept."""

    def __init__(self, kind: str, workdir: Path, relay_port: int) -> None:
        self.kind = kind
        self.port = PORTS.allocate()
        self.log = workdir / f"{kind}.log"
        if kind == "socks5":
            argv = ["microsocks", "-i", "127.0.0.1", "-p", str(self.port)]
        else:
            conf = workdir / "tinyproxy.conf"
            conf.write_text(f"Port {self.port}\nListen 127.0.0.1\nTimeout 120\nLogLevel Connect\nMaxClients 20\n"
                            f"ConnectPort {relay_port}\n")
            argv = ["tinyproxy", "-d", "-c", str(conf)]
        binary = shutil.which(argv[0])
        if binary is None:
            message = f"{argv[0]} is not installed (Debian package {argv[0]})"
            if os.environ.get("TOXGUI_REQUIRE_INTEROP") == "1":
                pytest.fail(message, pytrace=False)
            pytest.skip(message)
        self._out = open(self.log, "wb")  # noqa: SIM115
        self.proc = subprocess.Popen(["timeout", "-k", "5", "200", binary, *argv[1:]], stdout=self._out,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)

    async def ready(self) -> None:
        deadline = time.monotonic() + 10
        while True:
            try:
                _, w = await asyncio.open_connection("127.0.0.1", self.port)
                w.close()
                return
            except OSError:
                assert time.monotonic() < deadline and self.proc.poll() is None, "the proxy did not start"
                await asyncio.sleep(0.05)  # polling a port that is about to open: no event to wait on

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        self._out.close()


def udp_sockets_of_this_process() -> list[str]:
    """The UDP sockets (IPv4 and IPv6, as `local address:port` in /proc's hex) open in this process."""
    inodes = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = []
    for table in ("/proc/self/net/udp", "/proc/self/net/udp6"):
        with open(table) as f:
            for line in list(f)[1:]:
                fields = line.split()
                if fields[9] in inodes:
                    found.append(fields[1])
    return found


@pytest.mark.timeout(240)
@pytest.mark.parametrize("kind", ["socks5", "http"])
async def test_toxgui_through_a_proxy_reaches_a_ctoxcore_friend(kind: str, tmp_path: Path) -> None:
    """toxgui with `--proxy socks5://…` (microsocks) or `--proxy http://…` (tinyproxy): UDP is
    off, its one relay connection goes through the proxy (the proxy's log shows it), and it
    chats with a c-toxcore friend (UDP on) through tox-bootstrapd's relay."""
    net = await asyncio.to_thread(LocalNetwork, tmp_path / "net", tcp_relay=True)
    client = None
    proxy = None
    try:
        bd = net.bootstrapd
        assert bd.tcp_port is not None
        proxy = ProxyProcess(kind, tmp_path, bd.tcp_port)
        await proxy.ready()
        key = bytes.fromhex(bd.public_key)
        peer = await asyncio.to_thread(net.spawn_peer, "c")
        client = ToxClient(Profile.create(tmp_path / "me.tox", name="toxgui"),
                           ClientOptions(bind_host="127.0.0.1", ipv6=False, lan_discovery=False, persist_queue=False,
                                         proxy=ProxySpec(kind, "127.0.0.1", proxy.port),
                                         bootstrap=[(bd.host, bd.port, key)], tcp_relays=[(bd.host, bd.tcp_port, key)]))
        rec = Recorder(client)
        assert not client.udp_enabled
        assert await client.start() == 0
        ppk = bytes.fromhex(peer.public_key)
        client.add_friend(peer.tox_id, f"hello through {kind}")
        await _wait(peer, "friend_request", 90, public_key=client.public_key.hex().upper())
        fnum = await asyncio.to_thread(peer.add_friend_norequest, client.public_key.hex())
        await _wait(peer, "friend_connection", 90, friend=fnum, status=TCP)
        await rec.until(lambda: client.node.messenger.is_online(ppk), 60, "session with the friend")
        for i in range(3):
            client.send_message(peer.public_key, f"{kind} {i}")
            assert (await _wait(peer, "friend_message", 20, friend=fnum))["text"] == f"{kind} {i}"
            peer.send_message(fnum, f"back {i}")
            await rec.until(lambda i=i: rec.has(lambda e: isinstance(e, Message) and e.text == f"back {i}"),
                            20, "message")
        log = proxy.text()
        print(f"\n{kind} proxy log:\n{log[-600:]}")
        assert f"127.0.0.1:{bd.tcp_port}" in log or (kind == "socks5" and str(bd.tcp_port) in log), log
        assert client.runtime.transport is None and client.node.stats.internal_errors == 0
        # no UDP leaves toxgui: this process (toxgui; the c-toxcore peer is another) has no UDP socket
        assert udp_sockets_of_this_process() == []
    finally:
        if client is not None:
            await client.stop()
            client.profile.close()
        if proxy is not None:
            proxy.stop()
        await asyncio.to_thread(net.close)


@pytest.mark.timeout(300)
async def test_a_chat_survives_the_death_of_its_relay(tmp_path: Path) -> None:
    """Two relays (two tox-bootstrapd), toxgui and a c-toxcore friend both without UDP and both on
    both relays.  While toxgui streams 200 messages, the relay carrying them is killed: the
    session moves to the other relay and every message arrives, in order, exactly once."""
    net = await asyncio.to_thread(LocalNetwork, tmp_path / "net", tcp_relay=True)
    bd2 = None
    client = None
    try:
        bd1 = net.bootstrapd
        bd2 = await asyncio.to_thread(Bootstrapd, tmp_path / "bd2", tcp_relay=True, nodes=[bd1.node])
        relays = [(bd.host, bd.tcp_port, bd.public_key) for bd in (bd1, bd2)]
        peer = await asyncio.to_thread(net.spawn_peer, "c", udp=False, tcp_relays=relays, bootstrap=[bd2.node])
        client = ToxClient(Profile.create(tmp_path / "me.tox", name="toxgui"),
                           ClientOptions(bind_host="127.0.0.1", ipv6=False, lan_discovery=False, persist_queue=False,
                                         udp=False, bootstrap=[(h, p, bytes.fromhex(k)) for h, p, k in
                                                               (bd1.node, bd2.node)],
                                         tcp_relays=[(h, int(p or 0), bytes.fromhex(k)) for h, p, k in relays]))
        rec = Recorder(client)
        await client.start()
        ppk = bytes.fromhex(peer.public_key)
        client.add_friend(peer.tox_id, "two relays")
        await _wait(peer, "friend_request", 90, public_key=client.public_key.hex().upper())
        fnum = await asyncio.to_thread(peer.add_friend_norequest, client.public_key.hex())
        await rec.until(lambda: client.node.messenger.is_online(ppk), 90, "session with the friend")
        tcp = client.node.tcp
        friend = client.node.friends.get(ppk)
        assert friend is not None and friend.dht_key is not None
        dht = friend.dht_key
        # wait until the friend is linked to us on both relays (SHARE_RELAYS does that)
        await rec.until(lambda: len(tcp.peer_relays(dht)) == 2, 150, "the friend linked on both relays")
        carrying = tcp.peer_relays(dht)[0].public_key.hex().upper()
        victim = bd1 if carrying == bd1.public_key else bd2
        texts = [f"stream {i:03d}" for i in range(200)]
        for t in texts[:100]:
            client.send_message(peer.public_key, t)
        await asyncio.to_thread(peer.wait_event, "friend_message", 30, text=texts[49])
        await asyncio.to_thread(victim.stop)  # the relay carrying the chat dies
        for t in texts[100:]:
            client.send_message(peer.public_key, t)
        await asyncio.to_thread(peer.wait_event, "friend_message", 90, text=texts[-1])
        got = [e["text"] for e in peer.find_events("friend_message", friend=fnum)]
        assert got == texts, (len(got), [t for t in texts if t not in got][:5])
        left = [r for r in tcp.relays.values() if r.state == "connected"]
        print(f"\nfail-over: relay {carrying[:8]} killed; now on {[r.public_key.hex()[:8] for r in left]}; "
              f"friend linked on {len(tcp.peer_relays(dht))}; tcp counters {dict(tcp.counters)}")
        assert client.node.stats.internal_errors == 0
    finally:
        if client is not None:
            await client.stop()
            client.profile.close()
        if bd2 is not None:
            await asyncio.to_thread(bd2.stop)
        await asyncio.to_thread(net.close)


@pytest.mark.timeout(240)
async def test_saved_relays_are_used_at_start_and_saved(tmp_path: Path) -> None:
    """A profile written by c-toxcore while connected to a relay holds it (savedata section 10);
    toxgui opened on that profile, with no relay given, connects to it, and saves it back."""
    net = await asyncio.to_thread(LocalNetwork, tmp_path / "net", tcp_relay=True)
    client = None
    try:
        bd = net.bootstrapd
        peer = await asyncio.to_thread(net.spawn_peer, "c", tcp_relays=[(bd.host, bd.tcp_port, bd.public_key)])
        path = tmp_path / "from-ctoxcore.tox"
        deadline = time.monotonic() + 60
        while True:  # c-toxcore saves only relays it is connected to: ask until it is
            data = await asyncio.to_thread(peer.get_savedata, path)
            relays = SaveData.parse(data).tcp_relays
            if relays:
                break
            assert time.monotonic() < deadline, "c-toxcore never saved its relay"
            await asyncio.to_thread(peer.command, "ping")
        assert [(r.host, r.port, r.public_key.hex().upper(), r.tcp) for r in relays] == \
            [(bd.host, bd.tcp_port, bd.public_key, True)]
        await asyncio.to_thread(peer.stop)
        client = ToxClient(Profile.load(path), ClientOptions(bind_host="127.0.0.1", ipv6=False, lan_discovery=False,
                                                             persist_queue=False))
        rec = Recorder(client)
        await client.start()
        await rec.until(lambda: [r["state"] for r in client.node.tcp.status()] == ["connected"], 20,
                        "the saved relay connected")
        client.save()
        saved = SaveData.parse(path.read_bytes()).tcp_relays
        assert [(r.host, r.port, r.public_key) for r in saved] == [(bd.host, bd.tcp_port, bytes.fromhex(bd.public_key))]
    finally:
        if client is not None:
            await client.stop()
            client.profile.close()
        await asyncio.to_thread(net.close)
