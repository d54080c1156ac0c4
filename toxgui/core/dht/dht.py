"""The sans-I/O DHT layer, behaving like c-toxcore 0.2.18's DHT.c and ping.c.

What it does (protocol notes §3):

* keeps a close list (128 buckets x 8 around our DHT key) and search lists (8 nodes per searched
  key: two random fake keys that gather onion path nodes, plus one per key the upper layers add);
* answers every valid ping and get-nodes (the 4 closest good nodes to the searched key, LAN
  addresses only to LAN requesters), from the socket the request came in on;
* accepts ping and send-nodes replies only with a ping_id issued to exactly that key and address
  within 5 s, once; ignores zero-node replies; a TCP node invalidates a whole reply;
* every second (c-toxcore's do_dht tick): get-nodes to queued nodes, a get-nodes to every node
  of every list each 60 s, one to a random good node per list each 20 s (every tick for a list's
  first 5 ticks), the to-ping batch every 2 s, NAT pings and hole punching for searched keys;
* routes DHT requests (0x20) for keys in its close list and dispatches those for itself by
  request_id to handlers the upper layers register.

Timers come from `now`; `get_timer()` is the next one-second tick.  Every queue is bounded.
"""

from __future__ import annotations

import functools
import heapq
import ipaddress
import itertools
import logging
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from toxgui.core.crypto import KeyPair, rand_below
from toxgui.core.dht.constants import (
    BAD_NODE_TIMEOUT,
    BOOTSTRAP_RETRY_FIRST,
    BOOTSTRAP_RETRY_MAX,
    DHT_FAKE_FRIEND_NUMBER,
    DHT_FRIEND_MAX_LOCKS,
    FLUSH_SPACING,
    GET_NODE_INTERVAL,
    KILL_NODE_TIMEOUT,
    LAN_DISCOVERY_INTERVAL,
    LAN_DISCOVERY_PORT,
    LAN_DISCOVERY_PORT_RANGE,
    LAN_DISCOVERY_PORTS_PER_ROUND,
    LCLIENT_NODES,
    MAX_BOOTSTRAP_NODES,
    MAX_BOOTSTRAP_RETRY,
    MAX_BOOTSTRAP_TIMES,
    MAX_CLOSE_TO_BOOTSTRAP_NODES,
    MAX_FRESH,
    MAX_FRIEND_CLIENTS,
    MAX_LOADED_NODES,
    MAX_NORMAL_PUNCHING_TRIES,
    MAX_PUNCHING_PORTS,
    MAX_SEARCHES,
    MAX_SENT_NODES,
    MAX_TO_PING,
    PING_INTERVAL,
    PUNCH_INTERVAL,
    PUNCH_RESET_TIME,
    REFRESH_BOOTSTRAP_TICKS,
    STATUS_MIN_INTERVAL,
    TICK,
    TIME_TO_PING,
)
from toxgui.core.dht.lists import NEVER, Client, CloseList, SearchList, key_int, timed_out
from toxgui.core.dht.ping_array import PingArray
from toxgui.core.errors import ProtocolError
from toxgui.core.events import DhtStatus
from toxgui.core.packets import dht as P
from toxgui.core.packets.kinds import CryptoRequestId, PacketKind
from toxgui.core.record import record
from toxgui.core.wire import PUBLIC_KEY_SIZE, Addr, PackedNode, is_ipv6, is_lan, is_low_order, normalize_addr

if TYPE_CHECKING:
    from toxgui.core.context import NodeContext

log = logging.getLogger(__name__)

CryptoHandler = Callable[[bytes, bytes, Addr, float], None]
"""handler(sender DHT pk, data after the request_id, source address, now)."""

FoundHandler = Callable[[bytes, Addr, float], None]
"""handler(searched DHT key, its direct address, now): a searched key answered us."""

NodesHandler = Callable[[bytes, Addr, list[PackedNode], float], None]
"""handler(replier DHT pk, replier address, the nodes it returned, now): a valid send-nodes."""

Register = Callable[[Sequence[int], Callable[[bytes, Addr, float], None]], None]


@record(slots=True)
class _ListTimers:
    last_get_node: float = NEVER
    bootstrap_times: int = 0


@record(slots=True)
class DhtCounters:
    pings_answered: int = 0
    get_nodes_answered: int = 0
    replies_accepted: int = 0
    requests_routed: int = 0
    requests_delivered: int = 0


@functools.lru_cache(maxsize=8192)
def lan_host(host: str) -> bool:
    return is_lan(host)


@functools.lru_cache(maxsize=8192)
def _usable_host(host: str) -> bool:
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return not (ip.is_unspecified or ip.is_multicast or host == "255.255.255.255")


