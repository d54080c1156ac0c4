"""`toxgui --install-desktop`: the menu entry, icon, metainfo and the tox: link handler, installed
for a user whose HOME and XDG base directories are the test's temporary folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from toxgui import desktop
from toxgui.desktop import APP_ID, DESKTOP_FILE, exec_value, install_desktop, launch_command, set_default_handler

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "toxgui" / "resources" / "linux"
TOX_LINE = f"x-scheme-handler/tox={DESKTOP_FILE};"
# What the cache tools beside install_desktop may add (update-desktop-database, gtk-update-icon-cache).
CACHES = {"mimeinfo.cache", "icon-theme.cache"}

EXISTING_MIMEAPPS = """\
[Added Associations]
text/plain=org.example.Editor.desktop;

[Default Applications]
text/html=org.example.Browser.desktop;
x-scheme-handler/tox=org.example.OtherTox.desktop;
x-scheme-handler/mailto=org.example.Mail.desktop;

[Removed Associations]
image/png=org.example.Viewer.desktop;
"""


def require_tool(name: str) -> str:
    """The tool's path; without it the test is skipped, or fails in CI (which installs it)."""
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed (CI installs it)")
        pytest.skip(f"{name} not installed")
    return found


@pytest.fixture
def homes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """HOME, XDG_DATA_HOME and XDG_CONFIG_HOME in tmp_path (created empty)."""
    dirs = {"HOME": tmp_path / "home", "XDG_DATA_HOME": tmp_path / "data", "XDG_CONFIG_HOME": tmp_path / "config"}
    for var, path in dirs.items():
        path.mkdir()
        monkeypatch.setenv(var, str(path))
    return dirs


def files_under(*roots: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for root in roots for p in sorted(root.rglob("*")) if p.is_file()}


def unescape_exec(value: str) -> list[str]:
    """The inverse of the Desktop Entry specification's Exec rules (string escapes, then quoting)."""
    plain, i = [], 0
    escapes = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value) and value[i + 1] in escapes:
            plain.append(escapes[value[i + 1]])
            i += 2
        else:
            plain.append(value[i])
            i += 1
    text = "".join(plain)
    args: list[str] = []
    current: list[str] | None = None
    quoted = False
    i = 0
    while i < len(text):
        c = text[i]
        if quoted:
            if c == "\\" and i + 1 < len(text):
                current.append(text[i + 1])  # type: ignore[union-attr]
                i += 1
            elif c == '"':
                quoted = False
            else:
                current.append(c)  # type: ignore[union-attr]
        elif c == " ":
            if current is not None:
                args.append("".join(current))
                current = None
        elif c == '"':
            quoted = True
            current = current if current is not None else []
        else:
            current = current if current is not None else []
            current.append(c)
        i += 1
    assert not quoted, f"unterminated quote in {value!r}"
    if current is not None:
        args.append("".join(current))
    return [a.replace("%%", "%") for a in args]


def exec_line(entry: Path) -> list[str]:
    (line,) = [x for x in entry.read_text(encoding="utf-8").splitlines() if x.startswith("Exec=")]
    return unescape_exec(line.removeprefix("Exec="))


