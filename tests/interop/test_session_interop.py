"""toxgui sessions and chat against a real c-toxcore 0.2.18 peer on loopback.

toxgui binds 127.0.0.1 with LAN discovery off; the c-toxcore peer has UDP on, LAN discovery off.
No onion is involved: toxgui is told the peer's DHT key and address (from its `ready` event) with
`friend_connection.set_route`, cookie-requests it and sends the handshake.  c-toxcore accepts an
inbound handshake from a friend it has no connection to yet (handle_new_connection_handshake) and
learns toxgui's DHT key from the cookie.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.interop import ctox
from tests.interop.network import CToxPeer
from toxgui.core.crypto import KeyPair, SystemRng
from toxgui.core.events import (
    Event,
    FriendConnection,
    FriendName,
    FriendStatusMessage,
    FriendTyping,
    FriendUserStatus,
    Message,
    Progress,
    Receipt,
    Stage,
)
from toxgui.core.friends import Friend
from toxgui.core.node import NodeConfig, ToxNode
from toxgui.net.runtime import ToxRuntime

UDP = int(ctox.Connection.UDP)
NONE = int(ctox.Connection.NONE)


class Toxgui:
    """A toxgui node on the asyncio runtime, bound to 127.0.0.1, recording its events."""

    def __init__(self) -> None:
        rng = SystemRng()
        self.node = ToxNode(KeyPair.generate(rng), rng.bytes(4), rng, NodeConfig(ipv6=False, lan_discovery=False))
        self.runtime = ToxRuntime(self.node, port=None, bind_host="127.0.0.1", ipv6=False)
        self.events: list[tuple[float, Event]] = []
        self._changed = asyncio.Event()
        self.runtime.subscribe(self._on_event)

    def _on_event(self, ev: Event) -> None:
        self.events.append((time.monotonic(), ev))
        self._changed.set()

    @property
    def now(self) -> float:
        return self.runtime.now

    def of(self, kind: type, pred: Callable[[Event], bool] = lambda e: True) -> list:
        return [e for _, e in self.events if isinstance(e, kind) and pred(e)]

    async def wait(self, cond: Callable[[], object], within: float, what: str) -> None:
        deadline = time.monotonic() + within
        while not cond():
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"toxgui: timed out after {within} s waiting for {what}")
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), min(left, 0.5))
            except TimeoutError:
                pass

    def route_to(self, peer: CToxPeer) -> None:
        pk = bytes.fromhex(peer.public_key)
        self.node.friend_connection.set_route(pk, bytes.fromhex(peer.dht_id), ("127.0.0.1", peer.udp_port), self.now)
        self.runtime.pump()

    def act(self, fn: Callable[..., object], *args: object) -> object:
        out = fn(*args, self.now)
        self.runtime.pump()
        return out


async def peer_wait(peer: CToxPeer, event_name: str, within: float = 20.0, **fields: object) -> dict:
    return await asyncio.to_thread(peer.wait_event, event_name, within, **fields)


async def peer_cmd(peer: CToxPeer, cmd: str, **args: object) -> dict:
    return await asyncio.to_thread(peer.command, cmd, 15.0, **args)


@pytest.mark.timeout(240)
async def test_sessions_and_chat_against_ctoxcore(ctox_peers: Callable[..., CToxPeer], tmp_path: Path) -> None:
    save = tmp_path / "peer.tox"
    peer = await asyncio.to_thread(ctox_peers, savedata_file=save, label="chat")
    t = Toxgui()
    await t.runtime.start()
    try:
        ppk = bytes.fromhex(peer.public_key)
        fnum = (await peer_cmd(peer, "add_friend_norequest", public_key=t.node.public_key.hex()))["friend"]
        t.node.friends.add(Friend(ppk), t.now)
        t0 = time.monotonic()
        t.route_to(peer)

        # --- both sides reach the session: toxgui Established, c-toxcore friend_connection UDP
        await peer_wait(peer, "friend_connection", 20, friend=fnum, status=UDP)
        await t.wait(lambda: t.node.messenger.is_online(ppk), 20, "the peer online")
        took = time.monotonic() - t0
        friend = t.node.friends.get(ppk)
        assert friend.stage == Stage.Established
        seq = [e.stage for e in t.of(Progress)]
        order = [s for i, s in enumerate(seq) if i == 0 or seq[i - 1] != s]
        assert order == [Stage.AcquiringCookie, Stage.AwaitingHandshake, Stage.AwaitingSessionPacket,
                         Stage.Established]
        assert t.of(FriendConnection)[-1].status == "udp"
        assert took < 5.0, took
        print(f"toxgui -> c-toxcore: both sides connected {took * 1000:.1f} ms after the route was given")

        # --- messages toxgui -> c-toxcore, with receipts
        texts = ["x", "é" * 686, "héllo wörld ☃ 🐍", "waves"]
        assert len(texts[1].encode()) == 1372
        ids = []
        for i, text in enumerate(texts):
            ids += t.act(t.node.send_message, ppk, text, "action" if i == 3 else "normal")
        got = [await peer_wait(peer, "friend_message", 10, friend=fnum) for _ in texts]
        assert [g["text"] for g in got] == texts
        assert [g["action"] for g in got] == [False, False, False, True]
        await t.wait(lambda: [r.id for r in t.of(Receipt)] == ids, 10, "receipts from c-toxcore")
        # message round trip: toxgui send -> c-toxcore receipt back at toxgui
        rtts = []
        for i in range(20):
            t1 = time.monotonic()
            mid = t.act(t.node.send_message, ppk, f"ping {i}", "normal")[0]
            await t.wait(lambda m=mid: t.of(Receipt) and t.of(Receipt)[-1].id == m, 10, "a receipt")
            rtts.append(time.monotonic() - t1)
            await peer_wait(peer, "friend_message", 10, friend=fnum, text=f"ping {i}")
        rtts.sort()
        print(f"toxgui -> c-toxcore message to receipt: p50 {rtts[10] * 1000:.1f} ms, max {rtts[-1] * 1000:.1f} ms")

        # --- messages c-toxcore -> toxgui, with receipts on the c-toxcore side
        for i, text in enumerate(texts):
            mid = (await peer_cmd(peer, "send_message", friend=fnum, text=text, action=i == 3))["message_id"]
            await peer_wait(peer, "read_receipt", 10, friend=fnum, message_id=mid)
        await t.wait(lambda: len(t.of(Message)) == 4, 10, "messages from c-toxcore")
        assert [(m.kind, m.text) for m in t.of(Message)] == [
            ("action" if i == 3 else "normal", s) for i, s in enumerate(texts)
        ]
        # a long text from toxgui is split and arrives whole, in order
        long_text = ("word " * 700).strip()
        t.act(t.node.send_message, ppk, long_text, "normal")
        parts = [await peer_wait(peer, "friend_message", 10, friend=fnum) for _ in range(3)]
        assert "".join(p["text"] for p in parts) == long_text

        # --- name, status message, user status and typing: c-toxcore -> toxgui
        await peer_cmd(peer, "set_name", text="Ctox Peer ☃")
        await peer_cmd(peer, "set_status_message", text="busy testing")
        await peer_cmd(peer, "set_status", status=1)
        await peer_cmd(peer, "set_typing", friend=fnum, typing=True)
        await t.wait(lambda: t.of(FriendName) and t.of(FriendStatusMessage) and t.of(FriendUserStatus)
                     and t.of(FriendTyping), 10, "name/status/typing from c-toxcore")
        assert t.of(FriendName)[-1].name == "Ctox Peer ☃"
        assert t.of(FriendStatusMessage)[-1].status_message == "busy testing"
        assert t.of(FriendUserStatus)[-1].status == "away"
        assert t.of(FriendTyping)[-1].on is True
        assert friend.name == "Ctox Peer ☃".encode()

        # --- and toxgui -> c-toxcore
        t.act(t.node.set_name, "toxgui ✓".encode())
        t.act(t.node.set_status_message, b"from python")
        t.act(t.node.set_status, 2)
        t.act(t.node.set_typing, ppk, True)
        assert (await peer_wait(peer, "friend_name", 10, friend=fnum, name="toxgui ✓"))
        assert (await peer_wait(peer, "friend_status_message", 10, friend=fnum, status_message="from python"))
        assert (await peer_wait(peer, "friend_status", 10, friend=fnum, status=2))
        assert (await peer_wait(peer, "friend_typing", 10, friend=fnum, typing=True))
        t.act(t.node.set_typing, ppk, False)
        assert (await peer_wait(peer, "friend_typing", 10, friend=fnum, typing=False))

        # --- the peer quits: its kill packet takes it offline at once
        await peer_cmd(peer, "get_savedata")
        t_quit = time.monotonic()
        await asyncio.to_thread(peer.stop)
        await t.wait(lambda: not t.node.messenger.is_online(ppk), 32, "the peer offline")
        assert time.monotonic() - t_quit < 5.0
        assert t.of(FriendConnection)[-1].status == "none"

        # --- the peer restarts: same long-term key, new DHT key, new port.  No onion here, so
        #     the route is injected again (the onion layer would learn it from the DHTPK).
        old_dht = peer.dht_id
        peer2 = await asyncio.to_thread(ctox_peers, savedata_file=save, label="chat2")
        assert peer2.public_key == peer.public_key and peer2.dht_id != old_dht
        assert peer2.udp_port != peer.udp_port
        n_online = len(t.of(FriendConnection, lambda e: e.status == "udp"))
        t.route_to(peer2)
        await peer_wait(peer2, "friend_connection", 20, status=UDP)
        await t.wait(lambda: len(t.of(FriendConnection, lambda e: e.status == "udp")) > n_online, 20,
                     "the restarted peer online")
        assert friend.dht_key == bytes.fromhex(peer2.dht_id)
        ids = t.act(t.node.send_message, ppk, "welcome back", "normal")
        assert (await peer_wait(peer2, "friend_message", 10, text="welcome back"))
        await t.wait(lambda: t.of(Receipt) and t.of(Receipt)[-1].id == ids[-1], 10, "the last receipt")

        # --- a peer that goes silent (killed without a word) is offline within 32 s
        t_kill = time.monotonic()
        peer2.proc.kill()
        await t.wait(lambda: not t.node.messenger.is_online(ppk), 40, "the silent peer offline")
        assert time.monotonic() - t_kill <= 34.0
        assert t.node.stats.internal_errors == 0
    finally:
        await t.runtime.stop()


@pytest.mark.timeout(120)
async def test_cookie_request_to_a_gone_peer_falls_back(ctox_peers: Callable[..., CToxPeer]) -> None:
    peer = await asyncio.to_thread(ctox_peers, label="gone")
    t = Toxgui()
    await t.runtime.start()
    try:
        ppk = bytes.fromhex(peer.public_key)
        t.node.friends.add(Friend(ppk), t.now)
        await asyncio.to_thread(peer.stop)
        t.route_to(peer)
        friend = t.node.friends.get(ppk)
        await t.wait(lambda: friend.stage == Stage.AcquiringCookie, 5, "AcquiringCookie")
        await t.wait(lambda: friend.stage == Stage.AcquiringIPAddress, 15, "the fall back")
        assert friend.facts(t.now).cookie_timeouts == 1
    finally:
        await t.runtime.stop()


@pytest.mark.timeout(180)
def test_headless_chat_and_a_queue_that_survives_a_restart(
    ctox_peers: Callable[..., CToxPeer], tmp_path: Path
) -> None:
    """`toxgui --headless` against c-toxcore: a message written while the friend is unreachable
    is kept across a restart of toxgui and delivered (with its receipt) once the session is up."""
    from tests.app.headless_proc import HeadlessProc
    from toxgui.core.savedata import FriendRecord, SaveData

    peer = ctox_peers(label="headless")
    profile = tmp_path / "bot.tox"
    sd = SaveData.new(SystemRng(), name=b"bot")
    sd.friends.append(FriendRecord(bytes.fromhex(peer.public_key)))
    profile.write_bytes(sd.to_bytes())
    me = sd.keys.public.hex().upper()
    fnum = peer.command("add_friend_norequest", public_key=me)["friend"]

    h = HeadlessProc(profile)
    try:
        h.wait_event("ready")
        h.send(command="send", public_key=peer.public_key, text="written while you were away")
        sent = h.wait_event("sent")
        assert sent["public_key"] == peer.public_key and sent["parts"] == 1
        h.send(command="quit")
        h.wait_event("quit")
        assert h.wait_exit() == 0
    finally:
        h.stop()
    queue_file = tmp_path / "bot.queue.json"
    assert queue_file.exists()

    h = HeadlessProc(profile)
    try:
        ready = h.wait_event("ready")
        assert ready["public_key"] == me
        h.send(command="route", public_key=peer.public_key, dht_key=peer.dht_id, host="127.0.0.1",
               port=peer.udp_port)
        assert peer.wait_event("friend_message", 20, friend=fnum)["text"] == "written while you were away"
        assert h.wait_event(lambda e: e["event"] == "receipt")["id"] == sent["id"]
        h.wait_event(lambda e: e["event"] == "friend_connection" and e["status"] == "udp")
        stages = [e["stage"] for e in h.seen if e["event"] == "progress"]
        assert "Established" in stages
        # both directions, with the typing flag and the name on the way
        peer.command("send_message", friend=fnum, text="got it ☃")
        assert h.wait_event(lambda e: e["event"] == "message")["text"] == "got it ☃"
        peer.command("set_name", text="ctox")
        assert h.wait_event(lambda e: e["event"] == "name")["name"] == "ctox"
        h.send(command="typing", public_key=peer.public_key, on=True)
        assert peer.wait_event("friend_typing", 10, friend=fnum, typing=True)
        h.send(command="send", public_key=peer.public_key, text="y" * 1500, kind="action")
        parts = [h.wait_event("sent"), h.wait_event("sent")]
        assert [p["part"] for p in parts] == [1, 2]
        got = [peer.wait_event("friend_message", 10, friend=fnum) for _ in range(2)]
        assert "".join(g["text"] for g in got) == "y" * 1500 and all(g["action"] for g in got)
        for p in parts:
            h.wait_event(lambda e, i=p["id"]: e["event"] == "receipt" and e["id"] == i)
        # the queued message arrived exactly once (nothing was re-sent after its receipt)
        assert len(peer.find_events("friend_message", friend=fnum, text="written while you were away")) == 1
        h.send(command="quit")
        h.wait_event("quit")
    finally:
        h.stop()
    assert not queue_file.exists()  # everything was confirmed


@pytest.mark.timeout(300)
async def test_full_flow_through_the_onion_no_route_given(local_network, tmp_path: Path) -> None:
    """Nothing injected: a c-toxcore peer sends toxgui a friend request through the onion, toxgui
    accepts, each side finds the other (onion DHTPK, DHT), the session comes up and they chat.  The
    peer then restarts on a new port with a new DHT key and is found and reconnected again."""
    from toxgui.core.events import FriendRequest
    from toxgui.core.toxid import ToxId

    t = Toxgui()
    await t.runtime.start()
    try:
        host, port, key = local_network.bootstrapd.node
        t.node.bootstrap(host, port, bytes.fromhex(key), t.now)
        t.runtime.pump()
        save = tmp_path / "flow.tox"
        peer = await asyncio.to_thread(local_network.spawn_peer, "flow", savedata_file=save)
        ppk = bytes.fromhex(peer.public_key)
        t0 = time.monotonic()
        fnum = await asyncio.to_thread(peer.add_friend, str(ToxId(t.node.public_key, t.node.nospam)), "hi")
        await t.wait(lambda: t.of(FriendRequest), 90, "the friend request")
        t.act(t.node.accept_request, ppk)
        await peer_wait(peer, "friend_connection", 90, friend=fnum, status=UDP)
        await t.wait(lambda: t.node.messenger.is_online(ppk), 30, "the peer online")
        took = time.monotonic() - t0
        friend = t.node.friends.get(ppk)
        assert friend.stage == Stage.Established
        assert friend.dht_key == bytes.fromhex(peer.dht_id)
        ids = t.act(t.node.send_message, ppk, "found you ☃", "normal")
        assert (await peer_wait(peer, "friend_message", 10, friend=fnum))["text"] == "found you ☃"
        await t.wait(lambda: [r.id for r in t.of(Receipt)] == ids, 10, "the receipt")
        await peer_cmd(peer, "send_message", friend=fnum, text="and I you")
        await t.wait(lambda: t.of(Message), 10, "the answer")
        assert t.of(Message)[-1].text == "and I you"
        print(f"\nc-toxcore request -> accepted -> online both ways in {took:.1f} s (onion, no route given)")

        # restart: new port, new DHT key; found again through the onion
        await peer_cmd(peer, "get_savedata")
        await asyncio.to_thread(peer.stop)
        await t.wait(lambda: not t.node.messenger.is_online(ppk), 35, "the peer offline")
        n_udp = len(t.of(FriendConnection, lambda e: e.status == "udp"))
        t1 = time.monotonic()
        peer2 = await asyncio.to_thread(local_network.spawn_peer, "flow2", savedata_file=save)
        assert peer2.public_key == peer.public_key and peer2.dht_id != peer.dht_id
        await t.wait(lambda: len(t.of(FriendConnection, lambda e: e.status == "udp")) > n_udp, 90,
                     "the restarted peer online again")
        assert friend.dht_key == bytes.fromhex(peer2.dht_id)
        ids = t.act(t.node.send_message, ppk, "welcome back", "normal")
        assert (await peer_wait(peer2, "friend_message", 10, text="welcome back"))
        await t.wait(lambda: t.of(Receipt)[-1].id == ids[-1], 10, "the receipt")
        print(f"restarted c-toxcore peer (new port, new DHT key) online again in {time.monotonic() - t1:.1f} s")
        assert t.node.stats.internal_errors == 0
    finally:
        await t.runtime.stop()
