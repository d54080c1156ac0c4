"""Giving back the memory that start-up used and freed.

Importing a few hundred modules leaves holes all over the C heap: source text, syntax trees and
temporary objects, freed once the modules are built.  glibc keeps those pages mapped; malloc_trim(0)
hands every whole free page back to the system.  The headless front end does it once, a moment
after start-up (docs/benchmarks.md, memory: 1.1 MB of a 24 MB process, for 0.35 MB of ctypes).
"""

from __future__ import annotations

import gc
import logging
import sys

log = logging.getLogger(__name__)

TRIM_AFTER = 2.0  # s after start-up: the first connections' work is done by then


def trim_heap() -> bool:
    """Collect garbage cycles, then return the C heap's free pages to the system (glibc's
    malloc_trim).  False where there is no malloc_trim (not Linux, or not glibc)."""
    gc.collect()
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes  # here: 0.35 MB, paid only where the trim is possible

        fn = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return False  # e.g. musl, which has no malloc_trim
    fn.argtypes = [ctypes.c_size_t]
    fn.restype = ctypes.c_int
    released = bool(fn(0))
    log.debug("malloc_trim: %s", "memory released" if released else "nothing to release")
    return released
