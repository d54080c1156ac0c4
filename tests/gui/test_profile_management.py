"""Profile management: rename, delete (after a confirmation), export and import in the profile
chooser, and "Switch profile" from Settings back to the chooser."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.gui.fake_backend import FakeBackend
from toxgui.models.settings import AppSettings
from toxgui.store.history import History, history_path
from toxgui.store.profile import Profile
from toxgui.ui.app_gui import run_gui
from toxgui.ui.dialogs.profile_chooser import OpenedProfile, ProfileChooser
from toxgui.ui.main_window import MainWindow


def _chooser(qtbot, folder: Path) -> ProfileChooser:
    c = ProfileChooser([folder], Profile.create, Profile.load)
    qtbot.addWidget(c)
    return c


def _names(c: ProfileChooser) -> list[str]:
    return [c.profile_list.item(i).text().split("\n")[0] for i in range(c.profile_list.count())]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    f = tmp_path / "profiles"
    f.mkdir()
    Profile.create(f / "alice.tox", name="Alice").close()
    with History(history_path(f / "alice.tox")) as h:
        h.add_incoming(b"\1" * 32, "kept across the rename")
    Profile.create(f / "work.tox", name="Work", password="pw").close()
    return f


def test_rename_moves_the_profile_and_its_history(qtbot, folder: Path) -> None:
    c = _chooser(qtbot, folder)
    c.profile_list.setCurrentRow(_names(c).index("alice"))
    assert c.rename_selected("Alice at home")
    assert "Alice at home" in _names(c) and "alice" not in _names(c)
    assert c.selected_path() == folder / "Alice at home.tox"
    assert not (folder / "alice.tox").exists() and not history_path(folder / "alice.tox").exists()
    with History(history_path(folder / "Alice at home.tox")) as h:
        assert [m.text for m in h.latest(b"\1" * 32)] == ["kept across the rename"]
    with Profile.load(folder / "Alice at home.tox") as p:
        assert p.savedata.name == b"Alice"
    # a name that is taken, an empty one, and an open profile are refused with a sentence
    assert not c.rename_selected("work")
    assert c.open_error.text() == "A profile with that name is already there."
    assert not c.rename_selected("  ")
    assert c.open_error.text() == "Enter a name."
    with Profile.load(folder / "Alice at home.tox"):
        assert not c.rename_selected("elsewhere")
        assert "already open in another program" in c.open_error.text()
    assert (folder / "Alice at home.tox").exists()


def test_delete_asks_first(qtbot, folder: Path) -> None:
    c = _chooser(qtbot, folder)
    c.profile_list.setCurrentRow(_names(c).index("alice"))
    box = c.confirm_delete_selected()
    assert box is not None and "alice" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert (folder / "alice.tox").exists()
    box = c.confirm_delete_selected()
    assert box is not None
    next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole).click()
    assert not (folder / "alice.tox").exists() and not history_path(folder / "alice.tox").exists()
    assert _names(c) == ["work"]


def test_export_and_import(qtbot, folder: Path, tmp_path: Path) -> None:
    c = _chooser(qtbot, folder)
    c.profile_list.setCurrentRow(_names(c).index("work"))
    out = tmp_path / "backup" / "work-copy.tox"
    out.parent.mkdir()
    assert c.export_selected(str(out))
    assert out.read_bytes() == (folder / "work.tox").read_bytes()  # still encrypted
    assert "Saved a copy" in c.manage_note.text()
    # import: not a profile, then a real one, then the same name again
    junk = tmp_path / "notes.tox"
    junk.write_bytes(b"hello")
    assert not c.import_file(str(junk))
    assert c.open_error.text() == "This file is not a Tox profile."
    assert not (folder / "notes.tox").exists()
    assert c.import_file(str(out))
    assert c.selected_path() == folder / "work-copy.tox"
    with Profile.load(folder / "work-copy.tox", password="pw") as p:
        assert p.savedata.name == b"Work"
    assert not c.import_file(str(out))
    assert c.open_error.text() == "A profile with that name is already there."


async def test_switch_profile_goes_back_to_the_chooser(tmp_path: Path) -> None:
    backends: list[FakeBackend] = []
    windows: list[MainWindow] = []

    def factory(opened: OpenedProfile, settings: AppSettings) -> FakeBackend:
        b = FakeBackend(name=opened.data.savedata.name.decode())
        backends.append(b)
        return b

    folder = tmp_path / "profiles"
    Profile.create(folder / "alice.tox", name="Alice").close()
    Profile.create(folder / "bob.tox", name="Bob").close()
    app = QApplication.instance()
    task = asyncio.ensure_future(run_gui(
        app, factory, profile_dirs=[folder], create_profile=Profile.create, load_profile=Profile.load,
        config_dir=tmp_path / "cfg", on_window=windows.append, single_instance=False,
    ))

    async def chooser() -> ProfileChooser:
        for _ in range(500):
            found = next((w for w in app.topLevelWidgets() if isinstance(w, ProfileChooser) and w.isVisible()), None)
            if found:
                return found
            await asyncio.sleep(0.01)
        raise AssertionError("no profile chooser")

    async def window(n: int) -> MainWindow:
        for _ in range(500):
            if len(windows) >= n:
                return windows[n - 1]
            await asyncio.sleep(0.01)
        raise AssertionError("no main window")

    c = await chooser()
    c.profile_list.setCurrentRow(_names(c).index("alice"))
    c.start_load()
    w = await window(1)
    assert w.session.own_name == "Alice"
    settings = w.open_settings()
    settings.logout_btn.click()  # "Switch profile…"
    c = await chooser()
    assert backends[0].closed  # the first profile is closed before the chooser shows
    c.profile_list.setCurrentRow(_names(c).index("bob"))
    c.start_load()
    w = await window(2)
    assert w.session.own_name == "Bob"
    w.request_quit()
    assert await asyncio.wait_for(task, 10) == 0
    assert backends[1].closed


