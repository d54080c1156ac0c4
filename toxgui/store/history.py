"""Chat history and the outgoing message queue: one SQLite file per profile.

The database lives next to the profile: ``alice.tox`` keeps its history in ``alice.db``
(`history_path`). It runs in WAL mode with foreign keys on.

Schema versions are counted by ``PRAGMA user_version``; `MIGRATIONS[i]` takes a database from
version ``i`` to ``i + 1``, inside one transaction. A database newer than this code is refused.

Tables (version 3)::

    meta(key TEXT PRIMARY KEY, value BLOB)                  -- kdf salt, key check
    peers(id INTEGER PRIMARY KEY, public_key BLOB UNIQUE)   -- one row per friend
    messages(id INTEGER PRIMARY KEY, peer -> peers.id, direction 0=in/1=out, ts REAL (unix),
             kind 0=normal/1=action, body BLOB, state 0=pending/1=sent/2=delivered,
             receipt INTEGER)                               -- index (peer, ts)

Outgoing messages start ``pending`` (queued, e.g. while the friend is offline), become ``sent``
with the receipt id the backend returned (`mark_sent`), and ``delivered`` when the friend's read
receipt with that id arrives (`mark_delivered`). Anything not yet delivered is kept in the queue
(`undelivered`) and survives a restart. Incoming messages are stored as ``delivered``.

Encryption at rest
------------------
stdlib sqlite3 cannot encrypt pages, so for a password-protected profile every message body is
sealed on its own with XChaCha20-Poly1305 (libsodium's AEAD; a random 24-byte nonce stored in
front of the ciphertext), with the row's identity as associated data (the peer's public key, the
direction, the kind and the timestamp): a body moved to another friend's row, or with its
direction flipped, no longer opens.  A row that does not open, or that is malformed in any way,
reads as `unreadable` (its text empty), never as garbage and never as an exception.  Histories
written by older versions (SecretBox bodies without associated data) are re-sealed when first
opened with the key (schema 4).  The database and its -wal/-shm files are created 0600.  The 32-byte key is passed in by the caller; it must be derived from the profile
password with `derive_key`::

    salt = History.kdf_salt(db_path)        # random, created on first use, kept in `meta`
    key = derive_key(password, salt)        # Argon2id (libsodium crypto_pwhash, "interactive")

`derive_key` is slow on purpose (tenths of a second, 64 MiB): run it off the event loop. The key
is independent of the .tox file's own toxEsave key, whose salt changes with every save. A key
check value (a sealed constant) in `meta` lets a wrong key fail at open (`HistoryKeyError`)
rather than produce garbage. When a key is given for a history that was written in plaintext
(the profile got a password later), the existing bodies are sealed in place; ``secure_delete``
is on for encrypted histories so the old pages are overwritten, and the WAL is checkpointed and
truncated. Public keys, timestamps and message states stay in clear: they are needed for lookups.
"""

from __future__ import annotations

import os
import sqlite3
import struct
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from enum import IntEnum
from pathlib import Path
from typing import Any

import nacl.bindings
import nacl.pwhash
import nacl.secret
import nacl.utils
from nacl.exceptions import CryptoError

from toxgui.core.record import record

KEY_SIZE = nacl.secret.SecretBox.KEY_SIZE
_NONCE_SIZE = nacl.bindings.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
aead_encrypt = nacl.bindings.crypto_aead_xchacha20poly1305_ietf_encrypt
aead_decrypt = nacl.bindings.crypto_aead_xchacha20poly1305_ietf_decrypt


def _ad(pk: bytes, direction: int, kind: int, ts: float) -> bytes:
    """The associated data binding a sealed body to its row."""
    return b"toxgui history body v2" + pk + bytes([int(direction) & 0xFF, int(kind) & 0xFF]) + struct.pack(">d", ts)


def _as_bytes(value: object) -> bytes:
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value)
    if isinstance(value, str):
        return value.encode("utf-8", "surrogateescape")
    raise TypeError("not a message body")
SALT_SIZE = nacl.pwhash.argon2id.SALTBYTES
_KEY_CHECK = b"toxgui history key check v1"


class HistoryError(Exception):
    """The history database cannot be used."""


class HistoryKeyError(HistoryError):
    """The key is wrong, or missing for an encrypted history."""


class Direction(IntEnum):
    IN = 0
    OUT = 1


class State(IntEnum):
    PENDING = 0
    SENT = 1
    DELIVERED = 2


