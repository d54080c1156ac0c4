"""The main window from its minimum size up, with the dashboard open: the sidebar, the chat and
the dashboard never overlap, no control sticks out of its pane, and no label's text is cut."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QStackedWidget, QWidget

from tests.gui.fake_backend import FakeBackend
from toxgui.core.events import Stage
from toxgui.models.session import Session
from toxgui.models.settings import AppSettings
from toxgui.ui import style
from toxgui.ui.main_window import MainWindow
from toxgui.ui.plain import ElidedButton, ElidedLabel

SIZES = [(760, 480), (800, 500), (860, 560), (960, 600), (1100, 720), (1400, 900)]


@pytest.fixture
def window(qtbot, themed: style.ThemeController, session: Session, tmp_path: Path,
           backend: FakeBackend) -> MainWindow:
    alice = backend.add_friend_direct("Alice Wonderland-Liddell of the Looking Glass", "a rather long status "
                                      "message that goes on and on about nothing in particular")
    backend.connect(alice)
    bob = backend.add_friend_direct("Bob")
    backend.set_stage(bob, Stage.AcquiringCookie)
    w = MainWindow(session, AppSettings(tmp_path / "config"))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.select_friend(alice)
    session.send_text(alice, "A message that is long enough to wrap over several lines in a narrow chat pane.")
    w.toggle_dashboard(True)
    return w


def _rect_in(w: QWidget, top: QWidget) -> QRect:
    return QRect(w.mapTo(top, QPoint(0, 0)), w.size())


def _laid_out_children(w: QWidget) -> list[QWidget]:
    return [c for c in w.children() if isinstance(c, QWidget) and c.isVisible() and not c.isWindow()]


def _problems(window: MainWindow) -> list[str]:
    problems = []
    central = window.centralWidget()
    panes = {"sidebar": window.sidebar, "chat": window.stack, "dashboard": window.dash_panel}
    rects = {name: _rect_in(p, central) for name, p in panes.items()}
    for name, r in rects.items():
        if not central.rect().contains(r):
            problems.append(f"{name} {r} is outside the window {central.rect()}")
    names = list(rects)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if rects[a].intersects(rects[b]):
                problems.append(f"{a} {rects[a]} overlaps {b} {rects[b]}")
    for name, pane in panes.items():
        todo = [pane]
        while todo:
            w = todo.pop()
            if isinstance(w, QAbstractScrollArea):
                continue  # its content scrolls: it may be larger than the viewport by design
            kids = _laid_out_children(w)
            if isinstance(w, QStackedWidget):
                kids = [w.currentWidget()]
            for k in kids:
                if not w.rect().contains(k.geometry()):
                    problems.append(f"{name}: {type(k).__name__} {k.objectName()!r} {k.geometry()} sticks out of "
                                    f"{type(w).__name__} {w.objectName()!r} {w.rect()}")
            for i, a in enumerate(kids):
                for b in kids[i + 1:]:
                    if a.geometry().intersects(b.geometry()):
                        problems.append(f"{name}: {type(a).__name__} {a.objectName()!r} {a.geometry()} overlaps "
                                        f"{type(b).__name__} {b.objectName()!r} {b.geometry()}")
            todo.extend(kids)
    for label in window.findChildren(QLabel):
        if not label.isVisible() or isinstance(label, ElidedLabel) or not label.text():
            continue
        if label.wordWrap():
            need_w = label.minimumSizeHint().width()
            need_h = label.heightForWidth(label.width())
        else:
            need_w, need_h = label.sizeHint().width(), label.sizeHint().height()
        if label.width() < need_w or label.height() < need_h:
            problems.append(f"label {label.objectName()!r} {label.text()[:40]!r} is cut: {label.size()} "
                            f"< ({need_w}, {need_h})")
    return problems


@pytest.mark.parametrize("size", SIZES)
def test_no_overlap_and_nothing_cut_with_the_dashboard_open(qtbot, window: MainWindow, size: tuple[int, int]) -> None:
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size, timeout=3000)
    qtbot.waitUntil(lambda: not _problems(window), timeout=3000)  # layouts settle in posted events
    assert _problems(window) == []
    assert window.dash_panel.isVisible()


def test_minimum_size_gives_every_pane_its_minimum(qtbot, window: MainWindow) -> None:
    window.resize(100, 100)  # clamped to the minimum
    qtbot.waitUntil(lambda: (window.width(), window.height()) == MainWindow.MIN_SIZE, timeout=3000)
    qtbot.waitUntil(lambda: not _problems(window), timeout=3000)
    assert window.sidebar.width() >= MainWindow.SIDEBAR_MIN
    assert window.stack.width() >= MainWindow.CHAT_MIN
    assert window.dash_panel.width() >= window.dash_panel.MIN_WIDTH
    # the bottom bar (Settings included) is inside the sidebar and not covered
    assert window.settings_btn.isVisible()
    r = _rect_in(window.settings_btn, window.centralWidget())
    assert _rect_in(window.sidebar, window.centralWidget()).contains(r)
    # long texts are shortened with "…", the full text stays available
    assert window.header.name.text().endswith("…")
    assert window.header.name.full_text().startswith("Alice Wonderland")
    assert isinstance(window.self_header.network, ElidedButton)


def test_wide_window_keeps_the_panes_preferred_widths(qtbot, window: MainWindow) -> None:
    window.resize(1400, 900)
    qtbot.waitUntil(lambda: window.width() == 1400, timeout=3000)
    qtbot.waitUntil(lambda: window.sidebar.width() == MainWindow.SIDEBAR_WIDTH, timeout=3000)
    assert window.dash_panel.width() == window.dash_panel.WIDTH
