"""Desktop start-up benchmark: from "profile unlocked" to a usable main window.

    python bench/gui_startup.py [--friends 200] [--messages 100000] [--runs 5] [--out bench/out/gui_startup.json]

A profile with FRIENDS confirmed friends and a history database with MESSAGES messages spread over
them are generated once (in a temporary folder). Each run is a fresh process running the real app,
`toxgui.app.gui.run_gui_app`, offscreen, as `toxgui --profile P --bind 127.0.0.1 --no-lan
--no-ipv6` with HOME in a fresh folder (no bootstrap nodes: nothing is sent). The profile chooser
lists the profile and its "Open" button is clicked; the clock starts when `Profile.load` has
returned (the profile is unlocked). From there the app opens the history, starts the ToxClient,
builds the session, the models and the main window and shows it. The clock stops in the first
zero-delay timer that fires after the window is shown and its contact list has painted: the event
loop has gone idle and the window is usable. Each run checks that the contact list holds every
friend.

Prints the median of the runs and writes every figure, plus the resident memory (VmRSS at that
moment and the peak VmHWM) of the GUI process, to the JSON file. Not a test: it asserts nothing
about the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


# --- data -----------------------------------------------------------------------------------------


def generate(folder: Path, friends: int, messages: int) -> Path:
    """`me.tox` with `friends` confirmed friends and `me.db` with `messages` messages."""
    from toxgui.core.crypto import SystemRng
    from toxgui.core.savedata import FRIEND_CONFIRMED, FriendRecord, SaveData
    from toxgui.store.history import Direction, History, Kind, State, history_path
    from toxgui.store.profile import Profile

    rng = SystemRng()
    sd = SaveData.new(rng, name="Bench")
    keys = [rng.bytes(32) for _ in range(friends)]
    for i, pk in enumerate(keys):
        sd.friends.append(
            FriendRecord(pk, FRIEND_CONFIRMED, name=f"Friend {i + 1:03d}", status_message=f"status line {i + 1}")
        )
    path = folder / "me.tox"
    Profile.create(path, savedata=sd).close()
    t0 = time.time() - messages * 60.0
    batch = 20_000
    with History(history_path(path)) as h:
        for start in range(0, messages, batch):
            rows = []
            for n in range(start, min(start + batch, messages)):
                pk = keys[n % friends]
                d = Direction.OUT if n % 3 == 0 else Direction.IN
                text = f"message {n}: " + "lorem ipsum dolor sit amet " * (1 + n % 4)
                rows.append((pk, d, text, Kind.NORMAL, t0 + n * 60.0, State.DELIVERED))
            h.add_many(rows)
    return path


# --- one run, in its own process --------------------------------------------------------------------


def _memory() -> dict[str, int]:
    out = {}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(value.split()[0]) * 1024
    except OSError:
        pass
    return out


def child(profile: Path) -> dict[str, object]:
    """One start of the real app (`toxgui.app.gui.run_gui_app`, offscreen) on `profile`."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["QT_API"] = "pyside6"
    os.environ["TOXGUI_NO_PUBLIC_BOOTSTRAP"] = "1"
    import PySide6.QtWidgets  # bind PySide6 before qasync
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from toxgui.app.gui import run_gui_app
    from toxgui.app.options import parse_args
    from toxgui.store.profile import Profile
    from toxgui.ui.dialogs.profile_chooser import ProfileChooser
    from toxgui.ui.main_window import MainWindow

    assert PySide6.QtWidgets
    app = QApplication.instance() or QApplication(sys.argv[:1])
    marks: dict[str, float] = {}
    result: dict[str, object] = {}

    real_load = Profile.load.__func__  # type: ignore[attr-defined]

    def timed_load(cls: type[Profile], *a: object, **k: object) -> Profile:
        t = time.perf_counter()
        prof = real_load(cls, *a, **k)
        marks["unlocked"] = time.perf_counter()
        result["load_s"] = marks["unlocked"] - t
        return prof

    Profile.load = classmethod(timed_load)  # type: ignore[method-assign,assignment]

    class Watch(QObject):
        """Notes the main window's first Show and its contact list's first Paint."""

        def __init__(self) -> None:
            super().__init__()
            self.window: MainWindow | None = None
            self.painted = False

        def eventFilter(self, obj: QObject, e: QEvent) -> bool:
            if e.type() == QEvent.Type.Show and isinstance(obj, MainWindow) and self.window is None:
                marks["shown"] = time.perf_counter()
                self.window = obj
                QTimer.singleShot(0, self.idle)
            elif (
                e.type() == QEvent.Type.Paint and self.window is not None and obj is self.window.contact_list.viewport()
            ):
                self.painted = True
            return False

        def idle(self) -> None:
            w = self.window
            assert w is not None
            if not self.painted:
                QTimer.singleShot(0, self.idle)
                return
            marks["usable"] = time.perf_counter()
            result["contacts"] = w.contact_list.model().rowCount()
            result["memory"] = _memory()
            w.request_quit()

    watch = Watch()
    app.installEventFilter(watch)

    def open_profile() -> None:
        # the chooser lists the profile: click "Open", as a person would
        for w in QApplication.topLevelWidgets():
            if isinstance(w, ProfileChooser) and w.isVisible():
                assert w.profile_list.count() == 1
                w.load_btn.click()
                return
        QTimer.singleShot(5, open_profile)

    QTimer.singleShot(0, open_profile)
    args = parse_args(["--profile", str(profile), "--bind", "127.0.0.1", "--no-lan", "--no-ipv6"])
    rc = run_gui_app(args)
    assert rc == 0, rc
    app.removeEventFilter(watch)
    result["unlocked_to_shown_s"] = marks["shown"] - marks["unlocked"]
    result["unlocked_to_usable_s"] = marks["usable"] - marks["unlocked"]
    return result


