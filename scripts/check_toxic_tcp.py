"""A check against a real client over a TCP relay, run by hand (not in CI): toxic 0.11.1 with
`-t` (TCP only) and toxgui headless with `--no-udp`, both on tox-bootstrapd's relay.

The two are already friends (profiles written here); the script waits until toxgui reports the
friend online over TCP, sends a message to toxic (read from toxic's screen), types one in toxic
and waits for it at toxgui, and prints the times, toxgui's relay status and toxic's screen.  Needs
Debian's toxic, tmux and toxcore-utils, and must run in a private network namespace:

    sudo TOXGUI_NO_PUBLIC_BOOTSTRAP=1 TOXGUI_IN_NETNS=1 unshare -n sh -c \\
        'ip link set lo up && .venv/bin/python scripts/check_toxic_tcp.py'
"""
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import profiles as P
from scripts.toxic_tmux import Toxic
from tests.app.headless_proc import HeadlessProc
from tests.interop.network import PORTS, Bootstrapd

work = Path(tempfile.mkdtemp(prefix="toxic-tcp-"))
# toxic 0.11.1 with -t gives c-toxcore each node's UDP port as its relay port (it never reads
# "tcp_ports"), so the relay listens on the same number as the DHT
port = PORTS.allocate()
bd = Bootstrapd(work / "bd", port=port, tcp_relay=True, tcp_port=port)
now = int(time.time())
nodes = work / "nodes.json"
nodes.write_text(json.dumps({"last_scan": now, "last_refresh": now, "nodes": [{
    "ipv4": "127.0.0.1", "ipv6": "-", "port": bd.port, "tcp_ports": [bd.tcp_port], "public_key": bd.public_key,
    "maintainer": "local", "location": "LO", "status_udp": True, "status_tcp": True, "version": "", "motd": "",
    "last_ping": now}]}, separators=(",", ":")))
me, them = P.new_identity("toxgui-tcp"), P.new_identity("toxic-tcp")
P.befriend(me, them)
toxic_profile = P.write_ctox(them, work / "toxic.tox")
home = work / "home"
home.mkdir()
relay = f"127.0.0.1:{bd.tcp_port}:{bd.public_key}"
t_start = time.monotonic()
h = HeadlessProc(P.write_toxgui(me, work / "toxgui.tox"), "--no-udp", "--tcp-relay", relay,
                 "--bootstrap", f"127.0.0.1:{bd.port}:{bd.public_key}")
h.wait_event("ready")
toxic = Toxic(work, home, f"timeout --foreground 300 toxic -f {toxic_profile} -n {nodes} "
              "-c /work/shared/real-clients/toxic.conf -4 -L -t")
try:
    pk = them.public_key.hex().upper()
    ev = h.wait_event(lambda e: e["event"] == "friend_connection" and e["public_key"] == pk and e["status"] != "none",
                      90)
    print(f"toxgui: toxic online over {ev['status']} {time.monotonic() - t_start:.1f} s after the start")
    h.send(command="send", public_key=pk, text="hello toxic, over TCP ✓")
    h.wait_event("receipt", 30)
    toxic.keys("C-p")  # toxic: to the contact list; Enter opens the friend's chat window
    time.sleep(1)  # let toxic draw the list before the key (a terminal UI: no event)
    toxic.keys("Enter")
    toxic.wait_screen("hello toxic, over TCP", 20)
    print("toxic shows toxgui's message")
    toxic.keys("hello toxgui from toxic -t", "Enter")
    got = h.wait_event(lambda e: e["event"] == "message" and e["public_key"] == pk, 30)
    print("toxgui got:", got["text"])
    h.send(command="status")
    st = h.wait_event("status", 10)
    print("toxgui udp_enabled:", st["udp_enabled"], "relays:", st["tcp_relays"])
    print(toxic.screen()[-1200:])
finally:
    h.stop()
    toxic.stop()
    bd.stop()
