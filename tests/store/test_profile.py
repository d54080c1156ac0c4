"""Profiles on disk: create/load/save, encryption, refusals that protect the file, atomicity, locks."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from toxgui.core import encryptsave as es
from toxgui.core.savedata import (
    CorruptSectionError,
    FriendRecord,
    NotToxSaveError,
    SaveData,
    TruncatedSaveError,
)
from toxgui.store import profile as profile_mod
from toxgui.store.profile import (
    PasswordRequired,
    Profile,
    ProfileError,
    ProfileExists,
    ProfileLocked,
    ProfileWriteRefused,
    is_unreadable,
)

GOLDEN = Path(__file__).parent.parent / "data" / "c-toxcore-v0.2.18-auto_tests-save.tox"


class SeededRng:
    def __init__(self, seed: int) -> None:
        self._r = random.Random(seed)

    def bytes(self, n: int) -> bytes:
        return self._r.randbytes(n)


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def leftovers(directory: Path) -> list[str]:
    """Temporary or stale files a profile operation might leave behind."""
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp") or ".stale." in p.name)


@pytest.fixture
def golden_copy(tmp_path: Path) -> Path:
    p = tmp_path / "golden.tox"
    p.write_bytes(GOLDEN.read_bytes())
    return p


# --- create / load / save -------------------------------------------------------------------


def test_create_then_load(tmp_path: Path) -> None:
    path = tmp_path / "profiles" / "alice.tox"
    with Profile.create(path, "Alice", rng=SeededRng(1), status_message="here") as prof:
        assert path.exists() and (path.parent / "alice.lock").exists()
        assert not prof.encrypted
        tox_id = prof.savedata.tox_id
    assert not (path.parent / "alice.lock").exists()
    with Profile.load(path) as again:
        assert again.savedata.tox_id == tox_id
        assert again.savedata.name == b"Alice"
        assert again.savedata.status_message == b"here"
        assert again.name == "alice"
    assert SaveData.parse(path.read_bytes()).tox_id == tox_id
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600


def test_create_refuses_existing(tmp_path: Path) -> None:
    path = tmp_path / "bob.tox"
    Profile.create(path, "Bob", rng=SeededRng(2)).close()
    before = snapshot(path)
    with pytest.raises(ProfileExists, match="already exists"):
        Profile.create(path, "Other", rng=SeededRng(3))
    assert snapshot(path) == before


def test_save_changes_and_reload(tmp_path: Path) -> None:
    path = tmp_path / "carol.tox"
    prof = Profile.create(path, "Carol", rng=SeededRng(4))
    friend = SaveData.new(SeededRng(5))
    prof.savedata.friends.append(FriendRecord.request(friend.tox_id, "hi"))
    prof.savedata.name = "Carol ✓"
    prof.save()
    prof.close()
    with Profile.load(path) as again:
        assert again.savedata == prof.savedata
        assert again.savedata.friends[0].tox_id == friend.tox_id
    assert leftovers(tmp_path) == []


def test_golden_file_through_profile(golden_copy: Path) -> None:
    with Profile.load(golden_copy) as prof:
        sd = prof.savedata
        assert str(sd.tox_id).endswith("4C762C7D800B")
        prof.save()
    assert golden_copy.read_bytes() == GOLDEN.read_bytes()[:-512]
    with Profile.load(golden_copy) as again:
        assert again.savedata == sd


def test_save_bytes_matches_what_is_written(tmp_path: Path) -> None:
    path = tmp_path / "dave.tox"
    with Profile.create(path, "Dave", rng=SeededRng(6)) as prof:
        assert prof.save_bytes() == path.read_bytes()


def test_read_only_profile_cannot_save(tmp_path: Path) -> None:
    path = tmp_path / "erin.tox"
    Profile.create(path, "Erin", rng=SeededRng(7)).close()
    before = snapshot(path)
    prof = Profile.load(path, lock=False)
    assert prof.read_only
    with pytest.raises(ProfileWriteRefused, match="read-only"):
        prof.save()
    assert snapshot(path) == before


def test_closed_profile_cannot_save(tmp_path: Path) -> None:
    prof = Profile.create(tmp_path / "f.tox", "F", rng=SeededRng(8))
    prof.close()
    with pytest.raises(ProfileWriteRefused, match="closed"):
        prof.save()


# --- encryption -----------------------------------------------------------------------------


def test_encrypted_profile_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "enc.tox"
    with Profile.create(path, "Enc", password="s3cret", rng=SeededRng(9)) as prof:
        assert prof.encrypted
        sd = prof.savedata
        raw = path.read_bytes()
        assert es.is_encrypted(raw)
        assert sd.keys.secret not in raw and b"Enc" not in raw
        prof.savedata.name = b"Enc2"
        prof.save()
        raw2 = path.read_bytes()
        assert es.is_encrypted(raw2) and raw2[8:40] == raw[8:40] and raw2[40:64] != raw[40:64]
    with pytest.raises(PasswordRequired, match="encrypted"):
        Profile.load(path)
    with Profile.load(path, "s3cret") as again:
        assert again.encrypted and again.savedata.name == b"Enc2"
        assert again.savedata.tox_id == sd.tox_id
    key = es.PassKey.for_data("s3cret", path.read_bytes())
    with Profile.load(path, key) as again:
        assert again.savedata.name == b"Enc2"


def test_clear_bytes_never_touch_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file that is renamed or linked into place (the temp files) is already encrypted."""
    written: list[bytes] = []
    real_replace, real_link = os.replace, os.link

    def spy_replace(src, dst, *a, **k):  # type: ignore[no-untyped-def]
        written.append(Path(src).read_bytes())
        return real_replace(src, dst, *a, **k)

    def spy_link(src, dst, *a, **k):  # type: ignore[no-untyped-def]
        written.append(Path(src).read_bytes())
        return real_link(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", spy_replace)
    monkeypatch.setattr(os, "link", spy_link)
    path = tmp_path / "secret.tox"
    prof = Profile.create(path, "Secret name", password="pw", rng=SeededRng(10))
    prof.savedata.status_message = b"private status"
    prof.save()
    prof.change_password("pw2")
    prof.close()
    secret = prof.savedata.keys.secret
    assert len(written) == 3
    for blob in written:
        assert es.is_encrypted(blob)
        assert secret not in blob and b"Secret name" not in blob and b"private status" not in blob
    for f in tmp_path.iterdir():
        if f.is_file():
            data = f.read_bytes()
            assert secret not in data and b"Secret name" not in data


def test_change_password(tmp_path: Path) -> None:
    path = tmp_path / "pw.tox"
    prof = Profile.create(path, "P", password="old", rng=SeededRng(11))
    old_salt = es.get_salt(path.read_bytes())
    prof.change_password("new")
    assert es.get_salt(path.read_bytes()) != old_salt
    prof.close()
    with pytest.raises(es.WrongPassword):
        Profile.load(path, "old")
    Profile.load(path, "new").close()
    with Profile.load(path, "new") as p2:
        p2.change_password(None)
        assert not p2.encrypted
    assert SaveData.parse(path.read_bytes()).name == b"P"
    with Profile.load(path) as p3:
        p3.change_password("again")
    assert es.is_encrypted(path.read_bytes())


# --- bad input: clear errors, file untouched, no save possible -------------------------------


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str | None, type[Exception], str]]:
    golden = GOLDEN.read_bytes()
    out: dict[str, tuple[Path, str | None, type[Exception], str]] = {}

    enc = tmp_path / "wrongpw.tox"
    enc.write_bytes(es.encrypt(golden, "right", SeededRng(12)))
    out["wrong password"] = (enc, "wrong", es.WrongPassword, "wrong password")

    trunc = tmp_path / "truncated.tox"
    trunc.write_bytes(golden[:2000])
    out["truncated"] = (trunc, None, TruncatedSaveError, "truncated")

    corrupt = bytearray(golden)
    corrupt[8 + 8 + 68 + 6] ^= 0xFF  # the DHT section's 0x01CE cookie
    corrupt_p = tmp_path / "corrupt.tox"
    corrupt_p.write_bytes(bytes(corrupt))
    out["corrupt section"] = (corrupt_p, None, CorruptSectionError, "damaged")

    not_tox = tmp_path / "holiday.tox"
    not_tox.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    out["not tox"] = (not_tox, None, NotToxSaveError, "not a Tox profile")

    enc_trunc = tmp_path / "enctrunc.tox"
    enc_trunc.write_bytes(es.encrypt(golden, "right", SeededRng(13))[:70])
    out["encrypted truncated"] = (enc_trunc, "right", es.EncryptedTruncatedError, "truncated")
    return out


