"""net_crypto: handshake validation, data integrity, windows, congestion control."""

from __future__ import annotations

import pytest

from tests.sim.simnet import VirtualNetwork
from tests.sim.test_sessions import connect, events, pair
from toxgui.core.crypto import KeyPair
from toxgui.core.events import Message, Receipt
from toxgui.core.net_crypto import ConnState, SessionError
from toxgui.core.net_crypto import _codec as codec
from toxgui.core.net_crypto.buffers import BUFFER_SIZE, RecvBuffer, SendBuffer
from toxgui.core.net_crypto.congestion import (
    CONGESTION_HOLD,
    LOSS_BACKOFF,
    LOSS_MEMORY,
    LOSS_MEMORY_MIN_RATE,
    MIN_RATE,
    Congestion,
)
from toxgui.core.packets import net_crypto as ncp

HANDSHAKE = 0x1A
DATA = 0x1B


def capture(net: VirtualNetwork, kind: int) -> list[tuple[tuple[str, int], tuple[str, int], bytes]]:
    got: list[tuple[tuple[str, int], tuple[str, int], bytes]] = []
    net.taps.append(lambda now, src, dst, data: got.append((src, dst, data)) if data[0] == kind else None)
    return got


def live_session_ok(net, a, b) -> None:
    """The session is untouched: same keys, still online, and messages still flow both ways."""
    ids = a.send_message(b.public_key, "still here", "normal", net.now)
    b.send_message(a.public_key, "me too", "normal", net.now)
    net.kick(a)
    net.kick(b)
    net.run_until(lambda: [r.id for r in events(net, a, Receipt)][-1:] == ids, timeout=10)
    assert events(net, b, Message)[-1].text == "still here"
    net.run_until(lambda: events(net, a, Message) and events(net, a, Message)[-1].text == "me too", timeout=10)


def established(net):
    a, b = pair(net)
    hs = capture(net, HANDSHAKE)
    data = capture(net, DATA)
    connect(net, a, b)
    ca, cb = a.net_crypto.conns[b.public_key], b.net_crypto.conns[a.public_key]
    assert ca.state == cb.state == ConnState.ESTABLISHED
    return a, b, hs, data


def test_replayed_handshake_is_rejected_and_the_session_lives_on() -> None:
    net = VirtualNetwork(seed=31)
    a, b, hs, _ = established(net)
    shared = b.net_crypto.conns[a.public_key].shared
    a_to_b = [d for src, dst, d in hs if src == net.addr_of(a)]
    assert a_to_b
    before = b.stats.dropped_malformed
    # replayed from a's own address (the session is established) ...
    net.inject(net.addr_of(a), net.addr_of(b), a_to_b[0])
    # ... and from another address (a fresh-connection attempt with a live cookie)
    net.inject(("10.9.9.9", 4000), net.addr_of(b), a_to_b[0])
    net.run_for(0.5)
    assert b.stats.dropped_malformed >= before + 2
    assert b.net_crypto.counters["handshake: session already established"] >= 1
    assert b.net_crypto.counters["handshake: session already in progress"] >= 1
    cb = b.net_crypto.conns[a.public_key]
    assert cb.shared == shared and cb.addr == net.addr_of(a) and cb.state == ConnState.ESTABLISHED
    live_session_ok(net, a, b)


def test_handshake_with_an_expired_cookie_is_rejected() -> None:
    net = VirtualNetwork(seed=32)
    a, b, hs, _ = established(net)
    old = next(d for src, _, d in hs if src == net.addr_of(a))
    net.run_for(16.5)  # the cookie inside is now older than 15 s
    net.inject(("10.9.9.9", 4000), net.addr_of(b), old)
    net.run_for(0.2)
    assert b.net_crypto.counters.get("handshake refused: cookie expired") == 1
    live_session_ok(net, a, b)


def test_handshake_with_a_cookie_made_for_another_key_is_rejected() -> None:
    net = VirtualNetwork(seed=33)
    a, b, _, _ = established(net)
    mallory = KeyPair.generate(net.rng_for("mallory"))
    mallory_dht = KeyPair.generate(net.rng_for("mallory dht"))
    # a genuine cookie from b, made for mallory's long-term key
    cookie = codec.make_cookie(b.net_crypto.cookie_key, bytes(24), net.now, mallory.public, mallory_dht.public)
    hs = ncp.create_handshake(
        mallory, b.public_key, cookie, bytes(24), bytes(24), KeyPair.generate(net.rng_for("s")).public,
        cookie,
    ).encode()
    # sent from a's address: the connection there belongs to a, not to the cookie's key
    net.inject(net.addr_of(a), net.addr_of(b), hs)
    # sent from elsewhere: it opens, but mallory is no friend
    net.inject(("10.9.9.9", 4000), net.addr_of(b), hs)
    net.run_for(0.2)
    c = b.net_crypto.counters
    assert c.get("handshake refused: handshake cookie names another long-term key") == 1
    assert c.get("handshake: not a friend, or a connection exists") == 1
    live_session_ok(net, a, b)


