"""Friendships come back by themselves: a toxgui peer suspended for 60 s (SIGSTOP/SIGCONT), and a
toxgui and a c-toxcore peer restarted on a new port.  The times are printed.

A (toxgui headless) is friends with B (toxgui headless) and C (c-toxcore); one tox-bootstrapd;
all on 127.0.0.1 in the private network namespace (skipped without root).
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from bench import profiles as P
from bench.peers import CtPeer, TgPeer, stop_all
from tests.interop.network import Bootstrapd
from tests.reliability.common import need_root_netns

SUSPEND_S = 60.0


def _status_after(peer: TgPeer, pk: str, t: float) -> list[str]:
    return [e["status"] for e in peer.h.seen if e.get("event") == "friend_connection"
            and e.get("public_key") == pk and e["t"] >= t]


def _wait_status(peer: TgPeer, pk: str, status: str, after: float, timeout: float) -> float:
    ev = peer.wait(lambda e: e.get("event") == "friend_connection" and e.get("public_key") == pk
                   and e.get("status") == status and e["t"] >= after, timeout)
    return float(ev["t"])


def _chat(a: TgPeer, b: TgPeer | CtPeer, tag: str) -> None:
    a.send_text(b.public_key, f"hello {tag}")
    b.wait_text(a.public_key, f"hello {tag}", 30)
    b.send_text(a.public_key, f"back {tag}")
    a.wait_text(b.public_key, f"back {tag}", 30)


@pytest.mark.slow
@pytest.mark.timeout(400)
def test_suspended_and_restarted_peers_come_back(tmp_path: Path) -> None:
    need_root_netns()
    bd = Bootstrapd(tmp_path / "bootstrapd")
    sa, sb, sc = P.new_identity("A"), P.new_identity("B"), P.new_identity("C")
    P.befriend(sa, sb)
    P.befriend(sa, sc)
    pa = P.write_toxgui(sa, tmp_path / "A.tox")
    pb = P.write_toxgui(sb, tmp_path / "B.tox")
    pc = P.write_ctox(sc, tmp_path / "C.save")
    live: list[TgPeer | CtPeer] = []
    try:
        a = TgPeer(pa, bd.node, "A")
        b = TgPeer(pb, bd.node, "B")
        c = CtPeer(bd.node, pc, "C", log_dir=tmp_path)
        live += [a, b, c]
        for other in (b, c):
            a.wait_online(other.public_key, 90)
        b.wait_online(a.public_key, 90)
        c.wait_online(a.public_key, 90)
        _chat(a, b, "before")
        _chat(a, c, "before")

        # 1. B suspended for 60 s: A notices (32 s without ALIVE), then both come back.
        t_stop = time.time()
        b.h.proc.send_signal(signal.SIGSTOP)
        try:
            t_gone = _wait_status(a, b.public_key, "none", t_stop, SUSPEND_S + 5) - t_stop
            left = SUSPEND_S - (time.time() - t_stop)
            if left > 0:
                time.sleep(left)  # the suspension itself is the scenario
        finally:
            b.h.proc.send_signal(signal.SIGCONT)
        t_cont = time.time()
        t_a = _wait_status(a, b.public_key, "udp", t_cont, 90) - t_cont
        t_b = _wait_status(b, a.public_key, "udp", t_cont, 90) - t_cont
        _chat(a, b, "after suspension")
        resumed = max(t_a, t_b)

        # 2. B restarted on a new port (same profile).
        b.stop()
        live.remove(b)
        b2 = TgPeer(pb, bd.node, "B2")
        live.append(b2)
        assert b2.port != b.port
        t_b2 = max(b2.wait_online(a.public_key, 90) - b2.spawned,
                   _wait_status(a, b2.public_key, "udp", b2.spawned, 90) - b2.spawned)
        _chat(a, b2, "after restart")

        # 3. C (c-toxcore) restarted on a new port from its savedata.
        c.p.get_savedata(tmp_path / "C2.save")
        c.stop()
        live.remove(c)
        c2 = CtPeer(bd.node, tmp_path / "C2.save", "C2", log_dir=tmp_path)
        live.append(c2)
        t_c2 = max(c2.wait_online(a.public_key, 90) - c2.spawned,
                   _wait_status(a, c2.public_key, "udp", c2.spawned, 120) - c2.spawned)
        _chat(a, c2, "after restart")
        print(f"\nsuspended {SUSPEND_S:g} s: A saw B go after {t_gone:.1f} s; back {resumed:.2f} s after SIGCONT "
              f"(A {t_a:.2f} s, B {t_b:.2f} s); toxgui restarted on a new port: online {t_b2:.2f} s after "
              f"its start; c-toxcore restarted on a new port: {t_c2:.2f} s")
        assert resumed < 60 and t_b2 < 60 and t_c2 < 60
    finally:
        stop_all(live)
        bd.stop()
