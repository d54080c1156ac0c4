"""File transfers through the headless JSON-lines contract: two headless processes on loopback,
befriended in their profiles and told each other's address with `route`."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from bench import profiles as P
from tests.app.headless_proc import HeadlessProc


def test_file_send_accept_and_errors(tmp_path: Path) -> None:
    a, b = P.new_identity("A"), P.new_identity("B")
    P.befriend(a, b)
    pa, pb = P.write_toxgui(a, tmp_path / "a.tox"), P.write_toxgui(b, tmp_path / "b.tox")
    ka, kb = a.public_key.hex().upper(), b.public_key.hex().upper()
    procs = [HeadlessProc(pa), HeadlessProc(pb, "--download-dir", str(tmp_path / "downloads"))]
    pa_proc, pb_proc = procs
    try:
        ra, rb = pa_proc.wait_event("ready"), pb_proc.wait_event("ready")
        # refused cleanly: the friend is offline, a bad action, a file never offered
        src = tmp_path / "photo.jpg"
        data = os.urandom(150_000)
        src.write_bytes(data)
        for cmd, fragment in (
            (dict(command="send_file", public_key=kb, path=str(src)), "not online"),
            (dict(command="send_file", public_key="00" * 32, path=str(src)), "not a friend"),
            (dict(command="accept_file", public_key=kb, transfer="in-1"), "no incoming transfer"),
            (dict(command="accept_file", public_key=kb, transfer="in-1", path=7), "'path' must be a str"),
            (dict(command="cancel_file", public_key=kb, transfer="out-9"), "no transfer"),
            (dict(command="reject_file", public_key=kb), "missing field 'transfer'"),
        ):
            pa_proc.send(**cmd)
            err = pa_proc.wait_event("error")
            assert fragment in err["message"], (cmd, err)

        pa_proc.send(command="route", public_key=kb, dht_key=rb["dht_key"], host="127.0.0.1", port=rb["udp_port"])
        pb_proc.send(command="route", public_key=ka, dht_key=ra["dht_key"], host="127.0.0.1", port=ra["udp_port"])
        for p, other in ((pa_proc, kb), (pb_proc, ka)):
            p.wait_event(lambda e, o=other: e["event"] == "friend_connection" and e["public_key"] == o
                         and e["status"] != "none", timeout=30)

        pa_proc.send(command="send_file", public_key=kb, path=str(tmp_path / "missing.bin"))
        assert "cannot read" in pa_proc.wait_event("error")["message"]
        pa_proc.send(command="send_file", public_key=kb, path=str(src))
        sent = pa_proc.wait_event("file_sent")
        assert sent["size"] == len(data) and len(sent["file_id"]) == 64 and sent["name"] == "photo.jpg"
        req = pb_proc.wait_event("file_request")
        assert req["public_key"] == ka and req["name"] == "photo.jpg" and req["size"] == len(data)
        assert req["file_id"] == sent["file_id"] and req["kind"] == 0
        downloads = tmp_path / "downloads"
        (downloads / "photo.jpg").parent.mkdir()
        (downloads / "photo.jpg").write_bytes(b"already here")  # never overwritten
        pb_proc.send(command="accept_file", public_key=ka, transfer=req["transfer"])
        done_b = pb_proc.wait_event("file_done", timeout=30)
        done_a = pa_proc.wait_event("file_done", timeout=30)
        digest = hashlib.sha256(data).hexdigest()
        assert done_b["transfer"] == req["transfer"] and done_a["transfer"] == sent["transfer"]
        assert done_b["sha256"] == done_a["sha256"] == digest and done_b["size"] == done_a["size"] == len(data)
        assert done_a["path"] == str(src)
        assert done_b["path"] == str(downloads / "photo (1).jpg")
        assert (downloads / "photo (1).jpg").read_bytes() == data
        assert sorted(os.listdir(downloads)) == ["photo (1).jpg", "photo.jpg"]
        assert (downloads / "photo.jpg").read_bytes() == b"already here"
        # no chunk ever reaches the JSON stream
        for p in procs:
            p.send(command="quit")
            p.wait_event("quit")
            assert p.wait_exit() == 0
            assert not any(e.get("event") in ("file_chunk", "file_chunk_wanted", "file_offer") for e in p.seen)
    finally:
        for p in procs:
            p.stop()


def test_a_full_disk_stops_the_download_cleanly(tmp_path: Path) -> None:
    """The receiver may write at most 1 MB per file (RLIMIT_FSIZE, as a full disk): the
    download stops with io_error, the sender hears it was cancelled, both keep running."""
    a, b = P.new_identity("A"), P.new_identity("B")
    P.befriend(a, b)
    pa, pb = P.write_toxgui(a, tmp_path / "a.tox"), P.write_toxgui(b, tmp_path / "b.tox")
    ka, kb = a.public_key.hex().upper(), b.public_key.hex().upper()
    limited = ["prlimit", "--fsize=1000000", sys.executable, "-m", "toxgui"]
    procs = [HeadlessProc(pa), HeadlessProc(pb, "--download-dir", str(tmp_path / "dl"), command=limited)]
    sender, receiver = procs
    try:
        ra, rb = sender.wait_event("ready"), receiver.wait_event("ready")
        sender.send(command="route", public_key=kb, dht_key=rb["dht_key"], host="127.0.0.1", port=rb["udp_port"])
        receiver.send(command="route", public_key=ka, dht_key=ra["dht_key"], host="127.0.0.1", port=ra["udp_port"])
        sender.wait_event(lambda e: e["event"] == "friend_connection" and e["status"] != "none", timeout=30)
        src = tmp_path / "big.bin"
        src.write_bytes(os.urandom(3_000_000))
        sender.send(command="send_file", public_key=kb, path=str(src))
        req = receiver.wait_event("file_request")
        receiver.send(command="accept_file", public_key=ka, transfer=req["transfer"])
        stopped = receiver.wait_event("file_cancelled", timeout=30)
        assert stopped["reason"] == "io_error"
        assert sender.wait_event("file_cancelled", timeout=30)["reason"] == "friend"
        assert not (tmp_path / "dl" / "big.bin").exists()
        # both still serve: a message goes through
        sender.send(command="send", public_key=kb, text="still here")
        assert receiver.wait_event("message", timeout=30)["text"] == "still here"
        for p in procs:
            p.send(command="status")
            assert p.wait_event("status")["stats"]["internal_errors"] == 0
    finally:
        for p in procs:
            p.stop()
