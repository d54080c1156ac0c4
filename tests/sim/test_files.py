"""File transfers between two toxgui nodes on the simulated network: several files both ways,
sizes at the chunk boundaries, loss, pause and resume, cancel, seek (resume), a session that goes
down mid-file, and chat that keeps flowing beside a saturating transfer."""

from __future__ import annotations

import hashlib

from tests.sim.simnet import VirtualNetwork
from tests.sim.test_sessions import connect, pair
from toxgui.core.events import Event, FileChunk, FileChunkWanted, FileControlled, FileDone, FileOffer, Message
from toxgui.core.files import FileError, FileState
from toxgui.core.node import ToxNode
from toxgui.core.packets.messenger import MAX_FILE_DATA_SIZE
from toxgui.core.wire import Addr


class FileApp:
    """What the application service does with the file events of one node, in memory."""

    def __init__(self, net: VirtualNetwork, node: ToxNode, accept: bool = True, seek: int = 0) -> None:
        self.net, self.node = net, node
        self.sources: dict[tuple[bytes, int], bytes] = {}
        self.received: dict[tuple[bytes, int], bytearray] = {}
        self.offers: list[FileOffer] = []
        self.done: list[FileDone] = []
        self.controls: list[FileControlled] = []
        self.accept, self.seek = accept, seek
        self.addr = net.addr_of(node)
        net.listeners.append(self._on)

    def send(self, to: ToxNode, data: bytes, name: bytes = b"f.bin") -> int:
        fid = hashlib.sha256(data).digest()
        n = self.node.files.send_file(to.public_key, 0, len(data), fid, name, self.net.now)
        self.sources[(to.public_key, n)] = data
        self.net.kick(self.node)
        return n

    def _on(self, now: float, addr: Addr, ev: Event) -> None:
        if addr != self.addr:
            return
        files = self.node.files
        if isinstance(ev, FileChunkWanted):
            src = self.sources[(ev.public_key, ev.file_number)]
            files.send_chunk(ev.public_key, ev.file_number, ev.position, src[ev.position:ev.position + ev.length], now)
        elif isinstance(ev, FileChunk):
            buf = self.received.setdefault((ev.public_key, ev.file_number), bytearray())
            assert ev.position == self.seek + len(buf)  # in order, from where we asked to start
            buf += ev.data
        elif isinstance(ev, FileOffer):
            self.offers.append(ev)
            if self.seek:
                files.seek(ev.public_key, ev.file_number, self.seek, now)
            if self.accept:
                files.accept(ev.public_key, ev.file_number, now)
        elif isinstance(ev, FileDone):
            self.done.append(ev)
        elif isinstance(ev, FileControlled):
            self.controls.append(ev)

    def outcome(self, sending: bool, number: int) -> str | None:
        return next((d.outcome for d in self.done if d.sending == sending and d.file_number == number), None)


def _connected(seed: int, **net_args: object) -> tuple[VirtualNetwork, ToxNode, ToxNode]:
    net = VirtualNetwork(seed=seed, **net_args)  # type: ignore[arg-type]
    a, b = pair(net)
    connect(net, a, b, timeout=60)
    return net, a, b


def test_files_both_ways_at_chunk_boundaries_under_loss() -> None:
    net, a, b = _connected(31, latency=(0.005, 0.04), loss=0.05, reorder=0.05)
    fa, fb = FileApp(net, a), FileApp(net, b)
    rng = net.rng_for("data")
    sizes = [0, 1, MAX_FILE_DATA_SIZE, 2 * MAX_FILE_DATA_SIZE, 2 * MAX_FILE_DATA_SIZE + 1, 300_000]
    files_a = {fa.send(b, rng.bytes(s)): s for s in sizes}
    files_b = {fb.send(a, rng.bytes(s)): s for s in sizes[::-1]}
    assert sorted(files_a) == list(range(len(sizes)))  # lowest free numbers

    def all_done() -> bool:
        return all(fa.outcome(True, n) and fb.outcome(False, n) for n in files_a) and \
            all(fb.outcome(True, n) and fa.outcome(False, n) for n in files_b)

    net.run_until(all_done, timeout=120, poll=0.05)
    for sender, receiver, files in ((fa, fb, files_a), (fb, fa, files_b)):
        for n, size in files.items():
            src = sender.sources[(receiver.node.public_key, n)]
            assert bytes(receiver.received.get((sender.node.public_key, n), b"")) == src, (n, size)
            assert sender.outcome(True, n) == receiver.outcome(False, n) == "complete"
            offer = next(o for o in receiver.offers if o.file_number == n)
            assert offer.size == size and offer.file_id == hashlib.sha256(src).digest() and offer.filename == "f.bin"
    assert net.stats.lost > 0
    assert a.files.transfers(b.public_key) == [] and b.files.transfers(a.public_key) == []
    assert a.stats.internal_errors == b.stats.internal_errors == 0


