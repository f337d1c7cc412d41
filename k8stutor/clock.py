"""Virtual time and seeded randomness: the only sources of "now" and of chance.

Shaped like simpy's core (src/simpy/core.py): one clock, one heap of
``(time, priority, seq, callback)`` with a counter breaking ties, and only
``step()`` / ``run(until=)`` move time.  Nothing in k8stutor reads the wall clock.
"""

from __future__ import annotations

import heapq
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

#: The instant every simulated cluster starts at (minikube start, seed-independent).
EPOCH = datetime(2025, 1, 15, 9, 0, 0, tzinfo=UTC)

_DURATION = re.compile(r"(\d+(?:\.\d+)?)(ms|h|m|s)")
_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_duration(text: str | float | int) -> float:
    """Seconds in a Go-style duration ("30s", "1m30s", "1.5h", "250ms"); numbers are seconds."""
    if isinstance(text, (int, float)):
        return float(text)
    text = text.strip()
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return float(text)
    pos, total = 0, 0.0
    for m in _DURATION.finditer(text):
        if m.start() != pos:
            raise ValueError(f'time: invalid duration "{text}"')
        total += float(m.group(1)) * _UNITS[m.group(2)]
        pos = m.end()
    if pos != len(text) or not text:
        raise ValueError(f'time: invalid duration "{text}"')
    return total


# Formatting and parsing timestamps is pure and costly at scale (thousands of pods stamped at the same
# instants): both directions are memoised, shared by all clocks (same EPOCH).
_STAMPS: dict[float, str] = {}  # seconds since EPOCH -> RFC 3339
_OFFSETS: dict[str, float] = {}  # RFC 3339 -> seconds since EPOCH


def instant(stamp: str) -> float:
    """The virtual time (seconds since EPOCH) an RFC 3339 stamp names; the inverse of Clock.timestamp."""
    offset = _OFFSETS.get(stamp)
    if offset is None:
        then = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        offset = _OFFSETS[stamp] = (then - EPOCH).total_seconds()
    return offset


@dataclass(order=True)
class _Timer:
    at: float
    priority: int
    seq: int
    callback: Callable[[], None] = field(compare=False)
    cancelled: bool = field(default=False, compare=False)


class Clock:
    """Virtual seconds since :data:`EPOCH`, a timer heap, and the cluster's seeded RNG."""

    def __init__(self, seed: int = 0) -> None:
        self.now: float = 0.0
        self.random = random.Random(seed)
        self._heap: list[_Timer] = []
        self._seq = 0

    # -- time ---------------------------------------------------------------
    def datetime(self, at: float | None = None) -> datetime:
        return EPOCH + timedelta(seconds=self.now if at is None else at)

    def timestamp(self, at: float | None = None) -> str:
        """RFC 3339 in UTC, seconds precision, as metav1.Time serialises."""
        at = self.now if at is None else at
        stamp = _STAMPS.get(at)
        if stamp is None:
            stamp = _STAMPS[at] = self.datetime(at).strftime("%Y-%m-%dT%H:%M:%SZ")
        return stamp

    def seconds_since(self, stamp: str) -> float:
        return self.now - instant(stamp)

    # -- timers -------------------------------------------------------------
    def call_at(self, at: float, callback: Callable[[], None], priority: int = 0) -> _Timer:
        self._seq += 1
        timer = _Timer(max(at, self.now), priority, self._seq, callback)
        heapq.heappush(self._heap, timer)
        return timer

    def call_later(self, delay: float, callback: Callable[[], None], priority: int = 0) -> _Timer:
        return self.call_at(self.now + delay, callback, priority)

    def peek(self) -> float | None:
        """Time of the next live timer, or None."""
        while self._heap and self._heap[0].cancelled:
            heapq.heappop(self._heap)
        return self._heap[0].at if self._heap else None

    def step(self) -> bool:
        """Fire the next timer (moving time to it); False when none is left."""
        if self.peek() is None:
            return False
        timer = heapq.heappop(self._heap)
        self.now = timer.at
        timer.callback()
        return True

    def run(self, until: float, after_each: Callable[[], None] | None = None) -> None:
        """Fire every timer due up to ``until``, then set the clock to ``until``."""
        while (nxt := self.peek()) is not None and nxt <= until:
            self.step()
            if after_each:
                after_each()
        self.now = max(self.now, until)
