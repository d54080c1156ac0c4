"""A session through a TCP relay moves to direct UDP once the UDP path opens, without losing or
repeating a message (toxgui and a c-toxcore peer; the scenario is
tests/reliability/relay_to_udp_scenario.py, run in a nested private network namespace whose
nftables rule blocks UDP between the two until half of a 200-message stream went)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reliability.common import need_root_netns


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_a_relayed_session_moves_to_udp_when_the_path_opens(tmp_path: Path) -> None:
    need_root_netns()
    if shutil.which("nft") is None or shutil.which("unshare") is None:
        pytest.skip("needs nft and unshare")
    env = {**os.environ, "TOXGUI_IN_NETNS": "1", "TOXGUI_NO_PUBLIC_BOOTSTRAP": "1"}
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run(
        ["unshare", "-n", "--", "sh", "-c", 'ip link set lo up && exec "$@"', "sh", sys.executable, "-m",
         "tests.reliability.relay_to_udp_scenario", str(tmp_path)],
        capture_output=True, text=True, timeout=280, env=env, cwd=root,
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    assert lines, f"no result (status {proc.returncode}); stderr:\n{proc.stderr[-3000:]}"
    r = json.loads(lines[-1])
    print("\n" + json.dumps(r, indent=1))
    assert "error" not in r, r["error"]
    assert r["first_transport"] == ["tcp"]  # through the relay while UDP was blocked
    assert r["dropped_while_blocked"] > 0  # the rule did drop UDP between them
    assert r["ctoxcore_udp"] and r["udp_after_unblock_s"] < 60
    assert r["exactly_once_in_order"] and r["messages"] == 200
    assert r["internal_errors"] == 0
