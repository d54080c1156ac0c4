"""Throw junk at every registered decoder: nothing but ProtocolError may come out.

For each decoder in `all_decoders()` (every module of toxgui.core.packets) this generates
10,000 inputs from a seeded `random.Random`: random byte strings of varied lengths, and
mutations (bit flips, byte overwrites, truncations, extensions, splices, kind swaps) of valid
encodings.  Valid encodings come from the builders below; keyed decoders (registered with fixed
keys) also get "sealed junk": random plaintexts encrypted under the right keys, so the code after
decryption is fuzzed too.  A decoder without a builder here may carry a `fuzz_seeds` attribute
(a callable taking a `random.Random` and returning a list of valid encodings); otherwise it gets
generic seeds, and every mutated input it accepts joins its corpus.
"""

from __future__ import annotations

import importlib
import ipaddress
import pkgutil
import random
from collections.abc import Callable

import pytest

from tests.core import fuzz_targets as ft
from tests.core.fuzz_targets import all_decoders
from toxgui.core.crypto import LOW_ORDER_KEYS, KeyPair, encrypt, nonce_add, precompute
from toxgui.core.errors import ProtocolError
from toxgui.core.packets import dhtpk as dp
from toxgui.core.packets import friend_connection as fc
from toxgui.core.packets import messenger as m
from toxgui.core.packets import net_crypto as nc
from toxgui.core.packets import onion as o
from toxgui.core.packets.kinds import CryptoRequestId, PacketKind
from toxgui.core.wire import PackedNode

INPUTS_PER_DECODER = 10_000
SEEDS_PER_DECODER = 24
MAX_CORPUS = 256



def _import_core() -> None:
    """Decoders may register from anywhere in toxgui.core (e.g. the savedata parser): import it
    all, so the set of fuzzed decoders does not depend on what other tests imported first."""
    import toxgui.core as core

    for mod in pkgutil.walk_packages(core.__path__, core.__name__ + "."):
        importlib.import_module(mod.name)


_import_core()
DECODERS = all_decoders()

Builder = Callable[[random.Random, bool], bytes]


# --- random field helpers ---------------------------------------------------------------------


def rb(r: random.Random, n: int) -> bytes:
    return r.randbytes(n)


class RRng:
    """Adapter: toxgui's Rng protocol over a random.Random (for KeyPair.generate etc.)."""

    def __init__(self, r: random.Random) -> None:
        self.r = r

    def bytes(self, n: int) -> bytes:
        return self.r.randbytes(n)


def kp(r: random.Random) -> KeyPair:
    return KeyPair.generate(RRng(r))


def addr(r: random.Random) -> tuple[str, int]:
    if r.random() < 0.7:
        return str(ipaddress.IPv4Address(r.getrandbits(32))), r.getrandbits(16)
    return str(ipaddress.IPv6Address((0x2001 << 112) | r.getrandbits(100))), r.getrandbits(16)


def nodes(r: random.Random, most: int, tcp: bool | None) -> tuple[PackedNode, ...]:
    out = []
    for _ in range(r.randint(0, most)):
        host, port = addr(r)
        out.append(PackedNode(host, port, rb(r, 32), r.random() < 0.5 if tcp is None else tcp))
    return tuple(out)


def reply(r: random.Random) -> bytes:
    return bytes([r.choice([0x84, 0x86])]) + rb(r, r.randint(0, 400))


def data_bytes(r: random.Random, lo: int, hi: int) -> bytes:
    d = bytearray(rb(r, r.randint(lo, hi)))
    if d and d[0] == 0:
        d[0] = r.randint(1, 255)
    return bytes(d)


# --- builders for this project's decoders --------------------------------------------------------

BUILDERS: dict[str, Builder] = {}


def builds(*names: str) -> Callable[[Builder], Builder]:
    def wrap(fn: Builder) -> Builder:
        for name in names:
            BUILDERS[name] = fn
        return fn

    return wrap


@builds("onion.request_0")
def _b_req0(r: random.Random, junk: bool) -> bytes:
    return o.OnionRequest0(rb(r, 24), rb(r, 32), rb(r, r.randint(170, 1343))).encode()


