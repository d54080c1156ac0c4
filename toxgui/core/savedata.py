"""The c-toxcore savedata format (`.tox` profiles), as written by `tox_get_savedata` in 0.2.18.

Pure bytes <-> values; no I/O.  `store/profile.py` does the file work.

Layout: `u32 0 | u32 LE 0x15ED1B1F`, then sections `len u32 LE | type u16 LE | 0x01CE u16 LE | data`
until the END section (type 255, length 0).  Bytes after END are padding and are ignored.

Strictness follows c-toxcore's loader: a bad header, a truncated section, a wrong section cookie,
a NospamKeys section that is not 68 bytes or whose keys do not match, a Friends section that is not
a whole number of 2216-byte records and a malformed Conferences section all refuse the whole file.
Damaged node lists (DHT, TCP relays, path nodes) are dropped, as c-toxcore drops them.  Sections
we do not know are kept byte for byte and written back in their original position.

Strings (names, status messages, request messages) are kept as the raw bytes found in the file, so a
profile round-trips exactly; assigning a `str` stores its UTF-8 encoding, and the `*_text`
properties decode for display.
"""

from __future__ import annotations

import struct
from dataclasses import field
from enum import IntEnum

from toxgui.core.crypto import KeyPair, Rng, public_from_secret
from toxgui.core.errors import ProtocolError
from toxgui.core.packets._registry import decoder
from toxgui.core.record import record
from toxgui.core.spec import MAX_FRIEND_REQUEST_LENGTH, MAX_NAME_LENGTH, MAX_STATUS_MESSAGE_LENGTH, NOSPAM_SIZE
from toxgui.core.toxid import ToxId, short_key
from toxgui.core.wire import PUBLIC_KEY_SIZE, SECRET_KEY_SIZE, PackedNode, Reader

# --- constants ------------------------------------------------------------------------------

STATE_COOKIE_GLOBAL = 0x15ED1B1F
STATE_COOKIE_TYPE = 0x01CE
DHT_STATE_COOKIE_GLOBAL = 0x0159000D
DHT_STATE_COOKIE_TYPE = 0x11CE
DHT_STATE_TYPE_NODES = 4

HEADER = struct.pack("<II", 0, STATE_COOKIE_GLOBAL)
HEADER_SIZE = 8
SECTION_HEADER_SIZE = 8

NOSPAMKEYS_SIZE = NOSPAM_SIZE + PUBLIC_KEY_SIZE + SECRET_KEY_SIZE  # 68
FRIEND_RECORD_SIZE = 2216

SAVED_FRIEND_REQUEST_SIZE = 1024

NUM_SAVED_TCP_RELAYS = 8
NUM_SAVED_PATH_NODES = 8
MAX_SAVED_DHT_NODES = ((2 * 8) + 1024) * 2  # (fake friends x clients + close list) x 2 families

ENCRYPTED_MAGIC = b"toxEsave"


class SectionType(IntEnum):
    NOSPAMKEYS = 1
    DHT = 2
    FRIENDS = 3
    NAME = 4
    STATUSMESSAGE = 5
    STATUS = 6
    TCP_RELAY = 10
    PATH_NODE = 11
    CONFERENCES = 20
    END = 255


SECTION_NAMES: dict[int, str] = {
    SectionType.NOSPAMKEYS: "NospamKeys",
    SectionType.DHT: "DHT",
    SectionType.FRIENDS: "Friends",
    SectionType.NAME: "Name",
    SectionType.STATUSMESSAGE: "StatusMessage",
    SectionType.STATUS: "Status",
    SectionType.TCP_RELAY: "TcpRelays",
    SectionType.PATH_NODE: "PathNodes",
    SectionType.CONFERENCES: "Conferences",
    SectionType.END: "End",
}

# The order c-toxcore 0.2.18 writes (END is appended last).
WRITE_ORDER: tuple[int, ...] = (1, 2, 3, 4, 5, 6, 10, 11, 20)

# Friend status values (c-toxcore Messenger.h FRIEND_*).
FRIEND_ADDED = 1
FRIEND_REQUESTED = 2
FRIEND_CONFIRMED = 3


def section_label(stype: int) -> str:
    name = SECTION_NAMES.get(stype)
    return f"{name} ({stype})" if name else f"unknown section type {stype}"


# --- errors ---------------------------------------------------------------------------------


class SaveDataError(ProtocolError):
    """The bytes are not a usable Tox profile; every subclass says exactly why."""


