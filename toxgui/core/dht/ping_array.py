"""Outstanding ping ids (c-toxcore ping_array.c semantics).

Each id is 8 random bytes handed out for one (public key, address) and accepted once, within
PING_TIMEOUT seconds, from exactly that key and address.  The array holds at most `size`
entries; a new one evicts the oldest.
"""

from __future__ import annotations

from collections import OrderedDict

from toxgui.core.crypto import Rng
from toxgui.core.dht.constants import PING_ARRAY_SIZE, PING_TIMEOUT
from toxgui.core.wire import Addr

_ZERO_ID = bytes(8)


class PingArray:
    def __init__(self, size: int = PING_ARRAY_SIZE, timeout: float = PING_TIMEOUT) -> None:
        self.size = size
        self.timeout = timeout
        self._entries: OrderedDict[bytes, tuple[float, bytes, Addr]] = OrderedDict()

    def add(self, now: float, rng: Rng, public_key: bytes, addr: Addr) -> bytes:
        while True:
            ping_id = rng.bytes(8)
            if ping_id != _ZERO_ID and ping_id not in self._entries:
                break
        self._entries[ping_id] = (now, public_key, addr)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)
        return ping_id

    def check(self, now: float, ping_id: bytes, public_key: bytes, addr: Addr) -> str | None:
        """Consume `ping_id` if it was issued to exactly this key and address within the window.

        Returns None on success, else the reason it was refused.
        """
        entry = self._entries.get(ping_id)
        if entry is None:
            return "unknown or used ping_id"
        sent, pk, to = entry
        if sent + self.timeout <= now:
            del self._entries[ping_id]
            return "expired ping_id"
        if pk != public_key:
            return "ping_id issued to another key"
        if to != addr:
            return "ping_id issued to another address"
        del self._entries[ping_id]
        return None

    def __len__(self) -> int:
        return len(self._entries)
