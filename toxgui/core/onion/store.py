"""The announce store: answering announce requests (0x83) and data requests (0x85) for others.

This is node D's side of the onion (c-toxcore onion_announce.c), so a network made only of
toxgui nodes can announce and find each other.

* ping_id = HMAC-SHA-512-256(our secret, u64(window) | sender pk | IPP(source)), window =
  time // 300.  We hand out the id of the next window and accept the current and the next, so
  an id lives 300-600 s and is bound to the announcer's key and to its path's third node.
* An announcement is stored when its ping_id is valid: (sender pk -> data pk, RET3, C's
  address) for 300 s.  At most 160 entries; when full, the entries closest to our DHT key win.
* A search (unknown sender key) for a stored key is answered is_stored = 1 with the stored data
  pk; the announcer itself gets is_stored = 2 while its data pk matches.
* A 0x85 for a stored key goes back along the announcer's return path as ``0x8c | RET3 | 0x86...``.
* Whoever listens on `on_announced` hears of each new announcement (a key not stored here before,
  or with a new data pk): our own client searches at once when it is a friend's.
"""

from __future__ import annotations

from collections.abc import Callable

from toxgui.core.context import NodeContext
from toxgui.core.crypto import hmac_sha512_256
from toxgui.core.onion.constants import PING_ID_WINDOW, STORE_ENTRIES, STORE_ENTRY_TIMEOUT
from toxgui.core.packets import onion as P
from toxgui.core.record import record
from toxgui.core.wire import NONCE_SIZE, SYMMETRIC_KEY_SIZE, Addr, PackedNode, encode_ipport, is_lan, u64


def distance(a: bytes, b: bytes) -> int:
    return int.from_bytes(bytes(x ^ y for x, y in zip(a, b, strict=True)), "big")


@record
class StoreEntry:
    public_key: bytes
    data_pk: bytes
    ret: bytes
    ret_addr: Addr
    stored_at: float


ClosestNodes = Callable[[bytes, int], list[PackedNode]]


class AnnounceStore:
    def __init__(self, ctx: NodeContext, closest: ClosestNodes, capacity: int = STORE_ENTRIES) -> None:
        self.ctx = ctx
        self.closest = closest
        self.capacity = capacity
        self._secret = ctx.rng.bytes(SYMMETRIC_KEY_SIZE)
        self.entries: dict[bytes, StoreEntry] = {}
        self.answered = 0
        self.forwarded = 0
        self.announced_handlers: list[Callable[[bytes, float], None]] = []

    def on_announced(self, handler: Callable[[bytes, float], None]) -> None:
        """Call `handler(public_key, now)` when a key newly announces itself here."""
        self.announced_handlers.append(handler)

    # --- ping ids -------------------------------------------------------------------------------

    def ping_id(self, window: int, sender_pk: bytes, source: Addr) -> bytes:
        return hmac_sha512_256(self._secret, u64(window) + sender_pk + encode_ipport(source))

    def _windows(self, now: float) -> tuple[int, int]:
        w = int(now // PING_ID_WINDOW)
        return w, w + 1

    # --- entries --------------------------------------------------------------------------------

    def _expire(self, now: float) -> None:
        dead = [k for k, e in self.entries.items() if now - e.stored_at >= STORE_ENTRY_TIMEOUT]
        for k in dead:
            del self.entries[k]

    def lookup(self, pk: bytes, now: float) -> StoreEntry | None:
        e = self.entries.get(pk)
        if e is not None and now - e.stored_at >= STORE_ENTRY_TIMEOUT:
            del self.entries[pk]
            return None
        return e

    def _add(self, entry: StoreEntry, now: float) -> bool:
        if entry.public_key in self.entries:
            self.entries[entry.public_key] = entry
            return True
        self._expire(now)
        if len(self.entries) < self.capacity:
            self.entries[entry.public_key] = entry
            return True
        own = self.ctx.dht_keys.public
        far = max(self.entries.values(), key=lambda e: distance(own, e.public_key))
        if distance(own, entry.public_key) >= distance(own, far.public_key):
            return False
        del self.entries[far.public_key]
        self.entries[entry.public_key] = entry
        return True

    # --- handlers -------------------------------------------------------------------------------

    def handle_announce(self, data: bytes, addr: Addr, now: float) -> None:
        ctx = self.ctx
        req, ret3 = P.decode_relayed_announce(data)
        plain = P.open_announce_request(req, ctx.dht_keys, ctx.keys)
        w_now, w_next = self._windows(now)
        fresh = self.ping_id(w_next, req.sender_pk, addr)
        entry: StoreEntry | None = None
        if plain.ping_id in (self.ping_id(w_now, req.sender_pk, addr), fresh):
            e = StoreEntry(req.sender_pk, plain.data_pk, ret3, addr, now)
            old = self.entries.get(req.sender_pk)
            if self._add(e, now):
                entry = e
                if old is None or old.data_pk != e.data_pk:
                    for h in list(self.announced_handlers):
                        h(e.public_key, now)
        else:
            entry = self.lookup(plain.searched_pk, now)
        if entry is None:
            is_stored, key = P.IS_STORED_NO, fresh
        elif entry.public_key == req.sender_pk:
            is_stored = P.IS_STORED_SELF if entry.data_pk == plain.data_pk else P.IS_STORED_NO
            key = fresh
        else:
            is_stored, key = P.IS_STORED_OTHER, entry.data_pk
        lan_ok = is_lan(addr[0])
        nodes = [n for n in self.closest(plain.searched_pk, 8) if lan_ok or not is_lan(n.host)]
        nodes = [n for n in nodes if not n.tcp][: P.MAX_SENT_NODES]
        result = P.AnnounceResult(is_stored, key, tuple(nodes))
        resp = P.seal_announce_response(ctx.dht_keys, req.sender_pk, plain.sendback,
                                        ctx.rng.bytes(NONCE_SIZE), result, ctx.keys)
        self.answered += 1
        ctx.send(P.make_response(ret3, resp.encode()).encode(), addr)

    def handle_data_request(self, data: bytes, addr: Addr, now: float) -> None:
        payload, _ret3 = P.split_relayed(data)
        if len(payload) > P.MAX_DATA_REQUEST_SIZE:
            self.ctx.drop("0x85: too long")
            return
        req = P.OnionDataRequest.decode(payload)
        entry = self.lookup(req.dest_pk, now)
        if entry is None:
            self.ctx.stats.drop_reasons["0x85: destination not announced here"] += 1
            return
        self.forwarded += 1
        self.ctx.send(P.make_response(entry.ret, req.to_response()).encode(), entry.ret_addr)