@builds("onion.request_1")
def _b_req1(r: random.Random, junk: bool) -> bytes:
    return o.OnionRequest1(rb(r, 24), rb(r, 32), rb(r, r.randint(103, 1284)), rb(r, 59)).encode()


@builds("onion.request_2")
def _b_req2(r: random.Random, junk: bool) -> bytes:
    return o.OnionRequest2(rb(r, 24), rb(r, 32), rb(r, r.randint(36, 1225)), rb(r, 118)).encode()


@builds("onion.response_3")
def _b_resp3(r: random.Random, junk: bool) -> bytes:
    return o.OnionResponse3(rb(r, 177), reply(r)).encode()


@builds("onion.response_2")
def _b_resp2(r: random.Random, junk: bool) -> bytes:
    return o.OnionResponse2(rb(r, 118), reply(r)).encode()


@builds("onion.response_1")
def _b_resp1(r: random.Random, junk: bool) -> bytes:
    return o.OnionResponse1(rb(r, 59), reply(r)).encode()


@builds("onion.announce_request")
def _b_ann_req(r: random.Random, junk: bool) -> bytes:
    return o.AnnounceRequest(rb(r, 24), rb(r, 32), rb(r, 120)).encode()


@builds("onion.announce_request_relayed")
def _b_ann_req_relayed(r: random.Random, junk: bool) -> bytes:
    return _b_ann_req(r, junk) + rb(r, 177)


@builds("onion.announce_payload")
def _b_ann_payload(r: random.Random, junk: bool) -> bytes:
    return o.AnnouncePayload(rb(r, 32), rb(r, 32), rb(r, 32), rb(r, 8)).encode()


@builds("onion.announce_response")
def _b_ann_resp(r: random.Random, junk: bool) -> bytes:
    return o.AnnounceResponse(rb(r, 8), rb(r, 24), rb(r, 49 + r.randint(0, 204))).encode()


def announce_result(r: random.Random) -> o.AnnounceResult:
    return o.AnnounceResult(r.randint(0, 2), rb(r, 32), nodes(r, 4, False))


@builds("onion.announce_result")
def _b_ann_result(r: random.Random, junk: bool) -> bytes:
    return announce_result(r).encode()


@builds("onion.data_request")
def _b_data_req(r: random.Random, junk: bool) -> bytes:
    return o.OnionDataRequest(rb(r, 32), rb(r, 24), rb(r, 32), rb(r, r.randint(65, 1085))).encode()


@builds("onion.data_response")
def _b_data_resp(r: random.Random, junk: bool) -> bytes:
    return o.OnionDataResponse(rb(r, 24), rb(r, 32), rb(r, r.randint(65, 1012))).encode()


def _path(r: random.Random, fixed_at: int) -> tuple[o.OnionPath, list[KeyPair], KeyPair]:
    hops = [kp(r) for _ in range(3)]
    hops[fixed_at] = ft.FUZZ_RELAY_DHT
    me = kp(r)
    path = o.OnionPath.create([o.OnionNode(h.public, addr(r)) for h in hops], me, RRng(r))
    return path, hops, me


def _onion_payload(r: random.Random) -> bytes:
    return bytes([r.choice([0x83, 0x85])]) + rb(r, r.randint(0, 400))


def _sealed_layer(r: random.Random, lo: int, hi: int) -> tuple[bytes, bytes, bytes]:
    """(temp pk, nonce, ciphertext of random junk) for the fixed relay key."""
    t = kp(r)
    n = rb(r, 24)
    return t.public, n, encrypt(precompute(ft.FUZZ_RELAY_DHT.public, t.secret), n, rb(r, r.randint(lo, hi)))


@builds("onion.relay_request_0[fixed keys]")
def _b_relay0(r: random.Random, junk: bool) -> bytes:
    if junk:
        pk, n, ct = _sealed_layer(r, 154, 1300)
        return o.OnionRequest0(n, pk, ct).encode()
    path, _, _ = _path(r, 0)
    return o.build_onion_request(path, addr(r), _onion_payload(r), rb(r, 24)).encode()


