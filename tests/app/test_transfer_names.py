"""Peers' file names made safe for the download folder, and names never reused."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toxgui.app.transfers import free_name, safe_filename


@pytest.mark.parametrize(
    ("offered", "safe"),
    [
        ("../../x", "_.._x"),
        ("/etc/passwd", "_etc_passwd"),
        ("a/b", "a_b"),
        ("a\\b", "a_b"),
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("LPT9.log", "_LPT9.log"),
        ("\x1b[31mred\nline", "_[31mred_line"),
        ("", "file"),
        (".", "file"),
        ("...", "file"),
        (".bashrc", "bashrc"),
        ("photo.jpg", "photo.jpg"),
        ("naïve résumé.pdf", "naïve résumé.pdf"),
    ],
)
def test_hostile_names(offered: str, safe: str) -> None:
    assert safe_filename(offered) == safe


def test_long_name_keeps_its_extension() -> None:
    name = safe_filename("é" * 300 + ".tar.gz")
    assert len(name.encode()) <= 255 and name.endswith(".gz") and name.startswith("é")


@given(st.text(max_size=400))
def test_any_name_is_one_plain_file_name(offered: str) -> None:
    name = safe_filename(offered)
    assert name and name not in (".", "..") and not name.startswith(".")
    assert not any(c in name for c in "/\\\0")
    assert not any(unicodedata.category(c)[0] == "C" or unicodedata.category(c) in ("Zl", "Zp") for c in name)
    assert len(name.encode("utf-8")) <= 255
    assert Path(name).name == name


def test_free_name_never_reuses_a_file(tmp_path: Path) -> None:
    assert free_name(tmp_path, "a.txt") == tmp_path / "a.txt"
    (tmp_path / "a.txt").write_text("1")
    (tmp_path / "a (1).txt").write_text("2")
    assert free_name(tmp_path, "a.txt") == tmp_path / "a (2).txt"
    (tmp_path / "noext").symlink_to(tmp_path / "missing")  # a dangling link counts as taken
    assert free_name(tmp_path, "noext") == tmp_path / "noext (1)"
