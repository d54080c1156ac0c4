"""The .tox savedata codec: the c-toxcore 0.2.18 golden file, round trips, and every refusal."""

from __future__ import annotations

import random
import struct
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toxgui.core.crypto import KeyPair, public_from_secret
from toxgui.core.errors import ProtocolError
from toxgui.core.packets._registry import DECODERS
from toxgui.core.savedata import (
    FRIEND_RECORD_SIZE,
    CorruptSectionError,
    EncryptedSaveError,
    FriendRecord,
    KeyMismatchError,
    MissingKeysError,
    NotToxSaveError,
    RawSection,
    SaveData,
    SaveDataError,
    TruncatedSaveError,
)
from toxgui.core.toxid import ToxId
from toxgui.core.wire import PackedNode

GOLDEN = Path(__file__).parent.parent / "data" / "c-toxcore-v0.2.18-auto_tests-save.tox"


class SeededRng:
    def __init__(self, seed: int) -> None:
        self._r = random.Random(seed)

    def bytes(self, n: int) -> bytes:
        return self._r.randbytes(n)


def sections(data: bytes) -> list[tuple[int, int, bytes]]:
    """(offset, type, payload) of every section up to and including END, read independently."""
    out = []
    pos = 8
    while True:
        length, stype, cookie = struct.unpack_from("<IHH", data, pos)
        assert cookie == 0x01CE
        out.append((pos, stype, data[pos + 8 : pos + 8 + length]))
        pos += 8 + length
        if stype == 255:
            return out


@pytest.fixture(scope="module")
def golden() -> bytes:
    return GOLDEN.read_bytes()


# --- the golden file (self-check 2) ---------------------------------------------------------


def test_golden_size_and_section_order(golden: bytes) -> None:
    assert len(golden) == 4347
    assert golden[:8] == b"\x00\x00\x00\x00\x1f\x1b\xed\x15"
    assert [t for _, t, _ in sections(golden)] == [1, 2, 3, 4, 5, 6, 10, 11, 255]


def test_golden_identity(golden: bytes) -> None:
    sd = SaveData.parse(golden)
    assert sd.nospam == bytes.fromhex("4c762c7d")
    assert public_from_secret(sd.keys.secret) == sd.keys.public
    assert sd.keys.public.hex().upper() == (
        "B70E97D41F69B7F4C42A5BC7BD7A76B95B8030BE1B7C0E9E6FC19FC4ABEB195B"
    )
    # Self-check 1: the golden file's key is the one in the checksum vector.
    assert str(sd.tox_id) == ("B70E97D41F69B7F4C42A5BC7BD7A76B95B8030BE1B7C0E9E6FC19FC4ABEB195B4C762C7D800B")
    assert isinstance(sd.tox_id, ToxId)


def test_golden_dht_subheader(golden: bytes) -> None:
    dht = next(p for _, t, p in sections(golden) if t == 2)
    magic, sub_len, sub_type, sub_cookie = struct.unpack_from("<IIHH", dht)
    assert (magic, sub_type, sub_cookie) == (0x0159000D, 4, 0x11CE)
    assert 12 + sub_len == len(dht)
    sd = SaveData.parse(golden)
    assert sum(39 if ":" not in n.host else 51 for n in sd.dht_nodes) == sub_len
    assert all(not n.tcp for n in sd.dht_nodes)
    assert sd.dht_extra == []


def test_golden_friend(golden: bytes) -> None:
    fr = next(p for _, t, p in sections(golden) if t == 3)
    assert len(fr) == FRIEND_RECORD_SIZE
    sd = SaveData.parse(golden)
    assert len(sd.friends) == 1
    f = sd.friends[0]
    assert f.status == 1
    assert f.public_key.hex().upper() == "A922A51E1C91205B9F7992E2273107D47C72E8AE909C61C28A77A4A2A115431B"
    assert len(f.request_message) == 7
    assert f.nospam == bytes.fromhex("14592ab3")
    # Self-check 1, second vector: toxirc's ID.
    assert str(f.tox_id).endswith("14592AB38A3B")


