"""A friend-request flood (1000 requests from 1000 keys) at a toxgui node: memory stays bounded,
nothing breaks, and a later genuine request (through the onion, via a tox-bootstrapd) still
arrives and can be accepted.

The flood is real wire traffic: 0x86 onion data packets, each from a fresh sender key, sealed to
the node's onion data key, sent over UDP on 127.0.0.1.  Needs the private network namespace
(tox-bootstrapd); skipped without root.
"""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

import pytest

from tests.interop.network import Bootstrapd
from tests.reliability.common import need_root_netns, rss_mb, send_paced, wait_for
from toxgui.app.service import ClientOptions, ToxClient
from toxgui.core.crypto import KeyPair, SystemRng
from toxgui.core.events import Event, FriendConnection, FriendRequest
from toxgui.core.friend_requests import MAX_PENDING
from toxgui.core.packets import onion as OP
from toxgui.core.packets.dhtpk import FriendRequest as FriendRequestPacket
from toxgui.store.profile import Profile

FLOOD = 1000


def _client(path: Path, bd: Bootstrapd) -> ToxClient:
    prof = Profile.create(path, name=path.stem)
    return ToxClient(prof, ClientOptions(bind_host="127.0.0.1", ipv6=False, lan_discovery=False,
                                         bootstrap=[(bd.host, bd.port, bd.public_key_bytes)]))


def flood_packets(target: ToxClient, n: int, seed: int) -> list[bytes]:
    r = random.Random(seed)
    rng = SystemRng()
    data_pk = target.node.onion.client.data_keys.public
    out = []
    for i in range(n):
        req = OP.seal_onion_data_request(
            dest_real_pk=target.public_key, dest_data_pk=data_pk, sender=KeyPair.generate(rng),
            eph=KeyPair.generate(rng), nonce=rng.bytes(24),
            payload=FriendRequestPacket(target.profile.savedata.nospam,
                                        f"flood {i} ".encode() + r.randbytes(r.randrange(0, 900)).hex()[:900].encode()
                                        ).encode(),
        )
        out.append(req.to_response())
    return out


@pytest.mark.timeout(180)
async def test_friend_request_flood_then_a_genuine_request(tmp_path: Path) -> None:
    need_root_netns()
    bd = Bootstrapd(tmp_path / "bootstrapd")
    a = _client(tmp_path / "target.tox", bd)
    c = _client(tmp_path / "genuine.tox", bd)
    events: dict[str, list[Event]] = {"A": [], "C": []}
    a.subscribe(events["A"].append)
    c.subscribe(events["C"].append)
    try:
        await a.start()
        await c.start()
        packets = flood_packets(a, FLOOD, 5)
        rss0 = rss_mb()
        it = iter(packets)
        sent = await send_paced(("127.0.0.1", a.udp_port), lambda: next(it), FLOOD, batch=20,
                                progress=lambda: a.node.stats.received, max_backlog=200, limit=60)
        fr = a.node.friend_requests
        await wait_for(lambda: fr.counters["received"] + fr.counters["duplicate"] >= FLOOD * 0.99, 30,
                       "the flood to be handled")
        peak = rss_mb()
        flood_events = sum(isinstance(e, FriendRequest) for e in events["A"])
        print(f"\nflood: {sent} requests sent, {fr.counters['received']} taken, {flood_events} events, "
              f"{len(fr.pending)} pending (bound {MAX_PENDING}); RSS {rss0:.1f} -> {peak:.1f} MB; "
              f"internal errors {a.node.stats.internal_errors}")
        assert len(fr.pending) <= MAX_PENDING
        assert a.node.stats.internal_errors == 0
        assert peak - rss0 < 30
        # A genuine request afterwards arrives and can be accepted; the friends connect.
        loop = asyncio.get_running_loop()
        t0 = loop.time()
        c.add_friend(str(a.tox_id), "a genuine request")
        await wait_for(lambda: any(isinstance(e, FriendRequest) and e.public_key == c.public_key
                                   for e in events["A"]), 60, "the genuine request")
        t_req = loop.time() - t0
        a.accept_request(c.public_key)
        await wait_for(lambda: any(isinstance(e, FriendConnection) and e.status == "udp" for e in events["A"])
                       and any(isinstance(e, FriendConnection) and e.status == "udp" for e in events["C"]),
                       60, "the friends to connect")
        print(f"genuine request arrived {t_req:.1f} s after it was sent; online {loop.time() - t0:.1f} s after")
        assert a.node.stats.internal_errors == 0 and c.node.stats.internal_errors == 0
    finally:
        for cl in (a, c):
            try:
                await cl.stop()
            finally:
                cl.profile.close()
        bd.stop()
