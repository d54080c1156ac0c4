"""Conference widgets: the list of group chats, the conference page (messages, peer list, a
dashboard of links) and the invites box."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from toxgui.models.conferences import ConferenceRow, describe_links
from toxgui.models.plurals import counts
from toxgui.models.roles import Role
from toxgui.ui import icons, style
from toxgui.ui.chat_view import ChatView, Composer
from toxgui.ui.identicon import face
from toxgui.ui.plain import ElidedLabel, PlainLabel

Index = QModelIndex | QPersistentModelIndex


class ConferenceDelegate(QStyledItemDelegate):
    """A group icon, the title, and the unread count."""

    H = 44

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(200, self.H)

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        p.save()
        r: QRect = option.rect
        if option.state & QStyle.StateFlag.State_Selected:
            p.fillRect(r, QColor(style.SIDEBAR_SELECTED))
        p.drawPixmap(r.left() + 14, r.top() + 10, icons.pixmap("group", 24, style.TEXT_MUTED))
        unread = int(index.data(Role.Unread) or 0)
        badge_w = 0
        f = QFont(option.font)
        if unread:
            text = str(unread) if unread < 100 else "99+"
            badge_w = max(20, p.fontMetrics().horizontalAdvance(text) + 10)
            b = QRect(r.right() - 12 - badge_w, r.top() + (r.height() - 20) // 2, badge_w, 20)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(style.ACCENT))
            p.drawRoundedRect(b, 10, 10)
            p.setPen(QColor(style.ON_ACCENT))
            p.drawText(b, Qt.AlignmentFlag.AlignCenter, text)
        f.setBold(bool(unread))
        p.setFont(f)
        p.setPen(QColor(style.TEXT if index.data(Role.Online) else style.TEXT_MUTED))
        tr = QRect(r.left() + 50, r.top(), r.width() - 62 - badge_w, r.height())
        title = p.fontMetrics().elidedText(str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
                                           Qt.TextElideMode.ElideRight, tr.width())
        p.drawText(tr, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), title)
        p.restore()


class ConferenceList(QListView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ConferenceList")
        self.setAccessibleName(self.tr("Group chats"))
        self.setAccessibleDescription(self.tr("Each group chat with its unread messages"))
        self.setItemDelegate(ConferenceDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)


class InviteBox(QWidget):
    """Pending group chat invites, each with Join and Decline."""

    accept = Signal(bytes)
    decline = Signal(bytes)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ConferenceInvites")
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Group chat invites"))
        self.list.setMaximumHeight(90)
        self.join_btn = QPushButton(self.tr("Join"))
        self.join_btn.setAccessibleName(self.tr("Join the group chat"))
        self.decline_btn = QPushButton(self.tr("Decline"))
        self.decline_btn.setAccessibleName(self.tr("Decline the invite"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.decline_btn)
        buttons.addWidget(self.join_btn)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 0, 12, 0)
        label = PlainLabel(self.tr("Group chat invites"))
        label.setObjectName("SectionLabel")
        lay.addWidget(label)
        lay.addWidget(self.list)
        lay.addLayout(buttons)
        self.join_btn.clicked.connect(lambda: self._answer(self.accept))
        self.decline_btn.clicked.connect(lambda: self._answer(self.decline))

    def _answer(self, signal: Signal) -> None:  # type: ignore[valid-type]
        item = self.list.currentItem() or self.list.item(0)
        if item is not None:
            signal.emit(bytes(item.data(Qt.ItemDataRole.UserRole)))  # type: ignore[attr-defined]

    def set_invites(self, rows: list[tuple[bytes, str]]) -> None:
        self.list.clear()
        for cid, text in rows:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, cid)
            self.list.addItem(item)
        if rows:
            self.list.setCurrentRow(0)
        self.setVisible(bool(rows))


class ConferencePage(QWidget):
    """One conference: header with its actions, the messages, the peers, the composer."""

    invite_requested = Signal()
    rename_requested = Signal()
    leave_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ConferencePage")
        header = QWidget()
        header.setObjectName("ChatHeader")
        header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.icon = PlainLabel()
        self.icon.setPixmap(icons.pixmap("group", 32, style.TEXT_MUTED))
        self.title = ElidedLabel()
        self.title.setObjectName("ChatName")
        self.sub = ElidedLabel()
        self.sub.setObjectName("ChatSub")
        self.invite_btn = self._button(self.tr("Invite…"), self.tr("Invite a friend to this group chat"))
        self.rename_btn = self._button(self.tr("Title…"), self.tr("Set the group chat's title"))
        self.links_btn = self._button(self.tr("Links"), self.tr("Show how we are connected to each member"))
        self.links_btn.setCheckable(True)
        self.leave_btn = self._button(self.tr("Leave…"), self.tr("Leave this group chat"))
        text = QVBoxLayout()
        text.setSpacing(0)
        text.addWidget(self.title)
        text.addWidget(self.sub)
        hl = QHBoxLayout(header)
        hl.setContentsMargins(16, 10, 12, 10)
        hl.addWidget(self.icon)
        hl.addLayout(text, 1)
        for b in (self.invite_btn, self.rename_btn, self.links_btn, self.leave_btn):
            hl.addWidget(b)
        self.chat_view = ChatView()
        self.peers = QListWidget()
        self.peers.setObjectName("ConferencePeers")
        self.peers.setAccessibleName(self.tr("Members"))
        self.peers.setIconSize(QSize(24, 24))
        self.links = PlainLabel()
        self.links.setObjectName("ConferenceLinks")
        self.links.setWordWrap(True)
        self.links.setAccessibleName(self.tr("How we are connected to each member"))
        self.links.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.links.hide()
        side = QWidget()
        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.addWidget(self.peers, 1)
        sl.addWidget(self.links, 1)
        split = QSplitter()
        split.addWidget(self.chat_view)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        self.composer = Composer()
        self.composer.attach.setVisible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(header)
        lay.addWidget(split, 1)
        lay.addWidget(self.composer)
        self.invite_btn.clicked.connect(self.invite_requested.emit)
        self.rename_btn.clicked.connect(self.rename_requested.emit)
        self.leave_btn.clicked.connect(self.leave_requested.emit)
        self.links_btn.toggled.connect(self.links.setVisible)

    def _button(self, text: str, tip: str) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip)
        b.setAccessibleName(tip)
        return b

    def show_conference(self, row: ConferenceRow, avatars: dict[bytes, bytes] | None = None) -> None:
        """`avatars`: the images we have for some members (friends, us); the rest get identicons."""
        avatars = avatars or {}
        self.title.setText(row.display_title)
        direct = sum(1 for p in row.peers if p.connected and not p.is_self)
        sub = counts().peers(len(row.peers))
        if not row.joined:
            sub += " · " + self.tr("joining…")
        else:
            sub += " · " + self.tr("%1 connected directly").replace("%1", str(direct))
        self.sub.setText(sub)
        self.sub.setAccessibleName(sub)
        self.chat_view.setAccessibleName(self.tr("Messages in %1").replace("%1", row.display_title))
        self.peers.clear()
        for p in sorted(row.peers, key=lambda p: (not p.is_self, p.name.casefold())):
            name = p.name or p.public_key[:4].hex().upper()
            if p.is_self:
                how = self.tr("you")
            elif p.connected:
                how = self.tr("direct")
            else:
                how = self.tr("through others")
            item = QListWidgetItem(f"{name} · {how}")
            item.setIcon(face(p.public_key, avatars.get(p.public_key, b""), 24))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{name}, {how}")
            item.setData(Qt.ItemDataRole.UserRole, p.public_key)
            self.peers.addItem(item)

    def show_links(self, facts: dict[str, object]) -> None:
        self.links.setText("\n\n".join(describe_links(facts)))  # type: ignore[arg-type]
