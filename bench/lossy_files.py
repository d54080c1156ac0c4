"""Files at random loss, many samples: `sh scripts/run-tests.sh --lossy-files
"c-toxcore,toxgui;c-toxcore,c-toxcore" 15` warms each pair's session with a 20 MiB transfer,
then sends a 5 MiB file that many times, one after another, with 5% of the UDP datagrams
arriving at the receiver's port dropped (nftables), and prints the median and every sample.
`make bench` takes 3 samples (full: 5), too few where one lost packet early in a transfer can
cost c-toxcore's sender seconds.  Outside CI; see docs/benchmarks.md."""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from bench import measure
from bench.run import QUICK, _random_file, local_bench

LOSS_PERCENT = 5
FILE_MIB = 5
WARM_MIB = 20


def main(pairs: str, samples: int) -> None:
    why = measure.nft_available()
    if why is not None:
        sys.exit(f"no random loss here: {why}")
    with tempfile.TemporaryDirectory(prefix="toxgui-lossy-files-") as tmp:
        d = Path(tmp)
        with local_bench(QUICK, d) as bench:
            src, warm = d / "lossy.bin", d / "warm.bin"
            _random_file(src, FILE_MIB)
            _random_file(warm, WARM_MIB)
            for pair in pairs.split(";"):
                kinds = tuple(pair.split(","))
                assert len(kinds) == 2, f"a pair is two kinds: {pair!r}"
                s, r, _ = bench.connect_pair((kinds[0], kinds[1]), True)
                bench._one_file(s, r, warm, WARM_MIB * 1024 * 1024, "warm", chat=False)
                with measure.UdpLoss(r.port, LOSS_PERCENT) as loss:
                    took = [bench._one_file(s, r, src, FILE_MIB * 1024 * 1024, f"lossy{i}", chat=False,
                                            timeout=120)["seconds"] for i in range(samples)]
                print(f"{kinds[0]}->{kinds[1]} at {LOSS_PERCENT}% loss, {FILE_MIB} MiB x {samples}: median "
                      f"{statistics.median(took):.3f} s, samples {', '.join(f'{t:.2f}' for t in took)} s "
                      f"(dropped {loss.dropped})", flush=True)
                bench.stop(s, r)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "c-toxcore,toxgui;c-toxcore,c-toxcore",
         int(sys.argv[2]) if len(sys.argv) > 2 else 15)
