"""Render toxgui's main screens with the fake backend and save them as PNG files.

    python -m tests.gui.screenshots OUTDIR [--lang de] [--theme dark]

English in the light theme gives every picture; another language gives its main window and its
dashboard (`main-window-de.png`, `dashboard-de.png`); `--theme dark` the dark main window with
the dashboard open (`dashboard-dark.png`).

Used by test_screenshots.py under Xvfb (QT_QPA_PLATFORM=xcb); it also works offscreen.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import os
import sys
from pathlib import Path

import PySide6.QtWidgets  # noqa: F401  (bind PySide6 before anything imports qasync)
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from tests.gui.fake_backend import FakeBackend, key_for, tox_id_for
from toxgui import i18n
from toxgui.core.events import Stage
from toxgui.models.session import Session
from toxgui.models.settings import AppSettings
from toxgui.store.history import Direction, History, Kind, State
from toxgui.ui import icons, pyside_guard
from toxgui.ui.dialogs.add_friend import AddFriendDialog
from toxgui.ui.dialogs.profile_chooser import ProfileChooser
from toxgui.ui.main_window import MainWindow
from toxgui.ui.style import apply_style


def settle(ms: int = 250) -> None:
    """Let Qt lay out and paint (a local event loop; this script has no asyncio)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def save(widget: QWidget, path: Path) -> Path:
    settle()
    if not widget.grab().save(str(path)):
        raise RuntimeError(f"could not save {path}")
    print(path)
    return path


def teardown(*objects: QObject) -> None:
    """Delete the windows now, while Qt and Python are both fully alive, not at interpreter exit."""
    for obj in objects:
        if isinstance(obj, QWidget):
            obj.close()
        if isinstance(obj, Session):
            obj.close()
        obj.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def scene_now() -> float:
    """Today at 16:20 local time: fixed clock readings make the images the same on every run."""
    return datetime.datetime.combine(datetime.date.today(), datetime.time(16, 20)).timestamp()


