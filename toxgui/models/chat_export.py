"""A chat's history as a file: plain text (one line per message) or JSON (every field).

Both are written atomically (`store.profile.atomic_write`: a temporary file, fsynced, read back,
then renamed over the target), readable only by the user (the history may be encrypted at rest;
an export is the user's explicit choice to have it in the clear).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from toxgui.store.history import Kind, State, StoredMessage
from toxgui.store.profile import atomic_write

FORMATS = ("text", "json")
_STATES = {State.PENDING: "pending", State.SENT: "sent", State.DELIVERED: "delivered"}


def as_text(messages: Iterable[StoredMessage], own_name: str, friend_name: str) -> str:
    """ "[2026-12-04 00:12:03] Alice: hello", and "* Alice waves" for an action."""
    lines = []
    for m in messages:
        who = own_name if m.outgoing else friend_name
        stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(m.ts))
        if m.unreadable:
            body = QCoreApplication.translate("ChatExport", "(this message could not be read)")
            lines.append(f"[{stamp}] {who}: {body}")
        elif m.kind == Kind.ACTION:
            lines.append(f"[{stamp}] * {who} {m.text}")
        else:
            text = m.text.replace("\n", "\n    ")  # continuation lines stay with their message
            lines.append(f"[{stamp}] {who}: {text}")
    return "\n".join(lines) + ("\n" if lines else "")


def as_json(messages: Iterable[StoredMessage], own_name: str, friend_name: str, friend_key: bytes) -> str:
    out = {
        "format": "toxgui-chat-history",
        "version": 1,
        "friend": {"name": friend_name, "public_key": friend_key.hex().upper()},
        "own_name": own_name,
        "exported": int(time.time()),
        "messages": [
            {
                "id": m.id,
                "time": m.ts,
                "direction": "out" if m.outgoing else "in",
                "kind": "action" if m.kind == Kind.ACTION else "normal",
                "text": None if m.unreadable else m.text,
                "state": _STATES.get(m.state, "unknown") if m.outgoing else "received",
            }
            for m in messages
        ],
    }
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


def export(path: Path, fmt: str, messages: Iterable[StoredMessage], own_name: str, friend_name: str,
           friend_key: bytes) -> None:
    """Write the messages to `path` as "text" or "json"."""
    if fmt == "json":
        data = as_json(messages, own_name, friend_name, friend_key)
    elif fmt == "text":
        data = as_text(messages, own_name, friend_name)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    atomic_write(path, data.encode("utf-8"))
