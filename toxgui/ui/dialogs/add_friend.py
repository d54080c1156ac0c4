"""Add a friend (with live Tox ID validation), answer friend requests, show our own Tox ID."""

from __future__ import annotations

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QDateTime,
    QIODevice,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSaveFile,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QGuiApplication, QPainter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from toxgui.core.toxid import (
    TOX_ID_HEX_LEN,
    ToxId,
    ToxIdBadKey,
    ToxIdCharacters,
    ToxIdChecksum,
    ToxIdEmpty,
    ToxIdError,
    ToxIdIsOwn,
    ToxIdLength,
)
from toxgui.core.wire import PUBLIC_KEY_SIZE
from toxgui.models.backend import MAX_FRIEND_REQUEST_LENGTH
from toxgui.models.contacts import short_id
from toxgui.models.plurals import counts
from toxgui.models.roles import Role
from toxgui.models.session import Session
from toxgui.ui import icons, style
from toxgui.ui.conferences import InviteBox
from toxgui.ui.confirm import ask_destructive
from toxgui.ui.identicon import identicon
from toxgui.ui.locale import display_locale
from toxgui.ui.plain import PlainLabel
from toxgui.ui.qr import qr_pixmap, qr_png, tox_uri


def tox_id_problem(err: Exception) -> str:
    """What is wrong with a typed Tox ID, in words a user understands."""
    if isinstance(err, ToxIdEmpty):
        return QCoreApplication.translate("AddFriend", "Enter your friend's Tox ID: 76 hexadecimal characters.")
    if isinstance(err, ToxIdCharacters):
        return (
            QCoreApplication.translate(
                "AddFriend", "“%1” at position %2 is not a hexadecimal character (only 0–9 and A–F)."
            )
            .replace("%1", err.bad)
            .replace("%2", str(err.position + 1))
        )
    if isinstance(err, ToxIdLength):
        got = err.got
        if got == 2 * PUBLIC_KEY_SIZE:
            return QCoreApplication.translate(
                "AddFriend",
                "This is a public key (64 characters), not a Tox ID: ask your friend for their full "
                "Tox ID (76 characters, with the nospam and checksum at the end).",
            )
        if got < TOX_ID_HEX_LEN:
            return counts().id_too_short(got)
        return counts().id_too_long(got)
    if isinstance(err, ToxIdChecksum):
        return QCoreApplication.translate(
            "AddFriend", "The checksum does not match: a character was probably mistyped."
        )
    if isinstance(err, ToxIdBadKey):
        return QCoreApplication.translate("AddFriend", "This Tox ID does not contain a valid public key.")
    if isinstance(err, ToxIdIsOwn):
        return QCoreApplication.translate("AddFriend", "This is your own Tox ID. Enter your friend's ID instead.")
    if isinstance(err, ToxIdError):
        return QCoreApplication.translate("AddFriend", "This is not a valid Tox ID.")
    text = str(err)
    if "already" in text:
        return QCoreApplication.translate("AddFriend", "You are already friends with this person.")
    return text