@pytest.mark.parametrize(
    "case", ["wrong password", "truncated", "corrupt section", "not tox", "encrypted truncated"]
)
def test_bad_file_is_reported_and_left_alone(tmp_path: Path, case: str) -> None:
    path, password, exc, words = _bad_files(tmp_path)[case]
    before = snapshot(path)
    with pytest.raises(exc) as ei:
        Profile.load(path, password)
    assert words in str(ei.value)
    assert any(str(path) in n for n in getattr(ei.value, "__notes__", []))
    assert snapshot(path) == before
    assert is_unreadable(path)
    # No save to that path is possible now.
    with pytest.raises(ProfileError):
        Profile.create(path, "replacement", rng=SeededRng(14))
    assert snapshot(path) == before
    assert not path.with_suffix(".lock").exists()  # the failed load released its lock
    assert leftovers(tmp_path) == []


def test_failed_path_cannot_be_recreated_even_if_deleted(tmp_path: Path) -> None:
    path = tmp_path / "gone.tox"
    path.write_bytes(b"garbage" * 10)
    with pytest.raises(NotToxSaveError):
        Profile.load(path)
    path.unlink()
    with pytest.raises(ProfileWriteRefused, match="could not be read"):
        Profile.create(path, "x", rng=SeededRng(15))
    assert not path.exists()


