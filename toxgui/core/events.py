"""Events the core emits, one dataclass each.

These are the same events the headless JSON-lines contract prints (docs/headless.md): the
`event` name of each class is its JSON name, and its fields are the JSON fields (keys as hex).
"""

from __future__ import annotations

from dataclasses import field
from typing import ClassVar

from toxgui.core.record import record

# The events' field types, re-exported for the modules that read events.
from toxgui.core.spec import MessageKind as MessageKind
from toxgui.core.spec import Stage as Stage
from toxgui.core.spec import Transport as Transport
from toxgui.core.status import FriendFacts


@record(slots=True)
class Event:
    event: ClassVar[str] = ""


@record(slots=True)
class FriendRequest(Event):
    event: ClassVar[str] = "friend_request"
    public_key: bytes
    message: str


@record(slots=True)
class FriendAdded(Event):
    event: ClassVar[str] = "friend_added"
    public_key: bytes


@record(slots=True)
class Progress(Event):
    event: ClassVar[str] = "progress"
    public_key: bytes
    stage: Stage
    details: FriendFacts = field(default_factory=FriendFacts)


@record(slots=True)
class FriendConnection(Event):
    event: ClassVar[str] = "friend_connection"
    public_key: bytes
    status: Transport


@record(slots=True)
class Message(Event):
    event: ClassVar[str] = "message"
    public_key: bytes
    kind: MessageKind
    text: str


@record(slots=True)
class Receipt(Event):
    event: ClassVar[str] = "receipt"
    public_key: bytes
    id: int


@record(slots=True)
class FriendName(Event):
    event: ClassVar[str] = "name"
    public_key: bytes
    name: str


@record(slots=True)
class FriendStatusMessage(Event):
    event: ClassVar[str] = "status_message"
    public_key: bytes
    status_message: str


@record(slots=True)
class FriendUserStatus(Event):
    event: ClassVar[str] = "user_status"
    public_key: bytes
    status: str  # online / away / busy


@record(slots=True)
class FriendTyping(Event):
    event: ClassVar[str] = "typing"
    public_key: bytes
    on: bool


@record(slots=True)
class DhtStatus(Event):
    event: ClassVar[str] = "dht"
    known: int
    good: int


@record(slots=True)
class OnionStatus(Event):
    """Our own announcement: on how many onion nodes we are stored, of how many we announce to."""

    event: ClassVar[str] = "onion"
    announced: int
    nodes: int


# --- file transfers (toxgui.core.files) ---------------------------------------------------------
# `sending` names our side of a transfer: True for a file we send, False for one we receive.  File
# numbers are 0..255 per friend and direction.


@record(slots=True)
class FileOffer(Event):
    """A friend offers us a file (accept it with a seek first to resume)."""

    event: ClassVar[str] = "file_offer"
    public_key: bytes
    file_number: int
    kind: int  # 0 data, 1 avatar; other values as the friend sent them
    size: int | None  # None: unknown size (a stream)
    file_id: bytes
    filename: str  # as UTF-8, undecodable bytes replaced (an avatar's name is its 32-byte hash)


@record(slots=True)
class FileControlled(Event):
    """The friend accepted, paused, resumed or cancelled a transfer."""

    event: ClassVar[str] = "file_control"
    public_key: bytes
    file_number: int
    sending: bool
    control: str  # accept / resume / pause / cancel


@record(slots=True)
class FileChunkWanted(Event):
    """Send the next chunk of a file we send (`ToxNode.files.send_chunk`).  Consumed by the
    application service, which reads the file; not part of the headless contract."""

    event: ClassVar[str] = "file_chunk_wanted"
    public_key: bytes
    file_number: int
    position: int
    length: int


@record(slots=True)
class FileChunk(Event):
    """Bytes of a file we receive, at `position`.  Consumed by the application service, which
    writes the file; not part of the headless contract."""

    event: ClassVar[str] = "file_chunk"
    public_key: bytes
    file_number: int
    position: int
    data: bytes


@record(slots=True)
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


# --- conferences (toxgui.core.conferences) ------------------------------------------------------
# `conference_id` is the 32-byte conference id (c-toxcore tox_conference_get_id).


@record(slots=True)
class ConferenceInvite(Event):
    """A friend invites us into a conference; join with the `invite` bytes (35: the inviter's
    conference number, the type and the id).  A conference invite carries no title."""

    event: ClassVar[str] = "conference_invite"
    public_key: bytes
    invite: bytes
    conference_id: bytes


@record(slots=True)
class ConferenceConnected(Event):
    """We are a member of the conference we joined: the peer list arrived with our own entry."""

    event: ClassVar[str] = "conference_connected"
    conference_id: bytes


@record(slots=True)
class ConferenceMessage(Event):
    """A message in a conference, ours included (it comes back through the mesh, as with
    c-toxcore), each exactly once."""

    event: ClassVar[str] = "conference_message"
    conference_id: bytes
    peer_public_key: bytes
    name: str
    kind: MessageKind
    text: str


@record(slots=True)
class ConferencePeers(Event):
    """The conference's peer list changed (a peer joined, left, was frozen, came back or renamed):
    every listed member, us included, as {public_key, name, connected}; `connected` is True for
    us and for a peer we hold an online link with."""

    event: ClassVar[str] = "conference_peers"
    conference_id: bytes
    peers: list[dict[str, object]]


@record(slots=True)
class ConferenceTitle(Event):
    """The conference title was set (by a member, by us, or learned when joining)."""

    event: ClassVar[str] = "conference_title"
    conference_id: bytes
    title: str
