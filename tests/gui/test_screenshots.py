"""Screenshots of the real windows on an X server (Xvfb), saved to docs/screenshots/."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

pytestmark = pytest.mark.xvfb

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"


def _start_xvfb(log: Path) -> tuple[subprocess.Popen[bytes], int, int]:
    """Xvfb on the first free display from :90; -displayfd reports it once it accepts clients.

    Returns the process, the display and the read end of the -displayfd pipe, which must stay
    open while Xvfb runs (Xvfb may write to it again and dies when it cannot)."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.skip("Xvfb is not installed")
    for display in range(90, 130):
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
            return proc, display, r
        os.close(r)
        proc.kill()
        proc.wait(5)
    pytest.fail(f"could not start Xvfb: {log.read_text(errors='replace')[-1000:]}")


def test_screenshots_under_xvfb(tmp_path: Path) -> None:
    proc, display, displayfd = _start_xvfb(tmp_path / "xvfb.log")
    try:
        env = dict(os.environ, DISPLAY=f":{display}", QT_QPA_PLATFORM="xcb", QT_API="pyside6")
        for extra in ([], ["--lang", "de"], ["--lang", "fr"], ["--theme", "dark"]):
            done = subprocess.run(
                [sys.executable, "-m", "tests.gui.screenshots", str(OUT), "--workdir", str(tmp_path), *extra],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            assert done.returncode == 0, done.stderr[-2000:] + (tmp_path / "xvfb.log").read_text(errors="replace")
    finally:
        proc.terminate()
        proc.wait(10)
        os.close(displayfd)
    sizes = {}
    for name in (
        "main-window.png",
        "main-window-de.png",
        "dashboard.png",
        "add-friend-error.png",
        "my-tox-id.png",
        "profile-chooser.png",
        "dashboard-dark.png",
        "dashboard-de.png",
        "dashboard-fr.png",
        "main-window-fr.png",
        "history-search.png",
        "minimum-size-dashboard.png",
    ):
        img = QImage(str(OUT / name))
        assert not img.isNull(), name
        sizes[name] = (img.width(), img.height())
    assert sizes["main-window.png"] == (1180, 780)
    assert sizes["dashboard.png"] == (1180, 780)
    assert sizes["dashboard-dark.png"] == sizes["history-search.png"] == (1180, 780)
    assert sizes["minimum-size-dashboard.png"] == (760, 480)  # MainWindow's minimum size

    def lightness(name: str) -> float:
        img = QImage(str(OUT / name)).scaled(118, 78)
        return sum(img.pixelColor(x, y).lightnessF() for x in range(118) for y in range(78)) / (118 * 78)

    assert lightness("dashboard-dark.png") < 0.3 < 0.7 < lightness("dashboard.png")