def test_successful_load_clears_the_refusal(tmp_path: Path) -> None:
    path = tmp_path / "retry.tox"
    path.write_bytes(es.encrypt(GOLDEN.read_bytes(), "right", SeededRng(16)))
    with pytest.raises(es.WrongPassword):
        Profile.load(path, "wrong")
    assert is_unreadable(path)
    with Profile.load(path, "right") as prof:
        assert not is_unreadable(path)
        prof.save()
    assert Profile.load(path, "right", lock=False).savedata.name == b"name"


def test_file_damaged_behind_our_back_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "victim.tox"
    prof = Profile.create(path, "V", rng=SeededRng(17))
    path.write_bytes(path.read_bytes()[:50])  # another program truncates it
    before = snapshot(path)
    with pytest.raises(ProfileWriteRefused, match="changed on disk"):
        prof.save()
    assert snapshot(path) == before
    prof.close()


def test_file_replaced_behind_our_back_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "swap.tox"
    prof = Profile.create(path, "S", rng=SeededRng(18))
    path.write_bytes(SaveData.new(SeededRng(19), name="someone else").to_bytes())
    before = snapshot(path)
    with pytest.raises(ProfileWriteRefused, match="changed on disk"):
        prof.save()
    assert snapshot(path) == before
    prof.close()


# --- atomicity ------------------------------------------------------------------------------


def _saved_profile(tmp_path: Path) -> tuple[Profile, Path, tuple[bytes, int]]:
    path = tmp_path / "atomic.tox"
    prof = Profile.create(path, "Atomic", rng=SeededRng(20))
    prof.savedata.name = b"changed"
    return prof, path, snapshot(path)


def test_serializer_failure_leaves_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prof, path, before = _saved_profile(tmp_path)

    def boom(self: SaveData) -> bytes:
        raise RuntimeError("serializer exploded")

    monkeypatch.setattr(SaveData, "to_bytes", boom)
    with pytest.raises(RuntimeError, match="exploded"):
        prof.save()
    assert snapshot(path) == before
    assert leftovers(tmp_path) == []
    prof.close()


