"""The session: the one subscriber to backend events, turning them into model updates and signals.

It also keeps the outgoing queue in the history database (in the spirit of qTox's offline message
engine), so it survives a restart. An outgoing message is stored *pending* and handed to the
backend at once; the backend's message id makes it *sent*; the friend's receipt with that id makes
it *delivered*. Backends come in two kinds, and the session works with both:

- a backend that queues by itself (`queues_messages = True`, or one whose `send_message` succeeds
  while the friend is offline, like the toxgui runtime): it keeps and retransmits its own queue,
  so the session hands over every message immediately and never sends one twice;
- a backend that refuses messages while the friend is offline (raises `ValueError`/
  `RuntimeError`): messages stay pending and go out when the friend connects; sent messages
  that were not confirmed when the link dropped (or the program stopped) go back to pending
  and are sent again.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
import weakref
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QIODevice, QObject, Qt, Signal
from PySide6.QtGui import QImage

from toxgui.core import events as ev
from toxgui.core.encryptsave import WrongPassword
from toxgui.core.events import Stage
from toxgui.models import chat_export
from toxgui.models.attempts import Attempt, AttemptLog
from toxgui.models.backend import Backend, ConferenceInfo, FriendInfo, split_message
from toxgui.models.chat import ChatModel
from toxgui.models.conferences import (
    ConferenceChatModel,
    ConferenceInviteModel,
    ConferenceInviteRow,
    ConferenceListModel,
    ConferencePeer,
    ConferenceRow,
    history_key,
    pack_body,
)
from toxgui.models.contacts import ContactFilterProxy, ContactListModel, ContactRow, stage_index
from toxgui.models.requests import FriendRequestModel
from toxgui.models.transfers import TransferModel, TransferRow, TransferState
from toxgui.store.history import Direction, History, Kind, State, derive_key

log = logging.getLogger(__name__)

ACTION_PREFIX = "/me "
MAX_AVATAR_BYTES = 64 * 1024  # what qTox and other clients accept


def _row(info: FriendInfo) -> ContactRow:
    return ContactRow(
        public_key=info.public_key,
        name=info.name,
        status_message=info.status_message,
        user_status=info.user_status,
        connection=info.connection,
        stage=info.stage,
        last_seen=info.last_seen,
    )


def _conference_row(info: ConferenceInfo, own: bytes, unread: int = 0) -> ConferenceRow:
    return ConferenceRow(info.conference_id, info.title, info.joined, _peers(info.peers, own), unread)


def _peers(peers: Any, own: bytes = b"") -> tuple[ConferencePeer, ...]:
    out = []
    for p in peers:
        pk = bytes(p.get("public_key", b""))
        out.append(ConferencePeer(pk, str(p.get("name", "")), bool(p.get("connected")), pk == own))
    return tuple(out)


def _weak_callback(method: Callable[[ev.Event], None]) -> Callable[[ev.Event], None]:
    ref = weakref.WeakMethod(method)

    def call(e: ev.Event) -> None:
        m = ref()
        if m is not None:
            m(e)

    return call


def parse_outgoing(text: str) -> tuple[str, str]:
    """("action", rest) for "/me rest", else ("normal", text)."""
    if text.startswith(ACTION_PREFIX) and text[len(ACTION_PREFIX) :].strip():
        return "action", text[len(ACTION_PREFIX) :]
    return "normal", text


class Session(QObject):
    self_changed = Signal()
    request_count_changed = Signal(int)
    friend_request_received = Signal(bytes, str)
    message_received = Signal(bytes, str, str)  # public key, kind, text
    message_state_changed = Signal(bytes, int, int)  # public key, message id, State
    typing_changed = Signal(bytes, bool)
    facts_changed = Signal(bytes)  # a friend's connection facts may have changed
    self_facts_changed = Signal()
    friend_added = Signal(bytes)
    friend_removed = Signal(bytes)
    unread_changed = Signal(int)  # total unread messages
    transfers_changed = Signal(bytes)  # a friend's file transfers changed
    file_offered = Signal(bytes, str)  # public key, file name: a friend offers a file
    avatar_changed = Signal(bytes, str)  # public key, stored path ("" = none)
    conference_added = Signal(bytes)  # conference id
    conference_removed = Signal(bytes)
    conference_changed = Signal(bytes)  # title, peers or joined state
    conference_message = Signal(bytes, str, str)  # conference id, sender name, text (not ours)
    conference_invites_changed = Signal(int)  # pending invites

    def __init__(
        self,
        backend: Backend,
        history: History,
        clock: Callable[[], float] = time.time,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        self.history = history
        self.clock = clock
        self.contacts = ContactListModel(self)
        self.contacts_proxy = ContactFilterProxy(self)
        self.contacts_proxy.setSourceModel(self.contacts)
        self.requests = FriendRequestModel(self)
        self.transfers = TransferModel(self)
        self._chats: dict[bytes, ChatModel] = {}
        self.conferences = ConferenceListModel(self)
        self.conference_invites = ConferenceInviteModel(self)
        self.conference_invites.name_of = self._friend_name
        self._conference_chats: dict[bytes, ConferenceChatModel] = {}
        self.active_conference: bytes | None = None
        self._stage_log: dict[bytes, dict[Stage, float]] = {}
        self.attempt_log = AttemptLog()
        self.active_chat: bytes | None = None
        self._closed = False
        self.backend_queues = bool(getattr(backend, "queues_messages", False))
        self._refused_offline = False
        if not self.backend_queues:
            for pk in history.peers_with_queue():
                history.requeue(pk)  # unconfirmed before a restart: this backend forgot them
        now = clock()
        for info in backend.friends():
            self.contacts.upsert(replace(_row(info), avatar=self._avatar_of(info.public_key)))
            self._stage_log[info.public_key] = {info.stage: now}
        for conf in self._backend_conferences():
            self.conferences.upsert(_conference_row(conf, backend.public_key))
        # a weak subscription: the backend must not keep the session (a QObject) alive, or the
        # pair becomes cyclic garbage that Python may collect on any thread
        backend.subscribe(_weak_callback(self._on_event))
        for pk in history.peers_with_queue():
            if pk in self.contacts:
                self.flush(pk)

    # --- queries ------------------------------------------------------------------------------

    @property
    def public_key(self) -> bytes:
        return self.backend.public_key

    @property
    def own_name(self) -> str:
        return self.backend.name

    @property
    def tox_id(self) -> str:
        return self.backend.tox_id

    def network_facts(self) -> dict[str, Any]:
        """Our own network state for the widgets (DHT, onion, UDP port)."""
        return self.backend.self_facts()

    def chat(self, pk: bytes) -> ChatModel:
        model = self._chats.get(pk)
        if model is None:
            model = ChatModel(self.history, pk, parent=self)
            self._chats[pk] = model
        return model

    def stage_log(self, pk: bytes) -> dict[Stage, float]:
        """When each stage of the current connection attempt was entered (wall clock)."""
        return dict(self._stage_log.get(pk, {}))

    def connection_attempts(self, pk: bytes) -> list[Attempt]:
        """The last few connection attempts to a friend, oldest first (see models.attempts)."""
        return self.attempt_log.attempts(pk)

    def clear_history(self, pk: bytes) -> int:
        """Delete the chat with `pk` (messages still waiting to be sent stay); returns how many
        messages went. The open chat shows what is left."""
        removed = self.history.clear(pk)
        chat = self._chats.get(pk)
        if chat is not None:
            chat.reload()
        return removed

    def export_history(self, pk: bytes, path: Path, fmt: str) -> None:
        """Write the chat with `pk` to `path` as plain text ("text") or JSON ("json")."""
        row = self.contacts.get(pk)
        name = row.display_name if row else pk[:4].hex().upper()
        chat_export.export(path, fmt, self.history.all_messages(pk), self.own_name, name, pk)

    # --- our Tox ID's nospam ------------------------------------------------------------------

    def can_change_nospam(self) -> bool:
        return callable(getattr(self.backend, "set_nospam", None))

    def new_nospam(self) -> str:
        """A fresh random nospam: a new Tox ID (the public key stays). Friend requests sent to
        the old ID are dropped from now on; existing friends are unaffected. Returns the ID."""
        backend: Any = self.backend
        backend.set_nospam(secrets.token_bytes(4))
        self.self_changed.emit()
        return self.tox_id

    # --- the profile's password ------------------------------------------------------------------

    def can_change_password(self) -> bool:
        return callable(getattr(self.backend, "change_password", None))

    @property
    def encrypted(self) -> bool:
        return bool(getattr(self.backend, "encrypted", False))

    async def change_password(self, current: str | None, new: str | None) -> None:
        """Check `current`, then encrypt the profile, what the backend keeps beside it and the
        history with `new` (None or "": remove the password). Raises WrongPassword when
        `current` is not the password; the slow key derivations run on worker threads.

        The history is re-sealed first (one transaction) and re-sealed back with its old key
        when the backend cannot save the profile, so both always open with the same password.
        """
        loop = asyncio.get_running_loop()
        backend: Any = self.backend
        if not await loop.run_in_executor(None, backend.check_password, current or None):
            raise WrongPassword()
        new = new or None
        history_key = None
        if new is not None:
            salt = History.kdf_salt(self.history.path)
            history_key = await loop.run_in_executor(None, derive_key, new, salt)
        passkey = await loop.run_in_executor(None, backend.derive_passkey, new)
        old_key = self.history.key
        self.history.rekey(history_key)
        try:
            backend.change_password(passkey)
        except BaseException:
            self.history.rekey(old_key)
            raise
        self.self_changed.emit()

    def total_unread(self) -> int:
        return sum(r.unread for r in self.contacts.rows()) + sum(r.unread for r in self.conferences.rows())

    def is_friend(self, pk: bytes) -> bool:
        return pk in self.contacts

    def set_active_chat(self, pk: bytes | None) -> None:
        self.active_chat = pk
        if pk is not None and self.contacts.update(pk, unread=0):
            self.unread_changed.emit(self.total_unread())

    # --- conferences --------------------------------------------------------------------------

    def can_confer(self) -> bool:
        return hasattr(self.backend, "conference_new")

    def _backend_conferences(self) -> list[ConferenceInfo]:
        fn = getattr(self.backend, "conferences", None)
        return list(fn()) if fn is not None else []

    def _friend_name(self, pk: bytes) -> str:
        row = self.contacts.get(pk)
        return row.display_name if row else pk[:4].hex().upper()

    def conference_chat(self, cid: bytes) -> ConferenceChatModel:
        model = self._conference_chats.get(cid)
        if model is None:
            model = ConferenceChatModel(self.history, cid, parent=self)
            self._conference_chats[cid] = model
        return model

    def set_active_conference(self, cid: bytes | None) -> None:
        self.active_conference = cid
        if cid is not None and self.conferences.update(cid, unread=0):
            self.unread_changed.emit(self.total_unread())

    def new_conference(self, title: str) -> bytes:
        info: ConferenceInfo = self.backend.conference_new(title)  # type: ignore[attr-defined]
        self._conference_seen(info)
        return info.conference_id

    def invite_to_conference(self, cid: bytes, friend_pk: bytes) -> None:
        self.backend.conference_invite(cid, friend_pk)  # type: ignore[attr-defined]

    def accept_conference_invite(self, cid: bytes) -> bytes:
        inv = self.conference_invites.get(cid)
        if inv is None:
            raise ValueError("no such invite")
        info: ConferenceInfo = self.backend.conference_join(inv.public_key, inv.invite)  # type: ignore[attr-defined]
        if self.conference_invites.remove(cid):
            self.conference_invites_changed.emit(len(self.conference_invites))
        self._conference_seen(info)
        return info.conference_id

    def decline_conference_invite(self, cid: bytes) -> None:
        if self.conference_invites.remove(cid):
            self.conference_invites_changed.emit(len(self.conference_invites))

    def send_conference_text(self, cid: bytes, text: str) -> None:
        """Send to a conference ("/me ..." is an action).  Nothing is stored here: our message
        comes back as a `ConferenceMessage`, as everyone's does, and is shown then, once."""
        kind, body = parse_outgoing(text)
        self.backend.conference_send(cid, body, kind)  # type: ignore[attr-defined]

    def set_conference_title(self, cid: bytes, title: str) -> None:
        self.backend.conference_set_title(cid, title)  # type: ignore[attr-defined]
        self.conferences.update(cid, title=title)
        self.conference_changed.emit(cid)

    def leave_conference(self, cid: bytes) -> None:
        self.backend.conference_leave(cid)  # type: ignore[attr-defined]
        self.conferences.remove(cid)
        chat = self._conference_chats.pop(cid, None)
        if chat is not None:
            chat.deleteLater()
        if self.active_conference == cid:
            self.active_conference = None
        self.conference_removed.emit(cid)
        self.unread_changed.emit(self.total_unread())

    def conference_facts(self, cid: bytes) -> dict[str, Any]:
        fn = getattr(self.backend, "conference_facts", None)
        return dict(fn(cid)) if fn is not None else {}

    def _conference_seen(self, info: ConferenceInfo) -> None:
        known = info.conference_id in self.conferences
        old = self.conferences.get(info.conference_id)
        self.conferences.upsert(_conference_row(info, self.public_key, old.unread if old else 0))
        if not known:
            self.conference_added.emit(info.conference_id)
        else:
            self.conference_changed.emit(info.conference_id)

    def _ensure_conference(self, cid: bytes) -> bool:
        if cid in self.conferences:
            return True
        info = next((c for c in self._backend_conferences() if c.conference_id == cid), None)
        if info is None:
            return False
        self._conference_seen(info)
        return True

    def _on_ConferenceInvite(self, e: ev.ConferenceInvite) -> None:
        if e.conference_id in self.conferences:
            return
        self.conference_invites.add(ConferenceInviteRow(e.public_key, e.invite, e.conference_id, self.clock()))
        self.conference_invites_changed.emit(len(self.conference_invites))

    def _on_ConferenceConnected(self, e: ev.ConferenceConnected) -> None:
        if self._ensure_conference(e.conference_id):
            self.conferences.update(e.conference_id, joined=True)
            self.conference_changed.emit(e.conference_id)

    def _on_ConferencePeers(self, e: ev.ConferencePeers) -> None:
        if self._ensure_conference(e.conference_id):
            self.conferences.update(e.conference_id, peers=_peers(e.peers, self.public_key))
            self.conference_changed.emit(e.conference_id)

    def _on_ConferenceTitle(self, e: ev.ConferenceTitle) -> None:
        if self._ensure_conference(e.conference_id):
            self.conferences.update(e.conference_id, title=e.title)
            self.conference_changed.emit(e.conference_id)

    def _on_ConferenceMessage(self, e: ev.ConferenceMessage) -> None:
        cid = e.conference_id
        if not self._ensure_conference(cid):
            return
        ours = e.peer_public_key == self.public_key
        kind = Kind.ACTION if e.kind == "action" else Kind.NORMAL
        m = self.history.add(history_key(cid), Direction.OUT if ours else Direction.IN,
                             pack_body(e.peer_public_key, e.name, e.text), kind=kind, ts=self.clock(),
                             state=State.DELIVERED)
        chat = self._conference_chats.get(cid)
        if chat is not None:
            chat.append(m)
        if not ours:
            if cid != self.active_conference:
                row = self.conferences.get(cid)
                self.conferences.update(cid, unread=(row.unread if row else 0) + 1)
                self.unread_changed.emit(self.total_unread())
            self.conference_message.emit(cid, e.name, e.text)

    # --- commands -----------------------------------------------------------------------------

    def add_friend(self, tox_id: str, message: str) -> bytes:
        """Send a friend request; errors from the backend propagate (ToxIdError, ValueError)."""
        pk = self.backend.add_friend(tox_id, message)
        self._ensure_contact(pk)
        return pk

    def accept_request(self, pk: bytes) -> None:
        self.backend.accept_request(pk)
        if self.requests.remove(pk):
            self.request_count_changed.emit(len(self.requests))
        self._ensure_contact(pk)

    def decline_request(self, pk: bytes) -> None:
        self.backend.decline_request(pk)
        if self.requests.remove(pk):
            self.request_count_changed.emit(len(self.requests))

    def remove_friend(self, pk: bytes) -> None:
        self.backend.remove_friend(pk)
        self.contacts.remove(pk)
        self._stage_log.pop(pk, None)
        self.attempt_log.forget(pk)
        chat = self._chats.pop(pk, None)
        if chat is not None:
            chat.deleteLater()
        if self.active_chat == pk:
            self.active_chat = None
        self.friend_removed.emit(pk)
        self.unread_changed.emit(self.total_unread())

    def send_text(self, pk: bytes, text: str) -> list[int]:
        """Queue text for a friend ("/me ..." is an action), split into 1372-byte parts.

        Returns the history ids of the stored parts. Parts go out at once when the friend is
        connected, else when the friend comes online.
        """
        kind, body = parse_outgoing(text)
        if not body.strip():
            return []
        k = Kind.ACTION if kind == "action" else Kind.NORMAL
        chat = self.chat(pk)
        ids = []
        for part in split_message(body):
            m = self.history.add_outgoing(pk, part, kind=k, ts=self.clock())
            chat.append(m)
            ids.append(m.id)
        self.flush(pk)
        return ids

    def flush(self, pk: bytes) -> int:
        """Hand the friend's pending messages to the backend; returns how many it took."""
        sent = 0
        row = self.contacts.get(pk)
        offline = row is None or not row.online
        if offline and not self.backend_queues and self._refused_offline:
            return 0  # known to refuse while offline: wait for the connection
        for m in self.history.pending(pk):
            kind = "action" if m.kind == Kind.ACTION else "normal"
            try:
                ids = self.backend.send_message(pk, m.text, kind)
            except (ValueError, RuntimeError, OSError, KeyError) as e:
                log.debug("message stays queued: %s", e)
                if offline:
                    self._refused_offline = True
                break
            if not ids:
                break
            if offline:
                self.backend_queues = True  # it took a message for an offline friend
            self.history.mark_sent(m.id, ids[-1])
            self._set_state(pk, m.id, State.SENT)
            sent += 1
        return sent

    # --- files --------------------------------------------------------------------------------

    def _files(self, name: str) -> Any:
        fn = getattr(self.backend, name, None)
        if fn is None:
            raise RuntimeError("this backend does not transfer files")
        return fn

    def send_file(self, pk: bytes, path: str) -> None:
        """Offer a file to an online friend (ValueError, with the reason, when it cannot be)."""
        sent = self._files("send_file")(pk, path)
        self._on_FileSent(sent)

    def accept_file(self, pk: bytes, transfer: str, path: str | None = None) -> None:
        self._files("accept_file")(pk, transfer, path)
        self.transfers.update(pk, transfer, state=TransferState.RUNNING)
        self.transfers_changed.emit(pk)

    def control_file(self, pk: bytes, transfer: str, action: str) -> None:
        """pause / resume / cancel / reject."""
        self._files("control_file")(pk, transfer, action)
        if action in ("pause", "resume"):
            row = self.transfers.update(pk, transfer, paused=action == "pause")
            if action == "resume" and row is not None:
                self.transfers.update(pk, transfer, rate=0.0)
            self.transfers_changed.emit(pk)

    # --- avatars ------------------------------------------------------------------------------

    def _avatar_of(self, pk: bytes) -> bytes:
        fn = getattr(self.backend, "avatar", None)
        return (fn(pk) or b"") if fn is not None else b""

    def own_avatar(self) -> bytes:
        return self._avatar_of(self.public_key)

    def can_set_avatar(self) -> bool:
        return getattr(self.backend, "set_avatar", None) is not None

    def set_avatar_file(self, path: str) -> None:
        """Our picture from any image file: scaled down and saved as PNG until it fits the
        64 KiB other clients accept (ValueError when it is not an image)."""
        img = QImage(path)
        if img.isNull():
            raise ValueError("not an image this app can read")
        side = min(256, max(img.width(), img.height()))
        while True:
            small = img.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
            buf = QBuffer()
            buf.open(QIODevice.OpenModeFlag.WriteOnly)
            small.save(buf, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; PySide6 takes str
            data = bytes(buf.data().data())
            if len(data) <= MAX_AVATAR_BYTES or side <= 16:
                break
            side = int(side * 0.75)
        self._files("set_avatar")(data)

    def clear_avatar(self) -> None:
        self._files("set_avatar")(None)

    def can_send_files(self) -> bool:
        return getattr(self.backend, "send_file", None) is not None

    def set_typing(self, pk: bytes, on: bool) -> None:
        row = self.contacts.get(pk)
        if row is None or not row.online:
            return
        try:
            self.backend.set_typing(pk, on)
        except (ValueError, RuntimeError, OSError, KeyError) as e:
            log.debug("typing not sent: %s", e)

    def set_name(self, name: str) -> None:
        self.backend.set_name(name)
        self.self_changed.emit()

    def set_status_message(self, message: str) -> None:
        self.backend.set_status_message(message)
        self.self_changed.emit()

    def set_status(self, status: str) -> None:
        self.backend.set_status(status)
        self.self_changed.emit()

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self.history.close()

    # --- events -------------------------------------------------------------------------------

    def _ensure_contact(self, pk: bytes) -> None:
        if pk in self.contacts:
            return
        info = next((f for f in self.backend.friends() if f.public_key == pk), None)
        self.contacts.upsert(_row(info) if info else ContactRow(pk))
        self._stage_log.setdefault(pk, {(info.stage if info else Stage.AwaitingDHTKey): self.clock()})
        self.friend_added.emit(pk)

    def _set_state(self, pk: bytes, message_id: int, state: State) -> None:
        chat = self._chats.get(pk)
        if chat is not None:
            chat.set_state(message_id, state)
        self.message_state_changed.emit(pk, message_id, int(state))

    def _on_event(self, e: ev.Event) -> None:
        if self._closed:
            return
        handler = getattr(self, "_on_" + type(e).__name__, None)
        if handler is not None:
            handler(e)

    def _on_FriendRequest(self, e: ev.FriendRequest) -> None:
        if e.public_key in self.contacts:
            return
        self.requests.add(e.public_key, e.message, self.clock())
        self.request_count_changed.emit(len(self.requests))
        self.friend_request_received.emit(e.public_key, e.message)

    def _on_FriendAdded(self, e: ev.FriendAdded) -> None:
        if self.requests.remove(e.public_key):
            self.request_count_changed.emit(len(self.requests))
        self._ensure_contact(e.public_key)

    def _on_Progress(self, e: ev.Progress) -> None:
        pk = e.public_key
        if pk not in self.contacts:
            return
        stage = Stage(e.stage)
        logd = self._stage_log.setdefault(pk, {})
        idx = stage_index(stage)
        for s in list(logd):
            if stage_index(s) > idx:
                del logd[s]  # the connection fell back: later stages start over
        logd.setdefault(stage, self.clock())
        self.attempt_log.progress(pk, stage, self.clock(), e.details)
        self.contacts.update(pk, stage=stage)
        self.facts_changed.emit(pk)

    def _on_FriendConnection(self, e: ev.FriendConnection) -> None:
        pk = e.public_key
        row = self.contacts.get(pk)
        if row is None:
            return
        was_online = row.online
        self.contacts.update(pk, connection=e.status)
        if was_online != (e.status != "none"):
            self.contacts.update(pk, last_seen=self.clock())  # came online, or was until now
        if e.status == "none":
            self.attempt_log.disconnected(pk, self.clock())
            self.contacts.update(pk, typing=False)
            if was_online and not self.backend_queues:
                self.history.requeue(pk)
                chat = self._chats.get(pk)
                if chat is not None:
                    for r in chat.rows():
                        if r.outgoing and r.state == State.SENT:
                            chat.set_state(r.id, State.PENDING)
        elif not was_online:
            self.flush(pk)
        self.facts_changed.emit(pk)

    def _on_Message(self, e: ev.Message) -> None:
        pk = e.public_key
        if pk not in self.contacts:
            return
        kind = Kind.ACTION if e.kind == "action" else Kind.NORMAL
        m = self.history.add_incoming(pk, e.text, kind=kind, ts=self.clock())
        chat = self._chats.get(pk)
        if chat is not None:
            chat.append(m)
        self.contacts.update(pk, typing=False)
        if pk != self.active_chat:
            row = self.contacts.get(pk)
            self.contacts.update(pk, unread=(row.unread if row else 0) + 1)
            self.unread_changed.emit(self.total_unread())
        self.message_received.emit(pk, e.kind, e.text)

    def _on_Receipt(self, e: ev.Receipt) -> None:
        mid = self.history.mark_delivered(e.public_key, e.id)
        if mid is not None:
            self._set_state(e.public_key, mid, State.DELIVERED)

    def _on_FriendName(self, e: ev.FriendName) -> None:
        self.contacts.update(e.public_key, name=e.name)

    def _on_FriendStatusMessage(self, e: ev.FriendStatusMessage) -> None:
        self.contacts.update(e.public_key, status_message=e.status_message)

    def _on_FriendUserStatus(self, e: ev.FriendUserStatus) -> None:
        self.contacts.update(e.public_key, user_status=e.status)

    def _on_FriendTyping(self, e: ev.FriendTyping) -> None:
        if self.contacts.update(e.public_key, typing=e.on):
            self.typing_changed.emit(e.public_key, e.on)

    # The application service's file events (toxgui.app.transfers; read by their fields).

    def _on_FileRequest(self, e: Any) -> None:
        self.transfers.add(TransferRow(e.public_key, e.transfer, e.name, e.size, True, TransferState.OFFERED))
        self.transfers_changed.emit(e.public_key)
        self.file_offered.emit(e.public_key, e.name)

    def _on_FileSent(self, e: Any) -> None:
        self.transfers.add(TransferRow(e.public_key, e.transfer, e.name, e.size, False, TransferState.WAITING))
        self.transfers_changed.emit(e.public_key)

    def _on_FileProgress(self, e: Any) -> None:
        if self.transfers.update(e.public_key, e.transfer, bytes=e.bytes, rate=e.rate,
                                 state=TransferState.RUNNING) is not None:
            self.transfers_changed.emit(e.public_key)

    def _on_FileComplete(self, e: Any) -> None:
        if self.transfers.update(e.public_key, e.transfer, bytes=e.size, state=TransferState.DONE,
                                 path=e.path, rate=0.0) is not None:
            self.transfers_changed.emit(e.public_key)

    def _on_FilePaused(self, e: Any) -> None:
        if self.transfers.update(e.public_key, e.transfer, paused_by_friend=e.paused, rate=0.0) is not None:
            self.transfers_changed.emit(e.public_key)

    def _on_FileCancelled(self, e: Any) -> None:
        if self.transfers.update(e.public_key, e.transfer, state=TransferState.CANCELLED, reason=e.reason,
                                 rate=0.0) is not None:
            self.transfers_changed.emit(e.public_key)

    def _on_AvatarChanged(self, e: Any) -> None:
        if e.public_key in self.contacts:
            self.contacts.update(e.public_key, avatar=self._avatar_of(e.public_key))
        self.avatar_changed.emit(e.public_key, e.path or "")

    def _on_DhtStatus(self, e: ev.DhtStatus) -> None:
        self.self_facts_changed.emit()

    def _on_OnionStatus(self, e: ev.OnionStatus) -> None:
        self.self_facts_changed.emit()
