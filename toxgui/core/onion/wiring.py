"""Composition of the friend-finding layers into a ToxNode, and the node commands behind them.

`attach(node)` gives the node `friends` (FriendList), `onion` (Onion), `dhtpk` (DhtPkExchange)
and `friend_requests` (FriendRequests), registers their packet handlers and adds them as timed
layers.  The DHT is looked up lazily as `node.dht`, so the order of composition does not matter
and a node without a DHT still relays and stores announcements it is sent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from toxgui.core.dhtpk import DhtPkExchange
from toxgui.core.events import Stage
from toxgui.core.friend_requests import AlreadyFriend, FriendRequests, check_message
from toxgui.core.friends import Friend, FriendList, FriendStatus
from toxgui.core.onion import Onion
from toxgui.core.toxid import NOSPAM_SIZE, ToxId, ToxIdIsOwn
from toxgui.core.wire import PUBLIC_KEY_SIZE, PackedNode

if TYPE_CHECKING:
    from toxgui.core.node import ToxNode

SEARCH_LINE = "Searching the onion for this friend: no node answered yet"


def attach(node: ToxNode) -> None:
    ctx = node.ctx

    def dht() -> Any:
        return getattr(node, "dht", None)

    def random_nodes(n: int) -> list[PackedNode]:
        d = dht()
        if d is None:
            return []
        out = list(d.random_good_nodes(n))
        if len(out) < 3:
            # Early on, before DHT nodes are verified: the nodes we bootstrapped from and those
            # we heard of (c-toxcore also builds paths through its bootstrap nodes).
            seen = {x.public_key for x in out}
            for x in [*getattr(d, "bootstrap_nodes", []), *d.closest_nodes(d.self_key, 8, good_only=False)]:
                if x.public_key not in seen and x.public_key != ctx.dht_keys.public:
                    seen.add(x.public_key)
                    out.append(x)
        return out

    def closest(key: bytes, n: int) -> list[PackedNode]:
        d = dht()
        if d is None:
            return []
        return list(d.closest_nodes(key, n))

    node.friends = FriendList(ctx)
    node.onion = Onion(ctx, random_nodes, closest, node.friends)
    node.dhtpk = DhtPkExchange(ctx, node.friends, node.onion.client, dht)
    node.dhtpk.bind_dht()  # now if the DHT exists already, else on its first timer
    node.friend_requests = FriendRequests(ctx, node.friends, node.onion.client, lambda: node.nospam)
    node.friend_requests.sent_listeners.append(lambda f, now: node.dhtpk.send_onion(f, now))
    for kinds, handler in node.onion.handlers():
        node.register(kinds, handler)
    node.add_layer(node.onion)
    node.add_layer(node.dhtpk)
    node.add_layer(node.friend_requests)


def _parse_pk(pk: bytes | str) -> bytes:
    raw = bytes.fromhex(pk) if isinstance(pk, str) else bytes(pk)
    if len(raw) != PUBLIC_KEY_SIZE:
        raise ValueError("a public key is 32 bytes (64 hexadecimal characters)")
    return raw


def _start_search(node: ToxNode, f: Friend, now: float) -> None:
    f.waiting_for = SEARCH_LINE
    f.next_search = now
    node.onion.client.add_search(f.public_key, now)
    node.dhtpk._deadline = now
    if f.status in (FriendStatus.ADDED, FriendStatus.REQUESTED):
        node.friend_requests.start(f, now)


def add_friend(node: ToxNode, tox_id: ToxId | str | bytes, message: bytes | str, now: float) -> Friend:
    """Add a friend by Tox ID and send it a friend request.

    Raises a toxgui.core.toxid error for a bad ID (checksum, length, characters, our own ID),
    FriendMessageEmpty / FriendMessageTooLong for the message, AlreadyFriend.
    """
    own = node.public_key
    if isinstance(tox_id, ToxId):
        tid = tox_id
        if tid.public_key == own:
            raise ToxIdIsOwn()
    elif isinstance(tox_id, bytes | bytearray):
        tid = ToxId.from_bytes(bytes(tox_id))
        if tid.public_key == own:
            raise ToxIdIsOwn()
    else:
        tid = ToxId.parse(tox_id, own_public_key=own)
    msg = check_message(message)
    if tid.public_key in node.friends:
        raise AlreadyFriend()
    node.friend_requests.pending.pop(tid.public_key, None)
    f = Friend(tid.public_key, status=FriendStatus.ADDED, request_message=msg, nospam=tid.nospam)
    node.friends.add(f, now)
    _start_search(node, f, now)
    node.friends.touch(f, now)
    return f


def accept_request(node: ToxNode, pk: bytes | str, now: float) -> Friend:
    """Accept a pending friend request (NoSuchRequest if there is none; AlreadyFriend)."""
    raw = _parse_pk(pk)
    if raw in node.friends:
        raise AlreadyFriend()
    msg = node.friend_requests.take(raw)
    f = Friend(raw, status=FriendStatus.CONFIRMED, request_message=msg)
    node.friends.add(f, now)
    _start_search(node, f, now)
    node.friends.touch(f, now)
    return f


def decline_request(node: ToxNode, pk: bytes | str) -> None:
    node.friend_requests.decline(_parse_pk(pk))


def remove_friend(node: ToxNode, pk: bytes | str, now: float = 0.0) -> bool:
    """Forget a friend: its session, onion search, request retries, DHTPK state, DHT search."""
    raw = _parse_pk(pk)
    f = node.friends.get(raw)
    if f is None:
        return False
    fc = getattr(node, "friend_connection", None)
    if fc is not None:
        fc.remove(raw, now)
    node.onion.client.remove_search(raw)
    node.friend_requests.outgoing.pop(raw, None)
    node.dhtpk.forget(raw)
    dht = getattr(node, "dht", None)
    if dht is not None and f.dht_key is not None:
        dht.remove_search(f.dht_key)
    node.friends.remove(raw)
    return True


def set_nospam(node: ToxNode, nospam: bytes) -> None:
    if not isinstance(nospam, bytes | bytearray) or len(nospam) != NOSPAM_SIZE:
        raise ValueError("nospam is 4 bytes")
    node.nospam = bytes(nospam)


def load_friends(node: ToxNode, records: list[Any], now: float) -> None:
    """Add friends from savedata FriendRecords (no friend_added events); starts their searches."""
    for r in records:
        if r.public_key in node.friends or len(r.public_key) != PUBLIC_KEY_SIZE:
            continue
        status = FriendStatus(min(max(int(r.status), 1), 3))
        f = Friend(
            r.public_key, status=status, request_message=bytes(r.request_message), nospam=bytes(r.nospam),
            name=bytes(r.name), status_message=bytes(r.status_message), user_status=int(r.user_status),
            last_seen=int(r.last_seen),
        )
        node.friends.add(f, now, announce=False)
        _start_search(node, f, now)


def export_friends(node: ToxNode) -> list[Any]:
    """The friend list as savedata FriendRecords."""
    from toxgui.core.savedata import FriendRecord

    out = []
    for f in node.friends:
        out.append(FriendRecord(
            f.public_key, status=int(f.status), request_message=f.request_message, name=f.name,
            status_message=f.status_message, user_status=f.user_status, nospam=f.nospam,
            last_seen=f.last_seen,
        ))
    return out


def friend_stage(node: ToxNode, pk: bytes) -> Stage | None:
    f = node.friends.get(pk)
    return None if f is None else f.stage
