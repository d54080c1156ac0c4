"""Searching the open chat's history: a bar under the chat header with the text to find, the
position among the results ("2 of 5"), previous/next and close. Results come newest first;
Enter and "next" go to the next older one, Shift+Enter and "previous" back towards the newest.
The view pages in older history to show a result and marks every occurrence."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QToolButton, QWidget

from toxgui.models.chat import ChatModel
from toxgui.ui import icons
from toxgui.ui.chat_view import ChatView
from toxgui.ui.plain import PlainLabel


class ChatSearchBar(QWidget):
    closed = Signal()

    def __init__(self, view: ChatView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ChatSearch")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.view = view
        self.results: list[int] = []
        self.position = -1
        self.field = QLineEdit()
        self.field.setObjectName("ChatSearchField")
        self.field.setPlaceholderText(self.tr("Search in this chat"))
        self.field.setAccessibleName(self.tr("Search in this chat"))
        self.field.setClearButtonEnabled(True)
        self.field.installEventFilter(self)
        self.count = PlainLabel()
        self.count.setObjectName("HintText")
        self.prev_btn = self._button("up", self.tr("Newer result (Shift+Enter)"))
        self.next_btn = self._button("down", self.tr("Older result (Enter)"))
        self.close_btn = self._button("close", self.tr("Close the search (Esc)"))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(16, 6, 12, 6)
        lay.setSpacing(6)
        lay.addWidget(self.field, 1)
        lay.addWidget(self.count)
        lay.addWidget(self.prev_btn)
        lay.addWidget(self.next_btn)
        lay.addWidget(self.close_btn)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.run)
        self.field.textChanged.connect(lambda _t: self._debounce.start())
        self.field.returnPressed.connect(lambda: self.step(1))
        self.prev_btn.clicked.connect(lambda: self.step(-1))
        self.next_btn.clicked.connect(lambda: self.step(1))
        self.close_btn.clicked.connect(self.close_search)
        self._update()

    def _button(self, icon: str, tip: str) -> QToolButton:
        b = QToolButton()
        icons.themed(b, icon, "TEXT_MUTED", 16)
        b.setIconSize(QSize(16, 16))
        b.setToolTip(tip)
        b.setAccessibleName(tip)
        b.setAutoRaise(True)
        return b

    def open_search(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        if self.field.text():
            self.run()

    def close_search(self) -> None:
        self.hide()
        self.results, self.position = [], -1
        self.view.set_highlight("")
        self._update()
        self.closed.emit()

    def chat_changed(self) -> None:
        """Another chat is shown: search it for the same text (when the bar is open)."""
        if self.isVisible() and self.field.text():
            self.run()
        else:
            self.results, self.position = [], -1
            self.view.set_highlight("")
            self._update()

    def run(self) -> None:
        """Search the shown chat now for the field's text and go to the newest result."""
        self._debounce.stop()
        model: ChatModel | None = self.view.source
        query = self.field.text()
        self.results = model.search(query) if model is not None and query.strip() else []
        self.position = -1
        self.view.set_highlight(query if self.results else "")
        if self.results:
            self.step(1)
        self._update()

    def step(self, delta: int) -> None:
        """To the next older (1) or newer (-1) result, wrapping round."""
        if self._debounce.isActive():
            self.run()
            return
        if not self.results:
            return
        self.position = (self.position + delta) % len(self.results)
        mid = self.results[self.position]
        self.view.set_highlight(self.field.text(), mid)
        self.view.jump_to(mid)
        self._update()

    def _update(self) -> None:
        n = len(self.results)
        if not self.field.text().strip():
            self.count.setText("")
        elif n == 0:
            self.count.setText(self.tr("No match"))
        else:
            self.count.setText(self.tr("%1 of %2").replace("%1", str(self.position + 1)).replace("%2", str(n)))
        self.prev_btn.setEnabled(n > 1)
        self.next_btn.setEnabled(n > 1)

    def eventFilter(self, obj: object, e: object) -> bool:
        if obj is self.field and isinstance(e, QKeyEvent) and e.type() == QKeyEvent.Type.KeyPress:
            if e.key() == Qt.Key.Key_Escape:
                self.close_search()
                return True
            if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and e.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.step(-1)
                return True
        return super().eventFilter(obj, e)  # type: ignore[arg-type]
