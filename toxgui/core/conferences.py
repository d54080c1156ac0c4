"""Conferences: c-toxcore's "old" group chats (group.c, 0.2.18), text type only.

Sans-I/O, plugged into friend_connection by packet id: 96 (invites, friends only, once the friend
is online at Messenger level), 97 ONLINE, 98 DIRECT, 99 MESSAGE, 100 REJOIN and the lossy 199
(accepted and ignored: text conferences have no lossy traffic).  Byte layouts and rules are in
the protocol notes (part 2, section 4); the behaviour follows group.c:

- Every member holds up to 16 links (friend_connections, non-friends included: `fc.hold`), each
  with reasons CLOSEST / INTRODUCING / INTRODUCER; a link without reasons is released.  The 4
  "closest" peers by the 64-bit key distance are linked; an invite adds an INTRODUCER link on the
  joiner's side and an INTRODUCING one on the inviter's.
- Packets 98 and 99 carry the receiver's conference number, learned from the peer's ONLINE or
  invite packets; a message is relayed unchanged to every online link but the one it came from,
  or to every link, back to the sender included, when it came straight from its author (so our
  own messages come back to us; they are shown then, exactly once).
- De-duplication keeps each sender's 8 newest message numbers; NAME and TITLE are "newest wins".
- PING every 20 s; a peer silent for 60 s is frozen (kept aside, at most 128) and thawed by its
  next message; leaving sends KILL_PEER.  A frozen peer whose session comes up gets REJOIN.
- Saved as savedata section 20 (little-endian, c-toxcore's layout); loaded conferences are
  CONNECTED with every saved peer frozen, and come back through REJOIN as the peers come online.

Hostile input is dropped and counted (`ctx.drop`), never raised: unknown or forged peer numbers
(answered by at most one PEER_QUERY per link per second), a NEW_PEER or PEER_RESPONSE naming a
number another key holds or naming our own key, a message claiming our own number with a number
we never sent, titles and names over 128 bytes, invites beyond the per-friend cap.  Memory is
bounded: MAX_PEERS peers and MAX_FROZEN frozen ones per conference, MAX_CONFERENCES conferences,
MAX_PENDING_INVITES remembered invites per friend.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterator
from dataclasses import field
from enum import IntEnum

from toxgui.core.context import NodeContext
from toxgui.core.events import (
    ConferenceConnected,
    ConferenceInvite,
    ConferenceMessage,
    ConferencePeers,
    ConferenceTitle,
)
from toxgui.core.friend_connection import FriendConnections
from toxgui.core.friends import Friend, FriendList
from toxgui.core.messenger import Messenger
from toxgui.core.net_crypto import SessionError
from toxgui.core.record import record
from toxgui.core.spec import MessageKind

# packet ids (first byte after net_crypto's data id)
INVITE = 96
ONLINE = 97
DIRECT = 98
MESSAGE = 99
REJOIN = 100
LOSSY = 199
PACKET_IDS = (INVITE, ONLINE, DIRECT, MESSAGE, REJOIN, LOSSY)
# INVITE sub-ids
INVITE_ID, INVITE_ACCEPT_ID, INVITE_MEMBER_ID = 0, 1, 2
# DIRECT sub-ids
PEER_INTRODUCED, PEER_QUERY, PEER_RESPONSE, PEER_TITLE = 1, 8, 9, 10
# message ids inside MESSAGE
MSG_PING, MSG_NEW_PEER, MSG_KILL_PEER, MSG_FREEZE_PEER, MSG_NAME, MSG_TITLE = 0, 16, 17, 18, 48, 49
MSG_TEXT, MSG_ACTION = 64, 65

TYPE_TEXT = 0
TYPE_AV = 1
ID_SIZE = 32
KEY = 32
COOKIE_SIZE = 2 + 1 + ID_SIZE  # what tox_conference_join takes
MAX_NAME_LENGTH = 128  # names and titles
MAX_CRYPTO_DATA = 1373  # bytes after net_crypto's data id
MAX_MESSAGE_DATA = MAX_CRYPTO_DATA - (1 + 2 + 2 + 4 + 1)  # 1363
DESIRED_CLOSEST = 4
MAX_LINKS = 16
MIN_EMPTY_LINKS = 1 + MAX_LINKS // 10
MAX_MESSAGE_INFOS = 8
MAX_FROZEN = 128
PING_INTERVAL = 20.0
FREEZE_TIMEOUT = 3 * PING_INTERVAL
SAVE_OFFSET_MESSAGE_NUMBER = 1 << 16
SAVE_OFFSET_LOSSY_NUMBER = 1 << 13
SAVED_PEER_FIXED = 2 * KEY + 2 + 8 + 1
SAVED_CONF_FIXED = 1 + ID_SIZE + 4 + 2 + 2 + 4 + 1
TICK = 0.2
LINK_GRACE = 10.0  # messages arriving on a link we just dropped are still taken this long
QUERY_INTERVAL = 1.0  # at most one PEER_QUERY per link per second for unknown senders
# our own bounds (c-toxcore has none for these)
MAX_PEERS = 512
MAX_CONFERENCES = 256
MAX_PENDING_INVITES = 8  # remembered invites per friend
INVITE_REPEAT = 10.0  # the same invite again from the same friend within this is dropped
INVITE_EXPIRY = 300.0

REASON_CLOSEST, REASON_INTRODUCING, REASON_INTRODUCER = 1, 2, 4


class ConferenceError(ValueError):
    """A conference command that cannot be carried out; the message says why."""


class Status(IntEnum):
    VALID = 1  # joining: waiting for the peer list that names us
    CONNECTED = 2


def comp(a: bytes, b: bytes) -> int:
    """c-toxcore calculate_comp_value: first 8 bytes as big-endian u64, a - b mod 2^64."""
    return (int.from_bytes(a[:8], "big") - int.from_bytes(b[:8], "big")) % (1 << 64)


@record
class Peer:
    peer_number: int
    real_pk: bytes
    temp_pk: bytes
    last_active: float
    name: bytes = b""
    nick_updated: bool = False
    temp_pk_updated: bool = True
    infos: list[tuple[int, int]] = field(default_factory=list)  # (number, id), newest first


@record
class Link:
    """A groupchat connection: a friend_connection this conference holds."""

    pk: bytes
    reasons: int = 0
    online: bool = False  # ONLINE exchanged (or marked at invite time)
    group_number: int = 0  # the peer's number for this conference
    last_query: float | None = None


@record
class Conference:
    number: int
    type: int
    id: bytes
    status: Status
    own_pk: bytes
    peer_number: int = 0
    title: bytes = b""
    title_fresh: bool = False
    message_number: int = 0
    lossy_number: int = 0
    peers: dict[int, Peer] = field(default_factory=dict)
    frozen: dict[int, Peer] = field(default_factory=dict)
    links: dict[bytes, Link] = field(default_factory=dict)
    closest: list[tuple[bytes, bytes] | None] = field(default_factory=lambda: [None] * DESIRED_CLOSEST)
    changed: int = 0  # 0 none, 1 added, 2 removed
    last_ping: float | None = None
    need_send_name: bool = False
    peers_dirty: bool = False
    # links dropped a moment ago: pk -> (their conference number, until when); messages still in
    # flight on them are taken (not relayed back), instead of lost
    recent: dict[bytes, tuple[int, float]] = field(default_factory=dict)
    join_cookie: bytes | None = None  # while joining: the invite we answered

    def peer_by_pk(self, pk: bytes) -> Peer | None:
        return next((p for p in self.peers.values() if p.real_pk == pk), None)

    def frozen_by_pk(self, pk: bytes) -> Peer | None:
        return next((p for p in self.frozen.values() if p.real_pk == pk), None)

    def online_count(self) -> int:
        return sum(1 for ln in self.links.values() if ln.online)

    def introducers(self) -> int:
        return sum(1 for ln in self.links.values() if ln.reasons & REASON_INTRODUCER)


@record
class PendingInvite:
    conference_id: bytes
    at: float


class Conferences:
    def __init__(self, ctx: NodeContext, friends: FriendList, fc: FriendConnections, messenger: Messenger) -> None:
        self.ctx = ctx
        self.friends = friends
        self.fc = fc
        self.messenger = messenger
        self.by_number: dict[int, Conference] = {}
        self.invites: dict[bytes, list[PendingInvite]] = {}
        self._next_tick: float | None = None
        self.lossy_ignored = 0
        self.on_changed: Callable[[], None] | None = None  # something worth saving changed
        fc.register(PACKET_IDS, self._on_packet)
        fc.on_status(self._on_status)

    # --- lookups ------------------------------------------------------------------------------

    @property
    def own_pk(self) -> bytes:
        return self.ctx.long_term.public

    def get(self, conference_id: bytes) -> Conference | None:
        return next((c for c in self.by_number.values() if c.id == conference_id), None)

    def _find(self, ctype: int, cid: bytes) -> Conference | None:
        return next((c for c in self.by_number.values() if c.type == ctype and c.id == cid), None)

    def _require(self, conference_id: bytes) -> Conference:
        c = self.get(conference_id)
        if c is None:
            raise ConferenceError("no such conference")
        return c

    def __iter__(self) -> Iterator[Conference]:
        return iter(list(self.by_number.values()))

    # --- friend lifecycle ---------------------------------------------------------------------

    def friend_added(self, friend: Friend, now: float) -> None:
        pass

    def friend_removed(self, public_key: bytes, now: float) -> None:
        self.invites.pop(public_key, None)

    # --- commands -----------------------------------------------------------------------------

    def create(self, now: float, title: bytes = b"") -> Conference:
        """A new text conference with us as its founder (peer number 0)."""
        if title and len(title) > MAX_NAME_LENGTH:
            raise ConferenceError(f"a title is at most {MAX_NAME_LENGTH} bytes")
        c = self._new(TYPE_TEXT, self.ctx.rng.bytes(ID_SIZE), Status.CONNECTED, now)
        c.peer_number = 0
        self._add_self(c, now)
        if title:
            c.title = title
        self._arm(now)
        self._changed()
        return c

    def invite(self, conference_id: bytes, friend_pk: bytes, now: float) -> None:
        c = self._require(conference_id)
        if c.status != Status.CONNECTED:
            raise ConferenceError("not connected to the conference yet")
        if friend_pk not in self.friends:
            raise ConferenceError("not a friend")
        if not self.messenger.is_online(friend_pk):
            raise ConferenceError("the friend is offline")
        pkt = struct.pack(">BBHB", INVITE, INVITE_ID, c.number, c.type) + c.id
        if not self._write(friend_pk, pkt, now):
            raise ConferenceError("the invite could not be sent")

    def join(self, friend_pk: bytes, cookie: bytes, now: float) -> Conference:
        """Accept an invite (`cookie`: the 35 bytes of the `ConferenceInvite`)."""
        if len(cookie) != COOKIE_SIZE:
            raise ConferenceError(f"an invite is {COOKIE_SIZE} bytes")
        if cookie[2] != TYPE_TEXT:
            raise ConferenceError("only text conferences can be joined")
        if friend_pk not in self.friends:
            raise ConferenceError("not a friend")
        if not self.messenger.is_online(friend_pk):
            raise ConferenceError("the friend is offline")
        cid = cookie[3:]
        if self._find(cookie[2], cid) is not None:
            raise ConferenceError("already in this conference")
        c = self._new(cookie[2], cid, Status.VALID, now)
        c.join_cookie = cookie
        if not self._send_accept(c, friend_pk, now):
            del self.by_number[c.number]
            raise ConferenceError("the answer to the invite could not be sent")
        self._take_invite(friend_pk, cid)
        self._add_link(c, friend_pk, REASON_INTRODUCER, now)
        self._introduced(c, friend_pk, now)
        self._arm(now)
        return c

    def _send_accept(self, c: Conference, pk: bytes, now: float) -> bool:
        assert c.join_cookie is not None
        other = int.from_bytes(c.join_cookie[:2], "big")
        pkt = struct.pack(">BBHH", INVITE, INVITE_ACCEPT_ID, c.number, other) + c.join_cookie[2:]
        return self._write(pk, pkt, now)

    def _introduced(self, c: Conference, pk: bytes, now: float) -> None:
        """The inviter's link is online at once with its number (c-toxcore send_invite_response)
        and asked for the member list."""
        assert c.join_cookie is not None
        ln = c.links.get(pk)
        other = int.from_bytes(c.join_cookie[:2], "big")
        if ln is not None:
            ln.group_number = other
            ln.online = True
        self._send_direct(pk, other, bytes([PEER_QUERY]), now)

    def leave(self, conference_id: bytes, now: float) -> None:
        c = self._require(conference_id)
        if c.status == Status.CONNECTED:
            self._send_group(c, MSG_KILL_PEER, struct.pack(">H", c.peer_number), now)
        self._delete(c, now)
        self._changed()

    def send(self, conference_id: bytes, text: bytes, kind: MessageKind, now: float) -> None:
        c = self._require(conference_id)
        if not text:
            raise ConferenceError("a message needs at least one byte")
        if len(text) > MAX_MESSAGE_DATA:
            raise ConferenceError(f"a conference message is at most {MAX_MESSAGE_DATA} bytes")
        mid = MSG_ACTION if MessageKind(kind) == MessageKind.ACTION else MSG_TEXT
        self._send_or_raise(c, mid, text, now)

    def set_title(self, conference_id: bytes, title: bytes, now: float) -> None:
        c = self._require(conference_id)
        if not 1 <= len(title) <= MAX_NAME_LENGTH:
            raise ConferenceError(f"a title is 1 to {MAX_NAME_LENGTH} bytes")
        if c.title == title:
            return
        if len(c.peers) > 1:
            self._send_or_raise(c, MSG_TITLE, title, now)
        c.title = title
        self.ctx.emit(ConferenceTitle(c.id, _text(title)))
        self._changed()

    def name_changed(self, now: float) -> None:
        """Our name changed: tell every conference (c-toxcore send_name_all_groups)."""
        for c in self:
            me = c.peers.get(c.peer_number) if c.status == Status.CONNECTED else None
            if me is not None and me.real_pk == self.own_pk:
                me.name = self.messenger.name
                c.peers_dirty = True
            if c.status == Status.CONNECTED:
                self._send_group(c, MSG_NAME, self.messenger.name, now)
                c.need_send_name = False
        self._flush_events()

    def peer_list(self, c: Conference) -> list[dict[str, object]]:
        out: list[dict[str, object]] = []
        for p in sorted(c.peers.values(), key=lambda p: p.real_pk):
            ln = c.links.get(p.real_pk)
            mine = p.real_pk == self.own_pk
            out.append({
                "public_key": p.real_pk,
                "name": _text(self.messenger.name if mine else p.name),
                "connected": mine or bool(ln and ln.online),
            })
        return out

    # --- persistence (savedata section 20) ----------------------------------------------------

    def save(self) -> bytes:
        out = bytearray()
        for c in sorted(self.by_number.values(), key=lambda c: c.number):
            if c.status != Status.CONNECTED:
                continue
            others = [p for p in (*c.peers.values(), *c.frozen.values()) if p.real_pk != self.own_pk]
            out += bytes([c.type]) + c.id
            out += struct.pack("<IHHI", (c.message_number + SAVE_OFFSET_MESSAGE_NUMBER) & 0xFFFFFFFF,
                               (c.lossy_number + SAVE_OFFSET_LOSSY_NUMBER) & 0xFFFF, c.peer_number, len(others))
            out += bytes([len(c.title)]) + c.title
            for p in others:
                out += p.real_pk + p.temp_pk + struct.pack("<HQ", p.peer_number, int(max(0.0, p.last_active)))
                out += bytes([len(p.name)]) + p.name
        return bytes(out)

    def load(self, data: bytes, now: float) -> int:
        """Conferences from a saved profile (all or none, as c-toxcore); returns how many."""
        try:
            loaded = _parse_saved(data)
        except ValueError:
            self.ctx.drop("conference: bad saved section")
            return 0
        n = 0
        for ctype, cid, msg_num, lossy_num, peer_number, title, peers in loaded:
            if self._find(ctype, cid) is not None or len(self.by_number) >= MAX_CONFERENCES:
                continue
            c = self._new(ctype, cid, Status.CONNECTED, now)
            c.message_number, c.lossy_number, c.peer_number, c.title = msg_num, lossy_num, peer_number, title
            for real_pk, temp_pk, pn, _last, name in peers[:MAX_FROZEN]:
                if real_pk != self.own_pk:
                    c.frozen[pn] = Peer(pn, real_pk, temp_pk, now - FREEZE_TIMEOUT, name=name)
            self._add_self(c, now)
            n += 1
        if n:
            self._arm(now)
            # friends already online (a load after start): rejoin now
            for pk in list(self.fc.links):
                if self.fc.is_online(pk):
                    self._rejoin_frozen(pk, now)
        return n

    # --- internals: conference records --------------------------------------------------------

    def _new(self, ctype: int, cid: bytes, status: Status, now: float) -> Conference:
        if len(self.by_number) >= MAX_CONFERENCES:
            raise ConferenceError("too many conferences")
        number = next(i for i in range(MAX_CONFERENCES + 1) if i not in self.by_number)
        c = Conference(number, ctype, cid, status, self.own_pk)
        self.by_number[number] = c
        return c

    def _add_self(self, c: Conference, now: float) -> None:
        me = Peer(c.peer_number, self.own_pk, self.ctx.dht_keys.public, now, name=self.messenger.name)
        c.peers[c.peer_number] = me
        c.peers_dirty = True

    def _delete(self, c: Conference, now: float) -> None:
        for pk in list(c.links):
            self._drop_link(c, pk, now)
        self.by_number.pop(c.number, None)

    def _changed(self) -> None:
        if self.on_changed is not None:
            self.on_changed()

    # --- internals: peers (group.c addpeer, delpeer, freeze_peer, note_peer_active) -----------

    def _note_active(self, c: Conference, pn: int, now: float) -> Peer | None:
        p = c.peers.get(pn)
        if p is not None:
            p.last_active = now
            return p
        fz = c.frozen.pop(pn, None)
        if fz is None:
            return None
        if len(c.peers) >= MAX_PEERS:
            c.frozen[pn] = fz
            self.ctx.drop("conference: too many peers")
            return None
        fz.temp_pk_updated = False
        fz.last_active = now
        c.peers[pn] = fz
        self._add_to_closest(c, fz.real_pk, fz.temp_pk)
        c.peers_dirty = True
        c.need_send_name = True
        return fz

    def _addpeer(self, c: Conference, real_pk: bytes, temp_pk: bytes, pn: int, fresh: bool, now: float) -> Peer | None:
        p = self._note_active(c, pn, now) if fresh else c.peers.get(pn)
        if p is not None:
            if p.real_pk != real_pk:
                self.ctx.drop("conference: peer number held by another key")
                return None
            if (fresh or not p.temp_pk_updated) and real_pk != self.own_pk:
                p.temp_pk = temp_pk
                p.temp_pk_updated = True
            return p
        if not fresh:
            fz = c.frozen.get(pn)
            if fz is not None:
                if fz.real_pk == real_pk:
                    fz.temp_pk = temp_pk
                else:
                    self.ctx.drop("conference: peer number held by another key")
                return None
        if real_pk == self.own_pk:
            # another number for our own key: c-toxcore would drop itself from its own list
            self.ctx.drop("conference: our key under another number")
            return None
        if len(c.peers) >= MAX_PEERS:
            self.ctx.drop("conference: too many peers")
            return None
        old = c.peer_by_pk(real_pk)
        if old is not None:
            self._delpeer(c, old, now)
        ofz = c.frozen_by_pk(real_pk)
        if ofz is not None:
            del c.frozen[ofz.peer_number]
        p = c.peers[pn] = Peer(pn, real_pk, temp_pk, now)
        self._add_to_closest(c, real_pk, temp_pk)
        c.peers_dirty = True
        return p

    def _delpeer(self, c: Conference, p: Peer, now: float) -> None:
        self._remove_from_closest(c, p.real_pk)
        if p.real_pk in c.links:
            self._drop_link(c, p.real_pk, now)
        c.peers.pop(p.peer_number, None)
        c.peers_dirty = True

    def _freeze(self, c: Conference, p: Peer, now: float) -> None:
        self._delpeer(c, p, now)
        c.frozen[p.peer_number] = p
        self._try_rejoin(c, p.real_pk, now)
        if len(c.frozen) > MAX_FROZEN:
            keep = sorted(c.frozen.values(), key=lambda q: (q.real_pk not in self.friends, -q.last_active))
            c.frozen = {q.peer_number: q for q in keep[:MAX_FROZEN]}

    def _check_disconnected(self, c: Conference, now: float) -> None:
        if c.online_count():
            return
        for p in list(c.peers.values()):
            if p.real_pk != self.own_pk:
                self._freeze(c, p, now)

    # --- internals: the closest peers (group.c add_to_closest, connect_to_closest) ------------

    def _add_to_closest(self, c: Conference, real_pk: bytes, temp_pk: bytes) -> None:
        if real_pk == self.own_pk:
            return
        cl = c.closest
        if any(e is not None and e[0] == real_pk for e in cl):
            return
        index = next((i for i, e in enumerate(cl) if e is None), DESIRED_CLOSEST)
        if index == DESIRED_CLOSEST:
            comp_d = 0
            val = comp(self.own_pk, real_pk)
            for i in range(DESIRED_CLOSEST // 2):
                e = cl[i]
                assert e is not None
                v = comp(self.own_pk, e[0])
                if v > val and v > comp_d:
                    index, comp_d = i, v
            val = comp(real_pk, self.own_pk)
            for i in range(DESIRED_CLOSEST // 2, DESIRED_CLOSEST):
                e = cl[i]
                assert e is not None
                v = comp(e[0], self.own_pk)
                if v > val and v > comp_d:
                    index, comp_d = i, v
        if index == DESIRED_CLOSEST:
            return
        old = cl[index]
        cl[index] = (real_pk, temp_pk)
        if old is not None:
            self._add_to_closest(c, old[0], old[1])
        if c.changed == 0:
            c.changed = 1

    def _remove_from_closest(self, c: Conference, real_pk: bytes) -> None:
        for i, e in enumerate(c.closest):
            if e is not None and e[0] == real_pk:
                c.closest[i] = None
                c.changed = 2
                return

    def _connect_to_closest(self, c: Conference, now: float) -> None:
        if c.changed == 0:
            return
        if c.changed == 2:
            for p in list(c.peers.values()):
                self._add_to_closest(c, p.real_pk, p.temp_pk)
        wanted = {e[0] for e in c.closest if e is not None}
        for pk, ln in list(c.links.items()):
            if ln.reasons & REASON_CLOSEST and pk not in wanted:
                self._remove_reason(c, pk, REASON_CLOSEST, now)
        for e in list(c.closest):
            if e is None:
                continue
            link = self._add_link(c, e[0], REASON_CLOSEST, now, e[1])
            if link is not None and not link.online and self.fc.is_online(e[0]):
                self._send_online(c, e[0], now)
        c.changed = 0

    # --- internals: links (group.c add_conn_to_groupchat, remove_connection_reason) -----------

    def _add_link(self, c: Conference, pk: bytes, reason: int, now: float, dht_key: bytes | None = None) -> Link | None:
        ln = c.links.get(pk)
        if ln is None:
            if len(c.links) >= MAX_LINKS:
                return None
            ln = c.links[pk] = Link(pk)
            self.fc.hold(pk, dht_key, now)
        ln.reasons |= reason
        return ln

    def _remove_reason(self, c: Conference, pk: bytes, reason: int, now: float) -> None:
        ln = c.links.get(pk)
        if ln is None or not ln.reasons & reason:
            return
        ln.reasons &= ~reason
        if reason == REASON_INTRODUCER and ln.online:
            self._send_direct(pk, ln.group_number, bytes([PEER_INTRODUCED]), now)
        if ln.reasons == 0:
            self._drop_link(c, pk, now)

    def _drop_link(self, c: Conference, pk: bytes, now: float) -> None:
        ln = c.links.pop(pk, None)
        if ln is not None:
            self.fc.release(pk, now)
            c.peers_dirty = True
            if ln.online:
                for old in [k for k, (_, until) in c.recent.items() if until <= now]:
                    del c.recent[old]
                if len(c.recent) < MAX_LINKS:
                    c.recent[pk] = (ln.group_number, now + LINK_GRACE)

    def _clean_links(self, c: Conference, now: float) -> None:
        """Keep MIN_EMPTY_LINKS slots free: drop non-closest connecting links first, then
        non-closest online ones (group.c clean_connections)."""
        while MAX_LINKS - len(c.links) < MIN_EMPTY_LINKS:
            cands = [pk for pk, ln in c.links.items() if not ln.online and not ln.reasons & REASON_CLOSEST]
            cands = cands or [pk for pk, ln in c.links.items() if ln.online and not ln.reasons & REASON_CLOSEST]
            if not cands:
                return
            self._drop_link(c, cands[0], now)

    # --- internals: sending -------------------------------------------------------------------

    def _write(self, pk: bytes, data: bytes, now: float) -> bool:
        try:
            self.fc.send_packet(pk, data, now)
            return True
        except SessionError:
            return False

    def _send_online(self, c: Conference, pk: bytes, now: float) -> bool:
        return self._write(pk, struct.pack(">BHB", ONLINE, c.number, c.type) + c.id, now)

    def _send_direct(self, pk: bytes, group_number: int, body: bytes, now: float) -> bool:
        if 3 + len(body) > MAX_CRYPTO_DATA:
            return False
        return self._write(pk, struct.pack(">BH", DIRECT, group_number) + body, now)

    def _send_all(self, c: Conference, body: bytes, now: float, exclude: bytes | None = None) -> int:
        sent = 0
        for pk, ln in list(c.links.items()):
            if ln.online and pk != exclude and self._write(pk, struct.pack(">BH", MESSAGE, ln.group_number) + body, now):
                sent += 1
        return sent

    def _send_group(self, c: Conference, mid: int, data: bytes, now: float) -> int:
        if len(data) > MAX_MESSAGE_DATA or c.status != Status.CONNECTED or c.online_count() == 0:
            return 0
        c.message_number = (c.message_number + 1) & 0xFFFFFFFF or 1
        body = struct.pack(">HIB", c.peer_number, c.message_number, mid) + data
        return self._send_all(c, body, now)

    def _send_or_raise(self, c: Conference, mid: int, data: bytes, now: float) -> None:
        if c.status != Status.CONNECTED:
            raise ConferenceError("not connected to the conference yet")
        if c.online_count() == 0:
            raise ConferenceError("no member of the conference is connected")
        if c.need_send_name and mid != MSG_NAME:
            # our name before our first words (c-toxcore sends it on its next iteration)
            self._send_group(c, MSG_NAME, self.messenger.name, now)
            c.need_send_name = False
        if self._send_group(c, mid, data, now) == 0:
            raise ConferenceError("the message could not be sent")

    def _send_peers(self, c: Conference, pk: bytes, group_number: int, now: float) -> None:
        room = MAX_CRYPTO_DATA - 3
        buf = bytearray([PEER_RESPONSE])
        for p in list(c.peers.values()):
            name = self.messenger.name if p.real_pk == self.own_pk else p.name
            rec = struct.pack(">H", p.peer_number) + p.real_pk + p.temp_pk + bytes([len(name)]) + name
            if len(buf) + len(rec) > room:
                if not self._send_direct(pk, group_number, bytes(buf), now):
                    return
                buf = bytearray([PEER_RESPONSE])
            buf += rec
        if not self._send_direct(pk, group_number, bytes(buf), now):
            return
        if c.title:
            self._send_direct(pk, group_number, bytes([PEER_TITLE]) + c.title, now)

    def _ping(self, c: Conference, now: float) -> None:
        if (c.last_ping is None or now - c.last_ping >= PING_INTERVAL) and self._send_group(c, MSG_PING, b"", now):
            c.last_ping = now

    def _try_rejoin(self, c: Conference, pk: bytes, now: float) -> None:
        if pk not in self.fc.nc.conns:
            return
        if self._write(pk, bytes([REJOIN, c.type]) + c.id, now):
            self._add_link(c, pk, REASON_INTRODUCER, now)

    def _rejoin_frozen(self, pk: bytes, now: float) -> None:
        for c in self:
            if c.frozen_by_pk(pk) is not None:
                self._try_rejoin(c, pk, now)

    # --- the timer ----------------------------------------------------------------------------

    def _arm(self, now: float) -> None:
        if self.by_number and (self._next_tick is None or self._next_tick > now + TICK):
            self._next_tick = now + TICK

    def get_timer(self) -> float | None:
        return self._next_tick

    def handle_timer(self, now: float) -> None:
        self._next_tick = now + TICK if self.by_number else None
        for c in self:
            if c.status != Status.CONNECTED:
                continue
            self._connect_to_closest(c, now)
            self._ping(c, now)
            for p in list(c.peers.values()):
                if p.peer_number != c.peer_number and now - p.last_active >= FREEZE_TIMEOUT:
                    self._freeze(c, p, now)
            if len(c.peers) <= 1:
                c.title_fresh = False
            self._clean_links(c, now)
            if c.need_send_name:
                self._send_group(c, MSG_NAME, self.messenger.name, now)
                c.need_send_name = False
        self._flush_events()

    def _flush_events(self) -> None:
        for c in self:
            if c.peers_dirty:
                c.peers_dirty = False
                self.ctx.emit(ConferencePeers(c.id, self.peer_list(c)))

    # --- friend_connection hooks --------------------------------------------------------------

    def _on_status(self, pk: bytes, up: bool, now: float) -> None:
        if up:
            self._rejoin_frozen(pk, now)
        for c in self:
            ln = c.links.get(pk)
            if ln is None:
                continue
            if up and c.status == Status.VALID and c.join_cookie is not None and ln.reasons & REASON_INTRODUCER:
                # still joining when the session with the inviter came back: the answer to the
                # invite may have died with the old session, so it goes again (the inviter takes
                # a repeated one as a fresh join; c-toxcore would wait forever)
                if self._send_accept(c, pk, now):
                    self._introduced(c, pk, now)
                continue
            if up:
                self._send_online(c, pk, now)
            else:
                ln.online = False
                c.peers_dirty = True
                self._check_disconnected(c, now)
        self._flush_events()

    def _on_packet(self, pk: bytes, data: bytes, now: float) -> None:
        kind = data[0]
        if kind == LOSSY:
            self.lossy_ignored += 1  # text conferences have no lossy traffic: nothing to do
            return
        if kind == INVITE:
            if pk not in self.friends or not self.messenger.is_online(pk):
                self.ctx.drop("conference: invite from a non-friend")
                return
            self._on_invite(pk, data[1:], now)
        elif kind == ONLINE:
            self._on_online(pk, data[1:], now)
        elif kind == REJOIN:
            self._on_rejoin(pk, data[1:], now)
        else:
            if len(data) < 4:
                self.ctx.drop("conference: short packet")
                return
            c = self.by_number.get(int.from_bytes(data[1:3], "big"))
            ln = c.links.get(pk) if c is not None else None
            if c is not None and ln is None and kind == MESSAGE:
                recent = c.recent.get(pk)
                if recent is not None and recent[1] > now:
                    # in flight when we dropped the link (the peer stops once it hears of it)
                    ln = Link(pk, online=False, group_number=recent[0])
            if c is None or ln is None:
                self.ctx.drop("conference: no such conference link")
                return
            if kind == DIRECT:
                self._on_direct(c, ln, data[3:], now)
            else:
                self._on_message(c, ln, data[3:], now)
        self._flush_events()

    # --- handlers -----------------------------------------------------------------------------

    def _on_invite(self, pk: bytes, d: bytes, now: float) -> None:
        if not d:
            return
        sub = d[0]
        if sub == INVITE_ID:
            if len(d) != 1 + COOKIE_SIZE:
                self.ctx.drop("conference: bad invite")
                return
            cookie = d[1:]
            c = self._find(cookie[2], cookie[3:])
            if c is not None:
                if c.status == Status.CONNECTED:
                    self._answer_as_member(c, pk, cookie, now)
                return
            if cookie[2] != TYPE_TEXT:
                self.ctx.drop("conference: av invite")
                return
            if self._remember_invite(pk, cookie[3:], now):
                self.ctx.emit(ConferenceInvite(pk, cookie, cookie[3:]))
            return
        if sub not in (INVITE_ACCEPT_ID, INVITE_MEMBER_ID):
            self.ctx.drop("conference: bad invite")
            return
        member = sub == INVITE_MEMBER_ID
        if len(d) != (1 + 4 + 1 + ID_SIZE + (2 if member else 0)):
            self.ctx.drop("conference: bad invite answer")
            return
        other, ours = struct.unpack_from(">HH", d, 1)
        c = self.by_number.get(ours)
        if c is None or d[5] != c.type or d[6:6 + ID_SIZE] != c.id or c.status != Status.CONNECTED:
            self.ctx.drop("conference: invite answer for no conference")
            return
        if member:
            pn = struct.unpack_from(">H", d, 6 + ID_SIZE)[0]
        else:
            pn = None
            for _ in range(33):
                cand = int.from_bytes(self.ctx.rng.bytes(2), "big")
                if cand not in c.peers and cand not in c.frozen:
                    pn = cand
                    break
            if pn is None:
                return
        temp_pk = self.fc.dht_key_of(pk) or bytes(KEY)
        self._addpeer(c, pk, temp_pk, pn, True, now)
        ln = self._add_link(c, pk, REASON_INTRODUCING, now)
        if member:
            self._add_link(c, pk, REASON_INTRODUCER, now)
            self._send_direct(pk, other, bytes([PEER_QUERY]), now)
        if ln is not None:
            ln.group_number = other
            ln.online = True
        self._send_group(c, MSG_NEW_PEER, struct.pack(">H", pn) + pk + temp_pk, now)

    def _answer_as_member(self, c: Conference, pk: bytes, cookie: bytes, now: float) -> None:
        pkt = struct.pack(">BBH", INVITE, INVITE_MEMBER_ID, c.number) + cookie + struct.pack(">H", c.peer_number)
        if not self._write(pk, pkt, now):
            return
        other = int.from_bytes(cookie[:2], "big")
        ln = self._add_link(c, pk, REASON_INTRODUCER, now)
        self._add_link(c, pk, REASON_INTRODUCING, now)
        if ln is not None:
            ln.group_number = other
            ln.online = True
        self._send_direct(pk, other, bytes([PEER_QUERY]), now)

    def _remember_invite(self, pk: bytes, cid: bytes, now: float) -> bool:
        lst = [i for i in self.invites.get(pk, []) if now - i.at < INVITE_EXPIRY]
        same = next((i for i in lst if i.conference_id == cid), None)
        if same is not None and now - same.at < INVITE_REPEAT:
            self.invites[pk] = lst
            self.ctx.drop("conference: repeated invite")
            return False
        if same is not None:
            lst.remove(same)
        elif len(lst) >= MAX_PENDING_INVITES:
            self.invites[pk] = lst
            self.ctx.drop("conference: too many invites")
            return False
        lst.append(PendingInvite(cid, now))
        self.invites[pk] = lst
        return True

    def _take_invite(self, pk: bytes, cid: bytes) -> None:
        lst = self.invites.get(pk)
        if lst:
            self.invites[pk] = [i for i in lst if i.conference_id != cid]

    def _on_online(self, pk: bytes, d: bytes, now: float) -> None:
        if len(d) != 3 + ID_SIZE:
            self.ctx.drop("conference: bad online")
            return
        c = self._find(d[2], d[3:])
        ln = c.links.get(pk) if c is not None else None
        if c is None or ln is None:
            self.ctx.drop("conference: online for no link")
            return
        if ln.online:
            return
        other = int.from_bytes(d[:2], "big")
        if c.online_count() == 0 or ln.reasons & REASON_INTRODUCER:
            self._send_direct(pk, other, bytes([PEER_QUERY]), now)
        ln.group_number = other
        ln.online = True
        c.peers_dirty = True
        self._send_online(c, pk, now)
        if ln.reasons & REASON_INTRODUCING:
            p = c.peer_by_pk(pk)
            if p is not None:
                temp = self.fc.dht_key_of(pk) or p.temp_pk
                self._send_group(c, MSG_NEW_PEER, struct.pack(">H", p.peer_number) + pk + temp, now)
            c.need_send_name = True
        self._ping(c, now)

    def _on_rejoin(self, pk: bytes, d: bytes, now: float) -> None:
        if len(d) < 1 + ID_SIZE:
            self.ctx.drop("conference: bad rejoin")
            return
        c = self._find(d[0], d[1:1 + ID_SIZE])
        if c is None:
            return
        known = c.peer_by_pk(pk) or c.frozen_by_pk(pk)
        if known is None:
            self.ctx.drop("conference: rejoin from a stranger")
            return
        temp = self.fc.dht_key_of(pk) or known.temp_pk
        self._addpeer(c, pk, temp, known.peer_number, True, now)
        if self._add_link(c, pk, REASON_INTRODUCING, now) is not None:
            self._send_online(c, pk, now)

    def _on_direct(self, c: Conference, ln: Link, d: bytes, now: float) -> None:
        if not d:
            return
        sub = d[0]
        if sub == PEER_INTRODUCED:
            self._remove_reason(c, ln.pk, REASON_INTRODUCING, now)
        elif sub == PEER_QUERY:
            if ln.online:
                self._send_peers(c, ln.pk, ln.group_number, now)
        elif sub == PEER_RESPONSE:
            self._on_peer_response(c, d[1:], now)
        elif sub == PEER_TITLE:
            if not c.title_fresh:
                self._set_title_from_peer(c, d[1:])
        else:
            self.ctx.drop("conference: unknown direct packet")

    def _on_peer_response(self, c: Conference, d: bytes, now: float) -> None:
        at = 0
        while len(d) - at >= 2 + 2 * KEY + 1:
            pn = int.from_bytes(d[at:at + 2], "big")
            real_pk = d[at + 2:at + 2 + KEY]
            temp_pk = d[at + 2 + KEY:at + 2 + 2 * KEY]
            at += 2 + 2 * KEY
            nlen = d[at]
            at += 1
            if nlen > MAX_NAME_LENGTH or nlen > len(d) - at:
                self.ctx.drop("conference: bad peer response")
                return
            name = d[at:at + nlen]
            at += nlen
            if c.status == Status.VALID and real_pk == self.own_pk:
                c.peer_number = pn
                c.status = Status.CONNECTED
                c.join_cookie = None
                self._add_self(c, now)
                c.need_send_name = True
                self.ctx.emit(ConferenceConnected(c.id))
                self._arm(now)
                self._changed()
                continue
            if real_pk == self.own_pk:
                if pn != c.peer_number:
                    self.ctx.drop("conference: our key under another number")
                continue
            p = self._addpeer(c, real_pk, temp_pk, pn, False, now)
            if p is None:
                return
            if not p.nick_updated:
                self._set_name(c, p, name)

    def _set_name(self, c: Conference, p: Peer, name: bytes) -> bool:
        if len(name) > MAX_NAME_LENGTH:
            self.ctx.drop("conference: name too long")
            return False
        p.nick_updated = True
        if p.name != name:
            p.name = name
            c.peers_dirty = True
        return True

    def _set_title_from_peer(self, c: Conference, title: bytes) -> bool:
        if not 1 <= len(title) <= MAX_NAME_LENGTH:
            self.ctx.drop("conference: bad title")
            return False
        if title == c.title:
            return True
        c.title = title
        c.title_fresh = True
        self.ctx.emit(ConferenceTitle(c.id, _text(title)))
        self._changed()
        return True

    def _on_message(self, c: Conference, ln: Link, d: bytes, now: float) -> None:
        if len(d) < 7:
            self.ctx.drop("conference: short message")
            return
        pn, number, mid = struct.unpack_from(">HIB", d)
        data = d[7:]
        if mid == MSG_FREEZE_PEER:
            p = c.peers.get(pn)
        else:
            p = self._note_active(c, pn, now)
        if p is None:
            self.ctx.drop("conference: unknown sender")
            if mid != MSG_FREEZE_PEER and ln.online and (ln.last_query is None or now - ln.last_query >= QUERY_INTERVAL):
                ln.last_query = now
                self._send_direct(ln.pk, ln.group_number, bytes([PEER_QUERY]), now)
            return
        if p.real_pk == self.own_pk and 0 < (number - c.message_number) % (1 << 32) <= (1 << 31):
            self.ctx.drop("conference: forged own number")  # a number we never sent
            return
        if c.introducers() > 0 and c.online_count() > DESIRED_CLOSEST:
            for lpk, other in list(c.links.items()):
                if other.reasons & REASON_INTRODUCER and lpk != ln.pk and lpk == p.real_pk:
                    self._remove_reason(c, lpk, REASON_INTRODUCER, now)
        if not _check_message_info(p, number, mid):
            return
        direct = p.real_pk == ln.pk
        if mid == MSG_PING:
            pass
        elif mid == MSG_NEW_PEER:
            if len(data) != 2 + 2 * KEY:
                self.ctx.drop("conference: bad new peer")
                return
            npn = int.from_bytes(data[:2], "big")
            if data[2:2 + KEY] == self.own_pk:
                if npn != c.peer_number:
                    self.ctx.drop("conference: our key under another number")
                    return
            else:
                self._addpeer(c, data[2:2 + KEY], data[2 + KEY:], npn, True, now)
        elif mid in (MSG_KILL_PEER, MSG_FREEZE_PEER):
            if len(data) != 2 or int.from_bytes(data, "big") != pn:
                self.ctx.drop("conference: kill for another peer")
                return
            if p.real_pk == self.own_pk:
                return
            if mid == MSG_KILL_PEER:
                self._delpeer(c, p, now)
            else:
                self._freeze(c, p, now)
        elif mid == MSG_NAME:
            if p.real_pk != self.own_pk and not self._set_name(c, p, data):
                return
        elif mid == MSG_TITLE:
            if not self._set_title_from_peer(c, data):
                return
        elif mid in (MSG_TEXT, MSG_ACTION):
            if not data:
                self.ctx.drop("conference: empty message")
                return
            kind = MessageKind.ACTION if mid == MSG_ACTION else MessageKind.NORMAL
            name = self.messenger.name if p.real_pk == self.own_pk else p.name
            self.ctx.emit(ConferenceMessage(c.id, p.real_pk, _text(name), kind, _text(data)))
        else:
            self.ctx.drop("conference: unknown message id")
            return
        self._send_all(c, d, now, exclude=None if direct else ln.pk)


def _check_message_info(p: Peer, number: int, mid: int) -> bool:
    """group.c check_message_info: keep the 8 newest numbers, newest first."""
    ignore_older = mid in (MSG_NAME, MSG_TITLE)
    infos = p.infos
    i = 0
    while i < len(infos):
        n, m = infos[i]
        if (number - (n + 1)) % (1 << 32) <= (1 << 31):
            break
        if number == n:
            return False
        if ignore_older and mid == m:
            return False
        i += 1
    if i == MAX_MESSAGE_INFOS:
        return False
    infos.insert(i, (number, mid))
    del infos[MAX_MESSAGE_INFOS:]
    return True


def _text(b: bytes) -> str:
    return b.decode("utf-8", "replace")


SavedPeer = tuple[bytes, bytes, int, int, bytes]
SavedConference = tuple[int, bytes, int, int, int, bytes, list[SavedPeer]]


def _parse_saved(data: bytes) -> list[SavedConference]:
    """Savedata section 20 (group.c load_conferences): ValueError for anything c-toxcore refuses."""
    out: list[SavedConference] = []
    at = 0
    while len(data) - at >= SAVED_CONF_FIXED:
        ctype = data[at]
        cid = data[at + 1:at + 1 + ID_SIZE]
        msg_num, lossy_num, pn, count = struct.unpack_from("<IHHI", data, at + 1 + ID_SIZE)
        at += 1 + ID_SIZE + 12
        tlen = data[at]
        at += 1
        if tlen > MAX_NAME_LENGTH or len(data) - at < tlen:
            raise ValueError("bad title")
        title = data[at:at + tlen]
        at += tlen
        peers: list[SavedPeer] = []
        for _ in range(count):
            if len(data) - at < SAVED_PEER_FIXED:
                raise ValueError("truncated peer")
            real_pk, temp_pk = data[at:at + KEY], data[at + KEY:at + 2 * KEY]
            ppn, last = struct.unpack_from("<HQ", data, at + 2 * KEY)
            at += 2 * KEY + 10
            nlen = data[at]
            at += 1
            if nlen > MAX_NAME_LENGTH or len(data) - at < nlen:
                raise ValueError("bad name")
            peers.append((real_pk, temp_pk, ppn, last, data[at:at + nlen]))
            at += nlen
        out.append((ctype, cid, msg_num, lossy_num, pn, title, peers))
    return out
