"""Send-rate control against a receiver that cannot keep up: a process that reads its socket
more slowly than the sender could send, through a buffer of limited size (`VirtualNetwork.limit`).
A transfer must fill the receiver without overflowing its buffer, and a chat message sent in the
middle must not wait behind a long queue (issue: file data must not starve chat)."""

from __future__ import annotations

import pytest

from tests.sim.simnet import VirtualNetwork
from tests.sim.test_files import FileApp, _connected
from toxgui.core.events import Message
from toxgui.core.node import ToxNode
from toxgui.core.packets.messenger import MAX_FILE_DATA_SIZE

SIZE = 6_000_000


def _chat_delay(net: VirtualNetwork, a: ToxNode, b: ToxNode, text: str, poll: float) -> float:
    """How long a chat message from a takes to reach b's application."""
    got: list[Message] = []
    net.listeners.append(
        lambda now, addr, ev: got.append(ev) if isinstance(ev, Message) and ev.text == text else None
    )
    sent_at = net.now
    a.send_message(b.public_key, text, "normal", net.now)
    net.kick(a)
    net.run_until(lambda: bool(got), timeout=10, poll=poll)
    return net.now - sent_at


@pytest.mark.parametrize(
    ("rate", "queue", "latency", "min_share"),
    [
        (5000, 1500, (0.0002, 0.0004), 0.75),  # loopback, a big socket buffer (toxgui sets 2 MB)
        (2000, 150, (0.0002, 0.0004), 0.8),  # loopback, the kernel's default 212 kB buffer
        (5000, 1500, (0.01, 0.02), 0.6),  # 20-40 ms round trips: start-up takes a larger share
    ],
)
def test_transfer_fills_a_slow_receiver_without_overflow_and_chat_stays_prompt(
    rate: int, queue: int, latency: tuple[float, float], min_share: float
) -> None:
    net, a, b = _connected(40, latency=latency)
    net.limit(net.addr_of(b), rate, queue)
    fa, fb = FileApp(net, a), FileApp(net, b)
    data = net.rng_for("data").bytes(SIZE)
    t0 = net.now
    n = fa.send(b, data)
    delays: list[float] = []
    while fb.outcome(False, n) != "complete":
        net.run_for(0.25)
        assert net.now - t0 < 60, "the transfer did not finish"
        delays.append(_chat_delay(net, a, b, f"ping {len(delays)}", poll=0.001))
    took = net.now - t0
    assert bytes(fb.received[(a.public_key, n)]) == data
    capacity = rate * MAX_FILE_DATA_SIZE  # bytes/s the receiver can take (minus chat and acks)
    assert SIZE / took >= min_share * capacity, f"{SIZE / took / 1e6:.2f} MB/s of {capacity / 1e6:.2f}"
    assert net.stats.overflowed == 0, "datagrams dropped at the receiver's full buffer"
    assert max(delays) < 0.1, f"a chat message took {max(delays) * 1000:.0f} ms beside the transfer"


def test_a_receiver_that_stops_reading_stops_the_sender() -> None:
    """With the receiver reading 1 datagram a second, what is in flight stays within the window:
    the sender does not pour its whole send buffer into the receiver's queue."""
    net, a, b = _connected(41, latency=(0.0002, 0.0004))
    fa, fb = FileApp(net, a), FileApp(net, b)
    n = fa.send(b, net.rng_for("data").bytes(20_000_000))
    net.run_until(lambda: len(fb.received.get((a.public_key, n), b"")) > 2_000_000, timeout=30, poll=0.01)
    net.limit(net.addr_of(b), 1, 100_000)
    sent = net.stats.sent
    net.run_for(5)
    conn = a.net_crypto.conns[b.public_key]
    assert conn.cc is not None
    assert net.stats.sent - sent < 600, "the sender kept sending into a receiver that reads nothing"
    assert len(conn.send.slots) - conn.send.pending_count <= conn.cc.window(conn.rtt, net.now) + 64


def test_chat_goes_at_once_to_a_receiver_that_acknowledges_every_50_ms() -> None:
    """c-toxcore runs its loop (and sends its acknowledgements) every 50 ms until its rate
    estimate rises: early in a transfer the window is full between two acknowledgements.  A
    message written then goes at once, with the chunks queued ahead of it, rather than at
    the next acknowledgement; and the 50 ms acknowledgement gap alone is not read as a queue."""
    net, a, b = _connected(42, latency=(0.0002, 0.0004))
    b_addr = net.addr_of(b)
    b_send = b.datagrams_to_send

    def batched():  # type: ignore[no-untyped-def]
        for data, dst in b_send():
            wait = 0.05 - (net.now % 0.05)  # out at the next 50 ms boundary, as c-toxcore's loop
            net.inject(b_addr, dst, data, delay=wait)
        return iter(())

    b.datagrams_to_send = batched  # type: ignore[method-assign]
    fa, fb = FileApp(net, a), FileApp(net, b)
    data = net.rng_for("data").bytes(3_000_000)
    n = fa.send(b, data)
    conn = a.net_crypto.conns[b.public_key]
    assert conn.cc is not None
    delays: list[float] = []
    waited_for_room = 0
    while fb.outcome(False, n) != "complete" and len(delays) < 60:
        net.run_for(0.013)
        room = conn.cc.window(conn.rtt, net.now) - (len(conn.send.slots) - conn.send.pending_count)
        waited_for_room += room <= 0
        delays.append(_chat_delay(net, a, b, f"ping {len(delays)}", poll=0.0005))
    assert waited_for_room >= 3, "the window never filled: this test shows nothing"
    # (before: 56-121 ms, waiting for the next acknowledgement with the window full)
    assert max(delays) < 0.05, f"a chat message took {max(delays) * 1000:.0f} ms beside the transfer"
    assert conn.cc.queue_events == 0, "the acknowledgement gap was taken for a queue"
    net.run_until(lambda: fb.outcome(False, n) == "complete", timeout=60, poll=0.05)
    assert bytes(fb.received[(a.public_key, n)]) == data


def test_random_loss_does_not_wear_the_rate_down_transfer_after_transfer() -> None:
    """At 5% random loss a congestion event comes every CONGESTION_GAP whatever the rate.  With
    no growth for as long after each, one transfer after another on the same session fell to the
    floor rate (50 packets/s: the sixth 5 MB file took 66 s, the first 0.5 s)."""
    net, a, b = _connected(60, latency=(0.0002, 0.0004))
    fa, fb = FileApp(net, a), FileApp(net, b)
    data = net.rng_for("data").bytes(5_000_000)
    net.loss = 0.05
    took = []
    for _ in range(8):
        fa.done.clear()
        fb.done.clear()
        fb.received.clear()
        t0 = net.now
        n = fa.send(b, data)
        net.run_until(lambda n=n: fb.outcome(False, n) == "complete", timeout=120, poll=0.01)
        assert bytes(fb.received[(a.public_key, n)]) == data
        took.append(net.now - t0)
    assert max(took[4:]) < 10, [round(t, 2) for t in took]
