"""Events the core emits, one dataclass each.

These are the same events the headless JSON-lines contract prints (docs/headless.md): the
`event` name of each class is its JSON name, and its fields are the JSON fields (keys as hex).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

# The events' field types, re-exported for the modules that read events.
from toxgui.core.spec import MessageKind as MessageKind
from toxgui.core.spec import Stage as Stage
from toxgui.core.spec import Transport as Transport
from toxgui.core.status import FriendFacts


@dataclass(slots=True)
class Event:
    event: ClassVar[str] = ""


@dataclass(slots=True)
class FriendRequest(Event):
    event: ClassVar[str] = "friend_request"
    public_key: bytes
    message: str


@dataclass(slots=True)
class FriendAdded(Event):
    event: ClassVar[str] = "friend_added"
    public_key: bytes


@dataclass(slots=True)
class Progress(Event):
    event: ClassVar[str] = "progress"
    public_key: bytes
    stage: Stage
    details: FriendFacts = field(default_factory=FriendFacts)


@dataclass(slots=True)
class FriendConnection(Event):
    event: ClassVar[str] = "friend_connection"
    public_key: bytes
    status: Transport


@dataclass(slots=True)
class Message(Event):
    event: ClassVar[str] = "message"
    public_key: bytes
    kind: MessageKind
    text: str


@dataclass(slots=True)
class Receipt(Event):
    event: ClassVar[str] = "receipt"
    public_key: bytes
    id: int


@dataclass(slots=True)
class FriendName(Event):
    event: ClassVar[str] = "name"
    public_key: bytes
    name: str


@dataclass(slots=True)
class FriendStatusMessage(Event):
    event: ClassVar[str] = "status_message"
    public_key: bytes
    status_message: str


@dataclass(slots=True)
class FriendUserStatus(Event):
    event: ClassVar[str] = "user_status"
    public_key: bytes
    status: str  # online / away / busy


@dataclass(slots=True)
class FriendTyping(Event):
    event: ClassVar[str] = "typing"
    public_key: bytes
    on: bool


@dataclass(slots=True)
class DhtStatus(Event):
    event: ClassVar[str] = "dht"
    known: int
    good: int


@dataclass(slots=True)
class OnionStatus(Event):
    """Our own announcement: on how many onion nodes we are stored, of how many we announce to."""

    event: ClassVar[str] = "onion"
    announced: int
    nodes: int


# --- file transfers (toxgui.core.files) ---------------------------------------------------------
# `sending` names our side of a transfer: True for a file we send, False for one we receive.  File
# numbers are 0..255 per friend and direction.


@dataclass(slots=True)
class FileOffer(Event):
    """A friend offers us a file (accept it with a seek first to resume)."""

    event: ClassVar[str] = "file_offer"
    public_key: bytes
    file_number: int
    kind: int  # 0 data, 1 avatar; other values as the friend sent them
    size: int | None  # None: unknown size (a stream)
    file_id: bytes
    filename: str  # as UTF-8, undecodable bytes replaced (an avatar's name is its 32-byte hash)


@dataclass(slots=True)
class FileControlled(Event):
    """The friend accepted, paused, resumed or cancelled a transfer."""

    event: ClassVar[str] = "file_control"
    public_key: bytes
    file_number: int
    sending: bool
    control: str  # accept / resume / pause / cancel


@dataclass(slots=True)
class FileChunkWanted(Event):
    """Send the next chunk of a file we send (`ToxNode.files.send_chunk`).  Consumed by the
    application service, which reads the file; not part of the headless contract."""

    event: ClassVar[str] = "file_chunk_wanted"
    public_key: bytes
    file_number: int
    position: int
    length: int


@dataclass(slots=True)
class FileChunk(Event):
    """Bytes of a file we receive, at `position`.  Consumed by the application service, which
    writes the file; not part of the headless contract."""

    event: ClassVar[str] = "file_chunk"
    public_key: bytes
    file_number: int
    position: int
    data: bytes


@dataclass(slots=True)
class FileDone(Event):
    """A transfer ended: `complete` (the last chunk arrived, or the friend acknowledged the last
    one we sent), `cancelled` (by either side) or `interrupted` (the session went down)."""

    event: ClassVar[str] = "file_done"
    public_key: bytes
    file_number: int
    sending: bool
    outcome: str
    transferred: int  # bytes sent or received, counted from position 0 (seek included)
    by_friend: bool = False  # cancelled by the friend (their KILL), not by us