class Kind(IntEnum):
    NORMAL = 0
    ACTION = 1


@record(frozen=True, slots=True)
class StoredMessage:
    id: int
    peer: bytes
    direction: Direction
    ts: float
    kind: Kind
    text: str
    state: State
    receipt: int | None
    unreadable: bool = False  # the body did not open (tampered, another key) or the row is malformed

    @property
    def outgoing(self) -> bool:
        return self.direction == Direction.OUT


def history_path(profile_path: Path) -> Path:
    """``<profile>.db`` next to the ``<profile>.tox`` file."""
    return Path(profile_path).with_suffix(".db")


def derive_key(password: str, salt: bytes) -> bytes:
    """The history key for a profile password: Argon2id(password, salt) -> 32 bytes."""
    if len(salt) != SALT_SIZE:
        raise ValueError(f"salt must be {SALT_SIZE} bytes")
    return bytes(
        nacl.pwhash.argon2id.kdf(
            KEY_SIZE,
            password.encode("utf-8"),
            salt,
            opslimit=nacl.pwhash.argon2id.OPSLIMIT_INTERACTIVE,
            memlimit=nacl.pwhash.argon2id.MEMLIMIT_INTERACTIVE,
        )
    )


# --- migrations: MIGRATIONS[i] upgrades user_version i -> i + 1 -------------------------------


def _m1_base(db: sqlite3.Connection) -> None:
    db.execute("CREATE TABLE peers (id INTEGER PRIMARY KEY, public_key BLOB NOT NULL UNIQUE)")
    db.execute(
        "CREATE TABLE messages ("
        " id INTEGER PRIMARY KEY,"
        " peer INTEGER NOT NULL REFERENCES peers(id) ON DELETE CASCADE,"
        " direction INTEGER NOT NULL,"
        " ts REAL NOT NULL,"
        " kind INTEGER NOT NULL DEFAULT 0,"
        " body BLOB NOT NULL,"
        " state INTEGER NOT NULL,"
        " receipt INTEGER)"
    )
    db.execute("CREATE INDEX messages_peer_ts ON messages (peer, ts)")


def _m2_meta(db: sqlite3.Connection) -> None:
    """Key/value table for the key-derivation salt and the key check."""
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB)")


def _m3_queue_index(db: sqlite3.Connection) -> None:
    """Partial index over the outgoing queue (messages not yet delivered)."""
    db.execute("CREATE INDEX messages_queue ON messages (peer, id) WHERE direction = 1 AND state < 2")


def _m4_bound_bodies(db: sqlite3.Connection) -> None:
    """Sealed bodies bound to their rows (XChaCha20-Poly1305 with associated data).  The bodies
    themselves are re-sealed by History when it is first opened with the key (`_upgrade_bodies`),
    which this migration cannot do without it; `body_format` in meta records the step."""
    db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('body_format', X'01')")


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_m1_base, _m2_meta, _m3_queue_index, _m4_bound_bodies]
SCHEMA_VERSION = len(MIGRATIONS)


def user_version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Apply migrations up to `target`, each step in its own transaction; returns the version."""
    version = user_version(db)
    if version > SCHEMA_VERSION:
        raise HistoryError(f"history schema {version} is newer than this program ({SCHEMA_VERSION})")
    while version < target:
        with _tx(db):  # one transaction per step; sqlite DDL is transactional
            MIGRATIONS[version](db)
            db.execute(f"PRAGMA user_version = {version + 1}")
        version += 1
    return version


@contextmanager
def _tx(db: sqlite3.Connection) -> Iterator[None]:
    """One explicit transaction (the connection is in autocommit mode)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _connect(path: Path | str) -> sqlite3.Connection:
    if str(path) != ":memory:":
        # Created 0600 before sqlite opens it: sqlite gives the -wal and -shm files the database's
        # own permissions.  An existing database is narrowed to 0600 too.
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        try:
            os.fchmod(fd, 0o600)
        finally:
            os.close(fd)
    db = sqlite3.connect(str(path), isolation_level=None)
    db.text_factory = lambda raw: raw.decode("utf-8", "replace")  # a malformed TEXT value never raises
    db.execute("PRAGMA foreign_keys = ON")
    if str(path) != ":memory:":
        db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    return db


