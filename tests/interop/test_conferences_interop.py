"""Conferences between toxgui (the application service) and real c-toxcore 0.2.18 peers on
loopback, all bootstrapped from a local tox-bootstrapd (members who are not friends find each
other by the DHT key the conference hands around, as c-toxcore's group.c does).

- toxgui creates a conference and invites two c-toxcore friends (who are not friends of each
  other);
- a c-toxcore peer creates one and invites toxgui, and toxgui invites a c-toxcore friend of its
  own into it.

In both, every member sees every member's messages (text, action, unicode, the longest allowed),
its own included, exactly once; titles go both ways; names arrive; the peer lists converge."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.interop import ctox
from tests.interop.network import CToxPeer, LocalNetwork
from toxgui.app.service import ClientOptions, ToxClient
from toxgui.core.conferences import MAX_MESSAGE_DATA, REASON_INTRODUCER, REASON_INTRODUCING
from toxgui.core.events import ConferenceInvite, ConferenceMessage, ConferenceTitle, Event, FriendConnection
from toxgui.core.friends import Friend, FriendStatus
from toxgui.store.profile import Profile

pytestmark = pytest.mark.timeout(300)
UDP = int(ctox.Connection.UDP)
LONGEST = ("ä" * (MAX_MESSAGE_DATA // 2) + "z" * (MAX_MESSAGE_DATA % 2))


class App:
    """toxgui's application service, recording its events."""

    def __init__(self, path: Path, net: LocalNetwork, load: bool = False) -> None:
        host, port, key = net.bootstrapd.node
        self.client = ToxClient(
            Profile.load(path) if load else Profile.create(path, name="toxgui"),
            ClientOptions(bind_host="127.0.0.1", ipv6=False, lan_discovery=False,
                          bootstrap=[(host, port, bytes.fromhex(key))]),
        )
        self.events: list[Event] = []
        self._changed = asyncio.Event()
        self.client.subscribe(self._on)

    def _on(self, ev: Event) -> None:
        self.events.append(ev)
        self._changed.set()

    async def wait(self, pred: Callable[[], bool], within: float, what: str) -> None:
        deadline = time.monotonic() + within
        while not pred():
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"toxgui: no {what} within {within} s")
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), min(left, 0.5))
            except TimeoutError:
                pass

    def messages(self, cid: bytes) -> Counter[tuple[str, bool, str]]:
        return Counter((e.peer_public_key.hex().upper(), e.kind == "action", e.text) for e in self.events
                       if isinstance(e, ConferenceMessage) and e.conference_id == cid)


async def pcmd(peer: CToxPeer, cmd: str, **args: object) -> dict:
    return await asyncio.to_thread(peer.command, cmd, 15.0, **args)


async def pwait(peer: CToxPeer, name: str, within: float = 60.0, **fields: object) -> dict:
    return await asyncio.to_thread(peer.wait_event, name, within, **fields)


def peer_messages(peer: CToxPeer, conference: int) -> Counter[tuple[str, bool, str]]:
    return Counter((e["public_key"], bool(e["action"]), e["text"])
                   for e in peer.find_events("conference_message", conference=conference))


async def until(pred: Callable[[], bool], within: float, what: str) -> None:
    deadline = time.monotonic() + within
    while not pred():
        if time.monotonic() > deadline:
            raise AssertionError(f"no {what} within {within} s")
        await asyncio.sleep(0.1)  # polling a condition on other processes, bounded by the deadline


async def befriend(app: App, peer: CToxPeer) -> int:
    """Confirmed friends both ways, toxgui told the peer's address; returns the peer's number
    for toxgui."""
    c = app.client
    ppk = bytes.fromhex(peer.public_key)
    fnum = (await pcmd(peer, "add_friend_norequest", public_key=c.public_key.hex()))["friend"]
    c.node.friends.add(Friend(ppk, status=FriendStatus.CONFIRMED), c.runtime.now)
    c.set_route(ppk, peer.dht_id, "127.0.0.1", peer.udp_port)
    await pwait(peer, "friend_connection", 30, friend=fnum, status=UDP)
    await app.wait(lambda: any(isinstance(e, FriendConnection) and e.public_key == ppk and e.status != "none"
                               for e in app.events), 30, "friend online")
    return int(fnum)


