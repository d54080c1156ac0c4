"""The contact list: one immutable row per friend, plus the sort/filter proxy the list view shows."""

from __future__ import annotations

import time
from dataclasses import fields, replace
from typing import Any

from PySide6 import QtGui
from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from toxgui.core.events import Stage
from toxgui.core.record import record
from toxgui.models.plurals import counts
from toxgui.models.roles import Role, role_names

STAGES: tuple[Stage, ...] = tuple(Stage)

Index = QModelIndex | QPersistentModelIndex


def stage_index(stage: Stage) -> int:
    return STAGES.index(stage)


def short_id(pk: bytes) -> str:
    """The first 8 hexadecimal characters of a public key, for display when there is no name."""
    return pk[:4].hex().upper()


@record(frozen=True, slots=True)
class ContactRow:
    public_key: bytes
    name: str = ""
    status_message: str = ""
    user_status: str = "online"
    connection: str = "none"
    stage: Stage = Stage.AwaitingDHTKey
    unread: int = 0
    typing: bool = False
    last_seen: float = 0.0  # unix seconds, 0 = never
    avatar: bytes = b""  # the friend's avatar image (PNG), b"" = none
    alias: str = ""  # a local nickname, shown instead of the name (never sent)

    @property
    def online(self) -> bool:
        return self.connection != "none"

    @property
    def presence(self) -> str:
        return self.user_status if self.online else "offline"

    @property
    def display_name(self) -> str:
        return self.alias or self.name or short_id(self.public_key)


# which roles change when a field changes
_SAID = int(Qt.ItemDataRole.AccessibleTextRole)  # spoken_state
_DESCRIBED = int(Qt.ItemDataRole.AccessibleDescriptionRole)  # spoken_details
_FIELD_ROLES: dict[str, list[int]] = {
    "name": [int(Qt.ItemDataRole.DisplayRole), int(Role.Name), int(Qt.ItemDataRole.ToolTipRole), _SAID],
    "status_message": [int(Role.StatusMessage), int(Qt.ItemDataRole.ToolTipRole), _DESCRIBED],
    "user_status": [int(Role.Presence), _SAID],
    "connection": [int(Role.Connection), int(Role.Online), int(Role.Presence), _SAID, _DESCRIBED],
    "stage": [int(Role.ToxProgress), int(Role.StageIndex), int(Qt.ItemDataRole.ToolTipRole), _SAID],
    "unread": [int(Role.Unread), _SAID],
    "typing": [int(Role.Typing), _SAID],
    "last_seen": [int(Role.LastSeen), int(Qt.ItemDataRole.ToolTipRole), _DESCRIBED],
    "avatar": [int(Role.Avatar)],
    "alias": [int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole), _SAID],
}