class History:
    """The history of one profile. Not thread-safe: use it from the thread that opened it."""

    PAGE = 50

    def __init__(self, path: Path | str, key: bytes | None = None) -> None:
        if key is not None and len(key) != KEY_SIZE:
            raise ValueError(f"key must be {KEY_SIZE} bytes")
        self.path = path
        self._db = _connect(path)
        try:
            migrate(self._db)
            self._box = nacl.secret.SecretBox(key) if key is not None else None
            self._key = bytes(key) if key is not None else b""
            self._check_key()
        except BaseException:
            self._db.close()
            raise
        self._peer_ids: dict[bytes, int] = {}
        self._closed = False

    # --- key handling -----------------------------------------------------------------------

    @staticmethod
    def kdf_salt(path: Path | str) -> bytes:
        """The salt for `derive_key`, created (and the schema set up) on first use."""
        db = _connect(path)
        try:
            migrate(db)
            row = db.execute("SELECT value FROM meta WHERE key = 'kdf_salt'").fetchone()
            if row is not None:
                return bytes(row[0])
            salt = nacl.utils.random(SALT_SIZE)
            with _tx(db):
                db.execute("INSERT INTO meta (key, value) VALUES ('kdf_salt', ?)", (salt,))
            return salt
        finally:
            db.close()

    @property
    def encrypted(self) -> bool:
        return self._box is not None

    def _meta(self, key: str) -> bytes | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else bytes(row[0])

    def _check_key(self) -> None:
        check = self._meta("key_check")
        if self._box is None:
            if check is not None:
                raise HistoryKeyError("this history is encrypted and needs the profile password")
            return
        if check is not None:
            try:
                ok = self._box.decrypt(check) == _KEY_CHECK
            except CryptoError:
                ok = False
            if not ok:
                raise HistoryKeyError("wrong key for this history")
            self._db.execute("PRAGMA secure_delete = ON")
            self._upgrade_bodies()
            return
        # first use with a key: seal whatever plaintext is there, then record the check value
        self._db.execute("PRAGMA secure_delete = ON")
        with _tx(self._db):
            rows = self._db.execute(
                "SELECT m.id, m.body, p.public_key, m.direction, m.kind, m.ts FROM messages m"
                " JOIN peers p ON p.id = m.peer"
            ).fetchall()
            self._db.executemany(
                "UPDATE messages SET body = ? WHERE id = ?",
                [(self._seal(_as_bytes(body), _ad(bytes(pk), d, k, ts)), mid) for mid, body, pk, d, k, ts in rows],
            )
            self._db.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('key_check', ?)",
                (self._box.encrypt(_KEY_CHECK),),
            )
            self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('body_format', X'02')")
        if rows:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._db.execute("VACUUM")

    @property
    def key(self) -> bytes | None:
        """The key the history is open with (None: not encrypted)."""
        return self._key if self._box is not None else None

    def rekey(self, key: bytes | None) -> None:
        """Re-seal every message with `key`, or store them in the clear with None (the profile's
        password was changed or removed), in one transaction: on any failure nothing changes.
        Old bodies are overwritten in the file (`secure_delete`, then VACUUM)."""
        if key is not None and len(key) != KEY_SIZE:
            raise ValueError(f"key must be {KEY_SIZE} bytes")
        new_box = nacl.secret.SecretBox(key) if key is not None else None
        self._db.execute("PRAGMA secure_delete = ON")
        with _tx(self._db):
            rows = self._db.execute(
                "SELECT m.id, m.body, p.public_key, m.direction, m.kind, m.ts FROM messages m"
                " JOIN peers p ON p.id = m.peer"
            ).fetchall()
            updates = []
            for mid, body, pk, d, k, ts in rows:
                ad = _ad(bytes(pk), d, k, ts)
                text = self._open(body, ad)
                if text is None:
                    continue  # unreadable already: left as it is
                plain = text.encode("utf-8")
                if key is None:
                    updates.append((plain, mid))
                else:
                    nonce = nacl.utils.random(_NONCE_SIZE)
                    updates.append((nonce + bytes(aead_encrypt(plain, ad, nonce, key)), mid))
            self._db.executemany("UPDATE messages SET body = ? WHERE id = ?", updates)
            if new_box is None:
                self._db.execute("DELETE FROM meta WHERE key = 'key_check'")
            else:
                self._db.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('key_check', ?)",
                    (new_box.encrypt(_KEY_CHECK),),
                )
            self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('body_format', X'02')")
        self._box = new_box
        self._key = bytes(key) if key is not None else b""
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._db.execute("VACUUM")

    def _upgrade_bodies(self) -> None:
        """Bodies sealed by an older version (SecretBox, not bound to their rows): re-seal them
        bound, once, in one transaction."""
        if self._meta("body_format") != b"\x01" or self._box is None:
            return
        with _tx(self._db):
            rows = self._db.execute(
                "SELECT m.id, m.body, p.public_key, m.direction, m.kind, m.ts FROM messages m"
                " JOIN peers p ON p.id = m.peer"
            ).fetchall()
            updates = []
            for mid, body, pk, d, k, ts in rows:
                try:
                    plain = bytes(self._box.decrypt(_as_bytes(body)))
                except (CryptoError, TypeError, ValueError):
                    continue  # already unreadable: left as it is
                updates.append((self._seal(plain, _ad(bytes(pk), d, k, ts)), mid))
            self._db.executemany("UPDATE messages SET body = ? WHERE id = ?", updates)
            self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('body_format', X'02')")

    def _seal(self, plain: bytes, ad: bytes) -> bytes:
        if self._box is None:
            return plain
        nonce = nacl.utils.random(_NONCE_SIZE)
        return nonce + bytes(aead_encrypt(plain, ad, nonce, self._key))

    def _open(self, body: object, ad: bytes) -> str | None:
        """The text, or None when the body does not open or is not text."""
        raw = _as_bytes(body)
        if self._box is None:
            return raw.decode("utf-8", "replace")
        try:
            plain = bytes(aead_decrypt(raw[_NONCE_SIZE:], ad, raw[:_NONCE_SIZE], self._key))
            return plain.decode("utf-8")
        except (CryptoError, ValueError, TypeError):
            return None

    # --- peers ------------------------------------------------------------------------------

    def _peer(self, pk: bytes, create: bool = True) -> int | None:
        pid = self._peer_ids.get(pk)
        if pid is not None:
            return pid
        row = self._db.execute("SELECT id FROM peers WHERE public_key = ?", (pk,)).fetchone()
        if row is None:
            if not create:
                return None
            with _tx(self._db):
                cur = self._db.execute("INSERT INTO peers (public_key) VALUES (?)", (pk,))
            pid = int(cur.lastrowid or 0)
        else:
            pid = int(row[0])
        self._peer_ids[pk] = pid
        return pid

    def peers(self) -> list[bytes]:
        return [bytes(r[0]) for r in self._db.execute("SELECT public_key FROM peers ORDER BY id")]

    def forget_peer(self, pk: bytes) -> None:
        """Delete a peer and all its messages."""
        with _tx(self._db):
            self._db.execute("DELETE FROM peers WHERE public_key = ?", (pk,))
        self._peer_ids.pop(pk, None)

    def clear(self, pk: bytes) -> int:
        """Delete the conversation with `pk`, except outgoing messages not yet delivered (the
        queue: they are still to be sent). Deleted bodies are overwritten in the file
        (`secure_delete`), not only unlinked. Returns how many messages were deleted."""
        peer = self._peer(pk, create=False)
        if peer is None:
            return 0
        self._db.execute("PRAGMA secure_delete = ON")
        with _tx(self._db):
            cur = self._db.execute(
                "DELETE FROM messages WHERE peer = ? AND NOT (direction = 1 AND state < ?)",
                (peer, int(State.DELIVERED)),
            )
        return int(cur.rowcount)

    # --- writing ----------------------------------------------------------------------------

    def add(
        self,
        pk: bytes,
        direction: Direction,
        text: str,
        *,
        kind: Kind = Kind.NORMAL,
        ts: float | None = None,
        state: State | None = None,
        receipt: int | None = None,
    ) -> StoredMessage:
        """Store one message; incoming ones default to delivered, outgoing to pending."""
        if state is None:
            state = State.DELIVERED if direction == Direction.IN else State.PENDING
        ts = time.time() if ts is None else ts
        peer = self._peer(pk)
        with _tx(self._db):
            cur = self._db.execute(
                "INSERT INTO messages (peer, direction, ts, kind, body, state, receipt) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (peer, int(direction), ts, int(kind), self._seal(text.encode("utf-8"), _ad(pk, direction, kind, ts)),
                 int(state), receipt),
            )
        return StoredMessage(int(cur.lastrowid or 0), pk, direction, ts, kind, text, state, receipt)

    def add_incoming(self, pk: bytes, text: str, kind: Kind = Kind.NORMAL, ts: float | None = None) -> StoredMessage:
        return self.add(pk, Direction.IN, text, kind=kind, ts=ts)

    def add_outgoing(self, pk: bytes, text: str, kind: Kind = Kind.NORMAL, ts: float | None = None) -> StoredMessage:
        """Queue an outgoing message (state pending)."""
        return self.add(pk, Direction.OUT, text, kind=kind, ts=ts)

    def add_many(self, rows: Iterable[tuple[bytes, Direction, str, Kind, float, State]]) -> None:
        """Bulk insert (imports, tests) in one transaction."""
        params = [
            (self._peer(pk), int(d), ts, int(k), self._seal(text.encode("utf-8"), _ad(pk, d, k, ts)), int(s))
            for pk, d, text, k, ts, s in rows
        ]
        with _tx(self._db):
            self._db.executemany(
                "INSERT INTO messages (peer, direction, ts, kind, body, state) VALUES (?, ?, ?, ?, ?, ?)",
                params,
            )

    def mark_sent(self, message_id: int, receipt: int) -> None:
        with _tx(self._db):
            self._db.execute(
                "UPDATE messages SET state = ?, receipt = ? WHERE id = ? AND state < ?",
                (int(State.SENT), receipt, message_id, int(State.DELIVERED)),
            )

    def mark_delivered(self, pk: bytes, receipt: int) -> int | None:
        """Mark the (latest) sent message to `pk` with this receipt id delivered; returns its id."""
        peer = self._peer(pk, create=False)
        if peer is None:
            return None
        row = self._db.execute(
            "SELECT id FROM messages WHERE peer = ? AND direction = 1 AND state = ? AND receipt = ?"
            " ORDER BY id DESC LIMIT 1",
            (peer, int(State.SENT), receipt),
        ).fetchone()
        if row is None:
            return None
        with _tx(self._db):
            self._db.execute("UPDATE messages SET state = ? WHERE id = ?", (int(State.DELIVERED), row[0]))
        return int(row[0])

    def requeue(self, pk: bytes) -> None:
        """Back to pending: every sent-but-undelivered message to `pk` (e.g. the link dropped)."""
        peer = self._peer(pk, create=False)
        if peer is None:
            return
        with _tx(self._db):
            self._db.execute(
                "UPDATE messages SET state = ?, receipt = NULL WHERE peer = ? AND direction = 1 AND state = ?",
                (int(State.PENDING), peer, int(State.SENT)),
            )

    # --- reading ----------------------------------------------------------------------------

    _COLS = "m.id, m.direction, m.ts, m.kind, m.body, m.state, m.receipt"

    def _rows(self, pk: bytes, rows: Sequence[Sequence[Any]]) -> list[StoredMessage]:
        return [self._row(pk, row) for row in rows]

    def _row(self, pk: bytes, row: Sequence[Any]) -> StoredMessage:
        """One row as a message; anything malformed reads as an unreadable message."""
        i, d, ts, k, b, s, r = row
        try:
            direction, kind, state = Direction(d), Kind(k), State(s)
            when = float(ts)
            receipt = None if r is None else int(r)
        except (ValueError, TypeError):
            return StoredMessage(int(i), pk, Direction.IN, 0.0, Kind.NORMAL, "", State.DELIVERED, None, True)
        text = self._open(b, _ad(pk, direction, kind, when))
        return StoredMessage(int(i), pk, direction, when, kind, text or "", state, receipt, text is None)

    def latest(self, pk: bytes, n: int = PAGE) -> list[StoredMessage]:
        """The newest `n` messages with `pk`, oldest first."""
        peer = self._peer(pk, create=False)
        if peer is None:
            return []
        rows = self._db.execute(
            f"SELECT {self._COLS} FROM messages m WHERE m.peer = ? ORDER BY m.ts DESC, m.id DESC LIMIT ?",
            (peer, n),
        ).fetchall()
        return self._rows(pk, rows[::-1])

    def before(self, pk: bytes, message_id: int, n: int = PAGE) -> list[StoredMessage]:
        """Up to `n` messages older than message `message_id`, oldest first."""
        peer = self._peer(pk, create=False)
        if peer is None:
            return []
        ref = self._db.execute("SELECT ts FROM messages WHERE id = ?", (message_id,)).fetchone()
        if ref is None:
            return []
        rows = self._db.execute(
            f"SELECT {self._COLS} FROM messages m WHERE m.peer = ? AND (m.ts < ? OR (m.ts = ? AND m.id < ?))"
            " ORDER BY m.ts DESC, m.id DESC LIMIT ?",
            (peer, ref[0], ref[0], message_id, n),
        ).fetchall()
        return self._rows(pk, rows[::-1])

    def search(self, pk: bytes, query: str, limit: int = 1000) -> list[int]:
        """Ids of the messages with `pk` whose text contains `query` (ignoring case), newest
        first, at most `limit`. Bodies may be sealed, so each is opened and compared here, in
        pages, not matched in SQL."""
        peer = self._peer(pk, create=False)
        needle = query.casefold()
        if peer is None or not needle:
            return []
        found: list[int] = []
        for rows in self._pages(peer, newest_first=True):
            for m in self._rows(pk, rows):
                if not m.unreadable and needle in m.text.casefold():
                    found.append(m.id)
            if len(found) >= limit:
                break
        return found[:limit]

    def all_messages(self, pk: bytes) -> Iterator[StoredMessage]:
        """Every message with `pk`, oldest first, read in pages (for an export)."""
        peer = self._peer(pk, create=False)
        if peer is None:
            return
        for rows in self._pages(peer, newest_first=False):
            yield from self._rows(pk, rows)

    def _pages(self, peer: int, newest_first: bool) -> Iterator[list[Any]]:
        """A peer's message rows, 500 at a time, by (ts, id) (keyset pagination)."""
        order, cmp = ("DESC", "<") if newest_first else ("", ">")
        last: tuple[float, int] | None = None
        while True:
            if last is None:
                rows = self._db.execute(
                    f"SELECT {self._COLS} FROM messages m WHERE m.peer = ? ORDER BY m.ts {order}, m.id {order} LIMIT 500",
                    (peer,),
                ).fetchall()
            else:
                rows = self._db.execute(
                    f"SELECT {self._COLS} FROM messages m WHERE m.peer = ? AND (m.ts {cmp} ? OR (m.ts = ? AND m.id {cmp} ?))"
                    f" ORDER BY m.ts {order}, m.id {order} LIMIT 500",
                    (peer, last[0], last[0], last[1]),
                ).fetchall()
            if not rows:
                return
            yield rows
            last = (float(rows[-1][2]), int(rows[-1][0]))

    def has_before(self, pk: bytes, message_id: int) -> bool:
        return bool(self.before(pk, message_id, 1))

    def count(self, pk: bytes) -> int:
        peer = self._peer(pk, create=False)
        if peer is None:
            return 0
        return int(self._db.execute("SELECT COUNT(*) FROM messages WHERE peer = ?", (peer,)).fetchone()[0])

    def get(self, message_id: int) -> StoredMessage | None:
        row = self._db.execute(
            f"SELECT p.public_key, {self._COLS} FROM messages m JOIN peers p ON p.id = m.peer WHERE m.id = ?",
            (message_id,),
        ).fetchone()
        if row is None:
            return None
        return self._rows(bytes(row[0]), [row[1:]])[0]

    def undelivered(self, pk: bytes) -> list[StoredMessage]:
        """The outgoing queue for `pk`: pending and sent-but-unconfirmed messages, oldest first."""
        peer = self._peer(pk, create=False)
        if peer is None:
            return []
        rows = self._db.execute(
            f"SELECT {self._COLS} FROM messages m WHERE m.peer = ? AND m.direction = 1 AND m.state < 2 ORDER BY m.id",
            (peer,),
        ).fetchall()
        return self._rows(pk, rows)

    def pending(self, pk: bytes) -> list[StoredMessage]:
        """Queued messages not handed to the backend yet."""
        return [m for m in self.undelivered(pk) if m.state == State.PENDING]

    def peers_with_queue(self) -> list[bytes]:
        rows = self._db.execute(
            "SELECT DISTINCT p.public_key FROM messages m JOIN peers p ON p.id = m.peer"
            " WHERE m.direction = 1 AND m.state < 2"
        ).fetchall()
        return [bytes(r[0]) for r in rows]

    # --- lifecycle --------------------------------------------------------------------------

    def close(self) -> None:
        """Checkpoint the WAL and close; calling it again does nothing."""
        if self._closed:
            return
        self._closed = True
        try:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass
        self._db.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def file_bytes(path: Path | str) -> bytes:
    """Everything SQLite keeps on disk for `path` (main file, WAL, journal); for tests/audits."""
    out = b""
    for suffix in ("", "-wal", "-journal", "-shm"):
        p = f"{path}{suffix}"
        if os.path.exists(p):
            with open(p, "rb") as f:
                out += f.read()
    return out
