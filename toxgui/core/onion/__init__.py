"""The onion layer: relaying for others, answering announces, and our own onion client.

`Onion` groups the three parts one node runs:

* `relay`  (OnionRelay): nodes A, B, C of other people's paths (0x80-0x82, 0x8c-0x8e);
* `store`  (AnnounceStore): node D, where others announce and are searched (0x83, 0x85);
* `client` (OnionClient): our self-announce, friend searches and onion data (0x84, 0x86).
"""

from __future__ import annotations

from collections.abc import Callable

from toxgui.core.context import NodeContext
from toxgui.core.dht import Dht
from toxgui.core.events import OnionStatus
from toxgui.core.friends import FriendList
from toxgui.core.onion.client import OnionClient
from toxgui.core.onion.relay import REQUEST_KINDS, RESPONSE_KINDS, OnionRelay
from toxgui.core.onion.store import AnnounceStore
from toxgui.core.packets.kinds import PacketKind

__all__ = ["AnnounceStore", "Onion", "OnionClient", "OnionRelay"]


class Onion:
    def __init__(self, ctx: NodeContext, dht: Dht, friends: FriendList) -> None:
        self.ctx = ctx
        self.relay = OnionRelay(ctx)
        self.store = AnnounceStore(ctx, dht.closest_nodes)
        self.client = OnionClient(ctx, dht.path_candidates, friends, dht.closest_nodes)
        self.store.on_announced(self.client.announced_nearby)
        self._status: tuple[int, int] = (0, 0)

    def handlers(self) -> list[tuple[tuple[int, ...], Callable[..., None]]]:
        return [
            (REQUEST_KINDS, self.relay.handle_request),
            (RESPONSE_KINDS, self.relay.handle_response),
            ((PacketKind.ANNOUNCE_REQUEST,), self.store.handle_announce),
            ((PacketKind.ONION_DATA_REQUEST,), self.store.handle_data_request),
            ((PacketKind.ANNOUNCE_RESPONSE,), self._handle_announce_response),
            ((PacketKind.ONION_DATA_RESPONSE,), self.client.handle_data_response),
        ]

    # Layer protocol: the client's schedule and the relay's key rotation.
    def get_timer(self) -> float | None:
        times = [t for t in (self.client.get_timer(), self.relay.get_timer()) if t is not None]
        return min(times) if times else None

    def handle_timer(self, now: float) -> None:
        t = self.client.get_timer()
        if t is not None and t <= now:
            self.client.handle_timer(now)
        t = self.relay.get_timer()
        if t is None or t <= now:
            self.relay.handle_timer(now)
        self._emit_status()

    def _handle_announce_response(self, data: bytes, addr: tuple[str, int], now: float) -> None:
        try:
            self.client.handle_announce_response(data, addr, now)
        finally:
            self._emit_status()

    def _emit_status(self) -> None:
        """An OnionStatus event whenever our announcement changes (stored-on count or list size)."""
        status = (self.client.announced_nodes, len(self.client.self_nodes))
        if status != self._status:
            self._status = status
            self.ctx.emit(OnionStatus(announced=status[0], nodes=status[1]))

    # conveniences
    @property
    def announced_nodes(self) -> int:
        return self.client.announced_nodes
