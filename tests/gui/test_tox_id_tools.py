"""My Tox ID: make a new one (a new nospam, after a warning that requests to the old ID stop
arriving) and save its QR code as a PNG."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.gui.fake_backend import FakeBackend
from toxgui.app.service import ClientOptions, ToxClient
from toxgui.core.toxid import ToxId
from toxgui.models.session import Session
from toxgui.models.settings import AppSettings
from toxgui.store.profile import Profile
from toxgui.ui.dialogs.add_friend import AddFriendDialog
from toxgui.ui.main_window import MainWindow
from toxgui.ui.qr import qr_png, tox_uri


@pytest.fixture
def window(qtbot, session: Session, tmp_path: Path) -> MainWindow:
    w = MainWindow(session, AppSettings(tmp_path / "config"))
    qtbot.addWidget(w)
    w.show()
    return w


def _danger(box: QMessageBox):  # type: ignore[no-untyped-def]
    return next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)


def test_new_tox_id_warns_then_changes_the_nospam(window: MainWindow, backend: FakeBackend) -> None:
    dlg = window.open_add_friend(AddFriendDialog.TAB_MY_ID)
    old = backend.tox_id
    assert dlg.nospam_btn.isVisibleTo(dlg)
    box = dlg.confirm_new_id()
    assert "no longer arrive" in box.informativeText()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert backend.tox_id == old
    box = dlg.confirm_new_id()
    _danger(box).click()
    new = backend.tox_id
    assert new != old
    assert ToxId.parse(new).public_key == ToxId.parse(old).public_key  # same key, new nospam
    assert dlg.my_id.text().replace("\n", "") == new.upper()
    assert dlg.qr.toolTip() == tox_uri(new)
    assert dlg.copied.text() == "New Tox ID made. The old one no longer works."
    dlg.copy_btn.click()
    assert QApplication.clipboard().text() == new.upper()


def test_save_qr_code_as_png(window: MainWindow, backend: FakeBackend, tmp_path: Path) -> None:
    dlg = window.open_add_friend(AddFriendDialog.TAB_MY_ID)
    folder = tmp_path / "pictures"
    folder.mkdir()
    out = folder / "my id.png"
    assert dlg.save_qr(str(out))
    data = out.read_bytes()
    assert data == qr_png(tox_uri(backend.tox_id.upper()), scale=8)  # the code of our current ID
    img = QImage()
    assert img.loadFromData(data, "PNG") and img.width() == img.height() >= 200
    assert dlg.copied.text() == "QR code saved."
    _danger(dlg.confirm_new_id()).click()
    assert dlg.save_qr(str(out))
    assert out.read_bytes() == qr_png(tox_uri(backend.tox_id.upper()), scale=8) != data
    assert list(folder.iterdir()) == [out]  # no temporary file left


def test_save_qr_to_an_unwritable_place_says_so(window: MainWindow, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    dlg = window.open_add_friend(AddFriendDialog.TAB_MY_ID)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    assert not dlg.save_qr(str(tmp_path / "missing" / "dir" / "qr.png"))
    assert warned and "could not be saved" in warned[0]


def test_service_nospam_change_is_saved(tmp_path: Path) -> None:
    path = tmp_path / "me.tox"
    profile = Profile.create(path, name="Me")
    client = ToxClient(profile, ClientOptions(lan_discovery=False))
    try:
        old = str(client.tox_id)
        client.set_nospam(b"\x11\x22\x33\x44")
        assert str(client.tox_id) == str(ToxId(client.public_key, b"\x11\x22\x33\x44")) != old
        client.save()
    finally:
        profile.close()
    with Profile.load(path) as again:
        assert again.savedata.nospam == b"\x11\x22\x33\x44"