async def peer_list_converges(app: App, cid: bytes, peers: list[tuple[CToxPeer, int]], within: float = 90) -> None:
    everyone = {app.client.public_key.hex().upper(), *(p.public_key for p, _ in peers)}

    def ours() -> bool:
        c = app.client.node.conferences.get(cid)
        return c is not None and {p.real_pk.hex().upper() for p in c.peers.values()} == everyone

    await app.wait(ours, within, "complete peer list")
    for p, conf in peers:
        async def theirs(p: CToxPeer = p, conf: int = conf) -> bool:
            info = await pcmd(p, "conference_info", conference=conf)
            return {x["public_key"] for x in info["peers"]} == everyone
        deadline = time.monotonic() + within
        while not await theirs():
            assert time.monotonic() < deadline, f"{p.label}: peer list did not converge"
            await asyncio.sleep(0.2)


async def exchange(app: App, cid: bytes, peers: list[tuple[CToxPeer, int]]) -> None:
    """Each member sends a text, an action with unicode and the longest message; every member
    sees every one exactly once (its own too)."""
    c = app.client
    me = c.public_key.hex().upper()
    before_app = app.messages(cid)
    before = {p.label: peer_messages(p, conf) for p, conf in peers}
    want: Counter[tuple[str, bool, str]] = Counter()
    c.conference_send(cid, "hello from toxgui")
    c.conference_send(cid, "winkt 👋 from toxgui", "action")
    c.conference_send(cid, LONGEST)
    want.update([(me, False, "hello from toxgui"), (me, True, "winkt 👋 from toxgui"), (me, False, LONGEST)])
    for p, conf in peers:
        await pcmd(p, "conference_send", conference=conf, text=f"hello from {p.label}")
        await pcmd(p, "conference_send", conference=conf, text=f"nickt 🙂 {p.label}", action=True)
        await pcmd(p, "conference_send", conference=conf, text=LONGEST)
        want.update([(p.public_key, False, f"hello from {p.label}"), (p.public_key, True, f"nickt 🙂 {p.label}"),
                     (p.public_key, False, LONGEST)])

    def new_app() -> Counter[tuple[str, bool, str]]:
        return app.messages(cid) - before_app

    def new_peer(p: CToxPeer, conf: int) -> Counter[tuple[str, bool, str]]:
        return peer_messages(p, conf) - before[p.label]

    def covers(got: Counter[tuple[str, bool, str]]) -> bool:
        return all(got[k] >= v for k, v in want.items())

    await until(lambda: covers(new_app()) and all(covers(new_peer(p, n)) for p, n in peers), 90,
                "every message at every member")
    await asyncio.sleep(3)  # then nothing more arrives: exactly once (a bounded quiet period)
    assert new_app() == want
    for p, conf in peers:
        assert new_peer(p, conf) == want, p.label


async def test_toxgui_creates_and_invites_two_ctoxcore_friends(local_network: LocalNetwork, tmp_path: Path) -> None:
    p1 = await asyncio.to_thread(local_network.spawn_peer, "alice")
    p2 = await asyncio.to_thread(local_network.spawn_peer, "bob")
    await pcmd(p1, "set_name", text="Alice")
    await pcmd(p2, "set_name", text="Bob")
    app = App(tmp_path / "me.tox", local_network)
    c = app.client
    await c.start()
    try:
        c.set_name("toxgui ü")
        f1 = await befriend(app, p1)
        f2 = await befriend(app, p2)
        conf = c.conference_new("Runde")
        cid = conf.conference_id
        joined: list[tuple[CToxPeer, int]] = []
        for p, f in ((p1, f1), (p2, f2)):
            c.conference_invite(cid, bytes.fromhex(p.public_key))
            inv = await pwait(p, "conference_invite", 30, friend=f)
            assert inv["type"] == 0 and len(inv["cookie"]) == 70
            r = await pcmd(p, "conference_join", friend=f, cookie=inv["cookie"])
            assert r["conference_id"] == cid.hex().upper()
            await pwait(p, "conference_connected", 30, conference=r["conference"])
            joined.append((p, r["conference"]))
        await peer_list_converges(app, cid, joined)
        # titles both ways: ours reached them on joining; theirs reaches us
        for p, n in joined:
            assert (await pcmd(p, "conference_info", conference=n))["title"] == "Runde"
        await pcmd(p2, "conference_set_title", conference=joined[1][1], text="Neue Runde ✓")
        await app.wait(lambda: any(isinstance(e, ConferenceTitle) and e.title == "Neue Runde ✓" for e in app.events),
                       30, "title from c-toxcore")
        await pwait(p1, "conference_title", 30, title="Neue Runde ✓")
        c.conference_set_title(cid, "Dritte Runde")
        for p, _ in joined:
            await pwait(p, "conference_title", 30, title="Dritte Runde")
        # names: theirs at toxgui, ours at theirs
        await app.wait(lambda: {p.name for p in c.node.conferences.get(cid).peers.values()}  # type: ignore[union-attr]
                       >= {b"Alice", b"Bob"}, 30, "names")
        for p, n in joined:
            info = await pcmd(p, "conference_info", conference=n)
            names = {x["public_key"]: x["name"] for x in info["peers"]}
            assert names[c.public_key.hex().upper()] == "toxgui ü"
        await exchange(app, cid, joined)
        assert c.node.stats.internal_errors == 0
    finally:
        await c.stop()


