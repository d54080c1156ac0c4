"""A check against a real client, run by hand (not in CI; tests/interop/test_toxic.py is): toxic 0.11.1 <-> toxgui headless.

On a local network (tox-bootstrapd and four toxgui filler nodes, all on 127.0.0.1), toxic adds
toxgui, toxgui accepts, a file goes each way (toxgui offers one, toxic takes it with /savefile;
toxic sends one with /sendfile, toxgui accepts it; both SHA-256s are printed), and toxgui quits:
prints how long toxic takes to show it online and then offline (toxgui sends a kill packet on every
session when it quits).  Needs Debian's toxic, tmux and
toxcore-utils, and must run in a private network namespace:

    sudo TOXGUI_NO_PUBLIC_BOOTSTRAP=1 unshare -n sh -c 'ip link set lo up && .venv/bin/python scripts/check_toxic.py'
"""
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.app.headless_proc import HeadlessProc
from tests.interop.toxic import Toxic
from toxgui.core.crypto import SystemRng
from toxgui.core.savedata import SaveData

work = Path(tempfile.mkdtemp(prefix="toxic-check-"))
(work / "bd").mkdir()
conf = work / "bd" / "bootstrapd.conf"
conf.write_text(f'''port = 33445
keys_file_path = "{work}/bd/keys"
pid_file_path = "{work}/bd/pid"
enable_ipv6 = false
enable_ipv4_fallback = true
enable_lan_discovery = false
enable_tcp_relay = false
tcp_relay_ports = []
enable_motd = false
motd = "local"
bootstrap_nodes = ( )
''')
bd = subprocess.Popen(["timeout", "-k", "5", "600", "tox-bootstrapd", f"--config={conf}", "--foreground",
                       "--log-backend=stdout"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
key = None
for line in bd.stdout:
    m = re.search(r"Public Key: ([0-9A-F]{64})", line)
    if m:
        key = m.group(1)
        break
print("bootstrapd key", key)
nodes = work / "nodes.json"
nodes.write_text(json.dumps({"last_scan": int(time.time()), "last_refresh": int(time.time()), "nodes": [{
    "ipv4": "127.0.0.1", "ipv6": "-", "port": 33445, "tcp_ports": [], "public_key": key, "maintainer": "local",
    "location": "LO", "status_udp": True, "status_tcp": False, "version": "", "motd": "", "last_ping": int(time.time())}]}, separators=(",", ":")))
toxic_profile = work / "toxic.tox"
sd = SaveData.new(SystemRng(), name=b"toxicuser")
toxic_profile.write_bytes(sd.to_bytes())

fillers = [HeadlessProc(work / f"filler{i}.tox", "--bootstrap", f"127.0.0.1:33445:{key}") for i in range(4)]
for f in fillers:
    f.wait_event("ready")
h = HeadlessProc(work / "toxgui.tox", "--bootstrap", f"127.0.0.1:33445:{key}")
ready = h.wait_event("ready")
h.send(command="set_name", name="toxgui-bot")
toxic = Toxic(work, toxic_profile, nodes)
try:
    time.sleep(8)  # toxic joins the DHT (it shows no reliable sign on screen)
    toxic.keys(f'/add {ready["tox_id"]} "hello from toxic"', "Enter")
    try:
        req = h.wait_event("friend_request", 60)
    except AssertionError:
        print(toxic.screen())
        raise
    print("toxgui got the request from toxic:", req["message"][:40])
    h.send(command="accept", public_key=req["public_key"])
    t0 = time.monotonic()
    h.wait_event(lambda e: e["event"] == "friend_connection" and e["status"] == "udp", 60)
    print(f"online {time.monotonic() - t0:.2f} s after accept")
    toxic.wait_screen("has come online", 20)
    # a file from toxgui to toxic: toxic saves it into its working folder (`work`)
    src = work / "from-toxgui.bin"
    src.write_bytes(os.urandom(300_000))
    h.send(command="send_file", public_key=req["public_key"], path=str(src))
    h.wait_event("file_sent", 10)
    toxic.keys("C-p")  # the contact list; Enter opens the friend's chat window, where the offer shows
    toxic.wait_screen(r"Online: 1/1", 20)
    toxic.keys("Enter")
    toxic.wait_screen(r"Type '/savefile 0'", 20)
    toxic.keys("/savefile 0", "Enter")
    done = h.wait_event(lambda e: e["event"] in ("file_done", "file_cancelled"), 60)
    toxic.wait_screen("successfully received", 20)
    got = next(p for p in work.glob("from-toxgui.bin?*"))
    print("toxgui -> toxic:", done["event"], done.get("sha256"), hashlib.sha256(got.read_bytes()).hexdigest())
    # a file from toxic to toxgui
    back = work / "from-toxic.bin"
    back.write_bytes(os.urandom(200_000))
    toxic.keys(f"/sendfile {back}", "Enter")
    offer = h.wait_event("file_request", 30)
    h.send(command="accept_file", public_key=req["public_key"], transfer=offer["transfer"],
           path=str(work / "got-from-toxic.bin"))
    done = h.wait_event(lambda e: e["event"] in ("file_done", "file_cancelled"), 60)
    print("toxic -> toxgui:", done["event"], done.get("sha256"), hashlib.sha256(back.read_bytes()).hexdigest())
    h.send(command="quit")
    t_quit = time.monotonic()
    h.wait_event("quit", 20)
    took = toxic.wait_screen(r"(?i)has gone offline|offline", 40)
    print(f"toxic showed toxgui offline {time.monotonic() - t_quit:.2f} s after quit (poll {took:.2f} s)")
    print(toxic.screen()[-1500:])
finally:
    h.stop()
    for f in fillers:
        f.stop()
    toxic.stop()
    bd.terminate()
    bd.wait(10)
