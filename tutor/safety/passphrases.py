"""Passphrase rules shared by learner profiles and author accounts: a minimum length, and a
limit on wrong attempts.

After :data:`FREE_ATTEMPTS` wrong passphrases for one account, each further attempt must wait
(:data:`FIRST_WAIT_S` seconds, doubling with each failure up to :data:`MAX_WAIT_S`); a right
passphrase clears the count. The count lives in the process that checks (the web server), so
guessing through the app is slowed to a few attempts an hour; it is not a defence against
someone who can read the database file itself (the hashes are scrypt, which is).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from tutor.errors import LearnerError

MIN_PASSPHRASE = 8
"""Characters a new passphrase must have at least."""
FREE_ATTEMPTS = 5
FIRST_WAIT_S = 30.0
MAX_WAIT_S = 3600.0


def check_new_passphrase(passphrase: str) -> str:
    """The passphrase, or :class:`LearnerError` when it is shorter than the minimum."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise LearnerError(
            f"a passphrase needs at least {MIN_PASSPHRASE} characters (a few words are best)"
        )
    return passphrase


@dataclass
class _Failures:
    count: int = 0
    locked_until: float = 0.0


class AttemptLimiter:
    """Counts wrong passphrases per account and refuses attempts while one is locked."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: dict[str, _Failures] = {}

    def check(self, account: str) -> None:
        """:class:`LearnerError` when ``account`` must wait before its next attempt."""
        with self._lock:
            failures = self._failures.get(account)
            wait = failures.locked_until - self._clock() if failures else 0.0
        if wait > 0:
            raise LearnerError(
                f"too many wrong passphrases; try again in {int(wait) + 1} s"
            )

    def record(self, account: str, right: bool) -> None:
        with self._lock:
            if right:
                self._failures.pop(account, None)
                return
            failures = self._failures.setdefault(account, _Failures())
            failures.count += 1
            over = failures.count - FREE_ATTEMPTS
            if over >= 0:
                wait = min(MAX_WAIT_S, FIRST_WAIT_S * 2**over)
                failures.locked_until = self._clock() + wait

    def attempt(self, account: str, verify: Callable[[], bool]) -> bool:
        """Check the lock, run ``verify`` and record its outcome."""
        self.check(account)
        right = verify()
        self.record(account, right)
        return right


LIMITER = AttemptLimiter()
"""The process-wide limiter for learner profiles and author accounts."""
