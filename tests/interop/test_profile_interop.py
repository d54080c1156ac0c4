"""Profiles (.tox savedata, plain and toxencryptsave-encrypted) cross between toxgui and c-toxcore.

The in-process c-toxcore instances run with UDP off, TCP port 0 and LAN discovery off, so they open
no socket at all (checked); the subprocess variant loads the profile in a normal UDP peer.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.interop import ctox
from toxgui.core.crypto import KeyPair, SystemRng
from toxgui.core.encryptsave import WrongPassword, decrypt, encrypt, is_encrypted
from toxgui.core.savedata import FRIEND_ADDED, FRIEND_CONFIRMED, FriendRecord, SaveData
from toxgui.core.toxid import ToxId, public_key_valid

RNG = SystemRng()
PASSWORD = "correct horse ✓ battery"


def _socket_fds() -> set[str]:
    out = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}").startswith("socket:"):
                out.add(fd)
        except OSError:
            pass
    return out


def _valid_keypair() -> KeyPair:
    # c-toxcore refuses friend keys whose last byte is >= 128 (public_key_valid)
    while True:
        kp = KeyPair.generate(RNG)
        if public_key_valid(kp.public):
            return kp


@pytest.fixture
def offline_tox() -> Iterator[type[ctox.Tox]]:
    """ctox.Tox with no UDP and no TCP server; fails the test if any instance opened a socket."""
    made: list[ctox.Tox] = []
    before = _socket_fds()

    def make(**kwargs: object) -> ctox.Tox:
        t = ctox.Tox(udp_enabled=False, **kwargs)  # type: ignore[arg-type]
        made.append(t)
        assert t.udp_port is None
        return t

    try:
        yield make  # type: ignore[misc]
        assert _socket_fds() <= before, "an offline c-toxcore instance opened a socket"
    finally:
        for t in made:
            t.kill()


def _toxgui_profile() -> tuple[SaveData, FriendRecord, FriendRecord]:
    sd = SaveData.new(RNG, name="Tüxgui user", status_message="written by toxgui ✓")
    sd.user_status = int(ctox.UserStatus.BUSY)
    confirmed = FriendRecord(
        _valid_keypair().public,
        FRIEND_CONFIRMED,
        name="Confirmed Friend",
        status_message="hi there",
        user_status=int(ctox.UserStatus.AWAY),
        last_seen=1_700_000_000,
    )
    pending_id = ToxId(_valid_keypair().public, RNG.bytes(4))
    pending = FriendRecord.request(pending_id, "please add me, from toxgui")
    assert pending.status == FRIEND_ADDED
    sd.friends = [confirmed, pending]
    return sd, confirmed, pending


def _assert_ctox_has_profile(
    t: ctox.Tox, sd: SaveData, confirmed: FriendRecord, pending: FriendRecord
) -> None:
    assert t.tox_id == str(sd.tox_id)
    assert t.public_key == sd.keys.public
    assert t.nospam == int.from_bytes(sd.nospam, "big")  # tox_self_get_nospam is host order of BE bytes
    assert t.name == sd.name
    assert t.status_message == sd.status_message
    assert t.status == sd.user_status
    friends = t.friend_list()
    assert [t.friend_public_key(f) for f in friends] == [confirmed.public_key, pending.public_key]
    f_conf, f_pend = friends
    assert t.friend_name(f_conf) == confirmed.name
    assert t.friend_status_message(f_conf) == confirmed.status_message
    assert t.friend_status(f_conf) == confirmed.user_status
    assert t.friend_connection_status(f_pend) == ctox.Connection.NONE


def _assert_resaved_matches(resaved: SaveData, sd: SaveData, confirmed: FriendRecord,
                            pending: FriendRecord) -> None:
    """c-toxcore's own save of a toxgui profile keeps every field toxgui wrote."""
    assert str(resaved.tox_id) == str(sd.tox_id)
    assert resaved.keys.secret == sd.keys.secret
    assert (resaved.name, resaved.status_message, resaved.user_status) == (
        sd.name, sd.status_message, sd.user_status)
    assert [f.public_key for f in resaved.friends] == [confirmed.public_key, pending.public_key]
    rc, rp = resaved.friends
    assert rc.status == FRIEND_CONFIRMED
    assert (rc.name, rc.status_message, rc.user_status) == (
        confirmed.name, confirmed.status_message, confirmed.user_status)
    assert rp.status == FRIEND_ADDED
    assert rp.request_message == pending.request_message
    assert rp.nospam == pending.nospam


