"""Small line icons drawn with QPainter (no image files), crisp at any device pixel ratio."""

from __future__ import annotations

import math
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QAbstractButton, QApplication

from toxgui.ui import style


def _pen(c: QColor, w: float) -> QPen:
    pen = QPen(c, w)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _draw(name: str, p: QPainter, s: float, c: QColor) -> None:
    w = max(1.5, s / 12)
    p.setPen(_pen(c, w))
    p.setBrush(Qt.BrushStyle.NoBrush)
    if name == "add_friend":
        p.drawEllipse(QPointF(s * 0.40, s * 0.34), s * 0.16, s * 0.16)
        path = QPainterPath()
        path.moveTo(s * 0.12, s * 0.86)
        path.cubicTo(s * 0.14, s * 0.58, s * 0.66, s * 0.58, s * 0.68, s * 0.86)
        p.drawPath(path)
        p.drawLine(QPointF(s * 0.80, s * 0.38), QPointF(s * 0.80, s * 0.62))
        p.drawLine(QPointF(s * 0.68, s * 0.50), QPointF(s * 0.92, s * 0.50))
    elif name == "group":
        # three people: one in front, two half behind
        for cx, cy, r in ((0.26, 0.36, 0.11), (0.74, 0.36, 0.11)):
            p.drawEllipse(QPointF(s * cx, s * cy), s * r, s * r)
        p.drawEllipse(QPointF(s * 0.50, s * 0.42), s * 0.14, s * 0.14)
        body = QPainterPath()
        body.moveTo(s * 0.24, s * 0.88)
        body.cubicTo(s * 0.26, s * 0.62, s * 0.74, s * 0.62, s * 0.76, s * 0.88)
        p.drawPath(body)
        p.drawLine(QPointF(s * 0.06, s * 0.74), QPointF(s * 0.16, s * 0.60))
        p.drawLine(QPointF(s * 0.94, s * 0.74), QPointF(s * 0.84, s * 0.60))
    elif name == "requests":
        path = QPainterPath()
        path.moveTo(s * 0.12, s * 0.55)
        path.lineTo(s * 0.24, s * 0.20)
        path.lineTo(s * 0.76, s * 0.20)
        path.lineTo(s * 0.88, s * 0.55)
        path.lineTo(s * 0.88, s * 0.82)
        path.lineTo(s * 0.12, s * 0.82)
        path.closeSubpath()
        p.drawPath(path)
        tray = QPainterPath()
        tray.moveTo(s * 0.12, s * 0.55)
        tray.lineTo(s * 0.36, s * 0.55)
        tray.lineTo(s * 0.42, s * 0.65)
        tray.lineTo(s * 0.58, s * 0.65)
        tray.lineTo(s * 0.64, s * 0.55)
        tray.lineTo(s * 0.88, s * 0.55)
        p.drawPath(tray)
    elif name == "settings":
        cx = cy = s / 2
        teeth = QPainterPath()
        r1, r2 = s * 0.40, s * 0.30
        for i in range(16):
            a0 = (i / 16) * 2 * math.pi
            r = r1 if i % 2 == 0 else r2
            a1 = ((i + 1) / 16) * 2 * math.pi
            pt0 = QPointF(cx + r * math.cos(a0), cy + r * math.sin(a0))
            pt1 = QPointF(cx + r * math.cos(a1), cy + r * math.sin(a1))
            if i == 0:
                teeth.moveTo(pt0)
            else:
                teeth.lineTo(pt0)
            teeth.lineTo(pt1)
        teeth.closeSubpath()
        p.drawPath(teeth)
        p.drawEllipse(QPointF(cx, cy), s * 0.12, s * 0.12)
    elif name == "attach":
        # a paper clip: two nested rounded loops, open at the top
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(QRectF(s * 0.30, s * 0.12, s * 0.36, s * 0.76), s * 0.18, s * 0.18)
        p.drawLine(QPointF(s * 0.48, s * 0.30), QPointF(s * 0.48, s * 0.70))
    elif name == "send":
        path = QPainterPath()
        path.moveTo(s * 0.14, s * 0.18)
        path.lineTo(s * 0.88, s * 0.50)
        path.lineTo(s * 0.14, s * 0.82)
        path.lineTo(s * 0.26, s * 0.50)
        path.closeSubpath()
        p.setBrush(c)
        p.drawPath(path)
    elif name == "dashboard":
        path = QPainterPath()
        path.moveTo(s * 0.08, s * 0.55)
        path.lineTo(s * 0.30, s * 0.55)
        path.lineTo(s * 0.40, s * 0.25)
        path.lineTo(s * 0.56, s * 0.80)
        path.lineTo(s * 0.66, s * 0.50)
        path.lineTo(s * 0.92, s * 0.50)
        p.drawPath(path)
    elif name == "more":
        p.setBrush(c)
        p.setPen(Qt.PenStyle.NoPen)
        for y in (0.25, 0.5, 0.75):
            p.drawEllipse(QPointF(s * 0.5, s * y), s * 0.07, s * 0.07)
    elif name == "copy":
        p.drawRoundedRect(QRectF(s * 0.32, s * 0.30, s * 0.50, s * 0.56), s * 0.08, s * 0.08)
        path = QPainterPath()
        path.moveTo(s * 0.20, s * 0.70)
        path.lineTo(s * 0.20, s * 0.20)
        path.quadTo(s * 0.20, s * 0.14, s * 0.26, s * 0.14)
        path.lineTo(s * 0.66, s * 0.14)
        p.drawPath(path)
    elif name == "close":
        p.drawLine(QPointF(s * 0.25, s * 0.25), QPointF(s * 0.75, s * 0.75))
        p.drawLine(QPointF(s * 0.75, s * 0.25), QPointF(s * 0.25, s * 0.75))
    elif name in ("up", "down"):  # chevrons
        y0, y1 = (0.62, 0.38) if name == "up" else (0.38, 0.62)
        path = QPainterPath()
        path.moveTo(s * 0.25, s * y0)
        path.lineTo(s * 0.5, s * y1)
        path.lineTo(s * 0.75, s * y0)
        p.drawPath(path)
    elif name == "search":
        p.drawEllipse(QPointF(s * 0.43, s * 0.43), s * 0.25, s * 0.25)
        p.drawLine(QPointF(s * 0.62, s * 0.62), QPointF(s * 0.86, s * 0.86))
    elif name == "id":
        p.drawRoundedRect(QRectF(s * 0.10, s * 0.22, s * 0.80, s * 0.56), s * 0.10, s * 0.10)
        p.drawEllipse(QPointF(s * 0.33, s * 0.45), s * 0.08, s * 0.08)
        p.drawLine(QPointF(s * 0.22, s * 0.66), QPointF(s * 0.44, s * 0.66))
        p.drawLine(QPointF(s * 0.55, s * 0.42), QPointF(s * 0.78, s * 0.42))
        p.drawLine(QPointF(s * 0.55, s * 0.58), QPointF(s * 0.72, s * 0.58))
    elif name == "emoji":
        p.drawEllipse(QPointF(s * 0.50, s * 0.50), s * 0.38, s * 0.38)
        p.setBrush(c)
        p.drawEllipse(QPointF(s * 0.37, s * 0.41), s * 0.03, s * 0.03)
        p.drawEllipse(QPointF(s * 0.63, s * 0.41), s * 0.03, s * 0.03)
        p.setBrush(Qt.BrushStyle.NoBrush)
        smile = QPainterPath()
        smile.moveTo(s * 0.33, s * 0.60)
        smile.cubicTo(s * 0.40, s * 0.74, s * 0.60, s * 0.74, s * 0.67, s * 0.60)
        p.drawPath(smile)
    else:
        raise KeyError(name)


