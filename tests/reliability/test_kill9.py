"""kill -9 of a headless toxgui 100 times in the middle of profile and queue writes.

Each round starts `toxgui --headless` on the same profile (three offline friends), pipes a burst
of set_name / save / send commands into it and kills it with SIGKILL after a random number of
answers.  After every kill: the profile loads, every friend is there, the name is the last one
whose `saved` was reported or a later one, and every message whose `sent` was reported is in the
outgoing queue (queue snapshot plus journal) with its text.
"""

from __future__ import annotations

import os
import queue
import random
import signal
import time
from pathlib import Path

import pytest

from bench import profiles as P
from tests.app.headless_proc import HeadlessProc
from toxgui.app.service import ClientOptions, ToxClient
from toxgui.store.profile import Profile

ROUNDS = 100


def _name_key(name: str) -> tuple[int, int]:
    if not name.startswith("name "):
        return (-1, -1)
    i, j = name[5:].split(".")
    return (int(i), int(j))


@pytest.mark.slow
@pytest.mark.timeout(420)
def test_kill_minus_nine_loses_nothing_acknowledged(tmp_path: Path) -> None:
    r = random.Random(99)
    sd = P.new_identity("start")
    P.add_random_friends(sd, 3)
    friends = [f.public_key.hex().upper() for f in sd.friends]
    path = P.write_toxgui(sd, tmp_path / "victim.tox")
    acked_name = (-1, -1)
    acked: dict[int, str] = {}
    kills_mid_burst = 0
    t_start = time.monotonic()
    for i in range(ROUNDS):
        h = HeadlessProc(path)
        try:
            h.wait_event("ready", timeout=30)
            k = r.randrange(1, 25)
            for j in range(k):
                h.send(command="set_name", name=f"name {i}.{j}")
                h.send(command="save")
                h.send(command="send", public_key=friends[j % 3], text=f"m {i}.{j} " + "x" * r.randrange(0, 300))
            target = r.randrange(0, 2 * k + 1)
            answers = 0
            deadline = time.monotonic() + 10
            while answers < target and time.monotonic() < deadline:
                try:
                    ev = h.events.get(timeout=0.5)
                except queue.Empty:
                    continue
                if ev is None:
                    break
                h.seen.append(ev)
                answers += ev.get("event") in ("saved", "sent")
            os.kill(h.proc.pid, signal.SIGKILL)
            h.proc.wait(10)
            kills_mid_burst += answers < 2 * k
        finally:
            h.stop()
        # Everything the process said before it died (the reader drains the pipe to EOF).
        h._reader.join(10)
        evs = list(h.seen)
        while True:
            try:
                ev = h.events.get_nowait()
            except queue.Empty:
                break
            if ev is not None:
                evs.append(ev)
        saved = [e for e in evs if e.get("event") == "saved"]
        sent = [e for e in evs if e.get("event") == "sent"]
        assert not [e for e in evs if e.get("event") == "error"], evs
        if saved:  # commands run in order: the n-th `saved` follows set_name "name i.(n-1)"
            acked_name = max(acked_name, (i, len(saved) - 1))
        for n, e in enumerate(sent):
            acked[int(e["id"])] = f"m {i}.{n} "
        # The profile loads, with every friend and at least the acknowledged name.
        prof = Profile.load(path, lock=False)
        assert sorted(f.public_key.hex().upper() for f in prof.savedata.friends) == sorted(friends)
        assert _name_key(prof.savedata.name.decode()) >= acked_name, (i, prof.savedata.name, acked_name)
        # Every acknowledged message is queued, once, with its text.
        client = ToxClient(prof, ClientOptions(bind_host="127.0.0.1", ipv6=False, lan_discovery=False))
        queued = {mid: data.decode() for items in client._load_queue().values() for mid, _k, data, _t in items}
        missing = [mid for mid in acked if mid not in queued]
        assert not missing, f"round {i}: acknowledged messages lost: {missing[:10]}"
        assert all(queued[mid].startswith(prefix) for mid, prefix in acked.items())
        prof.close()
    print(f"\n{ROUNDS} kills ({kills_mid_burst} in the middle of a burst) in {time.monotonic() - t_start:.0f} s; "
          f"{len(acked)} acknowledged messages all kept; last acknowledged name {acked_name}")
    assert kills_mid_burst >= ROUNDS // 2
