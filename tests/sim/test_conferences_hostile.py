"""Hostile conference input, sent by a real member over its real encrypted session: forged and
unknown peer numbers, a message claiming our own number, a KILL_PEER naming another member, a
title and a name one byte over the limit, and a flood of invites.  Each is dropped and counted;
nothing crashes and nothing is shown."""

from __future__ import annotations

import struct

import pytest

from tests.sim.simnet import VirtualNetwork
from tests.sim.test_conferences import build, chain_conference, conf_of, members
from tests.sim.test_sessions import events
from toxgui.core.conferences import (
    MAX_NAME_LENGTH,
    MAX_PEERS,
    MAX_PENDING_INVITES,
    MESSAGE,
    MSG_KILL_PEER,
    MSG_NAME,
    MSG_NEW_PEER,
    MSG_TEXT,
    MSG_TITLE,
    ConferenceError,
)
from toxgui.core.events import ConferenceInvite, ConferenceMessage, ConferenceTitle
from toxgui.core.node import ToxNode
from toxgui.core.spec import MessageKind

MSG_TEXT_KIND = MessageKind.NORMAL


def setup(seed: int) -> tuple[VirtualNetwork, list[ToxNode], bytes]:
    net = VirtualNetwork(seed=seed, latency=(0.005, 0.02))
    nodes = build(net, 3)
    cid = chain_conference(net, nodes, b"room")
    return net, nodes, cid


def inject(net: VirtualNetwork, src: ToxNode, dst: ToxNode, cid: bytes, pn: int, number: int, mid: int,
           data: bytes) -> None:
    """A MESSAGE packet from `src` to `dst` over their session, with any sender number."""
    ln = conf_of(src, cid).links[dst.public_key]
    pkt = struct.pack(">BHHIB", MESSAGE, ln.group_number, pn, number, mid) + data
    src.friend_connection.send_packet(dst.public_key, pkt, net.now)
    net.kick(src)


def drops(node: ToxNode, reason: str) -> int:
    return node.stats.drop_reasons[f"conference: {reason}"]


def test_unknown_peer_numbers_are_dropped() -> None:
    net, (a, b, _c), cid = setup(71)
    known = set(conf_of(a, cid).peers)
    forged = next(n for n in range(1, 0xFFFF) if n not in known)
    shown = len(events(net, a, ConferenceMessage))
    for i in range(50):
        inject(net, b, a, cid, forged, i + 1, MSG_TEXT, b"forged")
    net.run_until(lambda: drops(a, "unknown sender") >= 50, timeout=10)
    assert len(events(net, a, ConferenceMessage)) == shown
    assert set(conf_of(a, cid).peers) == known
    assert a.stats.internal_errors == 0


def test_a_message_claiming_our_own_number_is_dropped() -> None:
    net, (a, b, _c), cid = setup(72)
    ca = conf_of(a, cid)
    shown = len(events(net, a, ConferenceMessage))
    inject(net, b, a, cid, ca.peer_number, ca.message_number + 100, MSG_TEXT, b"I am a")
    net.run_until(lambda: drops(a, "forged own number") >= 1, timeout=10)
    assert len(events(net, a, ConferenceMessage)) == shown


def test_kill_peer_naming_another_member_is_dropped() -> None:
    net, (a, b, c), cid = setup(73)
    cb = conf_of(b, cid)
    c_number = conf_of(c, cid).peer_number
    inject(net, b, a, cid, cb.peer_number, cb.message_number + 1, MSG_KILL_PEER, struct.pack(">H", c_number))
    cb.message_number += 1
    net.run_until(lambda: drops(a, "kill for another peer") >= 1, timeout=10)
    assert c.public_key in members(a, cid)


def test_title_and_name_one_byte_over_the_limit_are_dropped() -> None:
    net, (a, b, _c), cid = setup(74)
    cb = conf_of(b, cid)
    with pytest.raises(ConferenceError):
        b.conferences.set_title(cid, b"t" * (MAX_NAME_LENGTH + 1), net.now)
    titles = len(events(net, a, ConferenceTitle))
    inject(net, b, a, cid, cb.peer_number, cb.message_number + 1, MSG_TITLE, b"t" * (MAX_NAME_LENGTH + 1))
    inject(net, b, a, cid, cb.peer_number, cb.message_number + 2, MSG_NAME, b"n" * (MAX_NAME_LENGTH + 1))
    cb.message_number += 2
    net.run_until(lambda: drops(a, "bad title") >= 1 and drops(a, "name too long") >= 1, timeout=10)
    assert conf_of(a, cid).title == b"room"
    assert len(events(net, a, ConferenceTitle)) == titles
    assert len(conf_of(a, cid).peers[cb.peer_number].name) <= MAX_NAME_LENGTH
    # the longest title is fine
    b.conferences.set_title(cid, b"T" * MAX_NAME_LENGTH, net.now)
    net.kick(b)
    net.run_until(lambda: conf_of(a, cid).title == b"T" * MAX_NAME_LENGTH, timeout=10)


