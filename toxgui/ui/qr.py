"""QR codes for Tox IDs, made with segno in memory."""

from __future__ import annotations

import io

import segno
from PySide6.QtGui import QPixmap

from toxgui.ui import style


def tox_uri(tox_id: str) -> str:
    return f"tox:{tox_id.upper()}"


def qr_png(text: str, scale: int = 6, border: int = 2) -> bytes:
    buf = io.BytesIO()
    segno.make(text, error="m", micro=False).save(
        buf, kind="png", scale=scale, border=border, dark=style.LIGHT["TEXT"], light="#ffffff"
    )
    return buf.getvalue()


def qr_svg(text: str, scale: int = 4, border: int = 2) -> bytes:
    buf = io.BytesIO()
    segno.make(text, error="m", micro=False).save(
        buf, kind="svg", scale=scale, border=border, dark=style.LIGHT["TEXT"], light="#ffffff", xmldecl=False
    )
    return buf.getvalue()


def qr_pixmap(text: str, scale: int = 6, border: int = 2) -> QPixmap:
    pm = QPixmap()
    if not pm.loadFromData(qr_png(text, scale, border), "PNG"):
        raise ValueError("could not render the QR code")
    return pm
