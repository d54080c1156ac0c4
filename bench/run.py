"""The benchmark run: one loopback network, toxgui and c-toxcore measured side by side.

See docs/benchmarks.md for what each figure means.  Every process started here is stopped here
(also on failure); every sending loop is bounded by a count and a timeout.
"""

from __future__ import annotations

import asyncio
import concurrent.futures as cf
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import measure
from bench import profiles as P
from bench.inproc import Pair, rtt_and_rate
from bench.peers import CtPeer, TgPeer, stop_all
from tests.interop.network import Bootstrapd

HERE = Path(__file__).resolve().parent
PAIRS = [("toxgui", "toxgui"), ("toxgui", "c-toxcore"), ("c-toxcore", "c-toxcore")]
CT_LOOP = ("tests/interop/peer.py: tox_iterate(), then select() on stdin for at most "
           "tox_iteration_interval() (50 ms when idle); wakes early on a command, not on UDP")


@dataclass
class Config:
    mode: str
    runs: int
    rtt_samples: int
    rate_messages: int
    idle_seconds: float
    warmup_seconds: float
    offline_counts: tuple[int, ...]
    sim_nodes: int
    sim_seconds: float
    inproc_rtt_samples: int
    inproc_rate_messages: int
    offline_warmup_seconds: float
    gui_friends: int = 200
    fuzz_datagrams: int = 0  # 0: not in this mode (the test suite runs 10^5)
    file_mib: int = 20  # the file sent in each direction, cold (the session's first) then warm
    lossy_file_mib: int = 5  # the file sent at lossy_percent random loss
    lossy_percent: int = 5
    lossy_timeout: float = 180.0
    lossy_runs: int = 5  # transfers at loss, one after another on the same session: the median counts (c-toxcore's sender has outliers of seconds: docs/benchmarks.md)
    conference_runs: int = 3


QUICK = Config("quick", runs=3, rtt_samples=40, rate_messages=200, idle_seconds=10.0, warmup_seconds=4.0,
               offline_counts=(100, 1000), sim_nodes=100, sim_seconds=30.0, inproc_rtt_samples=500,
               inproc_rate_messages=10000, offline_warmup_seconds=20.0)
FULL = Config("full", runs=5, rtt_samples=200, rate_messages=1000, idle_seconds=30.0, warmup_seconds=10.0,
              offline_counts=(100, 1000), sim_nodes=200, sim_seconds=120.0, inproc_rtt_samples=2000,
              inproc_rate_messages=10000, offline_warmup_seconds=30.0,
              fuzz_datagrams=1_000_000, file_mib=100, lossy_file_mib=10, lossy_timeout=600.0, lossy_runs=9)


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def _random_file(path: Path, mib: int) -> None:
    with open(path, "wb") as f:
        for _ in range(mib):
            f.write(os.urandom(1024 * 1024))


def _f3(v: float | None) -> str:
    return "-" if v is None else f"{v:.1f}"


def pct(samples: list[float], q: float) -> float:
    s = sorted(samples)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))]


@contextmanager
def local_bench(cfg: Config, workdir: Path) -> Iterator[Bench]:
    """A Bench on a fresh loopback network, for the scripts that measure one thing (chat beside a
    transfer, files at loss); every peer it started and its bootstrap node stop on the way out."""
    bench = Bench(cfg, workdir)
    try:
        bench.fresh_network()
        yield bench
    finally:
        stop_all(list(bench.live))
        bench.live.clear()
        if bench.bd is not None:
            bench.bd.stop()


def announcement_found(peer: Any, friend_pk: str) -> float | None:
    """Seconds from a toxgui peer's start until its onion search first found the friend
    announced (the first `progress` event whose `announce_nodes` is above 0); None if never."""
    for e in peer.h.seen:
        if (e.get("event") == "progress" and e.get("public_key") == friend_pk
                and (e.get("details") or {}).get("announce_nodes", 0) > 0):
            return float(e["t"]) - float(peer.spawned)
    return None


