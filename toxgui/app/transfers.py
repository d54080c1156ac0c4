"""Files on disk for the core's file transfers (toxgui.core.files): the application side.

The core asks for each chunk of a file we send (`FileChunkWanted`) and hands over each chunk of
a file we receive (`FileChunk`); this module reads and writes them, a chunk at a time, never a
whole file in memory.

A file we receive is written to `PATH.part` and renamed to PATH when complete.  When a transfer
is interrupted the `.part` file stays; offered the same file again (same file id, same size),
`accept` seeks past what the `.part` file already holds, so the transfer resumes where it
stopped.  A file we send gets a file id derived from our key, the friend's, its path, size and
modification time: offering the same unchanged file again gives the same id, which is how the
friend recognises it (c-toxcore clients use the id the same way).
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from toxgui.core.events import Event, FileChunk, FileChunkWanted, FileDone, FileOffer
from toxgui.core.files import MAX_FILENAME, FileError, FileTransfers
from toxgui.core.spec import split_utf8

log = logging.getLogger(__name__)

PART_SUFFIX = ".part"
KIND_DATA = 0


class TransferError(ValueError):
    """A file command that cannot be carried out; the message says why, for the user."""


@dataclass
class _Open:
    handle: BinaryIO
    path: Path  # the file sent, or the final name of the file received
    size: int | None


class DiskTransfers:
    def __init__(self, files: FileTransfers, own_key: bytes, now: Callable[[], float]) -> None:
        self.files = files
        self.own_key = own_key
        self.now = now
        self.offers: dict[tuple[bytes, int], FileOffer] = {}
        self._sending: dict[tuple[bytes, int], _Open] = {}
        self._receiving: dict[tuple[bytes, int], _Open] = {}

    # --- commands -----------------------------------------------------------------------------

    def send(self, pk: bytes, path: str | Path) -> tuple[int, bytes, int]:
        """Offer a regular file to an online friend: (file number, file id, size)."""
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
            name = split_utf8(p.name.encode("utf-8", "surrogateescape"), MAX_FILENAME)[0] if p.name else b""
            number = self.files.send_file(pk, KIND_DATA, st.st_size, file_id, name, self.now())
        except (FileError, TransferError):
            handle.close()
            raise
        self._sending[(pk, number)] = _Open(handle, p, st.st_size)
        return number, file_id, st.st_size

    def file_id(self, pk: bytes, path: Path, size: int, mtime_ns: int) -> bytes:
        h = hashlib.blake2b(digest_size=32, person=b"toxgui file id")
        for part in (self.own_key, pk, os.fsencode(path.resolve()), size.to_bytes(8, "big"),
                     mtime_ns.to_bytes(16, "big", signed=True)):
            h.update(len(part).to_bytes(4, "big") + part)
        return h.digest()

    def accept(self, pk: bytes, number: int, path: str | Path) -> int:
        """Accept an offered file into `path` (written as PATH.part until complete); resumes a
        `.part` file left by an interrupted transfer of the same size.  Returns the position the
        transfer starts at."""
        offer = self.offers.get((pk, number))
        if offer is None:
            raise TransferError(f"no file {number} offered by this friend")
        final = Path(path)
        part = final.with_name(final.name + PART_SUFFIX)
        start = 0
        handle: BinaryIO
        try:
            if part.exists() and offer.size is not None and 0 < part.stat().st_size < offer.size:
                start = part.stat().st_size
                handle = open(part, "r+b")  # noqa: SIM115
            else:
                handle = open(part, "wb")  # noqa: SIM115
        except OSError as e:
            raise TransferError(f"cannot write {part}: {e.strerror or e}") from e
        try:
            if start:
                self.files.seek(pk, number, start, self.now())
            self.files.accept(pk, number, self.now())
        except FileError:
            handle.close()
            raise
        self._receiving[(pk, number)] = _Open(handle, final, offer.size)
        return start

    # --- core events --------------------------------------------------------------------------

    def handle(self, ev: Event) -> bool:
        """Act on a file event; True when it is internal (not for the front ends)."""
        if isinstance(ev, FileChunkWanted):
            self._read(ev)
            return True
        if isinstance(ev, FileChunk):
            self._write(ev)
            return True
        if isinstance(ev, FileOffer):
            self.offers[(ev.public_key, ev.file_number)] = ev
        elif isinstance(ev, FileDone):
            self._done(ev)
        return False

    def _read(self, ev: FileChunkWanted) -> None:
        f = self._sending.get((ev.public_key, ev.file_number))
        if f is None:
            return
        try:
            f.handle.seek(ev.position)
            data = f.handle.read(ev.length)
        except OSError as e:
            log.warning("reading %s failed (%s): cancelling the transfer", f.path, e)
            self._cancel(ev.public_key, ev.file_number, True)
            return
        self.files.send_chunk(ev.public_key, ev.file_number, ev.position, data, self.now())

    def _write(self, ev: FileChunk) -> None:
        f = self._receiving.get((ev.public_key, ev.file_number))
        if f is None:
            return
        try:
            f.handle.seek(ev.position)
            f.handle.write(ev.data)
        except OSError as e:
            log.warning("writing %s failed (%s): cancelling the transfer", f.path, e)
            self._cancel(ev.public_key, ev.file_number, False)

    def _cancel(self, pk: bytes, number: int, sending: bool) -> None:
        try:
            self.files.cancel(pk, number, sending, self.now())
        except FileError:
            pass

    def _done(self, ev: FileDone) -> None:
        key = (ev.public_key, ev.file_number)
        if ev.sending:
            f = self._sending.pop(key, None)
            if f is not None:
                f.handle.close()
            return
        self.offers.pop(key, None)
        f = self._receiving.pop(key, None)
        if f is None:
            return
        part = f.path.with_name(f.path.name + PART_SUFFIX)
        try:
            if ev.outcome == "complete":
                f.handle.flush()
                os.fsync(f.handle.fileno())
            f.handle.close()
            if ev.outcome == "complete":
                os.replace(part, f.path)
            elif ev.outcome == "cancelled":
                part.unlink(missing_ok=True)
            # interrupted: the .part file stays, to resume from when the file is offered again
        except OSError as e:
            log.warning("finishing %s failed: %s", f.path, e)

    def close(self) -> None:
        for f in [*self._sending.values(), *self._receiving.values()]:
            f.handle.close()
        self._sending.clear()
        self._receiving.clear()