# --- driver ------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--friends", type=int, default=200)
    p.add_argument("--messages", type=int, default=100_000)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "gui_startup.json")
    p.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child)), flush=True)
        return 0

    with tempfile.TemporaryDirectory(prefix="toxgui-bench-gui-") as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        profile = generate(folder, args.friends, args.messages)
        gen_s = time.perf_counter() - t
        db_bytes = profile.with_suffix(".db").stat().st_size
        print(f"generated {args.friends} friends, {args.messages} messages ({db_bytes / 1e6:.1f} MB) in {gen_s:.1f} s")
        runs = []
        for i in range(args.runs):
            home = folder / f"home{i}"  # fresh settings, and no other profiles, for every run
            home.mkdir()
            env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_") and k != "TOXGUI_PROFILE_DIR"}
            env.update(HOME=str(home), QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
            done = subprocess.run(
                [sys.executable, __file__, "--child", str(profile)],
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
            if done.returncode != 0:
                print(done.stderr[-3000:], file=sys.stderr)
                return 1
            r = json.loads(done.stdout.strip().splitlines()[-1])
            assert r["contacts"] == args.friends, r
            runs.append(r)
            mem = r.get("memory", {})
            print(
                f"run {i + 1}: unlocked -> usable {r['unlocked_to_usable_s'] * 1000:.0f} ms "
                f"(shown at {r['unlocked_to_shown_s'] * 1000:.0f} ms), "
                f"RSS {mem.get('VmRSS', 0) / 2**20:.0f} MiB, peak {mem.get('VmHWM', 0) / 2**20:.0f} MiB"
            )
    usable = statistics.median(r["unlocked_to_usable_s"] for r in runs)
    shown = statistics.median(r["unlocked_to_shown_s"] for r in runs)
    rss = statistics.median(r.get("memory", {}).get("VmRSS", 0) for r in runs)
    peak = statistics.median(r.get("memory", {}).get("VmHWM", 0) for r in runs)
    summary = {
        "benchmark": "gui_startup",
        "friends": args.friends,
        "messages": args.messages,
        "history_bytes": db_bytes,
        "runs": runs,
        "median_unlocked_to_usable_s": usable,
        "median_unlocked_to_shown_s": shown,
        "median_rss_bytes": rss,
        "median_peak_rss_bytes": peak,
        "platform": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "python": sys.version.split()[0],
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2) + "\n")
    print(
        f"median of {len(runs)}: profile unlocked -> main window usable {usable * 1000:.0f} ms "
        f"(shown {shown * 1000:.0f} ms); GUI process RSS {rss / 2**20:.0f} MiB (peak {peak / 2**20:.0f} MiB)"
    )
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