class NotToxSaveError(SaveDataError):
    """The file does not start with the Tox savedata header."""

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(f"not a Tox profile: {detail}")


class EncryptedSaveError(SaveDataError):
    """The profile is password-protected (toxEsave) and must be decrypted first."""

    def __init__(self) -> None:
        super().__init__("this Tox profile is encrypted: a password is needed to open it")


class TruncatedSaveError(SaveDataError):
    """The file ends inside a section (or before the END section)."""

    def __init__(self, section: str, offset: int, detail: str) -> None:
        self.section = section
        self.offset = offset
        self.detail = detail
        super().__init__(f"the Tox profile is truncated: {section} at offset {offset}: {detail}")


class CorruptSectionError(SaveDataError):
    """A section is present but its content is malformed."""

    def __init__(self, section: str, offset: int, detail: str) -> None:
        self.section = section
        self.offset = offset
        self.detail = detail
        super().__init__(f"the Tox profile is damaged: {section} at offset {offset}: {detail}")


class KeyMismatchError(CorruptSectionError):
    """The saved public key is not the one the saved secret key gives."""

    def __init__(self, offset: int) -> None:
        super().__init__(
            section_label(SectionType.NOSPAMKEYS),
            offset,
            "the saved public key does not match the secret key",
        )


class MissingKeysError(SaveDataError):
    """No NospamKeys section: the file holds no identity."""

    def __init__(self) -> None:
        super().__init__("the Tox profile has no NospamKeys section, so it holds no identity (keys)")


# --- values ---------------------------------------------------------------------------------


def _as_bytes(v: bytes | bytearray | memoryview | str) -> bytes:
    if isinstance(v, str):
        return v.encode("utf-8")
    return bytes(v)


_FRIEND_BYTES_FIELDS = frozenset({"public_key", "request_message", "name", "status_message", "nospam"})
_SAVEDATA_BYTES_FIELDS = frozenset({"nospam", "name", "status_message", "conferences"})


def _text(b: bytes) -> str:
    return b.decode("utf-8", errors="replace")


