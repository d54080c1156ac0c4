"""Files on disk for the core's file transfers (toxgui.core.files): the application side.

The core asks for each chunk of a file we send (`FileChunkWanted`) and hands over each chunk of
a file we receive (`FileChunk`); this module reads and writes them, a chunk at a time, never a
whole file in memory, and turns the core's file events into the front ends' (`FileRequest`,
`FileSent`, `FileProgress`, `FileComplete`, `FileCancelled`, `FilePaused`; docs/headless.md).  A transfer is
named by an opaque string, unique per friend for the whole run (the core's file numbers are
reused).

Receiving: an offered name is sanitised (`safe_filename`) and the file is written into the
download folder as `NAME.<file id>.part`, then renamed to NAME (or `NAME (1)`… when NAME exists:
nothing is ever overwritten).  When a transfer is interrupted the `.part` file stays; offered the
same file again (same file id), `accept` finds it, checks its size and seeks past what it holds,
so the transfer resumes where it stopped, across restarts too.  Sending: a file gets an id derived
from our key, the friend's, its path, size and modification time, so offering the same unchanged
file again gives the same id, which is how the friend recognises it.
"""

from __future__ import annotations

import io
import logging
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, ClassVar

from toxgui.core.crypto import sha256
from toxgui.core.events import (
    Event,
    FileChunk,
    FileChunkWanted,
    FileControlled,
    FileDone,
    FileOffer,
    FriendConnection,
)
from toxgui.core.files import MAX_FILENAME, FileError, FileTransfers
from toxgui.core.record import record
from toxgui.core.spec import Transport, split_utf8
from toxgui.store.avatars import MAX_AVATAR_SIZE, PNG_MAGIC, AvatarStore

if TYPE_CHECKING:
    import hashlib

log = logging.getLogger(__name__)

KIND_DATA = 0
KIND_AVATAR = 1
PART_SUFFIX = ".part"
PROGRESS_INTERVAL = 0.5  # s between two file_progress events of one transfer
HASH_BLOCK = 1 << 20
# A file received is synced to disk every SYNC_EVERY bytes, so that the sync before its rename
# (at the end, in the event loop) has little left to do: with the whole of a 100 MiB file at
# once it held the loop, and a chat message beside the transfer, for about 33 ms.
SYNC_EVERY = 8 << 20
# Names Windows reserves (a file called CON cannot be opened there; refused everywhere alike).
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
MAX_NAME_BYTES = 255


class TransferError(ValueError):
    """A file command that cannot be carried out; the message says why, for the user."""


# --- the events front ends see (the headless contract's file events) ----------------------------


@record(slots=True)
class FileRequest(Event):
    """A friend offers a file: answer with accept_file or reject_file."""

    event: ClassVar[str] = "file_request"
    public_key: bytes
    transfer: str
    file_id: bytes
    name: str  # sanitised: safe as a file name in the download folder
    size: int | None  # None: unknown (a stream)
    kind: int  # 0 data, 1 avatar


@record(slots=True)
class FileSent(Event):
    """Answer to send_file: the file is offered."""

    event: ClassVar[str] = "file_sent"
    public_key: bytes
    transfer: str
    file_id: bytes
    name: str
    size: int


@record(slots=True)
class FileProgress(Event):
    event: ClassVar[str] = "file_progress"
    public_key: bytes
    transfer: str
    bytes: int  # sent or received so far, counted from the file's start
    size: int | None
    rate: float  # bytes per second since the last report


@record(slots=True)
class FileComplete(Event):
    event: ClassVar[str] = "file_done"
    public_key: bytes
    transfer: str
    path: str
    size: int
    sha256: str


@record(slots=True)
class FileCancelled(Event):
    """A transfer ended without the whole file: `reason` is `friend` (they cancelled or
    rejected), `us`, `disconnected` (the session went down: a download's .part file stays, to
    resume from) or `io_error` (the file could not be read or written)."""

    event: ClassVar[str] = "file_cancelled"
    public_key: bytes
    transfer: str
    reason: str


@record(slots=True)
class FilePaused(Event):
    """The friend paused (`paused` true) or resumed a transfer.  (Ours are not reported: the
    front end that asked knows.)"""

    event: ClassVar[str] = "file_paused"
    public_key: bytes
    transfer: str
    paused: bool


