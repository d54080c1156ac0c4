"""Profiles for the benchmarks: toxgui `.tox` files and c-toxcore savedata with friends in them.

Both are the same format (c-toxcore's savedata), written by toxgui.core.savedata; a toxgui profile
goes through toxgui.store.profile (Profile.create) so it is exactly what the app writes.
"""

from __future__ import annotations

from pathlib import Path

from toxgui.core.crypto import SystemRng
from toxgui.core.savedata import FRIEND_CONFIRMED, FriendRecord, SaveData
from toxgui.store.profile import Profile

RNG = SystemRng()


def new_identity(name: str) -> SaveData:
    return SaveData.new(RNG, name=name)


def befriend(a: SaveData, b: SaveData) -> None:
    """Make a and b confirmed friends of each other (as after an accepted request)."""
    a.friends.append(FriendRecord(b.public_key, FRIEND_CONFIRMED, name=b.name))
    b.friends.append(FriendRecord(a.public_key, FRIEND_CONFIRMED, name=a.name))


def add_random_friends(sd: SaveData, n: int) -> None:
    """n confirmed friends whose keys are random (they never come online)."""
    for _ in range(n):
        sd.friends.append(FriendRecord(RNG.bytes(32), FRIEND_CONFIRMED))


def write_toxgui(sd: SaveData, path: Path) -> Path:
    Profile.create(path, savedata=sd).close()
    return path


def write_ctox(sd: SaveData, path: Path) -> Path:
    path.write_bytes(sd.to_bytes())
    return path


def write_for(kind: str, sd: SaveData, path_stem: Path) -> Path:
    if kind == "toxgui":
        return write_toxgui(sd, path_stem.with_suffix(".tox"))
    return write_ctox(sd, path_stem.with_suffix(".save"))
