"""Random and mutated datagrams into a live toxgui node over real UDP on 127.0.0.1, paced, while
it has an established friend; afterwards no internal error, bounded memory, and the chat works.

10^5 datagrams here; `python -m bench full` runs the same scenario with 10^6.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest

from bench.inproc import Pair
from tests.reliability.common import MixedFuzzer, rss_mb, send_paced, wait_for
from toxgui.core.events import Message

FUZZ_COUNT = 100_000


async def fuzz_live(workdir: Path, count: int, seed: int = 7) -> dict[str, Any]:
    pair = Pair(workdir, persist_queue=True)
    await pair.start()
    try:
        await pair.connect()
        a = pair.a
        # Capture real traffic into A (session, messenger, DHT) to mutate.
        captured: list[bytes] = []
        orig = a.node.receive_datagram

        def tap(data: bytes, addr: Any, now: float) -> None:
            if len(captured) < 400:
                captured.append(bytes(data))
            orig(data, addr, now)

        a.node.receive_datagram = tap  # type: ignore[method-assign]
        for i in range(30):
            w = asyncio.ensure_future(pair.wait(lambda who, e, i=i: who == "B" and isinstance(e, Message)
                                                and e.text == f"warm {i}", 10))
            a.send_message(pair.b.public_key, f"warm {i}")
            await w
        a.node.receive_datagram = orig  # type: ignore[method-assign]
        fz = MixedFuzzer(seed, a.node.dht_public_key, captured)
        rss0 = rss_mb()
        peak = rss0
        received0 = a.node.stats.received
        t0 = time.perf_counter()
        sent = 0
        chunk = 20_000
        while sent < count:
            n = min(chunk, count - sent)
            sent += await send_paced(("127.0.0.1", a.udp_port), fz.datagram, n, batch=50,
                                     progress=lambda: a.node.stats.received, max_backlog=100, limit=1200)
            peak = max(peak, rss_mb())
        wall = time.perf_counter() - t0
        # every datagram reached the node (loopback with pacing loses none): wait for the last
        try:
            await wait_for(lambda: a.node.stats.received - received0 >= count, 10, "the node to take the datagrams")
        except AssertionError:
            pass  # reported as `received`; the test asserts on it
        got = a.node.stats.received - received0
        # the friend still chats, both ways
        chat = 0
        for i in range(20):
            for src, dst, who in ((pair.a, pair.b, "B"), (pair.b, pair.a, "A")):
                w = asyncio.ensure_future(pair.wait(lambda w_, e, i=i, who=who: w_ == who and isinstance(e, Message)
                                                    and e.text == f"after {i}", 15))
                src.send_message(dst.public_key, f"after {i}")
                await w
                chat += 1
        st = a.node.stats
        return {"sent": sent, "received": got, "wall_s": wall, "rate_per_s": sent / wall,
                "internal_errors": st.internal_errors + pair.b.node.stats.internal_errors,
                "dropped_malformed": st.dropped_malformed, "dropped_unknown": st.dropped_unknown,
                "rss_before_mb": rss0, "rss_peak_mb": peak, "rss_growth_mb": peak - rss0,
                "chat_messages_after": chat, "online_after": a.node.friend_connection.is_online(pair.b.public_key)}
    finally:
        await pair.stop()


@pytest.mark.timeout(300)
async def test_fuzzed_live_node_keeps_chatting(tmp_path: Path) -> None:
    r = await fuzz_live(tmp_path, FUZZ_COUNT)
    print(f"\nfuzz: {r}")
    assert r["sent"] == FUZZ_COUNT
    assert r["received"] >= FUZZ_COUNT * 0.99, r
    assert r["internal_errors"] == 0, r
    assert r["rss_growth_mb"] < 40, r
    assert r["chat_messages_after"] == 40 and r["online_after"]