def imported_toxgui(argv: list[str], cwd: Path) -> Path:
    """Which toxgui package the program the entry starts would import: the interpreter behind it
    (python -m toxgui, or a script's #! line) asked from a neutral folder, without PYTHONPATH."""
    if argv[1:] == ["-m", "toxgui"]:
        python = argv[0]
    else:
        assert len(argv) == 1, argv
        first = Path(argv[0]).read_bytes().split(b"\n", 1)[0].decode()
        assert first.startswith("#!"), f"{argv[0]} is not a script"
        python = first[2:].strip().split()[0]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    done = subprocess.run(
        [python, "-c", "import toxgui; print(toxgui.__file__)"],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    return Path(done.stdout.strip()).resolve()


def test_install_puts_every_file_in_place(homes: dict[str, Path], tmp_path: Path) -> None:
    data, config = homes["XDG_DATA_HOME"], homes["XDG_CONFIG_HOME"]
    written = install_desktop()
    entry = data / "applications" / DESKTOP_FILE
    icon = data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    meta = data / "metainfo" / f"{APP_ID}.metainfo.xml"
    mimeapps = config / "mimeapps.list"
    assert written == [entry, icon, meta, mimeapps]
    assert icon.read_bytes() == (LINUX / "icons" / f"{APP_ID}.svg").read_bytes()
    assert meta.read_bytes() == (LINUX / f"{APP_ID}.metainfo.xml").read_bytes()
    assert mimeapps.read_text(encoding="utf-8") == f"[Default Applications]\n{TOX_LINE}\n"
    # The entry is the shipped one but for its Exec line, which starts this toxgui.
    shipped = (LINUX / DESKTOP_FILE).read_text(encoding="utf-8").splitlines()
    installed = entry.read_text(encoding="utf-8").splitlines()
    assert [x for x in installed if not x.startswith("Exec=")] == [x for x in shipped if not x.startswith("Exec=")]
    argv = exec_line(entry)
    assert argv[-1] == "%u"
    assert imported_toxgui(argv[:-1], tmp_path) == ROOT / "toxgui" / "__init__.py"
    for path in (entry, icon, meta):
        assert path.stat().st_mode & 0o777 == 0o644
    subprocess.run([require_tool("desktop-file-validate"), str(entry)], check=True, timeout=60)
    # Nothing else was touched, nothing temporary was left.
    found = files_under(homes["HOME"], data, config)
    assert {p.name for p in found} - {p.name for p in written} <= CACHES
    assert not [p for p in found if p.name.startswith(".")]


def test_existing_mimeapps_entries_are_kept(homes: dict[str, Path]) -> None:
    mimeapps = homes["XDG_CONFIG_HOME"] / "mimeapps.list"
    mimeapps.write_text(EXISTING_MIMEAPPS, encoding="utf-8")
    mimeapps.chmod(0o600)
    install_desktop()
    assert mimeapps.read_text(encoding="utf-8") == EXISTING_MIMEAPPS.replace(
        "x-scheme-handler/tox=org.example.OtherTox.desktop;\n"
        "x-scheme-handler/mailto=org.example.Mail.desktop;\n",
        f"x-scheme-handler/mailto=org.example.Mail.desktop;\n{TOX_LINE}\n",
    )
    assert mimeapps.stat().st_mode & 0o777 == 0o600  # the user's permissions stay


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("", f"[Default Applications]\n{TOX_LINE}\n"),
        # a file without the section: it is added after the others, one blank line apart
        ("[Added Associations]\ntext/plain=a.desktop;\n\n\n",
         f"[Added Associations]\ntext/plain=a.desktop;\n\n[Default Applications]\n{TOX_LINE}\n"),
        # the section last, without a final newline
        ("[Default Applications]\ntext/html=b.desktop;", f"[Default Applications]\ntext/html=b.desktop;\n{TOX_LINE}\n"),
        # comments and an entry of ours already there
        (f"# mine\n[Default Applications]\n{TOX_LINE}\n# end\n", f"# mine\n[Default Applications]\n# end\n{TOX_LINE}\n"),
    ],
)
def test_set_default_handler(tmp_path: Path, before: str, after: str) -> None:
    mimeapps = tmp_path / "mimeapps.list"
    if before:
        mimeapps.write_text(before, encoding="utf-8")
    set_default_handler(mimeapps, "x-scheme-handler/tox", DESKTOP_FILE)
    assert mimeapps.read_text(encoding="utf-8") == after
    set_default_handler(mimeapps, "x-scheme-handler/tox", DESKTOP_FILE)
    assert mimeapps.read_text(encoding="utf-8") == after


