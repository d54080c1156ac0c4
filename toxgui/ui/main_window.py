"""The main window: our own profile and the contact list on the left, the chat on the right, and
the connection dashboard beside the chat."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QDateTime, QEvent, QModelIndex, QSize, QStandardPaths, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDesktopServices,
    QGuiApplication,
    QIcon,
    QImage,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from toxgui.models.contacts import ContactRow, last_seen_text, presence_text, short_id, stage_title
from toxgui.models.dashboard import ConnectionDashboard
from toxgui.models.roles import Role
from toxgui.models.session import Session
from toxgui.models.settings import AppSettings
from toxgui.models.transfers import TransferRow, TransferState
from toxgui.ui import icons, style
from toxgui.ui.chat_search import ChatSearchBar
from toxgui.ui.chat_view import ChatView, Composer, is_web_link
from toxgui.ui.conferences import ConferenceList, ConferencePage, InviteBox
from toxgui.ui.confirm import ask_destructive
from toxgui.ui.contact_delegate import ContactDelegate
from toxgui.ui.dashboard import DashboardPanel
from toxgui.ui.dialogs.add_friend import AddFriendDialog
from toxgui.ui.dialogs.settings import SettingsDialog
from toxgui.ui.identicon import face, identicon
from toxgui.ui.notifications import Notifier
from toxgui.ui.plain import ElidedButton, ElidedLabel, PlainLabel
from toxgui.ui.transfers import TransferStrip, open_path
from toxgui.ui.tray import Tray


def dot_icon(presence: str, size: int = 12) -> QIcon:
    pm = QPixmap(size * 2, size * 2)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(style.presence_color(presence))
    p.drawEllipse(2, 2, size * 2 - 4, size * 2 - 4)
    p.end()
    pm.setDevicePixelRatio(2)
    return QIcon(pm)


class EditableLabel(QStackedWidget):
    """A label that turns into a line edit on double click, or on Enter, F2 or Space while it has
    keyboard focus (it takes Tab focus and shows a focus ring); `edited` fires on Enter, Escape
    cancels. Its height stays the same in both states, so nothing around it moves."""

    edited = Signal(str)

    def __init__(self, object_name: str, placeholder: str, max_bytes: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = ElidedLabel()
        self.label.setObjectName(object_name)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.label.setToolTip(self.tr("Double-click, or press Enter, to edit"))
        self.edit = QLineEdit()
        self.edit.setObjectName("InlineEdit")
        self.edit.setPlaceholderText(placeholder)
        self.max_bytes = max_bytes
        self.addWidget(self.label)
        self.addWidget(self.edit)
        self.edit.returnPressed.connect(self._commit)
        self.edit.editingFinished.connect(self._finish)
        self.label.installEventFilter(self)
        self.edit.installEventFilter(self)
        self._full = ""

    def sizeHint(self) -> QSize:
        hint = self.currentWidget().sizeHint()
        return QSize(hint.width(), self._height())

    def minimumSizeHint(self) -> QSize:
        hint = self.currentWidget().minimumSizeHint()
        return QSize(hint.width(), self._height())

    def _height(self) -> int:
        return max(self.label.sizeHint().height(), self.edit.sizeHint().height())

    def setCurrentIndex(self, index: int) -> None:
        super().setCurrentIndex(index)
        self.updateGeometry()

    def set_text(self, text: str) -> None:
        self._full = text
        if text:
            self.label.setTextFormat(Qt.TextFormat.PlainText)
            self.label.setText(text)
        else:  # show what editing would let you set
            self.label.setTextFormat(Qt.TextFormat.RichText)
            self.label.setText(f"<i>{html.escape(self.edit.placeholderText())}</i>")

    def text(self) -> str:
        return self._full

    def editing(self) -> bool:
        return self.currentIndex() == 1

    def begin_edit(self) -> None:
        self.edit.setText(self._full)
        self.setCurrentIndex(1)
        self.edit.setFocus()
        self.edit.selectAll()

    def cancel_edit(self) -> None:
        self.edit.setText(self._full)
        self._finish()

    def _finish(self) -> None:
        if self.editing():
            had_focus = self.edit.hasFocus()
            self.setCurrentIndex(0)
            if had_focus:
                self.label.setFocus()

    def eventFilter(self, obj: object, e: QEvent) -> bool:
        if obj is self.label and e.type() == QEvent.Type.MouseButtonDblClick:
            self.begin_edit()
            return True
        key = e.key() if e.type() == QEvent.Type.KeyPress and isinstance(e, QKeyEvent) else None
        if obj is self.label and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2, Qt.Key.Key_Space):
            self.begin_edit()
            return True
        if obj is self.edit and key == Qt.Key.Key_Escape:
            self.cancel_edit()
            return True
        return super().eventFilter(obj, e)  # type: ignore[arg-type]

    def _commit(self) -> None:
        text = self.edit.text().strip()
        data = text.encode("utf-8")[: self.max_bytes]
        text = data.decode("utf-8", "ignore")
        self._finish()
        if text != self._full:
            self.set_text(text)
            self.edited.emit(text)


class SelfHeader(QWidget):
    """Our identicon, name, status message, status (online/away/busy) and network health."""

    network_clicked = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.avatar = QToolButton()
        self.avatar.setObjectName("SelfAvatar")
        self.avatar.setAutoRaise(True)
        self.avatar.setIconSize(QSize(44, 44))
        self.avatar.setFixedSize(48, 48)
        self.avatar.setAccessibleName(self.tr("Your picture"))
        self.show_avatar()
        self.name = EditableLabel("SelfName", self.tr("Your name"), 128)
        self.status = EditableLabel("SelfStatus", self.tr("Set a status message"), 1007)
        self.status_btn = QToolButton()
        self.status_btn.setAutoRaise(True)
        self.status_btn.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.status_btn.setIconSize(QSize(12, 12))
        self.status_btn.setAccessibleDescription(self.tr("Choose online, away or busy"))
        menu = QMenu(self.status_btn)
        group = QActionGroup(self)
        self.status_actions: dict[str, QAction] = {}
        for key in ("online", "away", "busy"):
            act = QAction(dot_icon(key), presence_text(key), self)
            act.setCheckable(True)
            act.triggered.connect(lambda _=False, k=key: self._set_status(k))
            group.addAction(act)
            menu.addAction(act)
            self.status_actions[key] = act
        self.status_btn.setMenu(menu)
        self.network = ElidedButton()
        self.network.setObjectName("NetworkChip")
        self.network.setCursor(Qt.CursorShape.PointingHandCursor)
        self.network.setToolTip(self.tr("Show the connection dashboard"))
        self.network.clicked.connect(self.network_clicked.emit)
        text = QVBoxLayout()
        text.setSpacing(0)
        text.addWidget(self.name)
        text.addWidget(self.status)
        text.addWidget(self.network)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(14, 14, 10, 8)
        lay.setSpacing(10)
        lay.addWidget(self.avatar, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(text, 1)
        lay.addWidget(self.status_btn, 0, Qt.AlignmentFlag.AlignTop)
        self.name.edited.connect(session.set_name)
        self.status.edited.connect(session.set_status_message)
        session.self_changed.connect(self.refresh)
        session.self_facts_changed.connect(self.refresh_network)
        session.avatar_changed.connect(lambda pk, _path: pk == session.public_key and self.show_avatar())
        self.refresh()
        self.refresh_network()

    def _set_status(self, key: str) -> None:
        self.session.set_status(key)

    def show_avatar(self) -> None:
        pic = self.session.own_avatar()
        self.avatar.setIcon(QIcon(face(self.session.public_key, pic, 44)))
        if not self.session.can_set_avatar():
            self.avatar.setToolTip(self.tr("Your identicon, derived from your public key"))
            return
        self.avatar.setToolTip(self.tr("Your picture: click to change it") if pic
                               else self.tr("Your identicon: click to choose a picture"))
        menu = QMenu(self.avatar)
        menu.addAction(self.tr("Choose a picture…"), self._choose_avatar)
        if pic:
            menu.addAction(self.tr("Remove the picture"), self.session.clear_avatar)
        self.avatar.setMenu(menu)
        self.avatar.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

    def _choose_avatar(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a picture"), "",
                                              self.tr("Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp)"))
        if path:
            try:
                self.session.set_avatar_file(path)
            except (ValueError, RuntimeError, OSError) as e:
                QMessageBox.warning(self, self.tr("Picture not set"), str(e))

    def refresh(self) -> None:
        b = self.session.backend
        self.name.set_text(b.name or self.tr("Unnamed"))
        self.status.set_text(b.status_message)
        st = b.user_status
        self.status_btn.setIcon(dot_icon(st))
        self.status_btn.setToolTip(self.tr("Your status: %1").replace("%1", presence_text(st)))
        self.status_btn.setAccessibleName(self.status_btn.toolTip())
        self.name.label.setAccessibleName(self.tr("Your name: %1").replace("%1", self.name.text()))
        self.status.label.setAccessibleName(self.tr("Your status message: %1").replace("%1", self.status.text()))
        self.network.setAccessibleName(self.tr("Network status"))
        self.network.setAccessibleDescription(self.network.text().lstrip("● "))
        if st in self.status_actions:
            self.status_actions[st].setChecked(True)

    def refresh_network(self) -> None:
        try:
            f = self.session.network_facts()
        except (KeyError, ValueError):
            f = {}
        good = int(f.get("dht_good") or 0)
        if good == 0:
            self.network.setText(self.tr("● Connecting to the Tox network…"))
        elif f.get("announced"):
            self.network.setText(self.tr("● Online · %n DHT node(s)", "", good))
        else:
            self.network.setText(self.tr("● Announcing · %n DHT node(s)", "", good))
        self.network.setAccessibleDescription(self.network.text().lstrip("● "))


class ChatHeader(QWidget):
    dashboard_toggled = Signal(bool)
    remove_requested = Signal()
    copy_key_requested = Signal()
    export_requested = Signal()
    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ChatHeader")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.avatar = PlainLabel()
        self.avatar.setFixedSize(38, 38)
        self.name = ElidedLabel()
        self.name.setObjectName("ChatName")
        self.sub = ElidedLabel()
        self.sub.setObjectName("ChatSub")
        self.dash_btn = QToolButton()
        self.dash_btn.setCheckable(True)
        icons.themed(self.dash_btn, "dashboard", "TEXT_MUTED", 20)
        self.dash_btn.setIconSize(QSize(20, 20))
        self.dash_btn.setToolTip(self.tr("Connection dashboard"))
        self.dash_btn.setAccessibleName(self.tr("Connection dashboard"))
        self.dash_btn.setAccessibleDescription(self.tr("Shows each step of the connection to this friend"))
        self.dash_btn.toggled.connect(self.dashboard_toggled.emit)
        self.find_btn = QToolButton()
        icons.themed(self.find_btn, "search", "TEXT_MUTED", 20)
        self.find_btn.setIconSize(QSize(20, 20))
        self.find_btn.setToolTip(self.tr("Search in this chat"))
        self.find_btn.setAccessibleName(self.tr("Search in this chat"))
        self.more = QToolButton()
        icons.themed(self.more, "more", "TEXT_MUTED", 20)
        self.more.setIconSize(QSize(20, 20))
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more.setToolTip(self.tr("More"))
        self.more.setAccessibleName(self.tr("More actions"))
        menu = QMenu(self.more)
        menu.addAction(self.tr("Copy public key"), self.copy_key_requested.emit)
        menu.addSeparator()
        self.export_action = menu.addAction(self.tr("Export history…"), self.export_requested.emit)
        self.clear_action = menu.addAction(self.tr("Clear history…"), self.clear_requested.emit)
        menu.addSeparator()
        menu.addAction(self.tr("Remove friend…"), self.remove_requested.emit)
        self.more.setMenu(menu)
        text = QVBoxLayout()
        text.setSpacing(0)
        text.addWidget(self.name)
        text.addWidget(self.sub)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(16, 10, 12, 10)
        lay.setSpacing(10)
        lay.addWidget(self.avatar)
        lay.addLayout(text, 1)
        lay.addWidget(self.find_btn)
        lay.addWidget(self.dash_btn)
        lay.addWidget(self.more)

    def show_contact(self, row: ContactRow) -> None:
        self.avatar.setPixmap(face(row.public_key, row.avatar, 38))
        self.name.setText(row.display_name)
        if row.online:
            sub = presence_text(row.presence)
            if row.status_message:
                sub += " · " + row.status_message
        else:
            sub = f"{presence_text('offline')} · {last_seen_text(row.last_seen)} · {stage_title(row.stage)}"
        self.sub.setText(sub)


class _Pane(QWidget):
    """A side pane that asks for `width` and gives way down to its minimum in a small window."""

    def __init__(self, width: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._width = width
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:
        return QSize(self._width, super().sizeHint().height())


class MainWindow(QMainWindow):
    """At the minimum size (760×480) with the dashboard open, the sidebar, the chat and the
    dashboard each give way to their minimum widths (which add up to less than 760)."""

    quit_requested = Signal()
    logout_requested = Signal()  # back to the profile chooser (quit_requested follows)
    MIN_SIZE = (760, 480)
    SIDEBAR_WIDTH, SIDEBAR_MIN = 310, 250
    CHAT_MIN = 250

    def __init__(self, session: Session, settings: AppSettings, parent: QWidget | None = None, *,
                 notifier: Notifier | None = None) -> None:
        """`notifier`: how notifications are shown (default: the session bus's notification
        service, else the tray)."""
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.current: bytes | None = None
        self.url_opener: Callable[[QUrl], object] = QDesktopServices.openUrl  # replaceable in tests
        self.drafts: dict[bytes, str] = {}  # unsent text of the chats not shown, while toxgui runs
        self.add_dialog: AddFriendDialog | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.dashboard = ConnectionDashboard(session, parent=self)
        self.setWindowTitle("toxgui")
        self.resize(1100, 720)
        self.setMinimumSize(*self.MIN_SIZE)

        # --- sidebar --------------------------------------------------------------------------
        side = _Pane(self.SIDEBAR_WIDTH)
        side.setObjectName("Sidebar")
        side.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        side.setMinimumWidth(self.SIDEBAR_MIN)
        side.setMaximumWidth(self.SIDEBAR_WIDTH)
        self.sidebar = side
        self.self_header = SelfHeader(session)
        self.search = QLineEdit()
        self.search.setObjectName("Search")
        self.search.setPlaceholderText(self.tr("Search contacts"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search contacts"))
        self.search_icon = self.search.addAction(icons.icon("search", style.TEXT_FAINT, 16),
                                                 QLineEdit.ActionPosition.LeadingPosition)
        self.contact_list = QListView()
        self.contact_list.setObjectName("ContactList")
        self.contact_list.setAccessibleName(self.tr("Friends"))
        self.contact_list.setAccessibleDescription(self.tr("Each friend with their connection state"))
        self.contact_list.setModel(session.contacts_proxy)
        self.contact_list.setItemDelegate(ContactDelegate(self.contact_list))
        self.contact_list.setMouseTracking(True)
        self.contact_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.contact_list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.contact_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.contact_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.contact_list.customContextMenuRequested.connect(self._contact_menu)
        self.no_contacts = PlainLabel(self.tr("No friends yet.\nAdd one with their Tox ID."))
        self.no_contacts.setObjectName("HintText")
        self.no_contacts.setAlignment(Qt.AlignmentFlag.AlignCenter)

        bar = QWidget()
        bar.setObjectName("BottomBar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.add_btn = self._bar_button("add_friend", self.tr("Add"), self.tr("Add a friend"))
        self.requests_btn = self._bar_button("requests", self.tr("Requests"), self.tr("Friend requests"))
        self.id_btn = self._bar_button("id", self.tr("My ID"), self.tr("My Tox ID and QR code"))
        self.settings_btn = self._bar_button("settings", self.tr("Settings"), self.tr("Settings"))
        bl = QHBoxLayout(bar)
        bl.setContentsMargins(6, 6, 6, 6)
        bl.setSpacing(2)
        for b in (self.add_btn, self.requests_btn, self.id_btn, self.settings_btn):
            bl.addWidget(b, 1)

        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.setSpacing(6)
        sl.addWidget(self.self_header)
        search_box = QHBoxLayout()
        search_box.setContentsMargins(12, 0, 12, 4)
        search_box.addWidget(self.search)
        sl.addLayout(search_box)
        sl.addWidget(self.no_contacts, 1)
        sl.addWidget(self.contact_list, 1)
        self.groups_head = QWidget()
        gh = QHBoxLayout(self.groups_head)
        gh.setContentsMargins(14, 0, 12, 0)
        groups_label = PlainLabel(self.tr("Group chats"))
        groups_label.setObjectName("SectionLabel")
        self.new_group_btn = QToolButton()
        self.new_group_btn.setText(self.tr("New group chat…"))
        self.new_group_btn.setIcon(icons.icon("group", style.TEXT_MUTED, 16))
        self.new_group_btn.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.new_group_btn.setAccessibleName(self.tr("New group chat"))
        self.new_group_btn.setToolTip(self.tr("Create a group chat and invite friends to it"))
        gh.addWidget(groups_label, 1)
        gh.addWidget(self.new_group_btn)
        self.conference_list = ConferenceList()
        self.conference_list.setModel(session.conferences)
        self.conference_list.setMaximumHeight(160)
        self.invite_box = InviteBox()
        self.invite_box.hide()
        self.groups_head.setVisible(session.can_confer())
        self.conference_list.setVisible(session.can_confer())
        sl.addWidget(self.groups_head)
        sl.addWidget(self.conference_list)
        sl.addWidget(self.invite_box)
        sl.addWidget(bar)

        # --- chat -------------------------------------------------------------------------------
        self.header = ChatHeader()
        self.chat_view = ChatView()
        self.typing_label = PlainLabel()
        self.typing_label.setObjectName("Typing")
        self.typing_label.setFixedHeight(20)
        self.composer = Composer()
        self.transfer_strip = TransferStrip()
        self.composer.attach.setVisible(session.can_send_files())
        chat_page = QWidget()
        cl = QVBoxLayout(chat_page)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.setSpacing(0)
        cl.addWidget(self.header)
        self.chat_search = ChatSearchBar(self.chat_view)
        self.chat_search.hide()
        self.chat_search.closed.connect(lambda: self.composer.input.setFocus())
        self.header.find_btn.clicked.connect(self.open_chat_search)
        cl.addWidget(self.chat_search)
        cl.addWidget(self.chat_view, 1)
        cl.addWidget(self.typing_label)
        cl.addWidget(self.transfer_strip)
        cl.addWidget(self.composer)

        self.empty_page = self._build_empty()
        self.stack = QStackedWidget()
        self.stack.setMinimumWidth(self.CHAT_MIN)
        self.stack.addWidget(self.empty_page)
        self.stack.addWidget(chat_page)
        self.conference_page = ConferencePage()
        self.stack.addWidget(self.conference_page)
        self.current_conference: bytes | None = None

        self.dash_panel = DashboardPanel(self.dashboard)
        self.dash_panel.hide()

        central = QWidget()
        lay = QHBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(side)
        lay.addWidget(self.stack, 1)
        lay.addWidget(self.dash_panel)
        self.setCentralWidget(central)

        # --- connections -------------------------------------------------------------------------
        self.search.textChanged.connect(session.contacts_proxy.set_search)
        self.search.textChanged.connect(self._update_empty)
        self.contact_list.selectionModel().currentChanged.connect(self._current_changed)
        self.contact_list.clicked.connect(lambda _ix: self.composer.input.setFocus())
        self.contact_list.activated.connect(lambda _ix: self.composer.input.setFocus())  # Enter
        self.add_btn.clicked.connect(lambda: self.open_add_friend(AddFriendDialog.TAB_ADD))
        self.requests_btn.clicked.connect(lambda: self.open_add_friend(AddFriendDialog.TAB_REQUESTS))
        self.id_btn.clicked.connect(lambda: self.open_add_friend(AddFriendDialog.TAB_MY_ID))
        self.settings_btn.clicked.connect(self.open_settings)
        self.self_header.network_clicked.connect(lambda: self.toggle_dashboard(not self.dash_panel.isVisible()))
        self.header.dashboard_toggled.connect(self.toggle_dashboard)
        self.header.remove_requested.connect(lambda: self.current and self.confirm_remove_friend(self.current))
        self.header.copy_key_requested.connect(self._copy_key)
        self.header.export_requested.connect(self._export_current)
        self.header.clear_requested.connect(self._clear_current)
        self.dash_panel.closed.connect(lambda: self.toggle_dashboard(False))
        self.composer.submitted.connect(self._send)
        self.composer.typing.connect(self._typing)
        self.composer.attach_requested.connect(self._attach)
        self.composer.image_pasted.connect(self.send_image)
        self.composer.files_pasted.connect(self.send_files)
        self.chat_view.files_dropped.connect(self.send_files)
        self.chat_view.link_activated.connect(self.open_link)
        self.transfer_strip.action.connect(self._transfer_action)
        self.session.file_offered.connect(self._file_offered)
        session.transfers_changed.connect(self._transfers_changed)
        session.request_count_changed.connect(self._update_requests)
        session.contacts.dataChanged.connect(self._contacts_changed)
        session.contacts.rowsInserted.connect(self._update_empty)
        session.contacts.rowsInserted.connect(self._apply_aliases)
        session.contacts.rowsRemoved.connect(self._update_empty)
        session.contacts.modelReset.connect(self._update_empty)
        session.friend_removed.connect(self._friend_removed)
        session.friend_added.connect(self._friend_added)
        session.unread_changed.connect(self._update_title)
        session.message_received.connect(self._notify_message)
        session.friend_request_received.connect(self._notify_request)
        session.self_changed.connect(self._self_changed)
        self.new_group_btn.clicked.connect(self.ask_new_conference)
        self.conference_list.selectionModel().currentChanged.connect(self._conference_current_changed)
        self.conference_list.clicked.connect(lambda ix: self._conference_current_changed(ix, QModelIndex()))
        self.conference_list.customContextMenuRequested.connect(self._conference_menu)
        self.conference_page.composer.submitted.connect(self._send_conference)
        self.conference_page.invite_requested.connect(lambda: self.ask_invite())
        self.conference_page.rename_requested.connect(lambda: self.ask_conference_title())
        self.conference_page.leave_requested.connect(lambda: self.confirm_leave_conference())
        self.conference_page.links_btn.toggled.connect(lambda _on: self._refresh_conference())
        self.invite_box.accept.connect(self.accept_conference_invite)
        self.invite_box.decline.connect(self._decline_conference_invite)
        session.conference_changed.connect(self._conference_changed)
        session.conference_added.connect(self._conference_changed)
        session.conference_removed.connect(self._conference_removed)
        session.conference_invites_changed.connect(self._update_invites)
        session.conference_message.connect(self._notify_conference_message)

        self._shortcuts()

        self.setWindowIcon(icons.app_icon())
        self.tray = Tray.create(icons.app_icon(), self)
        if self.tray is not None:
            self.tray.show_requested.connect(self.bring_to_front)
            self.tray.quit_requested.connect(self.request_quit)
        self.notifier = notifier if notifier is not None else Notifier(self.tray, self)
        self.notifier.activated.connect(self._notification_clicked)
        self._quitting = False
        geo = settings.geometry()
        if geo:
            self.restoreGeometry(geo)
        self._update_requests()
        self._update_empty()
        self._update_title()
        self._apply_aliases()
        ctl = style.theme_controller()
        if ctl is not None:
            ctl.changed.connect(self.apply_theme)

    def apply_theme(self, *_: object) -> None:
        """Redraw what is painted once (icons, identicons) in the current theme's colours."""
        icons.refresh_themed()
        self.conference_page.icon.setPixmap(icons.pixmap("group", 32, style.TEXT_MUTED))
        self.new_group_btn.setIcon(icons.icon("group", style.TEXT_MUTED, 16))
        self.search_icon.setIcon(icons.icon("search", style.TEXT_FAINT, 16))
        self.self_header.show_avatar()
        self.self_header.refresh()
        self.empty_avatar.setPixmap(identicon(self.session.backend.public_key, 96))
        self._update_requests()
        self._refresh_chat_header()
        self.contact_list.viewport().update()
        self.chat_view.restyle()

    # --- keyboard --------------------------------------------------------------------------------

    SHORTCUTS: ClassVar[dict[str, tuple[str, ...]]] = {
        "add_friend": ("Ctrl+N",),
        "search": ("Ctrl+F",),
        "search_chat": ("Ctrl+Shift+F",),
        "next_chat": ("Ctrl+Tab", "Ctrl+PgDown"),
        "previous_chat": ("Ctrl+Shift+Tab", "Ctrl+Shift+Backtab", "Ctrl+PgUp"),
        "dashboard": ("Ctrl+D",),
        "settings": ("Ctrl+,",),
        "edit_name": ("F2",),
        "quit": ("Ctrl+Q",),
    }

    def _shortcuts(self) -> None:
        """Window-wide shortcuts, as actions (so they also work while the composer has focus)."""
        handlers = {
            "add_friend": (self.tr("Add a friend"), lambda: self.open_add_friend(AddFriendDialog.TAB_ADD)),
            "search": (self.tr("Search contacts"), self.focus_search),
            "search_chat": (self.tr("Search in this chat"), self.open_chat_search),
            "next_chat": (self.tr("Next chat"), lambda: self.step_chat(1)),
            "previous_chat": (self.tr("Previous chat"), lambda: self.step_chat(-1)),
            "dashboard": (self.tr("Connection dashboard"), lambda: self.toggle_dashboard(not self.dash_panel.isVisible())),
            "settings": (self.tr("Settings"), self.open_settings),
            "edit_name": (self.tr("Edit your name"), self.edit_own_profile),
            "quit": (self.tr("Quit"), self.request_quit),
        }
        self.actions_by_name: dict[str, QAction] = {}
        for key, (text, slot) in handlers.items():
            act = QAction(text, self)
            act.setShortcuts([QKeySequence(k) for k in self.SHORTCUTS[key]])
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            self.actions_by_name[key] = act
        for button, key in ((self.add_btn, "add_friend"), (self.settings_btn, "settings"),
                            (self.header.dash_btn, "dashboard"), (self.header.find_btn, "search_chat")):
            seq = QKeySequence(self.SHORTCUTS[key][0]).toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(f"{button.toolTip()} ({seq})")

    def edit_own_profile(self) -> None:
        """F2: edit the status message when its label has focus, else the name."""
        status = self.self_header.status
        (status if status.label.hasFocus() else self.self_header.name).begin_edit()

    def open_chat_search(self) -> None:
        if self.current is not None:
            self.chat_search.open_search()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def step_chat(self, step: int) -> None:
        """Open the next (1) or previous (-1) chat in the contact list's order, wrapping round."""
        model = self.contact_list.model()
        n = model.rowCount()
        if n == 0:
            return
        cur = self.contact_list.currentIndex()
        row = (cur.row() + step) % n if cur.isValid() else (0 if step > 0 else n - 1)
        self.contact_list.setCurrentIndex(model.index(row, 0))

    # --- building blocks ---------------------------------------------------------------------

    def _bar_button(self, icon_name: str, text: str, tip: str) -> QToolButton:
        b = QToolButton()
        icons.themed(b, icon_name, "TEXT_MUTED", 22)
        b.setText(text)
        b.setToolTip(tip)
        b.setAccessibleName(text)
        b.setIconSize(QSize(22, 22))
        b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        return b

    def _build_empty(self) -> QWidget:
        w = QWidget()
        w.setObjectName("Empty")
        b = self.session.backend
        avatar = self.empty_avatar = PlainLabel()
        avatar.setPixmap(identicon(b.public_key, 96))
        avatar.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_title = PlainLabel()
        self.empty_title.setObjectName("EmptyTitle")
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = PlainLabel(self.tr("Pick a friend on the left to start chatting,\nor add a friend with their Tox ID."))
        text.setObjectName("EmptyText")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        add = QPushButton(self.tr("Add a friend"))
        add.setProperty("primary", True)
        add.clicked.connect(lambda: self.open_add_friend(AddFriendDialog.TAB_ADD))
        my = QPushButton(self.tr("Show my Tox ID"))
        my.clicked.connect(lambda: self.open_add_friend(AddFriendDialog.TAB_MY_ID))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(my)
        row.addWidget(add)
        row.addStretch(1)
        lay = QVBoxLayout(w)
        lay.addStretch(2)
        lay.addWidget(avatar)
        lay.addSpacing(8)
        lay.addWidget(self.empty_title)
        lay.addWidget(text)
        lay.addSpacing(12)
        lay.addLayout(row)
        lay.addStretch(3)
        self._self_changed()
        return w

    # --- selection and chat ---------------------------------------------------------------------

    def select_friend(self, pk: bytes) -> bool:
        src = self.session.contacts.index_of(pk)
        if not src.isValid():
            return False
        ix = self.session.contacts_proxy.mapFromSource(src)
        if not ix.isValid():  # hidden by the search filter
            self.search.clear()
            ix = self.session.contacts_proxy.mapFromSource(src)
        self.contact_list.setCurrentIndex(ix)
        return True

    def _current_changed(self, cur: QModelIndex, prev: QModelIndex) -> None:
        pk = bytes(cur.data(Role.PublicKey)) if cur.isValid() else None
        if pk is not None and self.current_conference is not None:
            self._leave_conference_page()
        if pk == self.current:
            if pk is not None:
                self.stack.setCurrentIndex(1)
            return
        if self.current is not None:
            self.session.set_typing(self.current, False)
            draft = self.composer.draft()
            if draft:
                self.drafts[self.current] = draft
            else:
                self.drafts.pop(self.current, None)
        self.current = pk
        self.session.set_active_chat(pk)
        self.dashboard.set_friend(pk)
        if pk is None:
            self.chat_view.set_chat(None)
            self.stack.setCurrentIndex(0)
            return
        self.chat_view.self_name = self.session.own_name
        self._refresh_chat_header()
        self.chat_view.set_chat(self.session.chat(pk))
        self.transfer_strip.set_rows(self.session.transfers.rows_for(pk))
        self.composer.set_draft(self.drafts.get(pk, ""))
        self.chat_search.chat_changed()
        self.composer.show_problem("")
        self.stack.setCurrentIndex(1)
        if not self.contact_list.hasFocus():  # arrowing through the list keeps the focus there
            self.composer.input.setFocus()

    def _refresh_chat_header(self) -> None:
        if self.current is None:
            return
        row = self.session.contacts.get(self.current)
        if row is None:
            return
        self.header.show_contact(row)
        note = self.settings.note(self.current)
        self.header.name.setToolTip(note)
        self.header.name.setAccessibleDescription(self.tr("Note: %1").replace("%1", note) if note else "")
        self.chat_view.set_names(self.session.own_name, row.display_name)
        self.chat_view.setAccessibleName(self.tr("Messages with %1").replace("%1", row.display_name))
        self.header.sub.setAccessibleName(self.header.sub.full_text())
        self.chat_view.set_peer_online(row.online)
        self.typing_label.setText(self.tr("%1 is typing…").replace("%1", row.display_name) if row.typing else "")
        if row.online:
            self.composer.set_offline_hint("")
        else:
            self.composer.set_offline_hint(
                self.tr("%1 is offline: messages wait here and go out when %1 is back.").replace("%1", row.display_name)
            )

    def _contacts_changed(self, tl: QModelIndex, br: QModelIndex, roles: list[int]) -> None:
        if self.current is not None and tl.row() <= self.session.contacts.index_of(self.current).row() <= br.row():
            self._refresh_chat_header()

    def _send(self, text: str) -> None:
        if self.current is not None:
            self.session.send_text(self.current, text)

    # --- files --------------------------------------------------------------------------------

    def _attach(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Send files"))
        self.send_files(paths)

    def send_files(self, paths: list[str]) -> None:
        """Offer files to the open chat's friend; a file that cannot go says why under the input."""
        if self.current is None:
            return
        for path in paths:
            try:
                self.session.send_file(self.current, path)
            except (ValueError, RuntimeError, OSError) as e:
                self.composer.show_problem(self.tr("%1 was not sent: %2").replace("%1", Path(path).name)
                                           .replace("%2", str(e)))
                return

    def send_image(self, img: QImage) -> str | None:
        """A picture pasted into the input: saved as a PNG in a folder of our own under the
        temporary folder (where the transfer reads it from) and sent; returns its path."""
        if self.current is None or img.isNull():
            return None
        folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.TempLocation)) / "toxgui-pasted"
        try:
            folder.mkdir(mode=0o700, exist_ok=True)
        except OSError as e:
            self.composer.show_problem(str(e))
            return None
        stamp = QDateTime.currentDateTime().toString("yyyyMMdd-HHmmss")
        path = folder / f"pasted-{stamp}.png"
        n = 1
        while path.exists():
            path = folder / f"pasted-{stamp}-{n}.png"
            n += 1
        if not img.save(str(path), "PNG"):
            self.composer.show_problem(self.tr("The pasted picture could not be saved."))
            return None
        self.send_files([str(path)])
        return str(path)

    def _transfer_action(self, transfer: str, action: str) -> None:
        pk = self.current
        if pk is None:
            return
        row = self.session.transfers.get(pk, transfer)
        try:
            if action == "accept":
                self.session.accept_file(pk, transfer, self.download_path(row))
            elif action in ("reject", "cancel", "pause", "resume"):
                self.session.control_file(pk, transfer, action)
            elif action in ("open", "folder") and row is not None and row.path:
                open_path(row.path, folder=action == "folder")
        except (ValueError, RuntimeError, OSError) as e:
            self.composer.show_problem(str(e))

    def download_path(self, row: TransferRow | None) -> str | None:
        """Where an accepted file goes: the folder chosen in the settings, else the backend's
        (the desktop's downloads folder)."""
        folder = self.settings.download_dir
        return str(Path(folder) / row.name) if folder and row is not None else None

    def _file_offered(self, pk: bytes, name: str) -> None:
        """Accept an offer at once when the friend's automatic limit allows it."""
        limit = self.settings.auto_accept(pk)
        if not limit:
            return
        for row in self.session.transfers.rows_for(pk):
            if (row.incoming and row.state == TransferState.OFFERED and row.name == name
                    and row.size is not None and row.size <= limit * 1_000_000):
                try:
                    self.session.accept_file(pk, row.transfer, self.download_path(row))
                except (ValueError, RuntimeError, OSError) as e:
                    if pk == self.current:
                        self.composer.show_problem(str(e))

    def ask_auto_accept(self, pk: bytes) -> QInputDialog:
        """Up to how many MB files from this friend are accepted without asking (0: always ask)."""
        dlg = QInputDialog(self)
        dlg.setInputMode(QInputDialog.InputMode.IntInput)
        dlg.setWindowTitle(self.tr("Accept files automatically"))
        dlg.setLabelText(self.tr("Accept files from this friend up to this size without asking, in MB "
                                 "(0: always ask):"))
        dlg.setIntRange(0, 1_000_000)
        dlg.setIntValue(self.settings.auto_accept(pk))
        dlg.intValueSelected.connect(lambda mb: self.settings.set_auto_accept(pk, mb))
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.auto_accept_dialog = dlg
        dlg.open()
        return dlg

    def _transfers_changed(self, pk: bytes) -> None:
        if pk == self.current:
            self.transfer_strip.set_rows(self.session.transfers.rows_for(pk))

    def _typing(self, on: bool) -> None:
        if self.current is not None:
            self.session.set_typing(self.current, on)

    def _copy_key(self) -> None:
        if self.current is not None:
            QGuiApplication.clipboard().setText(self.current.hex().upper())

    def _friend_added(self, pk: bytes) -> None:
        if self.current is None and len(self.session.contacts) == 1:
            QTimer.singleShot(0, lambda: self.select_friend(pk))

    def _friend_removed(self, pk: bytes) -> None:
        if pk == self.current:
            self.contact_list.clearSelection()
            self.contact_list.setCurrentIndex(QModelIndex())
            self.current = None
            self.dashboard.set_friend(None)
            self.chat_view.set_chat(None)
            self.stack.setCurrentIndex(0)

    def _update_empty(self, *_: object) -> None:
        """An empty list says why: no friends yet, or none matching the search."""
        has = len(self.session.contacts) > 0
        query = self.search.text().strip()
        shown = self.session.contacts_proxy.rowCount() > 0
        if not has:
            self.no_contacts.setText(self.tr("No friends yet.\nAdd one with their Tox ID."))
        elif not shown and query:
            self.no_contacts.setText(self.tr("No friend matches “%1”.").replace("%1", query))
        self.no_contacts.setVisible(not has or (not shown and bool(query)))
        self.contact_list.setVisible(has and (shown or not query))

    def _self_changed(self) -> None:
        name = self.session.own_name
        if hasattr(self, "empty_title"):
            self.empty_title.setText(self.tr("Welcome, %1").replace("%1", name) if name else self.tr("Welcome"))
        if hasattr(self, "chat_view"):
            self.chat_view.set_names(name, self.chat_view.peer_name)

    def _update_requests(self, *_: object) -> None:
        n = len(self.session.requests)
        invites = len(self.session.conference_invites)
        self.requests_btn.setIcon(icons.badge_icon("requests", n + invites, 22))
        tip = self.tr("%n friend request(s) waiting", "", n) if n else self.tr("Friend requests")
        if invites:
            tip += "\n" + self.tr("%n group chat invite(s) waiting", "", invites)
        self.requests_btn.setToolTip(tip)

    def _update_title(self, *_: object) -> None:
        n = self.session.total_unread()
        self.setWindowTitle(f"({n}) toxgui" if n else "toxgui")

    # --- dashboard ------------------------------------------------------------------------------

    def toggle_dashboard(self, on: bool) -> None:
        self.dash_panel.setVisible(on)
        if self.header.dash_btn.isChecked() != on:
            self.header.dash_btn.blockSignals(True)
            self.header.dash_btn.setChecked(on)
            self.header.dash_btn.blockSignals(False)
        if on:
            self.dashboard.refresh()

    # --- dialogs ---------------------------------------------------------------------------------

    def open_add_friend(self, tab: int = AddFriendDialog.TAB_ADD) -> AddFriendDialog:
        if self.add_dialog is None:
            self.add_dialog = AddFriendDialog(self.session, self)
            self.add_dialog.request_sent.connect(lambda pk: QTimer.singleShot(0, lambda: self.select_friend(pk)))
            self.add_dialog.conference_join_requested.connect(self._join_from_requests)
        self.add_dialog.result.hide()  # an earlier outcome is not news
        self.add_dialog.tabs.setCurrentIndex(tab)
        self.add_dialog.open()
        self.add_dialog.raise_()
        return self.add_dialog

    def open_tox_uri(self, uri: str) -> AddFriendDialog | None:
        """Open the add-friend dialog prefilled from a tox: link (tox:ID or tox://ID); a link to
        someone who is already a friend opens their chat instead (None)."""
        text = uri.strip()
        if text.lower().startswith("tox:"):
            text = text[4:].lstrip("/")
        text = text.split("?", 1)[0]
        self.bring_to_front()  # first, so the dialog is stacked above the window, not behind it
        try:
            pk = bytes.fromhex(text)[:32] if len(text) == 76 else b""
        except ValueError:
            pk = b""
        if pk and pk in self.session.contacts:
            self.select_friend(pk)
            return None
        dlg = self.open_add_friend(AddFriendDialog.TAB_ADD)
        dlg.set_tox_id(text)
        return dlg

    def open_settings(self) -> SettingsDialog:
        self.settings_dialog = SettingsDialog(self.settings, self, can_notify=self.notifier.available(),
                                              session=self.session)
        self.settings_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.settings_dialog.logout_requested.connect(self.request_logout)
        self.settings_dialog.open()
        return self.settings_dialog

    def _export_current(self) -> None:
        if self.current is not None:
            self.export_history(self.current)

    def _clear_current(self) -> None:
        if self.current is not None:
            self.confirm_clear_history(self.current)

    def export_history(self, pk: bytes, path: str | None = None, fmt: str | None = None) -> bool:
        """Save the chat with `pk` as plain text or JSON. Without `path`, a file dialog asks
        where (and, by its filter or the name's ending, in which format)."""
        row = self.session.contacts.get(pk)
        name = row.display_name if row else short_id(pk)
        text_filter = self.tr("Plain text (*.txt)")
        json_filter = self.tr("JSON (*.json)")
        if path is None:
            safe = "".join(c if c.isalnum() or c in "-_ " else "_" for c in name).strip() or "chat"
            path, chosen = QFileDialog.getSaveFileName(
                self, self.tr("Export the chat with %1").replace("%1", name), f"{safe}.txt",
                f"{text_filter};;{json_filter}",
            )
            if not path:
                return False
            if fmt is None:
                fmt = "json" if chosen == json_filter else "text"
        if fmt is None:
            fmt = "json" if path.lower().endswith(".json") else "text"
        try:
            self.session.export_history(pk, Path(path), fmt)
        except OSError as e:
            QMessageBox.warning(
                self, self.tr("Export failed"),
                self.tr("The chat could not be saved to %1: %2").replace("%1", path).replace("%2", e.strerror or str(e)),
            )
            return False
        more = self.header.more
        QToolTip.showText(more.mapToGlobal(more.rect().bottomLeft()),
                          self.tr("Chat with %1 saved to %2").replace("%1", name).replace("%2", path), more)
        return True

    def confirm_clear_history(self, pk: bytes) -> QMessageBox:
        """Ask before deleting the chat with `pk` from this profile's history."""
        row = self.session.contacts.get(pk)
        name = row.display_name if row else short_id(pk)
        self.confirm_box = ask_destructive(
            self, self.tr("Clear history"),
            self.tr("Delete the whole chat with %1 from this computer?").replace("%1", name),
            self.tr("This cannot be undone; export the chat first to keep a copy. "
                    "Messages still waiting to be sent are kept."),
            self.tr("Clear history"), lambda: self.session.clear_history(pk),
        )
        return self.confirm_box

    def confirm_remove_friend(self, pk: bytes) -> QMessageBox:
        row = self.session.contacts.get(pk)
        name = row.display_name if row else short_id(pk)
        def remove() -> None:
            if self.session.is_friend(pk):
                self.session.remove_friend(pk)

        self.confirm_box = ask_destructive(
            self, self.tr("Remove friend"), self.tr("Remove %1 from your friends?").replace("%1", name),
            self.tr("You can add each other again later. Your chat history is kept."), self.tr("Remove"), remove,
        )
        return self.confirm_box

    # --- conferences ---------------------------------------------------------------------------

    def _leave_conference_page(self) -> None:
        self.current_conference = None
        self.session.set_active_conference(None)
        self.conference_page.chat_view.set_chat(None)
        self.conference_list.selectionModel().clearSelection()
        self.conference_list.setCurrentIndex(QModelIndex())

    def select_conference(self, cid: bytes) -> bool:
        rows = [r.conference_id for r in self.session.conferences.rows()]
        if cid not in rows:
            return False
        self.conference_list.setCurrentIndex(self.session.conferences.index(rows.index(cid), 0))
        return True

    def _conference_current_changed(self, cur: QModelIndex, prev: QModelIndex) -> None:
        cid = bytes(cur.data(Role.PublicKey)) if cur.isValid() else None
        if cid is None or (cid == self.current_conference and self.stack.currentIndex() == 2):
            return
        if self.current is not None:  # leave the friend's chat (its draft is kept)
            self.contact_list.setCurrentIndex(QModelIndex())
        self.current_conference = cid
        self.session.set_active_conference(cid)
        page = self.conference_page
        page.chat_view.self_name = self.session.own_name
        page.chat_view.set_chat(self.session.conference_chat(cid))
        page.chat_view.set_peer_online(True)
        page.composer.show_problem("")
        self._refresh_conference()
        self.stack.setCurrentIndex(2)
        page.composer.input.setFocus()

    def _refresh_conference(self) -> None:
        cid = self.current_conference
        row = self.session.conferences.get(cid) if cid is not None else None
        if row is None:
            return
        avatars = {p.public_key: c.avatar for p in row.peers if (c := self.session.contacts.get(p.public_key)) and c.avatar}
        own = self.session.own_avatar()
        if own:
            avatars[self.session.public_key] = own
        self.conference_page.show_conference(row, avatars)
        if self.conference_page.links_btn.isChecked():
            try:
                self.conference_page.show_links(self.session.conference_facts(row.conference_id))
            except ValueError:
                self.conference_page.show_links({})

    def _conference_changed(self, cid: bytes) -> None:
        if cid == self.current_conference:
            self._refresh_conference()
        self._update_title()

    def _conference_removed(self, cid: bytes) -> None:
        if cid == self.current_conference:
            self._leave_conference_page()
            self.stack.setCurrentIndex(0)

    def _send_conference(self, text: str) -> None:
        if self.current_conference is None:
            return
        try:
            self.session.send_conference_text(self.current_conference, text)
        except ValueError as e:
            self.conference_page.composer.show_problem(str(e))

    def ask_new_conference(self) -> QInputDialog:
        dlg = QInputDialog(self)
        dlg.setWindowTitle(self.tr("New group chat"))
        dlg.setLabelText(self.tr("Title of the group chat:"))
        dlg.setTextValue("")

        def done(ok: int) -> None:
            if ok:
                try:
                    cid = self.session.new_conference(dlg.textValue().strip())
                except ValueError as e:
                    QMessageBox.warning(self, self.tr("New group chat"), str(e))
                    return
                self.select_conference(cid)

        dlg.finished.connect(done)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.conference_dialog = dlg
        dlg.open()
        return dlg

    def ask_conference_title(self, cid: bytes | None = None) -> QInputDialog | None:
        cid = cid or self.current_conference
        row = self.session.conferences.get(cid) if cid else None
        if row is None:
            return None
        dlg = QInputDialog(self)
        dlg.setWindowTitle(self.tr("Group chat title"))
        dlg.setLabelText(self.tr("Title of the group chat:"))
        dlg.setTextValue(row.title)

        def done(ok: int) -> None:
            if ok:
                try:
                    self.session.set_conference_title(row.conference_id, dlg.textValue().strip())
                except ValueError as e:
                    QMessageBox.warning(self, self.tr("Group chat title"), str(e))

        dlg.finished.connect(done)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.conference_dialog = dlg
        dlg.open()
        return dlg

    def ask_invite(self, cid: bytes | None = None) -> QMenu | None:
        """The conference page's "Invite…": a menu of online friends."""
        cid = cid or self.current_conference
        if cid is None:
            return None
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        friends = sorted((r for r in self.session.contacts.rows() if r.online), key=lambda r: r.display_name.casefold())
        for r in friends:
            menu.addAction(r.display_name, lambda pk=r.public_key: self.invite_friend(cid, pk))
        if not friends:
            none = menu.addAction(self.tr("No friend is online"))
            none.setEnabled(False)
        self.invite_menu = menu
        btn = self.conference_page.invite_btn
        menu.popup(btn.mapToGlobal(btn.rect().bottomLeft()))
        return menu

    def invite_friend(self, cid: bytes, pk: bytes) -> None:
        try:
            self.session.invite_to_conference(cid, pk)
        except ValueError as e:
            QMessageBox.warning(self, self.tr("Invite to group chat"), str(e))

    def confirm_leave_conference(self, cid: bytes | None = None) -> QMessageBox | None:
        cid = cid or self.current_conference
        row = self.session.conferences.get(cid) if cid else None
        if row is None:
            return None
        def leave() -> None:
            if row.conference_id in self.session.conferences:
                self.session.leave_conference(row.conference_id)

        self.confirm_box = ask_destructive(
            self, self.tr("Leave group chat"), self.tr("Leave %1?").replace("%1", row.display_title),
            self.tr("You can only come back when a member invites you again. "
                    "The messages so far are kept."),
            self.tr("Leave"), leave,
        )
        return self.confirm_box

    def _conference_menu(self, pos: object) -> None:
        ix = self.conference_list.indexAt(pos)  # type: ignore[arg-type]
        if not ix.isValid():
            return
        cid = bytes(ix.data(Role.PublicKey))
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.tr("Set the title…"), lambda: self.ask_conference_title(cid))
        menu.addSeparator()
        menu.addAction(self.tr("Leave group chat…"), lambda: self.confirm_leave_conference(cid))
        self.conference_menu = menu
        menu.popup(self.conference_list.viewport().mapToGlobal(pos))  # type: ignore[arg-type]

    def _update_invites(self, *_: object) -> None:
        inv = self.session.conference_invites
        self.invite_box.set_invites(
            [(r.conference_id, str(inv.data(inv.index(i, 0)))) for i, r in enumerate(inv.rows())])
        self._update_requests()

    def accept_conference_invite(self, cid: bytes) -> None:
        try:
            joined = self.session.accept_conference_invite(cid)
        except ValueError as e:
            QMessageBox.warning(self, self.tr("Join group chat"), str(e))
            return
        self._update_invites()
        self.select_conference(joined)

    def _join_from_requests(self, cid: bytes) -> None:
        if self.add_dialog is not None:
            self.add_dialog.accept()
        self.accept_conference_invite(cid)

    def _decline_conference_invite(self, cid: bytes) -> None:
        self.session.decline_conference_invite(cid)
        self._update_invites()

    def _contact_menu(self, pos: object) -> None:
        ix = self.contact_list.indexAt(pos)  # type: ignore[arg-type]
        if not ix.isValid():
            return
        pk = bytes(ix.data(Role.PublicKey))
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.tr("Connection dashboard"), lambda: (self.select_friend(pk), self.toggle_dashboard(True)))
        menu.addAction(self.tr("Copy public key"), lambda: QGuiApplication.clipboard().setText(pk.hex().upper()))
        menu.addAction(self.tr("Set a nickname…"), lambda: self.ask_alias(pk))
        menu.addAction(self.tr("Note…"), lambda: self.ask_note(pk))
        mute = menu.addAction(self.tr("Mute notifications"))
        mute.setCheckable(True)
        mute.setChecked(self.settings.is_muted(pk))
        mute.toggled.connect(lambda on: self.settings.set_muted(pk, on))
        menu.addAction(self.tr("Accept files automatically…"), lambda: self.ask_auto_accept(pk))
        self.contact_menu = menu
        confs = [r for r in self.session.conferences.rows() if r.joined] if self.session.can_confer() else []
        if confs:
            sub = menu.addMenu(self.tr("Invite to group"))
            row = self.session.contacts.get(pk)
            sub.setEnabled(bool(row and row.online))
            for c in confs:
                sub.addAction(c.display_title, lambda cid=c.conference_id: self.invite_friend(cid, pk))
        menu.addSeparator()
        menu.addAction(self.tr("Remove friend…"), lambda: self.confirm_remove_friend(pk))
        menu.popup(self.contact_list.viewport().mapToGlobal(pos))  # type: ignore[arg-type]

    # --- links -------------------------------------------------------------------------------

    def open_link(self, url: str) -> QMessageBox | None:
        """A link clicked in a message: web links open in the browser, tox: links in the
        add-friend dialog; any other scheme (mailto:, magnet:, file://, …) starts another
        program, so it asks first (the box is returned)."""
        if is_web_link(url):
            self.url_opener(QUrl(url))
            return None
        if url.lower().startswith("tox:"):
            self.open_tox_uri(url)
            return None
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the link is a friend's text
        box.setWindowTitle(self.tr("Open link"))
        box.setText(self.tr("This link opens another program. Open it?"))
        box.setInformativeText(url)
        box.setStandardButtons(QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(
            lambda _r: box.clickedButton() is box.button(QMessageBox.StandardButton.Open) and self.url_opener(QUrl(url)))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.link_box = box
        box.open()
        return box

    # --- nicknames ---------------------------------------------------------------------------

    def set_alias(self, pk: bytes, alias: str) -> None:
        """A local nickname for a friend, shown instead of their name ("" removes it); kept in
        the settings, never sent."""
        alias = alias.strip()
        self.settings.set_alias(pk, alias)
        self.session.contacts.update(pk, alias=alias)

    def ask_alias(self, pk: bytes) -> QInputDialog:
        row = self.session.contacts.get(pk)
        dlg = QInputDialog(self)
        dlg.setWindowTitle(self.tr("Nickname"))
        dlg.setLabelText(self.tr("A nickname only you see, shown instead of “%1” (leave empty for their own name):")
                         .replace("%1", row.name if row and row.name else short_id(pk)))
        dlg.setTextValue(row.alias if row else "")
        dlg.textValueSelected.connect(lambda text: self.set_alias(pk, text))
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.alias_dialog = dlg
        dlg.open()
        return dlg

    def ask_note(self, pk: bytes) -> QInputDialog:
        """A private note about the friend (only you see it), shown when the pointer rests on
        their name above the chat."""
        row = self.session.contacts.get(pk)
        dlg = QInputDialog(self)
        dlg.setWindowTitle(self.tr("Note"))
        dlg.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput, True)
        dlg.setLabelText(self.tr("A note about %1 that only you see:")
                         .replace("%1", row.display_name if row else short_id(pk)))
        dlg.setTextValue(self.settings.note(pk))
        dlg.textValueSelected.connect(lambda text: self.set_note(pk, text))
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.note_dialog = dlg
        dlg.open()
        return dlg

    def set_note(self, pk: bytes, note: str) -> None:
        self.settings.set_note(pk, note)
        if pk == self.current:
            self._refresh_chat_header()

    def _apply_aliases(self, *_: object) -> None:
        for pk, alias in self.settings.aliases().items():
            self.session.contacts.update(pk, alias=alias)

    # --- notifications -------------------------------------------------------------------------

    def _notify_message(self, pk: bytes, kind: str, text: str) -> None:
        if self.isActiveWindow() and pk == self.current:
            return
        if self.settings.is_muted(pk):
            return
        QApplication.alert(self)
        if not self.settings.notifications:
            return
        row = self.session.contacts.get(pk)
        name = row.display_name if row else short_id(pk)
        self.notifier.notify(name, f"{name} {text}" if kind == "action" else text, pk, self.settings.sound)

    def _notify_conference_message(self, cid: bytes, sender: str, text: str) -> None:
        if self.isActiveWindow() and cid == self.current_conference:
            return
        QApplication.alert(self)
        row = self.session.conferences.get(cid)
        if not self.settings.notifications or row is None:
            return
        self.notifier.notify(row.display_title, f"{sender}: {text}", cid, self.settings.sound)

    def _notify_request(self, pk: bytes, message: str) -> None:
        QApplication.alert(self)
        if self.settings.notifications:
            self.notifier.notify(self.tr("Friend request from %1").replace("%1", short_id(pk)), message, b"",
                                 self.settings.sound)

    def _notification_clicked(self, key: bytes) -> None:
        """A click on a notification: the friend's chat, or the requests for a friend request."""
        self.bring_to_front()
        if key and self.select_friend(key):
            return
        if key and self.select_conference(key):
            return
        self.open_add_friend(AddFriendDialog.TAB_REQUESTS)

    # --- window lifecycle ---------------------------------------------------------------------

    def bring_to_front(self) -> None:
        self.show()
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.raise_()
        self.activateWindow()

    def request_logout(self) -> None:
        """Close this profile and go back to the profile chooser."""
        if self._quitting:
            return
        self.logout_requested.emit()
        self.request_quit()

    def request_quit(self) -> None:
        if self._quitting:
            return
        self._quitting = True
        self.settings.set_geometry(bytes(self.saveGeometry().data()))
        self.settings.sync()
        if self.tray is not None:
            self.tray.hide()
        self.notifier.close()
        self.quit_requested.emit()

    def closeEvent(self, e: QCloseEvent) -> None:
        if not self._quitting and self.tray is not None and self.settings.close_to_tray:
            e.ignore()
            self.hide()
            return
        e.accept()
        self.request_quit()


__all__ = ["MainWindow"]
