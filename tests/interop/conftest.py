"""Gates and fixtures for the c-toxcore interop tests.

- Every test under tests/interop is marked `interop`.
- Without libtoxcore.so.2 / tox-bootstrapd they are skipped, unless TOXGUI_REQUIRE_INTEROP=1,
  then they fail.
- As root outside the private network namespace of scripts/run-tests.sh they fail before any
  c-toxcore starts (c-toxcore binds every interface): run them via `make test`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.interop import ctox
from tests.interop.network import (
    bootstrapd,
    ctox_peers,
    local_network,
    missing_tools,
    network_unsafe_reason,
)

__all__ = ["bootstrapd", "ctox_peers", "local_network"]

_HERE = Path(__file__).parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _HERE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.interop)


@pytest.fixture(autouse=True)
def _interop_gate() -> None:
    missing = missing_tools()
    if missing:
        message = "c-toxcore interop needs: " + ", ".join(missing)
        if os.environ.get("TOXGUI_REQUIRE_INTEROP") == "1":
            pytest.fail(message + " (TOXGUI_REQUIRE_INTEROP=1)", pytrace=False)
        pytest.skip(message)
    try:
        ctox.check_version()
    except (OSError, RuntimeError) as e:
        if os.environ.get("TOXGUI_REQUIRE_INTEROP") == "1":
            pytest.fail(str(e), pytrace=False)
        pytest.skip(str(e))
    reason = network_unsafe_reason()
    if reason is not None:
        pytest.fail(reason, pytrace=False)
