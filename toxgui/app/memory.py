"""Giving back the memory that start-up used and freed.

Importing a few hundred modules leaves holes all over the C heap: source text, syntax trees and
temporary objects, freed once the modules are built.  glibc keeps those pages mapped; malloc_trim(0)
hands every whole free page back to the system.  The headless front end does it once, a moment
after start-up (docs/benchmarks.md, memory: 1.1 MB of a 24 MB process).

The call goes through cffi's backend, which PyNaCl has already loaded: ctypes would cost 0.45 MB
(its module, `_ctypes` and libffi) to make one call.
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Callable

log = logging.getLogger(__name__)

TRIM_AFTER = 2.0  # s after start-up: the first connections' work is done by then


def trim_heap() -> bool:
    """Collect garbage cycles, then return the C heap's free pages to the system (glibc's
    malloc_trim).  False where there is no malloc_trim (not Linux, or not glibc)."""
    gc.collect()
    if not sys.platform.startswith("linux"):
        return False
    try:
        fn = _malloc_trim()
    except (ImportError, OSError, AttributeError):
        return False  # e.g. musl, which has no malloc_trim
    released = bool(fn(0))
    log.debug("malloc_trim: %s", "memory released" if released else "nothing to release")
    return released


def _malloc_trim() -> Callable[[int], int]:
    """`int malloc_trim(size_t pad)` from the process's own symbols, through the C-level API that
    cffi's `FFI.dlopen` is built on (cffi comes with PyNaCl; stable since cffi 1.0)."""
    import _cffi_backend as backend

    signature = backend.new_function_type(
        (backend.new_primitive_type("size_t"),), backend.new_primitive_type("int"), False)
    fn: Callable[[int], int] = backend.load_library(None).load_function(signature, "malloc_trim")
    return fn
