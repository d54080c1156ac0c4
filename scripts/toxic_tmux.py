"""toxic in a tmux session, for the by-hand real-client checks (scripts/check_toxic*.py)."""

import os
import re
import subprocess
import time
from pathlib import Path


class Toxic:
    """toxic 0.11.1 running in its own tmux server (socket in `work`), its screen read as text."""

    def __init__(self, work: Path, home: Path, command: str) -> None:
        self.sock = str(work / "tmux.sock")
        env = {**os.environ, "HOME": str(home), "TERM": "xterm-256color"}
        subprocess.run(["tmux", "-S", self.sock, "new-session", "-d", "-c", str(work), "-x", "200", "-y", "50",
                        command], env=env, check=True)

    def screen(self) -> str:
        return subprocess.run(["tmux", "-S", self.sock, "capture-pane", "-p"], capture_output=True, text=True).stdout

    def keys(self, *k: str) -> None:
        subprocess.run(["tmux", "-S", self.sock, "send-keys", *k], check=True)

    def wait_screen(self, pat: str, within: float) -> float:
        t0 = time.monotonic()
        while time.monotonic() - t0 < within:
            if re.search(pat, self.screen()):
                return time.monotonic() - t0
            time.sleep(0.1)  # polling a terminal: there is no event to wait on
        print(self.screen())
        raise SystemExit(f"not on toxic's screen within {within} s: {pat}")

    def stop(self) -> None:
        subprocess.run(["tmux", "-S", self.sock, "kill-server"])
