"""toxgui.app.memory: the free pages left in the C heap go back to the system."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
from toxgui.app.memory import trim_heap

def rss_kb():
    return int(next(l for l in open('/proc/self/status') if l.startswith('VmRSS')).split()[1])

blocks = [bytes(2000) + i.to_bytes(4, 'big') for i in range(20000)]  # 40 MB of heap
keep = blocks[-1]  # the heap's top stays in use, so free() alone gives nothing back
del blocks
before = rss_kb()
released = trim_heap()
import sys
print(released, before, rss_kb(), 'ctypes' in sys.modules)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="malloc_trim is glibc's")
def test_trim_gives_freed_heap_pages_back() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=ROOT, timeout=60)
    released, before, after, ctypes_loaded = done.stdout.split()
    assert released == "True", done.stderr
    assert int(before) - int(after) > 20_000  # kB: most of the 40 MB freed above
    assert ctypes_loaded == "False"  # 0.45 MB for one call: the trim goes through cffi's backend
