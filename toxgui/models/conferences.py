"""Conferences (group chats) for the widgets: the list of conferences, one conversation per
conference with the sender of every message, the peer list, and pending invites.

A conference's history lives in the profile's history database, encrypted like every chat, under
its own key space: `history_key(conference_id)` never equals a friend's public key.  Each stored
body records the sender (public key and name) with the text."""

from __future__ import annotations

import json
from dataclasses import field, fields, replace
from typing import Any

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt

from toxgui.core.record import record
from toxgui.models.plurals import counts
from toxgui.models.roles import Role, role_names
from toxgui.store.history import History, State, StoredMessage

Index = QModelIndex | QPersistentModelIndex

HISTORY_PREFIX = b"conference:"


def history_key(conference_id: bytes) -> bytes:
    """The history database key of a conference (distinct from any 32-byte friend key)."""
    return HISTORY_PREFIX + conference_id


def pack_body(peer_public_key: bytes, name: str, text: str) -> str:
    return json.dumps({"pk": peer_public_key.hex(), "name": name, "text": text}, ensure_ascii=False)


def unpack_body(body: str) -> tuple[bytes, str, str]:
    """(sender key, sender name, text); a body that is not ours reads as text from nobody."""
    try:
        d = json.loads(body)
        return bytes.fromhex(str(d["pk"])), str(d["name"]), str(d["text"])
    except (ValueError, KeyError, TypeError):
        return b"", "", body


@record(frozen=True, slots=True)
class ConferencePeer:
    public_key: bytes
    name: str
    connected: bool  # True for us and for a peer we hold a direct link with
    is_self: bool = False


@record(frozen=True, slots=True)
class ConferenceRow:
    conference_id: bytes
    title: str = ""
    joined: bool = False  # False while joining (our entry has not arrived in the peer list)
    peers: tuple[ConferencePeer, ...] = ()
    unread: int = 0

    @property
    def display_title(self) -> str:
        return self.title or QCoreApplication.translate("Conferences", "Group chat %1").replace(
            "%1", self.conference_id[:4].hex().upper())


def spoken_conference(r: ConferenceRow) -> str:
    text = QCoreApplication.translate("Conferences", "Group chat %1, %2").replace("%1", r.display_title).replace(
        "%2", counts().peers(len(r.peers)))
    if not r.joined:
        text += QCoreApplication.translate("Conferences", ", joining")
    if r.unread:
        text += ", " + counts().unread(r.unread)
    return text


