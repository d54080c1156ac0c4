"""Onion codecs: wire round trips, exact sizes, the full 3-hop path out and back, onion data."""

import ipaddress

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toxgui.core.crypto import KeyPair, SharedKeyCache, encrypt
from toxgui.core.errors import ProtocolError
from toxgui.core.packets import onion as o
from toxgui.core.packets.onion import (
    AnnouncePayload,
    AnnounceRequest,
    AnnounceResponse,
    AnnounceResult,
    OnionData,
    OnionDataRequest,
    OnionDataResponse,
    OnionNode,
    OnionPath,
    OnionRequest0,
    OnionRequest1,
    OnionRequest2,
    OnionResponse1,
    OnionResponse2,
    OnionResponse3,
)
from toxgui.core.wire import PackedNode, encode_ipport


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
nonces = st.binary(min_size=24, max_size=24)
seeds = st.integers(0, 2**63)
ipv4 = st.builds(lambda n: str(ipaddress.IPv4Address(n)), st.integers(0, 2**32 - 1))
ipv6 = st.builds(lambda n: str(ipaddress.IPv6Address(n)), st.integers(0, 2**128 - 1)).filter(
    lambda h: ipaddress.IPv6Address(h).ipv4_mapped is None
)
addrs = st.tuples(st.one_of(ipv4, ipv6), st.integers(0, 65535))
udp_nodes = st.builds(PackedNode, st.one_of(ipv4, ipv6), st.integers(0, 65535), keys, st.just(False))


def replies(kind: int | None = None):
    first = st.sampled_from([0x84, 0x86]) if kind is None else st.just(kind)
    return st.builds(lambda k, rest: bytes([k]) + rest, first, st.binary(max_size=300))


# --- sizes ------------------------------------------------------------------------------------


def test_constants_match_c_toxcore() -> None:
    assert (o.RETURN_1_SIZE, o.RETURN_2_SIZE, o.RETURN_3_SIZE) == (59, 118, 177)
    assert (o.SEND_1, o.SEND_2, o.SEND_3) == (225, 217, 209)
    assert o.ONION_MAX_DATA_SIZE == 1174
    assert o.ANNOUNCE_REQUEST_SIZE == 177
    assert o.ANNOUNCE_RESPONSE_MIN_SIZE == 82
    assert o.MAX_DATA_REQUEST_SIZE == 1069
    assert o.ONION_CLIENT_MAX_DATA_SIZE == 1021
    assert o.ONION_DATA_DELIVERABLE_INNER_SIZE == 948


# --- wire round trips -------------------------------------------------------------------------


@given(nonces, keys, st.binary(min_size=170, max_size=1400 - 57))
def test_request_0_round_trip(nonce: bytes, pk: bytes, ct: bytes) -> None:
    p = OnionRequest0(nonce, pk, ct)
    raw = p.encode()
    assert raw[0] == 0x80 and len(raw) == 57 + len(ct)
    assert OnionRequest0.decode(raw) == p


@given(nonces, keys, st.binary(min_size=103, max_size=1400 - 57 - 59), st.binary(min_size=59, max_size=59))
def test_request_1_round_trip(nonce: bytes, pk: bytes, ct: bytes, ret: bytes) -> None:
    p = OnionRequest1(nonce, pk, ct, ret)
    raw = p.encode()
    assert raw[0] == 0x81 and len(raw) == 57 + len(ct) + 59
    assert OnionRequest1.decode(raw) == p


@given(nonces, keys, st.binary(min_size=36, max_size=1400 - 57 - 118), st.binary(min_size=118, max_size=118))
def test_request_2_round_trip(nonce: bytes, pk: bytes, ct: bytes, ret: bytes) -> None:
    p = OnionRequest2(nonce, pk, ct, ret)
    raw = p.encode()
    assert raw[0] == 0x82 and len(raw) == 57 + len(ct) + 118
    assert OnionRequest2.decode(raw) == p


@pytest.mark.parametrize(
    ("cls", "kind", "ret_size"),
    [(OnionResponse3, 0x8C, 177), (OnionResponse2, 0x8D, 118), (OnionResponse1, 0x8E, 59)],
)
@given(data=st.data())
def test_response_round_trip(cls, kind: int, ret_size: int, data: st.DataObject) -> None:
    ret = data.draw(st.binary(min_size=ret_size, max_size=ret_size))
    reply = data.draw(replies())
    p = cls(ret, reply)
    raw = p.encode()
    assert raw[0] == kind and len(raw) == 1 + ret_size + len(reply)
    assert cls.decode(raw) == p


