"""net_crypto: the encrypted, reliable session with one friend (c-toxcore 0.2.18 net_crypto.c)."""

from toxgui.core.net_crypto.layer import Hooks, NetCrypto, SessionError
from toxgui.core.net_crypto.session import CloseReason, ConnState, CryptoConnection, SessionChange

__all__ = ["CloseReason", "ConnState", "CryptoConnection", "Hooks", "NetCrypto", "SessionChange", "SessionError"]
