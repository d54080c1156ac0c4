"""Settings: network options (bootstrap nodes file, IPv6, UDP, LAN discovery, port) and interface."""

from __future__ import annotations

import json
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from toxgui.models.session import Session
from toxgui.models.settings import AppSettings
from toxgui.ui import style
from toxgui.ui.dialogs.password import PasswordDialog
from toxgui.ui.plain import PlainLabel


def check_nodes_file(path: str) -> str:
    """ "" when `path` is a usable nodes JSON file (object with a "nodes" list), else the problem."""
    if not path:
        return ""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as e:
        return QCoreApplication.translate("SettingsDialog", "Cannot read the file: %1").replace(
            "%1", e.strerror or str(e)
        )
    except ValueError:
        return QCoreApplication.translate("SettingsDialog", "The file is not valid JSON.")
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        return QCoreApplication.translate("SettingsDialog", 'The file has no "nodes" list.')
    return ""



_PROXY = re.compile(r"(?i)^(socks5|http)://(\[[0-9a-f:.]+\]|[^\s:/\[\]]+):(\d{1,5})/?$")


def proxy_url_ok(text: str) -> bool:
    """Empty, or socks5://HOST:PORT / http://HOST:PORT with a port 1..65535."""
    text = text.strip()
    if not text:
        return True
    m = _PROXY.match(text)
    return m is not None and 0 < int(m.group(3)) < 65536

