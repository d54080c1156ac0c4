"""Send junk UDP datagrams at a fixed rate for a fixed time, then print one JSON line.

    python -m tests.reliability.junk_sender HOST PORT RATE SECONDS SEED TARGET_DHT_KEY_HEX

Datagrams come from the DHT fuzzer (random bodies behind real kinds, noise, mutated valid
packets), 4096 of them made up front and cycled.  Paced in 10 ms slots; at most RATE*SECONDS
datagrams, and it stops after SECONDS whatever happened.
"""

from __future__ import annotations

import json
import socket
import sys
import time

from tests.net.test_dht_robustness import Fuzzer


def main(argv: list[str]) -> int:
    host, port, rate, seconds, seed, key = argv[0], int(argv[1]), int(argv[2]), float(argv[3]), int(argv[4]), argv[5]
    fz = Fuzzer(seed, bytes.fromhex(key))
    pool = [fz.datagram() for _ in range(4096)]
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    slot = 0.01
    per_slot = max(1, int(rate * slot))
    total = int(rate * seconds)
    sent = errors = 0
    t0 = time.monotonic()
    i = 0
    while sent < total and time.monotonic() - t0 < seconds:
        due = t0 + i * slot
        pause = due - time.monotonic()
        if pause > 0:
            time.sleep(pause)  # the pacing itself
        for _ in range(min(per_slot, total - sent)):
            try:
                sock.sendto(pool[sent % len(pool)], (host, port))
            except OSError:
                errors += 1
            sent += 1
        i += 1
    wall = time.monotonic() - t0
    sock.close()
    print(json.dumps({"sent": sent, "seconds": wall, "errors": errors}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