def safe_filename(name: str) -> str:
    """A peer's file name made safe to create in the download folder: no folder parts, no
    control characters, no name reserved on any system, not hidden, at most 255 bytes of UTF-8
    (the extension kept)."""
    import unicodedata  # here: its tables are 0.1 MB a process that receives no file never needs

    name = unicodedata.normalize("NFC", name)
    name = "".join("_" if _unsafe(ch) else ch for ch in name)
    name = name.strip().strip(".")
    if not name:
        name = "file"
    if name.split(".")[0].upper() in RESERVED:
        name = "_" + name
    raw = name.encode("utf-8")
    if len(raw) > MAX_NAME_BYTES:
        stem, dot, ext = name.rpartition(".")
        ext_raw = (dot + ext).encode("utf-8") if dot and len(ext.encode()) <= 16 else b""
        stem_raw = (stem if ext_raw else name).encode("utf-8")
        keep = split_utf8(stem_raw, MAX_NAME_BYTES - len(ext_raw))[0]
        name = (keep + ext_raw).decode("utf-8", "ignore")
    return name


def _unsafe(ch: str) -> bool:
    """Control and format characters, line and paragraph separators, and what a file system
    reserves for paths."""
    import unicodedata

    return unicodedata.category(ch)[0] == "C" or unicodedata.category(ch) in ("Zl", "Zp") or ch in '/\\:*?"<>|'


def free_name(folder: Path, name: str) -> Path:
    """`folder/name`, or `name (1)`, `name (2)`… if that exists: never an existing file."""
    p = folder / name
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        stem, dot, ext = name, "", ""
    n = 1
    while p.exists() or p.is_symlink():
        p = folder / f"{stem} ({n}){dot}{ext}"
        n += 1
    return p


@record(slots=True)
class AvatarChanged(Event):
    """A friend's avatar (or ours, after set_avatar) changed: `path` is where it is stored, None
    when there is none any more."""

    event: ClassVar[str] = "avatar"
    public_key: bytes
    path: str | None


@record
class _Transfer:
    pk: bytes
    number: int
    sending: bool
    transfer: str
    size: int | None
    handle: BinaryIO | None = None
    path: Path | None = None  # the file sent, or the final path of the file received
    part: Path | None = None
    name: str = ""
    position: int = 0
    reported_at: float = 0.0
    reported_bytes: int = 0
    offer: FileOffer | None = None
    avatar: bool = False  # an avatar transfer: handled here, never shown as a file
    # SHA-256 of the bytes from 0 to `hashed`, updated chunk by chunk while they run in order
    # from the start (None otherwise: the file is read again at the end, as after a resume)
    digest: hashlib._Hash | None = None
    hashed: int = 0
    synced: int = 0  # bytes received up to the last sync to disk
    at: int = -1  # where the file's handle stands (-1: unknown), so a chunk in order needs no seek

    def hash_chunk(self, position: int, data: bytes) -> None:
        if self.digest is None:
            return
        if position != self.hashed:
            self.digest = None
            return
        self.digest.update(data)
        self.hashed += len(data)

    def sha256(self, path: Path) -> str:
        if self.digest is not None and self.hashed == self.position:
            return self.digest.hexdigest()
        return _sha256(path)


