"""Keyboard use: every focusable control shows where the focus is, the window's shortcuts work,
and our own name and status message can be edited without the mouse."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from tests.gui.fake_backend import FakeBackend
from toxgui.models.session import Session
from toxgui.models.settings import AppSettings
from toxgui.ui import style
from toxgui.ui.dialogs.add_friend import AddFriendDialog
from toxgui.ui.main_window import MainWindow


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(tmp_path / "config")


@pytest.fixture
def window(qtbot, themed: style.ThemeController, session: Session, settings: AppSettings,
           backend: FakeBackend) -> MainWindow:
    for name in ("Alice", "Bob", "Carol"):
        backend.add_friend_direct(name)
    w = MainWindow(session, settings)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitActive(w)
    return w


def _focus(qtbot, w: QWidget) -> None:
    w.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(w.hasFocus, timeout=2000)


def _shot(w: QWidget) -> QImage:
    top = w.window()
    r = QRect(w.mapTo(top, QPoint(0, 0)), w.size()).adjusted(-3, -3, 3, 3)
    return top.grab(r).toImage()


def _tab_stops(window: QWidget) -> list[QWidget]:
    stops = []
    w = window.nextInFocusChain()
    seen = set()
    while w is not None and id(w) not in seen:
        seen.add(id(w))
        if (w.isVisible() and w.isEnabled() and w.window() is window
                and w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.focusProxy() is None):
            stops.append(w)
        w = w.nextInFocusChain()
    return stops


def _check_rings(qtbot, top: QWidget, minimum: int) -> None:
    stops = _tab_stops(top)
    assert len(stops) >= minimum, [type(w).__name__ for w in stops]
    for i, w in enumerate(stops):
        parking = stops[i - 1]  # any other stop
        _focus(qtbot, parking)
        before = _shot(w)
        _focus(qtbot, w)
        after = _shot(w)
        assert before != after, f"no visible focus on {type(w).__name__} {w.objectName()!r} {w.toolTip()!r}"


def test_every_tab_stop_shows_a_focus_ring(qtbot, window: MainWindow) -> None:
    window.step_chat(1)
    window.toggle_dashboard(True)
    _check_rings(qtbot, window, 14)


def test_every_tab_stop_in_the_dialogs_shows_a_focus_ring(qtbot, window: MainWindow) -> None:
    dlg = window.open_settings()
    qtbot.waitActive(dlg)
    _check_rings(qtbot, dlg, 8)
    dlg.reject()
    add = window.open_add_friend(AddFriendDialog.TAB_ADD)
    qtbot.waitActive(add)
    _check_rings(qtbot, add, 3)
    add.reject()


def test_add_friend_shortcut(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dlg = window.add_dialog
    assert dlg is not None and dlg.isVisible()
    assert dlg.tabs.currentIndex() == AddFriendDialog.TAB_ADD


def test_search_shortcut(qtbot, window: MainWindow) -> None:
    _focus(qtbot, window.contact_list)
    qtbot.keyClick(window.contact_list, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search.hasFocus, timeout=2000)


@pytest.mark.parametrize(("forward", "backward"), [
    ((Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier),
     (Qt.Key.Key_Backtab, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)),
    ((Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier),
     (Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)),
])
def test_next_and_previous_chat_shortcuts(qtbot, window: MainWindow, forward, backward) -> None:
    proxy = window.session.contacts_proxy
    order = [proxy.index(r, 0).data(Qt.ItemDataRole.DisplayRole) for r in range(proxy.rowCount())]
    assert len(order) == 3

    def current() -> str:
        return str(window.contact_list.currentIndex().data(Qt.ItemDataRole.DisplayRole))

    qtbot.keyClick(window.focusWidget() or window, *forward)
    assert current() == order[0]
    qtbot.keyClick(window.focusWidget(), *forward)  # the composer has focus now: still works
    assert current() == order[1]
    qtbot.keyClick(window.focusWidget(), *backward)
    assert current() == order[0]
    qtbot.keyClick(window.focusWidget(), *backward)  # wraps round
    assert current() == order[2]


def test_dashboard_shortcut_toggles(qtbot, window: MainWindow) -> None:
    window.step_chat(1)
    assert not window.dash_panel.isVisible()
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.dash_panel.isVisible() and window.header.dash_btn.isChecked()
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert not window.dash_panel.isVisible()


def test_settings_shortcut(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert window.settings_dialog is not None and window.settings_dialog.isVisible()
    window.settings_dialog.reject()


def test_quit_shortcut(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.quit_requested, timeout=2000):
        qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)


def test_own_name_and_status_edit_from_the_keyboard(qtbot, window: MainWindow, backend: FakeBackend) -> None:
    # F2 anywhere edits the name
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_F2)
    name = window.self_header.name
    assert name.editing() and name.edit.hasFocus()
    name.edit.clear()
    qtbot.keyClicks(name.edit, "Keyboard Kim")
    qtbot.keyClick(name.edit, Qt.Key.Key_Return)
    assert backend.name == "Keyboard Kim"
    assert not name.editing() and name.label.hasFocus()  # focus stays where the user was
    # Tab to the status message, Enter edits it, Escape cancels
    status = window.self_header.status
    qtbot.keyClick(name.label, Qt.Key.Key_Tab)
    qtbot.waitUntil(status.label.hasFocus, timeout=2000)
    qtbot.keyClick(status.label, Qt.Key.Key_Return)
    assert status.editing()
    qtbot.keyClicks(status.edit, "not kept")
    qtbot.keyClick(status.edit, Qt.Key.Key_Escape)
    assert not status.editing() and backend.status_message != "not kept"
    qtbot.keyClick(status.label, Qt.Key.Key_F2)
    status.edit.clear()
    qtbot.keyClicks(status.edit, "Typing only")
    qtbot.keyClick(status.edit, Qt.Key.Key_Enter)
    assert backend.status_message == "Typing only"


def test_shortcuts_are_shown_in_tooltips(window: MainWindow) -> None:
    assert "Ctrl+N" in window.add_btn.toolTip()
    assert "Ctrl+D" in window.header.dash_btn.toolTip()


def test_arrowing_the_contact_list_keeps_focus_and_enter_opens_the_chat(qtbot, window: MainWindow) -> None:
    _focus(qtbot, window.contact_list)
    qtbot.keyClick(window.contact_list, Qt.Key.Key_Down)
    assert window.contact_list.hasFocus() and window.current is not None
    qtbot.keyClick(window.contact_list, Qt.Key.Key_Return)
    qtbot.waitUntil(window.composer.input.hasFocus, timeout=2000)