def test_data_packet_with_a_bad_mac_is_dropped() -> None:
    net = VirtualNetwork(seed=34)
    a, b, _, data = established(net)
    pkt = bytearray([d for src, _, d in data if src == net.addr_of(a)][-1])
    pkt[-1] ^= 0x01
    nonce_before = b.net_crypto.conns[a.public_key].recv_nonce
    net.inject(net.addr_of(a), net.addr_of(b), bytes(pkt))
    net.run_for(0.05)
    assert b.net_crypto.counters.get("data: bad MAC or size") == 1
    assert b.net_crypto.conns[a.public_key].recv_nonce == nonce_before
    live_session_ok(net, a, b)


def test_replayed_data_is_delivered_once() -> None:
    net = VirtualNetwork(seed=35)
    a, b = pair(net)
    data = capture(net, DATA)
    connect(net, a, b)
    a.send_message(b.public_key, "once", "normal", net.now)
    net.kick(a)
    net.run_until(lambda: events(net, a, Receipt), timeout=5)
    for src, dst, d in list(data):
        if src == net.addr_of(a):
            net.inject(src, dst, d)
    net.run_for(1)
    assert [m.text for m in events(net, b, Message)] == ["once"]
    assert b.stats.internal_errors == 0


def test_never_more_than_32768_packets_ahead() -> None:
    net = VirtualNetwork(seed=36)
    a, b = pair(net)
    connect(net, a, b)
    net.block(net.addr_of(a), net.addr_of(b))  # nothing gets acknowledged any more
    nc = a.net_crypto
    conn = nc.conns[b.public_key]
    free = nc.send_window_free(b.public_key)
    for _ in range(free):
        nc.write(b.public_key, b"\xa0x", net.now, congestion_controlled=True)
    assert len(conn.send) == BUFFER_SIZE
    with pytest.raises(SessionError):
        nc.write(b.public_key, b"\xa0x", net.now)
    # messages wait in the queue instead of being lost
    a.send_message(b.public_key, "later", "normal", net.now)
    assert [m.data for m in a.messenger.outgoing()[b.public_key]] == [b"later"]


def test_buffers_request_round_trip() -> None:
    recv = RecvBuffer(start=1)
    for n in (2, 3, 5):
        assert recv.add(n, b"\x40" + bytes([n]))
    assert recv.request_packet(1373) == bytes([1, 1, 3])  # slots 1 and 4 missing (notes 11.8)
    send = SendBuffer(start=1)
    for n in range(1, 6):
        send.push(b"\x40" + bytes([n]))
        send.mark_sent(n, 0.0)
        send.slots[n].sends = 1
    freed, marked, lost_sent_at = send.handle_request(bytes([1, 1, 3]), now=5.0, guard=0.1)
    assert sorted(p.data[1] for p in freed) == [2, 3]
    assert marked == 2 and lost_sent_at == 0.0 and send.pending() == [1, 4] and send.pending(1) == [1]
    assert send.handle_request(b"\x01", 5.0, 0.1) == ([], 0, None)  # acknowledges nothing
    # a named slot still in flight (sent after everything acknowledged, within the guard) waits;
    # one sent before an acknowledged packet is lost and goes again at once
    late = SendBuffer(start=0)
    for n in range(3):
        late.push(b"\x40")
        late.mark_sent(n, 4.95 + n * 0.01)
        late.slots[n].sends = 1
    assert late.handle_request(bytes([1, 1]), now=5.0, guard=0.5) == ([], 0, None)  # 0 named, nothing acked
    freed, marked, lost_sent_at = late.handle_request(bytes([1, 1, 2]), now=5.0, guard=0.5)  # 0, 2 named; 1 through
    assert len(freed) == 1 and marked == 1 and lost_sent_at == 4.95 and late.pending() == [0]
    assert recv.pop_ready() == []
    recv.add(1, b"\x40\x01")
    assert [d[1] for d in recv.pop_ready()] == [1, 2, 3]


