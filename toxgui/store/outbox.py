"""The outgoing-message queue on disk: unconfirmed messages survive a restart or a crash.

Two files beside the profile `P.tox`:

* `P.queue.json`: a snapshot of every unconfirmed message, written atomically (a temporary file
  made with mkstemp in the same folder, fsynced, renamed over, the folder fsynced);
* `P.queue.journal`: one line appended (and flushed) per message sent since the last snapshot,
  so a kill right after `send` loses nothing; the next snapshot empties it.  A line a kill cut
  short is skipped when read, and the next append starts on a fresh line.

Beside an encrypted profile both are encrypted: every journal line and the snapshot are sealed
with SecretBox (a fresh random nonce each) under a key derived from the profile's key, so the
message text never reaches the disk in any encoding.  Every file is created 0600 and never
opened through a name an attacker could have planted (no fixed temporary names, O_NOFOLLOW on the
journal).  Unreadable lines or snapshots are skipped with a warning, never fatal.
"""

from __future__ import annotations

import binascii
import contextlib
import json
import logging
import os
from pathlib import Path

import nacl.exceptions
from nacl import bindings as nb

from toxgui.store.paths import new_temp_file

log = logging.getLogger(__name__)

Item = tuple[int, str, bytes, float]  # id, kind, data, queued_at
_SEALED = "sealed:"  # prefix of an encrypted journal line


def outbox_key(profile_key: bytes) -> bytes:
    """The outbox's own key, derived from the profile's encryption key (never the same key)."""
    return bytes(nb.crypto_generichash_blake2b_salt_personal(b"toxgui outbox v1", digest_size=32, key=profile_key[:64]))


class Outbox:
    def __init__(self, profile_path: Path, key: bytes | None = None) -> None:
        p = Path(profile_path)
        self.snapshot_path = p.with_name(p.stem + ".queue.json")
        self.journal_path = p.with_name(p.stem + ".queue.journal")
        # XSalsa20-Poly1305 as nacl.secret.SecretBox: nonce | box (through nacl.bindings, as the
        # core does: nacl.secret brings nacl.encoding and base64)
        self._key = key

    # --- encoding -------------------------------------------------------------------------------

    def _seal(self, text: str) -> str:
        assert self._key is not None
        nonce = nb.randombytes(nb.crypto_secretbox_NONCEBYTES)
        box = nonce + nb.crypto_secretbox(text.encode("utf-8"), nonce, self._key)
        return binascii.b2a_base64(box, newline=False).decode("ascii")

    def _open(self, sealed: str) -> str:
        assert self._key is not None
        # strict: the base64 alphabet and padding only, as base64.b64decode(validate=True)
        raw = binascii.a2b_base64(sealed.encode("ascii"), strict_mode=True)
        n = nb.crypto_secretbox_NONCEBYTES
        if len(raw) < n + nb.crypto_secretbox_MACBYTES:
            raise nacl.exceptions.CryptoError("sealed text too short")
        return bytes(nb.crypto_secretbox_open(raw[n:], raw[:n], self._key)).decode("utf-8")

    @staticmethod
    def _entry(pk: bytes | None, item: Item) -> dict[str, object]:
        mid, kind, data, queued_at = item
        d: dict[str, object] = {"id": mid, "kind": kind, "text_hex": data.hex(), "queued_at": queued_at}
        if pk is not None:
            d["public_key"] = pk.hex().upper()
        return d

    # --- writing --------------------------------------------------------------------------------

    def append(self, pk: bytes, items: list[Item]) -> None:
        """Journal messages just queued (flushed, not fsynced: it survives the process dying)."""
        lines = []
        for item in items:
            line = json.dumps(self._entry(pk, item))
            lines.append((_SEALED + self._seal(line)) if self._key is not None else line)
        data = "".join(x + "\n" for x in lines).encode("ascii" if self._key else "utf-8")
        fd = os.open(self.journal_path, os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        try:
            # A kill can cut a write short (the kernel stops copying at a fatal signal): a last
            # line without its newline would swallow the first line written after it.
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":
                data = b"\n" + data
            while data:
                data = data[os.write(fd, data):]
        finally:
            os.close(fd)

    def save(self, queues: dict[bytes, list[Item]]) -> None:
        """Write every unconfirmed message (atomically, fsynced; no file when there is none),
        then drop the journal it now contains."""
        data = {pk.hex().upper(): [self._entry(None, it) for it in items] for pk, items in queues.items() if items}
        if not data:
            with contextlib.suppress(FileNotFoundError):
                self.snapshot_path.unlink()
        else:
            doc: dict[str, object] = {"version": 1, "queues": data}
            if self._key is not None:
                doc = {"version": 2, "sealed": self._seal(json.dumps(doc))}
            atomic_write(self.snapshot_path, json.dumps(doc).encode("utf-8"))
        with contextlib.suppress(FileNotFoundError):
            self.journal_path.unlink()

    # --- reading --------------------------------------------------------------------------------

    def load(self) -> dict[bytes, list[Item]]:
        out: dict[bytes, list[Item]] = {}
        try:
            raw = json.loads(self.snapshot_path.read_text(encoding="utf-8"))
            if isinstance(raw, dict) and "sealed" in raw:
                raw = json.loads(self._open(str(raw["sealed"]))) if self._key is not None else {}
            for pk_hex, msgs in raw.get("queues", {}).items():
                out[bytes.fromhex(pk_hex)] = [_item(m) for m in msgs]
        except FileNotFoundError:
            pass
        except (OSError, ValueError, KeyError, TypeError, AttributeError, AssertionError,
                nacl.exceptions.CryptoError) as e:
            log.warning("ignoring an unreadable outgoing queue %s: %s", self.snapshot_path.name, type(e).__name__)
            out = {}
        try:
            lines = self.journal_path.read_text(encoding="utf-8", errors="replace").splitlines()
        except FileNotFoundError:
            lines = []
        except OSError as e:
            log.warning("ignoring an unreadable queue journal %s: %s", self.journal_path.name, e)
            lines = []
        for line in lines:  # a line cut short by a crash, or sealed with another key, is skipped
            try:
                if line.startswith(_SEALED):
                    if self._key is None:
                        continue
                    line = self._open(line[len(_SEALED):])
                m = json.loads(line)
                out.setdefault(bytes.fromhex(m["public_key"]), []).append(_item(m))
            except (ValueError, KeyError, TypeError, nacl.exceptions.CryptoError):
                continue
        for pk, items in out.items():  # one entry per id, the snapshot's first
            seen: set[int] = set()
            kept = []
            for it in items:
                if it[0] not in seen:
                    seen.add(it[0])
                    kept.append(it)
            out[pk] = kept
        return out


def _item(m: dict[str, object]) -> Item:
    return (int(str(m["id"])), str(m["kind"]), bytes.fromhex(str(m["text_hex"])), float(str(m.get("queued_at", 0.0))))


def atomic_write(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace `path` with `data` atomically: a fresh temporary file in the same folder (O_EXCL, a
    random name, 0600), fsynced, renamed over `path`, then the folder fsynced."""
    folder = path.parent
    fd, tmp = new_temp_file(folder, path.name)
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), mode)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    dfd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dfd)
    finally:
        os.close(dfd)
