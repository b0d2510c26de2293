"""The one clock: every part of the tutor that needs "now" asks a :data:`Clock`.

A clock is a zero-argument callable returning an aware UTC ``datetime``. The default,
:func:`system_clock`, reads the machine's time; :class:`ManualClock` is set by hand, so that the
budget's day, review due dates and attempt timestamps can be run at any date (a test sets it a
year ahead and checks nothing depends on the calendar). The clock travels with the settings
(:attr:`tutor.context.TutorContext.clock`) to the lesson, the learner store, the usage log and
the budget; nothing else reads the time of day.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

Clock = Callable[[], datetime]
"""Returns the current time as an aware UTC datetime."""


def system_clock() -> datetime:
    """The machine's time, in UTC."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """``moment`` in UTC; a naive datetime raises :class:`ValueError` (its zone is unknown)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"datetime {moment.isoformat()} has no time zone; pass a UTC datetime")
    return moment.astimezone(UTC)


def today(clock: Clock) -> date:
    """The UTC calendar day of ``clock``."""
    return as_utc(clock()).date()


class ManualClock:
    """A clock that only moves when told to; thread-safe. ``ManualClock(start)`` then
    :meth:`advance` or :meth:`set`."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = as_utc(start) if start is not None else system_clock()
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, delta: timedelta | None = None, **parts: float) -> datetime:
        """Move forward by ``delta`` (or ``timedelta(**parts)``); returns the new time."""
        step = delta if delta is not None else timedelta(**parts)
        with self._lock:
            self._now = self._now + step
            return self._now

    def set(self, moment: datetime) -> None:
        with self._lock:
            self._now = as_utc(moment)
