"""One window per user: a second start hands its tox: link over to the running window.

In one process: the server side with a stand-in window, the client side, malformed and oversized
messages, a stale socket left by a killed toxgui, a name held by a live one. End to end: the
running app is `run_gui` on the test's loop (the real chooser and main window over a fake
backend); the second start is a real `python -m toxgui --demo tox:ID` with the same config
folder, which must exit 0 at once and leave the link in the running window's add-friend dialog.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtNetwork import QLocalSocket
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import wait_signal
from tests.gui.fake_backend import FakeBackend, tox_id_for
from toxgui.i18n import remove_translators
from toxgui.models.settings import AppSettings
from toxgui.ui import single_instance
from toxgui.ui.app_gui import run_gui
from toxgui.ui.dialogs.profile_chooser import OpenedProfile, ProfileChooser
from toxgui.ui.main_window import MainWindow
from toxgui.ui.single_instance import MAX_MESSAGE, HandOver, SingleInstance, server_name

ROOT = Path(__file__).resolve().parents[2]
TOX_ID = tox_id_for("zed")


class FakeWindow:
    def __init__(self) -> None:
        self.calls: list[tuple[str, ...]] = []

    def bring_to_front(self) -> None:
        self.calls.append(("front",))

    def open_tox_uri(self, uri: str) -> None:
        self.calls.append(("open", uri))


@pytest.fixture
def runtime_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private $XDG_RUNTIME_DIR with a short path (a socket path must fit in 108 bytes)."""
    path = Path(tempfile.mkdtemp(prefix="tg-run-"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(path))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def server(qapp: QApplication, runtime_dir: Path, tmp_path: Path) -> Iterator[tuple[SingleInstance, FakeWindow]]:
    instance = SingleInstance(tmp_path / "config")
    window = FakeWindow()
    assert instance.listen(window)
    try:
        yield instance, window
    finally:
        instance.close()


def exists(path: str) -> bool:
    return os.path.exists(path)


async def send_raw(name: str, data: bytes) -> QLocalSocket:
    """A client that writes `data` as is (no answer awaited); the caller aborts it."""
    sock = QLocalSocket()
    sock.connectToServer(name)
    assert sock.state() == QLocalSocket.LocalSocketState.ConnectedState, sock.errorString()
    if data:
        sock.write(data)
        sock.flush()
    return sock


def test_server_name_is_per_user_and_config_folder(runtime_dir: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = server_name(tmp_path / "a"), server_name(tmp_path / "b")
    assert a != b and a == server_name(tmp_path / "x" / ".." / "a")
    assert Path(a).parent == runtime_dir and Path(a).name.startswith(f"toxgui-{os.getuid()}-")
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    assert server_name(tmp_path / "a") == Path(a).name  # a plain name, in Qt's temporary folder


async def test_a_link_reaches_the_running_window(server: tuple[SingleInstance, FakeWindow], tmp_path: Path) -> None:
    instance, window = server
    received = wait_signal(instance.received)
    assert await SingleInstance(tmp_path / "config").hand_over(f"tox:{TOX_ID}", "/home/sam/me.tox")
    assert await received == (HandOver(f"tox:{TOX_ID}", "/home/sam/me.tox"),)
    assert window.calls == [("front",), ("open", f"tox:{TOX_ID}")]
    # A start without a link only brings the window to the front.
    assert await SingleInstance(tmp_path / "config").hand_over(None)
    assert window.calls[2:] == [("front",)]
    assert (instance.accepted, instance.malformed) == (2, 0)


async def test_nobody_to_hand_over_to(qapp: QApplication, runtime_dir: Path, tmp_path: Path) -> None:
    started = time.monotonic()
    assert not await SingleInstance(tmp_path / "config").hand_over(f"tox:{TOX_ID}")
    assert time.monotonic() - started < 1.0
    # Another config folder is another instance.
    other = SingleInstance(tmp_path / "other")
    assert other.listen(FakeWindow())
    try:
        assert not await SingleInstance(tmp_path / "config").hand_over(f"tox:{TOX_ID}")
    finally:
        other.close()


@pytest.mark.parametrize(
    "data",
    [
        b"not json\n",
        b"[1, 2]\n",
        b'{"uri": 5, "profile": null}\n',
        b'{"uri": "tox:x", "profile": ["a"]}\n',
        b"\xff\xfe\x00\n",
        b"[" * 60000 + b"\n",  # nested deeper than the parser goes
        b"x" * (MAX_MESSAGE + 1),  # no newline where a line must have ended
        b'{"uri": "' + b"a" * MAX_MESSAGE + b'"}\n',
        b'{"uri": "tox:unfinished',  # then the sender closes
    ],
    ids=["text", "array", "uri-type", "profile-type", "not-utf8", "deep", "oversized", "long-line", "unfinished"],
)
async def test_malformed_messages_are_dropped_and_the_server_keeps_working(
    server: tuple[SingleInstance, FakeWindow], tmp_path: Path, data: bytes
) -> None:
    instance, window = server
    dropped = wait_signal(instance.dropped)
    sock = await send_raw(instance.name, data)
    try:
        if data.endswith(b"unfinished"):
            sock.disconnectFromServer()
        await dropped
    finally:
        sock.abort()
        sock.deleteLater()
    assert (instance.malformed, instance.accepted, window.calls) == (1, 0, [])
    assert await SingleInstance(tmp_path / "config").hand_over(f"tox:{TOX_ID}")
    assert window.calls == [("front",), ("open", f"tox:{TOX_ID}")]


async def test_a_silent_connection_is_dropped_after_the_read_timeout(
    server: tuple[SingleInstance, FakeWindow], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    instance, window = server
    monkeypatch.setattr(single_instance, "READ_TIMEOUT_MS", 200)
    dropped = wait_signal(instance.dropped)
    sock = await send_raw(instance.name, b"")
    try:
        assert "within 200 ms" in (await dropped)[0]
    finally:
        sock.abort()
        sock.deleteLater()
    assert await SingleInstance(tmp_path / "config").hand_over(None)
    assert window.calls == [("front",)]


async def test_a_stale_socket_is_taken_over(qapp: QApplication, runtime_dir: Path, tmp_path: Path) -> None:
    name = server_name(tmp_path / "config")
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(name)  # what a killed toxgui leaves: the file, nobody accepting
    stale.close()
    assert exists(name)
    assert not await SingleInstance(tmp_path / "config").hand_over(f"tox:{TOX_ID}")
    instance = SingleInstance(tmp_path / "config")
    window = FakeWindow()
    try:
        assert instance.listen(window)
        assert await SingleInstance(tmp_path / "config").hand_over(f"tox:{TOX_ID}")
        assert window.calls == [("front",), ("open", f"tox:{TOX_ID}")]
    finally:
        instance.close()
    assert not exists(name)


async def test_a_live_instance_keeps_its_name(server: tuple[SingleInstance, FakeWindow], tmp_path: Path) -> None:
    instance, window = server
    second = SingleInstance(tmp_path / "config")
    try:
        assert not second.listen(FakeWindow())
    finally:
        second.close()
    assert exists(instance.name)
    assert await SingleInstance(tmp_path / "config").hand_over(f"tox:{TOX_ID}")
    assert window.calls == [("front",), ("open", f"tox:{TOX_ID}")]


# --- end to end ---------------------------------------------------------------------------------


def create_profile(path: Path, name: str, password: str | None) -> dict[str, Any]:
    path.write_bytes(b"\x00\x00\x00\x00" + name.encode())
    return {"name": name}


def load_profile(path: Path, password: str | None) -> dict[str, Any]:
    return {"name": path.read_bytes()[4:].decode()}


def start(argv: list[str], cwd: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


async def until(cond: Any, what: str, within: float = 10.0) -> Any:
    """Poll a widget condition on the running loop, with a deadline."""
    deadline = time.monotonic() + within
    while not (value := cond()):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.01)
    return value


async def test_second_start_hands_its_link_to_the_running_window(
    qapp: QApplication, runtime_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    homes = {var: tmp_path / sub for var, sub in (
        ("HOME", "home"), ("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state"))}
    for var, path in homes.items():
        path.mkdir()
        monkeypatch.setenv(var, str(path))
    config_dir = homes["XDG_CONFIG_HOME"] / "toxgui"  # where `python -m toxgui` keeps its settings
    profile = tmp_path / "me.tox"
    loop = asyncio.get_running_loop()
    shown: asyncio.Future[MainWindow] = loop.create_future()

    def factory(opened: OpenedProfile, settings: AppSettings) -> FakeBackend:
        return FakeBackend(name=opened.data["name"])

    task = asyncio.ensure_future(run_gui(
        qapp, factory, profile_dirs=[tmp_path], create_profile=create_profile, load_profile=load_profile,
        config_dir=config_dir, on_window=shown.set_result, new_profile_path=profile,
    ))
    proc: subprocess.Popen[str] | None = None
    try:
        chooser = await until(lambda: next((w for w in qapp.topLevelWidgets()
                                            if isinstance(w, ProfileChooser) and w.isVisible()), None), "the chooser")
        chooser.name_edit.setText("Sam")
        chooser.create_btn.click()
        window = await asyncio.wait_for(shown, 10)
        assert window.add_dialog is None
        profile_bytes = profile.read_bytes()

        env = {k: v for k, v in os.environ.items() if k != "PYTHONHOME"}
        env.update({k: str(v) for k, v in homes.items()}, XDG_RUNTIME_DIR=str(runtime_dir),
                   QT_QPA_PLATFORM="offscreen", QT_API="pyside6", PYTHONPATH=str(ROOT),
                   TOXGUI_NO_PUBLIC_BOOTSTRAP="1")
        started = time.monotonic()
        proc = start([sys.executable, "-m", "toxgui", "--demo", "--profile", str(profile), f"tox:{TOX_ID}"],
                     cwd=tmp_path, env=env)
        # The Qt loop keeps serving the hand-over while a thread waits for the process to end.
        _out, err = await asyncio.to_thread(proc.communicate, timeout=60)
        took = time.monotonic() - started
        assert proc.returncode == 0, err
        assert "Traceback" not in err, err
        assert took < 20, f"the second start took {took:.1f} s"
        # The link arrived before the second start got its answer.
        assert window.isVisible()
        dialog = window.add_dialog
        assert dialog is not None and dialog.isVisible()
        assert dialog.id_edit.text() == TOX_ID
        assert profile.read_bytes() == profile_bytes  # the second start opened no profile
        assert not [w for w in qapp.topLevelWidgets() if isinstance(w, ProfileChooser) and w.isVisible()]

        window.request_quit()
        assert await asyncio.wait_for(task, 10) == 0
        assert not exists(server_name(config_dir))  # the socket went with the window
    finally:
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.communicate(timeout=10)
        if not task.done():
            for w in qapp.topLevelWidgets():
                if isinstance(w, MainWindow):
                    w.request_quit()
                elif isinstance(w, ProfileChooser):
                    w.reject()
            await asyncio.wait_for(task, 10)
        remove_translators(qapp)  # run_gui installed them app-wide; later tests expect none
