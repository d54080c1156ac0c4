"""Messenger: presence, names, statuses, typing and messages over friend_connection
(c-toxcore 0.2.18 Messenger.c).

- When the session comes up each side sends ONLINE (24).  Nothing else from the friend is looked at
  until their ONLINE (exactly 1 byte) arrived; then we answer with ONLINE, mark the friend online,
  send NICKNAME, STATUSMESSAGE, USERSTATUS and TYPING once, and flush the outgoing queue.  They are
  sent again only when they change.
- MESSAGE (64) / ACTION (65): 1..1372 bytes; longer text is split at UTF-8 boundaries, preferring
  whitespace.  There is no receipt packet: a message is delivered once the friend's net_crypto
  acknowledgement passed its packet number.  Receipts are reported in order.
- The outgoing queue keeps every message until its receipt.  Messages written while the friend is
  offline wait; when a session drops, messages in flight go back to waiting and are sent again on
  the next session (the friend may then see a message twice, as with every Tox client).
  `on_queue_changed` lets the owner persist the queue (`outgoing()` / `restore()`).
- It registers its packet ids with friend_connection (24, 25, 48-51, 64, 65); other layers
  register theirs beside it.  Removing a friend drops its queue (friend lifecycle).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field

from toxgui.core.context import NodeContext
from toxgui.core.errors import NotAFriend, ProtocolError
from toxgui.core.events import (
    FriendConnection,
    FriendName,
    FriendStatusMessage,
    FriendTyping,
    FriendUserStatus,
    Message,
    Receipt,
)
from toxgui.core.friend_connection import FriendConnections
from toxgui.core.friends import Friend, FriendList, FriendStatus
from toxgui.core.net_crypto import SessionError
from toxgui.core.packets import messenger as mp
from toxgui.core.record import record
from toxgui.core.spec import MAX_MESSAGE_LENGTH, MESSAGE_KINDS, MessageKind, Transport, UserStatus, split_utf8

PACKET_IDS = (
    mp.MessengerId.ONLINE, mp.MessengerId.OFFLINE, mp.MessengerId.NICKNAME, mp.MessengerId.STATUSMESSAGE,
    mp.MessengerId.USERSTATUS, mp.MessengerId.TYPING, mp.MessengerId.MESSAGE, mp.MessengerId.ACTION,
)


@record
class Outgoing:
    id: int
    kind: MessageKind
    data: bytes
    queued_at: float = 0.0
    number: int | None = None  # net_crypto packet number while in flight in this session
    sends: int = 0


@record
class Peer:
    online: bool = False  # ONLINE received (and ours sent) in this session
    typing_out: bool = False
    typing_sent: bool | None = None
    info_sent: dict[int, bytes] = field(default_factory=dict)  # packet id -> payload last sent
    queue: list[Outgoing] = field(default_factory=list)
    friend_typing: bool = False


class Messenger:
    def __init__(self, ctx: NodeContext, friends: FriendList, fc: FriendConnections) -> None:
        self.ctx = ctx
        self.friends = friends
        self.fc = fc
        self.name = b""
        self.status_message = b""
        self.user_status = UserStatus.ONLINE
        self.peers: dict[bytes, Peer] = {}
        self.next_id = 1
        self.on_queue_changed: Callable[[], None] | None = None
        fc.register(PACKET_IDS, self._on_packet)
        fc.on_status(self._on_status)
        fc.on_acked(self._on_acked)

    # friend lifecycle: a Peer is made on first use; removal forgets it with its queue
    def friend_added(self, friend: Friend, now: float) -> None:
        pass

    def friend_removed(self, public_key: bytes, now: float) -> None:
        if self.peers.pop(public_key, None) is not None:
            self._queue_changed()

    def peer(self, pk: bytes) -> Peer:
        p = self.peers.get(pk)
        if p is None:
            p = self.peers[pk] = Peer()
        return p

    def is_online(self, pk: bytes) -> bool:
        p = self.peers.get(pk)
        return bool(p and p.online)

    # --- commands -----------------------------------------------------------------------------

    def send_message(self, pk: bytes, text: str | bytes, kind: MessageKind, now: float) -> list[int]:
        """Queue a message (split when longer than 1372 bytes); returns the ids a later
        `Receipt` will carry, one per piece."""
        if pk not in self.friends:
            raise NotAFriend()
        kind = MessageKind(kind)
        pieces = split_utf8(text.encode("utf-8") if isinstance(text, str) else bytes(text))
        if not pieces:
            raise ValueError("a message needs at least one byte")
        p = self.peer(pk)
        ids = []
        for piece in pieces:
            msg = Outgoing(self.next_id, kind, piece, now)
            self.next_id += 1
            p.queue.append(msg)
            ids.append(msg.id)
        self._flush(pk, now)
        self._queue_changed()
        return ids

    def set_name(self, name: bytes, now: float) -> None:
        mp.Nickname(name)  # validates the length
        self.name = name
        self._broadcast_info(now)

    def set_status_message(self, text: bytes, now: float) -> None:
        mp.StatusMessage(text)
        self.status_message = text
        self._broadcast_info(now)

    def set_status(self, status: UserStatus, now: float) -> None:
        self.user_status = UserStatus(status)
        self._broadcast_info(now)

    def set_typing(self, pk: bytes, on: bool, now: float) -> None:
        if pk not in self.friends:
            raise NotAFriend()
        p = self.peer(pk)
        p.typing_out = bool(on)
        if p.online and p.typing_sent != p.typing_out:
            self._send_info(pk, p, now)

    def outgoing(self) -> dict[bytes, list[Outgoing]]:
        """Every message not yet confirmed, per friend, oldest first (for persistence)."""
        return {pk: list(p.queue) for pk, p in self.peers.items() if p.queue}

    def restore(self, pk: bytes, items: list[tuple[int, str, bytes, float]], now: float) -> None:
        """Put messages saved by an earlier run back into the queue (id, kind, data, queued_at)."""
        if pk not in self.friends:
            return
        p = self.peer(pk)
        known = {m.id for m in p.queue}
        for mid, kind, data, queued_at in items:
            if mid in known or kind not in MESSAGE_KINDS or not 1 <= len(data) <= MAX_MESSAGE_LENGTH:
                continue
            p.queue.append(Outgoing(mid, MessageKind(kind), data, queued_at))
            self.next_id = max(self.next_id, mid + 1)
        p.queue.sort(key=lambda m: m.id)
        self._flush(pk, now)

    # --- sending ------------------------------------------------------------------------------

    def _write(self, pk: bytes, data: bytes, now: float) -> int | None:
        try:
            return self.fc.send_packet(pk, data, now)
        except SessionError:
            return None

    def _send_info(self, pk: bytes, p: Peer, now: float) -> None:
        """NICKNAME, STATUSMESSAGE, USERSTATUS and TYPING, each when it differs from what we sent."""
        wanted = {
            mp.MessengerId.NICKNAME: self.name,
            mp.MessengerId.STATUSMESSAGE: self.status_message,
            mp.MessengerId.USERSTATUS: bytes([int(self.user_status)]),
        }
        for pid, payload in wanted.items():
            if p.info_sent.get(pid) != payload:
                if self._write(pk, bytes([pid]) + payload, now) is None:
                    return
                p.info_sent[pid] = payload
        if p.typing_sent != p.typing_out:
            if self._write(pk, mp.Typing(p.typing_out).encode(), now) is None:
                return
            p.typing_sent = p.typing_out

    def _broadcast_info(self, now: float) -> None:
        for pk, p in self.peers.items():
            if p.online:
                self._send_info(pk, p, now)

    def _flush(self, pk: bytes, now: float) -> None:
        p = self.peer(pk)
        if not p.online:
            return
        # Messages are numbered in queue order, so the unsent ones are a suffix: find it from the
        # end (O(unsent), not O(queue), per acknowledgement when thousands are in flight).
        q = p.queue
        first = len(q)
        while first > 0 and q[first - 1].number is None:
            first -= 1
        for m in q[first:]:
            pid = mp.MessengerId.ACTION if m.kind == MessageKind.ACTION else mp.MessengerId.MESSAGE
            n = self._write(pk, bytes([pid]) + m.data, now)
            if n is None:
                return  # window full or session gone: the rest waits
            m.number = n
            m.sends += 1

    def _queue_changed(self) -> None:
        if self.on_queue_changed is not None:
            self.on_queue_changed()

    # --- friend_connection hooks --------------------------------------------------------------

    def _on_status(self, pk: bytes, up: bool, now: float) -> None:
        if pk not in self.friends and pk not in self.peers:
            return  # a session held for a conference member who is not a friend
        p = self.peer(pk)
        if up:
            self._write(pk, mp.Online().encode(), now)
            return
        self._went_offline(pk, p, now)

    def _went_offline(self, pk: bytes, p: Peer, now: float) -> None:
        was = p.online
        p.online = False
        p.info_sent.clear()
        p.typing_sent = None
        for m in p.queue:
            m.number = None
        if p.friend_typing:
            p.friend_typing = False
            self.ctx.emit(FriendTyping(pk, False))
        if was:
            self.ctx.emit(FriendConnection(pk, Transport.NONE))

    def _on_packet(self, pk: bytes, data: bytes, now: float) -> None:
        f = self.friends.get(pk)
        if f is None:
            return
        p = self.peer(pk)
        if not p.online:
            if data != bytes([mp.MessengerId.ONLINE]):
                self.ctx.drop("messenger: packet before ONLINE")
                return
            p.online = True
            if f.status < FriendStatus.CONFIRMED:
                f.status = FriendStatus.CONFIRMED  # they accepted: c-toxcore's FRIEND_ONLINE
            self._write(pk, mp.Online().encode(), now)
            self.ctx.emit(FriendConnection(pk, f.connection if f.connection != Transport.NONE else Transport.UDP))
            self._send_info(pk, p, now)
            self._flush(pk, now)
            return
        try:
            pkt = mp.decode_messenger(data)
        except ProtocolError as e:
            self.ctx.drop(f"messenger: {e.code}")
            return
        if isinstance(pkt, mp.Offline):
            self._went_offline(pk, p, now)
        elif isinstance(pkt, mp.Nickname):
            if pkt.name != f.name:
                f.name = pkt.name
                self.ctx.emit(FriendName(pk, pkt.name.decode("utf-8", "replace")))
        elif isinstance(pkt, mp.StatusMessage):
            if pkt.message != f.status_message:
                f.status_message = pkt.message
                self.ctx.emit(FriendStatusMessage(pk, pkt.message.decode("utf-8", "replace")))
        elif isinstance(pkt, mp.UserStatus):
            if pkt.status != f.user_status:
                f.user_status = pkt.status
                self.ctx.emit(FriendUserStatus(pk, UserStatus.from_wire(pkt.status).label))
        elif isinstance(pkt, mp.Typing):
            if pkt.typing != p.friend_typing:
                p.friend_typing = pkt.typing
                self.ctx.emit(FriendTyping(pk, pkt.typing))
        elif isinstance(pkt, mp.Message | mp.Action):
            kind = MessageKind.ACTION if isinstance(pkt, mp.Action) else MessageKind.NORMAL
            self.ctx.emit(Message(pk, kind, pkt.text.decode("utf-8", "replace")))

    def _on_acked(self, pk: bytes, now: float) -> None:
        p = self.peers.get(pk)
        if p is None:
            return
        done = 0
        for m in p.queue:
            if m.number is None or not self.fc.nc.is_acknowledged(pk, m.number):
                break
            self.ctx.emit(Receipt(pk, m.id))
            done += 1
        if done:
            del p.queue[:done]
            self._queue_changed()
        self._flush(pk, now)
