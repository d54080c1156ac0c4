"""The file transfers of the open chat, above the message input: each with its name, a progress
bar, size, rate and time left, and what can be done with it (accept or reject an offer, pause,
resume or cancel a running transfer, open a finished file or show it in its folder)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImageReader, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from toxgui.models.transfers import TransferRow, TransferState
from toxgui.ui.plain import PlainLabel

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp"}
PREVIEW = QSize(240, 160)
MAX_PREVIEW_BYTES = 30_000_000  # larger pictures are not decoded for a preview


def preview_of(path: str, box: QSize = PREVIEW) -> QPixmap | None:
    """A thumbnail of a finished picture, at most `box`, decoded at that size (None: not a
    picture Qt can read, or too large)."""
    p = Path(path)
    try:
        if p.suffix.lower() not in IMAGE_SUFFIXES or p.stat().st_size > MAX_PREVIEW_BYTES:
            return None
    except OSError:
        return None
    reader = QImageReader(str(p))
    size = reader.size()
    if not reader.canRead() or not size.isValid() or size.isEmpty():
        return None
    reader.setScaledSize(size.scaled(box, Qt.AspectRatioMode.KeepAspectRatio) if
                         size.width() > box.width() or size.height() > box.height() else size)
    img = reader.read()
    return None if img.isNull() else QPixmap.fromImage(img)


def human_size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} GB"


class TransferItem(QWidget):
    """One transfer; `action` carries (transfer, "accept"/"reject"/"pause"/"resume"/"cancel"/"open"/
    "folder")."""

    action = Signal(str, str)

    def __init__(self, row: TransferRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TransferItem")
        self.row = row
        self.name = PlainLabel(self)
        self.name.setObjectName("TransferName")
        self.status = PlainLabel(self)
        self.status.setObjectName("TransferStatus")
        self.preview = QLabel(self)
        self.preview.setObjectName("TransferPreview")
        self.preview.hide()
        self._preview_path: str | None = None
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(6)
        self.buttons: dict[str, QPushButton] = {}
        texts = {"accept": self.tr("Accept"), "reject": self.tr("Reject"), "pause": self.tr("Pause"),
                 "resume": self.tr("Resume"), "cancel": self.tr("Cancel"),
                 "open": self.tr("Open"), "folder": self.tr("Show in folder")}
        row_lay = QHBoxLayout()
        row_lay.setContentsMargins(0, 0, 0, 0)
        row_lay.addWidget(self.name, 1)
        for key, text in texts.items():
            b = QPushButton(text, self)
            b.setObjectName(f"Transfer{key.capitalize()}")
            b.clicked.connect(lambda _=False, k=key: self.action.emit(self.row.transfer, k))
            self.buttons[key] = b
            row_lay.addWidget(b)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 4)
        lay.setSpacing(2)
        lay.addLayout(row_lay)
        lay.addWidget(self.bar)
        lay.addWidget(self.status)
        lay.addWidget(self.preview)
        self.set_row(row)

    def set_row(self, row: TransferRow) -> None:
        self.row = row
        arrow = "↓" if row.incoming else "↑"
        self.name.setText(f"{arrow} {row.name}")
        frac = row.fraction
        if frac is None:
            self.bar.setRange(0, 0 if row.state == TransferState.RUNNING else 1)
        else:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(frac * 1000))
        self.bar.setVisible(row.state in (TransferState.RUNNING, TransferState.DONE))
        self.status.setText(self.status_text(row))
        s = row.state
        visible = {
            "accept": s == TransferState.OFFERED, "reject": s == TransferState.OFFERED,
            "pause": s == TransferState.RUNNING and not row.paused,
            "resume": s == TransferState.RUNNING and row.paused,
            "cancel": s in (TransferState.WAITING, TransferState.RUNNING),
            "open": s == TransferState.DONE and row.incoming, "folder": s == TransferState.DONE and row.incoming,
        }
        for key, b in self.buttons.items():
            b.setVisible(visible[key])
        self.setAccessibleName(f"{row.name}: {self.status.text()}")
        if s == TransferState.DONE and row.path and row.path != self._preview_path:
            self._preview_path = row.path
            pix = preview_of(row.path)
            if pix is not None:
                self.preview.setPixmap(pix)
                self.preview.setAccessibleName(self.tr("Picture: %1").replace("%1", row.name))
                self.preview.show()

    def status_text(self, row: TransferRow) -> str:
        size = human_size(row.size) if row.size is not None else self.tr("unknown size")
        if row.state == TransferState.OFFERED:
            return self.tr("Offered to you · %1").replace("%1", size)
        if row.state == TransferState.WAITING:
            return self.tr("Waiting for your friend to accept · %1").replace("%1", size)
        if row.state == TransferState.RUNNING:
            text = f"{human_size(row.bytes)} / {size}"
            if row.paused or row.paused_by_friend:
                who = self.tr("Paused") if row.paused else self.tr("Paused by your friend")
                return f"{text} · {who}"
            if row.rate > 0:
                text += f" · {human_size(row.rate)}/s"
            left = row.seconds_left
            if left is not None:
                text += " · " + self.tr("%1 s left").replace("%1", f"{left:.0f}")
            return text
        if row.state == TransferState.DONE:
            return self.tr("Done · %1").replace("%1", size)
        reasons = {
            "friend": self.tr("Cancelled by your friend"), "us": self.tr("Cancelled"),
            "disconnected": self.tr("Interrupted: the connection dropped (it resumes when offered again)"),
            "io_error": self.tr("Stopped: the file could not be read or written"),
        }
        return reasons.get(row.reason or "", self.tr("Cancelled"))


class TransferStrip(QWidget):
    """The transfers of one friend, newest last; hidden when there are none."""

    action = Signal(str, str)  # transfer, action

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TransferStrip")
        self._lay = QVBoxLayout(self)
        self._lay.setContentsMargins(16, 4, 16, 4)
        self._items: dict[str, TransferItem] = {}
        self.hide()

    def set_rows(self, rows: list[TransferRow]) -> None:
        keep = {r.transfer for r in rows}
        for t in [t for t in self._items if t not in keep]:
            gone = self._items.pop(t)
            self._lay.removeWidget(gone)
            gone.deleteLater()
        for r in rows:
            existing = self._items.get(r.transfer)
            if existing is not None:
                existing.set_row(r)
                continue
            item = TransferItem(r, self)
            item.action.connect(self.action)
            self._items[r.transfer] = item
            self._lay.addWidget(item)
        self.setVisible(bool(rows))

    def item(self, transfer: str) -> TransferItem | None:
        return self._items.get(transfer)


def open_path(path: str, folder: bool = False) -> bool:
    """Open a received file (or its folder) with the desktop's default application."""
    target = Path(path).parent if folder else Path(path)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
