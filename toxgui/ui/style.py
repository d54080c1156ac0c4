"""Colours, fonts and the application style sheet: a calm, light look with one accent colour."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#3b76d6"
ACCENT_SOFT = "#e4edfb"
ACCENT_DARK = "#2c5fb3"
TEXT = "#1f2733"
TEXT_MUTED = "#6b7483"
TEXT_FAINT = "#9aa2ae"
BORDER = "#e1e5eb"
SIDEBAR = "#f4f6f9"
SIDEBAR_HOVER = "#e9eef5"
SIDEBAR_SELECTED = "#dde7f7"
CHAT_BG = "#ffffff"
BUBBLE_IN = "#f0f2f5"
BUBBLE_OUT = "#dfeafb"
ERROR = "#c8333b"
ERROR_SOFT = "#fbeaea"
OK = "#2a9d63"

PRESENCE = {
    "online": "#2fb170",
    "away": "#e3a21a",
    "busy": "#dc4650",
    "offline": "#b3b9c2",
}


def color(name: str) -> QColor:
    return QColor(name)


def presence_color(presence: str) -> QColor:
    return QColor(PRESENCE.get(presence, PRESENCE["offline"]))


STYLE_SHEET = f"""
QWidget {{ color: {TEXT}; }}
QMainWindow, QDialog {{ background: {CHAT_BG}; }}
QToolTip {{ color: {TEXT}; background: #ffffff; border: 1px solid {BORDER}; padding: 4px; }}

#Sidebar {{ background: {SIDEBAR}; border-right: 1px solid {BORDER}; }}
#SelfName {{ font-size: 15px; font-weight: 600; }}
#SelfStatus {{ color: {TEXT_MUTED}; }}
#NetworkChip {{ color: {TEXT_MUTED}; font-size: 11px; border: none; background: transparent;
               text-align: left; padding: 0; }}
#NetworkChip:hover {{ color: {ACCENT}; }}

QLineEdit, QPlainTextEdit, QSpinBox, QComboBox {{
    background: #ffffff; border: 1px solid {BORDER}; border-radius: 8px; padding: 6px 9px;
    selection-background-color: {ACCENT};
}}
QLineEdit:focus, QPlainTextEdit:focus, QSpinBox:focus {{ border: 1px solid {ACCENT}; }}
QLineEdit[error="true"], QPlainTextEdit[error="true"] {{ border: 1px solid {ERROR}; }}
#Search {{ border-radius: 16px; padding: 6px 12px; background: #ffffff; }}

#ContactList {{ background: transparent; border: none; outline: none; }}
#ContactList::item {{ border: none; }}

#BottomBar {{ background: {SIDEBAR}; border-top: 1px solid {BORDER}; }}
#BottomBar QToolButton {{ border: none; border-radius: 8px; padding: 8px 4px; color: {TEXT_MUTED}; }}
#BottomBar QToolButton:hover {{ background: {SIDEBAR_HOVER}; color: {TEXT}; }}

#ChatHeader {{ background: {CHAT_BG}; border-bottom: 1px solid {BORDER}; }}
#ChatName {{ font-size: 15px; font-weight: 600; }}
#ChatSub {{ color: {TEXT_MUTED}; }}
#ChatHeader QToolButton {{ border: none; border-radius: 8px; padding: 6px; }}
#ChatHeader QToolButton:hover {{ background: {SIDEBAR_HOVER}; }}
#ChatHeader QToolButton:checked {{ background: {ACCENT_SOFT}; }}
#ChatView {{ background: {CHAT_BG}; border: none; outline: none; }}
#Typing {{ color: {TEXT_MUTED}; font-style: italic; padding: 0 18px; }}
#Composer {{ background: {CHAT_BG}; border-top: 1px solid {BORDER}; }}
#Composer QPlainTextEdit {{ border-radius: 18px; padding: 7px 12px; background: {SIDEBAR}; border: 1px solid {SIDEBAR}; }}
#Composer QPlainTextEdit:focus {{ border: 1px solid {ACCENT}; background: #ffffff; }}
#SendButton {{ background: {ACCENT}; border: none; border-radius: 18px; min-width: 36px; min-height: 36px; }}
#SendButton:hover {{ background: {ACCENT_DARK}; }}
#SendButton:disabled {{ background: #c5d3ea; }}
#ComposerHint {{ color: {TEXT_MUTED}; font-size: 11px; }}

#Dashboard {{ background: {SIDEBAR}; border-left: 1px solid {BORDER}; }}
#DashTitle {{ font-size: 14px; font-weight: 600; }}
#DashSection {{ color: {TEXT_MUTED}; font-size: 11px; font-weight: 600; letter-spacing: 1px; }}
#DashSummary {{ background: {ACCENT_SOFT}; border-radius: 10px; padding: 10px 12px; color: {TEXT}; }}
#DashKey {{ color: {TEXT_MUTED}; }}
#DashValue {{ color: {TEXT}; }}

