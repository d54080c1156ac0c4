"""Incoming friend requests waiting for an answer."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from toxgui.core.record import record
from toxgui.models.contacts import short_id
from toxgui.models.roles import Role, role_names

Index = QModelIndex | QPersistentModelIndex


@record(frozen=True, slots=True)
class RequestRow:
    public_key: bytes
    message: str
    ts: float


class FriendRequestModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RequestRow] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or index.column() != 0:
            return None
        r = self._rows[index.row()]
        role = int(role)
        if role == Qt.ItemDataRole.DisplayRole:
            return short_id(r.public_key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return r.public_key.hex().upper()
        return {Role.PublicKey: r.public_key, Role.Message: r.message, Role.Timestamp: r.ts}.get(role)  # type: ignore[call-overload]

    def roleNames(self) -> dict[int, bytes]:
        names = dict(super().roleNames())
        names.update(role_names(Role.PublicKey, Role.Message, Role.Timestamp))
        return names

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, pk: object) -> bool:
        return any(r.public_key == pk for r in self._rows)

    def get(self, row: int) -> RequestRow:
        return self._rows[row]

    def add(self, pk: bytes, message: str, ts: float) -> None:
        """Add a request; a repeated request from the same key replaces the message."""
        for i, r in enumerate(self._rows):
            if r.public_key == pk:
                self._rows[i] = RequestRow(pk, message, ts)
                ix = self.index(i, 0)
                self.dataChanged.emit(ix, ix, [int(Role.Message), int(Role.Timestamp)])
                return
        n = len(self._rows)
        self.beginInsertRows(QModelIndex(), n, n)
        self._rows.append(RequestRow(pk, message, ts))
        self.endInsertRows()

    def remove(self, pk: bytes) -> bool:
        for i, r in enumerate(self._rows):
            if r.public_key == pk:
                self.beginRemoveRows(QModelIndex(), i, i)
                del self._rows[i]
                self.endRemoveRows()
                return True
        return False
