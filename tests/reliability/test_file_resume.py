"""A download killed with SIGKILL halfway resumes after a restart: the sender offers the same file
again (same file id), the receiver's .part file is found by that id, its size checked, and the
transfer continues from there.  Two headless processes on loopback, connected with `route`."""

from __future__ import annotations

import hashlib
import os
import signal
from pathlib import Path

import pytest

from bench import profiles as P
from tests.app.headless_proc import HeadlessProc

SIZE = 64 * 1024 * 1024  # large enough that a progress report (every 0.5 s) falls near the middle


def _connect(a: HeadlessProc, b: HeadlessProc, ka: str, kb: str, ra: dict, rb: dict) -> None:
    a.send(command="route", public_key=kb, dht_key=rb["dht_key"], host="127.0.0.1", port=rb["udp_port"])
    b.send(command="route", public_key=ka, dht_key=ra["dht_key"], host="127.0.0.1", port=ra["udp_port"])
    for p, other in ((a, kb), (b, ka)):
        p.wait_event(lambda e, o=other: e["event"] == "friend_connection" and e["public_key"] == o
                     and e["status"] != "none", timeout=40)


@pytest.mark.timeout(240)
def test_download_killed_halfway_resumes_after_restart(tmp_path: Path) -> None:
    a, b = P.new_identity("sender"), P.new_identity("receiver")
    P.befriend(a, b)
    pa, pb = P.write_toxgui(a, tmp_path / "a.tox"), P.write_toxgui(b, tmp_path / "b.tox")
    ka, kb = a.public_key.hex().upper(), b.public_key.hex().upper()
    src = tmp_path / "big.bin"
    data = os.urandom(SIZE)
    src.write_bytes(data)
    downloads = tmp_path / "downloads"
    sender = HeadlessProc(pa)
    receiver = HeadlessProc(pb, "--download-dir", str(downloads))
    procs = [sender, receiver]
    try:
        ready_a = sender.wait_event("ready")
        _connect(sender, receiver, ka, kb, ready_a, receiver.wait_event("ready"))
        sender.send(command="send_file", public_key=kb, path=str(src))
        first = sender.wait_event("file_sent")
        req = receiver.wait_event("file_request")
        receiver.send(command="accept_file", public_key=ka, transfer=req["transfer"])
        receiver.wait_event(lambda e: e["event"] == "file_progress" and e["bytes"] >= SIZE * 0.45, timeout=120)
        receiver.proc.send_signal(signal.SIGKILL)
        receiver.wait_exit()
        parts = list(downloads.glob("big.bin.*.part"))
        assert len(parts) == 1 and parts[0].name == f"big.bin.{req['file_id'][:16].lower()}.part"
        have = parts[0].stat().st_size
        assert SIZE // 3 < have < SIZE
        assert parts[0].read_bytes() == data[:have]  # what reached the disk is the file's start

        receiver = HeadlessProc(pb, "--download-dir", str(downloads))
        procs.append(receiver)
        ended = sender.wait_event(lambda e: e["event"] == "file_cancelled" and e["transfer"] == first["transfer"],
                                  timeout=60)
        assert ended["reason"] == "disconnected"
        _connect(sender, receiver, ka, kb, ready_a, receiver.wait_event("ready"))
        sender.send(command="send_file", public_key=kb, path=str(src))
        again = sender.wait_event("file_sent")
        assert again["file_id"] == first["file_id"]  # the same file, the same id
        req2 = receiver.wait_event("file_request")
        assert req2["file_id"] == req["file_id"]
        receiver.send(command="accept_file", public_key=ka, transfer=req2["transfer"])
        # the rest may take less than the 0.5 s between progress reports: then there is none
        first_news = receiver.wait_event(lambda e: e["event"] in ("file_progress", "file_done"), timeout=120)
        if first_news["event"] == "file_progress":
            assert first_news["bytes"] >= have  # counted from the file's start: it went on from the .part
            done = receiver.wait_event("file_done", timeout=120)
        else:
            done = first_news
        sent_done = sender.wait_event("file_done", timeout=60)
        assert done["sha256"] == sent_done["sha256"] == hashlib.sha256(data).hexdigest()
        assert (downloads / "big.bin").read_bytes() == data
        assert sorted(os.listdir(downloads)) == ["big.bin"]
        resent = SIZE - have
        print(f"resumed at {have / SIZE:.0%}: {resent / SIZE:.0%} of the file crossed the wire again")
        assert resent < 0.6 * SIZE
    finally:
        for p in procs:
            p.stop()