class SettingsDialog(QDialog):
    logout_requested = Signal()  # "Switch profile": close this one, back to the profile chooser
    LANGUAGES = (("en", "English"), ("de", "Deutsch"), ("es", "Español"), ("fr", "Français"))  # each in its own

    def __init__(self, settings: AppSettings, parent: QWidget | None = None, *,
                 can_notify: bool | None = None, session: Session | None = None) -> None:
        """`can_notify`: whether a notification service or a tray can show notifications
        (default: whether there is a system tray). With `session`, the profile's password can
        be changed here."""
        super().__init__(parent)
        self.settings = settings
        self.session = session
        self.password_dialog: PasswordDialog | None = None
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(520)

        net = QGroupBox(self.tr("Network"))
        self.nodes = QLineEdit(settings.bootstrap_nodes)
        self.nodes.setPlaceholderText(self.tr("Built-in list"))
        self.browse = QPushButton(self.tr("Browse…"))
        self.browse.clicked.connect(self._browse)
        self.nodes_error = PlainLabel()
        self.nodes_error.setObjectName("ErrorText")
        self.nodes_error.setWordWrap(True)
        self.nodes_error.hide()
        nodes_row = QHBoxLayout()
        nodes_row.addWidget(self.nodes, 1)
        nodes_row.addWidget(self.browse)
        self.ipv6 = QCheckBox(self.tr("Use IPv6"))
        self.ipv6.setChecked(settings.ipv6)
        self.udp = QCheckBox(self.tr("Use UDP (faster; turn off only behind a strict firewall)"))
        self.udp.setChecked(settings.udp)
        self.proxy = QLineEdit(settings.proxy)
        self.proxy.setPlaceholderText(self.tr("None (for example socks5://127.0.0.1:9050)"))
        self.proxy.setAccessibleName(self.tr("Proxy"))
        self.proxy_error = PlainLabel()
        self.proxy_error.setObjectName("ErrorText")
        self.proxy_error.setWordWrap(True)
        self.proxy_error.hide()
        self.lan = QCheckBox(self.tr("Find friends on the local network (LAN discovery)"))
        self.lan.setChecked(settings.lan_discovery)
        self.port = QSpinBox()
        self.port.setRange(0, 65535)
        self.port.setSpecialValueText(self.tr("Automatic (33445–33545)"))
        self.port.setValue(settings.port)
        form = QFormLayout(net)
        form.addRow(self.tr("Bootstrap nodes file"), nodes_row)
        form.addRow("", self.nodes_error)
        form.addRow("", self.ipv6)
        form.addRow("", self.udp)
        form.addRow(self.tr("Proxy"), self.proxy)
        form.addRow("", self.proxy_error)
        proxy_note = PlainLabel(self.tr("A proxy carries every connection to TCP relays; UDP is then off."))
        proxy_note.setObjectName("HintText")
        proxy_note.setWordWrap(True)
        form.addRow("", proxy_note)
        form.addRow("", self.lan)
        form.addRow(self.tr("UDP port"), self.port)
        note = PlainLabel(self.tr("Network changes take effect the next time toxgui starts."))
        note.setObjectName("HintText")
        form.addRow("", note)

        ui = QGroupBox(self.tr("Interface"))
        tray_ok = QSystemTrayIcon.isSystemTrayAvailable()
        notify_ok = tray_ok if can_notify is None else can_notify
        self.notify = QCheckBox(self.tr("Show notifications for new messages and requests"))
        self.notify.setChecked(settings.notifications and notify_ok)
        self.sound = QCheckBox(self.tr("Ask for a sound with each notification"))
        self.sound.setChecked(settings.sound and notify_ok)
        self.tray = QCheckBox(self.tr("Keep running in the system tray when the window is closed"))
        self.tray.setChecked(settings.close_to_tray and tray_ok)
        self.notify.setEnabled(notify_ok)
        self.sound.setEnabled(notify_ok and settings.notifications)
        self.notify.toggled.connect(self.sound.setEnabled)
        self.tray.setEnabled(tray_ok)
        self.language = QComboBox()
        self.language.addItem(self.tr("System default"), "")
        for code, label in self.LANGUAGES:
            self.language.addItem(label, code)
        idx = max(0, self.language.findData(settings.language))
        self.language.setCurrentIndex(idx)
        uform = QFormLayout(ui)
        uform.addRow("", self.notify)
        uform.addRow("", self.sound)
        if not notify_ok:
            no_notify = PlainLabel(self.tr("Notifications are off: this desktop has neither a notification "
                                           "service nor a system tray."))
            no_notify.setObjectName("HintText")
            no_notify.setWordWrap(True)
            uform.addRow("", no_notify)
        uform.addRow("", self.tray)
        if not tray_ok:
            no_tray = PlainLabel(self.tr("No system tray is available on this desktop."))
            no_tray.setObjectName("HintText")
            uform.addRow("", no_tray)
        uform.addRow(self.tr("Language"), self.language)
        self.language_note = PlainLabel(self.tr("The new language applies the next time toxgui starts."))
        self.language_note.setObjectName("HintText")
        self.language_note.setWordWrap(True)
        self.language_note.setVisible(False)
        uform.addRow("", self.language_note)
        self.language.currentIndexChanged.connect(
            lambda _i: self.language_note.setVisible(str(self.language.currentData() or "") != settings.language))
        self.theme = QComboBox()
        self.theme.addItem(self.tr("Same as the system"), "system")
        self.theme.addItem(self.tr("Light"), "light")
        self.theme.addItem(self.tr("Dark"), "dark")
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        uform.addRow(self.tr("Appearance"), self.theme)

        files = QGroupBox(self.tr("Files"))
        self.download_dir = QLineEdit(settings.download_dir)
        self.download_dir.setPlaceholderText(self.tr("The Downloads folder"))
        self.download_dir.setAccessibleName(self.tr("Download folder"))
        self.choose_dir = QPushButton(self.tr("Choose…"))
        self.choose_dir.setAccessibleName(self.tr("Choose the download folder"))
        self.choose_dir.clicked.connect(self._choose_dir)
        dir_row = QHBoxLayout()
        dir_row.addWidget(self.download_dir, 1)
        dir_row.addWidget(self.choose_dir)
        fform = QFormLayout(files)
        fform.addRow(self.tr("Download folder"), dir_row)
        fnote = PlainLabel(self.tr("Files can be accepted automatically per friend: right-click the friend."))
        fnote.setObjectName("HintText")
        fnote.setWordWrap(True)
        fform.addRow("", fnote)

        self.profile_box = QGroupBox(self.tr("Profile"))
        pform = QFormLayout(self.profile_box)
        self.password_btn = QPushButton(self.tr("Change password…"))
        self.password_btn.setAccessibleName(self.tr("Change or remove the profile password"))
        self.password_btn.clicked.connect(self.open_password)
        self.password_state = PlainLabel()
        self.password_state.setObjectName("HintText")
        self.password_state.setWordWrap(True)
        pform.addRow(self.tr("Password"), self.password_btn)
        pform.addRow("", self.password_state)
        self.logout_btn = QPushButton(self.tr("Switch profile…"))
        self.logout_btn.setAccessibleName(self.tr("Close this profile and choose another"))
        self.logout_btn.clicked.connect(self._logout)
        pform.addRow("", self.logout_btn)
        self._show_password_state()
        self.password_btn.setEnabled(session is not None and session.can_change_password())
        self.profile_box.setVisible(session is not None)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(18, 14, 18, 14)
        lay.addWidget(net)
        lay.addWidget(ui)
        lay.addWidget(files)
        lay.addWidget(self.profile_box)
        lay.addWidget(buttons)
        self.nodes.textChanged.connect(self._check)
        self._file_dialog: QFileDialog | None = None

    def _show_password_state(self) -> None:
        enc = self.session is not None and self.session.encrypted
        self.password_state.setText(
            self.tr("The profile and its history are encrypted with a password.") if enc
            else self.tr("The profile and its history are stored unencrypted.")
        )
        self.password_btn.setText(self.tr("Change password…") if enc else self.tr("Set a password…"))

    def _logout(self) -> None:
        self.reject()
        self.logout_requested.emit()

    def open_password(self) -> PasswordDialog | None:
        if self.session is None:
            return None
        dlg = PasswordDialog(self.session, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.finished_change.connect(lambda _r: self._show_password_state())
        self.password_dialog = dlg
        dlg.open()
        return dlg

    def _check(self) -> bool:
        err = check_nodes_file(self.nodes.text().strip())
        self.nodes_error.setText(err)
        self.nodes_error.setVisible(bool(err))
        perr = "" if proxy_url_ok(self.proxy.text()) else self.tr(
            "Write the proxy as socks5://HOST:PORT or http://HOST:PORT, or leave it empty.")
        self.proxy_error.setText(perr)
        self.proxy_error.setVisible(bool(perr))
        return not err and not perr

    def _browse(self) -> None:
        dlg = QFileDialog(self, self.tr("Choose a bootstrap nodes file"))
        dlg.setNameFilter(self.tr("Nodes list (*.json)"))
        dlg.setFileMode(QFileDialog.FileMode.ExistingFile)
        dlg.fileSelected.connect(self.nodes.setText)
        self._file_dialog = dlg
        dlg.open()  # no nested event loop

    def _choose_dir(self) -> None:
        dlg = QFileDialog(self, self.tr("Choose the download folder"))
        dlg.setFileMode(QFileDialog.FileMode.Directory)
        dlg.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dlg.fileSelected.connect(self.download_dir.setText)
        self._file_dialog = dlg
        dlg.open()

    def save(self) -> bool:
        if not self._check():
            return False
        s = self.settings
        s.bootstrap_nodes = self.nodes.text().strip()
        s.ipv6 = self.ipv6.isChecked()
        s.udp = self.udp.isChecked()
        s.proxy = self.proxy.text().strip()
        s.lan_discovery = self.lan.isChecked()
        s.port = self.port.value()
        if self.notify.isEnabled():
            s.notifications = self.notify.isChecked()
            s.sound = self.sound.isChecked()
        if self.tray.isEnabled():
            s.close_to_tray = self.tray.isChecked()
        s.language = str(self.language.currentData() or "")
        s.theme = str(self.theme.currentData() or "system")
        s.download_dir = self.download_dir.text().strip()
        s.sync()
        ctl = style.theme_controller()
        if ctl is not None:  # the theme applies at once
            ctl.set_choice(s.theme)
        return True

    def accept(self) -> None:
        if self.save():
            super().accept()
