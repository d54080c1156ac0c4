"""File transfers as the desktop app shows them: one row per transfer, fed by the application
service's file events (file_request, file_sent, file_progress, file_done, file_cancelled)."""

from __future__ import annotations

from dataclasses import replace
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from toxgui.core.record import record

Index = QModelIndex | QPersistentModelIndex


class TransferState(Enum):
    OFFERED = "offered"  # offered to us, waiting for Accept or Reject
    WAITING = "waiting"  # we offered it, the friend has not accepted yet
    RUNNING = "running"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def active(self) -> bool:
        return self in (TransferState.OFFERED, TransferState.WAITING, TransferState.RUNNING)


@record(frozen=True, slots=True)
class TransferRow:
    public_key: bytes
    transfer: str
    name: str
    size: int | None
    incoming: bool
    state: TransferState
    bytes: int = 0
    rate: float = 0.0
    path: str | None = None
    reason: str | None = None  # why it was cancelled: friend / us / disconnected / io_error
    paused: bool = False  # by us
    paused_by_friend: bool = False

    @property
    def fraction(self) -> float | None:
        if self.state == TransferState.DONE:
            return 1.0
        if not self.size:
            return None
        return min(1.0, self.bytes / self.size)

    @property
    def seconds_left(self) -> float | None:
        if self.state != TransferState.RUNNING or not self.size or self.rate <= 0 or self.paused or self.paused_by_friend:
            return None
        return max(0.0, (self.size - self.bytes) / self.rate)


class TransferModel(QAbstractListModel):
    RowRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TransferRow] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.name
        if role == self.RowRole:
            return row
        return None

    def rows_for(self, pk: bytes) -> list[TransferRow]:
        return [r for r in self._rows if r.public_key == pk]

    def get(self, pk: bytes, transfer: str) -> TransferRow | None:
        i = self._find(pk, transfer)
        return None if i is None else self._rows[i]

    def add(self, row: TransferRow) -> None:
        i = self._find(row.public_key, row.transfer)
        if i is not None:
            self._set(i, row)
            return
        n = len(self._rows)
        self.beginInsertRows(QModelIndex(), n, n)
        self._rows.append(row)
        self.endInsertRows()

    def update(self, pk: bytes, transfer: str, **changes: Any) -> TransferRow | None:
        i = self._find(pk, transfer)
        if i is None:
            return None
        row = replace(self._rows[i], **changes)
        self._set(i, row)
        return row

    def remove_finished(self, pk: bytes) -> None:
        """Forget the friend's finished transfers (done or cancelled)."""
        for i in range(len(self._rows) - 1, -1, -1):
            r = self._rows[i]
            if r.public_key == pk and not r.state.active:
                self.beginRemoveRows(QModelIndex(), i, i)
                del self._rows[i]
                self.endRemoveRows()

    def _find(self, pk: bytes, transfer: str) -> int | None:
        for i, r in enumerate(self._rows):
            if r.public_key == pk and r.transfer == transfer:
                return i
        return None

    def _set(self, i: int, row: TransferRow) -> None:
        self._rows[i] = row
        idx = self.index(i)
        self.dataChanged.emit(idx, idx)
