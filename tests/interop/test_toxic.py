"""A real client over a TCP relay: toxic 0.11.1 (Debian's, on its c-toxcore) with `-t` (TCP
only) and toxgui with `--no-udp`, friends already, both on tox-bootstrapd's relay.

- toxgui reports toxic online over `tcp`, and the relay is the one in its status;
- a message from toxgui shows on toxic's screen (with toxgui's receipt), and one typed in toxic
  arrives at toxgui.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from bench import profiles as P
from tests.app.headless_proc import HeadlessProc
from tests.interop.network import PORTS, Bootstrapd
from tests.interop.toxic import Toxic, require_toxic


def write_nodes(path: Path, bd: Bootstrapd) -> Path:
    """toxic's node list with just our tox-bootstrapd: JSON without spaces (toxic finds the fields
    by their text, `"ipv4":"`)."""
    now = int(time.time())
    path.write_text(json.dumps({"last_scan": now, "last_refresh": now, "nodes": [{
        "ipv4": "127.0.0.1", "ipv6": "-", "port": bd.port, "tcp_ports": [bd.tcp_port], "public_key": bd.public_key,
        "maintainer": "local", "location": "LO", "status_udp": True, "status_tcp": True, "version": "",
        "motd": "", "last_ping": now}]}, separators=(",", ":")))
    return path


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_toxic_over_tcp_only_chats_with_toxgui_without_udp(tmp_path: Path) -> None:
    require_toxic()
    # toxic 0.11.1 with -t gives c-toxcore each node's UDP port as its relay port (it never reads
    # "tcp_ports"), so the relay listens on the same number as the DHT
    port = PORTS.allocate()
    bd = Bootstrapd(tmp_path / "bd", port=port, tcp_relay=True, tcp_port=port)
    me, them = P.new_identity("toxgui-tcp"), P.new_identity("toxic-tcp")
    P.befriend(me, them)
    relay = f"127.0.0.1:{bd.tcp_port}:{bd.public_key}"
    h = HeadlessProc(P.write_toxgui(me, tmp_path / "toxgui.tox"), "--no-udp", "--tcp-relay", relay,
                     "--bootstrap", f"127.0.0.1:{bd.port}:{bd.public_key}")
    toxic = None
    try:
        h.wait_event("ready", 30)
        toxic = Toxic(tmp_path, P.write_ctox(them, tmp_path / "toxic.tox"), write_nodes(tmp_path / "nodes.json", bd),
                      "-t", limit=200)
        pk = them.public_key.hex().upper()
        ev = h.wait_event(lambda e: e["event"] == "friend_connection" and e["public_key"] == pk
                          and e["status"] != "none", 90)
        assert ev["status"] == "tcp"
        h.send(command="send", public_key=pk, text="hello toxic, over TCP")
        h.wait_event(lambda e: e["event"] == "receipt" and e["public_key"] == pk, 30)
        toxic.keys("C-p")  # toxic: to the contact list, where Enter opens the friend's chat
        toxic.wait_screen(r"Online: 1/1", 20)
        toxic.keys("Enter")
        toxic.wait_screen("hello toxic, over TCP", 20)
        toxic.keys("hello toxgui from toxic -t", "Enter")
        got = h.wait_event(lambda e: e["event"] == "message" and e["public_key"] == pk, 30)
        assert got["text"] == "hello toxgui from toxic -t"
        h.send(command="status")
        st = h.wait_event("status", 10)
        assert st["udp_enabled"] is False
        assert any(r["port"] == bd.tcp_port and r["state"] == "connected" for r in st["tcp_relays"]), st["tcp_relays"]
    finally:
        h.stop()
        if toxic is not None:
            toxic.stop()
        bd.stop()