def test_a_symlinked_mimeapps_list_stays_a_symlink(homes: dict[str, Path], tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "mimeapps.list"
    real.parent.mkdir()
    real.write_text("[Default Applications]\ntext/html=b.desktop;\n", encoding="utf-8")
    link = homes["XDG_CONFIG_HOME"] / "mimeapps.list"
    link.symlink_to(real)
    install_desktop()
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_text(encoding="utf-8") == f"[Default Applications]\ntext/html=b.desktop;\n{TOX_LINE}\n"


def test_installing_twice_changes_nothing(homes: dict[str, Path]) -> None:
    mimeapps = homes["XDG_CONFIG_HOME"] / "mimeapps.list"
    mimeapps.write_text(EXISTING_MIMEAPPS, encoding="utf-8")
    roots = (homes["HOME"], homes["XDG_DATA_HOME"], homes["XDG_CONFIG_HOME"])
    first = install_desktop()
    after_first = files_under(*roots)
    assert install_desktop() == first
    after_second = files_under(*roots)
    assert after_second == after_first
    assert mimeapps.read_text(encoding="utf-8").count("x-scheme-handler/tox=") == 1


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    homes: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = homes["XDG_DATA_HOME"] / "applications" / DESKTOP_FILE
    entry.parent.mkdir(parents=True)
    entry.write_text("[Desktop Entry]\nName=old\n", encoding="utf-8")
    real_replace = os.replace

    def failing_replace(src: str, dst: str | os.PathLike[str]) -> None:
        if Path(dst) == entry:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(desktop.os, "replace", failing_replace)
    with pytest.raises(OSError, match="No space left"):
        install_desktop()
    assert entry.read_text(encoding="utf-8") == "[Desktop Entry]\nName=old\n"
    assert [p.name for p in entry.parent.iterdir()] == [DESKTOP_FILE]


def test_relative_xdg_directories_are_ignored(homes: dict[str, Path], monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_DATA_HOME", "data-relative")
    monkeypatch.setenv("XDG_CONFIG_HOME", "config-relative")
    written = install_desktop()
    home = homes["HOME"]
    assert written[0] == home / ".local" / "share" / "applications" / DESKTOP_FILE
    assert written[-1] == home / ".config" / "mimeapps.list"
    assert not (tmp_path / "data-relative").exists() and not (tmp_path / "config-relative").exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["/opt/toxgui/toxgui"],
        ["/home/sam/My Apps/venv/bin/python", "-m", "toxgui"],
        ['/srv/odd "quoted" $HOME `x` back\\slash 100%/toxgui'],
        ["/tmp/it's (here)/toxgui", "--flag=a;b"],
    ],
)
def test_exec_value_quotes_as_the_desktop_entry_specification_says(
    argv: list[str], homes: dict[str, Path]
) -> None:
    assert unescape_exec(exec_value(argv)) == argv
    written = install_desktop(argv)
    entry = written[0]
    assert exec_line(entry) == [*argv, "%u"]
    subprocess.run([require_tool("desktop-file-validate"), str(entry)], check=True, timeout=60)


def test_launch_command_is_this_installation(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # A `toxgui` on PATH that belongs to another installation is never chosen.
    other = tmp_path / "other-bin"
    other.mkdir()
    (other / "toxgui").write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    (other / "toxgui").chmod(0o755)
    monkeypatch.setenv("PATH", f"{other}:{os.environ.get('PATH', '')}")
    monkeypatch.setattr(sys, "argv", [str(ROOT / "toxgui" / "__main__.py")])
    bare = tmp_path / "interp" / "bin"
    bare.mkdir(parents=True)
    monkeypatch.setattr(sys, "executable", str(bare / "python3"))
    assert launch_command() == [str(bare / "python3"), "-m", "toxgui"]
    # The toxgui script installed beside the interpreter (a virtual environment, pipx).
    (bare / "toxgui").write_text("#!/bin/sh\n", encoding="utf-8")
    (bare / "toxgui").chmod(0o755)
    assert launch_command() == [str(bare / "toxgui")]
    # Started as the toxgui script: that script.
    started = tmp_path / "started" / "toxgui"
    started.parent.mkdir()
    started.write_text("#!/bin/sh\n", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", [str(started)])
    assert launch_command() == [str(started.resolve())]


def test_command_line_install_desktop(tmp_path: Path) -> None:
    dirs = {"HOME": tmp_path / "home", "XDG_DATA_HOME": tmp_path / "data", "XDG_CONFIG_HOME": tmp_path / "config"}
    for path in dirs.values():
        path.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONHOME",)}
    env.update({k: str(v) for k, v in dirs.items()}, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "toxgui", "--install-desktop"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    data, config = dirs["XDG_DATA_HOME"], dirs["XDG_CONFIG_HOME"]
    expected = [
        data / "applications" / DESKTOP_FILE,
        data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        data / "metainfo" / f"{APP_ID}.metainfo.xml",
        config / "mimeapps.list",
    ]
    assert done.stdout.splitlines() == [f"installed {p}" for p in expected]
    assert all(p.is_file() for p in expected)
    assert TOX_LINE in (config / "mimeapps.list").read_text(encoding="utf-8").splitlines()
    assert imported_toxgui(exec_line(expected[0])[:-1], tmp_path) == ROOT / "toxgui" / "__init__.py"
