"""The last few connection attempts per friend, kept from the Progress events the GUI receives.

A whole connection can take under half a second, so the dashboard's stepper alone shows only
where an attempt ended. `AttemptLog` remembers, for each friend, the last `KEEP` attempts: when
each stage was entered and how the attempt ended:

- "established": it reached the Established stage (and `lost` says when that connection went
  down, if it did);
- "timed out": it fell back to an earlier stage; `failed_at` is the last stage it reached;
- "replaced": the friend's DHT key changed while it was under way (the friend started a new
  session), so a fresh attempt took its place.

Pure Python, no Qt: `Session` feeds it, the dashboard panel renders it.
"""

from __future__ import annotations

from collections import deque
from dataclasses import field
from typing import Any

from toxgui.core.events import Stage
from toxgui.core.record import record
from toxgui.models.contacts import stage_index

KEEP = 5


@record(slots=True)
class Attempt:
    started: float
    stages: list[tuple[Stage, float]] = field(default_factory=list)  # (stage, entered), in order
    outcome: str | None = None  # None while under way; "established", "timed out", "replaced"
    ended: float | None = None  # when the outcome was decided
    failed_at: Stage | None = None  # the last stage reached, for "timed out" and "replaced"
    lost: float | None = None  # an established connection went down at this time
    dht_key: str | None = None

    @property
    def last_stage(self) -> Stage:
        return self.stages[-1][0]


def _dht_key(details: Any) -> str | None:
    if isinstance(details, dict):
        key = details.get("dht_key")
    else:
        key = getattr(details, "dht_key", None)
    return str(key) if key else None


class AttemptLog:
    """Connection attempts of every friend, the newest last, at most `keep` each."""

    def __init__(self, keep: int = KEEP) -> None:
        self.keep = keep
        self._log: dict[bytes, deque[Attempt]] = {}

    def attempts(self, pk: bytes) -> list[Attempt]:
        return list(self._log.get(pk, ()))

    def forget(self, pk: bytes) -> None:
        self._log.pop(pk, None)

    def _start(self, pk: bytes, stage: Stage, now: float, key: str | None) -> Attempt:
        attempt = Attempt(started=now, stages=[(stage, now)], dht_key=key)
        if stage == Stage.Established:
            attempt.outcome, attempt.ended = "established", now
        self._log.setdefault(pk, deque(maxlen=self.keep)).append(attempt)
        return attempt

    def progress(self, pk: bytes, stage: Stage, now: float, details: Any = None) -> None:
        """A Progress event: the friend's connection is now at `stage`."""
        key = _dht_key(details)
        log = self._log.get(pk)
        current = log[-1] if log else None
        if current is None:
            self._start(pk, stage, now, key)
            return
        last = current.last_stage
        if current.outcome is None and key and current.dht_key and key != current.dht_key:
            current.outcome, current.ended, current.failed_at = "replaced", now, last
            self._start(pk, stage, now, key)
            return
        if key and not current.dht_key:
            current.dht_key = key
        if current.outcome == "established":
            if stage != Stage.Established:
                if current.lost is None:
                    current.lost = now
                self._start(pk, stage, now, key)
            return
        if stage_index(stage) > stage_index(last):
            current.stages.append((stage, now))
            if stage == Stage.Established:
                current.outcome, current.ended = "established", now
            return
        if stage_index(stage) < stage_index(last):
            current.outcome, current.ended, current.failed_at = "timed out", now, last
            # past the DHT-key stage, the retry still uses the key the last attempt had
            kept = current.dht_key if stage != Stage.AwaitingDHTKey else None
            self._start(pk, stage, now, key or kept)

    def disconnected(self, pk: bytes, now: float) -> None:
        """The friend went offline: an established attempt records when it was lost."""
        log = self._log.get(pk)
        if log and log[-1].outcome == "established" and log[-1].lost is None:
            log[-1].lost = now
