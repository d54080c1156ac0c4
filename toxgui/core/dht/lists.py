"""The DHT's node lists: the close list (128 buckets x 8) and the search lists (8 per key).

Each node entry (`Client`) tracks its IPv4 and IPv6 addresses separately, each with the time it
was last heard from (a verified reply or request), the time we last sent it a get-nodes, and
the address it last reported for the list's key ("ret" address, used for hole punching and for
routing DHT requests towards a friend).

Distances are XOR distances between keys taken as 256-bit big-endian integers; a smaller
integer is closer, which is the order c-toxcore's byte-wise `id_closest` gives.
"""

from __future__ import annotations

from dataclasses import field

from toxgui.core.dht.constants import (
    BAD_NODE_TIMEOUT,
    KILL_NODE_TIMEOUT,
    LCLIENT_LENGTH,
    LCLIENT_NODES,
    MAX_FRIEND_CLIENTS,
)
from toxgui.core.record import record
from toxgui.core.wire import Addr, is_ipv6, is_lan

NEVER = float("-inf")


def key_int(key: bytes) -> int:
    return int.from_bytes(key, "big")


def bucket_index(self_key: bytes, key: bytes) -> int:
    """Position of the first bit where `key` differs from `self_key`, capped at 127."""
    x = key_int(self_key) ^ key_int(key)
    return min(256 - x.bit_length(), LCLIENT_LENGTH - 1)


def timed_out(stamp: float, timeout: float, now: float) -> bool:
    """c-toxcore's mono_time_is_timeout: `stamp + timeout <= now`."""
    return stamp + timeout <= now


@record(slots=True)
class Assoc:
    """One address family of a node."""

    addr: Addr | None = None
    timestamp: float = NEVER  # last heard from (verified)
    last_pinged: float = NEVER  # last get-nodes we sent it for this list
    ret_addr: Addr | None = None  # address it reported for the list's key
    ret_timestamp: float = NEVER
    ret_self: bool = False

    def good(self, now: float) -> bool:
        return self.addr is not None and not timed_out(self.timestamp, BAD_NODE_TIMEOUT, now)

    def alive(self, now: float) -> bool:
        """Not yet past the kill timeout: still gets a get-nodes every PING_INTERVAL."""
        return self.addr is not None and not timed_out(self.timestamp, KILL_NODE_TIMEOUT, now)

    def reported(self, now: float) -> bool:
        return self.ret_addr is not None and not timed_out(self.ret_timestamp, BAD_NODE_TIMEOUT, now)

    def reset(self) -> None:
        self.addr = None
        self.timestamp = NEVER
        self.last_pinged = NEVER
        self.clear_ret()

    def clear_ret(self) -> None:
        self.ret_addr = None
        self.ret_timestamp = NEVER
        self.ret_self = False


@record(slots=True)
class Client:
    """A node held in one list."""

    public_key: bytes
    kint: int
    v4: Assoc = field(default_factory=Assoc)
    v6: Assoc = field(default_factory=Assoc)

    @classmethod
    def new(cls, public_key: bytes) -> Client:
        return cls(public_key, key_int(public_key))

    def assoc(self, addr: Addr) -> Assoc:
        return self.v6 if is_ipv6(addr[0]) else self.v4

    def other(self, addr: Addr) -> Assoc:
        return self.v4 if is_ipv6(addr[0]) else self.v6

    def bad(self, now: float) -> bool:
        return not self.v4.good(now) and not self.v6.good(now)

    def good(self, now: float) -> bool:
        return self.v4.good(now) or self.v6.good(now)

    def alive(self, now: float) -> bool:
        return self.v4.alive(now) or self.v6.alive(now)

    def newest(self) -> Assoc:
        """The family heard from most recently (IPv4 on a tie), as get_close_nodes picks it."""
        return self.v4 if self.v4.timestamp >= self.v6.timestamp else self.v6

    def set_key(self, public_key: bytes) -> None:
        self.public_key = public_key
        self.kint = key_int(public_key)

    def update(self, addr: Addr, now: float) -> None:
        """Heard from `addr`: refresh that family (c-toxcore update_client).

        A LAN address does not replace a non-LAN one that is still good.  (c-toxcore 0.2.18 also
        refuses when the old slot is empty, which strands restarted peers; we do not copy that.)
        """
        a = self.assoc(addr)
        if a.addr is not None and a.addr != addr and a.good(now) and not is_lan(a.addr[0]) and is_lan(addr[0]):
            return
        a.addr = addr
        a.timestamp = now

    def reset_to(self, public_key: bytes, addr: Addr, now: float) -> None:
        """Take over this slot for a new node (c-toxcore update_client_with_reset)."""
        self.set_key(public_key)
        a = self.assoc(addr)
        a.reset()
        a.addr = addr
        a.timestamp = now
        self.other(addr).reset()


def _closer(base: int, a: int, b: int) -> bool:
    """Is key a strictly closer to base than key b?"""
    return (a ^ base) < (b ^ base)


