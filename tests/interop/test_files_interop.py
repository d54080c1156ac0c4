"""File transfers between toxgui (the application service, files on disk) and a real c-toxcore
peer on loopback: both directions, sizes at the chunk boundaries, resume by seek both ways,
cancel, and chat beside a running transfer.

toxgui is told the peer's DHT key and address (`set_route`), as in test_session_interop.py; the
peer's files go through tests/interop/peer.py (tox_file_send, tox_file_control, tox_file_seek,
tox_file_send_chunk and their callbacks)."""

from __future__ import annotations

import asyncio
import hashlib
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.interop import ctox
from tests.interop.network import CToxPeer
from toxgui.app.service import ClientOptions, ToxClient
from toxgui.app.transfers import AvatarChanged, FileCancelled, FileComplete, FileProgress, FileRequest
from toxgui.core.events import Event, FriendConnection
from toxgui.core.friends import Friend, FriendStatus
from toxgui.core.packets.messenger import MAX_FILE_DATA_SIZE
from toxgui.store.avatars import PNG_MAGIC
from toxgui.store.profile import Profile

pytestmark = pytest.mark.timeout(300)
UDP = int(ctox.Connection.UDP)


class App:
    """toxgui's application service, recording its events."""

    def __init__(self, path: Path) -> None:
        self.client = ToxClient(Profile.create(path, name="toxgui"),
                                ClientOptions(bind_host="127.0.0.1", ipv6=False, lan_discovery=False))
        self.events: list[Event] = []
        self._changed = asyncio.Event()
        self.client.subscribe(self._on)

    def _on(self, ev: Event) -> None:
        self.events.append(ev)
        self._changed.set()

    async def wait(self, pred: Callable[[Event], bool], within: float, what: str) -> Event:
        deadline = time.monotonic() + within
        seen = 0
        while True:
            for ev in self.events[seen:]:
                if pred(ev):
                    return ev
            seen = len(self.events)
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"toxgui: no {what} within {within} s")
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), min(left, 0.5))
            except TimeoutError:
                pass


async def peer_wait(peer: CToxPeer, name: str, within: float = 60.0, **fields: object) -> dict:
    return await asyncio.to_thread(peer.wait_event, name, within, **fields)


async def peer_cmd(peer: CToxPeer, cmd: str, **args: object) -> dict:
    return await asyncio.to_thread(peer.command, cmd, 15.0, **args)


def _file(path: Path, size: int) -> bytes:
    data = os.urandom(size)
    path.write_bytes(data)
    return data


async def _connected(ctox_peers: Callable[..., CToxPeer], tmp_path: Path) -> tuple[App, CToxPeer, int, bytes]:
    peer = await asyncio.to_thread(ctox_peers, label="files")
    app = App(tmp_path / "me.tox")
    c = app.client
    await c.start()
    ppk = bytes.fromhex(peer.public_key)
    fnum = (await peer_cmd(peer, "add_friend_norequest", public_key=c.public_key.hex()))["friend"]
    c.node.friends.add(Friend(ppk, status=FriendStatus.CONFIRMED), c.runtime.now)
    c.set_route(ppk, peer.dht_id, "127.0.0.1", peer.udp_port)
    await peer_wait(peer, "friend_connection", 30, friend=fnum, status=UDP)
    await app.wait(lambda e: isinstance(e, FriendConnection) and e.status != "none", 30, "the peer online")
    return app, peer, fnum, ppk