def fmt_ago(seconds: float | None) -> str:
    """How long ago: "just now", "5 s ago", "3 min ago"."""
    if seconds is None:
        return QCoreApplication.translate("Dashboard", "never")
    s = int(seconds)
    if s < 2:
        return QCoreApplication.translate("Dashboard", "just now")
    if s < 60:
        return counts().seconds_ago(s)
    if s < 3600:
        return counts().minutes_ago(s // 60)
    if s < 86400:
        return counts().hours_ago(s // 3600)
    return counts().days_ago(s // 86400)


def last_seen_text(last_seen: float, now: float | None = None) -> str:
    """"Last seen 3 days ago", or "Never seen online" (0)."""
    if not last_seen:
        return QCoreApplication.translate("Presence", "Never seen online")
    ago = max(0.0, (time.time() if now is None else now) - last_seen)
    return QCoreApplication.translate("Presence", "Last seen %1").replace("%1", fmt_ago(ago))


def presence_text(presence: str) -> str:
    return {
        "online": QCoreApplication.translate("Presence", "Online"),
        "away": QCoreApplication.translate("Presence", "Away"),
        "busy": QCoreApplication.translate("Presence", "Busy"),
    }.get(presence, QCoreApplication.translate("Presence", "Offline"))


def stage_title(stage: Stage) -> str:
    """Short name of a connection stage, for steppers."""
    return {
        Stage.AwaitingDHTKey: QCoreApplication.translate("Stage", "Find DHT key"),
        Stage.AcquiringIPAddress: QCoreApplication.translate("Stage", "Find address"),
        Stage.AcquiringCookie: QCoreApplication.translate("Stage", "Get cookie"),
        Stage.AwaitingHandshake: QCoreApplication.translate("Stage", "Handshake"),
        Stage.AwaitingSessionPacket: QCoreApplication.translate("Stage", "Confirm session"),
        Stage.Established: QCoreApplication.translate("Stage", "Connected"),
    }[stage]


def spoken_state(r: ContactRow) -> str:
    """One line for screen readers: "Alice: connected over UDP", "Bob: offline, step 2 of 6:
    Find address", with the unread count when there is one."""
    name = r.display_name
    if r.online:
        via = r.connection.upper()
        if r.presence == "online":
            text = QCoreApplication.translate("Contacts", "%1: connected over %2").replace("%2", via)
        else:
            text = QCoreApplication.translate("Contacts", "%1: %2, connected over %3").replace(
                "%2", presence_text(r.presence).lower()).replace("%3", via)
    else:
        text = QCoreApplication.translate("Contacts", "%1: offline, step %2 of %3: %4").replace(
            "%2", str(stage_index(r.stage) + 1)).replace("%3", str(len(STAGES))).replace("%4", stage_title(r.stage))
    text = text.replace("%1", name)
    if r.typing:
        text += QCoreApplication.translate("Contacts", ", typing")
    if r.unread:
        text += ", " + counts().unread(r.unread)
    return text


def spoken_details(r: ContactRow) -> str:
    """The accessible description: status message, and when offline, when last seen."""
    parts = [r.status_message] if r.status_message else []
    if not r.online:
        parts.append(last_seen_text(r.last_seen))
    return ". ".join(parts)


class ContactListModel(QAbstractListModel):
    """Friends, in insertion order; sorting and filtering live in `ContactFilterProxy`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ContactRow] = []
        self._index: dict[bytes, int] = {}

    # --- Qt API -----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or index.column() != 0:
            return None
        r = self._rows[index.row()]
        role = int(role)
        if role == Qt.ItemDataRole.DisplayRole:
            return r.display_name
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return spoken_state(r)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return spoken_details(r)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{r.alias} ({r.name or short_id(r.public_key)})" if r.alias else r.display_name]
            if r.status_message:
                lines.append(r.status_message)
            lines.append(f"{presence_text(r.presence)} · {stage_title(r.stage)}")
            if not r.online:
                lines.append(last_seen_text(r.last_seen))
            # shown literally: a name like "<b>…" is text, not markup
            return QtGui.Qt.convertFromPlainText("\n".join(lines), QtGui.Qt.WhiteSpaceMode.WhiteSpaceNormal)
        return {
            Role.PublicKey: r.public_key,
            Role.Name: r.name,
            Role.StatusMessage: r.status_message,
            Role.Presence: r.presence,
            Role.Connection: r.connection,
            Role.ToxProgress: r.stage,
            Role.StageIndex: stage_index(r.stage),
            Role.Unread: r.unread,
            Role.Typing: r.typing,
            Role.LastSeen: r.last_seen,
            Role.Avatar: r.avatar,
            Role.Online: r.online,
        }.get(role)  # type: ignore[call-overload]

    def roleNames(self) -> dict[int, bytes]:
        names = dict(super().roleNames())
        names.update(
            role_names(
                Role.PublicKey,
                Role.Name,
                Role.StatusMessage,
                Role.Presence,
                Role.Connection,
                Role.ToxProgress,
                Role.StageIndex,
                Role.Unread,
                Role.Typing,
                Role.Online,
            )
        )
        return names

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    # --- API ----------------------------------------------------------------------------------

    def __contains__(self, pk: object) -> bool:
        return pk in self._index

    def __len__(self) -> int:
        return len(self._rows)

    def rows(self) -> list[ContactRow]:
        return list(self._rows)

    def keys(self) -> list[bytes]:
        return [r.public_key for r in self._rows]

    def get(self, pk: bytes) -> ContactRow | None:
        i = self._index.get(pk)
        return None if i is None else self._rows[i]

    def index_of(self, pk: bytes) -> QModelIndex:
        i = self._index.get(pk)
        return QModelIndex() if i is None else self.index(i, 0)

    def upsert(self, row: ContactRow) -> None:
        """Insert a new friend, or replace an existing row (emitting only the changed roles)."""
        i = self._index.get(row.public_key)
        if i is None:
            n = len(self._rows)
            self.beginInsertRows(QModelIndex(), n, n)
            self._rows.append(row)
            self._index[row.public_key] = n
            self.endInsertRows()
            return
        old = self._rows[i]
        changes = {f.name: getattr(row, f.name) for f in fields(row) if getattr(row, f.name) != getattr(old, f.name)}
        if changes:
            self._apply(i, changes)

    def update(self, pk: bytes, **changes: Any) -> bool:
        """Change some fields of a friend's row; returns False for an unknown friend."""
        i = self._index.get(pk)
        if i is None:
            return False
        old = self._rows[i]
        changes = {k: v for k, v in changes.items() if getattr(old, k) != v}
        if changes:
            self._apply(i, changes)
        return True

    def _apply(self, i: int, changes: dict[str, Any]) -> None:
        self._rows[i] = replace(self._rows[i], **changes)
        roles = sorted({role for k in changes for role in _FIELD_ROLES.get(k, [])})
        ix = self.index(i, 0)
        self.dataChanged.emit(ix, ix, roles)

    def remove(self, pk: bytes) -> bool:
        i = self._index.get(pk)
        if i is None:
            return False
        self.beginRemoveRows(QModelIndex(), i, i)
        del self._rows[i]
        self._index = {r.public_key: n for n, r in enumerate(self._rows)}
        self.endRemoveRows()
        return True

    def reset(self, rows: list[ContactRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._index = {r.public_key: n for n, r in enumerate(self._rows)}
        self.endResetModel()


class ContactFilterProxy(QSortFilterProxyModel):
    """Online friends first, then by name; the search text filters on name, status and key."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self.setDynamicSortFilter(True)
        self.sort(0, Qt.SortOrder.AscendingOrder)

    def search(self) -> str:
        return self._needle

    def set_search(self, text: str) -> None:
        needle = text.strip().casefold()
        if needle == self._needle:
            return
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9
            self.beginFilterChange()
            self._needle = needle
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover
            self._needle = needle
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._needle:
            return True
        src = self.sourceModel()
        ix = src.index(source_row, 0, source_parent)
        hay = " ".join(
            [
                str(src.data(ix, Qt.ItemDataRole.DisplayRole) or ""),
                str(src.data(ix, Role.StatusMessage) or ""),
                bytes(src.data(ix, Role.PublicKey) or b"").hex(),
            ]
        ).casefold()
        return self._needle in hay

    def lessThan(self, left: Index, right: Index) -> bool:
        src = self.sourceModel()

        def key(ix: Index) -> tuple[int, str, bytes]:
            return (
                0 if src.data(ix, Role.Online) else 1,
                str(src.data(ix, Qt.ItemDataRole.DisplayRole) or "").casefold(),
                bytes(src.data(ix, Role.PublicKey) or b""),
            )

        return key(left) < key(right)
