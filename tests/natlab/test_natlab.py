"""The NAT lab (tests/natlab/lab.py): two friends in homes behind NAT routers reach each other,
for each kind of NAT and each pair of implementations, c-toxcore<->c-toxcore being the reference.

- cone (port-preserving masquerade on both routers), symmetric (router 1 picks a new port per
  destination), udp-blocked (router 1 drops all UDP): every pair comes online, and with UDP
  blocked it is over the TCP relay on both sides.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reliability.common import need_root_netns

PAIRS = [("toxgui", "toxgui"), ("toxgui", "c-toxcore"), ("c-toxcore", "c-toxcore")]


@pytest.mark.slow
@pytest.mark.timeout(200)
@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: f"{p[0]}-{p[1]}")
@pytest.mark.parametrize("case", ["cone", "symmetric", "udp-blocked"])
def test_friends_behind_nats_come_online(case: str, pair: tuple[str, str], tmp_path: Path) -> None:
    need_root_netns()
    if shutil.which("nft") is None or shutil.which("nsenter") is None:
        pytest.skip("needs nft and nsenter")
    env = {**os.environ, "TOXGUI_IN_NETNS": "1", "TOXGUI_NO_PUBLIC_BOOTSTRAP": "1", "TOXGUI_NAT_LAB": "1"}
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run(["unshare", "-n", sys.executable, "-m", "tests.natlab.lab", case, *pair, str(tmp_path)],
                          capture_output=True, text=True, timeout=180, env=env, cwd=root)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    assert lines, f"no result (status {proc.returncode}); stderr:\n{proc.stderr[-3000:]}"
    r = json.loads(lines[-1])
    print("\n" + json.dumps(r))
    assert "error" not in r, r["error"]
    transports = {r["side1"]["first_transport"], r["side2"]["first_transport"]}
    assert transports <= {"udp", "tcp"}
    if case == "udp-blocked":
        assert transports == {"tcp"}
    assert r["online_s"] < 60
