"""toxic (Debian's 0.11.1, a real c-toxcore client) in its own tmux server, its screen read as
text: for tests/interop/test_toxic.py and the by-hand checks (scripts/check_toxic*.py)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

CONF = Path(__file__).with_name("toxic.conf")  # no sounds, no welcome text, no node-list updates


def require_toxic() -> None:
    """Skip (fail with TOXGUI_REQUIRE_INTEROP=1) when toxic or tmux is not installed."""
    missing = [t for t in ("toxic", "tmux") if shutil.which(t) is None]
    if missing:
        message = "needs " + " and ".join(missing) + " (Debian packages)"
        if os.environ.get("TOXGUI_REQUIRE_INTEROP") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


class Toxic:
    """toxic running in a tmux session whose socket is in `work`; `args` go to toxic (always with
    our config, IPv4 only and LAN discovery off), for at most `limit` seconds."""

    def __init__(self, work: Path, profile: Path, nodes: Path, *args: str, limit: int = 300) -> None:
        self.sock = str(work / "tmux.sock")
        home = work / "toxic-home"
        home.mkdir(exist_ok=True)
        env = {**os.environ, "HOME": str(home), "TERM": "xterm-256color"}
        command = " ".join(["timeout", "--foreground", str(limit), "toxic", "-f", str(profile), "-n", str(nodes),
                            "-c", str(CONF), "-4", "-L", *args])
        subprocess.run(["tmux", "-S", self.sock, "new-session", "-d", "-c", str(work), "-x", "200", "-y", "50",
                        command], env=env, check=True, timeout=10)

    def screen(self) -> str:
        return subprocess.run(["tmux", "-S", self.sock, "capture-pane", "-p"], capture_output=True, text=True,
                              timeout=10).stdout

    def keys(self, *k: str) -> None:
        subprocess.run(["tmux", "-S", self.sock, "send-keys", *k], check=True, timeout=10)

    def wait_screen(self, pat: str, within: float) -> float:
        """Seconds until `pat` (a regular expression) shows on toxic's screen."""
        t0 = time.monotonic()
        while time.monotonic() - t0 < within:
            if re.search(pat, self.screen()):
                return time.monotonic() - t0
            time.sleep(0.1)  # polling a terminal: there is no event to wait on
        raise AssertionError(f"not on toxic's screen within {within} s: {pat}\n{self.screen()}")

    def stop(self) -> None:
        subprocess.run(["tmux", "-S", self.sock, "kill-server"], timeout=10)
