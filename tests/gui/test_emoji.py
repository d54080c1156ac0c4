"""The emoji picker beside the message field inserts at the cursor, by mouse or keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from tests.gui.fake_backend import FakeBackend
from toxgui.models.session import Session
from toxgui.models.settings import AppSettings
from toxgui.ui.emoji import COLUMNS, EMOJI
from toxgui.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, session: Session, tmp_path: Path) -> MainWindow:
    w = MainWindow(session, AppSettings(tmp_path / "config"))
    qtbot.addWidget(w)
    w.show()
    return w


def test_emoji_goes_in_at_the_cursor(qtbot, window: MainWindow, backend: FakeBackend) -> None:
    bob = backend.add_friend_direct("Bob")
    backend.connect(bob)
    window.select_friend(bob)
    composer = window.composer
    assert composer.emoji.isVisible() and composer.emoji.accessibleName() == "Insert an emoji"
    qtbot.keyClicks(composer.input, "see you")
    c = composer.input.textCursor()
    c.setPosition(3)  # "see| you"
    composer.input.setTextCursor(c)
    qtbot.mouseClick(composer.emoji, Qt.MouseButton.LeftButton)
    picker = composer.emoji_picker
    assert picker is not None
    qtbot.waitUntil(picker.isVisible, timeout=2000)
    assert len(picker.buttons) == len(EMOJI) >= 40
    assert picker.geometry().bottom() <= composer.emoji.mapToGlobal(composer.emoji.rect().topLeft()).y()
    qtbot.mouseClick(picker.buttons[2], Qt.MouseButton.LeftButton)
    assert not picker.isVisible()
    assert composer.draft() == f"see{EMOJI[2]} you"
    assert composer.input.textCursor().position() == 3 + len(EMOJI[2].encode("utf-16-le")) // 2
    # by keyboard: right, down, Enter picks the emoji one row and one column on
    composer.input.moveCursor(QTextCursor.MoveOperation.End)
    picker = composer.open_emoji()
    qtbot.waitUntil(picker.isVisible, timeout=2000)
    assert picker.focused_index() == 0
    qtbot.keyClick(picker.buttons[0], Qt.Key.Key_Right)
    qtbot.keyClick(picker.buttons[1], Qt.Key.Key_Down)
    assert picker.focused_index() == 1 + COLUMNS
    qtbot.keyClick(picker.buttons[1 + COLUMNS], Qt.Key.Key_Return)
    assert not picker.isVisible()
    assert composer.draft() == f"see{EMOJI[2]} you{EMOJI[1 + COLUMNS]}"
    # Escape closes without inserting; the message sends with the emoji in it
    picker = composer.open_emoji()
    qtbot.waitUntil(picker.isVisible, timeout=2000)
    qtbot.keyClick(picker.buttons[0], Qt.Key.Key_Escape)
    assert not picker.isVisible()
    qtbot.keyClick(composer.input, Qt.Key.Key_Return)
    assert backend.sent[-1][1] == f"see{EMOJI[2]} you{EMOJI[1 + COLUMNS]}"
