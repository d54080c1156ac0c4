"""Beside an encrypted profile, nothing the app writes holds a message in the clear: after
sending to an offline friend, and after a kill -9 in the middle of a burst of sends, no file in
the profile's folder contains the text in any encoding, no file is readable by other users, and a
restart still delivers every queued message."""

from __future__ import annotations

import base64
import os
import signal
import stat
from pathlib import Path

import pytest

from tests.app.headless_proc import HeadlessProc
from toxgui.core.crypto import SystemRng
from toxgui.core.savedata import FriendRecord, SaveData
from toxgui.store.profile import Profile

SECRET = "TOP SECRET: the vault code is 4711"


def encodings(text: str) -> list[bytes]:
    raw = text.encode()
    return [raw, raw.hex().encode(), raw.hex().upper().encode(), base64.b64encode(raw),
            base64.b64encode(raw[1:]), base64.b64encode(raw[2:]), text.encode("utf-16-le")]


def leaks(folder: Path, texts: list[str]) -> list[str]:
    found = []
    for p in folder.rglob("*"):
        if not p.is_file():
            continue
        mode = stat.S_IMODE(p.stat().st_mode)
        if mode & 0o077:
            found.append(f"{p.name} is readable by others ({oct(mode)})")
        data = p.read_bytes()
        for t in texts:
            if any(enc in data for enc in encodings(t)):
                found.append(f"{p.name} holds {t!r}")
    return found


@pytest.mark.timeout(120)
def test_encrypted_profile_leaves_no_message_text_on_disk(tmp_path: Path) -> None:
    folder = tmp_path / "profiles"
    a_path, b_path = folder / "alice.tox", tmp_path / "bob.tox"
    rng = SystemRng()
    a_sd, b_sd = SaveData.new(rng, name=b"alice"), SaveData.new(rng, name=b"bob")
    a_sd.friends.append(FriendRecord(b_sd.keys.public))
    b_sd.friends.append(FriendRecord(a_sd.keys.public))
    Profile.create(a_path, password="hunter2 correct", savedata=a_sd).close()
    b_path.write_bytes(b_sd.to_bytes())
    bob_key = b_sd.keys.public.hex().upper()
    env = {"TOXGUI_PW": "hunter2 correct"}
    texts = [f"{SECRET} #{i}" for i in range(60)]

    # 1. messages to an offline friend, a clean quit
    a = HeadlessProc(a_path, "--password-env", "TOXGUI_PW", env=env)
    try:
        a.wait_event("ready")
        a.send(command="send", public_key=bob_key, text=texts[0])
        a.wait_event("sent")
        assert leaks(folder, texts) == []
        a.send(command="quit")
        a.wait_event("quit")
        assert a.wait_exit() == 0
    finally:
        a.stop()
    assert (folder / "alice.queue.json").exists()
    assert leaks(folder, texts) == []

    # 2. a burst of sends, killed in the middle
    a = HeadlessProc(a_path, "--password-env", "TOXGUI_PW", env=env)
    try:
        a.wait_event("ready")
        for t in texts[1:]:
            a.send(command="send", public_key=bob_key, text=t)
        a.wait_event(lambda e: e["event"] == "sent", 20)
        os.kill(a.proc.pid, signal.SIGKILL)
        a.proc.wait(10)
        sent_before_kill = 1 + sum(1 for e in [*a.seen, *_drain(a)] if e.get("event") == "sent")
    finally:
        a.stop()
    assert leaks(folder, texts) == []

    # 3. a restart delivers what was queued, to Bob, now online
    b = HeadlessProc(b_path)
    a = HeadlessProc(a_path, "--password-env", "TOXGUI_PW", env=env)
    try:
        b_ready = b.wait_event("ready")
        a.wait_event("ready")
        a.send(command="route", public_key=bob_key, dht_key=b_ready["dht_key"], host="127.0.0.1",
               port=b_ready["udp_port"])
        got = set()
        while len(got) < sent_before_kill:
            got.add(b.wait_event("message", 30)["text"])
        assert texts[0] in got and got <= set(texts)
        a.send(command="quit")
        a.wait_event("quit")
    finally:
        a.stop()
        b.stop()
    assert leaks(folder, texts) == []


def _drain(p: HeadlessProc) -> list[dict]:
    out = []
    while not p.events.empty():
        e = p.events.get_nowait()
        if e is not None:
            out.append(e)
    return out