# the application icon; toxgui/resources/linux/icons/io.github.toxgui.ToxGui.svg is the same file
APP_ICON_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
  <rect x="8" y="8" width="112" height="112" rx="28" fill="#3b76d6"/>
  <path d="M34 44c0-8.8 7.2-16 16-16h28c8.8 0 16 7.2 16 16v20c0 8.8-7.2 16-16 16H60l-16 14v-14.6c-5.8-2.4-10-8.2-10-14.9z"
        fill="#ffffff"/>
  <rect x="54" y="46" width="20" height="16" rx="3" fill="#3b76d6"/>
  <path d="M58 46v-4a6 6 0 0 1 12 0v4" fill="none" stroke="#3b76d6" stroke-width="4"/>
</svg>
"""


def app_icon() -> QIcon:
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(APP_ICON_SVG.encode())
    ic = QIcon()
    for size in (16, 22, 32, 48, 64, 128, 256):
        pm = QPixmap(size, size)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(p)
        p.end()
        ic.addPixmap(pm)
    return ic


@cache
def pixmap(name: str, size: int = 20, color: str = style.TEXT_MUTED, dpr: float = 2.0) -> QPixmap:
    pm = QPixmap(int(size * dpr), int(size * dpr))
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(dpr, dpr)
    _draw(name, p, float(size), QColor(color))
    p.end()
    pm.setDevicePixelRatio(dpr)
    return pm


def icon(name: str, color: str = style.TEXT_MUTED, size: int = 20) -> QIcon:
    ic = QIcon()
    ic.addPixmap(pixmap(name, size, color))
    return ic


def draw_tick(p: QPainter, x: float, y: float, h: float, c: QColor, double: bool) -> float:
    """A delivery tick (or double tick) with its bottom-left at (x, y); returns its width."""
    p.save()
    p.setPen(_pen(c, max(1.3, h / 7)))
    p.setBrush(Qt.BrushStyle.NoBrush)
    w = h * 1.1
    offsets = (0.0, h * 0.42) if double else (0.0,)
    for dx in offsets:
        path = QPainterPath()
        path.moveTo(x + dx, y - h * 0.45)
        path.lineTo(x + dx + w * 0.35, y - h * 0.1)
        path.lineTo(x + dx + w * 0.95, y - h * 0.85)
        p.drawPath(path)
    p.restore()
    return w + (h * 0.42 if double else 0)


def draw_clock(p: QPainter, x: float, y: float, h: float, c: QColor) -> float:
    """A small clock (message queued) with its bottom-left at (x, y); returns its width."""
    p.save()
    p.setPen(_pen(c, max(1.2, h / 8)))
    p.setBrush(Qt.BrushStyle.NoBrush)
    r = h * 0.45
    cx, cy = x + r, y - h / 2
    p.drawEllipse(QPointF(cx, cy), r, r)
    p.drawLine(QPointF(cx, cy), QPointF(cx, cy - r * 0.6))
    p.drawLine(QPointF(cx, cy), QPointF(cx + r * 0.5, cy))
    p.restore()
    return 2 * r


def badge_icon(name: str, count: int, size: int = 20) -> QIcon:
    """An icon with a small count badge on its top-right corner (no badge for 0)."""
    base = pixmap(name, size, style.ACCENT if count else style.TEXT_MUTED)
    if not count:
        return QIcon(base)
    pm = QPixmap(base)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    text = str(count) if count < 10 else "9+"
    d = size * 0.62
    r = QRectF(size - d, 0, d, d)
    p.setPen(QPen(QColor(style.SIDEBAR), 1.5))
    p.setBrush(QColor(style.ERROR))
    p.drawEllipse(r)
    f = p.font()
    f.setPixelSize(int(d * 0.72))
    f.setBold(True)
    p.setFont(f)
    p.setPen(QColor(style.SURFACE))
    p.drawText(r, Qt.AlignmentFlag.AlignCenter, text)
    p.end()
    return QIcon(pm)


_THEMED = "toxgui_themed_icon"


def themed(button: QAbstractButton, name: str, role: str, size: int) -> None:
    """Give `button` the icon `name` in the theme colour `role` (a name such as "TEXT_MUTED");
    `refresh_themed` redraws it in the new colour after a theme change."""
    button.setProperty(_THEMED, f"{name}|{role}|{size}")
    button.setIcon(icon(name, getattr(style, role), size))


def refresh_themed() -> None:
    """Redraw every themed icon in the current theme's colours."""
    for w in QApplication.allWidgets():
        spec = w.property(_THEMED)
        if isinstance(w, QAbstractButton) and isinstance(spec, str):
            name, role, size = spec.split("|")
            w.setIcon(icon(name, getattr(style, role), int(size)))
