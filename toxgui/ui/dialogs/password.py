"""Change or remove the profile's password (Settings → "Change password…").

The work happens in `Session.change_password`: the current password is checked and the new keys
derived on worker threads, then the history, the profile and what the backend keeps beside it
are re-encrypted. A wrong current password shows as a translated sentence under the form."""

from __future__ import annotations

import asyncio
import gc
import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from toxgui.models.profiles import load_problem
from toxgui.models.session import Session
from toxgui.ui.dialogs.profile_chooser import password_strength, strength_text
from toxgui.ui.plain import PlainLabel

log = logging.getLogger(__name__)


class PasswordDialog(QDialog):
    """`finished_change` carries "changed", "removed" or "" (failed or cancelled)."""

    finished_change = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.task: asyncio.Task[None] | None = None
        encrypted = session.encrypted
        self.setWindowTitle(self.tr("Profile password"))
        self.setMinimumWidth(420)
        intro = PlainLabel(
            self.tr("The password encrypts this profile, its chat history and its queued messages on this computer.")
            if encrypted
            else self.tr("This profile is stored unencrypted. A password encrypts the profile, its chat "
                         "history and its queued messages on this computer.")
        )
        intro.setWordWrap(True)
        self.current = QLineEdit()
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        self.current.setAccessibleName(self.tr("Current password"))
        self.new = QLineEdit()
        self.new.setEchoMode(QLineEdit.EchoMode.Password)
        self.new.setAccessibleName(self.tr("New password"))
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName(self.tr("Repeat the new password"))
        self.strength = PlainLabel(strength_text(0))
        self.strength.setObjectName("HintText")
        self.strength.setWordWrap(True)
        self.new.textChanged.connect(lambda t: self.strength.setText(strength_text(password_strength(t))))
        self.error = PlainLabel()
        self.error.setObjectName("ErrorText")
        self.error.setWordWrap(True)
        self.error.hide()
        self.busy = PlainLabel()
        self.busy.setObjectName("HintText")
        self.busy.hide()
        form = QFormLayout()
        if encrypted:
            form.addRow(self.tr("Current password"), self.current)
        else:
            self.current.hide()
        form.addRow(self.tr("New password"), self.new)
        form.addRow(self.tr("Repeat"), self.repeat)
        form.addRow("", self.strength)

        self.buttons = QDialogButtonBox()
        self.change_btn = self.buttons.addButton(
            self.tr("Change password") if encrypted else self.tr("Set password"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.remove_btn: QPushButton | None = None
        if encrypted:
            self.remove_btn = self.buttons.addButton(self.tr("Remove password"), QDialogButtonBox.ButtonRole.ActionRole)
            self.remove_btn.setProperty("danger", True)
            self.remove_btn.setToolTip(self.tr("Store the profile and its history unencrypted"))
            self.remove_btn.clicked.connect(self.remove)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.change)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(self.busy)
        lay.addWidget(self.buttons)
        (self.current if encrypted else self.new).setFocus()

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def change(self) -> None:
        """Set the new password (both fields must agree and not be empty)."""
        if not self.new.text():
            self._fail(self.tr("Enter the new password (or use Remove password)."))
            self.new.setFocus()
            return
        if self.new.text() != self.repeat.text():
            self._fail(self.tr("The two new passwords differ."))
            self.repeat.selectAll()
            self.repeat.setFocus()
            return
        self._start(self.new.text())

    def remove(self) -> None:
        self._start(None)

    def _start(self, new: str | None) -> None:
        if self.task is not None and not self.task.done():
            return
        self.error.hide()
        self.busy.setText(self.tr("Re-encrypting…") if new else self.tr("Removing the password…"))
        self.busy.show()
        self.buttons.setEnabled(False)
        gc.collect()  # cyclic Qt garbage goes here, not on the worker thread
        self.task = asyncio.ensure_future(self._work(self.current.text() or None, new))

    async def _work(self, current: str | None, new: str | None) -> None:
        try:
            await self.session.change_password(current, new)
        except Exception as e:  # shown to the user as a sentence; details only in the log
            log.info("changing the profile password failed: %s", type(e).__name__)
            self.busy.hide()
            self.buttons.setEnabled(True)
            self._fail(load_problem(e))
            self.current.selectAll()
            self.current.setFocus()
            self.finished_change.emit("")
            return
        self.busy.hide()
        self.finished_change.emit("changed" if new else "removed")
        self.accept()
