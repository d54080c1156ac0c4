"""Headless mode: a Tox node speaking JSON lines on stdin/stdout (docs/headless.md).

One JSON object per line on stdout, one JSON command per line on stdin.  Every event carries
"event" and "t" (unix seconds).  A bad command is answered with an "error" event and the process
keeps running.  This is a public interface: extend it, never break it.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import os
import stat
import sys
import threading
import time
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any, TextIO

from toxgui.app.errors import CommandError
from toxgui.app.memory import TRIM_AFTER, trim_heap
from toxgui.app.options import client_options, demo_state_dir
from toxgui.app.service import ConferenceSummary, ToxClient
from toxgui.app.waiting import progress_details
from toxgui.core.errors import ProtocolError
from toxgui.core.events import Event
from toxgui.core.status import FriendFacts
from toxgui.store.profile import Profile, ProfileError

log = logging.getLogger(__name__)

# The longest command line read (a message of 64 KiB of text with JSON escapes fits).
MAX_COMMAND_LINE = 1 << 20
TOO_LONG = b"\xff too long"  # what the reader hands on for a longer line (not UTF-8, never a command)


def _jsonable(v: object) -> object:
    if isinstance(v, FriendFacts):
        return _jsonable(progress_details(v))
    if isinstance(v, bytes):
        return v.hex().upper()
    if isinstance(v, Enum):
        return v.value
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_jsonable(x) for x in v]
    return v


def event_to_json(ev: Event) -> dict[str, object]:
    out: dict[str, object] = {"event": ev.event, "t": time.time()}
    for f in dataclasses.fields(ev):
        out[f.name] = _jsonable(getattr(ev, f.name))
    return out


class Headless:
    def __init__(self, client: ToxClient, out: TextIO) -> None:
        self.client = client
        self.out = out
        self.quit = asyncio.Event()
        self.exit_code = 0
        self.commands: dict[str, Callable[[dict[str, Any]], object]] = {
            "set_name": lambda c: client.set_name(_arg(c, "name", str)),
            "set_status_message": lambda c: client.set_status_message(_arg(c, "status_message", str)),
            "set_status": lambda c: client.set_status(_arg(c, "status", str)),
            "save": self._save,
            "quit": lambda c: self.quit.set(),
            "status": self._status,
            "send": self._send,
            "typing": lambda c: client.set_typing(_arg(c, "public_key", str), _arg(c, "on", bool)),
            "add_friend": lambda c: client.add_friend(_arg(c, "tox_id", str), _arg(c, "message", str)),
            "accept": lambda c: client.accept_request(_arg(c, "public_key", str)),
            "decline": lambda c: client.decline_request(_arg(c, "public_key", str)),
            "set_nospam": self._set_nospam,
            "set_avatar": self._set_avatar,
            "send_file": self._send_file,
            "accept_file": self._accept_file,
            "reject_file": lambda c: client.control_file(_arg(c, "public_key", str), _arg(c, "transfer", str), "reject"),
            "pause_file": lambda c: client.control_file(_arg(c, "public_key", str), _arg(c, "transfer", str), "pause"),
            "resume_file": lambda c: client.control_file(_arg(c, "public_key", str), _arg(c, "transfer", str), "resume"),
            "cancel_file": lambda c: client.control_file(_arg(c, "public_key", str), _arg(c, "transfer", str), "cancel"),
            "conferences": self._conferences,
            "conference_new": self._conference_new,
            "conference_invite": lambda c: client.conference_invite(
                _arg(c, "conference_id", str), _arg(c, "public_key", str)
            ),
            "conference_join": self._conference_join,
            "conference_send": self._conference_send,
            "conference_set_title": lambda c: client.conference_set_title(
                _arg(c, "conference_id", str), _arg(c, "title", str)
            ),
            "conference_leave": lambda c: client.conference_leave(_arg(c, "conference_id", str)),
            "route": lambda c: client.set_route(
                _arg(c, "public_key", str), _arg(c, "dht_key", str), _arg(c, "host", str), _arg(c, "port", int)
            ),
        }

    def emit(self, obj: dict[str, object]) -> None:
        line = json.dumps(obj, ensure_ascii=False)
        try:
            self.out.write(line + "\n")
        except UnicodeEncodeError:  # lone surrogates (from a command's "\\ud800"): escape them
            self.out.write(json.dumps(obj) + "\n")
        self.out.flush()

    def emit_event(self, event_name: str, /, **fields: object) -> None:
        self.emit({"event": event_name, "t": time.time(), **{k: _jsonable(v) for k, v in fields.items()}})

    def on_core_event(self, ev: Event) -> None:
        self.emit(event_to_json(ev))

    def error(self, message: str, **extra: object) -> None:
        self.emit_event("error", message=message, **extra)

    def _save(self, cmd: dict[str, Any]) -> None:
        path = self.client.save()
        self.emit_event("saved", path=str(path))

    def _send(self, cmd: dict[str, Any]) -> None:
        pk = _arg(cmd, "public_key", str)
        kind = cmd.get("kind", "normal")
        if not isinstance(kind, str):
            raise CommandError("field 'kind' must be a str")
        ids = self.client.send_message(pk, _arg(cmd, "text", str), kind)
        for i, mid in enumerate(ids):
            self.emit_event("sent", id=mid, public_key=pk.upper(), part=i + 1, parts=len(ids))

    def _status(self, cmd: dict[str, Any]) -> None:
        st = self.client.status()
        self.emit_event(
            "status",
            udp_port=self.client.udp_port,
            dht_known=st.dht_known,
            dht_good=st.dht_good,
            stats=st.stats,
            onion_announced=st.onion_announced,
            onion_nodes=st.onion_nodes,
            friend_requests_pending=st.friend_requests_pending,
            friend_requests_dropped_nospam=st.friend_requests_dropped_nospam,
            received_kinds={f"{k:#04x}": v for k, v in st.received_kinds.items()},
            tcp_relay=None if self.client.tcp_relay is None else self.client.tcp_relay.status(),
            udp_enabled=st.udp_enabled,
            tcp_relays=st.tcp_relays,
        )

    def _conference_new(self, cmd: dict[str, Any]) -> None:
        title = cmd.get("title", "")
        if not isinstance(title, str):
            raise CommandError("field 'title' must be a str")
        self._conference_answer(self.client.conference_new(title))

    def _conferences(self, cmd: dict[str, Any]) -> None:
        self.emit_event("conferences", conferences=[
            {"conference_id": c.conference_id, "title": c.title, "connected": c.connected, "peers": c.peers}
            for c in self.client.conferences()
        ])

    def _conference_join(self, cmd: dict[str, Any]) -> None:
        self._conference_answer(self.client.conference_join(_arg(cmd, "public_key", str), _arg(cmd, "invite", str)))

    def _conference_answer(self, c: ConferenceSummary) -> None:
        self.emit_event("conference", conference_id=c.conference_id, title=c.title, connected=c.connected)

    def _conference_send(self, cmd: dict[str, Any]) -> None:
        kind = cmd.get("kind", "normal")
        if not isinstance(kind, str):
            raise CommandError("field 'kind' must be a str")
        self.client.conference_send(_arg(cmd, "conference_id", str), _arg(cmd, "text", str), kind)

    def _send_file(self, cmd: dict[str, Any]) -> None:
        self.on_core_event(self.client.send_file(_arg(cmd, "public_key", str), _arg(cmd, "path", str)))

    def _set_avatar(self, cmd: dict[str, Any]) -> None:
        if "path" not in cmd:
            raise CommandError("missing field 'path'")
        path = cmd["path"]
        if path is not None and not isinstance(path, str):
            raise CommandError("field 'path' must be a str or null")
        self.client.set_avatar(path)

    def _accept_file(self, cmd: dict[str, Any]) -> None:
        path = cmd.get("path")
        if path is not None and not isinstance(path, str):
            raise CommandError("field 'path' must be a str")
        self.client.accept_file(_arg(cmd, "public_key", str), _arg(cmd, "transfer", str), path)

    def _set_nospam(self, cmd: dict[str, Any]) -> None:
        text = _arg(cmd, "nospam", str)
        try:
            nospam = bytes.fromhex(text)
        except ValueError as e:
            raise CommandError("nospam must be 8 hexadecimal characters") from e
        if len(nospam) != 4:
            raise CommandError("nospam must be 8 hexadecimal characters")
        self.client.set_nospam(nospam)
        self.emit_event("tox_id", tox_id=str(self.client.tox_id))

    def handle_line(self, line: str | bytes) -> None:
        """One line from stdin: its effect, or an `error` event, whatever the line holds."""
        if line is TOO_LONG:
            self.error(f"a command line is at most {MAX_COMMAND_LINE} bytes")
            return
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8")
            except UnicodeDecodeError:
                self.error("a command line must be UTF-8")
                return
        line = line.strip()
        if not line:
            return
        try:
            cmd = json.loads(line)
        except json.JSONDecodeError as e:
            self.error(f"not a JSON object: {e.msg}")
            return
        except (ValueError, RecursionError) as e:  # integers past Python's digit limit, deep nesting
            self.error(f"not a usable JSON object: {type(e).__name__}")
            return
        if not isinstance(cmd, dict):
            self.error("a command is a JSON object with a \"command\" field")
            return
        name = cmd.get("command")
        handler = self.commands.get(name) if isinstance(name, str) else None
        if handler is None:
            self.error(f"unknown command {name!r}", command=name if isinstance(name, str) else None)
            return
        try:
            handler(cmd)
        except (CommandError, ValueError) as e:
            self.error(str(e), command=name)
        except Exception as e:  # a bug: report it, keep running
            log.exception("command %s failed", name)
            self.error(f"internal error: {type(e).__name__}", command=name)


def _arg(cmd: dict[str, Any], key: str, typ: type) -> Any:
    if key not in cmd:
        raise CommandError(f"missing field {key!r}")
    v = cmd[key]
    if not isinstance(v, typ) or (isinstance(v, bool) and typ is not bool):
        raise CommandError(f"field {key!r} must be a {typ.__name__}")
    return v


class _CommandLines(asyncio.Protocol):
    """Lines from a pipe or socket, read by the event loop itself (no thread to wake): each
    complete line is handed on as bytes, a line longer than MAX_COMMAND_LINE once as TOO_LONG,
    an unfinished last line at the end of input as it is."""

    def __init__(self, on_line: Callable[[str | bytes], None], on_eof: Callable[[], None]) -> None:
        self._on_line = on_line
        self._on_eof = on_eof
        self._buf = bytearray()
        self._skipping = False  # inside a line already refused as too long
        self._ended = False

    def _line(self, line: bytes) -> None:
        try:
            self._on_line(line)
        except Exception:  # a command's failure must not stop the reading
            log.exception("handling a command line failed")

    def data_received(self, data: bytes) -> None:
        buf = self._buf
        buf += data
        start = 0
        while (nl := buf.find(b"\n", start)) >= 0:
            line = bytes(buf[start:nl + 1])
            start = nl + 1
            if self._skipping:
                self._skipping = False  # the end of the long line
            elif len(line) - 1 > MAX_COMMAND_LINE:
                self._line(TOO_LONG)
            else:
                self._line(line)
        del buf[:start]
        if len(buf) > MAX_COMMAND_LINE:
            if not self._skipping:
                self._skipping = True
                self._line(TOO_LONG)
            buf.clear()

    def eof_received(self) -> bool:
        if self._buf and not self._skipping:
            self._line(bytes(self._buf))
        self._buf.clear()
        self._end()
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self._end()

    def _end(self) -> None:
        if not self._ended:
            self._ended = True
            self._on_eof()


async def _read_pipe(loop: asyncio.AbstractEventLoop, stream: TextIO, on_line: Callable[[str | bytes], None],
                     on_eof: Callable[[], None]) -> asyncio.BaseTransport | None:
    """Read commands in the event loop when stdin is a pipe or a socket (as for every script
    or bot driving us); None for anything else (a terminal, a file), read by a thread."""
    try:
        fd = stream.fileno()
        mode = os.fstat(fd).st_mode
    except (AttributeError, OSError, ValueError):
        return None
    if not (stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)):
        return None
    pipe = os.fdopen(os.dup(fd), "rb", 0)  # the transport closes its own copy
    try:
        transport, _ = await loop.connect_read_pipe(lambda: _CommandLines(on_line, on_eof), pipe)
    except (OSError, ValueError):
        pipe.close()
        return None
    return transport


def _stdin_reader(loop: asyncio.AbstractEventLoop, on_line: Callable[[str | bytes], None],
                  on_eof: Callable[[], None], stream: TextIO) -> None:
    """Hand each line on as bytes, so one that is not UTF-8 gets an error event instead of ending
    the reader; a line longer than MAX_COMMAND_LINE is refused whole (TOO_LONG)."""
    raw = getattr(stream, "buffer", None)

    def read() -> bytes:
        if raw is not None:
            return bytes(raw.readline(MAX_COMMAND_LINE + 1))
        return stream.readline(MAX_COMMAND_LINE + 1).encode("utf-8", "surrogateescape")

    try:
        while line := read():
            if len(line) > MAX_COMMAND_LINE and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):
                    line = read()  # the rest of the long line
                loop.call_soon_threadsafe(on_line, TOO_LONG)
                continue
            loop.call_soon_threadsafe(on_line, line)
    finally:
        loop.call_soon_threadsafe(on_eof)


async def run_headless(args: Any, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    inp = stdin or sys.stdin
    password = None
    if args.password_env:
        password = os.environ.get(args.password_env)
        if password is None:
            _fatal(out, f"environment variable {args.password_env} is not set")
            return 2
    path = Path(args.profile)
    loop = asyncio.get_running_loop()
    try:
        # Key derivation for an encrypted profile is slow: keep it off the event loop.  Without a
        # password the profile is read at once, and no worker thread is started for it.
        if password is None:
            profile = open_or_create_profile(path, password)
        else:
            profile = await loop.run_in_executor(None, open_or_create_profile, path, password)
    except (ProfileError, ProtocolError, OSError) as e:
        _fatal(out, f"cannot open profile {path}: {e}")
        return 2
    demo = None
    if args.demo:
        from toxgui.app.demo import DemoNetwork

        demo = DemoNetwork(state_dir=demo_state_dir(args))
        await demo.start()
    options = client_options(args, demo=demo)
    client = ToxClient(profile, options)
    h = Headless(client, out)
    client.subscribe(h.on_core_event)
    try:
        await client.start()
    except OSError as e:
        _fatal(out, f"cannot open a socket (UDP, or the TCP relay port): {e}")
        profile.close()
        if demo is not None:
            await demo.stop()
        return 2
    h.emit_event(
        "ready",
        tox_id=str(client.tox_id),
        public_key=client.public_key,
        dht_key=client.dht_key,
        udp_port=client.udp_port,
        name=client.name,
        profile=str(path),
        **({} if client.tcp_relay is None else {"tcp_relay_port": client.tcp_relay.port}),
    )
    if demo is not None:
        h.emit_event("demo", echo_tox_id=demo.echo_tox_id, nodes=[f"{a}:{p}:{k.hex().upper()}" for a, p, k in demo.bootstrap])
    trim = loop.call_later(TRIM_AFTER, trim_heap)  # what start-up freed, back to the system
    pipe = await _read_pipe(loop, inp, h.handle_line, h.quit.set)
    if pipe is None:
        reader = threading.Thread(
            target=_stdin_reader, args=(loop, h.handle_line, h.quit.set, inp), daemon=True, name="stdin"
        )
        reader.start()
    try:
        await h.quit.wait()
    finally:
        trim.cancel()
        if pipe is not None:
            pipe.close()
        await client.stop()
        profile.close()
        if demo is not None:
            await demo.stop()
    h.emit_event("quit")
    return h.exit_code


def open_or_create_profile(path: Path, password: str | None) -> Profile:
    if path.exists():
        return Profile.load(path, password=password)
    return Profile.create(path, name=path.stem, password=password)


def _fatal(out: TextIO, message: str) -> None:
    out.write(json.dumps({"event": "error", "t": time.time(), "message": message, "fatal": True}) + "\n")
    out.flush()
