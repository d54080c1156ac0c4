"""Conferences through the headless JSON-lines contract: two headless processes on loopback,
befriended in their profiles and told each other's address with `route`; create, invite, join,
messages both ways (each exactly once), titles, leave, and a restart back into the same
conference from the saved profile."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench import profiles as P
from tests.app.headless_proc import HeadlessProc


def _route(p: HeadlessProc, other_key: str, other_ready: dict[str, Any]) -> None:
    p.send(command="route", public_key=other_key, dht_key=other_ready["dht_key"], host="127.0.0.1",
           port=other_ready["udp_port"])


def _online(p: HeadlessProc, other_key: str) -> None:
    p.wait_event(lambda e: e["event"] == "friend_connection" and e["public_key"] == other_key
                 and e["status"] != "none", timeout=30)


def _peers(p: HeadlessProc, cid: str, keys: set[str], timeout: float = 30) -> dict[str, Any]:
    return p.wait_event(lambda e: e["event"] == "conference_peers" and e["conference_id"] == cid
                        and {x["public_key"] for x in e["peers"]} == keys, timeout=timeout)


def _link(p: HeadlessProc, cid: str, key: str, up: bool, timeout: float = 60) -> dict[str, Any]:
    """The member list once `key`'s direct link is up (or down): messages only reach linked members."""
    return p.wait_event(lambda e: e["event"] == "conference_peers" and e["conference_id"] == cid
                        and any(x["public_key"] == key and x["connected"] is up for x in e["peers"]),
                        timeout=timeout)


def _message(p: HeadlessProc, cid: str, text: str) -> dict[str, Any]:
    return p.wait_event(lambda e: e["event"] == "conference_message" and e["conference_id"] == cid
                        and e["text"] == text, timeout=30)


def test_conference_commands_and_events(tmp_path: Path) -> None:
    a, b = P.new_identity("Alice"), P.new_identity("Bob")
    P.befriend(a, b)
    pa, pb = P.write_toxgui(a, tmp_path / "a.tox"), P.write_toxgui(b, tmp_path / "b.tox")
    ka, kb = a.public_key.hex().upper(), b.public_key.hex().upper()
    A, B = HeadlessProc(pa), HeadlessProc(pb)
    procs = [A, B]
    try:
        ra, rb = A.wait_event("ready"), B.wait_event("ready")
        A.send(command="conference_new", title="Zimmer ü")
        conf = A.wait_event("conference")
        cid = conf["conference_id"]
        assert len(cid) == 64 and conf["title"] == "Zimmer ü" and conf["connected"] is True
        # refused cleanly
        for cmd, fragment in (
            (dict(command="conference_invite", conference_id=cid, public_key=kb), "offline"),
            (dict(command="conference_invite", conference_id="00" * 32, public_key=kb), "no such conference"),
            (dict(command="conference_invite", conference_id=cid, public_key="00" * 32), "not a friend"),
            (dict(command="conference_send", conference_id=cid, text="x" * 1364), "at most 1363"),
            (dict(command="conference_send", conference_id=cid, text="alone"), "no member"),
            (dict(command="conference_send", conference_id=cid, text="hi", kind="shout"), "kind must be"),
            (dict(command="conference_set_title", conference_id=cid, title="t" * 129), "1 to 128"),
            (dict(command="conference_join", public_key=kb, invite="zz"), "hexadecimal"),
            (dict(command="conference_leave", conference_id="abc"), "64 hexadecimal"),
        ):
            A.send(**cmd)
            err = A.wait_event("error")
            assert fragment in err["message"], (cmd, err)

        _route(A, kb, rb)
        _route(B, ka, ra)
        _online(A, kb)
        _online(B, ka)
        A.send(command="conference_invite", conference_id=cid, public_key=kb)
        inv = B.wait_event("conference_invite")
        assert inv["public_key"] == ka and inv["conference_id"] == cid and len(inv["invite"]) == 70
        B.send(command="conference_join", public_key=ka, invite=inv["invite"])
        joined = B.wait_event("conference")
        assert joined["conference_id"] == cid
        B.wait_event(lambda e: e["event"] == "conference_title" and e["title"] == "Zimmer ü")
        both = {ka, kb}
        pb_list = _peers(B, cid, both)
        _peers(A, cid, both)
        assert {x["public_key"]: x["name"] for x in pb_list["peers"]}[ka] == "Alice"

        B.send(command="conference_send", conference_id=cid, text="hallo 👋")
        A.send(command="conference_send", conference_id=cid, text="winkt", kind="action")
        for p in procs:
            m = _message(p, cid, "hallo 👋")
            assert m["peer_public_key"] == kb and m["name"] == "Bob" and m["kind"] == "normal"
            m = _message(p, cid, "winkt")
            assert m["peer_public_key"] == ka and m["kind"] == "action"
        B.send(command="conference_set_title", conference_id=cid, title="Neu")
        A.wait_event(lambda e: e["event"] == "conference_title" and e["title"] == "Neu")

        # A restarts from its profile: back in the same conference, messages flow again
        A.send(command="quit")
        A.wait_event("quit")
        assert A.wait_exit() == 0
        _peers(B, cid, {kb})  # B saw A go (frozen: a member that quits is listed again when back)
        B.seen[:] = [e for e in B.seen if e.get("event") != "conference_peers"]
        A = HeadlessProc(pa)
        procs[0] = A
        ra = A.wait_event("ready")
        A.send(command="conferences")
        [listed] = A.wait_event("conferences")["conferences"]
        assert listed["conference_id"] == cid and listed["title"] == "Neu" and listed["connected"] is True
        _route(A, kb, rb)
        _route(B, ka, ra)
        _online(A, kb)
        _peers(A, cid, both, timeout=60)
        # the conference links are back on both sides (a message sent before that reaches no one)
        _link(A, cid, kb, True)
        _link(B, cid, ka, True)
        A.send(command="conference_send", conference_id=cid, text="wieder da")
        for p in procs:
            _message(p, cid, "wieder da")

        B.send(command="conference_leave", conference_id=cid)
        _peers(A, cid, {ka})
        for p in procs:
            p.send(command="quit")
            p.wait_event("quit")
            assert p.wait_exit() == 0
            # every message exactly once
            texts = [e["text"] for e in p.seen if e.get("event") == "conference_message"]
            assert texts == [], texts
    finally:
        for p in procs:
            p.stop()