@record(slots=True)
class FriendRecord:
    """One 2216-byte friend record.  Integer fields are big-endian on disk.

    status 1/2 (request pending) uses `request_message` and `nospam`; status >= 3 (confirmed) uses
    `name`, `status_message`, `user_status` and `last_seen`.  All fields are kept and written back
    whatever the status, so a record round-trips exactly (padding is written as zeros).
    """

    public_key: bytes
    status: int = FRIEND_CONFIRMED
    request_message: bytes = b""
    name: bytes = b""
    status_message: bytes = b""
    user_status: int = 0
    nospam: bytes = bytes(NOSPAM_SIZE)
    last_seen: int = 0

    def __setattr__(self, attr: str, value: object) -> None:
        # Text fields accept str (stored as UTF-8); byte fields accept any bytes-like value.
        if attr in _FRIEND_BYTES_FIELDS and isinstance(value, str | bytearray | memoryview):
            value = _as_bytes(value) if isinstance(value, str) else bytes(value)
        object.__setattr__(self, attr, value)

    @classmethod
    def request(cls, tox_id: ToxId, message: bytes | str) -> FriendRecord:
        """A friend we are sending a request to (status ADDED), as m_addfriend would save it."""
        msg = _as_bytes(message)
        if not 1 <= len(msg) <= MAX_FRIEND_REQUEST_LENGTH:
            raise ValueError(f"a friend request message has 1 to {MAX_FRIEND_REQUEST_LENGTH} bytes")
        return cls(tox_id.public_key, FRIEND_ADDED, request_message=msg, nospam=tox_id.nospam)

    @property
    def confirmed(self) -> bool:
        return self.status >= FRIEND_CONFIRMED

    @property
    def tox_id(self) -> ToxId:
        """The address a pending request goes to (public key + saved nospam)."""
        return ToxId(self.public_key, self.nospam)

    @property
    def name_text(self) -> str:
        return _text(self.name)

    @property
    def status_message_text(self) -> str:
        return _text(self.status_message)

    def __repr__(self) -> str:
        return (
            f"FriendRecord(pk={short_key(self.public_key)}…, status={self.status}, "
            f"name={self.name!r}, user_status={self.user_status})"
        )

    def to_bytes(self) -> bytes:
        if len(self.public_key) != PUBLIC_KEY_SIZE:
            raise ValueError("friend public key must be 32 bytes")
        if len(self.nospam) != NOSPAM_SIZE:
            raise ValueError("friend nospam must be 4 bytes")
        if len(self.request_message) > SAVED_FRIEND_REQUEST_SIZE:
            raise ValueError(f"friend request message longer than {SAVED_FRIEND_REQUEST_SIZE} bytes")
        if len(self.name) > MAX_NAME_LENGTH:
            raise ValueError(f"friend name longer than {MAX_NAME_LENGTH} bytes")
        if len(self.status_message) > MAX_STATUS_MESSAGE_LENGTH:
            raise ValueError(f"friend status message longer than {MAX_STATUS_MESSAGE_LENGTH} bytes")
        if not 0 <= self.status <= 0xFF or not 0 <= self.user_status <= 0xFF:
            raise ValueError("friend status and user status are single bytes")
        if not 0 <= self.last_seen < 1 << 64:
            raise ValueError("last_seen out of range")
        out = b"".join(
            (
                bytes([self.status]),
                self.public_key,
                self.request_message.ljust(SAVED_FRIEND_REQUEST_SIZE, b"\0"),
                b"\0",
                struct.pack(">H", len(self.request_message)),
                self.name.ljust(MAX_NAME_LENGTH, b"\0"),
                struct.pack(">H", len(self.name)),
                self.status_message.ljust(MAX_STATUS_MESSAGE_LENGTH, b"\0"),
                b"\0",
                struct.pack(">H", len(self.status_message)),
                bytes([self.user_status]),
                b"\0\0\0",
                self.nospam,
                struct.pack(">Q", self.last_seen),
            )
        )
        assert len(out) == FRIEND_RECORD_SIZE
        return out

    @classmethod
    def from_bytes(cls, rec: bytes, index: int = 0, offset: int = 0) -> FriendRecord:
        """Decode one record; `index`/`offset` only make error messages precise."""
        if len(rec) != FRIEND_RECORD_SIZE:
            raise CorruptSectionError(
                section_label(SectionType.FRIENDS), offset, f"a friend record is {FRIEND_RECORD_SIZE} bytes"
            )
        r = Reader(rec)
        status = r.u8()
        pk = r.key()
        info = r.take(SAVED_FRIEND_REQUEST_SIZE)
        r.take(1)
        info_len = r.u16()
        name = r.take(MAX_NAME_LENGTH)
        name_len = r.u16()
        smsg = r.take(MAX_STATUS_MESSAGE_LENGTH)
        r.take(1)
        smsg_len = r.u16()
        user_status = r.u8()
        r.take(3)
        nospam = r.take(NOSPAM_SIZE)
        last_seen = r.u64()
        for what, n, cap in (
            ("request message", info_len, SAVED_FRIEND_REQUEST_SIZE),
            ("name", name_len, MAX_NAME_LENGTH),
            ("status message", smsg_len, MAX_STATUS_MESSAGE_LENGTH),
        ):
            if n > cap:
                raise CorruptSectionError(
                    section_label(SectionType.FRIENDS),
                    offset,
                    f"friend #{index}: {what} length {n} is larger than its {cap}-byte field",
                )
        return cls(
            public_key=pk,
            status=status,
            request_message=info[:info_len],
            name=name[:name_len],
            status_message=smsg[:smsg_len],
            user_status=user_status,
            nospam=nospam,
            last_seen=last_seen,
        )


@record(frozen=True, slots=True)
class RawSection:
    """A section kept byte for byte: `after` is the known section type it followed (0: none)."""

    type: int
    data: bytes
    after: int = 0

    def __repr__(self) -> str:
        return f"RawSection(type={self.type}, {len(self.data)} bytes, after={self.after})"