def build_scene(workdir: Path) -> tuple[MainWindow, FakeBackend, Session, list[float]]:
    now = scene_now()
    clock = [now - 600.0]
    backend = FakeBackend("Alice", clock=lambda: clock[0])
    backend._status_message = "Out for a walk, back soon"
    backend.set_dht(52, 37, onion_paths=2, announced=True)
    hist = History(workdir / "alice.db")
    session = Session(backend, hist, clock=lambda: clock[0])

    bob = backend.add_friend_direct("Bob", "Hiking this weekend")
    backend.connect(bob)
    dave = backend.add_friend_direct("Dave", "In a meeting until 4")
    backend.connect(dave)
    backend.set_friend_status(dave, "away")
    erin = backend.add_friend_direct("Erin", "Deadline, please only urgent things")
    backend.connect(erin)
    backend.set_friend_status(erin, "busy")
    frank = backend.add_friend_direct("Frank", "")
    carol = backend.add_friend_direct("Carol", "Moved to Lisbon!")
    backend.incoming_request("zoe", "Hi Alice, it's Zoe from the climbing gym!")

    day = 86400.0
    hist.add_many(
        [
            (
                bob,
                Direction.IN,
                "Hey Alice! Are you still up for the hike on Saturday?",
                Kind.NORMAL,
                now - day - 3000,
                State.DELIVERED,
            ),
            (
                bob,
                Direction.OUT,
                "Yes, absolutely. Which trail were you thinking of?",
                Kind.NORMAL,
                now - day - 2900,
                State.DELIVERED,
            ),
            (
                bob,
                Direction.IN,
                "The ridge trail from the old mill. About five hours with a long lunch "
                "break at the top, the view over the lake is worth every step.",
                Kind.NORMAL,
                now - day - 2700,
                State.DELIVERED,
            ),
            (
                bob,
                Direction.OUT,
                "Perfect. I'll bring sandwiches and the good coffee.",
                Kind.NORMAL,
                now - day - 2600,
                State.DELIVERED,
            ),
            (bob, Direction.IN, "checks the weather forecast", Kind.ACTION, now - 1500, State.DELIVERED),
            (bob, Direction.IN, "Sunny all day. Meet at 8 at the station?", Kind.NORMAL, now - 1400, State.DELIVERED),
        ]
    )
    hist.add_many([(dave, Direction.IN, "Can you send me the slides later?", Kind.NORMAL, now - 900, State.DELIVERED)])
    session.contacts.update(dave, unread=2)

    # Carol's connection comes up stage by stage
    clock[0] = now - 95
    backend.set_stage(carol, Stage.AwaitingDHTKey, announce_nodes=4, search_attempts=2, next_search=now + 3)
    clock[0] = now - 31
    backend.set_stage(carol, Stage.AcquiringIPAddress, dht_key_source="onion")
    clock[0] = now - 12
    backend.set_stage(
        carol,
        Stage.AcquiringCookie,
        attempts=3,
        next_retry=now + 2,
        announce_nodes=4,
        search_attempts=2,
        next_search=now + 40,
    )
    clock[0] = now - 50
    backend.set_stage(frank, Stage.AwaitingDHTKey, announce_nodes=0, next_search=now + 7)
    clock[0] = now

    settings = AppSettings(workdir / "config")
    win = MainWindow(session, settings)
    win.resize(1180, 780)
    win.show()
    win.select_friend(bob)
    settle()
    clock[0] = now - 20
    session.send_text(bob, "See you at 8! I'll be the one with the big red backpack.")
    clock[0] = now - 5
    session.send_text(bob, "/me packs the thermos")
    backend.receipt(bob, backend.sent[0][3])
    clock[0] = now
    backend.friend_typing(bob, True)
    return win, backend, session, clock


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--lang", default="en")
    ap.add_argument("--theme", default="light", choices=("light", "dark"))
    ap.add_argument("--workdir", type=Path, default=None)
    args = ap.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    workdir = args.workdir or args.outdir / ".work"
    workdir.mkdir(parents=True, exist_ok=True)
    for f in workdir.glob("alice.db*"):
        f.unlink()

    app = QApplication.instance() or QApplication(sys.argv[:1])
    pyside_guard.install(app)
    app.setQuitOnLastWindowClosed(False)
    apply_style(app, args.theme)
    app.setWindowIcon(icons.app_icon())
    i18n.install_translators(app, args.lang)
    suffix = "" if args.lang == "en" else f"-{args.lang}"

    win, backend, session, _clock = build_scene(workdir)
    if args.theme == "dark":
        win.select_friend(key_for("Carol"))
        win.toggle_dashboard(True)
        save(win, args.outdir / "dashboard-dark.png")
        teardown(win, session)
        return 0
    save(win, args.outdir / f"main-window{suffix}.png")
    if args.lang != "en":
        win.select_friend(key_for("Carol"))
        win.toggle_dashboard(True)
        save(win, args.outdir / f"dashboard{suffix}.png")
        teardown(win, session)
        return 0

    # history search: the newest hit highlighted, the view scrolled to it
    win.open_chat_search()
    win.chat_search.field.setText("trail")
    win.chat_search.run()
    save(win, args.outdir / "history-search.png")
    win.chat_search.close_search()

    win.select_friend(key_for("Carol"))
    win.toggle_dashboard(True)
    save(win, args.outdir / "dashboard.png")

    # the app's own minimum size, the dashboard open
    win.resize(win.minimumSize())
    save(win, args.outdir / "minimum-size-dashboard.png")
    win.resize(1180, 780)

    dlg = win.open_add_friend(AddFriendDialog.TAB_ADD)
    good = tox_id_for("Zoe")
    bad = good[:40] + ("0" if good[40] != "0" else "1") + good[41:]  # one mistyped character
    dlg.set_tox_id(bad)
    dlg.resize(600, 480)
    save(dlg, args.outdir / "add-friend-error.png")
    dlg.show_my_id()
    save(dlg, args.outdir / "my-tox-id.png")
    dlg.close()

    (workdir / "profiles").mkdir(exist_ok=True)
    (workdir / "profiles" / "alice.tox").write_bytes(b"toxEsave")
    (workdir / "profiles" / "work.tox").write_bytes(b"\x00\x00\x00\x00")
    fixed = datetime.datetime(2026, 11, 20, 9, 30).timestamp()
    for i, name in enumerate(("alice.tox", "work.tox")):
        os.utime(workdir / "profiles" / name, (fixed - i * 86400, fixed - i * 86400))
    chooser = ProfileChooser([workdir / "profiles"], lambda *a: None, lambda *a: None)
    chooser.new_btn.click()
    chooser.name_edit.setText("Alice")
    chooser.pw_edit.setText("correct horse battery")
    chooser.pw2_edit.setText("correct horse battery")
    chooser.show()
    save(chooser, args.outdir / "profile-chooser.png")
    teardown(chooser, win, session)
    assert backend is not None
    return 0


if __name__ == "__main__":
    sys.exit(main())
