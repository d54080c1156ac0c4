"""Colours, fonts and the application style sheet: a calm look with one accent colour, light or
dark.

The colour names below (`TEXT`, `SIDEBAR`, …) always hold the current theme's values: widgets
read them as `style.TEXT` when they paint, so a theme change (`set_theme`) reaches them at their
next repaint. `ThemeController` follows the user's choice (light, dark or the system's colour
scheme, live on `colorSchemeChanged`).
"""

from __future__ import annotations

import atexit
import hashlib
import shutil
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")

LIGHT: dict[str, str] = {
    "ACCENT": "#3b76d6",
    "ACCENT_SOFT": "#e4edfb",
    "ACCENT_DARK": "#2c5fb3",
    "ACCENT_DISABLED": "#b9c9e6",
    "ON_ACCENT": "#ffffff",
    "TEXT": "#1f2733",
    "TEXT_MUTED": "#5f6877",
    "TEXT_FAINT": "#6f7783",
    "STEP_TODO": "#b0b7c1",
    "SEARCH_HIT": "#fbe3a0",
    "BORDER": "#e1e5eb",
    "SIDEBAR": "#f4f6f9",
    "SIDEBAR_HOVER": "#e9eef5",
    "SIDEBAR_SELECTED": "#dde7f7",
    "CHAT_BG": "#ffffff",
    "SURFACE": "#ffffff",
    "BUBBLE_IN": "#f0f2f5",
    "BUBBLE_OUT": "#dfeafb",
    "ERROR": "#c8333b",
    "ERROR_SOFT": "#fbeaea",
    "OK": "#23855a",
    "SCROLL": "#cfd5de",
    "SCROLL_HOVER": "#b7bfcb",
    "FOCUS": "#3b76d6",
    "CHOOSER_SIDE": "#26303d",
    "CHOOSER_SELECTED": "#334154",
}

DARK: dict[str, str] = {
    "ACCENT": "#5b93ec",
    "ACCENT_SOFT": "#243552",
    "ACCENT_DARK": "#8db5f5",
    "ACCENT_DISABLED": "#2f3d55",
    "ON_ACCENT": "#0f1620",
    "TEXT": "#e6e9ee",
    "TEXT_MUTED": "#a5adba",
    "TEXT_FAINT": "#848d9b",
    "STEP_TODO": "#58616f",
    "SEARCH_HIT": "#6b5618",
    "BORDER": "#343b46",
    "SIDEBAR": "#1d2128",
    "SIDEBAR_HOVER": "#272d36",
    "SIDEBAR_SELECTED": "#2b3a52",
    "CHAT_BG": "#16191e",
    "SURFACE": "#22272f",
    "BUBBLE_IN": "#262b33",
    "BUBBLE_OUT": "#233552",
    "ERROR": "#f0727a",
    "ERROR_SOFT": "#3d2326",
    "OK": "#4cc98b",
    "SCROLL": "#3c4450",
    "SCROLL_HOVER": "#4d5664",
    "FOCUS": "#7aa9f2",
    "CHOOSER_SIDE": "#101318",
    "CHOOSER_SELECTED": "#2b3a52",
}

PRESENCE_LIGHT = {"online": "#198a52", "away": "#a87508", "busy": "#d8404a", "offline": "#7d8591"}
PRESENCE_DARK = {"online": "#3cc47f", "away": "#f0b43c", "busy": "#ef5f68", "offline": "#767f8d"}

