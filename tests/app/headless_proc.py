"""Drive `python -m toxgui --headless` as a subprocess: JSON commands in, JSON events out."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

Event = dict[str, Any]


class HeadlessProc:
    def __init__(
        self, profile: Path, *extra: str, env: dict[str, str] | None = None,
        command: list[str] | None = None, cwd: Path | None = None,
    ) -> None:
        args = [
            *(command or [sys.executable, "-m", "toxgui"]), "--headless", "--profile", str(profile),
            "--bind", "127.0.0.1", "--no-lan", "--no-ipv6", *extra,
        ]
        full_env = {**os.environ, "TOXGUI_NO_PUBLIC_BOOTSTRAP": "1", **(env or {})}
        self.proc = subprocess.Popen(
            args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, encoding="utf-8", env=full_env, cwd=cwd,
        )
        self.events: queue.Queue[Event | None] = queue.Queue()
        self.seen: list[Event] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.events.put(json.loads(line))
        self.events.put(None)

    def send(self, **cmd: Any) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()

    def wait_event(self, pred: Callable[[Event], bool] | str, timeout: float = 20.0) -> Event:
        if isinstance(pred, str):
            name = pred
            pred = lambda e: e.get("event") == name  # noqa: E731
        for e in self.seen:
            if pred(e):
                self.seen.remove(e)
                return e
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no matching event within {timeout}s; seen: {self.seen[-10:]}")
            try:
                e = self.events.get(timeout=left)
            except queue.Empty:
                continue
            if e is None:
                raise AssertionError(f"process ended (rc={self.proc.poll()}); seen: {self.seen[-10:]}")
            if pred(e):
                return e
            self.seen.append(e)

    def wait_exit(self, timeout: float = 20.0) -> int:
        return self.proc.wait(timeout=timeout)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        for f in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if f:
                f.close()
