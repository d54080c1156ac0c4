"""A small emoji picker: a grid popup opened from the button beside the message field.

Arrow keys move between the emoji, Enter or Space inserts the focused one at the input's cursor,
Escape closes the popup; a click inserts and closes too."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QToolButton, QWidget

# The common ones, in qTox's order of groups: faces, gestures, hearts, objects.
EMOJI = (
    "😀", "😃", "😄", "😁", "😆", "😅", "😂", "🙂",
    "😉", "😊", "😇", "😍", "😘", "😋", "😜", "🤔",
    "😐", "😑", "😏", "😒", "🙄", "😬", "😌", "😔",
    "😴", "😷", "😎", "😕", "😟", "😮", "😢", "😭",
    "😡", "👍", "👎", "👌", "👋", "🙏", "👏", "💪",
    "❤️", "💔", "🎉", "🔥", "⭐", "☕", "🍺", "✅",
)
COLUMNS = 8


class EmojiPicker(QFrame):
    """`picked` carries the emoji chosen."""

    picked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("EmojiPicker")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Emoji"))
        self.setAccessibleDescription(self.tr("Arrow keys choose, Enter inserts, Escape closes"))
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 6, 6, 6)
        grid.setSpacing(2)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.buttons: list[QToolButton] = []
        for i, e in enumerate(EMOJI):
            b = QToolButton(self)
            b.setText(e)
            b.setFont(font)
            b.setAutoRaise(True)
            b.setFixedSize(34, 34)
            b.setAccessibleName(e)
            b.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            b.clicked.connect(lambda _=False, e=e: self._pick(e))
            b.installEventFilter(self)  # the buttons' own arrow-key handling would move in a line
            grid.addWidget(b, i // COLUMNS, i % COLUMNS)
            self.buttons.append(b)

    def _pick(self, emoji: str) -> None:
        self.picked.emit(emoji)
        self.close()

    def popup_at(self, anchor: QWidget) -> None:
        """Open above `anchor` (the composer's button), the first emoji focused."""
        self.adjustSize()
        pos = anchor.mapToGlobal(anchor.rect().topLeft())
        pos.setY(pos.y() - self.sizeHint().height() - 4)
        self.move(pos)
        self.show()
        self.buttons[0].setFocus()

    def focused_index(self) -> int:
        for i, b in enumerate(self.buttons):
            if b.hasFocus():
                return i
        return -1

    def eventFilter(self, watched: QObject, e: QEvent) -> bool:
        if e.type() == QEvent.Type.KeyPress and isinstance(e, QKeyEvent) and self._key(e):
            return True
        return super().eventFilter(watched, e)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if not self._key(e):
            super().keyPressEvent(e)

    def _key(self, e: QKeyEvent) -> bool:
        """Arrows move in the grid, Enter or Space inserts; True when the key was used."""
        i = max(0, self.focused_index())
        n = len(self.buttons)
        step = {
            Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -COLUMNS, Qt.Key.Key_Down: COLUMNS,
        }.get(Qt.Key(e.key()))
        if step is not None:
            j = i + step
            if 0 <= j < n:
                self.buttons[j].setFocus()
            return True
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self._pick(self.buttons[i].text())
            return True
        return False
