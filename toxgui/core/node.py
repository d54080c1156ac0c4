"""ToxNode: the whole sans-I/O Tox node, composed of its layers in one visible place.

The aioquic shape (design.md §2.3): inputs are `receive_datagram(data, route, now)`,
`handle_timer(now)` and commands; outputs are `datagrams_to_send()`, `get_timer()` and
`next_event()`.  Nothing here reads a clock, touches a socket or draws randomness except through
the injected `Rng`.

`ToxNode.__init__` builds every layer, bottom up, as a typed attribute:

    dht                DHT: close list, searches, routing of DHT requests (0x00-0x04, 0x20)
    friends            the friend records and the friend lifecycle every layer below follows
    onion              relay, announce store, and our onion client (0x80-0x86, 0x8c-0x8e)
    dhtpk              DHT public-key exchange over the onion and the DHT
    friend_requests    friend requests over the onion and over sessions
    net_crypto         cookies, handshakes, encrypted sessions (0x18-0x1b)
    friend_connection  one session per friend, ALIVE and timeouts, a packet registry by id
    messenger          presence, names, statuses, typing and messages (ids 24-65)
    files              file transfers (ids 80-82): offers, controls, paced chunks
    conferences        conferences, c-toxcore's group chats (ids 96-100, lossy 199)

A new protocol layer is built here after the layers it uses, registers its packet kinds (or its
friend_connection packet ids), joins `friends.lifecycle` if it keeps per-friend state, and is
added to the timed layers if it has a timer.  Friend commands (add, accept, remove) are here:
they span layers.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Protocol

from toxgui.core.conferences import Conferences
from toxgui.core.context import NodeConfig, NodeContext, RelayRoute, Route, Stats
from toxgui.core.crypto import KeyPair, Rng
from toxgui.core.dht import Dht
from toxgui.core.dhtpk import DhtPkExchange
from toxgui.core.errors import NotAFriend, ProtocolError
from toxgui.core.events import Event
from toxgui.core.files import FileTransfers
from toxgui.core.friend_connection import FriendConnections
from toxgui.core.friend_requests import AlreadyFriend, FriendRequests, check_message
from toxgui.core.friends import Friend, FriendList, FriendStatus
from toxgui.core.messenger import Messenger
from toxgui.core.net_crypto import NetCrypto
from toxgui.core.onion import Onion
from toxgui.core.packets.kinds import PacketKind
from toxgui.core.spec import NOSPAM_SIZE, MessageKind, UserStatus
from toxgui.core.status import FriendFacts, NodeStatus
from toxgui.core.tcp.client import TcpConnections
from toxgui.core.toxid import ToxId, ToxIdIsOwn
from toxgui.core.wire import PUBLIC_KEY_SIZE, Addr, PackedNode, normalize_addr

__all__ = ["NodeConfig", "NodeContext", "Stats", "ToxNode"]

log = logging.getLogger(__name__)

Handler = Callable[[bytes, Route, float], None]  # a layer that works over any transport
UdpHandler = Callable[[bytes, Addr, float], None]  # a layer that speaks UDP only (DHT, onion)

# A bug met while handling a packet is logged with its traceback at most this often per packet
# kind (seconds of node time); every occurrence is counted in `stats.internal_errors`.
INTERNAL_ERROR_LOG_INTERVAL = 60.0


class Layer(Protocol):
    def get_timer(self) -> float | None: ...

    def handle_timer(self, now: float) -> None: ...


class ToxNode:
    def __init__(
        self,
        long_term: KeyPair,
        nospam: bytes,
        rng: Rng,
        config: NodeConfig | None = None,
    ) -> None:
        self.config = config or NodeConfig()
        self.nospam = nospam
        self.ctx = NodeContext(rng, self.config, long_term, KeyPair.generate(rng))
        self._handlers: dict[int, Handler] = {}
        self._udp_handlers: dict[int, UdpHandler] = {}
        self._logged_errors: dict[str, float] = {}
        ctx = self.ctx
        # --- TCP relays we connect to ---
        self.tcp = TcpConnections(ctx)
        ctx.relay_send = self.tcp.send
        # --- finding friends ---
        self.dht = Dht(ctx, self.register_udp)
        self.friends = FriendList(ctx)
        self.onion = Onion(ctx, self.dht, self.friends)
        self.dhtpk = DhtPkExchange(ctx, self.friends, self.onion.client, self.dht)
        self.friend_requests = FriendRequests(ctx, self.friends, self.onion.client, lambda: self.nospam)
        # --- sessions and chat ---
        self.net_crypto = NetCrypto(ctx)
        self.net_crypto.relays = self.tcp
        self.dhtpk.relays = self.tcp
        self.onion.client.relays = self.tcp
        # Onion paths start at one of our relays without UDP, or while the DHT knows no good node.
        self.onion.client.prefer_tcp = lambda: not self.config.udp or self.dht.good == 0
        self.onion.client.udp_enabled = self.config.udp
        self.tcp.connected_listeners.append(self.onion.client.kick)  # paths can start there now
        self.friend_connection = FriendConnections(ctx, self.friends, self.net_crypto, self.dht)
        self.messenger = Messenger(ctx, self.friends, self.friend_connection)
        self.files = FileTransfers(ctx, self.friends, self.friend_connection, self.messenger)
        self.conferences = Conferences(ctx, self.friends, self.friend_connection, self.messenger)
        # --- links between layers ---
        # After each request sent, our DHT key goes along, so the friend learns it right after
        # accepting instead of at our next DHTPK.
        self.friend_requests.sent_listeners.append(self.dhtpk.sent_request)
        # Relays a friend names in its DHTPK are tried for its session.
        self.dhtpk.relay_listeners.append(self.friend_connection.learn_relays)
        # A friend's new DHT key starts its search and session at once.
        self.dhtpk.key_listeners.append(self.friend_connection.dht_key_learned)
        # A friend request over an existing session (id 18) reads like one through the onion.
        self.friend_connection.on_friend_request(self.friend_requests.receive)
        for kinds, handler in self.onion.handlers():
            self.register_udp(kinds, handler)
        self.register(NetCrypto.KINDS, self.net_crypto.handle)
        # Onion replies through a relay (it was node A of the path): the same as over UDP.
        self.register((PacketKind.ANNOUNCE_RESPONSE,), self._relayed_onion_reply)
        self.register((PacketKind.ONION_DATA_RESPONSE,), self._relayed_onion_reply)
        # Per-friend state, in dependency order (removal runs from the top down).
        self.friends.lifecycle = [
            self.onion.client, self.dhtpk, self.friend_requests, self.friend_connection, self.messenger, self.files,
            self.conferences,
        ]
        self._layers: list[Layer] = [
            self.tcp, self.dht, self.onion, self.dhtpk, self.friend_requests, self.net_crypto, self.friend_connection, self.files,
            self.conferences,
        ]

    def _relayed_onion_reply(self, data: bytes, route: Route, now: float) -> None:
        if not isinstance(route, RelayRoute) or route.relay_public_key != route.peer_dht_key:
            self.ctx.drop("onion reply: not from a relay's onion")
            return
        for kinds, handler in self.onion.handlers():
            if data[0] in kinds:
                handler(data, ("0.0.0.0", 0), now)  # the replies never look at the source
                return

    def register(self, kinds: Iterable[int], handler: Handler) -> None:
        """Packets of these kinds, from any route (UDP or a relay), go to `handler`."""
        for k in kinds:
            self._handlers[k] = handler

    def register_udp(self, kinds: Iterable[int], handler: UdpHandler) -> None:
        """Packets of these kinds arriving over UDP go to `handler`; from any other route they
        are dropped (the layer speaks UDP only)."""
        for k in kinds:
            self._udp_handlers[k] = handler

    # --- identity -----------------------------------------------------------------------------

    @property
    def public_key(self) -> bytes:
        return self.ctx.long_term.public

    @property
    def dht_public_key(self) -> bytes:
        return self.ctx.dht_keys.public

    @property
    def tox_id(self) -> ToxId:
        return ToxId(self.public_key, self.nospam)

    @property
    def stats(self) -> Stats:
        return self.ctx.stats

    # --- friends ------------------------------------------------------------------------------

    def add_friend(self, tox_id: ToxId | str | bytes, message: bytes | str, now: float) -> Friend:
        """Add a friend by Tox ID and send it a friend request.

        Raises a toxgui.core.toxid error for a bad ID (checksum, length, characters, our own ID),
        FriendMessageEmpty / FriendMessageTooLong for the message, AlreadyFriend.
        """
        own = self.public_key
        if isinstance(tox_id, ToxId):
            tid = tox_id
        elif isinstance(tox_id, bytes | bytearray):
            tid = ToxId.from_bytes(bytes(tox_id))
        else:
            tid = ToxId.parse(tox_id, own_public_key=own)
        if tid.public_key == own:
            raise ToxIdIsOwn()
        msg = check_message(message)
        if tid.public_key in self.friends:
            raise AlreadyFriend()
        self.friend_requests.pending.pop(tid.public_key, None)
        f = Friend(tid.public_key, status=FriendStatus.ADDED, request_message=msg, nospam=tid.nospam)
        self.friends.add(f, now)
        self.friends.touch(f, now)
        return f

    def accept_request(self, public_key: bytes | str, now: float) -> Friend:
        """Accept a pending friend request (NoSuchRequest if there is none; AlreadyFriend)."""
        raw = _parse_pk(public_key)
        if raw in self.friends:
            raise AlreadyFriend()
        msg = self.friend_requests.take(raw)
        f = Friend(raw, status=FriendStatus.CONFIRMED, request_message=msg)
        self.friends.add(f, now)
        self.friends.touch(f, now)
        return f

    def decline_request(self, public_key: bytes | str) -> None:
        self.friend_requests.decline(_parse_pk(public_key))

    def remove_friend(self, public_key: bytes | str, now: float = 0.0) -> bool:
        """Forget a friend in every layer (session, searches, request retries, DHTPK state,
        queued messages) and the record; False if it was not a friend."""
        return self.friends.remove(_parse_pk(public_key), now) is not None

    def set_nospam(self, nospam: bytes) -> None:
        if not isinstance(nospam, bytes | bytearray) or len(nospam) != NOSPAM_SIZE:
            raise ValueError("nospam is 4 bytes")
        self.nospam = bytes(nospam)

    def load_friends(self, friends: Iterable[Friend], now: float = 0.0) -> None:
        """Friends from a saved profile (no friend_added events); starts their searches."""
        for f in friends:
            if f.public_key in self.friends or len(f.public_key) != PUBLIC_KEY_SIZE:
                continue
            self.friends.add(f, now, announce=False)

    def export_friends(self, now: float, wall: float) -> list[Friend]:
        """Copies of the friend records for saving, `last_seen` brought up to date (`wall` is
        the wall clock in unix seconds at node time `now`)."""
        return [replace(f, last_seen=f.last_seen_at(now, wall)) for f in self.friends]

    def friend_facts(self, public_key: bytes, now: float) -> FriendFacts:
        f = self.friends.get(public_key)
        if f is None:
            raise NotAFriend()
        return f.facts(now)

    # --- sessions and chat --------------------------------------------------------------------

    def send_message(self, public_key: bytes, text: str | bytes, kind: MessageKind | str, now: float) -> list[int]:
        """Queue a message; split above 1372 bytes.  Returns the ids later `Receipt` events
        carry, one per piece."""
        return self.messenger.send_message(public_key, text, MessageKind(kind), now)

    def set_name(self, name: bytes, now: float) -> None:
        self.messenger.set_name(name, now)
        self.conferences.name_changed(now)

    def set_status_message(self, text: bytes, now: float) -> None:
        self.messenger.set_status_message(text, now)

    def set_status(self, status: UserStatus | int, now: float) -> None:
        self.messenger.set_status(UserStatus(status), now)

    def set_typing(self, public_key: bytes, on: bool, now: float) -> None:
        self.messenger.set_typing(public_key, on, now)

    def shutdown(self, now: float) -> None:
        """Say goodbye before the process exits: a kill packet on every session (as c-toxcore's
        tox_kill), so friends see us offline at once instead of after their 32 s timeout.  The
        caller sends what `datagrams_to_send()` returns before closing its sockets."""
        self.friend_connection.shutdown(now)

    # --- the DHT ------------------------------------------------------------------------------

    def bootstrap(self, host: str, port: int, public_key: bytes, now: float) -> bool:
        """Bootstrap the DHT from a node at an IP literal (resolve names in net/ first).  Without
        UDP the node is only a candidate for onion paths (nodes B and C after a relay)."""
        if not self.config.udp:
            self.onion.client.add_bootstrap_path_node(PackedNode(host, port, bytes(public_key)), now)
            return True
        return self.dht.bootstrap((host, port), public_key, now)

    def set_local_address(self, host: str, port: int) -> None:
        """The runtime bound our UDP socket to (host, port).  A specific host (not a wildcard) is
        an address friends can reach us at; it goes, as a node, into what we tell them (DHTPK)."""
        try:
            specific = not ipaddress.ip_address(host).is_unspecified and 0 < port < 65536
        except ValueError:  # a name, not an IP literal: not something to tell anyone
            specific = False
        self.dht.local_addr = normalize_addr((host, port)) if specific else None

    def load_dht_nodes(self, nodes: Iterable[PackedNode], now: float) -> int:
        """Bootstrap from the DHT nodes a profile saved (c-toxcore dht_connect_after_load)."""
        return self.dht.load_nodes(nodes, now)

    # --- TCP relays -----------------------------------------------------------------------------

    def add_tcp_relay(self, host: str, port: int, public_key: bytes, now: float) -> bool:
        """Connect to a TCP relay at an IP literal (tox_add_tcp_relay); its key is its DHT key."""
        return self.tcp.add_relay(host, port, public_key, now) is not None

    def tcp_commands(self) -> list[tuple[str, int, str, int]]:
        """For the glue: ("open", N, host, port) and ("close", N, "", 0)."""
        return self.tcp.commands()

    def tcp_opened(self, number: int, now: float) -> None:
        self.tcp.opened(number, now)

    def tcp_closed(self, number: int, now: float, reason: str = "connection closed") -> None:
        self.tcp.closed(number, now, reason)

    def tcp_received(self, number: int, data: bytes, now: float) -> None:
        """Bytes from relay connection `number`: every packet they carry is handled as a
        datagram from a RelayRoute."""
        try:
            packets = self.tcp.receive(number, data, now)
        except Exception:
            self.ctx.stats.internal_errors += 1
            self._log_internal_error("TCP relay connection", now)
            return
        for packet, route in packets:
            self.receive_datagram(packet, route, now)

    def saved_dht_nodes(self) -> list[PackedNode]:
        """The DHT nodes worth saving for the next start."""
        return self.dht.saved_nodes()

    def status(self, now: float) -> NodeStatus:
        client = self.onion.client
        fr = self.friend_requests
        return NodeStatus(
            dht_public_key=self.dht_public_key,
            dht_known=self.dht.known,
            dht_good=self.dht.good,
            onion_announced=client.announced_nodes,
            onion_nodes=len(client.self_nodes),
            onion_paths=client.alive_paths(now),
            friend_requests_pending=list(fr.pending),
            friend_requests_dropped_nospam=fr.counters["wrong_nospam"],
            stats=self.stats.as_dict(),
            received_kinds=dict(sorted(self.stats.by_kind.items())),
            udp_enabled=self.config.udp,
            tcp_relays=self.tcp.status(),
        )

    # --- inputs -------------------------------------------------------------------------------

    def receive_datagram(self, data: bytes, route: Route, now: float) -> None:
        st = self.ctx.stats
        st.received += 1
        if not data:
            self.ctx.drop("empty")
            return
        kind = data[0]
        st.by_kind[kind] += 1
        ctx = self.ctx
        ctx.source, ctx.now = route, now
        try:
            if isinstance(route, tuple):
                udp = self._udp_handlers.get(kind)
                if udp is not None:
                    udp(data, normalize_addr(route), now)
                    return
                route = normalize_addr(route)
            handler = self._handlers.get(kind)
            if handler is None:
                st.dropped_unknown += 1
                return
            handler(data, route, now)
        except ProtocolError as e:
            self.ctx.drop(f"{kind:#04x}: {e.code}")
        except Exception:
            # A bug, not bad input: count it (tests assert the count stays 0) and keep serving.
            st.internal_errors += 1
            self._log_internal_error(f"packet kind {kind:#04x}", now)
        finally:
            ctx.source = None

    def handle_timer(self, now: float) -> None:
        for layer in self._layers:
            t = layer.get_timer()
            if t is not None and t <= now:
                try:
                    layer.handle_timer(now)
                except Exception:
                    self.ctx.stats.internal_errors += 1
                    self._log_internal_error(f"timer of {type(layer).__name__}", now)

    def _log_internal_error(self, where: str, now: float) -> None:
        last = self._logged_errors.get(where)
        if last is not None and now - last < INTERNAL_ERROR_LOG_INTERVAL:
            return
        self._logged_errors[where] = now
        log.exception("internal error in %s (further ones within %.0f s are only counted)",
                      where, INTERNAL_ERROR_LOG_INTERVAL)

    # --- outputs ------------------------------------------------------------------------------

    def datagrams_to_send(self) -> list[tuple[bytes, Route]]:
        out = self.ctx.outbox
        self.ctx.outbox = []
        self.ctx.stats.sent += len(out)
        return out

    def next_event(self) -> Event | None:
        return self.ctx.events.popleft() if self.ctx.events else None

    def get_timer(self) -> float | None:
        times = [t for t in (layer.get_timer() for layer in self._layers) if t is not None]
        return min(times) if times else None


def _parse_pk(pk: bytes | str) -> bytes:
    try:
        raw = bytes.fromhex(pk) if isinstance(pk, str) else bytes(pk)
    except ValueError as e:
        raise ValueError("a public key is 64 hexadecimal characters") from e
    if len(raw) != PUBLIC_KEY_SIZE:
        raise ValueError("a public key is 32 bytes (64 hexadecimal characters)")
    return raw