# The current theme's colours (rebound by set_theme; light until then).
ACCENT = LIGHT["ACCENT"]
ACCENT_SOFT = LIGHT["ACCENT_SOFT"]
ACCENT_DARK = LIGHT["ACCENT_DARK"]
ACCENT_DISABLED = LIGHT["ACCENT_DISABLED"]
ON_ACCENT = LIGHT["ON_ACCENT"]
TEXT = LIGHT["TEXT"]
TEXT_MUTED = LIGHT["TEXT_MUTED"]
TEXT_FAINT = LIGHT["TEXT_FAINT"]
STEP_TODO = LIGHT["STEP_TODO"]
SEARCH_HIT = LIGHT["SEARCH_HIT"]
BORDER = LIGHT["BORDER"]
SIDEBAR = LIGHT["SIDEBAR"]
SIDEBAR_HOVER = LIGHT["SIDEBAR_HOVER"]
SIDEBAR_SELECTED = LIGHT["SIDEBAR_SELECTED"]
CHAT_BG = LIGHT["CHAT_BG"]
SURFACE = LIGHT["SURFACE"]
BUBBLE_IN = LIGHT["BUBBLE_IN"]
BUBBLE_OUT = LIGHT["BUBBLE_OUT"]
ERROR = LIGHT["ERROR"]
ERROR_SOFT = LIGHT["ERROR_SOFT"]
OK = LIGHT["OK"]
SCROLL = LIGHT["SCROLL"]
SCROLL_HOVER = LIGHT["SCROLL_HOVER"]
FOCUS = LIGHT["FOCUS"]
CHOOSER_SIDE = LIGHT["CHOOSER_SIDE"]
CHOOSER_SELECTED = LIGHT["CHOOSER_SELECTED"]
PRESENCE: dict[str, str] = dict(PRESENCE_LIGHT)
DARK_MODE = False


def color(name: str) -> QColor:
    return QColor(name)


def presence_color(presence: str) -> QColor:
    return QColor(PRESENCE.get(presence, PRESENCE["offline"]))


def relative_luminance(c: QColor) -> float:
    def lin(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF())


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def style_sheet() -> str:
    """The application style sheet in the current theme's colours."""
    return STYLE_TEMPLATE.format(**_colours(), **_assets(_colours()))


def _colours() -> dict[str, Any]:
    return {k: globals()[k] for k in LIGHT}


_ASSETS = {
    "CHECK": '<svg xmlns="http://www.w3.org/2000/svg" width="14" height="14"><path d="M3 7.5l2.6 2.6L11 4.5" '
             'fill="none" stroke="{ON_ACCENT}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>',
    "UP": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="6"><path d="M1 5l4-4 4 4" fill="none" '
          'stroke="{TEXT_MUTED}" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"/></svg>',
    "DOWN": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="6"><path d="M1 1l4 4 4-4" fill="none" '
            'stroke="{TEXT_MUTED}" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"/></svg>',
    "RADIO": '<svg xmlns="http://www.w3.org/2000/svg" width="14" height="14"><circle cx="7" cy="7" r="3" '
             'fill="{ON_ACCENT}"/></svg>',
}
_asset_dir: list[Path] = []


def _assets(colours: dict[str, Any]) -> dict[str, str]:
    """Small SVG images the style sheet points at (check mark, spin box arrows), written once per
    colour into a private temporary folder; names map to their paths."""
    if not _asset_dir:
        _asset_dir.append(Path(tempfile.mkdtemp(prefix="toxgui-style-")))
        atexit.register(shutil.rmtree, _asset_dir[0], True)
    out = {}
    for name, svg in _ASSETS.items():
        text = svg.format(**colours)
        path = _asset_dir[0] / f"{name.lower()}-{hashlib.sha1(text.encode()).hexdigest()[:10]}.svg"
        if not path.exists():
            path.write_text(text, encoding="utf-8")
        out[f"IMG_{name}"] = path.as_posix()
    return out