def test_golden_profile_fields(golden: bytes) -> None:
    sd = SaveData.parse(golden)
    assert sd.name == b"name"
    assert sd.name_text == "name"
    assert sd.status_message == b"Hello World"
    assert sd.user_status == 0
    by_type = {t: p for _, t, p in sections(golden)}
    assert by_type[10] == b""
    assert sd.tcp_relays == []
    assert len(by_type[11]) == 312
    assert len(sd.path_nodes) == 8
    assert all(":" not in n.host and not n.tcp for n in sd.path_nodes)
    assert sd.conferences is None
    assert sd.extra_sections == []


def test_golden_trailing_zeros_after_end(golden: bytes) -> None:
    end_off, end_type, _ = sections(golden)[-1]
    assert end_type == 255
    tail = golden[end_off + 8 :]
    assert tail == bytes(512)


def test_golden_round_trip_is_byte_exact(golden: bytes) -> None:
    sd = SaveData.parse(golden)
    out = sd.to_bytes()
    assert out == golden[: len(golden) - 512]  # everything but the ignored padding
    again = SaveData.parse(out)
    assert again == sd
    assert again.to_bytes() == out


def test_golden_bytes_after_end_are_ignored(golden: bytes) -> None:
    body = golden[: len(golden) - 512]
    assert SaveData.parse(body + b"garbage that is not a section") == SaveData.parse(golden)


# --- writing ---------------------------------------------------------------------------------


def test_new_profile_is_random_and_valid() -> None:
    a = SaveData.new(SeededRng(1), name="Alice")
    b = SaveData.new(SeededRng(2))
    assert a.keys.public != b.keys.public
    assert len(a.nospam) == 4
    assert a.name == b"Alice"
    parsed = SaveData.parse(a.to_bytes())
    assert parsed == a
    assert parsed.tox_id == a.tox_id
    assert [t for _, t, _ in sections(a.to_bytes())] == [1, 2, 3, 4, 5, 6, 10, 11, 255]


def test_new_is_deterministic_under_the_rng() -> None:
    assert SaveData.new(SeededRng(7)).to_bytes() == SaveData.new(SeededRng(7)).to_bytes()


def test_write_order_with_conferences_and_unknown_sections() -> None:
    sd = SaveData.new(SeededRng(3))
    sd.conferences = b""
    sd.extra_sections = [RawSection(99, b"", 0), RawSection(7, b"g", 3), RawSection(21, b"new groups", 20)]
    data = sd.to_bytes()
    assert [t for _, t, _ in sections(data)] == [99, 1, 2, 3, 7, 4, 5, 6, 10, 11, 20, 21, 255]
    assert SaveData.parse(data) == sd


def test_unknown_section_kept_in_place_byte_exact(golden: bytes) -> None:
    body = golden[: len(golden) - 512]
    secs = sections(body)
    # Insert an unknown section (type 0x7777) right after Friends.
    friends_end = next(off + 8 + len(p) for off, t, p in secs if t == 3)
    unknown = struct.pack("<IHH", 5, 0x7777, 0x01CE) + b"\x00\xffab\x01"
    data = body[:friends_end] + unknown + body[friends_end:]
    sd = SaveData.parse(data)
    assert sd.extra_sections == [RawSection(0x7777, b"\x00\xffab\x01", 3)]
    assert sd.to_bytes() == data


def test_nospam_is_raw_bytes_never_an_int() -> None:
    sd = SaveData.new(SeededRng(4))
    sd.nospam = bytes.fromhex("01020304")
    data = sd.to_bytes()
    assert data[16:20] == bytes.fromhex("01020304")
    assert str(sd.tox_id)[64:72] == "01020304"


