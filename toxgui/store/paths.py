"""Where things live on disk.

Profiles (`*.tox`) go in the Tox Client Standard folder shared by every Tox client
(`~/.config/tox` on Linux, `%APPDATA%\\tox` on Windows), so a profile made by qTox or toxic shows
up here and ours show up there.  toxgui's own settings, logs, history and caches go in its app
folders.  Everything can be redirected: `TOXGUI_PROFILE_DIR` (or an argument) for profiles, and a
`base` folder (portable mode, tests) for all of it.
"""

from __future__ import annotations

import os
from pathlib import Path

from toxgui.core.encryptsave import is_encrypted
from toxgui.core.record import record

APP_NAME = "toxgui"
TCS_DIR_NAME = "tox"
PROFILE_SUFFIX = ".tox"
LOCK_SUFFIX = ".lock"
HISTORY_SUFFIX = ".db"
ENV_PROFILE_DIR = "TOXGUI_PROFILE_DIR"

_TEMP_FLAGS = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def new_temp_file(folder: Path, name: str) -> tuple[int, str]:
    """A new file ``.<name>.<random>.tmp`` in `folder`, opened for writing, as tempfile.mkstemp
    makes it (O_EXCL so never an existing file or a planted symlink, mode 0600, a fresh random
    name) but without importing tempfile, which brings shutil, zlib, bz2, lzma and random: 0.7 MB
    resident in every process that saves its profile once."""
    for _ in range(100):
        path = os.path.join(folder, f".{name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(path, _TEMP_FLAGS, 0o600), path
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary file name in {folder}")


def default_profile_dir() -> Path:
    """The Tox Client Standard profile folder for this user and platform."""
    import platformdirs  # here, not at the top: a headless node with --profile never needs it

    return platformdirs.user_config_path(TCS_DIR_NAME, appauthor=False, roaming=True)


def download_dir() -> Path:
    """Where received files go unless the user says otherwise: the desktop's downloads folder."""
    import platformdirs

    return platformdirs.user_downloads_path()


def profile_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The profile folder: the argument, else $TOXGUI_PROFILE_DIR, else the standard one."""
    if override is not None:
        return Path(override)
    env = os.environ.get(ENV_PROFILE_DIR)
    if env:
        return Path(env)
    return default_profile_dir()


def profile_path(name: str, directory: str | os.PathLike[str] | None = None) -> Path:
    """`<dir>/<name>.tox`; the name must be a plain file name (no separators, not hidden)."""
    check_profile_name(name)
    return profile_dir(directory) / f"{name}{PROFILE_SUFFIX}"


def check_profile_name(name: str) -> None:
    if not name or name.strip() != name:
        raise ValueError("a profile name must be non-empty and not start or end with spaces")
    if name.startswith(".") or any(c in name for c in '/\\:*?"<>|\0'):
        raise ValueError(f"{name!r} cannot be used as a profile name (it must be a plain file name)")


def lock_path(profile: str | os.PathLike[str]) -> Path:
    """`<name>.lock` beside `<name>.tox`, as qTox names it."""
    p = Path(profile)
    return p.with_name(p.stem + LOCK_SUFFIX)


def history_path(profile: str | os.PathLike[str]) -> Path:
    """The per-profile history database `<name>.db` beside the `.tox`, as qTox keeps it."""
    p = Path(profile)
    return p.with_name(p.stem + HISTORY_SUFFIX)


@record(frozen=True, slots=True)
class ProfileEntry:
    name: str
    path: Path
    encrypted: bool
    locked: bool

    def __str__(self) -> str:
        return self.name


def list_profiles(directory: str | os.PathLike[str] | None = None) -> list[ProfileEntry]:
    """Every `*.tox` in the profile folder (ours, qTox's, toxic's...), sorted by name.

    Only the first 8 bytes of each file are read (to tell encrypted ones).  Unreadable files are
    listed too (encrypted=False): opening them reports the real problem.
    """
    d = profile_dir(directory)
    try:
        candidates = [p for p in d.iterdir() if p.suffix == PROFILE_SUFFIX and p.is_file()]
    except (FileNotFoundError, NotADirectoryError):
        return []
    out: list[ProfileEntry] = []
    for p in candidates:
        try:
            with p.open("rb") as f:
                head = f.read(8)
        except OSError:
            head = b""
        out.append(ProfileEntry(p.stem, p, is_encrypted(head), lock_path(p).exists()))
    out.sort(key=lambda e: (e.name.casefold(), e.name))
    return out


@record(frozen=True, slots=True)
class AppDirs:
    """toxgui's own folders (not the shared profile folder)."""

    profiles: Path
    config: Path
    data: Path
    log: Path
    cache: Path

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"

    def ensure(self) -> None:
        for d in (self.profiles, self.config, self.data, self.log, self.cache):
            d.mkdir(parents=True, exist_ok=True, mode=0o700)


def app_dirs(
    base: str | os.PathLike[str] | None = None, profiles: str | os.PathLike[str] | None = None
) -> AppDirs:
    """Platform folders, or everything under `base` (portable mode, tests).

    Linux defaults: profiles ~/.config/tox, config ~/.config/toxgui, data ~/.local/share/toxgui,
    log ~/.local/state/toxgui/log, cache ~/.cache/toxgui.
    """
    if base is not None:
        b = Path(base)
        return AppDirs(
            profiles=Path(profiles) if profiles is not None else b / TCS_DIR_NAME,
            config=b / APP_NAME / "config",
            data=b / APP_NAME / "data",
            log=b / APP_NAME / "log",
            cache=b / APP_NAME / "cache",
        )
    import platformdirs

    return AppDirs(
        profiles=profile_dir(profiles),
        config=platformdirs.user_config_path(APP_NAME, appauthor=False, roaming=True),
        data=platformdirs.user_data_path(APP_NAME, appauthor=False, roaming=True),
        log=platformdirs.user_log_path(APP_NAME, appauthor=False),
        cache=platformdirs.user_cache_path(APP_NAME, appauthor=False),
    )