async def test_ctoxcore_creates_and_invites_toxgui(local_network: LocalNetwork, tmp_path: Path) -> None:
    p1 = await asyncio.to_thread(local_network.spawn_peer, "carol")
    p2 = await asyncio.to_thread(local_network.spawn_peer, "dave")
    await pcmd(p1, "set_name", text="Carol")
    await pcmd(p2, "set_name", text="Dave")
    app = App(tmp_path / "me.tox", local_network)
    c = app.client
    await c.start()
    try:
        f1 = await befriend(app, p1)
        f2 = await befriend(app, p2)
        r = await pcmd(p1, "conference_new")
        n1 = r["conference"]
        cid = bytes.fromhex(r["conference_id"])
        await pcmd(p1, "conference_set_title", conference=n1, text="Carols Runde")
        await pcmd(p1, "conference_invite", friend=f1, conference=n1)
        await app.wait(lambda: any(isinstance(e, ConferenceInvite) for e in app.events), 30, "invite")
        inv = next(e for e in app.events if isinstance(e, ConferenceInvite))
        assert inv.public_key == bytes.fromhex(p1.public_key) and inv.conference_id == cid
        joined = c.conference_join(inv.public_key, inv.invite)
        assert joined.conference_id == cid
        await app.wait(lambda: any(isinstance(e, ConferenceTitle) and e.title == "Carols Runde" for e in app.events),
                       30, "the title on joining")
        # toxgui invites its own friend (not a friend of the founder) into the founder's conference
        await app.wait(lambda: c.node.conferences.get(cid) is not None
                       and c.node.conferences.get(cid).status == 2, 30, "connected")  # type: ignore[union-attr]
        c.conference_invite(cid, bytes.fromhex(p2.public_key))
        inv2 = await pwait(p2, "conference_invite", 30, friend=f2)
        r2 = await pcmd(p2, "conference_join", friend=f2, cookie=inv2["cookie"])
        await pwait(p2, "conference_connected", 30, conference=r2["conference"])
        peers = [(p1, n1), (p2, r2["conference"])]
        await peer_list_converges(app, cid, peers)
        await app.wait(lambda: {p.name for p in c.node.conferences.get(cid).peers.values()}  # type: ignore[union-attr]
                       >= {b"Carol", b"Dave"}, 30, "names")
        c.conference_set_title(cid, "Von toxgui")
        for p, _ in peers:
            await pwait(p, "conference_title", 30, title="Von toxgui")
        await exchange(app, cid, peers)
        # invites between members are answered "already a member" (INVITE_MEMBER) both ways:
        # no new invite is shown, nobody is listed twice, and messages still arrive exactly once
        invites = sum(isinstance(e, ConferenceInvite) for e in app.events)
        conf = c.node.conferences.get(cid)
        assert conf is not None

        def introducing(p: CToxPeer) -> bool:  # the link an invite between members opens
            ln = conf.links.get(bytes.fromhex(p.public_key))
            return ln is not None and bool(ln.reasons & REASON_INTRODUCER) and bool(ln.reasons & REASON_INTRODUCING)

        await pcmd(p1, "conference_invite", friend=f1, conference=n1)
        await app.wait(lambda: introducing(p1), 30, "toxgui's member answer to c-toxcore's invite")
        c.conference_invite(cid, bytes.fromhex(p2.public_key))
        await app.wait(lambda: introducing(p2), 30, "c-toxcore's member answer to toxgui's invite")
        assert sum(isinstance(e, ConferenceInvite) for e in app.events) == invites
        assert len(p2.find_events("conference_invite", friend=f2)) == 1  # only the first one
        await peer_list_converges(app, cid, peers)
        assert len(c.node.conferences.get(cid).peers) == 3  # type: ignore[union-attr]
        await exchange(app, cid, peers)
        assert c.node.stats.internal_errors == 0
    finally:
        await c.stop()


