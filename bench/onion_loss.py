"""Friends finding each other through the onion at 20% random UDP loss, side by side:
toxgui<->toxgui, toxgui<->c-toxcore and c-toxcore<->c-toxcore, several samples each.

    sh scripts/run-tests.sh --onion-loss [SAMPLES] [LOSS_PERCENT]      (as root; `make bench-onion-loss`)

Everything runs in a nested private network namespace (only `lo`) whose nftables input hook drops
LOSS_PERCENT of the UDP datagrams at random, so every hop of an onion round trip (8 datagrams)
and of the handshake is lossy.  The network: one tox-bootstrapd and four more tox-bootstrapd DHT
nodes, started once; for each sample, two already-befriended peers start at the same moment and
the time from their start to both reporting the other online over UDP is taken (the later side),
with no `route` shortcut.  A sample that is not online within LIMIT s counts as LIMIT and is
marked.  Prints one JSON line and a table; writes bench/onion-loss.json.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PAIRS = [("toxgui", "toxgui"), ("toxgui", "c-toxcore"), ("c-toxcore", "c-toxcore")]
if os.environ.get("TOXGUI_ONION_LOSS_PAIRS"):  # e.g. "toxgui,toxgui;toxgui,c-toxcore": a subset, for experiments
    PAIRS = [tuple(p.split(",")) for p in os.environ["TOXGUI_ONION_LOSS_PAIRS"].split(";")]  # type: ignore[misc]
LIMIT = float(os.environ.get("TOXGUI_ONION_LOSS_LIMIT", "240"))  # s; lower it for experiments


def _sample(kinds: tuple[str, str], node: tuple[str, int, str], work: Path, n: int) -> dict[str, Any]:
    import concurrent.futures as cf

    from bench import profiles as P
    from bench.peers import CtPeer, TgPeer, stop_all

    a, b = P.new_identity("A"), P.new_identity("B")
    P.befriend(a, b)

    def spawn(kind: str, sd: Any, label: str) -> Any:
        if kind == "toxgui":
            return TgPeer(P.write_toxgui(sd, work / f"{label}.tox"), node, label)
        return CtPeer(node, P.write_ctox(sd, work / f"{label}.save"), label, log_dir=work)

    peers: list[Any] = []
    try:
        with cf.ThreadPoolExecutor(2) as ex:
            fa = ex.submit(spawn, kinds[0], a, f"a{n}")
            fb = ex.submit(spawn, kinds[1], b, f"b{n}")
            A, B = fa.result(), fb.result()
        peers = [A, B]
        start = max(A.spawned, B.spawned)
        try:
            ta = A.wait_online(B.public_key, LIMIT) - A.spawned
            left = max(1.0, LIMIT - (time.time() - start))
            tb = B.wait_online(A.public_key, left) - B.spawned
            return {"seconds": round(max(ta, tb), 2), "online": True}
        except AssertionError:
            return {"seconds": LIMIT, "online": False, "why": _why(A, B)}
    finally:
        stop_all(peers)


def _why(A: Any, B: Any) -> dict[str, Any]:
    """What each toxgui side said last about the other (its stage and what it waits for)."""
    out: dict[str, Any] = {}
    for me, other in ((A, B), (B, A)):
        if me.kind != "toxgui":
            continue
        last = [e for e in me.h.seen if e.get("event") == "progress" and e.get("public_key") == other.public_key]
        if last:
            out[me.label] = last[-1].get("details", {})
    return out


def run(samples: int, percent: int) -> dict[str, Any]:
    from tests.interop.network import Bootstrapd
    from tests.reliability.common import random_udp_loss_counters

    work = Path(tempfile.mkdtemp(prefix="toxgui-onion-loss-"))
    bd = Bootstrapd(work / "bd")
    dht = [Bootstrapd(work / f"dht{i}", nodes=[bd.node]) for i in range(4)]
    out: dict[str, Any] = {"date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "loss_percent": percent, "samples": samples,
                           "limit_s": LIMIT, "pairs": {}}
    try:
        time.sleep(5)  # let the five DHT nodes find each other (through the loss) before timing
        n = 0
        for _ in range(samples):  # pairs interleaved, so a drift of the machine hits all alike
            for kinds in PAIRS:
                n += 1
                r = _sample(kinds, bd.node, work, n)
                key = f"{kinds[0]}<->{kinds[1]}"
                out["pairs"].setdefault(key, []).append(r)
                print(f"{key}: {r['seconds']} s{'' if r['online'] else ' (not online)'}", file=sys.stderr, flush=True)
        out["nft"] = random_udp_loss_counters()
    finally:
        for d in dht:
            d.stop()
        bd.stop()
    ref = out["pairs"].get("c-toxcore<->c-toxcore")
    ref_med = statistics.median(x["seconds"] for x in ref) if ref else None
    for key, rs in out["pairs"].items():
        secs = [x["seconds"] for x in rs]
        med = statistics.median(secs)
        out.setdefault("summary", {})[key] = {
            "median_s": med, "worst_s": max(secs), "not_online": sum(not x["online"] for x in rs),
            "ratio_median": round(med / ref_med, 2) if ref_med else None, "samples_s": secs}
    return out


def table(r: dict[str, Any]) -> str:
    lines = [f"Friends online through the onion at {r['loss_percent']}% random UDP loss "
             f"({r['samples']} samples each, limit {r['limit_s']:g} s):", "",
             "| pair | median | worst | ratio (median) | samples |", "|---|---|---|---|---|"]
    for key, s in r.get("summary", {}).items():
        lines.append(f"| {key} | {s['median_s']:.1f} s | {s['worst_s']:.1f} s | {s['ratio_median']}x | "
                     f"{', '.join(f'{x:.1f}' for x in s['samples_s'])} |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    samples = int(argv[0]) if argv else 5
    percent = int(argv[1]) if len(argv) > 1 else 20
    from tests.reliability.common import random_udp_loss_setup

    if os.environ.get("TOXGUI_ONION_LOSS_NS") != "1":
        if os.getuid() != 0:
            print("needs root (a network namespace with nftables)", file=sys.stderr)
            return 2
        env = {**os.environ, "TOXGUI_ONION_LOSS_NS": "1", "TOXGUI_IN_NETNS": "1", "TOXGUI_NO_PUBLIC_BOOTSTRAP": "1"}
        return subprocess.run(["unshare", "-n", "--", "sh", "-c", random_udp_loss_setup(percent), "sh", sys.executable, "-m",
                               "bench.onion_loss", str(samples), str(percent)], env=env, cwd=HERE.parent).returncode
    r = run(samples, percent)
    (HERE / "onion-loss.json").write_text(json.dumps(r, indent=1) + "\n")
    print(json.dumps(r), flush=True)
    print(table(r), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