def _set_error(widget: QWidget, on: bool) -> None:
    if widget.property("error") != on:
        widget.setProperty("error", on)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class RequestDelegate(QStyledItemDelegate):
    H = 64

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(300, self.H)

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = option.rect
        if option.state & QStyle.StateFlag.State_Selected:
            p.fillRect(r, QColor(style.ACCENT_SOFT))
        pk = bytes(index.data(Role.PublicKey) or b"")
        p.drawPixmap(r.left() + 10, r.top() + 12, identicon(pk, 40))
        bold = QFont(option.font)
        bold.setWeight(QFont.Weight.DemiBold)
        fm = QFontMetrics(bold)
        x = r.left() + 62
        w = r.width() - 72
        p.setFont(bold)
        p.setPen(QColor(style.TEXT))
        p.drawText(QRect(x, r.top() + 10, w, fm.height()), Qt.AlignmentFlag.AlignLeft, short_id(pk))
        ts = float(index.data(Role.Timestamp) or 0)
        when = display_locale().toString(QDateTime.fromSecsSinceEpoch(int(ts)), QLocale.FormatType.ShortFormat)
        p.setFont(option.font)
        p.setPen(QColor(style.TEXT_FAINT))
        p.drawText(QRect(x, r.top() + 10, w, fm.height()), Qt.AlignmentFlag.AlignRight, when)
        ofm = QFontMetrics(option.font)
        p.setPen(QColor(style.TEXT_MUTED))
        msg = str(index.data(Role.Message) or "").replace("\n", " ")
        p.drawText(
            QRect(x, r.top() + 14 + fm.height(), w, ofm.height()),
            Qt.AlignmentFlag.AlignLeft,
            ofm.elidedText(msg, Qt.TextElideMode.ElideRight, w),
        )
        p.restore()


