"""Profiles on disk: load and save `.tox` files safely.

Guarantees:

* **Atomic writes.**  A save writes a temporary file in the same folder, flushes and fsyncs it,
  reads it back, `os.replace`s it over the profile and fsyncs the folder.  A save that fails at any
  step leaves the old file as it was and removes its temporary file.
* **Nothing unreadable is overwritten.**  Only a `Profile` that loaded (or created) the file can
  save to it, and only while the file on disk is still exactly what it read or last wrote (so a
  file damaged or replaced behind its back is never overwritten).  A path whose load failed (wrong
  password, truncated, damaged, not a Tox profile) cannot be used by `Profile.create` in this
  process until it loads successfully.  Every save re-parses its own bytes (and decrypts them,
  when encrypted) before touching the disk.
* **Encrypted stays encrypted.**  An encrypted profile is written encrypted: its clear bytes never
  reach the disk, not even the temporary file.  The derived key is kept in memory (`PassKey`) so
  saves do not run scrypt again.
* **One user at a time.**  A lock file `<name>.lock` beside the profile (as qTox does) holds the
  owner's pid and host; a lock whose process is gone is stale and is taken over.

Nothing here is async: callers run `load`/`create`/`change_password` (scrypt, ~0.1 s) in an
executor.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
from pathlib import Path

from toxgui.core import encryptsave
from toxgui.core.crypto import Rng, SystemRng, sha256
from toxgui.core.encryptsave import PassKey
from toxgui.core.errors import ProtocolError
from toxgui.core.savedata import NotToxSaveError, SaveData
from toxgui.store.paths import lock_path, new_temp_file

log = logging.getLogger(__name__)

Password = str | bytes | PassKey


# --- errors ---------------------------------------------------------------------------------


class ProfileError(Exception):
    """A profile operation was refused; the message says why."""


class PasswordRequired(ProfileError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"the profile {path.name!r} is encrypted: enter its password to open it")


class ProfileLocked(ProfileError):
    def __init__(self, path: Path, owner: str) -> None:
        self.path = path
        self.owner = owner
        super().__init__(f"the profile {path.name!r} is already in use ({owner})")


class ProfileExists(ProfileError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"a profile named {path.stem!r} already exists ({path})")


class ProfileWriteRefused(ProfileError):
    """A save was refused to protect the file on disk."""


# --- unreadable-path registry ---------------------------------------------------------------

_registry_lock = threading.Lock()
_unreadable: set[str] = set()
_held_locks: set[str] = set()


def _key(path: Path) -> str:
    return os.path.realpath(path)


def _mark_unreadable(path: Path) -> None:
    with _registry_lock:
        _unreadable.add(_key(path))


def _mark_readable(path: Path) -> None:
    with _registry_lock:
        _unreadable.discard(_key(path))


def is_unreadable(path: str | os.PathLike[str]) -> bool:
    """True when a load of this path failed in this process (so it must not be overwritten)."""
    with _registry_lock:
        return _key(Path(path)) in _unreadable


# --- low-level file helpers -----------------------------------------------------------------


def _fsync_dir(directory: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Write `data` to `path` atomically (temp file + fsync + read-back + replace + dir fsync).

    With `exclusive`, fail with FileExistsError instead of replacing an existing file.  On any
    failure the temporary file is removed and `path` is untouched.
    """
    directory = path.parent
    fd, tmp_name = new_temp_file(directory, path.name)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if tmp.read_bytes() != data:
            raise OSError(f"the data read back from {tmp} differs from what was written")
        if exclusive:
            _link_exclusive(tmp, path)
        else:
            os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    try:
        _fsync_dir(directory)
    except OSError as e:  # the file is in place; only the folder's durability is unconfirmed
        log.warning("could not fsync the folder %s: %s", directory, e)


def _link_exclusive(tmp: Path, path: Path) -> None:
    """Move tmp to path only if path does not exist (hard link where the filesystem allows)."""
    try:
        os.link(tmp, path)  # fails if the target exists, unlike rename/replace
    except FileExistsError:
        raise
    except OSError:
        # No hard links here (some network or FAT filesystems): check, then rename.
        if os.path.lexists(path):
            raise FileExistsError(17, "File exists", str(path)) from None
        os.replace(tmp, path)
        return
    tmp.unlink()


