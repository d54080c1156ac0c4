"""The connection dashboard panel: every stage of a friend's connection, the facts behind it,
and the health of our own network. It re-reads facts only on events (see
`toxgui.models.dashboard`); a 1-second timer only re-renders countdowns and "… ago" texts."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHideEvent, QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from toxgui.core.events import Stage
from toxgui.models.dashboard import (
    ConnectionDashboard,
    attempt_outcome,
    attempt_stages,
    fmt_ago,
    fmt_next,
    friend_relays_line,
    friend_transport,
    relays_line,
    self_summary,
    short_key,
    since,
    until,
)
from toxgui.models.roles import Role
from toxgui.ui import icons, style
from toxgui.ui.plain import ElidedLabel, PlainLabel

STEP_H = 40
DETAIL_H = 16


class StepperWidget(QWidget):
    """A vertical stepper over the dashboard's StageListModel."""

    def __init__(self, dash: ConnectionDashboard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dash = dash
        self.now = dash.clock()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(sum(self.heights()))
        self.update_accessible()

    def heights(self) -> list[int]:
        """Row heights: the current stage has a second line (attempts, countdown)."""
        return [STEP_H + (DETAIL_H if self.detail(i) else 0) for i in range(self.dash.stages.rowCount())]

    def sizeHint(self) -> QSize:
        return QSize(260, sum(self.heights()))

    def relayout(self) -> None:
        h = sum(self.heights())
        if h != self.height():
            self.setFixedHeight(h)
        self.update_accessible()
        self.update()

    def update_accessible(self) -> None:
        """What a screen reader says for the painted stepper: the stage reached, then each
        step and its state."""
        m = self.dash.stages
        words = {"done": self.tr("done"), "current": self.tr("in progress"), "todo": self.tr("not yet")}
        steps, reached = [], ""
        for i in range(m.rowCount()):
            ix = m.index(i, 0)
            title = str(ix.data(Qt.ItemDataRole.DisplayRole))
            state = str(ix.data(Role.StageState))
            if state in ("done", "current"):
                reached = title
            steps.append(f"{title}: {words.get(state, state)}")
        self.setAccessibleName(self.tr("Connection stage: %1").replace("%1", reached or "–"))
        self.setAccessibleDescription("; ".join(steps))

    def subtitle(self, row: int) -> str:
        m = self.dash.stages
        ix = m.index(row, 0)
        state = ix.data(Role.StageState)
        entered = ix.data(Role.Entered)
        if state == "todo":
            return ""
        if entered is None:  # reached before this session of the app began watching
            return self.tr("entered earlier, time not recorded")
        tmpl = self.tr("started %1") if state == "current" else self.tr("entered %1")
        return tmpl.replace("%1", fmt_ago(since(entered, self.now)))

    def detail(self, row: int) -> str:
        """Second line for the current stage: attempts and the retry countdown."""
        m = self.dash.stages
        ix = m.index(row, 0)
        if ix.data(Role.StageState) != "current":
            return ""
        f = self.dash.facts
        stage = ix.data(Role.ToxProgress)
        if stage == Stage.AwaitingDHTKey:
            return (
                self.tr("search %1 · %2")
                .replace("%1", str(int(f.get("search_attempts") or 0)))
                .replace("%2", fmt_next(until(f.get("next_search"), self.now), "search"))
            )
        if stage in (Stage.AcquiringIPAddress, Stage.AcquiringCookie, Stage.AwaitingHandshake):
            return (
                self.tr("attempt %1 · %2")
                .replace("%1", str(max(1, int(f.get("attempts") or 0))))
                .replace("%2", fmt_next(until(f.get("next_retry"), self.now), "retry"))
            )
        return ""

    def paintEvent(self, e: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        m = self.dash.stages
        title_font = QFont(self.font())
        small = QFont(self.font())
        small.setPointSizeF(max(7.5, small.pointSizeF() - 1))
        sfm = QFontMetrics(small)
        tfm = QFontMetrics(title_font)
        cx = 14.0
        rows = m.rowCount()
        heights = self.heights()
        y = 0
        for i in range(rows):
            ix = m.index(i, 0)
            state = ix.data(Role.StageState)
            row_h = heights[i]
            cy = y + 12.0
            y += row_h
            established = ix.data(Role.ToxProgress) == Stage.Established and state == "done"
            accent = QColor(style.PRESENCE["online"] if established else style.ACCENT)
            if i < rows - 1:
                nxt = m.index(i + 1, 0).data(Role.StageState)
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(style.ACCENT) if nxt in ("done", "current") else QColor(style.STEP_TODO))
                p.drawRect(QRectF(cx - 1, cy + 9, 2, row_h - 18))
            if state == "done":
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(accent)
                p.drawEllipse(QPointF(cx, cy), 8, 8)
                icons.draw_tick(p, cx - 4.5, cy + 4, 8, QColor(style.ON_ACCENT), double=False)
            elif state == "current":
                p.setPen(Qt.PenStyle.NoPen)
                halo = QColor(style.ACCENT)
                halo.setAlphaF(0.18)
                p.setBrush(halo)
                p.drawEllipse(QPointF(cx, cy), 12, 12)
                p.setBrush(QColor(style.SURFACE))
                p.setPen(QColor(style.ACCENT))
                p.drawEllipse(QPointF(cx, cy), 7, 7)
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(style.ACCENT))
                p.drawEllipse(QPointF(cx, cy), 3.5, 3.5)
            else:
                p.setPen(QColor(style.STEP_TODO))
                p.setBrush(QColor(style.SURFACE))
                p.drawEllipse(QPointF(cx, cy), 7, 7)
            tx = 36
            tf = QFont(title_font)
            tf.setWeight(QFont.Weight.DemiBold if state == "current" else QFont.Weight.Normal)
            p.setFont(tf)
            p.setPen(QColor(style.TEXT if state != "todo" else style.TEXT_FAINT))
            p.drawText(QPointF(tx, cy + tfm.ascent() / 2 - 1), str(ix.data(Qt.ItemDataRole.DisplayRole)))
            p.setFont(small)
            p.setPen(QColor(style.TEXT_MUTED))
            sub = self.subtitle(i)
            w = self.width() - tx - 4
            if sub:
                p.drawText(QPointF(tx, cy + 8 + sfm.ascent()), sfm.elidedText(sub, Qt.TextElideMode.ElideRight, w))
            det = self.detail(i)
            if det:
                p.setPen(QColor(style.ACCENT_DARK))
                p.drawText(
                    QPointF(tx, cy + 9 + sfm.height() + sfm.ascent()),
                    sfm.elidedText(det, Qt.TextElideMode.ElideRight, w),
                )
        p.end()