class ConferenceListModel(QAbstractListModel):
    """Conferences in the order we joined or created them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ConferenceRow] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        role = int(role)
        if role == Qt.ItemDataRole.DisplayRole:
            return r.display_title
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return spoken_conference(r)
        return {
            Role.PublicKey: r.conference_id,
            Role.Name: r.title,
            Role.Unread: r.unread,
            Role.Online: r.joined,
        }.get(role)  # type: ignore[call-overload]

    def roleNames(self) -> dict[int, bytes]:
        names = dict(super().roleNames())
        names.update(role_names(Role.PublicKey, Role.Name, Role.Unread, Role.Online))
        return names

    def __contains__(self, cid: object) -> bool:
        return any(r.conference_id == cid for r in self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def rows(self) -> list[ConferenceRow]:
        return list(self._rows)

    def get(self, cid: bytes) -> ConferenceRow | None:
        return next((r for r in self._rows if r.conference_id == cid), None)

    def upsert(self, row: ConferenceRow) -> None:
        for i, old in enumerate(self._rows):
            if old.conference_id == row.conference_id:
                if old != row:
                    self._rows[i] = row
                    ix = self.index(i, 0)
                    self.dataChanged.emit(ix, ix, [])
                return
        n = len(self._rows)
        self.beginInsertRows(QModelIndex(), n, n)
        self._rows.append(row)
        self.endInsertRows()

    def update(self, cid: bytes, **changes: Any) -> bool:
        row = self.get(cid)
        if row is None:
            return False
        known = {f.name for f in fields(row)}
        self.upsert(replace(row, **{k: v for k, v in changes.items() if k in known}))
        return True

    def remove(self, cid: bytes) -> bool:
        for i, r in enumerate(self._rows):
            if r.conference_id == cid:
                self.beginRemoveRows(QModelIndex(), i, i)
                del self._rows[i]
                self.endRemoveRows()
                return True
        return False


@record(frozen=True, slots=True)
class ConferenceChatRow:
    id: int
    outgoing: bool
    ts: float
    kind: str
    text: str
    sender: str
    sender_key: bytes

    @classmethod
    def from_stored(cls, m: StoredMessage) -> ConferenceChatRow:
        pk, name, text = unpack_body(m.text)
        if m.unreadable:
            text = QCoreApplication.translate("Chat", "⚠ This message could not be read (damaged or altered).")
        return cls(m.id, m.outgoing, m.ts, "action" if int(m.kind) == 1 else "normal", text, name, pk)


class ConferenceChatModel(QAbstractListModel):
    """One conference's messages (the latest page; older pages on demand), each with its sender."""

    def __init__(self, history: History, conference_id: bytes, page: int = 50, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.history = history
        self.conference_id = conference_id
        self.key = history_key(conference_id)
        self.page = page
        latest = history.latest(self.key, page)
        self._rows = [ConferenceChatRow.from_stored(m) for m in latest]
        self._more = len(latest) == page

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        role = int(role)
        if role in (Qt.ItemDataRole.DisplayRole, Role.Text):
            return r.text
        return {
            Role.MessageId: r.id,
            Role.Outgoing: r.outgoing,
            Role.Timestamp: r.ts,
            Role.Kind: r.kind,
            Role.Name: r.sender,
            Role.Sender: r.sender,
            Role.PublicKey: r.sender_key,
            Role.DeliveryState: State.DELIVERED,
        }.get(role)  # type: ignore[call-overload]

    def roleNames(self) -> dict[int, bytes]:
        names = dict(super().roleNames())
        names.update(role_names(Role.MessageId, Role.Outgoing, Role.Timestamp, Role.Kind, Role.Text, Role.Name, Role.Sender))
        return names

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or not self._more or not self._rows:
            return
        older = self.history.before(self.key, self._rows[0].id, self.page)
        self._more = len(older) == self.page
        if older:
            self.beginInsertRows(QModelIndex(), 0, len(older) - 1)
            self._rows[0:0] = [ConferenceChatRow.from_stored(m) for m in older]
            self.endInsertRows()

    def rows(self) -> list[ConferenceChatRow]:
        return list(self._rows)

    def append(self, m: StoredMessage) -> None:
        if any(r.id == m.id for r in self._rows[-8:]):
            return
        n = len(self._rows)
        self.beginInsertRows(QModelIndex(), n, n)
        self._rows.append(ConferenceChatRow.from_stored(m))
        self.endInsertRows()


@record(slots=True)
class ConferenceInviteRow:
    public_key: bytes  # the inviting friend
    invite: bytes
    conference_id: bytes
    received: float
    extra: dict[str, Any] = field(default_factory=dict)


class ConferenceInviteModel(QAbstractListModel):
    """Invites waiting for an answer, one per conference (a newer invite replaces an older one)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ConferenceInviteRow] = []
        self.name_of: Any = lambda pk: pk[:4].hex().upper()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        role = int(role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return QCoreApplication.translate("Conferences", "%1 invites you to a group chat").replace(
                "%1", str(self.name_of(r.public_key)))
        return {Role.PublicKey: r.conference_id, Role.Timestamp: r.received}.get(role)  # type: ignore[call-overload]

    def __len__(self) -> int:
        return len(self._rows)

    def rows(self) -> list[ConferenceInviteRow]:
        return list(self._rows)

    def get(self, cid: bytes) -> ConferenceInviteRow | None:
        return next((r for r in self._rows if r.conference_id == cid), None)

    def add(self, row: ConferenceInviteRow) -> None:
        self.remove(row.conference_id)
        n = len(self._rows)
        self.beginInsertRows(QModelIndex(), n, n)
        self._rows.append(row)
        self.endInsertRows()

    def remove(self, cid: bytes) -> bool:
        for i, r in enumerate(self._rows):
            if r.conference_id == cid:
                self.beginRemoveRows(QModelIndex(), i, i)
                del self._rows[i]
                self.endRemoveRows()
                return True
        return False


def describe_links(facts: dict[str, Any]) -> list[str]:
    """The conference dashboard in plain sentences: for every peer, whether we are linked to it
    directly, and if not, why (messages then reach it through other members)."""
    if not facts:
        return []
    lines: list[str] = []
    if not facts.get("joined"):
        lines.append(QCoreApplication.translate("Conferences", "Joining: waiting for the member who invited us to send the peer list."))
    for p in facts.get("peers", []):
        name = str(p.get("name") or bytes(p.get("public_key", b""))[:4].hex().upper())
        if p.get("self"):
            continue
        reasons = list(p.get("reasons", []))
        why = {
            "closest": QCoreApplication.translate("Conferences", "one of the members closest to us by key"),
            "introducing": QCoreApplication.translate("Conferences", "we introduced them"),
            "introducer": QCoreApplication.translate("Conferences", "they introduced us"),
        }
        because = ", ".join(why[r] for r in reasons if r in why)
        if p.get("link_online") and p.get("transport") in ("udp", "tcp"):
            text = QCoreApplication.translate("Conferences", "%1: connected to us directly over %3 (%2).").replace(
                "%2", because or "-").replace("%3", str(p["transport"]).upper())
        elif p.get("link_online"):
            text = QCoreApplication.translate("Conferences", "%1: connected to us directly (%2).").replace("%2", because or "-")
        elif p.get("link"):
            text = QCoreApplication.translate("Conferences", "%1: a direct link is being set up (%2); until then messages come through others.") \
                .replace("%2", because or "-")
        else:
            text = QCoreApplication.translate(
                "Conferences",
                "%1: reached through other members; we keep direct links only to the members closest to us by key "
                "and to those who introduced us.")
        lines.append(text.replace("%1", name))
    for p in facts.get("frozen", []):
        name = str(p.get("name") or bytes(p.get("public_key", b""))[:4].hex().upper())
        lines.append(QCoreApplication.translate("Conferences", "%1: silent for a while (frozen); back with their next message.")
                     .replace("%1", name))
    return lines
