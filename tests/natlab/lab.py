"""The NAT lab: two homes behind routers, an "internet" with a tox-bootstrapd (and its TCP
relay), and two friends, one in each home, timed from start to online.

    unshare -n python -m tests.natlab.lab CASE KIND_A KIND_B WORKDIR [LATER]     (as root)

CASE: `cone` (both routers masquerade and keep ports: hole punching works), `symmetric` (router 1
picks a new port per destination: `masquerade random,fully-random`), `udp-blocked` (router 1 drops
all forwarded UDP: only TCP gets out).  KIND: `toxgui` (headless) or `c-toxcore` (the harness
peer, hole punching on).  Prints one JSON line: the transport each side reports and the seconds
from start to both online; with LATER > 0, also whether a relayed side moves to UDP within LATER s.

Safe by construction (../shared/ctoxcore-testing-notes.md, "A NAT lab"): everything runs inside
the private namespace this process was started in, which has no uplink; the inner namespaces are
held by `sleep` processes and go when they are killed; the only addresses are in 198.18.0.0/15.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

INTERNET = "198.18.0.1"
CASES = ("cone", "symmetric", "udp-blocked")
# A home router answers nothing on its WAN side. Without this, a hole-punching packet that reaches
# the router before its friend's own packet has left is taken by the router itself, and the
# conntrack entry this creates keeps the port: the outgoing packet is then given another source
# port and the hole never opens (the entry is refreshed by every later punch).  Dropped in the
# input hook, the packet's conntrack entry is never confirmed.
ROUTER_INPUT = ("nft add table inet home; nft add chain inet home input '{{ type filter hook input priority 0; }}'; "
                "nft add rule inet home input iifname {wan} ct state established,related accept; "
                "nft add rule inet home input iifname {wan} drop")


def sh(script: str, ns: int | None = None) -> None:
    argv = ["sh", "-ec", script] if ns is None else ["nsenter", "-t", str(ns), "-n", "sh", "-ec", script]
    subprocess.run(argv, check=True, timeout=20)


class Lab:
    def __init__(self, case: str) -> None:
        if case not in CASES:
            raise ValueError(case)
        self.holders: list[subprocess.Popen[bytes]] = []
        # the internet's nodes (tox-bootstrapd and more DHT nodes) live at 198.18.0.1
        sh(f"ip link set lo up; sysctl -qw net.ipv4.ip_forward=1; ip addr add {INTERNET}/32 dev lo")
        self.homes: list[int] = []
        for i in (1, 2):
            router, home = self._ns(), self._ns()
            wan, rwan, rlan, heth = f"wan{i}", f"r{i}wan", f"r{i}lan", f"h{i}eth"
            sh(f"ip link add {wan} type veth peer name {rwan}; ip link set {rwan} netns {router}\n"
               f"ip addr add 198.18.{i}.1/24 dev {wan}; ip link set {wan} up\n"
               # the internet's nodes live at 198.18.0.1: their answers must come from there, not
               # from this link's own address, or the router's conntrack does not match them
               f"ip route replace 198.18.{i}.0/24 dev {wan} src {INTERNET}\n"
               f"ip link add {rlan} type veth peer name {heth}; ip link set {rlan} netns {router}\n"
               f"ip link set {heth} netns {home}")
            masq = "masquerade random,fully-random" if (case == "symmetric" and i == 1) else "masquerade"
            block = ("nft add table inet fw; nft add chain inet fw block '{ type filter hook forward priority 0; }'; "
                     "nft add rule inet fw block meta l4proto udp drop") if (case == "udp-blocked" and i == 1) else "true"
            sh(f"ip link set lo up; ip addr add 198.18.{i}.2/24 dev {rwan}; ip link set {rwan} up\n"
               f"ip route add default via 198.18.{i}.1\n"
               f"ip addr add 198.19.{i}.1/24 dev {rlan}; ip link set {rlan} up; sysctl -qw net.ipv4.ip_forward=1\n"
               "nft add table ip nat; nft add chain ip nat post '{ type nat hook postrouting priority 100; }'\n"
               f"nft add rule ip nat post oifname {rwan} {masq}\n{block}\n{ROUTER_INPUT.format(wan=rwan)}", router)
            sh(f"ip link set lo up; ip addr add 198.19.{i}.2/24 dev {heth}; ip link set {heth} up\n"
               f"ip route add default via 198.19.{i}.1", home)
            self.homes.append(home)

    def _ns(self) -> int:
        p = subprocess.Popen(["unshare", "-n", "sleep", "600"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.holders.append(p)
        deadline = time.monotonic() + 5
        own = os.readlink("/proc/self/ns/net")
        while os.readlink(f"/proc/{p.pid}/ns/net") == own:  # until unshare has made the namespace
            if time.monotonic() > deadline:
                raise RuntimeError("unshare did not start")
            time.sleep(0.01)  # a few ms, once per namespace: no event to wait on
        return p.pid

    def close(self) -> None:
        for p in self.holders:
            p.kill()
            p.wait(5)


def run(case: str, kinds: tuple[str, str], workdir: Path, later: float = 0.0) -> dict[str, Any]:
    from bench import profiles as P
    from tests.app.headless_proc import HeadlessProc
    from tests.interop.network import Bootstrapd, CToxPeer

    lab = Lab(case)
    procs: list[Any] = []
    try:
        bd = Bootstrapd(workdir / "bd", tcp_relay=True)
        # four more DHT nodes on the internet side: hole punching needs at least 4 nodes that report
        # the friend's public address (c-toxcore MAX_FRIEND_CLIENTS / 2)
        for i in range(4):
            procs.append(Bootstrapd(workdir / f"dht{i}", nodes=[(INTERNET, bd.port, bd.public_key)]))
        node = f"{INTERNET}:{bd.port}:{bd.public_key}"
        relay = f"{INTERNET}:{bd.tcp_port}:{bd.public_key}"
        a, b = P.new_identity("A"), P.new_identity("B")
        P.befriend(a, b)
        start = time.time()
        sides: list[dict[str, Any]] = []
        for i, (kind, ident, other) in enumerate(((kinds[0], a, b), (kinds[1], b, a))):
            ns = ["nsenter", "-t", str(lab.homes[i]), "-n"]
            if kind == "toxgui":
                path = P.write_toxgui(ident, workdir / f"{i}.tox")
                h = HeadlessProc(path, "--bind", "0.0.0.0", "--bootstrap", node, "--tcp-relay", relay,
                                 command=[*ns, sys.executable, "-m", "toxgui"])
                procs.append(h)
                sides.append({"kind": kind, "h": h, "friend": other.public_key.hex().upper()})
            else:
                path = P.write_ctox(ident, workdir / f"{i}.save")
                p = CToxPeer(bootstrap=[(INTERNET, bd.port, bd.public_key)], savedata_file=path,
                             tcp_relays=[(INTERNET, int(bd.tcp_port or 0), bd.public_key)], hole_punching=True,
                             prefix=ns, label=f"ct{i}", log_dir=workdir, port=33445 + i)
                procs.append(p)
                sides.append({"kind": kind, "p": p, "friend": other.public_key.hex().upper()})
        out: dict[str, Any] = {"case": case, "pair": f"{kinds[0]}<->{kinds[1]}"}
        online = []
        for i, s in enumerate(sides):
            if s["kind"] == "toxgui":
                ev = s["h"].wait_event(lambda e, s=s: e.get("event") == "friend_connection"
                                       and e.get("public_key") == s["friend"] and e.get("status") != "none", 90)
                transport = ev["status"]
            else:
                ev = s["p"].wait_event(lambda e, s=s: e.get("event") == "friend_connection"
                                       and e.get("public_key") == s["friend"] and e.get("status") in (1, 2), 90)
                transport = {1: "tcp", 2: "udp"}[ev["status"]]
            online.append(float(ev["t"]))
            out[f"side{i + 1}"] = {"kind": s["kind"], "first_transport": transport}
        out["online_s"] = round(max(online) - start, 2)
        # given time, does a relayed session find a direct path (hole punching)?
        deadline = time.monotonic() + later
        for i, s in enumerate(sides):
            if later <= 0 or out[f"side{i + 1}"]["first_transport"] == "udp":
                continue
            left = max(0.1, deadline - time.monotonic())
            try:
                if s["kind"] == "toxgui":
                    ev = s["h"].wait_event(lambda e, s=s: e.get("event") == "friend_connection"
                                           and e.get("public_key") == s["friend"] and e.get("status") == "udp", left)
                else:
                    ev = s["p"].wait_event(lambda e, s=s: e.get("event") == "friend_connection"
                                           and e.get("public_key") == s["friend"] and e.get("status") == 2, left)
                out[f"side{i + 1}"]["later"] = "udp"
                out[f"side{i + 1}"]["udp_s"] = round(float(ev["t"]) - start, 2)
            except AssertionError:
                out[f"side{i + 1}"]["later"] = "tcp"
        return out
    finally:
        for pr in procs:
            pr.stop()
        try:
            bd.stop()
        except UnboundLocalError:
            pass
        lab.close()


if __name__ == "__main__":
    os.environ["TOXGUI_NAT_LAB"] = "1"
    os.environ.setdefault("TOXGUI_IN_NETNS", "1")
    os.environ.setdefault("TOXGUI_NO_PUBLIC_BOOTSTRAP", "1")
    try:
        result = run(sys.argv[1], (sys.argv[2], sys.argv[3]), Path(sys.argv[4]),
                     float(sys.argv[5]) if len(sys.argv) > 5 else 0.0)
    except Exception as e:
        result = {"error": f"{type(e).__name__}: {e}"}
    print(json.dumps(result), flush=True)