@record(slots=True)
class SaveData:
    """A whole profile.  `parse` / `to_bytes` are exact inverses on what c-toxcore writes."""

    nospam: bytes
    keys: KeyPair
    name: bytes = b""
    status_message: bytes = b""
    user_status: int = 0
    friends: list[FriendRecord] = field(default_factory=list)
    dht_nodes: list[PackedNode] = field(default_factory=list)
    tcp_relays: list[PackedNode] = field(default_factory=list)
    path_nodes: list[PackedNode] = field(default_factory=list)
    # Conferences (type 20): kept raw (validated on load like c-toxcore); None = no section.
    conferences: bytes | None = None
    # DHT sub-sections other than the node list, as (type, data), kept raw.
    dht_extra: list[tuple[int, bytes]] = field(default_factory=list)
    # Sections of unknown type, kept raw, written back where they were found.
    extra_sections: list[RawSection] = field(default_factory=list)

    def __setattr__(self, attr: str, value: object) -> None:
        # Text fields accept str (stored as UTF-8); byte fields accept any bytes-like value.
        if attr in _SAVEDATA_BYTES_FIELDS and isinstance(value, str | bytearray | memoryview):
            value = _as_bytes(value) if isinstance(value, str) else bytes(value)
        object.__setattr__(self, attr, value)

    # -- conveniences --

    @classmethod
    def new(cls, rng: Rng, name: bytes | str = b"", status_message: bytes | str = b"") -> SaveData:
        """A fresh profile: random long-term keys and nospam, no friends."""
        keys = KeyPair.generate(rng)
        return cls(nospam=rng.bytes(NOSPAM_SIZE), keys=keys, name=_as_bytes(name), status_message=_as_bytes(status_message))

    @property
    def public_key(self) -> bytes:
        return self.keys.public

    @property
    def tox_id(self) -> ToxId:
        return ToxId(self.keys.public, self.nospam)

    @property
    def name_text(self) -> str:
        return _text(self.name)

    @property
    def status_message_text(self) -> str:
        return _text(self.status_message)

    def __repr__(self) -> str:
        return (
            f"SaveData(pk={short_key(self.keys.public)}…, name={self.name!r}, "
            f"user_status={self.user_status}, friends={len(self.friends)}, "
            f"dht_nodes={len(self.dht_nodes)}, tcp_relays={len(self.tcp_relays)}, "
            f"path_nodes={len(self.path_nodes)}, extra_sections={len(self.extra_sections)})"
        )

    __str__ = __repr__

    # -- reading --

    @classmethod
    def parse(cls, data: bytes) -> SaveData:
        return _parse(bytes(data))

    # -- writing --

    def section_payloads(self) -> list[tuple[int, bytes]]:
        """(type, payload) in the order `to_bytes` writes them, END excluded."""
        if len(self.nospam) != NOSPAM_SIZE:
            raise ValueError("nospam must be 4 bytes")
        if len(self.keys.public) != PUBLIC_KEY_SIZE or len(self.keys.secret) != SECRET_KEY_SIZE:
            raise ValueError("keys must be 32 bytes each")
        if public_from_secret(self.keys.secret) != self.keys.public:
            raise ValueError("the public key does not match the secret key")
        if not 0 <= self.user_status <= 0xFF:
            raise ValueError("user status is a single byte")
        known: dict[int, bytes | None] = {
            SectionType.NOSPAMKEYS: self.nospam + self.keys.public + self.keys.secret,
            SectionType.DHT: _dht_payload(self.dht_nodes, self.dht_extra),
            SectionType.FRIENDS: b"".join(f.to_bytes() for f in self.friends),
            SectionType.NAME: self.name,
            SectionType.STATUSMESSAGE: self.status_message,
            SectionType.STATUS: bytes([self.user_status]),
            SectionType.TCP_RELAY: b"".join(n.encode() for n in self.tcp_relays),
            SectionType.PATH_NODE: b"".join(n.encode() for n in self.path_nodes),
            SectionType.CONFERENCES: self.conferences,
        }
        for raw in self.extra_sections:
            if raw.type in known or raw.type == SectionType.END:
                raise ValueError(f"extra section type {raw.type} is a known type")
        out: list[tuple[int, bytes]] = [(r.type, r.data) for r in self.extra_sections if r.after == 0]
        placed = {0}
        for stype in WRITE_ORDER:
            payload = known[stype]
            if payload is not None:
                out.append((stype, payload))
            out.extend((r.type, r.data) for r in self.extra_sections if r.after == stype)
            placed.add(stype)
        # Extras anchored to something that is not a known type go at the end, in order.
        out.extend((r.type, r.data) for r in self.extra_sections if r.after not in placed)
        return out

    def to_bytes(self) -> bytes:
        parts = [HEADER]
        for stype, payload in self.section_payloads():
            parts.append(_section(stype, payload))
        parts.append(_section(SectionType.END, b""))
        return b"".join(parts)


# --- helpers --------------------------------------------------------------------------------


def _section(stype: int, payload: bytes, cookie: int = STATE_COOKIE_TYPE) -> bytes:
    if not 0 <= stype <= 0xFFFF:
        raise ValueError("section type is a u16")
    return struct.pack("<IHH", len(payload), stype, cookie) + payload