#Empty QLabel#EmptyTitle {{ font-size: 18px; font-weight: 600; }}
#EmptyText {{ color: {TEXT_MUTED}; }}

QPushButton {{
    background: #ffffff; border: 1px solid {BORDER}; border-radius: 8px; padding: 7px 14px;
}}
QPushButton:hover {{ background: {SIDEBAR}; }}
QPushButton:disabled {{ color: {TEXT_FAINT}; }}
QPushButton[primary="true"] {{ background: {ACCENT}; color: #ffffff; border: 1px solid {ACCENT}; font-weight: 600; }}
QPushButton[primary="true"]:hover {{ background: {ACCENT_DARK}; }}
QPushButton[primary="true"]:disabled {{ background: #b9c9e6; border-color: #b9c9e6; color: #f4f7fc; }}
QPushButton[danger="true"] {{ color: {ERROR}; }}

#ErrorText {{ color: {ERROR}; }}
#HintText {{ color: {TEXT_MUTED}; }}
#OkText {{ color: {OK}; }}
#ToxIdText {{ font-family: "DejaVu Sans Mono", monospace; font-size: 13px; background: {SIDEBAR};
             border-radius: 8px; padding: 10px; }}

QTabWidget::pane {{ border: none; border-top: 1px solid {BORDER}; }}
QTabBar::tab {{ background: transparent; border: none; padding: 8px 14px; color: {TEXT_MUTED}; }}
QTabBar::tab:selected {{ color: {ACCENT}; border-bottom: 2px solid {ACCENT}; }}
QTabBar::tab:hover {{ color: {TEXT}; }}

#ChooserSide {{ background: #26303d; }}
#ChooserSide QLabel {{ color: #e8edf3; }}
#ChooserSide QPushButton {{ background: transparent; border: none; color: #b8c2cf; text-align: left;
                            padding: 9px 14px; border-radius: 8px; font-weight: 600; }}
#ChooserSide QPushButton:checked {{ background: #334154; color: #ffffff; }}
#ChooserTitle {{ font-size: 20px; font-weight: 700; }}
#PageTitle {{ font-size: 16px; font-weight: 600; }}

QListWidget#ProfileList, QListView#RequestList {{ border: 1px solid {BORDER}; border-radius: 8px; background: #ffffff; }}
QListWidget#ProfileList::item {{ padding: 8px; }}
QListWidget#ProfileList::item:selected, QListView#RequestList::item:selected {{ background: {ACCENT_SOFT}; color: {TEXT}; }}

QProgressBar {{ border: none; background: {BORDER}; border-radius: 3px; max-height: 6px; text-align: center; }}
QProgressBar::chunk {{ background: {ACCENT}; border-radius: 3px; }}
QGroupBox {{ font-weight: 600; border: 1px solid {BORDER}; border-radius: 10px; margin-top: 14px; padding: 12px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 12px; padding: 0 4px; }}
QScrollBar:vertical {{ background: transparent; width: 10px; margin: 2px; }}
QScrollBar::handle:vertical {{ background: #cfd5de; border-radius: 4px; min-height: 30px; }}
QScrollBar::handle:vertical:hover {{ background: #b7bfcb; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: transparent; }}
QToolButton::menu-indicator {{ image: none; width: 0; }}
QMenu {{ background: #ffffff; border: 1px solid {BORDER}; border-radius: 8px; padding: 4px; }}
QMenu::item {{ padding: 6px 18px; border-radius: 6px; }}
QMenu::item:selected {{ background: {ACCENT_SOFT}; color: {TEXT}; }}
"""


def apply_style(app: QApplication) -> None:
    """Fusion style, a light palette and the style sheet; idempotent."""
    if app.property("toxgui_styled"):
        return
    app.setStyle("Fusion")
    pal = QPalette()
    pal.setColor(QPalette.ColorRole.Window, QColor(CHAT_BG))
    pal.setColor(QPalette.ColorRole.WindowText, QColor(TEXT))
    pal.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    pal.setColor(QPalette.ColorRole.AlternateBase, QColor(SIDEBAR))
    pal.setColor(QPalette.ColorRole.Text, QColor(TEXT))
    pal.setColor(QPalette.ColorRole.Button, QColor("#ffffff"))
    pal.setColor(QPalette.ColorRole.ButtonText, QColor(TEXT))
    pal.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    pal.setColor(QPalette.ColorRole.PlaceholderText, QColor(TEXT_FAINT))
    pal.setColor(QPalette.ColorRole.ToolTipBase, QColor("#ffffff"))
    pal.setColor(QPalette.ColorRole.ToolTipText, QColor(TEXT))
    app.setPalette(pal)
    font = QFont(app.font())
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)
    app.setProperty("toxgui_styled", True)
