"""One net_crypto connection: the state of a session with one friend (c-toxcore Crypto_Connection).

States (c-toxcore names; the friend's ToxProgress stage in brackets):
- COOKIE_REQUESTING: we know the friend's DHT key [AcquiringIPAddress without an address,
  AcquiringCookie with one]; a cookie request goes out every second, 8 sends without an answer
  kill the attempt.
- HANDSHAKE_SENT [AwaitingHandshake]: our handshake every second, 8 tries.
- NOT_CONFIRMED [AwaitingSessionPacket]: we hold the session key; handshake and request packets
  every second until the first data packet arrives.
- ESTABLISHED [Established]: data flows; the session never times out here (friend_connection's
  ALIVE pings do that).

One session keypair and one base nonce per attempt, reused in every handshake of the attempt,
so that a simultaneous open converges on one session key.
"""

from __future__ import annotations

from dataclasses import field
from enum import IntEnum, StrEnum

from toxgui.core.context import Route
from toxgui.core.crypto import KeyPair
from toxgui.core.net_crypto.buffers import RecvBuffer, SendBuffer
from toxgui.core.net_crypto.congestion import Congestion
from toxgui.core.record import record


class ConnState(IntEnum):
    COOKIE_REQUESTING = 1
    HANDSHAKE_SENT = 2
    NOT_CONFIRMED = 3
    ESTABLISHED = 4


class CloseReason(StrEnum):
    """Why a connection ended (counted by these values, and told to the layer above)."""

    COOKIE_TIMEOUT = "cookie request unanswered"  # the address did not answer: stale
    HANDSHAKE_TIMEOUT = "handshake unanswered"
    CONFIRM_TIMEOUT = "session never confirmed"
    PEER_KILLED = "kill packet from peer"
    NEW_DHT_KEY = "new DHT key"  # the friend restarted
    FRIEND_TIMEOUT = "friend timed out"  # no ALIVE for CONNECTION_TIMEOUT
    FRIEND_REMOVED = "friend removed"
    SHUTDOWN = "shutdown"  # we are quitting
    KILLED = "killed"  # any other local decision


TIMEOUT_REASON = {
    ConnState.COOKIE_REQUESTING: CloseReason.COOKIE_TIMEOUT,
    ConnState.HANDSHAKE_SENT: CloseReason.HANDSHAKE_TIMEOUT,
    ConnState.NOT_CONFIRMED: CloseReason.CONFIRM_TIMEOUT,
}


@record(frozen=True, slots=True)
class SessionChange:
    """A connection moved: `state` is None once it is gone, with the `reason`."""

    public_key: bytes
    state: ConnState | None
    reason: CloseReason | None = None


SEND_INTERVAL = 1.0  # CRYPTO_SEND_PACKET_INTERVAL
MAX_TRIES = 8  # MAX_NUM_SENDPACKET_TRIES
UDP_DIRECT_TIMEOUT = 8.0
DEFAULT_RTT = 1.0  # DEFAULT_PING_CONNECTION
MIN_REQUEST_INTERVAL = 0.05  # PACKET_COUNTER_AVERAGE_INTERVAL
SEND_POLL = 0.05  # while packets are unacknowledged, look at the send buffer this often
RESEND_SRTT_FACTOR = 1.5  # a packet is resent only after 1.5 smoothed round trips
ACK_DELAY = 0.002  # acknowledge received lossless data this soon (c-toxcore: up to 1 s)
RTT_WINDOW = 0.1  # s: the recent smallest round trip is taken over the last one to two of these