STYLE_TEMPLATE = """
QWidget {{ color: {TEXT}; }}
QMainWindow, QDialog {{ background: {CHAT_BG}; }}
QToolTip {{ color: {TEXT}; background: {SURFACE}; border: 1px solid {BORDER}; padding: 4px; }}
QLabel {{ background: transparent; }}
QCheckBox, QRadioButton {{ background: transparent; spacing: 8px; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: 14px; height: 14px; border: 1px solid {TEXT_FAINT};
    background: {SURFACE}; }}
QCheckBox::indicator {{ border-radius: 4px; }}
QRadioButton::indicator {{ border-radius: 8px; }}
QCheckBox::indicator:checked {{ background: {ACCENT}; border-color: {ACCENT}; image: url({IMG_CHECK}); }}
QRadioButton::indicator:checked {{ background: {ACCENT}; border-color: {ACCENT}; image: url({IMG_RADIO}); }}
QCheckBox::indicator:disabled, QRadioButton::indicator:disabled {{ border-color: {BORDER}; background: {SIDEBAR}; }}
QCheckBox::indicator:checked:disabled {{ background: {ACCENT_DISABLED}; border-color: {ACCENT_DISABLED}; }}

#Sidebar {{ background: {SIDEBAR}; border-right: 1px solid {BORDER}; }}
#SelfName {{ font-size: 15px; font-weight: 600; }}
#SelfStatus {{ color: {TEXT_MUTED}; }}
#NetworkChip {{ color: {TEXT_MUTED}; font-size: 11px; border: none; background: transparent;
               text-align: left; padding: 0; }}
#NetworkChip:hover {{ color: {ACCENT}; }}

QLineEdit, QPlainTextEdit, QSpinBox, QComboBox {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 8px; padding: 6px 9px;
    selection-background-color: {ACCENT}; selection-color: {ON_ACCENT}; color: {TEXT};
}}
QLineEdit:focus, QPlainTextEdit:focus, QSpinBox:focus {{ border: 1px solid {ACCENT}; }}
#InlineEdit {{ padding: 0px 4px; border-radius: 4px; }}
QSpinBox {{ padding-right: 24px; }}
QSpinBox::up-button, QSpinBox::down-button {{ subcontrol-origin: border; width: 22px; border: none;
    border-left: 1px solid {BORDER}; background: transparent; }}
QSpinBox::up-button {{ subcontrol-position: top right; border-top-right-radius: 8px; }}
QSpinBox::down-button {{ subcontrol-position: bottom right; border-bottom-right-radius: 8px; }}
QSpinBox::up-button:hover, QSpinBox::down-button:hover {{ background: {SIDEBAR_HOVER}; }}
QSpinBox::up-arrow {{ image: url({IMG_UP}); width: 10px; height: 6px; }}
QSpinBox::down-arrow {{ image: url({IMG_DOWN}); width: 10px; height: 6px; }}
QComboBox::drop-down {{ subcontrol-origin: padding; subcontrol-position: center right; width: 22px; border: none; }}
QComboBox::down-arrow {{ image: url({IMG_DOWN}); width: 10px; height: 6px; }}
QLineEdit[error="true"], QPlainTextEdit[error="true"] {{ border: 1px solid {ERROR}; }}
QComboBox QAbstractItemView {{ background: {SURFACE}; color: {TEXT}; selection-background-color: {ACCENT_SOFT};
                               selection-color: {TEXT}; }}
#Search {{ border-radius: 16px; padding: 6px 12px; background: {SURFACE}; }}

#ContactList {{ background: transparent; border: 2px solid transparent; border-radius: 8px; outline: none; }}
#ContactList::item {{ border: none; }}
#ConferenceList {{ background: transparent; border: 2px solid transparent; border-radius: 8px; outline: none; }}
#ConferenceList::item {{ border: none; }}
#ConferenceLinks {{ color: {TEXT}; background: {SURFACE}; padding: 8px; }}
#ConferencePeers {{ color: {TEXT}; background: {SURFACE}; border: none; border-left: 1px solid {BORDER}; }}
#SectionLabel {{ color: {TEXT_MUTED}; font-weight: 600; }}

#BottomBar {{ background: {SIDEBAR}; border-top: 1px solid {BORDER}; }}
#BottomBar QToolButton {{ border: 2px solid transparent; border-radius: 8px; padding: 6px 2px; color: {TEXT_MUTED}; }}
#BottomBar QToolButton:hover {{ background: {SIDEBAR_HOVER}; color: {TEXT}; }}

#ChatHeader {{ background: {CHAT_BG}; border-bottom: 1px solid {BORDER}; }}
#ChatName {{ font-size: 15px; font-weight: 600; }}
#ChatSub {{ color: {TEXT_MUTED}; }}
#ChatHeader QToolButton {{ border: 2px solid transparent; border-radius: 8px; padding: 4px; }}
#ChatHeader QToolButton:hover {{ background: {SIDEBAR_HOVER}; }}
#ChatHeader QToolButton:checked {{ background: {ACCENT_SOFT}; }}
#ChatSearch {{ background: {SIDEBAR}; border-bottom: 1px solid {BORDER}; }}
#ChatView {{ background: {CHAT_BG}; border: 2px solid transparent; border-radius: 8px; outline: none; }}
#Typing {{ color: {TEXT_MUTED}; font-style: italic; padding: 0 18px; }}
#Composer {{ background: {CHAT_BG}; border-top: 1px solid {BORDER}; }}
#Composer QPlainTextEdit {{ border-radius: 18px; padding: 7px 12px; background: {SIDEBAR}; border: 1px solid {SIDEBAR}; }}
#Composer QPlainTextEdit:focus {{ border: 1px solid {ACCENT}; background: {SURFACE}; }}
#SendButton {{ background: {ACCENT}; border: none; border-radius: 18px; min-width: 36px; min-height: 36px; }}
#SendButton:hover {{ background: {ACCENT_DARK}; }}
#SendButton:disabled {{ background: {ACCENT_DISABLED}; }}
#ComposerHint {{ color: {TEXT_MUTED}; font-size: 11px; }}

#Dashboard {{ background: {SIDEBAR}; border-left: 1px solid {BORDER}; }}
#DashScroll {{ background: transparent; border: 2px solid transparent; border-radius: 8px; }}
#DashScroll > QWidget > QWidget {{ background: transparent; }}
#DashScroll:focus {{ border: 2px solid {FOCUS}; }}
#DashTitle {{ font-size: 14px; font-weight: 600; }}
#DashSection {{ color: {TEXT_MUTED}; font-size: 11px; font-weight: 600; letter-spacing: 1px; }}
#DashSummary {{ background: {ACCENT_SOFT}; border-radius: 10px; padding: 10px 12px; color: {TEXT}; }}
#DashKey {{ color: {TEXT_MUTED}; }}
#DashValue {{ color: {TEXT}; }}

#Empty QLabel#EmptyTitle {{ font-size: 18px; font-weight: 600; }}
#EmptyText {{ color: {TEXT_MUTED}; }}

QPushButton {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 8px; padding: 7px 14px; color: {TEXT};
}}
QPushButton:hover {{ background: {SIDEBAR}; }}
QPushButton:disabled {{ color: {TEXT_FAINT}; }}
QPushButton[primary="true"] {{ background: {ACCENT}; color: {ON_ACCENT}; border: 1px solid {ACCENT}; font-weight: 600; }}
QPushButton[primary="true"]:hover {{ background: {ACCENT_DARK}; }}
QPushButton[primary="true"]:disabled {{ background: {ACCENT_DISABLED}; border-color: {ACCENT_DISABLED}; color: {SIDEBAR}; }}
QPushButton[danger="true"] {{ color: {ERROR}; }}
QCheckBox:disabled, QRadioButton:disabled, QLabel:disabled {{ color: {TEXT_FAINT}; }}

#ErrorText {{ color: {ERROR}; }}
#HintText {{ color: {TEXT_MUTED}; }}
#OkText {{ color: {OK}; }}
#ToxIdText {{ font-family: "DejaVu Sans Mono", monospace; font-size: 13px; background: {SIDEBAR};
             border-radius: 8px; padding: 10px; }}

QTabWidget::pane {{ border: none; border-top: 1px solid {BORDER}; }}
QTabBar::tab {{ background: transparent; border: none; padding: 8px 14px; color: {TEXT_MUTED}; }}
QTabBar::tab:selected {{ color: {ACCENT}; border-bottom: 2px solid {ACCENT}; }}
QTabBar::tab:hover {{ color: {TEXT}; }}

#ChooserSide {{ background: {CHOOSER_SIDE}; }}
#ChooserSide QLabel {{ color: #e8edf3; }}
#ChooserSide QPushButton {{ background: transparent; border: none; color: #b8c2cf; text-align: left;
                            padding: 9px 14px; border-radius: 8px; font-weight: 600; }}
#ChooserSide QPushButton:checked {{ background: {CHOOSER_SELECTED}; color: #ffffff; }}
#ChooserTitle {{ font-size: 20px; font-weight: 700; }}
#PageTitle {{ font-size: 16px; font-weight: 600; }}

QListWidget#ProfileList, QListView#RequestList {{ border: 1px solid {BORDER}; border-radius: 8px; background: {SURFACE}; }}
QListWidget#ProfileList::item {{ padding: 8px; }}
QListWidget#ProfileList::item:selected, QListView#RequestList::item:selected {{ background: {ACCENT_SOFT}; color: {TEXT}; }}

QProgressBar {{ border: none; background: {BORDER}; border-radius: 3px; max-height: 6px; text-align: center; }}
QProgressBar::chunk {{ background: {ACCENT}; border-radius: 3px; }}
QGroupBox {{ font-weight: 600; border: 1px solid {BORDER}; border-radius: 10px; margin-top: 14px; padding: 12px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 12px; padding: 0 4px; }}
QScrollBar:vertical {{ background: transparent; width: 10px; margin: 2px; }}
QScrollBar::handle:vertical {{ background: {SCROLL}; border-radius: 4px; min-height: 30px; }}
QScrollBar::handle:vertical:hover {{ background: {SCROLL_HOVER}; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: transparent; }}
QToolButton::menu-indicator {{ image: none; width: 0; }}
QMenu {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 8px; padding: 4px; color: {TEXT}; }}
QMenu::item {{ padding: 6px 18px; border-radius: 6px; }}
QMenu::item:selected {{ background: {ACCENT_SOFT}; color: {TEXT}; }}
QMenu::item:disabled {{ color: {TEXT_FAINT}; }}

/* Keyboard focus: every control that takes focus shows a ring in the focus colour. */
QToolButton {{ border: 2px solid transparent; border-radius: 8px; }}
QToolButton:focus, #BottomBar QToolButton:focus, #ChatHeader QToolButton:focus {{ border: 2px solid {FOCUS}; }}
QPushButton:focus {{ border: 2px solid {FOCUS}; padding: 6px 13px; }}
QPushButton[primary="true"]:focus {{ border: 2px solid {TEXT}; }}
#NetworkChip:focus {{ color: {ACCENT}; text-decoration: underline; padding: 0; border: none; }}
#SendButton:focus {{ border: 2px solid {TEXT}; }}
QComboBox:focus {{ border: 2px solid {FOCUS}; padding: 5px 8px; }}
QSpinBox:focus {{ border: 2px solid {FOCUS}; }}
QCheckBox::indicator:focus, QRadioButton::indicator:focus {{ border: 2px solid {FOCUS}; width: 12px; height: 12px; }}
QCheckBox:focus, QRadioButton:focus {{ color: {ACCENT_DARK}; }}
#ContactList:focus, #ConferenceList:focus, #ChatView:focus, QListWidget#ProfileList:focus, QListView#RequestList:focus {{
    border: 2px solid {FOCUS}; border-radius: 8px; }}
QTabBar::tab:focus {{ color: {TEXT}; background: {ACCENT_SOFT}; border-radius: 6px; }}
#SelfName:focus, #SelfStatus:focus {{ background: {ACCENT_SOFT}; border-radius: 4px; }}
"""


