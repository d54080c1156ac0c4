"""A chat's history can be exported (plain text and JSON) and cleared (after a confirmation)
from the chat's menu."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.gui.fake_backend import FakeBackend
from toxgui.models.session import Session
from toxgui.models.settings import AppSettings
from toxgui.store.history import History, HistoryKeyError, Kind, State, derive_key
from toxgui.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, session: Session, tmp_path: Path) -> MainWindow:
    w = MainWindow(session, AppSettings(tmp_path / "config"))
    qtbot.addWidget(w)
    w.show()
    return w


def _chat(session: Session, backend: FakeBackend) -> bytes:
    pk = backend.add_friend_direct("Bob")
    h = session.history
    h.add_incoming(pk, "hello\nsecond line", ts=1_800_000_000)
    m = h.add_outgoing(pk, "hi Bob", ts=1_800_000_010)
    h.mark_sent(m.id, 1)
    h.mark_delivered(pk, 1)
    h.add_incoming(pk, "waves", kind=Kind.ACTION,
                   ts=1_800_000_020)
    h.add_outgoing(pk, "still queued", ts=1_800_000_030)  # not delivered yet
    return pk


def test_chat_menu_offers_export_and_clear(window: MainWindow, backend: FakeBackend) -> None:
    texts = [a.text() for a in window.header.more.menu().actions()]
    assert "Export history…" in texts and "Clear history…" in texts


def test_export_history_as_text_and_json(window: MainWindow, session: Session, backend: FakeBackend,
                                         tmp_path: Path) -> None:
    pk = _chat(session, backend)
    window.select_friend(pk)
    txt = tmp_path / "bob.txt"
    assert window.export_history(pk, str(txt))
    lines = txt.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5
    assert lines[0].endswith("] Bob: hello") and lines[1] == "    second line"
    assert lines[2].endswith("] Alice: hi Bob")
    assert lines[3].endswith("] * Bob waves")
    assert lines[4].endswith("] Alice: still queued")
    assert stat.S_IMODE(txt.stat().st_mode) == 0o600  # private, like the profile
    js = tmp_path / "bob.json"
    assert window.export_history(pk, str(js))  # the format follows the file's ending
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["friend"] == {"name": "Bob", "public_key": pk.hex().upper()}
    msgs = data["messages"]
    assert [m["text"] for m in msgs] == ["hello\nsecond line", "hi Bob", "waves", "still queued"]
    assert [m["direction"] for m in msgs] == ["in", "out", "in", "out"]
    assert [m["state"] for m in msgs] == ["received", "delivered", "received", "pending"]
    assert msgs[2]["kind"] == "action" and msgs[0]["time"] == 1_800_000_000
    # an explicit format wins over the ending; a failing write leaves no file and says so
    other = tmp_path / "export.dat"
    assert window.export_history(pk, str(other), "json")
    assert json.loads(other.read_text(encoding="utf-8"))["version"] == 1
    assert not list(tmp_path.glob(".*.tmp"))  # written atomically: no temporary file left


def test_export_to_an_unwritable_place_says_so(window: MainWindow, session: Session, backend: FakeBackend,
                                               tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pk = _chat(session, backend)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: warned.append(text))
    assert not window.export_history(pk, str(tmp_path / "no" / "such" / "dir" / "x.txt"))
    assert warned and "could not be saved" in warned[0]


def test_clear_history_asks_first_and_keeps_the_queue(window: MainWindow, session: Session,
                                                      backend: FakeBackend) -> None:
    pk = _chat(session, backend)
    window.select_friend(pk)
    chat = session.chat(pk)
    assert len(chat.rows()) == 4
    box = window.confirm_clear_history(pk)
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    assert "Bob" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert session.history.count(pk) == 4
    box = window.confirm_clear_history(pk)
    clear = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    assert clear.property("danger") is True
    clear.click()
    left = chat.rows()
    assert [r.text for r in left] == ["still queued"] and left[0].state == State.PENDING
    assert session.history.count(pk) == 1
    assert session.history.search(pk, "hello") == []
    # the chat view shows what is left
    assert window.chat_view.model().rowCount() == 1


def test_history_rekey_and_clear_in_the_store(tmp_path: Path) -> None:
    """The store under the GUI: re-sealing with a new key, removing the key, clearing a chat."""
    salt = History.kdf_salt(tmp_path / "h.db")
    old, new = derive_key("one", salt), derive_key("two", salt)
    pk = b"\2" * 32
    with History(tmp_path / "h.db", key=old) as h:
        h.add_incoming(pk, "first")
        bad = h.add_incoming(pk, "to be tampered with")
        h.add_outgoing(pk, "queued")
    db = sqlite3.connect(tmp_path / "h.db")
    db.execute("UPDATE messages SET body = X'00' WHERE id = ?", (bad.id,))  # unreadable now
    db.commit()
    db.close()
    with History(tmp_path / "h.db", key=old) as h:
        h.rekey(new)
        assert h.key == new
    with pytest.raises(HistoryKeyError):
        History(tmp_path / "h.db", key=old)
    with History(tmp_path / "h.db", key=new) as h:
        msgs = h.latest(pk)
        assert [m.text for m in msgs if not m.unreadable] == ["first", "queued"]
        assert [m.unreadable for m in msgs] == [False, True, False]  # left as it was
        h.rekey(None)
    assert b"first" in (tmp_path / "h.db").read_bytes()  # in the clear, as asked
    with History(tmp_path / "h.db") as h:
        assert not h.encrypted and h.count(pk) == 3
        texts = [m.text for m in h.all_messages(pk)]  # oldest first
        assert len(texts) == 3 and texts[0] == "first" and texts[-1] == "queued"
        assert h.clear(pk) == 2  # the undelivered outgoing message stays
        assert [m.text for m in h.latest(pk)] == ["queued"]
        assert h.clear(b"\3" * 32) == 0
