"""The outgoing queue on disk (toxgui.store.outbox)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from toxgui.store.outbox import Outbox, outbox_key

PK = bytes(range(32))


def test_round_trip_plain_and_sealed(tmp_path: Path) -> None:
    for key in (None, outbox_key(b"k" * 32)):
        ob = Outbox(tmp_path / f"p{key is None}.tox", key)
        ob.save({PK: [(1, "normal", b"first", 1.0)]})
        ob.append(PK, [(2, "action", b"second", 2.0)])
        assert ob.load() == {PK: [(1, "normal", b"first", 1.0), (2, "action", b"second", 2.0)]}
        for p in (ob.snapshot_path, ob.journal_path):
            assert stat.S_IMODE(p.stat().st_mode) == 0o600
            if key is not None:
                assert b"first" not in p.read_bytes() and b"second" not in p.read_bytes()
                assert b"first".hex().encode() not in p.read_bytes()
        ob.save({})
        assert not ob.snapshot_path.exists() and not ob.journal_path.exists()


def test_sealed_files_need_the_key(tmp_path: Path) -> None:
    Outbox(tmp_path / "p.tox", outbox_key(b"a" * 32)).save({PK: [(1, "normal", b"x", 0.0)]})
    assert Outbox(tmp_path / "p.tox", outbox_key(b"b" * 32)).load() == {}  # skipped, not fatal
    assert Outbox(tmp_path / "p.tox", None).load() == {}


def test_planted_symlinks_are_never_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("keep me")
    ob = Outbox(tmp_path / "p.tox")
    # the fixed temporary name an earlier version used, and the journal itself
    os.symlink(victim, tmp_path / "p.queue.json.tmp")
    ob.save({PK: [(1, "normal", b"x", 0.0)]})
    assert victim.read_text() == "keep me"
    assert not ob.snapshot_path.is_symlink()
    os.symlink(victim, ob.journal_path)
    with pytest.raises(OSError):
        ob.append(PK, [(2, "normal", b"y", 0.0)])
    assert victim.read_text() == "keep me"


def test_truncated_or_junk_journal_lines_are_skipped(tmp_path: Path) -> None:
    ob = Outbox(tmp_path / "p.tox", outbox_key(b"c" * 32))
    ob.append(PK, [(1, "normal", b"ok", 0.0)])
    with open(ob.journal_path, "a", encoding="ascii") as f:
        f.write("sealed:AAAA\n{not json\nsealed:")
    assert ob.load() == {PK: [(1, "normal", b"ok", 0.0)]}


def test_a_line_cut_short_by_a_kill_does_not_swallow_the_next_one(tmp_path: Path) -> None:
    """A SIGKILL can stop a write part-way; the next process's first line must still be read."""
    for key in (None, outbox_key(b"d" * 32)):
        ob = Outbox(tmp_path / f"p{key is None}.tox", key)
        ob.append(PK, [(1, "normal", b"kept", 0.0)])
        whole = ob.journal_path.read_bytes()
        ob.append(PK, [(2, "normal", b"torn", 0.0)])
        torn = ob.journal_path.read_bytes()
        ob.journal_path.write_bytes(torn[: len(whole) + (len(torn) - len(whole)) // 2])  # cut mid-line
        ob.append(PK, [(3, "normal", b"after", 0.0)])
        assert ob.load() == {PK: [(1, "normal", b"kept", 0.0), (3, "normal", b"after", 0.0)]}


def test_sealed_lines_keep_their_format(tmp_path: Path) -> None:
    """Sealed lines are base64 of SecretBox's nonce | box, under a BLAKE2b key of the profile
    key: queues written by earlier versions (through nacl.secret) still open, and the reverse."""
    import base64

    import nacl.encoding
    import nacl.exceptions
    import nacl.hash
    import nacl.secret

    profile_key = b"p" * 32
    key = outbox_key(profile_key)
    assert key == nacl.hash.blake2b(b"toxgui outbox v1", key=profile_key, digest_size=32,
                                    encoder=nacl.encoding.RawEncoder)
    ob = Outbox(tmp_path / "p.tox", key)
    box = nacl.secret.SecretBox(key)
    old = base64.b64encode(bytes(box.encrypt("hello \u00e9".encode()))).decode()
    assert ob._open(old) == "hello \u00e9"
    assert box.decrypt(base64.b64decode(ob._seal("again"), validate=True)) == b"again"
    for bad in ("", "AAAA", old[:-4], old + "!", "\u00e9" + old):
        with pytest.raises((ValueError, nacl.exceptions.CryptoError)):
            ob._open(bad)
