"""Day-one conveniences: the unsent draft stays with its chat, and friends can get a local
nickname."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QMessageBox

from tests.gui.fake_backend import FakeBackend, key_for, tox_id_for
from toxgui.models.roles import Role
from toxgui.models.session import Session
from toxgui.models.settings import AppSettings
from toxgui.store.history import Direction, History, Kind, State
from toxgui.ui.chat_view import find_links, is_web_link
from toxgui.ui.main_window import MainWindow


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(tmp_path / "config")


@pytest.fixture
def window(qtbot, session: Session, settings: AppSettings) -> MainWindow:
    w = MainWindow(session, settings)
    qtbot.addWidget(w)
    w.show()
    return w


def test_draft_is_kept_per_chat(qtbot, window: MainWindow, backend: FakeBackend) -> None:
    alice = backend.add_friend_direct("Alice")
    bob = backend.add_friend_direct("Bob")
    backend.connect(alice)
    window.select_friend(alice)
    qtbot.keyClicks(window.composer.input, "half a thought")
    assert backend.typing.get(alice) is True
    window.select_friend(bob)
    assert window.composer.draft() == "" and not window.composer.send.isEnabled()
    assert backend.typing.get(alice) is False  # leaving the chat stops "typing"
    qtbot.keyClicks(window.composer.input, "for Bob")
    window.select_friend(alice)
    assert window.composer.draft() == "half a thought" and window.composer.send.isEnabled()
    assert backend.typing.get(alice) is False  # putting the draft back is not typing
    assert window.composer.input.textCursor().atEnd()
    qtbot.keyClick(window.composer.input, Qt.Key.Key_Return)  # sent: the draft is gone
    assert backend.sent[-1][1] == "half a thought"
    window.select_friend(bob)
    assert window.composer.draft() == "for Bob"
    window.select_friend(alice)
    assert window.composer.draft() == ""


def test_nickname_shows_instead_of_the_name_and_is_kept(qtbot, window: MainWindow, backend: FakeBackend,
                                                        session: Session, settings: AppSettings) -> None:
    alice = backend.add_friend_direct("Alice", "hi")
    window.select_friend(alice)
    dlg = window.ask_alias(alice)
    assert "Alice" in dlg.labelText()
    dlg.setTextValue("  Mum  ")
    dlg.accept()
    row = session.contacts.get(alice)
    assert row is not None and row.display_name == "Mum" and row.name == "Alice"
    ix = session.contacts_proxy.index(0, 0)
    assert ix.data(Qt.ItemDataRole.DisplayRole) == "Mum"
    assert "Mum (Alice)" in ix.data(Qt.ItemDataRole.ToolTipRole)
    assert window.header.name.full_text() == "Mum"
    assert AppSettings(settings.config_dir).aliases() == {alice: "Mum"}
    backend.rename(alice, "Alice L.")  # their own renaming does not override the nickname
    assert session.contacts.get(alice).display_name == "Mum"  # type: ignore[union-attr]
    # a new window (next start) applies it again
    session2 = Session(backend, session.history)
    w2 = MainWindow(session2, AppSettings(settings.config_dir))
    qtbot.addWidget(w2)
    assert session2.contacts.get(alice).display_name == "Mum"  # type: ignore[union-attr]
    w2.set_alias(alice, "")
    assert session2.contacts.get(alice).display_name == "Alice L."  # type: ignore[union-attr]
    assert AppSettings(settings.config_dir).aliases() == {}
    session2.close()


def test_contact_menu_offers_a_nickname(window: MainWindow, backend: FakeBackend) -> None:
    alice = backend.add_friend_direct("Alice")
    ix = window.session.contacts_proxy.mapFromSource(window.session.contacts.index_of(alice))
    window._contact_menu(window.contact_list.visualRect(ix).center())
    texts = [a.text() for a in window.contact_menu.actions()]
    window.contact_menu.close()
    assert "Set a nickname…" in texts and "Note…" in texts


def test_a_private_note_about_a_friend_is_kept_and_shown(qtbot, window: MainWindow, backend: FakeBackend,
                                                         settings: AppSettings) -> None:
    """qTox's friend note: written from the contact menu (several lines), kept in the settings,
    shown when the pointer rests on the friend's name above the chat, and read by screen readers."""
    alice = backend.add_friend_direct("Alice", "hi")
    window.select_friend(alice)
    dlg = window.ask_note(alice)
    assert "Alice" in dlg.labelText()
    assert dlg.testOption(dlg.InputDialogOption.UsePlainTextEditForTextInput)
    dlg.setTextValue("met at the conference\nprefers mornings ")
    dlg.accept()
    assert AppSettings(settings.config_dir).note(alice) == "met at the conference\nprefers mornings"
    assert window.header.name.toolTip() == "met at the conference\nprefers mornings"
    assert window.header.name.accessibleDescription().startswith("Note: met at the conference")
    window.set_note(alice, "   ")
    assert AppSettings(settings.config_dir).note(alice) == "" and window.header.name.toolTip() == ""


