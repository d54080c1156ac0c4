"""The app's one question before something that cannot be undone."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget


def ask_destructive(parent: QWidget, title: str, text: str, info: str, action: str,
                    on_confirm: Callable[[], None]) -> QMessageBox:
    """A window-modal warning with `action` (red text, the style's danger buttons) and Cancel (the
    default); `on_confirm` runs only when `action` was clicked. The text is shown as plain text
    (names in it are other people's own text); no icon on either button (some styles draw a red
    one on Cancel). The box is opened, deletes itself when closed, and is returned."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)  # beside the question, not on a button
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(info)
    button = QPushButton(action)
    button.setProperty("danger", True)  # before the box adds and polishes it, or it is not red
    box.addButton(button, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    cancel.setIcon(QIcon())
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)

    def done(_: int) -> None:
        if box.clickedButton() is button:
            on_confirm()

    box.finished.connect(done)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
