"""The TCP relay wire protocol (c-toxcore TCP_common/TCP_client/TCP_server 0.2.18): the handshake,
the encrypted frame stream and the payloads carried in frames.  Pure functions and two small
stateful codecs; the relay server (server.py) and client sit on top.

Handshake (both sides log in with their *DHT* keys)::

    client -> relay  128  client pk | n1 | box(client sk, relay pk, n1)[client temp pk | Nc]
    relay -> client   96  n2 | box(relay sk, client pk, n2)[relay temp pk | Nr]

Then K = beforenm(peer temp pk, own temp sk) and a stream of frames
``u16 BE length | box_afternm(K, nonce)[payload]``, length = payload + 16, at most 2048.  Each side
encrypts with the base nonce it sent and decrypts with the one it received, each counter going
up by one per frame.  A zero length is skipped; a longer one, or a frame that does not open,
ends the connection (the nonce stream is lost).
"""

from __future__ import annotations

import struct
from enum import IntEnum

from toxgui.core.crypto import KeyPair, Rng, decrypt, encrypt, nonce_add, precompute
from toxgui.core.errors import ProtocolError
from toxgui.core.record import record
from toxgui.core.wire import MAC_SIZE, NONCE_SIZE, PUBLIC_KEY_SIZE

HANDSHAKE_PLAIN_SIZE = PUBLIC_KEY_SIZE + NONCE_SIZE  # 56
SERVER_HANDSHAKE_SIZE = NONCE_SIZE + HANDSHAKE_PLAIN_SIZE + MAC_SIZE  # 96
CLIENT_HANDSHAKE_SIZE = PUBLIC_KEY_SIZE + SERVER_HANDSHAKE_SIZE  # 128
MAX_PACKET_SIZE = 2048  # the encrypted part of a frame
MAX_PAYLOAD = MAX_PACKET_SIZE - MAC_SIZE
MAX_OOB_DATA = 1024
FIRST_CONNECTION_ID = 16
NUM_CLIENT_CONNECTIONS = 256 - FIRST_CONNECTION_ID
ONION_REQUEST_MIN = 160  # a whole onion-request payload (id included) must be longer than 159
PING_INTERVAL = 30.0  # TCP_PING_FREQUENCY
PING_TIMEOUT = 10.0  # TCP_PING_TIMEOUT
HANDSHAKE_TIMEOUT = 10.0  # TCP_CONNECTION_TIMEOUT


class Tcp(IntEnum):
    ROUTING_REQUEST = 0
    ROUTING_RESPONSE = 1
    CONNECT_NOTIFICATION = 2
    DISCONNECT_NOTIFICATION = 3
    PING = 4
    PONG = 5
    OOB_SEND = 6
    OOB_RECV = 7
    ONION_REQUEST = 8
    ONION_RESPONSE = 9
    FORWARD_REQUEST = 10
    FORWARDING = 11


# Frames the relay queues even when the socket is backed up (c-toxcore's "priority" writes).
PRIORITY = frozenset({Tcp.ROUTING_REQUEST, Tcp.ROUTING_RESPONSE, Tcp.CONNECT_NOTIFICATION,
                      Tcp.DISCONNECT_NOTIFICATION, Tcp.PING, Tcp.PONG})


# --- handshake --------------------------------------------------------------------------------


@record(frozen=True, slots=True)
class ClientHello:
    """What a relay learns from a client's 128 bytes."""

    client_pk: bytes
    temp_pk: bytes
    base_nonce: bytes  # Nc: the client encrypts with it, the relay decrypts with it


def client_handshake(dht: KeyPair, relay_pk: bytes, temp: KeyPair, base_nonce: bytes, nonce: bytes) -> bytes:
    """The client's 128-byte opening."""
    return dht.public + nonce + encrypt(precompute(relay_pk, dht.secret), nonce, temp.public + base_nonce)


def open_client_handshake(data: bytes, relay: KeyPair) -> ClientHello:
    if len(data) != CLIENT_HANDSHAKE_SIZE:
        raise ProtocolError("client handshake of a wrong size", code="tcp handshake size")
    client_pk = data[:PUBLIC_KEY_SIZE]
    plain = decrypt(precompute(client_pk, relay.secret), data[PUBLIC_KEY_SIZE:PUBLIC_KEY_SIZE + NONCE_SIZE],
                    data[PUBLIC_KEY_SIZE + NONCE_SIZE:])
    return ClientHello(client_pk, plain[:PUBLIC_KEY_SIZE], plain[PUBLIC_KEY_SIZE:])