def _dht_payload(nodes: list[PackedNode], extra: list[tuple[int, bytes]]) -> bytes:
    if any(n.tcp for n in nodes):
        raise ValueError("DHT nodes are UDP nodes")
    body = b"".join(n.encode() for n in nodes)
    parts = [
        struct.pack("<I", DHT_STATE_COOKIE_GLOBAL),
        _section(DHT_STATE_TYPE_NODES, body, DHT_STATE_COOKIE_TYPE),
    ]
    parts.extend(_section(t, d, DHT_STATE_COOKIE_TYPE) for t, d in extra)
    return b"".join(parts)


def _nodes_lenient(data: bytes, allow_tcp: bool, max_count: int) -> list[PackedNode]:
    """c-toxcore unpack_nodes: up to max_count nodes; any malformed node drops the whole list."""
    r = Reader(data)
    out: list[PackedNode] = []
    try:
        while r.remaining and len(out) < max_count:
            out.append(PackedNode.read(r, allow_tcp))
    except ProtocolError:
        return []
    return out


def _parse_dht(data: bytes) -> tuple[list[PackedNode], list[tuple[int, bytes]]]:
    """dht_load: anything malformed is ignored (c-toxcore continues without saved DHT nodes)."""
    if len(data) <= 4 or struct.unpack_from("<I", data)[0] != DHT_STATE_COOKIE_GLOBAL:
        return [], []
    nodes: list[PackedNode] = []
    extra: list[tuple[int, bytes]] = []
    pos = 4
    while len(data) - pos >= SECTION_HEADER_SIZE:
        length, stype, cookie = struct.unpack_from("<IHH", data, pos)
        pos += SECTION_HEADER_SIZE
        if length > len(data) - pos or cookie != DHT_STATE_COOKIE_TYPE:
            return nodes, extra
        body = data[pos : pos + length]
        pos += length
        if stype == DHT_STATE_TYPE_NODES:
            # c-toxcore replaces its loaded list with each non-empty nodes sub-section.
            if length:
                nodes = _nodes_lenient(body, False, MAX_SAVED_DHT_NODES)
        else:
            extra.append((stype, body))
    return nodes, extra


_CONF_FIXED = 1 + 32 + 4 + 2 + 2 + 4 + 1  # SAVED_CONF_SIZE_CONSTANT
_PEER_FIXED = 32 + 32 + 2 + 8 + 1  # SAVED_PEER_SIZE_CONSTANT


def _check_conferences(data: bytes, offset: int) -> None:
    """Mirror group.c load_conferences: the cases where c-toxcore refuses the whole profile."""
    label = section_label(SectionType.CONFERENCES)
    pos = 0
    n = len(data)
    index = 0
    while n - pos >= _CONF_FIXED:
        numfrozen = struct.unpack_from("<I", data, pos + 1 + 32 + 4 + 2 + 2)[0]
        title_len = data[pos + _CONF_FIXED - 1]
        if title_len > MAX_NAME_LENGTH:
            raise CorruptSectionError(label, offset, f"conference #{index}: title longer than 128 bytes")
        pos += _CONF_FIXED
        if pos + title_len > n:
            raise CorruptSectionError(label, offset, f"conference #{index}: title runs past the section")
        pos += title_len
        for _ in range(numfrozen):
            if pos + _PEER_FIXED > n:
                raise CorruptSectionError(
                    label, offset, f"conference #{index}: peer list runs past the section"
                )
            nick_len = data[pos + _PEER_FIXED - 1]
            if nick_len > MAX_NAME_LENGTH:
                raise CorruptSectionError(
                    label, offset, f"conference #{index}: peer nick longer than 128 bytes"
                )
            pos += _PEER_FIXED
            if pos + nick_len > n:
                raise CorruptSectionError(
                    label, offset, f"conference #{index}: peer nick runs past the section"
                )
            pos += nick_len
        index += 1


