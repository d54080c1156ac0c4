"""Chat beside a file transfer, message by message: `sh scripts/run-tests.sh --chat-beside
"toxgui,c-toxcore;toxgui,toxgui" 100` sends a file of that many MiB over each pair (cold, then
warm on the same session) with chat messages one after another beside it, and prints the
transfer time, the datagrams dropped at full socket buffers meanwhile (`RcvbufErrors` in
/proc/net/snmp: every peer is in the same network namespace) and each message over 40 ms with
when it was sent.  Outside CI; see docs/benchmarks.md."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from bench.run import QUICK, _random_file, local_bench

SLOW = 0.040  # s: messages slower than this are listed


def rcvbuf_errors() -> int:
    with open("/proc/net/snmp") as f:
        lines = [ln.split() for ln in f if ln.startswith("Udp:")]
    return int(lines[1][lines[0].index("RcvbufErrors")])


def main(pairs: str, mib: int) -> None:
    with tempfile.TemporaryDirectory(prefix="toxgui-chat-beside-") as tmp:
        d = Path(tmp)
        with local_bench(QUICK, d) as bench:
            src = d / "file.bin"
            _random_file(src, mib)
            for pair in pairs.split(";"):
                kinds = tuple(pair.split(","))
                assert len(kinds) == 2, f"a pair is two kinds: {pair!r}"
                a, b, _ = bench.connect_pair((kinds[0], kinds[1]), True)
                for phase in ("cold", "warm"):
                    dest = d / f"received-{phase}.bin"
                    a.send_file(b.public_key, src)
                    handle = b.wait_file_offer(a.public_key, 60)
                    t0, drops0 = time.perf_counter(), rcvbuf_errors()
                    b.accept_file(a.public_key, handle, dest)
                    delays: list[tuple[float, float]] = []
                    while True:
                        sent = time.perf_counter()
                        text = f"beside {len(delays)}"
                        a.send_text(b.public_key, text)
                        b.wait_text(a.public_key, text, 30)
                        delays.append((sent - t0, time.perf_counter() - sent))
                        try:
                            b.wait_file_done(a.public_key, dest, 0.05)
                            break
                        except AssertionError:
                            pass
                    took = time.perf_counter() - t0
                    slow = ", ".join(f"{d * 1000:.0f} ms at {t:.2f} s" for t, d in delays if d > SLOW)
                    worst = max(d for _, d in delays)
                    print(f"{kinds[0]}->{kinds[1]} {phase}: {mib} MiB in {took:.2f} s, dropped at socket buffers "
                          f"{rcvbuf_errors() - drops0}, {len(delays)} messages, max {worst * 1000:.1f} ms"
                          f"{'; over 40 ms: ' + slow if slow else ''}", flush=True)
                    dest.unlink()
                bench.stop(a, b)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "toxgui,c-toxcore;toxgui,toxgui",
         int(sys.argv[2]) if len(sys.argv) > 2 else 100)
