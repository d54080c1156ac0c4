"""DHT public-key exchange (DHTPK): how friends learn each other's current DHT key.

Our DHT key is new on every start, so each side tells its friends: ``0x9c | no_replay | DHT pk |
up to 4 nodes`` over the onion (as onion data) and over DHT requests (0x20, routed by the
friend's DHT key through nodes that know its address).

* no_replay: strictly increasing per sender.  We send max(int(now), last + 1), so it grows with
  the (monotonic) clock and across quick restarts; the receiver accepts only values greater than
  the last accepted one from that friend (same or lower is a replay and is counted).  The last
  value is forgotten when the friend goes offline, as in c-toxcore.
* Sending: over the onion as soon as the friend's search finds it, then every
  DHTPK_ONION_INTERVAL while the friend is not connected; over the DHT every DHTPK_DHT_INTERVAL
  when we know the friend's DHT key and some node reports its address.  A newly learned key is
  answered at once with ours.
* Receiving (from a friend only): record the key (stage AwaitingDHTKey -> AcquiringIPAddress),
  make it a DHT search target and ask the nodes the packet carries about it (get-nodes).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable

from toxgui.core.context import NodeContext
from toxgui.core.dht import Dht
from toxgui.core.errors import ProtocolError
from toxgui.core.friends import Friend, FriendList, FriendStatus
from toxgui.core.onion import constants as C
from toxgui.core.onion.client import OnionClient
from toxgui.core.packets.dhtpk import MAX_DHTPK_NODES, DhtPk, check_dht_sender, open_dht_dhtpk, seal_dht_dhtpk
from toxgui.core.packets.kinds import CryptoRequestId
from toxgui.core.spec import Stage
from toxgui.core.tcp.client import TcpConnections
from toxgui.core.wire import NONCE_SIZE, Addr, PackedNode

log = logging.getLogger(__name__)

KeyListener = Callable[[Friend, bytes | None, float], None]  # (friend, old key, now)


class DhtPkExchange:
    def __init__(
        self,
        ctx: NodeContext,
        friends: FriendList,
        onion: OnionClient,
        dht: Dht,
    ) -> None:
        self.ctx = ctx
        self.friends = friends
        self.onion = onion
        self.dht = dht
        self._last_sent = 0
        self._last_recv: dict[bytes, int] = {}
        self._onion_next: dict[bytes, float] = {}
        self._onion_gap: dict[bytes, float] = {}
        self._onion_sends: dict[bytes, int] = {}
        self._dht_next: dict[bytes, float] = {}
        self._connected: dict[bytes, bool] = {}
        self.key_listeners: list[KeyListener] = []
        # TCP relays a friend's DHTPK named: (friend pk, relays, now) -> friend_connection
        self.relay_listeners: list[Callable[[bytes, list[PackedNode], float], None]] = []
        self.relays: TcpConnections | None = None  # ours, set by the node
        self.counters: Counter[str] = Counter()
        self._deadline: float | None = 0.0
        onion.on_data(CryptoRequestId.DHTPK, self._on_onion)
        onion.on_found(self._on_found)
        dht.on_crypto_request(CryptoRequestId.DHTPK, self._on_dht)

    # --- sending --------------------------------------------------------------------------------

    def next_no_replay(self, now: float) -> int:
        v = max(int(now), self._last_sent + 1)
        self._last_sent = v
        return v

    def payload(self, now: float) -> DhtPk:
        """Our DHT key, with up to 2 of our connected TCP relays first (c-toxcore
        send_dhtpk_announce: a friend without UDP can reach us only there), then ourselves when we
        know an address others reach us at (the closest node to our key there is: the friend asks
        it, and our answer gives the friend our address at once, without waiting for DHT nodes to
        learn of us), then close DHT nodes."""
        relays = self.relays.connected_relays(shareable=True)[:MAX_DHTPK_NODES // 2] if self.relays is not None else []
        me = self.dht.self_node()
        nodes = [n for n in self.dht.closest_nodes(self.ctx.dht_keys.public, MAX_DHTPK_NODES) if not n.tcp]
        return DhtPk(self.next_no_replay(now), self.ctx.dht_keys.public,
                     tuple([*relays, *([me] if me is not None else []), *nodes][:MAX_DHTPK_NODES]))

    def send_onion(self, friend: Friend, now: float) -> int:
        n = self.onion.send_onion_data(friend.public_key, self.payload(now).encode(), now)
        if n:
            self.counters["sent_onion"] += n
            pk = friend.public_key
            sends = self._onion_sends.get(pk, 0) + 1
            self._onion_sends[pk] = sends
            gap = self._onion_gap.get(pk, C.DHTPK_ONION_FIRST_INTERVAL)
            self._onion_next[pk] = now + gap
            if sends >= C.DHTPK_FAST_SENDS:
                self._onion_gap[pk] = min(gap * 2, C.DHTPK_ONION_INTERVAL)
        return n

    def sent_request(self, friend: Friend, now: float) -> None:
        """Our friend request went out: our DHT key goes along, so the friend learns it right
        after accepting instead of at our next DHTPK."""
        self.send_onion(friend, now)

    def send_dht(self, friend: Friend, now: float) -> int:
        dht = self.dht
        if friend.dht_key is None:
            return 0
        via = list(dht.nodes_reporting(friend.dht_key))
        for a in dht.friend_addresses(friend.dht_key):
            if a not in via:
                via.append(a)
        if not via:
            return 0
        data = seal_dht_dhtpk(
            self.ctx.long_term, friend.public_key, self.ctx.rng.bytes(NONCE_SIZE), self.payload(now),
            self.ctx.keys,
        )
        dht.send_crypto_request(friend.dht_key, CryptoRequestId.DHTPK, data, via)
        self.counters["sent_dht"] += 1
        self._dht_next[friend.public_key] = now + C.DHTPK_DHT_INTERVAL
        return 1

    def _on_found(self, friend_pk: bytes, now: float) -> None:
        f = self.friends.get(friend_pk)
        if f is not None and f.connection == "none":
            self._fast_again(friend_pk)  # start the fast schedule again
            self.send_onion(f, now)

    # --- timer ----------------------------------------------------------------------------------

    def get_timer(self) -> float | None:
        return self._deadline

    def handle_timer(self, now: float) -> None:
        nxt = now + 5.0
        for f in self.friends:
            pk = f.public_key
            online = f.connection != "none"
            if self._connected.get(pk) and not online:
                self.reset_replay(pk)  # went offline: c-toxcore forgets the last no_replay too
                self._fast_again(pk)
                self.onion.boost_search(pk, now)
            self._connected[pk] = online
            if online:
                continue
            t = self._onion_next.get(pk, now)
            if t <= now and self.onion.is_found(pk, now) and not self.send_onion(f, now):
                self._onion_next[pk] = now + 1.0
            nxt = min(nxt, self._onion_next.get(pk, now + 1.0))
            if f.dht_key is not None:
                t = self._dht_next.get(pk, now)
                if t <= now and not self.send_dht(f, now):
                    self._dht_next[pk] = now + 1.0
                nxt = min(nxt, self._dht_next.get(pk, now + 1.0))
        self._deadline = max(nxt, now + 0.25)

    # --- receiving ------------------------------------------------------------------------------

    def _on_onion(self, sender_pk: bytes, payload: bytes, now: float) -> None:
        self.receive(sender_pk, DhtPk.decode(payload), "onion", now)

    def _on_dht(self, sender_dht_pk: bytes, data: bytes, addr: Addr, now: float) -> None:
        try:
            sender_pk, pk = open_dht_dhtpk(data, self.ctx.long_term, self.ctx.keys)
            check_dht_sender(sender_dht_pk, pk)
        except ProtocolError as e:
            self.counters["dropped_malformed"] += 1
            self.ctx.drop(f"0x20 DHTPK: {e.code}")
            return
        self.receive(sender_pk, pk, "dht", now)

    def _fast_again(self, friend_pk: bytes) -> None:
        self._onion_gap.pop(friend_pk, None)
        self._onion_sends.pop(friend_pk, None)

    # friend lifecycle
    def friend_added(self, friend: Friend, now: float) -> None:
        self._deadline = now

    def friend_removed(self, public_key: bytes, now: float) -> None:
        self.forget(public_key)
        f = self.friends.get(public_key)
        if f is not None and f.dht_key is not None:
            self.dht.remove_search(f.dht_key)  # the search added when the key was learnt

    def forget(self, friend_pk: bytes) -> None:
        for d in (self._last_recv, self._onion_next, self._onion_gap, self._onion_sends, self._dht_next,
                  self._connected):
            d.pop(friend_pk, None)

    def reset_replay(self, friend_pk: bytes) -> None:
        self._last_recv.pop(friend_pk, None)

    def receive(self, sender_pk: bytes, pk: DhtPk, source: str, now: float) -> bool:
        """Apply a decoded DHTPK from `sender_pk`; False when it is dropped."""
        f = self.friends.get(sender_pk)
        if f is None:
            self.counters["from_non_friend"] += 1
            self.ctx.stats.drop_reasons["DHTPK: sender is not a friend"] += 1
            return False
        if pk.no_replay <= self._last_recv.get(sender_pk, 0):
            self.counters["replay_rejected"] += 1
            self.ctx.stats.drop_reasons["DHTPK: replayed no_replay"] += 1
            return False
        self._last_recv[sender_pk] = pk.no_replay
        self.counters[f"accepted_{source}"] += 1
        if f.status != FriendStatus.CONFIRMED:
            f.status = FriendStatus.CONFIRMED  # they send DHTPKs only to friends: the request was accepted
        dht = self.dht
        old = f.dht_key
        if old != pk.dht_pk:
            f.dht_key = pk.dht_pk
            f.dht_key_learned = now
            f.dht_key_source = source
            if old is not None:
                dht.remove_search(old)
            dht.add_search(pk.dht_pk, now)
            for listener in list(self.key_listeners):
                listener(f, old, now)
            if f.stage in (Stage.AwaitingDHTKey, Stage.AcquiringIPAddress) or old is not None:
                self.friends.set_stage(f, Stage.AcquiringIPAddress, now)
            # Answer at once so the friend learns our key too, and search fast: it is online.
            self._onion_next[sender_pk] = now
            self._fast_again(sender_pk)
            self._dht_next[sender_pk] = now
            self.onion.boost_search(sender_pk, now)
            self._deadline = now
        for node in pk.nodes:
            if not node.tcp and node.public_key != self.ctx.dht_keys.public:
                # Ask each node for the friend, as c-toxcore does (dht_getnodes): a node close to
                # the friend names it; the friend itself, when it named itself, answers from its
                # address, which is the answer.
                dht.get_nodes(node.addr, node.public_key, pk.dht_pk, now)
        relays = [node for node in pk.nodes if node.tcp]
        if relays:
            for relay_listener in list(self.relay_listeners):
                relay_listener(f.public_key, relays, now)
        return True

