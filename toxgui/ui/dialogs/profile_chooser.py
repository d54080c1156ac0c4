"""First screen: create a profile or open an existing one.

The slow parts (key derivation for encrypted profiles, in the profile callables and in
`toxgui.models.profiles.history_key`) run in the default executor, with a busy indicator; the event
loop keeps running. A failing load (e.g. a wrong password) raises in the load callable: its
message is shown inline and nothing on disk is touched.
"""

from __future__ import annotations

import asyncio
import gc
import math
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from toxgui.core.record import record
from toxgui.models.profiles import (
    History,
    HistoryError,
    delete_profile,
    export_profile,
    history_key,
    import_profile,
    load_problem,
    open_history,
    profile_problem,
    rename_profile,
)
from toxgui.ui import icons, style
from toxgui.ui.confirm import ask_destructive
from toxgui.ui.locale import display_locale
from toxgui.ui.plain import PlainLabel

CreateProfile = Callable[[Path, str, "str | None"], Any]
LoadProfile = Callable[[Path, "str | None"], Any]

ENCRYPTED_MAGIC = b"toxEsave"


@record
class OpenedProfile:
    """A profile the user created or unlocked."""

    path: Path  # the .tox file
    data: Any  # whatever the create/load callable returned (handed to the backend factory)
    history: History  # opened, encrypted when the profile has a password
    encrypted: bool


