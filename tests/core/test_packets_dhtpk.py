"""DHTPK payload, its two transports, and the onion friend request."""

import ipaddress

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toxgui.core.crypto import KeyPair, SharedKeyCache, precompute
from toxgui.core.errors import ProtocolError
from toxgui.core.packets import onion as o
from toxgui.core.packets.dht import CryptoRequest
from toxgui.core.packets.dhtpk import (
    DHTPK_MAX_SIZE,
    DHTPK_MIN_SIZE,
    DhtDhtPk,
    DhtPk,
    FriendRequest,
    check_dht_sender,
    open_dht_dhtpk,
    seal_dht_dhtpk,
)
from toxgui.core.packets.kinds import CryptoRequestId
from toxgui.core.wire import PackedNode, u64


class CountingRng:
    def __init__(self, seed: int = 1) -> None:
        self.state = seed

    def bytes(self, n: int) -> bytes:
        out = bytearray()
        while len(out) < n:
            self.state = (self.state * 6364136223846793005 + 1442695040888963407) % 2**64
            out += self.state.to_bytes(8, "big")
        return bytes(out[:n])


keys = st.binary(min_size=32, max_size=32)
ipv4 = st.builds(lambda n: str(ipaddress.IPv4Address(n)), st.integers(0, 2**32 - 1))
ipv6 = st.builds(lambda n: str(ipaddress.IPv6Address(n)), st.integers(0, 2**128 - 1)).filter(
    lambda h: ipaddress.IPv6Address(h).ipv4_mapped is None
)
any_nodes = st.builds(PackedNode, st.one_of(ipv4, ipv6), st.integers(0, 65535), keys, st.booleans())
dhtpks = st.builds(
    DhtPk, st.integers(0, 2**64 - 1), keys, st.lists(any_nodes, max_size=4).map(tuple)
)


def size_of(nodes) -> int:
    return sum(39 if ":" not in n.host else 51 for n in nodes)


@given(dhtpks)
def test_dhtpk_round_trip_and_size(p: DhtPk) -> None:
    raw = p.encode()
    assert raw[0] == 0x9C
    assert len(raw) == 41 + size_of(p.nodes)
    assert DHTPK_MIN_SIZE <= len(raw) <= DHTPK_MAX_SIZE
    assert raw[1:9] == u64(p.no_replay)  # big-endian
    assert DhtPk.decode(raw) == p


def test_dhtpk_bounds() -> None:
    assert (DHTPK_MIN_SIZE, DHTPK_MAX_SIZE) == (41, 245)
    node6 = PackedNode("2001:db8::1", 1, bytes(32), tcp=True)
    full = DhtPk(1, bytes(32), (node6,) * 4)
    assert len(full.encode()) == 245
    with pytest.raises(ProtocolError):
        DhtPk.decode(full.encode() + PackedNode("10.0.0.1", 1, bytes(32)).encode())  # 5 nodes
    with pytest.raises(ProtocolError):
        DhtPk(1, bytes(32), (node6,) * 5)
    with pytest.raises(ProtocolError):
        DhtPk.decode(b"\x9c" + bytes(39))  # 40 bytes
    with pytest.raises(ProtocolError):
        DhtPk.decode(b"\x20" + bytes(40))  # wrong id
    with pytest.raises(ProtocolError):
        DhtPk.decode(DhtPk(1, bytes(32)).encode() + b"\x02")  # half a node
    with pytest.raises(ProtocolError):
        DhtPk(-1, bytes(32))


@settings(max_examples=50)
@given(dhtpks, st.integers(0, 2**63))
def test_transport_b_inner_data(p: DhtPk, seed: int) -> None:
    rng = CountingRng(seed)
    me, friend = KeyPair.generate(rng), KeyPair.generate(rng)
    nonce = rng.bytes(24)
    data = seal_dht_dhtpk(me, friend.public, nonce, p)
    assert data[:32] == me.public and data[32:56] == nonce
    assert len(data) == 32 + 24 + 16 + len(p.encode())
    assert DhtDhtPk.decode(data).encode() == data
    cache = SharedKeyCache()
    assert open_dht_dhtpk(data, friend, cache) == (me.public, p)
    with pytest.raises(ProtocolError):
        open_dht_dhtpk(data, KeyPair.generate(rng))


def test_transport_b_inside_a_dht_request() -> None:
    """The bytes go after request_id 0x9c in the DHT's 0x20 packet, whose outer layer uses DHT
    keys; the receiver insists the outer sender DHT pk is the one the payload announces."""
    rng = CountingRng(21)
    me_real, me_dht, f_real, f_dht = (KeyPair.generate(rng) for _ in range(4))
    node = PackedNode("2001:db8::7", 33445, rng.bytes(32), tcp=True)
    payload = DhtPk(1_700_000_000, me_dht.public, (node,) * 4)
    data = seal_dht_dhtpk(me_real, f_real.public, rng.bytes(24), payload)
    packet = CryptoRequest.create(
        me_dht.public, precompute(f_dht.public, me_dht.secret), f_dht.public, rng.bytes(24), CryptoRequestId.DHTPK, data
    )
    raw = packet.encode()
    assert len(raw) == 1 + 32 + 32 + 24 + 16 + 1 + len(data) <= 1024
    got = CryptoRequest.decode(raw)
    request_id, inner = got.open(precompute(got.sender, f_dht.secret))
    assert request_id == 0x9C
    sender_real, dhtpk = open_dht_dhtpk(inner, f_real)
    assert sender_real == me_real.public and dhtpk == payload
    check_dht_sender(got.sender, dhtpk)
    with pytest.raises(ProtocolError):
        check_dht_sender(KeyPair.generate(rng).public, dhtpk)


def test_transport_a_onion_data() -> None:
    rng = CountingRng(23)
    me, f_real, f_data, eph = (KeyPair.generate(rng) for _ in range(4))
    payload = DhtPk(5, rng.bytes(32), (PackedNode("10.0.0.2", 9, rng.bytes(32)),))
    req = o.seal_onion_data_request(
        dest_real_pk=f_real.public, dest_data_pk=f_data.public, sender=me, eph=eph, nonce=rng.bytes(24),
        payload=payload.encode(),
    )
    got = o.open_onion_data_response(o.OnionDataResponse.decode(req.to_response()), f_data, f_real)
    assert got.sender_pk == me.public
    assert got.kind == CryptoRequestId.DHTPK
    assert DhtPk.decode(got.payload) == payload


@given(st.binary(min_size=4, max_size=4), st.binary(min_size=1, max_size=1016))
def test_friend_request_round_trip(nospam: bytes, message: bytes) -> None:
    fr = FriendRequest(nospam, message)
    raw = fr.encode()
    assert raw[0] == 0x20 and raw[1:5] == nospam and len(raw) == 5 + len(message)
    assert FriendRequest.decode(raw) == fr


def test_friend_request_rules() -> None:
    assert FriendRequest.decode(b"\x20" + bytes(4) + b"x").message == b"x"
    for bad in (b"", b"\x20" + bytes(4), b"\x21" + bytes(10), b"\x20" + bytes(4) + bytes(1017)):
        with pytest.raises(ProtocolError):
            FriendRequest.decode(bad)
    assert len(FriendRequest(bytes(4), bytes(1016)).encode()) == 1021
    with pytest.raises(ProtocolError):
        FriendRequest(bytes(3), b"hi")
    with pytest.raises(ProtocolError):
        FriendRequest(bytes(4), b"")
