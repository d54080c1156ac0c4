"""Friend requests and DHTPK acceptance: bad input, nospam, duplicates, accept/decline, replays."""

from __future__ import annotations

import pytest

from tests.sim.simnet import SeededRng, VirtualNetwork
from toxgui.app.waiting import waiting_for
from toxgui.core.crypto import KeyPair
from toxgui.core.events import FriendAdded, FriendRequest, Progress, Stage
from toxgui.core.friend_requests import (
    AlreadyFriend,
    FriendMessageEmpty,
    FriendMessageLength,
    FriendMessageTooLong,
    NoSuchRequest,
)
from toxgui.core.friends import FriendStatus
from toxgui.core.node import ToxNode
from toxgui.core.packets.dht import CryptoRequest
from toxgui.core.packets.dhtpk import DhtPk, seal_dht_dhtpk
from toxgui.core.packets.dhtpk import FriendRequest as FriendRequestPacket
from toxgui.core.packets.kinds import CryptoRequestId
from toxgui.core.toxid import ToxId, ToxIdChecksum, ToxIdError, ToxIdIsOwn


def make(label: str) -> ToxNode:
    rng = SeededRng(label)
    return ToxNode(KeyPair.generate(rng), rng.bytes(4), rng)


def events(node: ToxNode) -> list[object]:
    out = []
    while (ev := node.next_event()) is not None:
        out.append(ev)
    return out


def test_add_friend_bad_input_each_has_its_own_error() -> None:
    me, other = make("me"), make("other")
    good = str(ToxId(other.public_key, other.nospam))
    bad_sum = good[:-1] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(ToxIdChecksum):
        me.add_friend(bad_sum, "hi", 0.0)
    with pytest.raises(ToxIdIsOwn):
        me.add_friend(str(ToxId(me.public_key, me.nospam)), "hi", 0.0)
    with pytest.raises(ToxIdIsOwn):
        me.add_friend(ToxId(me.public_key, b"\x00\x00\x00\x01"), "hi", 0.0)
    with pytest.raises(FriendMessageEmpty):
        me.add_friend(good, "", 0.0)
    with pytest.raises(FriendMessageTooLong) as e:
        me.add_friend(good, "x" * 1017, 0.0)
    assert e.value.got == 1017
    with pytest.raises(FriendMessageTooLong):
        me.add_friend(good, "\N{EURO SIGN}" * 339, 0.0)  # 1017 bytes of UTF-8
    assert len(me.friends) == 0
    f = me.add_friend(good, "é" * 508, 0.0)  # exactly 1016 bytes
    assert f.status == FriendStatus.ADDED and f.request_message == ("é" * 508).encode()
    with pytest.raises(AlreadyFriend):
        me.add_friend(good, "again", 0.0)
    # Distinct classes, all ValueErrors with a message for the user.
    classes = [ToxIdChecksum, ToxIdIsOwn, FriendMessageEmpty, FriendMessageTooLong, AlreadyFriend]
    assert len(set(classes)) == 5
    assert all(issubclass(c, ValueError) for c in classes)
    assert issubclass(FriendMessageEmpty, FriendMessageLength) and not issubclass(AlreadyFriend, ToxIdError)
    evs = events(me)
    assert [type(x) for x in evs if isinstance(x, FriendAdded)] == [FriendAdded]
    progress = [x for x in evs if isinstance(x, Progress)]
    assert progress and progress[-1].stage == Stage.AwaitingDHTKey
    assert progress[-1].details.search_answered == 0 and progress[-1].details.announce_nodes == 0
    assert "Searching the onion" in waiting_for(progress[-1].details)


def payload(nospam: bytes, message: bytes) -> bytes:
    return FriendRequestPacket(nospam, message).encode()