def _section(text: str) -> QLabel:
    lab = PlainLabel(text.upper())
    lab.setObjectName("DashSection")
    return lab


class _Value(PlainLabel):
    """A fact's value: wraps at spaces, and also after ":" and "." (a zero-width space is shown
    there), so a long address or key fits a narrow panel; `text()` gives the value as set."""

    def setText(self, text: str) -> None:  # type: ignore[override]
        self._value = text
        super().setText(text.replace(":", ":\u200b").replace(".", ".\u200b"))

    def text(self) -> str:  # type: ignore[override]
        return getattr(self, "_value", super().text())


class _Facts(QWidget):
    """A two-column grid of key / value labels."""

    def __init__(self, keys: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(5)
        self.values: dict[str, QLabel] = {}
        for i, k in enumerate(keys):
            kl = PlainLabel(k)
            kl.setObjectName("DashKey")
            kl.setMinimumWidth(70)
            vl = _Value("—")
            vl.setObjectName("DashValue")
            vl.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            vl.setWordWrap(True)
            grid.addWidget(kl, i, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(vl, i, 1)
            self.values[k] = vl
        grid.setColumnStretch(1, 1)

    def set(self, key: str, text: str) -> None:
        self.values[key].setText(text)


class DashboardPanel(QFrame):
    """Shown beside the chat; `closed` asks the window to hide it. It asks for WIDTH and gives
    way down to MIN_WIDTH in a small window; its text wraps (long values at ":" and "."), and the
    whole panel scrolls vertically."""

    closed = Signal()
    WIDTH, MIN_WIDTH = 340, 250

    def sizeHint(self) -> QSize:
        return QSize(self.WIDTH, super().sizeHint().height())

    def __init__(self, dash: ConnectionDashboard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Dashboard")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.dash = dash
        self.setMinimumWidth(self.MIN_WIDTH)
        self.setMaximumWidth(self.WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

        self.title = ElidedLabel(self.tr("Connection"))
        self.title.setObjectName("DashTitle")
        close = QToolButton()
        icons.themed(close, "close", "TEXT_MUTED", 16)
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Hide the connection dashboard"))
        close.setAccessibleName(self.tr("Hide the connection dashboard"))
        close.clicked.connect(self.closed.emit)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(close)

        self.summary = PlainLabel()
        self.summary.setObjectName("DashSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.stepper = StepperWidget(dash)

        self.k_key = self.tr("DHT key")
        self.k_addr = self.tr("Address")
        self.k_transport = self.tr("Transport")
        self.k_last = self.tr("Last packet")
        self.k_search = self.tr("Onion search")
        self.k_seen = self.tr("Last seen")
        self.k_friend_relays = self.tr("Relays")
        self.details = _Facts([self.k_key, self.k_addr, self.k_transport, self.k_friend_relays, self.k_last,
                               self.k_search, self.k_seen])

        self.k_nodes = self.tr("DHT nodes")
        self.k_paths = self.tr("Onion paths")
        self.k_announced = self.tr("Announced")
        self.k_port = self.tr("UDP port")
        self.k_relays = self.tr("TCP relays")
        self.own = _Facts([self.k_nodes, self.k_paths, self.k_announced, self.k_port, self.k_relays])
        self.own_summary = PlainLabel()
        self.own_summary.setObjectName("HintText")
        self.own_summary.setWordWrap(True)

        body = QWidget()
        self.friend_box = QWidget()
        fl = QVBoxLayout(self.friend_box)
        fl.setContentsMargins(0, 0, 0, 0)
        fl.setSpacing(10)
        fl.addWidget(self.summary)
        fl.addSpacing(4)
        fl.addWidget(_section(self.tr("Stages")))
        fl.addWidget(self.stepper)
        fl.addWidget(_section(self.tr("Recent attempts")))
        self.attempts = PlainLabel()
        self.attempts.setObjectName("DashValue")
        self.attempts.setWordWrap(True)
        self.attempts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.attempts.setAccessibleName(self.tr("Recent connection attempts"))
        fl.addWidget(self.attempts)
        fl.addWidget(_section(self.tr("Details")))
        fl.addWidget(self.details)
        fl.addSpacing(8)
        bl = QVBoxLayout(body)
        bl.setContentsMargins(16, 14, 16, 16)
        bl.setSpacing(10)
        bl.addLayout(head)
        bl.addWidget(self.friend_box)
        bl.addWidget(_section(self.tr("Our network")))
        bl.addWidget(self.own_summary)
        bl.addWidget(self.own)
        bl.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setObjectName("DashScroll")
        scroll.setAccessibleName(self.tr("Connection details"))
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.viewport().setAutoFillBackground(False)
        body.setAutoFillBackground(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(scroll)

        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        # Every second while visible: re-read the facts (cheap, and nothing shown goes stale
        # between events: "last packet", countdowns), then render.
        self.ticker.timeout.connect(dash.refresh)
        dash.changed.connect(self.render)
        self.render()

    # --- rendering -----------------------------------------------------------------------------

    def showEvent(self, e: QShowEvent) -> None:
        super().showEvent(e)
        self.render()
        self.ticker.start()

    def hideEvent(self, e: QHideEvent) -> None:
        super().hideEvent(e)
        self.ticker.stop()

    def render(self) -> None:
        """Everything, from the facts the dashboard model last read."""
        d = self.dash
        has_friend = d.public_key is not None
        self.friend_box.setVisible(has_friend)
        if has_friend:
            self.title.setText(self.tr("Connection to %1").replace("%1", d.friend_name))
        else:
            self.title.setText(self.tr("Connection"))
        self._render_self(d.self_facts)
        self.render_times()

    def render_times(self) -> None:
        """Only the time-dependent texts (countdowns, ages); no backend calls."""
        d = self.dash
        now = d.clock()
        self.stepper.now = now
        self.summary.setText(d.summary(now))
        if d.public_key is not None:
            self._render_details(d.facts, now)
            self._render_attempts(now)
        self.stepper.relayout()

    def _render_details(self, f: dict[str, Any], now: float) -> None:
        if f.get("dht_key"):
            src = self.tr("via onion") if f.get("dht_key_source") == "onion" else self.tr("via DHT")
            learned = fmt_ago(since(f.get("dht_key_learned"), now))
            self.details.set(self.k_key, f"{short_key(f.get('dht_key'))}\n{src}, {learned}")
        else:
            self.details.set(self.k_key, self.tr("not known yet"))
        addr = f.get("address")
        if addr:
            fresh = self.tr("fresh") if f.get("address_fresh") else self.tr("stale")
            self.details.set(self.k_addr, f"{addr} ({fresh})")
        else:
            self.details.set(self.k_addr, self.tr("not known yet"))
        self.details.set(self.k_transport, friend_transport(f))
        self.details.set(self.k_friend_relays, friend_relays_line(list(f.get("relays") or [])))
        self.details.set(self.k_last, fmt_ago(since(f.get("last_packet"), now)))
        if f.get("transport"):
            self.details.set(self.k_seen, self.tr("online now"))
        else:  # when the friend was last online (saved with the profile, as c-toxcore does)
            seen = float(f.get("last_seen") or 0)
            self.details.set(self.k_seen, fmt_ago(max(0.0, time.time() - seen)) if seen else self.tr("never"))
        if f.get("stage") == Stage.Established:
            self.details.set(self.k_search, self.tr("not needed while connected"))
            return
        self.details.set(
            self.k_search,
            self.tr("%1 nodes report %3 announced, %2 searches; %4")
            .replace("%1", str(int(f.get("announce_nodes") or 0)))
            .replace("%2", str(int(f.get("search_attempts") or 0)))
            .replace("%3", self.dash.friend_name)
            .replace("%4", fmt_next(until(f.get("next_search"), now), "search")),
        )

    def attempt_texts(self, now: float) -> list[str]:
        """One entry per recent attempt, newest first: the outcome, then the stage times."""
        return [f"{attempt_outcome(a, now)}\n{attempt_stages(a, now)}" for a in self.dash.attempts()]

    def _render_attempts(self, now: float) -> None:
        texts = self.attempt_texts(now)
        text = "\n\n".join(texts) if texts else self.tr("No connection attempt seen yet.")
        if self.attempts.text() != text:
            self.attempts.setText(text)

    def _render_self(self, s: dict[str, Any]) -> None:
        self.own_summary.setText(self_summary(s))
        self.own.set(
            self.k_nodes,
            self.tr("%1 known, %2 good")
            .replace("%1", str(int(s.get("dht_known") or 0)))
            .replace("%2", str(int(s.get("dht_good") or 0))),
        )
        self.own.set(self.k_paths, str(int(s.get("onion_paths") or 0)))
        self.own.set(self.k_announced, self.tr("yes") if s.get("announced") else self.tr("not yet"))
        self.own.set(self.k_port, self.tr("off (TCP only)") if s.get("udp_enabled") is False
                     else str(s.get("udp_port") or "—"))
        self.own.set(self.k_relays, relays_line(list(s.get("tcp_relays") or [])))
