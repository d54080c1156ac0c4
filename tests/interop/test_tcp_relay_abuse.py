"""toxgui's TCP relay under abuse, while two c-toxcore clients (UDP off) chat through it.

The relay runs in its own headless process (`--tcp-relay-port`), so its memory is its own.  At
it: 1000 connections that never finish the handshake (half silent, half stopping after 60 of
the 128 bytes), 50 that finish it and then send frames that cannot be read, and a pair of
clients where one floods routed data at the other, which never reads.  Meanwhile the two
c-toxcore friends keep chatting through the relay; its memory stays bounded and it does not
stop serving them.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from pathlib import Path

import pytest

from tests.app.headless_proc import HeadlessProc
from tests.interop import ctox
from tests.interop.network import CToxPeer, LocalNetwork
from toxgui.core.crypto import KeyPair, SystemRng, precompute
from toxgui.core.tcp import protocol as T

TCP = int(ctox.Connection.TCP)
HALF_OPEN = 1000
MALFORMED = 50
FLOOD_FRAMES = 12_000  # 1400-byte routed frames: about 16 MiB at a reader that never reads


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


async def _wait(peer: CToxPeer, name: str, within: float, **fields: object) -> dict:
    return await asyncio.to_thread(peer.wait_event, name, within, **fields)


class RawClient:
    """A relay client from the protocol codecs, on asyncio streams."""

    def __init__(self, port: int, relay_pk: bytes) -> None:
        self.port = port
        self.relay_pk = relay_pk
        self.keys = KeyPair.generate(SystemRng())
        self.stream: T.SecureStream | None = None
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def connect(self) -> None:
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        temp, nonce = T.new_temp(SystemRng())
        self.writer.write(T.client_handshake(self.keys, self.relay_pk, temp, nonce, os.urandom(24)))
        resp = await asyncio.wait_for(self.reader.readexactly(T.SERVER_HANDSHAKE_SIZE), 10)
        temp_pk, relay_nonce = T.open_server_handshake(resp, self.keys, self.relay_pk)
        self.stream = T.SecureStream(precompute(temp_pk, temp.secret), nonce, relay_nonce)
        self.send(T.ping(b"\x07" * 8))

    def send(self, payload: bytes) -> None:
        assert self.stream is not None and self.writer is not None
        self.writer.write(self.stream.seal(payload))

    async def frames_until(self, pred: object, within: float) -> list[bytes]:
        assert self.stream is not None and self.reader is not None
        got: list[bytes] = []
        deadline = time.monotonic() + within
        while not any(pred(p) for p in got):  # type: ignore[operator]
            left = deadline - time.monotonic()
            assert left > 0, got
            got += self.stream.feed(await asyncio.wait_for(self.reader.read(4096), left))
        return got

    def close(self) -> None:
        if self.writer is not None:
            self.writer.transport.abort()


@pytest.mark.slow
@pytest.mark.timeout(300)
async def test_relay_under_abuse_keeps_serving_and_stays_bounded(local_network: LocalNetwork, tmp_path: Path) -> None:
    bd = local_network.bootstrapd
    relay = HeadlessProc(tmp_path / "relay.tox", "--tcp-relay-port", "0",
                         "--bootstrap", f"{bd.host}:{bd.port}:{bd.public_key}")
    junk: list[asyncio.StreamWriter] = []
    raw: list[RawClient] = []
    try:
        ready = await asyncio.to_thread(relay.wait_event, "ready", 30)
        port, relay_pk = ready["tcp_relay_port"], bytes.fromhex(ready["dht_key"])
        node = ("127.0.0.1", port, ready["dht_key"])
        udp = ("127.0.0.1", ready["udp_port"], ready["dht_key"])
        a, b = [await asyncio.to_thread(local_network.spawn_peer, label, udp=False, tcp_relays=[node],
                                        bootstrap=[udp]) for label in ("a", "b")]
        fa = a.add_friend(b.tox_id, "abuse")
        await _wait(b, "friend_request", 90, public_key=a.public_key)
        fb = await asyncio.to_thread(b.add_friend_norequest, a.public_key)
        await _wait(a, "friend_connection", 90, friend=fa, status=TCP)
        await _wait(b, "friend_connection", 90, friend=fb, status=TCP)
        rss0 = peak = rss_mb(relay.proc.pid)

        async def chat(rounds: int) -> float:
            worst = 0.0
            for i in range(rounds):
                t0 = time.monotonic()
                a.send_message(fa, f"during {i}")
                await _wait(b, "friend_message", 30, friend=fb, text=f"during {i}")
                b.send_message(fb, f"back {i}")
                await _wait(a, "friend_message", 30, friend=fa, text=f"back {i}")
                worst = max(worst, time.monotonic() - t0)
            return worst

        # 1. connections that never finish the handshake
        for i in range(HALF_OPEN):
            _, w = await asyncio.open_connection("127.0.0.1", port)
            if i % 2:
                w.write(os.urandom(60))
            junk.append(w)
        peak = max(peak, rss_mb(relay.proc.pid))
        worst_half_open = await chat(5)
        # 2. clients that finish the handshake, then send frames that cannot be read
        for i in range(MALFORMED):
            c = RawClient(port, relay_pk)
            await c.connect()
            assert c.writer is not None
            c.writer.write([b"\xff\xff", b"\x00\x40" + os.urandom(0x40), b"\x00\x01x"][i % 3])
            raw.append(c)
        # 3. a flood at a reader that never reads
        x, y = RawClient(port, relay_pk), RawClient(port, relay_pk)
        await x.connect()
        await y.connect()
        raw += [x, y]
        x.send(T.routing_request(y.keys.public))
        y.send(T.routing_request(x.keys.public))
        await x.frames_until(lambda p: p[0] == T.Tcp.CONNECT_NOTIFICATION, 10)
        assert x.writer is not None
        flood_t0 = time.monotonic()
        for i in range(FLOOD_FRAMES):
            x.send(T.routed(16, b"\x1b" + os.urandom(1399)))
            if i % 200 == 0:
                with contextlib.suppress(ConnectionError):
                    await asyncio.wait_for(x.writer.drain(), 10)
                peak = max(peak, rss_mb(relay.proc.pid))
        flood_s = time.monotonic() - flood_t0
        worst_flood = await chat(10)
        peak = max(peak, rss_mb(relay.proc.pid))
        relay.send(command="status")
        st = (await asyncio.to_thread(relay.wait_event, "status", 10))["tcp_relay"]
        print(f"\nrelay under abuse: RSS {rss0:.1f} -> peak {peak:.1f} MB; status {st}; flood of "
              f"{FLOOD_FRAMES} frames in {flood_s:.1f} s; worst chat round trip {worst_half_open * 1000:.0f} ms "
              f"(half-open flood), {worst_flood * 1000:.0f} ms (after malformed frames and the flood)")
        assert st["connections"] <= 512
        assert st["clients"] >= 2  # the two c-toxcore friends are still there
        counters = st["counters"]
        assert counters.get("closed: evicted while half-open", 0) >= HALF_OPEN - 512
        assert sum(v for k, v in counters.items() if k.startswith("closed: tcp")) >= MALFORMED * 2 // 3
        assert counters.get("dropped: backlog", 0) > 0 or counters.get("closed: slow reader", 0) > 0
        assert peak - rss0 < 64, (rss0, peak)
    finally:
        for w in junk:
            w.transport.abort()
        for c in raw:
            c.close()
        relay.send(command="quit")
        await asyncio.to_thread(relay.wait_exit, 15)
        relay.stop()
