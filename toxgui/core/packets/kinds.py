"""The first byte of every UDP packet (c-toxcore 0.2.18 network.h, mainnet ids)."""

from enum import IntEnum


class PacketKind(IntEnum):
    PING_REQUEST = 0x00
    PING_RESPONSE = 0x01
    NODES_REQUEST = 0x02
    NODES_RESPONSE = 0x04
    COOKIE_REQUEST = 0x18
    COOKIE_RESPONSE = 0x19
    CRYPTO_HANDSHAKE = 0x1A
    CRYPTO_DATA = 0x1B
    CRYPTO = 0x20  # "DHT request", routed by DHT key
    LAN_DISCOVERY = 0x21
    ONION_SEND_INITIAL = 0x80
    ONION_SEND_1 = 0x81
    ONION_SEND_2 = 0x82
    ANNOUNCE_REQUEST = 0x83
    ANNOUNCE_RESPONSE = 0x84
    ONION_DATA_REQUEST = 0x85
    ONION_DATA_RESPONSE = 0x86
    ONION_RECV_3 = 0x8C
    ONION_RECV_2 = 0x8D
    ONION_RECV_1 = 0x8E
    BOOTSTRAP_INFO = 0xF0


class CryptoRequestId(IntEnum):
    """The request_id inside a DHT request (0x20) and the id inside onion data."""

    FRIEND_REQUEST = 0x20
    DHTPK = 0x9C
    NAT_PING = 0xFE
