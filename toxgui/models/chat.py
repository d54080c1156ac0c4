"""One conversation: the latest page of history, with older pages fetched on demand.

Opening a chat reads one page (`History.latest`), so a conversation of any length opens at once.
`canFetchMore`/`fetchMore` then prepend older pages. Note that Qt item views call `fetchMore`
automatically whenever the *last* row is visible, which for a chat (newest at the bottom) would
load everything; the chat view therefore shows this model through a proxy that hides
`canFetchMore` and calls `fetchMore` itself when the user scrolls to the top.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt

from toxgui.core.record import record
from toxgui.models.roles import Role, role_names
from toxgui.store.history import History, Kind, StoredMessage
from toxgui.store.history import State as State  # the widgets' name for a message's delivery state

Index = QModelIndex | QPersistentModelIndex


@record(frozen=True, slots=True)
class ChatRow:
    id: int
    outgoing: bool
    ts: float
    kind: str  # normal / action
    text: str
    state: State

    @classmethod
    def from_stored(cls, m: StoredMessage) -> ChatRow:
        kind = "action" if m.kind == Kind.ACTION else "normal"
        text = m.text
        if m.unreadable:  # tampered with, or damaged: say so instead of showing garbage
            text = QCoreApplication.translate("Chat", "⚠ This message could not be read (damaged or altered).")
        return cls(m.id, m.outgoing, m.ts, kind, text, m.state)


class ChatModel(QAbstractListModel):
    def __init__(self, history: History, public_key: bytes, page: int = 50, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.history = history
        self.public_key = public_key
        self.page = page
        latest = history.latest(public_key, page)
        self._rows: list[ChatRow] = [ChatRow.from_stored(m) for m in latest]
        self._more = len(latest) == page

    # --- Qt API -----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or index.column() != 0:
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
            Role.DeliveryState: r.state,
        }.get(role)  # type: ignore[call-overload]

    def roleNames(self) -> dict[int, bytes]:
        names = dict(super().roleNames())
        names.update(
            role_names(Role.MessageId, Role.Outgoing, Role.Timestamp, Role.Kind, Role.Text, Role.DeliveryState)
        )
        return names

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or not self._more:
            return
        if not self._rows:
            older = self.history.latest(self.public_key, self.page)
        else:
            older = self.history.before(self.public_key, self._rows[0].id, self.page)
        self._more = len(older) == self.page
        if not older:
            return
        self.beginInsertRows(QModelIndex(), 0, len(older) - 1)
        self._rows[0:0] = [ChatRow.from_stored(m) for m in older]
        self.endInsertRows()

    # --- API ----------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the latest page again (after the history was cleared)."""
        self.beginResetModel()
        latest = self.history.latest(self.public_key, self.page)
        self._rows = [ChatRow.from_stored(m) for m in latest]
        self._more = len(latest) == self.page
        self.endResetModel()

    def rows(self) -> list[ChatRow]:
        return list(self._rows)

    def row_of(self, message_id: int) -> int:
        for i in range(len(self._rows) - 1, -1, -1):  # recent messages are at the end
            if self._rows[i].id == message_id:
                return i
        return -1

    def search(self, query: str) -> list[int]:
        """Ids of this chat's messages containing `query` (ignoring case), newest first."""
        return self.history.search(self.public_key, query)

    def load_until(self, message_id: int) -> int:
        """Page in older history until message `message_id` is loaded; its row, or -1."""
        row = self.row_of(message_id)
        while row < 0 and self._more:
            self.fetchMore(QModelIndex())
            row = self.row_of(message_id)
        return row

    def append(self, m: StoredMessage) -> None:
        if self.row_of(m.id) >= 0:
            return
        n = len(self._rows)
        self.beginInsertRows(QModelIndex(), n, n)
        self._rows.append(ChatRow.from_stored(m))
        self.endInsertRows()

    def set_state(self, message_id: int, state: State) -> bool:
        i = self.row_of(message_id)
        if i < 0 or self._rows[i].state == state:
            return False
        self._rows[i] = replace(self._rows[i], state=state)
        ix = self.index(i, 0)
        self.dataChanged.emit(ix, ix, [int(Role.DeliveryState)])
        return True
