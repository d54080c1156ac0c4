"""A restart bootstraps from the DHT nodes the profile saved (c-toxcore's dht_connect_after_load):
with no --bootstrap given, public bootstrap forbidden and the bootstrap node gone, the node finds
the DHT again through the c-toxcore peers it knew, and saves the DHT it found."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.headless_proc import HeadlessProc
from tests.interop.network import LocalNetwork
from toxgui.core.savedata import SaveData


@pytest.mark.timeout(180)
def test_restart_bootstraps_from_saved_dht_nodes(local_network: LocalNetwork, tmp_path: Path) -> None:
    peers = [local_network.spawn_peer(f"dht{i}") for i in range(3)]
    peer_keys = {bytes.fromhex(p.dht_id) for p in peers}
    host, port, key = local_network.bootstrapd.node
    profile = tmp_path / "warm.tox"
    h = HeadlessProc(profile, "--bootstrap", f"{host}:{port}:{key}")
    try:
        h.wait_event("ready")
        h.wait_event(lambda e: e["event"] == "dht" and e["good"] >= 4, 30)  # bootstrapd and the peers
        h.send(command="quit")
        h.wait_event("quit")
        assert h.wait_exit() == 0
    finally:
        h.stop()
    saved = {n.public_key for n in SaveData.parse(profile.read_bytes()).dht_nodes}
    assert peer_keys <= saved, "the c-toxcore peers are among the saved DHT nodes"

    local_network.bootstrapd.stop()  # only the saved peers can answer now
    h = HeadlessProc(profile)  # no --bootstrap; TOXGUI_NO_PUBLIC_BOOTSTRAP=1 is set by HeadlessProc
    try:
        h.wait_event("ready")
        h.wait_event(lambda e: e["event"] == "dht" and e["good"] >= 2, 20)
        h.send(command="quit")
        h.wait_event("quit")
        assert h.wait_exit() == 0
    finally:
        h.stop()
    again = {n.public_key for n in SaveData.parse(profile.read_bytes()).dht_nodes}
    assert again & peer_keys, "the DHT found after the restart is saved again"
