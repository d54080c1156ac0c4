"""Per-process measurements: CPU time and memory from /proc, UDP packets from nftables counters.

The packet counters need root inside the benchmark's private network namespace (scripts/
run-tests.sh puts `make bench` there): one table `inet toxgui_bench` with, per watched UDP port,
a counter rule on output (`udp sport P`) and one on input (`udp dport P`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass

CLK_TCK = os.sysconf("SC_CLK_TCK")
TABLE = "toxgui_bench"
LOSS_TABLE = "toxgui_bench_loss"


def cpu_seconds(pid: int) -> float:
    """utime + stime of the process (its own threads; children not included)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def proc_status_kb(pid: int, key: str) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    raise KeyError(key)


def rss_mb(pid: int) -> float:
    return proc_status_kb(pid, "VmRSS") / 1024.0


def hwm_mb(pid: int) -> float:
    return proc_status_kb(pid, "VmHWM") / 1024.0


class UdpLoss:
    """Drops `percent`% of the UDP datagrams arriving at `port`, at random (nftables, in this
    network namespace only), while the `with` block runs."""

    def __init__(self, port: int, percent: int) -> None:
        self.port, self.percent = port, percent

    def __enter__(self) -> UdpLoss:
        _nft("add", "table", "inet", LOSS_TABLE)
        _nft("add", "chain", "inet", LOSS_TABLE, "in", "{ type filter hook input priority -10; }")
        _nft("add", "rule", "inet", LOSS_TABLE, "in", "udp", "dport", str(self.port), "numgen", "random",
             "mod", "100", "<", str(self.percent), "counter", "drop")
        self.dropped = 0
        return self

    def __exit__(self, *exc: object) -> None:
        data = json.loads(_nft("list", "table", "inet", LOSS_TABLE, json_out=True))
        for item in data.get("nftables", []):
            for expr in (item.get("rule") or {}).get("expr", []):
                if "counter" in expr:
                    self.dropped += int(expr["counter"]["packets"])
        _nft("delete", "table", "inet", LOSS_TABLE)


def nft_available() -> str | None:
    """None when per-port packet counters can be used, else why not."""
    if os.geteuid() != 0:
        return "not root: nftables counters unavailable"
    if not os.environ.get("TOXGUI_IN_NETNS"):
        return "not inside the private network namespace (run via make bench)"
    if shutil.which("nft") is None:
        return "nft not installed"
    return None


def _nft(*args: str, json_out: bool = False) -> str:
    cmd = ["nft", *(["-j"] if json_out else []), *args]
    return subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=20).stdout


class PacketCounters:
    """UDP packets per local port, counted by nftables in this network namespace."""

    def __init__(self) -> None:
        self.ports: set[int] = set()
        _nft("add", "table", "inet", TABLE)
        _nft("add", "chain", "inet", TABLE, "out", "{ type filter hook output priority 0; }")
        _nft("add", "chain", "inet", TABLE, "in", "{ type filter hook input priority 0; }")

    def watch(self, port: int) -> None:
        if port in self.ports:
            return
        _nft("add", "rule", "inet", TABLE, "out", "udp", "sport", str(port), "counter")
        _nft("add", "rule", "inet", TABLE, "in", "udp", "dport", str(port), "counter")
        self.ports.add(port)

    def read(self) -> dict[int, tuple[int, int]]:
        """port -> (packets sent from it, packets received on it)."""
        data = json.loads(_nft("list", "table", "inet", TABLE, json_out=True))
        out: dict[int, list[int]] = {}
        for item in data.get("nftables", []):
            rule = item.get("rule")
            if not rule:
                continue
            port = packets = None
            field = None
            for e in rule.get("expr", []):
                m = e.get("match")
                if m:
                    left = m.get("left", {}).get("payload", {})
                    if left.get("field") in ("sport", "dport"):
                        field, port = left["field"], int(m["right"])
                c = e.get("counter")
                if c:
                    packets = int(c["packets"])
            if port is None or packets is None:
                continue
            slot = out.setdefault(port, [0, 0])
            slot[0 if field == "sport" else 1] += packets
        return {p: (v[0], v[1]) for p, v in out.items()}

    def close(self) -> None:
        try:
            _nft("delete", "table", "inet", TABLE)
        except subprocess.CalledProcessError:
            pass


@dataclass
class Window:
    """CPU and packets of one process over a measured interval."""

    pid: int
    port: int
    cpu0: float = 0.0
    pk0: tuple[int, int] = (0, 0)

    def begin(self, counts: dict[int, tuple[int, int]] | None) -> None:
        self.cpu0 = cpu_seconds(self.pid)
        self.pk0 = counts.get(self.port, (0, 0)) if counts is not None else (0, 0)

    def end(self, counts: dict[int, tuple[int, int]] | None, seconds: float) -> dict[str, float | None]:
        cpu = cpu_seconds(self.pid) - self.cpu0
        res: dict[str, float | None] = {"cpu_pct": 100.0 * cpu / seconds, "rss_mb": rss_mb(self.pid),
                                        "sent_per_min": None, "recv_per_min": None}
        if counts is not None:
            s, r = counts.get(self.port, (0, 0))
            res["sent_per_min"] = (s - self.pk0[0]) * 60.0 / seconds
            res["recv_per_min"] = (r - self.pk0[1]) * 60.0 / seconds
        return res