class CloseList:
    """128 buckets of 8 nodes around our own DHT key; good nodes are never evicted."""

    def __init__(self, self_key: bytes) -> None:
        self.self_key = self_key
        self.self_int = key_int(self_key)
        self.buckets: list[list[Client]] = [[] for _ in range(LCLIENT_LENGTH)]
        self.by_key: dict[bytes, Client] = {}

    def index(self, key: bytes) -> int:
        return min(256 - (self.self_int ^ key_int(key)).bit_length(), LCLIENT_LENGTH - 1)

    def clients(self) -> list[Client]:
        return list(self.by_key.values())

    def get(self, key: bytes) -> Client | None:
        return self.by_key.get(key)

    def find_addr(self, addr: Addr) -> Client | None:
        v6 = is_ipv6(addr[0])
        for c in self.by_key.values():
            if (c.v6 if v6 else c.v4).addr == addr:
                return c
        return None

    def addable(self, key: bytes, now: float) -> bool:
        """Would `key` find a slot (a free or bad one) in its bucket?"""
        bucket = self.buckets[self.index(key)]
        if len(bucket) < LCLIENT_NODES:
            return True
        return any(c.bad(now) for c in bucket)

    def add(self, key: bytes, addr: Addr, now: float) -> bool:
        """Put a new node into a free or bad slot of its bucket (c-toxcore add_to_close)."""
        if key == self.self_key or key in self.by_key:
            return False
        bucket = self.buckets[self.index(key)]
        if len(bucket) < LCLIENT_NODES:
            c = Client.new(key)
            bucket.append(c)
        else:
            for c in bucket:
                if c.bad(now):
                    del self.by_key[c.public_key]
                    break
            else:
                return False
        c.reset_to(key, addr, now)
        self.by_key[key] = c
        return True

    def remove(self, key: bytes) -> None:
        c = self.by_key.pop(key, None)
        if c is not None:
            self.buckets[self.index(key)].remove(c)

    def seen(self, key: bytes, addr: Addr, now: float) -> bool:
        """c-toxcore client_or_ip_port_in_list: refresh a known key, or re-key a known address.

        A known address with a new key means that node restarted: the old entry is dropped and the
        new key gets a slot of its own bucket if one is free or bad.
        """
        c = self.by_key.get(key)
        if c is not None:
            c.update(addr, now)
            return True
        old = self.find_addr(addr)
        if old is None:
            return False
        self.remove(old.public_key)
        self.add(key, addr, now)
        return True

    def good_in_list(self, key: bytes, addr: Addr, now: float) -> bool:
        """ping.c in_list: the key is here with this exact address, heard from within 122 s."""
        c = self.by_key.get(key)
        if c is None:
            return False
        a = c.assoc(addr)
        return a.addr == addr and a.good(now)

    def __len__(self) -> int:
        return len(self.by_key)


class SearchList:
    """Up to 8 nodes closest to a searched key (a friend's DHT key or a random fake key).

    Kept sorted bad-first, then farthest-first, so slot 0 is the one to replace.
    """

    def __init__(self, key: bytes, fake: bool = False) -> None:
        self.key = key
        self.kint = key_int(key)
        self.fake = fake
        self.clients: list[Client] = []
        self.last_get_node = NEVER
        self.bootstrap_times = 0
        self.to_bootstrap: list[tuple[bytes, Addr]] = []
        self.locks = 1
        self.nat = NatState()

    def get(self, key: bytes) -> Client | None:
        for c in self.clients:
            if c.public_key == key:
                return c
        return None

    def sort(self, now: float) -> None:
        base = self.kint
        self.clients.sort(key=lambda c: (c.good(now), -(c.kint ^ base)))

    def store_ok(self, key: bytes, now: float) -> bool:
        """Would `key` get a slot (a free one, a bad one, or one farther from the searched key)?"""
        if len(self.clients) < MAX_FRIEND_CLIENTS:
            return True
        kint = key_int(key)
        return any(c.bad(now) or _closer(self.kint, kint, c.kint) for c in self.clients[:2])

    def seen(self, key: bytes, addr: Addr, now: float) -> bool:
        c = self.get(key)
        if c is not None:
            c.update(addr, now)
            return True
        v6 = is_ipv6(addr[0])
        for c in self.clients:
            if (c.v6 if v6 else c.v4).addr == addr:
                c.reset_to(key, addr, now)
                return True
        return False

    def replace(self, key: bytes, addr: Addr, now: float) -> bool:
        """c-toxcore replace_all: take a free slot, else slot 0 if it is bad or farther."""
        if len(self.clients) < MAX_FRIEND_CLIENTS:
            c = Client.new(key)
            c.reset_to(key, addr, now)
            self.clients.append(c)
            self.sort(now)
            return True
        self.sort(now)
        worst = self.clients[0]
        if not (worst.bad(now) or _closer(self.kint, key_int(key), worst.kint)):
            return False
        worst.reset_to(key, addr, now)
        self.sort(now)
        return True


@record(slots=True)
class NatState:
    """Hole-punching state of one searched key (c-toxcore NAT struct)."""

    hole_punching: bool = False
    ping_id: bytes = b""
    nat_ping_timestamp: float = NEVER
    recv_nat_ping_timestamp: float = NEVER
    punching_timestamp: float = NEVER
    punching_index: int = 0
    punching_index2: int = 0
    tries: int = 0
