"""toxgui in one process: two ToxClients on one asyncio loop, talking over real UDP on 127.0.0.1.

The pair is connected with `set_route` (each told the other's DHT key and address), so no
bootstrap node is involved; this isolates the session and messenger layers plus the runtime from
process start-up and pipes.  Used for the in-process RTT and rate figures and by the reliability
tests (tests/reliability/).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine
from pathlib import Path

from bench import profiles as P
from toxgui.app.service import ClientOptions, ToxClient
from toxgui.core.events import Event, FriendConnection, Message, Receipt
from toxgui.store.profile import Profile


class Pair:
    """Two befriended toxgui clients A and B; `await start()`, then `await connect()`."""

    def __init__(self, workdir: Path, persist_queue: bool = False) -> None:
        a, b = P.new_identity("A"), P.new_identity("B")
        P.befriend(a, b)
        self.pa = P.write_toxgui(a, workdir / "A.tox")
        self.pb = P.write_toxgui(b, workdir / "B.tox")
        opts = dict(bind_host="127.0.0.1", ipv6=False, lan_discovery=False, persist_queue=persist_queue)
        self.a = ToxClient(Profile.load(self.pa), ClientOptions(**opts))  # type: ignore[arg-type]
        self.b = ToxClient(Profile.load(self.pb), ClientOptions(**opts))  # type: ignore[arg-type]
        self.waiters: list[tuple[Callable[[str, Event], bool], asyncio.Future[Event]]] = []
        self.a.subscribe(lambda e: self._on("A", e))
        self.b.subscribe(lambda e: self._on("B", e))
        self.on_event: Callable[[str, Event], None] | None = None

    def _on(self, who: str, ev: Event) -> None:
        if self.on_event is not None:
            self.on_event(who, ev)
        for pred, fut in list(self.waiters):
            if not fut.done() and pred(who, ev):
                fut.set_result(ev)
                self.waiters.remove((pred, fut))

    def wait(self, pred: Callable[[str, Event], bool], timeout: float) -> Coroutine[None, None, Event]:
        """The first event from now on that `pred` accepts.  The waiter is registered here, when
        called, not when the returned coroutine first runs: a task made with ensure_future runs
        only after the callbacks already due in this round of the loop, and one of them may be a
        socket read that takes the very event being waited for."""
        fut: asyncio.Future[Event] = asyncio.get_running_loop().create_future()
        self.waiters.append((pred, fut))
        return self._wait(pred, fut, timeout)

    async def _wait(self, pred: Callable[[str, Event], bool], fut: asyncio.Future[Event],
                    timeout: float) -> Event:  # noqa: ASYNC109
        try:
            return await asyncio.wait_for(fut, timeout)
        finally:
            if (pred, fut) in self.waiters:
                self.waiters.remove((pred, fut))

    async def start(self) -> None:
        await self.a.start()
        await self.b.start()

    def route(self) -> None:
        self.a.set_route(self.b.public_key, self.b.dht_key, "127.0.0.1", self.b.udp_port)
        self.b.set_route(self.a.public_key, self.a.dht_key, "127.0.0.1", self.a.udp_port)

    async def connect(self, timeout: float = 30.0) -> float:  # noqa: ASYNC109
        t0 = time.perf_counter()
        up = {"A": False, "B": False}

        def both(who: str, ev: Event) -> bool:
            if isinstance(ev, FriendConnection) and ev.status == "udp":
                up[who] = True
            return all(up.values())

        w = asyncio.ensure_future(self.wait(both, timeout))
        self.route()
        await w
        return time.perf_counter() - t0

    async def stop(self) -> None:
        for c in (self.a, self.b):
            try:
                await c.stop()
            finally:
                c.profile.close()


async def rtt_and_rate(pair: Pair, n_rtt: int, n_rate: int) -> dict[str, float]:
    """B echoes every message; returns RTT samples' p50/p99 (ms) and a one-way rate (msg/s)."""
    b_pk_of_a = pair.a.public_key

    def echo(who: str, ev: Event) -> None:
        if who == "B" and isinstance(ev, Message) and ev.text.startswith("ping"):
            pair.b.send_message(b_pk_of_a, "pong" + ev.text[4:])

    pair.on_event = echo
    samples = []
    for i in range(n_rtt):
        want = f"pong{i}"
        w = asyncio.ensure_future(pair.wait(lambda who, e, w=want: who == "A" and isinstance(e, Message)
                                            and e.text == w, 10))
        t0 = time.perf_counter()
        pair.a.send_message(pair.b.public_key, f"ping{i}")
        await w
        samples.append((time.perf_counter() - t0) * 1000)
    pair.on_event = None
    # rate: A -> B, n_rate messages queued at once; done when B has them all and A has every receipt
    got = {"n": 0, "r": 0}

    def count(who: str, ev: Event) -> bool:
        if who == "B" and isinstance(ev, Message):
            got["n"] += 1
        if who == "A" and isinstance(ev, Receipt):
            got["r"] += 1
        return got["n"] >= n_rate and got["r"] >= n_rate

    w = asyncio.ensure_future(pair.wait(count, 120))
    t0 = time.perf_counter()
    for i in range(n_rate):
        pair.a.send_message(pair.b.public_key, f"rate {i}")
    await w
    rate = n_rate / (time.perf_counter() - t0)
    samples.sort()
    return {"rtt_p50_ms": samples[len(samples) // 2], "rtt_p99_ms": samples[min(len(samples) - 1, int(len(samples) * 0.99))],
            "rate_msgs_per_s": rate, "rate_messages": n_rate, "rtt_samples": len(samples)}
