"""One c-toxcore 0.2.18 peer in its own process, driven by JSON lines on stdin.

    python tests/interop/peer.py --port N [--savedata-file F] [--bootstrap HOST:PORT:HEXKEY]...
                                 [--tcp-relay HOST:PORT:HEXKEY]... [--no-udp]
                                 [--auto-accept] [--ipv6] [--lifetime SECONDS]

UDP on (off with --no-udp: then no socket at all but the TCP connections to relays), LAN
discovery off, no TCP relay of its own, hole punching off.  The loop calls tox_iterate and
waits with select() on stdin for at most tox_iteration_interval(), so a command is handled at once.

Commands, one JSON object per line: {"cmd": NAME, "id": ANY, ...args}.  Every command answers with
{"event": "result", "cmd": NAME, "id": ID, ...} or {"event": "error", "cmd": NAME, "id": ID,
"error": TEXT}.  Text arguments are UTF-8 strings ("text"); "hex" gives raw bytes instead.

    add_friend {tox_id, text|hex}            -> friend
    add_friend_norequest {public_key}        -> friend
    delete_friend {friend}
    send_message {friend, text|hex, action?} -> message_id
    set_name {text|hex}; set_status_message {text|hex}; set_status {status}
    set_typing {friend, typing}
    get_savedata {path?}                     -> path, size (the file is written atomically)
    bootstrap {host, port, public_key}
    add_tcp_relay {host, port, public_key}
    friend_list                              -> friends: [{friend, public_key, name, ...}]
    self_info                                -> tox_id, public_key, dht_id, udp_port, name, ...
    ping                                     -> (nothing more: a barrier)
    conference_new                           -> conference, conference_id
    conference_invite {friend, conference}
    conference_join {friend, cookie}         -> conference, conference_id
    conference_send {conference, text|hex, action?}
    conference_set_title {conference, text|hex}
    conference_delete {conference}
    conference_info {conference}             -> conference_id, title, peers: [{public_key, name, ours}],
                                                offline
    quit

Events on stdout, one JSON object per line, each with "event" and "t" (time.time()):
ready, self_connection, friend_request, friend_message, friend_connection, friend_name,
friend_status_message, friend_status, friend_typing, read_receipt, conference_invite,
conference_connected, conference_message, conference_title, conference_peer_name,
conference_peer_list_changed, result, error, exit.
Text fields come with their raw bytes as "<field>_hex".

The process exits when stdin closes, on quit, or after --lifetime seconds (default 600).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import select
import sys
import time
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ctox  # (a sibling module: this file runs as a script)


def _emit(event: str, **fields: Any) -> None:
    fields = {"event": event, "t": time.time(), **fields}
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _arg_bytes(args: dict[str, Any], key: str = "text") -> bytes:
    if "hex" in args:
        return bytes.fromhex(args["hex"])
    value = args.get(key, "")
    if not isinstance(value, str):
        raise ValueError(f"{key!r} must be a string")
    return value.encode()


def _wire(n: int) -> int:
    """The file number on the wire: c-toxcore's API numbers incoming files (n + 1) << 16."""
    return (n >> 16) - 1 if n >= 1 << 16 else n


def _api(n: int, incoming: bool) -> int:
    return (n + 1) << 16 if incoming else n


def _parse_node(spec: str) -> tuple[str, int, bytes]:
    host, port, key = spec.rsplit(":", 2)
    host = host.strip("[]")
    key_bytes = bytes.fromhex(key)
    if len(key_bytes) != ctox.PUBLIC_KEY_SIZE:
        raise ValueError(f"bad bootstrap key in {spec!r}")
    return host, int(port), key_bytes


