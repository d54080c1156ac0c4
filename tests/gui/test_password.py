"""Changing or removing the profile's password from Settings: the service re-encrypts the
profile, the queue and the avatars; the session re-seals the history; a wrong current password
is a translated sentence and changes nothing."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from tests.gui.fake_backend import FakeBackend, key_for
from toxgui import i18n
from toxgui.app.gui_backend import ClientBackend
from toxgui.app.service import ClientOptions, ToxClient
from toxgui.core.encryptsave import PassKey, WrongPassword, is_encrypted
from toxgui.core.toxid import ToxId
from toxgui.models.profiles import history_key
from toxgui.models.session import Session
from toxgui.models.settings import AppSettings
from toxgui.store.history import History, HistoryKeyError, history_path
from toxgui.store.outbox import Outbox, outbox_key
from toxgui.store.profile import Profile
from toxgui.ui.dialogs.password import PasswordDialog
from toxgui.ui.main_window import MainWindow

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 40
# long enough that random ciphertext never holds it by chance (a 2-byte "Me" did, about 1 run in 100)
NAME = "Me, a name to look for in the file"


def test_service_changes_and_removes_the_password(tmp_path: Path) -> None:
    path = tmp_path / "me.tox"
    profile = Profile.create(path, name=NAME, password="old secret")
    client = ToxClient(profile, ClientOptions(lan_discovery=False))
    try:
        client.avatars.save(key_for("friend"), PNG)
        assert client.check_password("old secret") and not client.check_password("wrong")
        assert not client.check_password(None)
        client.change_password(client.derive_passkey("new secret"))
        raw = path.read_bytes()
        assert is_encrypted(raw) and NAME.encode() not in raw
        assert client.check_password("new secret") and not client.check_password("old secret")
        assert client.avatars.load(key_for("friend")) == PNG
        assert is_encrypted(client.avatars.path(key_for("friend")).read_bytes())
        client.change_password(None)  # removed: now in the clear, on purpose
        assert not is_encrypted(path.read_bytes()) and client.check_password(None)
        assert client.avatars.path(key_for("friend")).read_bytes() == PNG
    finally:
        profile.close()
    with Profile.load(path) as reopened:
        assert not reopened.encrypted and reopened.savedata.name == NAME.encode()


def test_service_keeps_the_old_file_when_the_save_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "me.tox"
    profile = Profile.create(path, name="Me", password="old secret")
    before = path.read_bytes()
    client = ToxClient(profile, ClientOptions(lan_discovery=False))
    try:
        def refuse(_data: object, **_kw: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr("toxgui.store.profile.atomic_write", lambda *a, **k: refuse(a))
        with pytest.raises(OSError):
            client.change_password(None)
        monkeypatch.undo()
        assert path.read_bytes() == before  # never written in the clear
        assert profile.encrypted and client.check_password("old secret")
    finally:
        profile.close()


@pytest.fixture
def locked(qapp, tmp_path: Path):
    """A session over an encrypted history (password "old secret") and a fake backend."""
    profile_path = tmp_path / "me.tox"
    backend = FakeBackend()
    backend.password = "old secret"
    history = History(history_path(profile_path), key=history_key(profile_path, "old secret"))
    pk = backend.add_friend_direct("Bob")
    history.add_incoming(pk, "the secret plan")
    session = Session(backend, history)
    yield session, backend, history, profile_path
    session.close()
    history.close()


async def _submit(dlg: PasswordDialog, remove: bool = False) -> str:
    """Click, then wait for the outcome (the dialog deletes itself once it succeeded, so the
    slot is never disconnected by hand)."""
    fut: asyncio.Future[str] = asyncio.get_running_loop().create_future()
    dlg.finished_change.connect(lambda r: fut.done() or fut.set_result(r))
    if remove:
        assert dlg.remove_btn is not None
        dlg.remove_btn.click()
    else:
        dlg.change_btn.click()
    return await asyncio.wait_for(fut, 20)


async def test_change_password_from_settings(qtbot, locked, tmp_path: Path) -> None:
    session, backend, history, profile_path = locked
    w = MainWindow(session, AppSettings(tmp_path / "config"))
    qtbot.addWidget(w)
    settings = w.open_settings()
    assert settings.profile_box.isVisibleTo(settings)
    assert settings.password_state.text() == "The profile and its history are encrypted with a password."
    dlg = settings.open_password()
    assert dlg is not None and dlg.current.isVisibleTo(dlg)
    # a wrong current password: a clear sentence, nothing changed
    dlg.current.setText("wrong")
    dlg.new.setText("new secret")
    dlg.repeat.setText("new secret")
    assert await _submit(dlg) == ""
    assert dlg.error.text() == "Wrong password. Check it (capital letters count) and try again."
    assert backend.password == "old secret" and dlg.isVisible()
    # the two new passwords must agree (checked before any work)
    dlg.current.setText("old secret")
    dlg.repeat.setText("new secreT")
    dlg.change_btn.click()
    assert dlg.error.text() == "The two new passwords differ."
    assert dlg.task is not None and dlg.task.done()  # only the first (wrong password) attempt ran
    dlg.repeat.setText("new secret")
    assert await _submit(dlg) == "changed"
    assert backend.password == "new secret"
    history.close()
    with pytest.raises(HistoryKeyError):
        History(history_path(profile_path), key=history_key(profile_path, "old secret"))
    reopened = History(history_path(profile_path), key=history_key(profile_path, "new secret"))
    assert [m.text for m in reopened.latest(key_for("Bob"))] == ["the secret plan"]
    session.history = reopened
    # remove it: the history is then stored in the clear, and opens without a key
    dlg = settings.open_password()
    assert dlg is not None
    dlg.current.setText("new secret")
    assert await _submit(dlg, remove=True) == "removed"
    assert backend.password is None
    assert settings.password_state.text() == "The profile and its history are stored unencrypted."
    reopened.close()
    plain = History(history_path(profile_path))
    assert [m.text for m in plain.latest(key_for("Bob"))] == ["the secret plan"]
    plain.close()
    # and set one again on the unencrypted profile: no "current password" field
    session.history = History(history_path(profile_path))
    dlg = settings.open_password()
    assert dlg is not None and not dlg.current.isVisibleTo(dlg) and dlg.remove_btn is None
    dlg.new.setText("third one")
    dlg.repeat.setText("third one")
    assert await _submit(dlg) == "changed"
    assert backend.password == "third one" and session.history.encrypted
    session.history.close()
    settings.close()


async def test_failed_save_puts_the_history_key_back(qtbot, locked) -> None:
    session, backend, history, profile_path = locked
    backend.password_save_fails = True
    with pytest.raises(OSError):
        await session.change_password("old secret", "new secret")
    assert backend.password == "old secret"
    history.close()
    again = History(history_path(profile_path), key=history_key(profile_path, "old secret"))
    assert [m.text for m in again.latest(key_for("Bob"))] == ["the secret plan"]
    again.close()
    session.history = again
    with pytest.raises(WrongPassword):
        await session.change_password("not it", None)


async def test_wrong_password_is_translated(qtbot, locked) -> None:
    session, _backend, _history, _path = locked
    app = QApplication.instance()
    assert app is not None
    try:
        i18n.install_translators(app, "de")
        dlg = PasswordDialog(session)
        qtbot.addWidget(dlg)
        dlg.current.setText("falsch")
        dlg.new.setText("x1")
        dlg.repeat.setText("x1")
        assert await _submit(dlg) == ""
        assert dlg.error.text().startswith("Falsches Passwort")
    finally:
        i18n.remove_translators(app)


async def test_real_backend_and_session_change_everything(qapp, tmp_path: Path) -> None:
    """Through the GUI's real adapter: profile, queued message, avatar and history all open with
    the new password afterwards, and none with the old one."""
    path = tmp_path / "me.tox"
    profile = Profile.create(path, name="Me", password="old secret")
    client = ToxClient(profile, ClientOptions(lan_discovery=False))
    backend = ClientBackend(client)
    history = History(history_path(path), key=history_key(path, "old secret"))
    session = Session(backend, history)
    try:
        friend = key_for("friend")
        backend.add_friend(str(ToxId(friend, b"\1\2\3\4")), "hi, it's me")
        session.send_text(friend, "waits in the queue")
        client.save_queue()
        client.avatars.save(friend, PNG)
        assert session.encrypted and session.can_change_password()
        with pytest.raises(WrongPassword):
            await session.change_password("wrong", "new secret")
        await session.change_password("old secret", "new secret")
    finally:
        session.close()
        history.close()
        profile.close()
    with pytest.raises(WrongPassword):
        Profile.load(path, password="old secret")
    with Profile.load(path, password="new secret") as p:
        key = p.passkey
        assert key is not None and [f.public_key for f in p.savedata.friends] == [friend]
        queued = Outbox(path, outbox_key(key.key)).load()
        assert [m[2] for m in queued[friend]] == [b"waits in the queue"]
        assert is_encrypted(client.avatars.path(friend).read_bytes())
        assert client.avatars.load(friend) == PNG and isinstance(client.avatars.passkey, PassKey)
    with pytest.raises(HistoryKeyError):
        History(history_path(path), key=history_key(path, "old secret"))
    with History(history_path(path), key=history_key(path, "new secret")) as h:
        assert [m.text for m in h.latest(friend)] == ["waits in the queue"]