def test_request_sizes_are_enforced() -> None:
    with pytest.raises(ProtocolError):
        OnionRequest0(bytes(24), bytes(32), bytes(169))  # 226 bytes: no payload byte left
    with pytest.raises(ProtocolError):
        OnionRequest0(bytes(24), bytes(32), bytes(1400 - 57 + 1))
    with pytest.raises(ProtocolError):
        OnionRequest0.decode(b"\x81" + bytes(300))
    with pytest.raises(ProtocolError):
        OnionRequest1.decode(b"\x81" + bytes(217))
    with pytest.raises(ProtocolError):
        OnionRequest2.decode(b"\x82" + bytes(209))
    with pytest.raises(ProtocolError):
        OnionResponse3.decode(b"\x8c" + bytes(177))  # no reply
    with pytest.raises(ProtocolError):
        OnionResponse3.decode(b"\x8c" + bytes(177) + b"\x85hello")  # replies must be 0x84/0x86
    with pytest.raises(ProtocolError):
        OnionResponse1.decode(b"\x8e" + bytes(59) + b"\x84" + bytes(1400 - 60))


@given(keys, keys, keys, st.binary(min_size=8, max_size=8))
def test_announce_payload_round_trip(ping: bytes, searched: bytes, data_pk: bytes, sendback: bytes) -> None:
    p = AnnouncePayload(ping, searched, data_pk, sendback)
    assert len(p.encode()) == 104
    assert AnnouncePayload.decode(p.encode()) == p


@given(nonces, keys, st.binary(min_size=120, max_size=120))
def test_announce_request_round_trip(nonce: bytes, pk: bytes, ct: bytes) -> None:
    p = AnnounceRequest(nonce, pk, ct)
    raw = p.encode()
    assert len(raw) == 177 and raw[0] == 0x83
    assert AnnounceRequest.decode(raw) == p
    for bad in (raw[:-1], raw + b"\x00"):
        with pytest.raises(ProtocolError):
            AnnounceRequest.decode(bad)


@given(st.integers(0, 2), keys, st.lists(udp_nodes, max_size=4))
def test_announce_result_round_trip(is_stored: int, key: bytes, nodes: list[PackedNode]) -> None:
    r = AnnounceResult(is_stored, key, tuple(nodes))
    assert AnnounceResult.decode(r.encode()) == r


def test_announce_result_rules() -> None:
    tcp = PackedNode("10.0.0.1", 1, bytes(32), tcp=True)
    udp = PackedNode("10.0.0.1", 1, bytes(32))
    with pytest.raises(ProtocolError):
        AnnounceResult.decode(bytes([0]) + bytes(32) + tcp.encode())
    with pytest.raises(ProtocolError):
        AnnounceResult.decode(bytes([0]) + bytes(32) + udp.encode() * 5)
    with pytest.raises(ProtocolError):
        AnnounceResult.decode(bytes([3]) + bytes(32))
    with pytest.raises(ProtocolError):
        AnnounceResult.decode(bytes([0]) + bytes(31))


@given(st.binary(min_size=8, max_size=8), nonces, st.data())
def test_announce_response_round_trip(sendback: bytes, nonce: bytes, data: st.DataObject) -> None:
    ct = data.draw(st.binary(min_size=49, max_size=49 + 204))
    p = AnnounceResponse(sendback, nonce, ct)
    raw = p.encode()
    assert raw[0] == 0x84 and len(raw) == 33 + len(ct)
    assert AnnounceResponse.decode(raw) == p


@given(keys, nonces, keys, st.binary(min_size=65, max_size=1174 - 89))
def test_data_request_round_trip(dest: bytes, nonce: bytes, eph: bytes, ct: bytes) -> None:
    p = OnionDataRequest(dest, nonce, eph, ct)
    raw = p.encode()
    assert raw[0] == 0x85 and len(raw) == 89 + len(ct)
    assert OnionDataRequest.decode(raw) == p
    assert p.to_response() == b"\x86" + nonce + eph + ct


