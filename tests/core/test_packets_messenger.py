"""Messenger and friend_connection packets: round trips and c-toxcore's receiver rules."""

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toxgui.core.errors import ProtocolError
from toxgui.core.packets import friend_connection as fc
from toxgui.core.packets import messenger as m
from toxgui.core.packets.friend_connection import Alive, FriendRequests, ShareRelays, decode_friend_connection
from toxgui.core.packets.messenger import (
    Action,
    FileControl,
    FileData,
    FileSendRequest,
    Message,
    Msi,
    Nickname,
    Offline,
    Online,
    RawPacket,
    StatusMessage,
    Typing,
    UserStatus,
    decode_messenger,
)
from toxgui.core.wire import PackedNode

keys = st.binary(min_size=32, max_size=32)
ipv4 = st.builds(lambda n: str(ipaddress.IPv4Address(n)), st.integers(0, 2**32 - 1))
ipv6 = st.builds(lambda n: str(ipaddress.IPv6Address(n)), st.integers(0, 2**128 - 1)).filter(
    lambda h: ipaddress.IPv6Address(h).ipv4_mapped is None
)


def test_ids() -> None:
    assert (fc.FriendConnectionId.ALIVE, fc.FriendConnectionId.SHARE_RELAYS, fc.FriendConnectionId.FRIEND_REQUESTS) == (
        16,
        17,
        18,
    )
    ids = m.MessengerId
    assert (ids.ONLINE, ids.OFFLINE, ids.NICKNAME, ids.STATUSMESSAGE, ids.USERSTATUS, ids.TYPING) == (
        24,
        25,
        48,
        49,
        50,
        51,
    )
    assert (ids.MESSAGE, ids.ACTION, ids.MSI, ids.FILE_SENDREQUEST, ids.FILE_CONTROL, ids.FILE_DATA) == (
        64,
        65,
        69,
        80,
        81,
        82,
    )
    assert (m.MAX_NAME_LENGTH, m.MAX_STATUS_MESSAGE_LENGTH, m.MAX_MESSAGE_LENGTH, m.MAX_FILE_DATA_SIZE) == (
        128,
        1007,
        1372,
        1371,
    )


packets = st.one_of(
    st.just(Online()),
    st.just(Offline()),
    st.builds(Nickname, st.binary(max_size=128)),
    st.builds(StatusMessage, st.binary(max_size=1007)),
    st.builds(UserStatus, st.integers(0, 2)),
    st.builds(Typing, st.booleans()),
    st.builds(Message, st.binary(min_size=1, max_size=1372)),
    st.builds(Action, st.binary(min_size=1, max_size=1372)),
    st.builds(Msi, st.binary(min_size=1, max_size=1372)),
    st.builds(
        FileSendRequest,
        st.integers(0, 255),
        st.integers(0, 2**32 - 1),
        st.integers(0, 2**64 - 1),
        keys,
        st.binary(max_size=255),
    ),
    st.builds(FileControl, st.integers(0, 1), st.integers(0, 255), st.integers(0, 2)),
    st.builds(FileControl, st.integers(0, 1), st.integers(0, 255), st.just(3), st.integers(0, 2**64 - 1)),
    st.builds(FileData, st.integers(0, 255), st.binary(max_size=1371)),
    st.builds(RawPacket, st.sampled_from([96, 97, 98, 99, 100, 160, 191, 199, 200, 254]), st.binary(max_size=1372)),
)


@given(packets)
def test_round_trip(p) -> None:
    raw = p.encode()
    assert 1 <= len(raw) <= 1373
    assert raw[0] == (p.packet_id if isinstance(p, RawPacket) else p.ID)
    assert decode_messenger(raw) == p
    if not isinstance(p, RawPacket):
        assert type(p).decode(raw) == p


def test_layouts() -> None:
    assert Online().encode() == b"\x18"
    assert Offline().encode() == b"\x19"
    assert Typing(True).encode() == b"\x33\x01"
    assert UserStatus(m.UserStatusKind.BUSY).encode() == b"\x32\x02"
    req = FileSendRequest(3, m.FileKind.AVATAR, 0x0102030405060708, bytes(range(32)), b"a.png")
    assert req.encode() == b"\x50\x03" + b"\x00\x00\x00\x01" + bytes(range(1, 9)) + bytes(range(32)) + b"a.png"
    assert len(FileSendRequest(0, 0, 0, bytes(32)).encode()) == 46
    assert FileControl(1, 7, m.FileControlKind.SEEK, 0x1122).encode() == b"\x51\x01\x07\x03" + (0x1122).to_bytes(8, "big")
    assert FileControl(0, 7, m.FileControlKind.KILL).encode() == b"\x51\x00\x07\x02"
    assert FileData(9, b"xyz").encode() == b"\x52\x09xyz"
    assert len(FileData(0, bytes(1371)).encode()) == 1373


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\x18\x00",  # ONLINE must be exactly 1 byte
        b"\x19\x00",  # OFFLINE too
        b"\x30" + bytes(129),  # name > 128
        b"\x31" + bytes(1008),  # status message > 1007
        b"\x32",  # USERSTATUS without a value
        b"\x32\x03",  # user status >= 3
        b"\x32\x00\x00",
        b"\x33",  # TYPING without a value
        b"\x33\x01\x01",
        b"\x40",  # empty message
        b"\x41",  # empty action
        b"\x40" + bytes(1373),  # longer than any data packet can carry
        b"\x45",  # empty MSI
        b"\x50" + bytes(44),  # FILE_SENDREQUEST shorter than its head
        b"\x50" + bytes(45) + bytes(256),  # file name > 255
        b"\x51\x00\x00",  # FILE_CONTROL shorter than 3
        b"\x51\x02\x00\x00",  # send_receive must be 0 or 1
        b"\x51\x00\x00\x04",  # unknown control
        b"\x51\x00\x00\x03" + bytes(7),  # SEEK without a full position
        b"\x51\x00\x00\x03" + bytes(9),
        b"\x51\x00\x00\x00\x00",  # ACCEPT with extra bytes
        b"\x52",  # FILE_DATA without a file number
        b"\x52\x00" + bytes(1372),  # chunk > 1371
        b"\x00abc",  # id 0 is padding, never a packet
    ],
)
def test_receiver_rules(raw: bytes) -> None:
    with pytest.raises(ProtocolError):
        decode_messenger(raw)


