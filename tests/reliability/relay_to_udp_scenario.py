"""A session that starts through a TCP relay and moves to direct UDP when the path opens.

    python -m tests.reliability.relay_to_udp_scenario WORKDIR

Runs inside a private network namespace of its own (tests/reliability/test_relay_to_udp.py):
tox-bootstrapd with its relay, a c-toxcore peer and toxgui, both with UDP on and both on the
relay; an nftables rule drops UDP between the two, so their session runs through the relay.  Half
of a 200-message stream goes, the rule is deleted, the rest goes; prints one JSON line: transports
seen, when UDP took over, and whether every message arrived once, in order.
"""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
import time
from pathlib import Path

from tests.interop.network import LocalNetwork
from toxgui.app.service import ClientOptions, ToxClient
from toxgui.core.events import Event, FriendConnection
from toxgui.store.profile import Profile

COUNT = 200


def nft(*script: str) -> None:
    subprocess.run(["nft", *script], check=True)


async def wait_until(cond: object, within: float, what: str, changed: asyncio.Event) -> None:
    deadline = time.monotonic() + within
    while not cond():  # type: ignore[operator]
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(what)
        changed.clear()
        try:
            await asyncio.wait_for(changed.wait(), min(left, 0.5))
        except TimeoutError:
            pass


async def main(workdir: Path) -> dict[str, object]:
    net = LocalNetwork(workdir / "net", tcp_relay=True)
    client = None
    try:
        bd = net.bootstrapd
        key = bytes.fromhex(bd.public_key)
        peer = net.spawn_peer("c", tcp_relays=[(bd.host, bd.tcp_port, bd.public_key)])
        client = ToxClient(Profile.create(workdir / "me.tox", name="toxgui"),
                           ClientOptions(bind_host="127.0.0.1", ipv6=False, lan_discovery=False, persist_queue=False,
                                         bootstrap=[(bd.host, bd.port, key)],
                                         tcp_relays=[(bd.host, int(bd.tcp_port or 0), key)]))
        events: list[tuple[float, Event]] = []
        changed = asyncio.Event()

        def on(ev: Event) -> None:
            events.append((time.monotonic(), ev))
            changed.set()

        client.subscribe(on)
        await client.start()
        tg, ct = client.udp_port, peer.udp_port
        nft("add", "table", "inet", "block")
        nft("add", "chain", "inet", "block", "in", "{ type filter hook input priority 0; }")
        nft("add", "rule", "inet", "block", "in", "udp", "sport", str(tg), "udp", "dport", str(ct), "counter", "drop")
        nft("add", "rule", "inet", "block", "in", "udp", "sport", str(ct), "udp", "dport", str(tg), "counter", "drop")
        ppk = bytes.fromhex(peer.public_key)
        client.add_friend(peer.tox_id, "relay first")
        await asyncio.to_thread(peer.wait_event, "friend_request", 90)
        fnum = await asyncio.to_thread(peer.add_friend_norequest, client.public_key.hex())
        await wait_until(lambda: client.node.messenger.is_online(ppk), 90, "online", changed)
        first = [e.status for _, e in events if isinstance(e, FriendConnection) and e.public_key == ppk]
        texts = [f"switch {i:03d}" for i in range(COUNT)]
        for t in texts[:COUNT // 2]:
            client.send_message(peer.public_key, t)
        await asyncio.to_thread(peer.wait_event, "friend_message", 30, text=texts[COUNT // 2 - 1])
        blocked = subprocess.run(["nft", "list", "table", "inet", "block"],  # noqa: ASYNC221 (an instant)
                                 capture_output=True, text=True).stdout
        nft("delete", "table", "inet", "block")
        opened = time.monotonic()
        for t in texts[COUNT // 2:]:
            client.send_message(peer.public_key, t)
        await wait_until(lambda: any(isinstance(e, FriendConnection) and e.public_key == ppk and e.status == "udp"
                                     and at > opened for at, e in events), 90, "UDP direct", changed)
        udp_after = next(at for at, e in events if isinstance(e, FriendConnection) and e.status == "udp"
                         and at > opened) - opened
        await asyncio.to_thread(peer.wait_event, "friend_message", 60, text=texts[-1])
        got = [e["text"] for e in peer.find_events("friend_message", friend=fnum)]
        ct_udp = await asyncio.to_thread(peer.wait_event, "friend_connection", 60, friend=fnum, status=2)
        return {
            "first_transport": first, "udp_after_unblock_s": round(udp_after, 2),
            "ctoxcore_udp": ct_udp["status"] == 2, "messages": len(got), "exactly_once_in_order": got == texts,
            "dropped_while_blocked": sum(int(n) for n in re.findall(r"counter packets (\d+)", blocked)),
            "internal_errors": client.node.stats.internal_errors,
        }
    finally:
        if client is not None:
            await client.stop()
            client.profile.close()
        net.close()


if __name__ == "__main__":
    try:
        out = asyncio.run(main(Path(sys.argv[1])))
    except Exception as e:  # reported to the test, which fails with it
        out = {"error": f"{type(e).__name__}: {e}"}
    print(json.dumps(out), flush=True)