@given(nonces, keys, st.binary(min_size=65, max_size=1069 - 57))
def test_data_response_round_trip(nonce: bytes, eph: bytes, ct: bytes) -> None:
    p = OnionDataResponse(nonce, eph, ct)
    raw = p.encode()
    assert raw[0] == 0x86 and 121 < len(raw) <= 1069
    assert OnionDataResponse.decode(raw) == p


def test_data_response_size_window() -> None:
    assert len(OnionDataResponse(bytes(24), bytes(32), bytes(65)).encode()) == 122
    with pytest.raises(ProtocolError):
        OnionDataResponse.decode(b"\x86" + bytes(120))  # 121 bytes: too short
    # c-toxcore drops responses over 1069 bytes; toxgui accepts all a c-toxcore sender can build.
    assert len(OnionDataResponse.decode(b"\x86" + bytes(1141)).encode()) == 1142
    with pytest.raises(ProtocolError):
        OnionDataResponse.decode(b"\x86" + bytes(1142))  # 1143 bytes: no sender makes this


# --- a whole path, out and back ---------------------------------------------------------------


class Relay:
    def __init__(self, rng: CountingRng, addr: tuple[str, int]) -> None:
        self.dht = KeyPair.generate(rng)
        self.return_key = rng.bytes(32)
        self.addr = addr
        self.cache = SharedKeyCache()


def make_path(rng: CountingRng, hosts: list[tuple[str, int]]):
    me = KeyPair.generate(rng)
    relays = [Relay(rng, hosts[i]) for i in range(3)]
    path = OnionPath.create([OnionNode(r.dht.public, r.addr) for r in relays], me, rng)
    return me, relays, path


def through_path(rng, relays, me_addr, packet: OnionRequest0, payload_len: int):
    a, b, c = relays
    p0 = OnionRequest0.decode(packet.encode())
    to, p1 = o.relay_request_0(p0, a.dht, a.return_key, me_addr, rng.bytes(24))
    assert to == b.addr and len(p1.encode()) == 218 + payload_len
    to, p2 = o.relay_request_1(
        OnionRequest1.decode(p1.encode()), b.dht, b.return_key, a.addr, rng.bytes(24), b.cache
    )
    assert to == c.addr and len(p2.encode()) == 210 + payload_len
    assert p1.nonce == p2.nonce == packet.nonce
    return o.relay_request_2(OnionRequest2.decode(p2.encode()), c.dht, c.return_key, b.addr, rng.bytes(24))


def back_through_path(relays, ret3: bytes, reply: bytes):
    a, b, c = relays
    r3 = o.make_response(ret3, reply)
    assert len(r3.encode()) == 1 + 177 + len(reply)
    to, r2 = o.relay_response_3(OnionResponse3.decode(r3.encode()), c.return_key)
    assert to == b.addr and len(r2.encode()) == 1 + 118 + len(reply)
    to, r1 = o.relay_response_2(OnionResponse2.decode(r2.encode()), b.return_key)
    assert to == a.addr and len(r1.encode()) == 1 + 59 + len(reply)
    return o.relay_response_1(OnionResponse1.decode(r1.encode()), a.return_key)


@settings(max_examples=40)
@given(seeds, st.lists(addrs, min_size=5, max_size=5), st.integers(0, 2), st.lists(udp_nodes, max_size=4))
def test_announce_through_the_onion(seed: int, hosts, is_stored: int, nodes: list[PackedNode]) -> None:
    rng = CountingRng(seed)
    me, relays, path = make_path(rng, hosts)
    me_addr, d_addr = hosts[3], hosts[4]
    node_d = KeyPair.generate(rng)
    real = KeyPair.generate(rng)
    payload = AnnouncePayload(rng.bytes(32), real.public, rng.bytes(32), rng.bytes(8))
    request = o.seal_announce_request(real, node_d.public, rng.bytes(24), payload)
    assert len(request.encode()) == 177
    packet = o.build_onion_request(path, d_addr, request.encode(), rng.bytes(24))
    assert len(packet.encode()) == 403
    assert packet.public_key == me.public

    to, delivered = through_path(rng, relays, me_addr, packet, 177)
    assert to == d_addr and len(delivered) == 354
    got, ret3 = o.decode_relayed_announce(delivered)
    assert got == request
    assert o.open_announce_request(got, node_d) == payload

    result = AnnounceResult(is_stored, rng.bytes(32), tuple(nodes))
    response = o.seal_announce_response(node_d, got.sender_pk, payload.sendback, rng.bytes(24), result)
    assert len(response.encode()) == 82 + sum(len(n.encode()) for n in nodes)
    to, reply = back_through_path(relays, ret3, response.encode())
    assert to == me_addr
    bare = AnnounceResponse.decode(reply)
    assert bare.sendback == payload.sendback
    assert o.open_announce_response(bare, real, node_d.public) == result
    with pytest.raises(ProtocolError):
        o.open_announce_response(bare, KeyPair.generate(rng), node_d.public)


