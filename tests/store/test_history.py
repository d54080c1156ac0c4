"""SQLite history: migrations, paging, the outgoing queue and encryption at rest."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import nacl.exceptions
import nacl.utils
import pytest

from toxgui.store import history as h
from toxgui.store.history import (
    SCHEMA_VERSION,
    Direction,
    History,
    HistoryError,
    HistoryKeyError,
    Kind,
    State,
    derive_key,
    file_bytes,
    history_path,
    migrate,
    user_version,
)

ALICE = bytes(range(32))
BOB = bytes(range(1, 33))


def _tables(db: sqlite3.Connection) -> set[str]:
    return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'index')")}


def test_history_path_is_next_to_profile(tmp_path: Path) -> None:
    assert history_path(tmp_path / "alice.tox") == tmp_path / "alice.db"


# --- migrations: one test per step ---------------------------------------------------------


def test_migration_1_creates_peers_and_messages(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    assert user_version(db) == 0
    assert migrate(db, 1) == 1
    assert {"peers", "messages", "messages_peer_ts"} <= _tables(db)
    db.execute("INSERT INTO peers (public_key) VALUES (?)", (ALICE,))
    db.execute("INSERT INTO messages (peer, direction, ts, kind, body, state) VALUES (1, 0, 1.0, 0, x'68', 2)")
    assert db.execute("SELECT COUNT(*) FROM messages").fetchone()[0] == 1


def test_migration_2_adds_meta_and_keeps_messages(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    migrate(db, 1)
    db.execute("INSERT INTO peers (public_key) VALUES (?)", (ALICE,))
    db.execute("INSERT INTO messages (peer, direction, ts, kind, body, state) VALUES (1, 0, 1.0, 0, x'68', 2)")
    assert "meta" not in _tables(db)
    assert migrate(db, 2) == 2
    assert "meta" in _tables(db)
    assert db.execute("SELECT body FROM messages").fetchone()[0] == b"h"


def test_migration_3_adds_queue_index_used_by_queue_query(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    migrate(db, 2)
    db.execute("INSERT INTO peers (public_key) VALUES (?)", (ALICE,))
    db.execute("INSERT INTO messages (peer, direction, ts, kind, body, state) VALUES (1, 1, 1.0, 0, x'68', 0)")
    assert migrate(db, 3) == 3
    assert "messages_queue" in _tables(db)
    plan = " ".join(
        str(r)
        for r in db.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM messages WHERE peer = 1 AND direction = 1 AND state < 2 ORDER BY id"
        )
    )
    assert "messages_queue" in plan
    db.close()
    # the History class opens a v3 database as is, and sees the queued message
    with History(tmp_path / "m.db") as hist:
        assert [m.text for m in hist.undelivered(ALICE)] == ["h"]


def test_all_migrations_reach_schema_version_and_newer_is_refused(tmp_path: Path) -> None:
    with History(tmp_path / "a.db") as hist:
        assert user_version(hist._db) == SCHEMA_VERSION == len(h.MIGRATIONS)
        assert hist._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db = sqlite3.connect(tmp_path / "a.db")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    with pytest.raises(HistoryError, match="newer"):
        History(tmp_path / "a.db")


def test_failed_migration_step_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    monkeypatch.setattr(h, "MIGRATIONS", [*h.MIGRATIONS[:1], broken])
    db = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    with pytest.raises(RuntimeError):
        migrate(db, 2)
    assert user_version(db) == 1
    assert "half_done" not in _tables(db)


# --- messages, paging, queue ---------------------------------------------------------------


def test_add_and_latest_oldest_first_per_peer(tmp_path: Path) -> None:
    with History(tmp_path / "a.db") as hist:
        hist.add_incoming(ALICE, "hello", ts=1.0)
        hist.add_outgoing(ALICE, "hi alice", ts=2.0)
        hist.add_incoming(BOB, "bob here", ts=1.5)
        hist.add_incoming(ALICE, "waves", kind=Kind.ACTION, ts=3.0)
        msgs = hist.latest(ALICE)
        assert [m.text for m in msgs] == ["hello", "hi alice", "waves"]
        assert [m.direction for m in msgs] == [Direction.IN, Direction.OUT, Direction.IN]
        assert msgs[1].state == State.PENDING and msgs[0].state == State.DELIVERED
        assert msgs[2].kind == Kind.ACTION
        assert hist.count(BOB) == 1 and hist.latest(b"\x09" * 32) == []
        assert hist.get(msgs[1].id) == msgs[1]


def test_paging_10000_messages(tmp_path: Path) -> None:
    with History(tmp_path / "a.db") as hist:
        n = 10_000
        hist.add_many(
            (ALICE, Direction(i % 2), f"message {i}", Kind.NORMAL, 1000.0 + i, State.DELIVERED) for i in range(n)
        )
        hist.add_many([(BOB, Direction.IN, "other", Kind.NORMAL, 5000.0, State.DELIVERED)])
        t0 = time.perf_counter()
        page = hist.latest(ALICE, 100)
        first_page_s = time.perf_counter() - t0
        assert [m.text for m in page] == [f"message {i}" for i in range(n - 100, n)]
        seen = [m.text for m in page]
        while page:
            page = hist.before(ALICE, page[0].id, 100)
            seen[:0] = [m.text for m in page]
        assert seen == [f"message {i}" for i in range(n)]
        assert first_page_s < 0.05, first_page_s
        assert not hist.has_before(ALICE, hist.latest(ALICE, n)[0].id)


def test_paging_orders_equal_timestamps_by_id(tmp_path: Path) -> None:
    with History(tmp_path / "a.db") as hist:
        ids = [hist.add_incoming(ALICE, str(i), ts=7.0).id for i in range(5)]
        assert [m.text for m in hist.before(ALICE, ids[3], 10)] == ["0", "1", "2"]


def test_outgoing_queue_sent_delivered_and_survives_restart(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    with History(path) as hist:
        a = hist.add_outgoing(ALICE, "one")
        b = hist.add_outgoing(ALICE, "two")
        hist.add_outgoing(BOB, "for bob")
        assert [m.text for m in hist.pending(ALICE)] == ["one", "two"]
        hist.mark_sent(a.id, receipt=7)
        assert [m.text for m in hist.pending(ALICE)] == ["two"]
        assert [m.text for m in hist.undelivered(ALICE)] == ["one", "two"]
    with History(path) as hist:  # restart
        assert set(hist.peers_with_queue()) == {ALICE, BOB}
        assert hist.mark_delivered(ALICE, 7) == a.id
        assert hist.mark_delivered(ALICE, 7) is None  # already delivered
        assert hist.mark_delivered(BOB, 7) is None  # receipts are per friend
        assert hist.get(a.id).state == State.DELIVERED
        hist.mark_sent(b.id, receipt=8)
        hist.requeue(ALICE)  # link dropped before the receipt
        assert [(m.text, m.state, m.receipt) for m in hist.undelivered(ALICE)] == [("two", State.PENDING, None)]
        hist.forget_peer(BOB)
        assert hist.peers_with_queue() == [ALICE]


# --- encryption at rest --------------------------------------------------------------------

SECRET = "the treasure is under the old oak tree 7f3a"


def test_encrypted_history_never_stores_plaintext(tmp_path: Path) -> None:
    path = tmp_path / "enc.db"
    key = nacl.utils.random(32)
    with History(path, key=key) as hist:
        assert hist.encrypted
        hist.add_incoming(ALICE, SECRET)
        hist.add_outgoing(ALICE, SECRET + " (reply)")
        hist.add_many([(ALICE, Direction.IN, SECRET + " bulk", Kind.NORMAL, 9.0, State.DELIVERED)])
        raw = file_bytes(path)  # includes the WAL while open
        assert SECRET.encode() not in raw
    assert SECRET.encode() not in file_bytes(path)
    with History(path, key=key) as hist:
        assert sorted(m.text for m in hist.latest(ALICE)) == sorted([SECRET, SECRET + " (reply)", SECRET + " bulk"])


def test_encrypted_history_refuses_wrong_or_missing_key(tmp_path: Path) -> None:
    path = tmp_path / "enc.db"
    with History(path, key=nacl.utils.random(32)) as hist:
        hist.add_incoming(ALICE, "x")
    with pytest.raises(HistoryKeyError):
        History(path, key=nacl.utils.random(32))
    with pytest.raises(HistoryKeyError):
        History(path)


def test_plaintext_history_is_sealed_when_a_password_is_set(tmp_path: Path) -> None:
    path = tmp_path / "later.db"
    with History(path) as hist:
        hist.add_incoming(ALICE, SECRET)
    assert SECRET.encode() in file_bytes(path)
    key = nacl.utils.random(32)
    with History(path, key=key) as hist:
        assert [m.text for m in hist.latest(ALICE)] == [SECRET]
    assert SECRET.encode() not in file_bytes(path)


def test_derive_key_uses_salt_stored_in_history(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    salt = History.kdf_salt(path)
    assert History.kdf_salt(path) == salt and len(salt) == h.SALT_SIZE
    key = derive_key("correct horse", salt)
    assert len(key) == 32 and key == derive_key("correct horse", salt)
    assert key != derive_key("correct horsf", salt)
    with History(path, key=key) as hist:
        hist.add_incoming(ALICE, "hi")
    with History(path, key=derive_key("correct horse", History.kdf_salt(path))) as hist:
        assert hist.latest(ALICE)[0].text == "hi"


# --- hardening: permissions, bound bodies, malformed rows ------------------------------------

ALICE, BOB = b"\x0a" * 32, b"\x0b" * 32


def test_database_and_wal_files_are_private(tmp_path: Path) -> None:
    import os
    import stat

    old = os.umask(0o022)
    try:
        with History(tmp_path / "p.db", key=nacl.utils.random(32)) as hist:
            hist.add_incoming(ALICE, "hello")
            files = sorted(p for p in tmp_path.iterdir() if p.name.startswith("p.db"))
            assert {p.name for p in files} >= {"p.db", "p.db-wal", "p.db-shm"}
            for p in files:
                assert stat.S_IMODE(p.stat().st_mode) == 0o600, p.name
    finally:
        os.umask(old)


def test_a_body_moved_to_another_row_does_not_open(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    key = nacl.utils.random(32)
    with History(path, key=key) as hist:
        a = hist.add_incoming(ALICE, "for alice only")
        b = hist.add_outgoing(BOB, "to bob")
    db = sqlite3.connect(path)
    body = db.execute("SELECT body FROM messages WHERE id = ?", (a.id,)).fetchone()[0]
    db.execute("UPDATE messages SET body = ? WHERE id = ?", (body, b.id))  # A's body in B's row
    db.commit()
    db.close()
    with History(path, key=key) as hist:
        moved = hist.latest(BOB)[0]
        assert moved.unreadable and moved.text == ""
        assert hist.latest(ALICE)[0].text == "for alice only" and not hist.latest(ALICE)[0].unreadable


def test_direction_flipped_or_body_tampered_reads_as_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    key = nacl.utils.random(32)
    with History(path, key=key) as hist:
        m1 = hist.add_incoming(ALICE, "one")
        m2 = hist.add_incoming(ALICE, "two")
    db = sqlite3.connect(path)
    db.execute("UPDATE messages SET direction = 1 WHERE id = ?", (m1.id,))
    body = bytearray(db.execute("SELECT body FROM messages WHERE id = ?", (m2.id,)).fetchone()[0])
    body[-1] ^= 1
    db.execute("UPDATE messages SET body = ? WHERE id = ?", (bytes(body), m2.id))
    db.commit()
    db.close()
    with History(path, key=key) as hist:
        rows = hist.latest(ALICE)
        assert [r.unreadable for r in rows] == [True, True]
        assert all("\ufffd" not in r.text for r in rows)


@pytest.mark.parametrize("encrypted", [False, True])
def test_malformed_rows_never_crash_a_reader(tmp_path: Path, encrypted: bool) -> None:
    path = tmp_path / "p.db"
    key = nacl.utils.random(32) if encrypted else None
    with History(path, key=key) as hist:
        good = hist.add_incoming(ALICE, "fine")
    db = sqlite3.connect(path)
    peer = db.execute("SELECT id FROM peers").fetchone()[0]
    bad = [
        (peer, 0, 1.0, 0, sqlite3.Binary(b"\xff\xfe\x00bad utf-8"), 2, None),
        (peer, 0, 2.0, 0, "text, not a blob", 2, None),
        (peer, 7, 3.0, 0, b"x", 2, None),  # no such direction
        (peer, 0, 4.0, 9, b"x", 2, None),  # no such kind
        (peer, 1, 5.0, 0, b"x", 42, None),  # no such state
        (peer, 0, "not a time", 0, b"x", 2, None),
        (peer, 1, 6.0, 0, b"", 0, "not a receipt"),
    ]
    db.executemany("INSERT INTO messages (peer, direction, ts, kind, body, state, receipt) VALUES (?,?,?,?,?,?,?)", bad)
    # a TEXT value that is not UTF-8
    db.execute("INSERT INTO messages (peer, direction, ts, kind, body, state) VALUES (?, 0, 7.0, 0, CAST(X'FF00' AS TEXT), 2)",
               (peer,))
    db.commit()
    db.close()
    with History(path, key=key) as hist:
        rows = hist.latest(ALICE, 100)
        assert len(rows) == 1 + len(bad) + 1
        assert any(r.id == good.id and r.text == "fine" for r in rows)
        for r in rows:
            hist.get(r.id)
        hist.before(ALICE, rows[-1].id)
        hist.undelivered(ALICE)
        hist.pending(ALICE)
        if encrypted:
            assert all(r.unreadable for r in rows if r.id != good.id)


def test_history_of_the_previous_format_is_resealed_bound(tmp_path: Path) -> None:
    """A history written before bodies were bound (SecretBox, schema 3) opens, and its bodies are
    re-sealed bound to their rows."""
    import nacl.secret

    path = tmp_path / "old.db"
    key = nacl.utils.random(32)
    box = nacl.secret.SecretBox(key)
    db = sqlite3.connect(path)
    for migration in h.MIGRATIONS[:3]:
        migration(db)
    db.execute("PRAGMA user_version = 3")
    db.execute("INSERT INTO peers (public_key) VALUES (?)", (ALICE,))
    db.execute("INSERT INTO meta (key, value) VALUES ('key_check', ?)", (box.encrypt(h._KEY_CHECK),))
    db.execute("INSERT INTO messages (peer, direction, ts, kind, body, state) VALUES (1, 0, 1.0, 0, ?, 2)",
               (box.encrypt(b"from before"),))
    db.commit()
    db.close()
    with History(path, key=key) as hist:
        assert hist.latest(ALICE)[0].text == "from before"
    db = sqlite3.connect(path)
    body = db.execute("SELECT body FROM messages").fetchone()[0]
    db.close()
    with pytest.raises(nacl.exceptions.CryptoError):
        box.decrypt(body)  # no longer the old format
    with History(path, key=key) as hist:
        assert hist.latest(ALICE)[0].text == "from before"
