"""Junk datagrams of every length into one in-process node: how many drop-counter keys and how
much memory they hold afterwards (they are keyed by packet kind and a fixed reason code, so
both stay bounded whatever arrives).

    python -m bench.drop_counters [COUNT]      (default 10^6)
"""

from __future__ import annotations

import json
import random
import sys
import time
import tracemalloc

from toxgui.core.crypto import KeyPair, SystemRng
from toxgui.core.node import ToxNode

KINDS = [0x00, 0x01, 0x02, 0x04, 0x18, 0x19, 0x1A, 0x1B, 0x20, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x8C,
         0x8D, 0x8E]


def run(count: int) -> dict[str, object]:
    rng = SystemRng()
    node = ToxNode(KeyPair.generate(rng), rng.bytes(4), rng)
    r = random.Random(3)
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    t0 = time.perf_counter()
    for i in range(count):
        size = 1 + (i * 7919) % 1499  # every length 1..1499, spread over the kinds
        node.receive_datagram(bytes([KINDS[i % len(KINDS)]]) + r.randbytes(size - 1),
                              ("127.0.0.1", 1 + i % 65000), 1.0 + i / 100_000)
    wall = time.perf_counter() - t0
    held = tracemalloc.get_traced_memory()[0] - base
    tracemalloc.stop()
    st = node.stats
    return {
        "datagrams": count, "wall_s": round(wall, 1), "dropped_malformed": st.dropped_malformed,
        "internal_errors": st.internal_errors, "drop_reason_keys": len(st.drop_reasons),
        "net_crypto_counter_keys": len(node.net_crypto.counters), "retained_mb": round(held / 2**20, 2),
    }


if __name__ == "__main__":
    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)))
