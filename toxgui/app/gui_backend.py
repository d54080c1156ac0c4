"""ClientBackend: the desktop UI's `Backend` (toxgui.models.backend) over a running ToxClient.

A thin reader: commands go straight to the service, and what the widgets show comes from the
service's typed snapshots (`friends()`, `friend_facts()`, `status()`), turned into the models'
plain values (wall-clock times, strings)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from toxgui.app.service import ConferenceSummary, ToxClient
from toxgui.core.dht.constants import BAD_NODE_TIMEOUT
from toxgui.core.events import Event
from toxgui.models.backend import ConferenceInfo, FriendInfo


def _conference(c: ConferenceSummary) -> ConferenceInfo:
    return ConferenceInfo(c.conference_id, c.title, c.connected, tuple(c.peers))


class ClientBackend:
    """Adapts ToxClient to what the models and widgets call; all on the Qt main thread."""

    # The service queues messages for offline friends and keeps them in the profile's outbox
    # (the one persistent outgoing queue): the session hands each message over once and never
    # re-sends its history copy.
    queues_messages = True

    def __init__(self, client: ToxClient) -> None:
        self.client = client
        # commands: the service validates them and raises CommandError (a ValueError) for the user
        self.add_friend = client.add_friend
        self.decline_request = client.decline_request
        self.send_message = client.send_message
        self.set_name = client.set_name
        self.set_status_message = client.set_status_message
        self.set_status = client.set_status
        self.set_typing = client.set_typing
        self.send_file = client.send_file
        self.accept_file = client.accept_file
        self.control_file = client.control_file
        self.avatar = client.avatar
        self.set_avatar = client.set_avatar_image
        self.conference_invite = client.conference_invite
        self.conference_send = client.conference_send
        self.conference_set_title = client.conference_set_title
        self.conference_leave = client.conference_leave
        self.conference_facts = client.conference_facts
        self.check_password = client.check_password
        self.derive_passkey = client.derive_passkey
        self.change_password = client.change_password
        self.set_nospam = client.set_nospam

    @property
    def encrypted(self) -> bool:
        return self.client.encrypted

    def conferences(self) -> list[ConferenceInfo]:
        return [_conference(c) for c in self.client.conferences()]

    def conference_new(self, title: str) -> ConferenceInfo:
        return _conference(self.client.conference_new(title))

    def conference_join(self, public_key: bytes, invite: bytes) -> ConferenceInfo:
        return _conference(self.client.conference_join(public_key, invite))

    def accept_request(self, public_key: bytes) -> None:
        self.client.accept_request(public_key)

    def remove_friend(self, public_key: bytes) -> None:
        self.client.remove_friend(public_key)

    def subscribe(self, callback: Callable[[Event], None]) -> None:
        self.client.subscribe(callback)

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

    # --- what the contact list and the dashboard show -----------------------------------------

    def friends(self) -> list[FriendInfo]:
        return [
            FriendInfo(
                public_key=f.public_key, name=f.name, status_message=f.status_message,
                user_status=f.user_status.label, connection=str(f.connection), stage=f.stage,
                last_seen=float(f.last_seen),
            )
            for f in self.client.friends()
        ]

    def friend_facts(self, public_key: bytes) -> dict[str, Any]:
        """The facts as the dashboard reads them: `..._ago`/`..._in` also as wall-clock times."""
        if not self.client.is_friend(public_key):
            return {}
        snapshot = self.client.friend_facts(public_key)
        wall = time.time()
        facts: dict[str, Any] = snapshot.as_dict()

        def ago(v: float | None) -> float | None:
            return None if v is None else wall - v

        def ahead(v: float | None) -> float | None:
            return None if v is None else wall + v

        return {
            **facts,
            "stage": snapshot.stage,
            "stage_entered": ago(snapshot.stage_ago),
            "next_retry": ahead(snapshot.next_retry_in),
            "dht_key_learned": ago(snapshot.dht_key_ago),
            "address_fresh": snapshot.address_ago is not None and snapshot.address_ago < BAD_NODE_TIMEOUT,
            "last_packet": ago(snapshot.last_packet_ago),
            "next_search": ahead(snapshot.next_search_in),
        }

    def self_facts(self) -> dict[str, Any]:
        st = self.client.status()
        return {
            "dht_known": st.dht_known,
            "dht_good": st.dht_good,
            "onion_paths": st.onion_paths,
            "announced": st.onion_announced > 0,
            "announced_nodes": st.onion_announced,
            "udp_port": self.client.udp_port,
            "udp_enabled": st.udp_enabled,
            "tcp_relays": st.tcp_relays,
        }

    async def aclose(self) -> None:
        await self.client.stop()
        self.client.profile.close()
