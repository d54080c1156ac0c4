"""Send-rate control for one net_crypto session.

c-toxcore 0.2.18 (net_crypto.c send_crypto_packets) is the floor: never below its 4 packets/s
(ours is 50, see MIN_RATE), a minimum allowance of 64 packets, measurement in 50 ms slots over the last 600 ms, x0.9 of the
measured throughput after a congestion event (a request packet naming holes we must resend) and
a 1 s hold before growing again.  Growth is faster than c-toxcore's x1.2 of the measured rate on
links with a short round trip: the rate may double once per RTT while the sender actually uses
it (there is no growth while the application sends less than the rate allows).

Only resends and congestion-controlled packets (file data, custom lossless) wait for tokens;
messages and status packets go out at once, as in c-toxcore, and are bounded only by the
32768-packet window.
"""

from __future__ import annotations

from collections import deque

CTOXCORE_MIN_RATE = 4.0  # CRYPTO_PACKET_MIN_RATE, packets/s
# Our floor.  c-toxcore's 4 packets/s makes a lossy link (random loss reads as congestion) crawl:
# 200 resends would take 50 s.  50 packets/s (about 70 kB/s) is still gentle for any real link.
MIN_RATE = 50.0
INITIAL_RATE = 64.0
MIN_ALLOWANCE = 64  # CRYPTO_MIN_QUEUE_LENGTH
SLOT = 0.05  # measurement slot, s
SLOTS = 12  # 600 ms of history
CONGESTION_HOLD = 1.0  # s without growth after a congestion event
QUEUE_DELAY = 0.02  # s of queueing (recent smallest minus smallest RTT) that stops growth
MAX_RATE = 200_000.0


class Congestion:
    def __init__(self, now: float) -> None:
        self.rate = INITIAL_RATE
        self.tokens = float(MIN_ALLOWANCE)
        self._refilled = now
        self._last_update = now
        self._last_congestion = -1e9
        self._sent: deque[tuple[float, int]] = deque()  # (slot time, packets sent in slot)
        self._acked: deque[tuple[float, int]] = deque()
        self.congestion_events = 0

    # --- token bucket -------------------------------------------------------------------------

    def _refill(self, now: float) -> None:
        dt = max(0.0, now - self._refilled)
        self._refilled = now
        cap = max(float(MIN_ALLOWANCE), self.rate * 0.1)
        self.tokens = min(cap, self.tokens + dt * self.rate)

    def allowance(self, now: float) -> int:
        self._refill(now)
        return int(self.tokens + 1e-9)

    def next_token_at(self, now: float) -> float:
        self._refill(now)
        if self.tokens + 1e-9 >= 1:
            return now
        return now + max(0.001, (1 - self.tokens) / self.rate)

    def on_sent(self, now: float, n: int = 1, controlled: bool = True) -> None:
        if controlled:
            self._refill(now)
            self.tokens -= n
        self._count(self._sent, now, n)

    def on_acked(self, now: float, n: int) -> None:
        if n:
            self._count(self._acked, now, n)

    def on_congestion(self, now: float) -> None:
        """The peer asked for packets again: back off to 0.9 x what got through."""
        if now - self._last_congestion < CONGESTION_HOLD / 2:
            return
        self._last_congestion = now
        self.congestion_events += 1
        delivered = self._rate_of(self._acked, now)
        self.rate = max(MIN_RATE, min(self.rate, 0.9 * max(delivered, self.rate * 0.5)))
        self.tokens = min(self.tokens, self.rate * 0.1)

    def update(self, now: float, rtt: float, limited: bool, recent_rtt: float | None = None) -> None:
        """Called at least every SLOT seconds while there is traffic.  `limited`: packets were
        waiting for tokens, so the measured rate says something about the link.  `rtt` is the
        smallest round trip ever seen, `recent_rtt` the smallest of late: when even that is well
        above the smallest, a queue is building somewhere and the rate stops growing.  (The
        smoothed round trip would mislead here: c-toxcore acknowledges once per 50 ms loop, so
        half its samples carry up to 50 ms of waiting that is no queue.)"""
        dt = now - self._last_update
        if dt < SLOT:
            return
        self._last_update = now
        if not limited or now - self._last_congestion < CONGESTION_HOLD:
            return
        if recent_rtt is not None and recent_rtt > 2 * rtt + QUEUE_DELAY:
            return
        sent = self._rate_of(self._sent, now)
        # Double per RTT on short links, never slower than c-toxcore's x1.2 per update.
        per_update = max(1.2, 2.0 ** (dt / max(rtt, SLOT)))
        target = max(sent * 1.2, self.rate * min(per_update, 2.0))
        self.rate = max(MIN_RATE, min(MAX_RATE, target))

    # --- measurement --------------------------------------------------------------------------

    def _count(self, q: deque[tuple[float, int]], now: float, n: int) -> None:
        slot = now - (now % SLOT)
        if q and q[-1][0] == slot:
            q[-1] = (slot, q[-1][1] + n)
        else:
            q.append((slot, n))
        while q and q[0][0] < now - SLOT * SLOTS:
            q.popleft()

    def _rate_of(self, q: deque[tuple[float, int]], now: float) -> float:
        while q and q[0][0] < now - SLOT * SLOTS:
            q.popleft()
        return sum(n for _, n in q) / (SLOT * SLOTS)
