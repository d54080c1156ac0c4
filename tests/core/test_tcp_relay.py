"""The TCP relay protocol and server, sans-I/O: the published test vectors (protocol notes part 2,
§1.13, the framing checked live against c-toxcore 0.2.18), and the server's rules for routing,
OOB, pings, onion requests, abuse and limits, driven by clients made of the same codecs."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toxgui.core.crypto import KeyPair, SystemRng, precompute
from toxgui.core.errors import ProtocolError
from toxgui.core.tcp import protocol as T
from toxgui.core.tcp.protocol import Tcp
from toxgui.core.tcp.server import RelayLimits, RelayServer
from toxgui.core.wire import Addr, TcpClient


def _kp(first: int) -> KeyPair:
    return KeyPair.from_secret(bytes(range(first, first + 32)))


# --- test vectors -----------------------------------------------------------------------------

CLIENT, RELAY, CLIENT_TEMP, RELAY_TEMP = _kp(1), _kp(33), _kp(65), _kp(97)
NC = bytes([0xA0] * 23 + [0xFF])
NR = bytes([0xB0] * 24)


def test_handshake_vectors() -> None:
    assert CLIENT.public.hex() == "07a37cbc142093c8b755dc1b10e86cb426374ad16aa853ed0bdfc0b2b86d1c7c"
    assert RELAY.public.hex() == "5869aff450549732cbaaed5e5df9b30a6da31cb0e5742bad5ad4a1a768f1a67b"
    hs = T.client_handshake(CLIENT, RELAY.public, CLIENT_TEMP, NC, bytes([0x11] * 24))
    assert len(hs) == T.CLIENT_HANDSHAKE_SIZE
    assert hs == CLIENT.public + bytes([0x11] * 24) + bytes.fromhex(
        "e5f3d20d99f92d3d572c8c3e7a1fd49d4a640d4b9774647a1eb63933a157cf59c908417dd32bc6e3bfcc7e95352d18b6"
        "0987daabd78a46b86ac20031c6cdb93c6b42cf2038646423")
    hello = T.open_client_handshake(hs, RELAY)
    assert (hello.client_pk, hello.temp_pk, hello.base_nonce) == (CLIENT.public, CLIENT_TEMP.public, NC)
    resp = T.server_handshake(RELAY, CLIENT.public, RELAY_TEMP, NR, bytes([0x22] * 24))
    assert resp == bytes([0x22] * 24) + bytes.fromhex(
        "48ab022034ee19b08b5164e2a68ff5aba501863126f02b35a9532e4b9c20d842ef9ec0f07796b6bd019cc0a10598800b"
        "34747b21885f27fccd226f449209b8d16c1081357931eb2b")
    assert T.open_server_handshake(resp, CLIENT, RELAY.public) == (RELAY_TEMP.public, NR)
    key = precompute(RELAY_TEMP.public, CLIENT_TEMP.secret)
    assert key.hex() == "fad97f4c552999bded1d5887896dc849ad1ba9485b616188a9df62dce12b4603"
    assert precompute(CLIENT_TEMP.public, RELAY_TEMP.secret) == key


def test_frame_vectors_and_nonce_carry() -> None:
    key = precompute(RELAY_TEMP.public, CLIENT_TEMP.secret)
    client = T.SecureStream(key, send_nonce=NC, recv_nonce=NR)
    relay = T.SecureStream(key, send_nonce=NR, recv_nonce=NC)
    f1 = client.seal(T.ping(bytes.fromhex("0102030405060708")))
    assert f1.hex() == "00190cdaa8e2ebc7e6f404927acbf4a81a3661e37b7ec30e529b86"
    f2 = client.seal(T.routing_request(RELAY.public))  # nonce Nc+1 = a0..a0a100: the carry
    assert len(f2) == 51 and f2.hex().startswith("0031938813f1035cda06")
    assert relay.seal(T.pong(bytes.fromhex("0102030405060708"))).hex() == \
        "001929ded16e6f9b6791308475eb9649468bd5e982c4a00ea04eae"
    # byte by byte, with a zero length (skipped, no nonce step) in between
    got = []
    for b in f1 + b"\0\0" + f2:
        got += relay.feed(bytes([b]))
    assert got == [T.ping(bytes.fromhex("0102030405060708")), T.routing_request(RELAY.public)]


def test_frames_that_cannot_be_read() -> None:
    key = os.urandom(32)
    s = T.SecureStream(key, bytes(24), bytes(24))
    with pytest.raises(ProtocolError):
        s.feed(b"\x08\x01")  # 2049 > 2048
    s = T.SecureStream(key, bytes(24), bytes(24))
    with pytest.raises(ProtocolError):
        s.feed(b"\x00\x20" + bytes(32))  # does not decrypt
    with pytest.raises(ValueError):
        T.SecureStream(key, bytes(24), bytes(24)).seal(bytes(T.MAX_PAYLOAD + 1))


# --- a relay and its clients, in memory --------------------------------------------------------


class Sink:
    def __init__(self) -> None:
        self.out: dict[int, bytearray] = {}
        self.closed: list[int] = []
        self.backlogs: dict[int, int] = {}
        self.onion: list[tuple[bytes, TcpClient, Addr]] = []
        self.refuse_onion = False

    def write(self, number: int, data: bytes) -> None:
        self.out.setdefault(number, bytearray()).extend(data)

    def close(self, number: int) -> None:
        self.closed.append(number)

    def backlog(self, number: int) -> int:
        return self.backlogs.get(number, 0)

    def onion_request(self, request: bytes, client: TcpClient, source: Addr) -> None:
        if self.refuse_onion:
            raise ProtocolError("refused", code="relay destination refused")
        self.onion.append((request, client, source))

    def take(self, number: int) -> bytes:
        data = bytes(self.out.get(number, b""))
        self.out[number] = bytearray()
        return data


class Client:
    """A relay client built from the protocol codecs."""

    _next = 0

    def __init__(self, relay: Relay, keys: KeyPair | None = None) -> None:
        Client._next += 1
        self.number = Client._next
        self.relay = relay
        self.keys = keys or KeyPair.generate(SystemRng())
        self.stream: T.SecureStream | None = None
        assert relay.server.accept(self.number, ("127.0.0.1", 40000 + self.number), relay.now)
        self._temp, self._nonce = T.new_temp(SystemRng())
        relay.server.receive(self.number, T.client_handshake(self.keys, relay.keys.public, self._temp, self._nonce,
                                                             os.urandom(24)), relay.now)
        resp = relay.sink.take(self.number)
        assert len(resp) == T.SERVER_HANDSHAKE_SIZE
        temp_pk, relay_nonce = T.open_server_handshake(resp, self.keys, relay.keys.public)
        self.stream = T.SecureStream(precompute(temp_pk, self._temp.secret), self._nonce, relay_nonce)

    def send(self, payload: bytes) -> None:
        assert self.stream is not None
        self.relay.server.receive(self.number, self.stream.seal(payload), self.relay.now)

    def recv(self) -> list[bytes]:
        assert self.stream is not None
        return self.stream.feed(self.relay.sink.take(self.number))

    @property
    def closed(self) -> bool:
        return self.number in self.relay.sink.closed


class Relay:
    def __init__(self, limits: RelayLimits | None = None) -> None:
        self.keys = KeyPair.generate(SystemRng())
        self.sink = Sink()
        self.server = RelayServer(self.keys, SystemRng(), self.sink, limits)
        self.now = 1000.0

    def client(self, keys: KeyPair | None = None, confirm: bool = True) -> Client:
        c = Client(self, keys)
        if confirm:
            c.send(T.ping(b"\x01" * 8))  # the first frame confirms, and is handled as well
            assert c.recv() == [T.pong(b"\x01" * 8)]
        return c


def _linked(relay: Relay) -> tuple[Client, Client]:
    a, b = relay.client(), relay.client()
    a.send(T.routing_request(b.keys.public))
    assert a.recv() == [T.routing_response(16, b.keys.public)]
    b.send(T.routing_request(a.keys.public))
    assert b.recv() == [T.routing_response(16, a.keys.public), T.connect_notification(16)]
    assert a.recv() == [T.connect_notification(16)]
    return a, b


def test_routing_links_two_clients_and_rewrites_ids() -> None:
    relay = Relay()
    a, b = relay.client(), relay.client()
    c = relay.client()
    a.send(T.routing_request(c.keys.public))  # a's slot 16 -> c, never answered by c
    a.send(T.routing_request(b.keys.public))
    assert a.recv() == [T.routing_response(16, c.keys.public), T.routing_response(17, b.keys.public)]
    a.send(T.routed(17, b"not yet"))  # registered, peer not online: dropped, connection kept
    b.send(T.routing_request(a.keys.public))
    assert b.recv() == [T.routing_response(16, a.keys.public), T.connect_notification(16)]
    assert a.recv() == [T.connect_notification(17)]
    a.send(T.routed(17, b"\x1b hello"))
    assert b.recv() == [T.routed(16, b"\x1b hello")]
    b.send(T.routed(16, b"back"))
    assert a.recv() == [T.routed(17, b"back")]
    # asking again returns the same slot, without a new notification
    a.send(T.routing_request(b.keys.public))
    assert a.recv() == [T.routing_response(17, b.keys.public)]
    # routing to oneself is refused with id 0
    a.send(T.routing_request(a.keys.public))
    assert a.recv() == [T.routing_response(0, a.keys.public)]
    assert relay.server.status() == {"connections": 3, "clients": 3, "links": 1}
    assert not (a.closed or b.closed or c.closed)


def test_disconnects_reach_the_other_side() -> None:
    relay = Relay()
    a, b = _linked(relay)
    a.send(T.disconnect_notification(16))
    assert b.recv() == [T.disconnect_notification(16)]
    b.send(T.routed(16, b"dropped"))  # b's slot is registered again: dropped, b stays
    assert not b.closed and a.recv() == []
    # a routes again: online again
    a.send(T.routing_request(b.keys.public))
    assert a.recv() == [T.routing_response(16, b.keys.public), T.connect_notification(16)]
    assert b.recv() == [T.connect_notification(16)]
    # a's socket goes away: b is told
    relay.server.closed(a.number)
    assert b.recv() == [T.disconnect_notification(16)]
    assert relay.server.status()["clients"] == 1


def test_oob_goes_only_to_clients_connected_here() -> None:
    relay = Relay()
    a, b = relay.client(), relay.client()
    a.send(T.oob_send(b.keys.public, b"\x18cookie request"))
    assert b.recv() == [T.oob_recv(a.keys.public, b"\x18cookie request")]
    a.send(T.oob_send(os.urandom(32), b"nobody"))
    assert relay.server.counters["oob: destination not here"] == 1
    a.send(bytes([Tcp.OOB_SEND]) + b.keys.public + bytes(T.MAX_OOB_DATA + 1))
    assert a.closed and not b.closed


@pytest.mark.parametrize("payload", [
    T.routed(16, b"x"),  # a slot never asked for
    T.disconnect_notification(16),
    T.disconnect_notification(3),
    T.pong(bytes(8)),
    T.onion_response(b"\x84" + bytes(40)),
    bytes([Tcp.FORWARDING]) + b"x",
    bytes([12]),
    bytes([Tcp.ROUTING_REQUEST]) + bytes(31),
    bytes([Tcp.PING]) + bytes(7),
    bytes([Tcp.ONION_REQUEST]) + bytes(150),
])
def test_what_closes_a_connection(payload: bytes) -> None:
    relay = Relay()
    a, b = relay.client(), relay.client()
    a.send(payload)
    assert a.closed and not b.closed
    assert relay.server.connections == 1


def test_a_frame_that_does_not_decrypt_closes_only_that_connection() -> None:
    relay = Relay()
    a, b = _linked(relay)
    relay.server.receive(a.number, b"\x00\x30" + os.urandom(0x30), relay.now)
    assert a.closed
    assert b.recv() == [T.disconnect_notification(16)]


def test_a_newer_connection_with_the_same_key_replaces_the_older() -> None:
    relay = Relay()
    a, b = _linked(relay)
    a2 = relay.client(keys=a.keys)
    assert a.closed and not a2.closed
    assert b.recv() == [T.disconnect_notification(16)]


def test_handshake_deadline_and_pings() -> None:
    relay = Relay()
    assert relay.server.accept(999, ("127.0.0.1", 1), relay.now)
    unconfirmed = relay.client(confirm=False)
    a = relay.client()
    relay.now += T.HANDSHAKE_TIMEOUT
    relay.server.tick(relay.now)
    assert 999 in relay.sink.closed and unconfirmed.closed and not a.closed  # 999 never said a word
    relay.now += T.PING_INTERVAL - T.HANDSHAKE_TIMEOUT
    relay.server.tick(relay.now)
    (p,) = a.recv()
    assert p[0] == Tcp.PING and p[1:] != bytes(8)
    a.send(T.pong(p[1:]))
    relay.now += T.PING_TIMEOUT + 1
    relay.server.tick(relay.now)
    assert not a.closed  # answered
    relay.now += T.PING_INTERVAL
    relay.server.tick(relay.now)
    assert a.recv()[0][0] == Tcp.PING  # not answered this time
    relay.now += T.PING_TIMEOUT
    relay.server.tick(relay.now)
    assert a.closed


def test_onion_requests_go_to_the_node_and_replies_back_to_the_client() -> None:
    relay = Relay()
    a = relay.client()
    request = os.urandom(T.ONION_REQUEST_MIN - 1)
    a.send(T.onion_request(request))
    ((got, who, source),) = relay.sink.onion
    assert got == request and who.number == a.number and source == ("127.0.0.1", 40000 + a.number)
    relay.server.onion_reply(who, b"\x84reply")
    assert a.recv() == [T.onion_response(b"\x84reply")]
    relay.server.onion_reply(who, b"\x83not a reply")
    relay.server.onion_reply(TcpClient(who.number, who.ident ^ 1), b"\x84stale")
    assert a.recv() == []
    relay.sink.refuse_onion = True
    a.send(T.onion_request(request))  # the node refuses: counted, the client stays
    assert not a.closed and relay.server.counters["onion request: refused"] == 1


def test_connection_cap_and_slow_readers() -> None:
    relay = Relay(RelayLimits(max_connections=3, soft_backlog=1000, hard_backlog=5000))
    a, b = _linked(relay)
    assert relay.server.accept(4241, ("127.0.0.1", 9), relay.now)  # a half-open one, the third
    c = relay.client()  # at the cap: the half-open one makes room
    assert 4241 in relay.sink.closed and relay.server.counters["closed: evicted while half-open"] == 1
    assert not relay.server.accept(4242, ("127.0.0.1", 9), relay.now)  # three clients: refused
    relay.sink.backlogs[b.number] = 2000  # b reads slowly: data to it is dropped ...
    a.send(T.routed(16, b"data"))
    assert b.recv() == [] and relay.server.counters["dropped: backlog"] == 1
    b.send(T.ping(b"\x02" * 8))  # ... but control frames still go
    assert b.recv() == [T.pong(b"\x02" * 8)]
    relay.sink.backlogs[b.number] = 6000  # past the hard limit: b is closed
    a.send(T.routed(16, b"data"))
    assert b.closed and not a.closed and not c.closed
    assert a.recv() == [T.disconnect_notification(16)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.binary(min_size=1, max_size=300), max_size=8), st.booleans())
def test_garbage_never_escapes_the_server(chunks: list[bytes], encrypted: bool) -> None:
    relay = Relay()
    a, b = _linked(relay)
    for chunk in chunks:
        if encrypted and a.stream is not None and not a.closed:
            a.send(chunk[:T.MAX_PAYLOAD])
        else:
            relay.server.receive(a.number, chunk, relay.now)
    assert not b.closed  # whatever a sends, b stays
    relay.server.tick(relay.now + 1)
    assert relay.server.connections == (1 if a.closed else 2)
    if a.closed:
        assert relay.server.status()["links"] == 0
