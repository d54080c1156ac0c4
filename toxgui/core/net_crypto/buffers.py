"""Lossless send and receive windows of one net_crypto session (c-toxcore Packets_Array).

Packet numbers are u32 and wrap; a window holds at most `BUFFER_SIZE` packets.  The send window
keeps every lossless packet until the peer acknowledges it (the `buffer_start` field of any data
packet, or by leaving it out of a request packet); the receive window stores packets that
arrived out of order and hands them up strictly in order.

Rules (mirroring c-toxcore 0.2.18 net_crypto.c):
- an acknowledgement `n` frees packets when start < n <= end; one behind start (a reordered
  older packet) frees nothing; one beyond end drops the packet (c-toxcore drops both, which
  costs a resend per reordered packet);
- a request packet frees every slot it walks past without naming, and marks each named slot for
  resending if it was sent more than a guard time ago (c-toxcore: one RTT) or before a packet
  that has been acknowledged; slots after the last named one stay untouched;
- the receive end moves forward only (lossy, request and kill packets carry the sender's end);
- a lossless packet at or beyond start + BUFFER_SIZE, or already held, is dropped.
"""

from __future__ import annotations

import heapq

from toxgui.core.net_crypto import _codec as codec
from toxgui.core.record import record

BUFFER_SIZE = 32768  # CRYPTO_PACKET_BUFFER_SIZE
U32 = 1 << 32

PACKET_ID_PADDING = 0
PACKET_ID_REQUEST = 1
PACKET_ID_KILL = 2
LOSSLESS_START = 16
LOSSLESS_END = 191
LOSSY_START = 192
LOSSY_END = 254


def dist(a: int, b: int) -> int:
    """(b - a) mod 2^32: how far b lies after a."""
    return (b - a) % U32


class BufferFull(Exception):
    """The send window already holds BUFFER_SIZE packets the peer has not acknowledged."""


@record(slots=True)
class SentPacket:
    data: bytes
    sent_at: float | None  # None: waiting to be (re)sent
    first_sent: float | None = None
    age: int = 0  # order of first push, for oldest-first resending
    sends: int = 0
    congestion_controlled: bool = False


