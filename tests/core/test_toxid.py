"""Tox ID: checksum vectors (self-check 1) and every distinct parse error."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toxgui.core.toxid import (
    ToxId,
    ToxIdBadKey,
    ToxIdCharacters,
    ToxIdChecksum,
    ToxIdEmpty,
    ToxIdError,
    ToxIdIsOwn,
    ToxIdLength,
    checksum,
    public_key_valid,
    short_key,
)

SAVE_PK = "B70E97D41F69B7F4C42A5BC7BD7A76B95B8030BE1B7C0E9E6FC19FC4ABEB195B"
TOXIRC_PK = "A922A51E1C91205B9F7992E2273107D47C72E8AE909C61C28A77A4A2A115431B"


@pytest.mark.parametrize(
    ("pk", "nospam", "check"),
    [(SAVE_PK, "4C762C7D", "800B"), (TOXIRC_PK, "14592AB3", "8A3B")],
)
def test_checksum_vectors(pk: str, nospam: str, check: str) -> None:
    tid = ToxId(bytes.fromhex(pk), bytes.fromhex(nospam))
    assert tid.checksum.hex().upper() == check
    assert str(tid) == pk + nospam + check
    assert ToxId.parse(pk + nospam + check) == tid
    assert ToxId.parse((pk + nospam + check).lower()) == tid
    # nospam stays raw bytes in ID order
    assert tid.to_bytes()[32:36] == bytes.fromhex(nospam)


def test_parse_tolerates_whitespace_and_uri_prefix() -> None:
    text = SAVE_PK + "4C762C7D800B"
    spaced = " ".join(text[i : i + 8] for i in range(0, len(text), 8))
    assert ToxId.parse("tox:" + spaced + "\n") == ToxId.parse(text)
    assert ToxId.parse("TOX:" + text) == ToxId.parse(text)


def test_empty() -> None:
    with pytest.raises(ToxIdEmpty):
        ToxId.parse("   ")
    with pytest.raises(ToxIdEmpty):
        ToxId.parse("tox:")


def test_bad_checksum() -> None:
    with pytest.raises(ToxIdChecksum):
        ToxId.parse(SAVE_PK + "4C762C7D800C")


def test_bad_characters_report_position() -> None:
    text = SAVE_PK[:10] + "G" + SAVE_PK[11:] + "4C762C7D800B"
    with pytest.raises(ToxIdCharacters) as info:
        ToxId.parse(text)
    assert info.value.bad == "G"
    assert info.value.position == 10


@pytest.mark.parametrize("n", [1, 74, 75, 77, 78, 152])
def test_bad_length(n: int) -> None:
    text = (SAVE_PK + "4C762C7D800B") * 2
    with pytest.raises(ToxIdLength) as info:
        ToxId.parse(text[:n])
    assert info.value.got == n


def test_from_bytes_length() -> None:
    with pytest.raises(ToxIdLength):
        ToxId.from_bytes(bytes(37))


def test_own_id() -> None:
    pk = bytes.fromhex(SAVE_PK)
    with pytest.raises(ToxIdIsOwn):
        ToxId.parse(SAVE_PK + "4C762C7D800B", own_public_key=pk)
    # someone else's key is fine
    assert ToxId.parse(TOXIRC_PK + "14592AB38A3B", own_public_key=pk).public_key == bytes.fromhex(TOXIRC_PK)


def test_bad_key_byte_31() -> None:
    pk = bytearray(bytes.fromhex(SAVE_PK))
    pk[31] = 0x80
    tid = ToxId(bytes(pk), bytes.fromhex("4C762C7D"))
    assert not public_key_valid(tid.public_key)
    with pytest.raises(ToxIdBadKey):
        ToxId.parse(str(tid))
    pk[31] = 0x7F
    assert ToxId.parse(str(ToxId(bytes(pk), b"\x00\x00\x00\x00"))).public_key == bytes(pk)


def test_every_error_is_a_tox_id_error_with_a_message() -> None:
    errors = (
        ToxIdEmpty(),
        ToxIdLength(3),
        ToxIdCharacters("x", 0),
        ToxIdChecksum(),
        ToxIdBadKey(),
        ToxIdIsOwn(),
    )
    for exc in errors:
        assert isinstance(exc, ToxIdError)
        assert str(exc)


def test_short_key_is_redacted() -> None:
    assert short_key(bytes.fromhex(SAVE_PK)) == "B70E97D4"


@given(st.binary(min_size=32, max_size=32), st.binary(min_size=4, max_size=4))
def test_round_trip_and_checksum_rule(pk: bytes, nospam: bytes) -> None:
    tid = ToxId(pk, nospam)
    raw = tid.to_bytes()
    assert len(raw) == 38
    c0 = c1 = 0
    for i, b in enumerate(raw[:36]):
        if i % 2:
            c1 ^= b
        else:
            c0 ^= b
    assert raw[36:] == bytes([c0, c1]) == checksum(raw[:36])
    assert ToxId.from_bytes(raw) == tid
    assert ToxId.from_bytes(bytes.fromhex(str(tid))) == tid