@builds("onion.relay_request_1[fixed keys]")
def _b_relay1(r: random.Random, junk: bool) -> bytes:
    if junk:
        pk, n, ct = _sealed_layer(r, 87, 1200)
        return o.OnionRequest1(n, pk, ct, rb(r, 59)).encode()
    path, hops, _me = _path(r, 1)
    p0 = o.build_onion_request(path, addr(r), _onion_payload(r), rb(r, 24))
    _, p1 = o.relay_request_0(p0, hops[0], rb(r, 32), addr(r), rb(r, 24))
    return p1.encode()


@builds("onion.relay_request_2[fixed keys]")
def _b_relay2(r: random.Random, junk: bool) -> bytes:
    if junk:
        pk, n, ct = _sealed_layer(r, 20, 1100)
        return o.OnionRequest2(n, pk, ct, rb(r, 118)).encode()
    path, hops, _me = _path(r, 2)
    p0 = o.build_onion_request(path, addr(r), _onion_payload(r), rb(r, 24))
    _, p1 = o.relay_request_0(p0, hops[0], rb(r, 32), addr(r), rb(r, 24))
    _, p2 = o.relay_request_1(p1, hops[1], rb(r, 32), addr(r), rb(r, 24))
    return p2.encode()


def _ret(r: random.Random, inner_size: int, junk: bool) -> bytes:
    n = rb(r, 24)
    if junk:
        return n + encrypt(ft.FUZZ_RETURN_KEY, n, rb(r, 19 + inner_size))
    return o.make_return(ft.FUZZ_RETURN_KEY, n, addr(r), rb(r, inner_size))


@builds("onion.relay_response_3[fixed keys]")
def _b_relay_r3(r: random.Random, junk: bool) -> bytes:
    return o.OnionResponse3(_ret(r, 118, junk), reply(r)).encode()


@builds("onion.relay_response_2[fixed keys]")
def _b_relay_r2(r: random.Random, junk: bool) -> bytes:
    return o.OnionResponse2(_ret(r, 59, junk), reply(r)).encode()


@builds("onion.relay_response_1[fixed keys]")
def _b_relay_r1(r: random.Random, junk: bool) -> bytes:
    return o.OnionResponse1(_ret(r, 0, junk), reply(r)).encode()


@builds("onion.open_announce_request[fixed keys]")
def _b_open_ann_req(r: random.Random, junk: bool) -> bytes:
    sender, n = kp(r), rb(r, 24)
    if junk:
        key = precompute(ft.FUZZ_NODE.public, sender.secret)
        return o.AnnounceRequest(n, sender.public, encrypt(key, n, rb(r, 104))).encode()
    payload = o.AnnouncePayload(rb(r, 32), rb(r, 32), rb(r, 32), rb(r, 8))
    return o.seal_announce_request(sender, ft.FUZZ_NODE.public, n, payload).encode()


@builds("onion.open_announce_response[fixed keys]")
def _b_open_ann_resp(r: random.Random, junk: bool) -> bytes:
    n = rb(r, 24)
    if junk:
        key = precompute(ft.FUZZ_SENDER.public, ft.FUZZ_NODE.secret)
        return o.AnnounceResponse(rb(r, 8), n, encrypt(key, n, rb(r, r.randint(33, 237)))).encode()
    return o.seal_announce_response(ft.FUZZ_NODE, ft.FUZZ_SENDER.public, rb(r, 8), n, announce_result(r)).encode()


@builds("onion.open_data_response[fixed keys]")
def _b_open_data(r: random.Random, junk: bool) -> bytes:
    eph, n = kp(r), rb(r, 24)
    if junk:
        key = precompute(ft.FUZZ_DATA.public, eph.secret)
        return o.OnionDataResponse(n, eph.public, encrypt(key, n, rb(r, r.randint(49, 1012)))).encode()
    req = o.seal_onion_data_request(
        dest_real_pk=ft.FUZZ_REAL.public,
        dest_data_pk=ft.FUZZ_DATA.public,
        sender=kp(r),
        eph=eph,
        nonce=n,
        payload=rb(r, r.randint(1, 948)),
    )
    return req.to_response()


def dhtpk(r: random.Random) -> dp.DhtPk:
    return dp.DhtPk(r.getrandbits(64), rb(r, 32), nodes(r, 4, None))


