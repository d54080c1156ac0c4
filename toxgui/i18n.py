"""Translations: compile translations/*.ts to .qm (pyside6-lrelease) and install translators.

Only the .ts files are kept in the source tree. `compile_translations` turns them into .qm files
in a build directory (``build/i18n`` in a source checkout, else the user cache), recompiling a
file whenever its .ts is newer. `install_translators` does that on demand and installs toxgui's
translator plus Qt's own (``qtbase_xx.qm``, for standard dialogs) for the chosen locale.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

_ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS_DIR = _ROOT / "translations"
APP_PREFIX = "toxgui"
_installed: list[QTranslator] = []


def default_build_dir() -> Path:
    """``build/i18n`` next to the source tree when writable, else the user cache folder."""
    candidate = _ROOT / "build" / "i18n"
    try:
        candidate.mkdir(parents=True, exist_ok=True)
        if os.access(candidate, os.W_OK):
            return candidate
    except OSError:
        pass
    from platformdirs import user_cache_path

    path = user_cache_path("toxgui", appauthor=False) / "i18n"
    path.mkdir(parents=True, exist_ok=True)
    return path


def lrelease_command() -> list[str] | None:
    """How to run lrelease: the pyside6-lrelease next to this Python, on PATH, or PySide6's own."""
    here = Path(sys.executable).parent / "pyside6-lrelease"
    if here.exists():
        return [str(here)]
    found = shutil.which("pyside6-lrelease")
    if found:
        return [found]
    try:
        import PySide6

        binary = Path(PySide6.__file__).parent / "lrelease"
        if binary.exists():
            return [str(binary)]
    except ImportError:  # pragma: no cover
        pass
    return None


def ts_files(ts_dir: Path = TRANSLATIONS_DIR) -> list[Path]:
    return sorted(ts_dir.glob(f"{APP_PREFIX}_*.ts"))


def available_languages(ts_dir: Path = TRANSLATIONS_DIR) -> list[str]:
    return [p.stem.split("_", 1)[1] for p in ts_files(ts_dir)]


def compile_translations(
    ts_dir: Path = TRANSLATIONS_DIR, out_dir: Path | None = None, force: bool = False
) -> list[Path]:
    """Compile every toxgui_*.ts whose .qm is missing or older; returns the .qm paths present."""
    out = out_dir or default_build_dir()
    out.mkdir(parents=True, exist_ok=True)
    result = []
    cmd = None
    for ts in ts_files(ts_dir):
        qm = out / (ts.stem + ".qm")
        if force or not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            cmd = cmd or lrelease_command()
            if cmd is None:
                log.warning("pyside6-lrelease not found; %s stays untranslated", ts.name)
                continue
            proc = subprocess.run(
                [*cmd, "-silent", str(ts), "-qm", str(qm)], capture_output=True, text=True, check=False
            )
            if proc.returncode != 0 or not qm.exists():
                log.warning("lrelease failed for %s: %s", ts.name, proc.stderr.strip())
                continue
        result.append(qm)
    return result


def remove_translators(app: QCoreApplication) -> None:
    """Remove the translators `install_translators` installed."""
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()


def install_translators(
    app: QCoreApplication, language: str | None = None, qm_dir: Path | None = None
) -> list[QTranslator]:
    """Install translators for `language` (e.g. "de"; None = the system locale).

    Idempotent: translators from an earlier call are removed first. When there is no toxgui
    translation for the locale, the English one is used, which only supplies plural forms
    ("1 node" / "2 nodes"); the source texts are English already.
    """
    remove_translators(app)
    locale = QLocale(language) if language else QLocale.system()
    try:
        qm_paths = compile_translations(out_dir=qm_dir)
    except OSError as e:
        log.warning("cannot compile translations: %s", e)
        qm_paths = []
    directory = str(qm_dir or (qm_paths[0].parent if qm_paths else default_build_dir()))
    ours = QTranslator(app)
    if ours.load(locale, APP_PREFIX, "_", directory) or ours.load(QLocale("en"), APP_PREFIX, "_", directory):
        app.installTranslator(ours)
        _installed.append(ours)
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return list(_installed)
