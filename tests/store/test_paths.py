"""Profile folder (Tox Client Standard), overrides, listing, app folders."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from toxgui.store import paths


def test_default_is_the_tox_client_standard_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(paths.ENV_PROFILE_DIR, raising=False)
    if sys.platform.startswith("linux"):
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
        assert paths.profile_dir() == tmp_path / "cfg" / "tox"
        monkeypatch.delenv("XDG_CONFIG_HOME")
        assert paths.profile_dir() == Path.home() / ".config" / "tox"
    assert paths.profile_dir().name == "tox"


def test_env_and_argument_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(paths.ENV_PROFILE_DIR, str(tmp_path / "env"))
    assert paths.profile_dir() == tmp_path / "env"
    assert paths.profile_dir(tmp_path / "arg") == tmp_path / "arg"
    assert paths.profile_path("alice", tmp_path) == tmp_path / "alice.tox"


def test_profile_names_are_plain_file_names(tmp_path: Path) -> None:
    for bad in ("", " x", "a/b", "..", ".hidden", "a\\b", "c:d"):
        with pytest.raises(ValueError):
            paths.profile_path(bad, tmp_path)
    assert paths.profile_path("Ålice 2", tmp_path).name == "Ålice 2.tox"


def test_lock_and_history_beside_profile(tmp_path: Path) -> None:
    p = tmp_path / "bob.tox"
    assert paths.lock_path(p) == tmp_path / "bob.lock"
    assert paths.history_path(p) == tmp_path / "bob.db"


def test_list_profiles_includes_other_clients(tmp_path: Path) -> None:
    golden = Path(__file__).parent.parent / "data" / "c-toxcore-v0.2.18-auto_tests-save.tox"
    (tmp_path / "qtox-user.tox").write_bytes(golden.read_bytes())
    (tmp_path / "toxic_profile.tox").write_bytes(b"toxEsave" + bytes(100))
    (tmp_path / "qtox-user.lock").write_text("1\n")
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / ".alice.tox.abc.tmp").write_bytes(b"")
    (tmp_path / "dir.tox").mkdir()
    got = paths.list_profiles(tmp_path)
    assert [(e.name, e.encrypted, e.locked) for e in got] == [
        ("qtox-user", False, True),
        ("toxic_profile", True, False),
    ]
    assert got[0].path == tmp_path / "qtox-user.tox"


def test_list_profiles_missing_folder(tmp_path: Path) -> None:
    assert paths.list_profiles(tmp_path / "nope") == []


def test_app_dirs_under_a_base(tmp_path: Path) -> None:
    d = paths.app_dirs(base=tmp_path)
    assert d.profiles == tmp_path / "tox"
    for p in (d.config, d.data, d.log, d.cache):
        assert p.parent == tmp_path / "toxgui"
    assert len({d.config, d.data, d.log, d.cache}) == 4
    d.ensure()
    for p in (d.profiles, d.config, d.data, d.log, d.cache):
        assert p.is_dir() and tmp_path in p.parents
    assert d.settings_file.parent == d.config


def test_app_dirs_platform(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(paths.ENV_PROFILE_DIR, str(tmp_path))
    d = paths.app_dirs()
    assert d.profiles == tmp_path
    assert d.config.name == "toxgui"
    assert "toxgui" in d.log.parts and "toxgui" in d.cache.parts
