"""Byte helpers, packed nodes (self-check 7), the 19-byte onion IP_Port and is_lan."""

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toxgui.core.errors import ProtocolError
from toxgui.core.wire import (
    ONION_IPPORT_SIZE,
    PackedNode,
    Reader,
    check_key,
    decode_ipport,
    decode_nodes,
    encode_ipport,
    encode_nodes,
    expect_len,
    is_lan,
    normalize_addr,
    normalize_host,
    u16,
    u32,
    u64,
)

KEY = bytes(range(32))

ipv4 = st.builds(lambda n: str(ipaddress.IPv4Address(n)), st.integers(0, 2**32 - 1))
# plain IPv6 (not IPv4-mapped: those normalise to IPv4 on decode, as c-toxcore does)
ipv6 = st.builds(lambda n: str(ipaddress.IPv6Address(n)), st.integers(0, 2**128 - 1)).filter(
    lambda h: ipaddress.IPv6Address(h).ipv4_mapped is None
)
ports = st.integers(0, 65535)
keys = st.binary(min_size=32, max_size=32)


def nodes_strategy(tcp: bool | None = None):
    tcp_st = st.booleans() if tcp is None else st.just(tcp)
    return st.builds(PackedNode, st.one_of(ipv4, ipv6), ports, keys, tcp_st)


# --- Reader -----------------------------------------------------------------------------------


def test_reader_reads_big_endian_and_little_endian() -> None:
    tail = b"\x10\x11\x12\x13\x14\x15"
    r = Reader(b"\x01" + u16(0x0203) + u32(0x04050607) + u64(0x08090A0B0C0D0E0F) + tail)
    assert r.u8() == 1
    assert r.u16() == 0x0203
    assert r.u32() == 0x04050607
    assert r.u64() == 0x08090A0B0C0D0E0F
    assert r.u16le() == 0x1110
    assert r.u32le() == 0x15141312
    r.end()
    assert r.remaining == 0


def test_reader_short_reads_are_protocol_errors() -> None:
    r = Reader(b"\x00" * 3)
    with pytest.raises(ProtocolError):
        r.u32()
    with pytest.raises(ProtocolError):
        r.take(-1)
    with pytest.raises(ProtocolError):
        Reader(bytes(31)).key()
    with pytest.raises(ProtocolError):
        Reader(bytes(23)).nonce()
    r2 = Reader(b"abc")
    r2.take(1)
    with pytest.raises(ProtocolError):
        r2.end()
    assert r2.rest() == b"bc"
    assert r2.pos == 3


def test_expect_len_and_check_key() -> None:
    expect_len(b"ab", 2, "x")
    with pytest.raises(ProtocolError):
        expect_len(b"ab", 3, "x")
    assert check_key(bytearray(KEY)) == KEY
    with pytest.raises(ProtocolError):
        check_key(KEY[:31])


# --- packed nodes (self-check 7) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "tcp", "family", "size"),
    [
        ("192.0.2.1", False, 2, 39),
        ("2001:db8::1", False, 10, 51),
        ("192.0.2.1", True, 130, 39),
        ("2001:db8::1", True, 138, 51),
    ],
)
def test_packed_node_layout(host: str, tcp: bool, family: int, size: int) -> None:
    node = PackedNode(host, 33445, KEY, tcp)
    raw = node.encode()
    assert len(raw) == size
    assert raw[0] == family
    assert raw[1 : size - 34] == ipaddress.ip_address(host).packed
    assert raw[size - 34 : size - 32] == b"\x82\xa5"  # 33445 big-endian
    assert raw[-32:] == KEY
    assert decode_nodes(raw, allow_tcp=True) == [node]


@given(st.lists(nodes_strategy(), max_size=8))
def test_packed_nodes_round_trip(nodes: list[PackedNode]) -> None:
    raw = encode_nodes(nodes)
    assert len(raw) == sum(39 if ":" not in n.host else 51 for n in nodes)
    assert decode_nodes(raw, allow_tcp=True) == nodes