@settings(max_examples=40)
@given(seeds, st.lists(addrs, min_size=5, max_size=5), st.binary(min_size=1, max_size=948))
def test_onion_data_through_the_onion(seed: int, hosts, body: bytes) -> None:
    rng = CountingRng(seed)
    _me, relays, path = make_path(rng, hosts)
    sender, friend_real, friend_data = (KeyPair.generate(rng) for _ in range(3))
    eph = KeyPair.generate(rng)
    nonce = rng.bytes(24)
    req = o.seal_onion_data_request(
        dest_real_pk=friend_real.public,
        dest_data_pk=friend_data.public,
        sender=sender,
        eph=eph,
        nonce=nonce,
        payload=body,
    )
    assert len(req.encode()) == 105 + 48 + len(body)
    packet = o.build_onion_request(path, hosts[4], req.encode(), rng.bytes(24))
    assert len(packet.encode()) == 226 + len(req.encode())
    to, delivered = through_path(rng, relays, hosts[3], packet, len(req.encode()))
    assert to == hosts[4]
    inner, ret3 = o.split_relayed(delivered)
    assert OnionDataRequest.decode(inner) == req
    # D forwards it along the friend's stored path; the friend receives a bare 0x86
    response_bytes = OnionDataRequest.decode(inner).to_response()
    to, reply = back_through_path(relays, ret3, response_bytes)
    got = o.open_onion_data_response(OnionDataResponse.decode(reply), friend_data, friend_real)
    assert got == OnionData(sender.public, body)
    assert (got.kind, got.data) == (body[0], body[1:])
    with pytest.raises(ProtocolError):
        o.open_onion_data_response(OnionDataResponse.decode(reply), friend_real, friend_data)


def test_onion_data_limits() -> None:
    rng = CountingRng(5)
    kp = KeyPair.generate(rng)
    common = dict(dest_real_pk=kp.public, dest_data_pk=kp.public, sender=kp, eph=kp, nonce=bytes(24))
    req = o.seal_onion_data_request(**common, payload=bytes(1021))  # c-toxcore's sender limit
    assert len(req.encode()) == 1174
    with pytest.raises(ProtocolError):
        o.seal_onion_data_request(**common, payload=bytes(1022))
    with pytest.raises(ProtocolError):
        o.seal_onion_data_request(**common, payload=b"")
    # ... a c-toxcore receiver drops responses longer than 1069 bytes (inner payloads over 948);
    # toxgui accepts the whole 1142 a c-toxcore sender can make.
    assert len(req.to_response()) == 1142
    assert OnionDataResponse.decode(req.to_response()).encode() == req.to_response()


def test_node_c_forwards_only_announce_and_data_requests() -> None:
    rng = CountingRng(9)
    hosts = [("127.0.0.1", 1000 + i) for i in range(5)]
    _me, relays, path = make_path(rng, hosts)
    for first in (0x83, 0x85):
        packet = o.build_onion_request(path, hosts[4], bytes([first]) + bytes(50), bytes(24))
        to, delivered = through_path(rng, relays, hosts[3], packet, 51)
        assert to == hosts[4]
        assert delivered[0] == first and len(delivered) == 51 + 177
    for first in (0x00, 0x84, 0x86, 0x80, 0x20):
        packet = o.build_onion_request(path, hosts[4], bytes([first]) + bytes(50), bytes(24))
        with pytest.raises(ProtocolError):
            through_path(rng, relays, hosts[3], packet, 51)


