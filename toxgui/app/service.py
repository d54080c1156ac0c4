"""ToxClient: one profile, one node, one runtime — the object every front end drives.

The headless JSON-lines mode and the desktop GUI both sit on this class.  It owns the profile
(the persistent truth), builds the sans-I/O node from it, runs the node on the asyncio runtime,
turns user commands into node commands and saves the profile (debounced, atomic).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING

from toxgui.app.errors import CommandError as CommandError
from toxgui.app.transfers import DiskTransfers, FileSent
from toxgui.core.conferences import (
    REASON_CLOSEST,
    REASON_INTRODUCER,
    REASON_INTRODUCING,
    ConferenceError,
    Status,
)
from toxgui.core.crypto import SystemRng
from toxgui.core.encryptsave import PassKey
from toxgui.core.errors import ProtocolError
from toxgui.core.events import Event
from toxgui.core.files import FileError
from toxgui.core.friends import Friend, FriendStatus
from toxgui.core.node import NodeConfig, ToxNode
from toxgui.core.record import record
from toxgui.core.savedata import NUM_SAVED_TCP_RELAYS, FriendRecord
from toxgui.core.spec import MessageKind, Stage, Transport, UserStatus
from toxgui.core.status import FriendFacts, NodeStatus
from toxgui.core.toxid import ToxId
from toxgui.core.wire import normalize_addr
from toxgui.net.bootstrap import bootstrap_public, public_bootstrap_allowed
from toxgui.net.proxy import ProxySpec
from toxgui.net.runtime import ToxRuntime
from toxgui.net.tcp_client import TcpRelayConnections
from toxgui.store.avatars import AVATARS_DIR, MAX_AVATAR_SIZE, AvatarStore
from toxgui.store.outbox import Outbox, outbox_key
from toxgui.store.profile import Profile

if TYPE_CHECKING:
    from toxgui.net.tcp_relay import TcpRelay

log = logging.getLogger(__name__)

USER_STATUSES = ("online", "away", "busy")
MAX_NAME_LENGTH = 128
MAX_STATUS_MESSAGE_LENGTH = 1007
SAVE_DEBOUNCE_S = 2.0
# Queue changes that need not reach the disk at once (a receipt removing a message: losing that
# write only means the friend may see the message twice) are coalesced over this delay, and the
# file is fsynced then.  Sending writes the queue at once, before `send_message` returns.
QUEUE_SAVE_DELAY_S = 0.5
QUEUE_SAVE_MAX_DELAY_S = 10.0


@record
class ClientOptions:
    port: int | None = None
    bind_host: str | None = None
    ipv6: bool = True
    lan_discovery: bool = True
    bootstrap: list[tuple[str, int, bytes]] = field(default_factory=list)
    # Keep unconfirmed outgoing messages in the profile's outbox (toxgui.store.outbox) so they
    # survive a restart: the one persistent outgoing queue, for every front end.  Off only for
    # throwaway nodes (benchmarks).
    persist_queue: bool = True
    # Bootstrap from the bundled public node list when `bootstrap` is empty. Only front ends set
    # this, for real users; TOXGUI_NO_PUBLIC_BOOTSTRAP=1 (tests, benchmarks) forbids it anyway.
    use_public_nodes: bool = False
    # Where accepted files go when no path is given (None: a path must be given); a function is
    # asked the first time (the user's Downloads folder: platformdirs is loaded only then).
    download_dir: Path | Callable[[], Path] | None = None
    # Run a TCP relay for other Tox clients on this port (0: any free one); None: no relay.
    tcp_relay_port: int | None = None
    # TCP relays to connect to at start (HOST, PORT, the relay's key).
    tcp_relays: list[tuple[str, int, bytes]] = field(default_factory=list)
    # False: no UDP socket at all; friends and the onion only through TCP relays.
    udp: bool = True
    # Every TCP relay connection through this proxy; a proxy turns UDP off (as in c-toxcore).
    proxy: ProxySpec | None = None


@record(frozen=True, slots=True)
class FriendSummary:
    """A friend as the contact list shows them (a snapshot; `ToxClient.friends()`)."""

    public_key: bytes
    name: str
    status_message: str
    user_status: UserStatus
    connection: Transport
    stage: Stage
    last_seen: int  # unix seconds, 0 = never


@record(frozen=True, slots=True)
class ConferenceSummary:
    """A conference as a front end lists it (a snapshot)."""

    conference_id: bytes
    title: str
    connected: bool  # False while joining (the peer list naming us has not arrived)
    peers: list[dict[str, object]]


class ToxClient:
    def __init__(self, profile: Profile, options: ClientOptions | None = None) -> None:
        self.profile = profile
        self.options = options or ClientOptions()
        sd = profile.savedata
        self.node = ToxNode(
            sd.keys,
            sd.nospam,
            SystemRng(),
            NodeConfig(ipv6=self.options.ipv6, lan_discovery=self.options.lan_discovery and self.udp_enabled,
                       udp=self.udp_enabled),
        )
        self.runtime = ToxRuntime(
            self.node, port=self.options.port, bind_host=self.options.bind_host, ipv6=self.options.ipv6
        )
        self._subscribers: list[Callable[[Event], None]] = []
        self.runtime.subscribe(self._on_event)
        self.tcp_client = TcpRelayConnections(self.runtime, self.options.proxy)  # our connections to relays
        self._save_handle: asyncio.TimerHandle | None = None
        self._queue_handle: asyncio.Handle | None = None
        passkey = profile.passkey
        self.outbox = Outbox(Path(profile.path), outbox_key(passkey.key) if passkey is not None else None)
        self._refresh_task: asyncio.Task[str] | None = None
        self.tcp_relay: TcpRelay | None = None  # --tcp-relay-port
        self.node.messenger.on_queue_changed = self._queue_changed
        self.node.conferences.on_changed = self._changed
        self.avatars = AvatarStore(Path(profile.path).parent / AVATARS_DIR, profile.passkey, SystemRng())
        self.transfers = DiskTransfers(
            self.node.files, profile.savedata.keys.public, self._now, self.options.download_dir, self.avatars
        )

    # --- lifecycle ----------------------------------------------------------------------------

    async def start(self) -> int:
        port = await self.runtime.start()
        if self.options.tcp_relay_port is not None:
            from toxgui.net.tcp_relay import TcpRelay  # here: only a process that serves a relay needs it

            relay = TcpRelay(self.runtime, self.options.tcp_relay_port)
            try:
                await relay.start()
            except OSError:
                await self.runtime.stop(goodbye=False)
                raise
            self.tcp_relay = relay
        self._start_sessions()
        for host, p, key in self.options.bootstrap:
            self.node.bootstrap(host, p, key, self.runtime.now)
        for host, p, key in self.options.tcp_relays:
            self.node.add_tcp_relay(host, p, key, self.runtime.now)
        self.runtime.pump()
        if not self.options.bootstrap and self.options.use_public_nodes and public_bootstrap_allowed():
            try:
                # The last good refreshed list (else the bundled one); refreshed in the background.
                self._refresh_task = await bootstrap_public(self.runtime, resolve_names=self.options.proxy is None)
            except (OSError, ValueError) as e:
                log.warning("could not bootstrap from the public node list: %s", e)
        return port

    async def stop(self) -> None:
        if self._refresh_task is not None:
            self._refresh_task.cancel()
            self._refresh_task = None
        if self._save_handle:
            self._save_handle.cancel()
            self._save_handle = None
        if self.tcp_relay is not None:
            await self.tcp_relay.stop()
        await self.runtime.stop()  # the goodbye goes over relays too
        self.node.tcp.close_all()
        await self.tcp_client.stop()
        self.transfers.close()
        self.save()
        if self._queue_handle is not None:
            self._queue_handle.cancel()
            self._queue_handle = None
        self.save_queue()

    def subscribe(self, fn: Callable[[Event], None]) -> None:
        self._subscribers.append(fn)

    def _on_event(self, ev: Event) -> None:
        # File events become the front ends' (chunks are read and written here, never shown).
        mapped = self.transfers.handle(ev)
        for out in [ev] if mapped is None else mapped:
            for fn in self._subscribers:
                fn(out)

    @property
    def udp_enabled(self) -> bool:
        return self.options.udp and self.options.proxy is None

    # --- identity -----------------------------------------------------------------------------

    @property
    def tox_id(self) -> ToxId:
        return ToxId(self.profile.savedata.keys.public, self.profile.savedata.nospam)

    @property
    def public_key(self) -> bytes:
        return self.profile.savedata.keys.public

    @property
    def dht_key(self) -> bytes:
        return self.node.dht_public_key

    @property
    def udp_port(self) -> int:
        return self.runtime.udp_port

    @property
    def name(self) -> str:
        return _text(self.profile.savedata.name)

    @property
    def status_message(self) -> str:
        return _text(self.profile.savedata.status_message)

    @property
    def user_status(self) -> str:
        s = self.profile.savedata.user_status
        return USER_STATUSES[s] if 0 <= s < 3 else "online"

    # --- snapshots (what front ends read; never the node's internals) ---------------------------

    def status(self) -> NodeStatus:
        """Our own network state now."""
        return self.node.status(self._now())

    def friends(self) -> list[FriendSummary]:
        now, wall = self._now(), time.time()
        return [
            FriendSummary(
                public_key=f.public_key, name=_text(f.name), status_message=_text(f.status_message),
                user_status=UserStatus.from_wire(f.user_status), connection=f.connection, stage=f.stage,
                last_seen=f.last_seen_at(now, wall),
            )
            for f in self.node.friends
        ]

    def is_friend(self, public_key: bytes) -> bool:
        return public_key in self.node.friends

    def friend_facts(self, public_key: bytes | str) -> FriendFacts:
        """One friend's connection facts now, `last_seen` as of now (CommandError if not a friend)."""
        pk = _friend_key(self.node, public_key)
        now = self._now()
        facts = self.node.friend_facts(pk, now)
        friend = self.node.friends.get(pk)
        assert friend is not None  # _friend_key checked
        facts.last_seen = friend.last_seen_at(now, time.time())
        return facts

    # --- commands -----------------------------------------------------------------------------

    def set_name(self, name: str) -> None:
        raw = _utf8(name, "name")
        if len(raw) > MAX_NAME_LENGTH:
            raise CommandError(f"a name is at most {MAX_NAME_LENGTH} bytes of UTF-8, this is {len(raw)}")
        self.profile.savedata.name = raw
        self._changed()
        self._push_self_info()
        self.node.conferences.name_changed(self._now())
        self.runtime.pump()

    def set_status_message(self, text: str) -> None:
        raw = _utf8(text, "status message")
        if len(raw) > MAX_STATUS_MESSAGE_LENGTH:
            raise CommandError(
                f"a status message is at most {MAX_STATUS_MESSAGE_LENGTH} bytes of UTF-8, this is {len(raw)}"
            )
        self.profile.savedata.status_message = raw
        self._changed()
        self._push_self_info()

    def set_status(self, status: str) -> None:
        if status not in USER_STATUSES:
            raise CommandError(f"status must be one of {', '.join(USER_STATUSES)}, not {status!r}")
        self.profile.savedata.user_status = USER_STATUSES.index(status)
        self._changed()
        self._push_self_info()

    # --- friends ------------------------------------------------------------------------------

    def add_friend(self, tox_id: str, message: str) -> bytes:
        """Add a friend by Tox ID and send the request; returns its public key.

        Raises ValueError subclasses with a message for the user: a bad Tox ID (checksum, length,
        characters, our own), an empty or too long message, a friend already added."""
        if not isinstance(tox_id, str) or not isinstance(message, str):
            raise CommandError("tox_id and message must be strings")
        f = self.node.add_friend(tox_id, message, self._now())
        self._friends_changed()
        return f.public_key

    def accept_request(self, public_key: bytes | str) -> bytes:
        """Accept a pending friend request (NoSuchRequest if there is none)."""
        f = self.node.accept_request(_raw_key(public_key), self._now())
        self._friends_changed()
        return f.public_key

    def decline_request(self, public_key: bytes | str) -> None:
        self.node.decline_request(_raw_key(public_key))
        self.runtime.pump()

    def remove_friend(self, public_key: bytes | str) -> bool:
        removed = self.node.remove_friend(_raw_key(public_key), self._now())
        self._friends_changed()
        return removed

    def set_nospam(self, nospam: bytes) -> None:
        """Change our nospam (the Tox ID changes; requests to the old one are dropped)."""
        self.node.set_nospam(nospam)
        self.profile.savedata.nospam = bytes(nospam)
        self._changed()

    # --- the profile's password ------------------------------------------------------------------

    @property
    def encrypted(self) -> bool:
        return self.profile.encrypted

    def check_password(self, password: str | None) -> bool:
        """Whether `password` is the profile's current password (for an unencrypted profile:
        whether it is empty). Slow (key derivation): may run on a worker thread."""
        current = self.profile.passkey
        if current is None:
            return not password
        if not password:
            return False
        import hmac  # here: hmac loads OpenSSL's libcrypto (about 4 MB resident), for this one check

        return hmac.compare_digest(PassKey.derive_with_salt(password, current.salt).key, current.key)

    @staticmethod
    def derive_passkey(password: str | None) -> PassKey | None:
        """A new key (fresh salt) for `password`; None for no password. Slow: may run on a
        worker thread, and hand the result to `change_password`."""
        return PassKey.derive(password, SystemRng()) if password else None

    def change_password(self, passkey: PassKey | None) -> None:
        """Re-encrypt the profile, the outgoing queue and the stored avatars with `passkey`
        (None: store them in the clear). The queue is rewritten first and put back if the
        profile cannot be saved; the profile's own save keeps the old file on any failure."""
        old_outbox = self.outbox
        self.outbox = Outbox(Path(self.profile.path), outbox_key(passkey.key) if passkey is not None else None)
        try:
            self._sync_friends()
            self.save_queue()
            self.profile.change_password(passkey)
        except BaseException:
            self.outbox = old_outbox
            self.save_queue()
            raise
        log.info("profile password %s", "changed" if passkey is not None else "removed")
        # avatars: a friend sends theirs again anyway; one that fails here is dropped, never
        # left readable under a password the user gave up
        pictures = {pk: self.avatars.load(pk) for pk in self._avatar_keys()}
        self.avatars.passkey = passkey
        for pk, data in pictures.items():
            try:
                if data is None:
                    self.avatars.remove(pk)
                else:
                    self.avatars.save(pk, data)
            except OSError:
                log.exception("re-encrypting a stored avatar failed; it is removed")
                self.avatars.remove(pk)

    def _avatar_keys(self) -> list[bytes]:
        keys = []
        for path in sorted(self.avatars.folder.glob("*.png")):
            try:
                keys.append(bytes.fromhex(path.stem))
            except ValueError:
                continue
        return keys

    def _sync_friends(self) -> None:
        friends = self.node.export_friends(self._now(), time.time())
        self.profile.savedata.friends = [_record_from_friend(f) for f in friends]

    def _friends_changed(self) -> None:
        self._sync_friends()
        self._changed()
        self.runtime.pump()

    # --- chat ---------------------------------------------------------------------------------

    def send_message(self, public_key: bytes | str, text: str, kind: str = "normal") -> list[int]:
        """Queue a message to a friend (sent now if online, else when they come online).

        Longer than 1372 bytes of UTF-8 is split; returns one id per piece, the ids later
        `receipt` events carry."""
        pk = _friend_key(self.node, public_key)
        if not isinstance(text, str) or not text:
            raise CommandError("a message is a non-empty string")
        if kind not in ("normal", "action"):
            raise CommandError(f"kind must be normal or action, not {kind!r}")
        ids = self.node.send_message(pk, text, kind, self._now())
        self.runtime.pump()
        # On disk before the caller hears the ids (a kill right after `sent` loses nothing): one
        # line appended to the journal; the fsynced snapshot follows with the next coalesced save.
        self._journal_append(pk, ids)
        return ids

    def set_typing(self, public_key: bytes | str, on: bool) -> None:
        pk = _friend_key(self.node, public_key)
        self.node.set_typing(pk, bool(on), self._now())
        self.runtime.pump()

    def set_route(self, public_key: bytes | str, dht_key: bytes | str, host: str, port: int) -> None:
        """Tell the node where a friend is (their DHT key and UDP address), without the onion."""
        pk = _friend_key(self.node, public_key)
        try:
            dk = bytes.fromhex(dht_key) if isinstance(dht_key, str) else bytes(dht_key)
        except ValueError as e:
            raise CommandError("dht_key must be 64 hexadecimal characters") from e
        if len(dk) != 32 or not 0 < int(port) < 65536:
            raise CommandError("dht_key must be 64 hexadecimal characters and port 1-65535")
        try:
            addr = normalize_addr((host, int(port)))
        except (ProtocolError, ValueError, TypeError) as e:
            raise CommandError("host must be an IP address (IPv4 or IPv6), port 1-65535") from e
        self.node.friend_connection.set_route(pk, dk, addr, self._now(), source="manual")
        self.runtime.pump()

    # --- conferences --------------------------------------------------------------------------

    def conferences(self) -> list[ConferenceSummary]:
        """Every conference we are in (or joining), with its title and peers."""
        out = []
        for c in self.node.conferences:
            out.append(ConferenceSummary(
                c.id, _text(c.title), c.status == Status.CONNECTED, self.node.conferences.peer_list(c)))
        return out

    def conference_new(self, title: str = "") -> ConferenceSummary:
        """Create a conference (we are its only member until we invite friends)."""
        raw = _utf8(title, "title")
        try:
            c = self.node.conferences.create(self._now(), raw)
        except ConferenceError as e:
            raise CommandError(str(e)) from e
        self.runtime.pump()
        return ConferenceSummary(c.id, _text(c.title), True, self.node.conferences.peer_list(c))

    def conference_invite(self, conference_id: bytes | str, public_key: bytes | str) -> None:
        """Invite an online friend into a conference we are connected to."""
        pk = _friend_key(self.node, public_key)
        self._conference(lambda now: self.node.conferences.invite(_conference_id(conference_id), pk, now))

    def conference_join(self, public_key: bytes | str, invite: bytes | str) -> ConferenceSummary:
        """Accept a friend's invite (the `invite` bytes of the `conference_invite` event)."""
        pk = _friend_key(self.node, public_key)
        try:
            cookie = bytes.fromhex(invite) if isinstance(invite, str) else bytes(invite)
        except ValueError as e:
            raise CommandError("invite must be hexadecimal") from e
        try:
            c = self.node.conferences.join(pk, cookie, self._now())
        except ConferenceError as e:
            raise CommandError(str(e)) from e
        self.runtime.pump()
        return ConferenceSummary(c.id, _text(c.title), False, self.node.conferences.peer_list(c))

    def conference_send(self, conference_id: bytes | str, text: str, kind: str = "normal") -> None:
        """Send a message to a conference (at most 1363 bytes of UTF-8; it comes back as a
        `conference_message` event once it went round, as every member's does)."""
        if not isinstance(text, str) or not text:
            raise CommandError("a message is a non-empty string")
        if kind not in ("normal", "action"):
            raise CommandError(f"kind must be normal or action, not {kind!r}")
        cid = _conference_id(conference_id)
        self._conference(lambda now: self.node.conferences.send(cid, text.encode("utf-8"), MessageKind(kind), now))

    def conference_set_title(self, conference_id: bytes | str, title: str) -> None:
        raw = _utf8(title, "title")
        cid = _conference_id(conference_id)
        self._conference(lambda now: self.node.conferences.set_title(cid, raw, now))

    def conference_leave(self, conference_id: bytes | str) -> None:
        cid = _conference_id(conference_id)
        self._conference(lambda now: self.node.conferences.leave(cid, now))

    def conference_facts(self, conference_id: bytes | str) -> dict[str, object]:
        """What the conference dashboard shows: per peer, whether we hold a link to it, whether
        that link is online, why we hold it (closest / introducing / introducer), whether the
        peer is a friend and how long ago it was last heard; and the frozen (silent) peers."""
        cid = _conference_id(conference_id)
        c = self.node.conferences.get(cid)
        if c is None:
            raise CommandError("no such conference")
        now = self._now()
        own = self.node.conferences.own_pk
        peers: list[dict[str, object]] = []
        for p in sorted(c.peers.values(), key=lambda p: p.real_pk):
            ln = c.links.get(p.real_pk)
            friend = self.node.friends.get(p.real_pk)
            reasons = [name for bit, name in ((REASON_CLOSEST, "closest"), (REASON_INTRODUCING, "introducing"),
                                              (REASON_INTRODUCER, "introducer")) if ln and ln.reasons & bit]
            peers.append({
                "public_key": p.real_pk,
                "name": _text(self.node.messenger.name if p.real_pk == own else p.name),
                "self": p.real_pk == own,
                "link": ln is not None,
                "link_online": bool(ln and ln.online),
                "reasons": reasons,
                "friend": friend is not None,
                # the link's transport when the member is a friend (their friend connection)
                "transport": str(friend.connection) if friend is not None and ln and ln.online else None,
                "last_active_ago": max(0.0, now - p.last_active),
            })
        frozen = [{"public_key": p.real_pk, "name": _text(p.name), "last_active_ago": max(0.0, now - p.last_active)}
                  for p in c.frozen.values()]
        return {"joined": c.status == Status.CONNECTED, "links": len(c.links), "links_online": c.online_count(),
                "peers": peers, "frozen": frozen}

    def _conference(self, action: Callable[[float], None]) -> None:
        try:
            action(self._now())
        except ConferenceError as e:
            raise CommandError(str(e)) from e
        self.runtime.pump()

    # --- files --------------------------------------------------------------------------------

    def send_file(self, public_key: bytes | str, path: str) -> FileSent:
        """Offer a file to an online friend (read a chunk at a time once they accept)."""
        pk = _friend_key(self.node, public_key)
        if not isinstance(path, str) or not path:
            raise CommandError("path must be a file's path")
        try:
            sent = self.transfers.send(pk, path)
        except FileError as e:
            raise CommandError(str(e)) from e
        self.runtime.pump()
        return sent

    def accept_file(self, public_key: bytes | str, transfer: str, path: str | None = None) -> int:
        """Accept a file a friend offered, into `path` or the download folder; returns the
        position it starts at (more than 0 when an interrupted download is resumed)."""
        pk = _friend_key(self.node, public_key)
        try:
            start = self.transfers.accept(pk, transfer, path)
        except FileError as e:
            raise CommandError(str(e)) from e
        self.runtime.pump()
        return start

    def control_file(self, public_key: bytes | str, transfer: str, action: str) -> None:
        """`pause`, `resume`, `cancel`, or `reject` (a file offered to us, not accepted)."""
        pk = _friend_key(self.node, public_key)
        try:
            self.transfers.control(pk, transfer, action)
        except FileError as e:
            raise CommandError(str(e)) from e
        self.runtime.pump()

    def set_avatar(self, path: str | None) -> None:
        """Our avatar from a PNG file of at most 64 KiB, or None to have none; friends get it
        (or "none") now if online, else when they come online."""
        data = None
        if path is not None:
            if not isinstance(path, str) or not path:
                raise CommandError("path must be a PNG file's path, or null")
            try:
                with open(path, "rb") as f:
                    data = f.read(MAX_AVATAR_SIZE + 1)
            except OSError as e:
                raise CommandError(f"cannot read {path}: {e.strerror or e}") from e
        self.set_avatar_image(data)

    def set_avatar_image(self, data: bytes | None) -> None:
        """Our avatar as PNG bytes (at most 64 KiB), or None for none."""
        for ev in self.transfers.set_avatar(data):
            for fn in self._subscribers:
                fn(ev)
        self.runtime.pump()

    def avatar(self, public_key: bytes) -> bytes | None:
        """A friend's (or our) stored avatar image, if there is one."""
        return self.avatars.load(public_key)

    def avatar_path(self, public_key: bytes) -> Path | None:
        """Where a friend's (or our) avatar is stored, if there is one."""
        p = self.avatars.path(public_key)
        return p if self.avatars.hash(public_key) is not None else None

    def _now(self) -> float:
        return self.runtime.now if self.runtime._loop is not None else 0.0

    def _start_sessions(self) -> None:
        """Friends from the profile, our name and statuses, and the saved outgoing queue."""
        now = self._now()
        sd = self.profile.savedata
        self.node.load_friends([_friend_from_record(r) for r in sd.friends], now)
        self.node.load_dht_nodes(sd.dht_nodes, now)
        for relay in sd.tcp_relays:  # the relays we were connected to last time (section 10)
            self.node.add_tcp_relay(relay.host, relay.port, relay.public_key, now)
        self._push_self_info()
        if sd.conferences:
            self.node.conferences.load(sd.conferences, now)  # after friends and our name, as c-toxcore
        for pk, items in self._load_queue().items():
            if pk in self.node.friends:
                self.node.messenger.restore(pk, items, now)
        self.runtime.pump()

    def _push_self_info(self) -> None:
        sd = self.profile.savedata
        m = self.node.messenger
        now = self._now()
        m.set_name(_raw(sd.name), now)
        m.set_status_message(_raw(sd.status_message), now)
        m.set_status(UserStatus.from_wire(sd.user_status), now)
        self.runtime.pump()

    # --- the outgoing queue on disk (toxgui.store.outbox) ---------------------------------------

    @property
    def queue_path(self) -> Path:
        return self.outbox.snapshot_path

    @property
    def journal_path(self) -> Path:
        return self.outbox.journal_path

    def _queue_changed(self) -> None:
        if not self.options.persist_queue or self._queue_handle is not None:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.save_queue()
            return
        # The snapshot costs O(queue): with thousands of messages in flight, take it less often
        # (every send is in the journal meanwhile).
        queued = sum(len(p.queue) for p in self.node.messenger.peers.values())
        delay = min(QUEUE_SAVE_MAX_DELAY_S, max(QUEUE_SAVE_DELAY_S, queued / 1000))
        self._queue_handle = loop.call_later(delay, self._flush_queue)

    def _flush_queue(self) -> None:
        self._queue_handle = None
        try:
            self.save_queue()
        except OSError:
            log.exception("saving the outgoing queue failed")

    def _journal_append(self, pk: bytes, ids: list[int]) -> None:
        """Journal the messages just queued (O(1) per message; the snapshot follows later)."""
        if not self.options.persist_queue:
            return
        wanted = set(ids)
        fresh: list[tuple[int, str, bytes, float]] = []
        for m in reversed(self.node.messenger.peer(pk).queue):  # the new ones are at the end
            if len(fresh) == len(wanted):
                break
            if m.id in wanted:
                fresh.append((m.id, str(m.kind), m.data, m.queued_at))
        try:
            self.outbox.append(pk, fresh[::-1])
        except OSError:
            log.exception("appending to the outgoing queue journal failed")
        self._queue_changed()

    def save_queue(self) -> None:
        """Write every unconfirmed message (atomically, fsynced; encrypted beside an encrypted
        profile), then empty the journal it now contains."""
        if not self.options.persist_queue:
            return
        self.outbox.save({
            pk: [(m.id, str(m.kind), m.data, m.queued_at) for m in msgs]
            for pk, msgs in self.node.messenger.outgoing().items()
        })

    def _load_queue(self) -> dict[bytes, list[tuple[int, str, bytes, float]]]:
        if not self.options.persist_queue:
            return {}
        return self.outbox.load()

    # --- persistence --------------------------------------------------------------------------

    def _changed(self) -> None:
        if self._save_handle is None:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                return
            self._save_handle = loop.call_later(SAVE_DEBOUNCE_S, self._debounced_save)

    def _debounced_save(self) -> None:
        self._save_handle = None
        try:
            self.save()
        except Exception:
            log.exception("saving the profile failed; the file on disk is unchanged")

    def save(self) -> Path:
        self._sync_friends()  # statuses move on (request sent, accepted) without a command
        nodes = self.node.saved_dht_nodes()
        if nodes:  # the last session's DHT, to bootstrap from at the next start
            self.profile.savedata.dht_nodes = nodes
        relays = self.node.tcp.connected_relays(shareable=True)[:NUM_SAVED_TCP_RELAYS]
        if relays:  # as c-toxcore: up to 8 connected relays, used again at the next start
            self.profile.savedata.tcp_relays = relays
        # section 20 as c-toxcore writes it (present, maybe empty, once we have conferences or
        # the profile had the section)
        confs = self.node.conferences.save()
        if confs or self.profile.savedata.conferences is not None:
            self.profile.savedata.conferences = confs
        self.profile.save()
        return Path(self.profile.path)


