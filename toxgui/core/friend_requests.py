"""Friend requests: sending them over the onion, receiving, accepting and declining.

Sending (c-toxcore Messenger/friend_connection): a friend we added is sent ``0x20 | nospam |
message`` through every onion node where it is announced, as soon as its search finds it, then
again every second five times, then 2, 4, 8 ... s apart (capped at 160 s; c-toxcore: 5, 10,
20 ... s), until the friend comes online or a DHTPK from it shows it accepted.  The receiver
suppresses duplicates, so the fast retries only cost a few onion packets.

Receiving (c-toxcore friend_requests.c): the nospam must match ours byte for byte (a wrong one
is dropped silently and counted); requests from friends are dropped; a sender whose request is
already pending, or was declined, is not announced again.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Callable

from toxgui.core.context import NodeContext
from toxgui.core.events import FriendRequest as FriendRequestEvent
from toxgui.core.friends import Friend, FriendList, FriendStatus
from toxgui.core.onion import constants as C
from toxgui.core.onion.client import OnionClient
from toxgui.core.packets.dhtpk import FriendRequest
from toxgui.core.packets.kinds import CryptoRequestId
from toxgui.core.record import record
from toxgui.core.spec import MAX_FRIEND_REQUEST_LENGTH

MAX_PENDING = 256
MAX_DECLINED = 1024


class FriendRequestError(ValueError):
    """Base class: a friend cannot be added as asked."""


class FriendMessageLength(FriendRequestError):
    """The request message is empty or too long."""


class FriendMessageEmpty(FriendMessageLength):
    def __init__(self) -> None:
        super().__init__("a friend request needs a message (1 to 1016 bytes of UTF-8)")


class FriendMessageTooLong(FriendMessageLength):
    def __init__(self, got: int) -> None:
        self.got = got
        super().__init__(
            f"a friend request message is at most {MAX_FRIEND_REQUEST_LENGTH} bytes of UTF-8, this is {got}"
        )


class AlreadyFriend(FriendRequestError):
    def __init__(self) -> None:
        super().__init__("this person is already in your friend list")


class NoSuchRequest(FriendRequestError):
    def __init__(self) -> None:
        super().__init__("there is no pending friend request from this key")


def check_message(message: bytes | str) -> bytes:
    raw = message.encode("utf-8") if isinstance(message, str) else bytes(message)
    if not raw:
        raise FriendMessageEmpty()
    if len(raw) > MAX_FRIEND_REQUEST_LENGTH:
        raise FriendMessageTooLong(len(raw))
    return raw


@record
class Outgoing:
    next_send: float
    timeout: float = C.FR_FIRST_TIMEOUT
    sends: int = 0


class FriendRequests:
    def __init__(
        self,
        ctx: NodeContext,
        friends: FriendList,
        onion: OnionClient,
        nospam: Callable[[], bytes],
    ) -> None:
        self.ctx = ctx
        self.friends = friends
        self.onion = onion
        self.nospam = nospam
        self.pending: OrderedDict[bytes, bytes] = OrderedDict()  # sender pk -> message
        self.declined: OrderedDict[bytes, None] = OrderedDict()
        self.outgoing: dict[bytes, Outgoing] = {}
        self.counters: Counter[str] = Counter()
        self._deadline: float | None = None
        # Called after each request sent: the DHTPK goes along, so the friend learns our DHT key
        # right after accepting instead of at our next DHTPK.
        self.sent_listeners: list[Callable[[Friend, float], None]] = []
        onion.on_data(CryptoRequestId.FRIEND_REQUEST, self.receive)
        onion.on_found(self._on_found)

    # --- receiving ------------------------------------------------------------------------------

    def receive(self, sender_pk: bytes, payload: bytes, now: float) -> None:
        """A friend request (`0x20 | nospam | message`) from `sender_pk`, through the onion or
        over an existing session (friend_connection packet 18)."""
        req = FriendRequest.decode(payload)
        if req.nospam != self.nospam():
            self.counters["wrong_nospam"] += 1
            self.ctx.stats.drop_reasons["friend request: wrong nospam"] += 1
            return
        if sender_pk in self.friends:
            self.counters["from_friend"] += 1
            return
        if sender_pk in self.pending or sender_pk in self.declined:
            self.counters["duplicate"] += 1
            return
        self.pending[sender_pk] = req.message
        while len(self.pending) > MAX_PENDING:
            self.pending.popitem(last=False)
        self.counters["received"] += 1
        self.ctx.emit(FriendRequestEvent(sender_pk, req.message.decode("utf-8", "replace")))

    def take(self, pk: bytes) -> bytes:
        """Remove and return a pending request's message (NoSuchRequest if none)."""
        msg = self.pending.pop(pk, None)
        if msg is None:
            raise NoSuchRequest()
        return msg

    def decline(self, pk: bytes) -> None:
        self.take(pk)
        self.declined[pk] = None
        while len(self.declined) > MAX_DECLINED:
            self.declined.popitem(last=False)

    # --- sending --------------------------------------------------------------------------------

    # friend lifecycle: retries of our request while it is not accepted
    def friend_added(self, friend: Friend, now: float) -> None:
        if friend.status in (FriendStatus.ADDED, FriendStatus.REQUESTED):
            self.start(friend, now)

    def friend_removed(self, public_key: bytes, now: float) -> None:
        self.outgoing.pop(public_key, None)

    def start(self, friend: Friend, now: float) -> None:
        self.outgoing[friend.public_key] = Outgoing(next_send=now)
        self._deadline = now

    def _active(self, f: Friend | None) -> bool:
        return f is not None and f.status != FriendStatus.CONFIRMED and f.connection == "none"

    def _send(self, f: Friend, out: Outgoing, now: float) -> bool:
        payload = FriendRequest(f.nospam, f.request_message).encode()
        if not self.onion.send_onion_data(f.public_key, payload, now):
            return False
        out.sends += 1
        out.next_send = now + out.timeout
        if out.sends >= C.FR_FAST_SENDS:
            out.timeout = min(out.timeout * 2, C.FR_MAX_TIMEOUT)
        if f.status == FriendStatus.ADDED:
            f.status = FriendStatus.REQUESTED
        f.requests_sent = out.sends
        self.counters["sent"] += 1
        for fn in list(self.sent_listeners):
            fn(f, now)
        return True

    def _on_found(self, friend_pk: bytes, now: float) -> None:
        out = self.outgoing.get(friend_pk)
        f = self.friends.get(friend_pk)
        if out is not None and f is not None and self._active(f) and out.next_send - now > 0.5:
            # Found (again): send now rather than at the end of the back-off.
            self._send(f, out, now)

    def get_timer(self) -> float | None:
        return self._deadline

    def handle_timer(self, now: float) -> None:
        nxt: float | None = None
        for pk, out in list(self.outgoing.items()):
            f = self.friends.get(pk)
            if f is None or not self._active(f):
                if f is None or f.status == FriendStatus.CONFIRMED:
                    del self.outgoing[pk]
                continue
            if out.next_send <= now and not self._send(f, out, now):
                out.next_send = now + 1.0  # not found on the onion yet; _on_found also triggers
            nxt = out.next_send if nxt is None else min(nxt, out.next_send)
        self._deadline = None if nxt is None else max(nxt, now + 0.1)
