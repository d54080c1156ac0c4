"""File transfers through the headless JSON-lines contract: two headless processes on loopback,
befriended in their profiles and told each other's address with `route`."""

from __future__ import annotations

import os
from pathlib import Path

from bench import profiles as P
from tests.app.headless_proc import HeadlessProc


def test_file_send_accept_and_errors(tmp_path: Path) -> None:
    a, b = P.new_identity("A"), P.new_identity("B")
    P.befriend(a, b)
    pa, pb = P.write_toxgui(a, tmp_path / "a.tox"), P.write_toxgui(b, tmp_path / "b.tox")
    ka, kb = a.public_key.hex().upper(), b.public_key.hex().upper()
    procs = [HeadlessProc(pa), HeadlessProc(pb)]
    pa_proc, pb_proc = procs
    try:
        ra, rb = pa_proc.wait_event("ready"), pb_proc.wait_event("ready")
        # refused cleanly: the friend is offline, a bad action, a file never offered
        src = tmp_path / "photo.jpg"
        data = os.urandom(150_000)
        src.write_bytes(data)
        for cmd, fragment in (
            (dict(command="file_send", public_key=kb, path=str(src)), "not online"),
            (dict(command="file_send", public_key="00" * 32, path=str(src)), "not a friend"),
            (dict(command="file_accept", public_key=kb, file_number=0, path=str(tmp_path / "x")), "no file 0"),
            (dict(command="file_control", public_key=kb, file_number=0, sending=True, action="explode"), "action"),
            (dict(command="file_control", public_key=kb, file_number=300, sending=True, action="cancel"), "0..255"),
        ):
            pa_proc.send(**cmd)
            err = pa_proc.wait_event("error")
            assert fragment in err["message"], (cmd, err)

        pa_proc.send(command="route", public_key=kb, dht_key=rb["dht_key"], host="127.0.0.1", port=rb["udp_port"])
        pb_proc.send(command="route", public_key=ka, dht_key=ra["dht_key"], host="127.0.0.1", port=ra["udp_port"])
        for p, other in ((pa_proc, kb), (pb_proc, ka)):
            p.wait_event(lambda e, o=other: e["event"] == "friend_connection" and e["public_key"] == o
                         and e["status"] != "none", timeout=30)

        pa_proc.send(command="file_send", public_key=kb, path=str(tmp_path / "missing.bin"))
        assert "cannot read" in pa_proc.wait_event("error")["message"]
        pa_proc.send(command="file_send", public_key=kb, path=str(src))
        sending = pa_proc.wait_event("file_sending")
        assert sending["size"] == len(data) and len(sending["file_id"]) == 64
        offer = pb_proc.wait_event("file_offer")
        assert offer["public_key"] == ka and offer["filename"] == "photo.jpg" and offer["size"] == len(data)
        assert offer["file_id"] == sending["file_id"]
        dest = tmp_path / "received" / "photo.jpg"
        dest.parent.mkdir()
        pb_proc.send(command="file_accept", public_key=ka, file_number=offer["file_number"], path=str(dest))
        assert pb_proc.wait_event("file_receiving")["position"] == 0
        done_b = pb_proc.wait_event("file_done", timeout=30)
        done_a = pa_proc.wait_event("file_done", timeout=30)
        assert done_b["outcome"] == done_a["outcome"] == "complete"
        assert done_b["sending"] is False and done_a["sending"] is True
        assert done_b["transferred"] == done_a["transferred"] == len(data)
        assert dest.read_bytes() == data and sorted(os.listdir(dest.parent)) == ["photo.jpg"]
        # no chunk ever reaches the JSON stream
        for p in procs:
            p.send(command="quit")
            p.wait_event("quit")
            assert p.wait_exit() == 0
            assert not any(e.get("event") in ("file_chunk", "file_chunk_wanted") for e in p.seen)
    finally:
        for p in procs:
            p.stop()
