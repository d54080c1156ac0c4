"""The interface between the Qt layers and the Tox runtime.

The models and widgets talk to the protocol stack only through `Backend`. Everything it does is
on the Qt main thread: commands are plain method calls, and events (the dataclasses of
`toxgui.core.events`) arrive through the callback given to `subscribe`. A backend may deliver an
event synchronously from inside a command (e.g. `FriendAdded` during `add_friend`), so
subscribers must be re-entrant and idempotent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

from toxgui.core.events import Event, Stage
from toxgui.core.record import record

# The protocol's limits and the one message splitter, for the models and widgets.
from toxgui.core.spec import MAX_FRIEND_REQUEST_LENGTH as MAX_FRIEND_REQUEST_LENGTH
from toxgui.core.spec import MAX_MESSAGE_LENGTH as MAX_MESSAGE_LENGTH
from toxgui.core.spec import split_message as split_message


@record(frozen=True, slots=True)
class FriendInfo:
    """A friend as the backend knows it right now."""

    public_key: bytes
    name: str = ""
    status_message: str = ""
    user_status: str = "online"  # online / away / busy (what the friend set)
    connection: str = "none"  # none / udp / tcp
    stage: Stage = Stage.AwaitingDHTKey
    last_seen: float = 0.0  # unix seconds the friend was last seen online; 0 = never


@record(frozen=True, slots=True)
class ConferenceInfo:
    """A conference as the backend knows it right now."""

    conference_id: bytes
    title: str = ""
    joined: bool = False  # False while joining
    peers: tuple[dict[str, Any], ...] = ()  # {public_key, name, connected}, us included


@runtime_checkable
class Backend(Protocol):
    """What the desktop UI needs from a running Tox node.

    Errors: `add_friend` raises a `toxgui.core.toxid.ToxIdError` subclass for a bad ID and
    `ValueError` for a bad request message (1..1016 UTF-8 bytes) or an existing friend.
    `send_message` may raise `ValueError`/`RuntimeError` when the friend is not connected; the
    session then keeps the message queued.

    Optional extras a backend may have (looked up with getattr):

    - `queues_messages: bool`: True when `send_message` accepts messages for offline friends and
      the backend keeps (and persists) them until their receipts arrive. The session then hands
      every message over at once and never sends one twice. When False or absent, the session
      holds messages while the friend is offline and resends unconfirmed ones after a
      disconnect or restart.
    - `send_file(public_key, path)` returning the `file_sent` event, `accept_file(public_key,
      transfer, path_or_None)` and `control_file(public_key, transfer, action)` (pause, resume,
      cancel, reject): file transfers; their progress arrives as events named `FileRequest`,
      `FileSent`, `FileProgress`, `FileComplete`, `FileCancelled` (toxgui.app.transfers).
    - `avatar(public_key)` returning the stored image bytes or None, and `set_avatar(png_or_None)`
      for ours; changes arrive as `AvatarChanged` events.
    - conferences: `conferences()` returning `ConferenceInfo`s, `conference_new(title)` returning
      one, `conference_invite(conference_id, public_key)`, `conference_join(public_key, invite)`
      returning one, `conference_send(conference_id, text, kind)`, `conference_set_title(
      conference_id, title)`, `conference_leave(conference_id)` and `conference_facts(
      conference_id)` (the dashboard's dict); changes arrive as the `Conference*` events.
    - the profile's password: `encrypted` (bool), `check_password(password_or_None)` -> bool
      and `derive_passkey(password_or_None)` -> an opaque key or None (both slow: the session
      runs them on a worker thread), `change_password(key_or_None)` (re-encrypts the profile
      and what the backend stores beside it, or stores them in the clear).
    - `set_nospam(four_bytes)`: a new Tox ID (friend requests to the old one are dropped).
    - `aclose()` or `close()`: called once when the application quits.
    """

    @property
    def tox_id(self) -> str:
        """Our Tox ID: 76 hexadecimal characters."""
        ...

    @property
    def public_key(self) -> bytes: ...

    @property
    def name(self) -> str: ...

    @property
    def status_message(self) -> str: ...

    @property
    def user_status(self) -> str:
        """online / away / busy."""
        ...

    def add_friend(self, tox_id: str, message: str) -> bytes:
        """Send a friend request; returns the friend's public key."""
        ...

    def accept_request(self, public_key: bytes) -> None: ...

    def decline_request(self, public_key: bytes) -> None: ...

    def remove_friend(self, public_key: bytes) -> None: ...

    def send_message(self, public_key: bytes, text: str, kind: str = "normal") -> list[int]:
        """Send text (kind "normal" or "action"); one message id per 1372-byte part."""
        ...

    def set_name(self, name: str) -> None: ...

    def set_status_message(self, message: str) -> None: ...

    def set_status(self, status: str) -> None: ...

    def set_typing(self, public_key: bytes, on: bool) -> None: ...

    def friends(self) -> list[FriendInfo]: ...

    def friend_facts(self, public_key: bytes) -> dict[str, Any]:
        """Connection facts for the dashboard.

        Keys: stage, stage_entered (unix time), attempts, next_retry (unix time or None),
        dht_key (hex or None), dht_key_learned (unix time), dht_key_source ("onion"/"dht"),
        address ("ip:port" or None), address_fresh (bool), transport ("udp"/"tcp"/None),
        last_packet (unix time or None), announce_nodes (int), search_attempts (int),
        next_search (unix time).
        """
        ...

    def self_facts(self) -> dict[str, Any]:
        """Keys: dht_known, dht_good, onion_paths, announced (bool), udp_port."""
        ...

    def subscribe(self, callback: Callable[[Event], None]) -> None: ...
