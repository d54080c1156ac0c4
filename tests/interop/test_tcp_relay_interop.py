"""toxgui as a TCP relay for c-toxcore clients (`--tcp-relay-port`).

Two c-toxcore peers with UDP off, whose only TCP relay is toxgui's, become friends and chat: each
announces itself and searches for the other on the onion through the relay (toxgui is node A of
every path; the bootstrap node and toxgui are B and C over UDP), finds the relay in the other's
DHT public-key announcement, and the session runs as routed data through the relay.  Nothing but
the relay joins them: neither has a UDP socket.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from tests.interop import ctox
from tests.interop.network import CToxPeer, LocalNetwork
from toxgui.app.service import ClientOptions, ToxClient
from toxgui.store.profile import Profile

TCP = int(ctox.Connection.TCP)


async def _wait(peer: CToxPeer, name: str, within: float, **fields: object) -> dict:
    return await asyncio.to_thread(peer.wait_event, name, within, **fields)


@pytest.mark.timeout(240)
async def test_two_tcp_only_ctoxcore_peers_chat_through_toxguis_relay(local_network: LocalNetwork,
                                                                       tmp_path: Path) -> None:
    boot = local_network.bootstrapd.node
    relay = ToxClient(Profile.create(tmp_path / "relay.tox", name="relay"),
                      ClientOptions(bind_host="127.0.0.1", ipv6=False, lan_discovery=False, persist_queue=False,
                                    bootstrap=[(boot[0], boot[1], bytes.fromhex(boot[2]))], tcp_relay_port=0))
    await relay.start()
    try:
        assert relay.tcp_relay is not None
        relay_node = ("127.0.0.1", relay.tcp_relay.port, relay.dht_key.hex())
        udp_node = ("127.0.0.1", relay.udp_port, relay.dht_key.hex())
        t0 = time.monotonic()
        a, b = [await asyncio.to_thread(local_network.spawn_peer, label, bootstrap=[udp_node], udp=False,
                                        tcp_relays=[relay_node]) for label in ("a", "b")]
        assert a.udp_port is None and b.udp_port is None  # no UDP socket at all
        fa = a.add_friend(b.tox_id, "over a relay")
        req = await _wait(b, "friend_request", 90, public_key=a.public_key)
        assert req["text"] == "over a relay"
        fb = await asyncio.to_thread(b.add_friend_norequest, a.public_key)
        await _wait(a, "friend_connection", 90, friend=fa, status=TCP)
        await _wait(b, "friend_connection", 90, friend=fb, status=TCP)
        took = time.monotonic() - t0
        for i in range(5):
            mid = a.send_message(fa, f"a->b {i} ✓")
            got = await _wait(b, "friend_message", 20, friend=fb)
            assert got["text"] == f"a->b {i} ✓"
            await _wait(a, "read_receipt", 20, friend=fa, message_id=mid)
            mid = b.send_message(fb, f"b->a {i}")
            got = await _wait(a, "friend_message", 20, friend=fa)
            assert got["text"] == f"b->a {i}"
            await _wait(b, "read_receipt", 20, friend=fb, message_id=mid)
        st = relay.tcp_relay.status()
        counters = relay.tcp_relay.server.counters
        print(f"\nrelay: {st}; friends online over TCP {took:.1f} s after start; counters {dict(counters)}")
        assert st["clients"] == 2 and st["links"] >= 1
        assert counters["onion requests"] > 0 and counters["onion replies"] > 0
        assert counters["routed"] >= 20  # 10 messages and 10 receipts at least, as routed data
        assert relay.node.stats.internal_errors == 0
        assert not any(k.startswith("closed:") for k in counters), dict(counters)
    finally:
        await relay.stop()
        relay.profile.close()
