"""Labels that never interpret their text as HTML.

Qt's QLabel guesses rich text from the text itself (`Qt::mightBeRichText`), so a friend's name
`<font color=red>…` or a status message `<img width=3000…>` would render as markup.  Every label
of the app is a PlainLabel; one that wants markup sets `Qt.TextFormat.RichText` itself and
escapes what it shows.  Tooltips guess too: models build them with `Qt.convertFromPlainText`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


class PlainLabel(QLabel):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setTextFormat(Qt.TextFormat.PlainText)

