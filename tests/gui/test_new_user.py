"""The new-user check: the real `python -m toxgui --demo` on a fresh X server, driven like a person.

A fresh Xvfb display, HOME in a temporary folder (so no profile, no settings), and xdotool for the
keyboard: type a name and press Enter in the profile chooser, confirm the add-friend dialog that
comes up prefilled with the Echo friend's Tox ID, wait until Echo shows online in the contact
list, type a message and press Enter, wait for Echo's answer, search the chat's history for it
(Ctrl+Shift+F; the hits are highlighted) and close the search with Escape, quit with Ctrl+Q. Screenshots of
the whole screen are taken along the way (in the test's temporary folder).

What is asserted is what a person or another program can observe: the windows that appear (by
title), the green presence dot in the contact list, the history database the app writes, the
exit status, and the profile left behind (loaded with toxgui's own profile reader).
`--profile FOLDER/me.tox` names the profile: the one created is FOLDER/me.tox, and it outlives
the demo (without it the demo uses a throwaway folder).
"""

from __future__ import annotations

import os
import select
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage

from toxgui.core.savedata import FRIEND_CONFIRMED
from toxgui.store.history import Direction, History, State, history_path
from toxgui.store.profile import Profile
from toxgui.ui import style

pytestmark = [pytest.mark.xvfb, pytest.mark.timeout(300)]

ROOT = Path(__file__).resolve().parents[2]
NAME = "Sam"
MESSAGE = "Hello Echo, this is Sam"
REPLY = f"You said: {MESSAGE}"
SEARCH = "this is Sam"  # in the message and in Echo's reply: two hits, the older one marked
SIDEBAR_WIDTH = 310  # MainWindow's sidebar
CONTACTS_TOP = 110  # below our own header and the search field

