"""`toxgui --install-desktop`: the .desktop entry, icon, metainfo and the tox: link handler for
the current user (freedesktop.org base directories), from the copies shipped in the package."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from importlib import resources
from pathlib import Path

APP_ID = "io.github.toxgui.ToxGui"
DESKTOP_FILE = f"{APP_ID}.desktop"
TOX_SCHEME = "x-scheme-handler/tox"


def _data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def _config_home() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")


def shipped(name: str) -> str:
    """A file of toxgui/resources/linux/ (e.g. "icons/<id>.svg") as text."""
    return resources.files("toxgui").joinpath("resources", "linux", *name.split("/")).read_text(encoding="utf-8")


def launch_command() -> str:
    """How the desktop should start this toxgui: this executable when it is a `toxgui` script or
    the self-contained build, else `python -m toxgui` with this interpreter."""
    argv0 = Path(sys.argv[0])
    if argv0.name == "toxgui" and argv0.exists():
        return shlex.quote(str(argv0.resolve()))
    if getattr(sys, "frozen", False):
        return shlex.quote(str(Path(sys.executable).resolve()))
    found = shutil.which("toxgui")
    if found:
        return shlex.quote(str(Path(found).resolve()))
    return f"{shlex.quote(sys.executable)} -m toxgui"


def _desktop_entry(command: str) -> str:
    lines = []
    for line in shipped(DESKTOP_FILE).splitlines():
        if line.startswith("Exec="):
            line = f"Exec={command} %u"
        lines.append(line)
    return "\n".join(lines) + "\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)  # never a planted name
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(name, 0o644)  # a menu entry others may read, like any .desktop file
        os.replace(name, path)
    finally:
        Path(name).unlink(missing_ok=True)


def set_default_handler(mimeapps: Path, mime: str, desktop_id: str) -> None:
    """Make `desktop_id` the default for `mime` in a mimeapps.list, keeping everything else."""
    try:
        lines = mimeapps.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        lines = []
    out: list[str] = []
    section = None
    done = False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            if section == "[Default Applications]" and not done:
                out.append(f"{mime}={desktop_id};")
                done = True
            section = stripped
        elif section == "[Default Applications]" and stripped.split("=", 1)[0].strip() == mime:
            continue  # replaced below
        out.append(line)
    if not done:
        if section != "[Default Applications]":
            if out and out[-1].strip():
                out.append("")
            out.append("[Default Applications]")
        out.append(f"{mime}={desktop_id};")
    _write(mimeapps, "\n".join(out) + "\n")


def install_desktop(command: str | None = None) -> list[Path]:
    """Install the entry, icon and metainfo for this user and register toxgui for tox: links.
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