@builds("dhtpk.payload")
def _b_dhtpk(r: random.Random, junk: bool) -> bytes:
    return dhtpk(r).encode()


@builds("dhtpk.dht_data")
def _b_dhtpk_data(r: random.Random, junk: bool) -> bytes:
    return dp.DhtDhtPk(rb(r, 32), rb(r, 24), rb(r, r.randint(57, 261))).encode()


@builds("dhtpk.friend_request")
def _b_friend_request(r: random.Random, junk: bool) -> bytes:
    return dp.FriendRequest(rb(r, 4), rb(r, r.randint(1, 1016))).encode()


@builds("dhtpk.open_dht_data[fixed keys]")
def _b_open_dhtpk(r: random.Random, junk: bool) -> bytes:
    n = rb(r, 24)
    sender = ft.FUZZ_DHTPK_SENDER
    if junk:
        key = precompute(ft.FUZZ_DHTPK_RECEIVER.public, sender.secret)
        return dp.DhtDhtPk(sender.public, n, encrypt(key, n, rb(r, r.randint(41, 245)))).encode()
    return dp.seal_dht_dhtpk(sender, ft.FUZZ_DHTPK_RECEIVER.public, n, dhtpk(r))


@builds("net_crypto.cookie_request")
def _b_cookie_req(r: random.Random, junk: bool) -> bytes:
    return nc.CookieRequest(rb(r, 32), rb(r, 24), rb(r, 88)).encode()


@builds("net_crypto.cookie_request_plain")
def _b_cookie_req_plain(r: random.Random, junk: bool) -> bytes:
    return nc.CookieRequestPlain(rb(r, 32), rb(r, 8)).encode()


@builds("net_crypto.cookie_response")
def _b_cookie_resp(r: random.Random, junk: bool) -> bytes:
    return nc.CookieResponse(rb(r, 24), rb(r, 136)).encode()


@builds("net_crypto.cookie_response_plain")
def _b_cookie_resp_plain(r: random.Random, junk: bool) -> bytes:
    return nc.CookieResponsePlain(rb(r, 112), rb(r, 8)).encode()


@builds("net_crypto.cookie_contents")
def _b_cookie_contents(r: random.Random, junk: bool) -> bytes:
    return nc.CookieContents(r.getrandbits(64), rb(r, 32), rb(r, 32)).encode()


@builds("net_crypto.handshake")
def _b_handshake(r: random.Random, junk: bool) -> bytes:
    return nc.Handshake(rb(r, 112), rb(r, 24), rb(r, 248)).encode()


@builds("net_crypto.handshake_plain")
def _b_handshake_plain(r: random.Random, junk: bool) -> bytes:
    return nc.HandshakePlain(rb(r, 24), rb(r, 32), rb(r, 64), rb(r, 112)).encode()


@builds("net_crypto.crypto_data")
def _b_crypto_data(r: random.Random, junk: bool) -> bytes:
    return nc.CryptoData(r.getrandbits(16), rb(r, r.randint(25, 1397))).encode()


def data_plain(r: random.Random) -> nc.DataPlain:
    return nc.DataPlain(r.getrandbits(32), r.getrandbits(32), data_bytes(r, 1, 1373))


@builds("net_crypto.data_plain")
def _b_data_plain(r: random.Random, junk: bool) -> bytes:
    return data_plain(r).encode()


@builds("net_crypto.request[window]")
def _b_request(r: random.Random, junk: bool) -> bytes:
    start, end = ft.FUZZ_WINDOW
    size = (end - start) % 2**32
    density = r.choice([0.0, 0.5, 0.9, 0.99, 1.0])
    present = {(start + i) % 2**32 for i in range(size) if r.random() < density}
    return nc.encode_request(start, end, present)


def _cookie(r: random.Random, real_pk: bytes) -> bytes:
    t = ft.FUZZ_NOW - r.randint(0, 15)
    return nc.make_cookie(ft.FUZZ_COOKIE_KEY, rb(r, 24), t, real_pk, rb(r, 32))


@builds("net_crypto.open_cookie[fixed keys]")
def _b_open_cookie(r: random.Random, junk: bool) -> bytes:
    if junk:
        n = rb(r, 24)
        return n + encrypt(ft.FUZZ_COOKIE_KEY, n, rb(r, 72))
    return _cookie(r, rb(r, 32))