class SendBuffer:
    def __init__(self, start: int = 0) -> None:
        self.start = start
        self.end = start
        self.slots: dict[int, SentPacket] = {}
        self._pending: set[int] = set()  # numbers waiting to be (re)sent
        self._heap: list[tuple[int, int]] = []  # (age, number) of pending packets, lazily pruned
        self._pushed = 0  # packets ever pushed: the age of the next one
        self._last_urgent: int | None = None  # the newest packet pushed outside congestion control

    def __len__(self) -> int:
        return dist(self.start, self.end)

    @property
    def has_pending(self) -> bool:
        return bool(self._pending)

    @property
    def pending_count(self) -> int:
        """Packets waiting to be (re)sent."""
        return len(self._pending)

    def mark_sent(self, n: int, now: float) -> None:
        p = self.slots[n]
        p.sent_at = now
        self._pending.discard(n)

    @property
    def free_slots(self) -> int:
        return BUFFER_SIZE - len(self)

    def push(self, data: bytes, congestion_controlled: bool = False) -> int:
        if len(self) >= BUFFER_SIZE:
            raise BufferFull
        n = self.end
        self.slots[n] = SentPacket(data, None, congestion_controlled=congestion_controlled, age=self._pushed)
        self._pushed += 1
        self._wait(n)
        self.end = (n + 1) % U32
        if not congestion_controlled:
            self._last_urgent = n
        return n

    def urgent_age(self) -> int | None:
        """The age of the newest packet pushed outside congestion control (a message, a status
        or file control packet) while it waits to be sent, else None."""
        n = self._last_urgent
        if n is None or n not in self._pending:
            return None
        return self.slots[n].age

    def get(self, n: int) -> SentPacket | None:
        return self.slots.get(n)

    def acknowledge(self, ack: int) -> list[SentPacket] | None:
        """The peer expects `ack` next: free everything below it.

        Returns the freed packets ([] when nothing moves), None when `ack` lies outside the
        window (c-toxcore drops such a data packet).
        """
        if ack == self.start:
            return []
        d = dist(self.start, ack)
        if d > len(self):
            if dist(ack, self.start) <= BUFFER_SIZE:
                return []  # an older acknowledgement overtaken by a newer one: nothing to free
            return None
        freed = []
        n = self.start
        for _ in range(d):
            p = self.slots.pop(n, None)
            if p is not None:
                freed.append(p)
                self._pending.discard(n)
            n = (n + 1) % U32
        self.start = ack
        return freed

    def is_acknowledged(self, n: int) -> bool:
        """True once packet `n` (sent earlier) has left the window or was freed by a request."""
        if dist(self.start, n) >= len(self):
            return True
        return n not in self.slots

    def handle_request(
        self, request: bytes, now: float, guard: float, latest_acked_sent: float = 0.0
    ) -> tuple[list[SentPacket], int, float | None]:
        """Apply a whole request packet (id 1 included), read by the shared codec.

        A named slot is resent when it went out more than `guard` seconds ago (c-toxcore: one
        RTT), or when a packet sent after it has been acknowledged (here or earlier): then it is
        lost, not late.  Returns (freed packets, number of slots marked for resending, when the
        latest of those last went out).  A malformed request raises ProtocolError, which drops
        the packet.
        """
        res = codec.decode_request(request, self.start, self.end)
        freed = []
        for n in res.acknowledged:
            p = self.slots.pop(n, None)
            if p is not None:
                freed.append(p)
                self._pending.discard(n)
                if p.sends == 1 and p.sent_at is not None and p.sent_at > latest_acked_sent:
                    latest_acked_sent = p.sent_at  # sent once: we know which copy got through
        marked = 0
        lost_sent_at: float | None = None
        for n in res.resend:
            p = self.slots.get(n)
            if p is not None and p.sent_at is not None and (
                p.sent_at + guard < now or p.sent_at < latest_acked_sent
            ):
                if lost_sent_at is None or p.sent_at > lost_sent_at:
                    lost_sent_at = p.sent_at
                p.sent_at = None
                self._wait(n)
                marked += 1
        return freed, marked, lost_sent_at

    def _wait(self, n: int) -> None:
        if n not in self._pending:
            self._pending.add(n)
            heapq.heappush(self._heap, (self.slots[n].age, n))

    def oldest_pending(self) -> int | None:
        """The oldest packet waiting to be (re)sent, or None."""
        heap = self._heap
        while heap and heap[0][1] not in self._pending:
            heapq.heappop(heap)
        return heap[0][1] if heap else None

    def pending(self, limit: int | None = None) -> list[int]:
        """Numbers of packets waiting to be (re)sent, oldest first (at most `limit`)."""
        heap = self._heap
        while heap and heap[0][1] not in self._pending:
            heapq.heappop(heap)
        if limit is None or limit >= len(self._pending):
            slots = self.slots
            return sorted(self._pending, key=lambda n: slots[n].age)
        out: list[int] = []
        taken = []
        while heap and len(out) < limit:
            e = heapq.heappop(heap)
            if e[1] in self._pending and e not in taken:
                out.append(e[1])
                taken.append(e)
        for e in taken:
            heapq.heappush(heap, e)
        return out


class RecvBuffer:
    def __init__(self, start: int = 0) -> None:
        self.start = start
        self.end = start
        self.slots: dict[int, bytes] = {}

    def __len__(self) -> int:
        return dist(self.start, self.end)

    @property
    def has_holes(self) -> bool:
        return len(self.slots) < len(self)

    def set_end(self, n: int) -> bool:
        """Move the end forward to `n` (from a lossy, request or kill packet)."""
        if dist(self.start, n) > BUFFER_SIZE or dist(self.end, n) > BUFFER_SIZE:
            return False
        self.end = n
        return True

    def add(self, n: int, data: bytes) -> bool:
        if dist(self.start, n) >= BUFFER_SIZE or n in self.slots:
            return False
        self.slots[n] = data
        if dist(self.start, n) >= len(self):
            self.end = (n + 1) % U32
        return True

    def pop_ready(self) -> list[bytes]:
        out = []
        while self.start != self.end and self.start in self.slots:
            out.append(self.slots.pop(self.start))
            self.start = (self.start + 1) % U32
        return out

    def request_packet(self, max_size: int) -> bytes:
        """A request packet (id 1 included) naming every hole between start and end."""
        return codec.encode_request(self.start, self.end, self.slots.keys(), max_size)