def test_toxgui_profile_loads_in_ctoxcore(offline_tox) -> None:
    sd, confirmed, pending = _toxgui_profile()
    t = offline_tox(savedata=sd.to_bytes())
    _assert_ctox_has_profile(t, sd, confirmed, pending)
    _assert_resaved_matches(SaveData.parse(t.get_savedata()), sd, confirmed, pending)


def test_ctoxcore_profile_parses_in_toxgui(offline_tox) -> None:
    t = offline_tox()
    other = offline_tox()
    third = offline_tox()
    t.name = "c-toxcore user ✓".encode()
    t.status_message = b"written by c-toxcore"
    t.status = ctox.UserStatus.AWAY
    t.nospam = 0x12345678
    f_norequest = t.friend_add_norequest(third.public_key)
    f_request = t.friend_add(other.address, b"friend request from c-toxcore")
    assert (f_norequest, f_request) == (0, 1)
    data = t.get_savedata()

    sd = SaveData.parse(data)
    assert str(sd.tox_id) == t.tox_id
    assert sd.nospam == bytes.fromhex("12345678")
    assert sd.keys.public == t.public_key
    assert sd.name == t.name and sd.name_text == "c-toxcore user ✓"
    assert sd.status_message == b"written by c-toxcore"
    assert sd.user_status == int(ctox.UserStatus.AWAY)
    assert [f.public_key for f in sd.friends] == [third.public_key, other.public_key]
    confirmed, pending = sd.friends
    assert confirmed.status == FRIEND_CONFIRMED
    assert pending.status == FRIEND_ADDED
    assert pending.request_message == b"friend request from c-toxcore"
    assert str(pending.tox_id) == other.tox_id  # saved nospam is the one from the address

    # toxgui writes back exactly what c-toxcore wrote, up to the END section; c-toxcore's
    # tox_get_savedata_size over-estimates the DHT section and leaves zeros after END
    written = sd.to_bytes()
    assert data[: len(written)] == written
    assert data[len(written):] == bytes(len(data) - len(written))


def test_toxgui_profile_through_a_ctoxcore_peer_process(ctox_peers, tmp_path) -> None:
    sd, confirmed, pending = _toxgui_profile()
    path = tmp_path / "profile.tox"
    path.write_bytes(sd.to_bytes())
    peer = ctox_peers(label="loader", savedata_file=path)
    assert peer.tox_id == str(sd.tox_id)
    info = peer.command("self_info")
    assert (info["name"], info["status_message"], info["status"]) == (
        sd.name_text, sd.status_message_text, sd.user_status)
    friends = peer.friend_list()
    assert [f["public_key"] for f in friends] == [confirmed.public_key.hex().upper(),
                                                  pending.public_key.hex().upper()]
    assert friends[0]["name"] == confirmed.name_text
    peer.get_savedata()  # overwrites the file with c-toxcore's own save
    _assert_resaved_matches(SaveData.parse(path.read_bytes()), sd, confirmed, pending)