def is_encrypted_file(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(len(ENCRYPTED_MAGIC)) == ENCRYPTED_MAGIC
    except OSError:
        return False


def find_profiles(dirs: Sequence[Path]) -> list[Path]:
    """*.tox files in the given folders, most recently used first."""
    seen: dict[Path, float] = {}
    for d in dirs:
        try:
            for p in Path(d).glob("*.tox"):
                if p.is_file():
                    seen[p.resolve()] = p.stat().st_mtime
        except OSError:
            continue
    return sorted(seen, key=lambda p: -seen[p])


# A run of four or more letters is taken for a word from a dictionary of this many (about 14
# bits), not for independent random letters: "secret1" is a word and a digit, a weak password.
WORD_BITS = math.log2(20_000)


def password_strength(pw: str) -> int:
    """A 0..100 score from an entropy estimate (about 80 bits = 100).  Characters count by the
    variety of the whole password, except that a letter run of four or more counts as one word,
    a run of digits as a number, and a run of one repeated character as that character plus its
    length."""
    if not pw:
        return 0
    pool = 0
    for pattern, size in ((r"[a-z]", 26), (r"[A-Z]", 26), (r"[0-9]", 10), (r"[^a-zA-Z0-9]", 33)):
        if re.search(pattern, pw):
            pool += size
    per_char = math.log2(max(pool, 2))
    bits = 0.0
    for m in re.finditer(r"(.)\1{2,}|[a-zA-Z]{4,}|[0-9]{2,}|.", pw):
        run = m.group(0)
        if len(run) >= 2 and run.isdigit() and len(set(run)) > 1:
            bits += len(run) * math.log2(10)  # a number (a year, a count): digits only
        elif len(run) >= 3 and len(set(run)) == 1:
            bits += per_char + math.log2(len(run))
        elif len(run) >= 4 and run.isalpha():
            inner_caps = any(c.isupper() for c in run[1:])
            bits += min(len(run) * per_char, WORD_BITS + (len(run) if inner_caps else 1))
        else:
            bits += per_char
    return max(1, min(100, int(bits / 80 * 100)))


def strength_text(score: int) -> str:
    if score == 0:
        return QCoreApplication.translate(
            "ProfileChooser", "No password: the profile and history are stored unencrypted."
        )
    if score < 40:
        return QCoreApplication.translate("ProfileChooser", "Weak password")
    if score < 70:
        return QCoreApplication.translate("ProfileChooser", "Fair password")
    return QCoreApplication.translate("ProfileChooser", "Strong password")


def safe_file_name(name: str) -> str:
    """A profile name as a file name: no path separators or control characters."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name.strip())
    return cleaned.strip(". ") or "profile"




class ProfileChooser(QDialog):
    opened = Signal(object)  # OpenedProfile

    def __init__(
        self,
        profile_dirs: Sequence[Path],
        create_profile: CreateProfile,
        load_profile: LoadProfile,
        is_encrypted: Callable[[Path], bool] = is_encrypted_file,
        parent: QWidget | None = None,
        new_profile_path: Path | None = None,
    ) -> None:
        """`new_profile_path`: where "Create" writes the profile (`--profile PATH` naming a file
        that does not exist yet); by default NAME.tox in the first profile folder."""
        super().__init__(parent)
        if not profile_dirs:
            raise ValueError("at least one profile folder is needed")
        self.profile_dirs = [Path(d) for d in profile_dirs]
        self.new_profile_path = Path(new_profile_path) if new_profile_path is not None else None
        self.create_profile = create_profile
        self.load_profile = load_profile
        self.is_encrypted = is_encrypted
        self.busy = False
        self._task: asyncio.Task[None] | None = None
        self.confirm_box: QMessageBox | None = None
        self.input_dialog: QInputDialog | None = None
        self.setWindowTitle(self.tr("toxgui: choose a profile"))
        self.setMinimumSize(640, 400)

        side = QWidget()
        side.setObjectName("ChooserSide")
        side.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        side.setFixedWidth(210)
        logo = PlainLabel()
        logo.setPixmap(icons.app_icon().pixmap(48, 48))
        title = PlainLabel("toxgui")
        title.setObjectName("ChooserTitle")
        tagline = PlainLabel(self.tr("Private messaging,\nno servers in between."))
        tagline.setWordWrap(True)
        self.new_btn = QPushButton(self.tr("New profile"))
        self.open_btn = QPushButton(self.tr("Open profile"))
        group = QButtonGroup(self)
        for i, b in enumerate((self.new_btn, self.open_btn)):
            b.setCheckable(True)
            group.addButton(b, i)
        sl = QVBoxLayout(side)
        sl.setContentsMargins(16, 22, 16, 18)
        sl.addWidget(logo)
        sl.addSpacing(6)
        sl.addWidget(title)
        sl.addWidget(tagline)
        sl.addSpacing(26)
        sl.addWidget(self.new_btn)
        sl.addWidget(self.open_btn)
        sl.addStretch(1)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_new())
        self.pages.addWidget(self._build_open())

        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_label = PlainLabel()
        self.busy_label.setObjectName("HintText")
        self.busy_box = QWidget()
        bl = QVBoxLayout(self.busy_box)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.busy_label)
        bl.addWidget(self.busy_bar)
        self.busy_box.hide()

        right = QVBoxLayout()
        right.setContentsMargins(26, 22, 26, 20)
        right.addWidget(self.pages, 1)
        right.addWidget(self.busy_box)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(side)
        lay.addLayout(right, 1)

        group.idClicked.connect(self.pages.setCurrentIndex)
        self.refresh_profiles()
        start = 1 if self.profile_list.count() else 0
        (self.open_btn if start else self.new_btn).setChecked(True)
        self.pages.setCurrentIndex(start)
        self.pages.currentChanged.connect(self._focus_page)
        self._focus_page(start)

    def _focus_page(self, index: int) -> None:
        """On the new-profile page the name field takes the keyboard, so a new user can type."""
        if index == 0:
            self.name_edit.setFocus()

    # --- pages -----------------------------------------------------------------------------------

    def _build_new(self) -> QWidget:
        w = QWidget()
        head = PlainLabel(self.tr("Create a new profile"))
        head.setObjectName("PageTitle")
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("The name your friends see"))
        self.pw_edit = QLineEdit()
        self.pw_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pw_edit.setPlaceholderText(self.tr("Optional"))
        self.pw2_edit = QLineEdit()
        self.pw2_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.strength = QProgressBar()
        self.strength.setRange(0, 100)
        self.strength.setTextVisible(False)
        self.strength_label = PlainLabel(strength_text(0))
        self.strength_label.setObjectName("HintText")
        self.strength_label.setWordWrap(True)
        self.new_error = PlainLabel()
        self.new_error.setObjectName("ErrorText")
        self.new_error.setWordWrap(True)
        self.create_btn = QPushButton(self.tr("Create profile"))
        self.create_btn.setProperty("primary", True)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Password"), self.pw_edit)
        form.addRow(self.tr("Confirm"), self.pw2_edit)
        form.addRow("", self.strength)
        form.addRow("", self.strength_label)
        lay = QVBoxLayout(w)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(head)
        lay.addSpacing(12)
        lay.addLayout(form)
        lay.addWidget(self.new_error)
        lay.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.create_btn)
        lay.addLayout(row)
        self.pw_edit.textChanged.connect(self._pw_changed)
        self.pw2_edit.textChanged.connect(self._pw_changed)
        self.name_edit.textChanged.connect(lambda: self.new_error.setText(""))
        self.create_btn.clicked.connect(self.start_create)
        self.name_edit.returnPressed.connect(self.start_create)
        self.pw2_edit.returnPressed.connect(self.start_create)
        return w

    def _build_open(self) -> QWidget:
        w = QWidget()
        head = PlainLabel(self.tr("Open a profile"))
        head.setObjectName("PageTitle")
        self.profile_list = QListWidget()
        self.profile_list.setObjectName("ProfileList")
        self.profile_list.setAccessibleName(self.tr("Profiles"))
        self.open_pw = QLineEdit()
        self.open_pw.setEchoMode(QLineEdit.EchoMode.Password)
        self.open_pw.setPlaceholderText(self.tr("Password"))
        self.open_pw.setAccessibleName(self.tr("Password"))
        self.open_error = PlainLabel()
        self.open_error.setObjectName("ErrorText")
        self.open_error.setWordWrap(True)
        self.load_btn = QPushButton(self.tr("Open"))
        self.load_btn.setProperty("primary", True)
        folder = PlainLabel(self.tr("Profiles in %1").replace("%1", str(self.profile_dirs[0])))
        folder.setObjectName("HintText")
        folder.setWordWrap(True)
        lay = QVBoxLayout(w)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(head)
        lay.addWidget(folder)
        lay.addWidget(self.profile_list, 1)
        self.no_profiles = PlainLabel(self.tr(
            "There are no profiles in this folder yet.\nCreate one with “New profile”, or put a .tox "
            "profile from another Tox client here."))
        self.no_profiles.setObjectName("EmptyText")
        self.no_profiles.setWordWrap(True)
        self.no_profiles.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_profiles.hide()
        lay.addWidget(self.no_profiles, 1)
        lay.addWidget(self.open_pw)
        lay.addWidget(self.open_error)
        self.rename_btn = QPushButton(self.tr("Rename…"))
        self.rename_btn.setAccessibleName(self.tr("Rename the selected profile"))
        self.rename_btn.clicked.connect(lambda: self.rename_selected())
        self.delete_btn = QPushButton(self.tr("Delete…"))
        self.delete_btn.setAccessibleName(self.tr("Delete the selected profile"))
        self.delete_btn.setProperty("danger", True)
        self.delete_btn.clicked.connect(lambda: self.confirm_delete_selected())
        self.export_btn = QPushButton(self.tr("Export…"))
        self.export_btn.setAccessibleName(self.tr("Save a copy of the selected profile"))
        self.export_btn.clicked.connect(lambda: self.export_selected())
        self.import_btn = QPushButton(self.tr("Import…"))
        self.import_btn.setAccessibleName(self.tr("Add a profile file from elsewhere"))
        self.import_btn.clicked.connect(lambda: self.import_file())
        manage = QHBoxLayout()
        for b in (self.rename_btn, self.delete_btn, self.export_btn, self.import_btn):
            manage.addWidget(b)
        manage.addStretch(1)
        lay.addLayout(manage)
        self.manage_note = PlainLabel()
        self.manage_note.setObjectName("OkText")
        self.manage_note.setWordWrap(True)
        lay.addWidget(self.manage_note)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.load_btn)
        lay.addLayout(row)
        self.profile_list.currentItemChanged.connect(self._profile_selected)
        self.profile_list.itemDoubleClicked.connect(lambda _: self.start_load())
        self.open_pw.textChanged.connect(lambda: self.open_error.setText(""))
        self.open_pw.returnPressed.connect(self.start_load)
        self.load_btn.clicked.connect(self.start_load)
        return w

    def refresh_profiles(self) -> None:
        self.profile_list.clear()
        for p in find_profiles(self.profile_dirs):
            enc = self.is_encrypted(p)
            when = display_locale().toString(
                QDateTime.fromSecsSinceEpoch(int(p.stat().st_mtime)), QLocale.FormatType.ShortFormat
            )
            lock = self.tr("password protected") if enc else self.tr("no password")
            item = QListWidgetItem(f"{p.stem}\n{lock} · {when}")
            item.setData(Qt.ItemDataRole.UserRole, str(p))
            item.setData(Qt.ItemDataRole.UserRole + 1, enc)
            item.setToolTip(str(p))
            self.profile_list.addItem(item)
        if self.profile_list.count():
            self.profile_list.setCurrentRow(0)
        empty = self.profile_list.count() == 0
        self.profile_list.setVisible(not empty)
        self.no_profiles.setVisible(empty)
        self._profile_selected()

    # --- managing profiles ---------------------------------------------------------------------

    def selected_path(self) -> Path | None:
        item = self.profile_list.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _select(self, path: Path | None) -> None:
        self.refresh_profiles()
        for i in range(self.profile_list.count()):
            if path is not None and Path(self.profile_list.item(i).data(Qt.ItemDataRole.UserRole)) == path:
                self.profile_list.setCurrentRow(i)

    def _manage(self, action: Callable[[], Path | None]) -> bool:
        try:
            result = action()
        except Exception as e:  # a sentence for the user
            self.open_error.setText(profile_problem(e))
            return False
        self._select(result)
        return True

    def rename_selected(self, new_name: str | None = None) -> bool:
        """Rename the selected profile (and its history); without `new_name` a dialog asks."""
        path = self.selected_path()
        if path is None:
            return False
        if new_name is None:
            dlg = QInputDialog(self)
            dlg.setWindowTitle(self.tr("Rename profile"))
            dlg.setLabelText(self.tr("New name for %1:").replace("%1", path.stem))
            dlg.setTextValue(path.stem)
            dlg.textValueSelected.connect(lambda t: self.rename_selected(t))
            dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.input_dialog = dlg
            dlg.open()
            return False
        if not new_name.strip():
            self.open_error.setText(self.tr("Enter a name."))
            return False
        name = safe_file_name(new_name)
        return self._manage(lambda: rename_profile(path, name))

    def confirm_delete_selected(self) -> QMessageBox | None:
        """Ask, then delete the selected profile with its chat history."""
        path = self.selected_path()
        if path is None:
            return None
        self.confirm_box = ask_destructive(
            self, self.tr("Delete profile"),
            self.tr("Delete the profile %1 and its chat history?").replace("%1", path.stem),
            self.tr("Your Tox ID, your friends and your messages in this profile are gone for good. "
                    "Export the profile first to keep a copy."),
            self.tr("Delete"), lambda: self._manage(lambda: delete_profile(path)),
        )
        return self.confirm_box

    def export_selected(self, target: str | None = None) -> bool:
        """Save a copy of the selected .tox file (still encrypted when it has a password)."""
        path = self.selected_path()
        if path is None:
            return False
        if target is None:
            target, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export profile"), path.name, self.tr("Tox profile (*.tox)"))
            if not target:
                return False
        dest = Path(target)
        def export() -> Path:
            export_profile(path, dest)
            return path

        ok = self._manage(export)
        if ok:
            self.open_error.setText("")
            self.manage_note.setText(self.tr("Saved a copy to %1.").replace("%1", str(dest)))
        return ok

    def import_file(self, source: str | None = None) -> bool:
        """Copy a .tox file into the profile folder and select it."""
        if source is None:
            source, _ = QFileDialog.getOpenFileName(
                self, self.tr("Import profile"), "", self.tr("Tox profile (*.tox);;All files (*)"))
            if not source:
                return False
        src = Path(source)
        return self._manage(lambda: import_profile(src, self.profile_dirs[0]))

    def _profile_selected(self, *_: object) -> None:
        item = self.profile_list.currentItem()
        enc = bool(item and item.data(Qt.ItemDataRole.UserRole + 1))
        self.open_pw.setVisible(enc)
        self.open_pw.clear()
        self.open_error.setText("")
        self.load_btn.setEnabled(item is not None and not self.busy)
        for b in (self.rename_btn, self.delete_btn, self.export_btn):
            b.setEnabled(item is not None and not self.busy)
        if enc:
            self.open_pw.setFocus()

    def _pw_changed(self) -> None:
        score = password_strength(self.pw_edit.text())
        self.strength.setValue(score)
        color = style.ERROR if score < 40 else style.PRESENCE["away"] if score < 70 else style.OK
        self.strength.setStyleSheet(f"QProgressBar::chunk {{ background: {color}; border-radius: 3px; }}")
        self.strength_label.setText(strength_text(score))
        self.new_error.setText("")

    # --- actions ---------------------------------------------------------------------------------

    def target_path(self, name: str) -> Path:
        """Where a new profile called `name` is written."""
        if self.new_profile_path is not None:
            return self.new_profile_path
        return self.profile_dirs[0] / f"{safe_file_name(name)}.tox"

    def new_profile_problem(self) -> str:
        name = self.name_edit.text().strip()
        if not name:
            return self.tr("Enter a name for the profile.")
        if self.pw_edit.text() != self.pw2_edit.text():
            return self.tr("The passwords do not match.")
        if self.target_path(name).exists():
            return self.tr("A profile called “%1” exists already; open it or choose another name.").replace("%1", name)
        return ""

    def start_create(self) -> None:
        if self.busy:
            return
        problem = self.new_profile_problem()
        if problem:
            self.new_error.setText(problem)
            return
        name = self.name_edit.text().strip()
        pw = self.pw_edit.text() or None
        path = self.target_path(name)
        self._run(
            self._work(lambda: self.create_profile(path, name, pw), path, pw, self.new_error),
            self.tr("Creating your profile…"),
        )

    def start_load(self) -> None:
        if self.busy:
            return
        item = self.profile_list.currentItem()
        if item is None:
            return
        path = Path(item.data(Qt.ItemDataRole.UserRole))
        enc = bool(item.data(Qt.ItemDataRole.UserRole + 1))
        pw = self.open_pw.text() if enc else None
        if enc and not pw:
            self.open_error.setText(self.tr("This profile is password protected: enter its password."))
            return
        self._run(
            self._work(lambda: self.load_profile(path, pw), path, pw, self.open_error),
            self.tr("Opening %1…").replace("%1", path.stem),
        )

    def _run(self, coro: Any, label: str) -> None:
        self._set_busy(True, label)
        self._task = asyncio.ensure_future(coro)

    async def _work(self, fn: Callable[[], Any], path: Path, pw: str | None, error: QLabel) -> None:
        loop = asyncio.get_running_loop()

        def job() -> tuple[Any, bytes | None]:
            data = fn()
            return data, history_key(path, pw)

        t0 = time.monotonic()
        gc.collect()  # collect cyclic Qt garbage here, not on the worker thread
        try:
            data, key = await loop.run_in_executor(None, job)
            history = open_history(path, key)
        except (Exception, HistoryError) as e:
            self._set_busy(False)
            error.setText(load_problem(e))
            if error is self.open_error:
                self.open_pw.selectAll()
                self.open_pw.setFocus()
            return
        self.load_seconds = time.monotonic() - t0
        self._set_busy(False)
        self.opened.emit(OpenedProfile(path, data, history, bool(pw)))
        self.accept()

    def _set_busy(self, on: bool, label: str = "") -> None:
        self.busy = on
        self.busy_label.setText(label)
        self.busy_box.setVisible(on)
        self.pages.setEnabled(not on)
        self.new_btn.setEnabled(not on)
        self.open_btn.setEnabled(not on)

    def closeEvent(self, e: QCloseEvent) -> None:
        if self.busy:
            e.ignore()
            return
        super().closeEvent(e)

    def reject(self) -> None:
        if not self.busy:
            super().reject()

    async def run(self) -> OpenedProfile | None:
        """Show the chooser (without a nested event loop) and wait for a profile or cancel."""
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[OpenedProfile | None] = loop.create_future()
        self.opened.connect(lambda p: fut.done() or fut.set_result(p))
        self.rejected.connect(lambda: fut.done() or fut.set_result(None))
        self.open()
        return await fut