def _conference_id(value: bytes | str) -> bytes:
    try:
        cid = bytes.fromhex(value) if isinstance(value, str) else bytes(value)
    except ValueError as e:
        raise CommandError("conference_id must be 64 hexadecimal characters") from e
    if len(cid) != 32:
        raise CommandError("conference_id must be 64 hexadecimal characters")
    return cid


def _friend_from_record(r: FriendRecord) -> Friend:
    return Friend(
        r.public_key, status=FriendStatus(min(max(int(r.status), 1), 3)), request_message=bytes(r.request_message),
        nospam=bytes(r.nospam), name=bytes(r.name), status_message=bytes(r.status_message),
        user_status=int(r.user_status), last_seen=int(r.last_seen),
    )


def _record_from_friend(f: Friend) -> FriendRecord:
    return FriendRecord(
        f.public_key, status=int(f.status), request_message=f.request_message, name=f.name,
        status_message=f.status_message, user_status=f.user_status, nospam=f.nospam, last_seen=f.last_seen,
    )


def _raw_key(public_key: bytes | str) -> bytes:
    try:
        pk = bytes.fromhex(public_key) if isinstance(public_key, str) else bytes(public_key)
    except ValueError as e:
        raise CommandError("public_key must be 64 hexadecimal characters") from e
    if len(pk) != 32:
        raise CommandError("public_key must be 64 hexadecimal characters")
    return pk


def _friend_key(node: ToxNode, public_key: bytes | str) -> bytes:
    pk = _raw_key(public_key)
    if pk not in node.friends:
        raise CommandError("not a friend")
    return pk


def _raw(value: bytes | str) -> bytes:
    return value.encode("utf-8") if isinstance(value, str) else bytes(value)


def _utf8(text: object, what: str) -> bytes:
    if not isinstance(text, str):
        raise CommandError(f"{what} must be a string")
    return text.encode("utf-8")


def _text(raw: bytes | str) -> str:
    return raw if isinstance(raw, str) else raw.decode("utf-8", "replace")