MAX_PROFILE_SIZE = 256 * 1024 * 1024  # ~120 000 friends; anything bigger is not a profile


def _read_profile_file(path: Path) -> bytes:
    with path.open("rb") as f:
        data = f.read(MAX_PROFILE_SIZE + 1)
    if len(data) > MAX_PROFILE_SIZE:
        raise NotToxSaveError(f"the file is larger than {MAX_PROFILE_SIZE} bytes")
    return data


def _digest(data: bytes) -> bytes:
    return sha256(data)


# --- lock file ------------------------------------------------------------------------------


def _proc_start(pid: int) -> str | None:
    """Linux: `BOOTID:TICKS`, when process `pid` started (field 22 of /proc/PID/stat, in clock
    ticks since boot) on this boot; None where /proc cannot tell."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return None
    fields = stat[stat.rfind(")") + 2 :].split()  # after "pid (comm) ": state is field 3
    return f"{boot}:{fields[19]}" if len(fields) > 19 else None


def _proc_state(pid: int) -> str | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    rest = stat[stat.rfind(")") + 2 :]
    return rest[:1] or None


def _pid_alive(pid: int, start: str | None = None) -> bool:
    """Whether the process that wrote a lock still runs: a zombie (killed, not yet reaped) does
    not, nor does another program that got the same pid later (`start` differs)."""
    if pid <= 0:
        return False
    if os.name == "nt":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x00100000, False, pid)  # SYNCHRONIZE
        if not handle:
            return False
        try:
            return bool(kernel32.WaitForSingleObject(handle, 0) == 0x102)  # WAIT_TIMEOUT: running
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    if _proc_state(pid) in ("Z", "X"):
        return False  # dead, only its exit status is left
    if start is not None:
        now = _proc_start(pid)
        if now is not None and now != start:
            return False  # the pid belongs to another process now
    return True


class ProfileLock:
    """`<name>.lock` with `pid\\nhost\\ntoxgui\\nstart\\n` (start: the process's boot id and
    start time, where the system tells it); stale when that process is gone, a zombie, or the pid
    now belongs to another process.  Locks written without the start line are still read."""

    STALE_UNPARSABLE_AFTER = 10.0  # seconds: an unreadable lock younger than this may be mid-write

    def __init__(self, path: Path, content: bytes) -> None:
        self.path = path
        self._content = content
        self._held = True

    @staticmethod
    def _content_for_us() -> bytes:
        start = _proc_start(os.getpid())
        return f"{os.getpid()}\n{socket.gethostname()}\ntoxgui\n{start or ''}\n".encode()

    @classmethod
    def acquire(cls, profile_path: Path) -> ProfileLock:
        lp = lock_path(profile_path)
        content = cls._content_for_us()
        for _ in range(3):
            try:
                fd = os.open(lp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                owner = cls._stale_owner(lp)
                if owner is not None:
                    raise ProfileLocked(profile_path, owner) from None
                continue  # stale lock removed: try again
            try:
                os.write(fd, content)
                os.fsync(fd)
            finally:
                os.close(fd)
            with _registry_lock:
                _held_locks.add(_key(lp))
            return cls(lp, content)
        raise ProfileLocked(profile_path, "its lock file keeps coming back")

    @classmethod
    def _stale_owner(cls, lp: Path) -> str | None:
        """None when the lock at `lp` was stale and has been removed; else who holds it."""
        try:
            old = lp.read_bytes()
            mtime = lp.stat().st_mtime
        except FileNotFoundError:
            return None
        lines = old.decode("utf-8", "replace").splitlines()
        pid = int(lines[0]) if lines and lines[0].strip().isdigit() else None
        host = lines[1] if len(lines) > 1 else ""
        start = lines[3].strip() or None if len(lines) > 3 else None
        if pid is None:
            if time.time() - mtime < cls.STALE_UNPARSABLE_AFTER:
                return "a lock file is being written"
            stale = True
        elif host and host != socket.gethostname():
            return f"locked by process {pid} on {host}"
        elif pid == os.getpid():
            with _registry_lock:
                held_here = _key(lp) in _held_locks
            if held_here:
                return "already open in this program"
            stale = True  # left by an earlier process that had our pid
        else:
            stale = not _pid_alive(pid, start)
        if not stale:
            return f"locked by running process {pid}"
        # Take the stale lock over: move it aside, then check we moved the one we judged.
        aside = lp.with_name(f"{lp.name}.stale.{os.getpid()}.{threading.get_ident()}")
        try:
            os.replace(lp, aside)
        except FileNotFoundError:
            return None
        try:
            if aside.read_bytes() != old:  # someone re-locked in between: put theirs back
                with contextlib.suppress(OSError):
                    os.link(aside, lp)
                return "another program took the lock at the same moment"
        finally:
            with contextlib.suppress(OSError):
                aside.unlink()
        log.info("removed a stale profile lock %s (pid %s)", lp.name, pid)
        return None

    @property
    def held(self) -> bool:
        return self._held

    def release(self) -> None:
        if not self._held:
            return
        self._held = False
        with _registry_lock:
            _held_locks.discard(_key(self.path))
        try:
            if self.path.read_bytes() == self._content:
                self.path.unlink()
        except FileNotFoundError:
            pass

    def __repr__(self) -> str:
        return f"ProfileLock({self.path.name!r}, held={self._held})"


# --- the profile ----------------------------------------------------------------------------


class Profile:
    """An open `.tox` profile: its SaveData, its key if encrypted, and its lock."""

    def __init__(
        self,
        path: Path,
        savedata: SaveData,
        passkey: PassKey | None,
        lock: ProfileLock | None,
        disk_digest: bytes | None,
        rng: Rng,
    ) -> None:
        self.path = path
        self.savedata = savedata
        self._passkey = passkey
        self._lock = lock
        self._disk_digest = disk_digest
        self._rng = rng
        self._closed = False

    # -- opening --

    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        name: bytes | str = b"",
        password: Password | None = None,
        rng: Rng | None = None,
        *,
        savedata: SaveData | None = None,
        status_message: bytes | str = b"",
    ) -> Profile:
        """Make a new profile file (fresh keys unless `savedata` is given); refuses to overwrite."""
        p = Path(path)
        rng = rng or SystemRng()
        if is_unreadable(p):
            raise ProfileWriteRefused(
                f"refusing to write {p.name!r}: the profile there could not be read, so it would be lost"
            )
        if p.exists():
            raise ProfileExists(p)
        p.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        sd = savedata if savedata is not None else SaveData.new(rng, name=name, status_message=status_message)
        passkey = _passkey_new(password, rng)
        lock = ProfileLock.acquire(p)
        try:
            prof = cls(p, sd, passkey, lock, None, rng)
            data = prof.save_bytes()
            try:
                atomic_write(p, data, exclusive=True)
            except FileExistsError:
                raise ProfileExists(p) from None
            prof._disk_digest = _digest(data)
        except BaseException:
            lock.release()
            raise
        log.info("created profile %s (%s)", p.name, "encrypted" if passkey else "not encrypted")
        return prof

    @classmethod
    def load(
        cls,
        path: str | os.PathLike[str],
        password: Password | None = None,
        *,
        rng: Rng | None = None,
        lock: bool = True,
    ) -> Profile:
        """Open a profile.  Raises PasswordRequired, WrongPassword, SaveDataError subclasses
        (truncated, damaged, not a Tox profile), ProfileLocked or OSError.  `lock=False` opens it
        read-only (no lock taken, saving refused)."""
        p = Path(path)
        rng = rng or SystemRng()
        plock = ProfileLock.acquire(p) if lock else None
        try:
            try:
                raw = _read_profile_file(p)
                sd, passkey = _decode(p, raw, password)
            except FileNotFoundError:
                raise
            except (OSError, ProfileError, ProtocolError, ValueError) as e:
                _mark_unreadable(p)
                e.add_note(f"profile file: {p}")
                raise
        except BaseException:
            if plock is not None:
                plock.release()
            raise
        _mark_readable(p)
        return cls(p, sd, passkey, plock, _digest(raw), rng)

    # -- state --

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def encrypted(self) -> bool:
        return self._passkey is not None

    @property
    def passkey(self) -> PassKey | None:
        return self._passkey

    @property
    def read_only(self) -> bool:
        return self._lock is None

    @property
    def closed(self) -> bool:
        return self._closed

    def __repr__(self) -> str:
        return (
            f"Profile({self.path.name!r}, encrypted={self.encrypted}, "
            f"read_only={self.read_only}, savedata={self.savedata!r})"
        )

    __str__ = __repr__

    # -- saving --

    def save_bytes(self, savedata: SaveData | None = None) -> bytes:
        """The exact bytes `save` would write (encrypted when the profile is), verified."""
        sd = savedata if savedata is not None else self.savedata
        clear = sd.to_bytes()
        try:
            back = SaveData.parse(clear)
        except ProtocolError as e:
            raise ProfileWriteRefused(f"the profile data does not parse back ({e}); not saved") from e
        if back.to_bytes() != clear or back.tox_id != sd.tox_id:
            raise ProfileWriteRefused("the profile data does not round-trip; not saved")
        if self._passkey is None:
            return clear
        out = encryptsave.encrypt_with_key(clear, self._passkey.key, self._passkey.salt, self._rng)
        if encryptsave.decrypt_with_key(out, self._passkey.key) != clear:
            raise ProfileWriteRefused("the encrypted profile does not decrypt back; not saved")
        return out

    def save(self, savedata: SaveData | None = None) -> None:
        """Write the profile atomically (see the module docstring for what is refused)."""
        self._check_writable()
        sd = savedata if savedata is not None else self.savedata
        data = self.save_bytes(sd)
        self._check_disk_unchanged()
        atomic_write(self.path, data)
        self._disk_digest = _digest(data)
        self.savedata = sd

    def change_password(self, password: Password | None) -> None:
        """Re-encrypt with a new password (fresh salt), or save in the clear with None."""
        self._check_writable()
        old = self._passkey
        self._passkey = _passkey_new(password, self._rng)
        try:
            self.save()
        except BaseException:
            self._passkey = old
            raise

    def _check_writable(self) -> None:
        if self._closed:
            raise ProfileWriteRefused(f"the profile {self.name!r} is closed")
        if self._lock is None or not self._lock.held:
            raise ProfileWriteRefused(f"the profile {self.name!r} was opened read-only")

    def _check_disk_unchanged(self) -> None:
        try:
            current = self.path.read_bytes()
        except FileNotFoundError:
            return
        if self._disk_digest is None or _digest(current) != self._disk_digest:
            raise ProfileWriteRefused(
                f"refusing to overwrite {self.path.name!r}: it was changed on disk since it was opened"
            )

    # -- closing --

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Profile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _passkey_new(password: Password | None, rng: Rng) -> PassKey | None:
    if password is None:
        return None
    if isinstance(password, PassKey):
        return password
    return PassKey.derive(password, rng)


def _decode(path: Path, raw: bytes, password: Password | None) -> tuple[SaveData, PassKey | None]:
    if not encryptsave.is_encrypted(raw):
        return SaveData.parse(raw), None
    if password is None:
        raise PasswordRequired(path)
    if isinstance(password, PassKey):
        if password.salt != encryptsave.get_salt(raw):
            raise encryptsave.WrongPassword()
        passkey = password
    else:
        encryptsave.get_salt(raw)  # truncation before the slow KDF
        if len(raw) <= encryptsave.ENCRYPTION_EXTRA_LENGTH:
            raise encryptsave.EncryptedTruncatedError(len(raw))
        passkey = PassKey.for_data(password, raw)
    clear = encryptsave.decrypt_with_key(raw, passkey.key)
    return SaveData.parse(clear), passkey