def set_theme(dark: bool) -> None:
    """Rebind the colour names to the light or dark theme (no widget is touched)."""
    global PRESENCE, DARK_MODE
    globals().update(DARK if dark else LIGHT)
    PRESENCE = dict(PRESENCE_DARK if dark else PRESENCE_LIGHT)
    DARK_MODE = dark


def palette() -> QPalette:
    """A QPalette in the current theme's colours (for what the style sheet does not reach)."""
    pal = QPalette()
    roles = QPalette.ColorRole
    for role, value in (
        (roles.Window, CHAT_BG), (roles.WindowText, TEXT), (roles.Base, SURFACE),
        (roles.AlternateBase, SIDEBAR), (roles.Text, TEXT), (roles.Button, SURFACE),
        (roles.ButtonText, TEXT), (roles.Highlight, ACCENT), (roles.HighlightedText, ON_ACCENT),
        (roles.PlaceholderText, TEXT_FAINT), (roles.ToolTipBase, SURFACE), (roles.ToolTipText, TEXT),
        (roles.Link, ACCENT), (roles.Mid, BORDER), (roles.Midlight, SIDEBAR_HOVER),
        (roles.Light, SURFACE), (roles.Dark, SCROLL_HOVER), (roles.Shadow, BORDER),
        (roles.BrightText, ON_ACCENT),
    ):
        pal.setColor(role, QColor(value))
    for role, value in ((roles.Text, TEXT_FAINT), (roles.WindowText, TEXT_FAINT), (roles.ButtonText, TEXT_FAINT)):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(value))
    return pal