def test_boundaries_accepted() -> None:
    assert decode_messenger(b"\x30") == Nickname(b"")
    assert decode_messenger(b"\x30" + b"n" * 128) == Nickname(b"n" * 128)
    assert decode_messenger(b"\x31" + b"s" * 1007) == StatusMessage(b"s" * 1007)
    assert decode_messenger(b"\x40" + b"m" * 1372) == Message(b"m" * 1372)
    assert decode_messenger(b"\x52\x05") == FileData(5, b"")  # a 0-byte file / end of stream
    # c-toxcore reads any non-zero typing byte as "typing"
    assert decode_messenger(b"\x33\x07") == Typing(True)
    assert decode_messenger(b"\x33\x00") == Typing(False)
    assert decode_messenger(b"\x60\x00\x00\x01") == RawPacket(96, b"\x00\x00\x01")


def test_constructors_refuse_what_receivers_would_drop() -> None:
    with pytest.raises(ProtocolError):
        Message(b"")
    with pytest.raises(ProtocolError):
        Message(bytes(1373))
    with pytest.raises(ProtocolError):
        Nickname(bytes(129))
    with pytest.raises(ProtocolError):
        UserStatus(3)
    with pytest.raises(ProtocolError):
        FileControl(0, 0, m.FileControlKind.SEEK)
    with pytest.raises(ProtocolError):
        FileControl(0, 0, m.FileControlKind.ACCEPT, 5)
    with pytest.raises(ProtocolError):
        FileSendRequest(256, 0, 0, bytes(32))
    with pytest.raises(ProtocolError):
        FileData(0, bytes(1372))


# --- friend_connection ------------------------------------------------------------------------

relay_nodes = st.builds(PackedNode, st.one_of(ipv4, ipv6), st.integers(0, 65535), keys, st.just(True))


@given(st.lists(relay_nodes, max_size=3))
def test_share_relays_round_trip(nodes: list[PackedNode]) -> None:
    p = ShareRelays(tuple(nodes))
    raw = p.encode()
    assert raw[0] == 17
    assert all(b in (130, 138) for b in _families(raw[1:]))
    assert ShareRelays.decode(raw) == p
    assert decode_friend_connection(raw) == p


def _families(raw: bytes) -> list[int]:
    out = []
    i = 0
    while i < len(raw):
        out.append(raw[i])
        i += 39 if raw[i] in (2, 130) else 51
    return out


def test_share_relays_rules() -> None:
    relay = PackedNode("10.0.0.1", 33445, bytes(32), tcp=True)
    with pytest.raises(ProtocolError):
        ShareRelays.decode(b"\x11" + relay.encode() * 4)
    with pytest.raises(ProtocolError):
        ShareRelays.decode(b"\x11" + relay.encode()[:-1])
    with pytest.raises(ProtocolError):
        ShareRelays((relay,) * 4)
    # c-toxcore's reader also takes UDP-typed entries
    udp = PackedNode("10.0.0.1", 33445, bytes(32))
    assert ShareRelays.decode(b"\x11" + udp.encode()).nodes == (udp,)


@given(st.binary(min_size=4, max_size=4), st.binary(min_size=1, max_size=1016))
def test_friend_requests_round_trip(nospam: bytes, message: bytes) -> None:
    p = FriendRequests(nospam, message)
    raw = p.encode()
    assert raw == b"\x12" + nospam + message
    assert decode_friend_connection(raw) == p


def test_friend_connection_rules() -> None:
    assert Alive().encode() == b"\x10"
    assert decode_friend_connection(b"\x10") == Alive()
    assert decode_friend_connection(b"\x10extra") == Alive()  # c-toxcore reads any length as alive
    assert fc.is_friend_connection_packet(b"\x12abcd") and not fc.is_friend_connection_packet(b"\x18")
    for bad in (b"", b"\x13", b"\x18", b"\x12" + bytes(4), b"\x12abc", b"\x12" + bytes(4) + bytes(1017)):
        with pytest.raises(ProtocolError):
            decode_friend_connection(bad)
