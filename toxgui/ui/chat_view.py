"""The conversation: message bubbles in a list view, and the composer below it."""

from __future__ import annotations

import re

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QDateTime,
    QEvent,
    QIdentityProxyModel,
    QLocale,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QHelpEvent,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextLayout,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListView,
    QMenu,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from toxgui.models.backend import MAX_MESSAGE_LENGTH
from toxgui.models.chat import ChatModel, State
from toxgui.models.roles import Role
from toxgui.ui import icons, style
from toxgui.ui.emoji import EmojiPicker
from toxgui.ui.locale import display_locale
from toxgui.ui.plain import PlainLabel

Index = QModelIndex | QPersistentModelIndex

PAD_X, PAD_Y = 12, 7
SIDE = 18  # distance of bubbles from the view edge
GAP_SAME, GAP_OTHER = 3, 10
DAY_H = 34
RADIUS = 14


class NoAutoFetchProxy(QIdentityProxyModel):
    """Hides canFetchMore from the view: Qt would otherwise fetch while the *bottom* is visible.
    The chat view pages older history itself when scrolled to the top."""

    def canFetchMore(self, parent: Index) -> bool:
        return False


def _day(ts: float) -> int:
    return QDateTime.fromSecsSinceEpoch(int(ts)).date().toJulianDay()


def day_label(ts: float) -> str:
    d = QDateTime.fromSecsSinceEpoch(int(ts)).date()
    today = QDateTime.currentDateTime().date()
    if d == today:
        return QCoreApplication.translate("ChatView", "Today")
    if d.daysTo(today) == 1:
        return QCoreApplication.translate("ChatView", "Yesterday")
    return display_locale().toString(d, QLocale.FormatType.LongFormat)


def time_label(ts: float) -> str:
    return display_locale().toString(QDateTime.fromSecsSinceEpoch(int(ts)).time(), QLocale.FormatType.ShortFormat)


_LINK = re.compile(r"(?:\b[a-zA-Z][a-zA-Z0-9+.-]*://|\bwww\.|\b(?:mailto|tox|xmpp|magnet|tel):)[^\s<>\"]+")


def find_links(text: str) -> list[tuple[int, int, str]]:
    """Links in a message as (start, length, url): any scheme://…, www.… (as https), and
    mailto:, tox:, xmpp:, magnet:, tel: links; trailing punctuation and an unmatched ")" are
    left out."""
    out = []
    for m in _LINK.finditer(text):
        url = m.group(0)
        while url and (url[-1] in ".,;:!?'" or (url[-1] == ")" and url.count("(") < url.count(")"))):
            url = url[:-1]
        if len(url) <= len("www.") or url.endswith(("://", ":")):
            continue
        full = "https://" + url if url.lower().startswith("www.") else url
        out.append((m.start(), len(url), full))
    return out


