"""A live `toxgui --headless` node, chatting with a c-toxcore friend, fed 10,000 datagrams that
carry public keys of small order across every packet kind that does a key agreement: every one
is a counted drop (no internal error), stderr stays small (no traceback per packet), and the chat
with the c-toxcore friend still works both ways."""

from __future__ import annotations

import random
import socket
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.app.headless_proc import HeadlessProc
from tests.interop.network import CToxPeer
from toxgui.core.crypto import LOW_ORDER_KEYS, SystemRng
from toxgui.core.savedata import FriendRecord, SaveData

COUNT = 10_000
BATCH = 200  # datagrams sent before waiting for the node to read them (well under its socket buffer)
# Every packet kind whose handler takes a public key from the packet and agrees a key with it.
KEYED_KINDS = (0x00, 0x01, 0x02, 0x04, 0x18, 0x19, 0x1A, 0x20, 0x80, 0x81, 0x82, 0x83, 0x85, 0x86)
SIZES = {0x00: [82], 0x01: [82], 0x02: [113], 0x04: [124, 150, 300, 400], 0x18: [145], 0x19: [161],
         0x1A: [385], 0x20: [100, 300], 0x80: [227, 400, 800], 0x81: [200, 400], 0x82: [150, 400],
         0x83: [189, 250], 0x85: [150, 400], 0x86: [100, 300]}


def hostile(r: random.Random, i: int) -> bytes:
    kind = KEYED_KINDS[i % len(KEYED_KINDS)]
    size = r.choice(SIZES[kind])
    body = bytearray(r.randbytes(size - 1))
    # where the kind carries its sender key: right after the kind byte (DHT, cookie request,
    # 0x20 after the receiver key, onion after the nonce)
    at = {0x20: 32, 0x80: 24, 0x81: 24, 0x82: 24, 0x83: 24, 0x85: 24 + 32}.get(kind, 0)
    key = r.choice(LOW_ORDER_KEYS)
    body[at : at + 32] = key
    return bytes([kind]) + bytes(body)


@pytest.mark.timeout(240)
def test_low_order_keys_into_a_live_node_chatting_with_ctoxcore(
    ctox_peers: Callable[..., CToxPeer], tmp_path: Path
) -> None:
    peer = ctox_peers(label="lowkey")
    profile = tmp_path / "node.tox"
    sd = SaveData.new(SystemRng(), name=b"node")
    sd.friends.append(FriendRecord(bytes.fromhex(peer.public_key)))
    profile.write_bytes(sd.to_bytes())
    fnum = peer.command("add_friend_norequest", public_key=sd.keys.public.hex())["friend"]
    h = HeadlessProc(profile)
    try:
        ready = h.wait_event("ready")
        h.send(command="route", public_key=peer.public_key, dht_key=peer.dht_id, host="127.0.0.1",
               port=peer.udp_port)
        h.wait_event(lambda e: e["event"] == "friend_connection" and e["status"] == "udp", 30)
        peer.command("send_message", friend=fnum, text="before")
        assert h.wait_event("message")["text"] == "before"

        h.send(command="status")
        received0 = h.wait_event("status")["stats"]["received"]
        def status() -> dict:
            h.send(command="status")
            return h.wait_event("status")

        r = random.Random(5)
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            for i in range(COUNT):
                sock.sendto(hostile(r, i), ("127.0.0.1", ready["udp_port"]))
                if i % BATCH == BATCH - 1:
                    # Paced by the node itself: the next batch goes once it has read this one, so
                    # the count below does not depend on how fast this machine is right now.
                    caught_up = time.monotonic() + 30
                    while status()["stats"]["received"] - received0 < (i + 1) * 0.995:
                        assert time.monotonic() < caught_up, "the node stopped reading"
        finally:
            sock.close()

        deadline = time.monotonic() + 30
        st = status()
        while st["stats"]["received"] - received0 < COUNT * 0.99:
            assert time.monotonic() < deadline, st["stats"]
            st = status()
        assert st["stats"]["internal_errors"] == 0, st["stats"]

        # the chat still works, both ways
        peer.command("send_message", friend=fnum, text="after ☃")
        assert h.wait_event("message", 20)["text"] == "after ☃"
        h.send(command="send", public_key=peer.public_key, text="still here")
        assert peer.wait_event("friend_message", 20, friend=fnum)["text"] == "still here"
        h.send(command="quit")
        h.wait_event("quit")
        assert h.wait_exit() == 0
        assert h.proc.stderr is not None
        err = h.proc.stderr.read()
        print(f"\nlow-order keys: {COUNT} datagrams, dropped {st['stats']['dropped_malformed']}, "
              f"internal_errors {st['stats']['internal_errors']}, stderr {len(err.encode())} bytes")
        assert len(err.encode()) < 10_000, err[-2000:]
    finally:
        h.stop()
