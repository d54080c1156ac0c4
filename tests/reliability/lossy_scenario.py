"""Messages over a lossy loopback: run inside a network namespace whose input drops UDP at random.

    python -m tests.reliability.lossy_scenario COUNT WORKDIR

(tests/reliability/test_lossy.py runs it under `unshare -n` with an nftables rule dropping 20%
of UDP datagrams.)  Five tox-bootstrapd DHT nodes; A = toxgui headless, friends with B = toxgui
headless and C = c-toxcore, who find each other through the onion (no shortcut).  COUNT
messages each way on both friendships, all queued at once; prints one JSON line: per direction,
how many arrived, duplicates, whether in order, and the seconds it took; plus the connection
times and the loss nftables measured.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from bench import profiles as P
from bench.peers import CtPeer, TgPeer, stop_all
from tests.interop.network import Bootstrapd
from tests.reliability.common import random_udp_loss_counters


def _received(peer: Any, from_pk: str, count: int, prefix: str, timeout: float) -> list[str]:
    """Texts from from_pk starting with prefix, until `count` distinct arrived or timeout."""
    got: list[str] = []
    deadline = time.monotonic() + timeout
    while len(set(got)) < count and time.monotonic() < deadline:
        try:
            ev = peer.wait_text(from_pk, None, max(0.1, deadline - time.monotonic()))
        except AssertionError:
            break
        text = ev["text"]
        if text.startswith(prefix):
            got.append(text)
    return got


def _direction(src: Any, dst: Any, count: int, tag: str) -> dict[str, Any]:
    prefix = f"{tag} "
    t0 = time.monotonic()
    for i in range(count):
        src.send_text(dst.public_key, f"{prefix}{i:05d}")
    got = _received(dst, src.public_key, count, prefix, 240)
    want = [f"{prefix}{i:05d}" for i in range(count)]
    return {"sent": count, "received": len(got), "distinct": len(set(got)), "duplicates": len(got) - len(set(got)),
            "in_order": got == want, "exactly_once_in_order": got == want, "seconds": time.monotonic() - t0}


# Friends find each other through the onion at 20% loss, with no shortcut: an onion round trip
# crosses 8 lossy hops (0.8^8 = 17% survive), so toxgui sends each request over 2-3 paths while
# most go unanswered. make bench-onion-loss measures the same network (5 DHT nodes): toxgui<->toxgui
# 3-6 s, toxgui<->c-toxcore 5-20 s. The budget leaves room for the tail.
ONION_BUDGET = 240.0


def _connect(a: Any, x: Any) -> float:
    """Seconds until both sides of A-X are online (from the later spawn)."""
    t_a = a.wait_online(x.public_key, ONION_BUDGET)
    t_x = x.wait_online(a.public_key, 60)
    return max(t_a - a.spawned, t_x - x.spawned)


def main(argv: list[str]) -> int:
    count = int(argv[0])
    work = Path(argv[1])
    work.mkdir(parents=True, exist_ok=True)
    bd = Bootstrapd(work / "bootstrapd")
    # Four more DHT nodes: onion paths of three hops need nodes to be drawn from.
    dht = [Bootstrapd(work / f"dht{i}", nodes=[bd.node]) for i in range(4)]
    live: list[Any] = []
    result: dict[str, Any] = {"count": count}
    try:
        sa, sb, sc = P.new_identity("A"), P.new_identity("B"), P.new_identity("C")
        P.befriend(sa, sb)
        P.befriend(sa, sc)
        a = TgPeer(P.write_toxgui(sa, work / "A.tox"), bd.node, "A")
        b = TgPeer(P.write_toxgui(sb, work / "B.tox"), bd.node, "B")
        c = CtPeer(bd.node, P.write_ctox(sc, work / "C.save"), "C", log_dir=work)
        live += [a, b, c]
        result["connect_s"] = {"toxgui<->toxgui": _connect(a, b), "toxgui<->c-toxcore": _connect(a, c)}
        result["toxgui<->toxgui"] = {"A->B": _direction(a, b, count, "ab"), "B->A": _direction(b, a, count, "ba")}
        result["toxgui<->c-toxcore"] = {"A->C": _direction(a, c, count, "ac"), "C->A": _direction(c, a, count, "ca")}
        a.h.send(command="status")
        result["toxgui_internal_errors"] = a.wait("status", 15)["stats"]["internal_errors"]
        b.h.send(command="status")
        result["toxgui_internal_errors"] += b.wait("status", 15)["stats"]["internal_errors"]
    except Exception as e:  # report, do not hide: the test asserts on the JSON
        result["error"] = f"{type(e).__name__}: {e}"[:2000]
    finally:
        stop_all(live)
        for d in dht:
            d.stop()
        bd.stop()
    result["nft"] = random_udp_loss_counters()
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
