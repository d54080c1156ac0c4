"""Shared pieces of the reliability suite: memory, waiting, junk datagrams, gates."""

from __future__ import annotations

import asyncio
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.net.test_dht_robustness import Fuzzer


def rss_mb(pid: int | None = None) -> float:
    with open(f"/proc/{pid or os.getpid()}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    raise RuntimeError("no VmRSS")


async def wait_for(cond: Callable[[], bool], limit: float, what: str, poll: float = 0.01) -> float:
    """Wait until cond() holds (checked every `poll` s); returns the seconds it took."""
    t0 = time.monotonic()
    while not cond():
        if time.monotonic() - t0 > limit:
            raise AssertionError(f"timed out after {limit} s waiting for {what}")
        await asyncio.sleep(poll)
    return time.monotonic() - t0


class MixedFuzzer(Fuzzer):
    """Random and mutated DHT datagrams (the DHT fuzzer) plus mutations of real session and
    onion traffic captured from a live pair (`captured`)."""

    def __init__(self, seed: int, target_dht_pk: bytes, captured: list[bytes]) -> None:
        super().__init__(seed, target_dht_pk)
        self.captured = [c for c in captured if c]

    def datagram(self) -> bytes:
        r = self.r
        if not self.captured or r.random() < 0.5:
            return super().datagram()
        d = bytearray(r.choice(self.captured))
        how = r.randrange(5)
        if how == 0:
            for _ in range(r.randrange(1, 6)):
                i = r.randrange(len(d))
                d[i] ^= 1 << r.randrange(8)
        elif how == 1:
            del d[r.randrange(1, len(d) + 1):]
        elif how == 2:
            d += r.randbytes(r.randrange(1, 200))
        elif how == 3:
            d[0] = r.choice([0x18, 0x19, 0x1A, 0x1B, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x8C, 0x8D, 0x8E])
        # how == 4: replay unchanged
        return bytes(d)


async def send_paced(dest: tuple[str, int], datagrams: Callable[[], bytes], count: int, batch: int,
                     progress: Callable[[], int], max_backlog: int, limit: float) -> int:
    """Send `count` datagrams to dest from a fresh socket, `batch` at a time, never letting the
    receiver fall more than `max_backlog` behind (progress() = datagrams it has taken)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setblocking(False)
    sock.bind(("127.0.0.1", 0))
    start = progress()
    sent = 0
    deadline = time.monotonic() + limit
    try:
        while sent < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"only {sent} of {count} datagrams sent within {limit} s")
            if sent - (progress() - start) > max_backlog:
                await asyncio.sleep(0.001)  # let the node's loop drain its socket
                continue
            for _ in range(min(batch, count - sent)):
                try:
                    sock.sendto(datagrams(), dest)
                except BlockingIOError:
                    break
                sent += 1
            await asyncio.sleep(0)
    finally:
        sock.close()
    return sent


def need_root_netns() -> None:
    """c-toxcore and tox-bootstrapd only run inside the private network namespace (as root)."""
    from tests.interop.network import missing_tools, network_unsafe_reason

    missing = missing_tools()
    if missing:
        pytest.skip(f"needs {', '.join(missing)}")
    if os.geteuid() != 0:
        pytest.skip("needs root for a private network namespace (CI runs as root)")
    reason = network_unsafe_reason()
    if reason:
        pytest.fail(reason)


def rand_text(r: random.Random, n: int) -> str:
    return "".join(r.choice("abcdefghijklmnopqrstuvwxyz ✓é") for _ in range(n))


def run_scenario_in_netns(module: str, args: list[str], setup: str = 'ip link set lo up\nexec "$@"\n',
                          timeout: float = 280, extra_env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run `python -m module args` in a nested private network namespace (after the shell
    `setup`, which ends with `exec "$@"`) and return the JSON line it prints last; fails with
    its stderr when there is none, or with the error it reports."""
    need_root_netns()
    for tool in ("nft", "unshare"):
        if shutil.which(tool) is None:
            pytest.skip(f"needs {tool}")
    env = {**os.environ, "TOXGUI_IN_NETNS": "1", "TOXGUI_NO_PUBLIC_BOOTSTRAP": "1", **(extra_env or {})}
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run(["unshare", "-n", "--", "sh", "-c", setup, "sh", sys.executable, "-m", module, *args],
                          capture_output=True, text=True, timeout=timeout, env=env, cwd=root)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    assert lines, f"no result (status {proc.returncode}); stderr:\n{proc.stderr[-3000:]}"
    r: dict[str, Any] = json.loads(lines[-1])
    print("\n" + json.dumps(r, indent=1))
    assert "error" not in r, r["error"]
    return r


def random_udp_loss_setup(percent: int, drop: bool = True) -> str:
    """Shell for a nested private namespace (`run_scenario_in_netns`' setup): `lo` up, and an
    nftables input hook that counts UDP datagrams and drops `percent` of them at random (with
    `drop` False, only counts: `start_random_udp_loss` adds the drop later)."""
    rule = _LOSS_RULE.format(percent=percent).replace("<", "'<'") if drop else ""
    return f"""ip link set lo up
nft add table inet lossy
nft add chain inet lossy in '{{ type filter hook input priority 0; }}'
nft add rule inet lossy in meta l4proto udp counter
{"nft add rule inet lossy in " + rule if rule else ""}
exec "$@"
"""


_LOSS_RULE = "meta l4proto udp numgen random mod 100 < {percent} counter drop"


def start_random_udp_loss(percent: int) -> None:
    """In a namespace set up with `random_udp_loss_setup(percent, drop=False)`: zero the counters
    and start dropping `percent`% of UDP datagrams at random from now on."""
    subprocess.run(["nft", "reset", "counters", "table", "inet", "lossy"], check=True, capture_output=True, timeout=10)
    subprocess.run(["nft", "add", "rule", "inet", "lossy", "in", *_LOSS_RULE.format(percent=percent).split()],
                   check=True, capture_output=True, timeout=10)


def random_udp_loss_counters() -> dict[str, int]:
    """The UDP datagrams `random_udp_loss_setup`'s hook has seen and dropped ({} without it)."""
    try:
        out = subprocess.run(["nft", "-j", "list", "table", "inet", "lossy"], capture_output=True, text=True,
                             timeout=10, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    res: dict[str, int] = {}
    for item in json.loads(out).get("nftables", []):
        rule = item.get("rule")
        if not rule:
            continue
        packets = next((e["counter"]["packets"] for e in rule["expr"] if "counter" in e), None)
        if packets is None:
            continue
        res["dropped" if any("drop" in e for e in rule["expr"]) else "seen"] = packets
    return res