def test_payload_size_limits() -> None:
    rng = CountingRng(11)
    hosts = [("127.0.0.1", 1000 + i) for i in range(5)]
    _me, _relays, path = make_path(rng, hosts)
    big = o.build_onion_request(path, hosts[4], b"\x85" + bytes(1173), bytes(24))
    assert len(big.encode()) == 1400
    with pytest.raises(ProtocolError):
        o.build_onion_request(path, hosts[4], b"\x85" + bytes(1174), bytes(24))
    with pytest.raises(ProtocolError):
        o.build_onion_request(path, hosts[4], b"", bytes(24))


def test_one_nonce_for_every_layer() -> None:
    rng = CountingRng(13)
    hosts = [("127.0.0.1", 1000 + i) for i in range(5)]
    me, relays, path = make_path(rng, hosts)
    nonce = rng.bytes(24)
    payload = b"\x83" + bytes(176)
    packet = o.build_onion_request(path, hosts[4], payload, nonce)
    # rebuild the three layers by hand from the path keys and the same nonce
    layer_c = encrypt(path.key3, nonce, encode_ipport(hosts[4]) + payload)
    layer_b = encrypt(path.key2, nonce, encode_ipport(hosts[2]) + path.public_key3 + layer_c)
    layer_a = encrypt(path.key1, nonce, encode_ipport(hosts[1]) + path.public_key2 + layer_b)
    assert packet.encode() == b"\x80" + nonce + me.public + layer_a
    # kA is beforenm(A.pk, our DHT sk), the same key A derives from our pk
    assert path.key1 == o.shared_key(relays[0].dht, me.public, None)
    assert path.key1.hex() not in repr(path)


def test_tcp_onion_request_starts_at_node_b() -> None:
    rng = CountingRng(17)
    hosts = [("127.0.0.1", 1000 + i) for i in range(5)]
    _me, relays, path = make_path(rng, hosts)
    nonce = rng.bytes(24)
    tcp = o.build_onion_request_tcp(path, hosts[4], b"\x83" + bytes(176), nonce)
    assert tcp[:24] == nonce
    assert len(tcp) == 24 + 19 + 32 + 279
    # the relay (acting as A) turns it into a 0x81 for B exactly as a UDP node A would
    _a, b, c = relays
    p1 = OnionRequest1(nonce, tcp[43:75], tcp[75:], o.make_return(bytes(32), rng.bytes(24), hosts[3]))
    to, p2 = o.relay_request_1(p1, b.dht, b.return_key, hosts[0], rng.bytes(24))
    assert to == c.addr
    to, delivered = o.relay_request_2(p2, c.dht, c.return_key, b.addr, rng.bytes(24))
    assert to == hosts[4] and delivered[:177] == b"\x83" + bytes(176)


def test_return_blocks() -> None:
    key = bytes(range(32))
    r1 = o.make_return(key, bytes(24), ("10.0.0.1", 5))
    r2 = o.make_return(key, bytes(24), ("::1", 6), r1)
    r3 = o.make_return(key, bytes(24), ("10.0.0.3", 7), r2)
    assert (len(r1), len(r2), len(r3)) == (59, 118, 177)
    assert o.open_return(key, r3) == (("10.0.0.3", 7), r2)
    assert o.open_return(key, r2) == (("::1", 6), r1)
    assert o.open_return(key, r1) == (("10.0.0.1", 5), b"")
    with pytest.raises(ProtocolError):
        o.open_return(bytes(32), r1)  # another relay's key (or an expired one)
    with pytest.raises(ProtocolError):
        o.open_return(key, r1[:-1])
    tampered = bytearray(r2)
    tampered[30] ^= 4
    with pytest.raises(ProtocolError):
        o.open_return(key, bytes(tampered))
    with pytest.raises(ProtocolError):
        o.make_return(key, bytes(24), ("10.0.0.1", 5), b"x")


def test_wrong_relay_key_fails_cleanly() -> None:
    rng = CountingRng(19)
    hosts = [("127.0.0.1", 1000 + i) for i in range(5)]
    _me, relays, path = make_path(rng, hosts)
    packet = o.build_onion_request(path, hosts[4], b"\x83" + bytes(176), bytes(24))
    with pytest.raises(ProtocolError):
        o.relay_request_0(packet, relays[1].dht, bytes(32), hosts[3], bytes(24))