@record(eq=False)
class CryptoConnection:
    public_key: bytes  # the friend's long-term key
    dht_key: bytes  # the friend's DHT key, as we believe it
    session: KeyPair = field(repr=False)
    sent_nonce: bytes = field(repr=False)  # our base nonce, then the next one we send with
    echo_id: bytes = field(repr=False)
    created: float
    state: ConnState = ConnState.COOKIE_REQUESTING
    addr: Route | None = None
    addr_set: float | None = None
    direct_recv: float | None = None  # last UDP packet that authenticated
    recv_nonce: bytes | None = field(default=None, repr=False)
    peer_session_pk: bytes | None = None
    shared: bytes | None = field(default=None, repr=False)
    temp_packet: bytes | None = field(default=None, repr=False)
    temp_sends: int = 0  # sends that went out (a missing route does not count)
    temp_sent_at: float | None = None
    send: SendBuffer = field(default_factory=SendBuffer)
    recv: RecvBuffer = field(default_factory=RecvBuffer)
    cc: Congestion | None = None
    rtt: float = DEFAULT_RTT  # the smallest round trip seen (c-toxcore's rtt_time)
    srtt: float | None = None  # smoothed round trip (1/8 EWMA), for the resend guard
    rttvar: float = 0.0  # its mean deviation (1/4 EWMA)
    # The smallest round trip of the last one to two RTT_WINDOWs: a queue on the path raises every
    # sample, while a peer that acknowledges in batches (c-toxcore every 50 ms) raises only the
    # average, so this, not `srtt`, tells the send rate when to stop growing.
    rtt_min_now: float | None = None
    rtt_min_before: float | None = None
    rtt_window_start: float = 0.0
    latest_acked_sent: float = 0.0  # send time of the most recently sent packet acknowledged
    last_request_sent: float | None = None
    ack_due: float | None = None
    established_at: float | None = None
    last_recv: float | None = None
    packets_sent: int = 0
    packets_resent: int = 0
    packets_received: int = 0
    handshakes_received: int = 0
    udp_probed: float = float("-inf")  # the last short packet also sent over UDP while relayed
    temp_unsent: bool = False  # the last cookie request / handshake found no route

    def direct(self, now: float) -> bool:
        return self.direct_recv is not None and now - self.direct_recv < UDP_DIRECT_TIMEOUT

    def next_wake(self, now: float) -> float | None:
        times: list[float] = []
        if self.temp_packet is not None:
            times.append(now if self.temp_sent_at is None else self.temp_sent_at + SEND_INTERVAL)
        if self.state in (ConnState.NOT_CONFIRMED, ConnState.ESTABLISHED):
            last = self.last_request_sent
            times.append(now if last is None else last + self.request_interval())
            if self.ack_due is not None:
                times.append(self.ack_due)
            if self.state == ConnState.ESTABLISHED and self.cc is not None:
                if self.send.has_pending and not self.cc.window_full:
                    times.append(self.cc.next_token_at(now))
                if len(self.send):
                    times.append(now + SEND_POLL)
        return min(times) if times else None

    def resend_guard(self) -> float:
        """How long a packet named in a request must have been out before we resend it, unless
        a packet sent after it already got through.  c-toxcore uses its minimum RTT; under load
        the queueing delay makes that fire on packets still in flight, so we add the smoothed RTT
        and the acknowledgement delay."""
        srtt = self.srtt if self.srtt is not None else self.rtt
        return max(self.rtt, srtt + 4 * self.rttvar, RESEND_SRTT_FACTOR * srtt) + ACK_DELAY

    def add_rtt_sample(self, sample: float, now: float) -> None:
        self.rtt = min(self.rtt, sample)
        if now - self.rtt_window_start >= RTT_WINDOW:
            self.rtt_window_start = now
            self.rtt_min_before, self.rtt_min_now = self.rtt_min_now, None
        self.rtt_min_now = sample if self.rtt_min_now is None else min(self.rtt_min_now, sample)
        if self.srtt is None:
            self.srtt, self.rttvar = sample, sample / 2
        else:
            self.rttvar += (abs(sample - self.srtt) - self.rttvar) / 4
            self.srtt += (sample - self.srtt) / 8

    @property
    def recent_rtt(self) -> float | None:
        """The smallest round trip seen lately (None before any sample)."""
        m = [x for x in (self.rtt_min_now, self.rtt_min_before) if x is not None]
        return min(m) if m else None

    def request_interval(self) -> float:
        """Request packets: every second at least; faster while data is in flight either way."""
        if self.state != ConnState.ESTABLISHED:
            return SEND_INTERVAL
        if self.recv.has_holes:
            return max(MIN_REQUEST_INTERVAL, min(SEND_INTERVAL, self.rtt * 1.5))
        if len(self.send):
            # only our packets are out: a request tells the peer where our window ends, so a
            # lost tail gets asked for; no need to hurry a peer that acknowledges slowly
            return max(MIN_REQUEST_INTERVAL, min(SEND_INTERVAL, self.resend_guard()))
        return SEND_INTERVAL