class Peer:
    def __init__(self, opts: argparse.Namespace) -> None:
        self.opts = opts
        savedata = None
        if opts.savedata_file and os.path.exists(opts.savedata_file):
            with open(opts.savedata_file, "rb") as f:
                savedata = f.read()
        self.tox = ctox.Tox(savedata=savedata, udp_enabled=not opts.no_udp, ipv6_enabled=opts.ipv6, port=opts.port,
                            hole_punching=opts.hole_punching)
        self.running = True
        t = self.tox
        t.on_self_connection_status(lambda s: _emit("self_connection", status=int(s), status_name=s.name))
        t.on_friend_request(self._friend_request)
        t.on_friend_message(
            lambda f, kind, m: _emit(
                "friend_message", friend=f, public_key=self._pk(f), action=kind == ctox.MessageType.ACTION,
                text=_text(m), text_hex=m.hex(),
            )
        )
        t.on_friend_connection_status(
            lambda f, s: _emit("friend_connection", friend=f, public_key=self._pk(f), status=int(s),
                               status_name=s.name)
        )
        t.on_friend_name(lambda f, n: _emit("friend_name", friend=f, name=_text(n), name_hex=n.hex()))
        t.on_friend_status_message(
            lambda f, m: _emit("friend_status_message", friend=f, status_message=_text(m),
                               status_message_hex=m.hex())
        )
        t.on_friend_status(lambda f, s: _emit("friend_status", friend=f, status=int(s), status_name=s.name))
        t.on_friend_typing(lambda f, typing: _emit("friend_typing", friend=f, typing=typing))
        t.on_friend_read_receipt(lambda f, mid: _emit("read_receipt", friend=f, message_id=mid))
        # conferences: peers are named by public key in every event
        t.on_conference_invite(
            lambda f, kind, cookie: _emit("conference_invite", friend=f, public_key=self._pk(f), type=kind,
                                          cookie=cookie.hex())
        )
        t.on_conference_connected(lambda c: _emit("conference_connected", conference=c,
                                                  conference_id=self.tox.conference_id(c).hex().upper()))
        t.on_conference_message(
            lambda c, p, kind, m: _emit(
                "conference_message", conference=c, peer=p, public_key=self._cpk(c, p),
                action=kind == ctox.MessageType.ACTION, text=_text(m), text_hex=m.hex(),
            )
        )
        t.on_conference_title(
            lambda c, p, title: _emit("conference_title", conference=c, peer=p, title=_text(title),
                                      title_hex=title.hex())
        )
        t.on_conference_peer_name(
            lambda c, p, name: _emit("conference_peer_name", conference=c, public_key=self._cpk(c, p),
                                     name=_text(name), name_hex=name.hex())
        )
        t.on_conference_peer_list_changed(
            lambda c: _emit("conference_peer_list_changed", conference=c, peers=self._conf_peers(c))
        )
        # file transfers: files sent are read from, and files received written to, paths the
        # test names; every chunk is handled here, only the milestones become events
        self.sending: dict[tuple[int, int], Any] = {}
        self.receiving: dict[tuple[int, int], Any] = {}
        t.on_file_recv(self._file_recv)
        t.on_file_recv_chunk(self._file_recv_chunk)
        t.on_file_chunk_request(self._file_chunk_request)
        t.on_file_recv_control(
            lambda f, n, c: _emit("file_control", friend=f, file_number=_wire(n), incoming=n >= 1 << 16,
                                  control=int(c), control_name=c.name)
        )

    def _pk(self, friend: int) -> str | None:
        try:
            return self.tox.friend_public_key(friend).hex().upper()
        except ctox.ToxError:
            return None

    def _cpk(self, conference: int, peer: int) -> str | None:
        try:
            return self.tox.conference_peer_public_key(conference, peer).hex().upper()
        except ctox.ToxError:
            return None

    def _conf_peers(self, c: int) -> list[dict[str, Any]]:
        t = self.tox
        out = []
        for p in range(t.conference_peer_count(c)):
            out.append({
                "public_key": t.conference_peer_public_key(c, p).hex().upper(),
                "name": _text(t.conference_peer_name(c, p)),
                "ours": t.conference_peer_is_ours(c, p),
            })
        return out

    def _friend_request(self, pk: bytes, message: bytes) -> None:
        accepted = None
        error = None
        if self.opts.auto_accept:
            try:
                accepted = self.tox.friend_add_norequest(pk)
            except ctox.ToxError as e:
                error = e.code.name
        _emit("friend_request", public_key=pk.hex().upper(), text=_text(message), text_hex=message.hex(),
              accepted=accepted, accept_error=error)

    def _file_recv(self, f: int, n: int, kind: int, size: int, name: bytes) -> None:
        _emit("file_recv", friend=f, file_number=_wire(n), kind=kind, size=size, filename_hex=name.hex(),
              file_id=self.tox.file_id(f, n).hex().upper())

    def _file_recv_chunk(self, f: int, n: int, position: int, data: bytes) -> None:
        rec = self.receiving.get((f, n))
        if rec is None:
            return
        if not data:  # the end
            rec["file"].close()
            del self.receiving[(f, n)]
            if rec["digest"] is not None and rec["hashed"] == os.path.getsize(rec["path"]):
                digest = rec["digest"].hexdigest()
            else:
                with open(rec["path"], "rb") as fh:
                    digest = hashlib.sha256(fh.read()).hexdigest()
            _emit("file_done", friend=f, file_number=_wire(n), received=rec["received"], sha256=digest)
            return
        rec["file"].seek(position)
        rec["file"].write(data)
        rec["received"] += len(data)
        if rec["digest"] is not None:
            if position == rec["hashed"]:
                rec["digest"].update(data)
                rec["hashed"] += len(data)
            else:
                rec["digest"] = None

    def _file_chunk_request(self, f: int, n: int, position: int, length: int) -> None:
        src = self.sending.get((f, n))
        if src is None:
            return
        if length == 0:
            src.close()
            del self.sending[(f, n)]
            _emit("file_sent", friend=f, file_number=n)
            return
        src.seek(position)
        self.tox.file_send_chunk(f, n, position, src.read(length))

    def self_info(self) -> dict[str, Any]:
        t = self.tox
        return {
            "tox_id": t.tox_id,
            "public_key": t.public_key.hex().upper(),
            "dht_id": t.dht_id.hex().upper(),
            "udp_port": t.udp_port,
            "name": _text(t.name),
            "status_message": _text(t.status_message),
            "status": int(t.status),
            "connection": int(t.connection_status),
        }

    def friend_info(self, f: int) -> dict[str, Any]:
        t = self.tox
        return {
            "friend": f,
            "public_key": t.friend_public_key(f).hex().upper(),
            "name": _text(t.friend_name(f)),
            "status_message": _text(t.friend_status_message(f)),
            "status": int(t.friend_status(f)),
            "connection": int(t.friend_connection_status(f)),
        }

    def handle(self, cmd: dict[str, Any]) -> dict[str, Any]:
        name = cmd.get("cmd")
        t = self.tox
        if name == "add_friend":
            return {"friend": t.friend_add(bytes.fromhex(cmd["tox_id"]), _arg_bytes(cmd))}
        if name == "add_friend_norequest":
            return {"friend": t.friend_add_norequest(bytes.fromhex(cmd["public_key"]))}
        if name == "delete_friend":
            t.friend_delete(int(cmd["friend"]))
            return {}
        if name == "send_message":
            kind = ctox.MessageType.ACTION if cmd.get("action") else ctox.MessageType.NORMAL
            return {"message_id": t.send_message(int(cmd["friend"]), _arg_bytes(cmd), kind)}
        if name == "file_send":
            path = cmd["path"]
            size = os.path.getsize(path)
            file_id = bytes.fromhex(cmd["file_id"]) if cmd.get("file_id") else None
            f = int(cmd["friend"])
            n = t.file_send(f, int(cmd.get("kind", 0)), size, file_id, os.path.basename(path).encode())
            self.sending[(f, n)] = open(path, "rb")  # noqa: SIM115 (closed when the transfer ends)
            return {"file_number": n}
        if name == "file_accept":
            f, n = int(cmd["friend"]), _api(int(cmd["file_number"]), incoming=True)
            seek = int(cmd.get("seek", 0))
            fh = open(cmd["path"], "r+b" if seek else "wb")  # noqa: SIM115
            if seek:
                t.file_seek(f, n, seek)
            # hashed chunk by chunk while they come in order from 0 (after a seek: read at the end)
            self.receiving[(f, n)] = {"file": fh, "path": cmd["path"], "received": 0,
                                      "digest": None if seek else hashlib.sha256(), "hashed": 0}
            t.file_control(f, n, ctox.FileControl.RESUME)
            return {}
        if name == "file_control":
            n = _api(int(cmd["file_number"]), incoming=bool(cmd.get("incoming")))
            t.file_control(int(cmd["friend"]), n, int(cmd["control"]))
            return {}
        if name == "set_name":
            t.name = _arg_bytes(cmd)
            return {}
        if name == "set_status_message":
            t.status_message = _arg_bytes(cmd)
            return {}
        if name == "set_status":
            t.status = int(cmd["status"])
            return {}
        if name == "set_typing":
            t.set_typing(int(cmd["friend"]), bool(cmd["typing"]))
            return {}
        if name == "get_savedata":
            path = cmd.get("path") or self.opts.savedata_file
            if not path:
                raise ValueError("get_savedata needs a path (or --savedata-file)")
            data = t.get_savedata()
            tmp = path + ".tmp"
            with open(tmp, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
            return {"path": path, "size": len(data)}
        if name == "bootstrap":
            t.bootstrap(cmd.get("host", "127.0.0.1"), int(cmd["port"]), bytes.fromhex(cmd["public_key"]))
            return {}
        if name == "add_tcp_relay":
            t.add_tcp_relay(cmd.get("host", "127.0.0.1"), int(cmd["port"]), bytes.fromhex(cmd["public_key"]))
            return {}
        if name == "friend_list":
            return {"friends": [self.friend_info(f) for f in t.friend_list()]}
        if name == "self_info":
            return self.self_info()
        if name == "ping":
            return {}
        if name == "conference_new":
            c = t.conference_new()
            return {"conference": c, "conference_id": t.conference_id(c).hex().upper()}
        if name == "conference_invite":
            t.conference_invite(int(cmd["friend"]), int(cmd["conference"]))
            return {}
        if name == "conference_join":
            c = t.conference_join(int(cmd["friend"]), bytes.fromhex(cmd["cookie"]))
            return {"conference": c, "conference_id": t.conference_id(c).hex().upper()}
        if name == "conference_send":
            kind = ctox.MessageType.ACTION if cmd.get("action") else ctox.MessageType.NORMAL
            t.conference_send_message(int(cmd["conference"]), _arg_bytes(cmd), kind)
            return {}
        if name == "conference_set_title":
            t.conference_set_title(int(cmd["conference"]), _arg_bytes(cmd))
            return {}
        if name == "conference_delete":
            t.conference_delete(int(cmd["conference"]))
            return {}
        if name == "conference_info":
            c = int(cmd["conference"])
            return {"conference_id": t.conference_id(c).hex().upper(), "title": _text(t.conference_title(c)),
                    "peers": self._conf_peers(c), "offline": t.conference_offline_peer_count(c)}
        if name == "quit":
            self.running = False
            return {}
        raise ValueError(f"unknown command {name!r}")

    def dispatch(self, line: bytes) -> None:
        cmd: dict[str, Any] = {}
        try:
            cmd = json.loads(line)
            if not isinstance(cmd, dict):
                raise ValueError("a command is a JSON object")
            result = self.handle(cmd)
        except ctox.ToxError as e:
            _emit("error", cmd=cmd.get("cmd"), id=cmd.get("id"), error=e.code.name, message=str(e))
        except (ValueError, KeyError, TypeError) as e:
            _emit("error", cmd=cmd.get("cmd"), id=cmd.get("id"), error=type(e).__name__, message=str(e))
        else:
            _emit("result", cmd=cmd.get("cmd"), id=cmd.get("id"), **result)

    def run(self) -> str:
        deadline = time.monotonic() + self.opts.lifetime
        buf = b""
        stdin = sys.stdin.fileno()
        while self.running:
            self.tox.iterate()
            now = time.monotonic()
            if now >= deadline:
                return "lifetime"
            wait = min(self.tox.iteration_interval() / 1000.0, deadline - now)
            readable, _, _ = select.select([stdin], [], [], wait)
            if not readable:
                continue
            chunk = os.read(stdin, 65536)
            if not chunk:
                return "stdin closed"
            buf += chunk
            while b"\n" in buf and self.running:
                line, buf = buf.split(b"\n", 1)
                if line.strip():
                    self.dispatch(line)
        return "quit"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--port", type=int, required=True, help="UDP port to bind (exactly this one)")
    p.add_argument("--savedata-file", help="load this profile if it exists; get_savedata writes it")
    p.add_argument("--bootstrap", action="append", default=[], metavar="HOST:PORT:HEXKEY")
    p.add_argument("--tcp-relay", action="append", default=[], metavar="HOST:PORT:HEXKEY")
    p.add_argument("--no-udp", action="store_true", help="UDP off: TCP relays only")
    p.add_argument("--hole-punching", action="store_true", help="NAT hole punching on (the NAT lab)")
    p.add_argument("--auto-accept", action="store_true", help="accept every friend request")
    p.add_argument("--ipv6", action="store_true", help="enable IPv6 (binds ::, dual stack)")
    p.add_argument("--lifetime", type=float, default=600.0, help="hard limit in seconds")
    opts = p.parse_args(argv)
    ctox.check_version()
    try:
        peer = Peer(opts)
    except ctox.ToxError as e:
        _emit("error", cmd=None, id=None, error=e.code.name, message=str(e))
        return 2
    try:
        for spec in opts.bootstrap:
            host, port, key = _parse_node(spec)
            peer.tox.bootstrap(host, port, key)
        for spec in opts.tcp_relay:
            host, port, key = _parse_node(spec)
            peer.tox.add_tcp_relay(host, port, key)
        _emit("ready", **peer.self_info())
        reason = peer.run()
        _emit("exit", reason=reason)
    finally:
        peer.tox.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
