"""File transfers: Messenger packets 80 (send request), 81 (control) and 82 (data).

Sans-I/O, as the rest of the core: this layer never touches a file.  For a file we send it asks
for each chunk with a `FileChunkWanted` event and the application answers with `send_chunk`; for
a file we receive it hands each chunk over in a `FileChunk` event.  One state machine per
transfer, written in one place (`Transfer`), following c-toxcore 0.2.18 (Messenger.c
file_sendrequest, file_control, file_seek, send_file_data, do_all_filetransfers,
handle_filecontrol):

    sender    OFFERED --accept--> TRANSFERRING --last chunk sent--> FINISHED --acknowledged--> gone
    receiver  OFFERED --accept (sent)--> TRANSFERRING --last chunk received--> gone

A KILL from either side ends a transfer at once; a session that goes down ends every transfer of
that friend (`FileDone(outcome="interrupted")`; c-toxcore says nothing, its clients re-offer).
Every full chunk is exactly 1371 bytes; a shorter one ends the file.

Pacing: file data is congestion-controlled in net_crypto (it waits for send tokens; messages do
not), and this layer asks for more chunks only while about 50 ms of sending waits in the
session's send queue and `MIN_FREE_SLOTS` of the window stay free for chat, so a transfer can
neither starve messages nor fill memory.  Chunks are asked for round-robin across a friend's
files, one per file per round, as c-toxcore does.
"""

from __future__ import annotations

from enum import Enum

from toxgui.core.context import NodeContext
from toxgui.core.errors import ProtocolError
from toxgui.core.events import FileChunk, FileChunkWanted, FileControlled, FileDone, FileOffer
from toxgui.core.friend_connection import FriendConnections
from toxgui.core.friends import Friend, FriendList
from toxgui.core.messenger import Messenger
from toxgui.core.net_crypto import SessionError
from toxgui.core.packets import messenger as mp
from toxgui.core.packets.messenger import MAX_FILE_DATA_SIZE, FileControlKind
from toxgui.core.record import record

PACKET_IDS = (mp.MessengerId.FILE_SENDREQUEST, mp.MessengerId.FILE_CONTROL, mp.MessengerId.FILE_DATA)
MAX_FILES = 256  # per friend and direction (MAX_CONCURRENT_FILE_PIPES)
UNKNOWN_SIZE = 2**64 - 1  # a stream: it ends with a chunk shorter than MAX_FILE_DATA_SIZE
MAX_FILENAME = 255
FILE_ID_SIZE = 32
# Window slots kept free for messages (c-toxcore MIN_SLOTS_FREE = CRYPTO_MIN_QUEUE_LENGTH / 4).
MIN_FREE_SLOTS = 16
# Chunks waiting in the session's send queue: lossless packets arrive in order, so a message
# written during a transfer waits behind every chunk queued before it.  The queue is kept to
# about BACKLOG_TIME of sending at the session's current rate (at least MIN_BACKLOG chunks, to
# keep a slow link busy between ticks; at most MAX_BACKLOG, 88 kB per friend).
BACKLOG_TIME = 0.05
MIN_BACKLOG = 8
MAX_BACKLOG = 64
# A peer that acknowledges only every SLOW_ACKS s or more (c-toxcore: about every 53 ms) is fed by the
# ticks alone, and MAX_BACKLOG chunks a tick held a transfer to c-toxcore to about 36 MB/s while
# c-toxcore sends 50.  Such a peer gets a deeper queue (176 kB per friend; measured: 100 MiB warm
# to c-toxcore in 1.7 s instead of 2.9, chat beside it p50 4-5 ms).  A peer that acknowledges
# at once keeps the shallow one: it tops the queue up on every acknowledgement.
SLOW_ACKS = 0.025
MAX_BACKLOG_SLOW_ACKS = 128
# While a file is being sent, chunks are topped up at least this often (besides on every
# acknowledgement).  A peer that acknowledges only every 50 ms (c-toxcore) is fed mostly by the
# ticks: at most MAX_BACKLOG chunks a tick, so 10 ms ticks held such a transfer to about 9 MB/s
# and 4 ms ticks to about 20 MB/s.
TICK = 0.002


class FileError(ValueError):
    """A file command that cannot be carried out now; the message says why."""


class FileState(Enum):
    OFFERED = "offered"  # sent or received the request, not accepted yet
    TRANSFERRING = "transferring"
    FINISHED = "finished"  # sender: the last chunk is out, waiting for its acknowledgement


