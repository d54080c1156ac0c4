"""DHT packet codecs: exact sizes, round trips, and c-toxcore's rejection rules."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.core.fuzz_targets import all_decoders
from toxgui.core.crypto import KeyPair, precompute
from toxgui.core.errors import ProtocolError
from toxgui.core.packets import dht as p
from toxgui.core.packets.kinds import PacketKind
from toxgui.core.wire import PackedNode

keys32 = st.binary(min_size=32, max_size=32)
nonces = st.binary(min_size=24, max_size=24)
ping_ids = st.binary(min_size=8, max_size=8)

A = KeyPair.from_secret(bytes(range(32)))
B = KeyPair.from_secret(bytes(range(1, 33)))
K_AB = precompute(B.public, A.secret)  # A sending to B
K_BA = precompute(A.public, B.secret)  # B opening from A


@st.composite
def udp_nodes(draw: st.DrawFn) -> PackedNode:
    if draw(st.booleans()):
        host = str(ipaddress.IPv4Address(draw(st.integers(0, 2**32 - 1))))
    else:
        ip6 = ipaddress.IPv6Address(draw(st.integers(0, 2**128 - 1)))
        if ip6.ipv4_mapped is not None:
            ip6 = ipaddress.IPv6Address(int(ip6) ^ (1 << 100))
        host = str(ip6)
    return PackedNode(host, draw(st.integers(0, 65535)), draw(keys32))


def test_decoders_registered() -> None:
    names = set(all_decoders())
    for n in (
        "dht.envelope",
        "dht.ping_plain",
        "dht.get_nodes_plain",
        "dht.send_nodes_plain",
        "dht.crypto_request",
        "dht.nat_ping",
        "dht.lan_discovery",
        "dht.bootstrap_info_request",
        "dht.bootstrap_info",
    ):
        assert n in names


@given(kind=st.sampled_from([0, 1]), nonce=nonces, ping_id=ping_ids)
def test_ping_round_trip_and_size(kind: int, nonce: bytes, ping_id: bytes) -> None:
    wire = p.seal_ping(kind, A.public, K_AB, nonce, ping_id)
    assert len(wire) == p.PING_SIZE == 82
    assert wire[0] == kind
    pkt = p.DhtPacket.decode(wire)
    p.check_envelope_size(pkt.kind, len(wire))
    assert pkt.sender == A.public and pkt.nonce == nonce
    ping = p.open_ping(pkt, K_BA)
    assert ping == p.Ping(kind, ping_id)


def test_ping_type_must_match_kind() -> None:
    # A request's plaintext inside a response envelope: refused.
    pkt = p.DhtPacket.seal(1, A.public, K_AB, bytes(24), p.Ping(0, bytes(8)).encode())
    with pytest.raises(ProtocolError):
        p.open_ping(pkt, K_BA)


@given(nonce=nonces, searched=keys32, ping_id=ping_ids)
def test_get_nodes_round_trip_and_size(nonce: bytes, searched: bytes, ping_id: bytes) -> None:
    wire = p.seal_get_nodes(A.public, K_AB, nonce, searched, ping_id)
    assert len(wire) == p.GET_NODES_SIZE == 113
    pkt = p.DhtPacket.decode(wire)
    p.check_envelope_size(pkt.kind, len(wire))
    assert p.open_get_nodes(pkt, K_BA) == p.GetNodes(searched, ping_id)


@given(nodes=st.lists(udp_nodes(), min_size=0, max_size=4), nonce=nonces, ping_id=ping_ids)
def test_send_nodes_round_trip_and_size(nodes: list[PackedNode], nonce: bytes, ping_id: bytes) -> None:
    wire = p.seal_send_nodes(A.public, K_AB, nonce, tuple(nodes), ping_id)
    node_bytes = sum(39 if ":" not in n.host else 51 for n in nodes)
    assert len(wire) == 82 + node_bytes
    pkt = p.DhtPacket.decode(wire)
    if nodes:
        p.check_envelope_size(pkt.kind, len(wire))
    else:
        with pytest.raises(ProtocolError):  # zero-node replies are ignored
            p.check_envelope_size(pkt.kind, len(wire))
    assert p.open_send_nodes(pkt, K_BA) == p.SendNodes(tuple(nodes), ping_id)


def test_send_nodes_rejections() -> None:
    n4 = PackedNode("1.2.3.4", 33445, bytes(32))
    good = p.SendNodes((n4,), bytes(8)).encode()
    p.SendNodes.decode(good)
    # count byte disagrees with the nodes present
    with pytest.raises(ProtocolError):
        p.SendNodes.decode(bytes([2]) + good[1:])
    with pytest.raises(ProtocolError):
        p.SendNodes.decode(bytes([0]) + good[1:])
    # count above 4
    five = bytes([5]) + n4.encode() * 5 + bytes(8)
    with pytest.raises(ProtocolError):
        p.SendNodes.decode(five)
    # a stray byte between the nodes and the ping id: not every byte used
    with pytest.raises(ProtocolError):
        p.SendNodes.decode(bytes([1]) + n4.encode() + b"\x00" + bytes(8))
    # one TCP node rejects the whole reply
    tcp = PackedNode("5.6.7.8", 443, bytes(32), tcp=True)
    raw = bytes([2]) + n4.encode() + tcp.encode() + bytes(8)
    with pytest.raises(ProtocolError):
        p.SendNodes.decode(raw)
    with pytest.raises(ProtocolError):
        p.SendNodes((n4, tcp), bytes(8))


def test_envelope_sizes_enforced() -> None:
    with pytest.raises(ProtocolError):
        p.check_envelope_size(0, 83)
    with pytest.raises(ProtocolError):
        p.check_envelope_size(1, 81)
    with pytest.raises(ProtocolError):
        p.check_envelope_size(2, 112)
    with pytest.raises(ProtocolError):
        p.check_envelope_size(4, 82)
    with pytest.raises(ProtocolError):
        p.check_envelope_size(4, 287)
    p.check_envelope_size(4, 82 + 39)
    p.check_envelope_size(4, 286)
    with pytest.raises(ProtocolError):
        p.DhtPacket.decode(bytes([0x20]) + bytes(81))
    with pytest.raises(ProtocolError):
        p.DhtPacket.decode(bytes([0]) + bytes(57 + 16 - 1))


@given(
    request_id=st.integers(0, 255),
    data=st.binary(min_size=1, max_size=p.MAX_CRYPTO_REQUEST_DATA),
    nonce=nonces,
)
def test_crypto_request_round_trip(request_id: int, data: bytes, nonce: bytes) -> None:
    req = p.CryptoRequest.create(A.public, K_AB, B.public, nonce, request_id, data)
    wire = req.encode()
    assert len(wire) == 89 + 16 + 1 + len(data)
    assert len(wire) <= 1024
    back = p.CryptoRequest.decode(wire)
    assert back == req
    assert back.receiver == B.public and back.sender == A.public
    assert back.open(K_BA) == (request_id, data)


def test_crypto_request_limits() -> None:
    with pytest.raises(ProtocolError):
        p.CryptoRequest.create(A.public, K_AB, B.public, bytes(24), 0xFE, b"")
    with pytest.raises(ProtocolError):
        too_long = bytes(p.MAX_CRYPTO_REQUEST_DATA + 1)
        p.CryptoRequest.create(A.public, K_AB, B.public, bytes(24), 0xFE, too_long)
    biggest = p.CryptoRequest.create(A.public, K_AB, B.public, bytes(24), 1, bytes(p.MAX_CRYPTO_REQUEST_DATA))
    assert len(biggest.encode()) == 1024
    with pytest.raises(ProtocolError):
        p.CryptoRequest.decode(biggest.encode() + b"x")
    # request_id alone with no data byte: refused on open (c-toxcore: len == 0 dropped)
    from toxgui.core.crypto import encrypt

    lonely = bytes([0x20]) + B.public + A.public + bytes(24) + encrypt(K_AB, bytes(24), b"\xfe")
    with pytest.raises(ProtocolError):
        p.CryptoRequest.decode(lonely)
    # wrong key: does not open
    other = precompute(A.public, KeyPair.from_secret(bytes(32)).secret)
    req = p.CryptoRequest.create(A.public, K_AB, B.public, bytes(24), 1, b"hi")
    with pytest.raises(ProtocolError):
        req.open(other)


@given(t=st.sampled_from([0, 1]), ping_id=ping_ids)
def test_nat_ping_round_trip(t: int, ping_id: bytes) -> None:
    raw = p.NatPing(t, ping_id).encode()
    assert len(raw) == 9
    assert p.NatPing.decode(raw) == p.NatPing(t, ping_id)


def test_nat_ping_rejections() -> None:
    for bad in (b"", bytes(8), bytes(10), bytes([2]) + bytes(8)):
        with pytest.raises(ProtocolError):
            p.NatPing.decode(bad)


@given(key=keys32)
def test_lan_discovery_round_trip(key: bytes) -> None:
    raw = p.LanDiscovery(key).encode()
    assert len(raw) == 33 and raw[0] == PacketKind.LAN_DISCOVERY
    assert p.LanDiscovery.decode(raw).dht_key == key
    with pytest.raises(ProtocolError):
        p.LanDiscovery.decode(raw + b"\x00")
    with pytest.raises(ProtocolError):
        p.LanDiscovery.decode(raw[:-1])


@given(version=st.integers(0, 2**32 - 1), motd=st.binary(max_size=256))
def test_bootstrap_info_round_trip(version: int, motd: bytes) -> None:
    raw = p.BootstrapInfo(version, motd).encode()
    assert len(raw) == 5 + len(motd)
    assert p.BootstrapInfo.decode(raw) == p.BootstrapInfo(version, motd)


def test_bootstrap_info_request() -> None:
    req = p.bootstrap_info_request()
    assert len(req) == 78 and req[0] == 0xF0
    p.decode_bootstrap_info_request(req)
    p.decode_bootstrap_info_request(b"\xf0" + b"x" * 77)
    for bad in (req[:-1], req + b"\x00", b"\xf1" + req[1:]):
        with pytest.raises(ProtocolError):
            p.decode_bootstrap_info_request(bad)
    with pytest.raises(ProtocolError):
        p.BootstrapInfo.decode(b"\xf0" + bytes(4) + bytes(257))


@given(data=st.binary(max_size=400))
def test_dht_decoders_total(data: bytes) -> None:
    for name, fn in all_decoders().items():
        if not name.startswith("dht."):
            continue
        try:
            fn(data)  # type: ignore[operator]
        except ProtocolError:
            pass
