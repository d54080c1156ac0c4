"""ClientBackend: the desktop UI's `Backend` (toxgui.models.backend) over a running ToxClient."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from toxgui.client import ToxClient
from toxgui.core.dht.constants import BAD_NODE_TIMEOUT
from toxgui.core.events import Event
from toxgui.core.spec import UserStatus
from toxgui.models.backend import FriendInfo

log = logging.getLogger(__name__)


def _text(raw: bytes | str) -> str:
    return raw if isinstance(raw, str) else raw.decode("utf-8", "replace")


class ClientBackend:
    """Adapts ToxClient to what the models and widgets call; all on the Qt main thread."""

    # ToxClient queues (and persists) messages for offline friends itself: the UI must not
    # re-send its own copies.
    queues_messages = True

    def __init__(self, client: ToxClient) -> None:
        self.client = client

    # --- identity -----------------------------------------------------------------------------

    @property
    def tox_id(self) -> str:
        return str(self.client.tox_id)

    @property
    def public_key(self) -> bytes:
        return self.client.public_key

    @property
    def name(self) -> str:
        return self.client.name

    @property
    def status_message(self) -> str:
        return self.client.status_message

    @property
    def user_status(self) -> str:
        return self.client.user_status

    # --- commands -----------------------------------------------------------------------------

    def add_friend(self, tox_id: str, message: str) -> bytes:
        return self.client.add_friend(tox_id, message)

    def accept_request(self, public_key: bytes) -> None:
        self.client.accept_request(public_key)

    def decline_request(self, public_key: bytes) -> None:
        self.client.decline_request(public_key)

    def remove_friend(self, public_key: bytes) -> None:
        self.client.remove_friend(public_key)

    def send_message(self, public_key: bytes, text: str, kind: str = "normal") -> list[int]:
        return self.client.send_message(public_key, text, kind)

    def set_name(self, name: str) -> None:
        self.client.set_name(name)

    def set_status_message(self, message: str) -> None:
        self.client.set_status_message(message)

    def set_status(self, status: str) -> None:
        self.client.set_status(status)

    def set_typing(self, public_key: bytes, on: bool) -> None:
        self.client.set_typing(public_key, on)

    def subscribe(self, callback: Callable[[Event], None]) -> None:
        self.client.subscribe(callback)

    # --- what the dashboard shows -------------------------------------------------------------

    def friends(self) -> list[FriendInfo]:
        out = []
        now, wall = self.client.runtime.now, time.time()
        for f in self.client.node.friends:
            out.append(
                FriendInfo(
                    public_key=f.public_key,
                    name=_text(f.name),
                    status_message=_text(f.status_message),
                    user_status=UserStatus.from_wire(f.user_status).label,
                    connection=str(f.connection),
                    stage=f.stage,
                    last_seen=float(f.last_seen_at(now, wall)),
                )
            )
        return out

    def friend_facts(self, public_key: bytes) -> dict[str, Any]:
        f = self.client.node.friends.get(public_key)
        if f is None:
            return {}
        now = self.client.runtime.now
        wall = time.time()
        facts: dict[str, Any] = f.facts(now).as_dict()
        facts["last_seen"] = f.last_seen_at(now, wall)

        def at_ago(key: str) -> float | None:
            v = facts.get(key)
            return None if v is None else wall - float(v)  # type: ignore[arg-type]

        def at_in(key: str) -> float | None:
            v = facts.get(key)
            return None if v is None else wall + float(v)  # type: ignore[arg-type]

        address_ago = facts.get("address_ago")
        return {
            **facts,
            "stage": f.stage,
            "stage_entered": at_ago("stage_ago"),
            "next_retry": at_in("next_retry_in"),
            "dht_key_learned": at_ago("dht_key_ago"),
            "address_fresh": address_ago is not None and float(address_ago) < BAD_NODE_TIMEOUT,
            "last_packet": at_ago("last_packet_ago"),
            "next_search": at_in("next_search_in"),
        }

    def self_facts(self) -> dict[str, Any]:
        st = self.client.node.status(self.client.runtime.now)
        return {
            "dht_known": st.dht_known,
            "dht_good": st.dht_good,
            "onion_paths": st.onion_paths,
            "announced": st.onion_announced > 0,
            "announced_nodes": st.onion_announced,
            "udp_port": self.client.udp_port,
        }

    async def aclose(self) -> None:
        await self.client.stop()
        self.client.profile.close()
