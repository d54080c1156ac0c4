"""A session through a TCP relay moves to direct UDP once the UDP path opens, without losing or
repeating a message (toxgui and a c-toxcore peer; the scenario is
tests/reliability/relay_to_udp_scenario.py, run in a nested private network namespace whose
nftables rule blocks UDP between the two until half of a 200-message stream went)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability.common import run_scenario_in_netns


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_a_relayed_session_moves_to_udp_when_the_path_opens(tmp_path: Path) -> None:
    r = run_scenario_in_netns("tests.reliability.relay_to_udp_scenario", [str(tmp_path)])
    assert r["first_transport"] == ["tcp"]  # through the relay while UDP was blocked
    assert r["dropped_while_blocked"] > 0  # the rule did drop UDP between them
    assert r["ctoxcore_udp"] and r["udp_after_unblock_s"] < 60
    assert r["exactly_once_in_order"] and r["messages"] == 200
    assert r["internal_errors"] == 0
