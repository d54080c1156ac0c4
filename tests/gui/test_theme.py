"""Light, dark and the system's colour scheme: the palette and style sheet follow the choice,
and text stays readable against its background in both themes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from tests.gui.fake_backend import FakeBackend, key_for
from toxgui.models.session import Session
from toxgui.models.settings import AppSettings
from toxgui.ui import style
from toxgui.ui.dialogs.settings import SettingsDialog
from toxgui.ui.identicon import identicon
from toxgui.ui.main_window import MainWindow

TEXT_MIN = 4.5  # WCAG AA, normal text
UI_MIN = 3.0  # WCAG 1.4.11, graphical objects (dots, stepper, icons) and faint metadata text


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(tmp_path / "config")


@pytest.fixture
def window(qtbot, themed: style.ThemeController, session: Session, settings: AppSettings,
           backend: FakeBackend) -> MainWindow:
    alice = backend.add_friend_direct("Alice", "at work")
    backend.connect(alice)
    w = MainWindow(session, settings)
    qtbot.addWidget(w)
    w.resize(1100, 720)
    w.show()
    qtbot.waitExposed(w)
    w.select_friend(alice)
    session.send_text(alice, "Hello there, this is a message")
    w.toggle_dashboard(True)
    return w


def _text_contrast(widget: QWidget) -> float:
    """The contrast between a widget's background (its most common pixel) and the pixel that
    stands out most from it: the text's full colour where a glyph's stem covers whole pixels."""
    top = widget.window()
    img: QImage = top.grab(QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())).toImage()
    counts: Counter[int] = Counter()
    for y in range(0, img.height()):
        for x in range(0, img.width()):
            counts[img.pixel(x, y)] += 1
    bg = QColor.fromRgb(counts.most_common(1)[0][0])
    best = 1.0
    for rgb in counts:
        best = max(best, style.contrast_ratio(bg, QColor.fromRgb(rgb)))
    return best


def _key_widgets(w: MainWindow) -> dict[str, QWidget]:
    return {
        "own name": w.self_header.name.label,
        "status message": w.self_header.status.label,
        "chat name": w.header.name,
        "chat subtitle": w.header.sub,
        "contact list": w.contact_list.viewport(),
        "chat": w.chat_view.viewport(),
        "dashboard title": w.dash_panel.findChild(QWidget, "DashTitle"),
    }


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_theme_colour_pairs_meet_contrast(themed: style.ThemeController, theme: str) -> None:
    themed.set_choice(theme)
    bgs = ("CHAT_BG", "SIDEBAR", "SURFACE", "BUBBLE_IN", "BUBBLE_OUT", "ACCENT_SOFT", "SIDEBAR_SELECTED")
    for fg in ("TEXT", "TEXT_MUTED"):
        for bg in bgs:
            ratio = style.contrast_ratio(QColor(getattr(style, fg)), QColor(getattr(style, bg)))
            assert ratio >= TEXT_MIN, (theme, fg, bg, ratio)
    for fg in ("TEXT_FAINT", "ACCENT", "ERROR", "OK"):
        for bg in ("CHAT_BG", "SIDEBAR", "SURFACE"):
            ratio = style.contrast_ratio(QColor(getattr(style, fg)), QColor(getattr(style, bg)))
            assert ratio >= UI_MIN, (theme, fg, bg, ratio)
    assert style.contrast_ratio(QColor(style.ON_ACCENT), QColor(style.ACCENT)) >= TEXT_MIN - 0.2
    # presence dots and the stage stepper on the sidebar, plain and on a selected row
    for presence in ("online", "away", "busy", "offline"):
        assert style.contrast_ratio(style.presence_color(presence), QColor(style.SIDEBAR)) >= UI_MIN, presence
    assert style.contrast_ratio(QColor(style.ACCENT), QColor(style.SIDEBAR_SELECTED)) >= UI_MIN
    assert style.contrast_ratio(QColor(style.STEP_TODO), QColor(style.SIDEBAR)) >= 1.5  # "not yet": quieter


def test_switching_theme_changes_palette_and_style_sheet(
    qtbot, window: MainWindow, themed: style.ThemeController, qapp: QApplication
) -> None:
    light_window = qapp.palette().color(QPalette.ColorRole.Window)
    assert light_window == QColor(style.LIGHT["CHAT_BG"])
    assert style.LIGHT["SIDEBAR"] in qapp.styleSheet()
    with qtbot.waitSignal(themed.changed, timeout=2000) as sig:
        themed.set_choice("dark")
    assert sig.args == [True]
    assert qapp.palette().color(QPalette.ColorRole.Window) == QColor(style.DARK["CHAT_BG"])
    assert qapp.palette().color(QPalette.ColorRole.Text) == QColor(style.DARK["TEXT"])
    assert style.DARK["SIDEBAR"] in qapp.styleSheet() and style.LIGHT["SIDEBAR"] not in qapp.styleSheet()
    # what the widgets actually draw
    side = window.findChild(QWidget, "Sidebar")
    img = side.grab().toImage()
    assert QColor(img.pixel(img.width() // 2, img.height() - 80)).lightnessF() < 0.25
    themed.set_choice("light")
    img = side.grab().toImage()
    assert QColor(img.pixel(img.width() // 2, img.height() - 80)).lightnessF() > 0.85


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_key_widgets_text_is_readable(qtbot, window: MainWindow, themed: style.ThemeController, theme: str) -> None:
    themed.set_choice(theme)
    qtbot.waitUntil(lambda: window.isVisible(), timeout=2000)
    for name, widget in _key_widgets(window).items():
        assert widget is not None, name
        ratio = _text_contrast(widget)
        assert ratio >= TEXT_MIN, (theme, name, ratio)
    dlg = SettingsDialog(window.settings, window)
    qtbot.addWidget(dlg)
    dlg.show()
    for name, widget in {"checkbox": dlg.ipv6, "port": dlg.port, "theme combo": dlg.theme}.items():
        assert _text_contrast(widget) >= TEXT_MIN, (theme, name)
    dlg.close()


def test_identicons_follow_the_theme(themed: style.ThemeController) -> None:
    pk = key_for("identicon")
    for theme, bg in (("light", style.LIGHT["SIDEBAR"]), ("dark", style.DARK["SIDEBAR"])):
        themed.set_choice(theme)
        img = identicon(pk, 40, 1.0).toImage()
        colours = Counter(img.pixel(x, y) for y in range(8, 32) for x in range(8, 32))
        (c1, _), (c2, _) = colours.most_common(2)
        # the pattern stands out from its square, and the square is in the theme's lightness
        assert style.contrast_ratio(QColor.fromRgb(c1), QColor.fromRgb(c2)) >= UI_MIN, theme
        square = QColor.fromRgb(img.pixel(20, 4))
        assert (square.lightnessF() > 0.8) == (theme == "light"), (theme, square.name(), bg)


def test_system_choice_follows_the_colour_scheme_live(qtbot, themed: style.ThemeController,
                                                     qapp: QApplication) -> None:
    themed.set_choice("system")
    hints = QGuiApplication.styleHints()
    with qtbot.waitSignal(themed.changed, timeout=2000):
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert themed.dark and qapp.palette().color(QPalette.ColorRole.Window) == QColor(style.DARK["CHAT_BG"])
    with qtbot.waitSignal(themed.changed, timeout=2000):
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert not themed.dark
    themed.set_choice("dark")  # an explicit choice ignores the desktop
    with qtbot.assertNotEmitted(themed.changed):
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert themed.dark


def test_theme_choice_is_saved_and_applied(qtbot, window: MainWindow, themed: style.ThemeController,
                                           settings: AppSettings, qapp: QApplication) -> None:
    assert settings.theme == "system"
    dlg = window.open_settings()
    dlg.theme.setCurrentIndex(dlg.theme.findData("dark"))
    assert dlg.save()
    assert themed.dark
    assert AppSettings(settings.config_dir).theme == "dark"
    assert qapp.palette().color(QPalette.ColorRole.Window) == QColor(style.DARK["CHAT_BG"])
