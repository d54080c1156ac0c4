"""ToxClient: one profile, one node, one runtime — the object every front end drives.

The headless JSON-lines mode and the desktop GUI both sit on this class.  It owns the profile
(the persistent truth), builds the sans-I/O node from it, runs the node on the asyncio runtime,
turns user commands into node commands and saves the profile (debounced, atomic).
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from toxgui.core.crypto import SystemRng
from toxgui.core.events import Event
from toxgui.core.node import NodeConfig, ToxNode
from toxgui.core.toxid import ToxId
from toxgui.net.runtime import ToxRuntime
from toxgui.store.profile import Profile

log = logging.getLogger(__name__)

USER_STATUSES = ("online", "away", "busy")
MAX_NAME_LENGTH = 128
MAX_STATUS_MESSAGE_LENGTH = 1007
SAVE_DEBOUNCE_S = 2.0


class CommandError(ValueError):
    """A command that cannot be carried out; the message says why, for the user."""


@dataclass
class ClientOptions:
    port: int | None = None
    bind_host: str | None = None
    ipv6: bool = True
    lan_discovery: bool = True
    bootstrap: list[tuple[str, int, bytes]] = field(default_factory=list)


def parse_bootstrap(text: str) -> tuple[str, int, bytes]:
    """`HOST:PORT:DHTKEY` (IPv6 hosts in brackets: `[::1]:33445:KEY`)."""
    try:
        if text.startswith("["):
            host, rest = text[1:].split("]:", 1)
            port_s, key_s = rest.split(":", 1)
        else:
            host, port_s, key_s = text.rsplit(":", 2)
        port = int(port_s)
        key = bytes.fromhex(key_s)
    except ValueError as e:
        raise CommandError(f"bootstrap node {text!r}: expected HOST:PORT:64-HEX-KEY") from e
    if len(key) != 32 or not 0 < port < 65536:
        raise CommandError(f"bootstrap node {text!r}: expected HOST:PORT:64-HEX-KEY")
    return host, port, key


def public_bootstrap_allowed() -> bool:
    """Tests and benchmarks set TOXGUI_NO_PUBLIC_BOOTSTRAP=1: never touch the public network."""
    return os.environ.get("TOXGUI_NO_PUBLIC_BOOTSTRAP", "") not in ("1", "true", "yes")


class ToxClient:
    def __init__(self, profile: Profile, options: ClientOptions | None = None) -> None:
        self.profile = profile
        self.options = options or ClientOptions()
        sd = profile.savedata
        self.node = ToxNode(
            sd.keys,
            sd.nospam,
            SystemRng(),
            NodeConfig(ipv6=self.options.ipv6, lan_discovery=self.options.lan_discovery),
        )
        self.runtime = ToxRuntime(
            self.node, port=self.options.port, bind_host=self.options.bind_host, ipv6=self.options.ipv6
        )
        self._subscribers: list[Callable[[Event], None]] = []
        self.runtime.subscribe(self._on_event)
        self._save_handle: asyncio.TimerHandle | None = None
        self._dirty = False

    # --- lifecycle ----------------------------------------------------------------------------

    async def start(self) -> int:
        port = await self.runtime.start()
        boot = getattr(self.node, "bootstrap", None)
        if boot is not None:
            for host, p, key in self.options.bootstrap:
                boot(host, p, key, self.runtime.now)
            self.runtime.pump()
        return port

    async def stop(self) -> None:
        if self._save_handle:
            self._save_handle.cancel()
            self._save_handle = None
        await self.runtime.stop()
        self.save()

    def subscribe(self, fn: Callable[[Event], None]) -> None:
        self._subscribers.append(fn)

    def _on_event(self, ev: Event) -> None:
        for fn in self._subscribers:
            fn(ev)

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

    # --- commands -----------------------------------------------------------------------------

    def set_name(self, name: str) -> None:
        raw = _utf8(name, "name")
        if len(raw) > MAX_NAME_LENGTH:
            raise CommandError(f"a name is at most {MAX_NAME_LENGTH} bytes of UTF-8, this is {len(raw)}")
        self.profile.savedata.name = raw
        self._changed()

    def set_status_message(self, text: str) -> None:
        raw = _utf8(text, "status message")
        if len(raw) > MAX_STATUS_MESSAGE_LENGTH:
            raise CommandError(
                f"a status message is at most {MAX_STATUS_MESSAGE_LENGTH} bytes of UTF-8, this is {len(raw)}"
            )
        self.profile.savedata.status_message = raw
        self._changed()

    def set_status(self, status: str) -> None:
        if status not in USER_STATUSES:
            raise CommandError(f"status must be one of {', '.join(USER_STATUSES)}, not {status!r}")
        self.profile.savedata.user_status = USER_STATUSES.index(status)
        self._changed()

    # --- persistence --------------------------------------------------------------------------

    def _changed(self) -> None:
        self._dirty = True
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
        self.profile.save()
        self._dirty = False
        return Path(self.profile.path)


def _utf8(text: object, what: str) -> bytes:
    if not isinstance(text, str):
        raise CommandError(f"{what} must be a string")
    return text.encode("utf-8")


def _text(raw: bytes | str) -> str:
    return raw if isinstance(raw, str) else raw.decode("utf-8", "replace")
