"""Labels that never interpret their text as HTML.

Qt's QLabel guesses rich text from the text itself (`Qt::mightBeRichText`), so a friend's name
`<font color=red>…` or a status message `<img width=3000…>` would render as markup.  Every label
of the app is a PlainLabel; one that wants markup sets `Qt.TextFormat.RichText` itself and
escapes what it shows.  Tooltips guess too: models build them with `Qt.convertFromPlainText`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy


class PlainLabel(QLabel):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setTextFormat(Qt.TextFormat.PlainText)



class ElidedLabel(PlainLabel):
    """A one-line plain label that shortens its text with "…" to the width it gets (the full
    text in its tooltip and accessible name), so a long name never widens or cuts its pane."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._full = super().text()
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._elide()

    def setText(self, text: str) -> None:  # type: ignore[override]
        self._full = text
        self._elide()

    def full_text(self) -> str:
        return self._full

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self.textFormat() == Qt.TextFormat.RichText:
            return hint
        m = self.contentsMargins()
        return QSize(self.fontMetrics().horizontalAdvance(self._full) + m.left() + m.right() + 2, hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("…") * 3, super().minimumSizeHint().height())

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self._elide()

    def changeEvent(self, e: QEvent) -> None:
        super().changeEvent(e)
        if e.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._elide()

    def _elide(self) -> None:
        if self.textFormat() == Qt.TextFormat.RichText:
            QLabel.setText(self, self._full)
            return
        width = self.contentsRect().width()
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(width, 1))
        QLabel.setText(self, shown)
        self.setToolTip(self._full if shown != self._full else "")


class ElidedButton(QPushButton):
    """A flat text button (the network chip) that shortens its text with "…" to its width."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def setText(self, text: str) -> None:  # type: ignore[override]
        self._full = text
        self._elide()

    def full_text(self) -> str:
        return self._full

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("…") * 3, super().minimumSizeHint().height())

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self._elide()

    def _elide(self) -> None:
        width = self.contentsRect().width() - 4
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(width, 1))
        QPushButton.setText(self, shown)