def test_receiving_nospam_duplicates_friends_accept_decline() -> None:
    me = make("me")
    alice, bob, carol = (KeyPair.from_secret(bytes([i]) * 32) for i in (1, 2, 3))
    fr = me.friend_requests
    fr.receive(alice.public, payload(b"\xde\xad\xbe\xef", b"wrong nospam"), 1.0)
    assert fr.counters["wrong_nospam"] == 1 and events(me) == []
    assert me.stats.drop_reasons["friend request: wrong nospam"] == 1
    fr.receive(alice.public, payload(me.nospam, "héllo ✓".encode()), 2.0)
    fr.receive(alice.public, payload(me.nospam, "héllo ✓".encode()), 3.0)
    evs = events(me)
    assert evs == [FriendRequest(alice.public, "héllo ✓")]
    assert fr.counters["duplicate"] == 1
    # Accept: a confirmed friend, searched for; its requests are no longer announced.
    f = me.accept_request(alice.public.hex(), 4.0)
    assert f.status == FriendStatus.CONFIRMED and alice.public in me.friends
    assert alice.public in me.onion.client.searches
    assert any(isinstance(x, FriendAdded) for x in events(me))
    fr.receive(alice.public, payload(me.nospam, b"again"), 5.0)
    assert fr.counters["from_friend"] == 1 and events(me) == []
    with pytest.raises(NoSuchRequest):
        me.accept_request(carol.public, 5.0)
    # Decline: gone, and not announced again.
    fr.receive(bob.public, payload(me.nospam, b"bob"), 6.0)
    assert events(me) == [FriendRequest(bob.public, "bob")]
    me.decline_request(bob.public)
    fr.receive(bob.public, payload(me.nospam, b"bob again"), 7.0)
    assert events(me) == [] and bob.public not in me.friends
    # Changing the nospam: the old one is refused from now on.
    old = me.nospam
    me.set_nospam(b"\x01\x02\x03\x04")
    fr.receive(carol.public, payload(old, b"old nospam"), 8.0)
    assert fr.counters["wrong_nospam"] == 2 and events(me) == []
    fr.receive(carol.public, payload(b"\x01\x02\x03\x04", b"new nospam"), 9.0)
    assert events(me) == [FriendRequest(carol.public, "new nospam")]


def test_dhtpk_replays_are_rejected() -> None:
    me = make("me")
    friend = KeyPair.from_secret(b"f" * 32)
    me.friend_requests.receive(friend.public, payload(me.nospam, b"hi"), 0.0)
    me.accept_request(friend.public, 0.0)
    dht1, dht2 = b"\x11" * 32, b"\x22" * 32
    ex = me.dhtpk
    assert ex.receive(friend.public, DhtPk(100, dht1), "onion", 1.0)
    f = me.friends.get(friend.public)
    assert f is not None and f.dht_key == dht1 and f.dht_key_source == "onion" and f.dht_key_learned == 1.0
    assert f.stage == Stage.AcquiringIPAddress
    assert not ex.receive(friend.public, DhtPk(100, dht2), "onion", 2.0)  # same
    assert not ex.receive(friend.public, DhtPk(99, dht2), "onion", 2.0)  # lower
    assert f.dht_key == dht1 and ex.counters["replay_rejected"] == 2
    assert ex.receive(friend.public, DhtPk(101, dht2), "onion", 3.0)
    assert f.dht_key == dht2 and f.dht_key_learned == 3.0
    # From somebody who is not a friend: dropped.
    assert not ex.receive(b"\x05" * 32, DhtPk(500, dht1), "onion", 4.0)
    # Going offline forgets the counter (c-toxcore does the same).
    ex.reset_replay(friend.public)
    assert ex.receive(friend.public, DhtPk(50, dht2), "onion", 5.0)