@builds("net_crypto.answer_cookie_request[fixed keys]")
def _b_answer_cookie(r: random.Random, junk: bool) -> bytes:
    them, n = kp(r), rb(r, 24)
    if junk:
        key = precompute(ft.FUZZ_OUR_DHT.public, them.secret)
        return nc.CookieRequest(them.public, n, encrypt(key, n, rb(r, 72))).encode()
    plain = nc.CookieRequestPlain(rb(r, 32), rb(r, 8))
    return nc.seal_cookie_request(them, ft.FUZZ_OUR_DHT.public, n, plain).encode()


@builds("net_crypto.open_cookie_response[fixed keys]")
def _b_open_cookie_resp(r: random.Random, junk: bool) -> bytes:
    n = rb(r, 24)
    if junk:
        key = precompute(ft.FUZZ_PEER_DHT.public, ft.FUZZ_OUR_DHT.secret)
        return nc.CookieResponse(n, encrypt(key, n, rb(r, 120))).encode()
    req = nc.seal_cookie_request(ft.FUZZ_OUR_DHT, ft.FUZZ_PEER_DHT.public, n, nc.CookieRequestPlain(rb(r, 32), rb(r, 8)))
    return nc.answer_cookie_request(req, ft.FUZZ_PEER_DHT, rb(r, 32), ft.FUZZ_NOW, rb(r, 24), rb(r, 24)).encode()


@builds("net_crypto.open_handshake[fixed keys]")
def _b_open_handshake(r: random.Random, junk: bool) -> bytes:
    cookie, n = _cookie(r, ft.FUZZ_PEER_REAL.public), rb(r, 24)
    if junk:
        key = precompute(ft.FUZZ_OUR_REAL.public, ft.FUZZ_PEER_REAL.secret)
        return nc.Handshake(cookie, n, encrypt(key, n, rb(r, 232))).encode()
    return nc.create_handshake(
        ft.FUZZ_PEER_REAL, ft.FUZZ_OUR_REAL.public, cookie, n, rb(r, 24), rb(r, 32), rb(r, 112)
    ).encode()


@builds("net_crypto.open_crypto_data[fixed keys]")
def _b_open_crypto_data(r: random.Random, junk: bool) -> bytes:
    nonce = nonce_add(ft.FUZZ_RECV_NONCE, r.randint(0, 65535))
    if junk:
        body = bytes(r.randint(0, 12)) + rb(r, r.randint(0, 1000))
        return nc.CryptoData(int.from_bytes(nonce[-2:], "big"), encrypt(ft.FUZZ_SESSION_KEY, nonce, rb(r, 1) + body)).encode()
    return nc.seal_crypto_data(ft.FUZZ_SESSION_KEY, nonce, data_plain(r)).encode()


def messenger_packet(r: random.Random) -> bytes:
    choice = r.randrange(13)
    p: object
    if choice == 0:
        p = m.Online()
    elif choice == 1:
        p = m.Offline()
    elif choice == 2:
        p = m.Nickname(rb(r, r.randint(0, 128)))
    elif choice == 3:
        p = m.StatusMessage(rb(r, r.randint(0, 1007)))
    elif choice == 4:
        p = m.UserStatus(r.randint(0, 2))
    elif choice == 5:
        p = m.Typing(r.random() < 0.5)
    elif choice == 6:
        p = m.Message(rb(r, r.randint(1, 1372)))
    elif choice == 7:
        p = m.Action(rb(r, r.randint(1, 1372)))
    elif choice == 8:
        p = m.Msi(rb(r, r.randint(1, 200)))
    elif choice == 9:
        p = m.FileSendRequest(r.getrandbits(8), r.getrandbits(32), r.getrandbits(64), rb(r, 32), rb(r, r.randint(0, 255)))
    elif choice == 10:
        control = r.randint(0, 3)
        p = m.FileControl(r.randint(0, 1), r.getrandbits(8), control, r.getrandbits(64) if control == 3 else None)
    elif choice == 11:
        p = m.FileData(r.getrandbits(8), rb(r, r.randint(0, 1371)))
    else:
        p = m.RawPacket(r.choice([96, 97, 160, 199, 200, 254]), rb(r, r.randint(0, 300)))
    return p.encode()  # type: ignore[attr-defined]


