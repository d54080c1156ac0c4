"""Node D: the announce store (0x83 answers, ping_id rule, entries, 0x85 forwarding)."""

from __future__ import annotations

import pytest

from tests.sim.simnet import SeededRng
from toxgui.core.crypto import KeyPair
from toxgui.core.node import ToxNode
from toxgui.core.onion.constants import STORE_ENTRY_TIMEOUT
from toxgui.core.packets import onion as P
from toxgui.core.packets.kinds import PacketKind

C_ADDR = ("10.0.0.3", 33445)  # the third hop that delivers to D
OTHER_C = ("10.0.0.9", 33445)
ZERO = bytes(32)


@pytest.fixture
def d() -> ToxNode:
    rng = SeededRng("store-node")
    return ToxNode(KeyPair.generate(rng), rng.bytes(4), rng)


def announce(d: ToxNode, sender: KeyPair, searched: bytes, data_pk: bytes, ping_id: bytes, now: float,
             source: tuple[str, int] = C_ADDR, ret3: bytes = b"\x07" * P.RETURN_3_SIZE,
             sendback: bytes = b"sendback") -> P.AnnounceResult:
    req = P.seal_announce_request(sender, d.dht_public_key, b"\x01" * 24,
                                  P.AnnouncePayload(ping_id, searched, data_pk, sendback))
    d.receive_datagram(req.encode() + ret3, source, now)
    out = d.datagrams_to_send()
    assert len(out) == 1, d.stats.drop_reasons
    data, to = out[0]
    assert to == source
    resp3 = P.OnionResponse3.decode(data)
    assert resp3.ret == ret3
    resp = P.AnnounceResponse.decode(resp3.reply)
    assert resp.sendback == sendback
    return P.open_announce_response(resp, sender, d.dht_public_key)


def test_announce_then_search_then_data(d: ToxNode) -> None:
    me, data = KeyPair.from_secret(b"a" * 32), KeyPair.from_secret(b"b" * 32)
    first = announce(d, me, me.public, data.public, ZERO, 10.0)
    assert first.is_stored == P.IS_STORED_NO and first.key != ZERO
    second = announce(d, me, me.public, data.public, first.key, 11.0)
    assert second.is_stored == P.IS_STORED_SELF
    # Someone searching for `me` with a temporary key gets my data key.
    searcher = KeyPair.from_secret(b"s" * 32)
    found = announce(d, searcher, me.public, ZERO, ZERO, 12.0, source=OTHER_C)
    assert found.is_stored == P.IS_STORED_OTHER and found.key == data.public
    # A data request for me goes back along my stored return path.
    req = P.seal_onion_data_request(dest_real_pk=me.public, dest_data_pk=data.public, sender=searcher,
                                    eph=KeyPair.from_secret(b"e" * 32), nonce=b"\x02" * 24, payload=b"\x9chello")
    d.receive_datagram(req.encode() + b"\x05" * P.RETURN_3_SIZE, OTHER_C, 13.0)
    [(out, to)] = d.datagrams_to_send()
    assert to == C_ADDR
    r3 = P.OnionResponse3.decode(out)
    assert r3.ret == b"\x07" * P.RETURN_3_SIZE
    od = P.open_onion_data_response(P.OnionDataResponse.decode(r3.reply), data, me)
    assert od.sender_pk == searcher.public and od.payload == b"\x9chello"


def test_ping_id_is_bound_to_key_source_and_time(d: ToxNode) -> None:
    me, data = KeyPair.from_secret(b"a" * 32), KeyPair.from_secret(b"b" * 32)
    pid = announce(d, me, me.public, data.public, ZERO, 100.0).key
    # Through another third hop (another path): not stored.
    assert announce(d, me, me.public, data.public, pid, 101.0, source=OTHER_C).is_stored == P.IS_STORED_NO
    # Another key with my ping_id: not stored.
    other = KeyPair.from_secret(b"o" * 32)
    assert announce(d, other, other.public, data.public, pid, 101.0).is_stored == P.IS_STORED_NO
    # Still valid within the next window, refused once both windows have passed.
    assert announce(d, me, me.public, data.public, pid, 100.0 + 299).is_stored == P.IS_STORED_SELF
    late = KeyPair.from_secret(b"l" * 32)
    pid2 = announce(d, late, late.public, data.public, ZERO, 1000.0).key
    assert announce(d, late, late.public, data.public, pid2, 1000.0 + 601).is_stored == P.IS_STORED_NO


def test_entries_expire_and_stale_data_key_is_not_stored(d: ToxNode) -> None:
    me, data = KeyPair.from_secret(b"a" * 32), KeyPair.from_secret(b"b" * 32)
    pid = announce(d, me, me.public, data.public, ZERO, 0.0).key
    announce(d, me, me.public, data.public, pid, 1.0)
    searcher = KeyPair.from_secret(b"s" * 32)
    assert announce(d, searcher, me.public, ZERO, ZERO, 2.0).is_stored == P.IS_STORED_OTHER
    # The announcer asking with another data key (it restarted) is told it is not stored.
    assert announce(d, me, me.public, searcher.public, ZERO, 3.0).is_stored == P.IS_STORED_NO
    assert announce(d, searcher, me.public, ZERO, ZERO, 1.0 + STORE_ENTRY_TIMEOUT + 1).is_stored == P.IS_STORED_NO


def test_store_is_bounded_and_keeps_the_closest(d: ToxNode) -> None:
    store = d.onion.store
    store.capacity = 5
    data = KeyPair.from_secret(b"b" * 32)
    for i in range(12):
        k = KeyPair.from_secret(bytes([i + 1]) * 32)
        pid = announce(d, k, k.public, data.public, ZERO, 1.0).key
        announce(d, k, k.public, data.public, pid, 1.0)
    assert len(store.entries) == 5
    own = int.from_bytes(d.dht_public_key, "big")
    dist = sorted(int.from_bytes(KeyPair.from_secret(bytes([i + 1]) * 32).public, "big") ^ own for i in range(12))
    kept = sorted(int.from_bytes(k, "big") ^ own for k in store.entries)
    assert kept == dist[:5]


def test_data_request_for_unknown_key_is_dropped(d: ToxNode) -> None:
    req = P.seal_onion_data_request(dest_real_pk=b"\x03" * 32, dest_data_pk=b"\x04" * 32,
                                    sender=KeyPair.from_secret(b"s" * 32), eph=KeyPair.from_secret(b"e" * 32),
                                    nonce=b"\x02" * 24, payload=b"\x9chello")
    d.receive_datagram(req.encode() + b"\x05" * P.RETURN_3_SIZE, OTHER_C, 1.0)
    assert d.datagrams_to_send() == []
    assert d.stats.internal_errors == 0


def test_bare_announce_without_return_block_is_dropped(d: ToxNode) -> None:
    me = KeyPair.from_secret(b"a" * 32)
    req = P.seal_announce_request(me, d.dht_public_key, b"\x01" * 24,
                                  P.AnnouncePayload(ZERO, me.public, ZERO, b"sendback"))
    d.receive_datagram(req.encode(), C_ADDR, 1.0)
    assert d.datagrams_to_send() == []
    assert d.stats.dropped_malformed == 1
    assert d.stats.by_kind[PacketKind.ANNOUNCE_REQUEST] == 1
