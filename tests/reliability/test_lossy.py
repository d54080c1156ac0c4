"""20% random UDP loss: toxgui<->toxgui find each other through the onion at that loss (no
address given), and toxgui<->toxgui and toxgui<->c-toxcore deliver 1000 messages each way
exactly once and in order.

The scenario (tests/reliability/lossy_scenario.py) runs as one subprocess inside a nested private
network namespace (`unshare -n`, only `lo`), whose nftables input hook drops 20% of UDP datagrams
at random.  Needs root (CI runs as root); skipped otherwise.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability.common import random_udp_loss_setup, run_scenario_in_netns

COUNT = 1000
LOSS_PERCENT = 20
SETUP = random_udp_loss_setup(LOSS_PERCENT, drop=False)  # the scenario starts the drop


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_messages_exactly_once_in_order_at_20_percent_loss(tmp_path: Path) -> None:
    r = run_scenario_in_netns("tests.reliability.lossy_scenario",
                              [str(COUNT), str(tmp_path / "work"), str(LOSS_PERCENT)], SETUP,
                              timeout=560)
    nft = r["nft"]
    loss = nft["dropped"] / nft["seen"]
    assert 0.15 < loss < 0.25, nft
    # online through the onion alone, A and B at the loss
    assert set(r["connect_s"]) == {"toxgui<->c-toxcore, before the loss", "toxgui<->toxgui, at the loss"}
    for pair in ("toxgui<->toxgui", "toxgui<->c-toxcore"):
        for direction, d in r[pair].items():
            assert d["exactly_once_in_order"], (pair, direction, d)
    assert r["toxgui_internal_errors"] == 0