def system_is_dark() -> bool:
    """Whether the desktop asks for a dark colour scheme (Qt 6.5+ style hints)."""
    hints = QGuiApplication.styleHints()
    return bool(hints.colorScheme() == Qt.ColorScheme.Dark)


def _restyle(app: QApplication, dark: bool) -> None:
    set_theme(dark)
    app.setPalette(palette())
    app.setStyleSheet(style_sheet())


class ThemeController(QObject):
    """Applies the chosen theme ("system", "light" or "dark") and, for "system", follows the
    desktop's colour scheme live. `changed(dark)` fires after each restyle."""

    changed = Signal(bool)

    def __init__(self, app: QApplication, choice: str = "system") -> None:
        super().__init__(app)
        self.app = app
        self.choice = choice if choice in THEMES else "system"
        self._system_dark = system_is_dark()
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_changed)
        self._apply()

    @property
    def dark(self) -> bool:
        return DARK_MODE

    def set_choice(self, choice: str) -> None:
        self.choice = choice if choice in THEMES else "system"
        self._apply()

    def _system_changed(self, scheme: Qt.ColorScheme) -> None:
        self._system_dark = scheme == Qt.ColorScheme.Dark
        if self.choice == "system":
            self._apply()

    def _apply(self) -> None:
        dark = self._system_dark if self.choice == "system" else self.choice == "dark"
        _restyle(self.app, dark)
        from toxgui.ui import icons  # icons draws with these colours (imports this module)

        icons.refresh_themed()
        self.changed.emit(dark)


def theme_controller(app: QApplication | None = None) -> ThemeController | None:
    """The application's theme controller, once apply_style has made one."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    found = app.findChild(ThemeController) if app is not None else None
    return found if isinstance(found, ThemeController) else None


def apply_style(app: QApplication, theme: str = "system") -> ThemeController:
    """Fusion style, the theme's palette and style sheet; idempotent (a second call only sets
    the theme choice)."""
    ctl = theme_controller(app)
    if ctl is not None:
        ctl.set_choice(theme)
        return ctl
    app.setStyle("Fusion")
    font = QFont(app.font())
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    app.setProperty("toxgui_styled", True)
    return ThemeController(app, theme)