def _messenger_builder(cls: type) -> Builder:
    def build(r: random.Random, junk: bool) -> bytes:
        while True:
            raw = messenger_packet(r)
            if raw[0] == cls.ID:  # type: ignore[attr-defined]
                return raw

    return build


builds("messenger.packet")(lambda r, junk: messenger_packet(r))
for _cls in (
    m.Online,
    m.Offline,
    m.Nickname,
    m.StatusMessage,
    m.UserStatus,
    m.Typing,
    m.Message,
    m.Action,
    m.Msi,
    m.FileSendRequest,
    m.FileControl,
    m.FileData,
):
    builds(f"messenger.{_cls.__name__}")(_messenger_builder(_cls))


def friend_connection_packet(r: random.Random, which: int | None = None) -> bytes:
    which = r.randrange(3) if which is None else which
    if which == 0:
        return fc.Alive().encode()
    if which == 1:
        return fc.ShareRelays(nodes(r, 3, True)).encode()
    return fc.FriendRequests(rb(r, 4), rb(r, r.randint(1, 1016))).encode()


builds("friend_connection.packet")(lambda r, junk: friend_connection_packet(r))
builds("friend_connection.Alive")(lambda r, junk: friend_connection_packet(r, 0))
builds("friend_connection.ShareRelays")(lambda r, junk: friend_connection_packet(r, 1))
builds("friend_connection.FriendRequests")(lambda r, junk: friend_connection_packet(r, 2))

KEYED = {name for name in BUILDERS if "[fixed keys]" in name}


# --- the generator --------------------------------------------------------------------------

KINDS = sorted({int(k) for k in PacketKind} | {int(k) for k in CryptoRequestId} | set(range(16, 26)) | {48, 64, 80})
SIZES = [1, 2, 9, 33, 41, 57, 73, 78, 82, 113, 121, 145, 161, 177, 226, 286, 354, 385, 403, 1024, 1069, 1373, 1400]


def generic_seeds(r: random.Random) -> list[bytes]:
    """Every known kind byte at every interesting size, the rest random."""
    return [bytes([kind]) + rb(r, size - 1) for kind in KINDS for size in SIZES]


def seeds_for(name: str, fn: Callable[[bytes], object], r: random.Random) -> tuple[list[bytes], list[bytes]]:
    """(valid encodings, sealed junk) for a decoder."""
    builder = BUILDERS.get(name)
    if builder is not None:
        valid = [builder(r, False) for _ in range(SEEDS_PER_DECODER)]
        junk = [builder(r, True) for _ in range(SEEDS_PER_DECODER)] if name in KEYED else []
        return valid, junk
    hook = getattr(fn, "fuzz_seeds", None)
    if callable(hook):
        return list(hook(r)), []
    return [], generic_seeds(r)


def mutate(r: random.Random, seed: bytes, corpus: list[bytes]) -> bytes:
    op = r.randrange(10)
    b = bytearray(seed)
    if op == 0 or not b:  # random bytes of a random or nearby length
        n = r.choice([r.randint(0, 1500), max(0, len(seed) + r.randint(-3, 3)), r.choice(SIZES)])
        return rb(r, n)
    if op == 1:  # bit flips
        for _ in range(r.randint(1, 8)):
            i = r.randrange(len(b))
            b[i] ^= 1 << r.randrange(8)
        return bytes(b)
    if op == 2:  # byte overwrites with boundary values
        for _ in range(r.randint(1, 4)):
            b[r.randrange(len(b))] = r.choice([0, 1, 2, 3, 0x7F, 0x80, 0xFE, 0xFF, r.getrandbits(8)])
        return bytes(b)
    if op == 3:  # truncation
        return bytes(b[: r.randrange(len(b))])
    if op == 4:  # extension
        return bytes(b) + rb(r, r.choice([1, 2, 8, r.randint(1, 300)]))
    if op == 5:  # another packet kind
        b[0] = r.choice(KINDS) if r.random() < 0.8 else r.getrandbits(8)
        return bytes(b)
    if op == 6:  # splice two inputs
        other = r.choice(corpus)
        return bytes(b[: r.randint(0, len(b))]) + other[r.randint(0, len(other)) :]
    if op == 7:  # delete or duplicate a slice
        i = r.randrange(len(b))
        j = min(len(b), i + r.randint(1, 64))
        return bytes(b[:i] + b[j:]) if r.random() < 0.5 else bytes(b[:j] + b[i:j] + b[j:])
    if op == 8:  # length-preserving shuffle of a window
        i = r.randrange(len(b))
        window = b[i : i + 16]
        r.shuffle(window)
        b[i : i + 16] = window
        return bytes(b)
    if op == 9 and len(b) >= 32 and r.random() < 0.5:  # a key of small order where keys go
        i = r.choice([1, 1 + 32, 1 + 24, 0]) if r.random() < 0.7 else r.randrange(len(b) - 31)
        i = min(i, len(b) - 32)
        b[i : i + 32] = r.choice(LOW_ORDER_KEYS)
        return bytes(b)
    return bytes(seed)  # the unmodified seed


