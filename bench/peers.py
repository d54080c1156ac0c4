"""The two kinds of peer the benchmarks drive, behind one small interface.

    TgPeer  toxgui headless (`python -m toxgui --headless`), JSON lines
    CtPeer  c-toxcore 0.2.18 through the interop harness peer (tests/interop/peer.py), whose loop
            sleeps tox_iteration_interval() in select() and wakes early only on stdin commands

Both record `spawned` (time.time() just before the process is started) so that times "from
process start" are comparable, and expose `pid`, `port`, `public_key`, `tox_id`, `dht_key`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.app.headless_proc import HeadlessProc
from tests.interop.network import PORTS, CToxPeer

Event = dict[str, Any]

ROOT = Path(__file__).resolve().parent.parent


class TgPeer:
    kind = "toxgui"

    def __init__(self, profile: Path, bootstrap: tuple[str, int, str] | None, label: str = "tg",
                 port: int | None = None, tcp_relay: tuple[str, int, str] | None = None,
                 extra: list[str] | None = None) -> None:
        self.label = label
        self.profile = profile
        self.port = port or PORTS.allocate()
        extra_args = list(extra or [])
        extra = ["--port", str(self.port)]
        if bootstrap:
            extra += ["--bootstrap", f"{bootstrap[0]}:{bootstrap[1]}:{bootstrap[2]}"]
        # with a relay: UDP off, friends through the relay only
        self.online_status = "udp" if tcp_relay is None else "tcp"
        extra += extra_args
        if tcp_relay is not None:
            extra += ["--no-udp", "--tcp-relay", f"{tcp_relay[0]}:{tcp_relay[1]}:{tcp_relay[2]}"]
        self.spawned = time.time()
        self.h = HeadlessProc(profile, *extra)
        self.pid = self.h.proc.pid
        ready = self.h.wait_event("ready", timeout=30)
        self.ready = ready
        self.public_key: str = ready["public_key"]
        self.tox_id: str = ready["tox_id"]
        self.dht_key: str = ready["dht_key"]

    # events -------------------------------------------------------------------------------------

    def wait(self, pred: Any, timeout: float = 60.0) -> Event:
        return self.h.wait_event(pred, timeout=timeout)

    def wait_online(self, pk: str, timeout: float = 60.0) -> float:
        ev = self.wait(lambda e: e.get("event") == "friend_connection" and e.get("public_key") == pk
                       and e.get("status") == self.online_status, timeout)
        return float(ev["t"])

    def wait_request(self, timeout: float = 60.0) -> str:
        return str(self.wait("friend_request", timeout)["public_key"])

    def accept(self, pk: str) -> None:
        self.h.send(command="accept", public_key=pk)

    def add_friend(self, tox_id: str, message: str = "hello") -> None:
        self.h.send(command="add_friend", tox_id=tox_id, message=message)

    def send_text(self, pk: str, text: str) -> None:
        self.h.send(command="send", public_key=pk, text=text)

    def wait_text(self, pk: str, text: str | None = None, timeout: float = 30.0) -> Event:
        return self.wait(lambda e: e.get("event") == "message" and e.get("public_key") == pk
                         and (text is None or e.get("text") == text), timeout)

    def friend_ref(self, pk: str) -> str:
        return pk

    def send_file(self, pk: str, path: Path) -> None:
        self.h.send(command="send_file", public_key=pk, path=str(path))

    def wait_file_offer(self, pk: str, timeout: float) -> str:
        return str(self.wait(lambda e: e.get("event") == "file_request" and e.get("public_key") == pk,
                             timeout)["transfer"])

    def accept_file(self, pk: str, handle: str | int, dest: Path) -> None:
        self.h.send(command="accept_file", public_key=pk, transfer=handle, path=str(dest))

    def wait_file_done(self, pk: str, dest: Path, timeout: float) -> None:
        self.wait(lambda e: e.get("event") == "file_done" and e.get("public_key") == pk
                  and e.get("path") == str(dest), timeout)

    # conferences: each method returns or takes the conference as this peer names it

    def conf_new(self) -> str:
        self.h.send(command="conference_new", title="bench")
        return str(self.wait("conference", 15)["conference_id"])

    def conf_invite(self, pk: str, conf: str) -> None:
        self.h.send(command="conference_invite", conference_id=conf, public_key=pk)

    def wait_conf_invite(self, pk: str, timeout: float = 30.0) -> str:
        return str(self.wait(lambda e: e.get("event") == "conference_invite" and e.get("public_key") == pk,
                             timeout)["invite"])

    def conf_join(self, pk: str, invite: str, timeout: float = 30.0) -> str:
        self.h.send(command="conference_join", public_key=pk, invite=invite)
        conf = str(self.wait("conference", 15)["conference_id"])
        self.wait(lambda e: e.get("event") == "conference_connected" and e.get("conference_id") == conf, timeout)
        return conf

    def conf_send(self, conf: str, text: str) -> None:
        self.h.send(command="conference_send", conference_id=conf, text=text)

    def wait_conf_text(self, pk: str, text: str, timeout: float = 30.0) -> None:
        self.wait(lambda e: e.get("event") == "conference_message" and e.get("peer_public_key") == pk
                  and e.get("text") == text, timeout)

    def status(self) -> Event:
        self.h.send(command="status")
        return self.wait("status", 15)

    def drain(self) -> None:
        """Forget buffered events (keeps memory flat in long loops)."""
        self.h.seen.clear()

    # lifecycle ----------------------------------------------------------------------------------

    @property
    def alive(self) -> bool:
        return self.h.proc.poll() is None

    def stop(self) -> None:
        if self.h.proc.poll() is None:
            try:
                self.h.send(command="quit")
                self.h.proc.wait(timeout=5)
            except (OSError, ValueError, subprocess.TimeoutExpired):
                pass
        self.h.stop()


class CtPeer:
    kind = "c-toxcore"

    def __init__(self, bootstrap: tuple[str, int, str] | None, savedata: Path | None = None,
                 label: str = "ct", auto_accept: bool = False, log_dir: Path | None = None,
                 tcp_relay: tuple[str, int, str] | None = None) -> None:
        self.label = label
        self.online_status = 2 if tcp_relay is None else 1  # TOX_CONNECTION_UDP / _TCP
        self.p = CToxPeer(bootstrap=[bootstrap] if bootstrap else [], savedata_file=savedata,
                          auto_accept=auto_accept, label=label, log_dir=log_dir, lifetime=1500,
                          udp=tcp_relay is None, tcp_relays=[tcp_relay] if tcp_relay else None)
        self.spawned = self.p.started_at
        self.pid = self.p.proc.pid
        self.port = self.p.udp_port
        self.public_key = self.p.public_key
        self.tox_id = self.p.tox_id
        self.dht_key = self.p.dht_id
        self._friends: dict[str, int] = {}

    def friend_ref(self, pk: str) -> int:
        if pk not in self._friends:
            for f in self.p.friend_list():
                self._friends[f["public_key"]] = int(f["friend"])
        return self._friends[pk]

    def wait_online(self, pk: str, timeout: float = 60.0) -> float:
        ev = self.p.wait_event(lambda e: e.get("event") == "friend_connection" and e.get("public_key") == pk
                               and e.get("status") == self.online_status, timeout=timeout)
        return float(ev["t"])

    def wait_request(self, timeout: float = 60.0) -> str:
        return str(self.p.wait_event("friend_request", timeout=timeout)["public_key"])

    def accept(self, pk: str) -> None:  # the benchmarks start c-toxcore peers with auto_accept
        pass

    def add_friend(self, tox_id: str, message: str = "hello") -> None:
        self.p.send("add_friend", tox_id=tox_id, text=message)

    def send_text(self, pk: str, text: str) -> None:
        self.p.send("send_message", friend=self.friend_ref(pk), text=text)

    def wait_text(self, pk: str, text: str | None = None, timeout: float = 30.0) -> Event:
        return self.p.wait_event(lambda e: e.get("event") == "friend_message" and e.get("public_key") == pk
                                 and (text is None or e.get("text") == text), timeout=timeout)

    def send_file(self, pk: str, path: Path) -> None:
        self.p.command("file_send", friend=self.friend_ref(pk), path=str(path))

    def wait_file_offer(self, pk: str, timeout: float) -> int:
        # kind 0: a file (toxgui also offers its avatar, or "none", to every friend that connects)
        return int(self.p.wait_event("file_recv", timeout=timeout, friend=self.friend_ref(pk), kind=0)["file_number"])

    def accept_file(self, pk: str, handle: str | int, dest: Path) -> None:
        self.p.command("file_accept", friend=self.friend_ref(pk), file_number=int(handle), path=str(dest))

    def wait_file_done(self, pk: str, dest: Path, timeout: float) -> None:
        self.p.wait_event("file_done", timeout=timeout, friend=self.friend_ref(pk))

    def conf_new(self) -> int:
        return int(self.p.command("conference_new")["conference"])

    def conf_invite(self, pk: str, conf: int) -> None:
        self.p.command("conference_invite", friend=self.friend_ref(pk), conference=conf)

    def wait_conf_invite(self, pk: str, timeout: float = 30.0) -> str:
        return str(self.p.wait_event(lambda e: e.get("event") == "conference_invite" and e.get("public_key") == pk,
                                     timeout=timeout)["cookie"])

    def conf_join(self, pk: str, invite: str, timeout: float = 30.0) -> int:
        conf = int(self.p.command("conference_join", friend=self.friend_ref(pk), cookie=invite)["conference"])
        self.p.wait_event(lambda e: e.get("event") == "conference_connected" and e.get("conference") == conf,
                          timeout=timeout)
        return conf

    def conf_send(self, conf: int, text: str) -> None:
        self.p.command("conference_send", conference=conf, text=text)

    def wait_conf_text(self, pk: str, text: str, timeout: float = 30.0) -> None:
        self.p.wait_event(lambda e: e.get("event") == "conference_message" and e.get("public_key") == pk
                          and e.get("text") == text, timeout=timeout)

    def drain(self) -> None:
        pass

    @property
    def alive(self) -> bool:
        return self.p.alive

    def stop(self) -> None:
        self.p.stop()


def stop_all(peers: list[Any]) -> None:
    for p in peers:
        try:
            p.stop()
        except Exception as e:  # keep stopping the others
            print(f"stopping {getattr(p, 'label', p)} failed: {e}", file=sys.stderr)


def signal_pid(pid: int, sig: signal.Signals) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass
