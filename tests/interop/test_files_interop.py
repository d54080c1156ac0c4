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
from toxgui.core.events import Event, FileControlled, FileDone, FileOffer, FriendConnection
from toxgui.core.friends import Friend, FriendStatus
from toxgui.core.packets.messenger import MAX_FILE_DATA_SIZE
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
        for size in (0, 10, 2 * MAX_FILE_DATA_SIZE, 3_000_000):
            src = tmp_path / f"out-{size}.bin"
            data = _file(src, size)
            app.events.clear()  # file numbers are reused: only this file's events count
            number, file_id, sent_size = c.send_file(ppk, str(src))
            assert sent_size == size
            offer = await peer_wait(peer, "file_recv", 30, friend=fnum, file_number=number)
            assert offer["size"] == size and offer["kind"] == 0
            assert offer["file_id"] == file_id.hex().upper()
            assert bytes.fromhex(offer["filename_hex"]) == src.name.encode()
            t0 = time.monotonic()
            await peer_cmd(peer, "file_accept", friend=fnum, file_number=number, path=str(tmp_path / f"peer-{size}"))
            done = await peer_wait(peer, "file_done", 120, friend=fnum, file_number=number)
            took = time.monotonic() - t0
            assert done["received"] == size and done["sha256"] == hashlib.sha256(data).hexdigest()
            await app.wait(lambda e, n=number: isinstance(e, FileDone) and e.sending and e.file_number == n
                           and e.outcome == "complete", 30, "the send complete")
            if size >= 1_000_000:
                print(f"toxgui -> c-toxcore: {size / 1e6:.1f} MB in {took:.2f} s ({size / took / 1e6:.2f} MB/s)")

        # --- c-toxcore sends: 3 MB, and exactly one chunk ---
        for size in (3_000_000, MAX_FILE_DATA_SIZE):
            src = tmp_path / f"peer-out-{size}.bin"
            data = _file(src, size)
            app.events.clear()  # file numbers are reused: only this file's events count
            number = (await peer_cmd(peer, "file_send", friend=fnum, path=str(src)))["file_number"]
            offer = await app.wait(lambda e, n=number, s=size: isinstance(e, FileOffer) and e.file_number == n
                                   and e.size == s, 30, "the offer")
            assert isinstance(offer, FileOffer) and offer.filename == src.name and offer.kind == 0
            dest = tmp_path / f"in-{size}.bin"
            t0 = time.monotonic()
            assert c.accept_file(ppk, number, str(dest)) == 0
            await app.wait(lambda e, n=number: isinstance(e, FileDone) and not e.sending and e.file_number == n,
                           120, "the file")
            took = time.monotonic() - t0
            assert dest.read_bytes() == data
            assert not dest.with_name(dest.name + ".part").exists()
            await peer_wait(peer, "file_sent", 30, friend=fnum, file_number=number)
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
        dest.with_name(dest.name + ".part").write_bytes(data[:have])
        number = (await peer_cmd(peer, "file_send", friend=fnum, path=str(src)))["file_number"]
        await app.wait(lambda e: isinstance(e, FileOffer) and e.file_number == number, 30, "the offer")
        assert c.accept_file(ppk, number, str(dest)) == have
        done = await app.wait(lambda e: isinstance(e, FileDone) and not e.sending and e.file_number == number,
                              60, "the resumed file")
        assert isinstance(done, FileDone) and done.outcome == "complete" and done.transferred == len(data)
        assert dest.read_bytes() == data

        # --- c-toxcore resumes a file toxgui sends: it seeks, toxgui starts there ---
        out = tmp_path / "out-resume.bin"
        odata = _file(out, 300_000)
        number, _, _ = c.send_file(ppk, str(out))
        await peer_wait(peer, "file_recv", 30, friend=fnum, file_number=number)
        part = tmp_path / "peer-resume.bin"
        part.write_bytes(odata[:123_456])
        await peer_cmd(peer, "file_accept", friend=fnum, file_number=number, path=str(part), seek=123_456)
        pdone = await peer_wait(peer, "file_done", 60, friend=fnum, file_number=number)
        assert pdone["received"] == len(odata) - 123_456
        assert pdone["sha256"] == hashlib.sha256(odata).hexdigest()

        # --- a big transfer, chat beside it, then the receiver cancels ---
        big = tmp_path / "big.bin"
        _file(big, 50_000_000)
        number, _, _ = c.send_file(ppk, str(big))
        await peer_wait(peer, "file_recv", 30, friend=fnum, file_number=number)
        await peer_cmd(peer, "file_accept", friend=fnum, file_number=number, path=str(tmp_path / "peer-big"))
        await app.wait(lambda e: isinstance(e, FileControlled) and e.control == "accept", 30, "the accept")
        delays = []
        for i in range(5):
            t0 = time.monotonic()
            c.send_message(ppk, f"beside the file {i}")
            await peer_wait(peer, "friend_message", 30, friend=fnum, text=f"beside the file {i}")
            delays.append(time.monotonic() - t0)
        print("message delays during a transfer (ms):", [round(d * 1000, 1) for d in delays])
        assert max(delays) < 5.0, delays  # never starved (the figure is printed; tests do not time)
        assert any(isinstance(e, FileDone) and e.file_number == number for e in app.events) is False
        await peer_cmd(peer, "file_control", friend=fnum, file_number=number, control=int(ctox.FileControl.CANCEL),
                       incoming=True)
        ended = await app.wait(lambda e: isinstance(e, FileDone) and e.sending and e.file_number == number,
                               30, "the cancel")
        assert isinstance(ended, FileDone) and ended.outcome == "cancelled"
        assert c.status().stats["internal_errors"] == 0
    finally:
        await c.stop()
        c.profile.close()
        await asyncio.to_thread(peer.stop)