async def test_files_both_ways_with_ctoxcore(ctox_peers: Callable[..., CToxPeer], tmp_path: Path) -> None:
    app, peer, fnum, ppk = await _connected(ctox_peers, tmp_path)
    c = app.client
    try:
        # --- toxgui sends: empty, one short chunk, exactly two chunks, 3 MB ---
        for size in (0, 1, MAX_FILE_DATA_SIZE, MAX_FILE_DATA_SIZE + 1, 5 * 1024 * 1024):
            src = tmp_path / f"out-{size}.bin"
            data = _file(src, size)
            sent = c.send_file(ppk, str(src))
            assert sent.size == size and sent.name == src.name
            offer = await peer_wait(peer, "file_recv", 30, friend=fnum, kind=0)  # not the avatar offer
            assert offer["size"] == size and offer["kind"] == 0
            assert offer["file_id"] == sent.file_id.hex().upper()
            assert bytes.fromhex(offer["filename_hex"]) == src.name.encode()
            number = offer["file_number"]
            t0 = time.monotonic()
            await peer_cmd(peer, "file_accept", friend=fnum, file_number=number, path=str(tmp_path / f"peer-{size}"))
            done = await peer_wait(peer, "file_done", 120, friend=fnum, file_number=number)
            took = time.monotonic() - t0
            assert done["received"] == size and done["sha256"] == hashlib.sha256(data).hexdigest()
            ours = await app.wait(lambda e, t=sent.transfer: isinstance(e, FileComplete) and e.transfer == t,
                                  30, "the send complete")
            assert isinstance(ours, FileComplete) and ours.sha256 == done["sha256"] and ours.size == size
            if size >= 1_000_000:
                print(f"toxgui -> c-toxcore: {size / 1e6:.1f} MB in {took:.2f} s ({size / took / 1e6:.2f} MB/s)")

        # --- c-toxcore sends the same sizes ---
        for size in (0, 1, MAX_FILE_DATA_SIZE, MAX_FILE_DATA_SIZE + 1, 5 * 1024 * 1024):
            src = tmp_path / f"peer-out-{size}.bin"
            data = _file(src, size)
            await peer_cmd(peer, "file_send", friend=fnum, path=str(src))
            req = await app.wait(lambda e, s=size: isinstance(e, FileRequest) and e.size == s, 30, "the offer")
            assert isinstance(req, FileRequest) and req.name == src.name and req.kind == 0
            dest = tmp_path / f"in-{size}.bin"
            t0 = time.monotonic()
            assert c.accept_file(ppk, req.transfer, str(dest)) == 0
            got = await app.wait(lambda e, t=req.transfer: isinstance(e, FileComplete) and e.transfer == t,
                                 120, "the file")
            took = time.monotonic() - t0
            assert isinstance(got, FileComplete) and got.path == str(dest)
            assert dest.read_bytes() == data and got.sha256 == hashlib.sha256(data).hexdigest()
            assert sorted(n for n in os.listdir(tmp_path) if n.startswith(f"in-{size}.bin")) == [dest.name]  # no .part
            await peer_wait(peer, "file_sent", 30, friend=fnum)
            if size >= 1_000_000:
                print(f"c-toxcore -> toxgui: {size / 1e6:.1f} MB in {took:.2f} s ({size / took / 1e6:.2f} MB/s)")
        assert c.status().stats["internal_errors"] == 0
    finally:
        await c.stop()
        c.profile.close()
        await asyncio.to_thread(peer.stop)


async def test_resume_cancel_and_chat_with_ctoxcore(ctox_peers: Callable[..., CToxPeer], tmp_path: Path) -> None:
    app, peer, fnum, ppk = await _connected(ctox_peers, tmp_path)
    c = app.client
    try:
        # --- toxgui resumes what an interrupted download left: the .part file, then a seek ---
        src = tmp_path / "peer-big.bin"
        data = _file(src, 500_000)
        dest = tmp_path / "resumed.bin"
        have = 200 * MAX_FILE_DATA_SIZE + 17
        await peer_cmd(peer, "file_send", friend=fnum, path=str(src))
        req = await app.wait(lambda e: isinstance(e, FileRequest), 30, "the offer")
        assert isinstance(req, FileRequest)
        (tmp_path / f"resumed.bin.{req.file_id.hex()[:16]}.part").write_bytes(data[:have])
        assert c.accept_file(ppk, req.transfer, str(dest)) == have
        done = await app.wait(lambda e: isinstance(e, FileComplete) and e.transfer == req.transfer, 60, "the file")
        assert isinstance(done, FileComplete) and done.size == len(data)
        assert dest.read_bytes() == data
        await peer_wait(peer, "file_sent", 30, friend=fnum)

        # --- c-toxcore resumes a file toxgui sends: it seeks, toxgui starts there ---
        out = tmp_path / "out-resume.bin"
        odata = _file(out, 300_000)
        c.send_file(ppk, str(out))
        number = (await peer_wait(peer, "file_recv", 30, friend=fnum, kind=0))["file_number"]
        part = tmp_path / "peer-resume.bin"
        part.write_bytes(odata[:123_456])
        await peer_cmd(peer, "file_accept", friend=fnum, file_number=number, path=str(part), seek=123_456)
        pdone = await peer_wait(peer, "file_done", 60, friend=fnum, file_number=number)
        assert pdone["received"] == len(odata) - 123_456
        assert pdone["sha256"] == hashlib.sha256(odata).hexdigest()

        # --- a big transfer, chat beside it, then the receiver cancels ---
        big = tmp_path / "big.bin"
        _file(big, 50_000_000)
        sent = c.send_file(ppk, str(big))
        number = (await peer_wait(peer, "file_recv", 30, friend=fnum, kind=0))["file_number"]
        await peer_cmd(peer, "file_accept", friend=fnum, file_number=number, path=str(tmp_path / "peer-big"))
        await app.wait(lambda e: isinstance(e, FileProgress) and e.transfer == sent.transfer, 30, "progress")

        delays = []
        for i in range(5):
            t0 = time.monotonic()
            c.send_message(ppk, f"beside the file {i}")
            await peer_wait(peer, "friend_message", 30, friend=fnum, text=f"beside the file {i}")
            delays.append(time.monotonic() - t0)
        print("message delays during a transfer (ms):", [round(d * 1000, 1) for d in delays])
        assert max(delays) < 5.0, delays  # never starved (the figure is printed; tests do not time)
        assert not any(isinstance(e, FileComplete | FileCancelled) and e.transfer == sent.transfer for e in app.events)
        await peer_cmd(peer, "file_control", friend=fnum, file_number=number, control=int(ctox.FileControl.CANCEL),
                       incoming=True)
        ended = await app.wait(lambda e: isinstance(e, FileCancelled) and e.transfer == sent.transfer, 30, "the cancel")
        assert isinstance(ended, FileCancelled) and ended.reason == "friend"
        assert c.status().stats["internal_errors"] == 0
    finally:
        await c.stop()
        c.profile.close()
        await asyncio.to_thread(peer.stop)


