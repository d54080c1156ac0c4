"""The headless JSON-lines contract (docs/headless.md), through a real subprocess."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.app.headless_proc import HeadlessProc
from toxgui.core.savedata import SaveData
from toxgui.core.toxid import ToxId


@pytest.fixture
def run(tmp_path):
    procs: list[HeadlessProc] = []

    def start(profile: Path, *extra: str, env: dict[str, str] | None = None) -> HeadlessProc:
        p = HeadlessProc(profile, *extra, env=env)
        procs.append(p)
        return p

    yield start
    for p in procs:
        p.stop()


def test_fresh_profile_ready_set_name_save_quit(tmp_path, run):
    path = tmp_path / "alice.tox"
    p = run(path)
    ready = p.wait_event("ready")
    # The Tox ID's checksum verifies and its key is the profile's key.
    tid = ToxId.parse(ready["tox_id"])
    assert ready["public_key"] == tid.public_key.hex().upper()
    assert len(bytes.fromhex(ready["dht_key"])) == 32
    assert ready["dht_key"] != ready["public_key"]
    assert 33445 <= ready["udp_port"] <= 33545
    assert ready["t"] > 0

    p.send(command="set_name", name="Alice ✓")
    p.send(command="set_status_message", status_message="here")
    p.send(command="set_status", status="away")
    p.send(command="save")
    saved = p.wait_event("saved")
    assert saved["path"] == str(path)
    sd = SaveData.parse(path.read_bytes())
    assert sd.tox_id == tid
    assert sd.name == "Alice ✓".encode()
    assert sd.status_message == b"here"
    assert sd.user_status == 1

    p.send(command="quit")
    p.wait_event("quit")
    assert p.wait_exit() == 0

    # Loading it again gives the same identity.
    p2 = run(path)
    ready2 = p2.wait_event("ready")
    assert ready2["tox_id"] == ready["tox_id"]
    assert ready2["name"] == "Alice ✓"
    assert ready2["dht_key"] != ready["dht_key"]  # the DHT key is new on every start
    p2.proc.stdin.close()  # closing stdin quits cleanly too
    p2.wait_event("quit")
    assert p2.wait_exit() == 0


@pytest.mark.parametrize(
    "line, fragment",
    [
        ("this is not json", "not a JSON object"),
        ("[1, 2]", "JSON object"),
        ('{"command": "fly"}', "unknown command"),
        ('{"nocommand": 1}', "unknown command"),
        ('{"command": "set_name"}', "missing field 'name'"),
        ('{"command": "set_name", "name": 7}', "must be a str"),
        ('{"command": "set_name", "name": "' + "x" * 129 + '"}', "at most 128 bytes"),
        ('{"command": "set_status", "status": "sleeping"}', "online, away, busy"),
    ],
)
def test_bad_command_gives_error_and_keeps_running(tmp_path, run, line, fragment):
    p = run(tmp_path / "bob.tox")
    p.wait_event("ready")
    assert p.proc.stdin is not None
    p.proc.stdin.write(line + "\n")
    p.proc.stdin.flush()
    err = p.wait_event("error")
    assert fragment in err["message"]
    assert "fatal" not in err
    # still alive and answering
    p.send(command="status")
    st = p.wait_event("status")
    assert st["udp_port"] > 0
    p.send(command="quit")
    assert p.wait_exit() == 0


def test_encrypted_profile_and_wrong_password(tmp_path, run):
    path = tmp_path / "carol.tox"
    p = run(path, "--password-env", "PW", env={"PW": "correct horse"})
    ready = p.wait_event("ready")
    p.send(command="quit")
    assert p.wait_exit() == 0
    data = path.read_bytes()
    assert data.startswith(b"toxEsave")
    assert bytes.fromhex(ready["public_key"]) not in data

    before = (data, os.stat(path).st_mtime_ns)
    bad = run(path, "--password-env", "PW", env={"PW": "wrong"})
    err = bad.wait_event("error")
    assert err["fatal"] is True
    assert "password" in err["message"].lower()
    assert bad.wait_exit() == 2
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before

    nopw = run(path)
    err = nopw.wait_event("error")
    assert err["fatal"] is True
    assert nopw.wait_exit() == 2
    assert path.read_bytes() == data


def test_corrupt_profile_is_refused_and_untouched(tmp_path, run):
    path = tmp_path / "dave.tox"
    path.write_bytes(b"\x00\x00\x00\x00\x1f\x1b\xed\x15" + b"\x05\x00\x00\x00\x01\x00\xce\x01abc")
    before = path.read_bytes()
    p = run(path)
    err = p.wait_event("error")
    assert err["fatal"] is True
    assert p.wait_exit() == 2
    assert path.read_bytes() == before


def test_every_bad_line_gets_an_error_event_and_the_node_keeps_serving(tmp_path, run):
    """Whatever a line holds, it gets its effect or an `error` event: deep nesting, integers past
    Python's digit limit, bytes that are not UTF-8, lone surrogates, non-objects, wrong types, an
    oversized line; and the next good command still works."""
    from toxgui.core.crypto import SystemRng
    from toxgui.core.savedata import FriendRecord

    sd = SaveData.new(SystemRng(), name=b"bad")
    friend = bytes(range(1, 33))
    sd.friends.append(FriendRecord(friend))
    (tmp_path / "bad.tox").write_bytes(sd.to_bytes())
    p = run(tmp_path / "bad.tox")
    p.wait_event("ready")
    route = json.dumps({"command": "route", "public_key": friend.hex(), "dht_key": friend.hex(),
                        "host": "no-such-host", "port": 33445}).encode()
    bad_lines = [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"command": "set_nospam", "nospam": ' + b"9" * 5000 + b"}",
        b'{"command": "set_name", "name": "\xff\xfe"}',
        b'{"command": "\\ud800"}',
        b'{"command": "set_name", "name": "\\udc00"}',
        b"[1, 2, 3]",
        b'"just a string"',
        route,
        b'{"command": "send", "public_key": 5, "text": null}',
        b"{" * 3000,
    ]
    assert p.proc.stdin is not None
    raw = p.proc.stdin.buffer
    for line in bad_lines:
        raw.write(line + b"\n")
    raw.write(b'{"command": "set_name", "name": "' + b"n" * (2 << 20) + b'"}\n')  # a line over the bound
    raw.flush()
    errors = [p.wait_event("error", 20) for _ in range(len(bad_lines) + 1)]
    assert all(isinstance(e["message"], str) and e["message"] for e in errors)
    assert "at most" in errors[-1]["message"]
    assert any("IP address" in e["message"] for e in errors)  # the route to a name, refused
    p.send(command="set_name", name="still here")
    p.send(command="save")
    assert p.wait_event("saved", 20)
    assert SaveData.parse((tmp_path / "bad.tox").read_bytes()).name == b"still here"
    p.send(command="quit")
    p.wait_event("quit")
    assert p.wait_exit() == 0