def test_find_links() -> None:
    assert find_links("see https://example.org/a_(b), ok") == [(4, 25, "https://example.org/a_(b)")]
    assert find_links("(www.example.org).") == [(1, 15, "https://www.example.org")]
    assert [u for _s, _n, u in find_links("mail me: mailto:a@b.c or tox:ABC1 or magnet:?xt=1")] == [
        "mailto:a@b.c", "tox:ABC1", "magnet:?xt=1"]
    assert find_links("no link here: http:// or www. or a.b") == []
    assert is_web_link("HTTPS://x") and not is_web_link("file:///etc/passwd")


def _click_link(qtbot, window: MainWindow, row: int, url_start: int) -> None:
    view = window.chat_view
    ix = view.model().index(row, 0)
    view.scrollTo(ix)
    rect = view.visualRect(ix)
    g = view._delegate.geometry(ix)
    origin = view._delegate.text_origin(g, rect)
    line = g.layout.lineForTextPosition(url_start + 3)  # a long link may start on the next line
    x = origin.x() + line.cursorToX(url_start + 3)[0]
    pos = QPoint(int(x), int(origin.y() + line.y() + line.height() / 2))
    assert view.link_at(pos)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_links_in_messages_open_web_directly_and_ask_for_other_schemes(
    qtbot, window: MainWindow, backend: FakeBackend
) -> None:
    opened: list[str] = []
    window.url_opener = lambda url: opened.append(url.toString())
    alice = backend.add_friend_direct("Alice")
    window.select_friend(alice)
    backend.deliver(alice, "look: https://example.org/page")
    backend.deliver(alice, "write to mailto:someone@example.org")
    backend.deliver(alice, "my friend tox:" + tox_id_for("zed"))
    qtbot.waitUntil(lambda: window.chat_view.model().rowCount() == 3, timeout=2000)
    _click_link(qtbot, window, 0, len("look: "))
    assert opened == ["https://example.org/page"]
    _click_link(qtbot, window, 1, len("write to "))
    box = window.link_box
    assert box.isVisible() and opened == ["https://example.org/page"]  # not before the answer
    assert box.informativeText() == "mailto:someone@example.org"
    box.button(QMessageBox.StandardButton.Open).click()
    assert opened[-1] == "mailto:someone@example.org"
    _click_link(qtbot, window, 2, len("my friend "))
    assert window.add_dialog is not None and window.add_dialog.isVisible()
    assert window.add_dialog.id_edit.text() == tox_id_for("zed")
    assert len(opened) == 2


def _fill_history(history: History, pk: bytes) -> dict[int, str]:
    """300 messages, three with "needle" in them: at 10, 120 and 290 (the newest page is 50)."""
    texts = {i: (f"message {i} with a NeEdLe inside" if i in (10, 120, 290) else f"message {i}") for i in range(300)}
    history.add_many((pk, Direction.IN if i % 2 else Direction.OUT, texts[i], Kind.NORMAL, 1000.0 + i,
                      State.DELIVERED) for i in range(300))
    return texts