def test_encrypted_toxgui_profile_opens_in_ctoxcore(offline_tox) -> None:
    sd, confirmed, pending = _toxgui_profile()
    plain = sd.to_bytes()
    blob = encrypt(plain, PASSWORD, RNG)
    assert ctox.is_data_encrypted(blob)
    with pytest.raises(ctox.ToxError) as err:
        offline_tox(savedata=blob)
    assert err.value.code == ctox.ErrNew.LOAD_ENCRYPTED
    with pytest.raises(ctox.ToxError) as err:
        ctox.pass_decrypt(blob, b"wrong password")
    assert err.value.code == ctox.ErrDecryption.FAILED

    opened = ctox.pass_decrypt(blob, PASSWORD.encode())
    assert opened == plain
    t = offline_tox(savedata=opened)
    _assert_ctox_has_profile(t, sd, confirmed, pending)


def test_encrypted_ctoxcore_profile_opens_in_toxgui(offline_tox) -> None:
    t = offline_tox()
    other = offline_tox()
    t.name = b"encrypted c-toxcore"
    t.status_message = b"locked"
    t.friend_add(other.address, b"encrypted hello")
    plain = t.get_savedata()
    blob = ctox.pass_encrypt(plain, PASSWORD.encode())
    assert len(blob) == len(plain) + 80
    assert is_encrypted(blob) and not is_encrypted(plain)
    with pytest.raises(WrongPassword):
        decrypt(blob, "not the password")

    opened = decrypt(blob, PASSWORD)
    assert opened == plain
    sd = SaveData.parse(opened)
    assert str(sd.tox_id) == t.tox_id
    assert (sd.name, sd.status_message) == (b"encrypted c-toxcore", b"locked")
    assert [(f.public_key, f.status, f.request_message) for f in sd.friends] == [
        (other.public_key, FRIEND_ADDED, b"encrypted hello")]


def test_conferences_section_crosses_both_ways(offline_tox) -> None:
    """Savedata section 20: a conference c-toxcore saved loads in toxgui (same id, title, our
    peer number), and one toxgui saved, with a remembered peer, loads in c-toxcore (same id and
    title, the peer offline) and comes back the same from c-toxcore's own save (but for the
    message numbers, which every save moves on by its offset)."""
    from toxgui.core.conferences import SAVE_OFFSET_LOSSY_NUMBER, SAVE_OFFSET_MESSAGE_NUMBER, Peer, _parse_saved
    from toxgui.core.node import ToxNode

    t = offline_tox()
    n = t.conference_new()
    t.conference_set_title(n, "Ründe ✓".encode())
    cid = t.conference_id(n)
    sd = SaveData.parse(t.get_savedata())
    assert sd.conferences is not None
    node = ToxNode(sd.keys, sd.nospam, RNG)
    assert node.conferences.load(sd.conferences, 0.0) == 1
    c = node.conferences.get(cid)
    assert c is not None and c.title == "Ründe ✓".encode() and c.peer_number == 0 and c.status == 2

    mine = SaveData.new(RNG, name="toxgui")
    node2 = ToxNode(mine.keys, mine.nospam, RNG)
    conf = node2.conferences.create(0.0, b"von toxgui")
    other = _valid_keypair()
    conf.frozen[4242] = Peer(4242, other.public, KeyPair.generate(RNG).public, 7.0, name=b"Bob")
    mine.conferences = node2.conferences.save()
    t2 = offline_tox(savedata=mine.to_bytes())
    assert len(t2.conference_list()) == 1
    n2 = t2.conference_list()[0]
    assert t2.conference_id(n2) == conf.id
    assert t2.conference_title(n2) == b"von toxgui"
    assert t2.conference_offline_peer_count(n2) == 1
    back = SaveData.parse(t2.get_savedata()).conferences
    assert back is not None
    [(ctype, bid, msg, lossy, pn, title, peers)] = _parse_saved(back)
    [(_, _, msg0, lossy0, pn0, title0, peers0)] = _parse_saved(mine.conferences)
    assert (ctype, bid, pn, title, peers) == (0, conf.id, pn0, title0, peers0)
    assert (msg, lossy) == (msg0 + SAVE_OFFSET_MESSAGE_NUMBER, lossy0 + SAVE_OFFSET_LOSSY_NUMBER)
    assert peers == [(other.public, peers0[0][1], 4242, 7, b"Bob")]
