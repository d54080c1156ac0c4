"""Profile a file transfer between two toxgui clients in one process (real UDP on 127.0.0.1):
`.venv/bin/python -m bench.profile_files [MiB]` prints the time and cProfile's top functions by
own time.  Outside CI; see docs/benchmarks.md."""

from __future__ import annotations

import asyncio
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

from bench.inproc import Pair
from toxgui.app.transfers import FileComplete, FileRequest


async def profile(mib: int) -> None:
    with tempfile.TemporaryDirectory(prefix="toxgui-profile-") as tmp:
        d = Path(tmp)
        pair = Pair(d)
        await pair.start()
        try:
            await pair.connect()
            src = d / "file.bin"
            src.write_bytes(os.urandom(mib * 1024 * 1024))
            offered = asyncio.ensure_future(pair.wait(lambda who, e: who == "B" and isinstance(e, FileRequest), 10))
            pair.a.send_file(pair.b.public_key, str(src))
            req = await offered
            assert isinstance(req, FileRequest)
            done = asyncio.ensure_future(pair.wait(lambda who, e: who == "B" and isinstance(e, FileComplete), 300))
            t0 = time.perf_counter()
            prof = cProfile.Profile()
            prof.enable()
            pair.b.accept_file(pair.a.public_key, req.transfer, str(d / "received.bin"))
            await done
            prof.disable()
            print(f"{mib} MiB in {time.perf_counter() - t0:.2f} s (under cProfile)")
            pstats.Stats(prof).sort_stats("tottime").print_stats(25)
        finally:
            await pair.stop()


if __name__ == "__main__":
    asyncio.run(profile(int(sys.argv[1]) if len(sys.argv) > 1 else 20))
