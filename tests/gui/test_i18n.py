"""Translations: every catalogue is complete, current and plural-correct, compiles, is shipped
compiled, and is used."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from toxgui import i18n
from toxgui.core.encryptsave import WrongPassword
from toxgui.models.contacts import fmt_ago
from toxgui.models.plurals import counts
from toxgui.models.profiles import load_problem
from toxgui.models.session import Session
from toxgui.models.settings import AppSettings
from toxgui.ui.dialogs.settings import SettingsDialog
from toxgui.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
DE = ROOT / "toxgui" / "translations" / "toxgui_de.ts"
CATALOGUES = sorted((ROOT / "toxgui" / "translations").glob("toxgui_*.ts"))
TRANSLATED = [p for p in CATALOGUES if p.stem != "toxgui_en"]  # en carries only plural forms
PLURAL_FORMS = {"de": 2, "en": 2, "es": 2, "fr": 2}  # Qt's plural rules for these languages


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    out = {}
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            out[(name, msg.findtext("source") or "")] = msg
    return out


def test_translated_languages() -> None:
    assert [p.stem.split("_", 1)[1] for p in TRANSLATED] == ["de", "es", "fr"]


@pytest.mark.parametrize("ts", TRANSLATED, ids=lambda p: p.stem)
def test_catalogue_is_complete_with_placeholders(ts: Path) -> None:
    msgs = _messages(ts)
    assert len(msgs) > 250
    for (ctx, src), msg in msgs.items():
        tr = msg.find("translation")
        assert tr is not None and tr.get("type") is None, (ctx, src)
        forms = [f.text or "" for f in tr.iter("numerusform")] if msg.get("numerus") == "yes" else [tr.text or ""]
        assert all(f.strip() for f in forms), (ctx, src)
        wanted = set(re.findall(r"%\d|%n", src))
        for form in forms:
            assert set(re.findall(r"%\d|%n", form)) == wanted, (ctx, src, form)


@pytest.mark.parametrize("ts", CATALOGUES, ids=lambda p: p.stem)
def test_numeric_messages_have_all_plural_forms(ts: Path) -> None:
    """A message with a count (%n) is a plural message with every form of its language filled
    (pyside6-lupdate makes one only from `self.tr(text, "", n)`: see toxgui/models/plurals.py)."""
    lang = ts.stem.split("_", 1)[1]
    for (ctx, src), msg in _messages(ts).items():
        if "%n" not in src:
            continue
        assert msg.get("numerus") == "yes", f"{ts.name}: {ctx}: {src!r} has no plural forms"
        tr = msg.find("translation")
        assert tr is not None and tr.get("type") is None, (ctx, src)
        forms = [f.text or "" for f in tr.iter("numerusform")]
        assert len(forms) == PLURAL_FORMS[lang] and all(f.strip() for f in forms), (ts.name, ctx, src, forms)
        assert all("%n" in f for f in forms), (ts.name, ctx, src, forms)


def test_catalogue_matches_the_code(tmp_path: Path) -> None:
    """Every translatable string in the code is in every catalogue, and nothing stale is."""
    lupdate = Path(i18n.lrelease_command()[0]).with_name("pyside6-lupdate")  # type: ignore[index]
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate not available")
    sources = sorted(str(p) for d in ("toxgui/ui", "toxgui/models") for p in (ROOT / d).rglob("*.py"))
    fresh = tmp_path / "fresh.ts"
    subprocess.run([str(lupdate), *sources, "-silent", "-ts", str(fresh)], check=True, cwd=ROOT)
    for ts in CATALOGUES:
        assert set(_messages(fresh)) == set(_messages(ts)), ts.name


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
    assert {p.name for p in qms} >= {"toxgui_de.qm", "toxgui_en.qm", "toxgui_es.qm", "toxgui_fr.qm"}
    assert i18n.available_languages() == ["de", "en", "es", "fr"]
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


@pytest.mark.parametrize(("lang", "one", "five", "days"), [
    ("de", "vor 1 s", "vor 5 s", "vor 3 Tagen"),
    ("fr", "il y a 1 s", "il y a 5 s", "il y a 3 jours"),
    ("es", "hace 1 s", "hace 5 s", "hace 3 días"),
    ("en", "1 s ago", "5 s ago", "3 days ago"),
])
def test_counts_use_plural_forms(qapp, lang: str, one: str, five: str, days: str) -> None:
    try:
        assert i18n.install_translators(qapp, lang) or lang == "en"
        assert counts().seconds_ago(1) == one
        assert fmt_ago(5) == five
        assert fmt_ago(3 * 86400 + 5) == days
        if lang == "de":
            assert fmt_ago(86400 + 5) == "vor 1 Tag"
            assert counts().id_too_short(6) == "Zu kurz: Eine Tox-ID hat 76 Zeichen, diese hat 6."
            assert counts().unread(1) == "1 ungelesene Nachricht"
    finally:
        i18n.remove_translators(qapp)


@pytest.mark.parametrize(("lang", "start"), [("en", "Wrong password."), ("de", "Falsches Passwort."),
                                             ("fr", "Mot de passe incorrect."), ("es", "Contraseña incorrecta.")])
def test_wrong_password_is_a_translated_sentence(qapp, lang: str, start: str) -> None:
    try:
        i18n.install_translators(qapp, lang)
        text = load_problem(WrongPassword())
        assert text.startswith(start) and "decrypted" not in text
    finally:
        i18n.remove_translators(qapp)


def test_language_change_says_it_applies_after_restart(qtbot, tmp_path: Path) -> None:
    settings = AppSettings(tmp_path / "cfg")
    dlg = SettingsDialog(settings)
    qtbot.addWidget(dlg)
    dlg.show()
    assert not dlg.language_note.isVisible()
    dlg.language.setCurrentIndex(dlg.language.findData("fr"))
    assert dlg.language_note.isVisible() and "next time" in dlg.language_note.text()
    assert [dlg.language.itemData(i) for i in range(dlg.language.count())] == ["", "en", "de", "es", "fr"]
    dlg.language.setCurrentIndex(0)
    assert not dlg.language_note.isVisible()