def _png(size: int) -> bytes:
    return PNG_MAGIC + os.urandom(size - len(PNG_MAGIC))


async def test_avatars_with_ctoxcore(ctox_peers: Callable[..., CToxPeer], tmp_path: Path) -> None:
    app, peer, fnum, ppk = await _connected(ctox_peers, tmp_path)
    c = app.client
    try:
        # --- with none set, "none" went out on connect (size 0); the friend cancels it, as qTox does ---
        none = await peer_wait(peer, "file_recv", 30, friend=fnum, kind=1)
        assert none["size"] == 0 and none["filename_hex"] == ""
        await peer_cmd(peer, "file_control", friend=fnum, file_number=none["file_number"],
                       control=int(ctox.FileControl.CANCEL), incoming=True)
        # --- ours goes to the friend: kind 1, file id and name = SHA-256 of the image ---
        mine = tmp_path / "me.png"
        mine.write_bytes(_png(20_000))
        c.set_avatar(str(mine))
        changed = await app.wait(lambda e: isinstance(e, AvatarChanged) and e.public_key == c.public_key, 5, "ours")
        digest = hashlib.sha256(mine.read_bytes()).hexdigest()
        offer = await peer_wait(peer, "file_recv", 30, friend=fnum, kind=1)
        assert offer["size"] == 20_000 and offer["file_id"].lower() == digest and offer["filename_hex"] == digest
        await peer_cmd(peer, "file_accept", friend=fnum, file_number=offer["file_number"], path=str(tmp_path / "a"))
        assert (await peer_wait(peer, "file_done", 30, friend=fnum))["sha256"] == digest
        assert isinstance(changed, AvatarChanged) and changed.path is not None
        stored = tmp_path / "avatars" / f"{c.public_key.hex().upper()}.png"
        assert changed.path == str(stored)
        assert stored.read_bytes() == mine.read_bytes() and stored.stat().st_mode & 0o077 == 0

        # --- theirs comes to us and is stored under their key ---
        theirs = tmp_path / "peer.png"
        theirs.write_bytes(_png(30_000))
        their_id = hashlib.sha256(theirs.read_bytes()).hexdigest()
        await peer_cmd(peer, "file_send", friend=fnum, path=str(theirs), kind=1, file_id=their_id)
        got = await app.wait(lambda e: isinstance(e, AvatarChanged) and e.public_key == ppk, 30, "their avatar")
        their_file = tmp_path / "avatars" / f"{ppk.hex().upper()}.png"
        assert isinstance(got, AvatarChanged) and got.path == str(their_file)
        assert their_file.read_bytes() == theirs.read_bytes()
        assert c.avatar_path(ppk) == their_file
        assert not any(isinstance(e, FileRequest) for e in app.events)  # avatars are not files to the user

        # --- the same one again is refused (unchanged), "no avatar" removes it ---
        await peer_cmd(peer, "file_send", friend=fnum, path=str(theirs), kind=1, file_id=their_id)
        refused = await peer_wait(peer, "file_control", 30, friend=fnum, control_name="CANCEL")
        assert refused["incoming"] is False
        empty = tmp_path / "empty"
        empty.write_bytes(b"")
        app.events.clear()
        await peer_cmd(peer, "file_send", friend=fnum, path=str(empty), kind=1)
        gone = await app.wait(lambda e: isinstance(e, AvatarChanged) and e.public_key == ppk, 30, "the removal")
        assert isinstance(gone, AvatarChanged) and gone.path is None and c.avatar_path(ppk) is None

        # --- a reconnect does not send our unchanged avatar again ---
        app.events.clear()
        await peer_cmd(peer, "delete_friend", friend=fnum)
        await app.wait(lambda e: isinstance(e, FriendConnection) and e.status == "none", 60, "the peer offline")
        fnum = (await peer_cmd(peer, "add_friend_norequest", public_key=c.public_key.hex()))["friend"]
        await app.wait(lambda e: isinstance(e, FriendConnection) and e.status != "none", 60, "the peer back")
        assert c.node.files.outgoing.get(ppk, {}) == {}  # offered synchronously on connect, if at all
        assert c.status().stats["internal_errors"] == 0
    finally:
        await c.stop()
        c.profile.close()
        await asyncio.to_thread(peer.stop)