@record(slots=True)
class Transfer:
    number: int
    sending: bool
    kind: int
    size: int  # UNKNOWN_SIZE for a stream
    file_id: bytes
    filename: bytes
    state: FileState = FileState.OFFERED
    position: int = 0  # bytes sent (sender) or received (receiver) so far
    requested: int = 0  # sender: bytes asked of the application so far
    paused_by_us: bool = False
    paused_by_them: bool = False
    last_packet: int | None = None  # sender: net_crypto number of the last chunk

    @property
    def paused(self) -> bool:
        return self.paused_by_us or self.paused_by_them

    @property
    def stream(self) -> bool:
        return self.size == UNKNOWN_SIZE

    def chunk_len(self, position: int) -> int:
        """How long the chunk at `position` must be."""
        return MAX_FILE_DATA_SIZE if self.stream else min(MAX_FILE_DATA_SIZE, self.size - position)


class FileTransfers:
    def __init__(
        self, ctx: NodeContext, friends: FriendList, fc: FriendConnections, messenger: Messenger
    ) -> None:
        self.ctx = ctx
        self.friends = friends
        self.fc = fc
        self.messenger = messenger
        self.outgoing: dict[bytes, dict[int, Transfer]] = {}
        self.incoming: dict[bytes, dict[int, Transfer]] = {}
        self._active: set[bytes] = set()  # friends with a file being sent (chunks to ask for)
        self._next_tick: float | None = None
        fc.register(PACKET_IDS, self._on_packet)
        fc.on_status(self._on_status)
        fc.on_acked(self._on_acked)

    # --- friend lifecycle ---------------------------------------------------------------------

    def friend_added(self, friend: Friend, now: float) -> None:
        pass  # transfers exist only while online

    def friend_removed(self, public_key: bytes, now: float) -> None:
        self._end_all(public_key, "cancelled")

    # --- commands -----------------------------------------------------------------------------

    def send_file(
        self, pk: bytes, kind: int, size: int | None, file_id: bytes, filename: bytes, now: float
    ) -> int:
        """Offer a file to an online friend; returns its file number.  `size` None is a stream."""
        if not self.messenger.is_online(pk):
            raise FileError("the friend is not online")
        if len(file_id) != FILE_ID_SIZE:
            raise FileError(f"a file id is {FILE_ID_SIZE} bytes")
        if len(filename) > MAX_FILENAME:
            raise FileError(f"a file name is at most {MAX_FILENAME} bytes of UTF-8")
        wire_size = UNKNOWN_SIZE if size is None else size
        if not 0 <= wire_size <= UNKNOWN_SIZE:
            raise FileError("a file size is 0 to 2^64-1 bytes")
        slots = self.outgoing.setdefault(pk, {})
        number = next((n for n in range(MAX_FILES) if n not in slots), None)
        if number is None:
            raise FileError(f"{MAX_FILES} files are already being sent to this friend")
        self._write(pk, mp.FileSendRequest(number, kind, wire_size, file_id, filename).encode(), now)
        slots[number] = Transfer(number, True, kind, wire_size, file_id, filename)
        return number

    def accept(self, pk: bytes, number: int, now: float) -> None:
        """Accept a file offered to us (after an optional `seek`)."""
        t = self._get(pk, number, sending=False)
        if t.state != FileState.OFFERED:
            raise FileError("the file is already accepted")
        self._control(pk, t, FileControlKind.ACCEPT, now)
        t.state = FileState.TRANSFERRING

    def seek(self, pk: bytes, number: int, position: int, now: float) -> None:
        """Before accepting a file offered to us: start it at `position` (resume)."""
        t = self._get(pk, number, sending=False)
        if t.state != FileState.OFFERED:
            raise FileError("seek only before accepting")
        if not 0 <= position < t.size:
            raise FileError("the position must lie inside the file")
        self._write(pk, mp.FileControl(1, number, FileControlKind.SEEK, position).encode(), now)
        t.position = position

    def pause(self, pk: bytes, number: int, sending: bool, now: float) -> None:
        t = self._get(pk, number, sending)
        if t.state != FileState.TRANSFERRING or t.paused_by_us:
            raise FileError("only a running transfer can be paused")
        self._control(pk, t, FileControlKind.PAUSE, now)
        t.paused_by_us = True

    def resume(self, pk: bytes, number: int, sending: bool, now: float) -> None:
        t = self._get(pk, number, sending)
        if not t.paused_by_us:
            raise FileError("the transfer is not paused by us")
        self._control(pk, t, FileControlKind.ACCEPT, now)
        t.paused_by_us = False
        self._wake(pk, t, now)

    def cancel(self, pk: bytes, number: int, sending: bool, now: float) -> None:
        t = self._get(pk, number, sending)
        try:
            self._control(pk, t, FileControlKind.KILL, now)
        finally:
            self._end(pk, t, "cancelled")

    def send_chunk(self, pk: bytes, number: int, position: int, data: bytes, now: float) -> None:
        """The application's answer to `FileChunkWanted`: the bytes at `position`.  Shorter data
        than asked for ends a stream (or a file that turned out shorter: the friend sees its end
        there)."""
        t = self._get(pk, number, sending=True)
        if t.state != FileState.TRANSFERRING or position != t.position:
            raise FileError("this chunk is not the one the transfer needs next")
        if len(data) > t.chunk_len(position):
            raise FileError("the chunk is longer than asked for")
        n = self._write(pk, mp.FileData(number, bytes(data)).encode(), now, controlled=True)
        t.position += len(data)
        if len(data) < MAX_FILE_DATA_SIZE or (not t.stream and t.position >= t.size):
            t.state = FileState.FINISHED
            t.last_packet = n
        elif t.requested < t.position:
            t.requested = t.position

    # --- what the front ends read -------------------------------------------------------------

    def transfers(self, pk: bytes) -> list[Transfer]:
        return [*self.outgoing.get(pk, {}).values(), *self.incoming.get(pk, {}).values()]

    # --- timer: keep senders fed --------------------------------------------------------------

    def get_timer(self) -> float | None:
        return self._next_tick if self._active else None

    def handle_timer(self, now: float) -> None:
        for pk in list(self._active):
            self._top_up(pk, now)
        self._next_tick = now + TICK

    def _wake(self, pk: bytes, t: Transfer, now: float) -> None:
        if t.sending and t.state == FileState.TRANSFERRING and not t.paused:
            self._active.add(pk)
            if self._next_tick is None or self._next_tick > now + TICK:
                self._next_tick = now + TICK

    def _top_up(self, pk: bytes, now: float) -> None:
        """Ask for chunks, round-robin over the friend's running outgoing files, while the
        session's send queue is short and the window has room to spare."""
        files = [t for t in self.outgoing.get(pk, {}).values()
                 if t.state == FileState.TRANSFERRING and not t.paused]
        wanting = [t for t in files if t.stream or t.requested < t.size or (t.size == 0 and t.requested == 0)]
        if not wanting:
            if not files:
                self._active.discard(pk)
            return
        nc = self.fc.nc
        outstanding = sum((t.requested - t.position + MAX_FILE_DATA_SIZE - 1) // MAX_FILE_DATA_SIZE for t in files)
        cap = MAX_BACKLOG_SLOW_ACKS if nc.ack_gap(pk) >= SLOW_ACKS else MAX_BACKLOG
        backlog = max(MIN_BACKLOG, min(cap, int(nc.send_rate(pk) * BACKLOG_TIME)))
        budget = min(nc.send_window_free(pk) - MIN_FREE_SLOTS, backlog - nc.send_backlog(pk)) - outstanding
        while budget > 0 and wanting:
            for t in list(wanting):
                if budget <= 0:
                    break
                if t.requested > t.position and t.stream:
                    wanting.remove(t)  # a stream gets one chunk at a time: its end is unknown
                    continue
                length = t.chunk_len(t.requested)
                self.ctx.emit(FileChunkWanted(pk, t.number, t.requested, length))
                t.requested += max(length, 1)  # a zero-length end (size 0) is asked for once
                budget -= 1
                if not t.stream and t.requested >= t.size:
                    wanting.remove(t)

    # --- incoming packets ---------------------------------------------------------------------

    def _on_packet(self, pk: bytes, data: bytes, now: float) -> None:
        if not self.messenger.is_online(pk):
            self.ctx.drop("files: packet before ONLINE")
            return
        try:
            pkt = mp.decode_messenger(data)
        except ProtocolError as e:
            self.ctx.drop(f"files: {e.code}")
            return
        if isinstance(pkt, mp.FileSendRequest):
            self._on_request(pk, pkt)
        elif isinstance(pkt, mp.FileControl):
            self._on_control(pk, pkt, now)
        elif isinstance(pkt, mp.FileData):
            self._on_data(pk, pkt)

    def _on_request(self, pk: bytes, pkt: mp.FileSendRequest) -> None:
        slots = self.incoming.setdefault(pk, {})
        if pkt.file_number in slots:
            self.ctx.drop("files: request for a file number in use")  # c-toxcore ignores it too
            return
        slots[pkt.file_number] = Transfer(pkt.file_number, False, pkt.kind, pkt.size, pkt.file_id, pkt.filename)
        self.ctx.emit(FileOffer(pk, pkt.file_number, pkt.kind, None if pkt.size == UNKNOWN_SIZE else pkt.size,
                                pkt.file_id, pkt.filename.decode("utf-8", "replace")))

    def _on_control(self, pk: bytes, pkt: mp.FileControl, now: float) -> None:
        # send_receive 1: the control's sender receives the file, so it is about one we send.
        sending = pkt.send_receive == 1
        t = (self.outgoing if sending else self.incoming).get(pk, {}).get(pkt.file_number)
        if t is None:
            if pkt.control != FileControlKind.KILL:  # c-toxcore answers an unknown transfer with KILL
                self._try_write(pk, mp.FileControl(0 if sending else 1, pkt.file_number, FileControlKind.KILL).encode(),
                                now)
            self.ctx.drop("files: control for an unknown transfer")
            return
        c = pkt.control
        if c == FileControlKind.KILL:
            self._end(pk, t, "cancelled", by_friend=True)
            self.ctx.emit(FileControlled(pk, t.number, sending, "cancel"))
        elif c == FileControlKind.ACCEPT:
            if sending and t.state == FileState.OFFERED:
                t.state = FileState.TRANSFERRING
                self.ctx.emit(FileControlled(pk, t.number, sending, "accept"))
                self._wake(pk, t, now)
                self._top_up(pk, now)
            elif t.state == FileState.TRANSFERRING and t.paused_by_them:
                t.paused_by_them = False
                self.ctx.emit(FileControlled(pk, t.number, sending, "resume"))
                self._wake(pk, t, now)
            else:
                self.ctx.drop("files: accept of a transfer that is not paused")
        elif c == FileControlKind.PAUSE:
            if t.state == FileState.TRANSFERRING and not t.paused_by_them:
                t.paused_by_them = True
                self.ctx.emit(FileControlled(pk, t.number, sending, "pause"))
            else:
                self.ctx.drop("files: pause of a transfer that is not running")
        elif c == FileControlKind.SEEK:
            position = pkt.position or 0
            if sending and t.state == FileState.OFFERED and position < t.size:
                t.position = t.requested = position
            else:
                self.ctx.drop("files: seek out of place")
        else:
            self.ctx.drop("files: unknown control")

    def _on_data(self, pk: bytes, pkt: mp.FileData) -> None:
        t = self.incoming.get(pk, {}).get(pkt.file_number)
        if t is None or t.state != FileState.TRANSFERRING:
            self.ctx.drop("files: data for a transfer that is not running")
            return
        data = pkt.data
        if not t.stream and t.position + len(data) > t.size:
            data = data[: t.size - t.position]  # c-toxcore cuts what lies beyond the size
        if data:
            self.ctx.emit(FileChunk(pk, t.number, t.position, data))
            t.position += len(data)
        if len(pkt.data) < MAX_FILE_DATA_SIZE or (not t.stream and t.position >= t.size):
            self._end(pk, t, "complete")

    # --- friend_connection hooks --------------------------------------------------------------

    def _on_status(self, pk: bytes, up: bool, now: float) -> None:
        if not up:
            self._end_all(pk, "interrupted")

    def _on_acked(self, pk: bytes, now: float) -> None:
        out = self.outgoing.get(pk)
        if not out:
            return
        for t in list(out.values()):
            if t.state == FileState.FINISHED and t.last_packet is not None \
                    and self.fc.nc.is_acknowledged(pk, t.last_packet):
                self._end(pk, t, "complete")
        if pk in self._active:
            self._top_up(pk, now)

    # --- helpers ------------------------------------------------------------------------------

    def _get(self, pk: bytes, number: int, sending: bool) -> Transfer:
        t = (self.outgoing if sending else self.incoming).get(pk, {}).get(number)
        if t is None:
            raise FileError(f"no file {number} {'to' if sending else 'from'} this friend")
        return t

    def _control(self, pk: bytes, t: Transfer, control: FileControlKind, now: float) -> None:
        # send_receive 1: we are the file's receiver
        self._write(pk, mp.FileControl(0 if t.sending else 1, t.number, control).encode(), now)

    def _write(self, pk: bytes, data: bytes, now: float, controlled: bool = False) -> int:
        try:
            return self.fc.nc.write(pk, data, now, congestion_controlled=controlled)
        except SessionError as e:
            raise FileError(f"cannot send now: {e}") from e

    def _try_write(self, pk: bytes, data: bytes, now: float) -> None:
        try:
            self.fc.nc.write(pk, data, now)
        except SessionError:
            pass

    def _end(self, pk: bytes, t: Transfer, outcome: str, by_friend: bool = False) -> None:
        slots = (self.outgoing if t.sending else self.incoming).get(pk, {})
        if slots.pop(t.number, None) is None:
            return
        self.ctx.emit(FileDone(pk, t.number, t.sending, outcome, t.position, by_friend))

    def _end_all(self, pk: bytes, outcome: str) -> None:
        for t in self.transfers(pk):
            self._end(pk, t, outcome)
        self.outgoing.pop(pk, None)
        self.incoming.pop(pk, None)
        self._active.discard(pk)