class Dht:
    """The DHT layer of one ToxNode.  Owns the DHT key pair in `ctx.dht_keys`."""

    def __init__(self, ctx: NodeContext, register: Register) -> None:
        self.ctx = ctx
        self.keys: KeyPair = ctx.dht_keys
        self.self_key = ctx.dht_keys.public
        self.close = CloseList(self.self_key)
        self.searches: dict[bytes, SearchList] = {}
        self.counters = DhtCounters()
        self.bootstrap_nodes: list[PackedNode] = []  # the last 32 bootstrap entries (onion uses them)
        # Bootstrap entries not yet heard from: key -> (addr, next retry, interval).
        self._bootstrap_retry: dict[bytes, tuple[Addr, float, float]] = {}
        self._close_timers = _ListTimers()
        self._refresh_timers = _ListTimers()
        self._to_bootstrap: list[tuple[bytes, Addr]] = []
        self._pings = PingArray()
        self._get_nodes = PingArray()
        self._to_ping: list[tuple[bytes, Addr]] = []
        self._last_to_ping = NEVER
        self._next_tick = 0.0
        # Nodes just learnt are asked within FLUSH_SPACING instead of at the next whole-second tick
        # (c-toxcore waits for its tick); flushes are spaced, so the rate stays bounded.
        self._flush_at: float | None = None
        self._last_flush = NEVER
        self._fresh: list[tuple[bytes, Client]] = []
        self._now = 0.0
        # The address our socket is bound to, when it is a specific one (set by the runtime).
        self.local_addr: Addr | None = None
        self._crypto_handlers: dict[int, CryptoHandler] = {CryptoRequestId.NAT_PING: self._on_nat_ping}
        self._found_handlers: list[FoundHandler] = []
        self._nodes_handlers: list[NodesHandler] = []
        self._status: tuple[int, int] = (0, 0)
        self._status_time = NEVER
        self._lan_next = NEVER
        self._lan_port = LAN_DISCOVERY_PORT_RANGE[0]
        for _ in range(DHT_FAKE_FRIEND_NUMBER):
            fake = KeyPair.generate(ctx.rng).public
            self.searches[fake] = self._new_search(fake, fake=True)
        kinds = [
            PacketKind.PING_REQUEST,
            PacketKind.PING_RESPONSE,
            PacketKind.NODES_REQUEST,
            PacketKind.NODES_RESPONSE,
        ]
        register(kinds, self._on_envelope)
        register([PacketKind.CRYPTO], self._on_crypto_request)
        if ctx.config.lan_discovery:
            register([PacketKind.LAN_DISCOVERY], self._on_lan_discovery)

    # --- public API: commands -----------------------------------------------------------------

    @property
    def public_key(self) -> bytes:
        return self.self_key

    def bootstrap(self, addr: Addr, public_key: bytes, now: float) -> bool:
        """Send a get-nodes for our own key to a node we were told about (tox_bootstrap)."""
        self._now = now
        addr = normalize_addr(addr)
        if len(public_key) != PUBLIC_KEY_SIZE:
            raise ValueError("a DHT public key is 32 bytes")
        node = PackedNode(addr[0], addr[1], bytes(public_key))
        if node not in self.bootstrap_nodes:
            self.bootstrap_nodes.append(node)
            del self.bootstrap_nodes[:-MAX_BOOTSTRAP_NODES]
        if public_key == self.self_key:
            return True
        if not self._send_get_nodes(addr, public_key, self.self_key, now):
            return False
        if public_key not in self._bootstrap_retry and len(self._bootstrap_retry) >= MAX_BOOTSTRAP_RETRY:
            self._bootstrap_retry.pop(next(iter(self._bootstrap_retry)))
        self._bootstrap_retry[bytes(public_key)] = (addr, now + BOOTSTRAP_RETRY_FIRST, BOOTSTRAP_RETRY_FIRST)
        return True

    def load_nodes(self, nodes: Iterable[PackedNode], now: float) -> int:
        """Bootstrap from saved nodes (c-toxcore dht_connect_after_load); returns how many."""
        n = 0
        for node in nodes:
            if n >= MAX_LOADED_NODES:
                break
            if not node.tcp and self.bootstrap(node.addr, node.public_key, now):
                n += 1
        return n

    def add_search(self, key: bytes, now: float | None = None) -> None:
        """Search the DHT for `key` (a friend's DHT key).  Calls nest: each needs a remove_search."""
        if now is not None:
            self._now = now
        if len(key) != PUBLIC_KEY_SIZE:
            raise ValueError("a DHT public key is 32 bytes")
        sl = self.searches.get(key)
        if sl is not None:
            if sl.fake:
                raise ValueError("that key is one of the DHT's own random search keys")
            if sl.locks >= DHT_FRIEND_MAX_LOCKS:
                raise ValueError("too many add_search calls for one key")
            sl.locks += 1
            return
        if len(self.searches) >= MAX_SEARCHES + DHT_FAKE_FRIEND_NUMBER:
            raise ValueError("too many searched keys")
        sl = self._new_search(bytes(key), fake=False)
        sl.to_bootstrap = [(n.public_key, n.addr) for n in self.closest_nodes(key, MAX_SENT_NODES)]
        self.searches[sl.key] = sl
        if sl.to_bootstrap:  # ask at once, not at the next one-second tick
            self._schedule_flush(self._now)

    def remove_search(self, key: bytes) -> None:
        sl = self.searches.get(key)
        if sl is None or sl.fake:
            return
        sl.locks -= 1
        if sl.locks <= 0:
            del self.searches[key]

    def on_crypto_request(self, request_id: int, handler: CryptoHandler) -> None:
        """Deliver DHT requests (0x20) addressed to us with this request_id to `handler`."""
        if not 0 <= request_id <= 0xFF:
            raise ValueError("request_id is one byte")
        if request_id == CryptoRequestId.NAT_PING:
            raise ValueError("NAT pings are handled by the DHT itself")
        self._crypto_handlers[request_id] = handler

    def on_search_found(self, handler: FoundHandler) -> None:
        """Call `handler(key, addr, now)` whenever a searched key itself answers us."""
        self._found_handlers.append(handler)

    def on_send_nodes(self, handler: NodesHandler) -> None:
        """Call `handler(replier pk, addr, nodes, now)` for every accepted send-nodes reply."""
        self._nodes_handlers.append(handler)

    def get_nodes(self, addr: Addr, public_key: bytes, searched: bytes, now: float) -> bool:
        """Ask the node (`public_key` at `addr`) for the nodes it knows closest to `searched`."""
        self._now = now
        return self._send_get_nodes(normalize_addr(addr), public_key, searched, now)

    def send_crypto_request(
        self, receiver_dht_pk: bytes, request_id: int, data: bytes, via_addrs: Iterable[Addr]
    ) -> int:
        """Box `request_id | data` to `receiver_dht_pk` in one 0x20 and send it to each address.

        The addresses are nodes that have the receiver in their close list (see
        `nodes_reporting`), or the receiver itself.  Returns the number of datagrams queued.
        """
        shared = self.ctx.keys.get(self.keys, receiver_dht_pk)
        req = P.CryptoRequest.create(self.self_key, shared, receiver_dht_pk, self.ctx.rng.bytes(24), request_id, data)
        wire = req.encode()
        sent: list[Addr] = []
        for a in via_addrs:
            a = normalize_addr(a)
            if a in sent or not self._addr_usable(a):
                continue
            self.ctx.send(wire, a)
            sent.append(a)
        return len(sent)

    def route_to_search(self, dht_key: bytes, request_id: int, data: bytes) -> int:
        """c-toxcore route_to_friend: send through every node that reported `dht_key`.

        Needs at least 2 reporting nodes and no direct contact with the key; returns how many
        datagrams went out (0 if the conditions do not hold).
        """
        sl = self.searches.get(dht_key)
        if sl is None or len(self._friend_iplist(sl, self._now)) < MAX_FRIEND_CLIENTS // 4:
            return 0
        return self.send_crypto_request(dht_key, request_id, data, self._reporters(sl, self._now))

    def send_ping(self, addr: Addr, public_key: bytes, now: float) -> bool:
        """A DHT ping request; a valid reply puts the node into our lists."""
        self._now = now
        return self._send_ping(normalize_addr(addr), public_key, now)

    # --- public API: queries ------------------------------------------------------------------

    def closest_nodes(
        self, key: bytes, n: int = MAX_SENT_NODES, good_only: bool = True, lan_ok: bool = True
    ) -> list[PackedNode]:
        """The `n` nodes of all our lists closest to `key`, one address each (the newest)."""
        limit = self._now - BAD_NODE_TIMEOUT  # good <=> heard after this
        base = key_int(key)
        seen: dict[bytes, tuple[int, Addr]] = {}
        for c in self._all_clients():
            pk = c.public_key
            if pk in seen:
                continue
            a = c.v4 if c.v4.timestamp >= c.v6.timestamp else c.v6
            addr = a.addr
            if addr is None or (good_only and a.timestamp <= limit):
                continue
            if not lan_ok and lan_host(addr[0]):
                continue
            seen[pk] = (c.kint ^ base, addr)
        top = heapq.nsmallest(n, seen.items(), key=lambda kv: kv[1][0])
        return [PackedNode(addr[0], addr[1], pk) for pk, (_, addr) in top]

    def random_good_nodes(self, n: int, fake_searches_only: bool = False) -> list[PackedNode]:
        """Up to `n` distinct good nodes in random order (onion path candidates).

        With `fake_searches_only`, only nodes of the two random search lists, as c-toxcore's
        randfriends_nodes (so path nodes say nothing about who our friends are).
        """
        limit = self._now - BAD_NODE_TIMEOUT
        if fake_searches_only:
            clients: Iterable[Client] = itertools.chain(*(sl.clients for sl in self.searches.values() if sl.fake))
        else:
            clients = self._all_clients()
        pool: dict[bytes, Addr] = {}
        for c in clients:
            if c.public_key in pool:
                continue
            v4, v6 = c.v4, c.v6
            a = v4 if v4.timestamp >= v6.timestamp else v6
            if a.addr is not None and a.timestamp > limit:
                pool[c.public_key] = a.addr
        items = list(pool.items())
        out: list[PackedNode] = []
        while items and len(out) < n:
            pk, addr = items.pop(rand_below(self.ctx.rng, len(items)))
            out.append(PackedNode(addr[0], addr[1], pk))
        return out

    def path_candidates(self, n: int) -> list[PackedNode]:
        """Nodes to build onion paths through: `n` random good nodes; early on, before DHT nodes
        are verified, also the nodes we bootstrapped from and those we heard of (c-toxcore also
        builds paths through its bootstrap nodes)."""
        out = list(self.random_good_nodes(n))
        if len(out) < 3:
            seen = {x.public_key for x in out}
            for x in [*self.bootstrap_nodes, *self.closest_nodes(self.self_key, 8, good_only=False)]:
                if x.public_key not in seen and x.public_key != self.self_key:
                    seen.add(x.public_key)
                    out.append(x)
        return out

    def friend_addresses(self, dht_key: bytes) -> list[Addr]:
        """Direct addresses of a searched key, once it has answered us (good within 122 s)."""
        now = self._now
        out: list[Addr] = []
        for c in self._entries_of(dht_key):
            for a in (c.v6, c.v4):
                if a.good(now) and a.addr is not None and a.addr not in out:
                    out.append(a.addr)
        return out

    def self_address(self) -> Addr | None:
        """Where others reach us: the address our close nodes report seeing most (within 122 s),
        else the specific address our socket is bound to, else None (unknown yet)."""
        now = self._now
        seen: dict[Addr, int] = {}
        for c in self.close.by_key.values():
            for a in (c.v4, c.v6):
                if a.ret_self and a.ret_addr is not None and a.reported(now):
                    seen[a.ret_addr] = seen.get(a.ret_addr, 0) + 1
        if seen:
            return max(seen.items(), key=lambda kv: kv[1])[0]
        return self.local_addr

    def self_node(self) -> PackedNode | None:
        """Ourselves as a DHT node (our DHT key at self_address()), when that address is known."""
        addr = self.self_address()
        return None if addr is None else PackedNode(addr[0], addr[1], self.self_key)

    def nodes_reporting(self, dht_key: bytes) -> list[Addr]:
        """Addresses of nodes in `dht_key`'s search list that reported it within 122 s.

        These nodes have the key in their own lists, so a DHT request sent to them is routed on.
        """
        sl = self.searches.get(dht_key)
        return [] if sl is None else self._reporters(sl, self._now)

    def reported_addresses(self, dht_key: bytes) -> list[Addr]:
        """The addresses those nodes reported for `dht_key` (c-toxcore friend_iplist, without the
        direct-contact short cut)."""
        sl = self.searches.get(dht_key)
        if sl is None:
            return []
        now = self._now
        v4 = [c.v4.ret_addr for c in sl.clients if c.v4.reported(now) and c.v4.ret_addr]
        v6 = [c.v6.ret_addr for c in sl.clients if c.v6.reported(now) and c.v6.ret_addr]
        return v6 if len(v6) >= len(v4) else v4

    def saved_nodes(self) -> list[PackedNode]:
        """Nodes worth saving for the next start (close list, then search lists)."""
        now = self._now
        out: dict[bytes, PackedNode] = {}
        for c in self._all_clients():
            for a in (c.v4, c.v6):
                if a.alive(now) and a.addr is not None and c.public_key not in out:
                    out[c.public_key] = PackedNode(a.addr[0], a.addr[1], c.public_key)
        return list(out.values())

    @property
    def searched_keys(self) -> list[bytes]:
        return [k for k, sl in self.searches.items() if not sl.fake]

    @property
    def fake_keys(self) -> list[bytes]:
        return [k for k, sl in self.searches.items() if sl.fake]

    @property
    def known(self) -> int:
        """Distinct nodes in our lists not yet past the kill timeout."""
        return self._counts(self._now)[0]

    @property
    def good(self) -> int:
        """Distinct nodes in our lists heard from within 122 s."""
        return self._counts(self._now)[1]

    @property
    def is_connected(self) -> bool:
        now = self._now
        return any(c.good(now) for c in self.close.by_key.values())


    # --- layer protocol -----------------------------------------------------------------------

    def get_timer(self) -> float | None:
        if self._flush_at is not None and self._flush_at < self._next_tick:
            return self._flush_at
        return self._next_tick

    def handle_timer(self, now: float) -> None:
        if now < self._next_tick:
            if self._flush_at is not None and now >= self._flush_at:
                self._now = now
                self._flush(now)
            return
        self._now = now
        self._flush(now)
        self._retry_bootstrap(now)
        self._do_close(now)
        self._refresh_bucket(now)
        self._do_searches(now)
        self._do_nat(now)
        self._ping_iterate(now)
        if self.ctx.config.lan_discovery:
            self._do_lan_discovery(now)
        self._emit_status(now)
        self._next_tick = now + TICK

    # --- receiving ----------------------------------------------------------------------------

    def _on_envelope(self, data: bytes, addr: Addr, now: float) -> None:
        self._now = now
        kind = data[0]
        P.check_envelope_size(kind, len(data))
        pkt = P.DhtPacket.decode(data)
        if pkt.sender == self.self_key:
            raise ProtocolError("DHT packet claims our own DHT key")
        shared = self.ctx.keys.get(self.keys, pkt.sender)
        if kind == PacketKind.PING_REQUEST:
            ping = P.open_ping(pkt, shared)
            reply = P.seal_ping(PacketKind.PING_RESPONSE, self.self_key, shared, self._nonce(), ping.ping_id)
            self.ctx.send(reply, addr)
            self.counters.pings_answered += 1
            self._ping_add(pkt.sender, addr, now)
        elif kind == PacketKind.PING_RESPONSE:
            ping = P.open_ping(pkt, shared)
            why = self._pings.check(now, ping.ping_id, pkt.sender, addr)
            if why is not None:
                raise ProtocolError(f"ping response: {why}")
            self.counters.replies_accepted += 1
            self._addto_lists(addr, pkt.sender, now)
        elif kind == PacketKind.NODES_REQUEST:
            req = P.open_get_nodes(pkt, shared)
            nodes = self.closest_nodes(req.searched, MAX_SENT_NODES, lan_ok=lan_host(addr[0]))
            if not nodes and req.searched == self.self_key:
                # A friend looking for us, before we know any node: a reply with no node is
                # ignored (by c-toxcore too), so name ourselves; it makes the reply count.
                me = self.self_node()
                if me is not None and (lan_host(addr[0]) or not lan_host(me.host)):
                    nodes = [me]
            reply = P.seal_send_nodes(self.self_key, shared, self._nonce(), tuple(nodes), req.ping_id)
            self.ctx.send(reply, addr)
            self.counters.get_nodes_answered += 1
            self._ping_add(pkt.sender, addr, now)
        else:
            resp = P.open_send_nodes(pkt, shared)
            why = self._get_nodes.check(now, resp.ping_id, pkt.sender, addr)
            if why is not None:
                raise ProtocolError(f"send-nodes: {why}")
            self.counters.replies_accepted += 1
            self._addto_lists(addr, pkt.sender, now)
            usable = P.usable_nodes(list(resp.nodes))  # small-order keys: no shared key, skipped
            for node in usable:
                if node.port == 0 or not _usable_host(node.host):
                    continue
                if node.public_key != self.self_key:
                    self._node_from_get_nodes(node.public_key, node.addr, now)
                self._returned_ip(node, pkt.sender, now)
            for fn in self._nodes_handlers:
                fn(pkt.sender, addr, usable, now)

    def _on_crypto_request(self, data: bytes, addr: Addr, now: float) -> None:
        self._now = now
        req = P.CryptoRequest.decode(data)
        if req.receiver == self.self_key:
            if req.sender == self.self_key:
                raise ProtocolError("DHT request claims our own DHT key")
            request_id, payload = req.open(self.ctx.keys.get(self.keys, req.sender))
            handler = self._crypto_handlers.get(request_id)
            if handler is None:
                raise ProtocolError(f"DHT request id {request_id:#04x} has no handler")
            self.counters.requests_delivered += 1
            handler(req.sender, payload, addr, now)
            return
        c = self.close.get(req.receiver)
        dest = None if c is None else (c.v6.addr or c.v4.addr)
        if dest is None:
            raise ProtocolError("DHT request for a key not in our close list")
        self.counters.requests_routed += 1
        self.ctx.send(data, dest)

    def _on_lan_discovery(self, data: bytes, addr: Addr, now: float) -> None:
        self._now = now
        if not lan_host(addr[0]):
            raise ProtocolError("LAN discovery from a non-LAN address")
        pkt = P.LanDiscovery.decode(data)
        if pkt.dht_key != self.self_key:
            self._send_get_nodes(addr, pkt.dht_key, self.self_key, now)

    # --- list maintenance ---------------------------------------------------------------------

    def _addto_lists(self, addr: Addr, key: bytes, now: float) -> None:
        """A node proved it holds `key` at `addr`: put it wherever it fits (c-toxcore addto_lists)."""
        if not self.close.seen(key, addr, now) and self.close.add(key, addr, now):
            self._mark_fresh(self.self_key, self.close.by_key[key], now)
        found = False
        for sl in self.searches.values():
            if sl.seen(key, addr, now):
                used = True
            elif sl.replace(key, addr, now):
                used = True
                c = sl.get(key)
                if c is not None:
                    self._mark_fresh(sl.key, c, now)
            else:
                used = False
            if used and key == sl.key:
                found = True
        if found:
            for fn in self._found_handlers:
                fn(key, addr, now)

    def _node_from_get_nodes(self, key: bytes, addr: Addr, now: float) -> None:
        """A reply named this node: queue a get-nodes to it if it would fit a list."""
        if not self._addr_usable(addr):
            return
        if self.close.addable(key, now) and not self._good_family(self.close.get(key), addr, now):
            _queue_closest(self._to_bootstrap, MAX_CLOSE_TO_BOOTSTRAP_NODES, key, addr, self.close.self_int)
            self._schedule_flush(now)
        for sl in self.searches.values():
            if sl.store_ok(key, now) and not self._good_family(sl.get(key), addr, now):
                _queue_closest(sl.to_bootstrap, MAX_SENT_NODES, key, addr, sl.kint)
                self._schedule_flush(now)

    @staticmethod
    def _good_family(c: Client | None, addr: Addr, now: float) -> bool:
        return c is not None and c.assoc(addr).good(now)

    def _returned_ip(self, node: PackedNode, replier: bytes, now: float) -> None:
        """Record the address `replier` reported for us or for a searched key."""
        if node.public_key == self.self_key:
            c = self.close.get(replier)
            if c is not None:
                a = c.assoc(node.addr)
                a.ret_addr, a.ret_timestamp, a.ret_self = node.addr, now, True
            return
        sl = self.searches.get(node.public_key)
        if sl is not None:
            c = sl.get(replier)
            if c is not None:
                a = c.assoc(node.addr)
                a.ret_addr, a.ret_timestamp, a.ret_self = node.addr, now, False

    def _ping_add(self, key: bytes, addr: Addr, now: float) -> None:
        """A node contacted us: ping it soon if it would fit the close list (ping.c ping_add)."""
        if not self._addr_usable(addr) or not self.close.addable(key, now):
            return
        if self.close.good_in_list(key, addr, now):
            return
        sl = self.searches.get(key)
        if sl is not None and not sl.fake and not self._good_family(sl.get(key), addr, now):
            self._send_ping(addr, key, now)
            return
        if any(k == key for k, _ in self._to_ping):
            return
        _queue_closest(self._to_ping, MAX_TO_PING, key, addr, self.close.self_int)
        # The batch goes out as soon as the 2 s spacing allows (c-toxcore: at its next tick
        # after that), so at most 32 pings per 2 s still.
        self._schedule_flush(max(now, self._last_to_ping + TIME_TO_PING))

    def _ping_iterate(self, now: float) -> None:
        if not self._to_ping or not timed_out(self._last_to_ping, TIME_TO_PING, now):
            return
        batch, self._to_ping = self._to_ping, []
        for key, addr in batch:
            if self.close.addable(key, now):
                self._send_ping(addr, key, now)
        self._last_to_ping = now

    # --- the one-second tick ------------------------------------------------------------------

    def _mark_fresh(self, list_key: bytes, c: Client, now: float) -> None:
        if len(self._fresh) < MAX_FRESH:
            self._fresh.append((list_key, c))
            self._schedule_flush(now)

    def _schedule_flush(self, at: float) -> None:
        at = max(at, self._last_flush + FLUSH_SPACING)
        if self._flush_at is None or at < self._flush_at:
            self._flush_at = at

    def _flush(self, now: float) -> None:
        """Send what is queued: get-nodes to nodes replies named and a first one to nodes just
        added, and the to-ping batch when its 2 s spacing allows."""
        self._flush_at = None
        self._last_flush = now
        batch, self._to_bootstrap = self._to_bootstrap, []
        for key, addr in batch:
            self._send_get_nodes(addr, key, self.self_key, now)
        for sl in self.searches.values():
            batch, sl.to_bootstrap = sl.to_bootstrap, []
            for key, addr in batch:
                self._send_get_nodes(addr, key, sl.key, now)
        fresh, self._fresh = self._fresh, []
        for list_key, c in fresh:
            if list_key != self.self_key and list_key not in self.searches:
                continue
            for a in (c.v6, c.v4):
                if a.addr is not None and a.last_pinged == NEVER and a.alive(now):
                    self._send_get_nodes(a.addr, c.public_key, list_key, now)
                    a.last_pinged = now
        self._ping_iterate(now)
        if self._to_ping:
            self._schedule_flush(self._last_to_ping + TIME_TO_PING)

    def _retry_bootstrap(self, now: float) -> None:
        """Re-send the bootstrap get-nodes, with back-off, until the node has answered once.

        c-toxcore leaves this to its clients (they call tox_bootstrap again); without it one lost
        datagram can leave a node, and everyone who bootstrapped from it, cut off for good.
        """
        for key, (addr, due, interval) in list(self._bootstrap_retry.items()):
            c = self.close.get(key)
            if c is not None and c.assoc(addr).addr == addr and c.good(now):
                del self._bootstrap_retry[key]
            elif due <= now:
                self._send_get_nodes(addr, key, self.self_key, now)
                interval = min(interval * 2, BOOTSTRAP_RETRY_MAX)
                self._bootstrap_retry[key] = (addr, now + interval, interval)

    def _do_close(self, now: float) -> None:
        clients = list(self.close.by_key.values())
        alive = self._ping_and_get_nodes(self.self_key, clients, self._close_timers, now)
        if alive == 0 and clients:
            # Everyone is past the kill timeout: we are probably the ones who were cut off.  Mark
            # them merely bad so the 60 s get-nodes keep going out (c-toxcore do_Close).
            for c in clients:
                for a in (c.v4, c.v6):
                    if a.addr is not None:
                        a.timestamp = now - BAD_NODE_TIMEOUT

    def _refresh_bucket(self, now: float) -> None:
        """Look up a random key in one of our close list's buckets that still has room.

        An addition to c-toxcore's schedule (Kademlia's bucket refresh): c-toxcore only ever
        searches its own key and its search keys, so in a small network two nodes can go on
        without hearing of each other.  One get-nodes per tick for the first ticks, then one per
        GET_NODE_INTERVAL, to the good node closest to the random key.
        """
        t = self._refresh_timers
        if t.bootstrap_times >= REFRESH_BOOTSTRAP_TICKS and not timed_out(t.last_get_node, GET_NODE_INTERVAL, now):
            return
        buckets = self.close.buckets
        occupied = [i for i, b in enumerate(buckets) if b]
        if not occupied:
            return
        top = min(max(occupied) + 1, len(buckets) - 1)
        roomy = [i for i in range(top + 1) if sum(1 for c in buckets[i] if c.good(now)) < LCLIENT_NODES]
        if not roomy:
            return
        bit = roomy[rand_below(self.ctx.rng, len(roomy))]
        flip = 1 << (255 - bit)
        low = flip - 1
        target = (((self.close.self_int ^ flip) & ~low) | (key_int(self.ctx.rng.bytes(PUBLIC_KEY_SIZE)) & low)).to_bytes(PUBLIC_KEY_SIZE, "big")
        ask = self.closest_nodes(target, 1)
        if not ask:
            return
        self._send_get_nodes(ask[0].addr, ask[0].public_key, target, now)
        t.last_get_node = now
        t.bootstrap_times += 1

    def _do_searches(self, now: float) -> None:
        for sl in list(self.searches.values()):
            sl.sort(now)
            self._ping_and_get_nodes(sl.key, sl.clients, sl, now)

    def _ping_and_get_nodes(
        self, list_key: bytes, clients: list[Client], timers: _ListTimers | SearchList, now: float
    ) -> int:
        """c-toxcore do_ping_and_sendnode_requests; returns the number of live addresses."""
        alive = 0
        good: list[tuple[Client, Addr]] = []
        for c in clients:
            for a in (c.v6, c.v4):
                if a.addr is None or not a.alive(now):
                    continue
                alive += 1
                if timed_out(a.last_pinged, PING_INTERVAL, now):
                    self._send_get_nodes(a.addr, c.public_key, list_key, now)
                    a.last_pinged = now
                if a.good(now):
                    good.append((c, a.addr))
        if good and (
            timed_out(timers.last_get_node, GET_NODE_INTERVAL, now) or timers.bootstrap_times < MAX_BOOTSTRAP_TIMES
        ):
            # c-toxcore's pick: uniform, then skewed towards the end of the list (the closer end
            # of a sorted search list).
            i = rand_below(self.ctx.rng, len(good))
            if i != len(good) - 1:
                i += rand_below(self.ctx.rng, len(good) - i - 1)
            c, addr = good[i]
            self._send_get_nodes(addr, c.public_key, list_key, now)
            timers.last_get_node = now
            timers.bootstrap_times += 1
        return alive

    # --- NAT ping and hole punching (protocol notes 3.7, 3.8) ---------------------------------

    def _friend_iplist(self, sl: SearchList, now: float) -> list[Addr]:
        """Addresses reported for the key; empty when we are in direct contact with it."""
        v4: list[Addr] = []
        v6: list[Addr] = []
        for c in sl.clients:
            if c.public_key == sl.key and c.good(now):
                return []
            if c.v4.reported(now) and c.v4.ret_addr is not None:
                v4.append(c.v4.ret_addr)
            if c.v6.reported(now) and c.v6.ret_addr is not None:
                v6.append(c.v6.ret_addr)
        return v6 if len(v6) >= len(v4) else v4

    @staticmethod
    def _reporters(sl: SearchList, now: float) -> list[Addr]:
        out: list[Addr] = []
        for c in sl.clients:
            for a in (c.v4, c.v6):
                if a.reported(now) and a.addr is not None:
                    out.append(a.addr)
                    break
        return out

    def _send_nat_ping(self, sl: SearchList, ping_id: bytes, kind: int) -> int:
        data = P.NatPing(kind, ping_id).encode()
        if kind == P.NAT_PING_REQUEST:
            return self.route_to_search(sl.key, CryptoRequestId.NAT_PING, data)
        via = self._reporters(sl, self._now)
        if not via:
            return 0
        one = via[rand_below(self.ctx.rng, len(via))]
        return self.send_crypto_request(sl.key, CryptoRequestId.NAT_PING, data, [one])

    def _on_nat_ping(self, sender: bytes, data: bytes, addr: Addr, now: float) -> None:
        ping = P.NatPing.decode(data)
        sl = self.searches.get(sender)
        if sl is None or sl.fake:
            raise ProtocolError("NAT ping from a key we do not search")
        if ping.type == P.NAT_PING_REQUEST:
            self._send_nat_ping(sl, ping.ping_id, P.NAT_PING_RESPONSE)
            sl.nat.recv_nat_ping_timestamp = now
        elif ping.ping_id == sl.nat.ping_id:
            sl.nat.ping_id = self.ctx.rng.bytes(8)
            sl.nat.hole_punching = True
        else:
            raise ProtocolError("NAT ping response with an id we did not send")

    def _do_nat(self, now: float) -> None:
        for sl in self.searches.values():
            if sl.fake:
                continue
            ips = self._friend_iplist(sl, now)
            if len(ips) < MAX_FRIEND_CLIENTS // 2:
                continue
            nat = sl.nat
            if nat.nat_ping_timestamp + PUNCH_INTERVAL < now:
                self._send_nat_ping(sl, nat.ping_id, P.NAT_PING_REQUEST)
                nat.nat_ping_timestamp = now
            if (
                nat.hole_punching
                and nat.punching_timestamp + PUNCH_INTERVAL < now
                and nat.recv_nat_ping_timestamp + PUNCH_INTERVAL * 2 >= now
            ):
                ip = _common_ip(ips, MAX_FRIEND_CLIENTS // 2)
                if ip is None:
                    continue
                if nat.punching_timestamp + PUNCH_RESET_TIME < now:
                    nat.tries = nat.punching_index = nat.punching_index2 = 0
                self._punch_holes(sl, ip, [p for h, p in ips if h == ip], now)
                nat.punching_timestamp = now
                nat.hole_punching = False

    def _punch_holes(self, sl: SearchList, ip: str, ports: list[int], now: float) -> None:
        """Ping the friend's key at guessed ports of its public IP (c-toxcore punch_holes)."""
        if not ports or len(ports) > MAX_FRIEND_CLIENTS:
            return
        nat = sl.nat
        if all(p == ports[0] for p in ports):
            self._send_ping((ip, ports[0]), sl.key, now)
        else:
            n = len(ports)
            for i in range(MAX_PUNCHING_PORTS):
                it = i + nat.punching_index
                delta = (it // (2 * n)) * (-1 if it % 2 else 1)
                self._send_ping((ip, (ports[(it // 2) % n] + delta) & 0xFFFF), sl.key, now)
            nat.punching_index += MAX_PUNCHING_PORTS
        if nat.tries > MAX_NORMAL_PUNCHING_TRIES:
            for i in range(MAX_PUNCHING_PORTS):
                self._send_ping((ip, (1024 + i + nat.punching_index2) & 0xFFFF), sl.key, now)
            nat.punching_index2 += MAX_PUNCHING_PORTS - MAX_PUNCHING_PORTS // 2
        nat.tries += 1

    # --- LAN discovery ------------------------------------------------------------------------

    def _do_lan_discovery(self, now: float) -> None:
        if not timed_out(self._lan_next, 0.0, now):
            return
        self._lan_next = now + LAN_DISCOVERY_INTERVAL
        ports = [LAN_DISCOVERY_PORT]
        lo, hi = LAN_DISCOVERY_PORT_RANGE
        for _ in range(LAN_DISCOVERY_PORTS_PER_ROUND):
            ports.append(self._lan_port)
            self._lan_port = lo if self._lan_port >= hi else self._lan_port + 1
        wire = P.LanDiscovery(self.self_key).encode()
        hosts = ["255.255.255.255"] + (["ff02::1"] if self.ctx.config.ipv6 else [])
        for host in hosts:
            for port in ports:
                self.ctx.send(wire, (host, port))

    # --- sending ------------------------------------------------------------------------------

    def _nonce(self) -> bytes:
        return self.ctx.rng.bytes(24)

    def _addr_usable(self, addr: Addr) -> bool:
        if addr[1] <= 0 or addr[1] > 0xFFFF:
            return False
        if is_ipv6(addr[0]) and not self.ctx.config.ipv6:
            return False
        return True

    def _send_get_nodes(self, addr: Addr, key: bytes, searched: bytes, now: float) -> bool:
        if key == self.self_key or is_low_order(key) or not self._addr_usable(addr):
            return False
        ping_id = self._get_nodes.add(now, self.ctx.rng, key, addr)
        shared = self.ctx.keys.get(self.keys, key)
        self.ctx.send(P.seal_get_nodes(self.self_key, shared, self._nonce(), searched, ping_id), addr)
        return True

    def _send_ping(self, addr: Addr, key: bytes, now: float) -> bool:
        if key == self.self_key or is_low_order(key) or not self._addr_usable(addr):
            return False
        ping_id = self._pings.add(now, self.ctx.rng, key, addr)
        shared = self.ctx.keys.get(self.keys, key)
        self.ctx.send(P.seal_ping(PacketKind.PING_REQUEST, self.self_key, shared, self._nonce(), ping_id), addr)
        return True

    # --- helpers ------------------------------------------------------------------------------

    def _new_search(self, key: bytes, fake: bool) -> SearchList:
        sl = SearchList(key, fake=fake)
        sl.nat.ping_id = self.ctx.rng.bytes(8)
        return sl

    def _all_clients(self) -> Iterable[Client]:
        return itertools.chain(self.close.by_key.values(), *(sl.clients for sl in self.searches.values()))

    def _entries_of(self, key: bytes) -> list[Client]:
        out: list[Client] = []
        c = self.close.get(key)
        if c is not None:
            out.append(c)
        sl = self.searches.get(key)
        if sl is not None:
            c = sl.get(key)
            if c is not None:
                out.append(c)
        return out

    def _counts(self, now: float) -> tuple[int, int]:
        kill_limit = now - KILL_NODE_TIMEOUT
        bad_limit = now - BAD_NODE_TIMEOUT
        known: set[bytes] = set()
        good: set[bytes] = set()
        for c in self._all_clients():
            t = max(c.v4.timestamp, c.v6.timestamp)
            if t > kill_limit:
                known.add(c.public_key)
                if t > bad_limit:
                    good.add(c.public_key)
        return len(known), len(good)

    def _emit_status(self, now: float) -> None:
        status = self._counts(now)
        if status != self._status and timed_out(self._status_time, STATUS_MIN_INTERVAL, now):
            self._status = status
            self._status_time = now
            self.ctx.emit(DhtStatus(known=status[0], good=status[1]))


def _queue_closest(queue: list[tuple[bytes, Addr]], limit: int, key: bytes, addr: Addr, base: int) -> None:
    """Add (key, addr) to a bounded queue; when full, it replaces the entry farthest from base."""
    for k, _ in queue:
        if k == key:
            return
    if len(queue) < limit:
        queue.append((key, addr))
        return
    kd = key_int(key) ^ base
    worst = max(range(len(queue)), key=lambda i: key_int(queue[i][0]) ^ base)
    if kd < (key_int(queue[worst][0]) ^ base):
        queue[worst] = (key, addr)


def _common_ip(addrs: list[Addr], min_count: int) -> str | None:
    """The first IP that appears at least `min_count` times (c-toxcore nat_commonip)."""
    for host, _ in addrs:
        if sum(1 for h, _ in addrs if h == host) >= min_count:
            return host
    return None
