"""Send-rate control for one net_crypto session.

c-toxcore 0.2.18 (net_crypto.c send_crypto_packets) is the floor: never below its 4 packets/s
(ours is 50, see MIN_RATE), a minimum allowance of 64 packets, x0.9 of the measured throughput
after a congestion event (a request packet naming holes we must resend) and a 1 s hold before
growing again.  Our hold is 0.25 s, with events at most every 0.5 s: random loss brings an event
every 0.5 s at any rate, and a hold as long as that let the rate only fall.  Packets lost that
were sent before the last event belong to it (a long run of losses is named over several
request packets).

Beyond that, the rate follows what the peer actually takes, so that a transfer neither fills the
receiver's socket buffer (a slow or busy receiver drops what does not fit, and every drop costs
a resend and a hole that holds up everything behind it) nor queues up so much that a chat
message waits behind it:
- delivery rate: packets acknowledged per second, the best 100 ms of the last 600 ms;
- growth: while the sender is held back by the rate, it may double once per round trip (but
  not more often than every 10 ms) at first (start-up), and by at most 10% per 50 ms, to 1.25
  times the delivery rate, once a queue or a loss has been seen;
- queue: when even the smallest round trip of the last 100-200 ms stands well above the
  smallest ever (1.5 x + 20 ms + the peer's acknowledgement gap), packets are waiting in a queue somewhere (the receiver's socket
  buffer on a fast link): the rate drops to half the delivery rate until the queue has drained,
  then goes on at 0.9 x the delivery rate seen before;
- loss memory: for LOSS_MEMORY (5 s) after a congestion event at LOSS_MEMORY_MIN_RATE or more,
  growth stops at 0.85 x the highest rate that lost packets in that time (each loss holds up everything behind it, a
  chat message too, until the peer asks for it again: against c-toxcore, which takes 40-45k
  packets/s here, fast probing lost packets every 1.8 s and held chat up by 60-140 ms).  A loss
  at a lower rate (early in start-up, a stray drop) says little about what the receiver takes,
  and a 5 s cap there would cost more than the loss;
- window: at most about two delivery-rate round trips of packets are unacknowledged (a round
  trip counting the time the peer lets pass between acknowledgements, measured: c-toxcore
  acknowledges every 50 ms or so, toxgui within 2 ms), so a receiver that stops reading stops
  us before its buffer overflows;
- burst: unused send tokens are kept for 20 ms of the rate at most;
- restart: rate-controlled packets after IDLE_RESTART (1 s) without any (a file after a chat)
  grow as in start-up again (a 1,000-message burst to c-toxcore before a transfer could leave the
  rate at its floor after a loss, and growing 10% per 50 ms from there took 3-4 s).

Only resends and congestion-controlled packets (file data, custom lossless) wait for tokens;
messages and status packets go out at once, as in c-toxcore, while the window has room (a burst
of 10,000 messages would otherwise overflow the receiver's buffer and crawl through resends),
and a message waiting behind a full window or the rate takes what is queued ahead of it along,
up to MESSAGE_RESERVE (64) packets beyond the window (net_crypto.layer); the rest wait, in
order, for acknowledgements.
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
CONGESTION_GAP = 0.5  # s: congestion events at most this often
# s without growth after a congestion event.  Shorter than CONGESTION_GAP: at random loss (5% on
# the link) an event comes every CONGESTION_GAP at any rate, and a hold as long as the gap let
# the rate only fall, to its floor within a few transfers (LOSS_MEMORY keeps high rates in check).
CONGESTION_HOLD = 0.25
QUEUE_DELAY = 0.02  # s of queueing (recent smallest minus smallest RTT) that stops growth
MAX_RATE = 200_000.0
BURST_TIME = 0.02  # s of the rate that unused tokens may add up to
STARTUP_STEP = 0.01  # s: the rate doubles at most this often in start-up
STEADY_GAIN = 1.25  # afterwards
STEADY_GROWTH = 1.1  # per SLOT, afterwards
DRAIN_GAIN = 0.5  # on a queue: this times the delivery rate, until it has drained
CRUISE_GAIN = 0.9  # then this times the delivery rate seen when the queue was found
QUEUE_RTT_FACTOR = 1.5  # a queue: the recent smallest RTT above 1.5 x the smallest + QUEUE_DELAY
MAX_ACK_GAP = 0.2  # s: longer gaps between acknowledgements count as this much
MIN_WINDOW = 64  # packets in flight allowed whatever the delivery rate
IDLE_RESTART = 1.0  # s without rate-controlled packets after which growth starts over (start-up)
LOSS_MEMORY = 5.0  # s after a congestion event during which growth stays below ...
LOSS_BACKOFF = 0.85  # ... this times the rate that lost packets, ...
LOSS_MEMORY_MIN_RATE = 8000.0  # ... if that was at least this many packets/s (about 11 MB/s)


class Congestion:
    def __init__(self, now: float) -> None:
        self.rate = INITIAL_RATE
        self.tokens = float(MIN_ALLOWANCE)
        self._refilled = now
        self._last_update = now
        self._last_congestion = -1e9
        self._last_drain = -1e9
        self._sent: deque[tuple[int, int]] = deque()  # (slot index, packets sent in slot)
        self._acked: deque[tuple[int, int]] = deque()
        self._delivery_slot = -1  # delivery_rate() of this slot index, computed once
        self._delivery = 0.0
        self.startup = True
        self._last_ack: float | None = None  # the last acknowledgement, if packets stayed in flight
        self._full_at: float | None = None  # since the last acknowledgement: when the window filled
        self._gaps: deque[tuple[int, float]] = deque()  # (slot index, longest gap seen in it)
        self._gap_max = 0.0  # the longest of _gaps (read for every packet sent)
        self._cruise: float | None = None  # while draining a queue: the delivery rate before
        self._loss_rate = MAX_RATE  # the rate at the last congestion event: growth stays below it
        self.window_full = False  # the last send found the window full
        self._last_controlled = -1e9  # when the last rate-controlled packet went out
        self._idle_restart = False  # the next growth step may go back to start-up
        self.congestion_events = 0
        self.queue_events = 0

    # --- token bucket -------------------------------------------------------------------------

    def _refill(self, now: float) -> None:
        dt = max(0.0, now - self._refilled)
        self._refilled = now
        cap = max(float(MIN_ALLOWANCE), self.rate * BURST_TIME)
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
            if now - self._last_controlled >= IDLE_RESTART:
                self._idle_restart = True
            self._last_controlled = now
            self._refill(now)
            self.tokens -= n
        self._count(self._sent, now, n)

    def set_window_full(self, full: bool, now: float) -> None:
        """The sender found the window full (or not).  The time it filled counts towards the
        peer's acknowledgement gap: a peer that acknowledges all it has at once every 50 ms
        leaves nothing in flight at its acknowledgements, and a window too small to cover the
        gap would never see the gap it needs to grow."""
        self.window_full = full
        if full and self._full_at is None:
            self._full_at = now

    def on_acked(self, now: float, n: int, in_flight: bool = False) -> None:
        """`n` packets were acknowledged; `in_flight`: others are still unacknowledged."""
        if not n:
            return
        self._count(self._acked, now, n)
        # in flight at the last acknowledgement: the time between the two; else, if the window
        # filled meanwhile, the time since it filled
        waited_since = self._last_ack if self._last_ack is not None else self._full_at
        self._full_at = None
        if waited_since is not None:
            slot = int(now / SLOT)
            gap = min(MAX_ACK_GAP, now - waited_since)
            q = self._gaps
            if q and q[-1][0] == slot:
                q[-1] = (slot, max(q[-1][1], gap))
            else:
                q.append((slot, gap))
            while q and q[0][0] < slot - SLOTS:
                q.popleft()
            self._gap_max = max(g for _, g in q)
        self._last_ack = now if in_flight else None

    def ack_gap(self) -> float:
        """The longest the peer went lately without acknowledging anything while packets were
        in flight (or while the window was full): how much it batches its acknowledgements
        (c-toxcore: up to its 50 ms request interval plus its loop; toxgui: a few ms)."""
        return self._gap_max

    def window(self, rtt: float, now: float) -> int:
        """How many packets may be unacknowledged at once: two round trips (and the peer's
        acknowledgement batching) of the delivery rate."""
        return max(MIN_WINDOW, int(2 * self.delivery_rate(now) * (rtt + self.ack_gap())))

    def on_congestion(self, now: float, lost_sent_at: float | None = None) -> None:
        """The peer asked for packets again: back off to 0.9 x what got through.  `lost_sent_at`:
        when the latest of those packets went out.  Packets sent before the last back-off were
        lost to the congestion it answered (a long run of losses is named over many request
        packets): that is not a new event."""
        if now - self._last_congestion < CONGESTION_GAP:
            return
        if lost_sent_at is not None and lost_sent_at <= self._last_congestion:
            return
        # the highest rate that lost lately: losses at lower rates (random loss on a lossy link)
        # must not ratchet the cap down
        self._loss_rate = self.rate if now - self._last_congestion >= LOSS_MEMORY else max(self._loss_rate, self.rate)
        self._last_congestion = now
        self.congestion_events += 1
        self.startup = False
        delivered = self._rate_of(self._acked, now)
        self.rate = max(MIN_RATE, min(self.rate, 0.9 * max(delivered, self.rate * 0.5)))
        self.tokens = min(self.tokens, self.rate * BURST_TIME)

    def update(self, now: float, rtt: float, limited: bool, recent_rtt: float | None = None) -> None:
        """Called at least every SLOT seconds while there is traffic.  `limited`: packets were
        waiting for tokens, so the measured rate says something about the link.  `rtt` is the
        smallest round trip ever seen, `recent_rtt` the smallest of late.  (The smoothed round
        trip would mislead here: c-toxcore acknowledges once per 50 ms loop, so half its
        samples carry up to 50 ms of waiting that is no queue.)"""
        dt = now - self._last_update
        if dt < (max(STARTUP_STEP, rtt) if self.startup else SLOT):
            return
        self._last_update = now
        delivered = self.delivery_rate(now)
        # (plus the peer's acknowledgement gap: a peer that acknowledges every 50 ms gives round
        # trips of up to 50 ms with no queue anywhere, all of them while a full window makes us
        # send only right after its acknowledgements)
        if recent_rtt is not None and recent_rtt > QUEUE_RTT_FACTOR * rtt + QUEUE_DELAY + self._gap_max:
            # A queue: send at half of what gets through until it has drained.  Again after the
            # queue has had time to show it is gone (the recent RTT looks back 100-200 ms).
            if delivered > 0 and now - self._last_drain >= 4 * SLOT:
                self._last_drain = now
                self.queue_events += 1
                self.startup = False
                if self._cruise is None:
                    self._cruise = delivered
                self.rate = max(MIN_RATE, min(self.rate, DRAIN_GAIN * delivered))
                self.tokens = min(self.tokens, self.rate * BURST_TIME)
            return
        if self._cruise is not None:
            # drained: go on at a little less than what got through before
            self.rate = max(self.rate, min(MAX_RATE, CRUISE_GAIN * self._cruise))
            self._cruise = None
            return
        if not limited or now - self._last_congestion < CONGESTION_HOLD:
            return
        if self._idle_restart:
            # A transfer after a quiet spell starts as a session does (what was learnt about the
            # path is old, and a loss during a burst of messages left the rate at its floor)
            self._idle_restart = False
            self.startup = True
        if self.startup:
            # Double per round trip (at most every STARTUP_STEP); the window keeps what is in
            # flight to two round trips of what gets through, so this cannot flood the peer.
            target = self.rate * min(2.0, 2.0 ** (dt / max(rtt, STARTUP_STEP)))
        else:
            target = min(self.rate * STEADY_GROWTH, max(STEADY_GAIN * delivered, INITIAL_RATE))
            if now - self._last_congestion < LOSS_MEMORY and self._loss_rate >= LOSS_MEMORY_MIN_RATE:
                # below the rate that lost packets last time: each loss holds up every packet
                # behind it (a chat message too) until the peer asks for it again
                target = min(target, max(self.rate, LOSS_BACKOFF * self._loss_rate))
        if target > self.rate:
            self.rate = min(MAX_RATE, target)

    # --- measurement --------------------------------------------------------------------------

    def delivery_rate(self, now: float) -> float:
        """Packets acknowledged per second: the best two consecutive slots of the last SLOTS
        (two, so that a peer acknowledging every 50 ms does not read as twice its rate)."""
        current = int(now / SLOT)
        if self._delivery_slot == current:
            return self._delivery  # only complete slots count: fixed until the slot changes
        q = self._acked
        self._expire(q, now)
        self._delivery_slot = current
        self._delivery = 0.0
        if not q:
            return 0.0
        counts = dict(q)
        best = 0
        for s in counts:
            if s >= current:
                continue  # the slot under way is not complete
            best = max(best, counts[s] + counts.get(s - 1, 0))
        self._delivery = best / (2 * SLOT)
        return self._delivery

    def _count(self, q: deque[tuple[int, int]], now: float, n: int) -> None:
        slot = int(now / SLOT)
        if q and q[-1][0] == slot:
            q[-1] = (slot, q[-1][1] + n)
        else:
            q.append((slot, n))
        self._expire(q, now)

    @staticmethod
    def _expire(q: deque[tuple[int, int]], now: float) -> None:
        oldest = int(now / SLOT) - SLOTS
        while q and q[0][0] < oldest:
            q.popleft()

    def _rate_of(self, q: deque[tuple[int, int]], now: float) -> float:
        self._expire(q, now)
        return sum(n for _, n in q) / (SLOT * SLOTS)