class Bench:
    def __init__(self, cfg: Config, workdir: Path) -> None:
        self.cfg = cfg
        self.dir = workdir
        self.live: list[Any] = []
        self._lock = threading.Lock()
        self._n = 0
        self.results: dict[str, Any] = {}
        self.notes: list[str] = []
        self.bd: Bootstrapd | None = None
        self.extra_bds: list[Bootstrapd] = []
        self.counters: measure.PacketCounters | None = None

    # --- processes ------------------------------------------------------------------------------

    def _label(self, base: str) -> str:
        with self._lock:
            self._n += 1
            return f"{base}{self._n}"

    def spawn(self, kind: str, sd: P.SaveData | None = None, auto_accept: bool = False,
              node: tuple[str, int, str] | None = None, tcp: tuple[str, int, str] | None = None) -> Any:
        assert self.bd is not None or node is not None
        node = node or self.bd.node  # type: ignore[union-attr]
        label = self._label("tg" if kind == "toxgui" else "ct")
        if kind == "toxgui":
            path = P.write_toxgui(sd, self.dir / f"{label}.tox") if sd else self.dir / f"{label}.tox"
            peer: Any = TgPeer(path, node, label, tcp_relay=tcp)
        else:
            path = P.write_ctox(sd, self.dir / f"{label}.save") if sd else None
            peer = CtPeer(node, path, label, auto_accept=auto_accept, log_dir=self.dir, tcp_relay=tcp)
        with self._lock:
            self.live.append(peer)
        return peer

    def stop(self, *peers: Any) -> None:
        stop_all(list(peers))
        with self._lock:
            for p in peers:
                if p in self.live:
                    self.live.remove(p)

    # --- connection ------------------------------------------------------------------------------

    def fresh_network(self) -> None:
        """A new tox-bootstrapd (new key, new port) for every round: peers stopped in an earlier
        round would otherwise stay in the node's lists for minutes and slow every onion path."""
        if self.bd is not None:
            self.bd.stop()
        self._bd_n = getattr(self, "_bd_n", 0) + 1
        self.bd = Bootstrapd(self.dir / f"bootstrapd{self._bd_n}")

    def connect_pair(self, kinds: tuple[str, str], friends: bool,
                     node: tuple[str, int, str] | None = None,
                     tcp: tuple[str, int, str] | None = None) -> tuple[Any, Any, float]:
        """Start A and B at the same moment; seconds from process start until both report the
        friend online (UDP; with `tcp`, both have UDP off and report TCP through that relay), the
        later of the two sides."""
        with cf.ThreadPoolExecutor(2) as ex:
            if friends:
                a, b = P.new_identity("A"), P.new_identity("B")
                P.befriend(a, b)
                fa = ex.submit(self.spawn, kinds[0], a, False, node, tcp)
                fb = ex.submit(self.spawn, kinds[1], b, False, node, tcp)
            else:
                fa = ex.submit(self.spawn, kinds[0], None, False, node, tcp)
                fb = ex.submit(self.spawn, kinds[1], None, True, node, tcp)
            A, B = fa.result(), fb.result()
        if not friends:
            A.add_friend(B.tox_id, "benchmark")
            if B.kind == "toxgui":
                B.accept(B.wait_request(90))
        ta = A.wait_online(B.public_key, 120) - A.spawned
        tb = B.wait_online(A.public_key, 120) - B.spawned
        if max(ta, tb) > 30:
            log(f"slow: {A.kind} {A.label} {ta:.1f} s, {B.kind} {B.label} {tb:.1f} s")
        return A, B, max(ta, tb)

    def connection_times(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        kept: dict[tuple[str, str], tuple[Any, Any]] = {}
        times: dict[str, dict[str, list[float]]] = {
            f"{a}<->{b}": {"friends": [], "request": []} for a, b in PAIRS}
        # toxgui<->c-toxcore: when c-toxcore's own announcement reached toxgui, the floor of that
        # pair (c-toxcore searches for nobody before it has announced itself)
        announced: dict[str, list[tuple[float, float]]] = {"friends": [], "request": []}  # (found, online)
        for run in range(self.cfg.runs):
            for friends in (False, True):
                what = "friends" if friends else "request"
                self.fresh_network()
                # The toxgui pair first, alone on the CPU (its start-up is what is measured, and
                # interpreters starting next to it would slow it); then the two c-toxcore pairs
                # together (their time is dominated by c-toxcore's onion timers, not the CPU).
                res = {("toxgui", "toxgui"): self.connect_pair(("toxgui", "toxgui"), friends)}
                with cf.ThreadPoolExecutor(2) as ex:
                    futs = {k: ex.submit(self.connect_pair, k, friends) for k in PAIRS[1:]}
                    res |= {k: futs[k].result() for k in PAIRS[1:]}
                for kinds, (A, B, t) in res.items():
                    times[f"{kinds[0]}<->{kinds[1]}"][what].append(t)
                    if kinds == ("toxgui", "c-toxcore") and (found := announcement_found(A, B.public_key)) is not None:
                        announced[what].append((found, t))
                    if friends and run == self.cfg.runs - 1:
                        kept[kinds] = (A, B)
                    else:
                        self.stop(A, B)
                log(f"run {run + 1} {what}: " + ", ".join(f"{k[0]}<->{k[1]} {v[2]:.2f} s" for k, v in res.items()))
        for pair, d in times.items():
            out[pair] = {w: {"median_s": statistics.median(v), "samples_s": [round(x, 3) for x in v]}
                         for w, v in d.items()}
        for w, v in announced.items():
            if v:
                d = out["toxgui<->c-toxcore"][w]
                d["announce_found_median_s"] = statistics.median(found for found, _ in v)
                d["announce_found_s"] = [round(found, 3) for found, _ in v]
                d["online_after_announce_median_s"] = statistics.median(t - found for found, t in v)
        ref = out["c-toxcore<->c-toxcore"]
        for pair in out:
            for w in ("friends", "request"):
                out[pair][w]["ratio_to_ctox"] = out[pair][w]["median_s"] / ref[w]["median_s"]
        self.kept = kept
        return out

    def tcp_relay(self) -> dict[str, Any]:
        """UDP off on both sides, one tox-bootstrapd relay: seconds from start to the friend online
        over TCP (befriended profiles), and the message round trip through the relay."""
        out: dict[str, Any] = {}
        times: dict[str, list[float]] = {f"{a}<->{b}": [] for a, b in PAIRS}
        last: dict[str, tuple[Any, Any]] = {}
        bd = None
        try:
            for run in range(self.cfg.runs):
                for kinds in PAIRS:  # one pair at a time: a relay round trip is what is measured
                    if bd is not None:
                        bd.stop()
                    self._bd_n = getattr(self, "_bd_n", 0) + 1
                    bd = Bootstrapd(self.dir / f"bootstrapd-tcp{self._bd_n}", tcp_relay=True)
                    relay = (bd.host, int(bd.tcp_port or 0), bd.public_key)
                    A, B, t = self.connect_pair(kinds, True, bd.node, relay)
                    key = f"{kinds[0]}<->{kinds[1]}"
                    times[key].append(t)
                    if run == self.cfg.runs - 1:
                        r = self.rtt_and_rate(A, B)
                        last[key] = r
                    self.stop(A, B)
                log(f"tcp relay run {run + 1}: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in times.items()))
        finally:
            if bd is not None:
                bd.stop()
        # the same pair through a toxgui relay (--tcp-relay-port), whose loop does not poll
        key = "toxgui<->toxgui, toxgui relay"
        times[key] = []
        bd = Bootstrapd(self.dir / "bootstrapd-tcp-tg", tcp_relay=False)
        host = None
        try:
            label = self._label("relay")
            host = TgPeer(self.dir / f"{label}.tox", bd.node, label, extra=["--tcp-relay-port", "0"])
            relay = ("127.0.0.1", int(host.ready["tcp_relay_port"]), host.dht_key)
            node = ("127.0.0.1", host.port, host.dht_key)
            for run in range(self.cfg.runs):
                A, B, t = self.connect_pair(("toxgui", "toxgui"), True, node, relay)
                times[key].append(t)
                if run == self.cfg.runs - 1:
                    last[key] = self.rtt_and_rate(A, B)
                self.stop(A, B)
            log(f"tcp relay {key}: " + ", ".join(f"{x:.2f} s" for x in times[key]))
        finally:
            if host is not None:
                host.stop()
            bd.stop()
        for key, v in times.items():
            out[key] = {"online_median_s": statistics.median(v), "online_samples_s": [round(x, 3) for x in v],
                        "rtt_p50_ms": last[key]["rtt_p50_ms"], "rtt_p99_ms": last[key]["rtt_p99_ms"],
                        "rtt_samples": last[key]["rtt_samples"]}
        ref = out["c-toxcore<->c-toxcore"]
        for d in out.values():
            d["online_ratio_to_ctox"] = d["online_median_s"] / ref["online_median_s"]
            d["rtt_p50_ratio_to_ctox"] = d["rtt_p50_ms"] / ref["rtt_p50_ms"]
        for key, d in out.items():
            log(f"tcp relay {key}: online {d['online_median_s']:.2f} s ({d['online_ratio_to_ctox']:.2f}x), "
                f"RTT p50 {d['rtt_p50_ms']:.2f} ms")
        return out

    # --- messages ----------------------------------------------------------------------------------

    def rtt_and_rate(self, A: Any, B: Any) -> dict[str, Any]:
        n = self.cfg.rtt_samples
        samples = []
        for i in range(n):
            t0 = time.perf_counter()
            A.send_text(B.public_key, f"ping {i}")
            B.wait_text(A.public_key, f"ping {i}", 30)
            B.send_text(A.public_key, f"pong {i}")
            A.wait_text(B.public_key, f"pong {i}", 30)
            samples.append((time.perf_counter() - t0) * 1000.0)
            A.drain()
            B.drain()
        m = self.cfg.rate_messages
        t0 = time.perf_counter()
        for i in range(m):
            A.send_text(B.public_key, f"rate {i}")
        B.wait_text(A.public_key, f"rate {m - 1}", 120)
        rate = m / (time.perf_counter() - t0)
        A.drain()
        B.drain()
        return {"rtt_p50_ms": pct(samples, 0.5), "rtt_p99_ms": pct(samples, 0.99), "rtt_samples": n,
                "rate_msgs_per_s": rate, "rate_messages": m}

    def messages(self) -> dict[str, Any]:
        out = {}
        for kinds, (A, B) in self.kept.items():
            key = f"{kinds[0]}<->{kinds[1]}"
            out[key] = self.rtt_and_rate(A, B)
            log(f"messages {key}: p50 {out[key]['rtt_p50_ms']:.2f} ms, p99 {out[key]['rtt_p99_ms']:.2f} ms, "
                f"{out[key]['rate_msgs_per_s']:.0f} msg/s")
        ref = out["c-toxcore<->c-toxcore"]
        for d in out.values():
            d["rtt_p50_ratio_to_ctox"] = d["rtt_p50_ms"] / ref["rtt_p50_ms"]
            d["rate_ratio_to_ctox"] = d["rate_msgs_per_s"] / ref["rate_msgs_per_s"]
        return out

    # --- files --------------------------------------------------------------------------------

    def files(self) -> dict[str, Any]:
        """Each direction of every kept pair: a cold transfer (the session's first), then a warm one
        (right after), each timed from the receiver's accept to its last byte on disk, with the
        CPU seconds each side spent per MiB and the delay of chat messages sent beside it (one
        after another, sender to receiver); then a smaller file at 5% random UDP loss (nftables,
        on the receiver's port) where nftables is usable."""
        size = self.cfg.file_mib * 1024 * 1024
        src = self.dir / "bench-file.bin"
        _random_file(src, self.cfg.file_mib)
        lossy_src = self.dir / "bench-lossy.bin"
        _random_file(lossy_src, self.cfg.lossy_file_mib)
        loss_why = measure.nft_available()
        out: dict[str, Any] = {}
        for kinds, (A, B) in self.kept.items():
            for S, R in ([(A, B)] if kinds[0] == kinds[1] else [(A, B), (B, A)]):
                key = f"{S.kind}->{R.kind}"
                d: dict[str, Any] = {"mib": self.cfg.file_mib}
                for phase in ("cold", "warm"):
                    d[phase] = self._one_file(S, R, src, size, f"{phase}-{S.label}-{R.label}", chat=True)
                    log(f"file {key} {phase}: {self.cfg.file_mib} MiB in {d[phase]['seconds']:.2f} s "
                        f"({d[phase]['mb_per_s']:.2f} MB/s), CPU s/MiB sender {d[phase]['cpu_s_per_mib_sender']:.3f}"
                        f" receiver {d[phase]['cpu_s_per_mib_receiver']:.3f}, chat p50 "
                        f"{_f3(d[phase]['chat_p50_ms'])} ms max {_f3(d[phase]['chat_max_ms'])} ms")
                # the cold figures stay where earlier reports had them
                d.update({k: d["cold"][k] for k in ("seconds", "mb_per_s", "intact_size")})
                if loss_why is None:
                    with measure.UdpLoss(R.port, self.cfg.lossy_percent) as loss:
                        try:
                            # one sample says little: how long a transfer takes at random loss
                            # depends on which packets go, and on what the last one left
                            lossy_bytes = self.cfg.lossy_file_mib * 1024 * 1024
                            samples = [self._one_file(S, R, lossy_src, lossy_bytes, f"lossy{i}-{S.label}-{R.label}",
                                                      chat=False, timeout=self.cfg.lossy_timeout)["seconds"]
                                       for i in range(self.cfg.lossy_runs)]
                            med = statistics.median(samples)
                            d["lossy"] = {"seconds": med, "mb_per_s": lossy_bytes / med / 1e6, "samples": samples}
                            log(f"file {key} at {self.cfg.lossy_percent}% loss: {self.cfg.lossy_file_mib} MiB in "
                                f"{samples} s (median {med:.2f} s)")
                        except AssertionError as e:
                            d["lossy"] = {"unfinished": f"not done within {self.cfg.lossy_timeout:g} s"}
                            log(f"file {key} at {self.cfg.lossy_percent}% loss: {e}")
                            self.notes.append(f"file {key} at {self.cfg.lossy_percent}% loss: not done within "
                                              f"{self.cfg.lossy_timeout:g} s")
                    d["lossy"]["dropped"] = loss.dropped
                out[key] = d
        if loss_why is not None:
            self.notes.append(f"file transfers at {self.cfg.lossy_percent}% loss not measured: {loss_why}")
        ref = out.get("c-toxcore->c-toxcore")
        for d in out.values():
            if not ref:
                continue
            d["time_ratio_to_ctox"] = d["seconds"] / ref["seconds"]
            d["warm"]["time_ratio_to_ctox"] = d["warm"]["seconds"] / ref["warm"]["seconds"]
            if "seconds" in d.get("lossy", {}) and "seconds" in ref.get("lossy", {}):
                d["lossy"]["time_ratio_to_ctox"] = d["lossy"]["seconds"] / ref["lossy"]["seconds"]
        src.unlink()
        lossy_src.unlink()
        return out

    def _one_file(self, S: Any, R: Any, src: Path, size: int, tag: str, chat: bool,
                  timeout: float = 600) -> dict[str, Any]:
        dest = self.dir / f"received-{tag}.bin"
        S.send_file(R.public_key, src)
        handle = R.wait_file_offer(S.public_key, 60)
        cpu0 = measure.cpu_seconds(S.pid), measure.cpu_seconds(R.pid)
        t0 = time.perf_counter()
        R.accept_file(S.public_key, handle, dest)
        delays: list[float] = []
        deadline = t0 + timeout
        while True:
            if chat:  # one message at a time beside the transfer, each waited for
                text = f"{tag} chat {len(delays)}"
                c0 = time.perf_counter()
                S.send_text(R.public_key, text)
                R.wait_text(S.public_key, text, 30)
                delays.append((time.perf_counter() - c0) * 1000)
            try:
                R.wait_file_done(S.public_key, dest, 0.05)
                break
            except AssertionError:
                if time.perf_counter() > deadline:
                    raise
        took = time.perf_counter() - t0
        cpu1 = measure.cpu_seconds(S.pid), measure.cpu_seconds(R.pid)
        mib = size / (1024 * 1024)
        ok = dest.stat().st_size == size
        dest.unlink(missing_ok=True)
        S.drain()
        R.drain()
        return {"seconds": round(took, 3), "mb_per_s": size / took / 1e6, "intact_size": ok,
                "cpu_s_per_mib_sender": (cpu1[0] - cpu0[0]) / mib, "cpu_s_per_mib_receiver": (cpu1[1] - cpu0[1]) / mib,
                "chat_messages": len(delays), "chat_p50_ms": pct(delays, 0.5) if delays else None,
                "chat_max_ms": max(delays) if delays else None}

    def conferences(self) -> dict[str, Any]:
        """On every kept pair: A creates a conference and invites B; B joins as soon as the invite
        arrives and, once a member, sends a message; timed from A's invite to A receiving it."""
        out: dict[str, Any] = {}
        for kinds, (A, B) in self.kept.items():
            key = f"{kinds[0]}<->{kinds[1]}"
            times = []
            for i in range(self.cfg.conference_runs):
                conf = A.conf_new()
                t0 = time.perf_counter()
                A.conf_invite(B.public_key, conf)
                bconf = B.conf_join(A.public_key, B.wait_conf_invite(A.public_key, 30), 30)
                B.conf_send(bconf, f"first {i}")
                A.wait_conf_text(B.public_key, f"first {i}", 30)
                times.append(time.perf_counter() - t0)
                A.drain()
                B.drain()
            out[key] = {"invite_to_first_message_s": statistics.median(times), "samples": times}
            log(f"conference {key}: invite to first message {statistics.median(times) * 1000:.0f} ms (median of "
                f"{len(times)})")
        ref = out.get("c-toxcore<->c-toxcore")
        for d in out.values():
            if ref:
                d["ratio_to_ctox"] = d["invite_to_first_message_s"] / ref["invite_to_first_message_s"]
        return out

    def inproc(self) -> dict[str, Any]:
        async def go() -> dict[str, Any]:
            d = self.dir / "inproc"
            d.mkdir()
            pair = Pair(d, persist_queue=True)
            await pair.start()
            try:
                t = await pair.connect()
                r = await rtt_and_rate(pair, self.cfg.inproc_rtt_samples, self.cfg.inproc_rate_messages)
                r["session_setup_s"] = t
                return r
            finally:
                await pair.stop()

        r = asyncio.run(go())
        log(f"in-process toxgui: p50 {r['rtt_p50_ms']:.3f} ms, p99 {r['rtt_p99_ms']:.3f} ms, "
            f"{r['rate_msgs_per_s']:.0f} msg/s")
        return r

    # --- idle ------------------------------------------------------------------------------------

    def idle(self) -> dict[str, Any]:
        """One window over six processes, each pair or process on its own tox-bootstrapd so that
        none loads another: a connected toxgui pair and a connected c-toxcore pair (1 friend
        online), and for each N a toxgui and a c-toxcore process with N offline friends.  All start
        together; the window opens once the pairs are online and the offline-friend processes had
        their start-up time (whose averages are reported too)."""
        why = measure.nft_available()
        if why is None:
            self.counters = measure.PacketCounters()
        else:
            self.notes.append(f"idle packets not measured: {why}")
        for p in list(self.live):
            self.stop(p)
        self.kept.clear()

        def own_node() -> tuple[str, int, str]:
            self._bd_n = getattr(self, "_bd_n", 0) + 1
            bd = Bootstrapd(self.dir / f"bootstrapd{self._bd_n}")
            self.extra_bds.append(bd)
            return bd.node

        offline = []
        for n in self.cfg.offline_counts:
            for kind in ("toxgui", "c-toxcore"):
                sd = P.new_identity(f"idle{n}")
                P.add_random_friends(sd, n)
                offline.append((f"{kind}, {n} friends offline", kind, sd, own_node()))
        pair_nodes = {k: own_node() for k in (("toxgui", "toxgui"), ("c-toxcore", "c-toxcore"))}
        t0 = time.monotonic()
        with cf.ThreadPoolExecutor(len(offline) + 2) as ex:
            ofuts = {k: ex.submit(self.spawn, kind, sd, False, node) for k, kind, sd, node in offline}
            pfuts = {k: ex.submit(self.connect_pair, k, True, node) for k, node in pair_nodes.items()}
            procs = {k: f.result() for k, f in ofuts.items()}
            if self.counters:
                for p in procs.values():
                    self.counters.watch(p.port)
            watched_at = time.monotonic()
            pairs = {k: f.result() for k, f in pfuts.items()}
        watched = {"toxgui, 1 friend online": pairs[("toxgui", "toxgui")][0],
                   "c-toxcore, 1 friend online": pairs[("c-toxcore", "c-toxcore")][0], **procs}
        if self.counters:
            for p in watched.values():
                self.counters.watch(p.port)
        warm = max(self.cfg.warmup_seconds, self.cfg.offline_warmup_seconds - (time.monotonic() - t0))
        time.sleep(warm)  # measuring a steady state: the warm-up is the point
        counts = self.counters.read() if self.counters else None
        startup = {}
        for k, p in procs.items():  # averages from the start until the window opens
            secs = time.time() - p.spawned
            st: dict[str, float | None] = {"seconds": secs, "cpu_pct": 100.0 * measure.cpu_seconds(p.pid) / secs,
                                           "sent_per_min": None}
            if counts is not None:
                st["sent_per_min"] = counts.get(p.port, (0, 0))[0] * 60.0 / (time.monotonic() - watched_at)
            startup[k] = st
        wins = {k: measure.Window(p.pid, p.port) for k, p in watched.items()}
        for w in wins.values():
            w.begin(counts)
        time.sleep(self.cfg.idle_seconds)  # the measured idle window itself
        counts = self.counters.read() if self.counters else None
        out = {k: w.end(counts, self.cfg.idle_seconds) for k, w in wins.items()}
        for k, v in out.items():
            v["hwm_mb"] = measure.hwm_mb(watched[k].pid)
            v["since_start_s"] = time.time() - watched[k].spawned - self.cfg.idle_seconds
            if k in startup:
                v["startup"] = startup[k]
            log(f"idle {k}: cpu {v['cpu_pct']:.2f}%, sent/min {v['sent_per_min']}, rss {v['rss_mb']:.1f} MB")
        for p in list(self.live):
            self.stop(p)
        for label in ("1 friend online", *(f"{n} friends offline" for n in self.cfg.offline_counts)):
            tg, ct = out[f"toxgui, {label}"], out[f"c-toxcore, {label}"]
            tg["cpu_ratio_to_ctox"] = tg["cpu_pct"] / ct["cpu_pct"] if ct["cpu_pct"] else None
            if tg["sent_per_min"] is not None and ct["sent_per_min"]:
                tg["sent_ratio_to_ctox"] = tg["sent_per_min"] / ct["sent_per_min"]
                tg["recv_ratio_to_ctox"] = (tg["recv_per_min"] / ct["recv_per_min"]) if ct["recv_per_min"] else None
            tg["rss_ratio_to_ctox"] = tg["rss_mb"] / ct["rss_mb"]
        return out

    # --- GUI memory ----------------------------------------------------------------------------------

    def gui_memory(self) -> dict[str, Any]:
        try:
            import importlib.util
            ready = importlib.util.find_spec("toxgui.app.gui") is not None
        except ImportError:
            ready = False
        if not ready:
            note = "GUI entry point (toxgui.app.gui) not present yet: GUI memory not measured"
            self.notes.append(note)
            return {"skipped": note}
        sd = P.new_identity("gui")
        P.add_random_friends(sd, self.cfg.gui_friends)
        path = P.write_toxgui(sd, self.dir / "gui.tox")
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TOXGUI_NO_PUBLIC_BOOTSTRAP": "1",
               "XDG_CONFIG_HOME": str(self.dir / "xdg-config"), "XDG_DATA_HOME": str(self.dir / "xdg-data")}
        proc = subprocess.Popen([sys.executable, "-m", "toxgui", "--profile", str(path), "--no-lan",
                                 "--no-ipv6", "--bind", "127.0.0.1"], env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        try:
            samples = []
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline and proc.poll() is None:
                time.sleep(0.5)  # sampling RSS while the window settles
                samples.append(measure.rss_mb(proc.pid))
            if proc.poll() is not None:
                err = proc.stderr.read().decode(errors="replace")[-400:] if proc.stderr else ""
                note = f"GUI exited early (status {proc.returncode}): {err.strip()}"
                self.notes.append(note)
                return {"skipped": note}
            return {"rss_mb": samples[-1], "hwm_mb": measure.hwm_mb(proc.pid), "friends": self.cfg.gui_friends}
        finally:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(5)
            if proc.stderr:
                proc.stderr.close()

    # --- simulator ---------------------------------------------------------------------------------

    def simulator(self) -> dict[str, Any]:
        from tests.sim.simnet import VirtualNetwork
        from tests.sim.test_dht_sim import build

        n, secs = self.cfg.sim_nodes, self.cfg.sim_seconds
        t0 = time.perf_counter()
        net = VirtualNetwork(seed=1)
        nodes = build(net, n, 1)
        net.run_until(secs)
        wall = time.perf_counter() - t0
        errors = sum(x.stats.internal_errors for x in nodes)
        r = {"nodes": n, "virtual_s": secs, "wall_s": wall, "speedup": secs / wall,
             "node_seconds_per_s": n * secs / wall, "datagrams": net.stats.delivered,
             "datagrams_per_s": net.stats.delivered / wall, "internal_errors": errors}
        log(f"simulator: {n} nodes x {secs:g} virtual s in {wall:.1f} s wall")
        return r

    # --- fuzzing a live node (full mode) ------------------------------------------------------

    def fuzz(self) -> dict[str, Any]:
        from tests.reliability.test_fuzz_live import fuzz_live

        d = self.dir / "fuzz"
        d.mkdir()
        r = asyncio.run(fuzz_live(d, self.cfg.fuzz_datagrams))
        log(f"fuzz: {r['sent']} datagrams in {r['wall_s']:.0f} s, internal errors {r['internal_errors']}, "
            f"RSS growth {r['rss_growth_mb']:.1f} MB, chat after: {r['chat_messages_after']} messages")
        return r

    # --- all --------------------------------------------------------------------------------------

    def run(self) -> dict[str, Any]:
        t_start = time.monotonic()
        try:
            self.results["connection"] = self.connection_times()
            self.results["messages"] = self.messages()
            self.results["files"] = self.files()
            self.results["conferences"] = self.conferences()
            self.results["tcp_relay"] = self.tcp_relay()
            self.results["idle"] = self.idle()
        finally:
            stop_all(list(self.live))
            self.live.clear()
            if self.counters:
                self.counters.close()
            for bd in [self.bd, *self.extra_bds]:
                if bd is not None:
                    bd.stop()
        self.results["messages_inprocess"] = self.inproc()
        for name, fn in (("gui_memory", self.gui_memory), ("simulator", self.simulator),
                         ("fuzz_live", self.fuzz if self.cfg.fuzz_datagrams else None)):
            if fn is None:
                continue
            try:
                self.results[name] = fn()
            except Exception as e:  # one part failing must not lose the others' figures
                log(f"{name} failed: {type(e).__name__}: {e}")
                self.notes.append(f"{name} failed: {type(e).__name__}: {e}")
                self.results[name] = {"skipped": f"failed: {type(e).__name__}: {e}"}
        self.results["duration_s"] = time.monotonic() - t_start
        return self.results


def machine() -> dict[str, Any]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": model, "python": platform.python_version(),
            "kernel": platform.release(), "loadavg_at_start": round(os.getloadavg()[0], 2)}


def main(argv: list[str]) -> int:
    mode = argv[0] if argv else "quick"
    if mode not in ("quick", "full"):
        print("usage: python -m bench quick|full [--out DIR]", file=sys.stderr)
        return 2
    out_dir = HERE
    if "--out" in argv:
        out_dir = Path(argv[argv.index("--out") + 1])
    cfg = QUICK if mode == "quick" else FULL
    from tests.interop.network import missing_tools, network_unsafe_reason

    missing = missing_tools()
    unsafe = network_unsafe_reason()
    if missing or unsafe:
        print(f"cannot run the benchmarks: {missing or unsafe}", file=sys.stderr)
        return 2
    mach = machine()
    with tempfile.TemporaryDirectory(prefix="toxgui-bench-") as d:
        b = Bench(cfg, Path(d))
        results = b.run()
    from bench.report import report_names, write_reports

    doc = {"mode": mode, "config": asdict(cfg), "date": datetime.now(UTC).isoformat(timespec="seconds"),
           "machine": mach, "command": f"make bench{'-full' if mode == 'full' else ''} "
           f"(sh scripts/run-tests.sh --bench {mode})", "ctox_loop": CT_LOOP, "notes": b.notes,
           "results": results}
    write_reports(doc, out_dir)
    md, js = report_names(mode)
    log(f"done in {results['duration_s']:.0f} s; wrote {out_dir}/{md} and {js}")
    return 0


def dump(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=2, sort_keys=False)
