"""Screen readers: every interactive control in the main window and the dialogs has an
accessible name, and the connection stage is spoken as words ("Alice: connected over UDP")."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QWidget,
)

from tests.gui.fake_backend import FakeBackend
from toxgui.core.events import Stage
from toxgui.models.roles import Role
from toxgui.models.session import Session
from toxgui.models.settings import AppSettings
from toxgui.ui.dialogs.add_friend import AddFriendDialog
from toxgui.ui.dialogs.profile_chooser import ProfileChooser
from toxgui.ui.main_window import MainWindow

INTERACTIVE = (QAbstractButton, QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QAbstractItemView,
               QTabBar, QAbstractScrollArea)


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(tmp_path / "config")


@pytest.fixture
def window(qtbot, session: Session, settings: AppSettings, backend: FakeBackend) -> MainWindow:
    alice = backend.add_friend_direct("Alice", "at work")
    backend.connect(alice)
    bob = backend.add_friend_direct("Bob")
    backend.set_stage(bob, Stage.AcquiringIPAddress)
    backend.incoming_request("carol", "hi, it's Carol")
    w = MainWindow(session, settings)
    qtbot.addWidget(w)
    w.show()
    w.select_friend(alice)
    w.toggle_dashboard(True)
    return w


def _name(w: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(w)
    assert iface is not None, w
    return iface.text(QAccessible.Text.Name).strip()


def _unnamed(top: QWidget) -> list[str]:
    """Visible interactive controls (and focusable widgets of any kind) without a name."""
    missing = []
    for w in [top, *top.findChildren(QWidget)]:
        if not w.isVisibleTo(top) or w.window() is not top:
            continue
        interactive = isinstance(w, INTERACTIVE) or bool(w.focusPolicy() & Qt.FocusPolicy.TabFocus)
        if isinstance(w, QAbstractScrollArea) and not w.focusPolicy() & Qt.FocusPolicy.TabFocus:
            interactive = False  # a plain scrolling frame that is never a Tab stop
        parent = w.parentWidget()
        if w.focusProxy() is not None or isinstance(parent, (QComboBox, QLineEdit, QAbstractSpinBox)):
            continue  # its proxy (or the field it belongs to: clear button, inner editor) is announced
        if interactive and not _name(w):
            missing.append(f"{type(w).__name__} {w.objectName()!r} tooltip={w.toolTip()!r}")
    return missing


def test_main_window_controls_all_have_accessible_names(window: MainWindow) -> None:
    missing = _unnamed(window)
    assert missing == [], "\n".join(missing)


def test_dialog_controls_all_have_accessible_names(qtbot, window: MainWindow) -> None:
    settings = window.open_settings()
    qtbot.waitExposed(settings)
    assert _unnamed(settings) == []
    settings.reject()
    add = window.open_add_friend(AddFriendDialog.TAB_ADD)
    for tab in (AddFriendDialog.TAB_ADD, AddFriendDialog.TAB_REQUESTS, AddFriendDialog.TAB_MY_ID):
        add.tabs.setCurrentIndex(tab)
        assert _unnamed(add) == [], tab
    add.reject()
    box = window.confirm_remove_friend(window.current or b"")
    assert _unnamed(box) == []
    box.reject()


def test_profile_chooser_controls_all_have_accessible_names(qtbot, tmp_path: Path) -> None:
    (tmp_path / "old.tox").write_bytes(b"\x00" * 8)
    chooser = ProfileChooser([tmp_path], lambda *a: None, lambda *a: None)
    qtbot.addWidget(chooser)
    chooser.show()
    for button in (chooser.new_btn, chooser.open_btn):
        button.click()
        assert _unnamed(chooser) == []
    chooser.close()


def test_contact_rows_speak_their_connection_stage(window: MainWindow) -> None:
    proxy = window.session.contacts_proxy
    texts = {}
    for r in range(proxy.rowCount()):
        ix = proxy.index(r, 0)
        texts[ix.data(Qt.ItemDataRole.DisplayRole)] = (
            ix.data(Qt.ItemDataRole.AccessibleTextRole), ix.data(Qt.ItemDataRole.AccessibleDescriptionRole))
    assert texts["Alice"][0] == "Alice: connected over UDP"
    assert "at work" in texts["Alice"][1]
    assert texts["Bob"][0].startswith("Bob: offline")
    assert "Find address" in texts["Bob"][0] or "step 2 of 6" in texts["Bob"][0]
    # what a screen reader gets for the list's rows
    iface = QAccessible.queryAccessibleInterface(window.contact_list)
    spoken = []
    for i in range(iface.childCount()):
        child = iface.child(i)
        if child is not None:
            spoken.append(child.text(QAccessible.Text.Name))
    assert "Alice: connected over UDP" in spoken, spoken


def test_dashboard_stepper_and_presence_are_described(window: MainWindow) -> None:
    stepper = window.dash_panel.stepper
    assert "Connected" in stepper.accessibleName()
    desc = stepper.accessibleDescription()
    assert "Find DHT key" in desc and "done" in desc
    assert window.self_header.status_btn.accessibleName().startswith("Your status")
    assert window.session.contacts_proxy.index(0, 0).data(Role.PublicKey)
