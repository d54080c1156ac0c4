"""Translations: the compiled .qm catalogues shipped inside the package, and installing them.

`toxgui/translations/` holds the sources (`toxgui_*.ts`, Qt Linguist) and, committed next to
them, the compiled catalogues (`toxgui_*.qm`) the app loads at run time, so an installed wheel
needs no Qt tools. `compile_translations` rebuilds the .qm files with `pyside6-lrelease`
(`make translations`); `tests/gui/test_i18n.py` fails when a committed .qm differs from what
its .ts compiles to. `install_translators` installs toxgui's translator plus Qt's own
(``qtbase_xx.qm``, for standard dialogs) for the chosen locale.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
APP_PREFIX = "toxgui"
_installed: list[QTranslator] = []


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


def qm_files(qm_dir: Path = TRANSLATIONS_DIR) -> list[Path]:
    return sorted(qm_dir.glob(f"{APP_PREFIX}_*.qm"))


def available_languages(qm_dir: Path = TRANSLATIONS_DIR) -> list[str]:
    """Languages with a compiled catalogue shipped in the package."""
    return [p.stem.split("_", 1)[1] for p in qm_files(qm_dir)]


def compile_translations(
    ts_dir: Path = TRANSLATIONS_DIR, out_dir: Path | None = None, force: bool = False
) -> list[Path]:
    """Compile every toxgui_*.ts whose .qm is missing or older; returns the .qm paths present.

    By default the .qm files are written next to the .ts (the catalogues shipped in the package).
    """
    out = out_dir or ts_dir
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
    directory = str(qm_dir or TRANSLATIONS_DIR)
    ours = QTranslator(app)
    if ours.load(locale, APP_PREFIX, "_", directory) or ours.load(QLocale("en"), APP_PREFIX, "_", directory):
        app.installTranslator(ours)
        _installed.append(ours)
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return list(_installed)