def test_a_flood_of_invites_from_one_friend_is_capped() -> None:
    net, (a, b, _c), _cid = setup(75)
    before = len(events(net, a, ConferenceInvite))
    rng = net.rng_for("flood")
    for i in range(200):
        cookie_id = rng.bytes(32) if i % 2 else b"\x01" * 32  # half of them the same invite again
        pkt = struct.pack(">BBHB", 96, 0, 7, 0) + cookie_id
        b.friend_connection.send_packet(a.public_key, pkt, net.now)
    net.kick(b)
    net.run_until(lambda: drops(a, "too many invites") + drops(a, "repeated invite") >= 200 - MAX_PENDING_INVITES,
                  timeout=30)
    got = len(events(net, a, ConferenceInvite)) - before
    assert got == MAX_PENDING_INVITES
    assert len(a.conferences.invites[b.public_key]) == MAX_PENDING_INVITES
    assert a.stats.internal_errors == 0


def test_a_flood_of_new_peers_is_capped() -> None:
    net, (a, b, _c), cid = setup(76)
    cb = conf_of(b, cid)
    rng = net.rng_for("peers")
    total = MAX_PEERS + 100
    sent = 0
    while sent < total:  # in rounds the session's window takes
        for _ in range(100):
            sent += 1
            cb.message_number += 1
            inject(net, b, a, cid, cb.peer_number, cb.message_number, MSG_NEW_PEER,
                   struct.pack(">H", 1000 + sent) + rng.bytes(32) + rng.bytes(32))
        net.run_until(net.now + 2)
    net.run_until(lambda: drops(a, "too many peers") >= total - (MAX_PEERS - 3), timeout=30)
    assert len(conf_of(a, cid).peers) == MAX_PEERS
    assert a.stats.internal_errors == 0


def test_lossy_conference_packets_are_taken_and_ignored() -> None:
    """Text conferences have no lossy traffic (199 is for audio): accepted and ignored, whatever
    it holds."""
    net, (a, b, _c), cid = setup(77)
    ln = conf_of(b, cid).links[a.public_key]
    shown = len(events(net, a, ConferenceMessage))
    for body in (b"", b"\x00", struct.pack(">HHH", ln.group_number, 0, 1) + b"\xc0audio", b"\xff" * 1000):
        b.net_crypto.write_lossy(a.public_key, bytes([199]) + body, net.now)
    net.kick(b)
    net.run_until(lambda: a.conferences.lossy_ignored >= 4, timeout=10)
    assert len(events(net, a, ConferenceMessage)) == shown
    assert a.stats.internal_errors == 0


def test_random_conference_packets_never_raise() -> None:
    """Random bodies behind every conference packet id, with this conference's numbers in front
    half the time, straight into the handler friend_connection calls: dropped or handled, never an
    exception, and the conference keeps working."""
    net, (a, b, c), cid = setup(78)
    ca = conf_of(a, cid)
    rng = net.rng_for("fuzz")
    for i in range(3000):
        pid = (96, 97, 98, 99, 100, 199)[i % 6]
        body = rng.bytes(int.from_bytes(rng.bytes(2), "big") % 80)
        if i % 2:
            body = struct.pack(">H", ca.number) + body
        if i % 5 == 0 and pid == 97:
            body = struct.pack(">HB", 0, 0) + cid
        a.conferences._on_packet(b.public_key, bytes([pid]) + body, net.now)
    net.kick(a)
    for x in (a, b, c):
        x.conferences.send(cid, b"still here", MSG_TEXT_KIND, net.now)
        net.kick(x)
    want = {(x.public_key, "still here") for x in (a, b, c)}
    net.run_until(lambda: all(want <= {(e.peer_public_key, e.text) for e in events(net, y, ConferenceMessage)}
                              for y in (a, b, c)), timeout=30)
    assert a.stats.internal_errors == 0
