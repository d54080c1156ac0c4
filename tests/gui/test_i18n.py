"""Translations: the German catalogue is complete and current, compiles, is shipped compiled, and is used."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from toxgui import i18n
from toxgui.models.session import Session
from toxgui.models.settings import AppSettings
from toxgui.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
DE = ROOT / "toxgui" / "translations" / "toxgui_de.ts"


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    out = {}
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            out[(name, msg.findtext("source") or "")] = msg
    return out


def test_german_catalogue_is_complete_with_placeholders() -> None:
    msgs = _messages(DE)
    assert len(msgs) > 150
    for (ctx, src), msg in msgs.items():
        tr = msg.find("translation")
        assert tr is not None and tr.get("type") is None, (ctx, src)
        forms = [f.text or "" for f in tr.iter("numerusform")] if msg.get("numerus") == "yes" else [tr.text or ""]
        assert all(f.strip() for f in forms), (ctx, src)
        wanted = set(re.findall(r"%\d|%n", src))
        for form in forms:
            assert set(re.findall(r"%\d|%n", form)) == wanted, (ctx, src, form)


def test_catalogue_matches_the_code(tmp_path: Path) -> None:
    """Every translatable string in the code is in toxgui_de.ts, and nothing stale is."""
    lupdate = Path(i18n.lrelease_command()[0]).with_name("pyside6-lupdate")  # type: ignore[index]
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate not available")
    sources = sorted(str(p) for d in ("toxgui/ui", "toxgui/models") for p in (ROOT / d).rglob("*.py"))
    fresh = tmp_path / "fresh.ts"
    subprocess.run([str(lupdate), *sources, "-silent", "-ts", str(fresh)], check=True, cwd=ROOT)
    assert set(_messages(fresh)) == set(_messages(DE))


def test_shipped_catalogues_match_their_sources(tmp_path: Path) -> None:
    """The committed .qm files (what the installed app loads) are what their .ts compile to."""
    if i18n.lrelease_command() is None:
        pytest.skip("pyside6-lrelease not available")
    fresh = i18n.compile_translations(out_dir=tmp_path, force=True)
    sources = i18n.ts_files()
    assert [p.stem for p in fresh] == [p.stem for p in sources]
    for qm in fresh:
        shipped = i18n.TRANSLATIONS_DIR / qm.name
        assert shipped.exists(), f"{shipped.name} missing: run `make translations`"
        assert shipped.read_bytes() == qm.read_bytes(), f"{shipped.name} is stale: run `make translations`"
    assert i18n.available_languages() == [p.stem.split("_", 1)[1] for p in sources]


def test_compile_and_install_german(qapp, tmp_path: Path, session: Session) -> None:
    qms = i18n.compile_translations(out_dir=tmp_path)
    assert {p.name for p in qms} >= {"toxgui_de.qm", "toxgui_en.qm"}
    assert i18n.available_languages() == ["de", "en"]
    try:
        installed = i18n.install_translators(qapp, "de", qm_dir=tmp_path)
        assert installed
        tr = QCoreApplication.translate
        assert tr("MainWindow", "Settings") == "Einstellungen"
        assert tr("MainWindow", "%n friend request(s) waiting", None, 1) == "1 Freundschaftsanfrage wartet"
        assert tr("MainWindow", "%n friend request(s) waiting", None, 3) == "3 Freundschaftsanfragen warten"
        w = MainWindow(session, AppSettings(tmp_path / "cfg"))
        assert w.search.placeholderText() == "Kontakte durchsuchen"
        assert w.settings_btn.text() == "Einstellungen"
        w.deleteLater()
        i18n.install_translators(qapp, "en", qm_dir=tmp_path)
        assert tr("MainWindow", "%n friend request(s) waiting", None, 1) == "1 friend request waiting"
        assert tr("MainWindow", "Settings") == "Settings"
    finally:
        i18n.remove_translators(qapp)
    assert QCoreApplication.translate("MainWindow", "Settings") == "Settings"
