"""Day-one conveniences: the unsent draft stays with its chat, and friends can get a local
nickname."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.gui.fake_backend import FakeBackend
from toxgui.models.session import Session
from toxgui.models.settings import AppSettings
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
    assert "Set a nickname…" in texts