class AddFriendDialog(QDialog):
    TAB_ADD, TAB_REQUESTS, TAB_MY_ID = 0, 1, 2
    request_sent = Signal(bytes)  # the new friend's public key; the dialog then closes
    conference_join_requested = Signal(bytes)  # a group chat invite's Join (the window joins it)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.confirm_box: QMessageBox | None = None
        self.setWindowTitle(self.tr("Friends"))
        self.setMinimumSize(560, 470)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_add(), self.tr("Add a friend"))
        self.tabs.addTab(self._build_requests(), "")
        self.tabs.addTab(self._build_my_id(), self.tr("My Tox ID"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(18, 14, 18, 14)
        lay.addWidget(self.tabs)
        lay.addWidget(buttons)
        session.request_count_changed.connect(self._update_requests)
        self._update_requests()
        self.validate()

    # --- add ---------------------------------------------------------------------------------

    def _build_add(self) -> QWidget:
        w = QWidget()
        self.id_edit = QLineEdit()
        self.id_edit.setObjectName("ToxIdEdit")
        self.id_edit.setPlaceholderText(self.tr("76 hexadecimal characters, or a tox: link"))
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.id_edit.setFont(mono)
        self.id_edit.setClearButtonEnabled(True)
        self.id_edit.setAccessibleName(self.tr("Your friend's Tox ID"))
        self.id_hint = PlainLabel()
        self.id_hint.setObjectName("HintText")
        self.id_hint.setWordWrap(True)
        self.message = QPlainTextEdit()
        name = self.session.own_name or self.tr("a Tox user")
        self.message.setPlainText(self.tr("Hi! This is %1. Let's talk on Tox.").replace("%1", name))
        self.message.setFixedHeight(96)
        self.message.setAccessibleName(self.tr("Message"))
        self.message.setTabChangesFocus(True)
        self.msg_hint = PlainLabel()
        self.msg_hint.setObjectName("HintText")
        self.send_btn = QPushButton(self.tr("Send friend request"))
        self.send_btn.setProperty("primary", True)
        self.send_btn.setDefault(True)
        self.result = PlainLabel()
        self.result.setWordWrap(True)
        self.result.hide()
        lay = QVBoxLayout(w)
        lay.setContentsMargins(4, 16, 4, 4)
        lay.setSpacing(6)
        lay.addWidget(PlainLabel(self.tr("Your friend's Tox ID")))
        lay.addWidget(self.id_edit)
        lay.addWidget(self.id_hint)
        lay.addSpacing(10)
        lay.addWidget(PlainLabel(self.tr("Message")))
        lay.addWidget(self.message)
        lay.addWidget(self.msg_hint)
        lay.addSpacing(6)
        row = QHBoxLayout()
        row.addWidget(self.result, 1)
        row.addStretch(0)
        row.addWidget(self.send_btn, 0, Qt.AlignmentFlag.AlignRight)
        self.send_btn.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        lay.addLayout(row)
        lay.addStretch(1)
        self.id_edit.textChanged.connect(self.validate)
        self.message.textChanged.connect(self.validate)
        self.id_edit.textChanged.connect(self.result.hide)
        self.message.textChanged.connect(self.result.hide)
        self.send_btn.clicked.connect(self.send_request)
        self.id_edit.returnPressed.connect(self.send_request)
        return w

    def set_tox_id(self, text: str) -> None:
        """Prefill the ID (e.g. from a tox: link) and show the add tab."""
        self.tabs.setCurrentIndex(self.TAB_ADD)
        self.id_edit.setText(text.strip())
        self.result.hide()

    def id_error(self) -> str:
        """The current problem with the typed ID, or "" when it can be sent."""
        try:
            tid = ToxId.parse(self.id_edit.text(), self.session.public_key)
        except ToxIdError as e:
            return tox_id_problem(e)
        if self.session.is_friend(tid.public_key):
            row = self.session.contacts.get(tid.public_key)
            if row is not None:  # the nickname, the name, or (no name yet) the short ID
                return self.tr("You are already friends with %1.").replace("%1", row.display_name)
            return self.tr("You are already friends with this person.")
        return ""

    def message_error(self) -> str:
        n = len(self.message.toPlainText().encode("utf-8"))
        if n == 0:
            return self.tr("The message cannot be empty.")
        if n > MAX_FRIEND_REQUEST_LENGTH:
            return (
                self.tr("The message is too long: %1 of at most %2 bytes.")
                .replace("%1", str(n))
                .replace("%2", str(MAX_FRIEND_REQUEST_LENGTH))
            )
        return ""

    def validate(self) -> bool:
        text = self.id_edit.text()
        err = self.id_error()
        empty = not "".join(text.split())
        if empty:
            self.id_hint.setObjectName("HintText")
            self.id_hint.setText(self.tr("Enter your friend's Tox ID: 76 hexadecimal characters."))
        elif err:
            self.id_hint.setObjectName("ErrorText")
            self.id_hint.setText(err)
        else:
            self.id_hint.setObjectName("OkText")
            self.id_hint.setText(self.tr("This Tox ID is valid."))
        self.id_hint.style().unpolish(self.id_hint)
        self.id_hint.style().polish(self.id_hint)
        _set_error(self.id_edit, bool(err) and not empty)
        merr = self.message_error()
        n = len(self.message.toPlainText().encode("utf-8"))
        self.msg_hint.setObjectName("ErrorText" if merr else "HintText")
        self.msg_hint.setText(
            merr or self.tr("%1 of %2 bytes").replace("%1", str(n)).replace("%2", str(MAX_FRIEND_REQUEST_LENGTH))
        )
        self.msg_hint.style().unpolish(self.msg_hint)
        self.msg_hint.style().polish(self.msg_hint)
        ok = not err and not merr
        self.send_btn.setEnabled(ok)
        return ok

    def send_request(self) -> bool:
        if not self.validate():
            return False
        try:
            pk = self.session.add_friend(self.id_edit.text(), self.message.toPlainText())
        except (ToxIdError, ValueError) as e:
            self._show_result(tox_id_problem(e), ok=False)
            return False
        self._show_result(self.tr("Friend request sent to %1.").replace("%1", short_id(pk)), ok=True)
        self.id_edit.blockSignals(True)
        self.id_edit.clear()
        self.id_edit.blockSignals(False)
        self.validate()
        self.request_sent.emit(pk)
        self.accept()  # done: the window shows the new friend (see MainWindow.open_add_friend)
        return True

    def _show_result(self, text: str, ok: bool) -> None:
        """The outcome of the last send, under the form; any edit hides it again, so an old
        success never sits under a new error."""
        self.result.setObjectName("OkText" if ok else "ErrorText")
        self.result.setText(text)
        self.result.style().unpolish(self.result)
        self.result.style().polish(self.result)
        self.result.show()

    # --- requests --------------------------------------------------------------------------------

    def _build_requests(self) -> QWidget:
        w = QWidget()
        self.req_view = QListView()
        self.req_view.setObjectName("RequestList")
        self.req_view.setAccessibleName(self.tr("Friend requests"))
        self.req_view.setModel(self.session.requests)
        self.req_view.setItemDelegate(RequestDelegate(self.req_view))
        self.req_msg = PlainLabel()
        self.req_msg.setWordWrap(True)
        self.req_msg.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.req_msg.setObjectName("HintText")
        self.accept_btn = QPushButton(self.tr("Accept"))
        self.accept_btn.setProperty("primary", True)
        self.decline_btn = QPushButton(self.tr("Decline"))
        empty = PlainLabel(self.tr("No friend requests right now.\nWhen someone adds you, their request shows up here."))
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setObjectName("HintText")
        self.req_stack = QStackedWidget()
        self.req_stack.addWidget(empty)
        page = QWidget()
        pl = QVBoxLayout(page)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.addWidget(self.req_view, 1)
        pl.addWidget(self.req_msg)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.decline_btn)
        row.addWidget(self.accept_btn)
        pl.addLayout(row)
        self.req_stack.addWidget(page)
        self.invites = InviteBox()  # group chat invites, answered here as in the sidebar
        self.invites.hide()
        lay = QVBoxLayout(w)
        lay.setContentsMargins(4, 16, 4, 4)
        lay.addWidget(self.req_stack, 1)
        lay.addWidget(self.invites)
        self.invites.accept.connect(self.conference_join_requested.emit)
        self.invites.decline.connect(self.session.decline_conference_invite)
        self.session.conference_invites_changed.connect(self._update_requests)
        self.req_view.selectionModel().currentChanged.connect(self._req_selected)
        self.accept_btn.clicked.connect(self.accept_selected)
        self.decline_btn.clicked.connect(self.decline_selected)
        return w

    def _update_requests(self, *_: object) -> None:
        inv = self.session.conference_invites
        self.invites.set_invites([(r.conference_id, str(inv.data(inv.index(i, 0)))) for i, r in enumerate(inv.rows())])
        n = len(self.session.requests) + len(inv)
        self.tabs.setTabText(self.TAB_REQUESTS, self.tr("Requests (%n)", "", n) if n else self.tr("Requests"))
        self.req_stack.setCurrentIndex(1 if len(self.session.requests) else 0)
        if len(self.session.requests) and not self.req_view.currentIndex().isValid():
            self.req_view.setCurrentIndex(self.session.requests.index(0, 0))
        self._req_selected()

    def _req_selected(self, *_: object) -> None:
        ix = self.req_view.currentIndex()
        ok = ix.isValid()
        self.accept_btn.setEnabled(ok)
        self.decline_btn.setEnabled(ok)
        if ok:
            pk = bytes(ix.data(Role.PublicKey))
            self.req_msg.setText(
                self.tr("From %1:\n%2").replace("%1", pk.hex().upper()).replace("%2", str(ix.data(Role.Message)))
            )
        else:
            self.req_msg.setText("")

    def _selected_pk(self) -> bytes | None:
        ix = self.req_view.currentIndex()
        return bytes(ix.data(Role.PublicKey)) if ix.isValid() else None

    def accept_selected(self) -> None:
        pk = self._selected_pk()
        if pk is not None:
            self.session.accept_request(pk)

    def decline_selected(self) -> None:
        pk = self._selected_pk()
        if pk is not None:
            self.session.decline_request(pk)

    def show_requests(self) -> None:
        self.tabs.setCurrentIndex(self.TAB_REQUESTS)

    # --- my id ---------------------------------------------------------------------------------

    def _build_my_id(self) -> QWidget:
        w = QWidget()
        tid = self.session.tox_id.upper()
        intro = PlainLabel(self.tr("Give this ID to friends so they can add you. It is safe to share."))
        intro.setWordWrap(True)
        intro.setObjectName("HintText")
        self.my_id = PlainLabel(tid[:38] + "\n" + tid[38:])
        self.my_id.setObjectName("ToxIdText")
        self.my_id.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_btn = QPushButton(self.tr("Copy ID"))
        icons.themed(self.copy_btn, "copy", "TEXT", 16)
        self.copy_btn.clicked.connect(self.copy_id)
        self.copied = PlainLabel()
        self.copied.setObjectName("OkText")
        self.save_qr_btn = QPushButton(self.tr("Save QR code…"))
        self.save_qr_btn.setAccessibleName(self.tr("Save the QR code as a PNG image"))
        self.save_qr_btn.clicked.connect(lambda: self.save_qr())
        self.nospam_btn = QPushButton(self.tr("New Tox ID…"))
        self.nospam_btn.setAccessibleName(self.tr("Make a new Tox ID"))
        self.nospam_btn.setToolTip(self.tr("Friend requests sent to the current ID stop arriving"))
        self.nospam_btn.clicked.connect(lambda: self.confirm_new_id())
        self.nospam_btn.setVisible(self.session.can_change_nospam())
        self.qr = PlainLabel()
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._show_my_id()
        lay = QVBoxLayout(w)
        lay.setContentsMargins(4, 16, 4, 4)
        lay.setSpacing(10)
        lay.addWidget(intro)
        lay.addWidget(self.my_id)
        row = QHBoxLayout()
        row.addWidget(self.copy_btn)
        row.addWidget(self.save_qr_btn)
        row.addWidget(self.copied, 1)
        row.addWidget(self.nospam_btn)
        lay.addLayout(row)
        lay.addWidget(self.qr, 1)
        return w

    def _show_my_id(self) -> None:
        tid = self.session.tox_id.upper()
        self.my_id.setText(tid[:38] + "\n" + tid[38:])
        self.qr.setPixmap(qr_pixmap(tox_uri(tid), scale=5))
        self.qr.setToolTip(tox_uri(tid))

    def save_qr(self, path: str | None = None) -> bool:
        """Save the QR code of our Tox ID as a PNG (a file dialog asks where without `path`);
        written atomically (QSaveFile)."""
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save QR code"), "tox-id.png", self.tr("PNG image (*.png)")
            )
            if not path:
                return False
        f = QSaveFile(path)
        ok = f.open(QIODevice.OpenModeFlag.WriteOnly)
        if ok:
            f.write(QByteArray(qr_png(tox_uri(self.session.tox_id.upper()), scale=8)))
            ok = f.commit()
        else:
            f.cancelWriting()
        if ok:
            self.copied.setText(self.tr("QR code saved."))
        else:
            self.copied.setText("")
            QMessageBox.warning(self, self.tr("Save QR code"),
                                self.tr("The QR code could not be saved to %1: %2").replace("%1", path)
                                .replace("%2", f.errorString()))
        return ok

    def confirm_new_id(self) -> QMessageBox:
        """Ask, then change the nospam: a new Tox ID."""
        def make() -> None:
            self.session.new_nospam()
            self._show_my_id()
            self.copied.setText(self.tr("New Tox ID made. The old one no longer works."))

        self.confirm_box = ask_destructive(
            self, self.tr("New Tox ID"), self.tr("Make a new Tox ID?"),
            self.tr(
                "Friend requests sent to your current ID will no longer arrive, so nobody can add you "
                "with it any more. Friends you already have stay your friends. Give the new ID to "
                "people who have not added you yet."
            ),
            self.tr("Make a new ID"), make,
        )
        return self.confirm_box

    def copy_id(self) -> None:
        QGuiApplication.clipboard().setText(self.session.tox_id.upper())
        self.copied.setText(self.tr("Copied to the clipboard."))

    def show_my_id(self) -> None:
        self.tabs.setCurrentIndex(self.TAB_MY_ID)
