"""A junk flood of 10,000 datagrams per second for 10 s at a toxgui node that is chatting with a
friend: memory stays bounded, no internal error, and the chat keeps working during the flood."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.inproc import Pair
from tests.reliability.common import rss_mb
from toxgui.core.events import Message

RATE = 10_000
SECONDS = 10.0


@pytest.mark.slow
@pytest.mark.timeout(120)
async def test_junk_flood_while_chatting(tmp_path: Path) -> None:
    pair = Pair(tmp_path, persist_queue=True)
    await pair.start()
    proc = None
    try:
        await pair.connect()
        a, b = pair.a, pair.b
        rss0 = peak = rss_mb()
        recv0 = a.node.stats.received
        proc = subprocess.Popen(  # noqa: ASYNC220 (started once, never waited on in the loop)
            [sys.executable, "-m", "tests.reliability.junk_sender", "127.0.0.1", str(a.udp_port), str(RATE),
             str(SECONDS), "3", a.node.dht_public_key.hex()],
            stdout=subprocess.PIPE, text=True,
        )
        delivered = 0
        latencies = []
        i = 0
        t0 = time.monotonic()
        while proc.poll() is None and time.monotonic() - t0 < SECONDS + 10:
            # one message each way, each must arrive within 5 s while the flood goes on
            for src, dst, who in ((a, b, "B"), (b, a, "A")):
                text = f"during {i} to {who}"
                w = asyncio.ensure_future(pair.wait(lambda w_, e, t=text, who=who: w_ == who
                                                    and isinstance(e, Message) and e.text == t, 5))
                s = time.monotonic()
                src.send_message(dst.public_key, text)
                await w
                latencies.append(time.monotonic() - s)
                delivered += 1
            i += 1
            peak = max(peak, rss_mb())
            await asyncio.sleep(0.1)  # one exchange per 100 ms: a chat, not a benchmark
        out, _ = proc.communicate(timeout=30)
        res = json.loads(out.strip().splitlines()[-1])
        flood_received = a.node.stats.received - recv0
        print(f"\nflood: sent {res['sent']} in {res['seconds']:.1f} s; node took {flood_received}; "
              f"chat messages delivered during it {delivered}, max latency {max(latencies) * 1000:.1f} ms; "
              f"RSS {rss0:.1f} -> peak {peak:.1f} MB; internal errors {a.node.stats.internal_errors}")
        assert res["sent"] >= RATE * SECONDS * 0.95
        assert flood_received >= res["sent"] * 0.5  # most of it really reached the node
        assert a.node.stats.internal_errors == 0 and b.node.stats.internal_errors == 0
        assert delivered >= 2 * 20, delivered
        assert peak - rss0 < 40, (rss0, peak)
        assert a.node.friend_connection.is_online(b.public_key)
    finally:
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait(10)
        if proc is not None and proc.stdout:
            proc.stdout.close()
        await pair.stop()
