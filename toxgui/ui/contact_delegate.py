"""Paints one friend in the contact list: identicon, presence dot, name, status line, unread
badge and the connection stage as a compact six-step stepper."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from toxgui.core.events import Stage
from toxgui.models.contacts import STAGES, last_seen_text, presence_text, stage_title
from toxgui.models.roles import Role
from toxgui.ui import style
from toxgui.ui.identicon import face

ROW_HEIGHT = 62
AVATAR = 40
SEG_W, SEG_H, SEG_GAP = 7, 4, 3


def stepper_width() -> int:
    return len(STAGES) * SEG_W + (len(STAGES) - 1) * SEG_GAP


def paint_stepper(p: QPainter, x: float, y: float, index: int) -> None:
    """Six small segments: done (accent), current (faded accent), to do (grey); all green once
    the connection is established."""
    established = index == len(STAGES) - 1
    for i in range(len(STAGES)):
        if established:
            c = QColor(style.PRESENCE["online"])
        elif i < index:
            c = QColor(style.ACCENT)
        elif i == index:
            c = QColor(style.ACCENT)
            c.setAlphaF(0.4)
        else:
            c = QColor(style.STEP_TODO)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(c)
        p.drawRoundedRect(QRectF(x + i * (SEG_W + SEG_GAP), y, SEG_W, SEG_H), 2, 2)


def paint_presence_dot(p: QPainter, center: QPointF, radius: float, presence: str, ring: QColor) -> None:
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(ring)
    p.drawEllipse(center, radius + 2, radius + 2)
    p.setBrush(style.presence_color(presence))
    p.drawEllipse(center, radius, radius)


class ContactDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(max(option.rect.width(), 200), ROW_HEIGHT)

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r: QRect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hover = bool(option.state & QStyle.StateFlag.State_MouseOver)
        bg = QColor(style.SIDEBAR)
        if selected or hover:
            bg = QColor(style.SIDEBAR_SELECTED if selected else style.SIDEBAR_HOVER)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(bg)
            p.drawRoundedRect(QRectF(r.adjusted(6, 2, -6, -2)), 10, 10)

        pk = bytes(index.data(Role.PublicKey) or b"")
        presence = str(index.data(Role.Presence) or "offline")
        stage_idx = int(index.data(Role.StageIndex) or 0)
        unread = int(index.data(Role.Unread) or 0)
        typing = bool(index.data(Role.Typing))
        name = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        status_msg = str(index.data(Role.StatusMessage) or "")

        ax = r.left() + 16
        ay = r.top() + (r.height() - AVATAR) // 2
        p.drawPixmap(ax, ay, face(pk, bytes(index.data(Role.Avatar) or b""), AVATAR))
        paint_presence_dot(p, QPointF(ax + AVATAR - 4, ay + AVATAR - 4), 5, presence, bg)

        right_w = stepper_width() + 4
        tx = ax + AVATAR + 12
        tw = r.right() - 16 - right_w - 8 - tx

        name_font = QFont(option.font)
        name_font.setWeight(QFont.Weight.DemiBold if unread == 0 else QFont.Weight.Bold)
        fm = QFontMetrics(name_font)
        p.setFont(name_font)
        p.setPen(QColor(style.TEXT))
        p.drawText(
            QRect(tx, r.top() + 11, tw, fm.height()),
            Qt.AlignmentFlag.AlignLeft,
            fm.elidedText(name, Qt.TextElideMode.ElideRight, tw),
        )

        small = QFont(option.font)
        small.setPointSizeF(max(7.5, option.font.pointSizeF() - 1))
        sfm = QFontMetrics(small)
        p.setFont(small)
        if typing:
            small.setItalic(True)
            p.setFont(small)
            p.setPen(QColor(style.ACCENT))
            line = self.tr("typing…")
        elif presence == "offline" and STAGES[stage_idx] != Stage.Established:
            p.setPen(QColor(style.TEXT_FAINT))
            seen = float(index.data(Role.LastSeen) or 0)
            line = f"{last_seen_text(seen)} · {stage_title(STAGES[stage_idx])}" if seen else (
                status_msg or f"{presence_text('offline')} · {stage_title(STAGES[stage_idx])}")
        else:
            p.setPen(QColor(style.TEXT_MUTED))
            line = status_msg or presence_text(presence)
        p.drawText(
            QRect(tx, r.top() + 13 + fm.height(), tw, sfm.height()),
            Qt.AlignmentFlag.AlignLeft,
            sfm.elidedText(line, Qt.TextElideMode.ElideRight, tw),
        )

        sx = r.right() - 16 - stepper_width()
        paint_stepper(p, sx, r.top() + 17, stage_idx)
        if unread:
            text = str(unread) if unread < 100 else "99+"
            bold = QFont(small)
            bold.setItalic(False)
            bold.setBold(True)
            bfm = QFontMetrics(bold)
            bw = max(20, bfm.horizontalAdvance(text) + 12)
            badge = QRectF(r.right() - 16 - bw, r.top() + 30, bw, 18)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(style.ACCENT))
            p.drawRoundedRect(badge, 9, 9)
            p.setFont(bold)
            p.setPen(QColor(style.ON_ACCENT))
            p.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        p.restore()
