"""Friends: the persistent record of each friend and the live facts behind its ToxProgress stage.

Every layer that learns something about a friend writes it here (the onion layer: DHT key and
the nodes where the friend is announced; the DHT: their address; net_crypto: cookie, handshake
and session), and moves the stage with `FriendList.set_stage`, which emits one `Progress` event
per change.  The facts answer "why isn't my friend online?": what is being waited for, how long,
how many attempts, when the next one is.

Times inside the core are the node's monotonic `now`; facts handed out are relative ("..._ago",
"..._in" in seconds), so front ends can turn them into wall-clock times.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

from toxgui.core.events import FriendAdded, Progress, Stage
from toxgui.core.node import NodeContext
from toxgui.core.wire import Addr

STAGE_ORDER = list(Stage)


class FriendStatus(IntEnum):
    """Savedata friend status (c-toxcore Friend_Status)."""

    ADDED = 1  # request not yet sent
    REQUESTED = 2  # request sent, not yet accepted
    CONFIRMED = 3


@dataclass
class Friend:
    public_key: bytes
    status: FriendStatus = FriendStatus.CONFIRMED
    request_message: bytes = b""
    nospam: bytes = bytes(4)
    name: bytes = b""
    status_message: bytes = b""
    user_status: int = 0
    last_seen: int = 0  # unix seconds, as saved
    # --- live facts (not saved) ----------------------------------------------------------------
    connection: str = "none"  # none / udp / tcp
    stage: Stage = Stage.AwaitingDHTKey
    stage_entered: float = 0.0
    stage_attempts: int = 0
    next_retry: float | None = None
    dht_key: bytes | None = None
    dht_key_learned: float | None = None
    dht_key_source: str | None = None  # onion / dht / handshake
    address: Addr | None = None
    address_learned: float | None = None
    last_packet: float | None = None
    announce_nodes: int = 0  # onion nodes that report the friend as announced
    search_attempts: int = 0
    next_search: float | None = None
    waiting_for: str = ""  # plain-language line for the dashboard
    extra: dict[str, object] = field(default_factory=dict)

    def facts(self, now: float) -> dict[str, object]:
        def ago(t: float | None) -> float | None:
            return None if t is None else round(max(0.0, now - t), 3)

        def until(t: float | None) -> float | None:
            return None if t is None else round(max(0.0, t - now), 3)

        return {
            "stage_ago": ago(self.stage_entered),
            "attempts": self.stage_attempts,
            "next_retry_in": until(self.next_retry),
            "dht_key": self.dht_key.hex().upper() if self.dht_key else None,
            "dht_key_ago": ago(self.dht_key_learned),
            "dht_key_source": self.dht_key_source,
            "address": f"{self.address[0]}:{self.address[1]}" if self.address else None,
            "address_ago": ago(self.address_learned),
            "transport": None if self.connection == "none" else self.connection,
            "last_packet_ago": ago(self.last_packet),
            "announce_nodes": self.announce_nodes,
            "search_attempts": self.search_attempts,
            "next_search_in": until(self.next_search),
            "waiting_for": self.waiting_for,
            **self.extra,
        }


class FriendList:
    def __init__(self, ctx: NodeContext) -> None:
        self.ctx = ctx
        self._by_key: dict[bytes, Friend] = {}

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(list(self._by_key.values()))

    def __len__(self) -> int:
        return len(self._by_key)

    def __contains__(self, pk: object) -> bool:
        return pk in self._by_key

    def get(self, pk: bytes) -> Friend | None:
        return self._by_key.get(pk)

    def add(self, friend: Friend, now: float, announce: bool = True) -> Friend:
        if friend.public_key in self._by_key:
            raise ValueError("already a friend")
        friend.stage = Stage.AwaitingDHTKey
        friend.stage_entered = now
        self._by_key[friend.public_key] = friend
        if announce:
            self.ctx.emit(FriendAdded(friend.public_key))
        return friend

    def remove(self, pk: bytes) -> Friend | None:
        return self._by_key.pop(pk, None)

    def set_stage(self, friend: Friend, stage: Stage, now: float, waiting_for: str | None = None) -> None:
        """Move a friend to `stage`; emits a Progress event when the stage actually changes."""
        if waiting_for is not None:
            friend.waiting_for = waiting_for
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