def test_send_buffer_acknowledgements() -> None:
    s = SendBuffer(start=(1 << 32) - 2)  # wraps
    nums = [s.push(b"\x40") for _ in range(4)]
    assert nums == [(1 << 32) - 2, (1 << 32) - 1, 0, 1]
    assert len(s.acknowledge(0)) == 2
    assert s.acknowledge((1 << 32) - 1) == []  # older, overtaken: frees nothing
    assert s.acknowledge(5) is None  # beyond the end: invalid
    assert s.is_acknowledged((1 << 32) - 1) and not s.is_acknowledged(1)


def test_congestion_backs_off_and_recovers() -> None:
    cc = Congestion(0.0)
    start = cc.rate
    now = 0.0
    for _ in range(40):  # 2 s of a sender limited by the rate, no loss: grows
        now += 0.05
        n = cc.allowance(now)
        cc.on_sent(now, n)
        cc.on_acked(now, n)
        cc.update(now, rtt=0.01, limited=True)
    assert cc.rate > start * 4
    high = cc.rate
    cc.on_congestion(now)
    assert cc.rate < high
    for _ in range(100):
        now += 0.05
        cc.on_congestion(now)
    assert cc.rate >= MIN_RATE


def _grow(cc: Congestion, now: float, seconds: float, acked: int = 2) -> tuple[float, float]:
    """A sender limited by the rate, to a peer that takes everything (and more): no reason to
    stop growing.  Returns (now, the highest rate seen)."""
    top = 0.0
    end = now + seconds
    while now < end:
        now += 0.01
        n = cc.allowance(now)
        cc.on_sent(now, n)
        cc.on_acked(now, acked * n)
        cc.update(now, rtt=0.001, limited=True)
        top = max(top, cc.rate)
    return now, top


def test_growth_stays_below_the_rate_that_lost_packets_for_a_while() -> None:
    """Each loss holds up everything behind it (a chat message too) until the peer asks again:
    after one at a high rate, the rate comes back to LOSS_BACKOFF of the rate that lost, not past
    it, until LOSS_MEMORY has passed; then it probes higher again."""
    cc = Congestion(0.0)
    now = 0.0
    while cc.rate < 2 * LOSS_MEMORY_MIN_RATE:  # start-up, no loss
        now, _ = _grow(cc, now, 0.01, acked=1)
    lost_at = cc.rate
    cc.on_congestion(now)
    assert cc.rate < LOSS_BACKOFF * lost_at
    now, top = _grow(cc, now, LOSS_MEMORY - 0.2)
    assert top <= LOSS_BACKOFF * lost_at + 1e-6
    assert cc.rate > 0.8 * LOSS_BACKOFF * lost_at  # it did come back
    now, top = _grow(cc, now, 2.0)
    assert top > lost_at  # the memory has passed: it probes higher


def test_random_losses_do_not_ratchet_the_rate_down() -> None:
    """On a lossy link every half second brings a loss, each at a lower rate than the last: the
    cap stays at the highest rate that lost, so the rate recovers between them as before."""
    cc = Congestion(0.0)
    now = 0.0
    while cc.rate < 4 * LOSS_MEMORY_MIN_RATE:
        now, _ = _grow(cc, now, 0.01, acked=1)
    lost_at = cc.rate
    lows = []
    for _ in range(8):  # 4 s of a loss every 0.5 s
        cc.on_congestion(now)
        lows.append(cc.rate)
        now, _ = _grow(cc, now, 0.5)
    cc.on_congestion(now)
    now, top = _grow(cc, now, 3.0)
    assert top >= LOSS_BACKOFF * lost_at * 0.99  # back up to the cap of the first, highest loss


def test_a_loss_at_a_low_rate_does_not_hold_the_rate_low() -> None:
    """A loss early in start-up, at a rate far below what a receiver takes, is not remembered:
    once the hold after it has passed, the rate grows as before."""
    cc = Congestion(0.0)
    now, _ = _grow(cc, 0.0, 0.03, acked=1)
    lost_at = cc.rate
    assert lost_at < LOSS_MEMORY_MIN_RATE
    cc.on_congestion(now)
    now, top = _grow(cc, now, CONGESTION_HOLD + 2.0)
    assert top > 10 * lost_at


