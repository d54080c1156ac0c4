"""Smaller behaviours: the add-friend dialog after a success and whom "already friends" means,
the port spin box's arrows, the Remove confirmation's danger styling, a sidebar that stays put
while the status message is edited, and the empty profile list."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QMessageBox, QProxyStyle, QPushButton, QStyle, QStyleOptionSpinBox, QWidget

from tests.gui.fake_backend import FakeBackend, key_for, tox_id_for
from toxgui.models.contacts import short_id
from toxgui.models.session import Session
from toxgui.models.settings import AppSettings
from toxgui.ui import style
from toxgui.ui.dialogs.profile_chooser import ProfileChooser
from toxgui.ui.dialogs.settings import SettingsDialog
from toxgui.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, session: Session, tmp_path: Path) -> MainWindow:
    w = MainWindow(session, AppSettings(tmp_path / "config"))
    qtbot.addWidget(w)
    w.show()
    return w


def test_add_friend_closes_on_success_and_opens_the_chat(qtbot, window: MainWindow, backend: FakeBackend) -> None:
    dlg = window.open_add_friend()
    dlg.id_edit.setText(tox_id_for("bob"))
    with qtbot.waitSignal(dlg.request_sent, timeout=2000):
        dlg.send_btn.click()
    assert not dlg.isVisible()
    qtbot.waitUntil(lambda: window.current == key_for("bob"), timeout=2000)
    # reopened: no old "sent" line, and a new error is shown alone
    dlg = window.open_add_friend()
    assert dlg.isVisible() and not dlg.result.isVisibleTo(dlg)
    dlg.id_edit.setText(tox_id_for("carol"))
    backend.add_friend_direct("carol")  # becomes a friend meanwhile: sending fails
    assert not dlg.send_request()
    assert dlg.isVisible() and dlg.id_hint.objectName() == "ErrorText" and "already friends" in dlg.id_hint.text()
    assert not dlg.result.isVisibleTo(dlg)  # no green "sent" line under the error
    # an outcome line shown by a failed send goes away at the next edit
    dlg._show_result("Friend request failed", ok=False)
    dlg.id_edit.setText(tox_id_for("dave"))
    assert not dlg.result.isVisibleTo(dlg)
    dlg.reject()


def test_already_friends_says_with_whom(window: MainWindow, backend: FakeBackend) -> None:
    dlg = window.open_add_friend()
    # a request just sent: the friend has no name yet, so the short ID the "sent" line used
    dlg.id_edit.setText(tox_id_for("bob"))
    assert dlg.send_request()
    dlg = window.open_add_friend()
    dlg.id_edit.setText(tox_id_for("bob"))
    assert dlg.id_hint.text() == f"You are already friends with {short_id(key_for('bob'))}."
    # a named friend by name, and a nickname before the name
    carol = backend.add_friend_direct("Carol")
    dlg.id_edit.setText(tox_id_for("Carol"))
    assert dlg.id_hint.text() == "You are already friends with Carol."
    window.set_alias(carol, "Caz")
    dlg.id_edit.setText("")
    dlg.id_edit.setText(tox_id_for("Carol"))
    assert dlg.id_hint.text() == "You are already friends with Caz."
    assert dlg.id_hint.objectName() == "ErrorText" and not dlg.send_btn.isEnabled()
    dlg.reject()


def test_port_spin_box_shows_arrows(qtbot, themed: style.ThemeController, tmp_path: Path) -> None:
    for theme in ("light", "dark"):
        themed.set_choice(theme)
        dlg = SettingsDialog(AppSettings(tmp_path / "cfg"))
        qtbot.addWidget(dlg)
        dlg.show()
        qtbot.waitExposed(dlg)
        spin = dlg.port
        opt = QStyleOptionSpinBox()
        spin.initStyleOption(opt)  # type: ignore[attr-defined]
        img = spin.grab().toImage()
        arrow = QColor(style.TEXT_MUTED)
        for sub in (QStyle.SubControl.SC_SpinBoxUp, QStyle.SubControl.SC_SpinBoxDown):
            r = spin.style().subControlRect(QStyle.ComplexControl.CC_SpinBox, opt, sub, spin)
            assert r.width() >= 12 and r.height() >= 6, (theme, sub, r)
            near = 0
            for y in range(r.top(), r.bottom() + 1):
                for x in range(r.left(), r.right() + 1):
                    c = QColor(img.pixel(x, y))
                    if abs(c.red() - arrow.red()) + abs(c.green() - arrow.green()) + abs(c.blue() - arrow.blue()) < 60:
                        near += 1
            assert near >= 4, f"no arrow drawn in the {sub} button ({theme})"
        dlg.close()


class _IconButtonsStyle(QProxyStyle):
    """Fusion as desktop platform themes (GNOME, KDE) give it: standard icons on dialog buttons,
    which is how the red icon came to sit on Cancel."""

    def styleHint(self, hint: QStyle.StyleHint, option: object = None, widget: QWidget | None = None,
                  data: object = None) -> int:
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, option, widget, data)


def _red_pixels(button: QPushButton) -> int:
    img = button.grab().toImage()
    red = QColor(style.ERROR)
    n = 0
    for y in range(img.height()):
        for x in range(img.width()):
            c = QColor(img.pixel(x, y))
            if abs(c.red() - red.red()) + abs(c.green() - red.green()) + abs(c.blue() - red.blue()) < 60:
                n += 1
    return n


def test_remove_is_red_and_cancel_has_no_icon(qtbot, qapp: QApplication, themed: style.ThemeController,
                                              window: MainWindow, backend: FakeBackend) -> None:
    qapp.setStyle(_IconButtonsStyle("Fusion"))
    try:
        probe = QMessageBox()
        assert not probe.addButton(QMessageBox.StandardButton.Cancel).icon().isNull()  # the style adds icons
        probe.deleteLater()
        pk = backend.add_friend_direct("Bob")
        box = window.confirm_remove_friend(pk)
        qtbot.waitExposed(box)
        cancel = box.button(QMessageBox.StandardButton.Cancel)
        remove = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
        assert isinstance(remove, QPushButton) and isinstance(cancel, QPushButton)
        assert cancel.icon().isNull() and remove.icon().isNull()
        assert box.defaultButton() is cancel
        assert _red_pixels(remove) >= 10, "Remove is not drawn in the danger colour"
        assert _red_pixels(cancel) == 0, "something red on Cancel"
        cancel.click()
        assert window.session.is_friend(pk)
    finally:
        qapp.setStyle("Fusion")


def test_editing_the_status_message_does_not_move_the_sidebar(qtbot, themed: style.ThemeController,
                                                              window: MainWindow) -> None:
    def positions() -> list[QPoint]:
        return [w.mapTo(window, QPoint(0, 0)) for w in (window.search, window.contact_list, window.self_header.network)]

    window.resize(1000, 700)
    qtbot.waitUntil(lambda: window.width() == 1000, timeout=2000)
    before = positions()
    status = window.self_header.status
    status.begin_edit()
    assert status.editing()
    qtbot.waitUntil(status.edit.isVisible, timeout=2000)
    qtbot.waitUntil(lambda: window.layout().activate() or True, timeout=2000)
    assert positions() == before
    status.cancel_edit()
    assert positions() == before


def test_open_profile_page_without_profiles_says_what_to_do(qtbot, tmp_path: Path) -> None:
    chooser = ProfileChooser([tmp_path], lambda *a: None, lambda *a: None)
    qtbot.addWidget(chooser)
    chooser.show()
    chooser.open_btn.click()
    assert chooser.no_profiles.isVisibleTo(chooser) and not chooser.profile_list.isVisibleTo(chooser)
    assert "New profile" in chooser.no_profiles.text()
    assert not chooser.load_btn.isEnabled()
    (tmp_path / "me.tox").write_bytes(b"\x00" * 8)
    chooser.refresh_profiles()
    assert chooser.profile_list.isVisibleTo(chooser) and not chooser.no_profiles.isVisibleTo(chooser)