def _parse(data: bytes) -> SaveData:
    if data[:8] == ENCRYPTED_MAGIC:
        raise EncryptedSaveError()
    if len(data) < HEADER_SIZE:
        if data and HEADER.startswith(data):
            raise TruncatedSaveError("the file header", 0, f"only {len(data)} bytes")
        if not data:
            raise NotToxSaveError("the file is empty")
        raise NotToxSaveError(f"the file is only {len(data)} bytes and has no Tox header")
    zero, magic = struct.unpack_from("<II", data)
    if zero != 0 or magic != STATE_COOKIE_GLOBAL:
        raise NotToxSaveError(f"bad header {data[:8].hex()} (expected {HEADER.hex()})")

    nospam_keys: tuple[bytes, KeyPair] | None = None
    name = b""
    status_message = b""
    user_status = 0
    friends: list[FriendRecord] = []
    dht_nodes: list[PackedNode] = []
    dht_extra: list[tuple[int, bytes]] = []
    tcp_relays: list[PackedNode] = []
    path_nodes: list[PackedNode] = []
    conferences: bytes | None = None
    extras: list[RawSection] = []
    last_known = 0
    last_label = "the file header"

    pos = HEADER_SIZE
    end_seen = False
    while pos < len(data):
        if len(data) - pos < SECTION_HEADER_SIZE:
            raise TruncatedSaveError(
                f"the section header after {last_label}",
                pos,
                f"{len(data) - pos} bytes left, a section header is {SECTION_HEADER_SIZE}",
            )
        length, stype, cookie = struct.unpack_from("<IHH", data, pos)
        label = section_label(stype)
        if cookie != STATE_COOKIE_TYPE:
            raise CorruptSectionError(
                f"the section after {last_label}",
                pos,
                f"bad section cookie 0x{cookie:04X} (expected 0x{STATE_COOKIE_TYPE:04X})",
            )
        start = pos + SECTION_HEADER_SIZE
        if length > len(data) - start:
            raise TruncatedSaveError(
                label, pos, f"declares {length} bytes, only {len(data) - start} remain in the file"
            )
        body = data[start : start + length]
        pos = start + length
        at = start - SECTION_HEADER_SIZE

        if stype == SectionType.END:
            if length != 0:
                raise CorruptSectionError(label, at, f"the END section must be empty, it has {length} bytes")
            end_seen = True
            break
        if stype == SectionType.NOSPAMKEYS:
            if length != NOSPAMKEYS_SIZE:
                raise CorruptSectionError(label, at, f"must be {NOSPAMKEYS_SIZE} bytes, is {length}")
            pk = body[4:36]
            sk = body[36:68]
            if public_from_secret(sk) != pk:
                raise KeyMismatchError(at)
            nospam_keys = (body[:4], KeyPair(pk, sk))
        elif stype == SectionType.DHT:
            dht_nodes, dht_extra = _parse_dht(body)
        elif stype == SectionType.FRIENDS:
            if length % FRIEND_RECORD_SIZE:
                raise CorruptSectionError(
                    label,
                    at,
                    f"length {length} is not a multiple of the {FRIEND_RECORD_SIZE}-byte friend record",
                )
            for i in range(length // FRIEND_RECORD_SIZE):
                rec = body[i * FRIEND_RECORD_SIZE : (i + 1) * FRIEND_RECORD_SIZE]
                friends.append(FriendRecord.from_bytes(rec, len(friends), at))
        elif stype == SectionType.NAME:
            name = body
        elif stype == SectionType.STATUSMESSAGE:
            status_message = body
        elif stype == SectionType.STATUS:
            if length != 1:
                raise CorruptSectionError(label, at, f"must be 1 byte, is {length}")
            user_status = body[0]
        elif stype == SectionType.TCP_RELAY:
            tcp_relays = _nodes_lenient(body, True, NUM_SAVED_TCP_RELAYS)
        elif stype == SectionType.PATH_NODE:
            path_nodes = _nodes_lenient(body, False, NUM_SAVED_PATH_NODES)
        elif stype == SectionType.CONFERENCES:
            _check_conferences(body, at)
            conferences = body if conferences is None else conferences + body
        else:
            extras.append(RawSection(stype, body, last_known))
            last_label = label
            continue
        last_known = stype
        last_label = label

    if not end_seen:
        raise TruncatedSaveError(
            f"the end of the file after {last_label}", len(data), "the END section is missing"
        )
    if nospam_keys is None:
        raise MissingKeysError()
    return SaveData(
        nospam=nospam_keys[0],
        keys=nospam_keys[1],
        name=name,
        status_message=status_message,
        user_status=user_status,
        friends=friends,
        dht_nodes=dht_nodes,
        tcp_relays=tcp_relays,
        path_nodes=path_nodes,
        conferences=conferences,
        dht_extra=dht_extra,
        extra_sections=extras,
    )


decoder("savedata")(SaveData.parse)
