"""Keyed fuzz targets: decoders that need keys or a window, wrapped with fixed test keys and
registered beside the plain decoders, so the fuzz tests throw junk at them too.  Test-only: none
of this is in the production modules."""

from __future__ import annotations

import importlib
import pkgutil

import toxgui.core.packets as packets_pkg
from toxgui.core.crypto import KeyPair, sha256
from toxgui.core.packets import dhtpk as _dhtpk
from toxgui.core.packets import net_crypto as _nc
from toxgui.core.packets import onion as _onion
from toxgui.core.packets._registry import DECODERS, decoder
from toxgui.core.wire import NONCE_SIZE, Addr


def fixed_keypair(label: str) -> KeyPair:
    """A deterministic keypair for the fuzz wrappers (never used on the network)."""
    return KeyPair.from_secret(sha256(b"toxgui fixed fuzz key: " + label.encode()))


def fixed_key(label: str) -> bytes:
    """A deterministic 32-byte symmetric key for the fuzz wrappers."""
    return sha256(b"toxgui fixed fuzz symmetric key: " + label.encode())


# --- onion -------------------------------------------------------------------------------------

# Fixed keys for the keyed wrappers below (the fuzz test builds valid inputs with them).
FUZZ_RELAY_DHT = fixed_keypair("onion relay dht")
FUZZ_RETURN_KEY = fixed_key("onion relay return")
FUZZ_SENDER = fixed_keypair("onion sender")
FUZZ_NODE = fixed_keypair("onion node D")
FUZZ_DATA = fixed_keypair("onion receiver data")
FUZZ_REAL = fixed_keypair("onion receiver real")
_FUZZ_SOURCE: Addr = ("127.0.0.1", 33445)
_FUZZ_NONCE = bytes(NONCE_SIZE)


@decoder("onion.relay_request_0[fixed keys]")
def _fuzz_relay_0(data: bytes) -> object:
    packet = _onion.OnionRequest0.decode(data)
    return _onion.relay_request_0(packet, FUZZ_RELAY_DHT, FUZZ_RETURN_KEY, _FUZZ_SOURCE, _FUZZ_NONCE)


@decoder("onion.relay_request_1[fixed keys]")
def _fuzz_relay_1(data: bytes) -> object:
    packet = _onion.OnionRequest1.decode(data)
    return _onion.relay_request_1(packet, FUZZ_RELAY_DHT, FUZZ_RETURN_KEY, _FUZZ_SOURCE, _FUZZ_NONCE)


@decoder("onion.relay_request_2[fixed keys]")
def _fuzz_relay_2(data: bytes) -> object:
    packet = _onion.OnionRequest2.decode(data)
    return _onion.relay_request_2(packet, FUZZ_RELAY_DHT, FUZZ_RETURN_KEY, _FUZZ_SOURCE, _FUZZ_NONCE)


@decoder("onion.relay_response_3[fixed keys]")
def _fuzz_relay_r3(data: bytes) -> object:
    return _onion.relay_response_3(_onion.OnionResponse3.decode(data), FUZZ_RETURN_KEY)


@decoder("onion.relay_response_2[fixed keys]")
def _fuzz_relay_r2(data: bytes) -> object:
    return _onion.relay_response_2(_onion.OnionResponse2.decode(data), FUZZ_RETURN_KEY)


@decoder("onion.relay_response_1[fixed keys]")
def _fuzz_relay_r1(data: bytes) -> object:
    return _onion.relay_response_1(_onion.OnionResponse1.decode(data), FUZZ_RETURN_KEY)


@decoder("onion.open_announce_request[fixed keys]")
def _fuzz_open_announce_request(data: bytes) -> object:
    return _onion.open_announce_request(_onion.AnnounceRequest.decode(data), FUZZ_NODE)


@decoder("onion.open_announce_response[fixed keys]")
def _fuzz_open_announce_response(data: bytes) -> object:
    return _onion.open_announce_response(_onion.AnnounceResponse.decode(data), FUZZ_SENDER, FUZZ_NODE.public)


@decoder("onion.open_data_response[fixed keys]")
def _fuzz_open_data_response(data: bytes) -> object:
    return _onion.open_onion_data_response(_onion.OnionDataResponse.decode(data), FUZZ_DATA, FUZZ_REAL)

# --- net_crypto --------------------------------------------------------------------------------

FUZZ_OUR_DHT = fixed_keypair("net_crypto our dht")
FUZZ_PEER_DHT = fixed_keypair("net_crypto peer dht")
FUZZ_OUR_REAL = fixed_keypair("net_crypto our real")
FUZZ_PEER_REAL = fixed_keypair("net_crypto peer real")
FUZZ_COOKIE_KEY = fixed_key("net_crypto cookie key")
FUZZ_SESSION_KEY = fixed_key("net_crypto session key")
FUZZ_NOW = 1_700_000_000.0
FUZZ_RECV_NONCE = bytes(NONCE_SIZE - 2) + b"\xff\xf0"
FUZZ_WINDOW = ((1 << 32) - 150, 250)  # a 400-slot window that wraps


@decoder("net_crypto.request[window]")
def _fuzz_request(data: bytes) -> object:
    return _nc.decode_request(data, *FUZZ_WINDOW)


@decoder("net_crypto.open_cookie[fixed keys]")
def _fuzz_open_cookie(data: bytes) -> object:
    return _nc.open_cookie(FUZZ_COOKIE_KEY, data, FUZZ_NOW)


@decoder("net_crypto.answer_cookie_request[fixed keys]")
def _fuzz_answer_cookie_request(data: bytes) -> object:
    return _nc.answer_cookie_request(
        _nc.CookieRequest.decode(data), FUZZ_OUR_DHT, FUZZ_COOKIE_KEY, FUZZ_NOW, bytes(24), bytes(24)
    )


@decoder("net_crypto.open_cookie_response[fixed keys]")
def _fuzz_open_cookie_response(data: bytes) -> object:
    return _nc.open_cookie_response(_nc.CookieResponse.decode(data), FUZZ_OUR_DHT, FUZZ_PEER_DHT.public)


@decoder("net_crypto.open_handshake[fixed keys]")
def _fuzz_open_handshake(data: bytes) -> object:
    return _nc.open_handshake(_nc.Handshake.decode(data), FUZZ_OUR_REAL, FUZZ_COOKIE_KEY, FUZZ_NOW)


@decoder("net_crypto.open_crypto_data[fixed keys]")
def _fuzz_open_crypto_data(data: bytes) -> object:
    return _nc.open_crypto_data(_nc.CryptoData.decode(data), FUZZ_SESSION_KEY, FUZZ_RECV_NONCE)

# --- dhtpk -------------------------------------------------------------------------------------

FUZZ_DHTPK_RECEIVER = fixed_keypair("dhtpk receiver")
FUZZ_DHTPK_SENDER = fixed_keypair("dhtpk sender")


@decoder("dhtpk.open_dht_data[fixed keys]")
def _fuzz_open_dht_dhtpk(data: bytes) -> object:
    return _dhtpk.open_dht_dhtpk(data, FUZZ_DHTPK_RECEIVER)


def all_decoders() -> dict[str, object]:
    """Every registered decoder: each packet module and profile format registers its own on
    import, and this module adds the keyed wrappers above."""
    for m in pkgutil.iter_modules(packets_pkg.__path__):
        if not m.name.startswith("_"):
            importlib.import_module(f"{packets_pkg.__name__}.{m.name}")
    importlib.import_module("toxgui.core.savedata")
    importlib.import_module("toxgui.core.encryptsave")
    return dict(DECODERS)
