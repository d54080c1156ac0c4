"""Item data roles shared by the toxgui item models (also exposed by name for QML)."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt

_U = int(Qt.ItemDataRole.UserRole)


class Role(IntEnum):
    PublicKey = _U + 1  # bytes
    Name = _U + 2  # str (may be empty)
    StatusMessage = _U + 3  # str
    Presence = _U + 4  # "offline" / "online" / "away" / "busy"
    Connection = _U + 5  # "none" / "udp" / "tcp"
    ToxProgress = _U + 6  # toxgui.core.events.Stage
    StageIndex = _U + 7  # int 0..5
    Unread = _U + 8  # int
    Typing = _U + 9  # bool
    Online = _U + 10  # bool
    LastSeen = _U + 11  # float: unix seconds the friend was last seen online, 0 = never
    Avatar = _U + 12  # bytes: the friend's avatar image, b"" = none (draw the identicon)
    # chat messages
    MessageId = _U + 20  # int
    Outgoing = _U + 21  # bool
    Timestamp = _U + 22  # float, unix seconds
    Kind = _U + 23  # "normal" / "action"
    Text = _U + 24  # str
    DeliveryState = _U + 25  # toxgui.store.history.State
    Sender = _U + 26  # str: who wrote a conference message ("" in a one-to-one chat)
    # friend requests
    Message = _U + 30  # str
    # dashboard stages
    StageState = _U + 40  # "done" / "current" / "todo"
    Entered = _U + 41  # float or None
    Description = _U + 42  # str


def role_names(*roles: Role) -> dict[int, bytes]:
    """roleNames() entries: lowerCamelCase names of the given roles."""
    return {int(r): (r.name[0].lower() + r.name[1:]).encode() for r in roles}