class DiskTransfers:
    def __init__(
        self, files: FileTransfers, own_key: bytes, now: Callable[[], float],
        download_dir: Path | Callable[[], Path] | None = None, avatars: AvatarStore | None = None,
    ) -> None:
        self.files = files
        self.own_key = own_key
        self.now = now
        self._download_dir = download_dir
        self.avatars = avatars
        self.own_avatar = avatars.load(own_key) if avatars is not None else None
        self._avatar_sent: dict[bytes, bytes] = {}  # friend -> hash of what we sent this run
        self._serial = 0
        self._by_number: dict[tuple[bytes, bool, int], _Transfer] = {}
        self._by_name: dict[tuple[bytes, str], _Transfer] = {}

    # --- commands -----------------------------------------------------------------------------


    @property
    def download_dir(self) -> Path | None:
        """Where accepted files go when no path is given; a default given as a function is asked
        once, when first needed."""
        d = self._download_dir
        if callable(d):
            d = self._download_dir = d()
        return d

    @download_dir.setter
    def download_dir(self, value: Path | None) -> None:
        self._download_dir = value
    def send(self, pk: bytes, path: str | Path) -> FileSent:
        """Offer a regular file to an online friend."""
        p = Path(path)
        try:
            handle = open(p, "rb")  # noqa: SIM115 (kept open for the transfer)
        except OSError as e:
            raise TransferError(f"cannot read {p}: {e.strerror or e}") from e
        try:
            st = os.fstat(handle.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise TransferError(f"{p} is not a regular file")
            file_id = self.file_id(pk, p, st.st_size, st.st_mtime_ns)
            raw_name = os.fsencode(p.name)
            name = split_utf8(raw_name, MAX_FILENAME)[0] if len(raw_name) > MAX_FILENAME else raw_name
            number = self.files.send_file(pk, KIND_DATA, st.st_size, file_id, name, self.now())
        except (FileError, TransferError):
            handle.close()
            raise
        t = self._new(pk, number, True, st.st_size)
        t.handle, t.path, t.name = handle, p, name.decode("utf-8", "replace")
        t.digest = _new_sha256()
        return FileSent(pk, t.transfer, file_id, t.name, st.st_size)

    def file_id(self, pk: bytes, path: Path, size: int, mtime_ns: int) -> bytes:
        import hashlib  # here: see _new_sha256

        h = hashlib.blake2b(digest_size=32, person=b"toxgui file id")
        for part in (self.own_key, pk, os.fsencode(path.resolve()), size.to_bytes(8, "big"),
                     mtime_ns.to_bytes(16, "big", signed=True)):
            h.update(len(part).to_bytes(4, "big") + part)
        return h.digest()

    def accept(self, pk: bytes, transfer: str, path: str | Path | None = None) -> int:
        """Accept an offered file: into `path`, else into the download folder under its
        sanitised name.  Resumes from a `.part` file of the same file id left by an interrupted
        transfer.  Returns the position the transfer starts at."""
        t = self._get(pk, transfer, sending=False)
        offer = t.offer
        if offer is None or t.handle is not None:
            raise TransferError("this file is already accepted")
        if path is not None:
            final = Path(path)
            folder = final.parent
        elif (folder_or_none := self.download_dir) is not None:
            folder = folder_or_none
            final = folder / t.name
        else:
            raise TransferError("no download folder: give a path")
        part = folder / f"{final.name}.{offer.file_id.hex()[:16]}{PART_SUFFIX}"
        start = 0
        handle: BinaryIO
        try:
            folder.mkdir(parents=True, exist_ok=True)
            have = part.stat().st_size if part.is_file() and not part.is_symlink() else 0
            if offer.size is not None and 0 < have < offer.size:
                start = have
                handle = open(part, "r+b")  # noqa: SIM115
            else:
                fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
                handle = os.fdopen(fd, "wb")
        except OSError as e:
            raise TransferError(f"cannot write {part}: {e.strerror or e}") from e
        try:
            if start:
                self.files.seek(pk, t.number, start, self.now())
            self.files.accept(pk, t.number, self.now())
        except FileError:
            handle.close()
            raise
        t.handle, t.path, t.part, t.position = handle, final, part, start
        t.reported_at, t.reported_bytes = self.now(), start
        t.synced = start
        if start == 0:
            t.digest = _new_sha256()
        return start

    def control(self, pk: bytes, transfer: str, action: str) -> None:
        """pause, resume, cancel or reject (an offered file) a transfer."""
        t = self._by_name.get((pk, transfer))
        if t is None:
            raise TransferError(f"no transfer {transfer!r} with this friend")
        now = self.now()
        if action == "pause":
            self.files.pause(pk, t.number, t.sending, now)
        elif action == "resume":
            self.files.resume(pk, t.number, t.sending, now)
        elif action in ("cancel", "reject"):
            if action == "reject" and (t.sending or t.handle is not None):
                raise TransferError("only a file offered to us and not accepted can be rejected")
            self.files.cancel(pk, t.number, t.sending, now)  # its FileDone ends it here
        else:
            raise TransferError(f"unknown action {action!r}")

    # --- core events --------------------------------------------------------------------------

    def handle(self, ev: Event) -> list[Event] | None:
        """The front ends' events for a core file event (None: not a file event)."""
        if isinstance(ev, FileChunkWanted):
            return self._read(ev)
        if isinstance(ev, FileChunk):
            return self._write(ev)
        if isinstance(ev, FileOffer):
            t = self._new(ev.public_key, ev.file_number, False, ev.size)
            if ev.kind == KIND_AVATAR:  # kept by the friend's key: its name is never used
                t.offer, t.name = ev, "avatar"
                return self._avatar_offered(t, ev)
            t.offer, t.name = ev, safe_filename(ev.filename)
            return [FileRequest(ev.public_key, t.transfer, ev.file_id, t.name, ev.size, ev.kind)]
        if isinstance(ev, FriendConnection) and ev.status != Transport.NONE:
            self._offer_avatar(ev.public_key)
            return None
        if isinstance(ev, FileDone):
            return self._done(ev)
        if isinstance(ev, FileControlled):
            ctl = self._by_number.get((ev.public_key, ev.sending, ev.file_number))
            if ctl is None or ev.control not in ("pause", "resume"):
                return []  # an accept shows as progress
            return [FilePaused(ev.public_key, ctl.transfer, ev.control == "pause")]
        return None

    def _read(self, ev: FileChunkWanted) -> list[Event]:
        t = self._by_number.get((ev.public_key, True, ev.file_number))
        if t is None or t.handle is None:
            return []
        try:
            if t.at != ev.position:
                t.handle.seek(ev.position)
            data = t.handle.read(ev.length)
        except OSError as e:
            t.at = -1
            log.warning("reading %s failed: %s", t.path, e)
            return self._fail(t)
        t.at = ev.position + len(data)
        self.files.send_chunk(ev.public_key, ev.file_number, ev.position, data, self.now())
        t.hash_chunk(ev.position, data)
        t.position = ev.position + len(data)
        return self._progress(t)

    def _write(self, ev: FileChunk) -> list[Event]:
        t = self._by_number.get((ev.public_key, False, ev.file_number))
        if t is None or t.handle is None:
            return []
        if t.avatar and ev.position + len(ev.data) > MAX_AVATAR_SIZE:
            return self._fail(t)
        try:
            if t.at != ev.position:  # a seek flushes a buffered writer: only when out of order
                t.handle.seek(ev.position)
            t.at = -1
            t.handle.write(ev.data)
            end = t.at = ev.position + len(ev.data)
            if end - t.synced >= SYNC_EVERY:
                t.handle.flush()
                os.fdatasync(t.handle.fileno())
                t.synced = end
        except OSError as e:
            log.warning("writing %s failed: %s", t.part, e)
            return self._fail(t)
        t.hash_chunk(ev.position, ev.data)
        t.position = end
        return self._progress(t)

    def _progress(self, t: _Transfer) -> list[Event]:
        now = self.now()
        if t.avatar:
            return []
        if now - t.reported_at < PROGRESS_INTERVAL:
            return []
        rate = (t.position - t.reported_bytes) / max(now - t.reported_at, 1e-6)
        t.reported_at, t.reported_bytes = now, t.position
        return [FileProgress(t.pk, t.transfer, t.position, t.size, round(rate, 1))]

    def _fail(self, t: _Transfer) -> list[Event]:
        try:
            self.files.cancel(t.pk, t.number, t.sending, self.now())
        except FileError:
            pass
        return self._finish(t, "io_error")

    def _done(self, ev: FileDone) -> list[Event]:
        t = self._by_number.get((ev.public_key, ev.sending, ev.file_number))
        if t is None:
            return []
        if ev.outcome == "complete":
            return self._finish(t, None)
        reason = {"cancelled": "friend" if ev.by_friend else "us", "interrupted": "disconnected"}
        return self._finish(t, reason.get(ev.outcome, ev.outcome))

    def _finish(self, t: _Transfer, reason: str | None) -> list[Event]:
        """End a transfer here: close, and for a download rename (complete), delete (cancelled)
        or keep (disconnected: to resume) its .part file."""
        self._by_number.pop((t.pk, t.sending, t.number), None)
        self._by_name.pop((t.pk, t.transfer), None)
        handle, t.handle = t.handle, None
        if t.avatar:
            return self._avatar_done(t, handle, reason)
        try:
            if handle is not None:
                if reason is None and not t.sending:
                    handle.flush()
                    os.fsync(handle.fileno())
                handle.close()
            if reason is None:
                path = t.path
                if not t.sending:
                    assert t.part is not None and t.path is not None
                    path = free_name(t.path.parent, t.path.name)
                    os.replace(t.part, path)
                assert path is not None
                return [FileComplete(t.pk, t.transfer, str(path), t.position, t.sha256(path))]
            if t.part is not None and reason in ("us", "friend"):
                t.part.unlink(missing_ok=True)
        except OSError as e:
            log.warning("finishing %s failed: %s", t.path, e)
            reason = "io_error"
        return [FileCancelled(t.pk, t.transfer, reason or "io_error")]

    # --- avatars ------------------------------------------------------------------------------

    def set_avatar(self, data: bytes | None) -> list[Event]:
        """Our avatar (PNG, at most 64 KiB), or None for none; sent to every online friend now
        and to each friend when they come online (once per friend while it is unchanged)."""
        if self.avatars is None:
            raise TransferError("avatars are not kept for this profile")
        if data is not None:
            if len(data) > MAX_AVATAR_SIZE:
                raise TransferError(f"an avatar is at most {MAX_AVATAR_SIZE // 1024} KiB; scale it down first")
            if not data.startswith(PNG_MAGIC):
                raise TransferError("an avatar is a PNG image")
            try:
                path: str | None = str(self.avatars.save(self.own_key, data))
            except OSError as e:
                raise TransferError(f"cannot store the avatar: {e.strerror or e}") from e
        else:
            self.avatars.remove(self.own_key)
            path = None
        self.own_avatar = data
        self._avatar_sent.clear()
        for f in self.files.friends:
            if self.files.messenger.is_online(f.public_key):
                self._offer_avatar(f.public_key)
        return [AvatarChanged(self.own_key, path)]

    def _offer_avatar(self, pk: bytes) -> None:
        """Send our avatar (or "none": size 0) to a friend unless it went out unchanged already."""
        if self.avatars is None:
            return
        data = self.own_avatar
        digest = sha256(data) if data is not None else b""
        if self._avatar_sent.get(pk) == digest:
            return
        try:
            if data is None:
                number = self.files.send_file(pk, KIND_AVATAR, 0, os.urandom(32), b"", self.now())
            else:
                number = self.files.send_file(pk, KIND_AVATAR, len(data), digest, digest, self.now())
        except FileError as e:
            log.debug("avatar not sent: %s", e)
            return
        self._avatar_sent[pk] = digest
        t = self._new(pk, number, True, len(data or b""))
        t.avatar, t.handle = True, io.BytesIO(data or b"")

    def _avatar_offered(self, t: _Transfer, ev: FileOffer) -> list[Event]:
        """A friend's avatar: none (size 0), unchanged (its hash is the one stored), too big, or
        new (taken, in memory)."""
        assert self.avatars is not None
        t.avatar = True
        pk, now = ev.public_key, self.now()
        take = ev.size is not None and 0 < ev.size <= MAX_AVATAR_SIZE and ev.file_id != self.avatars.hash(pk)
        if not take:
            self._by_number.pop((pk, False, t.number), None)
            self._by_name.pop((pk, t.transfer), None)
            try:
                self.files.cancel(pk, t.number, False, now)
            except FileError:
                pass
            if ev.size == 0 and self.avatars.remove(pk):
                return [AvatarChanged(pk, None)]
            return []
        t.handle = io.BytesIO()
        try:
            self.files.accept(pk, t.number, now)
        except FileError:
            return []
        return []

    def _avatar_done(self, t: _Transfer, handle: BinaryIO | None, reason: str | None) -> list[Event]:
        if reason is not None or t.sending or self.avatars is None or not isinstance(handle, io.BytesIO):
            return []
        data = handle.getvalue()
        try:
            path = self.avatars.save(t.pk, data)
        except OSError as e:
            log.warning("storing an avatar failed: %s", e)
            return []
        return [AvatarChanged(t.pk, str(path))]

    # --- helpers ------------------------------------------------------------------------------

    def _new(self, pk: bytes, number: int, sending: bool, size: int | None) -> _Transfer:
        self._serial += 1
        t = _Transfer(pk, number, sending, f"{'out' if sending else 'in'}-{self._serial}", size)
        self._by_number[(pk, sending, number)] = t
        self._by_name[(pk, t.transfer)] = t
        return t

    def _get(self, pk: bytes, transfer: str, sending: bool) -> _Transfer:
        t = self._by_name.get((pk, transfer))
        if t is None or t.sending != sending:
            raise TransferError(f"no {'outgoing' if sending else 'incoming'} transfer {transfer!r} with this friend")
        return t

    def close(self) -> None:
        for t in self._by_number.values():
            if t.handle is not None:
                t.handle.close()
        self._by_number.clear()
        self._by_name.clear()


def _new_sha256() -> hashlib._Hash:
    """A running SHA-256 of a file's bytes.  hashlib is imported here, on the first file: it loads
    OpenSSL's libcrypto (about 4 MB resident), which a node that moves no file does not need."""
    import hashlib

    return hashlib.sha256()


def _sha256(path: Path) -> str:
    h = _new_sha256()
    with open(path, "rb") as f:
        while block := f.read(HASH_BLOCK):
            h.update(block)
    return h.hexdigest()