@given(
    st.lists(nodes_strategy(tcp=False), max_size=3),
    st.lists(nodes_strategy(tcp=False), max_size=3),
    nodes_strategy(tcp=True),
)
def test_tcp_node_in_udp_only_list_rejects_the_whole_list(
    before: list[PackedNode], after: list[PackedNode], tcp_node: PackedNode
) -> None:
    raw = encode_nodes([*before, tcp_node, *after])
    with pytest.raises(ProtocolError):
        decode_nodes(raw, allow_tcp=False)
    assert decode_nodes(encode_nodes(before + after), allow_tcp=False) == before + after


def test_decode_nodes_rejects_junk() -> None:
    good = PackedNode("10.0.0.1", 1, KEY).encode()
    with pytest.raises(ProtocolError):
        decode_nodes(good[:-1], allow_tcp=False)  # truncated
    with pytest.raises(ProtocolError):
        decode_nodes(good + b"\x02", allow_tcp=False)  # trailing byte
    with pytest.raises(ProtocolError):
        decode_nodes(b"\x07" + good[1:], allow_tcp=True)  # unknown family
    with pytest.raises(ProtocolError):
        decode_nodes(good * 5, allow_tcp=False, max_count=4)
    assert len(decode_nodes(good * 4, allow_tcp=False, max_count=4)) == 4
    with pytest.raises(ProtocolError):
        PackedNode("10.0.0.1", 70000, KEY).encode()


def test_ipv4_mapped_ipv6_node_normalises_to_ipv4() -> None:
    raw = bytes([10]) + ipaddress.IPv6Address("::ffff:10.1.2.3").packed + u16(5) + KEY
    (node,) = decode_nodes(raw, allow_tcp=False)
    assert node.host == "10.1.2.3"
    assert node.addr == ("10.1.2.3", 5)


# --- onion IP_Port ----------------------------------------------------------------------------


@given(st.one_of(ipv4, ipv6), ports)
def test_onion_ipport_round_trip(host: str, port: int) -> None:
    raw = encode_ipport((host, port))
    assert len(raw) == ONION_IPPORT_SIZE == 19
    assert decode_ipport(raw) == (host, port)


def test_onion_ipport_layout() -> None:
    raw = encode_ipport(("1.2.3.4", 0x1234))
    assert raw == bytes([2, 1, 2, 3, 4]) + bytes(12) + b"\x12\x34"
    raw6 = encode_ipport(("::1", 1))
    assert raw6[0] == 10 and raw6[1:17] == ipaddress.IPv6Address("::1").packed
    with pytest.raises(ProtocolError):
        decode_ipport(bytes([130]) + raw[1:])
    with pytest.raises(ProtocolError):
        decode_ipport(raw[:-1])


# --- addresses --------------------------------------------------------------------------------


def test_normalize() -> None:
    assert normalize_host("::ffff:127.0.0.1") == "127.0.0.1"
    assert normalize_host("fe80::1%eth0") == "fe80::1"
    assert normalize_addr(("::ffff:1.2.3.4", "80")) == ("1.2.3.4", 80)  # type: ignore[arg-type]
    with pytest.raises(ProtocolError):
        normalize_host("not an ip")


@pytest.mark.parametrize(
    ("host", "lan"),
    [
        ("10.1.2.3", True),
        ("127.0.0.1", True),
        ("172.16.0.1", True),
        ("172.31.255.255", True),
        ("172.32.0.1", False),
        ("192.168.1.1", True),
        ("169.254.1.1", True),
        ("169.254.0.1", False),
        ("169.254.255.1", False),
        ("100.64.0.1", True),
        ("100.128.0.1", False),
        ("8.8.8.8", False),
        ("::1", True),
        ("fe80::1", True),
        ("ff02::1", True),
        ("ff05::1", False),
        ("2001:db8::1", False),
        ("::ffff:192.168.0.1", True),
        ("junk", False),
    ],
)
def test_is_lan(host: str, lan: bool) -> None:
    assert is_lan(host) is lan