async def ctox_befriend(a: CToxPeer, b: CToxPeer) -> tuple[int, int]:
    """Two c-toxcore peers as confirmed friends of each other (no request), once both see the
    other online; returns (b's number on a, a's number on b)."""
    fa = (await pcmd(a, "add_friend_norequest", public_key=b.public_key))["friend"]
    fb = (await pcmd(b, "add_friend_norequest", public_key=a.public_key))["friend"]
    await pwait(a, "friend_connection", 90, friend=fa, status=UDP)
    await pwait(b, "friend_connection", 90, friend=fb, status=UDP)
    return int(fa), int(fb)


@pytest.mark.slow
async def test_five_members_leave_and_toxgui_restart(local_network: LocalNetwork, tmp_path: Path) -> None:
    """toxgui and four c-toxcore peers, friends only along T-P1, T-P2, P1-P3, P2-P4: the
    conference is joined along the friendships and the mesh is made of links between members who
    are not friends.  A message from any member reaches all; a member leaves and the others drop
    it; toxgui restarts from its profile and is back in the same conference."""
    peers = [await asyncio.to_thread(local_network.spawn_peer, f"m{i}") for i in range(1, 5)]
    p1, p2, p3, p4 = peers
    for i, p in enumerate(peers, 1):
        await pcmd(p, "set_name", text=f"member {i}")
    path = tmp_path / "me.tox"
    app = App(path, local_network)
    c = app.client
    await c.start()
    try:
        f1 = await befriend(app, p1)
        f2 = await befriend(app, p2)
        (f13, f31), (f24, f42) = await ctox_befriend(p1, p3), await ctox_befriend(p2, p4)
        cid = c.conference_new("Fünf").conference_id
        members: list[tuple[CToxPeer, int]] = []

        async def join(inviter: CToxPeer | None, inviter_conf: int, friend_on_inviter: int, p: CToxPeer,
                       friend_on_p: int) -> None:
            if inviter is None:
                c.conference_invite(cid, bytes.fromhex(p.public_key))
            else:
                await pcmd(inviter, "conference_invite", friend=friend_on_inviter, conference=inviter_conf)
            inv = await pwait(p, "conference_invite", 30, friend=friend_on_p)
            r = await pcmd(p, "conference_join", friend=friend_on_p, cookie=inv["cookie"])
            await pwait(p, "conference_connected", 30, conference=r["conference"])
            members.append((p, r["conference"]))

        fmap = {p1: (await pcmd(p1, "friend_list"))["friends"], p2: (await pcmd(p2, "friend_list"))["friends"]}
        t_on = {p: next(x["friend"] for x in fl if x["public_key"] == c.public_key.hex().upper())
                for p, fl in fmap.items()}
        await join(None, 0, 0, p1, t_on[p1])
        await join(None, 0, 0, p2, t_on[p2])
        await join(p1, members[0][1], f13, p3, f31)
        await join(p2, members[1][1], f24, p4, f42)
        del f1, f2
        await peer_list_converges(app, cid, members, within=120)
        await exchange(app, cid, members)
        # the mesh: with five members everyone is among everyone's 4 closest, so toxgui holds
        # online links (sessions through the conference) with p3 and p4, who are not its friends
        conf = c.node.conferences.get(cid)
        assert conf is not None

        def linked(pk: bytes) -> bool:
            ln = conf.links.get(pk)  # type: ignore[union-attr]
            return ln is not None and ln.online and c.node.friend_connection.is_online(pk)

        strangers = [bytes.fromhex(p.public_key) for p in (p3, p4)]
        assert not any(pk in c.node.friends for pk in strangers)
        await app.wait(lambda: all(linked(pk) for pk in strangers), 60, "links with non-friends")

        # p3 leaves for good: everyone else drops it
        await pcmd(p3, "conference_delete", conference=members[2][1])
        rest = [m for m in members if m[0] is not p3]
        await peer_list_converges(app, cid, rest, within=60)
        await exchange(app, cid, rest)

        # toxgui restarts from its saved profile: the same conference id, and messages again
        await c.stop()
        c.profile.close()
        app = App(path, local_network, load=True)
        c = app.client
        await c.start()
        assert c.node.conferences.get(cid) is not None
        assert c.node.conferences.get(cid).title == "Fünf".encode()  # type: ignore[union-attr]
        for p in (p1, p2):
            c.set_route(bytes.fromhex(p.public_key), p.dht_id, "127.0.0.1", p.udp_port)
        await peer_list_converges(app, cid, rest, within=120)
        await exchange(app, cid, rest)
        assert c.node.stats.internal_errors == 0
    finally:
        await c.stop()
