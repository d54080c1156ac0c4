"""The built-in demo network: add the Echo friend, watch the stages, chat — all on loopback."""

from __future__ import annotations

from tests.app.headless_proc import HeadlessProc
from toxgui.core.events import Stage
from toxgui.core.toxid import ToxId

ORDER = [s.value for s in Stage]


def test_demo_echo_friend_end_to_end(tmp_path):
    p = HeadlessProc(tmp_path / "me.tox", "--demo")
    try:
        ready = p.wait_event("ready")
        demo = p.wait_event("demo")
        echo = ToxId.parse(demo["echo_tox_id"])
        assert echo.public_key.hex().upper() != ready["public_key"]
        assert demo["nodes"] and all(n.startswith("127.0.0.1:") for n in demo["nodes"])

        # our own announcement is reported as it lands on onion nodes
        onion = p.wait_event(lambda e: e["event"] == "onion" and e["announced"] > 0, timeout=30)
        assert 0 < onion["announced"] <= onion["nodes"]

        p.send(command="add_friend", tox_id=demo["echo_tox_id"], message="hi echo")
        added = p.wait_event("friend_added")
        assert added["public_key"] == echo.public_key.hex().upper()

        stages: list[str] = []
        while True:
            e = p.wait_event(lambda e: e["event"] in ("progress", "friend_connection"), timeout=60)
            if e["event"] == "friend_connection" and e["status"] != "none":
                break
            if e["event"] == "progress" and (not stages or stages[-1] != e["stage"]):
                stages.append(e["stage"])
        # Stages only move forward on a clean first connection, ending Established.
        assert stages[0] == "AwaitingDHTKey" and stages[-1] == "Established"
        assert [ORDER.index(s) for s in stages] == sorted(ORDER.index(s) for s in stages)
        assert e["status"] == "udp"

        p.send(command="send", public_key=added["public_key"], text="hello there")
        sent = p.wait_event("sent")
        msg = p.wait_event("message", timeout=20)
        assert msg["text"] == "You said: hello there"
        receipt = p.wait_event("receipt", timeout=20)
        assert receipt["id"] in (sent.get("ids") or [sent.get("id")])

        p.send(command="quit")
        p.wait_event("quit")
        assert p.wait_exit() == 0
    finally:
        p.stop()


def test_demo_keeps_echo_beside_the_profile(tmp_path):
    """`--demo --profile PATH` twice: the same Echo, already a friend, comes online by itself."""
    profile = tmp_path / "me.tox"
    p = HeadlessProc(profile, "--demo")
    try:
        p.wait_event("ready")
        demo = p.wait_event("demo")
        echo = ToxId.parse(demo["echo_tox_id"]).public_key.hex().upper()
        p.send(command="add_friend", tox_id=demo["echo_tox_id"], message="hi echo")
        p.wait_event(lambda e: e["event"] == "friend_connection" and e["public_key"] == echo and e["status"] == "udp",
                     timeout=60)
        p.send(command="quit")
        p.wait_event("quit")
        assert p.wait_exit() == 0
    finally:
        p.stop()
    assert (tmp_path / ".toxgui-demo" / "echo.tox").exists()
    again = HeadlessProc(profile, "--demo")
    try:
        again.wait_event("ready")
        assert again.wait_event("demo")["echo_tox_id"] == demo["echo_tox_id"]
        again.wait_event(lambda e: e["event"] == "friend_connection" and e["public_key"] == echo
                         and e["status"] == "udp", timeout=60)
        again.send(command="quit")
        again.wait_event("quit")
        assert again.wait_exit() == 0
    finally:
        again.stop()