def server_handshake(relay: KeyPair, client_pk: bytes, temp: KeyPair, base_nonce: bytes, nonce: bytes) -> bytes:
    """The relay's 96-byte answer."""
    return nonce + encrypt(precompute(client_pk, relay.secret), nonce, temp.public + base_nonce)


def open_server_handshake(data: bytes, dht: KeyPair, relay_pk: bytes) -> tuple[bytes, bytes]:
    """(relay temp pk, Nr) from the relay's 96 bytes."""
    if len(data) != SERVER_HANDSHAKE_SIZE:
        raise ProtocolError("relay handshake of a wrong size", code="tcp handshake size")
    plain = decrypt(precompute(relay_pk, dht.secret), data[:NONCE_SIZE], data[NONCE_SIZE:])
    return plain[:PUBLIC_KEY_SIZE], plain[PUBLIC_KEY_SIZE:]


def new_temp(rng: Rng) -> tuple[KeyPair, bytes]:
    """A fresh temporary key pair and base nonce for one side of one connection."""
    return KeyPair.generate(rng), rng.bytes(NONCE_SIZE)


# --- frames -----------------------------------------------------------------------------------


class SecureStream:
    """One connection's frame codec after the handshake: `seal` payloads in order, `feed`
    received bytes and take the payloads out.  Any frame that cannot be read raises
    ProtocolError; the connection is then beyond repair and must be closed."""

    __slots__ = ("_buf", "_key", "_recv_nonce", "_send_nonce")

    def __init__(self, shared_key: bytes, send_nonce: bytes, recv_nonce: bytes) -> None:
        self._key = shared_key
        self._send_nonce = send_nonce
        self._recv_nonce = recv_nonce
        self._buf = bytearray()

    def seal(self, payload: bytes) -> bytes:
        if not 0 < len(payload) <= MAX_PAYLOAD:
            raise ValueError(f"a TCP frame carries 1..{MAX_PAYLOAD} bytes, not {len(payload)}")
        box = encrypt(self._key, self._send_nonce, payload)
        self._send_nonce = nonce_add(self._send_nonce)
        return struct.pack(">H", len(box)) + box

    def feed(self, data: bytes) -> list[bytes]:
        """Every whole payload in what has arrived so far (the rest is kept, at most one frame)."""
        buf = self._buf
        buf += data
        out: list[bytes] = []
        pos = 0
        while len(buf) - pos >= 2:
            n = (buf[pos] << 8) | buf[pos + 1]
            if n == 0:
                pos += 2
                continue
            if n > MAX_PACKET_SIZE:
                raise ProtocolError("TCP frame too long", code="tcp frame too long")
            if n <= MAC_SIZE:
                raise ProtocolError("TCP frame too short", code="tcp frame too short")
            if len(buf) - pos < 2 + n:
                break
            box = bytes(buf[pos + 2:pos + 2 + n])
            pos += 2 + n
            out.append(decrypt(self._key, self._recv_nonce, box))
            self._recv_nonce = nonce_add(self._recv_nonce)
        del buf[:pos]
        return out


# --- payloads ---------------------------------------------------------------------------------


def routing_request(peer_pk: bytes) -> bytes:
    return bytes([Tcp.ROUTING_REQUEST]) + peer_pk


def routing_response(connection_id: int, peer_pk: bytes) -> bytes:
    return bytes([Tcp.ROUTING_RESPONSE, connection_id]) + peer_pk


def connect_notification(connection_id: int) -> bytes:
    return bytes([Tcp.CONNECT_NOTIFICATION, connection_id])


def disconnect_notification(connection_id: int) -> bytes:
    return bytes([Tcp.DISCONNECT_NOTIFICATION, connection_id])


def ping(ping_id: bytes) -> bytes:
    return bytes([Tcp.PING]) + ping_id


def pong(ping_id: bytes) -> bytes:
    return bytes([Tcp.PONG]) + ping_id


def oob_send(dest_pk: bytes, data: bytes) -> bytes:
    if not 0 < len(data) <= MAX_OOB_DATA:
        raise ValueError(f"OOB data of {len(data)} bytes")
    return bytes([Tcp.OOB_SEND]) + dest_pk + data


def oob_recv(sender_pk: bytes, data: bytes) -> bytes:
    return bytes([Tcp.OOB_RECV]) + sender_pk + data


def onion_request(request: bytes) -> bytes:
    return bytes([Tcp.ONION_REQUEST]) + request


def onion_response(reply: bytes) -> bytes:
    return bytes([Tcp.ONION_RESPONSE]) + reply


def routed(connection_id: int, data: bytes) -> bytes:
    if not FIRST_CONNECTION_ID <= connection_id <= 255:
        raise ValueError(f"connection id {connection_id}")
    return bytes([connection_id]) + data