def test_a_transfer_after_a_quiet_spell_grows_as_in_start_up() -> None:
    """A loss during a burst of messages left the rate at its floor and start-up over; a file
    sent a while later must not climb from there by 10% per 50 ms (3-4 s to reach a fast
    receiver's rate), but double per round trip as a new session does."""
    cc = Congestion(0.0)
    now, _ = _grow(cc, 0.0, 0.05, acked=1)
    cc.on_congestion(now)
    cc.on_congestion(now + 0.6)  # a second loss: the rate near its floor
    assert not cc.startup
    floor = cc.rate
    now, _ = _grow(cc, now + 5.0, 0.5)  # 5 s later, a transfer: 0.5 s of it
    assert cc.rate > 50 * floor


def test_lossy_packets_and_reserved_ids() -> None:
    net = VirtualNetwork(seed=37)
    a, b = pair(net)
    connect(net, a, b)
    got: list[bytes] = []
    b.friend_connection.register([0xC8], lambda pk, d, now: got.append(d))
    a.net_crypto.write_lossy(b.public_key, b"\xc8lossy", net.now)
    net.kick(a)
    net.run_until(lambda: got, timeout=5)
    assert got == [b"\xc8lossy"]
    with pytest.raises(ValueError):
        a.net_crypto.write_lossy(b.public_key, b"\xffno", net.now)  # 255 is not valid in 0.2.18
    with pytest.raises(ValueError):
        a.net_crypto.write(b.public_key, b"\x03reserved", net.now)


def test_a_request_packet_alone_confirms_the_session() -> None:
    net = VirtualNetwork(seed=38, latency=(0.05, 0.05))  # no reordering: b's handshake comes first
    a, b = pair(net)
    seen: list[tuple[ConnState, int]] = []  # (a's state when b's data packet arrived, its id)
    receive = a.receive_datagram

    def tap(data: bytes, addr, now: float) -> None:
        conn = a.net_crypto.conns.get(b.public_key)
        if data[0] == DATA and conn is not None and conn.shared is not None and not seen:
            body = codec.decode_data(data, conn.shared, conn.recv_nonce)[2]
            seen.append((conn.state, body[0]))
        receive(data, addr, now)

    a.receive_datagram = tap  # type: ignore[method-assign]
    connect(net, a, b)
    # the first data packet from b found a NOT_CONFIRMED and was a request packet: it confirmed
    assert seen == [(ConnState.NOT_CONFIRMED, 1)]
    assert a.stats.internal_errors == 0


def test_a_cookie_request_that_found_no_route_goes_out_when_the_address_arrives() -> None:
    """A session started before the friend's address is known sends its cookie request the moment
    an address is set, not a second after the try that found no route."""
    net = VirtualNetwork(seed=31)
    a, b = pair(net)
    cookies = capture(net, 0x18)
    net.run_for(0.5)  # the pair's first ticks come and go; no route yet
    a.net_crypto.connect(b.public_key, b.dht_public_key, net.now)
    net.kick(a)
    net.run_for(0.3)
    assert cookies == [] and a.net_crypto.conns[b.public_key].temp_unsent
    a.net_crypto.set_addr(b.public_key, net.addr_of(b), net.now)
    net.kick(a)
    net.run_for(0.2)  # a link's latency, far less than the second the old try would wait
    assert cookies and cookies[0][:2] == (net.addr_of(a), net.addr_of(b))


def test_a_long_run_of_lost_packets_is_sent_again() -> None:
    """The receiver's socket overflowed (a busy process): 3000 packets in a row were lost, more
    than one request packet can name.  Those the peer names go again although the window still
    counts the rest as in flight (they once held a transfer and its pings until the friend
    connection timed out), and the rest follow, at a rate that backed off once."""
    net = VirtualNetwork(seed=37)
    a, b = pair(net)
    connect(net, a, b)
    nc = a.net_crypto
    conn = nc.conns[b.public_key]
    net.block(net.addr_of(a), net.addr_of(b))
    numbers = [nc.write(b.public_key, b"\xa0" + bytes(1000), net.now, congestion_controlled=True) for _ in range(3000)]
    for n in numbers:  # out, and lost
        conn.send.mark_sent(n, net.now)
        conn.send.slots[n].sends = 1
    assert conn.cc is not None and len(conn.send.slots) > conn.cc.window(conn.rtt, net.now) + 1373
    net.run_for(1)
    net.unblock(net.addr_of(a), net.addr_of(b))
    net.run_until(lambda: len(conn.send) == 0, timeout=10, poll=0.05)  # (before: never)
    assert nc.conns.get(b.public_key) is conn
    # one run of losses is one congestion event, however many request packets name it
    assert conn.cc.congestion_events == 1
