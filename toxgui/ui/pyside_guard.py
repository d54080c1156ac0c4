"""Guard against a reference-count bug in PySide6 6.12.0 on Python 3.10/3.11.

With that wheel (cp310-abi3), every call of a C++ method that returns nothing (``w.update()``,
``label.setText()``, ``QTimer.singleShot(...)``, ...) and every ``index.data()`` that yields None
hands back ``None`` without taking a reference. Each such call therefore drops None's reference
count by one; after a few thousand calls it reaches zero and the interpreter aborts with
"none_dealloc: deallocating None". PySide6 6.11.3 does not have the bug, and from Python 3.12
None is immortal (PEP 683), so neither is affected. The real fix is to avoid PySide6 6.12.0 on
Python < 3.12.

`install` measures whether calls leak and, only then, gives None a very large number of extra
references (CPython keeps the count in the object's first field), so the count cannot reach zero
in any realistic session. None is a static object that is never freed, so nothing is lost.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject

log = logging.getLogger(__name__)

EXTRA_REFS = 1 << 40
_installed = False


def leaks_none() -> bool:
    """True when calling a void C++ method drops a reference to None (measured, not guessed)."""
    if sys.version_info >= (3, 12):
        return False
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(64):
        probe.setObjectName("probe")
    return sys.getrefcount(None) - before <= -32


def install(app: object | None = None) -> bool:
    """Protect None if this PySide6 leaks references to it; returns whether the guard is on."""
    global _installed
    if _installed:
        return True
    if sys.implementation.name != "cpython" or not leaks_none():
        return False
    log.warning(
        "PySide6 on Python %d.%d leaks references to None; protecting None (use PySide6 != 6.12.0)",
        *sys.version_info[:2],
    )
    ctypes.c_ssize_t.from_address(id(None)).value += EXTRA_REFS
    _installed = True
    return True