def test_friend_record_layout() -> None:
    pk = KeyPair.generate(SeededRng(5)).public
    f = FriendRecord(
        pk,
        status=3,
        name=b"Bob",
        status_message=b"away",
        user_status=2,
        last_seen=0x0102030405060708,
        nospam=b"\xaa\xbb\xcc\xdd",
        request_message=b"hi",
    )
    rec = f.to_bytes()
    assert len(rec) == 2216
    assert rec[0] == 3
    assert rec[1:33] == pk
    assert rec[33:35] == b"hi" and rec[1058:1060] == b"\x00\x02"
    assert rec[1060:1063] == b"Bob" and rec[1188:1190] == b"\x00\x03"
    assert rec[1190:1194] == b"away" and rec[2198:2200] == b"\x00\x04"
    assert rec[2200] == 2
    assert rec[2204:2208] == b"\xaa\xbb\xcc\xdd"
    assert rec[2208:2216] == bytes(range(1, 9))
    assert rec[1057] == rec[2197] == 0 and rec[2201:2204] == bytes(3)
    assert FriendRecord.from_bytes(rec) == f


def test_text_fields_accept_str_and_store_utf8() -> None:
    sd = SaveData.new(SeededRng(14))
    sd.name = "Zoë"
    sd.status_message = bytearray(b"busy")
    assert sd.name == "Zoë".encode() and sd.name_text == "Zoë"
    assert type(sd.status_message) is bytes
    f = FriendRecord(bytes(32), name="Ünïcode")
    f.status_message = "ok"
    assert f.name == "Ünïcode".encode() and f.status_message == b"ok"
    assert SaveData.parse(sd.to_bytes()) == sd


def test_friend_request_constructor() -> None:
    tid = SaveData.new(SeededRng(6)).tox_id
    f = FriendRecord.request(tid, "hello")
    assert (f.status, f.request_message, f.nospam, f.public_key) == (1, b"hello", tid.nospam, tid.public_key)
    with pytest.raises(ValueError):
        FriendRecord.request(tid, "")


def test_refuses_to_write_mismatched_keys() -> None:
    sd = SaveData.new(SeededRng(8))
    other = KeyPair.generate(SeededRng(9))
    sd.keys = KeyPair(sd.keys.public, other.secret)
    with pytest.raises(ValueError, match="does not match"):
        sd.to_bytes()


# --- hypothesis round trips ------------------------------------------------------------------

_udp4 = st.builds(
    lambda a, p, k: PackedNode(a, p, k),
    st.ip_addresses(v=4).map(str),
    st.integers(0, 65535),
    st.binary(min_size=32, max_size=32),
)
_udp6 = st.builds(
    lambda a, p, k: PackedNode(a, p, k),
    st.ip_addresses(v=6).filter(lambda ip: ip.ipv4_mapped is None).map(str),
    st.integers(0, 65535),
    st.binary(min_size=32, max_size=32),
)
_udp = st.one_of(_udp4, _udp6)
_tcp = _udp.map(lambda n: PackedNode(n.host, n.port, n.public_key, True))

_friend = st.builds(
    FriendRecord,
    public_key=st.binary(min_size=32, max_size=32),
    status=st.integers(0, 255),
    request_message=st.binary(max_size=1024),
    name=st.binary(max_size=128),
    status_message=st.binary(max_size=1007),
    user_status=st.integers(0, 255),
    nospam=st.binary(min_size=4, max_size=4),
    last_seen=st.integers(0, 2**64 - 1),
)

_KNOWN = {1, 2, 3, 4, 5, 6, 10, 11, 20, 255}


@st.composite
def savedatas(draw: st.DrawFn) -> SaveData:
    keys = KeyPair.from_secret(draw(st.binary(min_size=32, max_size=32)))
    conferences = draw(st.one_of(st.none(), st.just(b"")))
    anchors = [0, 1, 2, 3, 4, 5, 6, 10, 11] + ([20] if conferences is not None else [])
    extras = draw(
        st.lists(
            st.builds(
                RawSection,
                st.integers(0, 0xFFFF).filter(lambda t: t not in _KNOWN),
                st.binary(max_size=64),
                st.sampled_from(anchors),
            ),
            max_size=4,
        )
    )
    # Sections are written grouped by anchor, in canonical order: draw them in that order.
    order = {a: i for i, a in enumerate(anchors)}
    extras.sort(key=lambda r: order[r.after])
    return SaveData(
        nospam=draw(st.binary(min_size=4, max_size=4)),
        keys=keys,
        name=draw(st.one_of(st.binary(max_size=128), st.text(max_size=40))),
        status_message=draw(st.binary(max_size=1007)),
        user_status=draw(st.integers(0, 255)),
        friends=draw(st.lists(_friend, max_size=4)),
        dht_nodes=draw(st.lists(_udp, max_size=6)),
        tcp_relays=draw(st.lists(_tcp, max_size=8)),
        path_nodes=draw(st.lists(_udp, max_size=8)),
        conferences=conferences,
        dht_extra=draw(
            st.lists(
                st.tuples(st.integers(0, 0xFFFF).filter(lambda t: t != 4), st.binary(max_size=16)), max_size=2
            )
        ),
        extra_sections=extras,
    )


