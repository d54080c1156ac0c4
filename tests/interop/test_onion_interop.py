"""Finding friends against c-toxcore 0.2.18: onion announce and search, friend requests both
ways, DHT-key exchange.  Loopback only: tox-bootstrapd plus c-toxcore peers; toxgui bound to
127.0.0.1 with LAN discovery off.

c-toxcore's onion needs about 7 s before it announces or searches (its 3 s start-up wait plus
1 s ticks), so the timeouts are generous; the measured times are printed.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.app.headless_proc import HeadlessProc
from tests.interop import ctox
from tests.interop.network import CToxPeer, LocalNetwork
from toxgui.core.crypto import KeyPair, SystemRng
from toxgui.core.events import Event, FriendRequest, Progress, Stage
from toxgui.core.node import NodeConfig, ToxNode
from toxgui.core.packets.kinds import PacketKind
from toxgui.core.savedata import FRIEND_CONFIRMED
from toxgui.core.toxid import ToxId
from toxgui.net.runtime import ToxRuntime
from toxgui.store.profile import Profile

UNICODE_MESSAGE = "Hallo, ich bin's 👋 — Привет, 你好! ✓"
LONG_MESSAGE = ("ü" * 400 + "x" * 216)  # exactly 1016 bytes of UTF-8 (c-toxcore 0.2.18's maximum)


def longest_request() -> str:
    """The longest request message the c-toxcore under test sends: 1016 bytes in 0.2.18, 921
    from 0.2.19 on (tox_max_friend_request_length)."""
    most = int(ctox.lib().tox_max_friend_request_length())
    return LONG_MESSAGE if most >= 1016 else "ü" * ((most - 1) // 2) + "x" * (1 + (most - 1) % 2)


def bootstrap_arg(net: LocalNetwork) -> str:
    host, port, key = net.bootstrapd.node
    return f"{host}:{port}:{key}"


@pytest.mark.timeout(240)
def test_ctoxcore_requests_reach_headless_toxgui(local_network: LocalNetwork, tmp_path: Path) -> None:
    """Two c-toxcore peers send requests to toxgui's Tox ID; toxgui (the public headless
    interface) reports both with the exact text, accepts one and learns its DHT key."""
    long_message = longest_request()
    assert len(long_message.encode()) == ctox.lib().tox_max_friend_request_length()
    h = HeadlessProc(tmp_path / "toxgui.tox", "--bootstrap", bootstrap_arg(local_network))
    try:
        ready = h.wait_event("ready", timeout=30)
        tox_id = ready["tox_id"]
        p1 = local_network.spawn_peer("unicode")
        p2 = local_network.spawn_peer("long")
        t0 = time.monotonic()
        p1.add_friend(tox_id, UNICODE_MESSAGE)
        p2.add_friend(tox_id, long_message)
        got = {}
        for _ in range(2):
            ev = h.wait_event("friend_request", timeout=90)
            got[ev["public_key"]] = (ev["message"], time.monotonic() - t0)
        assert got[p1.public_key][0] == UNICODE_MESSAGE
        assert got[p2.public_key][0] == long_message
        h.send(command="accept", public_key=p1.public_key)
        h.wait_event(lambda e: e.get("event") == "friend_added" and e.get("public_key") == p1.public_key, 10)
        t1 = time.monotonic()
        # The DHT key comes in a DHTPK (stage AcquiringIPAddress), or, when c-toxcore found us
        # first (our DHTPK names us as a node), in its handshake (straight to AwaitingSessionPacket).
        ev = h.wait_event(
            lambda e: e.get("event") == "progress" and e.get("public_key") == p1.public_key
            and e.get("details", {}).get("dht_key") is not None,
            timeout=90,
        )
        learned = time.monotonic() - t1
        assert ev["details"]["dht_key"] == p1.dht_id
        if ev["stage"] == "AcquiringIPAddress":
            assert ev["details"]["dht_key_source"] in ("onion", "dht")
        else:
            assert (ev["stage"], ev["details"]["dht_key_source"]) == ("AwaitingSessionPacket", "handshake")
        h.send(command="status")
        st = h.wait_event("status", 10)
        assert st["onion_announced"] >= 1
        assert p2.public_key in st["friend_requests_pending"]
        print(f"\nrequests arrived after {got[p1.public_key][1]:.1f} s and {got[p2.public_key][1]:.1f} s "
              f"(c-toxcore peers started just before); DHT key learned {learned:.1f} s after accepting "
              f"(via {ev['details']['dht_key_source']})")
        # add_friend through the headless interface: bad input is refused with a clear error ...
        p3 = local_network.spawn_peer("added", auto_accept=True)
        bad = p3.tox_id[:-1] + ("0" if p3.tox_id[-1] != "0" else "1")
        h.send(command="add_friend", tox_id=bad, message="hi")
        err = h.wait_event("error", 10)
        assert err["command"] == "add_friend" and "checksum" in err["message"]
        h.send(command="add_friend", tox_id=p3.tox_id, message="")
        assert "message" in h.wait_event("error", 10)["message"]
        # ... a good request is added and reaches the c-toxcore peer with the exact text.
        t2 = time.monotonic()
        h.send(command="add_friend", tox_id=p3.tox_id, message=UNICODE_MESSAGE)
        h.wait_event(lambda e: e.get("event") == "friend_added" and e.get("public_key") == p3.public_key, 10)
        req = p3.wait_event("friend_request", 90, public_key=ready["public_key"])
        assert req["text"] == UNICODE_MESSAGE
        print(f"headless add_friend reached the c-toxcore peer in {time.monotonic() - t2:.1f} s")
        h.send(command="add_friend", tox_id=p3.tox_id, message="again")
        assert "already" in h.wait_event("error", 10)["message"]
        h.send(command="quit")
        assert h.wait_exit(20) == 0
    finally:
        h.stop()
    # The friends are in the profile, in c-toxcore's savedata format.
    with Profile.load(tmp_path / "toxgui.tox") as prof:
        recs = {r.public_key.hex().upper(): r for r in prof.savedata.friends}
    assert set(recs) == {p1.public_key, p3.public_key}
    assert recs[p1.public_key].status == FRIEND_CONFIRMED
    assert recs[p3.public_key].status in (2, FRIEND_CONFIRMED)
    assert recs[p3.public_key].request_message == UNICODE_MESSAGE.encode()
    assert recs[p3.public_key].nospam == bytes.fromhex(p3.tox_id)[32:36]


class Toxgui:
    """A toxgui node on the asyncio runtime in this process, recording events and cookie requests."""

    def __init__(self) -> None:
        rng = SystemRng()
        self.node = ToxNode(KeyPair.generate(rng), rng.bytes(4), rng, NodeConfig(ipv6=False, lan_discovery=False))
        self.runtime = ToxRuntime(self.node, port=None, bind_host="127.0.0.1", ipv6=False)
        self.events: list[Event] = []
        self.cookie_requests_from: list[bytes] = []
        self._changed = asyncio.Event()
        self.runtime.subscribe(self._on_event)
        receive = self.node.receive_datagram

        def tap(data: bytes, addr: tuple[str, int], now: float) -> None:
            if data[:1] == bytes([PacketKind.COOKIE_REQUEST]) and len(data) >= 33:
                self.cookie_requests_from.append(data[1:33])  # the sender's DHT key, in clear
                self._changed.set()
            receive(data, addr, now)

        self.node.receive_datagram = tap  # type: ignore[method-assign]

    def _on_event(self, ev: Event) -> None:
        self.events.append(ev)
        self._changed.set()

    async def wait(self, cond: Callable[[], object], within: float, what: str) -> float:
        t0 = time.monotonic()
        while not cond():
            left = within - (time.monotonic() - t0)
            if left <= 0:
                raise AssertionError(f"toxgui: timed out after {within} s waiting for {what}")
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), min(left, 0.5))
            except TimeoutError:
                pass
        return time.monotonic() - t0


@pytest.mark.timeout(240)
async def test_toxgui_request_reaches_ctoxcore_and_keys_are_exchanged(
    local_network: LocalNetwork, tmp_path: Path
) -> None:
    """toxgui adds a c-toxcore peer by Tox ID; the peer's callback gets the exact message; after
    it accepts, toxgui learns the peer's DHT key and the peer starts its connection attempt
    (a cookie request from its DHT key)."""
    t = Toxgui()
    await t.runtime.start()
    try:
        host, port, key = local_network.bootstrapd.node
        t.node.bootstrap(host, port, bytes.fromhex(key), t.runtime.now)
        t.runtime.pump()
        peer: CToxPeer = await asyncio.to_thread(local_network.spawn_peer, "acceptor", auto_accept=True)
        # A second peer makes the onion a little less trivial (more nodes to announce on).
        await asyncio.to_thread(local_network.spawn_peer, "bystander")
        # Once the peer's onion is up (c-toxcore: ~7 s after start), the time to deliver our
        # request is ours: finding the peer's announcement and sending through it.
        await asyncio.to_thread(peer.wait_event, "self_connection", 60)
        t0 = time.monotonic()
        f = t.node.add_friend(peer.tox_id, UNICODE_MESSAGE, t.runtime.now)
        t.runtime.pump()
        req = await asyncio.to_thread(peer.wait_event, "friend_request", 90, public_key=t.node.public_key.hex().upper())
        took_request = time.monotonic() - t0
        assert req["text"] == UNICODE_MESSAGE
        assert req["accepted"] is not None
        ppk = bytes.fromhex(peer.public_key)
        took_key = await t.wait(lambda: f.dht_key is not None, 90, "the peer's DHT key")
        assert f.dht_key == bytes.fromhex(peer.dht_id)
        assert f.stage != Stage.AwaitingDHTKey
        seq = [e.stage for e in t.events if isinstance(e, Progress) and e.public_key == ppk]
        stages = [s for i, s in enumerate(seq) if i == 0 or seq[i - 1] != s]
        if f.dht_key_source in ("onion", "dht"):
            assert Stage.AcquiringIPAddress in stages
        else:
            # c-toxcore learned our key from our DHTPK, found our address and shook hands before
            # its own DHTPK reached us: the session layer learned its key from the handshake.
            assert f.dht_key_source == "handshake"
            assert t.node.dhtpk.counters["sent_onion"] + t.node.dhtpk.counters["sent_dht"] >= 1
        took_cookie = await t.wait(lambda: bytes.fromhex(peer.dht_id) in t.cookie_requests_from, 90,
                                   "a cookie request from the peer's DHT key")
        assert t.node.stats.by_kind[PacketKind.COOKIE_REQUEST] >= 1
        assert not [e for e in t.events if isinstance(e, FriendRequest)]
        assert t.node.stats.internal_errors == 0
        print(f"\nrequest delivered {took_request:.1f} s after add_friend; peer's DHT key "
              f"{took_request + took_key:.1f} s (via {f.dht_key_source}); cookie request from the peer "
              f"{took_request + took_key + took_cookie:.1f} s; stages {[x.value for x in stages]}")
    finally:
        await t.runtime.stop()


@pytest.mark.timeout(240)
async def test_toxgui_to_toxgui_through_a_ctoxcore_network(local_network: LocalNetwork) -> None:
    """Two toxgui nodes find each other on a network whose other nodes are c-toxcore
    (tox-bootstrapd and a peer): they announce on, and search, whichever of the four are closest."""
    a, b = Toxgui(), Toxgui()
    await a.runtime.start()
    await b.runtime.start()
    try:
        host, port, key = local_network.bootstrapd.node
        for x in (a, b):
            x.node.bootstrap(host, port, bytes.fromhex(key), x.runtime.now)
            x.runtime.pump()
        await asyncio.to_thread(local_network.spawn_peer, "relay")
        t0 = time.monotonic()
        a.node.add_friend(ToxId(b.node.public_key, b.node.nospam), "via c-toxcore", a.runtime.now)
        a.runtime.pump()
        await b.wait(lambda: any(isinstance(e, FriendRequest) for e in b.events), 60, "the request")
        b.node.accept_request(a.node.public_key, b.runtime.now)
        b.runtime.pump()
        fa = a.node.friends.get(b.node.public_key)
        fb = b.node.friends.get(a.node.public_key)
        assert fa is not None and fb is not None
        await a.wait(lambda: fa.dht_key == b.node.dht_public_key, 60, "b's DHT key")
        await b.wait(lambda: fb.dht_key == a.node.dht_public_key, 60, "a's DHT key")
        print(f"\ntoxgui <-> toxgui on a c-toxcore network: keys both ways in {time.monotonic() - t0:.2f} s")
    finally:
        await a.runtime.stop()
        await b.runtime.stop()


@pytest.mark.timeout(300)
def test_saved_friend_is_found_again_after_a_restart(local_network: LocalNetwork, tmp_path: Path) -> None:
    """toxgui befriends a c-toxcore peer, quits, and starts again from its profile (new DHT key,
    new port): the onion finds the peer again and the session comes back."""
    from tests.interop.network import PORTS

    profile = tmp_path / "restart.tox"
    boot = bootstrap_arg(local_network)
    peer = local_network.spawn_peer("friend", auto_accept=True)
    h = HeadlessProc(profile, "--bootstrap", boot, "--port", str(PORTS.allocate()))
    try:
        ready = h.wait_event("ready", 30)
        h.send(command="add_friend", tox_id=peer.tox_id, message="remember me")
        peer.wait_event("friend_request", 90, public_key=ready["public_key"])
        h.wait_event(lambda e: e.get("event") == "friend_connection" and e.get("public_key") == peer.public_key
                     and e.get("status") != "none", 90)
        h.send(command="quit")
        assert h.wait_exit(20) == 0
    finally:
        h.stop()
    t0 = time.monotonic()
    h = HeadlessProc(profile, "--bootstrap", boot, "--port", str(PORTS.allocate()))
    try:
        ready2 = h.wait_event("ready", 30)
        assert ready2["public_key"] == ready["public_key"] and ready2["dht_key"] != ready["dht_key"]
        ev = h.wait_event(lambda e: e.get("event") == "progress" and e.get("public_key") == peer.public_key
                          and e.get("stage") != "AwaitingDHTKey", 90)
        assert ev["details"]["dht_key"] == peer.dht_id
        key_after = time.monotonic() - t0
        h.wait_event(lambda e: e.get("event") == "friend_connection" and e.get("public_key") == peer.public_key
                     and e.get("status") != "none", 90)
        print(f"\nafter a restart: peer's DHT key in {key_after:.1f} s, online in {time.monotonic() - t0:.1f} s")
        h.send(command="quit")
        assert h.wait_exit(20) == 0
    finally:
        h.stop()


@pytest.mark.timeout(240)
async def test_ctoxcore_peers_use_toxgui_as_onion_node(ctox_peers: Callable[..., CToxPeer]) -> None:
    """Two c-toxcore peers whose only bootstrap node is a toxgui node become friends; toxgui
    answers their announce requests (announce store) and routes their onion packets (relay)."""
    t = Toxgui()
    port = await t.runtime.start()
    try:
        boot = [("127.0.0.1", port, t.node.dht_public_key.hex().upper())]
        a = await asyncio.to_thread(ctox_peers, bootstrap=boot, label="a")
        b = await asyncio.to_thread(ctox_peers, bootstrap=boot, label="b", auto_accept=True)
        t0 = time.monotonic()
        fa = (await asyncio.to_thread(a.command, "add_friend", 15.0, tox_id=b.tox_id, text="through toxgui"))["friend"]
        req = await asyncio.to_thread(b.wait_event, "friend_request", 90, public_key=a.public_key)
        assert req["text"] == "through toxgui"
        await asyncio.to_thread(a.wait_event, "friend_connection", 90, friend=fa, status=2)
        took = time.monotonic() - t0
        store, relay = t.node.onion.store, t.node.onion.relay
        assert store.answered > 0 and relay.relayed > 0
        assert t.node.stats.internal_errors == 0
        print(f"\nc-toxcore peers befriended through a toxgui bootstrap node in {took:.1f} s; toxgui answered "
              f"{store.answered} announce requests, stored {len(store.entries)} announcements, forwarded "
              f"{store.forwarded} data requests and relayed {relay.relayed} onion packets")
    finally:
        await t.runtime.stop()


@pytest.mark.timeout(240)
def test_requests_to_an_old_nospam_are_dropped(local_network: LocalNetwork, tmp_path: Path) -> None:
    h = HeadlessProc(tmp_path / "nospam.tox", "--bootstrap", bootstrap_arg(local_network))
    try:
        old_id = h.wait_event("ready", timeout=30)["tox_id"]
        h.send(command="set_nospam", nospam="C0FFEE01")
        new_id = h.wait_event("tox_id", 10)["tox_id"]
        assert new_id[:64] == old_id[:64] and new_id[64:72] == "C0FFEE01" and new_id != old_id
        stale = local_network.spawn_peer("stale")
        stale.add_friend(old_id, "to the old address")
        deadline = time.monotonic() + 90
        dropped = 0
        while dropped == 0 and time.monotonic() < deadline:
            h.send(command="status")
            dropped = h.wait_event("status", 10)["friend_requests_dropped_nospam"]
            if dropped == 0:
                time.sleep(0.5)  # polling the status command, not waiting for an event
        assert dropped >= 1
        fresh = local_network.spawn_peer("fresh")
        fresh.add_friend(new_id, "to the new address")
        ev = h.wait_event("friend_request", 90)
        assert ev["public_key"] == fresh.public_key and ev["message"] == "to the new address"
        h.send(command="status")
        assert stale.public_key not in h.wait_event("status", 10)["friend_requests_pending"]
        h.send(command="quit")
        assert h.wait_exit(20) == 0
    finally:
        h.stop()


@pytest.mark.timeout(300)
async def test_ctoxcore_friend_restarts_with_a_new_dht_key(local_network: LocalNetwork, tmp_path: Path) -> None:
    """A c-toxcore friend goes away and comes back from its savedata (new DHT key, new data key,
    new port): toxgui's search finds its new announcement and learns the new DHT key."""
    from toxgui.core.events import FriendConnection

    t = Toxgui()
    await t.runtime.start()
    save = tmp_path / "peer.tox"
    try:
        host, port, key = local_network.bootstrapd.node
        t.node.bootstrap(host, port, bytes.fromhex(key), t.runtime.now)
        t.runtime.pump()
        peer = await asyncio.to_thread(local_network.spawn_peer, "first", auto_accept=True, savedata_file=save)
        ppk = bytes.fromhex(peer.public_key)
        f = t.node.add_friend(peer.tox_id, "hello", t.runtime.now)
        t.runtime.pump()
        await t.wait(lambda: f.dht_key == bytes.fromhex(peer.dht_id), 90, "the first DHT key")
        await t.wait(lambda: any(isinstance(e, FriendConnection) and e.public_key == ppk and e.status != "none"
                                 for e in t.events), 90, "the friend online")
        await asyncio.to_thread(peer.command, "get_savedata")
        old_key = f.dht_key
        await asyncio.to_thread(peer.stop)
        again = await asyncio.to_thread(local_network.spawn_peer, "again", savedata_file=save)
        assert again.public_key == peer.public_key and again.dht_id != peer.dht_id
        took = await t.wait(lambda: f.dht_key == bytes.fromhex(again.dht_id), 120, "the new DHT key")
        assert f.dht_key != old_key
        print(f"\nc-toxcore friend restarted: new DHT key learned {took:.1f} s after it started "
              f"(via {f.dht_key_source})")
        assert t.node.stats.internal_errors == 0
    finally:
        await t.runtime.stop()