def test_pause_resume_and_cancel() -> None:
    net, a, b = _connected(32)
    fa, fb = FileApp(net, a), FileApp(net, b)
    data = net.rng_for("d").bytes(400_000)
    n = fa.send(b, data)
    net.run_until(lambda: len(fb.received.get((a.public_key, n), b"")) > 50_000, timeout=30, poll=0.01)
    b.files.pause(a.public_key, n, False, net.now)
    net.kick(b)
    net.run_until(lambda: any(c.control == "pause" for c in fa.controls), timeout=5)
    # No chunk is asked for while paused; what was already queued still lands (as in c-toxcore).
    asked = a.files.outgoing[b.public_key][n].requested
    net.run_until(lambda: a.net_crypto.send_backlog(b.public_key) == 0, timeout=10, poll=0.05)
    net.run_for(1.0)
    held = len(fb.received[(a.public_key, n)])
    net.run_for(2.0)
    assert a.files.outgoing[b.public_key][n].requested == asked
    assert len(fb.received[(a.public_key, n)]) == held == asked < len(data)
    b.files.resume(a.public_key, n, False, net.now)
    net.kick(b)
    net.run_until(lambda: fb.outcome(False, n) == "complete", timeout=30, poll=0.01)
    assert bytes(fb.received[(a.public_key, n)]) == data

    m = fa.send(b, data)
    net.run_until(lambda: len(fb.received.get((a.public_key, m), b"")) > 10_000, timeout=30, poll=0.01)
    b.files.cancel(a.public_key, m, False, net.now)
    net.kick(b)
    net.run_until(lambda: fa.outcome(True, m) == "cancelled", timeout=5)
    assert fb.outcome(False, m) == "cancelled"
    try:
        b.files.accept(a.public_key, m, net.now)
    except FileError:
        pass
    else:
        raise AssertionError("a cancelled transfer cannot be accepted")


def test_seek_resumes_inside_the_file() -> None:
    net, a, b = _connected(33)
    fa = FileApp(net, a)
    fb = FileApp(net, b, seek=100_000)
    data = net.rng_for("d").bytes(250_000)
    n = fa.send(b, data)
    net.run_until(lambda: fb.outcome(False, n) == "complete" and fa.outcome(True, n) == "complete",
                  timeout=30, poll=0.01)
    assert bytes(fb.received[(a.public_key, n)]) == data[100_000:]
    assert next(d for d in fb.done if not d.sending).transferred == len(data)


def test_session_down_interrupts_every_transfer() -> None:
    net, a, b = _connected(34)
    fa, fb = FileApp(net, a), FileApp(net, b)
    data = net.rng_for("d").bytes(2_000_000)
    n = fa.send(b, data)
    net.run_until(lambda: len(fb.received.get((a.public_key, n), b"")) > 20_000, timeout=30, poll=0.01)
    net.block(net.addr_of(a), net.addr_of(b))
    net.run_until(lambda: fa.outcome(True, n) == "interrupted" and fb.outcome(False, n) == "interrupted",
                  timeout=60, poll=0.1)
    assert a.files.transfers(b.public_key) == [] and b.files.transfers(a.public_key) == []


def test_chat_is_not_starved_by_a_saturating_transfer() -> None:
    net, a, b = _connected(35, latency=(0.005, 0.01))
    fa, _ = FileApp(net, a), FileApp(net, b)
    data = net.rng_for("d").bytes(60_000_000)
    n = fa.send(b, data)
    net.run_for(2.0)  # the transfer has ramped up
    assert a.files.outgoing[b.public_key][n].state == FileState.TRANSFERRING
    assert 0 < a.net_crypto.send_backlog(b.public_key) <= 64 + 16
    delays = []
    for i in range(5):
        assert a.files.outgoing[b.public_key][n].state == FileState.TRANSFERRING  # still saturating
        sent = net.now
        a.send_message(b.public_key, f"ping {i}", "normal", net.now)
        net.kick(a)
        net.run_until(lambda i=i: any(isinstance(e, Message) and e.text == f"ping {i}" for e in net.events_of(b)),
                      timeout=5, poll=0.001)
        delays.append(net.now - sent)
        net.run_for(0.1)
    assert max(delays) < 0.1, delays


def test_huge_declared_size_and_a_sender_that_stops() -> None:
    """An offer of 2^63 bytes is just a number: nothing is reserved for it; a sender that stops
    answering chunk requests leaves the transfer waiting, and either side can cancel it."""
    net, a, b = _connected(36)
    fb = FileApp(net, b)
    n = a.files.send_file(b.public_key, 0, 2**63, bytes(32), b"huge", net.now)
    net.kick(a)
    net.run_until(lambda: bool(fb.offers), timeout=5)
    assert fb.offers[0].size == 2**63
    wanted: list = []
    net.listeners.append(lambda now, addr, ev: wanted.append(ev) if isinstance(ev, FileChunkWanted) else None)
    net.run_until(lambda: bool(wanted), timeout=5)
    # the sender answers only the first few requests, then goes silent
    for ev in wanted[:3]:
        a.files.send_chunk(b.public_key, n, ev.position, bytes(ev.length), net.now)
    net.kick(a)
    net.run_for(5.0)
    assert len(fb.received[(a.public_key, n)]) == 3 * MAX_FILE_DATA_SIZE
    assert b.files.incoming[a.public_key][n].state == FileState.TRANSFERRING  # waiting, not failed
    b.files.cancel(a.public_key, n, False, net.now)
    net.kick(b)
    net.run_until(lambda: a.files.transfers(b.public_key) == [], timeout=5)
    assert a.stats.internal_errors == b.stats.internal_errors == 0
