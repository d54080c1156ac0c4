"""A clean quit says goodbye: a c-toxcore friend sees toxgui go offline within 1 s of `quit`
(toxgui sends a kill packet on every session, as c-toxcore's tox_kill does), not after its 32 s
timeout."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.app.headless_proc import HeadlessProc
from tests.interop import ctox
from tests.interop.network import CToxPeer
from toxgui.core.crypto import SystemRng
from toxgui.core.savedata import FriendRecord, SaveData

UDP = int(ctox.Connection.UDP)
NONE = int(ctox.Connection.NONE)


@pytest.mark.timeout(120)
def test_ctoxcore_friend_sees_toxgui_offline_within_a_second_of_quit(
    ctox_peers: Callable[..., CToxPeer], tmp_path: Path
) -> None:
    peer = ctox_peers(label="quit")
    profile = tmp_path / "leaving.tox"
    sd = SaveData.new(SystemRng(), name=b"leaving")
    sd.friends.append(FriendRecord(bytes.fromhex(peer.public_key)))
    profile.write_bytes(sd.to_bytes())
    fnum = peer.command("add_friend_norequest", public_key=sd.keys.public.hex())["friend"]
    h = HeadlessProc(profile)
    try:
        h.wait_event("ready")
        h.send(command="route", public_key=peer.public_key, dht_key=peer.dht_id, host="127.0.0.1",
               port=peer.udp_port)
        h.wait_event(lambda e: e["event"] == "friend_connection" and e["status"] == "udp", 30)
        peer.wait_event("friend_connection", 20, friend=fnum, status=UDP)
        t0 = time.monotonic()
        h.send(command="quit")
        peer.wait_event("friend_connection", 10, friend=fnum, status=NONE)
        took = time.monotonic() - t0
        h.wait_event("quit", 10)
        assert h.wait_exit() == 0
        print(f"\nc-toxcore saw toxgui offline {took * 1000:.0f} ms after quit")
        assert took < 1.0, took
    finally:
        h.stop()