def is_web_link(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


class _Geom:
    __slots__ = ("action", "bubble", "day", "height", "inline_meta", "layout", "links", "text_h", "top")

    def __init__(self) -> None:
        self.layout: QTextLayout | None = None
        self.bubble = QRectF()
        self.top = 0
        self.day = False
        self.height = 0
        self.text_h = 0.0
        self.inline_meta = True
        self.action = False
        self.links: list[tuple[int, int, str]] = []


def same_sender(prev: Index, sender: str) -> bool:
    """Whether the message before is by the same conference peer (its name is then not repeated)."""
    return prev.isValid() and not prev.data(Role.Outgoing) and str(prev.data(Role.Sender) or "") == sender \
        and str(prev.data(Role.Kind) or "normal") != "action"


class BubbleDelegate(QStyledItemDelegate):
    """Chat bubbles: incoming on the left, outgoing on the right, /me actions in italics across."""

    def __init__(self, view: ChatView) -> None:
        super().__init__(view)
        self.view = view
        self._cache: dict[tuple[int, int, str], _Geom] = {}
        self._width = -1
        self.highlight = ""  # search matches to mark in every message
        self.current_id = 0  # the message of the current search result

    # --- geometry ------------------------------------------------------------------------------

    def invalidate(self) -> None:
        self._cache.clear()

    def _matches(self, text: str, current: bool) -> list[QTextLayout.FormatRange]:
        """Formats marking each occurrence of the search text (stronger in the current result)."""
        out: list[QTextLayout.FormatRange] = []
        needle = self.highlight.casefold()
        if not needle:
            return out
        hay = text.casefold()
        start = hay.find(needle)
        while start >= 0 and len(hay) == len(text):  # casefold kept the offsets
            fr = QTextLayout.FormatRange()
            fr.start, fr.length = start, len(needle)
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(style.ACCENT if current else style.SEARCH_HIT))
            fmt.setForeground(QColor(style.ON_ACCENT if current else style.TEXT))
            fr.format = fmt
            out.append(fr)
            start = hay.find(needle, start + len(needle))
        return out

    def _font(self) -> QFont:
        return QFont(self.view.font())

    def _meta_font(self) -> QFont:
        f = QFont(self.view.font())
        f.setPointSizeF(max(7.0, f.pointSizeF() - 1.5))
        return f

    def meta_width(self, index: Index) -> float:
        fm = QFontMetrics(self._meta_font())
        w = fm.horizontalAdvance(time_label(float(index.data(Role.Timestamp) or 0)))
        if index.data(Role.Outgoing):
            w += 4 + fm.height() * 1.45
        return float(w)

    def geometry(self, index: Index) -> _Geom:
        width = self.view.viewport().width()
        if width != self._width:
            self._cache.clear()
            self._width = width
        mid = int(index.data(Role.MessageId) or 0)
        prev = index.siblingAtRow(index.row() - 1) if index.row() > 0 else QModelIndex()
        ts = float(index.data(Role.Timestamp) or 0)
        day = not prev.isValid() or _day(float(prev.data(Role.Timestamp) or 0)) != _day(ts)
        out = bool(index.data(Role.Outgoing))
        same = prev.isValid() and bool(prev.data(Role.Outgoing)) == out and not day
        kind = str(index.data(Role.Kind) or "normal")
        key = (mid, index.row(), f"{day}{same}{self.highlight}\0{mid == self.current_id}")
        g = self._cache.get(key)
        if g is not None:
            return g
        g = _Geom()
        g.day = day
        g.action = kind == "action"
        top = (DAY_H if day else 0) + (GAP_SAME if same else GAP_OTHER)
        g.top = top
        text = str(index.data(Role.Text) or "")
        font = self._font()
        sender = str(index.data(Role.Sender) or "")
        if g.action:
            font.setItalic(True)
            text = f"✱ {sender} {text}" if sender else self.view.action_text(out, text)
        named = 0
        if sender and not out and not g.action and not same_sender(prev, sender):
            text = f"{sender}\u2028{text}"  # a conference: who wrote it, on a line above its text
            named = len(sender)
        max_bubble = max(120, min(int(width * 0.74), 640))
        text_w = max_bubble - 2 * PAD_X
        if g.action:
            text_w = max(120, width - 2 * SIDE - 80)
        layout = QTextLayout(text, font)
        g.links = find_links(text)
        formats: list[QTextLayout.FormatRange] = []
        for start, length, _url in g.links:
            fr = QTextLayout.FormatRange()
            fr.start, fr.length = start, length
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(style.ACCENT_DARK))  # 5:1 or more on both bubble colours
            fmt.setFontUnderline(True)
            fr.format = fmt
            formats.append(fr)
        if named:
            fr = QTextLayout.FormatRange()
            fr.start, fr.length = 0, named
            fmt = QTextCharFormat()
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setForeground(QColor(style.ACCENT_DARK))
            fr.format = fmt
            formats.append(fr)
        formats += self._matches(text, mid == self.current_id)  # after the links: drawn over them
        if formats:
            layout.setFormats(formats)
        opt = QTextOption()
        opt.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(opt)
        layout.beginLayout()
        y = 0.0
        natural = 0.0
        last_w = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(text_w)
            line.setPosition(QPointF(0, y))
            y += line.height()
            natural = max(natural, line.naturalTextWidth())
            last_w = line.naturalTextWidth()
        layout.endLayout()
        g.layout = layout
        g.text_h = y
        meta_w = self.meta_width(index)
        mfm = QFontMetrics(self._meta_font())
        if g.action:
            bw = natural + 10 + meta_w
            g.bubble = QRectF(0, 0, bw, y)
            g.height = int(top + y + 6)
        else:
            g.inline_meta = last_w + 10 + meta_w <= text_w and "\n" not in text[-1:]
            if g.inline_meta:
                inner_w = max(natural, last_w + 10 + meta_w)
                inner_h = max(y, mfm.height())
            else:
                inner_w = max(natural, meta_w)
                inner_h = y + mfm.height()
            bw = inner_w + 2 * PAD_X
            bh = inner_h + 2 * PAD_Y
            x = width - SIDE - bw if out else SIDE
            g.bubble = QRectF(x, top, bw, bh)
            g.height = int(top + bh + 1)
        if len(self._cache) > 4000:
            self._cache.clear()
        self._cache[key] = g
        return g

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        g = self.geometry(index)
        return QSize(self.view.viewport().width(), g.height)

    # --- painting -------------------------------------------------------------------------------

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        g = self.geometry(index)
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = option.rect
        out = bool(index.data(Role.Outgoing))
        ts = float(index.data(Role.Timestamp) or 0)
        state = State(int(index.data(Role.DeliveryState) or 0))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        mfont = self._meta_font()
        mfm = QFontMetrics(mfont)
        if g.day:
            label = day_label(ts)
            p.setFont(mfont)
            w = mfm.horizontalAdvance(label) + 20
            pill = QRectF(r.left() + (r.width() - w) / 2, r.top() + 8, w, mfm.height() + 6)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(style.SIDEBAR))
            p.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
            p.setPen(QColor(style.TEXT_MUTED))
            p.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)
        assert g.layout is not None
        if g.action:
            origin = self.text_origin(g, r)
            x, y = origin.x(), origin.y()
            p.setPen(QColor(style.ACCENT_DARK if selected else style.TEXT_MUTED))
            g.layout.draw(p, QPointF(x, y))
            p.setFont(mfont)
            p.setPen(QColor(style.TEXT_FAINT))
            mx = x + g.bubble.width() - self.meta_width(index)
            self._paint_meta(p, mx, y + g.text_h, ts, out, state, mfm)
            p.restore()
            return
        b = g.bubble.translated(r.left(), r.top())
        fill = QColor(style.BUBBLE_OUT if out else style.BUBBLE_IN)
        if selected:
            fill = fill.darker(108)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(fill)
        p.drawRoundedRect(b, RADIUS, RADIUS)
        p.setPen(QColor(style.TEXT))
        g.layout.draw(p, self.text_origin(g, r))
        p.setFont(mfont)
        meta_w = self.meta_width(index)
        mx = b.right() - PAD_X - meta_w
        my = b.bottom() - PAD_Y
        self._paint_meta(p, mx, my, ts, out, state, mfm)
        p.restore()

    @staticmethod
    def text_origin(g: _Geom, r: QRect) -> QPointF:
        """Where a message's text layout is drawn in a row whose rect is `r`."""
        if g.action:
            return QPointF(r.left() + (r.width() - g.bubble.width()) / 2, r.top() + g.top)
        b = g.bubble.translated(r.left(), r.top())
        return QPointF(b.left() + PAD_X, b.top() + PAD_Y)

    def link_at(self, index: Index, rect: QRect, pos: QPoint) -> str:
        """The link under `pos` (viewport coordinates) in the row `index` drawn in `rect`, or ""."""
        g = self.geometry(index)
        if not g.links or g.layout is None:
            return ""
        o = self.text_origin(g, rect)
        x, y = pos.x() - o.x(), pos.y() - o.y()
        for i in range(g.layout.lineCount()):
            line = g.layout.lineAt(i)
            if line.y() <= y < line.y() + line.height() and 0 <= x <= line.naturalTextWidth():
                at = line.xToCursor(x, QTextLine.CursorPosition.CursorBetweenCharacters)
                for start, length, url in g.links:
                    if start <= at < start + length:
                        return url
        return ""

    def _paint_meta(
        self, p: QPainter, x: float, y: float, ts: float, out: bool, state: State, mfm: QFontMetrics
    ) -> None:
        """Time and (outgoing) delivery state, with the baseline area ending at y."""
        p.setPen(QColor(style.TEXT_FAINT))
        t = time_label(ts)
        p.drawText(QPointF(x, y - mfm.descent()), t)
        if not out:
            return
        ix = x + mfm.horizontalAdvance(t) + 4
        h = mfm.height() * 0.72
        if state == State.PENDING or (state == State.SENT and not self.view.peer_online):
            icons.draw_clock(p, ix, y - mfm.descent() + 1, h, QColor(style.TEXT_FAINT))
        elif state == State.SENT:
            icons.draw_tick(p, ix, y - mfm.descent(), h, QColor(style.TEXT_FAINT), double=False)
        else:
            icons.draw_tick(p, ix, y - mfm.descent(), h, QColor(style.ACCENT), double=True)