@settings(max_examples=150)
@given(savedatas())
def test_round_trip(sd: SaveData) -> None:
    data = sd.to_bytes()
    back = SaveData.parse(data)
    assert back == sd
    assert back.to_bytes() == data
    assert back.tox_id == sd.tox_id
    for raw in sd.extra_sections:
        hdr = struct.pack("<IHH", len(raw.data), raw.type, 0x01CE)
        assert hdr + raw.data in data


@settings(max_examples=200)
@given(st.binary(max_size=600))
def test_junk_raises_only_savedata_errors(junk: bytes) -> None:
    for data in (junk, b"\0\0\0\0\x1f\x1b\xed\x15" + junk):
        try:
            SaveData.parse(data)
        except SaveDataError:
            pass


@settings(max_examples=100)
@given(st.data())
def test_every_truncation_is_refused(data: st.DataObject) -> None:
    full = SaveData.new(SeededRng(10), name="n").to_bytes()
    cut = data.draw(st.integers(0, len(full) - 1))
    with pytest.raises(SaveDataError):
        SaveData.parse(full[:cut])


def test_registered_for_the_fuzz_test() -> None:
    assert "savedata" in DECODERS
    with pytest.raises(ProtocolError):
        DECODERS["savedata"](b"\x01\x02")


# --- refusals, each with its own message ----------------------------------------------------


def test_not_a_tox_file() -> None:
    with pytest.raises(NotToxSaveError, match="not a Tox profile"):
        SaveData.parse(b"PK\x03\x04 this is a zip file")
    with pytest.raises(NotToxSaveError, match="empty"):
        SaveData.parse(b"")
    with pytest.raises(NotToxSaveError, match="bad header"):
        SaveData.parse(b"\x01\x00\x00\x00\x1f\x1b\xed\x15" + bytes(16))


def test_encrypted_file_is_named_as_such() -> None:
    with pytest.raises(EncryptedSaveError, match="encrypted"):
        SaveData.parse(b"toxEsave" + bytes(100))


def test_truncated_names_section_and_offset(golden: bytes) -> None:
    friends_off = next(off for off, t, _ in sections(golden) if t == 3)
    with pytest.raises(TruncatedSaveError) as ei:
        SaveData.parse(golden[: friends_off + 100])
    assert ei.value.section == "Friends (3)"
    assert ei.value.offset == friends_off
    assert "truncated" in str(ei.value) and "Friends" in str(ei.value) and str(friends_off) in str(ei.value)


def test_truncated_header() -> None:
    with pytest.raises(TruncatedSaveError, match="header"):
        SaveData.parse(b"\0\0\0\0\x1f")


def test_missing_end_is_truncation(golden: bytes) -> None:
    end_off = sections(golden)[-1][0]
    with pytest.raises(TruncatedSaveError, match="END section is missing"):
        SaveData.parse(golden[:end_off])


def test_bad_section_cookie(golden: bytes) -> None:
    off = next(o for o, t, _ in sections(golden) if t == 4)
    bad = bytearray(golden)
    bad[off + 6 : off + 8] = b"\xce\x02"
    with pytest.raises(CorruptSectionError, match="cookie") as ei:
        SaveData.parse(bytes(bad))
    assert ei.value.offset == off


def test_friends_not_a_multiple(golden: bytes) -> None:
    sd = SaveData.parse(golden)
    data = _with_section_payload(sd.to_bytes(), 3, sd.friends[0].to_bytes() + b"\0")
    with pytest.raises(CorruptSectionError, match="not a multiple of the 2216"):
        SaveData.parse(data)


