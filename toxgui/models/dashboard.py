"""The connection dashboard's model: where a friend's connection stands, in plain language.

`ConnectionDashboard` reads `Backend.friend_facts` and `Backend.self_facts` when the session
reports a Progress, FriendConnection or DhtStatus event, and the dashboard panel asks it to read
them again every second while it is visible (a snapshot costs microseconds), so no value it
shows is older than a second: "last packet", countdowns, search counts.  A countdown that is due
reads as "searching now", never "in now"; a search that keeps finding nothing says plainly that
the friend seems to be offline, and when they were last seen.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtCore import QCoreApplication as QCA

from toxgui.core.events import Stage
from toxgui.models.attempts import Attempt
from toxgui.models.contacts import STAGES, fmt_ago, stage_index, stage_title
from toxgui.models.plurals import counts
from toxgui.models.roles import Role, role_names

if TYPE_CHECKING:
    from toxgui.models.session import Session

Index = QModelIndex | QPersistentModelIndex


def _fill(text: str, *args: object) -> str:
    """Qt-style %1, %2 ... placeholders (translations may reorder them)."""
    for i in range(len(args), 0, -1):
        text = text.replace(f"%{i}", str(args[i - 1]))
    return text


def fmt_in(seconds: float | None) -> str:
    """A countdown: "now", "3 s", "2 min", "1 h"."""
    if seconds is None:
        return QCA.translate("Dashboard", "—")
    s = int(seconds + 0.999)
    if s <= 0:
        return QCA.translate("Dashboard", "now")
    if s < 60:
        return counts().seconds(s)
    if s < 3600:
        return counts().minutes(s // 60)
    return counts().hours(s // 3600)


def fmt_next(seconds: float | None, kind: str) -> str:
    """A countdown as a phrase: "next search in 3 s", or "searching now" when it is due (never
    "in now"); kind is "search", "retry" or "try"."""
    if seconds is not None and seconds <= 0.5:
        return {
            "search": QCA.translate("Dashboard", "searching now"),
            "retry": QCA.translate("Dashboard", "retrying now"),
            "try": QCA.translate("Dashboard", "trying now"),
        }[kind]
    left = fmt_in(seconds)
    return {
        "search": QCA.translate("Dashboard", "next search in %1"),
        "retry": QCA.translate("Dashboard", "next retry in %1"),
        "try": QCA.translate("Dashboard", "next try in %1"),
    }[kind].replace("%1", left)


# After this many onion searches with no node reporting the friend announced, the dashboard says
# plainly that the friend is probably offline.
OFFLINE_AFTER_SEARCHES = 10


def fmt_duration(seconds: float) -> str:
    """How long something took: "0.4 s" under 10 s (one decimal, in the locale's notation),
    then "12 s", "3 min", "2 h"."""
    seconds = max(0.0, seconds)
    if seconds < 10:
        return QCA.translate("Dashboard", "%1 s").replace("%1", QLocale().toString(seconds, "f", 1))
    if seconds < 60:
        return counts().seconds(int(seconds))
    if seconds < 3600:
        return counts().minutes(int(seconds // 60))
    return counts().hours(int(seconds // 3600))


def attempt_outcome(a: Attempt, now: float) -> str:
    """How an attempt ended, with when it started (relative, as every time in the dashboard)."""
    started = fmt_ago(since(a.started, now))
    took = fmt_duration((a.ended if a.ended is not None else now) - a.started)
    at = stage_title(a.failed_at or a.last_stage)
    if a.outcome == "established":
        if a.lost is not None:
            text = QCA.translate("Dashboard", "%1: connected in %2; lost %3")
            return _fill(text, started, took, fmt_ago(since(a.lost, now)))
        return _fill(QCA.translate("Dashboard", "%1: connected in %2"), started, took)
    if a.outcome == "timed out":
        return _fill(QCA.translate("Dashboard", "%1: timed out at “%3” after %2"), started, took, at)
    if a.outcome == "replaced":
        return _fill(
            QCA.translate("Dashboard", "%1: replaced at “%3” after %2 (the friend has a new DHT key)"),
            started,
            took,
            at,
        )
    return _fill(QCA.translate("Dashboard", "%1: under way for %2, at “%3”"), started, took, at)


def attempt_stages(a: Attempt, now: float) -> str:
    """Each stage the attempt reached and how long it spent there: "Find DHT key 0.1 s →
    Find address 0.2 s → Connected"."""
    parts = []
    for i, (stage, entered) in enumerate(a.stages):
        if stage == Stage.Established:
            parts.append(stage_title(stage))
            break
        if i + 1 < len(a.stages):
            end: float = a.stages[i + 1][1]
        else:
            end = a.ended if a.ended is not None else now
        parts.append(f"{stage_title(stage)} {fmt_duration(end - entered)}")
    return " \u2192 ".join(parts)


def short_key(hex_key: str | None) -> str:
    if not hex_key:
        return QCA.translate("Dashboard", "unknown")
    k = hex_key.upper()
    return f"{k[:8]}…{k[-4:]}" if len(k) > 12 else k


def stage_description(stage: Stage) -> str:
    return {
        Stage.AwaitingDHTKey: QCA.translate(
            "Dashboard", "A friend's DHT key changes every session; it is looked up through the onion."
        ),
        Stage.AcquiringIPAddress: QCA.translate(
            "Dashboard", "DHT nodes close to that key are asked for the friend's IP address."
        ),
        Stage.AcquiringCookie: QCA.translate(
            "Dashboard", "A cookie request proves the address is real before the handshake."
        ),
        Stage.AwaitingHandshake: QCA.translate("Dashboard", "Handshake packets set up the encrypted session."),
        Stage.AwaitingSessionPacket: QCA.translate("Dashboard", "The first encrypted packet confirms the session."),
        Stage.Established: QCA.translate("Dashboard", "Messages travel directly over the encrypted connection."),
    }[stage]


def until(ts: Any, now: float) -> float | None:
    return None if ts is None else float(ts) - now


def since(ts: Any, now: float) -> float | None:
    return None if ts is None else max(0.0, now - float(ts))


def describe(name: str, facts: dict[str, Any], self_facts: dict[str, Any], now: float) -> str:
    """One plain-language sentence: what the connection to `name` is waiting for right now."""
    stage = Stage(facts.get("stage", Stage.AwaitingDHTKey))
    attempts = int(facts.get("attempts") or 0)
    retry = fmt_next(until(facts.get("next_retry"), now), "retry")
    address = facts.get("address") or QCA.translate("Dashboard", "an unknown address")
    if stage == Stage.AwaitingDHTKey:
        if not self_facts.get("onion_paths"):
            return _fill(
                QCA.translate("Dashboard", "Waiting for onion paths through the DHT before searching for %1."),
                name,
            )
        asked = int(facts.get("announce_nodes") or 0)
        searches = int(facts.get("search_attempts") or 0)
        nxt = fmt_next(until(facts.get("next_search"), now), "search")
        if asked == 0 and searches >= OFFLINE_AFTER_SEARCHES:
            seen = float(facts.get("last_seen") or 0)
            last = fmt_ago(max(0.0, time.time() - seen)) if seen else QCA.translate("Dashboard", "never")
            return _fill(  # searches >= OFFLINE_AFTER_SEARCHES: always a plural
                QCA.translate(
                    "Dashboard",
                    "%1 seems to be offline: %2 onion searches found no node that %1 announced to. "
                    "Last seen: %3; %4.",
                ),
                name,
                searches,
                last,
                nxt,
            )
        if asked == 0:
            return _fill(
                QCA.translate("Dashboard", "Looking for %1's current DHT key on the onion: %2."),
                name,
                nxt,
            )
        return _fill(counts().onion_asked(asked), name, nxt)
    if stage == Stage.AcquiringIPAddress:
        src = facts.get("dht_key_source") or "onion"
        via = (
            QCA.translate("Dashboard", "via the onion") if src == "onion" else QCA.translate("Dashboard", "via the DHT")
        )
        return _fill(
            QCA.translate(
                "Dashboard",
                "Found %1's DHT key %2 (%3). Asking DHT nodes for the address: attempt %4, %5.",
            ),
            name,
            fmt_ago(since(facts.get("dht_key_learned"), now)),
            via,
            max(attempts, 1),
            fmt_next(until(facts.get("next_retry"), now), "try"),
        )
    if stage == Stage.AcquiringCookie:
        return _fill(
            QCA.translate(
                "Dashboard",
                "%1 is at %2. Asking for a cookie to start the handshake: attempt %3, %4.",
            ),
            name,
            address,
            max(attempts, 1),
            retry,
        )
    if stage == Stage.AwaitingHandshake:
        return _fill(
            QCA.translate(
                "Dashboard",
                "Got a cookie from %2. Handshake sent, waiting for %1's: attempt %3, %4.",
            ),
            name,
            address,
            max(attempts, 1),
            retry,
        )
    if stage == Stage.AwaitingSessionPacket:
        return _fill(
            QCA.translate("Dashboard", "Handshakes exchanged with %2. Waiting for the first encrypted packet from %1."),
            name,
            address,
        )
    on_relay = [r for r in facts.get("relays") or [] if r.get("link") == "online"]
    if facts.get("transport") == "tcp" and on_relay:
        return _fill(
            QCA.translate("Dashboard", "Connected to %1 through the TCP relay %2 (no direct UDP path). "
                                       "Last packet %3."),
            name,
            f"{on_relay[0].get('host')}:{on_relay[0].get('port')}",
            fmt_ago(since(facts.get("last_packet"), now)),
        )
    transport = {"udp": "UDP", "tcp": "TCP"}.get(
        str(facts.get("transport") or ""), QCA.translate("Dashboard", "an unknown transport")
    )
    return _fill(
        QCA.translate("Dashboard", "Connected to %1 over %2 at %3. Last packet %4."),
        name,
        transport,
        address,
        fmt_ago(since(facts.get("last_packet"), now)),
    )


def relays_line(relays: list[dict[str, Any]]) -> str:
    """Our TCP relays in one line: how many are connected, and each one's address and health."""
    if not relays:
        return QCA.translate("Dashboard", "none")
    up = [r for r in relays if r.get("state") == "connected"]
    parts = []
    for r in relays:
        where = f"{r.get('host')}:{r.get('port')}"
        if r.get("state") == "connected":
            rtt = r.get("rtt_ms")
            parts.append(_fill(QCA.translate("Dashboard", "%1 connected, %2 ms"), where,
                               "—" if rtt is None else f"{float(rtt):.0f}"))
        elif r.get("error"):
            parts.append(_fill(QCA.translate("Dashboard", "%1 down (%2)"), where, str(r.get("error"))))
        else:
            parts.append(_fill(QCA.translate("Dashboard", "%1 connecting"), where))
    head = _fill(QCA.translate("Dashboard", "%1 of %2 connected"), len(up), len(relays))
    return head + "\n" + "\n".join(parts)


def friend_transport(facts: dict[str, Any]) -> str:
    """"UDP direct", or "TCP via relay HOST:PORT" with the relay's round trip."""
    t = facts.get("transport")
    if t == "udp":
        return QCA.translate("Dashboard", "UDP direct")
    if t == "tcp":
        on = [r for r in facts.get("relays") or [] if r.get("link") == "online"]
        if not on:
            return QCA.translate("Dashboard", "TCP relay")
        r = on[0]
        text = _fill(QCA.translate("Dashboard", "TCP via relay %1"), f"{r.get('host')}:{r.get('port')}")
        if r.get("rtt_ms") is not None:
            text += _fill(QCA.translate("Dashboard", " (relay answers in %1 ms)"), f"{float(r['rtt_ms']):.0f}")
        return text
    return "—"


def friend_relays_line(relays: list[dict[str, Any]]) -> str:
    """The relays tried for a friend, and how far each link got."""
    if not relays:
        return QCA.translate("Dashboard", "none")
    words = {
        "online": QCA.translate("Dashboard", "linked to the friend"),
        "registered": QCA.translate("Dashboard", "waiting for the friend to come to this relay"),
        "asked": QCA.translate("Dashboard", "asked the relay"),
    }
    lines = []
    for r in relays:
        where = f"{r.get('host')}:{r.get('port')}"
        if r.get("relay") != "connected":
            lines.append(_fill(QCA.translate("Dashboard", "%1: we are not connected to it"), where))
        else:
            lines.append(f"{where}: " + words.get(str(r.get("link")), QCA.translate("Dashboard", "waiting")))
    return "\n".join(lines)


def self_summary(facts: dict[str, Any]) -> str:
    known = int(facts.get("dht_known") or 0)
    good = int(facts.get("dht_good") or 0)
    if facts.get("udp_enabled") is False:
        relays = facts.get("tcp_relays") or []
        up = sum(1 for r in relays if r.get("state") == "connected")
        if not up:
            return QCA.translate("Dashboard", "TCP only (UDP is off): no TCP relay is connected, so nobody can "
                                              "reach us yet.")
        if not facts.get("announced"):
            return _fill(QCA.translate("Dashboard", "TCP only (UDP is off): TCP relays connected: %1; announcing "
                                                    "ourselves on the onion through them…"), up)
        return _fill(QCA.translate("Dashboard", "TCP only (UDP is off): online through our TCP relays (%1 "
                                                "connected), and friends can find us on the onion."), up)
    if good == 0:
        return QCA.translate("Dashboard", "Not connected to the Tox network yet: no DHT node has answered.")
    if not facts.get("announced"):
        return _fill(QCA.translate("Dashboard", "Connected to %1 DHT nodes; announcing ourselves on the onion…"), good)
    return _fill(
        QCA.translate("Dashboard", "Online: %1 of %2 DHT nodes answer, and friends can find us on the onion."),
        good,
        known,
    )


class StageListModel(QAbstractListModel):
    """The six connection stages as rows: done, current or to do, and when each was entered."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._current = 0
        self._entered: dict[Stage, float] = {}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(STAGES)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(STAGES) or index.column() != 0:
            return None
        i = index.row()
        stage = STAGES[i]
        role = int(role)
        if role == Qt.ItemDataRole.DisplayRole:
            return stage_title(stage)
        if role in (Qt.ItemDataRole.ToolTipRole, Role.Description):
            return stage_description(stage)
        if role == Role.ToxProgress:
            return stage
        if role == Role.StageState:
            if i < self._current or (i == self._current and stage == Stage.Established):
                return "done"
            return "current" if i == self._current else "todo"
        if role == Role.Entered:
            return self._entered.get(stage) if i <= self._current else None
        return None

    def roleNames(self) -> dict[int, bytes]:
        names = dict(super().roleNames())
        names.update(role_names(Role.ToxProgress, Role.StageState, Role.Entered, Role.Description))
        return names

    def current(self) -> Stage:
        return STAGES[self._current]

    def set_state(self, stage: Stage, entered: dict[Stage, float]) -> None:
        self._current = stage_index(stage)
        self._entered = dict(entered)
        if STAGES:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(STAGES) - 1, 0),
                [int(Role.StageState), int(Role.Entered)],
            )


class ConnectionDashboard(QObject):
    """Facts for one selected friend and for ourselves, refreshed on events only."""

    changed = Signal()

    def __init__(
        self, session: Session, clock: Callable[[], float] | None = None, parent: QObject | None = None
    ) -> None:
        """`clock` (unix seconds) defaults to the session's clock."""
        super().__init__(parent)
        self.session = session
        self.clock: Callable[[], float] = clock if clock is not None else (lambda: session.clock())
        self.stages = StageListModel(self)
        self.public_key: bytes | None = None
        self.facts: dict[str, Any] = {}
        self.self_facts: dict[str, Any] = {}
        self.refresh_count = 0
        session.facts_changed.connect(self._on_friend_facts)
        session.self_facts_changed.connect(self._on_self_facts)
        self._read_self()

    def set_friend(self, pk: bytes | None) -> None:
        self.public_key = pk
        self.refresh()

    def refresh(self) -> None:
        self._read_self()
        self._read_friend()
        self.changed.emit()

    @property
    def friend_name(self) -> str:
        if self.public_key is None:
            return ""
        row = self.session.contacts.get(self.public_key)
        return row.display_name if row else self.public_key[:4].hex().upper()

    def attempts(self) -> list[Attempt]:
        """The selected friend's last connection attempts, newest first."""
        if self.public_key is None:
            return []
        return list(reversed(self.session.connection_attempts(self.public_key)))

    def summary(self, now: float | None = None) -> str:
        if self.public_key is None:
            return self_summary(self.self_facts)
        return describe(self.friend_name, self.facts, self.self_facts, self.clock() if now is None else now)

    def _read_friend(self) -> None:
        if self.public_key is None:
            self.facts = {}
            return
        try:
            self.facts = dict(self.session.backend.friend_facts(self.public_key))
        except (KeyError, ValueError):
            self.facts = {}
        self.refresh_count += 1
        stage = Stage(self.facts.get("stage", Stage.AwaitingDHTKey))
        log = dict(self.session.stage_log(self.public_key))
        if self.facts.get("stage_entered") is not None:
            log[stage] = float(self.facts["stage_entered"])
        self.stages.set_state(stage, log)

    def _read_self(self) -> None:
        try:
            self.self_facts = dict(self.session.backend.self_facts())
        except (KeyError, ValueError):
            self.self_facts = {}

    def _on_friend_facts(self, pk: bytes) -> None:
        if pk == self.public_key:
            self._read_friend()
            self.changed.emit()

    def _on_self_facts(self) -> None:
        self._read_self()
        self.changed.emit()