GRAB = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
sys.exit(0 if app.primaryScreen().grabWindow(0).save(sys.argv[1], "PNG") else 1)
"""


def _tools() -> dict[str, str]:
    found = {t: shutil.which(t) for t in ("Xvfb", "xdotool")}
    missing = [t for t, p in found.items() if p is None]
    if missing:
        pytest.skip("the new-user check needs " + " and ".join(missing))
    return {t: str(p) for t, p in found.items()}


@pytest.fixture
def xserver(tmp_path: Path) -> Iterator[str]:
    """A fresh Xvfb on the first free display from :140; yields DISPLAY. -displayfd reports the
    display once the server accepts clients (its pipe stays open while the server runs)."""
    xvfb = _tools()["Xvfb"]
    log = tmp_path / "xvfb.log"
    for display in range(140, 180):
        if Path(f"/tmp/.X{display}-lock").exists() or Path(f"/tmp/.X11-unix/X{display}").exists():
            continue
        r, w = os.pipe()
        with open(log, "ab") as err:
            proc = subprocess.Popen(
                [xvfb, f":{display}", "-displayfd", str(w), "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
                pass_fds=(w,),
                stdout=subprocess.DEVNULL,
                stderr=err,
            )
        os.close(w)
        ready, _, _ = select.select([r], [], [], 15)
        data = os.read(r, 64) if ready else b""
        if data.strip() == str(display).encode():
            try:
                yield f":{display}"
            finally:
                proc.terminate()
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(5)
                os.close(r)
            return
        os.close(r)
        proc.kill()
        proc.wait(5)
    pytest.fail(f"could not start Xvfb: {log.read_text(errors='replace')[-1000:]}")


class Desktop:
    """xdotool and screenshots on one display."""

    def __init__(self, display: str, shots: Path) -> None:
        self.env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", QT_API="pyside6")
        self.shots = shots
        shots.mkdir()
        self.taken: list[Path] = []

    def xdotool(self, *args: str, timeout: float = 20) -> str:
        done = subprocess.run(
            ["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=timeout, check=False
        )
        assert done.returncode == 0, f"xdotool {' '.join(args)}: {done.stderr.strip()}"
        return done.stdout

    def window(self, title_regex: str, timeout: float = 30) -> str:
        """The id of the visible window whose title matches (waits for it to appear)."""
        out = self.xdotool("search", "--sync", "--onlyvisible", "--name", title_regex, timeout=timeout)
        return out.split()[0]

    def visible(self, title_regex: str) -> bool:
        done = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", title_regex],
            env=self.env,
            capture_output=True,
            timeout=20,
            check=False,
        )
        return bool(done.stdout.split())

    def geometry(self, wid: str) -> tuple[int, int, int, int]:
        out = self.xdotool("getwindowgeometry", "--shell", wid)
        v = dict(line.split("=", 1) for line in out.split())
        return int(v["X"]), int(v["Y"]), int(v["WIDTH"]), int(v["HEIGHT"])

    def focus(self, wid: str) -> None:
        """What a click on the window does (there is no window manager to do it)."""
        self.xdotool("windowfocus", "--sync", wid)

    def type(self, text: str) -> None:
        self.xdotool("type", "--delay", "25", text)

    def key(self, *keys: str) -> None:
        self.xdotool("key", "--clearmodifiers", *keys)

    def screenshot(self, name: str) -> QImage:
        path = self.shots / f"{len(self.taken) + 1:02d}-{name}.png"
        done = subprocess.run(
            [sys.executable, "-c", GRAB, str(path)], env=self.env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr[-2000:]
        self.taken.append(path)
        img = QImage(str(path))
        assert not img.isNull() and (img.width(), img.height()) == (1280, 900)
        return img


def green_in_contact_list(img: QImage, geo: tuple[int, int, int, int]) -> int:
    """Pixels of the "online" presence colour in the contact list area of the main window."""
    x0, y0, _w, h = geo
    online = QColor(style.PRESENCE["online"]).rgb()
    n = 0
    for y in range(y0 + CONTACTS_TOP, min(y0 + h - 60, img.height())):
        for x in range(x0, min(x0 + SIDEBAR_WIDTH, img.width())):
            if img.pixel(x, y) == online:
                n += 1
    return n


def search_hits(img: QImage, geo: tuple[int, int, int, int]) -> int:
    """Pixels of the search-hit highlight (either theme's) in the chat area of the main window."""
    x0, y0, w, h = geo
    hits = {QColor(style.LIGHT["SEARCH_HIT"]).rgb(), QColor(style.DARK["SEARCH_HIT"]).rgb()}
    n = 0
    for y in range(y0 + 60, min(y0 + h - 60, img.height()), 2):
        for x in range(x0 + SIDEBAR_WIDTH, min(x0 + w, img.width()), 2):
            if img.pixel(x, y) in hits:
                n += 1
    return n


def wait_for(cond: Callable[[], Any], what: str, timeout: float, proc: subprocess.Popen[bytes]) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = cond()
        if value:
            return value
        assert proc.poll() is None, f"the app exited ({proc.returncode}) while waiting for {what}"
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(0.2)


def history_rows(db: Path) -> list[tuple[int, str]]:
    """(direction, text) of every message, read-only, while the app has the database open."""
    if not db.exists():
        return []
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            rows = con.execute("SELECT direction, body FROM messages ORDER BY id").fetchall()
        finally:
            con.close()
    except sqlite3.OperationalError:
        return []  # not created yet
    return [(int(d), bytes(b).decode("utf-8", "replace")) for d, b in rows]


def test_new_user_demo_under_xvfb(xserver: str, tmp_path: Path) -> None:
    _tools()
    home = tmp_path / "home"
    home.mkdir()
    profiles = tmp_path / "profiles"
    desk = Desktop(xserver, tmp_path / "shots")
    env = {k: v for k, v in desk.env.items() if not k.startswith("XDG_") and k != "TOXGUI_PROFILE_DIR"}
    env.update(HOME=str(home), TOXGUI_NO_PUBLIC_BOOTSTRAP="1", XDG_RUNTIME_DIR=str(tmp_path))
    log = open(tmp_path / "app.log", "wb")  # noqa: SIM115 (closed in finally)
    app = subprocess.Popen(
        [sys.executable, "-m", "toxgui", "--demo", "--profile", str(profiles / "me.tox")],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        # --- the profile chooser: type a name, press Enter
        chooser = desk.window("^toxgui: choose a profile$", timeout=60)
        desk.focus(chooser)
        desk.type(NAME)
        desk.screenshot("chooser")
        desk.key("Return")

        # --- the main window, with the add-friend dialog prefilled with Echo's Tox ID: confirm it
        main = desk.window("^toxgui$")
        dialog = desk.window("^Friends$")
        geo = desk.geometry(main)
        desk.screenshot("add-friend-prefilled")
        desk.focus(dialog)
        desk.key("Return")
        desk.screenshot("request-sent")
        desk.key("Escape")
        wait_for(lambda: not desk.visible("^Friends$"), "the dialog to close", 10, app)

        # --- Echo accepts and comes online: its presence dot in the contact list turns green
        wait_for(
            lambda: green_in_contact_list(desk.screenshot("waiting-for-echo"), geo) >= 40,
            "Echo to show online in the contact list",
            90,
            app,
        )

        # --- a message, typed and sent with Enter; Echo's answer arrives
        desk.focus(main)
        desk.type(MESSAGE)
        desk.key("Return")
        db = history_path(profiles / "me.tox")
        wait_for(lambda: (0, REPLY) in history_rows(db), "Echo's answer", 60, app)
        desk.screenshot("echo-answered")

        # --- search the chat's history (Ctrl+Shift+F, type, the hits are highlighted), Escape
        desk.focus(main)
        desk.key("ctrl+shift+f")
        desk.type(SEARCH)
        wait_for(
            lambda: search_hits(desk.screenshot("history-search"), geo) >= 40,
            "the history search to highlight the message",
            20,
            app,
        )
        desk.key("Escape")
        wait_for(lambda: search_hits(desk.screenshot("search-closed"), geo) == 0, "the highlight to go", 10, app)

        # --- quit with Ctrl+Q
        desk.focus(main)
        desk.key("ctrl+q")
        assert app.wait(30) == 0
    finally:
        if app.poll() is None:
            app.terminate()
            try:
                app.wait(10)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait(5)
        log.close()
        print(f"\nscreenshots in {desk.shots}")

    # --- what is left behind: the profile with the typed name and Echo, and the history
    assert sorted(p.name for p in profiles.glob("*.tox")) == ["me.tox"]  # exactly --profile's path
    prof = Profile.load(profiles / "me.tox", lock=False)
    assert prof.savedata.name == NAME.encode()
    friends = prof.savedata.friends
    assert [(f.name, f.status) for f in friends] == [(b"Echo", FRIEND_CONFIRMED)]
    with History(history_path(profiles / "me.tox")) as h:
        msgs = h.latest(friends[0].public_key, 10)
    assert [(m.direction, m.text) for m in msgs] == [(Direction.OUT, MESSAGE), (Direction.IN, REPLY)]
    assert msgs[0].state == State.DELIVERED
