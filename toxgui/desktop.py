"""`toxgui --install-desktop`: the .desktop entry, icon, metainfo and the tox: link handler for
the current user (freedesktop.org base directories), from the copies shipped in the package."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

APP_ID = "io.github.toxgui.ToxGui"
DESKTOP_FILE = f"{APP_ID}.desktop"
TOX_SCHEME = "x-scheme-handler/tox"


def _base_dir(variable: str, default: Path) -> Path:
    """An XDG base directory: the variable when it holds an absolute path (the specification
    says a relative one is invalid and must be ignored), else the default under $HOME."""
    value = os.environ.get(variable, "")
    return Path(value) if os.path.isabs(value) else default


def _data_home() -> Path:
    return _base_dir("XDG_DATA_HOME", Path.home() / ".local" / "share")


def _config_home() -> Path:
    return _base_dir("XDG_CONFIG_HOME", Path.home() / ".config")


def shipped(name: str) -> str:
    """A file of toxgui/resources/linux/ (e.g. "icons/<id>.svg") as text."""
    return resources.files("toxgui").joinpath("resources", "linux", *name.split("/")).read_text(encoding="utf-8")


def launch_command() -> list[str]:
    """How the desktop should start this toxgui (an argument list): this executable when it is a
    `toxgui` script or the self-contained build, else the `toxgui` script installed beside this
    interpreter, else `python -m toxgui` with this interpreter. Never a `toxgui` found on $PATH:
    that may be another installation."""
    argv0 = Path(sys.argv[0])
    if argv0.name == "toxgui" and argv0.is_file():
        return [str(argv0.resolve())]
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).resolve())]
    # Not resolved: a virtual environment's python is a symlink out of the environment.
    beside = Path(sys.executable).parent / "toxgui"
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    return [sys.executable, "-m", "toxgui"]


# Characters that make the Desktop Entry specification's Exec key need a quoted argument.
_EXEC_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")


def exec_value(argv: Sequence[str]) -> str:
    """An argument list as the value of an Exec key (Desktop Entry specification 1.5, "The Exec
    key"): arguments with reserved characters double-quoted with `"`, `` ` ``, `$` and `\\`
    backslash-escaped, `%` doubled, then the string escapes every value gets (`\\`, `\\n`...).
    Shell quoting (single quotes) is not understood there."""
    out = []
    for arg in argv:
        arg = arg.replace("%", "%%")
        if not arg or any(c in _EXEC_RESERVED for c in arg):
            arg = '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'
        out.append(arg)
    value = " ".join(out)
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def _desktop_entry(command: Sequence[str]) -> str:
    lines = []
    for line in shipped(DESKTOP_FILE).splitlines():
        if line.startswith("Exec="):
            line = f"Exec={exec_value(command)} %u"
        lines.append(line)
    return "\n".join(lines) + "\n"


def _write(path: Path, text: str, mode: int = 0o644) -> None:
    """Replace `path` atomically: a fresh temporary file beside it, then a rename. Readers see
    the old file or the new one, and a failure leaves the old one and no temporary behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)  # never a planted name
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(name, mode)
        os.replace(name, path)
    finally:
        Path(name).unlink(missing_ok=True)


DEFAULT_APPLICATIONS = "[Default Applications]"


def set_default_handler(mimeapps: Path, mime: str, desktop_id: str) -> None:
    """Make `desktop_id` the default for `mime` in a mimeapps.list, keeping every other line (and
    the file's permissions; a symbolic link, as dotfile managers make, stays one)."""
    if mimeapps.is_symlink():
        mimeapps = mimeapps.resolve()
    try:
        lines = mimeapps.read_text(encoding="utf-8").splitlines()
        mode = stat.S_IMODE(mimeapps.stat().st_mode)
    except FileNotFoundError:
        lines, mode = [], 0o644
    entry = f"{mime}={desktop_id};"
    out: list[str] = []
    section: str | None = None
    done = False

    def add_to_section() -> None:
        # after the section's last entry, before the blank lines that separate it from the next
        at = len(out)
        while at > 0 and not out[at - 1].strip():
            at -= 1
        out.insert(at, entry)

    for line in lines:
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            if section == DEFAULT_APPLICATIONS and not done:
                add_to_section()
                done = True
            section = stripped
        elif section == DEFAULT_APPLICATIONS and stripped.split("=", 1)[0].strip() == mime:
            continue  # our entry replaces it
        out.append(line)
    if not done:
        if section != DEFAULT_APPLICATIONS:
            while out and not out[-1].strip():
                out.pop()
            if out:
                out.append("")
            out.append(DEFAULT_APPLICATIONS)
        add_to_section()
    _write(mimeapps, "\n".join(out) + "\n", mode)


def install_desktop(command: Sequence[str] | None = None) -> list[Path]:
    """Install the entry, icon and metainfo for this user and register toxgui for tox: links.
    `command`: the program and arguments the entry starts (default: `launch_command()`).
    Returns the files written."""
    data = _data_home()
    entry = data / "applications" / DESKTOP_FILE
    icon = data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    meta = data / "metainfo" / f"{APP_ID}.metainfo.xml"
    mimeapps = _config_home() / "mimeapps.list"
    _write(entry, _desktop_entry(command or launch_command()))
    _write(icon, shipped(f"icons/{APP_ID}.svg"))
    _write(meta, shipped(f"{APP_ID}.metainfo.xml"))
    set_default_handler(mimeapps, TOX_SCHEME, DESKTOP_FILE)
    for tool in (["update-desktop-database", "-q", str(entry.parent)],
                 ["gtk-update-icon-cache", "-q", "-t", str(data / "icons" / "hicolor")]):
        if shutil.which(tool[0]):
            subprocess.run(tool, check=False, capture_output=True, timeout=30)
    return [entry, icon, meta, mimeapps]
