"""GUI tests: offscreen Qt, async tests on the qasync loop (pytest-asyncio loop-factory hook)."""

from __future__ import annotations

import asyncio
import gc
import os
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import PySide6.QtWidgets  # bind PySide6 before qasync picks a binding
import pytest
import qasync
from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from tests.gui.fake_backend import FakeBackend
from toxgui.i18n import remove_translators
from toxgui.models.session import Session
from toxgui.store.history import History
from toxgui.ui import pyside_guard, style

assert PySide6.QtWidgets


def _qapp() -> QApplication:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)  # else closing a dialog stops the qasync loop (as in the app)
    return app


# No test may reach the desktop's own notification service: the session bus is one that does
# not exist (tests/gui/test_notifications.py starts a bus of its own).
os.environ["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=/nonexistent/toxgui-tests-no-session-bus"

# PySide6 6.12.0 on Python 3.11 leaks references to None (see toxgui.ui.pyside_guard)
pyside_guard.install()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).parent == here:
            item.add_marker(pytest.mark.gui)


def pytest_asyncio_loop_factories(config: pytest.Config, item: pytest.Item) -> dict[str, Any]:
    return {"qasync": lambda: qasync.QEventLoop(_qapp())}


def wait_signal(
    signal: SignalInstance, predicate: Callable[..., bool] = lambda *a: True, timeout: float = 5.0
) -> Awaitable[tuple[Any, ...]]:
    """Connect now; await the result for the next emission whose arguments satisfy `predicate`.

    Uses an asyncio future, never a nested Qt event loop (safe inside coroutines on qasync).
    """
    loop = asyncio.get_running_loop()
    fut: asyncio.Future[tuple[Any, ...]] = loop.create_future()

    def slot(*args: Any) -> None:
        if not fut.done() and predicate(*args):
            fut.set_result(args)

    signal.connect(slot)

    async def waiter() -> tuple[Any, ...]:
        try:
            return await asyncio.wait_for(fut, timeout)
        finally:
            signal.disconnect(slot)

    return waiter()


@pytest.fixture(autouse=True)
def _no_translators_left() -> Iterator[None]:
    """A test that runs run_gui installs translators app-wide; the next test starts without."""
    yield
    app = QApplication.instance()
    if app is not None:
        remove_translators(app)


@pytest.fixture(autouse=True)
def _collect_on_main_thread() -> Iterator[None]:
    """Free each test's cyclic garbage here, on the Qt thread: collected later on an executor
    thread, a QObject would be deleted on the wrong thread and leave dangling timers."""
    yield
    gc.collect()


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[style.ThemeController]:
    """The app's style (light theme) on the test QApplication, removed afterwards."""
    ctl = style.apply_style(qapp, "light")
    yield ctl
    style.set_theme(False)
    qapp.setStyleSheet("")
    qapp.setPalette(QPalette())
    ctl.setParent(None)  # type: ignore[call-overload]
    ctl.deleteLater()
    qapp.setProperty("toxgui_styled", False)


@pytest.fixture
def backend() -> FakeBackend:
    return FakeBackend()


@pytest.fixture
def history(tmp_path: Path) -> Iterator[History]:
    h = History(tmp_path / "profile.db")
    yield h
    h.close()


@pytest.fixture
def session(qapp: QApplication, backend: FakeBackend, history: History) -> Iterator[Session]:
    s = Session(backend, history)
    yield s
    s.close()
