"""Typed snapshots of a node for front ends: `FriendFacts` (one friend's connection) and
`NodeStatus` (our own network state).

These are facts, never sentences: the headless `waiting_for` line and the GUI's translated
sentence are both built from them outside the core.  Times are relative to the `now` the
snapshot was taken at (`..._ago`, `..._in`, seconds), so front ends can turn them into wall
clock times.  `as_dict()` is the JSON form (the `details` of a headless `progress` event).
"""

from __future__ import annotations

from dataclasses import asdict, field

from toxgui.core.record import record
from toxgui.core.spec import Stage, Transport


@record(slots=True)
class FriendFacts:
    stage: Stage = Stage.AwaitingDHTKey
    stage_ago: float | None = None
    attempts: int = 0  # cookie requests or handshakes sent in this stage
    next_retry_in: float | None = None
    dht_key: str | None = None  # hex
    dht_key_ago: float | None = None
    dht_key_source: str | None = None  # onion / dht / handshake / manual
    address: str | None = None  # "host:port"
    address_ago: float | None = None
    transport: Transport | None = None  # None while not connected
    last_packet_ago: float | None = None
    # the onion search
    announce_nodes: int = 0  # onion nodes that report the friend announced
    search_answered: int = 0  # onion nodes that answered our search
    search_attempts: int = 0
    next_search_in: float | None = None
    request_accepted: bool = True  # False while our friend request is not accepted
    requests_sent: int | None = None  # friend requests sent, while ours is not accepted
    # the session
    session: str | None = None  # cookie_requesting / handshake_sent / not_confirmed / established
    rtt_ms: float | None = None
    udp_direct: bool = False
    # TCP relays tried for this friend: host, port, relay (our connection to it: connecting,
    # handshake, connected, down), link (online: the relay links us; registered: we asked and
    # wait for the friend to ask too; asked: our request is not answered yet), rtt_ms
    relays: list[dict[str, object]] = field(default_factory=list)
    sessions: int = 0
    cookie_timeouts: int = 0
    stale_address: str | None = None
    last_seen: int = 0  # unix seconds, 0 = never

    def as_dict(self) -> dict[str, object]:
        d = asdict(self)
        d["stage"] = self.stage.value
        d["transport"] = None if self.transport is None else self.transport.value
        if self.requests_sent is None:
            del d["requests_sent"]
        return d


@record(slots=True)
class NodeStatus:
    dht_public_key: bytes
    dht_known: int
    dht_good: int
    onion_announced: int  # onion nodes that store our announcement
    onion_nodes: int  # of the nodes we announce on
    onion_paths: int  # onion paths that answered recently
    friend_requests_pending: list[bytes]
    friend_requests_dropped_nospam: int
    stats: dict[str, object]
    received_kinds: dict[int, int] = field(default_factory=dict)
    udp_enabled: bool = True
    # our TCP relays: host, port, public_key, state (connecting/handshake/connected/down),
    # peers (friends linked through it now), rtt_ms, and error while not connected
    tcp_relays: list[dict[str, object]] = field(default_factory=list)
