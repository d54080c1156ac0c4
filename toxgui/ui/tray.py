"""Tray icon and desktop notifications, only where the desktop has a system tray."""

from __future__ import annotations

import html

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget


def tray_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()


class Tray(QObject):
    """Create with `Tray.create(...)`, which returns None without a system tray."""

    show_requested = Signal()
    quit_requested = Signal()

    def __init__(self, icon: QIcon, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon = QSystemTrayIcon(icon, self)
        self.icon.setToolTip("toxgui")
        menu = QMenu(parent)
        menu.addAction(self.tr("Show toxgui"), self.show_requested.emit)
        menu.addSeparator()
        menu.addAction(self.tr("Quit"), self.quit_requested.emit)
        self.menu = menu
        self.icon.setContextMenu(menu)
        self.icon.activated.connect(self._activated)
        self.icon.show()

    @classmethod
    def create(cls, icon: QIcon, parent: QWidget | None = None) -> Tray | None:
        return cls(icon, parent) if tray_available() else None

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.show_requested.emit()

    def notify(self, title: str, message: str) -> bool:
        if not QSystemTrayIcon.supportsMessages():
            return False
        # Desktop notification servers read a subset of HTML in the body (freedesktop
        # body-markup): a friend's text is escaped so it shows as written.
        self.icon.showMessage(title, html.escape(message, quote=False), QSystemTrayIcon.MessageIcon.Information,
                              5000)
        return True

    def hide(self) -> None:
        self.icon.hide()