class ChatView(QListView):
    """Messages of one conversation; pages in older history when scrolled to the top.  Files
    dropped on it are reported by `files_dropped` (to be sent)."""

    files_dropped = Signal(list)  # local file paths
    link_activated = Signal(str)  # a link in a message was clicked (the window decides what opens)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ChatView")
        self.setAccessibleName(self.tr("Messages"))
        self.setAcceptDrops(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setWordWrap(True)
        self.setMouseTracking(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.verticalScrollBar().setSingleStep(24)
        self._delegate = BubbleDelegate(self)
        self.setItemDelegate(self._delegate)
        self.source: ChatModel | QAbstractListModel | None = None  # a chat, or a conference's
        self._proxy = NoAutoFetchProxy(self)
        self.self_name = ""
        self.peer_name = ""
        self.peer_online = False
        self._stick = True
        self._anchor: int | None = None
        sb = self.verticalScrollBar()
        sb.rangeChanged.connect(self._on_range)
        sb.valueChanged.connect(self._on_value)

    @staticmethod
    def _local_files(e: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[str]:
        md = e.mimeData()
        if not md.hasUrls():
            return []
        return [u.toLocalFile() for u in md.urls() if u.isLocalFile() and u.toLocalFile()]

    def dragEnterEvent(self, e: QDragEnterEvent) -> None:
        if self._local_files(e):
            e.acceptProposedAction()
        else:
            e.ignore()

    def dragMoveEvent(self, e: QDragMoveEvent) -> None:
        if self._local_files(e):
            e.acceptProposedAction()
        else:
            e.ignore()

    def dropEvent(self, e: QDropEvent) -> None:
        files = self._local_files(e)
        if files:
            e.acceptProposedAction()
            self.files_dropped.emit(files)
        else:
            e.ignore()

    def set_chat(self, model: ChatModel | QAbstractListModel | None) -> None:
        if self.source is not None:
            self.source.rowsInserted.disconnect(self._on_rows_inserted)
        self.source = model
        self._proxy.setSourceModel(model)
        self.setModel(self._proxy if model is not None else None)
        self._stick = True
        self._anchor = None
        if model is not None:
            model.rowsInserted.connect(self._on_rows_inserted)
        QTimer.singleShot(0, self.scroll_to_bottom)

    def set_peer_online(self, online: bool) -> None:
        if online != self.peer_online:
            self.peer_online = online
            self.viewport().update()

    def set_names(self, self_name: str, peer_name: str) -> None:
        """Names used in /me actions; relayouts when they change."""
        if (self_name, peer_name) != (self.self_name, self.peer_name):
            self.self_name, self.peer_name = self_name, peer_name
            self._delegate.invalidate()
            self.scheduleDelayedItemsLayout()
            self.viewport().update()

    def action_text(self, outgoing: bool, text: str) -> str:
        who = self.self_name if outgoing else self.peer_name
        return f"✱ {who} {text}"

    def scroll_to_bottom(self) -> None:
        self._stick = True
        self.scrollToBottom()
        self._maybe_fetch()

    def fetch_older(self) -> bool:
        """Prepend one page of older messages, keeping what is on screen in place."""
        if self.source is None or not self.source.canFetchMore(QModelIndex()):
            return False
        sb = self.verticalScrollBar()
        self._anchor = sb.maximum() - sb.value()
        self._stick = False
        self.source.fetchMore(QModelIndex())
        return True

    def _maybe_fetch(self) -> None:
        sb = self.verticalScrollBar()
        if self.source is not None and sb.value() <= 40 and self._anchor is None:
            self.fetch_older()

    def _on_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if self.source is None or first == 0 or last != self.source.rowCount() - 1:
            return
        # a new message at the end: follow it if we were at the bottom or it is ours
        if self._stick or bool(self.source.index(last, 0).data(Role.Outgoing)):
            self._stick = True
            QTimer.singleShot(0, self.scrollToBottom)

    def _on_range(self, lo: int, hi: int) -> None:
        sb = self.verticalScrollBar()
        if self._anchor is not None:
            sb.setValue(hi - self._anchor)
            self._anchor = None
        elif self._stick:
            sb.setValue(hi)
        if hi == 0:
            QTimer.singleShot(0, self._maybe_fetch)  # not enough to fill the view yet

    def _on_value(self, value: int) -> None:
        sb = self.verticalScrollBar()
        self._stick = value >= sb.maximum() - 4
        if value <= 40:
            QTimer.singleShot(0, self._maybe_fetch)

    def resizeEvent(self, e: QResizeEvent) -> None:
        stick = self._stick
        super().resizeEvent(e)
        self.scheduleDelayedItemsLayout()
        if stick:
            QTimer.singleShot(0, self.scrollToBottom)

    def paintEvent(self, e: QPaintEvent) -> None:
        super().paintEvent(e)
        if self.source is not None and self.source.rowCount() == 0:
            p = QPainter(self.viewport())
            p.setPen(QColor(style.TEXT_FAINT))
            text = self.tr("No messages yet. Say hello to %1!").replace("%1", self.peer_name)
            p.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, text)
            p.end()

    def viewportEvent(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            ix = self.indexAt(e.pos())
            if ix.isValid() and ix.data(Role.Outgoing):
                QToolTip.showText(e.globalPos(), self.state_text(State(int(ix.data(Role.DeliveryState)))), self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(e)

    def state_text(self, state: State) -> str:
        if state == State.PENDING or (state == State.SENT and not self.peer_online):
            return self.tr("Queued: will be sent when %1 is online").replace("%1", self.peer_name)
        if state == State.SENT:
            return self.tr("Sent, not yet confirmed by %1").replace("%1", self.peer_name)
        return self.tr("Delivered")

    def selected_text(self) -> str:
        rows = sorted(self.selectionModel().selectedIndexes(), key=lambda i: i.row()) if self.selectionModel() else []
        return "\n".join(str(i.data(Role.Text) or "") for i in rows)

    def copy_selection(self) -> None:
        text = self.selected_text()
        if text:
            QGuiApplication.clipboard().setText(text)

    def select_text(self, ix: Index) -> QDialog:
        """The message in a read-only text box, to select and copy any part of it (the list draws
        whole messages; this is where a part can be taken)."""
        dlg = QDialog(self)
        dlg.setWindowTitle(self.tr("Select text"))
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box = QPlainTextEdit(str(ix.data(Role.Text) or ""))
        box.setReadOnly(True)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                    | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        box.setAccessibleName(self.tr("Message text"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(self.tr("Copy selection"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(box.textCursor().selectedText()
                                                                         .replace("\u2029", "\n")
                                                                         or box.toPlainText()))
        buttons.rejected.connect(dlg.reject)
        lay = QVBoxLayout(dlg)
        lay.addWidget(box)
        lay.addWidget(buttons)
        dlg.resize(460, 240)
        dlg.text_box = box  # type: ignore[attr-defined]
        dlg.copy_button = copy  # type: ignore[attr-defined]
        self.text_dialog = dlg
        dlg.open()  # no nested event loop
        return dlg

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        super().keyPressEvent(e)

    def set_highlight(self, text: str, current_id: int = 0) -> None:
        """Mark `text` in every message, the message `current_id` most strongly."""
        if (text, current_id) == (self._delegate.highlight, self._delegate.current_id):
            return
        self._delegate.highlight = text
        self._delegate.current_id = current_id
        self.restyle()

    def jump_to(self, message_id: int) -> bool:
        """Show message `message_id` (paging in older history as needed), centred and current."""
        if not isinstance(self.source, ChatModel):
            return False
        row = self.source.load_until(message_id)
        if row < 0:
            return False
        ix = self.model().index(row, 0)
        self._stick = False
        self.setCurrentIndex(ix)
        self.scrollTo(ix, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def restyle(self) -> None:
        """Lay out and paint again in the current theme's colours (links keep theirs in the
        cached layouts)."""
        self._delegate.invalidate()
        self.scheduleDelayedItemsLayout()
        self.viewport().update()

    def link_at(self, pos: QPoint) -> str:
        ix = self.indexAt(pos)
        return self._delegate.link_at(ix, self.visualRect(ix), pos) if ix.isValid() else ""

    def mousePressEvent(self, e: QMouseEvent) -> None:
        self._pressed_link = self.link_at(e.position().toPoint()) if e.button() == Qt.MouseButton.LeftButton else ""
        super().mousePressEvent(e)

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        super().mouseReleaseEvent(e)
        pressed = getattr(self, "_pressed_link", "")
        self._pressed_link = ""
        if pressed and e.button() == Qt.MouseButton.LeftButton and self.link_at(e.position().toPoint()) == pressed:
            self.link_activated.emit(pressed)

    def _menu(self, pos: QPoint) -> None:
        ix = self.indexAt(pos)
        if not ix.isValid():
            return
        if not self.selectionModel().isSelected(ix):
            self.setCurrentIndex(ix)
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.tr("Copy"), self.copy_selection)
        menu.addAction(self.tr("Select text…"), lambda: self.select_text(ix))
        link = self.link_at(pos)
        if link:
            menu.addAction(self.tr("Open link"), lambda: self.link_activated.emit(link))
            menu.addAction(self.tr("Copy link"), lambda: QGuiApplication.clipboard().setText(link))
        menu.popup(self.viewport().mapToGlobal(pos))


class _Input(QPlainTextEdit):
    submit = Signal()
    image_pasted = Signal(QImage)  # a picture pasted (or dropped) from another program
    files_pasted = Signal(list)  # local files pasted: their paths

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasImage() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        files = [u.toLocalFile() for u in source.urls() if u.isLocalFile()] if source.hasUrls() else []
        if files:
            self.files_pasted.emit(files)
            return
        if source.hasImage():
            img = QImage(source.imageData())
            if not img.isNull():
                self.image_pasted.emit(img)
                return
        super().insertFromMimeData(source)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            e.modifiers() & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier)
        ):
            self.submit.emit()
            return
        super().keyPressEvent(e)


class Composer(QWidget):
    """Message input: Enter sends, Shift+Enter breaks the line; reports typing on and off."""

    submitted = Signal(str)
    typing = Signal(bool)
    attach_requested = Signal()
    image_pasted = Signal(QImage)
    files_pasted = Signal(list)

    TYPING_TIMEOUT_MS = 4000

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Composer")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.input = _Input(self)
        self.input.setObjectName("MessageInput")
        self.input.setPlaceholderText(self.tr("Write a message…"))
        self.input.setAccessibleName(self.tr("Message"))
        self.input.setAccessibleDescription(self.tr("Enter sends, Shift+Enter starts a new line"))
        self.input.setTabChangesFocus(True)
        self.input.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.send = QToolButton(self)
        self.send.setObjectName("SendButton")
        icons.themed(self.send, "send", "ON_ACCENT", 18)
        self.send.setIconSize(QSize(18, 18))
        self.send.setToolTip(self.tr("Send (Enter)"))
        self.send.setAccessibleName(self.tr("Send"))
        self.send.setEnabled(False)
        self.attach = QToolButton(self)
        self.attach.setObjectName("AttachButton")
        icons.themed(self.attach, "attach", "TEXT_MUTED", 18)
        self.attach.setIconSize(QSize(18, 18))
        self.attach.setToolTip(self.tr("Send a file"))
        self.attach.setAccessibleName(self.tr("Send a file"))
        self.attach.clicked.connect(self.attach_requested)
        self.emoji = QToolButton(self)
        self.emoji.setObjectName("EmojiButton")
        icons.themed(self.emoji, "emoji", "TEXT_MUTED", 18)
        self.emoji.setIconSize(QSize(18, 18))
        self.emoji.setAutoRaise(True)
        self.emoji.setToolTip(self.tr("Insert an emoji"))
        self.emoji.setAccessibleName(self.tr("Insert an emoji"))
        self.emoji.clicked.connect(lambda: self.open_emoji())
        self.emoji_picker: EmojiPicker | None = None
        self.hint = PlainLabel(self)
        self.hint.setObjectName("ComposerHint")
        self.hint.setWordWrap(True)
        self.hint.hide()
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.attach, 0, Qt.AlignmentFlag.AlignBottom)
        row.addWidget(self.input, 1)
        row.addWidget(self.emoji, 0, Qt.AlignmentFlag.AlignBottom)
        row.addWidget(self.send, 0, Qt.AlignmentFlag.AlignBottom)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 10, 16, 12)
        lay.setSpacing(4)
        lay.addLayout(row)
        lay.addWidget(self.hint)
        self._typing = False
        self._offline_hint = ""
        self._problem = ""
        self._stop = QTimer(self)
        self._stop.setSingleShot(True)
        self._stop.setInterval(self.TYPING_TIMEOUT_MS)
        self._stop.timeout.connect(lambda: self._set_typing(False))
        self.input.textChanged.connect(self._changed)
        self.input.submit.connect(self.submit)
        self.input.image_pasted.connect(self.image_pasted)
        self.input.files_pasted.connect(self.files_pasted)
        self.send.clicked.connect(self.submit)
        self._fit()

    def open_emoji(self) -> EmojiPicker:
        """The emoji grid, above the button; the chosen one goes in at the input's cursor."""
        if self.emoji_picker is None:
            self.emoji_picker = EmojiPicker(self)
            self.emoji_picker.picked.connect(self.insert_text)
        self.emoji_picker.popup_at(self.emoji)
        return self.emoji_picker

    def insert_text(self, text: str) -> None:
        """Insert at the cursor (replacing a selection), then back to typing."""
        cursor = self.input.textCursor()
        cursor.insertText(text)
        self.input.setTextCursor(cursor)
        self.input.setFocus()

    def show_problem(self, text: str) -> None:
        """A problem shown under the input (a file that could not be sent) until the next
        change; empty: back to the usual hints."""
        self._problem = text
        self._update_hint()

    def set_offline_hint(self, text: str) -> None:
        self._offline_hint = text
        self._update_hint()

    def _fit(self) -> None:
        fm = self.input.fontMetrics()
        doc_lines = int(self.input.document().size().height())  # plain text layouts count lines
        lines = max(1, min(6, doc_lines))
        # 2 x document margin (4) + style sheet padding (7 + 7) + border (1 + 1)
        self.input.setFixedHeight(lines * fm.lineSpacing() + 24)
        self.input.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded if doc_lines > 6 else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )

    def _update_hint(self) -> None:
        n = len(self.input.toPlainText().encode("utf-8"))
        parts = []
        if n > MAX_MESSAGE_LENGTH:
            count = -(-n // MAX_MESSAGE_LENGTH)
            parts.append(self.tr("Long message: it will be sent as %n messages.", "", count))
        if self._offline_hint:
            parts.append(self._offline_hint)
        if self._problem:
            parts.append(self._problem)
        self.hint.setText("  ".join(parts))
        self.hint.setVisible(bool(parts))

    def draft(self) -> str:
        return self.input.toPlainText()

    def set_draft(self, text: str) -> None:
        """Put back a chat's unsent text (cursor at its end) without telling the friend that we
        are typing."""
        self._restoring = True
        try:
            self.input.setPlainText(text)
        finally:
            self._restoring = False
        self.input.moveCursor(QTextCursor.MoveOperation.End)

    def _changed(self) -> None:
        self._problem = ""
        text = self.input.toPlainText()
        self.send.setEnabled(bool(text.strip()))
        self._fit()
        self._update_hint()
        if getattr(self, "_restoring", False):
            return
        if text:
            self._set_typing(True)
            self._stop.start()
        else:
            self._set_typing(False)

    def _set_typing(self, on: bool) -> None:
        if on != self._typing:
            self._typing = on
            self.typing.emit(on)
        if not on:
            self._stop.stop()

    def submit(self) -> None:
        text = self.input.toPlainText()
        if not text.strip():
            return
        self.input.clear()
        self._set_typing(False)
        self.submitted.emit(text)