def test_history_search_opens_sealed_bodies(tmp_path: Path) -> None:
    pk = key_for("sealed")
    h = History(tmp_path / "sealed.db", key=bytes(range(32)))
    try:
        _fill_history(h, pk)
        ids = h.search(pk, "needle")
        assert [h.get(i).text for i in ids] == [  # type: ignore[union-attr]
            "message 290 with a NeEdLe inside", "message 120 with a NeEdLe inside", "message 10 with a NeEdLe inside"]
        assert h.search(pk, "") == [] and h.search(key_for("nobody"), "needle") == []
        assert len(h.search(pk, "message", limit=7)) == 7
    finally:
        h.close()


def test_search_in_chat_highlights_and_jumps_into_older_history(
    qtbot, window: MainWindow, backend: FakeBackend, history: History
) -> None:
    alice = backend.add_friend_direct("Alice")
    _fill_history(history, key_for("Alice"))
    window.select_friend(alice)
    view = window.chat_view
    assert view.model().rowCount() == 50
    bar = window.chat_search
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_F,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert bar.isVisible() and bar.field.hasFocus()
    qtbot.keyClicks(bar.field, "needle")
    qtbot.waitUntil(lambda: bar.count.text() == "1 of 3", timeout=3000)

    def shown() -> str:
        ix = view.currentIndex()
        assert view.viewport().rect().intersects(view.visualRect(ix)), "the result is not scrolled into view"
        return str(ix.data(Qt.ItemDataRole.DisplayRole) or ix.data(Role.Text))

    assert shown() == "message 290 with a NeEdLe inside"
    assert view._delegate.highlight == "needle"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)  # older result: paged in from history
    qtbot.waitUntil(lambda: bar.count.text() == "2 of 3", timeout=3000)
    assert shown() == "message 120 with a NeEdLe inside" and view.model().rowCount() > 50
    bar.next_btn.click()
    assert bar.count.text() == "3 of 3" and shown() == "message 10 with a NeEdLe inside"
    bar.next_btn.click()  # wraps to the newest
    assert bar.count.text() == "1 of 3" and shown() == "message 290 with a NeEdLe inside"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # newer: wraps back
    assert bar.count.text() == "3 of 3"
    # the match is painted: its pixels differ from the same bubble without the highlight
    ix = view.currentIndex()
    with_mark = view.viewport().grab(view.visualRect(ix)).toImage()
    bar.field.clear()
    qtbot.keyClicks(bar.field, "zzz")
    qtbot.waitUntil(lambda: bar.count.text() == "No match", timeout=3000)
    assert view.viewport().grab(view.visualRect(ix)).toImage() != with_mark
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and view._delegate.highlight == ""


def test_part_of_a_message_can_be_selected_and_copied(qtbot, window: MainWindow, backend: FakeBackend) -> None:
    """The context menu's "Select text…" shows the message in a text box where any part can be
    selected (mouse or keyboard) and copied; with nothing selected the whole text is copied."""
    alice = backend.add_friend_direct("Alice")
    window.select_friend(alice)
    backend.deliver(alice, "the code is 4711, see you at nine")
    qtbot.waitUntil(lambda: window.chat_view.model().rowCount() == 1, timeout=2000)
    view = window.chat_view
    dlg = view.select_text(view.model().index(0, 0))
    box = dlg.text_box  # type: ignore[attr-defined]
    assert box.isReadOnly() and box.toPlainText() == "the code is 4711, see you at nine"
    cursor = box.textCursor()
    cursor.setPosition(len("the code is "))
    cursor.setPosition(len("the code is 4711"), QTextCursor.MoveMode.KeepAnchor)
    box.setTextCursor(cursor)
    dlg.copy_button.click()  # type: ignore[attr-defined]
    assert QGuiApplication.clipboard().text() == "4711"
    cursor.clearSelection()
    box.setTextCursor(cursor)
    dlg.copy_button.click()  # type: ignore[attr-defined]
    assert QGuiApplication.clipboard().text() == "the code is 4711, see you at nine"
    dlg.close()
