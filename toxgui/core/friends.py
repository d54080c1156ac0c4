"""Friends: the persistent record of each friend, the live facts behind its ToxProgress stage,
and the one friend lifecycle every layer follows.

Every layer that learns something about a friend writes it here (the onion layer: DHT key and
the nodes where the friend is announced; the DHT: their address; net_crypto: cookie, handshake
and session), and moves the stage with `FriendList.set_stage`, which emits one `Progress` event
per change.  The facts answer "why isn't my friend online?": what is being waited for, how long,
how many attempts, when the next one is.  They are facts, never sentences (`status.FriendFacts`).

Lifecycle: each layer that keeps per-friend state implements `FriendLifecycle` and is listed in
`FriendList.lifecycle` (by the node, in dependency order).  Adding a friend calls
`friend_added` on each, removing calls `friend_removed` on each in reverse order, so no layer
can keep state for a friend that is gone.  Where each layer keeps it:

    onion client      Search (the onion search for the friend's announcement)
    dhtpk             no_replay, onion/DHT send schedules
    friend_requests   Outgoing (our request's retries)
    friend_connection Link (session bookkeeping, DHT search of the friend's DHT key)
    messenger         Peer (ONLINE state, info sent, the outgoing message queue)

Times inside the core are the node's monotonic `now`; facts handed out are relative ("..._ago",
"..._in" in seconds), so front ends can turn them into wall-clock times.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import field
from enum import IntEnum
from typing import Protocol

from toxgui.core.context import NodeContext
from toxgui.core.events import FriendAdded, Progress
from toxgui.core.record import record
from toxgui.core.spec import Stage, Transport
from toxgui.core.status import FriendFacts
from toxgui.core.wire import Addr


class FriendStatus(IntEnum):
    """Savedata friend status (c-toxcore Friend_Status)."""

    ADDED = 1  # request not yet sent
    REQUESTED = 2  # request sent, not yet accepted
    CONFIRMED = 3


@record
class Friend:
    public_key: bytes
    status: FriendStatus = FriendStatus.CONFIRMED
    request_message: bytes = b""
    nospam: bytes = bytes(4)
    name: bytes = b""
    status_message: bytes = b""
    user_status: int = 0
    last_seen: int = 0  # unix seconds, as saved (updated from `seen_at` when saving)
    # --- live facts (not saved) ----------------------------------------------------------------
    connection: Transport = Transport.NONE
    seen_at: float | None = None  # node time the friend was last seen online in this run
    stage: Stage = Stage.AwaitingDHTKey
    stage_entered: float = 0.0
    stage_attempts: int = 0
    next_retry: float | None = None
    dht_key: bytes | None = None
    dht_key_learned: float | None = None
    dht_key_source: str | None = None  # onion / dht / handshake / manual
    address: Addr | None = None
    address_learned: float | None = None
    last_packet: float | None = None
    # the onion search (onion client)
    announce_nodes: int = 0  # onion nodes that report the friend as announced
    search_answered: int = 0  # onion nodes that answered our search
    search_attempts: int = 0
    next_search: float | None = None
    requests_sent: int | None = None  # friend requests sent while ours is not accepted
    # the session (friend_connection)
    session: str | None = None
    rtt_ms: float | None = None
    udp_direct: bool = False
    relays: list[dict[str, object]] = field(default_factory=list)  # TCP relays tried for the friend
    sessions: int = 0
    cookie_timeouts: int = 0
    stale_address: Addr | None = None

    @property
    def online(self) -> bool:
        return self.connection != Transport.NONE

    def facts(self, now: float) -> FriendFacts:
        def ago(t: float | None) -> float | None:
            return None if t is None else round(max(0.0, now - t), 3)

        def until(t: float | None) -> float | None:
            return None if t is None else round(max(0.0, t - now), 3)

        return FriendFacts(
            stage=self.stage,
            stage_ago=ago(self.stage_entered),
            attempts=self.stage_attempts,
            next_retry_in=until(self.next_retry),
            dht_key=self.dht_key.hex().upper() if self.dht_key else None,
            dht_key_ago=ago(self.dht_key_learned),
            dht_key_source=self.dht_key_source,
            address=_addr_text(self.address),
            address_ago=ago(self.address_learned),
            transport=None if self.connection == Transport.NONE else self.connection,
            last_packet_ago=ago(self.last_packet),
            announce_nodes=self.announce_nodes,
            search_answered=self.search_answered,
            search_attempts=self.search_attempts,
            next_search_in=until(self.next_search),
            request_accepted=self.status == FriendStatus.CONFIRMED,
            requests_sent=self.requests_sent,
            session=self.session,
            rtt_ms=self.rtt_ms,
            udp_direct=self.udp_direct,
            relays=[dict(r) for r in self.relays],
            sessions=self.sessions,
            cookie_timeouts=self.cookie_timeouts,
            stale_address=_addr_text(self.stale_address),
            last_seen=self.last_seen,
        )

    def last_seen_at(self, now: float, wall: float) -> int:
        """`last_seen` in unix seconds given the node time `now` and the wall clock `wall`:
        now while online, when last seen online in this run, else as saved (c-toxcore keeps
        last_seen_time current while the friend is online)."""
        if self.online:
            return int(wall)
        if self.seen_at is not None:
            return max(self.last_seen, int(wall - (now - self.seen_at)))
        return self.last_seen


def _addr_text(addr: Addr | None) -> str | None:
    return None if addr is None else f"{addr[0]}:{addr[1]}"


class FriendLifecycle(Protocol):
    """A layer that keeps per-friend state."""

    def friend_added(self, friend: Friend, now: float) -> None: ...

    def friend_removed(self, public_key: bytes, now: float) -> None: ...


class FriendList:
    def __init__(self, ctx: NodeContext) -> None:
        self.ctx = ctx
        self._by_key: dict[bytes, Friend] = {}
        self.lifecycle: list[FriendLifecycle] = []

    def __iter__(self) -> Iterator[Friend]:
        return iter(list(self._by_key.values()))

    def __len__(self) -> int:
        return len(self._by_key)

    def __contains__(self, pk: object) -> bool:
        return pk in self._by_key

    def get(self, pk: bytes) -> Friend | None:
        return self._by_key.get(pk)

    def add(self, friend: Friend, now: float, announce: bool = True) -> Friend:
        """Add a friend and start every layer's work for it (searches, request retries)."""
        if friend.public_key in self._by_key:
            raise ValueError("already a friend")
        friend.stage = Stage.AwaitingDHTKey
        friend.stage_entered = now
        self._by_key[friend.public_key] = friend
        if announce:
            self.ctx.emit(FriendAdded(friend.public_key))
        for layer in self.lifecycle:
            layer.friend_added(friend, now)
        return friend

    def remove(self, pk: bytes, now: float) -> Friend | None:
        """Forget a friend in every layer (top layer first), then the record."""
        friend = self._by_key.get(pk)
        if friend is None:
            return None
        for layer in reversed(self.lifecycle):
            layer.friend_removed(pk, now)
        del self._by_key[pk]
        return friend

    def set_stage(self, friend: Friend, stage: Stage, now: float) -> None:
        """Move a friend to `stage`; emits a Progress event when the stage actually changes."""
        if friend.stage == stage:
            return
        friend.stage = stage
        friend.stage_entered = now
        friend.stage_attempts = 0
        friend.next_retry = None
        self.ctx.emit(Progress(friend.public_key, stage, friend.facts(now)))

    def touch(self, friend: Friend, now: float) -> None:
        """Re-announce the current stage with fresh facts (attempt counts, next retry)."""
        self.ctx.emit(Progress(friend.public_key, friend.stage, friend.facts(now)))
