"""The NAT lab (tests/natlab/lab.py): two friends in homes behind NAT routers reach each other,
for each kind of NAT and each pair of implementations, c-toxcore<->c-toxcore being the reference.

- cone (port-preserving masquerade on both routers), symmetric (router 1 picks a new port per
  destination), udp-blocked (router 1 drops all UDP): every pair comes online, and with UDP
  blocked it is over the TCP relay on both sides.
- cone: a session that first comes up over the relay moves to direct UDP (hole punching) within
  a minute, on both sides.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.reliability.common import run_scenario_in_netns

PAIRS = [("toxgui", "toxgui"), ("toxgui", "c-toxcore"), ("c-toxcore", "c-toxcore")]


@pytest.mark.slow
@pytest.mark.timeout(200)
@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: f"{p[0]}-{p[1]}")
@pytest.mark.parametrize("case", ["cone", "symmetric", "udp-blocked"])
def test_friends_behind_nats_come_online(case: str, pair: tuple[str, str], tmp_path: Path) -> None:
    if shutil.which("nsenter") is None:
        pytest.skip("needs nsenter")
    later = "60" if case == "cone" else "0"
    r = run_scenario_in_netns("tests.natlab.lab", [case, *pair, str(tmp_path), later], setup='exec "$@"',
                              timeout=180, extra_env={"TOXGUI_NAT_LAB": "1"})
    transports = {r["side1"]["first_transport"], r["side2"]["first_transport"]}
    assert transports <= {"udp", "tcp"}
    if case == "udp-blocked":
        assert transports == {"tcp"}
    assert r["online_s"] < 60
    if case == "cone":
        assert [r[s].get("later", r[s]["first_transport"]) for s in ("side1", "side2")] == ["udp", "udp"]
