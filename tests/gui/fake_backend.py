"""An in-process stand-in for the Tox runtime, implementing `toxgui.models.backend.Backend`.

Friends move through the connection stages when a test (or the screenshot script) says so
(`advance`, `set_stage`, `connect`); an echo friend sends back every message it gets, after a
read receipt. Commands emit their events synchronously, as the real runtime may, and timed
behaviour (echo, receipts) uses single-shot QTimers on the Qt main thread.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from nacl.public import PrivateKey
from PySide6.QtCore import QTimer

from toxgui.core import events as ev
from toxgui.core.events import Stage
from toxgui.core.spec import MAX_FRIEND_REQUEST_LENGTH, MAX_MESSAGE_LENGTH, MessageKind, split_message
from toxgui.core.toxid import ToxId
from toxgui.models.backend import ConferenceInfo, FriendInfo

STAGES = list(Stage)


def key_for(seed: str) -> bytes:
    """A deterministic, valid Curve25519 public key."""
    return bytes(PrivateKey(hashlib.sha256(seed.encode()).digest()).public_key)


def tox_id_for(seed: str, nospam: bytes = b"\x01\x02\x03\x04") -> str:
    return str(ToxId(key_for(seed), nospam))


@dataclass
class FakeFriend:
    info: FriendInfo
    facts: dict[str, Any] = field(default_factory=dict)
    echo: bool = False
    next_id: int = 1


@dataclass
class FakeConference:
    conference_id: bytes
    title: str = ""
    joined: bool = True
    peers: dict[bytes, dict[str, Any]] = field(default_factory=dict)

    def info(self) -> ConferenceInfo:
        return ConferenceInfo(self.conference_id, self.title, self.joined, tuple(dict(p) for p in self.peers.values()))


class FakeBackend:
    def __init__(
        self, name: str = "Alice", seed: str = "self", clock: Callable[[], float] = time.time, queueing: bool = False
    ) -> None:
        """`queueing`: accept messages for offline friends and transmit them on connect (like the
        toxgui runtime); otherwise refuse them (like c-toxcore's API)."""
        self.clock = clock
        self.queueing = queueing
        if queueing:
            self.queues_messages = True  # declared, as the optional Backend attribute
        self.outbox: dict[bytes, list[tuple[str, str, int]]] = {}
        self._pk = key_for(seed)
        self._tox_id = tox_id_for(seed, b"\xca\xfe\xba\xbe")
        self._name = name
        self._status_message = "Toxing with toxgui"
        self._user_status = "online"
        self._friends: dict[bytes, FakeFriend] = {}
        self._requests: dict[bytes, str] = {}
        self._subs: list[Callable[[ev.Event], None]] = []
        self.sent: list[tuple[bytes, str, str, int]] = []  # pk, text, kind, id
        self.typing: dict[bytes, bool] = {}
        self.requests_sent: list[tuple[bytes, str]] = []
        self.echo_delay_ms = 20
        self.dht = {"dht_known": 0, "dht_good": 0, "onion_paths": 0, "announced": False, "udp_port": 33445}
        self.facts_reads = 0
        self.closed = False
        self.confs: dict[bytes, FakeConference] = {}
        self.conference_invites_sent: list[tuple[bytes, bytes]] = []  # conference id, friend key

    # --- the profile's password and nospam (optional Backend extras) ----------------------------

    password: str | None = None
    password_save_fails = False

    @property
    def encrypted(self) -> bool:
        return self.password is not None

    def check_password(self, password: str | None) -> bool:
        return (password or None) == self.password

    def derive_passkey(self, password: str | None) -> tuple[str, str] | None:
        return ("key", password) if password else None

    def change_password(self, passkey: tuple[str, str] | None) -> None:
        if self.password_save_fails:
            raise OSError(28, "No space left on device")
        self.password = None if passkey is None else passkey[1]

    def set_nospam(self, nospam: bytes) -> None:
        self._tox_id = str(ToxId(self._pk, bytes(nospam)))

    # --- Backend properties -------------------------------------------------------------------

    @property
    def tox_id(self) -> str:
        return self._tox_id

    @property
    def public_key(self) -> bytes:
        return self._pk

    @property
    def name(self) -> str:
        return self._name

    @property
    def status_message(self) -> str:
        return self._status_message

    @property
    def user_status(self) -> str:
        return self._user_status

    # --- commands -----------------------------------------------------------------------------

    def subscribe(self, callback: Callable[[ev.Event], None]) -> None:
        self._subs.append(callback)

    def emit(self, e: ev.Event) -> None:
        for cb in list(self._subs):
            cb(e)

    def add_friend(self, tox_id: str, message: str) -> bytes:
        tid = ToxId.parse(tox_id, self._pk)
        n = len(message.encode("utf-8"))
        if n == 0:
            raise ValueError("the friend request message is empty")
        if n > MAX_FRIEND_REQUEST_LENGTH:
            raise ValueError(f"the friend request message is {n} bytes, at most {MAX_FRIEND_REQUEST_LENGTH}")
        if tid.public_key in self._friends:
            raise ValueError("already a friend")
        self.requests_sent.append((tid.public_key, message))
        self._add(tid.public_key, "")
        return tid.public_key

    def accept_request(self, public_key: bytes) -> None:
        if public_key not in self._requests:
            raise KeyError("no such request")
        del self._requests[public_key]
        self._add(public_key, "")

    def decline_request(self, public_key: bytes) -> None:
        self._requests.pop(public_key, None)

    def remove_friend(self, public_key: bytes) -> None:
        if self._friends.pop(public_key, None) is None:
            raise KeyError("no such friend")

    def send_message(self, public_key: bytes, text: str, kind: str = "normal") -> list[int]:
        f = self._friends[public_key]
        if f.info.connection == "none" and not self.queueing:
            raise RuntimeError("friend is not connected")
        ids = []
        for part in split_message(text, MAX_MESSAGE_LENGTH):
            mid = f.next_id
            f.next_id += 1
            ids.append(mid)
            if f.info.connection == "none":
                self.outbox.setdefault(public_key, []).append((part, kind, mid))
            else:
                self._transmit(public_key, part, kind, mid)
        return ids

    def _transmit(self, public_key: bytes, part: str, kind: str, mid: int) -> None:
        f = self._friends[public_key]
        self.sent.append((public_key, part, kind, mid))
        if f.echo:
            QTimer.singleShot(self.echo_delay_ms, lambda pk=public_key, m=mid: self.receipt(pk, m))
            QTimer.singleShot(2 * self.echo_delay_ms, lambda pk=public_key, t=part, k=kind: self.deliver(pk, t, k))

    def set_name(self, name: str) -> None:
        self._name = name

    def set_status_message(self, message: str) -> None:
        self._status_message = message

    def set_status(self, status: str) -> None:
        if status not in ("online", "away", "busy"):
            raise ValueError(status)
        self._user_status = status

    def set_typing(self, public_key: bytes, on: bool) -> None:
        self.typing[public_key] = on

    def friends(self) -> list[FriendInfo]:
        return [f.info for f in self._friends.values()]

    def friend_facts(self, public_key: bytes) -> dict[str, Any]:
        self.facts_reads += 1
        f = self._friends[public_key]
        return dict(f.facts, stage=f.info.stage)

    def self_facts(self) -> dict[str, Any]:
        return dict(self.dht)

    async def aclose(self) -> None:
        self.closed = True

    # --- conferences --------------------------------------------------------------------------

    def conferences(self) -> list[ConferenceInfo]:
        return [c.info() for c in self.confs.values()]

    def _self_peer(self) -> dict[str, Any]:
        return {"public_key": self._pk, "name": self._name, "connected": True}

    def conference_new(self, title: str = "") -> ConferenceInfo:
        cid = hashlib.sha256(f"conf{len(self.confs)}{title}".encode()).digest()
        c = FakeConference(cid, title, True, {self._pk: self._self_peer()})
        self.confs[cid] = c
        return c.info()

    def conference_invite(self, conference_id: bytes, public_key: bytes) -> None:
        if conference_id not in self.confs:
            raise ValueError("no such conference")
        f = self._friends.get(public_key)
        if f is None or f.info.connection == "none":
            raise ValueError("the friend is not online")
        self.conference_invites_sent.append((conference_id, public_key))

    def conference_join(self, public_key: bytes, invite: bytes) -> ConferenceInfo:
        cid = bytes(invite[3:])
        c = FakeConference(cid, "", False, {})
        self.confs[cid] = c
        return c.info()

    def conference_send(self, conference_id: bytes, text: str, kind: str = "normal") -> None:
        if conference_id not in self.confs:
            raise ValueError("no such conference")
        self.emit(ev.ConferenceMessage(conference_id, self._pk, self._name, MessageKind(kind), text))

    def conference_set_title(self, conference_id: bytes, title: str) -> None:
        self.confs[conference_id].title = title
        self.emit(ev.ConferenceTitle(conference_id, title))

    def conference_leave(self, conference_id: bytes) -> None:
        if self.confs.pop(conference_id, None) is None:
            raise ValueError("no such conference")

    def conference_facts(self, conference_id: bytes) -> dict[str, Any]:
        c = self.confs[conference_id]
        peers = [{"public_key": pk, "name": p["name"], "self": pk == self._pk, "link": bool(p["connected"]),
                  "link_online": bool(p["connected"]), "reasons": ["closest"] if p["connected"] else [],
                  "friend": pk in self._friends, "last_active_ago": 1.0,
                  "transport": self._friends[pk].info.connection if pk in self._friends and p["connected"] else None} for pk, p in c.peers.items()]
        return {"joined": c.joined, "links": sum(1 for p in peers if p["link"] and not p["self"]),
                "links_online": sum(1 for p in peers if p["link_online"] and not p["self"]),
                "peers": peers, "frozen": []}

    # simulation
    def incoming_conference_invite(self, friend_pk: bytes, conference_id: bytes) -> None:
        self.emit(ev.ConferenceInvite(friend_pk, b"\x00\x01\x00" + conference_id, conference_id))

    def conference_peer(self, conference_id: bytes, pk: bytes, name: str, connected: bool = True) -> None:
        """A peer joins (or changes); joining conferences become joined with our own entry."""
        c = self.confs[conference_id]
        c.peers[pk] = {"public_key": pk, "name": name, "connected": connected}
        if not c.joined:
            c.joined = True
            c.peers[self._pk] = self._self_peer()
            self.emit(ev.ConferenceConnected(conference_id))
        self.emit(ev.ConferencePeers(conference_id, [dict(p) for p in c.peers.values()]))

    def conference_deliver(self, conference_id: bytes, pk: bytes, name: str, text: str, kind: str = "normal") -> None:
        self.emit(ev.ConferenceMessage(conference_id, pk, name, MessageKind(kind), text))

    # --- simulation -----------------------------------------------------------------------------

    def _add(self, pk: bytes, name: str, stage: Stage = Stage.AwaitingDHTKey, echo: bool = False) -> None:
        now = self.clock()
        self._friends[pk] = FakeFriend(
            FriendInfo(pk, name=name, stage=stage),
            facts={
                "stage_entered": now,
                "attempts": 1,
                "next_retry": None,
                "dht_key": None,
                "dht_key_learned": None,
                "dht_key_source": None,
                "address": None,
                "address_fresh": False,
                "transport": None,
                "last_packet": None,
                "announce_nodes": 0,
                "search_attempts": 1,
                "next_search": now + 3,
            },
            echo=echo,
        )
        self.emit(ev.FriendAdded(pk))
        self.emit(ev.Progress(pk, stage, {}))

    def add_friend_direct(self, name: str, status_message: str = "", *, echo: bool = False) -> bytes:
        """A friend that exists already (as if loaded from the profile)."""
        pk = key_for(name)
        self._add(pk, name, echo=echo)
        self.rename(pk, name)
        if status_message:
            self.set_friend_status_message(pk, status_message)
        return pk

    def add_echo_friend(self, name: str = "Echo") -> bytes:
        pk = self.add_friend_direct(name, "I repeat what you say", echo=True)
        self.connect(pk)
        return pk

    def incoming_request(self, seed: str, message: str) -> bytes:
        pk = key_for(seed)
        self._requests[pk] = message
        self.emit(ev.FriendRequest(pk, message))
        return pk

    def set_stage(self, pk: bytes, stage: Stage, **facts: Any) -> None:
        f = self._friends[pk]
        now = self.clock()
        f.facts["stage_entered"] = now
        f.facts["attempts"] = 1
        idx = STAGES.index(stage)
        if idx >= 1 and not f.facts["dht_key"]:
            f.facts.update(dht_key=hashlib.sha256(pk + b"dht").hexdigest(), dht_key_learned=now, dht_key_source="onion")
        if idx >= 2 and not f.facts["address"]:
            f.facts.update(address="127.0.0.1:33447", address_fresh=True)
        if idx in (1, 2, 3):
            f.facts["next_retry"] = now + 2
        else:
            f.facts["next_retry"] = None
        if stage == Stage.Established:
            f.facts.update(transport="udp", last_packet=now)
        f.facts.update(facts)
        f.info = replace(f.info, stage=stage)
        self.emit(ev.Progress(pk, stage, dict(facts)))

    def advance(self, pk: bytes) -> Stage:
        """Move a friend one stage on; reaching Established also connects it."""
        f = self._friends[pk]
        i = STAGES.index(f.info.stage)
        stage = STAGES[min(i + 1, len(STAGES) - 1)]
        if stage == Stage.Established:
            self.connect(pk)
        else:
            self.set_stage(pk, stage)
        return stage

    def connect(self, pk: bytes, transport: str = "udp") -> None:
        self.set_stage(pk, Stage.Established)
        f = self._friends[pk]
        f.info = replace(f.info, connection=transport)
        f.facts["transport"] = transport
        self.emit(ev.FriendConnection(pk, transport))
        for part, kind, mid in self.outbox.pop(pk, []):
            self._transmit(pk, part, kind, mid)

    def disconnect(self, pk: bytes) -> None:
        f = self._friends[pk]
        f.info = replace(f.info, connection="none")
        self.set_stage(pk, Stage.AwaitingDHTKey, transport=None, address=None, dht_key=None)
        self.emit(ev.FriendConnection(pk, "none"))

    def deliver(self, pk: bytes, text: str, kind: str = "normal") -> None:
        if pk in self._friends:
            self.emit(ev.Message(pk, kind, text))

    def receipt(self, pk: bytes, message_id: int) -> None:
        if pk in self._friends:
            self.emit(ev.Receipt(pk, message_id))

    def rename(self, pk: bytes, name: str) -> None:
        f = self._friends[pk]
        f.info = replace(f.info, name=name)
        self.emit(ev.FriendName(pk, name))

    def set_friend_status_message(self, pk: bytes, message: str) -> None:
        f = self._friends[pk]
        f.info = replace(f.info, status_message=message)
        self.emit(ev.FriendStatusMessage(pk, message))

    def set_friend_status(self, pk: bytes, status: str) -> None:
        f = self._friends[pk]
        f.info = replace(f.info, user_status=status)
        self.emit(ev.FriendUserStatus(pk, status))

    def friend_typing(self, pk: bytes, on: bool) -> None:
        self.emit(ev.FriendTyping(pk, on))

    def set_dht(self, known: int, good: int, onion_paths: int = 2, announced: bool = True) -> None:
        self.dht.update(dht_known=known, dht_good=good, onion_paths=onion_paths, announced=announced)
        self.emit(ev.DhtStatus(known, good))
