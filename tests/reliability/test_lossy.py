"""20% random UDP loss: toxgui<->toxgui and toxgui<->c-toxcore deliver 1000 messages each way
exactly once and in order.

The scenario (tests/reliability/lossy_scenario.py) runs as one subprocess inside a nested private
network namespace (`unshare -n`, only `lo`), whose nftables input hook drops 20% of UDP datagrams
at random.  Needs root (CI runs as root); skipped otherwise.
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

COUNT = 1000
LOSS_PERCENT = 20
SETUP = f"""ip link set lo up
nft add table inet lossy
nft add chain inet lossy in '{{ type filter hook input priority 0; }}'
nft add rule inet lossy in meta l4proto udp counter
nft add rule inet lossy in meta l4proto udp numgen random mod 100 '<' {LOSS_PERCENT} counter drop
exec "$@"
"""


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_messages_exactly_once_in_order_at_20_percent_loss(tmp_path: Path) -> None:
    need_root_netns()
    if shutil.which("nft") is None or shutil.which("unshare") is None:
        pytest.skip("needs nft and unshare")
    env = {**os.environ, "TOXGUI_IN_NETNS": "1", "TOXGUI_NO_PUBLIC_BOOTSTRAP": "1"}
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run(
        ["unshare", "-n", "--", "sh", "-c", SETUP, "sh", sys.executable, "-m", "tests.reliability.lossy_scenario",
         str(COUNT), str(tmp_path / "work")],
        capture_output=True, text=True, timeout=560, env=env, cwd=root,
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    assert lines, f"no result (status {proc.returncode}); stderr:\n{proc.stderr[-3000:]}"
    r = json.loads(lines[-1])
    print("\n" + json.dumps(r, indent=1))
    assert "error" not in r, r.get("error")
    nft = r["nft"]
    loss = nft["dropped"] / nft["seen"]
    assert 0.15 < loss < 0.25, nft
    for pair in ("toxgui<->toxgui", "toxgui<->c-toxcore"):
        for direction, d in r[pair].items():
            assert d["exactly_once_in_order"], (pair, direction, d)
    assert r["toxgui_internal_errors"] == 0
