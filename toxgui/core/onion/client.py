"""The onion client: announcing ourselves, searching for friends, sending onion data.

Sans-I/O.  Everything is driven by `handle_timer(now)` and by the bare 0x84/0x86 replies that
reach us from the first hop of a path.

Self-announce: a list of the 12 nodes closest to our long-term key.  A node enters the list when
it answers; the first answer carries a ping_id, and we re-announce with it at once through the
same path (the ping_id is bound to the path's third node), so we are stored within one round
trip of the first answer.  Then every 15 s, every 120 s once stable.

Friend search: per friend a temporary keypair and a list of the 8 nodes closest to the friend's
key.  Rounds go to every listed node, plus random path nodes while the list is thin; closer nodes
returned in the answers are asked at once.  Rounds are 1 s apart at first, then back off
exponentially up to 60 s (c-toxcore: 3 s, then up to 3600 s), and pause while the friend is
connected.

Sendbacks are random 8-byte ids into a table that forgets entries after 10 s.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from dataclasses import field

from toxgui.core.context import NodeContext
from toxgui.core.crypto import KeyPair, rand_below
from toxgui.core.errors import ProtocolError
from toxgui.core.friends import Friend, FriendList
from toxgui.core.onion import constants as C
from toxgui.core.onion.paths import Path, PathPool
from toxgui.core.onion.store import distance
from toxgui.core.packets import onion as P
from toxgui.core.record import record
from toxgui.core.tcp.client import TcpConnections
from toxgui.core.wire import NONCE_SIZE, PUBLIC_KEY_SIZE, Addr, PackedNode, is_lan, is_low_order

log = logging.getLogger(__name__)

ZERO32 = bytes(32)
INF = float("inf")

DataHandler = Callable[[bytes, bytes, float], None]  # (sender long-term pk, id|data, now)
FoundHandler = Callable[[bytes, float], None]


NO_PATH_RETRY = 0.25  # s: a round that could send nothing (no onion path yet) is tried again this soon
FIRST_ANNOUNCED_SEARCH = 0.05  # s: searches that found nothing go again this soon after our first announcement


@record
class ListNode:
    public_key: bytes
    addr: Addr
    path_id: int | None
    added: float
    last_response: float
    ping_id: bytes = ZERO32
    stored: bool = False
    data_pk: bytes | None = None
    last_pinged: float | None = None
    unanswered: int = 0

    def dead(self, now: float) -> bool:
        return self.unanswered >= C.NODE_MAX_PINGS and now - self.last_response >= C.NODE_TIMEOUT


@record
class Pending:
    target: bytes | None  # None: self-announce; else the friend's long-term pk
    node_pk: bytes
    node_addr: Addr
    path_id: int
    pool: str
    sent: float
    ping_id: bytes


@record
class Search:
    friend_pk: bytes
    keys: KeyPair
    nodes: list[ListNode] = field(default_factory=list)
    asked: dict[bytes, float] = field(default_factory=dict)
    round: int = 0
    next_round: float = 0.0
    requests: int = 0
    answers: int = 0
    found_at: float | None = None
    was_connected: bool = False

    def stored_nodes(self, now: float) -> list[ListNode]:
        return [n for n in self.nodes if n.stored and n.data_pk is not None and not n.dead(now)]


class OnionClient:
    def __init__(
        self,
        ctx: NodeContext,
        dht_nodes: Callable[[int], list[PackedNode]],
        friends: FriendList | None = None,
        dht_closest: Callable[[bytes, int], list[PackedNode]] | None = None,
    ) -> None:
        self.ctx = ctx
        self.dht_nodes = dht_nodes  # random good DHT nodes, for paths and repopulation
        # Our own DHT's nodes closest to a key: candidates for the lists besides what announce
        # answers return (c-toxcore relies on the answers alone).
        self.dht_closest = dht_closest
        self.friends = friends
        self.data_keys = KeyPair.generate(ctx.rng)
        self._path_ids = 0
        self.pools = {"self": PathPool(ctx, self._new_path_id), "friend": PathPool(ctx, self._new_path_id)}
        self.relays: TcpConnections | None = None  # our TCP relays (set by the node)
        # Whether new paths start at a relay: c-toxcore does while its DHT is not connected
        # (always without UDP).  Set by the node.
        self.prefer_tcp: Callable[[], bool] = lambda: False
        self.udp_enabled = True  # set by the node: without UDP every path starts at a relay
        for pool in self.pools.values():
            pool.tcp_first_hop = self._tcp_first_hop
            pool.relay_up = self._relay_up
            pool.udp_paths = lambda: self.udp_enabled
        # Nodes that answered through a path (its hops and the answering node), with when.
        self.path_nodes: dict[bytes, PackedNode] = {}
        self._path_node_seen: dict[bytes, float] = {}
        self.self_nodes: list[ListNode] = []
        self.self_asked: dict[bytes, float] = {}
        self.searches: dict[bytes, Search] = {}
        self.sendbacks: dict[bytes, Pending] = {}
        self.data_handlers: dict[int, DataHandler] = {}
        self.found_handlers: list[FoundHandler] = []
        self.last_response: float | None = None
        self.started: float | None = None
        self.announced_at: float | None = None  # first time we were stored somewhere
        self._repop_at = 0.0
        self._repop_interval = C.REPOPULATE_INTERVAL
        self._repop_size = 0
        self._repop_pool = 0
        self._last_full = 0.0
        self._deadline: float | None = 0.0
        self._first_slot = 0.0  # when the next friend's first search round may start (SEARCH_ROUNDS_PER_SECOND)
        self.counters: dict[str, int] = {
            "announce_sent": 0, "search_sent": 0, "responses": 0, "data_sent": 0, "data_received": 0,
            "extra_copies": 0, "announced_nearby": 0,
        }
        # How the requests of the last half-minute or so fared (answered within LOSS_AFTER or
        # not), decayed with a half-life of LOSS_HALF_LIFE: the basis for sending copies.
        self._outcomes: deque[tuple[float, bytes]] = deque()
        self._answered_w = 0.0
        self._lost_w = 0.0
        self._weighed_at = 0.0

    def _tcp_first_hop(self) -> bytes | None:
        if self.relays is None or not self.prefer_tcp():
            return None
        link = self.relays.random_connected()
        return None if link is None else link.public_key

    def _relay_up(self, relay_pk: bytes) -> bool:
        return self.relays is not None and self.relays.is_connected(relay_pk)

    def add_bootstrap_path_node(self, node: PackedNode, now: float) -> None:
        """A bootstrap node is a path node too (c-toxcore onion_add_bs_path_node): without UDP,
        the only candidates for nodes B and C of paths that start at a relay."""
        self._add_path_node(node, now)

    def _new_path_id(self) -> int:
        self._path_ids += 1
        return self._path_ids

    # --- public API -----------------------------------------------------------------------------

    def on_data(self, kind: int, handler: DataHandler) -> None:
        """Call `handler(sender_pk, payload, now)` for onion data whose first byte is `kind`."""
        self.data_handlers[kind] = handler

    def on_found(self, handler: FoundHandler) -> None:
        """Call `handler(friend_pk, now)` when a friend's search first finds it announced."""
        self.found_handlers.append(handler)

    def add_search(self, friend_pk: bytes, now: float) -> Search:
        s = self.searches.get(friend_pk)
        if s is None:
            # many friends at once (a start-up): the first SEARCH_ROUNDS_PER_SECOND search at
            # once, the others one every 1 / SEARCH_ROUNDS_PER_SECOND s after them
            start = max(now, self._first_slot)
            self._first_slot = start + 1.0 / C.SEARCH_ROUNDS_PER_SECOND
            s = Search(friend_pk, KeyPair.generate(self.ctx.rng), next_round=start if start > now + 1.0 else now)
            self.searches[friend_pk] = s
            self.kick(now)
        return s

    def remove_search(self, friend_pk: bytes) -> None:
        self.searches.pop(friend_pk, None)

    # friend lifecycle: a search per friend while it exists
    def friend_added(self, friend: Friend, now: float) -> None:
        friend.next_search = now
        self.add_search(friend.public_key, now)

    def friend_removed(self, public_key: bytes, now: float) -> None:
        self.remove_search(public_key)

    def alive_paths(self, now: float) -> int:
        return sum(p.alive_count(now) for p in self.pools.values())

    def boost_search(self, friend_pk: bytes, now: float) -> None:
        """Search fast again (the friend showed signs of life, or went offline)."""
        s = self.searches.get(friend_pk)
        if s is not None and (s.round > C.SEARCH_FAST_ROUNDS or s.next_round > now + C.SEARCH_FIRST_INTERVAL):
            s.round = 0
            s.next_round = now
            self.kick(now)

    def announced_nearby(self, public_key: bytes, now: float) -> None:
        """A key announced itself on our own store: if it is a friend we are looking for, it has
        just come online and announced to the nodes closest to it, so search now rather than at
        the next round (c-toxcore announces on whole-second timers; this saves up to a round)."""
        s = self.searches.get(public_key)
        if s is None or self._friend_connected(public_key) or s.next_round <= now:
            return
        self.counters["announced_nearby"] += 1
        s.next_round = now
        self.kick(now)

    def is_found(self, friend_pk: bytes, now: float) -> bool:
        s = self.searches.get(friend_pk)
        return s is not None and bool(s.stored_nodes(now))

    def kick(self, now: float) -> None:
        """Run the schedule at `now` (new DHT nodes, a new friend)."""
        if self._deadline is None or self._deadline > now:
            self._deadline = now

    @property
    def announced_nodes(self) -> int:
        return sum(1 for n in self.self_nodes if n.stored)

    def is_connected(self, now: float) -> bool:
        """c-toxcore's onion_isconnected, loosely: stored on at least half of the live nodes."""
        live = [n for n in self.self_nodes if not n.dead(now)]
        return bool(live) and 2 * sum(1 for n in live if n.stored) >= len(live)

    def send_onion_data(self, friend_pk: bytes, payload: bytes, now: float) -> int:
        """Send `id | data` to a friend through every node where it is announced; returns copies sent."""
        s = self.searches.get(friend_pk)
        if s is None:
            return 0
        pool_nodes = self._pool_nodes(now)
        copies = self.copies(now)  # over more paths while requests go unanswered (loss)
        sent = 0
        for n in s.stored_nodes(now):
            used: set[int] = set()
            for _ in range(copies):
                path = self.pools["friend"].choose(now, pool_nodes)
                if path is None:
                    break
                if path.path_id in used:
                    continue
                used.add(path.path_id)
                assert n.data_pk is not None
                try:
                    req = P.seal_onion_data_request(
                        dest_real_pk=friend_pk, dest_data_pk=n.data_pk, sender=self.ctx.long_term,
                        eph=KeyPair.generate(self.ctx.rng), nonce=self.ctx.rng.bytes(NONCE_SIZE),
                        payload=payload, cache=self.ctx.keys,
                    )
                    if not self._send_path(path, n.addr, req.encode()):
                        continue
                except ProtocolError as e:
                    log.debug("onion data not built: %s", e)
                    continue
                sent += 1
        self.counters["data_sent"] += sent
        return sent

    # --- loss and copies ------------------------------------------------------------------------

    def _decay(self, now: float) -> None:
        if now > self._weighed_at:
            k = 0.5 ** ((now - self._weighed_at) / C.LOSS_HALF_LIFE)
            self._answered_w *= k
            self._lost_w *= k
            self._weighed_at = now

    def _weigh(self, now: float) -> None:
        """Count the requests sent more than LOSS_AFTER ago: answered by then, or lost."""
        q = self._outcomes
        if not q or q[0][0] > now - C.LOSS_AFTER:
            return
        self._decay(now)
        while q and q[0][0] <= now - C.LOSS_AFTER:
            _, sendback = q.popleft()
            if sendback in self.sendbacks:
                self._lost_w += 1.0
            else:
                self._answered_w += 1.0

    def answer_ratio(self, now: float) -> float | None:
        """The share of recent announce and search requests answered (None: too few to tell)."""
        self._weigh(now)
        self._decay(now)
        total = self._answered_w + self._lost_w
        return None if total < C.LOSS_MIN_SAMPLE else self._answered_w / total

    def copies(self, now: float) -> int:
        """Over how many paths each request goes.  One, unless most recent requests went
        unanswered: a request lives only if its 8 datagrams all do (at 20% loss, 1 in 6), so a
        second and third path, each another 1 in 6, cut the waiting more than they cost."""
        ratio = self.answer_ratio(now)
        if ratio is None or ratio >= 0.5:
            return 1
        return 2 if ratio >= 0.25 else C.MAX_COPIES

    # --- timer ----------------------------------------------------------------------------------

    def get_timer(self) -> float | None:
        return self._deadline

    def handle_timer(self, now: float) -> None:
        if self.started is None:
            self.started = now
        self._weigh(now)  # before _expire forgets the unanswered
        self._expire(now)
        pool = self._pool_nodes(now)
        if not pool:
            self._deadline = now + 0.5  # waiting for the DHT to know someone
            return
        nxt = min(now + 5.0, self._tick_self(now, pool))
        for s in list(self.searches.values()):
            nxt = min(nxt, self._tick_search(s, now, pool))
        self._deadline = max(nxt, now + 0.05)

    def _expire(self, now: float) -> None:
        old = [k for k, p in self.sendbacks.items() if now - p.sent > C.SENDBACK_TIMEOUT]
        for k in old:
            del self.sendbacks[k]
        for asked in [self.self_asked, *(s.asked for s in self.searches.values())]:
            if len(asked) > 256:
                for k in [k for k, t in asked.items() if now - t >= C.CANDIDATE_GAP]:
                    del asked[k]

    def _pool_nodes(self, now: float) -> list[PackedNode]:
        """Candidates for new paths: good DHT nodes and the path nodes that proved alive lately.

        Path nodes that have not answered for PATH_NODE_FRESH are left out while there are
        fresher candidates: on a long-running node the network turns over, and paths drawn from
        every node ever seen went mostly through dead nodes (with 13 live nodes among 63 known, 1
        path in 100 had three live hops), so the announcement collapsed and stayed down."""
        seen: dict[bytes, PackedNode] = {}
        for n in self.dht_nodes(C.PATH_CANDIDATES):
            if not n.tcp:
                seen[n.public_key] = n
        for pk, n in self.path_nodes.items():
            if now - self._path_node_seen.get(pk, now) < C.PATH_NODE_FRESH:
                seen.setdefault(pk, n)
        if len(seen) < 3:  # early on, or cut off: anything we know
            for n in self.path_nodes.values():
                seen.setdefault(n.public_key, n)
        return list(seen.values())

    def _add_path_node(self, node: PackedNode, now: float) -> None:
        self.path_nodes.pop(node.public_key, None)
        self.path_nodes[node.public_key] = node
        self._path_node_seen[node.public_key] = now
        while len(self.path_nodes) > C.MAX_PATH_NODES:
            gone = next(iter(self.path_nodes))
            del self.path_nodes[gone]
            self._path_node_seen.pop(gone, None)

    def _sample(self, pool: list[PackedNode], n: int, exclude: set[bytes]) -> list[PackedNode]:
        cands = [p for p in pool if p.public_key not in exclude]
        out: list[PackedNode] = []
        while cands and len(out) < n:
            out.append(cands.pop(rand_below(self.ctx.rng, len(cands))))
        return out

    # --- self-announce ---------------------------------------------------------------------------

    def _self_interval(self, n: ListNode, now: float) -> float:
        if not n.stored:
            return C.ANNOUNCE_UNSTORED_INTERVAL
        path = self.pools["self"].by_id(n.path_id, now)
        stable = (
            now - n.added >= C.STABLE_AFTER and n.unanswered == 0 and path is not None
            and now - path.created >= C.STABLE_AFTER
        )
        return C.ANNOUNCE_STABLE_INTERVAL if stable else C.ANNOUNCE_STORED_INTERVAL

    def _tick_self(self, now: float, pool: list[PackedNode]) -> float:
        before = len(self.self_nodes)
        self.self_nodes = [n for n in self.self_nodes if not n.dead(now)]
        if len(self.self_nodes) < before:
            self._repop_interval = C.REPOPULATE_INTERVAL
            self._repop_at = min(self._repop_at, now)
        due = INF
        for n in self.self_nodes:
            interval = self._self_interval(n, now)
            t = -INF if n.last_pinged is None else n.last_pinged + interval
            if t <= now:
                self._ping(None, n, now, pool)
                t = now + interval
            due = min(due, t)
        if self.dht_closest is not None:
            own = self.ctx.long_term.public
            self._ask_closer(None, own, self.self_nodes, C.MAX_ANNOUNCE_NODES, self.self_asked,
                             self.dht_closest(own, C.MAX_ANNOUNCE_NODES), None, now)
        if len(self.self_nodes) >= C.MAX_ANNOUNCE_NODES:
            self._last_full = now
        thin = len(self.self_nodes) <= C.MAX_ANNOUNCE_NODES // 2 or now - self._last_full >= C.LIST_REFRESH
        if thin:
            if len(pool) > self._repop_pool:
                # The DHT knows more nodes than at the last try: ask them now.
                self._repop_interval = C.REPOPULATE_INTERVAL
                self._repop_at = min(self._repop_at, now)
            if now >= self._repop_at:
                self._repop_pool = len(pool)
                if len(self.self_nodes) <= self._repop_size and len(self.self_nodes) >= min(len(pool), 4):
                    # Not growing although we know enough nodes (a small network): ask less often.
                    self._repop_interval = min(self._repop_interval * 2, 60.0)
                self._repop_size = len(self.self_nodes)
                exclude = {n.public_key for n in self.self_nodes}
                sent = 0
                for node in self._sample(pool, C.REPOPULATE_SELF_COUNT, exclude):
                    sent += self._send_announce(None, node.public_key, node.addr, ZERO32, None, now, pool)
                # Nothing could go out (no path yet: without UDP, no relay connected yet): try
                # again soon instead of after a whole interval.
                self._repop_at = now + (self._repop_interval if sent else NO_PATH_RETRY)
            due = min(due, self._repop_at, now + 1.0)
        return due

    # --- friend search ---------------------------------------------------------------------------

    def _friend_connected(self, pk: bytes) -> bool:
        if self.friends is None:
            return False
        f = self.friends.get(pk)
        return f is not None and f.connection != "none"

    def _first_interval(self) -> float:
        """SEARCH_FIRST_INTERVAL, or longer when the friends' rounds would go over their budget."""
        return max(C.SEARCH_FIRST_INTERVAL, len(self.searches) / C.SEARCH_ROUNDS_PER_SECOND)

    def _search_interval(self, s: Search) -> float:
        first = self._first_interval()
        if s.round < C.SEARCH_FAST_ROUNDS:
            return first
        return float(min(first * 2 ** (s.round - C.SEARCH_FAST_ROUNDS + 1), max(first, C.SEARCH_MAX_INTERVAL)))

    def _tick_search(self, s: Search, now: float, pool: list[PackedNode]) -> float:
        connected = self._friend_connected(s.friend_pk)
        if connected:
            s.was_connected = True
            return INF
        if s.was_connected:  # went offline: search fast again
            s.was_connected = False
            s.round = 0
            s.next_round = now
        s.nodes = [n for n in s.nodes if not n.dead(now)]
        if now < s.next_round:
            return s.next_round
        sent = 0
        for n in s.nodes:
            sent += self._ping(s.friend_pk, n, now, pool)
        if len(s.nodes) <= C.MAX_SEARCH_NODES // 2:
            extra = C.REPOPULATE_FRIEND_COUNT
        elif not s.stored_nodes(now):
            # Not found on the nodes we think closest: our view may be off (a young or lossy
            # DHT), so also ask a few random nodes each round; their answers point elsewhere.
            extra = C.SEARCH_EXPLORE
        else:
            extra = 0
        if self.dht_closest is not None:
            self._ask_closer(s.friend_pk, s.friend_pk, s.nodes, C.MAX_SEARCH_NODES, s.asked,
                             self.dht_closest(s.friend_pk, C.MAX_SEARCH_NODES), None, now)
        if extra:
            exclude = {n.public_key for n in s.nodes}
            for node in self._sample(pool, extra, exclude):
                sent += self._send_announce(s.friend_pk, node.public_key, node.addr, ZERO32, None, now, pool)
        if not sent:  # no path yet: this was no round; try again soon
            s.next_round = now + NO_PATH_RETRY
            self._update_friend(s, now)
            return s.next_round
        if self.announced_nodes:
            # Rounds count towards the back-off only once we are announced ourselves: before
            # that the friend may simply not have had the time to announce either.
            s.round += 1
        s.next_round = now + self._search_interval(s)
        self._update_friend(s, now)
        return s.next_round

    def _update_friend(self, s: Search, now: float) -> None:
        if self.friends is None:
            return
        f = self.friends.get(s.friend_pk)
        if f is None:
            return
        stored = len(s.stored_nodes(now))
        before = (f.announce_nodes > 0, f.search_answered)
        f.announce_nodes = stored
        f.search_answered = len(s.nodes)
        f.search_attempts = s.round
        f.next_search = s.next_round
        if f.dht_key is None and (stored > 0, f.search_answered) != before:
            self.friends.touch(f, now)  # the facts behind AwaitingDHTKey changed

    # --- sending announce requests ---------------------------------------------------------------

    def _ping(self, target: bytes | None, n: ListNode, now: float, pool: list[PackedNode]) -> bool:
        ping_id = n.ping_id if target is None else ZERO32
        if self._send_announce(target, n.public_key, n.addr, ping_id, n.path_id, now, pool):
            n.last_pinged = now
            n.unanswered += 1
            return True
        return False

    def _send_announce(
        self,
        target: bytes | None,
        node_pk: bytes,
        node_addr: Addr,
        ping_id: bytes,
        path_id: int | None,
        now: float,
        pool: list[PackedNode],
    ) -> bool:
        if is_low_order(node_pk):
            return False  # no shared key exists with it
        pool_name = "self" if target is None else "friend"
        paths = self.pools[pool_name]
        path: Path | None = paths.by_id(path_id, now)
        if path is None:
            path = paths.choose(now, pool)
            if path is None:
                return False
            if target is None:
                ping_id = ZERO32  # a ping_id is bound to the old path's third node
        if target is None:
            keys, searched, data_pk = self.ctx.long_term, self.ctx.long_term.public, self.data_keys.public
        else:
            s = self.searches.get(target)
            if s is None:
                return False
            keys, searched, data_pk = s.keys, target, ZERO32
            s.requests += 1
        if not self._send_request(target, keys, searched, data_pk, node_pk, node_addr, ping_id, path, pool_name, now):
            return False
        copies = self.copies(now)
        if copies > 1:
            used = {path.path_id}
            for _ in range(copies - 1):
                alt = paths.choose(now, pool)
                if alt is None or alt.path_id in used:
                    continue
                used.add(alt.path_id)
                # A ping_id is bound to the path it was given through: a copy only asks.
                if self._send_request(target, keys, searched, data_pk, node_pk, node_addr,
                                      ZERO32 if target is None else ping_id, alt, pool_name, now):
                    self.counters["extra_copies"] += 1
        return True

    def _send_request(
        self, target: bytes | None, keys: KeyPair, searched: bytes, data_pk: bytes, node_pk: bytes,
        node_addr: Addr, ping_id: bytes, path: Path, pool_name: str, now: float,
    ) -> bool:
        if len(self.sendbacks) >= C.MAX_SENDBACKS:
            del self.sendbacks[next(iter(self.sendbacks))]
        sendback = self.ctx.rng.bytes(P.SENDBACK_SIZE)
        payload = P.AnnouncePayload(ping_id, searched, data_pk, sendback)
        req = P.seal_announce_request(keys, node_pk, self.ctx.rng.bytes(NONCE_SIZE), payload, self.ctx.keys)
        if not self._send_path(path, node_addr, req.encode()):
            return False
        path.used(now)
        self.sendbacks[sendback] = Pending(target, node_pk, node_addr, path.path_id, pool_name, now, ping_id)
        if len(self._outcomes) < C.MAX_SENDBACKS:
            self._outcomes.append((now, sendback))
        self.counters["announce_sent" if target is None else "search_sent"] += 1
        return True

    def _send_path(self, path: Path, dest: Addr, payload: bytes) -> bool:
        """Send `payload` to `dest` along `path`: as a 0x80 to node A over UDP, or, when node A
        is one of our TCP relays, as the relay's onion request (no A layer)."""
        nonce = self.ctx.rng.bytes(NONCE_SIZE)
        if path.relay is not None:
            relays = self.relays
            return relays is not None and relays.send_onion(
                path.relay, P.build_onion_request_tcp(path.onion, dest, payload, nonce))
        self.ctx.send(P.build_onion_request(path.onion, dest, payload, nonce).encode(), path.nodes[0].addr)
        return True

    # --- replies ---------------------------------------------------------------------------------

    def handle_announce_response(self, data: bytes, addr: Addr, now: float) -> None:
        resp = P.AnnounceResponse.decode(data)
        pend = self.sendbacks.get(resp.sendback)
        if pend is None or now - pend.sent > C.SENDBACK_TIMEOUT:
            self.ctx.drop("0x84: unknown or expired sendback")
            return
        if pend.target is None:
            keys = self.ctx.long_term
            s = None
        else:
            s = self.searches.get(pend.target)
            if s is None:
                del self.sendbacks[resp.sendback]
                return
            keys = s.keys
        result = P.open_announce_response(resp, keys, pend.node_pk, self.ctx.keys)
        del self.sendbacks[resp.sendback]
        self.counters["responses"] += 1
        self.last_response = now
        path = self.pools[pend.pool].by_id(pend.path_id, now)
        if path is not None:
            path.success(now)
            for hop in path.nodes[1:] if path.relay is not None else path.nodes:
                self._add_path_node(PackedNode(hop.addr[0], hop.addr[1], hop.public_key), now)
        self._add_path_node(PackedNode(pend.node_addr[0], pend.node_addr[1], pend.node_pk), now)
        if s is None:
            self._self_response(pend, result, now)
            ref, lst, cap, asked, target = self.ctx.long_term.public, self.self_nodes, C.MAX_ANNOUNCE_NODES, \
                self.self_asked, None
        else:
            if result.is_stored == P.IS_STORED_SELF:
                self.ctx.drop("0x84: is_stored 2 in a friend search")
                return
            self._search_response(s, pend, result, now)
            ref, lst, cap, asked, target = s.friend_pk, s.nodes, C.MAX_SEARCH_NODES, s.asked, s.friend_pk
        self._ask_closer(target, ref, lst, cap, asked, result.nodes, pend.node_addr, now)

    def _upsert(
        self, lst: list[ListNode], ref: bytes, cap: int, pend: Pending, now: float, keep_stored: bool = False
    ) -> ListNode | None:
        for n in lst:
            if n.public_key == pend.node_pk:
                n.addr = pend.node_addr
                return n
        if len(lst) >= cap:
            # Evict a dead node, else the farthest; in a friend search the nodes that report the
            # friend announced go last (a closer node that does not know the friend is worth less).
            lst.sort(key=lambda x: (x.dead(now), keep_stored and not x.stored, distance(ref, x.public_key)))
            worst = lst[-1]
            if not worst.dead(now) and distance(ref, pend.node_pk) >= distance(ref, worst.public_key):
                return None
            lst.pop()
        n = ListNode(pend.node_pk, pend.node_addr, pend.path_id, added=now, last_response=now)
        lst.append(n)
        lst.sort(key=lambda x: distance(ref, x.public_key))
        return n

    def _self_response(self, pend: Pending, result: P.AnnounceResult, now: float) -> None:
        n = self._upsert(self.self_nodes, self.ctx.long_term.public, C.MAX_ANNOUNCE_NODES, pend, now)
        if n is None:
            return
        old_path = n.path_id
        n.last_response = now
        n.unanswered = 0
        n.path_id = pend.path_id
        n.stored = result.is_stored == P.IS_STORED_SELF
        n.ping_id = result.key if result.is_stored != P.IS_STORED_OTHER else ZERO32
        if n.stored and self.announced_at is None:
            self.announced_at = now
            # We are findable now, and friends that started with us likely are too: a search
            # round that found nothing before this moment is repeated at once, not in a second.
            for s in self.searches.values():
                if not s.stored_nodes(now) and s.next_round > now + FIRST_ANNOUNCED_SEARCH:
                    s.next_round = now + FIRST_ANNOUNCED_SEARCH
                    self.kick(s.next_round)
        if not n.stored and n.ping_id != ZERO32 and (pend.ping_id == ZERO32 or old_path != pend.path_id):
            # Announce with the fresh ping_id right away, through the same path.
            self._ping(None, n, now, self._pool_nodes(now))

    def _search_response(self, s: Search, pend: Pending, result: P.AnnounceResult, now: float) -> None:
        s.answers += 1
        was_found = bool(s.stored_nodes(now))
        n = self._upsert(s.nodes, s.friend_pk, C.MAX_SEARCH_NODES, pend, now, keep_stored=True)
        if n is not None:
            n.last_response = now
            n.unanswered = 0
            n.path_id = pend.path_id
            n.stored = result.is_stored == P.IS_STORED_OTHER
            n.data_pk = result.key if n.stored else None
        found = bool(s.stored_nodes(now))
        if was_found and not found and s.round > C.SEARCH_FAST_ROUNDS:
            # Lost again (the friend restarted or moved its announcement): search fast.
            s.round = C.SEARCH_FAST_ROUNDS // 2
            s.next_round = min(s.next_round, now + C.SEARCH_FIRST_INTERVAL)
        if found and not was_found:
            if s.found_at is None:
                s.found_at = now
            self._update_friend(s, now)
            for h in list(self.found_handlers):
                h(s.friend_pk, now)
        else:
            self._update_friend(s, now)

    def _ask_closer(
        self,
        target: bytes | None,
        ref: bytes,
        lst: list[ListNode],
        cap: int,
        asked: dict[bytes, float],
        nodes: tuple[PackedNode, ...] | list[PackedNode],
        responder: Addr | None,
        now: float,
    ) -> None:
        lan_ok = responder is None or is_lan(responder[0])  # None: nodes from our own DHT
        listed = {n.public_key for n in lst}
        live = [n for n in lst if not n.dead(now)]
        worst = max((distance(ref, n.public_key) for n in live), default=None)
        pool: list[PackedNode] | None = None
        for node in nodes:
            if node.tcp or len(node.public_key) != PUBLIC_KEY_SIZE or node.public_key in listed:
                continue
            if is_lan(node.host) and not lan_ok:
                continue
            if len(live) >= cap and worst is not None and distance(ref, node.public_key) >= worst:
                continue
            last = asked.get(node.public_key)
            if last is not None and now - last < C.CANDIDATE_GAP:
                continue
            asked[node.public_key] = now
            if pool is None:
                pool = self._pool_nodes(now)
            self._send_announce(target, node.public_key, node.addr, ZERO32, None, now, pool)

    def handle_data_response(self, data: bytes, addr: Addr, now: float) -> None:
        pkt = P.OnionDataResponse.decode(data)
        od = P.open_onion_data_response(pkt, self.data_keys, self.ctx.long_term, self.ctx.keys)
        self.counters["data_received"] += 1
        handler = self.data_handlers.get(od.kind)
        if handler is None:
            self.ctx.stats.drop_reasons[f"0x86: no handler for id {od.kind:#04x}"] += 1
            return
        handler(od.sender_pk, od.payload, now)