async def test_three_each_way_with_pause_and_resume(ctox_peers: Callable[..., CToxPeer], tmp_path: Path) -> None:
    app, peer, fnum, ppk = await _connected(ctox_peers, tmp_path)
    c = app.client
    try:
        ours = {}
        for i in range(3):
            src = tmp_path / f"ours-{i}.bin"
            _file(src, 2_000_000 + i)
            ours[c.send_file(ppk, str(src)).transfer] = src
        offers = [await peer_wait(peer, "file_recv", 30, friend=fnum, kind=0) for _ in range(3)]
        theirs = {}
        for i in range(3):
            src = tmp_path / f"theirs-{i}.bin"
            _file(src, 1_500_000 + i)
            await peer_cmd(peer, "file_send", friend=fnum, path=str(src))
            theirs[src.name] = src
        requests = [await app.wait(lambda e, n=n: isinstance(e, FileRequest) and e.name == n, 30, n) for n in theirs]
        for o in offers:
            await peer_cmd(peer, "file_accept", friend=fnum, file_number=o["file_number"],
                           path=str(tmp_path / f"peer-got-{o['file_number']}"))
        for r in requests:
            assert isinstance(r, FileRequest)
            c.accept_file(ppk, r.transfer, str(tmp_path / f"got-{r.name}"))
        # toxgui pauses one of its own and resumes it; c-toxcore pauses one it receives and resumes
        first = next(iter(ours))
        c.control_file(ppk, first, "pause")
        await peer_wait(peer, "file_control", 30, friend=fnum, control_name="PAUSE")
        await peer_cmd(peer, "file_control", friend=fnum, file_number=offers[1]["file_number"],
                       control=int(ctox.FileControl.PAUSE), incoming=True)
        for i in range(3):
            c.send_message(ppk, f"chat while files move {i}")
        for i in range(3):
            await peer_wait(peer, "friend_message", 30, friend=fnum, text=f"chat while files move {i}")
        c.control_file(ppk, first, "resume")
        await peer_cmd(peer, "file_control", friend=fnum, file_number=offers[1]["file_number"],
                       control=int(ctox.FileControl.RESUME), incoming=True)
        for o in offers:
            await peer_wait(peer, "file_done", 120, friend=fnum, file_number=o["file_number"])
        digests = {hashlib.sha256(p.read_bytes()).hexdigest() for p in ours.values()}
        got = {e["sha256"] for e in peer.find_events("file_done", friend=fnum)}
        assert digests <= got
        for r in requests:
            assert isinstance(r, FileRequest)
            done = await app.wait(lambda e, t=r.transfer: isinstance(e, FileComplete) and e.transfer == t, 120, r.name)
            assert isinstance(done, FileComplete) and done.path == str(tmp_path / f"got-{r.name}")
            assert (tmp_path / f"got-{r.name}").read_bytes() == theirs[r.name].read_bytes()
        assert c.status().stats["internal_errors"] == 0
    finally:
        await c.stop()
        c.profile.close()
        await asyncio.to_thread(peer.stop)
