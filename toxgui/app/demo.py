"""The built-in demo network: real Tox protocol over real UDP, on loopback only.

`toxgui --demo` starts, in the same process, a few toxgui DHT/onion nodes bound to 127.0.0.1
and an "Echo" friend that accepts every friend request and answers every message.  LAN discovery
is off and no public node is ever contacted, so anyone can try the whole flow (add a friend by
Tox ID, watch the connection come up stage by stage, chat) with no internet.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from toxgui.app.service import ClientOptions, ToxClient
from toxgui.core.crypto import KeyPair, SystemRng
from toxgui.core.events import Event, FriendRequest, Message
from toxgui.core.node import NodeConfig, ToxNode
from toxgui.net.runtime import ToxRuntime
from toxgui.store.profile import Profile, ProfileError

if TYPE_CHECKING:
    import tempfile

log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
ECHO_NAME = "Echo"
ECHO_STATUS = "I answer every message. Try me!"


class EchoBot:
    """A friend that accepts every request and sends every message back."""

    def __init__(self, client: ToxClient) -> None:
        self.client = client
        self.answered = 0
        client.subscribe(self._on_event)

    def _on_event(self, ev: Event) -> None:
        try:
            if isinstance(ev, FriendRequest):
                self.client.accept_request(ev.public_key)
            elif isinstance(ev, Message):
                reply = f"You said: {ev.text}" if ev.kind == "normal" else ev.text
                self.client.send_message(ev.public_key, reply, ev.kind)
                self.answered += 1
        except Exception:
            log.exception("echo bot could not answer")


class DemoNetwork:
    """A few loopback nodes plus the Echo friend, all in this process."""

    def __init__(self, nodes: int = 3, state_dir: Path | None = None) -> None:
        """`state_dir`: keep the demo's keys there (the nodes' and Echo's profile), so Echo stays
        the same friend across runs; None: new keys every run, in a temporary folder."""
        self.node_count = nodes
        self.state_dir = state_dir
        self.runtimes: list[ToxRuntime] = []
        self.echo: EchoBot | None = None
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._echo_client: ToxClient | None = None

    @property
    def bootstrap(self) -> list[tuple[str, int, bytes]]:
        """Entries our own client bootstraps from."""
        return [(LOOPBACK, rt.udp_port, rt.node.dht_public_key) for rt in self.runtimes]

    @property
    def echo_tox_id(self) -> str:
        assert self._echo_client is not None
        return str(self._echo_client.tox_id)

    async def start(self) -> None:
        rng = SystemRng()
        cfg = NodeConfig(ipv6=False, lan_discovery=False)
        for _ in range(self.node_count):
            node = ToxNode(KeyPair.generate(rng), rng.bytes(4), rng, cfg)
            rt = ToxRuntime(node, bind_host=LOOPBACK, ipv6=False)
            await rt.start()
            for host, port, key in self.bootstrap:
                if port != rt.udp_port:
                    node.bootstrap(host, port, key, rt.now)
            rt.pump()
            self.runtimes.append(rt)
        profile = self._echo_profile()
        self._echo_client = ToxClient(
            profile,
            ClientOptions(bind_host=LOOPBACK, ipv6=False, lan_discovery=False, bootstrap=self.bootstrap),
        )
        await self._echo_client.start()
        self.echo = EchoBot(self._echo_client)

    def _echo_profile(self) -> Profile:
        """Echo's profile: kept in `state_dir` (the same Echo every run) when there is one and it
        can be used, else a fresh one in a temporary folder."""
        if self.state_dir is not None:
            path = self.state_dir / "echo.tox"
            try:
                self.state_dir.mkdir(parents=True, exist_ok=True)
                if path.exists():
                    return Profile.load(path)
                profile = Profile.create(path, name=ECHO_NAME)
                profile.savedata.status_message = ECHO_STATUS.encode()
                return profile
            except (OSError, ProfileError) as e:
                log.warning("demo: cannot keep Echo in %s (%s); using a new one", self.state_dir, e)
        import tempfile  # here: it imports shutil, bz2, lzma and random, which only the demo needs

        self._tmp = tempfile.TemporaryDirectory(prefix="toxgui-demo-")
        profile = Profile.create(Path(self._tmp.name) / "echo.tox", name=ECHO_NAME)
        profile.savedata.status_message = ECHO_STATUS.encode()
        return profile

    async def stop(self) -> None:
        if self._echo_client is not None:
            await self._echo_client.stop()
            self._echo_client.profile.close()
            self._echo_client = None
        for rt in self.runtimes:
            await rt.stop()
        self.runtimes.clear()
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None