def test_serializer_garbage_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prof, path, before = _saved_profile(tmp_path)
    monkeypatch.setattr(SaveData, "to_bytes", lambda self: b"\0\0\0\0\x1f\x1b\xed\x15half a profile")
    with pytest.raises(ProfileWriteRefused, match="does not parse back"):
        prof.save()
    assert snapshot(path) == before
    assert leftovers(tmp_path) == []
    prof.close()


def test_temp_write_failure_leaves_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prof, path, before = _saved_profile(tmp_path)

    def failing_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError, match="No space"):
        prof.save()
    monkeypatch.undo()
    assert snapshot(path) == before
    assert leftovers(tmp_path) == []
    # The profile is still usable afterwards.
    prof.save()
    assert SaveData.parse(path.read_bytes()).name == b"changed"
    prof.close()


def test_replace_failure_leaves_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prof, path, before = _saved_profile(tmp_path)

    def failing_replace(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(PermissionError):
        prof.save()
    monkeypatch.undo()
    assert snapshot(path) == before
    assert leftovers(tmp_path) == []
    prof.close()


def test_encrypt_failure_leaves_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "encfail.tox"
    prof = Profile.create(path, "E", password="pw", rng=SeededRng(21))
    before = snapshot(path)

    def bad_encrypt(data: bytes, key: bytes, salt: bytes, rng: object) -> bytes:
        return es.MAGIC + salt + bytes(24) + bytes(16) + data  # claims encryption, is not

    monkeypatch.setattr(es, "encrypt_with_key", bad_encrypt)
    with pytest.raises((ProfileWriteRefused, es.EncryptSaveError)):
        prof.save()
    assert snapshot(path) == before
    assert leftovers(tmp_path) == []
    prof.close()


# --- locks ----------------------------------------------------------------------------------


def test_second_open_is_locked(tmp_path: Path) -> None:
    path = tmp_path / "locked.tox"
    prof = Profile.create(path, "L", rng=SeededRng(22))
    with pytest.raises(ProfileLocked, match="already in use"):
        Profile.load(path)
    lock_text = (tmp_path / "locked.lock").read_text()
    assert lock_text.splitlines()[0] == str(os.getpid())
    prof.close()
    Profile.load(path).close()


def test_lock_held_by_a_live_process(tmp_path: Path) -> None:
    path = tmp_path / "live.tox"
    Profile.create(path, "L", rng=SeededRng(23)).close()
    import socket

    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        (tmp_path / "live.lock").write_text(f"{child.pid}\n{socket.gethostname()}\ntoxgui\n")
        with pytest.raises(ProfileLocked, match=str(child.pid)):
            Profile.load(path)
    finally:
        child.communicate(b"", timeout=10)
    assert (tmp_path / "live.lock").exists()
    # Its process has now exited: the lock is stale and is taken over.
    with Profile.load(path) as prof:
        assert (tmp_path / "live.lock").read_text().splitlines()[0] == str(os.getpid())
        assert not prof.read_only
    assert not (tmp_path / "live.lock").exists()
    assert leftovers(tmp_path) == []


def test_stale_lock_with_our_own_pid_from_an_earlier_run(tmp_path: Path) -> None:
    path = tmp_path / "reused.tox"
    Profile.create(path, "R", rng=SeededRng(24)).close()
    import socket

    (tmp_path / "reused.lock").write_text(f"{os.getpid()}\n{socket.gethostname()}\ntoxgui\n")
    Profile.load(path).close()


def test_lock_of_a_killed_process_not_yet_reaped_is_stale(tmp_path: Path) -> None:
    """kill -9 leaves a zombie until its parent reaps it; os.kill(pid, 0) still succeeds on it,
    but it holds nothing: a restart right after the kill opens the profile."""
    import signal
    import socket
    import time

    path = tmp_path / "zombie.tox"
    Profile.create(path, "Z", rng=SeededRng(27)).close()
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        (tmp_path / "zombie.lock").write_text(f"{child.pid}\n{socket.gethostname()}\ntoxgui\n")
        os.kill(child.pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while Path(f"/proc/{child.pid}/stat").read_text().split(") ")[1][:1] != "Z":
            assert time.monotonic() < deadline, "the child did not become a zombie"
            time.sleep(0.01)
        os.kill(child.pid, 0)  # still "exists" for kill(0)
        with Profile.load(path) as prof:
            assert not prof.read_only
    finally:
        child.wait(timeout=10)


def test_lock_naming_a_pid_now_used_by_another_process_is_stale(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "reuse.tox"
    Profile.create(path, "P", rng=SeededRng(28)).close()
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        start = profile_mod._proc_start(child.pid)
        assert start is not None
        lock = tmp_path / "reuse.lock"
        # the same pid, but the lock was written by a process that started at another time
        boot, ticks = start.rsplit(":", 1)
        lock.write_text(f"{child.pid}\n{socket.gethostname()}\ntoxgui\n{boot}:{int(ticks) - 100}\n")
        Profile.load(path).close()
        # the genuine owner (same start) is respected
        lock.write_text(f"{child.pid}\n{socket.gethostname()}\ntoxgui\n{start}\n")
        with pytest.raises(ProfileLocked, match=str(child.pid)):
            Profile.load(path)
    finally:
        child.communicate(b"", timeout=10)


def test_lock_from_another_host_is_respected(tmp_path: Path) -> None:
    path = tmp_path / "nfs.tox"
    Profile.create(path, "N", rng=SeededRng(25)).close()
    (tmp_path / "nfs.lock").write_text("12345\nsome-other-host.invalid\ntoxgui\n")
    with pytest.raises(ProfileLocked, match="some-other-host"):
        Profile.load(path)


def test_fresh_unparsable_lock_is_respected_old_one_is_stale(tmp_path: Path) -> None:
    path = tmp_path / "half.tox"
    Profile.create(path, "H", rng=SeededRng(26)).close()
    lock = tmp_path / "half.lock"
    lock.write_bytes(b"")
    with pytest.raises(ProfileLocked):
        Profile.load(path)
    old = lock.stat().st_mtime - 3600
    os.utime(lock, (old, old))
    Profile.load(path).close()


def test_lock_released_when_load_fails(tmp_path: Path) -> None:
    path = tmp_path / "bad.tox"
    path.write_bytes(b"nope")
    with pytest.raises(NotToxSaveError):
        Profile.load(path)
    assert not (tmp_path / "bad.lock").exists()


# --- secrets --------------------------------------------------------------------------------


def test_profile_repr_hides_secrets(tmp_path: Path) -> None:
    with Profile.create(tmp_path / "r.tox", "R", password="pw", rng=SeededRng(27)) as prof:
        secret = prof.savedata.keys.secret.hex()
        key = prof.passkey.key.hex() if prof.passkey else ""
        for text in (
            repr(prof),
            str(prof),
            repr(prof.savedata),
            repr(prof.passkey),
            repr(prof.savedata.keys),
        ):
            low = text.lower()
            assert secret not in low and secret[:16] not in low
            assert key not in low and key[:16] not in low


def test_atomic_write_exclusive_refuses_existing(tmp_path: Path) -> None:
    target = tmp_path / "x.tox"
    target.write_bytes(b"old")
    with pytest.raises(FileExistsError):
        profile_mod.atomic_write(target, b"new", exclusive=True)
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []
    profile_mod.atomic_write(target, b"new")
    assert target.read_bytes() == b"new"


def test_create_without_hard_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(src: str, dst: str) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    path = tmp_path / "fat.tox"
    Profile.create(path, "Fat", rng=SeededRng(28)).close()
    assert SaveData.parse(path.read_bytes()).name == b"Fat"
    with pytest.raises(FileExistsError):
        profile_mod.atomic_write(path, b"other", exclusive=True)
    assert SaveData.parse(path.read_bytes()).name == b"Fat"
    assert leftovers(tmp_path) == []


def test_oversized_file_is_not_a_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(profile_mod, "MAX_PROFILE_SIZE", 4096)
    path = tmp_path / "huge.tox"
    path.write_bytes(GOLDEN.read_bytes() + bytes(4096))
    with pytest.raises(NotToxSaveError, match="larger than"):
        Profile.load(path)
    assert is_unreadable(path)