def test_dhtpk_over_dht_request_checks_sender_and_replays() -> None:
    me = make("me")
    friend = KeyPair.from_secret(b"f" * 32)
    friend_dht = KeyPair.from_secret(b"d" * 32)
    me.friend_requests.receive(friend.public, payload(me.nospam, b"hi"), 0.0)
    me.accept_request(friend.public, 0.0)
    src = ("10.0.0.9", 33445)

    def packet(no_replay: int, outer: KeyPair, announced: bytes) -> bytes:
        data = seal_dht_dhtpk(friend, me.public_key, b"\x03" * 24, DhtPk(no_replay, announced))
        from toxgui.core.crypto import precompute

        return CryptoRequest.create(outer.public, precompute(me.dht_public_key, outer.secret),
                                    me.dht_public_key, b"\x04" * 24, CryptoRequestId.DHTPK, data).encode()

    me.receive_datagram(packet(7, friend_dht, friend_dht.public), src, 1.0)
    f = me.friends.get(friend.public)
    assert f is not None and f.dht_key == friend_dht.public and f.dht_key_source == "dht"
    me.receive_datagram(packet(7, friend_dht, friend_dht.public), src, 2.0)  # replayed as is
    me.receive_datagram(packet(6, friend_dht, friend_dht.public), src, 2.0)
    assert me.dhtpk.counters["replay_rejected"] == 2
    other = KeyPair.from_secret(b"o" * 32)
    me.receive_datagram(packet(8, other, friend_dht.public), src, 3.0)  # outer key is not the announced one
    assert me.dhtpk.counters["accepted_dht"] == 1 and me.dhtpk.counters["dropped_malformed"] == 1
    assert me.stats.internal_errors == 0


def test_no_replay_we_send_strictly_increases() -> None:
    me = make("me")
    values = [me.dhtpk.next_no_replay(t) for t in (5.0, 5.0, 5.2, 4.0, 100.0, 100.0)]
    assert values == sorted(values) and len(set(values)) == len(values)
    assert values[4] == 100


def test_friends_round_trip_through_savedata_records() -> None:
    me, other, third = make("me"), make("other"), make("third")
    me.add_friend(ToxId(other.public_key, other.nospam), "please", 0.0)
    me.friend_requests.receive(third.public_key, payload(me.nospam, b"hi"), 0.0)
    me.accept_request(third.public_key, 0.0)
    records = me.export_friends(0.0, 0.0)
    again = make("me")
    again.load_friends(records, 1.0)
    got = {f.public_key: (f.status, f.request_message, f.nospam) for f in again.friends}
    assert got == {
        other.public_key: (FriendStatus.ADDED, b"please", other.nospam),
        third.public_key: (FriendStatus.CONFIRMED, b"hi", bytes(4)),
    }
    assert set(again.onion.client.searches) == set(got)
    assert other.public_key in again.friend_requests.outgoing


def test_wrong_nospam_over_the_network_is_dropped_and_counted() -> None:
    net = VirtualNetwork(seed=21)
    nodes = [net.create_node() for _ in range(6)]
    for n in nodes[1:]:
        n.bootstrap(*net.addr_of(nodes[0]), nodes[0].dht_public_key, net.now)
        net.kick(n)
    a, b = nodes[2], nodes[4]
    a.add_friend(ToxId(b.public_key, bytes(x ^ 0xFF for x in b.nospam)), "wrong nospam", net.now)
    net.kick(a)
    net.run_until(lambda: b.friend_requests.counters["wrong_nospam"] >= 1, timeout=30)
    assert not net.events_of(b, FriendRequest)
    c = nodes[5]
    c.add_friend(ToxId(b.public_key, b.nospam), "right nospam", net.now)
    net.kick(c)
    net.run_until(lambda: bool(net.events_of(b, FriendRequest)), timeout=30)
    assert net.events_of(b, FriendRequest) == [FriendRequest(c.public_key, "right nospam")]


def test_remove_friend_forgets_search_and_retries() -> None:
    me, other = make("me"), make("other")
    me.add_friend(ToxId(other.public_key, other.nospam), "hi", 0.0)
    assert me.remove_friend(other.public_key)
    assert other.public_key not in me.friends
    assert other.public_key not in me.onion.client.searches
    assert other.public_key not in me.friend_requests.outgoing
    assert not me.remove_friend(other.public_key)
    me.handle_timer(10.0)
    assert me.stats.internal_errors == 0
    me.add_friend(ToxId(other.public_key, other.nospam), "hi again", 11.0)  # can be added again