@pytest.mark.parametrize("name", sorted(DECODERS))
def test_decoder_raises_only_protocol_error(name: str) -> None:
    fn = DECODERS[name]
    r = random.Random(f"toxgui fuzz {name}")
    valid, junk = seeds_for(name, fn, r)
    for raw in valid:  # the builders must produce what the decoder accepts
        fn(raw)
    corpus = valid + junk
    accepted: list[bytes] = list(valid)  # inputs the decoder took; half the mutations start here
    failures: list[str] = []
    for _ in range(INPUTS_PER_DECODER):
        pool = accepted if accepted and r.random() < 0.5 else corpus
        data = mutate(r, r.choice(pool), corpus)
        try:
            fn(data)
        except ProtocolError:
            continue
        except Exception as e:  # anything else is exactly what this test hunts for
            if len(failures) < 5:
                failures.append(f"{type(e).__name__}: {e} on {data.hex()}")
            continue
        if len(accepted) < MAX_CORPUS and data not in accepted:
            accepted.append(data)
    assert not failures, f"{name} raised something other than ProtocolError:\n" + "\n".join(failures)


@pytest.mark.parametrize("name", sorted(DECODERS))
def test_low_order_keys_anywhere_raise_only_protocol_error(name: str) -> None:
    """Every valid encoding with a small-order key written over each 32-byte window: key
    agreement refuses such keys, which must surface as ProtocolError (LowOrderKey), never as
    libsodium's RuntimeError."""
    fn = DECODERS[name]
    r = random.Random(f"toxgui low-order {name}")
    valid, _ = seeds_for(name, fn, r)
    failures: list[str] = []
    for seed in valid[:3]:
        for i in range(0, max(0, len(seed) - 31)):
            if i > 160:
                break
            data = seed[:i] + r.choice(LOW_ORDER_KEYS) + seed[i + 32 :]
            try:
                fn(data)
            except ProtocolError:
                continue
            except Exception as e:
                if len(failures) < 5:
                    failures.append(f"{type(e).__name__}: {e} at offset {i}")
    assert not failures, f"{name}:\n" + "\n".join(failures)


def test_every_codec_module_registers_its_decoders() -> None:
    mine = set(BUILDERS)
    missing = mine - set(DECODERS)
    assert not missing, f"builders for unregistered decoders: {sorted(missing)}"
    for prefix in ("onion.", "dhtpk.", "net_crypto.", "messenger.", "friend_connection."):
        registered = {n for n in DECODERS if n.startswith(prefix)}
        assert registered <= mine, f"decoders without a fuzz builder: {sorted(registered - mine)}"


def test_mutations_reach_past_the_length_checks() -> None:
    """The generator must produce inputs that some decoders accept (else it only tests guards)."""
    r = random.Random(1)
    fn = DECODERS["messenger.packet"]
    corpus = [messenger_packet(r) for _ in range(10)]
    ok = 0
    for _ in range(2000):
        try:
            fn(mutate(r, r.choice(corpus), corpus))
            ok += 1
        except ProtocolError:
            pass
    assert ok > 200
