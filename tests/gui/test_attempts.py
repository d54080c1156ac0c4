"""The dashboard keeps the last few connection attempts per friend, with each stage's time and
the outcome, all in one time format (relative: "12 s ago", durations "0.4 s")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.gui.fake_backend import FakeBackend
from toxgui.core.events import Stage
from toxgui.models.attempts import AttemptLog
from toxgui.models.session import Session
from toxgui.models.settings import AppSettings
from toxgui.store.history import History
from toxgui.ui.main_window import MainWindow


class Clock:
    def __init__(self) -> None:
        self.t = 1_800_000_000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def timed_window(qtbot, qapp, tmp_path: Path, clock: Clock) -> Iterator[tuple[MainWindow, Session, FakeBackend]]:
    backend = FakeBackend(clock=clock)
    history = History(tmp_path / "profile.db")
    session = Session(backend, history, clock=clock)
    w = MainWindow(session, AppSettings(tmp_path / "config"))
    qtbot.addWidget(w)
    w.show()
    yield w, session, backend
    session.close()
    history.close()


def test_attempt_log_outcomes_and_limit() -> None:
    log = AttemptLog(keep=5)
    pk = b"k" * 32
    log.progress(pk, Stage.AwaitingDHTKey, 0.0)
    log.progress(pk, Stage.AcquiringIPAddress, 1.0, {"dht_key": "aa"})
    log.progress(pk, Stage.AcquiringCookie, 1.5)
    log.progress(pk, Stage.AcquiringIPAddress, 4.0)  # fell back: the cookie stage timed out
    first = log.attempts(pk)[0]
    assert first.outcome == "timed out" and first.failed_at == Stage.AcquiringCookie and first.ended == 4.0
    assert [s for s, _ in first.stages] == [Stage.AwaitingDHTKey, Stage.AcquiringIPAddress, Stage.AcquiringCookie]
    log.progress(pk, Stage.AcquiringCookie, 5.0, {"dht_key": "bb"})  # a new DHT key: a new session
    second = log.attempts(pk)[1]
    assert second.outcome == "replaced" and second.failed_at == Stage.AcquiringIPAddress
    for i, stage in enumerate((Stage.AwaitingHandshake, Stage.AwaitingSessionPacket, Stage.Established)):
        log.progress(pk, stage, 6.0 + i)
    third = log.attempts(pk)[2]
    assert third.outcome == "established" and third.ended == 8.0 and third.lost is None
    log.disconnected(pk, 20.0)
    assert third.lost == 20.0
    for t in range(5):
        log.progress(pk, Stage.AcquiringIPAddress, 30.0 + 2 * t)
        log.progress(pk, Stage.AwaitingDHTKey, 31.0 + 2 * t)
    attempts = log.attempts(pk)
    assert len(attempts) == 5  # only the last few are kept
    assert all(a.started >= 30.0 for a in attempts)
    log.forget(pk)
    assert log.attempts(pk) == []


def test_dashboard_shows_recent_attempts_in_one_time_format(
    qtbot, timed_window: tuple[MainWindow, Session, FakeBackend], clock: Clock
) -> None:
    window, session, backend = timed_window
    pk = backend.add_friend_direct("Carol")
    backend.set_dht(40, 25, onion_paths=2, announced=True)
    window.select_friend(pk)
    window.header.dash_btn.click()
    panel = window.dash_panel
    # a first attempt that gets as far as the cookie and then falls back
    clock.t += 0.2
    backend.advance(pk)
    clock.t += 0.3
    backend.advance(pk)
    clock.t += 5.0
    backend.set_stage(pk, Stage.AwaitingDHTKey)
    # a second one that connects in 0.4 s
    for _ in range(5):
        clock.t += 0.08
        backend.advance(pk)
    assert session.connection_attempts(pk)[-1].outcome == "established"
    clock.t += 12
    panel.render()
    texts = panel.attempt_texts(clock.t)
    assert len(texts) == 2  # newest first
    assert texts[0].splitlines()[0] == "12 s ago: connected in 0.4 s"
    assert texts[0].splitlines()[1] == (
        "Find DHT key 0.1 s → Find address 0.1 s → Get cookie 0.1 s → Handshake 0.1 s → "
        "Confirm session 0.1 s → Connected"
    )
    assert texts[1].splitlines()[0] == "17 s ago: timed out at “Get cookie” after 5.5 s"
    assert texts[1].splitlines()[1] == "Find DHT key 0.2 s → Find address 0.3 s → Get cookie 5.0 s"
    assert panel.attempts.text() == "\n\n".join(texts)
    # the connection drops: the attempt says when, and a new one is under way
    clock.t += 3
    backend.disconnect(pk)
    clock.t += 2
    panel.render()
    lines = panel.attempts.text().splitlines()
    assert lines[0] == "2 s ago: under way for 2.0 s, at “Find DHT key”"
    assert lines[3] == "17 s ago: connected in 0.4 s; lost 2 s ago"
    # one time format everywhere: relative times and durations, no clock times
    stepper = [panel.stepper.subtitle(i) for i in range(6)]
    assert stepper[0] == "started 2 s ago"
    everything = "\n".join([panel.attempts.text(), panel.summary.text(), *stepper])
    assert not re.search(r"\d\d:\d\d", everything), everything
    # another friend's dashboard has its own history
    dave = backend.add_friend_direct("Dave")
    window.select_friend(dave)
    assert len(panel.attempt_texts(clock.t)) == 1
    assert panel.attempts.text() == "just now: under way for 0.0 s, at “Find DHT key”\nFind DHT key 0.0 s"