def test_nospamkeys_wrong_length(golden: bytes) -> None:
    sd = SaveData.parse(golden)
    data = _with_section_payload(sd.to_bytes(), 1, sd.nospam + sd.keys.public + sd.keys.secret + b"\0")
    with pytest.raises(CorruptSectionError, match="must be 68 bytes"):
        SaveData.parse(data)


def test_key_mismatch(golden: bytes) -> None:
    sd = SaveData.parse(golden)
    other = KeyPair.generate(SeededRng(11))
    data = _with_section_payload(sd.to_bytes(), 1, sd.nospam + sd.keys.public + other.secret)
    with pytest.raises(KeyMismatchError, match="public key does not match"):
        SaveData.parse(data)


def test_friend_field_length_overflow(golden: bytes) -> None:
    sd = SaveData.parse(golden)
    rec = bytearray(sd.friends[0].to_bytes())
    rec[1188:1190] = struct.pack(">H", 129)
    data = _with_section_payload(sd.to_bytes(), 3, bytes(rec))
    with pytest.raises(CorruptSectionError, match="friend #0: name length 129"):
        SaveData.parse(data)


def test_status_section_length(golden: bytes) -> None:
    data = _with_section_payload(SaveData.parse(golden).to_bytes(), 6, b"\0\0")
    with pytest.raises(CorruptSectionError, match="Status"):
        SaveData.parse(data)


def test_nonempty_end_section() -> None:
    data = SaveData.new(SeededRng(12)).to_bytes()
    data = data[:-8] + struct.pack("<IHH", 1, 255, 0x01CE) + b"x"
    with pytest.raises(CorruptSectionError, match="END section must be empty"):
        SaveData.parse(data)


def test_no_keys_section() -> None:
    data = (
        b"\0\0\0\0\x1f\x1b\xed\x15"
        + struct.pack("<IHH", 1, 4, 0x01CE)
        + b"n"
        + struct.pack("<IHH", 0, 255, 0x01CE)
    )
    with pytest.raises(MissingKeysError, match="no NospamKeys"):
        SaveData.parse(data)


def test_conference_section_validated() -> None:
    sd = SaveData.new(SeededRng(13))
    ok = bytes([0]) + bytes(32) + bytes(8) + struct.pack("<I", 0) + bytes([3]) + b"abc"
    sd.conferences = ok
    assert SaveData.parse(sd.to_bytes()).conferences == ok
    sd.conferences = ok[:-1]
    with pytest.raises(CorruptSectionError, match="title runs past"):
        SaveData.parse(sd.to_bytes())


def test_damaged_node_lists_are_dropped_like_c_toxcore(golden: bytes) -> None:
    sd = SaveData.parse(golden)
    data = _with_section_payload(sd.to_bytes(), 11, b"\x07" + bytes(38))
    back = SaveData.parse(data)
    assert back.path_nodes == []
    assert back.friends == sd.friends


def test_errors_are_distinct_classes() -> None:
    classes = [NotToxSaveError, TruncatedSaveError, CorruptSectionError, KeyMismatchError, MissingKeysError]
    for c in classes:
        assert issubclass(c, SaveDataError) and issubclass(c, ProtocolError)


# --- secrets ---------------------------------------------------------------------------------


def test_reprs_hide_the_secret_key(golden: bytes) -> None:
    sd = SaveData.parse(golden)
    secret_hex = sd.keys.secret.hex()
    for text in (repr(sd), str(sd), repr(sd.keys), str(sd.keys), repr(sd.friends)):
        assert secret_hex not in text.lower()
        assert secret_hex[:16] not in text.lower()
        assert repr(sd.keys.secret) not in text


def _with_section_payload(data: bytes, stype: int, payload: bytes) -> bytes:
    """Replace the payload of the first section of `stype` (length fixed up)."""
    for off, t, p in sections(data):
        if t == stype:
            return (
                data[:off] + struct.pack("<IHH", len(payload), t, 0x01CE) + payload + data[off + 8 + len(p) :]
            )
    raise AssertionError(f"no section {stype}")
