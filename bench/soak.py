"""Soak against c-toxcore (not in CI): a headless toxgui node on a local network of c-toxcore peers
for SOAK_MINUTES (default 30) real minutes.  Records our onion announcement over time (the
headless `onion` events) and, every minute, has a fresh c-toxcore peer (started 25 s earlier, so
its own onion is up) send a friend request to toxgui's Tox ID, timing its arrival.

    make soak                     (SOAK_MINUTES=45 make soak for longer)

Writes bench/out/soak.json and prints a summary.  Everything runs on 127.0.0.1 inside the private
network namespace scripts/run-tests.sh makes (as root); every process is stopped at the end.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.app.headless_proc import HeadlessProc  # noqa: E402
from tests.interop.network import LocalNetwork  # noqa: E402

FILLERS = 4  # c-toxcore peers that only serve as DHT and onion nodes
WARM = 25.0  # a requester starts this long before it sends
DELIVERY_BOUND = 10.0


def main() -> int:
    minutes = float(os.environ.get("SOAK_MINUTES", "30"))
    out_dir = ROOT / "bench" / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="toxgui-soak-"))
    # The bootstrap node must outlive the soak: new requesters join through it (its default
    # 15-minute limit once made every request after minute 15 fail, for c-toxcore as for us).
    net = LocalNetwork(work / "net", bootstrapd_lifetime=minutes * 60 + 600)
    h: HeadlessProc | None = None
    announce: list[tuple[float, int, int]] = []  # (seconds since start, announced, nodes)
    requests: list[dict[str, object]] = []
    statuses: list[dict[str, object]] = []  # the node's `status` once a minute (counters, drops)
    try:
        fillers = [net.spawn_peer(f"filler{i}", lifetime=int(minutes * 60 + 600)) for i in range(FILLERS)]
        control = fillers[0]  # a c-toxcore node that gets the same requests: does c-toxcore deliver?
        host, port, key = net.bootstrapd.node
        h = HeadlessProc(work / "toxgui.tox", "--bootstrap", f"{host}:{port}:{key}")
        ready = h.wait_event("ready", 30)
        t0 = time.monotonic()
        end = t0 + minutes * 60

        def pump(until: float, want: str | None = None) -> dict[str, object] | None:
            """Record onion events until `until`, or until a friend request with message `want`."""
            assert h is not None
            while time.monotonic() < until:
                try:
                    ev = h.wait_event(lambda e: e["event"] in ("onion", "friend_request"),
                                      timeout=max(0.05, min(1.0, until - time.monotonic())))
                except AssertionError:
                    continue
                if ev["event"] == "onion":
                    announce.append((time.monotonic() - t0, int(ev["announced"]), int(ev["nodes"])))
                elif want is not None and ev.get("message") == want:
                    return ev
                else:
                    h.send(command="decline", public_key=ev["public_key"])
            return None

        k = 0
        live: list = []
        while time.monotonic() < end:
            k += 1
            send_at = t0 + k * 60.0
            pump(send_at - WARM)
            if time.monotonic() >= end:
                break
            peer = net.spawn_peer(f"req{k}", lifetime=300)
            live.append(peer)
            pump(send_at)
            msg = f"soak request {k}"
            sent = time.monotonic()
            peer.add_friend(ready["tox_id"], msg)
            peer.add_friend(control.tox_id, msg)
            got = pump(sent + 120.0, want=msg)
            took = None if got is None else time.monotonic() - sent
            try:
                ctl = control.wait_event("friend_request", max(0.1, sent + 120.0 - time.monotonic()), text=msg)
                ctl_took: float | None = round(float(ctl["t"]) - (time.time() - (time.monotonic() - sent)), 2)
            except AssertionError:
                ctl_took = None
            requests.append({"n": k, "at_s": round(sent - t0, 1), "delivered_s": None if took is None else round(took, 2),
                             "ctoxcore_control_s": ctl_took})
            print(f"[{(sent - t0) / 60:5.1f} min] request {k}: "
                  f"{'LOST' if took is None else f'{took:.2f} s'}; announced now {announce[-1][1] if announce else '?'}"
                  f"; the same request to a c-toxcore node: {'LOST' if ctl_took is None else f'{ctl_took:.2f} s'}",
                  flush=True)
            if got is not None:
                h.send(command="decline", public_key=got["public_key"])
            while len(live) > 2:
                live.pop(0).stop()
            h.send(command="status")
            try:
                st = h.wait_event("status", 10)
                statuses.append({"at_s": round(time.monotonic() - t0, 1), **{k: st[k] for k in (
                    "onion_announced", "onion_nodes", "dht_known", "dht_good", "stats", "received_kinds")}})
            except AssertionError:
                pass
    finally:
        if h is not None:
            h.stop()
        net.close()
    # the announcement over time: at each second, the latest count
    horizon = max([a[0] for a in announce] + [0.0])
    series, j, cur = [], 0, 0
    longest_zero, zero_since = 0.0, None
    for s in range(int(horizon) + 1):
        while j < len(announce) and announce[j][0] <= s:
            cur = announce[j][1]
            j += 1
        series.append(cur)
        if s > 30 and cur == 0:
            zero_since = s if zero_since is None else zero_since
            longest_zero = max(longest_zero, s - zero_since)
        else:
            zero_since = None
    times = [float(r["delivered_s"]) for r in requests if r["delivered_s"] is not None]  # type: ignore[arg-type]
    summary = {
        "minutes": minutes,
        "announced_min_after_30s": min(series[30:]) if len(series) > 30 else None,
        "announced_median": statistics.median(series) if series else None,
        "announced_per_5_min": [min(series[i:i + 300]) for i in range(0, len(series), 300)],
        "longest_at_zero_s": longest_zero,
        "requests_sent": len(requests),
        "requests_received": len(times),
        "delivery_median_s": round(statistics.median(times), 2) if times else None,
        "delivery_max_s": round(max(times), 2) if times else None,
        "within_bound": sum(1 for t in times if t <= DELIVERY_BOUND),
    }
    (out_dir / "soak.json").write_text(json.dumps({"summary": summary, "requests": requests,
                                                   "announce": announce, "status": statuses}, indent=1))
    print(json.dumps(summary, indent=1))
    return 0 if times and len(times) == len(requests) and max(times) <= DELIVERY_BOUND else 1


if __name__ == "__main__":
    sys.exit(main())
